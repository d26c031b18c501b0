//! Building a [`Library`] from files and folders: finding protocol files (with the one walk of
//! [`crate::walk`]), reading them in parallel, parsing each, and collecting what went wrong as
//! diagnostics. One broken file costs
//! one message; the others still load. Files are only ever opened for reading.
//!
//! Scans take seconds a page to read by OCR. The commands wait for them (the OCR cache makes
//! the second run quick); the UI asks for [`Progress::background_ocr`]: a scan that is not in
//! the cache then stands in the library at once as a meeting "reading (OCR)…" ([`READING`]),
//! and [`read_scans`] reads them one after another afterwards, each replacing its stand-in as a
//! [`Change`]. A scan that needs a tool that is not installed stands there as unread
//! ([`UNREAD`]), beside the message that says what to install.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use crate::cache::Cache;
use crate::lang::Lang;
use crate::model::{Diagnostic, Library, Meeting};
use crate::review::Finding;
use crate::{docs, parse, read};

mod changes;
mod matching;
mod review;
mod scans;

pub use changes::{Change, apply};
pub use matching::search_files;
pub use review::{Reviewed, ReviewedLibrary, review_all, review_file, review_loaded};
pub use scans::{ScanProgress, read_scans};

/// A library and the problems met while loading it.
#[derive(Debug, Default)]
pub struct Loaded {
    pub library: Library,
    pub diagnostics: Vec<Diagnostic>,
    /// What a UI builds from the library, made on the loader's threads when
    /// [`Progress::partial`] asks for it; the meetings themselves then went to the UI as they
    /// were read, and `library` is empty.
    pub prepared: Option<Prepared>,
}

/// The library's order, every meeting's findings and the search index, for a UI that has the
/// meetings already (see [`Progress::partial`]): made while loading, so the UI's thread does
/// not stop to make them, and no meeting is held twice.
pub struct Prepared {
    /// Library order: each meeting's `path_key` and its id, made unique as [`load`] makes it.
    pub order: Vec<(String, String)>,
    /// In library order.
    pub findings: Vec<Vec<Finding>>,
    pub search: crate::search::Index,
}

impl std::fmt::Debug for Prepared {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Prepared")
            .field("findings", &self.findings.len())
            .finish_non_exhaustive()
    }
}

pub use crate::walk::{EXTENSIONS, files_under, is_protocol_file};

/// The reader of a meeting that stands for a scan waiting for OCR.
pub const READING: &str = "ocr-pending";

/// The reader of a meeting that stands for a scan that cannot be read until a tool is
/// installed.
pub const UNREAD: &str = "unread";

/// How far loading has come, for a progress gauge; shared with the thread that loads.
#[derive(Debug, Default)]
pub struct Progress {
    /// Scans not in the OCR cache are left for [`read_scans`] (see the module documentation).
    pub background_ocr: bool,
    /// The scans left for later: canonical path and name as in diagnostics.
    pub scans: Mutex<Vec<(PathBuf, String)>>,
    /// Files read (or failed) so far.
    pub done: AtomicUsize,
    pub total: AtomicUsize,
    /// The file read last.
    pub current: Mutex<String>,
    /// When set, every meeting is put here as soon as its file is read, with the review's
    /// findings on it, so a UI can show the library while the rest loads; the UI takes them
    /// from here, and the loaded library then only says their order ([`Prepared`]).
    pub partial: Option<Partial>,
}

/// Meetings read so far, for a UI (see [`Progress::partial`]).
#[derive(Debug)]
pub struct Partial {
    /// The language of the findings.
    pub lang: Lang,
    /// Each meeting with its findings (errors first, see [`crate::review::by_severity`]).
    pub meetings: Mutex<Vec<(Meeting, Vec<Finding>)>>,
}

impl Partial {
    pub fn new(lang: Lang) -> Partial {
        Partial {
            lang,
            meetings: Mutex::new(Vec::new()),
        }
    }
}

/// Loads every protocol under `paths`.
pub fn load(paths: &[PathBuf]) -> Loaded {
    load_with(paths, &Progress::default())
}

