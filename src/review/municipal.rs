//! Checks of municipal protocols: votes that do not add up (`vote-count`), roll calls that
//! disagree with the announced result (`vote-roll`), reservations by someone who took no part
//! (`reservation-not-present`), a member with jäv who still moved or voted
//! (`recusal-took-part`), a notice posted late or taken down early (`notice-late`,
//! `notice-short`, Kommunallagen 8 kap. 12 §), and motions or votes with no decision recorded
//! (`decision-missing`). Each says nothing when the text does not say enough to decide; jäv in
//! one § says nothing about another.
//!
//! Counts against the roster (`vote-count`, a reservation by someone the roster lists absent)
//! are warnings: a member who stepped out for one vote is rarely written down. What the text of
//! one § says against itself (jäv and a motion, a roll call that gives the other outcome) and
//! the notice's dates, which the law sets, are errors.

use super::{Place, Review, Severity, code};
use crate::date::{self, Date};
use crate::fold::key;
use crate::model::{Ballot, Group, Paragraph};

pub(super) fn check(r: &mut Review<'_>) {
    for p in &r.meeting.paragraphs {
        votes(r, p);
        reservations(r, p);
        recusals(r, p);
        if (!p.motions.is_empty() || !p.votes.is_empty()) && p.decisions.is_empty() {
            let msg = r.lang.t(
                "har yrkanden eller omröstning men inget beslut",
                "has motions or a vote but no decision recorded",
            );
            let first = p
                .motions
                .iter()
                .map(|m| m.line)
                .chain(p.votes.iter().map(|v| v.line))
                .min()
                .unwrap_or(p.line);
            r.push(
                Place {
                    paragraph: Some(p.number),
                    line: p.line,
                },
                Severity::Warning,
                code::DECISION_MISSING,
                format!("§ {}: {msg}", p.number),
                &[(p.line, ""), (first, "")],
            );
        }
    }
    notice(r);
}

/// Members who serve at § `n`: present members whose § limits (if any) include it, less those
/// with jäv in it. `None` when the roster lists no members (attendance kept elsewhere).
fn serving(r: &Review<'_>, p: &Paragraph) -> Option<u32> {
    let m = r.meeting;
    if !m.attendees.iter().any(|a| a.group == Group::Member) {
        return None;
    }
    let recused: Vec<String> = p.recusals.iter().map(|x| key(&x.name)).collect();
    let n = m
        .members_present()
        .filter(|a| {
            a.paragraphs
                .as_ref()
                .is_none_or(|ps| ps.contains(&p.number))
        })
        .filter(|a| !recused.contains(&key(&a.name)))
        .count();
    Some(n as u32)
}

fn votes(r: &mut Review<'_>, p: &Paragraph) {
    for v in &p.votes {
        let (Some(yes), Some(no)) = (v.yes, v.no) else {
            continue;
        };
        let at = Place {
            paragraph: Some(p.number),
            line: v.line,
        };
        let counted = yes + no + v.abstain.unwrap_or(0);
        if let Some(serving) = serving(r, p).filter(|_| !r.meeting.doubts.roster) {
            let seats = r
                .meeting
                .attendees
                .iter()
                .filter(|a| a.group == Group::Member)
                .count() as u32;
            let (total, against) = match v.absent {
                Some(absent) => (counted + absent, seats.max(serving)),
                None => (counted, serving),
            };
            let first_member = r
                .meeting
                .attendees
                .iter()
                .find(|a| a.group == Group::Member)
                .map_or(v.line, |a| a.line);
            if total != against {
                let msg = match r.lang {
                    crate::lang::Lang::Sv => format!(
                        "§ {}: omröstningen räknar {total} röster men {against} ledamöter tjänstgör",
                        p.number
                    ),
                    crate::lang::Lang::En => format!(
                        "§ {}: the vote counts {total} but {against} members serve",
                        p.number
                    ),
                };
                r.push(
                    at,
                    Severity::Warning,
                    code::VOTE_COUNT,
                    msg,
                    &[(v.line, ""), (first_member, "")],
                );
            }
        }
        if !v.roll.is_empty() {
            let count = |b: Ballot| v.roll.iter().filter(|e| e.vote == b).count() as u32;
            let (ry, rn, ra) = (
                count(Ballot::Yes),
                count(Ballot::No),
                count(Ballot::Abstain),
            );
            let announced = (yes, no, v.abstain.unwrap_or(0));
            if (ry, rn, ra) != announced {
                let msg = match r.lang {
                    crate::lang::Lang::Sv => format!(
                        "§ {}: omröstningslistan visar {ry}–{rn}–{ra} (ja–nej–avstår) men resultatet anges {}–{}–{}",
                        p.number, announced.0, announced.1, announced.2
                    ),
                    crate::lang::Lang::En => format!(
                        "§ {}: the roll call shows {ry}–{rn}–{ra} (yes–no–abstain) but the announced result is {}–{}–{}",
                        p.number, announced.0, announced.1, announced.2
                    ),
                };
                // The same winner on both counts: a slip in a number. The other winner: the
                // record does not say what was decided.
                let severity = if (ry.cmp(&rn)) == (yes.cmp(&no)) {
                    Severity::Warning
                } else {
                    Severity::Error
                };
                r.push(at, severity, code::VOTE_ROLL, msg, &[(v.line, "")]);
            }
        }
    }
}

