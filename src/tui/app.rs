//! The UI's state and the one function that changes it, [`App::update`]. Input becomes
//! [`Action`]s (see `keys.rs` and `mod.rs`); tests drive the app by sending actions and reading
//! the state, without a terminal.

use ratatui::layout::{Position, Rect};

use super::finder::{FinderState, PersonPage};
use super::nav::{AnythingState, Item, Place, SearchState};
use crate::lang::{self as s, Lang};
use crate::model::{Diagnostic, Group, Library, Meeting, Paragraph};
use crate::people::{self, People, Role};
use crate::review::Finding;
use crate::review::marks::{Marks, Store};

/// The four panes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Meetings,
    Agenda,
    Body,
    Roster,
}

pub const PANES: [Pane; 4] = [Pane::Meetings, Pane::Agenda, Pane::Body, Pane::Roster];

/// A layer over the panes that takes the keys while it is open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    /// The key help, scrolled by this many rows.
    Help(usize),
    Messages,
    /// The `:` prompt and what has been typed.
    Goto(String),
    /// The `@` person finder.
    Finder(FinderState),
    /// A person's page.
    Person(PersonPage),
    /// The review findings of the current meeting, with the selected row.
    Findings(usize),
    /// The note prompt (`a`) and what has been typed.
    Note(String),
    /// The search prompt (`/`).
    Search(String),
    /// The meeting-list filter prompt (`f`).
    Filter(String),
    /// Find anything (`Ctrl-P`).
    Anything(AnythingState),
}

/// Everything the user can ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Focus the next pane.
    NextPane,
    /// Focus the previous pane.
    PrevPane,
    /// Move down one row (or scroll one line).
    Down,
    /// Move up one row.
    Up,
    /// Move down one page.
    PageDown,
    /// Move up one page.
    PageUp,
    /// Go to the first row.
    First,
    /// Go to the last row.
    Last,
    /// Open the selected item: a meeting shows its agenda, a § its text.
    Open,
    /// The next § of the meeting, wherever the focus is.
    NextParagraph,
    /// The previous § of the meeting.
    PrevParagraph,
    /// The next meeting in the list.
    NextMeeting,
    /// The previous meeting in the list.
    PrevMeeting,
    /// Open the `:` prompt to jump to a § by number.
    Goto,
    /// Open the person finder.
    FindPerson,
    /// Show the review findings of the meeting.
    Findings,
    /// Mark the current § reviewed, or not.
    ToggleReviewed,
    /// Add or edit the note on the current §.
    Note,
    /// Search the text of every meeting.
    Search,
    /// The next search hit.
    NextHit,
    /// The previous search hit.
    PrevHit,
    /// Select the next cross-reference in the §.
    NextLink,
    /// Select the previous cross-reference in the §.
    PrevLink,
    /// Back to where the reader was before following a reference.
    HistoryBack,
    /// Forward again.
    HistoryForward,
    /// Find any meeting, § or person.
    FindAnything,
    /// Filter the meeting list.
    Filter,
    /// Show or hide the roster when the screen is too narrow for four panes.
    ToggleRoster,
    /// Show the messages from loading.
    Messages,
    /// Show the help.
    Help,
    /// Close the overlay.
    Back,
    /// Quit.
    Quit,
    /// A character typed into a prompt.
    Input(char),
    /// Backspace in a prompt.
    Erase,
    /// Enter in a prompt.
    Submit,
    /// A mouse click at a screen position.
    Click(u16, u16),
    /// The mouse wheel, down (`true`) or up, at a screen position.
    Wheel(bool, u16, u16),
}

/// Where the panes were drawn and how much each shows, recorded by the last draw so the mouse
/// and paging know the geometry.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Metrics {
    pub width: u16,
    pub meetings: Option<Rect>,
    pub agenda: Option<Rect>,
    pub body: Option<Rect>,
    pub roster: Option<Rect>,
    pub tabs: Option<Rect>,
    pub meetings_offset: usize,
    pub agenda_offset: usize,
    pub body_lines: usize,
    /// The source line of each row drawn in the body (0 for rows of our own).
    pub body_rows: Vec<u32>,
    pub roster_lines: usize,
}

