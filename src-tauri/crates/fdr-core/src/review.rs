//! The review exchange (`docs/format/REVIEW.md`): the secretariat's
//! **avis** on one revision of a roadmap, and the author's **réponses** to
//! its remarks.
//!
//! As in [`crate::roadmap`], the serde shape of these types *is* the
//! exchange format (version 1), minus the envelope fields `format` and
//! `format_version`, which the format crate reads and writes. Optional fields
//! stay absent, `null` is refused, text is kept byte for byte.
//!
//! - [`validate_avis`] and [`validate_reponses`]: the rules a document obeys
//!   on its own (ids, targets, sizes, control characters, *validated*
//!   without a blocking remark, *declined* with a text);
//! - [`check_against`]: the rules that need the reviewed revision (theme,
//!   items that exist);
//! - [`Target`]s of a roadmap ([`targets`]) for the avis editor, and the
//!   target a warning or a diff line is about ([`target_of_path`]).
//!
//! Extending it: a new field of a part is one more name in [`Part::fields`];
//! a new rule goes in the validator with a bad file in the format crate's
//! review tests.

use crate::roadmap::Roadmap;
use crate::validation::{is_uuid, shorten, Checker, Problem, ProblemCode};
use serde::{Deserialize, Deserializer, Serialize};
use std::collections::HashSet;

fn present<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    T::deserialize(deserializer).map(Some)
}

/// The revision an avis is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct ReviewedRevision {
    /// The roadmap's UUID.
    pub id: String,
    /// The revision reviewed (≥ 1).
    pub revision: i64,
    /// The roadmap's theme number.
    pub theme_number: i64,
}

/// Who issued an avis.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[serde(deny_unknown_fields)]
pub struct Reviewer {
    /// Name (person or body), not empty.
    pub name: String,
    /// Organisation.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "present")]
    pub organisation: Option<String>,
    /// Role.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "present")]
    pub role: Option<String>,
    /// E-mail.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "present")]
    pub email: Option<String>,
}

/// The secretariat's decision on a revision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    /// Accepted as it is.
    Validated,
    /// A new revision is expected.
    ChangesRequested,
    /// Remarks only, no decision yet.
    Comments,
}

impl Decision {
    /// The format's code.
    pub fn code(self) -> &'static str {
        match self {
            Self::Validated => "validated",
            Self::ChangesRequested => "changes_requested",
            Self::Comments => "comments",
        }
    }
    /// French label for people.
    pub fn label_fr(self) -> &'static str {
        match self {
            Self::Validated => "Validée",
            Self::ChangesRequested => "Modifications demandées",
            Self::Comments => "Remarques sans décision",
        }
    }
}

/// How much a remark weighs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Must be dealt with before validation.
    Blocking,
    /// A remark.
    Normal,
}

impl Severity {
    /// French label for people.
    pub fn label_fr(self) -> &'static str {
        match self {
            Self::Blocking => "bloquante",
            Self::Normal => "normale",
        }
    }
}

/// The five parts of a roadmap (and its card) a remark can be about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Part {
    /// The card: title, period, animators, status.
    Header,
    /// Part 1.
    Diagnosis,
    /// Part 2, by objective.
    Objectives,
    /// Part 3, by action.
    Actions,
    /// Part 4, by indicator.
    Indicators,
    /// Part 5.
    Participation,
}

impl Part {
    /// Every part, in the document's order.
    pub const ALL: [Part; 6] = [
        Part::Header,
        Part::Diagnosis,
        Part::Objectives,
        Part::Actions,
        Part::Indicators,
        Part::Participation,
    ];

