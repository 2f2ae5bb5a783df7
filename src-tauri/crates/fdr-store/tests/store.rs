//! Integration tests of the store: every editing operation, the edited flag
//! and export, the format's import semantics, migrations and refusal of
//! foreign or newer files, and durability across close and reopen.
//!
//! Every assertion says why it should hold.

use fdr_core::*;
use fdr_format::DecodeError;
use fdr_store::schema::{self, LATEST};
use fdr_store::{
    fixed_clock, ActionFields, Clock, DeleteMode, Header, ImportOutcome, IndicatorFields, Store, StoreError,
};
use rusqlite::types::ValueRef;
use rusqlite::Connection;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

// ----------------------------------------------------------------------------
// Helpers
// ----------------------------------------------------------------------------

const EXAMPLE: &[u8] = include_bytes!("../../../../docs/format/example-theme-09.json");
const EXAMPLE_ID: &str = "5b0c7f1e-2a8d-4c39-9d7e-0f3a6b21c409";
const ID: &str = "0b6c3f2e-1d4a-4e5b-8c7d-9a0b1c2d3e4f";
const OTHER_ID: &str = "7d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6";
const NOW: &str = "2026-01-01T00:00:00Z";

fn store() -> Store {
    Store::open_in_memory(fixed_clock(NOW)).expect("an in-memory store opens")
}

/// A clock that moves one second forward at every reading.
fn ticking_clock() -> Clock {
    let n = Arc::new(AtomicU64::new(0));
    Arc::new(move || {
        let t = n.fetch_add(1, Ordering::SeqCst);
        format!("2026-01-01T{:02}:{:02}:{:02}Z", t / 3600, (t / 60) % 60, t % 60)
    })
}

/// A store holding one empty draft roadmap `ID` of theme 3.
fn store_with_roadmap() -> Store {
    let mut s = store();
    s.create_roadmap(ID, 3)
        .expect("a valid uuid and a catalogue theme create a roadmap");
    s
}

fn codes(list: &[&str]) -> Vec<String> {
    list.iter().map(|c| c.to_string()).collect()
}

fn num(x: f64) -> Number {
    Number::from_f64(x).expect("finite")
}

fn example() -> Value {
    serde_json::from_slice(EXAMPLE).expect("the public example is JSON")
}

fn pretty(v: &Value) -> Vec<u8> {
    serde_json::to_vec_pretty(v).expect("a JSON value encodes")
}

fn edited(s: &Store, id: &str) -> bool {
    s.list()
        .expect("list")
        .into_iter()
        .find(|r| r.id == id)
        .expect("the roadmap is listed")
        .edited
}

fn updated_at(s: &Store, id: &str) -> String {
    s.list()
        .expect("list")
        .into_iter()
        .find(|r| r.id == id)
        .expect("the roadmap is listed")
        .updated_at
}

fn cell(v: ValueRef) -> String {
    match v {
        ValueRef::Null => "NULL".into(),
        ValueRef::Integer(i) => i.to_string(),
        ValueRef::Real(f) => format!("{f:?}"),
        ValueRef::Text(t) => format!("{:?}", String::from_utf8_lossy(t)),
        ValueRef::Blob(b) => format!("blob:{:?}", String::from_utf8_lossy(b)),
    }
}

/// Every row of every table (found through `sqlite_master`), and the schema
/// and user_version, as strings: two equal dumps mean an unchanged database.
fn dump(conn: &Connection) -> Vec<String> {
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .expect("user_version");
    let mut out = vec![format!("user_version = {version}")];
    let mut tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .expect("sqlite_master")
        .query_map([], |r| r.get(0))
        .expect("tables")
        .collect::<rusqlite::Result<_>>()
        .expect("table names");
    tables.insert(0, "sqlite_master".into());
    for table in tables {
        let order = if table == "sqlite_master" {
            "type, name"
        } else {
            "rowid"
        };
        let mut stmt = conn
            .prepare(&format!("SELECT * FROM \"{table}\" ORDER BY {order}"))
            .expect("select");
        let names: Vec<String> = stmt.column_names().map(str::to_string).collect();
        let rows = stmt
            .query_map([], |row| {
                (0..names.len())
                    .map(|i| row.get_ref(i).map(|v| format!("{}={}", names[i], cell(v))))
                    .collect::<rusqlite::Result<Vec<_>>>()
            })
            .expect("rows");
        for row in rows {
            out.push(format!("{table}: {}", row.expect("row").join(", ")));
        }
    }
    out
}

fn count(conn: &Connection, sql: &str) -> i64 {
    conn.query_row(sql, [], |r| r.get(0)).expect("a count")
}

fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    PathBuf::from(format!("{}{suffix}", path.display()))
}

fn animator(n: usize) -> Animator {
    Animator {
        name: format!("Animateur {n}"),
        organisation: (n % 2 == 0).then(|| format!("Organisme {n}")),
        role: None,
        email: (n % 3 == 0).then(|| format!("a{n}@example.org")),
        phone: None,
    }
}

fn key_figure(n: usize) -> KeyFigure {
    KeyFigure {
        label: format!("Chiffre {n}"),
        value: if n % 2 == 0 {
            Number::from(n as i64 * 10)
        } else {
            num(n as f64 + 0.5)
        },
        unit: Some("%".into()),
        year: Some(2018 + n as i64),
        territory: (n % 2 == 1).then(|| "Hauts-de-France".into()),
        source: None,
    }
}

fn practice(n: usize) -> Practice {
    Practice {
        stage: Stage::ALL[n % 4],
        method: Method::ALL[n % 5],
        description: format!("Pratique {n}"),
        participants: Some(n as i64 * 3),
        date: (n % 2 == 0).then(|| format!("2020-0{}-15", n % 9 + 1)),
    }
}

fn funding(n: usize) -> FundingLine {
    FundingLine {
        funder: ["Département", "État", "FSE", "CAF"][n % 4].into(),
        year: 2019 + (n as i64 % 4),
        amount_cents: 100_000 * (n as i64 + 1),
    }
}

fn measurement(n: usize) -> DatedValue {
    DatedValue {
        value: if n % 2 == 0 {
            Number::from(n as i64)
        } else {
            num(n as f64 / 4.0)
        },
        date: format!("2020-{:02}-01", n % 12 + 1),
        comment: (n % 2 == 1).then(|| format!("Mesure {n}")),
    }
}

fn objective(code: &str, priority: i64) -> Objective {
    Objective {
        id: code.into(),
        priority,
        title: format!("Objectif {code}"),
        text: None,
        territories: None,
    }
}

fn action(code: &str, objectives: &[&str]) -> Action {
    Action {
        id: code.into(),
        objectives: codes(objectives),
        title: format!("Action {code}"),
        text: None,
        lead: None,
        partners: None,
        territories: None,
        start: None,
        end: None,
        status: ActionStatus::Planned,
        fte: None,
        funding: Vec::new(),
    }
}

fn indicator(code: &str) -> Indicator {
    Indicator {
        id: code.into(),
        objectives: None,
        actions: None,
        name: format!("Indicateur {code}"),
        definition: None,
        unit: "%".into(),
        direction: Direction::Increase,
        baseline: None,
        target: None,
        measurements: None,
        source: None,
        frequency: None,
    }
}

fn action_fields(a: &Action) -> ActionFields {
    ActionFields {
        id: a.id.clone(),
        title: a.title.clone(),
        text: a.text.clone(),
        lead: a.lead.clone(),
        partners: a.partners.clone(),
        territories: a.territories.clone(),
        start: a.start.clone(),
        end: a.end.clone(),
        status: a.status,
        fte: a.fte.clone(),
    }
}

fn indicator_fields(x: &Indicator) -> IndicatorFields {
    IndicatorFields {
        id: x.id.clone(),
        name: x.name.clone(),
        definition: x.definition.clone(),
        unit: x.unit.clone(),
        direction: x.direction,
        baseline: x.baseline.clone(),
        target: x.target.clone(),
        source: x.source.clone(),
        frequency: x.frequency,
    }
}

/// Store with roadmap `ID`: objectives O1 (priority 1), O2 (2); action A1
/// serving O1; indicator I1 measuring O1 and A1.
fn store_with_links() -> Store {
    let mut s = store_with_roadmap();
    s.add_objective(ID, &objective("O1", 1)).expect("O1");
    s.add_objective(ID, &objective("O2", 2)).expect("O2");
    let mut a = action("A1", &["O1"]);
    a.funding = vec![funding(0)];
    s.add_action(ID, &a).expect("A1");
    let mut x = indicator("I1");
    x.objectives = Some(codes(&["O1"]));
    x.actions = Some(codes(&["A1"]));
    s.add_indicator(ID, &x).expect("I1");
    s
}

// ----------------------------------------------------------------------------
// The smoke test, kept
// ----------------------------------------------------------------------------

#[test]
fn example_round_trips() {
    let mut s = store();
    let rep = s.import(EXAMPLE, Some("ex.json")).expect("the public example imports");
    let out = s.export_json(&rep.id, "2030-01-01T00:00:00Z").expect("exports");
    assert!(
        !out.new_revision,
        "an imported roadmap not edited since is exported at its own revision"
    );
    let a: Value = serde_json::from_slice(EXAMPLE).expect("json");
    let b: Value = serde_json::from_slice(&out.bytes).expect("json");
    assert_eq!(a, b, "import then export gives back the same JSON value");
}

// ----------------------------------------------------------------------------
// 1. Editing operations
// ----------------------------------------------------------------------------

#[test]
fn create_roadmap_checks_its_id_and_theme_and_refuses_duplicates() {
    let mut s = store();
    for bad in [
        "",
        "not-a-uuid",
        "0b6c3f2e1d4a4e5b8c7d9a0b1c2d3e4f",
        "0b6c3f2e-1d4a-4e5b-8c7d-9a0b1c2d3e4g",
    ] {
        let err = s.create_roadmap(bad, 3).expect_err("a malformed uuid is refused");
        assert!(
            matches!(&err, StoreError::InvalidId(i) if i == bad),
            "a malformed uuid {bad:?} is refused as an invalid id: {err:?}"
        );
    }
    for theme in [0, 16, -1, 99] {
        let err = s.create_roadmap(ID, theme).expect_err("an unknown theme is refused");
        assert!(
            matches!(err, StoreError::UnknownTheme(n) if n == theme),
            "theme {theme} is not in the catalogue of 15: {err:?}"
        );
    }
    assert!(
        s.list().expect("list").is_empty(),
        "refused creations leave no roadmap behind"
    );

    let created = s.create_roadmap(ID, 3).expect("creates");
    let catalogue = catalogue::Catalogue::builtin();
    assert_eq!(created.id, ID, "the roadmap keeps the id the caller drew");
    assert_eq!(created.revision, 0, "a new roadmap was never exported");
    assert_eq!(created.status, RoadmapStatus::Draft, "a new roadmap is a draft");
    assert_eq!(
        created.theme,
        catalogue.theme(3).expect("theme 3").clone(),
        "the theme comes from the catalogue"
    );
    assert_eq!(created.region, catalogue.region, "the region comes from the catalogue");
    assert_eq!(created.period, catalogue.period, "the period comes from the catalogue");
    assert_eq!(
        Roadmap::new(ID.into(), catalogue, 3).expect("theme 3"),
        created,
        "a created roadmap is the core's empty roadmap"
    );
    assert_eq!(
        s.roadmap(ID).expect("loads"),
        created,
        "what create returns is what is stored"
    );
    assert!(edited(&s, ID), "a never-exported roadmap has unexported content");

    let before = dump(s.connection());
    let err = s.create_roadmap(ID, 5).expect_err("the id is taken");
    assert!(
        matches!(&err, StoreError::RoadmapExists(i) if i == ID),
        "a second roadmap with the same id is refused: {err:?}"
    );
    assert_eq!(dump(s.connection()), before, "a refused creation changes nothing");

    s.create_roadmap(OTHER_ID, 3)
        .expect("a second roadmap of the same theme");
    assert_eq!(
        s.ids_for_theme(3).expect("ids"),
        {
            let mut v = codes(&[ID, OTHER_ID]);
            v.sort();
            v
        },
        "two roadmaps of one theme are both kept"
    );
}

#[test]
fn editing_an_unknown_roadmap_is_refused() {
    let mut s = store();
    let err = s.set_status(ID, RoadmapStatus::Submitted).expect_err("no such roadmap");
    assert!(
        matches!(&err, StoreError::RoadmapNotFound(i) if i == ID),
        "an edit of an unknown roadmap names it: {err:?}"
    );
    let err = s.roadmap(ID).expect_err("no such roadmap");
    assert!(
        matches!(err, StoreError::RoadmapNotFound(_)),
        "loading it fails too: {err:?}"
    );
    let err = s.add_animator(ID, &animator(1)).expect_err("no such roadmap");
    assert!(
        matches!(err, StoreError::RoadmapNotFound(_)),
        "adding to it fails too: {err:?}"
    );
    let err = s.delete_roadmap(ID).expect_err("no such roadmap");
    assert!(
        matches!(err, StoreError::RoadmapNotFound(_)),
        "deleting it fails too: {err:?}"
    );
}

#[test]
fn header_status_and_texts_are_set() {
    let mut s = store_with_roadmap();
    let header = Header {
        theme_title: "Titre reformulé par le groupe".into(),
        status: RoadmapStatus::Submitted,
        period: Period { start: 2020, end: 2024 },
    };
    s.update_header(ID, &header).expect("update_header");
    let r = s.roadmap(ID).expect("loads");
    assert_eq!(r.theme.title, header.theme_title, "update_header sets the theme title");
    assert_eq!(r.theme.number, 3, "update_header keeps the theme number");
    assert_eq!(r.status, RoadmapStatus::Submitted, "update_header sets the status");
    assert_eq!(r.period, header.period, "update_header sets the period");

    s.set_status(ID, RoadmapStatus::Validated).expect("set_status");
    let r = s.roadmap(ID).expect("loads");
    assert_eq!(r.status, RoadmapStatus::Validated, "set_status sets the status");
    assert_eq!(r.theme.title, header.theme_title, "set_status touches nothing else");

    let diagnosis = "Premier paragraphe.\n\n- un point **gras**\n- un *autre*\r\n\tfin  ";
    s.set_diagnosis_text(ID, diagnosis).expect("set_diagnosis_text");
    let participation = "Texte de participation « avec guillemets » et émoji 🙂";
    s.set_participation_text(ID, participation)
        .expect("set_participation_text");
    let r = s.roadmap(ID).expect("loads");
    assert_eq!(r.diagnosis.text, diagnosis, "the diagnosis text is kept byte for byte");
    assert_eq!(
        r.participation.text, participation,
        "the participation text is kept byte for byte"
    );
    assert_eq!(r.status, RoadmapStatus::Validated, "setting texts keeps the status");
}

/// The operations of one list addressed by index.
struct IndexedList<T> {
    kind: &'static str,
    make: fn(usize) -> T,
    setup: fn(&mut Store),
    add: fn(&mut Store, &T) -> fdr_store::Result<usize>,
    update: fn(&mut Store, usize, &T) -> fdr_store::Result<()>,
    delete: fn(&mut Store, usize) -> fdr_store::Result<()>,
    reorder: fn(&mut Store, &[usize]) -> fdr_store::Result<()>,
    read: fn(&Roadmap) -> Vec<T>,
}

