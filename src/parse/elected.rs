//! Officers named in the formal items, as most minutes outside a municipal template name them:
//! "Till mötesordförande valdes Eva Holm", "Mötet väljer Ali Berg till sekreterare", "Lisa Ek och
//! Omar Sund väljs att justera protokollet", "Per valdes till ordförande och Stefan till
//! sekreterare", or an item "Val av mötessekreterare" whose text is only the name.
//!
//! A sentence is read only when it elects (valdes, väljs, väljer, blev vald, utses …). Its words
//! are walked once: names wait for a role word, or a role word waits for names; a role word right
//! after another ("justerare tillika rösträknare") gives the same names both roles.

use super::roster;
use super::scan::Needles;
use crate::model::Paragraph;
use std::sync::LazyLock;

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Elected {
    pub chair: Option<String>,
    pub secretary: Option<String>,
    pub adjusters: Vec<String>,
    pub counters: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Chair,
    Secretary,
    Adjuster,
    Counter,
}

/// The role a word names, if any ("mötesordförande", "justeringsmän", "protokollförare").
fn role(word: &str) -> Option<Role> {
    // Most words name no office: ruled out by their middle letters, without lowercasing.
    if !names_an_office(word) {
        return None;
    }
    let w = word.to_lowercase();
    let w = w.trim_matches(|c: char| !c.is_alphabetic());
    if w.contains("rösträkn") {
        Some(Role::Counter)
    } else if w.starts_with("juster") || w.starts_with("protokolljuster") {
        // "justera protokollet", "justerare", "justeringsmän", "justeringspersoner"
        Some(Role::Adjuster)
    } else if w.contains("sekreterare") || w.starts_with("protokollförare") {
        Some(Role::Secretary)
    } else if w.ends_with("ordförande") && !w.contains("vice") {
        Some(Role::Chair)
    } else {
        None
    }
}

const ELECTING: [&str; 20] = [
    "utse", "välja", "välj", "valdes", "väljs", "väljes", "väljer", "valde", "vald", "valda",
    "valts", "utses", "utsågs", "utsåg", "utsedd", "utsedda", "utser", "utsett", "blev", "är",
];

/// Capitalised words that begin sentences in these items but are never names.
const NOT_NAMES: [&str; 25] = [
    "val",
    "mötet",
    "årsmötet",
    "stämman",
    "föreningsstämman",
    "styrelsen",
    "föreningen",
    "föreningens",
    "till",
    "som",
    "att",
    "det",
    "den",
    "vid",
    "enligt",
    "beslut",
    "beslutades",
    "beslöts",
    "att:",
    "dessutom",
    "även",
    "vi",
    "han",
    "hon",
    "ordföranden",
];

fn is_name(w: &str) -> bool {
    let bare = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-');
    roster::is_name_word(bare)
        && role(bare).is_none()
        && !NOT_NAMES.contains(&bare.to_lowercase().as_str())
        && !bare.ends_with("möte")
        && !bare.ends_with("mötet")
}

/// Reads the officers from the first items (the formal ones come first).
pub fn read(paragraphs: &[Paragraph]) -> Elected {
    let mut out = Elected::default();
    for (k, p) in paragraphs.iter().enumerate().take(12) {
        if !names_an_office(&p.title) && !names_an_office(&p.text) {
            continue;
        }
        let title_roles: Vec<Role> = p.title.split_whitespace().filter_map(role).collect();
        // The formal items come first; later, "ordförande Anna Ek" is the association's chair
        // named in passing ("valde ordförande Anna Ek … till firmatecknare"), unless the item
        // is about an office.
        if k >= 8 && title_roles.is_empty() {
            continue;
        }
        let text = p.text.trim();
        // "Val av mötessekreterare" / "kaj": the text is only the name(s).
        if title_roles.len() == 1 && is_bare_names(text) {
            for name in text.split([',', '&']).flat_map(|s| s.split(" och ")) {
                let name = clean_name(name);
                if !name.is_empty() {
                    assign(&mut out, title_roles[0], name);
                }
            }
            continue;
        }
        for sentence in sentences(&p.title).chain(office_sentences(text)) {
            if names_an_office(sentence) && may_elect(sentence) {
                read_sentence(sentence, &title_roles, &mut out);
            }
        }
    }
    out.adjusters.dedup();
    out.counters.dedup();
    out
}

/// Parts of the words for offices and for electing, each searcher built once.
static OFFICE: LazyLock<Needles> =
    LazyLock::new(|| Needles::new(&["rdf", "ekret", "uster", "äkn", "förare"]));
static ELECT: LazyLock<Needles> = LazyLock::new(|| {
    Needles::new(&[
        "val", "Val", "väl", "Väl", "utse", "utsåg", "Utse", "blev", "är",
    ])
});

/// Whether a text may name an office at all: a cheap test before its words are read.
fn names_an_office(text: &str) -> bool {
    OFFICE.any_in(text.as_bytes())
}