    /// The format's code.
    pub fn code(self) -> &'static str {
        match self {
            Self::Header => "header",
            Self::Diagnosis => "diagnosis",
            Self::Objectives => "objectives",
            Self::Actions => "actions",
            Self::Indicators => "indicators",
            Self::Participation => "participation",
        }
    }

    /// Whether a remark on this part names an item (objective, action, indicator).
    pub fn takes_items(self) -> bool {
        matches!(self, Self::Objectives | Self::Actions | Self::Indicators)
    }

    /// The fields a remark on this part may name (REVIEW.md's table).
    pub fn fields(self) -> &'static [&'static str] {
        match self {
            Self::Header => &["title", "period", "animators", "status"],
            Self::Diagnosis => &["text", "key_figures"],
            Self::Objectives => &["title", "text", "priority", "territories"],
            Self::Actions => &[
                "title",
                "text",
                "objectives",
                "lead",
                "partners",
                "territories",
                "dates",
                "status",
                "fte",
                "funding",
            ],
            Self::Indicators => &[
                "name",
                "definition",
                "unit",
                "direction",
                "baseline",
                "target",
                "measurements",
                "source",
                "frequency",
                "objectives",
                "actions",
            ],
            Self::Participation => &["text", "practices"],
        }
    }

    /// The part's title for people, as in the roadmap's document.
    pub fn label_fr(self) -> &'static str {
        match self {
            Self::Header => "Fiche",
            Self::Diagnosis => "1. Diagnostic",
            Self::Objectives => "2. Objectifs et priorités",
            Self::Actions => "3. Moyens et plan d’action",
            Self::Indicators => "4. Indicateurs",
            Self::Participation => "5. Participation des bénéficiaires",
        }
    }
}

/// A field's name for people (`lead` → « pilote »).
pub fn field_label_fr(field: &str) -> &'static str {
    match field {
        "title" => "titre",
        "period" => "période",
        "animators" => "animateurs",
        "status" => "statut",
        "text" => "texte",
        "key_figures" => "chiffres clés",
        "priority" => "priorité",
        "territories" => "territoires",
        "objectives" => "objectifs liés",
        "lead" => "pilote",
        "partners" => "partenaires",
        "dates" => "dates",
        "fte" => "ETP",
        "funding" => "financement",
        "name" => "nom",
        "definition" => "définition",
        "unit" => "unité",
        "direction" => "sens d’évolution",
        "baseline" => "valeur de référence",
        "target" => "cible",
        "measurements" => "mesures",
        "source" => "source",
        "frequency" => "fréquence",
        "actions" => "actions liées",
        "practices" => "pratiques de participation",
        _ => "champ",
    }
}

/// What a remark is about: a part, optionally one of its items, optionally
/// one field.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[serde(deny_unknown_fields)]
pub struct Target {
    /// The part.
    pub part: Part,
    /// Id of the objective, action or indicator (required for those parts, absent otherwise).
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "present")]
    pub item: Option<String>,
    /// One of the part's fields (absent: the whole item or part).
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "present")]
    pub field: Option<String>,
}

/// One remark of an avis.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[serde(deny_unknown_fields)]
pub struct Remark {
    /// Local id, unique in the avis.
    pub id: String,
    /// What it is about.
    pub target: Target,
    /// Blocking or normal.
    pub severity: Severity,
    /// Light Markdown, not empty.
    pub text: String,
    /// How the target read in the reviewed revision (never checked).
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "present")]
    pub quote: Option<String>,
}

/// The secretariat's avis on one revision of one roadmap.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Avis {
    /// UUID of this avis, for life.
    pub id: String,
    /// The revision reviewed.
    pub roadmap: ReviewedRevision,
    /// RFC 3339.
    pub issued_at: String,
    /// Who.
    pub issued_by: Reviewer,
    /// The decision.
    pub decision: Decision,
    /// Light Markdown, may be empty.
    pub summary: String,
    /// The remarks.
    pub remarks: Vec<Remark>,
}

impl Avis {
    /// The remark with local id `id`.
    pub fn remark(&self, id: &str) -> Option<&Remark> {
        self.remarks.iter().find(|r| r.id == id)
    }
}

/// The revision a set of answers travels with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct AnsweredRevision {
    /// The roadmap's UUID.
    pub id: String,
    /// The revision exported with these answers.
    pub revision: i64,
}

