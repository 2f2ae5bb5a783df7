//! What changed in a roadmap, as a patch: the reply of an edit (the UI
//! merges it into its view instead of receiving the whole roadmap again)
//! and the steps of undo and redo (a step is the patch back to the state
//! before an edit, and the patch forward again).
//!
//! A patch names the parts that differ: the card (revision, region,
//! period, theme, status), the animators, the diagnosis, the participation,
//! each whole; and for objectives, actions and indicators the new order of
//! their ids with only the items whose content differs. Items are matched by
//! id, which the store keeps unique in each list.
//!
//! Extending it: a new top-level field of [`Roadmap`] is one more optional
//! member here, compared in [`diff`] and set in [`apply`].

use fdr_core::*;
use serde::Serialize;
use std::collections::HashMap;

/// The roadmap's card: what is not a list.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Head {
    /// Revision.
    pub revision: i64,
    /// Region.
    pub region: Region,
    /// Period.
    pub period: Period,
    /// Theme.
    pub theme: Theme,
    /// Status.
    pub status: RoadmapStatus,
}

/// A list of items with ids: the new order, and the items that changed.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ListPatch<T> {
    /// Every id, in the new order.
    pub order: Vec<String>,
    /// The items added or changed (the others are as they were).
    pub items: Vec<T>,
}

/// The difference between two states of one roadmap.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
pub struct RoadmapPatch {
    /// The card, when it changed.
    pub head: Option<Head>,
    /// The animators, when they changed.
    pub animators: Option<Vec<Animator>>,
    /// The diagnosis, when it changed.
    pub diagnosis: Option<Diagnosis>,
    /// The objectives, when any changed or moved.
    pub objectives: Option<ListPatch<Objective>>,
    /// The actions, when any changed or moved.
    pub actions: Option<ListPatch<Action>>,
    /// The indicators, when any changed or moved.
    pub indicators: Option<ListPatch<Indicator>>,
    /// The participation, when it changed.
    pub participation: Option<Participation>,
}

impl RoadmapPatch {
    /// Whether nothing differs.
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}

fn head(r: &Roadmap) -> Head {
    Head {
        revision: r.revision,
        region: r.region.clone(),
        period: r.period,
        theme: r.theme.clone(),
        status: r.status,
    }
}

fn list<T: PartialEq + Clone>(old: &[T], new: &[T], id: impl Fn(&T) -> &str) -> Option<ListPatch<T>> {
    if old == new {
        return None;
    }
    let before: HashMap<&str, &T> = old.iter().map(|x| (id(x), x)).collect();
    Some(ListPatch {
        order: new.iter().map(|x| id(x).to_string()).collect(),
        items: new.iter().filter(|x| before.get(id(x)) != Some(x)).cloned().collect(),
    })
}

fn changed<T: PartialEq + Clone>(old: &T, new: &T) -> Option<T> {
    (old != new).then(|| new.clone())
}

/// The patch that turns `old` into `new` (the same roadmap).
pub fn diff(old: &Roadmap, new: &Roadmap) -> RoadmapPatch {
    let (h_old, h_new) = (head(old), head(new));
    RoadmapPatch {
        head: changed(&h_old, &h_new),
        animators: changed(&old.animators, &new.animators),
        diagnosis: changed(&old.diagnosis, &new.diagnosis),
        objectives: list(&old.objectives, &new.objectives, |o| &o.id),
        actions: list(&old.actions, &new.actions, |a| &a.id),
        indicators: list(&old.indicators, &new.indicators, |x| &x.id),
        participation: changed(&old.participation, &new.participation),
    }
}

fn merge<T: Clone>(base: &[T], p: &ListPatch<T>, id: impl Fn(&T) -> &str) -> Option<Vec<T>> {
    let by_id: HashMap<&str, &T> = p.items.iter().chain(base.iter()).map(|x| (id(x), x)).rev().collect();
    p.order
        .iter()
        .map(|i| by_id.get(i.as_str()).map(|x| (*x).clone()))
        .collect()
}

/// `base` with `patch` applied; `None` when the patch names an item that
/// neither it nor `base` holds (it was made for another state).
pub fn apply(base: &Roadmap, patch: &RoadmapPatch) -> Option<Roadmap> {
    let mut r = base.clone();
    if let Some(h) = &patch.head {
        r.revision = h.revision;
        r.region = h.region.clone();
        r.period = h.period;
        r.theme = h.theme.clone();
        r.status = h.status;
    }
    if let Some(a) = &patch.animators {
        r.animators = a.clone();
    }
    if let Some(d) = &patch.diagnosis {
        r.diagnosis = d.clone();
    }
    if let Some(p) = &patch.objectives {
        r.objectives = merge(&base.objectives, p, |o| &o.id)?;
    }
    if let Some(p) = &patch.actions {
        r.actions = merge(&base.actions, p, |a| &a.id)?;
    }
    if let Some(p) = &patch.indicators {
        r.indicators = merge(&base.indicators, p, |x| &x.id)?;
    }
    if let Some(p) = &patch.participation {
        r.participation = p.clone();
    }
    Some(r)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Roadmap {
        fdr_core::sample::generate("5b0c7f1e-2a8d-4c39-9d7e-0f3a6b21c409", 9, 12, 6, 7)
    }

    #[test]
    fn a_patch_carries_only_what_changed_and_applies_back_and_forth() {
        let old = sample();
        let mut new = old.clone();
        new.actions[3].title = "Titre changé".into();
        new.actions.swap(0, 1);
        new.indicators.remove(2);
        new.diagnosis.text.push_str(" et plus");
        let forward = diff(&old, &new);
        let actions = forward.actions.as_ref().expect("actions changed");
        assert_eq!(
            actions.items.len(),
            1,
            "one action's content changed; moves carry no item"
        );
        assert_eq!(actions.order.len(), new.actions.len());
        assert!(
            forward.objectives.is_none() && forward.head.is_none(),
            "untouched parts are absent"
        );
        assert_eq!(
            apply(&old, &forward).as_ref(),
            Some(&new),
            "forward gives the new state"
        );
        let back = diff(&new, &old);
        assert_eq!(
            back.indicators.as_ref().map(|p| p.items.len()),
            Some(1),
            "the removed indicator comes back whole"
        );
        assert_eq!(apply(&new, &back).as_ref(), Some(&old), "back gives the old state");
        assert!(diff(&old, &old).is_empty());
    }

    #[test]
    fn a_patch_for_another_state_does_not_apply() {
        let old = sample();
        let mut new = old.clone();
        new.actions.remove(0);
        let back = diff(&new, &old);
        let mut elsewhere = new.clone();
        elsewhere.actions.clear();
        let mut p = back.clone();
        p.actions.as_mut().unwrap().items.clear();
        assert_eq!(
            apply(&elsewhere, &p),
            None,
            "an id neither side holds: refused, not guessed"
        );
    }
}
