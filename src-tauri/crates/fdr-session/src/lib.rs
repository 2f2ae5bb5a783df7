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
pub use view::{ExportFile, ExportKind, RoadmapCard, RoadmapView, ThemeRow};

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
    pub fn themes(&mut self) -> Result<Vec<ThemeRow>, AppError> {
        let summaries = self.store.list()?;
        let mut rows = Vec::with_capacity(self.catalogue.themes.len());
        for theme in &self.catalogue.themes {
            let mut roadmaps = Vec::new();
            for s in summaries.iter().filter(|s| s.theme_number == theme.number) {
                let warnings = self.store.warnings(&s.id)?.len();
                roadmaps.push(RoadmapCard::new(s, warnings));
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

/// The light-Markdown preview: the blocks exactly as the PDF lays them out.
pub fn markdown(text: &str) -> Vec<fdr_core::markdown::Block> {
    fdr_core::markdown::parse(text)
}
