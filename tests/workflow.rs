//! The secretary's review, start to finish, without a terminal: the meeting's page (`i`), the
//! findings walked with `>` `<` and followed into view, the § walked with `u` and marked with
//! `Space`, the marks in the agenda, line numbers (`#`), the editor (`e`) and the clipboard
//! (`y` `Y`) asked of the event loop, and the report that shows what is left.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use protokoll::lang::Lang;
use protokoll::review::marks::{State, Store};
use protokoll::tui::app::{App, Effect, Overlay, Pane};
use protokoll::tui::theme::Theme;
use protokoll::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// A draft with work in it: § 2 is missing (an error: § 1 names it), § 3 points at § 9,
/// which it lacks (a warning), on a line far down a long §.
fn draft() -> String {
    let mut long = String::new();
    for k in 1..=30 {
        long.push_str(&format!("Rad {k} i bakgrunden till ärendet om budgeten.\n"));
    }
    format!(
        "Protokoll styrelsen för Förbundet Test\n\nTid: 2024-03-01 09.00-12.00\n\nPlats: Kommunhuset\n\nNärvarande: Anna Ek (S), Mo, ordförande\nEva Lind (S), Mo\n\nJusterare: Eva Lind\n\n§ 1 Öppnande\n\nMötet öppnas och dagordningen fastställs, se § 2.\n\n§ 3 Budget\n\n{long}Se vidare § 9.\n\n§ 4 Avslutning\n\nMötet avslutas.\n"
    )
}

fn app(lang: Lang) -> (App, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("draft.txt");
    std::fs::write(&file, draft()).unwrap();
    let loaded = protokoll::library::load(&[file]);
    let mut a = App::new(loaded.library, loaded.diagnostics, lang);
    a.store = Some(Store {
        path: dir.path().join("review.json"),
    });
    (a, dir)
}

fn screen(a: &mut App, w: u16, h: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    let mut metrics = a.metrics.clone();
    terminal
        .draw(|f| metrics = view::draw(f, a, &Theme::plain()))
        .unwrap();
    a.metrics = metrics;
    if a.settle() {
        return screen(a, w, h);
    }
    terminal.backend().to_string()
}

fn key(a: &mut App, code: KeyCode) {
    if let Some(action) = protokoll::tui::key_action(a, KeyEvent::new(code, KeyModifiers::NONE)) {
        a.update(action);
    }
}

fn typed(a: &mut App, s: &str) {
    for c in s.chars() {
        key(a, KeyCode::Char(c));
    }
}

fn number(a: &App) -> u32 {
    a.paragraph().unwrap().number
}

#[test]
fn the_meeting_page_shows_header_officers_progress_and_findings() {
    let (mut a, _dir) = app(Lang::En);
    typed(&mut a, "i");
    assert_eq!(a.overlay, Some(Overlay::Meeting(0)));
    let s = screen(&mut a, 100, 40);
    for want in [
        "Kommunhuset",
        "2024-03-01 09:00–12:00",
        "Anna Ek",
        "Eva Lind",
        "0 of 3 § reviewed",
        "1 error · 1 warning",
        "paragraph-gap",
    ] {
        assert!(
            s.contains(want) || s.contains(&want.replace("paragraph-gap", "§ 2")),
            "{want} missing:\n{s}"
        );
    }
    // The header of the Alstad sample: justering and the notice.
    let loaded = protokoll::library::load_texts(protokoll::samples::SAMPLES);
    let mut b = App::new(loaded.library, loaded.diagnostics, Lang::Sv);
    typed(&mut b, "}}}}");
    assert_eq!(b.current().unwrap().id, "alstad-kf-2024-03-25");
    typed(&mut b, "i");
    insta::assert_snapshot!("meeting_page_swedish", screen(&mut b, 100, 40));
    // i, Esc and q close it.
    for close in [KeyCode::Char('i'), KeyCode::Esc, KeyCode::Char('q')] {
        key(&mut b, close);
        assert_eq!(b.overlay, None);
        assert!(!b.quit);
        typed(&mut b, "i");
    }
}