fn check_indexed_list<T: PartialEq + std::fmt::Debug + Clone>(l: IndexedList<T>) {
    let kind = l.kind;
    let mut s = store_with_roadmap();
    (l.setup)(&mut s);
    let read = |s: &mut Store| (l.read)(&s.roadmap(ID).expect("loads"));
    let m: Vec<T> = (0..12).map(l.make).collect();

    for (i, item) in m.iter().take(3).enumerate() {
        assert_eq!(
            (l.add)(&mut s, item).expect("add"),
            i,
            "{kind}: an added item goes at the end, index {i}"
        );
    }
    assert_eq!(read(&mut s), m[..3].to_vec(), "{kind}: added items read back in order");

    (l.update)(&mut s, 1, &m[10]).expect("update");
    assert_eq!(
        read(&mut s),
        vec![m[0].clone(), m[10].clone(), m[2].clone()],
        "{kind}: update replaces exactly the item at its index"
    );

    (l.reorder)(&mut s, &[2, 0, 1]).expect("reorder");
    assert_eq!(
        read(&mut s),
        vec![m[2].clone(), m[0].clone(), m[10].clone()],
        "{kind}: order[i] is the old index of the new i-th item"
    );

    let before = dump(s.connection());
    for err in [
        (l.update)(&mut s, 3, &m[11]).expect_err("index 3 of 3"),
        (l.delete)(&mut s, 3).expect_err("index 3 of 3"),
        (l.update)(&mut s, usize::MAX, &m[11]).expect_err("huge index"),
    ] {
        assert!(
            matches!(&err, StoreError::ItemNotFound { kind: k, .. } if *k == kind),
            "{kind}: an index past the end is an item not found of this list: {err:?}"
        );
    }
    for bad in [&[0, 1][..], &[0, 0, 1], &[0, 1, 3], &[0, 1, 2, 2], &[0, 1, 2, 3], &[]] {
        let err = (l.reorder)(&mut s, bad).expect_err("not a permutation");
        assert!(
            matches!(&err, StoreError::BadOrder(k) if *k == kind),
            "{kind}: {bad:?} is not a permutation of 0..3: {err:?}"
        );
    }
    assert_eq!(
        dump(s.connection()),
        before,
        "{kind}: refused edits change nothing, not even the edited flag"
    );

    (l.delete)(&mut s, 1).expect("delete");
    assert_eq!(
        read(&mut s),
        vec![m[2].clone(), m[10].clone()],
        "{kind}: delete removes exactly the item at its index"
    );
    assert_eq!(
        (l.add)(&mut s, &m[3]).expect("add"),
        2,
        "{kind}: after a delete, add appends at the end"
    );
    (l.reorder)(&mut s, &[2, 1, 0]).expect("reorder after a delete");
    assert_eq!(
        read(&mut s),
        vec![m[3].clone(), m[10].clone(), m[2].clone()],
        "{kind}: indices follow the visible order, whatever gaps deletes left"
    );
    (l.update)(&mut s, 0, &m[4]).expect("update after reorder");
    assert_eq!(
        read(&mut s),
        vec![m[4].clone(), m[10].clone(), m[2].clone()],
        "{kind}: index 0 addresses the first item in the new order"
    );
    for _ in 0..3 {
        (l.delete)(&mut s, 0).expect("delete the first");
    }
    assert!(read(&mut s).is_empty(), "{kind}: every item can be deleted");
    (l.reorder)(&mut s, &[]).expect("the empty order is a permutation of the empty list");
    let err = (l.delete)(&mut s, 0).expect_err("empty list");
    assert!(
        matches!(err, StoreError::ItemNotFound { .. }),
        "{kind}: deleting from an empty list is refused: {err:?}"
    );
}

#[test]
fn animators_are_added_updated_reordered_and_deleted_by_index() {
    check_indexed_list(IndexedList {
        kind: "animateur",
        make: animator,
        setup: |_| {},
        add: |s, a| s.add_animator(ID, a),
        update: |s, i, a| s.update_animator(ID, i, a),
        delete: |s, i| s.delete_animator(ID, i),
        reorder: |s, o| s.reorder_animators(ID, o),
        read: |r| r.animators.clone(),
    });
}

#[test]
fn key_figures_are_added_updated_reordered_and_deleted_by_index() {
    check_indexed_list(IndexedList {
        kind: "chiffre clé",
        make: key_figure,
        setup: |_| {},
        add: |s, k| s.add_key_figure(ID, k),
        update: |s, i, k| s.update_key_figure(ID, i, k),
        delete: |s, i| s.delete_key_figure(ID, i),
        reorder: |s, o| s.reorder_key_figures(ID, o),
        read: |r| r.diagnosis.key_figures.clone(),
    });
}

#[test]
fn key_figure_numbers_keep_their_json_form() {
    let mut s = store_with_roadmap();
    for v in [
        json!(18.0),
        json!(18),
        json!(27.5),
        json!(0.000001),
        json!(1e300),
        json!(-3),
    ] {
        let k = KeyFigure {
            label: "x".into(),
            value: serde_json::from_value(v.clone()).expect("number"),
            unit: None,
            year: None,
            territory: None,
            source: None,
        };
        s.add_key_figure(ID, &k).expect("add");
        let back = s.roadmap(ID).expect("loads").diagnosis.key_figures.pop().expect("one");
        assert_eq!(
            serde_json::to_value(&back.value).expect("json"),
            v,
            "the number {v} reads back as the same JSON number (integer stays integer, float stays float)"
        );
    }
}

#[test]
fn practices_are_added_updated_reordered_and_deleted_by_index() {
    check_indexed_list(IndexedList {
        kind: "pratique de participation",
        make: practice,
        setup: |_| {},
        add: |s, p| s.add_practice(ID, p),
        update: |s, i, p| s.update_practice(ID, i, p),
        delete: |s, i| s.delete_practice(ID, i),
        reorder: |s, o| s.reorder_practices(ID, o),
        read: |r| r.participation.practices.clone(),
    });
}

#[test]
fn funding_lines_are_added_updated_reordered_and_deleted_by_index() {
    check_indexed_list(IndexedList {
        kind: "ligne de financement",
        make: funding,
        setup: |s| {
            s.add_objective(ID, &objective("O1", 1)).expect("O1");
            s.add_action(ID, &action("A1", &["O1"])).expect("A1");
            s.add_action(ID, &action("A2", &[])).expect("A2");
            s.add_funding(ID, "A2", &funding(7)).expect("a line of another action");
        },
        add: |s, f| s.add_funding(ID, "A1", f),
        update: |s, i, f| s.update_funding(ID, "A1", i, f),
        delete: |s, i| s.delete_funding(ID, "A1", i),
        reorder: |s, o| s.reorder_funding(ID, "A1", o),
        read: |r| {
            assert_eq!(
                r.actions[1].funding,
                vec![funding(7)],
                "edits of A1's funding never touch A2's"
            );
            r.actions[0].funding.clone()
        },
    });
    let mut s = store_with_roadmap();
    let err = s.add_funding(ID, "A9", &funding(0)).expect_err("no action A9");
    assert!(
        matches!(&err, StoreError::ItemNotFound { kind: "action", id } if id == "A9"),
        "funding an unknown action names it: {err:?}"
    );
}

#[test]
fn measurements_are_added_updated_reordered_and_deleted_by_index() {
    check_indexed_list(IndexedList {
        kind: "mesure",
        make: measurement,
        setup: |s| {
            s.add_indicator(ID, &indicator("I1")).expect("I1");
            let mut other = indicator("I2");
            other.measurements = Some(vec![measurement(9)]);
            s.add_indicator(ID, &other).expect("I2");
        },
        add: |s, m| s.add_measurement(ID, "I1", m),
        update: |s, i, m| s.update_measurement(ID, "I1", i, m),
        delete: |s, i| s.delete_measurement(ID, "I1", i),
        reorder: |s, o| s.reorder_measurements(ID, "I1", o),
        read: |r| {
            assert_eq!(
                r.indicators[1].measurements,
                Some(vec![measurement(9)]),
                "edits of I1's measurements never touch I2's"
            );
            r.indicators[0]
                .measurements
                .clone()
                .expect("an indicator given a measurement lists its measurements")
        },
    });
}

#[test]
fn a_first_measurement_makes_the_list_present_and_it_stays_present() {
    let mut s = store_with_roadmap();
    s.add_indicator(ID, &indicator("I1")).expect("I1");
    assert_eq!(
        s.roadmap(ID).expect("loads").indicators[0].measurements,
        None,
        "an indicator added without measurements has none (absent, not empty)"
    );
    s.add_measurement(ID, "I1", &measurement(1)).expect("add");
    assert_eq!(
        s.roadmap(ID).expect("loads").indicators[0].measurements,
        Some(vec![measurement(1)]),
        "adding a measurement makes the list present"
    );
    s.delete_measurement(ID, "I1", 0).expect("delete");
    assert_eq!(
        s.roadmap(ID).expect("loads").indicators[0].measurements,
        Some(vec![]),
        "deleting the last measurement leaves an empty, present list"
    );
    let err = s.add_measurement(ID, "I9", &measurement(1)).expect_err("no I9");
    assert!(
        matches!(&err, StoreError::ItemNotFound { kind: "indicateur", id } if id == "I9"),
        "measuring an unknown indicator names it: {err:?}"
    );
}

#[test]
fn objectives_are_added_updated_ranked_and_deleted() {
    let mut s = store_with_roadmap();
    assert_eq!(
        s.next_local_id(ID, 'O').expect("next"),
        "O1",
        "the first free objective id is O1"
    );
    let o1 = Objective {
        id: "O1".into(),
        priority: 1,
        title: "Aucune sortie sans solution".into(),
        text: Some("Texte **riche**".into()),
        territories: Some(codes(&["59", "62"])),
    };
    s.add_objective(ID, &o1).expect("O1");
    let mut o2 = objective("O2", 5);
    o2.territories = Some(vec![]);
    s.add_objective(ID, &o2).expect("O2");
    s.add_objective(ID, &objective("O3", 9)).expect("O3");
    assert_eq!(
        s.roadmap(ID).expect("loads").objectives,
        vec![o1.clone(), o2.clone(), objective("O3", 9)],
        "objectives read back exactly, an empty territory list staying present"
    );
    assert_eq!(
        s.next_local_id(ID, 'O').expect("next"),
        "O4",
        "the next free id follows the highest"
    );

    let before = dump(s.connection());
    for bad in ["", "O 1", "O/1", "é", &"x".repeat(33)] {
        let err = s.add_objective(ID, &objective(bad, 4)).expect_err("invalid id");
        assert!(
            matches!(&err, StoreError::InvalidId(i) if i == bad),
            "{bad:?} is not a local id: {err:?}"
        );
        let err = s
            .update_objective(ID, "O2", &objective(bad, 4))
            .expect_err("invalid id");
        assert!(
            matches!(&err, StoreError::InvalidId(_)),
            "renaming to {bad:?} is refused: {err:?}"
        );
    }
    let err = s.add_objective(ID, &objective("O1", 4)).expect_err("O1 taken");
    assert!(
        matches!(&err, StoreError::DuplicateId { kind: "objectif", id } if id == "O1"),
        "a second O1 is refused: {err:?}"
    );
    let err = s.update_objective(ID, "O2", &objective("O3", 4)).expect_err("O3 taken");
    assert!(
        matches!(&err, StoreError::DuplicateId { kind: "objectif", id } if id == "O3"),
        "renaming O2 to O3 is refused: {err:?}"
    );
    let err = s.update_objective(ID, "O9", &objective("O9", 4)).expect_err("no O9");
    assert!(
        matches!(&err, StoreError::ItemNotFound { kind: "objectif", id } if id == "O9"),
        "updating an unknown objective names it: {err:?}"
    );
    let err = s.delete_objective(ID, "O9", DeleteMode::Refuse).expect_err("no O9");
    assert!(
        matches!(&err, StoreError::ItemNotFound { kind: "objectif", .. }),
        "deleting an unknown objective is refused: {err:?}"
    );
    for bad in [
        codes(&["O1", "O2"]),
        codes(&["O1", "O1", "O2"]),
        codes(&["O1", "O2", "O9"]),
        codes(&["O1", "O2", "O3", "O3"]),
        codes(&["O1", "O2", "O3", "O9"]),
        vec![],
    ] {
        let err = s.reorder_objectives(ID, &bad).expect_err("not a permutation");
        assert!(
            matches!(err, StoreError::BadOrder("objectif")),
            "{bad:?} is not a permutation of O1, O2, O3: {err:?}"
        );
    }
    assert_eq!(dump(s.connection()), before, "refused objective edits change nothing");

    let mut o2b = o2.clone();
    o2b.title = "Nouveau titre".into();
    o2b.text = Some("Nouveau texte".into());
    o2b.priority = 7;
    o2b.territories = None;
    s.update_objective(ID, "O2", &o2b).expect("update O2 in place");
    assert_eq!(
        s.roadmap(ID).expect("loads").objectives,
        vec![o1.clone(), o2b.clone(), objective("O3", 9)],
        "update replaces the objective's fields, keeping its place"
    );

    s.reorder_objectives(ID, &codes(&["O3", "O1", "O2"])).expect("reorder");
    let r = s.roadmap(ID).expect("loads");
    assert_eq!(
        r.objectives.iter().map(|o| o.id.as_str()).collect::<Vec<_>>(),
        ["O3", "O1", "O2"],
        "the objectives take the order given"
    );
    assert_eq!(
        r.objectives.iter().map(|o| o.priority).collect::<Vec<_>>(),
        [1, 2, 3],
        "ranking renumbers priorities 1..n in the new order"
    );
    assert_eq!(r.objectives[1].title, o1.title, "ranking keeps every other field");

    s.delete_objective(ID, "O1", DeleteMode::Refuse)
        .expect("an unreferenced objective is deleted");
    let r = s.roadmap(ID).expect("loads");
    assert_eq!(
        r.objectives.iter().map(|o| o.id.as_str()).collect::<Vec<_>>(),
        ["O3", "O2"],
        "delete removes exactly that objective"
    );
    s.add_objective(ID, &objective("O1", 8))
        .expect("the freed id can be used again");
    assert_eq!(
        s.roadmap(ID).expect("loads").objectives.last().map(|o| o.id.as_str()),
        Some("O1"),
        "a re-added objective goes at the end"
    );
}

#[test]
fn renaming_an_objective_keeps_its_links() {
    let mut s = store_with_links();
    let mut renamed = objective("OBJ-1", 1);
    renamed.title = "Renommé".into();
    s.update_objective(ID, "O1", &renamed).expect("rename O1");
    let r = s.roadmap(ID).expect("loads");
    assert_eq!(r.objectives[0], renamed, "the objective has its new id and fields");
    assert_eq!(
        r.actions[0].objectives,
        codes(&["OBJ-1"]),
        "the action that served O1 now lists the new id"
    );
    assert_eq!(
        r.indicators[0].objectives,
        Some(codes(&["OBJ-1"])),
        "the indicator that measured O1 now lists the new id"
    );
    let err = s.link_action_objective(ID, "A1", "O1").expect_err("O1 is gone");
    assert!(
        matches!(&err, StoreError::ItemNotFound { kind: "objectif", id } if id == "O1"),
        "the old id no longer resolves: {err:?}"
    );
}

