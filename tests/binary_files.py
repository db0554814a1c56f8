"""Binary test files, all made by the tests themselves (no fixture files): letters as PDF and DOCX
(benchmarks/documents.py, shared with `make bench`), and hostile files: encrypted, truncated, 10,000
pages, 50,000-deep nesting, a scan, JavaScript and an attachment, zip bombs (one with a lying
directory), a macro-enabled .docm, a password-protected DOCX; scans with a thin text layer over the
page image (a registry's stamp line, a scanner app's line up the margin), alone or after a page of
text."""

from __future__ import annotations

import io
import zipfile

from benchmarks.documents import FOOTER, HEADER, LETTERHEAD, _wrap, letter_docx, letter_pdf, sample_letter

__all__ = ["FOOTER", "HEADER", "LETTERHEAD", "_wrap", "letter_docx", "letter_pdf", "sample_letter"]


def pdf_from_objects(objects: list[bytes], root: int = 1, trailer_extra: bytes = b"") -> bytes:
    """A PDF whose objects are given in order (object i+1 = objects[i]), with a correct xref."""
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % i + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    out.write(b"trailer\n<< /Size %d /Root %d 0 R %s>>\nstartxref\n%d\n%%%%EOF\n"
              % (len(objects) + 1, root, trailer_extra, xref))
    return out.getvalue()


def many_pages_pdf(n: int = 10_000) -> bytes:
    """n pages sharing one content stream: small file, huge page count."""
    content = b"BT /F1 12 Tf 72 720 Td (Page text) Tj ET"
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % (5 + i) for i in range(n)) + b"] /Count %d >>" % n,
            b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 3 0 R /Resources << /Font << /F1 4 0 R >> >> >>"
    objs += [page] * n
    return pdf_from_objects(objs)


def deeply_nested_pdf(depth: int = 50_000) -> bytes:
    """A page tree nested `depth` levels deep, and an array nested as deep in the catalog."""
    objs = [b"<< /Type /Catalog /Pages 2 0 R /Junk " + b"[" * depth + b"]" * depth + b" >>"]
    # Pages nodes 2..depth+1, each the only kid of the one before
    for i in range(depth):
        me = 2 + i
        kid = me + 1
        parent = b" /Parent %d 0 R" % (me - 1) if i else b""
        objs.append(b"<< /Type /Pages /Kids [%d 0 R] /Count 1%s >>" % (kid, parent))
    objs.append(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] >>" % (depth + 1))
    return pdf_from_objects(objs)


def text_pdf(text: str = "Dear Minister, we urge you to act.") -> bytes:
    from reportlab.pdfgen import canvas
    buf = io.BytesIO()
    cv = canvas.Canvas(buf)
    cv.setFont("Helvetica", 11)
    for k, line in enumerate(text.split("\n")):
        cv.drawString(72, 720 - 14 * k, line)
    cv.showPage()
    cv.save()
    return buf.getvalue()


def encrypted_pdf(user: str = "secret") -> bytes:
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas
    buf = io.BytesIO()
    cv = canvas.Canvas(buf, encrypt=pdfencrypt.StandardEncryption(user, "owner", strength=128))
    cv.drawString(72, 720, "Dear Minister, this letter is secret.")
    cv.showPage()
    cv.save()
    return buf.getvalue()


def owner_only_pdf() -> bytes:
    return encrypted_pdf(user="")


def scanned_pdf() -> bytes:
    """A page with only an image (a scan) and no text."""
    from PIL import Image
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas
    img = Image.new("L", (200, 100), 255)
    buf = io.BytesIO()
    cv = canvas.Canvas(buf)
    cv.drawImage(ImageReader(img), 72, 500, 400, 200)
    cv.showPage()
    cv.save()
    return buf.getvalue()


REGISTRY_STAMP = "RECEIVED 12 MAR 2021 \u2013 REGISTRY"
FONT_FILES = ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",             # Debian fonts-dejavu-core
              "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
              "/usr/share/fonts/dejavu/DejaVuSans.ttf")


def scan_font(size: int):
    """A TrueType font found on the system (DejaVu Sans where Debian's fonts-dejavu-core is
    installed), else Pillow's own scalable font."""
    import os

    from PIL import ImageFont
    for path in FONT_FILES:
        if os.path.exists(path):
            return ImageFont.truetype(path, size)
    return ImageFont.load_default(size=size)


def page_image(lines: list[str]):
    """An A4 page at 200 dpi with the lines drawn black on white, as a scanner would give it."""
    from PIL import Image, ImageDraw
    page = Image.new("L", (1654, 2339), 255)
    draw = ImageDraw.Draw(page)
    font = scan_font(32)
    for k, line in enumerate(lines):
        draw.text((160, 300 + k * 54), line, fill=0, font=font)
    return page


def scan_page(cv, lines: list[str], *, stamp: str | None = None, vertical: str | None = None,
              hidden: str | None = None) -> None:
    """One page of `cv`: the scan of `lines` over the whole page (an image) and a thin text layer:
    `stamp` in 7-point type at the top right (a court's or registry's stamp line), `vertical` in
    6-point type up the right margin (a scanner app's line), `hidden` as invisible text (render mode
    3: in the text layer, not in the picture)."""
    from reportlab.lib.utils import ImageReader
    w, h = cv._pagesize
    cv.drawImage(ImageReader(page_image(lines)), 0, 0, w, h)
    if stamp:
        cv.setFont("Helvetica", 7)
        cv.drawString(w - 200, h - 30, stamp)
    if vertical:
        cv.saveState()
        cv.translate(w - 12, 80)
        cv.rotate(90)
        cv.setFont("Helvetica", 6)
        cv.drawString(0, 0, vertical)
        cv.restoreState()
    if hidden:
        text = cv.beginText(40, 20)
        text.setTextRenderMode(3)
        text.setFont("Helvetica", 7)
        text.textLine(hidden)
        cv.drawText(text)
    cv.showPage()


