//! Following the folder while the UI runs: changes applied to a loaded library, the watcher on
//! a real folder, and the UI keeping the reader's place and marking changed § stale.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use protokoll::lang::Lang;
use protokoll::library::{self, Change, Loaded};
use protokoll::review::marks::State;
use protokoll::tui::app::App;

const SAMPLE: &str = "kfsb-styrelse-2021-03-12.txt";
const OTHER: &str = "alstad-ksau-2024-02-12.txt";

fn asset(name: &str) -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("assets")
            .join(name),
    )
    .unwrap()
}

/// A folder holding two sample protocols, and its canonical path.
fn folder() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(SAMPLE), asset(SAMPLE)).unwrap();
    std::fs::write(dir.path().join(OTHER), asset(OTHER)).unwrap();
    let canonical = std::fs::canonicalize(dir.path()).unwrap();
    (dir, canonical)
}

fn read(path: &Path) -> Change {
    Change::read(path, path.display().to_string())
}

fn titles(loaded: &Loaded) -> Vec<(String, usize)> {
    loaded
        .library
        .meetings
        .iter()
        .map(|m| (m.id.clone(), m.paragraphs.len()))
        .collect()
}

#[test]
fn a_changed_file_replaces_its_meeting_and_a_new_file_adds_one() {
    let (_dir, root) = folder();
    let loaded = library::load(std::slice::from_ref(&root));
    assert_eq!(loaded.library.meetings.len(), 2);

    // § 16 removed from the sample; a copy of it added under another name.
    let path = root.join(SAMPLE);
    let text = asset(SAMPLE);
    let cut = text.find("§16 Övriga frågor").unwrap();
    std::fs::write(&path, &text[..cut]).unwrap();
    let copy = root.join("kopia.txt");
    std::fs::write(&copy, &text).unwrap();

    let (loaded, touched) = library::apply(loaded, vec![read(&path), read(&copy)]);
    assert!(touched >= 3, "{touched}");
    let mut got = titles(&loaded);
    got.sort();
    assert_eq!(
        got,
        vec![
            ("alstad-ksau-2024-02-12".to_owned(), 7),
            ("kfsb-styrelse-2021-03-12".to_owned(), 7),
            ("kopia".to_owned(), 8),
        ]
    );
}

#[test]
fn a_gone_file_or_folder_takes_its_meetings_and_messages_with_it() {
    let (_dir, root) = folder();
    std::fs::create_dir(root.join("arkiv")).unwrap();
    std::fs::write(
        root.join("arkiv").join("trasig.txt"),
        "inget protokoll här\n",
    )
    .unwrap();
    std::fs::write(root.join("arkiv").join(SAMPLE), asset(SAMPLE)).unwrap();
    let loaded = library::load(std::slice::from_ref(&root));
    // The file without items is a meeting of its own, with a message that says so.
    assert_eq!(loaded.library.meetings.len(), 4);
    let kept_id = loaded
        .library
        .meetings
        .iter()
        .find(|m| {
            m.path_key
                .ends_with(&format!("{}{SAMPLE}", std::path::MAIN_SEPARATOR))
                && !m.path_key.contains("arkiv")
        })
        .map(|m| m.id.clone())
        .unwrap();
    assert!(
        loaded
            .diagnostics
            .iter()
            .any(|d| d.path.ends_with("trasig.txt")),
        "{:?}",
        loaded.diagnostics
    );

    let arkiv = root.join("arkiv");
    std::fs::remove_dir_all(&arkiv).unwrap();
    let gone = Change::Gone {
        name: arkiv.display().to_string(),
        path: arkiv,
    };
    let (loaded, touched) = library::apply(loaded, vec![gone]);
    assert!(touched >= 2);
    assert_eq!(loaded.library.meetings.len(), 2);
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    // Ids stay as they were (the one left was found second, so it keeps its suffix): a
    // reader's place and history are kept by id.
    assert_eq!(kept_id, "kfsb-styrelse-2021-03-12-2");
    assert!(loaded.library.meetings.iter().any(|m| m.id == kept_id));
}

