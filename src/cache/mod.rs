//! The parse cache: the model of each protocol file, and the review's findings on it, kept so
//! that the next start over an archive of thousands of files reads them instead of parsing.
//!
//! An entry is keyed by the file's canonical path, size, modification and change times and
//! inode, and carries the build it was written by ([`BUILD`], a hash of the sources): a file
//! that changed in any way is parsed again, alone, and no entry is trusted across versions of
//! the parser or the checks. A file changed in the last two seconds is not written to the cache:
//! a second save within the file system's clock tick could keep size and times (git's "racily
//! clean" problem).
//!
//! Entries live in the user's cache folder (`~/.cache/protokoll/parse/` on Linux, or
//! `$PROTOKOLL_CACHE_DIR/parse`), named by the SHA-256 of the path and gathered a few megabytes
//! at a time into packs ([`pack`]): each pack is written to a temporary file and renamed into
//! place, so a reader sees a whole pack or none; and each part of an entry carries a checksum,
//! so one cut short or damaged (a crash before the data reached the disk, a bad sector, another
//! program's file) is ignored and rebuilt. Nothing is synced to disk: a lost entry costs one
//! parse, and thousands of syncs would cost more. The folder is kept under a size limit
//! ([`DEFAULT_LIMIT`], or `PROTOKOLL_CACHE_MAX_MB`): the oldest packs go first, and packs that
//! hold little — mostly entries replaced by newer ones, or many small ones (a file changed and
//! read again makes one) — are gathered into new ones.
//!
//! The format is postcard (serde, varints, no field names): measured on the 10,000-protocol
//! archive, an entry of the model is about the size of the text, and reading one back is a
//! single pass without a parser of names. An entry is five parts — header, summary, search
//! part, lines, the rest of the model — so that `check` over a cached archive reads the small
//! summary (diagnostics and findings) and never the model, `search` reads what it searches and
//! never the model, and the UI reads the model with its search part, which it would otherwise
//! make for every meeting at start.

mod pack;
mod upkeep;

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock, RwLock};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::lang::Lang;
use crate::model::{Diagnostic, Lines, Meeting};
use crate::review::{Evidence, Finding, Severity};
use crate::search::Part;

/// The build that writes and may read entries: a hash of the sources (see `build.rs`).
pub const BUILD: &str = concat!(env!("CARGO_PKG_VERSION"), "+", env!("PROTOKOLL_BUILD"));

/// The first bytes of every entry, with the version of the entry format.
const MAGIC: &[u8; 8] = b"PKPARSE2";

/// The cache folder's size limit when `PROTOKOLL_CACHE_MAX_MB` does not set one.
pub const DEFAULT_LIMIT: u64 = 1024 * 1024 * 1024;

/// The environment variable that sets the size limit, in megabytes.
pub const LIMIT_VARIABLE: &str = "PROTOKOLL_CACHE_MAX_MB";

/// No part of an entry is read beyond this: a protocol's model is far smaller.
const MAX_PART: usize = 256 * 1024 * 1024;

/// Entries are written as a pack once this many bytes of them are gathered.
const PACK_BYTES: usize = 8 * 1024 * 1024;

/// More packs smaller than half of [`PACK_BYTES`] than this are gathered into one.
const MAX_SMALL_PACKS: usize = 16;

/// At most this many packs are kept open, the newest: a folder over its limit by far (its limit
/// lowered, or packs of another process) must not use up the process's file descriptors.
const MAX_OPEN_PACKS: usize = 256;

/// A file changed more recently than this is parsed but not cached (see the module docs).
const SETTLE_SECONDS: u64 = 2;

/// What identifies one version of one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Key {
    /// Canonical.
    path: String,
    size: u64,
    /// Nanoseconds since the epoch.
    modified: i128,
    changed: i128,
    inode: u64,
    /// Changed too recently to be cached (not part of the key).
    #[serde(skip)]
    fresh: bool,
}

