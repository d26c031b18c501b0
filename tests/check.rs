//! `protokoll check` as a process, review marks persisted atomically, and the review in the UI.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use protokoll::lang::Lang;
use protokoll::review::marks::{Marks, State, Store};
use protokoll::tui::app::{App, Overlay, Pane};

fn run(args: &[&str], data: &std::path::Path) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_protokoll"))
        .args(args)
        .env("PROTOKOLL_DATA_DIR", data)
        .env("LANG", "C")
        .output()
        .unwrap()
}

/// § 2 is missing, and § 1 names it: an item is missing, an error.
const GAP: &str =
    "Protokoll\n\nTid: 2024-03-01 09.00-12.00\n\n§ 1 Ett\n\nText, se § 2.\n\n§ 3 Tre\n\nText.\n";
const CLEAN: &str =
    "Protokoll\n\nTid: 2024-03-01 09.00-12.00\n\n§ 1 Ett\n\nText.\n\n§ 2 Två\n\nText.\n";

#[test]
fn exit_codes_and_formats() {
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("clean.txt"), CLEAN).unwrap();
    let clean = run(&["check", dir.path().to_str().unwrap()], data.path());
    assert_eq!(
        clean.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&clean.stdout)
    );
    std::fs::write(dir.path().join("gap.txt"), GAP).unwrap();
    let text = run(&["check", dir.path().to_str().unwrap()], data.path());
    assert_eq!(text.status.code(), Some(1));
    let out = String::from_utf8_lossy(&text.stdout);
    assert!(
        out.contains("gap.txt:9: error[paragraph-gap]: § 2 is missing"),
        "{out}"
    );
    let json = run(
        &["check", "--format", "json", dir.path().to_str().unwrap()],
        data.path(),
    );
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let f = &v["findings"][0];
    assert_eq!(
        (
            f["meeting"].as_str(),
            f["paragraph"].as_u64(),
            f["line"].as_u64(),
            f["severity"].as_str(),
            f["code"].as_str()
        ),
        (
            Some("gap"),
            Some(3),
            Some(9),
            Some("error"),
            Some("paragraph-gap")
        )
    );
    let md = run(
        &[
            "check",
            "--format",
            "markdown",
            dir.path().to_str().unwrap(),
        ],
        data.path(),
    );
    let md = String::from_utf8_lossy(&md.stdout);
    assert!(
        md.contains("# Review:") && md.contains("| error | 3 | 9 | `paragraph-gap`"),
        "{md}"
    );
    let missing = run(&["check", "/nonexistent/protokoll"], data.path());
    assert_eq!(missing.status.code(), Some(2));
    assert_eq!(
        run(&["check", "--format", "xml"], data.path())
            .status
            .code(),
        Some(2)
    );
}

fn meeting(text: &str) -> protokoll::model::Meeting {
    let (mut m, _) = protokoll::parse::parse(text, "p.txt");
    m.source = "/library/p.txt".into();
    m
}

#[test]
fn a_crash_between_write_and_rename_leaves_the_old_marks() {
    let data = tempfile::tempdir().unwrap();
    let store = Store {
        path: data.path().join("review.json"),
    };
    let m = meeting(CLEAN);
    let mut marks = Marks::default();
    marks.toggle(&m, 1);
    store.save(&marks).unwrap();
    // The new state reaches a temporary file, then the process dies before the rename.
    let mut newer = marks.clone();
    newer.toggle(&m, 2);
    let tmp = store
        .write_temp(&serde_json::to_vec(&newer).unwrap())
        .unwrap();
    assert!(tmp.exists());
    let (loaded, problem) = store.load();
    assert_eq!(problem, None);
    assert_eq!(loaded.state(&m, 1), State::Reviewed);
    assert_eq!(loaded.state(&m, 2), State::Unreviewed);
    // The next save replaces the file whole.
    store.save(&newer).unwrap();
    assert_eq!(store.load().0.state(&m, 2), State::Reviewed);
    let leftovers: Vec<_> = std::fs::read_dir(data.path())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name())
        .collect();
    assert_eq!(leftovers, [std::ffi::OsString::from("review.json")]);
}

