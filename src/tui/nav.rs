//! Moving around the library: full-text search and its hits (`/`, `n`, `N`), cross-references
//! (`l`, `L`, `Enter`) with a browser-like history (`Backspace`/`Ctrl-O` back, `Ctrl-F`
//! forward), "find anything" (`Ctrl-P`) and the meeting-list filter (`f`). State lives here;
//! the changes are methods on [`App`], called from `App::update`.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use super::app::{App, Overlay, Pane};
use crate::fold::fold;
use crate::search::{Hit, Term};

/// A search that has been run: its terms (for highlighting), hits, and the current hit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchState {
    pub query: String,
    pub terms: Vec<Term>,
    pub hits: Vec<Hit>,
    pub current: Option<usize>,
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
    pub query: String,
    /// (index into the items, matched character positions).
    pub hits: Vec<(usize, Vec<usize>)>,
    pub selected: usize,
}

/// Every meeting, § and person as an item.
pub fn items(app: &App) -> Vec<Item> {
    let mut out = Vec::new();
    for &i in &app.order {
        let m = &app.library.meetings[i];
        let head = format!(
            "{} {}",
            m.date.as_deref().unwrap_or(""),
            m.body.as_deref().unwrap_or(&m.id)
        );
        let org = m
            .organization
            .as_deref()
            .map(|o| format!(" · {o}"))
            .unwrap_or_default();
        out.push(item(format!("{head}{org}"), Target::Meeting(i)));
        for p in &m.paragraphs {
            out.push(item(
                format!("§ {} {} · {head}", p.number, p.title),
                Target::Paragraph(i, p.number),
            ));
        }
    }
    for (i, p) in app.people.people.iter().enumerate() {
        out.push(item(p.name.clone(), Target::Person(i)));
    }
    out
}

fn item(label: String, target: Target) -> Item {
    Item {
        folded: fold(&label),
        label,
        target,
    }
}

/// Items matching `query`, best first; meetings and § before people on equal scores.
pub fn find_items(items: &[Item], query: &str) -> Vec<(usize, Vec<usize>)> {
    let q = fold(query.trim());
    if q.is_empty() {
        return (0..items.len().min(500)).map(|i| (i, Vec::new())).collect();
    }
    let matcher = SkimMatcherV2::default();
    let needle: Vec<char> = q.chars().filter(|c| *c != ' ').collect();
    let mut scored: Vec<(i64, usize, Vec<usize>)> = Vec::new();
    for (i, it) in items.iter().enumerate() {
        let mut rest = needle.iter().peekable();
        for c in it.folded.chars() {
            if rest.peek() == Some(&&c) {
                rest.next();
            }
        }
        if rest.peek().is_some() {
            continue;
        }
        if let Some((score, idx)) = matcher.fuzzy_indices(&it.folded, &q) {
            scored.push((score, i, idx));
        }
    }
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    scored.into_iter().map(|(_, i, idx)| (i, idx)).collect()
}

impl App {
    /// Runs a search over the whole library and goes to its first hit.
    pub fn run_search(&mut self, query: &str) {
        let query = query.trim();
        if query.is_empty() {
            self.search = None;
            return;
        }
        let index = self
            .search_index
            .get_or_insert_with(|| crate::search::Index::new(&self.library));
        let hits = index.search(query);
        let terms = crate::search::parse_query(query);
        let none = hits.is_empty();
        self.search = Some(SearchState {
            query: query.to_owned(),
            terms,
            hits,
            current: None,
        });
        if none {
            self.message = Some(format!(
                "{}: {query}",
                self.lang.t("Inga träffar", "No hits")
            ));
        } else {
            self.step_hit(1);
        }
    }

    /// The next (`1`) or previous (`-1`) hit, across § and meetings, in library order.
    pub fn step_hit(&mut self, dir: isize) {
        let Some(search) = &self.search else { return };
        let n = search.hits.len();
        if n == 0 {
            return;
        }
        let next = match search.current {
            None => 0,
            Some(c) => (c as isize + dir).rem_euclid(n as isize) as usize,
        };
        let hit = search.hits[next].clone();
        if let Some(s) = &mut self.search {
            s.current = Some(next);
        }
        self.go(hit.meeting_index, hit.paragraph, Some(hit.line));
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
        self.focus = if number.is_some() || line.is_none() {
            Pane::Body
        } else {
            Pane::Roster
        };
    }

    /// References of the current §, in the order they are drawn, with their source lines.
    pub fn links(&self) -> Vec<(crate::refs::Ref, u32)> {
        let Some(p) = self.paragraph() else {
            return Vec::new();
        };
        super::view::reflow_numbered(&p.text, &p.text_lines)
            .iter()
            .flat_map(|(l, n)| {
                crate::refs::scan(&super::view::expand_tabs(l))
                    .into_iter()
                    .map(move |r| (r, *n))
            })
            .collect()
    }

    /// Selects the next (`1`) or previous (`-1`) reference in the body.
    pub fn step_link(&mut self, dir: isize) {
        let n = self.links().len();
        if n == 0 {
            self.message = Some(
                self.lang
                    .t("Inga hänvisningar i §", "No references in this §")
                    .to_owned(),
            );
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
            .position(|&r| r != 0 && r >= line)
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
                self.lang
                    .t("Mötet är inte inläst:", "That meeting is not loaded:"),
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
                self.lang
                    .t("finns inte i protokollet", "is not in this protocol")
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
        let words: Vec<String> = fold(filter).split_whitespace().map(str::to_owned).collect();
        let mut order: Vec<usize> = (0..self.library.meetings.len())
            .filter(|&i| {
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
            .collect();
        order.sort_by(|&a, &b| {
            let (ma, mb) = (&self.library.meetings[a], &self.library.meetings[b]);
            mb.date.cmp(&ma.date).then_with(|| ma.id.cmp(&mb.id))
        });
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

    /// Opens "find anything".
    pub fn open_anything(&mut self) {
        if self.items.is_empty() {
            self.items = items(self);
        }
        let hits = find_items(&self.items, "");
        self.overlay = Some(Overlay::Anything(AnythingState {
            query: String::new(),
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
