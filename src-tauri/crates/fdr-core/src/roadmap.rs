//! The types of one thematic roadmap.
//!
//! Their serde shape is exactly the exchange format v1
//! (`docs/format/roadmap.schema.json`), minus the envelope fields `format`,
//! `format_version` and `exported_at`, which belong to a file rather than to
//! the roadmap and are handled by the format crate.
//!
//! Three promises hold for every type here, so that a file imported then
//! exported gives back the same JSON value:
//! - an optional field that was absent stays absent, one that was present
//!   (even empty) stays present: optional fields are `Option`, and an explicit
//!   JSON `null` is refused rather than read as absent;
//! - numbers that the schema types as `number` keep their JSON value
//!   ([`serde_json::Number`]: `18` stays an integer, `18.0` a float);
//! - text is kept byte for byte (no trimming, no Unicode normalisation).
//!
//! Unknown fields are refused (`deny_unknown_fields`).

use serde::{Deserialize, Deserializer, Serialize};

/// A JSON number as the schema's `number` type: integer or float, kept as read.
pub type Number = serde_json::Number;

/// Reads a present optional field; `null` is refused because the schema
/// never allows it (absent is the only way to say "no value").
fn present<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    T::deserialize(deserializer).map(Some)
}

/// The region the strategy is run in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[serde(deny_unknown_fields)]
pub struct Region {
    /// INSEE region code, e.g. `"32"`.
    pub code: String,
    /// e.g. `"Hauts-de-France"`.
    pub name: String,
}

/// Inclusive years of the strategy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[serde(deny_unknown_fields)]
pub struct Period {
    /// First year.
    pub start: i64,
    /// Last year (inclusive).
    pub end: i64,
}

impl Period {
    /// The years the format admits for a period's start and end.
    pub const YEARS: std::ops::RangeInclusive<i64> = 2000..=2100;

    /// Whether `year` falls within the period.
    pub fn contains(&self, year: i64) -> bool {
        (self.start..=self.end).contains(&year)
    }

    /// Whether the period obeys the format: both years in 2000–2100, the
    /// end not before the start ([`crate::validation`] says which rule fails).
    pub fn is_valid(&self) -> bool {
        Self::YEARS.contains(&self.start) && Self::YEARS.contains(&self.end) && self.start <= self.end
    }

    /// The span of several periods: the earliest start to the latest end
    /// (a consolidated document's period); `None` when there are none.
    pub fn span<'a>(periods: impl IntoIterator<Item = &'a Period>) -> Option<Period> {
        periods.into_iter().fold(None, |acc: Option<Period>, p| {
            Some(acc.map_or(*p, |a| Period {
                start: a.start.min(p.start),
                end: a.end.max(p.end),
            }))
        })
    }
}

/// The thematic working group a roadmap belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[serde(deny_unknown_fields)]
pub struct Theme {
    /// 1 to 15, one of the numbers of `themes.json`.
    pub number: i64,
    /// Title as written by the animator (normally the catalogue's).
    pub title: String,
}

/// Where a roadmap stands in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum RoadmapStatus {
    /// Being written.
    Draft,
    /// Sent to the secretariat (*remise*).
    Submitted,
    /// Validated by the secretariat (*validée*).
    Validated,
}

impl RoadmapStatus {
    /// The format's code, e.g. `"draft"`.
    pub fn code(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Submitted => "submitted",
            Self::Validated => "validated",
        }
    }
    /// Reads a format code.
    pub fn from_code(code: &str) -> Option<Self> {
        [Self::Draft, Self::Submitted, Self::Validated]
            .into_iter()
            .find(|s| s.code() == code)
    }
    /// French label for people.
    pub fn label_fr(self) -> &'static str {
        match self {
            Self::Draft => "Brouillon",
            Self::Submitted => "Remise",
            Self::Validated => "Validée",
        }
    }
}

/// One animator of the working group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[serde(deny_unknown_fields)]
pub struct Animator {
    /// Full name.
    pub name: String,
    /// Employer or body.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "present")]
    pub organisation: Option<String>,
    /// Role in the group.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "present")]
    pub role: Option<String>,
    /// E-mail address (kept as typed).
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "present")]
    pub email: Option<String>,
    /// Telephone (kept as typed).
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "present")]
    pub phone: Option<String>,
}

/// Part 1: the diagnosis.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[serde(deny_unknown_fields)]
pub struct Diagnosis {
    /// Light Markdown.
    pub text: String,
    /// Figures that ground the diagnosis.
    pub key_figures: Vec<KeyFigure>,
}

/// One key figure of the diagnosis.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[serde(deny_unknown_fields)]
pub struct KeyFigure {
    /// What is counted.
    pub label: String,
    /// The figure.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub value: Number,
    /// Unit, e.g. `%`, `jeunes`.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "present")]
    pub unit: Option<String>,
    /// Year of the figure.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "present")]
    pub year: Option<i64>,
    /// Territory the figure describes.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "present")]
    pub territory: Option<String>,
    /// Source of the figure.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "present")]
    pub source: Option<String>,
}

