//! The terminal UI without a terminal: actions in, state out; and snapshots of every pane and
//! overlay drawn on ratatui's `TestBackend` at 80×24 and 160×48 over the bundled samples.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use protokoll::lang::Lang;
use protokoll::tui::app::{Action, App, Overlay, Pane};
use protokoll::tui::theme::Theme;
use protokoll::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn app(lang: Lang) -> App {
    let loaded = protokoll::library::load_texts(protokoll::samples::SAMPLES);
    App::new(loaded.library, loaded.diagnostics, lang)
}

/// Draws the app and returns the screen as text; the app learns the geometry as in the real loop.
fn screen(app: &mut App, w: u16, h: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    let mut metrics = app.metrics.clone();
    terminal
        .draw(|f| metrics = view::draw(f, app, &Theme::plain()))
        .unwrap();
    app.metrics = metrics;
    // As the event loop does: a line asked for is brought into view, and drawn again.
    if app.settle() {
        return screen(app, w, h);
    }
    terminal.backend().to_string()
}

fn key(app: &mut App, code: KeyCode) {
    let ev = KeyEvent::new(code, KeyModifiers::NONE);
    if let Some(a) = protokoll::tui::key_action(app, ev) {
        app.update(a);
    }
}

fn typed(app: &mut App, s: &str) {
    for c in s.chars() {
        key(app, KeyCode::Char(c));
    }
}

#[test]
fn meetings_are_newest_first() {
    let a = app(Lang::En);
    let dates: Vec<&str> = a
        .order
        .iter()
        .map(|&i| a.library.meetings[i].date.as_deref().unwrap())
        .collect();
    assert_eq!(
        dates,
        [
            "2025-03-14",
            "2024-11-04",
            "2024-06-10",
            "2024-05-06",
            "2024-03-25",
            "2024-02-12",
            "2023-11-24",
            "2021-03-12",
            "2011-05-19"
        ]
    );
    assert_eq!(a.current().unwrap().id, "kfsb-styrelse-2025-03-14");
    assert_eq!(a.focus, Pane::Meetings);
}

#[test]
fn goto_jumps_to_a_paragraph_in_the_body() {
    let mut a = app(Lang::En);
    key(&mut a, KeyCode::Down);
    key(&mut a, KeyCode::Down);
    assert_eq!(a.current().unwrap().id, "kfsb-styrelse-2024-06-10");
    typed(&mut a, ":31");
    assert!(matches!(&a.overlay, Some(Overlay::Goto(e)) if e.text() == "31"));
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.overlay, None);
    assert_eq!(a.paragraph().unwrap().number, 31);
    assert_eq!(a.focus, Pane::Body);
    typed(&mut a, ":99");
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.paragraph().unwrap().number, 31);
    assert!(a.message.as_deref().unwrap().contains("§ 99"));
    typed(&mut a, ":2x");
    key(&mut a, KeyCode::Backspace);
    key(&mut a, KeyCode::Esc);
    assert_eq!(
        (a.overlay.clone(), a.paragraph().unwrap().number),
        (None, 31)
    );
}

#[test]
fn brackets_walk_paragraphs_and_braces_walk_meetings_without_moving_focus() {
    let mut a = app(Lang::En);
    a.update(Action::NextPane);
    a.update(Action::NextPane);
    assert_eq!(a.focus, Pane::Body);
    let first = a.paragraph().unwrap().number;
    typed(&mut a, "]]");
    assert_eq!(a.paragraph().unwrap().number, first + 2);
    typed(&mut a, "[");
    assert_eq!(a.paragraph().unwrap().number, first + 1);
    typed(&mut a, "}");
    assert_eq!(a.current().unwrap().id, "kfsb-samverkan-2024-11-04");
    assert_eq!(a.para, 0);
    typed(&mut a, "{{{{");
    assert_eq!(a.meeting, 0);
    assert_eq!(a.focus, Pane::Body);
    typed(&mut a, "G");
    assert!(a.body_scroll == 0 || a.metrics.body_lines > 0);
}

