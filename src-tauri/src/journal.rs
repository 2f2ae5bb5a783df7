//! The app's journal: the log files (`tauri-plugin-log`, in the app's log
//! folder, rotated), the crash reports a panic leaves there, and telling
//! the user about them on the next start.
//!
//! What is written: French messages of ours, file names, and paths with the
//! user's home shown as `~` ([`shown`]), so that no user name or roadmap
//! content reaches the log. Other crates' messages only from `warn` up.

use std::path::{Path, PathBuf};

/// Log files kept besides the current one.
const KEPT_LOGS: usize = 5;
/// Size at which the log file is rotated (bytes).
const MAX_LOG_BYTES: u128 = 1_000_000;
/// Crash reports kept.
const KEPT_CRASHES: usize = 5;
const CRASH_PREFIX: &str = "panique-";
const REPORTED: &str = ".signalee.txt";

/// The log plugin: one file `feuilles-de-route.log` in the app's log folder
/// (`%LOCALAPPDATA%\fr.feuillesderoute.desktop\logs` on Windows,
/// `~/.local/share/fr.feuillesderoute.desktop/logs` on Linux,
/// `~/Library/Logs/fr.feuillesderoute.desktop` on macOS).
pub fn plugin<R: tauri::Runtime>() -> tauri::plugin::TauriPlugin<R> {
    use tauri_plugin_log::{RotationStrategy, Target, TargetKind, TimezoneStrategy};
    tauri_plugin_log::Builder::new()
        .clear_targets()
        .target(Target::new(TargetKind::LogDir {
            file_name: Some("feuilles-de-route".into()),
        }))
        .rotation_strategy(RotationStrategy::KeepSome(KEPT_LOGS))
        .max_file_size(MAX_LOG_BYTES)
        .timezone_strategy(TimezoneStrategy::UseLocal)
        .level(log::LevelFilter::Warn)
        .level_for("feuilles_de_route_lib", log::LevelFilter::Info)
        .build()
}

/// A path as the log shows it: the user's home folder as `~`.
pub fn shown(path: &Path) -> String {
    match dirs::home_dir().and_then(|home| path.strip_prefix(home).ok().map(Path::to_path_buf)) {
        Some(rest) => Path::new("~").join(rest).display().to_string(),
        None => path.display().to_string(),
    }
}

/// Writes every panic, with its backtrace, to `panique-<date>.txt` in
/// `dir` (then Rust's own report runs as before).
pub fn install_panic_hook(dir: PathBuf) {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let now = (fdr_store::system_clock())();
        let report = format!(
            "Feuilles de route {} (commit {}, construite le {})\nArrêt inattendu le {now}\n\n{info}\n\nPile d’appels :\n{}\n",
            env!("CARGO_PKG_VERSION"),
            env!("FDR_COMMIT"),
            env!("FDR_BUILD_DATE"),
            std::backtrace::Backtrace::force_capture()
        );
        if std::fs::create_dir_all(&dir).is_ok() {
            let _ = std::fs::write(dir.join(format!("{CRASH_PREFIX}{}.txt", now.replace(':', "-"))), report);
        }
        log::error!("arrêt inattendu : {info}");
        previous(info);
    }));
}

/// The crash reports in `dir` not yet shown to the user, marked shown now
/// (renamed `….signalee.txt`), newest first; only the last
/// [`KEPT_CRASHES`] reports are kept.
pub fn unreported_crashes(dir: &Path) -> Vec<PathBuf> {
    let mut reports: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(CRASH_PREFIX) && n.ends_with(".txt"))
        })
        .collect();
    reports.sort();
    reports.reverse();
    for old in reports.iter().skip(KEPT_CRASHES) {
        let _ = std::fs::remove_file(old);
    }
    reports
        .into_iter()
        .take(KEPT_CRASHES)
        .filter(|p| !p.to_string_lossy().ends_with(REPORTED))
        .map(|p| {
            let marked = PathBuf::from(p.to_string_lossy().replace(".txt", REPORTED));
            std::fs::rename(&p, &marked).map(|()| marked).unwrap_or(p)
        })
        .collect()
}

/// Opens a folder in the system's file manager (created if missing).
pub fn open_folder(dir: &Path) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("le dossier « {} » n’a pas pu être créé : {e}", dir.display()))?;
    opener::open(dir).map_err(|e| format!("le dossier « {} » n’a pas pu être ouvert : {e}", dir.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_leaves_a_report_that_is_shown_once() {
        let dir = tempfile::tempdir().unwrap();
        install_panic_hook(dir.path().to_path_buf());
        let outcome = std::panic::catch_unwind(|| panic!("essai de panique « é »"));
        let _ = std::panic::take_hook(); // back to Rust's default report
        assert!(outcome.is_err(), "the closure panicked");

        let shown_now = unreported_crashes(dir.path());
        assert_eq!(shown_now.len(), 1, "one report: {shown_now:?}");
        let text = std::fs::read_to_string(&shown_now[0]).unwrap();
        assert!(text.contains("essai de panique « é »"), "the panic's message: {text}");
        assert!(text.contains("Pile d’appels"), "and its backtrace: {text}");
        assert!(
            shown_now[0].to_string_lossy().ends_with(".signalee.txt"),
            "marked as shown, kept for support"
        );
        assert!(
            unreported_crashes(dir.path()).is_empty(),
            "told once, not at every start"
        );
    }

    #[test]
    fn only_the_last_reports_are_kept() {
        let dir = tempfile::tempdir().unwrap();
        for day in 1..=8 {
            std::fs::write(dir.path().join(format!("panique-2026-01-0{day}T10-00-00Z.txt")), "x").unwrap();
        }
        let reports = unreported_crashes(dir.path());
        assert_eq!(reports.len(), KEPT_CRASHES, "{reports:?}");
        assert!(
            reports[0].to_string_lossy().contains("2026-01-08"),
            "newest first: {reports:?}"
        );
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            KEPT_CRASHES,
            "older ones removed"
        );
    }

    #[test]
    fn the_home_folder_is_not_logged() {
        let home = dirs::home_dir().expect("a home folder");
        assert_eq!(
            shown(&home.join("Documents").join("thème 9.pdf")),
            Path::new("~")
                .join("Documents")
                .join("thème 9.pdf")
                .display()
                .to_string()
        );
        assert_eq!(shown(Path::new("/ailleurs/x.json")), "/ailleurs/x.json");
    }
}
