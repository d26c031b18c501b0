//! The in-memory model of a library of protocols: plain data, serialisable as the JSON of
//! `protokoll export` (see `../shared/contract/README.md`). Nothing here knows how the data was
//! read or how it will be drawn; the parser fills it, everything else reads it.

use serde::{Deserialize, Serialize};

mod lines;
pub use lines::{Line, Lines, LinesIter, TextLines, text_lines};

thread_local! {
    static EVERY_FIELD: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `f` with every field serialised, even those the JSON leaves out when empty: a format
/// that does not name its fields (the parse cache's) cannot read a record with one missing.
pub fn with_every_field<T>(f: impl FnOnce() -> T) -> T {
    let before = EVERY_FIELD.replace(true);
    let out = f();
    EVERY_FIELD.set(before);
    out
}

#[allow(clippy::ptr_arg, reason = "serde passes the field as it is declared")]
fn omit_empty(v: &Vec<u32>) -> bool {
    v.is_empty() && !EVERY_FIELD.get()
}

/// Every meeting that was read, in library order (date, then id).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Library {
    pub meetings: Vec<Meeting>,
}

/// One protocol: one file, one meeting.
/// Facts the parser read without being sure of them, so that the review can ask before it
/// accuses. A reader that is unsure says so here rather than guessing quietly.
// Independent yes-or-no facts, one per kind of reading, that the parser sets and the checks ask.
#[allow(clippy::struct_excessive_bools)]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Doubts {
    /// The roster came from a form whose columns ran together (two groups side by side on one
    /// line, flattened by the extractor): who is present, and in which group, may be wrong.
    pub roster: bool,
    /// The chair, secretary or adjusters were read from a place that may not hold a name: a
    /// cell beside a label, a name that kept its label, a role guessed from the order of a
    /// list. Checks that compare people with these roles stay silent.
    pub officers: bool,
    /// Which role each signature line is for may be mixed up: names side by side under role
    /// labels whose columns ran together, a role label that may belong to the next name.
    pub signatures: bool,
    /// Some § numbers may not be body headings: a table of contents whose entries wrap, the
    /// § columns of an appendix table, numbers read from a scan. Duplicates and gaps are then
    /// the parser's doubt, not the protocol's fault.
    pub paragraphs: bool,
}

/// How a protocol heads its items.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Scheme {
    /// `§ 12`
    #[default]
    Section,
    /// `1.`, `1)`, `## 3.`, `Punkt 4`, `3 Ekonomi`
    Numbered,
    /// Headings without numbers: numbered 1, 2, 3 … by the reader, not the document.
    Headings,
    /// Rows of a table: `Punkt | Vad/Ärende | Ansvar`.
    Table,
    /// No items found: the text is one unnumbered item.
    None,
}

