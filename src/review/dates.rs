//! Dates: a weekday written beside a date that falls on another day ("Tisdag 21 oktober 2024"
//! for a Monday), and a protocol approved (justerat) more than 14 days after the meeting, as
//! Kommunallagen allows no later.
//!
//! The 14 days are the law's for municipal bodies (fullmäktige, nämnder, styrelser and utskott
//! of kommuner and regioner, kommunalförbund); an association keeps its own statutes. And a
//! signature's date, as an e-signing service records it, says when that copy was signed, which
//! may follow a justering done at the meeting or on paper. So only a stated justering date, in
//! a protocol the law binds, makes a late justering an error; the rest is a warning.

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
        // "dag" first: memchr finds its `g`s, where the digits would be looked for byte by byte.
        if !names_a_day(line.text) || !line.text.bytes().any(|b| b.is_ascii_digit()) {
            continue;
        }
        // Emphasis stars would hide the weekday word ("*måndag* 9 juni"); a space keeps offsets.
        let text = if line.text.contains('*') {
            std::borrow::Cow::Owned(line.text.replace('*', " "))
        } else {
            std::borrow::Cow::Borrowed(line.text)
        };
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
        r.push(
            at,
            Severity::Warning,
            code::WEEKDAY_MISMATCH,
            message,
            &[(line, written.as_str())],
        );
    }
}

/// Whether `text` holds "dag" in any case, as every weekday's name does: no other line can
/// claim a weekday for a date. Only ASCII letters lowercase to `d`, `a` and `g`.
fn names_a_day(text: &str) -> bool {
    let b = text.as_bytes();
    memchr::memchr2_iter(b'g', b'G', b).any(|i| i >= 2 && b[i - 2..i].eq_ignore_ascii_case(b"da"))
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

/// Whether Kommunallagen's rules on protocols bind the body that met: a municipal body
/// (kommun, region, landsting, their nämnder, utskott and fullmäktige, kommunalförbund), or a
/// protocol with a notice of adjustment (anslag), which only those post.
pub(super) fn under_kommunallagen(m: &crate::model::Meeting) -> bool {
    const STEMS: [&str; 6] = [
        "kommun",
        "region",
        "landsting",
        "nämnd",
        "fullmäktige",
        "utskott",
    ];
    let names = [m.organization.as_deref(), m.body.as_deref()];
    let head = m.lines.iter().take(12).map(|l| l.text);
    m.notice.is_some()
        || names.into_iter().flatten().chain(head).any(|t| {
            let t = t.to_lowercase();
            STEMS.iter().any(|s| t.contains(s))
        })
}

/// Each signature dated too late (a warning: see the module doc), and the justering date when
/// it is too late. Without a meeting date there is nothing to count from.
fn justering(r: &mut Review) {
    let m = r.meeting;
    let Some(meeting) = m.date.as_deref().and_then(Date::parse_iso) else {
        return;
    };
    let date_line = r.date_line();
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
            let mut proof = vec![(s.line, who)];
            proof.extend(date_line.map(|l| (l, "")));
            r.push(at, Severity::Warning, code::JUSTERING_LATE, message, &proof);
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
        let severity = if under_kommunallagen(m) {
            Severity::Error
        } else {
            Severity::Warning
        };
        let mut proof = vec![(line, "")];
        proof.extend(date_line.map(|l| (l, "")));
        r.push(
            Place::line(line),
            severity,
            code::JUSTERING_LATE,
            message,
            &proof,
        );
    }
}

/// The line that gives the justering date: the first line with that date on or just after a
/// "Justeringens tid och plats" label, else the label itself.
pub(super) fn justering_line(r: &Review, when: Date) -> Option<u32> {
    let lines = &r.meeting.lines;
    let label = lines
        .iter()
        .position(|l| l.text.to_lowercase().contains("justering"))?;
    lines
        .iter()
        .skip(label)
        .take(5)
        .find(|l| date::find_dates(l.text).iter().any(|f| f.date == when))
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
