//! One person spelled two ways in one protocol: roster "Elisabeth Lassen", text "Elisabet
//! Lassen". Names are gathered from the roster, the signatures, the chair, secretary and
//! adjusters, the presenters, and runs of capitalised words in the § text; two spellings are
//! the same person when they share the surname and their first names differ only by
//! diacritics or by an edit or two.
//!
//! Names are the easiest place for a false alarm, so the rule is narrow: a spelling that some
//! roster, signature or officer name matches exactly is never reported; two roster entries are
//! two people (a roster is written with care, and "Anna Berg" and "Anne Berg" may both sit on
//! a board); pairs like Johan/Johanna, Erik/Erika, Maria/Marie are different names, not typos;
//! and text is only compared with the names of people, never with other text, so "Region
//! Jämtland" and the like cannot pair up.

use std::collections::{BTreeMap, HashMap};

use super::messages::{self, Source};
use super::{Place, Review, Severity, code};
use crate::fold::{fold, fold_char};
use crate::parse::{same_name, short_form_either};

/// The same person written the same way, or a short form of it (same first and last word).
pub(super) fn same_person(a: &str, b: &str) -> bool {
    same_name(a, b) || short_form_either(a, b)
}

/// A name's last word in lower case, char by char, with every sigma as `σ`: two names
/// [`same_person`] takes for one person have the same key (both ways of comparing words,
/// `char::to_lowercase` and `str::to_lowercase`, differ only in a final sigma). The key of a
/// name of no words is empty.
pub(super) fn last_word_key(name: &str) -> String {
    name.split_whitespace()
        .next_back()
        .unwrap_or("")
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'ς' { 'σ' } else { c })
        .collect()
}

/// Whether `a` and `b` name one person, written the same way or two ways: [`same_person`] or
/// [`is_variant`]. Both need the same last word, so most pairs are told apart by it alone.
pub(super) fn same_or_variant(a: &str, b: &str) -> bool {
    if other_surname(a, b) {
        // Two names of no words share no surname, and are the same person (as `same_name`
        // has it).
        return crate::words::is_blank(a) && same_person(a, b);
    }
    same_person(a, b) || spelled_close(a, b)
}

/// Whether `a` and `b` look like one person spelled two ways (see the module doc).
pub(super) fn is_variant(a: &str, b: &str) -> bool {
    !other_surname(a, b) && !same_person(a, b) && spelled_close(a, b)
}

/// What makes two names of one surname a variant: first and last word differ as written but
/// fold alike, or the first names are a small edit apart.
fn spelled_close(a: &str, b: &str) -> bool {
    let (Some((fa, la)), Some((fb, lb))) = (ends(a), ends(b)) else {
        return false;
    };
    let differs = fa != fb || la != lb;
    differs && fold(&la) == fold(&lb) && (fold(&fa) == fold(&fb) || close_first_names(&fa, &fb))
}

/// Whether the last words of `a` and `b` lowercase and fold differently, so that they cannot be
/// one person's: most pairs of names, told apart without allocating.
fn other_surname(a: &str, b: &str) -> bool {
    match (
        a.split_whitespace().next_back(),
        b.split_whitespace().next_back(),
    ) {
        (Some(x), Some(y)) if x.is_ascii() && y.is_ascii() => !x.eq_ignore_ascii_case(y),
        // Capital sigma lowercases by its neighbours: left to the full comparison.
        (Some(x), Some(y)) if x.contains('Σ') || y.contains('Σ') => false,
        (Some(x), Some(y)) => !x
            .chars()
            .flat_map(char::to_lowercase)
            .map(fold_char)
            .eq(y.chars().flat_map(char::to_lowercase).map(fold_char)),
        _ => true,
    }
}

/// The first and last word of a name, in lower case; `None` for a single word.
fn ends(name: &str) -> Option<(String, String)> {
    let mut words = name.split_whitespace();
    let first = words.next()?;
    let last = words.next_back()?;
    Some((first.to_lowercase(), last.to_lowercase()))
}

