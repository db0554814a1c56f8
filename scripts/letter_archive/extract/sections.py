"""Where a signature list may be: the rules that find candidate blocks (under the last closing or
signatories heading, under a dateline that ends the letter, the lists and tables of the document's
tree, blocks of names after the body, a sign-off in the letter's own words). signature_block.py scores
them."""


from __future__ import annotations

import re
from bisect import bisect_left

from ..document import Item, ListBlock, Table, Tree
from ..places import country_code
from .asks import announces_demands
from .clean import SALUTATION
from .entries import (
    BULLET,
    DIGIT,
    LINKED,
    SENTENCE,
    START,
    STOP,
    TIER,
    is_heading,
    looks_like_entry,
    not_a_signer,
    row_entry,
    sentence_like,
    strip_marks,
)
from .head import closing_date
from .lines import Line, paragraphs


def cue_start(lines: list[Line]) -> int | None:
    """The line after the last closing or signature heading (reaching back over a first tier of
    signers above "also signed by:"), or None."""
    start = None
    for i, line in enumerate(lines):
        if len(line.text) < 120 and START.match(line.text.strip()):
            start = i + 1
    if start is not None and start < len(lines) and len(lines[start - 1].text) > 30 \
            and lines[start].text[:1].islower():
        start += 1   # the closing formula wraps onto a second line: "Veuillez agréer … de notre profond / respect,"
    if start is not None and TIER.match(lines[start - 1].text.strip()):
        start = _first_tier(lines, start - 1)
    return start


def section_end(lines: list[Line], start: int) -> int:
    """Where a list that starts at `start` ends: a copies line ("CC:"), or a paragraph of prose."""
    for i in range(start, len(lines)):
        text = lines[i].text.strip()
        if STOP.match(text) or (_is_prose(text) and i > start + 1):
            return i
    return len(lines)


def _first_tier(lines: list[Line], tier: int) -> int:
    """Where the signers above a line such as "This letter is also signed by:" start: a run of entries
    (blank lines between) under a closing, or a run of bullet entries under the sentence that announces
    them (ending in a colon). Without such a run, the list starts after the tier line."""
    k = tier - 1
    first = None
    bullets_only = True
    while k >= 0 and tier - k <= 400:
        text = lines[k].text.strip()
        if text and START.match(text) and len(text) < 120:
            return first if first is not None else tier + 1   # the closing above the first tier
        if text and re.search(r"[:：]\W*$", text) and not BULLET.match(text):
            break   # the sentence that announces the first tier
        if text:
            body = strip_marks(text)
            if not looks_like_entry(body) or sentence_like(body) or len(body) > 200:
                break
            bullets_only = bullets_only and bool(BULLET.match(text))
            first = k
        k -= 1
    if first is None or not bullets_only or sum(1 for x in lines[first:tier] if x.text.strip()) < 2 or k < 0:
        return tier + 1
    return first if re.search(r"[:：]\W*$", lines[k].text.strip()) else tier + 1


def after_closing_date(lines: list[Line]) -> int | None:
    """A letter without a closing word that ends with its dateline and then its signers:
    "Lisboa, 18 de abril de 2020." followed by names, each perhaps over a role line."""
    found = closing_date(lines)
    if not found:
        return None
    at = next(i for i, x in enumerate(lines) if x is found[1])
    after = [x.text.strip() for x in lines[at + 1: at + 12] if x.text.strip()][:4]
    if len(after) >= 2 and all(len(t) <= 120 and looks_like_entry(strip_marks(t)) and not SENTENCE.search(t)
                               for t in after):
        return at + 1
    return None


NAME_PARTICLE = {"van", "von", "de", "der", "den", "del", "da", "di", "du", "le", "la", "bin", "al", "el", "y", "e"}


def name_line(text: str) -> bool:
    """A line that is only a name: one to five words, each capitalised (particles aside), no digit, no
    sentence's end, not a country."""
    words = text.split()
    return 1 <= len(words) <= 5 and len(text) <= 60 and not DIGIT.search(text) and not text.endswith((".", ":", "!", "?")) \
        and all(w[:1].isupper() or w.lower() in NAME_PARTICLE for w in words) and not country_code(text.strip(" ,"))


def signed_after_valediction(lines: list[Line]) -> tuple[int, int] | None:
    """A letter closed in its own words ("Long live a free country,", "In hope of your answer,"),
    none of them a known closing: its last paragraphs are a short line ending in a comma that starts
    a paragraph (eight words at most, no digit, not a salutation) and then one to three lines that are
    only names, which sign it."""
    filled = [i for i, x in enumerate(lines) if x.text.strip()]
    for n in (1, 2, 3):
        if len(filled) < n + 2:
            break
        at = filled[-n - 1]
        text = lines[at].text.strip()
        if not all(name_line(lines[i].text.strip()) for i in filled[-n:]):
            break
        if text.endswith(",") and len(text) <= 80 and len(text.split()) <= 8 and not DIGIT.search(text) \
                and not SALUTATION.match(text) and not lines[at - 1].text.strip():
            return filled[-n], filled[-1] + 1
    return None


def _is_prose(text: str) -> bool:
    """A sentence of the letter, not a list entry: long, with several clauses, ending in a full stop."""
    return len(text) > 220 and text.count(",") < 8 and "\t" not in text and bool(re.search(r"[.!?]\W*$", text)) \
        and not BULLET.match(text)


