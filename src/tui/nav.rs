//! Moving around the library: full-text search and its hits (`/`, `n`, `N`), cross-references
//! (`l`, `L`, `Enter`) with a browser-like history (`Backspace`/`Ctrl-O` back, `Ctrl-F`
//! forward), "find anything" (`Ctrl-P`) and the meeting-list filter (`f`). State lives here;
//! the changes are methods on [`App`], called from `App::update`.

use super::app::{App, Overlay, Pane};
use super::body::row_has;
use super::edit::LineEdit;
use super::text::meeting_label;
use crate::fold::fold;
use crate::lang as s;
use crate::search::{Hit, Term};

/// A search that has been run: its terms (for highlighting), hits, the hit shown (walked with
/// `n` / `N`) and the row selected in the list of hits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchState {
    pub query: String,
    pub terms: Vec<Term>,
    pub hits: Vec<Hit>,
    pub current: Option<usize>,
    pub selected: usize,
}

/// Where the reader was: a meeting, a § and how far down.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub meeting: String,
    pub para: usize,
    pub scroll: usize,
}

/// What "find anything" can go to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Meeting(usize),
    Paragraph(usize, u32),
    Person(usize),
}

/// One entry of "find anything": its label as shown, folded for matching, and where it goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub label: String,
    pub folded: String,
    pub target: Target,
}

/// The `Ctrl-P` overlay: what has been typed, matching items best first, the highlighted one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AnythingState {
    pub query: LineEdit,
    /// (index into the items, matched character positions).
    pub hits: Vec<(usize, Vec<usize>)>,
    pub selected: usize,
}

/// Every meeting, § and person as an item: the whole library, newest meeting first, whatever
/// the meeting list is filtered to.
pub fn items(app: &App) -> Vec<Item> {
    let mut out = Vec::new();
    let mut all: Vec<usize> = (0..app.library.meetings.len()).collect();
    all.sort_by(|&a, &b| {
        let (ma, mb) = (&app.library.meetings[a], &app.library.meetings[b]);
        mb.date.cmp(&ma.date).then_with(|| ma.id.cmp(&mb.id))
    });
    for i in all {
        let m = &app.library.meetings[i];
        let head = meeting_label(m);
        out.push(item(&head, Target::Meeting(i)));
        for p in &m.paragraphs {
            out.push(item(
                &format!("{} {} · {head}", m.item_mark(p.number), p.title),
                Target::Paragraph(i, p.number),
            ));
        }
    }
    for (i, p) in app.people.people.iter().enumerate() {
        out.push(item(&p.name, Target::Person(i)));
    }
    out
}

fn item(label: &str, target: Target) -> Item {
    let label = super::text::clean(label).into_owned();
    Item {
        folded: fold(&label),
        label,
        target,
    }
}

/// How well one query word matches a label, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Fit {
    /// Its letters in order inside one word, from the word's first letter ("lvgrn").
    InWord,
    /// Inside a word.
    Inside,
    /// The start of a word.
    Prefix,
    /// A whole word.
    Word,
}

/// The words of a folded label, as character ranges. A word is a run of letters, digits and
/// the `-` `:` `/` inside dates, times and ids.
fn word_ranges(chars: &[char]) -> Vec<(usize, usize)> {
    let is_word = |c: char| c.is_alphanumeric() || matches!(c, '-' | ':' | '/');
    let mut out = Vec::new();
    let mut start = None;
    for (i, &c) in chars.iter().enumerate() {
        match (is_word(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, chars.len()));
    }
    out
}

/// Where query word `w` fits in the label, and the characters it covers.
fn fit(chars: &[char], words: &[(usize, usize)], w: &[char]) -> Option<(Fit, Vec<usize>)> {
    let mut best: Option<(Fit, Vec<usize>)> = None;
    let mut offer = |f: Fit, idx: Vec<usize>| {
        if best.as_ref().is_none_or(|(b, _)| f > *b) {
            best = Some((f, idx));
        }
    };
    for &(a, b) in words {
        let word = &chars[a..b];
        if word == w {
            offer(Fit::Word, (a..b).collect());
        } else if word.starts_with(w) {
            offer(Fit::Prefix, (a..a + w.len()).collect());
        } else if let Some(k) = word.windows(w.len().max(1)).position(|x| x == w) {
            offer(Fit::Inside, (a + k..a + k + w.len()).collect());
        } else if word.first() == w.first() {
            let mut idx = Vec::new();
            let mut rest = w.iter().peekable();
            for (k, c) in word.iter().enumerate() {
                if rest.peek() == Some(&c) {
                    idx.push(a + k);
                    rest.next();
                }
            }
            if rest.peek().is_none() {
                offer(Fit::InWord, idx);
            }
        }
    }
    best
}

