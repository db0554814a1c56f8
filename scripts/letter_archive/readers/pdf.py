"""PDF with a text layer -> lines per page, read with pypdfium2 (PDFium; Apache-2.0/BSD-3-Clause).

PDFium gives each character, in content-stream order, and its box. The order in which the
authoring program wrote the text (Word, LibreOffice, Google Docs: paragraph after paragraph, a text
box or a column as a whole, a table cell after cell) is kept as the reading order; geometry only
splits, joins and corrects it. The rules, each general (none knows a particular letter):

0. Running headers, footers and page numbers go first, by position: a fragment (rule 1) in the
   top or bottom 9% of its page whose text, digits aside, recurs there on half the pages or more
   (2+), or that is only a page number ("3", "- 3 -", "Page 3 of 5"), is dropped.
1. Characters join a *fragment* while they sit on the same line (vertical centre inside the
   fragment's box), follow each other left to right, and the gap is under GAP_EM ems. A larger gap
   (a table column, a tab stop, a column gutter) starts a new fragment. PDFium's U+FFFE (a hyphen
   at a line end) is a hyphen.
2. Superscripts (a character under SUP_RATIO of its fragment's size and raised above its middle,
   i.e. by font size) that are digits or marks glued to a word (touching it, whatever space the text
   layer reports between them) are footnote references: dropped and counted. A superscript that
   starts a line is the footnote's own number: kept, then a space.
3. Fragments that follow each other in the stream on the same line (boxes overlapping vertically),
   left to right, make one *line*; cells of a table row become one line, separated by TAB, except a
   list marker or a bare number just before its text ("1)  CO2", "42  BluBot"), joined by a space.
   A table is therefore read row by row, and goes on across a page break like any other text.
   3b. A line of a justified paragraph whose spaces were stretched past GAP_EM (fragments under 3 ems
   apart, evenly, spanning the width of a neighbouring line of running text) is one line of words.
4. Columns drawn line by line across the page (a letterhead column and the letter written as one
   row after another): a run of 4+ lines that keeps clear of one vertical gutter, with text on both
   sides, where one side is prose (3+ lines of 6+ words, most as wide as the widest) or one side
   ends while the other goes on, is read column by column. A table (short cells, rows aligned,
   columns ending together) is not split. The run's first lines on one side only, before the other
   side begins (a paragraph's last line above a list in two columns), stay with the text above.
5. A vertical gap clearly larger (by 0.45 em) than the page's usual line gap (its lower quartile)
   ends a paragraph (a blank line). Table rows (set smaller, often, with the text's leading) have
   their own usual gap.
6. A line right below a list item ("1)", "2.", "•", "42 ") that does not start with a marker
   continues that item, and is joined to it, when it starts where the item's text starts (a hanging
   indent), or when the item stops mid-sentence (it ends in a lower-case word, a comma, a hyphen or
   an open bracket, or the line starts in lower case) and the line's first word would not have
   fitted at the end of the item's line - items wrapped back to the margin.
7. A paragraph's lines wrapped by the layout are one line again, as the writer typed them: the
   next line continues this one when its first word would not have fitted in the room left at the
   end of this line (in a column of running text, 20 ems wide or more, the next line starting at
   the column's left edge or under this one; table rows and list items excepted). A line that ends
   early (an address, a name in a list, a salutation) ended because the writer ended it. A line set in
   another size of type (by more than 15%: a heading, a footnote) never continues the line before.
8. The lines that end a page set in smaller type than its text, the first starting with a note's
   number ("1 See the report …"), are its footnotes: they stay at the end of the page, and the
   paragraph they interrupt goes on across the page break as if they were not there (rule 7).
Then, for the whole document (readers.base): lone page numbers at a page's top or bottom line are
dropped, and words hyphenated at line ends are rejoined (across page breaks too)."""

from __future__ import annotations

import ctypes
import re
import time

import pypdfium2 as pdfium
import pypdfium2.raw as c

from . import preview
from .base import (
    MAX_BYTES,
    MAX_CHARS,
    MAX_PAGES,
    Document,
    ReaderError,
    ScanError,
    drop_running_lines,
    iso_date,
    join_hyphenated,
    squeeze_blank,
)
from .pdf_chars import SCAN_HINT, SCAN_IMAGE, THIN_AREA, THIN_CHARS, TIME_LIMIT, Frag, TooMuchText, fragments, page_chars
from .pdf_paragraphs import drop_running_fragments, join_across_pages, layout


def _why(exc: BaseException) -> str:
    """Why a page broke the reader, in one short phrase for the report."""
    if isinstance(exc, pdfium.PdfiumError):
        return f"the page is damaged: {str(exc).rstrip('.')[:120]}"
    return f"the reader failed on it: {type(exc).__name__}: {str(exc)[:120]}"


