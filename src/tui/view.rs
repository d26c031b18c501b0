//! Drawing: a function of the app's state. [`draw`] lays out the screen for its width (four
//! panes from 120 columns, the roster folded away below that, one pane with a tab bar below 80),
//! renders each region with its own `render_*`, and returns the geometry it used ([`Metrics`]) so
//! the mouse and paging can follow it. All text drawn comes from the model, already cleaned of
//! control sequences by `read`; tabs are expanded here because the terminal would drop them.

use std::fmt::Write as _;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Gauge, Paragraph};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::app::{App, Metrics, Overlay, PANES, Pane, roster_order};
use super::overlays::{self, popup};
use super::theme::Theme;
use crate::lang::{self as s, Text};
use crate::model::{Attendee, Group, Meeting};
use crate::review::Severity;
use crate::review::marks::State;

/// Draws the whole screen and reports where things went.
pub fn draw(frame: &mut Frame, app: &App, theme: &Theme) -> Metrics {
    let area = frame.area();
    let mut m = Metrics {
        width: area.width,
        ..Metrics::default()
    };
    let [main, status] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(area);
    if let Some((done, total)) = app.loading {
        render_loading(frame, app, theme, main, done, total);
        render_status(frame, app, theme, status);
        return m;
    }
    if area.width < 80 {
        let [tabs, pane] =
            Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(main);
        render_tabs(frame, app, theme, tabs);
        m.tabs = Some(tabs);
        match app.focus {
            Pane::Meetings => m.meetings = Some(pane),
            Pane::Agenda => m.agenda = Some(pane),
            Pane::Body => m.body = Some(pane),
            Pane::Roster => m.roster = Some(pane),
        }
    } else {
        let wide = area.width >= 120;
        let left_w = if wide { 40 } else { 34 };
        let roster_w = if wide || app.roster_open { 36 } else { 0 };
        let [left, body, roster] = Layout::horizontal([
            Constraint::Length(left_w),
            Constraint::Min(20),
            Constraint::Length(roster_w),
        ])
        .areas(main);
        let [meetings, agenda] =
            Layout::vertical([Constraint::Percentage(40), Constraint::Percentage(60)]).areas(left);
        m.meetings = Some(meetings);
        m.agenda = Some(agenda);
        m.body = Some(body);
        m.roster = (roster_w > 0).then_some(roster);
    }
    if let Some(r) = m.meetings {
        m.meetings_offset = render_meetings(frame, app, theme, r);
    }
    if let Some(r) = m.agenda {
        m.agenda_offset = render_agenda(frame, app, theme, r);
    }
    if let Some(r) = m.body {
        (m.body_lines, m.body_rows) = render_body(frame, app, theme, r);
    }
    if let Some(r) = m.roster {
        m.roster_lines = render_roster(frame, app, theme, r);
    }
    render_status(frame, app, theme, status);
    match &app.overlay {
        Some(Overlay::Help(top)) => overlays::render_help(frame, app, theme, main, *top),
        Some(Overlay::Messages) => overlays::render_messages(frame, app, theme, main),
        Some(Overlay::Finder(f)) => overlays::render_finder(frame, app, theme, main, f),
        Some(Overlay::Findings(selected)) => {
            overlays::render_findings(frame, app, theme, main, *selected);
        }
        Some(Overlay::Person(page)) => overlays::render_person(frame, app, theme, main, page),
        Some(Overlay::Anything(a)) => overlays::render_anything(frame, app, theme, main, a),
        Some(Overlay::Goto(_) | Overlay::Note(_) | Overlay::Search(_) | Overlay::Filter(_))
        | None => {}
    }
    m
}

pub(super) fn t(app: &App, text: Text) -> &'static str {
    app.lang.t(text.0, text.1)
}

fn block<'a>(app: &App, theme: &Theme, pane: Pane, title: &str) -> Block<'a> {
    let focused = app.focus == pane && app.overlay.is_none();
    Block::default()
        .borders(Borders::ALL)
        .border_style(if focused {
            theme.border_focus
        } else {
            theme.border
        })
        .title(Span::styled(format!(" {title} "), theme.title))
}

/// Rows of a list with one selected: the offset that keeps the selection in view.
fn list_offset(selected: usize, height: usize) -> usize {
    if height == 0 {
        0
    } else {
        selected.saturating_sub(height - 1)
    }
}

/// A list pane: its rows, which one is selected, its title.
struct ListView<'a> {
    pane: Pane,
    title: &'a str,
    rows: &'a [String],
    selected: usize,
}

