//! The review loop as the screens see it: the secretariat's *Avis* screen
//! (drafts, suggestions from warnings and diffs, issuing, exporting), the
//! animator's remarks beside their items with their answers, and each
//! roadmap's review state for the overview.
//!
//! Everything here reads or writes through the store's review operations;
//! what is computed (labels, open counts, the changes on a remark's item
//! since the revision it reviewed) is computed here so the UI only lays
//! it out.

use crate::{AppError, ExportFile, ExportKind, Session};
use fdr_core::catalogue::Catalogue;
use fdr_core::diff::Change;
use fdr_core::review::*;
use fdr_core::Roadmap;
use fdr_store::{AvisState, HeldAnswer, RoadmapSummary, Store, StoredAvis};
use serde::{Deserialize, Serialize};

/// An avis held by this copy.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
pub struct AvisEntry {
    /// The avis (a draft's `issued_at` is empty).
    pub avis: Avis,
    /// Draft, issued here, received.
    pub state: AvisState,
    /// The latest issued or received avis: it gives the review state.
    pub latest: bool,
    /// The roadmap's current revision (higher than the avis' when it is about an older one).
    pub current_revision: i64,
    /// The file it came from, when received.
    pub source_name: Option<String>,
}

/// One remark with what became of it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
pub struct RemarkState {
    /// The avis' id.
    pub avis: String,
    /// The avis' decision.
    pub decision: Decision,
    /// Of the latest avis (the others are superseded, still readable).
    pub latest: bool,
    /// The remark.
    pub remark: Remark,
    /// What it is about, for people (« Action A2 — titre…, financement »).
    pub label: String,
    /// The answer given, if any.
    pub answer: Option<HeldAnswer>,
    /// Whether its item is still in the roadmap.
    pub item_exists: bool,
    /// What changed on its item (or part) since the revision reviewed.
    pub changes: Vec<Change>,
}

/// The review of one roadmap, in the editor and the *Avis* screen.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReviewView {
    /// Every avis held, oldest first (drafts last).
    pub avis: Vec<AvisEntry>,
    /// Every remark of every issued or received avis, with its answer.
    pub remarks: Vec<RemarkState>,
    /// Blocking remarks of the latest avis without an answer.
    pub open_blocking: usize,
}

/// Where a roadmap's review stands, for the overview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
pub struct ReviewSummary {
    /// The latest avis' id.
    pub avis: String,
    /// Its decision.
    pub decision: Decision,
    /// The revision it reviewed.
    pub reviewed_revision: i64,
    /// When it was issued.
    pub issued_at: String,
    /// Its remarks.
    pub remarks: usize,
    /// Remarks with an answer.
    pub answered: usize,
    /// Remarks without one.
    pub open: usize,
    /// Blocking remarks without one.
    pub blocking_open: usize,
    /// The latest revision held answers this avis (it came back with answers to it).
    pub answered_by_latest: bool,
    /// Drafts being written on this roadmap.
    pub drafts: usize,
}

/// A remark proposed from a warning of the reviewed revision or a line of
/// its diff with the revision before: one click makes it a draft remark.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Suggestion {
    /// `warning` or `change`.
    pub source: String,
    /// The remark's target.
    pub target: Target,
    /// For people: what it is about.
    pub label: String,
    /// The remark's proposed text.
    pub text: String,
}

/// The *Avis* screen of one received roadmap.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
pub struct AvisScreen {
    /// The roadmap.
    pub roadmap_id: String,
    /// Its theme.
    pub theme_number: i64,
    /// Its title.
    pub theme_title: String,
    /// Its animators' names (its authors).
    pub animators: Vec<String>,
    /// Its current revision (the one a new avis reviews).
    pub current_revision: i64,
    /// What a remark can aim at in the current revision.
    pub targets: Vec<TargetChoice>,
    /// Remarks proposed from its warnings and its last diff.
    pub suggestions: Vec<Suggestion>,
    /// The avis and their remarks with answers.
    pub review: ReviewView,
    /// Who issues avis from this copy (the settings).
    pub reviewer: Reviewer,
}