#[test]
fn a_new_meeting_with_a_taken_id_gets_a_suffix_and_old_ids_stay() {
    let (_dir, root) = folder();
    let loaded = library::load(std::slice::from_ref(&root));
    std::fs::create_dir(root.join("b")).unwrap();
    let twin = root.join("b").join(SAMPLE);
    std::fs::write(&twin, asset(SAMPLE)).unwrap();
    let (loaded, _) = library::apply(loaded, vec![read(&twin)]);
    let mut ids: Vec<&str> = loaded
        .library
        .meetings
        .iter()
        .map(|m| m.id.as_str())
        .collect();
    ids.sort_unstable();
    assert_eq!(
        ids,
        [
            "alstad-ksau-2024-02-12",
            "kfsb-styrelse-2021-03-12",
            "kfsb-styrelse-2021-03-12-2"
        ]
    );
}

#[test]
fn a_change_to_an_unrelated_path_changes_nothing() {
    let (_dir, root) = folder();
    let loaded = library::load(std::slice::from_ref(&root));
    let before = titles(&loaded);
    let gone = Change::Gone {
        path: root.join("anteckningar.swp"),
        name: "anteckningar.swp".into(),
    };
    let (loaded, touched) = library::apply(loaded, vec![gone]);
    assert_eq!(touched, 0);
    assert_eq!(titles(&loaded), before);
}

#[test]
fn the_reader_keeps_their_paragraph_by_number_and_changed_text_goes_stale() {
    let (_dir, root) = folder();
    let loaded = library::load(std::slice::from_ref(&root));
    let mut app = App::new(loaded.library, loaded.diagnostics, Lang::En);
    let sample = app
        .order
        .iter()
        .position(|&i| app.library.meetings[i].id == "kfsb-styrelse-2021-03-12")
        .unwrap();
    app.meeting = sample;
    app.para = 2;
    assert_eq!(app.paragraph().unwrap().number, 11);
    // The secretary has reviewed § 11 and § 12.
    let m = app.current().unwrap().clone();
    app.marks.toggle(&m, 11);
    app.marks.toggle(&m, 12);

    // A § is inserted above § 11, so its index changes, and § 12 is edited.
    let path = root.join(SAMPLE);
    let text = asset(SAMPLE)
        .replace(
            "§9 Val av justerare",
            "§8 Mötets öppnande\n\nOrdföranden öppnar mötet.\n\n§9 Val av justerare",
        )
        .replace(
            "ska lämna synpunkter på remissversionen",
            "ska lämna skriftliga synpunkter på remissversionen",
        );
    std::fs::write(&path, text).unwrap();
    assert!(app.apply_changes(vec![read(&path)]));

    let p = app.paragraph().unwrap();
    assert_eq!(p.number, 11, "still reading § 11");
    assert_eq!(app.current().unwrap().id, "kfsb-styrelse-2021-03-12");
    let m = app.current().unwrap();
    assert_eq!(app.marks.state(m, 11), State::Reviewed);
    assert_eq!(app.marks.state(m, 12), State::Stale);
    assert!(app.message.as_deref().unwrap().contains("Folder changed"));
}

