//! Turning a protocol file of any kind into text: plain text (through [`crate::read`]), PDF
//! (through poppler's `pdftotext`, see [`pdf`]), Word (`.docx`, see [`docx`]; Word 97–2003
//! `.doc` through `antiword`, see [`legacy`]), `OpenDocument` text (`.odt`, see [`odt`]), RTF
//! ([`rtf`]), and scans — a PDF with no text layer or one that is noise ([`ocrtext::noise`]),
//! and `.png`, `.jpg`, `.tif` images — by OCR ([`ocr`], cached in [`cache`], mended by
//! [`ocrtext::clean`]). This module owns choosing the reader — by the file's first bytes
//! (`%PDF`, `PK\x03\x04`, OLE2, `{\rtf`, image signatures), else by its extension — and the
//! limits that keep a hostile file from costing more than one diagnostic: archives are checked
//! before they are opened ([`zipped`]), XML is counted as it unpacks, and external programs run
//! as child processes with a timeout and a cap on their output ([`run`]). What comes out is
//! text in the shape of a text export — one paragraph a line, table cells separated by tabs,
//! pages by form feeds — so [`crate::read::clean`] and the parser read it like any other
//! protocol.

pub mod cache;
pub mod docx;
pub mod legacy;
mod numbering;
pub mod ocr;
pub mod ocrtext;
pub mod odt;
pub mod pdf;
pub mod rtf;
pub mod run;
mod zipped;

pub use zipped::{Format, MAX_ENTRIES, MAX_XML_BYTES, ZipProblem, read_bytes as read_zip_bytes};

use std::io::{Read, Seek, SeekFrom};
use std::path::Path;

use crate::read::{self, ReadError};

/// A document file this large is refused before it is opened: a protocol with its attachments
/// is a few megabytes, and the limit is there so that nothing is ever asked of a file that is
/// surely something else.
pub const MAX_DOCUMENT_BYTES: u64 = 256 * 1024 * 1024;

/// A protocol turned into text, with the name of what read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// The text, in the shape of a text export (see the module documentation).
    pub text: String,
    /// `text`, `pdftotext`, `docx`, `odt`, `antiword`, `rtf` or `tesseract` (OCR): becomes
    /// [`crate::model::Meeting::reader`].
    pub reader: &'static str,
    /// Things the user should know about the file that do not stop it from being read, such as
    /// tracked changes that were read as accepted.
    pub notes: Vec<String>,
}

/// Why a file could not be turned into text. Each is one diagnostic for the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocError {
    /// A text file (or a file of no known kind) that [`crate::read`] refused.
    Text(ReadError),
    /// The file could not be opened or read.
    Io(String),
    /// A `.pdf`, `.docx` or `.odt` with no bytes at all.
    Empty,
    /// A document file larger than [`MAX_DOCUMENT_BYTES`].
    TooLarge(u64),
    /// A Word 97–2003 `.doc` (or another OLE2 compound file) that `antiword` did not read.
    LegacyWord(legacy::DocFileError),
    /// An RTF file that could not be read.
    Rtf(rtf::RtfError),
    /// A scan that OCR could not read (or that needs a tool to be installed).
    Ocr(Scan, ocr::OcrError),
    /// A scan not in the OCR cache, read with [`OcrMode::CachedOnly`]: it is to be read later.
    OcrPending(Scan),
    /// The PDF could not be read; the text says why.
    Pdf(pdf::PdfError),
    /// The `.docx` or `.odt` could not be read; the text says why.
    Zip(ZipProblem),
}

