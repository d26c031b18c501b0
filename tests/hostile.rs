//! Hostile and odd input, each reproducer of issue 19 as a test: characters whose lowercase has
//! another length, FIFOs and devices where a protocol should be, self-referring symlinks, a
//! `.odt` that repeats cells without end, files that `check` could not check, and file names
//! that carry escape sequences and forged lines.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use protokoll::model::Meeting;

/// Characters whose lowercase is longer or shorter in UTF-8: KELVIN SIGN, İ, OHM SIGN,
/// ANGSTROM SIGN, CAPITAL SHARP S.
const LENGTH_CHANGING: [char; 5] = ['\u{212A}', '\u{0130}', '\u{2126}', '\u{212B}', '\u{1E9E}'];

const HEAD: &str = "Protokoll\n\nNämnden\n\nTid: måndag 4 mars 2024 kl. 13.00-15.00\n\nLedamöter: Anna Berg (S)\nPer Olsson (M)\nEva Lind (C)\n\nJusteringens plats och tid: Kansliet 2024-03-06\n\n";

/// One statement for every reader that finds a word in lowercase and slices the text with it,
/// `{c}` where a length-changing character shifts the offsets.
const STATEMENTS: [&str; 9] = [
    // roll_line
    "Anna Berg (S) {c}ja",
    "Per Olsson (M) - {c}NEJ",
    // meanings: "ja =" … "nej ="
    "{c}JA = kommunstyrelsens {c}förslag, NEJ = {c}Roger Falks yrkande. Omröstningen utfaller med 2 ja-röster mot 1 nej-röst.",
    // meanings: "bifalla … röstar ja"
    "Den som vill bifalla {c}förslaget röstar ja, den som vill bifalla {c}yrkandet röstar nej.",
    // reservation
    "{c} Eva Lind (C) reserverar sig mot beslutet.",
    // substitution
    "{c} Anna Lind (C) tjänstgör som ersättare {c}för Erik Sundin.",
    "{c} Anna Lind (C) ersätter {c}Erik Sundin (C).",
    // motion
    "{c} Eva Lind (C) yrkar {c}avslag.",
    // split_dnr
    "Dnr {c} 2024/12",
];

fn parse(text: &str) -> Meeting {
    protokoll::parse::parse(text, "hostile.txt").0
}

#[test]
fn length_changing_characters_in_every_reader_do_not_lose_the_protocol() {
    for c in LENGTH_CHANGING {
        for s in STATEMENTS {
            let statement = s.replace("{c}", &c.to_string());
            let text = format!(
                "{HEAD}§ 1 Ärende {c} Dnr 2024/{c}1\n\n{statement}\n\nNämnden beslutar att bifalla.\n\n§ 2 Nästa {c}Dnr: 2024/2\n\n{statement}\n"
            );
            let m = parse(&text);
            let numbers: Vec<u32> = m.paragraphs.iter().map(|p| p.number).collect();
            assert_eq!(numbers, [1, 2], "{c:?} in {statement:?}");
            // Through the library too: a panic there would skip the file with a message.
            let loaded = protokoll::library::load_texts(&[("hostile.txt", text.as_bytes())]);
            assert_eq!(loaded.library.meetings.len(), 1, "{:?}", loaded.diagnostics);
        }
    }
}

#[test]
fn the_vote_line_of_the_issue_is_read_as_a_vote() {
    let text = format!(
        "{HEAD}§ 1 Ärende\n\nNämnden beslutar att bifalla.\n\nOmröstningen utfaller med 2 ja-röster mot 1 nej-röst.\n\nAnna Berg (S) \u{212A}ja\nPer Olsson (M) ja\nEva Lind (C) nej\n"
    );
    let m = parse(&text);
    assert_eq!(m.paragraphs.len(), 1);
    let p = &m.paragraphs[0];
    assert_eq!(p.votes.len(), 1, "{:?}", p.votes);
}

