//! Figures written the French way: `213 000 €`, `27,5 %`, `31/12/2021`.
//!
//! Thousands are separated by a narrow no-break space (U+202F) and a unit
//! follows its number after a no-break space, as `Intl.NumberFormat("fr-FR")`
//! does, so that the PDF, the spreadsheet and the desktop app agree. A
//! negative number takes the true minus sign U+2212 (`−8,2 %`), as French
//! typography wants; years are never grouped (`2019`, not `2 019`).
//!
//! These are for people to read. A spreadsheet cell that must read back as
//! a number is written by the report crate, with a hyphen-minus.

use crate::calendar::{self, Datelike};
use crate::roadmap::Number;

/// Narrow no-break space, the thousands separator.
pub const NNBSP: char = '\u{202F}';
/// No-break space, between a number and its unit (`€`).
pub const NBSP: char = '\u{A0}';
/// The minus sign of negative numbers (U+2212), never the hyphen-minus.
pub const MINUS: char = '\u{2212}';

/// Groups the digits of a non-negative integer written in ASCII digits.
fn group_thousands(digits: &str) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * 3);
    let n = digits.len();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (n - i) % 3 == 0 {
            out.push(NNBSP);
        }
        out.push(c);
    }
    out
}

/// The sign written before a number's digits: the minus sign or nothing.
fn sign(negative: bool) -> &'static str {
    if negative {
        "\u{2212}"
    } else {
        ""
    }
}

/// An integer: `1450` → `1 450`, `-3` → `−3`.
pub fn integer(n: i128) -> String {
    format!("{}{}", sign(n < 0), group_thousands(&n.unsigned_abs().to_string()))
}

/// A year, never grouped: `2019`.
pub fn year(y: i64) -> String {
    format!("{}{}", sign(y < 0), y.unsigned_abs())
}

/// A period of years: `2019–2022` (en dash, no spaces).
pub fn period(start: i64, end: i64) -> String {
    format!("{}–{}", year(start), year(end))
}

/// An amount of euro cents: `21300000` → `213 000 €`; `2150` → `21,50 €`
/// (cents only when not zero).
pub fn money_cents(cents: i128) -> String {
    let euros = cents / 100;
    let rest = (cents % 100).unsigned_abs();
    let sign = sign(cents < 0);
    let whole = group_thousands(&euros.unsigned_abs().to_string());
    if rest == 0 {
        format!("{sign}{whole}{NBSP}€")
    } else {
        format!("{sign}{whole},{rest:02}{NBSP}€")
    }
}

/// A decimal number as written in the data, French style: `18.5` → `18,5`,
/// `1450` → `1 450`, `0.125` → `0,125`. No rounding: what was typed is shown.
pub fn decimal(value: f64) -> String {
    if !value.is_finite() {
        return if value.is_nan() {
            "—".into()
        } else if value > 0.0 {
            "∞".into()
        } else {
            "\u{2212}∞".into()
        };
    }
    // Rust prints the shortest decimal that reads back to the same float,
    // without exponent.
    let text = format!("{}", value.abs());
    let (int_part, frac) = match text.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (text.as_str(), None),
    };
    let sign = sign(value < 0.0);
    match frac {
        Some(f) => format!("{sign}{},{f}", group_thousands(int_part)),
        None => format!("{sign}{}", group_thousands(int_part)),
    }
}

/// A JSON number of the data, French style.
pub fn number(n: &Number) -> String {
    if let Some(i) = n.as_i64() {
        integer(i128::from(i))
    } else if let Some(u) = n.as_u64() {
        integer(i128::from(u))
    } else {
        decimal(n.as_f64().unwrap_or(f64::NAN))
    }
}

/// A number with its unit: `27,5 %`, `1 450 jeunes`, `213 000 €`.
pub fn with_unit(n: &Number, unit: Option<&str>) -> String {
    match unit.map(str::trim).filter(|u| !u.is_empty()) {
        None => number(n),
        Some("%") => format!("{}{NNBSP}%", number(n)),
        Some(u) => format!("{}{NBSP}{u}", number(n)),
    }
}

/// A percentage from a ratio: `0.5` → `50 %`, `0.5234` → `52,3 %`,
/// `-0.082` → `−8,2 %` (a fall); a ratio that rounds to zero is `0 %`.
pub fn percent(ratio: f64) -> String {
    // `+ 0.0` turns the -0.0 of a tiny fall into 0.0: no `−0 %`.
    let tenths = (ratio * 1000.0).round() / 10.0 + 0.0;
    format!("{}{NNBSP}%", decimal(tenths))
}

