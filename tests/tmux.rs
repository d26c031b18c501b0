//! End to end in a real terminal: tmux runs the built binary on the seed protocols, we type
//! keys and read the screen back (with `-e`, its styles too). Needs tmux and `../shared`;
//! `.ci/run` installs tmux and runs this with `--ignored`. `PROTOKOLL_BIN` runs another build
//! (an older one, to see a test fail before its fix).

use std::process::Command;
use std::time::{Duration, Instant};

/// tmux on a server of our own (`-L`), so settings like `set-clipboard` touch no other
/// session of the machine.
fn tmux(args: &[&str]) -> String {
    String::from_utf8_lossy(&tmux_run(args).stdout).into_owned()
}

fn tmux_run(args: &[&str]) -> std::process::Output {
    let socket = format!("protokoll-test-{}", std::process::id());
    Command::new("tmux")
        .args(["-L", &socket])
        .args(args)
        .output()
        .expect("tmux is installed")
}

fn wait_for(session: &str, what: &str) -> String {
    let start = Instant::now();
    loop {
        let screen = tmux(&["capture-pane", "-p", "-t", session]);
        if screen.contains(what) || start.elapsed() > Duration::from_secs(10) {
            return screen;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
#[ignore = "needs tmux and ../shared/corpus/seeds; run by .ci/run with --ignored"]
fn goto_paragraph_23_in_a_real_terminal() {
    let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/seeds");
    assert!(seeds.is_dir(), "{} is missing", seeds.display());
    let session = start("e2e", &seeds, "");
    let first = wait_for(&session, "Meetings 5");
    assert!(first.contains("Meetings 5"), "{first}");
    // The newest meeting (2025-06-09) is selected; § 23 is in it.
    tmux(&["send-keys", "-t", &session, ":", "2", "3", "Enter"]);
    let screen = wait_for(&session, "Paragraph § 23");
    stop(&session);
    let flat = screen.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains("§ 23 Översyn av modell för fördelning av"),
        "{screen}"
    );
    assert!(screen.contains("Paragraph § 23 · 3/10"), "{screen}");
}

/// A tmux session that ends with its test, passed or failed.
struct Session(String);

impl std::ops::Deref for Session {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = tmux(&["kill-session", "-t", &self.0]);
    }
}

/// Runs the binary in tmux over `dir` with `args`, returning the session.
fn start(name: &str, dir: &std::path::Path, args: &str) -> Session {
    start_in(name, dir, args, (120, 40), "")
}

/// The binary under test.
fn binary() -> String {
    std::env::var("PROTOKOLL_BIN").unwrap_or_else(|_| env!("CARGO_BIN_EXE_protokoll").to_owned())
}

/// Runs the binary in tmux over `dir` with `args` in a terminal of `size`, with more `env`.
fn start_in(name: &str, dir: &std::path::Path, args: &str, size: (u16, u16), env: &str) -> Session {
    let session = format!("protokoll-{name}-{}", std::process::id());
    let cmd = format!(
        "env LANG=C.UTF-8 NO_COLOR=1 {env} {} {args} {}",
        binary(),
        dir.display()
    );
    let (w, h) = (size.0.to_string(), size.1.to_string());
    // The tests share one tmux server, which exits when its last session ends: a session
    // asked for just then can reach the exiting server and not be made, so it is asked for
    // again until it is there.
    for _ in 0..20 {
        tmux(&[
            "new-session",
            "-d",
            "-s",
            &session,
            "-x",
            &w,
            "-y",
            &h,
            &cmd,
        ]);
        if tmux_ok(&["has-session", "-t", &session]) {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    Session(session)
}

/// Whether a tmux command succeeded.
fn tmux_ok(args: &[&str]) -> bool {
    tmux_run(args).status.success()
}

fn keys(session: &str, keys: &[&str]) {
    let mut args = vec!["send-keys", "-t", session];
    args.extend_from_slice(keys);
    tmux(&args);
}

/// The screen as the terminal shows it, with its styles as escape sequences.
fn styled(session: &str) -> String {
    tmux(&["capture-pane", "-e", "-p", "-t", session])
}

/// Waits until the screen changes from `before` (or 5 s), returning the new screen.
fn wait_change(session: &str, before: &str) -> String {
    let start = Instant::now();
    loop {
        let screen = tmux(&["capture-pane", "-p", "-t", session]);
        if screen != before || start.elapsed() > Duration::from_secs(5) {
            return screen;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// The rows of the paragraph pane (right of the left column at 80 columns), joined.
fn body_of(screen: &str) -> String {
    screen
        .lines()
        .map(|l| l.chars().skip(34).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

fn seeds() -> std::path::PathBuf {
    let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/seeds");
    assert!(seeds.is_dir(), "{} is missing", seeds.display());
    seeds
}

#[test]
#[ignore = "needs tmux and ../shared/corpus/seeds; run by .ci/run with --ignored"]
fn a_search_hit_is_on_screen_with_context_and_the_pane_still_scrolls() {
    let file = seeds().join("kfvn-styrelse-2010-04-22.txt");
    let data = tempfile::tempdir().unwrap();
    let env = format!("PROTOKOLL_DATA_DIR={}", data.path().display());
    let session = start_in("hit", &file, "--no-watch", (80, 24), &env);
    wait_for(&session, "Meetings 1");
    keys(&session, &["/", "Socialkola", "Enter"]);
    wait_for(&session, "2 hits");
    // The hit is brought into view by a second draw, right after the first: wait for it.
    let start = Instant::now();
    let mut screen = tmux(&["capture-pane", "-p", "-t", &session]);
    while !body_of(&screen).contains("Socialkola") && start.elapsed() < Duration::from_secs(5) {
        std::thread::sleep(Duration::from_millis(20));
        screen = tmux(&["capture-pane", "-p", "-t", &session]);
    }
    let marked = styled(&session);
    // The hit is in the paragraph pane, drawn reversed (the found style without colour),
    // with rows of context above it.
    let body = body_of(&screen);
    assert!(body.contains("Socialkola"), "{screen}");
    let row = screen
        .lines()
        .position(|l| {
            l.chars()
                .skip(34)
                .collect::<String>()
                .contains("Socialkola")
        })
        .unwrap();
    assert!(row >= 3, "no context above the hit:\n{screen}");
    assert!(
        marked.lines().any(|l| l.contains("\x1b[7mSocialkola")),
        "the hit is not marked:\n{marked}"
    );
    // The pane still scrolls: g shows the § heading, j moves on, G reaches the end.
    keys(&session, &["g"]);
    let top = wait_for(&session, "§ 19 Förstärkt");
    assert!(body_of(&top).contains("§ 19 Förstärkt"), "{top}");
    keys(&session, &["j"]);
    let down = wait_change(&session, &top);
    assert!(!body_of(&down).contains("§ 19 Förstärkt"), "{down}");
    // After following a finding, too: ! Enter, then g brings its § heading back.
    keys(&session, &["Escape", "!"]);
    wait_for(&session, "goes there");
    keys(&session, &["Enter"]);
    std::thread::sleep(Duration::from_millis(300));
    keys(&session, &["g"]);
    std::thread::sleep(Duration::from_millis(300));
    let after = tmux(&["capture-pane", "-p", "-t", &session]);
    stop(&session);
    let title = after.lines().next().unwrap_or("");
    let number = title
        .split("Paragraph § ")
        .nth(1)
        .and_then(|t| t.split_whitespace().next())
        .unwrap_or("?");
    assert!(
        body_of(&after).contains(&format!("§ {number} ")),
        "the heading of § {number} did not come back:\n{after}"
    );
}

fn stop(session: &str) {
    tmux(&["send-keys", "-t", session, "q"]);
    std::thread::sleep(Duration::from_millis(200));
    let _ = tmux(&["kill-session", "-t", session]);
}

#[test]
#[ignore = "needs tmux; run by .ci/run with --ignored"]
fn a_protocol_saved_into_the_folder_appears_while_running_unless_no_watch() {
    let assets = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets");
    let sample = std::fs::read(assets.join("kfsb-styrelse-2021-03-12.txt")).unwrap();
    let other = std::fs::read(assets.join("alstad-ksau-2024-02-12.txt")).unwrap();

    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), &sample).unwrap();
    let session = start("watch", dir.path(), "");
    let first = wait_for(&session, "Meetings 1");
    assert!(first.contains("Meetings 1"), "{first}");
    std::fs::write(dir.path().join("b.txt"), &other).unwrap();
    let screen = wait_for(&session, "Meetings 2");
    stop(&session);
    assert!(screen.contains("Meetings 2"), "{screen}");
    assert!(screen.contains("2024-02-12"), "{screen}");
    assert!(screen.contains("Folder changed"), "{screen}");

    let quiet = tempfile::tempdir().unwrap();
    std::fs::write(quiet.path().join("a.txt"), &sample).unwrap();
    let session = start("nowatch", quiet.path(), "--no-watch");
    let first = wait_for(&session, "Meetings 1");
    assert!(first.contains("Meetings 1"), "{first}");
    std::fs::write(quiet.path().join("b.txt"), &other).unwrap();
    std::thread::sleep(Duration::from_millis(1500));
    let screen = tmux(&["capture-pane", "-p", "-t", &session]);
    stop(&session);
    assert!(screen.contains("Meetings 1"), "{screen}");
}

#[test]
#[ignore = "needs tmux; run by .ci/run with --ignored"]
fn closing_the_terminal_ends_the_program() {
    let assets = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets");
    let session = start("hangup", &assets, "--no-watch");
    let first = wait_for(&session, "Meetings");
    assert!(first.contains("Meetings"), "{first}");
    let pid = tmux(&["display", "-p", "-t", &session, "#{pane_pid}"]);
    let proc_dir = std::path::PathBuf::from(format!("/proc/{}", pid.trim()));
    assert!(proc_dir.exists(), "pid {pid}");
    // The window goes away without the program being asked to quit.
    let _ = tmux(&["kill-session", "-t", &session]);
    let start = Instant::now();
    while proc_dir.exists() && start.elapsed() < Duration::from_secs(10) {
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(
        !proc_dir.exists(),
        "protokoll (pid {}) still runs after its terminal closed",
        pid.trim()
    );
}

#[test]
#[ignore = "needs tmux and ../shared/corpus/seeds; run by .ci/run with --ignored"]
fn e_opens_the_editor_at_the_paragraph_and_reads_the_file_again() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("kfvn-styrelse-2010-04-22.txt");
    std::fs::copy(seeds().join("kfvn-styrelse-2010-04-22.txt"), &file).unwrap();
    // A stand-in for vim: it notes its arguments and changes the § title in the file.
    let bin = dir.path().join("bin");
    std::fs::create_dir(&bin).unwrap();
    let args = dir.path().join("args.txt");
    let data = tempfile::tempdir().unwrap();
    let env = fake_editor(
        &bin,
        &args,
        "s/Sammanträdet öppnas/Sammanträdet öppnas kl. 9/",
        data.path(),
    );
    // Not watching: the file is read again because the editor returned, not because it changed.
    let session = start_in("editor", dir.path(), "--no-watch", (100, 30), &env);
    wait_for(&session, "Meetings 1");
    keys(&session, &["e"]);
    let screen = wait_for(&session, "Read again");
    let heading = std::fs::read_to_string(&file)
        .unwrap()
        .lines()
        .position(|l| l.trim() == "§ 15")
        .unwrap()
        + 1;
    let canonical = file.canonicalize().unwrap();
    assert_eq!(
        std::fs::read_to_string(&args).unwrap().trim(),
        format!("+{heading} {}", canonical.display())
    );
    assert!(
        screen.contains("§ 15  Sammanträdet öppnas kl. 9"),
        "{screen}"
    );
    // The terminal is ours again: keys work, the screen is whole.
    keys(&session, &["]"]);
    let next = wait_for(&session, "Paragraph § 16");
    stop(&session);
    assert!(next.contains("Paragraph § 16"), "{next}");
    assert!(
        next.lines().next().unwrap().starts_with("┌ Meetings 1"),
        "{next}"
    );
}

#[test]
#[ignore = "needs tmux and ../shared/corpus/seeds; run by .ci/run with --ignored"]
fn y_and_shift_y_copy_with_osc_52_into_tmux() {
    let file = seeds().join("kfvn-styrelse-2010-04-22.txt");
    let data = tempfile::tempdir().unwrap();
    let env = format!("PROTOKOLL_DATA_DIR={}", data.path().display());
    let session = start_in("copy", &file, "--no-watch", (100, 30), &env);
    // tmux takes a program's OSC 52 into a paste buffer when set-clipboard is on.
    tmux(&["set-option", "-s", "set-clipboard", "on"]);
    wait_for(&session, "Meetings 1");
    keys(&session, &["Y"]);
    wait_for(&session, "Copied");
    std::thread::sleep(Duration::from_millis(200));
    let reference = tmux(&["show-buffer"]);
    keys(&session, &["]", "y"]);
    wait_for(&session, "§ 16, 2010");
    std::thread::sleep(Duration::from_millis(200));
    let text = tmux(&["show-buffer"]);
    stop(&session);
    assert_eq!(reference, "Styrelsen § 15, 2010-04-22");
    assert!(
        text.starts_with("Styrelsen § 16, 2010-04-22\nDagordning\n"),
        "{text}"
    );
}

/// A library of `n` protocol files: the seeds and samples, copied round.
fn big_library(n: usize) -> tempfile::TempDir {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut sources: Vec<std::path::PathBuf> = [seeds(), root.join("assets")]
        .iter()
        .flat_map(|d| std::fs::read_dir(d).unwrap())
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt" || x == "md"))
        .collect();
    sources.sort();
    let dir = tempfile::tempdir().unwrap();
    for i in 0..n {
        let from = &sources[i % sources.len()];
        let name = format!("{i:04}-{}", from.file_name().unwrap().to_string_lossy());
        std::fs::copy(from, dir.path().join(name)).unwrap();
    }
    dir
}

/// The number after "Meetings " in the title of the meeting list.
fn meetings_listed(screen: &str) -> usize {
    screen
        .split("Meetings ")
        .nth(1)
        .and_then(|t| t.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

#[test]
#[ignore = "needs tmux and ../shared/corpus/seeds; run by .ci/run with --ignored"]
fn the_library_is_shown_while_it_loads_and_an_open_finder_runs_again_when_it_ends() {
    let n = 600;
    let library = big_library(n);
    let data = tempfile::tempdir().unwrap();
    let env = format!("PROTOKOLL_DATA_DIR={}", data.path().display());
    let started = Instant::now();
    let session = start_in("load", library.path(), "--no-watch", (120, 40), &env);
    let first = wait_for(&session, "Reading protocols");
    let first_at = started.elapsed();
    assert!(
        first.contains("┌ Meetings"),
        "no panes while loading:\n{first}"
    );
    // Meetings appear before the last file is read, and the reader can move among them.
    let mut partial = first;
    let deadline = Instant::now() + Duration::from_secs(60);
    while meetings_listed(&partial) == 0 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
        partial = tmux(&["capture-pane", "-p", "-t", &session]);
    }
    let shown = meetings_listed(&partial);
    assert!(
        shown > 0 && partial.contains("Reading protocols"),
        "nothing to read while loading:\n{partial}"
    );
    keys(&session, &["j"]);
    // The person finder, opened while loading, is run again on the whole library.
    keys(&session, &["@", "lövgren"]);
    while Instant::now() < deadline {
        let now = tmux(&["capture-pane", "-p", "-t", &session]);
        if !now.contains("Reading protocols") {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let loaded_at = started.elapsed();
    std::thread::sleep(Duration::from_millis(300));
    let finder = tmux(&["capture-pane", "-p", "-t", &session]);
    keys(&session, &["Escape"]);
    let end = wait_for(&session, &format!("Meetings {n}"));
    stop(&session);
    eprintln!(
        "{n} files: first frame {first_at:?}, {shown} meetings listed while loading, all read {loaded_at:?}"
    );
    assert!(finder.contains("Erik Lövgren"), "{finder}");
    assert!(end.contains(&format!("Meetings {n}")), "{end}");
    assert!(first_at < loaded_at);
}

#[test]
#[ignore = "needs tmux and ../shared/corpus/seeds; run by .ci/run with --ignored"]
fn keys_answer_quickly_in_a_real_terminal() {
    let data = tempfile::tempdir().unwrap();
    let env = format!("PROTOKOLL_DATA_DIR={}", data.path().display());
    let session = start_in("latency", &seeds(), "--no-watch", (120, 40), &env);
    let mut screen = wait_for(&session, "Meetings 5");
    let mut times = Vec::new();
    for k in [
        "]", "]", "]", "[", "[", "}", "{", "j", "k", "/", "Escape", "#", "#", "u", "i", "Escape",
    ]
    .iter()
    .cycle()
    .take(48)
    {
        let t = Instant::now();
        keys(&session, &[k]);
        let next = wait_change(&session, &screen);
        if next != screen {
            times.push(t.elapsed());
        }
        screen = next;
    }
    stop(&session);
    times.sort();
    let median = times[times.len() / 2];
    let worst = *times.last().unwrap();
    eprintln!(
        "key to screen, {} keys: median {median:?}, worst {worst:?}",
        times.len()
    );
    assert!(median < Duration::from_millis(250), "median {median:?}");
}

/// Waits until the screen no longer holds `what` (an overlay closed), failing with the screen.
/// A key sent right after Escape could reach the program in the same read as the Escape, and
/// be taken as that key with Alt: the next key waits for the Escape to have been taken.
fn expect_gone(session: &str, what: &str) {
    let start = Instant::now();
    loop {
        let screen = tmux(&["capture-pane", "-p", "-t", session]);
        if !screen.contains(what) {
            return;
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "waited for {what} to go:\n{screen}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Waits until the screen holds `what`, failing with the screen when it does not.
fn expect(session: &str, what: &str) -> String {
    let screen = wait_for(session, what);
    assert!(screen.contains(what), "waited for {what}:\n{screen}");
    screen
}

#[test]
#[ignore = "needs tmux; run by .ci/run with --ignored"]
fn the_secretarys_review_start_to_finish() {
    // A draft: § 2 is missing (an error: § 1 names it), § 3 points at § 9, which it lacks (a
    // warning).
    let dir = tempfile::tempdir().unwrap();
    let draft = dir.path().join("draft.txt");
    std::fs::write(
        &draft,
        "Protokoll styrelsen för Förbundet Test\n\nTid: 2024-03-01 09.00-12.00\n\nPlats: Kommunhuset\n\nNärvarande: Anna Ek (S), Mo, ordförande\nEva Lind (S), Mo\n\nJusterare: Eva Lind\n\n§ 1 Öppnande\n\nMötet öppnas och dagordningen fastställs, se § 2.\n\n§ 3 Budget\n\nBudgeten föredras. Se vidare § 9.\n\n§ 4 Avslutning\n\nMötet avslutas.\n",
    )
    .unwrap();
    // The editor fixes the reference on the line it was opened at.
    let bin = tempfile::tempdir().unwrap();
    let args = dir.path().join("args.txt");
    let data = tempfile::tempdir().unwrap();
    let env = fake_editor(bin.path(), &args, "s/§ 9/§ 4/", data.path());
    let session = start_in("review", &draft, "--no-watch", (100, 30), &env);
    expect(&session, "Meetings 1");
    // The header and the findings.
    keys(&session, &["i"]);
    expect(&session, "Kommunhuset");
    expect(&session, "1 error · 1 warning");
    keys(&session, &["Escape"]);
    expect_gone(&session, "Esc closes");
    // Walk the findings with single keys.
    keys(&session, &[">"]);
    expect(&session, "1/2 E");
    keys(&session, &[">"]);
    expect(&session, "2/2 W");
    // Open the file at the finding's line and fix it; the file is read again.
    keys(&session, &["e"]);
    expect(&session, "Read again");
    let line = std::fs::read_to_string(&draft)
        .unwrap()
        .lines()
        .position(|l| l.contains("Se vidare"))
        .unwrap()
        + 1;
    let canonical = draft.canonicalize().unwrap();
    assert_eq!(
        std::fs::read_to_string(&args).unwrap().trim(),
        format!("+{line} {}", canonical.display())
    );
    keys(&session, &[">"]);
    expect(&session, "1/1 E");
    // Mark § 3 reviewed; Space goes on to the next one left (§ 4), u round to § 1.
    keys(&session, &[":", "3", "Enter", "Space"]);
    expect(&session, "§ 3 reviewed → § 4 · 2 left to review");
    keys(&session, &["q"]);
    std::thread::sleep(Duration::from_millis(300));
    let _ = tmux(&["kill-session", "-t", &session]);
    // The report shows what is left.
    let out = Command::new(binary())
        .env("PROTOKOLL_DATA_DIR", data.path())
        .env("LANG", "C")
        .args(["check", "--format", "markdown", draft.to_str().unwrap()])
        .output()
        .unwrap();
    let md = String::from_utf8_lossy(&out.stdout);
    assert!(md.contains("§ reviewed: 1 / 3"), "{md}");
    assert!(
        md.contains("## § still to review (2)\n\n- § 1 Öppnande\n- § 4 Avslutning\n"),
        "{md}"
    );
    assert!(md.contains("## Findings (1)"), "{md}");
    assert!(md.contains("`paragraph-gap`"), "{md}");
}

/// A stand-in for vim in `bin`: it writes its arguments to `args` and edits the file with the
/// `sed` expression. Returns the environment that makes protokoll use it, with `data` as its
/// data directory.
fn fake_editor(
    bin: &std::path::Path,
    args: &std::path::Path,
    sed: &str,
    data: &std::path::Path,
) -> String {
    let vim = bin.join("vim");
    std::fs::write(
        &vim,
        format!(
            "#!/bin/sh\necho \"$@\" > {}\nsed -i '{sed}' \"$2\"\n",
            args.display()
        ),
    )
    .unwrap();
    Command::new("chmod").arg("+x").arg(&vim).status().unwrap();
    format!(
        "VISUAL= EDITOR={} PROTOKOLL_DATA_DIR={}",
        vim.display(),
        data.display()
    )
}