#[test]
fn actions_are_added_with_links_and_funding_updated_ranked_and_deleted() {
    let mut s = store_with_roadmap();
    s.add_objective(ID, &objective("O1", 1)).expect("O1");
    s.add_objective(ID, &objective("O2", 2)).expect("O2");
    let a1 = Action {
        id: "A1".into(),
        objectives: codes(&["O2", "O1"]),
        title: "Entretien à 17 ans".into(),
        text: Some("Un entretien *formalisé*.".into()),
        lead: Some("Conseils départementaux".into()),
        partners: Some(codes(&["Missions locales", "CAF"])),
        territories: Some(codes(&["59"])),
        start: Some("2019-09-01".into()),
        end: Some("2021-12-31".into()),
        status: ActionStatus::InProgress,
        fte: Some(num(2.5)),
        funding: vec![funding(0), funding(1)],
    };
    s.add_action(ID, &a1).expect("A1");
    let mut a2 = action("A2", &[]);
    a2.fte = Some(Number::from(1));
    a2.partners = Some(vec![]);
    s.add_action(ID, &a2).expect("A2");
    s.add_action(ID, &action("A3", &["O1"])).expect("A3");
    assert_eq!(
        s.roadmap(ID).expect("loads").actions,
        vec![a1.clone(), a2.clone(), action("A3", &["O1"])],
        "actions read back exactly, with their links in order and their funding lines"
    );
    assert_eq!(
        s.next_local_id(ID, 'A').expect("next"),
        "A4",
        "the next free action id is A4"
    );

    let before = dump(s.connection());
    let err = s.add_action(ID, &action("A4", &["O1", "O7"])).expect_err("no O7");
    assert!(
        matches!(&err, StoreError::ItemNotFound { kind: "objectif", id } if id == "O7"),
        "an action serving an unknown objective is refused, naming it: {err:?}"
    );
    let err = s.add_action(ID, &action("A 4", &[])).expect_err("invalid id");
    assert!(
        matches!(err, StoreError::InvalidId(_)),
        "A 4 is not a local id: {err:?}"
    );
    let err = s.add_action(ID, &action("A2", &[])).expect_err("A2 taken");
    assert!(
        matches!(&err, StoreError::DuplicateId { kind: "action", id } if id == "A2"),
        "a second A2 is refused: {err:?}"
    );
    let err = s
        .update_action(ID, "A1", &action_fields(&action("A3", &[])))
        .expect_err("A3 taken");
    assert!(
        matches!(&err, StoreError::DuplicateId { kind: "action", .. }),
        "renaming A1 to A3 is refused: {err:?}"
    );
    let err = s
        .update_action(ID, "A1", &action_fields(&action("", &[])))
        .expect_err("empty id");
    assert!(
        matches!(err, StoreError::InvalidId(_)),
        "an empty id is refused: {err:?}"
    );
    let err = s
        .update_action(ID, "A9", &action_fields(&action("A9", &[])))
        .expect_err("no A9");
    assert!(
        matches!(&err, StoreError::ItemNotFound { kind: "action", id } if id == "A9"),
        "updating an unknown action names it: {err:?}"
    );
    for bad in [
        codes(&["A1", "A2"]),
        codes(&["A1", "A1", "A2"]),
        codes(&["A1", "A2", "A3", "A4"]),
        codes(&["A3", "A2", "O1"]),
    ] {
        let err = s.reorder_actions(ID, &bad).expect_err("not a permutation");
        assert!(
            matches!(err, StoreError::BadOrder("action")),
            "{bad:?} is not a permutation of the actions: {err:?}"
        );
    }
    assert_eq!(dump(s.connection()), before, "refused action edits change nothing");

    let mut a1b = a1.clone();
    a1b.title = "Entretien à 16 ans".into();
    a1b.text = None;
    a1b.lead = None;
    a1b.partners = None;
    a1b.territories = Some(codes(&["32"]));
    a1b.start = None;
    a1b.end = Some("2022-12-31".into());
    a1b.status = ActionStatus::Done;
    a1b.fte = Some(Number::from(3));
    s.update_action(ID, "A1", &action_fields(&a1b)).expect("update A1");
    assert_eq!(
        s.roadmap(ID).expect("loads").actions[0],
        a1b,
        "update replaces the action's own fields and keeps its links and funding"
    );

    s.reorder_actions(ID, &codes(&["A3", "A1", "A2"])).expect("reorder");
    let r = s.roadmap(ID).expect("loads");
    assert_eq!(
        r.actions.iter().map(|a| a.id.as_str()).collect::<Vec<_>>(),
        ["A3", "A1", "A2"],
        "the actions take the order given"
    );
    assert_eq!(r.actions[1], a1b, "reordering keeps each action whole");

    s.delete_action(ID, "A1", DeleteMode::Refuse)
        .expect("an action no indicator measures is deleted");
    let r = s.roadmap(ID).expect("loads");
    assert_eq!(
        r.actions.iter().map(|a| a.id.as_str()).collect::<Vec<_>>(),
        ["A3", "A2"],
        "delete removes exactly that action"
    );
    let conn = s.connection();
    assert_eq!(
        count(conn, "SELECT count(*) FROM funding"),
        0,
        "its funding lines go with it"
    );
    assert_eq!(
        count(conn, "SELECT count(*) FROM action_objective"),
        1,
        "its objective links go with it (A3's stays)"
    );
    assert_eq!(r.objectives.len(), 2, "the objectives it served stay");
}

#[test]
fn renaming_an_action_keeps_its_links() {
    let mut s = store_with_links();
    let mut fields = action_fields(&s.roadmap(ID).expect("loads").actions[0]);
    fields.id = "ACT_1".into();
    s.update_action(ID, "A1", &fields).expect("rename");
    let r = s.roadmap(ID).expect("loads");
    assert_eq!(r.actions[0].id, "ACT_1", "the action has its new id");
    assert_eq!(r.actions[0].objectives, codes(&["O1"]), "it still serves O1");
    assert_eq!(r.actions[0].funding, vec![funding(0)], "it keeps its funding");
    assert_eq!(
        r.indicators[0].actions,
        Some(codes(&["ACT_1"])),
        "the indicator measuring it lists the new id"
    );
}

#[test]
fn indicators_are_added_with_links_and_measurements_updated_ranked_and_deleted() {
    let mut s = store_with_roadmap();
    s.add_objective(ID, &objective("O1", 1)).expect("O1");
    s.add_objective(ID, &objective("O2", 2)).expect("O2");
    s.add_action(ID, &action("A1", &["O1"])).expect("A1");
    s.add_action(ID, &action("A2", &["O2"])).expect("A2");
    let i1 = Indicator {
        id: "I1".into(),
        objectives: Some(codes(&["O2", "O1"])),
        actions: Some(codes(&["A2", "A1"])),
        name: "Jeunes sans solution".into(),
        definition: Some("Nombre de **jeunes**.".into()),
        unit: "jeunes".into(),
        direction: Direction::Decrease,
        baseline: Some(DatedValue {
            value: Number::from(399),
            date: "2018-12-31".into(),
            comment: Some("Quatre départements".into()),
        }),
        target: Some(DatedValue {
            value: num(0.5),
            date: "2022-12-31".into(),
            comment: None,
        }),
        measurements: Some(vec![measurement(1), measurement(2)]),
        source: Some("Départements".into()),
        frequency: Some(Frequency::HalfYearly),
    };
    s.add_indicator(ID, &i1).expect("I1");
    let mut i2 = indicator("I2");
    i2.objectives = Some(vec![]);
    i2.measurements = Some(vec![]);
    s.add_indicator(ID, &i2).expect("I2");
    s.add_indicator(ID, &indicator("I3")).expect("I3");
    assert_eq!(
        s.roadmap(ID).expect("loads").indicators,
        vec![i1.clone(), i2.clone(), indicator("I3")],
        "indicators read back exactly: links in order, measurements, and absent lists staying absent"
    );
    assert_eq!(
        s.next_local_id(ID, 'I').expect("next"),
        "I4",
        "the next free indicator id is I4"
    );

    let before = dump(s.connection());
    let mut bad_link = indicator("I4");
    bad_link.actions = Some(codes(&["A7"]));
    let err = s.add_indicator(ID, &bad_link).expect_err("no A7");
    assert!(
        matches!(&err, StoreError::ItemNotFound { kind: "action", id } if id == "A7"),
        "an indicator measuring an unknown action is refused: {err:?}"
    );
    let mut bad_link = indicator("I4");
    bad_link.objectives = Some(codes(&["O7"]));
    let err = s.add_indicator(ID, &bad_link).expect_err("no O7");
    assert!(
        matches!(&err, StoreError::ItemNotFound { kind: "objectif", id } if id == "O7"),
        "an indicator measuring an unknown objective is refused: {err:?}"
    );
    let err = s.add_indicator(ID, &indicator("I#4")).expect_err("invalid id");
    assert!(
        matches!(err, StoreError::InvalidId(_)),
        "I#4 is not a local id: {err:?}"
    );
    let err = s.add_indicator(ID, &indicator("I1")).expect_err("I1 taken");
    assert!(
        matches!(&err, StoreError::DuplicateId { kind: "indicateur", id } if id == "I1"),
        "a second I1 is refused: {err:?}"
    );
    let err = s
        .update_indicator(ID, "I2", &indicator_fields(&indicator("I1")))
        .expect_err("I1 taken");
    assert!(
        matches!(&err, StoreError::DuplicateId { kind: "indicateur", .. }),
        "renaming I2 to I1 is refused: {err:?}"
    );
    let err = s.delete_indicator(ID, "I9").expect_err("no I9");
    assert!(
        matches!(&err, StoreError::ItemNotFound { kind: "indicateur", .. }),
        "deleting an unknown indicator is refused: {err:?}"
    );
    let err = s.reorder_indicators(ID, &codes(&["I1", "I2"])).expect_err("I3 missing");
    assert!(
        matches!(err, StoreError::BadOrder("indicateur")),
        "an order missing I3 is refused: {err:?}"
    );
    let err = s
        .reorder_indicators(ID, &codes(&["I1", "I2", "I2"]))
        .expect_err("I2 twice");
    assert!(
        matches!(err, StoreError::BadOrder("indicateur")),
        "an order listing I2 twice is refused: {err:?}"
    );
    assert_eq!(dump(s.connection()), before, "refused indicator edits change nothing");

    let mut i1b = i1.clone();
    i1b.id = "IND.1".into();
    i1b.name = "Autre nom".into();
    i1b.definition = None;
    i1b.unit = "%".into();
    i1b.direction = Direction::Maintain;
    i1b.baseline = None;
    i1b.target = Some(DatedValue {
        value: Number::from(10),
        date: "2021-06-30".into(),
        comment: Some("cible".into()),
    });
    i1b.source = None;
    i1b.frequency = Some(Frequency::Once);
    s.update_indicator(ID, "I1", &indicator_fields(&i1b)).expect("update");
    assert_eq!(
        s.roadmap(ID).expect("loads").indicators[0],
        i1b,
        "update replaces the indicator's own fields (id included) and keeps links and measurements"
    );

    s.reorder_indicators(ID, &codes(&["I3", "IND.1", "I2"]))
        .expect("reorder");
    let r = s.roadmap(ID).expect("loads");
    assert_eq!(
        r.indicators.iter().map(|x| x.id.as_str()).collect::<Vec<_>>(),
        ["I3", "IND.1", "I2"],
        "the indicators take the order given"
    );

    s.delete_indicator(ID, "IND.1").expect("delete");
    let r = s.roadmap(ID).expect("loads");
    assert_eq!(
        r.indicators.iter().map(|x| x.id.as_str()).collect::<Vec<_>>(),
        ["I3", "I2"],
        "delete removes exactly that indicator"
    );
    let conn = s.connection();
    for table in ["measurement", "indicator_objective", "indicator_action"] {
        assert_eq!(
            count(conn, &format!("SELECT count(*) FROM {table}")),
            0,
            "the deleted indicator's rows of {table} go with it"
        );
    }
    assert_eq!(r.actions.len(), 2, "the actions it measured stay");
    assert_eq!(r.objectives.len(), 2, "the objectives it measured stay");
}

#[test]
fn action_objective_links_are_made_once_and_removed() {
    let mut s = store_with_links();
    s.add_action(ID, &action("A2", &[])).expect("A2");
    s.link_action_objective(ID, "A2", "O2").expect("link");
    assert_eq!(
        s.roadmap(ID).expect("loads").actions[1].objectives,
        codes(&["O2"]),
        "linking adds the objective to the action's list"
    );
    s.link_action_objective(ID, "A2", "O2").expect("link twice");
    assert_eq!(
        s.roadmap(ID).expect("loads").actions[1].objectives,
        codes(&["O2"]),
        "linking twice is a no-op: the objective is listed once"
    );
    s.link_action_objective(ID, "A2", "O1").expect("link O1");
    assert_eq!(
        s.roadmap(ID).expect("loads").actions[1].objectives,
        codes(&["O2", "O1"]),
        "a new link goes at the end of the list"
    );
    s.unlink_action_objective(ID, "A2", "O2").expect("unlink");
    assert_eq!(
        s.roadmap(ID).expect("loads").actions[1].objectives,
        codes(&["O1"]),
        "unlinking removes exactly that objective"
    );
    s.unlink_action_objective(ID, "A2", "O2").expect("unlink twice");
    assert_eq!(
        s.roadmap(ID).expect("loads").actions[1].objectives,
        codes(&["O1"]),
        "unlinking what is not linked is a no-op"
    );
    assert_eq!(
        s.roadmap(ID).expect("loads").actions[0].objectives,
        codes(&["O1"]),
        "links of another action are untouched"
    );
    for (a, o) in [("A9", "O1"), ("A2", "O9")] {
        let err = s.link_action_objective(ID, a, o).expect_err("unknown");
        assert!(
            matches!(err, StoreError::ItemNotFound { .. }),
            "linking {a} to {o} names what is missing: {err:?}"
        );
    }
}

#[test]
fn indicator_links_are_made_once_make_the_list_present_and_are_removed() {
    let mut s = store_with_links();
    s.add_indicator(ID, &indicator("I2")).expect("I2");
    let i2 = |s: &mut Store| s.roadmap(ID).expect("loads").indicators[1].clone();
    assert_eq!(i2(&mut s).objectives, None, "I2 was added with no objective list");
    assert_eq!(i2(&mut s).actions, None, "I2 was added with no action list");

    s.link_indicator_objective(ID, "I2", "O2").expect("link");
    assert_eq!(
        i2(&mut s).objectives,
        Some(codes(&["O2"])),
        "linking makes the objective list present with the objective"
    );
    s.link_indicator_objective(ID, "I2", "O2").expect("link twice");
    assert_eq!(i2(&mut s).objectives, Some(codes(&["O2"])), "linking twice is a no-op");
    s.link_indicator_objective(ID, "I2", "O1").expect("link O1");
    assert_eq!(
        i2(&mut s).objectives,
        Some(codes(&["O2", "O1"])),
        "a new link goes at the end"
    );
    s.unlink_indicator_objective(ID, "I2", "O2").expect("unlink");
    s.unlink_indicator_objective(ID, "I2", "O1").expect("unlink");
    assert_eq!(
        i2(&mut s).objectives,
        Some(vec![]),
        "unlinking every objective leaves an empty, present list"
    );

    s.link_indicator_action(ID, "I2", "A1").expect("link");
    assert_eq!(
        i2(&mut s).actions,
        Some(codes(&["A1"])),
        "linking makes the action list present with the action"
    );
    s.link_indicator_action(ID, "I2", "A1").expect("link twice");
    assert_eq!(i2(&mut s).actions, Some(codes(&["A1"])), "linking twice is a no-op");
    s.unlink_indicator_action(ID, "I2", "A1").expect("unlink");
    assert_eq!(
        i2(&mut s).actions,
        Some(vec![]),
        "unlinking leaves an empty, present list"
    );
    s.unlink_indicator_action(ID, "I2", "A1").expect("unlink twice");
    assert_eq!(
        i2(&mut s).actions,
        Some(vec![]),
        "unlinking what is not linked is a no-op"
    );

    let i1 = s.roadmap(ID).expect("loads").indicators[0].clone();
    assert_eq!(
        (i1.objectives, i1.actions),
        (Some(codes(&["O1"])), Some(codes(&["A1"]))),
        "links of another indicator are untouched"
    );
    let err = s.link_indicator_action(ID, "I2", "A9").expect_err("no A9");
    assert!(
        matches!(err, StoreError::ItemNotFound { kind: "action", .. }),
        "linking to an unknown action is refused: {err:?}"
    );
    let err = s.link_indicator_objective(ID, "I9", "O1").expect_err("no I9");
    assert!(
        matches!(err, StoreError::ItemNotFound { kind: "indicateur", .. }),
        "linking an unknown indicator is refused: {err:?}"
    );
}

