#!/usr/bin/env python3
"""Makes the document fixtures in tests/fixtures/docs/ from the sample protocols in assets/.

Each sample becomes a .docx, an .odt and a .pdf that show the same protocol as a secretary's
word processor would save or print it, so tests/docs.rs can check that reading the document
gives the same model as reading the text. Markdown samples are rendered (headings, bold, bullet
lists, hard line breaks); text samples keep their lines, and rows with tabs become tables. The
PDFs have a text layer (Helvetica, WinAnsiEncoding), a footer on every page and a new page every
50 lines. The script also writes the hostile set in hostile/: zip bombs, broken archives, a PDF
without text layer and garbage.

Only the Python 3.11 standard library is needed; the output is deterministic, so running the
script again changes nothing unless the samples changed. Run it from anywhere:

    python3 scripts/make-fixtures.py
"""

from __future__ import annotations

import io
import random
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
ASSETS = ROOT / "assets"
OUT = ROOT / "tests" / "fixtures" / "docs"
# A fixed time for zip entries, so that the files are byte-for-byte reproducible.
ZIP_TIME = (2024, 1, 1, 0, 0, 0)


# ---------------------------------------------------------------------------------------------
# The document model shared by the three writers.


@dataclass
class Run:
    text: str
    bold: bool = False
    italic: bool = False
    # Tracked changes: "ins" is text that was inserted, "del" text that was deleted.
    change: str | None = None


@dataclass
class Para:
    # Each inner list is one visual line; lines after the first follow a hard line break.
    lines: list[list[Run]]
    heading: int = 0
    bullet: bool = False
    # The paragraph mark itself was deleted (a tracked change): it merges with the next one.
    mark_deleted: bool = False
    # A § heading numbered by its style: the word processor shows "§ {number}" before the
    # text, and only the PDF has the number in its text.
    number: int | None = None
    # A new page starts with this paragraph.
    page: bool = False


@dataclass
class Table:
    rows: list[list[str]]


@dataclass
class Doc:
    blocks: list = field(default_factory=list)
    tracked: bool = False
    # Text laid out in columns by spaces (pdftotext -layout output): each page a list of lines.
    pages: list[list[str]] | None = None
    # The first § number when § headings are numbered by their paragraph style.
    numbered_from: int | None = None


