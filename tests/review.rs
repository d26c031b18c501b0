//! The review checks, each against a small protocol that must trigger it and one that must
//! not. Protocols are written as text and parsed, so the tests exercise what a user feeds in;
//! they start from one clean protocol (`BASE`, no findings at all) and change a line or two.
//! Then the real seed protocols (`#[ignore]`d: they live in `../shared`, `.ci/run` runs them
//! with `--ignored`) and the bundled samples, which must have no error or warning.

use std::path::PathBuf;

use proptest::prelude::*;
use protokoll::lang::Lang;
use protokoll::model::{Attendee, Group, Meeting};
use protokoll::review::{Finding, Severity, check, code};

/// A clean protocol: every check has what it needs to decide, and nothing to report.
const BASE: &str = "\
Styrelsen Kommunförbundet Testlän

Tid och plats: måndag 9 juni 2025 kl. 09.00-12.00, Kansliet

Deltagare (beslutande): Karin Berg, Alstad, ordförande
Per Lund, Alstad
Anna Ek, Björkå
Olle Strand, Björkå § 1-2

Ej närvarande (beslutande): Eva Holm, Mossby

Övriga deltagare: Lisa Dahl, sekreterare

Utses att justera: Per Lund

Justeringens tid och plats: måndag 16 juni 2025, digitalt

Paragrafer: 1-3

§ 1 Mötets öppnande

Ordförande öppnar mötet. Se § 3.

§ 2 Ekonomi

Föredragande: Lisa Dahl, sekreterare

Per Lund redogör för ekonomin, enligt beslut 2025-05-09 § 16.

§ 3 Övriga frågor

Inga.

Underskrifter

Sekreterare: Lisa Dahl

Ordförande: Karin Berg

Justerande: Per Lund
";

/// `BASE` with each `(from, to)` replaced once; a `from` that is not there is a broken test.
fn with(edits: &[(&str, &str)]) -> String {
    let mut text = BASE.to_owned();
    for (from, to) in edits {
        assert!(text.contains(from), "{from:?} is not in the base protocol");
        text = text.replacen(from, to, 1);
    }
    text
}

fn parse(text: &str) -> Meeting {
    protokoll::parse::parse(text, "x.txt").0
}

fn findings(text: &str) -> Vec<Finding> {
    check(&parse(text), Lang::En)
}

/// The findings of one code, failing with every finding printed when there is none.
fn only(text: &str, code: &str) -> Vec<Finding> {
    findings(text)
        .into_iter()
        .filter(|f| f.code == code)
        .collect()
}

fn one(text: &str, code: &str) -> Finding {
    let all = findings(text);
    let mut of_code: Vec<&Finding> = all.iter().filter(|f| f.code == code).collect();
    assert_eq!(of_code.len(), 1, "expected one {code}, got {all:#?}");
    of_code.remove(0).clone()
}

fn none(text: &str, code: &str) {
    let found = only(text, code);
    assert!(found.is_empty(), "expected no {code}, got {found:#?}");
}

#[test]
fn the_base_protocol_is_clean() {
    let all = findings(BASE);
    assert!(all.is_empty(), "{all:#?}");
}

// paragraph-gap

#[test]
fn paragraph_gap_found() {
    let f = one(
        &with(&[
            ("§ 3 Övriga", "§ 5 Övriga"),
            ("Paragrafer: 1-3", "Paragrafer: 1-5"),
        ]),
        code::PARAGRAPH_GAP,
    );
    assert_eq!(
        (f.paragraph, f.line, f.severity),
        (Some(5), 30, Severity::Error)
    );
    assert!(f.message.contains("§§ 3–4 are missing"), "{}", f.message);
}

#[test]
fn paragraph_gap_not_in_an_unbroken_run() {
    none(BASE, code::PARAGRAPH_GAP);
}

// paragraph-duplicate

#[test]
fn paragraph_duplicate_found() {
    let f = one(
        &with(&[("§ 3 Övriga", "§ 2 Övriga")]),
        code::PARAGRAPH_DUPLICATE,
    );
    assert_eq!(
        (f.paragraph, f.line, f.severity),
        (Some(2), 30, Severity::Warning)
    );
    assert!(f.message.contains("line 24"), "{}", f.message);
}

#[test]
fn paragraph_duplicate_not_for_distinct_numbers() {
    none(BASE, code::PARAGRAPH_DUPLICATE);
}

// paragraph-range

#[test]
fn paragraph_range_found_at_the_end_and_outside() {
    let f = one(
        &with(&[("Paragrafer: 1-3", "Paragrafer: 1-5")]),
        code::PARAGRAPH_RANGE,
    );
    assert_eq!((f.line, f.severity), (18, Severity::Warning));
    assert!(f.message.contains("no §§ 4–5"), "{}", f.message);
    let f = one(
        &with(&[("Paragrafer: 1-3", "Paragrafer: 2-3")]),
        code::PARAGRAPH_RANGE,
    );
    assert_eq!((f.paragraph, f.line), (Some(1), 20));
}

#[test]
fn paragraph_range_not_when_it_matches_or_is_not_declared() {
    none(BASE, code::PARAGRAPH_RANGE);
    none(&with(&[("Paragrafer: 1-3\n", "")]), code::PARAGRAPH_RANGE);
}

// toc-mismatch and toc-missing

const TOC: &str = "Innehållsförteckning

§ 1 Mötets öppnande.....\t2
§ 2 Ekonomisk uppföljning.....\t2
§ 4 Övriga frågor.....\t3

§ 1 Mötets öppnande
";

