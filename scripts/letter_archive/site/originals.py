"""The original of each document, published as received: where it goes in docs/, what the letter page
calls it, and the text to read in a browser beside it.

The rule (issue 14):

- `originals/<id>.<ext>` is the document byte for byte as it arrived (a text document without the
  editor's front matter, which is not part of it: readers/sidecar.py), and the SHA-256 on the letter
  page is of exactly these bytes. For .txt, .md, .pdf, .docx, .odt and .eml files: nothing in
  them runs when a host serves them under their own name.
- A web page (.html, .htm) would be served as a page and its scripts run, so its bytes are published
  as `originals/<id>.html.bin`: every host serves that as a download (application/octet-stream),
  never as a page, and the letter page's link saves it as `<id>.html` (the `download` attribute).
- `originals/<id>.<ext>.txt` is its text to read in a browser, UTF-8 with a byte-order mark: static
  hosts serve .txt without a charset (`python3 -m http.server` does), and a browser then reads UTF-8
  as Windows-1252 ("TomÃ¡s"); the byte-order mark settles it on every host. For a text document it is
  its text as received (re-encoded in UTF-8 if it came in another encoding; a web page's source as
  text); for a PDF, Word, ODT or e-mail file, its text as read (line N is the line `letters check`
  cites). It is also the address text originals had before (`<id>.txt.txt`): links to it still work.

The letter page says "Original (PDF, 3 pages, 212 KB)" or "Original (plain text, 3 KB)"; a PDF's page
head carries `citation_pdf_url`, and its first page is the link-preview image (`previews/<id>.png`)."""

from __future__ import annotations

import base64
import codecs
from dataclasses import dataclass, field

from ..errors import LetterError
from ..readers.source import decode
from . import routes

TEXT_FORMATS = {".txt": "plain text", ".md": "Markdown", ".markdown": "Markdown", ".html": "web page",
                ".htm": "web page"}
RUNNABLE = (".html", ".htm")   # served under their own name, a host shows them as a page and runs their scripts


@dataclass
class Original:
    link: str                    # docs/-relative path of the file as received
    label: str                   # what the letter page calls it
    files: dict[str, bytes] = field(default_factory=dict)   # docs/-relative path -> content
    text: str | None = None      # the path of its text, to read in a browser
    pdf: str | None = None       # the PDF's path (for citation_pdf_url)
    card: str | None = None      # its first page as PNG (for link previews)
    name: str = ""               # the name a download is saved under: <id>.<ext>
    text_label: str = "its text as read"


def size_label(size: int) -> str:
    if size >= 1_000_000:
        return f"{size / 1e6:.1f} MB"
    return f"{max(1, round(size / 1000))} KB"


def original_link(rid: str, suffix: str) -> str:
    """Where the file as received is published (what the data exports point to)."""
    suffix = suffix.lower()
    return routes.original_download(rid, suffix) if suffix in RUNNABLE else routes.original_file(rid, suffix)


def readable(text: str) -> bytes:
    """Text as a browser shows it right from any host: UTF-8 with a byte-order mark."""
    return codecs.BOM_UTF8 + text.lstrip("\ufeff").encode("utf-8", "surrogatepass")


def received_text(received: bytes, name: str) -> str:
    """A text document's bytes as text, decoded as the reader decoded them."""
    try:
        return decode(received, name).text
    except LetterError:            # (the file was read before: only a document emptied of all but its front matter)
        return received.decode("utf-8", "replace")


def original_of(rid: str, suffix: str, received: bytes, origin: dict) -> Original:
    """The published original of document `rid`: `received`, its bytes as received; `origin` is the
    extraction's (empty for text formats)."""
    suffix = suffix.lower()
    link = original_link(rid, suffix)
    text = routes.original(rid, suffix)
    name = f"{rid}{suffix}"
    if not origin:
        fmt = TEXT_FORMATS.get(suffix, suffix.lstrip(".").upper() or "text")
        return Original(link, f"Original ({fmt}, {size_label(len(received))})",
                        {link: received, text: readable(received_text(received, name))}, text, name=name,
                        text_label="read its text")
    pages = origin.get("pages")
    facts = [origin.get("format") or suffix.lstrip(".").upper()]
    if pages:
        facts.append(f"{pages} page{'s' if pages != 1 else ''}")
    facts.append(size_label(len(received)))
    files = {link: received}
    if origin.get("text"):
        files[text] = readable(origin["text"])
    else:
        text = None
    card = None
    if origin.get("preview"):
        card = routes.preview(rid)
        files[card] = base64.b64decode(origin["preview"])
    return Original(link, f"Original ({', '.join(facts)})", files, text, link if suffix == ".pdf" else None, card,
                    name=name)