#[test]
fn meanings_motions_and_reservations_keep_their_text_around_length_changing_characters() {
    let text = format!(
        "{HEAD}§ 1 Ärende\n\n\u{212A}\u{130} JA = kommunstyrelsens förslag, NEJ = Roger Falks yrkande.\n\nOmröstningen utfaller med 2 ja-röster mot 1 nej-röst.\n\nNu \u{1E9E}\u{2126} Eva Lind (C) yrkar avslag.\n\n\u{212B}, Per Olsson (M) reserverar sig mot beslutet.\n"
    );
    let m = parse(&text);
    let p = &m.paragraphs[0];
    assert_eq!(
        p.votes[0].yes_means.as_deref(),
        Some("kommunstyrelsens förslag")
    );
    assert_eq!(p.votes[0].no_means.as_deref(), Some("Roger Falks yrkande"));
    assert_eq!(p.motions[0].by, "Eva Lind");
    assert_eq!(p.motions[0].text, "avslag.");
    assert_eq!(p.reservations[0].names, ["Per Olsson"]);
}

/// Runs `protokoll` with `args`, failing the test instead of hanging when it takes longer than
/// `limit`. Returns exit code, stdout, stderr and how long it took.
fn protokoll_within(
    args: &[&std::ffi::OsStr],
    env: &[(&str, &std::ffi::OsStr)],
    limit: Duration,
) -> (Option<i32>, String, String, Duration) {
    let dir = tempfile::tempdir().unwrap();
    let (out_path, err_path) = (dir.path().join("out"), dir.path().join("err"));
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_protokoll"));
    cmd.args(args)
        .env("XDG_DATA_HOME", "/nonexistent-protokoll-test")
        .env("PROTOKOLL_DATA_DIR", dir.path().join("data"))
        .env("LANG", "C")
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&out_path).unwrap())
        .stderr(std::fs::File::create(&err_path).unwrap());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let started = Instant::now();
    let mut child = cmd.spawn().unwrap();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("protokoll {args:?} did not return within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let elapsed = started.elapsed();
    let read = |p: &Path| String::from_utf8_lossy(&std::fs::read(p).unwrap()).into_owned();
    (status.code(), read(&out_path), read(&err_path), elapsed)
}

/// A folder holding a fake `pdftotext` (a shell script running `body`), for `PATH`.
fn fake_pdftotext(body: &str) -> tempfile::TempDir {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("pdftotext");
    std::fs::write(&script, format!("#!/bin/sh\n{body}\n")).unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    dir
}

/// `PATH` with `dir` first.
fn path_with(dir: &Path) -> std::ffi::OsString {
    let mut paths = vec![dir.to_owned()];
    paths.extend(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    ));
    std::env::join_paths(paths).unwrap()
}

/// Whether process `pid` is gone (or a zombie waiting for init), within two seconds.
fn gone(pid: &str) -> bool {
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(2) {
        match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
            Err(_) => return true,
            Ok(stat)
                if stat
                    .rsplit(')')
                    .next()
                    .is_some_and(|s| s.trim_start().starts_with('Z')) =>
            {
                return true;
            }
            Ok(_) => std::thread::sleep(Duration::from_millis(50)),
        }
    }
    false
}

