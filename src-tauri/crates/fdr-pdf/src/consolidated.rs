//! The consolidated regional document: cover, contents, a regional summary
//! (the themes and where each stands, the budget funder × year across
//! themes with the State's share, an indicators overview, a participation
//! summary), then each roadmap laid out as in its own PDF, one heading level
//! down, so the outline nests theme → part → sub-part.
//!
//! Extending it: a new summary table is one function called from
//! [`layout`], with its heading in [`SUMMARY`].

use crate::fonts::Fonts;
use crate::layout::{styles, Cell, Column, Document, Flow, Geometry, LaidPart, NodeId, Role, Row, StructTree, Tag};
use crate::roadmap::{self, ExportInfo};
use crate::text::{self, Rgb, TextStyle};
use fdr_core::catalogue::Catalogue;
use fdr_core::french;
use fdr_core::warnings::{state_share, warnings};
use fdr_core::*;
use std::collections::BTreeMap;

/// One roadmap taken into the consolidated document.
#[derive(Debug, Clone)]
pub struct Part<'a> {
    /// The roadmap.
    pub roadmap: &'a Roadmap,
    /// Its export date and the SHA-256 of its JSON.
    pub info: ExportInfo,
    /// Where the secretariat's review of it stands, in a few words (the
    /// summary's « Avis » column); `None` shows a dash.
    pub review: Option<String>,
}

/// What a consolidated document covers: the whole region, or one of its
/// départements.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Scope {
    /// The region.
    #[default]
    Region,
    /// One département.
    Departement(fdr_core::catalogue::Departement),
}

impl Scope {
    /// The document's name: « Document régional » or « Document du
    /// département Oise (60) ».
    pub fn title(&self) -> String {
        match self {
            Self::Region => "Document régional".into(),
            Self::Departement(d) => format!("Document du département {} ({})", d.name, d.code),
        }
    }

    /// What the running header says before the current part.
    fn header(&self, catalogue: &Catalogue) -> String {
        match self {
            Self::Region => format!("Consolidation régionale · {}", catalogue.region.name),
            Self::Departement(d) => format!("Consolidation départementale · {} ({})", d.name, d.code),
        }
    }
}

/// The period a consolidated document covers: the span of its roadmaps'
/// periods, or the strategy's when it has none.
pub fn covered_period(parts: &[Part], catalogue: &Catalogue) -> Period {
    Period::span(parts.iter().map(|p| &p.roadmap.period)).unwrap_or(catalogue.period)
}

const SUMMARY: [&str; 4] = [
    "État d’avancement des feuilles de route",
    "Budget régional par financeur et par année",
    "Indicateurs",
    "Participation des bénéficiaires",
];

/// Contents entries a roadmap adds (its title, five parts, the annex).
const ENTRIES_PER_ROADMAP: usize = 7;

/// Lays out the consolidated document of `parts` (in theme order) for
/// `scope`, dated `date` (`YYYY-MM-DD`).
pub fn layout(parts: &[Part], date: &str, scope: &Scope, fonts: &mut Fonts) -> Document {
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
    layout_on(parts, date, scope, fonts, threads.min(4))
}