/// The whole state of the UI.
pub struct App {
    pub lang: Lang,
    pub library: Library,
    pub diagnostics: Vec<Diagnostic>,
    /// Meetings in display order (newest first), as indices into `library.meetings`.
    pub order: Vec<usize>,
    /// Position in `order` of the selected meeting.
    pub meeting: usize,
    /// Index of the selected § in the meeting's paragraphs.
    pub para: usize,
    pub body_scroll: usize,
    /// The selected roster row, in display order (see [`roster_order`]).
    pub roster_sel: usize,
    pub focus: Pane,
    pub overlay: Option<Overlay>,
    pub roster_open: bool,
    /// A short message in the status line until the next action.
    pub message: Option<String>,
    /// Files read so far and in all, while the library loads.
    pub loading: Option<(usize, usize)>,
    pub quit: bool,
    pub metrics: Metrics,
    pub people: People,
    finder: people::Finder,
    /// Names to highlight in the body, after following a person's appearance.
    pub highlight: Vec<String>,
    /// A source line to bring into view and mark in the body (after following a finding).
    pub jump_line: Option<u32>,
    /// Review findings per meeting (by index into `library.meetings`).
    pub findings: Vec<Vec<Finding>>,
    /// The secretary's review marks and where they are kept.
    pub marks: Marks,
    pub store: Option<Store>,
    /// The last search, while its hits are walked.
    pub search: Option<SearchState>,
    pub(super) search_index: Option<crate::search::Index>,
    /// The selected cross-reference of the §, by order of appearance.
    pub link: Option<usize>,
    pub(super) back: Vec<Place>,
    pub(super) forward: Vec<Place>,
    /// The meeting-list filter.
    pub filter: String,
    /// Everything "find anything" can go to, built when first needed.
    pub(super) items: Vec<Item>,
}

impl App {
    /// An app over a library.
    pub fn new(library: Library, diagnostics: Vec<Diagnostic>, lang: Lang) -> App {
        let mut app = App {
            lang,
            library: Library::default(),
            diagnostics: Vec::new(),
            order: Vec::new(),
            meeting: 0,
            para: 0,
            body_scroll: 0,
            roster_sel: 0,
            focus: Pane::Meetings,
            overlay: None,
            roster_open: false,
            message: None,
            loading: None,
            quit: false,
            metrics: Metrics {
                width: 160,
                ..Metrics::default()
            },
            people: People::default(),
            finder: people::Finder::default(),
            highlight: Vec::new(),
            jump_line: None,
            findings: Vec::new(),
            marks: Marks::default(),
            store: None,
            search: None,
            search_index: None,
            link: None,
            back: Vec::new(),
            forward: Vec::new(),
            filter: String::new(),
            items: Vec::new(),
        };
        app.set_library(library, diagnostics);
        app
    }

    /// Replaces the library (after loading in the background), keeping the selection by id.
    pub fn set_library(&mut self, library: Library, diagnostics: Vec<Diagnostic>) {
        let keep = self.reading_place();
        self.install(library, diagnostics, keep);
    }

    /// Where the reader is: meeting id, § index and § number. They keep their § by number
    /// across a reload: a § inserted above it must not move them.
    fn reading_place(&self) -> Option<(String, usize, Option<u32>)> {
        self.current().map(|m| {
            let number = m.paragraphs.get(self.para).map(|p| p.number);
            (m.id.clone(), self.para, number)
        })
    }

    fn install(
        &mut self,
        library: Library,
        diagnostics: Vec<Diagnostic>,
        keep: Option<(String, usize, Option<u32>)>,
    ) {
        let mut order: Vec<usize> = (0..library.meetings.len()).collect();
        order.sort_by(|&a, &b| {
            let (ma, mb) = (&library.meetings[a], &library.meetings[b]);
            mb.date.cmp(&ma.date).then_with(|| ma.id.cmp(&mb.id))
        });
        self.people = people::index(&library);
        self.findings = library
            .meetings
            .iter()
            .map(|m| crate::review::check(m, self.lang))
            .collect();
        self.library = library;
        self.order = order;
        // Notices about the program's own files (no path) stay; file problems are replaced.
        self.diagnostics.retain(|d| d.path.is_empty());
        self.diagnostics.extend(diagnostics);
        self.loading = None;
        self.meeting = 0;
        self.para = 0;
        // What was built from the old library is built again when next needed.
        self.search_index = None;
        self.items.clear();
        if let Some((id, para, number)) = keep
            && let Some(pos) = self
                .order
                .iter()
                .position(|&i| self.library.meetings[i].id == id)
        {
            self.meeting = pos;
            let paragraphs = &self.library.meetings[self.order[pos]].paragraphs;
            self.para = number
                .and_then(|n| paragraphs.iter().position(|p| p.number == n))
                .unwrap_or(para)
                .min(paragraphs.len().saturating_sub(1));
        }
    }

