//! The first reading of any JSON file of the exchange — a roadmap, an avis,
//! réponses — and serde_json's errors in French.
//!
//! - [`received_text`] checks what comes before JSON: the size, the
//!   encoding (UTF-8, with or without its byte-order mark; a file saved in
//!   Windows-1252 or UTF-16 is named as such, with the line and column of
//!   the first character that is not UTF-8), an empty file, and that the top
//!   level is an object (« le fichier contient une liste, pas une feuille de
//!   route »).
//! - [`read`] deserializes a type with the path of the field that fails;
//!   [`problem`] turns any serde_json error at a path into a French
//!   [`Problem`]; [`json_error_message`] is that French text alone;
//!   [`syntax_error`] is the refusal of a file that is not JSON, naming the
//!   field where the syntax breaks.
//!
//! No English from serde_json reaches a message: each of its error kinds
//! (syntax, end of file, the types serde expects) has its French text here,
//! and a test per kind keeps them in step with serde_json's wording; a
//! wording this module does not know still gives French (« JSON invalide »).
//!
//! Extending it: a new document of the exchange calls [`received_text`]
//! with its own noun (« un avis »), then [`read`] for its type.

use crate::{DecodeError, MAX_FILE_BYTES};
use fdr_core::validation::{self, Problem, ProblemCode};
use serde::de::DeserializeOwned;

/// The UTF-8 byte-order mark, which Windows editors write.
const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// The bytes without a UTF-8 byte-order mark.
pub fn strip_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(UTF8_BOM).unwrap_or(bytes)
}

/// Why a received file is not text this application reads: a file that
/// is not UTF-8.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-16, with a byte-order mark or recognisable by its zero bytes.
    Utf16,
    /// Bytes that read as Windows-1252 (Excel's and Notepad's « ANSI »).
    Windows1252 {
        /// The first byte that is not UTF-8.
        byte: u8,
        /// What it is in Windows-1252.
        shown: char,
    },
    /// Bytes that are no known text encoding.
    Unknown {
        /// The first byte that is not UTF-8.
        byte: u8,
    },
    /// UTF-8 cut in the middle of a character at the end: a truncated file.
    Truncated,
    /// Not text at all (zero bytes, control codes): an image, an archive…
    Binary,
}

/// Line and column (1-based, in characters) of byte `at` of a text whose
/// bytes before `at` are UTF-8.
fn line_and_column(bytes: &[u8], at: usize) -> (usize, usize) {
    let before = &bytes[..at];
    let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let column = std::str::from_utf8(&before[line_start..]).map_or(at - line_start, |s| s.chars().count()) + 1;
    (line, column)
}

/// Whether `bytes` look like UTF-16 without a byte-order mark: JSON text
/// starts with ASCII, so one of its first two bytes is zero.
fn looks_like_utf16(bytes: &[u8]) -> bool {
    match bytes {
        [a, 0, b, 0, ..] | [0, a, 0, b, ..] => a.is_ascii() && b.is_ascii() && (*a != 0 || *b != 0),
        _ => false,
    }
}

/// Whether a byte that is not UTF-8 is a character in Windows-1252, and which.
fn windows_1252(byte: u8) -> Option<char> {
    let one = [byte];
    let (text, had_errors) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&one);
    let c = text.chars().next()?;
    // WHATWG maps the five bytes Windows-1252 leaves undefined to C1 controls.
    (!had_errors && !c.is_control()).then_some(c)
}

/// The encoding problem of a received file, if it is not UTF-8 text, with
/// the line and column of the first byte that is not.
pub fn encoding_problem(bytes: &[u8]) -> Option<(Encoding, usize, usize)> {
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") || looks_like_utf16(bytes) {
        return Some((Encoding::Utf16, 1, 1));
    }
    let body = strip_bom(bytes);
    // Valid UTF-8 goes on to JSON, even with a stray control character
    // (the JSON reader names it where it is).
    let e = std::str::from_utf8(body).err()?;
    let control = |b: &u8| *b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | b'\x0c');
    let at = e.valid_up_to();
    let (line, column) = line_and_column(body, at);
    let byte = body[at];
    let kind = if e.error_len().is_none() {
        Encoding::Truncated
    } else if body.iter().any(control) {
        Encoding::Binary
    } else {
        // Windows-1252 when every byte that is not ASCII is one of its characters.
        match windows_1252(byte) {
            Some(shown) if body.iter().all(|&b| b.is_ascii() || windows_1252(b).is_some()) => {
                Encoding::Windows1252 { byte, shown }
            }
            _ => Encoding::Unknown { byte },
        }
    };
    Some((kind, line, column))
}

