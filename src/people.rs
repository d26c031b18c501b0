//! People across the library: one entry per person, with every place they appear, and a fuzzy
//! finder over their names.
//!
//! Identity rules. Across meetings, a person is their full name folded (case and diacritics
//! ignored, see [`crate::fold`]): "Erik Lövgren" chairing in 2024 and adjusting in 2020 is one
//! person, and two people with the same full name in different organisations stay one entry
//! that lists both affiliations — a name is all a protocol gives us, and splitting on
//! affiliation would split the many people who change role or employer. First names alone are
//! never matched across meetings. Within one protocol, a name written some other way is linked
//! to the roster name it can only mean: a shorter form ("Fredrik Ölmerud" for "Fredrik Kjellman
//! Ölmerud"), a first name alone ("Susanne väljs …") when one person in the roster has it, and a
//! spelling variant ("Elisabet Lassen" beside "Elisabeth Lassen": same surname, first name one or
//! two letters apart), which becomes an alias and is reported.

use std::hash::Hasher;

use rustc_hash::{FxBuildHasher, FxHashMap as HashMap, FxHashSet, FxHasher};

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use serde::Serialize;

use crate::fold::{fold, key};
use crate::model::{Group, Library, Meeting};

/// How a person appears in a meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Chair,
    Secretary,
    Adjuster,
    Member,
    Substitute,
    Staff,
    Guest,
    Absent,
    Signatory,
    Presenter,
    Mentioned,
    /// Moved a motion (yrkande).
    Mover,
    /// Voted in a roll call.
    Voted,
    /// Reserved against a decision.
    Reserved,
    /// Declared jäv.
    Recused,
    /// Had a protokollsanteckning entered.
    Noted,
}

/// One place a person occurs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Appearance {
    pub meeting: String,
    pub date: Option<String>,
    #[serde(rename = "as")]
    pub role: Role,
    pub paragraph: Option<u32>,
    pub line: u32,
    /// What the protocol says beside the name: the role as written, `ersätter …`, § limits.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// How the person voted, for `voted`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vote: Option<crate::model::Ballot>,
}

/// One person across the library.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Person {
    /// The name as written (the most common spelling).
    pub name: String,
    /// Other ways the name is written: shorter forms and spelling variants.
    pub aliases: Vec<String>,
    pub affiliations: Vec<String>,
    pub parties: Vec<String>,
    pub appearances: Vec<Appearance>,
    /// The name folded, for matching.
    #[serde(skip)]
    pub folded: String,
}

impl Person {
    /// Meetings where the person is listed present, and meetings where they are in the roster.
    pub fn attendance(&self) -> (usize, usize) {
        let mut present: Vec<&str> = Vec::new();
        let mut listed: Vec<&str> = Vec::new();
        for a in &self.appearances {
            let listed_here = matches!(
                a.role,
                Role::Member | Role::Substitute | Role::Staff | Role::Guest | Role::Absent
            );
            if listed_here && !listed.contains(&a.meeting.as_str()) {
                listed.push(&a.meeting);
            }
            if listed_here && a.role != Role::Absent && !present.contains(&a.meeting.as_str()) {
                present.push(&a.meeting);
            }
        }
        (present.len(), listed.len())
    }

    /// Distinct meetings the person appears in.
    pub fn meetings(&self) -> usize {
        let mut ids: Vec<&str> = self
            .appearances
            .iter()
            .map(|a| a.meeting.as_str())
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids.len()
    }
}

/// A name written two ways in one protocol.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variant {
    pub meeting: String,
    pub written: String,
    pub roster: String,
    pub paragraph: Option<u32>,
    pub line: u32,
}

/// Every person in a library.
#[derive(Debug, Clone, Default, Serialize)]
pub struct People {
    pub people: Vec<Person>,
    #[serde(skip)]
    pub variants: Vec<Variant>,
}

