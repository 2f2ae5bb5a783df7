//! The desktop app's logic on an in-memory store: edits, undo and redo,
//! refused deletions, exports that import back.

use fdr_core::{DatedValue, FundingLine, Practice, RoadmapStatus};
use fdr_session::{Edit, ExportKind, Session};
use fdr_store::{fixed_clock, DeleteMode, Store};

const ID: &str = "0b6c2f44-8a7e-4d0b-9f1e-2c3d4e5f6a7b";

fn session() -> Session {
    Session::new(Store::open_in_memory(fixed_clock("2026-11-30T10:00:00Z")).unwrap())
}

/// Applies an edit on the view the user has (its current version).
fn apply(s: &mut Session, e: &Edit) -> Result<fdr_session::EditReply, fdr_session::AppError> {
    let v = s.view(ID)?.version;
    s.apply(ID, v, e)
}

/// Undoes one step from the view the user has, and shows the result.
fn undo(s: &mut Session) -> fdr_session::RoadmapView {
    let v = s.view(ID).unwrap().version;
    s.undo(ID, v).unwrap();
    s.view(ID).unwrap()
}

/// Redoes one step from the view the user has, and shows the result.
fn redo(s: &mut Session) -> fdr_session::RoadmapView {
    let v = s.view(ID).unwrap().version;
    s.redo(ID, v).unwrap();
    s.view(ID).unwrap()
}

fn num(x: i64) -> serde_json::Number {
    serde_json::Number::from(x)
}

/// A roadmap built through the editor's operations, as the end-to-end test does by hand.
fn authored(s: &mut Session) {
    s.create(ID, 9).unwrap();
    for e in [
        Edit::AddObjective {
            title: "Lever les freins".into(),
        },
        Edit::AddAction {
            title: "Garde d’enfants".into(),
        },
        Edit::LinkActionObjective {
            action: "A1".into(),
            objective: "O1".into(),
            linked: true,
        },
        Edit::AddFunding {
            action: "A1".into(),
            line: FundingLine {
                funder: "État".into(),
                year: 2025,
                amount_cents: 1_000_000,
            },
        },
        Edit::AddFunding {
            action: "A1".into(),
            line: FundingLine {
                funder: "Département".into(),
                year: 2026,
                amount_cents: 500_000,
            },
        },
        Edit::AddIndicator {
            name: "Personnes accompagnées".into(),
            unit: "personnes".into(),
        },
        Edit::AddMeasurement {
            indicator: "I1".into(),
            measurement: DatedValue {
                value: num(42),
                date: "2026-06-30".into(),
                comment: None,
            },
        },
        Edit::AddPractice {
            practice: Practice {
                stage: fdr_core::Stage::Design,
                method: fdr_core::Method::CoConstruction,
                description: "Ateliers avec des allocataires".into(),
                participants: Some(12),
                date: None,
            },
        },
    ] {
        apply(s, &e).unwrap_or_else(|err| panic!("{e:?} should apply: {err}"));
    }
}

#[test]
fn edits_build_the_roadmap_the_user_sees() {
    let mut s = session();
    authored(&mut s);
    let v = s.view(ID).unwrap();
    let r = &v.roadmap;
    assert_eq!(r.objectives[0].id, "O1", "first objective gets the first free id");
    assert_eq!(r.objectives[0].priority, 1, "and the first rank");
    assert_eq!(r.actions[0].objectives, vec!["O1".to_string()], "link recorded");
    assert_eq!(r.actions[0].total_cents(), 1_500_000, "both funding lines kept");
    assert_eq!(
        r.indicators[0].measurements.as_ref().map(Vec::len),
        Some(1),
        "measurement kept"
    );
    assert_eq!(r.participation.practices[0].participants, Some(12));
    assert!(v.edited, "an edited roadmap is marked for a new revision");
    assert_eq!(v.undo_steps, 8, "every edit can be undone");
}

