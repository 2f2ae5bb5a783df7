//! Crash safety: a child process edits and imports in a loop, acknowledging
//! each operation on stdout only after the store returned `Ok` (after
//! COMMIT); the parent kills it with SIGKILL at random moments, then checks
//! that the store is sound, that every acknowledged operation is there, and
//! that every transaction is all-or-nothing.
//!
//! `FDR_CRASH_KILLS` sets the number of kills (default 100, as in CI);
//! `FDR_CRASH_SEED` replays a run. The documented long run is in
//! `docs/robustness.md`.

use fdr_core::sample::{generate, Sequence};
use fdr_core::*;
use fdr_store::{fixed_clock, Store};
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Roadmaps that only ever arrive by import.
const IMPORTED: [&str; 3] = [
    "11111111-1111-4111-8111-111111111111",
    "22222222-2222-4222-8222-222222222222",
    "33333333-3333-4333-8333-333333333333",
];
/// The roadmap that is edited in place.
const EDITED: &str = "44444444-4444-4444-8444-444444444444";

/// The file of revision `rev` of an imported roadmap (deterministic).
fn revision_file(id: &str, rev: i64) -> Vec<u8> {
    let mut r = generate(id, 1 + rev % 15, 3 + (rev % 7) as usize, 2, rev as u64);
    r.revision = rev;
    fdr_format::encode(&r, "2026-11-23T10:00:00Z")
}

fn funding_lines(k: usize) -> Vec<FundingLine> {
    (0..k)
        .map(|j| FundingLine {
            funder: "Département".into(),
            year: 2020,
            amount_cents: 100 * (j as i64 + 1),
        })
        .collect()
}

