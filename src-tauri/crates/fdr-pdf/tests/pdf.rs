//! The roadmap PDF end to end, over the public example and a generated
//! 400-action roadmap: checked with poppler and qpdf (installed by
//! `scripts/setup.sh`), read back through the attachment, deterministic.

use fdr_core::catalogue::Catalogue;
use fdr_core::Roadmap;
use fdr_pdf::layout::Item;
use std::path::{Path, PathBuf};
use std::process::Command;

const EXAMPLE: &[u8] = include_bytes!("../../../../docs/format/example-theme-09.json");

fn example() -> (Roadmap, Vec<u8>, String) {
    let d = fdr_format::decode(EXAMPLE, Catalogue::builtin()).expect("example is valid");
    let json = fdr_format::encode(&d.roadmap, &d.exported_at);
    (d.roadmap, json, d.exported_at)
}

fn large() -> (Roadmap, Vec<u8>, String) {
    let r = fdr_core::sample::generate("0f1e2d3c-4b5a-4697-8877-66554433aa11", 4, 400, 120, 11);
    let at = "2026-11-23T10:00:00Z".to_string();
    let json = fdr_format::encode(&r, &at);
    (r, json, at)
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).expect("write pdf");
    p
}

fn run(cmd: &str, args: &[&str]) -> (bool, String, String) {
    let out = Command::new(cmd)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{cmd} must be installed (scripts/setup.sh installs poppler-utils and qpdf): {e}"));
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn check_document(name: &str, (roadmap, json, at): (Roadmap, Vec<u8>, String)) {
    let dir = tempfile::tempdir().expect("tempdir");
    let pdf = fdr_pdf::roadmap_pdf(&roadmap, &json, &at);
    let again = fdr_pdf::roadmap_pdf(&roadmap, &json, &at);
    assert!(pdf == again, "{name}: the same roadmap and date give the same bytes");
    let path = write(dir.path(), &format!("{name}.pdf"), &pdf);
    let p = path.to_str().expect("utf-8 path");

    let (ok, out, err) = run("qpdf", &["--check", p]);
    assert!(
        ok && out.contains("No syntax or stream encoding errors"),
        "{name}: qpdf --check is clean:\n{out}{err}"
    );

    let (ok, fonts, _) = run("pdffonts", &[p]);
    assert!(ok);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty(), "{name}: fonts are listed");
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        let n = cols.len();
        assert_eq!(
            &cols[n - 5..n - 2],
            ["yes", "yes", "yes"],
            "{name}: every font embedded, subset, with Unicode map: {row}"
        );
    }

    let (ok, text, _) = run("pdftotext", &[p, "-"]);
    assert!(ok);
    let flat = squash(&text);
    for o in &roadmap.objectives {
        assert!(
            flat.contains(&squash(&o.title)),
            "{name}: objective {} title is in the text",
            o.id
        );
    }
    for a in &roadmap.actions {
        assert!(
            flat.contains(&squash(&a.title)),
            "{name}: action {} title is in the text",
            a.id
        );
    }
    for x in &roadmap.indicators {
        assert!(
            flat.contains(&squash(&x.name)),
            "{name}: indicator {} name is in the text",
            x.id
        );
    }
    assert!(text.contains("Page 1 / "), "{name}: footer page numbers");

    let (ok, xmp, _) = run("pdfinfo", &["-meta", p]);
    assert!(
        ok && xmp.contains("<pdfuaid:part>1</pdfuaid:part>") && xmp.contains("fr-FR"),
        "{name}: XMP with the PDF/UA id"
    );
    let (ok, info, _) = run("pdfinfo", &[p]);
    assert!(ok && info.contains("Tagged:          yes"), "{name}: tagged");
    assert!(
        info.contains(&format!(
            "Title:           Feuille de route — Thème n° {}",
            roadmap.theme.number
        )),
        "{name}: title set"
    );

    // The attachment is the JSON, byte for byte, and imports into a fresh store.
    let (ok, list, _) = run("pdfdetach", &["-list", p]);
    assert!(
        ok && list.contains("feuille-de-route.json"),
        "{name}: poppler sees the attachment: {list}"
    );
    assert_eq!(
        fdr_format::pdf::extract_attachment(&pdf).expect("attachment"),
        json,
        "{name}: attachment is the JSON"
    );
    let mut store = fdr_store::Store::open_in_memory(fdr_store::fixed_clock("2026-11-23T12:00:00Z")).expect("store");
    store.import(&pdf, Some("x.pdf")).expect("the PDF imports");
    let back = store.export_json(&roadmap.id, "2030-01-01T00:00:00Z").expect("export");
    assert_eq!(
        back.bytes, json,
        "{name}: export PDF → import PDF → export JSON gives the same file"
    );
}

