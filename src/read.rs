//! Turning the bytes of a protocol file into clean lines of text.
//!
//! Protocols arrive as text exported from Word or PDF, in whatever encoding the exporter chose,
//! with page furniture (running headers and footers) and line-end hyphenation. This module owns
//! all of that: decoding ([`decode`]), per-character normalisation ([`normalize_line`]), removal
//! of control and escape sequences ([`strip_controls`]), page furniture ([`remove_furniture`]) and
//! joining hyphenated words ([`join_hyphenated`]). What comes out is a list of [`SourceLine`]s,
//! each remembering the 1-based line of the file it came from, so the parser can report
//! positions in the user's file although lines were dropped or joined.

use crate::model::SourceLine;

/// Files above this size are refused: a protocol is a few hundred kilobytes at most, and a larger
/// file is almost certainly something else that would only slow the library down.
pub const MAX_FILE_BYTES: u64 = 20 * 1024 * 1024;

/// Why a file could not be turned into text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    Empty,
    /// Not text; what was found instead ("3 NUL bytes", "14 % control characters …").
    Binary(String),
    TooLarge(u64),
    /// A FIFO, socket, device or folder where a file was expected: what it is.
    NotRegular(&'static str),
    Io(String),
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::Empty => write!(f, "empty file: no protocol to read"),
            ReadError::Binary(found) => write!(
                f,
                "binary file: expected text (UTF-8, UTF-16 or Windows-1252), found {found}"
            ),
            #[allow(clippy::cast_precision_loss)]
            ReadError::TooLarge(n) => write!(
                f,
                "file is {:.1} MB, larger than the {} MB a protocol can be; skipped",
                *n as f64 / 1_048_576.0,
                MAX_FILE_BYTES / 1_048_576
            ),
            ReadError::NotRegular(kind) => write!(f, "not a regular file ({kind})"),
            ReadError::Io(e) => write!(f, "cannot read: {e}"),
        }
    }
}

impl From<std::io::Error> for ReadError {
    fn from(e: std::io::Error) -> ReadError {
        match e.get_ref().and_then(|r| r.downcast_ref::<NotRegular>()) {
            Some(NotRegular(kind)) => ReadError::NotRegular(kind),
            None => ReadError::Io(e.to_string()),
        }
    }
}

/// The error of [`open_regular`] for a path that is not a regular file: what it is instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotRegular(pub &'static str);

impl std::fmt::Display for NotRegular {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "not a regular file ({})", self.0)
    }
}

impl std::error::Error for NotRegular {}

/// Opens a regular file for reading, and nothing else: a FIFO named `x.txt` would block
/// `open(2)` until someone writes to it, a device may never end, a socket cannot be opened. The
/// kind is checked (through symlinks) before opening, the file is opened without blocking (so
/// a FIFO put in its place meanwhile cannot block us either), and checked again once open.
/// Anything else is an error of kind `InvalidInput` holding a [`NotRegular`].
pub fn open_regular(path: &std::path::Path) -> std::io::Result<std::fs::File> {
    open_regular_len(path).map(|(file, _)| file)
}

/// [`open_regular`], with the file's length as the check once open found it.
pub fn open_regular_len(path: &std::path::Path) -> std::io::Result<(std::fs::File, u64)> {
    use std::os::unix::fs::OpenOptionsExt;
    let refuse = |kind| std::io::Error::new(std::io::ErrorKind::InvalidInput, NotRegular(kind));
    if let Some(kind) = not_regular(std::fs::metadata(path)?.file_type()) {
        return Err(refuse(kind));
    }
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(rustix::fs::OFlags::NONBLOCK.bits() as i32)
        .open(path)?;
    let meta = file.metadata()?;
    if let Some(kind) = not_regular(meta.file_type()) {
        return Err(refuse(kind));
    }
    Ok((file, meta.len()))
}

/// What a file that is not a regular file is, in a word for the message; `None` for a
/// regular file.
fn not_regular(t: std::fs::FileType) -> Option<&'static str> {
    use std::os::unix::fs::FileTypeExt;
    Some(if t.is_file() {
        return None;
    } else if t.is_fifo() {
        "fifo"
    } else if t.is_socket() {
        "socket"
    } else if t.is_char_device() {
        "character device"
    } else if t.is_block_device() {
        "block device"
    } else if t.is_dir() {
        "folder"
    } else {
        "unknown kind"
    })
}

