//! Keeping the cache folder in shape: its size, its entries counted, its packs that hold
//! little gathered, and what older builds or a write cut short left behind.

use std::sync::atomic::Ordering;

use super::{Cache, Info, MAX_SMALL_PACKS, PACK_BYTES, Packs, of_this_build, pack};

impl Cache {
    /// How many entries there are and how many bytes their packs take.
    pub fn info(&self) -> Info {
        let packs = pack::list(&self.dir);
        Info {
            entries: Packs::load(&self.dir).slots.len(),
            bytes: packs.iter().map(|p| p.1).sum(),
        }
    }

    /// Removes every entry.
    pub fn clear(&self) -> std::io::Result<()> {
        match std::fs::remove_dir_all(&self.dir) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }

    /// After a run that wrote entries (those gathered are written first), removes the oldest
    /// packs until the folder is within its limit, and gathers the packs that hold little
    /// (see [`Cache::gather_packs`]).
    /// Returns how many packs were removed for the limit.
    pub fn trim(&self) -> usize {
        self.flush();
        if self.written.load(Ordering::Relaxed) == 0 {
            return 0;
        }
        // One process trims at a time; another that finds it trimming leaves it be.
        let Some(_lock) = self.lock() else {
            return 0;
        };
        self.remove_loose_entries();
        pack::remove_leftovers(&self.dir);
        let packs = pack::list(&self.dir);
        let mut total: u64 = packs.iter().map(|p| p.1).sum();
        let mut removed = 0;
        for (path, size) in &packs {
            if total <= self.limit {
                break;
            }
            if std::fs::remove_file(path).is_ok() {
                total -= size;
                removed += 1;
            }
        }
        self.gather_packs();
        removed
    }

    /// The folder's lock, held while it is trimmed; `None` when another process holds it.
    pub(super) fn lock(&self) -> Option<std::fs::File> {
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(self.dir.join(".lock"))
            .ok()?;
        rustix::fs::flock(&file, rustix::fs::FlockOperation::NonBlockingLockExclusive).ok()?;
        Some(file)
    }

    /// Entries of builds before packs, one file each in a folder of their own: never read
    /// again (no entry is trusted across builds), so removed.
    fn remove_loose_entries(&self) {
        for sub in std::fs::read_dir(&self.dir).into_iter().flatten().flatten() {
            if sub.file_type().is_ok_and(|t| t.is_dir()) {
                let _ = std::fs::remove_dir_all(sub.path());
            }
        }
    }

    /// Gathers the packs that hold little: every pack of which less than half is entries no
    /// newer pack replaces, and the small packs when there are more than [`MAX_SMALL_PACKS`] of
    /// them. Their live entries are written into new packs, and they are removed.
    fn gather_packs(&self) {
        let packs = Packs::load(&self.dir);
        let files = &packs.files;
        let small = |k: usize| files[k].bytes < (PACK_BYTES / 2) as u64;
        let many_small = (0..files.len()).filter(|&k| small(k)).count() > MAX_SMALL_PACKS;
        let chosen: Vec<usize> = (0..files.len())
            .filter(|&k| {
                let live: u64 = packs.live(k).map(|&(_, _, len)| u64::from(len)).sum();
                live * 2 < files[k].bytes || (many_small && small(k))
            })
            .collect();
        // The new packs sort right after the newest pack listed: a pack another process
        // writes meanwhile is newer than what they hold, and must stay so.
        let after = files.last().map(|p| p.path.as_path());
        let mut gathered = pack::Builder::default();
        let mut bytes = Vec::new();
        for &k in &chosen {
            for &(name, at, len) in packs.live(k) {
                bytes.resize(len as usize, 0);
                if std::os::unix::fs::FileExt::read_exact_at(&*files[k].file, &mut bytes, at)
                    .is_err()
                {
                    // Not copied, so not removed: nothing live is lost.
                    return;
                }
                // An entry of another build is never read again.
                if of_this_build(&bytes) {
                    gathered.add(name, &bytes);
                }
                if gathered.len() >= PACK_BYTES
                    && pack::write(&self.dir, std::mem::take(&mut gathered), after).is_err()
                {
                    return;
                }
            }
        }
        if gathered.is_empty() || pack::write(&self.dir, gathered, after).is_ok() {
            for &k in &chosen {
                let _ = std::fs::remove_file(&files[k].path);
            }
        }
    }
}
