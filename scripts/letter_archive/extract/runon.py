"""Signers not set one a line: a sentence that names them ("The groups A, B … and C"), a paragraph
after "Signed:", a "From:" line naming one sender."""


from __future__ import annotations

import re
import statistics

from ..model import UNNAMED_GROUP, Signatory
from .entries import ListedGroup, looks_like_entry, parse_entry, strip_marks
from .languages import alternation
from .lines import Line, paragraphs

# a comma, a semicolon or "and" between names; a comma and "and" together (the serial comma) are one break
RUN_ON_SPLIT = re.compile(rf"\s*[,;]\s*(?:{alternation('conjunction')}\s+)?|\s+{alternation('conjunction')}\s+")


# a paragraph that signs in one line after a closing word and a colon: "Signed: Alpha Union, Beta Centre, …"
SIGNED_RUN = re.compile(rf"^[\W_]*(?:{alternation('closing')})\s*[:：]\s*(?P<rest>\S.*)$", re.I)


IN_TOTAL = re.compile(r"\s*\(\s*(\d{1,5})\s+(?:in\s+)?total\s*\)\W*$", re.I)   # "(37 in total)"


LEADING_NOTE = re.compile(r"^(\([^)]{1,12}\))\s+(?=\S)")   # "(Inc.) Beta Centre": the note closes the name before


def signed_run(lines: list[Line]) -> tuple[ListedGroup, Line, int | None] | None:
    """Signers written as one paragraph after a closing word and a colon, split at commas and
    semicolons: "Signed: Alpha Union, (Inc.) Beta Centre, Gamma Trust (3 in total)". A note in brackets
    that opens an item belongs to the name before it; a count "(N in total)" at the end is the
    stated count. At least three names, each short and shaped like one."""
    for par in reversed(paragraphs(lines)):
        m = SIGNED_RUN.match(strip_marks(" ".join(line.text.strip() for line in par)))
        if not m:
            continue
        rest = m.group("rest").rstrip(". ")
        total = IN_TOTAL.search(rest)
        rest = rest[: total.start()] if total else rest
        items: list[str] = []
        for item in (x.strip() for x in RUN_ON_SPLIT.split(rest)):
            note = LEADING_NOTE.match(item)
            if note and items:
                items[-1] += f" {note.group(1)}"
                item = item[note.end():]
            if item:
                items.append(item)
        if len(items) < 3 or not all(len(i) <= 80 and len(i.split()) <= 8 and looks_like_entry(i) for i in items):
            return None
        group = ListedGroup(UNNAMED_GROUP, None, [e for e in (parse_entry(i, UNNAMED_GROUP) for i in items) if e])
        return group, par[0], int(total.group(1)) if total else None
    return None


def run_on_list(lines: list[Line], claimed: int | None) -> tuple[ListedGroup, Line] | None:
    """A letter signed in one sentence near its end: "The river groups of Alden, Brookfield,
    … and Westmere." Taken only when it names exactly as many as the text says signed (at least 5),
    each a short capitalised name; the sentence's opening becomes the group's label."""
    if claimed is None or claimed < 5:
        return None
    pars = paragraphs(lines)
    for par in reversed(pars[len(pars) * 3 // 5:]):
        sentence = strip_marks(" ".join(line.text.strip() for line in par)).rstrip(". ")
        items = [item for item in RUN_ON_SPLIT.split(sentence) if item]
        if len(items) != claimed or not all(len(item) <= 60 and len(item.split()) <= 6 and looks_like_entry(item)
                                            for item in items[1:]):
            continue
        keep = round(statistics.median(len(item.split()) for item in items[1:]))   # words in a name, as in the others
        opening = items[0].split()
        label = " ".join(opening[:-keep]) if len(opening) > keep else UNNAMED_GROUP
        items[0] = " ".join(opening[-keep:])
        group = ListedGroup(label, None, [e for e in (parse_entry(item, label) for item in items) if e])
        return (group, par[0]) if len(group.names) == claimed else None
    return None


FROM_LABEL = re.compile(rf"^[\W_]*{alternation('sender')}\s*[:：]\s*(?P<rest>\S.*)$", re.I)


def from_block(lines: list[Line]) -> tuple[Signatory, Line] | None:
    """A letter with no list that names its sender in a "From:" line is signed by that one sender."""
    for line in lines[:60]:
        m = FROM_LABEL.match(line.text)
        if m and not re.search(r"@|https?://", m.group("rest")) and (entry := parse_entry(m.group("rest"), UNNAMED_GROUP)):
            return entry, line
    return None
