//! What a person reads when a received file is refused: one test per class
//! of message (encoding, empty file, not an object, a `.pdf` that is not a
//! PDF, each kind of JSON syntax error, each kind of type error), asserting
//! the French text; and a property test that no English from serde_json
//! reaches a message, on damaged copies of the public example.

use fdr_core::catalogue::Catalogue;
use fdr_format::{decode, exchange_jsons, json, json_error_message, DecodeError};
use proptest::prelude::*;
use serde_json::{json, Value};

/// The public example, as shipped beside the specification.
const EXAMPLE: &[u8] = include_bytes!("../../../../docs/format/example-theme-09.json");

#[track_caller]
fn refusal(bytes: &[u8]) -> DecodeError {
    match decode(bytes, Catalogue::builtin()) {
        Ok(_) => panic!("the file must be refused"),
        Err(e) => e,
    }
}

/// The example with one value set at a JSON pointer, written as the text of
/// `raw` (so that it can be JSON serde_json would never write).
fn with_raw(pointer: &str, raw: &str) -> Vec<u8> {
    let mut v: Value = serde_json::from_slice(EXAMPLE).expect("JSON");
    *v.pointer_mut(pointer).expect("in the example") = json!("@@RAW@@");
    serde_json::to_string_pretty(&v)
        .expect("serialises")
        .replace("\"@@RAW@@\"", raw)
        .into_bytes()
}

/// Line and column (1-based, characters) of the first character of `text`
/// that is not ASCII.
fn first_non_ascii(text: &str) -> (usize, usize, char) {
    for (n, line) in text.split('\n').enumerate() {
        if let Some((col, c)) = line.chars().enumerate().find(|(_, c)| !c.is_ascii()) {
            return (n + 1, col + 1, c);
        }
    }
    panic!("the example has accents")
}

#[test]
fn a_windows_1252_file_is_named_with_its_first_bad_character() {
    let text = std::str::from_utf8(EXAMPLE).expect("the example is UTF-8");
    let (ansi, _, _) = encoding_rs::WINDOWS_1252.encode(text);
    let (line, column, c) = first_non_ascii(text);
    let byte = encoding_rs::WINDOWS_1252.encode(&c.to_string()).0[0];
    let e = refusal(&ansi);
    assert_eq!(
        e.to_string(),
        format!(
            "le fichier n’est pas en UTF-8 (il semble enregistré en Windows-1252 ; réenregistrez-le en UTF-8) : \
             premier caractère illisible ligne {line}, colonne {column} (octet 0x{byte:02X}, « {c} » en Windows-1252)"
        ),
        "the encoding, what to do, and where the first accent is"
    );
    assert!(
        matches!(e, DecodeError::Encoding { line: l, column: k, .. } if l == line && k == column),
        "{e:?}"
    );
    // The same with a UTF-8 byte-order mark in front: still Windows-1252.
    let mut with_bom = b"\xEF\xBB\xBF".to_vec();
    with_bom.extend_from_slice(&ansi);
    assert!(refusal(&with_bom).to_string().contains("Windows-1252"));
}

#[test]
fn a_utf16_file_is_named_as_such() {
    let text = std::str::from_utf8(EXAMPLE).expect("UTF-8");
    let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    let expected = "le fichier n’est pas en UTF-8 (il est enregistré en UTF-16 ; réenregistrez-le en UTF-8)";
    for (name, bytes) in [
        ("UTF-16LE with its BOM", [&b"\xFF\xFE"[..], &le].concat()),
        ("UTF-16BE with its BOM", [&b"\xFE\xFF"[..], &be].concat()),
        ("UTF-16LE without a BOM", le.clone()),
        ("UTF-16BE without a BOM", be.clone()),
    ] {
        assert_eq!(refusal(&bytes).to_string(), expected, "{name}");
    }
}

#[test]
fn other_bytes_that_are_not_utf8_say_so() {
    let e = refusal(b"{\n  \"format\": \"feuille-de-route\x81\"\n}");
    assert_eq!(
        e.to_string(),
        "le fichier n’est pas en UTF-8 (réenregistrez-le en UTF-8) : premier octet illisible ligne 2, colonne 30 (0x81)",
        "a byte that is no Windows-1252 character"
    );
    let mut cut = EXAMPLE.to_vec();
    let at = cut.iter().position(|&b| b >= 0x80).expect("an accent") + 1;
    cut.truncate(at);
    let e = refusal(&cut);
    assert!(
        e.to_string()
            .starts_with("le fichier est incomplet : il s’arrête au milieu d’un caractère (ligne "),
        "{e}"
    );
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
    assert_eq!(
        refusal(png).to_string(),
        "ce fichier n’est pas un fichier texte : ni du JSON ni un PDF"
    );
}

