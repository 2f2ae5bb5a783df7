//! What changed between two revisions of a roadmap, field by field, in
//! French, for the secretariat (`fdr diff`, the app's history screen).
//!
//! Each roadmap is first flattened into *items* — the card, the texts, each
//! objective, action, funding line, indicator, measurement, key figure,
//! animator and practice — with a stable key and labelled fields whose
//! values are already written the French way. Items are matched by key
//! (objectives, actions and indicators by id; funding lines by funder and
//! year; measurements by date; key figures by label; animators by name;
//! practices by stage, method and description), so a reordering or an
//! insertion does not show as a cascade of changes. An item present on one
//! side only is one *added* or *removed* change; an item on both sides gives
//! one *changed* entry per field that differs.
//!
//! Extending it: a new field of the format is one more `field(...)` line in
//! the item that holds it.

use crate::french;
use crate::roadmap::*;
use serde::Serialize;
use std::collections::HashMap;

/// Kind of change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// Only in the newer revision.
    Added,
    /// Only in the older revision.
    Removed,
    /// In both, with a field that differs.
    Changed,
}

/// One change between two revisions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Change {
    /// Stable key of the item, e.g. `actions/A2/funding/État/2025`.
    pub item: String,
    /// The item for people, e.g. `Action A2 — financement État 2025`.
    pub label: String,
    /// Added, removed or changed.
    pub kind: ChangeKind,
    /// The field that changed (`changed` only), e.g. `Cible`.
    pub field: Option<String>,
    /// Old value, as shown (for `removed`: a summary of the item).
    pub old: Option<String>,
    /// New value, as shown (for `added`: a summary of the item).
    pub new: Option<String>,
}

impl Change {
    /// One line of French text, e.g. `~ Action A2, Pilote : « CAF » → « CAF du Nord »`,
    /// `- Suppression — Action A3 : « Titre », 55 000 €`.
    pub fn line(&self) -> String {
        let quote = |v: &Option<String>| match v {
            Some(v) if v.is_empty() => "(vide)".to_string(),
            Some(v) => format!("« {v} »"),
            None => "(absent)".to_string(),
        };
        match self.kind {
            ChangeKind::Added => format!("+ Ajout — {} : {}", self.label, self.new.as_deref().unwrap_or("")),
            ChangeKind::Removed => format!("- Suppression — {} : {}", self.label, self.old.as_deref().unwrap_or("")),
            ChangeKind::Changed => format!(
                "~ {}, {} : {} → {}",
                self.label,
                self.field.as_deref().unwrap_or(""),
                quote(&self.old),
                quote(&self.new)
            ),
        }
    }
}

