//! The Tauri shell: one [`Session`] behind a mutex, and one command per
//! thing the UI does. Each command deserialises, calls one method of
//! `fdr-session` and maps its error to `{code, message}`; nothing else
//! lives here. Adding a command: a function below, its name in
//! `generate_handler!`, in `build.rs` and in `capabilities/main.json`, and a
//! wrapper in `ui/src/api/`.

use fdr_core::review::{AnswerState, Reviewer};
use fdr_session::{
    AppError, AvisEdit, AvisScreen, ConsolidationKind, Edit, EditReply, ExportKind, FileImport, Overview, RoadmapView,
    Session,
};
use std::path::PathBuf;
use std::sync::Mutex;
use tauri::State;
use tauri_plugin_dialog::DialogExt;

/// The session of this window.
struct App {
    /// The session, or why the store could not be opened (shown by the UI).
    session: Mutex<Result<Session, AppError>>,
    location: PathBuf,
}

type Reply<T> = Result<T, AppError>;

/// Runs `f` on the session, or says why there is none.
fn with<T>(app: &App, f: impl FnOnce(&mut Session) -> Reply<T>) -> Reply<T> {
    let mut guard = app
        .session
        .lock()
        .map_err(|_| AppError::new("internal", "erreur interne : relancez l’application"))?;
    match guard.as_mut() {
        Ok(session) => f(session),
        Err(e) => Err(e.clone()),
    }
}

#[tauri::command]
fn themes(app: State<App>) -> Reply<Overview> {
    with(&app, |s| s.overview())
}

#[tauri::command]
fn create_roadmap(app: State<App>, theme: i64) -> Reply<RoadmapView> {
    with(&app, |s| s.create(&uuid::Uuid::new_v4().to_string(), theme))
}

#[tauri::command]
fn open_roadmap(app: State<App>, id: String) -> Reply<RoadmapView> {
    with(&app, |s| s.view(&id))
}

#[tauri::command]
fn apply_edit(app: State<App>, id: String, version: i64, edit: Edit) -> Reply<EditReply> {
    with(&app, |s| s.apply(&id, version, &edit))
}

#[tauri::command]
fn undo(app: State<App>, id: String, version: i64) -> Reply<EditReply> {
    with(&app, |s| s.undo(&id, version))
}

#[tauri::command]
fn redo(app: State<App>, id: String, version: i64) -> Reply<EditReply> {
    with(&app, |s| s.redo(&id, version))
}

#[tauri::command]
fn adopt_roadmap(app: State<App>, id: String) -> Reply<RoadmapView> {
    with(&app, |s| s.adopt(&id))
}

/// Answers a remark (`state` none: withdraws the answer).
#[tauri::command]
fn answer_remark(
    app: State<App>,
    id: String,
    version: i64,
    avis: String,
    remark: String,
    state: Option<AnswerState>,
    text: String,
) -> Reply<EditReply> {
    with(&app, |s| {
        s.answer_remark(&id, version, &avis, &remark, state.map(|st| (st, text.as_str())))
    })
}

#[tauri::command]
fn avis_screen(app: State<App>, roadmap: String) -> Reply<AvisScreen> {
    with(&app, |s| s.avis_screen(&roadmap))
}

#[tauri::command]
fn create_avis(app: State<App>, roadmap: String) -> Reply<AvisScreen> {
    with(&app, |s| s.create_avis(&uuid::Uuid::new_v4().to_string(), &roadmap))
}

#[tauri::command]
fn edit_avis(app: State<App>, avis: String, edit: AvisEdit) -> Reply<AvisScreen> {
    with(&app, |s| s.edit_avis(&avis, &edit))
}

#[tauri::command]
fn issue_avis(app: State<App>, avis: String) -> Reply<AvisScreen> {
    with(&app, |s| s.issue_avis(&avis))
}

#[tauri::command]
fn delete_avis(app: State<App>, avis: String) -> Reply<AvisScreen> {
    with(&app, |s| s.delete_avis(&avis))
}

/// « Émettre un avis : validée ».
#[tauri::command]
fn validate_roadmap(app: State<App>, roadmap: String) -> Reply<AvisScreen> {
    with(&app, |s| s.validate(&uuid::Uuid::new_v4().to_string(), &roadmap))
}

#[tauri::command]
fn set_reviewer(app: State<App>, reviewer: Reviewer) -> Reply<()> {
    with(&app, |s| s.set_reviewer(&reviewer))
}

