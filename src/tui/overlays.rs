//! Drawing the layers over the panes: help (generated from the key table), load messages, the
//! person finder with its preview, and the person page.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::app::App;
use super::finder::{FinderState, PageRow, PersonPage};
use super::keys::BINDINGS;
use super::theme::Theme;
use super::view::{pad, t, truncate, wrap};
use crate::lang::{self as s, Lang};
use crate::people::{self, Appearance, Person, Role};
use crate::read::strip_controls;

/// A centred rectangle of at most `w` × `h`.
pub fn popup(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

fn framed<'a>(theme: &Theme, title: String) -> Block<'a> {
    Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border_focus)
        .title(title)
}

/// A framed box with a typing line at the top (`prompt` and what has been typed, with a
/// cursor); returns the area below it.
fn prompt_box(
    frame: &mut Frame,
    theme: &Theme,
    r: Rect,
    title: String,
    prompt: &'static str,
    query: &str,
) -> Rect {
    let outer = framed(theme, title);
    let inner = outer.inner(r);
    frame.render_widget(outer, r);
    let [input, below] = Layout::vertical([Constraint::Length(2), Constraint::Min(1)]).areas(inner);
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(prompt, theme.section),
            Span::raw(format!("{query}▏")),
        ])),
        input,
    );
    below
}

/// Every key, from the same table that dispatches them: two columns where there is room,
/// else one that scrolls (`j`/`k`).
pub fn render_help(frame: &mut Frame, app: &App, theme: &Theme, area: Rect, top: usize) {
    let cell = |b: &super::keys::Binding, w: usize| {
        vec![
            Span::styled(format!("  {:<11}", b.label), theme.section),
            Span::raw(truncate(
                app.lang.t(b.help.0, b.help.1),
                w.saturating_sub(13),
            )),
        ]
    };
    let two = area.width >= 120;
    let col_w = if two { 58 } else { 62 };
    let per_col = if two {
        BINDINGS.len().div_ceil(2)
    } else {
        BINDINGS.len()
    };
    let width = if two { col_w * 2 + 2 } else { col_w + 2 };
    let r = popup(area, width as u16, per_col as u16 + 3);
    let rows_fit = usize::from(r.height.saturating_sub(3));
    let top = if two {
        0
    } else {
        top.min(BINDINGS.len().saturating_sub(rows_fit))
    };
    let mut rows: Vec<Line> = Vec::new();
    for k in 0..per_col {
        let mut spans = Vec::new();
        if let Some(b) = BINDINGS.get(top + k) {
            spans.extend(cell(b, col_w));
        }
        if two && let Some(b) = BINDINGS.get(per_col + k) {
            let used: usize = spans.iter().map(|s: &Span| s.content.chars().count()).sum();
            spans.push(Span::raw(" ".repeat(col_w.saturating_sub(used))));
            spans.extend(cell(b, col_w));
        }
        rows.push(Line::from(spans));
    }
    let more = !two && top + rows_fit < BINDINGS.len();
    let title = format!(
        " {} · {}{} ",
        t(app, s::HELP),
        t(app, s::CLOSE),
        if more { " · j ↓" } else { "" }
    );
    frame.render_widget(Clear, r);
    frame.render_widget(Paragraph::new(rows).block(framed(theme, title)), r);
}

pub fn render_messages(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    let r = popup(
        area,
        area.width.saturating_sub(8).max(20),
        area.height.saturating_sub(4).max(5),
    );
    let width = usize::from(r.width.saturating_sub(2));
    let mut rows: Vec<Line> = Vec::new();
    for d in &app.diagnostics {
        for l in wrap(&strip_controls(&d.to_string()), width, 2) {
            rows.push(Line::styled(l, theme.warning));
        }
    }
    frame.render_widget(Clear, r);
    let title = format!(
        " {} {} · {} ",
        t(app, s::MESSAGES),
        app.diagnostics.len(),
        t(app, s::CLOSE)
    );
    frame.render_widget(Paragraph::new(rows).block(framed(theme, title)), r);
}

