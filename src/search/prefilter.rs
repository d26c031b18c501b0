//! The search's prefilter: what a file's text must hold to hold a hit, asked of the text as
//! read, before any parse, so that `protokoll search` without a cache parses only the files
//! that can match.

use memchr::memmem;

use super::{Term, parse_query};

/// What a file's text must hold to hold a hit, checked on the text as read, before any parse:
/// every word of the query (a phrase's words too), folded, with everything but letters and
/// digits left out of both the words and the text. Cleaning a text for the model removes or
/// inserts only such other characters (markers, spaces, hyphens at line ends, page furniture
/// between lines), so a file that fails this cannot match; one that passes is parsed and
/// searched as usual. Text with markup that cleaning removes with letters in it (HTML tags,
/// LaTeX commands) or ligatures it expands always passes.
#[derive(Debug, Clone)]
pub struct Prefilter {
    needles: Vec<String>,
    /// For each needle that has one, its rarest letter or digit that nothing but that ASCII
    /// byte (or its capital) folds to, with the capital: a text without either cannot hold the
    /// needle, which `memchr` tells at memory speed before any folding.
    rare: Vec<[u8; 2]>,
    /// For each needle of ASCII letters and digits: finders for it as written in lower case,
    /// capitalised and in capitals (see [`Prefilter::written`]).
    written: Vec<Option<[memmem::Finder<'static>; 3]>>,
}

/// Letters and digits from the rarest in Swedish minutes to the commonest, leaving out those
/// that a letter beyond ASCII folds to (å ä á… to a, é to e, ö to o, ü to u, í and İ to i, ç
/// to c, ñ to n, ý to y, the Kelvin sign to k).
const RARE_FIRST: &[u8] = b"qzxwjbfphvgmdlsrt9876543102";

/// The rarest letter or digit in `folded` that only one ASCII byte (and its capital) folds to,
/// with the capital: text without either cannot hold `folded`.
pub(super) fn rare_letter(folded: &[u8]) -> Option<[u8; 2]> {
    let b = *RARE_FIRST.iter().find(|&&b| folded.contains(&b))?;
    Some([b, b.to_ascii_uppercase()])
}

impl Prefilter {
    pub fn new(query: &str) -> Prefilter {
        let mut needles: Vec<String> = parse_query(query)
            .iter()
            .flat_map(|t| match t {
                Term::Word(w) | Term::Phrase(w) => {
                    w.split_whitespace().map(letters).collect::<Vec<_>>()
                }
            })
            .filter(|n| !n.is_empty())
            .collect();
        // The longest first: the rarest, most often the one that rules a file out.
        needles.sort_by_key(|n| std::cmp::Reverse(n.len()));
        needles.dedup();
        let rare = needles
            .iter()
            .filter_map(|n| rare_letter(n.as_bytes()))
            .collect();
        let written = needles
            .iter()
            .map(|n| {
                n.is_ascii().then(|| {
                    let lower = n.as_bytes();
                    let mut capital = lower.to_vec();
                    capital[0].make_ascii_uppercase();
                    [
                        memmem::Finder::new(lower).into_owned(),
                        memmem::Finder::new(&capital).into_owned(),
                        memmem::Finder::new(&lower.to_ascii_uppercase()).into_owned(),
                    ]
                })
            })
            .collect();
        Prefilter {
            needles,
            rare,
            written,
        }
    }

    /// Whether every needle occurs in `text` as it is, capitalised or in capitals. The ASCII
    /// letters and digits of a needle each fold to themselves and are kept, so the folded
    /// letters of `text` then hold it too.
    fn written(&self, text: &[u8]) -> bool {
        self.written.iter().all(|w| {
            w.as_ref()
                .is_some_and(|fs| fs.iter().any(|f| f.find(text).is_some()))
        })
    }