/// Reads a regular file (see [`open_regular`]) without ever opening it for writing, refusing
/// files above [`MAX_FILE_BYTES`].
pub fn read_file(path: &std::path::Path) -> Result<Vec<u8>, ReadError> {
    let (file, len) = open_regular_len(path)?;
    read_rest(file, Vec::new(), len)
}

/// Reads the rest of an open file of length `len` (as opening it found it) after `bytes`, read
/// from its start before, refusing files above [`MAX_FILE_BYTES`].
pub fn read_rest(file: std::fs::File, mut bytes: Vec<u8>, len: u64) -> Result<Vec<u8>, ReadError> {
    use std::io::Read;
    if len > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge(len));
    }
    bytes.reserve_exact((len as usize).saturating_sub(bytes.len()));
    // `take` guards against a file that grows while we read it.
    file.take((MAX_FILE_BYTES + 1).saturating_sub(bytes.len() as u64))
        .read_to_end(&mut bytes)
        .map_err(|e| ReadError::Io(e.to_string()))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge(bytes.len() as u64));
    }
    Ok(bytes)
}

/// Decodes UTF-8 (with or without BOM), UTF-16 with BOM, and Windows-1252 when the bytes are
/// not valid UTF-8. A file with NUL bytes outside UTF-16 is binary, not a protocol.
/// Bytes given owned are not copied when they are UTF-8.
pub fn decode<'a>(bytes: impl Into<std::borrow::Cow<'a, [u8]>>) -> Result<String, ReadError> {
    let bytes = bytes.into();
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ReadError::Empty);
    }
    if let Some((encoding, bom_len)) = encoding_rs::Encoding::for_bom(&bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        return check_text(text.into_owned());
    }
    if memchr::memchr(0, &bytes).is_some() {
        let n = memchr::memchr_iter(0, &bytes).count();
        return Err(ReadError::Binary(if n == 1 {
            "a NUL byte".to_owned()
        } else {
            format!("{n} NUL bytes")
        }));
    }
    match String::from_utf8(bytes.into_owned()) {
        Ok(text) => check_text(text),
        Err(e) => {
            let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(e.as_bytes());
            check_text(text.into_owned())
        }
    }
}

