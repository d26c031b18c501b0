//! Opening `.docx` and `.odt` files — zip archives of XML — without trusting them. This module
//! owns the limits: the entry count is read from the archive's end record before the archive
//! is opened (so a forged directory cannot make us allocate for millions of entries), an XML
//! entry is refused when its declared size is above [`MAX_XML_BYTES`], and the bytes are
//! counted again as they unpack, so a zip bomb that lies about its sizes is stopped at the
//! limit. It tells Word from `OpenDocument` by what the archive holds, not by its name.

use std::io::{Read, Seek, SeekFrom};

use super::{Document, docx, odt};

/// An XML part that unpacks to more than this is refused: a long protocol's `document.xml` is a
/// few megabytes; 64 MB is far beyond any real one and still small enough to read safely.
pub const MAX_XML_BYTES: u64 = 64 * 1024 * 1024;

/// An archive with more entries than this is refused: a Word document has a few dozen, one with
/// many images a few hundred.
pub const MAX_ENTRIES: u64 = 10_000;

/// Why a `.docx` or `.odt` could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ZipProblem {
    /// Not a zip archive at all (or one whose end record is missing).
    NotZip(Format),
    /// A zip archive the zip reader refused: truncated, corrupt, encrypted.
    Broken(Format, String),
    TooManyEntries(Format, u64),
    /// An XML part that unpacks to more than [`MAX_XML_BYTES`].
    TooLarge(Format, String),
    /// An XML part that unpacks to more than its header says: a zip bomb hiding its size.
    LyingSize(Format, String),
    /// A zip archive with neither `word/document.xml` nor `content.xml`.
    NoText,
    /// A part that is not well-formed XML.
    Xml {
        format: Format,
        part: String,
        at: u64,
        message: String,
    },
}

/// Which kind of document a problem is about, for the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Word,
    OpenDocument,
    /// Not known yet: the archive could not be opened to look inside.
    Unknown,
}

impl Format {
    fn from_extension(extension: Option<&str>) -> Format {
        match extension {
            Some("docx") => Format::Word,
            Some("odt") => Format::OpenDocument,
            _ => Format::Unknown,
        }
    }
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Format::Word => "Word document (.docx)",
            Format::OpenDocument => "OpenDocument text (.odt)",
            Format::Unknown => "document",
        })
    }
}

impl std::fmt::Display for ZipProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ZipProblem::NotZip(k) => write!(f, "cannot read {k}: not a zip archive"),
            ZipProblem::Broken(k, e) => write!(f, "cannot read {k}: damaged zip archive ({e})"),
            ZipProblem::TooManyEntries(k, n) => write!(
                f,
                "cannot read {k}: the archive has {n} entries, more than the {MAX_ENTRIES} a document can have; skipped"
            ),
            ZipProblem::TooLarge(k, part) => write!(
                f,
                "cannot read {k}: {part} unpacks to more than {} MB; skipped (zip bomb?)",
                MAX_XML_BYTES / 1_048_576
            ),
            ZipProblem::LyingSize(k, part) => write!(
                f,
                "cannot read {k}: {part} unpacks to more than its declared size; skipped (zip bomb?)"
            ),
            ZipProblem::NoText => write!(
                f,
                "cannot read document: a zip archive with neither word/document.xml (Word) nor content.xml (OpenDocument)"
            ),
            ZipProblem::Xml {
                format,
                part,
                at,
                message,
            } => write!(
                f,
                "cannot read {format}: {part} is not well-formed XML (at byte {at}: {message})"
            ),
        }
    }
}

/// A zip archive's bytes: a file, or bytes in memory.
pub trait Source: Read + Seek {}

impl<T: Read + Seek> Source for T {}

/// Reads a `.docx` or `.odt` from `file`, open at its start; the extension only names the
/// format in messages about archives too damaged to look inside.
pub(super) fn read(file: std::fs::File, extension: Option<&str>) -> Result<Document, ZipProblem> {
    read_from(std::io::BufReader::new(file), extension)
}

/// Reads a `.docx` or `.odt` held in memory (an attachment, a fuzzer's input), as a file is.
pub fn read_bytes(bytes: &[u8], extension: Option<&str>) -> Result<Document, ZipProblem> {
    read_from(std::io::Cursor::new(bytes.to_vec()), extension)
}

