//! OCR: the text of scanned pages, by Tesseract with its Swedish data. A PDF's pages are
//! rendered one at a time by poppler's `pdftoppm` at [`DPI`] into a private temporary folder,
//! and each is read by `tesseract`; an image file (`.png`, `.jpg`, `.tif`) is read as it is.
//! Every program runs through [`super::run`]: time-limited per page, its output capped, killed
//! with its process group when it overruns, at a lower priority, with one OCR thread
//! (`OMP_THREAD_LIMIT=1`: the library already reads files in parallel, and a second thread
//! gains Tesseract little on a page).
//!
//! Tesseract is asked for its words with their boxes (`tsv`) in one block a page (`--psm 6`):
//! a protocol's first page is a table of labels and values, and reading it as one block keeps
//! a label on the row of its value where Tesseract's page analysis (`--psm 3`) sends all the
//! labels first and the values after, once a page is scanned a degree crooked. [`layout`] then
//! lays the words out as `pdftotext -layout` would: words at their columns, a blank line where
//! the page has a gap, and it leaves out what is surely not text — specks of dust, and the
//! tall low-confidence "words" that a handwritten signature is read as. What comes out is
//! cleaned of typical OCR damage by [`super::ocrtext`].

use std::path::Path;
use std::process::Command;
use std::sync::OnceLock;
use std::time::Duration;

use super::run::{self, Limits, RunError};

mod layout;

pub use layout::layout;

/// The name of this reader in the model.
pub const READER: &str = "tesseract";

/// The resolution pages are rendered at: Tesseract reads body text best at 300 dpi.
pub const DPI: u32 = 300;

/// Tesseract's language data.
pub const LANGUAGE: &str = "swe";

/// How long one page may take, rendering and reading each: a page takes 2–5 s on a shared
/// two-core machine. [`run::TIMEOUT_VARIABLE`] overrides it.
pub const PAGE_TIMEOUT: Duration = Duration::from_secs(120);

/// A PDF with more pages than this is not read by OCR: hours of work for what is surely not
/// one protocol.
pub const MAX_PAGES: u32 = 300;

/// The largest side of a rendered page or an image, in pixels: A3 at 300 dpi is 4,961. A page
/// larger than that is cut off there, an image larger than that is refused before Tesseract
/// would allocate for it.
pub const MAX_SIDE: u32 = 7000;

/// The address space an OCR program may take: Tesseract needs a few hundred megabytes a page.
pub const MAX_MEMORY: u64 = 4 << 30;

/// How much lower than protokoll the OCR programs run, so the terminal stays quick.
pub const NICENESS: i32 = 10;

/// The install of Tesseract with its Swedish data, for the message when it is missing.
pub const INSTALL: &str =
    "apt install tesseract-ocr tesseract-ocr-swe (macOS: brew install tesseract tesseract-lang)";

/// Why a scan could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OcrError {
    /// `tesseract` is not on `PATH`.
    NotInstalled,
    /// Tesseract has no Swedish data.
    NoSwedish,
    /// `pdftoppm` (poppler) is not on `PATH`, so PDF pages cannot be rendered.
    NoPoppler,
    /// A program did not finish within this time; it was killed with what it started.
    TimedOut(&'static str, Duration),
    TooManyPages(u32),
    /// An image larger than [`MAX_SIDE`] on a side.
    TooLarge(u32, u32),
    /// A program failed; which, and its own last message.
    Failed(&'static str, String),
    /// A program could not be started or waited for, or the temporary folder not made.
    Run(String),
}

impl std::fmt::Display for OcrError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            OcrError::NotInstalled => {
                write!(f, "OCR needs Tesseract, which is not installed: {INSTALL}")
            }
            OcrError::NoSwedish => write!(
                f,
                "OCR needs Tesseract's Swedish data, which is not installed: {INSTALL}"
            ),
            OcrError::NoPoppler => write!(
                f,
                "OCR of a PDF needs pdftoppm, which is not installed: {}",
                super::pdf::INSTALL
            ),
            OcrError::TimedOut(program, limit) => write!(
                f,
                "OCR: {program} did not finish a page within {} s; skipped",
                limit.as_secs_f64()
            ),
            OcrError::TooManyPages(n) => write!(
                f,
                "OCR: {n} pages, more than the {MAX_PAGES} read by OCR; skipped"
            ),
            OcrError::TooLarge(w, h) => write!(
                f,
                "OCR: the image is {w}×{h} pixels, larger than {MAX_SIDE} on a side; skipped"
            ),
            OcrError::Failed(program, why) => write!(f, "OCR: {program} failed: {why}"),
            OcrError::Run(e) => write!(f, "OCR: {e}"),
        }
    }
}

impl OcrError {
    /// Whether the fix is to install something (the message then says what).
    pub fn is_missing_tool(&self) -> bool {
        matches!(
            self,
            OcrError::NotInstalled | OcrError::NoSwedish | OcrError::NoPoppler
        )
    }
}

