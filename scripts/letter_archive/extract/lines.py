"""The body as numbered lines: the unit every field reader works on, each line knowing the file line it
came from (None where it cannot be traced, as in converted HTML)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..readers import Source


@dataclass(frozen=True)
class Line:
    no: int | None   # line number in the file; None where it cannot be traced (converted HTML)
    text: str


@dataclass(frozen=True)
class Removed:
    no: int | None
    text: str
    reason: str


@dataclass
class SignatureLines:
    """Where the parts of a signature list stand in the cleaned text (indexes into it), so that the
    site can show the list as the letter writes it without reading the list again."""

    entries: list[int]            # the line of each of the record's signatory names, in order
    groups: list[int | None]      # the heading line of each of the record's groups (None: it has none)
    headings: list[int]           # every line read as a group heading, also of a group left out as empty


def to_lines(source: Source) -> list[Line]:
    """The body's lines, each with the file line it came from."""
    lines = source.plain.split("\n")
    if source.is_html or source.plain is not source.body:
        return [Line(no, t.rstrip()) for no, t in zip(source.lines_of(lines), lines, strict=True)]
    return [Line(source.body_line + i, t.rstrip()) for i, t in enumerate(lines)]


def paragraphs(lines: list[Line]) -> list[list[Line]]:
    """Runs of non-blank lines."""
    out: list[list[Line]] = []
    current: list[Line] = []
    for line in lines:
        if line.text.strip():
            current.append(line)
        elif current:
            out.append(current)
            current = []
    if current:
        out.append(current)
    return out


def find_index(lines: list[Line], pattern: re.Pattern[str], limit: int | None = None) -> int | None:
    for i, line in enumerate(lines[:limit]):
        if pattern.match(line.text):
            return i
    return None


def header_end(lines: list[Line]) -> int:
    """Where the letter's head (date, address, subject, salutation) ends: the first long paragraph."""
    for i, line in enumerate(lines):
        if len(line.text) > 200 and not line.text.lstrip().startswith(("#", "{%", "{{")):   # template code is no paragraph
            return i
    return min(len(lines), 40)
