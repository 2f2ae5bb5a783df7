//! The `fdr` binary end to end, on temporary stores.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const EXAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../docs/format/example-theme-09.json"
);

fn fdr(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_fdr"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("FDR_DB")
        .output()
        .expect("fdr runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn example_value() -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(EXAMPLE).expect("example readable")).expect("example is JSON")
}

fn write_json(dir: &Path, name: &str, v: &serde_json::Value) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, serde_json::to_vec(v).expect("serialise")).expect("write");
    p
}

#[test]
fn example_round_trips_through_import_and_export() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("store.sqlite");
    let out = fdr(&db, &["import", EXAMPLE]);
    assert!(
        out.status.success(),
        "the public example imports: {}",
        text(&out.stderr)
    );
    assert!(
        text(&out.stdout).contains("importée"),
        "stdout reports the import: {}",
        text(&out.stdout)
    );
    assert!(
        text(&out.stderr).contains(": warning: objectives[2]"),
        "warnings are printed with their path"
    );

    let again = fdr(&db, &["import", EXAMPLE]);
    assert!(again.status.success(), "importing twice is a success");
    assert!(
        text(&again.stdout).contains("déjà importée"),
        "second import says already there"
    );

    let list = fdr(&db, &["list"]);
    let listing = text(&list.stdout);
    assert_eq!(listing.lines().count(), 1, "one roadmap, one line: {listing}");
    assert!(
        listing.contains("5b0c7f1e-2a8d-4c39-9d7e-0f3a6b21c409")
            && listing.contains("r3")
            && listing.contains("submitted")
    );

    let exported = dir.path().join("out.fdr.json");
    let out = fdr(
        &db,
        &[
            "export",
            "9",
            "--format",
            "json",
            "--out",
            exported.to_str().expect("utf-8 path"),
        ],
    );
    assert!(out.status.success(), "export by theme number: {}", text(&out.stderr));
    let back: serde_json::Value = serde_json::from_slice(&std::fs::read(&exported).expect("written")).expect("JSON");
    assert_eq!(
        back,
        example_value(),
        "import then export gives the same JSON value, exported_at included"
    );

    let by_id = dir.path().join("by-id.json");
    let out = fdr(
        &db,
        &[
            "export",
            "5b0c7f1e-2a8d-4c39-9d7e-0f3a6b21c409",
            "--out",
            by_id.to_str().expect("utf-8"),
        ],
    );
    assert!(out.status.success());
    assert_eq!(
        std::fs::read(&by_id).ok(),
        std::fs::read(&exported).ok(),
        "an unedited roadmap exports the same bytes"
    );

    let check = fdr(&db, &["check"]);
    assert!(check.status.success(), "a sound store checks ok");
    assert!(text(&check.stdout).contains("intégrité : ok"));
    assert!(
        text(&check.stdout).contains("objectives[2]"),
        "check lists each roadmap's warnings"
    );
}

#[test]
fn a_refused_file_names_the_field_and_changes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("store.sqlite");
    let mut v = example_value();
    v["actions"][2]["objectives"][0] = "O7".into();
    let bad = write_json(dir.path(), "bad.json", &v);
    let out = fdr(&db, &["import", bad.to_str().expect("utf-8"), EXAMPLE]);
    assert_eq!(out.status.code(), Some(1), "one refused file makes the exit code 1");
    let err = text(&out.stderr);
    let line = format!(
        "{}: error: actions[2].objectives[0]: aucun objectif avec l’id « O7 »",
        bad.display()
    );
    assert!(
        err.lines().any(|l| l == line),
        "the refusal is FILE: error: PATH: MESSAGE, got:\n{err}"
    );
    let listing = text(&fdr(&db, &["list"]).stdout);
    assert_eq!(
        listing.lines().count(),
        1,
        "the valid file was imported, the bad one not: {listing}"
    );
}