/// Part 2: one objective, ranked by priority.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[serde(deny_unknown_fields)]
pub struct Objective {
    /// Local id, unique among objectives (`^[A-Za-z0-9_.-]{1,32}$`).
    pub id: String,
    /// Rank, 1 is the highest; unique, gaps allowed.
    pub priority: i64,
    /// Title.
    pub title: String,
    /// Light Markdown.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "present")]
    pub text: Option<String>,
    /// Département codes or the region code.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "present")]
    pub territories: Option<Vec<String>>,
}

impl Objective {
    /// Code and rank together, as every screen and document shows an
    /// objective: « O3 · priorité 1 » (no-break space inside « priorité 1 »).
    pub fn code_and_rank(&self) -> String {
        let id = crate::validation::shorten(self.id.trim());
        if id.is_empty() {
            format!("priorité\u{A0}{}", self.priority)
        } else {
            format!("{id} · priorité\u{A0}{}", self.priority)
        }
    }
}

/// Where an action stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ActionStatus {
    /// Not started.
    Planned,
    /// Running.
    InProgress,
    /// Finished.
    Done,
    /// Given up.
    Abandoned,
}

impl ActionStatus {
    /// All values, in the format's order.
    pub const ALL: [Self; 4] = [Self::Planned, Self::InProgress, Self::Done, Self::Abandoned];
    /// The format's code.
    pub fn code(self) -> &'static str {
        match self {
            Self::Planned => "planned",
            Self::InProgress => "in_progress",
            Self::Done => "done",
            Self::Abandoned => "abandoned",
        }
    }
    /// Reads a format code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }
    /// French label.
    pub fn label_fr(self) -> &'static str {
        match self {
            Self::Planned => "Prévue",
            Self::InProgress => "En cours",
            Self::Done => "Réalisée",
            Self::Abandoned => "Abandonnée",
        }
    }
}

/// Part 3: one action of the plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[serde(deny_unknown_fields)]
pub struct Action {
    /// Local id, unique among actions.
    pub id: String,
    /// Ids of the objectives this action serves.
    pub objectives: Vec<String>,
    /// Title.
    pub title: String,
    /// Light Markdown.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "present")]
    pub text: Option<String>,
    /// *Pilote*: who carries the action.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "present")]
    pub lead: Option<String>,
    /// Partner bodies.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "present")]
    pub partners: Option<Vec<String>>,
    /// Département codes or the region code.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "present")]
    pub territories: Option<Vec<String>>,
    /// Start date, `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "present")]
    pub start: Option<String>,
    /// End date, `YYYY-MM-DD`, not before `start`.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "present")]
    pub end: Option<String>,
    /// Where the action stands.
    pub status: ActionStatus,
    /// Staff time in full-time equivalents (ETP).
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "present")]
    #[cfg_attr(feature = "ts", ts(as = "Option<f64>"))]
    pub fte: Option<Number>,
    /// Budget lines by funder and year.
    pub funding: Vec<FundingLine>,
}

impl Action {
    /// Total of the funding lines, in cents (never overflows).
    pub fn total_cents(&self) -> i128 {
        self.funding.iter().map(|f| i128::from(f.amount_cents)).sum()
    }
}

/// One line of an action's budget.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[serde(deny_unknown_fields)]
pub struct FundingLine {
    /// État, Département, Région, FSE, CAF, ARS, Communes, Fondations, Entreprises, Autre…
    pub funder: String,
    /// Budget year.
    pub year: i64,
    /// Amount in euro cents.
    pub amount_cents: i64,
}

/// Which way an indicator should move.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Up is good.
    Increase,
    /// Down is good.
    Decrease,
    /// Stable is good.
    Maintain,
}

impl Direction {
    /// All values.
    pub const ALL: [Self; 3] = [Self::Increase, Self::Decrease, Self::Maintain];
    /// The format's code.
    pub fn code(self) -> &'static str {
        match self {
            Self::Increase => "increase",
            Self::Decrease => "decrease",
            Self::Maintain => "maintain",
        }
    }
    /// Reads a format code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }
    /// French label.
    pub fn label_fr(self) -> &'static str {
        match self {
            Self::Increase => "À la hausse",
            Self::Decrease => "À la baisse",
            Self::Maintain => "Maintien",
        }
    }
}

/// How often an indicator is measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Frequency {
    /// Every month.
    Monthly,
    /// Every quarter.
    Quarterly,
    /// Every six months.
    HalfYearly,
    /// Every year.
    Yearly,
    /// Once.
    Once,
}

