//! The review exchange in the store (`docs/format/REVIEW.md`): authorship,
//! the secretariat's avis (drafts, issued, received) and the author's
//! answers, and [`Store::receive`], the one entry point for every file that
//! arrives (a roadmap's JSON or PDF, with its answers; a consolidated PDF;
//! an avis' JSON or PDF; answers on their own).
//!
//! Promises:
//! - writing, exporting or importing an avis never touches a roadmap's
//!   content, revision, status, version or "edited since export" state;
//! - answering a remark is an edit of the author's roadmap (checked,
//!   versioned, and exported with its next revision);
//! - a received file is one transaction: whole, or refused with every
//!   problem named and nothing changed.
//!
//! Extending it: a new kind of exchanged document is a branch in
//! [`Store::receive`] and its reader in `fdr_format`.

use crate::error::{Result, StoreError};
use crate::exchange::{import_decoded, ImportReport};
use crate::{At, Store};
use fdr_core::catalogue::Catalogue;
use fdr_core::review::*;
use fdr_core::validation::{Problem, ProblemCode};
use fdr_format::review::{self as format, DocumentKind};
use fdr_format::DecodeError;
use rusqlite::{params, OptionalExtension, Transaction};
use serde::Serialize;

/// Where an avis held by this copy comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum AvisState {
    /// Being written here (the secretariat's copy); not yet sent.
    Draft,
    /// Written and issued here: immutable.
    Issued,
    /// Received from the secretariat (imported).
    Received,
}

impl AvisState {
    fn from_code(s: &str) -> rusqlite::Result<Self> {
        match s {
            "draft" => Ok(Self::Draft),
            "issued" => Ok(Self::Issued),
            "received" => Ok(Self::Received),
            _ => Err(rusqlite::Error::InvalidColumnType(
                0,
                s.into(),
                rusqlite::types::Type::Text,
            )),
        }
    }
}

/// An avis as this copy holds it.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredAvis {
    /// The avis (a draft's `issued_at` is empty until it is issued).
    pub avis: Avis,
    /// Draft, issued here, or received.
    pub state: AvisState,
    /// The exact file as exchanged (issued or received; none for a draft).
    pub bytes: Option<Vec<u8>>,
    /// The file it came from (received).
    pub source_name: Option<String>,
}

/// What importing an avis did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum AvisOutcome {
    /// An avis not seen before.
    Added,
    /// Same id, same content: nothing changed (« déjà importé »).
    AlreadyImported,
}

/// The result of importing an avis.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AvisReport {
    /// The avis id.
    pub id: String,
    /// The roadmap it is about.
    pub roadmap_id: String,
    /// Its theme.
    pub theme_number: i64,
    /// The revision reviewed.
    pub revision: i64,
    /// The roadmap's current revision in this copy (higher: the avis is about an older one).
    pub current_revision: i64,
    /// The decision.
    pub decision: Decision,
    /// Number of remarks, and of blocking ones.
    pub remarks: usize,
    /// Blocking remarks.
    pub blocking: usize,
    /// What happened.
    pub outcome: AvisOutcome,
}

/// The result of importing a set of answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AnswersReport {
    /// The roadmap.
    pub roadmap_id: String,
    /// The revision they travelled with.
    pub revision: i64,
    /// How many answers.
    pub answers: usize,
    /// Added, or already there.
    pub outcome: AvisOutcome,
    /// Answers about an avis or a remark this copy does not hold: kept, and said so.
    pub warnings: Vec<String>,
}

/// Everything one received file brought.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
pub struct Received {
    /// The roadmaps it carried (one, several for a consolidated PDF, none for an avis).
    pub roadmaps: Vec<ImportReport>,
    /// The avis it carried.
    pub avis: Option<AvisReport>,
    /// The answers it carried.
    pub answers: Option<AnswersReport>,
}

/// A remark's answer as this copy holds it, with when it was given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct HeldAnswer {
    /// The answer, as exchanged.
    pub answer: Answer,
    /// The revision it travelled with (received), or none (the author's, not yet exported).
    pub revision: Option<i64>,
}

fn refused(path: impl Into<String>, code: ProblemCode, message: impl Into<String>) -> StoreError {
    StoreError::Refused(DecodeError::Invalid(vec![Problem::new(path, code, message)]))
}

