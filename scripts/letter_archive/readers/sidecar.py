"""An editor's corrections kept apart from the document: `letters/<name>.yaml` beside `letters/<name>.txt`
(or .md, .html, .pdf, .docx, .odt, .eml) holds the record's keys in YAML, nothing else. The document
stays as it was received, so its published bytes and their SHA-256 are the received ones.

A text document may also carry front matter at its top (the way this archive began); it is still
read, and it is left out of the published original (`front_matter_span`): the block is the
editor's, not the letter's. A key set in both places is an error: neither may silently win. A
document that came with a front-matter block of its own (a page from a Hugo or Jekyll site) says
so in its sidecar, `received_with_front_matter: true` (`letters import` writes it), and is then
published whole."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..errors import LetterError, Problem
from .frontmatter import FRONT_MATTER, split_front_matter
from .source import decode

SUFFIXES = (".yaml", ".yml")
RECEIVED_KEY = "received_with_front_matter"   # not a record key: how the document's own front matter is published
# readers.frontmatter.FRONT_MATTER over bytes, with any line end (the text is matched after \r\n and \r became \n)
FRONT_MATTER_BYTES = re.compile(rb"---[ \t]*(?:\r\n|\r|\n)(?:.*?(?:\r\n|\r|\n))?---[ \t]*(?:\r\n|\r|\n|\Z)", re.S)
LINE_BREAK = re.compile(rb"\r\n|\r|\n")


def sidecar_of(path: Path, display: str | None = None) -> Path | None:
    """The corrections file beside document `path` (named `display` in messages), if there is one
    (.yaml or .yml, not both)."""
    found = [p for p in (path.with_suffix(s) for s in SUFFIXES) if is_file(p)]
    if len(found) > 1:
        raise LetterError(beside(display or path.as_posix(), found[1].suffix), None,
                          f"{found[0].name} and {found[1].name} both correct {path.name}",
                          "keep one of the two files (move the keys of the other into it)")
    return found[0] if found else None


def is_file(path: Path) -> bool:
    """Whether a file of that name is there; False for a name too long to be one (a document named
    with 251 bytes has no room beside it for letter.markdown: asking raised ENAMETOOLONG)."""
    try:
        return path.is_file()
    except OSError:
        return False


def beside(display: str, suffix: str) -> str:
    """The name of the file beside document `display` with another suffix: 'letters/x.txt' -> 'letters/x.yaml'."""
    return f"{display.rsplit('.', 1)[0]}{suffix}"


CORRECTIONS = "the corrections file"   # what messages call a sidecar


def read_sidecar(raw: bytes, file: str) -> tuple[dict[str, Any], dict[str, int], bool]:
    """(the editor's values, the line of each key, whether the document came with front matter of its
    own). The file is YAML: `key: value` lines, with or without `---` lines around them."""
    text = decode(raw, file).text.replace("\r\n", "\n").replace("\r", "\n")
    if FRONT_MATTER.match(text):
        meta, rest, rest_line, key_lines = split_front_matter(text, file, CORRECTIONS)
        if rest.strip():
            line = rest_line + next(i for i, x in enumerate(rest.split("\n")) if x.strip())
            raise LetterError(file, line, "a corrections file holds only `key: value` lines, and this one goes on "
                              "after its closing ---", "delete what follows the --- line (the letter's text stays in "
                              "its own file, as received)")
    else:
        try:
            meta, _, _, key_lines = split_front_matter(f"---\n{text.rstrip()}\n---\n", file, CORRECTIONS)
        except LetterError as error:   # the lines of the wrapped text are one further down
            raise LetterError(file, error.line - 1 if error.line and error.line > 1 else error.line,
                              error.message, error.hint) from None
        key_lines = {key: line - 1 for key, line in key_lines.items()}
    received = meta.pop(RECEIVED_KEY, False)
    if not isinstance(received, bool):
        raise LetterError(file, key_lines.get(RECEIVED_KEY), f"{RECEIVED_KEY} is true or false, not {received!r}",
                          f"write `{RECEIVED_KEY}: true` (the document came with the front matter at its top) "
                          "or delete the line")
    return meta, key_lines, received


def merge(front: dict[str, Any], where: dict[str, tuple[str | None, int | None]], problems: list[Problem],
          side: dict[str, Any], side_lines: dict[str, int], side_problems: list[Problem], file: str,
          other: str) -> None:
    """Add the sidecar's values (`side`, checked) to the document's (`front`, from `other`: its front
    matter or its companion), in place. A key in both is an error naming both lines."""
    problems += [replace(p, file=file) for p in side_problems]
    for key, value in side.items():
        if key in front:
            here, line = where[key]
            problems.append(Problem("error", key, side_lines.get(key),
                                    f"`{key}:` is also set in {here or other}" + (f" (line {line})" if line else "")
                                    + "; only one can count", f"keep one of the two `{key}:` lines", file))
        front[key] = value
        where[key] = (file, side_lines.get(key))


def front_matter_span(raw: bytes, text: str, encoding: str, body_line: int) -> tuple[int, int] | None:
    """Where the front-matter block found in the decoded `text` lies in the file's bytes, so the document
    can be published without it and with every other byte as received. None when it cannot be located
    exactly (the file is then published whole)."""
    boms = {"utf-8-sig": b"\xef\xbb\xbf"}
    if encoding.startswith(("utf-16", "utf-32")):
        codec = {b"\xff\xfe\x00\x00": "utf-32-le", b"\xff\xfe": "utf-16-le", b"\xfe\xff": "utf-16-be"}
        bom = next((b for b in codec if raw.startswith(b)), None)
        match = FRONT_MATTER.match(text.lstrip("\ufeff"))
        if bom is None or not match:
            return None
        block = match.group(0).encode(codec[bom])
        start = len(bom)
        return (start, start + len(block)) if raw[start:start + len(block)] == block else None
    start = len(boms["utf-8-sig"]) if raw.startswith(boms["utf-8-sig"]) else 0
    # in every other encoding these bytes are ASCII: no byte of a multi-byte character is '-' or a line end
    match = FRONT_MATTER_BYTES.match(raw, start)
    if not match or len(LINE_BREAK.findall(match.group(0))) != body_line - 1:
        return None
    return start, match.end()
