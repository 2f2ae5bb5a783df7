//! The local store of *Feuilles de route*: one SQLite file holding every
//! roadmap, its edits and its received or sent revisions.
//!
//! Guarantees:
//! - every connection runs in WAL mode with `synchronous=FULL` and foreign
//!   keys on ([`schema::configure`]);
//! - every edit is one IMMEDIATE transaction, and a method returns `Ok` only
//!   after COMMIT has returned: what the caller shows as saved is on disk;
//! - an import is one transaction: a refused file changes nothing;
//! - a store written by a newer version, or a file that is not ours, is
//!   refused and left untouched ([`schema::check_existing`]).
//!
//! Layout: [`schema`] (tables, migrations), `read` (loading a roadmap),
//! `edit` (the editing operations the desktop app uses), `exchange`
//! (import and export of the format). Extending it: a new editable field is
//! a migration, a column read by name in the `from_row` of its struct, and
//! an operation in `edit` built on [`Store::edit`].

pub mod backup;
mod edit;
pub mod error;
mod exchange;
pub mod location;
mod read;
mod review;
pub mod schema;

pub use edit::{ActionFields, DeleteMode, Header, IndicatorFields};
pub use error::{Result, StoreError};
pub use exchange::{Exported, ImportOutcome, ImportReport, Published, PublishedSet, RevisionEntry};
pub use read::RoadmapSummary;
pub use review::{AnswersReport, AvisOutcome, AvisReport, AvisState, HeldAnswer, Received, StoredAvis};

use rusqlite::{Connection, Transaction, TransactionBehavior};
use std::path::Path;
use std::sync::Arc;

/// Where the time of day comes from: passed in, so tests fix it.
pub type Clock = Arc<dyn Fn() -> String + Send + Sync>;

/// The computer's clock, as an RFC 3339 UTC timestamp to the second.
pub fn system_clock() -> Clock {
    Arc::new(|| fdr_core::calendar::utc_timestamp(chrono::Utc::now().timestamp()))
}

/// Where the CLI and the desktop app keep their store unless told
/// otherwise (`--db`, `FDR_DB`): the user's local, non-roaming data folder,
/// e.g. `~/.local/share/fr.feuillesderoute.desktop/feuilles-de-route.sqlite`
/// on Linux, `%LOCALAPPDATA%\fr.feuillesderoute.desktop\…` on Windows
/// (see [`location`]; [`location::resolve_default`] also moves a store
/// from where earlier versions kept it).
pub fn default_path() -> std::path::PathBuf {
    location::default_path_in(&dirs::data_local_dir().unwrap_or_else(|| std::path::PathBuf::from(".")))
}

/// A clock that always says the same time (tests, benchmarks).
pub fn fixed_clock(timestamp: &str) -> Clock {
    let t = timestamp.to_string();
    Arc::new(move || t.clone())
}

/// The store. It owns one connection, the only writer of this process;
/// other processes wait on SQLite's lock (busy timeout 5 s).
pub struct Store {
    conn: Connection,
    clock: Clock,
    /// The roadmap and version the last committed edit left.
    committed: Option<(String, i64)>,
}

/// The roadmap an edit is for, and the version the caller's view of it was
/// built from: an edit on a roadmap whose version has moved since is
/// refused ([`StoreError::Stale`]) and nothing is written. Without a
/// version (`"id".into()`: the CLI, tests) the edit is not checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct At<'a> {
    /// Roadmap id.
    pub id: &'a str,
    /// The version the edit was built on.
    pub version: Option<i64>,
}

impl<'a> At<'a> {
    /// Roadmap `id` as seen at `version`.
    pub fn version(id: &'a str, version: i64) -> Self {
        Self {
            id,
            version: Some(version),
        }
    }
}

impl<'a> From<&'a str> for At<'a> {
    fn from(id: &'a str) -> Self {
        Self { id, version: None }
    }
}

impl<'a> From<&'a String> for At<'a> {
    fn from(id: &'a String) -> Self {
        Self { id, version: None }
    }
}

/// Inside an edit's transaction: the roadmap exists, this copy is its
/// author, and its version is the one the caller saw; returns the version.
pub(crate) fn guard(tx: &Transaction, at: At<'_>) -> Result<i64> {
    use rusqlite::OptionalExtension;
    let row: Option<(i64, bool)> = tx
        .query_row("SELECT version, authored FROM roadmap WHERE id = ?1", [at.id], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    let Some((version, authored)) = row else {
        return Err(StoreError::RoadmapNotFound(at.id.to_string()));
    };
    if !authored {
        return Err(StoreError::NotAuthor(at.id.to_string()));
    }
    match at.version {
        Some(seen) if seen != version => Err(StoreError::Stale {
            id: at.id.to_string(),
            seen,
            current: version,
        }),
        _ => Ok(version),
    }
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("path", &self.conn.path())
            .finish_non_exhaustive()
    }
}

impl Store {
    /// Opens (creating if needed) the store at `path`, migrating it to the
    /// latest schema. A newer or foreign file is refused untouched; a
    /// damaged one (`quick_check`) too, with [`StoreError::Corrupt`]. An
    /// older schema is first backed up (`avant-migration`, verified) in
    /// [`backup::backups_dir`].
    pub fn open(path: &Path, clock: Clock) -> Result<Self> {
        Self::open_with(path, clock, None)
    }

