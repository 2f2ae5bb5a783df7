//! The editing operations of the desktop app. Each public method is one
//! IMMEDIATE transaction through [`Store::edit`], which also marks the
//! roadmap as edited since its last export.
//!
//! Lists without ids in the format (animators, key figures, practices,
//! funding lines, measurements) are addressed by their index in the list;
//! objectives, actions and indicators by their local id. Positions are kept
//! in a `position` column: an item's index is its rank by position, so
//! deleting needs no renumbering and reordering rewrites positions 0..n.

use crate::error::{Result, StoreError};
use crate::exchange::{delete_children, insert_action, insert_children, insert_indicator, insert_roadmap, update_head};
use crate::{At, Store};
use fdr_core::validation::is_local_id;
use fdr_core::*;
use rusqlite::types::Value;
use rusqlite::{params, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};

/// The roadmap's card (*fiche*): what is not a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
pub struct Header {
    /// Theme title as shown.
    pub theme_title: String,
    /// Status.
    pub status: RoadmapStatus,
    /// Strategy period.
    pub period: Period,
}

/// What to do when deleting an item that others reference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum DeleteMode {
    /// Refuse, naming what references it.
    Refuse,
    /// Remove the links, then the item.
    RemoveLinks,
}

/// An action's own fields (its links and funding lines have their own operations).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
pub struct ActionFields {
    /// Local id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Light Markdown.
    pub text: Option<String>,
    /// *Pilote*.
    pub lead: Option<String>,
    /// Partners.
    pub partners: Option<Vec<String>>,
    /// Territories.
    pub territories: Option<Vec<String>>,
    /// `YYYY-MM-DD`.
    pub start: Option<String>,
    /// `YYYY-MM-DD`.
    pub end: Option<String>,
    /// Status.
    pub status: ActionStatus,
    /// ETP.
    #[cfg_attr(feature = "ts", ts(as = "Option<f64>"))]
    pub fte: Option<Number>,
}

/// An indicator's own fields (links and measurements have their own operations).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
pub struct IndicatorFields {
    /// Local id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Light Markdown.
    pub definition: Option<String>,
    /// Unit.
    pub unit: String,
    /// Direction.
    pub direction: Direction,
    /// Baseline.
    pub baseline: Option<DatedValue>,
    /// Target.
    pub target: Option<DatedValue>,
    /// Source.
    pub source: Option<String>,
    /// Frequency.
    pub frequency: Option<Frequency>,
}

/// A list addressed by index under a parent row.
#[derive(Clone, Copy)]
struct List {
    table: &'static str,
    parent: &'static str,
    kind: &'static str,
}

const ANIMATORS: List = List {
    table: "animator",
    parent: "roadmap_id",
    kind: "animateur",
};
const KEY_FIGURES: List = List {
    table: "key_figure",
    parent: "roadmap_id",
    kind: "chiffre clé",
};
const PRACTICES: List = List {
    table: "practice",
    parent: "roadmap_id",
    kind: "pratique de participation",
};
const FUNDING: List = List {
    table: "funding",
    parent: "action_pk",
    kind: "ligne de financement",
};
const MEASUREMENTS: List = List {
    table: "measurement",
    parent: "indicator_pk",
    kind: "mesure",
};
const OBJECTIVES: List = List {
    table: "objective",
    parent: "roadmap_id",
    kind: "objectif",
};
const ACTIONS: List = List {
    table: "action",
    parent: "roadmap_id",
    kind: "action",
};
const INDICATORS: List = List {
    table: "indicator",
    parent: "roadmap_id",
    kind: "indicateur",
};

