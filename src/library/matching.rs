//! Going over an archive for what a query may match, parsing only the files whose text can
//! hold it (`protokoll search`).

use std::path::PathBuf;

use rayon::prelude::*;

use super::{diagnostic, named, parse_one, read_file, stem_id, unique_stems, walk_problems};
use crate::cache::Cache;
use crate::model::{Diagnostic, Meeting};
use crate::{docs, read};

/// One file of [`each_matching`]: the meeting's head and `each`'s result (`None` for a file
/// passed over), and what was said about the file.
type FileResult<T> = (Option<(Meeting, Option<T>)>, Vec<Diagnostic>);

/// Goes over the protocols under `paths` that may hold what `may_match` looks for in a file's
/// text (as decoded, before parsing), giving each meeting to `each` as soon as it is read and
/// keeping only what `each` returns, and the meeting's id, source and date: a plain-text file
/// whose text fails `may_match` is not parsed at all, and no model outlives its turn. Files
/// that need an extractor (PDF, Word) are read through the cache as always. Returns the results
/// in library order, ids as [`load`] gives them, and the diagnostics of the files read.
pub fn each_matching<T: Send>(
    paths: &[PathBuf],
    may_match: &(dyn Fn(&str) -> bool + Sync),
    each: &(dyn Fn(&Meeting) -> T + Sync),
) -> (Vec<(Meeting, T)>, Vec<Diagnostic>) {
    let found = crate::walk::walk(paths);
    let mut diagnostics = walk_problems(&found).0;
    // The meeting's head (id, source, date) and `each`'s result; `None` for a file passed
    // over, which still takes its place in the order of ids.
    let light = |m: &Meeting, t: Option<T>| {
        let head = Meeting {
            id: m.id.clone(),
            source: m.source.clone(),
            date: m.date.clone(),
            path_key: m.path_key.clone(),
            ..Meeting::default()
        };
        (head, t)
    };
    let results: Vec<FileResult<T>> = found
        .files
        .par_iter()
        .map(|f| {
            let name = f.display().to_string();
            let whole = |(m, d): (Option<Meeting>, Vec<Diagnostic>)| {
                (m.map(|m| light(&m, Some(each(&m)))), d)
            };
            let bytes = match read::read_file(f) {
                Ok(bytes) if docs::is_plain_text(&bytes, f) => bytes,
                // An extractor's file, or one that cannot be read: as `load` reads it.
                _ => return whole(read_file(f, &name)),
            };
            let text = match read::decode(&bytes) {
                Ok(text) => text,
                Err(e) => return (None, vec![diagnostic(&name, &docs::DocError::Text(e))]),
            };
            if !may_match(&text) {
                // Only a file that gives a meeting takes an id; text that is all blank gives
                // none.
                let passed = text.chars().any(|c| !c.is_whitespace()).then(|| {
                    let m = Meeting {
                        id: stem_id(f),
                        ..Meeting::default()
                    };
                    (m, None)
                });
                return (passed, Vec::new());
            }
            let cached = Cache::for_file(f);
            if let Some((c, key)) = &cached
                && let Some((summary, meeting)) = c.entry(key)
            {
                return whole((
                    meeting.map(|m| named(m, f, &name)),
                    summary.diagnostics(&name),
                ));
            }
            let (meeting, diags) = parse_one(&text, &name, f);
            if let Some((c, key)) = &cached {
                c.put(key, meeting.as_ref(), &diags, None);
            }
            whole((meeting, diags))
        })
        .collect();
    let mut heads = Vec::new();
    for (m, d) in results {
        diagnostics.extend(d);
        heads.extend(m);
    }
    unique_stems(heads.iter_mut().map(|(m, _)| &mut m.id));
    let mut out: Vec<(Meeting, T)> = heads
        .into_iter()
        .filter_map(|(m, t)| Some((m, t?)))
        .collect();
    out.sort_by(|(a, _), (b, _)| a.date.cmp(&b.date).then_with(|| a.id.cmp(&b.id)));
    (out, diagnostics)
}
