//! The parser: clean text in, a [`Meeting`] and diagnostics out. It never fails and never panics
//! on any input; what it cannot read it leaves `None` (or empty) and, where a reader would want
//! to know, says so in a [`Diagnostic`].
//!
//! A protocol has regions, found in this order: the § headings of the body ([`scan::heading`],
//! accepted only where a heading can stand: after a blank line, a page break, a sentence end, or
//! as a Markdown heading); a table of contents (a heading like `Innehållsförteckning` followed by
//! § entries, or entries with dot leaders and page numbers) which is not the body; the header
//! before both; and a tail after the last § (an e-signature appendix, a signature block). Each
//! region has its own reader: [`header`], [`body`], with [`roster`] for lists of people.

mod attach;
pub mod body;
mod decisions;
mod elected;
pub mod header;
mod items;
mod meta;
pub mod municipal;
mod officers;
mod prepare;
mod regions;
pub mod roster;
pub mod scan;
pub mod tables;
mod title;
mod toc;

pub(crate) use meta::remainder;
pub use officers::{resolve, same_name, short_form_either, short_form_of};

use crate::model::{Diagnostic, Meeting, Paragraph, Scheme, SourceLine};
use crate::read;

/// A line as the parser reads it: Markdown decoration stripped and trimmed, with its source line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub number: u32,
    pub t: String,
    /// Heading level where the source marks a heading (`## Title`, or Setext `Title` over
    /// `===`/`---`), else 0.
    pub level: u8,
    /// Leading spaces in the source beyond the document's margin (a table's cells, a quote).
    pub indent: u8,
}

/// Parses decoded text. `source` names the file in diagnostics.
pub fn parse(text: &str, source: &str) -> (Meeting, Vec<Diagnostic>) {
    parse_lines(read::clean(text), source)
}

/// Where a protocol's parts lie: the lines as the parser reads them, the TOC, the items and
/// where the header and the body end. The first stages of [`parse_lines`], which
/// [`outline`] shares.
struct Layout {
    lines: Vec<Line>,
    front: prepare::Front,
    toc: Option<toc::Toc>,
    scheme: Scheme,
    items: Vec<items::Item>,
    /// No heading was found: the text is one unnumbered item.
    unread: bool,
    first_body: usize,
    header_end: usize,
    body_end: usize,
}

fn layout(clean: &[SourceLine]) -> Layout {
    let (lines, front) = prepare::lines(clean);
    let lines = regions::join_wrapped_labels(lines);
    let toc = toc::find(&lines);
    let (scheme, mut items) = items::find(&lines, toc.as_ref().map(|t| &t.range));
    if scheme == Scheme::Section
        && let Some(appendix) = regions::appendix_table(&lines, &items)
    {
        items.retain(|it| it.index < appendix);
    }
    let unread = items.is_empty();
    if unread {
        // Nothing heads items: the text is one unnumbered item, and the header is read from all
        // of it, so that what labels it holds are not lost.
        if let Some(first) = lines.iter().position(|l| !l.t.is_empty()) {
            items.push(items::Item {
                index: first,
                number: 1,
                rest: String::new(),
                lead: None,
                presenter: None,
            });
        }
    }
    let first_body = items.first().map_or(lines.len(), |h| h.index);
    let header_end = if unread {
        lines.len()
    } else {
        toc.as_ref()
            .map_or(first_body, |t| t.range.start.min(first_body))
    };
    let body_end = items
        .last()
        .map_or(lines.len(), |it| regions::body_end(&lines, it.index + 1));
    Layout {
        lines,
        front,
        toc,
        scheme,
        items,
        unread,
        first_body,
        header_end,
        body_end,
    }
}

impl Layout {
    /// The agenda: the TOC's items, or else (outside the § scheme) the numbered entries before
    /// the body.
    fn agenda(&mut self) -> Vec<crate::model::AgendaItem> {
        let agenda = self.toc.take().map(|t| t.items).unwrap_or_default();
        if agenda.is_empty() && self.scheme != Scheme::Section {
            return toc::numbered_entries(&self.lines, self.first_body);
        }
        agenda
    }

    /// Item `k`'s lines after its heading line, its lead (text on the heading line after the
    /// title) first.
    fn body_lines(&self, k: usize) -> std::borrow::Cow<'_, [Line]> {
        let it = &self.items[k];
        let end = self
            .items
            .get(k + 1)
            .map_or(self.body_end, |n| n.index)
            .max(it.index + 1);
        let after = &self.lines[it.index + 1..end];
        match &it.lead {
            Some(lead) => {
                let mut with_lead = Vec::with_capacity(after.len() + 1);
                with_lead.push(Line {
                    number: self.lines[it.index].number,
                    t: lead.clone(),
                    level: 0,
                    indent: 0,
                });
                with_lead.extend_from_slice(after);
                std::borrow::Cow::Owned(with_lead)
            }
            None => std::borrow::Cow::Borrowed(after),
        }
    }

    /// What is said of a text read as one unnumbered item.
    fn unread_diagnostic(&self, source: &str, agenda_empty: bool) -> Diagnostic {
        let line = self
            .lines
            .iter()
            .find(|l| !l.t.is_empty())
            .map_or(1, |l| l.number);
        Diagnostic {
            path: source.to_owned(),
            line,
            message: if agenda_empty {
                "no numbered items: the text is read as one unnumbered item".to_owned()
            } else {
                "only a table of contents: its items have no body".to_owned()
            },
        }
    }
}