/// How the author dealt with a remark.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum AnswerState {
    /// Dealt with in this revision (*traitée*).
    Addressed,
    /// Not done, the text says why (*non retenue*).
    Declined,
}

impl AnswerState {
    /// The format's code.
    pub fn code(self) -> &'static str {
        match self {
            Self::Addressed => "addressed",
            Self::Declined => "declined",
        }
    }
    /// Reads a format code.
    pub fn from_code(code: &str) -> Option<Self> {
        [Self::Addressed, Self::Declined].into_iter().find(|s| s.code() == code)
    }
    /// French label for people.
    pub fn label_fr(self) -> &'static str {
        match self {
            Self::Addressed => "traitée",
            Self::Declined => "non retenue",
        }
    }
}

/// The author's answer to one remark.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Answer {
    /// The avis id.
    pub avis: String,
    /// The remark's local id in that avis.
    pub remark: String,
    /// Addressed or declined.
    pub state: AnswerState,
    /// Light Markdown; not empty when declined.
    pub text: String,
}

/// The author's answers, cumulative, as exported with one revision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Reponses {
    /// The revision they travel with.
    pub roadmap: AnsweredRevision,
    /// RFC 3339 timestamp of the export.
    pub answered_at: String,
    /// Every answer given to any avis of this roadmap.
    pub answers: Vec<Answer>,
}

fn timestamp(c: &mut Checker, path: &str, s: &str) {
    if !crate::calendar::is_rfc3339_timestamp(s) {
        c.push(
            path,
            ProblemCode::Format,
            format!(
                "« {} » n’est pas un horodatage RFC 3339 (ex. 2019-07-15T09:30:00Z)",
                shorten(s)
            ),
        );
    }
    c.text(path, s);
}

fn uuid(c: &mut Checker, path: &str, s: &str) {
    if !is_uuid(s) {
        c.push(
            path,
            ProblemCode::Format,
            format!(
                "« {} » n’est pas un UUID (ex. 8d1f2c4a-6b3e-4f7a-9c21-3e5d7a9b1f04)",
                shorten(s)
            ),
        );
        c.text(path, s);
    }
}

fn revision(c: &mut Checker, path: &str, n: i64) {
    if n < 1 {
        c.push(
            path,
            ProblemCode::Range,
            format!("révision {n} : elle doit être au moins 1"),
        );
    }
}

/// The problems of a target on its own (item where required, field of its part).
pub fn target_problems(path: &str, t: &Target) -> Vec<Problem> {
    let mut c = Checker::new();
    match (&t.item, t.part.takes_items()) {
        (None, true) => c.push(
            format!("{path}.item"),
            ProblemCode::Schema,
            format!(
                "champ obligatoire absent : une remarque sur la partie « {} » nomme son élément",
                t.part.code()
            ),
        ),
        (Some(_), false) => c.push(
            format!("{path}.item"),
            ProblemCode::Schema,
            format!(
                "la partie « {} » n’a pas d’éléments : « item » n’est pas admis",
                t.part.code()
            ),
        ),
        (Some(item), true) => c.local_id(&format!("{path}.item"), item),
        (None, false) => {}
    }
    if let Some(field) = &t.field {
        if !t.part.fields().contains(&field.as_str()) {
            c.push(
                format!("{path}.field"),
                ProblemCode::Schema,
                format!(
                    "« {} » n’est pas un champ de la partie « {} » ; champs possibles : {}",
                    shorten(field),
                    t.part.code(),
                    t.part.fields().join(", ")
                ),
            );
        }
    }
    c.into_problems()
}

