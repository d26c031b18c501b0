//! Decisions of one item, in every common form: a `Beslut` section; an intro ("Styrelsen
//! beslutar att:", "Mötet beslutade att …", "Styrelsen beslöt" / "att …", "Beslutades att …")
//! with bullets, `att` lines or one paragraph; `Att: …` / `Beslut: bifall` pairs (an approved
//! att-clause is a decision, a rejected one is kept as rejected); and — when an item has none of
//! these — sentences that decide by their verb ("Dagordningen godkännes.", "Mötet beviljar
//! styrelsen ansvarsfrihet."). A proposal (`Förslag till beslut`, `Sammanfattning`) is not a
//! decision.

use super::body::{SECTIONS, blocks, is_section_label};
use super::{Line, scan};

/// "Beslut", "Styrelsens beslut", "Styrelsen beslut", "Beslut:" — not "Förslag till beslut".
pub(super) fn is_decision_label(block: &[&str]) -> bool {
    if block.len() != 1 || block[0].split_whitespace().nth(4).is_some() {
        return false;
    }
    let t = block[0].trim_end_matches(':').trim();
    let last = t.split_whitespace().next_back().unwrap_or("");
    (scan::eq_lower(last, "beslut") || scan::eq_lower(last, "beslutet")) && {
        let lower = t.to_lowercase();
        !lower.contains("förslag") && !lower.contains("underlag")
    }
}

/// An intro that announces decisions: "beslutar" (or "besluta", "beslutas") within the first
/// eight words. Returns what follows that word.
///
/// The past tense ("beslutade", "beslöt", "beslutades") is how minutes outside the municipal
/// template record their own decisions ("Mötet beslutade att …", "Beslöts att …"), but in a
/// municipal § it tells what happened before ("Kommunfullmäktige beslutade 2021-06-14 att …"):
/// it decides only when the meeting itself is the subject, or there is none, and no date or
/// "tidigare" places it in the past.
fn decision_intro(line: &str) -> Option<&str> {
    // Every verb it knows holds "esl" (beslutar, beslöt …), in any case: most lines are ruled
    // out by memchr before their words are read.
    if !holds_esl(line.as_bytes()) || scan::strip_bullet(line).is_some() {
        return None;
    }
    let mut offset = 0;
    // The words before the verb: only none or one matter (see `own_meeting`).
    let mut before: (usize, &str) = (0, "");
    for (n, w) in line.split_inclusive(' ').enumerate() {
        if n >= 8 {
            break;
        }
        let bare = w.trim().trim_end_matches([':', ',']);
        if !bare.starts_with(['b', 'B']) {
            before = (before.0 + 1, if before.0 == 0 { bare } else { before.1 });
            offset += w.len();
            continue;
        }
        let lower = bare.to_lowercase();
        let present = matches!(lower.as_str(), "beslutar" | "besluta" | "beslutas");
        let past = matches!(
            lower.as_str(),
            "beslutade" | "beslöt" | "beslutades" | "beslöts"
        );
        let after = line[offset + w.len()..].trim();
        // "… beslutade att …", "… beslöt" / "att …" on the next line, "… beslutade enligt
        // förslaget": not "beslutade vid det senaste sammanträdet om …", which tells.
        let decides_here = after.is_empty()
            || ["att", "enligt", "i enlighet", "därmed", ":"]
                .iter()
                .any(|s| after.starts_with(s));
        if present || (past && decides_here && own_meeting(before)) {
            return Some(after);
        }
        before = (before.0 + 1, if before.0 == 0 { bare } else { before.1 });
        offset += w.len();
    }
    None
}

/// Whether `b` holds "esl", ASCII case ignored.
fn holds_esl(b: &[u8]) -> bool {
    memchr::memchr2_iter(b's', b'S', b).any(|i| {
        i >= 1 && b[i - 1] | 0x20 == b'e' && b.get(i + 1).is_some_and(|&n| n | 0x20 == b'l')
    })
}

