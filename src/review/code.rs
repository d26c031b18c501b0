//! The stable finding codes of the contract, so callers and tests need not spell them. Each
//! says its severity and when it fires; the README's severity policy says why.

/// A § number is missing from the run, inside what the protocol declares ("Paragrafer
/// 15-28", "§§ 1–7, 9") or, without a declaration, between the first § and the last. Error
/// when the protocol names the missing § elsewhere (its agenda, a roster's § limits, a
/// reference): an item is missing. Warning otherwise: a numbering slip, or a § kept in
/// another protocol (closed session, an extract), for the secretary to settle.
pub const PARAGRAPH_GAP: &str = "paragraph-gap";
/// Warning: a § number is used twice (a numbering slip, or a heading misread).
pub const PARAGRAPH_DUPLICATE: &str = "paragraph-duplicate";
/// The declared set ("Paragrafer 15-28", "§§ 41, 43") has numbers missing at either end
/// of the body (error when named elsewhere too, as for a gap; else warning), or the body
/// has numbers outside it (warning).
pub const PARAGRAPH_RANGE: &str = "paragraph-range";
/// Warning: an agenda entry's title differs from its body §'s title (ignoring case,
/// whitespace, emphasis, dash kinds and trailing dots); info when a word differs only by its
/// ending ("dagordning" / "dagordningen").
pub const TOC_MISMATCH: &str = "toc-mismatch";
/// Warning: an agenda entry without a body §, or a body § missing from the agenda.
pub const TOC_MISSING: &str = "toc-missing";
/// Warning: a weekday written before a date is not that date's weekday.
pub const WEEKDAY_MISMATCH: &str = "weekday-mismatch";
/// More than 14 days from the meeting to the justering: error when the protocol states the
/// justering date and answers to Kommunallagen (a municipal body); warning for a signature
/// dated late, or a body the law does not bind (an association keeps its own statutes).
pub const JUSTERING_LATE: &str = "justering-late";
/// Info: signature lines carry no name (a draft).
pub const UNSIGNED: &str = "unsigned";
/// The chair's, secretary's or an adjuster's line is signed by someone else. Error when
/// both names are read with certainty; info when the signer holds another role of the
/// meeting (a signature block's layout mixes roles up more often than people sign wrongly);
/// silent when the parser doubts the roster, the officers or the signature roles.
pub const SIGNATURE_NAME: &str = "signature-name";
/// Error when the chair or an adjuster is listed absent; warning when not in the roster.
pub const ADJUSTER_NOT_PRESENT: &str = "adjuster-not-present";
/// Warning: a member replaced by a substitute is also listed present (at the same §§).
pub const REPLACED_PRESENT: &str = "replaced-present";
/// Warning: a person's § limits name a § the protocol neither has nor declares.
pub const ATTENDANCE_RANGE: &str = "attendance-range";
/// Warning: one person spelled two ways (same surname, first names a small edit apart).
pub const NAME_VARIANT: &str = "name-variant";
/// Warning: "se § N" in the text points at a § this protocol lacks.
pub const DANGLING_REFERENCE: &str = "dangling-reference";
/// At some § not more than half the seats are filled by members present: an error where
/// Kommunallagen binds the body, a warning elsewhere (statutes decide).
pub const QUORUM: &str = "quorum";
/// Warning: a vote's yes + no + abstain (+ absent) differs from the members serving.
pub const VOTE_COUNT: &str = "vote-count";
/// A roll call disagrees with the announced result: error when it gives the other outcome,
/// warning when only the counts differ.
pub const VOTE_ROLL: &str = "vote-roll";
/// Someone reserves against a decision they took no part in: error when they declared jäv
/// in the same §, warning when the roster lists them absent or replaced.
pub const RESERVATION_NOT_PRESENT: &str = "reservation-not-present";
/// Error: someone who declared jäv in a § moves or votes in that §.
pub const RECUSAL_TOOK_PART: &str = "recusal-took-part";
/// Error: the notice of adjustment is posted more than 2 days after the justering.
pub const NOTICE_LATE: &str = "notice-late";
/// Error: the notice is taken down less than 3 weeks after it was posted.
pub const NOTICE_SHORT: &str = "notice-short";
/// Warning: a § with motions or a vote records no decision.
pub const DECISION_MISSING: &str = "decision-missing";
/// Error: a file that was named or found could not be read or parsed, so it was not
/// checked (empty, binary, too large, a `.doc`, a FIFO, no § found, a parser crash).
pub const UNREADABLE: &str = "unreadable";
/// Info: the parser read part of the protocol without being sure (a roster from columns
/// that ran together, officers or signature roles it could not tell, § numbers that may be
/// a table's), so the checks that rest on it were not run: silence is not a pass.
pub const UNSURE: &str = "unsure";

/// Every code: the contract's table, then the additions.
pub const ALL: [&str; 24] = [
    PARAGRAPH_GAP,
    PARAGRAPH_DUPLICATE,
    PARAGRAPH_RANGE,
    TOC_MISMATCH,
    TOC_MISSING,
    WEEKDAY_MISMATCH,
    JUSTERING_LATE,
    UNSIGNED,
    SIGNATURE_NAME,
    ADJUSTER_NOT_PRESENT,
    REPLACED_PRESENT,
    ATTENDANCE_RANGE,
    NAME_VARIANT,
    DANGLING_REFERENCE,
    QUORUM,
    VOTE_COUNT,
    VOTE_ROLL,
    RESERVATION_NOT_PRESENT,
    RECUSAL_TOOK_PART,
    NOTICE_LATE,
    NOTICE_SHORT,
    DECISION_MISSING,
    UNREADABLE,
    UNSURE,
];
