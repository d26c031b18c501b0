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
