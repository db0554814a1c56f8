"""Binary test files, all made by the tests themselves (no fixture files): letters, and hostile files.

Letters from a letter's plain text: a PDF with the layouts real letters have
(letterhead column beside the letter, running header and footer, page numbers, a word hyphenated at
a line end, a footnote mark, a signatory table running over a page break) and a DOCX with the same.

A line of the text holding a TAB is a table row (its cells). The made-up header, footer and
letterhead are not in the text, so reading the PDF back must give the text's words again.

Hostile files: encrypted, truncated, 10,000 pages, 50,000-deep nesting, a scan, JavaScript and an
attachment, zip bombs (one with a lying directory), a macro-enabled .docm, a password-protected DOCX."""

from __future__ import annotations

import io
import re
import zipfile

HEADER = "Coalition for Human Rights in Asia - Joint Letter"
FOOTER = "www.coalition.example.org"
LETTERHEAD = ["Coalition for", "Human Rights", "in Asia", "", "Board", "A. Member", "B. Member",
              "C. Member", "", "Office", "1 Sample Road", "Seoul 04000"]


def _wrap(words: list[str], width: float, measure, hyphenate: dict) -> list[str]:
    """Greedy wrap; the first long word that does not fit is hyphenated once (hyphenate['left'] > 0)."""
    lines, cur = [], ""
    for w in words:
        trial = f"{cur} {w}" if cur else w
        if measure(trial) <= width:
            cur = trial
            continue
        if cur and hyphenate.get("left", 0) > 0 and re.fullmatch(r"[a-z]{9,}[.,;]?", w):
            for cut in range(len(w) - 4, 3, -1):
                if measure(f"{cur} {w[:cut]}-") <= width:
                    lines.append(f"{cur} {w[:cut]}-")
                    cur = w[cut:]
                    hyphenate["left"] -= 1
                    break
            else:
                lines.append(cur)
                cur = w
            continue
        if cur:
            lines.append(cur)
        cur = w
    if cur:
        lines.append(cur)
    return lines


