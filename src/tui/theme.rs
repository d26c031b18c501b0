//! All styles in one place. With `NO_COLOR` set, only bold, underline and reverse remain.

use ratatui::style::{Color, Modifier, Style};

/// The styles the view uses.
#[derive(Debug, Clone, Copy)]
pub struct Theme {
    pub border: Style,
    pub border_focus: Style,
    pub title: Style,
    pub selected: Style,
    pub selected_unfocused: Style,
    pub heading: Style,
    pub section: Style,
    pub decision: Style,
    pub decision_border: Style,
    pub dim: Style,
    pub status: Style,
    /// An error-level finding: its badge, mark and row.
    pub error: Style,
    /// A warning-level finding.
    pub warning: Style,
    /// A finding for information.
    pub info: Style,
    /// The reviewer's note, and its mark `✎`.
    pub note: Style,
    /// The reviewed mark `✓`.
    pub reviewed: Style,
    /// The mark `≈` of a § reviewed before its text changed.
    pub stale: Style,
    /// The mark `•` of a § or meeting with search hits.
    pub hit_mark: Style,
    pub group: Style,
    /// A name or search hit found in the text.
    pub found: Style,
    /// Matched letters in the finder.
    pub matched: Style,
    /// A cross-reference that can be followed.
    pub link: Style,
}

impl Theme {
    /// The theme for this environment: colours unless `NO_COLOR` is set to anything non-empty.
    pub fn from_env() -> Theme {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        if no_color {
            Theme::plain()
        } else {
            Theme::colour()
        }
    }

    pub fn colour() -> Theme {
        Theme {
            border: Style::new().fg(Color::DarkGray),
            border_focus: Style::new().fg(Color::Cyan),
            title: Style::new().add_modifier(Modifier::BOLD),
            selected: Style::new().bg(Color::Cyan).fg(Color::Black),
            selected_unfocused: Style::new().bg(Color::DarkGray).fg(Color::White),
            heading: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            section: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            decision: Style::new().fg(Color::Green),
            decision_border: Style::new().fg(Color::Green),
            dim: Style::new().fg(Color::DarkGray),
            status: Style::new().bg(Color::Blue).fg(Color::White),
            error: Style::new()
                .fg(Color::LightRed)
                .add_modifier(Modifier::BOLD),
            warning: Style::new().fg(Color::Yellow),
            info: Style::new().fg(Color::Blue),
            note: Style::new().fg(Color::Magenta),
            reviewed: Style::new().fg(Color::Green).add_modifier(Modifier::BOLD),
            stale: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            hit_mark: Style::new().fg(Color::Cyan),
            group: Style::new().fg(Color::Magenta).add_modifier(Modifier::BOLD),
            found: Style::new().bg(Color::Yellow).fg(Color::Black),
            matched: Style::new()
                .fg(Color::Yellow)
                .add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            link: Style::new()
                .fg(Color::Blue)
                .add_modifier(Modifier::UNDERLINED),
        }
    }

    pub fn plain() -> Theme {
        let none = Style::new();
        Theme {
            border: none,
            border_focus: Style::new().add_modifier(Modifier::BOLD),
            title: Style::new().add_modifier(Modifier::BOLD),
            selected: Style::new().add_modifier(Modifier::REVERSED),
            selected_unfocused: Style::new().add_modifier(Modifier::UNDERLINED),
            heading: Style::new().add_modifier(Modifier::BOLD),
            section: Style::new().add_modifier(Modifier::BOLD),
            decision: none,
            decision_border: none,
            dim: none,
            status: Style::new().add_modifier(Modifier::REVERSED),
            // Without colour, severities differ by their letters (E, W, i) and errors by weight.
            error: Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            warning: Style::new().add_modifier(Modifier::BOLD),
            info: none,
            note: none,
            reviewed: Style::new().add_modifier(Modifier::BOLD),
            stale: Style::new().add_modifier(Modifier::BOLD),
            hit_mark: none,
            group: Style::new().add_modifier(Modifier::BOLD),
            found: Style::new().add_modifier(Modifier::REVERSED),
            matched: Style::new().add_modifier(Modifier::UNDERLINED),
            link: Style::new().add_modifier(Modifier::UNDERLINED),
        }
    }
}