/// A change of a draft avis.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "op", rename_all = "snake_case", deny_unknown_fields)]
pub enum AvisEdit {
    /// The decision.
    SetDecision {
        /// Validated, changes requested, comments.
        decision: Decision,
    },
    /// The summary (light Markdown).
    SetSummary {
        /// Text.
        summary: String,
    },
    /// Who issues it.
    SetReviewer {
        /// Name, organisation…
        reviewer: Reviewer,
    },
    /// A new remark (id `R1`, `R2`… and the item's title as its quote).
    AddRemark {
        /// What it is about.
        target: Target,
        /// Blocking or normal.
        severity: Severity,
        /// Light Markdown.
        text: String,
    },
    /// Changes a remark.
    UpdateRemark {
        /// Its id.
        id: String,
        /// What it is about.
        target: Target,
        /// Blocking or normal.
        severity: Severity,
        /// Light Markdown.
        text: String,
    },
    /// Removes a remark.
    DeleteRemark {
        /// Its id.
        id: String,
    },
    /// Moves a remark to position `to`.
    MoveRemark {
        /// Its id.
        id: String,
        /// New position (0-based).
        to: usize,
    },
}

/// The settings key of the reviewer's identity.
const REVIEWER: &str = "reviewer";

fn entry(s: &StoredAvis, latest: Option<&str>, current_revision: i64) -> AvisEntry {
    AvisEntry {
        avis: s.avis.clone(),
        state: s.state,
        latest: latest == Some(s.avis.id.as_str()),
        current_revision,
        source_name: s.source_name.clone(),
    }
}

/// The latest issued or received avis (by `issued_at`).
fn latest(avis: &[StoredAvis]) -> Option<&StoredAvis> {
    avis.iter().rfind(|s| s.state != AvisState::Draft)
}

fn answer_of<'a>(answers: &'a [HeldAnswer], avis: &str, remark: &str) -> Option<&'a HeldAnswer> {
    answers
        .iter()
        .find(|h| h.answer.avis == avis && h.answer.remark == remark)
}

/// Whether a diff line is about a remark's target (same part, same item).
fn concerns(change: &Change, target: &Target) -> bool {
    target_of_change(change).is_some_and(|t| t.part == target.part && (target.item.is_none() || t.item == target.item))
}

/// The review of `roadmap` (its current content) as the editor shows it.
pub(crate) fn view(store: &mut Store, roadmap: &Roadmap) -> Result<ReviewView, AppError> {
    let avis = store.avis_of(&roadmap.id)?;
    let answers = store.answers(&roadmap.id)?;
    let current_revision = store.summary(&roadmap.id)?.revision;
    let latest_id = latest(&avis).map(|s| s.avis.id.clone());
    let mut remarks = Vec::new();
    let mut reviewed: Vec<(i64, Vec<Change>)> = Vec::new();
    for s in avis.iter().filter(|s| s.state != AvisState::Draft) {
        let revision = s.avis.roadmap.revision;
        if !reviewed.iter().any(|(r, _)| *r == revision) {
            let changes = match store.revision_json(&roadmap.id, revision) {
                Ok(json) => match fdr_format::decode(&json, Catalogue::builtin()) {
                    Ok(d) => fdr_core::diff::diff(&d.roadmap, roadmap),
                    Err(_) => Vec::new(),
                },
                Err(_) => Vec::new(),
            };
            reviewed.push((revision, changes));
        }
        let changes = &reviewed.iter().find(|(r, _)| *r == revision).expect("just added").1;
        for r in &s.avis.remarks {
            let item_exists = match &r.target.item {
                Some(item) => item_title(roadmap, r.target.part, item).is_some(),
                None => true,
            };
            remarks.push(RemarkState {
                avis: s.avis.id.clone(),
                decision: s.avis.decision,
                latest: latest_id.as_deref() == Some(s.avis.id.as_str()),
                remark: r.clone(),
                label: target_label(&r.target, r.quote.as_deref()),
                answer: answer_of(&answers, &s.avis.id, &r.id).cloned(),
                item_exists,
                changes: changes.iter().filter(|c| concerns(c, &r.target)).cloned().collect(),
            });
        }
    }
    let open_blocking = remarks
        .iter()
        .filter(|r| r.latest && r.remark.severity == Severity::Blocking && r.answer.is_none())
        .count();
    Ok(ReviewView {
        avis: avis
            .iter()
            .map(|s| entry(s, latest_id.as_deref(), current_revision))
            .collect(),
        remarks,
        open_blocking,
    })
}

