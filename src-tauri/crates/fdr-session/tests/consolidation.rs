//! The secretariat's consolidation says what it includes: the plan shown
//! before consolidating (scope, statuses, edited roadmaps, exclusions), and
//! documents made of exactly that plan.

use fdr_core::{Period, RoadmapStatus};
use fdr_session::{ConsolidationKind, ConsolidationOptions, ConsolidationPlan, Edit, PlanEntry, Session};
use fdr_store::{fixed_clock, Store};
use std::process::Command;

const EXAMPLE: &[u8] = include_bytes!("../../../../docs/format/example-theme-09.json");
const EXAMPLE_ID: &str = "5b0c7f1e-2a8d-4c39-9d7e-0f3a6b21c409";
const AVIS: &[u8] = include_bytes!("../../../../docs/format/example-avis-theme-09.json");
const NORD_ID: &str = "00000000-0000-4000-8000-000000000003";
const DRAFT_ID: &str = "00000000-0000-4000-8000-000000000005";

fn session() -> Session {
    Session::new(Store::open_in_memory(fixed_clock("2026-11-30T10:00:00Z")).unwrap())
}

/// A variant of the public example, as another group would send it.
fn variant(id: &str, theme: i64, status: &str, period: (i64, i64), territory: Option<&str>) -> Vec<u8> {
    let mut v: serde_json::Value = serde_json::from_slice(EXAMPLE).unwrap();
    v["id"] = serde_json::json!(id);
    v["theme"]["number"] = serde_json::json!(theme);
    v["theme"]["title"] = serde_json::json!(format!("Thème d’essai {theme}"));
    v["status"] = serde_json::json!(status);
    v["period"] = serde_json::json!({"start": period.0, "end": period.1});
    if let Some(code) = territory {
        for part in ["objectives", "actions"] {
            for item in v[part].as_array_mut().unwrap() {
                item["territories"] = serde_json::json!([code]);
            }
        }
    }
    serde_json::to_vec_pretty(&v).unwrap()
}

/// The example (theme 9, *remise*, 2019–2022, every département), a roadmap
/// of theme 3 for the Nord only (2024–2027, *validée*) and a draft of theme 5.
fn secretariat() -> Session {
    let mut s = session();
    for (name, bytes) in [
        ("exemple.fdr.json", EXAMPLE.to_vec()),
        (
            "nord.fdr.json",
            variant(NORD_ID, 3, "validated", (2024, 2027), Some("59")),
        ),
        ("brouillon.fdr.json", variant(DRAFT_ID, 5, "draft", (2019, 2022), None)),
    ] {
        let done = s.import_file(name, &bytes);
        assert!(done.refused.is_none(), "{name} imports: {:?}", done.refused);
    }
    s
}

fn entry<'a>(plan: &'a ConsolidationPlan, id: &str) -> &'a PlanEntry {
    plan.entries
        .iter()
        .find(|e| e.roadmap.as_deref() == Some(id))
        .unwrap_or_else(|| panic!("{id} is in the plan"))
}

fn included(plan: &ConsolidationPlan) -> Vec<&str> {
    plan.entries
        .iter()
        .filter(|e| e.included)
        .filter_map(|e| e.roadmap.as_deref())
        .collect()
}

#[test]
fn by_default_drafts_are_left_out_and_said_so() {
    let mut s = secretariat();
    let plan = s.consolidation_plan(&ConsolidationOptions::default()).unwrap();
    assert_eq!(plan.title, "Document régional", "the region by default");
    assert_eq!(included(&plan), vec![NORD_ID, EXAMPLE_ID], "remise and validée only");
    let draft = entry(&plan, DRAFT_ID);
    assert!(!draft.included, "a draft is not in the document to publish");
    assert!(
        draft.reason.contains("brouillon"),
        "the reason names the status: {}",
        draft.reason
    );
    assert_eq!(
        plan.entries.len(),
        15,
        "one entry per theme here (each has at most one roadmap): {:?}",
        plan.lines()
    );
    assert!(
        plan.entries
            .iter()
            .filter(|e| e.roadmap.is_none())
            .all(|e| !e.included && e.reason == "aucune feuille de route"),
        "themes without a roadmap say so"
    );

    let with_drafts = ConsolidationOptions {
        statuses: vec![RoadmapStatus::Draft, RoadmapStatus::Submitted, RoadmapStatus::Validated],
        ..ConsolidationOptions::default()
    };
    let plan = s.consolidation_plan(&with_drafts).unwrap();
    assert!(entry(&plan, DRAFT_ID).included, "drafts can be added");
    let e = s
        .consolidation_plan(&ConsolidationOptions {
            statuses: vec![],
            ..ConsolidationOptions::default()
        })
        .expect_err("no status: nothing to consolidate");
    assert_eq!(e.code, "invalid_input");
    assert!(e.message.starts_with("statuts :"), "names the field: {}", e.message);
}