fn render_list(frame: &mut Frame, app: &App, theme: &Theme, area: Rect, list: &ListView) -> usize {
    let ListView {
        pane,
        title,
        rows,
        selected,
    } = *list;
    let inner_h = usize::from(area.height.saturating_sub(2));
    let inner_w = usize::from(area.width.saturating_sub(2));
    let offset = list_offset(selected, inner_h);
    let focused = app.focus == pane;
    let lines: Vec<Line> = rows
        .iter()
        .enumerate()
        .skip(offset)
        .take(inner_h)
        .map(|(i, r)| {
            let text = pad(&truncate(r, inner_w), inner_w);
            if i == selected {
                Line::styled(
                    text,
                    if focused {
                        theme.selected
                    } else {
                        theme.selected_unfocused
                    },
                )
            } else {
                Line::raw(text)
            }
        })
        .collect();
    frame.render_widget(
        Paragraph::new(lines).block(block(app, theme, pane, title)),
        area,
    );
    offset
}

fn render_meetings(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) -> usize {
    let rows: Vec<String> = app
        .order
        .iter()
        .map(|&i| {
            let m = &app.library.meetings[i];
            let date = m.date.as_deref().unwrap_or("????-??-??");
            let who = [m.body.as_deref(), m.organization.as_deref()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" · ");
            let fs = &app.findings[i];
            let errors = fs.iter().filter(|f| f.severity == Severity::Error).count();
            let warnings = fs
                .iter()
                .filter(|f| f.severity == Severity::Warning)
                .count();
            let mut counts = String::new();
            if errors > 0 {
                counts.push_str(&format!(" {}{errors}", app.lang.t("F", "E")));
            }
            if warnings > 0 {
                counts.push_str(&format!(" {}{warnings}", app.lang.t("V", "W")));
            }
            let votes: usize = m.paragraphs.iter().map(|p| p.votes.len()).sum();
            if votes > 0 {
                counts.push_str(&format!(" ⚖{votes}"));
            }
            if let Some(search) = &app.search {
                let hits = search.hits.iter().filter(|h| h.meeting_index == i).count();
                if hits > 0 {
                    counts.push_str(&format!(" •{hits}"));
                }
            }
            // Counts first: a long body name is cut at the pane's edge, the counts must not be.
            format!("{date}{counts}  {who}  ({} §)", m.paragraphs.len())
        })
        .collect();
    let title = format!("{} {}", t(app, s::MEETINGS), app.order.len());
    if rows.is_empty() {
        frame.render_widget(
            Paragraph::new(t(app, s::NO_MEETINGS)).block(block(app, theme, Pane::Meetings, &title)),
            area,
        );
        return 0;
    }
    render_list(
        frame,
        app,
        theme,
        area,
        &ListView {
            pane: Pane::Meetings,
            title: &title,
            rows: &rows,
            selected: app.meeting,
        },
    )
}

fn render_agenda(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) -> usize {
    let Some(m) = app.current() else {
        frame.render_widget(block(app, theme, Pane::Agenda, t(app, s::AGENDA)), area);
        return 0;
    };
    let flagged = app.findings_of_current();
    let rows: Vec<String> = m
        .paragraphs
        .iter()
        .map(|p| {
            let mark = match app.marks.state(m, p.number) {
                State::Reviewed => '✓',
                State::Stale => '≈',
                State::Unreviewed => ' ',
            };
            let hit = app.search.as_ref().is_some_and(|s| {
                s.hits.iter().any(|h| {
                    Some(h.meeting_index) == app.order.get(app.meeting).copied()
                        && h.paragraph == Some(p.number)
                })
            });
            let flag = if hit {
                '•'
            } else if flagged
                .iter()
                .any(|f| f.paragraph == Some(p.number) && f.severity >= Severity::Warning)
            {
                '!'
            } else {
                ' '
            };
            format!("{mark}{flag}§ {:<3} {}", p.number, p.title)
        })
        .collect();
    let title = format!(
        "{} · {}",
        t(app, s::AGENDA),
        m.date.as_deref().unwrap_or("")
    );
    render_list(
        frame,
        app,
        theme,
        area,
        &ListView {
            pane: Pane::Agenda,
            title: &title,
            rows: &rows,
            selected: app.para,
        },
    )
}

/// The § as styled lines: heading, Dnr, the decision block, then the text (which has the
/// presenters as written) with its section headings.
fn render_body(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) -> (usize, Vec<u32>) {
    let width = usize::from(area.width.saturating_sub(2)).max(1);
    let (lines, rows) = super::body::lines(app, theme, width);
    let total = lines.len();
    let title = match (app.current(), app.paragraph()) {
        (Some(m), Some(p)) => format!(
            "{} § {} · {}/{}",
            t(app, s::PARAGRAPH),
            p.number,
            app.para + 1,
            m.paragraphs.len()
        ),
        _ => t(app, s::PARAGRAPH).to_owned(),
    };
    let scroll = app.body_scroll.min(total.saturating_sub(1));
    let visible: Vec<Line> = lines.into_iter().skip(scroll).collect();
    frame.render_widget(
        Paragraph::new(visible).block(block(app, theme, Pane::Body, &title)),
        area,
    );
    (total, rows)
}

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