/// The French text of an encoding problem.
pub fn encoding_message(kind: &Encoding, line: usize, column: usize) -> String {
    let at = format!("ligne {line}, colonne {column}");
    match kind {
        Encoding::Utf16 => {
            "le fichier n’est pas en UTF-8 (il est enregistré en UTF-16 ; réenregistrez-le en UTF-8)".to_string()
        }
        Encoding::Windows1252 { byte, shown } => format!(
            "le fichier n’est pas en UTF-8 (il semble enregistré en Windows-1252 ; réenregistrez-le en UTF-8) : \
             premier caractère illisible {at} (octet 0x{byte:02X}, « {shown} » en Windows-1252)"
        ),
        Encoding::Unknown { byte } => format!(
            "le fichier n’est pas en UTF-8 (réenregistrez-le en UTF-8) : premier octet illisible {at} (0x{byte:02X})"
        ),
        Encoding::Truncated => {
            format!("le fichier est incomplet : il s’arrête au milieu d’un caractère ({at})")
        }
        Encoding::Binary => "ce fichier n’est pas un fichier texte : ni du JSON ni un PDF".to_string(),
    }
}

/// What a JSON value is, for « le fichier contient une liste ».
fn found(first: u8) -> &'static str {
    match first {
        b'[' => "une liste",
        b'"' => "un texte",
        b't' | b'f' => "un booléen",
        b'n' => "la valeur null",
        _ => "un nombre",
    }
}

/// The checks before JSON of a received file that should hold one JSON
/// object, `expected` (« une feuille de route », « un avis »): size,
/// encoding, emptiness, and an object at the top level. Returns the JSON
/// text, without its byte-order mark.
pub fn received_text<'a>(bytes: &'a [u8], expected: &'static str) -> Result<&'a [u8], DecodeError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(DecodeError::TooLarge { size: bytes.len() });
    }
    if let Some((kind, line, column)) = encoding_problem(bytes) {
        return Err(DecodeError::Encoding {
            message: encoding_message(&kind, line, column),
            line,
            column,
        });
    }
    let text = strip_bom(bytes);
    let Some(&first) = text.iter().find(|b| !b.is_ascii_whitespace()) else {
        return Err(DecodeError::Empty);
    };
    // serde also reads a struct from an array of its fields: the file must be
    // an object, and other JSON is named for what it is.
    if first != b'{' {
        return Err(match serde_json::from_slice::<serde::de::IgnoredAny>(text) {
            Err(e) => syntax_error(text, &e),
            Ok(_) => DecodeError::NotAnObject {
                found: found(first),
                expected,
            },
        });
    }
    Ok(text)
}

/// Reads `T` from JSON text, naming the field of the first error.
pub fn read<T: DeserializeOwned>(text: &[u8]) -> Result<T, DecodeError> {
    let mut de = serde_json::Deserializer::from_slice(text);
    let value: T = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        match e.inner().classify() {
            serde_json::error::Category::Data => DecodeError::Invalid(vec![problem(&path, e.inner())]),
            // serde_json reports a value that is not a text where a choice
            // (an enum) is read as « expected value », though the file is JSON.
            _ if e.inner().to_string().starts_with("expected value at ")
                && serde_json::from_slice::<serde_json::Value>(text).is_ok() =>
            {
                DecodeError::Invalid(vec![Problem::new(
                    clean_path(&path),
                    ProblemCode::Schema,
                    format!(
                        "type de valeur incorrect : l’une des valeurs admises est attendue, en texte entre guillemets (ligne {}, colonne {})",
                        e.inner().line(),
                        e.inner().column()
                    ),
                )])
            }
            _ => not_json(&path, e.inner()),
        }
    })?;
    de.end().map_err(|e| syntax_error(text, &e))?;
    Ok(value)
}

/// The refusal of a file that is not JSON, naming the field where its syntax
/// breaks (found by reading it again as any JSON value, with paths).
pub fn syntax_error(text: &[u8], e: &serde_json::Error) -> DecodeError {
    let mut de = serde_json::Deserializer::from_slice(text);
    let path = match serde_path_to_error::deserialize::<_, serde_json::Value>(&mut de) {
        Err(again) => again.path().to_string(),
        Ok(_) => String::new(),
    };
    not_json(&path, e)
}

fn not_json(path: &str, e: &serde_json::Error) -> DecodeError {
    DecodeError::NotJson {
        path: clean_path(path).to_string(),
        reason: json_error_message(e),
        line: e.line(),
        column: e.column(),
    }
}

