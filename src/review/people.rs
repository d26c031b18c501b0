//! The people of a protocol: whether the chair and adjusters attended, whether the roster contradicts itself (a replaced member
//! listed present, § limits outside the protocol), and whether the body was quorate.
//!
//! Quorum needs a number of seats, and the protocol never states one. We take the seats to be
//! the members the roster lists, present or absent, counting a serving substitute's seat once
//! (as the member replaced). When the roster lists no absent member every seat is filled by
//! definition and the check has nothing to say; we never guess a body's size from elsewhere.
//!
//! People are where a misreading costs most: a label cell read as a name, a roster read from a
//! flattened two-column form. So every check here asks first whether the parser doubts what it
//! read (`Meeting::doubts`), and whether each name reads as a person; where either fails it
//! stays silent rather than accuse. The signatures are `signatures`'.

use super::messages::{self, Role};
use super::names::{last_word_key, same_or_variant, same_person};
use super::signatures::looks_like_person;
use super::{Place, Review, Severity, code};
use crate::model::{Attendee, Group};

pub(super) fn check(r: &mut Review) {
    officers_present(r);
    replaced_present(r);
    attendance_range(r);
    quorum(r);
}

/// The chair and each adjuster must be among those present, in whatever group the roster
/// lists them (a chair may be staff of the förbund). Listed absent is an error; not listed at
/// all may be an omission in the roster, so a warning. An empty roster decides nothing.
fn officers_present(r: &mut Review) {
    let m = r.meeting;
    if m.doubts.roster || m.doubts.officers {
        return;
    }
    // No members listed: attendance is kept elsewhere ("Beslutande: se närvarolista"), so
    // nobody's absence from this roster means anything.
    if m.attendees.is_empty()
        || !m
            .attendees
            .iter()
            .any(|a| a.group == crate::model::Group::Member)
    {
        return;
    }
    let officers = m
        .chair
        .iter()
        .map(|n| (Role::Chair, n))
        .chain(m.adjusters.iter().map(|n| (Role::Adjuster, n)));
    let first_member = m
        .attendees
        .iter()
        .find(|a| a.group == crate::model::Group::Member)
        .map_or(1, |a| a.line);
    let mut found = Vec::new();
    for (role, name) in officers {
        // A name that kept its label, or a label cell, names nobody to look for.
        if !looks_like_person(name) {
            continue;
        }
        let listed: Vec<&Attendee> = m
            .attendees
            .iter()
            .filter(|a| same_or_variant(&a.name, name))
            .collect();
        if listed.iter().any(|a| a.present) {
            continue;
        }
        let named = officer_line(r, role, name);
        if let Some(a) = listed.first() {
            // Listed absent under their own name is certain; under a near spelling, maybe
            // another person.
            let severity = if same_person(&a.name, name) {
                Severity::Error
            } else {
                Severity::Warning
            };
            let mut proof = vec![(a.line, a.name.clone())];
            proof.extend(named.map(|l| (l, name.clone())));
            found.push((
                Place::line(a.line),
                severity,
                messages::listed_absent(r.lang, role, name, a.line),
                proof,
            ));
        } else {
            let line = named.unwrap_or(first_member);
            found.push((
                Place::line(line),
                Severity::Warning,
                messages::not_in_roster(r.lang, role, name),
                vec![(line, name.clone()), (first_member, String::new())],
            ));
        }
    }
    for (at, severity, message, proof) in found {
        let proof: Vec<(u32, &str)> = proof.iter().map(|(l, f)| (*l, f.as_str())).collect();
        r.push(at, severity, code::ADJUSTER_NOT_PRESENT, message, &proof);
    }
}

/// The line that names `name` in `role`: one with the name and a word of the role, else the
/// first with the name.
fn officer_line(r: &Review, role: Role, name: &str) -> Option<u32> {
    let word = match role {
        Role::Chair => "ordf",
        Role::Secretary => "sekr",
        Role::Adjuster => "juster",
    };
    let has_name = memchr::memmem::Finder::new(name);
    r.find_line(|t| has_name.find(t.as_bytes()).is_some() && t.to_lowercase().contains(word))
        .or_else(|| r.line_with(name))
}