/// Subjects of a past-tense decision that is this meeting's own: none ("Beslutades att"), "det",
/// or the meeting ("Mötet", "Årsmötet", "Stämman", "Styrelsen", "Gruppen").
fn own_meeting(before: (usize, &str)) -> bool {
    match before {
        (0, _) => true,
        (1, w) => {
            let l = w.to_lowercase();
            l == "det"
                || l == "vi"
                || [
                    "mötet",
                    "stämman",
                    "styrelsen",
                    "gruppen",
                    "sammanträdet",
                    "församlingen",
                ]
                .iter()
                .any(|s| l.ends_with(s))
        }
        _ => false,
    }
}

/// `Att: …` followed (after its wrapped lines) by `Beslut: bifall` or `Beslut: Attsatsen avslås`:
/// the clause and whether it was carried. Returns the clause, the verdict and the lines used.
fn att_pair(block: &[&str]) -> Option<(String, Option<bool>, usize)> {
    let first = block.first()?;
    let clause = first
        .strip_prefix("Att:")
        .or_else(|| first.strip_prefix("att:"))
        .or_else(|| first.strip_prefix("ATT:"))?;
    let mut text = clause.trim().to_owned();
    let mut k = 1;
    while k < block.len() {
        let l = block[k];
        if let Some(v) = l
            .strip_prefix("Beslut:")
            .or_else(|| l.strip_prefix("beslut:"))
        {
            let v = v.to_lowercase();
            let carried = [
                "bifall", "bifalls", "bifalles", "bifölls", "antas", "antogs", "godk", "ja",
            ]
            .iter()
            .any(|w| v.contains(w));
            let rejected = [
                "avslag", "avslås", "avslogs", "avslaget", "faller", "föll", "nej",
            ]
            .iter()
            .any(|w| v.contains(w));
            let verdict = match (carried, rejected) {
                (true, false) => Some(true),
                (false, true) => Some(false),
                _ => None,
            };
            return Some((text, verdict, k + 1));
        }
        if l.starts_with("Att:") || l.starts_with("att:") {
            break;
        }
        text.push(' ');
        text.push_str(l.trim());
        k += 1;
    }
    Some((text, None, k))
}

/// Sections whose sentences propose or tell, never decide.
const NOT_DECIDING: [&str; 7] = [
    "sammanfattning",
    "bakgrund",
    "ärendebeskrivning",
    "förslag",
    "beslutsunderlag",
    "yrkande",
    "yrkanden",
];

fn att_clause(line: &str) -> Option<&str> {
    let t = line.trim_start();
    t.strip_prefix("att ")
        .or_else(|| t.strip_prefix("Att "))
        .map(str::trim)
}

/// Items of a block: bullets and `att` lines each start an item; other lines continue the last
/// item, or (when the block has no markers) form one item together.
fn items(block: &[&str]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut marked = false;
    for line in block {
        if let Some(item) = scan::strip_bullet(line).or_else(|| att_clause(line)) {
            marked = true;
            out.push(item.to_owned());
        } else if let Some(last) = out.last_mut() {
            last.push(' ');
            last.push_str(line.trim());
        } else {
            out.push(line.trim().to_owned());
        }
    }
    if !marked && out.len() > 1 {
        return vec![out.join(" ")];
    }
    out
}

fn is_list_block(block: &[&str]) -> bool {
    block
        .iter()
        .all(|l| scan::strip_bullet(l).is_some() || att_clause(l).is_some())
}