impl std::fmt::Display for DocError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DocError::Text(e) => write!(f, "{e}"),
            DocError::Io(e) => write!(f, "cannot read: {e}"),
            DocError::Empty => write!(f, "empty file: no protocol to read"),
            #[allow(clippy::cast_precision_loss)]
            DocError::TooLarge(n) => write!(
                f,
                "file is {:.0} MB, larger than the {} MB a document can be; skipped",
                *n as f64 / 1_048_576.0,
                MAX_DOCUMENT_BYTES / 1_048_576
            ),
            DocError::LegacyWord(e) => write!(f, "{e}"),
            DocError::Rtf(e) => write!(f, "{e}"),
            DocError::Ocr(scan, e) => write!(f, "{scan}: {e}"),
            DocError::OcrPending(scan) => write!(f, "{scan}: {OCR_PENDING}"),
            DocError::Pdf(e) => write!(f, "cannot read PDF: {e}"),
            DocError::Zip(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for DocError {}

impl DocError {
    /// Whether the file is a scan that is read once a tool is installed (the message says
    /// which), or that waits for OCR: the UI lists it, marked unread.
    pub fn is_unread_scan(&self) -> bool {
        match self {
            DocError::Ocr(_, e) => e.is_missing_tool(),
            DocError::OcrPending(_) => true,
            _ => false,
        }
    }
}

/// The end of the message of a scan that waits for OCR ([`DocError::OcrPending`]).
pub const OCR_PENDING: &str = "waiting for OCR";

/// What kind of scan a file is, for messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scan {
    /// A PDF whose pages have no text.
    NoTextLayer,
    /// A PDF whose text layer is noise: of its words counted, this many look like words.
    NoisyLayer(ocrtext::WordCount),
    /// An image file.
    Image,
}

impl std::fmt::Display for Scan {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Scan::NoTextLayer => write!(f, "scanned PDF (no text layer)"),
            Scan::NoisyLayer(c) => write!(
                f,
                "scanned PDF (its text layer is noise: {} of {} words look like words)",
                c.plausible, c.counted
            ),
            Scan::Image => write!(f, "image of a page"),
        }
    }
}

/// What to do with a scan whose OCR is not in the cache.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OcrMode {
    /// Read it by OCR now (seconds a page).
    #[default]
    Run,
    /// Give [`DocError::OcrPending`], so a UI can show the library first and read scans after.
    CachedOnly,
}

/// How [`read_with`] reads.
#[derive(Clone, Copy, Default)]
pub struct Options<'a> {
    pub ocr: OcrMode,
    /// Told the pages read so far and the pages in all, as OCR goes.
    pub on_page: Option<ocr::OnPage<'a>>,
}

/// What a file is, by its first bytes or, failing that, its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Text,
    Pdf,
    /// A zip archive: Word or `OpenDocument`, told apart by what it holds.
    Zip,
    LegacyWord,
    Rtf,
    /// A PNG, JPEG or TIFF image: a page to read by OCR.
    Image,
}

/// The extensions of documents this module reads besides text; folders are searched for them.
pub const DOCUMENT_EXTENSIONS: [&str; 10] = [
    "pdf", "docx", "odt", "doc", "rtf", "png", "jpg", "jpeg", "tif", "tiff",
];

/// How far into a file `%PDF` may stand: PDF readers accept junk before the header, so we do.
const PDF_HEADER_WINDOW: usize = 1024;

/// Files up to this length are read whole when opened (see [`read_with`]).
const READ_AT_ONCE: u64 = 1024 * 1024;

/// Reads the protocol at `path`, whatever its kind, scans by OCR (through the cache). Files are
/// only ever opened for reading.
pub fn read(path: &Path) -> Result<Document, DocError> {
    read_with(path, &Options::default())
}

