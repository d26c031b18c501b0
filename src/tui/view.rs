//! Drawing: a function of the app's state. [`draw`] lays out the screen for its width (four
//! panes from 120 columns; from 80 the roster folds away and, opened with `r`, takes the place
//! of the meeting list and agenda; one pane with a tab bar below 80), with the list of search
//! hits along the bottom while a search has hits and a progress line while the library loads.
//! Each region has its own `render_*`; [`draw`] returns the geometry it used ([`Metrics`]) so
//! the mouse and paging can follow it. Text from protocols is cleaned of control sequences when
//! read; paths, notes and messages are cleaned here ([`clean`]) before they are drawn.

use std::fmt::Write as _;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, LineGauge, Paragraph};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::app::{App, Metrics, Overlay, PANES, Pane};
use super::overlays;
use super::text::{clean, meeting_label, pad, truncate};
use super::theme::Theme;
use crate::lang::{self as s, Lang, Text};
use crate::review::Severity;
use crate::review::marks::State;

/// Draws the whole screen and reports where things went.
pub fn draw(frame: &mut Frame, app: &App, theme: &Theme) -> Metrics {
    let area = frame.area();
    let mut m = Metrics {
        width: area.width,
        ..Metrics::default()
    };
    let gauge_h = u16::from(app.loading.is_some() || app.ocr.is_some());
    let [main, gauge, status] = Layout::vertical([
        Constraint::Min(1),
        Constraint::Length(gauge_h),
        Constraint::Length(1),
    ])
    .areas(area);
    let hits = app.search.as_ref().map_or(0, |s| s.hits.len());
    let main = if hits > 0 {
        let h = (hits as u16 + 2).min((main.height * 2 / 5).max(4));
        let [panes, list] =
            Layout::vertical([Constraint::Min(1), Constraint::Length(h)]).areas(main);
        m.hits = Some(list);
        panes
    } else {
        main
    };
    if area.width < 80 {
        let [tabs, pane] =
            Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(main);
        render_tabs(frame, app, theme, tabs);
        m.tabs = Some(tabs);
        match app.focus {
            Pane::Meetings => m.meetings = Some(pane),
            Pane::Agenda => m.agenda = Some(pane),
            Pane::Body | Pane::Hits => m.body = Some(pane),
            Pane::Roster => m.roster = Some(pane),
        }
    } else {
        let wide = area.width >= 120;
        // From 80 to 119 columns the roster, when open, replaces the left column: beside it
        // the paragraph would be squeezed to a few words a line.
        let left_w = match (wide, app.roster_open) {
            (true, _) => 40,
            (false, false) => 34,
            (false, true) => 0,
        };
        let roster_w = if wide || app.roster_open { 36 } else { 0 };
        let [left, body, roster] = Layout::horizontal([
            Constraint::Length(left_w),
            Constraint::Min(20),
            Constraint::Length(roster_w),
        ])
        .areas(main);
        if left_w > 0 {
            let [meetings, agenda] =
                Layout::vertical([Constraint::Percentage(40), Constraint::Percentage(60)])
                    .areas(left);
            m.meetings = Some(meetings);
            m.agenda = Some(agenda);
        }
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
        m.roster_lines = super::roster::render_roster(frame, app, theme, r);
    }
    if let Some(r) = m.hits {
        m.hits_offset = super::pages::render_hits(frame, app, theme, r);
    }
    if let Some(state) = &app.loading {
        render_loading(frame, app, theme, gauge, state);
    } else if let Some(state) = &app.ocr {
        render_ocr(frame, app, theme, gauge, state);
    }
    render_status(frame, app, theme, status);
    let full = Rect {
        height: area.height.saturating_sub(1),
        ..area
    };
    m.overlay_max = match &app.overlay {
        Some(Overlay::Help(top)) => super::pages::render_help(frame, app, theme, full, *top),
        Some(Overlay::Meeting(top)) => super::pages::render_meeting(frame, app, theme, full, *top),
        Some(Overlay::Note(edit)) => {
            super::pages::render_note(frame, app, theme, full, edit);
            0
        }
        Some(Overlay::Messages) => {
            overlays::render_messages(frame, app, theme, full);
            0
        }
        Some(Overlay::Finder(f)) => {
            overlays::render_finder(frame, app, theme, full, f);
            0
        }
        Some(Overlay::Findings(selected)) => {
            overlays::render_findings(frame, app, theme, full, *selected);
            0
        }
        Some(Overlay::Accept(selected, edit)) => {
            overlays::render_findings(frame, app, theme, full, *selected);
            super::pages::render_accept(frame, app, theme, full, *selected, edit);
            0
        }
        Some(Overlay::Person(page)) => {
            overlays::render_person(frame, app, theme, full, page);
            0
        }
        Some(Overlay::Anything(a)) => {
            overlays::render_anything(frame, app, theme, full, a);
            0
        }
        Some(Overlay::Goto(_) | Overlay::Search(_) | Overlay::Filter(..)) | None => 0,
    };
    m
}

