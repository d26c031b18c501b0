//! The part of a protocol before its first §: title, labelled fields (`Plats:`, `Tid och plats`,
//! `Paragrafer 19-25`, `Justeringens tid och plats`), the roster, adjusters and signature
//! blocks. Labels are one table ([`LABELS`]); a label's value may be on its own line, on the next
//! lines, or wrap. Also reads the e-signature appendix after the last §.

use super::Line;
use super::roster::{self, Entry};
use super::scan;
use crate::date;
use crate::model::{Group, Signature};

/// What a label introduces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Place,
    Time,
    TimePlace,
    Roster(Group, bool),
    Adjusters,
    Justering,
    Range,
    Signatures,
    SigRole(&'static str),
    /// "Vid protokollet", "Justeras": a role with its name on the line, or else the head of a
    /// signature block whose names and roles follow.
    SigBlock(&'static str),
    Ignore,
}

/// Every label we know, lower case. Matching tries longer labels first.
pub const LABELS: &[(&str, Field)] = &[
    ("justeringens tid och plats", Field::Justering),
    ("justeringens plats och tid", Field::Justering),
    ("tid och plats för justering", Field::Justering),
    ("justeringens tid", Field::Justering),
    ("justeringens plats", Field::Justering),
    ("justeringsdatum", Field::Justering),
    ("justering", Field::Justering),
    ("utses att justera", Field::Adjusters),
    ("utsedd att justera", Field::Adjusters),
    ("utsedda att justera", Field::Adjusters),
    ("att justera", Field::Adjusters),
    ("protokollsjusterare", Field::Adjusters),
    ("justeras av", Field::Signatures),
    ("datum, tid och plats", Field::TimePlace),
    ("tid och plats", Field::TimePlace),
    ("plats och tid", Field::TimePlace),
    ("datum och tid", Field::TimePlace),
    ("datum och plats", Field::TimePlace),
    ("sammanträdesdatum", Field::Time),
    ("mötesdatum", Field::Time),
    ("datum", Field::Time),
    ("tidpunkt", Field::Time),
    ("tid", Field::Time),
    ("sammanträdesplats", Field::Place),
    ("mötesplats", Field::Place),
    ("plats", Field::Place),
    ("lokal", Field::Place),
    (
        "ej närvarande (beslutande)",
        Field::Roster(Group::Member, false),
    ),
    (
        "ej närvarande (ersättare)",
        Field::Roster(Group::Substitute, false),
    ),
    (
        "ej närvarande ersättare",
        Field::Roster(Group::Substitute, false),
    ),
    (
        "ej närvarande ledamöter",
        Field::Roster(Group::Member, false),
    ),
    (
        "frånvarande ersättare",
        Field::Roster(Group::Substitute, false),
    ),
    (
        "frånvarande utan ersättare",
        Field::Roster(Group::Member, false),
    ),
    ("frånvarande ledamöter", Field::Roster(Group::Member, false)),
    ("frånvarande", Field::Roster(Group::Member, false)),
    ("ej närvarande", Field::Roster(Group::Member, false)),
    ("anmält förhinder", Field::Roster(Group::Member, false)),
    ("deltagare (beslutande)", Field::Roster(Group::Member, true)),
    ("närvarande beslutande", Field::Roster(Group::Member, true)),
    ("beslutande ledamöter", Field::Roster(Group::Member, true)),
    ("närvarande ledamöter", Field::Roster(Group::Member, true)),
    (
        "tjänstgörande ersättare",
        Field::Roster(Group::Member, true),
    ),
    (
        "ej tjänstgörande ersättare",
        Field::Roster(Group::Substitute, true),
    ),
    (
        "närvarande ersättare",
        Field::Roster(Group::Substitute, true),
    ),
    ("övriga ersättare", Field::Roster(Group::Substitute, true)),
    ("ersättare", Field::Roster(Group::Substitute, true)),
    (
        "närvarande suppleanter",
        Field::Roster(Group::Substitute, true),
    ),
    ("suppleanter", Field::Roster(Group::Substitute, true)),
    ("sekretariatet", Field::Roster(Group::Staff, true)),
    ("adjungerade", Field::Roster(Group::Staff, true)),
    ("adjungerad", Field::Roster(Group::Staff, true)),
    ("kallade", Field::Roster(Group::Member, true)),
    ("beslutande", Field::Roster(Group::Member, true)),
    ("ledamöter", Field::Roster(Group::Member, true)),
    ("närvarande", Field::Roster(Group::Member, true)),
    ("närvaro", Field::Roster(Group::Member, true)),
    ("deltagare", Field::Roster(Group::Member, true)),
    ("övriga deltagare", Field::Roster(Group::Staff, true)),
    ("övriga deltagande", Field::Roster(Group::Staff, true)),
    ("övriga närvarande", Field::Roster(Group::Staff, true)),
    (
        "närvarande tjänstepersoner",
        Field::Roster(Group::Staff, true),
    ),
    ("tjänstepersoner", Field::Roster(Group::Staff, true)),
    ("tjänstemän", Field::Roster(Group::Staff, true)),
    ("övriga", Field::Roster(Group::Staff, true)),
    ("samt", Field::Roster(Group::Staff, true)),
    ("inbjudna gäster", Field::Roster(Group::Guest, true)),
    ("inbjudna", Field::Roster(Group::Guest, true)),
    ("gäster", Field::Roster(Group::Guest, true)),
    ("gäst", Field::Roster(Group::Guest, true)),
    ("paragrafer", Field::Range),
    ("paragraf", Field::Range),
    ("protokollet omfattar", Field::Range),
    ("underskrifter", Field::Signatures),
    ("underskrift", Field::Signatures),
    ("signaturer", Field::Signatures),
    ("vice ordförande", Field::SigRole("vice ordförande")),
    ("sekreterare", Field::SigRole("sekreterare")),
    ("ordförande", Field::SigRole("ordförande")),
    ("justerande", Field::SigRole("justerande")),
    ("justerare", Field::SigRole("justerare")),
    // Signature blocks of minutes outside the municipal template.
    ("vid protokollet", Field::SigBlock("sekreterare")),
    ("protokollförare", Field::SigRole("sekreterare")),
    ("mötessekreterare", Field::SigRole("sekreterare")),
    ("mötesordförande", Field::SigRole("ordförande")),
    ("protokolljusterare", Field::SigRole("justerare")),
    ("justeringsperson", Field::SigRole("justerare")),
    ("justeringspersoner", Field::SigRole("justerare")),
    ("justeras", Field::SigBlock("justerare")),
    ("justeras av", Field::SigBlock("justerare")),
    // The notice of adjustment has its own reader; its lines are not signatures or roster.
    ("anslag/bevis", Field::Ignore),
    ("anslagsbevis", Field::Ignore),
    ("bevis om justering", Field::Ignore),
    ("bevis om anslag", Field::Ignore),
    ("nästa sammanträde", Field::Ignore),
    ("nästa möte", Field::Ignore),
];

/// The label a line starts with, and the value after it. Longer labels win.
pub fn label(t: &str) -> Option<(Field, &str)> {
    label_with_len(t).map(|(_, f, v)| (f, v))
}

/// The indexes of [`LABELS`] sorted by their first byte (table order kept within a byte), and
/// where each byte's run starts: `order[starts[b]..starts[b + 1]]` are the labels starting with `b`.
const LABELS_BY_FIRST: ([u8; LABELS.len()], [u8; 257]) = {
    let mut starts = [0u8; 257];
    let mut i = 0;
    while i < LABELS.len() {
        starts[LABELS[i].0.as_bytes()[0] as usize + 1] += 1;
        i += 1;
    }
    let mut b = 0;
    while b < 256 {
        starts[b + 1] += starts[b];
        b += 1;
    }
    let mut order = [0u8; LABELS.len()];
    let mut next = starts;
    i = 0;
    while i < LABELS.len() {
        let b = LABELS[i].0.as_bytes()[0] as usize;
        order[next[b] as usize] = i as u8;
        next[b] += 1;
        i += 1;
    }
    (order, starts)
};
const _: () = assert!(LABELS.len() < 256, "label indexes are bytes");

/// Like [`label`], with the length of the label that matched.
pub fn label_with_len(t: &str) -> Option<(usize, Field, &str)> {
    // Lower-case the start of the line once (into a buffer on the stack), then compare with
    // every label.
    let (order, starts) = &LABELS_BY_FIRST;
    // Most lines start with no label's first letter, and are ruled out before lowercasing.
    let first_char = t.chars().next()?;
    let mut first_buf = [0u8; 4];
    let first = first_char
        .to_lowercase()
        .next()?
        .encode_utf8(&mut first_buf)
        .as_bytes()[0];
    let group = &order
        [usize::from(starts[usize::from(first)])..usize::from(starts[usize::from(first) + 1])];
    if group.is_empty() {
        return None;
    }
    let mut buf = [0u8; 96];
    let mut len = 0;
    for c in t.chars().take(40) {
        if c.is_ascii() {
            buf[len] = c.to_ascii_lowercase() as u8;
            len += 1;
        } else {
            for l in c.to_lowercase() {
                len += l.encode_utf8(&mut buf[len..]).len();
            }
        }
        if len + 8 > buf.len() {
            break;
        }
    }
    let head = &buf[..len];
    let mut best: Option<(usize, Field, &str)> = None;
    for &k in group {
        let (name, field) = &LABELS[usize::from(k)];
        if best.is_some_and(|(len, _, _)| len >= name.len()) || !head.starts_with(name.as_bytes()) {
            continue;
        }
        if let Some(value) = scan::after_label(t, name) {
            best = Some((name.len(), *field, value));
        }
    }
    best
}

/// A roster row as read, with its line.
#[derive(Debug, Clone)]
pub struct RosterRow {
    pub entry: Entry,
    pub group: Group,
    pub present: bool,
    pub line: u32,
}

/// Everything the header says.
#[derive(Debug, Default)]
pub struct Header {
    pub title: Vec<String>,
    pub time: Vec<(String, u32)>,
    pub place: Vec<String>,
    pub time_place: Vec<String>,
    pub range: Option<[u32; 2]>,
    pub justering: Vec<String>,
    pub adjusters: Vec<String>,
    pub roster: Vec<RosterRow>,
    /// Roster groups stood side by side (form columns, or flattened by an extractor).
    pub roster_columns: bool,
    pub signatures: Vec<Signature>,
    /// Names with no role from a "Justeras av" block: the adjusters when nothing else says.
    pub unroled_signers: Vec<String>,
}

/// Reads the header region.
pub fn read(lines: &[Line]) -> Header {
    read_with(lines, true)
}

/// Reads the header region but its roster, which is left empty: every other field is as
/// [`read`] gives it, for no roster row steers the reading of the lines.
pub fn read_without_roster(lines: &[Line]) -> Header {
    read_with(lines, false)
}

fn read_with(lines: &[Line], rows: bool) -> Header {
    let mut h = Header::default();
    let consumed = signature_rows(lines, &mut h);
    let mut state: Option<Field> = None;
    // For scalar fields: whether the value has started and a blank line came after it.
    let mut value_started = false;
    let mut blank_since = false;
    let mut sig = SigBlock::default();
    // Roster rows of the current group, as logical lines (wrapped lines joined).
    let mut pending: Vec<(String, u32)> = Vec::new();
    let mut seen_label = false;
    // The source line of the last label, and the line where a value stood after a label.
    let mut label_line: Option<u32> = None;
    let mut beside_value: Option<u32> = None;

    for (k, line) in lines.iter().enumerate() {
        if consumed.contains(&k) {
            continue;
        }
        let t = line.t.as_str();
        if t.is_empty() || scan::is_rule(t) {
            if !t.is_empty() {
                continue;
            }
            blank_since = true;
            continue;
        }
        if let Some((field, value)) = label(t) {
            seen_label = true;
            // "Beslutande   Ledamöter": the value is a sub-heading that says more.
            let (field, value) = match label(value) {
                Some((sub, rest))
                    if value.split_whitespace().count() <= 3
                        && matches!(sub, Field::Roster(..)) =>
                {
                    // "Beslutande   Ledamöter" says more; "Ledamöter Tjänstgörande ersättare"
                    // is two columns run together.
                    if matches!(field, Field::Roster(..))
                        && ["ledamöter", "ordinarie ledamöter"]
                            .iter()
                            .any(|g| scan::after_label(t, g).is_some())
                    {
                        h.roster_columns = true;
                    }
                    (sub, rest)
                }
                _ => (field, value),
            };
            // A roster label beside another label's value on one source line ("Närvarande  Lena
            // Forsman   Frånvarande  Mikael Ståhl"): the rows below hold both columns.
            if matches!(field, Field::Roster(..)) && beside_value == Some(line.number) {
                h.roster_columns = true;
            }
            label_line = Some(line.number);
            beside_value = (!value.is_empty()).then_some(line.number);
            let field = match field {
                Field::SigBlock(role) if roster::starts_with_name(value) => Field::SigRole(role),
                Field::SigBlock(_) => Field::Signatures,
                f => f,
            };
            flush_rows(&mut h, state, &mut pending, rows);
            // Role lines belong to the signature block they stand in, and so does the § range
            // printed beside the secretary's line; anything else ends it.
            if !matches!(field, Field::SigRole(_) | Field::Range) {
                sig.flush(&mut h);
            }
            state = Some(field);
            value_started = !value.is_empty();
            blank_since = false;
            match field {
                Field::Roster(..) => {
                    if !value.is_empty() {
                        pending.push((value.to_owned(), line.number));
                    }
                }
                Field::SigRole(role) => {
                    sig.role_line(&mut h, role, value, line.number);
                    // "Vid protokollet: Tomas Snäckerström" on one line: the block is complete,
                    // and the prose after it is not a list of signers.
                    if roster::starts_with_name(value) && !value.contains("..") {
                        state = None;
                    }
                }
                Field::Signatures => {
                    // "Underskrifter Sekreterare ........ Paragrafer § 8-14" run together.
                    if let Some((Field::SigRole(role), rest)) = label(value) {
                        sig.role_line(&mut h, role, rest, line.number);
                    } else if !value.is_empty() {
                        sig.inline(&mut h, value, line.number);
                    }
                }
                _ => scalar(&mut h, field, value, line.number),
            }
            // "Sekreterare ....... Paragrafer 12–18" / "Sofia Rehn": the name still signs.
            if field == Field::Range
                && !value.is_empty()
                && (!sig.roles.is_empty() || sig.signed.is_some())
            {
                state = Some(Field::Signatures);
            }
            continue;
        }
        if label_line == Some(line.number) {
            beside_value = Some(line.number);
        }
        match state {
            None => {
                if !seen_label {
                    h.title.push(t.to_owned());
                }
            }
            Some(Field::Roster(..)) => {
                let continues = pending.last().is_some_and(|(prev, _)| {
                    !blank_since
                        // "rösträknare §§ 25-" / "26": a § range wrapped at its dash.
                        && (prev.trim_end().ends_with([',', '&', '-', '–'])
                            || prev.trim_end().ends_with(" och"))
                }) || (t.starts_with(|c: char| c.is_lowercase())
                    && !blank_since
                    && !pending.is_empty());
                if is_mark_line(t) {
                    // A column of presence marks flattened below its names ("X, § 105 - § 106"):
                    // the names stand, the marks cannot be placed.
                } else if continues {
                    if let Some((prev, _)) = pending.last_mut() {
                        prev.push(' ');
                        prev.push_str(t);
                    }
                } else if !roster::starts_with_name(t) {
                    // Not a person: the roster ended.
                    flush_rows(&mut h, state, &mut pending, rows);
                    state = None;
                } else {
                    if blank_since && !pending.is_empty() {
                        // A block after a blank line: flush what came before so the block can be
                        // judged on its own (members with parties, then staff without).
                        flush_rows(&mut h, state, &mut pending, rows);
                    }
                    pending.push((t.to_owned(), line.number));
                }
            }
            Some(Field::Signatures | Field::SigRole(_)) => sig.free_line(&mut h, t, line.number),
            Some(field) => {
                if (value_started && blank_since)
                    || (field == Field::TimePlace
                        && value_started
                        && !continues_place(&h.time_place, t))
                {
                    state = None;
                } else {
                    value_started = true;
                    scalar(&mut h, field, t, line.number);
                }
            }
        }
        blank_since = false;
    }
    flush_rows(&mut h, state, &mut pending, rows);
    sig.flush(&mut h);
    h
}

/// A signature block laid out in columns: a row of names and, on the next line, a row of their
/// roles ("Jakob Nyberg   Helena Strand   Amira Saleh" / "sekreterare   ordförande   justerare").
/// The cells of both rows pair by column. Returns the indices of the cells read.
fn signature_rows(cells: &[Line], h: &mut Header) -> Vec<usize> {
    let mut consumed = Vec::new();
    let mut k = 0;
    while k < cells.len() {
        // The cells of one source line, then of the next non-empty source line.
        let row_end = |from: usize| {
            let number = cells[from].number;
            (from..cells.len())
                .find(|&j| cells[j].number != number)
                .unwrap_or(cells.len())
        };
        let names_end = row_end(k);
        let Some(next) = (names_end..cells.len()).find(|&j| !cells[j].t.is_empty()) else {
            break;
        };
        let roles_end = row_end(next);
        let names = &cells[k..names_end];
        let roles = &cells[next..roles_end];
        let role_of = |t: &str| match label(t) {
            Some((Field::SigRole(r) | Field::SigBlock(r), "")) => Some(r),
            _ => None,
        };
        if names.len() >= 2
            && names.len() == roles.len()
            && names
                .iter()
                .all(|c| roster::starts_with_name(&c.t) && label(&c.t).is_none())
            && roles.iter().all(|c| role_of(&c.t).is_some())
        {
            for (cell, role) in names.iter().zip(roles) {
                let (name, signed_at) = name_and_stamp(&cell.t);
                push_sig(h, name, role_of(&role.t), signed_at, cell.number);
            }
            consumed.extend(k..names_end);
            consumed.extend(next..roles_end);
            k = roles_end;
            continue;
        }
        k = names_end;
    }
    consumed
}

/// A line of presence marks only: `X`, `X, § 105 - § 106`, `x`.
fn is_mark_line(t: &str) -> bool {
    let mut words = t.split([' ', ',']).filter(|w| !w.is_empty());
    words.next().is_some_and(|w| w.eq_ignore_ascii_case("x"))
        && words.all(|w| {
            w.chars()
                .all(|c| c.is_ascii_digit() || matches!(c, '§' | '-' | '–'))
        })
}

/// Whether a line goes on with a time-and-place value: it does while no place has been given
/// yet ("måndag 9 juni 2025 kl. 09.00-12.00" / "Fun Factory, …"), after a line that breaks off
/// ("…Digitalt via" / "teams."), or in lower case; "Ajournering kl. 19.20" under a complete
/// value does not.
fn continues_place(so_far: &[String], next: &str) -> bool {
    let joined = so_far.join(" ");
    let last = so_far.last().map_or("", |s| s.trim_end());
    let open_end = last.ends_with([',', '/', '-'])
        || ["via", "och", "i", "på", "vid"]
            .iter()
            .any(|w| last.ends_with(&format!(" {w}")));
    super::remainder(&joined).is_none() || open_end || next.starts_with(char::is_lowercase)
}

fn scalar(h: &mut Header, field: Field, value: &str, line: u32) {
    if value.is_empty() {
        return;
    }
    match field {
        Field::Place => h.place.push(value.to_owned()),
        Field::Time => h.time.push((value.to_owned(), line)),
        Field::TimePlace => h.time_place.push(value.to_owned()),
        Field::Range if h.range.is_none() => {
            h.range = scan::range(value);
        }
        Field::Justering => h.justering.push(value.to_owned()),
        Field::Adjusters => h.adjusters.extend(split_names(value)),
        _ => {}
    }
}

/// Names joined by commas, `och`, `&` or `samt`.
pub fn split_names(value: &str) -> Vec<String> {
    // Parties in brackets are not part of a name: "Anders Nyberg (M) och Karin Wall (C)".
    let mut plain = String::with_capacity(value.len());
    let mut depth = 0u32;
    for c in value.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => plain.push(c),
            _ => {}
        }
    }
    let v = plain
        .replace(" och ", ", ")
        .replace(" samt ", ", ")
        .replace(" & ", ", ");
    v.split([',', ';', '\t'])
        .map(|s| s.trim().trim_end_matches('.').trim())
        .filter(|s| {
            s.split_whitespace()
                .next()
                .is_some_and(roster::is_name_word)
        })
        .map(str::to_owned)
        .collect()
}