#[test]
fn a_damaged_marks_file_is_set_aside_with_a_message() {
    let data = tempfile::tempdir().unwrap();
    let store = Store {
        path: data.path().join("review.json"),
    };
    std::fs::write(&store.path, "{\"version\": 1, \"protocols\": {\"x\": ").unwrap();
    let (marks, problem) = store.load();
    assert_eq!(marks, Marks::default());
    let msg = problem.expect("a message");
    assert!(msg.contains("damaged") && msg.contains("corrupt"), "{msg}");
    let names: Vec<String> = std::fs::read_dir(data.path())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        names.iter().any(|n| n.starts_with("review.json.corrupt-")),
        "{names:?}"
    );
    assert!(!store.path.exists());
}

fn key(app: &mut App, code: KeyCode) {
    if let Some(a) = protokoll::tui::key_action(app, KeyEvent::new(code, KeyModifiers::NONE)) {
        app.update(a);
    }
}

#[test]
fn review_in_the_ui_marks_notes_and_findings() {
    let data = tempfile::tempdir().unwrap();
    let loaded = protokoll::library::load_texts(&[("gap.txt", GAP.as_bytes())]);
    let mut app = App::new(loaded.library, loaded.diagnostics, Lang::En);
    app.store = Some(Store {
        path: data.path().join("review.json"),
    });
    assert_eq!(app.findings_of_current()[0].code, "paragraph-gap");
    key(&mut app, KeyCode::Char('!'));
    assert_eq!(app.overlay, Some(Overlay::Findings(0)));
    key(&mut app, KeyCode::Enter);
    assert_eq!(
        (app.paragraph().unwrap().number, app.focus, app.jump_line),
        (3, Pane::Body, Some(9))
    );
    key(&mut app, KeyCode::Char(' '));
    let m = app.current().unwrap().clone();
    assert_eq!(app.marks.state(&m, 3), State::Reviewed);
    // Space moved on to the next § still to review, round to the start.
    assert_eq!(app.paragraph().unwrap().number, 1);
    assert!(app.message.as_deref().unwrap().contains("§ 3 reviewed"));
    key(&mut app, KeyCode::Char(']'));
    key(&mut app, KeyCode::Char('a'));
    for c in "se över datum".chars() {
        key(&mut app, KeyCode::Char(c));
    }
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.marks.note(&m, 3), Some("se över datum"));
    // Saved where asked, and read back.
    let (saved, _) = Store {
        path: data.path().join("review.json"),
    }
    .load();
    assert_eq!(saved.state(&m, 3), State::Reviewed);
    assert_eq!(saved.note(&m, 3), Some("se över datum"));
}

// Settling a finding.

fn check_in(data: &std::path::Path, args: &[&str]) -> std::process::Output {
    let mut all = vec!["check"];
    all.extend_from_slice(args);
    run(&all, data)
}

fn findings_json(out: &std::process::Output) -> Vec<serde_json::Value> {
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    v["findings"].as_array().unwrap().clone()
}

