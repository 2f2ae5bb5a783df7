//! What this copy of the app is for: writing one theme's roadmap (an
//! animator's copy) or reading all of them (the regional secretariat's).
//! Stored in the store's settings under [`ROLE`], as `"secretariat"` or
//! `"animateur:NN"`; the start screen follows it.

use crate::view::{RoadmapCard, ThemeRow};
use crate::AppError;
use fdr_core::review::Decision;
use fdr_core::RoadmapStatus;
use serde::{Deserialize, Serialize};

/// The setting's key.
pub const ROLE: &str = "role";

/// The role of this copy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Role {
    /// This copy writes the roadmap of one theme.
    Animator {
        /// The theme's number (1 to 15).
        theme: i64,
    },
    /// This copy is the regional secretariat's: it receives every theme.
    Secretariat,
}

impl Role {
    /// The setting's value: `"secretariat"` or `"animateur:NN"`.
    pub fn stored(self) -> String {
        match self {
            Self::Secretariat => "secretariat".into(),
            Self::Animator { theme } => format!("animateur:{theme:02}"),
        }
    }

    /// Reads a setting's value; anything else is refused, in French.
    pub fn parse(value: &str) -> Result<Self, AppError> {
        if value == "secretariat" {
            return Ok(Self::Secretariat);
        }
        value
            .strip_prefix("animateur:")
            .and_then(|n| n.parse::<i64>().ok())
            .map(|theme| Self::Animator { theme })
            .ok_or_else(|| {
                AppError::new(
                    "invalid_input",
                    format!(
                        "rôle du poste : « {value} » n’est pas un rôle connu (« secretariat » ou « animateur:NN », NN le numéro du thème)"
                    ),
                )
            })
    }
}

/// The role that the roadmaps already here suggest, to propose as the
/// answer on first run: received roadmaps make a secretariat's copy; one
/// theme written here and nothing received, that theme's animator.
pub fn suggested(themes: &[ThemeRow]) -> Option<Role> {
    let cards = || {
        themes
            .iter()
            .flat_map(|t| t.roadmaps.iter().map(move |c| (t.number, c)))
    };
    if cards().any(|(_, c)| !c.authored) {
        return Some(Role::Secretariat);
    }
    let mut written: Vec<i64> = cards().map(|(n, _)| n).collect();
    written.dedup();
    match written.as_slice() {
        [theme] => Some(Role::Animator { theme: *theme }),
        _ => None,
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n > 1 { many } else { one })
}

/// What the animator does next on their roadmap, in words: the first of
/// answering blocking remarks, writing the diagnosis, the objectives, the
/// action plan, correcting the checks, answering the other remarks,
/// exporting and sending, waiting for the avis.
pub(crate) fn next_step(card: &RoadmapCard, diagnosis_written: bool) -> String {
    let review = card.review.as_ref();
    if !card.authored {
        return "Reprendre cette feuille de route reçue pour la modifier ici".into();
    }
    if let Some(r) = review.filter(|r| r.blocking_open > 0) {
        return format!(
            "Répondre à {}",
            plural(r.blocking_open, "remarque bloquante", "remarques bloquantes")
        );
    }
    if !diagnosis_written {
        return "Écrire le diagnostic".into();
    }
    if card.objectives == 0 {
        return "Fixer les objectifs".into();
    }
    if card.actions == 0 {
        return "Écrire le plan d’action".into();
    }
    if card.warnings > 0 {
        return format!(
            "Corriger {}",
            plural(card.warnings, "point de vérification", "points de vérification")
        );
    }
    if let Some(r) = review.filter(|r| r.open > 0) {
        return format!("Répondre à {}", plural(r.open, "remarque", "remarques"));
    }
    if card.edited || card.revision == 0 {
        return "Exporter et envoyer au secrétariat".into();
    }
    let validated =
        card.status == RoadmapStatus::Validated || review.is_some_and(|r| r.decision == Decision::Validated);
    if validated {
        return "Rien à faire : la feuille de route est validée".into();
    }
    format!("Attendre l’avis du secrétariat sur la révision {}", card.revision)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_values_read_back() {
        for role in [
            Role::Secretariat,
            Role::Animator { theme: 9 },
            Role::Animator { theme: 15 },
        ] {
            assert_eq!(
                Role::parse(&role.stored()),
                Ok(role),
                "{role:?} reads back from its setting"
            );
        }
        assert_eq!(
            Role::Animator { theme: 9 }.stored(),
            "animateur:09",
            "two digits, as the brief names it"
        );
    }

    #[test]
    fn unknown_values_are_refused_in_french() {
        for bad in ["", "chef", "animateur:", "animateur:neuf", "Secretariat"] {
            let e = Role::parse(bad).expect_err("not a role");
            assert_eq!(e.code, "invalid_input");
            assert!(
                e.message.starts_with("rôle du poste"),
                "the message names the field: {}",
                e.message
            );
        }
    }
}

