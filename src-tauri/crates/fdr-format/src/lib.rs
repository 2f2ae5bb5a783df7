//! The exchange format `feuille-de-route`, version 1 (`docs/format/`).
//!
//! - [`decode`] reads a file's bytes with every rule of the format: size
//!   limit, encoding (UTF-8; [`json`] names Windows-1252 and UTF-16), JSON
//!   syntax, schema (unknown fields refused, `null` never read as
//!   absent), then all the rules of [`fdr_core::validation`]; it returns the
//!   roadmap and its warnings, or *all* the problems it could find.
//! - [`encode`] writes a roadmap as the canonical file: pretty JSON, fields in
//!   the schema's order, UTF-8 unescaped, a final newline. The same roadmap and
//!   `exported_at` always give the same bytes (the PDF embeds them).
//! - [`same_content`] says whether two files hold the same roadmap, ignoring
//!   `exported_at`, as the import semantics require.
//!
//! Nothing is normalised: text, ids, number values and absent-versus-empty
//! fields come back out exactly as they went in.
//!
//! Extending it: a version 2 gets its own document type beside
//! [`DocumentV1`] and a branch in [`decode`] on `format_version`; the core
//! types stay the domain.

pub mod json;
pub mod pdf;

pub use json::json_error_message;

use fdr_core::catalogue::Catalogue;
use fdr_core::validation::{self, Checker, Problem, ProblemCode};
use fdr_core::warnings::{self, Warning};
use fdr_core::*;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The `format` field's value.
pub const FORMAT: &str = "feuille-de-route";
/// The version this crate reads and writes.
pub const FORMAT_VERSION: i64 = 1;
/// Largest file accepted: 20 MiB.
pub const MAX_FILE_BYTES: usize = 20 * 1024 * 1024;
/// The name of the JSON file embedded in an exported PDF.
pub const ATTACHMENT_NAME: &str = "feuille-de-route.json";

/// One file of the format, version 1, as read.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentV1 {
    format: String,
    format_version: i64,
    id: String,
    revision: i64,
    exported_at: String,
    region: Region,
    period: Period,
    theme: Theme,
    status: RoadmapStatus,
    animators: Vec<Animator>,
    diagnosis: Diagnosis,
    objectives: Vec<Objective>,
    actions: Vec<Action>,
    indicators: Vec<Indicator>,
    participation: Participation,
}

/// The same, borrowed, for writing without copying.
#[derive(Serialize)]
struct DocumentV1Ref<'a> {
    format: &'static str,
    format_version: i64,
    id: &'a str,
    revision: i64,
    exported_at: &'a str,
    region: &'a Region,
    period: &'a Period,
    theme: &'a Theme,
    status: RoadmapStatus,
    animators: &'a [Animator],
    diagnosis: &'a Diagnosis,
    objectives: &'a [Objective],
    actions: &'a [Action],
    indicators: &'a [Indicator],
    participation: &'a Participation,
}

/// The first look at a file: is it ours, and which version?
#[derive(Deserialize)]
struct Envelope {
    format: Option<Value>,
    format_version: Option<Value>,
}

/// A file that was read and passed every rule.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    /// The roadmap.
    pub roadmap: Roadmap,
    /// When the file was exported (RFC 3339, as written).
    pub exported_at: String,
    /// What the user should look at; never a reason to refuse.
    pub warnings: Vec<Warning>,
}

