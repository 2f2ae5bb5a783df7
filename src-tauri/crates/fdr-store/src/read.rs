//! Loading roadmaps from the tables. Each struct has its `from_row`, reading
//! columns by name.

use crate::error::{Result, StoreError};
use crate::Store;
use fdr_core::*;
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::Serialize;
use std::collections::HashMap;

/// One line of the list of roadmaps.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
pub struct RoadmapSummary {
    /// UUID.
    pub id: String,
    /// Theme number.
    pub theme_number: i64,
    /// Theme title.
    pub theme_title: String,
    /// Last exported or imported revision (0: never).
    pub revision: i64,
    /// Status.
    pub status: RoadmapStatus,
    /// Edited since its last export.
    pub edited: bool,
    /// Last change (RFC 3339).
    pub updated_at: String,
    /// This copy is its author (created here, or taken over); otherwise
    /// it was received and is read-only here.
    pub authored: bool,
    /// Bumped by every committed change of its content.
    pub version: i64,
}

impl RoadmapSummary {
    fn from_row(row: &Row) -> rusqlite::Result<Self> {
        Ok(Self {
            id: row.get("id")?,
            theme_number: row.get("theme_number")?,
            theme_title: row.get("theme_title")?,
            revision: row.get("revision")?,
            status: status_from(&row.get::<_, String>("status")?)?,
            edited: row.get("edited")?,
            updated_at: row.get("updated_at")?,
            authored: row.get("authored")?,
            version: row.get("version")?,
        })
    }
}

fn bad_column(what: &str, value: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        0,
        rusqlite::types::Type::Text,
        format!("valeur « {value} » inattendue pour {what}").into(),
    )
}

fn status_from(s: &str) -> rusqlite::Result<RoadmapStatus> {
    RoadmapStatus::from_code(s).ok_or_else(|| bad_column("status", s))
}

/// A JSON number stored as its text.
pub(crate) fn number_from(s: &str) -> rusqlite::Result<Number> {
    serde_json::from_str(s).map_err(|_| bad_column("un nombre", s))
}

/// An optional list of strings stored as JSON text (NULL = absent).
pub(crate) fn strings_from(s: Option<String>) -> rusqlite::Result<Option<Vec<String>>> {
    s.map(|t| serde_json::from_str(&t).map_err(|_| bad_column("une liste", &t)))
        .transpose()
}

fn animator_from_row(row: &Row) -> rusqlite::Result<Animator> {
    Ok(Animator {
        name: row.get("name")?,
        organisation: row.get("organisation")?,
        role: row.get("role")?,
        email: row.get("email")?,
        phone: row.get("phone")?,
    })
}

fn key_figure_from_row(row: &Row) -> rusqlite::Result<KeyFigure> {
    Ok(KeyFigure {
        label: row.get("label")?,
        value: number_from(&row.get::<_, String>("value")?)?,
        unit: row.get("unit")?,
        year: row.get("year")?,
        territory: row.get("territory")?,
        source: row.get("source")?,
    })
}

fn objective_from_row(row: &Row) -> rusqlite::Result<Objective> {
    Ok(Objective {
        id: row.get("code")?,
        priority: row.get("priority")?,
        title: row.get("title")?,
        text: row.get("text")?,
        territories: strings_from(row.get("territories")?)?,
    })
}

fn action_from_row(row: &Row) -> rusqlite::Result<Action> {
    let status: String = row.get("status")?;
    Ok(Action {
        id: row.get("code")?,
        objectives: Vec::new(),
        title: row.get("title")?,
        text: row.get("text")?,
        lead: row.get("lead")?,
        partners: strings_from(row.get("partners")?)?,
        territories: strings_from(row.get("territories")?)?,
        start: row.get("start_date")?,
        end: row.get("end_date")?,
        status: ActionStatus::from_code(&status).ok_or_else(|| bad_column("action.status", &status))?,
        fte: row
            .get::<_, Option<String>>("fte")?
            .map(|s| number_from(&s))
            .transpose()?,
        funding: Vec::new(),
    })
}

fn funding_from_row(row: &Row) -> rusqlite::Result<FundingLine> {
    Ok(FundingLine {
        funder: row.get("funder")?,
        year: row.get("year")?,
        amount_cents: row.get("amount_cents")?,
    })
}

fn dated_value(row: &Row, prefix: &str) -> rusqlite::Result<Option<DatedValue>> {
    let value: Option<String> = row.get(format!("{prefix}_value").as_str())?;
    let Some(value) = value else { return Ok(None) };
    Ok(Some(DatedValue {
        value: number_from(&value)?,
        date: row.get(format!("{prefix}_date").as_str())?,
        comment: row.get(format!("{prefix}_comment").as_str())?,
    }))
}