/// The folded last word of a name of two words or more.
fn surname(name: &str) -> Option<String> {
    let mut words = name.split_whitespace();
    words.next()?;
    words.next_back().map(fold)
}

/// [`surname`] written into `buf`, which is reused from name to name.
fn surname_into<'b>(name: &str, buf: &'b mut String) -> Option<&'b str> {
    let mut words = name.split_whitespace();
    words.next()?;
    let last = words.next_back()?;
    buf.clear();
    buf.extend(last.chars().map(fold_char));
    Some(buf)
}

/// First names a small edit apart: at most one edit for names of up to five letters, two for
/// longer ones, never below four letters; not a pair of distinct names that differ by an
/// ending (Johan/Johanna, Andrea/Andreas) or by the final vowel (Maria/Marie).
fn close_first_names(a: &str, b: &str) -> bool {
    let (ca, cb): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let shorter = ca.len().min(cb.len());
    if a == b || shorter < 4 {
        return false;
    }
    let limit = if shorter <= 5 { 1 } else { 2 };
    if levenshtein(&ca, &cb) > limit {
        return false;
    }
    let (short, long) = if ca.len() <= cb.len() { (a, b) } else { (b, a) };
    let ending = long
        .strip_prefix(short)
        .is_some_and(|rest| matches!(rest, "a" | "na" | "e" | "ne" | "s"));
    let vowels = "aeiouyåäö";
    let final_vowel = ca.len() == cb.len()
        && ca[..ca.len() - 1] == cb[..cb.len() - 1]
        && vowels.contains(ca[ca.len() - 1])
        && vowels.contains(cb[cb.len() - 1]);
    !ending && !final_vowel
}

/// Edit distance (insertions, deletions, substitutions) between two words.
fn levenshtein(a: &[char], b: &[char]) -> usize {
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1)
                .min(row[j] + 1)
                .min(diagonal + usize::from(ca != cb));
            diagonal = above;
        }
    }
    row[b.len()]
}

/// One way a name was written, and where.
#[derive(Debug, Clone)]
struct Spelling {
    name: String,
    source: Source,
    line: u32,
}

pub(super) fn check(r: &mut Review) {
    let spellings = spellings(r);
    // People by folded surname: a variant shares it, so each spelling (most are prose that
    // names nobody) costs one lookup rather than a comparison with every person.
    let mut people: HashMap<String, Vec<&Spelling>> = HashMap::new();
    for p in spellings.iter().filter(|s| s.source != Source::Text) {
        if let Some(key) = surname(&p.name) {
            people.entry(key).or_default().push(p);
        }
    }
    // Found spelling (lower case) → (found, expected); the earliest line wins.
    let mut variants: BTreeMap<String, (&Spelling, &Spelling)> = BTreeMap::new();
    let mut key = String::new();
    for s in &spellings {
        let Some(same_surname) = surname_into(&s.name, &mut key).and_then(|k| people.get(k)) else {
            continue;
        };
        // A spelling the roster has is that person, whatever else is near; this also keeps
        // two roster entries from being taken for one person.
        if same_surname
            .iter()
            .any(|p| p.source == Source::Roster && same_person(&p.name, &s.name))
        {
            continue;
        }
        let Some(expected) = same_surname
            .iter()
            .filter(|p| p.source < s.source || (p.source == s.source && p.line < s.line))
            .find(|p| is_variant(&p.name, &s.name))
        else {
            continue;
        };
        let key = s.name.to_lowercase();
        if variants.get(&key).is_none_or(|(f, _)| s.line < f.line) {
            variants.insert(key, (s, expected));
        }
    }
    let found: Vec<(u32, String, u32, String, String)> = variants
        .into_values()
        .map(|(f, e)| {
            let message = messages::name_variant(r.lang, &f.name, &e.name, e.source, e.line);
            (f.line, f.name.clone(), e.line, e.name.clone(), message)
        })
        .collect();
    for (line, name, expected_line, expected, message) in found {
        let at: Place = r.at_line(line);
        r.push(
            at,
            Severity::Warning,
            code::NAME_VARIANT,
            message,
            &[(expected_line, expected.as_str()), (line, name.as_str())],
        );
    }
}