impl List {
    fn pks(self, tx: &Transaction, parent: &Value) -> Result<Vec<i64>> {
        let mut stmt = tx.prepare_cached(&format!(
            "SELECT pk FROM {} WHERE {} = ?1 ORDER BY position, pk",
            self.table, self.parent
        ))?;
        let rows = stmt.query_map([parent], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn pk_at(self, tx: &Transaction, parent: &Value, index: usize) -> Result<i64> {
        self.pks(tx, parent)?
            .get(index)
            .copied()
            .ok_or_else(|| StoreError::ItemNotFound {
                kind: self.kind,
                id: format!("n° {}", index as u128 + 1),
            })
    }

    fn next_position(self, tx: &Transaction, parent: &Value) -> Result<i64> {
        Ok(tx.query_row(
            &format!(
                "SELECT coalesce(max(position) + 1, 0) FROM {} WHERE {} = ?1",
                self.table, self.parent
            ),
            [parent],
            |r| r.get(0),
        )?)
    }

    fn delete_at(self, tx: &Transaction, parent: &Value, index: usize) -> Result<()> {
        let pk = self.pk_at(tx, parent, index)?;
        tx.execute(&format!("DELETE FROM {} WHERE pk = ?1", self.table), params![pk])?;
        Ok(())
    }

    /// `order[i]` is the current index of the item that goes to index `i`.
    fn reorder(self, tx: &Transaction, parent: &Value, order: &[usize]) -> Result<()> {
        let pks = self.pks(tx, parent)?;
        let mut seen = vec![false; pks.len()];
        if order.len() != pks.len()
            || order
                .iter()
                .any(|&i| i >= pks.len() || std::mem::replace(&mut seen[i], true))
        {
            return Err(StoreError::BadOrder(self.kind));
        }
        let mut stmt = tx.prepare_cached(&format!("UPDATE {} SET position = ?2 WHERE pk = ?1", self.table))?;
        for (position, &old) in order.iter().enumerate() {
            stmt.execute(params![pks[old], position as i64])?;
        }
        Ok(())
    }

    /// The pk of the item with local id `code` in roadmap `id`.
    fn pk_of(self, tx: &Transaction, id: &str, code: &str) -> Result<i64> {
        tx.query_row(
            &format!("SELECT pk FROM {} WHERE roadmap_id = ?1 AND code = ?2", self.table),
            params![id, code],
            |r| r.get(0),
        )
        .optional()?
        .ok_or_else(|| StoreError::ItemNotFound {
            kind: self.kind,
            id: code.to_string(),
        })
    }

    /// Checks a new or changed local id: valid, and unused by another item.
    fn check_code(self, tx: &Transaction, id: &str, code: &str, except_pk: Option<i64>) -> Result<()> {
        if !is_local_id(code) {
            return Err(StoreError::InvalidId(code.to_string()));
        }
        let other: Option<i64> = tx
            .query_row(
                &format!("SELECT pk FROM {} WHERE roadmap_id = ?1 AND code = ?2", self.table),
                params![id, code],
                |r| r.get(0),
            )
            .optional()?;
        match other {
            Some(pk) if Some(pk) != except_pk => Err(StoreError::DuplicateId {
                kind: self.kind,
                id: code.to_string(),
            }),
            _ => Ok(()),
        }
    }

    /// Reorders items with local ids: `codes` lists every id in its new order.
    fn reorder_codes(self, tx: &Transaction, id: &str, codes: &[String]) -> Result<Vec<i64>> {
        let parent = Value::Text(id.to_string());
        let pks = self.pks(tx, &parent)?;
        let mut wanted = Vec::with_capacity(codes.len());
        for code in codes {
            let pk = self.pk_of(tx, id, code).map_err(|_| StoreError::BadOrder(self.kind))?;
            wanted.push(pk);
        }
        let mut sorted = wanted.clone();
        sorted.sort_unstable();
        sorted.dedup();
        if sorted.len() != pks.len() || wanted.len() != pks.len() {
            return Err(StoreError::BadOrder(self.kind));
        }
        let mut stmt = tx.prepare_cached(&format!("UPDATE {} SET position = ?2 WHERE pk = ?1", self.table))?;
        for (position, pk) in wanted.iter().enumerate() {
            stmt.execute(params![pk, position as i64])?;
        }
        Ok(wanted)
    }
}

fn text(id: &str) -> Value {
    Value::Text(id.to_string())
}

fn json_list(list: &Option<Vec<String>>) -> Option<String> {
    list.as_ref()
        .map(|l| serde_json::to_string(l).expect("a list of strings serialises"))
}

/// Appends a link row `(parent, position, target)` unless it exists.
fn link(tx: &Transaction, table: &str, parent_col: &str, target_col: &str, parent: i64, target: i64) -> Result<()> {
    let exists: Option<i64> = tx
        .query_row(
            &format!("SELECT 1 FROM {table} WHERE {parent_col} = ?1 AND {target_col} = ?2"),
            params![parent, target],
            |r| r.get(0),
        )
        .optional()?;
    if exists.is_none() {
        tx.execute(
            &format!(
                "INSERT INTO {table} ({parent_col}, position, {target_col})
                 SELECT ?1, coalesce(max(position) + 1, 0), ?2 FROM {table} WHERE {parent_col} = ?1"
            ),
            params![parent, target],
        )?;
    }
    Ok(())
}

fn unlink(tx: &Transaction, table: &str, parent_col: &str, target_col: &str, parent: i64, target: i64) -> Result<()> {
    tx.execute(
        &format!("DELETE FROM {table} WHERE {parent_col} = ?1 AND {target_col} = ?2"),
        params![parent, target],
    )?;
    Ok(())
}

/// Codes of the items of `table` whose link rows in `link_table` point at `target`.
fn referencing(
    tx: &Transaction,
    link_table: &str,
    parent_col: &str,
    target_col: &str,
    table: &str,
    target: i64,
) -> Result<Vec<String>> {
    let mut stmt = tx.prepare(&format!(
        "SELECT DISTINCT t.code FROM {link_table} l JOIN {table} t ON t.pk = l.{parent_col}
         WHERE l.{target_col} = ?1 ORDER BY t.position"
    ))?;
    let rows = stmt.query_map(params![target], |r| r.get::<_, String>(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn insert_dated(tx: &Transaction, indicator_pk: i64, v: &DatedValue) -> Result<usize> {
    let position = MEASUREMENTS.next_position(tx, &Value::Integer(indicator_pk))?;
    tx.execute(
        "INSERT INTO measurement (indicator_pk, position, value, date, comment) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![indicator_pk, position, v.value.to_string(), v.date, v.comment],
    )?;
    tx.execute(
        "UPDATE indicator SET measurements_present = 1 WHERE pk = ?1",
        params![indicator_pk],
    )?;
    Ok(MEASUREMENTS.pks(tx, &Value::Integer(indicator_pk))?.len() - 1)
}

impl Store {
    /// Creates an empty draft roadmap for a theme of the catalogue; `id` is a
    /// UUID drawn by the caller.
    pub fn create_roadmap(&mut self, id: &str, theme_number: i64) -> Result<Roadmap> {
        if !fdr_core::validation::is_uuid(id) {
            return Err(StoreError::InvalidId(id.to_string()));
        }
        let now = self.now();
        self.write(|tx| {
            let exists: Option<i64> = tx
                .query_row("SELECT 1 FROM roadmap WHERE id = ?1", params![id], |r| r.get(0))
                .optional()?;
            if exists.is_some() {
                return Err(StoreError::RoadmapExists(id.to_string()));
            }
            let (code, name, start, end): (String, String, i64, i64) = tx.query_row(
                "SELECT code, name, period_start, period_end FROM region WHERE id = 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )?;
            let title: String = tx
                .query_row(
                    "SELECT title FROM theme WHERE number = ?1",
                    params![theme_number],
                    |r| r.get(0),
                )
                .optional()?
                .ok_or(StoreError::UnknownTheme(theme_number))?;
            // The reference data as this store holds it (seeded from the assets).
            let catalogue = fdr_core::catalogue::Catalogue {
                region: Region { code, name },
                period: Period { start, end },
                themes: vec![Theme {
                    number: theme_number,
                    title,
                }],
                departements: Vec::new(),
            };
            let r =
                Roadmap::new(id.to_string(), &catalogue, theme_number).ok_or(StoreError::UnknownTheme(theme_number))?;
            insert_roadmap(tx, &r, None, true, true, &now)?;
            Ok(r)
        })
    }

    /// Deletes a roadmap and its history.
    pub fn delete_roadmap(&mut self, id: &str) -> Result<()> {
        self.write(|tx| {
            if tx.execute("DELETE FROM roadmap WHERE id = ?1", params![id])? == 0 {
                return Err(StoreError::RoadmapNotFound(id.to_string()));
            }
            Ok(())
        })
    }

    /// Puts back a roadmap's content as it was (undo and redo in the desktop
    /// app): one edit; the revision and the history are not touched. The
    /// content must be valid (it was read from this store).
    pub fn restore_content<'a>(&mut self, at: impl Into<At<'a>>, content: &Roadmap) -> Result<()> {
        let at = at.into();
        let id = at.id;
        if content.id != id {
            return Err(StoreError::InvalidId(content.id.clone()));
        }
        let now = self.now();
        self.edit(at, |tx| {
            update_head(tx, content, &now)?;
            delete_children(tx, id)?;
            insert_children(tx, content)
        })
    }

    /// Updates the card: theme title, status, period.
    pub fn update_header<'a>(&mut self, at: impl Into<At<'a>>, header: &Header) -> Result<()> {
        let at = at.into();
        let id = at.id;
        self.edit(at, |tx| {
            tx.execute(
                "UPDATE roadmap SET theme_title = ?2, status = ?3, period_start = ?4, period_end = ?5 WHERE id = ?1",
                params![
                    id,
                    header.theme_title,
                    header.status.code(),
                    header.period.start,
                    header.period.end
                ],
            )?;
            Ok(())
        })
    }

    /// Sets only the status (e.g. *remise*, *validée*).
    pub fn set_status<'a>(&mut self, at: impl Into<At<'a>>, status: RoadmapStatus) -> Result<()> {
        let at = at.into();
        let id = at.id;
        self.edit(at, |tx| {
            tx.execute(
                "UPDATE roadmap SET status = ?2 WHERE id = ?1",
                params![id, status.code()],
            )?;
            Ok(())
        })
    }

    /// Sets the diagnosis text.
    pub fn set_diagnosis_text<'a>(&mut self, at: impl Into<At<'a>>, text: &str) -> Result<()> {
        let at = at.into();
        let id = at.id;
        self.edit(at, |tx| {
            tx.execute(
                "UPDATE roadmap SET diagnosis_text = ?2 WHERE id = ?1",
                params![id, text],
            )?;
            Ok(())
        })
    }

    /// Sets the participation text.
    pub fn set_participation_text<'a>(&mut self, at: impl Into<At<'a>>, text: &str) -> Result<()> {
        let at = at.into();
        let id = at.id;
        self.edit(at, |tx| {
            tx.execute(
                "UPDATE roadmap SET participation_text = ?2 WHERE id = ?1",
                params![id, text],
            )?;
            Ok(())
        })
    }

    // ----- animators -----

    /// Appends an animator; returns its index.
    pub fn add_animator<'a>(&mut self, at: impl Into<At<'a>>, a: &Animator) -> Result<usize> {
        let at = at.into();
        let id = at.id;
        self.edit(at, |tx| {
            let position = ANIMATORS.next_position(tx, &text(id))?;
            tx.execute(
                "INSERT INTO animator (roadmap_id, position, name, organisation, role, email, phone)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![id, position, a.name, a.organisation, a.role, a.email, a.phone],
            )?;
            Ok(ANIMATORS.pks(tx, &text(id))?.len() - 1)
        })
    }