impl Scheme {
    /// Whether the document writes the item numbers itself.
    pub fn numbers_written(self) -> bool {
        matches!(self, Scheme::Section | Scheme::Numbered | Scheme::Table)
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Meeting {
    /// The file name without extension, made unique within the library.
    pub id: String,
    /// The path as it was given on the command line (or found under a given folder).
    pub source: String,
    /// What turned the file into text: `text`, or the reader of a PDF or Word file.
    pub reader: String,
    /// How the items are headed; `§` unless the document numbers or heads them otherwise.
    pub scheme: Scheme,
    pub organization: Option<String>,
    pub body: Option<String>,
    /// ISO `YYYY-MM-DD`.
    pub date: Option<String>,
    /// `HH:MM`.
    pub start: Option<String>,
    pub end: Option<String>,
    pub place: Option<String>,
    /// The range the protocol says it covers ("Paragrafer 19-25"), as `[first, last]`.
    pub declared_paragraphs: Option<[u32; 2]>,
    /// The § numbers the protocol declares, as written ("Paragrafer §§ 41, 43" → 41 and 43,
    /// "§§ 1–7, 9" → 1 to 7 and 9), when the parser lists them; empty otherwise, and the review
    /// reads the list from the declaring line (`review::declared`).
    #[serde(skip_serializing_if = "omit_empty")]
    pub declared: Vec<u32>,
    pub chair: Option<String>,
    pub secretary: Option<String>,
    pub adjusters: Vec<String>,
    /// Rösträknare (vote counters), named in the formal items.
    pub counters: Vec<String>,
    /// What the parser read but is not sure of: a check does not accuse on it.
    pub doubts: Doubts,
    /// A count of those present where the protocol gives a number, not names
    /// ("23 medlemmar enligt röstlängd").
    pub present_count: Option<u32>,
    pub attendees: Vec<Attendee>,
    /// The document's own table of contents; empty when it has none.
    pub agenda: Vec<AgendaItem>,
    pub paragraphs: Vec<Paragraph>,
    pub signatures: Vec<Signature>,
    pub justering: Option<Justering>,
    /// The notice of adjustment, when the protocol has one.
    pub notice: Option<Notice>,
    /// Every line of the cleaned text, for search and display; not part of the contract.
    #[serde(skip)]
    pub lines: Lines,
    /// The file's absolute path (or the bundled name), so review marks find their protocol
    /// whatever directory the program was started from; not part of the contract.
    #[serde(skip)]
    pub path_key: String,
}

/// A line of cleaned text with the 1-based line of the source file it came from.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceLine {
    pub number: u32,
    pub text: String,
}

/// Which part of the roster a person is listed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Group {
    /// Beslutande / ledamot, including a substitute who serves.
    Member,
    /// Ersättare who does not serve.
    Substitute,
    /// Övriga deltagare, tjänstepersoner, "Samt".
    Staff,
    /// Gäster.
    Guest,
}

/// One row of the roster.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Attendee {
    pub name: String,
    pub group: Group,
    pub present: bool,
    /// The role as written: ordförande, 2:e vice ordförande, sekreterare, förbundschef…
    pub role: Option<String>,
    pub party: Option<String>,
    pub affiliation: Option<String>,
    /// The member this person serves for ("X ersätter Y").
    pub replaces: Option<String>,
    /// The § numbers attended when the roster limits them (`§ 28-30`).
    pub paragraphs: Option<Vec<u32>>,
    /// 1-based source line of the roster entry; not part of the contract shape.
    pub line: u32,
}

/// One entry of the document's table of contents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgendaItem {
    pub number: u32,
    pub title: String,
    pub page: Option<u32>,
    pub line: u32,
}

/// One § of the body.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Paragraph {
    pub number: u32,
    pub title: String,
    /// 1-based line of the § heading in the source file.
    pub line: u32,
    pub dnr: Option<String>,
    pub presenters: Vec<String>,
    pub decisions: Vec<String>,
    /// Att-clauses put to the meeting and rejected ("Att: … / Beslut: Attsatsen avslås").
    pub rejected: Vec<String>,
    /// The body, cleaned: furniture removed, hyphenated words joined, emphasis markers dropped.
    pub text: String,
    /// The source line of every line of `text`, so a position in the text maps to the file.
    #[serde(skip)]
    pub text_lines: Vec<u32>,
    /// Motions (yrkanden) with mover and party.
    pub motions: Vec<Motion>,
    /// Votes: the announced result, what yes and no meant, and the roll call.
    pub votes: Vec<Vote>,
    pub reservations: Vec<Reservation>,
    /// Members who declared jäv (a conflict of interest) in this §.
    pub recusals: Vec<Recusal>,
    /// Substitutes who serve in this § only ("Anna Lind (C) tjänstgör som ersättare för Erik
    /// Sundin under § 4"), typically for a member with jäv.
    pub substitutes: Vec<Substitute>,
    /// Protokollsanteckningar.
    pub notes: Vec<Note>,
    /// "Paragrafen förklaras omedelbart justerad".
    pub immediately_adjusted: bool,
    /// "Beslutet skickas till" / "Expedieras till".
    pub sent_to: Vec<String>,
}

