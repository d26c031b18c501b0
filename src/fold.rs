//! Folding text for matching: lower case and no diacritics, one character for one character,
//! so that "lovgren" finds "Lövgren" and a match found in the folded text maps back to the same
//! character positions in the text as written.
//!
//! Lower case as Unicode defines it ([`str::to_lowercase`]) does not keep byte lengths: KELVIN
//! SIGN `K` (3 bytes) becomes `k` (1), `İ` (2) becomes `i̇` (3), and so do `Ω` (U+2126), `Å`
//! (U+212B) and `ẞ` (U+1E9E). A byte offset found in a lowercased copy therefore does not point
//! into the text as written, and slicing the original with it cuts a character in two (a panic)
//! or in the wrong place. [`Lowered`] is the one way to find words case-insensitively and get
//! offsets into the original back.

/// One character folded: lower case, diacritics removed (å ä → a, ö ø → o, é è → e, ü → u …).
pub fn fold_char(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    // Latin-1 capitals (À–Þ but ×) are their small letter less 32: no table lookup for them.
    let lower = if ('À'..='Þ').contains(&c) && c != '×' {
        char::from_u32(u32::from(c) + 32).unwrap_or(c)
    } else if ('ß'..='ÿ').contains(&c) || c == '\u{a0}' {
        // Latin-1 small letters (å ä ö) are their own lower case.
        c
    } else {
        c.to_lowercase().next().unwrap_or(c)
    };
    match lower {
        'å' | 'ä' | 'á' | 'à' | 'â' | 'ã' | 'æ' => 'a',
        'ö' | 'ø' | 'ó' | 'ò' | 'ô' | 'õ' => 'o',
        'é' | 'è' | 'ê' | 'ë' => 'e',
        'ü' | 'ú' | 'ù' | 'û' => 'u',
        'í' | 'ì' | 'î' | 'ï' => 'i',
        'ç' => 'c',
        'ñ' => 'n',
        'ý' | 'ÿ' => 'y',
        '\u{a0}' => ' ',
        '–' | '—' => '-',
        other => other,
    }
}

/// A string folded character by character: `fold(s).chars().count() == s.chars().count()`.
pub fn fold(s: &str) -> String {
    s.chars().map(fold_char).collect()
}

/// Whether `a` and `b` both start with an ASCII character and these differ, case aside: then
/// their lower cases differ at once, and most pairs of names are told apart without decoding.
pub fn ascii_starts_differ(a: &str, b: &str) -> bool {
    match (a.as_bytes().first(), b.as_bytes().first()) {
        (Some(x), Some(y)) => x.is_ascii() && y.is_ascii() && !x.eq_ignore_ascii_case(y),
        _ => false,
    }
}

/// Whether `a.to_lowercase() == b.to_lowercase()`, without making either.
pub fn same_lowercase(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    if ascii_starts_differ(a, b) {
        return false;
    }
    if a.is_ascii() && b.is_ascii() {
        return a.eq_ignore_ascii_case(b);
    }
    // Capital sigma is the one character whose lower case depends on its neighbours (a final
    // `ς`); every other lowercases alone, as `char::to_lowercase` does.
    if a.contains('Σ') || b.contains('Σ') {
        return a.to_lowercase() == b.to_lowercase();
    }
    a.chars()
        .flat_map(char::to_lowercase)
        .eq(b.chars().flat_map(char::to_lowercase))
}

/// `word` in lower case, written into `buf`, for comparing with short lowercase words without
/// allocating; `None` when it does not fit (it then equals no word that fits).
///
/// The same as [`str::to_lowercase`] for every comparison with a word that holds no `σ` or `ς`:
/// capital sigma is the one character lowercased by its neighbours, and either way it becomes
/// one of those two.
pub fn lower_in<'b>(word: &str, buf: &'b mut [u8; 16]) -> Option<&'b str> {
    if word.len() > 4 * buf.len() {
        // Each character lowercases to one at least, of at most four bytes.
        return None;
    }
    if word.len() <= buf.len() && word.is_ascii() {
        let out = &mut buf[..word.len()];
        out.copy_from_slice(word.as_bytes());
        out.make_ascii_lowercase();
        return std::str::from_utf8(out).ok();
    }
    let mut n = 0;
    for c in word.chars().flat_map(char::to_lowercase) {
        let end = n + c.len_utf8();
        c.encode_utf8(buf.get_mut(n..end)?);
        n = end;
    }
    std::str::from_utf8(&buf[..n]).ok()
}