/// The roster names of one meeting, and how other forms of a name lead to them.
struct Local {
    names: Vec<String>,
    /// The identity key of each name, made here (in parallel) rather than when merging.
    keys: Vec<String>,
    /// The attendee each name comes from, for names in the roster.
    attendee: Vec<Option<usize>>,
    /// Every word of every roster name, folded and hashed ([`word_hash`]): a cheap test for
    /// words that cannot be part of anyone's name.
    words: FxHashSet<u64>,
    by_key: HashMap<String, usize>,
    by_first: HashMap<String, Vec<usize>>,
    by_last: HashMap<String, Vec<usize>>,
}

/// Adds `i` under `key`, allocating the key only the first time it is seen.
fn push_to(map: &mut HashMap<String, Vec<usize>>, key: &str, i: usize) {
    if let Some(v) = map.get_mut(key) {
        v.push(i);
    } else {
        map.insert(key.to_owned(), vec![i]);
    }
}

/// How a written name was linked to a roster name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Link {
    Same,
    Short,
    FirstName,
    Variant,
}

impl Local {
    fn new(m: &Meeting) -> Local {
        let n = m.attendees.len();
        let mut l = Local {
            names: Vec::with_capacity(n),
            keys: Vec::with_capacity(n),
            attendee: Vec::with_capacity(n),
            // Sized for the roster at once: growing four maps name by name cost more than
            // filling them.
            words: FxHashSet::with_capacity_and_hasher(3 * n, FxBuildHasher),
            by_key: HashMap::with_capacity_and_hasher(2 * n, FxBuildHasher),
            by_first: HashMap::with_capacity_and_hasher(n, FxBuildHasher),
            by_last: HashMap::with_capacity_and_hasher(n, FxBuildHasher),
        };
        for (i, a) in m.attendees.iter().enumerate() {
            l.add(&a.name, Some(i));
        }
        l
    }

    /// Adds a name. Names from outside the roster (`attendee` is `None`: a signatory nobody
    /// listed) are found only by their full name, never by first name or surname.
    fn add(&mut self, name: &str, attendee: Option<usize>) -> usize {
        let k = key(name);
        if let Some(&i) = self.by_key.get(&k) {
            return i;
        }
        let i = self.names.len();
        self.names.push(name.to_owned());
        self.keys.push(k.clone());
        self.attendee.push(attendee);
        if attendee.is_some() {
            self.words.extend(k.split(' ').map(word_hash));
            if let (Some((first, _)), Some((_, last))) = (k.split_once(' '), k.rsplit_once(' ')) {
                push_to(&mut self.by_first, first, i);
                push_to(&mut self.by_last, last, i);
            }
        }
        self.by_key.insert(k, i);
        i
    }

    /// The roster name a written name can only mean, and how.
    fn resolve(&self, written: &str) -> Option<(usize, Link)> {
        let k = key(written);
        if let Some(&i) = self.by_key.get(&k) {
            return Some((i, Link::Same));
        }
        let words: Vec<&str> = k.split(' ').collect();
        if words.len() == 1 {
            return match self.by_first.get(words[0]).map(Vec::as_slice) {
                Some([i]) => Some((*i, Link::FirstName)),
                _ => None,
            };
        }
        let (first, last) = (words[0], words[words.len() - 1]);
        let candidates = self.by_last.get(last)?;
        let short: Vec<usize> = candidates
            .iter()
            .copied()
            .filter(|&i| {
                let rk = key(&self.names[i]);
                rk.split(' ').count() > words.len() && rk.split(' ').next() == Some(first)
            })
            .collect();
        if let [i] = short.as_slice() {
            return Some((*i, Link::Short));
        }
        let close: Vec<usize> = candidates
            .iter()
            .copied()
            .filter(|&i| {
                let rk = key(&self.names[i]);
                let rfirst = rk.split(' ').next().unwrap_or("");
                rk.split(' ').count() == words.len()
                    && first.chars().count() >= 4
                    && edit_distance(first, rfirst) <= 2
            })
            .collect();
        match close.as_slice() {
            [i] => Some((*i, Link::Variant)),
            _ => None,
        }
    }
}