#[test]
fn toc_mismatch_found() {
    let f = one(&with(&[("§ 1 Mötets öppnande\n", TOC)]), code::TOC_MISMATCH);
    assert_eq!(
        (f.paragraph, f.line, f.severity),
        (Some(2), 30, Severity::Warning)
    );
    assert_eq!(
        f.message,
        "§ 2: agenda title \"Ekonomisk uppföljning\" differs from the body title \"Ekonomi\""
    );
}

#[test]
fn toc_mismatch_not_for_case_space_emphasis_dashes_and_dots() {
    let toc = "Innehållsförteckning

§ 1 MÖTETS  öppnande.....\t2
§ 2 *Ekonomi - prognos*.....\t2
§ 3 Övriga frågor\t3

§ 1 Mötets öppnande
";
    let text = with(&[
        ("§ 2 Ekonomi\n", "§ 2 Ekonomi – prognos\n"),
        ("§ 1 Mötets öppnande\n", toc),
    ]);
    assert_eq!(parse(&text).agenda.len(), 3);
    assert!(findings(&text).is_empty(), "{:#?}", findings(&text));
}

#[test]
fn toc_missing_found_both_ways() {
    let found = only(&with(&[("§ 1 Mötets öppnande\n", TOC)]), code::TOC_MISSING);
    let at: Vec<(Option<u32>, u32)> = found.iter().map(|f| (f.paragraph, f.line)).collect();
    // § 4 is in the agenda (line 24) but not the body; § 3 is in the body but not the agenda.
    assert_eq!(at, vec![(Some(4), 24), (Some(3), 36)]);
}

#[test]
fn toc_missing_not_without_an_agenda() {
    none(BASE, code::TOC_MISSING);
}

// weekday-mismatch

#[test]
fn weekday_mismatch_found_in_header_and_text() {
    let f = one(
        &with(&[("måndag 16 juni 2025", "tisdag 16 juni 2025")]),
        code::WEEKDAY_MISMATCH,
    );
    assert_eq!((f.paragraph, f.line), (None, 16));
    assert_eq!(
        f.message,
        "\"tisdag 16 juni 2025\": 2025-06-16 is a Monday, not a Tuesday"
    );
    let f = one(
        &with(&[("Inga.", "Nästa möte torsdagen den 12 september 2025.")]),
        code::WEEKDAY_MISMATCH,
    );
    assert_eq!((f.paragraph, f.line), (Some(3), 32));
}

#[test]
fn weekday_mismatch_not_when_the_day_is_right() {
    none(
        &with(&[("Inga.", "Nästa möte fredag 12 september 2025.")]),
        code::WEEKDAY_MISMATCH,
    );
}

// justering-late

#[test]
fn justering_late_found_for_the_date_and_a_signature() {
    let f = one(
        &with(&[("måndag 16 juni 2025", "måndag 30 juni 2025")]),
        code::JUSTERING_LATE,
    );
    assert_eq!((f.line, f.severity), (16, Severity::Error));
    assert!(f.message.contains("21 days"), "{}", f.message);
    let f = one(
        &with(&[(
            "Justerande: Per Lund",
            "Justerande: Per Lund (Jul 5, 2025 07:19 GMT+2)",
        )]),
        code::JUSTERING_LATE,
    );
    assert_eq!(f.line, 40);
    assert!(
        f.message
            .starts_with("Per Lund (justerande) signed on 2025-07-05")
    );
}

#[test]
fn justering_late_not_on_the_fourteenth_day_or_without_a_meeting_date() {
    none(
        &with(&[("måndag 16 juni 2025", "måndag 23 juni 2025")]),
        code::JUSTERING_LATE,
    );
    let mut m = parse(&with(&[("måndag 16 juni 2025", "måndag 30 juni 2025")]));
    m.date = None;
    assert!(
        check(&m, Lang::En)
            .iter()
            .all(|f| f.code != code::JUSTERING_LATE)
    );
}

// unsigned

#[test]
fn unsigned_found_as_info() {
    let f = one(
        &with(&[
            ("Sekreterare: Lisa Dahl", "Sekreterare:"),
            ("Ordförande: Karin Berg\n\nJust", "Ordförande:\n\nJust"),
            ("Justerande: Per Lund", "Justerande:"),
        ]),
        code::UNSIGNED,
    );
    assert_eq!((f.line, f.severity), (36, Severity::Info));
}

#[test]
fn unsigned_not_when_names_are_given() {
    none(BASE, code::UNSIGNED);
}

// signature-name

#[test]
fn signature_name_found() {
    let f = one(
        &with(&[(
            "Ordförande: Karin Berg\n\nJust",
            "Ordförande: Anna Ek\n\nJust",
        )]),
        code::SIGNATURE_NAME,
    );
    assert_eq!((f.line, f.severity), (38, Severity::Error));
    assert_eq!(
        f.message,
        "signed as chair by \"Anna Ek\", but the chair is \"Karin Berg\""
    );
}

#[test]
fn signature_name_not_for_a_short_form_of_the_roster_name() {
    let text = with(&[(
        "Övriga deltagare: Lisa Dahl",
        "Övriga deltagare: Lisa Maria Dahl",
    )]);
    assert_eq!(parse(&text).secretary.as_deref(), Some("Lisa Maria Dahl"));
    none(&text, code::SIGNATURE_NAME);
}

// adjuster-not-present

