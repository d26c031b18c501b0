//! The secretary's review in the UI: walking the work with single keys (`u` the next
//! unreviewed §, `>` `<` the findings in the order of the text, `Space` marks and moves on),
//! notes, following a finding from the list (`!`), opening the protocol in the editor at the
//! line (`e`) and copying a § (`y`, `Y`). The marks themselves are `crate::review::marks`;
//! running the editor and writing to the clipboard are the event loop's (see [`Effect`]).

use super::app::{App, Effect, Pane};
use super::external;
use super::text::clean;
use crate::lang as s;
use crate::review::Finding;
use crate::review::marks::State;

impl App {
    /// `Enter` on a finding of the list: its § (when it has one), with its line marked and
    /// brought into view.
    pub(super) fn follow_finding(&mut self, sel: usize) {
        let Some(f) = self.findings_of_current().get(sel).cloned() else {
            return;
        };
        self.show_finding(&f);
    }

    fn show_finding(&mut self, f: &Finding) {
        if let Some(i) = f.paragraph.and_then(|n| {
            self.current()
                .and_then(|m| m.paragraphs.iter().position(|p| p.number == n))
        }) && i != self.para
        {
            self.para = i;
            self.link = None;
            self.highlight.clear();
        }
        self.body_scroll = 0;
        self.jump_line = Some(f.line);
        self.scroll_to = Some(f.line);
        self.focus = Pane::Body;
    }

    /// `a` then `Enter` in the findings list: accepts finding `sel` of the current meeting
    /// with `reason`, kept with the review marks; an empty reason takes an acceptance back.
    pub(super) fn accept_finding(&mut self, sel: usize, reason: &str) {
        let Some(&i) = self.order.get(self.meeting) else {
            return;
        };
        let Some(f) = self.findings.get(i).and_then(|fs| fs.get(sel)).cloned() else {
            return;
        };
        if reason.trim().is_empty() && !f.accepted {
            self.message = Some(self.lang.pick(s::REASON_NEEDED).to_owned());
            return;
        }
        let accepted = self.marks.accept(&self.library.meetings[i], &f, reason);
        self.persist();
        if let Some(fs) = self.findings.get_mut(i) {
            crate::review::settle(fs, &self.marks, &self.library.meetings[i]);
        }
        if self.message.is_none() {
            let word = if accepted {
                self.lang.pick(s::ACCEPTED)
            } else {
                self.lang.pick(s::NOT_ACCEPTED)
            };
            self.message = Some(format!(
                "{} {} · {word}",
                f.code,
                s::line_label(self.lang, f.line)
            ));
        }
    }

    /// The findings of the current meeting still open (not accepted), in the order of the
    /// text: what `>` and `<` walk.
    fn findings_by_line(&self) -> Vec<Finding> {
        let mut all: Vec<Finding> = self
            .findings_of_current()
            .iter()
            .filter(|f| !f.accepted)
            .cloned()
            .collect();
        all.sort_by_key(|f| (f.line, std::cmp::Reverse(f.severity)));
        all
    }

    /// `>` and `<`: the next or previous finding of the meeting, across its §, from the finding
    /// shown last or else from the current §; round to the other end with a message.
    pub(super) fn step_finding(&mut self, dir: isize) {
        let all = self.findings_by_line();
        if all.is_empty() {
            self.message = Some(self.lang.pick(s::NO_FINDINGS).to_owned());
            return;
        }
        let here = self
            .jump_line
            .or_else(|| self.paragraph().map(|p| p.line))
            .unwrap_or(0);
        // The finding shown now, when there is one: several can share a line.
        let at = self
            .last_finding
            .filter(|&k| all.get(k).is_some_and(|f| Some(f.line) == self.jump_line));
        let (next, wrapped) = match (at, dir > 0) {
            (Some(k), true) if k + 1 < all.len() => (k + 1, false),
            (Some(k), false) if k > 0 => (k - 1, false),
            (Some(_), true) => (0, true),
            (Some(_), false) => (all.len() - 1, true),
            (None, true) => all
                .iter()
                .position(|f| f.line > here)
                .map_or((0, true), |k| (k, false)),
            (None, false) => all
                .iter()
                .rposition(|f| f.line < here)
                .map_or((all.len() - 1, true), |k| (k, false)),
        };
        let f = &all[next];
        self.show_finding(f);
        self.last_finding = Some(next);
        let mut msg = format!(
            "{}/{} {} {} · {}",
            next + 1,
            all.len(),
            super::view::severity_mark(self.lang, f.severity),
            s::line_label(self.lang, f.line),
            clean(&f.message)
        );
        if wrapped {
            msg = format!("{} · {msg}", self.lang.pick(s::FINDINGS_WRAPPED));
        }
        self.message = Some(msg);
    }