/// Levenshtein distance over characters; names are short.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != *cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// Collects the appearances of one meeting, keyed by the roster name (or the name as written
/// when it is nobody in the roster).
struct Collector<'m> {
    meeting: &'m Meeting,
    local: Local,
    /// Appearances by local name (index into `local.names`).
    found: Vec<(usize, Appearance)>,
    aliases: Vec<(String, String)>,
    variants: Vec<Variant>,
}

impl Collector<'_> {
    fn push(
        &mut self,
        written: &str,
        role: Role,
        paragraph: Option<u32>,
        line: u32,
        detail: Option<String>,
    ) {
        let resolved = self.local.resolve(written);
        self.push_resolved(written, resolved, role, paragraph, line, detail);
    }

    /// [`Collector::push`] for a name already resolved.
    fn push_resolved(
        &mut self,
        written: &str,
        resolved: Option<(usize, Link)>,
        role: Role,
        paragraph: Option<u32>,
        line: u32,
        detail: Option<String>,
    ) {
        let canonical = match resolved {
            Some((i, link)) => {
                if matches!(link, Link::Short | Link::Variant) {
                    let roster = self.local.names[i].clone();
                    if link == Link::Variant {
                        self.variants.push(Variant {
                            meeting: self.meeting.id.clone(),
                            written: written.to_owned(),
                            roster: roster.clone(),
                            paragraph,
                            line,
                        });
                    }
                    self.aliases.push((roster, written.to_owned()));
                }
                i
            }
            None if written.split_whitespace().count() >= 2 => self.local.add(written, None),
            None => return,
        };
        let appearance = Appearance {
            meeting: self.meeting.id.clone(),
            date: self.meeting.date.clone(),
            role,
            paragraph,
            line,
            detail,
            vote: None,
        };
        if !self
            .found
            .iter()
            .any(|(n, a)| *n == canonical && *a == appearance)
        {
            self.found.push((canonical, appearance));
        }
    }
}

/// The roster line of the attendee a name resolves to.
fn attendee_line(m: &Meeting, local: &Local, name: &str) -> Option<u32> {
    let (i, _) = local.resolve(name)?;
    local.attendee[i].map(|a| m.attendees[a].line)
}

/// The appearances in one meeting.
fn collect(m: &Meeting) -> Collector<'_> {
    let mut c = Collector {
        meeting: m,
        local: Local::new(m),
        found: Vec::new(),
        aliases: Vec::new(),
        variants: Vec::new(),
    };
    for a in &m.attendees {
        let role = if a.present {
            match a.group {
                Group::Member => Role::Member,
                Group::Substitute => Role::Substitute,
                Group::Staff => Role::Staff,
                Group::Guest => Role::Guest,
            }
        } else {
            Role::Absent
        };
        let mut detail: Vec<String> = Vec::new();
        detail.extend(a.role.clone());
        if let Some(r) = &a.replaces {
            detail.push(format!("ersätter {r}"));
        }
        if let Some(ps) = &a.paragraphs {
            detail.push(format!(
                "§ {}",
                ps.iter().map(u32::to_string).collect::<Vec<_>>().join(", ")
            ));
        }
        let detail = (!detail.is_empty()).then(|| detail.join(", "));
        c.push(&a.name, role, None, a.line, detail);
    }
    let sig_line = |role: &str, name: &str| {
        m.signatures
            .iter()
            .find(|s| {
                s.role.as_deref() == Some(role)
                    || s.name
                        .as_deref()
                        .is_some_and(|n| crate::parse::same_name(n, name))
            })
            .map(|s| s.line)
    };
    if let Some(chair) = &m.chair {
        let line = attendee_line(m, &c.local, chair)
            .or_else(|| sig_line("ordförande", chair))
            .unwrap_or(1);
        c.push(chair, Role::Chair, None, line, None);
    }
    if let Some(sec) = &m.secretary {
        let line = attendee_line(m, &c.local, sec)
            .or_else(|| sig_line("sekreterare", sec))
            .unwrap_or(1);
        c.push(sec, Role::Secretary, None, line, None);
    }
    for adj in &m.adjusters {
        let line = attendee_line(m, &c.local, adj)
            .or_else(|| sig_line("justerare", adj))
            .unwrap_or(1);
        c.push(adj, Role::Adjuster, None, line, None);
    }
    for s in &m.signatures {
        if let Some(n) = &s.name {
            c.push(n, Role::Signatory, None, s.line, s.role.clone());
        }
    }
    for p in &m.paragraphs {
        for pres in &p.presenters {
            let line = p
                .text
                .lines()
                .zip(&p.text_lines)
                .find(|(t, _)| t.contains(pres.as_str()))
                .map_or(p.line, |(_, &n)| n);
            c.push(pres, Role::Presenter, Some(p.number), line, None);
        }
        mentions(&mut c, p);
        municipal(&mut c, p);
    }
    c
}

