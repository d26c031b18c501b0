//! PDF: the text layer as poppler's `pdftotext -layout` lays it out. Layout mode keeps the two
//! columns of a Word-table first page (label left, value right) on one line, as the parser's
//! municipal reader expects, and writes a form feed after every page, so page furniture goes
//! the way it goes for text files. `pdftotext` runs as a child process: a crafted PDF that makes
//! it hang is killed after [`TIMEOUT`], one that makes it write without end is cut off at
//! [`MAX_TEXT_BYTES`], and one that crashes it costs that file only. Why a separate program and
//! not a PDF library in Rust: it reads the fonts and encodings of real Word and `LibreOffice`
//! exports that the Rust readers get wrong or panic on, its layout mode is what keeps columns,
//! and a process can be killed where a library call cannot.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// The name of this reader in the model.
pub const READER: &str = "pdftotext";

/// How long `pdftotext` may take for one file. A 300-page protocol takes about a second; a PDF
/// that takes half a minute is broken or built to hang us.
pub const TIMEOUT: Duration = Duration::from_secs(30);

/// The most text taken from one PDF: as much as a text file may hold.
pub const MAX_TEXT_BYTES: u64 = crate::read::MAX_FILE_BYTES;

/// The one-line install of `pdftotext` on Debian and Ubuntu, for the message when it is missing.
pub const INSTALL: &str = "apt install poppler-utils";

/// Why a PDF could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PdfError {
    /// `pdftotext` is not on `PATH`.
    NotInstalled,
    /// The file has no `%PDF-` header in its first kilobyte.
    NotPdf,
    /// `pdftotext` ran but found no text: a scan without OCR.
    NoTextLayer,
    /// The PDF needs a password to open.
    Encrypted,
    TimedOut,
    TooMuchText,
    /// `pdftotext` failed; its own last error line, when it gave one.
    Damaged(Option<String>),
    /// `pdftotext` could not be started or waited for.
    Run(String),
}

impl std::fmt::Display for PdfError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PdfError::NotInstalled => write!(f, "pdftotext is not installed ({INSTALL})"),
            PdfError::NotPdf => write!(f, "not a PDF (no %PDF- header)"),
            PdfError::NoTextLayer => write!(f, "no text layer (scanned?)"),
            PdfError::Encrypted => write!(f, "the PDF is encrypted and needs a password"),
            PdfError::TimedOut => write!(
                f,
                "pdftotext did not finish within {} s; skipped",
                TIMEOUT.as_secs()
            ),
            PdfError::TooMuchText => write!(
                f,
                "more than {} MB of text; skipped",
                MAX_TEXT_BYTES / 1_048_576
            ),
            PdfError::Damaged(Some(why)) => write!(f, "damaged PDF (pdftotext: {why})"),
            PdfError::Damaged(None) => write!(f, "damaged PDF (pdftotext failed)"),
            PdfError::Run(e) => write!(f, "cannot run pdftotext: {e}"),
        }
    }
}

/// The text layer of the PDF at `path`, pages ended by form feeds.
pub fn extract(path: &Path) -> Result<String, PdfError> {
    let mut command = Command::new("pdftotext");
    command
        .args(["-layout", "-enc", "UTF-8", "-eol", "unix"])
        .arg(argument(path))
        .arg("-");
    let ran = match run(command, MAX_TEXT_BYTES, TIMEOUT) {
        Ok(r) => r,
        Err(RunError::NotFound) => return Err(PdfError::NotInstalled),
        Err(RunError::TimedOut) => return Err(PdfError::TimedOut),
        Err(RunError::Io(e)) => return Err(PdfError::Run(e)),
    };
    if ran.truncated {
        return Err(PdfError::TooMuchText);
    }
    if !ran.status.success() {
        let why = last_error(&ran.stderr);
        if why.as_deref().is_some_and(|w| w.contains("password")) {
            return Err(PdfError::Encrypted);
        }
        return Err(PdfError::Damaged(why));
    }
    let text = String::from_utf8_lossy(&ran.stdout).into_owned();
    if text.trim_matches(|c: char| c.is_whitespace()).is_empty() {
        return Err(PdfError::NoTextLayer);
    }
    Ok(text)
}

/// The path as an argument that cannot be taken for an option (`-x.pdf` → `./-x.pdf`).
fn argument(path: &Path) -> PathBuf {
    if path.as_os_str().to_string_lossy().starts_with('-') {
        Path::new(".").join(path)
    } else {
        path.to_owned()
    }
}

/// The last error line of `pdftotext`'s messages, without its "Syntax Error:" prefix.
fn last_error(stderr: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(stderr);
    let line = text
        .lines()
        .rev()
        .find(|l| l.contains("Error"))
        .or_else(|| text.lines().rev().find(|l| !l.trim().is_empty()))?;
    let why = line.split_once("Error: ").map_or(line, |(_, w)| w).trim();
    let why: String = crate::read::strip_controls(why).chars().take(200).collect();
    (!why.is_empty()).then_some(why)
}