#[test]
fn the_public_example() {
    check_document("example", example());
}

#[test]
fn a_roadmap_of_400_actions() {
    check_document("large", large());
}

#[test]
fn nothing_is_drawn_outside_the_page_and_body_text_stays_in_the_margins() {
    for (name, (r, json, at)) in [("example", example()), ("large", large())] {
        let mut fonts = fdr_pdf::fonts::Fonts::new();
        let info = fdr_pdf::roadmap::ExportInfo {
            date: at[..10].to_string(),
            json_sha256: fdr_pdf::sha256_hex(&json),
        };
        let doc = fdr_pdf::roadmap::layout(&r, &info, &mut fonts);
        for (i, page) in doc.pages.iter().enumerate() {
            let g = page.geometry;
            for placed in &page.items {
                let (l, t, rr, b) = placed.item.bounds();
                assert!(
                    l >= -0.01 && rr <= g.width + 0.01 && t >= -0.01 && b <= g.height + 0.01,
                    "{name} p{i}: inside the page"
                );
                if let Item::Text { .. } = placed.item {
                    assert!(
                        l >= g.left - 0.5 && rr <= g.width - g.right + 0.5,
                        "{name} p{i}: text {l}..{rr} within the side margins"
                    );
                }
            }
        }
        // Headings are never the last thing on a page.
        for h in &doc.headings {
            let page = &doc.pages[h.at.page];
            let g = page.geometry;
            let below = page
                .items
                .iter()
                .filter(|p| matches!(p.item, Item::Text { y, .. } if y > h.at.y + 30.0 && y < g.body_bottom()))
                .count();
            assert!(
                below > 0,
                "{name}: heading « {} » has text after it on page {}",
                h.title,
                h.at.page + 1
            );
        }
    }
}

#[test]
fn hostile_text_is_set_without_panic_and_stays_extractable() {
    let (mut r, _, at) = example();
    r.diagnosis.text = format!("{}\n\nمرحبا بالعالم — שלום 😀 漢字 \u{1}", "x".repeat(100_000));
    r.objectives[0].title = "Titre très long ".repeat(200);
    r.actions[0].title = "<img src=x onerror=alert(1)> ** * **".into();
    let json = fdr_format::encode(&r, &at);
    let pdf = fdr_pdf::roadmap_pdf(&r, &json, &at);
    let dir = tempfile::tempdir().expect("tempdir");
    let path = write(dir.path(), "hostile.pdf", &pdf);
    let (ok, text, _) = run("pdftotext", &[path.to_str().expect("utf-8"), "-"]);
    assert!(ok);
    assert!(
        text.contains("漢字"),
        "characters no font has are drawn as replacements but extract as themselves"
    );
    assert!(text.contains("<img src=x onerror=alert(1)>"), "markup is text");
    let (ok, out, _) = run("qpdf", &["--check", path.to_str().expect("utf-8")]);
    assert!(ok, "{out}");
}

