//! What the desktop app does, without Tauri: the start screen, editing a
//! roadmap with undo and redo, the light-Markdown preview and the exports.
//!
//! The Tauri shell (`src-tauri/src/lib.rs`) holds one [`Session`] behind a
//! mutex; each of its commands deserialises its arguments, calls one method
//! here and maps an [`AppError`] to `{code, message}`. Everything the UI
//! exchanges is declared for TypeScript by ts-rs (`ui/src/api/bindings.ts`,
//! kept current by the `bindings` test).
//!
//! Extending it: a new editing operation is a variant of [`Edit`] calling
//! one store method in [`Session::apply`]; undo and redo come for free
//! (they restore whole snapshots of the roadmap).

pub mod consolidation;
mod edit;
mod error;
pub mod patch;
mod review;
mod role;
mod view;

pub use consolidation::{consolidate, ConsolidationOptions, ConsolidationPlan, PlanEntry};
pub use edit::{ActionField, Edit, IndicatorField, ObjectiveField};
pub use error::AppError;
pub use patch::RoadmapPatch;
pub use review::{
    open_blocking, state_label, AvisEdit, AvisEntry, AvisScreen, RemarkState, ReviewSummary, ReviewView, Suggestion,
};
pub use role::{Role, ROLE};
pub use view::{
    Consolidated, ConsolidationKind, EditReply, ExportFile, ExportKind, FileImport, Overview, RoadmapCard, RoadmapView,
    ThemeRow,
};

use fdr_core::catalogue::Catalogue;
use fdr_core::Roadmap;
use fdr_store::{At, Store};
use std::collections::HashMap;

/// Most steps kept for undo, per roadmap.
pub const UNDO_DEPTH: usize = 200;

/// One step of undo: the patch back to the state before an edit, and
/// forward again.
#[derive(Debug, Clone)]
struct Step {
    back: RoadmapPatch,
    forward: RoadmapPatch,
}

/// The undo and redo stacks of one roadmap in this session, valid only
/// while the roadmap's version is `written`, the one this session's last
/// change left: any other change (an import, another window, the CLI)
/// drops them, so that an undo never puts back content over changes the
/// user did not see.
#[derive(Debug, Default)]
struct Steps {
    undo: Vec<Step>,
    redo: Vec<Step>,
    written: Option<i64>,
}

/// Why the undo history was emptied, for the user.
const HISTORY_DROPPED: &str = "la feuille de route a changé depuis votre dernière modification (import, autre fenêtre ou ligne de commande) : les modifications précédentes ne peuvent plus être annulées";

/// One user's working session over one store.
#[derive(Debug)]
pub struct Session {
    store: Store,
    catalogue: Catalogue,
    steps: HashMap<String, Steps>,
    /// Each roadmap as this session last read or wrote it, with its version.
    cache: HashMap<String, (i64, Roadmap)>,
}

impl Session {
    /// A session over an open store.
    pub fn new(store: Store) -> Self {
        Self {
            store,
            catalogue: Catalogue::builtin().clone(),
            steps: HashMap::new(),
            cache: HashMap::new(),
        }
    }

    /// The store (for the shell's read-only needs and for tests).
    pub fn store(&mut self) -> &mut Store {
        &mut self.store
    }

    /// The start screen: every theme of the catalogue with its roadmaps.
    pub fn overview(&mut self) -> Result<Overview, AppError> {
        let themes = self.themes()?;
        Ok(Overview {
            suggested_role: role::suggested(&themes),
            themes,
            departements: self.catalogue.departements.clone(),
            region_code: self.catalogue.region.code.clone(),
            // A value this version cannot read is asked again, not fatal.
            role: self.role().ok().flatten(),
        })
    }

    /// What this copy is for, if the user said it.
    pub fn role(&mut self) -> Result<Option<Role>, AppError> {
        self.store.setting(ROLE)?.as_deref().map(Role::parse).transpose()
    }

    /// After a restore: the role belongs to the workstation, not to the data,
    /// so a restored store that does not say (a backup taken before the
    /// question was answered) takes the role the copy had. A role the
    /// restored store holds is kept.
    pub fn keep_role(&mut self, before: Option<Role>) -> Result<(), AppError> {
        match (before, self.role().ok().flatten()) {
            (Some(role), None) => self.set_role(role),
            _ => Ok(()),
        }
    }

    /// Says what this copy is for; an animator's theme must be one of the region's.
    pub fn set_role(&mut self, role: Role) -> Result<(), AppError> {
        if let Role::Animator { theme } = role {
            if !self.catalogue.themes.iter().any(|t| t.number == theme) {
                return Err(AppError::new(
                    "invalid_input",
                    format!(
                        "rôle du poste : le thème {theme} n’est pas un thème de la région (1 à {})",
                        self.catalogue.themes.len()
                    ),
                ));
            }
        }
        Ok(self.store.set_setting(ROLE, Some(&role.stored()))?)
    }