/// A PDF as far as the first bytes go; the fake `pdftotext` never reads it.
fn pdf_file(dir: &Path) -> PathBuf {
    let pdf = dir.join("protokoll.pdf");
    std::fs::write(&pdf, b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n").unwrap();
    pdf
}

#[test]
fn a_pdftotext_that_hangs_with_a_helper_is_killed_as_a_group_at_the_limit() {
    let work = tempfile::tempdir().unwrap();
    let pidfile = work.path().join("helper.pid");
    let fake = fake_pdftotext(&format!(
        "sleep 1000 &\necho $! > '{}'\nsleep 1000",
        pidfile.display()
    ));
    let pdf = pdf_file(work.path());
    let (_, _, err, elapsed) = protokoll_within(
        &["export".as_ref(), pdf.as_os_str()],
        &[
            ("PATH", &path_with(fake.path())),
            ("PROTOKOLL_TOOL_TIMEOUT", "1".as_ref()),
        ],
        Duration::from_secs(20),
    );
    assert!(elapsed < Duration::from_secs(8), "{elapsed:?}");
    assert!(
        err.contains("protokoll.pdf:1: cannot read PDF: pdftotext did not finish within 1 s"),
        "{err}"
    );
    let pid = std::fs::read_to_string(&pidfile).unwrap();
    assert!(gone(pid.trim()), "the helper {pid} still runs");
}

#[test]
fn a_pdftotext_that_exits_leaving_a_helper_on_its_output_does_not_hold_us() {
    let work = tempfile::tempdir().unwrap();
    let pidfile = work.path().join("helper.pid");
    let fake = fake_pdftotext(&format!(
        "printf 'Protokoll\\n\\n§ 1 Öppnande\\n\\nMötet öppnas.\\n'\nsleep 1000 &\necho $! > '{}'\nexit 0",
        pidfile.display()
    ));
    let pdf = pdf_file(work.path());
    let (code, out, err, elapsed) = protokoll_within(
        &["export".as_ref(), pdf.as_os_str()],
        &[
            ("PATH", &path_with(fake.path())),
            ("PROTOKOLL_TOOL_TIMEOUT", "30".as_ref()),
        ],
        Duration::from_secs(20),
    );
    assert!(elapsed < Duration::from_secs(8), "{elapsed:?}");
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("Öppnande"), "{out}");
    let pid = std::fs::read_to_string(&pidfile).unwrap();
    assert!(gone(pid.trim()), "the helper {pid} still runs");
}

/// A protocol that parses, for folders that need one good file.
const GOOD: &str =
    "Protokoll\n\nTid: 2024-03-01 09.00-12.00\n\n§ 1 Ett\n\nText.\n\n§ 2 Två\n\nText.\n";

fn mkfifo(path: &Path) {
    let ok = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(ok.success());
}

fn export(paths: &[&Path]) -> (Option<i32>, String, String, Duration) {
    let mut args: Vec<&std::ffi::OsStr> = vec!["export".as_ref()];
    args.extend(paths.iter().map(|p| p.as_os_str()));
    protokoll_within(&args, &[], Duration::from_secs(20))
}

#[test]
fn fifos_devices_and_sockets_are_refused_with_a_message_and_the_rest_loads() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("good.txt"), GOOD).unwrap();
    mkfifo(&d.join("x.txt"));
    std::os::unix::fs::symlink("/dev/null", d.join("null.txt")).unwrap();
    let _socket = std::os::unix::net::UnixListener::bind(d.join("s.sock")).unwrap();
    std::os::unix::fs::symlink(d.join("s.sock"), d.join("socket.txt")).unwrap();
    let fifo_elsewhere = tempfile::tempdir().unwrap();
    mkfifo(&fifo_elsewhere.path().join("f"));
    std::os::unix::fs::symlink(fifo_elsewhere.path().join("f"), d.join("linked.md")).unwrap();

    let (code, out, err, _) = export(&[d]);
    assert_eq!(code, Some(0), "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["meetings"].as_array().unwrap().len(), 1, "{err}");
    for (file, kind) in [
        ("x.txt", "fifo"),
        ("null.txt", "character device"),
        ("socket.txt", "socket"),
        ("linked.md", "fifo"),
    ] {
        let want = format!("{}:1: not a regular file ({kind})", d.join(file).display());
        assert!(err.lines().any(|l| l == want), "{want}\n{err}");
    }
}

#[test]
fn a_fifo_named_on_the_command_line_is_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("x.txt");
    mkfifo(&fifo);
    let good = dir.path().join("good.txt");
    std::fs::write(&good, GOOD).unwrap();
    let (code, out, err, elapsed) = export(&[&fifo, &good]);
    assert!(elapsed < Duration::from_secs(5), "{elapsed:?}");
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("\"good\""), "{out}");
    assert_eq!(
        err.trim_end(),
        format!("{}:1: not a regular file (fifo)", fifo.display())
    );
}

/// A folder with two links to itself, a loop of two links and a link to nowhere, and what else
/// `fill` puts there.
fn tangled(fill: impl FnOnce(&Path)) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::os::unix::fs::symlink(".", d.join("a")).unwrap();
    std::os::unix::fs::symlink(".", d.join("b")).unwrap();
    std::os::unix::fs::symlink("loop2", d.join("loop1")).unwrap();
    std::os::unix::fs::symlink("loop1", d.join("loop2")).unwrap();
    std::os::unix::fs::symlink("nowhere", d.join("gone")).unwrap();
    fill(d);
    dir
}

