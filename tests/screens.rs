//! What the screen says in the cases the first users met: empty lists, findings by severity,
//! counts in the singular and plural, the library while it loads, narrow terminals and the
//! status line. `TestBackend` screens, with the theme's colours where colour is the point.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use protokoll::lang::Lang;
use protokoll::review::Severity;
use protokoll::tui::app::{Action, App, LoadState, Overlay, Pane};
use protokoll::tui::theme::Theme;
use protokoll::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

fn samples(lang: Lang) -> App {
    let loaded = protokoll::library::load_texts(protokoll::samples::SAMPLES);
    App::new(loaded.library, loaded.diagnostics, lang)
}

fn texts(texts: &[(&str, &str)], lang: Lang) -> App {
    let bytes: Vec<(&str, &[u8])> = texts.iter().map(|(n, t)| (*n, t.as_bytes())).collect();
    let loaded = protokoll::library::load_texts(&bytes);
    App::new(loaded.library, loaded.diagnostics, lang)
}

fn draw(a: &mut App, w: u16, h: u16, theme: &Theme) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    let mut metrics = a.metrics.clone();
    terminal
        .draw(|f| metrics = view::draw(f, a, theme))
        .unwrap();
    a.metrics = metrics;
    if a.settle() {
        return draw(a, w, h, theme);
    }
    terminal.backend().buffer().clone()
}

fn screen(a: &mut App, w: u16, h: u16) -> String {
    let buf = draw(a, w, h, &Theme::plain());
    (0..buf.area.height)
        .map(|y| row(&buf, y))
        .collect::<Vec<_>>()
        .join("\n")
}