    /// Applies changes to the library's files seen while running (see [`crate::watch`]),
    /// keeping the reader's place, filter and search. Returns whether anything changed.
    pub fn apply_changes(&mut self, changes: Vec<crate::library::Change>) -> bool {
        let files = changes.len();
        let (scroll, link) = (self.body_scroll, self.link);
        let para_before = self.paragraph().map(|p| (p.number, p.text.clone()));
        let keep = self.reading_place();
        let loaded = crate::library::Loaded {
            library: std::mem::take(&mut self.library),
            diagnostics: self
                .diagnostics
                .iter()
                .filter(|d| !d.path.is_empty())
                .cloned()
                .collect(),
        };
        let (loaded, touched) = crate::library::apply(loaded, changes);
        if touched == 0 {
            self.library = loaded.library;
            return false;
        }
        self.install(loaded.library, loaded.diagnostics, keep);
        if !self.filter.is_empty() {
            let filter = self.filter.clone();
            self.set_filter(&filter);
        }
        // The same § with the same text stays scrolled where it was.
        if para_before == self.paragraph().map(|p| (p.number, p.text.clone())) {
            self.body_scroll = scroll;
            self.link = link;
        } else {
            self.body_scroll = 0;
            self.link = None;
        }
        if let Some(query) = self.search.as_ref().map(|s| s.query.clone()) {
            let index = crate::search::Index::new(&self.library);
            let hits = index.search(&query);
            self.search_index = Some(index);
            if let Some(s) = &mut self.search {
                s.hits = hits;
                s.current = None;
            }
        }
        // Overlays that point into the old people or item lists are closed.
        if matches!(
            self.overlay,
            Some(
                Overlay::Finder(_)
                    | Overlay::Person(_)
                    | Overlay::Anything(_)
                    | Overlay::Findings(_)
            )
        ) {
            self.overlay = None;
        }
        self.message = Some(format!(
            "{}: {files}",
            self.lang.t(
                "Mappen ändrades, filer lästa igen",
                "Folder changed, files read again"
            )
        ));
        true
    }

    /// The selected meeting.
    pub fn current(&self) -> Option<&Meeting> {
        self.order
            .get(self.meeting)
            .map(|&i| &self.library.meetings[i])
    }

    /// The selected §.
    pub fn paragraph(&self) -> Option<&Paragraph> {
        self.current().and_then(|m| m.paragraphs.get(self.para))
    }

    fn paragraph_count(&self) -> usize {
        self.current().map_or(0, |m| m.paragraphs.len())
    }

    /// The panes that can take the focus at the current width.
    pub fn visible_panes(&self) -> Vec<Pane> {
        let w = self.metrics.width;
        PANES
            .into_iter()
            .filter(|p| *p != Pane::Roster || !(80..120).contains(&w) || self.roster_open)
            .collect()
    }

