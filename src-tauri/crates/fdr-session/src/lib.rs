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

mod edit;
mod error;
mod view;

pub use edit::Edit;
pub use error::AppError;
pub use view::{
    Consolidated, ConsolidationKind, ExportFile, ExportKind, FileImport, Overview, RoadmapCard, RoadmapView, ThemeRow,
};

use fdr_core::catalogue::Catalogue;
use fdr_core::Roadmap;
use fdr_store::Store;
use std::collections::HashMap;

/// Most steps kept for undo, per roadmap.
pub const UNDO_DEPTH: usize = 200;

/// The undo and redo stacks of one roadmap: whole snapshots of its content.
#[derive(Debug, Default)]
struct Steps {
    undo: Vec<Roadmap>,
    redo: Vec<Roadmap>,
}

/// One user's working session over one store.
#[derive(Debug)]
pub struct Session {
    store: Store,
    catalogue: Catalogue,
    steps: HashMap<String, Steps>,
}

impl Session {
    /// A session over an open store.
    pub fn new(store: Store) -> Self {
        Self {
            store,
            catalogue: Catalogue::builtin().clone(),
            steps: HashMap::new(),
        }
    }

    /// The store (for the shell's read-only needs and for tests).
    pub fn store(&mut self) -> &mut Store {
        &mut self.store
    }

    /// The start screen: every theme of the catalogue with its roadmaps.
    pub fn overview(&mut self) -> Result<Overview, AppError> {
        Ok(Overview {
            themes: self.themes()?,
            departements: self.catalogue.departements.clone(),
            region_code: self.catalogue.region.code.clone(),
        })
    }

