//! Cross-crate tests of *Feuilles de route* live in `tests/tests/` (one file per concern); this library is empty.