#[test]
fn adjuster_not_present_found_when_absent_or_missing() {
    let f = one(
        &with(&[
            ("Utses att justera: Per Lund", "Utses att justera: Eva Holm"),
            ("Justerande: Per Lund", "Justerande: Eva Holm"),
        ]),
        code::ADJUSTER_NOT_PRESENT,
    );
    assert_eq!((f.line, f.severity), (10, Severity::Error));
    assert!(
        f.message.contains("Eva Holm is listed as absent"),
        "{}",
        f.message
    );
    let f = one(
        &with(&[
            (
                "Utses att justera: Per Lund",
                "Utses att justera: Nils Nord",
            ),
            ("Justerande: Per Lund", "Justerande: Nils Nord"),
        ]),
        code::ADJUSTER_NOT_PRESENT,
    );
    assert_eq!((f.line, f.severity), (14, Severity::Warning));
}

#[test]
fn adjuster_not_present_not_for_a_chair_among_staff_or_an_empty_roster() {
    let text = with(&[
        ("Karin Berg, Alstad, ordförande\n", "Mia Sjö, Alstad\n"),
        (
            "Övriga deltagare: Lisa Dahl",
            "Övriga deltagare: Karin Berg, förbundschef\nLisa Dahl",
        ),
    ]);
    let mut m = parse(&text);
    m.chair = Some("Karin Berg".to_owned());
    assert!(check(&m, Lang::En).is_empty(), "{:#?}", check(&m, Lang::En));
    let m = Meeting {
        chair: Some("Karin Berg".to_owned()),
        adjusters: vec!["Per Lund".to_owned()],
        ..Meeting::default()
    };
    assert!(check(&m, Lang::En).is_empty());
}

// replaced-present

#[test]
fn replaced_present_found() {
    let f = one(
        &with(&[("Anna Ek, Björkå", "Anna Ek ersätter Per Lund, Björkå")]),
        code::REPLACED_PRESENT,
    );
    assert_eq!((f.line, f.severity), (6, Severity::Warning));
    assert!(
        f.message.contains("Anna Ek replaces Per Lund (line 7)"),
        "{}",
        f.message
    );
}

#[test]
fn replaced_present_not_when_the_replaced_member_is_absent() {
    let text = with(&[("Anna Ek, Björkå", "Anna Ek ersätter Eva Holm, Björkå")]);
    assert_eq!(
        parse(&text).attendees[2].replaces.as_deref(),
        Some("Eva Holm")
    );
    let all = findings(&text);
    assert!(all.is_empty(), "{all:#?}");
}

#[test]
fn replaced_present_not_when_member_and_substitute_share_the_seat_by_turns() {
    let text = with(&[
        ("Per Lund, Alstad", "Per Lund, Alstad § 1-2"),
        ("Anna Ek, Björkå", "Anna Ek ersätter Per Lund, Björkå § 3"),
    ]);
    let m = parse(&text);
    assert_eq!(m.attendees[1].paragraphs, Some(vec![1, 2]));
    assert_eq!(m.attendees[2].paragraphs, Some(vec![3]));
    none(&text, code::REPLACED_PRESENT);
}

// attendance-range

#[test]
fn attendance_range_found() {
    let f = one(
        &with(&[("Björkå § 1-2", "Björkå § 2-5")]),
        code::ATTENDANCE_RANGE,
    );
    assert_eq!((f.line, f.severity), (8, Severity::Warning));
    assert!(
        f.message.contains("Olle Strand is listed for §§ 4–5"),
        "{}",
        f.message
    );
}

#[test]
fn attendance_range_not_within_the_protocol() {
    none(BASE, code::ATTENDANCE_RANGE);
}

// name-variant

#[test]
fn name_variant_found() {
    let f = one(
        &with(&[
            ("Anna Ek, Björkå", "Elisabeth Lassen, Björkå"),
            ("Inga.", "Elisabet Lassen tackas."),
        ]),
        code::NAME_VARIANT,
    );
    assert_eq!(
        (f.paragraph, f.line, f.severity),
        (Some(3), 32, Severity::Warning)
    );
    assert_eq!(
        f.message,
        "\"Elisabet Lassen\" looks like another spelling of \"Elisabeth Lassen\" (the roster, line 7)"
    );
}

#[test]
fn name_variant_not_for_different_people() {
    none(
        &with(&[
            (
                "Anna Ek, Björkå",
                "Tony Andersson, Björkå\nJohan Berg, Björkå",
            ),
            ("Inga.", "Anna Andersson och Johanna Berg tackas."),
        ]),
        code::NAME_VARIANT,
    );
}

// dangling-reference

#[test]
fn dangling_reference_found() {
    let f = one(&with(&[("Se § 3.", "Se § 7.")]), code::DANGLING_REFERENCE);
    assert_eq!(
        (f.paragraph, f.line, f.severity),
        (Some(1), 22, Severity::Warning)
    );
    assert_eq!(
        f.message,
        "§ 1: \"Se § 7\" refers to § 7, which this protocol lacks"
    );
}

#[test]
fn dangling_reference_not_for_this_protocol_or_another_meeting() {
    // BASE has "Se § 3." and "beslut 2025-05-09 § 16".
    none(BASE, code::DANGLING_REFERENCE);
    none(
        &with(&[("Inga.", "Enligt KS § 45 och 8 kap. 12 § kommunallagen.")]),
        code::DANGLING_REFERENCE,
    );
}

// quorum

#[test]
fn quorum_found_where_too_few_members_are_present() {
    // Seven seats; Olle Strand leaves after § 2, so § 3 has three members: not more than half.
    let f = one(
        &with(&[(
            "Eva Holm, Mossby",
            "Eva Holm, Mossby\nBo Ström, Mossby\nIda Sand, Mossby",
        )]),
        code::QUORUM,
    );
    assert_eq!(
        (f.paragraph, f.line, f.severity),
        (Some(3), 32, Severity::Error)
    );
    assert_eq!(
        f.message,
        "§ 3: 3 of 7 members present; a quorum needs more than half (4)"
    );
}