#[test]
fn findings_are_walked_across_paragraphs_and_each_is_shown_in_view() {
    let (mut a, _dir) = app(Lang::En);
    screen(&mut a, 80, 24);
    // In the order of the text: the missing § 2 (at § 3's heading), then "se § 9" far down § 3.
    typed(&mut a, ">");
    assert_eq!(number(&a), 3);
    assert!(
        a.message.as_deref().unwrap().starts_with("1/2 E"),
        "{:?}",
        a.message
    );
    typed(&mut a, ">");
    let s = screen(&mut a, 80, 24);
    let line = a.jump_line.unwrap();
    assert!(
        s.contains("Se vidare § 9."),
        "the finding is off screen:\n{s}"
    );
    assert!(a.body_scroll > 0);
    assert!(a.message.as_deref().unwrap().starts_with("2/2 W"));
    // The pane still scrolls: g goes to the top, and the heading is there.
    typed(&mut a, "g");
    assert_eq!(a.body_scroll, 0);
    let s = screen(&mut a, 80, 24);
    assert!(s.contains("§ 3  Budget"), "{s}");
    assert_eq!(a.jump_line, Some(line), "the finding's line stays marked");
    // Round to the first, with a word that it wrapped; < goes back.
    typed(&mut a, ">");
    assert!(a.message.as_deref().unwrap().starts_with("Wrapped · 1/2"));
    typed(&mut a, "<");
    assert!(a.message.as_deref().unwrap().contains("2/2"));
    // From the findings list, Enter shows the line in view too.
    typed(&mut a, "g[[!");
    key(&mut a, KeyCode::Down);
    key(&mut a, KeyCode::Enter);
    let s = screen(&mut a, 80, 24);
    assert_eq!((number(&a), a.focus), (3, Pane::Body));
    assert!(s.contains("Se vidare § 9."), "{s}");
}

#[test]
fn space_marks_and_moves_on_u_finds_what_is_left() {
    let (mut a, _dir) = app(Lang::En);
    let m = a.current().unwrap().clone();
    typed(&mut a, " ");
    assert_eq!(a.marks.state(&m, 1), State::Reviewed);
    assert_eq!(number(&a), 3);
    assert_eq!(
        a.message.as_deref(),
        Some("§ 1 reviewed → § 3 · 2 left to review")
    );
    typed(&mut a, "]");
    typed(&mut a, " ");
    assert_eq!(number(&a), 3, "round to the start for the one left");
    typed(&mut a, "u");
    assert_eq!(number(&a), 3);
    typed(&mut a, " ");
    assert_eq!(
        a.message.as_deref(),
        Some("§ 3 reviewed → 3 of 3 § reviewed")
    );
    // Space on a reviewed § unmarks it and stays.
    typed(&mut a, " ");
    assert_eq!((number(&a), a.marks.state(&m, 3)), (3, State::Unreviewed));
    assert_eq!(a.message.as_deref(), Some("§ 3 not reviewed"));
    typed(&mut a, "[[");
    typed(&mut a, "u");
    assert_eq!(number(&a), 3);
}

#[test]
fn the_agenda_marks_reviewed_stale_noted_flagged_and_hit_paragraphs() {
    let (mut a, dir) = app(Lang::En);
    typed(&mut a, " ");
    // § 3: a note; § 4: reviewed, then its text changes on disk.
    typed(&mut a, "a");
    typed(&mut a, "kolla budgeten");
    key(&mut a, KeyCode::Enter);
    typed(&mut a, "] ");
    let file = dir.path().join("draft.txt");
    let changed = draft().replace("Mötet avslutas.", "Mötet avslutas kl. 12.");
    std::fs::write(&file, changed).unwrap();
    let name = a.current().unwrap().source.clone();
    let path = std::path::PathBuf::from(&a.current().unwrap().path_key);
    a.apply_changes(vec![protokoll::library::Change::read(&path, name)]);
    typed(&mut a, "/budgeten");
    key(&mut a, KeyCode::Enter);
    key(&mut a, KeyCode::Esc);
    typed(&mut a, "/avslutas");
    key(&mut a, KeyCode::Enter);
    let s = screen(&mut a, 100, 30);
    insta::assert_snapshot!(s);
    let agenda: Vec<&str> = s.lines().filter(|l| l.contains("§ ")).collect();
    assert!(agenda.iter().any(|l| l.contains("│✓   § 1")), "{s}");
    assert!(agenda.iter().any(|l| l.contains("│ !✎ § 3")), "{s}");
    assert!(agenda.iter().any(|l| l.contains("│≈  •§ 4")), "{s}");
}

