//! Building a [`Library`] from files and folders: finding protocol files, reading them in
//! parallel, parsing each, and collecting what went wrong as diagnostics. One broken file costs
//! one message; the others still load. Files are only ever opened for reading.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use crate::model::{Diagnostic, Library, Meeting};
use crate::{docs, parse, read};

/// A library and the problems met while loading it.
#[derive(Debug, Default)]
pub struct Loaded {
    pub library: Library,
    pub diagnostics: Vec<Diagnostic>,
}

/// Extensions read from folders; a file named on the command line is read whatever its name
/// (and routed to its reader by its first bytes, see [`docs::read`]).
pub const EXTENSIONS: [&str; 5] = ["txt", "md", "pdf", "docx", "odt"];
/// Folder nesting we follow; deeper trees are almost certainly a mistake (or a link loop).
const MAX_DEPTH: usize = 32;

/// How far loading has come, for a progress gauge; shared with the thread that loads.
#[derive(Debug, Default)]
pub struct Progress {
    pub done: AtomicUsize,
    pub total: AtomicUsize,
}

/// Loads every protocol under `paths`.
pub fn load(paths: &[PathBuf]) -> Loaded {
    load_with(paths, &Progress::default())
}

/// Loads every protocol under `paths`, counting files done in `progress`.
pub fn load_with(paths: &[PathBuf], progress: &Progress) -> Loaded {
    let mut diagnostics = Vec::new();
    let mut files = Vec::new();
    for p in paths {
        collect(p, 0, &mut files, &mut diagnostics);
    }
    progress.total.store(files.len(), Ordering::Relaxed);
    let results: Vec<(Option<Meeting>, Vec<Diagnostic>)> = files
        .par_iter()
        .inspect(|_| {
            progress.done.fetch_add(1, Ordering::Relaxed);
        })
        .map(|f| {
            let name = f.display().to_string();
            match docs::read(f) {
                Ok(doc) => {
                    let (mut meeting, mut diags) = parse_one(&doc.text, &name, f);
                    if let Some(m) = meeting.as_mut() {
                        doc.reader.clone_into(&mut m.reader);
                    }
                    // Notes about the file (a draft with tracked changes) come before what the
                    // parser says about its text.
                    let notes = doc.notes.into_iter().map(|message| Diagnostic {
                        path: name.clone(),
                        line: 1,
                        message,
                    });
                    diags.splice(0..0, notes);
                    (meeting, diags)
                }
                Err(e) => (
                    None,
                    vec![Diagnostic {
                        path: name,
                        line: 1,
                        message: e.to_string(),
                    }],
                ),
            }
        })
        .collect();
    finish(results, diagnostics)
}

/// Loads protocols held in memory (the bundled samples), named by `name`.
pub fn load_texts(texts: &[(&str, &[u8])]) -> Loaded {
    let results = texts
        .par_iter()
        .map(|(name, bytes)| match read::decode(bytes) {
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

fn parse_one(text: &str, name: &str, path: &Path) -> (Option<Meeting>, Vec<Diagnostic>) {
    // The parser is written never to panic; if it does anyway, one file is lost, not the library.
    let result = std::panic::catch_unwind(|| parse::parse(text, name));
    match result {
        Ok((mut meeting, diags)) => {
            if meeting.reader.is_empty() {
                "text".clone_into(&mut meeting.reader);
            }
            meeting.path_key = std::fs::canonicalize(path)
                .map_or_else(|_| name.to_owned(), |p| p.display().to_string());
            meeting.id = path.file_stem().map_or_else(
                || "protokoll".to_owned(),
                |s| s.to_string_lossy().into_owned(),
            );
            let keep = !meeting.paragraphs.is_empty() || !meeting.agenda.is_empty();
            (keep.then_some(meeting), diags)
        }
        Err(_) => (
            None,
            vec![Diagnostic {
                path: name.to_owned(),
                line: 1,
                message: "internal error while parsing; file skipped (please report it)".into(),
            }],
        ),
    }
}

fn finish(
    results: Vec<(Option<Meeting>, Vec<Diagnostic>)>,
    mut diagnostics: Vec<Diagnostic>,
) -> Loaded {
    let mut meetings = Vec::new();
    for (m, d) in results {
        diagnostics.extend(d);
        meetings.extend(m);
    }
    // Ids are file stems, made unique in the order files were found.
    let mut seen = std::collections::HashMap::<String, usize>::new();
    for m in &mut meetings {
        let n = seen.entry(m.id.clone()).or_insert(0);
        *n += 1;
        if *n > 1 {
            m.id = format!("{}-{}", m.id, n);
        }
    }
    meetings.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.id.cmp(&b.id)));
    Loaded {
        library: Library { meetings },
        diagnostics,
    }
}

fn collect(path: &Path, depth: usize, files: &mut Vec<PathBuf>, diags: &mut Vec<Diagnostic>) {
    let name = path.display().to_string();
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) => {
            diags.push(Diagnostic {
                path: name,
                line: 1,
                message: format!("cannot read: {e}"),
            });
            return;
        }
    };
    if !meta.is_dir() {
        files.push(path.to_owned());
        return;
    }
    if depth > MAX_DEPTH {
        diags.push(Diagnostic {
            path: name,
            line: 1,
            message: format!("folders nested deeper than {MAX_DEPTH}; not followed"),
        });
        return;
    }
    let before = files.len();
    let mut entries: Vec<PathBuf> = match std::fs::read_dir(path) {
        Ok(rd) => rd.filter_map(Result::ok).map(|e| e.path()).collect(),
        Err(e) => {
            diags.push(Diagnostic {
                path: name,
                line: 1,
                message: format!("cannot read folder: {e}"),
            });
            return;
        }
    };
    entries.sort();
    for p in entries {
        let hidden = p
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'));
        if hidden {
            continue;
        }
        // Symlinked folders are not followed: they are how loops happen.
        let is_link = std::fs::symlink_metadata(&p).is_ok_and(|m| m.file_type().is_symlink());
        if p.is_dir() {
            if !is_link {
                collect(&p, depth + 1, files, diags);
            }
        } else if p
            .extension()
            .is_some_and(|e| EXTENSIONS.iter().any(|x| e.eq_ignore_ascii_case(x)))
        {
            files.push(p);
        }
    }
    if depth == 0 && files.len() == before {
        diags.push(Diagnostic {
            path: name,
            line: 1,
            message:
                "no protocols here: no *.txt, *.md, *.pdf, *.docx or *.odt files in this folder"
                    .into(),
        });
    }
}
