//! Word documents (`.docx`): the body of `word/document.xml` as text. Paragraphs become lines,
//! line breaks within a paragraph stay line breaks, table rows become lines with a tab between
//! cells, and list numbers that Word generates (`1.`, `a)`, `§ 12` from a numbered heading style)
//! are written out, since the parser needs the `§` numbers that Word keeps out of the text.
//! Page headers and footers are parts of their own and are not read, nor are footnotes and
//! comments. Tracked changes are read as if accepted: insertions are kept, deletions (also of
//! whole paragraphs) dropped, and the document gets a note that it is a draft.

use quick_xml::events::BytesStart;

use super::Document;
use super::numbering::{Numbering, Styles};
use super::zipped::{Format, Lines, Parts, ZipProblem, xml};

/// The name of this reader in the model.
pub const READER: &str = "docx";

/// The note for a document with tracked changes.
pub const TRACKED_CHANGES: &str = "draft with tracked changes; read as if accepted";

/// Reads the body of a Word document.
pub(super) fn extract(parts: &mut Parts) -> Result<Document, ZipProblem> {
    let styles = match parts.xml("word/styles.xml", Format::Word)? {
        Some(bytes) => Styles::parse(&bytes)?,
        None => Styles::default(),
    };
    let numbering = match parts.xml("word/numbering.xml", Format::Word)? {
        Some(bytes) => Numbering::parse(&bytes)?,
        None => Numbering::default(),
    };
    let body = parts
        .xml("word/document.xml", Format::Word)?
        .ok_or(ZipProblem::NoText)?;
    let mut walk = Body {
        styles,
        numbering,
        ..Body::default()
    };
    walk.run(&body)?;
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

/// A paragraph being read.
#[derive(Debug, Default)]
struct Para {
    text: String,
    style: Option<String>,
    /// `w:numPr` of the paragraph itself: (numId, level).
    num_id: Option<String>,
    level: Option<u8>,
    /// The paragraph mark was deleted (tracked): the paragraph joins the next one.
    mark_deleted: bool,
}

/// A table being read: the row and the cell that are open.
#[derive(Debug, Default)]
struct Table {
    row: Vec<String>,
    cell: Option<String>,
}

/// The walk over `word/document.xml`.
#[derive(Debug, Default)]
struct Body {
    styles: Styles,
    numbering: Numbering,
    out: Lines,
    /// Open paragraphs: more than one when a text box sits inside a paragraph.
    paras: Vec<Para>,
    tables: Vec<Table>,
    /// Inside `w:t`, whose text is the document's text (not `w:delText` or `w:instrText`).
    in_text: bool,
    /// Inside `w:pPr` (paragraph properties), where `w:tab` is a tab stop, not a tab.
    in_props: bool,
    /// Depth inside an element whose content is not read: deleted text, a paragraph's old
    /// properties, the fallback copy of a drawing.
    skip: usize,
    /// Text of paragraphs whose mark was deleted, waiting for the paragraph it joins.
    joined: String,
    tracked: bool,
}

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
        if self.in_text {
            self.push_text(s);
        }
    }
}

impl Body {
    fn run(&mut self, bytes: &[u8]) -> Result<(), ZipProblem> {
        xml::walk(Format::Word, "word/document.xml", bytes, self)?;
        // A deleted paragraph mark at the very end has nothing to join.
        if !self.joined.is_empty() {
            let rest = std::mem::take(&mut self.joined);
            self.out.push(&rest);
        }
        Ok(())
    }

    fn push_text(&mut self, s: &str) {
        if let Some(p) = self.paras.last_mut() {
            p.text.push_str(s);
        }
    }

    /// A page starts here: a form feed starts the line, as in `pdftotext` output, so that
    /// [`crate::read::clean`] sees pages (a page break inside a table cell is dropped later).
    fn page_break(&mut self) {
        if let Some(p) = self.paras.last_mut() {
            if !p.text.is_empty() && !p.text.ends_with('\n') {
                p.text.push('\n');
            }
            p.text.push('\x0c');
        }
    }

    /// An element opens (`empty`: and closes at once).
    fn start(&mut self, e: &BytesStart<'_>, empty: bool) {
        let name = e.local_name();
        let name = name.as_ref();
        if self.in_props {
            self.property(e, name, empty);
            return;
        }
        match name {
            "p" => {
                self.paras.push(Para::default());
                if empty {
                    // An empty paragraph is a blank line.
                    self.end("p");
                }
            }
            "pPr" if !empty => self.in_props = true,
            "t" if !empty => self.in_text = true,
            "tab" | "ptab" => self.push_text("\t"),
            "br" => match xml::attr(e, "type").as_deref() {
                Some("page") => self.page_break(),
                _ => self.push_text("\n"),
            },
            // Where Word broke pages when it last laid the document out.
            "lastRenderedPageBreak" => self.page_break(),
            "cr" => self.push_text("\n"),
            "noBreakHyphen" => self.push_text("-"),
            "softHyphen" => self.push_text("\u{ad}"),
            "tbl" if !empty => {
                // A table stands apart from the text around it, as in a text export.
                if self.tables.is_empty() {
                    self.out.blank();
                }
                self.tables.push(Table::default());
            }
            "tr" if !empty => {
                if let Some(t) = self.tables.last_mut() {
                    t.row.clear();
                }
            }
            "tc" if !empty => {
                if let Some(t) = self.tables.last_mut() {
                    t.cell = Some(String::new());
                }
            }
            "ins" | "moveTo" => self.tracked = true,
            // Deleted text, and the old properties of a tracked formatting change.
            "del" | "moveFrom" | "rPrChange" | "pPrChange" | "sectPrChange" | "tblPrChange"
            | "trPrChange" | "tcPrChange" | "tblGridChange" | "numberingChange" => {
                self.tracked = true;
                if !empty {
                    self.skip = 1;
                }
            }
            // `mc:Fallback` repeats `mc:Choice` for older readers; reading both doubles text.
            "Fallback" if !empty => self.skip = 1,
            _ => {}
        }
    }