    /// Replaces the animator at `index`.
    pub fn update_animator<'a>(&mut self, at: impl Into<At<'a>>, index: usize, a: &Animator) -> Result<()> {
        let at = at.into();
        let id = at.id;
        self.edit(at, |tx| {
            let pk = ANIMATORS.pk_at(tx, &text(id), index)?;
            tx.execute(
                "UPDATE animator SET name = ?2, organisation = ?3, role = ?4, email = ?5, phone = ?6 WHERE pk = ?1",
                params![pk, a.name, a.organisation, a.role, a.email, a.phone],
            )?;
            Ok(())
        })
    }

    /// Deletes the animator at `index`.
    pub fn delete_animator<'a>(&mut self, at: impl Into<At<'a>>, index: usize) -> Result<()> {
        let at = at.into();
        let id = at.id;
        self.edit(at, |tx| ANIMATORS.delete_at(tx, &text(id), index))
    }

    /// Reorders animators: `order[i]` is the current index of the new i-th.
    pub fn reorder_animators<'a>(&mut self, at: impl Into<At<'a>>, order: &[usize]) -> Result<()> {
        let at = at.into();
        let id = at.id;
        self.edit(at, |tx| ANIMATORS.reorder(tx, &text(id), order))
    }

    // ----- key figures -----

    /// Appends a key figure; returns its index.
    pub fn add_key_figure<'a>(&mut self, at: impl Into<At<'a>>, k: &KeyFigure) -> Result<usize> {
        let at = at.into();
        let id = at.id;
        self.edit(at, |tx| {
            let position = KEY_FIGURES.next_position(tx, &text(id))?;
            tx.execute(
                "INSERT INTO key_figure (roadmap_id, position, label, value, unit, year, territory, source)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![
                    id,
                    position,
                    k.label,
                    k.value.to_string(),
                    k.unit,
                    k.year,
                    k.territory,
                    k.source
                ],
            )?;
            Ok(KEY_FIGURES.pks(tx, &text(id))?.len() - 1)
        })
    }

    /// Replaces the key figure at `index`.
    pub fn update_key_figure<'a>(&mut self, at: impl Into<At<'a>>, index: usize, k: &KeyFigure) -> Result<()> {
        let at = at.into();
        let id = at.id;
        self.edit(at, |tx| {
            let pk = KEY_FIGURES.pk_at(tx, &text(id), index)?;
            tx.execute(
                "UPDATE key_figure SET label = ?2, value = ?3, unit = ?4, year = ?5, territory = ?6, source = ?7
                 WHERE pk = ?1",
                params![pk, k.label, k.value.to_string(), k.unit, k.year, k.territory, k.source],
            )?;
            Ok(())
        })
    }

    /// Deletes the key figure at `index`.
    pub fn delete_key_figure<'a>(&mut self, at: impl Into<At<'a>>, index: usize) -> Result<()> {
        let at = at.into();
        let id = at.id;
        self.edit(at, |tx| KEY_FIGURES.delete_at(tx, &text(id), index))
    }

    /// Reorders key figures.
    pub fn reorder_key_figures<'a>(&mut self, at: impl Into<At<'a>>, order: &[usize]) -> Result<()> {
        let at = at.into();
        let id = at.id;
        self.edit(at, |tx| KEY_FIGURES.reorder(tx, &text(id), order))
    }

    // ----- practices -----

    /// Appends a participation practice; returns its index.
    pub fn add_practice<'a>(&mut self, at: impl Into<At<'a>>, p: &Practice) -> Result<usize> {
        let at = at.into();
        let id = at.id;
        self.edit(at, |tx| {
            let position = PRACTICES.next_position(tx, &text(id))?;
            tx.execute(
                "INSERT INTO practice (roadmap_id, position, stage, method, description, participants, date)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    id,
                    position,
                    p.stage.code(),
                    p.method.code(),
                    p.description,
                    p.participants,
                    p.date
                ],
            )?;
            Ok(PRACTICES.pks(tx, &text(id))?.len() - 1)
        })
    }

    /// Replaces the practice at `index`.
    pub fn update_practice<'a>(&mut self, at: impl Into<At<'a>>, index: usize, p: &Practice) -> Result<()> {
        let at = at.into();
        let id = at.id;
        self.edit(at, |tx| {
            let pk = PRACTICES.pk_at(tx, &text(id), index)?;
            tx.execute(
                "UPDATE practice SET stage = ?2, method = ?3, description = ?4, participants = ?5, date = ?6
                 WHERE pk = ?1",
                params![
                    pk,
                    p.stage.code(),
                    p.method.code(),
                    p.description,
                    p.participants,
                    p.date
                ],
            )?;
            Ok(())
        })
    }

    /// Deletes the practice at `index`.
    pub fn delete_practice<'a>(&mut self, at: impl Into<At<'a>>, index: usize) -> Result<()> {
        let at = at.into();
        let id = at.id;
        self.edit(at, |tx| PRACTICES.delete_at(tx, &text(id), index))
    }

    /// Reorders practices.
    pub fn reorder_practices<'a>(&mut self, at: impl Into<At<'a>>, order: &[usize]) -> Result<()> {
        let at = at.into();
        let id = at.id;
        self.edit(at, |tx| PRACTICES.reorder(tx, &text(id), order))
    }

    // ----- objectives -----

    /// The next free id of the form `O1`, `A1`, `I1` for a list.
    pub fn next_local_id(&self, id: &str, prefix: char) -> Result<String> {
        let table = match prefix {
            'O' => "objective",
            'A' => "action",
            _ => "indicator",
        };
        let mut stmt = self
            .conn
            .prepare(&format!("SELECT code FROM {table} WHERE roadmap_id = ?1"))?;
        let codes: Vec<String> = stmt
            .query_map(params![id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let highest = codes
            .iter()
            .filter_map(|c| c.strip_prefix(prefix).and_then(|n| n.parse::<u64>().ok()))
            .max()
            .unwrap_or(0);
        Ok(format!("{prefix}{}", highest + 1))
    }

    /// Adds an objective at the end of the list.
    pub fn add_objective<'a>(&mut self, at: impl Into<At<'a>>, o: &Objective) -> Result<()> {
        let at = at.into();
        let id = at.id;
        self.edit(at, |tx| {
            OBJECTIVES.check_code(tx, id, &o.id, None)?;
            let position = OBJECTIVES.next_position(tx, &text(id))?;
            tx.execute(
                "INSERT INTO objective (roadmap_id, position, code, priority, title, text, territories)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    id,
                    position,
                    o.id,
                    o.priority,
                    o.title,
                    o.text,
                    json_list(&o.territories)
                ],
            )?;
            Ok(())
        })
    }

    /// Replaces objective `code` (its id may change: links follow).
    pub fn update_objective<'a>(&mut self, at: impl Into<At<'a>>, code: &str, o: &Objective) -> Result<()> {
        let at = at.into();
        let id = at.id;
        self.edit(at, |tx| {
            let pk = OBJECTIVES.pk_of(tx, id, code)?;
            OBJECTIVES.check_code(tx, id, &o.id, Some(pk))?;
            tx.execute(
                "UPDATE objective SET code = ?2, priority = ?3, title = ?4, text = ?5, territories = ?6 WHERE pk = ?1",
                params![pk, o.id, o.priority, o.title, o.text, json_list(&o.territories)],
            )?;
            Ok(())
        })
    }

    /// Deletes objective `code`; refused while actions or indicators
    /// reference it, unless `mode` says to remove those links.
    pub fn delete_objective<'a>(&mut self, at: impl Into<At<'a>>, code: &str, mode: DeleteMode) -> Result<()> {
        let at = at.into();
        let id = at.id;
        self.edit(at, |tx| {
            let pk = OBJECTIVES.pk_of(tx, id, code)?;
            if mode == DeleteMode::Refuse {
                let mut by: Vec<String> =
                    referencing(tx, "action_objective", "action_pk", "objective_pk", "action", pk)?
                        .into_iter()
                        .map(|c| format!("l’action {c}"))
                        .collect();
                by.extend(
                    referencing(
                        tx,
                        "indicator_objective",
                        "indicator_pk",
                        "objective_pk",
                        "indicator",
                        pk,
                    )?
                    .into_iter()
                    .map(|c| format!("l’indicateur {c}")),
                );
                if !by.is_empty() {
                    return Err(StoreError::Referenced {
                        item: format!("L’objectif {code}"),
                        by,
                    });
                }
            }
            tx.execute("DELETE FROM objective WHERE pk = ?1", params![pk])?;
            Ok(())
        })
    }

    /// Ranks the objectives in the order given (every id once): the list
    /// takes that order and priorities become 1, 2, 3…
    pub fn reorder_objectives<'a>(&mut self, at: impl Into<At<'a>>, codes: &[String]) -> Result<()> {
        let at = at.into();
        let id = at.id;
        self.edit(at, |tx| {
            let pks = OBJECTIVES.reorder_codes(tx, id, codes)?;
            let mut stmt = tx.prepare_cached("UPDATE objective SET priority = ?2 WHERE pk = ?1")?;
            for (i, pk) in pks.iter().enumerate() {
                stmt.execute(params![pk, i as i64 + 1])?;
            }
            Ok(())
        })
    }

    // ----- actions -----

    /// Adds an action at the end, with its objective links and funding lines.
    pub fn add_action<'a>(&mut self, at: impl Into<At<'a>>, a: &Action) -> Result<()> {
        let at = at.into();
        let id = at.id;
        self.edit(at, |tx| {
            ACTIONS.check_code(tx, id, &a.id, None)?;
            let position = ACTIONS.next_position(tx, &text(id))?;
            insert_action(tx, id, position, a, &mut |o| OBJECTIVES.pk_of(tx, id, o))?;
            Ok(())
        })
    }

    /// Updates action `code`'s own fields (its id may change: links follow).
    pub fn update_action<'a>(&mut self, at: impl Into<At<'a>>, code: &str, a: &ActionFields) -> Result<()> {
        let at = at.into();
        let id = at.id;
        self.edit(at, |tx| {
            let pk = ACTIONS.pk_of(tx, id, code)?;
            ACTIONS.check_code(tx, id, &a.id, Some(pk))?;
            tx.execute(
                "UPDATE action SET code = ?2, title = ?3, text = ?4, lead = ?5, partners = ?6, territories = ?7,
                 start_date = ?8, end_date = ?9, status = ?10, fte = ?11 WHERE pk = ?1",
                params![
                    pk,
                    a.id,
                    a.title,
                    a.text,
                    a.lead,
                    json_list(&a.partners),
                    json_list(&a.territories),
                    a.start,
                    a.end,
                    a.status.code(),
                    a.fte.as_ref().map(ToString::to_string)
                ],
            )?;
            Ok(())
        })
    }

    /// Deletes action `code` with its funding lines; refused while
    /// indicators reference it, unless `mode` says to remove those links.
    pub fn delete_action<'a>(&mut self, at: impl Into<At<'a>>, code: &str, mode: DeleteMode) -> Result<()> {
        let at = at.into();
        let id = at.id;
        self.edit(at, |tx| {
            let pk = ACTIONS.pk_of(tx, id, code)?;
            if mode == DeleteMode::Refuse {
                let by: Vec<String> =
                    referencing(tx, "indicator_action", "indicator_pk", "action_pk", "indicator", pk)?
                        .into_iter()
                        .map(|c| format!("l’indicateur {c}"))
                        .collect();
                if !by.is_empty() {
                    return Err(StoreError::Referenced {
                        item: format!("L’action {code}"),
                        by,
                    });
                }
            }
            tx.execute("DELETE FROM action WHERE pk = ?1", params![pk])?;
            Ok(())
        })
    }

    /// Reorders actions (every id once).
    pub fn reorder_actions<'a>(&mut self, at: impl Into<At<'a>>, codes: &[String]) -> Result<()> {
        let at = at.into();
        let id = at.id;
        self.edit(at, |tx| ACTIONS.reorder_codes(tx, id, codes).map(|_| ()))
    }

    /// Links action `action` to objective `objective` (no effect if linked).
    pub fn link_action_objective<'a>(&mut self, at: impl Into<At<'a>>, action: &str, objective: &str) -> Result<()> {
        let at = at.into();
        let id = at.id;
        self.edit(at, |tx| {
            let (a, o) = (ACTIONS.pk_of(tx, id, action)?, OBJECTIVES.pk_of(tx, id, objective)?);
            link(tx, "action_objective", "action_pk", "objective_pk", a, o)
        })
    }

    /// Removes the link between an action and an objective.
    pub fn unlink_action_objective<'a>(&mut self, at: impl Into<At<'a>>, action: &str, objective: &str) -> Result<()> {
        let at = at.into();
        let id = at.id;
        self.edit(at, |tx| {
            let (a, o) = (ACTIONS.pk_of(tx, id, action)?, OBJECTIVES.pk_of(tx, id, objective)?);
            unlink(tx, "action_objective", "action_pk", "objective_pk", a, o)
        })
    }

    // ----- funding lines -----

    /// Appends a funding line to an action; returns its index.
    pub fn add_funding<'a>(&mut self, at: impl Into<At<'a>>, action: &str, f: &FundingLine) -> Result<usize> {
        let at = at.into();
        let id = at.id;
        self.edit(at, |tx| {
            let a = Value::Integer(ACTIONS.pk_of(tx, id, action)?);
            let position = FUNDING.next_position(tx, &a)?;
            tx.execute(
                "INSERT INTO funding (action_pk, position, funder, year, amount_cents) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![a, position, f.funder, f.year, f.amount_cents],
            )?;
            Ok(FUNDING.pks(tx, &a)?.len() - 1)
        })
    }

    /// Replaces an action's funding line at `index`.
    pub fn update_funding<'a>(
        &mut self,
        at: impl Into<At<'a>>,
        action: &str,
        index: usize,
        f: &FundingLine,
    ) -> Result<()> {
        let at = at.into();
        let id = at.id;
        self.edit(at, |tx| {
            let a = Value::Integer(ACTIONS.pk_of(tx, id, action)?);
            let pk = FUNDING.pk_at(tx, &a, index)?;
            tx.execute(
                "UPDATE funding SET funder = ?2, year = ?3, amount_cents = ?4 WHERE pk = ?1",
                params![pk, f.funder, f.year, f.amount_cents],
            )?;
            Ok(())
        })
    }

    /// Deletes an action's funding line at `index`.
    pub fn delete_funding<'a>(&mut self, at: impl Into<At<'a>>, action: &str, index: usize) -> Result<()> {
        let at = at.into();
        let id = at.id;
        self.edit(at, |tx| {
            let a = Value::Integer(ACTIONS.pk_of(tx, id, action)?);
            FUNDING.delete_at(tx, &a, index)
        })
    }

    /// Reorders an action's funding lines.
    pub fn reorder_funding<'a>(&mut self, at: impl Into<At<'a>>, action: &str, order: &[usize]) -> Result<()> {
        let at = at.into();
        let id = at.id;
        self.edit(at, |tx| {
            let a = Value::Integer(ACTIONS.pk_of(tx, id, action)?);
            FUNDING.reorder(tx, &a, order)
        })
    }

    // ----- indicators -----

    /// Adds an indicator at the end, with its links and measurements.
    pub fn add_indicator<'a>(&mut self, at: impl Into<At<'a>>, x: &Indicator) -> Result<()> {
        let at = at.into();
        let id = at.id;
        self.edit(at, |tx| {
            INDICATORS.check_code(tx, id, &x.id, None)?;
            let position = INDICATORS.next_position(tx, &text(id))?;
            insert_indicator(tx, id, position, x, &mut |o| OBJECTIVES.pk_of(tx, id, o), &mut |a| {
                ACTIONS.pk_of(tx, id, a)
            })?;
            Ok(())
        })
    }

    /// Updates indicator `code`'s own fields (its id may change).
    pub fn update_indicator<'a>(&mut self, at: impl Into<At<'a>>, code: &str, x: &IndicatorFields) -> Result<()> {
        let at = at.into();
        let id = at.id;
        self.edit(at, |tx| {
            let pk = INDICATORS.pk_of(tx, id, code)?;
            INDICATORS.check_code(tx, id, &x.id, Some(pk))?;
            tx.execute(
                "UPDATE indicator SET code = ?2, name = ?3, definition = ?4, unit = ?5, direction = ?6,
                 baseline_value = ?7, baseline_date = ?8, baseline_comment = ?9, target_value = ?10,
                 target_date = ?11, target_comment = ?12, source = ?13, frequency = ?14 WHERE pk = ?1",
                params![
                    pk,
                    x.id,
                    x.name,
                    x.definition,
                    x.unit,
                    x.direction.code(),
                    x.baseline.as_ref().map(|v| v.value.to_string()),
                    x.baseline.as_ref().map(|v| &v.date),
                    x.baseline.as_ref().and_then(|v| v.comment.as_ref()),
                    x.target.as_ref().map(|v| v.value.to_string()),
                    x.target.as_ref().map(|v| &v.date),
                    x.target.as_ref().and_then(|v| v.comment.as_ref()),
                    x.source,
                    x.frequency.map(Frequency::code),
                ],
            )?;
            Ok(())
        })
    }

    /// Deletes indicator `code` with its measurements (nothing references an indicator).
    pub fn delete_indicator<'a>(&mut self, at: impl Into<At<'a>>, code: &str) -> Result<()> {
        let at = at.into();
        let id = at.id;
        self.edit(at, |tx| {
            let pk = INDICATORS.pk_of(tx, id, code)?;
            tx.execute("DELETE FROM indicator WHERE pk = ?1", params![pk])?;
            Ok(())
        })
    }

    /// Reorders indicators (every id once).
    pub fn reorder_indicators<'a>(&mut self, at: impl Into<At<'a>>, codes: &[String]) -> Result<()> {
        let at = at.into();
        let id = at.id;
        self.edit(at, |tx| INDICATORS.reorder_codes(tx, id, codes).map(|_| ()))
    }

    /// Links an indicator to an objective.
    pub fn link_indicator_objective<'a>(
        &mut self,
        at: impl Into<At<'a>>,
        indicator: &str,
        objective: &str,
    ) -> Result<()> {
        let at = at.into();
        let id = at.id;
        self.edit(at, |tx| {
            let (x, o) = (
                INDICATORS.pk_of(tx, id, indicator)?,
                OBJECTIVES.pk_of(tx, id, objective)?,
            );
            tx.execute("UPDATE indicator SET objectives_present = 1 WHERE pk = ?1", params![x])?;
            link(tx, "indicator_objective", "indicator_pk", "objective_pk", x, o)
        })
    }

    /// Removes the link between an indicator and an objective.
    pub fn unlink_indicator_objective<'a>(
        &mut self,
        at: impl Into<At<'a>>,
        indicator: &str,
        objective: &str,
    ) -> Result<()> {
        let at = at.into();
        let id = at.id;
        self.edit(at, |tx| {
            let (x, o) = (
                INDICATORS.pk_of(tx, id, indicator)?,
                OBJECTIVES.pk_of(tx, id, objective)?,
            );
            unlink(tx, "indicator_objective", "indicator_pk", "objective_pk", x, o)
        })
    }

    /// Links an indicator to an action.
    pub fn link_indicator_action<'a>(&mut self, at: impl Into<At<'a>>, indicator: &str, action: &str) -> Result<()> {
        let at = at.into();
        let id = at.id;
        self.edit(at, |tx| {
            let (x, a) = (INDICATORS.pk_of(tx, id, indicator)?, ACTIONS.pk_of(tx, id, action)?);
            tx.execute("UPDATE indicator SET actions_present = 1 WHERE pk = ?1", params![x])?;
            link(tx, "indicator_action", "indicator_pk", "action_pk", x, a)
        })
    }

    /// Removes the link between an indicator and an action.
    pub fn unlink_indicator_action<'a>(&mut self, at: impl Into<At<'a>>, indicator: &str, action: &str) -> Result<()> {
        let at = at.into();
        let id = at.id;
        self.edit(at, |tx| {
            let (x, a) = (INDICATORS.pk_of(tx, id, indicator)?, ACTIONS.pk_of(tx, id, action)?);
            unlink(tx, "indicator_action", "indicator_pk", "action_pk", x, a)
        })
    }

    // ----- measurements -----

    /// Appends a dated value to an indicator; returns its index.
    pub fn add_measurement<'a>(&mut self, at: impl Into<At<'a>>, indicator: &str, m: &DatedValue) -> Result<usize> {
        let at = at.into();
        let id = at.id;
        self.edit(at, |tx| {
            let x = INDICATORS.pk_of(tx, id, indicator)?;
            insert_dated(tx, x, m)
        })
    }

    /// Replaces an indicator's measurement at `index`.
    pub fn update_measurement<'a>(
        &mut self,
        at: impl Into<At<'a>>,
        indicator: &str,
        index: usize,
        m: &DatedValue,
    ) -> Result<()> {
        let at = at.into();
        let id = at.id;
        self.edit(at, |tx| {
            let x = Value::Integer(INDICATORS.pk_of(tx, id, indicator)?);
            let pk = MEASUREMENTS.pk_at(tx, &x, index)?;
            tx.execute(
                "UPDATE measurement SET value = ?2, date = ?3, comment = ?4 WHERE pk = ?1",
                params![pk, m.value.to_string(), m.date, m.comment],
            )?;
            Ok(())
        })
    }

    /// Deletes an indicator's measurement at `index`.
    pub fn delete_measurement<'a>(&mut self, at: impl Into<At<'a>>, indicator: &str, index: usize) -> Result<()> {
        let at = at.into();
        let id = at.id;
        self.edit(at, |tx| {
            let x = Value::Integer(INDICATORS.pk_of(tx, id, indicator)?);
            MEASUREMENTS.delete_at(tx, &x, index)
        })
    }

    /// Reorders an indicator's measurements.
    pub fn reorder_measurements<'a>(&mut self, at: impl Into<At<'a>>, indicator: &str, order: &[usize]) -> Result<()> {
        let at = at.into();
        let id = at.id;
        self.edit(at, |tx| {
            let x = Value::Integer(INDICATORS.pk_of(tx, id, indicator)?);
            MEASUREMENTS.reorder(tx, &x, order)
        })
    }
}
