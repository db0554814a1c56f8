"""Related documents: which press release, statement or commentary is about which letter.

A document about a letter shows it in its own words: it names the letter's addressee, states the
letter's count of signatories, quotes its sentences, and comes out a few days or weeks after it. Each
such sign is evidence; `suggest` scores every (letter, later document) pair by them and links a pair
only when two different *specific* signs agree (the addressee named, a stated count, a quoted
passage) and the score reaches THRESHOLD. Shared governments, closeness in time and title words only
add to a score: alone, they describe every document about the same country that month.

Evidence shared by several letters (two letters to one president in a month, two letters with the
same count) is split between them, so an ambiguous mention links neither. An editor has the last
word: `related: [id]` in either document links the two whatever their score, `unrelated: [id]` in
either never links them. `letters check` lists every candidate with its score and its reasons."""

from __future__ import annotations

import bisect
import datetime as dt
import math
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from ..extract.counts import NUMBER_WORDS, ORG_NOUN, PERSON_NOUN, number
from ..model import Record

WINDOW_DAYS = 60          # a document about a letter comes out at most this long after it
THRESHOLD = 0.7           # the score a suggestion needs (with two specific signs) to be linked
MIN_COUNT = 5             # smaller stated counts ("two groups") say too little
TITLE_RARITY_FULL = 4.0   # title words as rare as this in all (summed log inverse document frequencies) count fully
MIN_QUOTE_WORDS = 8       # a quoted passage this long, found in the letter, is a quotation of it
WEIGHTS = {"addressee": 0.3, "count": 0.35, "quote": 0.4, "government": 0.15, "time": 0.1, "title": 0.1}
SPECIFIC = ("addressee", "count", "quote")

# Headings on a page, by the kind of the page's document and the kind of the linked one.
ON_LETTER = {"press-release": "Announced in", "commentary": "Commentary", "statement": "Statements",
             "letter": "Related letters"}
ON_OTHER = {"letter": "About this letter"}
OTHER_HEADING = "Related documents"

NUM = r"(\d{1,5}|" + "|".join(NUMBER_WORDS) + r")"
STATED_COUNT = re.compile(rf"\b{NUM}\s+(other\s+)?(?:[\w’'-]+\s+){{0,3}}?(?:{ORG_NOUN}|{PERSON_NOUN})\b", re.I)
QUOTE = re.compile(r"[“\"«„「『]([^“”\"«»„「」『』\n]{20,2000}?)[”\"»“」』]")
ELLIPSIS = re.compile(r"\.\s?\.\s?\.|…|\[[^\]]*\]")
WORD = re.compile(r"\w+")
TITLE_STOPWORDS = {"the", "a", "an", "of", "on", "in", "to", "and", "for", "with", "about", "at", "by", "its",
                   "joint", "open", "letter", "statement", "press", "release", "re", "from", "is", "s"}


def normal(text: str) -> str:
    """Words only, lowercase, one space apart: how passages are compared."""
    text = unicodedata.normalize("NFKC", text).replace("’", "'").casefold()
    return " " + " ".join(WORD.findall(text)) + " "


def date_span(value: str | None) -> tuple[dt.date, dt.date] | None:
    """The first and last day a (possibly partial) ISO date can mean."""
    if not value:
        return None
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        day = dt.date(*parts)
        return day, day
    if len(parts) == 2:
        first = dt.date(parts[0], parts[1], 1)
        following = dt.date(parts[0] + (parts[1] == 12), parts[1] % 12 + 1, 1)
        return first, following - dt.timedelta(days=1)
    return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)


@dataclass
class Suggestion:
    letter: str                      # the letter's id
    other: str                       # the id of the document about it
    score: float = 0.0
    reasons: list[str] = field(default_factory=list)
    kinds: set[str] = field(default_factory=set)
    linked: bool = False
    editor: str | None = None        # "related" or "unrelated" when an editor decided

    @property
    def specific(self) -> int:
        return len(self.kinds & set(SPECIFIC))


@dataclass
class Related:
    """A link shown on a page: under which heading, to which document."""

    heading: str
    id: str
    title: str
    date: str | None
    kind: str | None


@dataclass
class _Doc:
    record: Record
    raw: str                         # the text as written
    span: tuple[dt.date, dt.date] | None
    counts: dict[int, str] = field(default_factory=dict)     # stated count -> the words that state it
    quotes: list[tuple[str, list[str]]] = field(default_factory=list)   # (as written, normal segments)
    title: set[str] = field(default_factory=set)             # title_words, computed once
    own_counts: set[int] = field(default_factory=set)        # a letter's letter_counts
    addressees: list[tuple[str, str]] = field(default_factory=list)     # (normal name, as written), 2+ words

    def __post_init__(self) -> None:
        self.title = title_words(self.record.title)
        self.own_counts = letter_counts(self.record)
        names = [(normal(p.name).strip(), p.name) for p in self.record.addressees]
        self.addressees = [(n, written) for n, written in names if len(n.split()) >= 2]

    @cached_property
    def text(self) -> str:
        """normal(raw): for a letter only when a document quotes something (most never do)."""
        return normal(self.raw)


