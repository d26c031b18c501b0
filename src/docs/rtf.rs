//! RTF: the text of a Rich Text Format file, read here rather than by `unrtf`. Measured on
//! our fixture (`tests/fixtures/scans/legacy.rtf`, written the way Word writes RTF) and on
//! `\u` escapes, `unrtf --text` writes Latin-1 only: a character written as `\u272?` becomes
//! `?`, `\'96` (an en dash in Windows-1252) becomes a control character, and its `--html`
//! mode drops the letters after a `\u` escape. RTF is text with a small grammar, so reading
//! it here costs no process, no install, and is bounded like the other readers.
//!
//! What is read: the text of the document body, in the code page the file declares
//! (`\ansicpg`, Windows-1252 when none) for `\'hh` escapes and `\uN` for Unicode (skipping the
//! `\ucN` fallback characters after it); paragraphs, line breaks and sections as new lines,
//! `\page` as a form feed, table cells separated by tabs and rows as lines — the shape of a
//! text export (see [`super`]). Skipped: every `{\* …}` destination, font, colour and style
//! tables, document info, pictures and objects, field instructions (their results are kept),
//! headers and footers, and `\bin` data. Groups nested deeper than [`MAX_DEPTH`] are read as
//! skipped, and output past [`MAX_TEXT_BYTES`] ends the reading with an error.

/// The name of this reader in the model.
pub const READER: &str = "rtf";

/// The most text taken from one file: as much as a text file may hold.
pub const MAX_TEXT_BYTES: usize = crate::read::MAX_FILE_BYTES as usize;

/// Groups nested deeper than this are skipped: real documents nest a few dozen deep.
pub const MAX_DEPTH: usize = 512;

/// Why an RTF file could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RtfError {
    /// The file does not start with `{\rtf`.
    NotRtf,
    /// The text passed [`MAX_TEXT_BYTES`].
    TooMuchText,
    /// Nothing but formatting: no text at all.
    NoText,
}

impl std::fmt::Display for RtfError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RtfError::NotRtf => write!(f, "cannot read RTF: the file does not start with {{\\rtf"),
            RtfError::TooMuchText => write!(
                f,
                "cannot read RTF: more than {} MB of text; skipped",
                MAX_TEXT_BYTES / 1_048_576
            ),
            RtfError::NoText => write!(f, "RTF file with no text"),
        }
    }
}

/// Destinations whose text is not part of the document's body.
const SKIPPED: &[&str] = &[
    "fonttbl",
    "colortbl",
    "stylesheet",
    "info",
    "pict",
    "object",
    "fldinst",
    "header",
    "headerl",
    "headerr",
    "headerf",
    "footer",
    "footerl",
    "footerr",
    "footerf",
    "listtable",
    "listoverridetable",
    "rsidtbl",
    "generator",
    "themedata",
    "colorschememapping",
    "datastore",
    "latentstyles",
    "xmlnstbl",
    "filetbl",
    "revtbl",
    "nonshppict",
    "shpinst",
    "bkmkstart",
    "bkmkend",
    "pntext",
];

/// The state of one `{…}` group.
#[derive(Debug, Clone, Copy)]
struct Group {
    /// The text of this group (and those inside it) is not the body's.
    skip: bool,
    /// How many fallback characters follow a `\uN` (`\ucN`).
    uc: usize,
}

/// The reader's state while it walks the file.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
    out: String,
    /// `\'hh` bytes not yet decoded (a double-byte code page needs them in pairs).
    pending: Vec<u8>,
    encoding: &'static encoding_rs::Encoding,
    stack: Vec<Group>,
    group: Group,
    /// Fallback characters still to skip after a `\uN`.
    skip_chars: usize,
    /// Groups opened past [`MAX_DEPTH`], read as skipped.
    too_deep: usize,
}