/// Every spelling of a name in the protocol, people first, then the § text.
fn spellings(r: &Review) -> Vec<Spelling> {
    let m = r.meeting;
    let line_of = |name: &str| r.line_with(name).unwrap_or(1);
    let mut out: Vec<Spelling> = Vec::new();
    let mut add = |name: &str, source, line| {
        out.push(Spelling {
            name: name.to_owned(),
            source,
            line,
        });
    };
    for a in &m.attendees {
        add(&a.name, Source::Roster, a.line);
    }
    for s in &m.signatures {
        if let Some(n) = &s.name {
            add(n, Source::Signature, s.line);
        }
    }
    for n in m.chair.iter().chain(&m.secretary).chain(&m.adjusters) {
        add(n, Source::Officer, line_of(n));
    }
    for p in &m.paragraphs {
        for n in &p.presenters {
            let line = p
                .text
                .lines()
                .zip(&p.text_lines)
                .find(|(t, _)| t.contains(n.as_str()))
                .map_or(p.line, |(_, l)| *l);
            add(n, Source::Presenter, line);
        }
        for (text, line) in p.numbered_lines() {
            for n in names_in_text(text) {
                add(&n, Source::Text, line);
            }
        }
    }
    out
}

/// Candidate names in a line of prose: in each run of two to four capitalised words, the last
/// word with each word before it as first name ("Handläggare Gunnar Orving" gives "Handläggare
/// Orving" and "Gunnar Orving"; only a pair near a person's name will ever matter).
fn names_in_text(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    // Every line of every § comes here, and most have fewer than the two capitals a run needs.
    if fewer_than_two_capitals(text) {
        return out;
    }
    let mut run: Vec<&str> = Vec::new();
    let mut flush = |run: &mut Vec<&str>| {
        if (2..=4).contains(&run.len()) {
            let last = run[run.len() - 1];
            for first in &run[..run.len() - 1] {
                out.push(format!("{first} {last}"));
            }
        }
        run.clear();
    };
    for token in crate::words::words(text) {
        // Most words of prose start with a small ASCII letter: no name, nothing to trim.
        if token.as_bytes()[0].is_ascii_lowercase() {
            flush(&mut run);
            continue;
        }
        let word = token.trim_start_matches(['(', '"', '”', '“', '\'', '*']);
        // Most words of prose start in lower case: no name, and nothing more to look at.
        if !word.starts_with(char::is_uppercase) {
            flush(&mut run);
            continue;
        }
        let bare = word.trim_end_matches([',', '.', ':', ';', ')', '"', '”', '!', '?', '*']);
        if is_name_word(bare) {
            run.push(bare);
            if bare.len() != word.len() {
                flush(&mut run);
            }
        } else {
            flush(&mut run);
        }
    }
    flush(&mut run);
    out
}

/// Whether `text` holds fewer than two upper-case letters, ASCII bytes read without decoding.
fn fewer_than_two_capitals(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut capitals = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let upper = if b < 0x80 {
            b.is_ascii_uppercase()
        } else {
            // A character starts at a byte that is no continuation byte (10xxxxxx).
            b >= 0xC0 && text[i..].chars().next().is_some_and(char::is_uppercase)
        };
        if upper {
            capitals += 1;
            if capitals == 2 {
                return false;
            }
        }
    }
    true
}