#[test]
fn an_empty_file_says_it_is_empty() {
    for empty in [&b""[..], b"\n\n", b"\xEF\xBB\xBF  "] {
        assert_eq!(refusal(empty).to_string(), "le fichier est vide", "{empty:?}");
    }
}

#[test]
fn a_list_is_not_a_roadmap() {
    let list = [b"[", EXAMPLE, b"]"].concat();
    assert_eq!(
        refusal(&list).to_string(),
        "le fichier contient une liste, pas une feuille de route (un objet JSON)"
    );
    assert_eq!(
        json::received_text(b" [1]", "un avis").expect_err("a list").to_string(),
        "le fichier contient une liste, pas un avis (un objet JSON)",
        "the review readers name their own document"
    );
}

#[test]
fn a_file_named_pdf_must_be_a_pdf() {
    for name in ["feuille.pdf", "FEUILLE.PDF", "a.b.Pdf"] {
        let e = exchange_jsons(EXAMPLE, Some(name)).expect_err("JSON named .pdf");
        assert_eq!(
            e.to_string(),
            "ce fichier porte l’extension .pdf mais n’est pas un PDF",
            "{name}"
        );
    }
    assert!(
        exchange_jsons(b"<html>erreur 404</html>", Some("export.pdf")).is_err(),
        "a web page saved as .pdf"
    );
    assert_eq!(
        exchange_jsons(EXAMPLE, Some("feuille.json")).expect("JSON").len(),
        1,
        "a JSON file is read as JSON"
    );
    assert_eq!(
        exchange_jsons(EXAMPLE, None).expect("no name").len(),
        1,
        "no name, no check"
    );
    assert!(
        exchange_jsons(EXAMPLE, Some("pdf")).is_ok(),
        "a name without extension is not a .pdf"
    );
}

/// Every kind of JSON syntax error serde_json reports, and its French text.
#[test]
fn every_json_syntax_error_is_french() {
    let deep = "[".repeat(200);
    let cases: [(&str, &str); 20] = [
        ("{\"a\": ", "le fichier s’arrête là où une valeur est attendue"),
        ("[1, 2", "le fichier s’arrête au milieu d’une liste (crochet « ] » manquant)"),
        ("{\"a\": 1", "le fichier s’arrête au milieu d’un objet (accolade « } » manquante)"),
        ("\"abc", "le fichier s’arrête au milieu d’un texte (guillemet fermant manquant)"),
        ("{\"a\" 1}", "deux-points « : » attendu après le nom du champ"),
        ("[1 2]", "virgule ou crochet fermant « ] » attendu dans la liste"),
        ("{\"a\": 1 \"b\": 2}", "virgule ou accolade fermante « } » attendue dans l’objet"),
        ("[trux]", "mot inconnu : seuls true, false et null s’écrivent sans guillemets"),
        (
            "{\"a\": x}",
            "valeur attendue : un texte entre guillemets, un nombre, true, false, null, une liste [ ] ou un objet { }",
        ),
        ("{a: 1}", "le nom d’un champ doit être un texte entre guillemets"),
        ("\"a\\qb\"", "séquence d’échappement invalide après une barre oblique inverse « \\ »"),
        ("[-]", "nombre mal écrit"),
        ("1e999", "nombre trop grand"),
        ("\"\\uDC00\"", "séquence « \\u » invalide : demi-caractère UTF-16 isolé"),
        ("\"\\uD800\\u0041\"", "séquence « \\u » invalide : demi-caractère UTF-16 isolé"),
        (
            "\"a\tb\"",
            "caractère de contrôle dans un texte : une tabulation ou un saut de ligne s’écrivent \\t ou \\n entre guillemets",
        ),
        ("[1,]", "virgule en trop avant la fin de la liste ou de l’objet"),
        ("{} x", "du texte suit la fin du JSON : un fichier contient une seule valeur"),
        (
            "\"\\uD800x\"",
            "séquence « \\u » incomplète : ce demi-caractère UTF-16 attend sa seconde moitié « \\uDC00 » à « \\uDFFF »",
        ),
        (deep.as_str(), "imbrication trop profonde (plus de 128 niveaux de listes ou d’objets)"),
    ];
    for (text, french) in cases {
        let e = serde_json::from_str::<Value>(text).expect_err("not JSON");
        assert_eq!(json_error_message(&e), french, "{text:.30?} (serde_json says « {e} »)");
    }
    // Bytes that are not UTF-8 inside a string, for a reader that skips
    // `received_text` (which names the encoding first).
    let e = serde_json::from_slice::<Value>(b"\"caf\xE9\"").expect_err("not UTF-8");
    assert_eq!(
        json_error_message(&e),
        "caractère illisible : ce texte n’est pas en UTF-8"
    );
}

