//! People: the roster as attendees, then chair, secretary, adjusters and signatures.

use super::{header, roster};
use crate::model::{Attendee, Group, Meeting, Paragraph, Signature};

/// The roster as attendees, then chair, secretary, adjusters and signatures.
pub(super) fn fill(
    m: &mut Meeting,
    h: &header::Header,
    tail: &header::Header,
    esign: &[header::ESign],
) {
    let all: Vec<u32> = m.paragraphs.iter().map(|p| p.number).collect();
    for r in &h.roster {
        let mut a = r.entry.attendee(r.group, r.present, r.line);
        if !r.entry.except.is_empty() {
            // "ej § 91-97": at every § but those.
            let base = a.paragraphs.take().unwrap_or_else(|| all.clone());
            a.paragraphs = Some(
                base.into_iter()
                    .filter(|n| !r.entry.except.contains(n))
                    .collect(),
            );
        }
        m.attendees.push(a);
    }
    local_parties(&mut m.attendees);
    // A member replaced by a substitute is not present, listed as absent or not.
    let replaced: Vec<(String, u32)> = m
        .attendees
        .iter()
        .filter_map(|a| a.replaces.clone().map(|r| (r, a.line)))
        .collect();
    for (name, line) in replaced {
        if !m.attendees.iter().any(|a| same_name(&a.name, &name)) {
            m.attendees.push(Attendee {
                name,
                group: Group::Member,
                present: false,
                role: None,
                party: None,
                affiliation: None,
                replaces: None,
                paragraphs: None,
                line,
            });
        }
    }

    let mut sigs: Vec<Signature> = h
        .signatures
        .iter()
        .chain(&tail.signatures)
        .cloned()
        .collect();
    let role_of = |a: &Attendee, want: &str| {
        a.role.as_deref().is_some_and(|r| {
            let r = r.to_lowercase();
            r.split(',').any(|part| {
                let p = part.trim().trim_end_matches('.');
                match want {
                    "ordförande" => {
                        let p = p
                            .split(" §")
                            .next()
                            .unwrap_or(p)
                            .trim()
                            .trim_end_matches('.');
                        p == "ordförande"
                            || p == "ordf"
                            || p == "mötesordförande"
                            || p == "mötesordf"
                            || p == "mötets ordförande"
                            || p.starts_with("tjänstgörande ordförande")
                    }
                    "sekreterare" => {
                        p == want
                            || p.starts_with("sekreterare ")
                            || (p.ends_with("sekreterare") && !p.contains(' '))
                            || p == "sekr"
                            || p == "mötessekreterare"
                            || p == "protokollförare"
                    }
                    _ => p == want || p.starts_with(&format!("{want} ")),
                }
            })
        })
    };
    let sig_name = |sigs: &[Signature], role: &str| {
        sigs.iter()
            .find(|s| s.role.as_deref() == Some(role))
            .and_then(|s| s.name.clone())
    };
    let names: Vec<String> = m.attendees.iter().map(|a| a.name.clone()).collect();
    let elected = super::elected::read(&m.paragraphs);
    let single = |n: &String| !n.contains(' ');
    // "Per valdes till ordförande": the roster's full name, else one written elsewhere in the
    // text ("Per Larsson").
    let text_names = std::cell::OnceCell::new();
    let resolve_elected = |n: &String| {
        let r = resolve(n, &names);
        if single(&r) {
            resolve(
                &r,
                text_names.get_or_init(|| super::elected::full_names(&m.paragraphs)),
            )
        } else {
            r
        }
    };
    m.chair = m
        .attendees
        .iter()
        .find(|a| {
            a.present
                && role_of(a, "ordförande")
                && a.role
                    .as_deref()
                    .is_some_and(|r| r.contains("tjänstgörande"))
        })
        .or_else(|| {
            m.attendees
                .iter()
                .find(|a| a.present && role_of(a, "ordförande"))
        })
        .map(|a| a.name.clone())
        .or_else(|| elected.chair.as_ref().map(resolve_elected))
        .or_else(|| sig_name(&sigs, "ordförande").map(|n| resolve(&n, &names)));
    m.secretary = m
        .attendees
        .iter()
        .find(|a| role_of(a, "sekreterare"))
        .map(|a| a.name.clone())
        .or_else(|| elected.secretary.as_ref().map(resolve_elected))
        .or_else(|| sig_name(&sigs, "sekreterare").map(|n| resolve(&n, &names)));
    m.counters = elected.counters.iter().map(resolve_elected).collect();
    let mut adjusters: Vec<String> = h
        .adjusters
        .iter()
        .chain(&tail.adjusters)
        .map(|n| resolve(n, &names))
        .collect();
    if adjusters.is_empty() {
        adjusters = sigs
            .iter()
            .filter(|s| matches!(s.role.as_deref(), Some("justerare" | "justerande")))
            .filter_map(|s| s.name.as_deref().map(|n| resolve(n, &names)))
            // The chair signs under "Justeras" beside the adjusters.
            .filter(|n| m.chair.as_deref().is_none_or(|c| !same_name(c, n)))
            .collect();
    }
    if adjusters.is_empty() {
        // After the signatures: they give full names, an election often a first name only.
        adjusters = elected.adjusters.iter().map(resolve_elected).collect();
    }
    if adjusters.is_empty() {
        adjusters = h
            .unroled_signers
            .iter()
            .map(|n| resolve(n, &names))
            .collect();
    }
    if adjusters.is_empty() {
        adjusters = adjusters_in_text(&m.paragraphs)
            .iter()
            .map(|n| resolve(n, &names))
            .collect();
    }
    let mut seen: Vec<String> = Vec::new();
    adjusters.retain(|a| {
        let new = !seen.iter().any(|s| same_name(s, a));
        seen.push(a.clone());
        new
    });
    m.adjusters = adjusters;

    // E-signatures: the time to a signature line of the same person, or a signature of its own.
    for e in esign {
        if let Some(s) = sigs.iter_mut().find(|s| {
            s.name
                .as_deref()
                .is_some_and(|n| same_name(n, &e.name) || short_form_of(n, &e.name))
        }) {
            if s.signed_at.is_none() {
                s.signed_at.clone_from(&e.signed_at);
            }
            continue;
        }
        let role = if m
            .secretary
            .as_deref()
            .is_some_and(|n| same_name(n, &e.name))
        {
            Some("sekreterare")
        } else if m.chair.as_deref().is_some_and(|n| same_name(n, &e.name)) {
            Some("ordförande")
        } else if m.adjusters.iter().any(|n| same_name(n, &e.name)) {
            Some("justerare")
        } else {
            None
        };
        sigs.push(Signature {
            name: Some(e.name.clone()),
            role: role.map(str::to_owned),
            signed_at: e.signed_at.clone(),
            line: e.line,
        });
    }
    if m.organization.is_none() {
        m.organization = esign
            .iter()
            .find(|e| {
                m.secretary
                    .as_deref()
                    .is_some_and(|s| same_name(s, &e.name))
            })
            .or(esign.first())
            .and_then(|e| e.company.clone());
    }
    m.signatures = sigs;
}