/// What OCR's result depends on besides the file: part of the cache key, so a new Tesseract
/// or new settings read the file again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// `tesseract 5.3.0`, `pdftoppm 22.12.0` (or `pdftoppm none`), the resolution, language
    /// and page mode, and the version of [`layout`].
    pub key: String,
}

/// The version of what [`layout`] makes of Tesseract's words: raised when it changes, so
/// cached results are made again.
const LAYOUT_VERSION: u32 = 2;

/// The OCR settings of this machine, found once a run: Tesseract's version and whether it has
/// Swedish, poppler's version.
pub fn settings() -> Result<Settings, OcrError> {
    static SETTINGS: OnceLock<Result<Settings, OcrError>> = OnceLock::new();
    SETTINGS.get_or_init(find_settings).clone()
}

fn find_settings() -> Result<Settings, OcrError> {
    let limits = Limits::new(Duration::from_secs(20), 64 * 1024);
    let version = |program: &'static str, arg: &str| -> Result<String, RunError> {
        let mut c = Command::new(program);
        c.arg(arg);
        let ran = run::run(c, limits)?;
        // Tesseract 5 writes its version to stdout, poppler to stderr.
        let out = [ran.stdout, ran.stderr].concat();
        Ok(String::from_utf8_lossy(&out)
            .lines()
            .find(|l| !l.trim().is_empty())
            .unwrap_or_default()
            .trim()
            .to_owned())
    };
    let tesseract = match version("tesseract", "--version") {
        Ok(v) => v,
        Err(RunError::NotFound) => return Err(OcrError::NotInstalled),
        Err(e) => return Err(OcrError::Run(format!("tesseract --version: {e:?}"))),
    };
    let mut c = Command::new("tesseract");
    c.arg("--list-langs");
    let langs = run::run(c, limits).map_err(|e| OcrError::Run(format!("{e:?}")))?;
    let langs = String::from_utf8_lossy(&langs.stdout).into_owned();
    if !langs.lines().any(|l| l.trim() == LANGUAGE) {
        return Err(OcrError::NoSwedish);
    }
    let poppler = version("pdftoppm", "-v").unwrap_or_else(|_| "pdftoppm none".to_owned());
    Ok(Settings {
        key: format!(
            "{tesseract}; {poppler}; {DPI} dpi; {LANGUAGE}; psm 6; layout {LAYOUT_VERSION}"
        ),
    })
}

/// How far OCR of one file has come: `page` pages of `pages` read.
pub type OnPage<'a> = &'a (dyn Fn(u32, u32) + Sync);

/// The text of the scanned PDF at `path`, pages ended by form feeds, as Tesseract reads it
/// (before [`super::ocrtext::clean`]). `on_page` is told before each page and at the end.
pub fn pdf(path: &Path, on_page: OnPage) -> Result<String, OcrError> {
    settings()?;
    let pages = page_count(path)?;
    if pages > MAX_PAGES {
        return Err(OcrError::TooManyPages(pages));
    }
    let dir = tempfile::Builder::new()
        .prefix("protokoll-ocr-")
        .tempdir()
        .map_err(|e| OcrError::Run(format!("cannot make a temporary folder: {e}")))?;
    let image = dir.path().join("page.png");
    let mut text = String::new();
    for n in 1..=pages {
        on_page(n - 1, pages);
        let mut c = Command::new("pdftoppm");
        c.args(["-r", &DPI.to_string(), "-gray", "-png", "-singlefile"])
            .args(["-f", &n.to_string(), "-l", &n.to_string()])
            .args(["-x", "0", "-y", "0"])
            .args(["-W", &MAX_SIDE.to_string(), "-H", &MAX_SIDE.to_string()])
            .arg(super::pdf::argument(path))
            .arg(dir.path().join("page"));
        let limits = Limits::new(PAGE_TIMEOUT, 64 * 1024)
            .nice(NICENESS)
            .memory(MAX_MEMORY);
        let ran = match run::run(c, limits) {
            Ok(r) => r,
            Err(RunError::NotFound) => return Err(OcrError::NoPoppler),
            Err(RunError::TimedOut) => return Err(OcrError::TimedOut("pdftoppm", limits.timeout)),
            Err(RunError::Io(e)) => return Err(OcrError::Run(e)),
        };
        if !ran.status.success() || !image.exists() {
            return Err(OcrError::Failed("pdftoppm", last_line(&ran.stderr)));
        }
        if n > 1 {
            text.push('\x0c');
        }
        text.push_str(&tesseract(&image, PAGE_TIMEOUT)?);
        let _ = std::fs::remove_file(&image);
    }
    on_page(pages, pages);
    Ok(text)
}