fn render_roster(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) -> usize {
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

fn render_tabs(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    let names = [s::MEETINGS, s::AGENDA, s::PARAGRAPH, s::ROSTER];
    let w = usize::from(area.width) / 4;
    let spans: Vec<Span> = PANES
        .iter()
        .zip(names)
        .map(|(p, n)| {
            let label = pad(&truncate(&format!(" {}", t(app, n)), w), w);
            Span::styled(
                label,
                if *p == app.focus {
                    theme.selected
                } else {
                    theme.dim
                },
            )
        })
        .collect();
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn render_status(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    let width = usize::from(area.width);
    let hints = t(app, s::HINTS);
    let left = if let Some(Overlay::Goto(typed)) = &app.overlay {
        format!(" {}{typed}▏", t(app, s::GOTO))
    } else if let Some(Overlay::Search(typed)) = &app.overlay {
        format!(" /{typed}▏")
    } else if let Some(Overlay::Filter(typed)) = &app.overlay {
        format!(
            " {}{typed}▏",
            app.lang.t(
                "Filter (år, organ, organisation): ",
                "Filter (year, body, organisation): "
            )
        )
    } else if let Some(Overlay::Note(typed)) = &app.overlay {
        format!(
            " {}{typed}▏",
            app.lang
                .t("Anteckning (Enter sparar): ", "Note (Enter saves): ")
        )
    } else {
        let mut l = format!(
            " protokoll · {} {}",
            app.order.len(),
            t(app, s::MEETINGS).to_lowercase()
        );
        if let Some(m) = app.current() {
            let _ = write!(
                l,
                " · {} {}",
                m.date.as_deref().unwrap_or(""),
                m.body.as_deref().unwrap_or("")
            );
            if let Some(p) = app.paragraph() {
                let _ = write!(l, " · § {}", p.number);
            }
            if let Some(search) = &app.search {
                let _ = match search.current {
                    Some(c) => write!(
                        l,
                        " · {} {}/{}",
                        app.lang.t("träff", "hit"),
                        c + 1,
                        search.hits.len()
                    ),
                    None => write!(l, " · 0 {}", app.lang.t("träffar", "hits")),
                };
            }
            if !m.paragraphs.is_empty() {
                let _ = write!(
                    l,
                    " · {}/{} {}",
                    app.marks.reviewed_count(m),
                    m.paragraphs.len(),
                    app.lang.t("granskade", "reviewed")
                );
            }
        }
        if !app.filter.is_empty() {
            let _ = write!(
                l,
                " · {} \"{}\"",
                app.lang.t("filter", "filter"),
                app.filter
            );
        }
        l
    };
    let note = if let Some(msg) = &app.message {
        msg.clone()
    } else if !app.diagnostics.is_empty() {
        let n = app.diagnostics.len();
        format!(
            "{n} {}",
            t(app, if n == 1 { s::SKIPPED_ONE } else { s::SKIPPED })
        )
    } else {
        String::new()
    };
    let right = format!("{note}  {hints} ");
    let room = width.saturating_sub(right.width());
    let text = format!("{}{right}", pad(&truncate(&left, room), room));
    frame.render_widget(
        Paragraph::new(Line::styled(truncate(&text, width), theme.status)),
        area,
    );
}

fn render_loading(
    frame: &mut Frame,
    app: &App,
    theme: &Theme,
    area: Rect,
    done: usize,
    total: usize,
) {
    let r = popup(area, 50, 3);
    #[allow(clippy::cast_precision_loss)]
    let ratio = if total == 0 {
        0.0
    } else {
        (done as f64 / total as f64).clamp(0.0, 1.0)
    };
    let gauge = Gauge::default()
        .block(
            Block::default()
                .borders(Borders::ALL)
                .title(format!(" {} ", t(app, s::LOADING))),
        )
        .gauge_style(theme.border_focus)
        .ratio(ratio)
        .label(format!("{done} / {total}"));
    frame.render_widget(gauge, r);
}

/// Joins lines that a PDF export wrapped inside a paragraph: a line continues the one before when
/// it starts in lower case, or when the one before is long prose; bullets, tables (tabs) and lines
/// ending in `:` keep their own lines.
pub fn reflow(text: &str) -> Vec<String> {
    reflow_numbered(text, &[])
        .into_iter()
        .map(|(l, _)| l)
        .collect()
}

/// [`reflow`], keeping the source line where each joined line starts.
pub fn reflow_numbered(text: &str, numbers: &[u32]) -> Vec<(String, u32)> {
    let mut out: Vec<(String, u32)> = Vec::new();
    for (k, line) in text.lines().enumerate() {
        let number = numbers.get(k).copied().unwrap_or(0);
        let joins = out.last().is_some_and(|(prev, _): &(String, u32)| {
            !line.is_empty()
                && !prev.is_empty()
                && !prev.ends_with(':')
                && !line.contains('\t')
                && !prev.contains('\t')
                && crate::parse::scan::strip_bullet(line).is_none()
                && (line.trim_start().starts_with(char::is_lowercase) || prev.width() >= 60)
        });
        match out.last_mut() {
            Some((prev, _)) if joins => {
                prev.push(' ');
                prev.push_str(line.trim());
            }
            _ => out.push((line.to_owned(), number)),
        }
    }
    out
}

/// Tabs to spaces (to the next multiple of four): a terminal would drop them.
pub fn expand_tabs(s: &str) -> String {
    if !s.contains('\t') {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len() + 8);
    let mut col = 0;
    for c in s.chars() {
        if c == '\t' {
            let n = 4 - col % 4;
            out.extend(std::iter::repeat_n(' ', n));
            col += n;
        } else {
            out.push(c);
            col += c.width().unwrap_or(0);
        }
    }
    out
}

/// Word wrap to `width` display columns; continuation lines are indented by `indent`. Words
/// longer than a line are broken.
pub fn wrap(text: &str, width: usize, indent: usize) -> Vec<String> {
    let text = expand_tabs(text);
    let width = width.max(indent + 8);
    if text.width() <= width {
        return vec![text.trim_end().to_owned()];
    }
    let mut out: Vec<String> = Vec::new();
    let mut line = String::new();
    let mut line_w = 0;
    let lead: usize = text.chars().take_while(|c| *c == ' ').count();
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let ww = word.width();
        let sep = usize::from(line_w > 0);
        if line_w + sep + ww > width && line_w > 0 {
            out.push(std::mem::take(&mut line));
            line = " ".repeat(indent);
            line_w = indent;
        }
        if line.is_empty() && out.is_empty() {
            line = " ".repeat(lead);
            line_w = lead;
        }
        if line_w > 0 && !line.ends_with(' ') {
            line.push(' ');
            line_w += 1;
        }
        if ww > width - line_w.min(width) {
            // A word longer than the line: break it by characters.
            for c in word.chars() {
                let cw = c.width().unwrap_or(0);
                if line_w + cw > width {
                    out.push(std::mem::take(&mut line));
                    line = " ".repeat(indent);
                    line_w = indent;
                }
                line.push(c);
                line_w += cw;
            }
        } else {
            line.push_str(word);
            line_w += ww;
        }
    }
    if !line.trim().is_empty() {
        out.push(line);
    }
    out
}

/// Cuts a string to `width` display columns, with `…` when cut.
pub fn truncate(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_owned();
    }
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = c.width().unwrap_or(0);
        if w + cw + 1 > width {
            break;
        }
        out.push(c);
        w += cw;
    }
    if width > 0 {
        out.push('…');
    }
    out
}

