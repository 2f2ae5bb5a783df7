//! What the format calls warnings: shown to the user, kept in the data, never
//! a reason to refuse a file.
//!
//! Each warning names its item the way people see it, with its title
//! shortened: « Action A3 — Réunions mensuelles… : aucun pilote »,
//! « Objectif O3 · priorité 1 — Prévenir les ruptures… : aucun indicateur ».
//! The field path (`actions[2].lead`) stays in [`Warning::path`] for
//! machines (the CLI, links to the field); people read [`Warning::message`].
//! [`objective_name`], [`action_name`] and [`indicator_name`] are public so
//! other documents name items the same way.
//!
//! Adding a warning: a [`WarningCode`], its check in [`warnings`] with a
//! message that starts with the item's name, a test.

use crate::french;
use crate::roadmap::{is_state_funder, Action, FundingLine, Indicator, Objective, Roadmap};
use serde::Serialize;
use std::collections::HashSet;
use std::fmt;

/// Kind of warning; the UI switches on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum WarningCode {
    /// No action serves the objective.
    ObjectiveWithoutAction,
    /// No indicator measures the objective.
    ObjectiveWithoutIndicator,
    /// The indicator has no baseline.
    IndicatorWithoutBaseline,
    /// The indicator has no target.
    IndicatorWithoutTarget,
    /// The action has no lead (*pilote*).
    ActionWithoutLead,
    /// The action has no funding line.
    ActionWithoutFunding,
    /// A funding line's year is outside the strategy period.
    FundingOutsidePeriod,
    /// The State funds more than half of the action.
    StateShareAbove50,
    /// The period itself breaks the format's rules (end before start, a year
    /// outside 2000–2100): funding years are not checked against it.
    PeriodInvalid,
}

/// One warning at one place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Warning {
    /// Field path as in the format, for machines (links, the CLI).
    pub path: String,
    /// Kind.
    pub code: WarningCode,
    /// What to look at, in French, naming the item: what people read.
    pub message: String,
}

