//! Domain core of *Feuilles de route*: what a thematic roadmap is, which rules
//! it obeys, and how its figures are written in French.
//!
//! This crate knows nothing of storage, files, PDF or windows; every other
//! crate (format, store, PDF, CLI, desktop shell) stands on it.
//!
//! - [`roadmap`]: the types of one roadmap. Their serde shape *is* the
//!   exchange format v1 (`docs/format/`): optional fields stay absent rather
//!   than empty, numbers keep their JSON value, text is never normalised.
//! - [`catalogue`]: the region, period, 15 themes and 5 départements shipped
//!   in `assets/themes.json`.
//! - [`validation`]: every refusal rule of the format, returning *all*
//!   problems with their field paths (`actions[3].objectives[0]`).
//! - [`warnings`]: what is shown to the user but kept in the data.
//! - [`french`] and [`calendar`]: money, numbers and dates in French style;
//!   strict parsing of ISO dates and RFC 3339 timestamps (shape checks,
//!   then chrono).
//! - [`markdown`]: the light Markdown of text fields, and nothing more.
//! - [`typography`]: French typography applied when text is shown (PDF,
//!   preview, spreadsheet headings), never to the data.
//! - [`files`]: safe file names proposed from titles.
//! - [`sample`]: deterministic generated roadmaps for tests and benchmarks.
//!
//! Extending it: a new field goes in [`roadmap`] (with its serde attributes),
//! then its checks in [`validation`] (and [`warnings`] if any), then the store
//! and the format crate follow. Time and ids are always passed in by the
//! caller; nothing here reads the clock or draws random numbers.

pub mod calendar;
pub mod catalogue;
pub mod diff;
pub mod files;
pub mod french;
pub mod markdown;
pub mod review;
pub mod roadmap;
pub mod sample;
pub mod typography;
pub mod validation;
pub mod warnings;

pub use roadmap::*;