#[test]
fn files_in_the_wrong_encoding_or_named_pdf_are_refused_in_french() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("store.sqlite");
    let example = std::fs::read_to_string(EXAMPLE).expect("example readable");
    // The example as Excel or Notepad save it in « ANSI »: é is one byte, 0xE9.
    let ansi: Vec<u8> = example
        .chars()
        .map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?'))
        .collect();
    let ansi_path = dir.path().join("ansi.json");
    std::fs::write(&ansi_path, &ansi).expect("write");
    let named_pdf = dir.path().join("feuille.pdf");
    std::fs::write(&named_pdf, example.as_bytes()).expect("write");
    let out = fdr(
        &db,
        &[
            "import",
            ansi_path.to_str().expect("utf-8"),
            named_pdf.to_str().expect("utf-8"),
        ],
    );
    assert_eq!(out.status.code(), Some(1), "both files are refused");
    let err = text(&out.stderr);
    assert!(
        err.contains(&format!(
            "{}: error: le fichier n’est pas en UTF-8 (il semble enregistré en Windows-1252 ; réenregistrez-le en UTF-8) : premier caractère illisible ligne ",
            ansi_path.display()
        )),
        "the encoding is named: {err}"
    );
    assert!(
        err.contains(&format!(
            "{}: error: ce fichier porte l’extension .pdf mais n’est pas un PDF",
            named_pdf.display()
        )),
        "the file's name is checked: {err}"
    );
    assert_eq!(
        text(&fdr(&db, &["list"]).stdout).lines().count(),
        0,
        "nothing was imported"
    );
}

#[test]
fn a_theme_with_two_roadmaps_is_refused_naming_both() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("store.sqlite");
    let mut other = example_value();
    other["id"] = "00000000-0000-4000-8000-000000000001".into();
    let second = write_json(dir.path(), "second.json", &other);
    let out = fdr(&db, &["import", EXAMPLE, second.to_str().expect("utf-8")]);
    assert!(
        out.status.success(),
        "two ids for one theme are both kept: {}",
        text(&out.stderr)
    );
    let target = dir.path().join("x.json");
    let out = fdr(&db, &["export", "9", "--out", target.to_str().expect("utf-8")]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.contains("5b0c7f1e-2a8d-4c39-9d7e-0f3a6b21c409") && err.contains("00000000-0000-4000-8000-000000000001"),
        "the refusal names both ids: {err}"
    );
    assert!(!target.exists(), "nothing is written when the export is refused");
}

#[test]
fn help_documents_commands_and_exit_codes() {
    let out = Command::new(env!("CARGO_BIN_EXE_fdr"))
        .arg("--help")
        .output()
        .expect("runs");
    let help = text(&out.stdout);
    for word in [
        "list",
        "import",
        "export",
        "check",
        "--db",
        "FDR_DB",
        "Codes de sortie",
        "0 ",
        "1 ",
        "2 ",
        "3 ",
    ] {
        assert!(help.contains(word), "--help mentions {word:?}:\n{help}");
    }
    let bad = Command::new(env!("CARGO_BIN_EXE_fdr"))
        .arg("frobnicate")
        .output()
        .expect("runs");
    assert_eq!(bad.status.code(), Some(2), "an unknown command is a usage error");
}

/// English words clap writes by itself; none may reach the user.
const CLAP_ENGLISH: [&str; 9] = [
    "Usage:",
    "error:",
    "Print help",
    "Print version",
    "Commands:",
    "Options:",
    "Possible values",
    "[default:",
    "tip:",
];