/// Exports an issued avis (JSON or PDF) through the save dialog.
#[tauri::command]
async fn export_avis(handle: tauri::AppHandle, app: State<'_, App>, avis: String, kind: ExportKind) -> Reply<Saved> {
    let file = with(&app, |s| s.export_avis(&avis, kind))?;
    let filter = match kind {
        ExportKind::Pdf => ("Document PDF", "pdf"),
        ExportKind::Json => ("Avis Feuilles de route", "json"),
    };
    let target = save_path(&handle, "Enregistrer l’avis", &file.file_name, filter);
    if let Some(path) = &target {
        write(path, &file.bytes)?;
    }
    Ok(Saved {
        path: target.map(|p| p.display().to_string()),
        revision: file.revision,
        new_revision: false,
        companion: None,
        warning: None,
    })
}

#[tauri::command]
fn markdown_preview(text: String) -> Vec<fdr_core::markdown::Block> {
    fdr_session::markdown(&text)
}

#[tauri::command]
fn store_location(app: State<App>) -> String {
    app.location.display().to_string()
}

/// What an export did: where the file went (none if the dialog was
/// cancelled) and its revision.
#[derive(serde::Serialize)]
struct Saved {
    path: Option<String>,
    revision: i64,
    new_revision: bool,
    /// The answers file written beside a JSON export, if any.
    companion: Option<String>,
    /// What the author should know (blocking remarks unanswered); never blocks.
    warning: Option<String>,
}

/// Exports through a native save dialog run here, in Rust; the web view
/// never gets a path to write. `FDR_EXPORT_DIR` (tests, batch use) skips
/// the dialog and writes the proposed name into that folder.
#[tauri::command]
async fn export_roadmap(handle: tauri::AppHandle, app: State<'_, App>, id: String, kind: ExportKind) -> Reply<Saved> {
    let file = with(&app, |s| s.export(&id, kind))?;
    let (label, ext) = match kind {
        ExportKind::Pdf => ("Document PDF", "pdf"),
        ExportKind::Json => ("Fichier d’échange Feuilles de route", "json"),
    };
    let target = save_path(
        &handle,
        "Enregistrer la feuille de route",
        &file.file_name,
        (label, ext),
    );
    let mut companion = None;
    if let Some(path) = &target {
        write(path, &file.bytes)?;
        if let Some((_, bytes)) = &file.companion {
            let beside = fdr_core::files::answers_beside(path);
            write(&beside, bytes)?;
            companion = Some(beside.display().to_string());
        }
    }
    Ok(Saved {
        path: target.map(|p| p.display().to_string()),
        revision: file.revision,
        new_revision: file.new_revision,
        companion,
        warning: file.warning,
    })
}

/// Where to save a file: `FDR_EXPORT_DIR` joined to the proposed name
/// (tests, batch use), or the native save dialog, in the Documents folder.
fn save_path(handle: &tauri::AppHandle, title: &str, name: &str, filter: (&str, &str)) -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("FDR_EXPORT_DIR") {
        return Some(PathBuf::from(dir).join(name));
    }
    let mut dialog = handle.dialog().file();
    if let Some(documents) = dirs::document_dir() {
        dialog = dialog.set_directory(documents);
    }
    dialog
        .set_title(title)
        .set_file_name(name)
        .add_filter(filter.0, &[filter.1])
        .blocking_save_file()
        .and_then(|p| p.into_path().ok())
}

/// A folder to write several files into (`FDR_EXPORT_DIR`, or the dialog).
fn folder_path(handle: &tauri::AppHandle, title: &str) -> Option<PathBuf> {
    match std::env::var_os("FDR_EXPORT_DIR") {
        Some(dir) => Some(PathBuf::from(dir)),
        None => handle
            .dialog()
            .file()
            .set_title(title)
            .blocking_pick_folder()
            .and_then(|p| p.into_path().ok()),
    }
}

/// Writes a file whole or not at all.
fn write(path: &std::path::Path, bytes: &[u8]) -> Reply<()> {
    fdr_core::files::write_atomically(path, bytes)
        .map_err(|e| AppError::new("io", format!("« {} » n’a pas pu être écrit : {e}", path.display())))
}

/// Imports one file dropped on the window: its bytes are the raw request
/// body, its name the `x-file-name` header (URI-encoded).
#[tauri::command]
fn import_file(app: State<App>, request: tauri::ipc::Request) -> Reply<FileImport> {
    let tauri::ipc::InvokeBody::Raw(bytes) = request.body() else {
        return Err(AppError::new("invalid_input", "fichier attendu en binaire"));
    };
    let name = request
        .headers()
        .get("x-file-name")
        .and_then(|v| v.to_str().ok())
        .map(percent_decode)
        .unwrap_or_else(|| "fichier".into());
    with(&app, |s| Ok(s.import_file(&name, bytes)))
}

/// `%C3%A9` → `é` (file names travel URI-encoded in a header).
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (
            bytes[i],
            bytes.get(i + 1).copied().and_then(hex),
            bytes.get(i + 2).copied().and_then(hex),
        ) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Imports files chosen in a native open dialog (several at once).
