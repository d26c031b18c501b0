//! One line of text being typed: the prompts (`:`, `/`, `f`, `@`, `Ctrl-P`) and the note editor
//! (`a`). The keys are readline's: `←` `→`, `Home` `End` (`Ctrl-A` `Ctrl-E`), `Backspace`
//! `Delete`, `Ctrl-U` (to the start), `Ctrl-W` (the word before), `Ctrl-K` (to the end).
//!
//! A prompt opened on the value it had last time shows that value *selected*: typing replaces
//! it, `Backspace` clears it, and a cursor key keeps it for editing. So `/utjämning⏎` then
//! `/styrelsen beslutar⏎` searches for what was typed the second time, not for both run together.

use ratatui::style::Style;
use ratatui::text::Span;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// One edit of the line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    /// Type a character at the cursor (replacing a selection).
    Insert(char),
    /// Delete the character before the cursor.
    Backspace,
    /// Delete the character under the cursor.
    Delete,
    /// Move the cursor one character left.
    Left,
    /// Move the cursor one character right.
    Right,
    /// Move the cursor to the start.
    Home,
    /// Move the cursor to the end.
    End,
    /// Delete from the start to the cursor (`Ctrl-U`).
    KillToStart,
    /// Delete the word before the cursor, and the spaces after it (`Ctrl-W`).
    KillWord,
    /// Delete from the cursor to the end (`Ctrl-K`).
    KillToEnd,
}

/// A line being edited: its text, the cursor (a byte offset on a character boundary) and
/// whether the whole text is selected.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineEdit {
    text: String,
    cursor: usize,
    selected: bool,
}

impl LineEdit {
    /// An empty line.
    pub fn new() -> LineEdit {
        LineEdit::default()
    }

    /// A line holding `text`, the cursor at its end, for editing (a note).
    pub fn with(text: &str) -> LineEdit {
        LineEdit {
            text: text.to_owned(),
            cursor: text.len(),
            selected: false,
        }
    }