/// Every rule an avis obeys on its own (REVIEW.md, "Rules beyond the
/// schema", but those that need the copy's store), in document order.
pub fn validate_avis(a: &Avis, catalogue: &crate::catalogue::Catalogue) -> Vec<Problem> {
    let mut c = Checker::new();
    uuid(&mut c, "id", &a.id);
    uuid(&mut c, "roadmap.id", &a.roadmap.id);
    revision(&mut c, "roadmap.revision", a.roadmap.revision);
    if catalogue.theme(a.roadmap.theme_number).is_none() {
        c.push(
            "roadmap.theme_number",
            ProblemCode::UnknownTheme,
            format!("le thème n° {} n’existe pas (1 à 15)", a.roadmap.theme_number),
        );
    }
    timestamp(&mut c, "issued_at", &a.issued_at);
    c.required_text("issued_by.name", &a.issued_by.name);
    c.optional_text("issued_by.organisation", a.issued_by.organisation.as_deref());
    c.optional_text("issued_by.role", a.issued_by.role.as_deref());
    c.optional_text("issued_by.email", a.issued_by.email.as_deref());
    c.text("summary", &a.summary);
    c.list("remarks", &a.remarks);
    let mut problems = c.into_problems();
    let mut seen: HashSet<&str> = HashSet::new();
    for (i, r) in a.remarks.iter().enumerate() {
        let mut c = Checker::new();
        let path = format!("remarks[{i}]");
        c.local_id(&format!("{path}.id"), &r.id);
        if !seen.insert(r.id.as_str()) {
            let first = a.remarks.iter().position(|x| x.id == r.id).unwrap_or(0);
            c.push(
                format!("{path}.id"),
                ProblemCode::Duplicate,
                format!("identifiant « {} » déjà utilisé par remarks[{first}]", shorten(&r.id)),
            );
        }
        problems.extend(c.into_problems());
        problems.extend(target_problems(&format!("{path}.target"), &r.target));
        let mut c = Checker::new();
        c.required_text(&format!("{path}.text"), &r.text);
        c.optional_text(&format!("{path}.quote"), r.quote.as_deref());
        if a.decision == Decision::Validated && r.severity == Severity::Blocking {
            c.push(
                format!("{path}.severity"),
                ProblemCode::Schema,
                "une remarque bloquante est incompatible avec la décision « validated » (validée)",
            );
        }
        problems.extend(c.into_problems());
    }
    problems
}

/// The rules that need the reviewed revision: the theme is the roadmap's,
/// and every targeted item exists in it.
pub fn check_against(a: &Avis, reviewed: &Roadmap) -> Vec<Problem> {
    let mut c = Checker::new();
    if a.roadmap.theme_number != reviewed.theme.number {
        c.push(
            "roadmap.theme_number",
            ProblemCode::Schema,
            format!(
                "thème n° {} : la feuille de route {} est celle du thème n° {}",
                a.roadmap.theme_number, reviewed.id, reviewed.theme.number
            ),
        );
    }
    for (i, r) in a.remarks.iter().enumerate() {
        let Some(item) = &r.target.item else { continue };
        if r.target.part.takes_items() && item_title(reviewed, r.target.part, item).is_none() {
            let what = match r.target.part {
                Part::Objectives => "aucun objectif",
                Part::Actions => "aucune action",
                _ => "aucun indicateur",
            };
            c.push(
                format!("remarks[{i}].target.item"),
                ProblemCode::Unresolved,
                format!(
                    "{what} avec l’id « {} » dans la révision {} examinée",
                    shorten(item),
                    reviewed.revision
                ),
            );
        }
    }
    c.into_problems()
}