/// How an appearance is named in the UI language.
pub fn role_label(lang: Lang, role: Role) -> &'static str {
    let (sv, en) = match role {
        Role::Chair => ("ordförande", "chair"),
        Role::Secretary => ("sekreterare", "secretary"),
        Role::Adjuster => ("justerare", "adjuster"),
        Role::Member => ("ledamot", "member"),
        Role::Substitute => ("ersättare", "substitute"),
        Role::Staff => ("övrig deltagare", "staff"),
        Role::Guest => ("gäst", "guest"),
        Role::Absent => ("frånvarande", "absent"),
        Role::Signatory => ("undertecknar", "signs"),
        Role::Presenter => ("föredragande", "presents"),
        Role::Mentioned => ("nämns", "mentioned"),
        Role::Mover => ("yrkar", "moves"),
        Role::Voted => ("röstar", "votes"),
        Role::Reserved => ("reserverar sig", "reserves"),
        Role::Recused => ("jäv", "recused"),
        Role::Noted => ("protokollsanteckning", "note"),
    };
    lang.t(sv, en)
}

fn appearance_row(app: &App, a: &Appearance) -> String {
    let mut row = role_label(app.lang, a.role).to_owned();
    if let Some(n) = a.paragraph {
        row = format!("§ {n:<4} {row}");
    } else {
        row = format!("       {row}");
    }
    if let Some(v) = a.vote {
        let word = match v {
            crate::model::Ballot::Yes => app.lang.t("ja", "yes"),
            crate::model::Ballot::No => app.lang.t("nej", "no"),
            crate::model::Ballot::Abstain => app.lang.t("avstår", "abstains"),
            crate::model::Ballot::Absent => app.lang.t("frånvarande", "absent"),
        };
        row.push_str(&format!(": {word}"));
    }
    if let Some(d) = &a.detail {
        row.push_str(&format!(" ({d})"));
    }
    row.push_str(&format!(" · {} {}", app.lang.t("rad", "line"), a.line));
    row
}

fn meeting_heading(app: &App, id: &str) -> String {
    match app.library.meetings.iter().find(|m| m.id == id) {
        Some(m) => format!(
            "{}  {}",
            m.date.as_deref().unwrap_or(""),
            m.body.as_deref().unwrap_or(id)
        ),
        None => id.to_owned(),
    }
}

fn person_summary(app: &App, p: &Person) -> String {
    let (present, listed) = p.attendance();
    let mut line = p.name.clone();
    if !p.parties.is_empty() {
        line.push_str(&format!(" ({})", p.parties.join(", ")));
    }
    if !p.affiliations.is_empty() {
        line.push_str(&format!(" — {}", p.affiliations.join(", ")));
    }
    line.push_str(app.lang.t(" · närvarande ", " · present "));
    line.push_str(&format!(
        "{present} {} {listed} {}",
        app.lang.t("av", "of"),
        if listed == 1 {
            app.lang.t("möte", "meeting")
        } else {
            app.lang.t("möten", "meetings")
        }
    ));
    line
}

