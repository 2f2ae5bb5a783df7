//! The secretariat's side across crates: roadmaps received by a store,
//! consolidated as one PDF that reads as a publication, carries every
//! roadmap's JSON, and imports into another store as the same roadmaps.

use fdr_core::sample::generate;
use fdr_store::{fixed_clock, ImportOutcome, Store};
use std::process::Command;

const NOW: &str = "2026-11-30T10:00:00Z";

fn run(cmd: &str, args: &[&str]) -> String {
    let out = Command::new(cmd)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{cmd} runs (poppler-utils, qpdf): {e}"));
    assert!(
        out.status.success(),
        "{cmd} {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A store holding three received roadmaps and one never exported.
fn secretariat() -> Store {
    let mut s = Store::open_in_memory(fixed_clock(NOW)).unwrap();
    for (id, theme, actions) in [
        ("00000000-0000-4000-8000-000000000003", 3, 8),
        ("00000000-0000-4000-8000-000000000011", 11, 20),
        ("00000000-0000-4000-8000-000000000001", 1, 4),
    ] {
        let mut r = generate(id, theme, actions, 5, theme as u64);
        r.revision = 2;
        let json = fdr_format::encode(&r, "2026-11-20T09:00:00Z");
        s.import(&json, Some("reçu.fdr.json")).unwrap();
    }
    s.create_roadmap("00000000-0000-4000-8000-000000000007", 7).unwrap();
    s
}

fn consolidated(s: &mut Store) -> (Vec<u8>, fdr_store::PublishedSet) {
    let set = s.published().unwrap();
    let sources: Vec<fdr_pdf::Source> = set
        .roadmaps
        .iter()
        .map(|p| fdr_pdf::Source {
            roadmap: &p.roadmap,
            json: &p.json,
            exported_at: &p.exported_at,
            review: None,
        })
        .collect();
    let pdf = fdr_pdf::consolidated_pdf(&sources, NOW);
    (pdf, set)
}

#[test]
fn the_consolidated_pdf_reads_as_a_publication_and_carries_every_roadmap() {
    let mut s = secretariat();
    let (pdf, set) = consolidated(&mut s);
    assert_eq!(set.roadmaps.len(), 3, "the three received roadmaps");
    assert_eq!(set.never_exported.len(), 1, "the draft never exported is set apart");
    assert_eq!(consolidated(&mut s).0, pdf, "same store, same date: same bytes");

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("région.pdf");
    std::fs::write(&path, &pdf).unwrap();
    let p = path.to_str().unwrap();
    assert!(run("qpdf", &["--check", p]).contains("No syntax or stream encoding errors"));
    let text = run("pdftotext", &["-layout", p, "-"]);
    for needed in [
        "Synthèse régionale",
        "État d’avancement des feuilles de route",
        "Budget régional par financeur",
        "Participation des bénéficiaires",
        "Non incluse",
    ] {
        assert!(text.contains(needed), "the summary has « {needed} »");
    }
    for r in set.roadmaps.iter().map(|p| &p.roadmap) {
        assert!(
            text.contains(&format!("Thème n° {}", r.theme.number)),
            "a part per roadmap"
        );
        for a in &r.actions {
            let words: String = a.title.split_whitespace().take(3).collect::<Vec<_>>().join(" ");
            assert!(
                text.contains(&words),
                "action « {} » of theme {} is in the text",
                a.title,
                r.theme.number
            );
        }
    }
    assert!(
        text.lines()
            .any(|l| l.trim_start().starts_with("Thème n° 11 —") && l.contains('…')),
        "a title too long for its contents line ends with an ellipsis"
    );
    let listed = run("pdfdetach", &["-list", p]);
    for name in [
        "feuille-de-route-theme-01.json",
        "feuille-de-route-theme-03.json",
        "feuille-de-route-theme-11.json",
    ] {
        assert!(listed.contains(name), "{name} attached: {listed}");
    }
    let structure = run("pdfinfo", &["-struct", p]);
    assert!(
        structure.contains("TOC") && structure.contains("Table"),
        "tagged like the roadmap PDFs"
    );
    assert!(
        run("pdfinfo", &[p]).contains("Tagged:          yes"),
        "marked as tagged"
    );
    // Headings in order, never skipping a level, and every theme under its
    // own H1; page furniture stays out of the tree.
    let tree = run("pdfinfo", &["-struct-text", p]);
    let levels: Vec<u8> = tree
        .lines()
        .filter_map(|l| l.trim().strip_prefix('H'))
        .filter_map(|rest| rest.split_whitespace().next()?.parse().ok())
        .collect();
    assert!(
        levels.iter().filter(|l| **l == 1).count() > set.roadmaps.len(),
        "an H1 per theme, plus the summary's: {levels:?}"
    );
    for w in levels.windows(2) {
        assert!(w[1] <= w[0] + 1, "no heading level skipped ({} after {})", w[1], w[0]);
    }
    assert!(
        !tree.contains("Page 1 /") && !tree.contains("Consolidation régionale ·"),
        "running header and footer are artifacts"
    );

    // The outline nests theme → part.
    let outline = fdr_pdf::render::outline(&fdr_pdf::consolidated::layout(
        &set.roadmaps
            .iter()
            .map(|p| fdr_pdf::consolidated::Part {
                roadmap: &p.roadmap,
                info: fdr_pdf::roadmap::ExportInfo {
                    date: "2026-11-20".into(),
                    json_sha256: "0".repeat(64),
                },
                review: None,
            })
            .collect::<Vec<_>>(),
        "2026-11-30",
        &fdr_pdf::consolidated::Scope::Region,
        &mut fdr_pdf::fonts::Fonts::new(),
    ));
    let theme = outline
        .iter()
        .find(|b| b.title.starts_with("Thème n° 3"))
        .expect("a bookmark per theme");
    assert!(
        theme.children.iter().any(|c| c.title == "3. Moyens et plan d’action"),
        "parts under their theme"
    );
    assert!(
        theme.children.iter().any(|c| !c.children.is_empty()),
        "sub-parts under their part"
    );
}

#[test]
fn the_consolidated_pdf_imports_as_the_same_roadmaps_whole_or_not_at_all() {
    let mut s = secretariat();
    let (pdf, set) = consolidated(&mut s);
    let mut other = Store::open_in_memory(fixed_clock(NOW)).unwrap();
    let reports = other.import_all(&pdf, Some("région.pdf")).unwrap();
    assert_eq!(reports.len(), 3, "every roadmap of the document");
    assert!(reports.iter().all(|r| r.outcome == ImportOutcome::Added));
    let again = other.published().unwrap();
    for (a, b) in set.roadmaps.iter().zip(&again.roadmaps) {
        assert_eq!(
            a.json, b.json,
            "theme {}: the same bytes travelled",
            a.roadmap.theme.number
        );
    }
    let twice = other.import_all(&pdf, Some("région.pdf")).unwrap();
    assert!(
        twice.iter().all(|r| r.outcome == ImportOutcome::AlreadyImported),
        "a second import changes nothing"
    );

    // A store where one of them conflicts (same revision, other content) refuses the whole file.
    let mut conflicting = Store::open_in_memory(fixed_clock(NOW)).unwrap();
    let mut r = set.roadmaps[1].roadmap.clone();
    r.theme.title.push_str(" (autre copie)");
    conflicting
        .import(&fdr_format::encode(&r, "2026-11-21T09:00:00Z"), None)
        .unwrap();
    let before = conflicting.list().unwrap();
    assert!(
        conflicting.import_all(&pdf, Some("région.pdf")).is_err(),
        "a conflict refuses the file"
    );
    assert_eq!(conflicting.list().unwrap(), before, "and nothing of it was written");
}

#[test]
fn local_edits_are_not_published_until_exported() {
    let mut s = secretariat();
    let id = "00000000-0000-4000-8000-000000000003";
    let received = s.roadmap(id).unwrap();
    // Received roadmaps are read-only: the local edits are an author's, here
    // after taking one over.
    s.adopt(id).unwrap();
    s.set_diagnosis_text(id, "Texte modifié localement").unwrap();
    let set = s.published().unwrap();
    let p = set.roadmaps.iter().find(|p| p.roadmap.id == id).unwrap();
    assert!(p.local_edits, "the edit is reported");
    assert_eq!(p.roadmap, received, "what is published is the received revision");
}
