//! The commands the web view can invoke are exactly the documented list:
//! the same names in `src-tauri/build.rs` (the app manifest), in
//! `src-tauri/capabilities/main.json` (the only capability), in the
//! `generate_handler!` of `src-tauri/src/lib.rs`, and in `ui/src/api/`
//! (the only place the UI calls Tauri); no plugin permission is granted.

use std::collections::BTreeSet;
use std::path::Path;

fn read(rel: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(rel);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The quoted words between `start` and the next `end`.
fn quoted_between(text: &str, start: &str, end: &str) -> BTreeSet<String> {
    let from = text.find(start).unwrap_or_else(|| panic!("« {start} » not found")) + start.len();
    let to = from + text[from..].find(end).unwrap_or_else(|| panic!("« {end} » not found"));
    text[from..to]
        .split('"')
        .enumerate()
        .filter(|(i, _)| i % 2 == 1)
        .map(|(_, s)| s.to_string())
        .collect()
}

#[test]
fn the_invokable_commands_are_exactly_the_documented_list() {
    let manifest = quoted_between(&read("src-tauri/build.rs"), "const COMMANDS: &[&str] = &[", "];");
    assert!(
        manifest.len() >= 10,
        "the manifest lists the app's commands: {manifest:?}"
    );

    let capability: serde_json::Value = serde_json::from_str(&read("src-tauri/capabilities/main.json")).unwrap();
    assert_eq!(
        capability["windows"],
        serde_json::json!(["main"]),
        "granted to the main window only"
    );
    let permissions: BTreeSet<String> = capability["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().expect("permissions are plain identifiers").to_string())
        .collect();
    assert!(
        permissions.iter().all(|p| !p.contains(':')),
        "no plugin or core permission is granted: {permissions:?}"
    );
    let granted: BTreeSet<String> = permissions
        .iter()
        .map(|p| {
            p.strip_prefix("allow-")
                .expect("allow-… permissions only")
                .replace('-', "_")
        })
        .collect();
    assert_eq!(
        granted, manifest,
        "the capability grants exactly the manifest's commands"
    );

    let shell = read("src-tauri/src/lib.rs");
    let from = shell.find("generate_handler![").unwrap() + "generate_handler![".len();
    let to = from + shell[from..].find(']').unwrap();
    let handled: BTreeSet<String> = shell[from..to]
        .split(',')
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    assert_eq!(handled, manifest, "the shell handles exactly the manifest's commands");
    assert_eq!(
        shell.matches("#[tauri::command]").count(),
        manifest.len(),
        "one #[tauri::command] function per listed command"
    );
    assert!(
        !shell.contains("tauri_plugin_fs::init")
            && !shell.contains("tauri_plugin_shell")
            && !shell.contains("tauri_plugin_http"),
        "no fs, shell or http plugin"
    );

    let api = read("ui/src/api/index.ts");
    let table = &api[api.find("export const api = {").expect("the api table")..];
    let called: BTreeSet<String> = table
        .split("call<")
        .skip(1)
        .filter_map(|s| s.split('"').nth(1).map(str::to_string))
        .collect();
    assert_eq!(called, manifest, "the UI's api calls exactly the manifest's commands");

    let conf: serde_json::Value = serde_json::from_str(&read("src-tauri/tauri.conf.json")).unwrap();
    assert_eq!(
        conf["app"]["withGlobalTauri"], false,
        "no global Tauri object in the page"
    );
    let csp = &conf["app"]["security"]["csp"];
    assert_eq!(csp["script-src"], "'self'", "scripts from the app only, never inline");
    assert_eq!(csp["default-src"], "'self'");
    assert!(
        !csp.to_string().contains("http:") || csp["connect-src"] == "ipc: http://ipc.localhost",
        "nothing remote"
    );
    assert_eq!(conf["app"]["windows"][0]["devtools"], false, "devtools off");
    assert_eq!(
        conf["identifier"],
        fdr_store::location::APP_IDENTIFIER,
        "the data folder is named after the Tauri identifier"
    );
    // Menu actions and opened files reach the page through a channel of
    // the app's own `app_events` command, not through core:event.
    assert!(manifest.contains("app_events"), "the events channel is an app command");
    assert!(
        !api.contains("@tauri-apps/api/event"),
        "the UI does not listen to Tauri events (no core:event permission)"
    );

    // No other file of the UI reaches Tauri.
    let mut stack = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if !path.starts_with(Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/api"))
                && !path.to_string_lossy().contains(".test.")
                // The tests' shared IPC mocks (test-fixtures.ts), imported by tests only.
                && !path.file_name().is_some_and(|n| n.to_string_lossy().starts_with("test-"))
                // Code only: the generated licence lists name the package.
                && path.extension().is_some_and(|e| e == "ts" || e == "tsx")
            {
                let text = std::fs::read_to_string(&path).unwrap();
                assert!(
                    !text.contains("@tauri-apps/api"),
                    "{} imports Tauri directly",
                    path.display()
                );
            }
        }
    }
}
