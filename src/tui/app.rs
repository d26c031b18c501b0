//! The UI's state and the one function that changes it, [`App::update`]. Input becomes
//! [`Action`]s (see `keys.rs` and `mod.rs`); tests drive the app by sending actions and reading
//! the state, without a terminal.

use std::path::PathBuf;

use ratatui::layout::{Position, Rect};

use super::body::{RowLines, row_has};
use super::edit::{Edit, LineEdit};
use super::finder::{FinderState, PersonPage};
use super::nav::{AnythingState, Item, Place, SearchState};
use crate::lang::{self as s, Lang};
use crate::model::{Diagnostic, Group, Library, Meeting, Paragraph};
use crate::people::{self, People, Role};
use crate::review::Finding;
use crate::review::marks::{Marks, Store};

/// The panes. `Hits` is the list of search hits, shown while a search has hits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Meetings,
    Agenda,
    Body,
    Roster,
    Hits,
}

/// The four panes of the tab bar and of `Tab`, in order.
pub const PANES: [Pane; 4] = [Pane::Meetings, Pane::Agenda, Pane::Body, Pane::Roster];

/// Rows kept above a search hit or a finding when it is brought into view.
pub const CONTEXT_ROWS: usize = 3;

/// A layer over the panes that takes the keys while it is open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    /// The help, scrolled by this many rows.
    Help(usize),
    Messages,
    /// The `:` prompt.
    Goto(LineEdit),
    /// The `@` person finder.
    Finder(FinderState),
    /// A person's page.
    Person(PersonPage),
    /// The review findings of the current meeting, with the selected row.
    Findings(usize),
    /// The reason for accepting the selected finding (`a` in the findings list), over the list.
    Accept(usize, LineEdit),
    /// The note editor (`a`).
    Note(LineEdit),
    /// The search prompt (`/`).
    Search(LineEdit),
    /// The meeting-list filter prompt (`f`), and the filter before it opened (`Esc` restores it).
    Filter(LineEdit, String),
    /// Find anything (`Ctrl-P`).
    Anything(AnythingState),
    /// The meeting's own page (`i`), scrolled by this many rows.
    Meeting(usize),
}

impl Overlay {
    /// Whether this overlay is a line being typed, where letters are text, not commands.
    pub fn is_prompt(&self) -> bool {
        matches!(
            self,
            Overlay::Goto(_)
                | Overlay::Finder(_)
                | Overlay::Note(_)
                | Overlay::Accept(..)
                | Overlay::Search(_)
                | Overlay::Filter(..)
                | Overlay::Anything(_)
        )
    }
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
    /// Open the selected item: a meeting shows its agenda, a § its text, a hit its place.
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
    /// Mark the current § reviewed (and go to the next unreviewed one), or not reviewed.
    ToggleReviewed,
    /// Go to the next § not yet reviewed.
    NextUnreviewed,
    /// Go to the next review finding of the meeting, in the order of the text.
    NextFinding,
    /// Go to the previous review finding.
    PrevFinding,
    /// Add or edit the note on the current §; in the findings list, accept the selected
    /// finding with a reason (or change or take back the reason).
    Note,
    /// Show the meeting's own page: header, officers, justering, notice, progress, findings.
    MeetingPage,
    /// Open the protocol in the user's editor at the current § or finding.
    OpenEditor,
    /// Copy the § reference and text to the clipboard.
    CopyParagraph,
    /// Copy the § reference only.
    CopyReference,
    /// Show or hide source line numbers in the paragraph pane.
    LineNumbers,
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
    /// An edit of the line being typed in a prompt.
    Edit(Edit),
    /// Enter in a prompt.
    Submit,
    /// A mouse click at a screen position.
    Click(u16, u16),
    /// The mouse wheel, down (`true`) or up, at a screen position.
    Wheel(bool, u16, u16),
}

/// What the app asks of the terminal, which only the event loop can do: it takes the effect
/// after `update` and performs it (see `tui::run`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Suspend the UI, run `command` (the editor at a line of `path`), then read `path` again.
    Edit {
        command: Vec<String>,
        path: PathBuf,
        name: String,
    },
    /// Put text on the clipboard with OSC 52.
    Copy(String),
}

/// How far loading has come, while the library loads in the background.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LoadState {
    pub done: usize,
    pub total: usize,
    /// The file read last.
    pub current: String,
}

/// How far reading scans by OCR has come, while it runs in the background after loading.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OcrState {
    /// Scans read, and in all.
    pub done: usize,
    pub total: usize,
    /// The scan being read, with its pages read and in all.
    pub current: String,
    pub page: usize,
    pub pages: usize,
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
    /// The source lines of each row drawn in the body (`(0, 0)` for rows of our own).
    pub body_rows: Vec<RowLines>,
    pub hits: Option<Rect>,
    pub hits_offset: usize,
    /// How far the open help or meeting page can scroll.
    pub overlay_max: usize,
    pub roster_lines: usize,
}

