//! Every rule of the review exchange (`docs/format/REVIEW.md`) that a
//! document obeys on its own, proved on files: the public avis and réponses
//! read and write back byte for byte; one bad file per rule, each made by
//! changing one thing in an example, is refused naming the field, in French.
//! (The rules that need the importing copy — the roadmap and revision it
//! holds, the items of that revision — are the store's, tested there.)

use fdr_core::catalogue::Catalogue;
use fdr_core::validation::ProblemCode;
use fdr_format::review::{decode_avis, decode_reponses, encode_avis};
use fdr_format::DecodeError;
use serde_json::{json, Value};

const AVIS: &[u8] = include_bytes!("../../../../docs/format/example-avis-theme-09.json");
const REPONSES: &[u8] = include_bytes!("../../../../docs/format/example-reponses-theme-09.json");

fn avis_with(change: impl FnOnce(&mut Value)) -> Vec<u8> {
    let mut v: Value = serde_json::from_slice(AVIS).unwrap();
    change(&mut v);
    serde_json::to_vec_pretty(&v).unwrap()
}

fn reponses_with(change: impl FnOnce(&mut Value)) -> Vec<u8> {
    let mut v: Value = serde_json::from_slice(REPONSES).unwrap();
    change(&mut v);
    serde_json::to_vec_pretty(&v).unwrap()
}

/// The problems of a refused file, as (path, code, message).
fn refused(e: DecodeError) -> Vec<(String, ProblemCode, String)> {
    e.problems().into_iter().map(|p| (p.path, p.code, p.message)).collect()
}

#[track_caller]
fn refused_at(bytes: &[u8], path: &str, code: ProblemCode) -> String {
    let e = decode_avis(bytes, Catalogue::builtin()).expect_err("a bad avis is refused");
    let problems = refused(e);
    let found = problems.iter().find(|(p, c, _)| p == path && *c == code);
    let (_, _, message) = found.unwrap_or_else(|| panic!("refused at {path} ({code:?}): {problems:?}"));
    assert!(
        !message.is_empty() && !message.contains("expected"),
        "a French message: {message}"
    );
    message.clone()
}

#[test]
fn the_public_avis_is_valid_and_round_trips() {
    let a = decode_avis(AVIS, Catalogue::builtin()).expect("valid");
    assert_eq!(encode_avis(&a), AVIS);
}

#[test]
fn duplicate_remark_ids_are_refused() {
    let bad = avis_with(|v| v["remarks"][2]["id"] = json!("R1"));
    let m = refused_at(&bad, "remarks[2].id", ProblemCode::Duplicate);
    assert!(m.contains("remarks[0]"), "names the first use: {m}");
}

#[test]
fn an_item_missing_where_required_is_refused() {
    let bad = avis_with(|v| {
        v["remarks"][0]["target"].as_object_mut().unwrap().remove("item");
    });
    let m = refused_at(&bad, "remarks[0].target.item", ProblemCode::Schema);
    assert!(m.contains("actions"), "{m}");
}

#[test]
fn an_item_on_a_part_that_takes_none_is_refused() {
    let bad = avis_with(|v| v["remarks"][3]["target"]["item"] = json!("D1"));
    let m = refused_at(&bad, "remarks[3].target.item", ProblemCode::Schema);
    assert!(m.contains("diagnosis") && m.contains("n’a pas d’éléments"), "{m}");
}

#[test]
fn a_field_not_of_its_part_is_refused() {
    let bad = avis_with(|v| v["remarks"][1]["target"]["field"] = json!("lead"));
    let m = refused_at(&bad, "remarks[1].target.field", ProblemCode::Schema);
    assert!(m.contains("« lead »") && m.contains("indicators"), "{m}");
}

#[test]
fn validated_with_a_blocking_remark_is_refused() {
    let bad = avis_with(|v| v["decision"] = json!("validated"));
    let m = refused_at(&bad, "remarks[0].severity", ProblemCode::Schema);
    assert!(m.contains("bloquante"), "{m}");
}

#[test]
fn control_characters_are_refused() {
    let bad = avis_with(|v| v["remarks"][0]["text"] = json!("un\u{0}deux"));
    let m = refused_at(&bad, "remarks[0].text", ProblemCode::ControlCharacter);
    assert!(m.contains("U+0000"), "{m}");
    let tab_ok = avis_with(|v| v["remarks"][0]["text"] = json!("un\tdeux\r\ntrois"));
    assert!(
        decode_avis(&tab_ok, Catalogue::builtin()).is_ok(),
        "TAB, CR, LF are allowed"
    );
}

#[test]
fn an_unknown_field_is_refused() {
    let bad = avis_with(|v| v["remarks"][0]["priority"] = json!(1));
    let e = decode_avis(&bad, Catalogue::builtin()).unwrap_err();
    let p = refused(e);
    assert!(p[0].0.starts_with("remarks[0]"), "{p:?}");
    assert!(p[0].2.starts_with("champ inconnu « priority »"), "{p:?}");
}