#[test]
fn undo_and_redo_walk_back_and_forth_through_whole_states() {
    let mut s = session();
    s.create(ID, 9).unwrap();
    let empty = s.view(ID).unwrap().roadmap;
    apply(&mut s, &Edit::AddObjective { title: "Un".into() }).unwrap();
    apply(&mut s, &Edit::AddObjective { title: "Deux".into() }).unwrap();
    let two = s.view(ID).unwrap().roadmap;
    apply(
        &mut s,
        &Edit::MoveObjective {
            code: "O2".into(),
            to: 0,
        },
    )
    .unwrap();
    let moved = s.view(ID).unwrap().roadmap;
    assert_eq!(moved.objectives[0].title, "Deux", "moved to the top");
    assert_eq!(moved.objectives[0].priority, 1, "the top is priority 1");

    assert_eq!(undo(&mut s).roadmap, two, "undo restores the state before the move");
    let back = undo(&mut s);
    assert_eq!(
        back.roadmap.objectives.len(),
        1,
        "second undo removes the second objective"
    );
    assert_eq!(back.redo_steps, 2, "two steps to redo");
    undo(&mut s);
    assert_eq!(s.view(ID).unwrap().roadmap, empty, "back to the empty roadmap");
    let nothing = undo(&mut s);
    assert_eq!(nothing.roadmap, empty, "undo with nothing to undo changes nothing");

    redo(&mut s);
    redo(&mut s);
    assert_eq!(redo(&mut s).roadmap, moved, "redo replays up to the move");
    undo(&mut s);
    apply(&mut s, &Edit::AddObjective { title: "Trois".into() }).unwrap();
    assert_eq!(
        s.view(ID).unwrap().redo_steps,
        0,
        "a new edit drops what could be redone"
    );
}

#[test]
fn undo_survives_in_the_store_not_only_in_memory() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.sqlite");
    {
        let mut s = Session::new(Store::open(&path, fixed_clock("2026-11-30T10:00:00Z")).unwrap());
        s.create(ID, 9).unwrap();
        apply(&mut s, &Edit::AddObjective { title: "Un".into() }).unwrap();
        apply(&mut s, &Edit::AddObjective { title: "Deux".into() }).unwrap();
        undo(&mut s);
    }
    let mut reopened = Session::new(Store::open(&path, fixed_clock("2026-11-30T10:00:00Z")).unwrap());
    let v = reopened.view(ID).unwrap();
    assert_eq!(v.roadmap.objectives.len(), 1, "the undone state is what was committed");
    assert_eq!(v.undo_steps, 0, "undo history is of the session only");
}

#[test]
fn deleting_a_referenced_objective_names_what_references_it() {
    let mut s = session();
    authored(&mut s);
    let before = s.view(ID).unwrap();
    let e = apply(
        &mut s,
        &Edit::DeleteObjective {
            code: "O1".into(),
            mode: DeleteMode::Refuse,
        },
    )
    .unwrap_err();
    assert_eq!(
        e.code, "referenced",
        "the UI switches on this code to offer removing the links"
    );
    assert!(
        e.message.contains("l’action A1"),
        "the message names the action: {}",
        e.message
    );
    let after = s.view(ID).unwrap();
    assert_eq!(after.roadmap, before.roadmap, "a refused edit changes nothing");
    assert_eq!(after.undo_steps, before.undo_steps, "and records no undo step");
    apply(
        &mut s,
        &Edit::DeleteObjective {
            code: "O1".into(),
            mode: DeleteMode::RemoveLinks,
        },
    )
    .unwrap();
    assert!(
        s.view(ID).unwrap().roadmap.actions[0].objectives.is_empty(),
        "links removed with it"
    );
}

#[test]
fn empty_titles_and_bad_moves_are_refused_with_a_message() {
    let mut s = session();
    s.create(ID, 9).unwrap();
    let e = apply(&mut s, &Edit::AddObjective { title: "   ".into() }).unwrap_err();
    assert_eq!(e.code, "invalid_input");
    assert!(e.message.contains("titre"), "{}", e.message);
    let e = apply(&mut s, &Edit::MoveAnimator { index: 0, to: 1 }).unwrap_err();
    assert_eq!(e.code, "not_found", "no animator to move: {}", e.message);
    let e = s.apply(
        "00000000-0000-4000-8000-000000000000",
        1,
        &Edit::SetStatus {
            status: RoadmapStatus::Submitted,
        },
    );
    assert_eq!(e.unwrap_err().code, "roadmap_not_found");
}