/// The text of the RTF document `bytes` (see the module documentation).
pub fn read(bytes: &[u8]) -> Result<String, RtfError> {
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    if !bytes[start..].starts_with(b"{\\rtf") {
        return Err(RtfError::NotRtf);
    }
    let mut r = Reader {
        bytes,
        at: start,
        out: String::new(),
        pending: Vec::new(),
        encoding: encoding_rs::WINDOWS_1252,
        stack: Vec::new(),
        group: Group { skip: false, uc: 1 },
        skip_chars: 0,
        too_deep: 0,
    };
    r.run()?;
    r.flush();
    let text = tidy(&r.out);
    if text.trim().is_empty() {
        return Err(RtfError::NoText);
    }
    Ok(text)
}

impl Reader<'_> {
    fn run(&mut self) -> Result<(), RtfError> {
        while self.at < self.bytes.len() {
            if self.out.len() > MAX_TEXT_BYTES {
                return Err(RtfError::TooMuchText);
            }
            let b = self.bytes[self.at];
            self.at += 1;
            match b {
                b'{' => self.open(),
                b'}' => self.close(),
                b'\\' => self.control(),
                b'\r' | b'\n' => {}
                _ => self.byte(b),
            }
        }
        Ok(())
    }

    fn open(&mut self) {
        self.flush();
        if self.stack.len() >= MAX_DEPTH || self.too_deep > 0 {
            self.too_deep += 1;
            return;
        }
        self.stack.push(self.group);
        self.skip_chars = 0;
    }

    fn close(&mut self) {
        self.flush();
        if self.too_deep > 0 {
            self.too_deep -= 1;
            return;
        }
        if let Some(g) = self.stack.pop() {
            self.group = g;
        }
        self.skip_chars = 0;
    }

    fn skipping(&self) -> bool {
        self.group.skip || self.too_deep > 0
    }

    /// A literal byte of text, in the document's code page.
    fn byte(&mut self, b: u8) {
        if self.skip_chars > 0 {
            self.skip_chars -= 1;
            return;
        }
        if !self.skipping() {
            self.pending.push(b);
        }
    }

    /// Decodes the bytes of text read so far.
    fn flush(&mut self) {
        if self.pending.is_empty() {
            return;
        }
        let bytes = std::mem::take(&mut self.pending);
        let (text, _) = self.encoding.decode_without_bom_handling(&bytes);
        self.out.push_str(&text);
    }

    fn text(&mut self, s: &str) {
        self.flush();
        if !self.skipping() {
            self.out.push_str(s);
        }
    }

    /// After a backslash: a control symbol, `\'hh`, or a control word with its parameter.
    fn control(&mut self) {
        let Some(&c) = self.bytes.get(self.at) else {
            return;
        };
        if !c.is_ascii_alphabetic() {
            self.at += 1;
            match c {
                b'\'' => {
                    let hex = self.bytes.get(self.at..self.at + 2);
                    let value = hex
                        .and_then(|h| std::str::from_utf8(h).ok())
                        .and_then(|h| u8::from_str_radix(h, 16).ok());
                    if let Some(v) = value {
                        self.at += 2;
                        self.byte(v);
                    }
                }
                b'\\' | b'{' | b'}' => self.byte(c),
                b'*' => self.group.skip = true,
                b'~' => self.symbol("\u{a0}"),
                b'_' => self.symbol("-"),
                b'\r' | b'\n' => self.symbol("\n"),
                // `\-` (an optional hyphen), `\|`, `\:` and others show nothing.
                _ => {
                    if self.skip_chars > 0 {
                        self.skip_chars -= 1;
                    }
                }
            }
            return;
        }
        let start = self.at;
        while self.at < self.bytes.len() && self.bytes[self.at].is_ascii_alphabetic() {
            self.at += 1;
        }
        let word = std::str::from_utf8(&self.bytes[start..self.at])
            .unwrap_or_default()
            .to_owned();
        let param_start = self.at;
        if self.bytes.get(self.at) == Some(&b'-') {
            self.at += 1;
        }
        while self.at < self.bytes.len()
            && self.bytes[self.at].is_ascii_digit()
            && self.at - param_start < 11
        {
            self.at += 1;
        }
        let param = std::str::from_utf8(&self.bytes[param_start..self.at])
            .ok()
            .and_then(|p| p.parse::<i64>().ok());
        if self.bytes.get(self.at) == Some(&b' ') {
            self.at += 1;
        }
        self.word(&word, param);
    }

    /// A control symbol that shows as text: it counts as one fallback character after `\u`.
    fn symbol(&mut self, s: &str) {
        if self.skip_chars > 0 {
            self.skip_chars -= 1;
        } else {
            self.text(s);
        }
    }

    /// A tab, or the space after a list item's bullet or number: Word writes a list item as
    /// its label, a tab and the text, and the other readers give `• text` and `1. text`.
    fn tab(&mut self) {
        self.flush();
        if self.skipping() {
            return;
        }
        let line = self.out.rsplit('\n').next().unwrap_or_default();
        let label = line.trim_start();
        if is_list_label(label) {
            if label == "·" {
                // Word's bullet in the Symbol font, read as Windows-1252.
                let at = self.out.len() - "·".len();
                self.out.replace_range(at.., "•");
            }
            self.out.push(' ');
        } else {
            self.out.push('\t');
        }
    }

    fn word(&mut self, word: &str, param: Option<i64>) {
        if SKIPPED.contains(&word) {
            self.group.skip = true;
            return;
        }
        match word {
            "bin" => {
                // Binary data of the given length follows: never text.
                let n = usize::try_from(param.unwrap_or(0)).unwrap_or(0);
                self.at = self.at.saturating_add(n).min(self.bytes.len());
            }
            "u" => {
                if let Some(p) = param {
                    // Negative values are the upper half of the 16-bit range.
                    let code = if p < 0 { p + 65_536 } else { p };
                    let c = u32::try_from(code)
                        .ok()
                        .and_then(char::from_u32)
                        .unwrap_or('\u{fffd}');
                    self.text(c.encode_utf8(&mut [0; 4]));
                    self.skip_chars = self.group.uc;
                }
            }
            "uc" => self.group.uc = usize::try_from(param.unwrap_or(1)).unwrap_or(1).min(8),
            "ansicpg" => {
                self.flush();
                if let Some(e) = param.and_then(code_page) {
                    self.encoding = e;
                }
            }
            "mac" => self.encoding = encoding_rs::MACINTOSH,
            "par" | "line" | "sect" => self.text("\n"),
            "page" => self.text("\n\x0c"),
            "tab" => self.tab(),
            "cell" | "nestcell" => self.text("\t"),
            "row" | "nestrow" => {
                self.flush();
                if !self.skipping() {
                    while self.out.ends_with('\t') {
                        self.out.pop();
                    }
                    self.out.push('\n');
                }
            }
            "emdash" => self.text("—"),
            "endash" => self.text("–"),
            "bullet" => self.text("•"),
            "lquote" => self.text("‘"),
            "rquote" => self.text("’"),
            "ldblquote" => self.text("“"),
            "rdblquote" => self.text("”"),
            _ => self.flush(),
        }
    }
}