/// [`layout`] with the roadmaps laid out on up to `threads` threads (the
/// same document whatever their number; 0 lays them out in the main flow).
pub fn layout_on(parts: &[Part], date: &str, scope: &Scope, fonts: &mut Fonts, threads: usize) -> Document {
    let g = Geometry::a4();
    let catalogue = Catalogue::builtin();
    let mut flow = Flow::new(fonts, g);
    let root = StructTree::ROOT;
    cover(&mut flow, parts, date, scope, catalogue, root);

    flow.new_page();
    let toc_first_page = flow.page_index();
    flow.heading(1, "Sommaire", root, false);
    let toc = flow.tree.add(root, Role::TOC);
    let toc_top = flow.y;
    let per_page = 34usize;
    let entries = 1 + SUMMARY.len() + parts.len() * ENTRIES_PER_ROADMAP;
    for _ in 1..entries.div_ceil(per_page).max(1) {
        flow.new_page();
    }

    flow.new_page();
    let sect = flow.tree.add(root, Role::Sect);
    let synthesis = match scope {
        Scope::Region => "Synthèse régionale".to_string(),
        Scope::Departement(d) => format!("Synthèse pour le département {} ({})", d.name, d.code),
    };
    flow.heading(1, &synthesis, sect, true);
    themes_table(&mut flow, parts, scope, catalogue, sect);
    periods_note(&mut flow, parts, catalogue, sect);
    regional_budget(&mut flow, parts, scope, sect);
    indicators_overview(&mut flow, parts, sect);
    participation_summary(&mut flow, parts, sect);

    // Each roadmap starts on a page of its own: they are laid out side by
    // side, each in a flow of its own, then put one after the other.
    // (`threads` 0: in this flow, one after the other, the reference the
    // tests compare with.)
    if threads == 0 {
        for part in parts {
            flow.new_page();
            roadmap_into(&mut flow, part, root);
        }
    } else {
        for laid in roadmap_parts(parts, g, threads) {
            flow.append(laid, root);
        }
    }

    roadmap::fill_contents(&mut flow, toc, toc_first_page, toc_top, per_page, 2);
    let mut doc = flow.finish();
    furniture(&mut doc, date, scope, catalogue, fonts);
    doc
}

/// One roadmap's part under `parent`: its heading, its facts and its body.
fn roadmap_into(flow: &mut Flow, part: &Part, parent: NodeId) {
    let r = part.roadmap;
    let sect = flow.tree.add(parent, Role::Sect);
    flow.heading(
        1,
        &format!("Thème n° {} — {}", r.theme.number, r.theme.title),
        sect,
        true,
    );
    facts(flow, part, sect);
    flow.level_offset = 1;
    roadmap::body(flow, r, sect);
    flow.level_offset = 0;
}

/// One roadmap's part laid out in a flow of its own, from its first page.
fn roadmap_part(part: &Part, g: Geometry, fonts: &mut Fonts) -> LaidPart {
    let mut flow = Flow::new(fonts, g);
    roadmap_into(&mut flow, part, StructTree::ROOT);
    flow.finish_part()
}

/// The roadmaps' parts, in order, laid out on up to `threads` threads, each
/// taking the next roadmap not yet taken.
fn roadmap_parts(parts: &[Part], g: Geometry, threads: usize) -> Vec<LaidPart> {
    let threads = threads.clamp(1, parts.len().max(1));
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut laid: Vec<(usize, LaidPart)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut fonts = Fonts::new();
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(part) = parts.get(i) else { break };
                        mine.push((i, roadmap_part(part, g, &mut fonts)));
                    }
                    mine
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().expect("laying out a roadmap does not panic"))
            .collect()
    });
    laid.sort_by_key(|(i, _)| *i);
    laid.into_iter().map(|(_, l)| l).collect()
}

fn cover(flow: &mut Flow, parts: &[Part], date: &str, scope: &Scope, catalogue: &Catalogue, root: NodeId) {
    let g = flow.geometry;
    roadmap::cover_band(flow, &catalogue.region.name, covered_period(parts, catalogue), root);

    flow.y = 190.0;
    flow.plain(
        &format!("{} consolidé", scope.title()),
        TextStyle::bold(11.0).colored(Rgb::BLUE),
        root,
    );
    flow.y += 4.0;
    let title = TextStyle::bold(24.0).colored(Rgb::BLUE);
    let h = flow.tree.add(root, Role::H1);
    let lines = text::plain_lines(
        flow.fonts,
        "Feuilles de route thématiques des groupes de travail",
        title,
        g.measure(),
    );
    flow.lines(lines, g.left, title, Tag::Node(h));
    flow.y += 18.0;
    let received = parts
        .iter()
        .map(|p| p.roadmap.theme.number)
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    let total: i128 = parts.iter().map(|p| p.roadmap.total_cents()).sum();
    let span = covered_period(parts, catalogue);
    for line in [
        format!(
            "{received} thème{} sur {} inclus",
            if received > 1 { "s" } else { "" },
            catalogue.themes.len()
        ),
        format!("Période couverte : {}", french::period(span.start, span.end)),
        format!("Budget total des actions : {}", french::money_cents(total)),
        format!("Établi le {}", french::date_long(date)),
    ] {
        flow.plain(&line, styles::BODY, root);
        flow.y += 2.0;
    }
    flow.y = flow.y.max(g.body_bottom() - 60.0);
    flow.plain(
        "Ce document contient les données de chaque feuille de route incluse (fichiers joints « feuille-de-route-theme-NN.json », \
         format feuille-de-route v1) : il s’importe comme les PDF des groupes de travail.",
        TextStyle::regular(8.0).colored(Rgb::GREY),
        root,
    );
}