/// Items matching `query`, best first: every word of the query must fit one word of the item —
/// as that word, its start, inside it, or as its letters in order from its first — never as
/// letters scattered over a long title. Whole words rank above starts above the rest; on equal
/// fits the shorter label (a person's name before a § that mentions it), then library order.
pub fn find_items(items: &[Item], query: &str) -> Vec<(usize, Vec<usize>)> {
    let q = fold(query.trim());
    if q.is_empty() {
        return (0..items.len().min(500)).map(|i| (i, Vec::new())).collect();
    }
    let needles: Vec<Vec<char>> = q.split_whitespace().map(|w| w.chars().collect()).collect();
    let mut scored: Vec<(Vec<Fit>, usize, usize, Vec<usize>)> = Vec::new();
    for (i, it) in items.iter().enumerate() {
        let chars: Vec<char> = it.folded.chars().collect();
        let words = word_ranges(&chars);
        let mut fits = Vec::with_capacity(needles.len());
        let mut idx = Vec::new();
        for w in &needles {
            let Some((f, k)) = fit(&chars, &words, w) else {
                break;
            };
            fits.push(f);
            idx.extend(k);
        }
        if fits.len() < needles.len() {
            continue;
        }
        fits.sort_unstable();
        idx.sort_unstable();
        idx.dedup();
        scored.push((fits, chars.len(), i, idx));
    }
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    scored.into_iter().map(|(_, _, i, idx)| (i, idx)).collect()
}

impl App {
    /// The label of item `i` of "find anything", as shown.
    pub fn items_label(&self, i: usize) -> &str {
        self.items.get(i).map_or("", |it| it.label.as_str())
    }

    /// Runs a search over the whole library and goes to its first hit.
    pub fn run_search(&mut self, query: &str) {
        let query = query.trim();
        if self.focus == Pane::Hits {
            self.focus = Pane::Body;
        }
        if query.is_empty() {
            self.search = None;
            return;
        }
        let library = &self.library;
        let index = self
            .search_index
            .get_or_insert_with(|| crate::search::Index::new(library));
        let hits = index.search(&library.meetings, query);
        let terms = crate::search::parse_query(query);
        let none = hits.is_empty();
        self.search = Some(SearchState {
            query: query.to_owned(),
            terms,
            hits,
            current: None,
            selected: 0,
        });
        if none {
            self.message = Some(format!(
                "{}: {}",
                self.lang.pick(s::NO_HITS),
                super::text::clean(query)
            ));
        } else {
            self.step_hit(1);
            let n = self.search.as_ref().map_or(0, |s| s.hits.len());
            self.message = Some(format!(
                "{} · {}",
                self.lang.count(n, s::HIT_N),
                self.lang.pick(s::HITS_HINT)
            ));
        }
    }

    /// The next (`1`) or previous (`-1`) hit, across § and meetings, in library order; from
    /// the last to the first (or back) with "search wrapped" said.
    pub fn step_hit(&mut self, dir: isize) {
        let Some(search) = &self.search else { return };
        let n = search.hits.len();
        if n == 0 {
            return;
        }
        let (next, wrapped) = match search.current {
            None => (0, false),
            Some(c) => {
                let to = c as isize + dir;
                (
                    to.rem_euclid(n as isize) as usize,
                    to < 0 || to >= n as isize,
                )
            }
        };
        self.show_hit(next);
        if wrapped {
            self.message = Some(self.lang.pick(s::SEARCH_WRAPPED).to_owned());
        }
    }

    /// Shows hit `k` of the search and selects it in the list of hits.
    fn show_hit(&mut self, k: usize) {
        let Some(hit) = self.search.as_ref().and_then(|s| s.hits.get(k)).cloned() else {
            return;
        };
        if let Some(s) = &mut self.search {
            s.current = Some(k);
            s.selected = k;
        }
        self.go(hit.meeting_index, hit.paragraph, Some(hit.line));
    }

    /// Moves the selection in the list of hits (the list pane has the focus).
    pub(super) fn move_hit_selection(&mut self, delta: isize) {
        if let Some(s) = &mut self.search {
            let max = s.hits.len().saturating_sub(1);
            s.selected = s.selected.saturating_add_signed(delta).min(max);
        }
    }