def stated_counts(text: str) -> dict[int, str]:
    """Counts of signers a text states: '54 organizations' -> 54; 'joined by 68 other groups' -> 69."""
    out: dict[int, str] = {}
    for m in STATED_COUNT.finditer(text):
        n = number(m.group(1)) + (1 if m.group(2) else 0)
        if n >= MIN_COUNT:
            out.setdefault(n, "“" + " ".join(m.group(0).split()) + "”" + (f" ({n} with the sender)" if m.group(2) else ""))
    return out


def quotations(text: str) -> list[tuple[str, list[str]]]:
    """Passages in quotation marks, long enough to be a quotation of a document, cut at ellipses."""
    out = []
    for m in QUOTE.finditer(text):
        segments = [normal(s).strip() for s in ELLIPSIS.split(m.group(1))]
        segments = [s for s in segments if len(s.split()) >= 3]
        if sum(len(s.split()) for s in segments) >= MIN_QUOTE_WORDS:
            out.append((" ".join(m.group(1).split()), segments))
    return out


def letter_counts(record: Record) -> set[int]:
    s = record.signatories
    values = {s.claimed, s.listed} | {g.claimed for g in s.groups} | {g.listed for g in s.groups}
    return {v for v in values if isinstance(v, int) and v >= MIN_COUNT}


def title_words(title: str | None) -> set[str]:
    return {w for w in normal(title or "").split() if w not in TITLE_STOPWORDS and not w.isdigit() and len(w) > 2}


def _evidence(letter: _Doc, other: _Doc, rarity: dict[str, float]) -> dict[str, tuple[str, str]]:
    """Each kind of evidence the pair shares: kind -> (what matched, the reason in words)."""
    a, b = letter.record, other.record
    found: dict[str, tuple[str, str]] = {}
    for name, written in letter.addressees:
        if f" {name} " in other.text:
            found["addressee"] = (name, f"names the addressee {written}")
            break
    counts = sorted(letter.own_counts & set(other.counts))
    if counts:
        found["count"] = (",".join(map(str, counts)), "states its count: " + "; ".join(other.counts[n] for n in counts))
    for written, segments in other.quotes:
        if all(f" {s} " in letter.text for s in segments):
            brief = written if len(written) <= 60 else written[:57].rsplit(" ", 1)[0] + "…"
            found["quote"] = (" ".join(segments), f"quotes it: “{brief}”")
            break
    shared = sorted(set(a.governments) & set(b.governments))
    if shared:
        found["government"] = ("", f"same government: {', '.join(shared)}")
    if letter.span and other.span:
        least, most = max(0, (other.span[0] - letter.span[1]).days), (other.span[1] - letter.span[0]).days
        when = "the same day" if most == 0 else f"{least} days after" if least == most else f"{least}–{most} days after"
        found["time"] = ("", when if least <= 31 else when + " (a little late)")
    words = sorted(letter.title & other.title, key=lambda w: (-rarity.get(w, 0), w))
    strength = min(1.0, sum(rarity.get(w, 0) for w in words) / TITLE_RARITY_FULL)
    if strength >= 0.1:
        found["title"] = (f"{strength:.2f}", "title words: " + ", ".join(words))
    return found


def _in_window(letter: _Doc, other: _Doc) -> bool:
    if not letter.span or not other.span:
        return False
    return other.span[1] >= letter.span[0] and (other.span[0] - letter.span[1]).days <= WINDOW_DAYS


