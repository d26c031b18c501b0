#!/usr/bin/env python3
"""Makes the scanned and legacy-format fixtures in tests/fixtures/scans/ from our own samples.

What a real archive holds beside born-digital files, made from the sample protocols so the
tests know every fact they should find:

- ``signed-scan.pdf``: ``kfsb-samverkan-2024-11-04`` printed, initialled by hand at every
  "Justerandes sign", stamped and signed on the last page, scanned crooked (rotated about a
  degree) with dust (salt-and-pepper noise) as a bilevel image, and carrying the kind of poor,
  invisible text layer a scanner's own OCR puts on it (mostly garbage words).
- ``image-only.pdf``: ``kfsb-styrelse-2021-03-12`` scanned the same way, with no text layer.
- ``phone-photo.png``: the first page of ``kfsb-styrelse-2011-05-19`` photographed: tilted,
  lit unevenly, at phone-photo sharpness, in 16 greys.
- ``kfsb-styrelse-2023-11-24.rtf``: the sample as a word processor's RTF (Windows-1252
  escapes for å ä ö, ``\\u`` escapes for the rest, a font and colour table, the roster as a
  table), written by hand here since RTF is text.
- ``kfsb-styrelse-2011-05-19.doc``: the sample as a Word 97-2003 file, made by LibreOffice from
  an RTF written here (AbiWord's ``--to=doc`` writes RTF under a .doc name); skipped with a
  message when LibreOffice is missing.

Pages are rendered from the PDF fixtures in tests/fixtures/docs/ (made by make-fixtures.py)
with poppler's ``pdftoppm``; the noise is Pillow's. Seeded, so the output is the same on every
run with the same Pillow. Needs ``pdftoppm`` (poppler-utils), Pillow (``apt install
python3-pil`` or ``pip install pillow``) and, for the .doc, LibreOffice (``apt install
libreoffice-writer-nogui``).

    python3 scripts/make-scans.py
"""

from __future__ import annotations

import io
import math
import random
import re
import shutil
import subprocess
import tempfile
import zlib
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

ROOT = Path(__file__).resolve().parent.parent
ASSETS = ROOT / "assets"
DOCS = ROOT / "tests" / "fixtures" / "docs"
OUT = ROOT / "tests" / "fixtures" / "scans"
# The resolution pages are scanned at; OCR renders them again at 300 dpi.
SCAN_DPI = 200
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def render(pdf: Path, dpi: int, first: int | None = None, last: int | None = None) -> list[Image.Image]:
    """The pages of ``pdf`` as greyscale images, by pdftoppm."""
    with tempfile.TemporaryDirectory() as tmp:
        args = ["pdftoppm", "-r", str(dpi), "-gray", "-png"]
        if first:
            args += ["-f", str(first)]
        if last:
            args += ["-l", str(last)]
        subprocess.run(args + [str(pdf), f"{tmp}/p"], check=True)
        return [Image.open(p).convert("L") for p in sorted(Path(tmp).glob("p-*.png"))]


def scribble(draw: ImageDraw.ImageDraw, box: tuple[int, int, int, int], rng: random.Random, width: int = 4) -> None:
    """A handwritten signature or initials: a few loops of a pen across ``box``."""
    x0, y0, x1, y1 = box
    points = []
    steps = 60
    loops = rng.randint(3, 6)
    for i in range(steps + 1):
        t = i / steps
        x = x0 + (x1 - x0) * t + rng.uniform(-3, 3)
        y = (y0 + y1) / 2 + (y1 - y0) / 2 * math.sin(t * loops * 2 * math.pi + rng.uniform(-0.3, 0.3))
        points.append((x, y))
    draw.line(points, fill=0, width=width, joint="curve")
    # The flourish under the name.
    draw.line([(x0, y1 + 8), (x1, y1 - 4)], fill=0, width=width - 1)


