//! Running an external program (`pdftotext`, `pdftoppm` and `tesseract` for OCR, `antiword`) so that
//! no file can make protokoll wait without end. The program runs in a process group of its own,
//! with no input, its output read by threads of ours up to a cap. When it exits, when its output
//! passes the cap, or when the time is up, the whole group is killed: a wrapper script's
//! helpers (a `sleep` it forked, a converter that forked a daemon) would otherwise hold the
//! output pipe open, and a reader waiting for the end of the pipe would wait for them. After the
//! kill the readers get a short grace to finish; a process that left the group and still holds
//! the pipe costs a reader thread, never the caller's time.
//!
//! Killing a group needs `killpg(2)`; it comes from `rustix`, which is already in the build
//! through crossterm and wraps the call without `unsafe` in our code.

use std::io::Read;
use std::process::{Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use std::os::unix::process::CommandExt;

/// How long the output readers may take after the group was killed: killed processes close
/// their pipes at once, so this is only spent when something escaped the group.
const GRACE: Duration = Duration::from_secs(2);

/// Keeps this much of stderr; the rest is read and dropped so the program never blocks on it.
const STDERR_KEEP: u64 = 8 * 1024;

/// The environment variable that overrides [`Limits::timeout`] for every program, in seconds
/// (`0.5` allowed): for slow machines, and for tests that must not wait half a minute.
pub const TIMEOUT_VARIABLE: &str = "PROTOKOLL_TOOL_TIMEOUT";

/// What a program may cost.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// From start to exit, output read.
    pub timeout: Duration,
    /// Bytes of standard output kept; one more and the program is killed.
    pub max_output: u64,
    /// Added to the program's nice value, so a long job (OCR) leaves the machine to the user.
    pub niceness: i32,
    /// The address space the program may take (Linux), so a crafted image cannot make an OCR
    /// engine allocate without end; `None` for no limit.
    pub max_memory: Option<u64>,
}

impl Limits {
    /// `timeout`, unless [`TIMEOUT_VARIABLE`] says otherwise, and `max_output`.
    pub fn new(timeout: Duration, max_output: u64) -> Limits {
        let timeout = std::env::var(TIMEOUT_VARIABLE)
            .ok()
            .and_then(|v| v.trim().parse::<f64>().ok())
            .filter(|s| s.is_finite() && *s > 0.0)
            .map_or(timeout, |s| Duration::from_secs_f64(s.min(86_400.0)));
        Limits {
            timeout,
            max_output,
            niceness: 0,
            max_memory: None,
        }
    }

    /// These limits, the program run at a lower priority by `niceness`.
    #[must_use]
    pub fn nice(self, niceness: i32) -> Limits {
        Limits { niceness, ..self }
    }

    /// These limits, the program's address space capped at `bytes` (on Linux).
    #[must_use]
    pub fn memory(self, bytes: u64) -> Limits {
        Limits {
            max_memory: Some(bytes),
            ..self
        }
    }
}

/// What a finished program left.
#[derive(Debug)]
pub struct Ran {
    pub status: ExitStatus,
    pub stdout: Vec<u8>,
    /// The start of what it wrote to stderr.
    pub stderr: Vec<u8>,
    /// Stdout went past [`Limits::max_output`]; the program was killed.
    pub truncated: bool,
}

/// Why a program gave no result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RunError {
    /// The program is not installed (not on `PATH`).
    NotFound,
    /// It did not finish within [`Limits::timeout`]; its group was killed.
    TimedOut,
    /// It could not be started or read.
    Io(String),
}

/// What the threads watching a program report.
enum Event {
    Exited(std::io::Result<ExitStatus>),
    Stdout(std::io::Result<Vec<u8>>),
    Stderr(Vec<u8>),
}

