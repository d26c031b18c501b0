//! The paragraph pane's content: heading, Dnr, the decision block, the reviewer's note, and the
//! text with its section headings. Text is marked on whole (reflowed) lines — names followed
//! from a person's page, search hits, cross-references and the selected one — and then wrapped,
//! so a mark is never lost where a line breaks.

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::app::App;
use super::text::{clean, expand_tabs, reflow_segments, wrap};
use super::theme::Theme;
use super::view::t;
use crate::lang as s;

/// A styled byte range of a line.
type Mark = (usize, usize, Style);

/// The source lines a drawn row shows, first and last; `(0, 0)` for rows of our own (the
/// decision block, votes, the note).
pub type RowLines = (u32, u32);

/// Whether a row shows source line `line`.
pub fn row_has(row: RowLines, line: u32) -> bool {
    row.0 != 0 && row.0 <= line && line <= row.1
}

/// The § as lines, and the source lines of each row. With line numbers on (`#`) each row that
/// starts a source line has its number in a gutter on the left.
pub fn lines<'a>(app: &App, theme: &Theme, width: usize) -> (Vec<Line<'a>>, Vec<RowLines>) {
    let Some(p) = app.paragraph() else {
        return (vec![Line::raw(super::view::empty_body(app))], vec![(0, 0)]);
    };
    let gutter = if app.line_numbers {
        let last = p.text_lines.iter().copied().max().unwrap_or(0).max(p.line);
        last.to_string().len() + 1
    } else {
        0
    };
    let (mut out, rows, numbers) = rows(app, theme, p, width.saturating_sub(gutter).max(1));
    if gutter > 0 {
        for (line, n) in out.iter_mut().zip(&numbers) {
            let label = n.map(|n| format!("{n:>w$} ", w = gutter - 1));
            let span = Span::styled(label.unwrap_or_else(|| " ".repeat(gutter)), theme.dim);
            line.spans.insert(0, span);
        }
    }
    (out, rows)
}

/// The rows of the §, each with its source lines and the line number to show in the gutter.
#[allow(clippy::type_complexity)]
fn rows<'a>(
    app: &App,
    theme: &Theme,
    p: &crate::model::Paragraph,
    width: usize,
) -> (Vec<Line<'a>>, Vec<RowLines>, Vec<Option<u32>>) {
    let mut out = Vec::new();
    let mark = app
        .current()
        .map_or_else(|| format!("§ {}", p.number), |m| m.item_mark(p.number));
    let heading = wrap(&format!("{mark}  {}", p.title), width, 0);
    let mut rows: Vec<RowLines> = vec![(p.line, p.line); heading.len()];
    let mut numbers: Vec<Option<u32>> = vec![None; heading.len()];
    numbers[0] = Some(p.line);
    let marked = |row: RowLines| app.jump_line.is_some_and(|j| row_has(row, j));
    for l in heading {
        let style = if marked((p.line, p.line)) {
            theme.heading.patch(theme.selected_unfocused)
        } else {
            theme.heading
        };
        out.push(Line::styled(l, style));
    }
    if let Some(dnr) = &p.dnr {
        out.push(Line::styled(format!("Dnr {dnr}"), theme.dim));
    }
    if !p.decisions.is_empty() {
        out.push(Line::raw(""));
        out.push(Line::from(vec![
            Span::styled("┃ ", theme.decision_border),
            Span::styled(t(app, s::DECISION), theme.section),
        ]));
        for d in &p.decisions {
            for (k, l) in wrap(d, width.saturating_sub(4), 0).into_iter().enumerate() {
                let bullet = if k == 0 { "• " } else { "  " };
                out.push(Line::from(vec![
                    Span::styled("┃ ", theme.decision_border),
                    Span::styled(format!("{bullet}{l}"), theme.decision),
                ]));
            }
        }
    }
    votes(&mut out, app, theme, p, width);
    if let Some(note) = app.current().and_then(|m| app.marks.note(m, p.number)) {
        out.push(Line::raw(""));
        for l in wrap(&format!("✎ {}", clean(note)), width, 2) {
            out.push(Line::styled(l, theme.note));
        }
    }
    out.push(Line::raw(""));
    rows.resize(out.len(), (0, 0));
    numbers.resize(out.len(), None);
    let terms = app
        .search
        .as_ref()
        .map(|s| s.terms.as_slice())
        .unwrap_or_default();
    let mut link = 0;
    let lines = reflow_segments(&p.text, &p.text_lines);
    for (i, reflowed) in lines.iter().enumerate() {
        let line = expand_tabs(&reflowed.text);
        let standalone = (i == 0 || lines[i - 1].text.is_empty())
            && lines.get(i + 1).is_none_or(|n| n.text.is_empty());
        let base = if standalone && crate::parse::body::is_section_heading(&line) {
            theme.section
        } else {
            Style::new()
        };
        let mut marks: Vec<Mark> = Vec::new();
        for r in crate::refs::scan(&line) {
            let style = if app.link == Some(link) {
                theme.selected
            } else {
                theme.link
            };
            marks.push((r.start, r.end, style));
            link += 1;
        }
        for (a, b) in crate::search::highlights(&line, terms) {
            marks.push((a, b, theme.found));
        }
        for (a, b) in names(&line, &app.highlight) {
            marks.push((a, b, theme.found));
        }
        let indent = if crate::parse::scan::strip_bullet(&line).is_some() {
            2
        } else {
            0
        };
        for (k, (a, b)) in wrap_ranges(&line, width, indent).into_iter().enumerate() {
            let mut spans = Vec::new();
            if k > 0 && indent > 0 {
                spans.push(Span::raw(" ".repeat(indent)));
            }
            // Offsets are the same in `line` and the reflowed text: a line with tabs (the only
            // thing expanded) is never joined to another, so it is one segment at offset 0.
            let row = if line.len() == reflowed.text.len() {
                reflowed.lines_of(a, b)
            } else {
                let n = reflowed.segments[0].1;
                (n, n)
            };
            let base = if marked(row) {
                base.patch(theme.selected_unfocused)
            } else {
                base
            };
            spans.extend(styled(&line, a, b, base, &marks));
            out.push(Line::from(spans));
            rows.push(row);
            numbers.push(if k == 0 {
                reflowed.segments.first().map(|s| s.1)
            } else {
                reflowed.line_starting_in(a, b)
            });
        }
    }
    (out, rows, numbers)
}