#[test]
fn exports_carry_a_safe_name_and_import_back_identical() {
    let mut s = session();
    authored(&mut s);
    apply(
        &mut s,
        &Edit::UpdateHeader {
            header: fdr_store::Header {
                theme_title: "Insertion / emploi : « ../../CON »".into(),
                status: RoadmapStatus::Draft,
                period: fdr_core::Period { start: 2024, end: 2027 },
            },
        },
    )
    .unwrap();
    let json = s.export(ID, ExportKind::Json).unwrap();
    assert_eq!(json.revision, 1, "first export of an edited roadmap is revision 1");
    assert!(json.new_revision);
    assert!(json.file_name.ends_with("-r1.fdr.json"), "{}", json.file_name);
    assert!(
        !json.file_name.contains('/') && !json.file_name.contains(".."),
        "no path in {}",
        json.file_name
    );
    let pdf = s.export(ID, ExportKind::Pdf).unwrap();
    assert!(pdf.bytes.starts_with(b"%PDF-"), "a PDF");
    assert_eq!(pdf.revision, 1, "unchanged since: same revision");
    assert!(!pdf.new_revision);
    assert!(pdf.file_name.ends_with("-r1.pdf"), "{}", pdf.file_name);
}

#[test]
fn the_start_screen_lists_the_fifteen_themes_with_their_roadmaps() {
    let mut s = session();
    authored(&mut s);
    let rows = s.themes().unwrap();
    assert_eq!(rows.len(), 15, "every theme of the region, even without a roadmap");
    let nine = rows.iter().find(|t| t.number == 9).unwrap();
    assert_eq!(nine.roadmaps.len(), 1);
    assert_eq!(
        nine.roadmaps[0].warnings,
        s.view(ID).unwrap().warnings.len(),
        "warning count as in the editor"
    );
    assert!(rows.iter().filter(|t| t.number != 9).all(|t| t.roadmaps.is_empty()));
}

#[test]
fn the_preview_uses_the_formats_markdown_rules() {
    let blocks = fdr_session::markdown("Un **gras** et 2 * 3 * 4\n\n- a\n- b");
    assert_eq!(blocks.len(), 2, "a paragraph and a list");
    let json = serde_json::to_value(&blocks).unwrap();
    assert_eq!(json[0]["kind"], "paragraph");
    assert_eq!(json[1]["kind"], "bullets");
    assert_eq!(json[0]["content"][1]["bold"], true, "bold span");
    assert_eq!(
        json[0]["content"][2]["text"], " et 2 * 3 * 4",
        "spaced stars stay literal"
    );
}

#[test]
fn files_chosen_on_disk_are_imported_each_whole_or_refused_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let example = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../docs/format/example-theme-09.json");
    let huge = dir.path().join("énorme.pdf");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(200 * 1024 * 1024)
        .unwrap();
    let garbage = dir.path().join("faux.json");
    std::fs::write(&garbage, b"{\"format\": 1}").unwrap();
    let mut s = session();
    let results = s.import_paths(&[example, dir.path().join("absent.pdf"), huge, garbage]);
    assert_eq!(results.len(), 4, "a result per file");
    assert!(
        results[0].refused.is_none() && results[0].reports.len() == 1,
        "the example is imported"
    );
    assert!(
        results[1].refused.as_deref().unwrap().starts_with("illisible"),
        "{:?}",
        results[1].refused
    );
    assert!(
        results[2].refused.as_deref().unwrap().contains("trop volumineux"),
        "{:?}",
        results[2].refused
    );
    assert!(
        results[3].refused.is_some() && results[3].reports.is_empty(),
        "a bad file is refused"
    );
    assert_eq!(
        s.themes().unwrap().iter().map(|t| t.roadmaps.len()).sum::<usize>(),
        1,
        "only the good file changed the store"
    );
}

// ----------------------------------------------------------------------------
// Versions and undo (issue 14) and the review loop (issue 12)
// ----------------------------------------------------------------------------

const EXAMPLE: &[u8] = include_bytes!("../../../../docs/format/example-theme-09.json");
const EXAMPLE_ID: &str = "5b0c7f1e-2a8d-4c39-9d7e-0f3a6b21c409";
const AVIS: &[u8] = include_bytes!("../../../../docs/format/example-avis-theme-09.json");
const AVIS_ID: &str = "8d1f2c4a-6b3e-4f7a-9c21-3e5d7a9b1f04";

