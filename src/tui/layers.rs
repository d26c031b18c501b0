//! How an open overlay answers an action: the prompts edit their line ([`LineEdit`]) and act on
//! `Enter`, lists move their selection, pages scroll, and `Esc` (or `q`) closes — the filter
//! prompt puts back the filter it found. One `match` over (overlay, action), a state machine
//! kept in one place; [`App::update`] calls it while an overlay is open.

use super::app::{Action, App, Overlay, Pane};
use super::edit::{Edit, LineEdit};
use super::finder::PersonPage;

/// Rows a page key moves in lists and pages.
const PAGE: isize = 10;

fn step_of(action: Action) -> isize {
    match action {
        Action::Down => 1,
        Action::Up => -1,
        Action::PageDown => PAGE,
        Action::PageUp => -PAGE,
        Action::First => -(isize::MAX / 2),
        _ => isize::MAX / 2,
    }
}

fn moved(at: usize, action: Action, max: usize) -> usize {
    at.saturating_add_signed(step_of(action)).min(max)
}

const MOVES: [Action; 6] = [
    Action::Down,
    Action::Up,
    Action::PageDown,
    Action::PageUp,
    Action::First,
    Action::Last,
];

impl App {
    /// Applies an action to the open overlay; returns the overlay that stays open.
    pub(super) fn update_overlay(&mut self, overlay: Overlay, action: Action) -> Option<Overlay> {
        let is_move = MOVES.contains(&action);
        match (overlay, action) {
            (Overlay::Goto(mut typed), Action::Edit(e)) => {
                let digit = match e {
                    Edit::Insert(c) => c.is_ascii_digit() && typed.text().len() < 5,
                    _ => true,
                };
                if digit {
                    typed.apply(e);
                }
                Some(Overlay::Goto(typed))
            }
            (Overlay::Goto(typed), Action::Submit) => {
                self.goto(typed.text());
                None
            }
            (Overlay::Finder(mut f), Action::Edit(e)) => {
                if f.query.apply(e) {
                    f.refresh(&self.finder, &self.people);
                }
                Some(Overlay::Finder(f))
            }
            (Overlay::Finder(mut f), _) if is_move => {
                f.step(step_of(action));
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
            (Overlay::Person(mut page), _) if is_move => {
                page.step(step_of(action));
                Some(Overlay::Person(page))
            }
            (Overlay::Person(page), Action::Open | Action::Submit) => {
                self.follow(&page);
                None
            }
            (Overlay::Person(page), Action::Back) => page.from.map(Overlay::Finder),
            (Overlay::Help(top), _) if is_move => {
                Some(Overlay::Help(moved(top, action, self.metrics.overlay_max)))
            }
            (Overlay::Meeting(top), _) if is_move => Some(Overlay::Meeting(moved(
                top,
                action,
                self.metrics.overlay_max,
            ))),
            (Overlay::Findings(sel), _) if is_move => {
                let n = self.findings_of_current().len();
                Some(Overlay::Findings(moved(sel, action, n.saturating_sub(1))))
            }
            (Overlay::Findings(sel), Action::Open | Action::Submit) => {
                self.follow_finding(sel);
                None
            }
            (Overlay::Findings(sel), Action::Note) => {
                let reason = self
                    .findings_of_current()
                    .get(sel)
                    .and_then(|f| f.reason.clone())
                    .unwrap_or_default();
                Some(Overlay::Accept(sel, LineEdit::selected(&reason)))
            }
            (Overlay::Accept(sel, mut typed), Action::Edit(e)) => {
                typed.apply(e);
                Some(Overlay::Accept(sel, typed))
            }
            (Overlay::Accept(sel, typed), Action::Submit) => {
                self.accept_finding(sel, typed.text());
                Some(Overlay::Findings(sel))
            }
            (Overlay::Accept(sel, _), Action::Back) => Some(Overlay::Findings(sel)),
            (Overlay::Note(mut typed), Action::Edit(e)) => {
                typed.apply(e);
                Some(Overlay::Note(typed))
            }
            (Overlay::Note(typed), Action::Submit) => {
                self.save_note(typed.text());
                None
            }
            (Overlay::Search(mut typed), Action::Edit(e)) => {
                typed.apply(e);
                Some(Overlay::Search(typed))
            }
            (Overlay::Search(typed), Action::Submit) => {
                self.remember();
                self.run_search(typed.text());
                None
            }
            (Overlay::Filter(mut typed, before), Action::Edit(e)) => {
                if typed.apply(e) {
                    self.set_filter(typed.text());
                }
                Some(Overlay::Filter(typed, before))
            }
            (Overlay::Filter(..), Action::Submit) => {
                self.focus = Pane::Meetings;
                None
            }
            (Overlay::Filter(_, before), Action::Back) => {
                self.set_filter(&before);
                None
            }
            (Overlay::Anything(mut a), Action::Edit(e)) => {
                if a.query.apply(e) {
                    a.hits = super::nav::find_items(&self.items, a.query.text());
                    a.selected = 0;
                }
                Some(Overlay::Anything(a))
            }
            (Overlay::Anything(mut a), _) if is_move => {
                a.selected = moved(a.selected, action, a.hits.len().saturating_sub(1));
                Some(Overlay::Anything(a))
            }
            (Overlay::Anything(a), Action::Submit | Action::Open) => match a.hits.get(a.selected) {
                Some(&(i, _)) => self.go_to_item(i),
                None => Some(Overlay::Anything(a)),
            },
            // `q` and `Esc` close an overlay, never the program; `?` closes the help, `i` the
            // meeting page.
            (_, Action::Back | Action::Quit | Action::Submit)
            | (Overlay::Help(_) | Overlay::Messages, Action::Help)
            | (Overlay::Meeting(_), Action::MeetingPage | Action::Open) => None,
            (overlay, _) => Some(overlay),
        }
    }
}
