"""The signature block, chosen by scoring every candidate: the list under the last closing or
signatories heading, the names under a dateline that ends the letter, each list of the document's tree
that may sign it (a nested list is part of its parent), each table of two rows or more (one candidate,
one entry a row), a block of short name lines that ends it, the names under a sign-off in the letter's
own words.

Each candidate is scored on what a reader sees (signatories.py has the rules that find them):
  for it:   a cue above it ("Sincerely", "Signatories:", "also signed by:"), a dateline above it,
            entries shaped like names or organisations, entries of one shape, a place after the body;
  against:  a line above it that announces demands ("We call on you to:"), links and navigation,
            "X: definition" lines, sentences.
The best one is the signature list; `letters check -v` shows the three best, and a runner-up close
to the best is a doubt (doubts.py)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..document import Tree, build_tree
from .asks import announces_demands
from .entries import LINKED, SENTENCE, START, TIER, group_header, looks_like_entry, strip_marks
from .lines import Line
from .sections import (
    after_closing_date,
    cue_start,
    list_blocks,
    name_blocks,
    section_end,
    signed_after_valediction,
    table_blocks,
    table_entries,
    trailing_name_block,
)

# what the way a candidate was found says by itself: a closing or heading names the list; a dateline
# ending the letter usually heads its signers; a bullet list or a block of names may be anything
ANNOUNCED = ("closing or heading", "dateline")   # lists that a line above announces
PRIOR = {"closing or heading": 3.0, "dateline": 1.5, "bullet list": 0.6, "table": 0.6, "name block": 0.4, "sign-off": 0.3}
LINK = re.compile(rf"{LINKED.pattern}|^\s*[-*]?\s*\[[^\]]+\]\s*$")   # a link, or a bare "[label]" line
DEFINITION = re.compile(r"^[\W_]*[\w ’'-]{2,40}\s*[:：]\s+\S.{20,}")   # "Term: what it means, in a sentence"
SAMPLE = 60   # lines scored of a long list: its shape shows in its first lines


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    rule: str
    score: float
    cue: str | None     # the line above that says it is a list of signers
    shape: float = 1.0  # the share of its lines shaped like entries (names, organisations)


def candidates(lines: list[Line], tree: Tree | None = None) -> list[Candidate]:
    """Every candidate signature block, best first. `tree`: the lines' document tree (built here when
    not given)."""
    tree = tree if tree is not None else build_tree(lines)
    spans: list[tuple[int, int, str]] = []
    start = cue_start(lines)
    if start is not None:
        spans.append((start, section_end(lines, start), "closing or heading"))
    dated = after_closing_date(lines)
    if dated is not None:
        spans.append((dated, section_end(lines, dated), "dateline"))
    spans += [(a, b, "bullet list") for a, b in list_blocks(lines, tree)]
    tables = {(t.start, t.end): t for t in table_blocks(lines, tree)}
    spans += [(a, b, "table") for a, b in tables]
    spans += [(a, b, "name block") for a, b in name_blocks(lines)]
    for rule, found in (("name block", trailing_name_block(lines)), ("sign-off", signed_after_valediction(lines))):
        if found:
            spans.append((*found, rule))
    seen: set[tuple[int, int]] = set()
    out = []
    for first, end, rule in spans:
        if (first, end) in seen:
            continue
        if any(a <= first and end <= b and r in ANNOUNCED for a, b, r in spans if (a, b) != (first, end)):
            continue   # a sub-list under a heading inside the list a closing announces is part of it
        seen.add((first, end))
        table = tables.get((first, end)) if rule == "table" else None
        out.append(_scored(lines, first, end, rule, table_entries(table) if table else None))
    return sorted(out, key=lambda c: -c.score)


def best_section(found: list[Candidate]) -> tuple[int, int] | None:
    """The signature list's (first, end) lines: the best of `candidates(lines)`."""
    return (found[0].start, found[0].end) if found else None


def chosen_candidate(lines: list[Line], found: list[Candidate], span: tuple[int, int]) -> tuple[Candidate, Candidate | None]:
    """For doubts: the candidate that became the signature list, and the runner-up."""
    chosen = next((c for c in found if (c.start, c.end) == tuple(span)), None)
    if chosen is None:   # the list was narrowed after it was chosen (a count line under the closing)
        chosen = _scored(lines, span[0], span[1], "closing or heading")
    return chosen, next((c for c in found if (c.start, c.end) != (chosen.start, chosen.end)), None)


def cue_above(lines: list[Line], start: int) -> str | None:
    """The nearest line above `start` (blank lines aside), when it says a list of signers follows."""
    above = next((x.text.strip() for x in reversed(lines[max(0, start - 6):start]) if x.text.strip()), "")
    if above and len(above) < 120 and (START.match(above) or TIER.match(above) or group_header(above)):
        return above
    return None


def _scored(lines: list[Line], first: int, end: int, rule: str, entries_of: list[str] | None = None) -> Candidate:
    """`entries_of`: the candidate's entries when they are not its lines (a table's rows, without its header)."""
    texts = (entries_of if entries_of is not None else [x.text.strip() for x in lines[first:end] if x.text.strip()])[:SAMPLE]
    cue = cue_above(lines, first)
    if not texts:   # a closing with nothing under it: signed there, or by nobody listed
        return Candidate(first, end, rule, PRIOR[rule], cue)
    bodies = [strip_marks(t) for t in texts]
    entries = sum(1 for t, b in zip(texts, bodies, strict=True)
                  if looks_like_entry(b) and len(b) <= 200 and not SENTENCE.search(t))
    sentences = sum(1 for t in texts if len(t.split()) >= 8 and SENTENCE.search(t))
    links = sum(1 for t in texts if LINK.search(t))
    definitions = sum(1 for b in bodies if DEFINITION.match(b))
    n = len(texts)
    before = next((x.text for x in reversed(lines[:first]) if x.text.strip()), "")
    score = PRIOR[rule] + (1.0 if cue and rule != "closing or heading" else 0.0)
    score += entries / n + min(1.0, entries / 5) + 0.5 * first / max(1, len(lines))
    score -= (sentences + links + definitions) / n
    if announces_demands(before):
        score -= 3.0   # "We call on the government to:" and a list: what is asked, not who signs
    return Candidate(first, end, rule, round(score, 3), cue, round(entries / n, 3))
