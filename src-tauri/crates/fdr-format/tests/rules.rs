//! Every rule of the exchange format v1 (`docs/format/README.md`, "Rules
//! beyond the schema", the schema's own constraints, and the warnings), proved
//! on files: the public example must pass and round-trip exactly; one bad file
//! per rule, each made by changing one thing in the example, must be refused
//! with the field's path and the rule's code.

use fdr_core::catalogue::Catalogue;
use fdr_core::validation::{ProblemCode, MAX_LIST_ITEMS, MAX_TEXT_CHARS};
use fdr_core::warnings::WarningCode;
use fdr_format::{decode, encode, json_equal, same_content, DecodeError, Decoded, MAX_FILE_BYTES};
use serde_json::{json, Value};

/// The public example, as shipped beside the specification.
const EXAMPLE: &[u8] = include_bytes!("../../../../docs/format/example-theme-09.json");

fn catalogue() -> &'static Catalogue {
    Catalogue::builtin()
}

fn example() -> Value {
    serde_json::from_slice(EXAMPLE).expect("the public example is JSON")
}

fn to_bytes(v: &Value) -> Vec<u8> {
    serde_json::to_vec_pretty(v).expect("a JSON value serialises")
}

/// The example, changed by `change`, as a file.
fn mutate(change: impl FnOnce(&mut Value)) -> Vec<u8> {
    let mut v = example();
    change(&mut v);
    to_bytes(&v)
}

/// Sets the value at a JSON pointer, adding the field if it is absent.
#[track_caller]
fn set(v: &mut Value, pointer: &str, value: Value) {
    let (parent, key) = pointer.rsplit_once('/').expect("a pointer below the root");
    let parent = v
        .pointer_mut(parent)
        .unwrap_or_else(|| panic!("no {parent} in the example"));
    match parent {
        Value::Object(map) => {
            map.insert(key.to_string(), value);
        }
        Value::Array(items) => {
            let i: usize = key.parse().expect("an array index");
            items[i] = value;
        }
        other => panic!("{pointer}: cannot set inside {other}"),
    }
}

/// Removes the field at a JSON pointer (which must exist).
#[track_caller]
fn remove(v: &mut Value, pointer: &str) {
    let (parent, key) = pointer.rsplit_once('/').expect("a pointer below the root");
    let removed = v
        .pointer_mut(parent)
        .and_then(Value::as_object_mut)
        .and_then(|map| map.remove(key));
    assert!(removed.is_some(), "{pointer} exists in the example");
}

/// Appends a value to the array at a JSON pointer.
#[track_caller]
fn push(v: &mut Value, pointer: &str, value: Value) {
    v.pointer_mut(pointer)
        .and_then(Value::as_array_mut)
        .unwrap_or_else(|| panic!("{pointer} is an array of the example"))
        .push(value);
}

/// The example with one value set.
fn with(pointer: &str, value: Value) -> Vec<u8> {
    mutate(|v| set(v, pointer, value))
}

/// The example without one field.
fn without(pointer: &str) -> Vec<u8> {
    mutate(|v| remove(v, pointer))
}

#[track_caller]
fn accepted(bytes: &[u8], why: &str) -> Decoded {
    decode(bytes, catalogue()).unwrap_or_else(|e| panic!("{why}: the file must be accepted, but: {e}"))
}

#[track_caller]
fn refused(bytes: &[u8], why: &str) -> DecodeError {
    match decode(bytes, catalogue()) {
        Ok(_) => panic!("{why}: the file must be refused, but it was accepted"),
        Err(e) => e,
    }
}

/// The file is refused with exactly these problems (path, code), in this
/// order, and the error's text names every path.
#[track_caller]
fn refused_with(bytes: &[u8], expected: &[(&str, ProblemCode)], why: &str) -> DecodeError {
    let e = refused(bytes, why);
    let problems = e.problems();
    let got: Vec<(&str, ProblemCode)> = problems.iter().map(|p| (p.path.as_str(), p.code)).collect();
    assert_eq!(
        got, expected,
        "{why}: these problems, in this order, must be reported; got {problems:#?}"
    );
    let text = e.to_string();
    for (path, _) in expected {
        assert!(
            text.contains(path),
            "{why}: the refusal must name the field `{path}` for the user: {text}"
        );
    }
    for p in &problems {
        assert!(!p.message.is_empty(), "{why}: every problem says what is wrong");
    }
    e
}

/// The file is refused with one problem: `path`, `code`.
#[track_caller]
fn refused_at(bytes: &[u8], path: &str, code: ProblemCode, why: &str) -> DecodeError {
    refused_with(bytes, &[(path, code)], why)
}

/// The file is refused, and among the problems is (`path`, `code`).
#[track_caller]
fn refused_among(bytes: &[u8], path: &str, code: ProblemCode, why: &str) {
    let e = refused(bytes, why);
    let problems = e.problems();
    assert!(
        problems.iter().any(|p| p.path == path && p.code == code),
        "{why}: a {code:?} problem at `{path}` must be reported; got {problems:#?}"
    );
    assert!(
        e.to_string().contains(path),
        "{why}: the refusal must name the field `{path}`: {e}"
    );
}

/// The warnings of an accepted file, as (path, code).
#[track_caller]
fn warnings_of(bytes: &[u8], why: &str) -> Vec<(String, WarningCode)> {
    accepted(bytes, why)
        .warnings
        .into_iter()
        .map(|w| (w.path, w.code))
        .collect()
}

/// The example's own warnings: objective O3 (objectives[2]) has neither an
/// action nor an indicator.
fn example_warnings() -> Vec<(String, WarningCode)> {
    vec![
        ("objectives[2]".into(), WarningCode::ObjectiveWithoutAction),
        ("objectives[2]".into(), WarningCode::ObjectiveWithoutIndicator),
    ]
}

/// Every string of a JSON value, in traversal order.
fn strings(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => out.push(s.clone()),
        Value::Array(items) => items.iter().for_each(|x| strings(x, out)),
        Value::Object(map) => map.iter().for_each(|(k, x)| {
            out.push(k.clone());
            strings(x, out);
        }),
        _ => {}
    }
}

// ---------------------------------------------------------------------------
// 1. The public example.
// ---------------------------------------------------------------------------

#[test]
fn the_public_example_decodes_with_only_its_expected_warnings() {
    let d = accepted(EXAMPLE, "the example published with the specification is valid");
    assert_eq!(d.exported_at, "2019-06-28T14:05:00Z", "exported_at is read as written");
    assert_eq!(
        d.roadmap.id, "5b0c7f1e-2a8d-4c39-9d7e-0f3a6b21c409",
        "the roadmap's identity is read as written"
    );
    assert_eq!(d.roadmap.revision, 3, "the example is revision 3");
    assert_eq!(d.roadmap.theme.number, 9, "the example is theme 9");
    assert_eq!(
        (
            d.roadmap.objectives.len(),
            d.roadmap.actions.len(),
            d.roadmap.indicators.len()
        ),
        (3, 3, 2),
        "every objective, action and indicator of the example is read"
    );
    let got: Vec<(String, WarningCode)> = d.warnings.iter().map(|w| (w.path.clone(), w.code)).collect();
    assert_eq!(
        got,
        example_warnings(),
        "O3 has no action and no indicator; A1 and A3 are State-funded at exactly 50 % (no warning), \
         every funding year is within 2019–2022, every action has a lead and funding, \
         every indicator has a baseline and a target"
    );
    for w in &d.warnings {
        assert!(w.message.contains("O3"), "the warning names the objective: {w}");
    }
}

