//! The regional tables: one sheet per kind of item, one row per item, typed
//! cells. The XLSX and CSV writers only lay these out.
//!
//! Extending it: a new column is one entry in a sheet's `columns` and one
//! cell in each of its rows (the writers take the rest from the kind).

use fdr_core::{french, warnings, Roadmap};
use std::collections::{HashMap, HashSet};

/// What a column holds, which decides its number format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Free text.
    Text,
    /// A whole number.
    Integer,
    /// A decimal number.
    Decimal,
    /// Euros (stored in cents, written as euros).
    Euros,
    /// A calendar date.
    Date,
    /// A share between 0 and 1.
    Percent,
}

/// One cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Nothing.
    Empty,
    /// Text.
    Text(String),
    /// A whole number.
    Integer(i64),
    /// A decimal number.
    Decimal(f64),
    /// An amount in cents.
    Cents(i128),
    /// `YYYY-MM-DD`.
    Date(String),
    /// A share between 0 and 1.
    Percent(f64),
}

/// One sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    /// Its name (also the CSV file's stem).
    pub name: &'static str,
    /// File stem for CSV, ASCII: `financements`.
    pub file_stem: &'static str,
    /// Column titles and kinds.
    pub columns: Vec<(&'static str, Kind)>,
    /// Rows, each as long as `columns`.
    pub rows: Vec<Vec<Cell>>,
}

/// A roadmap taken into the consolidation.
#[derive(Debug, Clone, Copy)]
pub struct Included<'a> {
    /// The roadmap.
    pub roadmap: &'a Roadmap,
    /// When its current revision was exported or received (RFC 3339), if known.
    pub exported_at: Option<&'a str>,
}

fn text(s: &str) -> Cell {
    Cell::Text(s.to_string())
}

fn opt_text(s: &Option<String>) -> Cell {
    s.as_deref().map_or(Cell::Empty, text)
}

fn list(l: &Option<Vec<String>>) -> Cell {
    l.as_ref().map_or(Cell::Empty, |l| text(&l.join(", ")))
}

fn date(d: &Option<String>) -> Cell {
    d.as_deref().map_or(Cell::Empty, |d| Cell::Date(d.to_string()))
}

fn number(n: &fdr_core::Number) -> Cell {
    match n.as_i64() {
        Some(i) => Cell::Integer(i),
        None => n.as_f64().map_or(Cell::Empty, Cell::Decimal),
    }
}

fn direction(d: fdr_core::Direction) -> &'static str {
    match d {
        fdr_core::Direction::Increase => "À la hausse",
        fdr_core::Direction::Decrease => "À la baisse",
        fdr_core::Direction::Maintain => "Maintien",
    }
}