/// The text of the image file at `path` (PNG, JPEG, TIFF; a TIFF's pages ended by form
/// feeds), as Tesseract reads it. `head` is the file's first bytes, for its size.
pub fn image(path: &Path, head: &[u8], on_page: OnPage) -> Result<String, OcrError> {
    settings()?;
    if let Some((w, h)) = image_size(head)
        && (w > MAX_SIDE || h > MAX_SIDE)
    {
        return Err(OcrError::TooLarge(w, h));
    }
    on_page(0, 1);
    // A TIFF may hold many pages: it gets the time of ten.
    let text = tesseract(&super::pdf::argument(path), PAGE_TIMEOUT * 10)?;
    on_page(1, 1);
    Ok(text)
}

/// Tesseract's reading of one image, laid out by [`layout`].
fn tesseract(image: &Path, timeout: Duration) -> Result<String, OcrError> {
    let mut c = Command::new("tesseract");
    c.arg(image)
        .arg("-")
        .args(["-l", LANGUAGE, "--psm", "6", "tsv"])
        .env("OMP_THREAD_LIMIT", "1");
    let limits = Limits::new(timeout, 64 * 1024 * 1024)
        .nice(NICENESS)
        .memory(MAX_MEMORY);
    let ran = match run::run(c, limits) {
        Ok(r) => r,
        Err(RunError::NotFound) => return Err(OcrError::NotInstalled),
        Err(RunError::TimedOut) => return Err(OcrError::TimedOut("tesseract", limits.timeout)),
        Err(RunError::Io(e)) => return Err(OcrError::Run(e)),
    };
    if !ran.status.success() || ran.truncated {
        return Err(OcrError::Failed("tesseract", last_line(&ran.stderr)));
    }
    Ok(layout(&String::from_utf8_lossy(&ran.stdout)))
}

/// The number of pages of a PDF, by poppler's `pdfinfo`.
fn page_count(path: &Path) -> Result<u32, OcrError> {
    let mut c = Command::new("pdfinfo");
    c.arg(super::pdf::argument(path));
    let limits = Limits::new(super::pdf::TIMEOUT, 1024 * 1024);
    let ran = match run::run(c, limits) {
        Ok(r) => r,
        Err(RunError::NotFound) => return Err(OcrError::NoPoppler),
        Err(RunError::TimedOut) => return Err(OcrError::TimedOut("pdfinfo", limits.timeout)),
        Err(RunError::Io(e)) => return Err(OcrError::Run(e)),
    };
    let out = String::from_utf8_lossy(&ran.stdout);
    out.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .filter(|_| ran.status.success())
        .ok_or_else(|| OcrError::Failed("pdfinfo", last_line(&ran.stderr)))
}

/// A program's last message line, made safe to print.
fn last_line(stderr: &[u8]) -> String {
    let text = String::from_utf8_lossy(stderr);
    let line = text
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("no message");
    crate::read::strip_controls(line.trim())
        .chars()
        .take(200)
        .collect()
}

/// The width and height of a PNG or JPEG from its first bytes; `None` for other kinds (and
/// for a JPEG whose frame header is not in `head`).
fn image_size(head: &[u8]) -> Option<(u32, u32)> {
    let be32 = |b: &[u8]| u32::from_be_bytes([b[0], b[1], b[2], b[3]]);
    if head.starts_with(b"\x89PNG\r\n\x1a\n") && head.len() >= 24 && &head[12..16] == b"IHDR" {
        return Some((be32(&head[16..20]), be32(&head[20..24])));
    }
    if !head.starts_with(&[0xff, 0xd8]) {
        return None;
    }
    // JPEG: walk the segments to the start-of-frame marker.
    let mut at = 2;
    while at + 9 < head.len() {
        if head[at] != 0xff {
            return None;
        }
        let marker = head[at + 1];
        let len = usize::from(u16::from_be_bytes([head[at + 2], head[at + 3]]));
        if matches!(marker, 0xc0..=0xcf) && !matches!(marker, 0xc4 | 0xc8 | 0xcc) {
            let h = u32::from(u16::from_be_bytes([head[at + 5], head[at + 6]]));
            let w = u32::from(u16::from_be_bytes([head[at + 7], head[at + 8]]));
            return Some((w, h));
        }
        at += 2 + len;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn image_sizes_from_their_headers() {
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
        png.extend_from_slice(&20_000u32.to_be_bytes());
        png.extend_from_slice(&100u32.to_be_bytes());
        assert_eq!(image_size(&png), Some((20_000, 100)));
        let jpeg = [
            0xff, 0xd8, 0xff, 0xe0, 0, 4, 0, 0, 0xff, 0xc0, 0, 11, 8, 0x0b, 0xb8, 0x07, 0xd0, 1,
        ];
        assert_eq!(image_size(&jpeg), Some((2000, 3000)));
        assert_eq!(image_size(b"II*\0"), None);
    }

    proptest::proptest! {
        #[test]
        fn any_header_bytes_give_a_size_or_none(head in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..64)) {
            let mut jpeg = vec![0xff, 0xd8];
            jpeg.extend(&head);
            let _ = image_size(&jpeg);
            let _ = image_size(&head);
        }
    }
}
