//! The § numbers: gaps and duplicates in the run of numbers, the declared set ("Paragrafer
//! 15-28", "Paragrafer §§ 41, 43"), and the table of contents against the body; references in
//! the text ("se § 24") to a § the protocol lacks are `references`'.
//!
//! A number missing from the run is an error only when the protocol itself names that § — in
//! its agenda, in a roster's § limits, in a reference — for then an item is missing. A bare
//! gap in the numbering, even inside a declared range, is as often a numbering slip or a §
//! kept in another protocol (closed session, an extract) as a lost item: a warning the
//! secretary settles.

use std::collections::{BTreeMap, BTreeSet};

use super::declared::Declared;
use super::messages;
use super::references::{dangling_references, references};
use super::{Place, Review, Severity, code};

pub(super) fn check(r: &mut Review) {
    let declared = r.declared.clone();
    let named = named_elsewhere(r);
    // One fact, one finding: a § reported missing is not reported again where the agenda or a
    // reference names it; that line is the missing §'s evidence instead.
    let mut missing = gaps_and_duplicates(r, declared.as_ref(), &named);
    missing.extend(declared_set(r, declared.as_ref(), &named));
    agenda(r, &missing);
    dangling_references(r, &missing);
}

/// Every § number the protocol names outside its body headings — in an agenda entry, a
/// roster's § limits, a reference in the text — with the first line that names it. A number
/// whose heading the text still shows where the parser read none (a line "KS § 27", or the
/// agenda's title for it) is left out: the item is there, its heading was missed, and that is
/// no proof of a lost item.
fn named_elsewhere(r: &Review) -> BTreeMap<u32, u32> {
    let mut named = names(r);
    let has = r.numbers();
    // Most protocols name only § they have, and then no line need be read.
    if named.keys().all(|n| has.binary_search(n).is_ok()) {
        return named;
    }
    let after = r.meeting.agenda.iter().map(|i| i.line).max().unwrap_or(0);
    let headings: BTreeSet<u32> = r.meeting.paragraphs.iter().map(|p| p.line).collect();
    let body: Vec<&str> = r
        .meeting
        .lines
        .iter()
        .filter(|l| l.number > after && !headings.contains(&l.number))
        .map(|l| l.text.trim())
        .collect();
    // Each line's comparable form is made once, and only if an agenda title asks for it.
    let mut comparable_body: Option<Vec<String>> = None;
    named.retain(|&n, _| {
        if has.binary_search(&n).is_ok() {
            return true;
        }
        let title = r
            .meeting
            .agenda
            .iter()
            .find(|i| i.number == n)
            .map(|i| comparable(&i.title))
            .filter(|t| t.chars().count() >= 8);
        if body.iter().any(|t| starts_with_section(t, n)) {
            return false;
        }
        title.is_none_or(|want| {
            !comparable_body
                .get_or_insert_with(|| body.iter().map(|t| comparable(t)).collect())
                .contains(&want)
        })
    });
    named
}

/// Whether a line starts as a heading of § `n` does: "§ 27", "§27 Titel", "KS § 27", "## §27".
fn starts_with_section(text: &str, n: u32) -> bool {
    let t = text.trim_start_matches(['#', '*', ' ']);
    let Some(at) = t.find('§') else {
        return false;
    };
    let prefix = &t[..at];
    if prefix.chars().count() > 8 || prefix.chars().any(char::is_lowercase) {
        return false;
    }
    let rest = t[at + '§'.len_utf8()..].trim_start();
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse::<u32>() == Ok(n)
}

/// Every § number named outside the body headings, with the first line that names it.
fn names(r: &Review) -> BTreeMap<u32, u32> {
    let m = r.meeting;
    let mut named: BTreeMap<u32, u32> = BTreeMap::new();
    for item in &m.agenda {
        named.entry(item.number).or_insert(item.line);
    }
    for a in &m.attendees {
        for &n in a.paragraphs.iter().flatten() {
            named.entry(n).or_insert(a.line);
        }
    }
    for p in m.paragraphs.iter().filter(|p| p.text.contains('§')) {
        for (text, line) in p.numbered_lines() {
            if !text.contains('§') {
                continue;
            }
            for reference in references(text) {
                for n in reference.numbers {
                    named.entry(n).or_insert(line);
                }
            }
        }
    }
    named
}

