//! Cross-crate tests of *Feuilles de route* live in `tests/tests/` (one
//! file per concern). This library holds what several of them share: the
//! editing workload of the crash tests ([`workload`]) and a simulated disk
//! for SQLite that cuts the power or fails on demand ([`simulated_disk`]).

pub mod simulated_disk;
pub mod workload;