/// Turns the pending logical lines of a roster group into rows. A block of members where no row
/// names a party, following members that do, lists the staff ("Charlotte Sandelius,
/// Kommunförbundet" under a `Närvaro:` list of "(S)" members).
/// With `rows` false the lines are dropped unread.
fn flush_rows(h: &mut Header, state: Option<Field>, pending: &mut Vec<(String, u32)>, rows: bool) {
    let Some(Field::Roster(group, present)) = state.filter(|_| rows) else {
        pending.clear();
        return;
    };
    let mut rows = Vec::new();
    for (text, line) in pending.drain(..) {
        for entry in roster::split_people(&text) {
            rows.push(RosterRow {
                entry,
                group,
                present,
                line,
            });
        }
    }
    if group == Group::Member && present && !rows.is_empty() {
        let members_before: Vec<&RosterRow> = h
            .roster
            .iter()
            .filter(|r| r.group == Group::Member && r.present)
            .collect();
        let before_had_parties =
            !members_before.is_empty() && members_before.iter().all(|r| r.entry.party.is_some());
        let none_here = rows.iter().all(|r| r.entry.party.is_none());
        if before_had_parties && none_here {
            for r in &mut rows {
                r.group = Group::Staff;
            }
        }
    }
    h.roster.extend(rows);
}

