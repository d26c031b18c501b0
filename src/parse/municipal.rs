//! What municipal protocols (fullmäktige, styrelser, nämnder, utskott) add to a §: motions
//! (yrkanden), votes with what yes and no meant and the roll call — as lists that wrap over
//! lines, one line per member, or `X` columns of an omröstningslista table — reservations, jäv,
//! protokollsanteckningar, immediate adjustment and "Beslutet skickas till"; and the meeting's
//! notice of adjustment (anslag/bevis).
//!
//! The § is read as sentences with the line each starts on, because these statements wrap
//! freely ("Följande ledamöter röstar JA: Anna Berg (S), Per\nOlsson (M) …").

use std::sync::LazyLock;

use super::Line;
use super::roster;
use super::scan::Needles;
use crate::date;
use crate::fold::Lowered;
use crate::model::{
    Ballot, Motion, Note, Notice, Paragraph, Recusal, Reservation, RollEntry, Substitute, Vote,
};

/// Sentences of the § with the line each starts on; blank lines end sentences too.
fn sentences(lines: &[Line]) -> Vec<(String, u32)> {
    let mut out: Vec<(String, u32)> = Vec::new();
    let mut cur = String::new();
    let mut start = 0;
    let flush = |cur: &mut String, start: u32, out: &mut Vec<(String, u32)>| {
        let t = cur.trim();
        if !t.is_empty() {
            out.push((t.to_owned(), start));
        }
        cur.clear();
    };
    for l in lines {
        if l.t.is_empty() {
            flush(&mut cur, start, &mut out);
            continue;
        }
        // A section heading ("Yrkanden", "Reservation") is not part of the sentence after it.
        if super::body::is_known_heading(&l.t) {
            flush(&mut cur, start, &mut out);
            continue;
        }
        // "Anna Berg (S) - JA": a roll-call line stands alone, with or without a period.
        if roll_line(&l.t).is_some() {
            flush(&mut cur, start, &mut out);
            out.push((l.t.clone(), l.number));
            continue;
        }
        for (k, piece) in split_sentences(&l.t).into_iter().enumerate() {
            if cur.is_empty() {
                start = l.number;
            } else if k == 0 {
                cur.push(' ');
            }
            cur.push_str(piece.trim());
            if piece.trim_end().ends_with(['.', '!', '?']) {
                flush(&mut cur, start, &mut out);
            }
        }
    }
    flush(&mut cur, start, &mut out);
    out
}

/// Splits after `. ` followed by a capital, keeping the period.
fn split_sentences(t: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut from = 0;
    let b = t.as_bytes();
    for i in 0..b.len() {
        if matches!(b[i], b'.' | b'!' | b'?')
            && b.get(i + 1) == Some(&b' ')
            && t[i + 2..].starts_with(char::is_uppercase)
        {
            out.push(&t[from..=i]);
            from = i + 2;
        }
    }
    out.push(&t[from..]);
    out
}

/// Swedish number words up to eighteen.
const UNITS: [(&str, u32); 20] = [
    ("noll", 0),
    ("en", 1),
    ("ett", 1),
    ("två", 2),
    ("tre", 3),
    ("fyra", 4),
    ("fem", 5),
    ("sex", 6),
    ("sju", 7),
    ("åtta", 8),
    ("nio", 9),
    ("tio", 10),
    ("elva", 11),
    ("tolv", 12),
    ("tretton", 13),
    ("fjorton", 14),
    ("femton", 15),
    ("sexton", 16),
    ("sjutton", 17),
    ("arton", 18),
];
/// Nineteen and the tens, which take a unit after them ("tjugoen").
const TENS: [(&str, u32); 9] = [
    ("nitton", 19),
    ("tjugo", 20),
    ("trettio", 30),
    ("fyrtio", 40),
    ("femtio", 50),
    ("sextio", 60),
    ("sjuttio", 70),
    ("åttio", 80),
    ("nittio", 90),
];

