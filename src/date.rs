//! Calendar dates as protocols write them: ISO (`2024-09-27`), Swedish prose (`måndagen den 26
//! februari 2024`, `22 april 2010`) and the English of e-signature stamps (`Jun 4, 2020`), with
//! the weekday arithmetic the review needs. A tiny civil calendar is all we need, so no crate.

use std::fmt;

use crate::fold::lower_in;

/// A proleptic Gregorian date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

const MONTHS_SV: [&str; 12] = [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
];
const MONTHS_EN: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];
/// Weekdays from Monday, as the bare word; "måndagen" and "Måndag" fold to these.
pub const WEEKDAYS_SV: [&str; 7] = [
    "måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag",
];

impl Date {
    /// A valid date, or `None`.
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        let days_in_month = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
            2 => 28,
            _ => return None,
        };
        ((1..=days_in_month).contains(&day) && (1800..=2200).contains(&year)).then_some(Date {
            year,
            month,
            day,
        })
    }

    /// Parses `YYYY-MM-DD`.
    pub fn parse_iso(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        Date::new(
            s[0..4].parse().ok()?,
            s[5..7].parse().ok()?,
            s[8..10].parse().ok()?,
        )
    }

    /// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
    pub fn days(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// 0 = Monday … 6 = Sunday.
    pub fn weekday(self) -> usize {
        // 1970-01-01 was a Thursday (3).
        (self.days() + 3).rem_euclid(7) as usize
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// A date found in a piece of text, with the byte range it covers and the weekday word written
/// just before it, if any ("måndag 9 juni 2025", "fredag 2023-11-17").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub date: Date,
    pub start: usize,
    pub end: usize,
    /// 0 = Monday; the weekday the text claims for this date.
    pub weekday: Option<usize>,
}

/// Every date in `s`, in order: ISO dates, `9 juni 2025` and `den 26 februari 2024`, and
/// `Jun 4, 2020`. Numbers that do not form a valid date are skipped.
pub fn find_dates(s: &str) -> Vec<Found> {
    let mut out = Vec::new();
    // Every form has a day or a year in digits; most lines of a protocol have none.
    if !s.bytes().any(|b| b.is_ascii_digit()) {
        return out;
    }
    let words = tokens(s);
    let mut i = 0;
    while i < words.len() {
        let (ws, _we, w) = words[i];
        let mut found: Option<(Date, usize, usize)> = None;
        let bare = w.trim_end_matches([',', '.', ':', ';']);
        if let Some(d) = Date::parse_iso(bare) {
            found = Some((d, ws, ws + bare.len()));
        } else if let Some(day) = day_number(w)
            && let Some(&(_, _, m)) = words.get(i + 1)
            && let Some(month) = month_sv(m)
            && let Some(&(_, ye, y)) = words.get(i + 2)
            && let Ok(year) = y.trim_end_matches([',', '.']).parse::<i32>()
            && let Some(d) = Date::new(year, month, day)
        {
            found = Some((d, ws, ye));
            i += 2;
        } else if let Some(&(_, _, dd)) = words.get(i + 1)
            && let Ok(day) = dd.trim_end_matches(',').parse::<u32>()
            && let Some(month) = month_en(w)
            && let Some(&(_, ye, y)) = words.get(i + 2)
            && let Ok(year) = y.trim_end_matches([',', '.']).parse::<i32>()
            && let Some(d) = Date::new(year, month, day)
        {
            found = Some((d, ws, ye));
            i += 2;
        }
        if let Some((date, start, end)) = found {
            let weekday = weekday_before(&words, i, start);
            out.push(Found {
                date,
                start,
                end,
                weekday,
            });
        }
        i += 1;
    }
    out
}

/// A day of the month as written: `26`, `3.`, and the ordinals `3:e`, `1:a`, `7:de`, `2:dra`.
fn day_number(w: &str) -> Option<u32> {
    // Most words are not numbers; what is parsed below is a start of the word.
    if !w.starts_with(|c: char| c.is_ascii_digit() || c == '+') {
        return None;
    }
    let w = w.trim_end_matches('.');
    // "26-27 januari", "3–4 mars": a meeting over two days starts on the first.
    let w = match w.split_once(['-', '–']) {
        Some((a, b)) if !a.is_empty() && b.bytes().all(|c| c.is_ascii_digit()) && !b.is_empty() => {
            a
        }
        _ => w,
    };
    let w = w
        .find(':')
        .filter(|&i| {
            let ordinal = &w[i + 1..];
            ["e", "a", "de", "dje", "dra"]
                .iter()
                .any(|o| ordinal.eq_ignore_ascii_case(o))
        })
        .map_or(w, |i| &w[..i]);
    w.parse().ok()
}

/// A day and month without a year ("torsdagen den 3:e december", "den 7 februari"), completed
/// with `year`: for a date whose year the text gives elsewhere (the title, the front matter).
pub fn find_day_month(s: &str, year: i32) -> Option<Found> {
    let words = tokens(s);
    for i in 0..words.len().saturating_sub(1) {
        let (ws, _, w) = words[i];
        if let Some(day) = day_number(w)
            && let Some(&(_, we, m)) = words.get(i + 1)
            && let Some(month) = month_sv(m)
            && let Some(date) = Date::new(year, month, day)
        {
            return Some(Found {
                date,
                start: ws,
                end: we,
                weekday: weekday_before(&words, i, ws),
            });
        }
    }
    None
}

/// The weekday word right before the date at token `i` (skipping "den").
fn weekday_before(words: &[(usize, usize, &str)], i: usize, start: usize) -> Option<usize> {
    let idx = words.iter().position(|&(s, _, _)| s == start)?;
    let _ = i;
    let mut j = idx.checked_sub(1)?;
    if words[j].2.eq_ignore_ascii_case("den") {
        j = j.checked_sub(1)?;
    }
    weekday_sv(words[j].2)
}

/// "måndag", "Måndagen", "MÅNDAG," → 0.
pub fn weekday_sv(word: &str) -> Option<usize> {
    let mut buf = [0; 16];
    let w = lower_in(word.trim_end_matches([',', '.']), &mut buf)?;
    let w = w.strip_suffix("en").unwrap_or(w);
    WEEKDAYS_SV.iter().position(|d| *d == w)
}

fn month_sv(word: &str) -> Option<u32> {
    let mut buf = [0; 16];
    let w = lower_in(word.trim_end_matches([',', '.']), &mut buf)?;
    MONTHS_SV.iter().position(|m| *m == w).map(|i| i as u32 + 1)
}

fn month_en(word: &str) -> Option<u32> {
    let word = word.trim_end_matches([',', '.']);
    // Most words of a line: no month's name starts with anything but a letter.
    if !word.starts_with(|c: char| c.is_alphabetic()) {
        return None;
    }
    let mut buf = [0; 16];
    let w = lower_in(word, &mut buf)?;
    if w.len() < 3 {
        return None;
    }
    let full = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    MONTHS_EN
        .iter()
        .position(|m| *m == w)
        .or_else(|| full.iter().position(|m| *m == w))
        .map(|i| i as u32 + 1)
}

/// Whitespace-separated words with their byte ranges; surrounding brackets are not part of a word.
fn tokens(s: &str) -> Vec<(usize, usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    let bytes = s.as_bytes();
    let mut i = 0;
    while i <= bytes.len() {
        // Byte by byte where the text is ASCII, as most of it is; a character elsewhere.
        let (sep, width) = match bytes.get(i) {
            None => (true, 1),
            Some(&b) if b.is_ascii() => (
                matches!(b, b'\t'..=b'\r' | b' ' | b'(' | b')' | b'/' | b';'),
                1,
            ),
            Some(_) => {
                let c = s[i..].chars().next().unwrap_or(' ');
                (c.is_whitespace(), c.len_utf8())
            }
        };
        match (sep, start) {
            (true, Some(st)) => {
                out.push((st, i, &s[st..i]));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
        i += width;
    }
    out
}

/// A time of day written `09.00`, `9:00` or `kl 13`, as `HH:MM`.
pub fn parse_clock(s: &str) -> Option<String> {
    let s = s.trim();
    let (h, m) = match s.find(['.', ':']) {
        Some(i) => (&s[..i], &s[i + 1..]),
        None => (s, "00"),
    };
    let h: u32 = h.parse().ok()?;
    let m: u32 = m.parse().ok()?;
    (h < 24 && m < 60 && (1..=2).contains(&s.find(['.', ':']).unwrap_or(s.len())))
        .then(|| format!("{h:02}:{m:02}"))
}

/// The first time range in `s` (`09.00-12.00`, `kl 09.00 -12.00`, `13.00 – 14.40`), or a lone
/// start time after "kl".
pub fn find_time_range(s: &str) -> Option<(String, Option<String>)> {
    let cleaned = s.replace(['–', '—'], "-");
    let bytes = cleaned.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit()
            && (i == 0
                || !bytes[i - 1].is_ascii_digit() && bytes[i - 1] != b'-' && bytes[i - 1] != b'/')
        {
            let clock_end = |from: usize| {
                let mut j = from;
                while j < bytes.len()
                    && (bytes[j].is_ascii_digit() || bytes[j] == b'.' || bytes[j] == b':')
                {
                    j += 1;
                }
                j
            };
            let a_end = clock_end(i);
            let a = cleaned[i..a_end].trim_end_matches(['.', ':']);
            let rest = &cleaned[a_end..];
            let rest_trim = rest.trim_start();
            let looks_clock = a.contains(['.', ':'])
                || cleaned[..i].trim_end().to_lowercase().ends_with("kl")
                || cleaned[..i].trim_end().to_lowercase().ends_with("kl.");
            if looks_clock && let Some(start) = parse_clock(a) {
                if let Some(after) = rest_trim.strip_prefix('-') {
                    let after = after.trim_start();
                    let off = cleaned.len() - after.len();
                    let b_end = clock_end(off);
                    let b = cleaned[off..b_end].trim_end_matches(['.', ':']);
                    if let Some(end) = parse_clock(b) {
                        return Some((start, Some(end)));
                    }
                }
                if a.contains(['.', ':']) {
                    return Some((start, None));
                }
            }
            i = a_end;
        } else {
            i += 1;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weekdays() {
        assert_eq!(Date::new(2025, 6, 9).unwrap().weekday(), 0);
        assert_eq!(Date::new(2024, 10, 21).unwrap().weekday(), 0);
        assert_eq!(Date::new(1970, 1, 1).unwrap().weekday(), 3);
        assert_eq!(
            Date::new(2024, 2, 29).unwrap().days() - Date::new(2024, 2, 1).unwrap().days(),
            28
        );
        assert!(Date::new(2023, 2, 29).is_none());
    }

    #[test]
    fn finds_swedish_iso_and_english_dates() {
        let f = find_dates("måndag 9 juni 2025 kl. 09.00-12.00");
        assert_eq!(f[0].date.to_string(), "2025-06-09");
        assert_eq!(f[0].weekday, Some(0));
        let f = find_dates("Tisdag 21 oktober 2024, digitalt");
        assert_eq!(
            (f[0].date.to_string(), f[0].weekday),
            ("2024-10-21".into(), Some(1))
        );
        let f = find_dates("måndagen den 26 februari 2024");
        assert_eq!(
            (f[0].date.to_string(), f[0].weekday),
            ("2024-02-26".into(), Some(0))
        );
        assert_eq!(
            find_dates("Tid: 2020-05-07 09.00")[0].date.to_string(),
            "2020-05-07"
        );
        assert_eq!(
            find_dates("(Jun 4, 2020 15:37 GMT+2)")[0].date.to_string(),
            "2020-06-04"
        );
        assert!(find_dates("32 maj 2020 och 2020-13-01").is_empty());
    }

    #[test]
    fn finds_time_ranges() {
        assert_eq!(
            find_time_range("2024-09-27 kl. 09.00-12.00"),
            Some(("09:00".into(), Some("12:00".into())))
        );
        assert_eq!(
            find_time_range("22 april 2010, kl 09.00 -12.00"),
            Some(("09:00".into(), Some("12:00".into())))
        );
        assert_eq!(
            find_time_range("kl. 13.00 – 14.40 Digitalt"),
            Some(("13:00".into(), Some("14:40".into())))
        );
        assert_eq!(
            find_time_range("kl 9-12"),
            Some(("09:00".into(), Some("12:00".into())))
        );
        assert_eq!(find_time_range("2024-09-27"), None);
    }
}
