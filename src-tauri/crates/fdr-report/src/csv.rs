//! CSV as French Excel opens it: UTF-8 with a byte-order mark, `;` between
//! fields, CRLF line ends, decimal commas, dates `JJ/MM/AAAA`; a field with
//! `;`, `"` or a line break is quoted (`"` doubled).

use crate::tables::{cell_text, Sheet};

/// One sheet as a CSV file.
pub fn write(sheet: &Sheet) -> Vec<u8> {
    let mut out = String::from("\u{feff}");
    let mut line = |fields: Vec<String>| {
        let quoted: Vec<String> = fields.into_iter().map(|f| quote(&f)).collect();
        out.push_str(&quoted.join(";"));
        out.push_str("\r\n");
    };
    line(sheet.columns.iter().map(|(t, _)| (*t).to_string()).collect());
    for row in &sheet.rows {
        line(row.iter().map(cell_text).collect());
    }
    out.into_bytes()
}

fn quote(field: &str) -> String {
    // A leading = + - @ would be read as a formula by spreadsheets: keep it text.
    let guarded = match field.chars().next() {
        Some('=' | '+' | '@') => format!("'{field}"),
        Some('-') if field.parse::<f64>().is_err() && field.replace(',', ".").parse::<f64>().is_err() => {
            format!("'{field}")
        }
        _ => field.to_string(),
    };
    if guarded.contains([';', '"', '\n', '\r']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tables::{Cell, Kind};

    #[test]
    fn csv_is_what_french_excel_expects() {
        let sheet = Sheet {
            name: "Essai",
            file_stem: "essai",
            columns: vec![("Nom", Kind::Text), ("Montant", Kind::Euros), ("Date", Kind::Date)],
            rows: vec![
                vec![
                    Cell::Text("a;b \"c\"\nd".into()),
                    Cell::Cents(123_456),
                    Cell::Date("2022-12-31".into()),
                ],
                vec![Cell::Text("=HYPERLINK(\"x\")".into()), Cell::Cents(-5), Cell::Empty],
            ],
        };
        let text = String::from_utf8(write(&sheet)).unwrap();
        assert!(text.starts_with('\u{feff}'), "byte-order mark first");
        let lines: Vec<&str> = text.trim_start_matches('\u{feff}').split("\r\n").collect();
        assert_eq!(lines[0], "Nom;Montant;Date");
        assert_eq!(
            lines[1], "\"a;b \"\"c\"\"\nd\";1234,56;31/12/2022",
            "quoted, quotes doubled, line break kept inside; decimal comma, French date"
        );
        assert_eq!(
            lines[2], "\"'=HYPERLINK(\"\"x\"\")\";-0,05;",
            "a formula stays text; negative cents"
        );
    }
}
