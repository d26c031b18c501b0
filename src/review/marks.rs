//! The secretary's review marks, notes and accepted findings, kept between runs in
//! `review.json` under the data directory.
//!
//! A protocol's marks are found by its source path and remembered with the hash of its content
//! and of each §'s text. When the file is unchanged, every mark holds; when it changed, a mark
//! on a § whose text changed is shown as stale rather than silently kept or lost.
//!
//! An accepted finding is remembered by its code and the hash of the lines of its evidence
//! ([`crate::review::Finding::digest`]), not by its line number: text inserted above it moves
//! it without undoing the acceptance, and a change to the lines it rests on brings it back.
//!
//! Saving is atomic: the new state is written to a temporary file in the same directory,
//! flushed to disk, renamed over the old file, and the directory is flushed too, so a crash at
//! any moment leaves the old state or the new, never half of one. A file that cannot be read as
//! marks is set aside (renamed with `.corrupt-<time>`) with a message, not overwritten; one that
//! cannot be read at all (permissions, not a regular file) is never saved over. Temporary files
//! a killed process left (`.review.json.<pid>.tmp`) are removed when marks are loaded, and a
//! failed save removes its own.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::model::Meeting;
use crate::review::Finding;

/// One §'s mark: reviewed or not, a note, and the hash of the text that was reviewed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mark {
    #[serde(default)]
    pub reviewed: bool,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// FNV-1a of the § text when it was marked.
    pub text_hash: String,
}

/// A finding the secretary accepted: it stands as written, for the reason she gave.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Acceptance {
    pub code: String,
    /// The line the finding pointed at when it was accepted (for the reader of the file; the
    /// finding is recognised by `digest`).
    pub line: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paragraph: Option<u32>,
    pub reason: String,
    /// The finding's digest when it was accepted: its code and the lines it rests on.
    pub digest: String,
    /// The finding's message then, for the reader of the file.
    #[serde(default)]
    pub message: String,
}

/// The marks of one protocol.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProtocolMarks {
    pub content_hash: String,
    /// By § number (as a string: JSON object keys).
    pub paragraphs: BTreeMap<String, Mark>,
    /// Findings accepted, in the order they were accepted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub accepted: Vec<Acceptance>,
}

/// Every protocol's marks, by source path.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Marks {
    pub version: u32,
    pub protocols: BTreeMap<String, ProtocolMarks>,
}

/// A mark as the UI shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    Unreviewed,
    Reviewed,
    /// Reviewed, but the § text has changed since.
    Stale,
}