#[test]
fn enter_opens_and_tab_cycles_panes() {
    let mut a = app(Lang::En);
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.focus, Pane::Agenda);
    key(&mut a, KeyCode::Char('j'));
    assert_eq!(a.para, 1);
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.focus, Pane::Body);
    key(&mut a, KeyCode::Tab);
    assert_eq!(a.focus, Pane::Roster);
    key(&mut a, KeyCode::Tab);
    assert_eq!(a.focus, Pane::Meetings);
    key(&mut a, KeyCode::BackTab);
    assert_eq!(a.focus, Pane::Roster);
    key(&mut a, KeyCode::Char('G'));
    key(&mut a, KeyCode::Char('q'));
    assert!(a.quit);
}

#[test]
fn the_roster_folds_below_120_columns() {
    let mut a = app(Lang::En);
    screen(&mut a, 100, 30);
    assert!(!a.visible_panes().contains(&Pane::Roster));
    assert!(a.metrics.roster.is_none());
    a.update(Action::ToggleRoster);
    screen(&mut a, 100, 30);
    assert!(a.metrics.roster.is_some());
    a.update(Action::ToggleRoster);
    screen(&mut a, 130, 30);
    assert!(a.metrics.roster.is_some());
}

#[test]
fn mouse_focuses_and_selects() {
    let mut a = app(Lang::En);
    screen(&mut a, 160, 48);
    let agenda = a.metrics.agenda.unwrap();
    a.update(Action::Click(agenda.x + 3, agenda.y + 3));
    assert_eq!((a.focus, a.para), (Pane::Agenda, 2));
    let meetings = a.metrics.meetings.unwrap();
    a.update(Action::Click(meetings.x + 3, meetings.y + 2));
    assert_eq!((a.focus, a.meeting, a.para), (Pane::Meetings, 1, 0));
    let body = a.metrics.body.unwrap();
    screen(&mut a, 160, 48);
    a.update(Action::Wheel(true, body.x + 5, body.y + 5));
    assert_eq!(a.focus, Pane::Body);
    assert_eq!(a.body_scroll, 3);
    a.update(Action::Wheel(false, body.x + 5, body.y + 5));
    assert_eq!(a.body_scroll, 0);
}

#[test]
fn escape_sequences_in_protocols_are_drawn_as_text() {
    let text = "Protokoll\n\nPlats: Rum\n\n§ 1 Titel\x1b]52;c;cHduZWQ=\x07 här\n\nText \x1b[2J mer\u{9b}31m.\n";
    let loaded = protokoll::library::load_texts(&[("evil.txt", text.as_bytes())]);
    let mut a = App::new(loaded.library, loaded.diagnostics, Lang::En);
    let s = screen(&mut a, 120, 20);
    assert!(s.contains("§ 1  Titel här"), "{s}");
    assert!(s.contains("Text  mer31m."), "{s}");
    assert!(!s.contains("52;") && !s.contains('\x1b'));
}

#[test]
fn styles_mark_focus_and_decisions() {
    let mut a = app(Lang::En);
    let mut terminal = Terminal::new(TestBackend::new(160, 48)).unwrap();
    terminal
        .draw(|f| a.metrics = view::draw(f, &a, &Theme::colour()))
        .unwrap();
    let buf = terminal.backend().buffer().clone();
    let body = a.metrics.body.unwrap();
    // The decision bar is drawn in the decision colour.
    let bar = (body.y..body.y + body.height)
        .find(|&y| buf[(body.x + 1, y)].symbol() == "┃")
        .expect("a decision block");
    assert_eq!(
        buf[(body.x + 1, bar)].fg,
        Theme::colour().decision_border.fg.unwrap()
    );
    // The focused pane's border is in the focus colour.
    let m = a.metrics.meetings.unwrap();
    assert_eq!(buf[(m.x, m.y)].fg, Theme::colour().border_focus.fg.unwrap());
}

