//! `OpenDocument` text (`.odt`, the format of `LibreOffice`): the body of `content.xml` as text, in the
//! same shape as a Word document's (see [`super::docx`]): paragraphs and headings as lines,
//! `text:line-break` kept, table rows as tab-separated cells, list bullets and numbers written
//! out. Page headers and footers live in `styles.xml`, which is read only for list and heading
//! numbering; footnotes and comments are left out. Tracked changes are read as if accepted:
//! deleted text is kept apart in `text:tracked-changes`, which is skipped, and inserted text is
//! already in the body.

use std::collections::HashMap;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::Document;
use super::docx::TRACKED_CHANGES;
use super::zipped::{Format, Lines, Parts, ZipProblem, xml};

/// The name of this reader in the model.
pub const READER: &str = "odt";

/// Reads the body of an `OpenDocument` text.
pub(super) fn extract(parts: &mut Parts) -> Result<Document, ZipProblem> {
    let mut lists = ListStyles::default();
    if let Some(styles) = parts.xml("styles.xml", Format::OpenDocument)? {
        lists.parse(&styles, "styles.xml")?;
    }
    let content = parts
        .xml("content.xml", Format::OpenDocument)?
        .ok_or(ZipProblem::NoText)?;
    lists.parse(&content, "content.xml")?;
    let mut walk = Body {
        lists,
        spaces_left: SPACES_BUDGET,
        repeats_left: REPEATS_BUDGET,
        ..Body::default()
    };
    walk.run(&content)?;
    let notes = if walk.tracked {
        vec![TRACKED_CHANGES.to_owned()]
    } else {
        Vec::new()
    };
    Ok(Document {
        text: walk.out.into_text(),
        reader: READER,
        notes,
    })
}

/// How a list level or heading level shows its label.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Label {
    Bullet,
    Number {
        format: String,
        prefix: String,
        suffix: String,
        start: u32,
    },
}

/// List styles (`text:list-style`) and the outline numbering of headings (`text:outline-style`),
/// by name and level (1-based), with their counters.
#[derive(Debug, Default)]
struct ListStyles {
    levels: HashMap<(String, u8), Label>,
    counters: HashMap<String, [u32; 10]>,
}

/// The name under which heading numbering is kept among the list styles.
const OUTLINE: &str = "\0outline";

impl ListStyles {
    fn parse(&mut self, bytes: &[u8], part: &str) -> Result<(), ZipProblem> {
        let mut reader = Reader::from_reader(bytes);
        let mut buf = Vec::new();
        let mut style: Option<String> = None;
        loop {
            let event = match reader.read_event_into(&mut buf) {
                Ok(e) => e,
                Err(e) => return Err(xml::error(Format::OpenDocument, part, &reader, &e)),
            };
            match event {
                Event::Eof => break,
                Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                    "list-style" => style = xml::attr(&e, "name"),
                    "outline-style" => style = Some(OUTLINE.to_owned()),
                    name @ ("list-level-style-bullet"
                    | "list-level-style-number"
                    | "outline-level-style") => {
                        let level = xml::attr(&e, "level").and_then(|v| v.parse().ok());
                        if let (Some(s), Some(level)) = (&style, level) {
                            let label = if name == "list-level-style-bullet" {
                                Label::Bullet
                            } else {
                                Label::Number {
                                    format: xml::attr(&e, "num-format").unwrap_or_default(),
                                    prefix: xml::attr(&e, "num-prefix").unwrap_or_default(),
                                    suffix: xml::attr(&e, "num-suffix").unwrap_or_default(),
                                    start: xml::attr(&e, "start-value")
                                        .and_then(|v| v.parse().ok())
                                        .unwrap_or(1),
                                }
                            };
                            self.levels.insert((s.clone(), level), label);
                        }
                    }
                    _ => {}
                },
                Event::End(e)
                    if matches!(e.local_name().as_ref(), "list-style" | "outline-style") =>
                {
                    style = None;
                }
                _ => {}
            }
            buf.clear();
        }
        Ok(())
    }

    /// The label of the next item of `style` at `level` (1-based), counters moved on.
    fn label(&mut self, style: &str, level: u8) -> Option<String> {
        let level = level.clamp(1, 10);
        let label = self.levels.get(&(style.to_owned(), level))?;
        let counters = self.counters.entry(style.to_owned()).or_insert([0; 10]);
        let i = usize::from(level - 1);
        for c in &mut counters[i + 1..] {
            *c = 0;
        }
        match label {
            Label::Bullet => Some("•".to_owned()),
            Label::Number {
                format,
                prefix,
                suffix,
                start,
            } => {
                counters[i] = if counters[i] == 0 {
                    *start
                } else {
                    counters[i].saturating_add(1)
                };
                let number = match format.as_str() {
                    "" => return None,
                    "a" => letter(counters[i], b'a'),
                    "A" => letter(counters[i], b'A'),
                    _ => counters[i].to_string(),
                };
                Some(format!("{prefix}{number}{suffix}").trim().to_owned())
            }
        }
    }
}