#[test]
fn the_public_example_round_trips_exactly() {
    let d = accepted(EXAMPLE, "the example is valid");
    let out = encode(&d.roadmap, &d.exported_at);
    let back: Value = serde_json::from_slice(&out).expect("encode writes JSON");
    assert_eq!(
        back,
        example(),
        "decode then encode gives back the example's JSON value: nothing lost, nothing added, \
         numbers (18.0, 1, 2.5) and absent fields kept"
    );
    assert!(json_equal(&back, &example()), "json_equal agrees with ==");
    assert!(
        same_content(&out, EXAMPLE),
        "the encoded file has the same content as the example"
    );
    assert_eq!(
        out,
        encode(&d.roadmap, &d.exported_at),
        "encoding twice gives the same bytes (the PDF embeds them)"
    );
    let again = accepted(&out, "the encoded file is itself valid");
    assert_eq!(
        again, d,
        "decoding the encoded file gives the same roadmap, warnings and exported_at"
    );
    assert_eq!(
        encode(&again.roadmap, &again.exported_at),
        out,
        "encode ∘ decode is a fixed point on canonical files"
    );
    assert!(out.ends_with(b"}\n"), "the canonical file ends with a newline");
    assert!(
        std::str::from_utf8(&out)
            .expect("UTF-8")
            .contains("l’aide sociale à l’enfance"),
        "non-ASCII text is written unescaped"
    );
}

#[test]
fn a_byte_order_mark_is_tolerated() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(EXAMPLE);
    let d = accepted(&bytes, "a UTF-8 BOM, which some editors add, is not part of the JSON");
    assert_eq!(
        d.roadmap,
        accepted(EXAMPLE, "example").roadmap,
        "the BOM changes nothing"
    );
}

// ---------------------------------------------------------------------------
// 2. One bad file per rule.
// ---------------------------------------------------------------------------

#[test]
fn ids_are_unique_within_their_list() {
    refused_at(
        &with("/objectives/2/id", json!("O1")),
        "objectives[2].id",
        ProblemCode::Duplicate,
        "two objectives with id O1",
    );
    refused_at(
        &mutate(|v| {
            let copy = v["actions"][0].clone();
            push(v, "/actions", copy);
        }),
        "actions[3].id",
        ProblemCode::Duplicate,
        "two actions with id A1",
    );
    refused_at(
        &mutate(|v| {
            let copy = v["indicators"][1].clone();
            push(v, "/indicators", copy);
        }),
        "indicators[2].id",
        ProblemCode::Duplicate,
        "two indicators with id I2",
    );
    // The same id in different lists is fine: each list has its own ids.
    accepted(
        &mutate(|v| {
            set(v, "/objectives/2/id", json!("X"));
            set(v, "/indicators/1/id", json!("X"));
        }),
        "ids are unique within their list only",
    );
}

#[test]
fn every_reference_resolves() {
    refused_at(
        &with("/actions/2/objectives/0", json!("O7")),
        "actions[2].objectives[0]",
        ProblemCode::Unresolved,
        "an action serving an objective that does not exist",
    );
    let e = refused_at(
        &mutate(|v| push(v, "/actions/1/objectives", json!("O9"))),
        "actions[1].objectives[1]",
        ProblemCode::Unresolved,
        "the second reference of an action",
    );
    assert!(
        e.to_string().contains("O9"),
        "the message quotes the unresolved id: {e}"
    );
    refused_at(
        &with("/indicators/0/objectives/0", json!("O4")),
        "indicators[0].objectives[0]",
        ProblemCode::Unresolved,
        "an indicator measuring an objective that does not exist",
    );
    refused_at(
        &with("/indicators/0/actions/1", json!("A9")),
        "indicators[0].actions[1]",
        ProblemCode::Unresolved,
        "an indicator measuring an action that does not exist",
    );
    refused_at(
        &with("/indicators/1/actions/0", json!("O2")),
        "indicators[1].actions[0]",
        ProblemCode::Unresolved,
        "an objective's id is not an action's id",
    );
    refused_at(
        &with("/actions/0/objectives/0", json!("o1")),
        "actions[0].objectives[0]",
        ProblemCode::Unresolved,
        "ids are case-sensitive",
    );
}

#[test]
fn objective_priorities_are_unique_and_at_least_one() {
    refused_at(
        &with("/objectives/2/priority", json!(1)),
        "objectives[2].priority",
        ProblemCode::Duplicate,
        "two objectives ranked 1",
    );
    refused_at(
        &with("/objectives/2/priority", json!(0)),
        "objectives[2].priority",
        ProblemCode::Range,
        "priority 0: the schema's minimum is 1",
    );
    refused_at(
        &with("/objectives/2/priority", json!(-3)),
        "objectives[2].priority",
        ProblemCode::Range,
        "negative priority",
    );
    accepted(
        &mutate(|v| {
            set(v, "/objectives/0/priority", json!(2));
            set(v, "/objectives/1/priority", json!(1));
            set(v, "/objectives/2/priority", json!(99));
        }),
        "ranks need not follow the list order nor be contiguous",
    );
}

#[test]
fn period_is_ordered_and_within_2000_to_2100() {
    refused_at(
        &with("/period/end", json!(2018)),
        "period.end",
        ProblemCode::Order,
        "period.end must be >= period.start",
    );
    refused_at(
        &with("/period/start", json!(1999)),
        "period.start",
        ProblemCode::Range,
        "the schema's minimum year is 2000",
    );
    refused_at(
        &with("/period/end", json!(2101)),
        "period.end",
        ProblemCode::Range,
        "the schema's maximum year is 2100",
    );
    accepted(
        &with("/period", json!({ "start": 2000, "end": 2100 })),
        "2000 and 2100 are allowed",
    );
    let same_year = mutate(|v| set(v, "/period", json!({ "start": 2020, "end": 2020 })));
    accepted(&same_year, "a one-year period (end == start) is allowed");
}

#[test]
fn an_action_ends_on_or_after_its_start() {
    refused_at(
        &with("/actions/0/end", json!("2019-08-31")),
        "actions[0].end",
        ProblemCode::Order,
        "A1 starts 2019-09-01: it cannot end the day before",
    );
    accepted(
        &with("/actions/0/end", json!("2019-09-01")),
        "an action may end the day it starts",
    );
    accepted(
        &without("/actions/0/start"),
        "the order is checked only when both dates are given",
    );
}

#[test]
fn dates_are_real_calendar_dates_as_yyyy_mm_dd() {
    for bad in [
        "2021-02-30",
        "2021/01/01",
        "2021-13-01",
        "01/09/2019",
        "2019-9-1",
        "2019-09-01T00:00:00Z",
        "",
    ] {
        refused_at(
            &with("/actions/0/start", json!(bad)),
            "actions[0].start",
            ProblemCode::Format,
            &format!("{bad:?} is not a YYYY-MM-DD date"),
        );
    }
    refused_at(
        &with("/actions/1/end", json!("2021-02-30")),
        "actions[1].end",
        ProblemCode::Format,
        "30 February does not exist",
    );
    refused_at(
        &with("/indicators/0/baseline/date", json!("2018-12-32")),
        "indicators[0].baseline.date",
        ProblemCode::Format,
        "a dated value's date",
    );
    refused_at(
        &with("/indicators/0/measurements/0/date", json!("2019/12/31")),
        "indicators[0].measurements[0].date",
        ProblemCode::Format,
        "a measurement's date",
    );
    refused_at(
        &with("/participation/practices/0/date", json!("2019-02-29")),
        "participation.practices[0].date",
        ProblemCode::Format,
        "2019 is not a leap year",
    );
    accepted(&with("/actions/0/end", json!("2020-02-29")), "2020 is a leap year");
}

