"""The letter's blocks and their roles, for the report (`letters check -v`): what each paragraph was
read as. Built from the same detectors the field readers use, after them, so what is shown is what was
understood: web-page wrapper, letterhead, heading, dateline, address block, subject, salutation, body,
list, closing, signature block, copies (cc), footer."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .clean import CC, SALUTATION, SUBJECT
from .dates import standalone_date
from .entries import START
from .lines import Line
from .text import plain

LIST_LINE = re.compile(r"^\s*(?:\d{1,3}[.)]|[a-z][.)]|[-*•·])\s+\S")
CODE = re.compile(r"^\s*(?:\{[%{/<]|<[a-zA-Z/!]|import\s|export\s|\)\s*\}|[{}();]\s*$)")


@dataclass(frozen=True)
class Block:
    role: str
    start: int              # index in the cleaned lines
    end: int
    first_no: int | None    # the file line of its first line


def segment(lines: list[Line], signature_span: tuple[int, int] | None) -> list[Block]:
    """Each paragraph's role, consecutive paragraphs of one role merged into one block."""
    blocks: list[Block] = []
    seen_prose = seen_salutation = False
    sig_start, sig_end = signature_span or (len(lines) + 1, len(lines) + 1)
    i = 0
    while i < len(lines):
        if not lines[i].text.strip():
            i += 1
            continue
        j = i
        while j < len(lines) and lines[j].text.strip():
            j += 1
        first = plain(lines[i].text).strip() or lines[i].text.strip()
        text = " ".join(x.text.strip() for x in lines[i:j])
        if CC.match(first):
            role = "copies (cc)"
        elif sig_start <= i < sig_end:
            role = "signature block"
        elif i >= sig_end:
            role = "footer"
        elif CODE.match(first):
            role = "web-page wrapper"
        elif START.match(first) and len(first) < 120:
            role = "closing"
        elif SUBJECT.match(first):
            role = "subject"
        elif SALUTATION.match(first) and len(first) < 160:
            role, seen_salutation = "salutation", True
        elif standalone_date(first) and j - i <= 2:
            role = "dateline"
        elif lines[i].text.lstrip().startswith("#") or (j - i == 1 and first.isupper() and len(first) > 8):
            role = "heading"
        elif all(LIST_LINE.match(x.text) for x in lines[i:j]):
            role = "list"
        elif not seen_prose and not seen_salutation and len(text) < 300 and all(len(x.text) < 100 for x in lines[i:j]):
            role = "address block" if any(b.role == "dateline" for b in blocks) else "letterhead"
        else:
            role, seen_prose = "body", True
        if blocks and blocks[-1].role == role and role in ("body", "signature block", "footer", "list"):
            blocks[-1] = Block(role, blocks[-1].start, j, blocks[-1].first_no)
        else:
            blocks.append(Block(role, i, j, lines[i].no))
        i = j
    return blocks