#[test]
fn snapshot_wide_all_panes() {
    let mut a = app(Lang::En);
    insta::assert_snapshot!(screen(&mut a, 160, 48));
}

#[test]
fn snapshot_wide_body_scrolled_swedish() {
    let mut a = app(Lang::Sv);
    screen(&mut a, 160, 48);
    typed(&mut a, "jj:31");
    key(&mut a, KeyCode::Enter);
    insta::assert_snapshot!(screen(&mut a, 160, 48));
}

#[test]
fn snapshot_medium_roster_folded() {
    let mut a = app(Lang::En);
    insta::assert_snapshot!(screen(&mut a, 80, 24));
}

#[test]
fn snapshot_medium_roster_open() {
    let mut a = app(Lang::En);
    a.update(Action::ToggleRoster);
    insta::assert_snapshot!(screen(&mut a, 119, 24));
}

#[test]
fn snapshot_narrow_one_pane_with_tabs() {
    let mut a = app(Lang::Sv);
    screen(&mut a, 70, 24);
    key(&mut a, KeyCode::Tab);
    key(&mut a, KeyCode::Tab);
    insta::assert_snapshot!(screen(&mut a, 70, 24));
    key(&mut a, KeyCode::Tab);
    insta::assert_snapshot!("narrow_roster", screen(&mut a, 70, 24));
}

#[test]
fn snapshot_help_overlay() {
    let mut a = app(Lang::En);
    typed(&mut a, "?");
    insta::assert_snapshot!(screen(&mut a, 80, 24));
    let mut a = app(Lang::Sv);
    typed(&mut a, "?");
    insta::assert_snapshot!("help_swedish_160", screen(&mut a, 160, 48));
}

#[test]
fn snapshot_goto_prompt_and_messages() {
    let loaded = protokoll::library::load(&[
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("assets/kfsb-styrelse-2021-03-12.txt"),
        std::path::PathBuf::from("/nonexistent/protokoll.txt"),
    ]);
    let mut a = App::new(loaded.library, loaded.diagnostics, Lang::En);
    typed(&mut a, ":1");
    insta::assert_snapshot!(screen(&mut a, 80, 24));
    key(&mut a, KeyCode::Esc);
    typed(&mut a, "m");
    insta::assert_snapshot!("messages_overlay", screen(&mut a, 80, 24));
}

#[test]
fn snapshot_loading_gauge() {
    let mut a = App::new(protokoll::model::Library::default(), Vec::new(), Lang::En);
    a.loading = Some(protokoll::tui::app::LoadState {
        done: 250,
        total: 1000,
        current: "/data/protokoll/ks/kfsb-styrelse-2024-06-10.txt".into(),
    });
    insta::assert_snapshot!(screen(&mut a, 80, 24));
}

#[test]
fn finder_opens_a_person_and_follows_an_appearance_to_its_paragraph() {
    let mut a = app(Lang::En);
    typed(&mut a, "@");
    assert!(matches!(a.overlay, Some(Overlay::Finder(_))));
    typed(&mut a, "ÅNGSTR");
    let Some(Overlay::Finder(f)) = &a.overlay else {
        panic!("finder closed")
    };
    assert_eq!(a.people.people[f.hits[0].person].name, "Kjell Ångström");
    key(&mut a, KeyCode::Enter);
    let Some(Overlay::Person(page)) = &a.overlay else {
        panic!("no person page")
    };
    let person = &a.people.people[page.person];
    assert_eq!(person.name, "Kjell Ångström");
    // Walk to an appearance in a §, and open it.
    let target = person
        .appearances
        .iter()
        .position(|x| x.paragraph.is_some())
        .expect("a § appearance");
    let want = person.appearances[target].clone();
    for _ in 0..person.appearances.len() {
        let Some(Overlay::Person(page)) = &a.overlay else {
            break;
        };
        if page.appearance(&a.people.people[page.person]) == Some(&want) {
            break;
        }
        key(&mut a, KeyCode::Down);
    }
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.overlay, None);
    assert_eq!(a.current().unwrap().id, want.meeting);
    assert_eq!(a.paragraph().unwrap().number, want.paragraph.unwrap());
    assert_eq!(a.focus, Pane::Body);
    assert!(a.highlight.contains(&"Kjell Ångström".to_owned()));
}

