//! `cargo bench -p fdr-pdf`: time of each stage of the roadmap PDF (layout,
//! render) for a typical roadmap and a 400-action one, with sizes.
//! The whole-process comparison with Chromium and typst is
//! `bench/pdf/run.sh`; figures in `docs/benchmarks.md`.

use std::time::Instant;

fn main() {
    let quick = !std::env::args().any(|a| a == "--bench");
    let reps = if quick { 1 } else { 10 };
    for (name, actions, indicators) in [("typique", 12, 8), ("400 actions", 400, 120)] {
        let r = fdr_core::sample::generate("00000000-0000-4000-8000-000000000001", 5, actions, indicators, 3);
        let at = "2026-11-23T10:00:00Z";
        let json = fdr_format::encode(&r, at);
        let info = fdr_pdf::roadmap::ExportInfo {
            date: at[..10].into(),
            json_sha256: fdr_pdf::sha256_hex(&json),
        };
        let mut layout = Vec::new();
        let mut whole = Vec::new();
        let mut untagged = Vec::new();
        let mut pages = 0;
        let mut size = 0;
        for _ in 0..reps {
            let t = Instant::now();
            let mut fonts = fdr_pdf::fonts::Fonts::new();
            let doc = fdr_pdf::roadmap::layout(&r, &info, &mut fonts);
            layout.push(t.elapsed().as_secs_f64() * 1000.0);
            pages = doc.pages.len();
            let t = Instant::now();
            let pdf = fdr_pdf::roadmap_pdf(&r, &json, at);
            whole.push(t.elapsed().as_secs_f64() * 1000.0);
            size = pdf.len();
            let t = Instant::now();
            let plain = fdr_pdf::roadmap_pdf_with(&r, &json, at, fdr_pdf::render::RenderOptions { tagged: false });
            untagged.push(t.elapsed().as_secs_f64() * 1000.0);
            assert!(plain.len() < pdf.len(), "an untagged file is smaller");
        }
        for v in [&mut layout, &mut whole, &mut untagged] {
            v.sort_by(f64::total_cmp);
        }
        let (tagged_ms, untagged_ms) = (whole[whole.len() / 2], untagged[untagged.len() / 2]);
        println!(
            "{name}: {pages} pages, {:.0} KiB; layout {:.1} ms, layout + render {tagged_ms:.1} ms; untagged {untagged_ms:.1} ms \
             (tagging +{:.0} %) (medians of {reps})",
            size as f64 / 1024.0,
            layout[layout.len() / 2],
            (tagged_ms / untagged_ms - 1.0) * 100.0
        );
    }
}
