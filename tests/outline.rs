//! The parser's outline (what a search without a cache reads of a file) against the whole
//! parse: the same date, § and last line of § text, the same diagnostics, and the same hits
//! for a query, file by file. Arbitrary text is tried in `props.rs`.

use std::path::{Path, PathBuf};

use protokoll::parse::{self, Outline};
use protokoll::search::{Part, Query};

const QUERIES: [&str; 9] = [
    "beslut",
    "kommunstyrelsen",
    "\"att godkänna\"",
    "justera protokollet",
    "lovgren",
    "§",
    "e",
    "ordförande sekreterare",
    "2024",
];

/// Every file under `dir`, sorted.
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// Asserts that the outline of the file's text agrees with its whole parse; returns whether
/// the file could be read as text at all.
fn agrees(path: &Path) -> bool {
    let Ok(doc) = protokoll::docs::read(path) else {
        return false;
    };
    let name = path.display().to_string();
    let clean = protokoll::read::clean(&doc.text);
    let (outline, said) = parse::outline(&clean, &name);
    let (m, diags) = parse::parse_lines(clean.clone(), &name);
    assert_eq!(outline, Outline::of(&m), "{name}");
    assert_eq!(said, diags, "{name}");
    for q in QUERIES {
        let query = Query::new(q);
        let part = Part::of_outline(&clean, &outline, &query);
        let light = query.in_part(&part, |li| clean.get(li as usize).map(|l| l.text.as_str()));
        assert_eq!(light, query.in_meeting(&m), "{name}: {q}");
    }
    true
}

fn all_agree(dirs: &[&Path]) {
    let mut read = 0;
    for dir in dirs {
        for f in files(dir) {
            read += usize::from(agrees(&f));
        }
    }
    assert!(read >= 10, "only {read} files read");
}

#[test]
fn the_outline_of_every_bundled_sample_and_fixture_agrees_with_its_parse() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    all_agree(&[
        &root.join("assets"),
        &root.join("tests/fixtures/plain"),
        &root.join("tests/fixtures/families"),
    ]);
}

#[test]
#[ignore = "needs ../shared/corpus and pdftotext"]
fn the_outline_of_every_shared_protocol_agrees_with_its_parse() {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    all_agree(&[&shared.join("seeds"), &shared.join("real")]);
}
