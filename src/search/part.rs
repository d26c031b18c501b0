//! A meeting's units of search: its lines under their §, folded once.

use serde::{Deserialize, Serialize};

use super::Query;
use crate::model::{Meeting, SourceLine};
use crate::parse::Outline;
use crate::parse::scan::strip_md_in;

/// A unit of search: one § of one meeting (or the lines outside any §): where its lines are
/// in the meeting, and their text folded, the one copy the index keeps.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct Unit {
    pub(super) paragraph: Option<u32>,
    /// Each line's source line number and index in the meeting's `lines`.
    pub(super) lines: Vec<(u32, u32)>,
    /// All lines folded, white space runs as one space, joined by newlines.
    pub(super) folded: String,
    /// Start of each line in `folded`.
    pub(super) starts: Vec<u32>,
}

/// One meeting's units of search, as an [`Index`] keeps them: made once per meeting (by the
/// loader's threads, or read from the parse cache) and joined.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Part {
    pub(super) units: Vec<Unit>,
}

impl Part {
    /// Every line of `m`: § title and text lines under their §, all other lines (header,
    /// roster, signatures) under no §.
    pub fn of(m: &Meeting) -> Part {
        let outline = Outline::of(m);
        Part::from_bounds(
            m.lines.iter().map(|l| (l.number, l.text)),
            (outline.paragraphs, outline.last_text_line),
            (|_| true, |_| true),
        )
    }

    /// The lines of a parse's [`Outline`] that can hold a hit for `query`, as [`Part::of`]
    /// gives them for the meeting: it finds the same hits in it. `lines` are the cleaned
    /// lines the meeting's `lines` would hold.
    pub fn of_outline(lines: &[SourceLine], outline: &Outline, query: &Query) -> Part {
        Part::from_bounds(
            lines.iter().map(|l| (l.number, l.text.as_str())),
            (outline.paragraphs.clone(), outline.last_text_line),
            (
                |text| query.line_may_hold(text),
                |shown| query.shown_may_hold(shown),
            ),
        )
    }

    /// Lines (source number, text) that `keep` keeps, under the § of `bounds` (heading line,
    /// number) up to the last line of § text, the others under no §. `keep` is asked of the
    /// line as written, then of the line as shown (Markdown taken off).
    fn from_bounds<'a>(
        lines: impl Iterator<Item = (u32, &'a str)>,
        (mut bounds, last_text_line): (Vec<(u32, u32)>, u32),
        (keep_written, keep_shown): (impl Fn(&str) -> bool, impl Fn(&str) -> bool),
    ) -> Part {
        // § boundaries by source line: a line belongs to the last § heading at or before it.
        bounds.sort_unstable();
        let mut units: Vec<Unit> = Vec::new();
        // Each unit's folded text, made as bytes: valid UTF-8 by construction, checked once.
        let mut folded: Vec<Vec<u8>> = Vec::new();
        // Lines come in order, so a line's unit is nearly always the last one used.
        let mut current = usize::MAX;
        for (li, (number, text)) in lines.enumerate() {
            if !keep_written(text) {
                continue;
            }
            let shown = strip_md_in(text);
            if shown.is_empty() || !keep_shown(&shown) {
                continue;
            }
            let k = bounds.partition_point(|&(line, _)| line <= number);
            let para = (k > 0 && number <= last_text_line).then(|| bounds[k - 1].1);
            if units.get(current).is_none_or(|u| u.paragraph != para) {
                current = units
                    .iter()
                    .position(|u| u.paragraph == para)
                    .unwrap_or_else(|| {
                        units.push(Unit {
                            paragraph: para,
                            lines: Vec::new(),
                            folded: String::new(),
                            starts: Vec::new(),
                        });
                        folded.push(Vec::new());
                        units.len() - 1
                    });
            }
            let u = &mut units[current];
            let f = &mut folded[current];
            u.lines.push((number, li as u32));
            u.starts.push(f.len() as u32);
            push_folded(&shown, f);
            f.push(b'\n');
        }
        for (u, mut f) in units.iter_mut().zip(folded) {
            f.shrink_to_fit();
            u.folded = String::from_utf8(f)
                .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
        }
        Part { units }
    }
}

/// Appends `text` folded, runs of white space as one space and none at the ends (so a phrase
/// matches across the exporter's double spaces), in one pass and without a copy. ASCII, most of
/// the text, is lower-cased a byte at a time.
pub(super) fn push_folded(text: &str, folded: &mut Vec<u8>) {
    // Written in place into room made once: folding and joining spaces never lengthen ASCII,
    // and the rare character whose lower case is longer makes more room.
    let mut w = folded.len();
    folded.resize(w + text.len(), 0);
    let mut space = false;
    let mut started = false;
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        let b = bytes[at];
        if b < 0x80 {
            at += 1;
            let f = ASCII_FOLDED[usize::from(b)];
            if f == WHITE {
                space = started;
                continue;
            }
            if space {
                folded[w] = b' ';
                w += 1;
                space = false;
            }
            started = true;
            folded[w] = f;
            w += 1;
            continue;
        }
        let c = text[at..].chars().next().unwrap_or(' ');
        at += c.len_utf8();
        if c.is_whitespace() {
            space = started;
            continue;
        }
        let mut buf = [0u8; 4];
        let utf8 = crate::fold::fold_char(c).encode_utf8(&mut buf).as_bytes();
        // Room for this character and one byte for each byte left: a character whose fold is
        // longer than itself (Ⱥ, two bytes, to ⱥ, three) uses up room the rest counts on.
        let need = w + usize::from(space) + utf8.len() + (bytes.len() - at);
        if need > folded.len() {
            folded.resize(need, 0);
        }
        if space {
            folded[w] = b' ';
            w += 1;
            space = false;
        }
        started = true;
        folded[w..w + utf8.len()].copy_from_slice(utf8);
        w += utf8.len();
    }
    folded.truncate(w);
}

/// [`ASCII_FOLDED`]'s mark for white space (as `char::is_whitespace` has it): not ASCII.
const WHITE: u8 = 0xFF;

/// For each ASCII byte: itself in lower case, or [`WHITE`].
const ASCII_FOLDED: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = if matches!(c, b'\t'..=b'\r' | b' ') {
            WHITE
        } else {
            c.to_ascii_lowercase()
        };
        b += 1;
    }
    t
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_longer_than_their_characters_fit_before_the_rest_of_the_line() {
        // Ⱥ and Ⱦ (two bytes) fold to ⱥ and ⱦ (three): the room made for the line ran out.
        for text in ["Ⱥ## **§3 Rubrik**", "ȺȾȺ a  b c", "xȺ y"] {
            let mut folded = b"before\n".to_vec();
            push_folded(text, &mut folded);
            let expected: String = text
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .chars()
                .map(crate::fold::fold_char)
                .collect();
            assert_eq!(
                String::from_utf8(folded).unwrap(),
                format!("before\n{expected}")
            );
        }
    }
}