fn check_text(text: String) -> Result<String, ReadError> {
    if text.trim().is_empty() {
        return Err(ReadError::Empty);
    }
    // Text decoded from a binary file is mostly control characters and replacement marks. Those
    // are rare in text, so look at bytes first and at characters only when something is odd.
    let head = &text.as_bytes()[..text.len().min(64 * 1024)];
    // Comparisons rather than a table lookup, in blocks without an early exit: the compiler
    // turns this into vector instructions, and it runs over every file that is read.
    let odd_byte =
        |b: u8| (b < 0x20 && !matches!(b, 0x09 | 0x0a | 0x0c | 0x0d | 0x1b)) || b == 0xef;
    let suspicious = head
        .chunks(256)
        .any(|block| block.iter().fold(false, |any, &b| any | odd_byte(b)));
    if !suspicious {
        return Ok(text);
    }
    let mut odd = 0usize;
    let mut total = 0usize;
    for c in text.chars().take(64 * 1024) {
        total += 1;
        if c == '\u{fffd}'
            || c == '\0'
            || (c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\x0c' | '\x1b'))
        {
            odd += 1;
        }
    }
    if odd * 10 > total {
        return Err(ReadError::Binary(format!(
            "{} % control characters or undecodable bytes",
            (odd * 100 + total / 2) / total
        )));
    }
    Ok(text)
}

/// Removes what must never reach a terminal: escape sequences (CSI, OSC and other `ESC x`), C0
/// controls but tab, DEL, C1 controls, and the invisible characters of
/// [`crate::show::is_invisible`] (bidi controls, separators, tags, fillers); combining marks
/// are capped at [`crate::show::MAX_MARKS`] a letter. Newlines are kept.
pub fn strip_controls(s: &str) -> std::borrow::Cow<'_, str> {
    use crate::show::{MAX_MARKS, is_combining};
    let mut marks = 0;
    let needs = s.chars().any(|c| {
        // Below U+0300 nothing is a mark or invisible: only controls count, told at once.
        if c < '\u{300}' {
            marks = 0;
            return c.is_control() && c != '\n' && c != '\t';
        }
        marks = if is_combining(c) { marks + 1 } else { 0 };
        is_unsafe(c) || marks > MAX_MARKS
    });
    if !needs {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    let mut marks = 0;
    while let Some(c) = chars.next() {
        if is_combining(c) {
            marks += 1;
            if marks <= MAX_MARKS {
                out.push(c);
            }
            continue;
        }
        marks = 0;
        if c == '\x1b' {
            match chars.peek() {
                Some('[') => {
                    chars.next();
                    // CSI: parameters and intermediates, then one final byte in @..~.
                    for d in chars.by_ref() {
                        if ('@'..='~').contains(&d) {
                            break;
                        }
                    }
                }
                Some(']' | 'P' | '_' | '^' | 'X') => {
                    chars.next();
                    // OSC and other strings run to BEL or ST (ESC \).
                    while let Some(d) = chars.next() {
                        if d == '\x07' {
                            break;
                        }
                        if d == '\x1b' {
                            if chars.peek() == Some(&'\\') {
                                chars.next();
                            }
                            break;
                        }
                    }
                }
                Some(_) => {
                    chars.next();
                }
                None => {}
            }
        } else if !is_unsafe(c) {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t') || crate::show::is_invisible(c)
}

/// Normalises one line: non-breaking and odd spaces to spaces, soft hyphens and zero-width
/// characters removed, decomposed å ä ö é ü composed, control sequences stripped, trailing
/// whitespace trimmed. Tabs stay: they carry the structure of tables and label rows.
pub fn normalize_line(line: &str) -> String {
    // Only some bytes can start what this function changes: C0 controls, DEL, U+0080–U+00BF
    // (C1 controls, NBSP, soft hyphen, §), combining marks (U+0300–U+036F), U+2000–U+2FFF (odd
    // spaces, zero-width and bidi controls), U+FEFF, and the rarer invisible characters and
    // marks of `show` (U+061C, U+1xxx, U+3164, planes 14–15). Most lines have none of them.
    // Of those, the dashes, quotes and ellipses of ordinary prose (U+2013, U+201D, U+2026)
    // change nothing either: a line is plain unless a character it holds may change.
    let plain = line.bytes().enumerate().all(|(i, b)| {
        !SPECIAL[usize::from(b)]
            || (b >= 0x80
                && line
                    .get(i..)
                    .and_then(|rest| rest.chars().next())
                    .is_some_and(|c| !may_change(c)))
    });
    if plain {
        return line.trim_end_matches([' ', '\t']).to_owned();
    }
    let line = strip_controls(line);
    let mut out = String::with_capacity(line.len() + 2);
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            // "§5" as "§ 5": the same § however it was spaced, in headings, text and decisions.
            '§' => {
                out.push(c);
                if chars.peek().is_some_and(char::is_ascii_digit) {
                    out.push(' ');
                }
            }
            '\u{a0}' | '\u{202f}' | '\u{2007}' | '\u{2009}' | '\u{2002}' | '\u{2003}' => {
                out.push(' ');
            }
            '\u{ad}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{feff}' | '\u{2060}' => {}
            // Ligatures of PDF text layers: "ﬁ" is "fi".
            '\u{fb00}' => out.push_str("ff"),
            '\u{fb01}' => out.push_str("fi"),
            '\u{fb02}' => out.push_str("fl"),
            '\u{fb03}' => out.push_str("ffi"),
            '\u{fb04}' => out.push_str("ffl"),
            '\u{fb05}' | '\u{fb06}' => out.push_str("st"),
            '\u{30a}' | '\u{308}' | '\u{301}' => {
                if let Some(prev) = out.pop() {
                    out.push(compose(prev, c).unwrap_or(prev));
                    if compose(prev, c).is_none() {
                        out.push(c);
                    }
                }
            }
            _ => out.push(c),
        }
    }
    let trimmed = out.trim_end_matches([' ', '\t']).len();
    out.truncate(trimmed);
    out
}

/// Whether [`normalize_line`] may change or drop `c` (or [`strip_controls`] before it): every
/// character its match names, control and invisible characters, and combining marks.
fn may_change(c: char) -> bool {
    is_unsafe(c)
        || c == '\x1b'
        || crate::show::is_combining(c)
        || matches!(
            c,
            '§' | '\u{a0}'
                | '\u{202f}'
                | '\u{2007}'
                | '\u{2009}'
                | '\u{2002}'
                | '\u{2003}'
                | '\u{ad}'
                | '\u{200b}'
                | '\u{200c}'
                | '\u{200d}'
                | '\u{feff}'
                | '\u{2060}'
                | '\u{fb00}'..='\u{fb06}'
        )
}

fn compose(base: char, mark: char) -> Option<char> {
    Some(match (base, mark) {
        ('a', '\u{30a}') => 'å',
        ('A', '\u{30a}') => 'Å',
        ('a', '\u{308}') => 'ä',
        ('A', '\u{308}') => 'Ä',
        ('o', '\u{308}') => 'ö',
        ('O', '\u{308}') => 'Ö',
        ('u', '\u{308}') => 'ü',
        ('U', '\u{308}') => 'Ü',
        ('e', '\u{301}') => 'é',
        ('E', '\u{301}') => 'É',
        _ => return None,
    })
}

/// Bytes that may start something [`normalize_line`] changes (see there).
static SPECIAL: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        t[b] = b != b'\t' as usize;
        b += 1;
    }
    t[0x7f] = true;
    t[0xc2] = true;
    t[0xcc] = true;
    t[0xcd] = true;
    t[0xd8] = true;
    t[0xe1] = true;
    t[0xe2] = true;
    t[0xe3] = true;
    t[0xef] = true;
    t[0xf3] = true;
    t
};