/// Why a file is refused. [`DecodeError::problems`] lists them with paths.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum DecodeError {
    /// Over [`MAX_FILE_BYTES`].
    #[error("fichier trop volumineux : {size} octets, au plus {MAX_FILE_BYTES} (20 Mio) sont admis")]
    TooLarge {
        /// Size of the file in bytes.
        size: usize,
    },
    /// Empty, or only spaces.
    #[error("le fichier est vide")]
    Empty,
    /// Not UTF-8 text: Windows-1252, UTF-16, binary (see [`json::Encoding`]).
    #[error("{message}")]
    Encoding {
        /// The French message, naming the encoding and where.
        message: String,
        /// 1-based line of the first byte that is not UTF-8.
        line: usize,
        /// 1-based column, in characters.
        column: usize,
    },
    /// Not JSON at all.
    #[error(
        "{}ce n’est pas du JSON valide : {reason} (ligne {line}, colonne {column})",
        field_prefix(path)
    )]
    NotJson {
        /// Where in the document the syntax breaks (empty at the top level).
        path: String,
        /// What is wrong, in French.
        reason: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
    },
    /// JSON, but not an object: a list, a text, a number…
    #[error("le fichier contient {found}, pas {expected} (un objet JSON)")]
    NotAnObject {
        /// What the file holds, e.g. « une liste ».
        found: &'static str,
        /// What it should hold, e.g. « une feuille de route ».
        expected: &'static str,
    },
    /// A file named `….pdf` that is not a PDF.
    #[error("ce fichier porte l’extension .pdf mais n’est pas un PDF")]
    NamedPdfNotPdf,
    /// JSON, but not a roadmap of this format.
    #[error("ce fichier n’est pas une feuille de route : le champ « format » doit valoir \"feuille-de-route\"")]
    NotRoadmap,
    /// A roadmap of another version.
    #[error("format_version: version {0} du format non prise en charge (cette application lit la version 1)")]
    UnsupportedVersion(String),
    /// A PDF that carries no readable roadmap.
    #[error("{0}")]
    Pdf(#[from] pdf::PdfError),
    /// A roadmap that breaks rules; every problem found is listed.
    #[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join(" ; "))]
    Invalid(Vec<Problem>),
}

/// `path: ` before a message, or nothing at the top level.
fn field_prefix(path: &str) -> String {
    if path.is_empty() {
        String::new()
    } else {
        format!("{path}: ")
    }
}

/// What a roadmap file should hold, for [`DecodeError::NotAnObject`].
pub const ROADMAP_NOUN: &str = "une feuille de route";

impl DecodeError {
    /// The refusal as problems with field paths (one for the file-level errors).
    pub fn problems(&self) -> Vec<Problem> {
        match self {
            Self::Invalid(problems) => problems.clone(),
            Self::NotJson {
                path,
                reason,
                line,
                column,
            } => vec![Problem::new(
                path.clone(),
                ProblemCode::Schema,
                format!("ce n’est pas du JSON valide : {reason} (ligne {line}, colonne {column})"),
            )],
            Self::TooLarge { .. } => {
                vec![Problem::new("", ProblemCode::TooLarge, self.to_string())]
            }
            Self::UnsupportedVersion(_) => {
                vec![Problem::new("", ProblemCode::Schema, self.to_string())]
            }
            _ => vec![Problem::new("", ProblemCode::Schema, self.to_string())],
        }
    }
}

use json::strip_bom;

/// Whether a received file is a PDF: it does not open as a JSON object and
/// has the `%PDF-` header in its first kilobyte (as PDF readers accept).
pub fn is_pdf(file: &[u8]) -> bool {
    let body = strip_bom(file);
    body.iter().find(|b| !b.is_ascii_whitespace()) != Some(&b'{')
        && file[..file.len().min(1024)].windows(5).any(|w| w == b"%PDF-")
}

/// The JSON a received file carries: the file itself, or the
/// `feuille-de-route.json` attached to a PDF.
pub fn exchange_json(file: &[u8]) -> Result<std::borrow::Cow<'_, [u8]>, DecodeError> {
    if is_pdf(file) {
        Ok(std::borrow::Cow::Owned(pdf::extract_attachment(file)?))
    } else {
        Ok(std::borrow::Cow::Borrowed(file))
    }
}

/// Every roadmap JSON a received file carries: the file itself, the
/// attachment of a roadmap's PDF, or each roadmap of a consolidated PDF
/// (named `feuille-de-route-theme-NN.json`). A file whose `name` ends in
/// `.pdf` must be a PDF.
pub fn exchange_jsons<'a>(file: &'a [u8], name: Option<&str>) -> Result<Vec<std::borrow::Cow<'a, [u8]>>, DecodeError> {
    let named_pdf = name.is_some_and(|n| {
        n.rsplit_once('.')
            .is_some_and(|(_, ext)| ext.eq_ignore_ascii_case("pdf"))
    });
    if named_pdf && !is_pdf(file) {
        return Err(DecodeError::NamedPdfNotPdf);
    }
    if is_pdf(file) {
        Ok(pdf::extract_attachments(file)?
            .into_iter()
            .map(|(_, bytes)| std::borrow::Cow::Owned(bytes))
            .collect())
    } else {
        Ok(vec![std::borrow::Cow::Borrowed(file)])
    }
}