/// Motions, votes, reservations, jäv and notes of a § as appearances.
fn municipal(c: &mut Collector<'_>, p: &crate::model::Paragraph) {
    for m in &p.motions {
        c.push(
            &m.by,
            Role::Mover,
            Some(p.number),
            m.line,
            Some(m.text.clone()),
        );
    }
    for v in &p.votes {
        for e in &v.roll {
            let before = c.found.len();
            c.push(&e.name, Role::Voted, Some(p.number), v.line, None);
            if c.found.len() > before
                && let Some((_, a)) = c.found.last_mut()
            {
                a.vote = Some(e.vote);
            }
        }
    }
    for r in &p.reservations {
        for n in &r.names {
            c.push(n, Role::Reserved, Some(p.number), r.line, None);
        }
    }
    for r in &p.recusals {
        c.push(&r.name, Role::Recused, Some(p.number), r.line, None);
    }
    for n in &p.notes {
        c.push(
            &n.by,
            Role::Noted,
            Some(p.number),
            n.line,
            Some(n.text.clone()),
        );
    }
}

/// A word folded and hashed without building the folded string: words of the text are
/// tested against the roster's this way, and most are nobody's.
fn word_hash(w: &str) -> u64 {
    let mut h = FxHasher::default();
    for c in w.chars() {
        h.write_u32(u32::from(crate::fold::fold_char(c)));
    }
    h.finish()
}

/// ASCII bytes that end a word in § text: whitespace and punctuation around names.
static WORD_BREAK: [bool; 128] = {
    let mut t = [false; 128];
    let breaks = b" \t\n\r\x0b\x0c,.:;()*\"!?";
    let mut i = 0;
    while i < breaks.len() {
        t[breaks[i] as usize] = true;
        i += 1;
    }
    t
};

/// The words of a line, split at whitespace and punctuation, into `out`. Bytes are looked up in
/// a table; only letters beyond ASCII (å, ä, ö, a closing quote) are decoded.
fn split_words<'t>(text: &'t str, out: &mut Vec<&'t str>) {
    let b = text.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < b.len() {
        let (brk, len) = if b[i] < 0x80 {
            (WORD_BREAK[usize::from(b[i])], 1)
        } else {
            let c = text[i..].chars().next().unwrap_or(' ');
            (c.is_whitespace() || c == '”', c.len_utf8())
        };
        if brk {
            if start < i {
                out.push(&text[start..i]);
            }
            start = i + len;
        }
        i += len;
    }
    if start < b.len() {
        out.push(&text[start..]);
    }
}

