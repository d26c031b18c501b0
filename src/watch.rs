//! Following the library's folders while the UI runs: files that appear, change or disappear are
//! read again on a thread of their own and handed over as [`Change`]s, a batch at a time.
//!
//! Events are gathered until the folder has been quiet for a moment, because one save is often
//! several events (an editor writes a temporary file and renames it over the old one) and a
//! copy of a large PDF arrives in pieces. Only writes count: our own reading of a file must not
//! look like a change to it.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::Duration;

use notify::event::{AccessKind, AccessMode, EventKind};
use notify::{RecommendedWatcher, RecursiveMode, Watcher as _};

use crate::library::{self, Change};

/// How long a folder must be quiet before its changes are read.
const QUIET: Duration = Duration::from_millis(300);

/// A running watch; dropping it stops watching.
pub struct Watch {
    _watcher: RecommendedWatcher,
    /// Batches of changes, one per quiet moment.
    pub changes: Receiver<Vec<Change>>,
}

/// A root the user named: as named (for messages) and canonical (as events name it).
#[derive(Debug, Clone)]
struct Root {
    named: PathBuf,
    canonical: PathBuf,
    folder: bool,
}

/// Starts watching `paths` (the files and folders the library was loaded from). Returns the
/// watch, or a message saying why the folders cannot be followed.
pub fn start(paths: &[PathBuf]) -> Result<Watch, String> {
    let roots: Vec<Root> = paths
        .iter()
        .filter_map(|p| {
            let canonical = std::fs::canonicalize(p).ok()?;
            Some(Root {
                named: p.clone(),
                folder: canonical.is_dir(),
                canonical,
            })
        })
        .collect();
    let (event_tx, event_rx) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(event_tx)
        .map_err(|e| format!("cannot follow the folder for changes: {e}"))?;
    for root in &roots {
        // A single file is watched through its folder: an editor that saves by renaming a new
        // file over the old one would otherwise end the watch at the first save.
        let (target, mode) = if root.folder {
            (root.canonical.as_path(), RecursiveMode::Recursive)
        } else {
            (
                root.canonical.parent().unwrap_or(Path::new("/")),
                RecursiveMode::NonRecursive,
            )
        };
        watcher
            .watch(target, mode)
            .map_err(|e| format!("{}: cannot follow for changes: {e}", root.named.display()))?;
    }
    let (tx, changes) = mpsc::channel();
    std::thread::Builder::new()
        .name("watch".into())
        .spawn(move || follow(&roots, &event_rx, &tx))
        .map_err(|e| format!("cannot follow the folder for changes: {e}"))?;
    Ok(Watch {
        _watcher: watcher,
        changes,
    })
}

fn follow(
    roots: &[Root],
    events: &Receiver<notify::Result<notify::Event>>,
    tx: &Sender<Vec<Change>>,
) {
    loop {
        let mut paths = BTreeSet::new();
        // Block for the first event, then gather until the folder is quiet.
        let Ok(first) = events.recv() else { return };
        take(first, &mut paths);
        loop {
            match events.recv_timeout(QUIET) {
                Ok(e) => take(e, &mut paths),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return,
            }
        }
        let changes = changes(roots, &paths);
        if !changes.is_empty() && tx.send(changes).is_err() {
            return;
        }
    }
}

fn take(event: notify::Result<notify::Event>, paths: &mut BTreeSet<PathBuf>) {
    let Ok(event) = event else { return };
    let counts = match event.kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write))
        | EventKind::Create(_)
        | EventKind::Modify(_)
        | EventKind::Remove(_)
        | EventKind::Any => true,
        EventKind::Access(_) | EventKind::Other => false,
    };
    if counts {
        paths.extend(event.paths);
    }
}

/// What the events on `paths` mean for the library: files to read again, paths that are gone.
fn changes(roots: &[Root], paths: &BTreeSet<PathBuf>) -> Vec<Change> {
    let mut out = Vec::new();
    for path in paths {
        let Some(root) = roots.iter().find(|r| {
            if r.folder {
                path.starts_with(&r.canonical)
            } else {
                *path == r.canonical
            }
        }) else {
            continue;
        };
        let rest = path.strip_prefix(&root.canonical).unwrap_or(Path::new(""));
        // Hidden files and folders are skipped when loading, so their changes are too.
        if rest
            .components()
            .any(|c| c.as_os_str().to_string_lossy().starts_with('.'))
        {
            continue;
        }
        let name = |p: &Path| {
            let rel = p.strip_prefix(&root.canonical).unwrap_or(Path::new(""));
            if rel.as_os_str().is_empty() {
                root.named.display().to_string()
            } else {
                root.named.join(rel).display().to_string()
            }
        };
        let meta = std::fs::symlink_metadata(path);
        match meta {
            Err(_) => out.push(Change::Gone {
                path: path.clone(),
                name: name(path),
            }),
            Ok(m) if m.is_dir() => {
                // A folder moved in brings its files; one moved out left a `Gone` of its own.
                for f in library::files_under(path) {
                    out.push(Change::read(&f, name(&f)));
                }
            }
            Ok(_) if !root.folder || library::is_protocol_file(path) => {
                out.push(Change::read(path, name(path)));
            }
            Ok(_) => {}
        }
    }
    out
}