fn letter(n: u32, base: u8) -> String {
    let n = n.max(1) - 1;
    char::from(base + (n % 26) as u8).to_string()
}

#[derive(Debug, Default)]
struct Para {
    text: String,
    heading: bool,
    /// The label written before the text: a list bullet or number.
    label: Option<String>,
    /// The last character came from collapsible white space (ODF collapses runs of it).
    space: bool,
}

/// An open table. Its row is written as it is read, cells between tabs; empty cells are only
/// counted, and written out when a cell with text follows them: trailing ones are layout, and a
/// run of them repeated (`table:number-columns-repeated`) must not cost what it claims.
#[derive(Debug, Default)]
struct Table {
    /// The open row's cells so far, tab-separated.
    row: String,
    /// Cells written into `row`.
    written: usize,
    /// Empty cells since the last cell with text, one for each element.
    empties: usize,
    /// What their repeats add to `empties`, clamped per cell (see [`Body::end`]).
    repeated: usize,
    cell: Option<String>,
    /// How many times the open cell repeats (`table:number-columns-repeated`).
    repeat: usize,
}

impl Table {
    fn put(&mut self, text: &str) {
        if self.written > 0 {
            self.row.push('\t');
        }
        self.row.push_str(text);
        self.written += 1;
    }

    fn clear(&mut self) {
        self.row.clear();
        self.written = 0;
        self.empties = 0;
        self.repeated = 0;
    }
}

#[derive(Debug, Default)]
struct Body {
    lists: ListStyles,
    out: Lines,
    paras: Vec<Para>,
    tables: Vec<Table>,
    /// The style of each open `text:list`; nested lists without one inherit it.
    list_stack: Vec<Option<String>>,
    /// A list item whose first paragraph has not yet opened: that paragraph gets the label.
    item_pending: bool,
    skip: usize,
    /// Inside `text:number`, the number as last saved: it replaces our own label.
    in_number: bool,
    tracked: bool,
    /// Spaces that `text:s` may still add (see there).
    spaces_left: usize,
    /// Repeated empty cells that may still be written out (see [`Table`]).
    repeats_left: usize,
}

/// The spaces `text:s` may add to one document: far more than a protocol's layout needs.
const SPACES_BUDGET: usize = 1024 * 1024;

/// The empty cells `table:number-columns-repeated` may add to one document: a protocol's
/// tables have a few hundred cells; a crafted file asked for 1.5 million, 64 times over.
/// Rows are never repeated: `table:number-rows-repeated` only copies a row, read once.
const REPEATS_BUDGET: usize = 100_000;

impl xml::Handler for Body {
    fn skip(&mut self) -> &mut usize {
        &mut self.skip
    }