impl Frequency {
    /// All values.
    pub const ALL: [Self; 5] = [
        Self::Monthly,
        Self::Quarterly,
        Self::HalfYearly,
        Self::Yearly,
        Self::Once,
    ];
    /// The format's code.
    pub fn code(self) -> &'static str {
        match self {
            Self::Monthly => "monthly",
            Self::Quarterly => "quarterly",
            Self::HalfYearly => "half_yearly",
            Self::Yearly => "yearly",
            Self::Once => "once",
        }
    }
    /// Reads a format code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }
    /// French label.
    pub fn label_fr(self) -> &'static str {
        match self {
            Self::Monthly => "Mensuelle",
            Self::Quarterly => "Trimestrielle",
            Self::HalfYearly => "Semestrielle",
            Self::Yearly => "Annuelle",
            Self::Once => "Ponctuelle",
        }
    }
}

/// Part 4: one indicator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    /// Local id, unique among indicators.
    pub id: String,
    /// Objectives this indicator measures.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "present")]
    pub objectives: Option<Vec<String>>,
    /// Actions this indicator measures.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "present")]
    pub actions: Option<Vec<String>>,
    /// Name.
    pub name: String,
    /// Light Markdown.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "present")]
    pub definition: Option<String>,
    /// Unit, e.g. `%`.
    pub unit: String,
    /// Which way is good.
    pub direction: Direction,
    /// Starting value.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "present")]
    pub baseline: Option<DatedValue>,
    /// Value aimed at.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "present")]
    pub target: Option<DatedValue>,
    /// Values measured since.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "present")]
    pub measurements: Option<Vec<DatedValue>>,
    /// Where the figures come from.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "present")]
    pub source: Option<String>,
    /// How often it is measured.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "present")]
    pub frequency: Option<Frequency>,
}

impl Indicator {
    /// The measurement with the latest date (the last listed on a tie).
    pub fn latest_measurement(&self) -> Option<&DatedValue> {
        self.measurements
            .as_deref()
            .unwrap_or_default()
            .iter()
            .fold(None, |best: Option<&DatedValue>, m| match best {
                Some(b) if b.date > m.date => Some(b),
                _ => Some(m),
            })
    }
}

/// A value at a date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[serde(deny_unknown_fields)]
pub struct DatedValue {
    /// The value.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub value: Number,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// Free comment.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "present")]
    pub comment: Option<String>,
}

/// Part 5: how people living in poverty take part.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[serde(deny_unknown_fields)]
pub struct Participation {
    /// Light Markdown.
    pub text: String,
    /// Practices by stage and method.
    pub practices: Vec<Practice>,
}

/// Stage of the policy cycle a practice belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Diagnosis.
    Diagnosis,
    /// Design.
    Design,
    /// Implementation.
    Implementation,
    /// Evaluation.
    Evaluation,
}

impl Stage {
    /// All values.
    pub const ALL: [Self; 4] = [Self::Diagnosis, Self::Design, Self::Implementation, Self::Evaluation];
    /// The format's code.
    pub fn code(self) -> &'static str {
        match self {
            Self::Diagnosis => "diagnosis",
            Self::Design => "design",
            Self::Implementation => "implementation",
            Self::Evaluation => "evaluation",
        }
    }
    /// Reads a format code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }
    /// French label.
    pub fn label_fr(self) -> &'static str {
        match self {
            Self::Diagnosis => "Diagnostic",
            Self::Design => "Conception",
            Self::Implementation => "Mise en œuvre",
            Self::Evaluation => "Évaluation",
        }
    }
}

/// Degree of participation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// Information.
    Information,
    /// Consultation.
    Consultation,
    /// Concertation.
    Concertation,
    /// Co-construction.
    CoConstruction,
    /// Co-decision.
    CoDecision,
}

impl Method {
    /// All values.
    pub const ALL: [Self; 5] = [
        Self::Information,
        Self::Consultation,
        Self::Concertation,
        Self::CoConstruction,
        Self::CoDecision,
    ];
    /// The format's code.
    pub fn code(self) -> &'static str {
        match self {
            Self::Information => "information",
            Self::Consultation => "consultation",
            Self::Concertation => "concertation",
            Self::CoConstruction => "co_construction",
            Self::CoDecision => "co_decision",
        }
    }
    /// Reads a format code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }
    /// French label.
    pub fn label_fr(self) -> &'static str {
        match self {
            Self::Information => "Information",
            Self::Consultation => "Consultation",
            Self::Concertation => "Concertation",
            Self::CoConstruction => "Co-construction",
            Self::CoDecision => "Co-décision",
        }
    }
}

/// One participation practice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[serde(deny_unknown_fields)]
pub struct Practice {
    /// Stage of the cycle.
    pub stage: Stage,
    /// Degree of participation.
    pub method: Method,
    /// What was done.
    pub description: String,
    /// Number of people who took part.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "present")]
    pub participants: Option<i64>,
    /// `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "present")]
    pub date: Option<String>,
}