/// A line as the cleaning passes see it: its text, its source line, and whether a page starts
/// at it (a form feed preceded it).
#[derive(Debug, Clone)]
struct RawLine {
    number: u32,
    text: String,
    page_start: bool,
    /// The line ended with a soft hyphen: the word goes on in the next line.
    soft_break: bool,
}

/// Decoded text to clean lines: line ends normalised, each line normalised, page furniture
/// removed and hyphenated words joined. Line numbers count `\n` (and lone `\r`) as editors do;
/// a form feed starts a page but not a line.
pub fn clean(text: &str) -> Vec<SourceLine> {
    // CRs, form feeds and soft hyphens are looked for once in the whole text: most files have
    // none of some, and then no line is searched for them.
    let bytes = text.as_bytes();
    let has_cr = memchr::memchr(b'\r', bytes).is_some();
    let has_ff = memchr::memchr(b'\x0c', bytes).is_some();
    let has_soft_hyphen = memchr::memmem::find(bytes, "\u{ad}".as_bytes()).is_some();
    let mut raw = Vec::with_capacity(memchr::memchr_iter(b'\n', bytes).count() + 1);
    let mut start = 0;
    let ends = memchr::memchr_iter(b'\n', bytes).chain(std::iter::once(bytes.len()));
    for (i, end) in ends.enumerate() {
        let line = &text[start..end];
        start = end + 1;
        let mut push = |piece: &str| {
            let form_feed = has_ff && piece.contains('\x0c');
            raw.push(RawLine {
                number: (i + 1) as u32,
                text: if form_feed {
                    normalize_line(&piece.replace('\x0c', ""))
                } else {
                    normalize_line(piece)
                },
                page_start: i == 0 || form_feed,
                soft_break: has_soft_hyphen && piece.trim_end().ends_with('\u{ad}'),
            });
        };
        if has_cr {
            // Lone CRs (old Mac files) end lines too; the pieces share the number of their
            // `\n`-line, since numbering by `\n` is what every editor shows.
            line.strip_suffix('\r')
                .unwrap_or(line)
                .split('\r')
                .for_each(&mut push);
        } else {
            push(line);
        }
    }
    let raw = remove_furniture(raw);
    join_hyphenated(raw)
        .into_iter()
        .map(|l| SourceLine {
            number: l.number,
            text: l.text,
        })
        .collect()
}

