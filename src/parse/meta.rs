//! The meeting's own facts: organisation, body, date, time, place, declared § and justering.

use super::{Line, header};
use crate::date;
use crate::model::{Justering, Meeting};

pub(super) fn fill(m: &mut Meeting, h: &header::Header, header_lines: &[Line]) {
    let (org, body) = org_and_body(&h.title);
    m.organization = org;
    // A form may print the body's name beside other fields rather than as a title
    // ("Barn- och utbildningsnämnden      2024-05-06      1 (5)").
    m.body = body.or_else(|| {
        header_lines
            .iter()
            .map(|l| l.t.as_str())
            .find(|t| is_body_name(t))
            .map(str::to_owned)
    });

    let time_text = h
        .time
        .iter()
        .map(|(t, _)| t.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let tp_text = h.time_place.join(" ");
    let title_text = h.title.join(" ");
    let sources = [time_text.as_str(), tp_text.as_str(), title_text.as_str()];
    m.date = sources
        .iter()
        .find_map(|s| date::find_dates(s).into_iter().next())
        .or_else(|| {
            header_lines
                .iter()
                .find_map(|l| date::find_dates(&l.t).into_iter().next())
        })
        .map(|f| f.date.to_string());
    if let Some((start, end)) = [time_text.as_str(), tp_text.as_str()]
        .iter()
        .find_map(|s| date::find_time_range(s))
    {
        m.start = Some(start);
        m.end = end;
    }
    m.place = if h.place.is_empty() {
        remainder(&tp_text)
    } else {
        clean_value(&h.place.join(" "))
    };
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
