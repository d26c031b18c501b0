//! Närvaro- och omröstningslistor: a table with one row per member, an `X` under "Närv." for
//! who was there, the substitute who served in the member's row under "Tjg ersättare", and per
//! vote an `X` under Ja / Nej / Avst. One table may hold several votes side by side, each under
//! the § it belongs to ("§ 30   § 31" above the header).
//!
//! Columns are found by position: in `pdftotext -layout` text a cell starts where its header
//! word starts (give or take a character), so every mark goes to the nearest column. In text
//! from a Word table, cells are separated by tabs and a cell's index is its column.

use crate::model::{Attendee, Ballot, Group, RollEntry, SourceLine};

use super::roster;

/// What one table says.
#[derive(Debug, Default, PartialEq)]
pub struct Table {
    /// Each vote's roll call, with the § it belongs to (0 when the table does not say).
    pub rolls: Vec<(u32, Vec<RollEntry>)>,
    /// Who was there, when the table has a column for it.
    pub attendance: Vec<Attendee>,
}

/// Column positions of a table header.
#[derive(Debug, Clone, Default)]
struct Columns {
    present: Option<usize>,
    serving: Option<usize>,
    /// Ja, Nej and (when there is one) Avstår, per vote.
    votes: Vec<(usize, usize, Option<usize>)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Present,
    Serving,
    Vote(usize, Ballot),
}

impl Columns {
    fn all(&self) -> Vec<(usize, Column)> {
        let mut out = Vec::new();
        out.extend(self.present.map(|p| (p, Column::Present)));
        out.extend(self.serving.map(|p| (p, Column::Serving)));
        for (k, &(ja, nej, avst)) in self.votes.iter().enumerate() {
            out.push((ja, Column::Vote(k, Ballot::Yes)));
            out.push((nej, Column::Vote(k, Ballot::No)));
            out.extend(avst.map(|a| (a, Column::Vote(k, Ballot::Abstain))));
        }
        out
    }

    fn nearest(&self, pos: usize) -> Option<Column> {
        self.all()
            .into_iter()
            .min_by_key(|(p, _)| p.abs_diff(pos))
            .map(|(_, c)| c)
    }
}

/// A cell's position: its first character's column, or (in tab-separated text) its index
/// spread wide enough that the nearest header cell is the one with the same index.
const TAB_STRIDE: usize = 1000;

/// The cells of a line with their positions; layout text splits at two spaces or more.
fn cells(line: &str) -> Vec<(usize, &str)> {
    if line.contains('\t') {
        return line
            .split('\t')
            .enumerate()
            .map(|(i, c)| (i * TAB_STRIDE, c.trim()))
            .filter(|(_, c)| !c.is_empty())
            .collect();
    }
    let mut out = Vec::new();
    let mut start: Option<(usize, usize)> = None; // (byte, char column)
    let mut spaces = 0;
    for (col, (b, ch)) in line.char_indices().enumerate() {
        if ch.is_whitespace() {
            spaces += 1;
        } else {
            if spaces >= 2
                && let Some((sb, sc)) = start.take()
            {
                out.push((sc, line[sb..b].trim()));
            }
            if start.is_none() {
                start = Some((b, col));
            }
            spaces = 0;
        }
    }
    if let Some((sb, sc)) = start {
        out.push((sc, line[sb..].trim()));
    }
    out
}

/// Words of a header line with their positions (a cell's words each keep their own column).
fn words(line: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (pos, cell) in cells(line) {
        let tabbed = pos % TAB_STRIDE == 0 && line.contains('\t');
        let mut col = pos;
        for (k, w) in cell.split(' ').enumerate() {
            if !w.is_empty() {
                let at = if tabbed { pos + k.min(1) } else { col };
                out.push((
                    at,
                    w.trim_matches(|c: char| c == '.' || c == ':' || c == '|')
                        .to_lowercase(),
                ));
            }
            col += w.chars().count() + 1;
        }
    }
    out
}