/// What a search needs of a protocol: the date the library sorts by, each §'s number and
/// heading line, the last line of § text, and whether the file gives a meeting at all. Read
/// by the parser's own stages (see [`outline`]), so it agrees with [`parse_lines`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outline {
    pub date: Option<String>,
    /// `(heading line, number)` of each §, in order.
    pub paragraphs: Vec<(u32, u32)>,
    /// The last line of any § text (0 when no § has text).
    pub last_text_line: u32,
    /// Whether the full parse keeps the meeting: it has § or an agenda.
    pub kept: bool,
}

impl Outline {
    /// The outline of a meeting the whole parse gave.
    pub fn of(m: &Meeting) -> Outline {
        Outline {
            date: m.date.clone(),
            paragraphs: m.paragraphs.iter().map(|p| (p.line, p.number)).collect(),
            last_text_line: m
                .paragraphs
                .iter()
                .filter_map(|p| p.text_lines.last().copied())
                .max()
                .unwrap_or(0),
            kept: !m.paragraphs.is_empty() || !m.agenda.is_empty(),
        }
    }
}

/// The [`Outline`] of cleaned lines, with the diagnostics [`parse_lines`] gives: its stages
/// are the ones [`parse_lines`] runs first (layout, the header, the date), and of the §
/// bodies only where the last text line is.
pub fn outline(clean: &[SourceLine], source: &str) -> (Outline, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let mut layout = layout(clean);
    let agenda = layout.agenda();
    if layout.unread {
        diags.push(layout.unread_diagnostic(source, agenda.is_empty()));
    }
    let header_cells = regions::cells(&layout.lines[..layout.header_end]);
    let h = header::read_without_roster(&header_cells);
    let date = meta::meeting_date(&h, &header_cells, &layout.front, source, &mut diags);
    let paragraphs: Vec<(u32, u32)> = layout
        .items
        .iter()
        .map(|it| (layout.lines[it.index].number, it.number))
        .collect();
    // § text ends at the last item that has any.
    let last_text_line = (0..layout.items.len())
        .rev()
        .find_map(|k| body::last_text_line(&layout.items[k].rest, &layout.body_lines(k)))
        .unwrap_or(0);
    let outline = Outline {
        kept: !paragraphs.is_empty() || !agenda.is_empty(),
        date,
        paragraphs,
        last_text_line,
    };
    (outline, diags)
}

/// Parses lines already cleaned by [`read::clean`], in stages: lines as the parser reads them,
/// the regions (TOC, items, the tail after them), then a reader for each region.
pub fn parse_lines(clean: Vec<SourceLine>, source: &str) -> (Meeting, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let mut layout = layout(&clean);
    let Layout {
        scheme,
        unread,
        header_end,
        body_end,
        ..
    } = layout;
    let agenda = layout.agenda();
    let lines = &layout.lines;
    let header_cells = regions::cells(&lines[..header_end]);
    let h = header::read(&header_cells);
    let tail_cells = regions::cells(&lines[body_end.max(header_end)..]);
    let tail = header::read(&tail_cells);
    let esign = header::read_esignatures(&tail_cells);

    let mut m = Meeting {
        source: source.to_owned(),
        scheme,
        ..Meeting::default()
    };
    m.agenda = agenda;

    for (k, it) in layout.items.iter().enumerate() {
        let body_lines = layout.body_lines(k);
        let body_lines: &[Line] = &body_lines;
        let b = body::read(&it.rest, body_lines);
        let mut b = b;
        // "5. Utskickad dagordning godkändes.": an item written as one sentence decides in its
        // title when its text does not.
        if b.decisions.is_empty()
            && matches!(scheme, Scheme::Numbered | Scheme::Table)
            && decisions::decides(&b.title)
        {
            let title = Line {
                number: lines[it.index].number,
                t: b.title.clone(),
                level: 0,
                indent: 0,
            };
            b.decisions = decisions::read(std::slice::from_ref(&title)).0;
        }
        let mut presenters = b.presenters;
        if let Some(p) = &it.presenter
            && presenters.is_empty()
        {
            presenters.push(p.clone());
        }
        let mut p = Paragraph {
            number: it.number,
            title: b.title,
            line: lines[it.index].number,
            dnr: b.dnr,
            presenters,
            decisions: b.decisions,
            text: b.text,
            text_lines: b.text_lines,
            ..Paragraph::default()
        };
        municipal::read(body_lines, &mut p);
        m.paragraphs.push(p);
    }
    let tables = tables::read(&clean);
    m.lines = clean.into();
    attach::roll_tables(&mut m, &tables);
    m.notice = municipal::notice(&header_cells).or_else(|| municipal::notice(&tail_cells));
    if unread {
        diags.push(layout.unread_diagnostic(source, m.agenda.is_empty()));
    }

    meta::fill(&mut m, &h, &header_cells, &layout.front, &mut diags);
    m.doubts.roster = h.roster_columns;
    officers::fill(&mut m, &h, &tail, &esign);
    attach::attendance(&mut m, tables);
    attach::serve_for_one_paragraph(&mut m);
    attach::present_in_items(&mut m);
    attach::present_count(&mut m);
    (m, diags)
}
