//! The library under the UI as it changes: installed when loading ends, grown meeting by
//! meeting while it loads, and changed file by file while the folders are watched or after the
//! editor returns. Each keeps the reader's place (by file, then id, and the § by number), the
//! filter and the search, and runs an open finder again over the new lists.

use rayon::prelude::*;

use super::app::{App, LoadState, Overlay, sorted_findings};
use crate::lang as s;
use crate::model::{Diagnostic, Library, Meeting};
use crate::people;
use crate::review::Finding;

impl App {
    /// Replaces the library (after loading in the background), keeping the selection.
    pub fn set_library(&mut self, library: Library, diagnostics: Vec<Diagnostic>) {
        let keep = self.reading_place().filter(|_| self.actions > 0);
        self.install(library, diagnostics, keep);
        self.refresh_overlays(false);
    }

    /// As [`App::set_library`], when the loader sent the meetings while loading
    /// ([`App::add_reviewed`]) and now their order, findings and search index
    /// ([`crate::library::Prepared`]): the library is put in that order with those ids, and
    /// nothing is made on this thread.
    pub fn set_loaded(&mut self, loaded: crate::library::Loaded) {
        let Some(prepared) = loaded.prepared else {
            self.set_library(loaded.library, loaded.diagnostics);
            return;
        };
        let keep = self.reading_place().filter(|_| self.actions > 0);
        let mut by_key: std::collections::HashMap<String, Meeting> =
            std::mem::take(&mut self.library.meetings)
                .into_iter()
                .map(|m| (m.path_key.clone(), m))
                .collect();
        let mut meetings = Vec::with_capacity(prepared.order.len());
        for (key, id) in prepared.order {
            if let Some(mut m) = by_key.remove(&key) {
                m.id = id;
                meetings.push(m);
            }
        }
        if meetings.len() != prepared.findings.len() || !by_key.is_empty() {
            // Not the meetings the loader sent (cannot happen unless a batch was lost): made
            // here from what there is.
            meetings.extend(by_key.into_values());
            self.library = Library::default();
            self.install(Library { meetings }, loaded.diagnostics, keep);
            self.refresh_overlays(false);
            return;
        }
        let mut findings = prepared.findings;
        for (m, fs) in meetings.iter().zip(&mut findings) {
            for f in fs {
                f.meeting.clone_from(&m.id);
            }
        }
        self.findings = findings;
        // The people index is made when first asked for (the finder, a person's page).
        self.people_of = usize::MAX;
        self.install_made(Library { meetings }, loaded.diagnostics, keep);
        self.search_index = Some(prepared.search);
        if let Some(query) = self.search.as_ref().map(|s| s.query.clone()) {
            let hits = self
                .search_index
                .as_ref()
                .map(|i| i.search(&self.library.meetings, &query));
            if let Some((s, hits)) = self.search.as_mut().zip(hits) {
                s.hits = hits;
                s.current = None;
                s.selected = 0;
            }
        }
        self.refresh_overlays(false);
    }

    /// Where the reader is: the meeting (by file, then id) and the § by number and index. They
    /// keep their § by number across a reload: a § inserted above it must not move them.
    fn reading_place(&self) -> Option<Keep> {
        self.current().map(|m| Keep {
            path_key: m.path_key.clone(),
            id: m.id.clone(),
            para: self.para,
            number: m.paragraphs.get(self.para).map(|p| p.number),
        })
    }

    fn install(&mut self, library: Library, diagnostics: Vec<Diagnostic>, keep: Option<Keep>) {
        // A meeting already checked (read while loading, or a file that did not change) keeps
        // its findings and search part.
        let known: std::collections::HashMap<&str, usize> = library
            .meetings
            .iter()
            .enumerate()
            .map(|(i, m)| (m.path_key.as_str(), i))
            .collect();
        let same: Vec<bool> = self
            .library
            .meetings
            .par_iter()
            .map(|m| {
                known
                    .get(m.path_key.as_str())
                    .is_some_and(|&i| library.meetings[i] == *m)
            })
            .collect();
        let carried = self.carry(|i, _| same[i]);
        self.install_carried(library, diagnostics, keep, carried);
    }

