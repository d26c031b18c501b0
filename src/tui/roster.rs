//! The roster pane: who attended, grouped (members present with the count of seats,
//! substitutes, others present, guests, absent), each person's party, affiliation, role, whom
//! they replace and the § they attended, then the officers of the meeting.

use std::fmt::Write as _;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::app::{App, Pane, roster_order};
use super::text::{pad, wrap};
use super::theme::Theme;
use super::view::{block, t};
use crate::lang as s;
use crate::model::{Attendee, Group, Meeting};

fn roster_row(a: &Attendee, app: &App) -> String {
    let mut row = a.name.clone();
    if let Some(p) = &a.party {
        let _ = write!(row, " ({p})");
    }
    if let Some(aff) = &a.affiliation {
        let _ = write!(row, ", {aff}");
    }
    if let Some(role) = &a.role {
        let _ = write!(row, " — {role}");
    }
    if let Some(r) = &a.replaces {
        let _ = write!(row, " ({} {r})", t(app, s::REPLACES));
    }
    if let Some(ps) = &a.paragraphs {
        let _ = write!(row, " § {}", compact_numbers(ps));
    }
    row
}

/// `[15, 16, 17, 19]` → `15–17, 19`.
pub fn compact_numbers(ns: &[u32]) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    while i < ns.len() {
        let mut j = i;
        while j + 1 < ns.len() && ns[j + 1] == ns[j] + 1 {
            j += 1;
        }
        parts.push(if j > i {
            format!("{}–{}", ns[i], ns[j])
        } else {
            ns[i].to_string()
        });
        i = j + 1;
    }
    parts.join(", ")
}

/// The roster as lines, grouped with counts, and the line where each row (in
/// [`roster_order`]) starts, so the selection can be kept in view.
fn roster_lines<'a>(
    m: &Meeting,
    app: &App,
    theme: &Theme,
    width: usize,
) -> (Vec<Line<'a>>, Vec<usize>) {
    // Seats, not entries: a member and the substitute serving for them hold one seat.
    let members_total = crate::review::seats(m);
    let members_present = m.members_present().count();
    let count = |g: Group| {
        m.attendees
            .iter()
            .filter(|a| a.group == g && a.present)
            .count()
    };
    let absent = m.attendees.iter().filter(|a| !a.present).count();
    let focused = app.focus == Pane::Roster && app.overlay.is_none();
    let mut out = Vec::new();
    let mut starts = Vec::new();
    let mut group: Option<(bool, Group)> = None;
    for (row, &k) in roster_order(m).iter().enumerate() {
        let a = &m.attendees[k];
        let this = (a.present, if a.present { a.group } else { Group::Member });
        if group != Some(this) {
            group = Some(this);
            if !out.is_empty() {
                out.push(Line::raw(""));
            }
            let label = match this {
                (false, _) => format!("{} {absent}", t(app, s::ABSENT)),
                // Seats are counted only from a roster the parser is sure of: from columns run
                // together, "11 / 9" would be a count no one can trust.
                (true, Group::Member) if m.doubts.roster => {
                    format!("{} {members_present}", t(app, s::MEMBERS))
                }
                (true, Group::Member) => {
                    format!("{} {members_present} / {members_total}", t(app, s::MEMBERS))
                }
                (true, Group::Substitute) => {
                    format!("{} {}", t(app, s::SUBSTITUTES), count(Group::Substitute))
                }
                (true, Group::Staff) => format!("{} {}", t(app, s::STAFF), count(Group::Staff)),
                (true, Group::Guest) => format!("{} {}", t(app, s::GUESTS), count(Group::Guest)),
            };
            out.push(Line::styled(label, theme.group));
        }
        starts.push(out.len());
        let selected = row == app.roster_sel;
        for l in wrap(&roster_row(a, app), width.saturating_sub(1), 2) {
            let text = pad(&format!(" {l}"), width);
            out.push(if selected && focused {
                Line::styled(text, theme.selected)
            } else {
                Line::raw(text)
            });
        }
    }
    let roles = [
        (s::CHAIR, m.chair.clone()),
        (s::SECRETARY, m.secretary.clone()),
        (
            s::ADJUSTERS,
            (!m.adjusters.is_empty()).then(|| m.adjusters.join(", ")),
        ),
    ];
    out.push(Line::raw(""));
    for (label, who) in roles {
        if let Some(who) = who {
            for l in wrap(&format!("{}: {who}", t(app, label)), width, 2) {
                out.push(Line::styled(l, theme.dim));
            }
        }
    }
    (out, starts)
}

pub fn render_roster(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) -> usize {
    let width = usize::from(area.width.saturating_sub(2)).max(1);
    let height = usize::from(area.height.saturating_sub(2));
    let (lines, starts) = app
        .current()
        .map(|m| roster_lines(m, app, theme, width))
        .unwrap_or_default();
    let total = lines.len();
    // Keep the selected row (and the line after it) in view.
    let at = starts.get(app.roster_sel).copied().unwrap_or(0);
    let scroll = (at + 2).saturating_sub(height);
    let visible: Vec<Line> = lines.into_iter().skip(scroll).collect();
    frame.render_widget(
        Paragraph::new(visible).block(block(app, theme, Pane::Roster, t(app, s::ROSTER))),
        area,
    );
    total
}
