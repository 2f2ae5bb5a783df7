//! The review exchange's two documents (`docs/format/REVIEW.md`): the avis
//! (`feuille-de-route-avis`, version 1) and the réponses
//! (`feuille-de-route-reponses`, version 1).
//!
//! They are read with the same steps as a roadmap ([`crate::decode`]): size
//! limit, JSON syntax, an object at the top, the `format` and
//! `format_version` envelope, the schema (unknown fields refused, `null`
//! never read as absent, with the field's path), then the document's own
//! rules ([`fdr_core::review`]); all problems are returned. The rules that
//! need the importing copy (the roadmap and revision it holds) are the
//! store's.
//!
//! [`encode_avis`] and [`encode_reponses`] write the canonical files: pretty
//! JSON in the schema's field order, a final newline; the same document
//! gives the same bytes (its PDF embeds them).
//!
//! Extending it: a new version gets its own document struct and a branch on
//! `format_version`, as the roadmap does.

use crate::json::{self, strip_bom};
use crate::{first_difference, kind, DecodeError, MAX_FILE_BYTES};
use fdr_core::catalogue::Catalogue;
use fdr_core::review::*;
use fdr_core::validation::{self, Problem, ProblemCode};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The avis' `format` value.
pub const AVIS_FORMAT: &str = "feuille-de-route-avis";
/// The réponses' `format` value.
pub const REPONSES_FORMAT: &str = "feuille-de-route-reponses";
/// The version of both this crate reads and writes.
pub const REVIEW_FORMAT_VERSION: i64 = 1;

/// Which document of the exchange a JSON file says it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentKind {
    /// `feuille-de-route`.
    Roadmap,
    /// `feuille-de-route-avis`.
    Avis,
    /// `feuille-de-route-reponses`.
    Reponses,
}

/// The kind a JSON object's `format` field names, if it is one of ours
/// (unknown, absent, not JSON: `None`, and the roadmap reader says why).
pub fn document_kind(bytes: &[u8]) -> Option<DocumentKind> {
    #[derive(Deserialize)]
    struct Envelope {
        format: Option<Value>,
    }
    let bytes = strip_bom(bytes);
    if bytes.iter().find(|b| !b.is_ascii_whitespace()) != Some(&b'{') || bytes.len() > MAX_FILE_BYTES {
        return None;
    }
    let e: Envelope = serde_json::from_slice(bytes).ok()?;
    match e.format.as_ref().and_then(Value::as_str)? {
        crate::FORMAT => Some(DocumentKind::Roadmap),
        AVIS_FORMAT => Some(DocumentKind::Avis),
        REPONSES_FORMAT => Some(DocumentKind::Reponses),
        _ => None,
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AvisV1 {
    format: String,
    format_version: i64,
    id: String,
    roadmap: ReviewedRevision,
    issued_at: String,
    issued_by: Reviewer,
    decision: Decision,
    summary: String,
    remarks: Vec<Remark>,
}

#[derive(Serialize)]
struct AvisV1Ref<'a> {
    format: &'static str,
    format_version: i64,
    id: &'a str,
    roadmap: &'a ReviewedRevision,
    issued_at: &'a str,
    issued_by: &'a Reviewer,
    decision: Decision,
    summary: &'a str,
    remarks: &'a [Remark],
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ReponsesV1 {
    format: String,
    format_version: i64,
    roadmap: AnsweredRevision,
    answered_at: String,
    answers: Vec<Answer>,
}

#[derive(Serialize)]
struct ReponsesV1Ref<'a> {
    format: &'static str,
    format_version: i64,
    roadmap: &'a AnsweredRevision,
    answered_at: &'a str,
    answers: &'a [Answer],
}

fn avis_document(a: &Avis) -> AvisV1Ref<'_> {
    AvisV1Ref {
        format: AVIS_FORMAT,
        format_version: REVIEW_FORMAT_VERSION,
        id: &a.id,
        roadmap: &a.roadmap,
        issued_at: &a.issued_at,
        issued_by: &a.issued_by,
        decision: a.decision,
        summary: &a.summary,
        remarks: &a.remarks,
    }
}

fn reponses_document(r: &Reponses) -> ReponsesV1Ref<'_> {
    ReponsesV1Ref {
        format: REPONSES_FORMAT,
        format_version: REVIEW_FORMAT_VERSION,
        roadmap: &r.roadmap,
        answered_at: &r.answered_at,
        answers: &r.answers,
    }
}