#[test]
fn a_departemental_document_takes_the_roadmaps_that_concern_it() {
    let mut s = secretariat();
    let oise = ConsolidationOptions {
        departement: Some("60".into()),
        ..ConsolidationOptions::default()
    };
    let plan = s.consolidation_plan(&oise).unwrap();
    assert_eq!(
        plan.title, "Document du département Oise (60)",
        "named as the start screen names it"
    );
    assert_eq!(
        included(&plan),
        vec![EXAMPLE_ID],
        "the example names the Oise, the Nord's roadmap does not"
    );
    let nord = entry(&plan, NORD_ID);
    assert!(
        nord.reason.contains("ne concerne pas le département Oise (60)"),
        "{}",
        nord.reason
    );
    let plan = s
        .consolidation_plan(&ConsolidationOptions {
            departement: Some("59".into()),
            ..ConsolidationOptions::default()
        })
        .unwrap();
    assert_eq!(included(&plan), vec![NORD_ID, EXAMPLE_ID], "both concern the Nord");

    let e = s
        .consolidation_plan(&ConsolidationOptions {
            departement: Some("75".into()),
            ..ConsolidationOptions::default()
        })
        .expect_err("Paris is not in the region");
    assert_eq!(e.code, "invalid_input");
    assert!(
        e.message.contains("département") && e.message.contains("« 75 »") && e.message.contains("60"),
        "names the field, the code and the known ones: {}",
        e.message
    );
}

#[test]
fn themes_can_be_excluded_and_edited_roadmaps_left_out_entirely() {
    let mut s = secretariat();
    let plan = s
        .consolidation_plan(&ConsolidationOptions {
            excluded_themes: vec![3],
            ..ConsolidationOptions::default()
        })
        .unwrap();
    assert_eq!(included(&plan), vec![EXAMPLE_ID], "theme 3 excluded");
    assert!(entry(&plan, NORD_ID).reason.contains("exclu à votre demande"));
    let e = s
        .consolidation_plan(&ConsolidationOptions {
            excluded_themes: vec![16],
            ..ConsolidationOptions::default()
        })
        .expect_err("there is no theme 16");
    assert!(e.message.starts_with("thèmes exclus :"), "{}", e.message);

    // The example taken over and edited here, not exported since.
    let v = s.adopt(EXAMPLE_ID).unwrap();
    s.apply(EXAMPLE_ID, v.version, &Edit::SetDiagnosisText { text: "Neuf".into() })
        .unwrap();
    let plan = s.consolidation_plan(&ConsolidationOptions::default()).unwrap();
    let e = entry(&plan, EXAMPLE_ID);
    assert!(e.included && e.edited, "by default its last exported revision is used");
    assert!(
        e.reason.contains("révision 3") && e.reason.contains("non exportées"),
        "{}",
        e.reason
    );
    let plan = s
        .consolidation_plan(&ConsolidationOptions {
            without_edited: true,
            ..ConsolidationOptions::default()
        })
        .unwrap();
    let e = entry(&plan, EXAMPLE_ID);
    assert!(!e.included, "edited ones can be left out entirely");
    assert!(e.reason.contains("modifiée depuis son dernier export"), "{}", e.reason);
}