def _image_share(page) -> float:
    """The share of the page that images cover (their boxes, clipped to the page; images inside form
    XObjects too, placed by the forms' matrices; overlaps counted twice, the sum capped at 1)."""
    left, bottom, right, top = page.get_bbox()
    area = (right - left) * (top - bottom)
    if area <= 0:
        return 0.0
    box = [ctypes.c_float() for _ in range(4)]
    covered = 0.0

    def walk(count: int, get, matrix: tuple, depth: int) -> None:
        nonlocal covered
        a, b, cc, d, e, f = matrix
        for i in range(min(count, 5000)):
            obj = get(i)
            kind = c.FPDFPageObj_GetType(obj)
            if kind == c.FPDF_PAGEOBJ_IMAGE and c.FPDFPageObj_GetBounds(obj, *box):
                x0, y0, x1, y1 = (v.value for v in box)
                xs = [a * x + cc * y + e for x in (x0, x1) for y in (y0, y1)]
                ys = [b * x + d * y + f for x in (x0, x1) for y in (y0, y1)]
                w = min(max(xs), right) - max(min(xs), left)
                h = min(max(ys), top) - max(min(ys), bottom)
                if w > 0 and h > 0:
                    covered += w * h
            elif kind == c.FPDF_PAGEOBJ_FORM and depth < 4:
                m = c.FS_MATRIX()
                if c.FPDFPageObj_GetMatrix(obj, m):     # the form's space -> its container's
                    inner = (a * m.a + cc * m.b, b * m.a + d * m.b, a * m.c + cc * m.d, b * m.c + d * m.d,
                             a * m.e + cc * m.f + e, b * m.e + d * m.f + f)
                    walk(c.FPDFFormObj_CountObjects(obj), lambda k, o=obj: c.FPDFFormObj_GetObject(o, k),
                         inner, depth + 1)

    walk(c.FPDFPage_CountObjects(page.raw), lambda k: c.FPDFPage_GetObject(page.raw, k), (1, 0, 0, 1, 0, 0), 0)
    return min(1.0, covered / area)


def _read_page(pdf, p: int) -> tuple[float, list[Frag], int, bool]:
    """One page: its height, its fragments (rule 1), how many characters, and whether it is a scan to
    read by OCR: its text layer is thin (under THIN_CHARS characters, or text boxes covering under
    THIN_AREA of the page: a stamp, a scanner app's line) over images covering SCAN_IMAGE of it or
    more. (Images are looked at only on a thin page: a page of text costs nothing more.)"""
    page = pdf[p]
    width, height = page.get_width(), page.get_height()
    chars = page_chars(page.get_textpage(), height)
    frags = fragments(chars)
    scan = False
    if len(chars) < THIN_CHARS or \
            sum((f.x1 - f.x0) * (f.bottom - f.top) for f in frags) < THIN_AREA * width * height:
        scan = _image_share(page) >= SCAN_IMAGE
    return height, frags, len(chars), scan


def _meta(pdf, key: str) -> str:
    try:
        return (pdf.get_metadata_value(key) or "").strip()
    except Exception:      # a broken Info dictionary is no reason to refuse the letter
        return ""


