//! The meeting's own facts: organisation, body, date, time, place, declared § and justering.

use super::prepare::Front;
use super::{Line, header};
use crate::date;
use crate::model::{Diagnostic, Justering, Meeting};

pub(super) fn fill(
    m: &mut Meeting,
    h: &header::Header,
    header_lines: &[Line],
    front: &Front,
    diags: &mut Vec<Diagnostic>,
) {
    let (org, body) = org_and_body(&h.title);
    let heading = h.title.join(" ");
    m.organization = org.or_else(|| super::title::organization_in_prose(&heading));
    // A title that is a whole sentence or carries a date ("IX Årsmötesprotokoll 2019") names
    // the body by the kind of meeting.
    let wordy = |b: &String| {
        let l = b.to_lowercase();
        b.chars().any(|c| c.is_ascii_digit())
            || b.chars().count() < 3
            || b.split_whitespace().count() > 5
            || ["möte", "protokoll", "anteckning", "stämma"]
                .iter()
                .any(|w| l.contains(w))
    };
    // The kind of meeting names the body ("Styrelsemöte 3/2024" → Styrelsen) unless the title
    // names a municipal body itself ("Miljö- och byggnämnden").
    let body = if body.as_ref().is_none_or(|b| wordy(b) || !is_body_name(b)) {
        super::title::body_from_kind(&heading).or(body)
    } else {
        body
    };
    // A form may print the body's name beside other fields rather than as a title
    // ("Barn- och utbildningsnämnden      2024-05-06      1 (5)").
    m.body = body.or_else(|| {
        header_lines
            .iter()
            // "Organ   Miljö- och byggnämnden" in the notice names the body too.
            .map(|l| l.t.strip_prefix("Organ ").map_or(l.t.as_str(), str::trim))
            .find(|t| is_body_name(t))
            .map(str::to_owned)
    });

    let time_text = time_text(h);
    let tp_text = h.time_place.join(" ");
    m.date = meeting_date(h, header_lines, front, &m.source, diags);
    if let Some((start, end)) = [time_text.as_str(), tp_text.as_str()]
        .iter()
        .find_map(|s| date::find_time_range(s))
    {
        m.start = Some(start);
        m.end = end;
    }
    if m.start.is_none() {
        m.start = m
            .paragraphs
            .iter()
            .take(2)
            .find_map(|p| clock_after(&p.text, &OPENED))
            .or_else(|| {
                let intro: String = header_lines
                    .iter()
                    .map(|l| l.t.as_str())
                    .collect::<Vec<_>>()
                    .join(" ");
                clock_after(&intro, &CALLED)
            });
    }
    if m.end.is_none() {
        m.end = m
            .paragraphs
            .iter()
            .rev()
            .take(2)
            .find_map(|p| clock_after(&p.text, &CLOSED));
    }
    m.place = if h.place.is_empty() {
        remainder(&tp_text)
    } else {
        clean_value(&h.place.join(" "))
    };
    if m.place.is_none() {
        // "Mötet hölls i klubbstugan.", "… den 14 april 2024 kl. 15.00 i Björkdalens bygdegård."
        let intro: String = header_lines
            .iter()
            .map(|l| l.t.as_str())
            .chain(m.paragraphs.first().map(|p| p.text.as_str()))
            .collect::<Vec<_>>()
            .join(" ");
        m.place = place_in_prose(&intro);
    }
    m.declared_paragraphs = h.range;
    if !h.justering.is_empty() {
        let text = h.justering.join(" ");
        let date = date::find_dates(&text).first().map(|f| f.date.to_string());
        m.justering = Some(Justering {
            date,
            place: remainder(&text),
        });
    }
}

