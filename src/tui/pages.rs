//! Drawing the review's own pages: the help (every key from the key table, the legend of every
//! mark, the mouse, prompt editing and the report command), the meeting's page (`i`), the note
//! editor (`a`) and the list of search hits along the bottom. Pages scroll; each `render_*`
//! returns how far, so `G` and `j` stop at the end.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::app::{App, Pane};
use super::edit::LineEdit;
use super::keys::BINDINGS;
use super::overlays::popup;
use super::text::{clean, meeting_label, pad, wrap};
use super::theme::Theme;
use super::view::{block, fit_spans, list_offset, severity_mark, severity_style, t};
use crate::lang::{self as s, Text};
use crate::review::Severity;
use crate::review::marks::State;

fn framed<'a>(theme: &Theme, title: String) -> Block<'a> {
    Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border_focus)
        .title(title)
}

/// Draws `lines` in a framed popup scrolled to `top` (kept in range); returns the largest top.
fn scrolled(frame: &mut Frame, r: Rect, block: Block, lines: Vec<Line>, top: usize) -> usize {
    let height = usize::from(r.height.saturating_sub(2));
    let max = lines.len().saturating_sub(height);
    frame.render_widget(Clear, r);
    frame.render_widget(
        Paragraph::new(lines.into_iter().skip(top.min(max)).collect::<Vec<_>>()).block(block),
        r,
    );
    max
}

/// The legend of every mark the panes draw, with what it means.
const LEGEND: [(&str, Text); 8] = [
    ("✓", ("§ granskad", "§ reviewed")),
    (
        "≈",
        (
            "granskad, men texten har ändrats sedan",
            "reviewed, but its text has changed since",
        ),
    ),
    (
        "!",
        (
            "anmärkning i § (rött fel, gult varning, blått info)",
            "finding in the § (red error, yellow warning, blue info)",
        ),
    ),
    ("✎", ("anteckning på §", "note on the §")),
    (
        "•",
        (
            "sökträffar i mötet eller §; ▶ träffen som visas",
            "search hits in the meeting or §; ▶ the hit shown",
        ),
    ),
    (
        "E3",
        ("fel i mötet (F på svenska)", "errors in the meeting"),
    ),
    (
        "W1",
        (
            "varningar i mötet (V på svenska)",
            "warnings in the meeting",
        ),
    ),
    ("⚖2", ("omröstningar i mötet", "votes in the meeting")),
];

const MOUSE: [Text; 3] = [
    (
        "klick väljer en rad och rutan den står i",
        "a click selects a row and the pane it is in",
    ),
    (
        "hjulet rullar rutan under pekaren",
        "the wheel scrolls the pane under the pointer",
    ),
    (
        "under 80 kolumner: klick på en flik visar den rutan",
        "below 80 columns: a click on a tab shows that pane",
    ),
];

const PROMPTS: Text = (
    "← → Home End flyttar, Ctrl-U Ctrl-W Ctrl-K raderar, Esc avbryter, Enter utför",
    "← → Home End move, Ctrl-U Ctrl-W Ctrl-K delete, Esc cancels, Enter applies",
);

const REPORT: [Text; 2] = [
    (
        "protokoll check --format markdown [SÖKVÄG…] > granskning.md",
        "protokoll check --format markdown [PATH…] > review.md",
    ),
    (
        "anmärkningar, § kvar att granska, anteckningar; y/Y kopierar med OSC 52 (i tmux: set -g set-clipboard on)",
        "findings, § still to review, notes; y/Y copy with OSC 52 (in tmux: set -g set-clipboard on)",
    ),
];

