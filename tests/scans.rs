//! Scans, Word 97–2003 and RTF (`tests/fixtures/scans`, made by `scripts/make-scans.py` from
//! our samples). What needs Tesseract, poppler or antiword is `#[ignore]`d and run by `.ci/run`,
//! which installs them; what a fake Tesseract on `PATH` can show (the cache, a missing or
//! hanging tool) and the RTF reader (ours) run everywhere. Every run of `protokoll` gets a cache
//! folder of its own (`PROTOKOLL_CACHE_DIR`), so the tests never touch the user's cache.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use protokoll::library::{self, Progress};
use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn scans() -> PathBuf {
    root().join("tests/fixtures/scans")
}

/// Runs `protokoll` with `args`, its cache in `cache`, and `env` besides.
fn protokoll(args: &[&std::ffi::OsStr], cache: &Path, env: &[(&str, &std::ffi::OsStr)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_protokoll"));
    cmd.args(args)
        .env("XDG_DATA_HOME", "/nonexistent-protokoll-test")
        .env("PROTOKOLL_CACHE_DIR", cache)
        .env("LANG", "C");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().unwrap()
}

/// `protokoll export` of `paths`: the meetings by id, and stderr.
fn export(paths: &[PathBuf], cache: &Path, env: &[(&str, &std::ffi::OsStr)]) -> (Value, String) {
    export_with(&[], paths, cache, env)
}

/// As [`export`], with more arguments after `export`.
fn export_with(
    extra: &[&str],
    paths: &[PathBuf],
    cache: &Path,
    env: &[(&str, &std::ffi::OsStr)],
) -> (Value, String) {
    let mut args: Vec<&std::ffi::OsStr> =
        vec!["export".as_ref(), "--format".as_ref(), "json".as_ref()];
    args.extend(extra.iter().map(|a| std::ffi::OsStr::new(*a)));
    args.extend(paths.iter().map(|p| p.as_os_str()));
    let out = protokoll(&args, cache, env);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut by_id = serde_json::Map::new();
    for m in v["meetings"].as_array().unwrap() {
        by_id.insert(m["id"].as_str().unwrap().to_owned(), m.clone());
    }
    (Value::Object(by_id), stderr)
}

/// The meeting the parser reads from a file, through `export` (no scans involved).
fn read_plain(path: &Path) -> Value {
    let cache = tempfile::tempdir().unwrap();
    let (v, _) = export(&[path.to_owned()], cache.path(), &[]);
    v.as_object().unwrap().values().next().unwrap().clone()
}

/// Names and titles compare without case, spacing, dash kinds or a trailing stop.
fn norm(s: &str) -> String {
    let s = s
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
        .replace(['–', '—'], "-");
    s.trim_end_matches(['.', ':', ';', ',', ' ']).to_owned()
}

/// `v` without its source line numbers.
fn without_lines(v: &mut Value) {
    match v {
        Value::Object(o) => {
            o.remove("line");
            o.values_mut().for_each(without_lines);
        }
        Value::Array(a) => a.iter_mut().for_each(without_lines),
        _ => {}
    }
}

fn names(m: &Value) -> Vec<String> {
    m["attendees"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| norm(a["name"].as_str().unwrap()))
        .collect()
}

fn paragraphs(m: &Value) -> Vec<(u64, String)> {
    m["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["number"].as_u64().unwrap(),
                norm(p["title"].as_str().unwrap_or("")),
            )
        })
        .collect()
}

/// Edit distance between two strings, in characters.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

/// A title read by OCR matches the true one when at most one character in ten differs
/// ("Laget rurit kommuner" for "Laget runt kommuner").
fn similar(got: &str, want: &str) -> bool {
    distance(got, want) * 10 <= want.chars().count().max(10)
}

/// What OCR read of a sample against the truth: the facts compared, and those read right.
#[derive(Default)]
struct Tally {
    facts: usize,
    right: usize,
    misses: Vec<String>,
}

impl Tally {
    fn check(&mut self, what: String, ok: bool) {
        self.facts += 1;
        if ok {
            self.right += 1;
        } else {
            self.misses.push(what);
        }
    }
}