/// A list item's label: a bullet, or one to three letters or digits before `.` or `)`.
fn is_list_label(s: &str) -> bool {
    if matches!(s, "•" | "·" | "▪" | "o" | "-" | "–") {
        return true;
    }
    let Some(body) = s.strip_suffix(['.', ')']) else {
        return false;
    };
    (1..=3).contains(&body.chars().count()) && body.chars().all(char::is_alphanumeric)
}

/// The encoding of a Windows code page number, for the ones `encoding_rs` knows.
fn code_page(n: i64) -> Option<&'static encoding_rs::Encoding> {
    use encoding_rs as e;
    Some(match n {
        874 => e::WINDOWS_874,
        932 => e::SHIFT_JIS,
        936 => e::GBK,
        949 => e::EUC_KR,
        950 => e::BIG5,
        1250 => e::WINDOWS_1250,
        1251 => e::WINDOWS_1251,
        1252 => e::WINDOWS_1252,
        1253 => e::WINDOWS_1253,
        1254 => e::WINDOWS_1254,
        1255 => e::WINDOWS_1255,
        1256 => e::WINDOWS_1256,
        1257 => e::WINDOWS_1257,
        1258 => e::WINDOWS_1258,
        10000 => e::MACINTOSH,
        65001 => e::UTF_8,
        _ => return None,
    })
}

