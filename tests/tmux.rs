//! End to end in a real terminal: tmux runs the built binary on the seed protocols, we type
//! `:23⏎` and read the screen back. Needs tmux and `../shared`; `.ci/run` installs tmux and runs
//! this with `--ignored`.

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
    let session = format!("protokoll-{name}-{}", std::process::id());
    let cmd = format!(
        "env LANG=C.UTF-8 NO_COLOR=1 {} {args} {}",
        env!("CARGO_BIN_EXE_protokoll"),
        dir.display()
    );
    tmux(&[
        "new-session",
        "-d",
        "-s",
        &session,
        "-x",
        "120",
        "-y",
        "40",
        &cmd,
    ]);
    session
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