/// The blocking remarks of the latest avis without an answer: (avis, remark).
pub fn open_blocking(store: &mut Store, id: &str) -> Result<Vec<(String, String)>, AppError> {
    let avis = store.avis_of(id)?;
    let answers = store.answers(id)?;
    Ok(latest(&avis)
        .map(|s| {
            s.avis
                .remarks
                .iter()
                .filter(|r| r.severity == Severity::Blocking && answer_of(&answers, &s.avis.id, &r.id).is_none())
                .map(|r| (s.avis.id.clone(), r.id.clone()))
                .collect()
        })
        .unwrap_or_default())
}

/// A roadmap's review state for the overview.
pub(crate) fn summary(store: &mut Store, s: &RoadmapSummary) -> Result<Option<ReviewSummary>, AppError> {
    let avis = store.avis_of(&s.id)?;
    let drafts = avis.iter().filter(|a| a.state == AvisState::Draft).count();
    let Some(last) = latest(&avis) else {
        return Ok(None);
    };
    let answers = store.answers(&s.id)?;
    let mine: Vec<&HeldAnswer> = last
        .avis
        .remarks
        .iter()
        .filter_map(|r| answer_of(&answers, &last.avis.id, &r.id))
        .collect();
    let answered = mine.len();
    let blocking_open = last
        .avis
        .remarks
        .iter()
        .filter(|r| r.severity == Severity::Blocking && answer_of(&answers, &last.avis.id, &r.id).is_none())
        .count();
    Ok(Some(ReviewSummary {
        avis: last.avis.id.clone(),
        decision: last.avis.decision,
        reviewed_revision: last.avis.roadmap.revision,
        issued_at: last.avis.issued_at.clone(),
        remarks: last.avis.remarks.len(),
        answered,
        open: last.avis.remarks.len() - answered,
        blocking_open,
        answered_by_latest: s.revision > last.avis.roadmap.revision
            && mine.iter().any(|h| h.revision == Some(s.revision)),
        drafts,
    }))
}

/// The review state in a few French words (the consolidated summary).
pub fn state_label(r: Option<&ReviewSummary>) -> String {
    match r {
        None => "Pas d’avis".into(),
        Some(r) => {
            let mut out = format!("{} (r{})", r.decision.label_fr(), r.reviewed_revision);
            if r.blocking_open > 0 {
                out.push_str(&format!(
                    ", {} bloquante{} ouverte{}",
                    r.blocking_open,
                    if r.blocking_open > 1 { "s" } else { "" },
                    if r.blocking_open > 1 { "s" } else { "" }
                ));
            } else if r.open > 0 {
                out.push_str(&format!(", {} sans réponse", r.open));
            }
            out
        }
    }
}

/// Remarks proposed from the warnings of `reviewed` and from what changed
/// since `previous` (the revision before it), if there is one.
fn suggestions(reviewed: &Roadmap, previous: Option<&Roadmap>) -> Vec<Suggestion> {
    let mut out: Vec<Suggestion> = fdr_core::warnings::warnings(reviewed)
        .into_iter()
        .filter_map(|w| {
            let target = target_of_path(reviewed, &w.path)?;
            let quote = target
                .item
                .as_deref()
                .and_then(|i| item_title(reviewed, target.part, i));
            Some(Suggestion {
                source: "warning".into(),
                label: target_label(&target, quote),
                target,
                text: w.message,
            })
        })
        .collect();
    if let Some(previous) = previous {
        out.extend(fdr_core::diff::diff(previous, reviewed).into_iter().filter_map(|c| {
            let target = target_of_change(&c)?;
            let quote = target
                .item
                .as_deref()
                .and_then(|i| item_title(reviewed, target.part, i));
            Some(Suggestion {
                source: "change".into(),
                label: target_label(&target, quote),
                target,
                text: c.line(),
            })
        }));
    }
    out
}

