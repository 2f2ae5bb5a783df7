//! Power cuts and failing disks, simulated under SQLite by
//! [`fdr_tests::simulated_disk`].
//!
//! - Power cuts: the crash workload runs on the simulated disk; the power
//!   goes at a random write or sync; the disk keeps what was synced plus a
//!   random part of the rest (writes dropped, kept, or torn). The store
//!   recovered from that disk must pass `integrity_check` and hold every
//!   operation acknowledged before the cut, each transaction whole. With
//!   `synchronous=OFF` the same harness must see acknowledged work lost: it
//!   shows why the store runs with `synchronous=FULL`.
//! - Failing disks: reads, writes or syncs fail (from the first call, or
//!   later); the operation is refused with a message naming the disk, the
//!   store keeps exactly what it had, and works again once the disk does.
//!
//! `FDR_POWER_CUTS` sets the number of cuts (default 200, as in CI);
//! `FDR_POWER_SEED` replays a run. The documented long run is in
//! `docs/robustness.md`.

use fdr_core::sample::Sequence;
use fdr_store::{fixed_clock, Store};
use fdr_tests::simulated_disk::{restore_image, Fault, SimulatedDisk, VFS};
use fdr_tests::workload::{check_store, env_count, env_seed, prepare, step, Acked, NOW};
use std::path::{Path, PathBuf};
use std::time::Instant;

struct Outcome {
    /// Cuts after which acknowledged work was missing or the store damaged: (cut, what).
    losses: Vec<(usize, String)>,
    acknowledged: usize,
    syncs: u64,
}

/// `cuts` power cuts, one after another on the same store, each at a
/// random write or sync of the workload; after each the store recovered
/// from the disk is checked, then used for the next round.
fn power_cuts(cuts: usize, seed: u64, synchronous: &str) -> Outcome {
    let disk = SimulatedDisk::take();
    let mut seq = Sequence::new(seed);
    let root = tempfile::tempdir().expect("tempdir");
    let mut dir: PathBuf = root.path().join("0");
    std::fs::create_dir(&dir).expect("dir");
    {
        let mut s = Store::open(&dir.join("store.sqlite"), fixed_clock(NOW)).expect("new store");
        prepare(&mut s).expect("the edited roadmap");
    }
    let mut acked = Acked::default();
    let mut losses = Vec::new();
    for cut in 0..cuts {
        let path = dir.join("store.sqlite");
        disk.settle(); // the power is back
        let mut store = Store::open_on_vfs(&path, fixed_clock(NOW), VFS).expect("opens on the simulated disk");
        store
            .connection()
            .execute_batch(&format!("PRAGMA synchronous = {synchronous}"))
            .expect("pragma");
        let mut text_version = prepare(&mut store).expect("the edited roadmap is there");
        disk.settle();
        disk.cut_power_at(1 + seq.below(300), seq.next_u64());
        loop {
            match step(&mut store, &mut seq, &mut text_version) {
                Ok(ack) => acked.record(ack),
                Err(e) => {
                    assert!(
                        disk.image().is_some(),
                        "only the power cut may stop the workload (cut {cut}, FDR_POWER_SEED={seed}): {e}"
                    );
                    break;
                }
            }
        }
        let image = disk.image().expect("the power went");
        drop(store);
        // The machine restarts on what the disk kept.
        let next = root.path().join((cut + 1).to_string());
        std::fs::create_dir(&next).expect("dir");
        let restored = restore_image(&image, &dir, &next).expect("image written");
        assert!(
            restored >= 1,
            "the store file itself survives: it existed before the round"
        );
        std::fs::remove_dir_all(&dir).expect("old round removed");
        if let Err(problem) = check_store(&next.join("store.sqlite"), &acked) {
            losses.push((cut, problem));
            // Go on from what the store holds now.
            acked.forget();
        }
        dir = next;
    }
    Outcome {
        losses,
        acknowledged: acked.count,
        syncs: disk.syncs(),
    }
}