#[test]
fn escape_from_a_person_page_returns_to_the_finder_and_then_closes() {
    let mut a = app(Lang::En);
    typed(&mut a, "@öhrn");
    key(&mut a, KeyCode::Enter);
    assert!(matches!(a.overlay, Some(Overlay::Person(_))));
    key(&mut a, KeyCode::Esc);
    let Some(Overlay::Finder(f)) = &a.overlay else {
        panic!("not back in the finder")
    };
    assert_eq!(f.query.text(), "öhrn");
    key(&mut a, KeyCode::Esc);
    assert_eq!(a.overlay, None);
}

#[test]
fn enter_on_a_roster_row_opens_that_persons_page() {
    let mut a = app(Lang::En);
    a.update(Action::PrevPane);
    assert_eq!(a.focus, Pane::Roster);
    key(&mut a, KeyCode::Down);
    key(&mut a, KeyCode::Enter);
    let Some(Overlay::Person(page)) = &a.overlay else {
        panic!("no person page")
    };
    let m = a.current().unwrap();
    let k = protokoll::tui::app::roster_order(m)[1];
    assert_eq!(
        protokoll::fold::key(&a.people.people[page.person].name),
        protokoll::fold::key(&m.attendees[k].name)
    );
}

#[test]
fn snapshot_finder_and_person_page() {
    let mut a = app(Lang::En);
    typed(&mut a, "@lind");
    insta::assert_snapshot!("finder_160", screen(&mut a, 160, 48));
    insta::assert_snapshot!("finder_80", screen(&mut a, 80, 24));
    key(&mut a, KeyCode::Enter);
    insta::assert_snapshot!("person_page_160", screen(&mut a, 160, 48));
    insta::assert_snapshot!("person_page_80", screen(&mut a, 80, 24));
}

#[test]
fn help_lists_every_key_of_the_table() {
    let mut a = app(Lang::En);
    typed(&mut a, "?");
    let wide = screen(&mut a, 160, 48);
    for b in protokoll::tui::keys::BINDINGS {
        assert!(wide.contains(b.label), "{} missing from help", b.label);
    }
    // At 80×24 the help scrolls to show the rest: j walks, G goes to the end, g back.
    let small = screen(&mut a, 80, 24);
    let last = protokoll::tui::keys::BINDINGS.last().unwrap().label;
    assert!(!small.contains(&format!("  {last}")));
    for _ in 0..30 {
        key(&mut a, KeyCode::Char('j'));
    }
    let scrolled = screen(&mut a, 80, 24);
    assert!(scrolled.contains(&format!("  {last}")), "{scrolled}");
    key(&mut a, KeyCode::Char('G'));
    let end = screen(&mut a, 80, 24);
    assert!(end.contains("check --format markdown"), "{end}");
    key(&mut a, KeyCode::Char('g'));
    assert!(screen(&mut a, 80, 24).contains("  Tab"));
}

#[test]
fn help_legend_names_every_mark_and_the_report() {
    for lang in [Lang::En, Lang::Sv] {
        let mut a = app(lang);
        typed(&mut a, "?");
        let help = screen(&mut a, 160, 60);
        for mark in ["✓", "≈", "!", "•", "✎", "⚖2", "▶"] {
            assert!(help.contains(mark), "{mark} missing from the {lang:?} help");
        }
        assert!(
            help.contains(if lang == Lang::En { "W1" } else { "V1" }),
            "{help}"
        );
        assert!(help.contains("protokoll check --format markdown"), "{help}");
        assert!(help.contains(if lang == Lang::En { "Mouse" } else { "Mus" }));
    }
}

