//! Strict calendar dates (`YYYY-MM-DD`) and RFC 3339 timestamps.
//!
//! Written here rather than pulled from a date crate because the format needs
//! exactly two things: checking that a string is a real date or timestamp
//! (kept as written), and making the UTC timestamp of an export from a Unix
//! time the caller passes in.

use std::fmt;

/// A proleptic Gregorian calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CalendarDate {
    /// Year, 0000 to 9999.
    pub year: i32,
    /// Month, 1 to 12.
    pub month: u8,
    /// Day, 1 to the month's length.
    pub day: u8,
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

fn digits(s: &str) -> Option<u32> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

impl CalendarDate {
    /// Parses exactly `YYYY-MM-DD` (RFC 3339 `full-date`), rejecting impossible days.
    pub fn parse(s: &str) -> Option<Self> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let year = digits(s.get(0..4)?)? as i32;
        let month = digits(s.get(5..7)?)? as u8;
        let day = digits(s.get(8..10)?)? as u8;
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Self { year, month, day })
    }

    /// Days since 1970-01-01 (negative before).
    pub fn days_since_epoch(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` after 1970-01-01.
    pub fn from_days_since_epoch(days: i64) -> Self {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Self { year, month, day }
    }

    /// Fraction of the year elapsed at this date (0.0 on 1 January).
    pub fn year_fraction(self) -> f64 {
        let start = CalendarDate {
            year: self.year,
            month: 1,
            day: 1,
        }
        .days_since_epoch();
        let len = if is_leap(self.year) { 366.0 } else { 365.0 };
        (self.days_since_epoch() - start) as f64 / len
    }
}

impl fmt::Display for CalendarDate {
    /// ISO form, `YYYY-MM-DD`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Whether `s` is an RFC 3339 `date-time` (e.g. `2019-06-28T14:05:00Z`,
/// `2019-06-28T16:05:00.5+02:00`).
pub fn is_rfc3339_timestamp(s: &str) -> bool {
    let Some((date, rest)) = s.split_at_checked(10) else {
        return false;
    };
    if CalendarDate::parse(date).is_none() {
        return false;
    }
    let mut rest = match rest.strip_prefix(['T', 't']) {
        Some(r) => r,
        None => return false,
    };
    let Some((time, r)) = rest.split_at_checked(8) else {
        return false;
    };
    let tb = time.as_bytes();
    if tb[2] != b':' || tb[5] != b':' {
        return false;
    }
    let (Some(h), Some(m), Some(sec)) = (digits(&time[0..2]), digits(&time[3..5]), digits(&time[6..8])) else {
        return false;
    };
    if h > 23 || m > 59 || sec > 60 {
        return false;
    }
    rest = r;
    if let Some(frac) = rest.strip_prefix('.') {
        let n = frac.bytes().take_while(u8::is_ascii_digit).count();
        if n == 0 {
            return false;
        }
        rest = &frac[n..];
    }
    match rest {
        "Z" | "z" => true,
        offset => {
            let ob = offset.as_bytes();
            ob.len() == 6
                && (ob[0] == b'+' || ob[0] == b'-')
                && ob[3] == b':'
                && digits(&offset[1..3]).is_some_and(|h| h <= 23)
                && digits(&offset[4..6]).is_some_and(|m| m <= 59)
        }
    }
}

/// The RFC 3339 UTC timestamp (`YYYY-MM-DDTHH:MM:SSZ`) of a Unix time in seconds.
pub fn utc_timestamp(unix_seconds: i64) -> String {
    let days = unix_seconds.div_euclid(86_400);
    let secs = unix_seconds.rem_euclid(86_400);
    let date = CalendarDate::from_days_since_epoch(days);
    format!("{date}T{:02}:{:02}:{:02}Z", secs / 3600, secs % 3600 / 60, secs % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_parse_strictly() {
        assert_eq!(
            CalendarDate::parse("2021-12-31"),
            Some(CalendarDate {
                year: 2021,
                month: 12,
                day: 31
            })
        );
        assert!(CalendarDate::parse("2020-02-29").is_some(), "2020 is a leap year");
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
        ] {
            assert!(CalendarDate::parse(bad).is_none(), "{bad:?} is not a YYYY-MM-DD date");
        }
        assert!(CalendarDate::parse("2000-02-29").is_some(), "2000 is a leap year");
    }

    #[test]
    fn days_round_trip_over_centuries() {
        for days in (-800_000..800_000).step_by(997) {
            let d = CalendarDate::from_days_since_epoch(days);
            assert_eq!(d.days_since_epoch(), days, "{d} must map back to day {days}");
            assert!(CalendarDate::parse(&d.to_string()).is_some() || d.year > 9999 || d.year < 0);
        }
        assert_eq!(CalendarDate::parse("1970-01-01").map(|d| d.days_since_epoch()), Some(0));
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
        ] {
            assert!(!is_rfc3339_timestamp(bad), "{bad} is not RFC 3339");
        }
        assert_eq!(utc_timestamp(0), "1970-01-01T00:00:00Z");
        assert_eq!(utc_timestamp(1_561_730_700), "2019-06-28T14:05:00Z");
        assert!(is_rfc3339_timestamp(&utc_timestamp(4_102_444_799)));
    }
}