#[test]
fn acknowledged_work_survives_power_cuts() {
    let cuts = env_count("FDR_POWER_CUTS", 200);
    let seed = env_seed("FDR_POWER_SEED");
    let started = Instant::now();
    let outcome = power_cuts(cuts, seed, "FULL");
    eprintln!(
        "power cuts (synchronous=FULL): {cuts} cuts, {} acknowledged operations, {} syncs, {} cuts lost work, in {:.1} s (FDR_POWER_SEED={seed})",
        outcome.acknowledged,
        outcome.syncs,
        outcome.losses.len(),
        started.elapsed().as_secs_f64()
    );
    assert!(
        outcome.losses.is_empty(),
        "with synchronous=FULL an acknowledged edit is on disk: {:?} (FDR_POWER_SEED={seed})",
        outcome.losses.first()
    );
    assert!(
        outcome.acknowledged > cuts,
        "the workload must have done work between cuts ({} acknowledged)",
        outcome.acknowledged
    );
}

#[test]
fn without_synced_commits_the_same_cuts_lose_acknowledged_work() {
    let seed = env_seed("FDR_POWER_SEED");
    let cuts = 60;
    let outcome = power_cuts(cuts, seed, "OFF");
    eprintln!(
        "power cuts (synchronous=OFF): {cuts} cuts, {} acknowledged operations, {} cuts lost work (FDR_POWER_SEED={seed}); first: {:?}",
        outcome.acknowledged,
        outcome.losses.len(),
        outcome.losses.first()
    );
    assert!(
        !outcome.losses.is_empty(),
        "the harness must be able to see a loss: with commits left in the write cache, some cut loses acknowledged work"
    );
}

/// Every roadmap of a store (what "the store as it was" means to a user),
/// after checking the file is sound.
fn contents(path: &Path) -> Vec<fdr_core::Roadmap> {
    let mut store = Store::open(path, fixed_clock(NOW)).expect("reopens directly");
    assert_eq!(
        store.integrity_check().expect("check"),
        ["ok"],
        "sound after the failure"
    );
    let mut all = Vec::new();
    for summary in store.list().expect("list") {
        all.push(store.roadmap(&summary.id).expect("roadmap"));
    }
    all
}

#[test]
fn a_failing_disk_is_named_and_the_store_stays_as_it_was() {
    let disk = SimulatedDisk::take();
    let big = fdr_core::sample::generate("00000000-0000-4000-8000-00000000000b", 4, 60, 20, 4);
    let file = fdr_format::encode(&big, NOW);
    let mut refused = 0;
    // An import then an edit: two transactions, two syncs, dozens of writes.
    let cases = [0, 1, 4, 16, 64]
        .map(|n| (Fault::Write, n))
        .into_iter()
        .chain([0, 1].map(|n| (Fault::Sync, n)));
    for (kind, after) in cases {
        {
            let dir = tempfile::tempdir().expect("tempdir");
            let path = dir.path().join("store.sqlite");
            {
                let mut s = Store::open(&path, fixed_clock(NOW)).expect("new store");
                prepare(&mut s).expect("a roadmap");
            }
            let before = contents(&path);
            let mut store = Store::open_on_vfs(&path, fixed_clock(NOW), VFS).expect("opens on the simulated disk");
            disk.settle();
            disk.fail(kind, after);
            let import = store.import(&file, Some("grande.json"));
            let edit = store.set_diagnosis_text(fdr_tests::workload::EDITED, "pendant la panne");
            disk.repair();
            let what = format!("{kind:?} failing after {after} calls");
            eprintln!(
                "{what}: import {}, edit {}",
                import.as_ref().map_or_else(|e| e.code(), |_| "ok"),
                edit.as_ref().map_or_else(|e| e.code(), |_| "ok")
            );
            for (op, result) in [("import", import.as_ref().err()), ("edit", edit.as_ref().err())] {
                let Some(e) = result else { continue };
                refused += 1;
                assert_eq!(e.code(), "io_error", "{what}: the {op} failure is an I/O error: {e}");
                assert!(
                    e.to_string().contains("disque") && e.to_string().contains("rien n’a été enregistré"),
                    "{what}: the message names the disk and says nothing was recorded: {e}"
                );
            }
            // The same window keeps working once the disk does.
            store
                .set_diagnosis_text(fdr_tests::workload::EDITED, "après la panne")
                .unwrap_or_else(|e| panic!("{what}: the store works again after the failure: {e}"));
            drop(store);
            let after_repair = contents(&path);
            let mut expected = before.clone();
            for r in &mut expected {
                if r.id == fdr_tests::workload::EDITED {
                    r.diagnosis.text = "après la panne".into();
                }
            }
            let imported = fdr_format::decode(&file, fdr_core::catalogue::Catalogue::builtin())
                .expect("a valid file")
                .roadmap;
            if import.is_ok() {
                expected.push(imported);
                expected.sort_by(|a, b| a.id.cmp(&b.id));
            }
            let mut got = after_repair;
            got.sort_by(|a, b| a.id.cmp(&b.id));
            assert!(
                got == expected,
                "{what}: the store holds what it had plus what was acknowledged, nothing of a refused operation (import {})",
                if import.is_ok() { "acknowledged" } else { "refused" }
            );
        }
    }
    assert!(refused >= 12, "the faults must have made operations fail ({refused})");
}