impl Key {
    /// The file's canonical path.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The key of the regular file at `path` as it is now.
    pub fn of(path: &Path) -> Option<Key> {
        let (canonical, meta) = canonical_with_metadata(path)?;
        if !meta.is_file() {
            return None;
        }
        let nanos = |t: std::io::Result<std::time::SystemTime>| {
            t.ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos() as i128)
        };
        let modified = nanos(meta.modified());
        let (changed, inode) = unix_times(&meta);
        let now = nanos(Ok(std::time::SystemTime::now()));
        let settle = i128::from(SETTLE_SECONDS) * 1_000_000_000;
        Some(Key {
            path: canonical.to_string_lossy().into_owned(),
            size: meta.len(),
            modified,
            changed,
            inode,
            fresh: now - modified < settle,
        })
    }
}

/// The canonical path of `path` (as [`std::fs::canonicalize`] gives it), made from its folder's
/// when it is a regular file and no link: see [`canonical_file`].
pub fn canonical(path: &Path) -> Option<PathBuf> {
    canonical_with_metadata(path).map(|(c, _)| c)
}

/// [`canonical`], with what the file system says of what it names.
fn canonical_with_metadata(path: &Path) -> Option<(PathBuf, std::fs::Metadata)> {
    let meta = std::fs::symlink_metadata(path).ok()?;
    if meta.is_file() {
        return Some((canonical_file(path)?, meta));
    }
    let canonical = std::fs::canonicalize(path).ok()?;
    let meta = std::fs::metadata(&canonical).ok()?;
    Some((canonical, meta))
}

/// The canonical path of a file that is not a link: its folder's canonical path (resolved once
/// a folder and thread: an archive has thousands of files in a few folders, and resolving a
/// path costs a system call a component) and its name.
fn canonical_file(path: &Path) -> Option<PathBuf> {
    thread_local! {
        static FOLDERS: std::cell::RefCell<rustc_hash::FxHashMap<PathBuf, PathBuf>> =
            std::cell::RefCell::default();
    }
    let name = path.file_name()?;
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    FOLDERS.with_borrow_mut(|folders| {
        if folders.len() > 4096 {
            folders.clear();
        }
        if let Some(c) = folders.get(parent) {
            return Some(c.join(name));
        }
        let c = std::fs::canonicalize(parent).ok()?;
        folders.insert(parent.to_owned(), c.clone());
        Some(c.join(name))
    })
}

#[cfg(unix)]
fn unix_times(meta: &std::fs::Metadata) -> (i128, u64) {
    use std::os::unix::fs::MetadataExt;
    (
        i128::from(meta.ctime()) * 1_000_000_000 + i128::from(meta.ctime_nsec()),
        meta.ino(),
    )
}

#[cfg(not(unix))]
fn unix_times(_: &std::fs::Metadata) -> (i128, u64) {
    (0, 0)
}

#[derive(Serialize, Deserialize)]
struct Header {
    build: String,
    key: Key,
}

/// What `check` needs of a file without its model.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Summary {
    /// Whether the file gave a meeting.
    pub has_meeting: bool,
    /// The meeting's date, for library order.
    pub date: Option<String>,
    /// What was said about the file: line and message (the path is the caller's name for it).
    pub diagnostics: Vec<(u32, String)>,
    /// The review's findings, in the language they were written in (`true` for Swedish).
    pub findings: Option<(bool, Vec<StoredFinding>)>,
}

/// A finding without its meeting's id (the library decides that) and acceptance (the review
/// marks do).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StoredFinding {
    paragraph: Option<u32>,
    line: u32,
    severity: Severity,
    code: String,
    message: String,
    evidence: Vec<Evidence>,
    digest: String,
}

impl Summary {
    /// The findings, when they were written in `lang`, for the meeting `id`.
    pub fn findings(&self, lang: Lang, id: &str) -> Option<Vec<Finding>> {
        let (sv, list) = self.findings.as_ref()?;
        if *sv != (lang == Lang::Sv) {
            return None;
        }
        list.iter()
            .map(|f| {
                Some(Finding {
                    meeting: id.to_owned(),
                    paragraph: f.paragraph,
                    line: f.line,
                    severity: f.severity,
                    code: crate::review::code::ALL
                        .iter()
                        .find(|c| **c == f.code)
                        .copied()?,
                    message: f.message.clone(),
                    evidence: f.evidence.clone(),
                    accepted: false,
                    reason: None,
                    digest: f.digest.clone(),
                })
            })
            .collect()
    }