/// A jump in the numbering, without a declaration, beyond which a gap is information only.
const FAR_JUMP: u32 = 50;

/// A missing number inside the run is reported at the § after the gap; a number used again is
/// reported at its second use, naming the first. With a declaration, only numbers it declares
/// can be missing. Numbers the parser doubts are not the protocol's fault, so then a gap or a
/// duplicate is at most information.
fn gaps_and_duplicates(
    r: &mut Review,
    declared: Option<&Declared>,
    named: &BTreeMap<u32, u32>,
) -> BTreeSet<u32> {
    let mut reported = BTreeSet::new();
    let doubted = r.meeting.doubts.paragraphs;
    let mut first_line: BTreeMap<u32, u32> = BTreeMap::new();
    let mut found = Vec::new();
    for p in &r.meeting.paragraphs {
        if let Some(&line) = first_line.get(&p.number) {
            // A first use with next to no text of its own is a table of contents entry read
            // as a heading (its entries wrap, so the parser missed the table): the parser's
            // doubt, not the protocol's fault.
            let entry = r
                .meeting
                .paragraphs
                .iter()
                .find(|q| q.line == line)
                .is_some_and(looks_like_toc_entry);
            let severity = if doubted || entry {
                Severity::Info
            } else {
                Severity::Warning
            };
            found.push((
                Place::paragraph(p.number, p.line),
                severity,
                code::PARAGRAPH_DUPLICATE,
                messages::duplicate(r.lang, p.number, line),
                vec![line, p.line],
            ));
        } else {
            first_line.insert(p.number, p.line);
        }
    }
    let numbers: Vec<(u32, u32)> = first_line.into_iter().collect();
    for w in numbers.windows(2) {
        let ((before, before_line), (after, line)) = (w[0], w[1]);
        let missing: Vec<u32> = (before + 1..after)
            .filter(|n| declared.is_none_or(|d| d.contains(*n)))
            .collect();
        if missing.is_empty() {
            continue;
        }
        reported.extend(missing.iter().copied());
        let named: Vec<(u32, u32)> = missing
            .iter()
            .filter_map(|&n| named.get(&n).map(|&l| (n, l)))
            .collect();
        // Without a declaration, a jump of dozens of numbers is likelier a heading misread (a
        // stray "§ 5" among §§ 101–106) than dozens of items lost.
        let far = declared.is_none() && after - before > FAR_JUMP;
        let severity = match (named.is_empty(), doubted || far) {
            (_, true) => Severity::Info,
            (false, false) => Severity::Error,
            (true, false) => Severity::Warning,
        };
        let mut proof = vec![before_line, line];
        proof.extend(declared.and_then(|d| d.line));
        proof.extend(named.iter().map(|(_, l)| *l));
        let message = messages::gap(r.lang, before, after, &missing, &named);
        found.push((
            Place::paragraph(after, line),
            severity,
            code::PARAGRAPH_GAP,
            message,
            proof,
        ));
    }
    for (at, severity, code, message, lines) in found {
        let proof: Vec<(u32, &str)> = lines.into_iter().map(|l| (l, "")).collect();
        r.push(at, severity, code, message, &proof);
    }
    reported
}

/// A § that reads as an entry of a table of contents: no text, or only lines that end in a
/// page number or trail dot leaders (a wrapped title), and no decision.
fn looks_like_toc_entry(p: &crate::model::Paragraph) -> bool {
    p.decisions.is_empty()
        && p.text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .all(|l| {
                l.contains("....")
                    || l.contains('…')
                    || l.ends_with(|c: char| c.is_ascii_digit()) && l.len() < 120
            })
}