def inline(text: str) -> list[Run]:
    """Markdown emphasis to runs: **bold** and *italic*."""
    runs = []
    for part in re.split(r"(\*\*[^*]+\*\*|\*[^*\s][^*]*\*)", text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**") and len(part) > 4:
            runs.append(Run(part[2:-2], bold=True))
        elif part.startswith("*") and part.endswith("*") and len(part) > 2:
            runs.append(Run(part[1:-1], italic=True))
        else:
            runs.append(Run(part))
    return runs


def from_markdown(text: str) -> Doc:
    doc = Doc()
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        i += 1
        if line.strip() == "---":
            continue  # a rule: a border in a word processor, not text
        if not line.strip():
            doc.blocks.append(Para([[]]))
            continue
        m = re.match(r"^(#{1,6})\s+(.*)$", line)
        if m:
            title = m.group(2).strip()
            runs = [Run(r.text, bold=True) for r in inline(title)]
            doc.blocks.append(Para([runs], heading=len(m.group(1))))
            continue
        bullet = line.startswith("- ")
        body = line[2:] if bullet else line
        para = Para([inline(body.rstrip())], bullet=bullet)
        # Two spaces at the end of a line are a hard line break within the paragraph.
        while line.endswith("  ") and i < len(lines) and lines[i].strip():
            line = lines[i]
            i += 1
            para.lines.append(inline(line.rstrip()))
        doc.blocks.append(para)
    return doc


def from_text(text: str, numbered: bool = False) -> Doc:
    """Text lines as paragraphs, rows with tabs as tables. With `numbered`, § headings are
    numbered by their style, as in a Word template with a numbered heading style."""
    doc = Doc()
    if "\f" in text:
        # Printed pages with their own furniture: the PDF keeps the pages and the columns.
        doc.pages = [page.split("\n") for page in text.split("\f")]
    rows: list[list[str]] = []
    for line in text.split("\n"):
        page = "\f" in line
        line = line.replace("\f", "")
        if page:
            assert "\t" not in line, "a page that starts with a table row"
        if "\t" in line:
            rows.append(line.split("\t"))
            continue
        if rows:
            doc.blocks.append(Table(rows))
            rows = []
        heading = 2 if re.match(r"^§\s*\d+", line) else 0
        m = re.match(r"^§ (\d+) (.*)$", line)
        if numbered and m:
            n = int(m.group(1))
            if doc.numbered_from is None:
                doc.numbered_from = n
            last = max((b.number for b in doc.blocks if isinstance(b, Para) and b.number), default=n - 1)
            assert n == last + 1, f"§ {n} does not follow § {last}: cannot number by style"
            doc.blocks.append(Para([[Run(m.group(2))]], heading=2, number=n))
            continue
        doc.blocks.append(Para([[Run(line)]] if line else [[]], heading=heading, page=page))
    if rows:
        doc.blocks.append(Table(rows))
    return doc


def plain_lines(doc: Doc) -> list[tuple[str, bool]]:
    """The document as printed: (line, bold) pairs, table cells joined by tabs."""
    out = []
    for b in doc.blocks:
        if isinstance(b, Table):
            out.extend(("\t".join(r), False) for r in b.rows)
            continue
        for n, runs in enumerate(b.lines):
            text = "".join(r.text for r in runs if r.change != "del")
            if b.bullet and n == 0:
                text = "\u2022 " + text
            if b.number is not None and n == 0:
                text = f"§ {b.number} {text}"
            out.append((text, b.heading > 0))
    return out


# ---------------------------------------------------------------------------------------------
# DOCX: a zip of WordprocessingML parts.

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def w_text(text: str) -> str:
    """Text of a run: tabs are <w:tab/>, the rest <w:t> with spaces preserved."""
    parts = []
    for n, piece in enumerate(text.split("\t")):
        if n:
            parts.append("<w:tab/>")
        if piece:
            parts.append(f'<w:t xml:space="preserve">{escape(piece)}</w:t>')
    return "".join(parts)


def w_run(run: Run, rev: list[int]) -> str:
    props = ("<w:b/>" if run.bold else "") + ("<w:i/>" if run.italic else "")
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    if run.change == "del":
        body = f'<w:r>{rpr}<w:delText xml:space="preserve">{escape(run.text)}</w:delText></w:r>'
    else:
        body = f"<w:r>{rpr}{w_text(run.text)}</w:r>"
    if run.change:
        rev[0] += 1
        tag = "w:ins" if run.change == "ins" else "w:del"
        return f'<{tag} w:id="{rev[0]}" w:author="Jenny" w:date="2024-06-11T10:00:00Z">{body}</{tag}>'
    return body


def w_para(p: Para, rev: list[int]) -> str:
    ppr = ""
    if p.number is not None:
        ppr += '<w:pStyle w:val="Paragrafrubrik"/>'
    elif p.heading:
        ppr += f'<w:pStyle w:val="Rubrik{p.heading}"/>'
    if p.bullet:
        ppr += '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>'
    if p.mark_deleted:
        rev[0] += 1
        ppr += f'<w:rPr><w:del w:id="{rev[0]}" w:author="Jenny" w:date="2024-06-11T10:00:00Z"/></w:rPr>'
    out = [f"<w:p>{'<w:pPr>' + ppr + '</w:pPr>' if ppr else ''}"]
    if p.page:
        out.append('<w:r><w:br w:type="page"/></w:r>')
    for n, runs in enumerate(p.lines):
        if n:
            out.append("<w:r><w:br/></w:r>")
        out.extend(w_run(r, rev) for r in runs)
    out.append("</w:p>")
    return "".join(out)


def w_table(t: Table) -> str:
    cols = max(len(r) for r in t.rows)
    grid = "".join('<w:gridCol w:w="3000"/>' for _ in range(cols))
    rows = []
    for r in t.rows:
        cells = "".join(
            f'<w:tc><w:tcPr><w:tcW w:w="3000" w:type="dxa"/></w:tcPr>'
            f"<w:p><w:r>{w_text(c)}</w:r></w:p></w:tc>"
            for c in r + [""] * (cols - len(r))
        )
        rows.append(f"<w:tr>{cells}</w:tr>")
    return f'<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{"".join(rows)}</w:tbl>'


def docx(doc: Doc) -> bytes:
    rev = [0]
    body = []
    for b in doc.blocks:
        body.append(w_table(b) if isinstance(b, Table) else w_para(b, rev))
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:body>{"".join(body)}'
        '<w:sectPr><w:headerReference w:type="default" r:id="rIdHeader"/>'
        '<w:footerReference w:type="default" r:id="rIdFooter"/>'
        '<w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>'
    )
    # Page furniture lives in its own parts; a reader of the body never sees it.
    header = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:hdr xmlns:w="{W_NS}">'
        "<w:p><w:r><w:t>SAMMANTRÄDESPROTOKOLL</w:t></w:r></w:p></w:hdr>"
    )
    footer = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:ftr xmlns:w="{W_NS}">'
        "<w:p><w:r><w:t>Justerandes sign</w:t></w:r></w:p></w:ftr>"
    )
    # Bullets, and the "§ %1" numbering of the Paragrafrubrik style.
    numbering = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:numbering xmlns:w="{W_NS}">'
        '<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
        '<w:numFmt w:val="bullet"/><w:lvlText w:val="\uf0b7"/></w:lvl></w:abstractNum>'
        '<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0">'
        f'<w:start w:val="{doc.numbered_from or 1}"/><w:numFmt w:val="decimal"/><w:lvlText w:val="§ %1"/>'
        '</w:lvl></w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
        '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num></w:numbering>'
    )
    # Swedish Word: style ids are Swedish ("Rubrik2"), names English ("heading 2").
    headings = "".join(
        f'<w:style w:type="paragraph" w:styleId="Rubrik{n}"><w:name w:val="heading {n}"/>'
        f'<w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="{n - 1}"/></w:pPr></w:style>'
        for n in range(1, 4)
    )
    styles = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:styles xmlns:w="{W_NS}">'
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
        f"{headings}"
        '<w:style w:type="paragraph" w:styleId="Paragrafrubrik"><w:name w:val="Paragrafrubrik"/>'
        '<w:basedOn w:val="Rubrik2"/><w:pPr><w:numPr><w:numId w:val="2"/></w:numPr></w:pPr></w:style>'
        "</w:styles>"
    )
    content_types = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        '<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>'
        '<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>'
        '<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>'
        '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
        "</Types>"
    )
    rels = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{PKG_REL}">'
        f'<Relationship Id="rId1" Type="{DOC_REL}/officeDocument" Target="word/document.xml"/>'
        "</Relationships>"
    )
    doc_rels = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{PKG_REL}">'
        f'<Relationship Id="rIdHeader" Type="{DOC_REL}/header" Target="header1.xml"/>'
        f'<Relationship Id="rIdFooter" Type="{DOC_REL}/footer" Target="footer1.xml"/>'
        f'<Relationship Id="rIdNumbering" Type="{DOC_REL}/numbering" Target="numbering.xml"/>'
        f'<Relationship Id="rIdStyles" Type="{DOC_REL}/styles" Target="styles.xml"/>'
        "</Relationships>"
    )
    return make_zip(
        [
            ("[Content_Types].xml", content_types),
            ("_rels/.rels", rels),
            ("word/document.xml", document),
            ("word/_rels/document.xml.rels", doc_rels),
            ("word/header1.xml", header),
            ("word/footer1.xml", footer),
            ("word/numbering.xml", numbering),
            ("word/styles.xml", styles),
        ]
    )