    /// Every theme of the catalogue with its roadmaps.
    pub fn themes(&mut self) -> Result<Vec<ThemeRow>, AppError> {
        let summaries = self.store.list()?;
        let mut rows = Vec::with_capacity(self.catalogue.themes.len());
        for theme in &self.catalogue.themes {
            let mut roadmaps = Vec::new();
            for s in summaries.iter().filter(|s| s.theme_number == theme.number) {
                // One roadmap in memory at a time: a secretariat's 15 large
                // ones were all held at once, and the process kept that peak.
                let (r, exported_at) = match self.store.roadmap_and_export(&s.id) {
                    Ok(found) => found,
                    // Deleted since the list was read (another process).
                    Err(fdr_store::StoreError::RoadmapNotFound(_)) => continue,
                    Err(e) => return Err(e.into()),
                };
                let review = review::summary(&mut self.store, s)?;
                roadmaps.push(RoadmapCard::new(s, &r, exported_at, review));
            }
            rows.push(ThemeRow {
                number: theme.number,
                title: theme.title.clone(),
                roadmaps,
            });
        }
        Ok(rows)
    }

    /// Creates an empty roadmap for a theme; `id` is a UUID drawn by the caller.
    pub fn create(&mut self, id: &str, theme_number: i64) -> Result<RoadmapView, AppError> {
        self.store.create_roadmap(id, theme_number)?;
        self.view(id)
    }

    /// The roadmap as it is in the store, at its current version (read
    /// once per version: this session's cache).
    fn current(&mut self, id: &str) -> Result<(i64, Roadmap), AppError> {
        let version = self.store.version(id)?;
        if let Some((v, r)) = self.cache.get(id) {
            if *v == version {
                return Ok((version, r.clone()));
            }
        }
        let roadmap = self.store.roadmap(id)?;
        // A change between the two reads: read again, both in step.
        let again = self.store.version(id)?;
        if again != version {
            return self.current(id);
        }
        self.cache.insert(id.to_string(), (version, roadmap.clone()));
        Ok((version, roadmap))
    }

    /// The undo stacks of `id`, emptied if the roadmap moved to a version
    /// this session did not write; says whether they were.
    fn steps_at(&mut self, id: &str, version: i64) -> (&mut Steps, bool) {
        let steps = self.steps.entry(id.to_string()).or_default();
        let dropped = match steps.written {
            Some(w) if w != version => !(steps.undo.is_empty() && steps.redo.is_empty()),
            _ => false,
        };
        if steps.written != Some(version) {
            steps.undo.clear();
            steps.redo.clear();
            steps.written = None;
        }
        (steps, dropped)
    }

    /// A roadmap as the editor shows it, with its version.
    pub fn view(&mut self, id: &str) -> Result<RoadmapView, AppError> {
        let (version, roadmap) = self.current(id)?;
        let (steps, dropped) = self.steps_at(id, version);
        let (undo, redo) = (steps.undo.len(), steps.redo.len());
        let mut view = view::build(&mut self.store, roadmap, version, undo, redo)?;
        view.notice = dropped.then(|| HISTORY_DROPPED.to_string());
        Ok(view)
    }

    /// Applies one edit built on the view at `version`, committed before
    /// this returns; it can be undone. An edit on a roadmap that changed
    /// since (`stale`) writes nothing.
    pub fn apply(&mut self, id: &str, version: i64, edit: &Edit) -> Result<EditReply, AppError> {
        let (current, before) = self.current(id)?;
        if current != version {
            return Err(fdr_store::StoreError::Stale {
                id: id.to_string(),
                seen: version,
                current,
            }
            .into());
        }
        edit::apply(&mut self.store, At::version(id, version), &before, edit)?;
        self.record(id, version, before)
    }

    /// After a committed edit of `id` that was built on `version` over
    /// `before`: reads the new state, keeps the undo step, and replies.
    fn record(&mut self, id: &str, version: i64, before: Roadmap) -> Result<EditReply, AppError> {
        let written = self
            .store
            .committed_version(id)
            .ok_or_else(|| AppError::new("internal", "erreur interne : version inconnue après l’enregistrement"))?;
        let after = self.store.roadmap(id)?;
        let forward = patch::diff(&before, &after);
        let back = patch::diff(&after, &before);
        let (steps, dropped) = self.steps_at(id, version);
        steps.undo.push(Step {
            back,
            forward: forward.clone(),
        });
        if steps.undo.len() > UNDO_DEPTH {
            steps.undo.remove(0);
        }
        steps.redo.clear();
        steps.written = Some(written);
        let (undo, redo) = (steps.undo.len(), steps.redo.len());
        self.cache.insert(id.to_string(), (written, after.clone()));
        let mut reply = view::reply(&mut self.store, &after, written, forward, undo, redo)?;
        reply.notice = dropped.then(|| HISTORY_DROPPED.to_string());
        Ok(reply)
    }

