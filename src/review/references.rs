//! References in the text to this protocol's § ("se § 24", "§§ 12-14"), told apart from
//! references to other protocols and to laws, and those that point at a § the protocol lacks
//! (`dangling-reference`).

use std::collections::BTreeSet;

use super::messages;
use super::{Place, Review, Severity, code};
use crate::date;

/// "se § 24", "§§ 12-14" in § text pointing at numbers the body lacks. References to other
/// protocols are left alone: those with a date or a year before them ("beslut 2025-05-09
/// § 16"), a body's abbreviation ("KS § 45", "`SocSam` 2025-06-02 § 18"), a year after them
/// ("§ 45/2023"), or a law ("8 kap. 12 §", "§ 5 förvaltningslagen"); so are attendance lists
/// ("Anna Berg, Åre §§ 15-19"). Each missing target is reported once per §; a target already
/// reported missing from the numbering is not reported again.
pub(super) fn dangling_references(r: &mut Review, missing: &BTreeSet<u32>) {
    let m = r.meeting;
    let has: BTreeSet<u32> = m.paragraphs.iter().map(|p| p.number).collect();
    if has.is_empty() {
        return;
    }
    let mut found = Vec::new();
    // A § whose text names no § refers to none: one search of its text, not one per line.
    for p in m.paragraphs.iter().filter(|p| p.text.contains('§')) {
        let mut reported = BTreeSet::new();
        for (text, line) in p.numbered_lines() {
            for reference in references(text) {
                for n in reference.numbers {
                    if !has.contains(&n) && !missing.contains(&n) && reported.insert(n) {
                        found.push((line, p.number, reference.written.clone(), n));
                    }
                }
            }
        }
    }
    for (line, from, written, to) in found {
        let message = messages::dangling(r.lang, from, &written, to);
        r.push(
            Place::paragraph(from, line),
            Severity::Warning,
            code::DANGLING_REFERENCE,
            message,
            &[(line, written.as_str())],
        );
    }
}

/// A reference to this protocol's §§ found in a line: the numbers and the words as written.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Reference {
    pub numbers: Vec<u32>,
    pub written: String,
}

/// The references in one line of text that point into this protocol (see
/// [`dangling_references`] for what is left out).
pub(super) fn references(text: &str) -> Vec<Reference> {
    let mut out = Vec::new();
    // Most lines name no §, and this runs for every line of every §.
    if !text.contains('§') || looks_like_attendance(text) {
        return out;
    }
    let mut from = 0;
    while let Some(off) = text[from..].find('§') {
        let at = from + off;
        let Some((end, numbers)) = section_list(&text[at..]) else {
            from = at + '§'.len_utf8();
            continue;
        };
        let end = at + end;
        from = end;
        let words = words_with_offsets(&text[..at]);
        let before: Vec<&str> = words.iter().map(|w| w.1).collect();
        let after = text[end..].trim_start();
        if !refers_elsewhere(&before, after) {
            // Quoted with up to two words of lead-in, not reaching into the previous sentence.
            let lead = &words[words.len().saturating_sub(2)..];
            let lead = match lead
                .iter()
                .rposition(|w| w.1.ends_with(['.', '!', '?', ':', ';']))
            {
                Some(i) => &lead[i + 1..],
                None => lead,
            };
            let from_byte = lead.first().map_or(at, |w| w.0);
            let written = text[from_byte..end].trim().to_owned();
            out.push(Reference { numbers, written });
        }
    }
    out
}

/// The whitespace-separated words of `s` with the byte offset where each starts.
fn words_with_offsets(s: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(st)) => {
                out.push((st, &s[st..i]));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(st) = start {
        out.push((st, &s[st..]));
    }
    out
}

/// `§ 24`, `§§ 15-19, 21`, `§ 3 och 4` at the start of `s`: its byte length and numbers.
fn section_list(s: &str) -> Option<(usize, Vec<u32>)> {
    let body = s.strip_prefix('§')?;
    let body = body.strip_prefix('§').unwrap_or(body);
    let mut i = s.len() - body.len();
    let mut numbers = Vec::new();
    let mut end = None;
    let mut range_from: Option<u32> = None;
    loop {
        let rest = &s[i..];
        let trimmed = rest.trim_start_matches(' ');
        i += rest.len() - trimmed.len();
        let digits: String = trimmed.chars().take_while(char::is_ascii_digit).collect();
        if digits.is_empty() || digits.len() > 4 {
            break;
        }
        let n: u32 = digits.parse().ok()?;
        i += digits.len();
        match range_from.take() {
            Some(a) if a < n && n - a < 500 => numbers.extend(a + 1..=n),
            _ => numbers.push(n),
        }
        end = Some(i);
        let rest = s[i..].trim_start_matches(' ');
        let Some(sep) = ["-", "–", ",", "och ", "&"]
            .into_iter()
            .find(|p| rest.starts_with(p))
        else {
            break;
        };
        let after_sep = rest[sep.len()..].trim_start_matches(' ');
        if !after_sep.starts_with(|c: char| c.is_ascii_digit()) {
            break;
        }
        if sep == "-" || sep == "–" {
            range_from = Some(n);
        }
        i = s.len() - after_sep.len();
    }
    end.map(|e| (e, numbers))
}

