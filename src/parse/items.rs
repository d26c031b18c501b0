//! The items of a protocol: which scheme heads them and where each begins.
//!
//! Minutes head their items in one of a few ways: `§ 12` (municipal and many association
//! templates), numbers (`1.`, `1)`, `## 3. Val av justerare`, `Punkt 4`, `3 Ekonomi` as LaTeX and
//! Word print section numbers), rows of a table (`1      Mötets öppnande      Lena`), or headings
//! without numbers. Each scheme has a small recogniser that proposes candidates; per document the
//! scheme that explains it best wins — for numbers, the best chain of rising numbers among lines
//! of one style, so that a numbered list inside an item (`1. att …`, restarting at 1) is not taken
//! for the items.

use super::{Line, scan};
use crate::model::Scheme;

/// Where an item begins and what its heading line says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// Index of the heading line in the parser's lines.
    pub index: usize,
    pub number: u32,
    /// The rest of the heading line: the title (and for § headings perhaps a Dnr).
    pub rest: String,
    /// Text that follows the title on the heading line ("1. Mötet öppnades. Godkändes.").
    pub lead: Option<String>,
    /// The responsible person of a table row (`Ansvar`, `Föredragande`).
    pub presenter: Option<String>,
}

/// The scheme of the document and its items, outside the table of contents.
pub fn find(lines: &[Line], toc: Option<&std::ops::Range<usize>>) -> (Scheme, Vec<Item>) {
    let outside = |i: usize| toc.is_none_or(|r| !r.contains(&i));
    let sections = section_headings(lines, toc);
    // Three § headings settle it; numbers are weighed only against fewer.
    let numbered = if sections.len() >= 3 {
        Vec::new()
    } else {
        numbered(lines, &outside)
    };
    if !sections.is_empty() && (sections.len() >= 3 || sections.len() * 3 >= numbered.len()) {
        let items = sections
            .into_iter()
            .map(|(index, h)| Item {
                index,
                number: h.number,
                rest: h.rest,
                lead: None,
                presenter: None,
            })
            .collect();
        return (Scheme::Section, items);
    }
    if numbered.len() >= 2 {
        let table = numbered.iter().filter(|c| c.cells).count() * 2 > numbered.len();
        let items = numbered.into_iter().map(Candidate::into_item).collect();
        return (
            if table {
                Scheme::Table
            } else {
                Scheme::Numbered
            },
            items,
        );
    }
    let headings = headings(lines, &outside);
    if headings.len() >= 2 {
        return (Scheme::Headings, headings);
    }
    (Scheme::None, Vec::new())
}

/// The § headings of the body, outside the TOC, where a heading can stand.
pub(super) fn section_headings(
    lines: &[Line],
    toc: Option<&std::ops::Range<usize>>,
) -> Vec<(usize, scan::Heading)> {
    let mut out: Vec<(usize, scan::Heading, bool)> = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        if toc.is_some_and(|r| r.contains(&i)) {
            continue;
        }
        let Some(h) = scan::heading(&l.t) else {
            continue;
        };
        let prev = i.checked_sub(1).map(|p| lines[p].t.as_str());
        let next_blank = lines.get(i + 1).is_none_or(|n| n.t.is_empty());
        let standalone = prev
            .is_none_or(|p| p.is_empty() || scan::is_rule(p) || p.ends_with(['.', ':', '!', '?']))
            || h.prefix.is_some()
            || l.level > 0
            // "§ 94 Mötet öppnas" right under a table, with a blank line after it.
            || (next_blank
                && h.rest.starts_with(char::is_uppercase)
                && h.rest.chars().count() <= 80
                && !h.rest.ends_with('.'));
        // A heading after text that did not end a sentence is a wrapped reference ("se mer i\n§ 30.").
        if !h.rest.ends_with(',') {
            out.push((i, h, standalone));
        }
    }
    // A heading that does not stand alone (under a page header the cleaning left) still counts
    // when it carries a title and its number continues the headings that do.
    let titled =
        |h: &scan::Heading| h.rest.starts_with(char::is_uppercase) && h.rest.chars().count() <= 100;
    let sure: Vec<u32> = out.iter().filter(|c| c.2).map(|c| c.1.number).collect();
    out.into_iter()
        .filter(|(_, h, standalone)| {
            *standalone
                || (titled(h)
                    && (sure.contains(&(h.number + 1))
                        || sure.contains(&(h.number.wrapping_sub(1)))))
        })
        .map(|(i, h, _)| (i, h))
        .collect()
}