impl fmt::Display for Warning {
    /// `path: message`, as the CLI prints it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// Most characters of a title kept in a name.
pub const TITLE_CHARS: usize = 36;

/// A title on one line, cut at a word with `…` when longer than
/// [`TITLE_CHARS`]: « Réunions mensuelles du comité de pilotage
/// départemental » → « Réunions mensuelles du comité… ».
pub fn short_title(title: &str) -> String {
    // One line: runs of spaces and line breaks become one space; control
    // characters are not echoed.
    let mut line = String::new();
    for word in title.split_whitespace() {
        if line.chars().count() > TITLE_CHARS {
            break;
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.extend(word.chars().map(|c| if c.is_control() { '\u{FFFD}' } else { c }));
    }
    if line.chars().count() <= TITLE_CHARS {
        return line;
    }
    let cut: String = line.chars().take(TITLE_CHARS).collect();
    // Back to the last space when it keeps at least half the title.
    let cut = match cut.rfind(' ') {
        Some(i) if cut[..i].chars().count() >= TITLE_CHARS / 2 => &cut[..i],
        _ => cut.as_str(),
    };
    let mut cut = cut.trim_end_matches(|c: char| c.is_whitespace() || ",;:.–—-(«".contains(c));
    // Not « Associer les jeunes concernés au… »: a short word that leads to
    // the next one goes with it.
    const LEADING: [&str; 24] = [
        "à", "au", "aux", "de", "du", "des", "d’", "d'", "la", "le", "les", "l’", "l'", "un", "une", "et", "ou", "en",
        "pour", "par", "sur", "dans", "avec", "sans",
    ];
    while let Some((before, last)) = cut.rsplit_once(' ') {
        if !LEADING.contains(&last.to_lowercase().as_str()) || before.chars().count() < TITLE_CHARS / 2 {
            break;
        }
        cut = before.trim_end_matches(|c: char| c.is_whitespace() || ",;:.–—-(«".contains(c));
    }
    format!("{cut}…")
}

/// `Kind ID — title…`, or without the parts that are empty.
fn name(kind: &str, id: &str, title: &str) -> String {
    let id = crate::validation::shorten(id.trim());
    let title = short_title(title);
    let mut out = String::from(kind);
    if !id.is_empty() {
        out.push(' ');
        out.push_str(&id);
    }
    if !title.is_empty() {
        out.push_str(" — ");
        out.push_str(&title);
    }
    out
}

/// « Objectif O3 · priorité 1 — Prévenir les ruptures… »: code and rank together.
pub fn objective_name(o: &Objective) -> String {
    name(&format!("Objectif {}", o.code_and_rank()), "", &o.title)
}

/// « Action A3 — Réunions mensuelles… ».
pub fn action_name(a: &Action) -> String {
    name("Action", &a.id, &a.title)
}

/// « Indicateur ind_1 — Jeunes accompagnés… ».
pub fn indicator_name(x: &Indicator) -> String {
    name("Indicateur", &x.id, &x.name)
}

/// The State's share of an action's funding, when the action has any.
pub fn state_share(funding: &[FundingLine]) -> Option<f64> {
    let total: i128 = funding.iter().map(|f| i128::from(f.amount_cents)).sum();
    if total <= 0 {
        return None;
    }
    let state: i128 = funding
        .iter()
        .filter(|f| is_state_funder(&f.funder))
        .map(|f| i128::from(f.amount_cents))
        .sum();
    Some(state as f64 / total as f64)
}

/// Whether the State's share is strictly above one half, computed exactly.
fn state_above_half(funding: &[FundingLine]) -> bool {
    let total: i128 = funding.iter().map(|f| i128::from(f.amount_cents)).sum();
    let state: i128 = funding
        .iter()
        .filter(|f| is_state_funder(&f.funder))
        .map(|f| i128::from(f.amount_cents))
        .sum();
    total > 0 && state * 2 > total
}

/// Every warning of a roadmap, in document order.
pub fn warnings(r: &Roadmap) -> Vec<Warning> {
    let mut out = Vec::new();
    let mut push = |path: String, code, message: String| out.push(Warning { path, code, message });

    let period_ok = r.period.is_valid();
    if !period_ok {
        let p = r.period;
        let (path, why) = if p.end < p.start {
            ("period.end", "l’année de fin précède l’année de début".to_string())
        } else {
            (
                if crate::roadmap::Period::YEARS.contains(&p.start) {
                    "period.end"
                } else {
                    "period.start"
                },
                "les années doivent être comprises entre 2000 et 2100".to_string(),
            )
        };
        let funded = r.actions.iter().any(|a| !a.funding.is_empty());
        let then = if funded {
            " ; les années des financements seront vérifiées quand elle sera corrigée"
        } else {
            ""
        };
        push(
            path.to_string(),
            WarningCode::PeriodInvalid,
            format!("Période {} : {why}{then}", french::period(p.start, p.end)),
        );
    }

    let served: HashSet<&str> = r
        .actions
        .iter()
        .flat_map(|a| a.objectives.iter().map(String::as_str))
        .collect();
    let measured: HashSet<&str> = r
        .indicators
        .iter()
        .flat_map(|x| x.objectives.iter().flatten().map(String::as_str))
        .collect();
    for (i, o) in r.objectives.iter().enumerate() {
        if !served.contains(o.id.as_str()) {
            push(
                format!("objectives[{i}]"),
                WarningCode::ObjectiveWithoutAction,
                format!("{} : aucune action", objective_name(o)),
            );
        }
        if !measured.contains(o.id.as_str()) {
            push(
                format!("objectives[{i}]"),
                WarningCode::ObjectiveWithoutIndicator,
                format!("{} : aucun indicateur", objective_name(o)),
            );
        }
    }
    for (i, a) in r.actions.iter().enumerate() {
        if a.lead.as_deref().is_none_or(|l| l.trim().is_empty()) {
            push(
                format!("actions[{i}].lead"),
                WarningCode::ActionWithoutLead,
                format!("{} : aucun pilote", action_name(a)),
            );
        }
        if a.funding.is_empty() {
            push(
                format!("actions[{i}].funding"),
                WarningCode::ActionWithoutFunding,
                format!("{} : aucun financement", action_name(a)),
            );
        }
        for (j, f) in a.funding.iter().enumerate() {
            if period_ok && !r.period.contains(f.year) {
                let funder = short_title(&f.funder);
                let funder = if funder.is_empty() {
                    "sans financeur".to_string()
                } else {
                    funder
                };
                push(
                    format!("actions[{i}].funding[{j}].year"),
                    WarningCode::FundingOutsidePeriod,
                    format!(
                        "{}, financement {funder} {} ({}) : hors de la période {}",
                        action_name(a),
                        french::year(f.year),
                        french::money_cents(i128::from(f.amount_cents)),
                        french::period(r.period.start, r.period.end)
                    ),
                );
            }
        }
        if state_above_half(&a.funding) {
            let share = state_share(&a.funding).unwrap_or(0.0);
            push(
                format!("actions[{i}].funding"),
                WarningCode::StateShareAbove50,
                format!(
                    "{} : part de l’État de {}, au-delà du plafond de 50{}% du cofinancement",
                    action_name(a),
                    french::percent(share),
                    french::NNBSP
                ),
            );
        }
    }
    for (i, x) in r.indicators.iter().enumerate() {
        if x.baseline.is_none() {
            push(
                format!("indicators[{i}].baseline"),
                WarningCode::IndicatorWithoutBaseline,
                format!("{} : pas de valeur de référence", indicator_name(x)),
            );
        }
        if x.target.is_none() {
            push(
                format!("indicators[{i}].target"),
                WarningCode::IndicatorWithoutTarget,
                format!("{} : pas de cible", indicator_name(x)),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::roadmap::{FundingLine, Period};
    use crate::sample;

    /// A generated roadmap with no warning at all, to break one thing at a time.
    fn sound() -> Roadmap {
        let r = sample::generate("00000000-0000-4000-8000-000000000001", 5, 4, 4, 7);
        assert_eq!(warnings(&r), vec![], "the generated roadmap starts without warnings");
        r
    }

    fn messages(r: &Roadmap) -> Vec<String> {
        warnings(r).into_iter().map(|w| w.message).collect()
    }

    #[test]
    fn titles_are_cut_at_a_word_with_an_ellipsis() {
        assert_eq!(
            short_title("Réunions mensuelles"),
            "Réunions mensuelles",
            "short titles stay whole"
        );
        assert_eq!(
            short_title("Réunions mensuelles du comité de pilotage départemental"),
            "Réunions mensuelles du comité…",
            "cut after a whole word (not a dangling « de »), at most 36 characters, then an ellipsis"
        );
        assert_eq!(
            short_title("  deux\n lignes  "),
            "deux lignes",
            "one line, spaces tidied"
        );
        let long_word = "x".repeat(200_000);
        assert_eq!(
            short_title(&long_word).chars().count(),
            TITLE_CHARS + 1,
            "a 200,000-character word is cut too"
        );
        assert_eq!(
            short_title("Accès aux droits, à la santé et au logement des familles"),
            "Accès aux droits, à la santé…",
            "no dangling « et au » before the ellipsis"
        );
        assert_eq!(
            short_title("Associer les jeunes concernés au pilotage de la stratégie"),
            "Associer les jeunes concernés…"
        );
        assert_eq!(
            short_title("a\u{1b}b"),
            "a\u{FFFD}b",
            "control characters are not echoed"
        );
    }

    #[test]
    fn items_are_named_as_people_see_them() {
        let mut r = sound();
        r.actions[2].id = "A3".into();
        r.actions[2].title = "Réunions mensuelles du comité de pilotage départemental".into();
        r.actions[2].lead = None;
        let w = warnings(&r);
        assert_eq!(w.len(), 1, "{w:?}");
        assert_eq!(w[0].path, "actions[2].lead", "the path stays for machines");
        assert_eq!(
            w[0].message, "Action A3 — Réunions mensuelles du comité… : aucun pilote",
            "item, code and shortened title, then the point"
        );
        assert!(!w[0].message.contains("actions["), "no field path in the message");
    }

    #[test]
    fn objectives_show_code_and_rank_together() {
        let mut r = sound();
        // The third objective, O3, ranked first.
        let o3 = r
            .objectives
            .iter()
            .position(|o| o.id == "O3")
            .expect("the sample has an O3");
        for (i, o) in r.objectives.iter_mut().enumerate() {
            o.priority = if i == o3 { 1 } else { 10 + i as i64 };
        }
        r.objectives[o3].title = "Prévenir les ruptures de parcours".into();
        for a in &mut r.actions {
            a.objectives.retain(|o| o != "O3");
        }
        for x in &mut r.indicators {
            if let Some(o) = &mut x.objectives {
                o.retain(|o| o != "O3");
            }
        }
        assert_eq!(
            messages(&r),
            vec![
                "Objectif O3 · priorité\u{A0}1 — Prévenir les ruptures de parcours : aucune action",
                "Objectif O3 · priorité\u{A0}1 — Prévenir les ruptures de parcours : aucun indicateur",
            ],
            "« aucune action » (feminine), code and rank side by side"
        );
    }

    #[test]
    fn every_kind_of_warning_names_its_item() {
        let mut r = sound();
        r.actions[0].funding.clear();
        r.actions[1].funding = vec![FundingLine {
            funder: "État".into(),
            year: r.period.start,
            amount_cents: 600_000_000,
        }];
        r.indicators[0].baseline = None;
        r.indicators[1].target = None;
        let (a0, a1) = (action_name(&r.actions[0]), action_name(&r.actions[1]));
        let (x0, x1) = (indicator_name(&r.indicators[0]), indicator_name(&r.indicators[1]));
        assert_eq!(
            messages(&r),
            vec![
                format!("{a0} : aucun financement"),
                format!("{a1} : part de l’État de 100\u{202F}%, au-delà du plafond de 50\u{202F}% du cofinancement"),
                format!("{x0} : pas de valeur de référence"),
                format!("{x1} : pas de cible"),
            ]
        );
        assert!(a0.starts_with(&format!("Action {} — ", r.actions[0].id)), "{a0}");
        assert!(x0.starts_with(&format!("Indicateur {} — ", r.indicators[0].id)), "{x0}");
    }

    #[test]
    fn funding_outside_the_period_says_which_action_and_line() {
        let mut r = sound();
        r.period = Period { start: 2019, end: 2022 };
        for a in &mut r.actions {
            for f in &mut a.funding {
                f.year = 2020;
            }
        }
        r.actions[1].id = "A2".into();
        r.actions[1].title = "Ateliers".into();
        r.actions[1].funding[0] = FundingLine {
            funder: "État".into(),
            year: 2023,
            amount_cents: 500_000,
        };
        let w = warnings(&r);
        let outside: Vec<&Warning> = w
            .iter()
            .filter(|w| w.code == WarningCode::FundingOutsidePeriod)
            .collect();
        assert_eq!(outside.len(), 1, "{w:?}");
        assert_eq!(outside[0].path, "actions[1].funding[0].year");
        assert_eq!(
            outside[0].message,
            "Action A2 — Ateliers, financement État 2023 (5\u{202F}000\u{A0}€) : hors de la période 2019–2022",
            "the action, the funder and year, the amount, the period"
        );
    }

    #[test]
    fn an_invalid_period_is_one_warning_not_one_per_funding_line() {
        let mut r = sound();
        let lines: usize = r.actions.iter().map(|a| a.funding.len()).sum();
        assert!(lines >= 4, "the sample has funding lines to check");
        r.period = Period { start: 2024, end: 2020 };
        let w = warnings(&r);
        assert_eq!(w.len(), 1, "one warning about the period: {w:?}");
        assert_eq!(w[0].code, WarningCode::PeriodInvalid);
        assert_eq!(w[0].path, "period.end");
        assert_eq!(
            w[0].message,
            "Période 2024–2020 : l’année de fin précède l’année de début ; les années des financements seront vérifiées quand elle sera corrigée"
        );
        r.period = Period { start: 1990, end: 2022 };
        let w = warnings(&r);
        assert_eq!(w.len(), 1, "{w:?}");
        assert_eq!(w[0].path, "period.start", "the year that is out of range");
        assert!(w[0]
            .message
            .starts_with("Période 1990–2022 : les années doivent être comprises entre 2000 et 2100"));
    }
}
