//! The person finder (`@`) and the person page: their state and how actions change it. The app
//! owns one [`Finder`] (so the matcher is built once) and opens these as overlays.

use super::edit::LineEdit;
use crate::people::{Appearance, Hit, People, Person};

/// The `@` overlay: what has been typed, the people it matches, which one is highlighted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FinderState {
    pub query: LineEdit,
    pub hits: Vec<Hit>,
    pub selected: usize,
}

/// A row of the person page: a meeting heading, or one appearance in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageRow {
    Meeting(String),
    Appearance(usize),
}

/// A person's page: their appearances grouped by meeting, newest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonPage {
    pub person: usize,
    pub rows: Vec<PageRow>,
    /// Index into `rows`, always an appearance row.
    pub selected: usize,
    /// The finder to return to on `Esc`, when the page was opened from it.
    pub from: Option<FinderState>,
}

impl FinderState {
    /// Re-runs the query.
    pub fn refresh(&mut self, finder: &crate::people::Finder, people: &People) {
        self.hits = finder.find(&people.people, self.query.text());
        self.selected = 0;
    }

    /// Moves the highlight, staying on the list.
    pub fn step(&mut self, delta: isize) {
        if self.hits.is_empty() {
            return;
        }
        let max = self.hits.len() as isize - 1;
        self.selected = (self.selected as isize + delta).clamp(0, max) as usize;
    }

    /// The highlighted person.
    pub fn current(&self) -> Option<usize> {
        self.hits.get(self.selected).map(|h| h.person)
    }
}

impl PersonPage {
    /// The page of `person`; appearances are already newest first, so grouping keeps that order.
    pub fn new(people: &People, person: usize, from: Option<FinderState>) -> PersonPage {
        let mut rows = Vec::new();
        let mut last: Option<&str> = None;
        if let Some(p) = people.people.get(person) {
            for (i, a) in p.appearances.iter().enumerate() {
                if last != Some(a.meeting.as_str()) {
                    rows.push(PageRow::Meeting(a.meeting.clone()));
                    last = Some(&a.meeting);
                }
                rows.push(PageRow::Appearance(i));
            }
        }
        let selected = rows
            .iter()
            .position(|r| matches!(r, PageRow::Appearance(_)))
            .unwrap_or(0);
        PersonPage {
            person,
            rows,
            selected,
            from,
        }
    }

    /// Moves to the next or previous appearance row.
    pub fn step(&mut self, delta: isize) {
        let appearances: Vec<usize> = self
            .rows
            .iter()
            .enumerate()
            .filter(|(_, r)| matches!(r, PageRow::Appearance(_)))
            .map(|(i, _)| i)
            .collect();
        let Some(at) = appearances.iter().position(|&i| i == self.selected) else {
            return;
        };
        let to = (at as isize + delta).clamp(0, appearances.len() as isize - 1) as usize;
        self.selected = appearances[to];
    }

    /// The selected appearance.
    pub fn appearance<'p>(&self, person: &'p Person) -> Option<&'p Appearance> {
        match self.rows.get(self.selected) {
            Some(PageRow::Appearance(i)) => person.appearances.get(*i),
            _ => None,
        }
    }
}
