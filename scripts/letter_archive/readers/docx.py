"""Word .docx -> lines (one page: a DOCX has no fixed pages), read with python-docx (MIT).

Rules: body paragraphs and tables in document order, tracked changes accepted (insertions read,
deletions not), field codes and text boxes not read; page headers, footers, footnotes and comments
are not read (a running header is not the letter's text: the header's text is named in problems);
a table row is one line, cells separated by TAB (merged cells once); list paragraphs get "- " or
their number; a blank line separates paragraphs where Word shows a gap (6 pt or more of space
before or after, from the paragraph, its style or the document's defaults, or an empty paragraph),
but not items of one list or rows of one table. Refused: macro-enabled files (.docm), password-protected
files (an OLE container), zip bombs and damaged files."""

from __future__ import annotations

import re
from io import BytesIO

import docx  # python-docx
from docx.table import Table
from docx.text.paragraph import Paragraph

from .base import Document, ReaderError, clean_line, iso_date, join_hyphenated, open_zip, read_member, squeeze_blank

HINT = "open it in Word or LibreOffice and save it again as .docx, or save it as PDF"
MACRO_TYPES = ("macroEnabled", "vbaProject", "ms-office.activeX")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _check(raw: bytes, file: str):
    z = open_zip(raw, file, "Word document", HINT)
    names = set(z.namelist())
    types = read_member(z, "[Content_Types].xml", file, "Word document", HINT)
    if types is None or "word/document.xml" not in names:
        raise ReaderError(file, None, "this is a ZIP file but not a Word document (no word/document.xml)",
                          "save the letter from Word as .docx, or as PDF")
    text = types.decode("utf-8", "replace")
    if file.lower().endswith(".docm") or any(m in text for m in MACRO_TYPES) or \
            any(n.lower().endswith("vbaproject.bin") for n in names):
        raise ReaderError(file, None, "this is a macro-enabled Word document (.docm): refused, macros are "
                          "never opened", "in Word choose File > Save As > Word Document (*.docx), which "
                          "removes the macros, and add that file")
    if "<!DOCTYPE" in text or "<!ENTITY" in text:
        raise ReaderError(file, None, "this Word document declares XML entities (not made by a word processor)",
                          HINT)
    app = read_member(z, "docProps/app.xml", file, "Word document", HINT) or b""
    m = re.search(rb"<(?:\w+:)?Pages>(\d+)<", app)
    return int(m.group(1)) if m else None


PARAGRAPH_GAP = 120    # twentieths of a point: 6 pt of space between two paragraphs shows as a blank line


def _spacing_of(ppr) -> tuple[int | None, int | None]:
    spacing = ppr.find(W + "spacing") if ppr is not None else None
    if spacing is None:
        return None, None

    def twips(name: str) -> int | None:
        value = spacing.get(W + name)
        return int(value) if value and value.lstrip("-").isdigit() else None

    return twips("before"), twips("after")


def _default_spacing(document) -> tuple[int, int]:
    ppr = document.styles.element.find(f"{W}docDefaults/{W}pPrDefault/{W}pPr")
    before, after = _spacing_of(ppr)
    return before or 0, after or 0


def _spacing(paragraph, defaults: tuple[int, int]) -> tuple[int, int]:
    """The space before and after a paragraph as Word shows it: its own, else its style's (and the
    styles it is based on), else the document's default."""
    before, after = _spacing_of(paragraph._p.pPr)
    try:
        style = paragraph.style
    except (KeyError, ValueError):
        style = None
    for _ in range(10):
        if style is None or (before is not None and after is not None):
            break
        b, a = _spacing_of(style.element.pPr)
        before, after = before if before is not None else b, after if after is not None else a
        style = style.base_style
    return (defaults[0] if before is None else before), (defaults[1] if after is None else after)


def _numbering(document) -> dict:
    """(numId, ilvl) -> numFmt ('bullet', 'decimal', ...)."""
    try:
        numbering = document.part.numbering_part.element
    except (KeyError, NotImplementedError, AttributeError):
        return {}
    abstract = {}
    for an in numbering.findall(W + "abstractNum"):
        aid = an.get(W + "abstractNumId")
        for lvl in an.findall(W + "lvl"):
            fmt = lvl.find(W + "numFmt")
            abstract[(aid, lvl.get(W + "ilvl"))] = fmt.get(W + "val") if fmt is not None else "bullet"
    out = {}
    for num in numbering.findall(W + "num"):
        ref = num.find(W + "abstractNumId")
        if ref is None:
            continue
        for (aid, ilvl), fmt in abstract.items():
            if aid == ref.get(W + "val"):
                out[(num.get(W + "numId"), ilvl)] = fmt
    return out


SKIP_UNDER = {W + "del", W + "moveFrom", W + "txbxContent", W + "instrText", W + "delText",
              "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"}


