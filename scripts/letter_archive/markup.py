"""Letter text as inert Markdown: every character shows as written, nothing runs.

The text is escaped for HTML (&, <, >) and for the Markdown syntax that could make markup or
attributes ({ } ` [ ]); only links to http(s) and mailto survive as links; images become their
alt text (they would load from the internet); headings move below the page's own."""

from __future__ import annotations

import html
import re
from urllib.parse import quote

LINK = re.compile(r"(!?)\[([^\[\]\n]{0,500})\]\(\s*<?([^()\s<>]*(?:\([^()\s]*\)[^()\s<>]*)*)>?(?:\s+\"[^\"\n]*\")?\s*\)")
SAFE_SCHEME = re.compile(r"^(?:https?://|mailto:)", re.I)
MD_SPECIAL = re.compile(r"([\\`{}\[\]!])")
RULE_OR_SETEXT = re.compile(r"^\s*([-=_*])(?:\s*\1){2,}\s*$")
REF_DEFINITION = re.compile(r"^\s*\\\[[^\]]*\\\]:")


def escape_inline(text: str) -> str:
    text = html.escape(text, quote=False)
    return MD_SPECIAL.sub(r"\\\1", text)


def safe_url(url: str) -> str:
    return quote(url, safe=":/?#[]@!$&'*+,;=%-._~")


def inline(text: str) -> str:
    out, pos = [], 0
    for m in LINK.finditer(text):
        out.append(escape_inline(text[pos: m.start()]))
        image, label, url = m.group(1), m.group(2), m.group(3)
        if image or not SAFE_SCHEME.match(url):
            out.append(escape_inline(label))
        else:
            out.append(f"[{escape_inline(label)}](<{safe_url(url)}>)")
        pos = m.end()
    out.append(escape_inline(text[pos:]))
    return "".join(out)


def letter_markdown(lines: list[str]) -> str:
    """The cleaned letter text as Markdown that renders to exactly its words."""
    out = []
    for raw in lines:
        line = raw.strip()
        if RULE_OR_SETEXT.match(line):
            out.append("\\" + line)
            continue
        heading = re.match(r"^(#{1,6})\s+(.*)$", line)
        if heading:
            level = min(6, len(heading.group(1)) + 2)
            out.append("#" * level + " " + inline(heading.group(2)))
            continue
        if line.startswith(">"):
            line = line.lstrip("> ")
        # a list number is part of the text ("item 2" is cited): keep it as written, not as <ol> markup
        numbered = re.match(r"^(\d{1,9})([.)])(\s.*)$", line)
        if numbered:
            out.append(numbered.group(1) + "\\" + numbered.group(2) + inline(numbered.group(3)))
            continue
        out.append(inline(line))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip() + "\n"


def esc(value: object) -> str:
    """For HTML we write ourselves: text and attribute values."""
    return html.escape("" if value is None else str(value), quote=True)


def inline_html(text: str) -> str:
    """One line of letter text as HTML: escaped, with http(s)/mailto links kept as links."""
    out, pos = [], 0
    for m in LINK.finditer(text):
        out.append(esc(text[pos: m.start()]))
        image, label, url = m.group(1), m.group(2), m.group(3)
        if image or not SAFE_SCHEME.match(url):
            out.append(esc(label))
        else:
            out.append(f'<a href="{esc(safe_url(url))}" rel="nofollow noopener">{esc(label)}</a>')
        pos = m.end()
    out.append(esc(text[pos:]))
    return "".join(out)


def letter_html(lines: list[str]) -> str:
    """The cleaned letter text as HTML, written directly (not through Markdown): paragraphs at blank
    lines, a <br> at each line break, every character escaped, so it shows exactly as written."""
    paragraphs: list[list[str]] = [[]]
    for raw in lines:
        line = raw.strip()
        if not line:
            if paragraphs[-1]:
                paragraphs.append([])
            continue
        heading = re.match(r"^(#{1,6})\s+(.*)$", line)
        if heading:   # a Markdown letter's own headings, below the page's h1 and h2
            level = min(6, len(heading.group(1)) + 2)
            tag = f"<h{level}>{inline_html(heading.group(2))}</h{level}>"
            paragraphs[-1:] = [p for p in (paragraphs[-1],) if p] + [[tag], []]
            continue
        paragraphs[-1].append(inline_html(line.lstrip("> ") if line.startswith(">") else line))
    out = []
    for par in paragraphs:
        if len(par) == 1 and par[0].startswith("<h"):
            out.append(par[0])
        elif par:
            out.append("<p>" + "<br>\n".join(par) + "</p>")
    return '<div class="letter-text">\n' + "\n".join(out) + "\n</div>\n"
