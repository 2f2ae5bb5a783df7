//! The bounded PDF reader on arbitrary bytes: an error or the attachments,
//! never a panic, never unbounded work.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(files) = fdr_format::pdf::extract_attachments(data) {
        assert!(
            files.len() <= fdr_format::pdf::MAX_ATTACHMENTS,
            "bounded number of attachments"
        );
    }
    let _ = fdr_format::pdf::extract_attachment(data);
});