/// The columns of a header line, if it is one: vote columns, or a presence column after a
/// label such as "Ledamöter".
fn header(line: &str) -> Option<Columns> {
    // Most lines are prose: a header names "nej" or "närv" in some case, checked without
    // allocating before anything else is done.
    let b = line.as_bytes();
    let maybe = memchr::memchr2_iter(b'j', b'J', b).any(|i| {
        i >= 2 && b[i - 1].eq_ignore_ascii_case(&b'e') && b[i - 2].eq_ignore_ascii_case(&b'n')
    }) || memchr::memchr2_iter(b'v', b'V', b).any(|i| {
        i >= 4
            && b[i - 1].eq_ignore_ascii_case(&b'r')
            && matches!(b[i - 2], 0xa4 | 0x84)
            && b[i - 3] == 0xc3
            && b[i - 4].eq_ignore_ascii_case(&b'n')
    });
    if !maybe {
        return None;
    }
    // Columns stand apart; a sentence that says "ja" and "nej" is one cell.
    if cells(line).len() < 2 {
        return None;
    }
    let ws = words(line);
    let mut c = Columns::default();
    let mut open: Option<(usize, Option<usize>)> = None;
    for (pos, w) in &ws {
        match w.as_str() {
            "närv" | "närvarande" | "närvaro" | "närv/frånv" => {
                c.present.get_or_insert(*pos);
            }
            "tjg" | "tjänstgörande" | "tjänstg" | "tjänstgör" => {
                c.serving.get_or_insert(*pos);
            }
            "ja" => {
                if let Some((ja, Some(nej))) = open.take() {
                    c.votes.push((ja, nej, None));
                }
                open = Some((*pos, None));
            }
            "nej" => {
                if let Some((_, nej @ None)) = &mut open {
                    *nej = Some(*pos);
                }
            }
            w if w.starts_with("avst") => {
                if let Some((ja, Some(nej))) = open.take() {
                    c.votes.push((ja, nej, Some(*pos)));
                }
            }
            _ => {}
        }
    }
    if let Some((ja, Some(nej))) = open {
        c.votes.push((ja, nej, None));
    }
    let labelled = ws.first().is_some_and(|(_, w)| {
        [
            "ledamöter",
            "ledamot",
            "namn",
            "ordinarie",
            "ersättare",
            "beslutande",
        ]
        .contains(&w.as_str())
    });
    (!c.votes.is_empty() || (labelled && c.present.is_some())).then_some(c)
}

/// A sub-header inside a table: "Ersättare   Närv." starts the substitutes, "Ledamöter" the
/// members again (after a page break).
fn section(line: &str) -> Option<(bool, Option<Columns>)> {
    let ws = words(line);
    let substitutes = match ws.first()?.1.as_str() {
        "ersättare" => true,
        "ledamöter" | "ledamot" | "ordinarie" => false,
        _ => return None,
    };
    // The rest of the line must be header words, not a name.
    let is_header = ws[1..].iter().all(|(_, w)| {
        w.starts_with("närv")
            || w.starts_with("tjg")
            || w.starts_with("tjänstg")
            || ["ja", "nej", "ersättare", "ledamöter"].contains(&w.as_str())
            || w.starts_with("avst")
    });
    is_header.then(|| (substitutes, header(line)))
}

struct Row {
    line: u32,
    substitute_section: bool,
    person: roster::Entry,
    serving: Option<roster::Entry>,
    marks: Vec<Column>,
}

/// Every närvaro- or omröstningslista table in `lines`.
pub fn read(lines: &[SourceLine]) -> Vec<Table> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let Some(cols) = header(&lines[i].text) else {
            i += 1;
            continue;
        };
        let (rows, end) = rows(lines, i + 1, &cols);
        if !rows.is_empty() {
            let abouts = abouts(lines, i, &cols);
            let t = table(&rows, &cols, &abouts);
            if !t.rolls.is_empty() || !t.attendance.is_empty() {
                out.push(t);
            }
        }
        i = end.max(i + 1);
    }
    out
}

fn rows(lines: &[SourceLine], from: usize, cols: &Columns) -> (Vec<Row>, usize) {
    let mut rows = Vec::new();
    let mut cols = cols.clone();
    let mut substitute_section = false;
    let mut blanks = 0;
    let mut j = from;
    while j < lines.len() {
        let text = lines[j].text.trim_start_matches('\u{c}');
        if text.trim().is_empty() || super::scan::is_rule(text) {
            blanks += 1;
            j += 1;
            if blanks > 2 && !rows.is_empty() {
                break;
            }
            continue;
        }
        if let Some((subs, again)) = section(text) {
            substitute_section = subs;
            if let Some(c) = again {
                // A sub-header repeats only the columns it has; the others keep their place.
                cols.present = c.present.or(cols.present);
                cols.serving = c.serving.or(cols.serving);
                if !c.votes.is_empty() {
                    cols.votes = c.votes;
                }
            }
            blanks = 0;
            j += 1;
            continue;
        }
        let Some(row) = row(text, lines[j].number, &cols, substitute_section) else {
            break;
        };
        rows.push(row);
        blanks = 0;
        j += 1;
    }
    (rows, j)
}

