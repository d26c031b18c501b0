//! The OCR cache: what Tesseract read from a file, kept so the next start reads it at once.
//! An entry is keyed by the SHA-256 of the file's bytes and the OCR settings
//! ([`super::ocr::Settings`]: Tesseract's and poppler's versions, resolution, language, page
//! mode), so a changed file, a new Tesseract or new settings read the file again, and a file
//! renamed or copied does not. It lives in the user's cache folder (`directories`'
//! `cache_dir`, `~/.cache/protokoll/ocr/` on Linux, `~/Library/Caches/…` on macOS), or where
//! `PROTOKOLL_CACHE_DIR` says. What is kept is Tesseract's text before
//! [`super::ocrtext::clean`], so a better cleaning needs no new OCR.
//!
//! An entry is written to a temporary file in the same folder and renamed into place, so a
//! reader sees a whole entry or none. Each entry carries its key, its length and the SHA-256
//! of its text: one that does not match (cut short, edited, another key's) is ignored, and the
//! file is read by OCR again and the entry replaced. Deleting the folder clears the cache.

use std::io::Write;
use std::path::PathBuf;

use sha2::{Digest, Sha256};

/// The environment variable that puts the cache elsewhere (tests, a shared machine).
pub const DIR_VARIABLE: &str = "PROTOKOLL_CACHE_DIR";

/// protokoll's cache folder, which holds this cache (`ocr/`) and the parse cache (`parse/`):
/// `PROTOKOLL_CACHE_DIR` when set, else the user's cache folder.
pub fn base_dir() -> Option<PathBuf> {
    std::env::var_os(DIR_VARIABLE)
        .filter(|d| !d.is_empty())
        .map(PathBuf::from)
        .or_else(|| {
            directories::ProjectDirs::from("", "", "protokoll").map(|d| d.cache_dir().to_owned())
        })
}

/// The first line of every entry, with the version of the entry format.
const MAGIC: &str = "protokoll-ocr-cache 1";

/// An entry larger than this is not read: the text of one protocol is far smaller.
const MAX_ENTRY_BYTES: u64 = 64 * 1024 * 1024;

/// A cache folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cache {
    pub dir: PathBuf,
}

impl Cache {
    /// The user's OCR cache (see the module documentation), when there is a home to put it in.
    pub fn default_location() -> Option<Cache> {
        Some(Cache {
            dir: base_dir()?.join("ocr"),
        })
    }

    /// The key of a file's OCR: the SHA-256 of its bytes and of the settings, in hex.
    pub fn key(content: &[u8], settings: &str) -> String {
        let mut h = Sha256::new();
        h.update(Sha256::digest(content));
        h.update(settings.as_bytes());
        hex(&h.finalize())
    }

    fn path(&self, key: &str) -> PathBuf {
        self.dir.join(format!("{key}.txt"))
    }

    /// The text kept under `key`, when there is a whole, matching entry.
    pub fn get(&self, key: &str) -> Option<String> {
        let path = self.path(key);
        let file = crate::read::open_regular(&path).ok()?;
        if file.metadata().ok()?.len() > MAX_ENTRY_BYTES {
            return None;
        }
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut std::io::Read::take(file, MAX_ENTRY_BYTES), &mut bytes)
            .ok()?;
        let entry = String::from_utf8(bytes).ok()?;
        let (header, text) = entry.split_once("\n\n")?;
        let mut lines = header.lines();
        let ok = lines.next() == Some(MAGIC)
            && lines.next() == Some(&format!("key {key}"))
            && lines.next() == Some(&format!("bytes {}", text.len()))
            && lines.next() == Some(&format!("sha256 {}", hex(&Sha256::digest(text))))
            && lines.next().is_none();
        ok.then(|| text.to_owned())
    }

    /// Keeps `text` under `key`, atomically (temporary file, fsync, rename).
    pub fn put(&self, key: &str, text: &str) -> std::io::Result<()> {
        std::fs::create_dir_all(&self.dir)?;
        let mut tmp = tempfile::Builder::new()
            .prefix(".entry-")
            .tempfile_in(&self.dir)?;
        write!(
            tmp,
            "{MAGIC}\nkey {key}\nbytes {}\nsha256 {}\n\n{text}",
            text.len(),
            hex(&Sha256::digest(text))
        )?;
        tmp.as_file().sync_all()?;
        tmp.persist(self.path(key)).map_err(|e| e.error)?;
        Ok(())
    }
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    bytes.iter().fold(String::with_capacity(64), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_is_read_back_and_a_damaged_one_is_not() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache {
            dir: dir.path().join("ocr"),
        };
        let key = Cache::key(b"%PDF-1.4 ...", "tesseract 5.3.0; 300 dpi");
        assert_ne!(key, Cache::key(b"%PDF-1.4 ...", "tesseract 5.4.0; 300 dpi"));
        assert_eq!(cache.get(&key), None);
        let text = "§ 12 Budget\n\nBeslut\x0cSida 2\n";
        cache.put(&key, text).unwrap();
        assert_eq!(cache.get(&key).as_deref(), Some(text));
        // Only the entry is left in the folder: the temporary file was renamed.
        assert_eq!(std::fs::read_dir(&cache.dir).unwrap().count(), 1);
        let path = cache.path(&key);
        let whole = std::fs::read(&path).unwrap();
        // Cut short, one letter changed, or under another key: ignored.
        std::fs::write(&path, &whole[..whole.len() - 3]).unwrap();
        assert_eq!(cache.get(&key), None);
        let mut changed = whole.clone();
        *changed.last_mut().unwrap() = b'X';
        std::fs::write(&path, &changed).unwrap();
        assert_eq!(cache.get(&key), None);
        std::fs::write(cache.path("other"), &whole).unwrap();
        assert_eq!(cache.get("other"), None);
        std::fs::write(&path, b"\xff\xfe garbage").unwrap();
        assert_eq!(cache.get(&key), None);
        // Written again, it is whole again.
        cache.put(&key, text).unwrap();
        assert_eq!(cache.get(&key).as_deref(), Some(text));
    }
}