// ----------------------------------------------------------------------------
// 2. Deleting referenced items
// ----------------------------------------------------------------------------

#[test]
fn deleting_a_referenced_objective_is_refused_or_removes_the_links() {
    let mut s = store_with_links();
    s.export_json(ID, "2026-02-01T00:00:00Z")
        .expect("a valid roadmap exports");
    assert!(!edited(&s, ID), "export clears the edited flag");
    let before = dump(s.connection());

    let err = s
        .delete_objective(ID, "O1", DeleteMode::Refuse)
        .expect_err("O1 is referenced");
    match &err {
        StoreError::Referenced { item, by } => {
            assert!(item.contains("O1"), "the refusal names the objective: {item}");
            assert_eq!(
                by,
                &vec!["l’action A1".to_string(), "l’indicateur I1".to_string()],
                "the refusal lists the referencing action and indicator"
            );
        }
        other => panic!("a referenced objective is refused as Referenced, got {other:?}"),
    }
    let message = err.to_string();
    for name in ["O1", "A1", "I1"] {
        assert!(message.contains(name), "the message names {name}: {message}");
    }
    assert_eq!(err.code(), "referenced", "the stable code is `referenced`");
    assert_eq!(
        dump(s.connection()),
        before,
        "a refused delete changes nothing, not even the edited flag"
    );
    assert!(!edited(&s, ID), "a refused delete leaves the roadmap unedited");

    s.delete_objective(ID, "O1", DeleteMode::RemoveLinks)
        .expect("RemoveLinks deletes it");
    let r = s.roadmap(ID).expect("loads");
    assert_eq!(
        r.objectives.iter().map(|o| o.id.as_str()).collect::<Vec<_>>(),
        ["O2"],
        "the objective is gone"
    );
    assert!(r.actions[0].objectives.is_empty(), "A1 no longer serves it");
    assert_eq!(
        r.indicators[0].objectives,
        Some(vec![]),
        "I1 no longer measures it (its list stays present)"
    );
    assert_eq!(
        r.indicators[0].actions,
        Some(codes(&["A1"])),
        "I1's other links are untouched"
    );
    let conn = s.connection();
    assert_eq!(
        count(conn, "SELECT count(*) FROM action_objective") + count(conn, "SELECT count(*) FROM indicator_objective"),
        0,
        "no link row points at the deleted objective"
    );
    assert!(edited(&s, ID), "the delete marks the roadmap edited");
    assert_eq!(
        s.integrity_check().expect("check"),
        ["ok"],
        "no foreign key is left dangling"
    );
}

#[test]
fn deleting_a_referenced_action_is_refused_or_removes_the_links() {
    let mut s = store_with_links();
    s.add_indicator(ID, &{
        let mut x = indicator("I2");
        x.actions = Some(codes(&["A1"]));
        x
    })
    .expect("I2");
    let before = dump(s.connection());
    let err = s
        .delete_action(ID, "A1", DeleteMode::Refuse)
        .expect_err("A1 is referenced");
    match &err {
        StoreError::Referenced { item, by } => {
            assert!(item.contains("A1"), "the refusal names the action: {item}");
            assert_eq!(
                by,
                &vec!["l’indicateur I1".to_string(), "l’indicateur I2".to_string()],
                "the refusal lists every referencing indicator, in list order"
            );
        }
        other => panic!("a referenced action is refused as Referenced, got {other:?}"),
    }
    let message = err.to_string();
    for name in ["A1", "I1", "I2"] {
        assert!(message.contains(name), "the message names {name}: {message}");
    }
    assert_eq!(dump(s.connection()), before, "a refused delete changes nothing");

    s.delete_action(ID, "A1", DeleteMode::RemoveLinks)
        .expect("RemoveLinks deletes it");
    let r = s.roadmap(ID).expect("loads");
    assert!(r.actions.is_empty(), "the action is gone");
    assert_eq!(r.indicators[0].actions, Some(vec![]), "I1 no longer measures it");
    assert_eq!(r.indicators[1].actions, Some(vec![]), "I2 no longer measures it");
    assert_eq!(
        r.indicators[0].objectives,
        Some(codes(&["O1"])),
        "I1's objective link is untouched"
    );
    let conn = s.connection();
    for table in ["funding", "action_objective", "indicator_action"] {
        assert_eq!(
            count(conn, &format!("SELECT count(*) FROM {table}")),
            0,
            "the deleted action's rows of {table} are gone"
        );
    }
    assert_eq!(
        s.integrity_check().expect("check"),
        ["ok"],
        "no foreign key is left dangling"
    );
}

// ----------------------------------------------------------------------------
// 3. The edited flag and export
// ----------------------------------------------------------------------------

type Op = Box<dyn Fn(&mut Store) -> fdr_store::Result<()>>;

fn op(f: impl Fn(&mut Store) -> fdr_store::Result<()> + 'static) -> Op {
    Box::new(f)
}

#[test]
fn every_edit_marks_the_roadmap_edited_and_every_export_makes_a_revision() {
    let mut s = Store::open_in_memory(ticking_clock()).expect("opens");
    s.create_roadmap(ID, 9).expect("creates");
    let mut m1 = indicator("I1");
    m1.objectives = Some(codes(&["O1"]));
    m1.actions = Some(codes(&["A1"]));
    m1.measurements = Some(vec![measurement(0)]);
    let mut a1 = action("A1", &["O1"]);
    a1.funding = vec![funding(0)];
    let ops: Vec<(&str, Op)> = vec![
        (
            "update_header",
            op(|s| {
                s.update_header(
                    ID,
                    &Header {
                        theme_title: "Titre".into(),
                        status: RoadmapStatus::Submitted,
                        period: Period { start: 2019, end: 2022 },
                    },
                )
            }),
        ),
        ("set_status", op(|s| s.set_status(ID, RoadmapStatus::Validated))),
        ("set_diagnosis_text", op(|s| s.set_diagnosis_text(ID, "Diagnostic"))),
        (
            "set_participation_text",
            op(|s| s.set_participation_text(ID, "Participation")),
        ),
        ("add_animator", op(|s| s.add_animator(ID, &animator(0)).map(drop))),
        ("update_animator", op(|s| s.update_animator(ID, 0, &animator(1)))),
        ("add_animator", op(|s| s.add_animator(ID, &animator(2)).map(drop))),
        ("reorder_animators", op(|s| s.reorder_animators(ID, &[1, 0]))),
        ("delete_animator", op(|s| s.delete_animator(ID, 1))),
        ("add_key_figure", op(|s| s.add_key_figure(ID, &key_figure(0)).map(drop))),
        ("update_key_figure", op(|s| s.update_key_figure(ID, 0, &key_figure(1)))),
        ("add_key_figure", op(|s| s.add_key_figure(ID, &key_figure(2)).map(drop))),
        ("reorder_key_figures", op(|s| s.reorder_key_figures(ID, &[1, 0]))),
        ("delete_key_figure", op(|s| s.delete_key_figure(ID, 0))),
        ("add_practice", op(|s| s.add_practice(ID, &practice(0)).map(drop))),
        ("update_practice", op(|s| s.update_practice(ID, 0, &practice(1)))),
        ("add_practice", op(|s| s.add_practice(ID, &practice(2)).map(drop))),
        ("reorder_practices", op(|s| s.reorder_practices(ID, &[1, 0]))),
        ("delete_practice", op(|s| s.delete_practice(ID, 1))),
        ("add_objective", op(|s| s.add_objective(ID, &objective("O1", 1)))),
        ("add_objective", op(|s| s.add_objective(ID, &objective("O2", 2)))),
        (
            "update_objective",
            op(|s| s.update_objective(ID, "O2", &objective("O2", 5))),
        ),
        (
            "reorder_objectives",
            op(|s| s.reorder_objectives(ID, &codes(&["O2", "O1"]))),
        ),
        ("add_action", op(move |s| s.add_action(ID, &a1))),
        (
            "update_action",
            op(|s| {
                let mut a = action("A1", &[]);
                a.status = ActionStatus::Done;
                s.update_action(ID, "A1", &action_fields(&a))
            }),
        ),
        ("add_action", op(|s| s.add_action(ID, &action("A2", &[])))),
        ("reorder_actions", op(|s| s.reorder_actions(ID, &codes(&["A2", "A1"])))),
        ("link_action_objective", op(|s| s.link_action_objective(ID, "A2", "O2"))),
        (
            "link_action_objective (again)",
            op(|s| s.link_action_objective(ID, "A2", "O2")),
        ),
        (
            "unlink_action_objective",
            op(|s| s.unlink_action_objective(ID, "A2", "O2")),
        ),
        ("add_funding", op(|s| s.add_funding(ID, "A1", &funding(1)).map(drop))),
        ("update_funding", op(|s| s.update_funding(ID, "A1", 0, &funding(2)))),
        ("reorder_funding", op(|s| s.reorder_funding(ID, "A1", &[1, 0]))),
        ("delete_funding", op(|s| s.delete_funding(ID, "A1", 1))),
        ("add_indicator", op(move |s| s.add_indicator(ID, &m1))),
        (
            "update_indicator",
            op(|s| {
                let mut x = indicator("I1");
                x.direction = Direction::Decrease;
                s.update_indicator(ID, "I1", &indicator_fields(&x))
            }),
        ),
        ("add_indicator", op(|s| s.add_indicator(ID, &indicator("I2")))),
        (
            "reorder_indicators",
            op(|s| s.reorder_indicators(ID, &codes(&["I2", "I1"]))),
        ),
        (
            "link_indicator_objective",
            op(|s| s.link_indicator_objective(ID, "I2", "O2")),
        ),
        (
            "unlink_indicator_objective",
            op(|s| s.unlink_indicator_objective(ID, "I2", "O2")),
        ),
        ("link_indicator_action", op(|s| s.link_indicator_action(ID, "I2", "A2"))),
        (
            "unlink_indicator_action",
            op(|s| s.unlink_indicator_action(ID, "I2", "A2")),
        ),
        (
            "add_measurement",
            op(|s| s.add_measurement(ID, "I1", &measurement(1)).map(drop)),
        ),
        (
            "update_measurement",
            op(|s| s.update_measurement(ID, "I1", 1, &measurement(2))),
        ),
        (
            "reorder_measurements",
            op(|s| s.reorder_measurements(ID, "I1", &[1, 0])),
        ),
        ("delete_measurement", op(|s| s.delete_measurement(ID, "I1", 0))),
        ("delete_indicator", op(|s| s.delete_indicator(ID, "I2"))),
        ("delete_action", op(|s| s.delete_action(ID, "A2", DeleteMode::Refuse))),
        (
            "delete_objective",
            op(|s| s.delete_objective(ID, "O2", DeleteMode::Refuse)),
        ),
        (
            "delete_objective (remove links)",
            op(|s| s.delete_objective(ID, "O1", DeleteMode::RemoveLinks)),
        ),
        (
            "delete_action (remove links)",
            op(|s| s.delete_action(ID, "A1", DeleteMode::RemoveLinks)),
        ),
    ];

    let first = s
        .export_json(ID, "2026-03-01T00:00:00Z")
        .expect("an empty roadmap exports");
    assert_eq!(first.revision, 1, "a never-exported roadmap is exported as revision 1");
    assert!(first.new_revision, "the first export makes a revision");
    let mut revision = 1;
    for (i, (name, f)) in ops.iter().enumerate() {
        assert!(!edited(&s, ID), "{name}: the previous export cleared the edited flag");
        let before = updated_at(&s, ID);
        let failed = s.update_animator(ID, 99, &animator(9)).expect_err("no animator 99");
        assert!(
            matches!(failed, StoreError::ItemNotFound { .. }),
            "a refused edit is refused: {failed:?}"
        );
        assert!(
            !edited(&s, ID),
            "{name}: a refused edit does not mark the roadmap edited"
        );
        f(&mut s).unwrap_or_else(|e| panic!("{name} succeeds: {e}"));
        assert!(edited(&s, ID), "{name} marks the roadmap edited");
        assert_ne!(updated_at(&s, ID), before, "{name} records when the roadmap changed");

        let at = format!("2026-03-02T00:{:02}:00Z", i % 60);
        let out = s
            .export_json(ID, &at)
            .unwrap_or_else(|e| panic!("export after {name}: {e}"));
        revision += 1;
        assert!(
            out.new_revision,
            "{name}: an edited roadmap's export makes a new revision"
        );
        assert_eq!(out.revision, revision, "{name}: the export bumps the revision by one");
        assert!(!edited(&s, ID), "{name}: export clears the edited flag");
        let again = s.export_json(ID, "2027-01-01T00:00:00Z").expect("export again");
        assert_eq!(
            again.bytes, out.bytes,
            "{name}: exporting again without edits gives the same bytes"
        );
        assert_eq!(again.revision, revision, "{name}: and the same revision");
        assert!(!again.new_revision, "{name}: and no new revision");
        assert_eq!(
            s.revision_json(ID, revision).expect("kept"),
            out.bytes,
            "{name}: the history keeps the exported bytes"
        );
    }
    let history = s.history(ID).expect("history");
    assert_eq!(history.len() as i64, revision, "every export is kept in the history");
    assert!(
        history.iter().all(|h| h.origin == "export" && h.source_name.is_none()),
        "exports are recorded as such"
    );
    assert_eq!(
        history.iter().map(|h| h.revision).collect::<Vec<_>>(),
        (1..=revision).collect::<Vec<_>>(),
        "revisions are numbered 1..n with no gap"
    );
}

#[test]
fn export_stamps_the_revision_and_gives_the_same_bytes_until_the_next_edit() {
    let mut s = store_with_links();
    assert!(edited(&s, ID), "a created roadmap has not been exported");
    let out = s.export_json(ID, "2026-02-01T10:00:00Z").expect("exports");
    assert_eq!(out.revision, 1, "a never-exported roadmap is exported as revision 1");
    assert!(out.new_revision, "the first export makes a new revision");
    let v: Value = serde_json::from_slice(&out.bytes).expect("an export is JSON");
    assert_eq!(v["revision"], json!(1), "the file carries revision 1");
    assert_eq!(
        v["exported_at"],
        json!("2026-02-01T10:00:00Z"),
        "the file carries the stamp given"
    );
    assert_eq!(v["id"], json!(ID), "the file carries the roadmap's id");
    let summary = s.list().expect("list").remove(0);
    assert_eq!(summary.revision, 1, "the list shows the new revision");
    assert!(!summary.edited, "export clears the edited flag");
    let history = s.history(ID).expect("history");
    assert_eq!(history.len(), 1, "the export is recorded in the history");
    assert_eq!(
        (
            history[0].revision,
            history[0].exported_at.as_str(),
            history[0].origin.as_str()
        ),
        (1, "2026-02-01T10:00:00Z", "export"),
        "the history entry is revision 1 stamped as exported"
    );
    assert_eq!(history[0].recorded_at, NOW, "recorded_at comes from the store's clock");

    let dump_after_export = dump(s.connection());
    let again = s.export_json(ID, "2026-02-05T10:00:00Z").expect("exports again");
    assert_eq!(again.bytes, out.bytes, "no edit since: byte-identical bytes");
    assert_eq!(again.revision, 1, "no edit since: the same revision");
    assert!(!again.new_revision, "no edit since: no new revision");
    assert_eq!(
        dump(s.connection()),
        dump_after_export,
        "exporting an unedited roadmap writes nothing"
    );

    let mut s2 = store();
    assert_eq!(
        s2.import(&out.bytes, Some("retour.json")).expect("imports").outcome,
        ImportOutcome::Added,
        "an export imports into another store"
    );
    assert_eq!(
        s2.roadmap(ID).expect("loads"),
        s.roadmap(ID).expect("loads"),
        "the other store holds the same roadmap"
    );

    s.set_status(ID, RoadmapStatus::Submitted).expect("edit");
    let second = s.export_json(ID, "2026-02-06T10:00:00Z").expect("exports");
    assert_eq!(second.revision, 2, "an edit then an export makes revision 2");
    assert_ne!(second.bytes, out.bytes, "the new revision has new bytes");
    assert_eq!(
        s.revision_json(ID, 1).expect("kept"),
        out.bytes,
        "revision 1 stays in the history, byte for byte"
    );
    assert_eq!(
        s2.import(&second.bytes, None).expect("imports").outcome,
        ImportOutcome::Updated { previous: 1 },
        "the other store takes the new revision as an update"
    );
}