/// The decisions of an item, and the att-clauses it rejected.
pub(super) fn read(lines: &[Line]) -> (Vec<String>, Vec<String>) {
    let bl = split_at_intros(blocks(lines));
    let mut out = Vec::new();
    let mut rejected = Vec::new();
    let mut i = 0;
    while i < bl.len() {
        if let Some((clause, verdict, used)) = att_pair(&bl[i]) {
            match verdict {
                Some(true) => out.push(clause),
                Some(false) => rejected.push(clause),
                None => {}
            }
            if used < bl[i].len() {
                // What follows the verdict in the same block is read on its own.
                let rest: Vec<&str> = bl[i][used..].to_vec();
                let (more, more_rejected) = read_blocks(&[rest]);
                out.extend(more);
                rejected.extend(more_rejected);
            }
            i += 1;
            continue;
        }
        if is_decision_label(&bl[i]) {
            i = decision_section(&bl, i + 1, &mut out);
            continue;
        }
        if let Some(after) = decision_intro(bl[i][0]) {
            i = intro(&bl, i, after, &mut out);
            continue;
        }
        i += 1;
    }
    if out.is_empty() && rejected.is_empty() {
        out = by_verb(&bl);
    }
    out.retain(|d| !d.is_empty());
    (out, rejected)
}

fn read_blocks(bl: &[Vec<&str>]) -> (Vec<String>, Vec<String>) {
    let lines: Vec<Line> = bl
        .iter()
        .flat_map(|b| {
            b.iter()
                .map(|t| (*t).to_owned())
                .chain(std::iter::once(String::new()))
        })
        .map(|t| Line {
            number: 0,
            t,
            level: 0,
            indent: 0,
        })
        .collect();
    read(&lines)
}

/// A block is cut where a decision intro or an `Att:` line starts inside it ("Diskussion om …
/// / Styrelsen beslutade att …"), so that each starts a block of its own.
fn split_at_intros(bl: Vec<Vec<&str>>) -> Vec<Vec<&str>> {
    let starts = |l: &str| {
        l.starts_with("Att:") || l.starts_with("att:") || {
            // Cheap first test: every intro verb holds "esl" (beslutar, beslöt …).
            l.contains("esl") && decision_intro(l).is_some()
        }
    };
    // Most items have no intro inside a block: then the blocks stand as they are.
    if !bl.iter().any(|b| b.iter().skip(1).any(|l| starts(l))) {
        return bl;
    }
    let mut out = Vec::with_capacity(bl.len());
    for b in bl {
        let mut cur: Vec<&str> = Vec::new();
        for l in b {
            if !cur.is_empty() && starts(l) {
                out.push(std::mem::take(&mut cur));
            }
            cur.push(l);
        }
        if !cur.is_empty() {
            out.push(cur);
        }
    }
    out
}

/// A `Beslut` section: every item until the next section heading.
fn decision_section(bl: &[Vec<&str>], mut i: usize, out: &mut Vec<String>) -> usize {
    let start = out.len();
    while i < bl.len() {
        let b = &bl[i];
        if let Some(after) = decision_intro(b[0]) {
            i = intro(bl, i, after, out);
            continue;
        }
        if is_section_label(b)
            && (out.len() > start || SECTIONS.iter().any(|s| b[0].to_lowercase().starts_with(s)))
        {
            break;
        }
        out.extend(items(b));
        i += 1;
    }
    i
}

/// An intro line: its own rest, the rest of its block, or the items right after it.
fn intro(bl: &[Vec<&str>], i: usize, after: &str, out: &mut Vec<String>) -> usize {
    let b = &bl[i];
    let after = after.trim_start_matches(':').trim();
    if let Some(clause) =
        att_clause(after).or_else(|| (after == "att" || after == "att:").then_some(""))
    {
        if !clause.is_empty() {
            let mut item = clause.trim_end_matches(':').to_owned();
            let more = items(&b[1..]);
            if more.is_empty() || !is_list_block(&b[1..]) {
                for m in &more {
                    item.push(' ');
                    item.push_str(m);
                }
                out.push(item);
            } else {
                out.push(item);
                out.extend(more);
            }
            return i + 1;
        }
    } else if !after.is_empty() {
        // "Styrelsen beslutar enligt ledningsgruppens förslag …": the whole sentence decides.
        out.push(b.join(" "));
        return i + 1;
    }
    if b.len() > 1 {
        out.extend(items(&b[1..]));
        return i + 1;
    }
    // The items follow in the next blocks: lists, or one paragraph.
    let mut j = i + 1;
    while j < bl.len() && is_list_block(&bl[j]) {
        out.extend(items(&bl[j]));
        j += 1;
    }
    if j == i + 1
        && j < bl.len()
        && !is_decision_label(&bl[j])
        && decision_intro(bl[j][0]).is_none()
    {
        out.extend(items(&bl[j]));
        j += 1;
    }
    j
}