#[test]
fn a_disk_that_cannot_be_read_is_named_and_the_store_is_left_untouched() {
    let disk = SimulatedDisk::take();
    for after in [0, 1, 2, 4, 8] {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("store.sqlite");
        {
            let mut s = Store::open(&path, fixed_clock(NOW)).expect("new store");
            prepare(&mut s).expect("a roadmap");
        }
        let bytes = std::fs::read(&path).expect("store file");
        disk.settle();
        disk.fail(Fault::Read, after);
        let e =
            Store::open_on_vfs(&path, fixed_clock(NOW), VFS).expect_err("a store that cannot be read does not open");
        disk.repair();
        assert_eq!(e.code(), "io_error", "reads failing after {after}: an I/O error: {e}");
        assert!(
            e.to_string().contains("erreur de lecture ou d’écriture sur le disque"),
            "reads failing after {after}: the message names the disk: {e}"
        );
        assert_eq!(
            std::fs::read(&path).expect("store file"),
            bytes,
            "reads failing after {after}: the store file is left as it was"
        );
        let mut again = Store::open_on_vfs(&path, fixed_clock(NOW), VFS).expect("opens once the disk reads again");
        assert_eq!(again.integrity_check().expect("check"), ["ok"], "sound");
        assert!(again.roadmap(fdr_tests::workload::EDITED).is_ok(), "with its roadmap");
    }
}

/// A refused commit stays refused even if the machine then crashes before
/// the store is closed cleanly (the WAL may hold some of the refused
/// transaction's frames; recovery must not replay them), and an
/// acknowledged one is there.
#[test]
fn a_refused_commit_does_not_come_back_after_a_crash() {
    let disk = SimulatedDisk::take();
    let big = fdr_core::sample::generate("00000000-0000-4000-8000-00000000000b", 4, 60, 20, 4);
    let file = fdr_format::encode(&big, NOW);
    // Writes failing at every write of the edit and of the start of the
    // import, and syncs failing at either COMMIT.
    let cases = (0..12)
        .map(|n| (Fault::Write, n))
        .chain([(Fault::Sync, 0), (Fault::Sync, 1)]);
    for (kind, after) in cases {
        let what = format!("{kind:?} failing after {after} calls");
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("store.sqlite");
        {
            let mut s = Store::open(&path, fixed_clock(NOW)).expect("new store");
            prepare(&mut s).expect("a roadmap");
        }
        let mut store = Store::open_on_vfs(&path, fixed_clock(NOW), VFS).expect("opens on the simulated disk");
        disk.settle();
        disk.fail(kind, after);
        let edit = store.set_diagnosis_text(fdr_tests::workload::EDITED, "avant");
        let import = store.import(&file, Some("grande.json"));
        disk.repair();
        assert!(import.is_err(), "{what}: the import is refused");
        // The crash: the files as they are on disk, the store never closed.
        let crash = tempfile::tempdir().expect("tempdir");
        for name in ["store.sqlite", "store.sqlite-wal"] {
            if dir.path().join(name).exists() {
                std::fs::copy(dir.path().join(name), crash.path().join(name)).expect("copy");
            }
        }
        drop(store);
        let after_crash = contents(&crash.path().join("store.sqlite"));
        assert!(
            after_crash.iter().all(|r| r.id != big.id),
            "{what}: the refused import did not come back after the crash"
        );
        let text = &after_crash
            .iter()
            .find(|r| r.id == fdr_tests::workload::EDITED)
            .expect("the edited roadmap")
            .diagnosis
            .text;
        assert_eq!(
            text == "avant",
            edit.is_ok(),
            "{what}: the edit is there if and only if it was acknowledged"
        );
    }
}