/// A number written with digits or Swedish words ("tjugo", "tjugoen", "fem").
pub fn number(word: &str) -> Option<u32> {
    let w = word
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    if let Ok(n) = w.parse() {
        return Some(n);
    }

    if let Some(&(_, n)) = UNITS.iter().find(|(u, _)| *u == w) {
        return Some(n);
    }
    for (t, n) in TENS {
        if let Some(rest) = w.strip_prefix(t) {
            if rest.is_empty() {
                return Some(n);
            }
            if n >= 20
                && let Some(&(_, u)) = UNITS
                    .iter()
                    .find(|(u, k)| *u == rest && (1..=9).contains(k))
            {
                return Some(n + u);
            }
        }
    }
    None
}

/// The number right before word `i` (skipping "ledamot", "ledamöter", "st").
fn number_before(words: &[&str], i: usize) -> Option<u32> {
    let mut j = i;
    while j > 0 {
        j -= 1;
        let w = words[j]
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        if matches!(w.as_str(), "ledamot" | "ledamöter" | "st" | "röster") {
            continue;
        }
        return number(&w);
    }
    None
}

/// The announced result of a vote in a sentence: "20 ja-röster, 8 nej-röster och 1 ledamot
/// avstår", "tjugo ja-röster mot nio nej-röster".
fn result(sentence: &str) -> Option<(u32, u32, Option<u32>, Option<u32>)> {
    let lower = sentence.to_lowercase();
    if !lower.contains("ja-röst") && !lower.contains("ja röst") && !lower.contains("jaröst") {
        return None;
    }
    let words: Vec<&str> = lower.split_whitespace().collect();
    let (mut yes, mut no, mut abstain, mut absent) = (None, None, None, None);
    for (i, w) in words.iter().enumerate() {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-');
        if w.starts_with("ja-röst")
            || w.starts_with("jaröst")
            || (w == "ja" && words.get(i + 1).is_some_and(|n| n.starts_with("röst")))
        {
            yes = yes.or_else(|| number_before(&words, i));
        } else if w.starts_with("nej-röst")
            || w.starts_with("nejröst")
            || (w == "nej" && words.get(i + 1).is_some_and(|n| n.starts_with("röst")))
        {
            no = no.or_else(|| number_before(&words, i));
        } else if w.starts_with("avstår") || w.starts_with("avstod") || w == "blanka" {
            abstain = abstain.or_else(|| number_before(&words, i));
        } else if w.starts_with("frånvarande") {
            absent = absent.or_else(|| number_before(&words, i));
        }
    }
    Some((yes?, no?, abstain, absent))
}

/// "JA = kommunstyrelsens förslag, NEJ = Roger Falks yrkande", or "den som vill bifalla X röstar
/// ja, den som vill bifalla Y röstar nej".
fn meanings(sentence: &str) -> Option<(String, String)> {
    let lowered = Lowered::new(sentence);
    let lower = lowered.as_str();
    let clean = |s: &str| {
        s.trim()
            .trim_matches(|c: char| matches!(c, ',' | '.' | ';' | ':' | '"'))
            .trim()
            .to_owned()
    };
    // Offsets come from `lowered`, which maps them back to `sentence` (see `fold::Lowered`).
    if let Some(ja) = lowered
        .find("ja =")
        .or_else(|| lowered.find("ja="))
        .or_else(|| lowered.find("ja-röst för "))
    {
        let after_ja = &sentence[ja.start..];
        let eq = after_ja.find(['=']).map_or(ja.len(), |k| k + 1);
        let rest = &after_ja[eq..];
        let rl = Lowered::new(rest);
        let nej = rl
            .find("nej =")
            .or_else(|| rl.find("nej="))
            .or_else(|| rl.find("nej-röst för "))?;
        let yes = clean(&rest[..nej.start]);
        let after_nej = &rest[nej.start..];
        let eq2 = after_nej.find('=').map_or(nej.len(), |k| k + 1);
        return Some((yes, clean(&after_nej[eq2..])));
    }
    if lower.contains("röstar ja") && lower.contains("röstar nej") {
        let part = |key: &str| -> Option<String> {
            let end = lowered.find(key)?.start;
            let start = lowered.rfind_before(end, "bifalla ")?.end;
            Some(clean(&sentence[start..end]))
        };
        return Some((part("röstar ja")?, part("röstar nej")?));
    }
    None
}