/// Reads the protocol at `path` as `options` say.
pub fn read_with(path: &Path, options: &Options) -> Result<Document, DocError> {
    // Opened once, and only when it is a regular file (see `read::open_regular`); every reader
    // but `pdftotext`, which opens the file itself, reads this handle.
    let (mut file, len) = read::open_regular_len(path).map_err(|e| DocError::Text(e.into()))?;
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    // A small file is read whole at once: most are protocols of text, which are then told by
    // their first bytes and read in one call. A larger one, or one named as a document (whose
    // reader reads it again), is told by its head.
    let document = extension
        .as_deref()
        .is_some_and(|e| DOCUMENT_EXTENSIONS.contains(&e));
    let first = if len <= READ_AT_ONCE && !document {
        len
    } else {
        PDF_HEADER_WINDOW as u64
    };
    let mut head = Vec::with_capacity(first as usize);
    (&mut file)
        .take(first)
        .read_to_end(&mut head)
        .map_err(|e| DocError::Io(e.to_string()))?;
    let kind = sniff(
        &head[..head.len().min(PDF_HEADER_WINDOW)],
        extension.as_deref(),
    );
    if kind != Kind::Text {
        // The readers of documents read the file from its start, and look at its head only.
        head.truncate(PDF_HEADER_WINDOW);
        file.seek(SeekFrom::Start(0))
            .map_err(|e| DocError::Io(e.to_string()))?;
        if head.is_empty() {
            return Err(DocError::Empty);
        }
        if len > MAX_DOCUMENT_BYTES {
            return Err(DocError::TooLarge(len));
        }
    }
    match kind {
        Kind::Text => {
            let text = read::read_rest(file, head, len)
                .and_then(read::decode)
                .map_err(DocError::Text)?;
            Ok(Document {
                text,
                reader: "text",
                notes: Vec::new(),
            })
        }
        Kind::LegacyWord => Ok(Document {
            text: legacy::read(path).map_err(DocError::LegacyWord)?,
            reader: legacy::READER,
            notes: Vec::new(),
        }),
        Kind::Rtf => {
            let bytes = read_document(file)?;
            Ok(Document {
                text: rtf::read(&bytes).map_err(DocError::Rtf)?,
                reader: rtf::READER,
                notes: Vec::new(),
            })
        }
        Kind::Image => scan(path, file, &head, Scan::Image, options),
        Kind::Pdf => {
            if memchr::memmem::find(&head, b"%PDF-").is_none() {
                return Err(DocError::Pdf(pdf::PdfError::NotPdf));
            }
            match pdf::extract(path) {
                Ok(text) => match ocrtext::noise(&text) {
                    // Few words are a scan only when the pages are images: a short note
                    // typed into a PDF is text.
                    Some(count)
                        if count.share() < ocrtext::MIN_WORD_SHARE
                            || pdf::pages_with_images(path) >= ocrtext::pages(&text) =>
                    {
                        scan(path, file, &head, Scan::NoisyLayer(count), options)
                    }
                    _ => Ok(Document {
                        text,
                        reader: pdf::READER,
                        notes: Vec::new(),
                    }),
                },
                Err(pdf::PdfError::NoTextLayer) => {
                    scan(path, file, &head, Scan::NoTextLayer, options)
                }
                Err(e) => Err(DocError::Pdf(e)),
            }
        }
        Kind::Zip => zipped::read(file, extension.as_deref()).map_err(DocError::Zip),
    }
}

/// The whole of a document file, at most [`MAX_DOCUMENT_BYTES`] (checked before).
fn read_document(file: std::fs::File) -> Result<Vec<u8>, DocError> {
    let mut bytes = Vec::new();
    file.take(MAX_DOCUMENT_BYTES)
        .read_to_end(&mut bytes)
        .map_err(|e| DocError::Io(e.to_string()))?;
    Ok(bytes)
}

/// A scan read by OCR: from the cache when it holds the file under the current settings, else
/// by Tesseract (unless `options` say to wait), kept in the cache, and cleaned.
fn scan(
    path: &Path,
    file: std::fs::File,
    head: &[u8],
    kind: Scan,
    options: &Options,
) -> Result<Document, DocError> {
    let settings = ocr::settings().map_err(|e| DocError::Ocr(kind, e))?;
    let bytes = read_document(file)?;
    let key = cache::Cache::key(&bytes, &settings.key);
    drop(bytes);
    let store = cache::Cache::default_location();
    let cached = store.as_ref().and_then(|c| c.get(&key));
    let (raw, from_cache) = match cached {
        Some(text) => (text, true),
        None if options.ocr == OcrMode::CachedOnly => return Err(DocError::OcrPending(kind)),
        None => {
            let nothing = |_: u32, _: u32| {};
            let on_page = options.on_page.unwrap_or(&nothing);
            let text = match kind {
                Scan::Image => ocr::image(path, head, on_page),
                _ => ocr::pdf(path, on_page),
            }
            .map_err(|e| DocError::Ocr(kind, e))?;
            (text, false)
        }
    };
    let text = ocrtext::clean(&raw);
    if text.trim().is_empty() {
        return Err(DocError::Ocr(
            kind,
            ocr::OcrError::Failed("tesseract", "no text found".into()),
        ));
    }
    let mut notes = vec![format!(
        "{kind}: read by OCR{}; names and numbers may be misread",
        if from_cache { " (cached)" } else { "" }
    )];
    if !from_cache
        && let Some(store) = &store
        && let Err(e) = store.put(&key, &raw)
    {
        notes.push(format!(
            "cannot keep the OCR in {}: {e}",
            store.dir.display()
        ));
    }
    Ok(Document {
        text,
        reader: ocr::READER,
        notes,
    })
}