/// A flattened piece of a roadmap.
struct Item {
    key: String,
    label: String,
    summary: String,
    fields: Vec<(&'static str, Option<String>)>,
}

fn opt(v: &Option<String>) -> Option<String> {
    v.clone()
}

fn list(v: &Option<Vec<String>>) -> Option<String> {
    v.as_ref().map(|l| l.join(", "))
}

fn dated(v: &Option<DatedValue>, unit: &str) -> Option<String> {
    v.as_ref().map(|d| {
        let mut s = format!(
            "{} au {}",
            french::with_unit(&d.value, Some(unit)),
            french::date_long(&d.date)
        );
        if let Some(c) = &d.comment {
            s.push_str(&format!(" ({c})"));
        }
        s
    })
}

/// Keys made unique: a second item with the same key gets `#2`, and so on.
fn unique(items: &mut [Item]) {
    let mut seen: HashMap<String, usize> = HashMap::new();
    for it in items.iter_mut() {
        let n = seen.entry(it.key.clone()).or_insert(0);
        *n += 1;
        if *n > 1 {
            it.key = format!("{}#{n}", it.key);
            it.label = format!("{} (n° {n})", it.label);
        }
    }
}

fn flatten(r: &Roadmap) -> Vec<Item> {
    let mut items = vec![Item {
        key: "card".into(),
        label: "Fiche".into(),
        summary: String::new(),
        fields: vec![
            ("Intitulé du thème", Some(r.theme.title.clone())),
            ("Statut", Some(r.status.label_fr().to_string())),
            ("Période", Some(format!("{}–{}", r.period.start, r.period.end))),
            ("Texte du diagnostic", Some(r.diagnosis.text.clone())),
            ("Texte de la participation", Some(r.participation.text.clone())),
        ],
    }];
    for a in &r.animators {
        items.push(Item {
            key: format!("animators/{}", a.name),
            label: format!("Animateur {}", a.name),
            summary: a.name.clone(),
            fields: vec![
                ("Structure", opt(&a.organisation)),
                ("Rôle", opt(&a.role)),
                ("Courriel", opt(&a.email)),
                ("Téléphone", opt(&a.phone)),
            ],
        });
    }
    for k in &r.diagnosis.key_figures {
        let value = french::with_unit(&k.value, k.unit.as_deref());
        items.push(Item {
            key: format!("key_figures/{}", k.label),
            label: format!("Chiffre clé « {} »", k.label),
            summary: value.clone(),
            fields: vec![
                ("Valeur", Some(value)),
                ("Année", k.year.map(|y| y.to_string())),
                ("Territoire", opt(&k.territory)),
                ("Source", opt(&k.source)),
            ],
        });
    }
    for o in &r.objectives {
        items.push(Item {
            key: format!("objectives/{}", o.id),
            label: format!("Objectif {}", o.id),
            summary: format!("« {} » (priorité {})", o.title, o.priority),
            fields: vec![
                ("Intitulé", Some(o.title.clone())),
                ("Priorité", Some(o.priority.to_string())),
                ("Description", opt(&o.text)),
                ("Territoires", list(&o.territories)),
            ],
        });
    }
    for a in &r.actions {
        items.push(Item {
            key: format!("actions/{}", a.id),
            label: format!("Action {}", a.id),
            summary: format!("« {} », {}", a.title, french::money_cents(a.total_cents())),
            fields: vec![
                ("Intitulé", Some(a.title.clone())),
                ("Objectifs", Some(a.objectives.join(", "))),
                ("Description", opt(&a.text)),
                ("Pilote", opt(&a.lead)),
                ("Partenaires", list(&a.partners)),
                ("Territoires", list(&a.territories)),
                ("Début", a.start.as_deref().map(french::date_long)),
                ("Fin", a.end.as_deref().map(french::date_long)),
                ("État", Some(a.status.label_fr().to_string())),
                ("ETP", a.fte.as_ref().map(french::number)),
                ("Budget total", Some(french::money_cents(a.total_cents()))),
            ],
        });
        // Lines of the same funder and year are one amount, in the order
        // first seen (a map, not a search per line: 5,000 lines stay linear).
        let mut lines: Vec<(&str, i64, i128)> = Vec::new();
        let mut at: HashMap<(&str, i64), usize> = HashMap::new();
        for f in &a.funding {
            match at.get(&(f.funder.as_str(), f.year)) {
                Some(&k) => lines[k].2 += i128::from(f.amount_cents),
                None => {
                    at.insert((f.funder.as_str(), f.year), lines.len());
                    lines.push((f.funder.as_str(), f.year, i128::from(f.amount_cents)));
                }
            }
        }
        for (funder, year, cents) in lines {
            let amount = french::money_cents(cents);
            items.push(Item {
                key: format!("actions/{}/funding/{funder}/{year}", a.id),
                label: format!("Action {} — financement {funder} {year}", a.id),
                summary: amount.clone(),
                fields: vec![("Montant", Some(amount))],
            });
        }
    }
    for x in &r.indicators {
        items.push(Item {
            key: format!("indicators/{}", x.id),
            label: format!("Indicateur {}", x.id),
            summary: format!("« {} » ({})", x.name, x.unit),
            fields: vec![
                ("Nom", Some(x.name.clone())),
                ("Unité", Some(x.unit.clone())),
                ("Objectifs", list(&x.objectives)),
                ("Actions", list(&x.actions)),
                ("Définition", opt(&x.definition)),
                ("Sens attendu", Some(direction_fr(x.direction).to_string())),
                ("Valeur de référence", dated(&x.baseline, &x.unit)),
                ("Cible", dated(&x.target, &x.unit)),
                ("Source", opt(&x.source)),
                ("Fréquence", x.frequency.map(|f| f.label_fr().to_string())),
            ],
        });
        for m in x.measurements.iter().flatten() {
            let value = french::with_unit(&m.value, Some(&x.unit));
            items.push(Item {
                key: format!("indicators/{}/measurements/{}", x.id, m.date),
                label: format!("Indicateur {} — mesure du {}", x.id, french::date_long(&m.date)),
                summary: value.clone(),
                fields: vec![("Valeur", Some(value)), ("Commentaire", opt(&m.comment))],
            });
        }
    }
    for p in &r.participation.practices {
        items.push(Item {
            key: format!("practices/{}/{}/{}", p.stage.code(), p.method.code(), p.description),
            label: format!(
                "Pratique de participation « {} » ({}, {})",
                p.description,
                p.stage.label_fr(),
                p.method.label_fr()
            ),
            summary: p
                .participants
                .map(|n| format!("{n} participants"))
                .unwrap_or_else(|| "participants non comptés".into()),
            fields: vec![
                ("Participants", p.participants.map(|n| n.to_string())),
                ("Date", p.date.as_deref().map(french::date_long)),
            ],
        });
    }
    unique(&mut items);
    items
}

fn direction_fr(d: Direction) -> &'static str {
    match d {
        Direction::Increase => "à la hausse",
        Direction::Decrease => "à la baisse",
        Direction::Maintain => "maintien",
    }
}

