//! The schema and its numbered migrations, tracked in `PRAGMA user_version`.
//!
//! Adding a migration: append a function to [`MIGRATIONS`] (never edit a
//! released one), keep [`fresh_schema`] in step only through the list itself,
//! and add a fixture of the previous version to the migration tests so that
//! "upgraded equals fresh" is checked from every released version.
//!
//! All pending migrations run in one IMMEDIATE transaction, with the version
//! bump: a failure leaves the store exactly as it was.

use crate::error::{Result, StoreError};
use fdr_core::catalogue::Catalogue;
use rusqlite::{params, Connection, OpenFlags, Transaction, TransactionBehavior};
use std::path::Path;

/// One migration: brings the schema from version `n - 1` to `n`.
pub type Migration = fn(&Transaction) -> rusqlite::Result<()>;

/// Every migration, in order; version `n` is `MIGRATIONS[n - 1]`.
pub const MIGRATIONS: &[Migration] = &[v1_initial, v2_review];

/// The schema version this build writes.
pub const LATEST: i64 = MIGRATIONS.len() as i64;

/// `PRAGMA application_id` of our stores ("FDR1"), so that another
/// program's SQLite file is told apart from ours whatever its version.
pub const APPLICATION_ID: i32 = 0x4644_5231;

const V1: &str = r#"
CREATE TABLE region (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    period_start INTEGER NOT NULL,
    period_end INTEGER NOT NULL
);
CREATE TABLE theme (
    number INTEGER PRIMARY KEY,
    title TEXT NOT NULL
);
CREATE TABLE departement (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    position INTEGER NOT NULL
);
CREATE TABLE roadmap (
    id TEXT PRIMARY KEY,
    revision INTEGER NOT NULL,
    exported_at TEXT,
    edited INTEGER NOT NULL,
    region_code TEXT NOT NULL,
    region_name TEXT NOT NULL,
    period_start INTEGER NOT NULL,
    period_end INTEGER NOT NULL,
    theme_number INTEGER NOT NULL,
    theme_title TEXT NOT NULL,
    status TEXT NOT NULL,
    diagnosis_text TEXT NOT NULL,
    participation_text TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX roadmap_theme ON roadmap(theme_number);
CREATE TABLE revision (
    roadmap_id TEXT NOT NULL REFERENCES roadmap(id) ON DELETE CASCADE,
    revision INTEGER NOT NULL,
    exported_at TEXT NOT NULL,
    origin TEXT NOT NULL CHECK (origin IN ('import', 'export')),
    source_name TEXT,
    recorded_at TEXT NOT NULL,
    json BLOB NOT NULL,
    PRIMARY KEY (roadmap_id, revision)
);
CREATE TABLE animator (
    pk INTEGER PRIMARY KEY,
    roadmap_id TEXT NOT NULL REFERENCES roadmap(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    organisation TEXT,
    role TEXT,
    email TEXT,
    phone TEXT
);
CREATE INDEX animator_order ON animator(roadmap_id, position);
CREATE TABLE key_figure (
    pk INTEGER PRIMARY KEY,
    roadmap_id TEXT NOT NULL REFERENCES roadmap(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    label TEXT NOT NULL,
    value TEXT NOT NULL,
    unit TEXT,
    year INTEGER,
    territory TEXT,
    source TEXT
);
CREATE INDEX key_figure_order ON key_figure(roadmap_id, position);
CREATE TABLE objective (
    pk INTEGER PRIMARY KEY,
    roadmap_id TEXT NOT NULL REFERENCES roadmap(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    code TEXT NOT NULL,
    priority INTEGER NOT NULL,
    title TEXT NOT NULL,
    text TEXT,
    territories TEXT,
    UNIQUE (roadmap_id, code)
);
CREATE INDEX objective_order ON objective(roadmap_id, position);
CREATE TABLE action (
    pk INTEGER PRIMARY KEY,
    roadmap_id TEXT NOT NULL REFERENCES roadmap(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    code TEXT NOT NULL,
    title TEXT NOT NULL,
    text TEXT,
    lead TEXT,
    partners TEXT,
    territories TEXT,
    start_date TEXT,
    end_date TEXT,
    status TEXT NOT NULL,
    fte TEXT,
    UNIQUE (roadmap_id, code)
);
CREATE INDEX action_order ON action(roadmap_id, position);
CREATE TABLE action_objective (
    action_pk INTEGER NOT NULL REFERENCES action(pk) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    objective_pk INTEGER NOT NULL REFERENCES objective(pk) ON DELETE CASCADE
);
CREATE INDEX action_objective_order ON action_objective(action_pk, position);
CREATE INDEX action_objective_target ON action_objective(objective_pk);
CREATE TABLE funding (
    pk INTEGER PRIMARY KEY,
    action_pk INTEGER NOT NULL REFERENCES action(pk) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    funder TEXT NOT NULL,
    year INTEGER NOT NULL,
    amount_cents INTEGER NOT NULL
);
CREATE INDEX funding_order ON funding(action_pk, position);
CREATE TABLE indicator (
    pk INTEGER PRIMARY KEY,
    roadmap_id TEXT NOT NULL REFERENCES roadmap(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    code TEXT NOT NULL,
    objectives_present INTEGER NOT NULL,
    actions_present INTEGER NOT NULL,
    measurements_present INTEGER NOT NULL,
    name TEXT NOT NULL,
    definition TEXT,
    unit TEXT NOT NULL,
    direction TEXT NOT NULL,
    baseline_value TEXT,
    baseline_date TEXT,
    baseline_comment TEXT,
    target_value TEXT,
    target_date TEXT,
    target_comment TEXT,
    source TEXT,
    frequency TEXT,
    UNIQUE (roadmap_id, code)
);
CREATE INDEX indicator_order ON indicator(roadmap_id, position);
CREATE TABLE indicator_objective (
    indicator_pk INTEGER NOT NULL REFERENCES indicator(pk) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    objective_pk INTEGER NOT NULL REFERENCES objective(pk) ON DELETE CASCADE
);
CREATE INDEX indicator_objective_order ON indicator_objective(indicator_pk, position);
CREATE INDEX indicator_objective_target ON indicator_objective(objective_pk);
CREATE TABLE indicator_action (
    indicator_pk INTEGER NOT NULL REFERENCES indicator(pk) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    action_pk INTEGER NOT NULL REFERENCES action(pk) ON DELETE CASCADE
);
CREATE INDEX indicator_action_order ON indicator_action(indicator_pk, position);
CREATE INDEX indicator_action_target ON indicator_action(action_pk);
CREATE TABLE measurement (
    pk INTEGER PRIMARY KEY,
    indicator_pk INTEGER NOT NULL REFERENCES indicator(pk) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    value TEXT NOT NULL,
    date TEXT NOT NULL,
    comment TEXT
);
CREATE INDEX measurement_order ON measurement(indicator_pk, position);
CREATE TABLE practice (
    pk INTEGER PRIMARY KEY,
    roadmap_id TEXT NOT NULL REFERENCES roadmap(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    stage TEXT NOT NULL,
    method TEXT NOT NULL,
    description TEXT NOT NULL,
    participants INTEGER,
    date TEXT
);
CREATE INDEX practice_order ON practice(roadmap_id, position);
"#;

/// Version 1: the whole format, the revision history, and the reference
/// data seeded from `assets/themes.json`.
fn v1_initial(tx: &Transaction) -> rusqlite::Result<()> {
    tx.execute_batch(V1)?;
    tx.pragma_update(None, "application_id", APPLICATION_ID)?;
    let c = Catalogue::builtin();
    tx.execute(
        "INSERT INTO region (id, code, name, period_start, period_end) VALUES (1, ?1, ?2, ?3, ?4)",
        params![c.region.code, c.region.name, c.period.start, c.period.end],
    )?;
    for t in &c.themes {
        tx.execute(
            "INSERT INTO theme (number, title) VALUES (?1, ?2)",
            params![t.number, t.title],
        )?;
    }
    for (i, d) in c.departements.iter().enumerate() {
        tx.execute(
            "INSERT INTO departement (code, name, position) VALUES (?1, ?2, ?3)",
            params![d.code, d.name, i as i64],
        )?;
    }
    Ok(())
}

const V2: &str = r#"
ALTER TABLE roadmap ADD COLUMN authored INTEGER NOT NULL DEFAULT 1;
ALTER TABLE roadmap ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE revision ADD COLUMN reponses BLOB;
CREATE TABLE setting (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE avis (
    id TEXT PRIMARY KEY,
    roadmap_id TEXT NOT NULL REFERENCES roadmap(id) ON DELETE CASCADE,
    revision INTEGER NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('draft', 'issued', 'received')),
    issued_at TEXT,
    json BLOB NOT NULL,
    source_name TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX avis_roadmap ON avis(roadmap_id);
CREATE TABLE answer (
    roadmap_id TEXT NOT NULL REFERENCES roadmap(id) ON DELETE CASCADE,
    avis_id TEXT NOT NULL,
    remark_id TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('addressed', 'declined')),
    text TEXT NOT NULL,
    answered_at TEXT NOT NULL,
    PRIMARY KEY (roadmap_id, avis_id, remark_id)
);
"#;

/// Version 2: the review exchange and versioned edits.
/// - `roadmap.authored`: this copy is the roadmap's author (1) or received
///   it (0). A roadmap ever exported from this copy, or never exported nor
///   received (a draft made here), is authored; one only imported is
///   received. A received roadmap is read-only, so local edits on one (the
///   secretariat's old *Valider*, stored as an edit) are dropped: its content
///   is put back as its current revision's file holds it.
/// - `roadmap.version`: bumped by every committed change of its content.
/// - `revision.reponses`: the exact `reponses.json` that travelled with a revision.
/// - `setting`: the copy's settings (its role…); `avis` (drafts, issued and
///   received, as their JSON); `answer`: the author's answers to remarks.
fn v2_review(tx: &Transaction) -> rusqlite::Result<()> {
    tx.execute_batch(V2)?;
    tx.execute_batch(
        "UPDATE roadmap SET authored = CASE
            WHEN EXISTS (SELECT 1 FROM revision v WHERE v.roadmap_id = roadmap.id AND v.origin = 'export') THEN 1
            WHEN EXISTS (SELECT 1 FROM revision v WHERE v.roadmap_id = roadmap.id) THEN 0
            ELSE 1 END;",
    )?;
    let edited_received: Vec<(String, Vec<u8>, String)> = {
        let mut stmt = tx.prepare(
            "SELECT r.id, v.json, v.exported_at FROM roadmap r JOIN revision v
             ON v.roadmap_id = r.id AND v.revision = r.revision WHERE r.authored = 0 AND r.edited = 1",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    for (id, json, exported_at) in edited_received {
        let decoded = fdr_format::decode(&json, Catalogue::builtin())
            .map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?;
        let failed = |e: StoreError| rusqlite::Error::ToSqlConversionFailure(Box::new(e));
        let updated_at: String = tx.query_row("SELECT updated_at FROM roadmap WHERE id = ?1", [&id], |r| r.get(0))?;
        crate::exchange::delete_children(tx, &id).map_err(failed)?;
        crate::exchange::update_head(tx, &decoded.roadmap, &updated_at).map_err(failed)?;
        crate::exchange::insert_children(tx, &decoded.roadmap).map_err(failed)?;
        tx.execute(
            "UPDATE roadmap SET edited = 0, exported_at = ?2 WHERE id = ?1",
            params![id, exported_at],
        )?;
    }
    Ok(())
}

/// Sets the pragmas every connection needs: WAL, `synchronous=FULL` (a
/// COMMIT returns only once the WAL is on disk), foreign keys, and a busy
/// timeout so that a second process waits instead of failing.
pub fn configure(conn: &Connection) -> Result<()> {
    let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") && !mode.eq_ignore_ascii_case("memory") {
        return Err(StoreError::Sqlite(rusqlite::Error::InvalidQuery));
    }
    conn.execute_batch("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;")?;
    #[cfg(target_os = "macos")]
    conn.execute_batch("PRAGMA fullfsync = ON; PRAGMA checkpoint_fullfsync = ON;")?;
    Ok(())
}

fn user_version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
}

/// An SQLite URI opening `path` with `immutable=1`: no lock taken, and no
/// `-wal` or `-shm` file created beside it (a plain read-only open of a
/// WAL-mode file creates both and leaves them behind).
fn immutable_uri(path: &Path) -> String {
    let bytes = path.as_os_str().as_encoded_bytes();
    let mut uri = String::from(if bytes.starts_with(b"/") { "file://" } else { "file:" });
    for &b in bytes {
        match b {
            b'\\' if cfg!(windows) => uri.push('/'),
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' | b':' => {
                uri.push(char::from(b))
            }
            _ => uri.push_str(&format!("%{b:02X}")),
        }
    }
    uri.push_str("?immutable=1");
    uri
}

/// Reads the schema version of an existing file without changing a byte of
/// it, refusing files that are not databases or come from a newer version.
pub fn check_existing(path: &Path) -> Result<i64> {
    let not_db = || StoreError::NotADatabase {
        path: path.display().to_string(),
    };
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    // With a WAL in progress its content counts, so read through it (its
    // companion files exist already); otherwise touch nothing at all.
    let conn = if Path::new(&wal).exists() {
        Connection::open_with_flags(path, flags)
    } else {
        Connection::open_with_flags(immutable_uri(path), flags | OpenFlags::SQLITE_OPEN_URI)
    }
    .map_err(|_| not_db())?;
    let version = user_version(&conn).map_err(|e| match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase) => not_db(),
        _ => StoreError::Sqlite(e),
    })?;
    let application_id: i32 = conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .map_err(|_| not_db())?;
    if application_id != 0 && application_id != APPLICATION_ID {
        return Err(not_db());
    }
    if version > LATEST {
        return Err(StoreError::TooNew {
            found: version,
            supported: LATEST,
        });
    }
    if version > 0 && application_id != APPLICATION_ID {
        return Err(not_db());
    }
    if version > 0 {
        // A database of ours has our tables; anything else at version > 0 is foreign.
        let ours: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'roadmap'",
                [],
                |r| r.get(0),
            )
            .map_err(|_| not_db())?;
        if ours == 0 {
            return Err(not_db());
        }
    } else {
        let tables: i64 = conn
            .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
            .map_err(|_| not_db())?;
        if tables > 0 {
            return Err(not_db());
        }
    }
    Ok(version)
}

/// Applies every pending migration in one transaction, up to `target`.
pub fn migrate_to(conn: &mut Connection, target: i64) -> Result<()> {
    migrate_with(conn, MIGRATIONS, target)
}

/// [`migrate_to`] over a given list of migrations (tests inject a failing
/// step): all pending steps commit together, or none does.
pub fn migrate_with(conn: &mut Connection, migrations: &[Migration], target: i64) -> Result<()> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let version = user_version(&tx)?;
    let known = migrations.len() as i64;
    if version > known {
        return Err(StoreError::TooNew {
            found: version,
            supported: known,
        });
    }
    if version < target {
        for (i, migration) in migrations
            .iter()
            .enumerate()
            .take(target as usize)
            .skip(version as usize)
        {
            migration(&tx)?;
            tx.pragma_update(None, "user_version", i as i64 + 1)?;
        }
        tx.commit()?;
    }
    Ok(())
}

/// The schema as SQLite records it, for comparing two stores.
pub fn dump_schema(conn: &Connection) -> Result<Vec<(String, String, String)>> {
    let mut stmt = conn.prepare(
        "SELECT type, name, coalesce(sql, '') FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A fresh store's schema: every migration applied to an empty in-memory database.
pub fn fresh_schema() -> Result<Vec<(String, String, String)>> {
    let mut conn = Connection::open_in_memory()?;
    migrate_to(&mut conn, LATEST)?;
    dump_schema(&conn)
}