/// Loads every protocol under `paths`, counting files done in `progress`.
pub fn load_with(paths: &[PathBuf], progress: &Progress) -> Loaded {
    load_checked(paths, progress).0
}

/// A file that was named or found but not read as a protocol (or a folder left unread), and
/// why: `protokoll check` must not pass what it never checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// As in diagnostics.
    pub path: String,
    /// The message of the diagnostic that says why.
    pub why: String,
}

/// What the walk met as diagnostics, and the files and folders it left unread as skipped.
pub(super) fn walk_problems(found: &crate::walk::Found) -> (Vec<Diagnostic>, Vec<Skipped>) {
    let mut diagnostics = Vec::new();
    let mut skipped = Vec::new();
    for (path, problem) in &found.problems {
        let d = Diagnostic {
            path: path.display().to_string(),
            line: 1,
            message: problem.to_string(),
        };
        if problem.leaves_files() {
            skipped.push(Skipped {
                path: d.path.clone(),
                why: d.message.clone(),
            });
        }
        diagnostics.push(d);
    }
    (diagnostics, skipped)
}

/// Like [`load_with`], also listing what was skipped.
pub fn load_checked(paths: &[PathBuf], progress: &Progress) -> (Loaded, Vec<Skipped>) {
    let found = crate::walk::walk(paths);
    let (diagnostics, mut skipped) = walk_problems(&found);
    let files = found.files;
    progress.total.store(files.len(), Ordering::Relaxed);
    let results: Vec<(Option<Meeting>, Vec<Diagnostic>, Option<Extra>)> = files
        .par_iter()
        .map(|f| {
            let name = f.display().to_string();
            let Read {
                mut meeting,
                diagnostics,
                findings: made,
                part,
            } = if progress.background_ocr {
                read_or_stand_in(f, &name, progress)
            } else {
                let (meeting, diagnostics) = read_file(f, &name);
                Read {
                    meeting,
                    diagnostics,
                    ..Read::default()
                }
            };
            if let Ok(mut current) = progress.current.lock() {
                *current = name;
            }
            let mut extra = None;
            if let Some(partial) = &progress.partial
                && let Some(m) = meeting.take()
            {
                // Made here, on the loader's threads, or read from the cache: never on the
                // UI's.
                let mut findings = made.unwrap_or_else(|| crate::review::check(&m, partial.lang));
                crate::review::by_severity(&mut findings);
                extra = Some(Extra {
                    findings: findings.clone(),
                    search: part.unwrap_or_else(|| crate::search::Part::of(&m)),
                });
                // The meeting goes to the UI; the loader keeps what orders the library.
                meeting = Some(Meeting {
                    id: m.id.clone(),
                    date: m.date.clone(),
                    path_key: m.path_key.clone(),
                    reader: m.reader.clone(),
                    ..Meeting::default()
                });
                if let Ok(mut meetings) = partial.meetings.lock() {
                    meetings.push((m, findings));
                }
            }
            progress.done.fetch_add(1, Ordering::Relaxed);
            (meeting, diagnostics, extra)
        })
        .collect();
    for (f, (meeting, diags, _)) in files.iter().zip(&results) {
        if meeting
            .as_ref()
            .is_none_or(|m| m.reader == READING || m.reader == UNREAD)
        {
            // The last word on a file is why it was dropped: a read error is its only
            // diagnostic, the parser's "no § found" comes after notes about the file.
            skipped.push(Skipped {
                path: f.display().to_string(),
                why: diags.last().map_or_else(
                    || "not read as a protocol".to_owned(),
                    |d| d.message.clone(),
                ),
            });
        }
    }
    let (mut loaded, extras) = finish_with(results, diagnostics);
    if progress.partial.is_some() {
        let mut findings = Vec::with_capacity(extras.len());
        let mut parts = Vec::with_capacity(extras.len());
        for e in extras.into_iter().flatten() {
            findings.push(e.findings);
            parts.push(e.search);
        }
        let heads = std::mem::take(&mut loaded.library.meetings);
        let ids = heads.iter().map(|m| m.id.clone()).collect();
        loaded.prepared = Some(Prepared {
            order: heads.into_iter().map(|m| (m.path_key, m.id)).collect(),
            findings,
            search: crate::search::Index::join(parts, ids),
        });
    }
    (loaded, skipped)
}