pub fn render_finder(frame: &mut Frame, app: &App, theme: &Theme, area: Rect, f: &FinderState) {
    let r = popup(
        area,
        area.width.saturating_sub(4).max(30),
        area.height.saturating_sub(2).max(8),
    );
    frame.render_widget(Clear, r);
    let title = format!(
        " {} · {} {} · {} ",
        app.lang.t("Hitta person", "Find a person"),
        f.hits.len(),
        app.lang.t("träffar", "found"),
        t(app, s::CLOSE)
    );
    let body = prompt_box(frame, theme, r, title, "@ ", &f.query);
    if f.hits.is_empty() {
        let none = app.lang.t(
            "Ingen med det namnet (stora och små bokstäver, å ä ö spelar ingen roll)",
            "Nobody by that name (case and å ä ö do not matter)",
        );
        frame.render_widget(Paragraph::new(Span::styled(none, theme.dim)), body);
        return;
    }
    let wide = body.width >= 70;
    let [list, preview] = Layout::horizontal([
        Constraint::Percentage(if wide { 45 } else { 100 }),
        Constraint::Min(0),
    ])
    .areas(body);
    let height = usize::from(list.height);
    let offset = f.selected.saturating_sub(height.saturating_sub(1));
    let width = usize::from(list.width);
    let mut rows = Vec::new();
    for (i, hit) in f.hits.iter().enumerate().skip(offset).take(height) {
        let p = &app.people.people[hit.person];
        let selected = i == f.selected;
        let base = if selected {
            theme.selected
        } else {
            ratatui::style::Style::new()
        };
        let mut spans: Vec<Span> = people::highlight(&p.name, &hit.indices)
            .into_iter()
            .map(|(text, on)| Span::styled(text, if on { base.patch(theme.matched) } else { base }))
            .collect();
        let n = p.meetings();
        let unit = if n == 1 {
            app.lang.t("möte", "meeting")
        } else {
            app.lang.t("möten", "meetings")
        };
        let extra = format!("  {n} {unit}");
        let used: usize = p.name.chars().count();
        spans.push(Span::styled(
            pad(
                &truncate(&extra, width.saturating_sub(used)),
                width.saturating_sub(used),
            ),
            if selected { base } else { theme.dim },
        ));
        rows.push(Line::from(spans));
    }
    frame.render_widget(Paragraph::new(rows), list);
    if wide && let Some(person) = f.current().and_then(|i| app.people.people.get(i)) {
        let w = usize::from(preview.width.saturating_sub(2));
        let mut lines = vec![
            Line::styled(truncate(&person_summary(app, person), w), theme.heading),
            Line::raw(""),
        ];
        let mut last = "";
        for a in &person.appearances {
            if a.meeting != last {
                lines.push(Line::styled(
                    truncate(&meeting_heading(app, &a.meeting), w),
                    theme.section,
                ));
                last = &a.meeting;
            }
            lines.push(Line::raw(truncate(
                &format!("  {}", appearance_row(app, a)),
                w,
            )));
        }
        frame.render_widget(
            Paragraph::new(lines).block(
                Block::default()
                    .borders(Borders::LEFT)
                    .border_style(theme.border),
            ),
            preview,
        );
    }
}

