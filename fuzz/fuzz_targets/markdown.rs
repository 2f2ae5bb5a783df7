//! The light-Markdown parser alone, on any text: it never panics, it drops
//! nothing but markers, and on short texts it reads exactly as the first
//! parser did (`fdr-core/src/markdown_reference.rs`, too slow for long ones).
//! libFuzzer's per-input timeout (5 s in scripts/fuzz.sh) catches a slow text.
#![no_main]
use libfuzzer_sys::fuzz_target;

#[path = "../../src-tauri/crates/fdr-core/src/markdown_reference.rs"]
mod reference;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let spans = fdr_core::markdown::inline(&text);
    let shown: String = spans.iter().map(|s| s.text.as_str()).collect();
    let no_stars = |s: &str| s.chars().filter(|c| *c != '*').collect::<String>();
    assert_eq!(no_stars(&shown), no_stars(&text), "only markers disappear");
    for pair in spans.windows(2) {
        assert!(
            (pair[0].bold, pair[0].italic) != (pair[1].bold, pair[1].italic),
            "neighbouring spans of one style are merged"
        );
    }
    assert!(spans.iter().all(|s| !s.text.is_empty()), "no empty span");
    let blocks = fdr_core::markdown::parse(&text);
    if text.len() <= 512 {
        let old: Vec<(String, bool, bool)> = reference::inline(&text)
            .into_iter()
            .map(|s| (s.text, s.bold, s.italic))
            .collect();
        let new: Vec<(String, bool, bool)> = spans.into_iter().map(|s| (s.text, s.bold, s.italic)).collect();
        assert_eq!(new, old, "reads as the first parser");
        assert_eq!(
            blocks.len(),
            reference::parse(&text).len(),
            "same blocks as the first parser"
        );
    }
    let _ = fdr_core::markdown::plain_text(&text);
});