/// serde_path_to_error writes the top level as `.`.
fn clean_path(path: &str) -> &str {
    if path == "." {
        ""
    } else {
        path
    }
}

/// Between backquotes in a serde message: "unknown field `foo`, expected…" → "foo".
fn quoted(message: &str) -> Option<&str> {
    let start = message.find('`')? + 1;
    let len = message[start..].find('`')?;
    Some(&message[start..start + len])
}

/// serde's words for the value it found (`serde::de::Unexpected`), in French.
fn unexpected_fr(what: &str) -> String {
    let value = |prefix: &str| {
        what.strip_prefix(prefix)
            .map(|v| validation::shorten(v.trim_matches('`')))
    };
    if let Some(v) = value("boolean ") {
        format!("le booléen {v}")
    } else if let Some(v) = value("integer ") {
        format!("le nombre entier {v}")
    } else if let Some(v) = value("floating point ") {
        format!("le nombre décimal {v}")
    } else if let Some(v) = value("character ") {
        format!("le caractère « {v} »")
    } else if let Some(v) = what.strip_prefix("string ") {
        format!("le texte « {} »", validation::shorten(v.trim_matches('"')))
    } else {
        match what {
            "null" | "unit value" => "la valeur null",
            "sequence" => "une liste",
            "map" => "un objet",
            "byte array" => "des octets",
            "Option value" | "newtype struct" => "une valeur",
            "enum" | "unit variant" | "newtype variant" | "tuple variant" | "struct variant" => "une variante",
            _ => "une valeur",
        }
        .to_string()
    }
}

/// serde's words for what it expected (`serde::de::Expected`), in French.
fn expected_fr(what: &str) -> String {
    let what = what.trim();
    match what {
        "i64" | "i128" | "isize" => "un nombre entier".into(),
        "u64" | "u128" | "usize" => "un nombre entier positif ou nul".into(),
        "u8" => "un nombre entier de 0 à 255".into(),
        "u16" => "un nombre entier de 0 à 65535".into(),
        "u32" => "un nombre entier de 0 à 4294967295".into(),
        "i8" => "un nombre entier de -128 à 127".into(),
        "i16" => "un nombre entier de -32768 à 32767".into(),
        "i32" => "un nombre entier de -2147483648 à 2147483647".into(),
        "f32" | "f64" | "a JSON number" => "un nombre".into(),
        "a boolean" => "un booléen (true ou false)".into(),
        "a string" | "a borrowed string" | "variant identifier" | "field identifier" => {
            "un texte entre guillemets".into()
        }
        "a character" => "un caractère".into(),
        "a sequence" => "une liste".into(),
        "a map" | "any valid JSON value" => "un objet".into(),
        _ if what.starts_with("struct ") => "un objet".into(),
        _ if what.starts_with("enum ") => "une des valeurs admises (un texte)".into(),
        _ => match what
            .strip_prefix("a tuple of size ")
            .or_else(|| what.strip_prefix("an array of length "))
        {
            Some(n) => format!("une liste de {n} éléments"),
            None => "une valeur d’un autre type".into(),
        },
    }
}

/// serde's list of allowed names, "one of `a`, `b`", as « a, b ».
fn allowed_fr(expected: &str) -> String {
    let names: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
    if names.is_empty() {
        "aucune".to_string()
    } else {
        names.join(", ")
    }
}