/// Which list a roll-call sentence opens: "Följande ledamöter röstar JA:", "… avstår:".
fn roll_heading(sentence: &str) -> Option<(Ballot, usize)> {
    let colon = sentence.find(':')?;
    let head = sentence[..colon].to_lowercase();
    if !(head.contains("följande") || head.contains("röstar") || head.contains("röstade")) {
        return None;
    }
    let ballot = if head.ends_with(" ja")
        || head.contains("röstar ja")
        || head.contains("röstade ja")
    {
        Ballot::Yes
    } else if head.ends_with(" nej") || head.contains("röstar nej") || head.contains("röstade nej")
    {
        Ballot::No
    } else if head.contains("avstår") || head.contains("avstod") {
        Ballot::Abstain
    } else if head.contains("frånvarande") {
        Ballot::Absent
    } else {
        return None;
    };
    Some((ballot, colon + 1))
}

/// "Anna Berg (S), Per Olsson (M) och Eva Lind (C)" as entries.
fn roll_names(text: &str, vote: Ballot) -> Vec<RollEntry> {
    let text = text.replace(" och ", ", ").replace(" samt ", ", ");
    text.split(',')
        .filter_map(|part| {
            let part = part.trim().trim_end_matches('.');
            let (name, party) = match part.find('(') {
                Some(i) => (
                    part[..i].trim(),
                    part[i + 1..].split(')').next().map(|p| p.trim().to_owned()),
                ),
                None => (part, None),
            };
            (name.split_whitespace().count() >= 2
                && name.split_whitespace().all(roster::is_name_word))
            .then(|| RollEntry {
                name: name.to_owned(),
                party,
                vote,
            })
        })
        .collect()
}

/// "Anna Berg (S) - JA", "Per Olsson (M): nej", "Eva Lind (C) Avstår".
fn roll_line(t: &str) -> Option<RollEntry> {
    let t = t.trim().trim_end_matches('.');
    // The last letter of "ja", "nej", "avstår" or "frånvarande" first: most lines end otherwise.
    if !t.ends_with(['a', 'A', 'j', 'J', 'r', 'R', 'e', 'E']) || !t.contains('(') {
        return None;
    }
    // Only the end of the line can be the vote: lowercase just that.
    let tail_start = t
        .char_indices()
        .rev()
        .nth("frånvarande".chars().count() - 1)
        .map_or(0, |(i, _)| i);
    let tail = Lowered::new(&t[tail_start..]);
    let (vote, cut) = [
        ("ja", Ballot::Yes),
        ("nej", Ballot::No),
        ("avstår", Ballot::Abstain),
        ("frånvarande", Ballot::Absent),
    ]
    .into_iter()
    .find_map(|(w, b)| {
        tail.as_str()
            .strip_suffix(w)
            .map(|rest| (b, tail_start + tail.start(rest.len())))
    })?;
    let head = t[..cut].trim_end().trim_end_matches(['-', '–', ':']).trim();
    let e = roll_names(head, vote);
    (e.len() == 1 && head.contains('('))
        .then(|| e.into_iter().next())
        .flatten()
}

