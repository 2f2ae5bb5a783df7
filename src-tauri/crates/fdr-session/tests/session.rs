//! The desktop app's logic on an in-memory store: edits, undo and redo,
//! refused deletions, exports that import back.

use fdr_core::{DatedValue, FundingLine, Practice, RoadmapStatus};
use fdr_session::{Edit, ExportKind, Session};
use fdr_store::{fixed_clock, DeleteMode, Store};

const ID: &str = "0b6c2f44-8a7e-4d0b-9f1e-2c3d4e5f6a7b";

fn session() -> Session {
    Session::new(Store::open_in_memory(fixed_clock("2026-11-30T10:00:00Z")).unwrap())
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
        s.apply(ID, &e)
            .unwrap_or_else(|err| panic!("{e:?} should apply: {err}"));
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
    s.apply(ID, &Edit::AddObjective { title: "Un".into() }).unwrap();
    s.apply(ID, &Edit::AddObjective { title: "Deux".into() }).unwrap();
    let two = s.view(ID).unwrap().roadmap;
    s.apply(
        ID,
        &Edit::MoveObjective {
            code: "O2".into(),
            to: 0,
        },
    )
    .unwrap();
    let moved = s.view(ID).unwrap().roadmap;
    assert_eq!(moved.objectives[0].title, "Deux", "moved to the top");
    assert_eq!(moved.objectives[0].priority, 1, "the top is priority 1");

    assert_eq!(
        s.undo(ID).unwrap().roadmap,
        two,
        "undo restores the state before the move"
    );
    let back = s.undo(ID).unwrap();
    assert_eq!(
        back.roadmap.objectives.len(),
        1,
        "second undo removes the second objective"
    );
    assert_eq!(back.redo_steps, 2, "two steps to redo");
    s.undo(ID).unwrap();
    assert_eq!(s.view(ID).unwrap().roadmap, empty, "back to the empty roadmap");
    let nothing = s.undo(ID).unwrap();
    assert_eq!(nothing.roadmap, empty, "undo with nothing to undo changes nothing");

    s.redo(ID).unwrap();
    s.redo(ID).unwrap();
    assert_eq!(s.redo(ID).unwrap().roadmap, moved, "redo replays up to the move");
    s.undo(ID).unwrap();
    s.apply(ID, &Edit::AddObjective { title: "Trois".into() }).unwrap();
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
        s.apply(ID, &Edit::AddObjective { title: "Un".into() }).unwrap();
        s.apply(ID, &Edit::AddObjective { title: "Deux".into() }).unwrap();
        s.undo(ID).unwrap();
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
    let e = s
        .apply(
            ID,
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
    s.apply(
        ID,
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
    let e = s.apply(ID, &Edit::AddObjective { title: "   ".into() }).unwrap_err();
    assert_eq!(e.code, "invalid_input");
    assert!(e.message.contains("titre"), "{}", e.message);
    let e = s.apply(ID, &Edit::MoveAnimator { index: 0, to: 1 }).unwrap_err();
    assert_eq!(e.code, "not_found", "no animator to move: {}", e.message);
    let e = s.apply(
        "00000000-0000-4000-8000-000000000000",
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
    s.apply(
        ID,
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

    let mut other = session();
    other.store().import(&pdf.bytes, Some(&pdf.file_name)).unwrap();
    let json_again = other.export(ID, ExportKind::Json).unwrap();
    assert_eq!(
        json_again.bytes, json.bytes,
        "the PDF carries the same roadmap, byte for byte"
    );
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
