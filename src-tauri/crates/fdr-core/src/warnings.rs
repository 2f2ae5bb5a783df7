//! What the format calls warnings: shown to the user, kept in the data, never
//! a reason to refuse a file.
//!
//! Adding a warning: a [`WarningCode`], its check in [`warnings`], a test.

use crate::french;
use crate::roadmap::{is_state_funder, Roadmap};
use serde::Serialize;
use std::collections::HashSet;
use std::fmt;

/// Kind of warning; the UI switches on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum WarningCode {
    /// No action serves the objective.
    ObjectiveWithoutAction,
    /// No indicator measures the objective.
    ObjectiveWithoutIndicator,
    /// The indicator has no baseline.
    IndicatorWithoutBaseline,
    /// The indicator has no target.
    IndicatorWithoutTarget,
    /// The action has no lead (*pilote*).
    ActionWithoutLead,
    /// The action has no funding line.
    ActionWithoutFunding,
    /// A funding line's year is outside the strategy period.
    FundingOutsidePeriod,
    /// The State funds more than half of the action.
    StateShareAbove50,
}

/// One warning at one place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Warning {
    /// Field path as in the format.
    pub path: String,
    /// Kind.
    pub code: WarningCode,
    /// What to look at, in French.
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// The State's share of an action's funding, when the action has any.
pub fn state_share(funding: &[crate::roadmap::FundingLine]) -> Option<f64> {
    let total: i128 = funding.iter().map(|f| i128::from(f.amount_cents)).sum();
    if total <= 0 {
        return None;
    }
    let state: i128 = funding
        .iter()
        .filter(|f| is_state_funder(&f.funder))
        .map(|f| i128::from(f.amount_cents))
        .sum();
    Some(state as f64 / total as f64)
}

/// Whether the State's share is strictly above one half, computed exactly.
fn state_above_half(funding: &[crate::roadmap::FundingLine]) -> bool {
    let total: i128 = funding.iter().map(|f| i128::from(f.amount_cents)).sum();
    let state: i128 = funding
        .iter()
        .filter(|f| is_state_funder(&f.funder))
        .map(|f| i128::from(f.amount_cents))
        .sum();
    total > 0 && state * 2 > total
}

/// Every warning of a roadmap, in document order.
pub fn warnings(r: &Roadmap) -> Vec<Warning> {
    let mut out = Vec::new();
    let mut push = |path: String, code, message: String| out.push(Warning { path, code, message });

    let served: HashSet<&str> = r
        .actions
        .iter()
        .flat_map(|a| a.objectives.iter().map(String::as_str))
        .collect();
    let measured: HashSet<&str> = r
        .indicators
        .iter()
        .flat_map(|x| x.objectives.iter().flatten().map(String::as_str))
        .collect();
    for (i, o) in r.objectives.iter().enumerate() {
        if !served.contains(o.id.as_str()) {
            push(
                format!("objectives[{i}]"),
                WarningCode::ObjectiveWithoutAction,
                format!("l’objectif {} n’a aucune action", o.id),
            );
        }
        if !measured.contains(o.id.as_str()) {
            push(
                format!("objectives[{i}]"),
                WarningCode::ObjectiveWithoutIndicator,
                format!("l’objectif {} n’a aucun indicateur", o.id),
            );
        }
    }
    for (i, a) in r.actions.iter().enumerate() {
        if a.lead.as_deref().is_none_or(|l| l.trim().is_empty()) {
            push(
                format!("actions[{i}].lead"),
                WarningCode::ActionWithoutLead,
                format!("l’action {} n’a pas de pilote", a.id),
            );
        }
        if a.funding.is_empty() {
            push(
                format!("actions[{i}].funding"),
                WarningCode::ActionWithoutFunding,
                format!("l’action {} n’a aucun financement", a.id),
            );
        }
        for (j, f) in a.funding.iter().enumerate() {
            if !r.period.contains(f.year) {
                push(
                    format!("actions[{i}].funding[{j}].year"),
                    WarningCode::FundingOutsidePeriod,
                    format!(
                        "financement {} de {} en {} : hors de la période {}–{}",
                        f.funder,
                        french::money_cents(i128::from(f.amount_cents)),
                        f.year,
                        r.period.start,
                        r.period.end
                    ),
                );
            }
        }
        if state_above_half(&a.funding) {
            let share = state_share(&a.funding).unwrap_or(0.0);
            push(
                format!("actions[{i}].funding"),
                WarningCode::StateShareAbove50,
                format!(
                    "part de l’État de {} dans l’action {} : au-delà du plafond de 50{}% du cofinancement",
                    french::percent(share),
                    a.id,
                    french::NNBSP
                ),
            );
        }
    }
    for (i, x) in r.indicators.iter().enumerate() {
        if x.baseline.is_none() {
            push(
                format!("indicators[{i}].baseline"),
                WarningCode::IndicatorWithoutBaseline,
                format!("l’indicateur {} n’a pas de valeur de référence", x.id),
            );
        }
        if x.target.is_none() {
            push(
                format!("indicators[{i}].target"),
                WarningCode::IndicatorWithoutTarget,
                format!("l’indicateur {} n’a pas de cible", x.id),
            );
        }
    }
    out
}