/// True for lines that are page furniture wherever they stand: page numbers ("Sida 3(12)",
/// "3 (9)", "Sida 3 av 12") and signature footers ("Justerandes sign", "Utdragsbestyrkande").
fn is_furniture(line: &str) -> bool {
    let t = line.trim().trim_matches('*').trim();
    // Cheap refusals first, for the many lines that cannot be furniture: furniture is short,
    // and names "sida", "juster…" or "utdrags…" or starts with a page number.
    if t.is_empty() || t.len() > 160 || !may_be_furniture(t.as_bytes()) {
        return false;
    }
    if t.split_whitespace().nth(10).is_some() {
        return false;
    }
    let lower = t.to_lowercase();
    if lower.starts_with("sida ") && is_page_number(&lower[5..]) {
        return true;
    }
    if lower.starts_with("sidan ") && is_page_number(&lower[6..]) {
        return true;
    }
    if is_page_number(&lower) && lower.contains('(') {
        return true;
    }
    if t.chars().count() < 140
        && (lower.contains("justerandes sign")
            || lower.contains("justerandens sign")
            || lower.starts_with("utdragsbestyrkande")
            || lower.starts_with("justerandes initialer"))
    {
        return true;
    }
    false
}

/// Whether `b` starts with a digit or holds "ida", "tdr" or "ust" in any case: found by their
/// middle letters with `memchr`, since this runs for every line of every file.
fn may_be_furniture(b: &[u8]) -> bool {
    let around = |i: usize, before: u8, after: u8| {
        i >= 1 && b[i - 1] | 0x20 == before && b.get(i + 1).is_some_and(|&n| n | 0x20 == after)
    };
    b.first().is_some_and(u8::is_ascii_digit)
        || memchr::memchr2_iter(b'd', b'D', b)
            .any(|i| around(i, b'i', b'a') || around(i, b't', b'r'))
        || memchr::memchr2_iter(b's', b'S', b).any(|i| around(i, b'u', b't'))
}

/// "3(12)", "3 (12)", "3 av 12", "3/12".
fn is_page_number(s: &str) -> bool {
    // Counted in place: this runs for every short line of every file.
    let mut digits = 0;
    let mut rest = [0u8; 4];
    let mut n = 0;
    for c in s.chars() {
        if c.is_ascii_digit() {
            digits += 1;
        } else if !c.is_whitespace() {
            if n == rest.len() || !c.is_ascii() {
                return false;
            }
            rest[n] = c as u8;
            n += 1;
        }
    }
    (1..=6).contains(&digits) && matches!(&rest[..n], b"()" | b"av" | b"/" | b"(av)")
}

/// A line that could be a person's name printed under a signature line in a footer.
fn is_name_like(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    (2..=4).contains(&words.len())
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && !w.chars().any(|c| c.is_ascii_digit())
        })
        && !line.contains(['.', ':', ';', '§'])
}

/// Drops page furniture: lines that are furniture by their form (see [`is_furniture`]), the name
/// printed under a footer's signature line, and running headers that repeat at the top or bottom
/// of many pages (kept on the first page, where they name the organisation and the meeting).
fn remove_furniture(lines: Vec<RawLine>) -> Vec<RawLine> {
    let mut drop = vec![false; lines.len()];
    for (i, l) in lines.iter().enumerate() {
        if is_furniture(&l.text) {
            drop[i] = true;
            // "… Justerandes signaturer:....." with the adjuster's name on the next line.
            let t = l.text.trim_end();
            if (t.ends_with(':') || t.ends_with('.') || t.ends_with('_'))
                && let Some(next) = lines.get(i + 1)
                && !next.page_start
                && is_name_like(next.text.trim())
            {
                drop[i + 1] = true;
            }
        }
    }
    drop_running_headers(&lines, &mut drop);
    lines
        .into_iter()
        .zip(drop)
        .filter_map(|(l, d)| (!d).then_some(l))
        .collect()
}