/// What the loader makes of one meeting for a UI (see [`Prepared`]).
struct Extra {
    findings: Vec<Finding>,
    search: crate::search::Part,
}

/// Reads and parses one protocol file, named `name` in messages.
pub fn read_file(f: &Path, name: &str) -> (Option<Meeting>, Vec<Diagnostic>) {
    read_file_with(f, name, &docs::Options::default())
}

/// Like [`read_file`], a scan's stand-in in its place when it waits for OCR or a tool (see the
/// module documentation).
fn read_or_stand_in(f: &Path, name: &str, progress: &Progress) -> Read {
    let options = docs::Options {
        ocr: docs::OcrMode::CachedOnly,
        on_page: None,
    };
    let path = || std::fs::canonicalize(f).unwrap_or_else(|_| f.to_owned());
    let lang = progress.partial.as_ref().map(|p| p.lang);
    match read_reviewed(f, name, &options, lang, true) {
        Ok(read) => read,
        Err(docs::DocError::OcrPending(_)) => {
            let path = path();
            if let Ok(mut scans) = progress.scans.lock() {
                scans.push((path.clone(), name.to_owned()));
            }
            // Its messages come when it has been read.
            Read {
                meeting: Some(stand_in(f, &path, name, READING)),
                ..Read::default()
            }
        }
        Err(e) if e.is_unread_scan() => Read {
            meeting: Some(stand_in(f, &path(), name, UNREAD)),
            diagnostics: vec![diagnostic(name, &e)],
            ..Read::default()
        },
        Err(e) => Read {
            diagnostics: vec![diagnostic(name, &e)],
            ..Read::default()
        },
    }
}

/// A file's meeting, what was said about it, and its findings and search part when they were
/// asked for.
#[derive(Default)]
pub(super) struct Read {
    pub meeting: Option<Meeting>,
    pub diagnostics: Vec<Diagnostic>,
    pub findings: Option<Vec<Finding>>,
    pub part: Option<crate::search::Part>,
}

pub(super) fn diagnostic(name: &str, e: &docs::DocError) -> Diagnostic {
    Diagnostic {
        path: name.to_owned(),
        line: 1,
        message: e.to_string(),
    }
}

/// A meeting with no §, standing in the library for the scan at `f` until it is read.
pub fn stand_in(f: &Path, canonical: &Path, name: &str, reader: &str) -> Meeting {
    Meeting {
        id: stem_id(f),
        source: name.to_owned(),
        reader: reader.to_owned(),
        path_key: canonical.display().to_string(),
        ..Meeting::default()
    }
}

/// Reads and parses one protocol file, named `name` in messages, as `options` say.
pub fn read_file_with(
    f: &Path,
    name: &str,
    options: &docs::Options,
) -> (Option<Meeting>, Vec<Diagnostic>) {
    read_parsed(f, name, options).unwrap_or_else(|e| (None, vec![diagnostic(name, &e)]))
}

/// The meeting of one protocol file and what was said about it, or why it could not be read;
/// from the parse cache when one is enabled and holds the file as it is now.
fn read_parsed(
    f: &Path,
    name: &str,
    options: &docs::Options,
) -> Result<(Option<Meeting>, Vec<Diagnostic>), docs::DocError> {
    read_reviewed(f, name, options, None, false).map(|r| (r.meeting, r.diagnostics))
}