/// The seven sheets of the regional consolidation, roadmaps in theme order.
pub fn sheets(included: &[Included]) -> Vec<Sheet> {
    let mut list_: Vec<Included> = included.to_vec();
    list_.sort_by(|a, b| (a.roadmap.theme.number, &a.roadmap.id).cmp(&(b.roadmap.theme.number, &b.roadmap.id)));
    let theme = |r: &Roadmap| Cell::Integer(r.theme.number);

    let mut roadmaps = Sheet {
        name: "Feuilles de route",
        file_stem: "feuilles-de-route",
        columns: vec![
            ("Thème", Kind::Integer),
            ("Intitulé du thème", Kind::Text),
            ("Identifiant", Kind::Text),
            ("Révision", Kind::Integer),
            ("Statut", Kind::Text),
            ("Date d’export", Kind::Date),
            ("Animateurs", Kind::Text),
            ("Objectifs", Kind::Integer),
            ("Actions", Kind::Integer),
            ("Indicateurs", Kind::Integer),
            ("Budget total", Kind::Euros),
            ("Part de l’État", Kind::Percent),
            ("Points à revoir", Kind::Integer),
        ],
        rows: Vec::new(),
    };
    let mut objectives = Sheet {
        name: "Objectifs",
        file_stem: "objectifs",
        columns: vec![
            ("Thème", Kind::Integer),
            ("Objectif", Kind::Text),
            ("Priorité", Kind::Integer),
            ("Intitulé", Kind::Text),
            ("Territoires", Kind::Text),
            ("Actions", Kind::Text),
        ],
        rows: Vec::new(),
    };
    let mut actions = Sheet {
        name: "Actions",
        file_stem: "actions",
        columns: vec![
            ("Thème", Kind::Integer),
            ("Action", Kind::Text),
            ("Intitulé", Kind::Text),
            ("Pilote", Kind::Text),
            ("Partenaires", Kind::Text),
            ("Territoires", Kind::Text),
            ("Objectifs", Kind::Text),
            ("Début", Kind::Date),
            ("Fin", Kind::Date),
            ("État", Kind::Text),
            ("ETP", Kind::Decimal),
            ("Budget total", Kind::Euros),
            ("Part de l’État", Kind::Percent),
        ],
        rows: Vec::new(),
    };
    let mut funding = Sheet {
        name: "Financements",
        file_stem: "financements",
        columns: vec![
            ("Thème", Kind::Integer),
            ("Action", Kind::Text),
            ("Intitulé de l’action", Kind::Text),
            ("Financeur", Kind::Text),
            ("Année", Kind::Integer),
            ("Montant", Kind::Euros),
        ],
        rows: Vec::new(),
    };
    let mut indicators = Sheet {
        name: "Indicateurs",
        file_stem: "indicateurs",
        columns: vec![
            ("Thème", Kind::Integer),
            ("Indicateur", Kind::Text),
            ("Nom", Kind::Text),
            ("Unité", Kind::Text),
            ("Sens attendu", Kind::Text),
            ("Valeur de référence", Kind::Decimal),
            ("Date de référence", Kind::Date),
            ("Cible", Kind::Decimal),
            ("Date cible", Kind::Date),
            ("Dernière mesure", Kind::Decimal),
            ("Date de la dernière mesure", Kind::Date),
            ("Objectifs", Kind::Text),
            ("Actions", Kind::Text),
            ("Source", Kind::Text),
            ("Fréquence", Kind::Text),
        ],
        rows: Vec::new(),
    };
    let mut measurements = Sheet {
        name: "Mesures",
        file_stem: "mesures",
        columns: vec![
            ("Thème", Kind::Integer),
            ("Indicateur", Kind::Text),
            ("Nom de l’indicateur", Kind::Text),
            ("Date", Kind::Date),
            ("Valeur", Kind::Decimal),
            ("Unité", Kind::Text),
            ("Commentaire", Kind::Text),
        ],
        rows: Vec::new(),
    };
    let mut participation = Sheet {
        name: "Participation",
        file_stem: "participation",
        columns: vec![
            ("Thème", Kind::Integer),
            ("Étape", Kind::Text),
            ("Modalité", Kind::Text),
            ("Description", Kind::Text),
            ("Participants", Kind::Integer),
            ("Date", Kind::Date),
        ],
        rows: Vec::new(),
    };

    for inc in &list_ {
        let r = inc.roadmap;
        let all_funding: Vec<fdr_core::FundingLine> = r.actions.iter().flat_map(|a| a.funding.clone()).collect();
        roadmaps.rows.push(vec![
            theme(r),
            text(&r.theme.title),
            text(&r.id),
            Cell::Integer(r.revision),
            text(r.status.label_fr()),
            inc.exported_at
                .and_then(|t| t.get(..10))
                .map_or(Cell::Empty, |d| Cell::Date(d.to_string())),
            text(
                &r.animators
                    .iter()
                    .map(|a| a.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
            Cell::Integer(r.objectives.len() as i64),
            Cell::Integer(r.actions.len() as i64),
            Cell::Integer(r.indicators.len() as i64),
            Cell::Cents(r.total_cents()),
            warnings::state_share(&all_funding).map_or(Cell::Empty, Cell::Percent),
            Cell::Integer(warnings::warnings(r).len() as i64),
        ]);
        // Which actions serve each objective, in one pass over the links
        // (not a search of every action per objective: 5,000 × 5,000).
        let mut served_by: HashMap<&str, Vec<&str>> = HashMap::new();
        for a in &r.actions {
            let mut seen = HashSet::new();
            for o in &a.objectives {
                if seen.insert(o.as_str()) {
                    served_by.entry(o.as_str()).or_default().push(a.id.as_str());
                }
            }
        }
        for o in &r.objectives {
            let served = served_by.get(o.id.as_str()).map(Vec::as_slice).unwrap_or_default();
            objectives.rows.push(vec![
                theme(r),
                text(&o.id),
                Cell::Integer(o.priority),
                text(&o.title),
                list(&o.territories),
                text(&served.join(", ")),
            ]);
        }
        for a in &r.actions {
            actions.rows.push(vec![
                theme(r),
                text(&a.id),
                text(&a.title),
                opt_text(&a.lead),
                list(&a.partners),
                list(&a.territories),
                text(&a.objectives.join(", ")),
                date(&a.start),
                date(&a.end),
                text(a.status.label_fr()),
                a.fte.as_ref().map_or(Cell::Empty, number),
                Cell::Cents(a.total_cents()),
                warnings::state_share(&a.funding).map_or(Cell::Empty, Cell::Percent),
            ]);
            for f in &a.funding {
                funding.rows.push(vec![
                    theme(r),
                    text(&a.id),
                    text(&a.title),
                    text(&f.funder),
                    Cell::Integer(f.year),
                    Cell::Cents(i128::from(f.amount_cents)),
                ]);
            }
        }
        for x in &r.indicators {
            let latest = x.latest_measurement();
            indicators.rows.push(vec![
                theme(r),
                text(&x.id),
                text(&x.name),
                text(&x.unit),
                text(direction(x.direction)),
                x.baseline.as_ref().map_or(Cell::Empty, |b| number(&b.value)),
                x.baseline.as_ref().map_or(Cell::Empty, |b| Cell::Date(b.date.clone())),
                x.target.as_ref().map_or(Cell::Empty, |t| number(&t.value)),
                x.target.as_ref().map_or(Cell::Empty, |t| Cell::Date(t.date.clone())),
                latest.map_or(Cell::Empty, |m| number(&m.value)),
                latest.map_or(Cell::Empty, |m| Cell::Date(m.date.clone())),
                list(&x.objectives),
                list(&x.actions),
                opt_text(&x.source),
                x.frequency.map_or(Cell::Empty, |f| text(f.label_fr())),
            ]);
            for m in x.measurements.iter().flatten() {
                measurements.rows.push(vec![
                    theme(r),
                    text(&x.id),
                    text(&x.name),
                    Cell::Date(m.date.clone()),
                    number(&m.value),
                    text(&x.unit),
                    opt_text(&m.comment),
                ]);
            }
        }
        for p in &r.participation.practices {
            participation.rows.push(vec![
                theme(r),
                text(p.stage.label_fr()),
                text(p.method.label_fr()),
                text(&p.description),
                p.participants.map_or(Cell::Empty, Cell::Integer),
                date(&p.date),
            ]);
        }
    }
    vec![
        roadmaps,
        objectives,
        actions,
        funding,
        indicators,
        measurements,
        participation,
    ]
}

/// A cell as French text (CSV, and checks): `1234,5`, `31/12/2022`, `62,5 %`.
pub fn cell_text(cell: &Cell) -> String {
    match cell {
        Cell::Empty => String::new(),
        Cell::Text(s) => s.clone(),
        Cell::Integer(i) => i.to_string(),
        Cell::Decimal(f) => f.to_string().replace('.', ","),
        Cell::Cents(c) => {
            let sign = if *c < 0 { "-" } else { "" };
            let a = c.unsigned_abs();
            format!("{sign}{},{:02}", a / 100, a % 100)
        }
        Cell::Date(d) => match (d.get(0..4), d.get(5..7), d.get(8..10)) {
            (Some(y), Some(m), Some(day)) if d.len() == 10 => format!("{day}/{m}/{y}"),
            _ => d.clone(),
        },
        // French decimals, but a hyphen-minus and no spaces: a spreadsheet reads it back.
        Cell::Percent(p) => format!(
            "{}%",
            french::decimal(p * 100.0)
                .replace(['\u{a0}', '\u{202f}'], "")
                .replace(french::MINUS, "-")
        ),
    }
}
