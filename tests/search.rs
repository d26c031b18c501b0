//! Search and cross-references: queries with diacritics, phrases and several words; the CLI as
//! a process; every reference form followed in the UI; history back and forth; find anything;
//! the meeting filter; snapshots of highlighted hits and links.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use protokoll::lang::Lang;
use protokoll::search::Index;
use protokoll::tui::app::{Action, App, Overlay, Pane};
use protokoll::tui::theme::Theme;
use protokoll::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const A: &str = "Protokoll styrelsen för Förbundet Test\n\nTid: 2025-05-09 09.00-12.00\n\nNärvarande: Anna Ek, Mo\n\n§ 16 Utredning HVB\n\nUtredningen om utjämning startar. Kostnader för hälso- och sjukvård ökar.\n";
const B: &str = "Protokoll styrelsen för Förbundet Test\n\nTid: 2025-06-09 09.00-12.00\n\nNärvarande: Anna Ek, Mo\n\n§ 21 Upprop\n\nSe § 24.\n\n§ 22 Ekonomi\n\nUtjämningen diskuteras, se mer i § 30. Jfr §§ 21, 24 och beslutet 2025-05-09 § 16 samt beslut 2024-01-01 § 3.\n\n§ 24 Verksamhet\n\nHälso- och sjukvård. Ingen utjämning här.\n\n§ 30 Övrigt\n\nInget.\n";

fn library() -> protokoll::model::Library {
    protokoll::library::load_texts(&[("a.txt", A.as_bytes()), ("b.txt", B.as_bytes())]).library
}

fn hits(q: &str) -> Vec<(String, Option<u32>, u32)> {
    let library = library();
    Index::new(&library)
        .search(&library.meetings, q)
        .into_iter()
        .map(|h| (h.meeting, h.paragraph, h.line))
        .collect()
}

#[test]
fn diacritics_are_ignored_for_words() {
    let h = hits("utjamning");
    assert_eq!(h.len(), 3);
    assert!(h.iter().all(|(_, p, _)| p.is_some()));
    assert_eq!(hits("UTJÄMNINGEN"), [("b".into(), Some(22), 13)]);
}

#[test]
fn every_word_must_occur_in_the_paragraph() {
    // "utredning" and "sjukvård" are both in § 16 of a, on the same line as each other.
    assert_eq!(
        hits("utredning sjukvard")
            .iter()
            .map(|h| h.1)
            .collect::<Vec<_>>(),
        [Some(16), Some(16)]
    );
    assert!(hits("utredning verksamhet").is_empty());
}

#[test]
fn a_phrase_must_occur_as_written() {
    assert_eq!(hits("\"hälso- och sjukvård\"").len(), 2);
    assert!(hits("\"sjukvård och hälso\"").is_empty());
    assert!(
        hits("\"halso- och sjukvard\"").is_empty(),
        "a phrase keeps its å ä ö"
    );
}

#[test]
fn hits_outside_any_paragraph_have_none() {
    let h = hits("anna");
    assert!(
        h.iter().any(|(m, p, l)| m == "a" && p.is_none() && *l == 5),
        "{h:?}"
    );
}

#[test]
fn search_command_like_ripgrep_and_json() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), A).unwrap();
    std::fs::write(dir.path().join("b.txt"), B).unwrap();
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_protokoll"))
            .args(args)
            .output()
            .unwrap()
    };
    let d = dir.path().to_str().unwrap();
    let text = run(&["search", "utjamning", d]);
    assert!(text.status.success());
    let out = String::from_utf8_lossy(&text.stdout);
    let first = out.lines().next().unwrap();
    assert!(
        first.ends_with(
            "a.txt:9: §16 Utredningen om utjämning startar. Kostnader för hälso- och sjukvård ökar."
        ),
        "{out}"
    );
    let json = run(&["search", "utjamning", "--format", "json", d]);
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let h = &v["hits"][0];
    assert_eq!(
        (
            h["meeting"].as_str(),
            h["paragraph"].as_u64(),
            h["line"].as_u64()
        ),
        (Some("a"), Some(16), Some(9))
    );
    assert!(h["text"].as_str().unwrap().contains("utjämning"));
}

#[test]
fn a_hit_on_a_heading_names_its_paragraph_once() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("b.txt"), B).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_protokoll"))
        .args(["search", "upprop", dir.path().to_str().unwrap()])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.trim_end().ends_with("b.txt:7: § 21 Upprop"), "{text}");
    assert!(!text.contains("§21 § 21"), "{text}");
}

fn app() -> App {
    let mut a = App::new(library(), Vec::new(), Lang::En);
    screen(&mut a);
    a
}

