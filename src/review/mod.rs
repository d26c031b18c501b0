//! Review of a protocol before it is signed: the checks a secretary runs by eye, as pure
//! functions of one [`Meeting`]. Each check answers one question (is a § missing, does the
//! agenda agree with the body, is the protocol approved in time, is the body quorate, is a
//! name spelled two ways…) and says where to look, by § and source line, in Swedish or English.
//!
//! Two rules hold for every check. A check that lacks what it needs to decide (no date, no
//! roster, no agenda, no declared range) says nothing rather than guessing: a false alarm
//! teaches the reader to ignore the list. And checks only read the model; they never re-parse
//! the file, so what they report is exactly what the rest of the program shows.
//!
//! Every finding carries its evidence: the lines it compared, with their line numbers, so the
//! reader can judge it without opening the file. And every finding can be settled: the
//! secretary accepts it with a reason, kept with the review marks ([`marks`]); it stays
//! accepted while the lines of its evidence read the same, and comes back when they change.
//!
//! How grave each finding is follows one policy, written in the README: `error` only for what
//! makes the protocol wrong as a legal record and rests on facts read with certainty,
//! `warning` for what a secretary should look at, `info` for drafts and notes.
//!
//! The checks live in one submodule per area (`numbering`, `references`, `dates`, `people`,
//! `signatures`, `names`, `municipal`); the § a protocol declares are read in `declared`; every message is written in
//! `messages`, Swedish and English side by side.

pub mod code;
mod dates;
mod declared;
pub mod marks;
mod messages;
mod municipal;
mod names;
mod numbering;
mod people;
mod references;
mod signatures;

use serde::{Deserialize, Serialize};

use crate::lang::Lang;
use crate::model::Meeting;

pub use declared::{Declared, declared};

/// How much a finding matters. `Error` findings not accepted make `protokoll check` exit with 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing, nothing to fix before signing (an unsigned draft, a title that differs
    /// only by a word's ending).
    Info,
    /// Something a secretary should look at: probably a slip in the text, or a fault the text
    /// cannot prove.
    Warning,
    /// The protocol is wrong as a legal record, on facts read with certainty (a § it names but
    /// lacks, a signature by someone else than the role's holder, a late justering, no quorum).
    Error,
}

/// One problem found in one meeting, in the shape of the `check` JSON of the contract.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The meeting's id.
    pub meeting: String,
    /// The § the problem belongs to, when it belongs to one.
    pub paragraph: Option<u32>,
    /// The 1-based source line that is the best place to look.
    pub line: u32,
    pub severity: Severity,
    /// One of the stable codes in [`code`].
    pub code: &'static str,
    /// What is wrong and where, in the language asked for.
    pub message: String,
    /// The lines the check compared, in the order it compared them: what proves the finding.
    pub evidence: Vec<Evidence>,
    /// Whether the secretary has accepted the finding as it stands (see [`settle`]).
    pub accepted: bool,
    /// Her reason, when accepted.
    pub reason: Option<String>,
    /// FNV-1a of the code and the whole text of every evidence line: an acceptance holds while
    /// this is the same. Not part of the JSON.
    #[serde(skip)]
    pub digest: String,
}

/// One line a finding rests on: its 1-based line in the file and its text (for a long line,
/// the part around what was compared, with `…` where it was cut).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    pub line: u32,
    pub text: String,
}

/// The finding for a file that was named or found but not checked, `why` being the message of
/// its diagnostic; `meeting` is the file's stem, as a meeting's id would be.
pub fn unreadable(meeting: &str, why: &str, lang: Lang) -> Finding {
    Finding {
        meeting: meeting.to_owned(),
        paragraph: None,
        line: 1,
        severity: Severity::Error,
        code: code::UNREADABLE,
        message: messages::unreadable(lang, why),
        evidence: Vec::new(),
        accepted: false,
        reason: None,
        digest: marks::hash(code::UNREADABLE),
    }
}

/// The § of `meeting` still to review, in order, each with its mark: not reviewed, or reviewed
/// before its text changed ([`marks::State::Stale`]).
pub fn to_review(meeting: &Meeting, marks: &marks::Marks) -> Vec<(u32, marks::State)> {
    meeting
        .paragraphs
        .iter()
        .map(|p| (p.number, marks.state(meeting, p.number)))
        .filter(|(_, s)| *s != marks::State::Reviewed)
        .collect()
}