    /// The diagnostics, for the file shown as `name`.
    pub fn diagnostics(&self, name: &str) -> Vec<Diagnostic> {
        self.diagnostics
            .iter()
            .map(|(line, message)| Diagnostic {
                path: name.to_owned(),
                line: *line,
                message: message.clone(),
            })
            .collect()
    }
}

/// A meeting as kept: the parts the JSON leaves out but its lines are kept beside it. Written
/// from references ([`StoredMeetingRef`], the same fields), read back owned.
#[derive(Deserialize)]
struct StoredMeeting {
    meeting: Meeting,
    path_key: String,
    text_lines: Vec<Vec<u32>>,
}

#[derive(Serialize)]
struct StoredMeetingRef<'a> {
    meeting: &'a Meeting,
    path_key: &'a str,
    text_lines: Vec<&'a [u32]>,
}

/// What the cache holds for a search of one file (see [`Cache::searchable`]).
#[derive(Debug)]
pub enum Searchable {
    /// The file gave no meeting.
    NoMeeting,
    /// The meeting cannot hold a hit: its part was turned down unread.
    Passed,
    /// The meeting's search part and its lines.
    Found(Part, Lines),
}

/// How big the cache is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Info {
    pub entries: usize,
    pub bytes: u64,
}

/// A parse cache folder.
#[derive(Debug)]
pub struct Cache {
    pub dir: PathBuf,
    /// The folder's size limit in bytes.
    pub limit: u64,
    /// Bytes written since it was opened: the cache is trimmed only after a run that wrote.
    written: AtomicU64,
    /// Entries made and not yet written (see [`Cache::flush`]).
    pending: Mutex<pack::Builder>,
    /// The packs' indexes, read at the first look-up.
    packs: RwLock<Option<Packs>>,
}

/// Where every entry stands: the packs, open, and each name's newest slot.
#[derive(Debug, Default)]
struct Packs {
    files: Vec<PackFile>,
    slots: HashMap<pack::Name, (usize, u64, u32)>,
}

/// One pack as read: where it is, its length, the file, open, and its index.
#[derive(Debug)]
struct PackFile {
    path: PathBuf,
    bytes: u64,
    file: Arc<std::fs::File>,
    index: Vec<pack::Slot>,
}

impl Packs {
    /// Reads the packs in `dir` (the newest [`MAX_OPEN_PACKS`]), oldest first, so that a newer
    /// entry of a name wins.
    fn load(dir: &Path) -> Packs {
        let mut packs = Packs::default();
        let list = pack::list(dir);
        let skip = list.len().saturating_sub(MAX_OPEN_PACKS);
        for (path, bytes) in list.into_iter().skip(skip) {
            if let Ok(file) = std::fs::File::open(&path)
                && let Some(index) = pack::index(&file)
            {
                packs.add(PackFile {
                    path,
                    bytes,
                    file: Arc::new(file),
                    index,
                });
            }
        }
        packs
    }

    fn add(&mut self, pack: PackFile) {
        let k = self.files.len();
        for &(name, at, len) in &pack.index {
            self.slots.insert(name, (k, at, len));
        }
        self.files.push(pack);
    }

    /// The entries of the `k`th pack that no newer entry replaces.
    fn live(&self, k: usize) -> impl Iterator<Item = &pack::Slot> {
        self.files[k].index.iter().filter(move |&&(name, at, _)| {
            self.slots
                .get(&name)
                .is_some_and(|&(j, a, _)| (j, a) == (k, at))
        })
    }
}

static GLOBAL: OnceLock<Cache> = OnceLock::new();

impl Cache {
    /// A cache in `dir` with the default limit.
    pub fn at(dir: PathBuf) -> Cache {
        Cache {
            dir,
            limit: DEFAULT_LIMIT,
            written: AtomicU64::new(0),
            pending: Mutex::default(),
            packs: RwLock::default(),
        }
    }

    /// The user's parse cache (see the module documentation), when there is a home for it.
    pub fn default_location() -> Option<Cache> {
        let dir = crate::docs::cache::base_dir()?.join("parse");
        let limit = std::env::var(LIMIT_VARIABLE)
            .ok()
            .and_then(|v| v.trim().parse::<u64>().ok())
            .map_or(DEFAULT_LIMIT, |mb| mb * 1024 * 1024);
        Some(Cache {
            limit,
            ..Cache::at(dir)
        })
    }