/// The first name (two to four capitalised words) in a sentence, skipping a capital that only
/// starts the sentence, with the party in brackets after it.
fn first_name(s: &str) -> Option<(String, Option<String>)> {
    let words: Vec<&str> = s.split_whitespace().collect();
    let mut i = 0;
    while i < words.len() {
        let mut j = i;
        while j < words.len()
            && j - i < 4
            && roster::is_name_word(words[j].trim_end_matches([',', ':']))
        {
            j += 1;
        }
        if j - i >= 2 {
            let name = words[i..j]
                .iter()
                .map(|w| w.trim_end_matches([',', ':']))
                .collect::<Vec<_>>()
                .join(" ");
            let party = words.get(j).filter(|w| w.starts_with('(')).map(|w| {
                w.trim_matches(|c: char| matches!(c, '(' | ')' | ',' | ':' | '.'))
                    .to_owned()
            });
            return Some((name, party.filter(|p| roster::is_party(p))));
        }
        i = j.max(i + 1);
    }
    None
}

const PARTY_NAMES: [(&str, &str); 8] = [
    ("socialdemokrat", "S"),
    ("moderat", "M"),
    ("centerpartie", "C"),
    ("vänsterpartie", "V"),
    ("kristdemokrat", "KD"),
    ("liberal", "L"),
    ("miljöpartie", "MP"),
    ("sverigedemokrat", "SD"),
];

/// Reservation: who, which party groups, written or not.
fn reservation(sentence: &str, line: u32) -> Option<Reservation> {
    let lowered = Lowered::new(sentence);
    let lower = lowered.as_str();
    let at = lowered
        .find("reserverar sig")
        .or_else(|| lowered.find("reserverade sig"))?
        .start;
    let subject = &sentence[..at];
    let mut parties = Vec::new();
    for w in subject.split_whitespace() {
        let lw = w.to_lowercase();
        if let Some(p) = lw
            .strip_suffix("-ledamöterna")
            .or_else(|| lw.strip_suffix("-gruppen"))
            .or_else(|| lw.strip_suffix("-ledamoten"))
        {
            parties.push(p.to_uppercase());
        } else if let Some(&(_, abbr)) = PARTY_NAMES.iter().find(|(name, _)| lw.starts_with(name))
            && (lower.contains("ledamöter") || lower.contains("ledamot") || lower.contains("grupp"))
        {
            parties.push(abbr.to_owned());
        }
    }
    let names: Vec<String> = roll_names(subject.trim(), Ballot::No)
        .into_iter()
        .map(|e| e.name)
        .collect();
    let written = lower.contains("skriftlig") || lower.contains("bilaga");
    (!names.is_empty() || !parties.is_empty()).then(|| Reservation {
        names,
        parties,
        written,
        text: sentence.to_owned(),
        line,
    })
}

/// "Anna Lind (C) tjänstgör som ersättare för Erik Sundin", "… tjänstgör i stället för …",
/// "Anna Lind (C) ersätter Erik Sundin (C)", "I stället tjänstgör Anna Lind (C)": said inside a
/// §, it holds for that § only.
fn substitution(s: &str, line: u32) -> Option<Substitute> {
    let lower = Lowered::new(s);
    let (at, verb) = [" tjänstgör ", " ersätter "]
        .iter()
        .find_map(|v| lower.find(v).map(|r| (r, *v)))?;
    let after = &s[at.end..];
    let (name, party) = first_name(s).or_else(|| first_name(after))?;
    let whom = if verb == " ersätter " {
        after
    } else {
        &s[lower.find_from(at.start, " för ")?.end..]
    };
    let (replaces, _) = first_name(whom)?;
    (!super::same_name(&name, &replaces)).then_some(Substitute {
        name,
        party,
        replaces,
        line,
    })
}

/// Words at least one of which every municipal statement has (ASCII letters lowercased).
static STATEMENTS: LazyLock<Needles> = LazyLock::new(|| {
    Needles::new(&[
        "röst",
        "följande",
        "=",
        "yrka",
        "reserver",
        "jäv",
        "anteckning",
        "omedelbart",
        "tjänstgör",
        "ersätter",
    ])
});