/// Whether the secretary has accepted `finding`: looked at it and decided it stands as written,
/// and the lines of its evidence still read as they did then.
pub fn is_accepted(marks: &marks::Marks, meeting: &Meeting, finding: &Finding) -> bool {
    marks.acceptance(meeting, finding).is_some()
}

/// Marks each of `findings` (of `meeting`) accepted, with its reason, as `marks` say.
pub fn settle(findings: &mut [Finding], marks: &marks::Marks, meeting: &Meeting) {
    for f in findings {
        let reason = marks.acceptance(meeting, f).map(|a| a.reason.clone());
        f.accepted = reason.is_some();
        f.reason = reason;
    }
}

/// The seats of the meeting's body: every member listed, a serving substitute's seat counted
/// as the member it replaces (Tove Lindahl serving for Peter Holmgren is one seat).
pub fn seats(meeting: &Meeting) -> usize {
    let members: Vec<&crate::model::Attendee> = meeting
        .attendees
        .iter()
        .filter(|a| a.group == crate::model::Group::Member)
        .collect();
    people::seats(&members)
}

/// Findings in the order a reader wants them: errors first, then by line.
pub fn by_severity(findings: &mut [Finding]) {
    findings.sort_by(|a, b| b.severity.cmp(&a.severity).then(a.line.cmp(&b.line)));
}

/// All findings for one meeting, messages in `lang`, sorted by line (findings on the same line
/// keep the order of the checks: numbering, dates, people, names).
pub fn check(meeting: &Meeting, lang: Lang) -> Vec<Finding> {
    let mut r = Review {
        meeting,
        lang,
        findings: Vec::new(),
        declared: declared(meeting),
    };
    numbering::check(&mut r);
    dates::check(&mut r);
    signatures::check(&mut r);
    people::check(&mut r);
    names::check(&mut r);
    municipal::check(&mut r);
    unsure(&mut r);
    let mut findings = r.findings;
    findings.sort_by_key(|f| f.line);
    findings
}

/// One `unsure` finding for each kind of reading the parser doubts, saying what was not
/// checked because of it, at the lines it concerns.
fn unsure(r: &mut Review) {
    let m = r.meeting;
    let d = m.doubts;
    let first_attendee = m.attendees.iter().map(|a| a.line).min();
    let signature_lines: Vec<u32> = m.signatures.iter().map(|s| s.line).collect();
    let first_heading = m.paragraphs.iter().map(|p| p.line).min();
    let kinds = [
        (
            d.roster,
            messages::UnsureOf::Roster,
            first_attendee.into_iter().collect::<Vec<_>>(),
        ),
        (
            d.officers,
            messages::UnsureOf::Officers,
            first_attendee.into_iter().collect(),
        ),
        (
            d.signatures,
            messages::UnsureOf::Signatures,
            signature_lines,
        ),
        (
            d.paragraphs,
            messages::UnsureOf::Paragraphs,
            first_heading.into_iter().collect(),
        ),
    ];
    for (doubted, what, lines) in kinds {
        if !doubted {
            continue;
        }
        let line = lines.first().copied().unwrap_or(1);
        let proof: Vec<(u32, &str)> = lines.iter().map(|l| (*l, "")).collect();
        let message = messages::unsure(r.lang, what);
        r.push(
            Place::line(line),
            Severity::Info,
            code::UNSURE,
            message,
            &proof,
        );
    }
}

/// What every check reads and writes: the meeting, the language, the findings so far, and
/// what more than one check needs, read once.
struct Review<'a> {
    meeting: &'a Meeting,
    lang: Lang,
    findings: Vec<Finding>,
    /// The § the protocol declares ([`declared`]).
    declared: Option<Declared>,
}