#[test]
fn the_watcher_reports_a_new_a_changed_and_a_removed_file() {
    let (_dir, root) = folder();
    let watch = protokoll::watch::start(std::slice::from_ref(&root)).expect("inotify works here");
    // Gathers batches until `done` says what was wanted arrived, or 20 s pass.
    let wait = |done: &dyn Fn(&[Change]) -> bool| {
        let start = Instant::now();
        let mut seen = Vec::new();
        while start.elapsed() < Duration::from_secs(20) {
            if let Ok(batch) = watch.changes.recv_timeout(Duration::from_millis(200)) {
                seen.extend(batch);
                if done(&seen) {
                    return seen;
                }
            }
        }
        panic!("the watcher did not report it: {seen:?}");
    };
    let read_of = |name: &'static str| {
        move |c: &[Change]| {
            c.iter().any(|c| {
                matches!(c, Change::Read { path, meeting: Some(_), .. } if path.ends_with(name))
            })
        }
    };

    std::fs::write(root.join("ny.txt"), asset(OTHER)).unwrap();
    wait(&read_of("ny.txt"));

    // Our own reading of the files must not look like a change.
    let _ = library::load(std::slice::from_ref(&root));
    assert!(
        watch
            .changes
            .recv_timeout(Duration::from_millis(800))
            .is_err(),
        "reading is not a change"
    );

    let mut text = asset(SAMPLE);
    text.push_str("\nTillägg.\n");
    std::fs::write(root.join(SAMPLE), text).unwrap();
    wait(&read_of(SAMPLE));

    // Hidden files and other extensions are none of our business.
    std::fs::write(root.join(".utkast.txt"), "x").unwrap();
    std::fs::write(root.join("bild.svg"), "x").unwrap();
    std::fs::remove_file(root.join(OTHER)).unwrap();
    let seen = wait(&|c: &[Change]| {
        c.iter()
            .any(|c| matches!(c, Change::Gone { path, .. } if path.ends_with(OTHER)))
    });
    assert!(
        seen.iter().all(|c| match c {
            Change::Read { path, .. } =>
                !path.ends_with(".utkast.txt") && !path.ends_with("bild.svg"),
            Change::Gone { .. } => true,
        }),
        "{seen:?}"
    );
}

/// A file changed in a large library is checked and indexed alone: the other meetings keep
/// their findings and search parts, and the index answers for the new text at once.
#[test]
fn a_changed_file_is_checked_and_indexed_alone() {
    let (_dir, root) = folder();
    let loaded = library::load(std::slice::from_ref(&root));
    let mut app = App::new(loaded.library, loaded.diagnostics, Lang::En);
    app.run_search("budget");
    let budget_before = app.search.as_ref().unwrap().hits.len();
    assert!(budget_before > 0);
    // A finding only this run has: it stays only if the meeting is not checked again.
    let place_of = |app: &App| {
        app.library
            .meetings
            .iter()
            .position(|m| m.id == "alstad-ksau-2024-02-12")
            .unwrap()
    };
    let other = place_of(&app);
    let marker = protokoll::review::Finding {
        meeting: "alstad-ksau-2024-02-12".into(),
        paragraph: None,
        line: 1,
        severity: protokoll::review::Severity::Info,
        code: protokoll::review::code::UNSURE,
        message: "carried over, not made again".into(),
        evidence: Vec::new(),
        accepted: false,
        reason: None,
        digest: String::new(),
    };
    app.findings[other].push(marker);

    let path = root.join(SAMPLE);
    let text = asset(SAMPLE).replace(
        "§9 Val av justerare",
        "§8 Zebrafinkens bo\n\nStyrelsen diskuterar zebrafinkens bo och budget.\n\n§9 Val av justerare",
    );
    std::fs::write(&path, text).unwrap();
    assert!(app.apply_changes(vec![read(&path)]));

    let other = place_of(&app);
    assert!(
        app.findings[other]
            .iter()
            .any(|f| f.message == "carried over, not made again"),
        "the unchanged meeting was checked again"
    );
    // The open search was run again over the changed library, and the index knows the new §.
    let whole = protokoll::search::Index::new(&app.library);
    let hits = app.search.as_ref().unwrap().hits.clone();
    assert_eq!(hits, whole.search(&app.library.meetings, "budget"));
    assert!(hits.len() > budget_before, "{hits:?}");
    app.run_search("zebrafinkens");
    let hits = &app.search.as_ref().unwrap().hits;
    assert_eq!(hits.len(), 2, "{hits:?}");
    assert_eq!(hits[0].paragraph, Some(8));
}