/// A motion (yrkande).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Motion {
    pub by: String,
    pub party: Option<String>,
    pub text: String,
    pub line: u32,
}

/// How one member voted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Ballot {
    Yes,
    No,
    Abstain,
    Absent,
}

/// One member in a roll call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RollEntry {
    pub name: String,
    pub party: Option<String>,
    pub vote: Ballot,
}

/// A vote (omröstning).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Vote {
    pub yes: Option<u32>,
    pub no: Option<u32>,
    pub abstain: Option<u32>,
    pub absent: Option<u32>,
    pub yes_means: Option<String>,
    pub no_means: Option<String>,
    pub line: u32,
    pub roll: Vec<RollEntry>,
}

/// A reservation against a decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reservation {
    pub names: Vec<String>,
    pub parties: Vec<String>,
    pub written: bool,
    pub text: String,
    pub line: u32,
}

/// A substitute serving for a member in one §.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Substitute {
    pub name: String,
    pub party: Option<String>,
    pub replaces: String,
    pub line: u32,
}

/// A declared conflict of interest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recusal {
    pub name: String,
    pub line: u32,
}

/// A protokollsanteckning.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    pub by: String,
    pub text: String,
    pub line: u32,
}

/// The notice of adjustment (anslag/bevis).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notice {
    pub posted: Option<String>,
    pub removed: Option<String>,
    pub kept_at: Option<String>,
    pub line: u32,
}

/// A signature line: who signs in which role, and when the text says they signed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signature {
    /// `None` when the signature line is present but empty.
    pub name: Option<String>,
    pub role: Option<String>,
    /// RFC 3339 where the text gives a time.
    pub signed_at: Option<String>,
    pub line: u32,
}

/// When and where the protocol is approved (justeras).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Justering {
    pub date: Option<String>,
    pub place: Option<String>,
}

/// A problem met while reading or parsing a file, reported as `path:line: message`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub path: String,
    /// 1-based; 0 when the problem concerns the whole file.
    pub line: u32,
    pub message: String,
}

impl std::fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.path.is_empty() {
            return write!(f, "{}", self.message);
        }
        write!(f, "{}:{}: {}", self.path, self.line.max(1), self.message)
    }
}

impl Paragraph {
    /// The lines of the § text, each with its line in the source file (the heading's line for
    /// text the parser added, which has no line of its own).
    pub fn numbered_lines(&self) -> impl Iterator<Item = (&str, u32)> {
        let numbers = self
            .text_lines
            .iter()
            .copied()
            .chain(std::iter::repeat(self.line));
        text_lines(&self.text).zip(numbers)
    }
}

impl Meeting {
    /// How the protocol names item `n`: "§ 12" where it heads items with §, "punkt 3" /
    /// "item 3" where it numbers them otherwise, so that the UI and the review speak as it does.
    pub fn item_label(&self, n: u32, swedish: bool) -> String {
        match (self.scheme, swedish) {
            (Scheme::Section, _) => format!("§ {n}"),
            (_, true) => format!("punkt {n}"),
            (_, false) => format!("item {n}"),
        }
    }

    /// The short mark of item `n` in lists: "§ 12", or "12." where the document has no §.
    pub fn item_mark(&self, n: u32) -> String {
        if self.scheme == Scheme::Section {
            format!("§ {n}")
        } else {
            format!("{n}.")
        }
    }

    /// The § with this number, if the body has one.
    pub fn paragraph(&self, number: u32) -> Option<&Paragraph> {
        self.paragraphs.iter().find(|p| p.number == number)
    }

    /// Members who are present: those who decide.
    pub fn members_present(&self) -> impl Iterator<Item = &Attendee> {
        self.attendees
            .iter()
            .filter(|a| a.group == Group::Member && a.present)
    }
}
