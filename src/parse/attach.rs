//! Facts found apart from their place: appendix roll calls and attendance, substitutes named in a §.

use super::{same_name, tables};
use crate::model::{Attendee, Group, Meeting, Paragraph};

/// Roll calls printed as an omröstningslista table (often on a page of their own) go to the
/// votes without a roll call, in order, preferring a § that refers to such a list.
pub(super) fn roll_tables(m: &mut Meeting, tables: &[tables::Table]) {
    for (about, roll) in tables.iter().flat_map(|t| t.rolls.iter().cloned()) {
        let refers = |p: &Paragraph| {
            let t = p.text.to_lowercase();
            t.contains("omröstningslista") || t.contains("voteringslista")
        };
        let open = |p: &Paragraph| p.votes.iter().any(|v| v.roll.is_empty());
        let target = m
            .paragraphs
            .iter()
            .position(|p| p.number == about && open(p))
            .or_else(|| m.paragraphs.iter().position(|p| refers(p) && open(p)))
            .or_else(|| {
                m.paragraphs
                    .iter()
                    .position(|p| p.votes.iter().any(|v| v.roll.is_empty()))
            });
        if let Some(pi) = target
            && let Some(v) = m.paragraphs[pi]
                .votes
                .iter_mut()
                .find(|v| v.roll.is_empty())
        {
            v.roll = roll;
        }
    }
}

/// Attendance from an appendix närvarolista ("Beslutande: se närvarolista"): people the roster
/// does not list are added as the table has them; the roster's own entries stand.
pub(super) fn attendance(m: &mut Meeting, tables: Vec<tables::Table>) {
    for a in tables.into_iter().flat_map(|t| t.attendance) {
        let listed = m.attendees.iter_mut().find(|x| same_name(&x.name, &a.name));
        match listed {
            Some(x) => {
                if x.party.is_none() {
                    x.party = a.party;
                }
                if x.role.is_none() {
                    x.role = a.role;
                }
            }
            None => m.attendees.push(a),
        }
    }
}

/// A substitute named in a § as serving for a member serves in that § only, and the member
/// does not; the roster may already say so ("ersätter Erik Sundin (C), § 4").
pub(super) fn serve_for_one_paragraph(m: &mut Meeting) {
    let all: Vec<u32> = m.paragraphs.iter().map(|p| p.number).collect();
    let subs: Vec<(u32, crate::model::Substitute)> = m
        .paragraphs
        .iter()
        .flat_map(|p| p.substitutes.iter().map(|s| (p.number, s.clone())))
        .collect();
    for (n, sub) in subs {
        let Some(member) = m
            .attendees
            .iter()
            .position(|a| a.group == Group::Member && same_name(&a.name, &sub.replaces))
        else {
            // The text names someone the roster does not list as a member: too little to go on.
            continue;
        };
        let listed = m.attendees.iter().find(|a| same_name(&a.name, &sub.name));
        // A member cannot serve as someone's substitute; then the roster stands.
        let serves = listed.is_none_or(|a| {
            a.group == Group::Substitute
                || a.replaces
                    .as_deref()
                    .is_some_and(|r| same_name(r, &sub.replaces))
        });
        if !serves {
            continue;
        }
        if m.attendees[member].present {
            let limits = m.attendees[member]
                .paragraphs
                .get_or_insert_with(|| all.clone());
            limits.retain(|&x| x != n);
        }
        match m
            .attendees
            .iter_mut()
            .find(|a| same_name(&a.name, &sub.name))
        {
            Some(a)
                if a.replaces
                    .as_deref()
                    .is_some_and(|r| same_name(r, &sub.replaces)) =>
            {
                // Serving for the whole meeting already (no limits), or for some § of it.
                if let Some(limits) = a.paragraphs.as_mut()
                    && !limits.contains(&n)
                {
                    limits.push(n);
                    limits.sort_unstable();
                }
            }
            Some(a) if a.group == Group::Substitute => {
                a.group = Group::Member;
                a.present = true;
                a.replaces = Some(sub.replaces.clone());
                a.paragraphs = Some(vec![n]);
            }
            Some(_) => {}
            None => m.attendees.push(Attendee {
                name: sub.name,
                group: Group::Member,
                present: true,
                role: None,
                party: sub.party,
                affiliation: None,
                replaces: Some(sub.replaces),
                paragraphs: Some(vec![n]),
                line: sub.line,
            }),
        }
    }
}