#[test]
fn bad_pdfs_are_refused_with_the_right_message() {
    let (r, json, at) = example();
    let pdf = fdr_pdf::roadmap_pdf(&r, &json, &at);
    let mut store = fdr_store::Store::open_in_memory(fdr_store::fixed_clock("2026-11-23T12:00:00Z")).expect("store");
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("truncated", pdf[..pdf.len() / 3].to_vec(), "PDF endommagé"),
        (
            "no attachment",
            b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF".to_vec(),
            "feuille-de-route.json",
        ),
        (
            "random bytes after a header",
            [
                b"%PDF-1.4\n".to_vec(),
                (0..5000u32).map(|i| (i * 7919 % 251) as u8).collect(),
            ]
            .concat(),
            "PDF",
        ),
    ];
    for (what, bytes, expected) in cases {
        let err = store.import(&bytes, None).expect_err(what);
        assert!(
            err.to_string().contains(expected),
            "{what}: message names the problem: {err}"
        );
        assert!(store.list().expect("list").is_empty(), "{what}: nothing written");
    }
    // A PDF whose attachment is a roadmap breaking a rule is refused like the JSON would be.
    let mut v: serde_json::Value = serde_json::from_slice(&json).expect("json");
    v["actions"][0]["objectives"][0] = "O7".into();
    let bad_json = serde_json::to_vec(&v).expect("json");
    let bad_pdf = fdr_pdf::roadmap_pdf(&r, &bad_json, &at);
    let err = store.import(&bad_pdf, None).expect_err("rule broken");
    assert!(
        err.to_string().contains("actions[0].objectives[0]"),
        "the field is named: {err}"
    );
}

#[test]
fn the_structure_tree_reads_in_order_with_headings_tables_and_no_page_furniture() {
    for (name, (roadmap, json, at)) in [("example", example()), ("large", large())] {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = write(dir.path(), "t.pdf", &fdr_pdf::roadmap_pdf(&roadmap, &json, &at));
        let (ok, tree, err) = run("pdfinfo", &["-struct-text", path.to_str().expect("utf-8")]);
        assert!(ok, "{name}: {err}");
        let roles: Vec<&str> = tree
            .lines()
            .map(str::trim)
            .filter_map(|l| l.split_whitespace().next())
            .map(|r| r.trim_end_matches(':'))
            .collect();
        let levels: Vec<u8> = roles
            .iter()
            .filter_map(|r| r.strip_prefix('H').and_then(|n| n.parse::<u8>().ok()))
            .collect();
        assert!(
            levels.len() > 5 && levels[0] == 1,
            "{name}: headings start at H1: {levels:?}"
        );
        for w in levels.windows(2) {
            assert!(
                w[1] <= w[0] + 1,
                "{name}: no heading level skipped ({} after {})",
                w[1],
                w[0]
            );
        }
        for role in [
            "Table", "THead", "TBody", "TR", "TH", "TD", "Figure", "L", "LI", "Lbl", "LBody", "TOC", "TOCI", "Link",
            "Sect",
        ] {
            assert!(roles.contains(&role), "{name}: the tree has {role}");
        }
        let flat = squash(&tree);
        for t in roadmap
            .objectives
            .iter()
            .map(|o| &o.title)
            .chain(roadmap.actions.iter().map(|a| &a.title))
        {
            assert!(flat.contains(&squash(t)), "{name}: « {t} » is in the structure tree");
        }
        for x in &roadmap.indicators {
            assert!(
                flat.contains(&squash(&x.name)),
                "{name}: indicator {} is in the structure tree",
                x.id
            );
        }
        assert!(
            !tree.contains("Page 1 /") && !tree.contains("exportée le"),
            "{name}: header and footer are artifacts"
        );
        // The section headings come in document order.
        let order: Vec<usize> = [
            "1. Diagnostic",
            "2. Objectifs",
            "3. Moyens",
            "4. Indicateurs",
            "5. Participation",
            "Annexe",
        ]
        .iter()
        .map(|h| tree.rfind(h).unwrap_or_else(|| panic!("{name}: {h} in the tree")))
        .collect();
        assert!(
            order.windows(2).all(|w| w[0] < w[1]),
            "{name}: sections in reading order: {order:?}"
        );
    }
}