pub(super) fn pad(s: &str, width: usize) -> String {
    let w = s.width();
    if w >= width {
        s.to_owned()
    } else {
        format!("{s}{}", " ".repeat(width - w))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_at_words_with_hanging_indent() {
        assert_eq!(
            wrap("- ett två tre fyra fem sex", 12, 2),
            ["- ett två", "  tre fyra", "  fem sex"]
        );
        assert_eq!(wrap("kort", 20, 0), ["kort"]);
        assert_eq!(wrap("a\tb", 20, 0), ["a   b"]);
        let long = wrap("Utjämningsutredningen", 10, 0);
        assert!(long.iter().all(|l| l.width() <= 10), "{long:?}");
    }

    #[test]
    fn reflows_wrapped_prose_but_not_lists() {
        let text = "Förslaget bygger på styrelsens inriktningsbeslut i mars och på dialogen.\nFokusområdena\nvälfärd och digitalisering.\n\n- punkt ett\n  fortsätter\nTjänsteskrivelse\nBeslut SocSam";
        assert_eq!(
            reflow(text),
            [
                "Förslaget bygger på styrelsens inriktningsbeslut i mars och på dialogen. Fokusområdena välfärd och digitalisering.",
                "",
                "- punkt ett fortsätter",
                "Tjänsteskrivelse",
                "Beslut SocSam"
            ]
        );
    }

    #[test]
    fn truncates_by_display_width() {
        assert_eq!(truncate("Lövgren", 10), "Lövgren");
        assert_eq!(truncate("Lövgren Åberg", 8), "Lövgren…");
        assert_eq!(
            compact_numbers(&[15, 16, 17, 19, 21, 22]),
            "15–17, 19, 21–22"
        );
    }
}
