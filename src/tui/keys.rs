//! The key table: every binding as (keys, action, help text). It dispatches key presses and
//! generates the help overlay and the hint line, so the three can never disagree.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::app::Action;
use crate::lang::Text;

/// A key as the table writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Char(char),
    Ctrl(char),
    Code(KeyCode),
}

/// One row of the table.
pub struct Binding {
    pub keys: &'static [Key],
    /// How the keys are written in the help.
    pub label: &'static str,
    pub action: Action,
    pub help: Text,
}

use Key::{Char, Code, Ctrl};

/// Every key the UI answers to, outside prompts. One row per binding, kept as a table.
#[rustfmt::skip]
pub const BINDINGS: &[Binding] = &[
    Binding { keys: &[Code(KeyCode::Tab)], label: "Tab", action: Action::NextPane, help: ("nästa ruta", "next pane") },
    Binding { keys: &[Code(KeyCode::BackTab)], label: "Shift-Tab", action: Action::PrevPane, help: ("föregående ruta", "previous pane") },
    Binding { keys: &[Char('j'), Code(KeyCode::Down)], label: "j ↓", action: Action::Down, help: ("ned", "down") },
    Binding { keys: &[Char('k'), Code(KeyCode::Up)], label: "k ↑", action: Action::Up, help: ("upp", "up") },
    Binding { keys: &[Code(KeyCode::PageDown), Ctrl('d')], label: "PgDn", action: Action::PageDown, help: ("en sida ned", "page down") },
    Binding { keys: &[Code(KeyCode::PageUp), Ctrl('u')], label: "PgUp", action: Action::PageUp, help: ("en sida upp", "page up") },
    Binding { keys: &[Char('g'), Code(KeyCode::Home)], label: "g", action: Action::First, help: ("första", "first") },
    Binding { keys: &[Char('G'), Code(KeyCode::End)], label: "G", action: Action::Last, help: ("sista", "last") },
    Binding { keys: &[Code(KeyCode::Enter)], label: "Enter", action: Action::Open, help: ("öppna det valda, följ hänvisningen", "open the selected item, follow the reference") },
    Binding { keys: &[Char(']')], label: "]", action: Action::NextParagraph, help: ("nästa §", "next §") },
    Binding { keys: &[Char('[')], label: "[", action: Action::PrevParagraph, help: ("föregående §", "previous §") },
    Binding { keys: &[Char('}')], label: "}", action: Action::NextMeeting, help: ("nästa möte", "next meeting") },
    Binding { keys: &[Char('{')], label: "{", action: Action::PrevMeeting, help: ("föregående möte", "previous meeting") },
    Binding { keys: &[Char(':')], label: ": 23 Enter", action: Action::Goto, help: ("gå till § 23 i mötet", "go to § 23 of the meeting") },
    Binding { keys: &[Char('/')], label: "/", action: Action::Search, help: ("sök i all text", "search all text") },
    Binding { keys: &[Char('n')], label: "n", action: Action::NextHit, help: ("nästa träff", "next hit") },
    Binding { keys: &[Char('N')], label: "N", action: Action::PrevHit, help: ("föregående träff", "previous hit") },
    Binding { keys: &[Char('l')], label: "l", action: Action::NextLink, help: ("nästa hänvisning (§ 24) i texten", "next reference (§ 24) in the text") },
    Binding { keys: &[Char('L')], label: "L", action: Action::PrevLink, help: ("föregående hänvisning", "previous reference") },
    Binding { keys: &[Code(KeyCode::Backspace), Ctrl('o')], label: "Backspace", action: Action::HistoryBack, help: ("tillbaka", "back") },
    Binding { keys: &[Ctrl('f')], label: "Ctrl-F", action: Action::HistoryForward, help: ("framåt", "forward") },
    Binding { keys: &[Ctrl('p')], label: "Ctrl-P", action: Action::FindAnything, help: ("hitta möte, § eller person", "find a meeting, § or person") },
    Binding { keys: &[Char('f')], label: "f", action: Action::Filter, help: ("filtrera möteslistan (år, organ, organisation)", "filter meetings (year, body, organisation)") },
    Binding { keys: &[Char('@')], label: "@", action: Action::FindPerson, help: ("hitta en person", "find a person") },
    Binding { keys: &[Char('!')], label: "!", action: Action::Findings, help: ("granskningens anmärkningar", "review findings") },
    Binding { keys: &[Char(' ')], label: "Space", action: Action::ToggleReviewed, help: ("markera § granskad och gå till nästa ogranskade / avmarkera", "mark § reviewed and go to the next unreviewed / unmark") },
    Binding { keys: &[Char('u')], label: "u", action: Action::NextUnreviewed, help: ("nästa ogranskade §", "next unreviewed §") },
    Binding { keys: &[Char('>')], label: ">", action: Action::NextFinding, help: ("nästa anmärkning i mötet", "next finding of the meeting") },
    Binding { keys: &[Char('<')], label: "<", action: Action::PrevFinding, help: ("föregående anmärkning", "previous finding") },
    Binding { keys: &[Char('a')], label: "a", action: Action::Note, help: ("anteckning på §; i anmärkningslistan: godta", "note on the §; in the findings list: accept") },
    Binding { keys: &[Char('i')], label: "i", action: Action::MeetingPage, help: ("mötets sida: rubrik, justering, anslag, läget", "the meeting's page: header, justering, notice, progress") },
    Binding { keys: &[Char('e')], label: "e", action: Action::OpenEditor, help: ("öppna filen i $VISUAL/$EDITOR vid raden", "open the file in $VISUAL/$EDITOR at the line") },
    Binding { keys: &[Char('y')], label: "y", action: Action::CopyParagraph, help: ("kopiera hänvisning och text (OSC 52)", "copy reference and text (OSC 52)") },
    Binding { keys: &[Char('Y')], label: "Y", action: Action::CopyReference, help: ("kopiera hänvisningen (KS § 45, datum)", "copy the reference (KS § 45, date)") },
    Binding { keys: &[Char('#')], label: "#", action: Action::LineNumbers, help: ("radnummer på / av", "line numbers on / off") },
    Binding { keys: &[Char('r')], label: "r", action: Action::ToggleRoster, help: ("visa/dölj närvaro (smal skärm)", "show/hide attendance (narrow screen)") },
    Binding { keys: &[Char('m')], label: "m", action: Action::Messages, help: ("meddelanden om inläsningen", "messages from loading") },
    Binding { keys: &[Char('?'), Code(KeyCode::F(1))], label: "?", action: Action::Help, help: ("hjälp", "help") },
    Binding { keys: &[Code(KeyCode::Esc)], label: "Esc", action: Action::Back, help: ("stäng rutan, tillbaka", "close the overlay, go back") },
    Binding { keys: &[Char('q'), Ctrl('c')], label: "q Ctrl-C", action: Action::Quit, help: ("avsluta", "quit") },
];

