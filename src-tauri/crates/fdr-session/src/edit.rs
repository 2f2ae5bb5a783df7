//! Every change the editor can make, as one serialisable value: the UI
//! sends `{"op": "add_objective", "title": "…"}` and the session calls the
//! one store method that commits it.

use crate::AppError;
use fdr_core::{Animator, DatedValue, FundingLine, KeyFigure, Objective, Practice, Roadmap, RoadmapStatus};
use fdr_store::{ActionFields, DeleteMode, Header, IndicatorFields, Store};
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

/// Commits `edit` of roadmap `id`; `current` is the roadmap before it.
pub(crate) fn apply(store: &mut Store, id: &str, current: &Roadmap, edit: &Edit) -> Result<(), AppError> {
    use Edit::*;
    let codes = |list: Vec<&String>| list.into_iter().cloned().collect::<Vec<String>>();
    match edit {
        UpdateHeader { header } => store.update_header(id, header)?,
        SetStatus { status } => store.set_status(id, *status)?,
        SetDiagnosisText { text } => store.set_diagnosis_text(id, text)?,
        SetParticipationText { text } => store.set_participation_text(id, text)?,
        AddAnimator { animator } => {
            store.add_animator(id, animator)?;
        }
        UpdateAnimator { index, animator } => store.update_animator(id, *index, animator)?,
        DeleteAnimator { index } => store.delete_animator(id, *index)?,
        MoveAnimator { index, to } => {
            store.reorder_animators(id, &moved(current.animators.len(), *index, *to)?)?;
        }
        AddKeyFigure { key_figure } => {
            store.add_key_figure(id, key_figure)?;
        }
        UpdateKeyFigure { index, key_figure } => store.update_key_figure(id, *index, key_figure)?,
        DeleteKeyFigure { index } => store.delete_key_figure(id, *index)?,
        MoveKeyFigure { index, to } => {
            let order = moved(current.diagnosis.key_figures.len(), *index, *to)?;
            store.reorder_key_figures(id, &order)?;
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
            store.add_objective(id, &objective)?;
        }
        UpdateObjective { code, objective } => store.update_objective(id, code, objective)?,
        DeleteObjective { code, mode } => store.delete_objective(id, code, *mode)?,
        MoveObjective { code, to } => {
            let list = codes(current.objectives.iter().map(|o| &o.id).collect());
            store.reorder_objectives(id, &moved_codes(list, code, *to)?)?;
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
            store.add_action(id, &action)?;
        }
        UpdateAction { code, fields } => store.update_action(id, code, fields)?,
        DeleteAction { code, mode } => store.delete_action(id, code, *mode)?,
        MoveAction { code, to } => {
            let list = codes(current.actions.iter().map(|a| &a.id).collect());
            store.reorder_actions(id, &moved_codes(list, code, *to)?)?;
        }
        LinkActionObjective {
            action,
            objective,
            linked,
        } => {
            if *linked {
                store.link_action_objective(id, action, objective)?
            } else {
                store.unlink_action_objective(id, action, objective)?
            }
        }
        AddFunding { action, line } => {
            store.add_funding(id, action, line)?;
        }
        UpdateFunding { action, index, line } => store.update_funding(id, action, *index, line)?,
        DeleteFunding { action, index } => store.delete_funding(id, action, *index)?,
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
            store.add_indicator(id, &indicator)?;
        }
        UpdateIndicator { code, fields } => store.update_indicator(id, code, fields)?,
        DeleteIndicator { code } => store.delete_indicator(id, code)?,
        MoveIndicator { code, to } => {
            let list = codes(current.indicators.iter().map(|x| &x.id).collect());
            store.reorder_indicators(id, &moved_codes(list, code, *to)?)?;
        }
        LinkIndicatorObjective {
            indicator,
            objective,
            linked,
        } => {
            if *linked {
                store.link_indicator_objective(id, indicator, objective)?
            } else {
                store.unlink_indicator_objective(id, indicator, objective)?
            }
        }
        LinkIndicatorAction {
            indicator,
            action,
            linked,
        } => {
            if *linked {
                store.link_indicator_action(id, indicator, action)?
            } else {
                store.unlink_indicator_action(id, indicator, action)?
            }
        }
        AddMeasurement { indicator, measurement } => {
            store.add_measurement(id, indicator, measurement)?;
        }
        UpdateMeasurement {
            indicator,
            index,
            measurement,
        } => store.update_measurement(id, indicator, *index, measurement)?,
        DeleteMeasurement { indicator, index } => store.delete_measurement(id, indicator, *index)?,
        AddPractice { practice } => {
            store.add_practice(id, practice)?;
        }
        UpdatePractice { index, practice } => store.update_practice(id, *index, practice)?,
        DeletePractice { index } => store.delete_practice(id, *index)?,
        MovePractice { index, to } => {
            store.reorder_practices(id, &moved(current.participation.practices.len(), *index, *to)?)?;
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
    }
}