fn screen(a: &mut App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(120, 30)).unwrap();
    let mut metrics = a.metrics.clone();
    terminal
        .draw(|f| metrics = view::draw(f, a, &Theme::plain()))
        .unwrap();
    a.metrics = metrics;
    if a.settle() {
        return screen(a);
    }
    terminal.backend().to_string()
}

fn keys(a: &mut App, s: &str) {
    for c in s.chars() {
        key(a, KeyCode::Char(c));
    }
}

fn key(a: &mut App, code: KeyCode) {
    if let Some(action) = protokoll::tui::key_action(a, KeyEvent::new(code, KeyModifiers::NONE)) {
        a.update(action);
    }
}

#[test]
fn slash_searches_and_n_walks_hits_across_meetings() {
    let mut a = app();
    keys(&mut a, "/utjamning");
    key(&mut a, KeyCode::Enter);
    let s = a.search.clone().unwrap();
    assert_eq!(s.hits.len(), 3);
    assert_eq!(
        (
            a.current().unwrap().id.as_str(),
            a.paragraph().unwrap().number
        ),
        ("a", 16)
    );
    keys(&mut a, "n");
    assert_eq!(
        (
            a.current().unwrap().id.as_str(),
            a.paragraph().unwrap().number
        ),
        ("b", 22)
    );
    keys(&mut a, "n");
    assert_eq!(a.paragraph().unwrap().number, 24);
    keys(&mut a, "n");
    assert_eq!(a.paragraph().unwrap().number, 16, "wraps around");
    keys(&mut a, "N");
    assert_eq!(a.paragraph().unwrap().number, 24);
    let shown = screen(&mut a);
    assert!(shown.contains("hit 3/3"), "{shown}");
    key(&mut a, KeyCode::Esc);
    assert!(a.search.is_none());
}

#[test]
fn every_reference_form_is_followed_and_history_goes_back_and_forth() {
    let mut a = app();
    // b is the newer meeting, first in the list.
    keys(&mut a, ":22");
    key(&mut a, KeyCode::Enter);
    screen(&mut a);
    let targets: Vec<u32> = a.links().iter().map(|(r, _)| r.number).collect();
    assert_eq!(targets, [30, 21, 24, 16, 3]);
    // "se mer i § 30"
    keys(&mut a, "l");
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.paragraph().unwrap().number, 30);
    key(&mut a, KeyCode::Backspace);
    assert_eq!(a.paragraph().unwrap().number, 22);
    a.update(Action::HistoryForward);
    assert_eq!(a.paragraph().unwrap().number, 30);
    key(&mut a, KeyCode::Backspace);
    // "§§ 21, 24": the second number
    keys(&mut a, "lll");
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.paragraph().unwrap().number, 24);
    key(&mut a, KeyCode::Backspace);
    // "beslutet 2025-05-09 § 16": another meeting of the same body, loaded.
    keys(&mut a, "llll");
    key(&mut a, KeyCode::Enter);
    assert_eq!(
        (
            a.current().unwrap().id.as_str(),
            a.paragraph().unwrap().number
        ),
        ("a", 16)
    );
    key(&mut a, KeyCode::Backspace);
    assert_eq!(
        (
            a.current().unwrap().id.as_str(),
            a.paragraph().unwrap().number
        ),
        ("b", 22)
    );
    // "beslut 2024-01-01 § 3": not loaded, plain text with a message.
    keys(&mut a, "L");
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.paragraph().unwrap().number, 22);
    assert!(a.message.as_deref().unwrap().contains("2024-01-01"));
    // "Se § 24." in § 21
    keys(&mut a, "[l");
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.paragraph().unwrap().number, 24);
}

#[test]
fn find_anything_goes_to_meetings_paragraphs_and_people() {
    let mut a = app();
    a.update(Action::FindAnything);
    keys(&mut a, "verksamhet");
    key(&mut a, KeyCode::Enter);
    assert_eq!(
        (
            a.current().unwrap().id.as_str(),
            a.paragraph().unwrap().number,
            a.focus
        ),
        ("b", 24, Pane::Body)
    );
    a.update(Action::FindAnything);
    keys(&mut a, "anna ek");
    key(&mut a, KeyCode::Enter);
    assert!(matches!(a.overlay, Some(Overlay::Person(_))));
}

#[test]
fn the_meeting_filter_narrows_the_list() {
    let mut a = app();
    keys(&mut a, "f2025-05");
    assert_eq!(a.order.len(), 1);
    assert_eq!(a.current().unwrap().id, "a");
    key(&mut a, KeyCode::Enter);
    keys(&mut a, "f");
    for _ in 0..7 {
        key(&mut a, KeyCode::Backspace);
    }
    assert_eq!(a.order.len(), 2);
}