    /// `Enter` in the list of hits: shows the selected hit.
    pub(super) fn open_selected_hit(&mut self) {
        let Some(k) = self.search.as_ref().map(|s| s.selected) else {
            return;
        };
        self.remember();
        self.show_hit(k);
    }

    /// Shows meeting `mi` at § `number` (or the roster, for a line outside any §), with `line`
    /// brought into view.
    pub(super) fn go(&mut self, mi: usize, number: Option<u32>, line: Option<u32>) {
        if let Some(pos) = self.order.iter().position(|&i| i == mi) {
            self.meeting = pos;
        } else {
            // Filtered out of the list: show every meeting again rather than hide the target.
            self.set_filter("");
            self.meeting = self.order.iter().position(|&i| i == mi).unwrap_or(0);
        }
        let m = &self.library.meetings[mi];
        self.para = number
            .and_then(|n| m.paragraphs.iter().position(|p| p.number == n))
            .unwrap_or(0);
        self.body_scroll = 0;
        self.link = None;
        self.highlight.clear();
        self.jump_line = line;
        self.scroll_to = line;
        self.last_finding = None;
        self.focus = Pane::Body;
        if let (None, Some(line)) = (number, line) {
            self.show_outside_paragraphs(mi, line);
        }
    }

    /// A line outside any § (header, roster): the roster row it belongs to, selected and shown
    /// (opening the roster where it is folded away), else the line itself in the status line.
    fn show_outside_paragraphs(&mut self, mi: usize, line: u32) {
        let m = &self.library.meetings[mi];
        let row = super::app::roster_order(m)
            .iter()
            .position(|&k| m.attendees[k].line == line);
        if let Some(row) = row {
            self.roster_sel = row;
            self.focus = Pane::Roster;
            if !self.visible_panes().contains(&Pane::Roster) {
                self.roster_open = true;
            }
            return;
        }
        if let Some(text) = m.lines.iter().find(|l| l.number == line) {
            self.message = Some(format!(
                "{}: {}",
                s::line_label(self.lang, line),
                super::text::clean(text.text.trim())
            ));
        }
    }

    /// References of the current §, in the order they are drawn, with their source lines.
    pub fn links(&self) -> Vec<(crate::refs::Ref, u32)> {
        let Some(p) = self.paragraph() else {
            return Vec::new();
        };
        super::text::reflow_numbered(&p.text, &p.text_lines)
            .iter()
            .flat_map(|(l, n)| {
                crate::refs::scan(&super::text::expand_tabs(l))
                    .into_iter()
                    .map(move |r| (r, *n))
            })
            .collect()
    }

    /// Selects the next (`1`) or previous (`-1`) reference in the body.
    pub fn step_link(&mut self, dir: isize) {
        let n = self.links().len();
        if n == 0 {
            self.message = Some(self.lang.pick(s::NO_REFERENCES).to_owned());
            return;
        }
        let k = match self.link {
            None if dir > 0 => 0,
            None => n - 1,
            Some(k) => (k as isize + dir).rem_euclid(n as isize) as usize,
        };
        self.link = Some(k);
        self.focus = Pane::Body;
        // Bring the reference into view (without marking its line: the link is marked).
        let line = self.links()[k].1;
        if let Some(row) = self
            .metrics
            .body_rows
            .iter()
            .position(|r| row_has(*r, line))
        {
            let height = self
                .metrics
                .body
                .map_or(10, |b| usize::from(b.height.saturating_sub(2)));
            if row < self.body_scroll || row >= self.body_scroll + height {
                self.body_scroll = row.saturating_sub(2);
            }
        }
    }

    /// Follows the selected reference: a § of this meeting, or of the meeting of the same body
    /// on the date the text names.
    pub fn follow_link(&mut self) {
        let Some(k) = self.link else { return };
        let Some((r, _)) = self.links().get(k).cloned() else {
            return;
        };
        let Some(&here) = self.order.get(self.meeting) else {
            return;
        };
        let target = match r.date {
            None => Some(here),
            Some(d) => {
                let this = &self.library.meetings[here];
                let date = d.to_string();
                self.library.meetings.iter().position(|m| {
                    m.date.as_deref() == Some(date.as_str())
                        && m.body == this.body
                        && m.organization == this.organization
                })
            }
        };
        let Some(mi) = target else {
            self.message = Some(format!(
                "{} {}",
                self.lang.pick(s::MEETING_NOT_LOADED),
                r.date.map(|d| d.to_string()).unwrap_or_default()
            ));
            return;
        };
        if !self.library.meetings[mi]
            .paragraphs
            .iter()
            .any(|p| p.number == r.number)
        {
            self.message = Some(format!(
                "§ {} {}",
                r.number,
                self.lang.pick(s::NO_SUCH_PARAGRAPH)
            ));
            return;
        }
        self.remember();
        self.go(mi, Some(r.number), None);
    }