    fn start(&mut self, e: &BytesStart<'_>, empty: bool) {
        Body::start(self, e, empty);
    }

    fn end(&mut self, name: &str) {
        Body::end(self, name);
    }

    fn text(&mut self, s: &str) {
        Body::text(self, s);
    }
}

impl Body {
    fn run(&mut self, bytes: &[u8]) -> Result<(), ZipProblem> {
        xml::walk(Format::OpenDocument, "content.xml", bytes, self)
    }

    /// Character data in a paragraph, white space collapsed as ODF says.
    fn text(&mut self, s: &str) {
        let Some(p) = self.paras.last_mut() else {
            return;
        };
        if self.in_number {
            p.label.get_or_insert_with(String::new).push_str(s);
            return;
        }
        for c in s.chars() {
            if matches!(c, ' ' | '\t' | '\n' | '\r') {
                if !p.space {
                    p.text.push(' ');
                    p.space = true;
                }
            } else {
                p.text.push(c);
                p.space = false;
            }
        }
    }

    /// Text that is not collapsed: `text:s`, `text:tab`, `text:line-break`.
    fn literal(&mut self, s: &str) {
        if let Some(p) = self.paras.last_mut() {
            p.text.push_str(s);
            p.space = false;
        }
    }

    fn start(&mut self, e: &BytesStart<'_>, empty: bool) {
        let name = e.local_name();
        match name.as_ref() {
            "p" | "h" if !empty => self.open_paragraph(e, name.as_ref() == "h"),
            "p" | "h" => {
                // An empty paragraph is a blank line.
                self.open_paragraph(e, name.as_ref() == "h");
                self.end(name.as_ref());
            }
            "s" => {
                let n = xml::attr(e, "c")
                    .and_then(|v| v.parse::<usize>().ok())
                    .unwrap_or(1);
                // `text:s` is the one place where a few bytes of XML ask for much text: a
                // document gets a budget of spaces, and past it each run counts as one.
                let n = n.clamp(1, 1000).min(self.spaces_left.max(1));
                self.spaces_left = self.spaces_left.saturating_sub(n);
                self.literal(&" ".repeat(n));
            }
            "tab" => self.literal("\t"),
            // Where LibreOffice broke pages when it last laid the document out.
            "soft-page-break" => match self.paras.last_mut() {
                Some(p) => {
                    if !p.text.is_empty() && !p.text.ends_with('\n') {
                        p.text.push('\n');
                    }
                    p.text.push('\x0c');
                    p.space = true;
                }
                None => self.out.page(),
            },
            "line-break" => self.literal("\n"),
            "number" if !empty => {
                if let Some(p) = self.paras.last_mut() {
                    p.label = Some(String::new());
                }
                self.in_number = true;
            }
            "list" if !empty => {
                let style = xml::attr(e, "style-name")
                    .or_else(|| self.list_stack.last().cloned().flatten());
                self.list_stack.push(style);
            }
            "list-item" | "list-header" if !empty => {
                self.item_pending = name.as_ref() == "list-item";
            }
            "table" if !empty => {
                if self.tables.is_empty() {
                    self.out.blank();
                }
                self.tables.push(Table::default());
            }
            "table-row" if !empty => {
                if let Some(t) = self.tables.last_mut() {
                    t.clear();
                }
            }
            "table-cell" => {
                let repeat = xml::attr(e, "number-columns-repeated")
                    .and_then(|v| v.parse::<usize>().ok())
                    .unwrap_or(1);
                if let Some(t) = self.tables.last_mut() {
                    t.cell = Some(String::new());
                    // Spreadsheet-style runs of empty cells can repeat thousands of times.
                    t.repeat = repeat.clamp(1, 64);
                }
                if empty {
                    self.end("table-cell");
                }
            }
            "tracked-changes" => {
                // Deleted text is kept here; accepting the changes drops it.
                self.tracked = true;
                if !empty {
                    self.skip = 1;
                }
            }
            "change-start" | "change" | "change-end" => self.tracked = true,
            // Footnotes, comments and the drawing's fallback copy are not the protocol's text.
            "note" | "annotation" | "Fallback" if !empty => self.skip = 1,
            _ => {}
        }
    }

