//! Import and export of the exchange format, with the format's revision
//! semantics, each as one transaction.

use crate::error::{Result, StoreError};
use crate::read::load;
use crate::Store;
use fdr_core::catalogue::Catalogue;
use fdr_core::warnings::Warning;
use fdr_core::*;
use fdr_format::Decoded;
use rusqlite::{params, OptionalExtension, Transaction};
use serde::Serialize;
use std::collections::HashMap;

/// What an import did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ImportOutcome {
    /// A roadmap not seen before.
    Added,
    /// A higher revision: now the current one; the previous stays in the history.
    Updated {
        /// The revision it replaced.
        previous: i64,
    },
    /// Same id, revision and content: nothing changed (« déjà importée »).
    AlreadyImported,
    /// A lower revision than the current one: kept in the history only.
    HistoryOnly {
        /// The current revision, which stays.
        current: i64,
    },
}

/// The result of importing one file.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
pub struct ImportReport {
    /// Roadmap id.
    pub id: String,
    /// Revision of the file.
    pub revision: i64,
    /// Theme of the file.
    pub theme_number: i64,
    /// What happened.
    pub outcome: ImportOutcome,
    /// The file's warnings.
    pub warnings: Vec<Warning>,
}

/// The result of an export.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Exported {
    /// The file, exactly as to be written.
    pub bytes: Vec<u8>,
    /// Its revision.
    pub revision: i64,
    /// Whether this export made a new revision (the roadmap had been edited).
    pub new_revision: bool,
    /// The file's `exported_at` (the revision's, for an unedited roadmap).
    pub exported_at: String,
    /// The roadmap's warnings.
    pub warnings: Vec<Warning>,
}

/// A roadmap as last exported or received: what the secretariat publishes.
#[derive(Debug, Clone, PartialEq)]
pub struct Published {
    /// The content of that revision (decoded from `json`).
    pub roadmap: Roadmap,
    /// The revision's exact bytes.
    pub json: Vec<u8>,
    /// Its `exported_at`.
    pub exported_at: String,
    /// The roadmap has local edits not in this revision.
    pub local_edits: bool,
}

/// What [`Store::published`] found.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PublishedSet {
    /// The current revision of every roadmap that has one, by theme then id.
    pub roadmaps: Vec<Published>,
    /// Roadmaps never exported nor received (theme number, id): not included.
    pub never_exported: Vec<(i64, String)>,
}

/// One revision kept in the history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RevisionEntry {
    /// Revision number.
    pub revision: i64,
    /// The file's `exported_at`.
    pub exported_at: String,
    /// `import` or `export`.
    pub origin: String,
    /// File name it came from, for imports.
    pub source_name: Option<String>,
    /// When it entered this store.
    pub recorded_at: String,
}

fn json_list(list: &Option<Vec<String>>) -> Option<String> {
    list.as_ref()
        .map(|l| serde_json::to_string(l).expect("a list of strings serialises"))
}

fn number_text(n: &Number) -> String {
    n.to_string()
}

/// Writes the roadmap row's content fields (not revision bookkeeping).
pub(crate) fn update_head(tx: &Transaction, r: &Roadmap, now: &str) -> Result<()> {
    tx.execute(
        "UPDATE roadmap SET region_code = ?2, region_name = ?3, period_start = ?4, period_end = ?5,
         theme_number = ?6, theme_title = ?7, status = ?8, diagnosis_text = ?9, participation_text = ?10,
         updated_at = ?11 WHERE id = ?1",
        params![
            r.id,
            r.region.code,
            r.region.name,
            r.period.start,
            r.period.end,
            r.theme.number,
            r.theme.title,
            r.status.code(),
            r.diagnosis.text,
            r.participation.text,
            now
        ],
    )?;
    Ok(())
}

/// Removes every list item of a roadmap (links and lines go by cascade).
pub(crate) fn delete_children(tx: &Transaction, id: &str) -> Result<()> {
    for table in ["animator", "key_figure", "indicator", "action", "objective", "practice"] {
        tx.execute(&format!("DELETE FROM {table} WHERE roadmap_id = ?1"), params![id])?;
    }
    Ok(())
}

