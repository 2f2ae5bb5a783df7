//! What the shell tells the page without being asked: a menu action, or
//! the results of files opened from the command line, « Ouvrir avec », a
//! second launch or *Fichier → Importer*. The page subscribes once with a
//! channel (the `app_events` command); until it has, or while it reloads,
//! events wait in the [`Outbox`], so none is lost.
//!
//! Adding an event: a variant of [`AppEvent`] and its case in
//! `ui/src/menu.ts`.

use crate::menu::PageAction;
use fdr_session::FileImport;
use serde::Serialize;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use tauri::ipc::Channel;

/// An event for the page.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum AppEvent {
    /// A menu item the page carries out.
    Menu { action: PageAction },
    /// Files imported as a drop on the window would be, with each result.
    Opened { files: Vec<FileImport> },
}

/// The page's channel, and what waits for it.
#[derive(Default)]
pub struct Outbox {
    inner: Mutex<(Option<Channel<AppEvent>>, Vec<AppEvent>)>,
}

impl Outbox {
    /// Sends to the page, or keeps the event until it subscribes.
    pub fn deliver(&self, event: AppEvent) {
        let Ok(mut inner) = self.inner.lock() else { return };
        let sent = inner.0.as_ref().is_some_and(|c| c.send(event.clone()).is_ok());
        if !sent {
            inner.1.push(event);
        }
    }

    /// The page's (new) channel: what waited is sent on it first.
    pub fn subscribe(&self, channel: Channel<AppEvent>) {
        let Ok(mut inner) = self.inner.lock() else { return };
        let waiting = std::mem::take(&mut inner.1);
        for (i, event) in waiting.iter().enumerate() {
            if channel.send(event.clone()).is_err() {
                inner.1.extend(waiting[i..].iter().cloned());
                break;
            }
        }
        inner.0 = Some(channel);
    }
}

/// The files named on a command line (`argv` without the program): paths
/// to existing files, relative ones taken from `cwd`. Options (`-…`), the
/// store named by `--db PATH`, and anything else are ignored.
pub fn files_in_args(args: impl IntoIterator<Item = OsString>, cwd: &Path) -> Vec<PathBuf> {
    let mut after_db = false;
    args.into_iter()
        .filter(|a| {
            let skip = after_db || a.to_string_lossy().starts_with('-');
            after_db = a == "--db";
            !skip
        })
        .map(|a| {
            let p = PathBuf::from(a);
            if p.is_absolute() {
                p
            } else {
                cwd.join(p)
            }
        })
        .filter(|p| p.is_file())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_existing_files_are_taken_from_a_command_line() {
        let dir = tempfile::tempdir().unwrap();
        let named = dir.path().join("thème 9 (reçu).pdf");
        std::fs::write(&named, b"%PDF").unwrap();
        std::fs::create_dir(dir.path().join("un dossier")).unwrap();
        let args = [
            "--automation",
            "thème 9 (reçu).pdf",
            "absent.json",
            "un dossier",
            "--db",
            "thème 9 (reçu).pdf",
        ]
        .map(OsString::from);
        assert_eq!(
            files_in_args(args, dir.path()),
            vec![named.clone()],
            "a relative name is found from the second launch's folder; options, missing files and folders are not files"
        );
        assert_eq!(
            files_in_args([named.clone().into_os_string()], Path::new("/ailleurs")),
            vec![named],
            "an absolute path stays as it is"
        );
    }
}
