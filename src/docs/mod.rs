//! Turning a protocol file of any kind into text: plain text (through [`crate::read`]), PDF
//! (through poppler's `pdftotext`, see [`pdf`]), Word (`.docx`, see [`docx`]) and `OpenDocument`
//! text (`.odt`, see [`odt`]). This module owns choosing the reader — by the file's first bytes
//! (`%PDF`, `PK\x03\x04`), else by its extension — and the limits that keep a hostile file from
//! costing more than one diagnostic: archives are checked before they are opened ([`zipped`]),
//! XML is counted as it unpacks, and `pdftotext` runs as a child process with a timeout and a
//! cap on its output. What comes out is text in the shape of a text export — one paragraph a
//! line, table cells separated by tabs, pages by form feeds — so [`crate::read::clean`] and the
//! parser read it like any other protocol.

pub mod docx;
mod numbering;
pub mod odt;
pub mod pdf;
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
    /// `text`, `pdftotext`, `docx` or `odt`: becomes [`crate::model::Meeting::reader`].
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
    /// A Word 97–2003 `.doc` (or another OLE2 compound file).
    LegacyWord,
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
            DocError::LegacyWord => write!(
                f,
                "Word 97-2003 document (.doc): cannot be read; save it as .docx or PDF"
            ),
            DocError::Pdf(e) => write!(f, "cannot read PDF: {e}"),
            DocError::Zip(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for DocError {}

/// What a file is, by its first bytes or, failing that, its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Text,
    Pdf,
    /// A zip archive: Word or `OpenDocument`, told apart by what it holds.
    Zip,
    LegacyWord,
}

/// The extensions of documents this module reads besides text; folders are searched for them.
pub const DOCUMENT_EXTENSIONS: [&str; 3] = ["pdf", "docx", "odt"];

/// How far into a file `%PDF` may stand: PDF readers accept junk before the header, so we do.
const PDF_HEADER_WINDOW: usize = 1024;

/// Reads the protocol at `path`, whatever its kind. Files are only ever opened for reading.
pub fn read(path: &Path) -> Result<Document, DocError> {
    // Opened once, and only when it is a regular file (see `read::open_regular`); every reader
    // but `pdftotext`, which opens the file itself, reads this handle.
    let mut file = read::open_regular(path).map_err(|e| DocError::Text(e.into()))?;
    let mut head = Vec::with_capacity(PDF_HEADER_WINDOW);
    let len = file.metadata().map_or(0, |m| m.len());
    (&mut file)
        .take(PDF_HEADER_WINDOW as u64)
        .read_to_end(&mut head)
        .map_err(|e| DocError::Io(e.to_string()))?;
    file.seek(SeekFrom::Start(0))
        .map_err(|e| DocError::Io(e.to_string()))?;
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    let kind = sniff(&head, extension.as_deref());
    if kind != Kind::Text {
        if head.is_empty() {
            return Err(DocError::Empty);
        }
        if len > MAX_DOCUMENT_BYTES {
            return Err(DocError::TooLarge(len));
        }
    }
    match kind {
        Kind::Text => {
            let text = read::read_all(file)
                .and_then(|b| read::decode(&b))
                .map_err(DocError::Text)?;
            Ok(Document {
                text,
                reader: "text",
                notes: Vec::new(),
            })
        }
        Kind::LegacyWord => Err(DocError::LegacyWord),
        Kind::Pdf => {
            if memchr::memmem::find(&head, b"%PDF-").is_none() {
                return Err(DocError::Pdf(pdf::PdfError::NotPdf));
            }
            let text = pdf::extract(path).map_err(DocError::Pdf)?;
            Ok(Document {
                text,
                reader: pdf::READER,
                notes: Vec::new(),
            })
        }
        Kind::Zip => zipped::read(file, extension.as_deref()).map_err(DocError::Zip),
    }
}

/// The kind of a file: its first bytes decide when they are a known signature, so a PDF saved
/// as `.txt` is still read as a PDF; otherwise the extension does, so a damaged `.docx` is
/// reported as a damaged Word document rather than as binary text.
fn sniff(head: &[u8], extension: Option<&str>) -> Kind {
    const OLE2: &[u8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1";
    if head.starts_with(b"PK\x03\x04") {
        return Kind::Zip;
    }
    if head.starts_with(OLE2) {
        return Kind::LegacyWord;
    }
    if memchr::memmem::find(head, b"%PDF-").is_some() && !looks_like_text(head) {
        return Kind::Pdf;
    }
    match extension {
        Some("pdf") => Kind::Pdf,
        Some("docx" | "odt") => Kind::Zip,
        Some("doc") => Kind::LegacyWord,
        _ => Kind::Text,
    }
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
        assert_eq!(
            sniff(b"Protokoll om %PDF-filer", Some("txt")),
            Kind::Text,
            "a text that mentions %PDF- is text"
        );
    }
}