    fn open_paragraph(&mut self, e: &BytesStart<'_>, heading: bool) {
        let mut label = None;
        if heading && xml::attr(e, "is-list-header").as_deref() != Some("true") {
            let level = xml::attr(e, "outline-level")
                .and_then(|v| v.parse().ok())
                .unwrap_or(1);
            label = self.lists.label(OUTLINE, level);
        }
        if self.item_pending {
            self.item_pending = false;
            if let Some(Some(style)) = self.list_stack.last() {
                let level = self.list_stack.len().min(10) as u8;
                label = self.lists.label(&style.clone(), level);
            }
        }
        self.paras.push(Para {
            heading,
            label,
            space: true,
            ..Para::default()
        });
    }

    fn end(&mut self, name: &str) {
        match name {
            "p" | "h" => {
                if let Some(p) = self.paras.pop() {
                    let mut text = String::new();
                    if let Some(label) = p.label.as_deref().map(str::trim)
                        && !label.is_empty()
                    {
                        text.push_str(label);
                        text.push(' ');
                    }
                    text.push_str(&p.text);
                    self.deliver(&text, p.heading, false);
                }
            }
            "number" => self.in_number = false,
            "list" => {
                self.list_stack.pop();
            }
            "list-item" | "list-header" => self.item_pending = false,
            "table-cell" | "covered-table-cell" => {
                if let Some(t) = self.tables.last_mut()
                    && let Some(cell) = t.cell.take()
                {
                    if cell.is_empty() {
                        // Repeated empty cells keep the columns (repeating text could multiply
                        // it); past the document's budget each counts once.
                        t.empties += 1;
                        t.repeated += t.repeat.max(1) - 1;
                    } else {
                        let extra = t.repeated.min(self.repeats_left);
                        self.repeats_left -= extra;
                        for _ in 0..t.empties + extra {
                            t.put("");
                        }
                        (t.empties, t.repeated) = (0, 0);
                        t.put(&cell);
                    }
                }
            }
            "table-row" => {
                if let Some(t) = self.tables.last_mut() {
                    // Trailing empty cells are layout, not content: never written.
                    let line = std::mem::take(&mut t.row);
                    t.clear();
                    self.deliver(&line, false, true);
                }
            }
            "table" => {
                self.tables.pop();
                if self.tables.is_empty() {
                    self.out.blank();
                }
            }
            _ => {}
        }
    }