#[test]
fn export_of_an_invalid_roadmap_is_refused_and_changes_nothing() {
    let mut s = store_with_links();
    s.export_json(ID, "2026-02-01T00:00:00Z").expect("valid, exports");

    // An objective with an empty title.
    let mut o = objective("O3", 3);
    o.title = String::new();
    s.add_objective(ID, &o).expect("the store accepts a title being typed");
    let before = dump(s.connection());
    let err = s
        .export_json(ID, "2026-02-02T00:00:00Z")
        .expect_err("an empty title breaks the format");
    match &err {
        StoreError::Invalid(problems) => assert!(
            problems.iter().any(|p| p.path == "objectives[2].title"),
            "the refusal names objectives[2].title: {problems:?}"
        ),
        other => panic!("an invalid roadmap is refused as Invalid, got {other:?}"),
    }
    assert!(
        err.to_string().contains("objectives[2].title"),
        "the message names the path: {err}"
    );
    assert_eq!(err.code(), "invalid", "the stable code is `invalid`");
    assert_eq!(dump(s.connection()), before, "a refused export changes nothing");
    assert_eq!(s.list().expect("list")[0].revision, 1, "the revision stays 1");
    assert!(edited(&s, ID), "the roadmap stays edited");
    assert_eq!(s.history(ID).expect("history").len(), 1, "the history is unchanged");
    s.delete_objective(ID, "O3", DeleteMode::Refuse).expect("delete it");

    // Two objectives with the same priority.
    s.update_objective(ID, "O2", &objective("O2", 1))
        .expect("the store accepts a priority being typed");
    let before = dump(s.connection());
    let err = s
        .export_json(ID, "2026-02-02T00:00:00Z")
        .expect_err("duplicate priorities break the format");
    match &err {
        StoreError::Invalid(problems) => assert!(
            problems.iter().any(|p| p.path == "objectives[1].priority"),
            "the refusal names objectives[1].priority: {problems:?}"
        ),
        other => panic!("an invalid roadmap is refused as Invalid, got {other:?}"),
    }
    assert_eq!(dump(s.connection()), before, "a refused export changes nothing");

    // A malformed timestamp.
    s.update_objective(ID, "O2", &objective("O2", 2)).expect("fix");
    let before = dump(s.connection());
    let err = s.export_json(ID, "hier").expect_err("not RFC 3339");
    assert!(
        matches!(&err, StoreError::Invalid(p) if p.iter().any(|p| p.path == "exported_at")),
        "a malformed exported_at is refused, naming it: {err:?}"
    );
    assert_eq!(dump(s.connection()), before, "a refused export changes nothing");

    let out = s.export_json(ID, "2026-02-03T00:00:00Z").expect("valid again");
    assert_eq!(out.revision, 2, "the refusals consumed no revision number");

    let err = s.export_json(OTHER_ID, "2026-02-03T00:00:00Z").expect_err("unknown");
    assert!(
        matches!(err, StoreError::RoadmapNotFound(_)),
        "exporting an unknown roadmap names it: {err:?}"
    );
}

// ----------------------------------------------------------------------------
// 4. Import semantics
// ----------------------------------------------------------------------------

#[test]
fn an_unknown_id_is_added() {
    let mut s = store();
    let rep = s.import(EXAMPLE, Some("theme-09.fdr.json")).expect("imports");
    assert_eq!(rep.outcome, ImportOutcome::Added, "an unknown id is added");
    assert_eq!(
        (rep.id.as_str(), rep.revision, rep.theme_number),
        (EXAMPLE_ID, 3, 9),
        "the report says which roadmap and revision"
    );
    let decoded = fdr_format::decode(EXAMPLE, catalogue::Catalogue::builtin()).expect("decodes");
    assert_eq!(
        s.roadmap(EXAMPLE_ID).expect("loads"),
        decoded.roadmap,
        "the stored roadmap is the file's"
    );
    assert_eq!(rep.warnings, decoded.warnings, "the report carries the file's warnings");
    let summary = s.list().expect("list").remove(0);
    assert_eq!(summary.revision, 3, "the current revision is the file's");
    assert!(!summary.edited, "an imported roadmap has no local edits");
    let history = s.history(EXAMPLE_ID).expect("history");
    assert_eq!(history.len(), 1, "the file is kept in the history");
    assert_eq!(history[0].origin, "import", "recorded as an import");
    assert_eq!(
        history[0].source_name.as_deref(),
        Some("theme-09.fdr.json"),
        "with the file's name"
    );
    assert_eq!(history[0].exported_at, "2019-06-28T14:05:00Z", "with the file's stamp");
    assert_eq!(
        s.revision_json(EXAMPLE_ID, 3).expect("kept"),
        EXAMPLE,
        "the history keeps the exact bytes received"
    );
    let err = s.revision_json(EXAMPLE_ID, 2).expect_err("never seen");
    assert!(
        matches!(err, StoreError::ItemNotFound { kind: "révision", .. }),
        "an unknown revision is not found: {err:?}"
    );
}

#[test]
fn a_higher_revision_updates_and_the_history_keeps_both() {
    let mut s = store();
    s.import(EXAMPLE, Some("r3.json")).expect("imports");
    let mut v = example();
    v["revision"] = json!(4);
    v["exported_at"] = json!("2019-09-01T08:00:00Z");
    v["status"] = json!("validated");
    v["objectives"][0]["title"] = json!("Titre révisé");
    let bytes = pretty(&v);
    let rep = s.import(&bytes, Some("r4.json")).expect("imports");
    assert_eq!(
        rep.outcome,
        ImportOutcome::Updated { previous: 3 },
        "a higher revision of a known id updates it"
    );
    let r = s.roadmap(EXAMPLE_ID).expect("loads");
    assert_eq!(r.revision, 4, "revision 4 is now current");
    assert_eq!(r.status, RoadmapStatus::Validated, "with its content");
    assert_eq!(r.objectives[0].title, "Titre révisé", "with its content");
    assert_eq!(
        r,
        fdr_format::decode(&bytes, catalogue::Catalogue::builtin())
            .expect("decodes")
            .roadmap,
        "the current roadmap is exactly revision 4"
    );
    let history = s.history(EXAMPLE_ID).expect("history");
    assert_eq!(
        history
            .iter()
            .map(|h| (h.revision, h.source_name.as_deref()))
            .collect::<Vec<_>>(),
        [(3, Some("r3.json")), (4, Some("r4.json"))],
        "the history keeps both revisions"
    );
    assert_eq!(
        s.revision_json(EXAMPLE_ID, 3).expect("kept"),
        EXAMPLE,
        "revision 3's exact bytes"
    );
    assert_eq!(
        s.revision_json(EXAMPLE_ID, 4).expect("kept"),
        bytes,
        "revision 4's exact bytes"
    );
    assert!(!edited(&s, EXAMPLE_ID), "an update by import leaves no local edits");
    assert_eq!(s.list().expect("list").len(), 1, "still one roadmap");
    let conn = s.connection();
    assert_eq!(
        count(conn, "SELECT count(*) FROM objective"),
        3,
        "the previous revision's items were replaced, not added to"
    );
    assert_eq!(
        count(conn, "SELECT count(*) FROM funding"),
        9,
        "funding lines were replaced"
    );
    assert_eq!(
        s.integrity_check().expect("check"),
        ["ok"],
        "the update left the file sound"
    );
}

#[test]
fn the_same_revision_with_the_same_content_is_already_imported() {
    let mut s = store();
    s.import(EXAMPLE, Some("a.json")).expect("imports");
    let before = dump(s.connection());
    let rep = s.import(EXAMPLE, Some("a-again.json")).expect("imports");
    assert_eq!(
        rep.outcome,
        ImportOutcome::AlreadyImported,
        "the very same file is already imported"
    );
    assert_eq!(dump(s.connection()), before, "and nothing changes");

    let mut v = example();
    v["exported_at"] = json!("2020-01-01T00:00:00Z");
    let compact = serde_json::to_vec(&v).expect("encodes");
    assert_ne!(compact, EXAMPLE, "the re-encoded file differs in bytes");
    assert!(
        compact.starts_with(b"{\"actions\""),
        "the re-encoded file has another key order (sorted) and no whitespace"
    );
    let rep = s.import(&compact, Some("b.json")).expect("imports");
    assert_eq!(
        rep.outcome,
        ImportOutcome::AlreadyImported,
        "same id, revision and content (other exported_at, key order, whitespace) is already imported"
    );
    assert_eq!(dump(s.connection()), before, "and nothing changes");
    assert_eq!(
        s.revision_json(EXAMPLE_ID, 3).expect("kept"),
        EXAMPLE,
        "the first bytes received stay in the history"
    );
}

#[test]
fn the_same_revision_with_other_content_is_a_conflict() {
    let mut s = store();
    s.import(EXAMPLE, None).expect("imports");
    let before = dump(s.connection());
    let mut v = example();
    v["actions"][0]["funding"][0]["amount_cents"] = json!(4200001);
    let err = s.import(&pretty(&v), Some("autre.json")).expect_err("conflict");
    assert!(
        matches!(&err, StoreError::Conflict { id, revision: 3 } if id == EXAMPLE_ID),
        "same id and revision with other content is a conflict: {err:?}"
    );
    assert_eq!(err.code(), "conflict", "the stable code is `conflict`");
    assert_eq!(dump(s.connection()), before, "a conflict changes nothing");
}

#[test]
fn a_lower_revision_is_kept_in_the_history_only() {
    let mut s = store();
    s.import(EXAMPLE, None).expect("imports");
    let current = s.roadmap(EXAMPLE_ID).expect("loads");
    let mut v = example();
    v["revision"] = json!(2);
    v["status"] = json!("draft");
    v["exported_at"] = json!("2019-05-01T00:00:00Z");
    let bytes = pretty(&v);
    let rep = s.import(&bytes, Some("old.json")).expect("imports");
    assert_eq!(
        rep.outcome,
        ImportOutcome::HistoryOnly { current: 3 },
        "a lower revision goes to the history only"
    );
    assert_eq!(
        s.roadmap(EXAMPLE_ID).expect("loads"),
        current,
        "the current revision is unchanged"
    );
    assert_eq!(
        s.history(EXAMPLE_ID)
            .expect("history")
            .iter()
            .map(|h| h.revision)
            .collect::<Vec<_>>(),
        [2, 3],
        "the history holds both, oldest first"
    );
    assert_eq!(
        s.revision_json(EXAMPLE_ID, 2).expect("kept"),
        bytes,
        "the lower revision's bytes are kept"
    );
    assert_eq!(
        s.import(&bytes, None).expect("imports").outcome,
        ImportOutcome::AlreadyImported,
        "importing that lower revision again is already imported"
    );
    let out = s.export_json(EXAMPLE_ID, "2030-01-01T00:00:00Z").expect("exports");
    assert_eq!(out.revision, 3, "an unedited export stays at the current revision 3");
}

#[test]
fn two_ids_for_one_theme_are_both_kept() {
    let mut s = store();
    s.import(EXAMPLE, None).expect("imports");
    let mut v = example();
    v["id"] = json!(OTHER_ID);
    let rep = s.import(&pretty(&v), None).expect("imports");
    assert_eq!(
        rep.outcome,
        ImportOutcome::Added,
        "another id of the same theme is added"
    );
    let mut both = codes(&[EXAMPLE_ID, OTHER_ID]);
    both.sort();
    assert_eq!(
        s.ids_for_theme(9).expect("ids"),
        both,
        "both roadmaps of theme 9 are kept"
    );
    assert_eq!(s.list().expect("list").len(), 2, "both are listed");
    assert!(s.ids_for_theme(3).expect("ids").is_empty(), "no roadmap of theme 3");
}

#[test]
fn a_higher_revision_is_refused_while_local_edits_are_unexported() {
    let mut s = store();
    s.import(EXAMPLE, None).expect("imports");
    // The animator's own roadmap, re-imported then taken over on a new laptop.
    s.adopt(EXAMPLE_ID).expect("takes over");
    s.set_diagnosis_text(EXAMPLE_ID, "Modifié ici").expect("local edit");
    let before = dump(s.connection());
    let mut v = example();
    v["revision"] = json!(4);
    v["status"] = json!("validated");
    let r4 = pretty(&v);
    let err = s.import(&r4, None).expect_err("local edits");
    assert!(
        matches!(&err, StoreError::LocalEdits { id, revision: 3, incoming: 4 } if id == EXAMPLE_ID),
        "a higher revision would overwrite unexported local edits: {err:?}"
    );
    assert_eq!(err.code(), "local_edits", "the stable code is `local_edits`");
    assert_eq!(dump(s.connection()), before, "the refusal changes nothing");
    assert_eq!(
        s.roadmap(EXAMPLE_ID).expect("loads").diagnosis.text,
        "Modifié ici",
        "the local edit is kept"
    );

    let mine = s
        .export_json(EXAMPLE_ID, "2026-01-02T00:00:00Z")
        .expect("export the edits");
    assert_eq!(mine.revision, 4, "the local edits become revision 4");
    let err = s.import(&r4, None).expect_err("two revisions 4");
    assert!(
        matches!(err, StoreError::Conflict { revision: 4, .. }),
        "another revision 4 is now a conflict with the local one: {err:?}"
    );
    v["revision"] = json!(5);
    assert_eq!(
        s.import(&pretty(&v), None).expect("imports").outcome,
        ImportOutcome::Updated { previous: 4 },
        "once exported, a higher revision updates"
    );
}

#[test]
fn a_refused_file_changes_nothing() {
    let mut s = store();
    s.import(EXAMPLE, None).expect("imports");
    s.create_roadmap(ID, 2).expect("and a local draft");
    let before = dump(s.connection());

    let mut unresolved = example();
    unresolved["revision"] = json!(4);
    unresolved["actions"][1]["objectives"] = json!(["O1", "O7"]);
    let err = s.import(&pretty(&unresolved), None).expect_err("O7 does not exist");
    match &err {
        StoreError::Refused(DecodeError::Invalid(problems)) => assert!(
            problems.iter().any(|p| p.path == "actions[1].objectives[1]"),
            "the refusal names actions[1].objectives[1]: {problems:?}"
        ),
        other => panic!("a file breaking the format's rules is Refused, got {other:?}"),
    }
    assert_eq!(err.code(), "refused", "the stable code is `refused`");
    assert_eq!(dump(s.connection()), before, "a refused file changes nothing");

    let mut new_id = example();
    new_id["id"] = json!(OTHER_ID);
    new_id["objectives"][1]["priority"] = json!(1);
    let err = s.import(&pretty(&new_id), None).expect_err("duplicate priority");
    assert!(
        matches!(&err, StoreError::Refused(DecodeError::Invalid(p)) if p.iter().any(|p| p.path == "objectives[1].priority")),
        "a duplicate priority is refused, naming it: {err:?}"
    );
    assert_eq!(dump(s.connection()), before, "a refused new roadmap is not added");

    let mut unknown_field = example();
    unknown_field["revision"] = json!(9);
    unknown_field["extra"] = json!(true);
    let mut revision_zero = example();
    revision_zero["id"] = json!(OTHER_ID);
    revision_zero["revision"] = json!(0);
    for bad in [
        b"ceci n'est pas du JSON".to_vec(),
        b"{\"format\": \"autre\"}".to_vec(),
        pretty(&unknown_field),
        pretty(&revision_zero),
        Vec::new(),
    ] {
        let err = s.import(&bad, Some("x.json")).expect_err("refused");
        assert!(
            matches!(err, StoreError::Refused(_)),
            "a broken file is refused: {err:?}"
        );
        assert_eq!(dump(s.connection()), before, "a refused file changes nothing");
    }
}