def suggest(items: list[tuple[Record, str]]) -> list[Suggestion]:
    """Every (letter, later document) pair with at least one specific sign, scored; `linked` says
    whether it is shown. Editors' `related:` and `unrelated:` are applied here too."""
    docs = [_Doc(r, text, date_span(r.date)) for r, text in items if r.id]
    letters = [d for d in docs if d.record.kind == "letter"]
    others = [d for d in docs if d.record.kind != "letter"]
    for d in others:
        d.counts = stated_counts(d.raw)
        d.quotes = quotations(d.raw)
    letters = sorted((d for d in letters if d.span), key=lambda d: d.span[0])
    starts = [d.span[0] for d in letters]
    frequency: dict[str, int] = defaultdict(int)
    for d in docs:
        for w in d.title:
            frequency[w] += 1
    rarity = {w: math.log(len(docs) / n) for w, n in frequency.items()}
    out: list[Suggestion] = []
    for other in others:
        if not other.span:
            continue
        # the letters that can be in its window: begun at most a year (a date that is only a year) and
        # the window before it begins, and before it ends
        first = bisect.bisect_left(starts, other.span[0] - dt.timedelta(days=WINDOW_DAYS + 366))
        last = bisect.bisect_right(starts, other.span[1])
        found = {letter.record.id: _evidence(letter, other, rarity)
                 for letter in letters[first:last] if _in_window(letter, other)}
        # a specific sign that several letters share is split between them
        sharing: dict[tuple[str, str], int] = defaultdict(int)
        for evidence in found.values():
            for kind in SPECIFIC:
                if kind in evidence:
                    sharing[(kind, evidence[kind][0])] += 1
        for letter_id, evidence in found.items():
            if not any(k in evidence for k in SPECIFIC):
                continue
            s = Suggestion(letter_id, other.record.id)
            for kind, (key, reason) in evidence.items():
                share = sharing.get((kind, key), 1) if kind in SPECIFIC else 1
                weight = WEIGHTS[kind] / share
                if kind == "time" and reason.endswith("(a little late)"):
                    weight /= 2
                if kind == "title":
                    weight *= float(key)
                s.score += weight
                s.reasons.append(reason + (f" (as {share} letters do)" if share > 1 else ""))
                if share == 1:
                    s.kinds.add(kind)
            s.score = round(s.score, 2)
            s.linked = s.specific >= 2 and s.score >= THRESHOLD
            out.append(s)
    return _apply_editors(out, [d.record for d in docs])


def _apply_editors(suggestions: list[Suggestion], records: list[Record]) -> list[Suggestion]:
    by_id = {r.id: r for r in records}
    pairs = {frozenset((s.letter, s.other)): s for s in suggestions}
    for r in records:
        for other in r.related:
            if other in by_id and other != r.id:
                key = frozenset((r.id, other))
                if key not in pairs:
                    first, second = sorted((by_id[r.id], by_id[other]), key=lambda x: x.kind != "letter")
                    pairs[key] = Suggestion(first.id, second.id, reasons=["confirmed by an editor"])
                pairs[key].editor, pairs[key].linked = "related", True
    for r in records:
        for other in r.unrelated:
            key = frozenset((r.id, other))
            if key in pairs:
                pairs[key].editor, pairs[key].linked = "unrelated", False
    return sorted(pairs.values(), key=lambda s: (-s.linked, -s.score, s.letter, s.other))


def problems(records: list[Record]) -> list[str]:
    """`related:`/`unrelated:` entries that name no document of the archive, or contradict each other."""
    ids = {r.id for r in records}
    out = []
    for r in records:
        for key in ("related", "unrelated"):
            for other in getattr(r, key):
                if other not in ids:
                    out.append(f"{r.id}: {key}: {other!r} is the id of no document; ids are shown by `letters check`")
        for other in set(r.related) & {x.id for x in records if r.id in x.unrelated}:
            out.append(f"{r.id}: related: {other!r}, but {other} says unrelated: {r.id!r}; unrelated wins")
    return out


def heading(page_kind: str | None, linked_kind: str | None) -> str:
    if page_kind == "letter":
        return ON_LETTER.get(linked_kind or "", OTHER_HEADING)
    return ON_OTHER.get(linked_kind or "", OTHER_HEADING)


def links(records: list[Record], suggestions: list[Suggestion]) -> dict[str, list[Related]]:
    """id -> what its page shows under related documents, both ways, each heading's documents by date."""
    by_id = {r.id: r for r in records}
    out: dict[str, list[Related]] = defaultdict(list)
    for s in suggestions:
        if not s.linked:
            continue
        for here, there in ((s.letter, s.other), (s.other, s.letter)):
            a, b = by_id[here], by_id[there]
            out[here].append(Related(heading(a.kind, b.kind), b.id, b.title or b.id, b.date, b.kind))
    for here in out:
        out[here].sort(key=lambda x: (x.heading, x.date or "", x.id))
    return dict(out)


def report(suggestions: list[Suggestion]) -> list[str]:
    """`letters check`'s lines: each candidate, linked or not, with its score and its reasons."""
    lines = []
    for s in suggestions:
        mark = "✓ linked" if s.linked else "? not linked"
        how = {"related": " (editor: related)", "unrelated": " (editor: unrelated)"}.get(s.editor or "", "")
        lines.append(f"  {mark:13} {s.score:.2f}  {s.other}  →  {s.letter}{how}")
        lines.extend(f"        - {reason}" for reason in s.reasons)
    return lines