fn row(buf: &Buffer, y: u16) -> String {
    (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect()
}

/// Where `needle` starts on screen, in cells.
fn find(buf: &Buffer, needle: &str) -> Option<(u16, u16)> {
    (0..buf.area.height).find_map(|y| {
        let r = row(buf, y);
        r.find(needle).map(|b| (r[..b].chars().count() as u16, y))
    })
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

/// The text of the pane whose left border is at column `x` and right border at `x + w + 1`,
/// its rows joined with spaces (so a wrapped message reads as one).
fn pane(s: &str, x: usize, w: usize) -> String {
    s.lines()
        .map(|l| l.chars().skip(x + 1).take(w).collect::<String>())
        .collect::<Vec<_>>()
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn status(s: &str) -> &str {
    s.lines().last().unwrap_or("")
}

/// § 2 is missing (an error) and the declared range says 1–4 (a warning); nobody signed (info).
const FLAWED: &str = "Protokoll styrelsen för Förbundet Test\n\nTid: 2024-03-01 09.00-12.00\n\nParagrafer 1-4\n\nNärvarande: Anna Ek, Mo\n\n§ 1 Ett\n\nText, se § 2.\n\n§ 3 Tre\n\nText.\n\nJusteras\n\n..........................\nOrdförande\n";

#[test]
fn a_filter_that_matches_nothing_says_so_and_escape_clears_it() {
    let mut a = samples(Lang::En);
    typed(&mut a, "fkfx");
    let s = screen(&mut a, 120, 30);
    assert!(
        pane(&s, 0, 38).contains("No meeting matches “kfx” — Esc clears the filter"),
        "{s}"
    );
    assert!(!s.contains("No protocols loaded"), "{s}");
    assert!(!s.contains("This protocol has no §"), "{s}");
    key(&mut a, KeyCode::Enter);
    key(&mut a, KeyCode::Esc);
    assert_eq!((a.filter.as_str(), a.order.len()), ("", 9));
}

#[test]
fn an_empty_folder_and_a_missing_path_say_what_is_true() {
    let empty = tempfile::tempdir().unwrap();
    let missing = std::path::PathBuf::from("/nonexistent/protokoll-x");
    let paths = vec![empty.path().to_owned(), missing.clone()];
    let loaded = protokoll::library::load(&paths);
    let mut a = App::new(loaded.library, loaded.diagnostics, Lang::En);
    a.sources = paths;
    let s = screen(&mut a, 120, 30);
    let flat = pane(&s, 0, 38);
    assert!(flat.contains("holds no protocols"), "{s}");
    assert!(
        flat.contains("/nonexistent/protokoll-x does not exist"),
        "{s}"
    );
    assert!(!s.contains("No protocols loaded"), "{s}");
    assert!(!s.contains("This protocol has no §"), "{s}");
    assert!(!status(&s).contains("skipped"), "{}", status(&s));
    assert!(
        status(&s).contains("2 messages — press m"),
        "{}",
        status(&s)
    );
}

#[test]
fn findings_list_errors_first_in_their_own_colour_and_letter() {
    // A clean, newer meeting is selected; the flawed one is listed under it.
    let clean = FLAWED
        .replace("2024-03-01", "2024-04-01")
        .replace("§ 3 Tre", "§ 2 Två")
        .replace("Paragrafer 1-4", "Paragrafer 1-2");
    let mut a = texts(&[("flawed.txt", FLAWED), ("clean.txt", &clean)], Lang::En);
    key(&mut a, KeyCode::Down);
    key(&mut a, KeyCode::Tab);
    let severities: Vec<Severity> = a.findings_of_current().iter().map(|f| f.severity).collect();
    assert!(severities.len() >= 2, "{severities:?}");
    assert!(
        severities.windows(2).all(|w| w[0] >= w[1]),
        "not errors first: {severities:?}"
    );
    assert_eq!(severities[0], Severity::Error);
    let colour = Theme::colour();
    // The badges of the meeting list: E in the error colour, W in the warning colour.
    key(&mut a, KeyCode::BackTab);
    key(&mut a, KeyCode::Up);
    let buf = draw(&mut a, 160, 30, &colour);
    let (x, y) = find(&buf, "E1").expect("an error badge");
    assert_eq!(buf[(x, y)].fg, colour.error.fg.unwrap());
    let (x, y) = find(&buf, "W1").expect("a warning badge");
    assert_eq!(buf[(x, y)].fg, colour.warning.fg.unwrap());
    assert_ne!(colour.error.fg, colour.warning.fg);
    // The list: an error row, then a warning row, each with its letter and colour.
    key(&mut a, KeyCode::Down);
    typed(&mut a, "!");
    let buf = draw(&mut a, 160, 30, &colour);
    let (x, y) = find(&buf, "W warning").expect("a warning row");
    assert_eq!(buf[(x, y)].fg, colour.warning.fg.unwrap());
    let (_, first) = find(&buf, "E error").expect("an error row");
    assert!(first < y, "the error is not listed first");
    // Without colour the letters still tell them apart.
    let s = screen(&mut a, 160, 30);
    assert!(s.contains("E error") && s.contains("W warning"), "{s}");
}

#[test]
fn counts_are_singular_and_plural_in_both_languages() {
    let one = |lang| texts(&[("flawed.txt", FLAWED)], lang);
    let s = screen(&mut one(Lang::En), 120, 30);
    assert!(status(&s).contains(" 1 meeting ·"), "{}", status(&s));
    let s = screen(&mut one(Lang::Sv), 120, 30);
    assert!(status(&s).contains(" 1 möte ·"), "{}", status(&s));
    let s = screen(&mut samples(Lang::Sv), 120, 30);
    assert!(status(&s).contains(" 9 möten ·"), "{}", status(&s));
    let s = screen(&mut samples(Lang::En), 120, 30);
    assert!(status(&s).contains(" 9 meetings ·"), "{}", status(&s));
}

#[test]
fn the_panes_show_what_has_loaded_while_the_rest_loads() {
    let loaded = protokoll::library::load_texts(protokoll::samples::SAMPLES);
    let mut a = App::new(protokoll::model::Library::default(), Vec::new(), Lang::En);
    a.loading = Some(LoadState::default());
    // The person finder is open while loading, with a query.
    typed(&mut a, "@ångström");
    let Some(Overlay::Finder(f)) = &a.overlay else {
        panic!("no finder")
    };
    assert!(f.hits.is_empty());
    let (first, rest) = loaded.library.meetings.split_at(3);
    a.add_loaded(
        first.to_vec(),
        LoadState {
            done: 3,
            total: 9,
            current: "assets/kfsb-styrelse-2024-06-10.txt".into(),
        },
    );
    key(&mut a, KeyCode::Esc);
    let s = screen(&mut a, 80, 24);
    insta::assert_snapshot!(s);
    assert!(s.contains("Meetings 3"), "{s}");
    assert!(s.contains("3 / 9"), "{s}");
    // The reader moves in what has loaded.
    key(&mut a, KeyCode::Down);
    assert_eq!(a.meeting, 1);
    let at = a.current().unwrap().id.clone();
    typed(&mut a, "@ångström");
    a.add_loaded(rest.to_vec(), LoadState::default());
    // Loading ends: the reader keeps their meeting and the open finder runs again.
    a.set_library(loaded.library.clone(), Vec::new());
    assert_eq!(a.current().unwrap().id, at);
    assert_eq!(a.loading, None);
    let Some(Overlay::Finder(f)) = &a.overlay else {
        panic!("the finder closed when loading ended")
    };
    assert_eq!(a.people.people[f.hits[0].person].name, "Kjell Ångström");
}

#[test]
fn the_roster_at_80_columns_leaves_the_paragraph_room() {
    let mut a = samples(Lang::En);
    screen(&mut a, 80, 24);
    a.update(Action::ToggleRoster);
    let s = screen(&mut a, 80, 24);
    let body = a.metrics.body.unwrap();
    assert!(body.width >= 40, "paragraph pane {} wide:\n{s}", body.width);
    assert!(a.metrics.roster.is_some(), "{s}");
    assert!(a.visible_panes().contains(&Pane::Roster));
    a.update(Action::ToggleRoster);
    screen(&mut a, 80, 24);
    assert!(a.metrics.meetings.is_some() && a.metrics.roster.is_none());
}

#[test]
fn the_status_line_shows_one_message_whole_beside_the_place() {
    let mut a = samples(Lang::En);
    a.message = Some("Folder changed, read again: 3 files".into());
    let s = screen(&mut a, 80, 24);
    let line = status(&s);
    assert!(
        line.contains("Folder changed, read again: 3 files"),
        "{line}"
    );
    assert!(line.starts_with(" protokoll"), "{line}");
    // With a message the count of load messages waits its turn.
    a.diagnostics.push(protokoll::model::Diagnostic {
        path: "x.txt".into(),
        line: 1,
        message: "cannot read".into(),
    });
    let s = screen(&mut a, 80, 24);
    assert!(!status(&s).contains("press m"), "{}", status(&s));
    a.message = None;
    let s = screen(&mut a, 80, 24);
    assert!(status(&s).contains("1 message — press m"), "{}", status(&s));
}

#[test]
fn the_newest_meeting_stays_selected_as_meetings_arrive_until_the_reader_moves() {
    let loaded = protokoll::library::load_texts(protokoll::samples::SAMPLES);
    let mut by_age = loaded.library.meetings.clone();
    by_age.sort_by(|a, b| a.date.cmp(&b.date));
    let mut a = App::new(protokoll::model::Library::default(), Vec::new(), Lang::En);
    a.loading = Some(LoadState::default());
    for m in &by_age[..4] {
        a.add_loaded(vec![m.clone()], LoadState::default());
        assert_eq!(a.meeting, 0);
        assert_eq!(a.current().unwrap().id, m.id, "the newest is not selected");
    }
    key(&mut a, KeyCode::Down);
    let chosen = a.current().unwrap().id.clone();
    a.add_loaded(by_age[4..].to_vec(), LoadState::default());
    assert_eq!(a.current().unwrap().id, chosen);
}

/// A protocol that numbers its items without § is shown as it writes them: "2." in the agenda
/// and the paragraph pane, never "§ 2".
#[test]
fn numbered_items_are_shown_as_the_document_numbers_them() {
    let text = "Protokoll fört vid styrelsemöte 2024-03-05\n\n1. Mötets öppnande\nOrdföranden öppnade mötet.\n\n2. Val av justerare\nAnna Berg valdes till justerare.\n\n3. Avslutning\nMötet avslutades.\n";
    let mut a = texts(&[("styrelse-2024-03-05.txt", text)], Lang::En);
    let s = screen(&mut a, 160, 30);
    assert!(s.contains("2.    Val av justerare"), "{s}");
    assert!(!s.contains("§ 2"), "{s}");
    assert!(s.contains("1.  Mötets öppnande"), "{s}");
}

/// A roster whose form columns ran together is doubted: the roster pane counts members present
/// but claims no seat count it cannot trust ("Members 11 / 9" before).
#[test]
fn a_doubted_roster_shows_no_seat_count() {
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/families/ostv-mbn-2024-09-18.txt"),
    )
    .unwrap();
    let mut a = texts(&[("ostv-mbn-2024-09-18.txt", &text)], Lang::En);
    let s = screen(&mut a, 160, 40);
    assert!(s.contains("Members 11"), "{s}");
    assert!(!s.contains("Members 11 /"), "{s}");
}

/// Meetings sorted into the list batch by batch, in the order files happen to arrive, stand
/// as the whole library would, filter and all.
#[test]
fn meetings_arriving_in_any_order_are_listed_as_the_whole_library() {
    let loaded = protokoll::library::load_texts(protokoll::samples::SAMPLES);
    let whole = |filter: &str| {
        let mut a = App::new(loaded.library.clone(), Vec::new(), Lang::En);
        a.set_filter(filter);
        a.order
            .iter()
            .map(|&i| a.library.meetings[i].id.clone())
            .collect::<Vec<_>>()
    };
    for filter in ["", "styrelse"] {
        let mut shuffled = loaded.library.meetings.clone();
        // Oldest and newest interleaved, in batches of one, two and three.
        shuffled.sort_by_key(|m| m.id.bytes().rev().collect::<Vec<_>>());
        let mut a = App::new(protokoll::model::Library::default(), Vec::new(), Lang::En);
        a.loading = Some(LoadState::default());
        a.set_filter(filter);
        let mut rest = shuffled.as_slice();
        for n in [1, 2, 3].into_iter().cycle() {
            if rest.is_empty() {
                break;
            }
            let (batch, after) = rest.split_at(n.min(rest.len()));
            a.add_loaded(batch.to_vec(), LoadState::default());
            rest = after;
        }
        let listed: Vec<String> = a
            .order
            .iter()
            .map(|&i| a.library.meetings[i].id.clone())
            .collect();
        assert_eq!(listed, whole(filter), "filter {filter:?}");
        assert!(!listed.is_empty());
        assert_eq!(a.meeting, 0);
    }
}
