//! End to end in a real terminal: tmux runs the built binary on the seed protocols, we type
//! keys and read the screen back (with `-e`, its styles too). Needs tmux and `../shared`;
//! `.ci/run` installs tmux and runs this with `--ignored`. `PROTOKOLL_BIN` runs another build
//! (an older one, to see a test fail before its fix).

use std::process::Command;
use std::time::{Duration, Instant};

fn tmux(args: &[&str]) -> String {
    let out = Command::new("tmux")
        .args(args)
        .output()
        .expect("tmux is installed");
    String::from_utf8_lossy(&out.stdout).into_owned()
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

/// Runs the binary in tmux over `dir` with `args`, returning the session name.
fn start(name: &str, dir: &std::path::Path, args: &str) -> String {
    start_in(name, dir, args, (120, 40), "")
}

/// The binary under test.
fn binary() -> String {
    std::env::var("PROTOKOLL_BIN").unwrap_or_else(|_| env!("CARGO_BIN_EXE_protokoll").to_owned())
}

/// Runs the binary in tmux over `dir` with `args` in a terminal of `size`, with more `env`.
fn start_in(name: &str, dir: &std::path::Path, args: &str, size: (u16, u16), env: &str) -> String {
    let session = format!("protokoll-{name}-{}", std::process::id());
    let cmd = format!(
        "env LANG=C.UTF-8 NO_COLOR=1 {env} {} {args} {}",
        binary(),
        dir.display()
    );
    let (w, h) = (size.0.to_string(), size.1.to_string());
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
    session
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
    let screen = wait_for(&session, "2 hits");
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