    fn place(&self) -> Option<Place> {
        Some(Place {
            meeting: self.current()?.id.clone(),
            para: self.para,
            scroll: self.body_scroll,
        })
    }

    /// Pushes where the reader is onto the history, before a jump.
    pub(super) fn remember(&mut self) {
        if let Some(p) = self.place() {
            self.back.push(p);
            self.forward.clear();
        }
    }

    /// Goes back (`true`) or forward in the history.
    pub fn history(&mut self, back: bool) {
        let popped = if back {
            self.back.pop()
        } else {
            self.forward.pop()
        };
        let Some(to) = popped else { return };
        if let Some(here) = self.place() {
            if back {
                self.forward.push(here);
            } else {
                self.back.push(here);
            }
        }
        if let Some(mi) = self
            .library
            .meetings
            .iter()
            .position(|m| m.id == to.meeting)
        {
            self.go(mi, None, None);
            self.para = to.para;
            self.body_scroll = to.scroll;
        }
    }

    /// Filters the meeting list: every word must occur in the meeting's date, body,
    /// organisation or id (case and å ä ö ignored).
    pub fn set_filter(&mut self, filter: &str) {
        let keep = self.current().map(|m| m.id.clone());
        let mut order = self.filtered(0..self.library.meetings.len(), filter);
        self.sort_order(&mut order);
        self.order = order;
        filter.trim().clone_into(&mut self.filter);
        let kept = keep.and_then(|id| {
            self.order
                .iter()
                .position(|&i| self.library.meetings[i].id == id)
        });
        self.meeting = kept.unwrap_or(0);
        if kept.is_none() {
            self.para = 0;
            self.body_scroll = 0;
        }
    }

    /// The meetings among `range` (indexes in the library) that `filter` lets through.
    pub(super) fn filtered(&self, range: std::ops::Range<usize>, filter: &str) -> Vec<usize> {
        let words: Vec<String> = fold(filter).split_whitespace().map(str::to_owned).collect();
        range
            .filter(|&i| {
                if words.is_empty() {
                    return true;
                }
                let m = &self.library.meetings[i];
                let hay = fold(&format!(
                    "{} {} {} {}",
                    m.date.as_deref().unwrap_or(""),
                    m.body.as_deref().unwrap_or(""),
                    m.organization.as_deref().unwrap_or(""),
                    m.id
                ));
                words.iter().all(|w| hay.contains(w.as_str()))
            })
            .collect()
    }

    /// Sorts meetings as the list shows them: newest first, then by id. A sorted list with
    /// meetings appended is two runs, which the sort merges in one pass.
    pub(super) fn sort_order(&self, order: &mut [usize]) {
        order.sort_by(|&a, &b| {
            let (ma, mb) = (&self.library.meetings[a], &self.library.meetings[b]);
            mb.date.cmp(&ma.date).then_with(|| ma.id.cmp(&mb.id))
        });
    }

    /// Opens "find anything".
    pub fn open_anything(&mut self) {
        self.ensure_people();
        if self.items.is_empty() {
            self.items = items(self);
        }
        let hits = find_items(&self.items, "");
        self.overlay = Some(Overlay::Anything(AnythingState {
            query: LineEdit::new(),
            hits,
            selected: 0,
        }));
    }

    /// Goes to an item of "find anything".
    pub fn go_to_item(&mut self, i: usize) -> Option<Overlay> {
        let target = self.items.get(i)?.target;
        self.remember();
        match target {
            Target::Meeting(mi) => {
                self.go(mi, None, None);
                self.focus = Pane::Agenda;
                None
            }
            Target::Paragraph(mi, n) => {
                self.go(mi, Some(n), None);
                None
            }
            Target::Person(p) => Some(Overlay::Person(super::finder::PersonPage::new(
                &self.people,
                p,
                None,
            ))),
        }
    }
}