def _para_text(p) -> str:
    """A paragraph's text as shown with changes accepted: tracked insertions (w:ins, w:moveTo)
    read, deletions not; field codes and text boxes (drawn apart from the text flow) not read."""
    out: list[str] = []

    def walk(el):
        for child in el:
            tag = child.tag
            if tag in SKIP_UNDER:
                continue
            if tag == W + "t":
                out.append(child.text or "")
            elif tag == W + "tab":
                out.append("\t")
            elif tag in (W + "br", W + "cr"):
                out.append(" ")
            elif tag == W + "noBreakHyphen":
                out.append("-")
            elif tag == W + "pPr" or tag == W + "rPr":
                continue
            else:
                walk(child)

    walk(p)
    return "".join(out)


def _num_pr(paragraph):
    """The paragraph's list numbering: its own, or its style's (List Number, List Bullet)."""
    pPr = paragraph._p.pPr
    if pPr is not None and pPr.numPr is not None:
        return pPr.numPr
    try:
        style = paragraph.style
    except (KeyError, ValueError):
        return None
    for _ in range(10):                     # base styles, not forever
        if style is None:
            return None
        spPr = style.element.pPr
        if spPr is not None and spPr.numPr is not None:
            return spPr.numPr
        style = style.base_style
    return None


def read(raw: bytes, file: str) -> Document:
    pages_meta = _check(raw, file)
    try:
        document = docx.Document(BytesIO(raw))
    except Exception as exc:   # python-docx raises many kinds on broken parts
        raise ReaderError(file, None, f"this Word document is damaged and cannot be read ({type(exc).__name__}: "
                          f"{str(exc)[:120]})", HINT) from None
    problems: list[str] = []
    numfmt = _numbering(document)
    counters: dict = {}
    blocks: list[tuple[str, str]] = []    # (kind, text): kind 'p', 'li', 'row', 'blank'
    spacing: list[tuple[int, int]] = []   # each block's space before and after, in twentieths of a point
    defaults = _default_spacing(document)
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            text = clean_line(_para_text(item._p))
            if not text:
                blocks.append(("blank", ""))
                continue
            num = _num_pr(item)
            if num is not None and num.numId is not None:
                key = (str(num.numId.val), str(num.ilvl.val if num.ilvl is not None else 0))
                fmt = numfmt.get(key, "bullet")
                if fmt in ("bullet", "none"):
                    text = "- " + text
                else:
                    counters[key] = counters.get(key, 0) + 1
                    n = counters[key]
                    label = chr(96 + n) if fmt == "lowerLetter" and n <= 26 else \
                        chr(64 + n) if fmt == "upperLetter" and n <= 26 else str(n)
                    text = f"{label}. {text}"
                blocks.append(("li", text))
            else:
                blocks.append(("p", text))
            spacing += [(0, 0)] * (len(blocks) - len(spacing) - 1) + [_spacing(item, defaults)]
        elif isinstance(item, Table):
            blocks.append(("blank", ""))
            for row in item.rows:
                cells, seen = [], set()
                for cell in row.cells:
                    if id(cell._tc) in seen:
                        continue
                    seen.add(id(cell._tc))
                    cells.append(clean_line(" ".join(_para_text(p._p) for p in cell.paragraphs)).replace("\t", " "))
                while cells and not cells[-1]:
                    cells.pop()
                if any(cells):
                    blocks.append(("row", "\t".join(cells)))
            blocks.append(("blank", ""))
    spacing += [(0, 0)] * (len(blocks) - len(spacing))
    lines: list[str] = []
    prev = None
    for k, (kind, text) in enumerate(blocks):
        if kind == "blank":
            lines.append("")
            prev = None
            continue
        if prev is not None:
            pk, pt, pk_index = prev
            gap = max(spacing[pk_index][1], spacing[k][0])
            together = (kind == pk == "li") or (kind == pk == "row") or (kind in ("p", "li") and gap < PARAGRAPH_GAP)
            if not together:
                lines.append("")
        lines.append(text)
        prev = (kind, text, k)
    header = []
    for section in document.sections:
        for part in (section.header, section.first_page_header, section.footer):
            try:
                if part.is_linked_to_previous and part is not document.sections[0].header:
                    continue
                t = clean_line(" ".join(p.text for p in part.paragraphs))
            except Exception:
                continue
            if t and t not in header:
                header.append(t)
    if header:
        problems.append("page header/footer not read as the letter's text: " + " | ".join(header)[:200])
    pages = [squeeze_blank(lines)]
    if not any(pages[0]):
        raise ReaderError(file, None, "this Word document has no text in its body",
                          "check that the letter is not an image or a text box; paste its text into a .txt file")
    join_hyphenated(pages)
    cp = document.core_properties
    metadata = {
        "title": cp.title or None, "author": cp.author or None,
        "created": iso_date(cp.created.isoformat()) if cp.created else None,
        "modified": iso_date(cp.modified.isoformat()) if cp.modified else None,
        "pages": pages_meta,
    }
    return Document(pages=pages, metadata=metadata, problems=problems)