/// The changes from `old` to `new`, in the order of the newer document
/// (removed items where they stood in the older one).
pub fn diff(old: &Roadmap, new: &Roadmap) -> Vec<Change> {
    let before = flatten(old);
    let after = flatten(new);
    let old_index: HashMap<&str, usize> = before.iter().enumerate().map(|(i, it)| (it.key.as_str(), i)).collect();
    let new_keys: std::collections::HashSet<&str> = after.iter().map(|it| it.key.as_str()).collect();

    // Removed items go after the last item before them that is still there.
    let mut removed_after: HashMap<Option<&str>, Vec<&Item>> = HashMap::new();
    let mut anchor: Option<&str> = None;
    for it in &before {
        if new_keys.contains(it.key.as_str()) {
            anchor = Some(it.key.as_str());
        } else {
            removed_after.entry(anchor).or_default().push(it);
        }
    }
    let removed = |it: &Item| Change {
        item: it.key.clone(),
        label: it.label.clone(),
        kind: ChangeKind::Removed,
        field: None,
        old: Some(it.summary.clone()),
        new: None,
    };

    let mut out: Vec<Change> = removed_after
        .get(&None)
        .into_iter()
        .flatten()
        .map(|it| removed(it))
        .collect();
    for it in &after {
        match old_index.get(it.key.as_str()) {
            None => out.push(Change {
                item: it.key.clone(),
                label: it.label.clone(),
                kind: ChangeKind::Added,
                field: None,
                old: None,
                new: Some(it.summary.clone()),
            }),
            Some(&i) => {
                let was = &before[i];
                for (name, value) in &it.fields {
                    let old_value = was.fields.iter().find(|(n, _)| n == name).and_then(|(_, v)| v.clone());
                    if old_value != *value {
                        out.push(Change {
                            item: it.key.clone(),
                            label: it.label.clone(),
                            kind: ChangeKind::Changed,
                            field: Some((*name).to_string()),
                            old: old_value,
                            new: value.clone(),
                        });
                    }
                }
                out.extend(
                    removed_after
                        .get(&Some(it.key.as_str()))
                        .into_iter()
                        .flatten()
                        .map(|it| removed(it)),
                );
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::Catalogue;

    fn base() -> Roadmap {
        crate::sample::generate("5b0c7f1e-2a8d-4c39-9d7e-0f3a6b21c409", 9, 6, 4, 7)
    }

    #[test]
    fn the_same_roadmap_has_no_change() {
        let r = base();
        assert!(diff(&r, &r).is_empty(), "a roadmap compared with itself");
        let empty = Roadmap::new("x".into(), Catalogue::builtin(), 3).unwrap();
        assert!(diff(&empty, &empty).is_empty(), "an empty roadmap too");
    }

    #[test]
    fn a_changed_target_and_a_removed_action_are_named() {
        let old = base();
        let mut new = old.clone();
        let x = &mut new.indicators[0];
        let unit = x.unit.clone();
        x.target = Some(DatedValue {
            value: serde_json::Number::from(999),
            date: "2022-12-31".into(),
            comment: None,
        });
        let gone = new.actions.remove(2);
        let changes = diff(&old, &new);
        let target = changes
            .iter()
            .find(|c| c.field.as_deref() == Some("Cible"))
            .expect("the target change is listed");
        assert_eq!(target.item, format!("indicators/{}", new.indicators[0].id));
        let expected = format!(
            "{} au {}",
            french::with_unit(&serde_json::Number::from(999), Some(&unit)),
            french::date_long("2022-12-31")
        );
        assert_eq!(
            target.new.as_deref(),
            Some(expected.as_str()),
            "new value written the French way"
        );
        assert!(expected.contains("décembre"), "dates in words: {expected}");
        let removed: Vec<_> = changes.iter().filter(|c| c.kind == ChangeKind::Removed).collect();
        assert!(
            removed.iter().any(|c| c.item == format!("actions/{}", gone.id)),
            "the removed action is one change: {removed:?}"
        );
        assert!(
            removed
                .iter()
                .all(|c| c.item.starts_with(&format!("actions/{}", gone.id))),
            "only the action and its funding lines are removed: {removed:?}"
        );
        let line = target.line();
        assert!(
            line.starts_with("~ Indicateur ") && line.contains(", Cible : « "),
            "{line}"
        );
    }

    #[test]
    fn reordering_is_not_a_cascade_of_changes() {
        let old = base();
        let mut new = old.clone();
        new.actions.reverse();
        new.diagnosis.key_figures.reverse();
        assert!(
            diff(&old, &new).is_empty(),
            "same items in another order: nothing changed"
        );
    }

    #[test]
    fn an_added_measurement_and_a_new_funding_line_are_added() {
        let old = base();
        let mut new = old.clone();
        new.indicators[1]
            .measurements
            .get_or_insert_with(Vec::new)
            .push(DatedValue {
                value: serde_json::Number::from(5),
                date: "2030-01-01".into(),
                comment: None,
            });
        new.actions[0].funding.push(FundingLine {
            funder: "Fondation X".into(),
            year: 2021,
            amount_cents: 12_345,
        });
        let changes = diff(&old, &new);
        let added: Vec<_> = changes
            .iter()
            .filter(|c| c.kind == ChangeKind::Added)
            .map(|c| c.item.clone())
            .collect();
        assert_eq!(
            added,
            vec![
                format!("actions/{}/funding/Fondation X/2021", new.actions[0].id),
                format!("indicators/{}/measurements/2030-01-01", new.indicators[1].id),
            ],
            "two additions, in document order"
        );
        assert!(
            changes
                .iter()
                .any(|c| c.field.as_deref() == Some("Budget total")
                    && c.item == format!("actions/{}", new.actions[0].id)),
            "the action's total changes with it"
        );
    }
}