fn indicator_from_row(row: &Row) -> rusqlite::Result<Indicator> {
    let direction: String = row.get("direction")?;
    let frequency: Option<String> = row.get("frequency")?;
    let present = |col: &str| -> rusqlite::Result<bool> { row.get(col) };
    Ok(Indicator {
        id: row.get("code")?,
        objectives: present("objectives_present")?.then(Vec::new),
        actions: present("actions_present")?.then(Vec::new),
        name: row.get("name")?,
        definition: row.get("definition")?,
        unit: row.get("unit")?,
        direction: Direction::from_code(&direction).ok_or_else(|| bad_column("direction", &direction))?,
        baseline: dated_value(row, "baseline")?,
        target: dated_value(row, "target")?,
        measurements: present("measurements_present")?.then(Vec::new),
        source: row.get("source")?,
        frequency: frequency
            .map(|f| Frequency::from_code(&f).ok_or_else(|| bad_column("frequency", &f)))
            .transpose()?,
    })
}

fn measurement_from_row(row: &Row) -> rusqlite::Result<DatedValue> {
    Ok(DatedValue {
        value: number_from(&row.get::<_, String>("value")?)?,
        date: row.get("date")?,
        comment: row.get("comment")?,
    })
}

fn practice_from_row(row: &Row) -> rusqlite::Result<Practice> {
    let stage: String = row.get("stage")?;
    let method: String = row.get("method")?;
    Ok(Practice {
        stage: Stage::from_code(&stage).ok_or_else(|| bad_column("stage", &stage))?,
        method: Method::from_code(&method).ok_or_else(|| bad_column("method", &method))?,
        description: row.get("description")?,
        participants: row.get("participants")?,
        date: row.get("date")?,
    })
}

fn collect<T>(
    conn: &Connection,
    sql: &str,
    id: &str,
    f: impl FnMut(&Row) -> rusqlite::Result<T>,
) -> rusqlite::Result<Vec<T>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map(params![id], f)?;
    rows.collect()
}

/// Loads a whole roadmap (call inside a transaction for a consistent view).
pub(crate) fn load(conn: &Connection, id: &str) -> Result<Roadmap> {
    let head = conn
        .query_row("SELECT * FROM roadmap WHERE id = ?1", params![id], |row| {
            Ok(Roadmap {
                id: row.get("id")?,
                revision: row.get("revision")?,
                region: Region {
                    code: row.get("region_code")?,
                    name: row.get("region_name")?,
                },
                period: Period {
                    start: row.get("period_start")?,
                    end: row.get("period_end")?,
                },
                theme: Theme {
                    number: row.get("theme_number")?,
                    title: row.get("theme_title")?,
                },
                status: status_from(&row.get::<_, String>("status")?)?,
                animators: Vec::new(),
                diagnosis: Diagnosis {
                    text: row.get("diagnosis_text")?,
                    key_figures: Vec::new(),
                },
                objectives: Vec::new(),
                actions: Vec::new(),
                indicators: Vec::new(),
                participation: Participation {
                    text: row.get("participation_text")?,
                    practices: Vec::new(),
                },
            })
        })
        .optional()?;
    let mut r = head.ok_or_else(|| StoreError::RoadmapNotFound(id.to_string()))?;

    r.animators = collect(
        conn,
        "SELECT * FROM animator WHERE roadmap_id = ?1 ORDER BY position",
        id,
        animator_from_row,
    )?;
    r.diagnosis.key_figures = collect(
        conn,
        "SELECT * FROM key_figure WHERE roadmap_id = ?1 ORDER BY position",
        id,
        key_figure_from_row,
    )?;
    r.objectives = collect(
        conn,
        "SELECT * FROM objective WHERE roadmap_id = ?1 ORDER BY position",
        id,
        objective_from_row,
    )?;

    let actions = collect(
        conn,
        "SELECT * FROM action WHERE roadmap_id = ?1 ORDER BY position",
        id,
        |row| Ok((row.get::<_, i64>("pk")?, action_from_row(row)?)),
    )?;
    let action_index: HashMap<i64, usize> = actions.iter().enumerate().map(|(i, (pk, _))| (*pk, i)).collect();
    r.actions = actions.into_iter().map(|(_, a)| a).collect();
    for (pk, code) in collect(
        conn,
        "SELECT l.action_pk, o.code FROM action_objective l JOIN objective o ON o.pk = l.objective_pk
         WHERE o.roadmap_id = ?1 ORDER BY l.action_pk, l.position",
        id,
        |row| Ok((row.get::<_, i64>(0)?, row.get::<_, String>(1)?)),
    )? {
        if let Some(&i) = action_index.get(&pk) {
            r.actions[i].objectives.push(code);
        }
    }
    for (pk, line) in collect(
        conn,
        "SELECT f.* FROM funding f JOIN action a ON a.pk = f.action_pk WHERE a.roadmap_id = ?1
         ORDER BY f.action_pk, f.position",
        id,
        |row| Ok((row.get::<_, i64>("action_pk")?, funding_from_row(row)?)),
    )? {
        if let Some(&i) = action_index.get(&pk) {
            r.actions[i].funding.push(line);
        }
    }

    let indicators = collect(
        conn,
        "SELECT * FROM indicator WHERE roadmap_id = ?1 ORDER BY position",
        id,
        |row| Ok((row.get::<_, i64>("pk")?, indicator_from_row(row)?)),
    )?;
    let indicator_index: HashMap<i64, usize> = indicators.iter().enumerate().map(|(i, (pk, _))| (*pk, i)).collect();
    r.indicators = indicators.into_iter().map(|(_, x)| x).collect();
    for (pk, code) in collect(
        conn,
        "SELECT l.indicator_pk, o.code FROM indicator_objective l JOIN objective o ON o.pk = l.objective_pk
         WHERE o.roadmap_id = ?1 ORDER BY l.indicator_pk, l.position",
        id,
        |row| Ok((row.get::<_, i64>(0)?, row.get::<_, String>(1)?)),
    )? {
        if let Some(list) = indicator_index
            .get(&pk)
            .and_then(|&i| r.indicators[i].objectives.as_mut())
        {
            list.push(code);
        }
    }
    for (pk, code) in collect(
        conn,
        "SELECT l.indicator_pk, a.code FROM indicator_action l JOIN action a ON a.pk = l.action_pk
         WHERE a.roadmap_id = ?1 ORDER BY l.indicator_pk, l.position",
        id,
        |row| Ok((row.get::<_, i64>(0)?, row.get::<_, String>(1)?)),
    )? {
        if let Some(list) = indicator_index.get(&pk).and_then(|&i| r.indicators[i].actions.as_mut()) {
            list.push(code);
        }
    }
    for (pk, m) in collect(
        conn,
        "SELECT m.* FROM measurement m JOIN indicator x ON x.pk = m.indicator_pk WHERE x.roadmap_id = ?1
         ORDER BY m.indicator_pk, m.position",
        id,
        |row| Ok((row.get::<_, i64>("indicator_pk")?, measurement_from_row(row)?)),
    )? {
        if let Some(list) = indicator_index
            .get(&pk)
            .and_then(|&i| r.indicators[i].measurements.as_mut())
        {
            list.push(m);
        }
    }
    r.participation.practices = collect(
        conn,
        "SELECT * FROM practice WHERE roadmap_id = ?1 ORDER BY position",
        id,
        practice_from_row,
    )?;
    Ok(r)
}

