//! The table of contents: after a heading like `Innehållsförteckning`, or a run of entries with
//! page numbers. It lists the items; it is never the body.

use super::{Line, scan};
use crate::model::AgendaItem;

pub(super) struct Toc {
    pub range: std::ops::Range<usize>,
    pub items: Vec<AgendaItem>,
}

const TOC_HEADINGS: [&str; 7] = [
    "innehållsförteckning",
    "innehåll",
    "dagordning",
    "ärendelista",
    "föredragningslista",
    "ärenden",
    "förteckning över ärenden",
];

/// A TOC entry: a § line with dot leaders or a page number after a tab.
fn toc_entry(t: &str) -> Option<AgendaItem> {
    let h = scan::heading(t)?;
    let rest = h.rest.as_str();
    let (title, page) = split_page(rest);
    Some(AgendaItem {
        number: h.number,
        title,
        page,
        line: 0,
    })
}

/// `Title.....\t4`, `Title\t3`, `Title ..... 4` → (`Title`, 4).
pub(super) fn split_page(rest: &str) -> (String, Option<u32>) {
    let trimmed = rest.trim_end();
    let digits: String = trimmed
        .chars()
        .rev()
        .take_while(char::is_ascii_digit)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    if !digits.is_empty() && digits.len() <= 4 {
        let before = &trimmed[..trimmed.len() - digits.len()];
        let leader = before.ends_with('\t')
            || before.trim_end().ends_with("..")
            || before.ends_with("  ")
            || before.trim_end().ends_with('…');
        if leader {
            let title = before
                .trim_end()
                .trim_end_matches(['.', '…', '\t', ' '])
                .trim();
            return (title.to_owned(), digits.parse().ok());
        }
    }
    (trimmed.trim_end_matches(['.', '…']).trim().to_owned(), None)
}

fn has_page(t: &str) -> bool {
    scan::heading(t).is_some_and(|h| split_page(&h.rest).1.is_some())
}

/// A table of contents of numbered entries with dot leaders ("1. Mötets öppnande ....... 3"),
/// before the first item: the agenda of documents without §.
pub(super) fn numbered_entries(lines: &[Line], before: usize) -> Vec<AgendaItem> {
    let mut out: Vec<AgendaItem> = Vec::new();
    for l in &lines[..before.min(lines.len())] {
        if let Some((number, rest)) = super::items::numbered_entry(&l.t)
            && let (title, Some(page)) = split_page(rest)
            && !out.iter().any(|x| x.number == number)
        {
            out.push(AgendaItem {
                number,
                title,
                page: Some(page),
                line: l.number,
            });
        }
    }
    out
}

/// The table of contents: after a TOC heading, the run of § entries, sub-items (`a) …`) and
/// blank lines, ending before a § number repeats (the body starts over) or at other text.
/// Without a heading, a run of entries with page numbers.
pub(super) fn find(lines: &[Line]) -> Option<Toc> {
    let is_heading_line = |t: &str| {
        if t.len() > 40 {
            return false;
        }
        let t = t.trim_end_matches(':').trim();
        TOC_HEADINGS.iter().any(|h| scan::eq_lower(t, h))
    };
    let start = lines
        .iter()
        .position(|l| is_heading_line(&l.t))
        .filter(|&i| {
            lines[i + 1..]
                .iter()
                .find(|l| !l.t.is_empty() && !scan::is_rule(&l.t))
                .is_some_and(|l| toc_entry(&l.t).is_some())
        });
    let (begin, mut i) = if let Some(s) = start {
        (s, s + 1)
    } else {
        let first = lines.iter().position(|l| has_page(&l.t))?;
        (first, first)
    };
    let mut items: Vec<AgendaItem> = Vec::new();
    let mut last_entry_idx = None;
    let mut wrapped_lines = 0;
    while i < lines.len() {
        let t = lines[i].t.as_str();
        if t.is_empty() || scan::is_rule(t) {
            i += 1;
            continue;
        }
        if let Some(mut item) = toc_entry(t) {
            wrapped_lines = 0;
            if items.iter().any(|x| x.number == item.number) {
                break;
            }
            item.line = lines[i].number;
            item.title = scan::split_dnr(&item.title).0;
            last_entry_idx = Some(i);
            i += 1;
            // "KF § 13   Dnr …" with the title on the next line, as the body writes it.
            if item.title.is_empty()
                && let Some(next) = lines.get(i)
                && !next.t.is_empty()
                && scan::heading(&next.t).is_none()
            {
                scan::split_dnr(&next.t)
                    .0
                    .trim_end_matches(['.', '…'])
                    .trim()
                    .clone_into(&mut item.title);
                i += 1;
            }
            items.push(item);
            continue;
        }
        if scan::strip_enumerator(t).is_some() && !items.is_empty() {
            i += 1;
            continue;
        }
        // "Dnr KS 2024/0051" on its own line, under its entry (a table exported cell by cell).
        if !items.is_empty() && matches!(scan::split_dnr(t), (title, Some(_)) if title.is_empty()) {
            i += 1;
            continue;
        }
        // An entry wrapped over two or three lines: "§ 12 Ärende med en lång" / "titel ..... 5".
        if let Some(last) = items.last_mut()
            && last.page.is_none()
            && wrapped_lines < 2
            && t.chars().count() <= 120
            && (t.starts_with(char::is_lowercase) || split_page(t).1.is_some())
        {
            let (more, page) = split_page(t);
            last.title.push(' ');
            last.title.push_str(&more);
            last.page = page;
            wrapped_lines += 1;
            last_entry_idx = Some(i);
            i += 1;
            continue;
        }
        break;
    }
    // Entries with page numbers, then one without, then body text: that one is the body's first §.
    if i < lines.len() && items.len() >= 2 {
        let with_pages = items.iter().filter(|x| x.page.is_some()).count();
        if with_pages * 2 > items.len() && items.last().is_some_and(|x| x.page.is_none()) {
            items.pop();
            i = last_entry_idx.unwrap_or(i);
        }
    }
    if items.is_empty() {
        return None;
    }
    Some(Toc {
        range: begin..i,
        items,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_wrapped_over_lines_is_one_entry() {
        let lines: Vec<Line> = [
            "Innehållsförteckning",
            "§ 12 Delårsrapport för perioden januari",
            "till och med augusti ........ 7",
            "§ 13 Budget ........ 9",
            "",
            "§ 12 Delårsrapport för perioden januari till och med augusti",
            "Text.",
        ]
        .iter()
        .enumerate()
        .map(|(i, t)| Line {
            number: i as u32 + 1,
            t: (*t).to_owned(),
            level: 0,
            indent: 0,
        })
        .collect();
        let toc = find(&lines).unwrap();
        assert_eq!(toc.items.len(), 2);
        assert_eq!(
            toc.items[0].title,
            "Delårsrapport för perioden januari till och med augusti"
        );
        assert_eq!(toc.items[0].page, Some(7));
        assert_eq!(toc.range.end, 5);
    }

    #[test]
    fn toc_pages() {
        assert_eq!(split_page("Upprop.....\t4"), ("Upprop".into(), Some(4)));
        assert_eq!(
            split_page("Prognos 1 2025\t5"),
            ("Prognos 1 2025".into(), Some(5))
        );
        assert_eq!(
            split_page("Prognos 1 2025"),
            ("Prognos 1 2025".into(), None)
        );
    }
}