#[tauri::command]
async fn import_dialog(handle: tauri::AppHandle, app: State<'_, App>) -> Reply<Vec<FileImport>> {
    let picked: Vec<PathBuf> = handle
        .dialog()
        .file()
        .set_title("Importer des feuilles de route")
        .add_filter("Feuilles de route (PDF, JSON)", &["pdf", "json"])
        .blocking_pick_files()
        .unwrap_or_default()
        .into_iter()
        .filter_map(|f| f.into_path().ok())
        .collect();
    with(&app, |s| Ok(s.import_paths(&picked)))
}

#[tauri::command]
fn history(app: State<App>, id: String) -> Reply<Vec<fdr_store::RevisionEntry>> {
    with(&app, |s| s.history(&id))
}

#[tauri::command]
fn diff(app: State<App>, id: String, from: i64, to: i64) -> Reply<Vec<fdr_core::diff::Change>> {
    with(&app, |s| s.diff(&id, from, to))
}

/// What a consolidation did.
#[derive(serde::Serialize)]
struct ConsolidationSaved {
    /// Files written (none if the dialog was cancelled).
    paths: Vec<String>,
    included: usize,
    notes: Vec<String>,
}

/// Consolidates into a file (PDF, XLSX) or a folder (CSV) chosen in a native
/// dialog (`FDR_EXPORT_DIR` skips it, as for exports).
#[tauri::command]
async fn consolidate(
    handle: tauri::AppHandle,
    app: State<'_, App>,
    kind: ConsolidationKind,
) -> Reply<ConsolidationSaved> {
    let made = with(&app, |s| s.consolidate(kind))?;
    let targets: Vec<PathBuf> = match (kind, made.files.first()) {
        (ConsolidationKind::Csv, _) => folder_path(&handle, "Dossier où écrire les fichiers CSV")
            .map(|dir| made.files.iter().map(|(n, _)| dir.join(n)).collect())
            .unwrap_or_default(),
        (kind, Some((name, _))) => {
            let filter = if kind == ConsolidationKind::Pdf {
                ("Document PDF", "pdf")
            } else {
                ("Classeur Excel", "xlsx")
            };
            save_path(&handle, "Enregistrer la consolidation régionale", name, filter)
                .into_iter()
                .collect()
        }
        (_, None) => Vec::new(),
    };
    for (path, (_, bytes)) in targets.iter().zip(&made.files) {
        write(path, bytes)?;
    }
    Ok(ConsolidationSaved {
        paths: targets.iter().map(|p| p.display().to_string()).collect(),
        included: made.included,
        notes: made.notes,
    })
}

#[tauri::command]
fn backups(app: State<App>) -> Reply<Vec<fdr_store::backup::BackupEntry>> {
    fdr_store::backup::list(&fdr_store::backup::backups_dir(&app.location)).map_err(AppError::from)
}

/// Restores the backup of that file name (only one of the listed backups):
/// closes the store, keeps it aside, puts the backup in place, reopens.
#[tauri::command]
fn restore_backup(app: State<App>, name: String) -> Reply<()> {
    let dir = fdr_store::backup::backups_dir(&app.location);
    let chosen = fdr_store::backup::list(&dir)?
        .into_iter()
        .find(|b| {
            std::path::Path::new(&b.path)
                .file_name()
                .is_some_and(|n| n == name.as_str())
        })
        .ok_or_else(|| AppError::new("not_found", format!("sauvegarde « {name} » introuvable")))?;
    let mut guard = app
        .session
        .lock()
        .map_err(|_| AppError::new("internal", "erreur interne"))?;
    *guard = Err(AppError::new("restoring", "restauration en cours")); // closes the store
    let now = (fdr_store::system_clock())();
    let restored = fdr_store::backup::restore(&app.location, std::path::Path::new(&chosen.path), &now);
    *guard = open_session(&app.location);
    restored.map(|_| ()).map_err(AppError::from)
}

/// Opens the session, or says why the store cannot be opened.
fn open_session(location: &std::path::Path) -> Result<Session, AppError> {
    fdr_store::Store::open(location, fdr_store::system_clock())
        .map(Session::new)
        .map_err(|e| {
            eprintln!("{}: error: {e}", location.display());
            AppError::new(
                e.code(),
                format!("La base « {} » n’a pas pu être ouverte : {e}", location.display()),
            )
        })
}

/// The store to open: `--db PATH` on the command line (as for `fdr`), else
/// `FDR_DB`, else the same default as `fdr`.
fn store_path() -> PathBuf {
    db_argument(std::env::args_os().skip(1))
        .or_else(|| std::env::var_os("FDR_DB").map(PathBuf::from))
        .unwrap_or_else(fdr_store::default_path)
}

