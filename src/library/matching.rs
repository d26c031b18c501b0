//! Going over an archive for a query (`protokoll search`): a file the parse cache holds is
//! searched in its cached search part, without its model; another is parsed only when its text
//! can hold a hit.

use std::path::PathBuf;

use rayon::prelude::*;

use super::{
    diagnostic, internal_error, named, parse_one, read_reviewed, stem_id, unique_stems,
    walk_problems,
};
use crate::cache::{Cache, Searchable};
use crate::model::{Diagnostic, Meeting};
use crate::search::{Hit, Part, Query};
use crate::{docs, parse, read};

/// One file of [`search_files`]: the meeting's head and its hits (`None` for a file passed
/// over), and what was said about the file.
type FileResult = (Option<(Meeting, Option<Vec<Hit>>)>, Vec<Diagnostic>);

/// Searches the protocols under `paths` for `query`, each file as soon as it is read and
/// keeping only its hits and the meeting's id, source and date, so no model outlives its turn:
/// a file in the parse cache is searched in its cached part, a plain-text file whose text fails
/// the query's prefilter is not parsed at all, and files that need an extractor (PDF, Word) are
/// read as always. Returns each meeting with hits, in library order, ids as [`load`] gives
/// them, and the diagnostics of the files read.
///
/// [`load`]: super::load
pub fn search_files(
    paths: &[PathBuf],
    query: &Query,
) -> (Vec<(Meeting, Vec<Hit>)>, Vec<Diagnostic>) {
    let found = crate::walk::walk(paths);
    let mut diagnostics = walk_problems(&found).0;
    let head = |id: String, source: &str, date: Option<String>| Meeting {
        id,
        source: source.to_owned(),
        date,
        ..Meeting::default()
    };
    let results: Vec<FileResult> = found
        .files
        .par_iter()
        .map(|f| {
            let name = f.display().to_string();
            // A meeting read whole, searched in its part (made once, for the cache too).
            let whole = |m: Option<Meeting>, part: Option<Part>, d: Vec<Diagnostic>| {
                let found = m.map(|m| {
                    let part = part.unwrap_or_else(|| Part::of(&m));
                    let hits = query.in_part(&part, |li| m.lines.get(li as usize).map(|l| l.text));
                    (head(m.id, &m.source, m.date), Some(hits))
                });
                (found, d)
            };
            let cached = Cache::for_file(f);
            if let Some((c, key)) = &cached
                && let Some((summary, kept)) = c.searchable(key, |part| query.may_hold(part))
            {
                let hits = match kept {
                    Searchable::NoMeeting => return (None, summary.diagnostics(&name)),
                    Searchable::Passed => None,
                    Searchable::Found(part, lines) => {
                        Some(query.in_part(&part, |li| lines.get(li as usize).map(|l| l.text)))
                    }
                };
                let found = (head(stem_id(f), &name, summary.date.clone()), hits);
                return (Some(found), summary.diagnostics(&name));
            }
            let bytes = match read::read_file(f) {
                Ok(bytes) if docs::is_plain_text(&bytes, f) => bytes,
                // An extractor's file, or one that cannot be read: as `load` reads it.
                _ => {
                    return match read_reviewed(f, &name, &docs::Options::default(), None, true) {
                        Ok(r) => whole(r.meeting, r.part, r.diagnostics),
                        Err(e) => (None, vec![diagnostic(&name, &e)]),
                    };
                }
            };
            let text = match read::decode(bytes) {
                Ok(text) => text,
                Err(e) => return (None, vec![diagnostic(&name, &docs::DocError::Text(e))]),
            };
            if !query.may_match(&text) {
                // Only a file that gives a meeting takes an id; text that is all blank gives
                // none.
                let passed = text
                    .chars()
                    .any(|c| !c.is_whitespace())
                    .then(|| (head(stem_id(f), &name, None), None));
                return (passed, Vec::new());
            }
            if cached.is_none() {
                // No cache to fill: only what the hits need is read.
                let (found, diags) = outlined(&text, &name, query);
                return (
                    found.map(|(date, hits)| (head(stem_id(f), &name, date), hits)),
                    diags,
                );
            }
            let (meeting, diags) = parse_one(&text, &name, f);
            let meeting = meeting.map(|m| named(m, f, &name));
            let part = meeting.as_ref().map(Part::of);
            if let Some((c, key)) = &cached {
                c.put_indexed(key, meeting.as_ref().zip(part.as_ref()), &diags, None);
            }
            whole(meeting, part, diags)
        })
        .collect();
    let mut heads = Vec::new();
    for (m, d) in results {
        diagnostics.extend(d);
        heads.extend(m);
    }
    unique_stems(heads.iter_mut().map(|(m, _)| &mut m.id));
    let mut out: Vec<(Meeting, Vec<Hit>)> = heads
        .into_iter()
        .filter_map(|(m, t)| Some((m, t?)))
        .collect();
    out.sort_by(|(a, _), (b, _)| a.date.cmp(&b.date).then_with(|| a.id.cmp(&b.id)));
    Cache::flush_global();
    (out, diagnostics)
}

/// The date and hits of a plain text, from the parser's [`outline`](parse::outline) rather than
/// its whole model: the § and the date a hit is listed under agree with a full parse. `None`
/// for a text that gives no meeting.
#[allow(clippy::type_complexity)]
fn outlined(
    text: &str,
    name: &str,
    query: &Query,
) -> (Option<(Option<String>, Option<Vec<Hit>>)>, Vec<Diagnostic>) {
    // As in a full parse, a panic loses one file, not the search.
    let outcome = std::panic::catch_unwind(|| {
        let clean = read::clean(text);
        let (outline, diags) = parse::outline(&clean, name);
        let found = outline.kept.then(|| {
            let part = Part::of_outline(&clean, &outline, query);
            let hits = query.in_part(&part, |li| clean.get(li as usize).map(|l| l.text.as_str()));
            (outline.date, Some(hits))
        });
        (found, diags)
    });
    outcome.unwrap_or_else(|_| (None, vec![internal_error(name)]))
}