/// The action bound to a key press, if any.
pub fn action_for(ev: KeyEvent) -> Option<Action> {
    let key = to_key(ev)?;
    BINDINGS
        .iter()
        .find(|b| b.keys.contains(&key))
        .map(|b| b.action)
}

/// A crossterm key event as a table key.
pub fn to_key(ev: KeyEvent) -> Option<Key> {
    if ev.modifiers.contains(KeyModifiers::CONTROL)
        && let KeyCode::Char(c) = ev.code
    {
        return Some(Ctrl(c.to_ascii_lowercase()));
    }
    Some(match ev.code {
        KeyCode::Char(c) => Char(c),
        code => Code(code),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_key_is_bound_twice() {
        let mut seen = Vec::new();
        for b in BINDINGS {
            for k in b.keys {
                assert!(!seen.contains(k), "{k:?} bound twice");
                seen.push(*k);
            }
        }
    }

    #[test]
    fn contract_keys_dispatch() {
        let k = |code| KeyEvent::new(code, KeyModifiers::NONE);
        assert_eq!(
            action_for(k(KeyCode::Char(']'))),
            Some(Action::NextParagraph)
        );
        assert_eq!(action_for(k(KeyCode::Char('}'))), Some(Action::NextMeeting));
        assert_eq!(action_for(k(KeyCode::BackTab)), Some(Action::PrevPane));
        assert_eq!(
            action_for(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)),
            Some(Action::Quit)
        );
        assert_eq!(action_for(k(KeyCode::Char('x'))), None);
        for (c, a) in [
            ('u', Action::NextUnreviewed),
            ('>', Action::NextFinding),
            ('<', Action::PrevFinding),
            ('i', Action::MeetingPage),
            ('e', Action::OpenEditor),
            ('y', Action::CopyParagraph),
            ('Y', Action::CopyReference),
            ('#', Action::LineNumbers),
            (' ', Action::ToggleReviewed),
        ] {
            assert_eq!(action_for(k(KeyCode::Char(c))), Some(a), "{c}");
        }
    }
}