#[test]
fn quorum_not_when_more_than_half_or_no_absence_is_listed() {
    none(BASE, code::QUORUM);
    none(
        &with(&[("Ej närvarande (beslutande): Eva Holm, Mossby\n", "")]),
        code::QUORUM,
    );
}

#[test]
fn quorum_counts_a_serving_substitute_once() {
    // Four seats: Anna Ek serves for Eva Holm. Four of four present, limits aside.
    let m = Meeting {
        attendees: vec![
            member("Karin Berg", true, None),
            member("Anna Ek", true, Some("Eva Holm")),
            member("Eva Holm", false, None),
            member("Per Lund", false, None),
            member("Olle Strand", false, None),
        ],
        ..Meeting::default()
    };
    let f: Vec<Finding> = check(&m, Lang::En);
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(
        f[0].message,
        "2 of 4 members present; a quorum needs more than half (3)"
    );
}

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
        line: 5,
    }
}

// Language

#[test]
fn messages_are_in_swedish_when_asked() {
    let m = parse(&with(&[("Se § 3.", "Se § 7.")]));
    let f = check(&m, Lang::Sv);
    assert_eq!(
        f[0].message,
        "§ 1: \"Se § 7\" hänvisar till § 7, som inte finns i protokollet"
    );
}

// Recall: every code on an invented protocol that really has the fault, found at its line,
// with its severity and the lines that prove it.

/// A municipal protocol with a roll-call vote, an absent member and a notice: clean as it is.
const MUNI: &str = "\
Protokoll

Kommunstyrelsen Testkommun

Tid: måndag 4 mars 2024 kl. 13.00-15.00

Ledamöter: Anna Berg (S)
Per Olsson (M)
Eva Lind (C)

Ej närvarande: Olle Ek (S)

Justeringens plats och tid: Kansliet 2024-03-06

§ 1 Ärende

Kommunstyrelsen beslutar att bifalla.

Följande ledamöter röstar JA: Anna Berg (S), Per Olsson (M).
Följande ledamot röstar NEJ: Eva Lind (C).

Omröstningen utfaller med 2 ja-röster mot 1 nej-röst.

§ 2 Anslag

Anslaget sätts upp 2024-03-07
Anslaget tas ned 2024-03-29
";

fn muni(edits: &[(&str, &str)]) -> String {
    let mut text = MUNI.to_owned();
    for (from, to) in edits {
        assert!(
            text.contains(from),
            "{from:?} is not in the municipal protocol"
        );
        text = text.replacen(from, to, 1);
    }
    text
}

/// The finding of `code` at `line`, failing with every finding printed when there is none.
fn at(text: &str, code: &str, line: u32) -> Finding {
    let all = findings(text);
    all.iter()
        .find(|f| f.code == code && f.line == line)
        .cloned()
        .unwrap_or_else(|| panic!("no {code} at line {line} in {all:#?}"))
}

fn evidence(f: &Finding) -> Vec<u32> {
    f.evidence.iter().map(|e| e.line).collect()
}

#[test]
fn the_municipal_base_is_clean() {
    let all = findings(MUNI);
    assert!(all.is_empty(), "{all:#?}");
}

/// A recall case: what the fault is, its code, the protocol, the line and severity of the
/// finding, and the lines of its evidence.
type Case = (&'static str, &'static str, String, u32, Severity, Vec<u32>);