    /// The findings and search parts of the meetings of the library shown now for which
    /// `keep(index, meeting)` holds, by file, for [`App::install_carried`].
    fn carry(&mut self, keep: impl Fn(usize, &Meeting) -> bool) -> Carried {
        let mut parts = self
            .search_index
            .take()
            .map(crate::search::Index::into_parts)
            .unwrap_or_default()
            .into_iter();
        let findings = std::mem::take(&mut self.findings);
        let mut carried = Carried::new();
        for (i, (m, fs)) in self.library.meetings.iter().zip(findings).enumerate() {
            let part = parts.next();
            if keep(i, m) {
                carried.insert(m.path_key.clone(), (fs, part));
            }
        }
        carried
    }

    /// Puts `library` in place of the one shown: findings and search parts carried over for
    /// the meetings that have them, made (on all cores) for the rest; the people index is made
    /// when next asked for. A file changed in an archive of thousands is checked and indexed
    /// alone.
    fn install_carried(
        &mut self,
        library: Library,
        diagnostics: Vec<Diagnostic>,
        keep: Option<Keep>,
        carried: Carried,
    ) {
        self.people = crate::people::People::default();
        self.people_of = usize::MAX;
        let index = self.take_carried(&library, carried);
        self.install_made(library, diagnostics, keep);
        self.search_index = index;
    }

    /// Puts in `self.findings` the findings of every meeting of `library`, carried or made (on
    /// all cores), and returns its search index, made the same way once a search has made one.
    fn take_carried(
        &mut self,
        library: &Library,
        mut carried: Carried,
    ) -> Option<crate::search::Index> {
        let lang = self.lang;
        let indexed = carried.values().any(|(_, part)| part.is_some());
        let old: Vec<Option<(Vec<Finding>, Option<crate::search::Part>)>> = library
            .meetings
            .iter()
            .map(|m| carried.remove(&m.path_key))
            .collect();
        let (findings, parts): (Vec<Vec<Finding>>, Vec<Option<crate::search::Part>>) = library
            .meetings
            .par_iter()
            .zip(old)
            .map(|(m, old)| {
                let (fs, part) = old.map_or((None, None), |(fs, part)| (Some(fs), part));
                let fs = fs.unwrap_or_else(|| sorted_findings(m, lang));
                let part = indexed.then(|| part.unwrap_or_else(|| crate::search::Part::of(m)));
                (fs, part)
            })
            .unzip();
        self.findings = findings;
        indexed.then(|| {
            let ids = library.meetings.iter().map(|m| m.id.clone()).collect();
            let parts = parts.into_iter().map(Option::unwrap_or_default).collect();
            crate::search::Index::join(parts, ids)
        })
    }

    /// The rest of [`App::install`], once findings are made for `library`.
    fn install_made(&mut self, library: Library, diagnostics: Vec<Diagnostic>, keep: Option<Keep>) {
        self.library = library;
        self.loading_ids.clear();
        self.settle_findings();
        // Notices about the program's own files (no path) stay; file problems are replaced.
        self.diagnostics.retain(|d| d.path.is_empty());
        self.diagnostics.extend(diagnostics);
        self.skipped = skipped_files(&self.library, &self.diagnostics);
        self.loading = None;
        self.reorder(keep);
    }

    /// Rebuilds the meeting order (with the filter) after the library changed, keeping `keep`.
    pub(super) fn reorder(&mut self, keep: Option<Keep>) {
        // What was built from the old library is built again when next needed.
        self.search_index = None;
        self.items.clear();
        let filter = self.filter.clone();
        self.set_filter(&filter);
        self.go_back_to(keep);
    }