#[test]
fn self_links_in_the_data_folder_return_promptly() {
    // Without protocols in the data folder, the bundled samples open.
    let data = tempfile::tempdir().unwrap();
    let mine = data.path().join("protokoll");
    std::fs::create_dir(&mine).unwrap();
    for (link, to) in [("a", "."), ("b", "."), ("l1", "l2"), ("l2", "l1")] {
        std::os::unix::fs::symlink(to, mine.join(link)).unwrap();
    }
    let (code, out, err, elapsed) = protokoll_within(
        &["export".as_ref()],
        &[("XDG_DATA_HOME", data.path().as_os_str())],
        Duration::from_secs(20),
    );
    assert!(elapsed < Duration::from_secs(5), "{elapsed:?}");
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("kfsb-styrelse"), "the samples: {out}");
    // With a protocol there, the data folder is read, each file once.
    std::fs::write(mine.join("p.txt"), GOOD).unwrap();
    let (code, out, err, _) = protokoll_within(
        &["export".as_ref()],
        &[("XDG_DATA_HOME", data.path().as_os_str())],
        Duration::from_secs(20),
    );
    assert_eq!(code, Some(0), "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["meetings"].as_array().unwrap().len(), 1, "{err}");
}

#[test]
fn self_links_and_link_loops_in_a_named_folder_return_promptly() {
    let dir = tangled(|d| std::fs::write(d.join("p.txt"), GOOD).unwrap());
    let (code, out, err, elapsed) = export(&[dir.path()]);
    assert!(elapsed < Duration::from_secs(5), "{elapsed:?}");
    assert_eq!(code, Some(0), "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["meetings"].as_array().unwrap().len(), 1, "{err}");
    assert!(err.is_empty(), "{err}");
    let started = Instant::now();
    let loaded = protokoll::library::load(&[dir.path().to_owned()]);
    assert!(started.elapsed() < Duration::from_secs(5));
    assert_eq!(loaded.library.meetings.len(), 1);
    assert_eq!(protokoll::library::files_under(dir.path()).len(), 1);
}

/// An `.odt` holding `body` as its text, deflated.
fn odt(body: &str) -> Vec<u8> {
    use std::io::Write;
    use zip::write::SimpleFileOptions;
    let content = format!(
        "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\"><office:body><office:text>{body}</office:text></office:body></office:document-content>"
    );
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    z.start_file("mimetype", stored).unwrap();
    z.write_all(b"application/vnd.oasis.opendocument.text")
        .unwrap();
    let deflated =
        SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    z.start_file("content.xml", deflated).unwrap();
    z.write_all(content.as_bytes()).unwrap();
    z.finish().unwrap().into_inner()
}

#[test]
fn an_odt_that_repeats_cells_without_end_costs_little() {
    // 2,000 rows of 50 empty cells, each "repeated" 10⁶ times, before one with text; every row
    // "repeated" 10⁶ times. Read as asked, that is 10¹¹ cells of every row.
    let row = format!(
        "<table:table-row table:number-rows-repeated=\"1000000\">{}<table:table-cell><text:p>x</text:p></table:table-cell><table:table-cell table:number-columns-repeated=\"1000000\"/></table:table-row>",
        "<table:table-cell table:number-columns-repeated=\"1000000\"/>".repeat(50)
    );
    let body = format!(
        "<text:p>§ 1 Ärende</text:p><table:table>{}</table:table>",
        row.repeat(2_000)
    );
    let bytes = odt(&body);
    assert!(bytes.len() < 200_000, "a small file: {}", bytes.len());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("repeats.odt");
    std::fs::write(&path, &bytes).unwrap();
    let started = Instant::now();
    let doc = protokoll::docs::read(&path).unwrap();
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "{:?}",
        started.elapsed()
    );
    // Each cell element once, plus the budget of repeats: far below what was asked.
    assert!(doc.text.len() < 400_000, "{} bytes of text", doc.text.len());
    assert_eq!(doc.text.lines().filter(|l| l.ends_with('x')).count(), 2_000);
}

