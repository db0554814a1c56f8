"""Reader for web pages (.html, .htm) and for Markdown or text with inline HTML: the page as plain
text, blocks as paragraphs, list items as bullets, table rows as tab-separated lines."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Comment, Declaration, Doctype, ProcessingInstruction

HTML_HINT = re.compile(r"<(?:p|br|div|li|ul|ol|table|tr|td|h[1-6]|html|body|span|a)\b[^>]*>", re.I)
BLOCK_TAGS = ("p", "div", "section", "article", "header", "footer", "ul", "ol", "table", "blockquote",
              "h1", "h2", "h3", "h4", "h5", "h6", "hr", "main", "center", "dl", "dd", "dt", "pre", "figure")
# Server-side code in a page saved from its source (<?php … ?>): not the letter's words, and an
# HTML parser ends it at its first ">", so the rest of the code (a <style> block, say) read as text.
SERVER_CODE = re.compile(r"<\?(?:php\b|=).*?\?>", re.S | re.I)
CELL_MAX = 600   # characters: more than any signatory's description, less than a letter
DROP_TAGS = ("script", "style", "noscript", "template", "iframe", "object", "svg", "head", "nav")


def html_to_text(html: str, collapse: bool = True) -> str:
    """Readable text from a web page: blocks become paragraphs, list items bullets, rows tab-separated."""
    soup = BeautifulSoup(SERVER_CODE.sub("", html), "html.parser")
    for node in soup.find_all(string=lambda s: isinstance(s, Comment | ProcessingInstruction | Declaration | Doctype)):
        node.extract()
    for tag in soup.find_all(DROP_TAGS):
        tag.decompose()
    if collapse:
        for node in soup.find_all(string=True):
            if node.find_parent("pre") is None:
                node.replace_with(re.sub(r"\s+", " ", str(node)))
    for tag in soup.find_all("img"):
        tag.replace_with(f" {tag.get('alt', '')} " if tag.get("alt") else "")
    for cell in soup.find_all(["td", "th"]):
        # A cell holding a name, a country or a line of description (a signature table) keeps its
        # paragraphs and line breaks on its row's line; a cell holding a page (layout tables) does not.
        if len(cell.get_text()) <= CELL_MAX and not cell.find("table"):
            for inner in cell.find_all(["br", "li", *BLOCK_TAGS]):
                inner.insert_after(" ")
                inner.unwrap()
    for tag in soup.find_all("br"):
        tag.replace_with("\n")
    for tag in soup.find_all(re.compile(r"^h[1-6]$")):
        tag.insert(0, "# ")
    for tag in soup.find_all("li"):
        tag.insert_before("\n- ")
    for tag in soup.find_all(["td", "th"]):
        tag.insert_after("\t")
    for tag in soup.find_all("tr"):
        tag.insert_after("\n")
    for tag in soup.find_all(BLOCK_TAGS):
        tag.insert_before("\n\n")
        tag.insert_after("\n\n")
    text = soup.get_text()
    lines = [re.sub(r"[ \t]*\t[ \t]*", "\t", line).strip(" \t") if collapse else line.rstrip()
             for line in text.splitlines()]
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n") + "\n"


def looks_like_html(text: str) -> bool:
    """A page saved with a text name: five or more block tags near its start."""
    return len(HTML_HINT.findall(text[:20000])) >= 5


def to_plain(body: str) -> tuple[str, bool]:
    """(plain text, whether the text is positioned by search, not by line: converted HTML)."""
    return html_to_text(body), True


def markdown_with_html(body: str) -> tuple[str, bool]:
    """Markdown that holds some HTML: the tags go, the Markdown's own lines stay."""
    return html_to_text(body, collapse=False), True