/// Lines that stand among the first three or last two lines of at least three in five pages
/// (and at least three pages) are running headers or footers; a municipal template's header is
/// often three lines (title; organisation, date label, "Sida"; body, date, page). Digits are ignored when comparing, so
/// "Sida 3" and "Sida 4" are the same furniture.
fn drop_running_headers(lines: &[RawLine], drop: &mut [bool]) {
    let mut pages: Vec<Vec<usize>> = vec![Vec::new()];
    for (i, l) in lines.iter().enumerate() {
        if l.page_start && i > 0 {
            pages.push(Vec::new());
        }
        if !crate::words::is_blank(&l.text)
            && !drop[i]
            && let Some(page) = pages.last_mut()
        {
            page.push(i);
        }
    }
    if pages.len() < 3 {
        return;
    }
    // The words without their digits, one space apart (a word of digits leaves its space).
    let key = |i: usize| -> String {
        let mut k = String::with_capacity(lines[i].text.len());
        for (n, w) in lines[i].text.split_whitespace().enumerate() {
            if n > 0 {
                k.push(' ');
            }
            k.extend(w.chars().filter(|c| !c.is_ascii_digit()));
        }
        k
    };
    // The first two and last two lines of a page; the third too when it looks like a header.
    let edge = |page: &Vec<usize>| -> Vec<usize> {
        let third = page
            .get(2)
            .filter(|&&i| looks_like_header(&lines[i].text))
            .copied();
        page.iter()
            .take(2)
            .copied()
            .chain(third)
            .chain(page.iter().rev().take(2).copied())
            .collect()
    };
    let mut counts: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for page in &pages {
        let mut seen = std::collections::HashSet::new();
        for i in edge(page) {
            let k = key(i);
            // Headings differ only by their number; a header has words of its own.
            if k.chars().filter(|c| c.is_alphabetic()).count() >= 3
                && !k.contains('§')
                && seen.insert(k.clone())
            {
                *counts.entry(k).or_default() += 1;
            }
        }
    }
    // Most pages, not just several: a section heading like "Beslut" often opens a page too. A
    // line that looks like a page header needs only three pages: a document with extra page
    // breaks of its own (or pages without the header) must not keep its header in the text.
    let needed = (pages.len() * 3).div_ceil(5).max(3);
    for page in pages.iter().skip(1) {
        for i in edge(page) {
            let least = if looks_like_header(&lines[i].text) {
                3
            } else {
                needed
            };
            if counts.get(&key(i)).is_some_and(|&n| n >= least) {
                drop[i] = true;
            }
        }
    }
}

/// A line with what page headers carry: "Sida", a date, a page number "3 (5)", or a title in
/// capitals ("SAMMANTRÄDESPROTOKOLL").
fn looks_like_header(line: &str) -> bool {
    const DATE_LABEL: &str = "sammanträdesdatum";
    let t = line.trim();
    let letters = t.chars().filter(|c| c.is_alphabetic()).count();
    t.split_whitespace().any(|w| {
        w.eq_ignore_ascii_case("sida")
            || w.get(..DATE_LABEL.len())
                .is_some_and(|p| p.to_lowercase() == DATE_LABEL)
    }) || (letters >= 8 && !t.chars().any(char::is_lowercase))
        || t.split_whitespace()
            .any(|w| crate::date::Date::parse_iso(w).is_some())
        || is_page_number(t.rsplit("   ").next().unwrap_or(""))
}

/// Words of a compound left open before a conjunction ("hälso- och sjukvård") keep their hyphen.
const OPEN_COMPOUND_NEXT: [&str; 8] = [
    "och",
    "eller",
    "samt",
    "resp",
    "respektive",
    "till",
    "som",
    "men",
];

/// Joins words split by hyphenation at line ends ("där-" / "efter" → "därefter"), also across a
/// blank line or a removed page break, but never an open compound ("hälso- och sjukvård") and
/// never before a capital or a digit. The joined line keeps the number of its first half.
fn join_hyphenated(lines: Vec<RawLine>) -> Vec<RawLine> {
    let mut out: Vec<RawLine> = Vec::with_capacity(lines.len());
    let iter = lines.into_iter().peekable();
    let mut pending_blank: Vec<RawLine> = Vec::new();
    for line in iter {
        if crate::words::is_blank(&line.text) {
            pending_blank.push(line);
            continue;
        }
        if let Some(prev) = out.last_mut()
            && pending_blank.len() <= 2
            && (prev.soft_break || ends_with_split_word(&prev.text))
            && continues_word(&line.text, prev.soft_break)
        {
            if !prev.soft_break {
                prev.text.pop();
            }
            prev.text.push_str(line.text.trim_start());
            prev.soft_break = line.soft_break;
            pending_blank.clear();
            continue;
        }
        out.append(&mut pending_blank);
        out.push(line);
    }
    out.append(&mut pending_blank);
    out
}