fn check(args: &[&std::ffi::OsStr]) -> (Option<i32>, String, String) {
    let mut all: Vec<&std::ffi::OsStr> = vec!["check".as_ref()];
    all.extend_from_slice(args);
    let (code, out, err, _) = protokoll_within(&all, &[], Duration::from_secs(30));
    (code, out, err)
}

#[test]
fn check_fails_on_every_file_it_could_not_check() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("good.txt"), GOOD).unwrap();
    let (code, _, err) = check(&[d.as_os_str()]);
    assert_eq!(code, Some(0), "a clean folder passes: {err}");

    std::fs::write(d.join("empty.txt"), b"").unwrap();
    // Control bytes but no NUL.
    std::fs::write(
        d.join("binary.txt"),
        b"\x01\x02\x03\x04\x05\x06\x07\x08Protokoll\x0e\x0f",
    )
    .unwrap();
    std::fs::File::create(d.join("huge.txt"))
        .unwrap()
        .set_len(25 * 1024 * 1024)
        .unwrap();
    std::fs::write(d.join("notes.md"), "# Anteckningar\n\nIngen paragraf.\n").unwrap();
    mkfifo(&d.join("fifo.txt"));
    let doc = d.join("old.doc");
    std::fs::write(&doc, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest").unwrap();

    let (code, out, err) = check(&[d.as_os_str(), doc.as_os_str()]);
    assert_eq!(code, Some(1), "{out}\n{err}");
    for (file, why) in [
        ("empty.txt", "empty file"),
        ("binary.txt", "% control characters"),
        ("huge.txt", "25.0 MB"),
        ("fifo.txt", "not a regular file (fifo)"),
        ("old.doc", "Word 97-2003"),
    ] {
        let head = format!(
            "{}:1: error[unreadable]: not checked: ",
            d.join(file).display()
        );
        assert!(
            out.lines().any(|l| l.starts_with(&head) && l.contains(why)),
            "{file}: {why}\n{out}"
        );
    }
    assert!(!out.contains("NUL"), "no NUL byte in binary.txt: {out}");
    assert!(!out.contains("good.txt"), "{out}");
    // A file with text but no numbered items is read, as one unnumbered item: not unreadable.
    assert!(!out.contains("notes.md:1: error[unreadable]"), "{out}");

    let (code, json, _) = check(&["--format".as_ref(), "json".as_ref(), d.as_os_str()]);
    assert_eq!(code, Some(1));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let f = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["meeting"] == "empty")
        .expect("a finding for empty.txt");
    assert_eq!(
        (
            f["severity"].as_str(),
            f["code"].as_str(),
            f["line"].as_u64()
        ),
        (Some("error"), Some("unreadable"), Some(1))
    );

    let (code, md, _) = check(&["--format".as_ref(), "markdown".as_ref(), d.as_os_str()]);
    assert_eq!(code, Some(1));
    assert!(
        md.contains("# Review: empty")
            && md.contains("| error |  | 1 | `unreadable` not checked: "),
        "{md}"
    );
}

#[test]
fn check_of_a_path_that_does_not_exist_is_a_usage_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("good.txt"), GOOD).unwrap();
    let missing = dir.path().join("no-such-folder");
    let (code, _, err) = check(&[dir.path().as_os_str(), missing.as_os_str()]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains(&format!("{}:1: cannot read", missing.display())),
        "{err}"
    );
}

/// A file name that sets the terminal title, clears the screen and forges a line of output,
/// with a bidi override and a tag character after it.
const EVIL: &str = "evil\x1b]0;title\x07\x1b[2J\nFORGED.txt:9: error[forged]\u{202e}\u{e0041}";

/// A protocol with a § missing (a finding), people and a word to search for, with escape
/// sequences and invisible characters inside too.
const EVIL_TEXT: &str = "Protokoll\n\nTid: 2024-03-01 09.00-12.00\n\nNärvarande: Anna Berg (S), ordförande\nPer \u{200f}Olsson (M)\n\n§ 1 Utjämning \x1b[31mröd\u{2028}\n\nUtjämning av kostnader\u{e0041}.\n\n§ 3 Tre\n\nText.\n";