/// Compares a meeting read by OCR with the one read from the sample's text: header facts
/// exactly, the items by number with titles at most one character in ten off, and the roster
/// against `roster` (what the parser reads from the same pages' text layer: the layout, not
/// OCR, decides what it can read of it). Returns the tally and the share of the roster found.
fn compare(got: &Value, truth: &Value, roster: &Value, keys: &[&str]) -> (Tally, f64) {
    let mut t = Tally::default();
    for key in keys {
        t.check(
            format!("{key}: {} for {}", got[key], truth[key]),
            got[key] == truth[key],
        );
    }
    let have = paragraphs(got);
    for (n, title) in paragraphs(truth) {
        let found = have.iter().find(|(m, _)| *m == n);
        t.check(format!("§ {n}: {found:?}"), found.is_some());
        t.check(
            format!("§ {n} title: {found:?} for {title:?}"),
            found.is_some_and(|(_, got)| similar(got, &title)),
        );
    }
    let want = names(roster);
    let got_names = names(got);
    let found = want.iter().filter(|n| got_names.contains(n)).count();
    #[allow(clippy::cast_precision_loss)]
    let share = found as f64 / want.len().max(1) as f64;
    (t, share)
}

#[test]
#[ignore = "needs tesseract with Swedish, poppler and antiword; run by .ci/run"]
#[allow(clippy::cast_precision_loss)]
fn a_folder_of_scans_and_old_formats_loads_and_the_second_start_reads_the_cache() {
    let cache = tempfile::tempdir().unwrap();
    let started = Instant::now();
    let (first, stderr) = export(&[scans()], cache.path(), &[]);
    let first_time = started.elapsed();
    for scan in ["signed-scan.pdf", "image-only.pdf", "phone-photo.png"] {
        assert!(
            stderr
                .lines()
                .any(|l| l.contains(scan) && l.contains("read by OCR;")),
            "{scan}: {stderr}"
        );
    }
    assert!(
        stderr.contains("signed-scan.pdf:1: scanned PDF (its text layer is noise: "),
        "{stderr}"
    );
    let assets = root().join("assets");
    let docs = root().join("tests/fixtures/docs");
    let header = [
        "date",
        "start",
        "end",
        "place",
        "organization",
        "body",
        "chair",
        "secretary",
        "adjusters",
    ];
    let mut report = Vec::new();
    for (id, sample, keys) in [
        ("signed-scan", "kfsb-samverkan-2024-11-04", &header[..]),
        ("image-only", "kfsb-styrelse-2021-03-12", &header[..]),
        // One page: its header and § 14. The secretary is not asked: the parser reads this
        // page's staff table the same (wrong) way from the PDF's own text layer.
        (
            "phone-photo",
            "kfsb-styrelse-2011-05-19",
            &[
                "date",
                "start",
                "end",
                "place",
                "organization",
                "body",
                "chair",
                "adjusters",
            ][..],
        ),
    ] {
        let got = &first[id];
        assert_eq!(got["reader"], "tesseract", "{id}");
        let truth = read_plain(&assets.join(format!("{sample}.txt")));
        let layer = read_plain(&docs.join(format!("{sample}.pdf")));
        let mut truth_here = truth.clone();
        if id == "phone-photo" {
            truth_here["paragraphs"] = Value::Array(vec![truth["paragraphs"][0].clone()]);
        }
        let (t, roster) = compare(got, &truth_here, &layer, keys);
        assert!(t.misses.is_empty(), "{id}: {:#?}", t.misses);
        assert!(
            roster >= 0.8,
            "{id}: roster {roster:.2}: {:?} for {:?}",
            names(got),
            names(&layer)
        );
        report.push(format!(
            "{id}: {}/{} facts, roster {}/{} of the text layer's ({} in the sample)",
            t.right,
            t.facts,
            (roster * names(&layer).len() as f64).round(),
            names(&layer).len(),
            names(&truth).len()
        ));
    }
    for (id, sample) in [
        ("kfsb-styrelse-2011-05-19", "kfsb-styrelse-2011-05-19.txt"),
        ("kfsb-styrelse-2023-11-24", "kfsb-styrelse-2023-11-24.md"),
    ] {
        let mut got = first[id].clone();
        let mut truth = read_plain(&assets.join(sample));
        without_lines(&mut got);
        without_lines(&mut truth);
        for key in [
            "date",
            "chair",
            "secretary",
            "adjusters",
            "attendees",
            "agenda",
        ] {
            assert_eq!(got[key], truth[key], "{id}: {key}");
        }
        assert_eq!(paragraphs(&got), paragraphs(&truth), "{id}");
    }
    assert_eq!(first["kfsb-styrelse-2011-05-19"]["reader"], "antiword");
    assert_eq!(first["kfsb-styrelse-2023-11-24"]["reader"], "rtf");

    // The second start reads every scan from the OCR cache (the parse cache left out, which
    // would answer before it).
    let started = Instant::now();
    let (second, stderr) = export_with(&["--no-cache"], &[scans()], cache.path(), &[]);
    let second_time = started.elapsed();
    assert_eq!(first, second);
    assert_eq!(
        stderr.matches("read by OCR (cached)").count(),
        3,
        "{stderr}"
    );
    // With the parse cache, the model comes from it, still saying what OCR may have misread.
    let (third, stderr) = export(&[scans()], cache.path(), &[]);
    assert_eq!(first, third);
    assert_eq!(stderr.matches("read by OCR").count(), 3, "{stderr}");
    assert!(
        second_time * 5 < first_time,
        "{second_time:?} against {first_time:?}"
    );

    // What OCR read is searchable.
    let out = protokoll(
        &["search".as_ref(), "e-arkiv".as_ref(), scans().as_os_str()],
        cache.path(),
        &[],
    );
    let hits = String::from_utf8_lossy(&out.stdout);
    assert!(hits.contains("signed-scan.pdf"), "{hits}");
    eprintln!(
        "first start {:.1} s, second {:.2} s\n{}",
        first_time.as_secs_f64(),
        second_time.as_secs_f64(),
        report.join("\n")
    );
}

