//! The Tauri shell: one [`Session`] behind a mutex, and one command per
//! thing the UI does. Each command deserialises, calls one method of
//! `fdr-session` and maps its error to `{code, message}`; nothing else
//! lives here. Adding a command: a function below, its name in
//! `generate_handler!`, in `build.rs` and in `capabilities/main.json`, and a
//! wrapper in `ui/src/api/`.

use fdr_session::{AppError, Edit, ExportKind, RoadmapView, Session, ThemeRow};
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
fn themes(app: State<App>) -> Reply<Vec<ThemeRow>> {
    with(&app, |s| s.themes())
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
fn apply_edit(app: State<App>, id: String, edit: Edit) -> Reply<RoadmapView> {
    with(&app, |s| s.apply(&id, &edit))
}

#[tauri::command]
fn undo(app: State<App>, id: String) -> Reply<RoadmapView> {
    with(&app, |s| s.undo(&id))
}

#[tauri::command]
fn redo(app: State<App>, id: String) -> Reply<RoadmapView> {
    with(&app, |s| s.redo(&id))
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
}

/// Exports through a native save dialog run here, in Rust; the web view
/// never gets a path to write. `FDR_EXPORT_DIR` (tests, batch use) skips
/// the dialog and writes the proposed name into that folder.
#[tauri::command]
async fn export_roadmap(handle: tauri::AppHandle, app: State<'_, App>, id: String, kind: ExportKind) -> Reply<Saved> {
    let file = with(&app, |s| s.export(&id, kind))?;
    let target = match std::env::var_os("FDR_EXPORT_DIR") {
        Some(dir) => Some(PathBuf::from(dir).join(&file.file_name)),
        None => {
            let (label, ext) = match kind {
                ExportKind::Pdf => ("Document PDF", "pdf"),
                ExportKind::Json => ("Fichier d’échange Feuilles de route", "json"),
            };
            handle
                .dialog()
                .file()
                .set_title("Enregistrer la feuille de route")
                .set_file_name(&file.file_name)
                .add_filter(label, &[ext])
                .blocking_save_file()
                .and_then(|p| p.into_path().ok())
        }
    };
    if let Some(path) = &target {
        fdr_core::files::write_atomically(path, &file.bytes)
            .map_err(|e| AppError::new("io", format!("« {} » n’a pas pu être écrit : {e}", path.display())))?;
    }
    Ok(Saved {
        path: target.map(|p| p.display().to_string()),
        revision: file.revision,
        new_revision: file.new_revision,
    })
}

/// The store to open: `FDR_DB`, else the same default as `fdr`.
fn store_path() -> PathBuf {
    std::env::var_os("FDR_DB")
        .map(PathBuf::from)
        .unwrap_or_else(fdr_store::default_path)
}

/// Starts the application.
pub fn run() {
    let location = store_path();
    let session = fdr_store::Store::open(&location, fdr_store::system_clock())
        .map(Session::new)
        .map_err(|e| {
            eprintln!("{}: error: {e}", location.display());
            AppError::new(
                "store_unavailable",
                format!("La base « {} » n’a pas pu être ouverte : {e}", location.display()),
            )
        });
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
            store_location
        ])
        .run(tauri::generate_context!())
        .expect("la fenêtre de l’application n’a pas pu s’ouvrir");
}