impl Review<'_> {
    /// Records a finding with the lines that prove it, each `(line, focus)`: the source line
    /// and the words compared on it (`""` for the whole line). A line of 0 (unknown) becomes 1
    /// so every finding points into the file; without proof, the finding's own line is shown.
    fn push(
        &mut self,
        at: Place,
        severity: Severity,
        code: &'static str,
        message: String,
        proof: &[(u32, &str)],
    ) {
        let line = at.line.max(1);
        let own = [(line, "")];
        let proof = if proof.is_empty() { &own[..] } else { proof };
        let mut evidence: Vec<Evidence> = Vec::new();
        let mut whole = String::from(code);
        for &(n, focus) in proof {
            if evidence.iter().any(|e| e.line == n) {
                continue;
            }
            let Some(text) = self.line_text(n) else {
                continue;
            };
            whole.push('\n');
            whole.push_str(text);
            evidence.push(Evidence {
                line: n,
                text: excerpt(text, focus),
            });
        }
        // In the order of the file, as the reader will look them up.
        evidence.sort_by_key(|e| e.line);
        self.findings.push(Finding {
            meeting: self.meeting.id.clone(),
            paragraph: at.paragraph,
            line,
            severity,
            code,
            message,
            evidence,
            accepted: false,
            reason: None,
            digest: marks::hash(&whole),
        });
    }

    /// The cleaned text of source line `n`, trimmed: from the meeting's lines, else from a §'s
    /// text (a line the parser joined into it).
    fn line_text(&self, n: u32) -> Option<&str> {
        let lines = &self.meeting.lines;
        let at = lines.partition_point(|l| l.number < n);
        let found = match lines.get(at) {
            Some(l) if l.number == n => Some(l),
            _ => lines.iter().find(|l| l.number == n),
        };
        if let Some(l) = found {
            return Some(l.text.trim());
        }
        self.meeting
            .paragraphs
            .iter()
            .flat_map(crate::model::Paragraph::numbered_lines)
            .find(|(_, line)| *line == n)
            .map(|(t, _)| t.trim())
    }

    /// The place of a source line: the line and the § whose heading or text holds it.
    fn at_line(&self, line: u32) -> Place {
        let paragraph = self
            .meeting
            .paragraphs
            .iter()
            .find(|p| p.line == line || p.text_lines.contains(&line))
            .map(|p| p.number);
        Place { paragraph, line }
    }

    /// The sorted, deduplicated § numbers the body has.
    fn numbers(&self) -> Vec<u32> {
        let mut n: Vec<u32> = self.meeting.paragraphs.iter().map(|p| p.number).collect();
        n.sort_unstable();
        n.dedup();
        n
    }

    /// The first source line whose text satisfies `pred`.
    fn find_line(&self, pred: impl Fn(&str) -> bool) -> Option<u32> {
        self.meeting
            .lines
            .iter()
            .find(|l| pred(l.text))
            .map(|l| l.number)
    }

    /// The first source line that contains `needle`, searched with one prebuilt finder rather
    /// than a searcher built for every line.
    fn line_with(&self, needle: &str) -> Option<u32> {
        let finder = memchr::memmem::Finder::new(needle);
        self.find_line(|t| finder.find(t.as_bytes()).is_some())
    }

    /// The line of the meeting's date: the first line that gives it, so a finding that counts
    /// days from the meeting shows where the count starts.
    fn date_line(&self) -> Option<u32> {
        let date = self
            .meeting
            .date
            .as_deref()
            .and_then(crate::date::Date::parse_iso)?;
        self.meeting
            .lines
            .iter()
            .find(|l| {
                l.text.bytes().any(|b| b.is_ascii_digit())
                    && crate::date::find_dates(l.text)
                        .iter()
                        .any(|f| f.date == date)
            })
            .map(|l| l.number)
    }
}

/// Characters of an evidence line shown whole; a longer line is cut around what was compared.
const EXCERPT_MAX: usize = 100;
/// Characters kept on each side of what was compared, in a long line.
const EXCERPT_AROUND: usize = 40;

