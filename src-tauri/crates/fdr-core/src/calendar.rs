//! Dates (`YYYY-MM-DD`) and RFC 3339 timestamps, with chrono.
//!
//! The format is stricter than chrono's parsers: chrono alone accepts
//! unpadded fields (`2021-1-5`) and a space for the `T` of a timestamp. So
//! each string first passes a shape check here (digits exactly where the
//! format puts them), then chrono decides whether it is a real date or time
//! (month lengths, leap years, hours, offsets).
//!
//! Nothing here reads the clock: the caller passes the time in
//! (`fdr_store::system_clock` is where the computer's clock is read).
//!
//! Extending it: a new kind of date string gets its shape check beside
//! [`parse_date`] and leaves the calendar to chrono.

use chrono::{DateTime, SecondsFormat, Utc};
pub use chrono::{Datelike, NaiveDate};

/// Whether `b` has ASCII digits at every index of `at`.
fn digits_at(b: &[u8], at: impl IntoIterator<Item = usize>) -> bool {
    at.into_iter().all(|i| b.get(i).is_some_and(u8::is_ascii_digit))
}

/// Whether `s` has the shape `DDDD-DD-DD`.
fn is_date_shape(b: &[u8]) -> bool {
    b.len() == 10 && b[4] == b'-' && b[7] == b'-' && digits_at(b, [0, 1, 2, 3, 5, 6, 8, 9])
}

/// Parses exactly `YYYY-MM-DD` (RFC 3339 `full-date`), rejecting impossible days.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    if !is_date_shape(s.as_bytes()) {
        return None;
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

/// Whether `s` has the shape of an RFC 3339 `date-time`:
/// `DDDD-DD-DDTDD:DD:DD`, an optional fraction `.D…`, then `Z` or `±DD:DD`
/// (`T` and `Z` in either case).
fn is_timestamp_shape(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() < 20 || !is_date_shape(&b[..10]) || !matches!(b[10], b'T' | b't') {
        return false;
    }
    if !(b[13] == b':' && b[16] == b':' && digits_at(b, [11, 12, 14, 15, 17, 18])) {
        return false;
    }
    let mut rest = &b[19..];
    if let Some(frac) = rest.strip_prefix(b".") {
        let n = frac.iter().take_while(|c| c.is_ascii_digit()).count();
        if n == 0 {
            return false;
        }
        rest = &frac[n..];
    }
    match rest {
        b"Z" | b"z" => true,
        [b'+' | b'-', _, _, b':', _, _] => digits_at(rest, [1, 2, 4, 5]),
        _ => false,
    }
}

/// Whether `s` is an RFC 3339 `date-time` (e.g. `2019-06-28T14:05:00Z`,
/// `2019-06-28T16:05:00.5+02:00`).
pub fn is_rfc3339_timestamp(s: &str) -> bool {
    is_timestamp_shape(s) && DateTime::parse_from_rfc3339(s).is_ok()
}

