"""Letter text as inert HTML: every character shows as written, nothing runs.

The text is escaped for HTML (&, <, >, quotes); only links to http(s) and mailto survive as links;
images become their alt text (they would load from the internet); a Markdown letter's own headings
move below the page's h1 and h2. MkDocs passes these pages through without Markdown (mkdocs_hooks),
so nothing in a letter can be read as Markdown or template syntax either. The one HTML the page
templates print as it is (markupsafe.Markup), since every character of it was escaped here."""

from __future__ import annotations

import re
from urllib.parse import quote

from markupsafe import Markup, escape

LINK = re.compile(r"(!?)\[([^\[\]\n]{0,500})\]\(\s*<?([^()\s<>]*(?:\([^()\s]*\)[^()\s<>]*)*)>?(?:\s+\"[^\"\n]*\")?\s*\)")
SAFE_SCHEME = re.compile(r"^(?:https?://|mailto:)", re.I)


# Markdown emphasis marks, which a signature list shows without (the same marks extraction reads past)
EMPHASIS = re.compile(r"(\*\*|__|(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w))")


def without_emphasis(text: str) -> str:
    return EMPHASIS.sub("", text).strip()


def safe_url(url: str) -> str:
    return quote(url, safe=":/?#[]@!$&'*+,;=%-._~")


def esc(value: object) -> str:
    """For HTML we write ourselves: text and attribute values (the same escaping as the templates')."""
    return escape("" if value is None else str(value))


# Markdown emphasis as a letter writes it: **strong** or __strong__, *emphasis* or _emphasis_, the
# marks against the words they hold (so "5 * 3" and snake_case stay as written). A span is at most
# 300 characters: an unclosed mark costs a bounded look ahead, not the rest of the line.
STRONG = re.compile(r"(\*\*|__)(?=[^\s*_])(.{1,300}?)(?<=[^\s*_])\1")
EMPHASIZED = re.compile(r"(?<![\w*])\*(?=[^\s*])(.{1,300}?)(?<=[^\s*])\*(?![\w*])|"
                        r"(?<![\w_])_(?=[^\s_])(.{1,300}?)(?<=[^\s_])_(?![\w_])")


def emphasis_html(escaped: str) -> str:
    """Markdown emphasis in already escaped text as <strong> and <em> (the marks are not touched by
    escaping, and the text between them stays escaped)."""
    if "*" not in escaped and "_" not in escaped:
        return escaped
    escaped = STRONG.sub(lambda m: f"<strong>{m.group(2)}</strong>", escaped)
    return EMPHASIZED.sub(lambda m: f"<em>{m.group(1) or m.group(2)}</em>", escaped)


def inline_html(text: str) -> str:
    """One line of letter text as HTML: escaped, with http(s)/mailto links kept as links and Markdown
    emphasis shown as emphasis. A link shows its label; one whose label shows nothing (`[](…)`) shows
    its address, as a link if it may be one, else as written: letter text never disappears."""
    out, pos = [], 0
    for m in LINK.finditer(text):
        out.append(emphasis_html(esc(text[pos: m.start()])))
        image, label, url = m.group(1), m.group(2), m.group(3)
        link = not image and SAFE_SCHEME.match(url)
        if not label.strip():
            label = url if link else m.group(0)
        if link:
            out.append(f'<a href="{esc(safe_url(url))}" rel="nofollow noopener">{esc(label)}</a>')
        else:
            out.append(esc(label))
        pos = m.end()
    out.append(emphasis_html(esc(text[pos:])))
    return "".join(out)


def letter_html(lines: list[str], lang: str | None = None) -> Markup:
    """The cleaned letter text as HTML, written directly (not through Markdown): paragraphs at blank
    lines, a <br> at each line break, every character escaped, so it shows exactly as written. `lang`:
    the letter's language, a valid lang value (render.lang_tag), marked on the text (WCAG 3.1.2)."""
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
    # Safe to print unescaped: every piece of `out` is escaped text (esc), a heading or a link that
    # inline_html made of escaped text and an escaped http(s)/mailto address, or our own tags.
    lang_attr = f' lang="{esc(lang)}"' if lang else ""
    return Markup(f'<div class="letter-text"{lang_attr}>\n' + "\n".join(out) + "\n</div>\n")