    /// An element inside `w:pPr`: the style, the list and a deleted paragraph mark.
    fn property(&mut self, e: &BytesStart<'_>, name: &str, empty: bool) {
        let Some(p) = self.paras.last_mut() else {
            return;
        };
        match name {
            "pStyle" => p.style = xml::attr(e, "val"),
            "numId" => p.num_id = xml::attr(e, "val"),
            "ilvl" => p.level = xml::attr(e, "val").and_then(|v| v.parse().ok()),
            "del" | "moveFrom" => {
                p.mark_deleted = true;
                self.tracked = true;
            }
            "ins" | "moveTo" => self.tracked = true,
            "pPrChange" | "rPrChange" => {
                self.tracked = true;
                if !empty {
                    self.skip = 1;
                }
            }
            _ => {}
        }
    }

    fn end(&mut self, name: &str) {
        match name {
            "t" => self.in_text = false,
            "pPr" => self.in_props = false,
            "p" => {
                if let Some(p) = self.paras.pop() {
                    self.finish_paragraph(p);
                }
            }
            "tc" => {
                if let Some(t) = self.tables.last_mut()
                    && let Some(cell) = t.cell.take()
                {
                    t.row.push(cell);
                }
            }
            "tr" => {
                if let Some(t) = self.tables.last_mut() {
                    let row = std::mem::take(&mut t.row);
                    let line = row.join("\t");
                    self.deliver(&line, false, true);
                }
            }
            "tbl" => {
                self.tables.pop();
                if self.tables.is_empty() {
                    self.out.blank();
                }
            }
            _ => {}
        }
    }

    fn finish_paragraph(&mut self, p: Para) {
        let Para {
            text: body,
            style: style_id,
            num_id,
            level,
            mark_deleted,
        } = p;
        let style = style_id.as_deref().map(|s| self.styles.resolve(s));
        let (num_id, level) = match (num_id, style.as_ref().and_then(|s| s.num.clone())) {
            (Some(id), _) => (Some(id), level.unwrap_or(0)),
            (None, Some((id, style_level))) => (Some(id), level.unwrap_or(style_level)),
            (None, None) => (None, 0),
        };
        let label = num_id.and_then(|id| self.numbering.label(&id, level));
        let mut text = std::mem::take(&mut self.joined);
        if let Some(label) = label
            && !label.is_empty()
        {
            text.push_str(&label);
            text.push(' ');
        }
        text.push_str(&body);
        if mark_deleted {
            // Accepting the deletion of a paragraph mark joins this paragraph to the next.
            self.joined = text;
            return;
        }
        let heading = style.is_some_and(|s| s.heading)
            || style_id.as_deref().is_some_and(Styles::looks_like_heading);
        self.deliver(&text, heading, false);
    }