/// Every rule a set of answers obeys on its own, in document order.
pub fn validate_reponses(r: &Reponses) -> Vec<Problem> {
    let mut c = Checker::new();
    uuid(&mut c, "roadmap.id", &r.roadmap.id);
    revision(&mut c, "roadmap.revision", r.roadmap.revision);
    timestamp(&mut c, "answered_at", &r.answered_at);
    c.list("answers", &r.answers);
    let mut seen: HashSet<(&str, &str)> = HashSet::new();
    for (i, a) in r.answers.iter().enumerate() {
        let path = format!("answers[{i}]");
        uuid(&mut c, &format!("{path}.avis"), &a.avis);
        c.local_id(&format!("{path}.remark"), &a.remark);
        if !seen.insert((a.avis.as_str(), a.remark.as_str())) {
            c.push(
                format!("{path}.remark"),
                ProblemCode::Duplicate,
                format!(
                    "la remarque « {} » de l’avis {} a déjà une réponse dans cette liste",
                    shorten(&a.remark),
                    shorten(&a.avis)
                ),
            );
        }
        c.text(&format!("{path}.text"), &a.text);
        if a.state == AnswerState::Declined && a.text.trim().is_empty() {
            c.push(
                format!("{path}.text"),
                ProblemCode::Empty,
                "une remarque non retenue (declined) demande un texte qui dit pourquoi",
            );
        }
    }
    c.into_problems()
}

/// The title of an objective, action or indicator of `r`, if it exists.
pub fn item_title<'r>(r: &'r Roadmap, part: Part, id: &str) -> Option<&'r str> {
    match part {
        Part::Objectives => r.objectives.iter().find(|o| o.id == id).map(|o| o.title.as_str()),
        Part::Actions => r.actions.iter().find(|a| a.id == id).map(|a| a.title.as_str()),
        Part::Indicators => r.indicators.iter().find(|x| x.id == id).map(|x| x.name.as_str()),
        _ => None,
    }
}

/// A target for people: « Action A2 — Réservation de logements…, financement ».
pub fn target_label(t: &Target, quote: Option<&str>) -> String {
    let mut out = match (&t.item, t.part) {
        (Some(item), Part::Objectives) => format!("Objectif {item}"),
        (Some(item), Part::Actions) => format!("Action {item}"),
        (Some(item), Part::Indicators) => format!("Indicateur {item}"),
        _ => t.part.label_fr().to_string(),
    };
    if let Some(q) = quote.filter(|q| !q.is_empty() && t.item.is_some()) {
        out.push_str(" — ");
        out.push_str(&crate::validation::shorten(q));
    }
    if let Some(f) = &t.field {
        out.push_str(", ");
        out.push_str(field_label_fr(f));
    }
    out
}

/// One thing of a reviewed revision a remark can aim at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TargetChoice {
    /// The target (part and item; no field).
    pub target: Target,
    /// For people: « Action A2 — Réservation de logements ».
    pub label: String,
    /// How the item reads (its title), for the remark's `quote`.
    pub quote: Option<String>,
    /// The fields a remark on it may name.
    pub fields: Vec<String>,
}

/// Everything of `r` a remark can aim at: each part, and each objective,
/// action and indicator, in the document's order.
pub fn targets(r: &Roadmap) -> Vec<TargetChoice> {
    let mut out = Vec::new();
    let choice = |part: Part, item: Option<(&str, &str)>| TargetChoice {
        target: Target {
            part,
            item: item.map(|(id, _)| id.to_string()),
            field: None,
        },
        label: target_label(
            &Target {
                part,
                item: item.map(|(id, _)| id.to_string()),
                field: None,
            },
            item.map(|(_, t)| t),
        ),
        quote: item.map(|(_, t)| t.to_string()),
        fields: part.fields().iter().map(|f| f.to_string()).collect(),
    };
    for part in Part::ALL {
        match part {
            Part::Objectives => {
                for o in &r.objectives {
                    out.push(choice(part, Some((&o.id, &o.title))));
                }
            }
            Part::Actions => {
                for a in &r.actions {
                    out.push(choice(part, Some((&a.id, &a.title))));
                }
            }
            Part::Indicators => {
                for x in &r.indicators {
                    out.push(choice(part, Some((&x.id, &x.name))));
                }
            }
            _ => out.push(choice(part, None)),
        }
    }
    out
}

