"""The PDF reader's lines and columns (rules 3, 3b and 4 of pdf.py): fragments on one line make a line
(a table row joined by TAB), justified lines are one line of words, and columns drawn line by line across
the page are read column by column."""


from __future__ import annotations

import re

from .pdf_chars import GUTTER_EM, LIST_MARKER, Frag, frag_text


def _free(row: list[Frag], left: float, right: float, min_w: float) -> list[tuple[float, float]]:
    spans, x = [], left
    for f in sorted(row, key=lambda f: f.x0):
        if f.x0 - x >= min_w:
            spans.append((x, f.x0))
        x = max(x, f.x1)
    if right - x >= min_w:
        spans.append((x, right))
    return spans


def _intersect(a, b, min_w):
    """The parts of the free spans `a` that are free in `b` too (at least min_w wide). Both are sorted
    and disjoint, so one pass over each does (this runs for every pair of lines in a run)."""
    if len(a) == 1 and len(b) == 1:      # the usual case: one free span each
        (a0, a1), (b0, b1) = a[0], b[0]
        lo = a0 if a0 > b0 else b0
        hi = a1 if a1 < b1 else b1
        return [(lo, hi)] if hi - lo >= min_w else []
    out = []
    i = j = 0
    na, nb = len(a), len(b)
    while i < na and j < nb:
        a0, a1 = a[i]
        b0, b1 = b[j]
        lo = a0 if a0 > b0 else b0
        hi = a1 if a1 < b1 else b1
        if hi - lo >= min_w:
            out.append((lo, hi))
        if a1 < b1:
            i += 1
        else:
            j += 1
    return out


def row_text(frags: list[Frag], texts: dict) -> str:
    """Fragments of one line: TAB between cells; a space after a list marker or a bare number close
    to its text ("1)  CO2 Budget", "42  BluBot Technologies": a hanging indent, not a table)."""
    out, last = "", None
    for f in frags:
        t = texts[id(f)]
        if not t:
            continue
        if last is None:
            out = t
        else:
            marker = LIST_MARKER.match(texts[id(last)]) or re.fullmatch(r"\d{1,4}", texts[id(last)])
            out += (" " if marker and f.x0 - last.x1 < 4 * last.size else "\t") + t
        last = f
    return out


def starts_with_marker(text: str) -> bool:
    first = text.split(" ", 1)[0]
    return bool(LIST_MARKER.match(first) or re.fullmatch(r"\d{1,4}", first))


def mid_sentence(line: str) -> bool:
    """The line stops inside a sentence: it ends in a lower-case word, a comma, a hyphen, an open
    bracket, an ampersand or a slash."""
    words = line.split()
    if not words:
        return False
    last = words[-1]
    return last[-1] in ",;(–-&/+" or (last[:1].islower() and last[-1].isalpha())


def body_start(line: list[Frag], texts: dict) -> float | None:
    """Where the text after a leading list marker or number starts (None: the line has none)."""
    first = line[0]
    if not starts_with_marker(texts[id(first)]):
        return None
    if " " not in texts[id(first)]:          # the marker is a fragment of its own
        return line[1].x0 if len(line) > 1 else None
    seen_space = False
    for k, ch in enumerate(first.chars):
        if k and ch[5]:
            seen_space = True
        if seen_space:
            return ch[1]
    return None


def stream_lines(frags: list[Frag]) -> list[list[Frag]]:
    """Rule 3: fragments that follow each other in the content stream on the same line, left to
    right, are one line; anything else starts a new one."""
    lines: list[list[Frag]] = []
    for f in frags:
        if lines:
            cur = lines[-1]
            last = cur[-1]
            top, bottom = min(g.top for g in cur), max(g.bottom for g in cur)
            overlap = min(bottom, f.bottom) - max(top, f.top)
            if overlap >= 0.5 * min(bottom - top, f.bottom - f.top) and f.x0 >= last.x1 - 0.5 * last.size:
                cur.append(f)
                continue
        lines.append([f])
    return lines