/// The child: runs until killed. Started by the parent through the test
/// harness with `--ignored --exact crash_worker`.
#[test]
#[ignore = "child process of crash_safety_under_sigkill; started by it"]
fn crash_worker() {
    let Ok(path) = std::env::var("FDR_CRASH_DB") else {
        return;
    };
    let seed: u64 = std::env::var("FDR_CRASH_WORKER_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1);
    let mut seq = Sequence::new(seed);
    let mut store = Store::open(Path::new(&path), fixed_clock("2026-11-23T10:00:00Z")).expect("worker opens the store");
    if store.roadmap(EDITED).is_err() {
        store.create_roadmap(EDITED, 9).expect("create");
        store
            .add_objective(
                EDITED,
                &Objective {
                    id: "O1".into(),
                    priority: 1,
                    title: "Objectif".into(),
                    text: None,
                    territories: None,
                },
            )
            .expect("objective");
    }
    println!("READY");
    let mut text_version: u64 = store
        .roadmap(EDITED)
        .expect("load")
        .diagnosis
        .text
        .strip_prefix('v')
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    loop {
        match seq.below(10) {
            0..=4 => {
                let code = store.next_local_id(EDITED, 'A').expect("next id");
                let k = 1 + seq.below(4) as usize;
                let action = Action {
                    id: code.clone(),
                    objectives: vec!["O1".into()],
                    title: format!("crash {k}"),
                    text: Some("x".repeat(seq.below(2000) as usize)),
                    lead: Some("Pilote".into()),
                    partners: None,
                    territories: None,
                    start: None,
                    end: None,
                    status: ActionStatus::Planned,
                    fte: None,
                    funding: funding_lines(k),
                };
                store.add_action(EDITED, &action).expect("add action");
                println!("ACK action {code} {k}");
            }
            5..=6 => {
                text_version += 1;
                store
                    .set_diagnosis_text(EDITED, &format!("v{text_version}"))
                    .expect("set text");
                println!("ACK text {text_version}");
            }
            _ => {
                let id = IMPORTED[seq.below(3) as usize];
                let current = store.roadmap(id).map(|r| r.revision).unwrap_or(0);
                let rev = current + 1;
                store
                    .import(&revision_file(id, rev), Some("crash.json"))
                    .expect("import");
                println!("ACK import {id} {rev}");
            }
        }
    }
}

#[derive(Default)]
struct Acked {
    actions: HashMap<String, usize>,
    text: u64,
    imports: HashMap<String, i64>,
}

fn check_store(path: &Path, acked: &Acked) -> Result<(), String> {
    let mut store = Store::open(path, fixed_clock("2026-11-23T10:00:00Z")).map_err(|e| format!("reopen: {e}"))?;
    let integrity = store.integrity_check().map_err(|e| e.to_string())?;
    if integrity != ["ok"] {
        return Err(format!("integrity_check: {integrity:?}"));
    }
    let edited = store.roadmap(EDITED).map_err(|e| e.to_string())?;
    for a in &edited.actions {
        let k: usize = a
            .title
            .strip_prefix("crash ")
            .and_then(|k| k.parse().ok())
            .ok_or("bad title")?;
        if a.funding.len() != k || a.objectives != ["O1"] {
            return Err(format!(
                "action {} half written: {} funding lines of {k}",
                a.id,
                a.funding.len()
            ));
        }
    }
    for (code, k) in &acked.actions {
        let a = edited
            .actions
            .iter()
            .find(|a| &a.id == code)
            .ok_or(format!("acknowledged action {code} lost"))?;
        if a.funding.len() != *k {
            return Err(format!(
                "acknowledged action {code} has {} lines, not {k}",
                a.funding.len()
            ));
        }
    }
    let text: u64 = edited
        .diagnosis
        .text
        .strip_prefix('v')
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    if text < acked.text {
        return Err(format!("acknowledged text v{} lost (store has v{text})", acked.text));
    }
    for id in IMPORTED {
        let Ok(current) = store.roadmap(id) else {
            if acked.imports.contains_key(id) {
                return Err(format!("acknowledged import of {id} lost"));
            }
            continue;
        };
        if let Some(&rev) = acked.imports.get(id) {
            if current.revision < rev {
                return Err(format!(
                    "{id}: acknowledged revision {rev} lost (current {})",
                    current.revision
                ));
            }
        }
        let history = store.history(id).map_err(|e| e.to_string())?;
        let revisions: Vec<i64> = history.iter().map(|h| h.revision).collect();
        if revisions != (1..=current.revision).collect::<Vec<_>>() {
            return Err(format!(
                "{id}: history {revisions:?} does not match current revision {}",
                current.revision
            ));
        }
        let expected = fdr_format::decode(
            &revision_file(id, current.revision),
            fdr_core::catalogue::Catalogue::builtin(),
        )
        .map_err(|e| e.to_string())?;
        if expected.roadmap != current {
            return Err(format!(
                "{id}: revision {} is not exactly the imported file (half import)",
                current.revision
            ));
        }
    }
    Ok(())
}

#[test]
fn crash_safety_under_sigkill() {
    let kills: usize = std::env::var("FDR_CRASH_KILLS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(100);
    let seed: u64 = std::env::var("FDR_CRASH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos() as u64)
                .unwrap_or(7)
        });
    eprintln!("crash test: {kills} kills, FDR_CRASH_SEED={seed}");
    let mut seq = Sequence::new(seed);
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("crash.sqlite");
    let mut acked = Acked::default();
    let (mut total_acks, mut killed_mid_run) = (0usize, 0usize);
    let started = Instant::now();
    for round in 0..kills {
        let mut child = Command::new(std::env::current_exe().expect("test binary"))
            .args([
                "--ignored",
                "--exact",
                "crash_worker",
                "--nocapture",
                "--test-threads=1",
            ])
            .env("FDR_CRASH_DB", &path)
            .env("FDR_CRASH_WORKER_SEED", seq.next_u64().to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("worker starts");
        let mut out = BufReader::new(child.stdout.take().expect("piped"));
        // Wait until the worker has opened the store, then let it run a random while.
        let mut line = String::new();
        while out.read_line(&mut line).expect("read") > 0 && !line.contains("READY") {
            line.clear();
        }
        std::thread::sleep(Duration::from_micros(seq.below(60_000)));
        child.kill().expect("SIGKILL");
        let status = child.wait().expect("reaped");
        if status.code().is_none() {
            killed_mid_run += 1;
        }
        let mut rest = String::new();
        out.read_to_string(&mut rest).expect("read the acknowledgements");
        for l in rest.lines() {
            let words: Vec<&str> = l.split_whitespace().collect();
            match words.as_slice() {
                ["ACK", "action", code, k] => {
                    acked.actions.insert(code.to_string(), k.parse().expect("k"));
                }
                ["ACK", "text", n] => acked.text = n.parse().expect("n"),
                ["ACK", "import", id, rev] => {
                    acked.imports.insert(id.to_string(), rev.parse().expect("rev"));
                }
                _ => continue,
            }
            total_acks += 1;
        }
        if let Err(problem) = check_store(&path, &acked) {
            panic!("after kill {round} (FDR_CRASH_SEED={seed}): {problem}");
        }
    }
    eprintln!(
        "crash test: {kills} kills ({killed_mid_run} by signal), {total_acks} acknowledged operations, all present, \
         integrity ok, in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    assert!(
        killed_mid_run * 10 >= kills * 9,
        "the worker must really be killed mid-run, not exit by itself"
    );
    assert!(
        total_acks > kills,
        "the workers must have done work between kills ({total_acks} acknowledgements)"
    );
}