def make_zip(entries: list[tuple[str, str | bytes]], stored_first: bool = False) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for n, (name, data) in enumerate(entries):
            info = zipfile.ZipInfo(name, ZIP_TIME)
            # An OpenDocument's mimetype entry comes first and uncompressed.
            info.compress_type = zipfile.ZIP_STORED if stored_first and n == 0 else zipfile.ZIP_DEFLATED
            z.writestr(info, data.encode() if isinstance(data, str) else data)
    return buf.getvalue()


# ---------------------------------------------------------------------------------------------
# ODT: a zip of OpenDocument XML; the body is content.xml, page furniture is in styles.xml.

ODF_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'office:version="1.3"'
)


def o_text(text: str) -> str:
    """Text with tabs as <text:tab/> and runs of spaces as <text:s/>, as ODF requires."""
    out = []
    for n, piece in enumerate(text.split("\t")):
        if n:
            out.append("<text:tab/>")

        def spaces(m: re.Match) -> str:
            k = len(m.group(0))
            lead = m.start() == 0
            keep = 0 if lead else 1
            more = k - keep
            return " " * keep + (f'<text:s text:c="{more}"/>' if more > 1 else "<text:s/>" if more else "")

        out.append(re.sub(r"(^ +| {2,}| +$)", spaces, escape(piece)))
    return "".join(out)