/// Collects signature lines: `Role: Name`, a name with its role on the next line ("role under
/// name"), a role with the name on a later line (under a dotted line), or one line of
/// `Name Role Name Role`.
#[derive(Debug, Default)]
struct SigBlock {
    name: Option<(String, u32)>,
    /// Roles waiting for their names: a table exported one cell per line lists the roles, then
    /// the names in the same order.
    roles: std::collections::VecDeque<(&'static str, u32)>,
    /// The role last given a name, and that name's line: names side by side under one role's
    /// dotted lines ("Justerande ..... ....." / "Anders Nyberg   Karin Wall") share it.
    signed: Option<(&'static str, u32)>,
    /// A dotted line came since the last name: a place for one more signature. Exported one
    /// cell per line, a second adjuster's line follows the first adjuster's name.
    slot: bool,
}

impl SigBlock {
    fn role_line(&mut self, h: &mut Header, role: &'static str, value: &str, line: u32) {
        // "Sekreterare ....... Paragrafer § 8-14": the § range beside the line is no name.
        let value = match value.find("Paragraf") {
            Some(at) => {
                if h.range.is_none() {
                    h.range = scan::range(&value[at..]);
                }
                &value[..at]
            }
            None => value,
        };
        let value = value.trim_matches(|c: char| c == '.' || c == '_' || c.is_whitespace());
        if value.is_empty() {
            if let Some((name, nline)) = self.name.take() {
                push_sig(h, Some(name), Some(role), None, nline);
                return;
            }
            self.roles.push_back((role, line));
            return;
        }
        self.flush(h);
        // "Justeras, Fabian Ström, Katarina Kaj": several signers under one role.
        let parts: Vec<&str> = value
            .split([',', '&'])
            .flat_map(|p| p.split(" och "))
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
        if parts.len() > 1 && parts.iter().all(|p| roster::starts_with_name(p)) {
            for p in parts {
                let (name, signed_at) = name_and_stamp(p.trim_end_matches('.'));
                push_sig(h, name, Some(role), signed_at, line);
            }
            return;
        }
        let (name, signed_at) = name_and_stamp(value);
        push_sig(h, name, Some(role), signed_at, line);
    }

    fn free_line(&mut self, h: &mut Header, t: &str, line: u32) {
        let dotted = t.contains("...") || t.contains("___");
        let t = t.trim_matches(|c: char| c == '.' || c == '_' || c.is_whitespace());
        if t.is_empty() {
            self.slot |= dotted;
            return;
        }
        if t.split_whitespace().count() > 4 || t.contains(':') {
            self.inline(h, t, line);
            return;
        }
        let (name, signed_at) = name_and_stamp(t);
        let Some(name) = name else { return };
        let slot = std::mem::take(&mut self.slot);
        let shared = self
            .signed
            .filter(|&(role, l)| l == line || (slot && matches!(role, "justerande" | "justerare")));
        if let Some((role, _)) = self.roles.pop_front().or(shared) {
            self.signed = Some((role, line));
            push_sig(h, Some(name), Some(role), signed_at, line);
        } else {
            if let Some((prev, pl)) = self.name.take() {
                h.unroled_signers.push(prev.clone());
                push_sig(h, Some(prev), None, None, pl);
            }
            self.name = Some((name, line));
        }
    }

    /// `Elise Ackerot Sekreterare Martin Söderström Ordförande Jenny Kriström Justerare`.
    fn inline(&mut self, h: &mut Header, value: &str, line: u32) {
        let mut words: Vec<&str> = Vec::new();
        let mut any_role = false;
        for w in value.split_whitespace() {
            let role = sig_role(w);
            if let Some(role) = role {
                any_role = true;
                if words.is_empty() {
                    self.roles.push_back((role, line));
                } else {
                    push_sig(h, Some(words.join(" ")), Some(role), None, line);
                    words.clear();
                }
            } else {
                words.push(w);
            }
        }
        if !words.is_empty() {
            let rest = words.join(" ");
            if any_role || !self.roles.is_empty() {
                let (name, signed_at) = name_and_stamp(&rest);
                if let Some((role, _)) = self.roles.pop_front() {
                    push_sig(h, name, Some(role), signed_at, line);
                } else if let Some(name) = name {
                    self.flush(h);
                    self.name = Some((name, line));
                }
            } else {
                for n in split_names(&rest) {
                    h.unroled_signers.push(n.clone());
                    push_sig(h, Some(n), None, None, line);
                }
            }
        }
    }

    fn flush_role(&mut self, h: &mut Header) {
        for (role, line) in self.roles.drain(..) {
            push_sig(h, None, Some(role), None, line);
        }
    }

    fn flush(&mut self, h: &mut Header) {
        self.signed = None;
        self.slot = false;
        if let Some((name, line)) = self.name.take() {
            h.unroled_signers.push(name.clone());
            push_sig(h, Some(name), None, None, line);
        }
        self.flush_role(h);
    }
}

fn sig_role(w: &str) -> Option<&'static str> {
    match w.trim_end_matches([':', ',']).to_lowercase().as_str() {
        "sekreterare" => Some("sekreterare"),
        "ordförande" | "ordf" | "ordf." => Some("ordförande"),
        "justerare" => Some("justerare"),
        "justerande" => Some("justerande"),
        _ => None,
    }
}

fn push_sig(
    h: &mut Header,
    name: Option<String>,
    role: Option<&str>,
    signed_at: Option<String>,
    line: u32,
) {
    h.signatures.push(Signature {
        name,
        role: role.map(str::to_owned),
        signed_at,
        line,
    });
}

/// `Fredrik Ölmerud (Jun 4, 2020 15:37 GMT+2)` → the name and an RFC 3339 time.
pub fn name_and_stamp(value: &str) -> (Option<String>, Option<String>) {
    let (name_part, stamp) = match value.find('(') {
        Some(i) => (&value[..i], Some(&value[i..])),
        None => (value, None),
    };
    let name = name_part.trim().trim_end_matches([',', '.']).trim();
    let name = (!name.is_empty()
        && name
            .split_whitespace()
            .next()
            .is_some_and(roster::is_name_word))
    .then(|| name.to_owned());
    (name, stamp.and_then(timestamp))
}

/// A date with a time of day and an offset (`2024-09-30 13:40:14 GMT+02:00`, `Jun 4, 2020 15:37
/// GMT+2`) as RFC 3339; a date alone is not a timestamp.
pub fn timestamp(s: &str) -> Option<String> {
    let found = date::find_dates(s).into_iter().next()?;
    let rest = &s[found.end..];
    let rest = rest.trim_start_matches([',', ' ', 'k', 'l', '.']);
    let clock: String = rest
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == ':' || *c == '.')
        .collect();
    let parts: Vec<u32> = clock
        .split([':', '.'])
        .filter_map(|p| p.parse().ok())
        .collect();
    if parts.len() < 2 || parts[0] > 23 || parts[1] > 59 {
        return None;
    }
    let sec = parts.get(2).copied().unwrap_or(0).min(59);
    let after = rest[clock.len()..].trim();
    let offset = offset(after);
    Some(format!(
        "{}T{:02}:{:02}:{:02}{}",
        found.date,
        parts[0],
        parts[1],
        sec,
        offset.unwrap_or_default()
    ))
}

