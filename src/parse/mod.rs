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
pub mod header;
mod items;
mod meta;
pub mod municipal;
mod officers;
mod regions;
pub mod roster;
pub mod scan;
pub mod tables;
mod toc;

pub(crate) use meta::remainder;
pub use officers::{resolve, same_name, short_form_of};

use crate::model::{Diagnostic, Meeting, Paragraph, SourceLine};
use crate::read;

/// A line as the parser reads it: Markdown decoration stripped and trimmed, with its source line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub number: u32,
    pub t: String,
}

/// Parses decoded text. `source` names the file in diagnostics.
pub fn parse(text: &str, source: &str) -> (Meeting, Vec<Diagnostic>) {
    parse_lines(read::clean(text), source)
}

/// Parses lines already cleaned by [`read::clean`].
pub fn parse_lines(clean: Vec<SourceLine>, source: &str) -> (Meeting, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let lines = regions::join_wrapped_labels(
        clean
            .iter()
            .map(|l| Line {
                number: l.number,
                t: scan::strip_md(&l.text),
            })
            .collect(),
    );
    let toc = toc::find(&lines);
    let mut headings = items::section_headings(&lines, toc.as_ref().map(|t| &t.range));
    if let Some(appendix) = regions::appendix_table(&lines, &headings) {
        headings.retain(|(i, _)| *i < appendix);
    }
    let first_body = headings.first().map_or(lines.len(), |h| h.0);
    let header_end = toc
        .as_ref()
        .map_or(first_body, |t| t.range.start.min(first_body));
    let body_end = headings
        .last()
        .map_or(lines.len(), |&(i, _)| regions::body_end(&lines, i + 1));

    let header_cells = regions::cells(&lines[..header_end]);
    let h = header::read(&header_cells);
    let tail_cells = regions::cells(&lines[body_end.max(header_end)..]);
    let tail = header::read(&tail_cells);
    let esign = header::read_esignatures(&tail_cells);

    let mut m = Meeting {
        source: source.to_owned(),
        lines: clean,
        ..Meeting::default()
    };
    m.agenda = toc.map(|t| t.items).unwrap_or_default();

    for (k, (i, hd)) in headings.iter().enumerate() {
        let end = headings.get(k + 1).map_or(body_end, |n| n.0).max(i + 1);
        let b = body::read(&hd.rest, &lines[i + 1..end]);
        let mut p = Paragraph {
            number: hd.number,
            title: b.title,
            line: lines[*i].number,
            dnr: b.dnr,
            presenters: b.presenters,
            decisions: b.decisions,
            text: b.text,
            text_lines: b.text_lines,
            ..Paragraph::default()
        };
        municipal::read(&lines[i + 1..end], &mut p);
        m.paragraphs.push(p);
    }
    let tables = tables::read(&m.lines);
    attach::roll_tables(&mut m, &tables);
    m.notice = municipal::notice(&header_cells).or_else(|| municipal::notice(&tail_cells));
    if m.paragraphs.is_empty() {
        let line = lines
            .iter()
            .find(|l| !l.t.is_empty())
            .map_or(1, |l| l.number);
        diags.push(Diagnostic {
            path: source.to_owned(),
            line,
            message: if m.agenda.is_empty() {
                "no § found: expected headings like `§ 12 Title` or `§12`".to_owned()
            } else {
                "only a table of contents: its § headings have no body".to_owned()
            },
        });
    }

    meta::fill(&mut m, &h, &header_cells);
    officers::fill(&mut m, &h, &tail, &esign);
    attach::attendance(&mut m, tables);
    attach::serve_for_one_paragraph(&mut m);
    (m, diags)
}
