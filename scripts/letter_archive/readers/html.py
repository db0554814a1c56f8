"""Reader for web pages (.html, .htm) and for Markdown or text with inline HTML: the page as plain
text, blocks as paragraphs, list items as bullets, table rows as tab-separated lines."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Comment, Declaration, Doctype, NavigableString, PageElement, ProcessingInstruction, Tag

HTML_HINT = re.compile(r"<(?:p|br|div|li|ul|ol|table|tr|td|h[1-6]|html|body|span|a)\b[^<>]*>", re.I)
BLOCK_TAGS = ("p", "div", "section", "article", "header", "footer", "ul", "ol", "table", "blockquote",
              "h1", "h2", "h3", "h4", "h5", "h6", "hr", "main", "center", "dl", "dd", "dt", "pre", "figure")
# Server-side code in a page saved from its source (<?php … ?>): not the letter's words, and an
# HTML parser ends it at its first ">", so the rest of the code (a <style> block, say) read as text.
# It ends at its `?>`; scanning stops at the next `<?`, so unclosed openings cost no rescans.
SERVER_CODE = re.compile(r"<\?(?:php\b|=)(?:[^?<]|\?(?!>)|<(?!\?))*\?>", re.I)
CELL_MAX = 600   # characters: more than any signatory's description, less than a letter
WHITESPACE_RUN = re.compile(r"\s+")
DROP_TAGS = ("script", "style", "noscript", "template", "iframe", "object", "svg", "head", "nav")


def html_to_text(html: str, collapse: bool = True) -> str:
    """Readable text from a web page: blocks become paragraphs, list items bullets, rows tab-separated.

    The parsed tree is walked twice, each time once, without a stack of Python calls: first to
    measure each table cell's text (a cell holding a name, a country or a line of description keeps
    its paragraphs and line breaks on its row's line; a cell holding a page, as in layout tables,
    does not), then to write the text. Editing the tree in place instead (unwrapping, inserting,
    asking each text node for its <pre>) cost work in proportion to the depth of the tree for every
    node: 40 KB of unclosed <b> took 33 s."""
    soup = BeautifulSoup(_close_open_ends(SERVER_CODE.sub("", html)), "html.parser")
    small_cells = _small_cells(soup, collapse)
    out: list[str] = []
    # (node, entering?, inside a small cell?, inside <pre>?); an exit entry writes what follows a tag
    stack: list[tuple[PageElement, bool, bool, bool]] = [(soup, True, False, False)]
    while stack:
        node, entering, in_cell, in_pre = stack.pop()
        if not entering:
            out.append(_after(node.name, in_cell))
            continue
        if isinstance(node, NavigableString):
            if not isinstance(node, SKIPPED_STRINGS):
                out.append(WHITESPACE_RUN.sub(" ", node) if collapse and not in_pre else str(node))
            continue
        if not isinstance(node, Tag) or node.name in DROP_TAGS:
            continue
        name = node.name
        if name == "img":
            alt = node.get("alt")
            out.append(f" {alt} " if alt else "")
            continue
        out.append(_before(name, in_cell))
        inner_cell = in_cell or id(node) in small_cells
        stack.append((node, False, in_cell, in_pre))
        stack.extend((child, True, inner_cell, in_pre or name == "pre") for child in reversed(node.contents))
    lines = [TAB_RUN.sub("\t", line).strip(" \t") if collapse else line.rstrip()
             for line in _header_rows_as_markdown("".join(out).splitlines())]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n") + "\n"


def _header_rows_as_markdown(lines: list[str]) -> list[str]:
    """A table whose first row is all header cells (<th>) is written as a Markdown table, so that
    what reads tables knows its header ("Organisation | Country") from its rows; other rows' header
    cells (a row's own label) stay tab-separated like their other cells."""
    out: list[str] = []
    in_table = False
    for line in lines:
        cells = [c.strip() for c in line.replace(HEADER_CELL_END, "\t").split("\t")]
        cells = cells[:-1] if cells and not cells[-1] else cells
        header = HEADER_CELL_END in line and "\t" not in line.strip(" \t") and not in_table and len(cells) > 1
        if header:
            out += ["| " + " | ".join(c.replace("|", "/") for c in cells) + " |", "|" + "---|" * len(cells)]
            in_table = True
        elif in_table and "\t" in line.strip(" \t"):
            out.append("| " + " | ".join(c.replace("|", "/") for c in cells) + " |")
        else:
            in_table = False
            out.append(line.replace(HEADER_CELL_END, "\t"))
    return out


def _close_open_ends(html: str) -> str:
    """The text after the last `>` (or `-->`, `]]>`) as text: Python's HTML parser (before 3.11.13,
    CVE-2025-6069) scans again to the end of the page for every tag, comment or marked section that
    is never closed, so 20,000 unclosed `<!--` or `<a href='` cost minutes. Nothing there could be
    markup: the parser would show it as text anyway."""
    for opening, closing in (("<!--", "-->"), ("<![", "]]>"), ("<", ">")):
        end = html.rfind(closing) + len(closing) if closing in html else 0
        if opening in html[end:]:
            html = html[:end] + html[end:].replace(opening, "&lt;" + opening[1:])
    return html


SKIPPED_STRINGS = (Comment, ProcessingInstruction, Declaration, Doctype)
TAB_RUN = re.compile(r"[ \t]*\t[ \t]*")
HEADINGS = frozenset(f"h{n}" for n in range(1, 7))
BLOCKS = frozenset(BLOCK_TAGS)


def _before(name: str, in_cell: bool) -> str:
    if in_cell:               # inside a small cell, blocks, items and breaks are spaces on the row's line
        return ""
    if name in HEADINGS:
        return "\n\n# "
    if name in BLOCKS:
        return "\n\n"
    return "\n- " if name == "li" else ""


HEADER_CELL_END = "\x1f"   # ends a <th> cell while the text is written: a row of them is the table's header


def _after(name: str, in_cell: bool) -> str:
    if name == "th":
        return HEADER_CELL_END
    if name == "td":
        return "\t"
    if name == "tr":
        return "\n"
    if in_cell:
        return " " if name in BLOCKS or name in ("br", "li") else ""
    if name == "br":
        return "\n"
    return "\n\n" if name in BLOCKS else ""


def _small_cells(soup: BeautifulSoup, collapse: bool) -> set[int]:
    """The ids of the table cells whose text is at most CELL_MAX characters and that hold no table."""
    small: set[int] = set()
    # post-order, without recursion: (node, children done?); sizes[id] = (characters, holds a table)
    sizes: dict[int, tuple[int, bool]] = {}
    stack: list[tuple[PageElement, bool]] = [(soup, False)]
    while stack:
        node, done = stack.pop()
        if isinstance(node, NavigableString):
            if not isinstance(node, SKIPPED_STRINGS):
                sizes[id(node)] = (len(WHITESPACE_RUN.sub(" ", node) if collapse else node), False)
            continue
        if not isinstance(node, Tag) or node.name in DROP_TAGS:
            continue
        if node.name == "img":
            alt = node.get("alt")
            sizes[id(node)] = (len(alt) + 2 if alt else 0, False)
            continue
        if not done:
            stack.append((node, True))
            stack.extend((child, False) for child in node.contents)
            continue
        parts = [sizes.pop(id(child)) for child in node.contents if id(child) in sizes]
        chars = sum(p[0] for p in parts)
        table = any(p[1] for p in parts)
        if node.name in ("td", "th") and chars <= CELL_MAX and not table:
            small.add(id(node))
        sizes[id(node)] = (chars, table or node.name == "table")
    return small


def looks_like_html(text: str) -> bool:
    """A page saved with a text name: five or more block tags near its start."""
    return len(HTML_HINT.findall(text[:20000])) >= 5


def to_plain(body: str) -> tuple[str, bool]:
    """(plain text, whether the text is positioned by search, not by line: converted HTML)."""
    return html_to_text(body), True


def markdown_with_html(body: str) -> tuple[str, bool]:
    """Markdown that holds some HTML: the tags go, the Markdown's own lines stay."""
    return html_to_text(body, collapse=False), True