/// A file's meeting, what was said about it, and with `lang` the review's findings on it: all
/// from one read of its cache entry when it has one (findings made and the entry written again
/// when it lacks them), else read, reviewed and cached in one write.
pub(super) fn read_reviewed(
    f: &Path,
    name: &str,
    options: &docs::Options,
    lang: Option<Lang>,
    with_part: bool,
) -> Result<Read, docs::DocError> {
    let cached = Cache::for_file(f);
    let review = |m: &Option<Meeting>| {
        lang.zip(m.as_ref())
            .map(|(l, m)| crate::review::check(m, l))
    };
    if let Some((c, key)) = &cached {
        let entry = if with_part {
            c.entry_indexed(key)
                .map(|(s, both)| (s, both.map_or((None, None), |(m, p)| (Some(m), Some(p)))))
        } else {
            c.entry(key).map(|(s, m)| (s, (m, None)))
        };
        if let Some((summary, (meeting, part))) = entry {
            let meeting = meeting.map(|m| named(m, f, name));
            let diagnostics = summary.diagnostics(name);
            let stored = lang.and_then(|l| summary.findings(l, &stem_id(f)));
            let findings = if stored.is_some() {
                stored
            } else {
                let made = review(&meeting);
                if let Some((l, fs)) = lang.zip(made.as_deref()) {
                    // Written again with the findings in this language; the search part is
                    // made again only when it was not read.
                    match (&meeting, &part) {
                        (Some(m), Some(p)) => {
                            c.put_indexed(key, Some((m, p)), &diagnostics, Some((l, fs)));
                        }
                        _ => c.put(key, meeting.as_ref(), &diagnostics, Some((l, fs))),
                    }
                }
                made
            };
            return Ok(Read {
                meeting,
                diagnostics,
                findings,
                part,
            });
        }
    }
    let (meeting, diagnostics) = read_uncached(f, name, options)?;
    let findings = review(&meeting);
    let mut part = None;
    if let Some((c, key)) = &cached {
        let with = lang.zip(findings.as_deref());
        // The search part is made once, for the cache and for the caller.
        let index = meeting.as_ref().map(crate::search::Part::of);
        c.put_indexed(
            key,
            meeting.as_ref().zip(index.as_ref()),
            &diagnostics,
            with,
        );
        part = index.filter(|_| with_part);
    }
    Ok(Read {
        meeting,
        diagnostics,
        findings,
        part,
    })
}

/// A meeting read from the cache, named as this run names its file.
pub(super) fn named(mut m: Meeting, f: &Path, name: &str) -> Meeting {
    name.clone_into(&mut m.source);
    m.id = stem_id(f);
    m
}

/// A meeting's id before it is made unique: the file name without extension, safe to print.
pub fn stem_id(f: &Path) -> String {
    f.file_stem().map_or_else(
        || "protokoll".to_owned(),
        |s| crate::show::field(&s.to_string_lossy()).into_owned(),
    )
}

/// Reads and parses one file, without the parse cache.
fn read_uncached(
    f: &Path,
    name: &str,
    options: &docs::Options,
) -> Result<(Option<Meeting>, Vec<Diagnostic>), docs::DocError> {
    let doc = docs::read_with(f, options)?;
    let (mut meeting, mut diags) = parse_one(&doc.text, name, f);
    if let Some(m) = meeting.as_mut() {
        doc.reader.clone_into(&mut m.reader);
        // What OCR read may be misread: the checks that would accuse on the roster ask
        // first (see `Doubts`).
        if doc.reader == docs::ocr::READER {
            m.doubts.roster = true;
        }
    }
    // Notes about the file (a draft with tracked changes) come before what the parser
    // says about its text.
    let notes = doc.notes.into_iter().map(|message| Diagnostic {
        path: name.to_owned(),
        line: 1,
        message,
    });
    diags.splice(0..0, notes);
    Ok((meeting, diags))
}

/// Loads protocols held in memory (the bundled samples), named by `name`.
pub fn load_texts(texts: &[(&str, &[u8])]) -> Loaded {
    let results = texts
        .par_iter()
        .map(|(name, bytes)| match read::decode(*bytes) {
            Ok(text) => parse_one(&text, name, Path::new(name)),
            Err(e) => (
                None,
                vec![Diagnostic {
                    path: (*name).to_owned(),
                    line: 1,
                    message: e.to_string(),
                }],
            ),
        })
        .collect();
    finish(results, Vec::new())
}