#[test]
fn figures_carry_alternative_text_stating_their_values() {
    let (r, json, at) = example();
    let mut fonts = fdr_pdf::fonts::Fonts::new();
    let info = fdr_pdf::roadmap::ExportInfo {
        date: at[..10].to_string(),
        json_sha256: fdr_pdf::sha256_hex(&json),
    };
    let doc = fdr_pdf::roadmap::layout(&r, &info, &mut fonts);
    let alts: Vec<&str> = doc
        .tree
        .nodes
        .iter()
        .filter(|n| n.role == fdr_pdf::layout::Role::Figure)
        .map(|n| n.alt.as_deref().expect("every figure has alternative text"))
        .collect();
    assert_eq!(alts.len(), 3, "a Gantt and one chart per indicator: {alts:?}");
    assert!(
        alts.iter()
            .any(|a| a.contains("399\u{A0}jeunes au 31/12/2018") && a.contains("310\u{A0}jeunes au 31/12/2019")),
        "{alts:?}"
    );
    assert!(
        alts.iter().any(|a| a.contains("A1 du 01/09/2019 au 31/12/2021")),
        "{alts:?}"
    );
}

/// The 15 sample roadmaps the PDF benchmark consolidates, one per theme.
fn fifteen() -> Vec<(Roadmap, Vec<u8>, String)> {
    (1..=15)
        .map(|t| {
            let r = fdr_core::sample::generate(
                &format!("00000000-0000-4000-8000-0000000001{t:02}"),
                t,
                12,
                8,
                t as u64 + 100,
            );
            let at = "2026-11-23T10:00:00Z".to_string();
            let json = fdr_format::encode(&r, &at);
            (r, json, at)
        })
        .collect()
}

fn consolidated(sources: &[(Roadmap, Vec<u8>, String)]) -> Vec<u8> {
    let s: Vec<fdr_pdf::Source> = sources
        .iter()
        .map(|(r, json, at)| fdr_pdf::Source {
            roadmap: r,
            json,
            exported_at: at,
            review: None,
        })
        .collect();
    fdr_pdf::consolidated_pdf(&s, "2026-12-01T09:00:00Z")
}

fn consolidated_layout(sources: &[(Roadmap, Vec<u8>, String)]) -> fdr_pdf::layout::Document {
    consolidated_layout_reviewed(sources, |_| None)
}

/// The longest review states the overview can give, on every theme in turn.
const REVIEW_STATES: [&str; 4] = [
    "Modifications demandées (r12), 12 bloquantes ouvertes",
    "Remarques sans décision (r3), 4 sans réponse",
    "Validée (r7)",
    "Pas d’avis",
];

fn consolidated_layout_reviewed(
    sources: &[(Roadmap, Vec<u8>, String)],
    review: impl Fn(usize) -> Option<String>,
) -> fdr_pdf::layout::Document {
    let parts = parts_of(sources, review);
    let mut fonts = fdr_pdf::fonts::Fonts::new();
    fdr_pdf::consolidated::layout(&parts, "2026-12-01", &fdr_pdf::consolidated::Scope::Region, &mut fonts)
}

/// The parts of a consolidation of `sources`, the `i`-th reviewed as `review(i)` says.
fn parts_of(
    sources: &[(Roadmap, Vec<u8>, String)],
    review: impl Fn(usize) -> Option<String>,
) -> Vec<fdr_pdf::consolidated::Part<'_>> {
    sources
        .iter()
        .map(|(r, json, at)| fdr_pdf::consolidated::Part {
            roadmap: r,
            info: fdr_pdf::roadmap::ExportInfo {
                date: at[..10].to_string(),
                json_sha256: fdr_pdf::sha256_hex(json),
            },
            review: None,
        })
        .enumerate()
        .map(|(i, part)| fdr_pdf::consolidated::Part {
            review: review(i),
            ..part
        })
        .collect()
}

fn roadmap_layout((r, json, at): &(Roadmap, Vec<u8>, String)) -> fdr_pdf::layout::Document {
    let mut fonts = fdr_pdf::fonts::Fonts::new();
    let info = fdr_pdf::roadmap::ExportInfo {
        date: at[..10].to_string(),
        json_sha256: fdr_pdf::sha256_hex(json),
    };
    fdr_pdf::roadmap::layout(r, &info, &mut fonts)
}

