"""The letter's head: title, date and kind, read from its first lines (subject line, headline, dateline)."""

from __future__ import annotations

import re
from typing import Any

from ..errors import Problem
from .clean import CC, SALUTATION, SUBJECT
from .dates import find_dates, standalone_date
from .languages import alternation
from .lines import Line, header_end, paragraphs
from .text import plain

BYLINE = re.compile(rf"^\s*{alternation('byline')}\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){{1,3}}\s*$")


PRESS_RELEASE = re.compile(alternation("press_release"), re.I)
STATEMENT = re.compile(alternation("statement"), re.I)
DATELINE = re.compile(r"^\s*\(([^()]{2,60}),\s*([^()]{6,30})\)\s*[–—-]")


def extract_title(lines: list[Line], subject: int | None, skip: frozenset[int] = frozenset()) -> tuple[str | None, int | None]:
    """The Re: line's subject; else the first heading of the head; else its first line that reads as a
    headline, above the salutation and not one of `skip` (the address block's lines)."""
    if subject is not None:
        m = SUBJECT.match(lines[subject].text)
        return plain(m.group(1)), lines[subject].no
    for line in lines[: header_end(lines) + 1]:
        text = line.text.strip()
        if text.startswith("#!"):
            continue
        heading = re.match(r"^#{1,3}\s+(.+)$", text)
        if heading:
            return plain(heading.group(1)), line.no
    end = header_end(lines)
    # the letter's own words start at its salutation: a line under it is the body, never the title
    end = next((i for i, x in enumerate(lines[:end]) if SALUTATION.match(x.text.strip())), end)
    for k, line in enumerate(lines[:end]):
        text = plain(line.text)
        if (line.no in skip or not text or CC.match(text) or "|" in text or standalone_date(text)
                or len(text) > 200 or len(text) < 8 or text.endswith((".", ",", ":"))
                or text.lower().startswith(("date", "by ", "fax", "tel", "e-mail"))
                or SALUTATION.match(text) or text.count(" ") < 2):
            continue
        # a headline set over two lines: this one stops mid-phrase (a word in lower case), the next
        # goes on in lower case and ends no sentence
        nxt = plain(lines[k + 1].text) if k + 1 < len(lines) else ""
        if nxt[:1].islower() and text.split()[-1].isalpha() and text.split()[-1].islower() and len(text) + len(nxt) < 200 \
                and not re.search(r"[.!?](?:\s|$)", nxt):
            text = f"{text} {nxt}"
        return text, line.no
    return None, None


KIND_NOUN = {"letter": "Letter", "statement": "Statement", "press-release": "Press release", "commentary": "Commentary"}


def made_title(kind: str | None, addressees: list[str], date: str | None) -> str | None:
    """A title for a document whose text gives none (no headline, no Re: line), said as what it is:
    "Letter to Minister Ana Ruiz", else "Statement of 12 May 2022". It is a doubt, so an editor sees it."""
    noun = KIND_NOUN.get(kind or "letter", "Document")
    if addressees:
        return f"{noun} to {' and '.join(addressees[:2])}{' and others' if len(addressees) > 2 else ''}"
    return f"{noun} of {date}" if date else None


def extract_date(lines: list[Line], front: dict, body_end: int | None = None) -> tuple[str | None, int | None, list[Problem]]:
    """The first date line of the head; else a date line above the salutation, however far down; else
    a page title that is a dateline; else the date standing alone after the letter's last paragraph
    (before its signature list, `body_end`)."""
    problems: list[Problem] = []
    head = lines[: header_end(lines) + 1]
    candidates: list[tuple[Any, Line]] = []
    for line in head:
        found = standalone_date(line.text)
        if found:
            candidates.append((found, line))
        dl = DATELINE.match(line.text)
        if dl and find_dates(dl.group(2)):
            candidates.append((find_dates(dl.group(2))[0], line))
        if candidates:   # the first date line of the header is the letter's date
            break
    for found, line in candidates:
        if found.iso:
            return found.iso, line.no, problems
        problems.append(Problem("error", "date", line.no, found.problem or "unreadable date",
                                "write the date in the front matter: date: YYYY-MM-DD"))
        return None, line.no, problems
    # a dateline above the salutation, however long the notes before it: the head ends where the letter
    # greets its addressee, not at the first long paragraph (an editor's note, an update)
    greeting = next((i for i, x in enumerate(lines[:body_end]) if len(x.text) < 160 and SALUTATION.match(x.text.strip())),
                    None)
    for line in lines[len(head): greeting or 0]:
        found = standalone_date(line.text)
        if found and found.iso:
            return found.iso, line.no, problems
    for key in ("title", "subtitle"):   # a page title that is itself a dateline ("Berlin, den 5. Mai 2020")
        value = front.get(key)
        if isinstance(value, str) and standalone_date(value) and standalone_date(value).iso:
            return standalone_date(value).iso, None, problems
    closing = closing_date(lines[:body_end])
    if closing:
        return closing[0].iso, closing[1].no, problems
    for line in lines:
        m = re.search(r"\bas of\s+", line.text, re.I)
        if m:
            found = find_dates(line.text[m.end():])
            if found and found[0].start == 0 and found[0].iso:
                return found[0].iso, line.no, problems
    return None, None, problems


PROSE_END = re.compile(r"(?:[a-zß-ÿ]{2}[.!?…]|[。！？])\W*$")


def closing_date(lines: list[Line]) -> tuple[Any, Line] | None:
    """A date standing alone after the letter's last paragraph of prose: the dateline of a letter that
    puts it at its end ("Lisboa, 18 de abril de 2020." before the signers; "Letter written May 3rd,
    2021." as its footer). A date inside the body's sentences is some other event's."""
    pars = paragraphs(lines)
    last_prose = max((k for k, par in enumerate(pars) if sum(len(x.text) for x in par) > 120
                      and PROSE_END.search(par[-1].text)), default=None)
    if last_prose is None:
        return None
    for par in pars[last_prose + 1:]:
        found = standalone_date(par[0].text)
        if found and found.iso:
            return found, par[0]
    return None


def extract_kind(lines: list[Line], salutation: int | None, title: str | None) -> str:
    head = [x.text for x in lines[:15]]
    joined = " ".join(head[:8]).lower()
    if PRESS_RELEASE.search(joined) or any(DATELINE.match(t) for t in head):
        return "press-release"
    if salutation is None and any(BYLINE.match(t) for t in head) and "open letter" not in joined:
        return "commentary"
    title_l = (title or "").lower()
    if salutation is None and STATEMENT.search(title_l + joined) \
            and "letter" not in title_l:
        return "statement"
    return "letter"