/// Whether a § can hold anything [`read`] looks for: most § of most protocols hold none, and
/// one pass over their bytes is cheaper than reading them sentence by sentence.
fn worth_reading(lines: &[Line]) -> bool {
    let mut folded = Vec::with_capacity(lines.iter().map(|l| l.t.len() + 1).sum());
    for l in lines {
        folded.extend_from_slice(l.t.as_bytes());
        folded.push(b'\n');
    }
    folded.make_ascii_lowercase();
    STATEMENTS.any_in(&folded) || lines.iter().any(|l| roll_line(&l.t).is_some())
}

/// Reads a §'s municipal statements into `p`.
pub fn read(lines: &[Line], p: &mut Paragraph) {
    p.sent_to = sent_to(lines);
    if !worth_reading(lines) {
        return;
    }
    let sents = sentences(lines);
    let mut pending_means: Option<(String, String)> = None;
    let mut pending_roll: Vec<RollEntry> = Vec::new();
    let mut roll_mode: Option<Ballot> = None;
    for (k, (s, line)) in sents.iter().enumerate() {
        if let Some((ballot, from)) = roll_heading(s) {
            roll_mode = Some(ballot);
            pending_roll.extend(roll_names(&s[from..], ballot));
            continue;
        }
        if let Some(entry) = roll_line(s) {
            pending_roll.push(entry);
            continue;
        }
        // A roll list wraps into the next "sentence" when a name ends a line with a period.
        if let Some(ballot) = roll_mode.take()
            && !s.contains(':')
            && s.split(',').count() > 1
            && k > 0
        {
            let more = roll_names(s, ballot);
            if !more.is_empty() {
                pending_roll.extend(more);
                roll_mode = Some(ballot);
                continue;
            }
        }
        // An ASCII-lowercased copy first: cheaper than full lowercasing, which only the
        // sentences with a statement word need (measured: +1 % instructions for the corpus).
        if !STATEMENTS.any_in(s.to_ascii_lowercase().as_bytes()) {
            continue;
        }
        let lowered = Lowered::new(s);
        let lower = lowered.as_str();
        let about_votes = lower.contains("röst");
        if let Some(m) = (about_votes || lower.contains('='))
            .then(|| meanings(s))
            .flatten()
        {
            pending_means = Some(m);
        }
        if let Some((yes, no, abstain, absent)) = about_votes.then(|| result(s)).flatten() {
            let (yes_means, no_means) = pending_means
                .take()
                .map_or((None, None), |(a, b)| (Some(a), Some(b)));
            p.votes.push(Vote {
                yes: Some(yes),
                no: Some(no),
                abstain,
                absent,
                yes_means,
                no_means,
                line: *line,
                roll: Vec::new(),
            });
        }
        if lower.contains(" yrkar ")
            && !lower.starts_with("ordförande")
            && let Some((by, party)) = first_name(s)
        {
            let text = s[lowered.find(" yrkar ").map_or(0, |r| r.end)..]
                .trim()
                .to_owned();
            p.motions.push(Motion {
                by,
                party,
                text,
                line: *line,
            });
        }
        if let Some(r) = lower
            .contains("reserver")
            .then(|| reservation(s, *line))
            .flatten()
        {
            p.reservations.push(r);
        }
        if lower.contains("jäv")
            && (lower.contains("anmäler")
                || lower.contains("deltar inte")
                || lower.contains("på grund av jäv"))
            && let Some((name, _)) = first_name(s)
        {
            p.recusals.push(Recusal { name, line: *line });
        }
        if let Some(sub) = (lower.contains("tjänstgör ") || lower.contains("ersätter "))
            .then(|| substitution(s, *line))
            .flatten()
        {
            p.substitutes.push(sub);
        }
        if lower.contains("protokollsanteckning")
            && !lower.starts_with("protokollsanteckning")
            && let Some((by, _)) = first_name(s)
        {
            let text = s
                .split_once(':')
                .map_or_else(|| s.clone(), |(_, t)| t.trim().to_owned());
            p.notes.push(Note {
                by,
                text,
                line: *line,
            });
        }
        if lower.contains("omedelbart justera") {
            p.immediately_adjusted = true;
        }
    }
    if !pending_roll.is_empty() {
        match p.votes.last_mut() {
            Some(v) if v.roll.is_empty() => v.roll = pending_roll,
            _ => p.votes.push(Vote {
                line: lines.first().map_or(0, |l| l.number),
                roll: pending_roll,
                ..Vote::default()
            }),
        }
    }
}