pub fn render_person(frame: &mut Frame, app: &App, theme: &Theme, area: Rect, page: &PersonPage) {
    let Some(person) = app.people.people.get(page.person) else {
        return;
    };
    let r = popup(
        area,
        area.width.saturating_sub(4).max(30),
        area.height.saturating_sub(2).max(8),
    );
    frame.render_widget(Clear, r);
    let outer = framed(
        theme,
        format!(
            " {} · Enter {} · {} ",
            person.name,
            app.lang.t("öppnar", "opens"),
            t(app, s::CLOSE)
        ),
    );
    let inner = outer.inner(r);
    frame.render_widget(outer, r);
    let w = usize::from(inner.width);
    let mut lines = vec![Line::styled(
        truncate(&person_summary(app, person), w),
        theme.heading,
    )];
    if !person.aliases.is_empty() {
        lines.push(Line::styled(
            truncate(
                &format!(
                    "{}: {}",
                    app.lang.t("Skrivs också", "Also written"),
                    person.aliases.join(", ")
                ),
                w,
            ),
            theme.dim,
        ));
    }
    lines.push(Line::raw(""));
    let top = lines.len();
    let height = usize::from(inner.height).saturating_sub(top);
    let offset = page.selected.saturating_sub(height.saturating_sub(1));
    for (i, row) in page.rows.iter().enumerate().skip(offset).take(height) {
        match row {
            PageRow::Meeting(id) => lines.push(Line::styled(
                truncate(&meeting_heading(app, id), w),
                theme.section,
            )),
            PageRow::Appearance(k) => {
                let text = pad(
                    &truncate(
                        &format!("  {}", appearance_row(app, &person.appearances[*k])),
                        w,
                    ),
                    w,
                );
                lines.push(if i == page.selected {
                    Line::styled(text, theme.selected)
                } else {
                    Line::raw(text)
                });
            }
        }
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The findings of the current meeting: severity, §, line and message; `Enter` goes there.
pub fn render_findings(frame: &mut Frame, app: &App, theme: &Theme, area: Rect, selected: usize) {
    let findings = app.findings_of_current();
    let r = popup(
        area,
        area.width.saturating_sub(6).max(30),
        area.height.saturating_sub(4).max(6),
    );
    frame.render_widget(Clear, r);
    let title = format!(
        " {} {} · Enter {} · {} ",
        app.lang.t("Anmärkningar", "Findings"),
        findings.len(),
        app.lang.t("går dit", "goes there"),
        t(app, s::CLOSE)
    );
    let outer = framed(theme, title);
    let inner = outer.inner(r);
    frame.render_widget(outer, r);
    let w = usize::from(inner.width);
    if findings.is_empty() {
        frame.render_widget(
            Paragraph::new(app.lang.t("Inga anmärkningar.", "No findings.")),
            inner,
        );
        return;
    }
    let mut lines: Vec<Line> = Vec::new();
    let mut selected_row = 0;
    for (i, f) in findings.iter().enumerate() {
        let (label, style) = match f.severity {
            crate::review::Severity::Error => (app.lang.t("fel", "error"), theme.warning),
            crate::review::Severity::Warning => (app.lang.t("varning", "warning"), theme.warning),
            crate::review::Severity::Info => ("info", theme.dim),
        };
        let para = f.paragraph.map(|n| format!("§ {n}")).unwrap_or_default();
        let head = format!(
            "{label:<8}{para:<7}{} {:<5} {}",
            app.lang.t("rad", "line"),
            f.line,
            f.code
        );
        if i == selected {
            selected_row = lines.len();
        }
        lines.push(if i == selected {
            Line::styled(pad(&head, w), theme.selected)
        } else {
            Line::styled(head, style)
        });
        for l in wrap(&f.message, w.saturating_sub(2), 0) {
            lines.push(Line::raw(format!("  {l}")));
        }
    }
    let height = usize::from(inner.height);
    let offset = (selected_row + 3).saturating_sub(height);
    frame.render_widget(
        Paragraph::new(lines.into_iter().skip(offset).collect::<Vec<_>>()),
        inner,
    );
}

/// "Find anything": one fuzzy list of meetings, § and people, each labelled with its kind.
pub fn render_anything(
    frame: &mut Frame,
    app: &App,
    theme: &Theme,
    area: Rect,
    a: &super::nav::AnythingState,
) {
    use super::nav::Target;
    let r = popup(
        area,
        area.width.saturating_sub(8).max(30),
        area.height.saturating_sub(4).max(8),
    );
    frame.render_widget(Clear, r);
    let title = format!(
        " {} · {} · {} ",
        app.lang.t("Hitta", "Find"),
        a.hits.len(),
        t(app, s::CLOSE)
    );
    let list = prompt_box(frame, theme, r, title, "› ", &a.query);
    let height = usize::from(list.height);
    let width = usize::from(list.width);
    let offset = a.selected.saturating_sub(height.saturating_sub(1));
    let mut rows = Vec::new();
    for (k, (i, indices)) in a.hits.iter().enumerate().skip(offset).take(height) {
        let Some(item) = app.items.get(*i) else {
            continue;
        };
        let kind = match item.target {
            Target::Meeting(_) => app.lang.t("möte  ", "meeting"),
            Target::Paragraph(..) => app.lang.t("§     ", "§      "),
            Target::Person(_) => app.lang.t("person", "person "),
        };
        let selected = k == a.selected;
        let base = if selected {
            theme.selected
        } else {
            ratatui::style::Style::new()
        };
        let mut spans = vec![Span::styled(
            format!("{kind} "),
            if selected { base } else { theme.dim },
        )];
        let label = truncate(&item.label, width.saturating_sub(8));
        spans.extend(
            people::highlight(&label, indices)
                .into_iter()
                .map(|(text, on)| {
                    Span::styled(text, if on { base.patch(theme.matched) } else { base })
                }),
        );
        if selected {
            let used = 8 + label.chars().count();
            spans.push(Span::styled(" ".repeat(width.saturating_sub(used)), base));
        }
        rows.push(Line::from(spans));
    }
    frame.render_widget(Paragraph::new(rows), list);
}
