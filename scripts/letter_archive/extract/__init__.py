"""Extract stage: a document's record from its text alone (front matter then overrides any field).
Each field keeps the line it came from, for the report; doubts become warnings, gaps errors.
`extract()` is the stage's only entry point."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..errors import Problem
from ..model import empty_record, ordered
from ..places import first_government
from ..readers import Source
from .addressees import TITLE_WORDS, extract_addressees, extract_cc, extract_governments, split_title_name
from .checks import check_record
from .clean import SALUTATION, SUBJECT, Removed, clean
from .dates import standalone_date
from .demands import extract_demands
from .head import extract_date, extract_kind, extract_title
from .language import extract_language
from .lines import Line, find_index, header_end, to_lines
from .signatories import extract_signatories, find_section


@dataclass
class Extraction:
    record: dict[str, Any]
    lines: dict[str, int | None] = field(default_factory=dict)   # field -> line it was taken from
    problems: list[Problem] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    text: list[Line] = field(default_factory=list)                 # the cleaned body


def extract(source: Source) -> Extraction:
    raw_lines = to_lines(source)
    lines, removed = clean(raw_lines)
    record = empty_record()
    where: dict[str, int | None] = {}
    problems: list[Problem] = list(source.problems)

    head_end = header_end(lines)
    salutation = find_index(lines, SALUTATION, head_end + 3)
    subject = find_index(lines, SUBJECT, head_end + 3)

    title, where["title"] = extract_title(lines, subject)
    record["title"] = title
    date, where["date"], date_problems = extract_date(lines, source.front)
    record["date"] = date
    problems += date_problems
    record["kind"] = kind = source.front.get("kind") or extract_kind(lines, salutation, title)
    where["kind"] = lines[0].no if lines else None
    body_text = "\n".join(x.text for x in lines)
    section = find_section(lines)
    record["language"] = extract_language("\n".join(x.text for x in lines[: section[0]]) if section else body_text)

    date_idx = next((i for i, x in enumerate(lines[: head_end + 1]) if standalone_date(x.text)), None)
    stop = min(i for i in (subject, salutation, head_end) if i is not None) if lines else None
    if kind in ("letter", "statement"):
        record["addressees"], where["addressees"] = extract_addressees(lines, date_idx, stop)
    headline = source.front.get("title") if isinstance(source.front.get("title"), str) else title
    if kind in ("letter", "statement") and not record["addressees"] and headline:
        m = re.search(rf"\b(?:letter|brief)\s+to\s+((?:{TITLE_WORDS})(?:[\w -]*?)\s+[A-Z][\w'’-]+\s+[A-Z][\w'’-]+)\s*$",
                      headline, re.I)
        if m:
            t, n = split_title_name(m.group(1))
            record["addressees"] = [{"name": n, "title": t, "government": first_government(m.group(1))}]
            where["addressees"] = where.get("title")
    main_gov = record["addressees"][0]["government"] if record["addressees"] else None
    record["cc"], where["cc"] = extract_cc(lines, main_gov)

    # demands are in the letter, not in its signature list (which can be most of a long letter's lines)
    record["demands"], where["demands"] = extract_demands(lines[: section[0]] if section else lines, kind)
    record["governments"] = extract_governments(record, lines, subject, salutation, record["demands"],
                                                headline, section[0] if section else None)
    where["governments"] = where.get("addressees") or (lines[subject].no if subject is not None else None)

    if kind in ("letter", "statement"):
        extract_signatories(record, lines, body_text, where, problems)

    _apply_front_matter(record, source.front, where)
    problems += [p for p in check_record(record, where, source.file)   # one error per field is enough
                 if not any(q.field == p.field and q.level == "error" for q in problems)]
    return Extraction(ordered(record), where, problems, removed, lines)


def _apply_front_matter(record: dict, front: dict, where: dict) -> None:
    for key, value in front.items():
        if key == "signatories":
            value = {**value, "listed": value.get("listed") if value.get("names") else record["signatories"]["listed"]}
            if not value.get("names"):
                value["names"] = record["signatories"]["names"]
                value["groups"] = value.get("groups") or record["signatories"]["groups"]
                value["listed"] = len(value["names"])
        record[key] = value
        where[key] = "front matter"
