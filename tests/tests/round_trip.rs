//! Exact round trip through the whole chain: a generated valid roadmap,
//! written as a file, imported into a store and exported again, gives back
//! the same JSON value — ids of any allowed shape, priorities with gaps,
//! absent versus empty fields, TAB/CRLF, decomposed accents, emoji, integer
//! versus float numbers: nothing normalised.

use fdr_core::catalogue::Catalogue;
use fdr_core::*;
use fdr_store::{fixed_clock, Store};
use proptest::collection::{hash_set, vec};
use proptest::option;
use proptest::prelude::*;
use proptest::sample::subsequence;

/// Text with what tends to break round trips: TAB, CR, LF, a decomposed
/// accent, emoji, quotes, backslashes, Markdown markers, RTL.
fn text() -> impl Strategy<Value = String> {
    proptest::string::string_regex("[a-zA-Zé\u{301}œ😀👩‍👩‍👧\t\r\n \"\\\\*_\u{5d0}\u{202F}-]{0,24}").expect("regex")
}

fn non_empty_text() -> impl Strategy<Value = String> {
    proptest::string::string_regex("[a-zé\u{301}😀\t\r\n \"-]{1,16}").expect("regex")
}

fn number() -> impl Strategy<Value = Number> {
    prop_oneof![
        any::<i64>().prop_map(Number::from),
        any::<u64>().prop_map(Number::from),
        (-1e12f64..1e12).prop_map(|f| Number::from_f64(f).expect("finite")),
        Just(Number::from_f64(18.0).expect("finite")),
        Just(Number::from_f64(0.1).expect("finite")),
    ]
}

fn date() -> impl Strategy<Value = String> {
    (2000i32..2100, 1u8..=12, 1u8..=28).prop_map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}"))
}

fn strings() -> impl Strategy<Value = Option<Vec<String>>> {
    option::of(vec(text(), 0..3))
}

fn dated() -> impl Strategy<Value = DatedValue> {
    (number(), date(), option::of(text())).prop_map(|(value, date, comment)| DatedValue { value, date, comment })
}

fn ids(prefix: &'static str, max: usize) -> impl Strategy<Value = Vec<String>> {
    hash_set("[A-Za-z0-9_.-]{1,31}", 0..max)
        .prop_map(move |set| {
            set.into_iter()
                .enumerate()
                .map(|(i, s)| if i % 3 == 0 { format!("{prefix}{s}") } else { s })
                .collect()
        })
        .prop_map(|v: Vec<String>| {
            v.into_iter()
                .map(|s| s.chars().take(32).collect())
                .collect::<std::collections::HashSet<String>>()
                .into_iter()
                .collect()
        })
}

