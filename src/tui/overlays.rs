//! Drawing the layers over the panes: load messages, the person finder with its preview, the
//! person page, the review findings and "find anything". (The help and the review's pages are
//! in `pages`.)

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::app::App;
use super::edit::LineEdit;
use super::finder::{FinderState, PageRow, PersonPage};
use super::text::{clean, meeting_label, pad, truncate, wrap};
use super::theme::Theme;
use super::view::{severity_mark, severity_style, t};
use crate::lang::{self as s, Lang};
use crate::people::{self, Appearance, Person, Role};

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
    query: &LineEdit,
) -> Rect {
    let outer = framed(theme, title);
    let inner = outer.inner(r);
    frame.render_widget(outer, r);
    let [input, below] = Layout::vertical([Constraint::Length(2), Constraint::Min(1)]).areas(inner);
    let mut spans = vec![Span::styled(prompt, theme.section)];
    spans.extend(query.spans(
        usize::from(input.width).saturating_sub(prompt.len()),
        theme.selected,
    ));
    frame.render_widget(Paragraph::new(Line::from(spans)), input);
    below
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
        for l in wrap(&clean(&d.to_string()), width, 2) {
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
        Some(m) => meeting_label(m),
        None => clean(id).into_owned(),
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
        "{present} {} {}",
        app.lang.pick(s::OF),
        app.lang.count(listed, s::MEETING_N)
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
        " {} · {} · {} ",
        app.lang.t("Hitta person", "Find a person"),
        app.lang.count(f.hits.len(), s::PERSON_N),
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
        let extra = format!("  {}", app.lang.count(p.meetings(), s::MEETING_N));
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

fn severity_noun(severity: crate::review::Severity) -> s::Noun {
    match severity {
        crate::review::Severity::Error => s::ERROR_N,
        crate::review::Severity::Warning => s::WARNING_N,
        crate::review::Severity::Info => s::INFO_N,
    }
}

/// The findings of the current meeting, errors first: severity (its letter, its word and its
/// colour), §, line and code, the message, and the lines it rests on (`  14 │ text`); an
/// accepted finding is dimmed, marked `✓` and shows the reason. `Enter` goes there, `a`
/// accepts.
pub fn render_findings(frame: &mut Frame, app: &App, theme: &Theme, area: Rect, selected: usize) {
    let findings = app.findings_of_current();
    let r = popup(
        area,
        area.width.saturating_sub(6).max(30),
        area.height.saturating_sub(4).max(6),
    );
    frame.render_widget(Clear, r);
    let accepted = findings.iter().filter(|f| f.accepted).count();
    let mut count = app.lang.count(findings.len(), s::FINDING_N);
    if accepted > 0 {
        count = format!("{count} ({})", app.lang.count(accepted, s::ACCEPTED_N));
    }
    let title = format!(
        " {count} · {} · {} · {} ",
        app.lang.pick(s::ENTER_GOES_THERE),
        app.lang.pick(s::ACCEPT_HINT),
        t(app, s::CLOSE)
    );
    let outer = framed(theme, title);
    let inner = outer.inner(r);
    frame.render_widget(outer, r);
    let w = usize::from(inner.width);
    if findings.is_empty() {
        frame.render_widget(Paragraph::new(app.lang.pick(s::NO_FINDINGS)), inner);
        return;
    }
    let mut lines: Vec<Line> = Vec::new();
    let mut selected_row = 0;
    for (i, f) in findings.iter().enumerate() {
        let label = app.lang.noun(1, severity_noun(f.severity));
        let style = if f.accepted {
            theme.dim
        } else {
            severity_style(theme, f.severity)
        };
        let para = f.paragraph.map(|n| format!("§ {n}")).unwrap_or_default();
        let tick = if f.accepted {
            format!(" ✓ {}", app.lang.pick(s::ACCEPTED_MARK))
        } else {
            String::new()
        };
        let head = format!(
            "{} {label:<11}{para:<7}{} {:<5} {}{tick}",
            severity_mark(app.lang, f.severity),
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
        for l in wrap(&clean(&f.message), w.saturating_sub(2), 0) {
            lines.push(Line::raw(format!("  {l}")));
        }
        for e in &f.evidence {
            let head = format!("  {:>5} │ ", e.line);
            let room = w.saturating_sub(head.chars().count());
            lines.push(Line::styled(
                format!("{head}{}", truncate(&clean(&e.text), room)),
                theme.dim,
            ));
        }
        if let Some(reason) = f.reason.as_deref().filter(|_| f.accepted) {
            let text = format!("✓ {}", clean(reason));
            for l in wrap(&text, w.saturating_sub(2), 2) {
                lines.push(Line::styled(format!("  {l}"), theme.reviewed));
            }
        }
    }
    let height = usize::from(inner.height);
    // The selected finding's head and its lines below it stay in view.
    let offset = (selected_row + 6).saturating_sub(height).min(selected_row);
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
        app.lang.count(a.hits.len(), s::ITEM_N),
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