/// FNV-1a, 64 bits, as hex: stable across runs and Rust versions, unlike `DefaultHasher`.
pub fn hash(text: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.as_bytes() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// The hash of a meeting's content: every cleaned line.
pub fn content_hash(m: &Meeting) -> String {
    let joined: Vec<&str> = m.lines.iter().map(|l| l.text).collect();
    hash(&joined.join("\n"))
}

/// The key a protocol's marks are kept under.
fn key(m: &Meeting) -> &str {
    if m.path_key.is_empty() {
        &m.source
    } else {
        &m.path_key
    }
}

impl Marks {
    /// The state of § `number` of `m`.
    pub fn state(&self, m: &Meeting, number: u32) -> State {
        let Some(pm) = self.protocols.get(key(m)) else {
            return State::Unreviewed;
        };
        let Some(mark) = pm.paragraphs.get(&number.to_string()) else {
            return State::Unreviewed;
        };
        if !mark.reviewed {
            return State::Unreviewed;
        }
        match m.paragraph(number) {
            Some(p) if hash(&p.text) == mark.text_hash => State::Reviewed,
            _ => State::Stale,
        }
    }

    /// The note on § `number`, if any.
    pub fn note(&self, m: &Meeting, number: u32) -> Option<&str> {
        let mark = self
            .protocols
            .get(key(m))?
            .paragraphs
            .get(&number.to_string())?;
        (!mark.note.is_empty()).then_some(mark.note.as_str())
    }

    fn mark_mut(&mut self, m: &Meeting, number: u32) -> &mut Mark {
        let pm = self.protocols.entry(key(m).to_owned()).or_default();
        pm.content_hash = content_hash(m);
        let text_hash = m
            .paragraph(number)
            .map(|p| hash(&p.text))
            .unwrap_or_default();
        let mark = pm.paragraphs.entry(number.to_string()).or_default();
        if mark.text_hash.is_empty() {
            mark.text_hash.clone_from(&text_hash);
        }
        mark
    }

    /// Marks § `number` reviewed (of the text as it is now), or not reviewed.
    pub fn toggle(&mut self, m: &Meeting, number: u32) -> State {
        let now = self.state(m, number);
        let text_hash = m
            .paragraph(number)
            .map(|p| hash(&p.text))
            .unwrap_or_default();
        let mark = self.mark_mut(m, number);
        mark.reviewed = now != State::Reviewed;
        mark.text_hash = text_hash;
        if mark.reviewed {
            State::Reviewed
        } else {
            State::Unreviewed
        }
    }

    /// Sets the note on § `number`; an empty note removes it.
    pub fn set_note(&mut self, m: &Meeting, number: u32, note: &str) {
        note.trim().clone_into(&mut self.mark_mut(m, number).note);
    }

    /// The acceptance of finding `f` of `m`, if the secretary accepted it and the lines it
    /// rests on read as they did then.
    pub fn acceptance(&self, m: &Meeting, f: &Finding) -> Option<&Acceptance> {
        self.acceptance_at(key(m), f)
    }

    /// As [`Marks::acceptance`], for the protocol whose marks are kept under `key` (its
    /// `path_key`), when the meeting itself is not at hand.
    pub fn acceptance_at(&self, key: &str, f: &Finding) -> Option<&Acceptance> {
        self.protocols
            .get(key)?
            .accepted
            .iter()
            .find(|a| a.code == f.code && a.digest == f.digest)
    }

    /// Accepts finding `f` of `m` for `reason`, replacing an earlier acceptance of it (or of
    /// the same code at the same line, made before its text changed). An empty reason removes
    /// the acceptance instead. Returns whether the finding is now accepted.
    pub fn accept(&mut self, m: &Meeting, f: &Finding, reason: &str) -> bool {
        let reason = reason.trim();
        let pm = self.protocols.entry(key(m).to_owned()).or_default();
        pm.content_hash = content_hash(m);
        pm.accepted
            .retain(|a| !(a.code == f.code && (a.digest == f.digest || a.line == f.line)));
        if reason.is_empty() {
            return false;
        }
        pm.accepted.push(Acceptance {
            code: f.code.to_owned(),
            line: f.line,
            paragraph: f.paragraph,
            reason: reason.to_owned(),
            digest: f.digest.clone(),
            message: f.message.clone(),
        });
        true
    }

    /// How many § of `m` are reviewed (and not stale).
    pub fn reviewed_count(&self, m: &Meeting) -> usize {
        m.paragraphs
            .iter()
            .filter(|p| self.state(m, p.number) == State::Reviewed)
            .count()
    }
}

/// Where marks live: `review.json` in the data directory.
#[derive(Debug, Clone)]
pub struct Store {
    pub path: PathBuf,
}

impl Store {
    /// The store under the user's data directory (`PROTOKOLL_DATA_DIR` overrides it, for tests
    /// and for keeping several libraries apart).
    pub fn default_location() -> Option<Store> {
        let dir = std::env::var_os("PROTOKOLL_DATA_DIR")
            .map(PathBuf::from)
            .or_else(|| {
                directories::ProjectDirs::from("se", "protokoll", "protokoll")
                    .map(|d| d.data_dir().to_owned())
            })?;
        Some(Store {
            path: dir.join("review.json"),
        })
    }

    /// Reads the marks. A missing file is no marks; a file that is not marks is moved aside and
    /// named in the returned message; one that cannot be read is named in it and left alone
    /// (and [`Store::save`] will not replace it). Stale temporary files are removed first.
    pub fn load(&self) -> (Marks, Option<String>) {
        self.remove_stale_temps();
        let bytes = match read_marks_file(&self.path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return (Marks::default(), None),
            Err(e) => {
                return (
                    Marks::default(),
                    Some(format!(
                        "{}: cannot read review marks: {e}; the file is kept as it is, and marks made now are not saved",
                        self.path.display()
                    )),
                );
            }
        };
        match serde_json::from_slice::<Marks>(&bytes) {
            Ok(m) => (m, None),
            Err(e) => {
                let secs = std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(0, |d| d.as_secs());
                let aside = self.path.with_extension(format!("json.corrupt-{secs}"));
                let moved = std::fs::rename(&self.path, &aside).is_ok();
                let msg = if moved {
                    format!(
                        "{}: review marks are damaged ({e}); kept as {} and started afresh",
                        self.path.display(),
                        aside.display()
                    )
                } else {
                    format!(
                        "{}: review marks are damaged ({e}); not changed",
                        self.path.display()
                    )
                };
                (Marks::default(), Some(msg))
            }
        }
    }

    /// Writes the marks atomically (see the module doc). Refuses to replace a file that is
    /// there but cannot be read as marks: they may be someone's only copy (a file that could
    /// not be parsed was set aside by [`Store::load`] already, when it could be).
    pub fn save(&self, marks: &Marks) -> std::io::Result<()> {
        match read_marks_file(&self.path) {
            Ok(bytes) if serde_json::from_slice::<Marks>(&bytes).is_err() => {
                return Err(self.kept("they cannot be read as review marks"));
            }
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                return Err(self.kept(&e.to_string()));
            }
            _ => {}
        }
        let data = serde_json::to_vec_pretty(&Marks {
            version: 1,
            ..marks.clone()
        })
        .map_err(std::io::Error::other)?;
        let tmp = self.write_temp(&data)?;
        commit(&tmp, &self.path).inspect_err(|_| {
            let _ = std::fs::remove_file(&tmp);
        })
    }

    /// The error of a save that would have replaced marks it cannot read.
    fn kept(&self, why: &str) -> std::io::Error {
        std::io::Error::other(format!(
            "review marks not saved: {} is there but {why}; it is kept as it is",
            self.path.display()
        ))
    }

    /// The first half of a save: the new state in a temporary file beside the real one, on disk.
    /// A write that fails (a full disk) removes what it wrote, so the next save starts clean.
    pub fn write_temp(&self, data: &[u8]) -> std::io::Result<PathBuf> {
        let dir = self.path.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir)?;
        let tmp = dir.join(format!("{TEMP_PREFIX}{}{TEMP_SUFFIX}", std::process::id()));
        let written = std::fs::File::create(&tmp).and_then(|mut f| {
            f.write_all(data)?;
            f.sync_all()
        });
        match written {
            Ok(()) => Ok(tmp),
            Err(e) => {
                let _ = std::fs::remove_file(&tmp);
                Err(e)
            }
        }
    }

    /// Removes temporary files of saves that never finished: their process is gone (killed
    /// between writing and renaming), or they are older than [`STALE_TEMP`] (their process id
    /// may have been taken by another since).
    pub fn remove_stale_temps(&self) {
        let dir = self.path.parent().unwrap_or(Path::new("."));
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries.filter_map(Result::ok) {
            let name = e.file_name();
            let Some(pid) = name
                .to_str()
                .and_then(|n| n.strip_prefix(TEMP_PREFIX))
                .and_then(|n| n.strip_suffix(TEMP_SUFFIX))
                .and_then(|n| n.parse::<i32>().ok())
            else {
                continue;
            };
            let old = e
                .metadata()
                .ok()
                .and_then(|m| m.modified().ok())
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|age| age > STALE_TEMP);
            let mine = u32::try_from(pid).is_ok_and(|p| p == std::process::id());
            if old || (!mine && !alive(pid)) {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }
}