/// A name as an identity key: folded, words separated by single spaces.
pub fn key(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for w in name.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        if w.is_ascii() {
            let from = out.len();
            out.push_str(w);
            out[from..].make_ascii_lowercase();
        } else {
            out.extend(w.chars().map(fold_char));
        }
    }
    out
}

/// A text lowercased as [`str::to_lowercase`] lowercases it, remembering where each of its bytes
/// came from, so that what is found in the lowercased text can slice the original.
///
/// Most text keeps its length character by character when lowercased; then no map is kept and
/// offsets are the same in both.
#[derive(Debug, Clone)]
pub struct Lowered<'a> {
    original: &'a str,
    lower: String,
    /// For each byte of `lower`, the offset in `original` of the character it came from; `None`
    /// while every character kept its length (offsets are then equal).
    map: Option<Vec<u32>>,
}

impl<'a> Lowered<'a> {
    /// `s` lowercased, with the way back.
    pub fn new(s: &'a str) -> Lowered<'a> {
        let mut lower = String::with_capacity(s.len());
        let mut map: Option<Vec<u32>> = None;
        for (i, c) in s.char_indices() {
            let before = lower.len();
            if c.is_ascii() {
                lower.push(c.to_ascii_lowercase());
            } else {
                lower.extend(c.to_lowercase());
            }
            let grown = lower.len() - before;
            if map.is_none() && grown != c.len_utf8() {
                // The first character that changed length: every byte before it maps to itself.
                map = Some((0..before as u32).collect());
            }
            if let Some(m) = map.as_mut() {
                m.extend(std::iter::repeat_n(i as u32, grown));
            }
        }
        Lowered {
            original: s,
            lower,
            map,
        }
    }

    /// The lowercased text, for tests that need no offsets (`contains`, `starts_with`).
    pub fn as_str(&self) -> &str {
        &self.lower
    }

    /// The text as written.
    pub fn original(&self) -> &'a str {
        self.original
    }

    /// Where the character holding byte `at` of the lowercased text starts in the original;
    /// the original's end for the lowercased text's end.
    pub fn start(&self, at: usize) -> usize {
        match &self.map {
            None => at.min(self.original.len()),
            Some(m) => m.get(at).map_or(self.original.len(), |&i| i as usize),
        }
    }

    /// Where a match ending at byte `at` of the lowercased text ends in the original: after the
    /// character its last byte came from.
    pub fn end(&self, at: usize) -> usize {
        match &self.map {
            None => at.min(self.original.len()),
            Some(_) if at == 0 => 0,
            Some(m) => {
                let from = m.get(at - 1).map_or(self.original.len(), |&i| i as usize);
                from + self.original[from..]
                    .chars()
                    .next()
                    .map_or(0, char::len_utf8)
            }
        }
    }

    /// The first occurrence of `needle` (lowercase) at or after byte `from` of the original, as
    /// a range of the original.
    pub fn find_from(&self, from: usize, needle: &str) -> Option<std::ops::Range<usize>> {
        let lower_from = match &self.map {
            None => from,
            Some(m) => m.partition_point(|&i| (i as usize) < from),
        };
        let at = lower_from + self.lower.get(lower_from..)?.find(needle)?;
        Some(self.start(at)..self.end(at + needle.len()))
    }

    /// The first occurrence of `needle` (lowercase), as a range of the original.
    pub fn find(&self, needle: &str) -> Option<std::ops::Range<usize>> {
        self.find_from(0, needle)
    }

    /// The last occurrence of `needle` (lowercase) ending at or before byte `to` of the
    /// original, as a range of the original.
    pub fn rfind_before(&self, to: usize, needle: &str) -> Option<std::ops::Range<usize>> {
        let lower_to = match &self.map {
            None => to.min(self.lower.len()),
            Some(m) => m.partition_point(|&i| (i as usize) < to),
        };
        let at = self.lower.get(..lower_to)?.rfind(needle)?;
        Some(self.start(at)..self.end(at + needle.len()))
    }
}

