//! Finding protocol files under the paths the user names: the one walk of folders that every
//! command, the UI and the watcher use, so that they agree on what the library holds.
//!
//! A path named by the user is read whatever its name; in folders, files with a protocol
//! extension ([`EXTENSIONS`]) that are not hidden. Symlinked folders are followed (a data folder
//! often links to where the protocols really live), but every folder is entered once: folders
//! are known by device and inode, so `a -> .`, a loop of links or a bind mount inside itself
//! cost nothing. Nesting deeper than [`MAX_DEPTH`] and more than [`MAX_FOLDERS`] folders are
//! not followed, with a message, so a link to `/` ends too. The walk only lists; whether a file
//! is a regular file is decided when it is read ([`crate::read::open_regular`]), so a FIFO in a
//! folder is named in a message rather than silently left out.

use std::collections::HashSet;
use std::ops::ControlFlow;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

/// Extensions read from folders; a file named on the command line is read whatever its name
/// (and routed to its reader by its first bytes, see [`crate::docs::read`]).
pub const EXTENSIONS: [&str; 12] = [
    "txt", "md", "pdf", "docx", "odt", "doc", "rtf", "png", "jpg", "jpeg", "tif", "tiff",
];

/// Folder nesting we follow; deeper trees are almost certainly a mistake (or a link loop that
/// the inode test cannot see, such as a network file system without stable inodes).
pub const MAX_DEPTH: usize = 32;

/// Folders one walk enters: an archive of protocols has hundreds, a link to `/` millions.
pub const MAX_FOLDERS: usize = 50_000;

/// Why a path named by the user, or a folder under one, was not read (in full).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// A named path that does not exist (or a symlink to nothing).
    Missing(String),
    /// A folder that could not be listed.
    Unreadable(String),
    /// A folder below [`MAX_DEPTH`] others.
    TooDeep,
    /// The walk had entered [`MAX_FOLDERS`] folders; this one and the rest were left.
    TooMany,
    /// A named folder with no protocol file under it.
    NoProtocols,
}

impl Problem {
    /// Whether files that may be protocols were left unread because of it (for `check`, which
    /// must not pass what it never read).
    pub fn leaves_files(&self) -> bool {
        matches!(
            self,
            Problem::Unreadable(_) | Problem::TooDeep | Problem::TooMany
        )
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Problem::Missing(e) => write!(f, "cannot read: {e}"),
            Problem::Unreadable(e) => write!(f, "cannot read folder: {e}"),
            Problem::TooDeep => write!(f, "folders nested deeper than {MAX_DEPTH}; not followed"),
            Problem::TooMany => write!(
                f,
                "more than {MAX_FOLDERS} folders; this one and the rest were not read"
            ),
            Problem::NoProtocols => write!(
                f,
                "no protocols here: no *.txt, *.md, *.pdf, *.docx, *.odt, *.doc, *.rtf or page images (*.png, *.jpg, *.tif) in this folder"
            ),
        }
    }
}

/// What a walk found: files in the order found (named paths in order, folders sorted), and
/// the problems met on the way.
#[derive(Debug, Default)]
pub struct Found {
    pub files: Vec<PathBuf>,
    pub problems: Vec<(PathBuf, Problem)>,
}

/// The protocol files under `paths` (files and folders named by the user).
pub fn walk(paths: &[PathBuf]) -> Found {
    let mut found = Found::default();
    let mut walker = Walker::default();
    for path in paths {
        let meta = match std::fs::metadata(path) {
            Ok(m) => m,
            Err(e) => {
                found
                    .problems
                    .push((path.clone(), Problem::Missing(e.to_string())));
                continue;
            }
        };
        if !meta.is_dir() {
            found.files.push(path.clone());
            continue;
        }
        if walker.seen.contains(&(meta.dev(), meta.ino())) {
            // Named twice, or inside a folder named before: read once.
            continue;
        }
        let before = found.files.len();
        let mut problems = Vec::new();
        walker.complete = true;
        let _ = walker.folder(path, &meta, 0, &mut problems, &mut |f| {
            found.files.push(f);
            ControlFlow::Continue(())
        });
        found.problems.append(&mut problems);
        if found.files.len() == before && walker.complete {
            found.problems.push((path.clone(), Problem::NoProtocols));
        }
    }
    found
}

/// The protocol files under the folder `dir`, as a walk of a folder that holds it finds them.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    if let Ok(meta) = std::fs::metadata(dir) {
        let _ = Walker::default().folder(dir, &meta, 1, &mut Vec::new(), &mut |f| {
            files.push(f);
            ControlFlow::Continue(())
        });
    }
    files
}

/// Whether the folder `dir` holds a protocol file anywhere below it; stops at the first.
pub fn any_protocol(dir: &Path) -> bool {
    std::fs::metadata(dir).is_ok_and(|meta| {
        Walker::default()
            .folder(dir, &meta, 0, &mut Vec::new(), &mut |_| {
                ControlFlow::Break(())
            })
            .is_break()
    })
}

/// Whether `path` is a file a folder walk would read: a protocol extension, not hidden.
pub fn is_protocol_file(path: &Path) -> bool {
    !is_hidden(path)
        && path
            .extension()
            .is_some_and(|e| EXTENSIONS.iter().any(|x| e.eq_ignore_ascii_case(x)))
}

fn is_hidden(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|n| n.as_encoded_bytes().starts_with(b"."))
}