    /// `Space`: marks the § reviewed and goes to the next unreviewed one, or unmarks it.
    pub(super) fn toggle_reviewed(&mut self) {
        let Some(&i) = self.order.get(self.meeting) else {
            return;
        };
        let Some(number) = self.paragraph().map(|p| p.number) else {
            return;
        };
        let state = self.marks.toggle(&self.library.meetings[i], number);
        self.persist();
        if self.message.is_some() {
            return;
        }
        if state == State::Reviewed {
            let word = self.lang.pick(s::REVIEWED_ONE);
            self.message = Some(format!("§ {number} {word}"));
            self.next_unreviewed();
        } else {
            let word = self.lang.pick(s::NOT_REVIEWED);
            self.message = Some(format!("§ {number} {word}"));
        }
    }

    /// `u`: the next § of the meeting not reviewed (or whose text changed since), after the
    /// current one and round to the start; says how many are left, or that none is.
    pub(super) fn next_unreviewed(&mut self) {
        let Some(m) = self.current() else { return };
        let n = m.paragraphs.len();
        let next = (1..=n)
            .map(|k| (self.para + k) % n)
            .find(|&k| self.marks.state(m, m.paragraphs[k].number) != State::Reviewed);
        let before = self.message.take();
        let now = match next {
            Some(k) => {
                if k != self.para {
                    self.select_paragraph(k as isize);
                }
                let number = self.paragraph().map_or(0, |p| p.number);
                format!(
                    "§ {number} · {} {}",
                    self.to_review(),
                    self.lang.pick(s::LEFT_TO_REVIEW)
                )
            }
            None => format!(
                "{n} {} {n} § {}",
                self.lang.pick(s::OF),
                self.lang.pick(s::REVIEWED_MANY)
            ),
        };
        self.message = Some(match before {
            Some(b) => format!("{b} → {now}"),
            None => now,
        });
    }

    /// How many § of the current meeting are still to review.
    pub fn to_review(&self) -> usize {
        self.current().map_or(0, |m| {
            m.paragraphs.len() - self.marks.reviewed_count(m).min(m.paragraphs.len())
        })
    }

    pub(super) fn save_note(&mut self, note: &str) {
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
    pub(super) fn persist(&mut self) {
        if let Some(store) = &self.store
            && let Err(e) = store.save(&self.marks)
        {
            self.message = Some(clean(&format!("{}: {e}", store.path.display())).into_owned());
        }
    }

    /// `e`: asks the event loop to open the protocol in `$VISUAL` or `$EDITOR` at the line of
    /// the finding or hit shown, else of the § heading.
    pub(super) fn open_editor(&mut self) {
        let Some(m) = self.current() else { return };
        if m.reader != "text" {
            self.message = Some(format!(
                "{} ({})",
                self.lang.pick(s::EDIT_TEXT_ONLY),
                clean(&m.reader)
            ));
            return;
        }
        let path = std::path::PathBuf::from(&m.path_key);
        if !path.is_file() {
            self.message = Some(self.lang.pick(s::EDIT_NO_FILE).to_owned());
            return;
        }
        let line = self
            .jump_line
            .or_else(|| self.paragraph().map(|p| p.line))
            .unwrap_or(1)
            .max(1);
        let command = external::editor_command(&self.editor, &path, line);
        self.effect = Some(Effect::Edit {
            command,
            path,
            name: m.source.clone(),
        });
    }

    /// `y` (with the text) and `Y` (the reference only): asks the event loop to copy the
    /// current § with OSC 52.
    pub(super) fn copy(&mut self, with_text: bool) {
        let (Some(m), Some(p)) = (self.current(), self.paragraph()) else {
            return;
        };
        let reference = external::reference(m, p);
        let text = if with_text {
            external::paragraph_text(&reference, p)
        } else {
            reference.clone()
        };
        self.effect = Some(Effect::Copy(text));
        self.message = Some(format!(
            "{}: {}",
            self.lang.pick(s::COPIED),
            clean(&reference)
        ));
    }
}