#[test]
fn every_code_is_found_with_its_severity_and_evidence() {
    use Severity::{Error, Info, Warning};
    let gap_named = with(&[
        ("§ 3 Övriga", "§ 4 Övriga"),
        ("Paragrafer: 1-3", "Paragrafer: 1-4"),
    ]);
    let gap_bare = with(&[
        ("§ 3 Övriga", "§ 4 Övriga"),
        ("Paragrafer: 1-3", "Paragrafer: 1-4"),
        ("Se § 3.", "Se nedan."),
    ]);
    let range_named = with(&[
        ("Paragrafer: 1-3", "Paragrafer: 1-5"),
        ("Björkå § 1-2", "Björkå § 4-5"),
    ]);
    let toc = with(&[("§ 1 Mötets öppnande\n", TOC)]);
    let toc_ending = with(&[(
        "§ 1 Mötets öppnande\n",
        "Innehållsförteckning\n\n§ 1 Mötets öppnande.....\t2\n§ 2 Ekonomin.....\t2\n§ 3 Övriga frågor.....\t3\n\n§ 1 Mötets öppnande\n",
    )]);
    let not_municipal = with(&[
        (
            "Styrelsen Kommunförbundet Testlän",
            "Styrelsen Båtklubben Testviken",
        ),
        ("måndag 16 juni 2025", "måndag 30 juni 2025"),
    ]);
    let cases: Vec<Case> = vec![
        (
            "a § the protocol names (\"Se § 3\") is missing",
            code::PARAGRAPH_GAP,
            gap_named,
            30,
            Error,
            vec![18, 22, 24, 30],
        ),
        (
            "a number skipped, named nowhere else",
            code::PARAGRAPH_GAP,
            gap_bare,
            30,
            Warning,
            vec![18, 24, 30],
        ),
        (
            "§ 2 twice",
            code::PARAGRAPH_DUPLICATE,
            with(&[("§ 3 Övriga", "§ 2 Övriga")]),
            30,
            Warning,
            vec![24, 30],
        ),
        (
            "declared §§ 4–5 missing",
            code::PARAGRAPH_RANGE,
            with(&[("Paragrafer: 1-3", "Paragrafer: 1-5")]),
            18,
            Warning,
            vec![18, 30],
        ),
        (
            "declared §§ 4–5 missing, and the roster names them",
            code::PARAGRAPH_RANGE,
            range_named,
            18,
            Error,
            vec![8, 18, 30],
        ),
        (
            "§ 1 outside the declared §§ 2–3",
            code::PARAGRAPH_RANGE,
            with(&[("Paragrafer: 1-3", "Paragrafer: 2-3")]),
            20,
            Warning,
            vec![18, 20],
        ),
        (
            "agenda and body titles differ",
            code::TOC_MISMATCH,
            toc.clone(),
            30,
            Warning,
            vec![23, 30],
        ),
        (
            "titles differ only by an ending",
            code::TOC_MISMATCH,
            toc_ending,
            30,
            Info,
            vec![23, 30],
        ),
        (
            "an agenda entry without a body §",
            code::TOC_MISSING,
            toc.clone(),
            24,
            Warning,
            vec![24],
        ),
        (
            "a body § not in the agenda",
            code::TOC_MISSING,
            toc,
            36,
            Warning,
            vec![22, 36],
        ),
        (
            "a Monday called Tuesday",
            code::WEEKDAY_MISMATCH,
            with(&[("måndag 16 juni 2025", "tisdag 16 juni 2025")]),
            16,
            Warning,
            vec![16],
        ),
        (
            "a stated justering 21 days after, under Kommunallagen",
            code::JUSTERING_LATE,
            with(&[("måndag 16 juni 2025", "måndag 30 juni 2025")]),
            16,
            Error,
            vec![3, 16],
        ),
        (
            "a stated justering 21 days after, in a club",
            code::JUSTERING_LATE,
            not_municipal,
            16,
            Warning,
            vec![3, 16],
        ),
        (
            "a signature dated 26 days after",
            code::JUSTERING_LATE,
            with(&[(
                "Justerande: Per Lund",
                "Justerande: Per Lund (Jul 5, 2025 07:19 GMT+2)",
            )]),
            40,
            Warning,
            vec![3, 40],
        ),
        (
            "empty signature lines",
            code::UNSIGNED,
            with(&[
                ("Sekreterare: Lisa Dahl", "Sekreterare:"),
                ("Ordförande: Karin Berg\n\nJust", "Ordförande:\n\nJust"),
                ("Justerande: Per Lund", "Justerande:"),
            ]),
            36,
            Info,
            vec![36, 38, 40],
        ),
        (
            "the chair's line signed by a member",
            code::SIGNATURE_NAME,
            with(&[(
                "Ordförande: Karin Berg\n\nJust",
                "Ordförande: Anna Ek\n\nJust",
            )]),
            38,
            Error,
            vec![5, 38],
        ),
        (
            "the chair's line signed by the adjuster: the layout may have mixed them up",
            code::SIGNATURE_NAME,
            with(&[(
                "Ordförande: Karin Berg\n\nJust",
                "Ordförande: Per Lund\n\nJust",
            )]),
            38,
            Info,
            vec![5, 38],
        ),
        (
            "the adjuster listed absent",
            code::ADJUSTER_NOT_PRESENT,
            with(&[
                ("Utses att justera: Per Lund", "Utses att justera: Eva Holm"),
                ("Justerande: Per Lund", "Justerande: Eva Holm"),
            ]),
            10,
            Error,
            vec![10, 14],
        ),
        (
            "the adjuster not in the roster",
            code::ADJUSTER_NOT_PRESENT,
            with(&[
                (
                    "Utses att justera: Per Lund",
                    "Utses att justera: Nils Nord",
                ),
                ("Justerande: Per Lund", "Justerande: Nils Nord"),
            ]),
            14,
            Warning,
            vec![5, 14],
        ),
        (
            "a replaced member listed present",
            code::REPLACED_PRESENT,
            with(&[("Anna Ek, Björkå", "Anna Ek ersätter Per Lund, Björkå")]),
            6,
            Warning,
            vec![6, 7],
        ),
        (
            "§ limits past the protocol",
            code::ATTENDANCE_RANGE,
            with(&[("Björkå § 1-2", "Björkå § 2-5")]),
            8,
            Warning,
            vec![8],
        ),
        (
            "one person spelled two ways",
            code::NAME_VARIANT,
            with(&[
                ("Anna Ek, Björkå", "Elisabeth Lassen, Björkå"),
                ("Inga.", "Elisabet Lassen tackas."),
            ]),
            32,
            Warning,
            vec![7, 32],
        ),
        (
            "a reference to a § beyond the protocol",
            code::DANGLING_REFERENCE,
            with(&[("Se § 3.", "Se § 7.")]),
            22,
            Warning,
            vec![22],
        ),
        (
            "three of seven members at § 3",
            code::QUORUM,
            with(&[(
                "Eva Holm, Mossby",
                "Eva Holm, Mossby\nBo Ström, Mossby\nIda Sand, Mossby",
            )]),
            32,
            Error,
            vec![5, 8, 10, 11, 12, 32],
        ),
        (
            "a vote that counts four of three members",
            code::VOTE_COUNT,
            muni(&[("2 ja-röster mot 1 nej-röst", "3 ja-röster mot 1 nej-röst")]),
            22,
            Warning,
            vec![7, 22],
        ),
        (
            "a roll call with the same winner, other numbers",
            code::VOTE_ROLL,
            muni(&[("2 ja-röster mot 1 nej-röst", "3 ja-röster mot 1 nej-röst")]),
            22,
            Warning,
            vec![22],
        ),
        (
            "a roll call that gives the other outcome",
            code::VOTE_ROLL,
            muni(&[("2 ja-röster mot 1 nej-röst", "1 ja-röst mot 2 nej-röster")]),
            22,
            Error,
            vec![22],
        ),
        (
            "a reservation by an absent member",
            code::RESERVATION_NOT_PRESENT,
            muni(&[(
                "\n§ 2 Anslag",
                "\nOlle Ek (S) reserverar sig mot beslutet.\n\n§ 2 Anslag",
            )]),
            24,
            Warning,
            vec![11, 24],
        ),
        (
            "a reservation by a member with jäv in the §",
            code::RESERVATION_NOT_PRESENT,
            muni(&[(
                "Kommunstyrelsen beslutar att bifalla.",
                "Eva Lind (C) anmäler jäv och deltar inte i handläggningen.\n\nKommunstyrelsen beslutar att bifalla.\n\nEva Lind (C) reserverar sig mot beslutet.",
            )]),
            21,
            Error,
            vec![17, 21],
        ),
        (
            "a member with jäv who votes",
            code::RECUSAL_TOOK_PART,
            muni(&[(
                "Kommunstyrelsen beslutar att bifalla.",
                "Eva Lind (C) anmäler jäv och deltar inte i handläggningen.\n\nKommunstyrelsen beslutar att bifalla.",
            )]),
            24,
            Error,
            vec![17, 24],
        ),
        (
            "the notice posted five days after the justering",
            code::NOTICE_LATE,
            muni(&[
                ("upp 2024-03-07", "upp 2024-03-11"),
                ("ned 2024-03-29", "ned 2024-04-10"),
            ]),
            26,
            Error,
            vec![13, 26],
        ),
        (
            "the notice taken down after 13 days",
            code::NOTICE_SHORT,
            muni(&[("ned 2024-03-29", "ned 2024-03-20")]),
            26,
            Error,
            vec![26, 27],
        ),
        (
            "motions and a vote, no decision",
            code::DECISION_MISSING,
            muni(&[(
                "Kommunstyrelsen beslutar att bifalla.",
                "Ärendet diskuteras.",
            )]),
            15,
            Warning,
            vec![15, 22],
        ),
    ];
    let mut covered: Vec<&str> = Vec::new();
    for (what, code, text, line, severity, lines) in &cases {
        let f = at(text, code, *line);
        assert_eq!(f.severity, *severity, "{what}: {f:#?}");
        assert_eq!(evidence(&f), *lines, "{what}: {f:#?}");
        assert!(
            f.evidence.iter().all(|e| !e.text.is_empty()),
            "{what}: {f:#?}"
        );
        covered.push(code);
    }
    // A reading the parser doubts says what was not checked because of it (the parser sets the
    // doubt; here it is set by hand).
    let mut m = parse(BASE);
    m.doubts.roster = true;
    let f: Vec<Finding> = check(&m, Lang::En)
        .into_iter()
        .filter(|f| f.code == code::UNSURE)
        .collect();
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!((f[0].severity, evidence(&f[0])), (Info, vec![5]));
    assert!(f[0].message.contains("quorum"), "{}", f[0].message);
    covered.push(code::UNSURE);
    // A file not read is a finding of its own (the command line makes it: tests/hostile.rs).
    let f = protokoll::review::unreadable("x", "empty file", Lang::En);
    assert_eq!((f.code, f.severity), (code::UNREADABLE, Error));
    covered.push(code::UNREADABLE);
    for code in code::ALL {
        assert!(covered.contains(&code), "{code} has no recall case");
    }
}