/// Names in the text of a §: full names from the roster, their short forms and variants, and
/// first names that only one person in the roster has.
fn mentions(c: &mut Collector<'_>, p: &crate::model::Paragraph) {
    // One buffer for the words of every line of the §.
    let mut words: Vec<&str> = Vec::new();
    for (text, line) in p.numbered_lines() {
        if text.starts_with("Föredragande") {
            continue;
        }
        words.clear();
        split_words(text, &mut words);
        // Names are capitalised, and a name has a word of the roster's: most lines have neither.
        let known =
            |w: &str| w.starts_with(char::is_uppercase) && c.local.words.contains(&word_hash(w));
        if !words.iter().any(|w| known(w)) {
            continue;
        }
        let mut i = 0;
        while i < words.len() {
            if !words[i].starts_with(char::is_uppercase) {
                i += 1;
                continue;
            }
            let mut run = 1;
            while i + run < words.len()
                && run < 3
                && crate::parse::roster::is_name_word(words[i + run])
            {
                run += 1;
            }
            // Most capitalised words start a sentence or name a place: none of the roster's
            // name words. Only runs with one of them are worth resolving.
            let known = words[i..i + run]
                .iter()
                .any(|w| c.local.words.contains(&word_hash(w)));
            if !known || !crate::parse::roster::is_name_word(words[i]) {
                i += run;
                continue;
            }
            // Longest name first: "Fredrik Kjellman Ölmerud", then "Fredrik Ölmerud", then "Susanne".
            let mut matched = false;
            for len in (1..=run).rev() {
                let written = words[i..i + len].join(" ");
                if len == 1 && run > 1 {
                    // "Anders W", "Martin Olauzon": a first name followed by another capital is
                    // somebody else's full name, not a first name alone.
                    break;
                }
                if let Some(found) = c.local.resolve(&written) {
                    c.push_resolved(
                        &written,
                        Some(found),
                        Role::Mentioned,
                        Some(p.number),
                        line,
                        None,
                    );
                    i += len;
                    matched = true;
                    break;
                }
            }
            if !matched {
                i += run;
            }
        }
    }
}

/// Builds the people index of a library.
pub fn index(library: &Library) -> People {
    let mut by_key: HashMap<String, usize> = HashMap::default();
    let mut people: Vec<Person> = Vec::new();
    let mut spellings: Vec<HashMap<String, usize>> = Vec::new();
    let mut variants = Vec::new();
    // Each meeting is read on its own, in parallel; merging is in order, newest first, so
    // appearances come out newest first.
    let collected: Vec<Collector<'_>> = {
        use rayon::prelude::*;
        library.meetings.par_iter().rev().map(collect).collect()
    };
    for mut c in collected {
        let m = c.meeting;
        // One person index per local name, found once.
        let mut person_of: Vec<Option<usize>> = vec![None; c.local.names.len()];
        for (local, appearance) in c.found {
            let idx = if let Some(idx) = person_of[local] {
                idx
            } else {
                {
                    let name = &c.local.names[local];
                    let k = std::mem::take(&mut c.local.keys[local]);
                    let idx = if let Some(&idx) = by_key.get(&k) {
                        idx
                    } else {
                        people.push(Person {
                            name: name.clone(),
                            folded: k.clone(),
                            ..Person::default()
                        });
                        spellings.push(HashMap::default());
                        by_key.insert(k, people.len() - 1);
                        people.len() - 1
                    };
                    if let Some(n) = spellings[idx].get_mut(name) {
                        *n += 1;
                    } else {
                        spellings[idx].insert(name.clone(), 1);
                    }
                    if let Some(a) = c.local.attendee[local].map(|a| &m.attendees[a]) {
                        let person = &mut people[idx];
                        for (field, value) in [
                            (&mut person.affiliations, &a.affiliation),
                            (&mut person.parties, &a.party),
                        ] {
                            if let Some(v) = value
                                && !field.contains(v)
                            {
                                field.push(v.clone());
                            }
                        }
                    }
                    person_of[local] = Some(idx);
                    idx
                }
            };
            people[idx].appearances.push(appearance);
        }
        for (roster, alias) in c.aliases {
            if let Some(&idx) = by_key.get(&key(&roster))
                && !people[idx].aliases.contains(&alias)
            {
                people[idx].aliases.push(alias);
            }
        }
        variants.extend(c.variants);
    }
    for (p, s) in people.iter_mut().zip(&spellings) {
        // The most common spelling; on a tie, the one with å ä ö written out (a writer drops
        // diacritics far more often than adds them).
        let weight = |(name, n): (&String, &usize)| {
            (
                *n,
                name.chars().filter(|c| !c.is_ascii()).count(),
                std::cmp::Reverse(name.clone()),
            )
        };
        if let Some((best, _)) = s.iter().max_by_key(|e| weight(*e)) {
            p.name.clone_from(best);
        }
        let name = p.name.clone();
        p.aliases.retain(|a| *a != name);
    }
    // A place or an organisation read as a name ("Östra Göinge" on a roster line of its own)
    // is nobody: its words say so, or someone on a roster is from there.
    let places: std::collections::HashSet<String> = library
        .meetings
        .iter()
        .flat_map(|m| m.attendees.iter().filter_map(|a| a.affiliation.as_deref()))
        .map(key)
        .collect();
    people.retain(|p| !is_organisation(&p.folded) && !places.contains(&p.folded));
    people.sort_by_cached_key(|a| surname_key(&a.name));
    People { people, variants }
}