/// The target a field path of the format is about, in roadmap `r`:
/// `actions[2].lead` → action A3's `lead`; `indicators[0].target.value` →
/// the indicator's `target`; `period.end` → the card's `period`. A warning
/// of the core, or a problem, becomes a remark through this.
pub fn target_of_path(r: &Roadmap, path: &str) -> Option<Target> {
    let (head, rest) = match path.find(['.', '[']) {
        Some(i) => (&path[..i], &path[i..]),
        None => (path, ""),
    };
    let index = || -> Option<(usize, &str)> {
        let rest = rest.strip_prefix('[')?;
        let end = rest.find(']')?;
        Some((rest[..end].parse().ok()?, &rest[end + 1..]))
    };
    let first_field = |s: &str| -> Option<String> {
        let s = s.strip_prefix('.')?;
        let end = s.find(['.', '[']).unwrap_or(s.len());
        Some(s[..end].to_string())
    };
    let with_field = |part: Part, item: Option<String>, field: Option<String>| {
        let field = field.map(|f| match (part, f.as_str()) {
            (Part::Actions, "start" | "end") => "dates".to_string(),
            _ => f,
        });
        Some(Target {
            part,
            item,
            field: field.filter(|f| part.fields().contains(&f.as_str())),
        })
    };
    match head {
        "theme" => with_field(Part::Header, None, Some("title".into())),
        "period" => with_field(Part::Header, None, Some("period".into())),
        "status" => with_field(Part::Header, None, Some("status".into())),
        "animators" => with_field(Part::Header, None, Some("animators".into())),
        "diagnosis" => with_field(Part::Diagnosis, None, first_field(rest)),
        "participation" => with_field(Part::Participation, None, first_field(rest)),
        "objectives" | "actions" | "indicators" => {
            let (i, after) = index()?;
            let (part, id) = match head {
                "objectives" => (Part::Objectives, r.objectives.get(i)?.id.clone()),
                "actions" => (Part::Actions, r.actions.get(i)?.id.clone()),
                _ => (Part::Indicators, r.indicators.get(i)?.id.clone()),
            };
            with_field(part, Some(id), first_field(after))
        }
        _ => None,
    }
}

/// The target a diff line is about: its item key and field
/// (`actions/A2/funding/État/2025` → action A2's `funding`; the card's
/// « Texte du diagnostic » → the diagnosis' `text`).
pub fn target_of_change(change: &crate::diff::Change) -> Option<Target> {
    let mut parts = change.item.split('/');
    let head = parts.next()?;
    let second = parts.next();
    let third = parts.next();
    let field = change.field.as_deref();
    let t = |part: Part, item: Option<&str>, field: Option<&str>| Target {
        part,
        item: item.map(str::to_string),
        field: field.filter(|f| part.fields().contains(f)).map(str::to_string),
    };
    Some(match head {
        "card" => match field {
            Some("Intitulé du thème") => t(Part::Header, None, Some("title")),
            Some("Statut") => t(Part::Header, None, Some("status")),
            Some("Période") => t(Part::Header, None, Some("period")),
            Some("Texte du diagnostic") => t(Part::Diagnosis, None, Some("text")),
            Some("Texte de la participation") => t(Part::Participation, None, Some("text")),
            _ => t(Part::Header, None, None),
        },
        "animators" => t(Part::Header, None, Some("animators")),
        "key_figures" => t(Part::Diagnosis, None, Some("key_figures")),
        "practices" => t(Part::Participation, None, Some("practices")),
        "objectives" => {
            let f = match field {
                Some("Intitulé") => Some("title"),
                Some("Priorité") => Some("priority"),
                Some("Description") => Some("text"),
                Some("Territoires") => Some("territories"),
                _ => None,
            };
            t(Part::Objectives, Some(second?), f)
        }
        "actions" => {
            let f = match (third, field) {
                (Some("funding"), _) | (_, Some("Budget total")) => Some("funding"),
                (_, Some("Intitulé")) => Some("title"),
                (_, Some("Objectifs")) => Some("objectives"),
                (_, Some("Description")) => Some("text"),
                (_, Some("Pilote")) => Some("lead"),
                (_, Some("Partenaires")) => Some("partners"),
                (_, Some("Territoires")) => Some("territories"),
                (_, Some("Début" | "Fin")) => Some("dates"),
                (_, Some("État")) => Some("status"),
                (_, Some("ETP")) => Some("fte"),
                _ => None,
            };
            t(Part::Actions, Some(second?), f)
        }
        "indicators" => {
            let f = match (third, field) {
                (Some("measurements"), _) => Some("measurements"),
                (_, Some("Nom")) => Some("name"),
                (_, Some("Unité")) => Some("unit"),
                (_, Some("Objectifs")) => Some("objectives"),
                (_, Some("Actions")) => Some("actions"),
                (_, Some("Définition")) => Some("definition"),
                (_, Some("Sens attendu")) => Some("direction"),
                (_, Some("Valeur de référence")) => Some("baseline"),
                (_, Some("Cible")) => Some("target"),
                (_, Some("Source")) => Some("source"),
                (_, Some("Fréquence")) => Some("frequency"),
                _ => None,
            };
            t(Part::Indicators, Some(second?), f)
        }
        _ => return None,
    })
}