/// Votes as their own block — the result, what yes and no meant, the roll call by vote and
/// party as bars — then reservations and jäv, so they are seen at a glance.
fn votes(
    out: &mut Vec<Line<'_>>,
    app: &App,
    theme: &Theme,
    p: &crate::model::Paragraph,
    width: usize,
) {
    use crate::model::Ballot;
    let bar = |s: &str| Span::styled(s.to_owned(), theme.group);
    for v in &p.votes {
        out.push(Line::raw(""));
        let mut head = app.lang.t("Omröstning", "Vote").to_owned();
        if let (Some(y), Some(n)) = (v.yes, v.no) {
            head.push_str(&format!(
                ": {y} {} – {n} {}",
                app.lang.t("ja", "yes"),
                app.lang.t("nej", "no")
            ));
            if let Some(a) = v.abstain {
                head.push_str(&format!(" – {a} {}", app.lang.t("avstår", "abstain")));
            }
            if let Some(a) = v.absent {
                head.push_str(&format!(" – {a} {}", app.lang.t("frånvarande", "absent")));
            }
        }
        out.push(Line::from(vec![
            bar("┃ "),
            Span::styled(head, theme.section),
        ]));
        for (label, meaning) in [("JA", &v.yes_means), ("NEJ", &v.no_means)] {
            if let Some(m) = meaning {
                for l in wrap(&format!("{label} = {m}"), width.saturating_sub(2), 2) {
                    out.push(Line::from(vec![bar("┃ "), Span::raw(l)]));
                }
            }
        }
        let total = v.roll.len().max(1);
        for (ballot, sv, en) in [
            (Ballot::Yes, "Ja", "Yes"),
            (Ballot::No, "Nej", "No"),
            (Ballot::Abstain, "Avstår", "Abstain"),
            (Ballot::Absent, "Frånv.", "Absent"),
        ] {
            let who: Vec<&crate::model::RollEntry> =
                v.roll.iter().filter(|e| e.vote == ballot).collect();
            if who.is_empty() {
                continue;
            }
            let mut parties: Vec<(String, usize)> = Vec::new();
            for e in &who {
                let party = e.party.clone().unwrap_or_else(|| "–".into());
                match parties.iter_mut().find(|(p, _)| *p == party) {
                    Some((_, n)) => *n += 1,
                    None => parties.push((party, 1)),
                }
            }
            parties.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            let bar_len = (who.len() * 20).div_ceil(total);
            let by_party = parties
                .iter()
                .map(|(p, n)| format!("{p} {n}"))
                .collect::<Vec<_>>()
                .join(" · ");
            out.push(Line::from(vec![
                bar("┃ "),
                Span::raw(format!("{:<7}{:>3} ", app.lang.t(sv, en), who.len())),
                Span::styled("█".repeat(bar_len), theme.decision),
                Span::raw(format!(" {by_party}")),
            ]));
        }
    }
    for r in &p.reservations {
        let mut who = r.names.clone();
        who.extend(
            r.parties
                .iter()
                .map(|p| format!("{p}-{}", app.lang.t("ledamöterna", "members"))),
        );
        let written = if r.written {
            app.lang.t(" (skriftlig)", " (written)")
        } else {
            ""
        };
        for l in wrap(
            &format!(
                "⚑ {}: {}{written}",
                app.lang.t("Reservation", "Reservation"),
                who.join(", ")
            ),
            width,
            2,
        ) {
            out.push(Line::styled(l, theme.warning));
        }
    }
    for j in &p.recusals {
        out.push(Line::styled(
            format!(
                "⊘ {}: {}",
                app.lang.t("Jäv", "Conflict of interest"),
                j.name
            ),
            theme.warning,
        ));
    }
    if p.immediately_adjusted {
        out.push(Line::styled(
            app.lang
                .t("✓ Omedelbart justerad", "✓ Adjusted at the meeting")
                .to_owned(),
            theme.dim,
        ));
    }
}