/// What must never reach a terminal from a file or its name. JSON keeps a path as it is (a
/// program reads it, and JSON escapes control characters), so only controls are looked for
/// there.
fn assert_clean(what: &str, bytes: &str) {
    let json = what.contains("json") || what.contains("export");
    for bad in [
        '\x1b',
        '\x07',
        '\u{9b}',
        '\u{202e}',
        '\u{200f}',
        '\u{2028}',
        '\u{e0041}',
    ] {
        if json && !bad.is_control() {
            continue;
        }
        assert!(!bytes.contains(bad), "{what}: {bad:?} in\n{bytes}");
    }
    assert!(
        !bytes.lines().any(|l| l.trim_start().starts_with("FORGED")),
        "{what}: a forged line in\n{bytes}"
    );
}

#[test]
fn file_names_with_escapes_and_newlines_forge_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join(format!("{EVIL}.txt")), EVIL_TEXT).unwrap();
    std::fs::write(
        d.join(format!("bin-{EVIL}.txt")),
        b"\x01\x02\x03\x04\x05\x06\x07",
    )
    .unwrap();
    let folder = d.as_os_str();
    let runs: [&[&std::ffi::OsStr]; 9] = [
        &["people".as_ref(), folder],
        &[
            "people".as_ref(),
            "--format".as_ref(),
            "json".as_ref(),
            folder,
        ],
        &["check".as_ref(), folder],
        &[
            "check".as_ref(),
            "--format".as_ref(),
            "markdown".as_ref(),
            folder,
        ],
        &[
            "check".as_ref(),
            "--format".as_ref(),
            "json".as_ref(),
            folder,
        ],
        &["search".as_ref(), "utjämning".as_ref(), folder],
        &[
            "search".as_ref(),
            "--format".as_ref(),
            "json".as_ref(),
            "utjämning".as_ref(),
            folder,
        ],
        &["export".as_ref(), folder],
        &["people".as_ref(), "olsson".as_ref(), folder],
    ];
    for args in runs {
        let (_, out, err, _) = protokoll_within(args, &[], Duration::from_secs(30));
        let what = format!("{args:?}");
        assert_clean(&format!("{what} stdout"), &out);
        // Diagnostics are text whatever the format.
        let what = what.replace("json", "").replace("export", "");
        assert_clean(&format!("{what} stderr"), &err);
        // The file was read, and named in a way that can be recognised.
        assert!(
            out.contains("FORGED") || err.contains("FORGED"),
            "{what}: the file is not named\n{out}\n{err}"
        );
    }
    let (_, out, err, _) = protokoll_within(runs[2], &[], Duration::from_secs(30));
    assert!(
        out.lines().any(
            |l| l.contains("evil␛]0;title␇␛[2J␊FORGED.txt:9: error[forged].txt:")
                && l.contains("warning[paragraph-gap]")
        ),
        "{out}"
    );
    assert!(err.contains("bin-evil␛]0;title␇␛[2J␊FORGED"), "{err}");
    let (_, people, _, _) = protokoll_within(runs[8], &[], Duration::from_secs(30));
    assert!(people.starts_with("Per Olsson (M)"), "{people}");
}

mod marks {
    use super::*;
    use protokoll::review::marks::{Marks, Store};
    use std::os::unix::fs::FileTypeExt;

    fn store(dir: &Path) -> Store {
        Store {
            path: dir.join("review.json"),
        }
    }