#[test]
fn line_numbers_on_demand() {
    let (mut a, _dir) = app(Lang::En);
    typed(&mut a, "]#");
    let s = screen(&mut a, 80, 24);
    insta::assert_snapshot!(s);
    let path = std::fs::read_to_string(&a.current().unwrap().path_key).unwrap();
    let heading = path.lines().position(|l| l == "§ 3 Budget").unwrap() + 1;
    assert!(s.contains(&format!("│{heading} § 3  Budget")), "{s}");
    typed(&mut a, "#");
    assert!(!screen(&mut a, 80, 24).contains(&format!("{heading} § 3")));
}

#[test]
fn e_asks_for_the_editor_at_the_line_and_y_for_the_clipboard() {
    let (mut a, _dir) = app(Lang::En);
    a.editor = "nvim".into();
    let m = a.current().unwrap().clone();
    typed(&mut a, "e");
    let Some(Effect::Edit { command, path, .. }) = a.effect.take() else {
        panic!("no editor asked for")
    };
    // At the § heading: "§ 1 Öppnande" is line 12 of the file.
    assert_eq!(m.paragraphs[0].line, 12);
    assert_eq!(command, ["nvim", "+12", &m.path_key]);
    assert_eq!(path.display().to_string(), m.path_key);
    // At a finding, the finding's line; VS Code gets -g FILE:LINE.
    a.editor = "code --wait".into();
    typed(&mut a, ">>");
    typed(&mut a, "e");
    let Some(Effect::Edit { command, .. }) = a.effect.take() else {
        panic!("no editor asked for")
    };
    let line = a.jump_line.unwrap();
    assert_eq!(
        command,
        ["code", "--wait", "-g", &format!("{}:{line}", m.path_key)]
    );
    // y: the reference and the text; Y: the reference only.
    typed(&mut a, "y");
    let Some(Effect::Copy(text)) = a.effect.take() else {
        panic!("nothing copied")
    };
    assert!(
        text.starts_with("Styrelsen § 3, 2024-03-01\nBudget\n\nRad 1 i bakgrunden"),
        "{text}"
    );
    assert!(text.ends_with("Se vidare § 9.\n"), "{text}");
    assert_eq!(
        a.message.as_deref(),
        Some("Copied: Styrelsen § 3, 2024-03-01")
    );
    typed(&mut a, "Y");
    assert_eq!(
        a.effect,
        Some(Effect::Copy("Styrelsen § 3, 2024-03-01".into()))
    );
    // A protocol held in memory (a bundled sample) is no file to edit: said, not run.
    let text = draft();
    let loaded = protokoll::library::load_texts(&[("nowhere/draft.txt", text.as_bytes())]);
    let mut b = App::new(loaded.library, loaded.diagnostics, Lang::En);
    typed(&mut b, "e");
    assert_eq!(b.effect, None);
    assert!(b.message.as_deref().unwrap().contains("not a file on disk"));
}