fn reservations(r: &mut Review<'_>, p: &Paragraph) {
    let m = r.meeting;
    for res in &p.reservations {
        for name in &res.names {
            let k = key(name);
            let listed = m.attendees.iter().find(|a| key(&a.name) == k);
            let replaced_by = m
                .attendees
                .iter()
                .find(|a| a.replaces.as_deref().is_some_and(|x| key(x) == k));
            let recused = p.recusals.iter().find(|x| key(&x.name) == k);
            let absent = listed.filter(|a| {
                !a.present
                    || a.paragraphs
                        .as_ref()
                        .is_some_and(|ps| !ps.contains(&p.number))
            });
            // Jäv in the same § is the § text against itself: certain. The roster may simply
            // not say that someone came back.
            let (why, severity, other) = if let Some(x) = recused {
                (
                    r.lang
                        .t("har anmält jäv i paragrafen", "declared jäv in this §"),
                    Severity::Error,
                    x.line,
                )
            } else if let Some(a) = replaced_by.filter(|_| !m.doubts.roster) {
                (
                    r.lang
                        .t("ersattes av en ersättare", "was replaced by a substitute"),
                    Severity::Warning,
                    a.line,
                )
            } else if let Some(a) = absent.filter(|_| !m.doubts.roster) {
                (
                    r.lang.t("var inte närvarande", "was not present"),
                    Severity::Warning,
                    a.line,
                )
            } else {
                continue;
            };
            let msg = match r.lang {
                crate::lang::Lang::Sv => {
                    format!("§ {}: {name} reserverar sig men {why}", p.number)
                }
                crate::lang::Lang::En => format!(
                    "§ {}: {name} reserves against the decision but {why}",
                    p.number
                ),
            };
            r.push(
                Place {
                    paragraph: Some(p.number),
                    line: res.line,
                },
                severity,
                code::RESERVATION_NOT_PRESENT,
                msg,
                &[(res.line, ""), (other, "")],
            );
        }
    }
}

fn recusals(r: &mut Review<'_>, p: &Paragraph) {
    for rec in &p.recusals {
        let k = key(&rec.name);
        let moved = p
            .motions
            .iter()
            .find(|mo| key(&mo.by) == k)
            .map(|mo| mo.line);
        let voted = p
            .votes
            .iter()
            .find(|v| {
                v.roll
                    .iter()
                    .any(|e| key(&e.name) == k && e.vote != Ballot::Absent)
            })
            .map(|v| v.line);
        if let Some(line) = moved.or(voted) {
            let msg = match r.lang {
                crate::lang::Lang::Sv => format!(
                    "§ {}: {} har anmält jäv men {} i paragrafen",
                    p.number,
                    rec.name,
                    if moved.is_some() { "yrkar" } else { "röstar" }
                ),
                crate::lang::Lang::En => format!(
                    "§ {}: {} declared jäv but {} in this §",
                    p.number,
                    rec.name,
                    if moved.is_some() { "moves" } else { "votes" }
                ),
            };
            r.push(
                Place {
                    paragraph: Some(p.number),
                    line,
                },
                Severity::Error,
                code::RECUSAL_TOOK_PART,
                msg,
                &[(rec.line, ""), (line, "")],
            );
        }
    }
}

/// The line at or just after `from` (the notice's block) that gives `when`.
fn line_of_date(r: &Review<'_>, from: u32, when: Date) -> u32 {
    r.meeting
        .lines
        .iter()
        .filter(|l| l.number >= from)
        .take(15)
        .find(|l| date::find_dates(l.text).iter().any(|f| f.date == when))
        .map_or(from, |l| l.number)
}

fn notice(r: &mut Review<'_>) {
    let Some(n) = &r.meeting.notice else { return };
    let at = Place {
        paragraph: None,
        line: n.line,
    };
    let posted = n.posted.as_deref().and_then(Date::parse_iso);
    let justering = r
        .meeting
        .justering
        .as_ref()
        .and_then(|j| j.date.as_deref())
        .and_then(Date::parse_iso);
    if let (Some(posted), Some(justering)) = (posted, justering) {
        let days = posted.days() - justering.days();
        if days > 2 {
            let msg = match r.lang {
                crate::lang::Lang::Sv => format!(
                    "anslaget sattes upp {posted}, {days} dagar efter justeringen {justering}; senast andra dagen efter (KL 8 kap. 12 §)"
                ),
                crate::lang::Lang::En => format!(
                    "the notice was posted on {posted}, {days} days after the justering on {justering}; expected by the second day after (KL 8 kap. 12 §)"
                ),
            };
            let posted_line = line_of_date(r, n.line, posted);
            let justering_line = super::dates::justering_line(r, justering).unwrap_or(n.line);
            r.push(
                at,
                Severity::Error,
                code::NOTICE_LATE,
                msg,
                &[(posted_line, ""), (justering_line, "")],
            );
        }
    }
    let removed = n.removed.as_deref().and_then(Date::parse_iso);
    if let (Some(posted), Some(removed)) = (posted, removed) {
        let days = removed.days() - posted.days();
        if days < 21 {
            let msg = match r.lang {
                crate::lang::Lang::Sv => format!(
                    "anslaget togs ned {removed}, {days} dagar efter att det sattes upp; minst tre veckor krävs"
                ),
                crate::lang::Lang::En => format!(
                    "the notice was taken down on {removed}, {days} days after it was posted; at least three weeks are required"
                ),
            };
            let posted_line = line_of_date(r, n.line, posted);
            let removed_line = line_of_date(r, n.line, removed);
            r.push(
                at,
                Severity::Error,
                code::NOTICE_SHORT,
                msg,
                &[(posted_line, ""), (removed_line, "")],
            );
        }
    }
}