def merge_justified(lines: list[list[Frag]], texts: dict) -> None:
    """Rule 3b: a line of a justified paragraph whose word spaces were stretched past GAP_EM is one
    line of words, not table cells: its fragments are under 3 ems apart, evenly (the widest gap at
    most 1.5 times the narrowest, plus a point), and it spans the width of a neighbouring line of
    running text (a single fragment 20 ems wide or more, starting at the same left edge or left of
    it and ending at the same right edge). Its fragments become one, in place."""
    for k, ln in enumerate(lines):
        if len(ln) < 2:
            continue
        size = max(f.size for f in ln)
        gaps = [b.x0 - a.x1 for a, b in zip(ln, ln[1:], strict=False)]
        if min(gaps) <= 0 or max(gaps) >= 3 * size or max(gaps) > 1.5 * min(gaps) + 1:
            continue
        x0, x1 = ln[0].x0, ln[-1].x1
        if not any(len(nb) == 1 and nb[0].x1 - nb[0].x0 >= 20 * size and abs(nb[0].x1 - x1) < 0.5 * size
                   and nb[0].x0 < x0 + 0.5 * size
                   for nb in (lines[k - 1] if k else [], lines[k + 1] if k + 1 < len(lines) else [])):
            continue
        first = ln[0]
        for f in ln[1:]:
            ch = f.chars[0]
            first.chars.append((ch[0], ch[1], ch[2], ch[3], ch[4], True))
            first.chars.extend(f.chars[1:])
            first.x1 = max(first.x1, f.x1)
            first.top, first.bottom = min(first.top, f.top), max(first.bottom, f.bottom)
        texts[id(first)] = frag_text(first, [0, 0])
        del ln[1:]


def _side(line: list[Frag], g0: float, g1: float) -> str | None:
    if all(f.x1 <= g0 + 0.5 for f in line):
        return "L"
    if all(f.x0 >= g1 - 0.5 for f in line):
        return "R"
    if all(f.x1 <= g0 + 0.5 or f.x0 >= g1 - 0.5 for f in line):
        return "B"
    return None


def _prose(texts: list[str], widths: list[float]) -> bool:
    """A column of running text: 3+ lines of 6+ words, and most lines (60%) as wide as the widest
    within 20% (wrapped text fills its column; a list of names does not)."""
    if len(widths) < 3:
        return False
    wide = max(widths)
    full = sum(w >= 0.8 * wide for w in widths)
    return sum(len(t.split()) >= 6 for t in texts) >= 3 and full >= 0.6 * len(widths)


class _Window:
    """The free spans shared by a window of lines that moves down the page: a queue of two stacks whose
    entries each hold a line's spans and what they share with the entries under them, so that each
    line is intersected in and out once, not once for every start of a run (a long table made that
    quadratic)."""

    def __init__(self, min_w: float):
        self.min_w = min_w
        self.begin = self.end = 0
        self.front: list[tuple[list, list]] = []     # the oldest line last
        self.back: list[tuple[list, list]] = []      # the newest line last

    def push(self, spans: list) -> None:
        shared = _intersect(self.back[-1][1], spans, self.min_w) if self.back else spans
        self.back.append((spans, shared))
        self.end += 1

    def _pop(self) -> None:
        if not self.front:
            for spans, _ in reversed(self.back):
                shared = _intersect(spans, self.front[-1][1], self.min_w) if self.front else spans
                self.front.append((spans, shared))
            self.back = []
        self.front.pop()
        self.begin += 1

    def start_at(self, i: int, frees: list) -> None:
        """Make the window start at line i (a line at least: line i itself)."""
        if i >= self.end:
            self.front, self.back = [], []
            self.begin = self.end = i
            self.push(frees[i])
            return
        while self.begin < i:
            self._pop()

    def shared(self) -> list:
        if self.front and self.back:
            return _intersect(self.front[-1][1], self.back[-1][1], self.min_w)
        return self.front[-1][1] if self.front else self.back[-1][1] if self.back else []