    /// Goes back one edit. Refused (`undo_lost`, the stacks emptied) when
    /// the roadmap changed since this session's last change, and `stale`
    /// when the caller's view is older than the store's.
    pub fn undo(&mut self, id: &str, version: i64) -> Result<EditReply, AppError> {
        self.step(id, version, true)
    }

    /// Redoes the last undone edit, under the same rules as [`Session::undo`].
    pub fn redo(&mut self, id: &str, version: i64) -> Result<EditReply, AppError> {
        self.step(id, version, false)
    }

    fn step(&mut self, id: &str, version: i64, back: bool) -> Result<EditReply, AppError> {
        let (current, roadmap) = self.current(id)?;
        if current != version {
            return Err(fdr_store::StoreError::Stale {
                id: id.to_string(),
                seen: version,
                current,
            }
            .into());
        }
        let (steps, dropped) = self.steps_at(id, current);
        if dropped {
            return Err(AppError::new("undo_lost", format!("{HISTORY_DROPPED}.")));
        }
        let Some(step) = (if back { steps.undo.pop() } else { steps.redo.pop() }) else {
            let (undo, redo) = (steps.undo.len(), steps.redo.len());
            return view::reply(&mut self.store, &roadmap, current, RoadmapPatch::default(), undo, redo);
        };
        let target = patch::apply(&roadmap, if back { &step.back } else { &step.forward });
        let restored = match target {
            Some(target) => self
                .store
                .restore_content(At::version(id, current), &target)
                .map(|()| target),
            None => Err(fdr_store::StoreError::Stale {
                id: id.to_string(),
                seen: current,
                current,
            }),
        };
        let steps = self.steps.entry(id.to_string()).or_default();
        let target = match restored {
            Ok(target) => target,
            Err(e) => {
                // Nothing changed: the step goes back where it was.
                if back { &mut steps.undo } else { &mut steps.redo }.push(step);
                return Err(e.into());
            }
        };
        let sent = if back { step.back.clone() } else { step.forward.clone() };
        if back { &mut steps.redo } else { &mut steps.undo }.push(step);
        let written = self.store.committed_version(id).unwrap_or(current + 1);
        let steps = self.steps.entry(id.to_string()).or_default();
        steps.written = Some(written);
        let (undo, redo) = (steps.undo.len(), steps.redo.len());
        self.cache.insert(id.to_string(), (written, target.clone()));
        view::reply(&mut self.store, &target, written, sent, undo, redo)
    }

    /// Exports a roadmap as the format's JSON or as its PDF (which carries
    /// that JSON, and its answers when there are any). A roadmap edited
    /// since its last export gets a new revision.
    pub fn export(&mut self, id: &str, kind: ExportKind) -> Result<ExportFile, AppError> {
        let now = self.store.now();
        let exported = self.store.export_json(id, &now)?;
        self.cache.remove(id);
        let roadmap = self.store.roadmap(id)?;
        let open_blocking = review::open_blocking(&mut self.store, id)?;
        let bytes = match kind {
            ExportKind::Json => exported.bytes.clone(),
            ExportKind::Pdf => fdr_pdf::roadmap_pdf_with_answers(
                &roadmap,
                &exported.bytes,
                exported.reponses.as_deref(),
                &exported.exported_at,
            ),
        };
        let name =
            |ext| fdr_core::files::export_file_name(roadmap.theme.number, &roadmap.theme.title, exported.revision, ext);
        let stem = name("json").trim_end_matches(".json").to_string();
        let (file_name, companion) = match kind {
            // The format's exchange files are `*.fdr.json`, the answers `*.fdr-reponses.json` beside.
            ExportKind::Json => (
                format!("{stem}.fdr.json"),
                exported.reponses.map(|r| (format!("{stem}.fdr-reponses.json"), r)),
            ),
            ExportKind::Pdf => (name("pdf"), None),
        };
        let warning = (!open_blocking.is_empty()).then(|| {
            format!(
                "{} remarque{} bloquante{} du secrétariat sans réponse : le secrétariat attend une réponse à chacune avant de valider",
                open_blocking.len(),
                if open_blocking.len() > 1 { "s" } else { "" },
                if open_blocking.len() > 1 { "s" } else { "" }
            )
        });
        Ok(ExportFile {
            file_name,
            bytes,
            revision: exported.revision,
            new_revision: exported.new_revision,
            companion,
            warning,
        })
    }