// ----------------------------------------------------------------------------
// 5. Schema, migrations, and files that are not ours
// ----------------------------------------------------------------------------

#[test]
fn a_fresh_store_has_the_latest_schema_and_the_seeded_reference_data() {
    let s = store();
    let conn = s.connection();
    assert_eq!(
        schema::dump_schema(conn).expect("dump"),
        schema::fresh_schema().expect("fresh"),
        "a fresh store's schema is the fresh schema"
    );
    assert_eq!(
        count(conn, "PRAGMA user_version"),
        LATEST,
        "user_version records the latest migration"
    );
    assert_eq!(LATEST, schema::MIGRATIONS.len() as i64, "LATEST counts the migrations");
    let catalogue = catalogue::Catalogue::builtin();
    assert_eq!(
        count(conn, "SELECT count(*) FROM theme"),
        15,
        "the 15 themes are seeded"
    );
    assert_eq!(
        count(conn, "SELECT count(*) FROM departement"),
        5,
        "the 5 départements are seeded"
    );
    assert_eq!(
        count(conn, "SELECT count(*) FROM region"),
        1,
        "the one region is seeded"
    );
    let (code, name, start, end): (String, String, i64, i64) = conn
        .query_row("SELECT code, name, period_start, period_end FROM region", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })
        .expect("region");
    assert_eq!(
        (code, name, start, end),
        (
            catalogue.region.code.clone(),
            catalogue.region.name.clone(),
            catalogue.period.start,
            catalogue.period.end
        ),
        "the region and period are the catalogue's"
    );
    let themes: Vec<(i64, String)> = conn
        .prepare("SELECT number, title FROM theme ORDER BY number")
        .expect("prepare")
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .expect("query")
        .collect::<rusqlite::Result<_>>()
        .expect("rows");
    assert_eq!(
        themes,
        catalogue
            .themes
            .iter()
            .map(|t| (t.number, t.title.clone()))
            .collect::<Vec<_>>(),
        "the themes are the catalogue's"
    );
    let departements: Vec<String> = conn
        .prepare("SELECT code FROM departement ORDER BY position")
        .expect("prepare")
        .query_map([], |r| r.get(0))
        .expect("query")
        .collect::<rusqlite::Result<_>>()
        .expect("rows");
    assert_eq!(
        departements,
        catalogue
            .departements
            .iter()
            .map(|d| d.code.clone())
            .collect::<Vec<_>>(),
        "the départements are the catalogue's, in its order"
    );
    assert_eq!(s.integrity_check().expect("check"), ["ok"], "a fresh store is sound");
}

#[test]
fn migrations_one_at_a_time_give_the_same_store_as_all_at_once() {
    let mut stepwise = Connection::open_in_memory().expect("opens");
    schema::migrate_to(&mut stepwise, 1).expect("to version 1");
    assert_eq!(
        count(&stepwise, "PRAGMA user_version"),
        1,
        "migrate_to(1) stops at version 1"
    );
    schema::migrate_to(&mut stepwise, LATEST).expect("to the latest");
    assert_eq!(
        count(&stepwise, "PRAGMA user_version"),
        LATEST,
        "then reaches the latest"
    );
    assert_eq!(
        schema::dump_schema(&stepwise).expect("dump"),
        schema::fresh_schema().expect("fresh"),
        "one at a time gives the same schema as all at once"
    );
    let s = store();
    assert_eq!(
        dump(&stepwise),
        dump(s.connection()),
        "one at a time gives the same data as a fresh store"
    );
    let before = dump(&stepwise);
    schema::migrate_to(&mut stepwise, LATEST).expect("nothing to do");
    schema::migrate_to(&mut stepwise, 1).expect("never goes down");
    assert_eq!(dump(&stepwise), before, "migrating an up-to-date store changes nothing");

    stepwise
        .pragma_update(None, "user_version", LATEST + 1)
        .expect("pretend newer");
    let before = dump(&stepwise);
    let err = schema::migrate_to(&mut stepwise, LATEST).expect_err("newer");
    assert!(
        matches!(err, StoreError::TooNew { found, supported } if found == LATEST + 1 && supported == LATEST),
        "migrating a newer store is refused: {err:?}"
    );
    assert_eq!(dump(&stepwise), before, "and changes nothing");
}

#[test]
fn a_file_store_runs_in_wal_with_full_sync_and_foreign_keys() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("sous-dossier").join("store.sqlite3");
    let s = Store::open(&path, fixed_clock(NOW)).expect("opens, creating the folder");
    assert!(path.exists(), "the file is created");
    let conn = s.connection();
    let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).expect("mode");
    assert_eq!(mode, "wal", "a file store runs in WAL mode");
    assert_eq!(count(conn, "PRAGMA synchronous"), 2, "synchronous is FULL (2)");
    assert_eq!(count(conn, "PRAGMA foreign_keys"), 1, "foreign keys are enforced");
    assert!(
        count(conn, "PRAGMA busy_timeout") >= 1000,
        "a second process waits instead of failing"
    );
    assert_eq!(
        count(conn, "PRAGMA user_version"),
        LATEST,
        "the file is at the latest schema"
    );
    assert_eq!(
        schema::dump_schema(conn).expect("dump"),
        schema::fresh_schema().expect("fresh"),
        "a new file store has the fresh schema"
    );
}

/// A folder whose name needs escaping in an SQLite URI.
fn awkward_dir(dir: &Path) -> PathBuf {
    let awkward = dir.join("données #1 ?%20 & co");
    std::fs::create_dir_all(&awkward).expect("mkdir");
    awkward
}

/// A file store holding one roadmap, closed, its WAL checkpointed away.
fn closed_file_store(dir: &Path) -> PathBuf {
    let path = awkward_dir(dir).join("store.sqlite3");
    let mut s = Store::open(&path, fixed_clock(NOW)).expect("opens");
    s.create_roadmap(ID, 3).expect("creates");
    drop(s);
    assert!(
        !sidecar(&path, "-wal").exists(),
        "closing the last connection checkpoints and removes the WAL"
    );
    path
}

fn assert_untouched(path: &Path, bytes: &[u8], what: &str) {
    assert_eq!(
        std::fs::read(path).expect("read"),
        bytes,
        "{what}: the file's bytes are unchanged"
    );
    for suffix in ["-wal", "-shm", "-journal"] {
        assert!(
            !sidecar(path, suffix).exists(),
            "{what}: no {suffix} file was created beside it"
        );
    }
}

#[test]
fn a_store_from_a_newer_version_is_refused_untouched() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = closed_file_store(dir.path());
    {
        let raw = Connection::open(&path).expect("raw open");
        raw.pragma_update(None, "user_version", LATEST + 1)
            .expect("set version");
    }
    assert!(!sidecar(&path, "-wal").exists(), "the raw connection closed cleanly");
    let _ = std::fs::remove_file(sidecar(&path, "-shm"));
    let bytes = std::fs::read(&path).expect("read");

    let err = Store::open(&path, fixed_clock(NOW)).expect_err("too new");
    assert!(
        matches!(err, StoreError::TooNew { found, supported } if found == LATEST + 1 && supported == LATEST),
        "a store written by a newer version is refused: {err:?}"
    );
    assert_eq!(err.code(), "too_new", "the stable code is `too_new`");
    assert!(
        err.to_string().contains("mettez l’application à jour"),
        "the message tells the user what to do: {err}"
    );
    assert_untouched(&path, &bytes, "a newer store");
}

#[test]
fn a_closed_store_reopens_from_a_folder_with_an_awkward_name() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = closed_file_store(dir.path());
    let s = Store::open(&path, fixed_clock(NOW)).expect("our own closed store reopens");
    assert_eq!(
        s.list().expect("list").into_iter().map(|r| r.id).collect::<Vec<_>>(),
        [ID],
        "the check of an existing file found the right file, whatever its path"
    );
}

#[test]
fn a_store_can_be_opened_while_another_connection_holds_its_wal() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = closed_file_store(dir.path());
    let mut first = Store::open(&path, fixed_clock(NOW)).expect("opens");
    first.set_status(ID, RoadmapStatus::Submitted).expect("edit");
    assert!(sidecar(&path, "-wal").exists(), "an open store has its WAL beside it");
    let mut second = Store::open(&path, fixed_clock(NOW)).expect("a second open reads through the WAL");
    assert_eq!(
        second.roadmap(ID).expect("loads").status,
        RoadmapStatus::Submitted,
        "the second store sees what the first committed"
    );
    drop(first);
    drop(second);

    let raw = Connection::open(&path).expect("raw open, kept open so its WAL is not checkpointed");
    raw.pragma_update(None, "user_version", LATEST + 1)
        .expect("set version");
    let header = std::fs::read(&path).expect("read");
    assert_eq!(
        i64::from(u32::from_be_bytes(header[60..64].try_into().expect("4 bytes"))),
        LATEST,
        "the newer version is only in the WAL, not yet in the main file's header"
    );
    let err = Store::open(&path, fixed_clock(NOW)).expect_err("too new");
    assert!(
        matches!(err, StoreError::TooNew { found, .. } if found == LATEST + 1),
        "with a WAL in progress, the check reads through it and refuses the newer store: {err:?}"
    );
    drop(raw);
}

#[test]
fn a_file_that_is_not_sqlite_is_refused_untouched() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("notes.txt");
    let text = "Compte rendu de la réunion du groupe de travail n° 9.\n".repeat(200);
    std::fs::write(&path, &text).expect("write");
    let err = Store::open(&path, fixed_clock(NOW)).expect_err("not a database");
    assert!(
        matches!(&err, StoreError::NotADatabase { path: p } if p.contains("notes.txt")),
        "a text file is not a database, and the message names it: {err:?}"
    );
    assert_eq!(err.code(), "not_a_database", "the stable code is `not_a_database`");
    assert_untouched(&path, text.as_bytes(), "a text file");

    let short = dir.path().join("short.bin");
    std::fs::write(&short, b"SQLite format 3\0but not really").expect("write");
    let err = Store::open(&short, fixed_clock(NOW)).expect_err("not a database");
    assert!(
        matches!(err, StoreError::NotADatabase { .. }),
        "a truncated header is not a database: {err:?}"
    );
    assert_untouched(&short, b"SQLite format 3\0but not really", "a truncated header");
}

#[test]
fn another_applications_database_is_refused_untouched() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = awkward_dir(tmp.path());
    for (name, version, wal) in [
        ("other-v0.db", 0, false),
        ("other-v1.db", 1, false),
        ("other-wal.db", 0, true),
        // A later version number than ours, but another application's id:
        // not ours, rather than "from a newer version".
        ("other-v9-appid.db", 9, false),
    ] {
        let path = dir.join(name);
        {
            let raw = Connection::open(&path).expect("raw open");
            if wal {
                let _: String = raw
                    .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
                    .expect("wal");
            }
            raw.execute_batch(
                "CREATE TABLE invoice (id INTEGER PRIMARY KEY, customer TEXT, total INTEGER);
                 INSERT INTO invoice (customer, total) VALUES ('Dupont', 1200), ('Martin', 800);",
            )
            .expect("another app's tables");
            raw.pragma_update(None, "user_version", version).expect("version");
            if version == 9 {
                raw.pragma_update(None, "application_id", 0x0BAD_CAFE)
                    .expect("application id");
            }
        }
        let _ = std::fs::remove_file(sidecar(&path, "-shm"));
        assert!(
            !sidecar(&path, "-wal").exists(),
            "{name}: the raw connection closed cleanly"
        );
        let bytes = std::fs::read(&path).expect("read");
        let err = Store::open(&path, fixed_clock(NOW)).expect_err("foreign");
        assert!(
            matches!(err, StoreError::NotADatabase { .. }),
            "{name}: another application's database is not ours: {err:?}"
        );
        assert_untouched(&path, &bytes, name);
    }
}

#[test]
fn an_empty_file_becomes_a_store() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("vide.sqlite3");
    std::fs::write(&path, b"").expect("write");
    let s = Store::open(&path, fixed_clock(NOW)).expect("an empty file is an empty database");
    assert_eq!(
        count(s.connection(), "PRAGMA user_version"),
        LATEST,
        "it is migrated to the latest schema"
    );
}

// ----------------------------------------------------------------------------
// 6. Durability across close and reopen
// ----------------------------------------------------------------------------

#[test]
fn a_reopened_file_store_shows_every_edit() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("store.sqlite3");
    let (roadmap, other, list, history, everything) = {
        let mut s = Store::open(&path, fixed_clock(NOW)).expect("opens");
        s.import(EXAMPLE, Some("theme-09.json")).expect("imports");
        s.create_roadmap(ID, 3).expect("creates");
        s.update_header(
            ID,
            &Header {
                theme_title: "Titre local".into(),
                status: RoadmapStatus::Submitted,
                period: Period { start: 2019, end: 2023 },
            },
        )
        .expect("header");
        s.set_diagnosis_text(ID, "Diagnostic\n\n- point").expect("text");
        s.set_participation_text(ID, "Participation").expect("text");
        s.add_animator(ID, &animator(0)).expect("animator");
        s.add_key_figure(ID, &key_figure(1)).expect("key figure");
        s.add_practice(ID, &practice(2)).expect("practice");
        s.add_objective(ID, &objective("O1", 1)).expect("O1");
        s.add_objective(ID, &objective("O2", 2)).expect("O2");
        s.reorder_objectives(ID, &codes(&["O2", "O1"])).expect("rank");
        let mut a = action("A1", &["O1", "O2"]);
        a.fte = Some(num(0.5));
        a.funding = vec![funding(0), funding(1)];
        s.add_action(ID, &a).expect("A1");
        let mut x = indicator("I1");
        x.objectives = Some(codes(&["O1"]));
        x.baseline = Some(measurement(3));
        s.add_indicator(ID, &x).expect("I1");
        s.link_indicator_action(ID, "I1", "A1").expect("link");
        s.add_measurement(ID, "I1", &measurement(5)).expect("measure");
        s.export_json(ID, "2026-04-01T00:00:00Z").expect("export");
        s.set_status(ID, RoadmapStatus::Validated).expect("edit after export");
        s.adopt(EXAMPLE_ID).expect("take over the imported one");
        s.set_status(EXAMPLE_ID, RoadmapStatus::Validated)
            .expect("edit the imported one");
        (
            s.roadmap(ID).expect("loads"),
            s.roadmap(EXAMPLE_ID).expect("loads"),
            s.list().expect("list"),
            s.history(ID).expect("history"),
            dump(s.connection()),
        )
    };
    assert!(
        !sidecar(&path, "-wal").exists(),
        "closing checkpointed the WAL into the file"
    );

    let mut s = Store::open(&path, fixed_clock("2027-01-01T00:00:00Z")).expect("reopens");
    assert_eq!(
        s.roadmap(ID).expect("loads"),
        roadmap,
        "the edited roadmap is whole after reopening"
    );
    assert_eq!(
        s.roadmap(EXAMPLE_ID).expect("loads"),
        other,
        "the imported roadmap is whole after reopening"
    );
    assert_eq!(
        s.list().expect("list"),
        list,
        "the list, edited flags included, is the same"
    );
    assert_eq!(s.history(ID).expect("history"), history, "the history is the same");
    assert_eq!(dump(s.connection()), everything, "every row of every table is the same");
    assert_eq!(
        s.integrity_check().expect("check"),
        ["ok"],
        "the reopened file is sound"
    );
    let mode: String = s
        .connection()
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .expect("mode");
    assert_eq!(mode, "wal", "a reopened store runs in WAL mode");
    assert_eq!(count(s.connection(), "PRAGMA synchronous"), 2, "and synchronous FULL");
    assert_eq!(count(s.connection(), "PRAGMA foreign_keys"), 1, "and foreign keys on");

    s.delete_roadmap(EXAMPLE_ID).expect("delete");
    drop(s);
    let s = Store::open(&path, fixed_clock(NOW)).expect("reopens");
    assert_eq!(
        s.list().expect("list").into_iter().map(|r| r.id).collect::<Vec<_>>(),
        [ID],
        "a deleted roadmap stays deleted after reopening"
    );
    assert!(
        s.history(EXAMPLE_ID).expect("history").is_empty(),
        "its history went with it"
    );
}