/// Whether a sentence may hold an electing verb: a cheap test before its words are lowercased.
fn may_elect(s: &str) -> bool {
    ELECT.any_in(s.as_bytes())
}

/// Full names (two to four name words) written anywhere in the items, to complete a first name.
pub fn full_names(paragraphs: &[Paragraph]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for p in paragraphs.iter().take(40) {
        let mut run: Vec<&str> = Vec::new();
        for w in p.text.split_whitespace().chain(std::iter::once(".")) {
            let bare = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-');
            if is_name(w) && run.len() < 4 {
                run.push(bare);
                if !w.ends_with([',', '.', ':', ';']) {
                    continue;
                }
            }
            if run.len() >= 2 {
                let name = run.join(" ");
                if !out.contains(&name) {
                    out.push(name);
                }
            }
            run.clear();
        }
    }
    out
}

/// Text of one short line without a verb: names only ("Björn grönvall & Thordn", "nsg").
fn is_bare_names(text: &str) -> bool {
    !text.is_empty()
        && !text.contains('\n')
        && text.split_whitespace().count() <= 6
        && !text.ends_with('.')
        && !text
            .split_whitespace()
            .any(|w| ELECTING.contains(&w.to_lowercase().as_str()) || role(w).is_some())
}

/// The sentences of a long text that name an office, found from the office words outwards
/// rather than by splitting the whole text.
fn office_sentences(text: &str) -> Vec<&str> {
    let b = text.as_bytes();
    let end_of = |c: u8| matches!(c, b'.' | b'\n' | b';');
    let mut out: Vec<&str> = Vec::new();
    let mut covered = 0;
    for at in OFFICE.positions(b) {
        if at < covered {
            continue;
        }
        let start = b[..at]
            .iter()
            .rposition(|&c| end_of(c))
            .map_or(0, |i| i + 1);
        let end = b[at..]
            .iter()
            .position(|&c| end_of(c))
            .map_or(b.len(), |i| at + i);
        covered = end;
        if let Some(s) = text.get(start..end).map(str::trim)
            && !s.is_empty()
        {
            out.push(s);
        }
    }
    out
}

