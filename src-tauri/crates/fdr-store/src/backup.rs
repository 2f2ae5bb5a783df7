//! Backups of the store: copies made with `VACUUM INTO`, each verified
//! (`integrity_check`, our application id) before it is kept, rotated, and
//! restorable with the current store kept aside first. Nothing here ever
//! deletes user data but older verified backups beyond [`KEEP`].
//!
//! Backups live in a `sauvegardes` folder beside the store, named
//! `feuilles-de-route-2026-11-30T09-06-03Z-quotidienne.sqlite` (no `:`, for
//! Windows). Extending it: a new reason is a new word in the name.

use crate::error::{Result, StoreError};
use crate::schema;
use crate::Store;
use rusqlite::{Connection, OpenFlags};
use serde::Serialize;
use std::path::{Path, PathBuf};

/// Verified backups kept per store.
pub const KEEP: usize = 10;

const PREFIX: &str = "feuilles-de-route-";

/// One backup on disk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BackupEntry {
    /// Where it is.
    pub path: String,
    /// When it was taken (RFC 3339, from its name).
    pub taken_at: String,
    /// Why: `quotidienne`, `avant-migration`, `manuelle`, `avant-restauration`.
    pub reason: String,
    /// Size in bytes.
    pub size: u64,
}

/// The backup folder of a store.
pub fn backups_dir(store_path: &Path) -> PathBuf {
    store_path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .join("sauvegardes")
}

/// `2026-11-30T09:06:03Z` → `2026-11-30T09-06-03Z`.
fn stamp(rfc3339: &str) -> String {
    rfc3339.replace(':', "-")
}

/// Reads a backup file name back: (taken_at, reason).
fn parse_name(name: &str) -> Option<(String, String)> {
    let rest = name.strip_prefix(PREFIX)?.strip_suffix(".sqlite")?;
    // 2026-11-30T09-06-03Z is 20 characters.
    let (ts, reason) = (rest.get(..20)?, rest.get(21..)?);
    let b = ts.as_bytes();
    if b.len() != 20 || b[10] != b'T' || b[19] != b'Z' {
        return None;
    }
    let taken_at = format!("{}T{}:{}:{}Z", &ts[..10], &ts[11..13], &ts[14..16], &ts[17..19]);
    Some((taken_at, reason.to_string()))
}

/// Checks a store file without writing to it: a database of ours, whole.
pub fn verify(path: &Path) -> Result<()> {
    schema::check_existing(path)?;
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
    let result: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
    crate::error::fail_on_io_error(&result)?;
    if result != "ok" {
        return Err(StoreError::Corrupt {
            path: path.display().to_string(),
            detail: result,
        });
    }
    Ok(())
}

/// The verified-looking backups of a folder (by name), newest first.
pub fn list(dir: &Path) -> Result<Vec<BackupEntry>> {
    let mut out = Vec::new();
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(out),
        Err(e) => return Err(e.into()),
    };
    for entry in entries {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if let Some((taken_at, reason)) = parse_name(&name) {
            out.push(BackupEntry {
                path: entry.path().display().to_string(),
                taken_at,
                reason,
                size: entry.metadata()?.len(),
            });
        }
    }
    out.sort_by(|a, b| b.taken_at.cmp(&a.taken_at).then(b.path.cmp(&a.path)));
    Ok(out)
}

/// Copies a consistent snapshot of `conn`'s database into `dir`, verifies
/// it, and keeps the [`KEEP`] newest. Returns the new file.
pub(crate) fn take(conn: &Connection, dir: &Path, now: &str, reason: &str) -> Result<PathBuf> {
    std::fs::create_dir_all(dir)?;
    let mut target = dir.join(format!("{PREFIX}{}-{reason}.sqlite", stamp(now)));
    let mut n = 2;
    while target.exists() {
        target = dir.join(format!("{PREFIX}{}-{reason}-{n}.sqlite", stamp(now)));
        n += 1;
    }
    let partial = target.with_extension("partiel");
    let _ = std::fs::remove_file(&partial);
    conn.execute("VACUUM INTO ?1", [partial.to_string_lossy().as_ref()])?;
    if let Err(e) = verify(&partial) {
        let _ = std::fs::remove_file(&partial);
        return Err(e);
    }
    std::fs::rename(&partial, &target)?;
    for old in list(dir)?.into_iter().skip(KEEP) {
        let _ = std::fs::remove_file(&old.path);
    }
    Ok(target)
}

impl Store {
    /// Takes a verified backup into `dir` (see [`take`]).
    pub fn backup(&self, dir: &Path, reason: &str) -> Result<PathBuf> {
        take(&self.conn, dir, &self.now(), reason)
    }

    /// Takes the day's backup if the newest one is from an earlier day.
    /// Returns it, or `None` when today's exists already.
    pub fn daily_backup(&self, dir: &Path) -> Result<Option<PathBuf>> {
        daily(&self.conn, dir, &self.now())
    }
}

/// The day's backup through `conn`, unless the newest in `dir` is from today.
fn daily(conn: &Connection, dir: &Path, now: &str) -> Result<Option<PathBuf>> {
    let today = now.get(..10).unwrap_or_default();
    if list(dir)?.first().is_some_and(|b| b.taken_at.starts_with(today)) {
        return Ok(None);
    }
    take(conn, dir, now, "quotidienne").map(Some)
}

/// [`Store::daily_backup`] of the store file at `store_path` into its
/// [`backups_dir`], through a read-only connection of its own: it can run
/// on another thread while the store is open for writing (the desktop app
/// takes it once its window is usable). The copy is a consistent snapshot
/// and is verified like every backup.
pub fn daily_backup_of(store_path: &Path, now: &str) -> Result<Option<PathBuf>> {
    schema::check_existing(store_path)?;
    let conn = Connection::open_with_flags(store_path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    daily(&conn, &backups_dir(store_path), now)
}

/// Replaces the store at `store_path` by a verified backup. The current
/// file (if any) is first copied aside, as a backup named
/// `avant-restauration`; the store must not be open. Returns that copy.
pub fn restore(store_path: &Path, backup: &Path, now: &str) -> Result<Option<PathBuf>> {
    verify(backup)?;
    let dir = backups_dir(store_path);
    std::fs::create_dir_all(&dir)?;
    let aside = if store_path.exists() {
        // A copy through SQLite, so a WAL in progress is included.
        let conn = Connection::open_with_flags(store_path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        let target = dir.join(format!("{PREFIX}{}-avant-restauration.sqlite", stamp(now)));
        conn.execute("VACUUM INTO ?1", [target.to_string_lossy().as_ref()])
            .or_else(|_| std::fs::copy(store_path, &target).map(|_| 0))?;
        Some(target)
    } else {
        None
    };
    let staged = store_path.with_extension("restauration");
    std::fs::copy(backup, &staged)?;
    for suffix in ["-wal", "-shm"] {
        let mut side = store_path.as_os_str().to_owned();
        side.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(side));
    }
    std::fs::rename(&staged, store_path)?;
    Ok(aside)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_read_back() {
        assert_eq!(
            parse_name("feuilles-de-route-2026-11-30T09-06-03Z-quotidienne.sqlite"),
            Some(("2026-11-30T09:06:03Z".into(), "quotidienne".into()))
        );
        assert_eq!(
            parse_name("feuilles-de-route-2026-11-30T09-06-03Z.sqlite"),
            None,
            "a reason is required"
        );
        assert_eq!(parse_name("autre.sqlite"), None);
        assert_eq!(
            stamp("2026-11-30T09:06:03Z"),
            "2026-11-30T09-06-03Z",
            "no colon: Windows names"
        );
    }
}
