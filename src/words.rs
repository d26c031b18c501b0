//! Words split at white space, as [`str::split_whitespace`] splits them, with ASCII bytes read
//! without decoding: names and labels are split word by word in every line of every protocol,
//! and the standard splitter decodes each character to ask whether it is white space.

/// Whether `s` is empty or only white space: `s.trim().is_empty()`, told at its first byte for
/// most lines.
pub fn is_blank(s: &str) -> bool {
    match s.as_bytes().first() {
        None => true,
        Some(&b) if b < 0x80 && b != b' ' && !(b'\t'..=b'\r').contains(&b) => false,
        _ => s.trim().is_empty(),
    }
}

/// The words of `s`: the same as `s.split_whitespace()`.
pub fn words(s: &str) -> Words<'_> {
    Words { rest: s }
}

/// The iterator of [`words`].
#[derive(Debug, Clone)]
pub struct Words<'a> {
    rest: &'a str,
}

/// The length of the white space character `s` starts with, or `None` when it starts with
/// something else (or nothing).
fn space_at_start(s: &str) -> Option<usize> {
    let &b = s.as_bytes().first()?;
    if b < 0x80 {
        return (b == b' ' || (b'\t'..=b'\r').contains(&b)).then_some(1);
    }
    let c = s.chars().next()?;
    c.is_whitespace().then(|| c.len_utf8())
}

/// The length of the white space character `s` ends with, or `None`.
fn space_at_end(s: &str) -> Option<usize> {
    let &b = s.as_bytes().last()?;
    if b < 0x80 {
        return (b == b' ' || (b'\t'..=b'\r').contains(&b)).then_some(1);
    }
    let c = s.chars().next_back()?;
    c.is_whitespace().then(|| c.len_utf8())
}

/// Where the first white space of `s` starts, or its length.
fn first_space(s: &str) -> usize {
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            if b == b' ' || (b'\t'..=b'\r').contains(&b) {
                return i;
            }
            i += 1;
        } else {
            let c = s[i..].chars().next().unwrap_or(' ');
            if c.is_whitespace() {
                return i;
            }
            i += c.len_utf8();
        }
    }
    bytes.len()
}

impl<'a> Iterator for Words<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        while let Some(n) = space_at_start(self.rest) {
            self.rest = &self.rest[n..];
        }
        if self.rest.is_empty() {
            return None;
        }
        let end = first_space(self.rest);
        let word = &self.rest[..end];
        self.rest = &self.rest[end..];
        Some(word)
    }
}

impl<'a> DoubleEndedIterator for Words<'a> {
    fn next_back(&mut self) -> Option<&'a str> {
        while let Some(n) = space_at_end(self.rest) {
            self.rest = &self.rest[..self.rest.len() - n];
        }
        if self.rest.is_empty() {
            return None;
        }
        let mut start = self.rest.len();
        while let Some(c) = self.rest[..start].chars().next_back() {
            if c.is_whitespace() {
                break;
            }
            start -= c.len_utf8();
        }
        let word = &self.rest[start..];
        self.rest = &self.rest[..start];
        Some(word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_split_as_split_whitespace_splits_them() {
        for s in [
            "",
            " ",
            "\u{3000}\t",
            "\x0b",
            "a",
            " Anna  Berg ",
            "Åsa\u{2003}Öhman\u{3000}(S)\t§ 5\r\n",
            "\u{85}x\u{a0}y\u{2028}",
            "ord–ord — ”citat”",
        ] {
            let ours: Vec<&str> = words(s).collect();
            let std: Vec<&str> = s.split_whitespace().collect();
            assert_eq!(ours, std, "{s:?}");
            let ours: Vec<&str> = words(s).rev().collect();
            let std: Vec<&str> = s.split_whitespace().rev().collect();
            assert_eq!(ours, std, "{s:?} backwards");
            assert_eq!(is_blank(s), s.trim().is_empty(), "{s:?} blank");
        }
    }
}
