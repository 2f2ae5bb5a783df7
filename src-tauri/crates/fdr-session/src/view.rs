//! What the screens show, computed here so the UI only lays it out.

use crate::AppError;
use fdr_core::warnings::Warning;
use fdr_core::{Roadmap, RoadmapStatus};
use fdr_store::{RoadmapSummary, Store};
use serde::{Deserialize, Serialize};

/// One roadmap on the start screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RoadmapCard {
    /// UUID.
    pub id: String,
    /// Theme title as written in the roadmap.
    pub theme_title: String,
    /// Status.
    pub status: RoadmapStatus,
    /// Last exported or imported revision (0: never).
    pub revision: i64,
    /// Edited since its last export.
    pub edited: bool,
    /// Last change (RFC 3339, UTC).
    pub updated_at: String,
    /// Number of warnings.
    pub warnings: usize,
    /// Animators' names.
    pub animators: Vec<String>,
    /// When the current revision was exported or received (RFC 3339), if ever.
    pub exported_at: Option<String>,
    /// Counts.
    pub objectives: usize,
    /// Counts.
    pub actions: usize,
    /// Counts.
    pub indicators: usize,
    /// Budget of all actions, in cents.
    pub total_cents: i64,
    /// Territory codes named by its objectives and actions (départements, region).
    pub territories: Vec<String>,
    /// This copy writes it (otherwise it was received and is read-only here).
    pub authored: bool,
    /// Where its review stands: the latest avis, its remarks and their answers.
    pub review: Option<crate::ReviewSummary>,
    /// What its author does next, in words (« Écrire le diagnostic »,
    /// « Corriger 3 points de vérification », « Exporter et envoyer au secrétariat »…).
    pub next_step: String,
}

impl RoadmapCard {
    pub(crate) fn new(
        s: &RoadmapSummary,
        r: &Roadmap,
        exported_at: Option<String>,
        review: Option<crate::ReviewSummary>,
    ) -> Self {
        let mut territories: Vec<String> = r
            .objectives
            .iter()
            .flat_map(|o| o.territories.iter().flatten())
            .chain(r.actions.iter().flat_map(|a| a.territories.iter().flatten()))
            .cloned()
            .collect();
        territories.sort();
        territories.dedup();
        let mut card = Self {
            id: s.id.clone(),
            theme_title: s.theme_title.clone(),
            status: s.status,
            revision: s.revision,
            edited: s.edited,
            updated_at: s.updated_at.clone(),
            warnings: fdr_core::warnings::warnings(r).len(),
            animators: r.animators.iter().map(|a| a.name.clone()).collect(),
            exported_at,
            objectives: r.objectives.len(),
            actions: r.actions.len(),
            indicators: r.indicators.len(),
            total_cents: i64::try_from(r.total_cents()).unwrap_or(i64::MAX),
            territories,
            authored: s.authored,
            review,
            next_step: String::new(),
        };
        card.next_step = crate::role::next_step(&card, !r.diagnosis.text.trim().is_empty());
        card
    }
}

/// The start screen: the region's themes with their roadmaps, and the
/// départements to filter them by.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Overview {
    /// The 15 themes.
    pub themes: Vec<ThemeRow>,
    /// Départements of the region.
    pub departements: Vec<fdr_core::catalogue::Departement>,
    /// Code of the region (a territory meaning every département).
    pub region_code: String,
    /// What this copy is for; none until the user said it (first run).
    pub role: Option<crate::Role>,
    /// The answer to propose on first run, from the roadmaps already here.
    pub suggested_role: Option<crate::Role>,
}

/// What happened to one received file.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
pub struct FileImport {
    /// The file's name as given.
    pub name: String,
    /// One report per roadmap it carried (none when refused).
    pub reports: Vec<fdr_store::ImportReport>,
    /// The avis it carried.
    pub avis: Option<fdr_store::AvisReport>,
    /// The answers it carried.
    pub answers: Option<fdr_store::AnswersReport>,
    /// Why it was refused, in French (the store is unchanged), if it was.
    pub refused: Option<String>,
}

/// A consolidated output ready to be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Consolidated {
    /// Files: (proposed name, bytes); one for PDF and XLSX, seven for CSV.
    pub files: Vec<(String, Vec<u8>)>,
    /// Roadmaps included.
    pub included: usize,
    /// What was left out (or taken at an older revision) and why, in French.
    pub notes: Vec<String>,
    /// The plan followed: every roadmap included or not, and why.
    pub plan: crate::ConsolidationPlan,
}