/// Inserts every list item of a roadmap whose row exists. References must
/// resolve (the roadmap was validated).
pub(crate) fn insert_children(tx: &Transaction, r: &Roadmap) -> Result<()> {
    let id = r.id.as_str();
    {
        let mut stmt = tx.prepare_cached(
            "INSERT INTO animator (roadmap_id, position, name, organisation, role, email, phone)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?;
        for (i, a) in r.animators.iter().enumerate() {
            stmt.execute(params![id, i as i64, a.name, a.organisation, a.role, a.email, a.phone])?;
        }
    }
    {
        let mut stmt = tx.prepare_cached(
            "INSERT INTO key_figure (roadmap_id, position, label, value, unit, year, territory, source)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?;
        for (i, k) in r.diagnosis.key_figures.iter().enumerate() {
            stmt.execute(params![
                id,
                i as i64,
                k.label,
                number_text(&k.value),
                k.unit,
                k.year,
                k.territory,
                k.source
            ])?;
        }
    }
    let mut objectives: HashMap<&str, i64> = HashMap::new();
    {
        let mut stmt = tx.prepare_cached(
            "INSERT INTO objective (roadmap_id, position, code, priority, title, text, territories)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?;
        for (i, o) in r.objectives.iter().enumerate() {
            stmt.execute(params![
                id,
                i as i64,
                o.id,
                o.priority,
                o.title,
                o.text,
                json_list(&o.territories)
            ])?;
            objectives.insert(&o.id, tx.last_insert_rowid());
        }
    }
    let unresolved = |what: &'static str, code: &str| StoreError::ItemNotFound {
        kind: what,
        id: code.to_string(),
    };
    let mut action_pks: HashMap<&str, i64> = HashMap::new();
    for (i, a) in r.actions.iter().enumerate() {
        let pk = insert_action(tx, id, i as i64, a, &mut |o| {
            objectives.get(o).copied().ok_or_else(|| unresolved("objectif", o))
        })?;
        action_pks.insert(&a.id, pk);
    }
    for (i, x) in r.indicators.iter().enumerate() {
        insert_indicator(
            tx,
            id,
            i as i64,
            x,
            &mut |o| objectives.get(o).copied().ok_or_else(|| unresolved("objectif", o)),
            &mut |a| action_pks.get(a).copied().ok_or_else(|| unresolved("action", a)),
        )?;
    }
    {
        let mut stmt = tx.prepare_cached(
            "INSERT INTO practice (roadmap_id, position, stage, method, description, participants, date)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?;
        for (i, p) in r.participation.practices.iter().enumerate() {
            stmt.execute(params![
                id,
                i as i64,
                p.stage.code(),
                p.method.code(),
                p.description,
                p.participants,
                p.date
            ])?;
        }
    }
    Ok(())
}

/// Inserts an action at `position`, with its objective links (resolved by
/// `objective_pk`) and funding lines; returns its pk. Shared by import and
/// by the editing operations.
pub(crate) fn insert_action(
    tx: &Transaction,
    roadmap_id: &str,
    position: i64,
    a: &Action,
    objective_pk: &mut dyn FnMut(&str) -> Result<i64>,
) -> Result<i64> {
    tx.prepare_cached(
        "INSERT INTO action (roadmap_id, position, code, title, text, lead, partners, territories,
         start_date, end_date, status, fte) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?
    .execute(params![
        roadmap_id,
        position,
        a.id,
        a.title,
        a.text,
        a.lead,
        json_list(&a.partners),
        json_list(&a.territories),
        a.start,
        a.end,
        a.status.code(),
        a.fte.as_ref().map(number_text)
    ])?;
    let pk = tx.last_insert_rowid();
    let mut link =
        tx.prepare_cached("INSERT INTO action_objective (action_pk, position, objective_pk) VALUES (?1, ?2, ?3)")?;
    for (j, o) in a.objectives.iter().enumerate() {
        link.execute(params![pk, j as i64, objective_pk(o)?])?;
    }
    let mut line = tx.prepare_cached(
        "INSERT INTO funding (action_pk, position, funder, year, amount_cents) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (j, f) in a.funding.iter().enumerate() {
        line.execute(params![pk, j as i64, f.funder, f.year, f.amount_cents])?;
    }
    Ok(pk)
}

/// Inserts an indicator at `position`, with its links and measurements;
/// returns its pk. Shared by import and by the editing operations.
pub(crate) fn insert_indicator(
    tx: &Transaction,
    roadmap_id: &str,
    position: i64,
    x: &Indicator,
    objective_pk: &mut dyn FnMut(&str) -> Result<i64>,
    action_pk: &mut dyn FnMut(&str) -> Result<i64>,
) -> Result<i64> {
    tx.prepare_cached(
        "INSERT INTO indicator (roadmap_id, position, code, objectives_present, actions_present,
         measurements_present, name, definition, unit, direction, baseline_value, baseline_date,
         baseline_comment, target_value, target_date, target_comment, source, frequency)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
    )?
    .execute(params![
        roadmap_id,
        position,
        x.id,
        x.objectives.is_some(),
        x.actions.is_some(),
        x.measurements.is_some(),
        x.name,
        x.definition,
        x.unit,
        x.direction.code(),
        x.baseline.as_ref().map(|v| number_text(&v.value)),
        x.baseline.as_ref().map(|v| &v.date),
        x.baseline.as_ref().and_then(|v| v.comment.as_ref()),
        x.target.as_ref().map(|v| number_text(&v.value)),
        x.target.as_ref().map(|v| &v.date),
        x.target.as_ref().and_then(|v| v.comment.as_ref()),
        x.source,
        x.frequency.map(Frequency::code),
    ])?;
    let pk = tx.last_insert_rowid();
    let mut link_o = tx
        .prepare_cached("INSERT INTO indicator_objective (indicator_pk, position, objective_pk) VALUES (?1, ?2, ?3)")?;
    for (j, o) in x.objectives.iter().flatten().enumerate() {
        link_o.execute(params![pk, j as i64, objective_pk(o)?])?;
    }
    let mut link_a =
        tx.prepare_cached("INSERT INTO indicator_action (indicator_pk, position, action_pk) VALUES (?1, ?2, ?3)")?;
    for (j, a) in x.actions.iter().flatten().enumerate() {
        link_a.execute(params![pk, j as i64, action_pk(a)?])?;
    }
    let mut measure = tx.prepare_cached(
        "INSERT INTO measurement (indicator_pk, position, value, date, comment) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (j, m) in x.measurements.iter().flatten().enumerate() {
        measure.execute(params![pk, j as i64, number_text(&m.value), m.date, m.comment])?;
    }
    Ok(pk)
}

/// Inserts a whole roadmap (row and items).
pub(crate) fn insert_roadmap(
    tx: &Transaction,
    r: &Roadmap,
    exported_at: Option<&str>,
    edited: bool,
    now: &str,
) -> Result<()> {
    tx.execute(
        "INSERT INTO roadmap (id, revision, exported_at, edited, region_code, region_name, period_start, period_end,
         theme_number, theme_title, status, diagnosis_text, participation_text, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?14)",
        params![
            r.id,
            r.revision,
            exported_at,
            edited,
            r.region.code,
            r.region.name,
            r.period.start,
            r.period.end,
            r.theme.number,
            r.theme.title,
            r.status.code(),
            r.diagnosis.text,
            r.participation.text,
            now
        ],
    )?;
    insert_children(tx, r)
}

/// One revision entering the history.
struct NewRevision<'a> {
    id: &'a str,
    revision: i64,
    exported_at: &'a str,
    origin: &'static str,
    source_name: Option<&'a str>,
    json: &'a [u8],
}