/// The help: keys (two columns where both fit whole), then the marks, the mouse, prompt
/// editing and the report. Scrolls with `j` `k` `g` `G`; `?`, `Esc` or `q` close it.
pub fn render_help(frame: &mut Frame, app: &App, theme: &Theme, area: Rect, top: usize) -> usize {
    let label_w = BINDINGS.iter().map(|b| b.label.width()).max().unwrap_or(8) + 1;
    let help_w = BINDINGS
        .iter()
        .map(|b| app.lang.pick(b.help).width())
        .max()
        .unwrap_or(20);
    let col_w = 2 + label_w + help_w;
    let avail = usize::from(area.width.saturating_sub(4));
    let two = avail >= col_w * 2 + 2;
    let width = if two { col_w * 2 + 2 } else { avail.min(col_w) };
    let cell = |b: &super::keys::Binding, w: usize| -> Vec<Vec<Span<'static>>> {
        let text = wrap(app.lang.pick(b.help), w.saturating_sub(2 + label_w), 0);
        text.into_iter()
            .enumerate()
            .map(|(k, l)| {
                let key = if k == 0 { b.label } else { "" };
                vec![
                    Span::styled(format!("  {key:<label_w$}"), theme.section),
                    Span::raw(l),
                ]
            })
            .collect()
    };
    let mut lines: Vec<Line> = Vec::new();
    if two {
        let half = BINDINGS.len().div_ceil(2);
        for (k, first) in BINDINGS[..half].iter().enumerate() {
            let mut spans = cell(first, col_w).remove(0);
            if let Some(b) = BINDINGS.get(half + k) {
                spans = fit_spans(spans, col_w + 2, true);
                spans.extend(cell(b, col_w).remove(0));
            }
            lines.push(Line::from(spans));
        }
    } else {
        for b in BINDINGS {
            lines.extend(cell(b, width).into_iter().map(Line::from));
        }
    }
    let section = |lines: &mut Vec<Line>, title: Text| {
        lines.push(Line::raw(""));
        lines.push(Line::styled(app.lang.pick(title), theme.heading));
    };
    section(&mut lines, s::HELP_MARKS);
    for (mark, text) in LEGEND {
        let mark = match mark {
            "E3" => app.lang.t("F3", "E3"),
            "W1" => app.lang.t("V1", "W1"),
            m => m,
        };
        for (k, l) in wrap(app.lang.pick(text), width.saturating_sub(8), 0)
            .into_iter()
            .enumerate()
        {
            let m = if k == 0 { mark } else { "" };
            lines.push(Line::from(vec![
                Span::styled(format!("  {m:<5} "), theme.section),
                Span::raw(l),
            ]));
        }
    }
    section(&mut lines, s::HELP_MOUSE);
    for text in MOUSE {
        for l in wrap(&format!("  {}", app.lang.pick(text)), width, 4) {
            lines.push(Line::raw(l));
        }
    }
    section(&mut lines, s::HELP_PROMPTS);
    for l in wrap(&format!("  {}", app.lang.pick(PROMPTS)), width, 4) {
        lines.push(Line::raw(l));
    }
    section(&mut lines, s::HELP_REPORT);
    for text in REPORT {
        for l in wrap(&format!("  {}", app.lang.pick(text)), width, 4) {
            lines.push(Line::raw(l));
        }
    }
    let height = (lines.len() + 2).min(usize::from(area.height));
    let r = popup(area, width as u16 + 2, height as u16);
    let more = lines.len() > usize::from(r.height.saturating_sub(2));
    let title = format!(
        " {} · {}{} ",
        t(app, s::HELP),
        t(app, s::CLOSE_HELP),
        if more { " · j ↓ G" } else { "" }
    );
    scrolled(frame, r, framed(theme, title), lines, top)
}

