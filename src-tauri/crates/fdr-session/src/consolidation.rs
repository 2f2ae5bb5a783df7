//! What a consolidation includes, decided before it is made: the scope (the
//! region or one département), the statuses taken, whether roadmaps edited
//! since their last export are left out, and themes excluded by choice.
//! [`plan`] says, roadmap by roadmap, included or not and why; [`consolidate`]
//! makes the documents of exactly that plan.

use crate::view::{Consolidated, ConsolidationKind};
use crate::AppError;
use fdr_core::catalogue::{Catalogue, Departement};
use fdr_core::{Period, Roadmap, RoadmapStatus};
use fdr_store::{Published, Store};
use serde::{Deserialize, Serialize};

/// What to consolidate: the UI's choices and the CLI's flags.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default, deny_unknown_fields)]
pub struct ConsolidationOptions {
    /// `None`: the region; a département's code (`"60"`): the roadmaps that
    /// concern it (or the whole region).
    pub departement: Option<String>,
    /// The statuses included (by default *remise* and *validée*).
    pub statuses: Vec<RoadmapStatus>,
    /// Leave out entirely the roadmaps edited since their last export
    /// (otherwise their last exported revision is used).
    pub without_edited: bool,
    /// Themes left out by choice.
    pub excluded_themes: Vec<i64>,
}

impl Default for ConsolidationOptions {
    fn default() -> Self {
        Self {
            departement: None,
            statuses: vec![RoadmapStatus::Submitted, RoadmapStatus::Validated],
            without_edited: false,
            excluded_themes: Vec::new(),
        }
    }
}

/// One roadmap of the store (or one theme without any) in a plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PlanEntry {
    /// The theme's number.
    pub theme_number: i64,
    /// The roadmap's theme title (the catalogue's when there is no roadmap).
    pub theme_title: String,
    /// The roadmap's id; `None` for a theme with no roadmap.
    pub roadmap: Option<String>,
    /// The status of the revision that would be used.
    pub status: Option<RoadmapStatus>,
    /// The revision that would be used (0: none).
    pub revision: i64,
    /// That revision's period.
    pub period: Option<Period>,
    /// Edited since that revision.
    pub edited: bool,
    /// Taken into the documents.
    pub included: bool,
    /// Why, in French (« incluse : révision 3, remise »).
    pub reason: String,
    /// Included with a period other than the document's (named in its summary).
    pub period_differs: bool,
}

/// What a consolidation will include, shown before it is made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ConsolidationPlan {
    /// « Document régional » or « Document du département Oise (60) ».
    pub title: String,
    /// The options it follows.
    pub options: ConsolidationOptions,
    /// Every roadmap of the store, and every theme without one, by theme.
    pub entries: Vec<PlanEntry>,
    /// Roadmaps included.
    pub included: usize,
    /// The span of the included roadmaps' periods (the cover's), if any.
    pub period: Option<Period>,
}

impl ConsolidationPlan {
    /// Whether the roadmap `id` is included.
    pub fn includes(&self, id: &str) -> bool {
        self.entries
            .iter()
            .any(|e| e.included && e.roadmap.as_deref() == Some(id))
    }

    /// One line per entry, for people: « Thème 9 — Titre : incluse : … ».
    pub fn lines(&self) -> Vec<String> {
        self.entries
            .iter()
            .map(|e| format!("Thème {} — {} : {}", e.theme_number, e.theme_title, e.reason))
            .collect()
    }
}

/// The département of `code`, or a French refusal naming the field.
fn departement(code: &str, catalogue: &Catalogue) -> Result<Departement, AppError> {
    catalogue
        .departements
        .iter()
        .find(|d| d.code == code)
        .cloned()
        .ok_or_else(|| {
            let known: Vec<&str> = catalogue.departements.iter().map(|d| d.code.as_str()).collect();
            AppError::new(
                "invalid_input",
                format!(
                    "département : code « {code} » inconnu (départements de la région : {})",
                    known.join(", ")
                ),
            )
        })
}