// Evidence before accusation: where the parser doubts what it read, or a name is no name, the
// checks stay silent or say `info`, never `error`.

#[test]
fn a_declared_set_rules_what_is_missing() {
    // "Paragrafer §§ 41, 43": § 42 is in another protocol, not missing here.
    let text = "Protokoll\n\nStyrelsen\n\nTid: 2024-03-04 13.00-15.00\n\nParagrafer §§ 41, 43\n\n§ 41 Budget\n\nStyrelsen beslutar att godkänna budgeten.\n\n§ 43 Övrigt\n\nInget.\n";
    let all = findings(text);
    assert!(all.is_empty(), "{all:#?}");
    let m = parse(text);
    assert_eq!(
        protokoll::review::declared(&m).map(|d| d.numbers),
        Some(vec![41, 43])
    );
    // A § found outside the declared set is for the secretary to look at.
    let extra = text.replace("§ 43 Övrigt", "§ 42 Annat\n\nText.\n\n§ 43 Övrigt");
    let f = one(&extra, code::PARAGRAPH_RANGE);
    assert_eq!((f.severity, f.paragraph), (Severity::Warning, Some(42)));
    assert!(
        f.message
            .contains("§ 42 lies outside the declared §§ 41, 43"),
        "{}",
        f.message
    );
    // "§§ 1–3, 5": § 4 is not missing, § 2 is.
    let set = with(&[
        ("Paragrafer: 1-3", "Paragrafer: §§ 1–3, 5"),
        ("§ 2 Ekonomi", "§ 5 Ekonomi"),
    ]);
    let f = one(&set, code::PARAGRAPH_GAP);
    assert!(f.message.starts_with("§ 2 is missing"), "{}", f.message);
}

