"""Clean stage: the body as numbered lines, with letterhead and PDF page-break debris taken out
(and reported), sentences split by a page break joined again, placeholder links reduced to text."""

from __future__ import annotations

import re

from .dates import standalone_date
from .languages import alternation
from .lines import Line, Removed, paragraphs

PLACEHOLDER_LINK = re.compile(r"\[([^\[\]\n]*)\]\((?:#|\s*|javascript:[^()\n]*)\)", re.I)
SALUTATION = re.compile(rf"^\s*{alternation('salutation')}", re.I)
# a label may be set in bold or italics, around the word or the word and its colon: "**Re:**", "__Cc__:"
SUBJECT = re.compile(rf"^\s*[*_]{{0,2}}{alternation('subject')}[*_]{{0,2}}\s*[:.：]\s*[*_]{{0,2}}\s*(\S.*)$", re.I)
CC = re.compile(rf"^\s*[*_]{{0,2}}{alternation('cc')}[*_]{{0,2}}\s*[:.][*_]{{0,2}}\s*", re.I)   # "CC:", "Copies to:"


def _is_debris(par: list[Line]) -> bool:
    """A page footer or running header: a few very short lines, no sentence."""
    if len(par) > 6:
        return False
    for line in par:
        words = line.text.split()
        if not 1 <= len(words) <= 3 or len(line.text) > 30:
            return False
        if any(w[:1].islower() for w in words) and not re.fullmatch(r"[\w.-]+\.(?:org|com|net|int)\S*", line.text.strip()):
            return False
        if re.search(r"[,;:!?]|\d{2,}", line.text) or standalone_date(line.text):
            return False
    return True


def _ends_mid_sentence(par: list[Line]) -> bool:
    last = par[-1].text.rstrip()
    return len(" ".join(x.text for x in par)) >= 40 and bool(re.search(r"[\w,“‘\"(-]$", last)) \
        and not last.lstrip().startswith("#")


def _continues(par: list[Line], prev: list[Line]) -> bool:
    """A paragraph that starts inside a sentence: lower case (but not a "cc:" line), or a stray dash the
    PDF export put before the rest of a sentence (a dash no other line of the paragraph uses, after a
    long unfinished line)."""
    first = par[0].text.lstrip()
    if CC.match(first):       # "cc: …" opens the copies, whatever its case
        return False
    if re.match(r"[a-z]", first):
        return True
    if not re.match(r"-\s+\S", first) or len(prev[-1].text) < 60:
        return False
    return len(par) == 1 or not any(x.text.lstrip().startswith("- ") for x in par[1:])


def strip_letterhead(lines: list[Line]) -> tuple[list[Line], list[Removed]]:
    """A long block of names and titles before the letter's date is the sender's letterhead."""
    limit = min(len(lines), 400)
    for i in range(limit):
        if not standalone_date(lines[i].text):
            continue
        before = [x for x in lines[:i] if x.text.strip()]
        after = lines[i + 1: i + 60]
        starts_letter = any(SALUTATION.match(x.text) or SUBJECT.match(x.text) for x in after)
        prose = any(len(x.text) > 160 for x in before)
        if len(before) > 12 and starts_letter and not prose:
            return lines[i:], [Removed(x.no, x.text, "letterhead") for x in before]
        return lines, []
    return lines, []


def join_page_breaks(lines: list[Line]) -> tuple[list[Line], list[Removed]]:
    """Join a sentence that a page break split, dropping the footer debris between its halves."""
    pars = paragraphs(lines)
    removed: list[Removed] = []
    out: list[list[Line]] = []
    i = 0
    while i < len(pars):
        par = pars[i]
        j = i + 1
        while j < len(pars) and _is_debris(pars[j]):
            j += 1
        if _ends_mid_sentence(par) and j < len(pars) and _continues(pars[j], par):
            for debris in pars[i + 1: j]:
                removed.extend(Removed(x.no, x.text, "page-break debris") for x in debris)
            nxt = pars[j]
            head = nxt[0].text.lstrip()
            head = re.sub(r"^-\s+", "", head)
            joined = Line(par[-1].no, par[-1].text.rstrip() + " " + head)
            out.append(par[:-1] + [joined] + nxt[1:])
            i = j + 1
            # the joined paragraph may itself continue after another break
            while i < len(pars):
                k = i
                while k < len(pars) and _is_debris(pars[k]):
                    k += 1
                if k < len(pars) and _ends_mid_sentence(out[-1]) and _continues(pars[k], out[-1]):
                    for debris in pars[i:k]:
                        removed.extend(Removed(x.no, x.text, "page-break debris") for x in debris)
                    head = re.sub(r"^-\s+", "", pars[k][0].text.lstrip())
                    last = out[-1][-1]
                    out[-1] = out[-1][:-1] + [Line(last.no, last.text.rstrip() + " " + head)] + pars[k][1:]
                    i = k + 1
                else:
                    break
            continue
        out.append(par)
        i += 1
    result: list[Line] = []
    for n, par in enumerate(out):
        if n:
            result.append(Line(None, ""))
        result.extend(par)
    return result, removed


# Markup that only wraps a line: a Markdown hard break (a trailing backslash, alone on a line when
# the line is empty) and a whole line set as inline code (a wiki export wraps every line so).
HARD_BREAK = re.compile(r"\s*\\$")
CODE_LINE = re.compile(r"^(\s*)`([^`]*)`$")


def _unwrap(text: str) -> str:
    if "\\" in text:
        text = HARD_BREAK.sub("", text)
    if "`" in text:
        text = CODE_LINE.sub(r"\1\2", text.rstrip()).rstrip()
    return text.replace("\u00a0", " ") if "\u00a0" in text else text


def clean(lines: list[Line]) -> tuple[list[Line], list[Removed]]:
    lines = [Line(x.no, PLACEHOLDER_LINK.sub(r"\1", _unwrap(x.text))) for x in lines]
    lines, letterhead = strip_letterhead(lines)
    lines, debris = join_page_breaks(lines)
    return lines, letterhead + debris