/// What a finished child process left.
#[derive(Debug)]
struct Ran {
    status: ExitStatus,
    stdout: Vec<u8>,
    /// The start of what it wrote to stderr.
    stderr: Vec<u8>,
    /// Stdout went past the limit; the process was killed.
    truncated: bool,
}

#[derive(Debug, PartialEq, Eq)]
enum RunError {
    NotFound,
    TimedOut,
    Io(String),
}

/// Keeps this much of stderr; the rest is read and dropped so the child never blocks on it.
const STDERR_KEEP: u64 = 8 * 1024;

/// Runs `command` with no input, keeping at most `limit` bytes of its output, killing it after
/// `timeout` or as soon as its output passes the limit.
fn run(mut command: Command, limit: u64, timeout: Duration) -> Result<Ran, RunError> {
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| {
            if e.kind() == std::io::ErrorKind::NotFound {
                RunError::NotFound
            } else {
                RunError::Io(e.to_string())
            }
        })?;
    let (Some(stdout), Some(stderr)) = (child.stdout.take(), child.stderr.take()) else {
        let _ = child.kill();
        let _ = child.wait();
        return Err(RunError::Io("no pipes to the child process".into()));
    };
    std::thread::scope(|scope| {
        let (tx, rx) = mpsc::channel();
        let out_reader = std::thread::Builder::new().spawn_scoped(scope, move || {
            let mut bytes = Vec::new();
            let read = stdout.take(limit + 1).read_to_end(&mut bytes);
            // Dropping the pipe here, at the limit, makes a child that writes on fail.
            let _ = tx.send(read.map(|_| bytes));
        });
        let err_reader = std::thread::Builder::new().spawn_scoped(scope, move || {
            let mut kept = Vec::new();
            let mut stderr = stderr;
            let _ = (&mut stderr).take(STDERR_KEEP).read_to_end(&mut kept);
            let _ = std::io::copy(&mut stderr, &mut std::io::sink());
            kept
        });
        if out_reader.is_err() || err_reader.is_err() {
            let _ = child.kill();
            let _ = child.wait();
            return Err(RunError::Io("cannot start a thread".into()));
        }
        // Stdout ends when the child exits (or closes it): that is what we wait for.
        let outcome = rx.recv_timeout(timeout);
        let timed_out = outcome.is_err();
        let truncated = matches!(&outcome, Ok(Ok(b)) if b.len() as u64 > limit);
        if timed_out || truncated {
            let _ = child.kill();
        }
        let status = child.wait().map_err(|e| RunError::Io(e.to_string()))?;
        let stderr = err_reader
            .ok()
            .and_then(|h| h.join().ok())
            .unwrap_or_default();
        if timed_out {
            return Err(RunError::TimedOut);
        }
        let stdout = match outcome {
            Ok(Ok(bytes)) => bytes,
            Ok(Err(e)) => return Err(RunError::Io(e.to_string())),
            Err(_) => return Err(RunError::TimedOut),
        };
        Ok(Ran {
            status,
            stdout,
            stderr,
            truncated,
        })
    })
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn a_hanging_program_is_killed_at_the_timeout() {
        let mut c = Command::new("sleep");
        c.arg("20");
        let started = std::time::Instant::now();
        let r = run(c, 1024, Duration::from_millis(300));
        assert_eq!(r.unwrap_err(), RunError::TimedOut);
        assert!(started.elapsed() < Duration::from_secs(5));
    }

    #[test]
    fn endless_output_is_cut_off() {
        let r = run(Command::new("yes"), 100_000, Duration::from_secs(20)).unwrap();
        assert!(r.truncated);
        assert_eq!(r.stdout.len(), 100_001);
    }

    #[test]
    fn a_missing_program_is_not_found() {
        let r = run(
            Command::new("protokoll-no-such-program"),
            10,
            Duration::from_secs(1),
        );
        assert_eq!(r.unwrap_err(), RunError::NotFound);
    }

    #[test]
    fn output_and_errors_are_kept() {
        let mut c = Command::new("sh");
        c.args([
            "-c",
            "printf 'a\\fb'; echo 'Syntax Error: Couldn'\\''t read xref table' >&2; exit 1",
        ]);
        let r = run(c, 1024, Duration::from_secs(20)).unwrap();
        assert_eq!(r.stdout, b"a\x0cb");
        assert!(!r.status.success());
        assert_eq!(
            last_error(&r.stderr).as_deref(),
            Some("Couldn't read xref table")
        );
    }

    #[test]
    fn a_path_is_never_an_option() {
        assert_eq!(argument(Path::new("-x.pdf")), Path::new("./-x.pdf"));
        assert_eq!(argument(Path::new("/a/-x.pdf")), Path::new("/a/-x.pdf"));
    }
}