/// How a numbered line writes its number: items of one document share a style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Delim {
    /// `1.` or `1:`
    Dot,
    /// `1)`
    Paren,
    /// `1 Title`, `1      Title      Lena` (a table row)
    Space,
    /// `Punkt 1`
    Punkt,
}

#[derive(Debug, Clone)]
struct Candidate {
    index: usize,
    number: u32,
    style: (u8, Delim),
    /// How much the line looks like a heading: a Markdown heading 3, standing alone 2, else 1.
    strength: u32,
    rest: String,
    /// The line is cut in cells by runs of spaces (a table row).
    cells: bool,
}

impl Candidate {
    fn into_item(self) -> Item {
        let mut rest = self.rest;
        let mut presenter = None;
        if self.cells {
            let cells: Vec<&str> = rest
                .split("  ")
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .collect();
            if cells.len() >= 2 && looks_like_person(cells[cells.len() - 1]) {
                presenter = Some(cells[cells.len() - 1].to_owned());
                rest = cells[..cells.len() - 1].join(" ");
            } else {
                rest = cells.join(" ");
            }
        }
        // "14.a) Val av …": the item's first sub-point carries its title.
        let rest = scan::strip_enumerator(&rest).map_or(rest.clone(), str::to_owned);
        let (title, lead) = split_title(&rest);
        Item {
            index: self.index,
            number: self.number,
            rest: title,
            lead,
            presenter,
        }
    }
}

/// A responsible person in a table's last column: one to three capitalised words.
fn looks_like_person(cell: &str) -> bool {
    let words: Vec<&str> = cell.split_whitespace().collect();
    (1..=3).contains(&words.len())
        && words
            .iter()
            .all(|w| w.starts_with(char::is_uppercase) && w.chars().all(char::is_alphabetic))
}

/// A numbered item line written as a sentence ("Mötet förklarades behörigt utlyst. Godkändes.")
/// has its title up to the first sentence end; the rest is the item's first text.
fn split_title(rest: &str) -> (String, Option<String>) {
    let bytes = rest.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if (b == b'.' || b == b':' || b == b'?' || b == b'!')
            && bytes.get(i + 1) == Some(&b' ')
            && i > 0
            && !bytes[i - 1].is_ascii_digit()
        {
            let after = rest[i + 1..].trim();
            // "ca. 20", "t.ex. att": an abbreviation, not a sentence end.
            if after.starts_with(|c: char| c.is_uppercase() || c == '-' || c == '"') {
                return (rest[..i].trim().to_owned(), Some(after.to_owned()));
            }
        }
    }
    (rest.trim().to_owned(), None)
}

/// The number at the start of a line, with its style and the rest of the line.
fn number_prefix(t: &str) -> Option<(u32, Delim, &str)> {
    if let Some(r) = t
        .strip_prefix("Punkt ")
        .or_else(|| t.strip_prefix("PUNKT "))
        .or_else(|| t.strip_prefix("punkt "))
    {
        let digits = r.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 || digits > 3 {
            return None;
        }
        let rest = r[digits..]
            .trim_start_matches(['.', ':', ')', '–', '-'])
            .trim();
        return Some((r[..digits].parse().ok()?, Delim::Punkt, rest));
    }
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 3 {
        return None;
    }
    let number: u32 = t[..digits].parse().ok()?;
    let after = &t[digits..];
    let (delim, rest) = match after.as_bytes().first() {
        None => (Delim::Space, ""),
        Some(b'.' | b':') => {
            let r = &after[1..];
            // "3.1 Budget" is a sub-item, "12.30" a time, "1.5 miljoner" a number.
            if r.starts_with(|c: char| c.is_ascii_digit()) {
                return None;
            }
            (Delim::Dot, r)
        }
        Some(b')') => (Delim::Paren, &after[1..]),
        Some(b' ' | b'\t') => (Delim::Space, after),
        _ => return None,
    };
    Some((number, delim, rest.trim()))
}