/// `GMT+2`, `GMT+02:00`, `UTC+1`, `+02:00`, `CEST`, `CET`, `Z`.
fn offset(s: &str) -> Option<String> {
    let s = s.trim_start_matches('(').trim();
    let upper = s.to_uppercase();
    if upper.starts_with("CEST") {
        return Some("+02:00".into());
    }
    if upper.starts_with("CET") {
        return Some("+01:00".into());
    }
    let rest = upper
        .strip_prefix("GMT")
        .or_else(|| upper.strip_prefix("UTC"))
        .unwrap_or(&upper)
        .trim_start();
    if rest.starts_with('Z')
        || ((upper.starts_with("GMT") || upper.starts_with("UTC")) && !rest.starts_with(['+', '-']))
    {
        return Some("Z".into());
    }
    let sign = rest.chars().next().filter(|c| *c == '+' || *c == '-')?;
    let body: String = rest[1..]
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == ':')
        .collect();
    let (hh, mm) = match body.split_once(':') {
        Some((h, m)) => (h.parse::<u32>().ok()?, m.parse::<u32>().ok()?),
        None if body.len() == 4 => (body[..2].parse().ok()?, body[2..].parse().ok()?),
        None => (body.parse().ok()?, 0),
    };
    (hh <= 14 && mm < 60).then(|| format!("{sign}{hh:02}:{mm:02}"))
}

