//! Packs: many entries in one file. Creating a file is the slowest thing a first start over an
//! archive does on some file systems (about a millisecond each on the machine the figures in the
//! README come from, more on a network home folder), so entries are written a few megabytes at
//! a time, each batch as one pack: written to a temporary file and renamed into place, so a
//! reader sees a whole pack or none. A pack is never changed after that; a newer entry for the
//! same file goes into a newer pack, which is read first.
//!
//! A pack is its magic bytes, the entries one after another (each as [`super`] writes an
//! entry), and an index of where each entry stands: the index's postcard bytes, their length,
//! their checksum and the closing magic bytes. A pack cut short or damaged loses its index and
//! is passed over whole; a damaged entry is found by its own checksums.

use std::collections::HashMap;
use std::fs::File;
use std::io::{Read, Seek, SeekFrom, Write};
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// The first bytes of a pack, with the version of the pack format.
const MAGIC: &[u8; 8] = b"PKPACK01";

/// The last bytes of a whole pack.
const END: &[u8; 8] = b"PKPACKIX";

/// The extension of pack files.
const EXTENSION: &str = "pack";

/// An entry's name: the first 128 bits of the SHA-256 of its file's canonical path.
pub type Name = u128;

/// Where one entry stands in its pack: name, offset and length.
pub type Slot = (Name, u64, u32);

/// A pack being gathered in memory.
#[derive(Debug)]
pub struct Builder {
    body: Vec<u8>,
    index: Vec<Slot>,
    /// Each name's newest entry, as a position in `index`.
    newest: HashMap<Name, usize>,
}

impl Default for Builder {
    fn default() -> Self {
        Builder {
            body: MAGIC.to_vec(),
            index: Vec::new(),
            newest: HashMap::new(),
        }
    }
}

impl Builder {
    /// Adds the entry `bytes` under `name`.
    pub fn add(&mut self, name: Name, bytes: &[u8]) {
        let Ok(len) = u32::try_from(bytes.len()) else {
            return;
        };
        if self.index.is_empty() {
            // Room for a full pack and the entry that fills it, taken as it is written to: a
            // vector grown by doubling would copy megabytes and hold twice them at the end.
            // Made at the first entry, so that a run that writes nothing takes none.
            self.body
                .reserve_exact(super::PACK_BYTES + super::PACK_BYTES / 8);
        }
        self.newest.insert(name, self.index.len());
        self.index.push((name, self.body.len() as u64, len));
        self.body.extend_from_slice(bytes);
    }

    /// The newest entry of `name` gathered here, copied.
    pub fn get(&self, name: Name) -> Option<Arc<[u8]>> {
        let (_, at, len) = self.index[*self.newest.get(&name)?];
        let at = usize::try_from(at).ok()?;
        Some(Arc::from(&self.body[at..at + len as usize]))
    }

    /// The bytes gathered so far.
    pub fn len(&self) -> usize {
        self.body.len()
    }

    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }
}

/// A pack as written: its path, its length and its index.
pub struct Written {
    pub path: PathBuf,
    pub bytes: u64,
    pub index: Vec<Slot>,
}

/// Writes `builder` into `dir` as a new pack, named so that names sort by age: by the time it
/// is written, or, given `after` (the name of a pack), right after that pack.
pub fn write(dir: &Path, builder: Builder, after: Option<&Path>) -> std::io::Result<Written> {
    static COUNT: AtomicU64 = AtomicU64::new(0);
    let Builder { body, index, .. } = builder;
    let mut tail = postcard::to_stdvec(&index).map_err(std::io::Error::other)?;
    let len = u32::try_from(tail.len()).map_err(std::io::Error::other)?;
    let sum = super::checksum(&tail);
    tail.extend_from_slice(&len.to_le_bytes());
    tail.extend_from_slice(&sum.to_le_bytes());
    tail.extend_from_slice(END);
    let temporary = || tempfile::Builder::new().prefix(".pack-").tempfile_in(dir);
    // The folder is made when it is missing, not asked for first.
    let mut tmp = match temporary() {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            std::fs::create_dir_all(dir)?;
            temporary()?
        }
        other => other?,
    };
    tmp.write_all(&body)?;
    tmp.write_all(&tail)?;
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let n = COUNT.fetch_add(1, Ordering::Relaxed);
    let name = match after.and_then(Path::file_stem) {
        // "g" sorts after "." and before the next pack's greater time.
        Some(stem) => format!("{}g.{EXTENSION}", stem.to_string_lossy()),
        None => format!("{nanos:020}-{}-{n:08}.{EXTENSION}", std::process::id()),
    };
    let path = dir.join(name);
    tmp.persist(&path).map_err(|e| e.error)?;
    Ok(Written {
        path,
        bytes: (body.len() + tail.len()) as u64,
        index,
    })
}