def read(raw: bytes, file: str) -> Document:
    """A PDF's text layer as lines per page, with metadata and warnings; ReaderError when it cannot
    be read (no PDF, damaged, encrypted, too many pages, no text layer)."""
    started = time.perf_counter()
    stem = file.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    if len(raw) > MAX_BYTES:
        raise ReaderError(file, None, f"the PDF is {len(raw) / 1e6:.0f} MB; a letter may be at most "
                          f"{MAX_BYTES / 1e6:.0f} MB", "save it again with smaller images (Reduce File Size)")
    if b"%PDF-" not in raw[:1024]:
        raise ReaderError(file, None, "this is not a PDF (it does not start with %PDF-)",
                          "check that the file was downloaded completely, or give it its real extension")
    problems: list[str] = []
    try:
        pdf = pdfium.PdfDocument(raw)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code == c.FPDF_ERR_PASSWORD:
            raise ReaderError(file, None, "this PDF is encrypted with a password, so its text cannot be read",
                              "open it with the password and save a copy without one (Print > Save as PDF), "
                              "or put the letter's text beside it as " + stem + ".txt") from None
        if code == c.FPDF_ERR_SECURITY:
            raise ReaderError(file, None, "this PDF uses an encryption method that cannot be read",
                              "save a copy without encryption (Print > Save as PDF)") from None
        raise ReaderError(file, None, "this PDF is damaged or truncated and cannot be opened "
                          f"({str(exc).rstrip('.')})",
                          "download it again, or open it in a PDF viewer and save a copy") from None
    try:
        n = len(pdf)
        if n > MAX_PAGES:
            raise ReaderError(file, None, f"this PDF has {n} pages; a letter may have at most {MAX_PAGES}",
                              "split off the letter's own pages (with its signatures) and add only those")
        if c.FPDF_GetSecurityHandlerRevision(pdf.raw) >= 0:
            problems.append("the PDF is encrypted without a password to open it (owner password only): read anyway")
        if c.FPDFDoc_GetJavaScriptActionCount(pdf.raw) > 0 or b"/JavaScript" in raw or \
                (b"/JS" in raw and re.search(rb"/JS[\s(<\[/]", raw)):
            problems.append("the PDF contains JavaScript: ignored (never run)")
        if c.FPDFDoc_GetAttachmentCount(pdf.raw) > 0 or b"/EmbeddedFile" in raw:
            problems.append("the PDF has embedded (attached) files: ignored, only its text is read")
        if (b"/Launch" in raw or b"/SubmitForm" in raw or b"/ImportData" in raw) and \
                re.search(rb"/(?:Launch|SubmitForm|ImportData)\b", raw):
            problems.append("the PDF contains actions that open programs or send data: ignored")
        metadata = {
            "title": _meta(pdf, "Title") or None,
            "author": _meta(pdf, "Author") or None,
            "created": iso_date(_meta(pdf, "CreationDate")),
            "modified": iso_date(_meta(pdf, "ModDate")),
            "producer": " / ".join(x for x in (_meta(pdf, "Creator"), _meta(pdf, "Producer")) if x) or None,
            "pages": n,
        }
        page_frags: list[tuple[float, list[Frag]]] = []
        empty: list[int] = []
        scanned: list[int] = []      # pages to read by OCR: a little text over a large image
        broken: list[tuple[int, str]] = []   # pages that broke the reader: (page, why), left out
        total = 0
        notes = [0, 0]   # footnote marks dropped, hyphenated words rejoined inside list items
        for p in range(n):
            if time.perf_counter() - started > TIME_LIMIT:
                raise ReaderError(file, p + 1, f"reading this PDF took more than {TIME_LIMIT:.0f} s "
                                  "(it is unusually complex)", "print it to a new PDF and add that one")
            try:
                height, frags, count, scan = _read_page(pdf, p)
            except TooMuchText as exc:
                raise ReaderError(file, p + 1, f"this page holds too much text ({exc})",
                                  "this is not a letter's page; remove it") from None
            except MemoryError:
                raise
            except Exception as exc:     # a page that breaks the reader costs that page, never the file
                broken.append((p + 1, _why(exc)))
                page_frags.append((0.0, []))
                continue
            total += count
            if total > MAX_CHARS:
                raise ReaderError(file, p + 1, f"the PDF holds more than {MAX_CHARS:,} characters of text",
                                  "split off the letter's own pages and add only those")
            if scan:
                scanned.append(p + 1)
            elif count < 10:
                empty.append(p + 1)
            page_frags.append((height, frags))
        if broken and len(broken) == n:
            raise ReaderError(file, broken[0][0], "no page of this PDF could be read ("
                              + "; ".join(f"page {k}: {why}" for k, why in broken[:3]) + ")",
                              "open it in a PDF viewer and save a copy (Print > Save as PDF), then add that one")
        metadata["preview"] = preview.first_page(pdf) if total >= 20 * n else None   # (a scan: OCR's)
    finally:
        pdf.close()
    running = drop_running_fragments(page_frags, notes)
    page_edges: list[dict] = [{} for _ in page_frags]
    pages: list[list[str]] = []
    for p, ((_, frags), edge) in enumerate(zip(page_frags, page_edges, strict=True), start=1):
        try:
            pages.append(layout(frags, notes, edge))
        except MemoryError:
            raise
        except Exception as exc:     # the page's text is lost, not the file's
            broken.append((p, _why(exc)))
            edge.clear()
            pages.append([])
    broken.sort()
    join_across_pages(pages, page_edges, notes)
    for page, edge in zip(pages, page_edges, strict=True):   # footnotes after the page's text (rule 8)
        if edge.get("notes"):
            page += ([""] if page else []) + edge["notes"]
    if total < 20 * n:
        raise ScanError(file, None, f"this PDF has no text layer (a scan: {total} characters of text on "
                          f"{n} page{'s' if n != 1 else ''})", SCAN_HINT.format(stem=stem))
    odd = sum(1 for page in pages for line in page for ch in line
              if ch == "\ufffd" or "\ue000" <= ch <= "\uf8ff")
    if odd > 0.3 * total:
        raise ScanError(file, None, "this PDF's text layer cannot be decoded (its fonts carry no character "
                          "map: the text comes out as symbols)", SCAN_HINT.format(stem=stem))
    for p, why in broken:
        problems.append(f"page {p} could not be read ({why}): left out, the other pages are read")
    if empty and len(empty) < n:
        problems.append(f"page{'s' if len(empty) > 1 else ''} {', '.join(map(str, empty))} "
                        "ha{} no text (an image or a scan): not read".format("ve" if len(empty) > 1 else "s"))
    if notes[0]:
        problems.append(f"{notes[0]} footnote reference mark{'s' if notes[0] > 1 else ''} (superscripts) dropped")
    dropped = running + drop_running_lines(pages, repeat=False)   # repeats: by position above
    if dropped:
        shown = "; ".join(sorted(set(dropped))[:5])
        problems.append(f"{len(dropped)} running header/footer/page-number line(s) dropped ({shown})")
    joined = join_hyphenated(pages) + notes[1]
    if joined:
        problems.append(f"{joined} word(s) hyphenated at a line end rejoined")
    pages = [squeeze_blank(page) for page in pages]
    if scanned:
        metadata["ocr_pages"] = scanned     # read by OCR (readers.ocr.fill), or named as needing it
    return Document(pages=pages, metadata=metadata, problems=problems)