/// The example at `revision`, with `text` as its diagnosis, as its author would send it.
fn example_at(revision: i64, text: &str) -> Vec<u8> {
    let mut v: serde_json::Value = serde_json::from_slice(EXAMPLE).unwrap();
    v["revision"] = serde_json::json!(revision);
    v["diagnosis"]["text"] = serde_json::json!(text);
    serde_json::to_vec_pretty(&v).unwrap()
}

fn on_file(path: &std::path::Path) -> Session {
    Session::new(Store::open(path, fixed_clock("2026-11-30T10:00:00Z")).unwrap())
}

#[test]
fn an_import_between_an_edit_and_its_undo_drops_the_undo_and_keeps_the_import() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.sqlite");
    let mut app = on_file(&path);
    app.store().import(EXAMPLE, None).unwrap();
    app.adopt(EXAMPLE_ID).unwrap();
    // The author exports r4 on another laptop; this copy exported r3 and is clean.
    let v = app.view(EXAMPLE_ID).unwrap().version;
    app.apply(
        EXAMPLE_ID,
        v,
        &Edit::SetParticipationText {
            text: "édité dans la fenêtre".into(),
        },
    )
    .unwrap();
    app.export(EXAMPLE_ID, ExportKind::Json).unwrap();
    let shown = app.view(EXAMPLE_ID).unwrap();
    assert_eq!(shown.undo_steps, 1, "the edit can be undone");
    // Meanwhile the command line takes a newer revision from the author.
    {
        let mut cli = Store::open(&path, fixed_clock("2026-11-30T11:00:00Z")).unwrap();
        cli.import(&example_at(9, "texte de la révision 9"), Some("r9.fdr.json"))
            .expect("a newer revision of an unedited roadmap imports");
    }
    let e = app
        .undo(EXAMPLE_ID, shown.version)
        .expect_err("the view is older than the store");
    assert_eq!(e.code, "stale", "{}", e.message);
    let fresh = app.view(EXAMPLE_ID).unwrap();
    assert_eq!(fresh.undo_steps, 0, "the undo history is gone");
    assert!(
        fresh
            .notice
            .as_deref()
            .is_some_and(|n| n.contains("ne peuvent plus être annulées")),
        "and the user is told why: {:?}",
        fresh.notice
    );
    let e = app.undo(EXAMPLE_ID, fresh.version).map(|r| r.patch.is_empty());
    assert!(e.unwrap(), "nothing left to undo: nothing changes");
    assert_eq!(
        app.view(EXAMPLE_ID).unwrap().roadmap.diagnosis.text,
        "texte de la révision 9",
        "the imported revision's content survives"
    );
}

#[test]
fn two_sessions_on_one_file_never_overwrite_each_other() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.sqlite");
    let mut one = on_file(&path);
    one.create(ID, 9).unwrap();
    let mut two = on_file(&path);
    let seen_by_two = two.view(ID).unwrap();
    let v = one.view(ID).unwrap().version;
    let r = one.apply(ID, v, &Edit::AddObjective { title: "Un".into() }).unwrap();
    assert_eq!(r.version, v + 1);
    let e = two
        .apply(ID, seen_by_two.version, &Edit::AddObjective { title: "Deux".into() })
        .expect_err("built on a view older than the store");
    assert_eq!(e.code, "stale");
    assert_eq!(
        two.view(ID).unwrap().roadmap.objectives.len(),
        1,
        "nothing written by the stale edit; the other window's objective is there"
    );
    let v2 = two.view(ID).unwrap().version;
    two.apply(ID, v2, &Edit::AddObjective { title: "Deux".into() }).unwrap();
    // The first window's undo would put back a state without « Deux »:
    // refused, as built on its older view; reloaded, the history is gone and said so.
    let e = one.undo(ID, r.version).expect_err("the other window changed it since");
    assert_eq!(e.code, "stale", "{}", e.message);
    let reloaded = one.view(ID).unwrap();
    assert_eq!(reloaded.undo_steps, 0);
    assert!(reloaded.notice.is_some(), "the user is told why undo is gone");
    let titles: Vec<String> = one
        .view(ID)
        .unwrap()
        .roadmap
        .objectives
        .iter()
        .map(|o| o.title.clone())
        .collect();
    assert_eq!(titles, ["Un", "Deux"], "both windows' work is kept");
    // Interleaved edits that each start from the current view both land.
    for k in 0..4 {
        let s = if k % 2 == 0 { &mut one } else { &mut two };
        let v = s.view(ID).unwrap().version;
        s.apply(
            ID,
            v,
            &Edit::AddObjective {
                title: format!("n° {k}"),
            },
        )
        .unwrap();
    }
    assert_eq!(one.view(ID).unwrap().roadmap.objectives.len(), 6);
}

