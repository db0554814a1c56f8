"""The role of each block of the document's tree (document.py), for the report (`letters check -v`):
what each block was read as. The block's kind decides first (a heading, a list, a table, markup that
is no part of the letter), then the same detectors the field readers use, after them, so what is shown
is what was understood: web-page wrapper, letterhead, heading, dateline, address block, subject,
salutation, body, list, announced list, closing, signature block, copies (cc), footer, layout (a rule
or an image), page furniture (lines cleaning took out)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..document import (
    Block as TreeBlock,
)
from ..document import (
    Code,
    Comment,
    FrontMatter,
    Furniture,
    Heading,
    Html,
    Image,
    ListBlock,
    Reference,
    Rule,
    Table,
    Tree,
    build_tree,
)
from .asks import announces_demands
from .clean import CC, SALUTATION, SUBJECT
from .dates import standalone_date
from .entries import START
from .lines import Line
from .text import plain

LIST_LINE = re.compile(r"^\s*(?:\d{1,3}[.)]|[a-z][.)]|[-*•·])\s+\S")
CODE = re.compile(r"^\s*(?:\{[%{/<]|<[a-zA-Z/!]|import\s|export\s|\)\s*\}|[{}();]\s*$)")
MARKUP = (FrontMatter, Code, Html, Comment, Reference)   # kinds that are markup around a letter, not the letter
MERGED = ("body", "signature block", "footer", "list", "page furniture")   # consecutive blocks of these roles are one


@dataclass(frozen=True)
class Block:
    """A run of the tree's blocks that have one role (the report's summary line)."""

    role: str
    start: int              # index in the cleaned lines
    end: int
    first_no: int | None    # the file line of its first line


def roles(lines: list[Line], signature_span: tuple[int, int] | None, tree: Tree | None = None) -> list[tuple[TreeBlock, str]]:
    """Each block of the tree (its top level: a list's items are the list's) with its role."""
    tree = tree if tree is not None else build_tree(lines)
    out: list[tuple[TreeBlock, str]] = []
    seen_prose = seen_salutation = seen_date = False
    sig_start, sig_end = signature_span or (len(lines) + 1, len(lines) + 1)
    before = ""     # the last line of the block before
    for block in tree.blocks:
        if isinstance(block, Furniture):
            out.append((block, "page furniture"))
            continue
        i, j = block.start, block.end
        filled = [x.text for x in lines[i:j] if x.text.strip()]
        if not filled:
            continue
        first = plain(filled[0]).strip() or filled[0].strip()
        text = " ".join(t.strip() for t in filled)
        if isinstance(block, MARKUP):
            role = "web-page wrapper"
        elif isinstance(block, Rule | Image):
            role = "layout"
        elif CC.match(first):
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
        elif standalone_date(first) and len(filled) <= 2:
            role, seen_date = "dateline", True
        elif isinstance(block, Heading) or (len(filled) == 1 and first.isupper() and len(first) > 8):
            role = "heading"
        elif isinstance(block, ListBlock | Table) or all(LIST_LINE.match(t) for t in filled):
            role = "announced list" if re.search(r"[:：]\W*$", before) or announces_demands(before) else "list"
        elif not seen_prose and not seen_salutation and len(text) < 300 and all(len(t) < 100 for t in filled):
            role = "address block" if seen_date else "letterhead"
        else:
            role, seen_prose = "body", True
        out.append((block, role))
        before = filled[-1].strip()
    return out


def segment(lines: list[Line], signature_span: tuple[int, int] | None, tree: Tree | None = None) -> list[Block]:
    """The roles of the tree's blocks, consecutive blocks of one role (body, list, signature block,
    footer, page furniture) merged into one run."""
    blocks: list[Block] = []
    for block, role in roles(lines, signature_span, tree):
        if role == "page furniture":
            continue   # not in the cleaned lines: the tree shows it, the summary of what was read does not
        if blocks and blocks[-1].role == role and role in MERGED:
            blocks[-1] = Block(role, blocks[-1].start, block.end, blocks[-1].first_no)
        else:
            blocks.append(Block(role, block.start, block.end, block.first_no))
    return blocks