/// The index of a pack, when it is whole.
pub fn index(file: &File) -> Option<Vec<Slot>> {
    let len = file.metadata().ok()?.len();
    let tail_len = 4 + 8 + END.len() as u64;
    if len < MAGIC.len() as u64 + tail_len {
        return None;
    }
    let mut magic = [0u8; 8];
    file.read_exact_at(&mut magic, 0).ok()?;
    let mut tail = [0u8; 20];
    file.read_exact_at(&mut tail, len - tail_len).ok()?;
    if &magic != MAGIC || tail[12..] != END[..] {
        return None;
    }
    let index_len = u64::from(u32::from_le_bytes(tail[..4].try_into().ok()?));
    let body_end = (len - tail_len).checked_sub(index_len)?;
    if body_end < MAGIC.len() as u64 {
        return None;
    }
    let mut encoded = vec![0u8; usize::try_from(index_len).ok()?];
    file.read_exact_at(&mut encoded, body_end).ok()?;
    if super::checksum(&encoded).to_le_bytes() != tail[4..12] {
        return None;
    }
    let index: Vec<Slot> = postcard::from_bytes(&encoded).ok()?;
    // An index that points outside the entries is a damaged one.
    index
        .iter()
        .all(|&(_, at, len)| {
            at >= MAGIC.len() as u64 && at.checked_add(len.into()).is_some_and(|e| e <= body_end)
        })
        .then_some(index)
}

/// Every pack in `dir` with its length, oldest first (by name, which starts with the time it
/// was written).
pub fn list(dir: &Path) -> Vec<(PathBuf, u64)> {
    let mut out: Vec<(PathBuf, u64)> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == EXTENSION))
        .filter_map(|e| {
            let meta = e.metadata().ok()?;
            meta.is_file().then(|| (e.path(), meta.len()))
        })
        .collect();
    out.sort();
    out
}

/// Removes what writing a pack left behind when it was cut short (the process ended while it
/// wrote): temporary files older than an hour, which no writer still holds.
pub fn remove_leftovers(dir: &Path) {
    let hour = std::time::Duration::from_secs(3600);
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let old = e
            .metadata()
            .and_then(|m| m.modified())
            .is_ok_and(|t| t.elapsed().is_ok_and(|age| age > hour));
        if old && e.file_name().to_string_lossy().starts_with(".pack-") {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// Where an entry is read from: its pack, or the bytes not yet written.
pub enum Source {
    Pack(Arc<File>),
    Gathered(Arc<[u8]>),
}

/// One entry, read like a file of its own.
pub struct Region {
    source: Source,
    start: u64,
    end: u64,
    at: u64,
}

impl Region {
    pub fn new(source: Source, start: u64, len: u32) -> Region {
        Region {
            source,
            start,
            end: start.saturating_add(len.into()),
            at: start,
        }
    }

    /// The bytes left to read.
    pub fn left(&self) -> u64 {
        self.end - self.at
    }
}

impl Read for Region {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let want = buf
            .len()
            .min(usize::try_from(self.left()).unwrap_or(usize::MAX));
        if want == 0 {
            return Ok(0);
        }
        let n = match &self.source {
            Source::Pack(file) => file.read_at(&mut buf[..want], self.at)?,
            Source::Gathered(bytes) => {
                let from = usize::try_from(self.at).unwrap_or(usize::MAX);
                let piece = bytes.get(from..from.saturating_add(want)).unwrap_or(&[]);
                buf[..piece.len()].copy_from_slice(piece);
                piece.len()
            }
        };
        self.at += n as u64;
        Ok(n)
    }
}

impl Seek for Region {
    fn seek(&mut self, to: SeekFrom) -> std::io::Result<u64> {
        let base = match to {
            SeekFrom::Start(n) => Some(self.start.saturating_add(n)),
            SeekFrom::End(n) => self.end.checked_add_signed(n),
            SeekFrom::Current(n) => self.at.checked_add_signed(n),
        };
        match base {
            Some(at) if at >= self.start => {
                self.at = at.min(self.end);
                Ok(self.at - self.start)
            }
            _ => Err(std::io::Error::from(std::io::ErrorKind::InvalidInput)),
        }
    }
}