#[test]
fn a_far_jump_with_nothing_declared_is_a_misread_heading_more_likely_than_lost_items() {
    let text = with(&[
        ("Paragrafer: 1-3\n", ""),
        ("§ 3 Övriga", "§ 90 Övriga"),
        ("Se § 3.", "Se nedan."),
    ]);
    let f = one(&text, code::PARAGRAPH_GAP);
    assert_eq!(f.severity, Severity::Info, "{f:#?}");
    // A short jump with nothing declared is still a warning.
    let text = with(&[
        ("Paragrafer: 1-3\n", ""),
        ("§ 3 Övriga", "§ 5 Övriga"),
        ("Se § 3.", "Se nedan."),
    ]);
    assert_eq!(one(&text, code::PARAGRAPH_GAP).severity, Severity::Warning);
}

#[test]
fn a_heading_the_parser_missed_is_no_lost_item() {
    // The agenda lists § 2 and the body has it, but say the parser did not read its heading:
    // the line "§ 2 Ekonomi" is still in the text, so § 2 is not proven lost.
    let toc = "Innehållsförteckning\n\n§ 1 Mötets öppnande.....\t2\n§ 2 Ekonomi.....\t2\n§ 3 Övriga frågor.....\t3\n\n§ 1 Mötets öppnande\n";
    let text = with(&[("§ 1 Mötets öppnande\n", toc), ("Se § 3.", "Se nedan.")]);
    let mut m = parse(&text);
    assert_eq!(m.agenda.len(), 3);
    m.paragraphs.retain(|p| p.number != 2);
    let f: Vec<Finding> = check(&m, Lang::En)
        .into_iter()
        .filter(|f| f.code == code::PARAGRAPH_GAP)
        .collect();
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].severity, Severity::Warning, "{f:#?}");
    // Without that line, the agenda proves it: an error.
    m.lines = m
        .lines
        .iter()
        .filter(|l| l.text.trim() != "§ 2 Ekonomi")
        .collect();
    let f: Vec<Finding> = check(&m, Lang::En)
        .into_iter()
        .filter(|f| f.code == code::PARAGRAPH_GAP)
        .collect();
    assert_eq!(f[0].severity, Severity::Error, "{f:#?}");
}

#[test]
fn names_that_are_labels_accuse_no_one() {
    // A label cell read as the secretary's name.
    let mut m = parse(BASE);
    m.signatures[0].name = Some("Paragrafer §§ 41, 43".to_owned());
    assert!(check(&m, Lang::En).is_empty(), "{:#?}", check(&m, Lang::En));
    // An adjuster whose name kept its label.
    let mut m = parse(BASE);
    m.adjusters = vec!["Justerare Nils Nord".to_owned()];
    let f = check(&m, Lang::En);
    assert!(
        f.iter().all(|x| x.code != code::ADJUSTER_NOT_PRESENT),
        "{f:#?}"
    );
}

#[test]
fn what_the_parser_doubts_is_not_held_against_the_protocol() {
    let wrong_chair = with(&[(
        "Ordförande: Karin Berg\n\nJust",
        "Ordförande: Anna Ek\n\nJust",
    )]);
    for doubt in ["officers", "signatures", "roster"] {
        let mut m = parse(&wrong_chair);
        match doubt {
            "officers" => m.doubts.officers = true,
            "signatures" => m.doubts.signatures = true,
            _ => m.doubts.roster = true,
        }
        let f = check(&m, Lang::En);
        assert!(
            f.iter().all(|x| x.code != code::SIGNATURE_NAME),
            "{doubt}: {f:#?}"
        );
    }
    // The adjuster listed absent, on a roster the parser doubts: nothing said.
    let absent = with(&[
        ("Utses att justera: Per Lund", "Utses att justera: Eva Holm"),
        ("Justerande: Per Lund", "Justerande: Eva Holm"),
    ]);
    let mut m = parse(&absent);
    m.doubts.officers = true;
    let f = check(&m, Lang::En);
    assert!(f.iter().all(|x| x.code == code::UNSURE), "{f:#?}");
    // § numbers the parser doubts: a gap or a duplicate is information.
    let mut m = parse(&with(&[("§ 3 Övriga", "§ 2 Övriga")]));
    m.doubts.paragraphs = true;
    let f = check(&m, Lang::En);
    assert!(f.iter().all(|x| x.severity == Severity::Info), "{f:#?}");
}

#[test]
fn a_table_of_contents_read_as_headings_is_not_a_duplicate_to_fix() {
    // The entries wrap, so the parser took them for § of their own: headings with no text but
    // a wrapped title and a page number, before the body repeats them.
    let mut m = parse(BASE);
    let mut entries: Vec<protokoll::model::Paragraph> = m
        .paragraphs
        .iter()
        .map(|p| protokoll::model::Paragraph {
            number: p.number,
            title: p.title.clone(),
            line: p.line - 19 + 2,
            text: "fortsättning av rubriken ..... 3".to_owned(),
            ..protokoll::model::Paragraph::default()
        })
        .collect();
    entries.append(&mut m.paragraphs);
    m.paragraphs = entries;
    let f = check(&m, Lang::En);
    let duplicates: Vec<&Finding> = f
        .iter()
        .filter(|x| x.code == code::PARAGRAPH_DUPLICATE)
        .collect();
    assert_eq!(duplicates.len(), 3, "{f:#?}");
    assert!(f.iter().all(|x| x.severity == Severity::Info), "{f:#?}");
}

// The real seed protocols and the bundled samples.

fn seeds() -> Vec<Meeting> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/seeds");
    assert!(dir.is_dir(), "{} is missing", dir.display());
    let loaded = protokoll::library::load(&[dir]);
    assert_eq!(loaded.library.meetings.len(), 5);
    loaded.library.meetings
}

fn seed_findings(id: &str) -> Vec<Finding> {
    let m = seeds()
        .into_iter()
        .find(|m| m.id == id)
        .unwrap_or_else(|| panic!("no seed {id}"));
    check(&m, Lang::En)
}

