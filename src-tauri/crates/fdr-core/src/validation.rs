//! The refusal rules of the exchange format (`docs/format/README.md`, "Rules
//! beyond the schema", plus the schema constraints that serde's typing does
//! not catch: empty strings, minimums, patterns, date formats).
//!
//! [`validate`] returns *every* problem, each with the field path as the
//! format writes it (`actions[3].objectives[0]`), so an animator or the
//! secretariat can fix a file in one go.
//!
//! Adding a rule: add a [`ProblemCode`], check it in [`validate`] (or in the
//! format crate if it concerns the file envelope), and add a bad file for it
//! to the format crate's tests.

use crate::calendar::{self, NaiveDate};
use crate::catalogue::Catalogue;
use crate::roadmap::{DatedValue, Number, Period, Roadmap};
use serde::Serialize;
use std::collections::HashMap;
use std::fmt;

/// Most characters in one text field.
pub const MAX_TEXT_CHARS: usize = 200_000;
/// Most items in one list.
pub const MAX_LIST_ITEMS: usize = 5_000;

/// What kind of rule a problem breaks; the UI and tests switch on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ProblemCode {
    /// The JSON does not fit the schema (type, missing or unknown field).
    Schema,
    /// A string that must not be empty is.
    Empty,
    /// A string does not have the required form (UUID, date, local id…).
    Format,
    /// A number is out of its allowed range.
    Range,
    /// An id or a priority is used twice.
    Duplicate,
    /// A reference names nothing.
    Unresolved,
    /// An end comes before its start.
    Order,
    /// A forbidden control character.
    ControlCharacter,
    /// A file, text or list beyond the size limits.
    TooLarge,
    /// A theme number not in the catalogue.
    UnknownTheme,
}

/// One broken rule, at one place in the roadmap.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Problem {
    /// Field path as in the format, e.g. `actions[3].objectives[0]`; empty for the whole file.
    pub path: String,
    /// Kind of rule.
    pub code: ProblemCode,
    /// What is wrong, in French.
    pub message: String,
}

impl Problem {
    /// A problem at `path`.
    pub fn new(path: impl Into<String>, code: ProblemCode, message: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            code,
            message: message.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

/// Whether `id` is a local id (`^[A-Za-z0-9_.-]{1,32}$`).
pub fn is_local_id(id: &str) -> bool {
    (1..=32).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-'))
}

/// Whether `s` is a UUID in its textual form (8-4-4-4-12 hexadecimal digits).
pub fn is_uuid(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 36
        && b.iter().enumerate().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => *c == b'-',
            _ => c.is_ascii_hexdigit(),
        })
}