    /// A finished paragraph or row goes into the open table cell, or else into the text.
    fn deliver(&mut self, text: &str, heading: bool, row: bool) {
        let depth = if row {
            self.tables.len().saturating_sub(1)
        } else {
            self.tables.len()
        };
        if depth > 0
            && let Some(cell) = self.tables[depth - 1].cell.as_mut()
        {
            let flat = text.replace(['\n', '\t'], " ");
            let flat = flat.trim();
            if !flat.is_empty() {
                if !cell.is_empty() {
                    cell.push(' ');
                }
                cell.push_str(flat);
            }
            return;
        }
        if heading {
            self.out.blank();
        }
        self.out.push(text.trim_end_matches(' '));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NS: &str = r#"xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0""#;

    fn read(body: &str, styles: &str) -> (String, bool) {
        let xml = format!(
            "<office:document-content {NS}><office:automatic-styles>{styles}</office:automatic-styles><office:body><office:text>{body}</office:text></office:body></office:document-content>"
        );
        let mut lists = ListStyles::default();
        lists.parse(xml.as_bytes(), "content.xml").unwrap();
        let mut b = Body {
            lists,
            spaces_left: SPACES_BUDGET,
            repeats_left: REPEATS_BUDGET,
            ..Body::default()
        };
        b.run(xml.as_bytes()).unwrap();
        (b.out.into_text(), b.tracked)
    }

    #[test]
    fn paragraphs_spaces_tabs_and_breaks() {
        let (text, tracked) = read(
            "<text:h text:outline-level=\"1\">Protokoll</text:h>\n  <text:p>Plats:<text:tab/>Alstad\n   kansli<text:s text:c=\"2\"/>x<text:line-break/>rad två</text:p><text:p/>\
             <text:p>Sista <text:span>ordet</text:span><text:note><text:note-body><text:p>fotnot</text:p></text:note-body></text:note></text:p>",
            "",
        );
        assert_eq!(
            text,
            "Protokoll\nPlats:\tAlstad kansli  x\nrad två\n\nSista ordet\n"
        );
        assert!(!tracked);
    }

    #[test]
    fn lists_and_tables() {
        let (text, _) = read(
            "<text:list text:style-name=\"L1\"><text:list-item><text:p>Utse justerare</text:p></text:list-item></text:list>\
             <text:list text:style-name=\"L2\"><text:list-item><text:p>ett</text:p></text:list-item><text:list-item><text:p>två</text:p></text:list-item></text:list>\
             <table:table><table:table-row><table:table-cell><text:p>Lena Åkerman</text:p></table:table-cell><table:table-cell><text:p>Kommunförbundet</text:p></table:table-cell><table:table-cell table:number-columns-repeated=\"3\"/></table:table-row></table:table>",
            "<text:list-style style:name=\"L1\" xmlns:style=\"s\"><text:list-level-style-bullet text:level=\"1\" text:bullet-char=\"•\"/></text:list-style>\
             <text:list-style style:name=\"L2\" xmlns:style=\"s\"><text:list-level-style-number text:level=\"1\" style:num-format=\"1\" style:num-suffix=\".\"/></text:list-style>",
        );
        assert_eq!(
            text,
            "• Utse justerare\n1. ett\n2. två\n\nLena Åkerman\tKommunförbundet\n\n"
        );
    }

    #[test]
    fn repeated_empty_cells_keep_columns_within_a_budget() {
        let cell =
            |text: &str| format!("<table:table-cell><text:p>{text}</text:p></table:table-cell>");
        let empty = |n: usize| format!("<table:table-cell table:number-columns-repeated=\"{n}\"/>");
        let row = format!(
            "<table:table-row table:number-rows-repeated=\"1000000\">{}{}{}{}{}</table:table-row>",
            empty(2),
            cell("a"),
            empty(3),
            cell("b"),
            empty(1_000_000)
        );
        let (text, _) = read(&format!("<table:table>{row}</table:table>"), "");
        assert_eq!(text, "\t\ta\t\t\t\tb\n\n");
        // Past the budget, each empty cell counts once.
        let many = format!("{}{}", empty(64), cell("x")).repeat(REPEATS_BUDGET / 63 + 10);
        let (text, _) = read(
            &format!("<table:table><table:table-row>{many}</table:table-row></table:table>"),
            "",
        );
        let cells = REPEATS_BUDGET / 63 + 10;
        assert!(text.len() < REPEATS_BUDGET + 4 * cells, "{}", text.len());
        assert!(text.len() > REPEATS_BUDGET, "the budget is spent first");
    }

    #[test]
    fn tracked_changes_read_as_accepted() {
        let (text, tracked) = read(
            "<text:tracked-changes><text:changed-region text:id=\"c1\"><text:deletion><text:p>avslår</text:p></text:deletion></text:changed-region></text:tracked-changes>\
             <text:p>Styrelsen <text:change text:change-id=\"c1\"/><text:change-start text:change-id=\"c2\"/>beslutar<text:change-end text:change-id=\"c2\"/></text:p>",
            "",
        );
        assert_eq!(text, "Styrelsen beslutar\n");
        assert!(tracked);
    }
}
