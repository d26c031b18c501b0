//! Precision: on correct protocols of every layout the review accuses nothing. The bundled
//! samples, the layout families and the plain-text fixtures (here), the seed protocols and the
//! real published minutes of `../shared/corpus` (`#[ignore]`d: they live outside the
//! repository and PDFs need pdftotext; `.ci/run` runs them with `--ignored`) get no `error`,
//! and every `warning` they get is listed below with the lines that justify it: a finding a
//! secretary would agree she should look at. A warning that appears and is not listed, or one
//! listed that no longer appears, fails the test, so the list stays the truth.

use std::path::{Path, PathBuf};

use protokoll::lang::Lang;
use protokoll::review::{Finding, Severity, check};

/// A warning a correct protocol deserves: file name, code and line.
type Expected = (&'static str, &'static str, u32);

/// The warnings on the seed protocols, each with the lines that justify it.
const SEEDS: &[Expected] = &[
    // Line 14, the roster: "Elisabeth Lassen"; line 149, § 23: "Socialdemokraterna: Sten-Ove
    // Danielsson och Elisabet Lassen". One person, spelled two ways.
    ("kfvn-styrelse-2010-04-22.txt", "name-variant", 149),
    // Line 33: "Paragrafer 15 - 28"; line 181: "§ 26"; line 195: "§28". No § 27 anywhere, and
    // nothing else names it: a numbering slip or a § kept elsewhere, for the secretary to
    // settle (a warning; it would be an error if the agenda or a reference named § 27).
    ("kfvn-styrelse-2010-04-22.txt", "paragraph-gap", 195),
    // Line 7: "Tid: 2020-05-07 09.00-12.00"; line 31: "Sekreterare: Fredrik Ölmerud (Jun 4,
    // 2020 15:37 GMT+2)", 28 days later. A signature's date, not a stated justering: a warning.
    ("kfvn-styrelse-2020-05-07.txt", "justering-late", 31),
    // Line 34: "Ordförande: Peder Björk (Jun 4, 2020 16:05 GMT+2)", 28 days after line 7.
    ("kfvn-styrelse-2020-05-07.txt", "justering-late", 34),
    // Line 37: "Justerande: Erik Lövgren (Jul 5, 2020 07:19 GMT+2)", 59 days after line 7.
    ("kfvn-styrelse-2020-05-07.txt", "justering-late", 37),
    // Line 8: "Justeringens tid och plats: Tisdag 21 oktober 2024, digitalt": the 21st of
    // October 2024 was a Monday.
    ("kfjh-samverkanstid-2024-10-21.txt", "weekday-mismatch", 8),
    // Line 15, the table of contents: "§ 16 Föregående protokoll samt uppföljningar och
    // pågående ärenden"; line 32, the body: "§ 16 Föregående möte samt uppföljningar och
    // pågående ärenden". Two titles for one §. (§ 15's "dagordning" / "dagordningen" differ
    // only by an ending: information.)
    ("kfjh-samverkanstid-2024-10-21.txt", "toc-mismatch", 32),
    // Line 61: "måndag 17 juni 2025, digitalt" (the justering): the 17th of June 2025 was a
    // Tuesday.
    ("kfjh-styrelse-2025-06-09.txt", "weekday-mismatch", 61),
];

/// The warnings on the real published minutes, each with the lines that justify it.
const REAL: &[Expected] = &[
    // An excerpt cut after § 97 (line 94 ends mid-word: "som fr"), whose roster gives § limits
    // up to § 115: line 11 "Hanna Roberts X, mötesordförande § 94 - § 106", line 14 "Maria
    // Eklund X, mötesordförande § 107 - § 115", lines 69–70 "… X, § 105 - § 106". The file is
    // not the whole protocol, and one warning says so.
    (
        "amnesty-styrelse-2002-01-26.excerpt.txt",
        "attendance-range",
        11,
    ),
    // The same: the excerpt ends in § 79, while line 8 "Sune Montán X, mötesordf. § 74-88",
    // line 10 "Anna Nilsdotter X, mötesordf. § 89-97" and line 23 "Annica Blidegård X, § 84-89"
    // reach § 97.
    (
        "amnesty-styrelse-2007-12-01.excerpt.txt",
        "attendance-range",
        8,
    ),
    // Line 32: "Rasmus Kaj och Simon Sandblom blev valda till justeringsmän."; lines 35–37, the
    // röstlängd: "Närvarande medlemmar med rösträtt var: Marcus Dicander, Stellan Lagerström,
    // …, Simon Sandblom, Viktor Kryg." Rasmus Kaj, an adjuster, is not among them.
    ("stacken-varmote-2024-03-07.md", "adjuster-not-present", 32),
];

