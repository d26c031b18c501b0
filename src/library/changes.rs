//! Changes to a loaded library while it is open: files read again, files gone.

use std::path::{Path, PathBuf};

use super::{Loaded, read_file, unique_id};
use crate::model::{Diagnostic, Library, Meeting};

/// What happened to one path of a library's folders while it was open.
#[derive(Debug)]
pub enum Change {
    /// The file or folder at `path` (canonical), shown as `name`, is gone, with all below it.
    Gone { path: PathBuf, name: String },
    /// The file at `path` (canonical), shown as `name`, was read again.
    Read {
        path: PathBuf,
        name: String,
        meeting: Option<Box<Meeting>>,
        diagnostics: Vec<Diagnostic>,
    },
}

impl Change {
    /// Reads the file at `path` (canonical), shown as `name`, again.
    pub fn read(path: &Path, name: String) -> Change {
        let (meeting, diagnostics) = read_file(path, &name);
        Change::Read {
            path: path.to_owned(),
            name,
            meeting: meeting.map(Box::new),
            diagnostics,
        }
    }
}

/// Applies `changes` to a loaded library: meetings and diagnostics of changed files are
/// replaced, those of files that are gone are dropped. Meetings that did not change keep their
/// ids, so the UI keeps its place; a new meeting whose id is taken gets a suffix. Returns the new
/// library and how many meetings or diagnostics were added or removed (0: nothing to redraw).
pub fn apply(loaded: Loaded, changes: Vec<Change>) -> (Loaded, usize) {
    let Loaded {
        library,
        mut diagnostics,
        ..
    } = loaded;
    let mut meetings = library.meetings;
    let mut added = Vec::new();
    let mut touched = 0;
    for change in changes {
        let (path, name, below) = match &change {
            Change::Gone { path, name } => (path, name, true),
            Change::Read { path, name, .. } => (path, name, false),
        };
        let key = path.display().to_string();
        let under = |p: &str, root: &str| {
            p == root
                || (below
                    && p.strip_prefix(root)
                        .is_some_and(|rest| rest.starts_with(std::path::MAIN_SEPARATOR)))
        };
        let before = meetings.len() + diagnostics.len() + added.len();
        meetings.retain(|m| !under(&m.path_key, &key));
        added.retain(|m: &Meeting| !under(&m.path_key, &key));
        diagnostics.retain(|d| !under(&d.path, name));
        touched += before - (meetings.len() + diagnostics.len() + added.len());
        if let Change::Read {
            meeting,
            diagnostics: d,
            ..
        } = change
        {
            touched += usize::from(meeting.is_some()) + d.len();
            if let Some(mut m) = meeting {
                // The key is where the watcher saw the file, so a later change finds it again.
                m.path_key = key;
                added.push(*m);
            }
            diagnostics.extend(d);
        }
    }
    let mut taken: std::collections::HashSet<String> =
        meetings.iter().map(|m| m.id.clone()).collect();
    for mut m in added {
        unique_id(&mut m.id, &mut taken);
        meetings.push(m);
    }
    meetings.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.id.cmp(&b.id)));
    (
        Loaded {
            library: Library { meetings },
            diagnostics,
            prepared: None,
        },
        touched,
    )
}
