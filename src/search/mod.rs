//! Full-text search over the library: titles, text and decisions of every §, and the lines
//! outside any § (header, roster).
//!
//! A query is words and "quoted phrases". Words match case- and diacritic-insensitively
//! ("utjamning" finds "utjämning"); a phrase matches its words in that order, case-insensitively
//! but with the letters as written. Every word and phrase must occur somewhere in the § (or in
//! the lines outside any §); then each line of it that holds one of them is a hit. The index
//! keeps every line folded once, so a search is a scan with SIMD substring finders.

mod part;
mod prefilter;
mod word;

use memchr::memmem;
use serde::Serialize;

use crate::fold::{Lowered, fold};
use std::borrow::Borrow;

use crate::model::{Library, Meeting};
use crate::parse::scan::strip_md;
pub use part::Part;
use part::{Unit, push_folded};
pub use prefilter::Prefilter;
use word::Word;

/// One matching line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Hit {
    pub meeting: String,
    pub paragraph: Option<u32>,
    pub line: u32,
    pub text: String,
    /// Index of the meeting in the library; not part of the contract.
    #[serde(skip)]
    pub meeting_index: usize,
}

/// A part of a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Term {
    /// A word: folded, matched anywhere.
    Word(String),
    /// A quoted phrase: lower case, diacritics as written.
    Phrase(String),
}

/// Splits a query into words and quoted phrases. An unclosed quote runs to the end.
pub fn parse_query(q: &str) -> Vec<Term> {
    let mut out = Vec::new();
    let mut rest = q;
    while let Some(start) = rest.find(['"', '”', '“']) {
        out.extend(words(&rest[..start]));
        let after = &rest[start + rest[start..].chars().next().map_or(1, char::len_utf8)..];
        let end = after.find(['"', '”', '“']).unwrap_or(after.len());
        let phrase = after[..end]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        if !phrase.is_empty() {
            out.push(Term::Phrase(phrase));
        }
        rest = after.get(end..).map_or("", |r| {
            r.get(r.chars().next().map_or(0, char::len_utf8)..)
                .unwrap_or("")
        });
    }
    out.extend(words(rest));
    out
}

fn words(s: &str) -> impl Iterator<Item = Term> + '_ {
    s.split_whitespace().map(|w| Term::Word(fold(w)))
}

/// The search index of a library, built once. It keeps one folded copy of the text, in each
/// meeting's [`Part`], and finds the lines as written in the meetings it was built from, which
/// every search is given.
pub struct Index {
    parts: Vec<Part>,
    ids: Vec<String>,
}

impl Index {
    /// Indexes every line of every meeting (see [`Part::of`]).
    pub fn new(library: &Library) -> Index {
        Index::of(&library.meetings)
    }

    /// As [`Index::new`], for these meetings (numbered from 0 in `Hit::meeting_index`).
    pub fn of<M: Borrow<Meeting>>(meetings: &[M]) -> Index {
        Index::join(
            meetings.iter().map(|m| Part::of(m.borrow())).collect(),
            meetings.iter().map(|m| m.borrow().id.clone()).collect(),
        )
    }

    /// The parts of meetings joined in library order: meeting `i` is that of `parts[i]`,
    /// named `ids[i]`.
    pub fn join(parts: Vec<Part>, ids: Vec<String>) -> Index {
        Index { parts, ids }
    }

    /// The parts, in the order of the meetings, for an index of a changed library to take
    /// those of the meetings that did not change.
    pub fn into_parts(self) -> Vec<Part> {
        self.parts
    }

    /// Every hit for `query` in `meetings` (those the index was built from, in the same
    /// order), in library order (meeting, then § and line).
    pub fn search<M: Borrow<Meeting>>(&self, meetings: &[M], query: &str) -> Vec<Hit> {
        self.search_with(meetings, &Query::new(query))
    }

    /// [`Index::search`] with a query made ready.
    pub fn search_with<M: Borrow<Meeting>>(&self, meetings: &[M], query: &Query) -> Vec<Hit> {
        let mut hits = Vec::new();
        for (mi, (part, m)) in self.parts.iter().zip(meetings).enumerate() {
            let m = m.borrow();
            let line = |li: u32| m.lines.get(li as usize).map(|l| l.text);
            query.part_hits(part, (mi, &self.ids[mi]), line, &mut hits);
        }
        hits.sort_by(|a, b| {
            a.meeting_index
                .cmp(&b.meeting_index)
                .then(a.line.cmp(&b.line))
        });
        hits
    }
}