/// The meeting's own page: who met where and when, its officers, the justering and the notice,
/// the § it declares, how far the review has come, and its findings by severity.
pub fn render_meeting(
    frame: &mut Frame,
    app: &App,
    theme: &Theme,
    area: Rect,
    top: usize,
) -> usize {
    let Some(m) = app.current() else { return 0 };
    let r = popup(
        area,
        area.width.saturating_sub(4).clamp(30, 100),
        area.height.saturating_sub(2).max(8),
    );
    let width = usize::from(r.width.saturating_sub(2)).max(10);
    let label_w = 14;
    let mut lines: Vec<Line> = Vec::new();
    let field = |lines: &mut Vec<Line>, label: Text, value: Option<String>| {
        let Some(value) = value.filter(|v| !v.trim().is_empty()) else {
            return;
        };
        let value = clean(&value).into_owned();
        for (k, l) in wrap(&value, width.saturating_sub(label_w + 1), 0)
            .into_iter()
            .enumerate()
        {
            let label = if k == 0 { app.lang.pick(label) } else { "" };
            lines.push(Line::from(vec![
                Span::styled(pad(label, label_w), theme.dim),
                Span::raw(" "),
                Span::raw(l),
            ]));
        }
    };
    lines.push(Line::styled(meeting_label(m), theme.heading));
    lines.push(Line::raw(""));
    field(&mut lines, s::ORGANISATION, m.organization.clone());
    field(&mut lines, s::BODY, m.body.clone());
    let time = match (&m.start, &m.end) {
        (Some(a), Some(b)) => Some(format!("{a}–{b}")),
        (Some(a), None) => Some(a.clone()),
        _ => None,
    };
    let when = [m.date.clone(), time]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    field(&mut lines, s::WHEN, Some(when));
    field(&mut lines, s::PLACE, m.place.clone());
    field(&mut lines, s::CHAIR_CAP, m.chair.clone());
    field(&mut lines, s::SECRETARY_CAP, m.secretary.clone());
    field(&mut lines, s::ADJUSTERS_CAP, Some(m.adjusters.join(", ")));
    if let Some(j) = &m.justering {
        let value = [j.date.clone(), j.place.clone()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(", ");
        field(&mut lines, s::JUSTERING, Some(value));
    }
    if let Some(n) = &m.notice {
        let mut parts = Vec::new();
        if let Some(p) = &n.posted {
            parts.push(format!("{} {p}", app.lang.pick(s::POSTED)));
        }
        if let Some(r) = &n.removed {
            parts.push(format!("{} {r}", app.lang.pick(s::REMOVED)));
        }
        if let Some(k) = &n.kept_at {
            parts.push(format!("{} {k}", app.lang.pick(s::KEPT_AT)));
        }
        field(&mut lines, s::NOTICE, Some(parts.join(", ")));
    }
    let found = match (m.paragraphs.first(), m.paragraphs.last()) {
        (Some(a), Some(b)) => format!("§ {}–{} ({})", a.number, b.number, m.paragraphs.len()),
        _ => String::new(),
    };
    let declared = crate::review::declared(m)
        .map(|d| format!("§ {}", super::roster::compact_numbers(&d.numbers)));
    field(
        &mut lines,
        s::PARAGRAPHS_LABEL,
        Some(match declared {
            Some(d) => format!(
                "{d} {} · {found} {}",
                app.lang.pick(s::DECLARED),
                app.lang.pick(s::FOUND)
            ),
            None => found,
        }),
    );
    field(
        &mut lines,
        s::SOURCE,
        Some(format!("{} ({})", m.source, m.reader)),
    );
    // Review progress: reviewed, changed since, still to review.
    lines.push(Line::raw(""));
    lines.push(Line::styled(app.lang.pick(s::REVIEW), theme.heading));
    let stale: Vec<u32> = m
        .paragraphs
        .iter()
        .filter(|p| app.marks.state(m, p.number) == State::Stale)
        .map(|p| p.number)
        .collect();
    let left: Vec<u32> = m
        .paragraphs
        .iter()
        .filter(|p| app.marks.state(m, p.number) != State::Reviewed)
        .map(|p| p.number)
        .collect();
    let progress = format!(
        "{} {} {} § {}",
        app.marks.reviewed_count(m),
        app.lang.pick(s::OF),
        m.paragraphs.len(),
        app.lang.pick(s::REVIEWED_MANY)
    );
    field(&mut lines, s::PROGRESS, Some(progress));
    if !left.is_empty() {
        field(
            &mut lines,
            s::TO_REVIEW,
            Some(super::roster::compact_numbers(&left)),
        );
    }
    if !stale.is_empty() {
        field(
            &mut lines,
            s::CHANGED_SINCE,
            Some(super::roster::compact_numbers(&stale)),
        );
    }
    // Findings, errors first.
    let findings = app.findings_of_current();
    lines.push(Line::raw(""));
    let counts: Vec<String> = [
        (Severity::Error, s::ERROR_N),
        (Severity::Warning, s::WARNING_N),
        (Severity::Info, s::INFO_N),
    ]
    .into_iter()
    .map(|(sev, noun)| {
        let n = findings
            .iter()
            .filter(|f| f.severity == sev && !f.accepted)
            .count();
        app.lang.count(n, noun)
    })
    .collect();
    let mut counts = counts;
    let accepted = findings.iter().filter(|f| f.accepted).count();
    if accepted > 0 {
        counts.push(app.lang.count(accepted, s::ACCEPTED_N));
    }
    lines.push(Line::from(vec![
        Span::styled(app.lang.pick(s::FINDINGS), theme.heading),
        Span::raw(format!("  {}", counts.join(" · "))),
    ]));
    for f in findings {
        let para = f.paragraph.map(|n| format!("§ {n} ")).unwrap_or_default();
        let tick = if f.accepted { "✓ " } else { "" };
        let head = format!(
            "{} {tick}{para}{} · ",
            severity_mark(app.lang, f.severity),
            s::line_label(app.lang, f.line)
        );
        let text = format!("{head}{}", clean(&f.message));
        let style = if f.accepted {
            theme.dim
        } else {
            severity_style(theme, f.severity)
        };
        for (k, l) in wrap(&text, width, 4).into_iter().enumerate() {
            lines.push(if k == 0 {
                Line::styled(l, style)
            } else {
                Line::raw(l)
            });
        }
    }
    let title = format!(
        " {} · {} ",
        app.lang.pick(s::MEETING_PAGE),
        t(app, s::CLOSE)
    );
    scrolled(frame, r, framed(theme, title), lines, top)
}

/// The note editor: the note wrapped over as many rows as it needs, with the cursor.
pub fn render_note(frame: &mut Frame, app: &App, theme: &Theme, area: Rect, edit: &LineEdit) {
    let number = app.paragraph().map_or(0, |p| p.number);
    let title = format!(
        " {} § {number} · {} ",
        app.lang.pick(s::NOTE),
        app.lang.pick(s::NOTE_KEYS)
    );
    render_line_box(frame, theme, area, title, edit);
}

/// The reason for accepting finding `selected` of the list, typed in a box like the note's at
/// the bottom of the findings list.
pub fn render_accept(
    frame: &mut Frame,
    app: &App,
    theme: &Theme,
    area: Rect,
    selected: usize,
    edit: &LineEdit,
) {
    let Some(f) = app.findings_of_current().get(selected) else {
        return;
    };
    let title = format!(
        " {} {} {} · {} ",
        app.lang.pick(s::ACCEPT),
        f.code,
        s::line_label(app.lang, f.line),
        app.lang.pick(s::ACCEPT_KEYS)
    );
    render_line_box(frame, theme, area, title, edit);
}

/// A line being typed, wrapped over as many rows as it needs with the cursor, in a framed box
/// near the bottom of `area`.
fn render_line_box(frame: &mut Frame, theme: &Theme, area: Rect, title: String, edit: &LineEdit) {
    let width = area.width.saturating_sub(4).clamp(20, 80);
    let inner = usize::from(width.saturating_sub(2));
    let (before, after) = edit.text().split_at(edit.cursor());
    let shown = format!("{}▏{}", clean(before), clean(after));
    let rows = wrap(&shown, inner, 0);
    let height = (rows.len() as u16 + 2).min(area.height);
    let r = Rect {
        y: area.y + area.height.saturating_sub(height + 1),
        ..popup(area, width, height)
    };
    let style = if edit.is_selected() {
        theme.selected
    } else {
        Style::new()
    };
    let lines: Vec<Line> = rows.into_iter().map(|l| Line::styled(l, style)).collect();
    // Long lines show their end, where the cursor usually is.
    let top = lines
        .len()
        .saturating_sub(usize::from(height.saturating_sub(2)));
    scrolled(frame, r, framed(theme, title), lines, top);
}

/// The list of search hits, like an editor's quickfix list: meeting, §, line and text of each,
/// the hit shown marked `▶`; with the focus, `j` `k` move and `Enter` goes there. Returns the
/// offset of the first row drawn.
pub fn render_hits(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) -> usize {
    let Some(search) = &app.search else { return 0 };
    let inner_h = usize::from(area.height.saturating_sub(2));
    let inner_w = usize::from(area.width.saturating_sub(2));
    let focused = app.focus == Pane::Hits && app.overlay.is_none();
    let offset = if focused {
        list_offset(search.selected, inner_h)
    } else {
        list_offset(search.current.unwrap_or(0), inner_h)
    };
    let mut lines = Vec::new();
    for (k, h) in search.hits.iter().enumerate().skip(offset).take(inner_h) {
        let m = &app.library.meetings[h.meeting_index];
        let marker = if search.current == Some(k) {
            "▶"
        } else {
            " "
        };
        let para = h.paragraph.map(|n| format!("§ {n}")).unwrap_or_default();
        let place = format!(
            "{marker}{} {} {para:<6} {:>5}: ",
            m.date.as_deref().unwrap_or("????-??-??"),
            super::text::truncate(&short_name(m), 14),
            h.line
        );
        let text = super::text::expand_tabs(clean(h.text.trim()).as_ref());
        let mut spans = vec![Span::styled(place, theme.dim)];
        let mut at = 0;
        for (a, b) in crate::search::highlights(&text, &search.terms) {
            if a < at {
                continue;
            }
            spans.push(Span::raw(text[at..a].to_owned()));
            spans.push(Span::styled(text[a..b].to_owned(), theme.found));
            at = b;
        }
        spans.push(Span::raw(text[at..].to_owned()));
        let selected = focused && k == search.selected;
        let spans = fit_spans(spans, inner_w, selected);
        lines.push(if selected {
            Line::from(
                spans
                    .into_iter()
                    .map(|s| Span::styled(s.content, theme.selected))
                    .collect::<Vec<_>>(),
            )
        } else {
            Line::from(spans)
        });
    }
    let title = format!(
        "{} · {} · n/N · Esc",
        app.lang.count(search.hits.len(), s::HIT_N),
        app.lang.pick(s::ENTER_GOES_THERE)
    );
    frame.render_widget(
        Paragraph::new(lines).block(block(app, theme, Pane::Hits, &title)),
        area,
    );
    offset
}

/// A meeting's body (or organisation, or id) for narrow columns.
fn short_name(m: &crate::model::Meeting) -> String {
    let label = meeting_label(m);
    label
        .split_once(' ')
        .map(|(_, rest)| rest.split(" · ").next().unwrap_or(rest).to_owned())
        .unwrap_or(label)
}