#[test]
fn q_escape_and_question_mark_close_the_help_not_the_program() {
    let mut a = app(Lang::En);
    for close in [KeyCode::Char('q'), KeyCode::Esc, KeyCode::Char('?')] {
        typed(&mut a, "?");
        assert!(matches!(a.overlay, Some(Overlay::Help(_))));
        key(&mut a, close);
        assert_eq!(a.overlay, None, "{close:?}");
        assert!(!a.quit, "{close:?} quit the program from the help");
    }
}

#[test]
fn swedish_help_is_whole_at_120_columns() {
    let mut a = app(Lang::Sv);
    typed(&mut a, "?");
    let mut help = screen(&mut a, 120, 40);
    // One column that scrolls: every description whole, none cut with "…".
    for _ in 0..3 {
        for b in protokoll::tui::keys::BINDINGS {
            let text = b.help.0;
            if help.contains(&format!("  {:<11}", b.label)) {
                let flat = help.split_whitespace().collect::<Vec<_>>().join(" ");
                assert!(flat.contains(text), "{text} cut at 120 columns:\n{help}");
            }
        }
        key(&mut a, KeyCode::PageDown);
        help = screen(&mut a, 120, 40);
    }
}

/// The loader makes what the UI would otherwise make on its own thread: every meeting's
/// findings and the search index, and the library's order and ids; the meetings reach the UI
/// once, as they are read, and end in the same order with the same ids as a plain load.
#[test]
fn what_the_loader_prepares_is_what_the_ui_would_make() {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in protokoll::samples::SAMPLES {
        let file = dir
            .path()
            .join(std::path::Path::new(name).file_name().unwrap());
        std::fs::write(file, bytes).unwrap();
    }
    // Two files with one stem: ids made unique as a plain load makes them.
    std::fs::create_dir(dir.path().join("kopia")).unwrap();
    std::fs::write(
        dir.path().join("kopia/kfsb-styrelse-2021-03-12.txt"),
        protokoll::samples::SAMPLES[0].1,
    )
    .unwrap();
    let plain = protokoll::library::load(&[dir.path().to_owned()]).library;
    let progress = protokoll::library::Progress {
        partial: Some(protokoll::library::Partial::new(Lang::En)),
        ..Default::default()
    };
    let (loaded, _) = protokoll::library::load_checked(&[dir.path().to_owned()], &progress);
    assert!(
        loaded.library.meetings.is_empty(),
        "the meetings went to the UI"
    );
    let prepared = loaded.prepared.as_ref().expect("prepared for a UI");
    let order: Vec<(String, String)> = plain
        .meetings
        .iter()
        .map(|m| (m.path_key.clone(), m.id.clone()))
        .collect();
    assert_eq!(prepared.order, order);
    let sent = progress.partial.unwrap().meetings.into_inner().unwrap();
    assert_eq!(sent.len(), plain.meetings.len());
    let mut a = App::new(protokoll::model::Library::default(), Vec::new(), Lang::En);
    a.add_reviewed(sent, protokoll::tui::app::LoadState::default());
    a.set_loaded(loaded);
    assert_eq!(a.library.meetings, plain.meetings);
    for (i, m) in plain.meetings.iter().enumerate() {
        let mut expected = protokoll::tui::app::sorted_findings(m, Lang::En);
        protokoll::review::settle(
            &mut expected,
            &protokoll::review::marks::Marks::default(),
            m,
        );
        assert_eq!(a.findings[i], expected, "{}", m.id);
    }
    let whole = protokoll::search::Index::new(&plain);
    for q in ["beslut", "utjamning", "\"styrelsen beslutar\"", "justerare"] {
        a.run_search(q);
        assert_eq!(
            a.search.as_ref().map(|s| s.hits.clone()),
            Some(whole.search(&plain.meetings, q)),
            "{q}"
        );
    }
}