impl Store {
    /// A whole roadmap.
    pub fn roadmap(&mut self, id: &str) -> Result<Roadmap> {
        let tx = self.conn.transaction()?;
        let r = load(&tx, id)?;
        tx.finish()?;
        Ok(r)
    }

    /// Every roadmap, by theme number then id.
    pub fn list(&self) -> Result<Vec<RoadmapSummary>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, theme_number, theme_title, revision, status, edited, updated_at, authored, version
             FROM roadmap ORDER BY theme_number, id",
        )?;
        let rows = stmt.query_map([], RoadmapSummary::from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// One line of the list.
    pub fn summary(&self, id: &str) -> Result<RoadmapSummary> {
        self.conn
            .query_row(
                "SELECT id, theme_number, theme_title, revision, status, edited, updated_at, authored, version
                 FROM roadmap WHERE id = ?1",
                params![id],
                RoadmapSummary::from_row,
            )
            .optional()?
            .ok_or_else(|| StoreError::RoadmapNotFound(id.to_string()))
    }

    /// The ids of the roadmaps of one theme.
    pub fn ids_for_theme(&self, theme_number: i64) -> Result<Vec<String>> {
        let mut stmt = self
            .conn
            .prepare("SELECT id FROM roadmap WHERE theme_number = ?1 ORDER BY id")?;
        let rows = stmt.query_map(params![theme_number], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// One roadmap with when its current revision was exported or received
    /// (none if never), read in one transaction.
    pub fn roadmap_and_export(&mut self, id: &str) -> Result<(Roadmap, Option<String>)> {
        let tx = self.conn.transaction()?;
        let exported_at: Option<String> = tx
            .query_row("SELECT exported_at FROM roadmap WHERE id = ?1", params![id], |r| {
                r.get(0)
            })
            .optional()?
            .ok_or_else(|| StoreError::RoadmapNotFound(id.to_string()))?;
        let r = load(&tx, id)?;
        tx.finish()?;
        Ok((r, exported_at))
    }

    /// The format's warnings for one roadmap.
    pub fn warnings(&mut self, id: &str) -> Result<Vec<fdr_core::warnings::Warning>> {
        Ok(fdr_core::warnings::warnings(&self.roadmap(id)?))
    }
}