/// A query made ready to search with: its terms, their finders and its [`Prefilter`].
pub struct Query {
    terms: Vec<Term>,
    /// Every term folded, for the folded text: a phrase's folded form must occur there too.
    folded: Vec<memmem::Finder<'static>>,
    /// A phrase's finder for the lower-cased line, where the term is a phrase.
    phrases: Vec<Option<memmem::Finder<'static>>>,
    prefilter: Prefilter,
    /// For each term, a letter or digit it holds that only that ASCII byte (or its capital)
    /// folds to; `None` when some term has none.
    rare: Option<Vec<[u8; 2]>>,
    /// The query's one word, when it is one word with such a letter.
    word: Option<Word>,
}

impl Query {
    pub fn new(query: &str) -> Query {
        let terms = parse_query(query);
        let folded: Vec<memmem::Finder<'static>> = terms
            .iter()
            .map(|t| match t {
                Term::Word(w) => memmem::Finder::new(w.as_bytes()).into_owned(),
                Term::Phrase(p) => {
                    let mut f = Vec::new();
                    push_folded(p, &mut f);
                    memmem::Finder::new(&f).into_owned()
                }
            })
            .collect();
        let phrases = terms
            .iter()
            .map(|t| match t {
                Term::Word(_) => None,
                Term::Phrase(p) => Some(memmem::Finder::new(p.as_bytes()).into_owned()),
            })
            .collect();
        let rare = folded
            .iter()
            .map(|f| prefilter::rare_letter(f.needle()))
            .collect();
        Query {
            word: Word::new(&terms),
            terms,
            folded,
            phrases,
            prefilter: Prefilter::new(query),
            rare,
        }
    }

    /// Whether one line as shown (Markdown taken off) may hold a term, or count towards its §
    /// holding every term. For a query of one word this is exact: a line without the word
    /// holds no hit and changes no §'s, and is left out unfolded.
    pub fn shown_may_hold(&self, shown: &str) -> bool {
        self.word.as_ref().is_none_or(|w| w.in_line(shown))
    }

    /// Whether one cleaned line may hold a term, or count towards its § holding every term:
    /// it has the rare letter of some term (see [`Query::rare`]). A line that has none can
    /// be left out of a [`Part`] without changing its hits.
    pub fn line_may_hold(&self, line: &str) -> bool {
        self.rare.as_ref().is_none_or(|rare| {
            rare.iter()
                .any(|&[a, b]| memchr::memchr2(a, b, line.as_bytes()).is_some())
        })
    }

    /// Whether a file's text, as decoded, may hold a hit (see [`Prefilter`]).
    pub fn may_match(&self, text: &str) -> bool {
        self.prefilter.may_match(text)
    }

    /// Whether `bytes` may hold a hit: every term, folded, is in them. Asked of a meeting's
    /// [`Part`] as the parse cache stores it, whose folded text is there as it is, so a
    /// meeting without a hit is passed over without reading its part.
    pub fn may_hold(&self, bytes: &[u8]) -> bool {
        !self.terms.is_empty() && self.folded.iter().all(|f| f.find(bytes).is_some())
    }

    /// The hits in one meeting, as [`Index::search`] finds them; `meeting` is left empty for
    /// the caller, who knows the meeting's id.
    pub fn in_meeting(&self, m: &Meeting) -> Vec<Hit> {
        self.in_part(&Part::of(m), |li| m.lines.get(li as usize).map(|l| l.text))
    }

    /// The hits in one meeting's part, in order of § and line, `line(i)` giving the text of
    /// the meeting's line `i`; `meeting` is left empty for the caller, who knows the meeting's
    /// id.
    pub fn in_part<'a>(&self, part: &Part, line: impl Fn(u32) -> Option<&'a str>) -> Vec<Hit> {
        let mut hits = Vec::new();
        self.part_hits(part, (0, ""), line, &mut hits);
        hits.sort_by_key(|h| h.line);
        hits
    }

    /// Pushes the hits in `part`, of the meeting at `index` named `id`, unit by unit.
    fn part_hits<'a>(
        &self,
        part: &Part,
        (index, id): (usize, &str),
        line: impl Fn(u32) -> Option<&'a str>,
        hits: &mut Vec<Hit>,
    ) {
        for u in &part.units {
            let text_of = |li: u32| line(li).map_or_else(String::new, strip_md);
            self.unit(u, text_of, |number, text| {
                hits.push(Hit {
                    meeting: id.to_owned(),
                    paragraph: u.paragraph,
                    line: number,
                    text,
                    meeting_index: index,
                });
            });
        }
    }

    /// Calls `hit` with the line number and text of each line of `u` that matches, when the
    /// unit as a whole holds every term; `text_of(li)` is line `li` of its meeting as shown.
    fn unit(&self, u: &Unit, text_of: impl Fn(u32) -> String, mut hit: impl FnMut(u32, String)) {
        if self.terms.is_empty()
            || !self
                .folded
                .iter()
                .all(|f| f.find(u.folded.as_bytes()).is_some())
        {
            return;
        }
        // Lower case only where a phrase is asked for, and only for this unit.
        let lower: Vec<String> = if self.phrases.iter().any(Option::is_some) {
            u.lines
                .iter()
                .map(|&(_, li)| lower_normal(&text_of(li)))
                .collect()
        } else {
            Vec::new()
        };
        // A phrase must be in the unit as lower case, not only folded (a phrase never spans
        // lines).
        let all_phrases = self
            .phrases
            .iter()
            .flatten()
            .all(|p| lower.iter().any(|l| p.find(l.as_bytes()).is_some()));
        if !all_phrases {
            return;
        }
        for (k, &(number, li)) in u.lines.iter().enumerate() {
            // Looked up, not indexed: a part read from a damaged cache entry gives no line
            // rather than a panic.
            let start = u.starts.get(k).map_or(0, |&s| s as usize);
            let end = u
                .starts
                .get(k + 1)
                .map_or(u.folded.len(), |&e| (e as usize).saturating_sub(1));
            let folded_line = u.folded.as_bytes().get(start..end).unwrap_or_default();
            let any = (0..self.terms.len()).any(|t| match &self.phrases[t] {
                Some(p) => lower.get(k).is_some_and(|l| p.find(l.as_bytes()).is_some()),
                None => self.folded[t].find(folded_line).is_some(),
            });
            if any {
                // The line as written is made only for a hit.
                hit(number, text_of(li));
            }
        }
    }
}

