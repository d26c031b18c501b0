//! Dates: a weekday written beside a date that falls on another day ("Tisdag 21 oktober 2024"
//! for a Monday), and a protocol approved (justerat) more than 14 days after the meeting, as
//! Kommunallagen allows no later.

use super::messages;
use super::{Place, Review, Severity, code};
use crate::date::{self, Date};

/// Days after the meeting within which the protocol must be approved.
const JUSTERING_DAYS: i64 = 14;

pub(super) fn check(r: &mut Review) {
    weekdays(r);
    justering(r);
}

/// Every dated line of the file, header, body and signature block alike: `find_dates` knows the
/// weekday word written just before a date, and the calendar knows the real one.
fn weekdays(r: &mut Review) {
    let mut found = Vec::new();
    for line in &r.meeting.lines {
        if !line.text.bytes().any(|b| b.is_ascii_digit()) {
            continue;
        }
        // Emphasis stars would hide the weekday word ("*måndag* 9 juni"); a space keeps offsets.
        let text = line.text.replace('*', " ");
        for f in date::find_dates(&text) {
            let Some(claimed) = f.weekday else { continue };
            if claimed != f.date.weekday() {
                let written = weekday_and_date(&text, &f);
                found.push((line.number, written, f.date, claimed));
            }
        }
    }
    for (line, written, date, claimed) in found {
        let at = r.at_line(line);
        let message = messages::weekday(r.lang, &written, date, claimed);
        r.push(at, Severity::Warning, code::WEEKDAY_MISMATCH, message);
    }
}

/// The words as written, from the weekday to the end of the date: "måndagen den 17 juni 2025".
fn weekday_and_date(text: &str, f: &date::Found) -> String {
    let before: Vec<&str> = text[..f.start].split_whitespace().collect();
    let from = before
        .iter()
        .rposition(|w| date::weekday_sv(w).is_some())
        .unwrap_or(before.len());
    let mut words: Vec<&str> = before[from..].to_vec();
    words.push(&text[f.start..f.end]);
    words.join(" ").trim_end_matches([',', '.', ';']).to_owned()
}

/// Each signature dated too late, and the justering date when it is too late. Without a
/// meeting date there is nothing to count from.
fn justering(r: &mut Review) {
    let m = r.meeting;
    let Some(meeting) = m.date.as_deref().and_then(Date::parse_iso) else {
        return;
    };
    for s in &m.signatures {
        let Some(signed) = s
            .signed_at
            .as_deref()
            .and_then(|t| t.get(..10))
            .and_then(Date::parse_iso)
        else {
            continue;
        };
        let days = signed.days() - meeting.days();
        if days > JUSTERING_DAYS {
            let who = s.name.as_deref().or(s.role.as_deref()).unwrap_or("?");
            let role = s.name.as_ref().and(s.role.as_deref());
            let message = messages::signed_late(r.lang, who, role, signed, meeting, days);
            let at = r.at_line(s.line);
            r.push(at, Severity::Error, code::JUSTERING_LATE, message);
        }
    }
    let Some(justering) = m
        .justering
        .as_ref()
        .and_then(|j| j.date.as_deref())
        .and_then(Date::parse_iso)
    else {
        return;
    };
    let days = justering.days() - meeting.days();
    if days > JUSTERING_DAYS {
        let line = justering_line(r, justering).unwrap_or(1);
        let message = messages::justering_late(r.lang, justering, meeting, days);
        r.push(
            Place::line(line),
            Severity::Error,
            code::JUSTERING_LATE,
            message,
        );
    }
}

/// The line that gives the justering date: the first line with that date on or just after a
/// "Justeringens tid och plats" label, else the label itself.
fn justering_line(r: &Review, when: Date) -> Option<u32> {
    let lines = &r.meeting.lines;
    let label = lines
        .iter()
        .position(|l| l.text.to_lowercase().contains("justering"))?;
    lines[label..]
        .iter()
        .take(5)
        .find(|l| date::find_dates(&l.text).iter().any(|f| f.date == when))
        .or(lines.get(label))
        .map(|l| l.number)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_weekday_is_quoted_as_written() {
        let t = "Justering: tisdagen den 17 juni 2025, digitalt";
        let f = &date::find_dates(t)[0];
        assert_eq!(weekday_and_date(t, f), "tisdagen den 17 juni 2025");
        let t = "Tisdag 21 oktober 2024, digitalt";
        assert_eq!(
            weekday_and_date(t, &date::find_dates(t)[0]),
            "Tisdag 21 oktober 2024"
        );
    }
}