    /// Takes over the authorship of a received roadmap (the UI warns first).
    pub fn adopt(&mut self, id: &str) -> Result<RoadmapView, AppError> {
        self.store.adopt(id)?;
        self.view(id)
    }

    /// The copy's settings (role…), by key.
    pub fn setting(&mut self, key: &str) -> Result<Option<String>, AppError> {
        Ok(self.store.setting(key)?)
    }

    /// Sets (or removes) a setting of the copy.
    pub fn set_setting(&mut self, key: &str, value: Option<&str>) -> Result<(), AppError> {
        Ok(self.store.set_setting(key, value)?)
    }
}

impl Session {
    /// Imports one received file (JSON, a roadmap's PDF or a consolidated
    /// PDF), whole or not at all; a refusal is reported, not raised.
    pub fn import_file(&mut self, name: &str, bytes: &[u8]) -> FileImport {
        self.import_with(name, bytes, None)
    }

    /// [`Session::import_file`] with the answers file found beside a
    /// roadmap's JSON (`NAME.fdr-reponses.json`), taken in the same transaction.
    pub fn import_with(&mut self, name: &str, bytes: &[u8], companion: Option<&[u8]>) -> FileImport {
        let refused = |message: String| FileImport {
            name: name.to_string(),
            reports: Vec::new(),
            avis: None,
            answers: None,
            refused: Some(message),
        };
        match self.store.receive(bytes, Some(name), companion) {
            Ok(received) => FileImport {
                name: name.to_string(),
                reports: received.roadmaps,
                avis: received.avis,
                answers: received.answers,
                refused: None,
            },
            Err(fdr_store::StoreError::Refused(e)) => refused(
                e.problems()
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join(" ; "),
            ),
            Err(e) => refused(e.to_string()),
        }
    }

    /// Imports files from disk, each whole or refused (a file larger than
    /// any roadmap PDF may be is refused unread).
    pub fn import_paths(&mut self, paths: &[std::path::PathBuf]) -> Vec<FileImport> {
        paths
            .iter()
            .map(|path| {
                let name = path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let read = std::fs::metadata(path)
                    .map_err(|e| format!("illisible : {e}"))
                    .and_then(|m| {
                        if m.len() > fdr_format::pdf::MAX_PDF_BYTES as u64 {
                            Err(format!("fichier trop volumineux ({} octets)", m.len()))
                        } else {
                            std::fs::read(path).map_err(|e| format!("illisible : {e}"))
                        }
                    });
                match read {
                    Ok(bytes) => {
                        let companion = companion_of(path).and_then(|p| std::fs::read(p).ok());
                        self.import_with(&name, &bytes, companion.as_deref())
                    }
                    Err(message) => FileImport {
                        name,
                        reports: Vec::new(),
                        avis: None,
                        answers: None,
                        refused: Some(message),
                    },
                }
            })
            .collect()
    }

    /// The recorded revisions of a roadmap, oldest first.
    pub fn history(&mut self, id: &str) -> Result<Vec<fdr_store::RevisionEntry>, AppError> {
        Ok(self.store.history(id)?)
    }

    /// What changed between two recorded revisions.
    pub fn diff(&mut self, id: &str, from: i64, to: i64) -> Result<Vec<fdr_core::diff::Change>, AppError> {
        Ok(self.store.diff(id, from, to)?)
    }

    /// What a consolidation under `options` would include, and why (shown before it is made).
    pub fn consolidation_plan(&mut self, options: &ConsolidationOptions) -> Result<ConsolidationPlan, AppError> {
        consolidation::plan(&mut self.store, options)
    }

    /// The consolidated outputs of that plan (see [`consolidate`]).
    pub fn consolidate(
        &mut self,
        kind: ConsolidationKind,
        options: &ConsolidationOptions,
    ) -> Result<Consolidated, AppError> {
        consolidate(&mut self.store, kind, options)
    }
}

/// The answers file beside a roadmap's JSON: `NAME.fdr-reponses.json` for
/// `NAME.fdr.json`, when it exists.
pub fn companion_of(path: &std::path::Path) -> Option<std::path::PathBuf> {
    path.file_name()?.to_str()?.strip_suffix(".fdr.json")?;
    let companion = fdr_core::files::answers_beside(path);
    companion.is_file().then_some(companion)
}

/// The light-Markdown preview: the blocks exactly as the PDF lays them out,
/// with French typography (shown, never stored).
pub fn markdown(text: &str) -> Vec<fdr_core::markdown::Block> {
    fdr_core::typography::blocks(fdr_core::markdown::parse(text))
}