/// The steps shared by both documents, as for a roadmap: what comes before
/// JSON ([`json::received_text`]: size, encoding, empty file, an object),
/// the `format` and `format_version` envelope, then the schema with the
/// failing field's path ([`json::read`]). `what` names the document in
/// messages (« un avis »).
fn read_document<T: serde::de::DeserializeOwned>(
    bytes: &[u8],
    format: &str,
    what: &'static str,
) -> Result<(T, Value), DecodeError> {
    let text = json::received_text(bytes, what)?;
    let file: Value = serde_json::from_slice(text).map_err(|e| json::syntax_error(text, &e))?;
    if file.get("format").and_then(Value::as_str) != Some(format) {
        return Err(DecodeError::Invalid(vec![Problem::new(
            "format",
            ProblemCode::Schema,
            format!("ce fichier n’est pas {what} : le champ « format » doit valoir \"{format}\""),
        )]));
    }
    match file.get("format_version") {
        Some(v) if v.as_i64() == Some(REVIEW_FORMAT_VERSION) && !v.is_f64() => {}
        Some(v) => return Err(DecodeError::UnsupportedVersion(validation::shorten(&v.to_string()))),
        None => {
            return Err(DecodeError::Invalid(vec![Problem::new(
                "format_version",
                ProblemCode::Schema,
                "champ obligatoire absent",
            )]))
        }
    }
    Ok((json::read(text)?, file))
}

/// Where the file and what was read from it differ (serde also reads a
/// struct from an array of its fields): a schema problem.
fn same_as_read(file: &Value, read: Value) -> Result<(), DecodeError> {
    match first_difference(file, &read, String::new()) {
        Some((path, in_file, expected)) => Err(DecodeError::Invalid(vec![Problem::new(
            path,
            ProblemCode::Schema,
            format!(
                "type de valeur incorrect : {}, {} attendu",
                kind(in_file),
                kind(expected)
            ),
        )])),
        None => Ok(()),
    }
}

/// Reads an avis file with every rule it obeys on its own; all problems.
pub fn decode_avis(bytes: &[u8], catalogue: &Catalogue) -> Result<Avis, DecodeError> {
    let (doc, file): (AvisV1, Value) = read_document(bytes, AVIS_FORMAT, "un avis sur une feuille de route")?;
    debug_assert_eq!((doc.format.as_str(), doc.format_version), (AVIS_FORMAT, 1));
    let avis = Avis {
        id: doc.id,
        roadmap: doc.roadmap,
        issued_at: doc.issued_at,
        issued_by: doc.issued_by,
        decision: doc.decision,
        summary: doc.summary,
        remarks: doc.remarks,
    };
    same_as_read(
        &file,
        serde_json::to_value(avis_document(&avis)).expect("an avis serialises"),
    )?;
    let problems = validate_avis(&avis, catalogue);
    if problems.is_empty() {
        Ok(avis)
    } else {
        Err(DecodeError::Invalid(problems))
    }
}

/// Reads a réponses file with every rule it obeys on its own; all problems.
pub fn decode_reponses(bytes: &[u8]) -> Result<Reponses, DecodeError> {
    let (doc, file): (ReponsesV1, Value) = read_document(bytes, REPONSES_FORMAT, "un fichier de réponses aux avis")?;
    debug_assert_eq!((doc.format.as_str(), doc.format_version), (REPONSES_FORMAT, 1));
    let reponses = Reponses {
        roadmap: doc.roadmap,
        answered_at: doc.answered_at,
        answers: doc.answers,
    };
    same_as_read(
        &file,
        serde_json::to_value(reponses_document(&reponses)).expect("answers serialise"),
    )?;
    let problems = validate_reponses(&reponses);
    if problems.is_empty() {
        Ok(reponses)
    } else {
        Err(DecodeError::Invalid(problems))
    }
}

/// The canonical file of an avis.
pub fn encode_avis(a: &Avis) -> Vec<u8> {
    let mut out = serde_json::to_vec_pretty(&avis_document(a)).expect("an avis serialises");
    out.push(b'\n');
    out
}

/// The canonical file of a set of answers.
pub fn encode_reponses(r: &Reponses) -> Vec<u8> {
    let mut out = serde_json::to_vec_pretty(&reponses_document(r)).expect("answers serialise");
    out.push(b'\n');
    out
}

/// Whether two files of the review exchange hold the same document (equal
/// JSON values: the same avis, or the same answers).
pub fn same_document(a: &[u8], b: &[u8]) -> bool {
    let parse = |bytes: &[u8]| serde_json::from_slice::<Value>(strip_bom(bytes)).ok();
    match (parse(a), parse(b)) {
        (Some(x), Some(y)) => crate::json_equal(&x, &y),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const AVIS: &[u8] = include_bytes!("../../../../docs/format/example-avis-theme-09.json");
    const REPONSES: &[u8] = include_bytes!("../../../../docs/format/example-reponses-theme-09.json");

    #[test]
    fn the_examples_read_and_write_back_exactly() {
        let a = decode_avis(AVIS, Catalogue::builtin()).expect("the public avis reads");
        assert_eq!(a.remarks.len(), 4);
        assert_eq!(
            encode_avis(&a),
            AVIS,
            "the canonical file is the example, byte for byte"
        );
        let r = decode_reponses(REPONSES).expect("the public answers read");
        assert_eq!(r.answers.len(), 3);
        assert_eq!(
            encode_reponses(&r),
            REPONSES,
            "the canonical file is the example, byte for byte"
        );
        assert_eq!(document_kind(AVIS), Some(DocumentKind::Avis));
        assert_eq!(document_kind(REPONSES), Some(DocumentKind::Reponses));
    }
}