/// The first forbidden control character of `s` (C0 other than TAB, LF, CR), with its char index.
pub fn forbidden_control(s: &str) -> Option<(usize, char)> {
    s.chars()
        .enumerate()
        .find(|(_, c)| (*c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r'))
}

/// Collects problems; shared with the format crate for the file envelope.
#[derive(Debug, Default)]
pub struct Checker {
    problems: Vec<Problem>,
}

impl Checker {
    /// An empty checker.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records a problem.
    pub fn push(&mut self, path: impl Into<String>, code: ProblemCode, message: impl Into<String>) {
        self.problems.push(Problem::new(path, code, message));
    }

    /// The problems found, in document order.
    pub fn into_problems(self) -> Vec<Problem> {
        self.problems
    }

    /// Any text field: size and control characters.
    pub fn text(&mut self, path: &str, s: &str) {
        let n = s.chars().count();
        if n > MAX_TEXT_CHARS {
            self.push(
                path,
                ProblemCode::TooLarge,
                format!("texte trop long : {n} caractères, au plus {MAX_TEXT_CHARS} sont admis"),
            );
        }
        if let Some((i, c)) = forbidden_control(s) {
            self.push(
                path,
                ProblemCode::ControlCharacter,
                format!(
                    "caractère de contrôle U+{:04X} interdit (position {}) : seuls la tabulation, le saut de ligne et le retour chariot sont admis",
                    c as u32,
                    i + 1
                ),
            );
        }
    }

    /// A text field that must not be empty.
    pub fn required_text(&mut self, path: &str, s: &str) {
        if s.is_empty() {
            self.push(path, ProblemCode::Empty, "ne doit pas être vide");
        }
        self.text(path, s);
    }

    /// An optional text field.
    pub fn optional_text(&mut self, path: &str, s: Option<&str>) {
        if let Some(s) = s {
            self.text(path, s);
        }
    }

    /// A list's size.
    pub fn list<T>(&mut self, path: &str, items: &[T]) {
        if items.len() > MAX_LIST_ITEMS {
            self.push(
                path,
                ProblemCode::TooLarge,
                format!(
                    "liste trop longue : {} éléments, au plus {MAX_LIST_ITEMS} sont admis",
                    items.len()
                ),
            );
        }
    }

    /// A list of free strings.
    pub fn string_list(&mut self, path: &str, items: Option<&[String]>) {
        if let Some(items) = items {
            self.list(path, items);
            for (i, s) in items.iter().enumerate() {
                self.text(&format!("{path}[{i}]"), s);
            }
        }
    }

    /// A `YYYY-MM-DD` date.
    pub fn date(&mut self, path: &str, s: &str) -> Option<NaiveDate> {
        let d = calendar::parse_date(s);
        if d.is_none() {
            self.push(
                path,
                ProblemCode::Format,
                format!("« {} » n’est pas une date valide au format AAAA-MM-JJ", shorten(s)),
            );
        }
        self.text(path, s);
        d
    }

    /// A local id.
    pub fn local_id(&mut self, path: &str, id: &str) {
        if !is_local_id(id) {
            self.push(
                path,
                ProblemCode::Format,
                format!(
                    "identifiant « {} » invalide : 1 à 32 caractères parmi A-Z, a-z, 0-9, « _ », « . » et « - »",
                    shorten(id)
                ),
            );
            self.text(path, id);
        }
    }

    /// A number that must not be negative.
    pub fn non_negative(&mut self, path: &str, n: &Number) {
        if n.as_f64().is_some_and(|v| v < 0.0) {
            self.push(
                path,
                ProblemCode::Range,
                format!("{n} est négatif, la valeur doit être positive ou nulle"),
            );
        }
    }

    fn dated_value(&mut self, path: &str, v: &DatedValue) {
        self.date(&format!("{path}.date"), &v.date);
        self.optional_text(&format!("{path}.comment"), v.comment.as_deref());
    }

    /// The id of `list[i]`: a local id, unique among the ids `seen` before it
    /// in its list (checked item by item, so problems stay in document order).
    fn unique_id<'a>(&mut self, list: &str, i: usize, id: &'a str, seen: &mut HashMap<&'a str, usize>) {
        self.local_id(&format!("{list}[{i}].id"), id);
        if let Some(first) = seen.get(id) {
            self.push(
                format!("{list}[{i}].id"),
                ProblemCode::Duplicate,
                format!("identifiant « {} » déjà utilisé par {list}[{first}]", shorten(id)),
            );
        } else {
            seen.insert(id, i);
        }
    }

    /// References to items of another list; `none` says that no such item
    /// exists, with its gender: « aucun objectif », « aucune action ».
    fn references(&mut self, path: &str, refs: Option<&[String]>, targets: &HashMap<&str, usize>, none: &str) {
        let Some(refs) = refs else { return };
        self.list(path, refs);
        for (j, r) in refs.iter().enumerate() {
            let p = format!("{path}[{j}]");
            self.local_id(&p, r);
            if !targets.contains_key(r.as_str()) {
                self.push(
                    p,
                    ProblemCode::Unresolved,
                    format!("{none} avec l’id « {} »", shorten(r)),
                );
            }
        }
    }
}

/// Cuts a value quoted in a message so that a hostile 10 MB string does not
/// make a 10 MB message.
pub fn shorten(s: &str) -> String {
    const MAX: usize = 60;
    let clean: String = s
        .chars()
        .take(MAX)
        .map(|c| if c.is_control() { '\u{FFFD}' } else { c })
        .collect();
    if s.chars().count() > MAX {
        format!("{clean}…")
    } else {
        clean
    }
}

/// Every refusal rule over a roadmap's content (not the file envelope).
pub fn validate(r: &Roadmap, catalogue: &Catalogue) -> Vec<Problem> {
    let mut c = Checker::new();
    if !is_uuid(&r.id) {
        c.push(
            "id",
            ProblemCode::Format,
            format!("« {} » n’est pas un UUID", shorten(&r.id)),
        );
        c.text("id", &r.id);
    }
    c.required_text("region.code", &r.region.code);
    c.required_text("region.name", &r.region.name);
    for (path, year) in [("period.start", r.period.start), ("period.end", r.period.end)] {
        if !Period::YEARS.contains(&year) {
            c.push(
                path,
                ProblemCode::Range,
                format!("année {year} hors de l’intervalle 2000–2100"),
            );
        }
    }
    if r.period.end < r.period.start {
        c.push(
            "period.end",
            ProblemCode::Order,
            format!(
                "l’année de fin ({}) précède l’année de début ({})",
                r.period.end, r.period.start
            ),
        );
    }
    if catalogue.theme(r.theme.number).is_none() {
        c.push(
            "theme.number",
            ProblemCode::UnknownTheme,
            format!(
                "aucun thème n° {} dans themes.json (thèmes 1 à {})",
                r.theme.number,
                catalogue.themes.len()
            ),
        );
    }
    c.required_text("theme.title", &r.theme.title);

    c.list("animators", &r.animators);
    for (i, a) in r.animators.iter().enumerate() {
        let p = format!("animators[{i}]");
        c.required_text(&format!("{p}.name"), &a.name);
        c.optional_text(&format!("{p}.organisation"), a.organisation.as_deref());
        c.optional_text(&format!("{p}.role"), a.role.as_deref());
        c.optional_text(&format!("{p}.email"), a.email.as_deref());
        c.optional_text(&format!("{p}.phone"), a.phone.as_deref());
    }

    c.text("diagnosis.text", &r.diagnosis.text);
    c.list("diagnosis.key_figures", &r.diagnosis.key_figures);
    for (i, k) in r.diagnosis.key_figures.iter().enumerate() {
        let p = format!("diagnosis.key_figures[{i}]");
        c.required_text(&format!("{p}.label"), &k.label);
        c.optional_text(&format!("{p}.unit"), k.unit.as_deref());
        c.optional_text(&format!("{p}.territory"), k.territory.as_deref());
        c.optional_text(&format!("{p}.source"), k.source.as_deref());
    }

    c.list("objectives", &r.objectives);
    let mut objective_ids = HashMap::new();
    let mut priorities: HashMap<i64, usize> = HashMap::new();
    for (i, o) in r.objectives.iter().enumerate() {
        let p = format!("objectives[{i}]");
        c.unique_id("objectives", i, &o.id, &mut objective_ids);
        if o.priority < 1 {
            c.push(
                format!("{p}.priority"),
                ProblemCode::Range,
                format!("priorité {} : le rang doit être au moins 1", o.priority),
            );
        }
        if let Some(first) = priorities.get(&o.priority) {
            c.push(
                format!("{p}.priority"),
                ProblemCode::Duplicate,
                format!(
                    "priorité {} déjà donnée à objectives[{first}] : les rangs sont uniques",
                    o.priority
                ),
            );
        } else {
            priorities.insert(o.priority, i);
        }
        c.required_text(&format!("{p}.title"), &o.title);
        c.optional_text(&format!("{p}.text"), o.text.as_deref());
        c.string_list(&format!("{p}.territories"), o.territories.as_deref());
    }

    c.list("actions", &r.actions);
    let mut action_ids = HashMap::new();
    for (i, a) in r.actions.iter().enumerate() {
        let p = format!("actions[{i}]");
        c.unique_id("actions", i, &a.id, &mut action_ids);
        c.references(
            &format!("{p}.objectives"),
            Some(&a.objectives),
            &objective_ids,
            "aucun objectif",
        );
        c.required_text(&format!("{p}.title"), &a.title);
        c.optional_text(&format!("{p}.text"), a.text.as_deref());
        c.optional_text(&format!("{p}.lead"), a.lead.as_deref());
        c.string_list(&format!("{p}.partners"), a.partners.as_deref());
        c.string_list(&format!("{p}.territories"), a.territories.as_deref());
        let start = a.start.as_deref().and_then(|s| c.date(&format!("{p}.start"), s));
        let end = a.end.as_deref().and_then(|s| c.date(&format!("{p}.end"), s));
        if let (Some(s), Some(e)) = (start, end) {
            if e < s {
                c.push(
                    format!("{p}.end"),
                    ProblemCode::Order,
                    format!("la date de fin ({e}) précède la date de début ({s})"),
                );
            }
        }
        if let Some(fte) = &a.fte {
            c.non_negative(&format!("{p}.fte"), fte);
        }
        c.list(&format!("{p}.funding"), &a.funding);
        for (j, f) in a.funding.iter().enumerate() {
            let fp = format!("{p}.funding[{j}]");
            c.required_text(&format!("{fp}.funder"), &f.funder);
            if f.amount_cents < 0 {
                c.push(
                    format!("{fp}.amount_cents"),
                    ProblemCode::Range,
                    format!(
                        "montant négatif ({}) : il doit être positif ou nul",
                        crate::french::money_cents(i128::from(f.amount_cents))
                    ),
                );
            }
        }
    }

    c.list("indicators", &r.indicators);
    let mut indicator_ids = HashMap::new();
    for (i, x) in r.indicators.iter().enumerate() {
        let p = format!("indicators[{i}]");
        c.unique_id("indicators", i, &x.id, &mut indicator_ids);
        c.references(
            &format!("{p}.objectives"),
            x.objectives.as_deref(),
            &objective_ids,
            "aucun objectif",
        );
        c.references(
            &format!("{p}.actions"),
            x.actions.as_deref(),
            &action_ids,
            "aucune action",
        );
        c.required_text(&format!("{p}.name"), &x.name);
        c.optional_text(&format!("{p}.definition"), x.definition.as_deref());
        c.required_text(&format!("{p}.unit"), &x.unit);
        if let Some(b) = &x.baseline {
            c.dated_value(&format!("{p}.baseline"), b);
        }
        if let Some(t) = &x.target {
            c.dated_value(&format!("{p}.target"), t);
        }
        if let Some(ms) = &x.measurements {
            c.list(&format!("{p}.measurements"), ms);
            for (j, m) in ms.iter().enumerate() {
                c.dated_value(&format!("{p}.measurements[{j}]"), m);
            }
        }
        c.optional_text(&format!("{p}.source"), x.source.as_deref());
    }

    c.text("participation.text", &r.participation.text);
    c.list("participation.practices", &r.participation.practices);
    for (i, pr) in r.participation.practices.iter().enumerate() {
        let p = format!("participation.practices[{i}]");
        c.required_text(&format!("{p}.description"), &pr.description);
        if let Some(n) = pr.participants {
            if n < 0 {
                c.push(
                    format!("{p}.participants"),
                    ProblemCode::Range,
                    format!("{n} participants : le nombre ne peut être négatif"),
                );
            }
        }
        if let Some(d) = &pr.date {
            c.date(&format!("{p}.date"), d);
        }
    }
    c.into_problems()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_ids_follow_the_pattern() {
        for ok in ["O1", "a", "x.y-z_0", &"A".repeat(32)] {
            assert!(is_local_id(ok), "{ok} is a valid local id");
        }
        for bad in ["", "O 1", "é", &"A".repeat(33), "O/1", "O1\n"] {
            assert!(!is_local_id(bad), "{bad:?} is not a local id");
        }
    }

    #[test]
    fn uuids() {
        assert!(is_uuid("5b0c7f1e-2a8d-4c39-9d7e-0f3a6b21c409"));
        assert!(is_uuid("5B0C7F1E-2A8D-4C39-9D7E-0F3A6B21C409"));
        assert!(!is_uuid("5b0c7f1e2a8d4c399d7e0f3a6b21c409"));
        assert!(!is_uuid("5b0c7f1e-2a8d-4c39-9d7e-0f3a6b21c40g"));
    }

    #[test]
    fn control_characters() {
        assert_eq!(forbidden_control("a\tb\r\nc"), None, "TAB, CR and LF are allowed");
        assert_eq!(forbidden_control("ab\u{0}"), Some((2, '\u{0}')));
        assert_eq!(
            forbidden_control("é\u{1b}"),
            Some((1, '\u{1b}')),
            "index counts characters"
        );
        assert_eq!(forbidden_control("\u{7f}\u{85}"), None, "DEL and C1 are not C0");
    }

    #[test]
    fn shorten_caps_quoted_values() {
        assert_eq!(shorten("abc"), "abc");
        let long = "x".repeat(1000);
        assert_eq!(shorten(&long).chars().count(), 61);
        assert_eq!(shorten("a\u{0}b"), "a\u{FFFD}b", "control characters are not echoed");
    }
}