/// The RFC 3339 UTC timestamp (`YYYY-MM-DDTHH:MM:SSZ`) of a Unix time in
/// seconds (clamped to chrono's range, some 262,000 years either way).
pub fn utc_timestamp(unix_seconds: i64) -> String {
    let t = DateTime::from_timestamp(unix_seconds, 0).unwrap_or(if unix_seconds < 0 {
        DateTime::<Utc>::MIN_UTC
    } else {
        DateTime::<Utc>::MAX_UTC
    });
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// 1970-01-01, day 0 of [`days_since_epoch`].
const EPOCH: NaiveDate = NaiveDate::from_ymd_opt(1970, 1, 1).expect("1970-01-01 is a date");

/// Days since 1970-01-01 (negative before).
pub fn days_since_epoch(d: NaiveDate) -> i64 {
    (d - EPOCH).num_days()
}

/// The date `days` after 1970-01-01 (clamped to chrono's range).
pub fn from_days_since_epoch(days: i64) -> NaiveDate {
    let clamped = days.clamp(days_since_epoch(NaiveDate::MIN), days_since_epoch(NaiveDate::MAX));
    EPOCH
        .checked_add_signed(chrono::TimeDelta::days(clamped))
        .expect("clamped to chrono's range")
}

/// Fraction of its year elapsed at this date (0.0 on 1 January).
pub fn year_fraction(d: NaiveDate) -> f64 {
    let days_in_year = if NaiveDate::from_yo_opt(d.year(), 366).is_some() {
        366.0
    } else {
        365.0
    };
    f64::from(d.ordinal0()) / days_in_year
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("a real date")
    }

    #[test]
    fn dates_parse_strictly() {
        assert_eq!(parse_date("2021-12-31"), Some(ymd(2021, 12, 31)));
        assert!(parse_date("2020-02-29").is_some(), "2020 is a leap year");
        for bad in [
            "2021-02-29",
            "1900-02-29",
            "2021-13-01",
            "2021-00-10",
            "2021-1-01",
            "2021-01-1",
            "21-01-01x",
            "2021/01/01",
            "",
            "２０２１-01-01",
            "2021-01-32",
            "+021-01-01",
            " 2021-1-01",
            "2021-01-01 ",
        ] {
            assert!(parse_date(bad).is_none(), "{bad:?} is not a YYYY-MM-DD date");
        }
        assert!(parse_date("2000-02-29").is_some(), "2000 is a leap year");
    }

    #[test]
    fn days_round_trip_over_centuries() {
        for days in (-800_000..800_000).step_by(997) {
            let d = from_days_since_epoch(days);
            assert_eq!(days_since_epoch(d), days, "{d} must map back to day {days}");
            assert!(parse_date(&d.to_string()).is_some() || d.year() > 9999 || d.year() < 0);
        }
        assert_eq!(parse_date("1970-01-01").map(days_since_epoch), Some(0));
        assert_eq!(
            days_since_epoch(ymd(2026, 12, 1)) - days_since_epoch(ymd(2026, 1, 1)),
            334,
            "day counts for the Gantt"
        );
    }

    #[test]
    fn year_fractions() {
        assert_eq!(year_fraction(ymd(2021, 1, 1)), 0.0, "1 January starts the year");
        assert_eq!(year_fraction(ymd(2020, 7, 2)), 183.0 / 366.0, "2020 has 366 days");
        assert_eq!(year_fraction(ymd(2021, 12, 31)), 364.0 / 365.0);
    }

    #[test]
    fn timestamps() {
        for ok in [
            "2019-06-28T14:05:00Z",
            "2019-06-28t14:05:00z",
            "2019-06-28T14:05:00.123Z",
            "2019-06-28T16:05:00+02:00",
            "2016-12-31T23:59:60Z",
        ] {
            assert!(is_rfc3339_timestamp(ok), "{ok} is RFC 3339");
        }
        for bad in [
            "2019-06-28",
            "2019-06-28 14:05:00Z",
            "2019-06-28T14:05Z",
            "2019-06-28T24:00:00Z",
            "2019-06-28T14:05:00",
            "2019-06-28T14:05:00.Z",
            "2019-02-30T14:05:00Z",
            "2019-06-28T14:05:00+2:00",
            "2019-06-28T14:05:00Zjunk",
            "2019-06-28Té:05:00Z",
            "2019-06-28T14:05:00+24:00",
            "2019-06-28T14:05:00+02:60",
            "2019-6-28T14:05:00Z",
            "2019-06-28T4:05:00Z",
        ] {
            assert!(!is_rfc3339_timestamp(bad), "{bad} is not RFC 3339");
        }
        assert_eq!(utc_timestamp(0), "1970-01-01T00:00:00Z");
        assert_eq!(utc_timestamp(1_561_730_700), "2019-06-28T14:05:00Z");
        assert!(is_rfc3339_timestamp(&utc_timestamp(4_102_444_799)));
    }
}