/// The national parties, as protocols write them in brackets.
const PARTIES: [&str; 13] = [
    "S", "M", "C", "V", "KD", "L", "MP", "SD", "FP", "PP", "FI", "NYD", "SPI",
];

/// A short code in brackets is a local party ("(VF)") only in a roster of parties: where no
/// one has a national party, "(EY)" beside an auditor is an organisation, not a party.
fn local_parties(attendees: &mut [Attendee]) {
    let partisan = attendees
        .iter()
        .any(|a| a.party.as_deref().is_some_and(|p| PARTIES.contains(&p)));
    if partisan {
        return;
    }
    for a in attendees {
        if let Some(code) = a.party.take() {
            match &mut a.affiliation {
                Some(aff) => {
                    aff.push_str(", ");
                    aff.push_str(&code);
                }
                None => a.affiliation = Some(code),
            }
        }
    }
}

/// "Till justerare utses Hans Brynielsson", "Susanne väljs att tillsammans med ordförande justera".
fn adjusters_in_text(paragraphs: &[Paragraph]) -> Vec<String> {
    let mut out = Vec::new();
    for p in paragraphs.iter().take(3) {
        for line in p.text.lines() {
            let lower = line.to_lowercase();
            if !lower.contains("justera") {
                continue;
            }
            let words: Vec<&str> = line
                .split_whitespace()
                .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-'))
                .collect();
            for (k, w) in words.iter().enumerate() {
                if *w == "väljs" || *w == "utses" {
                    let before: Vec<&str> = words[..k]
                        .iter()
                        .rev()
                        .take_while(|w| roster::is_name_word(w))
                        .copied()
                        .collect();
                    let after: Vec<&str> = words[k + 1..]
                        .iter()
                        .take_while(|w| roster::is_name_word(w))
                        .copied()
                        .collect();
                    let name = if !before.is_empty() && (before.len() != 1 || before[0] != "Till") {
                        before.into_iter().rev().collect::<Vec<_>>().join(" ")
                    } else {
                        after.join(" ")
                    };
                    if !name.is_empty() {
                        out.push(name);
                    }
                }
            }
        }
    }
    out
}