#[test]
#[ignore = "needs tesseract with Swedish and poppler; run by .ci/run"]
fn ocr_seconds_per_page() {
    use protokoll::docs::ocr;
    let mut times = Vec::new();
    for scan in ["signed-scan.pdf", "image-only.pdf"] {
        let marks = std::sync::Mutex::new(Vec::new());
        let on_page =
            |page: u32, pages: u32| marks.lock().unwrap().push((page, pages, Instant::now()));
        let text = ocr::pdf(&scans().join(scan), &on_page).unwrap();
        assert!(text.contains("Justerandes sign"), "{text}");
        let marks = marks.into_inner().unwrap();
        for pair in marks.windows(2) {
            times.push((scan, pair[1].0, (pair[1].2 - pair[0].2).as_secs_f64()));
        }
    }
    let started = Instant::now();
    let head = std::fs::read(scans().join("phone-photo.png")).unwrap();
    ocr::image(&scans().join("phone-photo.png"), &head[..64], &|_, _| {}).unwrap();
    times.push(("phone-photo.png", 1, started.elapsed().as_secs_f64()));
    for (scan, page, secs) in &times {
        eprintln!("{scan} page {page}: {secs:.2} s");
        assert!(*secs < ocr::PAGE_TIMEOUT.as_secs_f64());
    }
    let all: f64 = times.iter().map(|t| t.2).sum();
    #[allow(clippy::cast_precision_loss)]
    let mean = all / times.len() as f64;
    eprintln!("{} pages, {mean:.2} s a page", times.len());
}

#[test]
#[ignore = "needs antiword; run by .ci/run"]
fn a_word_97_file_gives_the_meeting_of_its_text() {
    let (got, stderr) = export(
        &[scans().join("kfsb-styrelse-2011-05-19.doc")],
        tempfile::tempdir().unwrap().path(),
        &[],
    );
    assert!(stderr.is_empty(), "{stderr}");
    let got = &got["kfsb-styrelse-2011-05-19"];
    let mut truth = read_plain(&root().join("assets/kfsb-styrelse-2011-05-19.txt"));
    let mut got = got.clone();
    for m in [&mut truth, &mut got] {
        for key in ["id", "source", "reader"] {
            m.as_object_mut().unwrap().remove(key);
        }
        // antiword starts with a blank line: every line number is one more.
        without_lines(m);
    }
    assert_eq!(got, truth);
}