/// The whole state of the UI.
pub struct App {
    pub lang: Lang,
    pub library: Library,
    /// The files and folders the library is read from (empty for the bundled samples), to say
    /// what is true when nothing loads.
    pub sources: Vec<PathBuf>,
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
    /// Files that could not be read or gave no meeting (folders with a message are not files).
    pub skipped: usize,
    /// Files read so far and in all, while the library loads.
    pub loading: Option<LoadState>,
    /// How far scans have been read by OCR, while that runs in the background.
    pub ocr: Option<OcrState>,
    pub quit: bool,
    pub metrics: Metrics,
    pub people: People,
    pub(super) finder: people::Finder,
    /// Names to highlight in the body, after following a person's appearance.
    pub highlight: Vec<String>,
    /// A source line marked in the body (after following a finding or a search hit).
    pub jump_line: Option<u32>,
    /// A source line to bring into view after the next draw, which knows where it is.
    pub scroll_to: Option<u32>,
    /// Review findings per meeting (by index into `library.meetings`), errors first, then
    /// warnings, then information, each by line.
    pub findings: Vec<Vec<Finding>>,
    /// Source line numbers in the paragraph pane (`#`).
    pub line_numbers: bool,
    /// What the event loop is asked to do next (run the editor, copy).
    pub effect: Option<Effect>,
    /// The editor `e` runs: `$VISUAL`, else `$EDITOR`, else `vi`.
    pub editor: String,
    /// How many actions the user has taken: until the first, the newest meeting stays selected
    /// as meetings arrive while the library loads.
    pub(super) actions: usize,
    /// The finding `>` / `<` showed last, by its place in the meeting's findings by line.
    pub(super) last_finding: Option<usize>,
    /// How many meetings the people index was built from: while the library loads it lags
    /// behind, and is built again when next needed.
    pub(super) people_of: usize,
    /// The ids taken while the library loads, so each batch of meetings is made unique
    /// against them without going over the library again.
    pub(super) loading_ids: std::collections::HashSet<String>,
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
            sources: Vec::new(),
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
            skipped: 0,
            loading: None,
            ocr: None,
            quit: false,
            metrics: Metrics {
                width: 160,
                ..Metrics::default()
            },
            people: People::default(),
            finder: people::Finder::default(),
            highlight: Vec::new(),
            jump_line: None,
            scroll_to: None,
            findings: Vec::new(),
            line_numbers: false,
            effect: None,
            editor: super::external::editor_from_env(),
            people_of: 0,
            loading_ids: std::collections::HashSet::new(),
            last_finding: None,
            actions: 0,
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

    /// The panes that can take the focus at the current width. From 80 to 119 columns the
    /// roster, when opened (`r`), takes the place of the meeting list and agenda, so the
    /// paragraph keeps room to be read.
    pub fn visible_panes(&self) -> Vec<Pane> {
        let w = self.metrics.width;
        let medium = (80..120).contains(&w);
        let mut panes: Vec<Pane> = PANES
            .into_iter()
            .filter(|p| match p {
                Pane::Roster => !medium || self.roster_open,
                Pane::Meetings | Pane::Agenda => !(medium && self.roster_open),
                _ => true,
            })
            .collect();
        if self.search.as_ref().is_some_and(|s| !s.hits.is_empty()) {
            panes.push(Pane::Hits);
        }
        panes
    }

