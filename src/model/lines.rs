//! A protocol's cleaned lines, their text kept once.

use serde::{Deserialize, Serialize};

use super::SourceLine;

/// The cleaned lines of a protocol, their text kept once, one after another, with where each
/// ends and its source line: an archive of ten thousand protocols has two million lines, and a
/// string of its own for each cost more than the text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lines {
    text: String,
    /// Where each line ends in `text`.
    ends: Vec<u32>,
    numbers: Vec<u32>,
}

/// One of [`Lines`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line<'a> {
    /// The 1-based line of the source file.
    pub number: u32,
    pub text: &'a str,
}

impl Lines {
    pub fn len(&self) -> usize {
        self.numbers.len().min(self.ends.len())
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Line `i` (its place among the lines, from 0).
    pub fn get(&self, i: usize) -> Option<Line<'_>> {
        let start = if i == 0 { 0 } else { *self.ends.get(i - 1)? };
        let end = *self.ends.get(i)?;
        Some(Line {
            number: *self.numbers.get(i)?,
            // A range that is not one (a damaged cache entry) reads as an empty line.
            text: self.text.get(start as usize..end as usize).unwrap_or(""),
        })
    }

    /// Every line's text, one after another, with nothing between: for finding what few lines
    /// hold at once rather than line by line (see [`Lines::index_of`]).
    pub fn joined(&self) -> &str {
        &self.text
    }

    /// The place of the line that holds byte `offset` of [`Lines::joined`].
    pub fn index_of(&self, offset: usize) -> usize {
        self.ends.partition_point(|&e| e as usize <= offset)
    }

    pub fn iter(&self) -> LinesIter<'_> {
        LinesIter {
            lines: self,
            range: 0..self.len(),
        }
    }

    pub fn push(&mut self, number: u32, text: &str) {
        self.text.push_str(text);
        self.ends.push(self.text.len() as u32);
        self.numbers.push(number);
    }

    pub fn clear(&mut self) {
        *self = Lines::default();
    }

    /// The place of the first line for which `pred` is false, the lines being those for which
    /// it holds and then the others (as [`slice::partition_point`]).
    pub fn partition_point(&self, pred: impl Fn(Line<'_>) -> bool) -> usize {
        let (mut lo, mut hi) = (0, self.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if self.get(mid).is_some_and(&pred) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        lo
    }
}

/// The lines of [`Lines::iter`].
#[derive(Debug, Clone)]
pub struct LinesIter<'a> {
    lines: &'a Lines,
    range: std::ops::Range<usize>,
}

impl<'a> LinesIter<'a> {
    fn line(&self, i: usize) -> Line<'a> {
        self.lines.get(i).unwrap_or(Line {
            number: 0,
            text: "",
        })
    }
}

impl<'a> Iterator for LinesIter<'a> {
    type Item = Line<'a>;

    fn next(&mut self) -> Option<Line<'a>> {
        let i = self.range.next()?;
        Some(self.line(i))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.range.size_hint()
    }

    fn nth(&mut self, n: usize) -> Option<Line<'a>> {
        let i = self.range.nth(n)?;
        Some(self.line(i))
    }
}

impl DoubleEndedIterator for LinesIter<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        let i = self.range.next_back()?;
        Some(self.line(i))
    }
}

impl ExactSizeIterator for LinesIter<'_> {}

impl<'a> IntoIterator for &'a Lines {
    type Item = Line<'a>;
    type IntoIter = LinesIter<'a>;

    fn into_iter(self) -> LinesIter<'a> {
        self.iter()
    }
}

impl<'a> FromIterator<Line<'a>> for Lines {
    fn from_iter<I: IntoIterator<Item = Line<'a>>>(iter: I) -> Lines {
        let mut lines = Lines::default();
        for l in iter {
            lines.push(l.number, l.text);
        }
        lines
    }
}

impl From<Vec<SourceLine>> for Lines {
    fn from(lines: Vec<SourceLine>) -> Lines {
        let mut out = Lines {
            text: String::with_capacity(lines.iter().map(|l| l.text.len()).sum()),
            ends: Vec::with_capacity(lines.len()),
            numbers: Vec::with_capacity(lines.len()),
        };
        for l in &lines {
            out.push(l.number, &l.text);
        }
        out
    }
}

/// The lines of `text` as [`str::lines`] gives them (split at `\n`, a `\r` before it dropped,
/// no empty line after a last `\n`), found with `memchr`: the checks walk every line of every §, and the
/// standard splitter's search for each line end is slower than the line is long.
pub fn text_lines(text: &str) -> TextLines<'_> {
    TextLines { rest: text }
}

/// The iterator of [`text_lines`].
#[derive(Debug, Clone)]
pub struct TextLines<'a> {
    rest: &'a str,
}

impl<'a> Iterator for TextLines<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        if self.rest.is_empty() {
            return None;
        }
        let Some(at) = memchr::memchr(b'\n', self.rest.as_bytes()) else {
            return Some(std::mem::take(&mut self.rest));
        };
        let line = &self.rest[..at];
        self.rest = &self.rest[at + 1..];
        Some(line.strip_suffix('\r').unwrap_or(line))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_lines_are_the_standard_lines() {
        for text in [
            "",
            "\n",
            "\n\n",
            "a",
            "a\n",
            "a\r\nb",
            "a\r\n\r\nb\r\n",
            "a\rb\n",
            "\r",
            "\r\n",
            "Lövgren §\n\n  § 5 \r\nslut",
        ] {
            let ours: Vec<&str> = text_lines(text).collect();
            let std: Vec<&str> = text.lines().collect();
            assert_eq!(ours, std, "{text:?}");
        }
    }

    #[test]
    fn a_byte_of_the_joined_text_is_found_in_its_line() {
        let lines: Lines = [(1, "ab"), (2, ""), (5, "c"), (6, "de")]
            .into_iter()
            .map(|(number, text)| Line { number, text })
            .collect();
        assert_eq!(lines.joined(), "abcde");
        let at: Vec<usize> = (0..5).map(|o| lines.index_of(o)).collect();
        assert_eq!(at, [0, 0, 2, 3, 3]);
    }

    #[test]
    fn lines_come_back_as_they_were_given() {
        let given = vec![
            SourceLine {
                number: 1,
                text: "Protokoll".into(),
            },
            SourceLine {
                number: 3,
                text: String::new(),
            },
            SourceLine {
                number: 4,
                text: "§ 1 Öppnande – Åsa".into(),
            },
        ];
        let lines = Lines::from(given.clone());
        assert_eq!(lines.len(), 3);
        let back: Vec<(u32, &str)> = lines.iter().map(|l| (l.number, l.text)).collect();
        assert_eq!(back, [(1, "Protokoll"), (3, ""), (4, "§ 1 Öppnande – Åsa")]);
        assert_eq!(lines.iter().next_back().map(|l| l.number), Some(4));
        assert_eq!(lines.get(3), None);
        assert_eq!(lines.partition_point(|l| l.number < 4), 2);
        let again: Lines = lines.iter().collect();
        assert_eq!(again, lines);
    }

    #[test]
    fn a_damaged_line_reads_empty_and_never_panics() {
        // As a damaged cache entry could hold them: an end inside a character, ends going
        // back, more numbers than ends.
        let lines = Lines {
            text: "Åsa".into(),
            ends: vec![1, 4, 2],
            numbers: vec![1, 2, 3, 4],
        };
        assert_eq!(lines.len(), 3);
        let texts: Vec<&str> = lines.iter().map(|l| l.text).collect();
        assert_eq!(texts, ["", "", ""]);
    }
}