/// A key that sorts as a Swedish dictionary: case ignored, `å` `ä` `ö` after `z` in that order
/// (`æ` as `ä`, `ø` as `ö`, `ü` as `y`), other accents as their letter (`é` as `e`). Only for
/// ordering: "Åberg" comes after "Zetterlund", not beside "Aberg".
pub fn swedish_key(s: &str) -> String {
    s.chars()
        .map(|c| {
            let lower = c.to_lowercase().next().unwrap_or(c);
            match lower {
                // The three characters after `z` in ASCII, in the Swedish order.
                'å' => '{',
                'ä' | 'æ' => '|',
                'ö' | 'ø' => '}',
                'ü' => 'y',
                other => fold_char(other),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_lowercase_agrees_with_to_lowercase() {
        let words = [
            "Öberg",
            "ÖBERG",
            "öberg",
            "Oberg",
            "\u{212A}arl",
            "Karl",
            "karl",
            "\u{0130}da",
            "i\u{307}da",
            "ΟΔΟΣ",
            "οδος",
            "οδός",
            "οδοσ",
            "ΣΑΣ",
            "σας",
            "",
            "ẞ",
            "ß",
            "ss",
        ];
        for a in words {
            for b in words {
                assert_eq!(
                    same_lowercase(a, b),
                    a.to_lowercase() == b.to_lowercase(),
                    "{a:?} {b:?}"
                );
            }
        }
    }

    #[test]
    fn lower_in_agrees_with_to_lowercase() {
        let mut buf = [0; 16];
        for w in [
            "MÅNDAG",
            "Måndagen",
            "\u{212A}ap",
            "\u{0130}DAG",
            "JANUARI,",
        ] {
            assert_eq!(
                lower_in(w, &mut buf),
                Some(w.to_lowercase().as_str()),
                "{w}"
            );
        }
        assert_eq!(lower_in("Kommunfullmäktige", &mut buf), None);
        assert_eq!(
            lower_in("Kommunstyrelsen", &mut buf),
            Some("kommunstyrelsen")
        );
    }

    #[test]
    fn folds_swedish_letters_one_for_one() {
        assert_eq!(fold("Erik Lövgren"), "erik lovgren");
        assert_eq!(fold("ÅSA ÖBERG"), "asa oberg");
        assert_eq!(fold("Utjämning – René"), "utjamning - rene");
        let s = "Åke Ärlig-Öst";
        assert_eq!(fold(s).chars().count(), s.chars().count());
        assert_eq!(key("  Erik   Lövgren "), "erik lovgren");
    }

    /// Characters whose lowercase has another length in UTF-8 than they have.
    const LENGTH_CHANGING: [char; 5] = ['\u{212A}', '\u{0130}', '\u{2126}', '\u{212B}', '\u{1E9E}'];

    #[test]
    fn lowered_offsets_point_into_the_original() {
        for c in LENGTH_CHANGING {
            let s = format!("Anna Berg (S) {c}ja röstar JA = förslaget{c}, nej = {c}");
            let l = Lowered::new(&s);
            let ja = l.find("ja =").unwrap();
            assert_eq!(&s[ja.clone()], "JA =", "{c:?}");
            let nej = l.find_from(ja.end, "nej =").unwrap();
            assert_eq!(&s[nej.clone()], "nej =");
            assert_eq!(
                &s[ja.end..nej.start],
                " förslaget".to_owned() + &c.to_string() + ", "
            );
            let r = l.rfind_before(nej.start, "ja").unwrap();
            assert_eq!(&s[r], "JA");
            // A match ending inside what one character became ends after that character.
            if c == '\u{0130}' {
                let i = l.find("i").unwrap();
                assert_eq!(&s[i], "\u{0130}");
            }
        }
        let plain = Lowered::new("Styrelsen BESLUTAR");
        assert_eq!(plain.find("beslutar"), Some(10..18));
        assert!(plain.map.is_none());
    }

    #[test]
    fn swedish_order_puts_a_ring_a_umlaut_o_umlaut_after_z() {
        let mut names = [
            "Öberg",
            "Åberg",
            "Zetterlund",
            "Aberg",
            "Äng",
            "Ericsson",
            "Éder",
        ];
        names.sort_by_key(|n| swedish_key(n));
        assert_eq!(
            names,
            [
                "Aberg",
                "Éder",
                "Ericsson",
                "Zetterlund",
                "Åberg",
                "Äng",
                "Öberg"
            ]
        );
    }
}