#[test]
fn edits_committed_while_the_store_is_open_are_visible_to_another_connection() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("store.sqlite3");
    let mut s = Store::open(&path, fixed_clock(NOW)).expect("opens");
    s.create_roadmap(ID, 3).expect("creates");
    s.add_objective(ID, &objective("O1", 1)).expect("O1");
    let raw = Connection::open(&path).expect("a second connection");
    assert_eq!(
        count(&raw, "SELECT count(*) FROM objective"),
        1,
        "an edit is committed when its method returns, visible to another connection"
    );
    drop(raw);
    drop(s);
}

// ----- backups, damaged stores, full disk -----

#[test]
fn backups_are_verified_rotated_and_listed_newest_first() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.sqlite");
    let mut s = Store::open(&path, ticking_clock()).unwrap();
    s.import(&pretty(&example()), None).unwrap();
    let backups = fdr_store::backup::backups_dir(&path);
    let first = s.backup(&backups, "manuelle").unwrap();
    fdr_store::backup::verify(&first).expect("a backup is a whole store of ours");
    for _ in 0..fdr_store::backup::KEEP + 2 {
        s.backup(&backups, "manuelle").unwrap();
    }
    let list = fdr_store::backup::list(&backups).unwrap();
    assert_eq!(
        list.len(),
        fdr_store::backup::KEEP,
        "older backups beyond KEEP are removed"
    );
    assert!(list.windows(2).all(|w| w[0].taken_at >= w[1].taken_at), "newest first");
    assert!(!first.exists(), "the oldest went first");
    let copy = Store::open(Path::new(&list[0].path), ticking_clock()).unwrap();
    assert_eq!(copy.list().unwrap().len(), 1, "a backup holds the roadmaps");
}

#[test]
fn the_daily_backup_is_taken_once_a_day() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.sqlite");
    let s = Store::open(&path, fixed_clock("2026-11-30T08:00:00Z")).unwrap();
    let backups = fdr_store::backup::backups_dir(&path);
    assert!(s.daily_backup(&backups).unwrap().is_some(), "first start of the day");
    assert!(s.daily_backup(&backups).unwrap().is_none(), "not twice the same day");
    let later = Store::open(&path, fixed_clock("2026-12-01T08:00:00Z")).unwrap();
    assert!(later.daily_backup(&backups).unwrap().is_some(), "the next day again");
}

/// The desktop app takes the day's backup on a thread of its own once its
/// window is usable, through a read-only connection, while its writer is
/// open and writing: the backup is still taken once a day, verified, and
/// holds what was committed before it.
#[test]
fn the_daily_backup_of_an_open_store_is_taken_beside_its_writer_and_verified() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.sqlite");
    let mut writer = Store::open(&path, ticking_clock()).unwrap();
    writer.import(&pretty(&example()), None).unwrap();
    let taken = std::thread::scope(|scope| {
        let backup = scope.spawn(|| fdr_store::backup::daily_backup_of(&path, "2026-11-30T08:00:00Z"));
        // The writer keeps writing meanwhile (another roadmap).
        let mut other = example();
        other["id"] = serde_json::json!("3f1d2c4b-5a6e-4f70-8a9b-0c1d2e3f4a5b");
        other["theme"]["number"] = serde_json::json!(4);
        writer.import(&pretty(&other), None).unwrap();
        backup.join().unwrap()
    })
    .expect("the backup beside an open writer succeeds")
    .expect("the first backup of the day is taken");
    fdr_store::backup::verify(&taken).expect("the backup is verified: a whole store of ours");
    assert!(
        taken.to_string_lossy().ends_with("quotidienne.sqlite"),
        "{}",
        taken.display()
    );
    let copy = Store::open(&taken, ticking_clock()).unwrap();
    assert!(
        !copy.list().unwrap().is_empty(),
        "the backup holds the roadmap committed before it"
    );
    assert_eq!(
        fdr_store::backup::daily_backup_of(&path, "2026-11-30T18:00:00Z").unwrap(),
        None,
        "not twice the same day"
    );
    assert!(
        fdr_store::backup::daily_backup_of(&path, "2026-12-01T08:00:00Z")
            .unwrap()
            .is_some(),
        "the next day again"
    );
    assert!(
        fdr_store::backup::daily_backup_of(&dir.path().join("absente.sqlite"), "2026-12-01T08:00:00Z").is_err(),
        "no store, no backup (and no store created)"
    );
    assert!(!dir.path().join("absente.sqlite").exists(), "nothing created");
}

#[test]
fn restoring_keeps_the_current_store_aside_first() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.sqlite");
    let backups = fdr_store::backup::backups_dir(&path);
    let backup = {
        let mut s = Store::open(&path, ticking_clock()).unwrap();
        s.import(&pretty(&example()), None).unwrap();
        s.adopt(EXAMPLE_ID).unwrap();
        let b = s.backup(&backups, "manuelle").unwrap();
        s.set_diagnosis_text(EXAMPLE_ID, "après la sauvegarde").unwrap();
        b
    };
    let aside = fdr_store::backup::restore(&path, &backup, "2026-11-30T12:00:00Z")
        .unwrap()
        .expect("the current store is copied aside");
    let mut restored = Store::open(&path, ticking_clock()).unwrap();
    assert_ne!(
        restored.roadmap(EXAMPLE_ID).unwrap().diagnosis.text,
        "après la sauvegarde",
        "the store is back to the backup"
    );
    let mut kept = Store::open(&aside, ticking_clock()).unwrap();
    assert_eq!(
        kept.roadmap(EXAMPLE_ID).unwrap().diagnosis.text,
        "après la sauvegarde",
        "the edit made after the backup is kept aside, not lost"
    );
    let bad = dir.path().join("pas-une-base.sqlite");
    std::fs::write(&bad, b"ceci n'est pas une base").unwrap();
    assert!(
        fdr_store::backup::restore(&path, &bad, "2026-11-30T12:00:01Z").is_err(),
        "a file that is not a verified store is never restored"
    );
}

#[test]
fn a_damaged_store_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.sqlite");
    {
        let mut s = Store::open(&path, ticking_clock()).unwrap();
        for i in 0..30 {
            let mut v = example();
            v["id"] = serde_json::json!(format!("00000000-0000-4000-8000-{i:012}"));
            s.import(&pretty(&v), None).unwrap();
        }
        s.connection()
            .execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
            .unwrap();
    }
    let mut bytes = std::fs::read(&path).unwrap();
    let page = 4096;
    assert!(bytes.len() > 8 * page, "a store of several pages");
    for b in &mut bytes[5 * page..7 * page] {
        *b = 0xA5;
    }
    std::fs::write(&path, &bytes).unwrap();
    let e = Store::open(&path, ticking_clock()).unwrap_err();
    assert!(
        matches!(e.code(), "corrupt" | "not_a_database"),
        "damage is named, not a generic error: {} ({e})",
        e.code()
    );
    assert_eq!(
        std::fs::read(&path).unwrap(),
        bytes,
        "the damaged file is left as it was"
    );
}

#[test]
fn a_full_disk_is_reported_and_changes_nothing() {
    let mut s = store();
    s.import(&pretty(&example()), None).unwrap();
    let before = s.list().unwrap();
    let pages: i64 = s.connection().query_row("PRAGMA page_count", [], |r| r.get(0)).unwrap();
    s.connection()
        .execute_batch(&format!("PRAGMA max_page_count = {}", pages + 2))
        .unwrap();
    let big = fdr_core::sample::generate("00000000-0000-4000-8000-00000000000b", 4, 400, 120, 4);
    let e = s
        .import(&fdr_format::encode(&big, "2026-11-30T10:00:00Z"), None)
        .unwrap_err();
    assert_eq!(
        e.code(),
        "disk_full",
        "the UI and the CLI can say the disk is full: {e}"
    );
    assert_eq!(s.list().unwrap(), before, "the refused import wrote nothing");
}

/// Every released schema has a fixture store in `tests/fixtures/`
/// (`store-vN.sqlite`, with the JSON of each of its roadmaps beside it):
/// opening a copy upgrades it to the latest schema, equal to a fresh one,
/// with every roadmap exported byte for byte as before.
#[test]
fn every_released_store_opens_with_all_its_data() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut seen = 0;
    for version in 1..=LATEST {
        let fixture = fixtures.join(format!("store-v{version}.sqlite"));
        assert!(
            fixture.exists(),
            "schema v{version} was released: its fixture store must be kept"
        );
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("copie.sqlite");
        std::fs::copy(&fixture, &path).unwrap();
        let mut s = Store::open(&path, ticking_clock()).unwrap_or_else(|e| panic!("store v{version} opens: {e}"));
        assert_eq!(
            schema::dump_schema(s.connection()).unwrap(),
            schema::fresh_schema().unwrap(),
            "store v{version} upgraded equals a fresh store"
        );
        for entry in std::fs::read_dir(&fixtures).unwrap() {
            let name = entry.unwrap().file_name().to_string_lossy().into_owned();
            let Some(theme) = name
                .strip_prefix(&format!("store-v{version}-theme-"))
                .and_then(|r| r.strip_suffix(".fdr.json"))
            else {
                continue;
            };
            let expected = std::fs::read(fixtures.join(&name)).unwrap();
            let ids = s.ids_for_theme(theme.parse().unwrap()).unwrap();
            assert_eq!(ids.len(), 1, "theme {theme} is in store v{version}");
            let exported = s.export_json(&ids[0], "2026-01-01T00:00:00Z").unwrap();
            assert_eq!(
                exported.bytes, expected,
                "theme {theme} of store v{version} exports as it did"
            );
            seen += 1;
        }
    }
    assert!(seen >= 2, "the fixtures hold roadmaps to compare");
}

/// A migration that fails part-way leaves the store as it was: same
/// version, same data (every step of an upgrade is one transaction).
#[test]
fn a_failing_migration_step_leaves_the_old_store_intact() {
    fn adds_then_fails(tx: &rusqlite::Transaction) -> rusqlite::Result<()> {
        tx.execute_batch("CREATE TABLE half_done (x INTEGER); INSERT INTO half_done VALUES (1);")?;
        tx.execute_batch("THIS IS NOT SQL")
    }
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("copie.sqlite");
    std::fs::copy(fixtures.join("store-v1.sqlite"), &path).unwrap();
    let before = {
        let c = Connection::open(&path).unwrap();
        dump(&c)
    };
    let mut conn = Connection::open(&path).unwrap();
    let steps: Vec<schema::Migration> = schema::MIGRATIONS
        .iter()
        .copied()
        .chain([adds_then_fails as schema::Migration])
        .collect();
    let e = schema::migrate_with(&mut conn, &steps, steps.len() as i64);
    assert!(e.is_err(), "the injected step fails");
    drop(conn);
    let after = Connection::open(&path).unwrap();
    assert_eq!(dump(&after), before, "nothing of the failed upgrade remains");
    let version: i64 = after.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert_eq!(version, 1, "still at the old version");
    drop(after);
    let mut s = Store::open(&path, ticking_clock()).expect("the old store still opens");
    assert_eq!(s.list().unwrap().len(), 2, "with its roadmaps");
    s.roadmap(EXAMPLE_ID).unwrap();
}

/// A 10 MB paragraph typed or pasted in the app is saved, but the format
/// caps a text at 200,000 characters: the export refuses it with the field
/// named, instead of laying out an unbounded PDF.
#[test]
fn a_ten_megabyte_paragraph_is_refused_at_export_naming_the_field() {
    let mut s = store_with_roadmap();
    let huge = "pauvreté ".repeat(10 * 1024 * 1024 / 10);
    s.set_diagnosis_text(ID, &huge).expect("the edit itself is saved");
    let e = s.export_json(ID, NOW).unwrap_err();
    assert_eq!(e.code(), "invalid");
    assert!(
        e.to_string().contains("diagnosis.text"),
        "the field is named: {}",
        &e.to_string()[..200.min(e.to_string().len())]
    );
}

// ----------------------------------------------------------------------------
// Authorship, versions, avis and answers (issues 12 and 14)
// ----------------------------------------------------------------------------

const AVIS: &[u8] = include_bytes!("../../../../docs/format/example-avis-theme-09.json");
const REPONSES: &[u8] = include_bytes!("../../../../docs/format/example-reponses-theme-09.json");
const AVIS_ID: &str = "8d1f2c4a-6b3e-4f7a-9c21-3e5d7a9b1f04";

fn avis_value() -> Value {
    serde_json::from_slice(AVIS).expect("the public avis is JSON")
}

fn authored(s: &Store, id: &str) -> bool {
    s.connection()
        .query_row("SELECT authored FROM roadmap WHERE id = ?1", [id], |r| r.get(0))
        .expect("a roadmap")
}

fn reviewer() -> fdr_core::review::Reviewer {
    fdr_core::review::Reviewer {
        name: "Secrétariat régional".into(),
        organisation: None,
        role: None,
        email: None,
    }
}

/// The migration to v2 on the v1 fixture store: a roadmap ever exported
/// from the copy is authored, one only imported is received; a received one
/// with local edits (the old *Valider*) is put back as its revision holds it,
/// and a draft made here and never exported is authored.
#[test]
fn the_v1_fixture_migrates_to_authors_and_received_roadmaps() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("copie.sqlite");
    std::fs::copy(fixtures.join("store-v1.sqlite"), &path).unwrap();
    let theme4 = "00000000-0000-4000-8000-000000000002";
    {
        // Made as version 1 would have left them, with version 1's columns.
        let c = Connection::open(&path).unwrap();
        c.execute(
            "UPDATE revision SET origin = 'export' WHERE roadmap_id = ?1",
            [EXAMPLE_ID],
        )
        .unwrap();
        c.execute(
            "UPDATE roadmap SET edited = 1, status = 'validated', diagnosis_text = 'validée par le secrétariat' WHERE id = ?1",
            [theme4],
        )
        .unwrap();
        c.execute(
            "INSERT INTO roadmap (id, revision, exported_at, edited, region_code, region_name, period_start, period_end,
             theme_number, theme_title, status, diagnosis_text, participation_text, created_at, updated_at)
             VALUES (?1, 0, NULL, 1, '32', 'Hauts-de-France', 2019, 2022, 3, 'Thème 3', 'draft', 'brouillon', '',
             '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
            [ID],
        )
        .unwrap();
    }
    let mut s = Store::open(&path, ticking_clock()).expect("the v1 store opens and migrates");
    assert!(
        authored(&s, EXAMPLE_ID),
        "a roadmap exported from this copy is authored here"
    );
    assert!(!authored(&s, theme4), "a roadmap only imported is received");
    assert!(authored(&s, ID), "a draft made here, never exported, is authored");
    let received = s.roadmap(theme4).unwrap();
    let expected = std::fs::read(fixtures.join("store-v1-theme-04.fdr.json")).unwrap();
    let as_sent = fdr_format::decode(&expected, fdr_core::catalogue::Catalogue::builtin())
        .unwrap()
        .roadmap;
    assert_eq!(
        received, as_sent,
        "the received roadmap is back to its revision's content"
    );
    assert!(
        !edited(&s, theme4),
        "and has no local edits left to block the next revision"
    );
    assert_eq!(
        s.roadmap(ID).unwrap().diagnosis.text,
        "brouillon",
        "the author's draft is untouched"
    );
    assert!(edited(&s, ID));
}

