"""Read stage: a file in letters/ -> a `Source`: the document as received (bytes, decoded text), the
editor's front matter, and the plain text that extraction reads, each line traceable to the file.

One reader per input format, chosen by the file's suffix, or by its content where a web page was
saved under a text name. A reader turns the body (below the front matter) into plain text; what all
formats share (size limit, decoding, front matter) happens here once. To add a format, write a
module with `to_plain(body) -> (plain text, is_html)` and name its suffixes in READERS.

Binary formats (PDF, DOCX, ODT, e-mail: BINARY_READERS in binary.py) get the bytes instead, run
isolated, and give numbered lines with pages. They carry no front matter: a text file beside one,
with the same name (`letter.pdf` + `letter.txt` or `letter.md`), is its companion: its front matter
corrects the record, and its text, if it has any, is read instead of the file's (a scan without OCR).
The binary file stays the document and the published original."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..errors import LetterError, Problem
from ..model import validate_front_matter
from . import html, text
from .binary import BINARY_READERS, FORMAT_NAMES, read_isolated, to_source
from .frontmatter import split_front_matter
from .source import Source, decode, read_raw, refuse_if_too_big

Reader = Callable[[str], tuple[str, bool]]
READERS: dict[str, Reader] = {
    ".txt": text.to_plain, ".md": text.to_plain, ".markdown": text.to_plain,
    ".html": html.to_plain, ".htm": html.to_plain,
}
SUFFIXES = tuple(READERS) + tuple(BINARY_READERS)
COMPANION_SUFFIXES = (".txt", ".md")
BODY_KEYS = ("body", "content", "text", "letter")   # front-matter keys that may hold the letter itself


def reader_for(suffix: str, body: str) -> Reader:
    """The reader a document's suffix names, unless its content is a web page under a text name.
    Markdown with inline HTML keeps its own line breaks (its lists and paragraphs are Markdown's);
    a page saved under another text name is read as a page."""
    reader = READERS.get(suffix, text.to_plain)
    if reader is html.to_plain or not html.looks_like_html(body):
        return reader
    return html.markdown_with_html if suffix in (".md", ".markdown") else html.to_plain


def read_bytes(raw: bytes, file: str, suffix: str = ".txt", companion: tuple[str, bytes] | None = None) -> Source:
    """Decode, split front matter, and make the plain text extraction works on. A binary format is read
    by its reader, isolated; `companion`: (name, bytes) of the text file beside it, if there is one."""
    refuse_if_too_big(len(raw), file, suffix)
    if suffix in BINARY_READERS:
        return _read_binary(raw, file, suffix, companion)
    read = decode(raw, file)
    encoding = read.encoding
    decoded = read.text.replace("\r\n", "\n").replace("\r", "\n")
    if not decoded.strip():
        raise LetterError(file, 1, "the file is empty", "paste the letter's text into it, or delete it")
    meta, body, body_line, key_lines = split_front_matter(decoded, file)
    if not body.strip():   # a site that keeps the whole letter in one front-matter value ("body: |")
        key = next((k for k in BODY_KEYS if isinstance(meta.get(k), str) and len(meta[k]) > 200), None)
        if key:
            body, body_line = meta[key], key_lines.get(key, body_line)
    front, problems = validate_front_matter(meta, key_lines)
    if read.cp1252_lines:
        shown = ", ".join(map(str, read.cp1252_lines[:5])) + (" …" if len(read.cp1252_lines) > 5 else "")
        problems.append(Problem("warning", "encoding", read.cp1252_lines[0], f"the file is UTF-8 except line(s) {shown}, "
                                "read as Windows-1252: check their accented letters",
                                "open the file in an editor, fix those lines and save it as UTF-8"))
    plain, is_html = reader_for(suffix, body)(body)
    if not plain.strip() and not front:
        raise LetterError(file, body_line, "the document has no text", "paste the letter's text below the front matter")
    return Source(file=file, raw=raw, encoding=encoding, text=decoded, body=body, body_line=body_line,
                  plain=plain, is_html=is_html, front=front, problems=problems)


def _read_binary(raw: bytes, file: str, suffix: str, companion: tuple[str, bytes] | None) -> Source:
    side = read_bytes(companion[1], companion[0], Path(companion[0]).suffix.lower()) if companion else None
    if side is not None and side.plain.strip():      # the editor's text: the file itself is not read
        side.raw, side.file = raw, file                # the binary file stays the document and the original
        side.origin = {"format": FORMAT_NAMES.get(suffix, suffix), "suffix": suffix, "pages": None,
                       "page_starts": [], "created": None, "companion": companion[0], "text_from_companion": True}
        return side
    source = to_source(read_isolated(raw, file, suffix), raw, file, suffix)
    if side is not None:
        source.front, source.problems = side.front, side.problems + source.problems
        source.origin["companion"] = companion[0]
    return source


def companion_of(path: Path) -> Path | None:
    """The text file beside a binary document with the same name, if there is one."""
    if path.suffix.lower() not in BINARY_READERS:
        return None
    return next((p for p in (path.with_suffix(s) for s in COMPANION_SUFFIXES) if p.is_file()), None)


def cache_key(path: Path, raw: bytes) -> bytes:
    """The bytes a document's extraction depends on: its own, and its companion's."""
    side = companion_of(path)
    return raw if side is None else raw + b"\0companion\0" + side.read_bytes()


def without_companions(files: list[Path]) -> list[Path]:
    """Documents, less the companions of binary documents (they are read with their document)."""
    sides = {side for path in files if (side := companion_of(path))}
    return [path for path in files if path not in sides]


def read_document(path: Path, display: str | None = None, raw: bytes | None = None) -> Source:
    """`raw`: the file's bytes when the caller has read them already."""
    name = display or str(path)
    side = companion_of(path)
    side_name = f"{name.rsplit('.', 1)[0]}{side.suffix}" if side else ""
    return read_bytes(read_raw(path, name) if raw is None else raw, name, path.suffix.lower(),
                      (side_name, read_raw(side, side_name)) if side else None)


__all__ = ["BINARY_READERS", "READERS", "SUFFIXES", "Source", "cache_key", "companion_of", "read_bytes",
           "read_document", "read_raw", "without_companions"]
