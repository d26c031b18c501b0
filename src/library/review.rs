//! Reviewing an archive file by file, for `protokoll check`: each file's findings from the
//! parse cache's summary when it holds them, else from its model, which is dropped as soon as
//! the findings are made; and the findings a UI's loader makes for each meeting.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::{Loaded, Skipped, diagnostic, read_reviewed, stem_id, unique_stems, walk_problems};
use crate::cache::Cache;
use crate::docs;
use crate::lang::Lang;
use crate::model::{Diagnostic, Meeting};
use crate::review::Finding;

/// What `check` needs of one file: its review, and the meeting only when asked for.
#[derive(Debug)]
pub struct Reviewed {
    /// The file as named in messages.
    pub name: String,
    /// The meeting's id (see [`stem_id`]; made unique by the caller).
    pub id: String,
    /// The key of the file's review marks (the meeting's `path_key`).
    pub path_key: String,
    pub date: Option<String>,
    pub diagnostics: Vec<Diagnostic>,
    /// `None` when the file gave no meeting.
    pub findings: Option<Vec<Finding>>,
    /// Boxed: ten thousand of these are collected, moved into order and sorted, and a model
    /// inline would make each 800 bytes where the rest is 150 (`check` keeps no model).
    pub meeting: Option<Box<Meeting>>,
}

/// Reviews one file, from the parse cache's summary when it holds the findings in `lang` (the
/// model is then never read), else by reading the file; what was read is cached with its
/// findings. `keep_meeting` keeps the model in the result (the Markdown report needs it).
pub fn review_file(f: &Path, name: &str, lang: Lang, keep_meeting: bool) -> Reviewed {
    let cached = Cache::for_file(f);
    let mut reviewed = Reviewed {
        name: name.to_owned(),
        id: stem_id(f),
        path_key: String::new(),
        date: None,
        diagnostics: Vec::new(),
        findings: None,
        meeting: None,
    };
    if !keep_meeting
        && let Some((c, key)) = &cached
        && let Some(summary) = c.summary(key)
    {
        let findings = summary.findings(lang, &reviewed.id);
        if !summary.has_meeting || findings.is_some() {
            key.path().clone_into(&mut reviewed.path_key);
            reviewed.date.clone_from(&summary.date);
            reviewed.diagnostics = summary.diagnostics(name);
            reviewed.findings = findings;
            return reviewed;
        }
    }
    let super::Read {
        meeting,
        diagnostics,
        findings,
        ..
    } = read_reviewed(f, name, &docs::Options::default(), Some(lang), false).unwrap_or_else(|e| {
        super::Read {
            diagnostics: vec![diagnostic(name, &e)],
            ..super::Read::default()
        }
    });
    if let Some(m) = &meeting {
        reviewed.path_key.clone_from(&m.path_key);
        reviewed.date.clone_from(&m.date);
    }
    reviewed.diagnostics = diagnostics;
    reviewed.findings = findings;
    reviewed.meeting = meeting.filter(|_| keep_meeting).map(Box::new);
    reviewed
}

/// A library reviewed file by file, without holding the models (see [`review_all`]).
#[derive(Debug, Default)]
pub struct ReviewedLibrary {
    /// The files that gave a meeting, in library order, ids unique.
    pub files: Vec<Reviewed>,
    pub diagnostics: Vec<Diagnostic>,
    pub skipped: Vec<Skipped>,
}

/// Reviews every protocol under `paths`, file by file: each model is dropped as soon as its
/// findings are made (unless `keep_meeting`), so memory stays near one protocol per thread,
/// and a cached file costs one small read.
pub fn review_all(paths: &[PathBuf], lang: Lang, keep_meeting: bool) -> ReviewedLibrary {
    let found = crate::walk::walk(paths);
    let (diagnostics, skipped) = walk_problems(&found);
    let mut out = ReviewedLibrary {
        diagnostics,
        skipped,
        ..ReviewedLibrary::default()
    };
    let all: Vec<Reviewed> = found
        .files
        .par_iter()
        .map(|f| review_file(f, &f.display().to_string(), lang, keep_meeting))
        .collect();
    Cache::flush_global();
    out.files.reserve(all.len());
    for mut r in all {
        out.diagnostics.append(&mut r.diagnostics);
        if r.findings.is_some() {
            out.files.push(r);
        } else {
            out.skipped.push(Skipped {
                why: out
                    .diagnostics
                    .last()
                    .filter(|d| d.path == r.name)
                    .map_or_else(
                        || "not read as a protocol".to_owned(),
                        |d| d.message.clone(),
                    ),
                path: r.name,
            });
        }
    }
    order_reviewed(&mut out.files);
    out
}

/// Reviews meetings already in memory (the bundled samples).
pub fn review_loaded(loaded: Loaded, lang: Lang, keep_meeting: bool) -> ReviewedLibrary {
    let files = loaded
        .library
        .meetings
        .into_iter()
        .map(|m| Reviewed {
            name: m.source.clone(),
            id: m.id.clone(),
            path_key: m.path_key.clone(),
            date: m.date.clone(),
            diagnostics: Vec::new(),
            findings: Some(crate::review::check(&m, lang)),
            meeting: keep_meeting.then(|| Box::new(m)),
        })
        .collect();
    ReviewedLibrary {
        files,
        diagnostics: loaded.diagnostics,
        skipped: Vec::new(),
    }
}

/// Ids made unique in the order files were found, then library order (date, id), as
/// [`finish`] orders meetings; each finding names its meeting's final id.
fn order_reviewed(files: &mut [Reviewed]) {
    unique_stems(files.iter_mut().map(|r| &mut r.id));
    files.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.id.cmp(&b.id)));
    for r in files {
        for f in r.findings.iter_mut().flatten() {
            f.meeting.clone_from(&r.id);
        }
        if let Some(m) = &mut r.meeting {
            m.id.clone_from(&r.id);
        }
    }
}