fn read_from(
    mut file: impl Source + 'static,
    extension: Option<&str>,
) -> Result<Document, ZipProblem> {
    let guess = Format::from_extension(extension);
    match declared_entries(&mut file) {
        Ok(Some(n)) if n > MAX_ENTRIES => return Err(ZipProblem::TooManyEntries(guess, n)),
        Ok(Some(_)) => {}
        Ok(None) => return Err(ZipProblem::NotZip(guess)),
        Err(e) => return Err(ZipProblem::Broken(guess, e.to_string())),
    }
    file.seek(SeekFrom::Start(0))
        .map_err(|e| ZipProblem::Broken(guess, e.to_string()))?;
    let source: Box<dyn Source> = Box::new(file);
    let archive =
        zip::ZipArchive::new(source).map_err(|e| ZipProblem::Broken(guess, e.to_string()))?;
    if archive.len() as u64 > MAX_ENTRIES {
        return Err(ZipProblem::TooManyEntries(guess, archive.len() as u64));
    }
    let mut parts = Parts { archive };
    if parts.has("word/document.xml") {
        docx::extract(&mut parts)
    } else if parts.has("content.xml") {
        odt::extract(&mut parts)
    } else {
        Err(ZipProblem::NoText)
    }
}

/// The opened archive, handing out XML parts within the limits.
pub struct Parts {
    archive: zip::ZipArchive<Box<dyn Source>>,
}

impl Parts {
    /// True when the archive holds a part of this name.
    pub fn has(&self, name: &str) -> bool {
        self.archive.index_for_name(name).is_some()
    }

    /// The bytes of the part `name`, or `None` when there is no such part. Refused when it
    /// declares, or turns out while unpacking, to be larger than [`MAX_XML_BYTES`].
    pub fn xml(&mut self, name: &str, format: Format) -> Result<Option<Vec<u8>>, ZipProblem> {
        let Some(index) = self.archive.index_for_name(name) else {
            return Ok(None);
        };
        let entry = self
            .archive
            .by_index(index)
            .map_err(|e| ZipProblem::Broken(format, e.to_string()))?;
        if entry.size() > MAX_XML_BYTES {
            return Err(ZipProblem::TooLarge(format, name.to_owned()));
        }
        // The declared size is the entry's own claim; count what actually comes out too.
        let declared = entry.size();
        let mut bytes = Vec::with_capacity(declared as usize);
        if let Err(e) = entry.take(MAX_XML_BYTES + 1).read_to_end(&mut bytes) {
            // The zip reader stops an entry that outgrows its declared size; say why.
            if bytes.len() as u64 >= declared {
                return Err(ZipProblem::LyingSize(format, name.to_owned()));
            }
            return Err(ZipProblem::Broken(format, e.to_string()));
        }
        if bytes.len() as u64 > MAX_XML_BYTES {
            return Err(ZipProblem::TooLarge(format, name.to_owned()));
        }
        Ok(Some(bytes))
    }
}

/// The number of entries the archive's end record declares (the ZIP64 record's when the
/// classic one says so), or `None` when there is no end record: not a zip archive.
fn declared_entries(file: &mut impl Source) -> std::io::Result<Option<u64>> {
    // The end record is 22 bytes plus a comment of at most 65,535.
    const WINDOW: u64 = 22 + 65_535;
    let len = file.seek(SeekFrom::End(0))?;
    let start = len.saturating_sub(WINDOW);
    file.seek(SeekFrom::Start(start))?;
    let mut tail = Vec::with_capacity((len - start) as usize);
    file.by_ref().take(WINDOW).read_to_end(&mut tail)?;
    let Some(at) = memchr::memmem::rfind(&tail, b"PK\x05\x06") else {
        return Ok(None);
    };
    let Some(count) = tail.get(at + 10..at + 12) else {
        return Ok(None);
    };
    let count = u16::from_le_bytes([count[0], count[1]]);
    if count != u16::MAX {
        return Ok(Some(u64::from(count)));
    }
    // ZIP64: a locator just before the end record points at the ZIP64 end record.
    let zip64_count = (|| -> Option<u64> {
        let locator = tail.get(at.checked_sub(20)?..at)?;
        if !locator.starts_with(b"PK\x06\x07") {
            return None;
        }
        let offset = u64::from_le_bytes(locator.get(8..16)?.try_into().ok()?);
        let mut record = [0u8; 40];
        file.seek(SeekFrom::Start(offset)).ok()?;
        file.read_exact(&mut record).ok()?;
        if !record.starts_with(b"PK\x06\x06") {
            return None;
        }
        Some(u64::from_le_bytes(record.get(32..40)?.try_into().ok()?))
    })();
    Ok(Some(zip64_count.unwrap_or(u64::from(u16::MAX))))
}

/// XML helpers shared by the Word and `OpenDocument` readers.
pub mod xml {
    use quick_xml::Reader;
    use quick_xml::events::{BytesRef, BytesStart, Event};

    use super::{Format, ZipProblem};

    /// The error for malformed XML in `part` of a document of `format`.
    pub fn error(
        format: Format,
        part: &str,
        reader: &Reader<&[u8]>,
        e: &quick_xml::Error,
    ) -> ZipProblem {
        ZipProblem::Xml {
            format,
            part: part.to_owned(),
            at: reader.error_position(),
            message: e.to_string(),
        }
    }

