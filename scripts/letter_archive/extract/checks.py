"""Doubts and gaps in a record, each naming the front-matter key that settles it."""

from __future__ import annotations

import datetime as dt
import re

from ..data import data_cache, load_data
from ..errors import Problem
from ..model import Record
from ..places import first_government
from .addressees import kind_of
from .text import mixed_script

# Hard limits: a document past one of them is an error, before it can fill pages (a 1 MB title was
# repeated on every page that lists the letter: 0.9 GB of docs/ from one 1 MB file).
MAX_TITLE = 500            # characters
MAX_SIGNATORIES = 5_000    # names listed by one document
MAX_DEMANDS = 300
EARLIEST_YEAR = 1900       # data/limits.yaml can widen the range: `earliest_year: 1850`, `latest_year: 2040`


@data_cache
def year_range() -> tuple[int, int]:
    """(earliest, latest) year a document may carry: 1900 to next year, unless data/limits.yaml says."""
    limits = load_data("limits.yaml") or {}
    latest = dt.date.today().year + 1
    if not isinstance(limits, dict):
        return EARLIEST_YEAR, latest
    first, last = limits.get("earliest_year", EARLIEST_YEAR), limits.get("latest_year", latest)
    return (first if isinstance(first, int) else EARLIEST_YEAR), (last if isinstance(last, int) else latest)


# Characters no title or name needs, that change what a reader sees: control characters (an escape
# code), and direction overrides/isolates (U+202E shows "txt.exe" as "exe.txt").
INVISIBLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def invisible(value: str | None) -> str | None:
    m = INVISIBLE.search(value or "")
    return f"U+{ord(m.group(0)):04X} at character {m.start() + 1}" if m else None


def check_characters(record: Record) -> list[Problem]:
    """Control and direction-override characters: an error in the title and governments (they head
    pages and lists), a warning in names (the editor can confirm a list written that way)."""
    problems = []
    fields = [("title", "error", record.title), *(("governments", "error", g) for g in record.governments),
              *(("signatories", "warning", n.name) for n in record.signatories.names),
              *(("addressees", "warning", p.name) for p in record.addressees)]
    for entry in record.signatories.names:
        mixed = mixed_script(entry.name)
        if mixed:   # 'Аmnesty International' with a Cyrillic 'А' would be a second signatory
            problems.append(Problem("warning", "signatories", None, f"{entry.name!r} mixes {mixed} letters that "
                                    "look alike", "retype the name in one alphabet (in `signatories:` in <corrections>)"))
    for field, level, value in fields:
        where = invisible(value)
        if where:
            shown = INVISIBLE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", value or "")[:80]
            problems.append(Problem(level, field, None, f"{shown!r} holds an invisible control or direction "
                                    f"character ({where})", f"write `{field}:` in <corrections> without it"))
    return problems


def check_limits(record: Record) -> list[Problem]:
    problems = check_characters(record)
    title = record.title or ""
    if len(title) > MAX_TITLE:
        problems.append(Problem("error", "title", None, f"the title is {len(title):,} characters; a title may have "
                                f"at most {MAX_TITLE}", "write a shorter `title: ...` in <corrections>"))
    listed = len(record.signatories.names)
    if listed > MAX_SIGNATORIES:
        problems.append(Problem("error", "signatories", None, f"{listed:,} signatories are listed; a document may "
                                f"list at most {MAX_SIGNATORIES:,}", "split the list, or publish it as a separate file"))
    if len(record.demands) > MAX_DEMANDS:
        problems.append(Problem("error", "demands", None, f"{len(record.demands):,} demands; a document may have "
                                f"at most {MAX_DEMANDS}", "list the main demands in `demands: [...]` in <corrections>"))
    date = record.date or ""
    first, last = year_range()
    if date[:4].isdigit() and not first <= int(date[:4]) <= last:
        problems.append(Problem("error", "date", None, f"{date} is outside the archive's years, {first} to {last}",
                                "correct `date:` in <corrections>; for older documents set `earliest_year:` "
                                "in data/limits.yaml"))
    return problems


UNLISTED = Problem("warning", "signatories", None,
                   "no list of signatories found: the letter is published without one (as signed by its "
                   "publisher, or by no one it names)",
                   "if the letter lists who signed, add them as `signatories: {names: [First Org, Second Org]}` to "
                   "<corrections>; if it has no list, write `signatories: {names: []}` there to say so")
# an addressee's kind in a sentence: "read as a company", "read as an organisation"
KIND_PHRASES = {"government": "a government", "intergovernmental": "an intergovernmental body", "parliament": "a parliament",
                "city": "a city or local government", "university": "a university", "broadcaster": "a broadcaster",
                "foundation": "a foundation", "company": "a company", "organisation": "an organisation", "person": "a person"}


def _line(where: dict, field: str) -> int | None:
    """The line a field was read from, when it was one line of the text."""
    line = where.get(field)
    return line if isinstance(line, int) else None


def check_record(record: Record, where: dict, edited: set[str] | frozenset[str] = frozenset()) -> list[Problem]:
    """Doubts and gaps, each naming the key that settles it (in the document's corrections file).
    `edited`: the keys an editor set."""
    problems: list[Problem] = check_limits(record)
    if not record.date:
        problems.append(Problem("error", "date", None, "no date found in the text",
                                "add `date: YYYY-MM-DD` (or `date: YYYY-MM`) to <corrections>"))
    if not record.title:
        problems.append(Problem("error", "title", None, "no title found (no Re: line or headline)",
                                "add `title: ...` to <corrections>"))
    if record.kind in ("letter", "statement"):
        for person in record.addressees:
            if not person.government and "addressees" not in edited:
                problems.append(Problem(
                    "warning", "addressees", _line(where, "addressees"),
                    f"addressee '{person.name}' is not in data/governments.yaml; "
                    f"read as {KIND_PHRASES[person.kind or kind_of(person)]}",
                    "if it is a government or public body letters are often sent to, add it to data/governments.yaml"))
        for name in record.governments:
            if first_government(name) != name and "governments" not in edited:   # not a name the data knows
                problems.append(Problem(
                    "warning", "governments", _line(where, "governments"),
                    f"government '{name}' is not in data/governments.yaml (read from the letter's words)",
                    "add it to data/governments.yaml, so every letter to it shares one page and spelling"))
        if not record.governments and not record.addressees:
            problems.append(Problem("error", "addressees", None, "no addressee or government found",
                                    "add `governments: [Name]` (and `addressees:`) to <corrections>"))
        s = record.signatories
        if s.listed == 0 and s.claimed is None:
            # a letter signed by its publisher alone, or by no one it lists, is a real letter: it is
            # published, with a warning, until the editor says which (`signatories:` settles it)
            if "signatories" not in edited:
                problems.append(UNLISTED)
        elif s.claimed is not None and s.claimed != s.listed:
            detail = "; ".join(f"{g.label}: states {g.claimed}, lists {g.listed}"
                               for g in s.groups if g.claimed is not None and g.claimed != g.listed)
            problems.append(Problem(
                "warning", "signatories", where.get("claimed"),
                f"the text states {s.claimed} signatories but lists {s.listed}" + (f" ({detail})" if detail else ""),
                "check the list; if the text is right as published, leave it: both numbers are shown"))
    return problems
