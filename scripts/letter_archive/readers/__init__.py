"""Read stage: a file in letters/ -> a `Source`: the document as received (bytes, decoded text), the
editor's front matter, and the plain text that extraction reads, each line traceable to the file.

One reader per input format, chosen by the file's suffix, or by its content where a web page was
saved under a text name. A reader turns the body (below the front matter) into plain text; what all
formats share (size limit, decoding, front matter) happens here once. To add a format, write a
module with `to_plain(body) -> (plain text, is_html)` and name its suffixes in READERS."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..errors import LetterError
from ..model import validate_front_matter
from . import html, text
from .frontmatter import split_front_matter
from .source import Source, decode, read_raw, refuse_if_too_big

Reader = Callable[[str], tuple[str, bool]]
READERS: dict[str, Reader] = {
    ".txt": text.to_plain, ".md": text.to_plain, ".markdown": text.to_plain,
    ".html": html.to_plain, ".htm": html.to_plain,
}
SUFFIXES = tuple(READERS)
BODY_KEYS = ("body", "content", "text", "letter")   # front-matter keys that may hold the letter itself


def reader_for(suffix: str, body: str) -> Reader:
    """The reader a document's suffix names, unless its content is a web page under a text name.
    Markdown with inline HTML keeps its own line breaks (its lists and paragraphs are Markdown's);
    a page saved under another text name is read as a page."""
    reader = READERS.get(suffix, text.to_plain)
    if reader is html.to_plain or not html.looks_like_html(body):
        return reader
    return html.markdown_with_html if suffix in (".md", ".markdown") else html.to_plain


def read_bytes(raw: bytes, file: str, suffix: str = ".txt") -> Source:
    """Decode, split front matter, and make the plain text extraction works on."""
    refuse_if_too_big(len(raw), file)
    decoded, encoding = decode(raw, file)
    decoded = decoded.replace("\r\n", "\n").replace("\r", "\n")
    if not decoded.strip():
        raise LetterError(file, 1, "the file is empty", "paste the letter's text into it, or delete it")
    meta, body, body_line, key_lines = split_front_matter(decoded, file)
    if not body.strip():   # a site that keeps the whole letter in one front-matter value ("body: |")
        key = next((k for k in BODY_KEYS if isinstance(meta.get(k), str) and len(meta[k]) > 200), None)
        if key:
            body, body_line = meta[key], key_lines.get(key, body_line)
    front, problems = validate_front_matter(meta, key_lines)
    plain, is_html = reader_for(suffix, body)(body)
    if not plain.strip() and not front:
        raise LetterError(file, body_line, "the document has no text", "paste the letter's text below the front matter")
    return Source(file=file, raw=raw, encoding=encoding, text=decoded, body=body, body_line=body_line,
                  plain=plain, is_html=is_html, front=front, problems=problems)


def read_document(path: Path, display: str | None = None, raw: bytes | None = None) -> Source:
    """`raw`: the file's bytes when the caller has read them already."""
    name = display or str(path)
    return read_bytes(read_raw(path, name) if raw is None else raw, name, path.suffix.lower())


__all__ = ["READERS", "SUFFIXES", "Source", "read_bytes", "read_document", "read_raw"]