    /// As [`App::reorder`], when the meetings from `base` on were added and none other changed:
    /// the new ones are sorted into the list, which is not made again.
    fn reorder_added(&mut self, base: usize, keep: Option<Keep>) {
        self.search_index = None;
        self.items.clear();
        let before = self.current().map(|m| m.id.clone());
        let mut order = std::mem::take(&mut self.order);
        order.extend(self.filtered(base..self.library.meetings.len(), &self.filter));
        self.sort_order(&mut order);
        self.order = order;
        self.go_back_to(keep);
        if self.current().map(|m| &m.id) != before.as_ref() {
            self.body_scroll = 0;
        }
    }

    /// The reader at the top of the list, or back at `keep`.
    fn go_back_to(&mut self, keep: Option<Keep>) {
        self.meeting = 0;
        self.para = 0;
        let Some(keep) = keep else { return };
        let found = self
            .order
            .iter()
            .position(|&i| {
                let m = &self.library.meetings[i];
                !keep.path_key.is_empty() && m.path_key == keep.path_key
            })
            .or_else(|| {
                self.order
                    .iter()
                    .position(|&i| self.library.meetings[i].id == keep.id)
            });
        if let Some(pos) = found {
            self.meeting = pos;
            let paragraphs = &self.library.meetings[self.order[pos]].paragraphs;
            self.para = keep
                .number
                .and_then(|n| paragraphs.iter().position(|p| p.number == n))
                .unwrap_or(keep.para)
                .min(paragraphs.len().saturating_sub(1));
        }
    }

    /// Adds meetings read so far while the library loads, so the reader can move in them; the
    /// whole library replaces them when loading ends ([`App::set_library`]).
    pub fn add_loaded(&mut self, meetings: Vec<Meeting>, state: LoadState) {
        let lang = self.lang;
        let reviewed = meetings
            .into_par_iter()
            .map(|m| {
                let f = sorted_findings(&m, lang);
                (m, f)
            })
            .collect();
        self.add_reviewed(reviewed, state);
    }

    /// As [`App::add_loaded`], with the findings made already (by the loader, or read from
    /// the parse cache), so the UI's thread makes none.
    pub fn add_reviewed(&mut self, reviewed: Vec<(Meeting, Vec<Finding>)>, state: LoadState) {
        self.loading = Some(state);
        if reviewed.is_empty() {
            return;
        }
        let keep = self.reading_place().filter(|_| self.actions > 0);
        if self.loading_ids.len() != self.library.meetings.len() {
            self.loading_ids = self.library.meetings.iter().map(|m| m.id.clone()).collect();
        }
        let base = self.library.meetings.len();
        // Only the new meetings are made unique, settled and sorted in: batches come many
        // times a second while an archive loads, on the thread that draws.
        for (mut m, mut fs) in reviewed {
            // Ids are made unique as the loader will make them; until it is done, in the order
            // the files arrive.
            crate::library::unique_id(&mut m.id, &mut self.loading_ids);
            crate::review::settle(&mut fs, &self.marks, &m);
            self.library.meetings.push(m);
            self.findings.push(fs);
        }
        self.reorder_added(base, keep);
    }

    /// After the library changed: an open finder or "find anything" runs its query again over
    /// the new lists; a page that points into the old lists closes.
    fn refresh_overlays(&mut self, close_pages: bool) {
        match self.overlay.take() {
            Some(Overlay::Finder(mut f)) => {
                self.ensure_people();
                f.refresh(&self.finder, &self.people);
                self.overlay = Some(Overlay::Finder(f));
            }
            Some(Overlay::Anything(a)) => {
                self.open_anything();
                if let Some(Overlay::Anything(mut b)) = self.overlay.take() {
                    b.query = a.query;
                    b.hits = super::nav::find_items(&self.items, b.query.text());
                    self.overlay = Some(Overlay::Anything(b));
                }
            }
            Some(Overlay::Person(_) | Overlay::Findings(_) | Overlay::Accept(..))
                if close_pages => {}
            Some(page @ Overlay::Person(_)) => {
                // The people index is made again when the library changes; a person's page
                // left open reads from it.
                self.ensure_people();
                self.overlay = Some(page);
            }
            other => self.overlay = other,
        }
    }