impl Session {
    /// Who issues avis from this copy (set once in the settings).
    pub fn reviewer(&mut self) -> Result<Reviewer, AppError> {
        Ok(self
            .store
            .setting(REVIEWER)?
            .and_then(|json| serde_json::from_str(&json).ok())
            .unwrap_or_else(|| Reviewer {
                name: "Secrétariat régional de la stratégie de prévention et de lutte contre la pauvreté".into(),
                organisation: None,
                role: None,
                email: None,
            }))
    }

    /// Sets who issues avis from this copy.
    pub fn set_reviewer(&mut self, reviewer: &Reviewer) -> Result<(), AppError> {
        if reviewer.name.trim().is_empty() {
            return Err(AppError::new(
                "invalid_input",
                "le nom de qui émet l’avis ne peut pas être vide",
            ));
        }
        let json = serde_json::to_string(reviewer).expect("a reviewer serialises");
        Ok(self.store.set_setting(REVIEWER, Some(&json))?)
    }

    /// The *Avis* screen of a received roadmap.
    pub fn avis_screen(&mut self, roadmap_id: &str) -> Result<AvisScreen, AppError> {
        let summary = self.store.summary(roadmap_id)?;
        let current = self.store.roadmap(roadmap_id)?;
        let decode = |json: Vec<u8>| fdr_format::decode(&json, Catalogue::builtin()).map(|d| d.roadmap);
        let reviewed = match self.store.revision_json(roadmap_id, summary.revision) {
            Ok(json) => decode(json).ok(),
            Err(_) => None,
        };
        let previous = self
            .store
            .history(roadmap_id)?
            .into_iter()
            .rev()
            .find(|h| h.revision < summary.revision)
            .and_then(|h| self.store.revision_json(roadmap_id, h.revision).ok())
            .and_then(|json| decode(json).ok());
        let base = reviewed.as_ref().unwrap_or(&current);
        Ok(AvisScreen {
            roadmap_id: roadmap_id.to_string(),
            theme_number: summary.theme_number,
            theme_title: summary.theme_title.clone(),
            animators: current.animators.iter().map(|a| a.name.clone()).collect(),
            current_revision: summary.revision,
            targets: targets(base),
            suggestions: suggestions(base, previous.as_ref()),
            review: view(&mut self.store, &current)?,
            reviewer: self.reviewer()?,
        })
    }

    /// Starts a draft avis on the current revision of a received roadmap;
    /// `avis_id` is a UUID drawn by the caller.
    pub fn create_avis(&mut self, avis_id: &str, roadmap_id: &str) -> Result<AvisScreen, AppError> {
        let reviewer = self.reviewer()?;
        self.store.create_avis(avis_id, roadmap_id, &reviewer)?;
        self.avis_screen(roadmap_id)
    }