    /// Applies one action.
    pub fn update(&mut self, action: Action) {
        self.message = None;
        if let Some(overlay) = self.overlay.take() {
            self.overlay = self.update_overlay(overlay, action);
            return;
        }
        match action {
            Action::Quit => self.quit = true,
            Action::NextPane | Action::PrevPane => {
                let panes = self.visible_panes();
                let at = panes.iter().position(|p| *p == self.focus).unwrap_or(0);
                let n = panes.len();
                let next = if action == Action::NextPane {
                    (at + 1) % n
                } else {
                    (at + n - 1) % n
                };
                self.focus = panes[next];
            }
            Action::Down => self.move_by(1),
            Action::Up => self.move_by(-1),
            Action::PageDown => self.move_by(self.page()),
            Action::PageUp => self.move_by(-self.page()),
            Action::First => self.move_by(-isize::MAX / 2),
            Action::Last => self.move_by(isize::MAX / 2),
            Action::Open => match self.focus {
                Pane::Meetings => self.focus = Pane::Agenda,
                Pane::Agenda => self.focus = Pane::Body,
                Pane::Roster => self.open_roster_person(),
                Pane::Body => self.follow_link(),
            },
            Action::NextParagraph => self.select_paragraph(self.para as isize + 1),
            Action::PrevParagraph => self.select_paragraph(self.para as isize - 1),
            Action::NextMeeting => self.select_meeting(self.meeting as isize + 1),
            Action::PrevMeeting => self.select_meeting(self.meeting as isize - 1),
            Action::Goto => self.overlay = Some(Overlay::Goto(String::new())),
            Action::Findings => self.overlay = Some(Overlay::Findings(0)),
            Action::Search => {
                self.overlay = Some(Overlay::Search(
                    self.search
                        .as_ref()
                        .map(|s| s.query.clone())
                        .unwrap_or_default(),
                ));
            }
            Action::NextHit => self.step_hit(1),
            Action::PrevHit => self.step_hit(-1),
            Action::NextLink => self.step_link(1),
            Action::PrevLink => self.step_link(-1),
            Action::HistoryBack => self.history(true),
            Action::HistoryForward => self.history(false),
            Action::FindAnything => self.open_anything(),
            Action::Filter => self.overlay = Some(Overlay::Filter(self.filter.clone())),
            Action::ToggleReviewed => self.toggle_reviewed(),
            Action::Note => {
                if let (Some(m), Some(p)) = (self.current(), self.paragraph()) {
                    let note = self.marks.note(m, p.number).unwrap_or("").to_owned();
                    self.overlay = Some(Overlay::Note(note));
                }
            }
            Action::FindPerson => {
                let mut f = FinderState::default();
                f.refresh(&self.finder, &self.people);
                self.overlay = Some(Overlay::Finder(f));
            }
            Action::ToggleRoster => {
                self.roster_open = !self.roster_open;
                if !self.roster_open
                    && self.focus == Pane::Roster
                    && !self.visible_panes().contains(&Pane::Roster)
                {
                    self.focus = Pane::Body;
                }
            }
            Action::Messages => self.overlay = Some(Overlay::Messages),
            Action::Help => self.overlay = Some(Overlay::Help(0)),
            Action::Click(x, y) => self.click(x, y),
            Action::Wheel(down, x, y) => {
                if let Some(p) = self.pane_at(x, y) {
                    self.focus = p;
                    self.move_by(if down { 3 } else { -3 });
                }
            }
            Action::Back => {
                // Esc with nothing open clears what the body shows marked.
                self.search = None;
                self.link = None;
                self.highlight.clear();
                self.jump_line = None;
            }
            Action::Input(_) | Action::Erase | Action::Submit => {}
        }
    }