/// A numbered line with dot leaders and a page number is a table of contents entry.
fn is_toc_entry(rest: &str) -> bool {
    (rest.contains("..") || rest.contains('…') || rest.contains('\t'))
        && super::toc::split_page(rest).1.is_some()
}

/// The number and the rest of a numbered table of contents entry ("1. Öppnande ..... 3").
pub(super) fn numbered_entry(t: &str) -> Option<(u32, &str)> {
    let (number, _, rest) = number_prefix(t)?;
    is_toc_entry(rest).then_some((number, rest))
}

/// Whether what follows a number can be an item's title: it starts a sentence, or is empty
/// (the title on the next line, as a table or a form prints it).
fn title_start(rest: &str) -> bool {
    let rest = scan::strip_enumerator(rest).unwrap_or(rest);
    rest.is_empty()
        || rest
            .trim_start_matches(['"', '”', '«', '(', '*'])
            .starts_with(char::is_uppercase)
}

fn blank(lines: &[Line], i: Option<usize>) -> bool {
    i.is_none_or(|i| lines[i].t.is_empty() || scan::is_rule(&lines[i].t))
}

/// Numbered candidates, then the best chain of one style.
fn numbered(lines: &[Line], outside: &dyn Fn(usize) -> bool) -> Vec<Candidate> {
    let mut cands = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        if !outside(i) || l.t.len() > 2000 {
            continue;
        }
        let Some((number, delim, rest)) = number_prefix(&l.t) else {
            continue;
        };
        if number > 300 || !title_start(rest) || is_toc_entry(rest) {
            continue;
        }
        let before = blank(lines, i.checked_sub(1));
        let cells = delim == Delim::Space && rest.contains("   ");
        let strength = if l.level > 0 {
            3
        } else if before {
            2
        } else {
            1
        };
        // A bare number or "3 Ekonomi" is a heading only where a heading stands: alone, short,
        // not a sentence, or a table row. "2 st stolar" and "12 ledamöter var närvarande." are text.
        if delim == Delim::Space && l.level == 0 {
            let short = rest.chars().count() <= 70 && !rest.ends_with(['.', ',', ';']);
            let next_blankish = lines.get(i + 1).is_none_or(|n| !n.t.is_empty() || before);
            if !(cells || (before && short && next_blankish)) {
                continue;
            }
            if rest.is_empty() && !before {
                continue;
            }
        }
        cands.push(Candidate {
            index: i,
            number,
            style: (l.level.min(1), delim),
            strength,
            rest: rest.to_owned(),
            cells,
        });
    }
    best_chain(&cands)
}

/// The chain of rising numbers (steps of 1 to 3, a skip costing a point) of one style with the
/// most weight; on a tie the later chain, since minutes follow the agenda they were called with.
fn best_chain(cands: &[Candidate]) -> Vec<Candidate> {
    let n = cands.len();
    let mut score = vec![0i64; n];
    let mut prev = vec![usize::MAX; n];
    for i in 0..n {
        score[i] = i64::from(cands[i].strength);
        // Look back over a bounded window: chains are made of nearby candidates.
        for j in (i.saturating_sub(400)..i).rev() {
            if cands[j].style != cands[i].style || cands[i].number <= cands[j].number {
                continue;
            }
            let step = cands[i].number - cands[j].number;
            if step > 3 {
                continue;
            }
            let s = score[j] + i64::from(cands[i].strength) - i64::from(step - 1) * 2;
            if s > score[i] {
                score[i] = s;
                prev[i] = j;
            }
        }
    }
    let Some(end) = (0..n).max_by_key(|&i| (score[i], i)) else {
        return Vec::new();
    };
    let mut chain = vec![end];
    while prev[chain[chain.len() - 1]] != usize::MAX {
        chain.push(prev[chain[chain.len() - 1]]);
    }
    chain.reverse();
    chain.into_iter().map(|i| cands[i].clone()).collect()
}

