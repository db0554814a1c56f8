"""The "Related documents" section of a page: the links link/related.py decided, under their headings
("Announced in", "Commentary" on a letter; "About this letter" on a press release or commentary)."""

from __future__ import annotations

from itertools import groupby

from ..link.related import Related
from .pages import KIND_LABEL, human_date
from .templating import render


def related_section(items: list[Related]) -> str:
    groups = [(heading, list(group)) for heading, group in groupby(items, key=lambda r: r.heading)]
    return render("related.html", groups=groups, human_date=human_date, kinds=KIND_LABEL)