/// One walk's memory: the folders entered, by device and inode.
#[derive(Debug)]
struct Walker {
    seen: HashSet<(u64, u64)>,
    /// False once a folder was left unread, so an empty result does not claim "no protocols".
    complete: bool,
}

impl Default for Walker {
    fn default() -> Walker {
        Walker {
            seen: HashSet::new(),
            complete: true,
        }
    }
}

impl Walker {
    /// Walks the folder `dir` (whose metadata, through symlinks, is `meta`) at `depth`, giving
    /// each protocol file to `file`, which may stop the walk.
    fn folder(
        &mut self,
        dir: &Path,
        meta: &std::fs::Metadata,
        depth: usize,
        problems: &mut Vec<(PathBuf, Problem)>,
        file: &mut dyn FnMut(PathBuf) -> ControlFlow<()>,
    ) -> ControlFlow<()> {
        if !self.seen.insert((meta.dev(), meta.ino())) {
            // Entered already, by another name: a link to a folder on the way, or to itself.
            return ControlFlow::Continue(());
        }
        if depth > MAX_DEPTH {
            self.complete = false;
            problems.push((dir.to_owned(), Problem::TooDeep));
            return ControlFlow::Continue(());
        }
        if self.seen.len() > MAX_FOLDERS {
            self.complete = false;
            problems.push((dir.to_owned(), Problem::TooMany));
            return ControlFlow::Break(());
        }
        // Each entry with its type as the listing gives it (no call per file): only folders,
        // links and the odd file system that gives no type are asked for more.
        let mut entries: Vec<(PathBuf, Option<std::fs::FileType>)> = match std::fs::read_dir(dir) {
            Ok(rd) => rd
                .filter_map(Result::ok)
                .map(|e| (e.path(), e.file_type().ok()))
                .collect(),
            Err(e) => {
                self.complete = false;
                problems.push((dir.to_owned(), Problem::Unreadable(e.to_string())));
                return ControlFlow::Continue(());
            }
        };
        entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        // Linked folders after the real ones, so that files are named by where they are.
        let mut links = Vec::new();
        for (p, kind) in entries {
            if is_hidden(&p) {
                continue;
            }
            if kind.is_some_and(|k| !k.is_dir() && !k.is_symlink()) {
                // A regular file, or a FIFO or device: reading it says what is wrong.
                if is_protocol_file(&p) {
                    file(p)?;
                }
                continue;
            }
            match std::fs::metadata(&p) {
                Ok(m) if m.is_dir() && p.is_symlink() => links.push((p, m)),
                Ok(m) if m.is_dir() => self.folder(&p, &m, depth + 1, problems, file)?,
                // Files of any kind, and links to nothing: reading them says what is wrong.
                _ if is_protocol_file(&p) => file(p)?,
                _ => {}
            }
        }
        for (p, m) in links {
            self.folder(&p, &m, depth + 1, problems, file)?;
        }
        ControlFlow::Continue(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_reached_twice_are_walked_once() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::create_dir(d.join("sub")).unwrap();
        std::fs::write(d.join("sub/p.txt"), "x").unwrap();
        std::fs::write(d.join("q.md"), "x").unwrap();
        std::fs::write(d.join(".hidden.txt"), "x").unwrap();
        std::fs::write(d.join("notes.xlsx"), "x").unwrap();
        std::os::unix::fs::symlink(".", d.join("a")).unwrap();
        std::os::unix::fs::symlink("sub", d.join("b")).unwrap();
        std::os::unix::fs::symlink("loop2", d.join("loop1")).unwrap();
        std::os::unix::fs::symlink("loop1", d.join("loop2")).unwrap();
        let found = walk(&[d.to_owned()]);
        assert_eq!(found.files, [d.join("q.md"), d.join("sub/p.txt")]);
        assert!(found.problems.is_empty(), "{:?}", found.problems);
        assert!(any_protocol(d));
        assert_eq!(files_under(&d.join("sub")), [d.join("sub/p.txt")]);
    }

    #[test]
    fn a_folder_named_twice_is_read_once() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("p.txt"), "x").unwrap();
        let d = dir.path().to_owned();
        let found = walk(&[d.clone(), d.join("."), d.clone()]);
        assert_eq!(found.files, [d.join("p.txt")]);
        assert!(found.problems.is_empty(), "{:?}", found.problems);
    }

    #[test]
    fn named_paths_missing_or_empty_are_problems() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("nothing");
        let found = walk(&[missing.clone(), dir.path().to_owned()]);
        assert!(found.files.is_empty());
        assert!(matches!(&found.problems[0], (p, Problem::Missing(_)) if *p == missing));
        assert_eq!(found.problems[1].1, Problem::NoProtocols);
        assert!(!any_protocol(dir.path()));
    }

    #[test]
    fn deep_nesting_stops_with_a_message() {
        let dir = tempfile::tempdir().unwrap();
        let mut deep = dir.path().to_owned();
        for _ in 0..=MAX_DEPTH + 1 {
            deep.push("d");
        }
        std::fs::create_dir_all(&deep).unwrap();
        std::fs::write(deep.join("p.txt"), "x").unwrap();
        let found = walk(&[dir.path().to_owned()]);
        assert!(found.files.is_empty());
        assert_eq!(found.problems.len(), 1);
        assert_eq!(found.problems[0].1, Problem::TooDeep);
        assert!(found.problems[0].1.leaves_files());
    }
}