/// Case-insensitive equality of names, spaces normalised.
pub fn same_name(a: &str, b: &str) -> bool {
    // Word by word, without allocating: names are compared many times over for every roster.
    let mut left = a.split_whitespace();
    let mut right = b.split_whitespace();
    loop {
        match (left.next(), right.next()) {
            (None, None) => return true,
            (Some(l), Some(r)) if l == r => {}
            (Some(l), Some(r)) => {
                let same = if crate::fold::ascii_starts_differ(l, r) {
                    false
                } else if l.is_ascii() && r.is_ascii() {
                    l.eq_ignore_ascii_case(r)
                } else {
                    l.chars()
                        .flat_map(char::to_lowercase)
                        .eq(r.chars().flat_map(char::to_lowercase))
                };
                if !same {
                    return false;
                }
            }
            _ => return false,
        }
    }
}

/// "Fredrik Ölmerud" is a short form of "Fredrik Kjellman Ölmerud": same first and last word.
pub fn short_form_of(long: &str, short: &str) -> bool {
    let (l, s) = (Shape::of(long), Shape::of(short));
    l.words > s.words && s.words >= 2 && l.same_ends(&s)
}

/// Whether either name is a short form of the other; each read once.
pub fn short_form_either(a: &str, b: &str) -> bool {
    let (a, b) = (Shape::of(a), Shape::of(b));
    a.words != b.words && a.words.min(b.words) >= 2 && a.same_ends(&b)
}

/// A name's number of words and its first and last word, from one pass over it: the review
/// asks about every pair of names it holds, so nothing is allocated or read twice.
struct Shape<'a> {
    words: usize,
    first: &'a str,
    last: &'a str,
}

impl<'a> Shape<'a> {
    fn of(name: &'a str) -> Shape<'a> {
        let mut shape = Shape {
            words: 0,
            first: "",
            last: "",
        };
        for w in name.split_whitespace() {
            if shape.words == 0 {
                shape.first = w;
            }
            shape.last = w;
            shape.words += 1;
        }
        shape
    }

    /// Same first and same last word, case aside (as `str::to_lowercase` has it).
    fn same_ends(&self, other: &Shape) -> bool {
        crate::fold::same_lowercase(self.last, other.last)
            && crate::fold::same_lowercase(self.first, other.first)
    }
}

/// The roster's full form of a name: the name itself when listed, the only roster name with that
/// first name when only a first name is written, the long form of a short form.
pub fn resolve(name: &str, roster: &[String]) -> String {
    if roster.iter().any(|r| same_name(r, name)) {
        return name.to_owned();
    }
    let words: Vec<&str> = name.split_whitespace().collect();
    let candidates: Vec<&String> = if words.len() == 1 {
        roster
            .iter()
            .filter(|r| {
                r.split_whitespace().next().is_some_and(|f| {
                    f.eq_ignore_ascii_case(words[0]) || f.to_lowercase() == words[0].to_lowercase()
                })
            })
            .collect()
    } else {
        roster.iter().filter(|r| short_form_of(r, name)).collect()
    };
    match candidates.as_slice() {
        [one] => (*one).clone(),
        _ => name.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_resolve_to_the_roster() {
        let roster = vec![
            "Susanne Hansson".to_owned(),
            "Fredrik Kjellman Ölmerud".to_owned(),
            "Susan Ek".to_owned(),
        ];
        assert_eq!(resolve("Susanne", &roster), "Susanne Hansson");
        assert_eq!(
            resolve("Fredrik Ölmerud", &roster),
            "Fredrik Kjellman Ölmerud"
        );
        assert_eq!(resolve("Anna", &roster), "Anna");
    }
}