#[test]
fn a_redo_after_an_outside_change_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.sqlite");
    let mut app = on_file(&path);
    app.create(ID, 9).unwrap();
    let v = app.view(ID).unwrap().version;
    app.apply(ID, v, &Edit::AddObjective { title: "Un".into() }).unwrap();
    let v = app.view(ID).unwrap().version;
    let undone = app.undo(ID, v).unwrap();
    assert_eq!(undone.redo_steps, 1);
    {
        let mut cli = Store::open(&path, fixed_clock("2026-11-30T11:00:00Z")).unwrap();
        cli.set_participation_text(ID, "écrit par un autre programme").unwrap();
    }
    let v = app.view(ID).unwrap().version;
    assert_eq!(app.view(ID).unwrap().redo_steps, 0, "the redo is dropped");
    let r = app.redo(ID, v).unwrap();
    assert!(r.patch.is_empty(), "nothing to redo: nothing changes");
    assert_eq!(
        app.view(ID).unwrap().roadmap.participation.text,
        "écrit par un autre programme",
        "the outside change stays"
    );
}

#[test]
fn undo_replies_carry_a_patch_and_keep_the_version_moving() {
    let mut s = session();
    s.create(ID, 9).unwrap();
    let v0 = s.view(ID).unwrap().version;
    let r1 = s
        .apply(
            ID,
            v0,
            &Edit::AddAction {
                title: "Une action".into(),
            },
        )
        .unwrap();
    assert_eq!(r1.version, v0 + 1);
    let actions = r1.patch.actions.as_ref().expect("the reply names the new action");
    assert_eq!(actions.items.len(), 1);
    assert!(r1.patch.objectives.is_none(), "and nothing else");
    let r2 = s.undo(ID, r1.version).unwrap();
    assert_eq!(r2.version, v0 + 2, "an undo is itself a versioned edit");
    assert_eq!(r2.patch.actions.as_ref().map(|p| p.order.len()), Some(0));
    let e = s
        .undo(ID, r1.version)
        .expect_err("built on the version before the undo");
    assert_eq!(e.code, "stale");
}

#[test]
fn a_received_roadmap_is_read_only_until_taken_over() {
    let mut s = session();
    s.store().import(EXAMPLE, None).unwrap();
    let v = s.view(EXAMPLE_ID).unwrap();
    assert!(!v.authored, "imported: received");
    let e = s
        .apply(EXAMPLE_ID, v.version, &Edit::SetDiagnosisText { text: "x".into() })
        .expect_err("the store refuses");
    assert_eq!(e.code, "not_author");
    let adopted = s.adopt(EXAMPLE_ID).unwrap();
    assert!(adopted.authored);
    assert_eq!(adopted.version, v.version + 1, "adoption moves the version");
    s.apply(
        EXAMPLE_ID,
        adopted.version,
        &Edit::SetDiagnosisText { text: "x".into() },
    )
    .expect("the author edits");
}