def letter_pdf(text: str, *, letterhead: list[str] | None = None, interleave: bool = True,
               hyphenate: int = 1, footnote: bool = False, font_size: float = 10) -> bytes:
    """A PDF of `text` (A4, Helvetica). letterhead: a narrow column left of the letter on page 1;
    interleave=True draws it line by line together with the letter (the hard reading order).
    Every page has a running header, a footer and "Page N of M". hyphenate: words to hyphenate at a
    line end. footnote: a superscript "1" glued to the first sentence's last word, and its note at the
    foot of page 1. TAB lines are table rows, which simply continue onto the next page."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen import canvas

    W, H = A4
    lead = font_size * 1.25
    left = 190 if letterhead else 72
    right = W - 60
    measure = lambda s: stringWidth(s, "Helvetica", font_size)  # noqa: E731
    hy = {"left": hyphenate}
    # lay out: a list of ("line", text) / ("row", cells) / ("gap", None)
    flow: list[tuple[str, object]] = []
    for para in text.split("\n"):
        if not para.strip():
            flow.append(("gap", None))
        elif "\t" in para:
            flow.append(("row", para.split("\t")))
        else:
            flow.extend(("line", ln) for ln in _wrap(para.split(), right - left, measure, hy))
    # table columns as wide as their widest cell; a smaller font when the table is wider than the page
    rows = [item for kind, item in flow if kind == "row"]
    ncols = max((len(r) for r in rows), default=0)
    col_widths = [max((measure(r[i]) for r in rows if len(r) > i), default=0) for i in range(ncols)]
    need = sum(col_widths) + 18 * max(ncols - 1, 0)
    scale = min(1.0, (right - left) / need) if need else 1.0
    table_size = max(4.0, font_size * scale)
    col_widths = [w * table_size / font_size for w in col_widths]
    # paginate
    top, bottom = H - 80, 70
    pages: list[list[tuple[float, str, object]]] = [[]]
    y = top
    for kind, item in flow:
        if kind == "gap":
            y -= lead * 0.6
            continue
        if y < bottom + (40 if footnote and len(pages) == 1 else 0):
            pages.append([])
            y = top
        pages[-1].append((y, kind, item))
        y -= lead
    buf = io.BytesIO()
    cv = canvas.Canvas(buf, pagesize=A4, invariant=1)
    cv.setTitle("Test letter")
    cv.setAuthor("fixtures.py")
    total = len(pages)
    noted = False
    for n, page in enumerate(pages, start=1):
        cv.setFont("Helvetica", 8)
        cv.drawString(72, H - 40, HEADER)
        head = list(letterhead or []) if n == 1 else []
        if head and not interleave:
            for k, ln in enumerate(head):
                cv.drawString(40, top - k * lead, ln)
            head = []
        for k, (y, kind, item) in enumerate(page):
            if head and k < len(head):
                cv.setFont("Helvetica", 8)
                if head[k]:
                    cv.drawString(40, y, head[k])
            cv.setFont("Helvetica", font_size)
            if kind == "row":
                cv.setFont("Helvetica", table_size)
                x = left
                for i, cell in enumerate(item):
                    cv.drawString(x, y, cell)
                    x += col_widths[i] + 18 * table_size / font_size
            else:
                line = str(item)
                if footnote and not noted and n == 1 and re.search(r"\w\.$", line) and len(line) > 40:
                    cv.drawString(left, y, line)
                    cv.setFont("Helvetica", font_size * 0.6)
                    cv.drawString(left + measure(line) + 0.3, y + font_size * 0.35, "1")
                    noted = True
                else:
                    cv.drawString(left, y, line)
        if footnote and n == 1 and noted:
            cv.setFont("Helvetica", 5)
            cv.drawString(left, bottom - 8 + 3, "1")
            cv.setFont("Helvetica", 8)
            cv.drawString(left + 4, bottom - 8, "See the report of the Commission of Inquiry.")
        cv.setFont("Helvetica", 8)
        cv.drawString(72, 40, FOOTER)
        cv.drawRightString(right, 40, f"Page {n} of {total}")
        cv.showPage()
    cv.save()
    return buf.getvalue()


def letter_docx(text: str, *, header: str = HEADER, footer: str = FOOTER) -> bytes:
    """A DOCX of `text`: one paragraph per line (blank lines as empty ones), TAB lines as a table (consecutive rows one table),
    a running header and footer (which the reader must not take as the letter's text)."""
    import docx
    from docx.shared import Pt

    d = docx.Document()
    d.core_properties.title = "Test letter"
    d.core_properties.author = "fixtures.py"
    d.sections[0].header.paragraphs[0].text = header
    d.sections[0].footer.paragraphs[0].text = footer
    rows: list[list[str]] = []

    def flush():
        if rows:
            width = max(len(r) for r in rows)
            table = d.add_table(rows=len(rows), cols=width)
            for i, r in enumerate(rows):
                for j, cell in enumerate(r):
                    table.cell(i, j).text = cell
            rows.clear()

    for para in text.split("\n"):
        if "\t" in para:
            rows.append(para.split("\t"))
            continue
        flush()
        # one line a paragraph without space after it, and an empty paragraph for a blank line, as an
        # address block or a list of names is typed in Word
        d.add_paragraph(para).paragraph_format.space_after = Pt(0)
    flush()
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


SIGNATORIES = [["Kim Min-jun", "Citizens' Alliance", "Korea"], ["Sato Yui", "Rights Now", "Japan"],
               ["Anna Berg", "Human Rights Watch", "Germany"], ["Li Wei", "Open Society", "China"],
               ["John Smith", "Amnesty", "UK"], ["Park Ji-ho", "NK Watch", "Korea"]]


def sample_letter(paragraphs: int = 6, signatories: int = 60) -> str:
    """A made-up letter: salutation, prose with long words, a signatory table of `signatories` rows."""
    body = ("We the undersigned organisations write to express our deep concern about the situation. "
            "International organisations and governmental representatives have repeatedly documented "
            "systematic violations, and accountability mechanisms remain underdeveloped notwithstanding "
            "numerous recommendations.")
    parts = ["February 13, 2020", "", "Dear Prime Minister,", ""]
    for i in range(paragraphs):
        parts += [f"{i + 1}. {body}", ""]
    parts += ["Sincerely,", ""]
    for i in range(signatories):
        name, org, country = SIGNATORIES[i % len(SIGNATORIES)]
        parts.append(f"{name} {i + 1}\t{org}\t{country}")
    return "\n".join(parts) + "\n"




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
