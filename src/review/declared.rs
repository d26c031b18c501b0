//! The § a protocol declares it holds: "Paragrafer 19-25", "Paragrafer §§ 41, 43", "§§ 1–7,
//! 9", "§ 8–14". A declaration is a set, not only a range: a protocol that declares §§ 41 and
//! 43 does not lack § 42 — it is in another protocol (an extract, an item handled behind closed
//! doors) — so the numbering checks compare the body with the set as written.
//!
//! The parser gives the declared range as `[first, last]` (`declared_paragraphs`) and, when it
//! lists them, the numbers themselves (`declared`). When it does not list them, the list is read
//! here from the line that declares them, and kept only when it agrees with the parser's range;
//! otherwise the range stands for the whole set. When the parser read no range at all, a
//! declaring line in the header (before the first §) is read here.

use crate::model::Meeting;

/// A declaration of the § a protocol holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Declared {
    /// The declared numbers, sorted, each once.
    pub numbers: Vec<u32>,
    /// The source line that declares them, when it was found.
    pub line: Option<u32>,
}

impl Declared {
    /// Whether § `n` is declared.
    pub fn contains(&self, n: u32) -> bool {
        self.numbers.binary_search(&n).is_ok()
    }
}

/// A declared range wider than this is a misread, not a declaration worth comparing against.
const MAX_SPAN: u32 = 1000;

/// What `m` declares, if anything (see the module doc).
pub fn declared(m: &Meeting) -> Option<Declared> {
    // Few lines declare anything: read them once, then choose among them.
    let all: Vec<(u32, Vec<u32>)> = declarations(m).collect();
    if !m.declared.is_empty() {
        let mut numbers = m.declared.clone();
        numbers.sort_unstable();
        numbers.dedup();
        let line = all
            .iter()
            .find(|(_, list)| *list == numbers)
            .or_else(|| all.first())
            .map(|(line, _)| *line);
        return Some(Declared { numbers, line });
    }
    let Some([lo, hi]) = m
        .declared_paragraphs
        .filter(|[lo, hi]| lo <= hi && hi - lo < MAX_SPAN)
    else {
        // The parser read no range: a declaring line in the header, before the first §, still
        // declares ("Paragrafer §§ 41, 43" where a § follows the label).
        let first = m.paragraphs.iter().map(|p| p.line).min().unwrap_or(0);
        return all
            .into_iter()
            .find(|(line, _)| *line < first)
            .map(|(line, numbers)| Declared {
                numbers,
                line: Some(line),
            });
    };
    let line_with_lo = all
        .iter()
        .find(|(_, list)| list.contains(&lo))
        .map(|(line, _)| *line);
    let written = all
        .into_iter()
        .find(|(_, list)| list.first() == Some(&lo) && list.last() == Some(&hi));
    Some(match written {
        Some((line, numbers)) => Declared {
            numbers,
            line: Some(line),
        },
        None => Declared {
            numbers: (lo..=hi).collect(),
            line: line_with_lo,
        },
    })
}

/// The declaring labels, each with where its only `f` is (see [`find_ascii_ci`]).
const LABELS: [(&str, usize); 2] = [("paragraf", 7), ("omfattar", 2)];

/// Every line that declares § numbers after a label ("Paragrafer", "Paragraf", "Protokollet
/// omfattar"), with the numbers it declares.
fn declarations(m: &Meeting) -> impl Iterator<Item = (u32, Vec<u32>)> + '_ {
    // The lines' text is searched at once, and only a line where a label may start is read: a
    // search per line costs more than the line. (A label the join makes across two lines only
    // has its line read for nothing.)
    let joined = m.lines.joined().as_bytes();
    let mut holding: Vec<usize> = memchr::memchr2_iter(b'f', b'F', joined)
        .filter(|&f| {
            LABELS.iter().any(|&(label, f_at)| {
                f.checked_sub(f_at)
                    .and_then(|start| joined.get(start..start + label.len()))
                    .is_some_and(|w| w.eq_ignore_ascii_case(label.as_bytes()))
            })
        })
        .map(|f| m.lines.index_of(f))
        .collect();
    holding.dedup();
    holding.into_iter().filter_map(|i| {
        let l = m.lines.get(i)?;
        let rest = after_declaring_label(l.text)?;
        list(rest).map(|numbers| (l.number, numbers))
    })
}

/// The text after the first declaring label of a line, if it has one.
fn after_declaring_label(text: &str) -> Option<&str> {
    // Each label's `f`, found by memchr, anchors where the label would start: no lower-case
    // copy of every line, no searcher built per line.
    for (label, f_at) in LABELS {
        if let Some(at) = find_ascii_ci(text.as_bytes(), label.as_bytes(), f_at) {
            let rest = &text[at + label.len()..];
            // "Paragrafer", "Paragraf:", not "paragrafen förklaras …" (the word is skipped,
            // and what follows must then be a number list).
            let rest = rest.trim_start_matches(|c: char| c.is_ascii_alphabetic());
            return Some(rest);
        }
    }
    None
}