    /// Whether `text` (a whole file, decoded) may hold a hit.
    pub fn may_match(&self, text: &str) -> bool {
        let bytes = text.as_bytes();
        if self.needles.is_empty()
            || memchr::memchr3(b'<', b'\\', 0xEF, bytes).is_some()
            || memchr::memchr(0x1B, bytes).is_some()
        {
            // 0xEF leads the UTF-8 of U+F000–U+FFFF: ligatures (U+FB00…) and other
            // presentation forms that cleaning may rewrite. An escape sequence ("\x1b[1m")
            // is dropped whole by cleaning, letters and digits with it.
            return true;
        }
        if self
            .rare
            .iter()
            .any(|&[a, b]| memchr::memchr2(a, b, text.as_bytes()).is_none())
        {
            return false;
        }
        // A needle found as written (lower case, capitalised or in capitals) is in the folded
        // letters too: a common word is found near the start, and nothing is folded.
        if self.written(bytes) {
            return true;
        }
        thread_local! {
            static HAY: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
        }
        HAY.with_borrow_mut(|hay| {
            letters_into(text, hay);
            self.needles
                .iter()
                .all(|n| memmem::find(hay, n.as_bytes()).is_some())
        })
    }
}

/// `s` folded, letters and digits only.
fn letters(s: &str) -> String {
    let mut out = Vec::new();
    letters_into(s, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// For each ASCII byte: itself in lower case when a letter or digit, else 0.
const ASCII_LETTERS: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() {
            t[b] = c.to_ascii_lowercase();
        }
        b += 1;
    }
    t
};

/// `s` folded, letters and digits only, as UTF-8 into `out`. ASCII, most of a Swedish text,
/// goes byte by byte through a table, without branching on what it keeps.
fn letters_into(text: &str, out: &mut Vec<u8>) {
    out.clear();
    // Folding keeps a character's length or shortens it (ä, two bytes, to a); the rare lower
    // case that is longer grows the buffer.
    out.resize(text.len(), 0);
    let bytes = text.as_bytes();
    let mut kept = 0;
    let mut at = 0;
    while at < bytes.len() {
        let byte = bytes[at];
        if byte < 0x80 {
            let lower = ASCII_LETTERS[usize::from(byte)];
            out[kept] = lower;
            kept += usize::from(lower != 0);
            at += 1;
        } else {
            let c = text[at..].chars().next().unwrap_or(' ');
            let folded = crate::fold::fold_char(c);
            // Invisible letters (Hangul fillers) and combining marks beyond a cap are dropped
            // by cleaning: left out here on both sides, so they neither hide nor make a match.
            if folded.is_alphanumeric()
                && !crate::show::is_invisible(c)
                && !crate::show::is_combining(c)
            {
                let mut buf = [0u8; 4];
                let utf8 = folded.encode_utf8(&mut buf).as_bytes();
                // Room for this character and one byte for each byte after it: a character
                // whose fold is longer than itself uses up room the rest counts on.
                let need = kept + utf8.len() + (bytes.len() - at - c.len_utf8());
                if need > out.len() {
                    out.resize(need, 0);
                }
                out[kept..kept + utf8.len()].copy_from_slice(utf8);
                kept += utf8.len();
            }
            at += c.len_utf8();
        }
    }
    out.truncate(kept);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rare_letter_missing_rules_a_text_out_before_folding() {
        let f = Prefilter::new("Zetterberg");
        assert_eq!(f.rare, [[b'z', b'Z']]);
        assert!(f.may_match("Anna ZETTERBERG (S)"));
        assert!(f.may_match("zet-\nterberg"));
        assert!(!f.may_match("Anna Setterberg (S)"));
        // Letters that a letter beyond ASCII folds to are never the rare one.
        let f = Prefilter::new("åka");
        assert!(f.rare.is_empty());
        assert!(f.may_match("ÅKA"));
        assert!(Prefilter::new("\u{212A}").rare.is_empty());
    }

    #[test]
    fn what_cleaning_drops_neither_hides_nor_makes_a_match() {
        let f = Prefilter::new("Zetterberg");
        // An escape sequence's letters are dropped with it; invisible letters and combining
        // marks (U+0345 is a letter) are dropped by cleaning.
        assert!(f.may_match("Anna Zet\x1b[1mterberg"));
        assert!(f.may_match("Anna Zet\u{3164}terberg"));
        assert!(f.may_match("Anna Zet\u{115F}\u{1160}terberg"));
        assert!(f.may_match("Anna Zet\u{345}\u{345}\u{345}terberg"));
        assert!(!f.may_match("Anna Zet\u{3164}berg"));
    }

    #[test]
    fn letters_are_kept_folded_whatever_the_run_of_ascii() {
        let texts = [
            "Protokoll fört vid sammanträde med kommunstyrelsen 2024-03-05, § 12–14.",
            "ÅÄÖ åäö Ünal Ørsted İ\u{212A} ﬁ—a-b_c\td\u{a0}e",
            "",
            "1234567",
            "abcdefgh",
            "abcdefghå",
            "åabcdefghijklmnopqrstuvwxyzABCDEFGHIJ.,;:!?()[] 0123456789ö",
            // Folds longer than the character (two bytes to three) before a run of ASCII.
            "ȺȾȺ abcdef",
        ];
        for text in texts {
            // One character at a time, as the prefilter is defined.
            let expected: String = text
                .chars()
                .filter(|&c| !crate::show::is_invisible(c) && !crate::show::is_combining(c))
                .map(crate::fold::fold_char)
                .filter(|c| c.is_alphanumeric())
                .collect();
            let mut out = Vec::new();
            letters_into(text, &mut out);
            assert_eq!(String::from_utf8(out).unwrap(), expected, "{text}");
        }
    }
}