#[test]
fn snapshot_hits_and_a_selected_link() {
    let mut a = app();
    keys(&mut a, "/utjamning");
    key(&mut a, KeyCode::Enter);
    keys(&mut a, "n");
    keys(&mut a, "l");
    let text = screen(&mut a);
    insta::assert_snapshot!(text);
    // Styles: the hit and the selected link are drawn in their own styles.
    let mut terminal = Terminal::new(TestBackend::new(120, 30)).unwrap();
    terminal
        .draw(|f| a.metrics = view::draw(f, &a, &Theme::colour()))
        .unwrap();
    let buf = terminal.backend().buffer().clone();
    let find = |needle: &str| {
        (0..buf.area.height).find_map(|y| {
            let row: String = (0..buf.area.width)
                .map(|x| buf[(x, y)].symbol().to_owned())
                .collect();
            row.find(needle)
                .map(|byte| (row[..byte].chars().count() as u16, y))
        })
    };
    let (x, y) = find("Utjämning").expect("hit on screen");
    assert_eq!(buf[(x, y)].bg, Theme::colour().found.bg.unwrap());
    let (x, y) = find("§ 30").expect("link on screen");
    assert_eq!(buf[(x, y)].bg, Theme::colour().selected.bg.unwrap());
}

fn ctrl(a: &mut App, c: char) {
    let ev = KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL);
    if let Some(action) = protokoll::tui::key_action(a, ev) {
        a.update(action);
    }
}

#[test]
fn find_anything_follows_the_library_not_the_filter_it_was_first_opened_under() {
    let mut a = app();
    keys(&mut a, "f2025-05");
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.order.len(), 1);
    ctrl(&mut a, 'p');
    key(&mut a, KeyCode::Esc);
    // The filter is cleared; "Verksamhet" is § 24 of the other meeting.
    keys(&mut a, "f");
    ctrl(&mut a, 'u');
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.order.len(), 2);
    ctrl(&mut a, 'p');
    keys(&mut a, "verksamhet");
    key(&mut a, KeyCode::Enter);
    assert_eq!(
        (
            a.current().unwrap().id.as_str(),
            a.paragraph().unwrap().number
        ),
        ("b", 24)
    );
    // And with the filter on, find anything still reaches a meeting it hides.
    keys(&mut a, "f2025-06");
    key(&mut a, KeyCode::Enter);
    ctrl(&mut a, 'p');
    keys(&mut a, "utredning hvb");
    key(&mut a, KeyCode::Enter);
    assert_eq!(
        (
            a.current().unwrap().id.as_str(),
            a.paragraph().unwrap().number
        ),
        ("a", 16)
    );
}

#[test]
fn find_anything_matches_words_not_letters_scattered_over_titles() {
    let loaded = protokoll::library::load_texts(protokoll::samples::SAMPLES);
    let mut a = App::new(loaded.library, loaded.diagnostics, Lang::En);
    a.update(Action::FindAnything);
    keys(&mut a, "angstrom");
    let Some(Overlay::Anything(state)) = &a.overlay else {
        panic!("find anything closed")
    };
    assert!(!state.hits.is_empty());
    let labels: Vec<String> = state
        .hits
        .iter()
        .map(|(i, _)| a.items_label(*i).to_owned())
        .collect();
    for l in &labels {
        assert!(
            protokoll::fold::fold(l).contains("angstrom"),
            "{l} is not about Ångström: {labels:?}"
        );
    }
    // The person first: a whole word in a short label.
    assert_eq!(labels[0], "Kjell Ångström", "{labels:?}");
}

#[test]
fn search_hits_are_a_list_that_enter_follows_and_n_walks_saying_when_it_wraps() {
    let mut a = app();
    keys(&mut a, "/utjamning");
    key(&mut a, KeyCode::Enter);
    let shown = screen(&mut a);
    assert!(shown.contains("3 hits"), "{shown}");
    assert!(shown.contains("2025-05-09 Styrelsen § 16"), "{shown}");
    assert!(a.visible_panes().contains(&Pane::Hits));
    // Tab to the list, down to the third hit, Enter goes there.
    while a.focus != Pane::Hits {
        key(&mut a, KeyCode::Tab);
    }
    keys(&mut a, "jj");
    key(&mut a, KeyCode::Enter);
    assert_eq!(
        (
            a.current().unwrap().id.as_str(),
            a.paragraph().unwrap().number
        ),
        ("b", 24)
    );
    assert_eq!(a.focus, Pane::Body);
    // n from the last hit wraps to the first, and says so.
    keys(&mut a, "n");
    assert_eq!(a.paragraph().unwrap().number, 16);
    assert_eq!(a.message.as_deref(), Some("Search wrapped"));
    keys(&mut a, "N");
    assert_eq!(a.paragraph().unwrap().number, 24);
    assert_eq!(a.message.as_deref(), Some("Search wrapped"));
    keys(&mut a, "N");
    assert_eq!(a.message, None);
    // Esc ends the search and its list.
    key(&mut a, KeyCode::Esc);
    assert!(!a.visible_panes().contains(&Pane::Hits));
    assert!(!screen(&mut a).contains("3 hits"));
}