#[test]
fn help_is_french_at_every_level() {
    for args in [
        &["--help"][..],
        &["-h"],
        &["export", "--help"],
        &["import", "-h"],
        &["consolidate", "--help"],
        &["avis", "--help"],
        &["sample", "--help"],
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_fdr"))
            .args(args)
            .output()
            .expect("runs");
        let help = text(&out.stdout);
        assert_eq!(out.status.code(), Some(0), "{args:?}: help is not an error");
        assert!(
            help.contains("Utilisation : fdr"),
            "{args:?}: the usage line is French:\n{help}"
        );
        assert!(
            help.contains("Affiche l’aide"),
            "{args:?}: the help flag is described in French:\n{help}"
        );
        for english in CLAP_ENGLISH {
            assert!(
                !help.contains(english),
                "{args:?}: no {english:?} from clap in the help:\n{help}"
            );
        }
    }
    let version = Command::new(env!("CARGO_BIN_EXE_fdr"))
        .arg("--version")
        .output()
        .expect("runs");
    assert_eq!(
        text(&version.stdout).trim(),
        format!("fdr {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn command_line_errors_are_french_sentences_naming_the_argument() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("usage.sqlite");
    let cases: [(&[&str], &str); 7] = [
        (
            &["frobnicate"],
            "commande inconnue : « frobnicate » ; vouliez-vous dire « consolidate » ?",
        ),
        (&[], "il manque la commande"),
        (&["export"], "il manque : --out <FILE>, <THEME_NUMBER|ID>"),
        (&["import"], "il manque : <FILE>"),
        (&["list", "--nope"], "option ou argument inattendu : « --nope »"),
        (
            &["export", "9", "--format", "docx", "--out", "x"],
            "valeur invalide pour --format <FORMAT> : « docx » (valeurs possibles : json, pdf)",
        ),
        (
            &["sample", "--actions", "abc", "--out", "x"],
            "valeur invalide pour --actions <ACTIONS> : « abc »",
        ),
    ];
    for (args, expected) in cases {
        let out = fdr(&db, args);
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: a usage error exits with 2");
        assert!(
            err.starts_with(&format!("fdr : {expected}")),
            "{args:?}: expected « {expected} », got:\n{err}"
        );
        assert!(
            err.contains("Aide : fdr --help"),
            "{args:?}: the error says where the help is:\n{err}"
        );
        for english in CLAP_ENGLISH {
            assert!(!err.contains(english), "{args:?}: no {english:?} from clap:\n{err}");
        }
    }
    assert!(!db.exists(), "a command line refused before it runs opens no store");
}

#[test]
fn fdr_db_sets_the_store_and_a_newer_store_is_refused_untouched() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("env.sqlite");
    let out = Command::new(env!("CARGO_BIN_EXE_fdr"))
        .args(["import", EXAMPLE])
        .env("FDR_DB", &db)
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(db.exists(), "FDR_DB chose the store file");
    drop(fdr(&db, &["list"]));
    // Make the file look written by a future version.
    {
        let conn = rusqlite::Connection::open(&db).expect("open");
        conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode = DELETE; PRAGMA user_version = 999;")
            .expect("bump");
    }
    let before = std::fs::read(&db).expect("read");
    let out = fdr(&db, &["list"]);
    assert_eq!(
        out.status.code(),
        Some(3),
        "a store from a newer version cannot be opened"
    );
    assert!(
        text(&out.stderr).contains("plus récente"),
        "the message says why: {}",
        text(&out.stderr)
    );
    assert_eq!(
        std::fs::read(&db).expect("read"),
        before,
        "the newer store is left byte for byte untouched"
    );
}

#[test]
fn edited_roadmaps_get_a_new_revision_on_export() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("store.sqlite");
    assert!(fdr(&db, &["import", EXAMPLE]).status.success());
    {
        let mut store =
            fdr_store::Store::open(&db, fdr_store::fixed_clock("2026-11-23T10:00:00Z")).expect("open store");
        // The animator's own roadmap, taken over after a reinstall.
        store.adopt("5b0c7f1e-2a8d-4c39-9d7e-0f3a6b21c409").expect("take over");
        store
            .set_status(
                "5b0c7f1e-2a8d-4c39-9d7e-0f3a6b21c409",
                fdr_core::RoadmapStatus::Validated,
            )
            .expect("edit");
    }
    assert!(
        text(&fdr(&db, &["list"]).stdout).contains("r3*"),
        "the list marks the edited roadmap"
    );
    let target = dir.path().join("x.json");
    let out = fdr(&db, &["export", "9", "--out", target.to_str().expect("utf-8")]);
    assert!(text(&out.stdout).contains("révision 4"), "{}", text(&out.stdout));
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&target).expect("read")).expect("json");
    assert_eq!(v["revision"], 4, "an edited roadmap's export bumps the revision");
    assert_eq!(v["status"], "validated");
}