fn ends_with_split_word(text: &str) -> bool {
    let mut rev = text.chars().rev();
    rev.next() == Some('-') && rev.next().is_some_and(char::is_lowercase)
}

fn continues_word(next: &str, soft: bool) -> bool {
    let t = next.trim_start();
    let first: String = t.chars().take_while(|c| c.is_alphabetic()).collect();
    if first.is_empty() {
        return false;
    }
    if soft {
        return true;
    }
    first.chars().next().is_some_and(char::is_lowercase)
        && !OPEN_COMPOUND_NEXT.contains(&first.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(lines: &[SourceLine]) -> Vec<&str> {
        lines.iter().map(|l| l.text.as_str()).collect()
    }

    #[test]
    fn decodes_utf8_with_and_without_bom() {
        assert_eq!(decode("Närvaro".as_bytes()).unwrap(), "Närvaro");
        assert_eq!(decode(b"\xef\xbb\xbfN\xc3\xa4rvaro").unwrap(), "Närvaro");
    }

    #[test]
    fn decodes_utf16_with_bom() {
        let mut le = vec![0xff, 0xfe];
        le.extend("Lövgren §".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode(&le).unwrap(), "Lövgren §");
        let mut be = vec![0xfe, 0xff];
        be.extend("Åberg".encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(decode(&be).unwrap(), "Åberg");
    }

    #[test]
    fn decodes_windows_1252_when_not_utf8() {
        assert_eq!(
            decode(b"L\xf6vgren \xa7 21 \x96 ok").unwrap(),
            "Lövgren § 21 – ok"
        );
    }

    #[test]
    fn refuses_empty_and_binary() {
        assert_eq!(decode(b"  \n\n"), Err(ReadError::Empty));
        assert_eq!(
            decode(b"\x7fELF\x02\x01\x00\x00\x00"),
            Err(ReadError::Binary("3 NUL bytes".into()))
        );
        // No NUL here: the message must not claim one.
        let e = decode(&[0x89, 0x50, 0x4e, 0x47, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06]).unwrap_err();
        assert_eq!(
            e.to_string(),
            "binary file: expected text (UTF-8, UTF-16 or Windows-1252), found 60 % control characters or undecodable bytes"
        );
    }

    #[test]
    fn normalizes_spaces_soft_hyphens_and_decomposed_letters() {
        assert_eq!(normalize_line("Erik\u{a0}Lövgren  \t"), "Erik Lövgren");
        assert_eq!(normalize_line("utjäm\u{ad}ning"), "utjämning");
        assert_eq!(
            normalize_line("Lo\u{308}vgren A\u{30a}berg"),
            "Lövgren Åberg"
        );
        assert_eq!(normalize_line("a\u{200b}b"), "ab");
    }

    #[test]
    fn section_signs_are_spaced_one_way() {
        assert_eq!(normalize_line("behandlas som §5"), "behandlas som § 5");
        assert_eq!(
            normalize_line("se §§18, 19 och § 26"),
            "se §§ 18, 19 och § 26"
        );
        assert_eq!(normalize_line("§"), "§");
    }

    #[test]
    fn strips_escape_sequences_and_controls() {
        assert_eq!(strip_controls("a\x1b[2Jb"), "ab");
        assert_eq!(strip_controls("a\x1b]52;c;cHduZWQ=\x07b"), "ab");
        assert_eq!(strip_controls("a\x1b]0;title\x1b\\b"), "ab");
        assert_eq!(strip_controls("x\u{9b}y\u{7f}z\u{202e}w\u{8}"), "xyzw");
        assert_eq!(strip_controls("tab\tand\nnewline"), "tab\tand\nnewline");
        assert_eq!(
            strip_controls("A\u{200f}B\u{e0041}C\u{3164}D\u{fffa}E\u{2029}F"),
            "ABCDEF"
        );
        assert_eq!(normalize_line("Anna\u{200e} Berg\u{061c}"), "Anna Berg");
        assert_eq!(
            normalize_line("Ze\u{301}\u{302}\u{303}\u{304}\u{305}x"),
            "Zé\u{302}x"
        );
    }

    #[test]
    fn crlf_and_form_feeds_keep_line_numbers() {
        let lines = clean("a\r\nb\r\n\x0cc\r\n");
        assert_eq!(texts(&lines), ["a", "b", "c", ""]);
        assert_eq!(lines[2].number, 3);
    }

    #[test]
    fn joins_hyphenated_words_but_not_open_compounds() {
        let lines = clean(
            "läggs där-\nefter till handlingarna\nhälso-\noch sjukvård\nSocial-\nstyrelsen\nKS-\nOrdförande",
        );
        let want = [
            "läggs därefter till handlingarna",
            "hälso-",
            "och sjukvård",
            "Socialstyrelsen",
            "KS-",
            "Ordförande",
        ];
        assert_eq!(texts(&lines), want);
        assert_eq!(lines[0].number, 1);
        assert_eq!(lines[1].number, 3);
    }

    #[test]
    fn joins_across_a_blank_line_and_soft_hyphen() {
        assert_eq!(
            texts(&clean("Som ett för-\n\nsta steg")),
            ["Som ett första steg"]
        );
        assert_eq!(texts(&clean("utjäm\u{ad}\nningen")), ["utjämningen"]);
        assert_eq!(
            texts(&clean("KSAU § 3 Bygg-\n\nKS § 4")),
            ["KSAU § 3 Bygg-", "", "KS § 4"]
        );
    }

    #[test]
    fn removes_page_numbers_and_signature_footers() {
        let text =
            "Prosa här\nJusterandes sign\n\x0c\nSida 2(9)\nmer prosa\nUtdragsbestyrkande\n3 (9)";
        assert_eq!(texts(&clean(text)), ["Prosa här", "", "mer prosa"]);
    }

    #[test]
    fn removes_footer_with_adjusters_name_on_next_line() {
        let text = "text\nMötesdatum Styrelsen 7 maj 2020 Justerandes signaturer:.....\n Erik Lövgren\n\n§13 Status";
        assert_eq!(texts(&clean(text)), ["text", "", "§ 13 Status"]);
    }

    #[test]
    fn removes_a_three_line_header_even_among_extra_page_breaks() {
        let header = |n: usize| {
            format!(
                "                SAMMANTRÄDESPROTOKOLL\nAlstads kommun      Sammanträdesdatum      Sida\nNämnden             2024-05-06             {n} (5)\n"
            )
        };
        // Five pages with the header, and five more breaks without it ("Sida N" only).
        let mut text = String::new();
        for n in 1..=5 {
            text.push_str(&header(n));
            text.push_str(&format!(
                "Text på sida {n}.\n\nBeslut\n\x0cSida {n}(9)\nMer text.\n\x0c"
            ));
        }
        let lines = clean(&text);
        let t = texts(&lines);
        assert_eq!(
            t.iter()
                .filter(|l| l.contains("SAMMANTRÄDESPROTOKOLL"))
                .count(),
            1
        );
        assert_eq!(t.iter().filter(|l| l.contains("(5)")).count(), 1, "{t:?}");
        // A heading that opens pages is not furniture.
        assert_eq!(t.iter().filter(|l| **l == "Beslut").count(), 5);
    }

    #[test]
    fn removes_running_headers_after_the_first_page() {
        let page = |body: &str| format!("KOMMUNSTYRELSEN\nSammanträdesdatum 2024-03-01\n{body}\n");
        let text = format!(
            "{}\x0c{}\x0c{}\x0c{}",
            page("ett"),
            page("två"),
            page("tre"),
            page("text fyra")
        );
        let lines = clean(&text);
        let t = texts(&lines);
        assert_eq!(t.iter().filter(|l| **l == "KOMMUNSTYRELSEN").count(), 1);
        assert!(t.contains(&"text fyra"));
        assert!(t.contains(&"Sammanträdesdatum 2024-03-01"));
    }
}
