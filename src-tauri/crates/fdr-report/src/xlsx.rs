//! The XLSX workbook: one worksheet per sheet, a bold frozen header row
//! with filters, typed cells (numbers, euros, dates, percentages) and
//! column widths from the content. The same tables give the same bytes
//! (the creation date is passed in).

use crate::tables::{Cell, Sheet};
use crate::ReportError;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, FormatAlign, Workbook};

/// The workbook of `sheets`, dated `created` (`YYYY-MM-DDTHH:MM:SSZ`).
pub fn write(sheets: &[Sheet], created: &str) -> Result<Vec<u8>, ReportError> {
    let mut book = Workbook::new();
    let mut props = DocProperties::new()
        .set_title("Feuilles de route thématiques — consolidation régionale")
        .set_author("Feuilles de route")
        .set_company("Stratégie de prévention et de lutte contre la pauvreté");
    if let Ok(t) = ExcelDateTime::parse_from_str(created.trim_end_matches('Z')) {
        props = props.set_creation_datetime(&t);
    }
    book.set_properties(&props);

    let header = Format::new().set_bold().set_text_wrap().set_align(FormatAlign::Top);
    let euros = Format::new().set_num_format("#,##0.00\\ \"€\"");
    let date = Format::new().set_num_format("dd/mm/yyyy");
    let decimal = Format::new().set_num_format("#,##0.##");
    let integer = Format::new().set_num_format("0");
    let percent = Format::new().set_num_format("0.0%");

    for sheet in sheets {
        let ws = book.add_worksheet();
        ws.set_name(sheet.name)?;
        let mut widths: Vec<usize> = sheet.columns.iter().map(|(t, _)| t.chars().count().max(8)).collect();
        for (c, (title, _)) in sheet.columns.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, fdr_core::typography::french(title), &header)?;
        }
        for (i, row) in sheet.rows.iter().enumerate() {
            let r = (i + 1) as u32;
            for (c, cell) in row.iter().enumerate() {
                let col = c as u16;
                let shown = match cell {
                    Cell::Empty => 0,
                    Cell::Text(s) => {
                        ws.write_string(r, col, s)?;
                        s.chars().count().min(60)
                    }
                    Cell::Integer(n) => {
                        ws.write_number_with_format(r, col, *n as f64, &integer)?;
                        n.to_string().len()
                    }
                    Cell::Decimal(x) => {
                        ws.write_number_with_format(r, col, *x, &decimal)?;
                        x.to_string().len()
                    }
                    Cell::Cents(c) => {
                        ws.write_number_with_format(r, col, *c as f64 / 100.0, &euros)?;
                        (c / 100).to_string().len() + 6
                    }
                    Cell::Percent(p) => {
                        ws.write_number_with_format(r, col, *p, &percent)?;
                        7
                    }
                    Cell::Date(d) => {
                        match ExcelDateTime::parse_from_str(d) {
                            Ok(t) => ws.write_datetime_with_format(r, col, &t, &date)?,
                            Err(_) => ws.write_string(r, col, d)?,
                        };
                        10
                    }
                };
                if let Some(w) = widths.get_mut(c) {
                    *w = (*w).max(shown);
                }
            }
        }
        for (c, w) in widths.iter().enumerate() {
            ws.set_column_width(c as u16, (*w as f64 + 2.0).min(62.0))?;
        }
        ws.set_freeze_panes(1, 0)?;
        let last_col = sheet.columns.len().saturating_sub(1) as u16;
        ws.autofilter(0, 0, sheet.rows.len() as u32, last_col)?;
    }
    Ok(book.save_to_buffer()?)
}