#[test]
fn created_roadmaps_are_authored_and_received_ones_are_read_only_in_the_store() {
    let mut s = store_with_roadmap();
    s.import(EXAMPLE, None).expect("imports");
    assert!(authored(&s, ID), "created here");
    assert!(!authored(&s, EXAMPLE_ID), "imported");
    let before = dump(s.connection());
    let e = s
        .set_diagnosis_text(EXAMPLE_ID, "changé par le secrétariat")
        .expect_err("the store itself refuses edits of a received roadmap");
    assert_eq!(e.code(), "not_author", "{e}");
    assert!(e.to_string().contains("lecture seule"), "said in French: {e}");
    let e = s.set_status(EXAMPLE_ID, RoadmapStatus::Validated).unwrap_err();
    assert_eq!(
        e.code(),
        "not_author",
        "validating is not an edit of the author's document"
    );
    assert_eq!(dump(s.connection()), before, "nothing written");
    s.set_diagnosis_text(ID, "mon diagnostic").expect("the author edits");
}

#[test]
fn taking_over_a_received_roadmap_continues_its_revisions() {
    let mut s = store();
    s.import(EXAMPLE, None).unwrap();
    let v = s.version(EXAMPLE_ID).unwrap();
    assert_eq!(s.adopt(EXAMPLE_ID).unwrap(), v + 1, "adoption is a committed change");
    assert!(authored(&s, EXAMPLE_ID));
    assert_eq!(s.adopt(EXAMPLE_ID).unwrap_err().code(), "already_author");
    s.set_diagnosis_text(EXAMPLE_ID, "repris").unwrap();
    let e = s.export_json(EXAMPLE_ID, "2026-02-01T00:00:00Z").unwrap();
    assert_eq!(e.revision, 4, "the next export follows revision 3, the last one held");
}

#[test]
fn every_committed_change_bumps_the_version_and_a_stale_edit_is_refused() {
    let mut s = store_with_roadmap();
    let v0 = s.version(ID).unwrap();
    s.set_diagnosis_text(fdr_store::At::version(ID, v0), "un").unwrap();
    assert_eq!(s.version(ID).unwrap(), v0 + 1, "an edit bumps the version");
    assert_eq!(s.committed_version(ID), Some(v0 + 1), "and says which it left");
    let before = dump(s.connection());
    let e = s
        .set_participation_text(fdr_store::At::version(ID, v0), "deux")
        .expect_err("built on the version before the first edit");
    assert_eq!(e.code(), "stale");
    assert!(
        e.to_string()
            .starts_with("cette feuille de route a changé depuis son affichage"),
        "{e}"
    );
    assert_eq!(dump(s.connection()), before, "a stale edit writes nothing");
    let r = s.roadmap(ID).unwrap();
    s.restore_content(fdr_store::At::version(ID, v0 + 1), &r).unwrap();
    assert_eq!(
        s.version(ID).unwrap(),
        v0 + 2,
        "a restore (undo) is a versioned edit too"
    );

    s.import(EXAMPLE, None).unwrap();
    let v = s.version(EXAMPLE_ID).unwrap();
    s.import(EXAMPLE, None).unwrap();
    assert_eq!(s.version(EXAMPLE_ID).unwrap(), v, "« déjà importée » changes nothing");
    let mut r4 = example();
    r4["revision"] = json!(4);
    r4["diagnosis"]["text"] = json!("révision 4");
    s.import(&pretty(&r4), None).unwrap();
    assert_eq!(
        s.version(EXAMPLE_ID).unwrap(),
        v + 1,
        "a newer revision is a change of content"
    );
    let mut r2 = example();
    r2["revision"] = json!(2);
    s.import(&pretty(&r2), None).unwrap();
    assert_eq!(
        s.version(EXAMPLE_ID).unwrap(),
        v + 1,
        "an older revision goes to the history only"
    );
}

#[test]
fn an_avis_imports_once_and_a_conflict_is_refused() {
    let mut s = store();
    s.import(EXAMPLE, None).unwrap();
    let before_roadmap = (s.roadmap(EXAMPLE_ID).unwrap(), s.summary(EXAMPLE_ID).unwrap());
    let r = s
        .receive(AVIS, Some("avis.fdr-avis.json"), None)
        .expect("the public avis imports");
    let report = r.avis.expect("an avis report");
    assert_eq!(report.outcome, fdr_store::AvisOutcome::Added);
    assert_eq!((report.revision, report.current_revision), (3, 3));
    assert_eq!((report.remarks, report.blocking), (4, 2));
    assert_eq!(
        (s.roadmap(EXAMPLE_ID).unwrap(), s.summary(EXAMPLE_ID).unwrap()),
        before_roadmap,
        "an avis never touches the roadmap (content, revision, status, version, edited)"
    );
    let again = s.receive(AVIS, None, None).unwrap().avis.unwrap();
    assert_eq!(
        again.outcome,
        fdr_store::AvisOutcome::AlreadyImported,
        "« déjà importé »"
    );
    let mut other = avis_value();
    other["summary"] = json!("Un autre texte");
    let before = dump(s.connection());
    let e = s
        .receive(&pretty(&other), None, None)
        .expect_err("same id, other content");
    assert_eq!(e.code(), "conflict", "{e}");
    assert_eq!(dump(s.connection()), before, "nothing written");
    // A newer revision arrives: the avis is now about an older one.
    let mut r4 = example();
    r4["revision"] = json!(4);
    s.import(&pretty(&r4), None).unwrap();
    let mut newer = avis_value();
    newer["id"] = json!("9e2a3b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b");
    let report = s.receive(&pretty(&newer), None, None).unwrap().avis.unwrap();
    assert_eq!(
        (report.revision, report.current_revision),
        (3, 4),
        "accepted, and shown as about revision 3 of a roadmap now at 4"
    );
    let held = s.avis_of(EXAMPLE_ID).unwrap();
    assert_eq!(held.len(), 2);
    assert_eq!(held[0].bytes.as_deref(), Some(AVIS), "the exact bytes are kept");
}

/// Each store rule of REVIEW.md refuses the whole avis, naming the field,
/// with nothing changed.
#[test]
fn avis_rules_that_need_the_store_are_each_refused_naming_the_field() {
    type Change = Box<dyn Fn(&mut Value)>;
    let cases: Vec<(&str, Change, &str)> = vec![
        (
            "roadmap not held",
            Box::new(|v| v["roadmap"]["id"] = json!("11111111-2222-4333-8444-555555555555")),
            "roadmap.id",
        ),
        (
            "revision not in the history",
            Box::new(|v| v["roadmap"]["revision"] = json!(7)),
            "roadmap.revision",
        ),
        (
            "unknown item",
            Box::new(|v| v["remarks"][1]["target"]["item"] = json!("I9")),
            "remarks[1].target.item",
        ),
        (
            "theme mismatch",
            Box::new(|v| v["roadmap"]["theme_number"] = json!(4)),
            "roadmap.theme_number",
        ),
    ];
    for (what, change, path) in cases {
        let mut s = store();
        s.import(EXAMPLE, None).unwrap();
        let before = dump(s.connection());
        let mut v = avis_value();
        change(&mut v);
        let e = s.receive(&pretty(&v), None, None).expect_err(what);
        let StoreError::Refused(d) = &e else {
            panic!("{what}: refused by a rule, not {e:?}")
        };
        let problems = d.problems();
        assert_eq!(problems[0].path, path, "{what}: the field is named ({e})");
        assert_eq!(dump(s.connection()), before, "{what}: nothing written");
    }
}

#[test]
fn a_draft_avis_is_saved_issued_once_and_then_immutable() {
    let mut s = store();
    s.import(EXAMPLE, None).unwrap();
    let version = s.version(EXAMPLE_ID).unwrap();
    let id = "3f0b1a52-4c6d-4e8f-9a0b-1c2d3e4f5a6b";
    let draft = s.create_avis(id, EXAMPLE_ID, &reviewer()).expect("a draft");
    assert_eq!(draft.roadmap.revision, 3, "about the current revision");
    s.update_avis(id, |a| {
        a.decision = fdr_core::review::Decision::Validated;
        a.remarks.push(fdr_core::review::Remark {
            id: "R1".into(),
            target: fdr_core::review::Target {
                part: fdr_core::review::Part::Actions,
                item: Some("A2".into()),
                field: None,
            },
            severity: fdr_core::review::Severity::Blocking,
            text: "À revoir".into(),
            quote: None,
        });
        Ok(())
    })
    .expect("drafts take any change");
    let e = s
        .issue_avis(id, "2026-03-01T10:00:00Z")
        .expect_err("validated with a blocking remark");
    assert_eq!(e.code(), "invalid");
    assert!(e.to_string().contains("remarks[0].severity"), "{e}");
    s.update_avis(id, |a| {
        a.decision = fdr_core::review::Decision::ChangesRequested;
        Ok(())
    })
    .unwrap();
    let issued = s.issue_avis(id, "2026-03-01T10:00:00Z").expect("issues");
    let bytes = issued.bytes.clone().unwrap();
    assert_eq!(
        fdr_format::review::decode_avis(&bytes, fdr_core::catalogue::Catalogue::builtin()).unwrap(),
        issued.avis,
        "the issued file reads back as the avis"
    );
    assert_eq!(
        s.update_avis(id, |_| Ok(())).unwrap_err().code(),
        "avis_issued",
        "immutable"
    );
    assert_eq!(s.delete_avis_draft(id).unwrap_err().code(), "avis_issued");
    assert_eq!(s.version(EXAMPLE_ID).unwrap(), version, "the roadmap is untouched");
    let validated = s
        .validate_roadmap(
            "4a1c2b63-5d7e-4f90-8b1c-2d3e4f5a6b7c",
            EXAMPLE_ID,
            &reviewer(),
            "",
            "2026-03-02T10:00:00Z",
        )
        .expect("« émettre un avis : validée »");
    assert_eq!(validated.avis.decision, fdr_core::review::Decision::Validated);
    assert!(!edited(&s, EXAMPLE_ID), "a validation never touches the roadmap");
    assert_eq!(s.avis_of(EXAMPLE_ID).unwrap().len(), 2);
}

/// The loop in one store pair: the author answers the avis it received,
/// the answers travel with the next revision, and the secretariat's copy
/// takes both in one transaction.
#[test]
fn answers_are_edits_exported_with_the_next_revision_and_imported_with_it() {
    // The animator's copy: authored roadmap (the example taken over), avis received.
    let mut a = store();
    a.import(EXAMPLE, None).unwrap();
    a.adopt(EXAMPLE_ID).unwrap();
    a.receive(AVIS, None, None).unwrap();
    let v = a.version(EXAMPLE_ID).unwrap();
    use fdr_core::review::AnswerState;
    let e = a
        .answer(EXAMPLE_ID, AVIS_ID, "R3", Some((AnswerState::Declined, "  ")))
        .expect_err("declined needs a reason");
    assert_eq!(e.code(), "invalid_input");
    a.answer(
        fdr_store::At::version(EXAMPLE_ID, v),
        AVIS_ID,
        "R1",
        Some((AnswerState::Addressed, "FSE confirmé")),
    )
    .unwrap();
    assert!(edited(&a, EXAMPLE_ID), "an answer is exported with the next revision");
    a.answer(
        EXAMPLE_ID,
        AVIS_ID,
        "R3",
        Some((AnswerState::Declined, "Pas encore connu")),
    )
    .unwrap();
    assert_eq!(
        a.answer(EXAMPLE_ID, AVIS_ID, "R9", Some((AnswerState::Addressed, "")))
            .unwrap_err()
            .code(),
        "not_found",
        "a remark the avis does not hold"
    );
    let exported = a.export_json(EXAMPLE_ID, "2026-04-01T00:00:00Z").unwrap();
    assert_eq!(exported.revision, 4);
    let reponses = exported.reponses.clone().expect("answers travel with the revision");
    let r = fdr_format::review::decode_reponses(&reponses).unwrap();
    assert_eq!((r.roadmap.revision, r.answers.len()), (4, 2));
    assert_eq!(
        r.answers.iter().map(|x| x.remark.as_str()).collect::<Vec<_>>(),
        ["R1", "R3"],
        "in the avis' order"
    );
    let again = a.export_json(EXAMPLE_ID, "2026-05-01T00:00:00Z").unwrap();
    assert_eq!(
        again.reponses, exported.reponses,
        "an unedited export gives the same answers"
    );

    // The secretariat's copy: holds r3 and the avis; takes r4 with its answers.
    let mut s = store();
    s.import(EXAMPLE, None).unwrap();
    s.receive(AVIS, None, None).unwrap();
    let received = s
        .receive(&exported.bytes, Some("r4.fdr.json"), Some(&reponses))
        .unwrap();
    assert_eq!(received.roadmaps[0].outcome, ImportOutcome::Updated { previous: 3 });
    let answers = received.answers.expect("the answers came too");
    assert_eq!((answers.answers, answers.warnings.len()), (2, 0));
    let held = s.answers(EXAMPLE_ID).unwrap();
    assert_eq!(held.len(), 2);
    assert_eq!(held[0].revision, Some(4));
    // A mismatched companion refuses the file, nothing changed.
    let mut t = store();
    t.import(EXAMPLE, None).unwrap();
    let before = dump(t.connection());
    let e = t
        .receive(&exported.bytes, None, Some(REPONSES.replace_revision(5).as_slice()))
        .unwrap_err();
    assert!(e.to_string().contains("roadmap"), "{e}");
    assert_eq!(dump(t.connection()), before);
}

/// Answers about an avis this copy does not hold are kept and said so.
#[test]
fn answers_to_an_unknown_avis_are_kept_with_a_warning() {
    let mut s = store();
    s.import(EXAMPLE, None).unwrap();
    let mut r4 = example();
    r4["revision"] = json!(4);
    let r4 = pretty(&r4);
    let received = s
        .receive(&r4, None, Some(REPONSES))
        .expect("the roadmap is never refused for it");
    let a = received.answers.unwrap();
    assert_eq!(
        a.warnings.len(),
        3,
        "each answer is about an avis this copy lacks: {:?}",
        a.warnings
    );
    assert!(a.warnings[0].contains("conservée"), "{}", a.warnings[0]);
    assert_eq!(s.answers(EXAMPLE_ID).unwrap().len(), 3, "kept");
}

trait ReplaceRevision {
    fn replace_revision(&self, revision: i64) -> Vec<u8>;
}

impl ReplaceRevision for &[u8] {
    fn replace_revision(&self, revision: i64) -> Vec<u8> {
        let mut v: Value = serde_json::from_slice(self).unwrap();
        v["roadmap"]["revision"] = json!(revision);
        pretty(&v)
    }
}
