//! The Tauri shell: one [`Session`] behind a mutex, and one command per
//! thing the UI does. Each command deserialises, calls one method of
//! `fdr-session` and maps its error to `{code, message}`; nothing else
//! lives here. Adding a command: a function below, its name in
//! `generate_handler!`, in `build.rs` and in `capabilities/main.json`, and a
//! wrapper in `ui/src/api/`.
//!
//! Around the commands: one instance per store (a second launch hands its
//! files to the first window, [`events`]), the journal and crash reports
//! ([`journal`]), the native menu ([`menu`]), the window's title and
//! size ([`window`]), and freed memory given back at rest ([`rest`]).

mod events;
mod instance;
mod journal;
mod menu;
mod rest;
mod startup;
mod window;

use events::{AppEvent, Outbox};
use fdr_core::review::{AnswerState, Reviewer};
use fdr_session::{
    AppError, AvisEdit, AvisScreen, ConsolidationKind, ConsolidationOptions, ConsolidationPlan, Edit, EditReply,
    ExportKind, FileImport, Overview, RoadmapView, Role, Session,
};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use tauri::{Manager, State, WebviewWindow};
use tauri_plugin_dialog::DialogExt;

/// The session of this window.
struct App {
    /// The session, or why the store could not be opened (shown by the UI).
    session: Mutex<Result<Session, AppError>>,
    location: PathBuf,
    /// What to tell the user once at start (a crash, the store moved).
    notices: Mutex<Vec<Notice>>,
    /// Events for the page.
    outbox: Outbox,
}

/// Something the user is told once, at start.
#[derive(Debug, Clone, serde::Serialize)]
struct Notice {
    /// `crash` (a report is in the log folder) or `moved` (the store).
    kind: &'static str,
    message: String,
}

/// The version, the build, and where things are (*À propos*).
#[derive(serde::Serialize)]
struct AppInfo {
    version: &'static str,
    build_date: &'static str,
    commit: &'static str,
    store_location: String,
    log_folder: String,
}

type Reply<T> = Result<T, AppError>;

/// Runs `f` on the session, or says why there is none.
fn with<T>(app: &App, f: impl FnOnce(&mut Session) -> Reply<T>) -> Reply<T> {
    let reply = match app.session.lock() {
        Ok(mut guard) => match guard.as_mut() {
            Ok(session) => f(session),
            Err(e) => Err(e.clone()),
        },
        Err(_) => Err(AppError::new("internal", "erreur interne : relancez l’application")),
    };
    // The quiet time counts from the end of the work: a long export or
    // consolidation is not trimmed under way, and what it freed is.
    rest::after_work();
    reply
}

#[tauri::command]
fn themes(window: WebviewWindow, app: State<App>) -> Reply<Overview> {
    window::set_title(&window, None);
    let overview = with(&app, |s| s.overview());
    startup::mark("themes answered");
    overview
}

/// The start screen's table is on the page (the startup trace's last step,
/// [`startup`]; nothing without `FDR_TRACE_STARTUP`).
#[tauri::command]
fn startup_shown() {
    startup::mark("table shown");
}

#[tauri::command]
fn create_roadmap(window: WebviewWindow, app: State<App>, theme: i64) -> Reply<RoadmapView> {
    let view = with(&app, |s| s.create(&uuid::Uuid::new_v4().to_string(), theme))?;
    window::set_title(&window, Some((view.roadmap.theme.number, &view.roadmap.theme.title)));
    Ok(view)
}