/// Every finding of every protocol under `dir`, with its file's name.
fn review(dir: &Path) -> Vec<(String, Finding)> {
    assert!(dir.is_dir(), "{} is missing", dir.display());
    let loaded = protokoll::library::load(&[dir.to_owned()]);
    assert!(!loaded.library.meetings.is_empty(), "{}", dir.display());
    let mut out = Vec::new();
    for m in &loaded.library.meetings {
        let name = Path::new(&m.source)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        // The corpus's own notes on where its files come from are not a protocol.
        if name == "SOURCES.md" {
            continue;
        }
        out.extend(check(m, Lang::En).into_iter().map(|f| (name.clone(), f)));
    }
    out
}

/// No error at all; the warnings exactly `expected`, each one printed with its evidence when
/// it is not.
fn assert_precise(found: &[(String, Finding)], expected: &[Expected]) {
    let show = |(file, f): &(String, Finding)| {
        let evidence: Vec<String> = f
            .evidence
            .iter()
            .map(|e| format!("    {:>4} | {}", e.line, e.text))
            .collect();
        format!(
            "{file}:{}: {:?}[{}]: {}\n{}",
            f.line,
            f.severity,
            f.code,
            f.message,
            evidence.join("\n")
        )
    };
    let errors: Vec<String> = found
        .iter()
        .filter(|(_, f)| f.severity == Severity::Error)
        .map(show)
        .collect();
    assert!(
        errors.is_empty(),
        "errors on correct protocols:\n{}",
        errors.join("\n")
    );
    let unlisted: Vec<String> = found
        .iter()
        .filter(|(file, f)| {
            f.severity == Severity::Warning
                && !expected
                    .iter()
                    .any(|(x, code, line)| x == file && *code == f.code && *line == f.line)
        })
        .map(show)
        .collect();
    assert!(
        unlisted.is_empty(),
        "warnings no one has justified:\n{}",
        unlisted.join("\n")
    );
    for (file, code, line) in expected {
        assert!(
            found.iter().any(|(x, f)| x == file
                && f.code == *code
                && f.line == *line
                && f.severity == Severity::Warning),
            "{file}:{line}: the warning {code} is listed but no longer found"
        );
    }
}

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

#[test]
fn the_samples_families_and_plain_fixtures_get_no_error_and_no_warning() {
    let mut found = Vec::new();
    for dir in ["assets", "tests/fixtures/families", "tests/fixtures/plain"] {
        found.extend(review(&repo(dir)));
    }
    assert_precise(&found, &[]);
}

#[test]
#[ignore = "needs ../shared/corpus/seeds; run by .ci/run with --ignored"]
fn the_seeds_get_no_error_and_only_justified_warnings() {
    let found = review(&repo("../shared/corpus/seeds"));
    assert_precise(&found, SEEDS);
}

#[test]
#[ignore = "needs ../shared/corpus/real and pdftotext; run by .ci/run with --ignored"]
fn the_real_minutes_get_no_error_and_only_justified_warnings() {
    let found = review(&repo("../shared/corpus/real"));
    assert_precise(&found, REAL);
}

#[test]
#[ignore = "needs pdftotext; run by .ci/run with --ignored"]
fn the_pdf_word_and_opendocument_fixtures_get_no_error_and_no_warning() {
    let dir = repo("tests/fixtures/docs");
    let mut found = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap().filter_map(Result::ok) {
        // The hostile and draft folders hold files made to be unreadable or half-edited.
        if entry.path().is_file() {
            let loaded = protokoll::library::load(&[entry.path()]);
            for m in &loaded.library.meetings {
                let name = entry.file_name().to_string_lossy().into_owned();
                found.extend(check(m, Lang::En).into_iter().map(|f| (name.clone(), f)));
            }
        }
    }
    assert!(
        found
            .iter()
            .any(|(f, _)| Path::new(f).extension().is_some_and(|e| e == "pdf")),
        "no PDF read"
    );
    assert_precise(&found, &[]);
}