/// `text` as the search sees a line in lower case: white space runs as one space, none at the
/// ends.
fn lower_normal(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Byte ranges in `text` where the query's terms occur, for highlighting. Words are found
/// diacritic-insensitively, so positions are mapped back from the folded text character by
/// character; phrases are found in lower case, whose offsets [`Lowered`] maps back.
pub fn highlights(text: &str, terms: &[Term]) -> Vec<(usize, usize)> {
    let folded = fold(text);
    let lower = Lowered::new(text);
    // Folding keeps one character per character; map char positions to bytes.
    let offsets: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()))
        .collect();
    let mut out = Vec::new();
    for t in terms {
        match t {
            Term::Word(w) if !w.is_empty() && folded.chars().count() == text.chars().count() => {
                for (pos, _) in folded.match_indices(w.as_str()) {
                    let start_char = folded[..pos].chars().count();
                    let len_chars = w.chars().count();
                    out.push((offsets[start_char], offsets[start_char + len_chars]));
                }
            }
            Term::Phrase(p) if !p.is_empty() => {
                for (pos, _) in lower.as_str().match_indices(p.as_str()) {
                    out.push((lower.start(pos), lower.end(pos + p.len())));
                }
            }
            _ => {}
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_damaged_part_gives_no_line_rather_than_a_panic() {
        // As a damaged cache entry could hold it: starts missing, going back, past the end.
        let part = Part {
            units: vec![
                Unit {
                    paragraph: Some(1),
                    lines: vec![(1, 0), (2, 1), (3, 2)],
                    folded: "beslut\nbeslut\n".into(),
                    starts: vec![0, 0],
                },
                Unit {
                    paragraph: None,
                    lines: vec![(4, 3)],
                    folded: "beslut\n".into(),
                    starts: vec![9],
                },
            ],
        };
        for q in ["beslut", "\"beslut\""] {
            let hits = Query::new(q).in_part(&part, |_| Some("beslut"));
            assert!(hits.iter().all(|h| h.line <= 4), "{hits:?}");
            Query::new(q).in_part(&part, |_| None);
        }
    }

    #[test]
    fn queries_split_into_words_and_phrases() {
        assert_eq!(
            parse_query(r#"Utjämning "Nätt och jämnt" SKR"#),
            [
                Term::Word("utjamning".into()),
                Term::Phrase("nätt och jämnt".into()),
                Term::Word("skr".into())
            ]
        );
        assert_eq!(parse_query("\"öppen"), [Term::Phrase("öppen".into())]);
        assert!(parse_query("   ").is_empty());
    }

    #[test]
    fn highlights_map_back_to_the_text_as_written() {
        let text = "Översyn av utjämningsystemet";
        let h = highlights(text, &parse_query("utjamning"));
        assert_eq!(&text[h[0].0..h[0].1], "utjämning");
    }

    #[test]
    fn phrase_highlights_survive_characters_that_change_length() {
        // KELVIN SIGN lowercases to one byte, İ to three: the phrase is still found in place.
        let text = "\u{212A}\u{130} Nätt och JÄMNT";
        let h = highlights(text, &parse_query("\"nätt och jämnt\""));
        assert_eq!(&text[h[0].0..h[0].1], "Nätt och JÄMNT");
    }
}