    /// Applies an action to the open overlay; returns the overlay that stays open.
    fn update_overlay(&mut self, overlay: Overlay, action: Action) -> Option<Overlay> {
        match (overlay, action) {
            (Overlay::Goto(mut typed), Action::Input(c)) => {
                if c.is_ascii_digit() && typed.len() < 5 {
                    typed.push(c);
                }
                Some(Overlay::Goto(typed))
            }
            (Overlay::Goto(mut typed), Action::Erase) => {
                typed.pop();
                Some(Overlay::Goto(typed))
            }
            (Overlay::Goto(typed), Action::Submit) => {
                self.goto(&typed);
                None
            }
            (Overlay::Finder(mut f), Action::Input(c)) => {
                f.query.push(c);
                f.refresh(&self.finder, &self.people);
                Some(Overlay::Finder(f))
            }
            (Overlay::Finder(mut f), Action::Erase) => {
                f.query.pop();
                f.refresh(&self.finder, &self.people);
                Some(Overlay::Finder(f))
            }
            (
                Overlay::Finder(mut f),
                Action::Down | Action::Up | Action::PageDown | Action::PageUp,
            ) => {
                f.step(match action {
                    Action::Down => 1,
                    Action::Up => -1,
                    Action::PageDown => 10,
                    _ => -10,
                });
                Some(Overlay::Finder(f))
            }
            (Overlay::Finder(f), Action::Submit | Action::Open) => match f.current() {
                Some(person) => Some(Overlay::Person(PersonPage::new(
                    &self.people,
                    person,
                    Some(f),
                ))),
                None => Some(Overlay::Finder(f)),
            },
            (
                Overlay::Person(mut page),
                Action::Down
                | Action::Up
                | Action::PageDown
                | Action::PageUp
                | Action::First
                | Action::Last,
            ) => {
                page.step(match action {
                    Action::Down => 1,
                    Action::Up => -1,
                    Action::PageDown => 10,
                    Action::PageUp => -10,
                    Action::First => -100_000,
                    _ => 100_000,
                });
                Some(Overlay::Person(page))
            }
            (Overlay::Person(page), Action::Open | Action::Submit) => {
                self.follow(&page);
                None
            }
            (Overlay::Person(page), Action::Back) => page.from.map(Overlay::Finder),
            (Overlay::Help(top), Action::Down | Action::Up | Action::PageDown | Action::PageUp) => {
                let step: isize = match action {
                    Action::Down => 1,
                    Action::Up => -1,
                    Action::PageDown => 10,
                    _ => -10,
                };
                Some(Overlay::Help(clamp(
                    top as isize + step,
                    super::keys::BINDINGS.len().saturating_sub(1),
                )))
            }
            (Overlay::Findings(sel), Action::Down | Action::Up | Action::First | Action::Last) => {
                let n = self.findings_of_current().len();
                let to = match action {
                    Action::Down => sel as isize + 1,
                    Action::Up => sel as isize - 1,
                    Action::First => 0,
                    _ => n as isize,
                };
                Some(Overlay::Findings(clamp(to, n.saturating_sub(1))))
            }
            (Overlay::Findings(sel), Action::Open | Action::Submit) => {
                self.follow_finding(sel);
                None
            }
            (Overlay::Note(mut typed), Action::Input(c)) => {
                typed.push(c);
                Some(Overlay::Note(typed))
            }
            (Overlay::Note(mut typed), Action::Erase) => {
                typed.pop();
                Some(Overlay::Note(typed))
            }
            (Overlay::Note(typed), Action::Submit) => {
                self.save_note(&typed);
                None
            }
            (Overlay::Search(mut typed), Action::Input(c)) => {
                typed.push(c);
                Some(Overlay::Search(typed))
            }
            (Overlay::Search(mut typed), Action::Erase) => {
                typed.pop();
                Some(Overlay::Search(typed))
            }
            (Overlay::Search(typed), Action::Submit) => {
                self.remember();
                self.run_search(&typed);
                None
            }
            (Overlay::Filter(mut typed), Action::Input(c)) => {
                typed.push(c);
                self.set_filter(&typed);
                Some(Overlay::Filter(typed))
            }
            (Overlay::Filter(mut typed), Action::Erase) => {
                typed.pop();
                self.set_filter(&typed);
                Some(Overlay::Filter(typed))
            }
            (Overlay::Filter(_), Action::Submit) => {
                self.focus = Pane::Meetings;
                None
            }
            (Overlay::Anything(mut a), Action::Input(c)) => {
                a.query.push(c);
                a.hits = super::nav::find_items(&self.items, &a.query);
                a.selected = 0;
                Some(Overlay::Anything(a))
            }
            (Overlay::Anything(mut a), Action::Erase) => {
                a.query.pop();
                a.hits = super::nav::find_items(&self.items, &a.query);
                a.selected = 0;
                Some(Overlay::Anything(a))
            }
            (
                Overlay::Anything(mut a),
                Action::Down | Action::Up | Action::PageDown | Action::PageUp,
            ) => {
                let step: isize = match action {
                    Action::Down => 1,
                    Action::Up => -1,
                    Action::PageDown => 10,
                    _ => -10,
                };
                a.selected = clamp(a.selected as isize + step, a.hits.len().saturating_sub(1));
                Some(Overlay::Anything(a))
            }
            (Overlay::Anything(a), Action::Submit | Action::Open) => match a.hits.get(a.selected) {
                Some(&(i, _)) => self.go_to_item(i),
                None => Some(Overlay::Anything(a)),
            },
            (_, Action::Back | Action::Quit | Action::Submit)
            | (Overlay::Help(_) | Overlay::Messages, Action::Help) => None,
            (overlay, _) => Some(overlay),
        }
    }

    /// The findings of the current meeting.
    pub fn findings_of_current(&self) -> &[Finding] {
        self.order
            .get(self.meeting)
            .and_then(|&i| self.findings.get(i))
            .map_or(&[], Vec::as_slice)
    }

