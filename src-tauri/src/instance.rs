//! The one writer per store when the instance holding the store's name
//! does not answer.
//!
//! A second launch hands its arguments to the running instance through
//! `tauri-plugin-single-instance` and exits. When that instance is leaving
//! (its window closed, or killed) it may still own its name on the session
//! bus for a moment without answering: the hand-over then fails, and the
//! plugin's setup fails with it. This launch then waits a moment and starts
//! again from the beginning (the same program, arguments and environment),
//! a few times: by then the name is free, and it becomes the running
//! instance, or it finds one that answers.

use std::ffi::OsString;
use std::time::Duration;

/// How many times a launch starts again before telling the user.
pub const TRIES: u32 = 15;
/// The pause before each new start.
pub const PAUSE: Duration = Duration::from_millis(200);
/// The environment variable counting the new starts of one launch.
pub const TRIES_VAR: &str = "FDR_HANDOVER_TRIES";

/// Whether the application's build failed because the hand-over to the
/// running instance failed (the plugin's own wording).
pub fn handover_failed(error: &tauri::Error) -> bool {
    matches!(error, tauri::Error::PluginInitialization(plugin, reason)
        if plugin == "single-instance" && reason.contains("running instance"))
}

/// The number of the next start, or `None` when this launch has tried enough.
pub fn next_try(current: Option<OsString>) -> Option<u32> {
    let done = current
        .and_then(|v| v.into_string().ok())
        .and_then(|v| v.parse::<u32>().ok())
        .unwrap_or(0);
    (done < TRIES).then_some(done + 1)
}

/// After a failed hand-over: starts this launch again, or, when it has
/// tried enough, says why it cannot start and exits.
pub fn start_again() -> ! {
    if let Some(n) = next_try(std::env::var_os(TRIES_VAR)) {
        std::thread::sleep(PAUSE);
        if let Ok(exe) = std::env::current_exe() {
            let mut command = std::process::Command::new(exe);
            command.args(std::env::args_os().skip(1)).env(TRIES_VAR, n.to_string());
            eprintln!("feuilles-de-route : la fenêtre déjà ouverte sur ce dossier de données ne répond pas ; nouvel essai ({n}/{TRIES})");
            // The same process, so that whoever started it (a launcher, the
            // test driver) keeps following it.
            #[cfg(unix)]
            {
                use std::os::unix::process::CommandExt;
                let _ = command.exec();
            }
            #[cfg(not(unix))]
            if command.spawn().is_ok() {
                std::process::exit(0);
            }
        }
    }
    eprintln!(
        "Feuilles de route ne peut pas démarrer : une fenêtre de l’application est ouverte sur \
         ce dossier de données mais ne répond pas. Fermez-la (ou attendez qu’elle se ferme), \
         puis relancez l’application."
    );
    std::process::exit(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_launch_starts_again_a_bounded_number_of_times() {
        assert_eq!(next_try(None), Some(1), "a first failure starts again");
        assert_eq!(next_try(Some("3".into())), Some(4), "each start counts the ones before");
        assert_eq!(
            next_try(Some(TRIES.to_string().into())),
            None,
            "after {TRIES} starts the launch gives up instead of looping"
        );
        assert_eq!(
            next_try(Some("n’importe".into())),
            Some(1),
            "an unreadable count is a first failure"
        );
    }

    #[test]
    fn only_the_hand_over_failure_starts_again() {
        let handover = tauri::Error::PluginInitialization(
            "single-instance".into(),
            "failed to forward arguments to the running instance: NoReply".into(),
        );
        assert!(
            handover_failed(&handover),
            "the plugin's hand-over failure is recognised"
        );
        let other = tauri::Error::PluginInitialization("dialog".into(), "running instance".into());
        assert!(!handover_failed(&other), "another plugin's failure is not a hand-over");
        let bus = tauri::Error::PluginInitialization("single-instance".into(), "no session bus".into());
        assert!(!handover_failed(&bus), "a failure before any hand-over is not retried");
    }
}
