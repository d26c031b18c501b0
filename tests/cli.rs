//! The command line as a process: the export contract, exit codes, and bad input — each bad file
//! costs one `path:line: message` on stderr while the rest of the library loads, and no file is
//! ever written.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_protokoll"))
}

fn run(args: &[&str]) -> Output {
    bin()
        .args(args)
        .env("XDG_DATA_HOME", "/nonexistent-protokoll-test")
        .output()
        .unwrap()
}

fn assets() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets")
}

fn sample_count() -> usize {
    std::fs::read_dir(assets())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "txt" || x == "md")
        })
        .count()
}

fn json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON: {e}\n{}", String::from_utf8_lossy(&out.stdout)))
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn export_has_the_contract_shape() {
    let out = run(&["export", "--format", "json", assets().to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v = json(&out);
    let meetings = v["meetings"].as_array().unwrap();
    assert_eq!(meetings.len(), sample_count());
    let m = &meetings[0];
    for key in [
        "id",
        "source",
        "organization",
        "body",
        "date",
        "start",
        "end",
        "place",
        "declared_paragraphs",
        "chair",
        "secretary",
        "adjusters",
        "attendees",
        "agenda",
        "paragraphs",
        "signatures",
        "justering",
    ] {
        assert!(m.get(key).is_some(), "meeting lacks {key}");
    }
    let a = &m["attendees"][0];
    for key in [
        "name",
        "group",
        "present",
        "role",
        "party",
        "affiliation",
        "replaces",
        "paragraphs",
    ] {
        assert!(a.get(key).is_some(), "attendee lacks {key}");
    }
    let p = &m["paragraphs"][0];
    for key in [
        "number",
        "title",
        "line",
        "dnr",
        "presenters",
        "decisions",
        "text",
    ] {
        assert!(p.get(key).is_some(), "paragraph lacks {key}");
    }
    // Library order: by date.
    let dates: Vec<&str> = meetings
        .iter()
        .map(|m| m["date"].as_str().unwrap())
        .collect();
    let mut sorted = dates.clone();
    sorted.sort_unstable();
    assert_eq!(dates, sorted);
    assert_eq!(meetings[0]["id"], "kfsb-styrelse-2011-05-19");
}

#[test]
fn export_without_paths_reads_the_bundled_samples() {
    let out = run(&["export", "--format", "json"]);
    assert!(out.status.success());
    let v = json(&out);
    assert_eq!(v["meetings"].as_array().unwrap().len(), sample_count());
    assert!(
        v["meetings"][0]["source"]
            .as_str()
            .unwrap()
            .starts_with("assets/")
    );
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(run(&["export", "--format", "xml"]).status.code(), Some(2));
    assert_eq!(run(&["frobnicate-flag", "--nope"]).status.code(), Some(2));
    let help = run(&["--help"]);
    assert_eq!(help.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&help.stdout).contains("export"));
    let version = run(&["--version"]);
    assert!(String::from_utf8_lossy(&version.stdout).starts_with("protokoll "));
}

#[test]
fn same_file_names_get_unique_ids() {
    let dir = tempfile::tempdir().unwrap();
    let sample = std::fs::read(assets().join("kfsb-styrelse-2024-06-10.txt")).unwrap();
    for sub in ["a", "b"] {
        std::fs::create_dir(dir.path().join(sub)).unwrap();
        std::fs::write(dir.path().join(sub).join("protokoll.txt"), &sample).unwrap();
    }
    let v = json(&run(&[
        "export",
        "--format",
        "json",
        dir.path().to_str().unwrap(),
    ]));
    let ids: Vec<&str> = v["meetings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["protokoll", "protokoll-2"]);
}

/// A folder with one good protocol and every kind of bad file.
#[test]
fn bad_files_cost_one_message_each_and_the_rest_loads() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::copy(
        assets().join("kfsb-styrelse-2021-03-12.txt"),
        d.join("good.txt"),
    )
    .unwrap();
    std::fs::write(d.join("empty.txt"), b"").unwrap();
    std::fs::write(
        d.join("binary.txt"),
        b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x03\x00",
    )
    .unwrap();
    std::fs::write(
        d.join("nopara.md"),
        "# Anteckningar\n\nInget här är en paragraf.\n",
    )
    .unwrap();
    let big = std::fs::File::create(d.join("huge.txt")).unwrap();
    big.set_len(50 * 1024 * 1024).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(d.join("gone.txt"), d.join("dangling.txt")).unwrap();
    std::fs::create_dir(d.join("nothing-here")).unwrap();
    let missing = d.join("missing.txt");
    let before = snapshot(d);

    let out = run(&[
        "export",
        "--format",
        "json",
        d.to_str().unwrap(),
        missing.to_str().unwrap(),
    ]);
    // A named path that does not exist is a usage error (2); the bad files cost a message
    // each and the rest still loads.
    assert_eq!(out.status.code(), Some(2), "a missing path exits 2");
    let v = json(&out);
    // A file with text but no numbered items still appears, with a message that says so.
    assert_eq!(v["meetings"].as_array().unwrap().len(), 2);
    let err = stderr(&out);
    let lines: Vec<&str> = err.lines().collect();
    let has = |file: &str, what: &str| {
        lines.iter().filter(|l| l.contains(file)).count() == 1
            && lines.iter().any(|l| l.contains(file) && l.contains(what))
    };
    assert!(has("empty.txt:1:", "empty file"), "{err}");
    assert!(has("binary.txt:1:", "binary file"), "{err}");
    assert!(has("nopara.md:1:", "no numbered items"), "{err}");
    assert!(has("huge.txt:1:", "50.0 MB"), "{err}");
    #[cfg(unix)]
    assert!(has("dangling.txt:1:", "cannot read"), "{err}");
    assert!(has("missing.txt:1:", "cannot read"), "{err}");
    assert!(!err.contains("good.txt"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(snapshot(d), before, "files were changed");
}

#[test]
fn a_folder_without_protocols_says_so() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.xlsx"), b"PK").unwrap();
    let out = run(&["export", "--format", "json", dir.path().to_str().unwrap()]);
    assert!(out.status.success());
    assert_eq!(json(&out)["meetings"].as_array().unwrap().len(), 0);
    assert!(
        stderr(&out).contains("no protocols here"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn encodings_read_the_same() {
    let text = std::fs::read_to_string(assets().join("kfsb-styrelse-2024-06-10.txt")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("utf8.txt"), &text).unwrap();
    let mut bom = vec![0xef, 0xbb, 0xbf];
    bom.extend(text.replace('\n', "\r\n").as_bytes());
    std::fs::write(d.join("bom-crlf.txt"), bom).unwrap();
    let mut utf16 = vec![0xff, 0xfe];
    utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    std::fs::write(d.join("utf16.txt"), utf16).unwrap();
    let (cp, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&text);
    assert!(!unmappable);
    std::fs::write(d.join("cp1252.txt"), cp).unwrap();
    let v = json(&run(&["export", "--format", "json", d.to_str().unwrap()]));
    let ms = v["meetings"].as_array().unwrap();
    assert_eq!(ms.len(), 4);
    for m in ms {
        assert_eq!(m["paragraphs"], ms[0]["paragraphs"], "{}", m["id"]);
        assert_eq!(m["attendees"], ms[0]["attendees"], "{}", m["id"]);
        assert_eq!(m["chair"], ms[0]["chair"]);
    }
}

#[test]
fn escape_sequences_never_reach_the_output() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Protokoll\n\nPlats: Rum \x1b]52;c;cHduZWQ=\x07A\n\n§ 1 Titel \x1b[2J med \u{202e}bidi\n\nText\u{9b}31m här.\n";
    std::fs::write(dir.path().join("evil.txt"), text).unwrap();
    let out = run(&["export", "--format", "json", dir.path().to_str().unwrap()]);
    let raw = String::from_utf8_lossy(&out.stdout);
    assert!(
        !raw.contains('\x1b')
            && !raw.contains("\\u001b")
            && !raw.contains('\u{9b}')
            && !raw.contains('\u{202e}')
    );
    let v = json(&out);
    assert_eq!(v["meetings"][0]["paragraphs"][0]["title"], "Titel med bidi");
    assert_eq!(v["meetings"][0]["place"], "Rum A");
}

fn snapshot(d: &Path) -> Vec<(PathBuf, u64, Option<std::time::SystemTime>)> {
    let mut out: Vec<_> = std::fs::read_dir(d)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| {
            let m = std::fs::symlink_metadata(e.path()).unwrap();
            (e.path(), m.len(), m.modified().ok())
        })
        .collect();
    out.sort();
    out
}
