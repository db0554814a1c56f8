"""Doubts and gaps in a record, each naming the front-matter key that settles it."""

from __future__ import annotations

from ..errors import Problem
from ..model import Record
from .addressees import addressee_kind


def check_record(record: Record, where: dict) -> list[Problem]:
    """Doubts and gaps, each naming the front-matter key that settles it."""
    problems: list[Problem] = []
    if not record.date:
        problems.append(Problem("error", "date", None, "no date found in the text",
                                "add `date: YYYY-MM-DD` (or `date: YYYY-MM`) to the front matter"))
    if not record.title:
        problems.append(Problem("error", "title", None, "no title found (no Re: line or headline)",
                                "add `title: ...` to the front matter"))
    if record.kind in ("letter", "statement"):
        for person in record.addressees:
            if not person.government and where.get("addressees") != "front matter":
                problems.append(Problem(
                    "warning", "addressees", where.get("addressees") if isinstance(where.get("addressees"), int) else None,
                    f"addressee '{person.name}' is not in data/governments.yaml; read as a {addressee_kind(person.name)}",
                    "if it is a government or public body letters are often sent to, add it to data/governments.yaml"))
        if not record.governments and not record.addressees:
            problems.append(Problem("error", "addressees", None, "no addressee or government found",
                                    "add `governments: [Name]` (and `addressees:`) to the front matter"))
        s = record.signatories
        if s.listed == 0 and s.claimed is None:
            problems.append(Problem("error", "signatories", None, "no signatures found",
                                    "add `signatories: {names: [...]}` to the front matter"))
        elif s.claimed is not None and s.claimed != s.listed:
            detail = "; ".join(f"{g.label}: states {g.claimed}, lists {g.listed}"
                               for g in s.groups if g.claimed is not None and g.claimed != g.listed)
            problems.append(Problem(
                "warning", "signatories", where.get("claimed"),
                f"the text states {s.claimed} signatories but lists {s.listed}" + (f" ({detail})" if detail else ""),
                "check the list; if the text is right as published, leave it: both numbers are shown"))
    return problems
