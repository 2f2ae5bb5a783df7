//! Every change the editor can make, as one serialisable value: the UI
//! sends `{"op": "add_objective", "title": "…"}` and the session calls the
//! one store method that commits it.

use crate::AppError;
use fdr_core::{
    ActionStatus, Animator, DatedValue, Direction, Frequency, FundingLine, KeyFigure, Number, Objective, Practice,
    Roadmap, RoadmapStatus,
};
use fdr_store::{ActionFields, At, DeleteMode, Header, IndicatorFields, Store};
use serde::Deserialize;

/// One edit of a roadmap. Lists without ids (animators, key figures,
/// practices, funding lines, measurements) are addressed by index;
/// objectives, actions and indicators by their id (`code`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "op", rename_all = "snake_case", deny_unknown_fields)]
pub enum Edit {
    /// The card: theme title, status, period.
    UpdateHeader {
        header: Header,
    },
    /// The status alone (e.g. *remise*).
    SetStatus {
        status: RoadmapStatus,
    },
    /// Part 1 text.
    SetDiagnosisText {
        text: String,
    },
    /// Part 5 text.
    SetParticipationText {
        text: String,
    },
    AddAnimator {
        animator: Animator,
    },
    UpdateAnimator {
        index: usize,
        animator: Animator,
    },
    DeleteAnimator {
        index: usize,
    },
    /// Moves the item at `index` to position `to`.
    MoveAnimator {
        index: usize,
        to: usize,
    },
    AddKeyFigure {
        key_figure: KeyFigure,
    },
    UpdateKeyFigure {
        index: usize,
        key_figure: KeyFigure,
    },
    DeleteKeyFigure {
        index: usize,
    },
    MoveKeyFigure {
        index: usize,
        to: usize,
    },
    /// A new objective with the next free id (`O4`) and the last priority.
    AddObjective {
        title: String,
    },
    UpdateObjective {
        code: String,
        objective: Objective,
    },
    /// One field of an objective (two edits of different fields never overwrite each other).
    SetObjectiveField {
        code: String,
        set: ObjectiveField,
    },
    DeleteObjective {
        code: String,
        mode: DeleteMode,
    },
    /// Moves an objective to rank `to` (0-based): priorities follow.
    MoveObjective {
        code: String,
        to: usize,
    },
    /// A new action with the next free id (`A7`), planned, without funding.
    AddAction {
        title: String,
    },
    UpdateAction {
        code: String,
        fields: ActionFields,
    },
    /// One field of an action.
    SetActionField {
        code: String,
        set: ActionField,
    },
    DeleteAction {
        code: String,
        mode: DeleteMode,
    },
    MoveAction {
        code: String,
        to: usize,
    },
    /// Links (or unlinks) an action and an objective.
    LinkActionObjective {
        action: String,
        objective: String,
        linked: bool,
    },
    AddFunding {
        action: String,
        line: FundingLine,
    },
    UpdateFunding {
        action: String,
        index: usize,
        line: FundingLine,
    },
    DeleteFunding {
        action: String,
        index: usize,
    },
    /// A new indicator with the next free id (`I3`).
    AddIndicator {
        name: String,
        unit: String,
    },
    UpdateIndicator {
        code: String,
        fields: IndicatorFields,
    },
    /// One field of an indicator.
    SetIndicatorField {
        code: String,
        set: IndicatorField,
    },
    DeleteIndicator {
        code: String,
    },
    MoveIndicator {
        code: String,
        to: usize,
    },
    LinkIndicatorObjective {
        indicator: String,
        objective: String,
        linked: bool,
    },
    LinkIndicatorAction {
        indicator: String,
        action: String,
        linked: bool,
    },
    AddMeasurement {
        indicator: String,
        measurement: DatedValue,
    },
    UpdateMeasurement {
        indicator: String,
        index: usize,
        measurement: DatedValue,
    },
    DeleteMeasurement {
        indicator: String,
        index: usize,
    },
    AddPractice {
        practice: Practice,
    },
    UpdatePractice {
        index: usize,
        practice: Practice,
    },
    DeletePractice {
        index: usize,
    },
    MovePractice {
        index: usize,
        to: usize,
    },
}

/// One field of an objective: `"set": {"field": "title", "value": "…"}`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "field", content = "value", rename_all = "snake_case")]
pub enum ObjectiveField {
    /// Its local id (links follow).
    Id(String),
    /// Title.
    Title(String),
    /// Light Markdown.
    Text(Option<String>),
    /// Territory codes.
    Territories(Option<Vec<String>>),
}