#[test]
fn the_period_is_the_span_of_the_included_roadmaps_and_differing_ones_are_flagged() {
    let mut s = secretariat();
    let plan = s.consolidation_plan(&ConsolidationOptions::default()).unwrap();
    assert_eq!(
        plan.period,
        Some(Period { start: 2019, end: 2027 }),
        "2019–2022 and 2024–2027 span 2019–2027"
    );
    assert!(entry(&plan, EXAMPLE_ID).period_differs && entry(&plan, NORD_ID).period_differs);
    let plan = s
        .consolidation_plan(&ConsolidationOptions {
            departement: Some("60".into()),
            ..ConsolidationOptions::default()
        })
        .unwrap();
    assert_eq!(
        plan.period,
        Some(Period { start: 2019, end: 2022 }),
        "the example alone"
    );
    assert!(!entry(&plan, EXAMPLE_ID).period_differs, "its period is the document's");
}

fn pdftotext(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = Command::new("pdftotext")
        .args([path.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext runs (poppler-utils)");
    assert!(out.status.success());
    // Every run of whitespace as one space: cells wrap over several lines.
    String::from_utf8_lossy(&out.stdout)
        .split(char::is_whitespace)
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn the_document_is_made_of_exactly_the_plan_and_says_its_scope_period_and_review() {
    let mut s = secretariat();
    assert!(
        s.import_file("avis.fdr-avis.json", AVIS).refused.is_none(),
        "the example avis imports"
    );
    let options = ConsolidationOptions::default();
    let plan = s.consolidation_plan(&options).unwrap();
    let made = s.consolidate(ConsolidationKind::Pdf, &options).unwrap();
    assert_eq!(made.plan, plan, "the consolidation follows the plan shown");
    assert_eq!(made.included, 2);
    let (name, pdf) = &made.files[0];
    assert_eq!(name, "feuilles-de-route-consolidation-2026-11-30.pdf");
    let mut other = Store::open_in_memory(fixed_clock("2026-11-30T10:00:00Z")).unwrap();
    let reports = other.import_all(pdf, Some(name)).unwrap();
    let mut ids: Vec<&str> = reports.iter().map(|r| r.id.as_str()).collect();
    ids.sort_unstable();
    assert_eq!(
        ids,
        vec![NORD_ID, EXAMPLE_ID],
        "it carries the included roadmaps and no other"
    );
    let text = pdftotext(pdf);
    for needed in [
        "Document régional consolidé",
        "Période couverte : 2019–2027",
        "Période différente de celle-ci : thème 3 — Thème d’essai 3 (2024–2027) ; thème 9",
        "Modifications demandées (r3)",
        "Pas d’avis",
    ] {
        assert!(text.contains(needed), "the document says « {needed} »:\n{text}");
    }
    assert!(
        made.notes
            .iter()
            .any(|n| n.starts_with("Thème 5 :") && n.contains("brouillon")),
        "the notes say what was left out: {:?}",
        made.notes
    );

    let oise = ConsolidationOptions {
        departement: Some("60".into()),
        ..ConsolidationOptions::default()
    };
    let made = s.consolidate(ConsolidationKind::Pdf, &oise).unwrap();
    let (name, pdf) = &made.files[0];
    assert_eq!(name, "feuilles-de-route-consolidation-60-2026-11-30.pdf");
    let text = pdftotext(pdf);
    assert!(text.contains("Document du département Oise (60) consolidé"), "{text}");
    assert!(text.contains("Synthèse pour le département Oise (60)"), "{text}");
    assert!(
        text.contains("Budget des feuilles de route incluses, par financeur") && !text.contains("Budget régional"),
        "a départemental document does not call its budget regional"
    );
    assert!(
        text.contains("Période couverte : 2019–2022"),
        "the example's period alone"
    );
    assert!(
        !text.contains("Thème d’essai 3"),
        "the Nord's roadmap is not in the Oise's document"
    );
    assert!(!text.contains("Période différente"), "no roadmap differs");

    let made = s.consolidate(ConsolidationKind::Xlsx, &oise).unwrap();
    assert_eq!(made.included, 1, "the workbook follows the same plan");
}