/// Trailing spaces and tabs off every line (an empty paragraph in a table cell leaves them).
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split('\n') {
        out.push_str(line.trim_end_matches([' ', '\t']));
        out.push('\n');
    }
    out.truncate(out.trim_end_matches('\n').len());
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_in_the_code_page_and_unicode_escapes() {
        let rtf = br"{\rtf1\ansi\ansicpg1252\uc1 Dragan \u272?uki\u263? och G\'f6ran \u8211? \'96 \'80\par}";
        assert_eq!(read(rtf).unwrap(), "Dragan Đukić och Göran – – €\n");
    }

    #[test]
    fn tables_are_cells_by_tabs_and_rows_by_lines() {
        let rtf = br"{\rtf1\ansi{\fonttbl{\f0 Arial;}}{\colortbl;\red0\green0\blue0;}
\pard Deltagare\par
\trowd\cellx3000\cellx6000 \pard\intbl Birgitta Sj\'f6din\cell \pard\intbl sekreterare\cell\row
\trowd\cellx3000\cellx6000 \pard\intbl Mats\cell \pard\intbl \cell\row
\pard\b \'a7 14\b0\par}";
        assert_eq!(
            read(rtf).unwrap(),
            "Deltagare\nBirgitta Sjödin\tsekreterare\nMats\n§ 14\n"
        );
    }

    #[test]
    fn list_labels_are_followed_by_a_space() {
        let rtf = br"{\rtf1\ansi \pard{\listtext\'b7\tab}Utse justerare\par
\pard\bullet\tab Godk\'e4nna\par\pard 2.\tab Val\par\pard Plats:\tab Alstad\par}";
        assert_eq!(
            read(rtf).unwrap(),
            "• Utse justerare\n• Godkänna\n2. Val\nPlats:\tAlstad\n"
        );
    }

    #[test]
    fn destinations_and_binary_data_are_skipped() {
        let rtf = b"{\\rtf1{\\info{\\title Hemligt}}{\\*\\generator Word;}{\\header Sida 1}\
{\\field{\\*\\fldinst HYPERLINK \"x\"}{\\fldrslt l\\'e4nk}}\\bin4 \x00}{}\\par{\\pict 0a0b}slut\\par}";
        assert_eq!(read(rtf).unwrap(), "länk\nslut\n");
    }

    #[test]
    fn hostile_input_is_bounded() {
        assert_eq!(read(b"plain text"), Err(RtfError::NotRtf));
        assert_eq!(read(br"{\rtf1{\fonttbl x}}"), Err(RtfError::NoText));
        // Deep nesting is read as skipped, unbalanced braces end quietly.
        let mut deep = b"{\\rtf1 a".to_vec();
        deep.extend(std::iter::repeat_n(b'{', 100_000));
        deep.extend_from_slice(b"hidden");
        assert_eq!(read(&deep).unwrap(), "a\n");
        // A \u escape past Unicode or negative, \bin past the end, \' at the end.
        assert_eq!(
            read(br"{\rtf1 x\u2000000?\u-4064?y\'").unwrap(),
            "x\u{fffd}\u{f020}y\n"
        );
        assert_eq!(read(br"{\rtf1 a\bin999999999").unwrap(), "a\n");
    }

    proptest::proptest! {
        #[test]
        fn any_bytes_after_the_header_are_read_without_panic(tail in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..400)) {
            let mut bytes = b"{\\rtf1 ".to_vec();
            bytes.extend(tail);
            let _ = read(&bytes);
        }

        #[test]
        fn rtf_like_text_is_read_without_panic(s in "[{}\\\\a-z0-9' *\\-u]{0,300}") {
            let _ = read(format!("{{\\rtf1 {s}").as_bytes());
        }
    }
}