    fn some_marks() -> Marks {
        let (mut m, _) = protokoll::parse::parse(GOOD, "p.txt");
        m.source = "/library/p.txt".into();
        let mut marks = Marks::default();
        marks.toggle(&m, 1);
        marks
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn temporary_files_of_killed_saves_are_removed_at_start() {
        let dir = tempfile::tempdir().unwrap();
        let s = store(dir.path());
        s.save(&some_marks()).unwrap();
        // A process that has exited, and one that lives (init) but wrote an hour ago.
        let mut gone = Command::new("true").spawn().unwrap();
        let dead = gone.id();
        gone.wait().unwrap();
        let temp = |pid: u32| dir.path().join(format!(".review.json.{pid}.tmp"));
        std::fs::write(temp(dead), "{").unwrap();
        let old = std::fs::File::create(temp(1)).unwrap();
        old.set_modified(std::time::SystemTime::now() - Duration::from_secs(3600))
            .unwrap();
        // A save under way in a living process is left alone.
        let mut living = Command::new("sleep").arg("30").spawn().unwrap();
        std::fs::write(temp(living.id()), "{").unwrap();
        std::fs::write(dir.path().join("other.tmp"), "").unwrap();

        let (marks, problem) = s.load();
        assert_eq!(problem, None);
        assert_eq!(marks.protocols.len(), 1);
        assert_eq!(
            names(dir.path()),
            [
                format!(".review.json.{}.tmp", living.id()),
                "other.tmp".to_owned(),
                "review.json".to_owned()
            ]
        );
        let _ = living.kill();
        let _ = living.wait();
    }

    #[test]
    fn a_failed_save_removes_its_temporary_file_and_the_next_save_works() {
        let dir = tempfile::tempdir().unwrap();
        let s = store(dir.path());
        // The temporary file lands on a full disk: /dev/full fails every write.
        let temp = dir
            .path()
            .join(format!(".review.json.{}.tmp", std::process::id()));
        std::os::unix::fs::symlink("/dev/full", &temp).unwrap();
        assert!(s.save(&some_marks()).is_err());
        assert!(
            !temp.exists() && !temp.is_symlink(),
            "the temporary file is left"
        );
        s.save(&some_marks()).unwrap();
        assert_eq!(s.load().0, some_marks_saved());
        assert_eq!(names(dir.path()), ["review.json"]);
    }

    fn some_marks_saved() -> Marks {
        Marks {
            version: 1,
            ..some_marks()
        }
    }

    #[test]
    fn marks_that_cannot_be_read_are_never_saved_over() {
        // Not a regular file: loading says so at once (no hang), saving refuses.
        let dir = tempfile::tempdir().unwrap();
        let s = store(dir.path());
        mkfifo(&s.path);
        let (marks, problem) = s.load();
        assert_eq!(marks, Marks::default());
        let problem = problem.expect("a message");
        assert!(problem.contains("not a regular file (fifo)"), "{problem}");
        let e = s.save(&some_marks()).unwrap_err().to_string();
        assert!(e.contains("is kept as it is"), "{e}");
        assert!(
            std::fs::symlink_metadata(&s.path)
                .unwrap()
                .file_type()
                .is_fifo()
        );

        // Damaged marks that could not be set aside stay as they are.
        let dir = tempfile::tempdir().unwrap();
        let s = store(dir.path());
        std::fs::write(&s.path, "{\"version\": 1, \"protocols\": {\"x\": ").unwrap();
        let e = s.save(&some_marks()).unwrap_err().to_string();
        assert!(e.contains("cannot be read as review marks"), "{e}");
        assert_eq!(
            std::fs::read_to_string(&s.path).unwrap(),
            "{\"version\": 1, \"protocols\": {\"x\": "
        );
        assert_eq!(names(dir.path()), ["review.json"], "no temporary file left");

        // Marks the user may not read (root reads everything, so only others can test this).
        if !rustix::process::geteuid().is_root() {
            use std::os::unix::fs::PermissionsExt;
            let dir = tempfile::tempdir().unwrap();
            let s = store(dir.path());
            s.save(&some_marks()).unwrap();
            std::fs::set_permissions(&s.path, std::fs::Permissions::from_mode(0o000)).unwrap();
            let (_, problem) = s.load();
            assert!(problem.is_some_and(|p| p.contains("cannot read")));
            assert!(s.save(&Marks::default()).is_err());
            std::fs::set_permissions(&s.path, std::fs::Permissions::from_mode(0o600)).unwrap();
            assert_eq!(s.load().0, some_marks_saved());
        }
    }
}