#[test]
fn a_second_search_replaces_the_first_query() {
    let mut a = app();
    keys(&mut a, "/utjämning");
    key(&mut a, KeyCode::Enter);
    keys(&mut a, "/styrelsen beslutar");
    key(&mut a, KeyCode::Enter);
    assert_eq!(
        a.search.as_ref().map(|s| s.query.as_str()),
        Some("styrelsen beslutar")
    );
    // The filter prompt too.
    keys(&mut a, "f2025");
    key(&mut a, KeyCode::Enter);
    keys(&mut a, "f06");
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.filter, "06");
}

#[test]
fn a_hit_outside_any_paragraph_selects_its_roster_row_and_shows_the_roster() {
    let mut a = app();
    // 100 columns: the roster is folded away until a hit needs it.
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
    terminal
        .draw(|f| a.metrics = view::draw(f, &a, &Theme::plain()))
        .unwrap();
    keys(&mut a, "/anna");
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.focus, Pane::Roster);
    assert!(a.visible_panes().contains(&Pane::Roster));
    let m = a.current().unwrap();
    let k = protokoll::tui::app::roster_order(m)[a.roster_sel];
    assert_eq!(m.attendees[k].name, "Anna Ek");
}

/// The prefilter that lets `search` skip parsing must never rule out a file that holds a hit:
/// for every word of every line the model keeps (and every pair of neighbouring words as a
/// phrase) of every bundled sample and family fixture, the raw file passes, and the search
/// of the parsed file finds it.
#[test]
fn the_prefilter_never_rules_out_a_file_with_a_hit() {
    let mut files: Vec<(String, Vec<u8>)> = protokoll::samples::SAMPLES
        .iter()
        .map(|(n, b)| ((*n).to_owned(), b.to_vec()))
        .collect();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    for dir in ["families", "plain"] {
        for e in std::fs::read_dir(root.join(dir))
            .into_iter()
            .flatten()
            .flatten()
        {
            files.push((
                e.path().display().to_string(),
                std::fs::read(e.path()).unwrap(),
            ));
        }
    }
    files.push(("hostile.md".into(), "Protokoll\n\n§ 1 **Be**slut om bud&shy;get\n\nStyrelsen be\u{00ad}slöt att fast-\nställa bud\u{a0}geten. ﬁnansiering\n".as_bytes().to_vec()));
    let mut checked = 0;
    for (name, bytes) in &files {
        let Ok(text) = protokoll::read::decode(bytes) else {
            continue;
        };
        let loaded = protokoll::library::load_texts(&[(name.as_str(), bytes.as_slice())]);
        let Some(m) = loaded.library.meetings.first() else {
            continue;
        };
        let index = Index::of(&[m]);
        for line in &m.lines {
            let words: Vec<&str> = line.text.split_whitespace().collect();
            let mut queries: Vec<String> = words.iter().map(|w| (*w).to_owned()).collect();
            queries.extend(words.windows(2).map(|p| format!("\"{} {}\"", p[0], p[1])));
            for q in queries {
                if index.search(&[m], &q).is_empty() {
                    continue;
                }
                checked += 1;
                assert!(
                    protokoll::search::Prefilter::new(&q).may_match(&text),
                    "{name}: the prefilter rules out {q:?}, which the search finds"
                );
            }
        }
    }
    assert!(checked > 5_000, "only {checked} queries checked");
}

#[test]
fn the_prefilter_rules_out_files_without_the_words() {
    let text = "Protokoll\n\n§ 1 Budget\n\nStyrelsen beslöt att fastställa budgeten.\n";
    let yes = |q: &str| protokoll::search::Prefilter::new(q).may_match(text);
    assert!(yes("BESLOT"), "folded and case-blind");
    assert!(yes("faststalla budget"));
    assert!(yes("\"fastställa budgeten\""));
    assert!(!yes("zzzz"));
    assert!(!yes("budget zzzz"), "every word must be there");
    // Markup that cleaning removes with letters in it: the file is always parsed.
    assert!(protokoll::search::Prefilter::new("zzzz").may_match("<b>a</b>"));
}