/// An item about who is there: "Tillkännagivande av röstlängd", "Närvarolista", "Närvarande".
fn counts_presence(title: &str) -> bool {
    // Titles are short: the few spellings are tested in place, without lowercasing.
    [
        "röstlängd",
        "Röstlängd",
        "närvar",
        "Närvar",
        "NÄRVAR",
        "RÖSTLÄNGD",
    ]
    .iter()
    .any(|t| title.contains(t))
}

/// Those present as an item lists them, where minutes record attendance in an item of their own
/// ("Tillkännagivande av röstlängd" with a list, "Närvarande medlemmar med rösträtt var: A, B,
/// C"): present members, added when the roster does not list them already.
pub(super) fn present_in_items(m: &mut Meeting) {
    let mut found: Vec<(String, u32)> = Vec::new();
    for p in m.paragraphs.iter().take(15) {
        if !counts_presence(&p.title) {
            continue;
        }
        // Bullet lines one by one; other lines joined into their paragraph, since a list in
        // prose wraps between a first name and a surname.
        let mut rows: Vec<(String, u32)> = Vec::new();
        let mut joining = false;
        for (line, number) in p.numbered_lines() {
            if line.is_empty() {
                joining = false;
            } else if super::scan::strip_bullet(line).is_some() || !joining {
                rows.push((line.to_owned(), number));
                joining = super::scan::strip_bullet(line).is_none();
            } else if let Some((row, _)) = rows.last_mut() {
                row.push(' ');
                row.push_str(line);
            }
        }
        for (line, number) in rows {
            let line = line.as_str();
            // "- Name ‹nick›", or the list after a colon ("… rösträtt var: A, B och C").
            let list = super::scan::strip_bullet(line)
                .or_else(|| line.split_once(": ").map(|(_, r)| r))
                .or_else(|| line.strip_suffix(':').map(|_| ""))
                .unwrap_or(line);
            let list = list.replace(['‹', '›'], " ");
            for e in super::roster::split_people(&list) {
                if !found.iter().any(|(n, _)| same_name(n, &e.name)) {
                    found.push((e.name, number));
                }
            }
        }
    }
    for (name, line) in found {
        if m.attendees.iter().any(|a| same_name(&a.name, &name)) {
            continue;
        }
        m.attendees.push(Attendee {
            name,
            group: Group::Member,
            present: true,
            role: None,
            party: None,
            affiliation: None,
            replaces: None,
            paragraphs: None,
            line,
        });
    }
}

/// A count of those present where minutes give a number, not names: "23 medlemmar närvarade
/// enligt röstlängd", "31 röstberättigade medlemmar", "Närvarande: 14 personer".
pub(super) fn present_count(m: &mut Meeting) {
    const WHO: [&str; 7] = [
        "medlemmar",
        "röstberättigade",
        "närvarande",
        "deltagare",
        "personer",
        "delägare",
        "ledamöter",
    ];
    for p in m.paragraphs.iter().take(10) {
        let counts_here = counts_presence(&p.title);
        for line in p.text.lines().take(if counts_here { 20 } else { 3 }) {
            let about_presence =
                counts_here || line.contains("röstlängd") || line.contains("närvar");
            if !about_presence {
                continue;
            }
            let words: Vec<&str> = line.split_whitespace().collect();
            for (k, w) in words.iter().enumerate() {
                let Ok(n) = w.parse::<u32>() else { continue };
                let next = words.get(k + 1).map(|w| w.to_lowercase());
                let said = next
                    .as_deref()
                    .is_some_and(|x| WHO.iter().any(|who| x.trim_end_matches([',', '.']) == *who));
                if said && (1..100_000).contains(&n) {
                    m.present_count = Some(n);
                    return;
                }
            }
        }
    }
}