/// Runs `command` with no input in a process group of its own, within `limits` (see the module
/// documentation). Returns within the timeout plus a grace of two seconds, whatever the program
/// and its children do.
pub fn run(mut command: Command, limits: Limits) -> Result<Ran, RunError> {
    let started = Instant::now();
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .process_group(0)
        .spawn()
        .map_err(|e| {
            if e.kind() == std::io::ErrorKind::NotFound {
                RunError::NotFound
            } else {
                RunError::Io(e.to_string())
            }
        })?;
    let group = rustix::process::Pid::from_child(&child);
    // Set from here, just after the start: a program cannot be given these before it runs
    // without `pre_exec`, which needs unsafe code. Failing to set them is not worth failing for.
    if limits.niceness > 0 {
        let base = rustix::process::getpriority_process(None).unwrap_or(0);
        let _ = rustix::process::setpriority_process(Some(group), (base + limits.niceness).min(19));
    }
    #[cfg(target_os = "linux")]
    if let Some(bytes) = limits.max_memory {
        let cap = rustix::process::Rlimit {
            current: Some(bytes),
            maximum: Some(bytes),
        };
        let _ = rustix::process::prlimit(Some(group), rustix::process::Resource::As, cap);
    }
    let kill_group = || {
        // Fails only when every process of the group is gone already.
        let _ = rustix::process::kill_process_group(group, rustix::process::Signal::KILL);
    };
    let (Some(stdout), Some(stderr)) = (child.stdout.take(), child.stderr.take()) else {
        kill_group();
        let _ = child.wait();
        return Err(RunError::Io("no pipes to the child process".into()));
    };
    let (tx, rx) = mpsc::channel();
    let spawned = [
        spawn("run-wait", &tx, move || Event::Exited(child.wait())),
        spawn("run-stdout", &tx, move || {
            let mut bytes = Vec::new();
            let read = stdout.take(limits.max_output + 1).read_to_end(&mut bytes);
            // Dropping the pipe here, at the cap, makes a program that writes on fail.
            Event::Stdout(read.map(|_| bytes))
        }),
        spawn("run-stderr", &tx, move || {
            let mut kept = Vec::new();
            let mut stderr = stderr;
            let _ = (&mut stderr).take(STDERR_KEEP).read_to_end(&mut kept);
            let _ = std::io::copy(&mut stderr, &mut std::io::sink());
            Event::Stderr(kept)
        }),
    ];
    drop(tx);
    if spawned.iter().any(Result::is_err) {
        kill_group();
        return Err(RunError::Io("cannot start a thread".into()));
    }
    let mut status = None;
    let mut out = None;
    let mut err = None;
    let mut deadline = started + limits.timeout;
    let mut killed = false;
    let mut timed_out = false;
    while status.is_none() || out.is_none() || err.is_none() {
        let left = deadline.saturating_duration_since(Instant::now());
        match rx.recv_timeout(left) {
            Ok(Event::Exited(s)) => {
                status = Some(s);
                // Helpers it left behind would hold the pipes: they go with it.
                if !killed {
                    kill_group();
                    killed = true;
                    deadline = deadline.min(Instant::now() + GRACE);
                }
            }
            Ok(Event::Stdout(o)) => {
                let over = matches!(&o, Ok(b) if b.len() as u64 > limits.max_output);
                out = Some(o);
                if over && !killed {
                    kill_group();
                    killed = true;
                    deadline = deadline.min(Instant::now() + GRACE);
                }
            }
            Ok(Event::Stderr(e)) => err = Some(e),
            Err(mpsc::RecvTimeoutError::Timeout) if !killed => {
                // The threads finish on their own once the group is gone; nothing to wait for.
                kill_group();
                timed_out = true;
                break;
            }
            // The grace is over (something outside the group holds a pipe), or every thread
            // has reported.
            Err(_) => break,
        }
    }
    if timed_out {
        return Err(RunError::TimedOut);
    }
    let Some(status) = status else {
        return Err(RunError::TimedOut);
    };
    let status = status.map_err(|e| RunError::Io(e.to_string()))?;
    let stdout = match out {
        Some(Ok(bytes)) => bytes,
        Some(Err(e)) => return Err(RunError::Io(e.to_string())),
        None => {
            return Err(RunError::Io(
                "its output stayed open after it exited (a process it started kept it)".into(),
            ));
        }
    };
    Ok(Ran {
        status,
        truncated: stdout.len() as u64 > limits.max_output,
        stdout,
        stderr: err.unwrap_or_default(),
    })
}

/// A thread that sends what `work` returns; it is not joined, so a pipe held open by a process
/// outside our control can never keep the caller waiting.
fn spawn(
    name: &str,
    tx: &mpsc::Sender<Event>,
    work: impl FnOnce() -> Event + Send + 'static,
) -> std::io::Result<()> {
    let tx = tx.clone();
    std::thread::Builder::new()
        .name(name.to_owned())
        .spawn(move || {
            let _ = tx.send(work());
        })
        .map(drop)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits(timeout_ms: u64, max_output: u64) -> Limits {
        Limits {
            timeout: Duration::from_millis(timeout_ms),
            max_output,
            niceness: 0,
            max_memory: None,
        }
    }

    fn sh(script: &str) -> Command {
        let mut c = Command::new("sh");
        c.args(["-c", script]);
        c
    }

    #[test]
    fn a_hanging_program_is_killed_at_the_timeout() {
        let mut c = Command::new("sleep");
        c.arg("20");
        let started = Instant::now();
        assert_eq!(run(c, limits(300, 1024)).unwrap_err(), RunError::TimedOut);
        assert!(started.elapsed() < Duration::from_secs(5));
    }

    #[test]
    fn a_helper_holding_the_output_is_killed_with_the_program() {
        // The program exits at once, leaving a `sleep` that holds stdout and stderr open.
        let started = Instant::now();
        let r = run(sh("echo text; sleep 1000 & exit 0"), limits(20_000, 1024)).unwrap();
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "{:?}",
            started.elapsed()
        );
        assert!(r.status.success());
        assert_eq!(r.stdout, b"text\n");
    }

    #[test]
    fn a_hanging_program_with_a_helper_is_killed_as_a_group() {
        let started = Instant::now();
        let r = run(sh("sleep 1000 & sleep 1000"), limits(300, 1024));
        assert_eq!(r.unwrap_err(), RunError::TimedOut);
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "{:?}",
            started.elapsed()
        );
    }

    #[test]
    fn endless_output_is_cut_off() {
        let r = run(Command::new("yes"), limits(20_000, 100_000)).unwrap();
        assert!(r.truncated);
        assert_eq!(r.stdout.len(), 100_001);
    }

    #[test]
    fn a_missing_program_is_not_found() {
        let r = run(Command::new("protokoll-no-such-program"), limits(1000, 10));
        assert_eq!(r.unwrap_err(), RunError::NotFound);
    }

    #[test]
    fn output_errors_and_status_are_kept() {
        let r = run(
            sh("printf 'a\\fb'; echo 'Syntax Error: x' >&2; exit 1"),
            limits(20_000, 1024),
        )
        .unwrap();
        assert_eq!(r.stdout, b"a\x0cb");
        assert_eq!(r.stderr, b"Syntax Error: x\n");
        assert_eq!(r.status.code(), Some(1));
    }
}