#[test]
fn a_syntax_error_names_the_field_where_it_is() {
    let bytes = with_raw("/theme/title", "\"Les sortants\\uD800\\u0041\"");
    let e = refusal(&bytes);
    let text = e.to_string();
    assert!(
        text.starts_with("theme.title: ce n’est pas du JSON valide : séquence « \\u » invalide : demi-caractère UTF-16 isolé (ligne "),
        "the field, then what is wrong: {text}"
    );
    assert_eq!(e.problems()[0].path, "theme.title", "the problem carries the path");
    let half = &EXAMPLE[..EXAMPLE.len() / 2];
    let e = refusal(half);
    assert!(
        matches!(&e, DecodeError::NotJson { path, .. } if !path.is_empty()),
        "a truncated file names the field it stops in: {e}"
    );
}

/// Every kind of serde type error the format can meet, on the example.
#[test]
fn every_type_error_is_french_and_names_the_field() {
    let cases: [(&str, &str, &str, &str); 9] = [
        (
            "/actions/0/funding/0/amount_cents",
            "5500000.5",
            "actions[0].funding[0].amount_cents",
            "type de valeur incorrect : le nombre décimal 5500000.5 au lieu d’un nombre entier",
        ),
        (
            "/theme/number",
            "\"9\"",
            "theme.number",
            "type de valeur incorrect : le texte « 9 » au lieu d’un nombre entier",
        ),
        (
            "/theme/title",
            "12",
            "theme.title",
            "type de valeur incorrect : le nombre entier 12 au lieu d’un texte entre guillemets",
        ),
        (
            "/animators/0/role",
            "null",
            "animators[0].role",
            "type de valeur incorrect : la valeur null au lieu d’un texte entre guillemets",
        ),
        (
            "/period",
            "[2019, 2022]",
            "period",
            "type de valeur incorrect : une liste au lieu d’un objet",
        ),
        (
            "/objectives",
            "{}",
            "objectives",
            "type de valeur incorrect : un objet au lieu d’une liste",
        ),
        (
            "/status",
            "\"brouillon\"",
            "status",
            "valeur « brouillon » non admise ; valeurs possibles : draft, submitted, validated",
        ),
        (
            "/actions/0/status",
            "true",
            "actions[0].status",
            "type de valeur incorrect : l’une des valeurs admises est attendue, en texte entre guillemets",
        ),
        (
            "/indicators/0/baseline/value",
            "\"12\"",
            "indicators[0].baseline.value",
            "type de valeur incorrect : le texte « 12 » au lieu d’un nombre",
        ),
    ];
    for (pointer, raw, path, french) in cases {
        let e = refusal(&with_raw(pointer, raw));
        let problems = e.problems();
        assert_eq!(problems.len(), 1, "{pointer} = {raw}: {problems:?}");
        assert_eq!(problems[0].path, path, "{pointer} = {raw}: the field is named");
        // serde reads a struct from a list: that one is found after reading, without a line.
        assert!(
            problems[0].message == french || problems[0].message.starts_with(&format!("{french} (ligne ")),
            "{pointer} = {raw}: « {} »",
            problems[0].message
        );
    }
}

#[test]
fn unknown_missing_and_duplicate_fields_are_french() {
    let text = String::from_utf8(EXAMPLE.to_vec()).expect("UTF-8");
    let unknown = text.replacen("\"revision\":", "\"couleur\": 1, \"revision\":", 1);
    let p = &refusal(unknown.as_bytes()).problems()[0];
    assert!(
        p.message
            .starts_with("champ inconnu « couleur » : le format ne l’admet pas (ligne "),
        "{p:?}"
    );
    let duplicate = text.replacen("\"revision\":", "\"revision\": 1, \"revision\":", 1);
    let p = &refusal(duplicate.as_bytes()).problems()[0];
    assert_eq!(p.path, "revision", "{p:?}");
    assert!(p.message.starts_with("champ présent deux fois (ligne "), "{p:?}");
    let mut v: Value = serde_json::from_slice(EXAMPLE).expect("JSON");
    v["theme"].as_object_mut().expect("object").remove("title");
    let p = &refusal(&serde_json::to_vec(&v).expect("JSON")).problems()[0];
    assert_eq!(p.path, "theme.title");
    assert!(p.message.starts_with("champ obligatoire absent (ligne "), "{p:?}");
}