def o_runs(runs: list[Run], changes: list[str]) -> str:
    out = []
    for r in runs:
        t = o_text(r.text)
        if r.change == "del":
            # The deleted text lives in the change region, not in the body.
            cid = f"ct{len(changes) + 1}"
            changes.append(
                f'<text:changed-region text:id="{cid}"><text:deletion><office:change-info>'
                "<dc:creator>Jenny</dc:creator><dc:date>2024-06-11T10:00:00</dc:date></office:change-info>"
                f"<text:p>{escape(r.text)}</text:p></text:deletion></text:changed-region>"
            )
            out.append(f'<text:change text:change-id="{cid}"/>')
            continue
        if r.bold or r.italic:
            t = f'<text:span text:style-name="{"Strong" if r.bold else "Emphasis"}">{t}</text:span>'
        if r.change == "ins":
            cid = f"ct{len(changes) + 1}"
            changes.append(
                f'<text:changed-region text:id="{cid}"><text:insertion><office:change-info>'
                "<dc:creator>Jenny</dc:creator><dc:date>2024-06-11T10:00:00</dc:date></office:change-info>"
                "</text:insertion></text:changed-region>"
            )
            t = f'<text:change-start text:change-id="{cid}"/>{t}<text:change-end text:change-id="{cid}"/>'
        out.append(t)
    return "".join(out)


def odt(doc: Doc) -> bytes:
    changes: list[str] = []
    body = []
    for b in doc.blocks:
        if isinstance(b, Table):
            cols = max(len(r) for r in b.rows)
            rows = "".join(
                "<table:table-row>"
                + "".join(
                    f'<table:table-cell office:value-type="string"><text:p>{o_text(c)}</text:p></table:table-cell>'
                    for c in r + [""] * (cols - len(r))
                )
                + "</table:table-row>"
                for r in b.rows
            )
            body.append(
                f'<table:table table:name="Tabell{len(body)}"><table:table-column table:number-columns-repeated="{cols}"/>{rows}</table:table>'
            )
            continue
        if b.page:
            # Where LibreOffice last broke the pages.
            body.append("<text:soft-page-break/>")
        inner = "<text:line-break/>".join(o_runs(line, changes) for line in b.lines)
        if b.heading:
            body.append(f'<text:h text:style-name="Heading_20_{b.heading}" text:outline-level="{b.heading}">{inner}</text:h>')
        elif b.bullet:
            body.append(f'<text:list text:style-name="L1"><text:list-item><text:p>{inner}</text:p></text:list-item></text:list>')
        else:
            body.append(f"<text:p>{inner}</text:p>")
    tracked = f"<text:tracked-changes>{''.join(changes)}</text:tracked-changes>" if changes else ""
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f"<office:document-content {ODF_NS}><office:automatic-styles>"
        '<text:list-style style:name="L1"><text:list-level-style-bullet text:level="1" text:bullet-char="•"/>'
        "</text:list-style></office:automatic-styles>"
        f"<office:body><office:text>{tracked}{''.join(body)}</office:text></office:body></office:document-content>"
    )
    # Heading numbering ("§ 28") is the outline style's, as in LibreOffice's Tools > Heading
    # Numbering.
    outline = (
        '<office:styles><text:outline-style style:name="Outline"><text:outline-level-style text:level="2" '
        f'style:num-format="1" style:num-prefix="§ " text:start-value="{doc.numbered_from}"/>'
        "</text:outline-style></office:styles>"
        if doc.numbered_from is not None
        else ""
    )
    styles = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f"<office:document-styles {ODF_NS}>{outline}<office:master-styles>"
        '<style:master-page style:name="Standard"><style:header><text:p>SAMMANTRÄDESPROTOKOLL</text:p></style:header>'
        "<style:footer><text:p>Justerandes sign</text:p></style:footer></style:master-page>"
        "</office:master-styles></office:document-styles>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        '<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    return make_zip(
        [
            ("mimetype", "application/vnd.oasis.opendocument.text"),
            ("content.xml", content),
            ("styles.xml", styles),
            ("META-INF/manifest.xml", manifest),
        ],
        stored_first=True,
    )


