"""Read stage: a file in letters/ -> a `Source`: the document as received (bytes, decoded text), the
editor's front matter, and the plain text that extraction reads, each line traceable to the file.

One reader per input format, chosen by the file's suffix, or by its content where a web page was
saved under a text name. A reader turns the body (below the front matter) into plain text; what all
formats share (size limit, decoding, front matter) happens here once. To add a format, write a
module with `to_plain(body) -> (plain text, is_html)` and name its suffixes in READERS."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from ..errors import LetterError, Problem
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


def reader_for(suffix: str, body: str) -> Reader:
    """The reader a document's suffix names, unless its content is a web page under a text name."""
    reader = READERS.get(suffix, text.to_plain)
    return html.to_plain if reader is not html.to_plain and html.looks_like_html(body) else reader


def read_bytes(raw: bytes, file: str, suffix: str = ".txt") -> Source:
    """Decode, split front matter, and make the plain text extraction works on."""
    refuse_if_too_big(len(raw), file)
    decoded, encoding = decode(raw, file)
    decoded = decoded.replace("\r\n", "\n").replace("\r", "\n")
    if not decoded.strip():
        raise LetterError(file, 1, "the file is empty", "paste the letter's text into it, or delete it")
    meta, body, body_line, key_lines = split_front_matter(decoded, file)
    front, problems = validate_front_matter(meta, key_lines)
    mixed = re.match(r"utf-8 \(lines? ([\d, …]+) in cp1252\)", encoding)
    if mixed:
        first = int(mixed.group(1).split(",")[0].strip(" …"))
        problems.append(Problem("warning", "encoding", first, f"the file is UTF-8 except line(s) {mixed.group(1)}, "
                                "read as Windows-1252: check their accented letters",
                                "open the file in an editor, fix those lines and save it as UTF-8"))
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