/// One thematic roadmap: everything in the format but the file envelope.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[serde(deny_unknown_fields)]
pub struct Roadmap {
    /// UUID, the roadmap's identity for life.
    pub id: String,
    /// Number of the last export (0: never exported nor imported).
    pub revision: i64,
    /// Region.
    pub region: Region,
    /// Strategy period.
    pub period: Period,
    /// Working group.
    pub theme: Theme,
    /// Life status.
    pub status: RoadmapStatus,
    /// Animators of the group.
    pub animators: Vec<Animator>,
    /// Part 1.
    pub diagnosis: Diagnosis,
    /// Part 2.
    pub objectives: Vec<Objective>,
    /// Part 3.
    pub actions: Vec<Action>,
    /// Part 4.
    pub indicators: Vec<Indicator>,
    /// Part 5.
    pub participation: Participation,
}

impl Roadmap {
    /// A new, empty roadmap for a theme of the catalogue. The id is passed in
    /// (a UUID drawn by the caller).
    pub fn new(id: String, catalogue: &crate::catalogue::Catalogue, theme_number: i64) -> Option<Self> {
        let theme = catalogue.theme(theme_number)?;
        Some(Self {
            id,
            revision: 0,
            region: catalogue.region.clone(),
            period: catalogue.period,
            theme: theme.clone(),
            status: RoadmapStatus::Draft,
            animators: Vec::new(),
            diagnosis: Diagnosis {
                text: String::new(),
                key_figures: Vec::new(),
            },
            objectives: Vec::new(),
            actions: Vec::new(),
            indicators: Vec::new(),
            participation: Participation {
                text: String::new(),
                practices: Vec::new(),
            },
        })
    }

    /// Total budget of all actions, in cents.
    pub fn total_cents(&self) -> i128 {
        self.actions.iter().map(Action::total_cents).sum()
    }
}

/// Whether a funder name means the State (`État`, `Etat`, `ETAT`, decomposed
/// accents…), for the 50 % cap on State co-financing.
pub fn is_state_funder(funder: &str) -> bool {
    let folded: String = funder
        .trim()
        .chars()
        .filter(|c| !('\u{300}'..='\u{36f}').contains(c))
        .map(|c| match c {
            'É' | 'é' | 'È' | 'è' | 'Ê' | 'ê' => 'e',
            c => c.to_ascii_lowercase(),
        })
        .collect();
    folded == "etat"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_span_runs_from_the_earliest_start_to_the_latest_end() {
        let p = |start, end| Period { start, end };
        assert_eq!(Period::span([]), None, "no period, no span");
        assert_eq!(
            Period::span(&[p(2019, 2022), p(2024, 2027), p(2020, 2021)]),
            Some(p(2019, 2027)),
            "2019 is the earliest start, 2027 the latest end"
        );
    }

    #[test]
    fn state_funder_matches_spellings_only_of_the_state() {
        for yes in ["État", "Etat", "ETAT", "état", "E\u{301}tat", " État "] {
            assert!(is_state_funder(yes), "{yes:?} names the State");
        }
        for no in ["Département", "Etats-Unis", "FSE", "État-major", ""] {
            assert!(!is_state_funder(no), "{no:?} is not the State");
        }
    }

    #[test]
    fn null_is_refused_for_optional_fields() {
        let err = serde_json::from_str::<Animator>(r#"{"name":"A","role":null}"#)
            .expect_err("null must not be read as absent");
        assert!(err.to_string().contains("null"), "message names the null: {err}");
    }

    #[test]
    fn absent_and_empty_stay_distinct() {
        let o: Objective =
            serde_json::from_str(r#"{"id":"O1","priority":3,"title":"T","territories":[]}"#).expect("valid");
        assert_eq!(o.territories, Some(vec![]), "empty list is kept as present");
        assert_eq!(o.text, None, "absent text stays absent");
        let back = serde_json::to_string(&o).expect("serialises");
        assert_eq!(back, r#"{"id":"O1","priority":3,"title":"T","territories":[]}"#);
    }

    #[test]
    fn latest_measurement_is_by_date_not_position() {
        let v = |d: &str| DatedValue {
            value: 1.into(),
            date: d.into(),
            comment: None,
        };
        let i = Indicator {
            id: "I".into(),
            objectives: None,
            actions: None,
            name: "n".into(),
            definition: None,
            unit: "u".into(),
            direction: Direction::Increase,
            baseline: None,
            target: None,
            measurements: Some(vec![v("2021-01-01"), v("2022-01-01"), v("2020-01-01")]),
            source: None,
            frequency: None,
        };
        assert_eq!(i.latest_measurement().map(|m| m.date.as_str()), Some("2022-01-01"));
    }
}