    /// Makes this the cache every read of a protocol file goes through, for the rest of the
    /// process. Without it (tests, `--no-cache`), files are always parsed.
    pub fn enable(self) -> &'static Cache {
        GLOBAL.get_or_init(|| self)
    }

    /// The cache enabled by [`Cache::enable`], if any.
    pub fn global() -> Option<&'static Cache> {
        GLOBAL.get()
    }

    /// The enabled cache and the key of the file at `path` as it is now, when there is a cache
    /// and the file is a regular file.
    pub fn for_file(path: &Path) -> Option<(&'static Cache, Key)> {
        Some((Cache::global()?, Key::of(path)?))
    }

    /// The name of `key`'s entry.
    fn name(key: &Key) -> pack::Name {
        let digest = Sha256::digest(key.path.as_bytes());
        u128::from_le_bytes(digest[..16].try_into().unwrap_or_default())
    }

    /// Where the newest entry of `name` stands: among the entries gathered and not yet written,
    /// or in a pack (whose indexes are read the first time).
    fn slot(&self, name: pack::Name) -> Option<(pack::Source, u64, u32)> {
        if let Some(bytes) = self.pending.lock().ok()?.get(name) {
            let len = u32::try_from(bytes.len()).ok()?;
            return Some((pack::Source::Gathered(bytes), 0, len));
        }
        let find = |p: &Packs| {
            p.slots
                .get(&name)
                .map(|&(k, at, len)| (pack::Source::Pack(Arc::clone(&p.files[k].file)), at, len))
        };
        if let Some(p) = self.packs.read().ok()?.as_ref() {
            return find(p);
        }
        let mut packs = self.packs.write().ok()?;
        find(packs.get_or_insert_with(|| Packs::load(&self.dir)))
    }

    /// The entry for `key` opened and read up to its summary, when there is a whole entry for
    /// this file as it is now.
    fn open(&self, key: &Key) -> Option<(Entry, Summary)> {
        let (file, at, len) = self.slot(Self::name(key))?;
        let mut file = std::io::BufReader::new(pack::Region::new(file, at, len));
        read_header(&mut file, key)?;
        let summary = read_part(&mut file)?;
        Some((file, summary))
    }

    /// The summary kept for `key`, when there is a whole entry for this file as it is now.
    pub fn summary(&self, key: &Key) -> Option<Summary> {
        self.open(key).map(|(_, summary)| summary)
    }

    /// The summary and the meeting kept for `key`, as [`Cache::summary`].
    pub fn entry(&self, key: &Key) -> Option<(Summary, Option<Meeting>)> {
        let (mut file, summary) = self.open(key)?;
        skip_part(&mut file)?;
        let meeting = read_meeting(&mut file).ok()?;
        (summary.has_meeting == meeting.is_some()).then_some((summary, meeting))
    }

    /// [`Cache::entry`] with the meeting's search part.
    pub fn entry_indexed(&self, key: &Key) -> Option<(Summary, Option<(Meeting, Part)>)> {
        let (mut file, summary) = self.open(key)?;
        let part: Option<Part> = read_part(&mut file)?;
        let meeting = read_meeting(&mut file).ok()?;
        let both = both(meeting, part)?;
        (summary.has_meeting == both.is_some()).then_some((summary, both))
    }

    /// The summary and the meeting's search part with its lines, without the rest of the
    /// model: all `protokoll search` needs of a file. `may_hold` is asked first, of the
    /// search part as stored (its folded text is there as it is, in UTF-8): a part it turns
    /// down is neither read into memory nor followed by its lines.
    pub fn searchable(
        &self,
        key: &Key,
        may_hold: impl Fn(&[u8]) -> bool,
    ) -> Option<(Summary, Searchable)> {
        let (mut file, summary) = self.open(key)?;
        let bytes = read_part_bytes(&mut file)?;
        if summary.has_meeting && !may_hold(&bytes) {
            return Some((summary, Searchable::Passed));
        }
        let part: Option<Part> = postcard::from_bytes(&bytes).ok()?;
        let lines: Option<Lines> = read_part(&mut file)?;
        let found = match both(part, lines)? {
            Some((p, l)) => Searchable::Found(p, l),
            None => Searchable::NoMeeting,
        };
        (summary.has_meeting == !matches!(found, Searchable::NoMeeting)).then_some((summary, found))
    }

    /// Keeps what reading the file of `key` gave. Failing to write only costs a parse later,
    /// so it is not an error; a file changed just now is not kept (see the module docs).
    pub fn put(
        &self,
        key: &Key,
        meeting: Option<&Meeting>,
        diagnostics: &[Diagnostic],
        findings: Option<(Lang, &[Finding])>,
    ) {
        if key.fresh {
            return;
        }
        let index = meeting.map(Part::of);
        self.put_indexed(key, meeting.zip(index.as_ref()), diagnostics, findings);
    }

    /// [`Cache::put`] with the meeting's search part, made already.
    pub fn put_indexed(
        &self,
        key: &Key,
        meeting: Option<(&Meeting, &Part)>,
        diagnostics: &[Diagnostic],
        findings: Option<(Lang, &[Finding])>,
    ) {
        if key.fresh {
            return;
        }
        let (meeting, index) = match meeting {
            Some((m, p)) => (Some(m), Some(p)),
            None => (None, None),
        };
        let summary = Summary {
            has_meeting: meeting.is_some(),
            date: meeting.and_then(|m| m.date.clone()),
            diagnostics: diagnostics
                .iter()
                .map(|d| (d.line, d.message.clone()))
                .collect(),
            findings: findings.map(|(lang, list)| {
                (
                    lang == Lang::Sv,
                    list.iter()
                        .map(|f| StoredFinding {
                            paragraph: f.paragraph,
                            line: f.line,
                            severity: f.severity,
                            code: f.code.to_owned(),
                            message: f.message.clone(),
                            evidence: f.evidence.clone(),
                            digest: f.digest.clone(),
                        })
                        .collect(),
                )
            }),
        };
        let lines = meeting.map(|m| &m.lines);
        let stored = meeting.map(|m| StoredMeetingRef {
            meeting: m,
            path_key: &m.path_key,
            text_lines: m
                .paragraphs
                .iter()
                .map(|p| p.text_lines.as_slice())
                .collect(),
        });
        let header = Header {
            build: BUILD.to_owned(),
            key: key.clone(),
        };
        let bytes = crate::model::with_every_field(|| -> Option<Vec<u8>> {
            let mut out = MAGIC.to_vec();
            part(&mut out, &header)?;
            part(&mut out, &summary)?;
            part(&mut out, &index)?;
            part(&mut out, &lines)?;
            part(&mut out, &stored)?;
            Some(out)
        });
        if let Some(bytes) = bytes {
            self.add(Self::name(key), &bytes);
        }
    }

    /// Gathers an entry, and writes the pack when it is full.
    fn add(&self, name: pack::Name, bytes: &[u8]) {
        let full = {
            let Ok(mut pending) = self.pending.lock() else {
                return;
            };
            pending.add(name, bytes);
            (pending.len() >= PACK_BYTES).then(|| std::mem::take(&mut *pending))
        };
        if let Some(full) = full {
            self.write_pack(full);
        }
    }

    /// [`Cache::flush`] of the enabled cache, if any: at the end of every reading of files.
    pub fn flush_global() {
        if let Some(cache) = Cache::global() {
            cache.flush();
        }
    }

    /// Writes the entries gathered so far. Failing to write only costs a parse later, so it is
    /// not an error.
    pub fn flush(&self) {
        let gathered = self.pending.lock().map(|mut p| std::mem::take(&mut *p));
        if let Ok(gathered) = gathered {
            self.write_pack(gathered);
        }
    }

    fn write_pack(&self, gathered: pack::Builder) {
        if gathered.is_empty() {
            return;
        }
        let Ok(written) = pack::write(&self.dir, gathered, None) else {
            return;
        };
        self.written.fetch_add(written.bytes, Ordering::Relaxed);
        // Later look-ups in this process find what it wrote.
        if let Ok(mut guard) = self.packs.write()
            && let Some(packs) = guard.as_mut()
        {
            if packs.files.len() >= MAX_OPEN_PACKS {
                // Read again, the newest only, at the next look-up.
                *guard = None;
            } else if let Ok(file) = std::fs::File::open(&written.path) {
                packs.add(PackFile {
                    path: written.path,
                    bytes: written.bytes,
                    file: Arc::new(file),
                    index: written.index,
                });
            }
        }
    }
}

