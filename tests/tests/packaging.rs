//! The installers' configuration (`src-tauri/tauri.conf.json`) says what
//! issue 15 asks of a Windows program an administration deploys; these
//! settings only take effect on Windows and macOS runners
//! (`.github/workflows/bundles.yml`), so they are checked here as text.

use std::path::Path;

fn read(rel: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(rel);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn conf() -> serde_json::Value {
    serde_json::from_str(&read("src-tauri/tauri.conf.json")).expect("tauri.conf.json is JSON")
}

#[test]
fn installers_work_offline_per_user_and_in_french() {
    let conf = conf();
    let bundle = &conf["bundle"];
    let targets: Vec<&str> = bundle["targets"]
        .as_array()
        .expect("targets listed, not \"all\"")
        .iter()
        .map(|t| t.as_str().unwrap())
        .collect();
    assert!(
        !targets.contains(&"appimage"),
        "AppImage downloads its tools at bundle time: {targets:?}"
    );
    for t in ["deb", "nsis", "msi", "dmg"] {
        assert!(targets.contains(&t), "{t} is built (CI or bundles.yml): {targets:?}");
    }
    let windows = &bundle["windows"];
    assert_eq!(
        windows["webviewInstallMode"]["type"], "offlineInstaller",
        "WebView2 installs without internet"
    );
    assert_eq!(windows["nsis"]["installMode"], "currentUser", "no admin rights needed");
    assert_eq!(windows["nsis"]["languages"], serde_json::json!(["French"]));
    assert_eq!(
        windows["wix"]["language"], "fr-FR",
        "the MSI, for silent deployment, in French"
    );
    let hooks = read(&format!(
        "src-tauri/{}",
        windows["nsis"]["installerHooks"].as_str().expect("NSIS hooks")
    ));
    assert!(
        hooks.contains("NSIS_HOOK_POSTINSTALL") && hooks.contains("OpenWithProgids"),
        "the NSIS hooks put back the previous default and offer the app in « Ouvrir avec » only"
    );
}

#[test]
fn pdf_and_json_are_offered_in_open_with_never_taken_as_default() {
    let conf = conf();
    let associations = conf["bundle"]["fileAssociations"]
        .as_array()
        .expect("file associations");
    let mut exts = Vec::new();
    for a in associations {
        assert_eq!(a["role"], "Viewer", "{a}: a viewer, not the editor of PDFs");
        assert_eq!(a["rank"], "Alternate", "{a}: never the default handler (macOS)");
        assert!(
            a["mimeType"].is_string(),
            "{a}: the .deb's desktop file registers its MIME type"
        );
        exts.extend(
            a["ext"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| e.as_str().unwrap().to_string()),
        );
        let progid = a["name"].as_str().expect("a ProgID name");
        assert!(
            read("src-tauri/windows/hooks.nsh").contains(progid),
            "the NSIS hook handles {progid}"
        );
    }
    exts.sort();
    assert_eq!(exts, ["json", "pdf"]);
    let desktop = read(&format!(
        "src-tauri/{}",
        conf["bundle"]["linux"]["deb"]["desktopTemplate"]
            .as_str()
            .expect("a desktop template")
    ));
    assert!(
        desktop.contains("MimeType={{mime_type}}"),
        "the desktop file lists the MIME types"
    );
    assert!(
        desktop.contains("Exec={{exec}} %F"),
        "and passes the opened files to the app"
    );
}

#[test]
fn the_window_fits_a_1366_by_768_screen_with_its_taskbar() {
    let conf = conf();
    let w = &conf["app"]["windows"][0];
    let (width, height) = (w["width"].as_u64().unwrap(), w["height"].as_u64().unwrap());
    let (min_w, min_h) = (w["minWidth"].as_u64().unwrap(), w["minHeight"].as_u64().unwrap());
    // 1366×768 less a 48 px taskbar and a 31 px title bar with its borders (8 px each side).
    assert!(
        width + 16 <= 1366 && height + 48 + 31 <= 768,
        "default {width}×{height}"
    );
    assert!(
        min_w <= width && min_h <= height && min_w <= 1024,
        "minimum {min_w}×{min_h}"
    );
}
