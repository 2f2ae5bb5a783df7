//! The error the UI sees: a short stable code it switches on, and a French
//! message for people.

use fdr_store::StoreError;
use serde::Serialize;

/// `{code, message}` at the IPC boundary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[error("{message}")]
pub struct AppError {
    /// e.g. `referenced`, `duplicate_id`, `disk_full`, `invalid_input`.
    pub code: String,
    /// What went wrong, in French, naming the item or file.
    pub message: String,
}

impl AppError {
    /// An error with its code and message.
    pub fn new(code: &str, message: impl Into<String>) -> Self {
        Self {
            code: code.to_string(),
            message: message.into(),
        }
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        Self::new(e.code(), e.to_string())
    }
}