/// One signer of an e-signature appendix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ESign {
    pub name: String,
    pub company: Option<String>,
    pub signed_at: Option<String>,
    pub line: u32,
}

/// Reads `Namn:` / `Företag:` / `Datum och tid:` groups of an e-signature appendix.
pub fn read_esignatures(lines: &[Line]) -> Vec<ESign> {
    let mut out: Vec<ESign> = Vec::new();
    for line in lines {
        let t = line.t.as_str();
        if let Some(v) = scan::after_label(t, "namn").or_else(|| scan::after_label(t, "name")) {
            if !v.is_empty() {
                out.push(ESign {
                    name: v.to_owned(),
                    company: None,
                    signed_at: None,
                    line: line.number,
                });
            }
        } else if let Some(v) =
            scan::after_label(t, "företag").or_else(|| scan::after_label(t, "organisation"))
        {
            if let Some(last) = out.last_mut() {
                last.company.get_or_insert_with(|| v.to_owned());
            }
        } else if let Some(v) = ["datum och tid", "tidpunkt", "signerat", "datum"]
            .iter()
            .find_map(|l| scan::after_label(t, l))
            && let Some(last) = out.last_mut()
            && last.signed_at.is_none()
        {
            last.signed_at = timestamp(v);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_prefer_the_longest() {
        assert_eq!(
            label("Ej närvarande (ersättare): Bob").map(|l| l.0),
            Some(Field::Roster(Group::Substitute, false))
        );
        assert_eq!(
            label("Ej närvarande (beslutande): Bo").map(|l| l.0),
            Some(Field::Roster(Group::Member, false))
        );
        assert_eq!(
            label("Tid och plats:\tMåndag").map(|l| l.0),
            Some(Field::TimePlace)
        );
        assert_eq!(
            label("Justeringens tid och plats:").map(|l| l.0),
            Some(Field::Justering)
        );
        assert_eq!(
            label("Övriga deltagare: Martin").map(|l| l.0),
            Some(Field::Roster(Group::Staff, true))
        );
        assert_eq!(
            label("Utses att justera Hans Brynielsson").map(|l| l.1),
            Some("Hans Brynielsson")
        );
        assert!(label("Styrelsen beslutar att").is_none());
    }

    #[test]
    fn timestamps() {
        assert_eq!(
            timestamp("2024-09-30 13:40:14 GMT+02:00").as_deref(),
            Some("2024-09-30T13:40:14+02:00")
        );
        assert_eq!(
            timestamp("(Jun 4, 2020 15:37 GMT+2)").as_deref(),
            Some("2020-06-04T15:37:00+02:00")
        );
        assert_eq!(timestamp("2020-06-04").as_deref(), None);
        assert_eq!(
            name_and_stamp("Erik Lövgren (Jul 5, 2020 07:19 GMT+2)"),
            (
                Some("Erik Lövgren".into()),
                Some("2020-07-05T07:19:00+02:00".into())
            )
        );
    }

    #[test]
    fn names() {
        assert_eq!(split_names("Anna Ek och Bo Ek"), ["Anna Ek", "Bo Ek"]);
        assert_eq!(split_names("John Åberg"), ["John Åberg"]);
    }
}
