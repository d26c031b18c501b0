//! Prompts and the note editor as a user types into them: a prompt opens empty or with its
//! last value selected (typing replaces it), `←` `→` `Home` `End` `Ctrl-U` `Ctrl-W` `Ctrl-K`
//! edit, `Esc` cancels without applying; a note is edited anywhere in it and wraps.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use protokoll::lang::Lang;
use protokoll::review::marks::Store;
use protokoll::tui::app::{App, Overlay};
use protokoll::tui::theme::Theme;
use protokoll::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn app() -> App {
    let loaded = protokoll::library::load_texts(protokoll::samples::SAMPLES);
    App::new(loaded.library, loaded.diagnostics, Lang::En)
}

fn press(a: &mut App, code: KeyCode, modifiers: KeyModifiers) {
    if let Some(action) = protokoll::tui::key_action(a, KeyEvent::new(code, modifiers)) {
        a.update(action);
    }
}

fn key(a: &mut App, code: KeyCode) {
    press(a, code, KeyModifiers::NONE);
}

fn ctrl(a: &mut App, c: char) {
    press(a, KeyCode::Char(c), KeyModifiers::CONTROL);
}

fn typed(a: &mut App, s: &str) {
    for c in s.chars() {
        key(a, KeyCode::Char(c));
    }
}

fn screen(a: &mut App, w: u16, h: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    let mut metrics = a.metrics.clone();
    terminal
        .draw(|f| metrics = view::draw(f, a, &Theme::plain()))
        .unwrap();
    a.metrics = metrics;
    terminal.backend().to_string()
}

fn query(a: &App) -> Option<&str> {
    a.search.as_ref().map(|s| s.query.as_str())
}

#[test]
fn the_search_prompt_edits_like_a_shell_line() {
    let mut a = app();
    typed(&mut a, "/budget förslag");
    // Ctrl-W removes the last word, Ctrl-U everything before the cursor.
    ctrl(&mut a, 'w');
    typed(&mut a, "ram");
    key(&mut a, KeyCode::Enter);
    assert_eq!(query(&a), Some("budget ram"));
    // Reopened, the last query is selected: a cursor key keeps it for editing.
    typed(&mut a, "/");
    key(&mut a, KeyCode::Home);
    typed(&mut a, "\"");
    key(&mut a, KeyCode::End);
    typed(&mut a, "\"");
    key(&mut a, KeyCode::Left);
    key(&mut a, KeyCode::Left);
    key(&mut a, KeyCode::Backspace);
    typed(&mut a, "u");
    key(&mut a, KeyCode::Enter);
    assert_eq!(query(&a), Some("\"budget rum\""));
    typed(&mut a, "/x");
    ctrl(&mut a, 'u');
    typed(&mut a, "justerare");
    key(&mut a, KeyCode::Enter);
    assert_eq!(query(&a), Some("justerare"));
}

#[test]
fn escape_cancels_a_prompt_without_applying_it() {
    let mut a = app();
    typed(&mut a, "/justerare");
    key(&mut a, KeyCode::Enter);
    typed(&mut a, "/budget");
    key(&mut a, KeyCode::Esc);
    assert_eq!(a.overlay, None);
    assert_eq!(query(&a), Some("justerare"));
    // The filter applies as it is typed, and Esc puts back the filter it found.
    typed(&mut a, "f2024");
    key(&mut a, KeyCode::Enter);
    let filtered = a.order.len();
    typed(&mut a, "f2011");
    assert_eq!(a.order.len(), 1);
    key(&mut a, KeyCode::Esc);
    assert_eq!((a.filter.as_str(), a.order.len()), ("2024", filtered));
}

#[test]
fn a_prompt_shows_its_cursor_where_it_is() {
    let mut a = app();
    typed(&mut a, "/utjämning");
    key(&mut a, KeyCode::Left);
    key(&mut a, KeyCode::Left);
    let s = screen(&mut a, 80, 24);
    assert!(s.contains(" /utjämni▏ng"), "{s}");
}

#[test]
fn the_note_editor_edits_anywhere_and_wraps_a_long_note() {
    let data = tempfile::tempdir().unwrap();
    let mut a = app();
    a.store = Some(Store {
        path: data.path().join("review.json"),
    });
    typed(&mut a, "a");
    typed(&mut a, "kolla datum");
    key(&mut a, KeyCode::Home);
    typed(&mut a, "Sekreteraren ska ");
    key(&mut a, KeyCode::End);
    typed(
        &mut a,
        " i beslutet mot kallelsen, protokollet från föregående möte och anslaget på webben",
    );
    let Some(Overlay::Note(edit)) = &a.overlay else {
        panic!("the note editor closed")
    };
    assert!(
        edit.text()
            .starts_with("Sekreteraren ska kolla datum i beslutet")
    );
    // At 80 columns the whole note shows, wrapped, its end and the cursor included.
    let s = screen(&mut a, 80, 24);
    insta::assert_snapshot!(s);
    assert!(s.contains("webben▏"), "{s}");
    key(&mut a, KeyCode::Enter);
    let m = a.current().unwrap().clone();
    let number = a.paragraph().unwrap().number;
    assert!(
        a.marks
            .note(&m, number)
            .unwrap()
            .ends_with("anslaget på webben")
    );
    // Reopened, the note is there to edit (not selected: typing adds to it).
    typed(&mut a, "a");
    ctrl(&mut a, 'w');
    typed(&mut a, "nätet");
    key(&mut a, KeyCode::Enter);
    assert!(a.marks.note(&m, number).unwrap().ends_with("på nätet"));
}