/// Verbs that make a sentence a decision when a § has no decision section.
pub(super) fn decides(s: &str) -> bool {
    // Decision verbs are written in lower case mid-sentence; no need to fold the text.
    s.contains("till handlingarna")
        || s.split(|c: char| !c.is_alphanumeric()).any(|w| {
            matches!(
                w,
                "godkännes"
                    | "godkänns"
                    | "fastställs"
                    | "fastställes"
                    | "tillstyrker"
                    | "avstyrker"
                    | "utses"
                    | "väljs"
                    | "antas"
                    | "bifalls"
                    | "avslås"
                    | "beslutades"
                    | "beslöts"
                    | "godkändes"
                    | "fastställdes"
                    | "beviljades"
                    | "antogs"
                    | "valdes"
                    | "bifölls"
                    | "avslogs"
                    | "godkänner"
                    | "fastställer"
                    | "beviljar"
                    | "väljer"
                    | "antar"
                    | "beslutade"
                    | "beslöt"
                    | "valde"
                    | "godkände"
                    | "godkännde"
                    | "fann"
                    | "finner"
                    | "antog"
                    | "fastställde"
                    | "beviljade"
                    | "accepterades"
                    | "förklarades"
                    | "utsågs"
                    | "omvaldes"
                    | "nyvaldes"
                    | "godkänd"
                    | "godkända"
            )
        })
}

fn by_verb(bl: &[Vec<&str>]) -> Vec<String> {
    // A list right at the start of the § whose items decide ("a) Upprop genomförs", "b) Jenny
    // Kriström väljs att … justera"): all of its items are the decisions.
    if let Some(first) = bl.first()
        && is_list_block(first)
        && first.iter().any(|l| decides(l))
    {
        return items(first);
    }
    let mut out = Vec::new();
    let mut telling = false;
    for b in bl {
        if is_section_label(b) {
            let l = b[0].to_lowercase();
            telling = NOT_DECIDING.iter().any(|s| l.starts_with(s));
            continue;
        }
        if telling || scan::strip_bullet(b[0]).is_some() {
            continue;
        }
        let joined = b.join(" ");
        if !decides(&joined) {
            continue;
        }
        for s in sentences(&joined) {
            if decides(&s) {
                out.push(s);
            }
        }
    }
    out
}

/// Sentences: split after `.`, `!` or `?` followed by a space and a capital.
fn sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for k in 0..chars.len() {
        let (i, c) = chars[k];
        if matches!(c, '.' | '!' | '?')
            && chars.get(k + 1).is_some_and(|&(_, n)| n == ' ')
            && chars.get(k + 2).is_some_and(|&(_, n)| n.is_uppercase())
        {
            out.push(text[start..=i].trim().to_owned());
            start = i + 1;
        }
    }
    let last = text[start..].trim();
    if !last.is_empty() {
        out.push(last.to_owned());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intros_are_found_in_any_case() {
        assert_eq!(decision_intro("Styrelsen beslutar att"), Some("att"));
        assert_eq!(decision_intro("STYRELSEN BESLUTAR att"), Some("att"));
        assert_eq!(decision_intro("Mötet BeSlÖt"), Some(""));
        assert_eq!(
            decision_intro("Beslutades att: godkänna"),
            Some("att: godkänna")
        );
        assert_eq!(decision_intro("Styrelsen diskuterar"), None);
        assert_eq!(decision_intro("- Styrelsen beslutar att"), None);
    }
}