/// A line as evidence: whole when short, else the words around `focus` (or its start), with
/// `…` where it was cut.
fn excerpt(text: &str, focus: &str) -> String {
    // Tabs of a layout and runs of spaces are one space here.
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let text = text.as_str();
    let chars: Vec<char> = text.chars().collect();
    if chars.len() <= EXCERPT_MAX {
        return text.to_owned();
    }
    let at = (!focus.is_empty())
        .then(|| text.find(focus))
        .flatten()
        .map(|b| text[..b].chars().count());
    let (mut from, mut to) = match at {
        Some(a) => (
            a.saturating_sub(EXCERPT_AROUND),
            (a + focus.chars().count() + EXCERPT_AROUND).min(chars.len()),
        ),
        None => (0, EXCERPT_MAX),
    };
    // Whole words: start after a space and end before one, when one is near.
    if from > 0
        && let Some(k) = chars[from..(from + 15).min(to)]
            .iter()
            .position(|c| c.is_whitespace())
    {
        from += k + 1;
    }
    if to < chars.len()
        && let Some(k) = chars[to.saturating_sub(15).max(from)..to]
            .iter()
            .rposition(|c| c.is_whitespace())
    {
        to = to.saturating_sub(15).max(from) + k;
    }
    let mut out = String::new();
    if from > 0 {
        out.push('…');
    }
    out.extend(chars[from..to].iter());
    let out = out.trim_end().to_owned();
    if to < chars.len() {
        format!("{out}…")
    } else {
        out
    }
}

/// Where a finding points: a source line and, when it belongs to one, a §.
#[derive(Debug, Clone, Copy)]
struct Place {
    paragraph: Option<u32>,
    line: u32,
}

impl Place {
    fn paragraph(number: u32, line: u32) -> Place {
        Place {
            paragraph: Some(number),
            line,
        }
    }

    fn line(line: u32) -> Place {
        Place {
            paragraph: None,
            line,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meeting(text: &str) -> Meeting {
        crate::parse::parse(text, "x.txt").0
    }

    #[test]
    fn findings_are_sorted_by_line_and_carry_the_meeting_id() {
        let mut m = meeting("Paragrafer 1-4\n\n§ 1 Öppnande\n\nText.\n\n§ 3 Avslutning\n\nText.\n");
        m.id = "m1".to_owned();
        let f = check(&m, Lang::En);
        assert!(!f.is_empty());
        assert!(f.windows(2).all(|w| w[0].line <= w[1].line), "{f:#?}");
        assert!(f.iter().all(|x| x.meeting == "m1" && x.line >= 1));
    }

    #[test]
    fn severity_serialises_in_lowercase_and_orders_by_weight() {
        assert_eq!(
            serde_json::to_string(&Severity::Warning).unwrap(),
            "\"warning\""
        );
        assert!(Severity::Info < Severity::Warning && Severity::Warning < Severity::Error);
    }

    #[test]
    fn long_lines_are_cut_around_what_was_compared() {
        let long = format!(
            "{} Elisabet Lassen {}",
            "ord ".repeat(30),
            "mer ".repeat(30)
        );
        let e = excerpt(&long, "Elisabet Lassen");
        assert!(e.starts_with('…') && e.ends_with('…'), "{e}");
        assert!(
            e.contains("Elisabet Lassen") && e.chars().count() <= 100,
            "{e}"
        );
        assert_eq!(excerpt("Paragrafer\t15 - 28", ""), "Paragrafer 15 - 28");
        assert!(excerpt(&long, "").starts_with("ord ord"));
    }

    #[test]
    fn every_finding_shows_the_lines_it_compared() {
        let m = meeting("Paragrafer 1-3\n\n§ 1 Öppnande\n\nText.\n\n§ 3 Avslutning\n\nText.\n");
        let f = check(&m, Lang::En);
        let gap = f.iter().find(|f| f.code == code::PARAGRAPH_GAP).unwrap();
        let lines: Vec<(u32, &str)> = gap
            .evidence
            .iter()
            .map(|e| (e.line, e.text.as_str()))
            .collect();
        assert_eq!(
            lines,
            [
                (1, "Paragrafer 1-3"),
                (3, "§ 1 Öppnande"),
                (7, "§ 3 Avslutning")
            ]
        );
        assert!(
            f.iter()
                .all(|x| !x.evidence.is_empty() && !x.digest.is_empty())
        );
    }

    #[test]
    fn an_empty_meeting_has_nothing_to_say() {
        assert!(check(&Meeting::default(), Lang::Sv).is_empty());
    }
}