/// Surname, then the whole name, in Swedish order (Å Ä Ö after Z).
fn surname_key(name: &str) -> (String, String) {
    let key = crate::fold::swedish_key(name);
    let last = key.rsplit(' ').next().unwrap_or("").to_owned();
    (last, key)
}

/// Words that make a "name" an organisation: "Sundsvalls kommun", "Region Västernorrland",
/// "Landstinget Västernorrland". Folded; compared with whole words of the folded name.
const ORGANISATION_WORDS: [&str; 14] = [
    "kommun",
    "kommuns",
    "kommunen",
    "region",
    "regionen",
    "landsting",
    "landstinget",
    "lansstyrelsen",
    "kommunforbund",
    "kommunforbundet",
    "forbundet",
    "samordningsforbund",
    "stad",
    "ab",
];

/// First words of place names written as two capitalised words ("Östra Göinge", "Lilla
/// Edet", "Upplands Väsby"); no first name is one of them. Folded.
const PLACE_FIRST_WORDS: [&str; 9] = [
    "ostra", "vastra", "norra", "sodra", "ovre", "nedre", "lilla", "stora", "upplands",
];

/// Whether a folded name is an organisation or a place rather than a person (a municipality
/// written in a roster the way a member is).
fn is_organisation(folded: &str) -> bool {
    folded.split(' ').any(|w| ORGANISATION_WORDS.contains(&w))
        || folded
            .split(' ')
            .next()
            .is_some_and(|w| PLACE_FIRST_WORDS.contains(&w))
}

/// How a one-word query fits a folded name: its surname whole, another word whole, the start
/// of a word, or only as scattered letters. "lind" finds Eva Lind before Linnea Danielsson.
fn word_fit(folded: &str, q: &str) -> u8 {
    if q.contains(' ') {
        return u8::from(folded == q) * 3;
    }
    let mut words = folded.split(' ');
    let last = words.next_back().unwrap_or("");
    if last == q {
        3
    } else if folded.split(' ').any(|w| w == q) {
        2
    } else {
        u8::from(folded.split(' ').any(|w| w.starts_with(q)))
    }
}

/// A person found by a query, with the positions (in characters of the name as written) that
/// matched, for highlighting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub person: usize,
    pub score: i64,
    pub indices: Vec<usize>,
}

/// A reusable finder: the matcher is built once.
#[derive(Default)]
pub struct Finder {
    matcher: SkimMatcherV2,
}

