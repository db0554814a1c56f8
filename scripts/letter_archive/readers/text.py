"""Reader for plain text and Markdown (.txt, .md, .markdown): the body is read as written, line for
line, except where it holds inline HTML (a Markdown letter with a few tags), which is converted while
its line breaks are kept."""

from __future__ import annotations

from .html import HTML_HINT, html_to_text


def to_plain(body: str) -> tuple[str, bool]:
    if "<" in body and HTML_HINT.search(body):
        return html_to_text(body, collapse=False), False   # Markdown with some inline HTML
    return body, False
