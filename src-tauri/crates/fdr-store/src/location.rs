//! Where the store lives when neither `--db` nor `FDR_DB` says, and the
//! one-time move from where earlier versions kept it.
//!
//! The store is in the user's *local*, non-roaming data folder, in a folder
//! named after the desktop app's Tauri identifier ([`APP_IDENTIFIER`]):
//! `%LOCALAPPDATA%\fr.feuillesderoute.desktop\` on Windows (a roaming
//! profile is synchronised to a network share, where SQLite's WAL does not
//! work), `~/.local/share/fr.feuillesderoute.desktop/` on Linux,
//! `~/Library/Application Support/fr.feuillesderoute.desktop/` on macOS.
//!
//! Earlier versions used the roaming data folder and another name
//! (`fr.feuillesderoute.app`). [`resolve_default`] moves such a store on
//! first start: a verified backup of it is taken first (in the new
//! location's `sauvegardes/`), its older backups are copied along, the
//! copy is verified before it takes its place, and the old file is only
//! renamed (`….sqlite.deplacee`), never deleted. If anything fails the old
//! store is used where it is, as before, and the note says why.
//!
//! Extending it: another former location is one more entry of
//! [`legacy_paths`].

use crate::backup;
use crate::error::Result;
use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};

/// The desktop app's Tauri identifier (`tauri.conf.json`), which names the
/// data folder (a test checks they agree).
pub const APP_IDENTIFIER: &str = "fr.feuillesderoute.desktop";

/// The store's file name.
pub const STORE_FILE: &str = "feuilles-de-route.sqlite";

/// The folder name earlier versions used, in the roaming data folder.
const LEGACY_FOLDER: &str = "fr.feuillesderoute.app";

/// The suffix given to a store once moved.
const MOVED_SUFFIX: &str = "deplacee";

/// The default store under a local data folder (`dirs::data_local_dir()`).
pub fn default_path_in(data_local_dir: &Path) -> PathBuf {
    data_local_dir.join(APP_IDENTIFIER).join(STORE_FILE)
}

/// Where earlier versions kept the store, under the roaming data folder
/// (`dirs::data_dir()`).
pub fn legacy_paths(data_dir: &Path) -> Vec<PathBuf> {
    vec![data_dir.join(LEGACY_FOLDER).join(STORE_FILE)]
}

/// What [`resolve_default`] decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    /// The store to open.
    pub path: PathBuf,
    /// What was done or could not be done, in French, for the user and the
    /// log (none when nothing happened).
    pub note: Option<String>,
}

/// The default store of this user, moving a store found at a former
/// location first (see the module doc). `now` (RFC 3339) names the backup.
pub fn resolve_default(now: &str) -> Resolved {
    let local = dirs::data_local_dir().unwrap_or_else(|| PathBuf::from("."));
    let roaming = dirs::data_dir().unwrap_or_else(|| local.clone());
    resolve(&default_path_in(&local), &legacy_paths(&roaming), now)
}

/// [`resolve_default`] with the folders given (tests).
pub fn resolve(target: &Path, legacy: &[PathBuf], now: &str) -> Resolved {
    let unchanged = |note: Option<String>| Resolved {
        path: target.to_path_buf(),
        note,
    };
    if target.exists() {
        return unchanged(None);
    }
    let Some(old) = legacy.iter().find(|p| p.as_path() != target && p.is_file()) else {
        return unchanged(None);
    };
    match move_store(old, target, now) {
        Ok(()) => unchanged(Some(format!(
            "La base a été déplacée de « {} » vers « {} » (dossier local, non itinérant) ; \
             une sauvegarde vérifiée a été faite avant, et l’ancien fichier est gardé sous le nom « {} ».",
            old.display(),
            target.display(),
            moved_name(old).display()
        ))),
        Err(e) => Resolved {
            path: old.clone(),
            note: Some(format!(
                "La base « {} » n’a pas pu être déplacée vers « {} » : {e}. Elle est utilisée à son emplacement actuel.",
                old.display(),
                target.display()
            )),
        },
    }
}

/// `…/feuilles-de-route.sqlite` → `…/feuilles-de-route.sqlite.deplacee`.
fn moved_name(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".");
    name.push(MOVED_SUFFIX);
    PathBuf::from(name)
}

/// Moves the store at `old` to `target` (which does not exist): verifies
/// it, backs it up (verified) beside `target`, copies its backups, writes a
/// verified copy and puts it in place without overwriting anything, then
/// renames `old` aside.
fn move_store(old: &Path, target: &Path, now: &str) -> Result<()> {
    backup::verify(old)?;
    let dir = target
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let conn = Connection::open_with_flags(old, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
    let new_backups = backup::backups_dir(target);
    backup::take(&conn, &new_backups, now, "avant-deplacement")?;
    for earlier in backup::list(&backup::backups_dir(old))? {
        let from = Path::new(&earlier.path);
        if let Some(name) = from.file_name() {
            let to = new_backups.join(name);
            if !to.exists() {
                std::fs::copy(from, &to)?;
            }
        }
    }
    // The copy: consistent (a WAL in progress included), verified, then
    // linked into place, which fails rather than overwrite a store that
    // another process created meanwhile.
    let staged = dir.join(format!("{STORE_FILE}.deplacement-{}", std::process::id()));
    let _ = std::fs::remove_file(&staged);
    conn.execute("VACUUM INTO ?1", [staged.to_string_lossy().as_ref()])?;
    drop(conn);
    let placed = backup::verify(&staged).and_then(|()| place(&staged, target));
    let _ = std::fs::remove_file(&staged);
    placed?;
    // The old file is kept, renamed so that nothing opens a stale copy; a
    // failure here (the file held open elsewhere) loses nothing.
    let _ = std::fs::rename(old, moved_name(old));
    for suffix in ["-wal", "-shm"] {
        let mut side = old.as_os_str().to_owned();
        side.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(side));
    }
    Ok(())
}

/// Puts `staged` at `target` unless `target` exists.
fn place(staged: &Path, target: &Path) -> Result<()> {
    match std::fs::hard_link(staged, target) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(e.into()),
        // A file system without hard links: the same check, not atomic.
        Err(_) if !target.exists() => std::fs::copy(staged, target).map(|_| ()).map_err(Into::into),
        Err(e) => Err(e.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_folder_is_named_after_the_identifier() {
        assert_eq!(
            default_path_in(Path::new("/l")),
            Path::new("/l/fr.feuillesderoute.desktop/feuilles-de-route.sqlite")
        );
        assert_eq!(
            moved_name(Path::new("/r/x.sqlite")),
            Path::new("/r/x.sqlite.deplacee"),
            "the old file is renamed, not deleted"
        );
    }
}