def split_columns(lines: list[list[Frag]], texts: dict, size: float) -> list[list[list[Frag]]]:
    """Rule 4: a run of 4+ lines that keeps clear of one vertical gutter, with text on both sides,
    and one side prose or one column ending while the other goes on (a letterhead or sidebar drawn
    line by line across the page together with the letter), is read column by column. Returns
    groups of lines; each group is one block."""
    if len(lines) < 4:
        return [lines]
    left = min(f.x0 for ln in lines for f in ln)
    right = max(f.x1 for ln in lines for f in ln)
    min_w = GUTTER_EM * size
    out: list[list[list[Frag]]] = []
    i = 0
    plain: list[list[Frag]] = []
    frees = [_free(ln, left, right, min_w) for ln in lines]
    failed = None      # (end, gutters) of the last start that found nothing
    window = _Window(min_w)   # the free spans that lines[i:j] share, kept as i and j move on
    while i < len(lines):
        # the longest run from line i whose lines keep one gutter free (it only grows as i moves on)
        window.start_at(i, frees)
        j, found = window.end, None
        free = window.shared()
        while j < len(lines) and free:
            nxt = _intersect(free, frees[j], min_w)
            if not nxt:
                break
            window.push(frees[j])
            free, j = nxt, j + 1
        # the same run less its first line, with the same gutters, has less evidence: it fails too
        if j - i >= 4 and failed != (j, free):
            for g0, g1 in free:
                if g0 <= left + 1 or g1 >= right - 1:
                    continue
                sides = [_side(ln, g0, g1) for ln in lines[i:j]]
                lhs = [texts[id(f)] for ln in lines[i:j] for f in ln if f.x1 <= g0 + 0.5]
                rhs = [texts[id(f)] for ln in lines[i:j] for f in ln if f.x0 >= g1 - 0.5]
                mixed = sum(s in ("L", "B") for s in sides) >= 2 and sum(s in ("R", "B") for s in sides) >= 2
                lw = [f.x1 - f.x0 for ln in lines[i:j] for f in ln if f.x1 <= g0 + 0.5]
                rw = [f.x1 - f.x0 for ln in lines[i:j] for f in ln if f.x0 >= g1 - 0.5]
                lp, rp = _prose(lhs, lw), _prose(rhs, rw)
                last_l = max((k for k, sd in enumerate(sides) if sd in ("L", "B")), default=-1)
                last_r = max((k for k, sd in enumerate(sides) if sd in ("R", "B")), default=-1)
                early = abs(last_l - last_r) >= 5     # one column ends, the other goes on alone
                if mixed and (lp or rp or early):
                    # the run ends with the last line of the main column (a footer below is not the column)
                    pside = ("L" if lp else "R") if (lp or rp) else ("L" if last_l > last_r else "R")
                    end = j
                    while end > i and sides[end - i - 1] not in (pside, "B"):
                        end -= 1
                    found = (end, g0, g1)
                    break
        if not found:
            failed = (j, free)
            plain.append(lines[i])
            i += 1
            continue
        failed = None
        j, g0, g1 = found
        # the run's first lines on one side only, before the other side begins, are read in stream
        # order anyway: they stay with the text above (a paragraph's last line above a list in two
        # columns is not a column of its own); what is left of the run, on one side only, is one block
        sides = [_side(ln, g0, g1) for ln in lines[i:j]]
        lead = next((k for k, sd in enumerate(sides) if sd != sides[0]), len(sides)) if sides[0] != "B" else 0
        rest = sides[lead:]
        plain.extend(lines[i:i + lead])
        i += lead
        if lead and (len(rest) < 4 or sum(s in ("L", "B") for s in rest) < 2 or sum(s in ("R", "B") for s in rest) < 2):
            out.append(plain)
            plain = []
            if i < j:
                out.append(lines[i:j])
            i = j
            continue
        if plain:
            out.append(plain)
            plain = []
        lcol = [[f for f in ln if f.x1 <= g0 + 0.5] for ln in lines[i:j]]
        rcol = [[f for f in ln if f.x0 >= g1 - 0.5] for ln in lines[i:j]]
        out.append([ln for ln in lcol if ln])
        out.append([ln for ln in rcol if ln])
        i = j
    if plain:
        out.append(plain)
    return out