pub(super) fn t(app: &App, text: Text) -> &'static str {
    app.lang.t(text.0, text.1)
}

pub(super) fn block<'a>(app: &App, theme: &Theme, pane: Pane, title: &str) -> Block<'a> {
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
pub(super) fn list_offset(selected: usize, height: usize) -> usize {
    if height == 0 {
        0
    } else {
        selected.saturating_sub(height - 1)
    }
}

/// Spans cut to `width` display columns (with `…` where cut), padded to it when `fill`.
pub(super) fn fit_spans(spans: Vec<Span<'_>>, width: usize, fill: bool) -> Vec<Span<'_>> {
    let mut out = Vec::new();
    let mut used = 0;
    for span in spans {
        let w = span.content.width();
        if used + w <= width {
            used += w;
            out.push(span);
            continue;
        }
        let cut = truncate(&span.content, width - used);
        used += cut.width();
        out.push(Span::styled(cut, span.style));
        break;
    }
    if fill && used < width {
        out.push(Span::raw(" ".repeat(width - used)));
    }
    out
}

/// A list pane: its rows (as spans), which one is selected, its title.
#[derive(Clone, Copy)]
struct ListView<'a> {
    pane: Pane,
    title: &'a str,
    /// How many rows the list has; only those on screen are made, by `row`: a list of ten
    /// thousand meetings is drawn at every frame while it loads.
    len: usize,
    row: &'a dyn Fn(usize) -> Vec<Span<'static>>,
    selected: usize,
}

fn render_list(frame: &mut Frame, app: &App, theme: &Theme, area: Rect, list: ListView) -> usize {
    let inner_h = usize::from(area.height.saturating_sub(2));
    let inner_w = usize::from(area.width.saturating_sub(2));
    let offset = list_offset(list.selected, inner_h);
    let focused = app.focus == list.pane;
    let lines: Vec<Line> = (offset..list.len.min(offset + inner_h))
        .map(|i| {
            let spans = (list.row)(i);
            if i == list.selected {
                let style = if focused {
                    theme.selected
                } else {
                    theme.selected_unfocused
                };
                let spans = fit_spans(spans, inner_w, true)
                    .into_iter()
                    .map(|s| Span::styled(s.content, style))
                    .collect::<Vec<_>>();
                Line::from(spans)
            } else {
                Line::from(fit_spans(spans, inner_w, false))
            }
        })
        .collect();
    frame.render_widget(
        Paragraph::new(lines).block(block(app, theme, list.pane, list.title)),
        area,
    );
    offset
}

/// The hits in meeting `i` (its index in the library), from hits in library order.
fn meeting_hits(hits: &[crate::search::Hit], i: usize) -> &[crate::search::Hit] {
    let start = hits.partition_point(|h| h.meeting_index < i);
    let end = start + hits[start..].partition_point(|h| h.meeting_index == i);
    &hits[start..end]
}

/// The letter of a severity as the badges and the findings list show it (Swedish F, V).
pub fn severity_mark(lang: Lang, severity: Severity) -> &'static str {
    match severity {
        Severity::Error => lang.t("F", "E"),
        Severity::Warning => lang.t("V", "W"),
        Severity::Info => "i",
    }
}

/// The style of a severity.
pub fn severity_style(theme: &Theme, severity: Severity) -> Style {
    match severity {
        Severity::Error => theme.error,
        Severity::Warning => theme.warning,
        Severity::Info => theme.info,
    }
}

