//! `cargo bench -p fdr-pdf`: time of each stage of the roadmap PDF (layout,
//! render) for a typical roadmap and a 400-action one, with sizes; then
//! hostile texts of 200,000 characters against plain text of the same
//! length, in one roadmap and in the consolidation of 15 roadmaps that each
//! hold one. The whole-process comparison with Chromium and typst is
//! `bench/pdf/run.sh`; figures in `docs/benchmarks-pdf.md`.

use std::time::Instant;

/// CPU time of the process so far (all threads, ms), from `/proc/self/stat`
/// on Linux: on a shared machine it moves far less than wall time.
fn cpu_ms() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return 0.0;
    };
    // After the command's closing parenthesis come field 3 (state) onwards:
    // utime and stime (fields 14 and 15, in 10 ms ticks) are the 12th and 13th.
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let f: Vec<f64> = rest.split_whitespace().map(|x| x.parse().unwrap_or(0.0)).collect();
    f.get(11).zip(f.get(12)).map_or(0.0, |(u, s)| (u + s) * 10.0)
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn stages(reps: usize) {
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
        let (tagged_ms, untagged_ms) = (median(whole), median(untagged));
        println!(
            "{name}: {pages} pages, {:.0} KiB; layout {:.1} ms, layout + render {tagged_ms:.1} ms; untagged {untagged_ms:.1} ms \
             (tagging +{:.0} %) (medians of {reps})",
            size as f64 / 1024.0,
            median(layout),
            (tagged_ms / untagged_ms - 1.0) * 100.0
        );
    }
}

/// `n` characters of `unit` repeated.
fn repeat(unit: &str, n: usize) -> String {
    unit.chars().cycle().take(n).collect()
}

/// The texts of the comparison: plain prose first, then the hostile ones.
fn texts(n: usize) -> Vec<(&'static str, String, bool)> {
    // (name, text, uses emphasis markers: depends on the Markdown parser)
    vec![
        (
            "texte ordinaire",
            repeat(
                "Le développement de l’offre d’accueil du jeune enfant et la mixité sociale. ",
                n,
            ),
            false,
        ),
        ("un seul mot", repeat("x", n), false),
        ("lignes courtes", repeat("ab\n", n), false),
        ("arabe et hébreu", repeat("مرحبا بالعالم שלום עולם ", n), false),
        ("emoji", repeat("😀👍🎉✅ ", n), false),
        (
            "diacritiques empilés",
            format!("a{}", repeat("\u{301}\u{316}", n - 1)),
            false,
        ),
        (
            "ponctuation et guillemets",
            repeat("\"oui\"; non: ... l'été? ", n),
            false,
        ),
        ("soulignés", repeat("__x_ _", n), false),
        ("astérisques seuls", repeat("*", n), true),
        ("emphases non fermées", repeat("*x ** ", n), true),
        ("emphases alternées", repeat("**a *b** c* ", n), true),
        (
            "emphases imbriquées",
            format!("{}{}", repeat("**", n / 2), repeat("x", n / 2)),
            true,
        ),
    ]
}

fn with_text(seed: u64, theme: i64, text: &str) -> (fdr_core::Roadmap, Vec<u8>) {
    let mut r = fdr_core::sample::generate(
        &format!("00000000-0000-4000-8000-0000000002{theme:02}"),
        theme,
        12,
        8,
        seed,
    );
    r.diagnosis.text = text.to_string();
    let json = fdr_format::encode(&r, "2026-11-23T10:00:00Z");
    (r, json)
}

