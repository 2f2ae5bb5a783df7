//! The reference data the application is seeded with: region, strategy
//! period, the 15 thematic working groups and the départements, read from
//! `assets/themes.json` (a copy of the format's `themes.json`, compiled in).

use crate::roadmap::{Period, Region, Theme};
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// The text of `assets/themes.json`, as shipped.
pub const THEMES_JSON: &str = include_str!("../../../../assets/themes.json");

/// One département of the region.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Departement {
    /// e.g. `"59"`.
    pub code: String,
    /// e.g. `"Nord"`.
    pub name: String,
}

/// Region, period, themes and départements.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalogue {
    /// The region.
    pub region: Region,
    /// The strategy period.
    pub period: Period,
    /// The thematic working groups, by number.
    pub themes: Vec<Theme>,
    /// The départements of the region.
    pub departements: Vec<Departement>,
}

impl Catalogue {
    /// Parses a `themes.json` text.
    pub fn from_json(text: &str) -> Result<Self, serde_json::Error> {
        serde_json::from_str(text)
    }

    /// The catalogue compiled into the application.
    pub fn builtin() -> &'static Catalogue {
        static BUILTIN: OnceLock<Catalogue> = OnceLock::new();
        BUILTIN.get_or_init(|| {
            Catalogue::from_json(THEMES_JSON).expect("assets/themes.json is valid (checked by a unit test)")
        })
    }

    /// The theme with this number.
    pub fn theme(&self, number: i64) -> Option<&Theme> {
        self.themes.iter().find(|t| t.number == number)
    }

    /// The name of a territory code: a département or the region.
    pub fn territory_name(&self, code: &str) -> Option<&str> {
        if code == self.region.code {
            return Some(&self.region.name);
        }
        self.departements
            .iter()
            .find(|d| d.code == code)
            .map(|d| d.name.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_catalogue_has_the_fifteen_themes_and_five_departements() {
        let c = Catalogue::from_json(THEMES_JSON).expect("shipped themes.json parses");
        assert_eq!(c.themes.len(), 15, "the regional strategy has 15 working groups");
        let numbers: Vec<i64> = c.themes.iter().map(|t| t.number).collect();
        assert_eq!(
            numbers,
            (1..=15).collect::<Vec<_>>(),
            "themes are numbered 1 to 15 in order"
        );
        assert_eq!(c.departements.len(), 5);
        assert_eq!(c.region.name, "Hauts-de-France");
        assert_eq!(c.territory_name("62"), Some("Pas-de-Calais"));
        assert_eq!(c.territory_name("32"), Some("Hauts-de-France"));
        assert_eq!(c.territory_name("75"), None);
    }

    #[test]
    fn shipped_catalogue_is_the_formats_copy() {
        assert_eq!(
            THEMES_JSON,
            include_str!("../../../../docs/format/themes.json"),
            "assets/themes.json must stay identical to the format's themes.json"
        );
    }
}