/// Appends one part: its length, its postcard bytes, and their checksum.
fn part<T: Serialize>(out: &mut Vec<u8>, value: &T) -> Option<()> {
    let bytes = postcard::to_stdvec(value).ok()?;
    out.extend_from_slice(&u32::try_from(bytes.len()).ok()?.to_le_bytes());
    out.extend_from_slice(&bytes);
    out.extend_from_slice(&checksum(&bytes).to_le_bytes());
    Some(())
}

/// Whether the entry `bytes` was written by this build.
fn of_this_build(mut bytes: &[u8]) -> bool {
    header(&mut bytes).is_some_and(|h| h.build == BUILD)
}

/// An entry's magic bytes and header.
fn header(file: &mut impl Read) -> Option<Header> {
    let mut magic = [0u8; 8];
    file.read_exact(&mut magic).ok()?;
    if &magic != MAGIC {
        return None;
    }
    read_part(file)
}

/// Reads an entry's header: `None` unless this build wrote it for `key`.
fn read_header(file: &mut impl Read, key: &Key) -> Option<()> {
    let header = header(file)?;
    (header.build == BUILD && header.key == *key).then_some(())
}

/// An entry being read, part by part.
type Entry = std::io::BufReader<pack::Region>;

/// Passes over one part without reading it.
fn skip_part(file: &mut Entry) -> Option<()> {
    let mut len = [0u8; 4];
    file.read_exact(&mut len).ok()?;
    let len = u32::from_le_bytes(len) as usize;
    if len > MAX_PART {
        return None;
    }
    file.seek_relative(len as i64 + 8).ok()
}