/// Numbers declared but missing at either end of the body, and numbers found outside the
/// declared set. Gaps inside the run are `paragraph-gap`'s business, not this check's.
fn declared_set(
    r: &mut Review,
    declared: Option<&Declared>,
    named: &BTreeMap<u32, u32>,
) -> Vec<u32> {
    let Some(declared) = declared else {
        return Vec::new();
    };
    let numbers = r.numbers();
    let (Some(&first), Some(&last)) = (numbers.first(), numbers.last()) else {
        return Vec::new();
    };
    let first_line = r.meeting.paragraph(first).map_or(1, |p| p.line);
    let last_line = r.meeting.paragraph(last).map_or(1, |p| p.line);
    let range_line = declared.line.unwrap_or(first_line);
    let missing: Vec<u32> = declared
        .numbers
        .iter()
        .copied()
        .filter(|n| *n < first || *n > last)
        .collect();
    if !missing.is_empty() {
        let named: Vec<(u32, u32)> = missing
            .iter()
            .filter_map(|&n| named.get(&n).map(|&l| (n, l)))
            .collect();
        let severity = match (named.is_empty(), r.meeting.doubts.paragraphs) {
            (_, true) => Severity::Info,
            (false, false) => Severity::Error,
            (true, false) => Severity::Warning,
        };
        let message = messages::range_missing(r.lang, &declared.numbers, &missing, &named);
        let edge = if missing[0] < first {
            first_line
        } else {
            last_line
        };
        let mut proof = vec![(range_line, ""), (edge, "")];
        proof.extend(named.iter().map(|(_, l)| (*l, "")));
        r.push(
            Place::line(range_line),
            severity,
            code::PARAGRAPH_RANGE,
            message,
            &proof,
        );
    }
    let extra: Vec<u32> = numbers
        .iter()
        .copied()
        .filter(|n| !declared.contains(*n))
        .collect();
    if let Some(&n) = extra.first() {
        let line = r.meeting.paragraph(n).map_or(range_line, |p| p.line);
        let message = messages::range_extra(r.lang, &declared.numbers, &extra);
        r.push(
            Place::paragraph(n, line),
            Severity::Warning,
            code::PARAGRAPH_RANGE,
            message,
            &[(range_line, ""), (line, "")],
        );
    }
    missing
}

/// The table of contents against the body, entry by entry. Without a table of contents there
/// is nothing to compare. An entry for a § already reported `missing` is that finding's
/// evidence, not a finding of its own.
fn agenda(r: &mut Review, missing: &BTreeSet<u32>) {
    let meeting = r.meeting;
    if meeting.agenda.is_empty() {
        return;
    }
    for item in &meeting.agenda {
        match meeting.paragraph(item.number) {
            Some(body) if comparable(&item.title) != comparable(&body.title) => {
                let (listed, written) = excerpts(&item.title, &body.title);
                let message = messages::toc_mismatch(r.lang, body.number, &listed, &written);
                // "Val av justerare och fastställande av dagordning" / "… dagordningen": the
                // same title in another form, worth knowing, not worth a warning.
                let severity = if only_endings_differ(&item.title, &body.title) {
                    Severity::Info
                } else {
                    Severity::Warning
                };
                r.push(
                    Place::paragraph(body.number, body.line),
                    severity,
                    code::TOC_MISMATCH,
                    message,
                    &[(item.line, ""), (body.line, "")],
                );
            }
            Some(_) => {}
            None if missing.contains(&item.number) => {}
            None => {
                let message = messages::toc_without_body(r.lang, item.number, &item.title);
                r.push(
                    Place::paragraph(item.number, item.line),
                    Severity::Warning,
                    code::TOC_MISSING,
                    message,
                    &[(item.line, "")],
                );
            }
        }
    }
    let agenda_line = meeting.agenda.first().map_or(1, |i| i.line);
    for body in &meeting.paragraphs {
        if !meeting.agenda.iter().any(|i| i.number == body.number) {
            let message = messages::body_without_toc(r.lang, body.number, &body.title);
            r.push(
                Place::paragraph(body.number, body.line),
                Severity::Warning,
                code::TOC_MISSING,
                message,
                &[(agenda_line, ""), (body.line, "")],
            );
        }
    }
}

