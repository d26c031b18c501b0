//! The signature block: lines left empty (a draft), and lines signed by someone other than the
//! person who holds that role. A signature block is where layouts mix most up — names side by
//! side under role labels, a label cell beside a name, the chair signing among the adjusters —
//! so a signer or holder that does not read as a person, or a block the parser doubts, is no
//! ground for a finding, and a signer who holds another role of the meeting is information.

use super::messages::{self, Role};
use super::names::{same_or_variant, same_person};
use super::{Review, Severity, code};

pub(super) fn check(r: &mut Review) {
    unsigned(r);
    signature_names(r);
}

/// Signature lines with no name: a draft. One finding for the block, at its first empty line.
fn unsigned(r: &mut Review) {
    let empty: Vec<_> = r
        .meeting
        .signatures
        .iter()
        .filter(|s| s.name.is_none())
        .collect();
    let Some(first) = empty.first() else { return };
    let roles: Vec<&str> = empty
        .iter()
        .map(|s| s.role.as_deref().unwrap_or("?"))
        .collect();
    let message = messages::unsigned(r.lang, &roles);
    let at = r.at_line(first.line);
    let proof: Vec<(u32, &str)> = empty.iter().map(|s| (s.line, "")).collect();
    r.push(at, Severity::Info, code::UNSIGNED, message, &proof);
}

/// The role a signature line is for, when it is one of the three that approve a protocol.
fn signing_role(role: &str) -> Option<Role> {
    let role = role.trim().trim_end_matches(['.', ':']).to_lowercase();
    match role.as_str() {
        "ordförande" | "ordf" | "tjänstgörande ordförande" => Some(Role::Chair),
        "sekreterare" | "sekr" => Some(Role::Secretary),
        "justerare" | "justerande" | "justeras" => Some(Role::Adjuster),
        _ => None,
    }
}

/// The people who hold a role in this meeting.
fn holders(r: &Review, role: Role) -> Vec<String> {
    let m = r.meeting;
    match role {
        Role::Chair => m.chair.iter().cloned().collect(),
        Role::Secretary => m.secretary.iter().cloned().collect(),
        Role::Adjuster => m.adjusters.clone(),
    }
}

/// A signatory whose name is not the holder's of that role. A shorter form of the holder's
/// name (same first and last word) is the same person; a near spelling is `name-variant`'s
/// finding, not this one's.
///
/// Evidence before accusation: the signer and the holders must read as people ("Paragrafer
/// §§ 41, 43" is a label cell, "Brf Runan – protokoll 2024-03-05" a footer beside a signature
/// line), and the parser must not doubt the roster, the officers or the signature roles. Then
/// the finding is an error, unless the signer holds another role of the meeting (an adjuster
/// on the chair's line): a layout that mixed the roles up is likelier than a wrong signer, so
/// it is information ("could not tell whose line this is"), never an accusation.
fn signature_names(r: &mut Review) {
    let doubts = r.meeting.doubts;
    if doubts.officers || doubts.signatures {
        return;
    }
    let mut found = Vec::new();
    for s in &r.meeting.signatures {
        let (Some(name), Some(role)) = (&s.name, s.role.as_deref().and_then(signing_role)) else {
            continue;
        };
        if !looks_like_person(name) || (doubts.roster && role != Role::Adjuster) {
            continue;
        }
        // The chair signs the justering beside the adjusters ("Justeras").
        if role == Role::Adjuster
            && r.meeting
                .chair
                .as_deref()
                .is_some_and(|c| same_person(c, name))
        {
            continue;
        }
        let holders = holders(r, role);
        if holders.is_empty()
            || !holders.iter().all(|h| looks_like_person(h))
            || holders.iter().any(|h| same_or_variant(h, name))
        {
            continue;
        }
        let severity = if holds_a_role(r, name) {
            Severity::Info
        } else {
            Severity::Error
        };
        let mut proof = vec![(s.line, name.clone())];
        for h in &holders {
            proof.extend(holder_line(r, h).map(|l| (l, h.clone())));
        }
        found.push((
            s.line,
            severity,
            messages::signature_name(r.lang, role, name, &holders),
            proof,
        ));
    }
    for (line, severity, message, proof) in found {
        let at = r.at_line(line);
        let proof: Vec<(u32, &str)> = proof.iter().map(|(l, f)| (*l, f.as_str())).collect();
        r.push(at, severity, code::SIGNATURE_NAME, message, &proof);
    }
}

/// Whether `name` holds a role of this meeting: chair, secretary, adjuster or vote counter, or
/// a roster role that chairs, keeps the minutes or adjusts (a vice chair who chaired).
fn holds_a_role(r: &Review, name: &str) -> bool {
    let m = r.meeting;
    let officer = m
        .chair
        .iter()
        .chain(&m.secretary)
        .chain(&m.adjusters)
        .chain(&m.counters)
        .any(|o| same_person(o, name));
    officer
        || m.attendees.iter().any(|a| {
            same_person(&a.name, name)
                && a.role.as_deref().is_some_and(|role| {
                    let role = role.to_lowercase();
                    ["ordf", "sekr", "juster"].iter().any(|w| role.contains(w))
                })
        })
}

/// The line that names `holder` in a role: the roster's entry, else the first line with the
/// name.
fn holder_line(r: &Review, holder: &str) -> Option<u32> {
    r.meeting
        .attendees
        .iter()
        .find(|a| same_person(&a.name, holder))
        .map(|a| a.line)
        .or_else(|| r.line_with(holder))
}

/// Words of labels and roles, never of a name: a "name" holding one kept its label
/// ("Justerare Anna Berg") or is a label cell ("Paragrafer Utses").
const LABEL_WORDS: [&str; 24] = [
    "ordförande",
    "ordf",
    "sekreterare",
    "sekr",
    "justerare",
    "justerande",
    "justeras",
    "justera",
    "justering",
    "utses",
    "att",
    "paragraf",
    "paragrafer",
    "protokoll",
    "protokollet",
    "underskrift",
    "underskrifter",
    "ledamöter",
    "ledamot",
    "ersättare",
    "tjänstgörande",
    "närvarande",
    "beslutande",
    "vice",
];

/// Two to four capitalised words of letters, none of them a label's: a name, not a footer, a
/// label cell or a name that kept its label.
pub(super) fn looks_like_person(name: &str) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    (2..=4).contains(&words.len())
        && words.iter().all(|w| {
            w.starts_with(char::is_uppercase)
                && w.chars()
                    .all(|c| c.is_alphabetic() || c == '-' || c == '\'')
                && !LABEL_WORDS.contains(&w.to_lowercase().as_str())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signing_roles() {
        assert_eq!(signing_role("Ordförande"), Some(Role::Chair));
        assert_eq!(signing_role("justerande"), Some(Role::Adjuster));
        assert_eq!(signing_role("sekreterare:"), Some(Role::Secretary));
        assert_eq!(signing_role("vice ordförande"), None);
    }

    #[test]
    fn names_and_labels() {
        assert!(looks_like_person("Anna-Karin Sjöström"));
        assert!(!looks_like_person("Paragrafer §§ 41, 43"));
        assert!(!looks_like_person("Justerare Anna Berg"));
        assert!(!looks_like_person("Brf Runan – protokoll 2024-03-05"));
        assert!(!looks_like_person("Anna"));
    }
}