# ---------------------------------------------------------------------------------------------
# PDF: written by hand. Base-14 Helvetica in WinAnsiEncoding (which has å ä ö é § – •), one text
# object per line or table cell, a footer on every page.

# Advance widths of Helvetica in 1/1000 em, for wrapping; characters not listed count as 556.
HELVETICA = {
    " ": 278, "!": 278, '"': 355, "'": 191, "(": 333, ")": 333, "*": 389, "+": 584, ",": 278,
    "-": 333, ".": 278, "/": 278, ":": 278, ";": 278, "?": 556, "@": 1015, "[": 278, "]": 278,
    "_": 556, "|": 260, "§": 556, "–": 556, "—": 1000, "•": 350, "%": 889, "&": 667,
    "a": 556, "b": 556, "c": 500, "d": 556, "e": 556, "f": 278, "g": 556, "h": 556, "i": 222,
    "j": 222, "k": 500, "l": 222, "m": 833, "n": 556, "o": 556, "p": 556, "q": 556, "r": 333,
    "s": 500, "t": 278, "u": 556, "v": 500, "w": 722, "x": 500, "y": 500, "z": 500,
    "A": 667, "B": 667, "C": 722, "D": 722, "E": 667, "F": 611, "G": 778, "H": 722, "I": 278,
    "J": 500, "K": 667, "L": 556, "M": 833, "N": 722, "O": 778, "P": 667, "Q": 778, "R": 722,
    "S": 667, "T": 611, "U": 722, "V": 667, "W": 944, "X": 667, "Y": 667, "Z": 611,
}
FONT_SIZE = 9.0
LEADING = 14.0
LINES_PER_PAGE = 50
PAGE_W, PAGE_H = 595, 842
LEFT, RIGHT = 56, 540
# Table columns: a label column, then the value; three-column tables (staff) get a third.
COLUMNS = {1: [LEFT], 2: [LEFT, 200], 3: [LEFT, 190, 420]}


def width(text: str, bold: bool = False) -> float:
    w = sum(HELVETICA.get(c, 556) for c in text) * FONT_SIZE / 1000
    return w * 1.06 if bold else w


def wrap(text: str, room: float, bold: bool = False) -> list[str]:
    """Breaks text at spaces into lines no wider than `room` points, as a word processor does."""
    if width(text, bold) <= room:
        return [text]
    lines, line = [], ""
    for word in text.split(" "):
        candidate = f"{line} {word}" if line else word
        if line and width(candidate, bold) > room:
            lines.append(line)
            line = word
        else:
            line = candidate
    lines.append(line)
    return lines


def pdf_string(text: str) -> bytes:
    raw = text.encode("cp1252", errors="replace")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def layout(doc: Doc) -> list[list[list[tuple[float, str, bool]]]]:
    """Pages of visual lines; each visual line is a list of (x, text, bold) pieces."""
    visual: list[list[tuple[float, str, bool]]] = []
    for b in doc.blocks:
        rows = b.rows if isinstance(b, Table) else None
        if rows is None:
            for text, bold in plain_lines(Doc([b])):
                for piece in wrap(text, RIGHT - LEFT, bold) if text else [""]:
                    visual.append([(LEFT, piece, bold)] if piece else [])
            continue
        for row in rows:
            xs = COLUMNS.get(len(row), COLUMNS[3])
            if len(row) == 2 and re.fullmatch(r"\d+", row[1].strip()):
                xs = [LEFT, RIGHT - 10]  # a table of contents: page numbers at the right margin
            cells = []
            for n, cell in enumerate(row[: len(xs)]):
                right = xs[n + 1] - 8 if n + 1 < len(xs) else RIGHT
                cells.append(wrap(cell.strip(), right - xs[n]) if cell.strip() else [])
            for k in range(max((len(c) for c in cells), default=0)):
                visual.append([(xs[n], c[k], False) for n, c in enumerate(cells) if k < len(c)])
    return [visual[i : i + LINES_PER_PAGE] for i in range(0, len(visual), LINES_PER_PAGE)] or [[]]