    /// A line holding the last value, selected so typing replaces it (a prompt).
    pub fn selected(text: &str) -> LineEdit {
        LineEdit {
            selected: !text.is_empty(),
            ..LineEdit::with(text)
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// The cursor, as a byte offset into [`LineEdit::text`].
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    pub fn is_selected(&self) -> bool {
        self.selected
    }

    /// Applies one edit; returns whether the text changed (a finder then searches again).
    pub fn apply(&mut self, edit: Edit) -> bool {
        let before = self.text.len();
        if self.selected {
            self.selected = false;
            match edit {
                Edit::Insert(_)
                | Edit::Backspace
                | Edit::Delete
                | Edit::KillToStart
                | Edit::KillWord
                | Edit::KillToEnd => {
                    self.text.clear();
                    self.cursor = 0;
                    if let Edit::Insert(c) = edit {
                        self.insert(c);
                    }
                    return true;
                }
                // A cursor key ends the selection where it points: the start or the end.
                Edit::Left | Edit::Home => self.cursor = 0,
                Edit::Right | Edit::End => self.cursor = self.text.len(),
            }
            return false;
        }
        match edit {
            Edit::Insert(c) => {
                self.insert(c);
                return true;
            }
            Edit::Backspace => {
                if let Some(c) = self.text[..self.cursor].chars().next_back() {
                    self.cursor -= c.len_utf8();
                    self.text.remove(self.cursor);
                }
            }
            Edit::Delete => {
                if self.cursor < self.text.len() {
                    self.text.remove(self.cursor);
                }
            }
            Edit::Left => {
                if let Some(c) = self.text[..self.cursor].chars().next_back() {
                    self.cursor -= c.len_utf8();
                }
            }
            Edit::Right => {
                if let Some(c) = self.text[self.cursor..].chars().next() {
                    self.cursor += c.len_utf8();
                }
            }
            Edit::Home => self.cursor = 0,
            Edit::End => self.cursor = self.text.len(),
            Edit::KillToStart => {
                self.text.drain(..self.cursor);
                self.cursor = 0;
            }
            Edit::KillWord => {
                let head = &self.text[..self.cursor];
                let word_end = head.trim_end_matches(' ').len();
                let start = head[..word_end].rfind(' ').map_or(0, |i| i + 1);
                self.text.drain(start..self.cursor);
                self.cursor = start;
            }
            Edit::KillToEnd => self.text.truncate(self.cursor),
        }
        self.text.len() != before
    }

    fn insert(&mut self, c: char) {
        // Control characters never enter the text: what is typed is later drawn.
        if c.is_control() {
            return;
        }
        self.text.insert(self.cursor, c);
        self.cursor += c.len_utf8();
    }

    /// The line as spans for one row `width` columns wide: a window around the cursor, the
    /// cursor drawn as `▏`, a selection in `selection` style.
    pub fn spans<'a>(&self, width: usize, selection: Style) -> Vec<Span<'a>> {
        let (before, after) = self.text.split_at(self.cursor);
        let room = width.saturating_sub(1);
        // Keep the cursor in view: cut the start of what is before it, then the end of the rest.
        let mut head = before;
        while head.width() > room {
            let c = head.chars().next().map_or(1, char::len_utf8);
            head = &head[c..];
        }
        let mut tail = String::new();
        let mut w = head.width();
        for c in after.chars() {
            let cw = c.width().unwrap_or(0);
            if w + cw > room {
                break;
            }
            tail.push(c);
            w += cw;
        }
        let style = if self.selected {
            selection
        } else {
            Style::new()
        };
        vec![
            Span::styled(head.to_owned(), style),
            Span::raw("▏"),
            Span::styled(tail, style),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(e: &mut LineEdit, s: &str) {
        for c in s.chars() {
            e.apply(Edit::Insert(c));
        }
    }

    #[test]
    fn a_selected_value_is_replaced_by_typing() {
        let mut e = LineEdit::selected("utjämning");
        typed(&mut e, "styrelsen");
        assert_eq!(e.text(), "styrelsen");
        let mut e = LineEdit::selected("utjämning");
        e.apply(Edit::Backspace);
        assert_eq!(e.text(), "");
        let mut e = LineEdit::selected("utjämning");
        e.apply(Edit::End);
        typed(&mut e, "en");
        assert_eq!(e.text(), "utjämningen");
    }

    #[test]
    fn cursor_keys_move_by_characters_not_bytes() {
        let mut e = LineEdit::with("åäö");
        e.apply(Edit::Left);
        e.apply(Edit::Left);
        typed(&mut e, "x");
        assert_eq!(e.text(), "åxäö");
        e.apply(Edit::Delete);
        assert_eq!(e.text(), "åxö");
        e.apply(Edit::Home);
        e.apply(Edit::Delete);
        e.apply(Edit::Right);
        e.apply(Edit::Backspace);
        assert_eq!(e.text(), "ö");
    }

    #[test]
    fn readline_kills() {
        let mut e = LineEdit::with("styrelsen beslutar  att");
        e.apply(Edit::KillWord);
        assert_eq!(e.text(), "styrelsen beslutar  ");
        e.apply(Edit::KillWord);
        assert_eq!(e.text(), "styrelsen ");
        e.apply(Edit::Home);
        e.apply(Edit::Right);
        e.apply(Edit::KillToEnd);
        assert_eq!(e.text(), "s");
        typed(&mut e, "ek");
        e.apply(Edit::Left);
        e.apply(Edit::KillToStart);
        assert_eq!((e.text(), e.cursor()), ("k", 0));
    }

    #[test]
    fn control_characters_are_not_typed() {
        let mut e = LineEdit::new();
        typed(&mut e, "a\x1bb\u{7}");
        assert_eq!(e.text(), "ab");
    }

    #[test]
    fn the_cursor_stays_in_view() {
        let e = LineEdit::with("en mycket lång anteckning om beslutet");
        let shown: String = e
            .spans(12, Style::new())
            .iter()
            .map(|s| s.content.to_string())
            .collect();
        assert!(shown.ends_with("beslutet▏"), "{shown}");
        assert!(shown.width() <= 12);
    }
}
