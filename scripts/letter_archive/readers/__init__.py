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
The binary file stays the document and the published original.

Any document may have a sidecar, `letter.yaml` beside `letter.txt` (or `letter.pdf`): the editor's
corrections, apart from the document (readers/sidecar.py). A text document's own front matter is
still read, and left out of the bytes published as its original (`Source.editor_bytes`)."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from ..errors import LetterError, Problem
from ..model import validate_front_matter
from . import html, text
from . import sidecar as sidecars
from .binary import BINARY_READERS, FORMAT_NAMES, read_isolated, to_source
from .frontmatter import split_front_matter
from .source import Source, decode, read_raw, received_bytes, refuse_if_too_big

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


def read_bytes(raw: bytes, file: str, suffix: str = ".txt", companion: tuple[str, bytes] | None = None,
               sidecar: tuple[str, bytes] | None = None) -> Source:
    """Decode, split front matter, and make the plain text extraction works on. A binary format is read
    by its reader, isolated; `companion`: (name, bytes) of the text file beside it, if there is one;
    `sidecar`: (name, bytes) of the document's corrections file (letter.yaml), if there is one."""
    refuse_if_too_big(len(raw), file, suffix)
    side = sidecars.read_sidecar(sidecar[1], sidecar[0]) if sidecar else None
    if suffix in BINARY_READERS:
        source = _read_binary(raw, file, suffix, companion)
    else:
        source = _read_text(raw, file, suffix, whole=bool(side and side[2]))
    if side:
        meta, key_lines, _ = side
        typed, problems = validate_front_matter(meta, key_lines, "corrections-file")
        other = f"the companion {companion[0]}" if companion and suffix in BINARY_READERS else f"the front matter of {file}"
        sidecars.merge(source.front, source.front_from, source.problems, typed, key_lines, problems, sidecar[0], other)
    return source


def _read_text(raw: bytes, file: str, suffix: str, whole: bool = False) -> Source:
    """`whole`: the document came with the front matter at its top (its sidecar says so): it is part of
    the published original."""
    read = decode(raw, file)
    encoding = read.encoding
    decoded = read.text.replace("\r\n", "\n").replace("\r", "\n")
    if not decoded.strip():
        raise LetterError(file, 1, "the file is empty", "paste the letter's text into it, or delete it")
    meta, body, body_line, key_lines = split_front_matter(decoded, file)
    editor_bytes = None if whole or body_line == 1 else sidecars.front_matter_span(raw, read.text, encoding, body_line)
    if not body.strip():   # a site that keeps the whole letter in one front-matter value ("body: |")
        key = next((k for k in BODY_KEYS if isinstance(meta.get(k), str) and len(meta[k]) > 200), None)
        if key:
            body, body_line = meta[key], key_lines.get(key, body_line)
            editor_bytes = None   # the front matter is the document
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
                  plain=plain, is_html=is_html, front=front, problems=problems,
                  front_from={key: (None, key_lines.get(key)) for key in front}, editor_bytes=editor_bytes)


def _read_binary(raw: bytes, file: str, suffix: str, companion: tuple[str, bytes] | None) -> Source:
    side = read_bytes(companion[1], companion[0], Path(companion[0]).suffix.lower()) if companion else None
    if side is not None:   # its front matter and warnings are about the companion's lines
        side.problems = [replace(p, file=p.file or companion[0]) for p in side.problems]
        side.front_from = {key: (companion[0], line) for key, (_, line) in side.front_from.items()}
    if side is not None and side.plain.strip():      # the editor's text: the file itself is not read
        side.raw, side.file, side.editor_bytes = raw, file, None   # the binary file stays the document and the original
        side.origin = {"format": FORMAT_NAMES.get(suffix, suffix), "suffix": suffix, "pages": None,
                       "page_starts": [], "created": None, "companion": companion[0], "text_from_companion": True}
        return side
    source = to_source(read_isolated(raw, file, suffix), raw, file, suffix)
    if side is not None:
        source.front, source.front_from, source.problems = side.front, side.front_from, side.problems + source.problems
        source.origin["companion"] = companion[0]
    return source


def companion_of(path: Path) -> Path | None:
    """The text file beside a binary document with the same name, if there is one."""
    if path.suffix.lower() not in BINARY_READERS:
        return None
    return next((p for p in (path.with_suffix(s) for s in COMPANION_SUFFIXES) if sidecars.is_file(p)), None)