static TILL: LazyLock<Needles> = LazyLock::new(|| Needles::new(&["till", "TILL"]));

/// "Beslutet skickas till", "Expedieras till": on the line or the lines after, until a blank.
fn sent_to(lines: &[Line]) -> Vec<String> {
    let labels = [
        "beslutet skickas till",
        "beslutet expedieras till",
        "expedieras till",
        "skickas till",
        "beslutet ska skickas till",
    ];
    let mut out = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        // Every label ends in "till": most lines are done with at this test.
        if !TILL.any_in(l.t.as_bytes()) {
            continue;
        }
        let Some(value) = labels
            .iter()
            .find_map(|lab| super::scan::after_label(&l.t, lab))
        else {
            continue;
        };
        let mut parts: Vec<String> = Vec::new();
        let mut push = |text: &str| {
            for item in text.split([',', ';']).flat_map(split_och) {
                let item = super::scan::strip_bullet(item)
                    .unwrap_or(item)
                    .trim()
                    .trim_end_matches('.');
                if !item.is_empty() {
                    parts.push(item.to_owned());
                }
            }
        };
        if value.is_empty() {
            for next in lines[i + 1..]
                .iter()
                .skip_while(|x| x.t.is_empty())
                .take_while(|x| !x.t.is_empty())
            {
                push(&next.t);
            }
        } else {
            push(value);
        }
        out.extend(parts);
    }
    out
}

/// "Räddningsnämnden och Revisionen" are two; "Miljö- och byggnämnden" is one.
fn split_och(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(k) = s[from..].find(" och ") {
        let at = from + k;
        if s[..at].ends_with('-') {
            let next = at + " och ".len();
            if let Some(k2) = s[next..].find(" och ") {
                out.push(&s[from..next + k2]);
                from = next + k2 + " och ".len();
            } else {
                break;
            }
        } else {
            out.push(&s[from..at]);
            from = at + " och ".len();
        }
    }
    out.push(&s[from..]);
    out
}

/// What a notice label introduces.
#[derive(Clone, Copy)]
enum Slot {
    Posted,
    Removed,
    Kept,
    /// The organ and the meeting date: read elsewhere, but they take their values here too.
    Other,
}

/// The notice label `t` starts with, and the value after it.
fn label_of<'t>(slots: &[(&[&str], Slot)], t: &'t str) -> Option<(Slot, &'t str)> {
    slots.iter().find_map(|(labels, slot)| {
        labels
            .iter()
            .find_map(|lab| super::scan::after_label(t, lab))
            .map(|v| (*slot, v))
    })
}

fn fill(n: &mut Notice, slot: Slot, value: &str, line: u32) {
    let first_date = || date::find_dates(value).first().map(|f| f.date.to_string());
    match slot {
        Slot::Posted => {
            n.posted = first_date();
            n.line = line;
        }
        Slot::Removed => {
            n.removed = first_date();
            n.line = n.line.max(1).min(line);
        }
        Slot::Kept => {
            let v = value.trim().trim_end_matches('.');
            n.kept_at = (!v.is_empty()).then(|| v.to_owned());
        }
        Slot::Other => {}
    }
}

/// Every notice label names the anslag or the förvaring: most forms have neither.
static NOTICE_WORDS: LazyLock<Needles> =
    LazyLock::new(|| Needles::new(&["nslag", "NSLAG", "örvar", "ÖRVAR"]));