fn row(text: &str, line: u32, cols: &Columns, substitute_section: bool) -> Option<Row> {
    let cs = cells(text);
    let (_, first) = *cs.first()?;
    if !roster::starts_with_name(first) {
        return None;
    }
    let person = roster::split_people(first).into_iter().next()?;

    if person.name.split_whitespace().count() < 2 {
        return None;
    }
    let mut person = person;
    let mut serving = None;
    let mut marks = Vec::new();
    for (k, &(pos, cell)) in cs.iter().enumerate().skip(1) {
        if k == 1 && person.party.is_none() && roster::is_party(cell) {
            // "Anna Berg      S      X": the party in a column of its own.
            person.party = Some(cell.to_owned());
        } else if cell.eq_ignore_ascii_case("x") {
            marks.extend(cols.nearest(pos));
        } else if cols.nearest(pos) == Some(Column::Serving) && roster::starts_with_name(cell) {
            serving = roster::split_people(cell).into_iter().next();
        }
    }
    Some(Row {
        line,
        substitute_section,
        person,
        serving,
        marks,
    })
}

/// The § each vote of the table is about: "§ 30   § 31" over the vote columns, or a § named
/// just above the table ("Ärende: § 15") when there is one vote.
fn abouts(lines: &[SourceLine], header: usize, cols: &Columns) -> Vec<u32> {
    let n = cols.votes.len();
    let above = lines[header.saturating_sub(3)..header]
        .iter()
        .rev()
        .find(|l| !l.text.trim().is_empty());
    if let Some(l) = above {
        let refs: Vec<(usize, u32)> = crate::refs::scan(&l.text)
            .iter()
            .map(|r| (l.text[..r.start].chars().count(), r.number))
            .collect();
        let tabbed = l.text.contains('\t');
        if refs.len() == n && n > 1 {
            return refs.iter().map(|r| r.1).collect();
        }
        if refs.len() > 1 && !tabbed {
            return cols
                .votes
                .iter()
                .map(|&(ja, _, avst)| {
                    let mid = usize::midpoint(ja, avst.unwrap_or(ja));
                    refs.iter()
                        .min_by_key(|(p, _)| p.abs_diff(mid))
                        .map_or(0, |r| r.1)
                })
                .collect();
        }
    }
    let named = lines[header.saturating_sub(6)..header]
        .iter()
        .rev()
        .find_map(|l| crate::refs::scan(&l.text).first().map(|r| r.number));
    vec![if n == 1 { named.unwrap_or(0) } else { 0 }; n]
}