fn record_revision(tx: &Transaction, r: &NewRevision, now: &str) -> Result<()> {
    tx.execute(
        "INSERT INTO revision (roadmap_id, revision, exported_at, origin, source_name, recorded_at, json)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![r.id, r.revision, r.exported_at, r.origin, r.source_name, now, r.json],
    )?;
    Ok(())
}

fn import_decoded(
    tx: &Transaction,
    bytes: &[u8],
    decoded: Decoded,
    source_name: Option<&str>,
    now: &str,
) -> Result<ImportOutcome> {
    let r = &decoded.roadmap;
    let received = NewRevision {
        id: &r.id,
        revision: r.revision,
        exported_at: &decoded.exported_at,
        origin: "import",
        source_name,
        json: bytes,
    };
    let current: Option<(i64, bool)> = tx
        .query_row(
            "SELECT revision, edited FROM roadmap WHERE id = ?1",
            params![r.id],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()?;
    let Some((current, edited)) = current else {
        insert_roadmap(tx, r, Some(&decoded.exported_at), false, now)?;
        record_revision(tx, &received, now)?;
        return Ok(ImportOutcome::Added);
    };
    let known: Option<Vec<u8>> = tx
        .query_row(
            "SELECT json FROM revision WHERE roadmap_id = ?1 AND revision = ?2",
            params![r.id, r.revision],
            |row| row.get(0),
        )
        .optional()?;
    if let Some(known) = known {
        return if fdr_format::same_content(&known, bytes) {
            Ok(ImportOutcome::AlreadyImported)
        } else {
            Err(StoreError::Conflict {
                id: r.id.clone(),
                revision: r.revision,
            })
        };
    }
    if r.revision > current {
        if edited {
            return Err(StoreError::LocalEdits {
                id: r.id.clone(),
                revision: current,
                incoming: r.revision,
            });
        }
        delete_children(tx, &r.id)?;
        update_head(tx, r, now)?;
        tx.execute(
            "UPDATE roadmap SET revision = ?2, exported_at = ?3, edited = 0 WHERE id = ?1",
            params![r.id, r.revision, decoded.exported_at],
        )?;
        insert_children(tx, r)?;
        record_revision(tx, &received, now)?;
        Ok(ImportOutcome::Updated { previous: current })
    } else {
        record_revision(tx, &received, now)?;
        Ok(ImportOutcome::HistoryOnly { current })
    }
}

impl Store {
    /// Imports one received file — the format's JSON, or a PDF carrying it —
    /// in one transaction: the whole file or nothing. The JSON's exact bytes
    /// are kept in the history.
    pub fn import(&mut self, file: &[u8], source_name: Option<&str>) -> Result<ImportReport> {
        // A roadmap's file carries one roadmap; a consolidated PDF several
        // (see `import_all`), of which this reports the first.
        let mut reports = self.import_all(file, source_name)?;
        Ok(reports.swap_remove(0))
    }

    /// Imports every roadmap a file carries (one for a JSON file or a
    /// roadmap's PDF, several for a consolidated PDF), in one transaction:
    /// all of them or, if one is refused, none.
    pub fn import_all(&mut self, file: &[u8], source_name: Option<&str>) -> Result<Vec<ImportReport>> {
        let jsons = fdr_format::exchange_jsons(file, source_name)?;
        let mut decoded = Vec::with_capacity(jsons.len());
        for json in &jsons {
            decoded.push(fdr_format::decode(json, Catalogue::builtin())?);
        }
        let now = self.now();
        self.write(|tx| {
            let mut reports = Vec::with_capacity(decoded.len());
            for (json, d) in jsons.iter().zip(decoded) {
                let (id, revision, theme_number) = (d.roadmap.id.clone(), d.roadmap.revision, d.roadmap.theme.number);
                let warnings = d.warnings.clone();
                let outcome = import_decoded(tx, json, d, source_name, &now)?;
                reports.push(ImportReport {
                    id,
                    revision,
                    theme_number,
                    outcome,
                    warnings,
                });
            }
            Ok(reports)
        })
    }

    /// Exports a roadmap as a file of the format. An edited roadmap gets a
    /// new revision stamped `exported_at` (passed in) and recorded in the
    /// history; an unedited one gives back the same bytes as its last export.
    /// A roadmap that breaks the format's rules is refused, nothing changed.
    pub fn export_json(&mut self, id: &str, exported_at: &str) -> Result<Exported> {
        let now = self.now();
        self.write(|tx| {
            let mut r = load(tx, id)?;
            let (edited, stamped): (bool, Option<String>) = tx.query_row(
                "SELECT edited, exported_at FROM roadmap WHERE id = ?1",
                params![id],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )?;
            let warnings = fdr_core::warnings::warnings(&r);
            if let (false, Some(stamped)) = (edited, stamped.as_deref()) {
                if r.revision >= 1 {
                    let bytes = fdr_format::encode(&r, stamped);
                    return Ok(Exported {
                        bytes,
                        revision: r.revision,
                        new_revision: false,
                        exported_at: stamped.to_string(),
                        warnings,
                    });
                }
            }
            if !fdr_core::calendar::is_rfc3339_timestamp(exported_at) {
                return Err(StoreError::Invalid(vec![fdr_core::validation::Problem::new(
                    "exported_at",
                    fdr_core::validation::ProblemCode::Format,
                    format!("« {exported_at} » n’est pas un horodatage RFC 3339"),
                )]));
            }
            let max_known: i64 = tx.query_row(
                "SELECT coalesce(max(revision), 0) FROM revision WHERE roadmap_id = ?1",
                params![id],
                |row| row.get(0),
            )?;
            r.revision = r.revision.max(max_known) + 1;
            let problems = fdr_core::validation::validate(&r, Catalogue::builtin());
            if !problems.is_empty() {
                return Err(StoreError::Invalid(problems));
            }
            let bytes = fdr_format::encode(&r, exported_at);
            let record = NewRevision {
                id,
                revision: r.revision,
                exported_at,
                origin: "export",
                source_name: None,
                json: &bytes,
            };
            record_revision(tx, &record, &now)?;
            tx.execute(
                "UPDATE roadmap SET revision = ?2, exported_at = ?3, edited = 0 WHERE id = ?1",
                params![id, r.revision, exported_at],
            )?;
            Ok(Exported {
                bytes,
                revision: r.revision,
                new_revision: true,
                exported_at: exported_at.to_string(),
                warnings,
            })
        })
    }

    /// The revisions kept for a roadmap, oldest first.
    pub fn history(&self, id: &str) -> Result<Vec<RevisionEntry>> {
        let mut stmt = self.conn.prepare(
            "SELECT revision, exported_at, origin, source_name, recorded_at FROM revision
             WHERE roadmap_id = ?1 ORDER BY revision",
        )?;
        let rows = stmt.query_map(params![id], |row| {
            Ok(RevisionEntry {
                revision: row.get("revision")?,
                exported_at: row.get("exported_at")?,
                origin: row.get("origin")?,
                source_name: row.get("source_name")?,
                recorded_at: row.get("recorded_at")?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The current revision of every roadmap, as its exact recorded JSON
    /// (local edits not yet exported are not in it: `local_edits` says so),
    /// read in one transaction. Roadmaps never exported are listed apart.
    pub fn published(&mut self) -> Result<PublishedSet> {
        let tx = self.conn.transaction()?;
        let mut set = PublishedSet::default();
        {
            let mut stmt = tx.prepare(
                "SELECT r.id, r.theme_number, r.edited, v.exported_at, v.json FROM roadmap r
                 LEFT JOIN revision v ON v.roadmap_id = r.id AND v.revision = r.revision
                 ORDER BY r.theme_number, r.id",
            )?;
            let rows = stmt.query_map([], |row| {
                Ok((
                    row.get::<_, String>("id")?,
                    row.get::<_, i64>("theme_number")?,
                    row.get::<_, bool>("edited")?,
                    row.get::<_, Option<String>>("exported_at")?,
                    row.get::<_, Option<Vec<u8>>>("json")?,
                ))
            })?;
            for row in rows {
                let (id, theme, edited, exported_at, json) = row?;
                match (exported_at, json) {
                    (Some(exported_at), Some(json)) => {
                        let roadmap = fdr_format::decode(&json, Catalogue::builtin())?.roadmap;
                        set.roadmaps.push(Published {
                            roadmap,
                            json,
                            exported_at,
                            local_edits: edited,
                        });
                    }
                    _ => set.never_exported.push((theme, id)),
                }
            }
        }
        tx.finish()?;
        Ok(set)
    }

    /// The changes between two recorded revisions of a roadmap, field by
    /// field (`fdr diff`, the app's history screen).
    pub fn diff(&self, id: &str, from: i64, to: i64) -> Result<Vec<fdr_core::diff::Change>> {
        let read = |revision| -> Result<Roadmap> {
            Ok(fdr_format::decode(&self.revision_json(id, revision)?, Catalogue::builtin())?.roadmap)
        };
        Ok(fdr_core::diff::diff(&read(from)?, &read(to)?))
    }

    /// The exact bytes of a revision kept in the history.
    pub fn revision_json(&self, id: &str, revision: i64) -> Result<Vec<u8>> {
        self.conn
            .query_row(
                "SELECT json FROM revision WHERE roadmap_id = ?1 AND revision = ?2",
                params![id, revision],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| StoreError::ItemNotFound {
                kind: "révision",
                id: format!("{id} n° {revision}"),
            })
    }
}