    /// Changes a draft avis, saved at once.
    pub fn edit_avis(&mut self, avis_id: &str, edit: &AvisEdit) -> Result<AvisScreen, AppError> {
        let held = self.store.avis(avis_id)?;
        let roadmap_id = held.avis.roadmap.id.clone();
        let reviewed = self
            .store
            .revision_json(&roadmap_id, held.avis.roadmap.revision)
            .ok()
            .and_then(|json| fdr_format::decode(&json, Catalogue::builtin()).ok())
            .map(|d| d.roadmap);
        let checked = |t: &Target| -> Result<(), AppError> {
            if let Some(p) = target_problems("target", t).first() {
                return Err(AppError::new("invalid_input", p.message.clone()));
            }
            if let (Some(item), Some(r)) = (&t.item, &reviewed) {
                if item_title(r, t.part, item).is_none() {
                    return Err(AppError::new(
                        "invalid_input",
                        format!("« {item} » n’est pas dans la révision examinée"),
                    ));
                }
            }
            Ok(())
        };
        let quote = |t: &Target| {
            t.item
                .as_deref()
                .and_then(|i| reviewed.as_ref().and_then(|r| item_title(r, t.part, i)))
                .map(str::to_string)
        };
        let text_of = |text: &str| -> Result<String, AppError> {
            if text.trim().is_empty() {
                return Err(AppError::new(
                    "invalid_input",
                    "le texte de la remarque ne peut pas être vide",
                ));
            }
            Ok(text.to_string())
        };
        let mut a = held.avis.clone();
        match edit {
            AvisEdit::SetDecision { decision } => a.decision = *decision,
            AvisEdit::SetSummary { summary } => a.summary = summary.clone(),
            AvisEdit::SetReviewer { reviewer } => a.issued_by = reviewer.clone(),
            AvisEdit::AddRemark { target, severity, text } => {
                checked(target)?;
                let n = (1..)
                    .find(|n| !a.remarks.iter().any(|r| r.id == format!("R{n}")))
                    .unwrap_or(1);
                a.remarks.push(Remark {
                    id: format!("R{n}"),
                    target: target.clone(),
                    severity: *severity,
                    text: text_of(text)?,
                    quote: quote(target),
                });
            }
            AvisEdit::UpdateRemark {
                id,
                target,
                severity,
                text,
            } => {
                checked(target)?;
                let q = quote(target);
                let text = text_of(text)?;
                let r = a
                    .remarks
                    .iter_mut()
                    .find(|r| r.id == *id)
                    .ok_or_else(|| AppError::new("not_found", format!("remarque « {id} » introuvable")))?;
                r.target = target.clone();
                r.severity = *severity;
                r.text = text;
                r.quote = q;
            }
            AvisEdit::DeleteRemark { id } => {
                let before = a.remarks.len();
                a.remarks.retain(|r| r.id != *id);
                if a.remarks.len() == before {
                    return Err(AppError::new("not_found", format!("remarque « {id} » introuvable")));
                }
            }
            AvisEdit::MoveRemark { id, to } => {
                let from = a
                    .remarks
                    .iter()
                    .position(|r| r.id == *id)
                    .ok_or_else(|| AppError::new("not_found", format!("remarque « {id} » introuvable")))?;
                if *to >= a.remarks.len() {
                    return Err(AppError::new(
                        "not_found",
                        format!("position {} hors de la liste", to + 1),
                    ));
                }
                let r = a.remarks.remove(from);
                a.remarks.insert(*to, r);
            }
        }
        // Written only over the draft this change was built on.
        self.store.update_avis(avis_id, |draft| {
            if *draft != held.avis {
                return Err(fdr_store::StoreError::AvisChanged(avis_id.to_string()));
            }
            *draft = a;
            Ok(())
        })?;
        self.avis_screen(&roadmap_id)
    }

    /// Issues a draft avis now: it is checked against the reviewed revision
    /// and never changes again.
    pub fn issue_avis(&mut self, avis_id: &str) -> Result<AvisScreen, AppError> {
        let now = self.store.now();
        let issued = self.store.issue_avis(avis_id, &now)?;
        self.avis_screen(&issued.avis.roadmap.id)
    }

    /// Deletes a draft avis.
    pub fn delete_avis(&mut self, avis_id: &str) -> Result<AvisScreen, AppError> {
        let roadmap_id = self.store.avis(avis_id)?.avis.roadmap.id;
        self.store.delete_avis_draft(avis_id)?;
        self.avis_screen(&roadmap_id)
    }