/// "X ersätter Y" while Y is also listed present: Y's seat would count twice. A member who
/// leaves after § 3 and a substitute who serves from § 4 (disjoint § limits) share the seat
/// honestly and are not a finding. A warning: a member who came late, with no § limits
/// written, looks just the same.
fn replaced_present(r: &mut Review) {
    let m = r.meeting;
    if m.doubts.roster {
        return;
    }
    let overlap = |a: &Attendee, b: &Attendee| match (&a.paragraphs, &b.paragraphs) {
        (Some(x), Some(y)) => x.iter().any(|n| y.contains(n)),
        _ => true,
    };
    let mut found = Vec::new();
    for (i, sub) in m.attendees.iter().enumerate() {
        let Some(replaced) = &sub.replaces else {
            continue;
        };
        for (j, a) in m.attendees.iter().enumerate() {
            if i != j && a.present && same_person(&a.name, replaced) && overlap(a, sub) {
                found.push((
                    a.line,
                    sub.line,
                    a.name.clone(),
                    sub.name.clone(),
                    messages::replaced_present(r.lang, &a.name, &sub.name, sub.line),
                ));
            }
        }
    }
    for (line, sub_line, name, sub, message) in found {
        r.push(
            Place::line(line),
            Severity::Warning,
            code::REPLACED_PRESENT,
            message,
            &[(line, name.as_str()), (sub_line, sub.as_str())],
        );
    }
}

/// § limits in the roster ("§ 28-30") naming a § the protocol neither has nor declares. When
/// several people's limits reach past the body, it is one finding: the file may hold only part
/// of the protocol (an extract), and one question settles it.
fn attendance_range(r: &mut Review) {
    let m = r.meeting;
    let mut valid = r.numbers();
    // A limit inside the run names a § missing from it: `paragraph-gap` reports that, with
    // this line as its evidence.
    if let (Some(&first), Some(&last)) = (valid.first(), valid.last()) {
        valid.extend(first..=last);
    }
    if let Some(d) = &r.declared {
        valid.extend(d.numbers.iter().copied());
        valid.sort_unstable();
        valid.dedup();
    }
    valid.sort_unstable();
    valid.dedup();
    if valid.is_empty() {
        return;
    }
    let mut found: Vec<(&Attendee, Vec<u32>)> = Vec::new();
    for a in &m.attendees {
        let Some(limits) = &a.paragraphs else {
            continue;
        };
        let mut outside: Vec<u32> = limits
            .iter()
            .copied()
            .filter(|n| valid.binary_search(n).is_err())
            .collect();
        outside.sort_unstable();
        outside.dedup();
        if !outside.is_empty() {
            found.push((a, outside));
        }
    }
    let Some((first, _)) = found.first() else {
        return;
    };
    let line = first.line;
    let message = if let [(a, outside)] = found.as_slice() {
        messages::attendance_range(r.lang, &a.name, outside, &valid)
    } else {
        let mut all: Vec<u32> = found.iter().flat_map(|(_, o)| o.iter().copied()).collect();
        all.sort_unstable();
        all.dedup();
        let names: Vec<&str> = found.iter().map(|(a, _)| a.name.as_str()).collect();
        messages::attendance_range_many(r.lang, &names, &all, &valid)
    };
    let proof: Vec<(u32, &str)> = found
        .iter()
        .map(|(a, _)| (a.line, a.name.as_str()))
        .collect();
    r.push(
        Place::line(line),
        Severity::Warning,
        code::ATTENDANCE_RANGE,
        message,
        &proof,
    );
}

/// The seats of the body: every member listed, a serving substitute's seat counted as the
/// member it replaces. See the module doc for why this is all we count.
pub(super) fn seats(members: &[&Attendee]) -> usize {
    // Every pair of members is asked about (a council lists sixty and more), so each name's
    // last word is lowercased once: one person's two names share it, and most pairs are told
    // apart by it without a comparison of names.
    let mut seats: Vec<(String, &str)> = Vec::new();
    let holders = members
        .iter()
        .map(|a| a.replaces.as_deref().unwrap_or(&a.name));
    for name in holders {
        let key = last_word_key(name);
        if !seats.iter().any(|(k, s)| *k == key && same_person(s, name)) {
            seats.push((key, name));
        }
    }
    seats.len()
}