pub(super) fn parse_one(text: &str, name: &str, path: &Path) -> (Option<Meeting>, Vec<Diagnostic>) {
    // The parser is written never to panic; if it does anyway, one file is lost, not the library.
    let result = std::panic::catch_unwind(|| parse::parse(text, name));
    match result {
        Ok((mut meeting, diags)) => {
            if meeting.reader.is_empty() {
                "text".clone_into(&mut meeting.reader);
            }
            meeting.path_key = crate::cache::canonical(path)
                .map_or_else(|| name.to_owned(), |p| p.display().to_string());
            // The id is shown wherever the meeting is named: made safe to print once, here.
            meeting.id = stem_id(path);
            let keep = !meeting.paragraphs.is_empty() || !meeting.agenda.is_empty();
            (keep.then_some(meeting), diags)
        }
        Err(_) => (None, vec![internal_error(name)]),
    }
}

/// What is said of a file whose parse panicked (the parser is written never to).
pub(super) fn internal_error(name: &str) -> Diagnostic {
    Diagnostic {
        path: name.to_owned(),
        line: 1,
        message: "internal error while parsing; file skipped (please report it)".into(),
    }
}

fn finish(
    results: Vec<(Option<Meeting>, Vec<Diagnostic>)>,
    diagnostics: Vec<Diagnostic>,
) -> Loaded {
    let results = results.into_iter().map(|(m, d)| (m, d, ())).collect();
    finish_with(results, diagnostics).0
}

/// The library of what was read: ids made unique in the order files were found, meetings in
/// library order (date, then id), each with its `X` (kept only for the files that gave one).
fn finish_with<X>(
    results: Vec<(Option<Meeting>, Vec<Diagnostic>, X)>,
    mut diagnostics: Vec<Diagnostic>,
) -> (Loaded, Vec<X>) {
    Cache::flush_global();
    let mut meetings = Vec::new();
    for (m, d, x) in results {
        diagnostics.extend(d);
        meetings.extend(m.map(|m| (m, x)));
    }
    unique_stems(meetings.iter_mut().map(|(m, _)| &mut m.id));
    meetings.sort_by(|(a, _), (b, _)| a.date.cmp(&b.date).then_with(|| a.id.cmp(&b.id)));
    let (meetings, extras) = meetings.into_iter().unzip();
    (
        Loaded {
            library: Library { meetings },
            diagnostics,
            prepared: None,
        },
        extras,
    )
}

/// Makes ids that are file stems unique, in the order files were found: the second `x` is
/// `x-2`.
pub fn unique_stems<'a>(ids: impl Iterator<Item = &'a mut String>) {
    let mut seen = std::collections::HashMap::<String, usize>::new();
    for id in ids {
        let n = seen.entry(id.clone()).or_insert(0);
        *n += 1;
        if *n > 1 {
            *id = format!("{id}-{n}");
        }
    }
}

/// Makes `id` unique among `taken` with a suffix (`-2`, `-3`, …) and takes it.
pub fn unique_id<S: std::hash::BuildHasher>(
    id: &mut String,
    taken: &mut std::collections::HashSet<String, S>,
) {
    if taken.contains(id.as_str()) {
        let base = id.clone();
        // At most `taken.len()` suffixes can be in use, so one of these is free.
        *id = (2..=taken.len() + 2)
            .map(|n| format!("{base}-{n}"))
            .find(|c| !taken.contains(c))
            .unwrap_or(base);
    }
    taken.insert(id.clone());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stand_in_has_no_findings() {
        let p = Path::new("/arkiv/skannad.pdf");
        let m = stand_in(p, p, "skannad.pdf", READING);
        assert_eq!(m.id, "skannad");
        assert!(
            crate::review::check(&m, crate::lang::Lang::En).is_empty(),
            "{:?}",
            crate::review::check(&m, crate::lang::Lang::En)
        );
    }
}
