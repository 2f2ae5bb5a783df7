//! One bad file per rule of the format, imported into a file store that
//! already holds a roadmap: each is refused whole, with a message naming the
//! field, and the store is left exactly as it was (every row of every table).

use fdr_store::{fixed_clock, Store, StoreError};
use serde_json::{json, Value};

const EXAMPLE: &[u8] = include_bytes!("../../docs/format/example-theme-09.json");

fn example() -> Value {
    serde_json::from_slice(EXAMPLE).expect("example is JSON")
}

/// Every row of every table, as text, in a stable order.
fn dump(store: &Store) -> Vec<String> {
    let conn = store.connection();
    let mut tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .expect("tables");
    tables.sort();
    let mut out = Vec::new();
    for t in tables {
        let mut stmt = conn
            .prepare(&format!("SELECT * FROM \"{t}\" ORDER BY rowid"))
            .expect("select");
        let n = stmt.column_count();
        let rows: Vec<String> = stmt
            .query_map([], |r| {
                let mut cells = Vec::with_capacity(n);
                for i in 0..n {
                    cells.push(format!("{:?}", r.get_ref(i)?));
                }
                Ok(format!("{t}: {}", cells.join(" | ")))
            })
            .expect("rows")
            .collect::<Result<_, _>>()
            .expect("row");
        out.extend(rows);
    }
    out
}

/// (what is broken, expected path in the message, the bad file)
fn bad_files() -> Vec<(&'static str, &'static str, Vec<u8>)> {
    let with = |f: &dyn Fn(&mut Value)| {
        let mut v = example();
        v["id"] = json!("9f1e2d3c-4b5a-4968-8776-655443322110");
        f(&mut v);
        serde_json::to_vec(&v).expect("serialise")
    };
    vec![
        (
            "duplicate objective id",
            "objectives[1].id",
            with(&|v| v["objectives"][1]["id"] = json!("O1")),
        ),
        (
            "duplicate action id",
            "actions[1].id",
            with(&|v| v["actions"][1]["id"] = json!("A1")),
        ),
        (
            "duplicate indicator id",
            "indicators[1].id",
            with(&|v| v["indicators"][1]["id"] = json!("I1")),
        ),
        (
            "unresolved action objective",
            "actions[2].objectives[0]",
            with(&|v| v["actions"][2]["objectives"][0] = json!("O7")),
        ),
        (
            "unresolved indicator objective",
            "indicators[0].objectives[0]",
            with(&|v| v["indicators"][0]["objectives"][0] = json!("O9")),
        ),
        (
            "unresolved indicator action",
            "indicators[1].actions[0]",
            with(&|v| v["indicators"][1]["actions"][0] = json!("A9")),
        ),
        (
            "duplicate priority",
            "objectives[2].priority",
            with(&|v| v["objectives"][2]["priority"] = json!(1)),
        ),
        (
            "period end before start",
            "period.end",
            with(&|v| v["period"]["end"] = json!(2018)),
        ),
        (
            "action end before start",
            "actions[0].end",
            with(&|v| v["actions"][0]["end"] = json!("2019-01-01")),
        ),
        (
            "theme not in themes.json",
            "theme.number",
            with(&|v| v["theme"]["number"] = json!(16)),
        ),
        (
            "NUL in a text",
            "diagnosis.text",
            with(&|v| v["diagnosis"]["text"] = json!("a\u{0}b")),
        ),
        (
            "C0 control in a title",
            "objectives[0].title",
            with(&|v| v["objectives"][0]["title"] = json!("a\u{1b}b")),
        ),
        (
            "text too long",
            "participation.text",
            with(&|v| v["participation"]["text"] = json!("é".repeat(200_001))),
        ),
        (
            "list too long",
            "actions[0].partners",
            with(&|v| v["actions"][0]["partners"] = json!(vec!["x"; 5001])),
        ),
        (
            "unknown field",
            "objectives[0].colour",
            with(&|v| v["objectives"][0]["colour"] = json!("rouge")),
        ),
        (
            "missing field",
            "actions[0].title",
            with(&|v| {
                v["actions"][0].as_object_mut().expect("object").remove("title");
            }),
        ),
        (
            "null for an optional field",
            "actions[0].lead",
            with(&|v| v["actions"][0]["lead"] = Value::Null),
        ),
        (
            "bad date",
            "indicators[0].baseline.date",
            with(&|v| v["indicators"][0]["baseline"]["date"] = json!("2018-02-30")),
        ),
        ("bad uuid", "id", with(&|v| v["id"] = json!("not-a-uuid"))),
        (
            "bad local id",
            "objectives[0].id",
            with(&|v| v["objectives"][0]["id"] = json!("O 1")),
        ),
        ("revision 0", "revision", with(&|v| v["revision"] = json!(0))),
        ("bad status", "status", with(&|v| v["status"] = json!("finished"))),
        (
            "empty title",
            "actions[1].title",
            with(&|v| v["actions"][1]["title"] = json!("")),
        ),
        (
            "negative amount",
            "actions[0].funding[0].amount_cents",
            with(&|v| v["actions"][0]["funding"][0]["amount_cents"] = json!(-1)),
        ),
        (
            "bad exported_at",
            "exported_at",
            with(&|v| v["exported_at"] = json!("hier")),
        ),
    ]
}

#[test]
fn every_bad_file_is_refused_whole_and_changes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = Store::open(&dir.path().join("s.sqlite"), fixed_clock("2026-11-23T10:00:00Z")).expect("store");
    store
        .import(EXAMPLE, Some("example.json"))
        .expect("the example imports");
    let before = dump(&store);
    for (what, path, file) in bad_files() {
        let err = store.import(&file, Some("bad.json")).expect_err(what);
        let StoreError::Refused(refusal) = &err else {
            panic!("{what}: refused by the format rules, got {err}")
        };
        let problems = refusal.problems();
        assert!(
            problems.iter().any(|p| p.path == path),
            "{what}: a problem must name {path}, got {problems:?}"
        );
        assert!(
            err.to_string().contains(path),
            "{what}: the message names {path}: {err}"
        );
        assert_eq!(
            dump(&store),
            before,
            "{what}: a refused file must change nothing in the store"
        );
    }
    // A file that is too large, not JSON, or not ours: refused, nothing written.
    let mut huge = example();
    huge["diagnosis"]["text"] = json!("x".repeat(21 * 1024 * 1024));
    for (what, file) in [
        ("over 20 MiB", serde_json::to_vec(&huge).expect("serialise")),
        ("not JSON", b"{ pas du json".to_vec()),
        ("another format", br#"{"format":"autre"}"#.to_vec()),
        ("truncated", EXAMPLE[..EXAMPLE.len() / 2].to_vec()),
    ] {
        assert!(store.import(&file, None).is_err(), "{what} must be refused");
        assert_eq!(dump(&store), before, "{what}: nothing written");
    }
}

#[test]
fn a_conflicting_revision_is_refused_and_changes_nothing() {
    let mut store = Store::open_in_memory(fixed_clock("2026-11-23T10:00:00Z")).expect("store");
    store.import(EXAMPLE, Some("example.json")).expect("imports");
    let before = dump(&store);
    let mut v = example();
    v["objectives"][0]["title"] = json!("Autre titre, même révision");
    let err = store
        .import(&serde_json::to_vec(&v).expect("json"), None)
        .expect_err("conflict");
    assert_eq!(
        err.code(),
        "conflict",
        "same id and revision, other content: a conflict ({err})"
    );
    assert_eq!(dump(&store), before, "a conflict changes nothing");
}
