//! The review loop across crates, with two copies and only files between
//! them: the secretariat (S) receives revision 3, issues an avis that
//! requests changes as a PDF; the animator (A) imports it, answers, edits
//! and sends revision 4 as a PDF; S sees the answers and what changed on
//! each remark's item, issues *validated*; A imports that, and its next
//! revision 5 still imports in S. No decision of S ever blocks or
//! overwrites A's next revision.

use fdr_core::review::{AnswerState, Decision, Part, Severity, Target};
use fdr_session::{AvisEdit, Edit, ExportKind, Session};
use fdr_store::{fixed_clock, ImportOutcome, Store};

const EXAMPLE: &[u8] = include_bytes!("../../docs/format/example-theme-09.json");
const ID: &str = "5b0c7f1e-2a8d-4c39-9d7e-0f3a6b21c409";

fn copy(dir: &std::path::Path, name: &str, now: &str) -> Session {
    Session::new(Store::open(&dir.join(name), fixed_clock(now)).unwrap())
}

#[test]
fn two_copies_go_from_a_received_revision_to_a_validated_one_through_files() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = copy(dir.path(), "animateur.sqlite", "2026-12-01T09:00:00Z");
    let mut s = copy(dir.path(), "secretariat.sqlite", "2026-12-02T09:00:00Z");

    // The animator's copy is the author of the roadmap (the example, taken over).
    let r = a.import_file("theme-09.fdr.json", EXAMPLE);
    assert!(r.refused.is_none());
    a.adopt(ID).unwrap();
    let r3 = a.export(ID, ExportKind::Pdf).unwrap();
    assert_eq!(r3.revision, 3);

    // 1. S imports r3.
    let got = s.import_file(&r3.file_name, &r3.bytes);
    assert_eq!(got.reports[0].outcome, ImportOutcome::Added);
    assert!(!s.view(ID).unwrap().authored, "received: read-only at the secretariat");

    // 2. S issues an avis that requests changes.
    let avis_id = "3f0b1a52-4c6d-4e8f-9a0b-1c2d3e4f5a6b";
    s.create_avis(avis_id, ID).unwrap();
    for edit in [
        AvisEdit::SetDecision {
            decision: Decision::ChangesRequested,
        },
        AvisEdit::SetSummary {
            summary: "Deux points à reprendre.".into(),
        },
        AvisEdit::AddRemark {
            target: Target {
                part: Part::Actions,
                item: Some("A2".into()),
                field: Some("funding".into()),
            },
            severity: Severity::Blocking,
            text: "Précisez le cofinancement du Département en 2021.".into(),
        },
        AvisEdit::AddRemark {
            target: Target {
                part: Part::Diagnosis,
                item: None,
                field: None,
            },
            severity: Severity::Normal,
            text: "Citez la source des données.".into(),
        },
    ] {
        s.edit_avis(avis_id, &edit).unwrap();
    }
    s.issue_avis(avis_id).unwrap();
    let avis_pdf = s.export_avis(avis_id, ExportKind::Pdf).unwrap();
    assert!(!s.view(ID).unwrap().edited, "an avis never touches the roadmap");

    // 3. A imports it, answers, edits, and exports r4 as PDF.
    let got = a.import_file(&avis_pdf.file_name, &avis_pdf.bytes);
    assert!(got.refused.is_none(), "{:?}", got.refused);
    let view = a.view(ID).unwrap();
    assert_eq!(view.review.open_blocking, 1, "one blocking remark to answer");
    let a2 = view.roadmap.actions.iter().position(|x| x.id == "A2").unwrap();
    let v = a
        .apply(
            ID,
            view.version,
            &Edit::AddFunding {
                action: "A2".into(),
                line: fdr_core::FundingLine {
                    funder: "Département du Nord".into(),
                    year: 2021,
                    amount_cents: 6_000_000,
                },
            },
        )
        .unwrap()
        .version;
    let v = a
        .answer_remark(
            ID,
            v,
            avis_id,
            "R1",
            Some((AnswerState::Addressed, "Le Département finance 60 000 € en 2021.")),
        )
        .unwrap()
        .version;
    a.answer_remark(
        ID,
        v,
        avis_id,
        "R2",
        Some((
            AnswerState::Declined,
            "Les données sont celles du Département, citées en annexe.",
        )),
    )
    .unwrap();
    let r4 = a.export(ID, ExportKind::Pdf).unwrap();
    assert_eq!(
        (r4.revision, r4.warning.as_deref()),
        (4, None),
        "every blocking remark answered"
    );
    let attached: Vec<String> = fdr_format::pdf::exchange_attachments(&r4.bytes)
        .unwrap()
        .into_iter()
        .map(|(n, _)| n)
        .collect();
    assert_eq!(attached, ["feuille-de-route.json", "reponses.json"]);

    // 4. S imports r4 and sees the answers and the diff.
    let got = s.import_file(&r4.file_name, &r4.bytes);
    assert_eq!(
        got.reports[0].outcome,
        ImportOutcome::Updated { previous: 3 },
        "{:?}",
        got.refused
    );
    assert_eq!(got.answers.as_ref().map(|x| x.answers), Some(2));
    let screen = s.avis_screen(ID).unwrap();
    let r1 = screen.review.remarks.iter().find(|r| r.remark.id == "R1").unwrap();
    assert_eq!(r1.answer.as_ref().map(|h| h.answer.state), Some(AnswerState::Addressed));
    assert!(
        r1.changes.iter().any(|c| c.item.starts_with("actions/A2/funding")),
        "what changed on A2 since r3: {:?}",
        r1.changes
    );
    let overview = s.themes().unwrap();
    let card = &overview.iter().find(|t| t.number == 9).unwrap().roadmaps[0];
    let review = card.review.as_ref().unwrap();
    assert_eq!((review.answered, review.blocking_open), (2, 0));
    assert!(review.answered_by_latest, "r4 answers the latest avis");

    // 5. S issues validated.
    let validated_id = "4a1c2b63-5d7e-4f90-8b1c-2d3e4f5a6b7c";
    s.validate(validated_id, ID).unwrap();
    let validated = s.export_avis(validated_id, ExportKind::Json).unwrap();
    let mut s_roadmap = s.view(ID).unwrap();
    assert!(!s_roadmap.edited, "a validation never touches the roadmap");
    assert_eq!(s_roadmap.roadmap.revision, 4);

    // 6. A imports that; A's next revision r5 still imports in S.
    let got = a.import_file(&validated.file_name, &validated.bytes);
    assert!(got.refused.is_none(), "{:?}", got.refused);
    let view = a.view(ID).unwrap();
    let latest = view.review.avis.iter().find(|e| e.latest).unwrap();
    assert_eq!(latest.avis.decision, Decision::Validated, "the banner's decision");
    a.apply(
        ID,
        view.version,
        &Edit::SetDiagnosisText {
            text: format!("{} Mise à jour 2022.", view.roadmap.diagnosis.text),
        },
    )
    .unwrap();
    let r5 = a.export(ID, ExportKind::Json).unwrap();
    assert_eq!(r5.revision, 5);
    let (_, answers) = r5.companion.clone().expect("answers are cumulative");
    let got = s.import_with(&r5.file_name, &r5.bytes, Some(&answers));
    assert_eq!(
        got.reports.first().map(|r| r.outcome),
        Some(ImportOutcome::Updated { previous: 4 }),
        "a secretariat decision never blocks the author's next revision: {:?}",
        got.refused
    );
    s_roadmap = s.view(ID).unwrap();
    assert!(s_roadmap.roadmap.diagnosis.text.ends_with("Mise à jour 2022."));
    assert_eq!(
        s_roadmap.roadmap.actions[a2].funding.len(),
        view.roadmap.actions[a2].funding.len()
    );
    let e = s
        .apply(ID, s_roadmap.version, &Edit::SetDiagnosisText { text: "x".into() })
        .expect_err("the secretariat never edits the author's document");
    assert_eq!(e.code, "not_author");
}