/// Labels of a protocol's front matter that a heading may carry ("## Närvarande"): not items.
const HEADER_HEADINGS: [&str; 14] = [
    "närvarande",
    "deltagare",
    "frånvarande",
    "närvaro",
    "kallade",
    "anmält förhinder",
    "agenda",
    "dagordning",
    "föredragningslista",
    "innehåll",
    "justering",
    "underskrifter",
    "signaturer",
    "bilagor",
];

fn header_heading(t: &str) -> bool {
    let t = t.trim_end_matches(':').trim();
    HEADER_HEADINGS.iter().any(|h| scan::eq_lower(t, h))
}

/// Unnumbered headings, numbered 1, 2, 3 … in order: Markdown headings where the document has
/// them, else lines that stand as headings in plain text (short, alone, no sentence end).
fn headings(lines: &[Line], outside: &dyn Fn(usize) -> bool) -> Vec<Item> {
    let first = lines.iter().position(|l| !l.t.is_empty());
    let title_like =
        |i: usize| Some(i) == first || !crate::date::find_dates(&lines[i].t).is_empty();
    // "Närvarande" or "Dagordning" heads the front matter before the first item, but is an item
    // of its own after it ("Dagordning" / "Dagordningen godkändes").
    let mut marked: Vec<usize> = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        if l.level > 0
            && outside(i)
            && !l.t.is_empty()
            && !title_like(i)
            && (!marked.is_empty() || !header_heading(&l.t))
        {
            marked.push(i);
        }
    }
    let picked = if marked.len() >= 2 {
        marked
    } else {
        (0..lines.len())
            .filter(|&i| outside(i) && !title_like(i) && plain_heading(lines, i))
            .collect()
    };
    picked
        .into_iter()
        .enumerate()
        .map(|(k, index)| Item {
            index,
            number: k as u32 + 1,
            rest: lines[index].t.trim_end_matches(':').trim().to_owned(),
            lead: None,
            presenter: None,
        })
        .collect()
}