/// The lines and the model parts: the meeting with the fields the contract's JSON leaves out,
/// or none; `Err` for an entry damaged or not whole.
fn read_meeting(file: &mut Entry) -> Result<Option<Meeting>, ()> {
    let lines: Option<Lines> = read_part(file).ok_or(())?;
    let stored: Option<StoredMeeting> = read_part(file).ok_or(())?;
    Ok(both(lines, stored).ok_or(())?.map(|(lines, s)| {
        let mut m = s.meeting;
        m.lines = lines;
        m.path_key = s.path_key;
        for (p, lines) in m.paragraphs.iter_mut().zip(s.text_lines) {
            p.text_lines = lines;
        }
        m
    }))
}

/// Two parts that a meeting has both of or neither: `None` (a damaged entry) when only one is
/// there.
#[allow(
    clippy::option_option,
    reason = "outer: the entry is whole; inner: it has a meeting"
)]
fn both<A, B>(a: Option<A>, b: Option<B>) -> Option<Option<(A, B)>> {
    match (a, b) {
        (Some(a), Some(b)) => Some(Some((a, b))),
        (None, None) => Some(None),
        _ => None,
    }
}

fn read_part<T: for<'de> Deserialize<'de>>(file: &mut impl Read) -> Option<T> {
    postcard::from_bytes(&read_part_bytes(file)?).ok()
}

/// One part's bytes, its length and checksum checked.
fn read_part_bytes(file: &mut impl Read) -> Option<Vec<u8>> {
    let mut len = [0u8; 4];
    file.read_exact(&mut len).ok()?;
    let len = u32::from_le_bytes(len) as usize;
    if len > MAX_PART {
        return None;
    }
    // A damaged length must not make a large allocation: memory is taken as bytes come.
    let mut bytes = Vec::with_capacity((len + 8).min(64 * 1024));
    file.take(len as u64 + 8).read_to_end(&mut bytes).ok()?;
    if bytes.len() != len + 8 {
        return None;
    }
    let sum = bytes.split_off(len);
    (checksum(&bytes).to_le_bytes() == *sum).then_some(bytes)
}

/// A 64-bit checksum of a part: `FxHash` over its bytes, eight at a time. Not a defence against
/// a forger (the cache is the user's own), but a damaged entry is caught.
fn checksum(bytes: &[u8]) -> u64 {
    use std::hash::Hasher;
    let mut h = rustc_hash::FxHasher::default();
    h.write(bytes);
    h.write_usize(bytes.len());
    h.finish()
}

#[cfg(test)]
mod tests;