fn roadmap() -> impl Strategy<Value = Roadmap> {
    let people = vec(
        (
            non_empty_text(),
            option::of(text()),
            option::of(text()),
            option::of(text()),
            option::of(text()),
        )
            .prop_map(|(name, organisation, role, email, phone)| Animator {
                name,
                organisation,
                role,
                email,
                phone,
            }),
        0..3,
    );
    let figures = vec(
        (
            non_empty_text(),
            number(),
            option::of(text()),
            option::of(any::<i64>()),
            option::of(text()),
            option::of(text()),
        )
            .prop_map(|(label, value, unit, year, territory, source)| KeyFigure {
                label,
                value,
                unit,
                year,
                territory,
                source,
            }),
        0..3,
    );
    let practices = vec(
        (
            proptest::sample::select(Stage::ALL.to_vec()),
            proptest::sample::select(Method::ALL.to_vec()),
            non_empty_text(),
            option::of(0i64..1_000_000),
            option::of(date()),
        )
            .prop_map(|(stage, method, description, participants, date)| Practice {
                stage,
                method,
                description,
                participants,
                date,
            }),
        0..3,
    );
    (
        ids("O", 5),
        ids("A", 5),
        ids("I", 4),
        people,
        figures,
        practices,
        text(),
        text(),
        0usize..15,
        any::<u64>(),
    )
        .prop_flat_map(
            |(objective_ids, action_ids, indicator_ids, people, figures, practices, diag, part, theme, seed)| {
                let n_o = objective_ids.len();
                let objectives = (
                    hash_set(1i64..10_000, n_o..=n_o),
                    vec((non_empty_text(), option::of(text()), strings()), n_o..=n_o),
                )
                    .prop_map({
                        let objective_ids = objective_ids.clone();
                        move |(priorities, fields)| {
                            objective_ids
                                .iter()
                                .zip(priorities)
                                .zip(fields)
                                .map(|((id, priority), (title, text, territories))| Objective {
                                    id: id.clone(),
                                    priority,
                                    title,
                                    text,
                                    territories,
                                })
                                .collect::<Vec<_>>()
                        }
                    });
                let n_a = action_ids.len();
                let actions = vec(
                    (
                        subsequence(objective_ids.clone(), 0..=n_o),
                        non_empty_text(),
                        (option::of(text()), option::of(text()), strings(), strings()),
                        (
                            option::of(date()),
                            proptest::sample::select(ActionStatus::ALL.to_vec()),
                            option::of(0.0f64..100.0),
                        ),
                        vec((non_empty_text(), 1990i64..2100, 0i64..i64::MAX / 10_000), 0..4),
                    ),
                    n_a..=n_a,
                )
                .prop_map({
                    let action_ids = action_ids.clone();
                    move |fields| {
                        action_ids
                            .iter()
                            .zip(fields)
                            .map(
                                |(
                                    id,
                                    (
                                        objectives,
                                        title,
                                        (text, lead, partners, territories),
                                        (start, status, fte),
                                        funding,
                                    ),
                                )| Action {
                                    id: id.clone(),
                                    objectives,
                                    title,
                                    text,
                                    lead,
                                    partners,
                                    territories,
                                    end: start.clone(),
                                    start,
                                    status,
                                    fte: fte.and_then(Number::from_f64),
                                    funding: funding
                                        .into_iter()
                                        .map(|(funder, year, amount_cents)| FundingLine {
                                            funder,
                                            year,
                                            amount_cents,
                                        })
                                        .collect(),
                                },
                            )
                            .collect::<Vec<_>>()
                    }
                });
                let n_i = indicator_ids.len();
                let indicators = vec(
                    (
                        option::of(subsequence(objective_ids.clone(), 0..=n_o)),
                        option::of(subsequence(action_ids.clone(), 0..=n_a)),
                        (
                            non_empty_text(),
                            option::of(text()),
                            non_empty_text(),
                            proptest::sample::select(Direction::ALL.to_vec()),
                        ),
                        (option::of(dated()), option::of(dated()), option::of(vec(dated(), 0..3))),
                        (
                            option::of(text()),
                            option::of(proptest::sample::select(Frequency::ALL.to_vec())),
                        ),
                    ),
                    n_i..=n_i,
                )
                .prop_map(move |fields| {
                    indicator_ids
                        .iter()
                        .zip(fields)
                        .map(
                            |(
                                id,
                                (
                                    objectives,
                                    actions,
                                    (name, definition, unit, direction),
                                    (baseline, target, measurements),
                                    (source, frequency),
                                ),
                            )| Indicator {
                                id: id.clone(),
                                objectives,
                                actions,
                                name,
                                definition,
                                unit,
                                direction,
                                baseline,
                                target,
                                measurements,
                                source,
                                frequency,
                            },
                        )
                        .collect::<Vec<_>>()
                });
                (objectives, actions, indicators).prop_map(move |(objectives, actions, indicators)| {
                    let c = Catalogue::builtin();
                    let uuid = format!(
                        "{:08x}-{:04x}-4{:03x}-8{:03x}-{:012x}",
                        seed as u32,
                        (seed >> 32) as u16,
                        seed % 4096,
                        (seed >> 8) % 4096,
                        seed % (1 << 48)
                    );
                    Roadmap {
                        id: uuid,
                        revision: 1 + (seed % 50) as i64,
                        region: c.region.clone(),
                        period: c.period,
                        theme: c.themes[theme].clone(),
                        status: RoadmapStatus::Submitted,
                        animators: people.clone(),
                        diagnosis: Diagnosis {
                            text: diag.clone(),
                            key_figures: figures.clone(),
                        },
                        objectives,
                        actions,
                        indicators,
                        participation: Participation {
                            text: part.clone(),
                            practices: practices.clone(),
                        },
                    }
                })
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn valid_roadmaps_round_trip_exactly(r in roadmap()) {
        let problems = fdr_core::validation::validate(&r, Catalogue::builtin());
        prop_assert!(problems.is_empty(), "the generator makes valid roadmaps: {:?}", problems);
        let file = fdr_format::encode(&r, "2026-11-23T09:30:00.25+01:00");
        let decoded = fdr_format::decode(&file, Catalogue::builtin()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(&decoded.roadmap, &r, "decode(encode(r)) is r");

        let mut store = Store::open_in_memory(fixed_clock("2026-11-23T10:00:00Z")).expect("store");
        store.import(&file, Some("p.json")).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(&store.roadmap(&r.id).expect("load"), &r, "the store holds exactly the roadmap");
        let exported = store.export_json(&r.id, "2030-01-01T00:00:00Z").expect("export");
        prop_assert!(!exported.new_revision, "an unedited import keeps its revision");
        let a: serde_json::Value = serde_json::from_slice(&file).expect("json");
        let b: serde_json::Value = serde_json::from_slice(&exported.bytes).expect("json");
        prop_assert_eq!(a, b, "import then export gives the same JSON value, exported_at included");
    }
}