impl Finder {
    /// People matching `query`, best first. An empty query lists everyone in index order.
    pub fn find(&self, people: &[Person], query: &str) -> Vec<Hit> {
        let q: String = fold(query.trim());
        if q.is_empty() {
            return (0..people.len())
                .map(|person| Hit {
                    person,
                    score: 0,
                    indices: Vec::new(),
                })
                .collect();
        }
        let needle: Vec<char> = q.chars().filter(|c| *c != ' ').collect();
        if needle.len() <= 2 && !q.contains(' ') {
            return short_query(people, &q);
        }
        let mut hits: Vec<Hit> = Vec::new();
        for (i, p) in people.iter().enumerate() {
            // Scoring is slow; a subsequence test is not, and rejects nearly everyone.
            if !is_subsequence(&needle, &p.folded) {
                continue;
            }
            if let Some((score, indices)) = self.matcher.fuzzy_indices(&p.folded, &q) {
                hits.push(Hit {
                    person: i,
                    score,
                    indices,
                });
            } else if let Some((score, indices)) = self
                .matcher
                .fuzzy_indices(&p.folded, &needle.iter().collect::<String>())
            {
                hits.push(Hit {
                    person: i,
                    score: score / 2,
                    indices,
                });
            }
        }
        let fits: Vec<u8> = hits
            .iter()
            .map(|h| word_fit(&people[h.person].folded, &q))
            .collect();
        let mut hits: Vec<(u8, Hit)> = fits.into_iter().zip(hits).collect();
        hits.sort_by(|(fa, a), (fb, b)| {
            fb.cmp(fa)
                .then_with(|| b.score.cmp(&a.score))
                .then_with(|| {
                    people[a.person]
                        .name
                        .len()
                        .cmp(&people[b.person].name.len())
                })
                .then_with(|| people[a.person].folded.cmp(&people[b.person].folded))
        });
        hits.into_iter().map(|(_, h)| h).collect()
    }
}

/// One or two letters match nearly every name, and fuzzy scoring tens of thousands of names is
/// too slow per keystroke: rank by where the letters occur as a substring instead — the start
/// of the name, then the start of a word, then anywhere.
fn short_query(people: &[Person], q: &str) -> Vec<Hit> {
    let len = q.chars().count();
    let mut hits: Vec<Hit> = Vec::new();
    for (i, p) in people.iter().enumerate() {
        let Some(byte) = p.folded.find(q) else {
            continue;
        };
        let at = p.folded[..byte].chars().count();
        let word_start = at == 0 || p.folded[..byte].ends_with(' ');
        let score = if at == 0 {
            300
        } else if word_start {
            200
        } else {
            100
        } - at.min(99) as i64;
        hits.push(Hit {
            person: i,
            score,
            indices: (at..at + len).collect(),
        });
    }
    // Ties in index order, which is by surname: integers compare faster than names, and this
    // sort is most of the work when one letter matches nearly everyone.
    hits.sort_unstable_by_key(|h| (std::cmp::Reverse(h.score), h.person));
    hits
}

fn is_subsequence(needle: &[char], hay: &str) -> bool {
    let mut it = needle.iter().peekable();
    for c in hay.chars() {
        match it.peek() {
            Some(&&n) if n == c => {
                it.next();
            }
            Some(_) => {}
            None => return true,
        }
    }
    it.peek().is_none()
}

/// Splits a name into spans for highlighting: (text, matched).
pub fn highlight(name: &str, indices: &[usize]) -> Vec<(String, bool)> {
    let mut out: Vec<(String, bool)> = Vec::new();
    for (i, c) in name.chars().enumerate() {
        let on = indices.contains(&i);
        match out.last_mut() {
            Some((s, m)) if *m == on => s.push(c),
            _ => out.push((c.to_string(), on)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distances() {
        assert_eq!(edit_distance("elisabet", "elisabeth"), 1);
        assert_eq!(edit_distance("anna", "tony"), 3);
    }

    #[test]
    fn subsequences() {
        let n: Vec<char> = "lovgren".chars().collect();
        assert!(is_subsequence(&n, "erik lovgren"));
        assert!(!is_subsequence(&n, "erik lofgren"));
    }

    #[test]
    fn highlights_in_the_original_spelling() {
        assert_eq!(
            highlight("Erik Lövgren", &[5, 6, 7]),
            [
                ("Erik ".to_owned(), false),
                ("Löv".to_owned(), true),
                ("gren".to_owned(), false)
            ]
        );
    }
}
