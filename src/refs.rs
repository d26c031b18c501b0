//! Cross-references in the text of a §: `§ 24`, `se § 30`, `§§ 18, 19, 26`, `se mer i § 30`,
//! and references to another meeting by date, `beslut 2025-05-09 § 16`. Each number written is
//! one reference, with its byte range in the text, so a reader can follow any of them.

use crate::date::{self, Date};

/// One reference: the § number, where it is written, and the date of the meeting it points to
/// when the text names one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ref {
    pub start: usize,
    pub end: usize,
    pub number: u32,
    pub date: Option<Date>,
}

fn is_space(c: char) -> bool {
    c == ' ' || c == '\u{a0}'
}

/// Every reference in `text`, in order.
pub fn scan(text: &str) -> Vec<Ref> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(pos) = text[from..].find('§') {
        let start = from + pos;
        let mut i = start + '§'.len_utf8();
        if text[i..].starts_with('§') {
            i += '§'.len_utf8();
        }
        from = i;
        // A date shortly before the § names another meeting ("beslut 2025-05-09 § 16").
        let window_start = text[..start]
            .char_indices()
            .rev()
            .nth(30)
            .map_or(0, |(k, _)| k);
        let date = date::find_dates(&text[window_start..start])
            .last()
            .map(|f| f.date);
        let mut first = true;
        loop {
            let rest = &text[i..];
            let skipped = rest.len() - rest.trim_start_matches(is_space).len();
            let digits: String = rest[skipped..]
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            if digits.is_empty() || digits.len() > 4 {
                break;
            }
            let num_start = i + skipped;
            let num_end = num_start + digits.len();
            // A number glued to letters ("§ 12a", "§ 3kap") is not a plain reference.
            if text[num_end..].starts_with(|c: char| c.is_alphabetic()) {
                break;
            }
            if let Ok(number) = digits.parse() {
                out.push(Ref {
                    start: if first { start } else { num_start },
                    end: num_end,
                    number,
                    date,
                });
            }
            first = false;
            i = num_end;
            // Lists and ranges go on: "18, 19 och 26", "15-19".
            let after = &text[i..];
            let sep = after
                .char_indices()
                .find(|&(_, c)| !(is_space(c) || matches!(c, ',' | '-' | '–')))
                .map_or(after.len(), |(k, _)| k);
            let joined = after[..sep].trim_matches(is_space);
            if !joined.is_empty() && matches!(joined, "," | "-" | "–") {
                i += sep;
                continue;
            }
            if after.trim_start_matches(is_space).starts_with("och ") {
                i += after.find("och ").map_or(0, |k| k + 4);
                continue;
            }
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbers(text: &str) -> Vec<u32> {
        scan(text).iter().map(|r| r.number).collect()
    }

    #[test]
    fn every_form_is_read() {
        assert_eq!(numbers("Se § 24."), [24]);
        assert_eq!(numbers("se mer i § 30."), [30]);
        assert_eq!(numbers("§§ 18, 19, 26 och 28"), [18, 19, 26, 28]);
        assert_eq!(numbers("enligt §§ 15-19"), [15, 19]);
        assert_eq!(numbers("§12a och § 3kap"), Vec::<u32>::new());
        let r = scan("utifrån styrelsens beslut 2025-05-09 § 16.");
        assert_eq!(
            (r[0].number, r[0].date.map(|d| d.to_string())),
            (16, Some("2025-05-09".into()))
        );
        assert_eq!(scan("se § 30")[0].date, None);
    }

    #[test]
    fn ranges_cover_what_is_written() {
        let text = "se §§ 18, 19";
        let r = scan(text);
        assert_eq!(&text[r[0].start..r[0].end], "§§ 18");
        assert_eq!(&text[r[1].start..r[1].end], "19");
        let text = "se\u{a0}§\u{a0}24";
        assert_eq!(&text[scan(text)[0].start..scan(text)[0].end], "§\u{a0}24");
    }
}