#[test]
fn the_secretariat_writes_an_avis_from_suggestions_and_exports_it() {
    let mut s = session();
    s.store().import(EXAMPLE, None).unwrap();
    let screen = s.avis_screen(EXAMPLE_ID).unwrap();
    assert!(
        screen.targets.iter().any(|t| t.label.starts_with("Action A2")),
        "targets are built from the reviewed revision"
    );
    let warning = screen
        .suggestions
        .iter()
        .find(|x| x.source == "warning")
        .expect("the example's warnings become suggestions")
        .clone();
    let id = "3f0b1a52-4c6d-4e8f-9a0b-1c2d3e4f5a6b";
    s.create_avis(id, EXAMPLE_ID).unwrap();
    s.edit_avis(
        id,
        &fdr_session::AvisEdit::AddRemark {
            target: warning.target.clone(),
            severity: fdr_core::review::Severity::Normal,
            text: warning.text.clone(),
        },
    )
    .unwrap();
    let e = s
        .edit_avis(
            id,
            &fdr_session::AvisEdit::AddRemark {
                target: fdr_core::review::Target {
                    part: fdr_core::review::Part::Actions,
                    item: Some("A9".into()),
                    field: None,
                },
                severity: fdr_core::review::Severity::Blocking,
                text: "x".into(),
            },
        )
        .expect_err("an item the revision does not hold");
    assert_eq!(e.code, "invalid_input");
    s.edit_avis(
        id,
        &fdr_session::AvisEdit::SetDecision {
            decision: fdr_core::review::Decision::ChangesRequested,
        },
    )
    .unwrap();
    let issued = s.issue_avis(id).unwrap();
    let entry = issued.review.avis.iter().find(|a| a.avis.id == id).unwrap();
    assert!(entry.latest && entry.state == fdr_store::AvisState::Issued);
    assert_eq!(entry.avis.remarks[0].text, warning.text);
    let pdf = s.export_avis(id, ExportKind::Pdf).unwrap();
    let json = s.export_avis(id, ExportKind::Json).unwrap();
    assert!(json.file_name.ends_with(".fdr-avis.json"), "{}", json.file_name);
    assert_eq!(
        fdr_format::pdf::exchange_attachments(&pdf.bytes).unwrap(),
        vec![("avis.json".to_string(), json.bytes.clone())],
        "the PDF carries the JSON byte for byte"
    );
    assert_eq!(
        s.export_avis(id, ExportKind::Pdf).unwrap().bytes,
        pdf.bytes,
        "deterministic"
    );
    // The animator's copy imports the PDF and sees the remark beside its item.
    let mut a = session();
    a.store().import(EXAMPLE, None).unwrap();
    a.adopt(EXAMPLE_ID).unwrap();
    let r = a.import_file(&pdf.file_name, &pdf.bytes);
    assert!(r.refused.is_none(), "{:?}", r.refused);
    assert_eq!(r.avis.unwrap().remarks, 1);
    let view = a.view(EXAMPLE_ID).unwrap();
    assert_eq!(view.review.remarks.len(), 1);
    assert_eq!(view.review.remarks[0].remark.target, warning.target);
    let reply = a
        .answer_remark(
            EXAMPLE_ID,
            view.version,
            id,
            "R1",
            Some((fdr_core::review::AnswerState::Addressed, "Corrigé")),
        )
        .unwrap();
    let review = reply.review.expect("the answer's reply carries the review");
    assert!(review.remarks[0].answer.is_some(), "answered");
    assert_eq!(reply.version, view.version + 1, "an answer is a versioned edit");
}

#[test]
fn export_warns_while_blocking_remarks_are_unanswered() {
    let mut a = session();
    a.store().import(EXAMPLE, None).unwrap();
    a.adopt(EXAMPLE_ID).unwrap();
    a.import_file("avis.fdr-avis.json", AVIS);
    let out = a.export(EXAMPLE_ID, ExportKind::Json).unwrap();
    assert!(
        out.warning
            .as_deref()
            .is_some_and(|w| w.starts_with("2 remarques bloquantes")),
        "{:?}",
        out.warning
    );
    let v = a.view(EXAMPLE_ID).unwrap().version;
    let v = a
        .answer_remark(
            EXAMPLE_ID,
            v,
            AVIS_ID,
            "R1",
            Some((fdr_core::review::AnswerState::Addressed, "")),
        )
        .unwrap()
        .version;
    a.answer_remark(
        EXAMPLE_ID,
        v,
        AVIS_ID,
        "R2",
        Some((fdr_core::review::AnswerState::Declined, "Cible maintenue")),
    )
    .unwrap();
    let out = a.export(EXAMPLE_ID, ExportKind::Json).unwrap();
    assert_eq!(out.warning, None, "every blocking remark answered");
    let (name, bytes) = out.companion.expect("the answers go beside the JSON");
    assert!(name.ends_with(".fdr-reponses.json"), "{name}");
    let r = fdr_format::review::decode_reponses(&bytes).unwrap();
    assert_eq!(r.roadmap.revision, out.revision, "about the revision they travel with");
}

#[test]
fn the_preview_shows_french_typography_and_the_data_keeps_the_text_as_typed() {
    let typed = "Des familles? \"Oui\"";
    let blocks = fdr_session::markdown(typed);
    let shown: String = match &blocks[0] {
        fdr_core::markdown::Block::Paragraph(spans) => spans.iter().map(|s| s.text.as_str()).collect(),
        other => panic!("a paragraph: {other:?}"),
    };
    assert_eq!(
        shown, "Des familles\u{202F}? «\u{202F}Oui\u{202F}»",
        "the preview applies French typography"
    );
}