/// Whole-word occurrences of any of `names` in `line`.
fn names(line: &str, names: &[String]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for name in names.iter().filter(|n| !n.is_empty()) {
        for (start, m) in line.match_indices(name.as_str()) {
            let end = start + m.len();
            let before = line[..start]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric());
            let after = line[end..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric());
            if before && after {
                out.push((start, end));
            }
        }
    }
    out
}

/// The spans of `line[a..b]`, each byte in the style of the last mark covering it.
fn styled<'a>(line: &str, a: usize, b: usize, base: Style, marks: &[Mark]) -> Vec<Span<'a>> {
    let mut cuts: Vec<usize> = vec![a, b];
    for &(s, e, _) in marks {
        cuts.extend([s, e].into_iter().filter(|&x| x > a && x < b));
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut spans = Vec::new();
    for w in cuts.windows(2) {
        let (s, e) = (w[0], w[1]);
        let style = marks
            .iter()
            .rev()
            .find(|&&(ms, me, _)| ms <= s && e <= me)
            .map_or(base, |&(_, _, st)| base.patch(st));
        spans.push(Span::styled(line[s..e].replace('\u{a0}', " "), style));
    }
    spans
}

/// Word wrap as byte ranges of `line`: rows break at spaces, continuation rows leave `indent`
/// columns for a hanging indent. A `§` and the number after it stay on one row.
pub fn wrap_ranges(line: &str, width: usize, indent: usize) -> Vec<(usize, usize)> {
    let width = width.max(indent + 8);
    if line.width() <= width {
        return vec![(0, line.trim_end().len())];
    }
    let mut out = Vec::new();
    let mut start = 0;
    while start < line.len() {
        let avail = if out.is_empty() {
            width
        } else {
            width - indent
        };
        let mut w = 0;
        let mut end = start;
        let mut last_break: Option<usize> = None;
        for (i, c) in line[start..].char_indices() {
            let at = start + i;
            if c == ' ' && !line[..at].ends_with('§') {
                last_break = Some(at);
            }
            let cw = c.width().unwrap_or(0);
            if w + cw > avail {
                break;
            }
            w += cw;
            end = at + c.len_utf8();
        }
        if end >= line.len() {
            out.push((start, line.len()));
            break;
        }
        let cut = last_break.filter(|&b| b > start).unwrap_or(end);
        out.push((start, cut));
        start = cut;
        while line[start..].starts_with(' ') {
            start += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_as_ranges_keeping_section_numbers_together() {
        let line = "Diskussion fördes om behovet, se mer i § 30 och framåt.";
        let rows = wrap_ranges(line, 40, 0);
        let texts: Vec<&str> = rows.iter().map(|&(a, b)| &line[a..b]).collect();
        assert!(texts.iter().all(|t| t.width() <= 40), "{texts:?}");
        assert!(texts.iter().any(|t| t.contains("§ 30")), "{texts:?}");
        let line = "Utjämningsutredningenärmycketlångtutanmellanslagalls";
        assert!(
            wrap_ranges(line, 10, 0)
                .iter()
                .all(|&(a, b)| line[a..b].width() <= 10)
        );
    }

    #[test]
    fn marks_split_spans() {
        let spans = styled(
            "se § 24 nu",
            0,
            11,
            Style::new(),
            &[(3, 8, Style::new().bold())],
        );
        let texts: Vec<String> = spans.iter().map(|s| s.content.to_string()).collect();
        assert_eq!(texts, ["se ", "§ 24", " nu"]);
    }
}
