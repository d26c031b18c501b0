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
    let session = format!("protokoll-e2e-{}", std::process::id());
    let cmd = format!(
        "env LANG=C.UTF-8 NO_COLOR=1 {} {}",
        env!("CARGO_BIN_EXE_protokoll"),
        seeds.display()
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
    let first = wait_for(&session, "Meetings 5");
    assert!(first.contains("Meetings 5"), "{first}");
    // The newest meeting (2025-06-09) is selected; § 23 is in it.
    tmux(&["send-keys", "-t", &session, ":", "2", "3", "Enter"]);
    let screen = wait_for(&session, "Paragraph § 23");
    tmux(&["send-keys", "-t", &session, "q"]);
    std::thread::sleep(Duration::from_millis(200));
    let _ = tmux(&["kill-session", "-t", &session]);
    let flat = screen.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains("§ 23 Översyn av modell för fördelning av"),
        "{screen}"
    );
    assert!(screen.contains("Paragraph § 23 · 3/10"), "{screen}");
}