/// The options checked against the catalogue: the département as a
/// [`fdr_pdf::consolidated::Scope`].
fn scope(options: &ConsolidationOptions, catalogue: &Catalogue) -> Result<fdr_pdf::consolidated::Scope, AppError> {
    if options.statuses.is_empty() {
        return Err(AppError::new(
            "invalid_input",
            "statuts : choisissez au moins un statut à inclure (remise, validée, brouillon)",
        ));
    }
    if let Some(n) = options.excluded_themes.iter().find(|n| catalogue.theme(**n).is_none()) {
        return Err(AppError::new(
            "invalid_input",
            format!("thèmes exclus : thème {n} inconnu (1 à {})", catalogue.themes.len()),
        ));
    }
    Ok(match &options.departement {
        None => fdr_pdf::consolidated::Scope::Region,
        Some(code) => fdr_pdf::consolidated::Scope::Departement(departement(code, catalogue)?),
    })
}

/// Whether a roadmap concerns a département: one of its objectives or
/// actions names it, or the whole region (the start screen's filter).
pub fn concerns(roadmap: &Roadmap, departement: &str, region_code: &str) -> bool {
    roadmap
        .objectives
        .iter()
        .flat_map(|o| o.territories.iter().flatten())
        .chain(roadmap.actions.iter().flat_map(|a| a.territories.iter().flatten()))
        .any(|t| t == departement || t == region_code)
}

/// Why a published revision is left out under `options`, if it is.
fn left_out(p: &Published, options: &ConsolidationOptions, scope: &fdr_pdf::consolidated::Scope) -> Option<String> {
    let r = &p.roadmap;
    if options.excluded_themes.contains(&r.theme.number) {
        return Some("non incluse : thème exclu à votre demande".into());
    }
    if let fdr_pdf::consolidated::Scope::Departement(d) = scope {
        if !concerns(r, &d.code, &Catalogue::builtin().region.code) {
            return Some(format!(
                "non incluse : ne concerne pas le département {} ({}) (aucun objectif ni action sur ce département ou sur la région)",
                d.name, d.code
            ));
        }
    }
    if !options.statuses.contains(&r.status) {
        return Some(format!(
            "non incluse : statut « {} » non retenu (révision {})",
            r.status.label_fr().to_lowercase(),
            r.revision
        ));
    }
    if p.local_edits && options.without_edited {
        return Some(format!(
            "non incluse : modifiée depuis son dernier export (révision {}), feuilles modifiées laissées de côté",
            r.revision
        ));
    }
    None
}

/// The plan of a consolidation under `options`, read from the store:
/// every roadmap included or not, and why.
pub fn plan(store: &mut Store, options: &ConsolidationOptions) -> Result<ConsolidationPlan, AppError> {
    Ok(plan_with(store, options)?.0)
}

/// [`plan`], with the published revisions it was made from.
fn plan_with(
    store: &mut Store,
    options: &ConsolidationOptions,
) -> Result<(ConsolidationPlan, fdr_store::PublishedSet, fdr_pdf::consolidated::Scope), AppError> {
    let catalogue = Catalogue::builtin();
    let scope = scope(options, catalogue)?;
    let set = store.published()?;
    let summaries = store.list()?;
    let mut entries: Vec<PlanEntry> = Vec::new();
    for p in &set.roadmaps {
        let r = &p.roadmap;
        let why = left_out(p, options, &scope);
        let reason = why.clone().unwrap_or_else(|| {
            let mut out = format!(
                "incluse : révision {}, {}",
                r.revision,
                r.status.label_fr().to_lowercase()
            );
            if p.local_edits {
                out.push_str(" (modifications plus récentes non exportées, non incluses)");
            }
            out
        });
        entries.push(PlanEntry {
            theme_number: r.theme.number,
            theme_title: r.theme.title.clone(),
            roadmap: Some(r.id.clone()),
            status: Some(r.status),
            revision: r.revision,
            period: Some(r.period),
            edited: p.local_edits,
            included: why.is_none(),
            reason,
            period_differs: false,
        });
    }
    for (theme, id) in &set.never_exported {
        let s = summaries.iter().find(|s| &s.id == id);
        entries.push(PlanEntry {
            theme_number: *theme,
            theme_title: s.map_or_else(String::new, |s| s.theme_title.clone()),
            roadmap: Some(id.clone()),
            status: s.map(|s| s.status),
            revision: 0,
            period: None,
            edited: true,
            included: false,
            reason: "non incluse : jamais exportée ni reçue".into(),
            period_differs: false,
        });
    }
    for theme in &catalogue.themes {
        if !entries.iter().any(|e| e.theme_number == theme.number) {
            entries.push(PlanEntry {
                theme_number: theme.number,
                theme_title: theme.title.clone(),
                roadmap: None,
                status: None,
                revision: 0,
                period: None,
                edited: false,
                included: false,
                reason: "aucune feuille de route".into(),
                period_differs: false,
            });
        }
    }
    entries.sort_by(|a, b| (a.theme_number, &a.roadmap).cmp(&(b.theme_number, &b.roadmap)));
    let period = Period::span(entries.iter().filter(|e| e.included).filter_map(|e| e.period.as_ref()));
    for e in entries.iter_mut().filter(|e| e.included) {
        e.period_differs = e.period != period;
    }
    let plan = ConsolidationPlan {
        title: scope.title(),
        options: options.clone(),
        included: entries.iter().filter(|e| e.included).count(),
        entries,
        period,
    };
    Ok((plan, set, scope))
}

