//! PDF: the text layer as poppler's `pdftotext -layout` lays it out. Layout mode keeps the two
//! columns of a Word-table first page (label left, value right) on one line, as the parser's
//! municipal reader expects, and writes a form feed after every page, so page furniture goes
//! the way it goes for text files. `pdftotext` runs as a child process through [`super::run`]:
//! a crafted PDF that makes it hang is killed (with anything it started) after [`TIMEOUT`], one
//! that makes it write without end is cut off at [`MAX_TEXT_BYTES`], and one that crashes it
//! costs that file only. Why a separate program and
//! not a PDF library in Rust: it reads the fonts and encodings of real Word and `LibreOffice`
//! exports that the Rust readers get wrong or panic on, its layout mode is what keeps columns,
//! and a process can be killed where a library call cannot.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use super::run::{self, Limits, RunError};

/// The name of this reader in the model.
pub const READER: &str = "pdftotext";

/// How long `pdftotext` may take for one file. A 300-page protocol takes about a second; a PDF
/// that takes half a minute is broken or built to hang us. [`run::TIMEOUT_VARIABLE`] overrides it.
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
    /// `pdftotext` did not finish within this time; it was killed with what it started.
    TimedOut(Duration),
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
            PdfError::TimedOut(limit) => write!(
                f,
                "pdftotext did not finish within {} s; skipped",
                limit.as_secs_f64()
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
    let limits = Limits::new(TIMEOUT, MAX_TEXT_BYTES);
    let ran = match run::run(command, limits) {
        Ok(r) => r,
        Err(RunError::NotFound) => return Err(PdfError::NotInstalled),
        Err(RunError::TimedOut) => return Err(PdfError::TimedOut(limits.timeout)),
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

/// How many pages of the PDF at `path` hold an image, by poppler's `pdfimages -list` (0 when it
/// cannot tell): a PDF with little text is a scan when its pages are images.
pub fn pages_with_images(path: &Path) -> usize {
    let mut command = Command::new("pdfimages");
    command.arg("-list").arg(argument(path));
    let Ok(ran) = run::run(command, Limits::new(TIMEOUT, 4 * 1024 * 1024)) else {
        return 0;
    };
    let mut pages: Vec<u64> = String::from_utf8_lossy(&ran.stdout)
        .lines()
        .skip(2)
        .filter_map(|l| l.split_whitespace().next()?.parse().ok())
        .collect();
    pages.dedup();
    pages.len()
}

/// The path as an argument that cannot be taken for an option (`-x.pdf` → `./-x.pdf`).
pub(super) fn argument(path: &Path) -> PathBuf {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_error_line_is_the_reason() {
        assert_eq!(
            last_error(b"Syntax Warning: x\nSyntax Error: Couldn't read xref table\n").as_deref(),
            Some("Couldn't read xref table")
        );
        assert_eq!(last_error(b"\n"), None);
    }

    #[test]
    fn a_path_is_never_an_option() {
        assert_eq!(argument(Path::new("-x.pdf")), Path::new("./-x.pdf"));
        assert_eq!(argument(Path::new("/a/-x.pdf")), Path::new("/a/-x.pdf"));
    }
}