/// The notice of adjustment (anslag/bevis): when posted, when taken down, where kept.
pub fn notice(lines: &[Line]) -> Option<Notice> {
    let posted_labels = [
        "datum för anslags uppsättande",
        "datum då anslaget sätts upp",
        "anslaget sätts upp",
        "anslaget uppsatt",
        "anslaget har satts upp",
        "anslag uppsatt",
    ];
    let removed_labels = [
        "datum för anslags nedtagande",
        "datum då anslaget tas ned",
        "anslaget tas ned",
        "anslaget tas ner",
        "anslaget nedtas",
        "anslag nedtaget",
    ];
    let kept_labels = [
        "förvaringsplats för protokollet",
        "protokollet förvaras",
        "förvaringsplats",
    ];
    let slots: [(&[&str], Slot); 4] = [
        (&posted_labels, Slot::Posted),
        (&removed_labels, Slot::Removed),
        (&kept_labels, Slot::Kept),
        (&["organ", "sammanträdesdatum"], Slot::Other),
    ];
    let first = lines
        .iter()
        .position(|l| NOTICE_WORDS.any_in(l.t.as_bytes()))?;
    // The block starts there, or with the organ and meeting date labelled just above.
    let mut start = first;
    while let Some(k) = lines[..start].iter().rposition(|l| !l.t.is_empty())
        && matches!(label_of(&slots, &lines[k].t), Some((Slot::Other, _)))
    {
        start = k;
    }
    // Labels and values pair in order: a value beside its label, or — in a form exported one
    // cell per line — a column of labels, then their values. A date label waits for a date.
    let mut n = Notice::default();
    let mut waiting: std::collections::VecDeque<(Slot, u32)> = std::collections::VecDeque::new();
    let mut after_label = false;
    for l in lines[start..].iter().filter(|l| !l.t.is_empty()) {
        let labelled = label_of(&slots, &l.t);
        // Not values: a label's wrapped end ("Förvaringsplats" / "för protokollet") and the
        // other labels of the page ("Underskrift").
        let not_value = labelled.is_none()
            && !waiting.is_empty()
            && ((after_label && l.t.starts_with(char::is_lowercase))
                || super::header::label(&l.t).is_some());
        after_label = labelled.is_some() || (after_label && not_value);
        match labelled {
            Some((slot, "")) => waiting.push_back((slot, l.number)),
            Some((slot, v)) => fill(&mut n, slot, v, l.number),
            None if not_value => {}
            None => {
                let dated =
                    l.t.split_whitespace().nth(4).is_none() && !date::find_dates(&l.t).is_empty();
                if let Some(k) = waiting
                    .iter()
                    .position(|(slot, _)| dated || !matches!(slot, Slot::Posted | Slot::Removed))
                    && let Some((slot, line)) = waiting.remove(k)
                {
                    fill(&mut n, slot, &l.t, line);
                }
            }
        }
    }
    (n.posted.is_some() || n.removed.is_some()).then_some(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<Line> {
        text.lines()
            .enumerate()
            .map(|(i, t)| Line {
                number: i as u32 + 1,
                t: t.trim().to_owned(),
                level: 0,
                indent: 0,
            })
            .collect()
    }

    #[test]
    fn numbers_as_digits_and_words() {
        assert_eq!(number("12"), Some(12));
        assert_eq!(number("fem"), Some(5));
        assert_eq!(number("tjugo"), Some(20));
        assert_eq!(number("tjugoen"), Some(21));
        assert_eq!(number("trettiotvå"), Some(32));
        assert_eq!(number("nitton"), Some(19));
        assert_eq!(number("många"), None);
    }

    #[test]
    fn results_in_several_forms() {
        assert_eq!(
            result("Omröstningen utfaller med 15 ja-röster mot 5 nej-röster."),
            Some((15, 5, None, None))
        );
        assert_eq!(
            result("12 ja-röster, 7 nej-röster och 1 ledamot avstår"),
            Some((12, 7, Some(1), None))
        );
        assert_eq!(
            result("Med tjugo ja-röster mot nio nej-röster bifalls förslaget."),
            Some((20, 9, None, None))
        );
        assert_eq!(result("Ingen omröstning begärs."), None);
    }

    #[test]
    fn what_yes_and_no_meant() {
        assert_eq!(
            meanings("JA = kommunstyrelsens förslag, NEJ = Roger Falks yrkande."),
            Some((
                "kommunstyrelsens förslag".into(),
                "Roger Falks yrkande".into()
            ))
        );
        assert_eq!(
            meanings(
                "Den som vill bifalla kommunstyrelsens förslag röstar ja, den som vill bifalla motionen röstar nej."
            ),
            Some(("kommunstyrelsens förslag".into(), "motionen".into()))
        );
    }

    #[test]
    fn a_vote_with_a_wrapped_roll_call() {
        let text = "JA = kommunstyrelsens förslag, NEJ = Roger Falks yrkande.\n\nFöljande ledamöter röstar JA: Anna Berg (S), Per\nOlsson (M) och Eva Lind (C).\nFöljande ledamot röstar NEJ: Roger Falk (SD).\n\nOmröstningen utfaller med 3 ja-röster mot 1 nej-röst.\n\nRoger Falk (SD) reserverar sig mot beslutet.";
        let mut p = Paragraph::default();
        read(&lines(text), &mut p);
        assert_eq!(p.votes.len(), 1);
        let v = &p.votes[0];
        assert_eq!(
            (v.yes, v.no, v.yes_means.as_deref()),
            (Some(3), Some(1), Some("kommunstyrelsens förslag"))
        );
        let names: Vec<(&str, Ballot)> = v.roll.iter().map(|e| (e.name.as_str(), e.vote)).collect();
        assert_eq!(
            names,
            [
                ("Anna Berg", Ballot::Yes),
                ("Per Olsson", Ballot::Yes),
                ("Eva Lind", Ballot::Yes),
                ("Roger Falk", Ballot::No)
            ]
        );
        assert_eq!(p.reservations[0].names, ["Roger Falk"]);
    }

    #[test]
    fn one_line_rolls_motions_jav_notes() {
        let text = "Maria Holm (S) yrkar bifall till förslaget.\nAnna Berg (S) - JA\nPer Olsson (M) – Nej\n\nErik Sundin (C) anmäler jäv och deltar inte i handläggningen.\n\nFredrik Alm (V) får lämna en protokollsanteckning: vi vill se en plan.\n\nM-ledamöterna reserverar sig skriftligen, bilaga 2.\n\nParagrafen förklaras omedelbart justerad.\n\nBeslutet skickas till\n- Ekonomiavdelningen\n- Räddningstjänsten\n";
        let mut p = Paragraph::default();
        read(&lines(text), &mut p);
        assert_eq!(
            (p.motions[0].by.as_str(), p.motions[0].party.as_deref()),
            ("Maria Holm", Some("S"))
        );
        assert_eq!(p.motions[0].text, "bifall till förslaget.");
        assert_eq!(p.votes[0].roll.len(), 2);
        assert_eq!(p.recusals[0].name, "Erik Sundin");
        assert_eq!(
            (p.notes[0].by.as_str(), p.notes[0].text.as_str()),
            ("Fredrik Alm", "vi vill se en plan.")
        );
        assert_eq!(
            (p.reservations[0].parties.clone(), p.reservations[0].written),
            (vec!["M".to_owned()], true)
        );
        assert!(p.immediately_adjusted);
        assert_eq!(p.sent_to, ["Ekonomiavdelningen", "Räddningstjänsten"]);
    }

    #[test]
    fn notices() {
        let n = notice(&lines("Datum för anslags uppsättande 2024-03-29\nDatum för anslags nedtagande 2024-04-22\nFörvaringsplats för protokollet Kommunkansliet")).unwrap();
        assert_eq!(
            (
                n.posted.as_deref(),
                n.removed.as_deref(),
                n.kept_at.as_deref()
            ),
            (
                Some("2024-03-29"),
                Some("2024-04-22"),
                Some("Kommunkansliet")
            )
        );
    }
}