#[test]
fn serde_words_for_values_and_types_become_french() {
    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Small {
        n: u8,
        pair: (i64, i64),
    }
    let e = serde_json::from_str::<Small>(r#"{"n": 300, "pair": [1, 2]}"#).expect_err("300 is not a u8");
    assert_eq!(
        json_error_message(&e),
        "valeur incorrecte : le nombre entier 300 au lieu d’un nombre entier de 0 à 255"
    );
    let e = serde_json::from_str::<Small>(r#"{"n": 3, "pair": [1]}"#).expect_err("a pair of one");
    assert_eq!(
        json_error_message(&e),
        "liste de 1 éléments au lieu d’une liste de 2 éléments"
    );
}

/// Words of serde_json's and serde's English messages.
const ENGLISH: [&str; 30] = [
    "expected",
    "invalid",
    "eof",
    "while",
    "parsing",
    "unknown",
    "missing",
    "duplicate",
    "field",
    "found",
    "string",
    "integer",
    "floating",
    "sequence",
    "map",
    "struct",
    "variant",
    "line",
    "column",
    "trailing",
    "character",
    "recursion",
    "exceeded",
    "value",
    "number",
    "identifier",
    "boolean",
    "escape",
    "key",
    "ident",
];

/// The English words of a message, leaving out what it quotes from the file.
fn english_words(message: &str) -> Vec<String> {
    let mut outside = String::new();
    let mut depth = 0;
    for c in message.chars() {
        match c {
            '«' => depth += 1,
            '»' => depth -= 1,
            _ if depth == 0 => outside.push(c),
            _ => {}
        }
    }
    outside
        .split(|c: char| !c.is_alphabetic())
        .map(str::to_lowercase)
        .filter(|w| ENGLISH.contains(&w.as_str()))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn no_english_reaches_a_refusal(
        edits in proptest::collection::vec(
            (0.0f64..1.0, prop::sample::select(vec![
                b'"', b',', b'{', b'}', b'[', b']', b':', b'\\', b'0', b'-', b'.', b'e', b'x', b'n', b't', b' ',
                0xE9, 0x81, 0x00, 0xFF,
            ]), 0u8..4),
            1..4,
        )
    ) {
        let mut bytes = EXAMPLE.to_vec();
        for (at, byte, op) in edits {
            let i = ((bytes.len() as f64) * at) as usize;
            match op {
                0 => bytes.truncate(i),
                1 if i < bytes.len() => bytes[i] = byte,
                2 => bytes.insert(i.min(bytes.len()), byte),
                _ if i < bytes.len() => {
                    bytes.remove(i);
                }
                _ => {}
            }
        }
        if let Err(e) = decode(&bytes, Catalogue::builtin()) {
            for p in e.problems() {
                let english = english_words(&p.message);
                prop_assert!(english.is_empty(), "English {:?} in « {} »", english, p.message);
            }
        }
    }
}

#[test]
fn references_agree_in_gender_and_amounts_are_in_euros() {
    let mut v: Value = serde_json::from_slice(EXAMPLE).expect("JSON");
    v["indicators"][0]["actions"] = json!(["A99"]);
    v["indicators"][0]["objectives"] = json!(["O99"]);
    v["actions"][0]["funding"][0]["amount_cents"] = json!(-6_000_000);
    let problems = refusal(&serde_json::to_vec(&v).expect("JSON")).problems();
    let message = |path: &str| {
        problems
            .iter()
            .find(|p| p.path == path)
            .unwrap_or_else(|| panic!("a problem at {path}: {problems:?}"))
            .message
            .clone()
    };
    assert_eq!(
        message("indicators[0].actions[0]"),
        "aucune action avec l’id « A99 »",
        "action is feminine"
    );
    assert_eq!(
        message("indicators[0].objectives[0]"),
        "aucun objectif avec l’id « O99 »"
    );
    assert_eq!(
        message("actions[0].funding[0].amount_cents"),
        "montant négatif (\u{2212}60\u{202F}000\u{A0}€) : il doit être positif ou nul",
        "the amount in euros, not « -6000000 »"
    );
}