    /// [`Store::open`] through the SQLite VFS registered as `vfs` (the
    /// tests' simulated disk, which loses unsynced writes or fails on
    /// demand); the checks of an existing file still read it directly.
    pub fn open_on_vfs(path: &Path, clock: Clock, vfs: &str) -> Result<Self> {
        Self::open_with(path, clock, Some(vfs))
    }

    fn open_with(path: &Path, clock: Clock, vfs: Option<&str>) -> Result<Self> {
        let version = if path.exists() {
            Some(schema::check_existing(path)?)
        } else {
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir)?;
            }
            None
        };
        let mut conn = match vfs {
            Some(vfs) => Connection::open_with_flags_and_vfs(path, rusqlite::OpenFlags::default(), vfs)?,
            None => Connection::open(path)?,
        };
        schema::configure(&conn)?;
        if version.is_some() {
            let check: String = conn.query_row("PRAGMA quick_check", [], |r| r.get(0))?;
            error::fail_on_io_error(&check)?;
            if check != "ok" {
                return Err(StoreError::Corrupt {
                    path: path.display().to_string(),
                    detail: check,
                });
            }
        }
        if let Some(v) = version.filter(|v| *v > 0 && *v < schema::LATEST) {
            backup::take(
                &conn,
                &backup::backups_dir(path),
                &clock(),
                &format!("avant-migration-v{v}"),
            )?;
        }
        schema::migrate_to(&mut conn, schema::LATEST)?;
        Ok(Self {
            conn,
            clock,
            committed: None,
        })
    }

    /// A store in memory (tests).
    pub fn open_in_memory(clock: Clock) -> Result<Self> {
        let mut conn = Connection::open_in_memory()?;
        schema::configure(&conn)?;
        schema::migrate_to(&mut conn, schema::LATEST)?;
        Ok(Self {
            conn,
            clock,
            committed: None,
        })
    }

    /// The connection, for reading (tests, checks).
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    /// Now, from the clock passed in.
    pub fn now(&self) -> String {
        (self.clock)()
    }

    /// Runs `f` in one IMMEDIATE transaction and commits; nothing is kept if
    /// `f` fails.
    pub(crate) fn write<T>(&mut self, f: impl FnOnce(&Transaction) -> Result<T>) -> Result<T> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let out = f(&tx)?;
        tx.commit()?;
        Ok(out)
    }

    /// Runs one edit of a roadmap in one IMMEDIATE transaction: checks the
    /// roadmap exists, that this copy is its author ([`StoreError::NotAuthor`]
    /// otherwise) and, when the caller says which version its view was
    /// built from, that it is still the current one ([`StoreError::Stale`]);
    /// then runs `f`, bumps the version, marks the roadmap edited since its
    /// last export, and commits. `Ok` means COMMIT returned; the new
    /// version is then [`Store::committed_version`].
    pub(crate) fn edit<T>(&mut self, at: At<'_>, f: impl FnOnce(&Transaction) -> Result<T>) -> Result<T> {
        let now = self.now();
        let id = at.id;
        let (out, version) = self.write(|tx| {
            let version = guard(tx, at)?;
            tx.execute(
                "UPDATE roadmap SET edited = 1, updated_at = ?2, version = version + 1 WHERE id = ?1",
                rusqlite::params![id, now],
            )?;
            Ok((f(tx)?, version + 1))
        })?;
        self.committed = Some((id.to_string(), version));
        Ok(out)
    }

    /// The version the last committed edit of roadmap `id` left, if the
    /// last edit of this store was one of `id`.
    pub fn committed_version(&self, id: &str) -> Option<i64> {
        self.committed.as_ref().filter(|(i, _)| i == id).map(|(_, v)| *v)
    }

    /// A roadmap's current version (bumped by every committed change of its content).
    pub fn version(&self, id: &str) -> Result<i64> {
        use rusqlite::OptionalExtension;
        self.conn
            .query_row("SELECT version FROM roadmap WHERE id = ?1", [id], |r| r.get(0))
            .optional()?
            .ok_or_else(|| StoreError::RoadmapNotFound(id.to_string()))
    }

    /// A setting of this copy (its role, the theme it writes…), if set.
    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        use rusqlite::OptionalExtension;
        Ok(self
            .conn
            .query_row("SELECT value FROM setting WHERE key = ?1", [key], |r| r.get(0))
            .optional()?)
    }

    /// Sets (or, with `None`, removes) a setting of this copy, in one transaction.
    pub fn set_setting(&mut self, key: &str, value: Option<&str>) -> Result<()> {
        self.write(|tx| {
            match value {
                Some(v) => tx.execute(
                    "INSERT INTO setting (key, value) VALUES (?1, ?2)
                     ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    rusqlite::params![key, v],
                )?,
                None => tx.execute("DELETE FROM setting WHERE key = ?1", [key])?,
            };
            Ok(())
        })
    }

    /// `PRAGMA integrity_check`: `["ok"]` when the file is sound.
    pub fn integrity_check(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        let mut out: Vec<String> = rows.collect::<rusqlite::Result<_>>()?;
        let mut fk = self.conn.prepare("PRAGMA foreign_key_check")?;
        let violations = fk.query_map([], |r| {
            Ok(format!("clé étrangère rompue dans la table {}", r.get::<_, String>(0)?))
        })?;
        for v in violations {
            out.retain(|l| l != "ok");
            out.push(v?);
        }
        Ok(out)
    }
}