#[test]
fn an_accepted_finding_is_kept_shown_and_not_counted() {
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let file = dir.path().join("gap.txt");
    std::fs::write(&file, GAP).unwrap();
    let f = file.to_str().unwrap();
    assert_eq!(check_in(data.path(), &[f]).status.code(), Some(1));
    let accept = check_in(
        data.path(),
        &[
            "--accept",
            "paragraph-gap:9",
            "--reason",
            "§ 2 behandlades i ett slutet sammanträde",
            f,
        ],
    );
    let err = String::from_utf8_lossy(&accept.stderr);
    assert_eq!(accept.status.code(), Some(0), "{err}");
    assert!(
        err.contains("gap.txt:9: error[paragraph-gap] accepted: § 2 behandlades"),
        "{err}"
    );
    let text = String::from_utf8_lossy(&accept.stdout);
    assert!(
        text.contains("gap.txt:9: error[paragraph-gap] (accepted): § 2 is missing")
            && text.contains("      = accepted: § 2 behandlades i ett slutet sammanträde"),
        "{text}"
    );
    // Every later run knows it: JSON carries `accepted` and the reason, the exit code is 0.
    let json = check_in(data.path(), &["--format", "json", f]);
    assert_eq!(json.status.code(), Some(0));
    let gap = &findings_json(&json)[0];
    assert_eq!(gap["code"], "paragraph-gap");
    assert_eq!(gap["accepted"], true);
    assert_eq!(gap["reason"], "§ 2 behandlades i ett slutet sammanträde");
    let lines: Vec<u64> = gap["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["line"].as_u64().unwrap())
        .collect();
    assert_eq!(lines, [5, 7, 9]);
    // The report lists it with the accepted ones, with the reason.
    let md = check_in(data.path(), &["--format", "markdown", f]);
    let md = String::from_utf8_lossy(&md.stdout);
    assert!(md.contains("## Findings (0)"), "{md}");
    assert!(md.contains("## Accepted findings (1)"), "{md}");
    assert!(
        md.contains("| error | 3 | 9 | `paragraph-gap` § 2 is missing")
            && md.contains("| § 2 behandlades i ett slutet sammanträde |"),
        "{md}"
    );
    // Kept with the review marks, atomically, per protocol file.
    let saved = std::fs::read_to_string(data.path().join("review.json")).unwrap();
    let canonical = file.canonicalize().unwrap();
    let v: serde_json::Value = serde_json::from_str(&saved).unwrap();
    let accepted = &v["protocols"][canonical.to_str().unwrap()]["accepted"][0];
    assert_eq!(accepted["code"], "paragraph-gap");
    assert_eq!(
        accepted["reason"],
        "§ 2 behandlades i ett slutet sammanträde"
    );
    // Taken back, it counts again.
    let back = check_in(data.path(), &["--unaccept", "paragraph-gap:9", f]);
    assert_eq!(back.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&back.stderr).contains("no longer accepted"));
    assert_eq!(
        findings_json(&check_in(data.path(), &["--format", "json", f]))[0]["accepted"],
        false
    );
}

#[test]
fn an_accepted_finding_comes_back_when_its_lines_change() {
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let file = dir.path().join("gap.txt");
    std::fs::write(&file, GAP).unwrap();
    let f = file.to_str().unwrap();
    let accept = check_in(
        data.path(),
        &["--accept", "paragraph-gap:9", "--reason", "avskilt", f],
    );
    assert_eq!(accept.status.code(), Some(0));
    // Lines inserted above move the finding; the lines it rests on read the same: still
    // accepted.
    std::fs::write(&file, format!("Styrelsen\n\n{GAP}")).unwrap();
    let moved = check_in(data.path(), &["--format", "json", f]);
    assert_eq!(moved.status.code(), Some(0));
    let gap = &findings_json(&moved)[0];
    assert_eq!(
        (gap["line"].as_u64(), &gap["accepted"]),
        (Some(11), &true.into())
    );
    // A line of its evidence changes: the finding is back, open, and counts.
    std::fs::write(
        &file,
        format!(
            "Styrelsen\n\n{}",
            GAP.replace("§ 3 Tre", "§ 3 Tre och fyra")
        ),
    )
    .unwrap();
    let changed = check_in(data.path(), &["--format", "json", f]);
    assert_eq!(changed.status.code(), Some(1));
    let gap = &findings_json(&changed)[0];
    assert_eq!(
        (&gap["accepted"], &gap["reason"]),
        (&false.into(), &serde_json::Value::Null)
    );
}