def sidecar_of(path: Path, display: str | None = None) -> Path | None:
    """The corrections file of document `path` (letter.yaml beside letter.txt), if there is one; an
    error if two documents share its name (letter.txt and letter.md: which one does it correct?).
    `display`: the document's name in messages."""
    side = sidecars.sidecar_of(path, display)
    if side is None:
        return None
    # the documents of that name (a stat each, not a listing of the folder: 10,000 letters share it)
    same = without_companions(sorted({path} | {p for p in map(path.with_suffix, SUFFIXES)
                                                if p.name.lower() != path.name.lower() and sidecars.is_file(p)}))
    if len(same) > 1:
        raise LetterError(sidecars.beside(display or path.as_posix(), side.suffix), None,
                          f"corrects {' or '.join(p.name for p in same)}: they share its name",
                          f"rename one of them, with a .yaml file of its own if it needs one ({side.stem}.yaml "
                          "corrects the document of that name)")
    return side


def cache_key(path: Path, raw: bytes) -> bytes:
    """The bytes a document's extraction depends on: its own, its companion's and its sidecar's."""
    key = raw
    side = companion_of(path)
    if side is not None:
        key += b"\0companion\0" + side.read_bytes()
    try:
        corrections = sidecar_of(path)
    except LetterError as error:
        return key + b"\0sidecar error\0" + str(error).encode()
    return key if corrections is None else key + b"\0sidecar\0" + corrections.name.encode() + b"\0" + corrections.read_bytes()


def without_companions(files: list[Path]) -> list[Path]:
    """Documents, less the companions of binary documents (they are read with their document)."""
    sides = {side for path in files if (side := companion_of(path))}
    return [path for path in files if path not in sides]


NAME_MAX = 255   # bytes in a file's name, on Linux, macOS and Windows file systems alike


def name_max(folder: Path) -> int:
    try:
        return min(NAME_MAX, os.pathconf(folder, "PC_NAME_MAX"))
    except (OSError, ValueError):
        return NAME_MAX


def longest_name_beside(name: str) -> tuple[int, str]:
    """(bytes, the name) of the longest name the tool looks for beside document `name`: itself, its
    corrections file (.yaml, .yml) and, for a binary document, its companion (.txt, .md)."""
    stem, suffix = (name.rsplit(".", 1)[0], "." + name.rsplit(".", 1)[1].lower()) if "." in name else (name, "")
    others = [stem + s for s in sidecars.SUFFIXES + (COMPANION_SUFFIXES if suffix in BINARY_READERS else ())]
    return max((len(n.encode("utf-8", "surrogateescape")), n) for n in [name, *others])


def name_error(path: Path, display: str | None = None) -> LetterError | None:
    """The error for a document whose name leaves no room for its corrections file's: a 255-byte name
    made every build fail, saying only that letter.yaml (which nobody had written) was "too long"."""
    limit = name_max(path.parent)
    size, longest = longest_name_beside(path.name)
    if size <= limit:
        return None
    own = len(path.name.encode("utf-8", "surrogateescape"))
    keep = own - (size - limit)
    why = "" if longest == path.name else f"; its corrections file, {longest[:20]}….{longest.rsplit('.', 1)[1]}, would be {size}"
    return LetterError(display or str(path), None,
                       f"the file's name is {own} bytes long{why}, over the {limit} bytes a file name may have",
                       f"rename it to a name of at most {keep} bytes (`letters import` names a document from its date "
                       "and title)")


def read_document(path: Path, display: str | None = None, raw: bytes | None = None) -> Source:
    """`raw`: the file's bytes when the caller has read them already."""
    name = display or str(path)
    error = name_error(path, name)
    if error:
        raise error
    side = companion_of(path)
    side_name = f"{name.rsplit('.', 1)[0]}{side.suffix}" if side else ""
    corrections = sidecar_of(path, name)
    corrections_name = sidecars.beside(name, corrections.suffix) if corrections else ""
    return read_bytes(read_raw(path, name) if raw is None else raw, name, path.suffix.lower(),
                      (side_name, read_raw(side, side_name)) if side else None,
                      (corrections_name, read_raw(corrections, corrections_name)) if corrections else None)


def orphan_sidecars(letters_dir: Path, documents: list[Path]) -> list[str]:
    """Warnings for corrections files that correct no document (a misspelt name, a deleted letter)."""
    stems = {(p.parent, p.stem) for p in documents}
    found = sorted(p for s in sidecars.SUFFIXES for p in letters_dir.rglob(f"*{s}")
                   if p.is_file() and not any(part.startswith((".", "_")) for part in p.relative_to(letters_dir).parts))
    return [f"{p.relative_to(letters_dir.parent).as_posix()}: warning: corrects no document: there is no "
            f"{p.stem}.txt, .md, .html, .pdf, .docx, .odt or .eml beside it; it is not read"
            "\n    fix: give it the name of the document it corrects (letter.pdf -> letter.yaml)"
            for p in found if (p.parent, p.stem) not in stems]


__all__ = ["BINARY_READERS", "READERS", "SUFFIXES", "Source", "cache_key", "companion_of", "name_error", "orphan_sidecars",
           "read_bytes", "read_document", "read_raw", "received_bytes", "sidecar_of", "without_companions"]