#[test]
fn theme_number_is_one_of_the_catalogue() {
    for n in [16, 0, -1, 100] {
        refused_at(
            &with("/theme/number", json!(n)),
            "theme.number",
            ProblemCode::UnknownTheme,
            &format!("themes.json numbers its themes 1 to 15, not {n}"),
        );
    }
    for n in [1, 15] {
        accepted(&with("/theme/number", json!(n)), &format!("theme {n} exists"));
    }
}

/// Text fields, as (JSON pointer in the example, path in the format).
const TEXT_FIELDS: [(&str, &str); 12] = [
    ("/diagnosis/text", "diagnosis.text"),
    ("/objectives/0/title", "objectives[0].title"),
    ("/animators/0/name", "animators[0].name"),
    ("/actions/0/partners/1", "actions[0].partners[1]"),
    ("/region/name", "region.name"),
    ("/theme/title", "theme.title"),
    ("/diagnosis/key_figures/0/source", "diagnosis.key_figures[0].source"),
    ("/actions/1/funding/0/funder", "actions[1].funding[0].funder"),
    ("/actions/0/territories/0", "actions[0].territories[0]"),
    (
        "/indicators/0/measurements/0/comment",
        "indicators[0].measurements[0].comment",
    ),
    ("/participation/text", "participation.text"),
    (
        "/participation/practices/0/description",
        "participation.practices[0].description",
    ),
];

/// The example's text at `pointer` with `c` inserted after its first character.
fn text_with(pointer: &str, c: char) -> Vec<u8> {
    mutate(|v| {
        let old = v
            .pointer(pointer)
            .and_then(Value::as_str)
            .unwrap_or_else(|| panic!("{pointer} is a text of the example"))
            .to_string();
        let mut chars = old.chars();
        let first = chars.next().expect("a non-empty text");
        set(v, pointer, json!(format!("{first}{c}{}", chars.as_str())));
    })
}

#[test]
fn text_holds_no_c0_control_character_but_tab_lf_cr() {
    for (pointer, path) in TEXT_FIELDS {
        for c in ['\u{0}', '\u{1}', '\u{8}', '\u{b}', '\u{c}', '\u{1b}', '\u{1f}'] {
            let e = refused_at(
                &text_with(pointer, c),
                path,
                ProblemCode::ControlCharacter,
                &format!("U+{:04X} in {path}", c as u32),
            );
            assert!(
                e.to_string().contains(&format!("U+{:04X}", c as u32)),
                "the message names the character: {e}"
            );
        }
        for c in ['\t', '\n', '\r', '\u{7f}', '\u{85}', '\u{a0}'] {
            accepted(
                &text_with(pointer, c),
                &format!(
                    "U+{:04X} in {path}: TAB, LF, CR are allowed, and DEL or C1 are not C0",
                    c as u32
                ),
            );
        }
    }
    accepted(
        &with("/diagnosis/text", json!("Ligne 1\r\n\tLigne 2\n\nLigne 3\r")),
        "CRLF, TAB and LF together",
    );
    refused_among(
        &with("/objectives/2/id", json!("O\u{1}")),
        "objectives[2].id",
        ProblemCode::ControlCharacter,
        "a control character in an id",
    );
}

#[test]
fn raw_control_characters_are_not_json() {
    let text = String::from_utf8(EXAMPLE.to_vec())
        .expect("UTF-8")
        .replacen("Claire Vasseur", "Claire\u{0}Vasseur", 1);
    let e = refused(text.as_bytes(), "JSON forbids unescaped control characters in strings");
    assert!(matches!(e, DecodeError::NotJson { .. }), "{e:?}");
}

#[test]
fn a_text_field_holds_at_most_200_000_characters() {
    assert_eq!(MAX_TEXT_CHARS, 200_000, "the limit of the specification");
    for (pointer, path) in [
        ("/diagnosis/text", "diagnosis.text"),
        ("/objectives/0/title", "objectives[0].title"),
        ("/actions/0/partners/0", "actions[0].partners[0]"),
        ("/indicators/1/definition", "indicators[1].definition"),
    ] {
        let e = refused_at(
            &with(pointer, json!("x".repeat(200_001))),
            path,
            ProblemCode::TooLarge,
            &format!("200,001 characters in {path}"),
        );
        assert!(e.to_string().contains("200001"), "the message gives the length: {e}");
        accepted(
            &with(pointer, json!("x".repeat(200_000))),
            &format!("exactly 200,000 characters in {path}"),
        );
    }
    accepted(
        &with("/diagnosis/text", json!("é".repeat(200_000))),
        "the limit counts characters, not bytes (400,000 bytes here)",
    );
    refused_at(
        &with("/diagnosis/text", json!("é".repeat(200_001))),
        "diagnosis.text",
        ProblemCode::TooLarge,
        "200,001 two-byte characters",
    );
}

#[test]
fn a_list_holds_at_most_5_000_items() {
    assert_eq!(MAX_LIST_ITEMS, 5_000, "the limit of the specification");
    let partners = |n: usize| json!(vec!["Partenaire"; n]);
    refused_at(
        &with("/actions/0/partners", partners(5_001)),
        "actions[0].partners",
        ProblemCode::TooLarge,
        "5,001 partners",
    );
    accepted(&with("/actions/0/partners", partners(5_000)), "exactly 5,000 partners");
    let figures = |n: usize| {
        mutate(|v| {
            let one = v["diagnosis"]["key_figures"][0].clone();
            set(v, "/diagnosis/key_figures", json!(vec![one; n]));
        })
    };
    refused_at(
        &figures(5_001),
        "diagnosis.key_figures",
        ProblemCode::TooLarge,
        "5,001 key figures",
    );
    accepted(&figures(5_000), "exactly 5,000 key figures");
    let measurements = |n: usize| {
        mutate(|v| {
            let one = v["indicators"][0]["measurements"][0].clone();
            set(v, "/indicators/0/measurements", json!(vec![one; n]));
        })
    };
    refused_at(
        &measurements(5_001),
        "indicators[0].measurements",
        ProblemCode::TooLarge,
        "5,001 measurements",
    );
    refused_at(
        &with("/actions/2/objectives", json!(vec!["O2"; 5_001])),
        "actions[2].objectives",
        ProblemCode::TooLarge,
        "5,001 references",
    );
}

#[test]
fn a_file_holds_at_most_20_mib() {
    assert_eq!(MAX_FILE_BYTES, 20 * 1024 * 1024, "the limit of the specification");
    let big = with("/diagnosis/text", json!("x".repeat(MAX_FILE_BYTES)));
    assert!(big.len() > MAX_FILE_BYTES, "the padded file is over the limit");
    let e = refused(&big, "a file over 20 MiB");
    assert_eq!(
        e,
        DecodeError::TooLarge { size: big.len() },
        "refused for its size before anything else"
    );
    let problems = e.problems();
    assert_eq!(problems.len(), 1, "one problem: {problems:?}");
    assert_eq!(
        (problems[0].path.as_str(), problems[0].code),
        ("", ProblemCode::TooLarge)
    );
    assert!(e.to_string().contains("20 Mio"), "the message gives the limit: {e}");

    // The limit is on bytes: pad a valid file with trailing whitespace.
    let mut exact = EXAMPLE.to_vec();
    exact.resize(MAX_FILE_BYTES, b' ');
    accepted(&exact, "a valid file of exactly 20 MiB");
    exact.push(b'\n');
    assert_eq!(
        refused(&exact, "one byte more"),
        DecodeError::TooLarge {
            size: MAX_FILE_BYTES + 1
        }
    );
}