/// Reads a file of the format: every rule, all problems.
pub fn decode(bytes: &[u8], catalogue: &Catalogue) -> Result<Decoded, DecodeError> {
    let bytes = json::received_text(bytes, ROADMAP_NOUN)?;

    // First look: JSON at all, and ours? (Unknown fields ignored here.)
    let envelope: Envelope = serde_json::from_slice(bytes).map_err(|e| match e.classify() {
        serde_json::error::Category::Data => DecodeError::NotRoadmap,
        _ => json::syntax_error(bytes, &e),
    })?;
    if envelope.format.as_ref().and_then(Value::as_str) != Some(FORMAT) {
        return Err(DecodeError::NotRoadmap);
    }
    match envelope.format_version {
        Some(v) if v.as_i64() == Some(FORMAT_VERSION) => {}
        Some(v) => return Err(DecodeError::UnsupportedVersion(validation::shorten(&v.to_string()))),
        None => {
            return Err(DecodeError::Invalid(vec![Problem::new(
                "format_version",
                ProblemCode::Schema,
                "champ obligatoire absent",
            )]))
        }
    }

    let doc: DocumentV1 = json::read(bytes)?;

    let mut envelope_checks = Checker::new();
    if doc.revision < 1 {
        envelope_checks.push(
            "revision",
            ProblemCode::Range,
            format!("révision {} : elle doit être au moins 1", doc.revision),
        );
    }
    if !fdr_core::calendar::is_rfc3339_timestamp(&doc.exported_at) {
        envelope_checks.push(
            "exported_at",
            ProblemCode::Format,
            format!(
                "« {} » n’est pas un horodatage RFC 3339 (ex. 2019-06-28T14:05:00Z)",
                validation::shorten(&doc.exported_at)
            ),
        );
    }
    debug_assert_eq!(doc.format, FORMAT);
    debug_assert_eq!(doc.format_version, FORMAT_VERSION);

    let roadmap = Roadmap {
        id: doc.id,
        revision: doc.revision,
        region: doc.region,
        period: doc.period,
        theme: doc.theme,
        status: doc.status,
        animators: doc.animators,
        diagnosis: doc.diagnosis,
        objectives: doc.objectives,
        actions: doc.actions,
        indicators: doc.indicators,
        participation: doc.participation,
    };
    // serde's derived structs also read an array of their fields, in order,
    // where the schema wants an object: what was read must be what the file says.
    let file: Value = serde_json::from_slice(bytes).map_err(|e| json::syntax_error(bytes, &e))?;
    let read = serde_json::to_value(document(&roadmap, &doc.exported_at)).expect("a roadmap always serialises");
    if let Some((path, in_file, expected)) = first_difference(&file, &read, String::new()) {
        return Err(DecodeError::Invalid(vec![Problem::new(
            path,
            ProblemCode::Schema,
            format!(
                "type de valeur incorrect : {} {}",
                kind(in_file),
                json::instead_of(kind(expected))
            ),
        )]));
    }

    let mut problems = envelope_checks.into_problems();
    let content = validation::validate(&roadmap, catalogue);
    // Envelope problems go in document order: id first, then revision, exported_at.
    let id_first = content.iter().take_while(|p| p.path == "id").count();
    let mut ordered: Vec<Problem> = content[..id_first].to_vec();
    ordered.append(&mut problems);
    ordered.extend_from_slice(&content[id_first..]);
    if !ordered.is_empty() {
        return Err(DecodeError::Invalid(ordered));
    }
    let warnings = warnings::warnings(&roadmap);
    Ok(Decoded {
        roadmap,
        exported_at: doc.exported_at,
        warnings,
    })
}

/// The JSON type of a value, in French, as [`json`]'s messages name them.
fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "la valeur null",
        Value::Bool(_) => "un booléen",
        Value::Number(_) => "un nombre",
        Value::String(_) => "un texte",
        Value::Array(_) => "une liste",
        Value::Object(_) => "un objet",
    }
}

