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
//! The checks live in one submodule per area (`numbering`, `dates`, `people`, `names`); every
//! message is written in `messages`, Swedish and English side by side.

mod dates;
pub mod marks;
mod messages;
mod municipal;
mod names;
mod numbering;
mod people;

use serde::Serialize;

use crate::lang::Lang;
use crate::model::Meeting;

/// How much a finding matters. `Error` findings make `protokoll check` exit with 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing, nothing to fix before signing (an unsigned draft).
    Info,
    /// Probably a mistake in the text: a reader should look.
    Warning,
    /// The protocol is wrong or breaks a rule (a missing §, a late justering, no quorum).
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
}

/// The stable finding codes of the contract, so callers and tests need not spell them. Each
/// says its severity and when it fires.
pub mod code {
    /// Error: a § number is missing inside the run (§ 26, § 28).
    pub const PARAGRAPH_GAP: &str = "paragraph-gap";
    /// Error: a § number is used twice.
    pub const PARAGRAPH_DUPLICATE: &str = "paragraph-duplicate";
    /// Warning: the declared range ("Paragrafer 15-28") has numbers missing at either end of
    /// the body, or the body has numbers outside it.
    pub const PARAGRAPH_RANGE: &str = "paragraph-range";
    /// Warning: an agenda entry's title differs from its body §'s title (ignoring case,
    /// whitespace, emphasis, dash kinds and trailing dots).
    pub const TOC_MISMATCH: &str = "toc-mismatch";
    /// Warning: an agenda entry without a body §, or a body § missing from the agenda.
    pub const TOC_MISSING: &str = "toc-missing";
    /// Warning: a weekday written before a date is not that date's weekday.
    pub const WEEKDAY_MISMATCH: &str = "weekday-mismatch";
    /// Error: a signature or the justering date is more than 14 days after the meeting.
    pub const JUSTERING_LATE: &str = "justering-late";
    /// Info: signature lines carry no name (a draft).
    pub const UNSIGNED: &str = "unsigned";
    /// Error: the chair's, secretary's or an adjuster's line is signed by someone else.
    pub const SIGNATURE_NAME: &str = "signature-name";
    /// Error when the chair or an adjuster is listed absent; warning when not in the roster.
    pub const ADJUSTER_NOT_PRESENT: &str = "adjuster-not-present";
    /// Error: a member replaced by a substitute is also listed present (at the same §§).
    pub const REPLACED_PRESENT: &str = "replaced-present";
    /// Warning: a person's § limits name a § the protocol neither has nor declares.
    pub const ATTENDANCE_RANGE: &str = "attendance-range";
    /// Warning: one person spelled two ways (same surname, first names a small edit apart).
    pub const NAME_VARIANT: &str = "name-variant";
    /// Warning: "se § N" in the text points at a § this protocol lacks.
    pub const DANGLING_REFERENCE: &str = "dangling-reference";
    /// Error: at some § not more than half the seats are filled by members present.
    pub const QUORUM: &str = "quorum";
    /// Error: a file that was named or found could not be read or parsed, so it was not
    /// checked (empty, binary, too large, a `.doc`, a FIFO, no § found, a parser crash).
    pub const UNREADABLE: &str = "unreadable";
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

/// Whether the secretary has accepted `finding`: looked at it and decided it stands as written.
///
/// The hook for accepted findings. Review marks do not record acceptance yet, so nothing is
/// accepted; when they do, this is the one place that reads them, and the report
/// (`protokoll check --format markdown`) already lists accepted findings apart from open ones.
pub fn is_accepted(_marks: &marks::Marks, _meeting: &Meeting, _finding: &Finding) -> bool {
    false
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

/// All findings for one meeting, messages in `lang`, sorted by line (findings on the same line
/// keep the order of the checks: numbering, dates, people, names).
pub fn check(meeting: &Meeting, lang: Lang) -> Vec<Finding> {
    let mut r = Review {
        meeting,
        lang,
        findings: Vec::new(),
    };
    numbering::check(&mut r);
    dates::check(&mut r);
    people::check(&mut r);
    names::check(&mut r);
    municipal::check(&mut r);
    let mut findings = r.findings;
    findings.sort_by_key(|f| f.line);
    findings
}

/// What every check reads and writes: the meeting, the language, the findings so far.
struct Review<'a> {
    meeting: &'a Meeting,
    lang: Lang,
    findings: Vec<Finding>,
}

impl Review<'_> {
    /// Records a finding; a line of 0 (unknown) becomes 1 so every finding points into the file.
    fn push(&mut self, at: Place, severity: Severity, code: &'static str, message: String) {
        self.findings.push(Finding {
            meeting: self.meeting.id.clone(),
            paragraph: at.paragraph,
            line: at.line.max(1),
            severity,
            code,
            message,
        });
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
            .find(|l| pred(&l.text))
            .map(|l| l.number)
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
    fn an_empty_meeting_has_nothing_to_say() {
        assert!(check(&Meeting::default(), Lang::Sv).is_empty());
    }
}