fn sentences(text: &str) -> impl Iterator<Item = &str> {
    text.split(['.', '\n', ';'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

fn clean_name(s: &str) -> String {
    // "nsg (Stefan Berggren)": the name in brackets after a nick; "Vladimir Bogodist ‹vladi›":
    // a nick in angle quotes is not part of the name.
    let s = s.trim();
    let s = match s.strip_prefix('(') {
        Some(inner) => inner.split(')').next().unwrap_or(""),
        None => s.split(['‹', '(', '<']).next().unwrap_or(""),
    };
    s.split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-'))
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn assign(out: &mut Elected, role: Role, name: String) {
    match role {
        Role::Chair => {
            out.chair.get_or_insert(name);
        }
        Role::Secretary => {
            out.secretary.get_or_insert(name);
        }
        Role::Adjuster => {
            if !out.adjusters.contains(&name) {
                out.adjusters.push(name);
            }
        }
        Role::Counter => {
            if !out.counters.contains(&name) {
                out.counters.push(name);
            }
        }
    }
}

fn read_sentence(sentence: &str, title_roles: &[Role], out: &mut Elected) {
    let words: Vec<&str> = sentence.split_whitespace().collect();
    if !words
        .iter()
        .any(|w| ELECTING.contains(&w.trim_matches(',').to_lowercase().as_str()))
    {
        return;
    }
    let roles_here = words.iter().filter(|w| role(w).is_some()).count();
    // The item's title says which office it fills when the sentence names one office only (a
    // slip like "väljer X till mötesordförande" under "Val av mötessekreterare").
    let fixed = (title_roles.len() == 1 && roles_here == 1).then(|| title_roles[0]);
    let mut s = Walk::default();
    for (k, w) in words.iter().enumerate() {
        let lower = w.to_lowercase();
        let lower = lower.trim_matches(|c: char| !c.is_alphanumeric());
        // "tillsammans med ordföranden", "jämte ordföranden": another person, not an office.
        let beside = k > 0 && matches!(words[k - 1].to_lowercase().as_str(), "med" | "jämte");
        if let Some(r) = role(w).filter(|_| !beside) {
            s.flush(out);
            s.role(fixed.unwrap_or(r), out);
            continue;
        }
        if is_name(w) {
            s.current.push(w);
            if w.ends_with(',') {
                s.flush(out);
            }
            continue;
        }
        s.flush(out);
        if !(beside
            || matches!(
                lower,
                "och" | "samt" | "tillika" | "&" | "till" | "som" | "att" | "jämte" | "med"
            ))
        {
            s.only_joiners = false;
            s.extend = None;
        }
    }
    s.flush(out);
}

/// The state of one sentence's walk.
#[derive(Default)]
struct Walk<'a> {
    /// The name being read, word by word.
    current: Vec<&'a str>,
    /// Names read and not yet given an office.
    names: Vec<String>,
    /// An office named before its holders ("Till mötesordförande valdes …").
    waiting: Option<Role>,
    /// The last office given and to whom, for "justerare tillika rösträknare".
    last: Option<(Role, Vec<String>)>,
    /// Only joining words since the last office word.
    only_joiners: bool,
    /// An office named before its holders takes every holder joined on ("Till justerare
    /// valdes A och B").
    extend: Option<Role>,
}

impl Walk<'_> {
    fn flush(&mut self, out: &mut Elected) {
        if !self.current.is_empty() {
            let name = clean_name(&self.current.join(" "));
            self.current.clear();
            // One capitalised word in the definite form ("Grupptrycket", "Kansliet") is a thing.
            let thing = !name.contains(' ') && name.ends_with("et");
            if !name.is_empty() && !thing {
                self.names.push(name);
            }
        }
        if self.names.is_empty() {
            return;
        }
        if let Some(r) = self.waiting.take() {
            self.give(r, out);
            self.extend = Some(r);
        } else if let Some(r) = self.extend {
            self.give(r, out);
        }
    }

    fn give(&mut self, r: Role, out: &mut Elected) {
        let got: Vec<String> = self.names.drain(..).collect();
        for n in &got {
            assign(out, r, n.clone());
        }
        self.last = Some((r, got));
    }

    fn role(&mut self, r: Role, out: &mut Elected) {
        self.extend = None;
        if !self.names.is_empty() {
            self.give(r, out);
            self.waiting = None;
        } else if self.only_joiners
            && let Some((_, prev)) = &self.last
        {
            for n in prev.clone() {
                assign(out, r, n);
            }
        } else {
            self.waiting = Some(r);
        }
        self.only_joiners = true;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(title: &str, text: &str) -> Paragraph {
        Paragraph {
            title: title.into(),
            text: text.into(),
            ..Paragraph::default()
        }
    }

    #[test]
    fn elections_in_every_voice() {
        let e = read(&[
            item(
                "Val av mötesordförande",
                "Mötet valde föreningens ordförande Vladimir Bogodist ‹vladi› till mötesordförande.",
            ),
            item(
                "Val av sekreterare",
                "Till sekreterare valdes Pernilla Danielsson.",
            ),
            item(
                "Val av justeringsmän tillika rösträknare",
                "Magnus Danielson ‹magda› och Alexander Boström ‹abo› valdes till justeringsmän tillika rösträknare.",
            ),
        ]);
        assert_eq!(e.chair.as_deref(), Some("Vladimir Bogodist"));
        assert_eq!(e.secretary.as_deref(), Some("Pernilla Danielsson"));
        assert_eq!(e.adjusters, ["Magnus Danielson", "Alexander Boström"]);
        assert_eq!(e.counters, ["Magnus Danielson", "Alexander Boström"]);
    }

    #[test]
    fn two_offices_in_one_sentence_and_bare_names() {
        let e = read(&[
            item(
                "Val av ordförande och sekreterare för mötet",
                "Per valdes till ordförande och Stefan till sekreterare.",
            ),
            item("Val av justeringsmän", "Björn Grönvall & Thordn"),
        ]);
        assert_eq!(e.chair.as_deref(), Some("Per"));
        assert_eq!(e.secretary.as_deref(), Some("Stefan"));
        assert_eq!(e.adjusters, ["Björn Grönvall", "Thordn"]);
    }

    #[test]
    fn the_title_corrects_a_slip_and_verbs_are_needed() {
        let e = read(&[
            item(
                "Val av mötessekreterare",
                "Mötet väljer Elis Hirwing till mötesordförande.",
            ),
            item("Mötets öppnande", "Ordförande Anna Berg hälsade välkommen."),
        ]);
        assert_eq!(e.secretary.as_deref(), Some("Elis Hirwing"));
        assert_eq!(e.chair, None);
        let e = read(&[item(
            "Val av justerare",
            "Mötet väljer Kim Lindberger och Erik Welander till justerare och rösträknare.",
        )]);
        assert_eq!(e.adjusters, ["Kim Lindberger", "Erik Welander"]);
        assert_eq!(e.counters, ["Kim Lindberger", "Erik Welander"]);
        let e = read(&[item(
            "Justering",
            "Susanne Ek väljs att tillsammans med ordförande justera protokollet.",
        )]);
        assert_eq!(e.adjusters, ["Susanne Ek"]);
        assert_eq!(e.chair, None);
    }

    #[test]
    fn holders_joined_on_and_names_after_nicks() {
        let e = read(&[
            item(
                "Val av justerare",
                "Till justeringsmän valdes Christer Otterström och Per Sjögren.",
            ),
            item(
                "Val av mötesordförande",
                "Mötet valde nsg (Stefan Berggren) som mötesordförande",
            ),
        ]);
        assert_eq!(e.adjusters, ["Christer Otterström", "Per Sjögren"]);
        assert_eq!(e.chair.as_deref(), Some("Stefan Berggren"));
    }
}