/// A capitalised word of letters (hyphens allowed), not an acronym like "SKR".
fn is_name_word(w: &str) -> bool {
    let mut chars = w.chars();
    chars.next().is_some_and(char::is_uppercase)
        && chars.clone().count() >= 1
        && chars
            .clone()
            .all(|c| c.is_alphabetic() || c == '-' || c == '\'')
        && !chars.all(char::is_uppercase)
        && !w.ends_with('-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_or_variant_is_same_person_or_variant() {
        let names = [
            "Anna Berg",
            "anna berg",
            "Anna Bergh",
            "Ana Berg",
            "Anna Maria Berg",
            "Åsa Öhman",
            "Asa Ohman",
            "ΝΙΚΟΣ ΠΑΠΑΣ",
            "Νικος Παπας",
            "Berg",
            "",
            " ",
        ];
        for a in names {
            for b in names {
                assert_eq!(
                    same_or_variant(a, b),
                    same_person(a, b) || is_variant(a, b),
                    "{a:?} / {b:?}"
                );
            }
        }
    }

    #[test]
    fn one_persons_names_share_the_last_word_key() {
        let pairs = [
            ("Anna Berg", "anna berg"),
            ("Fredrik Kjellman Ölmerud", "Fredrik ÖLMERUD"),
            ("ΝΙΚΟΣ ΠΑΠΑΣ", "Νικοσ Παπασ"),
            ("ΝΙΚΟΣ Α ΠΑΠΑΣ", "Νικος Παπας"),
            ("Eva  Ek", "EVA EK"),
            ("", ""),
        ];
        for (a, b) in pairs {
            assert!(same_person(a, b), "{a} / {b}");
            assert_eq!(last_word_key(a), last_word_key(b), "{a} / {b}");
        }
        assert_ne!(last_word_key("Anna Berg"), last_word_key("Anna Bergh"));
    }

    #[test]
    fn variants_of_one_person() {
        assert!(is_variant("Elisabeth Lassen", "Elisabet Lassen"));
        assert!(is_variant("Åsa Nordqvist", "Asa Nordqvist"));
        assert!(is_variant("Kristina Berg", "Christina Berg"));
        assert!(is_variant("Anna-Karin Sjöström", "Anna-Carin Sjöström"));
        assert!(is_variant("Göran Bäckström", "Göran Backström"));
    }

    #[test]
    fn different_people_are_not_variants() {
        assert!(!is_variant("Anna Andersson", "Tony Andersson"));
        assert!(!is_variant("Johan Andersson", "Johanna Andersson"));
        assert!(!is_variant("Erik Lund", "Erika Lund"));
        assert!(!is_variant("Maria Ek", "Marie Ek"));
        assert!(!is_variant("Eva Berg", "Ewa Berg"));
        assert!(!is_variant("Fredrik Kjellman Ölmerud", "Fredrik Ölmerud"));
        assert!(!is_variant("Anna Maria Berg", "Anna Lisa Berg"));
        assert!(!is_variant("Elisabeth Lassen", "Elisabeth Larsen"));
        assert!(!is_variant("Lars Berg", "Lasse Berg"));
    }

    #[test]
    fn names_in_prose() {
        assert_eq!(
            names_in_text("Socialdemokraterna: Sten-Ove Danielsson och Elisabet Lassen"),
            vec!["Sten-Ove Danielsson", "Elisabet Lassen"]
        );
        assert_eq!(
            names_in_text("presenteras av handläggare Gunhild Nyberg."),
            vec!["Gunhild Nyberg"]
        );
        assert!(names_in_text("SKL har tecknat en överenskommelse").is_empty());
        assert!(names_in_text("Ärendet bereds av Öhman").is_empty());
        assert_eq!(names_in_text("av Åsa Öhman"), vec!["Åsa Öhman"]);
        assert!(fewer_than_two_capitals("enligt bilaga – ”Å”"));
        assert!(!fewer_than_two_capitals("enligt Åsa Öhman"));
    }

    #[test]
    fn edit_distance() {
        let d = |a: &str, b: &str| {
            levenshtein(
                &a.chars().collect::<Vec<_>>(),
                &b.chars().collect::<Vec<_>>(),
            )
        };
        assert_eq!(d("elisabeth", "elisabet"), 1);
        assert_eq!(d("kristina", "christina"), 2);
        assert_eq!(d("", "abc"), 3);
    }
}