/// One field of an action.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "field", content = "value", rename_all = "snake_case")]
pub enum ActionField {
    /// Its local id (links follow).
    Id(String),
    /// Title.
    Title(String),
    /// Light Markdown.
    Text(Option<String>),
    /// *Pilote*.
    Lead(Option<String>),
    /// Partners.
    Partners(Option<Vec<String>>),
    /// Territory codes.
    Territories(Option<Vec<String>>),
    /// `YYYY-MM-DD`.
    Start(Option<String>),
    /// `YYYY-MM-DD`.
    End(Option<String>),
    /// Status.
    Status(ActionStatus),
    /// ETP.
    Fte(#[cfg_attr(feature = "ts", ts(as = "Option<f64>"))] Option<Number>),
}

/// One field of an indicator.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "field", content = "value", rename_all = "snake_case")]
pub enum IndicatorField {
    /// Its local id.
    Id(String),
    /// Name.
    Name(String),
    /// Light Markdown.
    Definition(Option<String>),
    /// Unit.
    Unit(String),
    /// Direction.
    Direction(Direction),
    /// Baseline.
    Baseline(Option<DatedValue>),
    /// Target.
    Target(Option<DatedValue>),
    /// Source.
    Source(Option<String>),
    /// Frequency.
    Frequency(Option<Frequency>),
}

fn not_found(kind: &str, code: &str) -> AppError {
    AppError::new("not_found", format!("{kind} « {code} » introuvable"))
}

/// The order `0..len` with the item at `index` moved to `to`.
fn moved(len: usize, index: usize, to: usize) -> Result<Vec<usize>, AppError> {
    if index >= len || to >= len {
        return Err(AppError::new(
            "not_found",
            format!("position {} hors de la liste ({len} éléments)", index.max(to) + 1),
        ));
    }
    let mut order: Vec<usize> = (0..len).collect();
    let item = order.remove(index);
    order.insert(to, item);
    Ok(order)
}

/// The codes of a list with `code` moved to `to`.
fn moved_codes(codes: Vec<String>, code: &str, to: usize) -> Result<Vec<String>, AppError> {
    let index = codes
        .iter()
        .position(|c| c == code)
        .ok_or_else(|| AppError::new("not_found", format!("« {code} » introuvable")))?;
    let order = moved(codes.len(), index, to)?;
    Ok(order.into_iter().map(|i| codes[i].clone()).collect())
}

fn required(text: &str, what: &str) -> Result<String, AppError> {
    let t = text.trim();
    if t.is_empty() {
        return Err(AppError::new("invalid_input", format!("{what} ne peut pas être vide")));
    }
    Ok(t.to_string())
}

/// Commits `edit` of roadmap `at.id`, built on version `at.version`;
/// `current` is the roadmap at that version (an edit of one field builds
/// the rest of its item from it: the version check makes that safe).
pub(crate) fn apply(store: &mut Store, at: At<'_>, current: &Roadmap, edit: &Edit) -> Result<(), AppError> {
    use Edit::*;
    let id = at.id;
    let codes = |list: Vec<&String>| list.into_iter().cloned().collect::<Vec<String>>();
    match edit {
        UpdateHeader { header } => store.update_header(at, header)?,
        SetStatus { status } => store.set_status(at, *status)?,
        SetDiagnosisText { text } => store.set_diagnosis_text(at, text)?,
        SetParticipationText { text } => store.set_participation_text(at, text)?,
        AddAnimator { animator } => {
            store.add_animator(at, animator)?;
        }
        UpdateAnimator { index, animator } => store.update_animator(at, *index, animator)?,
        DeleteAnimator { index } => store.delete_animator(at, *index)?,
        MoveAnimator { index, to } => {
            store.reorder_animators(at, &moved(current.animators.len(), *index, *to)?)?;
        }
        AddKeyFigure { key_figure } => {
            store.add_key_figure(at, key_figure)?;
        }
        UpdateKeyFigure { index, key_figure } => store.update_key_figure(at, *index, key_figure)?,
        DeleteKeyFigure { index } => store.delete_key_figure(at, *index)?,
        MoveKeyFigure { index, to } => {
            let order = moved(current.diagnosis.key_figures.len(), *index, *to)?;
            store.reorder_key_figures(at, &order)?;
        }
        AddObjective { title } => {
            let objective = Objective {
                id: store.next_local_id(id, 'O')?,
                // Ranks are unique, not necessarily 1..n: after the highest.
                priority: current.objectives.iter().map(|o| o.priority).max().unwrap_or(0) + 1,
                title: required(title, "Le titre de l’objectif")?,
                text: None,
                territories: None,
            };
            store.add_objective(at, &objective)?;
        }
        UpdateObjective { code, objective } => store.update_objective(at, code, objective)?,
        SetObjectiveField { code, set } => {
            let mut o = current
                .objectives
                .iter()
                .find(|o| o.id == *code)
                .cloned()
                .ok_or_else(|| not_found("objectif", code))?;
            match set {
                ObjectiveField::Id(v) => o.id = v.clone(),
                ObjectiveField::Title(v) => o.title = required(v, "Le titre de l’objectif")?,
                ObjectiveField::Text(v) => o.text = v.clone(),
                ObjectiveField::Territories(v) => o.territories = v.clone(),
            }
            store.update_objective(at, code, &o)?
        }
        DeleteObjective { code, mode } => store.delete_objective(at, code, *mode)?,
        MoveObjective { code, to } => {
            let list = codes(current.objectives.iter().map(|o| &o.id).collect());
            store.reorder_objectives(at, &moved_codes(list, code, *to)?)?;
        }
        AddAction { title } => {
            let action = fdr_core::Action {
                id: store.next_local_id(id, 'A')?,
                objectives: Vec::new(),
                title: required(title, "Le titre de l’action")?,
                text: None,
                lead: None,
                partners: None,
                territories: None,
                start: None,
                end: None,
                status: fdr_core::ActionStatus::Planned,
                fte: None,
                funding: Vec::new(),
            };
            store.add_action(at, &action)?;
        }
        UpdateAction { code, fields } => store.update_action(at, code, fields)?,
        SetActionField { code, set } => {
            let a = current
                .actions
                .iter()
                .find(|a| a.id == *code)
                .ok_or_else(|| not_found("action", code))?;
            let mut f = ActionFields {
                id: a.id.clone(),
                title: a.title.clone(),
                text: a.text.clone(),
                lead: a.lead.clone(),
                partners: a.partners.clone(),
                territories: a.territories.clone(),
                start: a.start.clone(),
                end: a.end.clone(),
                status: a.status,
                fte: a.fte.clone(),
            };
            match set {
                ActionField::Id(v) => f.id = v.clone(),
                ActionField::Title(v) => f.title = required(v, "Le titre de l’action")?,
                ActionField::Text(v) => f.text = v.clone(),
                ActionField::Lead(v) => f.lead = v.clone(),
                ActionField::Partners(v) => f.partners = v.clone(),
                ActionField::Territories(v) => f.territories = v.clone(),
                ActionField::Start(v) => f.start = v.clone(),
                ActionField::End(v) => f.end = v.clone(),
                ActionField::Status(v) => f.status = *v,
                ActionField::Fte(v) => f.fte = v.clone(),
            }
            store.update_action(at, code, &f)?
        }
        DeleteAction { code, mode } => store.delete_action(at, code, *mode)?,
        MoveAction { code, to } => {
            let list = codes(current.actions.iter().map(|a| &a.id).collect());
            store.reorder_actions(at, &moved_codes(list, code, *to)?)?;
        }
        LinkActionObjective {
            action,
            objective,
            linked,
        } => {
            if *linked {
                store.link_action_objective(at, action, objective)?
            } else {
                store.unlink_action_objective(at, action, objective)?
            }
        }
        AddFunding { action, line } => {
            store.add_funding(at, action, line)?;
        }
        UpdateFunding { action, index, line } => store.update_funding(at, action, *index, line)?,
        DeleteFunding { action, index } => store.delete_funding(at, action, *index)?,
        AddIndicator { name, unit } => {
            let indicator = fdr_core::Indicator {
                id: store.next_local_id(id, 'I')?,
                objectives: None,
                actions: None,
                name: required(name, "Le nom de l’indicateur")?,
                definition: None,
                unit: required(unit, "L’unité de l’indicateur")?,
                direction: fdr_core::Direction::Increase,
                baseline: None,
                target: None,
                measurements: None,
                source: None,
                frequency: None,
            };
            store.add_indicator(at, &indicator)?;
        }
        UpdateIndicator { code, fields } => store.update_indicator(at, code, fields)?,
        SetIndicatorField { code, set } => {
            let x = current
                .indicators
                .iter()
                .find(|x| x.id == *code)
                .ok_or_else(|| not_found("indicateur", code))?;
            let mut f = IndicatorFields {
                id: x.id.clone(),
                name: x.name.clone(),
                definition: x.definition.clone(),
                unit: x.unit.clone(),
                direction: x.direction,
                baseline: x.baseline.clone(),
                target: x.target.clone(),
                source: x.source.clone(),
                frequency: x.frequency,
            };
            match set {
                IndicatorField::Id(v) => f.id = v.clone(),
                IndicatorField::Name(v) => f.name = required(v, "Le nom de l’indicateur")?,
                IndicatorField::Definition(v) => f.definition = v.clone(),
                IndicatorField::Unit(v) => f.unit = required(v, "L’unité de l’indicateur")?,
                IndicatorField::Direction(v) => f.direction = *v,
                IndicatorField::Baseline(v) => f.baseline = v.clone(),
                IndicatorField::Target(v) => f.target = v.clone(),
                IndicatorField::Source(v) => f.source = v.clone(),
                IndicatorField::Frequency(v) => f.frequency = *v,
            }
            store.update_indicator(at, code, &f)?
        }
        DeleteIndicator { code } => store.delete_indicator(at, code)?,
        MoveIndicator { code, to } => {
            let list = codes(current.indicators.iter().map(|x| &x.id).collect());
            store.reorder_indicators(at, &moved_codes(list, code, *to)?)?;
        }
        LinkIndicatorObjective {
            indicator,
            objective,
            linked,
        } => {
            if *linked {
                store.link_indicator_objective(at, indicator, objective)?
            } else {
                store.unlink_indicator_objective(at, indicator, objective)?
            }
        }
        LinkIndicatorAction {
            indicator,
            action,
            linked,
        } => {
            if *linked {
                store.link_indicator_action(at, indicator, action)?
            } else {
                store.unlink_indicator_action(at, indicator, action)?
            }
        }
        AddMeasurement { indicator, measurement } => {
            store.add_measurement(at, indicator, measurement)?;
        }
        UpdateMeasurement {
            indicator,
            index,
            measurement,
        } => store.update_measurement(at, indicator, *index, measurement)?,
        DeleteMeasurement { indicator, index } => store.delete_measurement(at, indicator, *index)?,
        AddPractice { practice } => {
            store.add_practice(at, practice)?;
        }
        UpdatePractice { index, practice } => store.update_practice(at, *index, practice)?,
        DeletePractice { index } => store.delete_practice(at, *index)?,
        MovePractice { index, to } => {
            store.reorder_practices(at, &moved(current.participation.practices.len(), *index, *to)?)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moving_keeps_every_item_once() {
        assert_eq!(moved(4, 0, 3).unwrap(), vec![1, 2, 3, 0], "first to last");
        assert_eq!(moved(4, 3, 0).unwrap(), vec![3, 0, 1, 2], "last to first");
        assert_eq!(moved(3, 1, 1).unwrap(), vec![0, 1, 2], "in place");
        assert!(moved(3, 3, 0).is_err(), "an index past the end is refused");
        assert!(moved(0, 0, 0).is_err(), "nothing to move in an empty list");
    }

    #[test]
    fn edits_read_the_ui_shape() {
        let e: Edit = serde_json::from_str(r#"{"op":"move_objective","code":"O2","to":0}"#).unwrap();
        assert_eq!(
            e,
            Edit::MoveObjective {
                code: "O2".into(),
                to: 0
            },
            "tagged by op, snake case"
        );
        let bad = serde_json::from_str::<Edit>(r#"{"op":"move_objective","code":"O2","to":0,"x":1}"#);
        assert!(bad.is_err(), "unknown fields are refused, not ignored");
        let e: Edit =
            serde_json::from_str(r#"{"op":"set_action_field","code":"A2","set":{"field":"lead","value":"CAF"}}"#)
                .unwrap();
        assert_eq!(
            e,
            Edit::SetActionField {
                code: "A2".into(),
                set: ActionField::Lead(Some("CAF".into()))
            },
            "one field names itself and carries its value"
        );
    }
}