SAMPLE = 60   # lines of a long block read to tell its shape: a list of 2,000 names shows it in its first lines


def trailing_name_block(lines: list[Line]) -> tuple[int, int] | None:
    pars = paragraphs(lines)
    if not pars:
        return None
    tail = [x for x in pars[-1]] if len(pars[-1]) >= 5 else (pars[-2] if len(pars) > 1 and len(pars[-1]) <= 2 else [])
    if len(tail) < 5 or not all(len(x.text.strip()) <= 80 and looks_like_entry(strip_marks(x.text))
                                and not sentence_like(strip_marks(x.text)) and not SENTENCE.search(x.text)
                                and not not_a_signer(x.text.strip(), False) for x in tail[:SAMPLE]):
        return None   # an address or contact block ends many letters too: not a list of names
    first = next(i for i, x in enumerate(lines) if x is tail[0])
    return first, first + len(tail)


def _navigation(text: str) -> bool:
    """A link whose words read as a page's title in sentence case ("Ten years of the school garden"),
    not as a name in title case ("Friends of the Earth", linked to its site)."""
    if not LINKED.search(text):
        return False
    words = [w for w in re.findall(r"[^\W\d_]{4,}", strip_marks(text))]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) * 2 < len(words)


def _name_line_of_block(text: str) -> bool:
    body = strip_marks(text)
    # a sign-off ("Sent from the valley,"), an announcing line ("Wir fordern:") or a country is no name
    return len(body) <= 80 and not body.endswith((",", ":", "：")) and not country_code(body.strip(" .")) \
        and not _navigation(text) and looks_like_entry(body) and not sentence_like(body) \
        and not SENTENCE.search(text) and not not_a_signer(text, False) and not is_heading(text)


def name_blocks(lines: list[Line]) -> list[tuple[int, int]]:
    """Paragraphs of two or more short lines, each shaped like a name or an organisation, after the
    letter's last paragraph of prose: the signers of a letter that names them without a closing word."""
    pars = paragraphs(lines)
    last_prose = max((k for k, par in enumerate(pars)
                      if any(len(x.text.split()) >= 8 and re.search(r"[.!?。]\W*$", x.text) for x in par)), default=-1)
    index = {id(x): i for i, x in enumerate(lines)}
    return [(index[id(par[0])], index[id(par[-1])] + 1) for k, par in enumerate(pars) if k > last_prose
            and len(par) >= 2 and all(_name_line_of_block(x.text.strip()) for x in par[:SAMPLE])
            and not announces_demands(pars[k - 1][-1].text if k else "")]


def list_blocks(lines: list[Line], tree: Tree) -> list[tuple[int, int]]:
    """The lists of the document's tree that may sign the letter, the last first: three items or
    more (a nested list's items are its parent's), mostly shaped like entries, after the first third
    of the text (or ending it), not announced as demands, not a page's navigation."""
    found: list[tuple[int, int]] = []
    where = _Where(lines)
    for block in reversed([b for b in tree.blocks if isinstance(b, ListBlock)]):
        items = [lines[b.start].text for b in block.walk() if isinstance(b, Item) and b.start < len(lines)]
        if len(items) < 3 or sum(_navigation(t) for t in items) * 2 >= len(items):
            continue   # a list of links to pages is the page's navigation ("Related posts"), not its signers
        if where.may_sign(block.start, block.end, [strip_marks(t) for t in items]):
            found.append((block.start, block.end))
    return found


def table_blocks(lines: list[Line], tree: Tree) -> list[Table]:
    """The tables of the document's tree that may sign the letter, by the rules a list is held to; each
    is one candidate, one entry a row (its header is none)."""
    where = _Where(lines)
    return [b for b in tree.blocks if isinstance(b, Table) and len(b.rows) >= 3
            and where.may_sign(b.start, b.end, [t if LETTER.search(t) else "" for t in table_entries(b)])]


LETTER = re.compile(r"[^\W\d_]")   # a row of figures ("2019 | 41,200") names no one


class _Where:
    """Where a block stands in the text: the filled line above it, how many filled lines follow it
    (counted once for the text, so that a text of many short lists costs no more than one list)."""

    def __init__(self, lines: list[Line]) -> None:
        self.lines = lines
        self.filled = [k for k, x in enumerate(lines) if x.text.strip()]
        self.last = self.filled[-1] if self.filled else 0

    def before(self, first: int) -> str:
        k = bisect_left(self.filled, first)
        return self.lines[self.filled[k - 1]].text if k else ""

    def after(self, end: int) -> int:
        return len(self.filled) - bisect_left(self.filled, end)

    def may_sign(self, first: int, end: int, entries: list[str]) -> bool:
        """Three entries or more, 80% of them shaped like names or organisations, after the first third
        of the text or ending it (a long list can start early), no line above announcing demands."""
        if len(entries) < 3 or announces_demands(self.before(first)):
            return False
        return (first > len(self.lines) * 0.3 or (self.after(end) <= 3 and end > self.last - 6)) and \
            sum(looks_like_entry(t) for t in entries) >= 0.8 * len(entries)


def table_entries(table: Table) -> list[str]:
    """A table's rows as the entries they would be: their filled cells, tab-separated, a numbering cell left out."""
    return [entry for row in table.rows if (entry := row_entry(row.cells))]