#[test]
fn format_version_2_is_refused() {
    let bad = avis_with(|v| v["format_version"] = json!(2));
    let e = decode_avis(&bad, Catalogue::builtin()).unwrap_err();
    assert!(matches!(e, DecodeError::UnsupportedVersion(_)), "{e:?}");
    assert!(e.to_string().starts_with("format_version: version 2"), "{e}");
}

#[test]
fn truncated_json_is_refused_with_its_place() {
    let e = decode_avis(&AVIS[..AVIS.len() / 2], Catalogue::builtin()).unwrap_err();
    assert!(matches!(e, DecodeError::NotJson { .. }), "{e:?}");
    assert!(e.to_string().contains("ligne"), "names the line: {e}");
}

#[test]
fn a_roadmap_is_not_an_avis() {
    let roadmap = include_bytes!("../../../../docs/format/example-theme-09.json");
    let e = decode_avis(roadmap, Catalogue::builtin()).unwrap_err();
    let p = refused(e);
    assert_eq!(p[0].0, "format");
    assert!(p[0].2.contains("feuille-de-route-avis"), "{p:?}");
}

#[test]
fn null_and_wrong_types_are_refused() {
    let bad = avis_with(|v| v["remarks"][2]["quote"] = json!(null));
    assert!(
        decode_avis(&bad, Catalogue::builtin()).is_err(),
        "null is never read as absent"
    );
    let bad = avis_with(|v| v["roadmap"]["revision"] = json!(0));
    refused_at(&bad, "roadmap.revision", ProblemCode::Range);
    let bad = avis_with(|v| v["roadmap"]["theme_number"] = json!(16));
    refused_at(&bad, "roadmap.theme_number", ProblemCode::UnknownTheme);
    let bad = avis_with(|v| v["id"] = json!("pas-un-uuid"));
    refused_at(&bad, "id", ProblemCode::Format);
    let bad = avis_with(|v| v["issued_at"] = json!("2019-07-15 09:30:00Z"));
    refused_at(&bad, "issued_at", ProblemCode::Format);
    let bad = avis_with(|v| v["remarks"][0]["text"] = json!(""));
    refused_at(&bad, "remarks[0].text", ProblemCode::Empty);
    let bad = avis_with(|v| v["issued_by"]["name"] = json!(""));
    refused_at(&bad, "issued_by.name", ProblemCode::Empty);
}

#[test]
fn the_limits_are_enforced() {
    let long = "é".repeat(200_001);
    let bad = avis_with(|v| v["summary"] = json!(long));
    refused_at(&bad, "summary", ProblemCode::TooLarge);
    let ok = avis_with(|v| v["summary"] = json!("é".repeat(200_000)));
    assert!(
        decode_avis(&ok, Catalogue::builtin()).is_ok(),
        "200,000 characters are allowed"
    );
    let bad = avis_with(|v| {
        let r = v["remarks"][3].clone();
        v["remarks"] = Value::Array(
            (0..5_001)
                .map(|i| {
                    let mut r = r.clone();
                    r["id"] = json!(format!("R{i}"));
                    r
                })
                .collect(),
        );
    });
    refused_at(&bad, "remarks", ProblemCode::TooLarge);
    let huge = vec![b' '; 20 * 1024 * 1024 + 1];
    assert!(matches!(
        decode_avis(&huge, Catalogue::builtin()),
        Err(DecodeError::TooLarge { .. })
    ));
}

#[test]
fn answers_follow_their_rules() {
    let r = decode_reponses(REPONSES).expect("the public answers are valid");
    assert_eq!(fdr_format::review::encode_reponses(&r), REPONSES);
    let bad = reponses_with(|v| v["answers"][2]["text"] = json!(""));
    let p = refused(decode_reponses(&bad).unwrap_err());
    assert_eq!(p[0].0, "answers[2].text", "declined without a text: {p:?}");
    assert!(p[0].2.contains("non retenue"), "{p:?}");
    let bad = reponses_with(|v| v["answers"][1]["remark"] = json!("R1"));
    let p = refused(decode_reponses(&bad).unwrap_err());
    assert_eq!(
        (p[0].0.as_str(), p[0].1),
        ("answers[1].remark", ProblemCode::Duplicate),
        "{p:?}"
    );
    let bad = reponses_with(|v| v["answers"][0]["state"] = json!("done"));
    let p = refused(decode_reponses(&bad).unwrap_err());
    assert!(p[0].0.starts_with("answers[0]"), "{p:?}");
    let bad = reponses_with(|v| v["format_version"] = json!(2));
    assert!(matches!(decode_reponses(&bad), Err(DecodeError::UnsupportedVersion(_))));
    let bad = reponses_with(|v| v["answers"][0]["text"] = json!("a\u{1b}b"));
    let p = refused(decode_reponses(&bad).unwrap_err());
    assert_eq!(p[0].1, ProblemCode::ControlCharacter, "{p:?}");
}