/// What to consolidate into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ConsolidationKind {
    /// The regional PDF.
    Pdf,
    /// The XLSX workbook.
    Xlsx,
    /// One CSV file per sheet.
    Csv,
}

/// One theme of the region on the start screen, with its roadmaps (none,
/// one, or several when copies diverged).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ThemeRow {
    /// 1 to 15.
    pub number: i64,
    /// The catalogue's title.
    pub title: String,
    /// Roadmaps of this theme in the store.
    pub roadmaps: Vec<RoadmapCard>,
}

/// A roadmap in the editor, with what the screens derive from it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
pub struct RoadmapView {
    /// The content.
    pub roadmap: Roadmap,
    /// The version this view shows: every edit sends it back, and an edit
    /// on a roadmap that changed since is refused (`stale`).
    pub version: i64,
    /// This copy is the author; a received roadmap is read-only.
    pub authored: bool,
    /// The core's warnings, live.
    pub warnings: Vec<Warning>,
    /// Edited since its last export.
    pub edited: bool,
    /// Last change committed (RFC 3339, UTC).
    pub updated_at: String,
    /// Steps that can be undone in this session.
    pub undo_steps: usize,
    /// Steps that can be redone.
    pub redo_steps: usize,
    /// The secretariat's avis and the answers.
    pub review: crate::ReviewView,
    /// Something to tell the user (the undo history was emptied, and why).
    pub notice: Option<String>,
}

/// The reply of an edit, an undo or a redo: what changed, not the whole roadmap.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
pub struct EditReply {
    /// The version the change left (send it with the next edit).
    pub version: i64,
    /// What changed, to merge into the view.
    pub patch: crate::RoadmapPatch,
    /// The core's warnings after the change, all of them.
    pub warnings: Vec<Warning>,
    /// Edited since its last export.
    pub edited: bool,
    /// When the change was committed (RFC 3339, UTC).
    pub updated_at: String,
    /// Steps that can be undone.
    pub undo_steps: usize,
    /// Steps that can be redone.
    pub redo_steps: usize,
    /// The review, when an answer changed it.
    pub review: Option<crate::ReviewView>,
    /// Something to tell the user (the undo history was emptied, and why).
    pub notice: Option<String>,
}

pub(crate) fn build(
    store: &mut Store,
    roadmap: Roadmap,
    version: i64,
    undo: usize,
    redo: usize,
) -> Result<RoadmapView, AppError> {
    let warnings = fdr_core::warnings::warnings(&roadmap);
    let summary = store.summary(&roadmap.id)?;
    let review = crate::review::view(store, &roadmap)?;
    Ok(RoadmapView {
        roadmap,
        version,
        authored: summary.authored,
        warnings,
        edited: summary.edited,
        updated_at: summary.updated_at,
        undo_steps: undo,
        redo_steps: redo,
        review,
        notice: None,
    })
}

pub(crate) fn reply(
    store: &mut Store,
    roadmap: &Roadmap,
    version: i64,
    patch: crate::RoadmapPatch,
    undo: usize,
    redo: usize,
) -> Result<EditReply, AppError> {
    let summary = store.summary(&roadmap.id)?;
    Ok(EditReply {
        version,
        patch,
        warnings: fdr_core::warnings::warnings(roadmap),
        edited: summary.edited,
        updated_at: summary.updated_at,
        undo_steps: undo,
        redo_steps: redo,
        review: None,
        notice: None,
    })
}

/// What to export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ExportKind {
    /// The PDF, carrying the JSON.
    Pdf,
    /// The exchange file `.fdr.json`.
    Json,
}

/// An export ready to be written where the user chooses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportFile {
    /// Proposed file name (safe on every system).
    pub file_name: String,
    /// The bytes.
    pub bytes: Vec<u8>,
    /// Revision of the exported content.
    pub revision: i64,
    /// Whether the export made a new revision.
    pub new_revision: bool,
    /// The answers file to write beside a JSON export (`NAME.fdr-reponses.json`), if any.
    pub companion: Option<(String, Vec<u8>)>,
    /// What the author should know before sending (blocking remarks unanswered); never blocks.
    pub warning: Option<String>,
}