/// The first place (path, value in the file, value read) where the file and
/// what was read from it differ as JSON values.
fn first_difference<'a>(file: &'a Value, read: &'a Value, path: String) -> Option<(String, &'a Value, &'a Value)> {
    let field = |k: &str| {
        if path.is_empty() {
            k.to_string()
        } else {
            format!("{path}.{k}")
        }
    };
    match (file, read) {
        (Value::Object(x), Value::Object(y)) => x
            .iter()
            .find_map(|(k, v)| match y.get(k) {
                Some(w) => first_difference(v, w, field(k)),
                None => Some((field(k), v, &Value::Null)),
            })
            .or_else(|| {
                y.iter()
                    .find(|(k, _)| !x.contains_key(*k))
                    .map(|(k, w)| (field(k), &Value::Null, w))
            }),
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => x
            .iter()
            .zip(y)
            .enumerate()
            .find_map(|(i, (v, w))| first_difference(v, w, format!("{path}[{i}]"))),
        _ if json_equal(file, read) => None,
        _ => Some((path, file, read)),
    }
}

/// The file's document for a roadmap.
fn document<'a>(roadmap: &'a Roadmap, exported_at: &'a str) -> DocumentV1Ref<'a> {
    DocumentV1Ref {
        format: FORMAT,
        format_version: FORMAT_VERSION,
        id: &roadmap.id,
        revision: roadmap.revision,
        exported_at,
        region: &roadmap.region,
        period: &roadmap.period,
        theme: &roadmap.theme,
        status: roadmap.status,
        animators: &roadmap.animators,
        diagnosis: &roadmap.diagnosis,
        objectives: &roadmap.objectives,
        actions: &roadmap.actions,
        indicators: &roadmap.indicators,
        participation: &roadmap.participation,
    }
}

/// Writes the canonical file of a roadmap at a revision.
pub fn encode(roadmap: &Roadmap, exported_at: &str) -> Vec<u8> {
    let mut out = serde_json::to_vec_pretty(&document(roadmap, exported_at))
        .expect("a roadmap always serialises: no maps with non-string keys");
    out.push(b'\n');
    out
}

/// Whether two JSON values are equal as JSON values: numbers by value (`1`
/// equals `1.0`), objects whatever their key order.
pub fn json_equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => match (x.as_i64(), y.as_i64(), x.as_u64(), y.as_u64()) {
            (Some(i), Some(j), _, _) => i == j,
            (_, _, Some(i), Some(j)) => i == j,
            _ if x.is_f64() || y.is_f64() => x.as_f64() == y.as_f64(),
            _ => false,
        },
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(a, b)| json_equal(a, b)),
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| json_equal(v, w)))
        }
        _ => a == b,
    }
}

/// Whether two files hold "the same content": equal JSON values ignoring
/// `exported_at`. Files that are not JSON objects are never the same.
pub fn same_content(a: &[u8], b: &[u8]) -> bool {
    let parse = |bytes: &[u8]| -> Option<Value> {
        let mut v: Value = serde_json::from_slice(strip_bom(bytes)).ok()?;
        v.as_object_mut()?.remove("exported_at");
        Some(v)
    };
    match (parse(a), parse(b)) {
        (Some(x), Some(y)) => json_equal(&x, &y),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_equality_is_by_value() {
        let v = |s: &str| serde_json::from_str::<Value>(s).expect("json");
        assert!(
            json_equal(&v("[1, 2.0]"), &v("[1.0, 2]")),
            "1 and 1.0 are the same number"
        );
        assert!(
            json_equal(&v(r#"{"a":1,"b":2}"#), &v(r#"{"b":2,"a":1}"#)),
            "key order does not matter"
        );
        assert!(
            !json_equal(&v(r#"{"a":1}"#), &v(r#"{"a":1,"b":null}"#)),
            "absent differs from null"
        );
        assert!(
            !json_equal(&v(r#""é""#), &v("\"e\u{301}\"")),
            "no Unicode normalisation"
        );
        assert!(!json_equal(&v("[]"), &v("{}")));
        assert!(json_equal(&v("18446744073709551615"), &v("18446744073709551615")));
    }

    #[test]
    fn serde_messages_become_french_with_paths() {
        let e = serde_json::from_str::<Objective>(r#"{"id":"O1","priority":1,"title":"t","colour":"red"}"#)
            .expect_err("unknown field");
        let p = json::problem("objectives[0].colour", &e);
        assert_eq!(p.path, "objectives[0].colour", "the unknown field is named in the path");
        assert!(p.message.starts_with("champ inconnu « colour »"), "{}", p.message);
        let e = serde_json::from_str::<Objective>(r#"{"id":"O1","priority":1}"#).expect_err("missing title");
        assert_eq!(json::problem("objectives[2]", &e).path, "objectives[2].title");
    }
}