#[test]
fn no_table_of_the_documents_cuts_a_word_a_number_an_amount_a_date_or_an_id() {
    use fdr_pdf::layout::{Role, Tag};
    use fdr_pdf::text::LineEnd;
    let docs = [
        ("example", roadmap_layout(&example())),
        ("400 actions", roadmap_layout(&large())),
        ("15 consolidated", consolidated_layout(&fifteen())),
        (
            "15 consolidated with their avis",
            consolidated_layout_reviewed(&fifteen(), |i| Some(REVIEW_STATES[i % 4].to_string())),
        ),
    ];
    for (name, doc) in &docs {
        let mut cells = 0;
        for (p, page) in doc.pages.iter().enumerate() {
            for placed in &page.items {
                let (Item::Text { line, .. }, Tag::Node(n)) = (&placed.item, placed.tag) else {
                    continue;
                };
                if !matches!(doc.tree.nodes[n].role, Role::TD | Role::TH) {
                    continue;
                }
                cells += 1;
                assert!(
                    matches!(line.end, LineEnd::Space | LineEnd::Forced),
                    "{name}, page {}: a table cell's line ends inside a word ({:?}): « {} »",
                    p + 1,
                    line.end,
                    line.text()
                );
            }
        }
        assert!(cells > 50, "{name}: the check saw the tables ({cells} cell lines)");
    }
}

#[test]
fn the_regional_summary_has_an_avis_column_whose_words_are_never_cut() {
    use fdr_pdf::layout::{Role, Tag};
    let doc = consolidated_layout_reviewed(&fifteen(), |i| Some(REVIEW_STATES[i % 4].to_string()));
    // The summary table's cells, line by line, in reading order.
    let cells: Vec<String> = doc
        .pages
        .iter()
        .flat_map(|page| &page.items)
        .filter_map(|placed| match (&placed.item, placed.tag) {
            (Item::Text { line, .. }, Tag::Node(n)) if matches!(doc.tree.nodes[n].role, Role::TD | Role::TH) => {
                Some(line.text())
            }
            _ => None,
        })
        .collect();
    assert!(
        cells.iter().any(|c| c == "Avis"),
        "the summary table has an « Avis » header: {cells:?}"
    );
    let words: std::collections::BTreeSet<&str> = REVIEW_STATES.iter().flat_map(|s| s.split(' ')).collect();
    let shown: std::collections::BTreeSet<&str> = cells
        .iter()
        .flat_map(|c| c.split([' ', '\u{A0}', '\u{202F}']))
        .collect();
    for w in &words {
        assert!(shown.contains(w), "« {w} » of a review state is set whole in a cell");
    }
    let states = cells.iter().filter(|c| c.starts_with("Modifications")).count();
    assert!(
        states >= 3,
        "the review state is shown for each theme that has one ({states} seen)"
    );
}

/// Whitespace of any kind as one space (pdftotext writes no-break spaces as spaces).
fn spaces(s: &str) -> String {
    s.split(|c: char| c.is_whitespace())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn every_amount_of_the_regional_budget_table_reads_whole_in_the_pdf() {
    let sources = fifteen();
    let dir = tempfile::tempdir().expect("tempdir");
    let path = write(dir.path(), "région.pdf", &consolidated(&sources));
    let (ok, text, _) = run("pdftotext", &["-layout", path.to_str().expect("utf-8"), "-"]);
    assert!(ok);
    let text = text.replace(['\u{A0}', '\u{202F}'], " ");
    let mut grid: std::collections::BTreeMap<(String, i64), i128> = Default::default();
    for (r, _, _) in &sources {
        for f in r.actions.iter().flat_map(|a| &a.funding) {
            *grid.entry((f.funder.clone(), f.year)).or_default() += i128::from(f.amount_cents);
        }
    }
    let mut amounts: Vec<i128> = grid.values().copied().collect();
    let funders: std::collections::BTreeSet<&String> = grid.keys().map(|k| &k.0).collect();
    let years: std::collections::BTreeSet<i64> = grid.keys().map(|k| k.1).collect();
    amounts.extend(
        funders
            .iter()
            .map(|f| grid.iter().filter(|(k, _)| &&k.0 == f).map(|(_, v)| v).sum::<i128>()),
    );
    amounts.extend(
        years
            .iter()
            .map(|y| grid.iter().filter(|(k, _)| k.1 == *y).map(|(_, v)| v).sum::<i128>()),
    );
    amounts.push(grid.values().sum());
    assert!(amounts.len() > 40, "funders × years, their totals and the grand total");
    for cents in amounts {
        let shown = fdr_core::french::money_cents(cents).replace(['\u{A0}', '\u{202F}'], " ");
        assert!(text.contains(&shown), "« {shown} » reads whole in the consolidated PDF");
    }
}

#[test]
fn no_field_path_reaches_a_pdf() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (r, json, at) = example();
    let docs = [
        ("example", fdr_pdf::roadmap_pdf(&r, &json, &at)),
        ("15 consolidated", consolidated(&fifteen())),
    ];
    for (name, pdf) in docs {
        let path = write(dir.path(), "p.pdf", &pdf);
        let (ok, text, _) = run("pdftotext", &[path.to_str().expect("utf-8"), "-"]);
        assert!(ok);
        assert!(
            text.contains("Annexe — Points d’attention"),
            "{name}: the annex is there"
        );
        // `objectives[0]`, `actions[2].lead`: a word, `[`, digits, `]`.
        let chars: Vec<char> = text.chars().collect();
        for (i, c) in chars.iter().enumerate() {
            if *c == '[' && i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '_') {
                let digits = chars[i + 1..].iter().take_while(|d| d.is_ascii_digit()).count();
                let found: String = chars[i.saturating_sub(20)..(i + digits + 2).min(chars.len())]
                    .iter()
                    .collect();
                assert!(
                    digits == 0 || chars.get(i + 1 + digits) != Some(&']'),
                    "{name}: a field path in the PDF: « {found} »"
                );
            }
        }
        assert!(
            !text.contains(".lead") && !text.contains(".funding"),
            "{name}: no field names"
        );
    }
}