    /// `Enter` on a finding: its § (when it has one), with its line brought into view.
    fn follow_finding(&mut self, sel: usize) {
        let Some(f) = self.findings_of_current().get(sel).cloned() else {
            return;
        };
        if let Some(n) = f.paragraph
            && let Some(i) = self
                .current()
                .and_then(|m| m.paragraphs.iter().position(|p| p.number == n))
        {
            self.para = i;
        }
        self.body_scroll = 0;
        self.jump_line = Some(f.line);
        self.focus = Pane::Body;
    }

    /// After a draw: scroll the body to the line a finding pointed at. Returns whether the
    /// screen must be drawn again.
    pub fn settle(&mut self) -> bool {
        let Some(line) = self.jump_line else {
            return false;
        };
        let row = self
            .metrics
            .body_rows
            .iter()
            .position(|&r| r != 0 && r >= line);
        let target = row.map_or(0, |r| r.saturating_sub(2));
        if target != self.body_scroll {
            self.body_scroll = target;
            return true;
        }
        false
    }

    fn toggle_reviewed(&mut self) {
        let Some(&i) = self.order.get(self.meeting) else {
            return;
        };
        let Some(number) = self.paragraph().map(|p| p.number) else {
            return;
        };
        let state = self.marks.toggle(&self.library.meetings[i], number);
        self.persist();
        if self.message.is_none() {
            let word = if state == crate::review::marks::State::Reviewed {
                self.lang.t("granskad", "reviewed")
            } else {
                self.lang.t("inte granskad", "not reviewed")
            };
            self.message = Some(format!("§ {number} {word}"));
        }
    }

    fn save_note(&mut self, note: &str) {
        let Some(&i) = self.order.get(self.meeting) else {
            return;
        };
        let Some(number) = self.paragraph().map(|p| p.number) else {
            return;
        };
        self.marks.set_note(&self.library.meetings[i], number, note);
        self.persist();
    }

    /// Writes the marks; a failure is shown, not fatal.
    fn persist(&mut self) {
        if let Some(store) = &self.store
            && let Err(e) = store.save(&self.marks)
        {
            self.message = Some(format!("{}: {e}", store.path.display()));
        }
    }

    /// Opens the meeting and § of the selected appearance on a person's page, with the
    /// person's name highlighted in the text.
    fn follow(&mut self, page: &PersonPage) {
        let Some(person) = self.people.people.get(page.person) else {
            return;
        };
        let Some(a) = page.appearance(person) else {
            return;
        };
        let Some(pos) = self
            .order
            .iter()
            .position(|&i| self.library.meetings[i].id == a.meeting)
        else {
            return;
        };
        self.meeting = pos;
        self.para = a
            .paragraph
            .and_then(|n| {
                self.current()
                    .and_then(|m| m.paragraphs.iter().position(|p| p.number == n))
            })
            .unwrap_or(0);
        self.body_scroll = 0;
        self.roster_sel = 0;
        let mut names = vec![person.name.clone()];
        names.extend(person.aliases.iter().cloned());
        if a.role == Role::Mentioned
            && let Some(first) = person.name.split_whitespace().next()
        {
            names.push(first.to_owned());
        }
        self.highlight = names;
        self.focus = if a.paragraph.is_some() {
            Pane::Body
        } else {
            Pane::Roster
        };
        if a.paragraph.is_none()
            && let Some(m) = self.current()
        {
            let order = roster_order(m);
            if let Some(i) = order
                .iter()
                .position(|&k| crate::fold::key(&m.attendees[k].name) == person.folded)
            {
                self.roster_sel = i;
            }
        }
    }

    /// `Enter` on a roster row: that person's page.
    fn open_roster_person(&mut self) {
        let Some(m) = self.current() else { return };
        let order = roster_order(m);
        let Some(&k) = order.get(self.roster_sel) else {
            return;
        };
        let folded = crate::fold::key(&m.attendees[k].name);
        if let Some(person) = self.people.people.iter().position(|p| p.folded == folded) {
            self.overlay = Some(Overlay::Person(PersonPage::new(&self.people, person, None)));
        }
    }