    /// « Émettre un avis : validée » on a received roadmap's current
    /// revision; the roadmap itself is not touched.
    pub fn validate(&mut self, avis_id: &str, roadmap_id: &str) -> Result<AvisScreen, AppError> {
        let now = self.store.now();
        let reviewer = self.reviewer()?;
        self.store.validate_roadmap(avis_id, roadmap_id, &reviewer, "", &now)?;
        self.avis_screen(roadmap_id)
    }

    /// An issued or received avis as its JSON (`*.fdr-avis.json`) or its
    /// PDF (which carries that JSON as `avis.json`).
    pub fn export_avis(&mut self, avis_id: &str, kind: ExportKind) -> Result<ExportFile, AppError> {
        let held = self.store.avis(avis_id)?;
        let Some(json) = held.bytes.clone() else {
            return Err(AppError::new(
                "avis_draft",
                "cet avis est un brouillon : émettez-le avant de l’exporter",
            ));
        };
        let roadmap_id = held.avis.roadmap.id.clone();
        let reviewed = self
            .store
            .revision_json(&roadmap_id, held.avis.roadmap.revision)
            .ok()
            .and_then(|b| fdr_format::decode(&b, Catalogue::builtin()).ok())
            .map(|d| d.roadmap);
        let theme_title = match &reviewed {
            Some(r) => r.theme.title.clone(),
            None => self.store.summary(&roadmap_id)?.theme_title,
        };
        let stem = fdr_core::files::export_file_name(
            held.avis.roadmap.theme_number,
            &format!("avis {theme_title}"),
            held.avis.roadmap.revision,
            "json",
        );
        let stem = stem.trim_end_matches(".json").to_string();
        let (file_name, bytes) = match kind {
            ExportKind::Json => (format!("{stem}.fdr-avis.json"), json),
            ExportKind::Pdf => (
                format!("{stem}.pdf"),
                fdr_pdf::avis_pdf(&held.avis, &json, reviewed.as_ref(), &theme_title),
            ),
        };
        Ok(ExportFile {
            file_name,
            bytes,
            revision: held.avis.roadmap.revision,
            new_revision: false,
            companion: None,
            warning: None,
        })
    }

    /// Answers a remark of an avis received on the author's roadmap (or,
    /// with `None`, withdraws the answer): an edit built on `version`,
    /// exported with the next revision. It does not enter the undo history;
    /// the undo steps before it stay valid.
    pub fn answer_remark(
        &mut self,
        id: &str,
        version: i64,
        avis: &str,
        remark: &str,
        answer: Option<(AnswerState, &str)>,
    ) -> Result<crate::EditReply, AppError> {
        let (current, roadmap) = self.current(id)?;
        if current != version {
            return Err(fdr_store::StoreError::Stale {
                id: id.to_string(),
                seen: version,
                current,
            }
            .into());
        }
        let steps_valid = self.steps.get(id).is_some_and(|s| s.written == Some(version));
        self.store
            .answer(fdr_store::At::version(id, version), avis, remark, answer)?;
        let written = self.store.committed_version(id).unwrap_or(version + 1);
        if steps_valid {
            if let Some(s) = self.steps.get_mut(id) {
                s.written = Some(written);
            }
        }
        self.cache.insert(id.to_string(), (written, roadmap.clone()));
        let (undo, redo) = self.steps.get(id).map_or((0, 0), |s| (s.undo.len(), s.redo.len()));
        let mut reply = crate::view::reply(
            &mut self.store,
            &roadmap,
            written,
            crate::RoadmapPatch::default(),
            undo,
            redo,
        )?;
        reply.review = Some(view(&mut self.store, &roadmap)?);
        Ok(reply)
    }

    /// Every avis of a roadmap exactly as exchanged (issued or received,
    /// oldest first) and the answers held, as `fdr avis list --json` prints them.
    pub fn avis_documents(&mut self, id: &str) -> Result<(Vec<Vec<u8>>, Vec<Answer>), AppError> {
        let avis = self.store.avis_of(id)?.into_iter().filter_map(|s| s.bytes).collect();
        let answers = self.store.answers(id)?.into_iter().map(|h| h.answer).collect();
        Ok((avis, answers))
    }
}
