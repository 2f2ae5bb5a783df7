//! `cargo bench -p fdr-store`: import and export of a generated roadmap of
//! 400 actions / 120 indicators, and edit → commit latency on a file-backed
//! store with `synchronous=FULL` (every COMMIT waits for the disk).
//!
//! Prints a table of figures (median and spread over repetitions); the
//! numbers for this machine are kept in `docs/benchmarks.md`.

use fdr_core::catalogue::Catalogue;
use fdr_core::*;
use fdr_store::{fixed_clock, Store};
use std::path::PathBuf;
use std::time::{Duration, Instant};

fn quantile(sorted: &[Duration], q: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * q).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

fn time<T>(mut f: impl FnMut() -> T) -> (Duration, T) {
    let t = Instant::now();
    let out = f();
    (t.elapsed(), out)
}

fn row(name: &str, mut samples: Vec<Duration>) {
    samples.sort();
    println!(
        "| {name} | {} | {} | {} | {} | {} |",
        samples.len(),
        ms(quantile(&samples, 0.5)),
        ms(quantile(&samples, 0.95)),
        ms(samples[0]),
        ms(*samples.last().expect("samples"))
    );
}

fn dir() -> PathBuf {
    let d = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("fdr-bench");
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("bench dir");
    d
}

fn main() {
    // `cargo test --benches` runs this with --bench absent: keep it quick then.
    let quick = !std::env::args().any(|a| a == "--bench");
    let reps = if quick { 2 } else { 20 };
    let id = "5b0c7f1e-2a8d-4c39-9d7e-0f3a6b21c409";
    let roadmap = fdr_core::sample::generate(id, 9, 400, 120, 42);
    let file = fdr_format::encode(&roadmap, "2026-11-23T10:00:00Z");
    let dir = dir();
    println!(
        "roadmap: {} actions, {} funding lines, {} indicators, {} measurements; file {:.0} KiB",
        roadmap.actions.len(),
        roadmap.actions.iter().map(|a| a.funding.len()).sum::<usize>(),
        roadmap.indicators.len(),
        roadmap
            .indicators
            .iter()
            .map(|x| x.measurements.as_ref().map_or(0, Vec::len))
            .sum::<usize>(),
        file.len() as f64 / 1024.0
    );
    println!();
    println!("| operation | runs | p50 | p95 | min | max |");
    println!("|---|---|---|---|---|---|");

    let mut decode = Vec::new();
    let mut encode = Vec::new();
    for _ in 0..reps {
        decode.push(time(|| fdr_format::decode(&file, Catalogue::builtin()).expect("valid")).0);
        encode.push(time(|| fdr_format::encode(&roadmap, "2026-11-23T10:00:00Z")).0);
    }
    row("decode + validate JSON (format only)", decode);
    row("encode JSON (format only)", encode);

    let mut import = Vec::new();
    let mut export_new = Vec::new();
    let mut export_same = Vec::new();
    let mut load = Vec::new();
    for i in 0..reps {
        let path = dir.join(format!("import-{i}.sqlite"));
        let mut store = Store::open(&path, fixed_clock("2026-11-23T10:00:00Z")).expect("store");
        import.push(time(|| store.import(&file, Some("bench.json")).expect("import")).0);
        load.push(time(|| store.roadmap(id).expect("load")).0);
        // An imported roadmap is received: take it over to edit it.
        store.adopt(id).expect("adopt");
        store.set_status(id, RoadmapStatus::Validated).expect("edit");
        export_new.push(time(|| store.export_json(id, "2026-11-23T11:00:00Z").expect("export")).0);
        export_same.push(time(|| store.export_json(id, "2026-11-23T12:00:00Z").expect("export")).0);
    }
    row("import (file store, one transaction)", import);
    row("load whole roadmap from store", load);
    row("export JSON, edited (new revision, recorded)", export_new);
    row("export JSON, unedited (same bytes)", export_same);

    let path = dir.join("edits.sqlite");
    let mut store = Store::open(&path, fixed_clock("2026-11-23T10:00:00Z")).expect("store");
    store.import(&file, Some("bench.json")).expect("import");
    store.adopt(id).expect("adopt");
    let edits = if quick { 20 } else { 1000 };
    let mut latencies = Vec::with_capacity(edits);
    for i in 0..edits {
        let action = format!("A{}", 1 + i % 400);
        let (d, _) = match i % 4 {
            0 => time(|| store.set_diagnosis_text(id, &format!("Texte {i}")).expect("edit")),
            1 => time(|| {
                store
                    .add_funding(
                        id,
                        &action,
                        &FundingLine {
                            funder: "CAF".into(),
                            year: 2021,
                            amount_cents: 1000,
                        },
                    )
                    .map(|_| ())
                    .expect("edit")
            }),
            2 => time(|| {
                store
                    .add_measurement(
                        id,
                        "I1",
                        &DatedValue {
                            value: (i as i64).into(),
                            date: "2021-06-30".into(),
                            comment: None,
                        },
                    )
                    .map(|_| ())
                    .expect("edit")
            }),
            _ => time(|| store.link_action_objective(id, &action, "O2").expect("edit")),
        };
        latencies.push(d);
    }
    row("edit → COMMIT returned (synchronous=FULL, file store)", latencies);
    let _ = std::fs::remove_dir_all(&dir);
}