    /// Hands a finished paragraph (or table row) to where it belongs: the open table cell, or
    /// the text.
    fn deliver(&mut self, text: &str, heading: bool, row: bool) {
        // A row of a table nested in a cell, or a paragraph in a cell, joins that cell's text.
        let depth = if row {
            self.tables.len().saturating_sub(1)
        } else {
            self.tables.len()
        };
        if depth > 0
            && let Some(cell) = self.tables[depth - 1].cell.as_mut()
        {
            let flat = text.replace(['\n', '\x0c', '\t'], " ");
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
        self.out.push(text);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    fn body(inner: &str) -> (String, bool) {
        let xml = format!("<w:document {W}><w:body>{inner}</w:body></w:document>");
        let mut b = Body::default();
        b.run(xml.as_bytes()).unwrap();
        (b.out.into_text(), b.tracked)
    }

    #[test]
    fn paragraphs_breaks_and_tabs() {
        let (text, tracked) = body(
            "<w:p><w:pPr><w:tabs><w:tab w:val=\"left\" w:pos=\"2000\"/></w:tabs></w:pPr>\
             <w:r><w:t>Plats:</w:t><w:tab/><w:t xml:space=\"preserve\">Alstad &amp; </w:t></w:r>\
             <w:r><w:t>Björkå</w:t><w:br/><w:t>rad två</w:t></w:r></w:p><w:p/>\
             <w:p><w:r><w:t>sist</w:t></w:r></w:p>",
        );
        assert_eq!(text, "Plats:\tAlstad & Björkå\nrad två\n\nsist\n");
        assert!(!tracked);
    }

    #[test]
    fn tables_are_rows_of_tab_separated_cells() {
        let cell = |s: &str| format!("<w:tc><w:p><w:r><w:t>{s}</w:t></w:r></w:p></w:tc>");
        let (text, _) = body(&format!(
            "<w:p><w:r><w:t>Övriga</w:t></w:r></w:p><w:tbl><w:tr>{}{}{}</w:tr><w:tr>{}{}<w:tc><w:p/><w:p><w:r><w:t>§ 20</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:p><w:r><w:t>efter</w:t></w:r></w:p>",
            cell("Birgitta Sjödin"),
            cell("Kommunförbundet"),
            cell("sekreterare"),
            cell("Mats Hellström"),
            cell("Kommunförbundet"),
        ));
        assert_eq!(
            text,
            "Övriga\n\nBirgitta Sjödin\tKommunförbundet\tsekreterare\nMats Hellström\tKommunförbundet\t§ 20\n\nefter\n"
        );
    }

    #[test]
    fn tracked_changes_read_as_accepted() {
        let (text, tracked) = body(
            "<w:p><w:r><w:t xml:space=\"preserve\">Styrelsen </w:t></w:r>\
             <w:del w:id=\"1\"><w:r><w:delText>avslår</w:delText></w:r></w:del>\
             <w:ins w:id=\"2\"><w:r><w:t>beslutar</w:t></w:r></w:ins></w:p>\
             <w:p><w:pPr><w:rPr><w:del w:id=\"3\"/></w:rPr></w:pPr><w:r><w:t xml:space=\"preserve\">att godkänna </w:t></w:r></w:p>\
             <w:p><w:r><w:t>budgeten.</w:t></w:r></w:p>",
        );
        assert_eq!(text, "Styrelsen beslutar\natt godkänna budgeten.\n");
        assert!(tracked);
    }

    #[test]
    fn fallback_copies_and_field_codes_are_not_text() {
        let (text, _) = body(
            "<w:p><w:r><w:instrText>PAGE</w:instrText></w:r><mc:AlternateContent xmlns:mc=\"m\"><mc:Choice><w:t>ruta</w:t></mc:Choice><mc:Fallback><w:t>ruta</w:t></mc:Fallback></mc:AlternateContent></w:p>",
        );
        assert_eq!(text, "ruta\n");
    }

    #[test]
    fn numbered_headings_get_their_numbers() {
        let numbering = format!(
            "<w:numbering {W}><w:abstractNum w:abstractNumId=\"0\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"28\"/><w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"§ %1\"/></w:lvl>\
             <w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"lowerLetter\"/><w:lvlText w:val=\"%2)\"/></w:lvl></w:abstractNum>\
             <w:num w:numId=\"3\"><w:abstractNumId w:val=\"0\"/></w:num></w:numbering>"
        );
        let styles = format!(
            "<w:styles {W}><w:style w:type=\"paragraph\" w:styleId=\"Rubrik2\"><w:name w:val=\"heading 2\"/><w:pPr><w:numPr><w:numId w:val=\"3\"/></w:numPr></w:pPr></w:style>\
             <w:style w:type=\"paragraph\" w:styleId=\"Paragraf\"><w:name w:val=\"Paragraf\"/><w:basedOn w:val=\"Rubrik2\"/></w:style></w:styles>"
        );
        let xml = format!(
            "<w:document {W}><w:body><w:p><w:r><w:t>Inledning.</w:t></w:r></w:p>\
             <w:p><w:pPr><w:pStyle w:val=\"Rubrik2\"/></w:pPr><w:r><w:t>Upprop</w:t></w:r></w:p>\
             <w:p><w:pPr><w:pStyle w:val=\"Paragraf\"/></w:pPr><w:r><w:t>Budget</w:t></w:r></w:p>\
             <w:p><w:pPr><w:numPr><w:ilvl w:val=\"1\"/><w:numId w:val=\"3\"/></w:numPr></w:pPr><w:r><w:t>Lokaler</w:t></w:r></w:p></w:body></w:document>"
        );
        let mut b = Body {
            styles: Styles::parse(styles.as_bytes()).unwrap(),
            numbering: Numbering::parse(numbering.as_bytes()).unwrap(),
            ..Body::default()
        };
        b.run(xml.as_bytes()).unwrap();
        assert_eq!(
            b.out.into_text(),
            "Inledning.\n\n§ 28 Upprop\n\n§ 29 Budget\na) Lokaler\n"
        );
    }

    #[test]
    fn malformed_xml_is_an_error_not_a_panic() {
        let mut b = Body::default();
        let err = b.run(b"<w:document><w:body><w:p></w:body>").unwrap_err();
        assert!(err.to_string().contains("not well-formed XML"), "{err}");
    }
}
