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
    "import_file",
    "import_dialog",
    "history",
    "diff",
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
    "export_avis",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri build script");
}