/// The instant of an RFC 3339 timestamp in Unix seconds, to order avis by
/// `issued_at` as instants, not strings (`…T10:00:00+02:00` is before
/// `…T09:00:00Z`); `None` when it is not one.
pub fn instant(timestamp: &str) -> Option<i64> {
    if !crate::calendar::is_rfc3339_timestamp(timestamp) {
        return None;
    }
    chrono::DateTime::parse_from_rfc3339(timestamp)
        .ok()
        .map(|t| t.timestamp())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::Catalogue;

    fn avis() -> Avis {
        serde_json::from_str(
            r#"{"id":"8d1f2c4a-6b3e-4f7a-9c21-3e5d7a9b1f04",
                "roadmap":{"id":"5b0c7f1e-2a8d-4c39-9d7e-0f3a6b21c409","revision":3,"theme_number":9},
                "issued_at":"2019-07-15T09:30:00Z","issued_by":{"name":"SGAR"},
                "decision":"changes_requested","summary":"",
                "remarks":[{"id":"R1","target":{"part":"actions","item":"A2","field":"funding"},"severity":"blocking","text":"x"}]}"#,
        )
        .expect("an avis")
    }

    #[test]
    fn a_sound_avis_has_no_problem() {
        assert_eq!(validate_avis(&avis(), Catalogue::builtin()), Vec::<Problem>::new());
    }

    #[test]
    fn targets_follow_the_parts_table() {
        let mut a = avis();
        a.remarks[0].target = Target {
            part: Part::Diagnosis,
            item: Some("A2".into()),
            field: Some("lead".into()),
        };
        let p = validate_avis(&a, Catalogue::builtin());
        let paths: Vec<&str> = p.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(
            paths,
            ["remarks[0].target.item", "remarks[0].target.field"],
            "an item on a part that takes none, and a field of another part, are both named"
        );
        a.remarks[0].target = Target {
            part: Part::Indicators,
            item: None,
            field: None,
        };
        let p = validate_avis(&a, Catalogue::builtin());
        assert_eq!(p[0].path, "remarks[0].target.item", "indicators need their item");
    }

    #[test]
    fn validated_with_a_blocking_remark_is_refused() {
        let mut a = avis();
        a.decision = Decision::Validated;
        let p = validate_avis(&a, Catalogue::builtin());
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].path, "remarks[0].severity");
        a.remarks[0].severity = Severity::Normal;
        assert!(
            validate_avis(&a, Catalogue::builtin()).is_empty(),
            "normal remarks may go with a validation"
        );
    }

    #[test]
    fn duplicate_remarks_and_control_characters_are_named() {
        let mut a = avis();
        a.remarks.push(a.remarks[0].clone());
        a.remarks[1].text = "a\u{7}b".into();
        let p = validate_avis(&a, Catalogue::builtin());
        let paths: Vec<&str> = p.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(paths, ["remarks[1].id", "remarks[1].text"]);
        assert!(p[0].message.contains("remarks[0]"), "{}", p[0].message);
    }

    #[test]
    fn declined_needs_a_text_and_pairs_are_unique() {
        let r: Reponses = serde_json::from_str(
            r#"{"roadmap":{"id":"5b0c7f1e-2a8d-4c39-9d7e-0f3a6b21c409","revision":4},"answered_at":"2019-09-02T16:10:00Z",
                "answers":[{"avis":"8d1f2c4a-6b3e-4f7a-9c21-3e5d7a9b1f04","remark":"R1","state":"declined","text":" "},
                           {"avis":"8d1f2c4a-6b3e-4f7a-9c21-3e5d7a9b1f04","remark":"R1","state":"addressed","text":""}]}"#,
        )
        .expect("answers");
        let p = validate_reponses(&r);
        let paths: Vec<&str> = p.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(paths, ["answers[0].text", "answers[1].remark"], "{p:?}");
    }

    #[test]
    fn paths_become_targets() {
        let r = crate::sample::generate("5b0c7f1e-2a8d-4c39-9d7e-0f3a6b21c409", 9, 3, 2, 1);
        let t = target_of_path(&r, "actions[2].lead").expect("a target");
        assert_eq!(t.part, Part::Actions);
        assert_eq!(
            t.item.as_deref(),
            Some(r.actions[2].id.as_str()),
            "the index becomes the item's id"
        );
        assert_eq!(t.field.as_deref(), Some("lead"));
        let t = target_of_path(&r, "actions[0].funding[1].year").expect("a target");
        assert_eq!(t.field.as_deref(), Some("funding"));
        let t = target_of_path(&r, "actions[0].end").expect("a target");
        assert_eq!(
            t.field.as_deref(),
            Some("dates"),
            "start and end are the remark field `dates`"
        );
        let t = target_of_path(&r, "indicators[1].target.value").expect("a target");
        assert_eq!(t.field.as_deref(), Some("target"));
        assert_eq!(
            target_of_path(&r, "objectives[9]"),
            None,
            "an index past the list names nothing"
        );
        let t = target_of_path(&r, "period.end").expect("a target");
        assert_eq!((t.part, t.field.as_deref()), (Part::Header, Some("period")));
        let change = |item: &str, field: Option<&str>| crate::diff::Change {
            item: item.into(),
            label: String::new(),
            kind: crate::diff::ChangeKind::Changed,
            field: field.map(str::to_string),
            old: None,
            new: None,
        };
        let t = target_of_change(&change("actions/A2/funding/État/2025", Some("Montant"))).expect("a target");
        assert_eq!(
            (t.part, t.item.as_deref(), t.field.as_deref()),
            (Part::Actions, Some("A2"), Some("funding"))
        );
        let t = target_of_change(&change("card", Some("Texte du diagnostic"))).expect("a target");
        assert_eq!((t.part, t.field.as_deref()), (Part::Diagnosis, Some("text")));
        let t = target_of_change(&change("indicators/I1", Some("Cible"))).expect("a target");
        assert_eq!(t.field.as_deref(), Some("target"));
        assert_eq!(
            instant("2019-07-15T10:00:00+02:00").map(|s| s < instant("2019-07-15T09:00:00Z").unwrap()),
            Some(true),
            "instants, not strings"
        );
    }

    #[test]
    fn every_target_of_a_roadmap_is_valid() {
        let r = crate::sample::generate("5b0c7f1e-2a8d-4c39-9d7e-0f3a6b21c409", 9, 3, 2, 1);
        let choices = targets(&r);
        assert_eq!(
            choices.len(),
            3 + r.objectives.len() + 3 + 2,
            "three parts without items, then each item"
        );
        for c in &choices {
            assert!(target_problems("t", &c.target).is_empty(), "{c:?}");
        }
    }
}