#[test]
fn an_rtf_file_gives_the_meeting_of_its_text() {
    let path = scans().join("kfsb-styrelse-2023-11-24.rtf");
    let (got, diags) = library::read_file(&path, "x.rtf");
    let got = got.unwrap();
    assert_eq!(got.reader, "rtf");
    assert!(diags.is_empty(), "{diags:?}");
    let bytes = std::fs::read(root().join("assets/kfsb-styrelse-2023-11-24.md")).unwrap();
    let truth = library::load_texts(&[("x.md", &bytes)])
        .library
        .meetings
        .remove(0);
    assert_eq!(got.date, truth.date);
    assert_eq!(got.chair, truth.chair);
    assert_eq!(got.secretary, truth.secretary);
    assert_eq!(got.adjusters, truth.adjusters);
    assert_eq!(got.attendees, truth.attendees);
    let titles = |m: &protokoll::model::Meeting| {
        m.paragraphs
            .iter()
            .map(|p| (p.number, p.title.clone(), p.decisions.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(titles(&got), titles(&truth));
}

/// A protocol as Tesseract's `tsv` output, one word a row: `§` read as `$` and `8`, as the
/// Swedish data reads it. Blank lines leave a gap.
fn fake_tsv() -> String {
    let text = "Protokoll styrelsen\n\nTid: 2024-03-01 09.00-12.00\n\nOrdförande: Anna Berg\n\n\
        $ 1 Mötets öppnande\n\nMötet öppnas.\n\n8 2 Val av justerare\n\n\
        Styrelsen beslutar att välja Per Ek.\n\n$ 3 Avslutning\n\nMötet avslutas.";
    let mut rows = vec!["level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext".to_owned()];
    for (i, line) in text.lines().enumerate() {
        let mut col = 0;
        for (k, word) in line.split(' ').enumerate() {
            let len = word.chars().count();
            rows.push(format!(
                "5\t1\t1\t1\t{}\t{}\t{}\t{}\t{}\t30\t95.0\t{word}",
                i + 1,
                k + 1,
                100 + 20 * col,
                100 + 45 * i,
                20 * len
            ));
            col += len + 1;
        }
    }
    rows.join("\n") + "\n"
}

/// A folder with a fake `tesseract` that answers `--version` and `--list-langs`, and for an
/// image prints `fake_tsv()` and counts the reading in `count`, or runs `reading` instead.
fn fake_tesseract(dir: &Path, reading: &str) -> PathBuf {
    let bin = dir.join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let tsv = dir.join("page.tsv");
    std::fs::write(&tsv, fake_tsv()).unwrap();
    let script = format!(
        "#!/bin/sh\ncase \"$1\" in\n--version) echo 'tesseract 5.3.0-fake'; exit 0;;\n\
         --list-langs) printf 'List of available languages (2):\\neng\\nswe\\n'; exit 0;;\nesac\n\
         echo read >> '{}'\n{reading}\n/bin/cat '{}'\n",
        dir.join("count").display(),
        tsv.display()
    );
    let path = bin.join("tesseract");
    std::fs::write(&path, script).unwrap();
    let mut perms = std::fs::metadata(&path).unwrap().permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o755);
    std::fs::set_permissions(&path, perms).unwrap();
    bin
}

fn readings(dir: &Path) -> usize {
    std::fs::read_to_string(dir.join("count")).map_or(0, |s| s.lines().count())
}

/// A page image of its own (its bytes are its cache key): the fake never looks at it.
fn page_image(dir: &Path) -> PathBuf {
    let png = dir.join("skannad.png");
    let mut bytes = std::fs::read(scans().join("phone-photo.png")).unwrap();
    bytes.extend_from_slice(dir.display().to_string().as_bytes());
    std::fs::write(&png, bytes).unwrap();
    png
}

#[test]
fn a_cached_scan_is_not_read_again_and_a_damaged_entry_is_read_again() {
    let work = tempfile::tempdir().unwrap();
    let bin = fake_tesseract(work.path(), "");
    let png = page_image(work.path());
    let cache = work.path().join("cache");
    let path = [("PATH", bin.as_os_str())];
    let (first, stderr) = export(std::slice::from_ref(&png), &cache, &path);
    assert_eq!(readings(work.path()), 1);
    assert!(stderr.contains("image of a page: read by OCR;"), "{stderr}");
    let m = &first["skannad"];
    assert_eq!(m["reader"], "tesseract");
    assert_eq!(m["chair"], "Anna Berg");
    assert_eq!(
        paragraphs(m),
        [
            (1, norm("Mötets öppnande")),
            (2, norm("Val av justerare")),
            (3, norm("Avslutning"))
        ]
    );

    let (second, stderr) = export(std::slice::from_ref(&png), &cache, &path);
    assert_eq!(
        readings(work.path()),
        1,
        "the second start must not run tesseract"
    );
    assert!(stderr.contains("read by OCR (cached)"), "{stderr}");
    assert_eq!(first, second);

    // A damaged entry (cut short) is ignored, read again and replaced.
    let entries: Vec<PathBuf> = std::fs::read_dir(cache.join("ocr"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(entries.len(), 1, "{entries:?}");
    let whole = std::fs::read(&entries[0]).unwrap();
    std::fs::write(&entries[0], &whole[..whole.len() / 2]).unwrap();
    let (third, _) = export(std::slice::from_ref(&png), &cache, &path);
    assert_eq!(readings(work.path()), 2);
    assert_eq!(first, third);
    assert_eq!(std::fs::read(&entries[0]).unwrap(), whole);
    let (_, stderr) = export(&[png], &cache, &path);
    assert_eq!(readings(work.path()), 2);
    assert!(stderr.contains("(cached)"), "{stderr}");
}

#[test]
fn without_tesseract_a_scan_gets_one_message_with_the_install_command() {
    let work = tempfile::tempdir().unwrap();
    let png = page_image(work.path());
    let txt = root().join("assets/kfsb-styrelse-2011-05-19.txt");
    let (v, stderr) = export(
        &[png.clone(), txt],
        &work.path().join("cache"),
        &[("PATH", "/nonexistent-protokoll-test".as_ref())],
    );
    assert_eq!(
        stderr.lines().collect::<Vec<_>>(),
        [format!(
            "{}:1: image of a page: OCR needs Tesseract, which is not installed: apt install tesseract-ocr tesseract-ocr-swe (macOS: brew install tesseract tesseract-lang)",
            png.display()
        )]
    );
    assert_eq!(v.as_object().unwrap().len(), 1);
}

#[test]
fn in_the_ui_a_scan_stands_in_the_library_at_once_and_is_read_after() {
    let work = tempfile::tempdir().unwrap();
    // A page image Tesseract cannot read: reading it fails at once, and nothing is kept in the
    // (user's) cache, which this test, in this process, cannot move.
    let png = work.path().join("skannad.png");
    let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
    bytes.extend_from_slice(work.path().display().to_string().as_bytes());
    std::fs::write(&png, bytes).unwrap();
    std::fs::write(
        work.path().join("text.txt"),
        std::fs::read(root().join("assets/kfsb-styrelse-2011-05-19.txt")).unwrap(),
    )
    .unwrap();
    let progress = Progress {
        background_ocr: true,
        ..Progress::default()
    };
    let started = Instant::now();
    let (loaded, _) = library::load_checked(&[work.path().to_owned()], &progress);
    assert!(started.elapsed() < Duration::from_secs(5));
    let stand_in = loaded
        .library
        .meetings
        .iter()
        .find(|m| m.source == png.display().to_string())
        .expect("the scan is listed");
    assert!(stand_in.paragraphs.is_empty());
    let scans = progress.scans.into_inner().unwrap();
    if stand_in.reader == library::READING {
        // Tesseract is here: the scan waits, and is read after loading.
        assert_eq!(scans.len(), 1);
        let sent = std::sync::Mutex::new(Vec::new());
        let status = library::ScanProgress::default();
        library::read_scans(scans, &status, &|c| {
            sent.lock().unwrap().push(c);
            true
        });
        let sent = sent.into_inner().unwrap();
        assert_eq!(sent.len(), 1);
        // It replaces its stand-in; unreadable, it stays listed as unread, with its message.
        let library::Change::Read {
            meeting: Some(m),
            diagnostics,
            ..
        } = &sent[0]
        else {
            panic!("{sent:?}");
        };
        assert_eq!(m.reader, library::UNREAD);
        assert_eq!(m.source, png.display().to_string());
        assert!(diagnostics[0].message.contains("OCR"), "{diagnostics:?}");
        assert_eq!(status.done.load(std::sync::atomic::Ordering::Relaxed), 1);
    } else {
        // No Tesseract: listed unread, with the message that says what to install.
        assert_eq!(stand_in.reader, library::UNREAD);
        assert!(scans.is_empty());
        assert!(
            loaded.diagnostics.iter().any(|d| d
                .message
                .contains("apt install tesseract-ocr tesseract-ocr-swe")),
            "{:?}",
            loaded.diagnostics
        );
    }
}

#[test]
fn the_meeting_list_shows_scans_waiting_and_the_ocr_progress() {
    use protokoll::tui::app::{App, OcrState};
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    let mut loaded = library::load_texts(protokoll::samples::SAMPLES);
    let path = Path::new("/arkiv/skannad-2019.pdf");
    loaded.library.meetings.push(library::stand_in(
        path,
        path,
        "skannad-2019.pdf",
        library::READING,
    ));
    let path = Path::new("/arkiv/foto.jpg");
    loaded
        .library
        .meetings
        .push(library::stand_in(path, path, "foto.jpg", library::UNREAD));
    let mut app = App::new(
        loaded.library,
        loaded.diagnostics,
        protokoll::lang::Lang::En,
    );
    app.ocr = Some(OcrState {
        done: 0,
        total: 2,
        current: "/arkiv/skannad-2019.pdf".into(),
        page: 1,
        pages: 3,
    });
    let mut terminal = Terminal::new(TestBackend::new(160, 48)).unwrap();
    terminal
        .draw(|f| {
            protokoll::tui::view::draw(f, &app, &protokoll::tui::theme::Theme::plain());
        })
        .unwrap();
    let screen = terminal.backend().to_string();
    assert!(screen.contains("skannad-2019  reading (OCR)…"), "{screen}");
    assert!(
        screen.contains("foto  unread, see the messages (m)"),
        "{screen}"
    );
    assert!(screen.contains("OCR, page 2 / 3"), "{screen}");
    assert!(
        screen.contains("/arkiv/skannad-2019.pdf (scan 1 / 2)"),
        "{screen}"
    );
}

#[test]
fn a_hanging_tesseract_is_killed_with_its_helpers_at_the_limit() {
    let work = tempfile::tempdir().unwrap();
    let pidfile = work.path().join("helper.pid");
    let bin = fake_tesseract(
        work.path(),
        &format!(
            "sleep 1000 &\necho $! > '{}'\nsleep 1000",
            pidfile.display()
        ),
    );
    // `sleep` is found through PATH beside the fake.
    let path = format!("{}:/usr/bin:/bin", bin.display());
    let png = page_image(work.path());
    let started = Instant::now();
    let (_, stderr) = export(
        &[png],
        &work.path().join("cache"),
        &[
            ("PATH", path.as_ref()),
            ("PROTOKOLL_TOOL_TIMEOUT", "1".as_ref()),
        ],
    );
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "{:?}",
        started.elapsed()
    );
    assert!(
        stderr.contains("OCR: tesseract did not finish a page within 1 s"),
        "{stderr}"
    );
    let pid = std::fs::read_to_string(&pidfile).unwrap();
    let pid = pid.trim();
    let deadline = Instant::now() + Duration::from_secs(5);
    while Path::new(&format!("/proc/{pid}")).exists()
        && !std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|s| {
            s.rsplit(')')
                .next()
                .is_some_and(|s| s.trim_start().starts_with('Z'))
        })
    {
        assert!(Instant::now() < deadline, "the helper {pid} still runs");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn a_hanging_antiword_is_killed_at_the_limit() {
    let work = tempfile::tempdir().unwrap();
    let bin = work.path().join("bin");
    std::fs::create_dir(&bin).unwrap();
    let fake = bin.join("antiword");
    std::fs::write(&fake, "#!/bin/sh\nsleep 1000 &\nsleep 1000\n").unwrap();
    let mut perms = std::fs::metadata(&fake).unwrap().permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o755);
    std::fs::set_permissions(&fake, perms).unwrap();
    let path = format!("{}:/usr/bin:/bin", bin.display());
    let started = Instant::now();
    let (_, stderr) = export(
        &[scans().join("kfsb-styrelse-2011-05-19.doc")],
        &work.path().join("cache"),
        &[
            ("PATH", path.as_ref()),
            ("PROTOKOLL_TOOL_TIMEOUT", "1".as_ref()),
        ],
    );
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "{:?}",
        started.elapsed()
    );
    assert!(
        stderr.contains("antiword did not finish within 1 s"),
        "{stderr}"
    );
}

/// Runs tmux with `args`, returning its output.
fn tmux(args: &[&str]) -> String {
    let out = Command::new("tmux").args(args).output().unwrap();
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A tmux session, killed when dropped (also when the test fails).
struct Session(String);

impl Drop for Session {
    fn drop(&mut self) {
        tmux(&["kill-session", "-t", &self.0]);
    }
}

/// Waits (up to `limit`) until the screen of `session` shows `text`, returning the screen.
fn wait_for(session: &str, text: &str, limit: Duration) -> String {
    let start = Instant::now();
    loop {
        let screen = tmux(&["capture-pane", "-p", "-t", session]);
        if screen.contains(text) || start.elapsed() > limit {
            return screen;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
#[ignore = "needs tmux; run by .ci/run"]
fn in_the_terminal_a_scan_is_listed_at_once_read_in_the_background_and_then_from_the_cache() {
    let work = tempfile::tempdir().unwrap();
    // Tesseract takes three seconds a page here.
    let bin = fake_tesseract(work.path(), "/bin/sleep 3");
    let folder = work.path().join("arkiv");
    std::fs::create_dir(&folder).unwrap();
    let png = page_image(&folder);
    std::fs::copy(
        root().join("assets/kfsb-styrelse-2011-05-19.txt"),
        folder.join("styrelse.txt"),
    )
    .unwrap();
    let start = |run: &str| {
        let session = Session(format!("protokoll-ocr-{}-{run}", std::process::id()));
        let cmd = format!(
            "env LANG=C.UTF-8 NO_COLOR=1 PATH={} PROTOKOLL_CACHE_DIR={} PROTOKOLL_DATA_DIR={} {} --no-watch {}",
            bin.display(),
            work.path().join("cache").display(),
            work.path().join("data").display(),
            env!("CARGO_BIN_EXE_protokoll"),
            folder.display()
        );
        tmux(&[
            "new-session",
            "-d",
            "-s",
            &session.0,
            "-x",
            "140",
            "-y",
            "30",
            &cmd,
        ]);
        session
    };
    let session = start("first");
    // Loading ends (the text file listed too) before the scan is read: its page counts then.
    let screen = wait_for(&session.0, "OCR, page 1 / 1", Duration::from_secs(5));
    assert!(screen.contains("skannad  reading (OCR)…"), "{screen}");
    assert!(screen.contains("OCR, page 1 / 1"), "{screen}");
    // The UI answers while Tesseract works: `j` moves to the next meeting at once.
    let before = Instant::now();
    tmux(&["send-keys", "-t", &session.0, "j"]);
    let moved = wait_for(
        &session.0,
        "A scan: it is read by OCR",
        Duration::from_secs(2),
    );
    assert!(before.elapsed() < Duration::from_secs(1), "{moved}");
    let screen = wait_for(&session.0, "Read by OCR", Duration::from_secs(15));
    drop(session);
    assert!(screen.contains("2024-03-01"), "{screen}");
    assert!(!screen.contains("reading (OCR)"), "{screen}");
    assert_eq!(readings(work.path()), 1);
    // The second start reads it from the cache: no stand-in, no Tesseract.
    let session = start("second");
    let screen = wait_for(&session.0, "2024-03-01", Duration::from_secs(5));
    drop(session);
    assert!(!screen.contains("reading (OCR)"), "{screen}");
    assert_eq!(readings(work.path()), 1);
    drop(png);
}