    /// Builds the people index again when the library has grown since it was built.
    pub(super) fn ensure_people(&mut self) {
        if self.people_of != self.library.meetings.len() {
            self.people = people::index(&self.library);
            self.people_of = self.library.meetings.len();
            self.items.clear();
        }
    }

    /// Applies changes to the library's files seen while running (see [`crate::watch`]), or a
    /// file read again after the editor closed, keeping the reader's place, filter and search.
    /// Returns whether anything changed.
    pub fn apply_changes(&mut self, changes: Vec<crate::library::Change>) -> bool {
        let files = changes.len();
        let (scroll, link) = (self.body_scroll, self.link);
        let para_before = self.paragraph().map(|p| (p.number, p.text.clone()));
        let keep = self.reading_place();
        // What the files that changed had is made again (when any did); the rest is carried
        // over.
        let changed: std::collections::HashSet<String> = changes
            .iter()
            .map(|c| match c {
                crate::library::Change::Gone { path, .. }
                | crate::library::Change::Read { path, .. } => path.display().to_string(),
            })
            .collect();
        let mut carried = self.carry(|_, _| true);
        let loaded = crate::library::Loaded {
            library: std::mem::take(&mut self.library),
            diagnostics: self
                .diagnostics
                .iter()
                .filter(|d| !d.path.is_empty())
                .cloned()
                .collect(),
            prepared: None,
        };
        let (loaded, touched) = crate::library::apply(loaded, changes);
        if touched == 0 {
            // Nothing changed: everything carried goes back in place.
            self.search_index = self.take_carried(&loaded.library, carried);
            self.library = loaded.library;
            return false;
        }
        carried.retain(|key, _| !changed.contains(key));
        let loading = self.loading.take();
        self.install_carried(loaded.library, loaded.diagnostics, keep, carried);
        self.loading = loading;
        // The same § with the same text stays scrolled where it was.
        if para_before == self.paragraph().map(|p| (p.number, p.text.clone())) {
            self.body_scroll = scroll;
            self.link = link;
        } else {
            self.body_scroll = 0;
            self.link = None;
        }
        if let Some(query) = self.search.as_ref().map(|s| s.query.clone()) {
            let index = self
                .search_index
                .take()
                .unwrap_or_else(|| crate::search::Index::new(&self.library));
            let hits = index.search(&self.library.meetings, &query);
            self.search_index = Some(index);
            if let Some(s) = &mut self.search {
                s.hits = hits;
                s.current = None;
                s.selected = 0;
            }
        }
        self.refresh_overlays(true);
        self.message = Some(format!(
            "{}: {}",
            self.lang.pick(s::FOLDER_CHANGED),
            self.lang.count(files, s::FILE_N)
        ));
        true
    }
}

/// Findings and search parts carried from one library to the next, by file.
type Carried = std::collections::HashMap<String, (Vec<Finding>, Option<crate::search::Part>)>;

/// How many files the diagnostics name that gave no meeting: a message about a file that was
/// read (a warning from the parser), about a folder (nothing to read there) or about a path
/// that does not exist is no skipped file.
fn skipped_files(library: &Library, diagnostics: &[Diagnostic]) -> usize {
    let mut paths: Vec<&str> = diagnostics
        .iter()
        .map(|d| d.path.as_str())
        .filter(|p| !p.is_empty())
        .filter(|p| !library.meetings.iter().any(|m| m.source == *p))
        .filter(|p| std::path::Path::new(p).is_file())
        .collect();
    paths.sort_unstable();
    paths.dedup();
    paths.len()
}

/// Where the reader was, to be found again in a new library.
pub(super) struct Keep {
    path_key: String,
    id: String,
    para: usize,
    number: Option<u32>,
}