/// A `YYYY-MM-DD` date as `31/12/2021`; a string that is not a date is
/// returned as it is.
pub fn date(iso: &str) -> String {
    match calendar::parse_date(iso) {
        Some(d) => d.format("%d/%m/%Y").to_string(),
        None => iso.to_string(),
    }
}

/// The long French form: `28 juin 2019`, `1er janvier 2020`.
pub fn date_long(iso: &str) -> String {
    const MONTHS: [&str; 12] = [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ];
    match calendar::parse_date(iso) {
        Some(d) => {
            let day = if d.day() == 1 {
                "1er".to_string()
            } else {
                d.day().to_string()
            };
            format!("{day} {} {}", MONTHS[d.month0() as usize], d.year())
        }
        None => iso.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_is_french() {
        assert_eq!(money_cents(21_300_000), "213\u{202F}000\u{A0}€");
        assert_eq!(money_cents(0), "0\u{A0}€");
        assert_eq!(money_cents(2150), "21,50\u{A0}€");
        assert_eq!(money_cents(5), "0,05\u{A0}€");
        assert_eq!(money_cents(12_345_678_901), "123\u{202F}456\u{202F}789,01\u{A0}€");
        assert_eq!(
            money_cents(-100_000),
            "\u{2212}1\u{202F}000\u{A0}€",
            "a negative amount takes the minus sign U+2212"
        );
        assert_eq!(
            money_cents(-5),
            "\u{2212}0,05\u{A0}€",
            "the sign survives a zero euro part"
        );
        assert_eq!(
            money_cents(i128::from(i64::MAX) * 3)
                .chars()
                .filter(|c| *c == NNBSP)
                .count(),
            5,
            "18-digit euros: 5 separators"
        );
    }

    #[test]
    fn numbers_are_french() {
        assert_eq!(integer(1450), "1\u{202F}450");
        assert_eq!(integer(999), "999");
        assert_eq!(
            integer(-1_000_000),
            "\u{2212}1\u{202F}000\u{202F}000",
            "the minus sign U+2212, never a hyphen"
        );
        assert_eq!(decimal(18.5), "18,5");
        assert_eq!(decimal(0.125), "0,125");
        assert_eq!(decimal(12345.75), "12\u{202F}345,75");
        assert_eq!(
            decimal(1e21),
            "1\u{202F}000\u{202F}000\u{202F}000\u{202F}000\u{202F}000\u{202F}000\u{202F}000"
        );
        assert_eq!(decimal(-0.0), "0");
        let n: Number = serde_json::from_str("18.0").expect("number");
        assert_eq!(number(&n), "18", "18.0 reads 18 in French as in English");
        let n: Number = serde_json::from_str("27.5").expect("number");
        assert_eq!(with_unit(&n, Some("%")), "27,5\u{202F}%");
        assert_eq!(with_unit(&n, Some("jeunes")), "27,5\u{A0}jeunes");
        assert_eq!(percent(0.5234), "52,3\u{202F}%");
        assert_eq!(percent(0.5), "50\u{202F}%");
    }

    #[test]
    fn falls_take_the_minus_sign() {
        assert_eq!(percent(-0.082), "\u{2212}8,2\u{202F}%", "a progression of −8,2 %");
        assert_eq!(
            percent(-0.0001),
            "0\u{202F}%",
            "a fall that rounds to nothing is 0 %, not −0 %"
        );
        assert_eq!(decimal(-12345.5), "\u{2212}12\u{202F}345,5");
        assert_eq!(decimal(f64::NEG_INFINITY), "\u{2212}∞");
        let n: Number = serde_json::from_str("-3.5").expect("number");
        assert_eq!(with_unit(&n, Some("%")), "\u{2212}3,5\u{202F}%", "U+202F before %");
        assert_eq!(
            with_unit(&n, Some("points")),
            "\u{2212}3,5\u{A0}points",
            "no-break space before a unit"
        );
        for text in [integer(-7), money_cents(-700), decimal(-0.7), percent(-0.7)] {
            assert!(!text.contains('-'), "{text:?}: no hyphen-minus in a number people read");
        }
    }

    #[test]
    fn years_are_never_grouped() {
        assert_eq!(year(2019), "2019");
        assert_eq!(year(10_000), "10000", "even past four digits");
        assert_eq!(period(2019, 2022), "2019–2022", "an en dash between the years");
        assert_eq!(period(2024, 2020), "2024–2020", "written as given, even when backwards");
    }

    #[test]
    fn dates_are_french() {
        assert_eq!(date("2021-12-31"), "31/12/2021");
        assert_eq!(date("pas une date"), "pas une date");
        assert_eq!(date_long("2019-06-28"), "28 juin 2019");
        assert_eq!(date_long("2020-01-01"), "1er janvier 2020");
        assert_eq!(date_long("2020-08-15"), "15 août 2020");
    }
}