def scan_with_text_layer_pdf(pages: list[list[str]], *, text_first: str | None = None, **layer) -> bytes:
    """A PDF of scanned pages (scan_page, with the thin text layer `layer` on each), after a page of
    real text when `text_first` is given (lines separated by newlines)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas
    buf = io.BytesIO()
    cv = canvas.Canvas(buf, pagesize=A4)
    if text_first is not None:
        cv.setFont("Helvetica", 11)
        for k, line in enumerate(text_first.split("\n")):
            cv.drawString(72, A4[1] - 72 - 14 * k, line)
        cv.showPage()
    for lines in pages:
        scan_page(cv, lines, **layer)
    cv.save()
    return buf.getvalue()


def js_and_attachment_pdf() -> bytes:
    """A text PDF with document-level JavaScript and an embedded file (added with pypdf)."""
    import pypdf
    writer = pypdf.PdfWriter(clone_from=io.BytesIO(text_pdf("Dear Minister,\nWe urge you to protect the open internet.")))
    from pypdf.actions import JavaScript
    writer.add_open_action(JavaScript("app.alert('never shown');"))
    writer.add_attachment("payload.txt", b"not to be opened")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def docx_bytes(text: str = "Dear Minister,\n\nWe urge you to act.") -> bytes:
    import docx
    d = docx.Document()
    for para in text.split("\n"):
        d.add_paragraph(para)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def rezip(raw: bytes, replace: dict[str, bytes] | None = None, add: dict[str, bytes] | None = None) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(raw))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            data = (replace or {}).get(info.filename, src.read(info.filename))
            z.writestr(info.filename, data)
        for name, data in (add or {}).items():
            z.writestr(name, data)
    return out.getvalue()


def docm_bytes() -> bytes:
    raw = docx_bytes()
    types = zipfile.ZipFile(io.BytesIO(raw)).read("[Content_Types].xml")
    types = types.replace(b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
                          b"application/vnd.ms-word.document.macroEnabled.main+xml")
    return rezip(raw, replace={"[Content_Types].xml": types}, add={"word/vbaProject.bin": b"\xd0\xcf\x11\xe0fake"})


def zip_bomb_docx(size: int = 200_000_000) -> bytes:
    """A DOCX whose document.xml inflates to `size` bytes (written in chunks: little memory)."""
    raw = docx_bytes()
    src = zipfile.ZipFile(io.BytesIO(raw))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for info in src.infolist():
            if info.filename == "word/document.xml":
                continue
            z.writestr(info.filename, src.read(info.filename))
        chunk = b" " * 1_000_000
        with z.open("word/document.xml", "w", force_zip64=True) as fh:
            for _ in range(size // len(chunk)):
                fh.write(chunk)
    return out.getvalue()


def lying_zip_bomb_docx() -> bytes:
    """A DOCX whose directory claims a small size for a part that inflates to much more."""
    bomb = zip_bomb_docx(60_000_000)
    data = bytearray(bomb)
    # patch the uncompressed size in the central directory entry of word/document.xml to 1000 bytes
    name = b"word/document.xml"
    i = data.rfind(b"PK\x01\x02")
    while i >= 0:
        n = int.from_bytes(data[i + 28:i + 30], "little")
        if data[i + 46:i + 46 + n] == name:
            extra = int.from_bytes(data[i + 30:i + 32], "little")
            if int.from_bytes(data[i + 24:i + 28], "little") != 0xFFFFFFFF:
                data[i + 24:i + 28] = (1000).to_bytes(4, "little")
            else:   # zip64: the real size is in the extra field
                ex = data[i + 46 + n:i + 46 + n + extra]
                j = ex.find(b"\x01\x00")
                data[i + 46 + n + j + 4:i + 46 + n + j + 12] = (1000).to_bytes(8, "little")
            break
        i = data.rfind(b"PK\x01\x02", 0, i)
    return bytes(data)


def password_docx(password: str = "secret") -> bytes:
    import msoffcrypto.format.ooxml as ooxml
    out = io.BytesIO()
    ooxml.OOXMLFile(io.BytesIO(docx_bytes())).encrypt(password, out)
    return out.getvalue()


def odt_bytes(paragraphs: list[str], extra_content: bytes = b"", meta_date: str = "2014-03-01T10:00:00") -> bytes:
    ns = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
          'xmlns:dc="http://purl.org/dc/elements/1.1/"')
    body = "".join(f"<text:p>{p}</text:p>" for p in paragraphs).encode() + extra_content
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ns}><office:body><office:text>'
               ).encode() + body + b"</office:text></office:body></office:document-content>"
    meta = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-meta {ns}><office:meta>'
            f"<dc:title>Test</dc:title><meta:initial-creator>Mykola</meta:initial-creator>"
            f"<meta:creation-date>{meta_date}</meta:creation-date>"
            f'<meta:document-statistic meta:page-count="1"/></office:meta></office:document-meta>').encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), b"application/vnd.oasis.opendocument.text")
        z.writestr("content.xml", content)
        z.writestr("meta.xml", meta)
    return out.getvalue()