/// Whether the words around a § list show that it points at another protocol or a law.
fn refers_elsewhere(before: &[&str], after: &str) -> bool {
    let near = &before[before.len().saturating_sub(4)..];
    let bare = |w: &str| w.trim_matches(|c: char| !c.is_alphanumeric()).to_owned();
    let dated = !date::find_dates(&near.join(" ")).is_empty()
        || near.iter().any(|w| {
            let b = bare(w);
            b.len() == 4 && b.parse::<u32>().is_ok_and(|y| (1900..2100).contains(&y))
                || b.contains('/') && b.chars().any(|c| c.is_ascii_digit())
        });
    let law_before = near
        .iter()
        .any(|w| matches!(bare(w).to_lowercase().as_str(), "kap" | "kapitlet"));
    let body_name = before.last().is_some_and(|w| {
        let b = bare(w);
        b.chars().count() >= 2 && b.chars().skip(1).any(char::is_uppercase)
    });
    // "Kommunstyrelsen § 45", "arbetsutskottets beslut § 12", "föregående protokoll § 7":
    // another body's or another meeting's numbering.
    let other_body = before.iter().rev().take(2).any(|w| {
        let b = bare(w).to_lowercase();
        BODY_STEMS.iter().any(|s| b.contains(s))
    }) || near.iter().any(|w| {
        matches!(
            bare(w).to_lowercase().as_str(),
            "föregående" | "tidigare" | "förra" | "senaste"
        )
    });
    let next = after.split_whitespace().next().unwrap_or("");
    let year_after = after.starts_with('/') || after.starts_with(':');
    let next_bare = bare(next).to_lowercase();
    let law_after = ["lagen", "lag", "förordningen", "förordning", "balken"]
        .iter()
        .any(|s| next_bare.ends_with(s))
        || (next.len() >= 2 && bare(next).chars().all(char::is_uppercase));
    dated || law_before || body_name || other_body || year_after || law_after
}

/// Stems of the names of bodies that keep their own § numbering.
const BODY_STEMS: [&str; 6] = [
    "styrelse",
    "nämnd",
    "utskott",
    "fullmäktige",
    "förbund",
    "rådet",
];

/// A line of a people list: it starts with a name (two capitalised words) and a comma comes
/// before the first §, as in "Anna Berg, Åre §§ 15-19".
fn looks_like_attendance(text: &str) -> bool {
    let Some(sect) = text.find('§') else {
        return false;
    };
    let head = &text[..sect];
    let mut words = head.split([' ', ',']).filter(|w| !w.is_empty());
    let cap = |w: Option<&str>| {
        w.is_some_and(|w| {
            w.starts_with(char::is_uppercase) && w.chars().all(|c| c.is_alphabetic() || c == '-')
        })
    };
    cap(words.next()) && cap(words.next()) && head.contains(',')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbers(text: &str) -> Vec<Vec<u32>> {
        references(text).into_iter().map(|r| r.numbers).collect()
    }

    #[test]
    fn references_into_this_protocol() {
        assert_eq!(numbers("Se § 24."), vec![vec![24]]);
        assert_eq!(
            numbers("se mer i § 30 och §§ 12-14, 16"),
            vec![vec![30], vec![12, 13, 14, 16]]
        );
        assert_eq!(numbers("enligt § 3 och 4 ovan"), vec![vec![3, 4]]);
        let written = |t: &str| {
            references(t)
                .into_iter()
                .map(|r| r.written)
                .collect::<Vec<_>>()
        };
        assert_eq!(written("beslutet (§ 5) gäller"), vec!["beslutet (§ 5"]);
        assert_eq!(written("Klart. Se § 24."), vec!["Se § 24"]);
        assert_eq!(written("se mer i § 30."), vec!["mer i § 30"]);
    }

    #[test]
    fn references_elsewhere_are_left_alone() {
        for text in [
            "utifrån styrelsens beslut 2025-05-09 § 16.",
            "Beslut SocSam 2025-06-02 § 18 (ojusterat)",
            "KS § 45 beslutade",
            "se protokollet från den 12 mars 2024 § 7",
            "beslut § 45/2023",
            "enligt 8 kap. 12 § kommunallagen",
            "enligt § 5 förvaltningslagen",
            "enligt § 9 KL",
            "Kommunstyrelsen § 45 har beslutat",
            "arbetsutskottets beslut § 12",
            "i föregående protokoll § 7",
            "Anda Embretzen, Härjedalen §§ 15-19, 21",
            "Paragrafen § utan nummer",
        ] {
            assert!(
                references(text).is_empty(),
                "{text}: {:?}",
                references(text)
            );
        }
    }
}