fn table(rows: &[Row], cols: &Columns, abouts: &[u32]) -> Table {
    let mut t = Table::default();
    for (k, &about) in abouts.iter().enumerate() {
        let roll: Vec<RollEntry> = rows
            .iter()
            .filter_map(|r| {
                let vote = r.marks.iter().find_map(|m| match m {
                    Column::Vote(v, b) if *v == k => Some(*b),
                    _ => None,
                })?;
                // The vote in a member's row is cast by the substitute serving there.
                let who = r.serving.as_ref().unwrap_or(&r.person);
                Some(RollEntry {
                    name: who.name.clone(),
                    party: who.party.clone(),
                    vote,
                })
            })
            .collect();
        if !roll.is_empty() {
            t.rolls.push((about, roll));
        }
    }
    if cols.present.is_none() && cols.serving.is_none() {
        return t;
    }
    for r in rows {
        let marked = |c: Column| r.marks.contains(&c);
        let voted = r.marks.iter().any(|m| matches!(m, Column::Vote(..)));
        if let Some(s) = &r.serving {
            t.attendance
                .push(r.person.attendee(Group::Member, false, r.line));
            let mut a = s.attendee(Group::Member, true, r.line);
            a.replaces = Some(r.person.name.clone());
            t.attendance.push(a);
            continue;
        }
        let already = t
            .attendance
            .iter()
            .any(|a| super::same_name(&a.name, &r.person.name));
        if already {
            continue;
        }
        let present = marked(Column::Present) || marked(Column::Serving) || voted;
        let group = if r.substitute_section && !marked(Column::Serving) && !voted {
            Group::Substitute
        } else {
            Group::Member
        };
        t.attendance.push(r.person.attendee(group, present, r.line));
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<SourceLine> {
        text.lines()
            .enumerate()
            .map(|(i, t)| SourceLine {
                number: i as u32 + 1,
                text: t.to_owned(),
            })
            .collect()
    }

    fn votes(roll: &[RollEntry]) -> Vec<(&str, Ballot)> {
        roll.iter().map(|e| (e.name.as_str(), e.vote)).collect()
    }

    const TWO_VOTES: &str = "\
                                                                § 30              § 31
Ledamöter                         Närv.  Tjg ersättare       Ja   Nej  Avst    Ja   Nej  Avst
Birgitta Nordin (S), ordf.          X                         X                 X
Peter Holmgren (S)                       Tove Lindahl (S)     X                 X
Johanna Eld (SD)                    X                              X                 X
Dennis Nyqvist (SD)
Göran Ek (KD)                       X                              X                      X

Ersättare                         Närv.
Tove Lindahl (S)                    X
Rasmus Ekberg (C)
Olle Berg (M)                       X

Summa                                                         2    3    0       2    2    1
";

    #[test]
    fn two_votes_side_by_side_each_under_its_paragraph() {
        let t = read(&lines(TWO_VOTES));
        assert_eq!(t.len(), 1);
        let rolls = &t[0].rolls;
        assert_eq!(rolls.len(), 2);
        assert_eq!(rolls[0].0, 30);
        assert_eq!(rolls[1].0, 31);
        assert_eq!(
            votes(&rolls[0].1),
            [
                ("Birgitta Nordin", Ballot::Yes),
                ("Tove Lindahl", Ballot::Yes),
                ("Johanna Eld", Ballot::No),
                ("Göran Ek", Ballot::No),
            ]
        );
        assert_eq!(
            votes(&rolls[1].1),
            [
                ("Birgitta Nordin", Ballot::Yes),
                ("Tove Lindahl", Ballot::Yes),
                ("Johanna Eld", Ballot::No),
                ("Göran Ek", Ballot::Abstain),
            ]
        );
    }

    #[test]
    fn attendance_from_the_table() {
        let t = read(&lines(TWO_VOTES));
        let a: Vec<(&str, Group, bool, Option<&str>)> = t[0]
            .attendance
            .iter()
            .map(|a| (a.name.as_str(), a.group, a.present, a.replaces.as_deref()))
            .collect();
        assert_eq!(
            a,
            [
                ("Birgitta Nordin", Group::Member, true, None),
                ("Peter Holmgren", Group::Member, false, None),
                ("Tove Lindahl", Group::Member, true, Some("Peter Holmgren")),
                ("Johanna Eld", Group::Member, true, None),
                ("Dennis Nyqvist", Group::Member, false, None),
                ("Göran Ek", Group::Member, true, None),
                ("Rasmus Ekberg", Group::Substitute, false, None),
                ("Olle Berg", Group::Substitute, true, None),
            ]
        );
        assert_eq!(t[0].attendance[0].role.as_deref(), Some("ordf."));
        assert_eq!(t[0].attendance[0].party.as_deref(), Some("S"));
    }

    #[test]
    fn a_word_table_with_tabs() {
        let text = "Ärende: § 15 Motion om cykelvägar\n\
                    Ledamot\tNärvarande\tJa\tNej\tAvstår\n\
                    Anna Berg (S)\tX\tX\t\t\n\
                    Bo Ek (M)\tX\t\tX\t\n\
                    Cia Holm (C)\t\t\t\t\n\
                    Dan Lund (L)\tX\t\t\tX\n";
        let t = read(&lines(text));
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].rolls[0].0, 15);
        assert_eq!(
            votes(&t[0].rolls[0].1),
            [
                ("Anna Berg", Ballot::Yes),
                ("Bo Ek", Ballot::No),
                ("Dan Lund", Ballot::Abstain)
            ]
        );
        let absent: Vec<&str> = t[0]
            .attendance
            .iter()
            .filter(|a| !a.present)
            .map(|a| a.name.as_str())
            .collect();
        assert_eq!(absent, ["Cia Holm"]);
    }

    #[test]
    fn a_vote_table_without_attendance_columns_gives_only_the_roll() {
        let text = "Omröstningslista § 12\n\
                    Ledamot                 Ja   Nej   Avstår\n\
                    Anna Berg (S)           X\n\
                    Bo Ek (M)                    X\n";
        let t = read(&lines(text));
        assert_eq!(
            t[0].rolls,
            vec![(
                12,
                vec![
                    RollEntry {
                        name: "Anna Berg".into(),
                        party: Some("S".into()),
                        vote: Ballot::Yes
                    },
                    RollEntry {
                        name: "Bo Ek".into(),
                        party: Some("M".into()),
                        vote: Ballot::No
                    },
                ]
            )]
        );
        assert!(t[0].attendance.is_empty());
    }

    #[test]
    fn prose_is_not_a_table() {
        let text = "Ledamöterna röstar ja eller nej.\nAnna Berg (S) yrkar bifall.\n";
        assert!(read(&lines(text)).is_empty());
    }
}