/// A title as compared: no case, no whitespace, no Markdown emphasis, one kind of dash, no
/// trailing dots or dot leaders. What is left is what a reader would call a different title.
pub(super) fn comparable(title: &str) -> String {
    let t: String = title
        .chars()
        .filter(|c| !matches!(c, '*' | '_') && !c.is_whitespace())
        .map(|c| match c {
            '–' | '—' | '‐' | '‑' | '−' => '-',
            c => c,
        })
        .collect();
    t.trim_end_matches(['.', '…']).to_lowercase()
}

/// Whether two titles differ only in the endings of some words, as Swedish inflects them
/// ("dagordning" / "dagordningen", "protokoll" / "protokollet", "ärende" / "ärenden").
fn only_endings_differ(a: &str, b: &str) -> bool {
    const ENDINGS: [&str; 12] = [
        "en", "et", "n", "t", "na", "ne", "ar", "er", "or", "arna", "erna", "orna",
    ];
    let wa: Vec<String> = a.split_whitespace().map(comparable).collect();
    let wb: Vec<String> = b.split_whitespace().map(comparable).collect();
    wa.len() == wb.len()
        && wa.iter().zip(&wb).all(|(x, y)| {
            let (short, long) = if x.len() <= y.len() { (x, y) } else { (y, x) };
            x == y
                || long
                    .strip_prefix(short.as_str())
                    .is_some_and(|rest| ENDINGS.contains(&rest))
        })
}

/// The two titles cut to the words around their first difference, as a reader wants to see
/// them: `Föregående protokoll samt …` against `Föregående möte samt …`.
fn excerpts(a: &str, b: &str) -> (String, String) {
    let wa: Vec<&str> = a.split_whitespace().collect();
    let wb: Vec<&str> = b.split_whitespace().collect();
    let k = wa
        .iter()
        .zip(&wb)
        .position(|(x, y)| comparable(x) != comparable(y))
        .unwrap_or(wa.len().min(wb.len()));
    let start = k.saturating_sub(1);
    let cut = |w: &[&str]| {
        let end = (k + 2).min(w.len());
        let mut s = String::new();
        if start > 0 {
            s.push_str("… ");
        }
        s.push_str(&w[start.min(end)..end].join(" "));
        if end < w.len() {
            s.push_str(" …");
        }
        s
    };
    (cut(&wa), cut(&wb))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_compare_without_case_space_dashes_and_dots() {
        assert_eq!(
            comparable("Handslaget - en uppdatering"),
            comparable("handslaget – en  uppdatering.....")
        );
        assert_eq!(
            comparable("**Ledningens information**"),
            comparable("Ledningens information")
        );
        assert_ne!(
            comparable("Föregående protokoll"),
            comparable("Föregående möte")
        );
    }

    #[test]
    fn lines_that_start_as_a_heading() {
        assert!(starts_with_section("§ 27 Budget", 27));
        assert!(starts_with_section("KS § 27      Dnr KS 2023/0412", 27));
        assert!(starts_with_section("## **§27 Budget**", 27));
        assert!(!starts_with_section("§ 271 Budget", 27));
        assert!(!starts_with_section("enligt § 27", 27));
    }

    #[test]
    fn titles_that_differ_only_by_endings() {
        assert!(only_endings_differ(
            "Val av justerare och fastställande av dagordning",
            "Val av justerare och fastställande av dagordningen"
        ));
        assert!(!only_endings_differ(
            "Föregående protokoll samt uppföljningar",
            "Föregående möte samt uppföljningar"
        ));
        assert!(!only_endings_differ("Ekonomi", "Ekonomisk uppföljning"));
    }

    #[test]
    fn excerpts_show_the_words_around_the_difference() {
        let (a, b) = excerpts(
            "Föregående protokoll samt uppföljningar och pågående ärenden",
            "Föregående möte samt uppföljningar och pågående ärenden",
        );
        assert_eq!(a, "Föregående protokoll samt …");
        assert_eq!(b, "Föregående möte samt …");
        let (a, b) = excerpts(
            "Val av justerare och dagordning",
            "Val av justerare och dagordningen",
        );
        assert_eq!(
            (a.as_str(), b.as_str()),
            ("… och dagordning", "… och dagordningen")
        );
    }
}