    /// What a document body reader does with the events [`walk`] hands it.
    pub trait Handler {
        /// How deep the walk is inside an element whose content is not read (deleted text, a
        /// drawing's fallback copy); the handler raises it in `start` to skip an element.
        fn skip(&mut self) -> &mut usize;
        /// An element opens (`empty`: and closes at once).
        fn start(&mut self, e: &BytesStart<'_>, empty: bool);
        /// An element closes, by its local name.
        fn end(&mut self, name: &str);
        /// Character data, references already resolved.
        fn text(&mut self, s: &str);
    }

    /// Reads `bytes` (the XML `part` of a document of `format`) into `h`, passing over what lies
    /// inside skipped elements.
    pub fn walk(
        format: Format,
        part: &str,
        bytes: &[u8],
        h: &mut impl Handler,
    ) -> Result<(), ZipProblem> {
        let mut reader = Reader::from_reader(bytes);
        let mut buf = Vec::new();
        loop {
            let event = match reader.read_event_into(&mut buf) {
                Ok(e) => e,
                Err(e) => return Err(error(format, part, &reader, &e)),
            };
            let skipping = *h.skip() > 0;
            match event {
                Event::Eof => break,
                Event::Start(_) if skipping => *h.skip() += 1,
                Event::Start(e) => h.start(&e, false),
                Event::Empty(e) if !skipping => h.start(&e, true),
                Event::End(_) if skipping => *h.skip() -= 1,
                Event::End(e) => h.end(e.local_name().as_ref()),
                Event::Text(t) if !skipping => h.text(&t.xml10_content()),
                Event::CData(t) if !skipping => h.text(&t.xml10_content()),
                Event::GeneralRef(r) if !skipping => {
                    if let Some(c) = reference(&r) {
                        h.text(c.encode_utf8(&mut [0; 4]));
                    }
                }
                _ => {}
            }
            buf.clear();
        }
        Ok(())
    }

    /// The value of the attribute whose local name (the part after any prefix) is `name`.
    pub fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
        e.attributes()
            .filter_map(Result::ok)
            .find(|a| a.key.local_name().as_ref() == name)
            .and_then(|a| {
                a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    .ok()
                    .map(std::borrow::Cow::into_owned)
            })
    }

    /// The character an entity or character reference (`&amp;`, `&#xE5;`) stands for. XML has
    /// five named entities; documents may declare others, which we do not expand (that is how
    /// "billion laughs" bombs work) and read as nothing.
    pub fn reference(r: &BytesRef<'_>) -> Option<char> {
        if let Ok(Some(c)) = r.resolve_char_ref() {
            return Some(c);
        }
        match &**r {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => None,
        }
    }
}

/// Lines of text being written out, with the blank lines a text export has between blocks: a
/// blank line is added before a heading and around a table unless one is already there. A page
/// break becomes a form feed before the next line, as in `pdftotext` output.
#[derive(Debug, Default)]
pub struct Lines {
    text: String,
    page_pending: bool,
}

impl Lines {
    /// Adds one paragraph; line breaks within it become lines of their own.
    pub fn push(&mut self, paragraph: &str) {
        if std::mem::take(&mut self.page_pending) && !paragraph.starts_with('\x0c') {
            self.text.push('\x0c');
        }
        self.text.push_str(paragraph);
        self.text.push('\n');
    }

    /// A new page starts with the next line.
    pub fn page(&mut self) {
        self.page_pending = !self.text.is_empty();
    }

    /// Makes sure the next line follows a blank line (nothing at the start of the text).
    pub fn blank(&mut self) {
        if !self.text.is_empty() && !self.text.ends_with("\n\n") {
            self.text.push('\n');
        }
    }

    pub fn into_text(self) -> String {
        self.text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_end_record_gives_the_entry_count() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.zip");
        let mut eocd = b"PK\x05\x06\0\0\0\0\x07\x00\x07\x00".to_vec();
        eocd.extend([0u8; 10]);
        std::fs::write(&path, &eocd).unwrap();
        let mut f = std::fs::File::open(&path).unwrap();
        assert_eq!(declared_entries(&mut f).unwrap(), Some(7));
        std::fs::write(&path, b"not a zip").unwrap();
        let mut f = std::fs::File::open(&path).unwrap();
        assert_eq!(declared_entries(&mut f).unwrap(), None);
    }

    #[test]
    fn blank_lines_are_not_doubled() {
        let mut l = Lines::default();
        l.blank();
        l.push("a");
        l.blank();
        l.blank();
        l.push("b");
        l.push("");
        l.blank();
        l.push("c");
        assert_eq!(l.into_text(), "a\n\nb\n\nc\n");
    }
}
