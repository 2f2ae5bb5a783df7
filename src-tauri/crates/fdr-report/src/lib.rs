//! The secretariat's consolidated outputs, built from the roadmaps a store
//! holds: the regional tables ([`tables`]) written as an XLSX workbook
//! ([`xlsx`]) or as CSV files for French Excel ([`csv`]).
//!
//! Extending it: a new output is a writer over [`tables::sheets`]; a new
//! column goes into the sheet in `tables` and every writer follows.

pub mod csv;
pub mod tables;
pub mod xlsx;

pub use tables::{sheets, Cell, Included, Kind, Sheet};

/// Why a consolidated file could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// The XLSX writer failed.
    #[error("classeur XLSX impossible à écrire : {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
}
