//! The regional tables written as XLSX and read back with calamine, and as
//! CSV: totals equal the sum of the funding lines, cells are typed.

use calamine::{open_workbook_from_rs, Data, DataType, Reader, Xlsx};
use fdr_core::sample::generate;
use fdr_report::{csv, sheets, xlsx, Included};

fn roadmaps() -> Vec<fdr_core::Roadmap> {
    vec![
        generate("00000000-0000-4000-8000-000000000009", 9, 12, 6, 1),
        generate("00000000-0000-4000-8000-000000000001", 1, 5, 3, 2),
        generate("00000000-0000-4000-8000-000000000004", 4, 30, 10, 3),
    ]
}

#[test]
fn the_workbook_reads_back_with_typed_cells_and_the_right_totals() {
    let rs = roadmaps();
    let included: Vec<Included> = rs
        .iter()
        .map(|r| Included {
            roadmap: r,
            exported_at: Some("2026-11-30T10:00:00Z"),
        })
        .collect();
    let bytes = xlsx::write(&sheets(&included), "2026-11-30T10:00:00Z").unwrap();
    let again = xlsx::write(&sheets(&included), "2026-11-30T10:00:00Z").unwrap();
    assert_eq!(bytes, again, "same tables, same date: same bytes");

    let mut book: Xlsx<_> = open_workbook_from_rs(std::io::Cursor::new(bytes)).expect("a valid XLSX");
    assert_eq!(
        book.sheet_names(),
        [
            "Feuilles de route",
            "Objectifs",
            "Actions",
            "Financements",
            "Indicateurs",
            "Mesures",
            "Participation"
        ],
        "the seven sheets, in order"
    );

    let funding = book.worksheet_range("Financements").unwrap();
    let header: Vec<String> = funding.rows().next().unwrap().iter().map(|c| c.to_string()).collect();
    assert_eq!(
        header,
        [
            "Thème",
            "Action",
            "Intitulé de l’action",
            "Financeur",
            "Année",
            "Montant"
        ]
    );
    let lines: usize = rs.iter().flat_map(|r| &r.actions).map(|a| a.funding.len()).sum();
    assert_eq!(funding.rows().count(), lines + 1, "one row per funding line");
    let total: f64 = funding
        .rows()
        .skip(1)
        .map(|row| match &row[5] {
            Data::Float(x) => *x,
            Data::Int(i) => *i as f64,
            other => panic!("amounts are numbers, not {other:?}"),
        })
        .sum();
    let expected: i128 = rs.iter().map(|r| r.total_cents()).sum();
    assert!(
        (total - expected as f64 / 100.0).abs() < 0.005,
        "sum of the amount column {total} = sum of the lines {expected} cents"
    );
    let themes: Vec<f64> = funding.rows().skip(1).map(|row| row[0].as_f64().unwrap()).collect();
    assert!(themes.windows(2).all(|w| w[0] <= w[1]), "rows in theme order");

    let summary = book.worksheet_range("Feuilles de route").unwrap();
    assert_eq!(summary.rows().count(), 4, "one row per roadmap");
    let budget_total: f64 = summary.rows().skip(1).map(|row| row[10].as_f64().unwrap()).sum();
    assert!(
        (budget_total - total).abs() < 0.005,
        "per-roadmap budgets add up to the funding lines"
    );
    assert!(
        matches!(summary.rows().nth(1).unwrap()[5], Data::DateTime(_)),
        "export dates are date cells"
    );
    let actions = book.worksheet_range("Actions").unwrap();
    let with_dates = actions
        .rows()
        .skip(1)
        .filter(|row| matches!(row[7], Data::DateTime(_)))
        .count();
    assert!(with_dates > 0, "action start dates are date cells");
}

#[test]
fn csv_files_have_one_line_per_row_with_the_same_total() {
    let rs = roadmaps();
    let included: Vec<Included> = rs
        .iter()
        .map(|r| Included {
            roadmap: r,
            exported_at: None,
        })
        .collect();
    let all = sheets(&included);
    let funding = all.iter().find(|s| s.file_stem == "financements").unwrap();
    let text = String::from_utf8(csv::write(funding)).unwrap();
    let body = text.trim_start_matches('\u{feff}');
    let rows: Vec<&str> = body.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(
        rows.len(),
        funding.rows.len() + 1,
        "header and one line per funding line"
    );
    let total: f64 = rows[1..]
        .iter()
        .map(|l| l.rsplit(';').next().unwrap().replace(',', ".").parse::<f64>().unwrap())
        .sum();
    let expected: i128 = rs.iter().map(|r| r.total_cents()).sum();
    assert!(
        (total - expected as f64 / 100.0).abs() < 0.005,
        "CSV amounts add up: {total}"
    );
}

#[test]
fn workbook_headings_get_french_typography() {
    let sheet = fdr_report::tables::Sheet {
        name: "Essai",
        file_stem: "essai",
        columns: vec![
            ("Part de l'État (%)", fdr_report::tables::Kind::Text),
            ("Montant: total", fdr_report::tables::Kind::Text),
        ],
        rows: Vec::new(),
    };
    let bytes = xlsx::write(&[sheet], "2026-11-30T10:00:00Z").unwrap();
    let mut book: Xlsx<_> = open_workbook_from_rs(std::io::Cursor::new(bytes)).expect("a valid XLSX");
    let range = book.worksheet_range("Essai").unwrap();
    let header: Vec<String> = range.rows().next().unwrap().iter().map(|c| c.to_string()).collect();
    assert_eq!(
        header,
        ["Part de l’État (%)", "Montant\u{202F}: total"],
        "headings are shown with French typography"
    );
}
