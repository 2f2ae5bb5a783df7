//! The roadmap document: what a prefecture would publish, in French, laid
//! out with [`Flow`]: cover, contents, the five parts, the annex of
//! warnings, running header and footer on every page.

use crate::fonts::Fonts;
use crate::layout::{
    styles, Cell, Column, Destination, Document, Flow, Geometry, Item, NodeId, Role, Row, StructTree, Tag,
};
use crate::text::{self, Rgb, TextStyle};
use fdr_core::calendar::{self, Datelike, NaiveDate};
use fdr_core::catalogue::Catalogue;
use fdr_core::french;
use fdr_core::warnings::{state_share, warnings};
use fdr_core::*;
use std::collections::{BTreeMap, BTreeSet};

/// What the cover says about this export.
#[derive(Debug, Clone)]
pub struct ExportInfo {
    /// Export date, `YYYY-MM-DD`.
    pub date: String,
    /// SHA-256 of the embedded JSON, hexadecimal.
    pub json_sha256: String,
}

/// Names of territory codes, joined.
fn territories(codes: Option<&[String]>) -> String {
    let c = Catalogue::builtin();
    codes
        .unwrap_or_default()
        .iter()
        .map(|code| match c.territory_name(code) {
            Some(name) => format!("{name} ({code})"),
            None => code.clone(),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// An action's dates in a table cell: short dates.
fn dates(start: Option<&str>, end: Option<&str>) -> String {
    match (start, end) {
        (Some(s), Some(e)) => format!("{} – {}", french::date(s), french::date(e)),
        (Some(s), None) => format!("dès le {}", french::date(s)),
        (None, Some(e)) => format!("jusqu’au {}", french::date(e)),
        (None, None) => "—".into(),
    }
}

/// An action's dates in a sentence: long dates (« du 1er septembre 2019 au 31 décembre 2021 »).
fn dates_long(start: Option<&str>, end: Option<&str>) -> String {
    match (start, end) {
        (Some(s), Some(e)) => format!("du {} au {}", french::date_long(s), french::date_long(e)),
        (Some(s), None) => format!("à partir du {}", french::date_long(s)),
        (None, Some(e)) => format!("jusqu’au {}", french::date_long(e)),
        (None, None) => "non précisé".into(),
    }
}

/// Each objective's rank (1 = first priority), by id.
fn ranks(r: &Roadmap) -> std::collections::HashMap<&str, usize> {
    let mut ranked: Vec<&Objective> = r.objectives.iter().collect();
    ranked.sort_by_key(|o| o.priority);
    ranked.iter().enumerate().map(|(i, o)| (o.id.as_str(), i + 1)).collect()
}

fn value(v: &DatedValue, unit: &str) -> String {
    format!(
        "{}\nau\u{A0}{}",
        french::with_unit(&v.value, Some(unit)),
        french::date(&v.date)
    )
}

/// Progress from baseline towards target, as a ratio, when all are known.
pub fn progress(x: &Indicator) -> Option<f64> {
    let (b, t, l) = (x.baseline.as_ref()?, x.target.as_ref()?, x.latest_measurement()?);
    let (b, t, l) = (b.value.as_f64()?, t.value.as_f64()?, l.value.as_f64()?);
    if (t - b).abs() < f64::EPSILON {
        return None;
    }
    Some((l - b) / (t - b))
}

const SECTIONS: [&str; 5] = [
    "1. Diagnostic",
    "2. Objectifs et priorités",
    "3. Moyens et plan d’action",
    "4. Indicateurs",
    "5. Participation des bénéficiaires",
];

/// Lays out a roadmap.
pub fn layout(r: &Roadmap, info: &ExportInfo, fonts: &mut Fonts) -> Document {
    let g = Geometry::a4();
    let mut flow = Flow::new(fonts, g);
    let root = StructTree::ROOT;
    cover(&mut flow, r, info, root);

    // Contents: reserved now, filled once the body is laid out.
    flow.new_page();
    let toc_first_page = flow.page_index();
    let toc_heading = flow.heading(1, "Sommaire", root, false);
    let _ = toc_heading;
    let toc = flow.tree.add(root, Role::TOC);
    let toc_top = flow.y;
    // 6 sections + their fixed sub-sections; about 34 entries fit on a page.
    let entries = contents_plan(r).len();
    let per_page = 34usize;
    let toc_pages = entries.div_ceil(per_page).max(1);
    for _ in 1..toc_pages {
        flow.new_page();
    }

    flow.new_page();
    body(&mut flow, r, root);

    fill_contents(&mut flow, toc, toc_first_page, toc_top, per_page, u8::MAX);
    let mut doc = flow.finish();
    furniture(&mut doc, r, info, fonts);
    doc
}

/// The five parts and the annex, each from a new page.
pub(crate) fn body(flow: &mut Flow, r: &Roadmap, root: NodeId) {
    diagnosis(flow, r, root);
    objectives(flow, r, root);
    plan(flow, r, root);
    indicators(flow, r, root);
    participation(flow, r, root);
    annex(flow, r, root);
}

/// The entries of the contents, in order: (level, title).
fn contents_plan(r: &Roadmap) -> Vec<(u8, String)> {
    let mut plan = Vec::new();
    for s in SECTIONS {
        plan.push((1, s.to_string()));
        let subs: &[&str] = match s.as_bytes()[0] {
            b'1' => &["Constats", "Chiffres clés"],
            b'3' => &[
                "Tableau des actions",
                "Détail des actions",
                "Budget par financeur et par année",
                "Calendrier des actions",
            ],
            b'4' => &["Tableau des indicateurs", "Évolution des indicateurs"],
            b'5' => &["Démarche", "Pratiques de participation"],
            _ => &[],
        };
        plan.extend(subs.iter().map(|t| (2, t.to_string())));
    }
    let _ = r;
    plan.push((1, "Annexe — Points d’attention".into()));
    plan
}

fn cover(flow: &mut Flow, r: &Roadmap, info: &ExportInfo, root: NodeId) {
    let g = flow.geometry;
    let left = g.left;
    let measure = g.measure();
    cover_band(flow, &r.region.name, r.period, root);

    flow.y = 190.0;
    let kicker = TextStyle::bold(11.0).colored(Rgb::BLUE);
    flow.plain(
        &format!("Feuille de route thématique · Thème n° {}", r.theme.number),
        kicker,
        root,
    );
    flow.y += 4.0;
    let title_style = TextStyle::bold(24.0).colored(Rgb::BLUE);
    let h = flow.tree.add(root, Role::H1);
    let lines = text::plain_lines(flow.fonts, &r.theme.title, title_style, measure);
    let capped: Vec<_> = lines.into_iter().take(12).collect();
    flow.lines(capped, left, title_style, Tag::Node(h));
    flow.y += 18.0;

    let mut facts: Vec<(String, String)> = Vec::new();
    let animators = if r.animators.is_empty() {
        "—".to_string()
    } else {
        r.animators
            .iter()
            .map(|a| match (&a.role, &a.organisation) {
                (Some(role), Some(org)) => format!("{} ({role}, {org})", a.name),
                (Some(x), None) | (None, Some(x)) => format!("{} ({x})", a.name),
                (None, None) => a.name.clone(),
            })
            .collect::<Vec<_>>()
            .join(" ; ")
    };
    facts.push(("Animation".into(), animators));
    facts.push(("Statut".into(), r.status.label_fr().into()));
    facts.push(("Révision".into(), r.revision.to_string()));
    facts.push(("Date d’export".into(), french::date_long(&info.date)));
    facts.push(("Période".into(), format!("{}–{}", r.period.start, r.period.end)));
    let label_w = 95.0;
    let list = flow.tree.add(root, Role::L);
    for (label, value) in facts {
        let li = flow.tree.add(list, Role::LI);
        let lbl = flow.tree.add(li, Role::Lbl);
        let body = flow.tree.add(li, Role::LBody);
        let lines = text::plain_lines(flow.fonts, &value, styles::BODY, measure - label_w);
        let lines: Vec<_> = lines.into_iter().take(8).collect();
        flow.ensure(styles::BODY.line_height());
        let label_line = text::single_line(flow.fonts, &label, TextStyle::bold(9.5).colored(Rgb::GREY));
        flow.place(
            Item::Text {
                x: left,
                y: flow.y + 9.5,
                line: label_line,
            },
            Tag::Node(lbl),
        );
        flow.lines(lines, left + label_w, styles::BODY, Tag::Node(body));
        flow.y += 4.0;
    }
    // The fingerprint of the data, near the foot of the cover.
    flow.y = flow.y.max(g.body_bottom() - 60.0);
    let short = &info.json_sha256[..info.json_sha256.len().min(16)];
    flow.plain(
        &format!(
            "Ce document contient ses données (fichier joint « feuille-de-route.json », format feuille-de-route v1). \
             Empreinte SHA-256 : {short}…"
        ),
        TextStyle::regular(8.0).colored(Rgb::GREY),
        root,
    );
}

/// The top of a cover: a band in bleu France with the region and the strategy.
pub(crate) fn cover_band(flow: &mut Flow, region: &str, period: Period, root: NodeId) {
    let g = flow.geometry;
    flow.place(
        Item::Fill {
            x: 0.0,
            y: 0.0,
            w: g.width,
            h: 150.0,
            color: Rgb::BLUE,
        },
        Tag::Artifact,
    );
    flow.y = 46.0;
    let white = |size: f32, bold: bool| TextStyle {
        size,
        color: Rgb::WHITE,
        bold,
        italic: false,
    };
    let p = flow.tree.add(root, Role::P);
    let lines = text::plain_lines(flow.fonts, &format!("Région {region}"), white(12.0, true), g.measure());
    flow.lines(lines, g.left, white(12.0, true), Tag::Node(p));
    let strategy = format!(
        "Stratégie nationale de prévention et de lutte contre la pauvreté — {}–{}",
        period.start, period.end
    );
    let p = flow.tree.add(root, Role::P);
    let lines = text::plain_lines(flow.fonts, &strategy, white(10.0, false), g.measure());
    flow.lines(lines, g.left, white(10.0, false), Tag::Node(p));
}

/// Pages' running header (all but the first page; one line, shortened with
/// an ellipsis) and footer (`footer_left`, then `Page X / N`), as artifacts.
pub(crate) fn page_furniture(
    doc: &mut Document,
    fonts: &mut Fonts,
    header: impl Fn(usize) -> String,
    footer_left: &str,
) {
    let n = doc.pages.len();
    let style = TextStyle::regular(7.5).colored(Rgb::GREY);
    let mut shown: Option<(String, f32, text::Line)> = None;
    // The same on every page: set once.
    let left = text::single_line(fonts, footer_left, style);
    for (i, page) in doc.pages.iter_mut().enumerate() {
        let g = page.geometry;
        let top = g.top - 20.0;
        if i > 0 {
            let wanted = header(i);
            if shown.as_ref().is_none_or(|(t, m, _)| *t != wanted || *m != g.measure()) {
                let line = text::fit_with_ellipsis(fonts, &wanted, style, g.measure());
                shown = Some((wanted, g.measure(), line));
            }
            if let Some((_, _, h)) = &shown {
                page.items.push(crate::layout::Placed {
                    item: Item::Text {
                        x: g.left,
                        y: top,
                        line: h.clone(),
                    },
                    tag: Tag::Artifact,
                });
            }
            page.items.push(crate::layout::Placed {
                item: Item::Rule {
                    x1: g.left,
                    y1: top + 4.0,
                    x2: g.width - g.right,
                    y2: top + 4.0,
                    width: 0.4,
                    color: Rgb::RULE,
                },
                tag: Tag::Artifact,
            });
        }
        let foot_y = g.height - g.bottom + 24.0;
        let right = text::single_line(fonts, &format!("Page {} / {}", i + 1, n), style);
        let rx = g.width - g.right - right.width;
        page.items.push(crate::layout::Placed {
            item: Item::Rule {
                x1: g.left,
                y1: foot_y - 10.0,
                x2: g.width - g.right,
                y2: foot_y - 10.0,
                width: 0.4,
                color: Rgb::RULE,
            },
            tag: Tag::Artifact,
        });
        for (x, line) in [(g.left, left.clone()), (rx, right)] {
            page.items.push(crate::layout::Placed {
                item: Item::Text { x, y: foot_y, line },
                tag: Tag::Artifact,
            });
        }
    }
}

/// Writes the contents (headings up to `max_level`) into the pages reserved for it.
pub(crate) fn fill_contents(flow: &mut Flow, toc: NodeId, first_page: usize, top: f32, per_page: usize, max_level: u8) {
    let g = flow.geometry;
    let entries: Vec<(u8, String, Destination)> = flow
        .headings
        .iter()
        .filter(|h| h.in_contents && h.level <= max_level)
        .map(|h| (h.level, h.title.clone(), h.at))
        .collect();
    let lh = 15.0;
    for (i, (level, title, at)) in entries.iter().enumerate() {
        let page = first_page + i / per_page;
        let y = if i / per_page == 0 { top } else { g.top } + (i % per_page) as f32 * lh;
        let item = flow.tree.add(toc, Role::TOCI);
        let link = flow.tree.add(item, Role::Link);
        let style = if *level == 1 {
            TextStyle::bold(10.0)
        } else {
            TextStyle::regular(9.5)
        };
        let indent = if *level == 1 { 0.0 } else { 14.0 };
        let number = text::single_line(flow.fonts, &(at.page + 1).to_string(), style);
        let avail = g.measure() - indent - number.width - 12.0;
        // A title longer than the line ends with an ellipsis, never mid-word silently.
        let line = text::fit_with_ellipsis(flow.fonts, title, style, avail);
        let x = g.left + indent;
        let line_width = line.width;
        flow.pages[page].items.push(crate::layout::Placed {
            item: Item::Text {
                x,
                y: y + style.size,
                line,
            },
            tag: Tag::Node(link),
        });
        // Dotted leader, then the page number at the right margin.
        let leader_x1 = x + line_width + 4.0;
        let leader_x2 = g.width - g.right - number.width - 4.0;
        if leader_x2 > leader_x1 {
            flow.pages[page].items.push(crate::layout::Placed {
                item: Item::Rule {
                    x1: leader_x1,
                    y1: y + style.size,
                    x2: leader_x2,
                    y2: y + style.size,
                    width: 0.3,
                    color: Rgb::RULE,
                },
                tag: Tag::Artifact,
            });
        }
        let nx = g.width - g.right - number.width;
        flow.pages[page].items.push(crate::layout::Placed {
            item: Item::Text {
                x: nx,
                y: y + style.size,
                line: number,
            },
            tag: Tag::Node(link),
        });
        flow.pages[page].items.push(crate::layout::Placed {
            item: Item::Link {
                x: g.left,
                y,
                w: g.measure(),
                h: lh,
                to: *at,
            },
            tag: Tag::Node(link),
        });
    }
}

fn section(flow: &mut Flow, index: usize, root: NodeId) -> NodeId {
    let sect = flow.tree.add(root, Role::Sect);
    if flow.y > flow.geometry.top + 0.01 {
        flow.new_page();
    }
    flow.heading(1, SECTIONS[index], sect, true);
    sect
}

fn diagnosis(flow: &mut Flow, r: &Roadmap, root: NodeId) {
    let sect = section(flow, 0, root);
    flow.heading(2, "Constats", sect, true);
    if r.diagnosis.text.trim().is_empty() {
        flow.note("Le diagnostic n’est pas encore rédigé.", sect);
    } else {
        flow.markdown(&r.diagnosis.text, styles::BODY, sect);
    }
    flow.heading(2, "Chiffres clés", sect, true);
    if r.diagnosis.key_figures.is_empty() {
        flow.note("Aucun chiffre clé.", sect);
        return;
    }
    let columns = vec![
        Column::new("Indicateur"),
        Column::right("Valeur"),
        Column::right("Année"),
        Column::new("Territoire"),
        Column::new("Source"),
    ];
    let rows: Vec<Row> = r
        .diagnosis
        .key_figures
        .iter()
        .map(|k| Row {
            cells: vec![
                Cell::new(&k.label),
                Cell::bold(french::with_unit(&k.value, k.unit.as_deref())),
                Cell::new(k.year.map(|y| y.to_string()).unwrap_or_default()),
                Cell::new(k.territory.clone().unwrap_or_default()),
                Cell::new(k.source.clone().unwrap_or_default()),
            ],
            row_header: true,
            total: false,
        })
        .collect();
    flow.table(&columns, &rows, sect);
}

fn objectives(flow: &mut Flow, r: &Roadmap, root: NodeId) {
    let sect = section(flow, 1, root);
    if r.objectives.is_empty() {
        flow.note("Aucun objectif n’est encore défini.", sect);
        return;
    }
    let mut ranked: Vec<&Objective> = r.objectives.iter().collect();
    ranked.sort_by_key(|o| o.priority);
    for (rank, o) in ranked.iter().enumerate() {
        let title = format!("{} · priorité {} — {}", o.id, rank + 1, o.title);
        flow.heading(2, &title, sect, false);
        if let Some(t) = o.text.as_deref().filter(|t| !t.trim().is_empty()) {
            flow.markdown(t, styles::BODY, sect);
        }
        let actions: Vec<&str> = r
            .actions
            .iter()
            .filter(|a| a.objectives.contains(&o.id))
            .map(|a| a.id.as_str())
            .collect();
        let mut facts = vec![(
            "Territoires",
            if o.territories.as_deref().unwrap_or_default().is_empty() {
                "—".to_string()
            } else {
                territories(o.territories.as_deref())
            },
        )];
        facts.push((
            "Actions",
            if actions.is_empty() {
                "aucune".into()
            } else {
                actions.join(", ")
            },
        ));
        for (label, value) in facts {
            let spans = vec![
                markdown_span(&format!("{label} : "), true),
                markdown_span(&value, false),
            ];
            flow.paragraph(&spans, styles::BODY, sect);
        }
    }
}

fn markdown_span(text: &str, bold: bool) -> fdr_core::markdown::Span {
    fdr_core::markdown::Span {
        text: text.to_string(),
        bold,
        italic: false,
    }
}

fn plan(flow: &mut Flow, r: &Roadmap, root: NodeId) {
    let sect = section(flow, 2, root);
    flow.heading(2, "Tableau des actions", sect, true);
    if r.actions.is_empty() {
        flow.note("Aucune action n’est encore prévue.", sect);
    } else {
        let columns = vec![
            Column::new("Id"),
            Column::new("Action"),
            Column::new("Pilote"),
            Column::new("Dates"),
            Column::new("Statut"),
            Column::right("Total"),
        ];
        let rows: Vec<Row> = r
            .actions
            .iter()
            .map(|a| Row {
                cells: vec![
                    Cell::bold(&a.id),
                    Cell::new(&a.title),
                    Cell::new(a.lead.clone().unwrap_or_else(|| "—".into())),
                    Cell::new(dates(a.start.as_deref(), a.end.as_deref())),
                    Cell::new(a.status.label_fr()),
                    Cell::new(french::money_cents(a.total_cents())),
                ],
                row_header: true,
                total: false,
            })
            .collect();
        flow.table(&columns, &rows, sect);
    }

    flow.heading(2, "Détail des actions", sect, true);
    for a in &r.actions {
        flow.heading(3, &format!("{} · {}", a.id, a.title), sect, false);
        if let Some(t) = a.text.as_deref().filter(|t| !t.trim().is_empty()) {
            flow.markdown(t, styles::BODY, sect);
        }
        let facts = [
            ("Pilote", a.lead.clone().unwrap_or_else(|| "—".into())),
            (
                "Partenaires",
                a.partners
                    .as_deref()
                    .filter(|p| !p.is_empty())
                    .map(|p| p.join(", "))
                    .unwrap_or_else(|| "—".into()),
            ),
            (
                "Territoires",
                if a.territories.as_deref().unwrap_or_default().is_empty() {
                    "—".into()
                } else {
                    territories(a.territories.as_deref())
                },
            ),
            (
                "Objectifs",
                if a.objectives.is_empty() {
                    "—".into()
                } else {
                    let ranks = ranks(r);
                    a.objectives
                        .iter()
                        .map(|id| match ranks.get(id.as_str()) {
                            Some(rank) => format!("{id} · priorité {rank}"),
                            None => id.clone(),
                        })
                        .collect::<Vec<_>>()
                        .join(", ")
                },
            ),
            ("Calendrier", dates_long(a.start.as_deref(), a.end.as_deref())),
            ("Statut", a.status.label_fr().to_string()),
            ("ETP", a.fte.as_ref().map(french::number).unwrap_or_else(|| "—".into())),
        ];
        for (label, value) in facts {
            flow.paragraph(
                &[
                    markdown_span(&format!("{label} : "), true),
                    markdown_span(&value, false),
                ],
                styles::BODY,
                sect,
            );
        }
        if a.funding.is_empty() {
            flow.note("Aucun financement renseigné.", sect);
        } else {
            let columns = vec![
                Column::new("Financeur"),
                Column::right("Année"),
                Column::right("Montant"),
            ];
            let mut rows: Vec<Row> = a
                .funding
                .iter()
                .map(|f| Row {
                    cells: vec![
                        Cell::new(&f.funder),
                        Cell::new(f.year.to_string()),
                        Cell::new(french::money_cents(i128::from(f.amount_cents))),
                    ],
                    row_header: true,
                    total: false,
                })
                .collect();
            let share = state_share(&a.funding);
            let flag = share.is_some_and(|s| s > 0.5);
            rows.push(Row {
                cells: vec![
                    Cell::bold(match share {
                        Some(s) => format!("Total (part de l’État : {})", french::percent(s)),
                        None => "Total".into(),
                    })
                    .colored(if flag { Rgb::RED } else { Rgb::TEXT }),
                    Cell::new(""),
                    Cell::bold(french::money_cents(a.total_cents())),
                ],
                row_header: true,
                total: true,
            });
            flow.table(&columns, &rows, sect);
            if flag {
                flow.plain(
                    "Attention : la part de l’État dépasse le plafond de 50\u{202F}% du cofinancement.",
                    styles::BODY.colored(Rgb::RED),
                    sect,
                );
            }
        }
    }

    budget(flow, r, sect);
    gantt(flow, r, sect);
}

fn budget(flow: &mut Flow, r: &Roadmap, sect: NodeId) {
    flow.heading(2, "Budget par financeur et par année", sect, true);
    let all: Vec<FundingLine> = r.actions.iter().flat_map(|a| a.funding.iter().cloned()).collect();
    if !funding_grid(flow, &all, sect) {
        return;
    }
    budget_notes(flow, r, &all, sect);
}

/// The table funder × year of funding lines, with totals; false when there
/// is no line.
pub(crate) fn funding_grid(flow: &mut Flow, lines: &[FundingLine], sect: NodeId) -> bool {
    let years: BTreeSet<i64> = lines.iter().map(|f| f.year).collect();
    if years.is_empty() {
        flow.note("Aucun financement renseigné.", sect);
        return false;
    }
    // Funders in order of first appearance, the State first.
    let mut funders: Vec<String> = Vec::new();
    for f in lines {
        if !funders.contains(&f.funder) {
            funders.push(f.funder.clone());
        }
    }
    funders.sort_by_key(|f| !is_state_funder(f));
    let mut grid: BTreeMap<(&str, i64), i128> = BTreeMap::new();
    for f in lines {
        *grid.entry((f.funder.as_str(), f.year)).or_default() += i128::from(f.amount_cents);
    }
    let grand_total: i128 = lines.iter().map(|f| i128::from(f.amount_cents)).sum();
    let years: Vec<i64> = years.into_iter().collect();
    // One table: when the years do not fit the page, the table layout
    // shrinks the font, turns to landscape, then splits the years over
    // tables that repeat the funders.
    let mut columns = vec![Column::new("Financeur")];
    columns.extend(years.iter().map(|y| Column::right(&y.to_string())));
    columns.push(Column::right("Total"));
    let cell = |funder: &str, y: &i64| grid.get(&(funder, *y)).copied().unwrap_or(0);
    let mut rows: Vec<Row> = funders
        .iter()
        .map(|funder| {
            let mut cells = vec![Cell::new(funder.as_str())];
            cells.extend(years.iter().map(|y| Cell::new(french::money_cents(cell(funder, y)))));
            let total: i128 = years.iter().map(|y| cell(funder, y)).sum();
            cells.push(Cell::bold(french::money_cents(total)));
            Row {
                cells,
                row_header: true,
                total: false,
            }
        })
        .collect();
    let mut cells = vec![Cell::bold("Total")];
    cells.extend(
        years
            .iter()
            .map(|y| Cell::bold(french::money_cents(funders.iter().map(|f| cell(f, y)).sum()))),
    );
    cells.push(Cell::bold(french::money_cents(grand_total)));
    rows.push(Row {
        cells,
        row_header: true,
        total: true,
    });
    flow.table(&columns, &rows, sect);
    true
}

/// The State's share of a roadmap and the actions above the 50 % cap.
fn budget_notes(flow: &mut Flow, r: &Roadmap, all: &[FundingLine], sect: NodeId) {
    if let Some(share) = state_share(all) {
        flow.plain(
            &format!(
                "Part de l’État sur l’ensemble de la feuille de route : {}.",
                french::percent(share)
            ),
            styles::BODY,
            sect,
        );
    }
    let over: Vec<String> = r
        .actions
        .iter()
        .filter_map(|a| {
            state_share(&a.funding)
                .filter(|s| *s > 0.5)
                .map(|s| format!("{} ({})", a.id, french::percent(s)))
        })
        .collect();
    if over.is_empty() {
        flow.plain(
            "Aucune action ne dépasse le plafond de 50\u{202F}% de cofinancement par l’État.",
            styles::BODY,
            sect,
        );
    } else {
        flow.plain(
            &format!(
                "Actions dont la part de l’État dépasse 50\u{202F}% : {}.",
                over.join(", ")
            ),
            styles::BODY.colored(Rgb::RED),
            sect,
        );
    }
}

/// Position of a date on the period axis, as a fraction of the whole period.
fn axis_fraction(period: &Period, date: NaiveDate) -> f32 {
    let years = (period.end - period.start + 1).max(1) as f32;
    ((date.year() as f32 - period.start as f32 + calendar::year_fraction(date) as f32) / years).clamp(0.0, 1.0)
}

fn gantt(flow: &mut Flow, r: &Roadmap, sect: NodeId) {
    flow.heading(2, "Calendrier des actions", sect, true);
    if r.actions.is_empty() {
        flow.note("Aucune action.", sect);
        return;
    }
    let g = flow.geometry;
    let label_w = 46.0;
    let row_h = 11.0;
    let axis_h = 16.0;
    let period = r.period;
    let years = (period.end - period.start + 1).max(1);
    let span = |a: &Action| {
        let s = a.start.as_deref().and_then(calendar::parse_date);
        let e = a.end.as_deref().and_then(calendar::parse_date);
        (s, e)
    };
    let describe = |a: &Action| {
        let (s, e) = span(a);
        match (s, e) {
            (Some(s), Some(e)) => format!(
                "{} du {} au {}",
                a.id,
                french::date(&s.to_string()),
                french::date(&e.to_string())
            ),
            (Some(s), None) => format!("{} à partir du {}", a.id, french::date(&s.to_string())),
            (None, Some(e)) => format!("{} jusqu’au {}", a.id, french::date(&e.to_string())),
            (None, None) => format!("{} sans dates", a.id),
        }
    };
    // One figure per page-full of rows, each with its axis; the first fills
    // what is left of the page under the heading.
    let total = r.actions.len();
    let mut done = 0;
    let mut part = 0;
    while done < total {
        let mut fit = ((flow.room() - axis_h - 6.0) / row_h).floor().max(0.0) as usize;
        if fit < 3.min(total - done) {
            flow.new_page();
            fit = ((flow.room() - axis_h - 6.0) / row_h).floor().max(1.0) as usize;
        }
        let chunk = &r.actions[done..(done + fit).min(total)];
        done += chunk.len();
        part += 1;
        let height = axis_h + chunk.len() as f32 * row_h + 6.0;
        let alt = format!(
            "Calendrier des actions{} sur la période {}–{} : {}.",
            if done < total || part > 1 {
                format!(" (partie {part})")
            } else {
                String::new()
            },
            period.start,
            period.end,
            chunk.iter().map(describe).collect::<Vec<_>>().join(" ; ")
        );
        flow.figure(height, alt, sect, |flow, x, y, node| {
            let chart_x = x + label_w;
            let chart_w = g.measure() - label_w;
            let year_w = chart_w / years as f32;
            for (k, year) in (period.start..=period.end).enumerate() {
                let yx = chart_x + k as f32 * year_w;
                let label = text::single_line(flow.fonts, &year.to_string(), styles::SMALL_BOLD);
                let lx = yx + (year_w - label.width) / 2.0;
                flow.place(
                    Item::Text {
                        x: lx,
                        y: y + 10.0,
                        line: label,
                    },
                    Tag::Artifact,
                );
                flow.place(
                    Item::Rule {
                        x1: yx,
                        y1: y + axis_h - 2.0,
                        x2: yx,
                        y2: y + height - 6.0,
                        width: 0.3,
                        color: Rgb::RULE,
                    },
                    Tag::Artifact,
                );
            }
            let end_x = chart_x + chart_w;
            flow.place(
                Item::Rule {
                    x1: end_x,
                    y1: y + axis_h - 2.0,
                    x2: end_x,
                    y2: y + height - 6.0,
                    width: 0.3,
                    color: Rgb::RULE,
                },
                Tag::Artifact,
            );
            for (i, a) in chunk.iter().enumerate() {
                let ry = y + axis_h + i as f32 * row_h;
                let mut label = text::single_line(flow.fonts, &a.id, styles::SMALL);
                if label.width > label_w - 4.0 {
                    label = text::single_line(flow.fonts, &a.id.chars().take(8).collect::<String>(), styles::SMALL);
                }
                flow.place(
                    Item::Text {
                        x,
                        y: ry + 8.0,
                        line: label,
                    },
                    Tag::Artifact,
                );
                let (s, e) = span(a);
                let f0 = s.map_or(0.0, |d| axis_fraction(&period, d));
                let f1 = e.map_or(1.0, |d| axis_fraction(&period, d));
                let (f0, f1) = (f0.min(f1), f0.max(f1));
                let color = match a.status {
                    ActionStatus::Done => Rgb(0.09, 0.46, 0.25),
                    ActionStatus::InProgress => Rgb::BLUE,
                    ActionStatus::Planned => Rgb(0.42, 0.42, 0.85),
                    ActionStatus::Abandoned => Rgb(0.6, 0.6, 0.6),
                };
                let bx = chart_x + f0 * chart_w;
                let bw = ((f1 - f0) * chart_w).max(1.5);
                flow.place(
                    Item::Fill {
                        x: bx,
                        y: ry + 2.5,
                        w: bw,
                        h: row_h - 5.0,
                        color,
                    },
                    Tag::Node(node),
                );
            }
        });
    }
    flow.plain(
        "Légende : bleu foncé, en cours ; bleu clair, prévue ; vert, réalisée ; gris, abandonnée. Une action sans date de début ou de fin s’étend jusqu’au bord de la période.",
        styles::SMALL.colored(Rgb::GREY),
        sect,
    );
}

fn indicators(flow: &mut Flow, r: &Roadmap, root: NodeId) {
    let sect = section(flow, 3, root);
    flow.heading(2, "Tableau des indicateurs", sect, true);
    if r.indicators.is_empty() {
        flow.note("Aucun indicateur n’est encore défini.", sect);
    } else {
        let columns = vec![
            Column::new("Id"),
            Column::new("Indicateur"),
            Column::new("Unité"),
            Column::new("Sens"),
            Column::right("Référence"),
            Column::right("Cible"),
            Column::right("Dernière valeur"),
            Column::right("Progression"),
        ];
        let rows: Vec<Row> = r
            .indicators
            .iter()
            .map(|x| Row {
                cells: vec![
                    Cell::bold(&x.id),
                    Cell::new(&x.name),
                    Cell::new(&x.unit),
                    Cell::new(x.direction.label_fr()),
                    Cell::new(
                        x.baseline
                            .as_ref()
                            .map(|v| value(v, &x.unit))
                            .unwrap_or_else(|| "—".into()),
                    ),
                    Cell::new(
                        x.target
                            .as_ref()
                            .map(|v| value(v, &x.unit))
                            .unwrap_or_else(|| "—".into()),
                    ),
                    Cell::new(
                        x.latest_measurement()
                            .map(|v| value(v, &x.unit))
                            .unwrap_or_else(|| "—".into()),
                    ),
                    Cell::bold(progress(x).map(french::percent).unwrap_or_else(|| "—".into())),
                ],
                row_header: true,
                total: false,
            })
            .collect();
        flow.table(&columns, &rows, sect);
    }
    flow.heading(2, "Évolution des indicateurs", sect, true);
    for x in &r.indicators {
        // Heading, definition, source line and chart on one page.
        flow.keep_together(|flow| indicator_detail(flow, x, sect));
    }
}

fn indicator_detail(flow: &mut Flow, x: &Indicator, sect: NodeId) {
    flow.heading(3, &format!("{} · {}", x.id, x.name), sect, false);
    if let Some(d) = x.definition.as_deref().filter(|d| !d.trim().is_empty()) {
        flow.markdown(d, styles::BODY, sect);
    }
    let meta = [
        x.source.as_ref().map(|s| format!("Source : {s}")),
        x.frequency
            .map(|f| format!("Fréquence : {}", f.label_fr().to_lowercase())),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" · ");
    if !meta.is_empty() {
        flow.plain(&meta, styles::SMALL.colored(Rgb::GREY), sect);
    }
    crate::charts::indicator_chart(flow, x, sect);
}

fn participation(flow: &mut Flow, r: &Roadmap, root: NodeId) {
    let sect = section(flow, 4, root);
    flow.heading(2, "Démarche", sect, true);
    if r.participation.text.trim().is_empty() {
        flow.note("La démarche de participation n’est pas encore décrite.", sect);
    } else {
        flow.markdown(&r.participation.text, styles::BODY, sect);
    }
    flow.heading(2, "Pratiques de participation", sect, true);
    if r.participation.practices.is_empty() {
        flow.note("Aucune pratique de participation renseignée.", sect);
        return;
    }
    let mut practices: Vec<&Practice> = r.participation.practices.iter().collect();
    practices.sort_by_key(|p| (p.stage as u8, p.method as u8));
    let columns = vec![
        Column::new("Étape"),
        Column::new("Niveau"),
        Column::new("Description"),
        Column::right("Participants"),
        Column::new("Date"),
    ];
    let mut rows: Vec<Row> = practices
        .iter()
        .map(|p| Row {
            cells: vec![
                Cell::bold(p.stage.label_fr()),
                Cell::new(p.method.label_fr()),
                Cell::new(fdr_core::markdown::plain_text(&p.description)),
                Cell::new(
                    p.participants
                        .map(|n| french::integer(i128::from(n)))
                        .unwrap_or_else(|| "—".into()),
                ),
                Cell::new(p.date.as_deref().map(french::date).unwrap_or_else(|| "—".into())),
            ],
            row_header: true,
            total: false,
        })
        .collect();
    let total: i128 = practices.iter().filter_map(|p| p.participants).map(i128::from).sum();
    rows.push(Row {
        cells: vec![
            Cell::bold("Total"),
            Cell::new(""),
            Cell::new(""),
            Cell::bold(french::integer(total)),
            Cell::new(""),
        ],
        row_header: true,
        total: true,
    });
    flow.table(&columns, &rows, sect);
}

fn annex(flow: &mut Flow, r: &Roadmap, root: NodeId) {
    let sect = flow.tree.add(root, Role::Sect);
    flow.new_page();
    flow.heading(1, "Annexe — Points d’attention", sect, true);
    let list = warnings(r);
    if list.is_empty() {
        flow.plain(
            "Aucun point d’attention : la feuille de route est complète au regard des contrôles du format.",
            styles::BODY,
            sect,
        );
        return;
    }
    flow.plain(
        &format!(
            "{} point(s) d’attention relevé(s) par les contrôles du format (ils n’empêchent pas la transmission) :",
            list.len()
        ),
        styles::BODY,
        sect,
    );
    // The message only: it names the item in people's terms; the field path
    // is for machines (the CLI's `--json`), never printed.
    let items: Vec<Vec<fdr_core::markdown::Span>> =
        list.iter().map(|w| vec![markdown_span(&w.message, false)]).collect();
    flow.bullets(&items, styles::BODY, sect);
}

/// Running header and footer on every page, as artifacts.
fn furniture(doc: &mut Document, r: &Roadmap, info: &ExportInfo, fonts: &mut Fonts) {
    let header = format!("Feuille de route · Thème n° {} · {}", r.theme.number, r.theme.title);
    let footer = format!(
        "Révision {} · exportée le {}",
        r.revision,
        french::date_long(&info.date)
    );
    page_furniture(doc, fonts, |_| header.clone(), &footer);
}