#[test]
fn unknown_fields_are_refused_where_they_are() {
    refused_at(
        &with("/colour", json!("red")),
        "colour",
        ProblemCode::Schema,
        "an unknown top-level field",
    );
    refused_at(
        &with("/objectives/0/colour", json!("red")),
        "objectives[0].colour",
        ProblemCode::Schema,
        "an unknown field in an objective",
    );
    refused_at(
        &with("/actions/1/funding/2/rate", json!(0.5)),
        "actions[1].funding[2].rate",
        ProblemCode::Schema,
        "an unknown field deep in an action",
    );
    refused_at(
        &with("/indicators/0/baseline/unit", json!("%")),
        "indicators[0].baseline.unit",
        ProblemCode::Schema,
        "an unknown field in a dated value",
    );
    refused_at(
        &with("/period/middle", json!(2020)),
        "period.middle",
        ProblemCode::Schema,
        "an unknown field in the period",
    );
}

#[test]
fn a_field_given_twice_is_refused() {
    let text = String::from_utf8(EXAMPLE.to_vec()).expect("UTF-8");
    let twice = text.replacen("\"revision\": 3,", "\"revision\": 3, \"revision\": 4,", 1);
    assert_ne!(twice, text, "the example has a revision to repeat");
    refused_at(
        twice.as_bytes(),
        "revision",
        ProblemCode::Schema,
        "a key given twice: which value holds would be a guess",
    );
    let twice = text.replacen("\"priority\": 1,", "\"priority\": 1, \"priority\": 2,", 1);
    refused_at(
        twice.as_bytes(),
        "objectives[0].priority",
        ProblemCode::Schema,
        "a nested key given twice",
    );
}

#[test]
fn required_fields_must_be_present() {
    for (pointer, path) in [
        ("/participation", "participation"),
        ("/revision", "revision"),
        ("/exported_at", "exported_at"),
        ("/id", "id"),
        ("/objectives/0/title", "objectives[0].title"),
        ("/actions/2/funding", "actions[2].funding"),
        ("/actions/0/status", "actions[0].status"),
        ("/indicators/1/direction", "indicators[1].direction"),
        ("/indicators/0/baseline/date", "indicators[0].baseline.date"),
        ("/diagnosis/key_figures", "diagnosis.key_figures"),
        ("/period/end", "period.end"),
        ("/participation/practices/0/method", "participation.practices[0].method"),
    ] {
        refused_at(
            &without(pointer),
            path,
            ProblemCode::Schema,
            &format!("{path} is required"),
        );
    }
    refused_at(
        &without("/format_version"),
        "format_version",
        ProblemCode::Schema,
        "format_version is required",
    );
}

#[test]
fn null_is_never_read_as_absent() {
    for (pointer, path) in [
        ("/actions/2/fte", "actions[2].fte"),
        ("/indicators/0/baseline", "indicators[0].baseline"),
        ("/objectives/2/territories", "objectives[2].territories"),
        ("/animators/1/email", "animators[1].email"),
        ("/actions/0/lead", "actions[0].lead"),
        ("/participation/practices/1/date", "participation.practices[1].date"),
        ("/diagnosis/key_figures/0/year", "diagnosis.key_figures[0].year"),
        ("/indicators/1/frequency", "indicators[1].frequency"),
    ] {
        refused_at(
            &with(pointer, Value::Null),
            path,
            ProblemCode::Schema,
            &format!("null in the optional field {path}: the schema never allows null, absent is the way"),
        );
    }
    refused_at(
        &with("/diagnosis/text", Value::Null),
        "diagnosis.text",
        ProblemCode::Schema,
        "null in a required field",
    );
}

#[test]
fn values_have_the_schema_type() {
    refused_at(
        &with("/revision", json!("3")),
        "revision",
        ProblemCode::Schema,
        "a revision written as a string",
    );
    refused_at(
        &with("/revision", json!(3.0)),
        "revision",
        ProblemCode::Schema,
        "revision is an integer, 3.0 is not",
    );
    refused_at(
        &with("/revision", json!(0)),
        "revision",
        ProblemCode::Range,
        "the schema's minimum revision is 1",
    );
    refused_at(
        &with("/revision", json!(-2)),
        "revision",
        ProblemCode::Range,
        "negative revision",
    );
    refused_at(
        &with("/period/start", json!("2019")),
        "period.start",
        ProblemCode::Schema,
        "a year written as a string",
    );
    refused_at(
        &with("/actions/0/funding/0/amount_cents", json!(4200000.5)),
        "actions[0].funding[0].amount_cents",
        ProblemCode::Schema,
        "cents are integers",
    );
    refused_at(
        &with("/participation/practices/0/participants", json!(34.0)),
        "participation.practices[0].participants",
        ProblemCode::Schema,
        "participants is an integer",
    );
    refused_at(
        &with("/actions/0/fte", json!("2.5")),
        "actions[0].fte",
        ProblemCode::Schema,
        "fte is a number",
    );
    refused_at(
        &with("/diagnosis/key_figures/0/value", json!(true)),
        "diagnosis.key_figures[0].value",
        ProblemCode::Schema,
        "a key figure's value is a number",
    );
    refused_at(
        &with("/objectives/0/territories", json!("59")),
        "objectives[0].territories",
        ProblemCode::Schema,
        "territories is a list",
    );
    refused_at(
        &with("/animators", json!({ "name": "Claire Vasseur" })),
        "animators",
        ProblemCode::Schema,
        "animators is a list, not an object",
    );
    let e = refused_at(
        &with("/period", json!([2019, 2022])),
        "period",
        ProblemCode::Schema,
        "period is an object, not an array of its fields",
    );
    assert!(
        e.to_string().contains("une liste au lieu d’un objet"),
        "the message says a list (a JSON array) was found where an object belongs: {e}"
    );
    refused_at(
        &with("/indicators/0/baseline", json!([399, "2018-12-31"])),
        "indicators[0].baseline",
        ProblemCode::Schema,
        "a dated value is an object, not an array",
    );
}

#[test]
fn enumerations_admit_only_their_values() {
    for (pointer, path, bad) in [
        ("/actions/0/status", "actions[0].status", "finished"),
        ("/status", "status", "final"),
        ("/status", "status", "Draft"),
        ("/indicators/0/direction", "indicators[0].direction", "up"),
        ("/indicators/0/frequency", "indicators[0].frequency", "weekly"),
        (
            "/participation/practices/0/stage",
            "participation.practices[0].stage",
            "design ",
        ),
        (
            "/participation/practices/0/method",
            "participation.practices[0].method",
            "co-decision",
        ),
    ] {
        let e = refused_at(
            &with(pointer, json!(bad)),
            path,
            ProblemCode::Schema,
            &format!("{bad:?} is not a value of {path}"),
        );
        assert!(e.to_string().contains(bad.trim()), "the message quotes the value: {e}");
    }
}

#[test]
fn the_roadmap_id_is_a_uuid() {
    for bad in [
        "not-a-uuid",
        "5b0c7f1e2a8d4c399d7e0f3a6b21c409",
        "5b0c7f1e-2a8d-4c39-9d7e-0f3a6b21c40g",
        "{5b0c7f1e-2a8d-4c39-9d7e-0f3a6b21c409}",
        "",
    ] {
        refused_at(
            &with("/id", json!(bad)),
            "id",
            ProblemCode::Format,
            &format!("{bad:?} is not a UUID"),
        );
    }
    accepted(
        &with("/id", json!("5B0C7F1E-2A8D-4C39-9D7E-0F3A6B21C409")),
        "upper-case hexadecimal is a UUID too",
    );
}