    /// Jumps to § `typed` of the current meeting and shows its text.
    fn goto(&mut self, typed: &str) {
        let Ok(n) = typed.parse::<u32>() else { return };
        let found = self
            .current()
            .and_then(|m| m.paragraphs.iter().position(|p| p.number == n));
        match found {
            Some(i) => {
                self.para = i;
                self.body_scroll = 0;
                self.focus = Pane::Body;
            }
            None => {
                self.message = Some(format!(
                    "§ {n} {}",
                    self.lang.t(s::NO_SUCH_PARAGRAPH.0, s::NO_SUCH_PARAGRAPH.1)
                ));
            }
        }
    }

    fn page(&self) -> isize {
        let rect = match self.focus {
            Pane::Meetings => self.metrics.meetings,
            Pane::Agenda => self.metrics.agenda,
            Pane::Body => self.metrics.body,
            Pane::Roster => self.metrics.roster,
        };
        rect.map_or(10, |r| (r.height.saturating_sub(3)).max(1) as isize)
    }

    fn move_by(&mut self, delta: isize) {
        match self.focus {
            Pane::Meetings => self.select_meeting(self.meeting as isize + delta),
            Pane::Agenda => self.select_paragraph(self.para as isize + delta),
            Pane::Body => {
                let max = self.metrics.body_lines.saturating_sub(1);
                self.body_scroll = clamp(self.body_scroll as isize + delta, max);
            }
            Pane::Roster => {
                let n = self.current().map_or(0, |m| m.attendees.len());
                self.roster_sel = clamp(self.roster_sel as isize + delta, n.saturating_sub(1));
            }
        }
    }

    fn select_meeting(&mut self, to: isize) {
        if self.order.is_empty() {
            return;
        }
        let to = clamp(to, self.order.len() - 1);
        if to != self.meeting {
            self.meeting = to;
            self.para = 0;
            self.body_scroll = 0;
            self.roster_sel = 0;
            self.highlight.clear();
            self.jump_line = None;
            self.link = None;
        }
    }

    fn select_paragraph(&mut self, to: isize) {
        let n = self.paragraph_count();
        if n == 0 {
            return;
        }
        let to = clamp(to, n - 1);
        if to != self.para {
            self.para = to;
            self.body_scroll = 0;
            self.highlight.clear();
            self.jump_line = None;
            self.link = None;
        }
    }

    fn pane_at(&self, x: u16, y: u16) -> Option<Pane> {
        let pos = Position { x, y };
        [
            (self.metrics.meetings, Pane::Meetings),
            (self.metrics.agenda, Pane::Agenda),
            (self.metrics.body, Pane::Body),
            (self.metrics.roster, Pane::Roster),
        ]
        .into_iter()
        .find_map(|(r, p)| r.filter(|r| r.contains(pos)).map(|_| p))
    }

    /// A click focuses the pane under it and, in a list, selects the row.
    fn click(&mut self, x: u16, y: u16) {
        if let Some(tabs) = self.metrics.tabs
            && tabs.contains(Position { x, y })
        {
            // The tab bar of the narrow layout: four equal labels.
            let i = usize::from((x - tabs.x) * 4 / tabs.width.max(1));
            self.focus = PANES[i.min(3)];
            return;
        }
        let Some(pane) = self.pane_at(x, y) else {
            return;
        };
        self.focus = pane;
        let rect = match pane {
            Pane::Meetings => self.metrics.meetings,
            Pane::Agenda => self.metrics.agenda,
            _ => None,
        };
        let Some(rect) = rect else { return };
        // Row 0 is the border; rows start at y + 1.
        if y <= rect.y {
            return;
        }
        let row = usize::from(y - rect.y - 1);
        match pane {
            Pane::Meetings => self.select_meeting((self.metrics.meetings_offset + row) as isize),
            Pane::Agenda => self.select_paragraph((self.metrics.agenda_offset + row) as isize),
            _ => {}
        }
    }
}

/// The roster in display order, as indices into `attendees`: members present, substitutes,
/// staff, guests, then everyone absent.
pub fn roster_order(m: &Meeting) -> Vec<usize> {
    let rank = |a: &crate::model::Attendee| match (a.present, a.group) {
        (false, _) => 4,
        (true, Group::Member) => 0,
        (true, Group::Substitute) => 1,
        (true, Group::Staff) => 2,
        (true, Group::Guest) => 3,
    };
    let mut order: Vec<usize> = (0..m.attendees.len()).collect();
    order.sort_by_key(|&i| rank(&m.attendees[i]));
    order
}

fn clamp(v: isize, max: usize) -> usize {
    v.clamp(0, max as isize) as usize
}