#[tauri::command]
fn open_roadmap(window: WebviewWindow, app: State<App>, id: String) -> Reply<RoadmapView> {
    let view = with(&app, |s| s.view(&id))?;
    window::set_title(&window, Some((view.roadmap.theme.number, &view.roadmap.theme.title)));
    Ok(view)
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

/// Says what this copy is for (first run, or *Changer de rôle*).
#[tauri::command]
fn set_role(app: State<App>, role: Role) -> Reply<()> {
    with(&app, |s| s.set_role(role))
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

/// *À propos*: version, build, the store's and the journal's folders.
#[tauri::command]
fn app_info(handle: tauri::AppHandle, app: State<App>) -> AppInfo {
    AppInfo {
        version: env!("CARGO_PKG_VERSION"),
        build_date: env!("FDR_BUILD_DATE"),
        commit: env!("FDR_COMMIT"),
        store_location: app.location.display().to_string(),
        log_folder: log_folder(&handle).display().to_string(),
    }
}

/// What to tell the user once at start (then nothing).
#[tauri::command]
fn startup_notices(app: State<App>) -> Vec<Notice> {
    app.notices
        .lock()
        .map(|mut n| std::mem::take(&mut *n))
        .unwrap_or_default()
}

/// The page's channel for menu actions and opened files ([`events`]).
#[tauri::command]
fn app_events(app: State<App>, channel: tauri::ipc::Channel<AppEvent>) {
    app.outbox.subscribe(channel);
}

/// Opens the log folder in the file manager (*Aide → Journaux*, and the
/// crash notice's button): the page names no path.
#[tauri::command]
fn open_log_folder(handle: tauri::AppHandle) -> Reply<()> {
    journal::open_folder(&log_folder(&handle)).map_err(|m| AppError::new("io", m))
}

/// The app's log folder (also where crash reports go).
fn log_folder(handle: &tauri::AppHandle) -> PathBuf {
    handle
        .path()
        .app_log_dir()
        .unwrap_or_else(|_| std::env::temp_dir().join(fdr_store::location::APP_IDENTIFIER))
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

/// What a consolidation under `options` would include, and why.
#[tauri::command]
fn consolidation_plan(app: State<App>, options: ConsolidationOptions) -> Reply<ConsolidationPlan> {
    with(&app, |s| s.consolidation_plan(&options))
}

/// Consolidates what `options` include into a file (PDF, XLSX) or a folder
/// (CSV) chosen in a native dialog (`FDR_EXPORT_DIR` skips it, as for exports).
#[tauri::command]
async fn consolidate(
    handle: tauri::AppHandle,
    app: State<'_, App>,
    kind: ConsolidationKind,
    options: ConsolidationOptions,
) -> Reply<ConsolidationSaved> {
    let made = with(&app, |s| s.consolidate(kind, &options))?;
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
            save_path(
                &handle,
                &format!("Enregistrer la consolidation — {}", made.plan.title),
                name,
                filter,
            )
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
    let role = guard.as_mut().ok().and_then(|s| s.role().ok().flatten());
    *guard = Err(AppError::new("restoring", "restauration en cours")); // closes the store
    let now = (fdr_store::system_clock())();
    let restored = fdr_store::backup::restore(&app.location, std::path::Path::new(&chosen.path), &now);
    *guard = open_session(&app.location);
    restored.map_err(AppError::from)?;
    guard.as_mut().map_err(|e| e.clone())?.keep_role(role)
}

/// Opens the session, or says why the store cannot be opened.
fn open_session(location: &std::path::Path) -> Result<Session, AppError> {
    fdr_store::Store::open(location, fdr_store::system_clock())
        .map(Session::new)
        .map_err(|e| {
            log::error!("la base « {} » n’a pas pu être ouverte : {e}", journal::shown(location));
            AppError::new(
                e.code(),
                format!("La base « {} » n’a pas pu être ouverte : {e}", location.display()),
            )
        })
}

/// The store this instance writes to: `FDR_DB`, else the same default as
/// `fdr` (before any move: this names the instance).
fn store_target() -> PathBuf {
    db_argument(std::env::args_os().skip(1))
        .or_else(|| std::env::var_os("FDR_DB").map(PathBuf::from))
        .unwrap_or_else(fdr_store::default_path)
}

/// The path after `--db` (or in `--db=PATH`) among the program's
/// arguments: the store to open, as for `fdr`.
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

/// The store to open, moving the default one from where earlier versions
/// kept it (as `fdr` does), with what to tell the user about it.
fn store_path() -> (PathBuf, Option<String>) {
    match db_argument(std::env::args_os().skip(1)).or_else(|| std::env::var_os("FDR_DB").map(PathBuf::from)) {
        Some(db) => (db, None),
        None => {
            let resolved = fdr_store::location::resolve_default(&(fdr_store::system_clock())());
            (resolved.path, resolved.note)
        }
    }
}

/// The single-instance key of a store: the identifier, and on Linux (where
/// the plugin allows it) a digest of the store's path, so that a second app
/// on another `FDR_DB` is its own instance.
fn instance_id(store: &Path) -> String {
    let absolute = std::path::absolute(store).unwrap_or_else(|_| store.to_path_buf());
    // FNV-1a: stable across runs and builds (std's hasher is not).
    let digest = absolute
        .to_string_lossy()
        .bytes()
        .fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        });
    format!("{}.base{digest:016x}", fdr_store::location::APP_IDENTIFIER)
}

/// Imports files opened from outside (command line, « Ouvrir avec », a
/// second launch, *Fichier → Importer*) as a drop would, off the main
/// thread, and hands the results to the page.
fn import_opened(handle: &tauri::AppHandle, paths: Vec<PathBuf>) {
    if paths.is_empty() {
        return;
    }
    let handle = handle.clone();
    std::thread::spawn(move || {
        // A second launch may arrive while this one is still starting.
        let mut waited = 0;
        while handle.try_state::<App>().is_none() && waited < 300 {
            std::thread::sleep(std::time::Duration::from_millis(100));
            waited += 1;
        }
        let Some(app) = handle.try_state::<App>() else {
            log::error!("fichiers ouverts non importés : l’application n’a pas démarré");
            return;
        };
        let files = with(&app, |s| Ok(s.import_paths(&paths))).unwrap_or_else(|e| {
            let refused = |p: &PathBuf| FileImport {
                name: p
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                reports: Vec::new(),
                avis: None,
                answers: None,
                refused: Some(e.message.clone()),
            };
            paths.iter().map(refused).collect()
        });
        for f in &files {
            match &f.refused {
                None => log::info!("fichier ouvert importé : {}", f.name),
                Some(why) => log::warn!("fichier ouvert refusé : {} : {why}", f.name),
            }
        }
        app.outbox.deliver(AppEvent::Opened { files });
        window::bring_to_front(&handle);
    });
}

/// A menu item chosen.
fn on_menu(handle: &tauri::AppHandle, id: &str) {
    match menu::item(id) {
        Some(menu::Item::Quit) => handle.exit(0),
        Some(menu::Item::OpenLogs) => {
            if let Err(e) = journal::open_folder(&log_folder(handle)) {
                log::warn!("{e}");
            }
        }
        Some(menu::Item::Import) => {
            let h = handle.clone();
            handle
                .dialog()
                .file()
                .set_title("Importer des feuilles de route")
                .add_filter("Feuilles de route (PDF, JSON)", &["pdf", "json"])
                .pick_files(move |picked| {
                    let paths = picked
                        .unwrap_or_default()
                        .into_iter()
                        .filter_map(|f| f.into_path().ok())
                        .collect();
                    import_opened(&h, paths);
                });
        }
        Some(menu::Item::Page(action)) => handle.state::<App>().outbox.deliver(AppEvent::Menu { action }),
        None => {}
    }
}

/// Opens the store, takes the day's backup, and manages the app's state;
/// then imports the files named on the command line.
fn start(app: &mut tauri::App) -> Result<(), Box<dyn std::error::Error>> {
    let handle = app.handle().clone();
    let log_dir = log_folder(&handle);
    journal::install_panic_hook(log_dir.clone());
    log::info!(
        "démarrage de Feuilles de route {} ({})",
        env!("CARGO_PKG_VERSION"),
        env!("FDR_COMMIT")
    );
    let mut notices: Vec<Notice> = journal::unreported_crashes(&log_dir)
        .into_iter()
        .map(|report| Notice {
            kind: "crash",
            message: format!(
                "L’application s’est arrêtée de façon inattendue lors d’une utilisation précédente. \
                 Le rapport est dans « {} » : joignez-le à votre demande d’assistance.",
                report.display()
            ),
        })
        .collect();
    let (location, moved) = store_path();
    if let Some(note) = moved {
        log::warn!(
            "{}",
            note.replace(&location.display().to_string(), &journal::shown(&location))
        );
        notices.push(Notice {
            kind: "moved",
            message: note,
        });
    }
    startup::mark("setup entered (window built)");
    let session = open_session(&location);
    startup::mark("store opened");
    if session.is_ok() {
        daily_backup(location.clone());
    }
    log::info!("base ouverte : {}", journal::shown(&location));
    log::info!("affichage de la page : {}", window::drawing());
    app.manage(App {
        session: Mutex::new(session),
        location,
        notices: Mutex::new(notices),
        outbox: Outbox::default(),
    });
    if let Some(main) = app.get_webview_window(window::MAIN) {
        window::fit_to_screen(&main);
        window::speak_french(&main);
    }
    let cwd = std::env::current_dir().unwrap_or_default();
    import_opened(&handle, events::files_in_args(std::env::args_os().skip(1), &cwd));
    startup::mark("setup done");
    Ok(())
}

/// The day's backup, verified, on a thread of its own through its own
/// read-only connection: the window is usable meanwhile (a backup is a
/// whole copy of the store). A failure is logged, not fatal.
fn daily_backup(location: PathBuf) -> std::thread::JoinHandle<Option<PathBuf>> {
    std::thread::spawn(move || {
        let taken = fdr_store::backup::daily_backup_of(&location, &(fdr_store::system_clock())());
        startup::mark("backup done");
        match taken {
            Ok(taken) => taken,
            Err(e) => {
                log::warn!("sauvegarde quotidienne impossible : {e}");
                None
            }
        }
    })
}

/// Starts the application.
pub fn run() {
    // First of all, while this is the only thread: WebKit reads it at start.
    window::choose_compositing();
    startup::begin();
    rest::begin();
    let app = tauri::Builder::default()
        // First: a second launch on the same store hands over and exits here.
        .plugin(
            tauri_plugin_single_instance::Builder::new()
                .dbus_id(instance_id(&store_target()))
                .callback(|handle, argv, cwd| {
                    log::info!("seconde ouverture : la fenêtre déjà ouverte reprend ses fichiers");
                    window::bring_to_front(handle);
                    import_opened(
                        handle,
                        events::files_in_args(argv.into_iter().skip(1).map(Into::into), Path::new(&cwd)),
                    );
                })
                .build(),
        )
        .plugin(journal::plugin())
        .plugin(tauri_plugin_window_state::Builder::new().build())
        .plugin(tauri_plugin_dialog::init())
        .menu(menu::build)
        .on_menu_event(|handle, event| on_menu(handle, event.id().as_ref()))
        .setup(start)
        .on_page_load(|_, payload| match payload.event() {
            tauri::webview::PageLoadEvent::Started => startup::mark("page load started"),
            tauri::webview::PageLoadEvent::Finished => startup::mark("page loaded"),
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
            app_info,
            startup_notices,
            startup_shown,
            app_events,
            open_log_folder,
            import_file,
            import_dialog,
            history,
            diff,
            consolidation_plan,
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
            set_role,
            export_avis
        ])
        .build(tauri::generate_context!());
    let app = match app {
        Ok(app) => app,
        // The instance holding this store did not answer (it is leaving).
        Err(e) if instance::handover_failed(&e) => instance::start_again(),
        Err(e) => {
            log::error!("démarrage impossible : {e}");
            eprintln!("Feuilles de route n’a pas pu ouvrir sa fenêtre (détail technique : {e}).");
            std::process::exit(1)
        }
    };
    app.run(|handle, event| {
        // macOS hands « Ouvrir avec » files to the running app as URLs.
        #[cfg(target_os = "macos")]
        if let tauri::RunEvent::Opened { urls } = &event {
            let paths = urls.iter().filter_map(|u| u.to_file_path().ok()).collect();
            import_opened(handle, paths);
        }
        // The window gone, the app is leaving: the store's single-instance
        // name is released now, not at the very end of the exit, so that a
        // launch in the meantime starts normally instead of handing its
        // files to an instance that will not answer.
        if let tauri::RunEvent::WindowEvent {
            label,
            event: tauri::WindowEvent::Destroyed,
            ..
        } = &event
        {
            if label == window::MAIN {
                tauri_plugin_single_instance::destroy(handle);
            }
        }
        if let tauri::RunEvent::ExitRequested { .. } = &event {
            tauri_plugin_single_instance::destroy(handle);
        }
        let _ = (handle, event);
    });
}

#[cfg(test)]
mod tests {
    use tauri::ipc::Origin;

    /// The day's backup, taken on its own thread once the window is usable,
    /// is still taken (once a day) and verified, beside the open writer.
    #[test]
    fn the_daily_backup_is_taken_after_the_start_and_verified() {
        let dir = tempfile::tempdir().unwrap();
        let location = dir.path().join("base.sqlite");
        let writer = fdr_store::Store::open(&location, fdr_store::system_clock()).unwrap();
        let taken = super::daily_backup(location.clone())
            .join()
            .expect("the backup thread ends")
            .expect("the first start of the day takes a backup");
        fdr_store::backup::verify(&taken).expect("the backup is verified");
        assert_eq!(
            fdr_store::backup::list(&fdr_store::backup::backups_dir(&location))
                .unwrap()
                .len(),
            1,
            "one backup beside the store"
        );
        assert_eq!(
            super::daily_backup(location).join().unwrap(),
            None,
            "not twice the same day"
        );
        drop(writer);
    }

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

    /// One instance per store: the same store gives the same D-Bus name, a
    /// store elsewhere another, and the name is a valid D-Bus name (its
    /// elements start with a letter, hold only `[A-Za-z0-9_-]`).
    #[test]
    fn each_store_has_its_own_instance_name() {
        let a = super::instance_id(std::path::Path::new("/tmp/Éloïse Dûchêne/a.sqlite"));
        assert_eq!(
            a,
            super::instance_id(std::path::Path::new("/tmp/Éloïse Dûchêne/a.sqlite"))
        );
        assert_ne!(a, super::instance_id(std::path::Path::new("/tmp/b.sqlite")));
        assert!(a.starts_with("fr.feuillesderoute.desktop.base"), "{a}");
        assert!(a.len() + ".SingleInstance".len() <= 255, "{a}");
        for element in a.split('.') {
            assert!(
                element.starts_with(|c: char| c.is_ascii_alphabetic())
                    && element
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-'),
                "{element} in {a}"
            );
        }
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
            "plugin:event|listen",
            "plugin:log|log",
            "plugin:window-state|save_window_state",
            "plugin:window-state|restore_state",
            "plugin:window|set_title",
            "plugin:menu|new",
            "plugin:opener|open_path",
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