/// The consolidated outputs of the roadmaps `options` include (their last
/// exported or received revision), dated by the store's clock (the app and
/// `fdr consolidate`); the plan followed comes back with them.
pub fn consolidate(
    store: &mut Store,
    kind: ConsolidationKind,
    options: &ConsolidationOptions,
) -> Result<Consolidated, AppError> {
    let now = store.now();
    let (plan, set, scope) = plan_with(store, options)?;
    let included: Vec<&Published> = set.roadmaps.iter().filter(|p| plan.includes(&p.roadmap.id)).collect();
    let day = now.get(..10).unwrap_or("1970-01-01").to_string();
    let stem = match &scope {
        fdr_pdf::consolidated::Scope::Region => format!("feuilles-de-route-consolidation-{day}"),
        fdr_pdf::consolidated::Scope::Departement(d) => format!("feuilles-de-route-consolidation-{}-{day}", d.code),
    };
    let files = match kind {
        ConsolidationKind::Pdf => {
            let mut reviews = Vec::with_capacity(included.len());
            for p in &included {
                let summary = store.summary(&p.roadmap.id)?;
                let review = crate::review::summary(store, &summary)?;
                reviews.push(crate::state_label(review.as_ref()));
            }
            let sources: Vec<fdr_pdf::Source> = included
                .iter()
                .zip(&reviews)
                .map(|(p, review)| fdr_pdf::Source {
                    roadmap: &p.roadmap,
                    json: &p.json,
                    exported_at: &p.exported_at,
                    review: Some(review),
                })
                .collect();
            vec![(
                format!("{stem}.pdf"),
                fdr_pdf::consolidated_pdf_of(&sources, &now, &scope),
            )]
        }
        ConsolidationKind::Xlsx | ConsolidationKind::Csv => {
            let rows: Vec<fdr_report::Included> = included
                .iter()
                .map(|p| fdr_report::Included {
                    roadmap: &p.roadmap,
                    exported_at: Some(&p.exported_at),
                })
                .collect();
            let sheets = fdr_report::sheets(&rows);
            if kind == ConsolidationKind::Xlsx {
                let bytes =
                    fdr_report::xlsx::write(&sheets, &now).map_err(|e| AppError::new("report", e.to_string()))?;
                vec![(format!("{stem}.xlsx"), bytes)]
            } else {
                sheets
                    .iter()
                    .map(|s| (format!("{}.csv", s.file_stem), fdr_report::csv::write(s)))
                    .collect()
            }
        }
    };
    let notes = plan
        .entries
        .iter()
        .filter(|e| e.roadmap.is_some() && (!e.included || e.edited))
        .map(|e| format!("Thème {} : {}.", e.theme_number, e.reason))
        .collect();
    Ok(Consolidated {
        files,
        included: plan.included,
        notes,
        plan,
    })
}