def page_stream(lines, page: int, pages: int) -> bytes:
    out = []
    y = PAGE_H - 60
    for line in lines:
        for x, text, bold in line:
            font = b"/F2" if bold else b"/F1"
            out.append(b"BT %s %.0f Tf %.1f %.1f Td %s Tj ET" % (font, FONT_SIZE, x, y, pdf_string(text)))
        y -= LEADING
    # The page number at the top right and the footer every page of a printed protocol has.
    out.append(b"BT /F1 8 Tf %d %d Td %s Tj ET" % (RIGHT - 40, PAGE_H - 35, pdf_string(f"Sida {page}({pages})")))
    out.append(b"BT /F1 8 Tf %d 40 Td %s Tj ET" % (LEFT, pdf_string("Justerandes sign")))
    return b"\n".join(out) + b"\n"


def pdf(streams: list[bytes], fonts: bool = True) -> bytes:
    """A PDF with one page per content stream."""
    objs: list[bytes] = []
    n_pages = len(streams)
    first_page = 5
    kids = " ".join(f"{first_page + 2 * i} 0 R" for i in range(n_pages))
    objs.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objs.append(f"<< /Type /Pages /Kids [{kids}] /Count {n_pages} >>".encode())
    objs.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    objs.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>")
    resources = "/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >>" if fonts else "/Resources << >>"
    for i, s in enumerate(streams):
        page = first_page + 2 * i
        objs.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_W} {PAGE_H}] {resources} /Contents {page + 1} 0 R >>".encode()
        )
        data = zlib.compress(s, 9)
        objs.append(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream")
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objs, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


# The width of one character column of text laid out by spaces.
COLUMN = 4.65


def columns_stream(lines: list[str]) -> bytes:
    """A page of text laid out in columns by spaces: each run of words goes where its first
    character stands, so `pdftotext -layout` finds the columns again."""
    out = []
    y = PAGE_H - 60
    # Word's single line spacing, tighter when a page holds more lines than fit.
    leading = min(11.0, (PAGE_H - 100) / max(len(lines), 1))
    for line in lines:
        for m in re.finditer(r"\S+(?: \S+)*", line):
            x = LEFT + m.start() * COLUMN
            out.append(b"BT /F1 %.0f Tf %.2f %.1f Td %s Tj ET" % (FONT_SIZE, x, y, pdf_string(m.group(0))))
        y -= leading
    return b"\n".join(out) + b"\n"


def to_pdf(doc: Doc) -> bytes:
    if doc.pages is not None:
        return pdf([columns_stream(p) for p in doc.pages])
    pages = layout(doc)
    return pdf([page_stream(p, i + 1, len(pages)) for i, p in enumerate(pages)])


# ---------------------------------------------------------------------------------------------
# The special fixtures.


def with_tracked_changes(doc: Doc) -> Doc:
    """The same protocol as a draft: words inserted and deleted, and a whole paragraph deleted.
    Accepting the changes gives back the original text."""
    out = Doc(tracked=True)
    done_ins = done_del = False
    for b in doc.blocks:
        if isinstance(b, Para) and len(b.lines) == 1 and len(b.lines[0]) == 1:
            text = b.lines[0][0].text
            if not done_ins and text.startswith("- Godkänna "):
                # "Godkänna" was typed in as a tracked insertion.
                b = Para([[Run("- "), Run("Godkänna", change="ins"), Run(text[len("- Godkänna") :])]])
                done_ins = True
            elif not done_del and text.startswith("Prognosen för helåret"):
                cut = text.index(" ") + 1
                b = Para([[Run(text[:cut]), Run("preliminära ", change="del"), Run(text[cut:])]])
                done_del = True
        out.blocks.append(b)
        if isinstance(b, Para) and b.heading and "§11" in "".join(r.text for r in b.lines[0]):
            # A paragraph deleted whole, its mark too: it disappears, and so does its line.
            out.blocks.append(Para([[Run("Punkten utgår enligt ordförandens förslag.", change="del")]], mark_deleted=True))
    assert done_ins and done_del, "the sample changed: pick other lines for the tracked changes"
    return out


def zip_bomb(lie: bool) -> bytes:
    """A small .docx whose document.xml unpacks to 80 MB; with `lie`, its headers say 1 KB."""
    size = 80 * 1024 * 1024
    head = f'<?xml version="1.0"?><w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>'.encode()
    data = head + b"a" * (size - len(head))
    z = bytearray(make_zip([("[Content_Types].xml", "<Types/>"), ("word/document.xml", data)]))
    if lie:
        fake = struct.pack("<I", 1024)
        for sig, off in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
            start = 0
            while (at := z.find(sig, start)) >= 0:
                name_len = struct.unpack_from("<H", z, at + (26 if sig == b"PK\x03\x04" else 28))[0]
                name_at = at + (30 if sig == b"PK\x03\x04" else 46)
                if z[name_at : name_at + name_len] == b"word/document.xml":
                    z[at + off : at + off + 4] = fake
                start = at + 4
    return bytes(z)


def many_entries(good: bytes) -> bytes:
    """A .docx whose end record claims 60,000 entries."""
    z = bytearray(good)
    eocd = z.rfind(b"PK\x05\x06")
    struct.pack_into("<HH", z, eocd + 8, 60000, 60000)
    return bytes(z)


def scanned_pdf() -> bytes:
    """A page with a drawn rectangle and no text: what a scanner without OCR makes."""
    return pdf([b"0.8 g\n72 400 450 300 re f\n0 g\n100 600 m 500 600 l S\n"], fonts=False)


def garbage_pdf() -> bytes:
    rnd = random.Random(20240611)
    return b"%PDF-1.7\n" + bytes(rnd.randrange(256) for _ in range(4000))


def write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_bytes() != data:
        path.write_bytes(data)
        print(f"wrote {path.relative_to(ROOT)} ({len(data)} bytes)")


def main() -> None:
    samples = sorted(p for p in ASSETS.iterdir() if p.suffix in (".txt", ".md"))
    docs = {}
    for src in samples:
        text = src.read_text(encoding="utf-8").replace("\r\n", "\n")
        # One Word template numbers its § headings by style; the 2024-06-10 sample stands for it.
        numbered = src.stem == "kfsb-styrelse-2024-06-10"
        doc = from_markdown(text) if src.suffix == ".md" else from_text(text, numbered)
        docs[src.stem] = doc
        write(OUT / f"{src.stem}.docx", docx(doc))
        write(OUT / f"{src.stem}.odt", odt(doc))
        write(OUT / f"{src.stem}.pdf", to_pdf(doc))

    draft = with_tracked_changes(docs["kfsb-styrelse-2021-03-12"])
    write(OUT / "draft" / "kfsb-styrelse-2021-03-12.docx", docx(draft))
    write(OUT / "draft" / "kfsb-styrelse-2021-03-12.odt", odt(draft))

    good = docx(docs["kfsb-styrelse-2021-03-12"])
    hostile = OUT / "hostile"
    write(hostile / "ok.docx", good)
    write(hostile / "ok.odt", odt(docs["kfsb-styrelse-2023-11-24"]))
    write(hostile / "bomb.docx", zip_bomb(lie=False))
    write(hostile / "bomb-lying-sizes.docx", zip_bomb(lie=True))
    write(hostile / "many-entries.docx", many_entries(good))
    write(hostile / "truncated.docx", good[: len(good) // 2])
    write(hostile / "not-a-zip.docx", "Det här är inget Word-dokument.\n".encode())
    write(hostile / "no-document.docx", make_zip([("hello.txt", "hej")]))
    write(hostile / "garbage.pdf", garbage_pdf())
    write(hostile / "empty.pdf", b"")
    write(hostile / "scanned.pdf", scanned_pdf())


if __name__ == "__main__":
    main()