fn render_meetings(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) -> usize {
    let row = |k: usize| {
        let i = app.order[k];
        let m = &app.library.meetings[i];
        let fs = &app.findings[i];
        let mut spans = vec![Span::raw(
            m.date.clone().unwrap_or_else(|| "????-??-??".to_owned()),
        )];
        // Counts first: a long body name is cut at the pane's edge, the counts must not be.
        for sev in [Severity::Error, Severity::Warning] {
            let n = fs
                .iter()
                .filter(|f| f.severity == sev && !f.accepted)
                .count();
            if n > 0 {
                spans.push(Span::raw(" "));
                spans.push(Span::styled(
                    format!("{}{n}", severity_mark(app.lang, sev)),
                    severity_style(theme, sev),
                ));
            }
        }
        let votes: usize = m.paragraphs.iter().map(|p| p.votes.len()).sum();
        if votes > 0 {
            spans.push(Span::raw(format!(" ⚖{votes}")));
        }
        if let Some(search) = &app.search {
            let hits = meeting_hits(&search.hits, i).len();
            if hits > 0 {
                spans.push(Span::styled(format!(" •{hits}"), theme.hit_mark));
            }
        }
        // A scan standing in until OCR has read it, or until a tool is installed.
        let waiting = match m.reader.as_str() {
            crate::library::READING => Some(s::READING_OCR),
            crate::library::UNREAD => Some(s::UNREAD),
            _ => None,
        };
        if let Some(what) = waiting {
            // No date yet: the file's name says which it is.
            return vec![Span::styled(
                format!("{}  {}", clean(&m.id), t(app, what)),
                theme.dim,
            )];
        }
        let label = meeting_label(m);
        let who = label.split_once(' ').map_or("", |(_, who)| who);
        spans.push(Span::raw(format!("  {who}  ({} §)", m.paragraphs.len())));
        spans
    };
    let title = format!("{} {}", t(app, s::MEETINGS), app.order.len());
    if app.order.is_empty() {
        let width = usize::from(area.width.saturating_sub(2)).max(1);
        let lines: Vec<Line> = empty_meetings(app)
            .iter()
            .flat_map(|l| super::text::wrap(l, width, 2))
            .map(|l| Line::styled(l, theme.dim))
            .collect();
        frame.render_widget(
            Paragraph::new(lines).block(block(app, theme, Pane::Meetings, &title)),
            area,
        );
        return 0;
    }
    render_list(
        frame,
        app,
        theme,
        area,
        ListView {
            pane: Pane::Meetings,
            title: &title,
            len: app.order.len(),
            row: &row,
            selected: app.meeting,
        },
    )
}

/// What the meeting list says when it is empty: what is true, and what to do.
pub fn empty_meetings(app: &App) -> Vec<String> {
    if app.loading.is_some() {
        return vec![t(app, s::STILL_LOADING).to_owned()];
    }
    if !app.filter.is_empty() && !app.library.meetings.is_empty() {
        return vec![format!(
            "{} “{}” — {}",
            t(app, s::NO_MATCH),
            clean(&app.filter),
            t(app, s::ESC_CLEARS_FILTER)
        )];
    }
    let mut out = Vec::new();
    for p in &app.sources {
        let shown = clean(&p.display().to_string()).into_owned();
        let under = |d: &crate::model::Diagnostic| {
            std::path::Path::new(&d.path).starts_with(p) && d.path != p.display().to_string()
        };
        if !p.exists() {
            out.push(format!("{shown} {}", t(app, s::DOES_NOT_EXIST)));
        } else if p.is_dir() && !app.diagnostics.iter().any(under) {
            out.push(format!("{shown} {}", t(app, s::NO_PROTOCOLS_IN)));
        } else {
            let n = app.diagnostics.iter().filter(|d| under(d)).count().max(1);
            let what = if p.is_dir() {
                app.lang.count(n, s::FILE_N)
            } else {
                shown
            };
            out.push(format!("{what} {}", t(app, s::NONE_READABLE)));
        }
    }
    if out.is_empty() {
        out.push(t(app, s::NO_MEETINGS).to_owned());
    }
    out
}

/// What the paragraph pane says without a § to show.
pub fn empty_body(app: &App) -> String {
    match app.current().map(|m| m.reader.as_str()) {
        Some(crate::library::READING) => t(app, s::SCAN_WAITING).to_owned(),
        Some(crate::library::UNREAD) => t(app, s::SCAN_UNREAD).to_owned(),
        Some(_) => t(app, s::NO_PARAGRAPHS).to_owned(),
        None => String::new(),
    }
}

