//! Writes the fixture store of schema v2 (`tests/fixtures/store-v2.sqlite`)
//! and the JSON of each of its roadmaps beside it, as this version of the
//! store makes them: a received roadmap with an issued avis and a draft,
//! another received one, and one authored here, exported, with an answer.
//! Run once when the schema is released:
//! `cargo run -p fdr-store --example fixture_v2 -- DIR`.

use fdr_core::review::{Reviewer, Severity, Target};
use fdr_store::{fixed_clock, Store};

fn main() {
    let dir = std::path::PathBuf::from(std::env::args().nth(1).expect("a folder"));
    let path = dir.join("store-v2.sqlite");
    let _ = std::fs::remove_file(&path);
    let mut s = Store::open(&path, fixed_clock("2026-12-01T10:00:00Z")).expect("a new store");
    let example = std::fs::read("docs/format/example-theme-09.json").expect("the example");
    s.import(&example, Some("example-theme-09.json")).expect("imports");
    let theme4 = std::fs::read(dir.join("store-v1-theme-04.fdr.json")).expect("theme 4");
    s.import(&theme4, Some("theme-04.fdr.json")).expect("imports");
    let example_id = "5b0c7f1e-2a8d-4c39-9d7e-0f3a6b21c409";
    let who = Reviewer {
        name: "Secrétariat régional".into(),
        organisation: Some("SGAR Hauts-de-France".into()),
        role: None,
        email: None,
    };
    s.create_avis("3f0b1a52-4c6d-4e8f-9a0b-1c2d3e4f5a6b", example_id, &who)
        .expect("draft");
    s.update_avis("3f0b1a52-4c6d-4e8f-9a0b-1c2d3e4f5a6b", |a| {
        a.decision = fdr_core::review::Decision::ChangesRequested;
        a.summary = "Deux points à reprendre.".into();
        a.remarks.push(fdr_core::review::Remark {
            id: "R1".into(),
            target: Target {
                part: fdr_core::review::Part::Actions,
                item: Some("A2".into()),
                field: Some("funding".into()),
            },
            severity: Severity::Blocking,
            text: "Précisez le cofinancement après 2020.".into(),
            quote: Some("Réservation de logements pour les jeunes sortants".into()),
        });
        Ok(())
    })
    .expect("edits");
    s.issue_avis("3f0b1a52-4c6d-4e8f-9a0b-1c2d3e4f5a6b", "2026-12-01T10:05:00Z")
        .expect("issues");
    s.create_avis("4a1c2b63-5d7e-4f90-8b1c-2d3e4f5a6b7c", example_id, &who)
        .expect("a draft kept");
    let own = "0b6c3f2e-1d4a-4e5b-8c7d-9a0b1c2d3e4f";
    s.create_roadmap(own, 3).expect("authored here");
    s.set_diagnosis_text(own, "Diagnostic écrit sur ce poste.")
        .expect("edits");
    s.export_json(own, "2026-12-01T10:10:00Z").expect("exports");
    s.set_setting("role", Some("secretariat")).expect("a setting");
    for (theme, id) in [
        (9, example_id.to_string()),
        (4, s.ids_for_theme(4).unwrap()[0].clone()),
        (3, own.to_string()),
    ] {
        let bytes = s.export_json(&id, "2026-12-01T11:00:00Z").expect("exports").bytes;
        std::fs::write(dir.join(format!("store-v2-theme-{theme:02}.fdr.json")), bytes).expect("writes");
    }
    drop(s);
    // One file, no WAL beside it.
    let c = rusqlite::Connection::open(&path).expect("reopens");
    c.pragma_update(None, "journal_mode", "DELETE").expect("checkpoint");
    println!("{}", path.display());
}