/// More than half the seats must be filled by members present, at every § (an error where
/// Kommunallagen binds the body, else a warning): a member limited to
/// some §§ ("§ 28-30") counts only there. Runs of §§ with the same shortfall are one finding.
fn quorum(r: &mut Review) {
    let m = r.meeting;
    // A roster read from columns that ran together cannot tell who was there.
    if m.doubts.roster {
        return;
    }
    // More than half is the law for municipal bodies; an association's statutes decide for
    // its own (an annual meeting decides with whoever comes).
    let severity = if super::dates::under_kommunallagen(m) {
        Severity::Error
    } else {
        Severity::Warning
    };
    let members: Vec<&Attendee> = m
        .attendees
        .iter()
        .filter(|a| a.group == Group::Member)
        .collect();
    let seats = seats(&members);
    if seats == 0 {
        return;
    }
    let present_at = |n: Option<u32>| {
        members
            .iter()
            .filter(|a| a.present)
            .filter(|a| match (n, &a.paragraphs) {
                (Some(n), Some(limits)) => limits.contains(&n),
                _ => true,
            })
            .count()
    };
    let numbers = r.numbers();
    let first_member_line = members.first().map_or(1, |a| a.line);
    // The proof: where the members start, and each member not there.
    let mut proof: Vec<(u32, &str)> = vec![(first_member_line, "")];
    proof.extend(
        members
            .iter()
            .filter(|a| !a.present || a.paragraphs.is_some())
            .take(MAX_PROOF)
            .map(|a| (a.line, a.name.as_str())),
    );
    if numbers.is_empty() {
        let present = present_at(None);
        if present * 2 <= seats {
            let message = messages::quorum(r.lang, &[], present, seats);
            r.push(
                Place::line(first_member_line),
                severity,
                code::QUORUM,
                message,
                &proof,
            );
        }
        return;
    }
    // Runs of consecutive §§ (in the body's numbering) that share one count below quorum.
    let mut runs: Vec<(Vec<u32>, usize)> = Vec::new();
    let mut previous_failed = false;
    for &n in &numbers {
        let present = present_at(Some(n));
        let fails = present * 2 <= seats;
        if fails {
            match runs.last_mut() {
                Some((ns, count)) if previous_failed && *count == present => ns.push(n),
                _ => runs.push((vec![n], present)),
            }
        }
        previous_failed = fails;
    }
    let whole = runs.len() == 1 && runs[0].0.len() == numbers.len();
    let mut found = Vec::new();
    for (ns, present) in runs {
        if whole {
            let message = messages::quorum(r.lang, &[], present, seats);
            found.push((Place::line(first_member_line), message));
        } else {
            let line = m.paragraph(ns[0]).map_or(first_member_line, |p| p.line);
            let message = messages::quorum(r.lang, &ns, present, seats);
            found.push((Place::paragraph(ns[0], line), message));
        }
    }
    for (at, message) in found {
        let mut proof = proof.clone();
        if at.paragraph.is_some() {
            proof.push((at.line, ""));
        }
        r.push(at, severity, code::QUORUM, message, &proof);
    }
}

/// Lines of people shown as the proof of a count: enough to check it, not the whole roster.
const MAX_PROOF: usize = 8;

#[cfg(test)]
mod tests {
    use super::*;

    fn member(name: &str, present: bool, replaces: Option<&str>) -> Attendee {
        Attendee {
            name: name.to_owned(),
            group: Group::Member,
            present,
            role: None,
            party: None,
            affiliation: None,
            replaces: replaces.map(str::to_owned),
            paragraphs: None,
            line: 1,
        }
    }

    #[test]
    fn a_serving_substitute_takes_the_replaced_members_seat() {
        let a = member("Anna Berg", true, None);
        let b = member("Bo Ek", true, Some("Cia Lund"));
        let c = member("Cia Lund", false, None);
        let d = member("Dan Ås", false, None);
        assert_eq!(seats(&[&a, &b, &c, &d]), 3);
        // A roster that does not list the replaced member still counts her seat.
        assert_eq!(seats(&[&a, &b, &d]), 3);
    }
}