    /// Applies one action.
    pub fn update(&mut self, action: Action) {
        self.message = None;
        self.actions += 1;
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
                Pane::Hits => self.open_selected_hit(),
            },
            Action::NextParagraph => self.select_paragraph(self.para as isize + 1),
            Action::PrevParagraph => self.select_paragraph(self.para as isize - 1),
            Action::NextMeeting => self.select_meeting(self.meeting as isize + 1),
            Action::PrevMeeting => self.select_meeting(self.meeting as isize - 1),
            Action::Goto => self.overlay = Some(Overlay::Goto(LineEdit::new())),
            Action::Findings => self.overlay = Some(Overlay::Findings(0)),
            Action::Search => {
                let last = self.search.as_ref().map_or("", |s| s.query.as_str());
                self.overlay = Some(Overlay::Search(LineEdit::selected(last)));
            }
            Action::NextHit => self.step_hit(1),
            Action::PrevHit => self.step_hit(-1),
            Action::NextLink => self.step_link(1),
            Action::PrevLink => self.step_link(-1),
            Action::HistoryBack => self.history(true),
            Action::HistoryForward => self.history(false),
            Action::FindAnything => self.open_anything(),
            Action::Filter => {
                self.overlay = Some(Overlay::Filter(
                    LineEdit::selected(&self.filter),
                    self.filter.clone(),
                ));
            }
            Action::ToggleReviewed => self.toggle_reviewed(),
            Action::NextUnreviewed => self.next_unreviewed(),
            Action::NextFinding => self.step_finding(1),
            Action::PrevFinding => self.step_finding(-1),
            Action::MeetingPage => {
                if self.current().is_some() {
                    self.overlay = Some(Overlay::Meeting(0));
                }
            }
            Action::OpenEditor => self.open_editor(),
            Action::CopyParagraph => self.copy(true),
            Action::CopyReference => self.copy(false),
            Action::LineNumbers => self.line_numbers = !self.line_numbers,
            Action::Note => {
                if let (Some(m), Some(p)) = (self.current(), self.paragraph()) {
                    let note = self.marks.note(m, p.number).unwrap_or("");
                    self.overlay = Some(Overlay::Note(LineEdit::with(note)));
                }
            }
            Action::FindPerson => {
                self.ensure_people();
                let mut f = FinderState::default();
                f.refresh(&self.finder, &self.people);
                self.overlay = Some(Overlay::Finder(f));
            }
            Action::ToggleRoster => {
                self.roster_open = !self.roster_open;
                let panes = self.visible_panes();
                if !panes.contains(&self.focus) {
                    self.focus = if panes.contains(&Pane::Roster) {
                        Pane::Roster
                    } else {
                        Pane::Body
                    };
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
                // Esc with nothing open clears what the body shows marked; with nothing marked,
                // or nothing listed, the meeting filter.
                let marked = self.search.is_some()
                    || self.link.is_some()
                    || !self.highlight.is_empty()
                    || self.jump_line.is_some();
                if (!marked || self.order.is_empty()) && !self.filter.is_empty() {
                    self.set_filter("");
                }
                self.search = None;
                self.link = None;
                self.highlight.clear();
                self.jump_line = None;
                if self.focus == Pane::Hits {
                    self.focus = Pane::Body;
                }
            }
            Action::Edit(_) | Action::Submit => {}
        }
    }

    /// Marks every meeting's findings accepted or not, as the review marks say; after the
    /// findings or the marks were replaced.
    pub fn settle_findings(&mut self) {
        for (m, fs) in self.library.meetings.iter().zip(&mut self.findings) {
            crate::review::settle(fs, &self.marks, m);
        }
    }

    /// The findings of the current meeting, errors first.
    pub fn findings_of_current(&self) -> &[Finding] {
        self.order
            .get(self.meeting)
            .and_then(|&i| self.findings.get(i))
            .map_or(&[], Vec::as_slice)
    }

    /// After a draw, which knows where each source line landed: brings the line asked for
    /// into view, with [`CONTEXT_ROWS`] above it, unless it is in view already. Returns whether
    /// the screen must be drawn again. It acts once per request, so the pane scrolls freely
    /// afterwards.
    pub fn settle(&mut self) -> bool {
        let Some(line) = self.scroll_to.take() else {
            return false;
        };
        let Some(row) = self
            .metrics
            .body_rows
            .iter()
            .position(|r| row_has(*r, line))
        else {
            return false;
        };
        let height = self
            .metrics
            .body
            .map_or(10, |b| usize::from(b.height.saturating_sub(2)));
        let top = row.saturating_sub(CONTEXT_ROWS);
        let bottom = row + 1;
        if top < self.body_scroll || bottom > self.body_scroll + height {
            self.body_scroll = top;
            return true;
        }
        false
    }

    /// Opens the meeting and § of the selected appearance on a person's page, with the
    /// person's name highlighted in the text.
    pub(super) fn follow(&mut self, page: &PersonPage) {
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
        // The people index is made when first asked for.
        self.ensure_people();
        if let Some(person) = self.people.people.iter().position(|p| p.folded == folded) {
            self.overlay = Some(Overlay::Person(PersonPage::new(&self.people, person, None)));
        }
    }

    /// Jumps to § `typed` of the current meeting and shows its text.
    pub(super) fn goto(&mut self, typed: &str) {
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
            Pane::Hits => self.metrics.hits,
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
            Pane::Hits => self.move_hit_selection(delta),
        }
    }

    pub(super) fn select_meeting(&mut self, to: isize) {
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
            self.scroll_to = None;
            self.last_finding = None;
            self.link = None;
        }
    }

    pub(super) fn select_paragraph(&mut self, to: isize) {
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
            self.scroll_to = None;
            self.last_finding = None;
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
            (self.metrics.hits, Pane::Hits),
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
            Pane::Hits => self.metrics.hits,
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
            Pane::Hits => {
                let at = self.metrics.hits_offset + row;
                let selected = self.search.as_ref().map_or(0, |s| s.selected);
                self.move_hit_selection(at as isize - selected as isize);
            }
            _ => {}
        }
    }
}

/// The findings of a meeting in the order the findings list shows them: errors first, then
/// warnings, then information; by line within each.
pub fn sorted_findings(m: &Meeting, lang: Lang) -> Vec<Finding> {
    let mut f = crate::review::check(m, lang);
    crate::review::by_severity(&mut f);
    f
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
