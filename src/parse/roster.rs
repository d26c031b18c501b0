//! People in running text: one roster row (`Erik Lövgren (S), Ånge, ordförande`), a whole list on
//! one line (`Tomas Jonsson, Krokoms kommun Sara Schelin, Åre kommun …`), prose lists (`Eva Lindh,
//! riksdagsledamot och utredare och Emelie Värja, huvudsekreterare`) and presenter lists
//! (`Christina Andersson, projektledare & Elisabeth Wickzell, projektledare`).
//!
//! The rule that reads them all: a name is a run of two to four capitalised words; what follows a
//! name up to the next name (after a comma, a tab, `och` or `&`) describes that person — a party
//! in brackets, a place or organisation (capitalised), a role (lower case, or after a digit:
//! `2 v ordf`), a § list (`§ 28-30`), `ersätter Name`.

use super::scan;

/// One person as a list describes them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Entry {
    pub name: String,
    pub party: Option<String>,
    pub affiliation: Option<String>,
    pub role: Option<String>,
    pub replaces: Option<String>,
    pub paragraphs: Option<Vec<u32>>,
    /// § the person was not at ("ej § 91-97", "utom § 5"): kept apart, not read as attended.
    pub except: Vec<u32>,
    /// Listed with "anmält förhinder", "frånvarande", "ej närvarande".
    pub absent: bool,
}