fn has(found: &[Finding], code: &str, paragraph: Option<u32>, line: Option<u32>) -> bool {
    found
        .iter()
        .any(|f| f.code == code && f.paragraph == paragraph && line.is_none_or(|l| f.line == l))
}

#[test]
#[ignore = "needs ../shared/corpus/seeds; run by .ci/run with --ignored"]
fn seed_samverkanstid_weekday_of_the_justering_and_toc_of_paragraph_16() {
    let f = seed_findings("kfjh-samverkanstid-2024-10-21");
    // "Justeringens tid och plats: Tisdag 21 oktober 2024": the 21st was a Monday.
    assert!(has(&f, code::WEEKDAY_MISMATCH, None, Some(8)), "{f:#?}");
    assert!(has(&f, code::TOC_MISMATCH, Some(16), Some(32)), "{f:#?}");
}

#[test]
#[ignore = "needs ../shared/corpus/seeds; run by .ci/run with --ignored"]
fn seed_styrelse_2025_weekday_of_the_justering() {
    let f = seed_findings("kfjh-styrelse-2025-06-09");
    // "måndag 17 juni 2025": a Tuesday.
    assert!(has(&f, code::WEEKDAY_MISMATCH, None, Some(61)), "{f:#?}");
}

#[test]
#[ignore = "needs ../shared/corpus/seeds; run by .ci/run with --ignored"]
fn seed_styrelse_2010_gap_and_unsigned() {
    let f = seed_findings("kfvn-styrelse-2010-04-22");
    assert!(has(&f, code::PARAGRAPH_GAP, Some(28), Some(195)), "{f:#?}");
    assert!(
        f.iter()
            .any(|x| x.code == code::PARAGRAPH_GAP && x.message.starts_with("§ 27 "))
    );
    assert!(has(&f, code::UNSIGNED, None, None), "{f:#?}");
}

#[test]
#[ignore = "needs ../shared/corpus/seeds; run by .ci/run with --ignored"]
fn seed_styrelse_2020_justering_late() {
    let f = seed_findings("kfvn-styrelse-2020-05-07");
    // The adjuster signed on Jul 5 for a meeting on May 7. An e-signature's date says when
    // that copy was signed, not when the protocol was adjusted: a warning, not an error.
    assert!(
        f.iter().any(|x| x.code == code::JUSTERING_LATE
            && x.severity == Severity::Warning
            && x.message.contains("2020-07-05")),
        "{f:#?}"
    );
}

#[test]
#[ignore = "needs ../shared/corpus/seeds; run by .ci/run with --ignored"]
fn seed_styrelse_2024_has_no_error_or_warning() {
    let f = seed_findings("kfvn-styrelse-2024-09-27");
    assert!(f.iter().all(|x| x.severity == Severity::Info), "{f:#?}");
}

#[test]
fn samples_have_no_error_or_warning() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets");
    let loaded = protokoll::library::load(&[dir]);
    assert!(
        loaded.library.meetings.len() >= 9,
        "every sample, the municipal ones too"
    );
    for m in &loaded.library.meetings {
        let f = check(m, Lang::En);
        assert!(
            f.iter().all(|x| x.severity == Severity::Info),
            "{}: {f:#?}",
            m.id
        );
    }
}

/// Text that reaches every check: headings, agendas, rosters with limits and substitutes,
/// dated and weekday-named lines, signatures, references, mixed with noise.
fn protocolish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("§ 12 Titel\n\n".to_owned()),
        Just("§12\n\n".to_owned()),
        Just("§ 0 Noll\n\n".to_owned()),
        Just("§ 9999 Stor\n\n".to_owned()),
        Just("Innehållsförteckning\n\n§ 1 Upprop.....\t3\n§ 2 *Annat*.....\t4\n\n".to_owned()),
        Just("Paragrafer: 30-2\n".to_owned()),
        Just("Paragrafer 1 - 99999\n".to_owned()),
        Just("Deltagare (beslutande): Anna Ek, Ort, ordförande\nBo Berg ersätter Anna Ek, Ort § 4-9999\n\n".to_owned()),
        Just("Ej närvarande (beslutande): Cia Lund, Ort\n\n".to_owned()),
        Just("Utses att justera: Dan Ås\n".to_owned()),
        Just("Justeringens tid och plats: tisdag 1 januari 2030, digitalt\n".to_owned()),
        Just("Tid och plats: måndag 9 juni 2025 kl. 09.00-12.00\n".to_owned()),
        Just("Sekreterare: \nOrdförande: Ana Ek (Jul 5, 2025 07:19 GMT+2)\n".to_owned()),
        Just("Se § 77 och §§ 3-, 5 och § – §§\n".to_owned()),
        Just("Elisabet Lassen och Elisabeth Lassen, Åsa Öberg Asa Oberg.\n".to_owned()),
        Just("\n".to_owned()),
        "[ -~åäöÅÄÖ§\t\n(),.:*–-]{0,40}",
        any::<String>(),
    ];
    prop::collection::vec(piece, 0..30).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// No input makes a check panic, and every finding points at a line of the file.
    #[test]
    fn checks_never_panic_and_point_into_the_file(text in protocolish()) {
        let (m, _) = protokoll::parse::parse(&text, "fuzz.txt");
        let lines = u32::try_from(text.split('\n').count()).unwrap_or(u32::MAX);
        for lang in [Lang::Sv, Lang::En] {
            for f in check(&m, lang) {
                prop_assert!(f.line >= 1 && f.line <= lines, "{f:?} of {lines} lines");
                prop_assert!(!f.message.is_empty());
            }
        }
    }
}