#[test]
fn a_restored_store_without_a_role_keeps_the_copys_and_one_with_a_role_keeps_its_own() {
    use fdr_session::Role;
    let mut s = session();
    s.keep_role(Some(Role::Secretariat)).unwrap();
    assert_eq!(
        s.role().unwrap(),
        Some(Role::Secretariat),
        "a backup taken before the question was answered: the start screen must not ask again"
    );
    s.keep_role(Some(Role::Animator { theme: 4 })).unwrap();
    assert_eq!(
        s.role().unwrap(),
        Some(Role::Secretariat),
        "the role the restored store holds is not replaced"
    );
    let mut fresh = session();
    fresh.keep_role(None).unwrap();
    assert_eq!(fresh.role().unwrap(), None, "no role before, none invented");
}

#[test]
fn the_role_of_the_copy_round_trips_and_refuses_what_it_does_not_know() {
    use fdr_session::Role;
    let mut s = session();
    assert_eq!(
        s.overview().unwrap().role,
        None,
        "a fresh copy has no role: the start screen asks"
    );
    for role in [
        Role::Animator { theme: 9 },
        Role::Secretariat,
        Role::Animator { theme: 15 },
    ] {
        s.set_role(role).unwrap();
        assert_eq!(
            s.overview().unwrap().role,
            Some(role),
            "{role:?} is what the start screen sees"
        );
        assert_eq!(s.role().unwrap(), Some(role), "and what the session reads back");
    }
    assert_eq!(
        s.setting(fdr_session::ROLE).unwrap().as_deref(),
        Some("animateur:15"),
        "stored as the settings name it"
    );

    let e = s.set_role(Role::Animator { theme: 16 }).expect_err("no theme 16");
    assert_eq!(e.code, "invalid_input");
    assert!(
        e.message.contains("rôle du poste") && e.message.contains("thème 16"),
        "the message names the field and the theme: {}",
        e.message
    );
    assert_eq!(
        s.role().unwrap(),
        Some(Role::Animator { theme: 15 }),
        "nothing half written"
    );

    s.set_setting(fdr_session::ROLE, Some("chef de projet")).unwrap();
    let e = s.role().expect_err("an unknown stored value");
    assert!(
        e.message.contains("« chef de projet » n’est pas un rôle connu"),
        "in French: {}",
        e.message
    );
    assert_eq!(
        s.overview().unwrap().role,
        None,
        "an unreadable role is asked again, the start screen still opens"
    );

    let json: Role = serde_json::from_str(r#"{"kind":"animator","theme":3}"#).unwrap();
    assert_eq!(json, Role::Animator { theme: 3 }, "the UI's shape");
    assert!(
        serde_json::from_str::<Role>(r#"{"kind":"prefet"}"#).is_err(),
        "an unknown kind is refused at the boundary"
    );
}

#[test]
fn the_next_step_follows_the_roadmap_from_empty_to_sent() {
    let mut s = session();
    s.create(ID, 9).unwrap();
    let step = |s: &mut Session| s.overview().unwrap().themes[8].roadmaps[0].next_step.clone();
    assert_eq!(
        step(&mut s),
        "Écrire le diagnostic",
        "an empty roadmap starts with its diagnosis"
    );
    apply(
        &mut s,
        &Edit::SetDiagnosisText {
            text: "Le territoire…".into(),
        },
    )
    .unwrap();
    assert_eq!(step(&mut s), "Fixer les objectifs");
    apply(
        &mut s,
        &Edit::AddObjective {
            title: "Lever les freins".into(),
        },
    )
    .unwrap();
    assert_eq!(step(&mut s), "Écrire le plan d’action");
    apply(
        &mut s,
        &Edit::AddAction {
            title: "Garde d’enfants".into(),
        },
    )
    .unwrap();
    let warnings = s.overview().unwrap().themes[8].roadmaps[0].warnings;
    assert!(
        warnings > 1,
        "an action with no lead nor funding, an objective with no indicator: {warnings}"
    );
    assert_eq!(step(&mut s), format!("Corriger {warnings} points de vérification"));
}