#[test]
fn the_report_lists_what_is_left_to_review() {
    let (mut a, dir) = app(Lang::En);
    typed(&mut a, " ");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_protokoll"))
        .env("PROTOKOLL_DATA_DIR", dir.path())
        .env("LANG", "C")
        .args([
            "check",
            "--format",
            "markdown",
            dir.path().join("draft.txt").to_str().unwrap(),
        ])
        .output()
        .unwrap();
    let md = String::from_utf8_lossy(&out.stdout);
    assert!(md.contains("§ reviewed: 1 / 3"), "{md}");
    assert!(
        md.contains("## § still to review (2)\n\n- § 3 Budget\n- § 4 Avslutning\n"),
        "{md}"
    );
    assert!(md.contains("## Findings (2)"), "{md}");
    assert!(
        md.contains("## Accepted findings (0)\n\nNo accepted findings."),
        "{md}"
    );
}

#[test]
fn a_finding_is_accepted_in_the_findings_list_with_a_reason() {
    let (mut a, dir) = app(Lang::En);
    typed(&mut a, "!");
    // Errors first: the missing § 2, which § 1 names.
    assert_eq!(a.findings_of_current()[0].code, "paragraph-gap");
    // `a` asks for the reason, under the list; Esc goes back to the list, accepting nothing.
    typed(&mut a, "a");
    assert!(matches!(a.overlay, Some(Overlay::Accept(0, _))));
    key(&mut a, KeyCode::Esc);
    assert_eq!(a.overlay, Some(Overlay::Findings(0)));
    assert!(!a.findings_of_current()[0].accepted);
    // An empty reason accepts nothing, and says why.
    typed(&mut a, "a");
    key(&mut a, KeyCode::Enter);
    assert!(!a.findings_of_current()[0].accepted);
    assert_eq!(
        a.message.as_deref(),
        Some("Write a reason to accept the finding")
    );
    typed(&mut a, "a§ 2 behandlades i ett slutet sammanträde");
    insta::assert_snapshot!("accept_reason_prompt", screen(&mut a, 100, 30));
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.overlay, Some(Overlay::Findings(0)));
    let f = a.findings_of_current()[0].clone();
    assert!(f.accepted, "{f:#?}");
    assert_eq!(
        f.reason.as_deref(),
        Some("§ 2 behandlades i ett slutet sammanträde")
    );
    assert_eq!(
        a.message.as_deref(),
        Some("paragraph-gap line 16 · accepted")
    );
    // Shown as accepted, with the reason and the lines it rests on.
    let s = screen(&mut a, 100, 30);
    insta::assert_snapshot!("findings_with_one_accepted", s);
    assert!(s.contains("paragraph-gap ✓ accepted"), "{s}");
    assert!(
        s.contains("✓ § 2 behandlades i ett slutet sammanträde"),
        "{s}"
    );
    assert!(
        s.contains("14 │ Mötet öppnas och dagordningen fastställs, se § 2."),
        "{s}"
    );
    // Kept with the review marks.
    let (saved, _) = Store {
        path: dir.path().join("review.json"),
    }
    .load();
    assert!(protokoll::review::is_accepted(
        &saved,
        a.current().unwrap(),
        &f
    ));
    // No longer counted: the meeting list has no error badge, > walks what is open.
    key(&mut a, KeyCode::Esc);
    let s = screen(&mut a, 100, 30);
    assert!(!s.contains("E1"), "{s}");
    assert!(s.contains("W1"), "{s}");
    typed(&mut a, ">");
    assert!(
        a.message.as_deref().unwrap().starts_with("1/1 W"),
        "{:?}",
        a.message
    );
    // `a` on an accepted finding shows its reason, selected; cleared, it takes it back.
    typed(&mut a, "!a");
    let Some(Overlay::Accept(0, edit)) = &a.overlay else {
        panic!("no reason prompt: {:?}", a.overlay)
    };
    assert_eq!(edit.text(), "§ 2 behandlades i ett slutet sammanträde");
    key(&mut a, KeyCode::Backspace);
    key(&mut a, KeyCode::Enter);
    assert!(!a.findings_of_current()[0].accepted);
    assert_eq!(
        a.message.as_deref(),
        Some("paragraph-gap line 16 · no longer accepted")
    );
}
