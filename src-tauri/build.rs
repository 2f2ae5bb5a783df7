//! Declares exactly the commands the UI may call; `capabilities/main.json`
//! grants them to the main window and nothing else.

/// The app's commands (each one `allow-…` permission).
const COMMANDS: &[&str] = &[
    "themes",
    "create_roadmap",
    "open_roadmap",
    "apply_edit",
    "undo",
    "redo",
    "markdown_preview",
    "export_roadmap",
    "store_location",
    "app_info",
    "startup_notices",
    "startup_shown",
    "app_events",
    "open_log_folder",
    "import_file",
    "import_dialog",
    "history",
    "diff",
    "consolidation_plan",
    "consolidate",
    "backups",
    "restore_backup",
    "adopt_roadmap",
    "answer_remark",
    "avis_screen",
    "create_avis",
    "edit_avis",
    "issue_avis",
    "delete_avis",
    "validate_roadmap",
    "set_reviewer",
    "set_role",
    "export_avis",
];

/// `FDR_BUILD_DATE` (UTC, `AAAA-MM-JJ`; `SOURCE_DATE_EPOCH` when set, for
/// reproducible builds) and `FDR_COMMIT` (the short commit, or « inconnu »
/// outside a git checkout), shown in *À propos*.
fn build_stamp() {
    let secs = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.parse::<i64>().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_secs() as i64)
                .unwrap_or(0)
        });
    // Days since 1970-01-01 → civil date (H. Hinnant's algorithm).
    let z = secs.div_euclid(86_400) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    println!("cargo:rustc-env=FDR_BUILD_DATE={year:04}-{month:02}-{day:02}");

    let git = |args: &[&str]| {
        std::process::Command::new("git")
            .args(args)
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
    };
    let commit = git(&["rev-parse", "--short=12", "HEAD"]).unwrap_or_else(|| "inconnu".into());
    println!("cargo:rustc-env=FDR_COMMIT={commit}");
    if let Some(dir) = git(&["rev-parse", "--absolute-git-dir"]) {
        println!("cargo:rerun-if-changed={dir}/HEAD");
        println!("cargo:rerun-if-changed={dir}/logs/HEAD");
    }
    println!("cargo:rerun-if-env-changed=SOURCE_DATE_EPOCH");
}

fn main() {
    build_stamp();
    tauri_build::try_build(
        tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri build script");
}
