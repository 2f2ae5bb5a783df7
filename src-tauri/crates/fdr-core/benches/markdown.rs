//! `cargo bench -p fdr-core --bench markdown`: the light-Markdown parser on
//! texts of 200,000 characters (the format's limit for one text field) made
//! to be hard for it — unmatched `*`, `**` and `_`, alternations, nesting,
//! runs of `*x ** ` — next to plain text and well-formed emphasis of the same
//! length; then the first parser (`src/markdown_reference.rs`, cubic on some
//! of these) on the same patterns at 2,000 characters, since at 200,000 it
//! would run for days.
//!
//! Ends with a table: each case's median time and its ratio to plain text
//! (the target is at most 2×).

use criterion::{BenchmarkId, Criterion, Throughput};
use std::hint::black_box;
use std::time::{Duration, Instant};

#[path = "../src/markdown_reference.rs"]
mod reference;

const CHARS: usize = 200_000;
const REFERENCE_CHARS: usize = 2_000;

/// The cases: a name and the unit repeated to the length.
const CASES: [(&str, &str); 11] = [
    (
        "texte simple",
        "Les familles monoparentales du bassin minier, accompagnées en 2023. ",
    ),
    (
        "emphase bien formée",
        "Les **familles** du *bassin minier* et **leurs *enfants* accueillis**. ",
    ),
    ("* non fermés", "*a "),
    ("** non fermés", "**a "),
    ("_ non fermés", "_a "),
    ("alternance * ** _", "*a **b _c "),
    ("alternance ** *", "**a *b "),
    ("imbrication", "*a **b *c **d "),
    ("suites « *x ** »", "*x ** "),
    ("suites « **x * »", "**x * "),
    ("étoiles seules", "*"),
];

/// `unit` repeated to exactly `chars` characters.
fn text(unit: &str, chars: usize) -> String {
    unit.chars().cycle().take(chars).collect()
}

fn median_ms(f: impl Fn()) -> f64 {
    let mut times: Vec<f64> = (0..11)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

fn main() {
    let mut c = Criterion::default()
        .configure_from_args()
        .sample_size(20)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(1));

    let mut group = c.benchmark_group(format!("markdown::parse, {CHARS} caractères"));
    group.throughput(Throughput::Elements(CHARS as u64));
    for (name, unit) in CASES {
        let t = text(unit, CHARS);
        group.bench_with_input(BenchmarkId::from_parameter(name), &t, |b, t| {
            b.iter(|| fdr_core::markdown::parse(black_box(t)))
        });
    }
    group.finish();

    let mut group = c.benchmark_group(format!("premier analyseur (référence), {REFERENCE_CHARS} caractères"));
    group.sample_size(10);
    for (name, unit) in CASES {
        let t = text(unit, REFERENCE_CHARS);
        group.bench_with_input(BenchmarkId::new("référence", name), &t, |b, t| {
            b.iter(|| reference::parse(black_box(t)))
        });
        group.bench_with_input(BenchmarkId::new("linéaire", name), &t, |b, t| {
            b.iter(|| fdr_core::markdown::parse(black_box(t)))
        });
    }
    group.finish();
    c.final_summary();

    // The figures side by side, as docs/benchmarks.md quotes them.
    let plain_text = text(CASES[0].1, CHARS);
    let plain = median_ms(|| {
        black_box(fdr_core::markdown::parse(&plain_text));
    });
    println!("\nmarkdown::parse, médiane de 11 passes");
    println!(
        "{:<24} {:>12} {:>10} {:>16} {:>16}",
        "cas",
        format!("{CHARS} car."),
        "× simple",
        format!("réf. {REFERENCE_CHARS} car."),
        format!("lin. {REFERENCE_CHARS} car.")
    );
    for (name, unit) in CASES {
        let t = text(unit, CHARS);
        let new = median_ms(|| {
            black_box(fdr_core::markdown::parse(&t));
        });
        let small = text(unit, REFERENCE_CHARS);
        let old_small = median_ms(|| {
            black_box(reference::parse(&small));
        });
        let new_small = median_ms(|| {
            black_box(fdr_core::markdown::parse(&small));
        });
        println!(
            "{name:<24} {new:>9.2} ms {:>9.2}× {old_small:>13.3} ms {new_small:>13.3} ms",
            new / plain
        );
    }
}