def stamp(image: Image.Image, center: tuple[int, int], lines: list[str], angle: float) -> None:
    """An office's received-stamp, a ring with text, put on slightly askew."""
    size = 420
    layer = Image.new("L", (size, size), 255)
    draw = ImageDraw.Draw(layer)
    draw.ellipse([10, 60, size - 10, size - 60], outline=0, width=7)
    font = ImageFont.truetype(FONT, 34)
    for i, text in enumerate(lines):
        w = draw.textlength(text, font=font)
        draw.text(((size - w) / 2, 130 + i * 55), text, fill=0, font=font)
    layer = layer.rotate(angle, fillcolor=255, resample=Image.BICUBIC)
    image.paste(0, (center[0] - size // 2, center[1] - size // 2), ImageOps_invert(layer))


def ImageOps_invert(mask: Image.Image) -> Image.Image:  # noqa: N802 - a paste mask: ink is 255
    return mask.point(lambda v: 255 - v)


def word_boxes(pdf: Path, page: int, dpi: int) -> list[tuple[str, tuple[int, int, int, int]]]:
    """The words of a page of ``pdf`` with their boxes in pixels at ``dpi``, by pdftotext."""
    html = subprocess.run(
        ["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    scale = dpi / 72
    words = []
    for m in re.finditer(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<', html):
        x0, y0, x1, y1 = (int(float(v) * scale) for v in m.groups()[:4])
        words.append((m.group(5), (x0, y0, x1, y1)))
    return words


def sign_beside(page: Image.Image, boxes, label: str, rng: random.Random, size: int) -> None:
    """A signature (or initials) to the right of every word ``label`` on the page."""
    draw = ImageDraw.Draw(page)
    for word, (x0, y0, x1, y1) in boxes:
        if word == label:
            x = x1 + size // 3
            scribble(draw, (x, y0 - 10, x + size, y1), rng, width=max(2, size // 60))


def scan(page: Image.Image, rng: random.Random, angle: float, dust: float) -> Image.Image:
    """A printed page through a cheap scanner: turned by ``angle`` degrees, dusted with
    salt-and-pepper noise on ``dust`` of its pixels, thresholded to black and white."""
    page = page.rotate(angle, resample=Image.BICUBIC, fillcolor=255, expand=False)
    page = page.point(lambda v: 0 if v < 170 else 255)
    w, h = page.size
    pixels = page.load()
    for _ in range(int(w * h * dust)):
        x, y = rng.randrange(w), rng.randrange(h)
        pixels[x, y] = 0 if rng.random() < 0.6 else 255
    return page.convert("1", dither=Image.NONE)


def g4(image: Image.Image) -> bytes:
    """The CCITT group 4 data of a bilevel image, as a PDF's CCITTFaxDecode filter reads it:
    Pillow writes a TIFF with one strip right after its 8-byte header."""
    out = io.BytesIO()
    image.save(out, "TIFF", compression="group4", strip_size=math.ceil(image.width / 8) * image.height)
    return out.getvalue()[8:]


def pdf_string(text: str) -> bytes:
    """``text`` as a PDF literal string in WinAnsiEncoding."""
    raw = text.encode("cp1252", "replace")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def write_pdf(path: Path, pages: list[Image.Image], dpi: int, layers: list[list[str]] | None = None) -> None:
    """An image PDF, one bilevel image a page; with ``layers``, each page also carries those
    lines as invisible text (render mode 3), the way a scanner's own OCR layer does."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    kids = []
    pages_ref = len(objects) + 1 + 3 * len(pages)  # the Pages object comes after every page
    for i, image in enumerate(pages):
        w, h = image.size
        pw, ph = w * 72 / dpi, h * 72 / dpi
        data = g4(image)
        img = add(
            b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
            b"/BitsPerComponent 1 /Filter /CCITTFaxDecode /DecodeParms << /K -1 /Columns %d /Rows %d "
            b"/BlackIs1 true >> /Length %d >>\nstream\n" % (w, h, w, h, len(data)) + data + b"\nendstream"
        )
        content = b"q %.2f 0 0 %.2f 0 0 cm /Im0 Do Q\n" % (pw, ph)
        if layers:
            content += b"BT 3 Tr /F1 10 Tf 12 TL 60 %.2f Td\n" % (ph - 60)
            for line in layers[i]:
                content += pdf_string(line) + b" Tj T*\n"
            content += b"ET\n"
        stream = zlib.compress(content, 9)
        contents = add(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream")
        kids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %.2f %.2f] /Contents %d 0 R "
                b"/Resources << /XObject << /Im0 %d 0 R >> /Font << /F1 %d 0 R >> >> >>"
                % (pages_ref, pw, ph, contents, img, font)
            )
        )
    assert len(objects) + 1 == pages_ref
    add(b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids)))
    catalog = add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_ref)
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for o in offsets:
        out += b"%010d 00000 n \n" % o
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, catalog, xref)
    path.write_bytes(bytes(out))


def garbage_layer(text: str, rng: random.Random) -> list[str]:
    """A scanner's poor OCR of ``text``: most letters misread as other letters, digits and
    marks, so few words are words."""
    confusions = "0123456789|!/\\_~^#%*{}<>=+ilIj1rnmwvWMVkKxXzqQgy"
    out = []
    for line in text.split("\n"):
        chars = []
        for c in line:
            if c.isalpha() and rng.random() < 0.55:
                chars.append(rng.choice(confusions))
            else:
                chars.append(c)
        out.append("".join(chars))
    return out


def signed_scan(rng: random.Random) -> None:
    src = DOCS / "kfsb-samverkan-2024-11-04.pdf"
    pages = render(src, SCAN_DPI)
    for n, page in enumerate(pages, 1):
        sign_beside(page, word_boxes(src, n, SCAN_DPI), "sign", rng, 120)
    last = pages[-1]
    w, h = last.size
    draw = ImageDraw.Draw(last)
    # The chair's and secretary's signatures under the last item, and the received-stamp.
    scribble(draw, (int(w * 0.12), int(h * 0.62), int(w * 0.38), int(h * 0.66)), rng)
    scribble(draw, (int(w * 0.55), int(h * 0.62), int(w * 0.82), int(h * 0.66)), rng)
    stamp(last, (int(w * 0.70), int(h * 0.78)), ["INKOM", "2024-11-12", "Dnr 2024/311"], angle=9)
    scans = [scan(p, rng, angle=rng.choice([-1.1, 0.9, 1.0]), dust=0.0015) for p in pages]
    text = subprocess.run(
        ["pdftotext", "-layout", str(src), "-"], check=True, capture_output=True, text=True
    ).stdout
    layers = [garbage_layer(page, rng) for page in text.split("\f")][: len(scans)]
    write_pdf(OUT / "signed-scan.pdf", scans, SCAN_DPI, layers)


def image_only(rng: random.Random) -> None:
    pages = render(DOCS / "kfsb-styrelse-2021-03-12.pdf", SCAN_DPI)
    scans = [scan(p, rng, angle=-0.8, dust=0.001) for p in pages]
    write_pdf(OUT / "image-only.pdf", scans, SCAN_DPI)


def phone_photo(rng: random.Random) -> None:
    """Page 1, signed, as a phone photographs it: paper lit from one side, tilted, soft."""
    src = DOCS / "kfsb-styrelse-2011-05-19.pdf"
    page = render(src, 150, first=1, last=1)[0]
    boxes = word_boxes(src, 1, 150)
    for label in ("Sekreterare:", "Ordförande:", "Justerande:"):
        sign_beside(page, boxes, label, rng, 220)
    w, h = page.size
    # Light falls off towards the lower right.
    down = Image.linear_gradient("L").resize((w, h))
    across = down.transpose(Image.ROTATE_90).transpose(Image.FLIP_LEFT_RIGHT).resize((w, h))
    light = Image.blend(down, across, 0.5).point(lambda v: 240 - v * 80 // 255)
    page = Image.composite(page, light, page.point(lambda v: 255 if v < 128 else 0))
    page = page.rotate(2.3, resample=Image.BICUBIC, fillcolor=90, expand=True)
    page = page.filter(ImageFilter.GaussianBlur(0.6))
    pixels = page.load()
    pw, ph = page.size
    for _ in range(pw * ph // 200):
        x, y = rng.randrange(pw), rng.randrange(ph)
        pixels[x, y] = max(0, min(255, pixels[x, y] + rng.randint(-40, 40)))
    page = page.quantize(16, dither=Image.NONE)
    page.save(OUT / "phone-photo.png", optimize=True)


# ---------------------------------------------------------------------------------------------
# RTF and Word 97-2003.


def rtf_escape(text: str) -> str:
    """``text`` in RTF: Windows-1252 characters as ``\\'hh``, others as ``\\uN?``."""
    out = []
    for c in text:
        if c in "\\{}":
            out.append("\\" + c)
        elif ord(c) < 128:
            out.append(c)
        else:
            try:
                out.append("\\'%02x" % c.encode("cp1252")[0])
            except UnicodeEncodeError:
                code = ord(c)
                out.append("\\u%d?" % (code - 65536 if code > 32767 else code))
    return "".join(out)


def rtf_document(text: str) -> str:
    """A protocol's text as RTF the way a word processor writes it: a header of tables, one
    paragraph a line, bold § headings, and rows of tab-separated cells as table rows."""
    text = re.sub(r"\*\*(.+?)\*\*", r"\1", text)
    body = []
    for line in text.split("\n"):
        line = line.replace("\f", "")
        if "\t" in line:
            cells = line.split("\t")
            widths = "".join("\\cellx%d" % (3000 * (i + 1)) for i in range(len(cells)))
            row = "".join("\\pard\\intbl %s\\cell " % rtf_escape(c.strip()) for c in cells)
            body.append("\\trowd\\trgaph108%s\n%s\\row" % (widths, row))
            continue
        heading = re.match(r"^#*\s*(§\s*\d+.*)$", line)
        stripped = line.lstrip("# ")
        if heading:
            body.append("\\pard\\sb240\\b %s\\b0\\par" % rtf_escape(heading.group(1)))
        elif stripped.startswith("- "):
            body.append("\\pard\\fi-360\\li720 \\bullet\\tab %s\\par" % rtf_escape(stripped[2:]))
        else:
            body.append("\\pard %s\\par" % rtf_escape(stripped))
    return (
        "{\\rtf1\\ansi\\ansicpg1252\\deff0\\deflang1053"
        "{\\fonttbl{\\f0\\froman\\fcharset0 Times New Roman;}{\\f1\\fswiss\\fcharset0 Arial;}}\n"
        "{\\colortbl;\\red0\\green0\\blue0;\\red31\\green73\\blue125;}\n"
        "{\\stylesheet{\\s0 Normal;}{\\s1 heading 1;}}\n"
        "{\\info{\\title Protokoll}{\\author Kommunf\\'f6rbundet}}\n"
        "{\\*\\generator Microsoft Word 11.0.8237;}\n"
        "\\paperw11906\\paperh16838\\margl1417\\margr1417\\f1\\fs22\n"
        + "\n".join(body)
        + "\n}\n"
    )


def legacy_rtf() -> None:
    text = (ASSETS / "kfsb-styrelse-2023-11-24.md").read_text(encoding="utf-8")
    (OUT / "kfsb-styrelse-2023-11-24.rtf").write_bytes(rtf_document(text).encode("ascii"))


def legacy_doc() -> None:
    """Word 97-2003 from the RTF, by LibreOffice: AbiWord's "doc" export is RTF under another
    name, and no other packaged tool writes the binary format."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        print("LibreOffice is not installed (apt install libreoffice-writer-nogui): legacy.doc not made")
        return
    text = (ASSETS / "kfsb-styrelse-2011-05-19.txt").read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        rtf = Path(tmp) / "legacy.rtf"
        rtf.write_bytes(rtf_document(text).encode("ascii"))
        subprocess.run(
            [soffice, f"-env:UserInstallation=file://{tmp}/profile", "--headless",
             "--convert-to", "doc:MS Word 97", "--outdir", f"{tmp}/out", str(rtf)],
            check=True,
            capture_output=True,
        )
        shutil.copy(Path(tmp) / "out" / "legacy.doc", OUT / "kfsb-styrelse-2011-05-19.doc")


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    signed_scan(random.Random(17))
    image_only(random.Random(18))
    phone_photo(random.Random(19))
    legacy_rtf()
    legacy_doc()
    for f in sorted(OUT.iterdir()):
        print(f"{f.relative_to(ROOT)}: {f.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