fn hostile(reps: usize) {
    let n = 200_000;
    // Is the Markdown parser linear here? Emphasis-heavy texts are only
    // measured when 1,000 characters of them parse in under 5 ms (a linear
    // parser takes microseconds; the quadratic one took 1.7 s for 3,000).
    let probe = repeat("*x ** ", 1_000);
    let t = Instant::now();
    let _ = fdr_core::markdown::parse(&probe);
    let parse_ms = t.elapsed().as_secs_f64() * 1000.0;
    let parser_linear = parse_ms < 5.0;
    println!(
        "Markdown parser: 1 000 characters of « *x ** » parse in {parse_ms:.1} ms{}",
        if parser_linear {
            ""
        } else {
            " — quadratic here: the texts using emphasis are left out until the linear parser lands"
        }
    );
    let at = "2026-11-23T10:00:00Z";
    // `FDR_BENCH_ONLY=emoji` measures one text (and the plain one) alone.
    let only = std::env::var("FDR_BENCH_ONLY").ok();
    let all = texts(n);
    let (plain_name, plain_text, _) = &all[0];
    let plain_one = with_text(3, 5, plain_text);
    let plain_sources: Vec<(fdr_core::Roadmap, Vec<u8>)> =
        (1..=15).map(|t| with_text(100 + t as u64, t, plain_text)).collect();
    let mut quick_plain: Option<(f64, f64)> = None;
    for (name, text, markup) in &all {
        if only.as_deref().is_some_and(|o| !name.contains(o) && name != plain_name) {
            continue;
        }
        if *markup && !parser_linear {
            println!("{name}: left out (parser)");
            continue;
        }
        let (r, json) = with_text(3, 5, text);
        let sources: Vec<(fdr_core::Roadmap, Vec<u8>)> = (1..=15).map(|t| with_text(100 + t as u64, t, text)).collect();
        // Each measure of the hostile text is paired with one of the plain
        // text taken just before it, so that both see the machine in the
        // same state (a shared machine's speed drifts by tens of per cent
        // within a minute); the ratio is of the two medians.
        let mut size = 0;
        let (one, one_cpu, p1, p1c) = paired(
            reps,
            || {
                let _ = fdr_pdf::roadmap_pdf(&plain_one.0, &plain_one.1, at);
            },
            || size = fdr_pdf::roadmap_pdf(&r, &json, at).len(),
        );
        let consolidate = |sources: &[(fdr_core::Roadmap, Vec<u8>)]| {
            let src: Vec<fdr_pdf::Source> = sources
                .iter()
                .map(|(r, json)| fdr_pdf::Source {
                    roadmap: r,
                    json,
                    exported_at: at,
                    review: None,
                })
                .collect();
            assert!(fdr_pdf::consolidated_pdf(&src, "2026-12-01T09:00:00Z").len() > 1000);
        };
        // In the quick mode (`cargo test --benches`: one run, a check that
        // every text goes through), the plain text's consolidation is made
        // once, not once per text: unoptimised, it takes seconds.
        let (all, all_cpu, pa, pac) = match quick_plain {
            Some((pa, pac)) if reps == 1 => {
                let (all, all_cpu, _, _) = paired(1, || (), || consolidate(&sources));
                (all, all_cpu, pa, pac)
            }
            _ => paired(
                reps.div_ceil(3),
                || consolidate(&plain_sources),
                || consolidate(&sources),
            ),
        };
        quick_plain.get_or_insert((pa, pac));
        println!(
            "{name} ({} caractères, {} Kio) : une feuille de route {one:.0} ms, CPU {one_cpu:.0} ms ({:.2}× / CPU {:.2}× le texte ordinaire) ; \
             consolidation de 15 {all:.0} ms, CPU {all_cpu:.0} ms ({:.2}× / CPU {:.2}×)",
            text.chars().count(),
            size / 1024,
            one / p1,
            one_cpu / p1c.max(0.001),
            all / pa,
            all_cpu / pac.max(0.001),
        );
    }
}

/// Runs `plain` then `hostile`, `reps` times: the median wall time and the
/// mean CPU time of each, in ms (hostile first).
fn paired(reps: usize, mut plain: impl FnMut(), mut hostile: impl FnMut()) -> (f64, f64, f64, f64) {
    let (mut wall_p, mut wall_h, mut cpu_p, mut cpu_h) = (Vec::new(), Vec::new(), 0.0, 0.0);
    for _ in 0..reps {
        let (c, t) = (cpu_ms(), Instant::now());
        plain();
        wall_p.push(t.elapsed().as_secs_f64() * 1000.0);
        cpu_p += cpu_ms() - c;
        let (c, t) = (cpu_ms(), Instant::now());
        hostile();
        wall_h.push(t.elapsed().as_secs_f64() * 1000.0);
        cpu_h += cpu_ms() - c;
    }
    let n = reps as f64;
    (median(wall_h), cpu_h / n, median(wall_p), cpu_p / n)
}

fn main() {
    let quick = !std::env::args().any(|a| a == "--bench");
    let reps = if quick { 1 } else { 10 };
    if std::env::var("FDR_BENCH_ONLY").is_err() {
        stages(reps);
    }
    hostile(if quick { 1 } else { 15 });
}