/// The header's time fields as one text.
fn time_text(h: &header::Header) -> String {
    h.time
        .iter()
        .map(|(t, _)| t.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The meeting's date: the first in the header's time, time-and-place or title fields, else
/// in any header line, else a day and month with the year from elsewhere, else the front
/// matter's, else (said in a diagnostic) the file name's.
pub(super) fn meeting_date(
    h: &header::Header,
    header_lines: &[Line],
    front: &Front,
    source: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<String> {
    let time_text = time_text(h);
    let tp_text = h.time_place.join(" ");
    let title_text = h.title.join(" ");
    let sources = [time_text.as_str(), tp_text.as_str(), title_text.as_str()];
    sources
        .iter()
        .find_map(|s| date::find_dates(s).into_iter().next())
        .or_else(|| {
            header_lines
                .iter()
                .find_map(|l| date::find_dates(&l.t).into_iter().next())
        })
        .map(|f| f.date.to_string())
        .or_else(|| date_without_year(header_lines, front))
        .or_else(|| front.date.as_deref().and_then(iso_prefix))
        .or_else(|| {
            let d = file_name_date(source)?;
            diags.push(Diagnostic {
                path: source.to_owned(),
                line: 1,
                message: format!("no date found in the text: the file name's date {d} is used"),
            });
            Some(d)
        })
}

/// Words after which the first and last items give the time the meeting opened and closed
/// ("förklarade mötet öppnat klockan 19.39", "Mötet avslutades 20.05"), and the intro the time
/// it was called for ("… den 3:e december klockan 19").
const OPENED: [&str; 5] = ["öppnat", "öppnade", "öppnades", "öppnar", "öppnad"];
const CLOSED: [&str; 6] = [
    "avslutat",
    "avslutade",
    "avslutades",
    "avslutas",
    "avslutar",
    "avslutad",
];

/// The place in a sentence of the intro: after "hölls i", "ägde rum på", "genomfört över", or
/// after the clock ("klockan 19 i sal Q24"), up to the sentence end.
fn place_in_prose(text: &str) -> Option<String> {
    const VERBS: [&str; 7] = [
        "hölls",
        "rum",
        "genomfördes",
        "genomfört",
        "genomförd",
        "avhölls",
        "sammanträdde",
    ];
    let words: Vec<&str> = text.split_whitespace().collect();
    for (k, w) in words.iter().enumerate() {
        let after_verb = VERBS.iter().any(|v| w.eq_ignore_ascii_case(v))
            && (*w != "rum" || k > 0 && words[k - 1].eq_ignore_ascii_case("ägde"));
        let after_clock = k > 0
            && ["klockan", "kl.", "kl"]
                .iter()
                .any(|c| words[k - 1].eq_ignore_ascii_case(c))
            && w.starts_with(|c: char| c.is_ascii_digit());
        if !(after_verb || after_clock) {
            continue;
        }
        let Some(prep) = words.get(k + 1) else {
            continue;
        };
        if !matches!(*prep, "i" | "på" | "över" | "via" | "hos") {
            continue;
        }
        let mut place: Vec<&str> = Vec::new();
        for w in &words[k + 2..] {
            place.push(w);
            if w.ends_with(['.', ';', ':', '!']) || place.len() >= 12 {
                break;
            }
        }
        let place = place.join(" ");
        let place = place.trim_end_matches(['.', ';', ':', '!', ',']);
        if !place.is_empty() && date::find_dates(place).is_empty() {
            return Some(place.to_owned());
        }
    }
    None
}
const CALLED: [&str; 2] = ["klockan", "kl."];

/// The clock time within a few words after one of `words`.
fn clock_after(text: &str, words: &[&str]) -> Option<String> {
    // Lowercased letter by letter where the length stays, so offsets stay offsets into `text`.
    let lower: String = text
        .chars()
        .map(|c| {
            let mut l = c.to_lowercase();
            match (l.next(), l.next()) {
                (Some(x), None) if x.len_utf8() == c.len_utf8() => x,
                _ => c,
            }
        })
        .collect();
    for w in words {
        let mut from = 0;
        while let Some(i) = lower[from..].find(w) {
            let at = from + i;
            from = at + w.len();
            let start = if *w == "klockan" || *w == "kl." {
                at
            } else {
                from
            };
            let window: String = text
                .get(start..)
                .unwrap_or("")
                .split_whitespace()
                .take(5)
                .collect::<Vec<_>>()
                .join(" ");
            let window = if window.starts_with("klockan") || window.starts_with("kl") {
                window
            } else {
                window.replacen("klockan", "kl", 1)
            };
            let window = window.replace("klockan", "kl");
            if let Some((clock, _)) = date::find_time_range(&window) {
                return Some(clock);
            }
        }
    }
    None
}

/// A day and month with the year elsewhere in the header or the front matter.
fn date_without_year(header_lines: &[Line], front: &Front) -> Option<String> {
    let text: String = header_lines
        .iter()
        .map(|l| l.t.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let year = text
        .split(|c: char| !c.is_ascii_digit())
        .find(|w| w.len() == 4 && (w.starts_with("19") || w.starts_with("20")))
        .and_then(|w| w.parse().ok())
        .or_else(|| front.date.as_deref().and_then(|d| d.get(..4)?.parse().ok()))?;
    if let Some(f) = date::find_day_month(&text, year) {
        return Some(f.date.to_string());
    }
    // "Sammanfattning 24-09-16": a date with a two-digit year in a title.
    text.split_whitespace().find_map(|w| {
        let w = w.trim_matches(|c: char| !c.is_ascii_digit());
        (w.len() == 8 && w.as_bytes()[2] == b'-' && w.as_bytes()[5] == b'-')
            .then(|| date::Date::parse_iso(&format!("20{w}")))
            .flatten()
            .map(|d| d.to_string())
    })
}

/// `2009-12-03 12:00:00 CEST` → `2009-12-03`.
fn iso_prefix(s: &str) -> Option<String> {
    date::Date::parse_iso(s.get(..10)?).map(|d| d.to_string())
}

/// A date in the file's name (`2024-03-07_styrelsemote.md`), the last resort.
fn file_name_date(source: &str) -> Option<String> {
    let stem = std::path::Path::new(source).file_stem()?.to_string_lossy();
    let b = stem.as_bytes();
    (0..b.len().saturating_sub(9)).find_map(|i| {
        let at_edge = i == 0 || !b[i - 1].is_ascii_digit();
        let end_edge = b.get(i + 10).is_none_or(|c| !c.is_ascii_digit());
        (at_edge && end_edge)
            .then(|| date::Date::parse_iso(stem.get(i..i + 10)?))
            .flatten()
            .map(|d| d.to_string())
    })
}

/// What is left of a time-and-place value once the weekday, date and clock are taken out.
pub(crate) fn remainder(text: &str) -> Option<String> {
    let mut s = text.to_owned();
    for f in date::find_dates(text).iter().rev() {
        s.replace_range(f.start..f.end, " ");
    }
    let mut words: Vec<&str> = Vec::new();
    for w in s.split_whitespace() {
        let bare = w.trim_matches(|c: char| matches!(c, ',' | ';' | '.'));
        let lower = bare.to_lowercase();
        let is_clock = !bare.is_empty()
            && bare
                .chars()
                .all(|c| c.is_ascii_digit() || matches!(c, '.' | ':' | '-' | '–'));
        if date::weekday_sv(bare).is_some()
            || matches!(lower.as_str(), "kl" | "klockan" | "den" | "-" | "–")
            || is_clock
            || bare.is_empty()
        {
            continue;
        }
        words.push(w);
    }
    clean_value(&words.join(" "))
}

fn clean_value(s: &str) -> Option<String> {
    let t = s.trim().trim_matches(|c: char| {
        matches!(c, ',' | ';' | '.' | ':' | '-' | '–') || c.is_whitespace()
    });
    (!t.is_empty()).then(|| t.to_owned())
}

/// A line that names a deciding body: "Kommunstyrelsens arbetsutskott", "Barn- och
/// utbildningsnämnden", "Kommunfullmäktige".
fn is_body_name(t: &str) -> bool {
    let lower = t.trim().to_lowercase();
    let words = lower.split_whitespace().count();
    (1..=5).contains(&words)
        && t.starts_with(char::is_uppercase)
        && !t.contains(':')
        && [
            "nämnden",
            "nämnd",
            "styrelsen",
            "fullmäktige",
            "utskott",
            "utskottet",
            "beredningen",
            "direktionen",
            "presidiet",
        ]
        .iter()
        .any(|e| lower.ends_with(e))
}

/// Words that make a title line a protocol's name rather than the body's.
const PROTOCOL_WORDS: [&str; 8] = [
    "sammanträdesprotokoll",
    "mötesprotokoll",
    "protokoll",
    "justerat",
    "utdrag",
    "från",
    "fört",
    "vid",
];

/// The organisation and the body from the title lines: "Styrelsen Kommunförbundet Jämtland
/// Härjedalen", "Protokoll styrelsen för Kommunförbundet Västernorrland", "Styrelsemöte,
/// Kommunförbundet Västernorrland", "Styrelseprotokoll", "Alstads kommun / Kommunstyrelsen".
fn org_and_body(title: &[String]) -> (Option<String>, Option<String>) {
    let joined = title.join(" , ");
    let words: Vec<&str> = joined.split_whitespace().collect();
    let mut org: Option<(usize, usize)> = None;
    for i in 0..words.len() {
        let w = words[i].trim_matches(',');
        let lw = w.to_lowercase();
        let head = w.starts_with(char::is_uppercase)
            && (lw.contains("förbund")
                || lw == "region"
                || lw == "föreningen"
                || lw.starts_with("landsting")
                || lw == "kommun")
            && !lw.contains("styrelse");
        if head {
            let mut j = i + 1;
            while j < words.len()
                && words[j].starts_with(char::is_uppercase)
                && !words[j - 1].ends_with(',')
            {
                j += 1;
            }
            if j > i + 1 {
                org = Some((i, j));
                break;
            }
        }
        // "Alstads kommun", "Region Gotland" written the other way round.
        if (lw == "kommun" || lw == "kommun,")
            && i > 0
            && words[i - 1].starts_with(char::is_uppercase)
        {
            org = Some((i - 1, i + 1));
            break;
        }
    }
    let org_text = org.map(|(a, b)| words[a..b].join(" ").trim_matches(',').trim().to_owned());
    let rest: Vec<&str> = words
        .iter()
        .enumerate()
        .filter(|(k, _)| org.is_none_or(|(a, b)| *k < a || *k >= b))
        .map(|(_, w)| *w)
        .filter(|w| !PROTOCOL_WORDS.contains(&w.trim_matches(',').to_lowercase().as_str()))
        .collect();
    let rest = rest.join(" ");
    let mut parts: Vec<&str> = rest
        .split(" , ")
        .map(|p| p.trim().trim_matches(',').trim())
        .filter(|p| !p.is_empty())
        .collect();
    parts.retain(|p| date::find_dates(p).is_empty());
    let body = parts.first().map(|p| {
        let p = p.trim_end_matches(" för").trim_end_matches(" i").trim();
        let lower = p.to_lowercase();
        if lower.starts_with("styrelse") && !lower.contains(' ') {
            "Styrelsen".to_owned()
        } else {
            let mut c = p.chars();
            c.next().map_or_else(String::new, |f| {
                f.to_uppercase().collect::<String>() + c.as_str()
            })
        }
    });
    (org_text, body.filter(|b| !b.is_empty()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn org_and_body_from_titles() {
        let t = |s: &[&str]| org_and_body(&s.iter().map(|x| (*x).to_owned()).collect::<Vec<_>>());
        assert_eq!(
            t(&["Styrelsen Kommunförbundet Jämtland Härjedalen"]),
            (
                Some("Kommunförbundet Jämtland Härjedalen".into()),
                Some("Styrelsen".into())
            )
        );
        assert_eq!(
            t(&["Protokoll styrelsen för Kommunförbundet Västernorrland"]),
            (
                Some("Kommunförbundet Västernorrland".into()),
                Some("Styrelsen".into())
            )
        );
        assert_eq!(
            t(&["Protokoll", "Styrelsemöte, Kommunförbundet Västernorrland"]),
            (
                Some("Kommunförbundet Västernorrland".into()),
                Some("Styrelsen".into())
            )
        );
        assert_eq!(t(&["Styrelseprotokoll"]), (None, Some("Styrelsen".into())));
        assert_eq!(
            t(&["Samverkanstid kommuner, Region och Länsstyrelse"]),
            (
                None,
                Some("Samverkanstid kommuner, Region och Länsstyrelse".into())
            )
        );
        assert_eq!(
            t(&["SAMMANTRÄDESPROTOKOLL", "Alstads kommun", "Kommunstyrelsen"]),
            (
                Some("Alstads kommun".into()),
                Some("Kommunstyrelsen".into())
            )
        );
    }

    #[test]
    fn remainder_is_the_place() {
        assert_eq!(
            remainder("Måndag 21 oktober 2024 kl. 13.00 - 14.40 Digitalt via teams.").as_deref(),
            Some("Digitalt via teams")
        );
        assert_eq!(
            remainder("måndag 17 juni 2025, digitalt").as_deref(),
            Some("digitalt")
        );
    }
}