/// The first place where `needle` (lowercase ASCII, its only `f` at `f_at`) occurs in `hay`,
/// ASCII case ignored.
fn find_ascii_ci(hay: &[u8], needle: &[u8], f_at: usize) -> Option<usize> {
    memchr::memchr2_iter(b'f', b'F', hay).find_map(|f| {
        let start = f.checked_sub(f_at)?;
        hay.get(start..start + needle.len())
            .filter(|w| w.eq_ignore_ascii_case(needle))
            .map(|_| start)
    })
}

/// The numbers of a list like `: §§ 41, 43`, ` 15 - 28`, ` § 94 - § 106`, ` §§ 1–7, 9 och 11`
/// at the start of `s`, sorted and each once; `None` when no number starts it.
pub fn list(s: &str) -> Option<Vec<u32>> {
    let mut rest = s.trim_start_matches([':', ' ', '\t', '*']);
    let mut numbers = Vec::new();
    loop {
        let (n, after) = number(rest)?;
        rest = after.trim_start_matches([' ', '\t']);
        match rest.chars().next() {
            Some('-' | '–' | '—') => {
                let dash = rest.chars().next().map_or(1, char::len_utf8);
                let Some((to, after)) = number(&rest[dash..]) else {
                    numbers.push(n);
                    break;
                };
                // "2024-03-05" is a date, and a range that runs backwards or over thousands
                // of numbers a misread: neither declares anything.
                if to < n || to - n >= MAX_SPAN {
                    return None;
                }
                numbers.extend(n..=to);
                rest = after.trim_start_matches([' ', '\t']);
            }
            _ => numbers.push(n),
        }
        let Some(next) = [",", ";", "&", "och ", "samt "]
            .into_iter()
            .find_map(|sep| rest.strip_prefix(sep))
        else {
            break;
        };
        if number(next).is_none() {
            break;
        }
        rest = next;
    }
    numbers.sort_unstable();
    numbers.dedup();
    (!numbers.is_empty()).then_some(numbers)
}

/// A § number at the start of `s`, after spaces and `§` signs: the number and the rest.
fn number(s: &str) -> Option<(u32, &str)> {
    let s = s.trim_start_matches([' ', '\t', '§']);
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 4 {
        return None;
    }
    // "15.3" is a section number, "2024-03-05" a date: not a § list.
    let after = &s[digits..];
    if after.starts_with('.') && after[1..].starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    Some((s[..digits].parse().ok()?, after))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(label_line: &str) -> Option<Vec<u32>> {
        after_declaring_label(label_line).and_then(list)
    }

    #[test]
    fn sets_as_written() {
        assert_eq!(read("Paragrafer §§ 41, 43"), Some(vec![41, 43]));
        assert_eq!(
            read("Paragrafer: §§ 1–7, 9"),
            Some(vec![1, 2, 3, 4, 5, 6, 7, 9])
        );
        assert_eq!(
            read("Paragrafer § 8-14"),
            Some((8..=14).collect::<Vec<u32>>())
        );
        assert_eq!(
            read("Paragrafer 15 - 28"),
            Some((15..=28).collect::<Vec<u32>>())
        );
        assert_eq!(
            read("Sekreterare ............ Paragrafer 101–106"),
            Some((101..=106).collect::<Vec<u32>>())
        );
        assert_eq!(
            read("Protokollet omfattar § 94 - § 96"),
            Some(vec![94, 95, 96])
        );
        assert_eq!(read("Paragrafer 3, 5 och 7"), Some(vec![3, 5, 7]));
    }

    #[test]
    fn declarations_are_found_on_their_own_lines_only() {
        let mut m = Meeting::default();
        for (n, t) in [
            (1, "Protokoll para"),
            (2, "grafer 3-4 (a label only when the lines are joined)"),
            (4, "PARAGRAFER 41, 43"),
            (5, "Ingen här. Protokollet omfattar § 7"),
            (9, "paragrafen 5 och paragraf 6"),
        ] {
            let mut lines: Vec<crate::model::Line<'_>> = m.lines.iter().collect();
            lines.push(crate::model::Line { number: n, text: t });
            m.lines = lines.into_iter().collect();
        }
        let found: Vec<(u32, Vec<u32>)> = declarations(&m).collect();
        // Line 9 holds two labels; it is read once, from its first.
        assert_eq!(found, [(4, vec![41, 43]), (5, vec![7]), (9, vec![5])]);
    }

    #[test]
    fn prose_and_dates_declare_nothing() {
        assert_eq!(read("Paragrafen förklaras omedelbart justerad."), None);
        assert_eq!(read("Ingen paragraf här"), None);
        assert_eq!(read("Beslutsparagraf 2024-03-05"), None);
    }

    #[test]
    fn the_parser_range_is_kept_unless_the_line_agrees() {
        let (m, _) = crate::parse::parse(
            "Protokoll\n\nParagrafer §§ 41, 43\n\n§ 41 Ett\n\nText.\n\n§ 43 Tre\n\nText.\n",
            "x.txt",
        );
        let d = declared(&m).expect("a declaration");
        assert_eq!(d.numbers, vec![41, 43]);
        assert_eq!(d.line, Some(3));
        assert!(!d.contains(42));
    }
}