#[test]
fn accepting_what_is_not_there_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let file = dir.path().join("gap.txt");
    std::fs::write(&file, GAP).unwrap();
    let f = file.to_str().unwrap();
    let d = dir.path().to_str().unwrap();
    for (args, says) in [
        (
            vec!["--accept", "paragraph-gap:8", "--reason", "x", f],
            "no paragraph-gap finding at line 8; its findings are paragraph-gap:9",
        ),
        (
            vec!["--accept", "paragraph-gap", "--reason", "x", f],
            "expected CODE:LINE",
        ),
        (
            vec!["--accept", "paragraph-gap:9", "--reason", "x", d],
            "one protocol file",
        ),
        (
            vec!["--accept", "paragraph-gap:9", "--reason", " ", f],
            "needs a reason",
        ),
        (vec!["--accept", "paragraph-gap:9", f], "--reason"),
    ] {
        let out = check_in(data.path(), &args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(says), "{args:?}: {err}");
    }
    assert!(
        !data.path().join("review.json").exists(),
        "nothing was saved"
    );
}

#[test]
fn every_command_exits_2_for_a_missing_path_and_search_1_for_no_hits() {
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("clean.txt"), CLEAN).unwrap();
    let d = dir.path().to_str().unwrap();
    let gone = dir.path().join("gone");
    let g = gone.to_str().unwrap();
    for args in [
        vec!["export", d, g],
        vec!["check", d, g],
        vec!["search", "Text", d, g],
        vec!["people", "Anna", d, g],
        vec![g],
    ] {
        let out = run(&args, data.path());
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(
            err.contains(g),
            "{args:?}: the message names the path: {err}"
        );
    }
    let hits = run(&["search", "Text", d], data.path());
    assert_eq!(hits.status.code(), Some(0));
    let none = run(&["search", "zyxxy", d], data.path());
    assert_eq!(none.status.code(), Some(1), "no hits, as grep");
    assert!(none.stdout.is_empty());
    let none = run(&["search", "--format", "json", "zyxxy", d], data.path());
    assert_eq!(none.status.code(), Some(1));
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(&none.stdout).unwrap()["hits"],
        serde_json::json!([])
    );
    for args in [vec!["export", d], vec!["people", d], vec!["check", d]] {
        assert_eq!(run(&args, data.path()).status.code(), Some(0), "{args:?}");
    }
}

#[test]
fn acceptances_persist_and_older_marks_files_still_load() {
    let data = tempfile::tempdir().unwrap();
    let store = Store {
        path: data.path().join("review.json"),
    };
    // A marks file from before acceptances existed.
    std::fs::write(
        &store.path,
        r#"{"version": 1, "protocols": {"/library/p.txt": {"content_hash": "x", "paragraphs": {"1": {"reviewed": true, "text_hash": "y"}}}}}"#,
    )
    .unwrap();
    let (mut marks, problem) = store.load();
    assert_eq!(problem, None);
    let m = meeting(GAP);
    let f = protokoll::review::check(&m, Lang::En).remove(0);
    assert!(!protokoll::review::is_accepted(&marks, &m, &f));
    assert!(marks.accept(&m, &f, "  avskilt  "));
    store.save(&marks).unwrap();
    let (loaded, _) = store.load();
    assert_eq!(
        loaded.acceptance(&m, &f).map(|a| a.reason.as_str()),
        Some("avskilt")
    );
    assert!(protokoll::review::is_accepted(&loaded, &m, &f));
    let mut settled = protokoll::review::check(&m, Lang::En);
    protokoll::review::settle(&mut settled, &loaded, &m);
    assert!(settled[0].accepted && settled[0].reason.as_deref() == Some("avskilt"));
    // An empty reason takes it back.
    let mut marks = loaded;
    assert!(!marks.accept(&m, &f, ""));
    assert!(!protokoll::review::is_accepted(&marks, &m, &f));
}