#[test]
fn local_ids_match_their_pattern() {
    for bad in ["O 3", &"O".repeat(33), "", "O/3", "Ö3", "O3\n"] {
        refused_among(
            &with("/objectives/2/id", json!(bad)),
            "objectives[2].id",
            ProblemCode::Format,
            &format!("{bad:?} does not match ^[A-Za-z0-9_.-]{{1,32}}$"),
        );
    }
    refused_at(
        &with("/objectives/2/id", json!("O 3")),
        "objectives[2].id",
        ProblemCode::Format,
        "an id with a space, and nothing else wrong",
    );
    refused_with(
        &with("/actions/2/id", json!("A".repeat(33))),
        &[
            ("actions[2].id", ProblemCode::Format),
            ("indicators[1].actions[0]", ProblemCode::Unresolved),
        ],
        "an action id of 33 characters (and I2 still names A3, which is gone)",
    );
    accepted(
        &mutate(|v| {
            set(v, "/actions/2/id", json!("A".repeat(32)));
            set(v, "/indicators/1/actions/0", json!("A".repeat(32)));
        }),
        "32 characters is the longest id",
    );
}

#[test]
fn required_strings_are_not_empty() {
    for (pointer, path) in [
        ("/objectives/0/title", "objectives[0].title"),
        ("/actions/1/title", "actions[1].title"),
        ("/region/code", "region.code"),
        ("/region/name", "region.name"),
        ("/theme/title", "theme.title"),
        ("/animators/1/name", "animators[1].name"),
        ("/diagnosis/key_figures/2/label", "diagnosis.key_figures[2].label"),
        ("/actions/0/funding/0/funder", "actions[0].funding[0].funder"),
        ("/indicators/0/name", "indicators[0].name"),
        ("/indicators/1/unit", "indicators[1].unit"),
        (
            "/participation/practices/1/description",
            "participation.practices[1].description",
        ),
    ] {
        refused_at(
            &with(pointer, json!("")),
            path,
            ProblemCode::Empty,
            &format!("{path} has minLength 1"),
        );
    }
    accepted(
        &mutate(|v| {
            set(v, "/diagnosis/text", json!(""));
            set(v, "/participation/text", json!(""));
            set(v, "/animators/0/email", json!(""));
        }),
        "fields without minLength may be empty",
    );
}

#[test]
fn exported_at_is_an_rfc_3339_timestamp() {
    for bad in [
        "2019-06-28",
        "2019-06-28 14:05:00Z",
        "28/06/2019 14:05",
        "2019-06-28T14:05:00",
        "",
    ] {
        refused_at(
            &with("/exported_at", json!(bad)),
            "exported_at",
            ProblemCode::Format,
            &format!("{bad:?} is not RFC 3339"),
        );
    }
    let d = accepted(
        &with("/exported_at", json!("2019-06-28T14:05:00.250Z")),
        "fractional seconds are RFC 3339",
    );
    assert_eq!(d.exported_at, "2019-06-28T14:05:00.250Z", "kept as written");
}