#[test]
fn symbols_and_emoji_are_drawn_and_extract_as_themselves() {
    let (mut r, _, at) = example();
    r.diagnosis.text = "Coché ✓, donc → suite ; ≥ ½ du budget, 12 € pour l’œuvre, Œdipe 😀 👍 ✅".into();
    let json = fdr_format::encode(&r, &at);
    let doc = roadmap_layout(&(r.clone(), json.clone(), at.clone()));
    let replaced: Vec<String> = doc
        .pages
        .iter()
        .flat_map(|p| &p.items)
        .filter_map(|p| match &p.item {
            Item::Text { line, .. } => Some(
                line.pieces
                    .iter()
                    .filter_map(|x| x.actual_text.clone())
                    .collect::<Vec<_>>(),
            ),
            _ => None,
        })
        .flatten()
        .collect();
    assert!(
        !replaced.iter().any(|t| "✓→≥½€œŒ😀👍✅".chars().any(|c| t.contains(c))),
        "no symbol is drawn as a replacement box: {replaced:?}"
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let path = write(dir.path(), "s.pdf", &fdr_pdf::roadmap_pdf(&r, &json, &at));
    let p = path.to_str().expect("utf-8");
    let (_, fonts, _) = run("pdffonts", &[p]);
    assert!(
        fonts.contains("NotoEmoji-Regular"),
        "the emoji face is embedded: {fonts}"
    );
    let (_, text, _) = run("pdftotext", &[p, "-"]);
    for c in "✓→≥½€œŒ😀👍✅".chars() {
        assert!(text.contains(c), "{c} extracts as itself");
    }
}

/// Characters with what precedes them: nothing, a space, or a line end.
fn spaced(s: &str) -> Vec<(char, Option<bool>)> {
    let mut out = Vec::new();
    let mut before: Option<bool> = None;
    for c in s.chars() {
        if c.is_whitespace() {
            before = Some(before == Some(true) || c == '\n');
        } else {
            out.push((c, before.take()));
        }
    }
    out
}

/// Whether `expected` (spaces normalised) reads in the extracted `text`:
/// same characters, a space wherever it has one, and no space where it has
/// none, except that a line end may fall between two characters without a
/// space (a line broken after « . » before « % », say): the line ends
/// of the PDF are not in the text typed.
fn reads_across_lines(text: &str, expected: &str) -> bool {
    let text = spaced(text);
    let expected = spaced(expected);
    (0..text.len()).any(|start| {
        expected.len() <= text.len() - start
            && expected.iter().enumerate().all(|(j, &(c, space))| {
                let (d, before) = text[start + j];
                c == d
                    && (j == 0
                        || match (space.is_some(), before) {
                            (true, Some(_)) | (false, None) => true,
                            (false, Some(line_end)) => line_end,
                            (true, None) => false,
                        })
            })
    })
}

#[test]
fn a_line_end_may_fall_between_marks_but_no_space_is_lost_or_added() {
    assert!(
        reads_across_lines("x 0.\n%a y", "0.%a"),
        "a line end between « . » and « % »"
    );
    assert!(reads_across_lines("un\ndeux", "un deux"), "a line broken at a space");
    assert!(!reads_across_lines("0. %a", "0.%a"), "a space added on the line");
    assert!(!reads_across_lines("undeux", "un deux"), "a space lost");
    assert!(!reads_across_lines("un deuX", "un deux"), "another character");
}

fn typography_case(text: &str) -> Result<(), String> {
    let (mut r, _, at) = example();
    r.diagnosis.text = text.to_string();
    let json = fdr_format::encode(&r, &at);
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let path = write(dir.path(), "t.pdf", &fdr_pdf::roadmap_pdf(&r, &json, &at));
    let (ok, out, err) = run("pdftotext", &[path.to_str().unwrap_or_default(), "-"]);
    if !ok {
        return Err(err);
    }
    let expected = spaces(&fdr_core::typography::french(text));
    if reads_across_lines(&out, &expected) {
        Ok(())
    } else {
        Err(format!("« {expected} » is not in the PDF's text"))
    }
}

#[test]
fn the_text_back_from_the_pdf_is_the_input_with_french_typography() {
    typography_case("Les familles? \"Oui\", dit l'animatrice: 1 000 € pour le n° 5; et puis...")
        .expect("a typed sentence");
    use proptest::prelude::*;
    let mut runner = proptest::test_runner::TestRunner::new(proptest::test_runner::Config {
        cases: 12,
        failure_persistence: None,
        ..Default::default()
    });
    runner
        .run(
            &"[a-zé]{1,8}([ ,.;:!?'\"«»€%°0-9]{1,3}[a-zé0-9]{1,8}){1,12}",
            |text| typography_case(&text).map_err(TestCaseError::fail),
        )
        .expect("random text with marks, quotes and figures");
}

/// The roadmaps of the consolidated document are laid out side by side,
/// each in a flow of its own, then put one after the other: the document
/// must be exactly the one laid out in a single flow (pages, boxes,
/// structure, headings, links), whatever the number of threads.
#[test]
fn the_consolidated_layout_is_the_same_on_any_number_of_threads() {
    let mut sources = fifteen();
    sources.push(large());
    // A roadmap whose budget table turns to landscape: twelve years of
    // large amounts.
    let (mut wide, json, at) = example();
    wide.period = fdr_core::Period { start: 2015, end: 2026 };
    let mut year = 2015;
    for action in &mut wide.actions {
        for f in &mut action.funding {
            f.year = year;
            f.amount_cents = 99_999_999_999;
            year = if year == 2026 { 2015 } else { year + 1 };
        }
    }
    sources.push((wide, json, at));
    sources.push(example());
    let parts = parts_of(&sources, |_| Some("Validée (r7)".into()));
    let scope = fdr_pdf::consolidated::Scope::Region;
    let on = |threads: usize| {
        let mut fonts = fdr_pdf::fonts::Fonts::new();
        fdr_pdf::consolidated::layout_on(&parts, "2026-12-01", &scope, &mut fonts, threads)
    };
    let one_flow = on(0);
    assert!(one_flow.pages.len() > 100, "a document long enough to mean something");
    assert!(
        one_flow.pages.iter().any(|p| p.geometry.is_landscape()),
        "it has landscape pages, whose geometry must carry over"
    );
    for threads in [1, 2, 3] {
        let side_by_side = on(threads);
        assert_eq!(
            side_by_side.pages.len(),
            one_flow.pages.len(),
            "{threads} threads: as many pages"
        );
        assert!(
            side_by_side == one_flow,
            "{threads} threads: the same document as one flow"
        );
    }
}
