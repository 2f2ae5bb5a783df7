//! Crash safety: a child process edits and imports in a loop, acknowledging
//! each operation on stdout only after the store returned `Ok` (after
//! COMMIT); the parent kills it with SIGKILL at random moments, then checks
//! that the store is sound, that every acknowledged operation is there, and
//! that every transaction is all-or-nothing.
//!
//! `FDR_CRASH_KILLS` sets the number of kills (default 100, as in CI);
//! `FDR_CRASH_SEED` replays a run. The documented long run is in
//! `docs/robustness.md`.

use fdr_core::sample::Sequence;
use fdr_store::{fixed_clock, Store};
use fdr_tests::workload::{check_store, env_count, env_seed, prepare, step, Ack, Acked, NOW};
use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

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
    let mut store = Store::open(Path::new(&path), fixed_clock(NOW)).expect("worker opens the store");
    let mut text_version = prepare(&mut store).expect("the edited roadmap is there");
    println!("READY");
    loop {
        match step(&mut store, &mut seq, &mut text_version).expect("operation") {
            Ack::Action(code, k) => println!("ACK action {code} {k}"),
            Ack::Text(n) => println!("ACK text {n}"),
            Ack::Import(id, rev) => println!("ACK import {id} {rev}"),
        }
    }
}

#[test]
fn crash_safety_under_sigkill() {
    let kills = env_count("FDR_CRASH_KILLS", 100);
    let seed = env_seed("FDR_CRASH_SEED");
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
            let ack = match words.as_slice() {
                ["ACK", "action", code, k] => Ack::Action(code.to_string(), k.parse().expect("k")),
                ["ACK", "text", n] => Ack::Text(n.parse().expect("n")),
                ["ACK", "import", id, rev] => Ack::Import(id.to_string(), rev.parse().expect("rev")),
                _ => continue,
            };
            acked.record(ack);
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