/// A heading in plain text: after a blank line, short, capitalised, no sentence end, not a label,
/// a list item or a name list, and followed by text that is not its continuation.
fn plain_heading(lines: &[Line], i: usize) -> bool {
    let t = lines[i].t.as_str();
    let words = t.split_whitespace().count();
    let clock = t.as_bytes().windows(3).any(|w| {
        w[0].is_ascii_digit() && matches!(w[1], b'.' | b':' | b',') && w[2].is_ascii_digit()
    });
    if t.is_empty()
        || lines[i].indent > 1
        || clock
        || !(1..=9).contains(&words)
        || t.chars().count() > 70
        || !blank(lines, i.checked_sub(1))
        || !t.starts_with(char::is_uppercase)
        || t.ends_with(['.', ',', ';', ':', '!'])
        || t.contains(": ")
        || t.contains(',')
        || scan::strip_bullet(t).is_some()
        || header_heading(t)
    {
        return false;
    }
    let next = lines[i + 1..].iter().find(|l| !l.t.is_empty());
    next.is_some_and(|n| !n.t.starts_with(char::is_lowercase))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<Line> {
        text.lines()
            .enumerate()
            .map(|(i, t)| {
                let level = t.bytes().take_while(|b| *b == b'#').count() as u8;
                Line {
                    number: i as u32 + 1,
                    t: scan::strip_md(t),
                    level,
                    indent: 0,
                }
            })
            .collect()
    }

    fn numbers(text: &str) -> (Scheme, Vec<(u32, String)>) {
        let (s, items) = find(&lines(text), None);
        (s, items.into_iter().map(|i| (i.number, i.rest)).collect())
    }

    #[test]
    fn numbered_items_are_not_lists_inside_them() {
        let text = "Protokoll\n\n1. Mötets öppnande\nOrdföranden öppnade.\n\n2. Beslut\nStyrelsen beslutade\n1. att köpa\n2. att sälja\n\n3. Avslutning\n";
        let (s, items) = numbers(text);
        assert_eq!(s, Scheme::Numbered);
        assert_eq!(
            items,
            vec![
                (1, "Mötets öppnande".into()),
                (2, "Beslut".into()),
                (3, "Avslutning".into())
            ]
        );
    }

    #[test]
    fn markdown_and_punkt_and_paren() {
        let (s, items) = numbers("# Möte\n\n## 1. Öppnande\ntext\n\n## 2. Val av justerare\n");
        assert_eq!(s, Scheme::Numbered);
        assert_eq!(items[1], (2, "Val av justerare".into()));
        let (_, items) = numbers("Punkt 1 Öppnande\n\nPunkt 2: Val\n\nPunkt 3\n");
        assert_eq!(items.len(), 3);
        let (_, items) = numbers("1) Öppnande\n\n2) Val\n");
        assert_eq!(items, vec![(1, "Öppnande".into()), (2, "Val".into())]);
    }

    #[test]
    fn section_numbers_keep_sub_items_inside() {
        let (s, items) = numbers(
            "1 Mötets öppnande\n\nText.\n\n2 Ekonomi\n\n2.1 Budget\n\nText.\n\n3 Avslutning\n\nSlut.\n",
        );
        assert_eq!(s, Scheme::Numbered);
        assert_eq!(items.iter().map(|i| i.0).collect::<Vec<_>>(), [1, 2, 3]);
    }

    #[test]
    fn sentence_items_split_title_from_text() {
        let (_, items) = find(
            &lines("1. Mötet öppnades. Godkändes.\n2. Val av sekreterare. Per valdes.\n"),
            None,
        );
        assert_eq!(items[0].rest, "Mötet öppnades");
        assert_eq!(items[0].lead.as_deref(), Some("Godkändes."));
    }

    #[test]
    fn table_rows_give_title_and_presenter() {
        let text = "Punkt    Vad/Ärende        Ansvar\n\n1        Mötets öppnande      Lena\n         Text här.\n\n2        Ekonomi              Jonas Ek\n";
        let (s, items) = find(&lines(text), None);
        assert_eq!(s, Scheme::Table);
        assert_eq!(items[1].rest, "Ekonomi");
        assert_eq!(items[1].presenter.as_deref(), Some("Jonas Ek"));
    }

    #[test]
    fn unnumbered_headings_are_numbered_in_order() {
        let (s, items) = numbers(
            "Protokoll 2024-01-01\n\nÖppnande av mötet\n\nMötet öppnades.\n\nBudget\n\nBudgeten antogs.\n",
        );
        assert_eq!(s, Scheme::Headings);
        assert_eq!(
            items,
            vec![(1, "Öppnande av mötet".into()), (2, "Budget".into())]
        );
        let (s, items) =
            numbers("# Möte 2024-01-01\n\n## Närvarande\nA\n\n## Öppnande\nx\n\n## Budget\ny\n");
        assert_eq!(s, Scheme::Headings);
        assert_eq!(items.len(), 2);
    }

    #[test]
    fn sections_win_over_lists() {
        let (s, items) = numbers("§ 1 Öppnande\n\n1. att a\n\n§ 2 Val\n\n§ 3 Slut\n");
        assert_eq!(s, Scheme::Section);
        assert_eq!(items.len(), 3);
    }
}
