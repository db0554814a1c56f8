"""The original of each document, published as received: where it goes in docs/, what the letter page
calls it, and the text rendition of a binary one.

A text document (.txt, .md, .html) is published as `originals/<id>.<ext>.txt`, so that no host ever
serves a letter's HTML as a page. A PDF, Word, ODT or e-mail file is published byte-identical as
`originals/<id>.<ext>`, with its text as read (`originals/<id>.<ext>.txt`, line N being the line
`letters check` cites) beside it; the letter page says "Original (PDF, 3 pages, 212 KB)" and a PDF's
page head carries `citation_pdf_url` for citation managers, and its first page as the link-preview
image (`previews/<id>.png`, og:image)."""

from __future__ import annotations

import base64
from dataclasses import dataclass, field

from . import routes


@dataclass
class Original:
    link: str                    # docs/-relative path of the file as received
    label: str                   # what the letter page calls it
    files: dict[str, bytes] = field(default_factory=dict)   # docs/-relative path -> content
    text: str | None = None      # the text rendition's path (binary formats)
    pdf: str | None = None       # the PDF's path (for citation_pdf_url)
    card: str | None = None      # its first page as PNG (for link previews)


def size_label(size: int) -> str:
    if size >= 1_000_000:
        return f"{size / 1e6:.1f} MB"
    return f"{max(1, round(size / 1000))} KB"


def original_link(rid: str, suffix: str, origin: dict) -> str:
    """Where the file as received is published (what the data exports point to)."""
    return routes.original_file(rid, suffix.lower()) if origin else routes.original(rid, suffix.lower())


def original_of(rid: str, suffix: str, raw: bytes, origin: dict) -> Original:
    """The published original of document `rid`: `origin` is the extraction's (empty for text formats)."""
    suffix = suffix.lower()
    link = original_link(rid, suffix, origin)
    if not origin:
        return Original(link, link.rsplit("/", 1)[-1], {link: raw})
    pages = origin.get("pages")
    facts = [origin.get("format") or suffix.lstrip(".").upper()]
    if pages:
        facts.append(f"{pages} page{'s' if pages != 1 else ''}")
    facts.append(size_label(len(raw)))
    files = {link: raw}
    text = None
    if origin.get("text"):
        text = routes.original(rid, suffix)
        files[text] = origin["text"].encode("utf-8")
    card = None
    if origin.get("preview"):
        card = routes.preview(rid)
        files[card] = base64.b64decode(origin["preview"])
    return Original(link, f"Original ({', '.join(facts)})", files, text, link if suffix == ".pdf" else None, card)