fn facts(flow: &mut Flow, part: &Part, sect: NodeId) {
    let r = part.roadmap;
    let animators = if r.animators.is_empty() {
        "—".to_string()
    } else {
        r.animators
            .iter()
            .map(|a| a.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let short = &part.info.json_sha256[..part.info.json_sha256.len().min(16)];
    let rows = vec![
        ("Animation", animators),
        ("Statut", r.status.label_fr().to_string()),
        (
            "Révision",
            format!("{} (exportée le {})", r.revision, french::date_long(&part.info.date)),
        ),
        ("Budget", french::money_cents(r.total_cents())),
        ("Empreinte des données", format!("SHA-256 {short}…")),
    ];
    let columns = [Column::new("Rubrique"), Column::new("Valeur")];
    let rows: Vec<Row> = rows
        .into_iter()
        .map(|(k, v)| Row {
            cells: vec![Cell::bold(k), Cell::new(v)],
            row_header: true,
            total: false,
        })
        .collect();
    flow.table(&columns, &rows, sect);
}

fn themes_table(flow: &mut Flow, parts: &[Part], scope: &Scope, catalogue: &Catalogue, sect: NodeId) {
    flow.heading(2, SUMMARY[0], sect, true);
    let columns = [
        Column::new("N°"),
        Column::new("Thème"),
        Column::new("Statut"),
        Column::new("Avis"),
        Column::right("Rév."),
        Column::new("Exportée le"),
        Column::right("Obj."),
        Column::right("Act."),
        Column::right("Ind."),
        Column::right("Budget"),
    ];
    let mut rows = Vec::new();
    for theme in &catalogue.themes {
        let mine: Vec<&Part> = parts
            .iter()
            .filter(|p| p.roadmap.theme.number == theme.number)
            .collect();
        // A départemental document lists only the themes it includes.
        if mine.is_empty() && *scope == Scope::Region {
            rows.push(Row {
                cells: vec![
                    Cell::new(theme.number.to_string()),
                    Cell::new(theme.title.as_str()),
                    Cell::new("Non incluse"),
                    Cell::new("—"),
                    Cell::new("—"),
                    Cell::new("—"),
                    Cell::new("—"),
                    Cell::new("—"),
                    Cell::new("—"),
                    Cell::new("—"),
                ],
                row_header: false,
                total: false,
            });
        }
        for p in mine {
            let r = p.roadmap;
            rows.push(Row {
                cells: vec![
                    Cell::new(theme.number.to_string()),
                    Cell::new(r.theme.title.as_str()),
                    Cell::new(r.status.label_fr()),
                    Cell::new(p.review.as_deref().unwrap_or("—")),
                    Cell::new(r.revision.to_string()),
                    Cell::new(french::date(&p.info.date)),
                    Cell::new(r.objectives.len().to_string()),
                    Cell::new(r.actions.len().to_string()),
                    Cell::new(r.indicators.len().to_string()),
                    Cell::new(french::money_cents(r.total_cents())),
                ],
                row_header: false,
                total: false,
            });
        }
    }
    let total: i128 = parts.iter().map(|p| p.roadmap.total_cents()).sum();
    let count = |f: fn(&Roadmap) -> usize| parts.iter().map(|p| f(p.roadmap)).sum::<usize>().to_string();
    rows.push(Row {
        cells: vec![
            Cell::bold(""),
            Cell::bold(match scope {
                Scope::Region => "Total régional",
                Scope::Departement(_) => "Total",
            }),
            Cell::bold(""),
            Cell::bold(""),
            Cell::bold(""),
            Cell::bold(""),
            Cell::bold(count(|r| r.objectives.len())),
            Cell::bold(count(|r| r.actions.len())),
            Cell::bold(count(|r| r.indicators.len())),
            Cell::bold(french::money_cents(total)),
        ],
        row_header: false,
        total: true,
    });
    flow.table(&columns, &rows, sect);
    let doubles: Vec<String> = catalogue
        .themes
        .iter()
        .filter(|t| parts.iter().filter(|p| p.roadmap.theme.number == t.number).count() > 1)
        .map(|t| t.number.to_string())
        .collect();
    if !doubles.is_empty() {
        flow.plain(
            &format!(
                "Attention : plusieurs feuilles de route pour le ou les thèmes {}.",
                doubles.join(", ")
            ),
            styles::BODY.colored(Rgb::RED),
            sect,
        );
    }
}

/// The period covered, and every roadmap whose own period differs from it.
fn periods_note(flow: &mut Flow, parts: &[Part], catalogue: &Catalogue, sect: NodeId) {
    if parts.is_empty() {
        return;
    }
    let span = covered_period(parts, catalogue);
    flow.plain(
        &format!(
            "Période couverte par les feuilles de route incluses : {}.",
            french::period(span.start, span.end)
        ),
        styles::BODY,
        sect,
    );
    let differing: Vec<String> = parts
        .iter()
        .filter(|p| p.roadmap.period != span)
        .map(|p| {
            let r = p.roadmap;
            format!(
                "thème {} — {} ({})",
                r.theme.number,
                r.theme.title,
                french::period(r.period.start, r.period.end)
            )
        })
        .collect();
    if !differing.is_empty() {
        flow.plain(
            &format!("Période différente de celle-ci : {}.", differing.join(" ; ")),
            styles::BODY,
            sect,
        );
    }
}

fn regional_budget(flow: &mut Flow, parts: &[Part], scope: &Scope, sect: NodeId) {
    // A départemental document sums whole roadmaps, some of them regional.
    let heading = match scope {
        Scope::Region => SUMMARY[1],
        Scope::Departement(_) => "Budget des feuilles de route incluses, par financeur et par année",
    };
    flow.heading(2, heading, sect, true);
    let lines: Vec<FundingLine> = parts
        .iter()
        .flat_map(|p| p.roadmap.actions.iter().flat_map(|a| a.funding.iter().cloned()))
        .collect();
    if !roadmap::funding_grid(flow, &lines, sect) {
        return;
    }
    if let Some(share) = state_share(&lines) {
        flow.plain(
            &format!("Part de l’État sur l’ensemble des thèmes : {}.", french::percent(share)),
            styles::BODY,
            sect,
        );
    }
    let over: usize = parts
        .iter()
        .flat_map(|p| &p.roadmap.actions)
        .filter(|a| state_share(&a.funding).is_some_and(|s| s > 0.5))
        .count();
    if over > 0 {
        flow.plain(
            &format!(
                "{over} action{} dépasse{} le plafond de 50\u{202F}% de cofinancement par l’État (détail dans chaque feuille de route).",
                if over > 1 { "s" } else { "" },
                if over > 1 { "nt" } else { "" }
            ),
            styles::BODY.colored(Rgb::RED),
            sect,
        );
    }
}

fn indicators_overview(flow: &mut Flow, parts: &[Part], sect: NodeId) {
    flow.heading(2, SUMMARY[2], sect, true);
    if parts.is_empty() {
        flow.note("Aucune feuille de route.", sect);
        return;
    }
    let columns = [
        Column::new("Thème"),
        Column::right("Indicateurs"),
        Column::right("Avec cible"),
        Column::right("Mesurés"),
        Column::right("Progression médiane"),
        Column::right("Points à revoir"),
    ];
    let rows: Vec<Row> = parts
        .iter()
        .map(|p| {
            let r = p.roadmap;
            let mut progress: Vec<f64> = r.indicators.iter().filter_map(roadmap::progress).collect();
            progress.sort_by(|a, b| a.total_cmp(b));
            let median = (!progress.is_empty()).then(|| progress[progress.len() / 2]);
            Row {
                cells: vec![
                    Cell::new(format!("{} — {}", r.theme.number, r.theme.title)),
                    Cell::new(r.indicators.len().to_string()),
                    Cell::new(r.indicators.iter().filter(|x| x.target.is_some()).count().to_string()),
                    Cell::new(
                        r.indicators
                            .iter()
                            .filter(|x| x.measurements.as_ref().is_some_and(|m| !m.is_empty()))
                            .count()
                            .to_string(),
                    ),
                    Cell::new(median.map_or("—".into(), french::percent)),
                    Cell::new(warnings(r).len().to_string()),
                ],
                row_header: true,
                total: false,
            }
        })
        .collect();
    flow.table(&columns, &rows, sect);
    flow.note(
        "Progression : part du chemin parcouru de la valeur de référence vers la cible, à la dernière mesure.",
        sect,
    );
}

fn participation_summary(flow: &mut Flow, parts: &[Part], sect: NodeId) {
    flow.heading(2, SUMMARY[3], sect, true);
    let practices: Vec<&Practice> = parts.iter().flat_map(|p| &p.roadmap.participation.practices).collect();
    if practices.is_empty() {
        flow.note("Aucune pratique de participation renseignée.", sect);
        return;
    }
    let mut grid: BTreeMap<(usize, usize), (usize, i64)> = BTreeMap::new();
    for p in &practices {
        let s = Stage::ALL.iter().position(|x| *x == p.stage).unwrap_or(0);
        let m = Method::ALL.iter().position(|x| *x == p.method).unwrap_or(0);
        let e = grid.entry((s, m)).or_default();
        e.0 += 1;
        e.1 += p.participants.unwrap_or(0);
    }
    let mut columns = vec![Column::new("Étape")];
    columns.extend(Method::ALL.iter().map(|m| Column::right(m.label_fr())));
    let rows: Vec<Row> = Stage::ALL
        .iter()
        .enumerate()
        .map(|(s, stage)| {
            let mut cells = vec![Cell::new(stage.label_fr())];
            cells.extend((0..Method::ALL.len()).map(|m| {
                Cell::new(match grid.get(&(s, m)) {
                    None => "—".to_string(),
                    Some((n, people)) if *people > 0 => format!("{n} ({} pers.)", french::integer(i128::from(*people))),
                    Some((n, _)) => n.to_string(),
                })
            }));
            Row {
                cells,
                row_header: true,
                total: false,
            }
        })
        .collect();
    flow.table(&columns, &rows, sect);
    let people: i64 = practices.iter().filter_map(|p| p.participants).sum();
    flow.plain(
        &format!(
            "{} pratique{} de participation dans {} thème{}, {} personnes concernées comptées.",
            practices.len(),
            if practices.len() > 1 { "s" } else { "" },
            parts
                .iter()
                .filter(|p| !p.roadmap.participation.practices.is_empty())
                .count(),
            if parts.len() > 1 { "s" } else { "" },
            french::integer(i128::from(people))
        ),
        styles::BODY,
        sect,
    );
}

/// Running header (the region and the current theme) and footer on every
/// page but the cover, as artifacts.
fn furniture(doc: &mut Document, date: &str, scope: &Scope, catalogue: &Catalogue, fonts: &mut Fonts) {
    // Which part each page belongs to, from the level-1 headings.
    let starts: Vec<(usize, String)> = doc
        .headings
        .iter()
        .filter(|h| h.level == 1)
        .map(|h| (h.at.page, h.title.clone()))
        .collect();
    let header = |page: usize| {
        let current = starts
            .iter()
            .rev()
            .find(|(p, _)| *p <= page)
            .map(|(_, t)| t.as_str())
            .unwrap_or("");
        format!("{} · {current}", scope.header(catalogue))
    };
    roadmap::page_furniture(doc, fonts, header, &format!("Établi le {}", french::date_long(date)));
}