    /// Every theme of the catalogue with its roadmaps.
    pub fn themes(&mut self) -> Result<Vec<ThemeRow>, AppError> {
        let summaries = self.store.list()?;
        let all = self.store.all_roadmaps()?;
        let mut rows = Vec::with_capacity(self.catalogue.themes.len());
        for theme in &self.catalogue.themes {
            let mut roadmaps = Vec::new();
            for s in summaries.iter().filter(|s| s.theme_number == theme.number) {
                if let Some((r, exported_at)) = all.iter().find(|(r, _)| r.id == s.id) {
                    roadmaps.push(RoadmapCard::new(s, r, exported_at.clone()));
                }
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

    /// A roadmap as the editor shows it.
    pub fn view(&mut self, id: &str) -> Result<RoadmapView, AppError> {
        let roadmap = self.store.roadmap(id)?;
        let steps = self.steps.get(id);
        view::build(
            &mut self.store,
            roadmap,
            steps.map_or(0, |s| s.undo.len()),
            steps.map_or(0, |s| s.redo.len()),
        )
    }

    /// Applies one edit, committed before this returns; it can be undone.
    pub fn apply(&mut self, id: &str, edit: &Edit) -> Result<RoadmapView, AppError> {
        let before = self.store.roadmap(id)?;
        edit::apply(&mut self.store, id, &before, edit)?;
        let steps = self.steps.entry(id.to_string()).or_default();
        steps.undo.push(before);
        if steps.undo.len() > UNDO_DEPTH {
            steps.undo.remove(0);
        }
        steps.redo.clear();
        self.view(id)
    }

    /// Goes back one edit (nothing to undo: the roadmap as it is).
    pub fn undo(&mut self, id: &str) -> Result<RoadmapView, AppError> {
        self.step(id, true)
    }

    /// Redoes the last undone edit.
    pub fn redo(&mut self, id: &str) -> Result<RoadmapView, AppError> {
        self.step(id, false)
    }

    fn step(&mut self, id: &str, back: bool) -> Result<RoadmapView, AppError> {
        let steps = self.steps.entry(id.to_string()).or_default();
        let target = if back { steps.undo.pop() } else { steps.redo.pop() };
        if let Some(target) = target {
            let current = self.store.roadmap(id)?;
            if let Err(e) = self.store.restore_content(id, &target) {
                // Nothing changed: put the step back where it was.
                let steps = self.steps.entry(id.to_string()).or_default();
                if back { &mut steps.undo } else { &mut steps.redo }.push(target);
                return Err(e.into());
            }
            let steps = self.steps.entry(id.to_string()).or_default();
            if back { &mut steps.redo } else { &mut steps.undo }.push(current);
        }
        self.view(id)
    }

    /// Exports a roadmap as the format's JSON or as its PDF (which carries
    /// that JSON). A roadmap edited since its last export gets a new revision.
    pub fn export(&mut self, id: &str, kind: ExportKind) -> Result<ExportFile, AppError> {
        let now = self.store.now();
        let exported = self.store.export_json(id, &now)?;
        let roadmap = self.store.roadmap(id)?;
        let bytes = match kind {
            ExportKind::Json => exported.bytes,
            ExportKind::Pdf => fdr_pdf::roadmap_pdf(&roadmap, &exported.bytes, &exported.exported_at),
        };
        let name =
            |ext| fdr_core::files::export_file_name(roadmap.theme.number, &roadmap.theme.title, exported.revision, ext);
        let file_name = match kind {
            // The format's exchange files are `*.fdr.json`.
            ExportKind::Json => format!("{}.fdr.json", name("json").trim_end_matches(".json")),
            ExportKind::Pdf => name("pdf"),
        };
        Ok(ExportFile {
            file_name,
            bytes,
            revision: exported.revision,
            new_revision: exported.new_revision,
        })
    }
}

impl Session {
    /// Imports one received file (JSON, a roadmap's PDF or a consolidated
    /// PDF), whole or not at all; a refusal is reported, not raised.
    pub fn import_file(&mut self, name: &str, bytes: &[u8]) -> FileImport {
        match self.store.import_all(bytes, Some(name)) {
            Ok(reports) => FileImport {
                name: name.to_string(),
                reports,
                refused: None,
            },
            Err(fdr_store::StoreError::Refused(e)) => FileImport {
                name: name.to_string(),
                reports: Vec::new(),
                refused: Some(
                    e.problems()
                        .iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join(" ; "),
                ),
            },
            Err(e) => FileImport {
                name: name.to_string(),
                reports: Vec::new(),
                refused: Some(e.to_string()),
            },
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
                    Ok(bytes) => self.import_file(&name, &bytes),
                    Err(message) => FileImport {
                        name,
                        reports: Vec::new(),
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

    /// The consolidated outputs (see [`consolidate`]).
    pub fn consolidate(&mut self, kind: ConsolidationKind) -> Result<Consolidated, AppError> {
        consolidate(&mut self.store, kind)
    }
}

/// The consolidated outputs of the last exported or received revision of
/// every roadmap of a store, dated by its clock (the app and `fdr consolidate`).
pub fn consolidate(store: &mut Store, kind: ConsolidationKind) -> Result<Consolidated, AppError> {
    let now = store.now();
    let set = store.published()?;
    let mut notes: Vec<String> = set
        .never_exported
        .iter()
        .map(|(theme, _)| format!("Thème {theme} : feuille de route jamais exportée ni reçue, non incluse."))
        .collect();
    notes.extend(set.roadmaps.iter().filter(|p| p.local_edits).map(|p| {
        format!(
            "Thème {} : modifications locales non exportées, non incluses (révision {} utilisée).",
            p.roadmap.theme.number, p.roadmap.revision
        )
    }));
    let day = now.get(..10).unwrap_or("1970-01-01").to_string();
    let files = match kind {
        ConsolidationKind::Pdf => {
            let sources: Vec<fdr_pdf::Source> = set
                .roadmaps
                .iter()
                .map(|p| fdr_pdf::Source {
                    roadmap: &p.roadmap,
                    json: &p.json,
                    exported_at: &p.exported_at,
                })
                .collect();
            vec![(
                format!("feuilles-de-route-consolidation-{day}.pdf"),
                fdr_pdf::consolidated_pdf(&sources, &now),
            )]
        }
        ConsolidationKind::Xlsx | ConsolidationKind::Csv => {
            let included: Vec<fdr_report::Included> = set
                .roadmaps
                .iter()
                .map(|p| fdr_report::Included {
                    roadmap: &p.roadmap,
                    exported_at: Some(&p.exported_at),
                })
                .collect();
            let sheets = fdr_report::sheets(&included);
            if kind == ConsolidationKind::Xlsx {
                let bytes =
                    fdr_report::xlsx::write(&sheets, &now).map_err(|e| AppError::new("report", e.to_string()))?;
                vec![(format!("feuilles-de-route-consolidation-{day}.xlsx"), bytes)]
            } else {
                sheets
                    .iter()
                    .map(|s| (format!("{}.csv", s.file_stem), fdr_report::csv::write(s)))
                    .collect()
            }
        }
    };
    Ok(Consolidated {
        files,
        included: set.roadmaps.len(),
        notes,
    })
}

/// The light-Markdown preview: the blocks exactly as the PDF lays them out,
/// with French typography (shown, never stored).
pub fn markdown(text: &str) -> Vec<fdr_core::markdown::Block> {
    fdr_core::typography::blocks(fdr_core::markdown::parse(text))
}