/// Problems of an attached document, their paths prefixed by its name.
fn within(name: &str, e: DecodeError) -> DecodeError {
    let problems = e
        .problems()
        .into_iter()
        .map(|p| {
            let path = if p.path.is_empty() {
                name.to_string()
            } else {
                format!("{name}: {}", p.path)
            };
            Problem::new(path, p.code, p.message)
        })
        .collect();
    DecodeError::Invalid(problems)
}

fn load_avis(tx: &Transaction, id: &str) -> Result<Option<StoredAvis>> {
    let row: Option<(String, Vec<u8>, Option<String>)> = tx
        .query_row(
            "SELECT state, json, source_name FROM avis WHERE id = ?1",
            params![id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    row.map(|(state, json, source_name)| stored(&state, json, source_name))
        .transpose()
}

fn stored(state: &str, json: Vec<u8>, source_name: Option<String>) -> Result<StoredAvis> {
    let state = AvisState::from_code(state)?;
    let avis: Avis = match state {
        // A draft is kept as its serde value (not yet a valid file).
        AvisState::Draft => serde_json::from_slice(&json).map_err(|e| {
            StoreError::Sqlite(rusqlite::Error::FromSqlConversionFailure(
                0,
                rusqlite::types::Type::Blob,
                Box::new(e),
            ))
        })?,
        _ => format::decode_avis(&json, Catalogue::builtin())?,
    };
    Ok(StoredAvis {
        avis,
        state,
        bytes: (state != AvisState::Draft).then_some(json),
        source_name,
    })
}

/// The exact JSON of a revision kept in the history, if it is.
fn revision_bytes(tx: &Transaction, id: &str, revision: i64) -> Result<Option<Vec<u8>>> {
    Ok(tx
        .query_row(
            "SELECT json FROM revision WHERE roadmap_id = ?1 AND revision = ?2",
            params![id, revision],
            |r| r.get(0),
        )
        .optional()?)
}

/// Every store rule of an avis (REVIEW.md): the roadmap is in this copy,
/// the reviewed revision in its history, and the avis fits that revision.
fn check_in_store(tx: &Transaction, a: &Avis) -> Result<fdr_core::Roadmap> {
    let held: Option<i64> = tx
        .query_row(
            "SELECT revision FROM roadmap WHERE id = ?1",
            params![a.roadmap.id],
            |r| r.get(0),
        )
        .optional()?;
    if held.is_none() {
        return Err(refused(
            "roadmap.id",
            ProblemCode::Unresolved,
            format!(
                "aucune feuille de route avec l’id « {} » dans ce poste : importez d’abord la feuille de route que cet avis examine",
                fdr_core::validation::shorten(&a.roadmap.id)
            ),
        ));
    }
    let Some(json) = revision_bytes(tx, &a.roadmap.id, a.roadmap.revision)? else {
        return Err(refused(
            "roadmap.revision",
            ProblemCode::Unresolved,
            format!(
                "la révision {} de cette feuille de route n’est pas dans l’historique de ce poste : importez-la d’abord",
                a.roadmap.revision
            ),
        ));
    };
    let reviewed = fdr_format::decode(&json, Catalogue::builtin())?.roadmap;
    let problems = check_against(a, &reviewed);
    if !problems.is_empty() {
        return Err(StoreError::Refused(DecodeError::Invalid(problems)));
    }
    Ok(reviewed)
}

fn import_avis(tx: &Transaction, bytes: &[u8], a: Avis, source_name: Option<&str>, now: &str) -> Result<AvisReport> {
    check_in_store(tx, &a)?;
    let current: i64 = tx.query_row(
        "SELECT revision FROM roadmap WHERE id = ?1",
        params![a.roadmap.id],
        |r| r.get(0),
    )?;
    let known: Option<(String, Vec<u8>)> = tx
        .query_row("SELECT state, json FROM avis WHERE id = ?1", params![a.id], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    let outcome = match known {
        Some((state, json)) if state != "draft" && format::same_document(&json, bytes) => AvisOutcome::AlreadyImported,
        Some(_) => return Err(StoreError::AvisConflict(a.id.clone())),
        None => {
            tx.execute(
                "INSERT INTO avis (id, roadmap_id, revision, state, issued_at, json, source_name, created_at, updated_at)
                 VALUES (?1, ?2, ?3, 'received', ?4, ?5, ?6, ?7, ?7)",
                params![a.id, a.roadmap.id, a.roadmap.revision, a.issued_at, bytes, source_name, now],
            )?;
            AvisOutcome::Added
        }
    };
    Ok(AvisReport {
        id: a.id.clone(),
        roadmap_id: a.roadmap.id.clone(),
        theme_number: a.roadmap.theme_number,
        revision: a.roadmap.revision,
        current_revision: current,
        decision: a.decision,
        remarks: a.remarks.len(),
        blocking: a.remarks.iter().filter(|r| r.severity == Severity::Blocking).count(),
        outcome,
    })
}

/// Keeps the answers that travelled with revision `revision` of roadmap
/// `id` (which the same transaction holds); answers about an avis or a
/// remark this copy does not hold are kept and reported.
fn import_reponses(tx: &Transaction, bytes: &[u8], r: &Reponses) -> Result<AnswersReport> {
    let known: Option<Option<Vec<u8>>> = tx
        .query_row(
            "SELECT reponses FROM revision WHERE roadmap_id = ?1 AND revision = ?2",
            params![r.roadmap.id, r.roadmap.revision],
            |row| row.get(0),
        )
        .optional()?;
    let outcome = match known {
        None => {
            return Err(refused(
                "reponses.json: roadmap.revision",
                ProblemCode::Unresolved,
                format!(
                    "la révision {} de la feuille de route {} n’est pas dans ce poste : importez le PDF ou le fichier .fdr.json de cette révision, qui porte ces réponses",
                    r.roadmap.revision,
                    fdr_core::validation::shorten(&r.roadmap.id)
                ),
            ))
        }
        Some(Some(held)) if format::same_document(&held, bytes) => AvisOutcome::AlreadyImported,
        Some(Some(_)) => {
            return Err(StoreError::AnswersConflict {
                id: r.roadmap.id.clone(),
                revision: r.roadmap.revision,
            })
        }
        Some(None) => {
            tx.execute(
                "UPDATE revision SET reponses = ?3 WHERE roadmap_id = ?1 AND revision = ?2",
                params![r.roadmap.id, r.roadmap.revision, bytes],
            )?;
            AvisOutcome::Added
        }
    };
    let mut warnings = Vec::new();
    for a in &r.answers {
        match load_avis(tx, &a.avis)? {
            None => warnings.push(format!(
                "réponse à la remarque « {} » d’un avis que ce poste ne détient pas ({}) : conservée",
                a.remark, a.avis
            )),
            Some(s) if s.avis.roadmap.id != r.roadmap.id => warnings.push(format!(
                "réponse à la remarque « {} » d’un avis qui porte sur une autre feuille de route ({}) : conservée",
                a.remark, a.avis
            )),
            Some(s) if s.avis.remark(&a.remark).is_none() => warnings.push(format!(
                "réponse à une remarque « {} » que l’avis {} ne contient pas : conservée",
                a.remark, a.avis
            )),
            Some(_) => {}
        }
    }
    Ok(AnswersReport {
        roadmap_id: r.roadmap.id.clone(),
        revision: r.roadmap.revision,
        answers: r.answers.len(),
        outcome,
        warnings,
    })
}

/// The reponses of a roadmap file, checked to be about that file's roadmap and revision.
fn reponses_for(bytes: &[u8], roadmap: &fdr_core::Roadmap, name: &str) -> Result<Reponses> {
    let r = format::decode_reponses(bytes).map_err(|e| StoreError::Refused(within(name, e)))?;
    if r.roadmap.id != roadmap.id || r.roadmap.revision != roadmap.revision {
        return Err(refused(
            format!("{name}: roadmap"),
            ProblemCode::Schema,
            format!(
                "ces réponses portent sur la révision {} de la feuille de route {}, mais voyagent avec la révision {} de {} : fichier refusé",
                r.roadmap.revision,
                fdr_core::validation::shorten(&r.roadmap.id),
                roadmap.revision,
                roadmap.id
            ),
        ));
    }
    Ok(r)
}

/// A roadmap JSON of a received file, decoded (problems of an attachment
/// of a consolidated document name it).
fn decode_roadmap(json: &[u8], name: Option<&str>) -> Result<fdr_format::Decoded> {
    fdr_format::decode(json, Catalogue::builtin()).map_err(|e| match name {
        Some(n) if fdr_format::pdf::is_consolidated_name(n) => StoreError::Refused(within(n, e)),
        _ => StoreError::Refused(e),
    })
}

impl Store {
    /// Takes in one received file, whole or refused whole: the format's
    /// JSON of a roadmap (with `companion`, the `NAME.fdr-reponses.json`
    /// found beside it, if any), a roadmap's PDF (with its `reponses.json`),
    /// a consolidated PDF, an avis (`*.fdr-avis.json` or its PDF), or a set
    /// of answers on its own.
    pub fn receive(&mut self, file: &[u8], source_name: Option<&str>, companion: Option<&[u8]>) -> Result<Received> {
        enum Plan {
            Roadmaps(Vec<(Option<String>, Vec<u8>)>, Option<(String, Vec<u8>)>),
            Avis(Vec<u8>),
            Reponses(Vec<u8>),
        }
        let named_pdf = source_name.is_some_and(|n| {
            n.rsplit_once('.')
                .is_some_and(|(_, ext)| ext.eq_ignore_ascii_case("pdf"))
        });
        if named_pdf && !fdr_format::is_pdf(file) {
            return Err(StoreError::Refused(DecodeError::NamedPdfNotPdf));
        }
        let plan = if fdr_format::is_pdf(file) {
            let all = fdr_format::pdf::exchange_attachments(file).map_err(DecodeError::from)?;
            let avis = all.iter().find(|(n, _)| n == fdr_format::pdf::AVIS_NAME).cloned();
            let reponses = all.iter().find(|(n, _)| n == fdr_format::pdf::REPONSES_NAME).cloned();
            match fdr_format::pdf::roadmaps_of(all) {
                Ok(roadmaps) => Plan::Roadmaps(roadmaps.into_iter().map(|(n, b)| (Some(n), b)).collect(), reponses),
                Err(_) if avis.is_some() => Plan::Avis(avis.map(|(_, b)| b).unwrap_or_default()),
                Err(e) => return Err(StoreError::Refused(e.into())),
            }
        } else {
            match format::document_kind(file) {
                Some(DocumentKind::Avis) => Plan::Avis(file.to_vec()),
                Some(DocumentKind::Reponses) => Plan::Reponses(file.to_vec()),
                _ => Plan::Roadmaps(
                    vec![(None, file.to_vec())],
                    companion.map(|c| (fdr_format::pdf::REPONSES_NAME.to_string(), c.to_vec())),
                ),
            }
        };
        let now = self.now();
        match plan {
            Plan::Roadmaps(jsons, reponses) => {
                let mut decoded = Vec::with_capacity(jsons.len());
                for (name, json) in &jsons {
                    decoded.push(decode_roadmap(json, name.as_deref())?);
                }
                let reponses = match (&reponses, decoded.as_slice()) {
                    (Some((name, bytes)), [only]) => Some((bytes, reponses_for(bytes, &only.roadmap, name)?)),
                    _ => None,
                };
                self.write(|tx| {
                    let mut out = Received::default();
                    for ((_, json), d) in jsons.iter().zip(decoded) {
                        let (id, revision, theme_number) =
                            (d.roadmap.id.clone(), d.roadmap.revision, d.roadmap.theme.number);
                        let warnings = d.warnings.clone();
                        let outcome = import_decoded(tx, json, d, source_name, &now)?;
                        out.roadmaps.push(ImportReport {
                            id,
                            revision,
                            theme_number,
                            outcome,
                            warnings,
                        });
                    }
                    if let Some((bytes, r)) = &reponses {
                        out.answers = Some(import_reponses(tx, bytes, r)?);
                    }
                    Ok(out)
                })
            }
            Plan::Avis(bytes) => {
                let a = format::decode_avis(&bytes, Catalogue::builtin())?;
                self.write(|tx| {
                    Ok(Received {
                        avis: Some(import_avis(tx, &bytes, a, source_name, &now)?),
                        ..Received::default()
                    })
                })
            }
            Plan::Reponses(bytes) => {
                let r = format::decode_reponses(&bytes)?;
                self.write(|tx| {
                    Ok(Received {
                        answers: Some(import_reponses(tx, &bytes, &r)?),
                        ..Received::default()
                    })
                })
            }
        }
    }

    /// Takes over the authorship of a received roadmap (an explicit act:
    /// the app warns first): this copy edits it from now on, and its next
    /// export continues from the last revision held. The answers received
    /// with its current revision become this copy's. Returns the new version.
    pub fn adopt(&mut self, id: &str) -> Result<i64> {
        let now = self.now();
        self.write(|tx| {
            let row: Option<(bool, i64, i64)> = tx
                .query_row(
                    "SELECT authored, version, revision FROM roadmap WHERE id = ?1",
                    params![id],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                )
                .optional()?;
            let Some((authored, version, revision)) = row else {
                return Err(StoreError::RoadmapNotFound(id.to_string()));
            };
            if authored {
                return Err(StoreError::AlreadyAuthor(id.to_string()));
            }
            tx.execute(
                "UPDATE roadmap SET authored = 1, version = version + 1, updated_at = ?2 WHERE id = ?1",
                params![id, now],
            )?;
            let reponses: Option<Vec<u8>> = tx
                .query_row(
                    "SELECT reponses FROM revision WHERE roadmap_id = ?1 AND reponses IS NOT NULL
                     AND revision <= ?2 ORDER BY revision DESC LIMIT 1",
                    params![id, revision],
                    |r| r.get(0),
                )
                .optional()?;
            if let Some(bytes) = reponses {
                let r = format::decode_reponses(&bytes)?;
                for a in &r.answers {
                    tx.execute(
                        "INSERT OR REPLACE INTO answer (roadmap_id, avis_id, remark_id, state, text, answered_at)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                        params![id, a.avis, a.remark, a.state.code(), a.text, r.answered_at],
                    )?;
                }
            }
            Ok(version + 1)
        })
    }

    /// Every avis this copy holds on roadmap `id`, oldest first by
    /// `issued_at` (drafts last, by creation).
    pub fn avis_of(&mut self, id: &str) -> Result<Vec<StoredAvis>> {
        let tx = self.conn.transaction()?;
        let rows: Vec<(String, Vec<u8>, Option<String>)> = {
            let mut stmt =
                tx.prepare("SELECT state, json, source_name FROM avis WHERE roadmap_id = ?1 ORDER BY created_at, id")?;
            let rows = stmt.query_map(params![id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        tx.finish()?;
        let mut out = rows
            .into_iter()
            .map(|(state, json, source)| stored(&state, json, source))
            .collect::<Result<Vec<_>>>()?;
        out.sort_by_key(|s| {
            (
                s.state == AvisState::Draft,
                instant(&s.avis.issued_at).unwrap_or(i64::MIN),
            )
        });
        Ok(out)
    }

    /// One avis held by this copy.
    pub fn avis(&mut self, avis_id: &str) -> Result<StoredAvis> {
        let tx = self.conn.transaction()?;
        let found = load_avis(&tx, avis_id)?;
        tx.finish()?;
        found.ok_or_else(|| StoreError::ItemNotFound {
            kind: "avis",
            id: avis_id.to_string(),
        })
    }

    /// Starts an avis on the current revision of a received roadmap;
    /// `avis_id` is a UUID drawn by the caller. The draft is saved like every edit.
    pub fn create_avis(&mut self, avis_id: &str, roadmap_id: &str, issued_by: &Reviewer) -> Result<Avis> {
        let now = self.now();
        self.write(|tx| create_draft(tx, avis_id, roadmap_id, issued_by, &now))
    }

    /// Changes a draft avis in one transaction: `change` edits it; an issued
    /// or received avis is immutable ([`StoreError::AvisIssued`]).
    pub fn update_avis(&mut self, avis_id: &str, change: impl FnOnce(&mut Avis) -> Result<()>) -> Result<Avis> {
        let now = self.now();
        self.write(|tx| {
            let mut held = load_avis(tx, avis_id)?.ok_or_else(|| StoreError::ItemNotFound {
                kind: "avis",
                id: avis_id.to_string(),
            })?;
            if held.state != AvisState::Draft {
                return Err(StoreError::AvisIssued(avis_id.to_string()));
            }
            let reviewed = (held.avis.id.clone(), held.avis.roadmap.clone());
            change(&mut held.avis)?;
            // What the avis is about is not the caller's to change.
            (held.avis.id, held.avis.roadmap) = reviewed;
            save_draft(tx, &held.avis, &now)?;
            Ok(held.avis)
        })
    }

    /// Deletes a draft avis (an issued one stays for life).
    pub fn delete_avis_draft(&mut self, avis_id: &str) -> Result<()> {
        self.write(|tx| {
            let held = load_avis(tx, avis_id)?.ok_or_else(|| StoreError::ItemNotFound {
                kind: "avis",
                id: avis_id.to_string(),
            })?;
            if held.state != AvisState::Draft {
                return Err(StoreError::AvisIssued(avis_id.to_string()));
            }
            tx.execute("DELETE FROM avis WHERE id = ?1", params![avis_id])?;
            Ok(())
        })
    }

    /// Issues a draft avis at `issued_at` (RFC 3339): every rule of the
    /// format is checked against the reviewed revision, then the avis is
    /// written as its canonical file and never changes again. Returns it.
    pub fn issue_avis(&mut self, avis_id: &str, issued_at: &str) -> Result<StoredAvis> {
        self.write(|tx| issue(tx, avis_id, issued_at))
    }

    /// « Émettre un avis : validée » in one step and one transaction: a
    /// new avis `avis_id` with the decision *validated*, no remark, issued
    /// at `issued_at`. The roadmap itself is not touched.
    pub fn validate_roadmap(
        &mut self,
        avis_id: &str,
        roadmap_id: &str,
        issued_by: &Reviewer,
        summary: &str,
        issued_at: &str,
    ) -> Result<StoredAvis> {
        let now = self.now();
        self.write(|tx| {
            let mut avis = create_draft(tx, avis_id, roadmap_id, issued_by, &now)?;
            avis.decision = Decision::Validated;
            avis.summary = summary.to_string();
            save_draft(tx, &avis, &now)?;
            issue(tx, avis_id, issued_at)
        })
    }

    /// Answers remark `remark` of avis `avis` on the author's roadmap: an
    /// edit (checked against the caller's version, refused on a received
    /// roadmap), exported with the next revision. `None` withdraws the answer.
    pub fn answer<'a>(
        &mut self,
        at: impl Into<At<'a>>,
        avis: &str,
        remark: &str,
        answer: Option<(AnswerState, &str)>,
    ) -> Result<()> {
        let at = at.into();
        let now = self.now();
        self.edit(at, |tx| {
            let held = load_avis(tx, avis)?.ok_or_else(|| StoreError::ItemNotFound {
                kind: "avis",
                id: avis.to_string(),
            })?;
            if held.avis.roadmap.id != at.id {
                return Err(StoreError::ItemNotFound {
                    kind: "avis",
                    id: avis.to_string(),
                });
            }
            if held.avis.remark(remark).is_none() {
                return Err(StoreError::ItemNotFound {
                    kind: "remarque",
                    id: remark.to_string(),
                });
            }
            match answer {
                Some((state, text)) => {
                    if state == AnswerState::Declined && text.trim().is_empty() {
                        return Err(StoreError::DeclinedWithoutReason);
                    }
                    let mut c = fdr_core::validation::Checker::new();
                    c.text("text", text);
                    let problems = c.into_problems();
                    if !problems.is_empty() {
                        return Err(StoreError::Invalid(problems));
                    }
                    tx.execute(
                        "INSERT OR REPLACE INTO answer (roadmap_id, avis_id, remark_id, state, text, answered_at)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                        params![at.id, avis, remark, state.code(), text, now],
                    )?;
                }
                None => {
                    tx.execute(
                        "DELETE FROM answer WHERE roadmap_id = ?1 AND avis_id = ?2 AND remark_id = ?3",
                        params![at.id, avis, remark],
                    )?;
                }
            }
            Ok(())
        })
    }

    /// The answers this copy holds for roadmap `id`: the author's own (not
    /// yet exported ones included), or, for a received roadmap, those that
    /// came with its latest revision that carried any. Ordered by avis
    /// (oldest first) then by remark as the avis lists them.
    pub fn answers(&mut self, id: &str) -> Result<Vec<HeldAnswer>> {
        let tx = self.conn.transaction()?;
        let authored: bool = tx
            .query_row("SELECT authored FROM roadmap WHERE id = ?1", params![id], |r| r.get(0))
            .optional()?
            .ok_or_else(|| StoreError::RoadmapNotFound(id.to_string()))?;
        let mut held: Vec<HeldAnswer> = if authored {
            let mut stmt = tx.prepare("SELECT avis_id, remark_id, state, text FROM answer WHERE roadmap_id = ?1")?;
            let rows = stmt.query_map(params![id], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                ))
            })?;
            let mut out = Vec::new();
            for row in rows {
                let (avis, remark, state, text) = row?;
                out.push(HeldAnswer {
                    answer: Answer {
                        avis,
                        remark,
                        state: AnswerState::from_code(&state).unwrap_or(AnswerState::Addressed),
                        text,
                    },
                    revision: None,
                });
            }
            out
        } else {
            let latest: Option<(i64, Vec<u8>)> = tx
                .query_row(
                    "SELECT revision, reponses FROM revision WHERE roadmap_id = ?1 AND reponses IS NOT NULL
                     ORDER BY revision DESC LIMIT 1",
                    params![id],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            match latest {
                Some((revision, bytes)) => format::decode_reponses(&bytes)?
                    .answers
                    .into_iter()
                    .map(|answer| HeldAnswer {
                        answer,
                        revision: Some(revision),
                    })
                    .collect(),
                None => Vec::new(),
            }
        };
        tx.finish()?;
        let avis = self.avis_of(id)?;
        let rank = |a: &Answer| {
            avis.iter()
                .position(|s| s.avis.id == a.avis)
                .map(|i| (i, avis[i].avis.remarks.iter().position(|r| r.id == a.remark)))
        };
        held.sort_by(|x, y| {
            let (rx, ry) = (rank(&x.answer), rank(&y.answer));
            (rx.is_none(), rx, &x.answer.avis, &x.answer.remark).cmp(&(
                ry.is_none(),
                ry,
                &y.answer.avis,
                &y.answer.remark,
            ))
        });
        Ok(held)
    }

    /// The answers that travelled with one recorded revision, as their file.
    pub fn revision_reponses(&self, id: &str, revision: i64) -> Result<Option<Vec<u8>>> {
        Ok(self
            .conn
            .query_row(
                "SELECT reponses FROM revision WHERE roadmap_id = ?1 AND revision = ?2",
                params![id, revision],
                |r| r.get(0),
            )
            .optional()?
            .flatten())
    }
}

/// A new draft avis on the current revision of a received roadmap.
fn create_draft(tx: &Transaction, avis_id: &str, roadmap_id: &str, issued_by: &Reviewer, now: &str) -> Result<Avis> {
    if !fdr_core::validation::is_uuid(avis_id) {
        return Err(StoreError::InvalidId(avis_id.to_string()));
    }
    let row: Option<(bool, i64, i64)> = tx
        .query_row(
            "SELECT authored, revision, theme_number FROM roadmap WHERE id = ?1",
            params![roadmap_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let Some((authored, revision, theme_number)) = row else {
        return Err(StoreError::RoadmapNotFound(roadmap_id.to_string()));
    };
    if authored {
        return Err(StoreError::AvisOnOwnRoadmap(roadmap_id.to_string()));
    }
    if revision_bytes(tx, roadmap_id, revision)?.is_none() {
        return Err(StoreError::ItemNotFound {
            kind: "révision",
            id: format!("{roadmap_id} n° {revision}"),
        });
    }
    let avis = Avis {
        id: avis_id.to_string(),
        roadmap: ReviewedRevision {
            id: roadmap_id.to_string(),
            revision,
            theme_number,
        },
        issued_at: String::new(),
        issued_by: issued_by.clone(),
        decision: Decision::Comments,
        summary: String::new(),
        remarks: Vec::new(),
    };
    tx.execute(
        "INSERT INTO avis (id, roadmap_id, revision, state, issued_at, json, source_name, created_at, updated_at)
         VALUES (?1, ?2, ?3, 'draft', NULL, ?4, NULL, ?5, ?5)",
        params![
            avis_id,
            roadmap_id,
            revision,
            serde_json::to_vec(&avis).expect("an avis serialises"),
            now
        ],
    )?;
    Ok(avis)
}

/// Writes a draft's content.
fn save_draft(tx: &Transaction, avis: &Avis, now: &str) -> Result<()> {
    tx.execute(
        "UPDATE avis SET json = ?2, updated_at = ?3 WHERE id = ?1 AND state = 'draft'",
        params![avis.id, serde_json::to_vec(avis).expect("an avis serialises"), now],
    )?;
    Ok(())
}

/// Issues a draft inside a transaction (see [`Store::issue_avis`]).
fn issue(tx: &Transaction, avis_id: &str, issued_at: &str) -> Result<StoredAvis> {
    let mut held = load_avis(tx, avis_id)?.ok_or_else(|| StoreError::ItemNotFound {
        kind: "avis",
        id: avis_id.to_string(),
    })?;
    if held.state != AvisState::Draft {
        return Err(StoreError::AvisIssued(avis_id.to_string()));
    }
    held.avis.issued_at = issued_at.to_string();
    let mut problems = validate_avis(&held.avis, Catalogue::builtin());
    if problems.is_empty() {
        if let Err(StoreError::Refused(e)) = check_in_store(tx, &held.avis) {
            problems = e.problems();
        }
    }
    if !problems.is_empty() {
        return Err(StoreError::Invalid(problems));
    }
    let bytes = format::encode_avis(&held.avis);
    tx.execute(
        "UPDATE avis SET state = 'issued', issued_at = ?2, json = ?3, updated_at = ?2 WHERE id = ?1",
        params![avis_id, issued_at, bytes],
    )?;
    Ok(StoredAvis {
        avis: held.avis,
        state: AvisState::Issued,
        bytes: Some(bytes),
        source_name: None,
    })
}

/// The author's answers of roadmap `id` as the file to export with
/// `revision` at `answered_at`; none when there are no answers.
pub(crate) fn reponses_file(tx: &Transaction, id: &str, revision: i64, answered_at: &str) -> Result<Option<Vec<u8>>> {
    let mut stmt = tx.prepare("SELECT avis_id, remark_id, state, text FROM answer WHERE roadmap_id = ?1")?;
    let rows = stmt.query_map(params![id], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
        ))
    })?;
    let mut answers = Vec::new();
    for row in rows {
        let (avis, remark, state, text) = row?;
        answers.push(Answer {
            avis,
            remark,
            state: AnswerState::from_code(&state).unwrap_or(AnswerState::Addressed),
            text,
        });
    }
    drop(stmt);
    if answers.is_empty() {
        return Ok(None);
    }
    // By avis, oldest issued first (answers to an avis not held last), then
    // in the order the avis lists its remarks.
    let mut rank: std::collections::HashMap<String, (i64, Vec<String>)> = std::collections::HashMap::new();
    for a in &answers {
        if !rank.contains_key(&a.avis) {
            if let Some(s) = load_avis(tx, &a.avis)? {
                let when = instant(&s.avis.issued_at).unwrap_or(i64::MIN);
                rank.insert(
                    a.avis.clone(),
                    (when, s.avis.remarks.iter().map(|r| r.id.clone()).collect()),
                );
            }
        }
    }
    answers.sort_by_key(|a| match rank.get(&a.avis) {
        Some((when, remarks)) => (
            false,
            *when,
            a.avis.clone(),
            remarks.iter().position(|r| *r == a.remark).unwrap_or(usize::MAX),
            a.remark.clone(),
        ),
        None => (true, 0, a.avis.clone(), 0, a.remark.clone()),
    });
    let reponses = Reponses {
        roadmap: AnsweredRevision {
            id: id.to_string(),
            revision,
        },
        answered_at: answered_at.to_string(),
        answers,
    };
    Ok(Some(format::encode_reponses(&reponses)))
}