#[cfg(test)]
mod next_steps {
    use super::*;
    use crate::ReviewSummary;

    pub(super) fn card() -> RoadmapCard {
        RoadmapCard {
            id: "x".into(),
            theme_title: "Thème".into(),
            status: RoadmapStatus::Draft,
            revision: 0,
            edited: true,
            updated_at: "2026-12-01T10:00:00Z".into(),
            warnings: 0,
            animators: vec![],
            exported_at: None,
            objectives: 2,
            actions: 3,
            indicators: 1,
            total_cents: 0,
            territories: vec![],
            authored: true,
            review: None,
            next_step: String::new(),
        }
    }

    fn review(decision: Decision, open: usize, blocking_open: usize) -> Option<ReviewSummary> {
        Some(ReviewSummary {
            avis: "a".into(),
            decision,
            reviewed_revision: 1,
            issued_at: "2026-12-01T10:00:00Z".into(),
            remarks: open + 1,
            answered: 1,
            open,
            blocking_open,
            answered_by_latest: false,
            drafts: 0,
        })
    }

    #[test]
    fn from_written_to_sent_to_validated() {
        let mut c = card();
        assert_eq!(
            next_step(&c, true),
            "Exporter et envoyer au secrétariat",
            "never exported"
        );
        c.revision = 1;
        c.edited = false;
        assert_eq!(
            next_step(&c, true),
            "Attendre l’avis du secrétariat sur la révision 1",
            "sent as it is"
        );
        c.edited = true;
        assert_eq!(
            next_step(&c, true),
            "Exporter et envoyer au secrétariat",
            "changed since it was sent"
        );
        c.warnings = 1;
        assert_eq!(
            next_step(&c, true),
            "Corriger 1 point de vérification",
            "checks before sending"
        );
        c.warnings = 0;
        c.edited = false;
        c.review = review(Decision::Validated, 0, 0);
        assert_eq!(next_step(&c, true), "Rien à faire : la feuille de route est validée");
    }

    #[test]
    fn remarks_come_first_when_blocking() {
        let mut c = card();
        c.revision = 1;
        c.warnings = 4;
        c.review = review(Decision::ChangesRequested, 3, 2);
        assert_eq!(
            next_step(&c, false),
            "Répondre à 2 remarques bloquantes",
            "before anything else"
        );
        c.review = review(Decision::ChangesRequested, 3, 0);
        assert_eq!(
            next_step(&c, true),
            "Corriger 4 points de vérification",
            "checks before other remarks"
        );
        c.warnings = 0;
        assert_eq!(next_step(&c, true), "Répondre à 3 remarques");
        c.authored = false;
        assert!(
            next_step(&c, true).starts_with("Reprendre"),
            "a received roadmap is taken over first"
        );
    }
}

#[cfg(test)]
mod suggestions {
    use super::*;

    fn row(number: i64, authored: &[bool]) -> ThemeRow {
        ThemeRow {
            number,
            title: format!("Thème {number}"),
            roadmaps: authored
                .iter()
                .map(|&a| RoadmapCard {
                    authored: a,
                    ..super::next_steps::card()
                })
                .collect(),
        }
    }

    #[test]
    fn authorship_suggests_the_role() {
        assert_eq!(suggested(&[row(3, &[]), row(9, &[])]), None, "an empty copy: no guess");
        assert_eq!(
            suggested(&[row(3, &[]), row(9, &[true])]),
            Some(Role::Animator { theme: 9 }),
            "one theme written here: its animator"
        );
        assert_eq!(
            suggested(&[row(3, &[true]), row(9, &[true])]),
            None,
            "two themes written here: no guess"
        );
        assert_eq!(
            suggested(&[row(3, &[false]), row(9, &[true])]),
            Some(Role::Secretariat),
            "a roadmap received: the secretariat's copy"
        );
    }
}
