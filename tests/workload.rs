//! The editing workload of the crash and power-cut tests, and the check
//! that follows each crash: a roadmap edited in place (actions with
//! funding lines, the diagnosis text) and three roadmaps that only ever
//! arrive by import. Each operation is one transaction; [`Acked`] records
//! those the store acknowledged (returned `Ok`, after COMMIT), and
//! [`check_store`] says whether a store still holds all of them, with every
//! transaction whole. To add an operation, add a branch to [`step`], an
//! [`Ack`] variant, and its check.

use fdr_core::sample::{generate, Sequence};
use fdr_core::*;
use fdr_store::{fixed_clock, Store, StoreError};
use std::collections::HashMap;
use std::path::Path;

/// Roadmaps that only ever arrive by import.
pub const IMPORTED: [&str; 3] = [
    "11111111-1111-4111-8111-111111111111",
    "22222222-2222-4222-8222-222222222222",
    "33333333-3333-4333-8333-333333333333",
];
/// The roadmap that is edited in place.
pub const EDITED: &str = "44444444-4444-4444-8444-444444444444";
/// The time every store of the workload is opened with.
pub const NOW: &str = "2026-11-23T10:00:00Z";

/// A count from the environment variable `name` (e.g. `FDR_CRASH_KILLS`),
/// or `default`.
pub fn env_count(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|s| s.parse().ok()).unwrap_or(default)
}

/// A seed from the environment variable `name` (to replay a run), or from
/// the clock; the tests print it.
pub fn env_seed(name: &str) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos() as u64)
                .unwrap_or(7)
        })
}

/// The file of revision `rev` of an imported roadmap (deterministic).
pub fn revision_file(id: &str, rev: i64) -> Vec<u8> {
    let mut r = generate(id, 1 + rev % 15, 3 + (rev % 7) as usize, 2, rev as u64);
    r.revision = rev;
    fdr_format::encode(&r, NOW)
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

/// An operation the store acknowledged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ack {
    /// Action `code` added with `k` funding lines.
    Action(String, usize),
    /// Diagnosis text set to `v{n}`.
    Text(u64),
    /// Revision `rev` of roadmap `id` imported.
    Import(String, i64),
}

/// Creates the edited roadmap when the store does not have it yet, and
/// returns the version of its diagnosis text.
pub fn prepare(store: &mut Store) -> Result<u64, StoreError> {
    if store.roadmap(EDITED).is_err() {
        store.create_roadmap(EDITED, 9)?;
        store.add_objective(
            EDITED,
            &Objective {
                id: "O1".into(),
                priority: 1,
                title: "Objectif".into(),
                text: None,
                territories: None,
            },
        )?;
    }
    Ok(store
        .roadmap(EDITED)?
        .diagnosis
        .text
        .strip_prefix('v')
        .and_then(|n| n.parse().ok())
        .unwrap_or(0))
}

/// One random operation: half the time an action, then the text, then an
/// import of the next revision of an imported roadmap.
pub fn step(store: &mut Store, seq: &mut Sequence, text_version: &mut u64) -> Result<Ack, StoreError> {
    match seq.below(10) {
        0..=4 => {
            let code = store.next_local_id(EDITED, 'A')?;
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
            store.add_action(EDITED, &action)?;
            Ok(Ack::Action(code, k))
        }
        5..=6 => {
            store.set_diagnosis_text(EDITED, &format!("v{}", *text_version + 1))?;
            *text_version += 1;
            Ok(Ack::Text(*text_version))
        }
        _ => {
            let id = IMPORTED[seq.below(3) as usize];
            let current = store.roadmap(id).map(|r| r.revision).unwrap_or(0);
            let rev = current + 1;
            store.import(&revision_file(id, rev), Some("crash.json"))?;
            Ok(Ack::Import(id.to_string(), rev))
        }
    }
}

/// Everything acknowledged so far.
#[derive(Default, Debug)]
pub struct Acked {
    actions: HashMap<String, usize>,
    text: u64,
    imports: HashMap<String, i64>,
    /// How many acknowledgements were recorded.
    pub count: usize,
}

impl Acked {
    /// Records an acknowledged operation.
    pub fn record(&mut self, ack: Ack) {
        match ack {
            Ack::Action(code, k) => {
                self.actions.insert(code, k);
            }
            Ack::Text(n) => self.text = n,
            Ack::Import(id, rev) => {
                self.imports.insert(id, rev);
            }
        }
        self.count += 1;
    }

    /// Forgets what was acknowledged (after a loss, to go on from what the
    /// store holds); the count stays.
    pub fn forget(&mut self) {
        *self = Self {
            count: self.count,
            ..Self::default()
        };
    }
}

/// Opens the store at `path` (directly, not through a simulated disk) and
/// says what is wrong with it, if anything: integrity, a lost acknowledged
/// operation, a half-written transaction.
pub fn check_store(path: &Path, acked: &Acked) -> Result<(), String> {
    let mut store = Store::open(path, fixed_clock(NOW)).map_err(|e| format!("reopen: {e}"))?;
    let integrity = store.integrity_check().map_err(|e| e.to_string())?;
    if integrity != ["ok"] {
        return Err(format!("integrity_check: {integrity:?}"));
    }
    let edited = match store.roadmap(EDITED) {
        Ok(r) => r,
        Err(_) if acked.count == 0 => return Ok(()),
        Err(e) => return Err(format!("the edited roadmap is gone: {e}")),
    };
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