/// The path after `--db` (or in `--db=PATH`) among the program's arguments.
fn db_argument(mut args: impl Iterator<Item = std::ffi::OsString>) -> Option<PathBuf> {
    while let Some(a) = args.next() {
        if a == "--db" {
            return args.next().map(PathBuf::from);
        }
        if let Some(path) = a.to_str().and_then(|s| s.strip_prefix("--db=")) {
            return Some(PathBuf::from(path));
        }
    }
    None
}

/// Starts the application.
pub fn run() {
    let location = store_path();
    let mut session = open_session(&location);
    // The day's backup, verified; a failure is reported, not fatal.
    if let Ok(s) = session.as_mut() {
        if let Err(e) = s.store().daily_backup(&fdr_store::backup::backups_dir(&location)) {
            eprintln!(
                "{}: warning: sauvegarde quotidienne impossible : {e}",
                location.display()
            );
        }
    }
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .manage(App {
            session: Mutex::new(session),
            location,
        })
        .invoke_handler(tauri::generate_handler![
            themes,
            create_roadmap,
            open_roadmap,
            apply_edit,
            undo,
            redo,
            markdown_preview,
            export_roadmap,
            store_location,
            import_file,
            import_dialog,
            history,
            diff,
            consolidate,
            backups,
            restore_backup,
            adopt_roadmap,
            answer_remark,
            avis_screen,
            create_avis,
            edit_avis,
            issue_avis,
            delete_avis,
            validate_roadmap,
            set_reviewer,
            export_avis
        ])
        .run(tauri::generate_context!())
        .expect("la fenêtre de l’application n’a pas pu s’ouvrir");
}

#[cfg(test)]
mod tests {
    use tauri::ipc::Origin;

    #[test]
    fn the_store_can_be_named_on_the_command_line() {
        let args = |list: &[&str]| {
            list.iter()
                .map(std::ffi::OsString::from)
                .collect::<Vec<_>>()
                .into_iter()
        };
        assert_eq!(
            super::db_argument(args(&["--db", "/tmp/Éloïse/base.sqlite"])),
            Some("/tmp/Éloïse/base.sqlite".into())
        );
        assert_eq!(super::db_argument(args(&["--db=b.sqlite"])), Some("b.sqlite".into()));
        assert_eq!(
            super::db_argument(args(&["theme-09.pdf"])),
            None,
            "a file to open is not a store"
        );
    }

    /// The commands `build.rs` declares (the app manifest).
    fn declared_commands() -> Vec<&'static str> {
        let build = include_str!("../build.rs");
        let start = build
            .find("const COMMANDS: &[&str] = &[")
            .expect("the list in build.rs");
        let end = start + build[start..].find("];").expect("its end");
        build[start..end].split('"').skip(1).step_by(2).collect()
    }

    /// The access rules compiled into the app (`tauri.conf.json` and
    /// `capabilities/`), asked as Tauri asks them for each call: the
    /// app's own page in the main window may call each command; a page
    /// from any other origin, or another window, may call none; no plugin
    /// command is open to anyone.
    #[test]
    fn only_the_app_page_in_its_window_may_call_the_commands() {
        let mut context: tauri::Context<tauri::Wry> = tauri::generate_context!();
        let authority = context.runtime_authority_mut();
        let commands = declared_commands();
        assert!(
            commands.len() >= 16,
            "the commands were read from build.rs: {commands:?}"
        );
        let elsewhere = [
            "https://exemple.invalid/",
            "http://localhost:8080/",
            "https://tauri.localhost.exemple.invalid/",
            "data:text/html,x",
        ];
        for cmd in &commands {
            assert!(
                authority.resolve_access(cmd, "main", "main", &Origin::Local).is_some(),
                "{cmd}: the app's own page may call it"
            );
            for url in elsewhere {
                let origin = Origin::Remote {
                    url: url.parse().expect("url"),
                };
                assert!(
                    authority.resolve_access(cmd, "main", "main", &origin).is_none(),
                    "{cmd}: refused to a page from {url}, even in the main window"
                );
            }
            assert!(
                authority
                    .resolve_access(cmd, "autre", "autre", &Origin::Local)
                    .is_none(),
                "{cmd}: refused to any other window"
            );
        }
        for plugin in [
            "plugin:dialog|open",
            "plugin:dialog|save",
            "plugin:dialog|message",
            "plugin:fs|read_file",
            "plugin:fs|write_file",
            "plugin:shell|open",
            "plugin:http|fetch",
            "plugin:window|close",
            "plugin:webview|create_webview",
            "plugin:event|emit",
        ] {
            assert!(
                authority
                    .resolve_access(plugin, "main", "main", &Origin::Local)
                    .is_none(),
                "{plugin}: no plugin command is granted to the page"
            );
        }
    }
}