/// The French text of serde_json's syntax and end-of-file errors.
fn syntax_fr(reason: &str) -> &'static str {
    match reason {
        "EOF while parsing a list" => "le fichier s’arrête au milieu d’une liste (crochet « ] » manquant)",
        "EOF while parsing an object" => "le fichier s’arrête au milieu d’un objet (accolade « } » manquante)",
        "EOF while parsing a string" => "le fichier s’arrête au milieu d’un texte (guillemet fermant manquant)",
        "EOF while parsing a value" => "le fichier s’arrête là où une valeur est attendue",
        "expected `:`" => "deux-points « : » attendu après le nom du champ",
        "expected `,` or `]`" => "virgule ou crochet fermant « ] » attendu dans la liste",
        "expected `,` or `}`" => "virgule ou accolade fermante « } » attendue dans l’objet",
        "expected ident" => "mot inconnu : seuls true, false et null s’écrivent sans guillemets",
        "expected value" => {
            "valeur attendue : un texte entre guillemets, un nombre, true, false, null, une liste [ ] ou un objet { }"
        }
        "expected `\"`" => "guillemet « \" » attendu : les noms de champs s’écrivent entre guillemets",
        "invalid escape" => "séquence d’échappement invalide après une barre oblique inverse « \\ »",
        "invalid number" => "nombre mal écrit",
        "number out of range" => "nombre trop grand",
        "invalid unicode code point" => "caractère illisible : ce texte n’est pas en UTF-8",
        "control character (\\u0000-\\u001F) found while parsing a string" => {
            "caractère de contrôle dans un texte : une tabulation ou un saut de ligne s’écrivent \\t ou \\n entre guillemets"
        }
        "key must be a string" => "le nom d’un champ doit être un texte entre guillemets",
        "lone leading surrogate in hex escape" => "séquence « \\u » invalide : demi-caractère UTF-16 isolé",
        "trailing comma" => "virgule en trop avant la fin de la liste ou de l’objet",
        "trailing characters" => "du texte suit la fin du JSON : un fichier contient une seule valeur",
        "unexpected end of hex escape" => {
            "séquence « \\u » incomplète : ce demi-caractère UTF-16 attend sa seconde moitié « \\uDC00 » à « \\uDFFF »"
        }
        "recursion limit exceeded" => "imbrication trop profonde (plus de 128 niveaux de listes ou d’objets)",
        _ => "JSON invalide",
    }
}

/// « au lieu d’un nombre », « au lieu de la valeur null »: `de` elided before
/// « un » and « une ».
pub fn instead_of(noun: &str) -> String {
    if noun.starts_with("un") {
        format!("au lieu d’{noun}")
    } else {
        format!("au lieu de {noun}")
    }
}

/// The French text of any serde_json error, without its location: what
/// [`problem`] and the refusals of files that are not JSON say.
pub fn json_error_message(e: &serde_json::Error) -> String {
    let text = e.to_string();
    let reason = match text.rfind(" at line ") {
        Some(i) => &text[..i],
        None => text.as_str(),
    };
    if e.is_io() {
        return "le fichier n’a pas pu être lu".into();
    }
    if !e.is_data() {
        return syntax_fr(reason).into();
    }
    if let Some(rest) = reason.strip_prefix("invalid type: ") {
        let (found, expected) = rest.rsplit_once(", expected ").unwrap_or((rest, ""));
        return format!(
            "type de valeur incorrect : {} {}",
            unexpected_fr(found),
            instead_of(&expected_fr(expected))
        );
    }
    if let Some(rest) = reason.strip_prefix("invalid value: ") {
        let (found, expected) = rest.rsplit_once(", expected ").unwrap_or((rest, ""));
        return format!(
            "valeur incorrecte : {} {}",
            unexpected_fr(found),
            instead_of(&expected_fr(expected))
        );
    }
    if let Some(rest) = reason.strip_prefix("invalid length ") {
        let (n, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        return format!("liste de {n} éléments {}", instead_of(&expected_fr(expected)));
    }
    if reason.starts_with("unknown field") {
        let field = quoted(reason).unwrap_or("?");
        return format!(
            "champ inconnu « {} » : le format ne l’admet pas",
            validation::shorten(field)
        );
    }
    if reason.starts_with("missing field") {
        return "champ obligatoire absent".into();
    }
    if reason.starts_with("duplicate field") {
        return "champ présent deux fois".into();
    }
    if reason.starts_with("unknown variant") {
        let value = quoted(reason).unwrap_or("?");
        let allowed = reason.split_once("expected ").map_or("", |(_, a)| a);
        return format!(
            "valeur « {} » non admise ; valeurs possibles : {}",
            validation::shorten(value),
            allowed_fr(allowed)
        );
    }
    if reason == "number out of range" {
        return "nombre trop grand".into();
    }
    "valeur incorrecte".into()
}

/// A serde_json error at `path` (as serde_path_to_error writes it), as a
/// French problem with its line and column. A missing or duplicate field is
/// named in the path.
pub fn problem(path: &str, e: &serde_json::Error) -> Problem {
    let text = e.to_string();
    let path = clean_path(path);
    let join = |field: &str| {
        if path.is_empty() {
            field.to_string()
        } else {
            format!("{path}.{field}")
        }
    };
    let at_field = if text.starts_with("missing field") || text.starts_with("duplicate field") {
        join(quoted(&text).unwrap_or("?"))
    } else {
        // serde_path_to_error's path already ends with an unknown key.
        path.to_string()
    };
    let message = format!("{} (ligne {}, colonne {})", json_error_message(e), e.line(), e.column());
    Problem::new(at_field, ProblemCode::Schema, message)
}