/// The kind of a file: its first bytes decide when they are a known signature, so a PDF saved
/// as `.txt` is still read as a PDF; otherwise the extension does, so a damaged `.docx` is
/// reported as a damaged Word document rather than as binary text.
fn sniff(head: &[u8], extension: Option<&str>) -> Kind {
    const OLE2: &[u8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1";
    const IMAGES: [&[u8]; 4] = [b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\0", b"MM\0*"];
    if head.starts_with(b"PK\x03\x04") {
        return Kind::Zip;
    }
    if head.starts_with(OLE2) {
        return Kind::LegacyWord;
    }
    if head.starts_with(b"{\\rtf") {
        return Kind::Rtf;
    }
    if IMAGES.iter().any(|m| head.starts_with(m)) {
        return Kind::Image;
    }
    if memchr::memmem::find(head, b"%PDF-").is_some() && !looks_like_text(head) {
        return Kind::Pdf;
    }
    match extension {
        Some("pdf") => Kind::Pdf,
        Some("docx" | "odt") => Kind::Zip,
        Some("doc") => Kind::LegacyWord,
        Some("rtf") => Kind::Rtf,
        Some("png" | "jpg" | "jpeg" | "tif" | "tiff") => Kind::Image,
        _ => Kind::Text,
    }
}

/// Whether a file that begins with `bytes` and is named `path` is read as plain text, without
/// an extractor: its bytes are then its text (decoded).
pub fn is_plain_text(bytes: &[u8], path: &Path) -> bool {
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    sniff(
        &bytes[..bytes.len().min(PDF_HEADER_WINDOW)],
        extension.as_deref(),
    ) == Kind::Text
}

/// A text file that merely mentions `%PDF-` in its first kilobyte is still text: a PDF has its
/// header at the start, or binary junk before it.
fn looks_like_text(head: &[u8]) -> bool {
    memchr::memmem::find(head, b"%PDF-").is_some_and(|at| {
        at > 0 && std::str::from_utf8(&head[..at]).is_ok_and(|s| s.contains(char::is_alphabetic))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_bytes_decide_before_the_extension() {
        assert_eq!(sniff(b"%PDF-1.7\n", Some("txt")), Kind::Pdf);
        assert_eq!(sniff(b"PK\x03\x04rest", Some("pdf")), Kind::Zip);
        assert_eq!(
            sniff(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", Some("docx")),
            Kind::LegacyWord
        );
        assert_eq!(sniff(b"garbage", Some("pdf")), Kind::Pdf);
        assert_eq!(sniff(b"garbage", Some("odt")), Kind::Zip);
        assert_eq!(sniff(b"Protokoll", Some("md")), Kind::Text);
        assert_eq!(sniff(b"Protokoll", None), Kind::Text);
        // AbiWord saves RTF under a .doc name: the bytes say RTF.
        assert_eq!(sniff(b"{\\rtf1\\ansi", Some("doc")), Kind::Rtf);
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n", Some("txt")), Kind::Image);
        assert_eq!(sniff(b"garbage", Some("tif")), Kind::Image);
        assert_eq!(
            sniff(b"Protokoll om %PDF-filer", Some("txt")),
            Kind::Text,
            "a text that mentions %PDF- is text"
        );
    }

    #[test]
    fn text_files_read_whole_below_and_above_the_read_at_once_length() {
        let dir = tempfile::tempdir().unwrap();
        let line = "§ 1 Ärendet – beslut\n";
        for (name, lines) in [("small.md", 3), ("large.md", 60_000)] {
            let text = line.repeat(lines);
            let path = dir.path().join(name);
            std::fs::write(&path, &text).unwrap();
            let doc = read(&path).unwrap();
            assert_eq!(doc.text, text, "{name}");
            assert_eq!(doc.reader, "text");
        }
        assert!(line.len() * 60_000 > READ_AT_ONCE as usize);
        // A document past its window is still told by its head, and read from its start.
        let path = dir.path().join("notes.pdf");
        std::fs::write(&path, "x".repeat(PDF_HEADER_WINDOW) + "%PDF-1.7").unwrap();
        assert!(matches!(
            read(&path),
            Err(DocError::Pdf(pdf::PdfError::NotPdf))
        ));
    }
}
