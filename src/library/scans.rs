//! Reading by OCR, after loading, the scans that stand in the library meanwhile.

use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::{Change, UNREAD, read_file_with, stand_in};
use crate::docs;

/// How far [`read_scans`] has come, for a progress gauge; shared with the thread that reads.
#[derive(Debug, Default)]
pub struct ScanProgress {
    /// Scans read so far, and in all.
    pub done: AtomicUsize,
    pub total: AtomicUsize,
    /// The scan being read, and its pages read so far and in all.
    pub current: Mutex<String>,
    pub page: AtomicUsize,
    pub pages: AtomicUsize,
}

/// Reads by OCR, one after another, the scans that loading left ([`Progress::scans`]), and
/// gives each to `send` as a [`Change`] that replaces its stand-in; stops when `send` says no
/// one listens.
pub fn read_scans(
    scans: Vec<(PathBuf, String)>,
    progress: &ScanProgress,
    send: &dyn Fn(Change) -> bool,
) {
    progress.total.store(scans.len(), Ordering::Relaxed);
    for (path, name) in scans {
        if let Ok(mut current) = progress.current.lock() {
            current.clone_from(&name);
        }
        progress.page.store(0, Ordering::Relaxed);
        progress.pages.store(0, Ordering::Relaxed);
        let on_page = |page: u32, pages: u32| {
            progress.page.store(page as usize, Ordering::Relaxed);
            progress.pages.store(pages as usize, Ordering::Relaxed);
        };
        let options = docs::Options {
            ocr: docs::OcrMode::Run,
            on_page: Some(&on_page),
        };
        let (meeting, diagnostics) = read_file_with(&path, &name, &options);
        progress.done.fetch_add(1, Ordering::Relaxed);
        let change = Change::Read {
            // A scan that gave no meeting still stands in the list, unread, with its message.
            meeting: Some(Box::new(
                meeting.unwrap_or_else(|| stand_in(&path, &path, &name, UNREAD)),
            )),
            path,
            name,
            diagnostics,
        };
        if !send(change) {
            return;
        }
    }
}