/// The agenda: each § with its marks — reviewed `✓` or changed since `≈`, a finding `!` in the
/// colour of its worst severity, a note `✎`, a search hit `•` — then its number and title.
fn render_agenda(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) -> usize {
    let Some(m) = app.current() else {
        frame.render_widget(block(app, theme, Pane::Agenda, t(app, s::AGENDA)), area);
        return 0;
    };
    let flagged = app.findings_of_current();
    let here_hits = match (&app.search, app.order.get(app.meeting)) {
        (Some(search), Some(&here)) => meeting_hits(&search.hits, here),
        _ => &[],
    };
    let row = |k: usize| {
        let p = &m.paragraphs[k];
        let review = match app.marks.state(m, p.number) {
            State::Reviewed => Span::styled("✓", theme.reviewed),
            State::Stale => Span::styled("≈", theme.stale),
            State::Unreviewed => Span::raw(" "),
        };
        let worst = flagged
            .iter()
            .filter(|f| f.paragraph == Some(p.number) && !f.accepted)
            .map(|f| f.severity)
            .max();
        let finding = match worst {
            Some(sev) => Span::styled("!", severity_style(theme, sev)),
            None => Span::raw(" "),
        };
        let note = if app.marks.note(m, p.number).is_some() {
            Span::styled("✎", theme.note)
        } else {
            Span::raw(" ")
        };
        let hit = here_hits.iter().any(|h| h.paragraph == Some(p.number));
        let hit = if hit {
            Span::styled("•", theme.hit_mark)
        } else {
            Span::raw(" ")
        };
        vec![
            review,
            finding,
            note,
            hit,
            Span::raw(format!("{:<5} {}", m.item_mark(p.number), p.title)),
        ]
    };
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
        ListView {
            pane: Pane::Agenda,
            title: &title,
            len: m.paragraphs.len(),
            row: &row,
            selected: app.para,
        },
    )
}