#[test]
fn diff_names_a_changed_target_and_a_removed_action_between_revisions() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.sqlite");
    let v3 = example_value();
    let mut v4 = v3.clone();
    v4["revision"] = serde_json::json!(4);
    let old_target = v4["indicators"][0]["target"]["value"].as_f64().unwrap();
    v4["indicators"][0]["target"]["value"] = serde_json::json!(old_target + 5.0);
    let removed = v4["actions"].as_array_mut().unwrap().pop().unwrap();
    let removed_id = removed["id"].as_str().unwrap().to_string();
    for x in v4["indicators"].as_array_mut().unwrap() {
        if let Some(list) = x.get_mut("actions").and_then(|a| a.as_array_mut()) {
            list.retain(|a| a != &removed["id"]);
        }
    }
    let a = write_json(dir.path(), "r3.fdr.json", &v3);
    let b = write_json(dir.path(), "r4.fdr.json", &v4);
    assert!(fdr(&db, &["import", a.to_str().unwrap(), b.to_str().unwrap()])
        .status
        .success());

    let out = fdr(&db, &["diff", "9", "3", "4"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let shown = text(&out.stdout);
    assert!(shown.contains("Révision 3 → révision 4"), "{shown}");
    assert!(
        shown
            .lines()
            .any(|l| l.starts_with(&format!("- Suppression — Action {removed_id} :"))),
        "the removed action is one line: {shown}"
    );
    assert!(
        shown.lines().any(|l| l.starts_with("~ Indicateur I1, Cible : ")),
        "the changed target is named: {shown}"
    );

    let out = fdr(&db, &["diff", "9", "3", "4", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("--json writes JSON");
    let changes = v["changes"].as_array().unwrap();
    assert!(changes
        .iter()
        .any(|c| c["kind"] == "removed" && c["item"] == format!("actions/{removed_id}")));
    assert!(changes
        .iter()
        .any(|c| c["kind"] == "changed" && c["field"] == "Cible" && c["item"] == "indicators/I1"));

    let same = fdr(&db, &["diff", "9", "4", "4"]);
    assert!(
        text(&same.stdout).contains("Aucun changement"),
        "a revision against itself"
    );
    let missing = fdr(&db, &["diff", "9", "3", "9"]);
    assert_eq!(missing.status.code(), Some(1), "an unknown revision is refused");
    assert!(text(&missing.stderr).contains("n° 9"), "{}", text(&missing.stderr));
}

#[test]
fn consolidate_writes_a_workbook_and_one_csv_per_sheet() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.sqlite");
    assert!(fdr(&db, &["import", EXAMPLE]).status.success());
    let xlsx = dir.path().join("région.xlsx");
    let out = fdr(
        &db,
        &["consolidate", "--format", "xlsx", "--out", xlsx.to_str().unwrap()],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("1 feuille de route consolidée"),
        "{}",
        text(&out.stdout)
    );
    let bytes = std::fs::read(&xlsx).unwrap();
    assert!(bytes.starts_with(b"PK"), "an XLSX is a zip file");
    let csv_dir = dir.path().join("csv");
    let out = fdr(
        &db,
        &["consolidate", "--format", "csv", "--out", csv_dir.to_str().unwrap()],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    for stem in [
        "feuilles-de-route",
        "objectifs",
        "actions",
        "financements",
        "indicateurs",
        "mesures",
        "participation",
    ] {
        let f = std::fs::read(csv_dir.join(format!("{stem}.csv"))).unwrap_or_else(|_| panic!("{stem}.csv written"));
        assert!(f.starts_with("\u{feff}".as_bytes()), "{stem}.csv starts with a BOM");
    }
    let funding = std::fs::read_to_string(csv_dir.join("financements.csv")).unwrap();
    let example = example_value();
    let lines: usize = example["actions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["funding"].as_array().unwrap().len())
        .sum();
    assert_eq!(
        funding.split("\r\n").filter(|l| !l.is_empty()).count(),
        lines + 1,
        "one line per funding line"
    );
}

#[test]
fn the_consolidated_pdf_imports_into_another_store() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.sqlite");
    assert!(fdr(&db, &["import", EXAMPLE]).status.success());
    let pdf = dir.path().join("région.pdf");
    let out = fdr(&db, &["consolidate", "--out", pdf.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let other = dir.path().join("autre.sqlite");
    let out = fdr(&other, &["import", pdf.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("importée (nouvelle feuille de route) — thème 9"),
        "{}",
        text(&out.stdout)
    );
    let a = dir.path().join("a.json");
    let b = dir.path().join("b.json");
    assert!(fdr(&db, &["export", "9", "--out", a.to_str().unwrap()])
        .status
        .success());
    assert!(fdr(&other, &["export", "9", "--out", b.to_str().unwrap()])
        .status
        .success());
    assert_eq!(
        std::fs::read(a).unwrap(),
        std::fs::read(b).unwrap(),
        "the same roadmap, byte for byte"
    );
}

const AVIS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../docs/format/example-avis-theme-09.json"
);

fn avis_value() -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(AVIS).expect("avis readable")).expect("avis is JSON")
}

/// Every rule of REVIEW.md, as `fdr import` reports it: one bad file each,
/// refused with `FILE: error: PATH: MESSAGE` in French, exit code 1, and
/// nothing changed in the store.
#[test]
fn each_review_rule_refuses_its_file_naming_the_field() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("store.sqlite");
    assert!(fdr(&db, &["import", EXAMPLE]).status.success());
    type Change = fn(&mut serde_json::Value);
    let cases: [(&str, Change, &str); 12] = [
        (
            "roadmap absent",
            |v| v["roadmap"]["id"] = "11111111-2222-4333-8444-555555555555".into(),
            "roadmap.id: aucune feuille de route",
        ),
        (
            "révision absente",
            |v| v["roadmap"]["revision"] = 8.into(),
            "roadmap.revision: la révision 8",
        ),
        (
            "élément inconnu",
            |v| v["remarks"][3]["target"] = serde_json::json!({"part": "actions", "item": "A9"}),
            "remarks[3].target.item: aucune action",
        ),
        (
            "champ d’une autre partie",
            |v| v["remarks"][0]["target"]["field"] = "unit".into(),
            "remarks[0].target.field: « unit »",
        ),
        (
            "élément sur une partie sans éléments",
            |v| v["remarks"][2]["target"]["item"] = "P1".into(),
            "remarks[2].target.item: la partie « participation »",
        ),
        (
            "remarques en double",
            |v| v["remarks"][1]["id"] = "R1".into(),
            "remarks[1].id: identifiant « R1 » déjà utilisé",
        ),
        (
            "validée avec bloquante",
            |v| v["decision"] = "validated".into(),
            "remarks[0].severity: une remarque bloquante",
        ),
        (
            "thème différent",
            |v| v["roadmap"]["theme_number"] = 4.into(),
            "roadmap.theme_number: thème n° 4",
        ),
        (
            "caractère de contrôle",
            |v| v["summary"] = "a\u{7}b".into(),
            "summary: caractère de contrôle U+0007",
        ),
        (
            "champ inconnu",
            |v| v["urgence"] = true.into(),
            "urgence: champ inconnu « urgence »",
        ),
        (
            "version 2",
            |v| v["format_version"] = 2.into(),
            "format_version: version 2",
        ),
        (
            "décision inconnue",
            |v| v["decision"] = "refused".into(),
            "decision: valeur « refused » non admise",
        ),
    ];
    let state = |db: &Path| {
        (
            text(&fdr(db, &["list"]).stdout),
            text(&fdr(db, &["avis", "list", "9", "--json"]).stdout),
        )
    };
    let before = state(&db);
    for (what, change, expected) in cases {
        let mut v = avis_value();
        change(&mut v);
        let file = write_json(dir.path(), "mauvais.fdr-avis.json", &v);
        let out = fdr(&db, &["import", file.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(1), "{what}: refused with exit code 1");
        let err = text(&out.stderr);
        assert!(
            err.contains(&format!("mauvais.fdr-avis.json: error: {expected}")),
            "{what}: {err}"
        );
        assert_eq!(state(&db), before, "{what}: nothing changed");
    }
    // Truncated JSON, and an avis' PDF that lost its avis.json.
    let truncated = dir.path().join("tronqué.fdr-avis.json");
    let bytes = std::fs::read(AVIS).unwrap();
    std::fs::write(&truncated, &bytes[..bytes.len() / 3]).unwrap();
    let out = fdr(&db, &["import", truncated.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("tronqué.fdr-avis.json: error:"),
        "{}",
        text(&out.stderr)
    );
    let pdf = dir.path().join("avis.pdf");
    std::fs::write(
        &pdf,
        b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
    )
    .unwrap();
    let out = fdr(&db, &["import", pdf.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("avis.pdf: error:"), "{}", text(&out.stderr));
    assert_eq!(state(&db), before, "nothing changed");
    // The good one imports, then the same id with other content is a conflict.
    assert!(fdr(&db, &["import", AVIS]).status.success());
    let mut v = avis_value();
    v["summary"] = "autre".into();
    let file = write_json(dir.path(), "conflit.fdr-avis.json", &v);
    let out = fdr(&db, &["import", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("conflit : l’avis"), "{}", text(&out.stderr));
}

/// The loop as the held-out checks run it: answer, export with answers,
/// list the avis and answers as JSON, export the avis as PDF.
#[test]
fn the_review_commands_work_end_to_end() {
    let dir = tempfile::tempdir().expect("tempdir");
    let a = dir.path().join("a.sqlite");
    assert!(fdr(&a, &["import", EXAMPLE]).status.success());
    let refused = fdr(
        &a,
        &[
            "avis",
            "answer",
            "9",
            "8d1f2c4a-6b3e-4f7a-9c21-3e5d7a9b1f04",
            "R1",
            "--state",
            "addressed",
        ],
    );
    assert_eq!(refused.status.code(), Some(1), "no avis held yet");
    assert!(fdr(&a, &["import", AVIS]).status.success());
    let out = fdr(
        &a,
        &[
            "avis",
            "answer",
            "9",
            "8d1f2c4a-6b3e-4f7a-9c21-3e5d7a9b1f04",
            "R1",
            "--state",
            "addressed",
        ],
    );
    assert_eq!(out.status.code(), Some(1), "a received roadmap is read-only");
    assert!(text(&out.stderr).contains("lecture seule"), "{}", text(&out.stderr));
    assert!(fdr(&a, &["adopt", "9"]).status.success());
    let out = fdr(
        &a,
        &[
            "avis",
            "answer",
            "9",
            "8d1f2c4a-6b3e-4f7a-9c21-3e5d7a9b1f04",
            "R3",
            "--state",
            "declined",
        ],
    );
    assert_eq!(out.status.code(), Some(1), "declined needs a text");
    for (remark, state, t) in [
        ("R1", "addressed", "FSE confirmé"),
        ("R3", "declined", "Pas encore connu"),
    ] {
        let out = fdr(
            &a,
            &[
                "avis",
                "answer",
                "9",
                "8d1f2c4a-6b3e-4f7a-9c21-3e5d7a9b1f04",
                remark,
                "--state",
                state,
                "--text",
                t,
            ],
        );
        assert!(out.status.success(), "{}", text(&out.stderr));
    }
    let json_out = dir.path().join("r4.fdr.json");
    let out = fdr(
        &a,
        &["export", "9", "--format", "json", "--out", json_out.to_str().unwrap()],
    );
    assert!(out.status.success());
    assert!(
        text(&out.stderr).contains("1 remarque(s) bloquante(s)"),
        "R2 is still open: {}",
        text(&out.stderr)
    );
    assert!(
        dir.path().join("r4.fdr-reponses.json").exists(),
        "answers beside the roadmap"
    );
    let listed = fdr(&a, &["avis", "list", "9", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&listed.stdout).expect("JSON");
    assert_eq!(v["avis"][0], avis_value(), "the avis exactly as exchanged");
    assert_eq!(
        v["answers"],
        serde_json::json!([
            {"avis": "8d1f2c4a-6b3e-4f7a-9c21-3e5d7a9b1f04", "remark": "R1", "state": "addressed", "text": "FSE confirmé"},
            {"avis": "8d1f2c4a-6b3e-4f7a-9c21-3e5d7a9b1f04", "remark": "R3", "state": "declined", "text": "Pas encore connu"}
        ])
    );
    // The secretariat takes r4 and its answers in one go.
    let s = dir.path().join("s.sqlite");
    assert!(fdr(&s, &["import", EXAMPLE, AVIS]).status.success());
    let out = fdr(&s, &["import", json_out.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("réponses importées (2) avec la révision 4"),
        "{}",
        text(&out.stdout)
    );
    let listed: serde_json::Value = serde_json::from_slice(&fdr(&s, &["avis", "list", "9", "--json"]).stdout).unwrap();
    assert_eq!(listed["answers"], v["answers"], "the same answers at the secretariat");
    let pdf = dir.path().join("avis.pdf");
    let out = fdr(
        &s,
        &[
            "avis",
            "export",
            "8d1f2c4a-6b3e-4f7a-9c21-3e5d7a9b1f04",
            "--format",
            "pdf",
            "--out",
            pdf.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let third = dir.path().join("t.sqlite");
    assert!(fdr(&third, &["import", EXAMPLE]).status.success());
    let out = fdr(&third, &["import", pdf.to_str().unwrap()]);
    assert!(
        text(&out.stdout).contains("avis importé"),
        "the avis PDF imports: {}",
        text(&out.stdout)
    );
}

/// Without `--db` or `FDR_DB`, the store is in the user's local data
/// folder, named after the app's identifier, under a home whose name is
/// not ASCII; a store where earlier versions kept it moves there first,
/// said on stderr, and `fdr` then finds its roadmaps.
#[test]
fn the_default_store_is_local_and_an_old_one_moves_there_under_a_non_ascii_home() {
    let tmp = tempfile::tempdir().unwrap();
    let home = tmp.path().join("Éloïse Dûchêne");
    std::fs::create_dir_all(&home).unwrap();
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_fdr"))
            .args(args)
            .env_remove("FDR_DB")
            .env_remove("XDG_DATA_HOME")
            .env("HOME", &home)
            .output()
            .unwrap()
    };
    let old = home.join(".local/share/fr.feuillesderoute.app/feuilles-de-route.sqlite");
    let new = home.join(".local/share/fr.feuillesderoute.desktop/feuilles-de-route.sqlite");
    // An earlier version's store, at the old place.
    let made = fdr(&old, &["import", EXAMPLE]);
    assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));

    let out = run(&["list"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("note: La base a été déplacée") && stderr.contains("Éloïse Dûchêne"),
        "the move is said, with the path as it is: {stderr}"
    );
    assert!(new.is_file(), "the store is now at {}", new.display());
    assert!(!old.exists(), "the old file is renamed aside");
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("5b0c7f1e-2a8d-4c39-9d7e-0f3a6b21c409"),
        "the moved store lists the old store's roadmap"
    );

    let again = run(&["list"]);
    assert!(
        !String::from_utf8_lossy(&again.stderr).contains("déplacée"),
        "the move happens once"
    );
}

/// The example as another group would send it: another id and theme, a
/// status, and every objective and action on one département.
fn variant(dir: &Path, name: &str, id: &str, theme: i64, status: &str, departement: &str) -> PathBuf {
    let mut v = example_value();
    v["id"] = serde_json::json!(id);
    v["theme"]["number"] = serde_json::json!(theme);
    v["status"] = serde_json::json!(status);
    for part in ["objectives", "actions"] {
        for item in v[part].as_array_mut().unwrap() {
            item["territories"] = serde_json::json!([departement]);
        }
    }
    write_json(dir, name, &v)
}

#[test]
fn consolidate_takes_a_departement_statuses_and_exclusions_and_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.sqlite");
    let nord = variant(
        dir.path(),
        "nord.fdr.json",
        "00000000-0000-4000-8000-000000000003",
        3,
        "validated",
        "59",
    );
    let draft = variant(
        dir.path(),
        "b.fdr.json",
        "00000000-0000-4000-8000-000000000005",
        5,
        "draft",
        "60",
    );
    let out = fdr(
        &db,
        &["import", EXAMPLE, nord.to_str().unwrap(), draft.to_str().unwrap()],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let pdf = dir.path().join("région.pdf");
    let pdf = pdf.to_str().unwrap();

    let out = fdr(&db, &["consolidate", "--out", pdf]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let err = text(&out.stderr);
    assert!(err.contains(&format!("{pdf}: note: Document régional")), "{err}");
    assert!(
        err.contains("note: Thème 5 — ") && err.contains("statut « brouillon » non retenu"),
        "{err}"
    );
    assert!(
        err.contains("note: Thème 9 — ") && err.contains("incluse : révision 3, remise"),
        "{err}"
    );
    assert!(
        text(&out.stdout).contains("2 feuilles de route consolidées"),
        "{}",
        text(&out.stdout)
    );

    let out = fdr(
        &db,
        &[
            "consolidate",
            "--out",
            pdf,
            "--departement",
            "60",
            "--statuts",
            "remise,validee,brouillon",
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let err = text(&out.stderr);
    assert!(err.contains("note: Document du département Oise (60)"), "{err}");
    assert!(
        err.contains("ne concerne pas le département Oise (60)"),
        "the Nord's roadmap is left out: {err}"
    );
    assert!(
        text(&out.stdout).contains("2 feuilles de route consolidées"),
        "the example and the Oise's draft: {}",
        text(&out.stdout)
    );

    let out = fdr(
        &db,
        &["consolidate", "--out", pdf, "--statuts", "validée", "--exclure", "3,9"],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("exclu à votre demande"),
        "{}",
        text(&out.stderr)
    );
    assert!(
        text(&out.stdout).contains("aucune feuille de route incluse"),
        "{}",
        text(&out.stdout)
    );

    // The example edited here after being taken over: left out with --sans-modifiees.
    assert!(fdr(&db, &["adopt", "9"]).status.success());
    let mut store = fdr_store::Store::open(&db, fdr_store::system_clock()).unwrap();
    store
        .set_diagnosis_text("5b0c7f1e-2a8d-4c39-9d7e-0f3a6b21c409", "Neuf")
        .unwrap();
    drop(store);
    let out = fdr(&db, &["consolidate", "--out", pdf, "--sans-modifiees"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("modifiée depuis son dernier export (révision 3)"),
        "{}",
        text(&out.stderr)
    );
    assert!(
        text(&out.stdout).contains("1 feuille de route consolidée"),
        "{}",
        text(&out.stdout)
    );

    for (args, field) in [
        (vec!["--departement", "75"], "département : code « 75 » inconnu"),
        (vec!["--exclure", "16"], "thèmes exclus : thème 16 inconnu"),
    ] {
        let mut all = vec!["consolidate", "--out", pdf];
        all.extend(args);
        let out = fdr(&db, &all);
        assert_eq!(out.status.code(), Some(1), "refused: {}", text(&out.stderr));
        assert!(text(&out.stderr).contains(field), "{}", text(&out.stderr));
    }
    let out = fdr(&db, &["consolidate", "--out", pdf, "--statuts", "publiée"]);
    assert_eq!(out.status.code(), Some(2), "an unknown status is a bad command line");
}

#[test]
fn a_reader_that_stops_reading_ends_the_command_quietly() {
    // `fdr list | head -1`: the pipe is closed before fdr has written its
    // lines. It must stop without a panic (an English message on stderr).
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("base.sqlite");
    assert!(fdr(&db, &["import", EXAMPLE]).status.success(), "the example imports");
    let mut child = Command::new(env!("CARGO_BIN_EXE_fdr"))
        .arg("--db")
        .arg(&db)
        .args(["list"])
        .env_remove("FDR_DB")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("fdr runs");
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("fdr ends");
    let stderr = text(&out.stderr);
    assert!(
        !stderr.contains("panicked"),
        "no panic when the reader has gone: {stderr}"
    );
    assert!(
        out.status.success(),
        "a closed pipe is not an error of fdr: {:?}",
        out.status
    );
}