/// Temporary files of a save are named `.review.json.<pid>.tmp`.
const TEMP_PREFIX: &str = ".review.json.";
const TEMP_SUFFIX: &str = ".tmp";

/// A save takes milliseconds; a temporary file this old is left over whoever wrote it.
const STALE_TEMP: std::time::Duration = std::time::Duration::from_secs(10 * 60);

/// Whether process `pid` exists (signal 0 reaches it, or it is another user's).
fn alive(pid: i32) -> bool {
    rustix::process::Pid::from_raw(pid).is_some_and(|p| {
        !matches!(
            rustix::process::test_kill_process(p),
            Err(rustix::io::Errno::SRCH)
        )
    })
}

/// The bytes of the marks file, if it is a regular file: a FIFO or device in its place must
/// not block loading.
fn read_marks_file(path: &Path) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut file = crate::read::open_regular(path)?;
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// The second half: rename over the real file, then flush the directory so the rename itself
/// survives a power cut.
fn commit(tmp: &Path, path: &Path) -> std::io::Result<()> {
    std::fs::rename(tmp, path)?;
    if let Some(dir) = path.parent()
        && let Ok(d) = std::fs::File::open(dir)
    {
        let _ = d.sync_all();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meeting(text: &str) -> Meeting {
        let (mut m, _) = crate::parse::parse(text, "p.txt");
        m.source = "p.txt".into();
        m
    }

    #[test]
    fn hashes_are_stable() {
        assert_eq!(hash(""), "cbf29ce484222325");
        assert_eq!(hash("a"), "af63dc4c8601ec8c");
    }

    #[test]
    fn marks_go_stale_when_the_text_changes() {
        let a = meeting("Protokoll\n\n§ 1 Ett\n\nText ett.\n\n§ 2 Två\n\nText två.\n");
        let mut marks = Marks::default();
        assert_eq!(marks.toggle(&a, 1), State::Reviewed);
        marks.toggle(&a, 2);
        marks.set_note(&a, 2, "  kolla datum ");
        assert_eq!(marks.reviewed_count(&a), 2);
        let b = meeting("Protokoll\n\n§ 1 Ett\n\nText ett.\n\n§ 2 Två\n\nText två, ändrad.\n");
        assert_eq!(marks.state(&b, 1), State::Reviewed);
        assert_eq!(marks.state(&b, 2), State::Stale);
        assert_eq!(marks.note(&b, 2), Some("kolla datum"));
        assert_eq!(marks.toggle(&b, 2), State::Reviewed);
        assert_eq!(marks.toggle(&b, 2), State::Unreviewed);
    }
}