/// The § as styled lines: heading, Dnr, the decision block, then the text (which has the
/// presenters as written) with its section headings.
fn render_body(
    frame: &mut Frame,
    app: &App,
    theme: &Theme,
    area: Rect,
) -> (usize, Vec<super::body::RowLines>) {
    let width = usize::from(area.width.saturating_sub(2)).max(1);
    let (lines, rows) = super::body::lines(app, theme, width);
    let total = lines.len();
    let title = match (app.current(), app.paragraph()) {
        (Some(m), Some(p)) => format!(
            "{} {} · {}/{}",
            t(app, s::PARAGRAPH),
            m.item_mark(p.number),
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

fn render_tabs(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    let names = [s::MEETINGS, s::AGENDA, s::PARAGRAPH, s::ROSTER];
    let w = usize::from(area.width) / 4;
    let spans: Vec<Span> = PANES
        .iter()
        .zip(names)
        .map(|(p, n)| {
            let label = pad(&truncate(&format!(" {}", t(app, n)), w), w);
            let on = *p == app.focus || (*p == Pane::Body && app.focus == Pane::Hits);
            Span::styled(label, if on { theme.selected } else { theme.dim })
        })
        .collect();
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// The status line. A prompt (`:`, `/`, `f`) takes all of it. Otherwise where the reader is
/// on the left, and on the right one note — the message of the last action, else what loading
/// left to read with `m` — then the key hints when there is room. The note wins over the
/// place, which is cut first, so two messages never run into each other.
fn render_status(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    let width = usize::from(area.width);
    let prompt = match &app.overlay {
        Some(Overlay::Goto(edit)) => Some((t(app, s::GOTO).to_owned(), edit)),
        Some(Overlay::Search(edit)) => Some(("/".to_owned(), edit)),
        Some(Overlay::Filter(edit, _)) => Some((t(app, s::FILTER_PROMPT).to_owned(), edit)),
        _ => None,
    };
    if let Some((label, edit)) = prompt {
        let label = format!(" {label}");
        let room = width.saturating_sub(label.width() + 1);
        let mut spans = vec![Span::styled(label, theme.status)];
        spans.extend(
            edit.spans(room, theme.selected)
                .into_iter()
                .map(|s| Span::styled(s.content, theme.status.patch(s.style))),
        );
        let spans = fit_spans(spans, width, true)
            .into_iter()
            .map(|s| Span::styled(s.content, theme.status.patch(s.style)))
            .collect::<Vec<_>>();
        frame.render_widget(Paragraph::new(Line::from(spans)), area);
        return;
    }
    let left = status_place(app);
    let note = status_note(app);
    let hints = t(app, s::HINTS);
    let note = truncate(&note, width.saturating_sub(12).max(width / 2));
    let with_hints = format!("{note}  {hints} ");
    let right = if note.is_empty() {
        format!("{hints} ")
    } else if with_hints.width() + 20 <= width {
        with_hints
    } else {
        format!("{note} ")
    };
    let room = width.saturating_sub(right.width() + 1);
    let text = format!("{} {right}", pad(&truncate(&left, room), room));
    frame.render_widget(
        Paragraph::new(Line::styled(truncate(&text, width), theme.status)),
        area,
    );
}

/// Where the reader is: meetings listed, the meeting, the §, the hit, the review progress.
fn status_place(app: &App) -> String {
    let mut l = format!(
        " protokoll · {}",
        app.lang.count(app.order.len(), s::MEETING_N)
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
                    app.lang.noun(1, s::HIT_N),
                    c + 1,
                    search.hits.len()
                ),
                None => write!(l, " · {}", app.lang.count(search.hits.len(), s::HIT_N)),
            };
        }
        if !m.paragraphs.is_empty() {
            let _ = write!(
                l,
                " · {}/{} {}",
                app.marks.reviewed_count(m),
                m.paragraphs.len(),
                t(app, s::REVIEWED_MANY)
            );
        }
    }
    if !app.filter.is_empty() {
        let _ = write!(l, " · {} “{}”", t(app, s::FILTER), clean(&app.filter));
    }
    l
}

/// The one note of the status line: the last action's message, else what loading left.
fn status_note(app: &App) -> String {
    if let Some(msg) = &app.message {
        return clean(msg).replace('\n', " ");
    }
    if app.skipped > 0 {
        return format!(
            "{} {}",
            app.lang.count(app.skipped, s::FILE_N),
            t(app, s::SKIPPED)
        );
    }
    if !app.diagnostics.is_empty() {
        return format!(
            "{} — {}",
            app.lang.count(app.diagnostics.len(), s::MESSAGE_N),
            t(app, s::PRESS_M)
        );
    }
    String::new()
}

/// The progress line while the library loads: a bar, files read of all, the file read last.
fn render_loading(
    frame: &mut Frame,
    app: &App,
    theme: &Theme,
    area: Rect,
    state: &super::app::LoadState,
) {
    #[allow(clippy::cast_precision_loss)]
    let ratio = if state.total == 0 {
        0.0
    } else {
        (state.done as f64 / state.total as f64).clamp(0.0, 1.0)
    };
    let label = format!(" {} {} / {} ", t(app, s::LOADING), state.done, state.total);
    let name = clean(&state.current).into_owned();
    progress(frame, theme, area, label, ratio, &name);
}

/// The progress line while scans are read by OCR after loading: a bar over the pages of the
/// scan being read, and which scan of how many.
fn render_ocr(
    frame: &mut Frame,
    app: &App,
    theme: &Theme,
    area: Rect,
    state: &super::app::OcrState,
) {
    #[allow(clippy::cast_precision_loss)]
    let ratio = if state.pages == 0 {
        0.0
    } else {
        (state.page as f64 / state.pages as f64).clamp(0.0, 1.0)
    };
    let label = format!(
        " {} {} / {} ",
        t(app, s::OCR_PAGE),
        (state.page + 1).min(state.pages.max(1)),
        state.pages.max(1)
    );
    let note = format!(
        "{} ({} {} / {})",
        clean(&state.current),
        t(app, s::OCR_SCAN),
        (state.done + 1).min(state.total),
        state.total
    );
    progress(frame, theme, area, label, ratio, &note);
}

/// One progress line: a bar labelled with the count, then what is being read, its start cut.
fn progress(frame: &mut Frame, theme: &Theme, area: Rect, label: String, ratio: f64, note: &str) {
    let [bar, file] = Layout::horizontal([
        Constraint::Length(label.width() as u16 + 20),
        Constraint::Min(0),
    ])
    .areas(area);
    frame.render_widget(
        LineGauge::default()
            .label(label)
            .filled_symbol("█")
            .unfilled_symbol("░")
            .filled_style(theme.border_focus)
            .unfilled_style(theme.dim)
            .ratio(ratio),
        bar,
    );
    let w = usize::from(file.width);
    frame.render_widget(
        Paragraph::new(Span::styled(
            format!(" {}", truncate_start(note, w.saturating_sub(1))),
            theme.dim,
        )),
        file,
    );
}

/// Cuts the start of `s` (a path: its end says most) to `width` columns, with `…`.
fn truncate_start(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_owned();
    }
    let mut out: Vec<char> = Vec::new();
    let mut w = 1;
    for c in s.chars().rev() {
        let cw = c.width().unwrap_or(0);
        if w + cw > width {
            break;
        }
        out.push(c);
        w += cw;
    }
    out.push('…');
    out.into_iter().rev().collect()
}