impl Entry {
    /// This person as an attendee of the meeting, listed at `line`.
    pub fn attendee(
        &self,
        group: crate::model::Group,
        present: bool,
        line: u32,
    ) -> crate::model::Attendee {
        crate::model::Attendee {
            name: self.name.clone(),
            group,
            present: present && !self.absent,
            role: self.role.clone(),
            party: self.party.clone(),
            affiliation: self.affiliation.clone(),
            replaces: self.replaces.clone(),
            paragraphs: self.paragraphs.clone(),
            line,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Tok<'a> {
    /// A word, and whether it can be part of a name (decided once, it is asked often).
    Word(&'a str, bool),
    Paren(&'a str),
    Sections(Vec<u32>),
    Sep,
}

fn tokenize<'a>(s: &'a str) -> Vec<Tok<'a>> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let flush = |start: &mut Option<usize>, end: usize, out: &mut Vec<Tok<'a>>| {
        if let Some(st) = start.take() {
            let w = &s[st..end];
            out.push(Tok::Word(w, is_name_word(w)));
        }
    };
    let mut i = 0;
    while i < s.len() {
        let rest = &s[i..];
        let c = rest.chars().next().unwrap_or(' ');
        if c == '§'
            && start.is_none()
            && let Some((len, nums)) = scan::section_list_prefix(rest)
        {
            out.push(Tok::Sections(nums));
            i += len;
            continue;
        }
        match c {
            ',' | '\t' | ';' => {
                flush(&mut start, i, &mut out);
                out.push(Tok::Sep);
            }
            '(' => {
                flush(&mut start, i, &mut out);
                let close = rest.find(')').unwrap_or(rest.len());
                let inner = rest[1..close].trim();
                if !inner.is_empty() {
                    out.push(Tok::Paren(inner));
                }
                i += (close + 1).min(rest.len());
                continue;
            }
            // Three spaces or more separate columns in `pdftotext -layout` text.
            c if c.is_whitespace() && rest.starts_with("   ") => {
                flush(&mut start, i, &mut out);
                if out.last() != Some(&Tok::Sep) {
                    out.push(Tok::Sep);
                }
                i += rest.len() - rest.trim_start().len();
                continue;
            }
            c if c.is_whitespace() => flush(&mut start, i, &mut out),
            _ => {
                if start.is_none() {
                    start = Some(i);
                }
            }
        }
        i += c.len_utf8();
    }
    flush(&mut start, s.len(), &mut out);
    out
}

const PARTICLES: [&str; 6] = ["von", "af", "de", "van", "der", "la"];

/// A word that can be part of a person's name: capitalised letters (hyphens and apostrophes
/// allowed), not an organisation word.
pub fn is_name_word(w: &str) -> bool {
    let mut chars = w.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    first.is_uppercase()
        && w.len() > 1
        && !matches!(w, "Anmält" | "Anmäld" | "Frånvarande" | "Närvarande")
        && w.chars()
            .all(|c| c.is_alphabetic() || c == '-' || c == '\'')
        && !w.ends_with('-')
        && !is_org_word(w)
        && !(w.chars().count() > 1 && w.chars().all(char::is_uppercase))
}

/// Words that name organisations and places of work, never people.
pub fn is_org_word(w: &str) -> bool {
    // Names are short: fold ASCII case into a stack buffer (the keys' non-ASCII letters are
    // never the capital of a word) and look for a key starting at each byte.
    let bytes = w.as_bytes();
    if bytes.len() < 5 || bytes.len() > 64 {
        return false;
    }
    let mut buf = [0u8; 64];
    let buf = &mut buf[..bytes.len()];
    buf.copy_from_slice(bytes);
    buf.make_ascii_lowercase();
    (0..buf.len()).any(|i| {
        let keys: &[&str] = match buf[i] {
            b'f' => &["förbund", "förening", "förvaltning"],
            b'k' => &["kommun", "kansli", "kontor"],
            b'r' => &["region"],
            b'l' => &["länsstyrelse", "landsting"],
            b'u' => &["universitet"],
            b'h' => &["högskola"],
            b'n' => &["nämnd"],
            b's' => &["styrelse", "stiftelse"],
            b'b' => &["bolag"],
            b'a' => &["arkiv", "avdelning"],
            b'c' => &["campus"],
            b'm' => &["myndighet"],
            b'd' => &["departement"],
            b'p' => &["partner"],
            b'e' => &["enhet"],
            _ => &[],
        };
        keys.iter().any(|k| buf[i..].starts_with(k.as_bytes()))
    })
}

/// Role words and abbreviations.
const ROLE_WORDS: [&str; 14] = [
    "ordf",
    "v",
    "vice",
    "andre",
    "förste",
    "1:e",
    "2:e",
    "1:a",
    "2:a",
    "ledamot",
    "ersättare",
    "adjungerad",
    "sekr",
    "ordinarie",
];
/// Endings of role words: förbunds*chef*, *sekreterare*, projekt*ledare*.
const ROLE_SUFFIXES: [&str; 22] = [
    "ordförande",
    "chef",
    "strateg",
    "ledare",
    "sekreterare",
    "direktör",
    "controller",
    "handläggare",
    "samordnare",
    "utredare",
    "ansvarig",
    "ombud",
    "revisor",
    "tjänsteman",
    "tjänsteperson",
    "ekonom",
    "jurist",
    "kommunikatör",
    "assistent",
    "rådgivare",
    "arkivarie",
    "konsult",
];

/// Lower-case words that begin or carry a role ("ordf", "förbundschef", "vice").
fn is_role_word(w: &str) -> bool {
    let l = w.to_lowercase();
    let l = l.trim_end_matches(['.', ':']);
    if l.starts_with(|c: char| c.is_ascii_digit()) {
        return true;
    }

    w.starts_with(|c: char| c.is_lowercase() || c.is_ascii_digit())
        && (ROLE_WORDS.contains(&l) || ROLE_SUFFIXES.iter().any(|s| l.ends_with(s)))
}

/// Whether a line starts with a name (two capitalised words), as a list of people does.
pub fn starts_with_name(text: &str) -> bool {
    let mut words = text.split(|c: char| c.is_whitespace() || c == ',' || c == '(');
    let first = words.next().unwrap_or("");
    let second = words
        .find(|w| !w.is_empty() && !PARTICLES.contains(w))
        .unwrap_or("");
    is_name_word(first) && is_name_word(second)
}

/// Splits a list of people into entries. Text that does not start with a name gives nothing.
pub fn split_people(text: &str) -> Vec<Entry> {
    let toks = tokenize(text);
    let segments: Vec<&[Tok]> = toks
        .split(|t| *t == Tok::Sep)
        .filter(|s| !s.is_empty())
        .collect();
    // "A B, C D, E F och G H": when most segments are bare two-to-four-word names, each is a
    // person, not the place of the one before.
    let bare =
        |s: &[Tok]| (2..=4).contains(&s.len()) && s.iter().all(|t| matches!(t, Tok::Word(_, true)));
    let mostly_names = segments.len() >= 3
        && segments.iter().filter(|s| bare(s)).count() * 4 >= segments.len() * 3;
    let mut people: Vec<Entry> = Vec::new();
    for (si, seg) in segments.iter().enumerate() {
        if si == 0 || people.is_empty() {
            let run = leading_name(seg);
            if run < 2 {
                if people.is_empty() {
                    return people;
                }
                describe(people.last_mut(), seg);
                continue;
            }
            people.push(Entry {
                name: words(&seg[..run]),
                ..Entry::default()
            });
            let mut rest = &seg[run..];
            if let Some(Tok::Word(w, _)) = rest.first()
                && w.eq_ignore_ascii_case("ersätter")
            {
                let r = leading_name(&rest[1..]);
                if r >= 2
                    && let Some(p) = people.last_mut()
                {
                    p.replaces = Some(words(&rest[1..=r]));
                    rest = &rest[1 + r..];
                }
            }
            continue_segment(&mut people, rest, false);
        } else if mostly_names && bare(seg) {
            people.push(Entry {
                name: words(seg),
                ..Entry::default()
            });
        } else {
            continue_segment(&mut people, seg, true);
        }
    }
    for p in &mut people {
        for field in [&mut p.role, &mut p.affiliation] {
            if let Some(v) = field {
                let t = trim_joiners(v);
                *field = (!t.is_empty()).then_some(t);
            }
        }
    }
    people
}

/// A segment after the first: either it describes the current person, or it ends with the name
/// of the next one (`förbundschef Elise Ackerot`, `Krokoms kommun Sara Schelin`, `och Emelie
/// Värja`), or it is a name on its own after the current person was already described.
fn continue_segment(people: &mut Vec<Entry>, seg: &[Tok], own_segment: bool) {
    // Two columns run together by an extractor: "ordförande Tobias Ring (M) för Ulf Dahl (M)"
    // after "Birgitta Öhman (S),": a name with a party in brackets inside the segment starts a
    // person of its own; what comes before it describes the one before.
    if let Some(j) = (1..seg.len()).find(|&j| {
        let run = leading_name(&seg[j..]);
        run >= 2
            && !matches!(seg[j - 1], Tok::Word(w, _) if is_replacing(w))
            && matches!(seg.get(j + run), Some(Tok::Paren(p)) if is_party(p))
    }) {
        let run = leading_name(&seg[j..]);
        describe(people.last_mut(), &seg[..j]);
        people.push(Entry {
            name: words(&seg[j..j + run]),
            ..Entry::default()
        });
        continue_segment(people, &seg[j + run..], false);
        return;
    }
    // "Jakob Nyberg (sekr)", "Eva Holm (S) § 4-6": a name its description follows.
    let lead = leading_name(seg);
    if own_segment && lead >= 2 && matches!(seg.get(lead), Some(Tok::Paren(_) | Tok::Sections(_))) {
        people.push(Entry {
            name: words(&seg[..lead]),
            ..Entry::default()
        });
        describe(people.last_mut(), &seg[lead..]);
        return;
    }
    let run = trailing_name(seg);
    if run >= 2 {
        let split = seg.len() - run;
        let prefix = &seg[..split];
        let described = people
            .last()
            .is_some_and(|p| p.role.is_some() || p.affiliation.is_some() || p.party.is_some());
        // A bare name in a list of bare names ("Amira Saleh, Per Olsson") is a person too; after
        // a person with no description yet it is more likely a place ("Anna Ek, Nya Hem").
        let bare_list = own_segment && run == seg.len() && run <= 3 && bare_names(people);
        if !prefix.is_empty() || (own_segment && described) || bare_list {
            // Four or more capitalised words: an organisation, then a two-word name.
            let (org, name) = if run >= 4 && prefix.is_empty() {
                (&seg[split..seg.len() - 2], &seg[seg.len() - 2..])
            } else if run == 3
                && !prefix.is_empty()
                && !prefix_ends_lower(prefix)
                && people.last().is_some_and(|p| p.affiliation.is_none())
            {
                (&seg[split..=split], &seg[split + 1..])
            } else {
                (&seg[split..split], &seg[split..])
            };
            describe(people.last_mut(), prefix);
            describe(people.last_mut(), org);
            people.push(Entry {
                name: words(name),
                ..Entry::default()
            });
            return;
        }
    }
    describe(people.last_mut(), seg);
}

/// Two people or more, all undescribed or described only by a bracket (`(ordf)`, `(S)`).
fn bare_names(people: &[Entry]) -> bool {
    people.len() >= 2 && people.iter().all(|p| p.affiliation.is_none())
}

fn prefix_ends_lower(prefix: &[Tok]) -> bool {
    matches!(prefix.last(), Some(Tok::Word(w, _)) if w.starts_with(char::is_lowercase))
}

/// How many tokens at the start form a name (two to four name words).
fn leading_name(seg: &[Tok]) -> usize {
    let mut n = 0;
    for (i, t) in seg.iter().enumerate() {
        match t {
            Tok::Word(_, true) => n = i + 1,
            Tok::Word(w, _) if i > 0 && PARTICLES.contains(w) => {}
            _ => break,
        }
        if n >= 4 {
            break;
        }
    }
    if n >= 2 { n } else { 0 }
}

/// How many tokens at the end form a name. A run right after another capitalised word
/// ("Region Jämtland Härjedalen") is the end of an organisation's name, not a person's.
fn trailing_name(seg: &[Tok]) -> usize {
    let mut n = 0;
    for t in seg.iter().rev() {
        match t {
            Tok::Word(_, true) => n += 1,
            Tok::Word(w, _) if w.starts_with(char::is_uppercase) => return 0,
            _ => break,
        }
    }
    n
}

fn words(toks: &[Tok]) -> String {
    toks.iter()
        .filter_map(|t| match t {
            Tok::Word(w, _) => Some(*w),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Applies a description (party, place, role, § list, ersätter) to a person.
fn describe(person: Option<&mut Entry>, toks: &[Tok]) {
    let Some(p) = person else { return };
    let mut aff: Vec<&str> = Vec::new();
    let mut role: Vec<&str> = Vec::new();
    // Once a role has begun, capitalised words after it are an organisation; once an
    // organisation has begun, a role word starts the role.
    let mut in_role = false;
    let mut in_aff_after_role = false;
    // Qualifiers of the next § list: "ej § 5", "del av § 7", "§ 4 - del av § 7".
    let mut before: &str = "";
    let (mut negated, mut partial) = (false, false);
    let mut range_from: Option<u32> = None;
    let mut iter = toks.iter().peekable();
    while let Some(t) = iter.next() {
        let prev = std::mem::take(&mut before);
        if let Tok::Word(w, _) = t {
            let lw = w.to_lowercase();
            // "X" under a column of presence marks; "anmält förhinder" and its kin say absent.
            if lw == "x" {
                continue;
            }
            if matches!(
                lw.as_str(),
                "förhinder" | "frånvarande" | "frånvarande." | "förhinder."
            ) || (lw == "närvarande" && prev.eq_ignore_ascii_case("ej"))
            {
                p.absent = true;
                role.retain(|r| !matches!(r.to_lowercase().as_str(), "anmält" | "anmäld" | "ej"));
                continue;
            }
            if matches!(
                lw.as_str(),
                "ej" | "utom" | "del" | "av" | "-" | "–" | "anmält" | "anmäld"
            ) && matches!(iter.peek(), Some(Tok::Sections(_) | Tok::Word(..)))
                && (lw != "av" || prev.eq_ignore_ascii_case("del"))
                && (!matches!(lw.as_str(), "anmält" | "anmäld")
                    || matches!(iter.peek(), Some(Tok::Word(n, _)) if n.eq_ignore_ascii_case("förhinder")))
                && (matches!(lw.as_str(), "anmält" | "anmäld")
                    || toks.iter().any(|t| matches!(t, Tok::Sections(_))))
            {
                negated |= lw == "ej" || lw == "utom";
                partial |= lw == "del";
                before = w;
                continue;
            }
        }
        match t {
            Tok::Paren(inner) => {
                if let Some(r) = inner.strip_prefix("ersätter ") {
                    p.replaces = Some(r.trim().to_owned());
                } else if is_party(inner) {
                    p.party = Some((*inner).to_owned());
                } else if inner.starts_with(char::is_lowercase) {
                    push_field(&mut p.role, inner);
                } else {
                    push_field(&mut p.affiliation, inner);
                }
            }
            Tok::Sections(n) => {
                let except = std::mem::take(&mut negated);
                if except {
                    // "ej del av § 7": present for all but a part of it, so not absent from it.
                    if !partial {
                        p.except.extend(n);
                    }
                } else if let (Some(from), Some(&to)) = (range_from, n.first())
                    && to > from
                    && to - from < 400
                {
                    // "§ 4 - del av § 7": from 4 to 7.
                    p.paragraphs
                        .get_or_insert_with(Vec::new)
                        .extend(from + 1..=to);
                    p.paragraphs.get_or_insert_with(Vec::new).extend(&n[1..]);
                } else {
                    p.paragraphs.get_or_insert_with(Vec::new).extend(n);
                }
                range_from = None;
                partial = false;
                if !except && matches!(iter.peek(), Some(Tok::Word(w, _)) if *w == "-" || *w == "–")
                {
                    range_from = n.last().copied();
                }
                if let Some(ps) = p.paragraphs.as_mut() {
                    ps.sort_unstable();
                    ps.dedup();
                }
            }
            Tok::Sep => {}
            Tok::Word(w, _)
                if is_replacing(w)
                    && (w.eq_ignore_ascii_case("ersätter")
                        || matches!(iter.peek(), Some(Tok::Word(_, true)))) =>
            {
                let mut rest: Vec<&str> = Vec::new();
                while let Some(Tok::Word(w, true)) = iter.peek() {
                    rest.push(w);
                    iter.next();
                }
                // "för Ulf Dahl (M)": the replaced member's party is not this person's.
                if matches!(iter.peek(), Some(Tok::Paren(x)) if is_party(x)) {
                    iter.next();
                }
                if rest.len() >= 2 || (rest.len() == 1 && w.eq_ignore_ascii_case("ersätter")) {
                    p.replaces = Some(rest.join(" "));
                }
            }
            Tok::Word(w, _) => {
                let cap = w.starts_with(char::is_uppercase);
                if in_aff_after_role || (in_role && cap) {
                    in_aff_after_role = true;
                    aff.push(w);
                } else if in_role || is_role_word(w) || (aff.is_empty() && !cap) {
                    in_role = true;
                    role.push(w);
                } else {
                    aff.push(w);
                }
            }
        }
    }
    if !aff.is_empty() {
        push_field(&mut p.affiliation, &aff.join(" "));
    }
    if !role.is_empty() {
        push_field(&mut p.role, &role.join(" "));
    }
}

fn push_field(field: &mut Option<String>, value: &str) {
    let value = trim_joiners(value);
    if value.is_empty() {
        return;
    }
    match field {
        Some(v) => {
            v.push_str(", ");
            v.push_str(&value);
        }
        None => *field = Some(value),
    }
}

fn trim_joiners(s: &str) -> String {
    let mut t = s
        .trim()
        .trim_matches(|c: char| c == ',' || c == ';' || c.is_whitespace());
    loop {
        let before = t;
        for j in [" och", " &", " samt", "och ", "& ", "samt "] {
            if let Some(r) = t.strip_suffix(j).filter(|_| j.starts_with(' ')) {
                t = r.trim_end();
            }
            if let Some(r) = t.strip_prefix(j).filter(|_| j.ends_with(' ')) {
                t = r.trim_start();
            }
        }
        if t == "och" || t == "&" || t == "samt" {
            t = "";
        }
        if t == before {
            break;
        }
    }
    t.to_owned()
}

/// "ersätter Name", "för Name": a substitute's member.
fn is_replacing(w: &str) -> bool {
    w.eq_ignore_ascii_case("ersätter") || w == "för"
}

/// `S`, `KD`, `MP`, `VF`: one to four capital letters.
pub fn is_party(s: &str) -> bool {
    (1..=4).contains(&s.chars().count()) && s.chars().all(char::is_uppercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(name: &str) -> Entry {
        Entry {
            name: name.into(),
            ..Entry::default()
        }
    }

    #[test]
    fn one_row_per_person() {
        let got = split_people("Erik Lövgren (S), Ånge, ordförande");
        assert_eq!(
            got,
            [Entry {
                party: Some("S".into()),
                affiliation: Some("Ånge".into()),
                role: Some("ordförande".into()),
                ..e("Erik Lövgren")
            }]
        );
        let got = split_people("John Åberg (S), Sollefteå 2 v ordf");
        assert_eq!(
            (got[0].affiliation.as_deref(), got[0].role.as_deref()),
            (Some("Sollefteå"), Some("2 v ordf"))
        );
        let got = split_people("Johannes Nordin, Örnsköldsvik (ersätter Anna-Britta Åkerlind)");
        assert_eq!(got[0].replaces.as_deref(), Some("Anna-Britta Åkerlind"));
        let got = split_people("Veronica Eklund ersätter Bo-Göran Danielsson, Bräcke");
        assert_eq!(
            (
                got[0].name.as_str(),
                got[0].replaces.as_deref(),
                got[0].affiliation.as_deref()
            ),
            (
                "Veronica Eklund",
                Some("Bo-Göran Danielsson"),
                Some("Bräcke")
            )
        );
        let got = split_people("Martine Eng, Åre § 28-30");
        assert_eq!(got[0].paragraphs, Some(vec![28, 29, 30]));
        let got = split_people("Glenn Nordlund ordförande");
        assert_eq!(got[0].role.as_deref(), Some("ordförande"));
        let got = split_people("Fredrik Kjellman Ölmerud, Kommunförbundet (sekreterare)");
        assert_eq!(
            (got[0].name.as_str(), got[0].role.as_deref()),
            ("Fredrik Kjellman Ölmerud", Some("sekreterare"))
        );
        let got = split_people("Johan Andersson, (C), Sollefteå");
        assert_eq!(
            (got[0].party.as_deref(), got[0].affiliation.as_deref()),
            (Some("C"), Some("Sollefteå"))
        );
        let got = split_people("Marie Marell\tKvalitetslab, projektledare\t§ 22");
        assert_eq!(
            (
                got[0].affiliation.as_deref(),
                got[0].role.as_deref(),
                got[0].paragraphs.clone()
            ),
            (Some("Kvalitetslab"), Some("projektledare"), Some(vec![22]))
        );
        assert_eq!(split_people("Anna Ek, Region Västernorrland").len(), 1);
    }

    #[test]
    fn whole_list_on_one_line() {
        let got = split_people(
            "Tomas Jonsson, Krokoms kommun Sara Schelin, Åre kommun Anda Embretzen, Härjedalen §§ 15-19, 21 Ralf Westerlund, Bergslagen länsstyrelse",
        );
        let names: Vec<&str> = got.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "Tomas Jonsson",
                "Sara Schelin",
                "Anda Embretzen",
                "Ralf Westerlund"
            ]
        );
        assert_eq!(got[0].affiliation.as_deref(), Some("Krokoms kommun"));
        assert_eq!(got[2].paragraphs, Some(vec![15, 16, 17, 18, 19, 21]));
        assert_eq!(
            got[3].affiliation.as_deref(),
            Some("Bergslagen länsstyrelse")
        );
        let got = split_people(
            "Martin Söderström, förbundschef Elise Ackerot, sekreterare Elin Ring, förbundsstrateg § 18 Elsy Bäckström, hälso- och sjukvårdspolitiska avdelningen Region Jämtland Härjedalen § 18",
        );
        let names: Vec<&str> = got.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "Martin Söderström",
                "Elise Ackerot",
                "Elin Ring",
                "Elsy Bäckström"
            ]
        );
        assert_eq!(got[2].paragraphs, Some(vec![18]));
        assert_eq!(
            got[3].affiliation.as_deref(),
            Some("Region Jämtland Härjedalen")
        );
    }

    #[test]
    fn prose_lists() {
        let got = split_people("Charlotte Sandelius, förbundsdirektör, Annelie Ledin, sekreterare");
        assert_eq!(got.len(), 2);
        assert_eq!(
            (got[1].name.as_str(), got[1].role.as_deref()),
            ("Annelie Ledin", Some("sekreterare"))
        );
        let got = split_people(
            "Eva Lindh, riksdagsledamot och utredare och Emelie Värja, huvudsekreterare Översyn av utjämningsystemet",
        );
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].role.as_deref(), Some("riksdagsledamot och utredare"));
        assert_eq!(got[1].name, "Emelie Värja");
        let got =
            split_people("Christina Andersson, projektledare & Elisabeth Wickzell, projektledare");
        assert_eq!(got.len(), 2);
        assert!(split_people("ordförande öppnar mötet").is_empty());
    }
}