#[test]
fn the_format_field_says_feuille_de_route() {
    for bad in [
        json!("feuille-de-routes"),
        json!("Feuille-de-route"),
        json!(1),
        Value::Null,
    ] {
        let e = refused(&with("/format", bad.clone()), "another format");
        assert_eq!(e, DecodeError::NotRoadmap, "{bad}: not a roadmap of this format");
        assert!(
            e.to_string().contains("feuille-de-route"),
            "the message says what is expected: {e}"
        );
    }
    assert_eq!(
        refused(&without("/format"), "no format field"),
        DecodeError::NotRoadmap,
        "a JSON object without the format field is not a roadmap"
    );
    assert_eq!(
        refused(br#"{"name": "something else"}"#, "some other JSON"),
        DecodeError::NotRoadmap
    );
}

#[test]
fn only_format_version_1_is_read() {
    let e = refused(&with("/format_version", json!(2)), "version 2");
    assert_eq!(
        e,
        DecodeError::UnsupportedVersion("2".into()),
        "a later version is named as such"
    );
    assert!(e.to_string().contains("version 2"), "{e}");
    assert!(
        e.to_string().contains("format_version"),
        "the message names the field: {e}"
    );
    for bad in [json!(0), json!("1"), json!(1.5)] {
        assert!(
            matches!(
                refused(&with("/format_version", bad.clone()), "not version 1"),
                DecodeError::UnsupportedVersion(_)
            ),
            "{bad} is not version 1"
        );
    }
}

#[test]
fn what_is_not_json_is_refused_with_its_line() {
    let e = refused(b"garbage", "not JSON at all");
    assert!(matches!(e, DecodeError::NotJson { line: 1, .. }), "{e:?}");
    assert!(e.to_string().contains("ligne 1"), "the message gives the line: {e}");

    for empty in [&b""[..], b"\xEF\xBB\xBF", b"  \r\n\t"] {
        let e = refused(empty, "an empty file");
        assert_eq!(e, DecodeError::Empty, "{empty:?} holds nothing");
        assert_eq!(e.to_string(), "le fichier est vide", "not « EOF while parsing »");
    }

    let half = &EXAMPLE[..EXAMPLE.len() / 2];
    let lines = half.iter().filter(|&&b| b == b'\n').count() + 1;
    let e = refused(half, "a truncated file");
    match &e {
        DecodeError::NotJson { line, .. } => {
            assert_eq!(*line, lines, "the error is at the end of the truncated text: {e}")
        }
        other => panic!("a truncated file is not JSON: {other:?}"),
    }

    let mut trailing = EXAMPLE.to_vec();
    trailing.extend_from_slice(b"x");
    let last_line = EXAMPLE.iter().filter(|&&b| b == b'\n').count() + 1;
    let e = refused(&trailing, "trailing garbage after the object");
    assert!(
        matches!(e, DecodeError::NotJson { line, .. } if line == last_line),
        "the error points at the garbage on line {last_line}: {e:?}"
    );
    let mut second = EXAMPLE.to_vec();
    second.extend_from_slice(b"{}");
    assert!(
        matches!(refused(&second, "two JSON values"), DecodeError::NotJson { .. }),
        "a file holds one JSON value"
    );
    let problems = e.problems();
    assert_eq!(
        problems.len(),
        1,
        "a file that is not JSON is one problem: {problems:?}"
    );
    assert_eq!(
        (problems[0].path.as_str(), problems[0].code),
        ("", ProblemCode::Schema),
        "it concerns the whole file"
    );
}

#[test]
fn a_json_value_other_than_an_object_is_not_a_roadmap() {
    for (text, found) in [
        ("[]".to_string(), "une liste"),
        ("[1, 2]".to_string(), "une liste"),
        (r#"["feuille-de-route", 1]"#.to_string(), "une liste"),
        ("42".to_string(), "un nombre"),
        ("-4.5".to_string(), "un nombre"),
        (r#""feuille-de-route""#.to_string(), "un texte"),
        ("true".to_string(), "un booléen"),
        ("null".to_string(), "la valeur null"),
        (
            format!("[{}]", String::from_utf8(EXAMPLE.to_vec()).expect("UTF-8")),
            "une liste",
        ),
    ] {
        let e = refused(text.as_bytes(), "not an object");
        assert_eq!(
            e,
            DecodeError::NotAnObject {
                found,
                expected: "une feuille de route"
            },
            "{text:.40}: the file is one JSON object"
        );
        assert_eq!(
            e.to_string(),
            format!("le fichier contient {found}, pas une feuille de route (un objet JSON)")
        );
    }
    // The example's values in the schema's order, as an array: still not an object.
    let v = example();
    let mut ordered = Vec::new();
    for key in [
        "format",
        "format_version",
        "id",
        "revision",
        "exported_at",
        "region",
        "period",
        "theme",
        "status",
        "animators",
        "diagnosis",
        "objectives",
        "actions",
        "indicators",
        "participation",
    ] {
        ordered.push(v[key].clone());
    }
    assert_eq!(
        refused(&to_bytes(&Value::Array(ordered)), "the fields as an array"),
        DecodeError::NotAnObject {
            found: "une liste",
            expected: "une feuille de route"
        },
        "an array holding the fields in order is not the object the schema requires"
    );
}

#[test]
fn amounts_fte_and_participants_are_not_negative() {
    refused_at(
        &with("/actions/0/funding/1/amount_cents", json!(-1)),
        "actions[0].funding[1].amount_cents",
        ProblemCode::Range,
        "a negative amount",
    );
    refused_at(
        &with("/actions/0/fte", json!(-0.5)),
        "actions[0].fte",
        ProblemCode::Range,
        "a negative fte",
    );
    refused_at(
        &with("/actions/2/fte", json!(-1)),
        "actions[2].fte",
        ProblemCode::Range,
        "a negative integer fte",
    );
    refused_at(
        &with("/participation/practices/1/participants", json!(-2)),
        "participation.practices[1].participants",
        ProblemCode::Range,
        "a negative number of participants",
    );
    accepted(
        &mutate(|v| {
            set(v, "/actions/0/funding/1/amount_cents", json!(0));
            set(v, "/actions/0/fte", json!(0));
            set(v, "/actions/2/fte", json!(0.0));
            set(v, "/participation/practices/1/participants", json!(0));
        }),
        "zero is allowed everywhere (minimum 0)",
    );
    accepted(
        &with("/diagnosis/key_figures/0/value", json!(-3.5)),
        "a key figure may be negative (no minimum)",
    );
}

// ---------------------------------------------------------------------------
// 3. All the problems of a file, in document order.
// ---------------------------------------------------------------------------

#[test]
fn every_problem_of_a_file_is_reported_in_document_order() {
    refused_with(
        &mutate(|v| {
            set(v, "/period/end", json!(2018));
            set(v, "/objectives/1/title", json!(""));
            set(v, "/participation/practices/1/participants", json!(-1));
        }),
        &[
            ("period.end", ProblemCode::Order),
            ("objectives[1].title", ProblemCode::Empty),
            ("participation.practices[1].participants", ProblemCode::Range),
        ],
        "three rules broken in three parts of the file",
    );
    refused_with(
        &mutate(|v| {
            set(v, "/revision", json!(0));
            set(v, "/id", json!("x"));
            set(v, "/exported_at", json!("hier"));
            set(v, "/theme/number", json!(16));
        }),
        &[
            ("id", ProblemCode::Format),
            ("revision", ProblemCode::Range),
            ("exported_at", ProblemCode::Format),
            ("theme.number", ProblemCode::UnknownTheme),
        ],
        "the envelope's problems come in the file's order, before the content's",
    );
    refused_with(
        &mutate(|v| {
            set(v, "/objectives/1/title", json!(""));
            set(v, "/objectives/2/id", json!("O1"));
            set(v, "/actions/0/end", json!("2019-01-01"));
            set(v, "/actions/1/objectives/0", json!("O9"));
            set(v, "/actions/2/id", json!("A2"));
            set(v, "/indicators/0/objectives/0", json!("O8"));
            set(v, "/indicators/0/actions/0", json!("A 1"));
        }),
        &[
            ("objectives[1].title", ProblemCode::Empty),
            ("objectives[2].id", ProblemCode::Duplicate),
            ("actions[0].end", ProblemCode::Order),
            ("actions[1].objectives[0]", ProblemCode::Unresolved),
            ("actions[2].id", ProblemCode::Duplicate),
            ("indicators[0].objectives[0]", ProblemCode::Unresolved),
            ("indicators[0].actions[0]", ProblemCode::Format),
            ("indicators[0].actions[0]", ProblemCode::Unresolved),
            // I2 names A3, which is now a second A2.
            ("indicators[1].actions[0]", ProblemCode::Unresolved),
        ],
        "within lists too, each problem comes where its field is in the file",
    );
    refused_with(
        &mutate(|v| {
            for (pointer, _) in TEXT_FIELDS {
                let old = v.pointer(pointer).and_then(Value::as_str).expect("text").to_string();
                set(v, pointer, json!(format!("{old}\u{0}")));
            }
        }),
        &[
            ("region.name", ProblemCode::ControlCharacter),
            ("theme.title", ProblemCode::ControlCharacter),
            ("animators[0].name", ProblemCode::ControlCharacter),
            ("diagnosis.text", ProblemCode::ControlCharacter),
            ("diagnosis.key_figures[0].source", ProblemCode::ControlCharacter),
            ("objectives[0].title", ProblemCode::ControlCharacter),
            ("actions[0].partners[1]", ProblemCode::ControlCharacter),
            ("actions[0].territories[0]", ProblemCode::ControlCharacter),
            ("actions[1].funding[0].funder", ProblemCode::ControlCharacter),
            ("indicators[0].measurements[0].comment", ProblemCode::ControlCharacter),
            ("participation.text", ProblemCode::ControlCharacter),
            ("participation.practices[0].description", ProblemCode::ControlCharacter),
        ],
        "twelve NULs in twelve fields: twelve problems",
    );
}

// ---------------------------------------------------------------------------
// 4. Warnings.
// ---------------------------------------------------------------------------

/// The example's warnings plus `extra`, in document order (objectives,
/// actions, indicators).
fn plus(extra: &[(&str, WarningCode)]) -> Vec<(String, WarningCode)> {
    let mut all = example_warnings();
    all.extend(extra.iter().map(|(p, c)| (p.to_string(), *c)));
    all
}

#[test]
fn an_objective_without_action_or_indicator_is_warned() {
    assert_eq!(
        warnings_of(&with("/actions/2/objectives", json!(["O1"])), "A3 now serves O1"),
        vec![
            ("objectives[1]".to_string(), WarningCode::ObjectiveWithoutAction),
            ("objectives[2]".to_string(), WarningCode::ObjectiveWithoutAction),
            ("objectives[2]".to_string(), WarningCode::ObjectiveWithoutIndicator),
        ],
        "O2 has lost its only action"
    );
    let o2_unmeasured = vec![
        ("objectives[1]".to_string(), WarningCode::ObjectiveWithoutIndicator),
        ("objectives[2]".to_string(), WarningCode::ObjectiveWithoutAction),
        ("objectives[2]".to_string(), WarningCode::ObjectiveWithoutIndicator),
    ];
    assert_eq!(
        warnings_of(&with("/indicators/1/objectives", json!(["O1"])), "I2 now measures O1"),
        o2_unmeasured,
        "O2 has lost its only indicator"
    );
    assert_eq!(
        warnings_of(&without("/indicators/1/objectives"), "I2 names no objective"),
        o2_unmeasured,
        "an indicator without objectives measures none"
    );
    assert_eq!(
        warnings_of(
            &mutate(|v| {
                push(v, "/actions/0/objectives", json!("O3"));
                push(v, "/indicators/0/objectives", json!("O3"));
            }),
            "A1 and I1 now also cover O3"
        ),
        vec![],
        "an objective with an action and an indicator is not warned"
    );
}

#[test]
fn an_indicator_without_baseline_or_target_is_warned() {
    assert_eq!(
        warnings_of(&without("/indicators/1/baseline"), "no baseline"),
        plus(&[("indicators[1].baseline", WarningCode::IndicatorWithoutBaseline)]),
        "I2 has lost its baseline"
    );
    assert_eq!(
        warnings_of(&without("/indicators/0/target"), "no target"),
        plus(&[("indicators[0].target", WarningCode::IndicatorWithoutTarget)]),
        "I1 has lost its target"
    );
    assert_eq!(
        warnings_of(
            &mutate(|v| {
                remove(v, "/indicators/0/baseline");
                remove(v, "/indicators/0/target");
            }),
            "neither"
        ),
        plus(&[
            ("indicators[0].baseline", WarningCode::IndicatorWithoutBaseline),
            ("indicators[0].target", WarningCode::IndicatorWithoutTarget),
        ]),
        "both warnings, baseline first"
    );
}

#[test]
fn an_action_without_lead_is_warned() {
    let expected = plus(&[("actions[1].lead", WarningCode::ActionWithoutLead)]);
    assert_eq!(
        warnings_of(&without("/actions/1/lead"), "lead absent"),
        expected,
        "A2 has no lead"
    );
    for blank in ["", " ", "\t\n"] {
        assert_eq!(
            warnings_of(&with("/actions/1/lead", json!(blank)), "lead blank"),
            expected,
            "a blank lead {blank:?} names nobody"
        );
    }
}

#[test]
fn an_action_without_funding_is_warned() {
    assert_eq!(
        warnings_of(&with("/actions/2/funding", json!([])), "no funding line"),
        plus(&[("actions[2].funding", WarningCode::ActionWithoutFunding)]),
        "A3 has no funding line"
    );
    assert_eq!(
        warnings_of(
            &with(
                "/actions/2/funding",
                json!([{ "funder": "CAF", "year": 2020, "amount_cents": 0 }])
            ),
            "one line of zero"
        ),
        plus(&[]),
        "a funding line, even of zero, is funding (and 0 € of State is not above 50 %)"
    );
}

#[test]
fn funding_outside_the_period_is_warned() {
    assert_eq!(
        warnings_of(
            &mutate(|v| {
                set(v, "/actions/0/funding/3/year", json!(2023));
                set(v, "/actions/1/funding/0/year", json!(2018));
            }),
            "2023 and 2018 are outside 2019–2022"
        ),
        plus(&[
            ("actions[0].funding[3].year", WarningCode::FundingOutsidePeriod),
            ("actions[1].funding[0].year", WarningCode::FundingOutsidePeriod),
        ]),
        "each line outside the period is warned at its year"
    );
    assert_eq!(
        warnings_of(&with("/actions/1/funding/0/year", json!(2022)), "2022 is the last year"),
        plus(&[]),
        "the period's years are inclusive"
    );
}

#[test]
fn a_state_share_above_half_is_warned() {
    for state in ["État", "Etat", "E\u{301}tat", "ETAT", "état"] {
        let bytes = with(
            "/actions/2/funding/1",
            json!({ "funder": state, "year": 2019, "amount_cents": 2_750_001 }),
        );
        let d = accepted(&bytes, "a warning never refuses");
        let got: Vec<(String, WarningCode)> = d.warnings.iter().map(|w| (w.path.clone(), w.code)).collect();
        assert_eq!(
            got,
            plus(&[("actions[2].funding", WarningCode::StateShareAbove50)]),
            "{state:?} is the State, and 27 500,01 € out of 55 000,01 € is above 50 %"
        );
        let w = d.warnings.last().expect("the State warning");
        assert!(w.message.contains("A3"), "the warning names the action: {w}");
    }
    assert_eq!(
        warnings_of(
            &with(
                "/actions/1/funding",
                json!([
                    { "funder": "État", "year": 2020, "amount_cents": 5_000_000 },
                    { "funder": "Etat", "year": 2021, "amount_cents": 3_000_000 },
                    { "funder": "FSE", "year": 2020, "amount_cents": 7_000_000 },
                ])
            ),
            "two State lines spelled differently"
        ),
        plus(&[("actions[1].funding", WarningCode::StateShareAbove50)]),
        "the State's lines add up whatever their spelling: 80 000 € of 150 000 €"
    );
    assert_eq!(
        warnings_of(
            &with(
                "/actions/1/funding",
                json!([
                    { "funder": "État", "year": 2020, "amount_cents": 7_500_000 },
                    { "funder": "FSE", "year": 2020, "amount_cents": 7_500_000 },
                ])
            ),
            "exactly half"
        ),
        plus(&[]),
        "exactly 50 % is within the cap"
    );
    assert_eq!(
        warnings_of(
            &with(
                "/actions/1/funding",
                json!([{ "funder": "Etats-Unis", "year": 2020, "amount_cents": 1 }])
            ),
            "not the State"
        ),
        plus(&[]),
        "only the State counts"
    );
}

#[test]
fn warnings_come_in_document_order_with_their_paths() {
    let bytes = mutate(|v| {
        remove(v, "/actions/0/lead");
        set(v, "/actions/0/funding/0/year", json!(2030));
        set(v, "/actions/1/funding", json!([]));
        set(
            v,
            "/actions/2/funding",
            json!([{ "funder": "État", "year": 2019, "amount_cents": 1 }]),
        );
        remove(v, "/indicators/0/target");
        remove(v, "/indicators/1/baseline");
    });
    assert_eq!(
        warnings_of(&bytes, "many warnings at once"),
        plus(&[
            ("actions[0].lead", WarningCode::ActionWithoutLead),
            ("actions[0].funding[0].year", WarningCode::FundingOutsidePeriod),
            ("actions[1].funding", WarningCode::ActionWithoutFunding),
            ("actions[2].funding", WarningCode::StateShareAbove50),
            ("indicators[0].target", WarningCode::IndicatorWithoutTarget),
            ("indicators[1].baseline", WarningCode::IndicatorWithoutBaseline),
        ]),
        "every warning is listed, none refuses the file"
    );
}

// ---------------------------------------------------------------------------
// 5. Round trip of edge cases.
// ---------------------------------------------------------------------------

const EDGE: &str = r#"{
  "format": "feuille-de-route",
  "format_version": 1,
  "id": "00000000-0000-4000-8000-00000000000a",
  "revision": 1,
  "exported_at": "2021-03-04T05:06:07.5Z",
  "region": { "code": "32", "name": "Hauts-de-France" },
  "period": { "start": 2019, "end": 2022 },
  "theme": { "number": 15, "title": "Titre libre\tavec tabulation" },
  "status": "draft",
  "animators": [
    { "name": "Émilie 🙂 \ud83d\ude00", "organisation": "", "role": "Anima\u0301trice" },
    { "email": "x@example.org", "name": "Ordre des champs inversé" }
  ],
  "diagnosis": {
    "text": "Ligne 1\r\nLigne 2\r\n\r\n- puce\tTAB\n**gras** *italique* \\ \" \/ \u00e9 e\u0301",
    "key_figures": [
      { "label": "Flottant", "value": 18.0 },
      { "label": "Exposant", "value": 1e2, "unit": "" },
      { "label": "Un dixième", "value": 0.1, "year": 2018 },
      { "label": "Négatif", "value": -2.5E-3 },
      { "label": "Entier", "value": 7 },
      { "label": "Grand", "value": 18446744073709551615 },
      { "label": "Zéro négatif", "value": -0.0 }
    ]
  },
  "objectives": [
    { "id": "a", "priority": 1, "title": "Sans champs optionnels" },
    { "id": "x.y-z_0", "priority": 5, "title": "Vides", "text": "", "territories": [] },
    { "id": "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345", "priority": 40, "title": "Trente-deux", "territories": ["32", "59"] }
  ],
  "actions": [
    { "id": "a", "objectives": [], "title": "Minimale", "status": "planned", "funding": [] },
    {
      "id": "0", "objectives": ["a", "x.y-z_0", "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345", "a"],
      "title": "Complète", "text": "", "lead": "", "partners": [], "territories": [],
      "start": "2020-02-29", "end": "2020-02-29", "status": "abandoned", "fte": 0.1,
      "funding": [
        { "funder": "E\u0301tat", "year": 2100, "amount_cents": 0 },
        { "funder": "Autre", "year": 2019, "amount_cents": 9223372036854775807 }
      ]
    }
  ],
  "indicators": [
    { "id": "a", "name": "Minimal", "unit": "u", "direction": "maintain" },
    {
      "id": "I.2", "objectives": [], "actions": ["0", "a"], "name": "Complet", "definition": "",
      "unit": "%", "direction": "increase",
      "baseline": { "value": 1e2, "date": "2019-01-01", "comment": "" },
      "target": { "value": 12.50, "date": "2022-12-31" },
      "measurements": [], "source": "", "frequency": "once"
    }
  ],
  "participation": {
    "text": "",
    "practices": [
      { "stage": "design", "method": "co_construction", "description": "\t", "participants": 0 }
    ]
  }
}
"#;

#[test]
fn edge_cases_round_trip_exactly() {
    let input: Value = serde_json::from_str(EDGE).expect("the edge file is JSON");
    let d = accepted(EDGE.as_bytes(), "every value of this file is allowed");
    let out = encode(&d.roadmap, &d.exported_at);
    let back: Value = serde_json::from_slice(&out).expect("encode writes JSON");
    assert!(
        json_equal(&back, &input),
        "decode then encode gives the same JSON value: absent stays absent, empty stays empty, \
         numbers keep their value\n{}",
        String::from_utf8_lossy(&out)
    );
    let (mut a, mut b) = (Vec::new(), Vec::new());
    strings(&input, &mut a);
    strings(&back, &mut b);
    assert_eq!(a.len(), b.len(), "as many strings (and keys) come out as went in");
    for (x, y) in a.iter().zip(&b) {
        assert_eq!(x.as_bytes(), y.as_bytes(), "every string is kept byte for byte");
    }
    assert!(same_content(EDGE.as_bytes(), &out), "same content as the input");
    assert_eq!(
        d.exported_at, "2021-03-04T05:06:07.5Z",
        "exported_at is kept as written"
    );

    let r = &d.roadmap;
    assert_eq!(
        r.diagnosis.text, "Ligne 1\r\nLigne 2\r\n\r\n- puce\tTAB\n**gras** *italique* \\ \" / é e\u{301}",
        "CRLF, TAB, escapes and both forms of é are kept, nothing normalised"
    );
    assert_eq!(
        r.animators[0].name, "Émilie 🙂 😀",
        "emoji, literal or escaped, are kept"
    );
    assert_eq!(
        r.animators[0].role.as_deref(),
        Some("Anima\u{301}trice"),
        "a decomposed accent is not composed"
    );
    assert_eq!(
        r.animators[0].organisation.as_deref(),
        Some(""),
        "an empty string stays present"
    );
    assert_eq!(r.animators[0].email, None, "an absent field stays absent");
    assert_eq!(r.objectives[0].territories, None, "absent territories stay absent");
    assert_eq!(
        r.objectives[1].territories,
        Some(vec![]),
        "empty territories stay empty"
    );
    assert_eq!(r.objectives[1].text.as_deref(), Some(""), "empty text stays empty");
    assert_eq!(
        r.objectives.iter().map(|o| o.priority).collect::<Vec<_>>(),
        [1, 5, 40],
        "priorities with gaps are kept"
    );
    let figures = &r.diagnosis.key_figures;
    assert!(figures[0].value.is_f64(), "18.0 stays a float, not the integer 18");
    assert_eq!(figures[0].value.as_f64(), Some(18.0), "18.0 is 18");
    assert_eq!(figures[1].value.as_f64(), Some(100.0), "1e2 is 100");
    assert_eq!(
        figures[2].value.as_f64(),
        Some(0.1),
        "0.1 is read exactly as the nearest double"
    );
    assert!(figures[4].value.is_i64(), "7 stays an integer");
    assert_eq!(
        figures[5].value.as_u64(),
        Some(u64::MAX),
        "a large integer is kept exactly"
    );
    assert_eq!(
        r.actions[1].funding[1].amount_cents,
        i64::MAX,
        "the largest amount is kept"
    );

    // The canonical file is a fixed point.
    let again = accepted(&out, "the encoded file is valid");
    assert_eq!(again, d, "decoding the encoded file gives the same roadmap");
    assert_eq!(encode(&again.roadmap, &again.exported_at), out, "and the same bytes");

    // Warnings of the edge file, in document order.
    let got: Vec<(&str, WarningCode)> = d.warnings.iter().map(|w| (w.path.as_str(), w.code)).collect();
    assert_eq!(
        got,
        [
            ("objectives[0]", WarningCode::ObjectiveWithoutIndicator),
            ("objectives[1]", WarningCode::ObjectiveWithoutIndicator),
            ("objectives[2]", WarningCode::ObjectiveWithoutIndicator),
            ("actions[0].lead", WarningCode::ActionWithoutLead),
            ("actions[0].funding", WarningCode::ActionWithoutFunding),
            ("actions[1].lead", WarningCode::ActionWithoutLead),
            ("actions[1].funding[0].year", WarningCode::FundingOutsidePeriod),
            ("indicators[0].baseline", WarningCode::IndicatorWithoutBaseline),
            ("indicators[0].target", WarningCode::IndicatorWithoutTarget),
        ],
        "the edge file's warnings"
    );
}

#[test]
fn encode_writes_fields_in_the_schema_order() {
    let d = accepted(EDGE.as_bytes(), "edge file");
    let out = String::from_utf8(encode(&d.roadmap, &d.exported_at)).expect("UTF-8");
    let top = [
        "\"format\"",
        "\"format_version\"",
        "\"id\"",
        "\"revision\"",
        "\"exported_at\"",
        "\"region\"",
        "\"period\"",
        "\"theme\"",
        "\"status\"",
        "\"animators\"",
        "\"diagnosis\"",
        "\"objectives\"",
        "\"actions\"",
        "\"indicators\"",
        "\"participation\"",
    ];
    let positions: Vec<usize> = top
        .iter()
        .map(|k| out.find(k).unwrap_or_else(|| panic!("{k} is written")))
        .collect();
    assert!(
        positions.windows(2).all(|w| w[0] < w[1]),
        "top-level fields follow the schema's order: {positions:?}"
    );
    let name = out
        .find("\"Ordre des champs inversé\"")
        .expect("second animator's name");
    let email = out.find("\"x@example.org\"").expect("second animator's email");
    assert!(name < email, "name is written before email, whatever the input order");
}
