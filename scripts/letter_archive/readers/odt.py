"""OpenDocument text (.odt) -> lines, read with the standard library (zipfile + ElementTree).

Rules: office:text in document order; headings and paragraphs one line each (text:s spaces,
text:tab TAB, text:line-break a space); list items "- "; a table row one line, cells TAB-separated;
notes (footnotes) and tracked deletions are not read; LibreOffice's soft page breaks
(text:soft-page-break) split pages. Blank lines between paragraphs as for DOCX. meta.xml gives
title, creator, creation date and page count."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from .base import Document, ReaderError, clean_line, iso_date, join_hyphenated, open_zip, read_member, squeeze_blank

HINT = "open it in LibreOffice and save it again as .odt, or save it as PDF"
NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "meta": "urn:oasis:names:tc:opendocument:xmlns:meta:1.0",
    "dc": "http://purl.org/dc/elements/1.1/",
}
T = "{{{}}}".format(NS["text"])
TB = "{{{}}}".format(NS["table"])
SKIP = {T + "note", T + "tracked-changes", T + "bookmark-ref", "{{{}}}annotation".format(NS["office"])}


def _parse(data: bytes, file: str, name: str):
    if b"<!DOCTYPE" in data[:4096] or b"<!ENTITY" in data:
        raise ReaderError(file, None, f"{name} declares XML entities (not made by a word processor)", HINT)
    try:
        return ET.fromstring(data)
    except ET.ParseError as exc:
        raise ReaderError(file, None, f"this ODT document is damaged ({name}: {exc})", HINT) from None


def _inline(el, out: list[str], breaks: list[int]) -> None:
    if el.tag in SKIP:
        return
    if el.tag == T + "s":
        out.append(" " * int(el.get(T + "c", "1") or 1))
    elif el.tag == T + "tab":
        out.append("\t")
    elif el.tag == T + "line-break":
        out.append(" ")
    elif el.tag == T + "soft-page-break":
        breaks.append(1)
    elif el.text:
        out.append(el.text)
    for child in el:
        _inline(child, out, breaks)
        if child.tail:
            out.append(child.tail)


def read(raw: bytes, file: str) -> Document:
    z = open_zip(raw, file, "ODT document", HINT)
    mimetype = (read_member(z, "mimetype", file, "ODT document", HINT) or b"").strip()
    if mimetype and mimetype != b"application/vnd.oasis.opendocument.text":
        raise ReaderError(file, None, f"this is an OpenDocument file of another kind ({mimetype.decode('ascii', 'replace')})",
                          "save the letter as a text document (.odt) or as PDF")
    if any(n.lower().startswith("basic/") or n.lower().startswith("scripts/") for n in z.namelist()):
        macros = True
    else:
        macros = False
    content = read_member(z, "content.xml", file, "ODT document", HINT)
    if content is None:
        raise ReaderError(file, None, "this ODT has no content.xml: it is not a text document", HINT)
    root = _parse(content, file, "content.xml")
    body = root.find("office:body/office:text", NS)
    if body is None:
        raise ReaderError(file, None, "this OpenDocument file has no text body", "save the letter as .odt or PDF")
    pages: list[list[tuple[str, str]]] = [[]]

    def block(kind: str, el) -> None:
        out: list[str] = []
        breaks: list[int] = []
        _inline(el, out, breaks)
        if breaks and any(pages[-1]):
            pages.append([])
        text = clean_line("".join(out))
        pages[-1].append((kind, text) if text else ("blank", ""))

    def walk(el, in_list: bool = False) -> None:
        for child in el:
            tag = child.tag
            if tag in SKIP:
                continue
            if tag == T + "soft-page-break" and any(pages[-1]):
                pages.append([])
            elif tag in (T + "p", T + "h"):
                if in_list:
                    out: list[str] = []
                    _inline(child, out, [])
                    text = clean_line("".join(out))
                    if text:
                        pages[-1].append(("li", "- " + text))
                else:
                    block("p", child)
            elif tag == T + "list":
                for item in child:
                    walk(item, True)
            elif tag in (T + "list-item", T + "list-header", T + "section", TB + "table-header-rows",
                         TB + "table-rows"):
                walk(child, in_list)
            elif tag == TB + "table":
                pages[-1].append(("blank", ""))
                for row in child.iter(TB + "table-row"):
                    cells = []
                    for cell in row.findall(TB + "table-cell"):
                        out = []
                        _inline(cell, out, [])
                        cells.append(clean_line("".join(out)).replace("\t", " "))
                    while cells and not cells[-1]:
                        cells.pop()
                    if any(cells):
                        pages[-1].append(("row", "\t".join(cells)))
                pages[-1].append(("blank", ""))

    walk(body)
    out_pages = []
    for blocks in pages:
        lines, prev = [], None
        for kind, text in blocks:
            if kind == "blank":
                lines.append("")
                prev = None
                continue
            if prev is not None and not ((kind == prev[0] and kind in ("li", "row")) or
                                         (len(text) <= 80 and len(prev[1]) <= 80)):
                lines.append("")
            lines.append(text)
            prev = (kind, text)
        out_pages.append(squeeze_blank(lines))
    out_pages = [p for p in out_pages if p] or [[]]
    if not any(out_pages[0]) and len(out_pages) == 1:
        raise ReaderError(file, None, "this ODT document has no text", "paste the letter's text into a .txt file")
    join_hyphenated(out_pages)
    metadata = {"title": None, "author": None, "created": None, "pages": None}
    meta = read_member(z, "meta.xml", file, "ODT document", HINT)
    if meta:
        m = _parse(meta, file, "meta.xml").find("office:meta", NS)
        if m is not None:
            get = lambda path: (m.findtext(path, default="", namespaces=NS) or "").strip() or None  # noqa: E731
            metadata["title"] = get("dc:title")
            metadata["author"] = get("meta:initial-creator") or get("dc:creator")
            metadata["created"] = iso_date(get("meta:creation-date"))
            metadata["modified"] = iso_date(get("dc:date"))
            stats = m.find("meta:document-statistic", NS)
            if stats is not None and stats.get("{{{}}}page-count".format(NS["meta"])):
                metadata["pages"] = int(re.sub(r"\D", "", stats.get("{{{}}}page-count".format(NS["meta"]))) or 0) or None
    problems = ["the document contains macros (Basic/scripts): ignored, never run"] if macros else []
    return Document(pages=out_pages, metadata=metadata, problems=problems)
