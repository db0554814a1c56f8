"""PDF with a text layer -> lines per page, read with pypdfium2 (PDFium; Apache-2.0/BSD-3-Clause).

PDFium gives each character, in content-stream order, and its box. The order in which the
authoring program wrote the text (Word, LibreOffice, Google Docs: paragraph after paragraph, a text
box or a column as a whole, a table cell after cell) is kept as the reading order; geometry only
splits, joins and corrects it. The rules, each general (none knows a particular letter):

0. Running headers, footers and page numbers go first, by position: a fragment (rule 1) in the
   top or bottom 9% of its page whose text, digits aside, recurs there on half the pages or more
   (2+), or that is only a page number ("3", "- 3 -", "Page 3 of 5"), is dropped.
1. Characters join a *fragment* while they sit on the same line (vertical centre inside the
   fragment's box), follow each other left to right, and the gap is under GAP_EM ems. A larger gap
   (a table column, a tab stop, a column gutter) starts a new fragment. PDFium's U+FFFE (a hyphen
   at a line end) is a hyphen.
2. Superscripts (a character under SUP_RATIO of its fragment's size and raised above its middle,
   i.e. by font size) that are digits or marks glued to a word (touching it, whatever space the text
   layer reports between them) are footnote references: dropped and counted. A superscript that
   starts a line is the footnote's own number: kept, then a space.
3. Fragments that follow each other in the stream on the same line (boxes overlapping vertically),
   left to right, make one *line*; cells of a table row become one line, separated by TAB, except a
   list marker or a bare number just before its text ("1)  CO2", "42  BluBot"), joined by a space.
   A table is therefore read row by row, and goes on across a page break like any other text.
   3b. A line of a justified paragraph whose spaces were stretched past GAP_EM (fragments under 3 ems
   apart, evenly, spanning the width of a neighbouring line of running text) is one line of words.
4. Columns drawn line by line across the page (a letterhead column and the letter written as one
   row after another): a run of 4+ lines that keeps clear of one vertical gutter, with text on both
   sides, where one side is prose (3+ lines of 6+ words, most as wide as the widest) or one side
   ends while the other goes on, is read column by column. A table (short cells, rows aligned,
   columns ending together) is not split. The run's first lines on one side only, before the other
   side begins (a paragraph's last line above a list in two columns), stay with the text above.
5. A vertical gap clearly larger (by 0.45 em) than the page's usual line gap (its lower quartile)
   ends a paragraph (a blank line). Table rows (set smaller, often, with the text's leading) have
   their own usual gap.
6. A line right below a list item ("1)", "2.", "•", "42 ") that does not start with a marker
   continues that item, and is joined to it, when it starts where the item's text starts (a hanging
   indent), or when the item stops mid-sentence (it ends in a lower-case word, a comma, a hyphen or
   an open bracket, or the line starts in lower case) and the line's first word would not have
   fitted at the end of the item's line - items wrapped back to the margin.
7. A paragraph's lines wrapped by the layout are one line again, as the writer typed them: the
   next line continues this one when its first word would not have fitted in the room left at the
   end of this line (in a column of running text, 20 ems wide or more, the next line starting at
   the column's left edge or under this one; table rows and list items excepted). A line that ends
   early (an address, a name in a list, a salutation) ended because the writer ended it. A line set in
   another size of type (by more than 15%: a heading, a footnote) never continues the line before.
8. The lines that end a page set in smaller type than its text, the first starting with a note's
   number ("1 See the report …"), are its footnotes: they stay at the end of the page, and the
   paragraph they interrupt goes on across the page break as if they were not there (rule 7).
Then, for the whole document (readers.base): lone page numbers at a page's top or bottom line are
dropped, and words hyphenated at line ends are rejoined (across page breaks too)."""

from __future__ import annotations

import ctypes
import re
import statistics
import struct
import time

import pypdfium2 as pdfium
import pypdfium2.raw as c

from . import preview
from .base import (
    _PAGE_NUMBER,
    MAX_BYTES,
    MAX_CHARS,
    MAX_PAGES,
    Document,
    ReaderError,
    ScanError,
    drop_running_lines,
    iso_date,
    join_hyphenated,
    join_wrapped,
    squeeze_blank,
)

GAP_EM = 1.2          # a gap wider than this many ems between characters starts a new fragment
SPACE_EM = 0.15       # a gap wider than this (and no space character) is a space between words
SUP_RATIO = 0.8       # a character this much smaller than its fragment, and raised, is a superscript
GUTTER_EM = 1.0       # the narrowest gutter between two columns
MAX_PAGE_CHARS = 200_000
TIME_LIMIT = 8.0      # seconds for one document, then it is refused
THIN_CHARS = 200      # a page with fewer characters than this ...
THIN_AREA = 0.02      # ... or whose text boxes cover under 2% of it (a stamp line covers ~0.5%) ...
SCAN_IMAGE = 0.6      # ... over images covering 60% of it or more is a scan: read by OCR
MARKERS = set("0123456789*†‡§¶,¹²³⁴⁵⁶⁷⁸⁹⁰ivx")
LIST_MARKER = re.compile(r"^(?:[•●○◦▪■□‣∙·\-–—*]|\(?(?:\d{1,3}|[a-zA-Z]|[ivxIVX]{1,4})[.)]|\d{1,3}\.\d{0,2})$")

SCAN_HINT = ("run `make ocr` (installs Debian's tesseract) and build again, or put the letter's text beside "
             "it as {stem}.txt (copy it from the original document; the PDF stays the published original)")


class _TooMuchText(ValueError):
    """A page with more characters than any letter's page (a limit, not a broken page)."""


class _Frag:
    __slots__ = ("chars", "x0", "x1", "top", "bottom", "size")

    def __init__(self, ch):
        self.chars = [ch]
        _, self.x0, self.x1, self.top, self.bottom, _sp = ch
        self.size = self.bottom - self.top

    def add(self, ch):
        self.chars.append(ch)
        _, x0, x1, t, b, _sp = ch
        s = b - t
        if s > self.size * 1.05:       # a bigger character after a superscript start: it sets the line
            self.size, self.top, self.bottom = s, t, b
        self.x1 = max(self.x1, x1)
        self.x0 = min(self.x0, x0)

    @property
    def mid(self):
        return (self.top + self.bottom) / 2


_MAY_BE_NOTE = re.compile(r"[\d*†‡§¶¹²³⁴⁵⁶⁷⁸⁹⁰]")   # what a footnote mark starts with


def _frag_text(f: _Frag, notes: list[int]) -> str:
    chars = f.chars
    if not _MAY_BE_NOTE.search("".join([ch[0] for ch in chars])):   # no footnote mark can be in it
        return "".join([" " + ch[0] if ch[5] else ch[0] for ch in chars]).strip()
    out: list[str] = []
    prev_sup = False
    prev_x1 = None
    for ch, x0, x1, t, b, space in f.chars:
        s = b - t
        sup = s < SUP_RATIO * f.size and (t + b) / 2 < f.mid - 0.08 * f.size
        # a space PDFium reports before a mark that touches the character before it is none
        touching, prev_x1 = prev_x1 is not None and x0 - prev_x1 < 0.1 * f.size, x1
        if sup and ch in MARKERS and (ch.isdigit() or ch in "*†‡§¶¹²³⁴⁵⁶⁷⁸⁹⁰" or prev_sup):
            if out and (not space or touching) and (not prev_sup or out[-1] != " "):
                prev_sup = True          # glued to the word before: a footnote reference
                notes[0] += 1
                continue
            if prev_sup and out and out[-1] != " ":
                out.append(ch)
                continue
            if space and out:
                out.append(" ")
            out.append(ch)           # starts the line: a footnote's own number
            prev_sup = True
            continue
        if prev_sup and out and out[-1] != " " and not out[-1].isalpha() or space and out:
            out.append(" ")
        prev_sup = False
        out.append(ch)
    return "".join(out).strip()


# FPDFText_GetLooseCharBox called through a prototype of plain addresses: it runs for every character,
# and converting its typed pointer arguments took a third of its time.
_LOOSE_CHAR_BOX = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_int, ctypes.c_void_p)(
    ctypes.cast(c.FPDFText_GetLooseCharBox, ctypes.c_void_p).value)
_FOUR_FLOATS = struct.Struct("4f")


def _page_chars(textpage, height: float) -> list[tuple]:
    """(char, x0, x1, top, bottom, space_before) in PDFium's order, top-down coordinates."""
    tp = textpage.raw
    n = c.FPDFText_CountChars(tp)
    if n > MAX_PAGE_CHARS:
        raise _TooMuchText(f"{n} characters on one page")
    text = textpage.get_text_range(0, n) if n else ""
    if len(text) != n:
        text = "".join(chr(c.FPDFText_GetUnicode(tp, i) or 32) for i in range(n))
    box = (ctypes.c_float * 4)()                 # FS_RECTF: left, top, right, bottom
    get, page_address, box_address = _LOOSE_CHAR_BOX, ctypes.cast(tp, ctypes.c_void_p).value, ctypes.addressof(box)
    unpack, raw_box = _FOUR_FLOATS.unpack_from, memoryview(box).cast("B")   # read at C speed
    out = []
    append = out.append
    space = False
    for i, ch in enumerate(text):
        if ch <= " " or ch in "\u00a0\u2000\u2001\u2002\u2003\u2009\u200a\u202f\u3000":
            space = True
            continue
        if ch == "\ufffe" or ch == "\u00ad":   # PDFium marks a hyphen at a line end as U+FFFE
            ch = "-"
        get(page_address, i, box_address)
        left, rtop, right, rbottom = unpack(raw_box)
        top = height - rtop
        bottom = height - rbottom
        h = bottom - top
        if h < 0.5 or right - left > 40 * h:
            continue
        append((ch, left, right, top, bottom, space))
        space = False
    return out


def _fragments(chars: list[tuple]) -> list[_Frag]:
    """Rule 1 (and the spaces between words). (The fragment being built is kept in local variables:
    this runs for every character.)"""
    frags: list[_Frag] = []
    cur = None
    cchars: list = []
    cx0 = cx1 = ctop = cbottom = size = 0.0
    for ch in chars:
        c0, x0, x1, t, b, space = ch
        if cur is not None:
            m = (t + b) * 0.5
            gap = x0 - cx1
            if ctop - 0.1 * size <= m <= cbottom + 0.1 * size and -0.3 * size <= gap < GAP_EM * size:
                h = b - t
                if not space and gap > SPACE_EM * (size if size < h else h):
                    ch = (c0, x0, x1, t, b, True)
                cchars.append(ch)
                if h > size * 1.05:        # a bigger character after a superscript start sets the line
                    size, ctop, cbottom = h, t, b
                if x1 > cx1:
                    cx1 = x1
                if x0 < cx0:
                    cx0 = x0
                continue
            cur.x0, cur.x1, cur.top, cur.bottom, cur.size = cx0, cx1, ctop, cbottom, size
        cur = _Frag((c0, x0, x1, t, b, False))
        frags.append(cur)
        cchars, cx0, cx1, ctop, cbottom, size = cur.chars, x0, x1, t, b, b - t
    if cur is not None:
        cur.x0, cur.x1, cur.top, cur.bottom, cur.size = cx0, cx1, ctop, cbottom, size
    return frags


def _free(row: list[_Frag], left: float, right: float, min_w: float) -> list[tuple[float, float]]:
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


def _row_text(frags: list[_Frag], texts: dict) -> str:
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


def _starts_with_marker(text: str) -> bool:
    first = text.split(" ", 1)[0]
    return bool(LIST_MARKER.match(first) or re.fullmatch(r"\d{1,4}", first))


def _mid_sentence(line: str) -> bool:
    """The line stops inside a sentence: it ends in a lower-case word, a comma, a hyphen, an open
    bracket, an ampersand or a slash."""
    words = line.split()
    if not words:
        return False
    last = words[-1]
    return last[-1] in ",;(–-&/+" or (last[:1].islower() and last[-1].isalpha())


def _body_x(line: list[_Frag], texts: dict) -> float | None:
    """Where the text after a leading list marker or number starts (None: the line has none)."""
    first = line[0]
    if not _starts_with_marker(texts[id(first)]):
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


def _stream_lines(frags: list[_Frag]) -> list[list[_Frag]]:
    """Rule 3: fragments that follow each other in the content stream on the same line, left to
    right, are one line; anything else starts a new one."""
    lines: list[list[_Frag]] = []
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


def _merge_justified(lines: list[list[_Frag]], texts: dict) -> None:
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
        texts[id(first)] = _frag_text(first, [0, 0])
        del ln[1:]


def _side(line: list[_Frag], g0: float, g1: float) -> str | None:
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


def _split_columns(lines: list[list[_Frag]], texts: dict, size: float) -> list[list[list[_Frag]]]:
    """Rule 4: a run of 4+ lines that keeps clear of one vertical gutter, with text on both sides,
    and one side prose or one column ending while the other goes on (a letterhead or sidebar drawn
    line by line across the page together with the letter), is read column by column. Returns
    groups of lines; each group is one block."""
    if len(lines) < 4:
        return [lines]
    left = min(f.x0 for ln in lines for f in ln)
    right = max(f.x1 for ln in lines for f in ln)
    min_w = GUTTER_EM * size
    out: list[list[list[_Frag]]] = []
    i = 0
    plain: list[list[_Frag]] = []
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


def _usual_gap(gaps: list[float]) -> float | None:
    """The usual gap between two lines: the lower quartile (most lines are inside a paragraph)."""
    if not gaps:
        return None
    return statistics.quantiles(gaps, n=4)[0] if len(gaps) >= 2 else gaps[0]


def _first_word_width(frag: _Frag) -> float:
    """The width of a line's first word (up to its first space)."""
    end = frag.chars[0][2]
    for k, ch in enumerate(frag.chars):
        if k and ch[5]:
            break
        end = ch[2]
    return end - frag.x0


def _fills_line(line: tuple, nxt: tuple, edge: tuple[float, float], size: float) -> bool:
    """The next line's first word would not have fitted in the room left at the end of this one, in a
    column of running text (20 ems wide or more), the next line starting at the column's left edge
    or under this one."""
    left, right = edge
    if nxt[7] != line[7] or right - left < 20 * size:
        return False
    if abs(nxt[3] - left) > size and abs(nxt[3] - line[3]) > size:
        return False
    return right - line[5] < nxt[6] + 0.6 * size


def _running_paragraphs(items: list, starts: list[bool], full: list[bool]) -> list[bool]:
    """For each line: is its paragraph running text, i.e. are most of its lines but the last full?
    (A list whose lines end early, one entry a line, is not.)"""
    out = [False] * len(items)
    k = 0
    while k < len(items):
        end = k + 1
        while end < len(items) and items[end] is not None and not starts[end]:
            end += 1
        inner = full[k: end - 1]
        flag = bool(inner) and sum(inner) > len(inner) / 2
        out[k:end] = [flag] * (end - k)
        k = end
    return out


def _same_type(line: tuple, nxt: tuple) -> bool:
    """Two lines set in the same size of type (within 15%): a heading set larger, or a footnote set
    smaller, is not the next line of the paragraph before it."""
    a, b = line[8], nxt[8]
    return abs(a - b) <= 0.15 * max(a, b)


def _soft_wrap(cur: tuple, prev_text: str, running: bool) -> bool:
    """Rule 7, given that the line before is full (_fills_line): the break was made by the layout, not
    the writer, when the sentence visibly goes on (the line before ends mid-sentence, or this one
    starts in lower case) or the paragraph is running text. So a list whose entry happens to fill the
    line is not joined to the next entry. Table rows and list items never are."""
    text = cur[2]
    if "\t" in text or "\t" in prev_text or _starts_with_marker(text):
        return False
    return running or _mid_sentence(prev_text) or text[:1].islower()


def _layout(frags: list[_Frag], notes: list[int], edge: dict) -> list[str]:
    """Rules 3-7 on one page's fragments (in content-stream order). `edge` receives the page's first
    and last line, for rule 7 across the page break."""
    if not frags:
        return []
    size = statistics.median(f.size for f in frags)
    texts = {id(f): _frag_text(f, notes) for f in frags}
    frags = [f for f in frags if texts[id(f)]]
    if not frags:
        return []
    stream = _stream_lines(frags)
    _merge_justified(stream, texts)
    blocks = _split_columns(stream, texts, size)
    items: list = []
    edges: list[tuple[float, float]] = []      # each block's left and right edge
    for b, block in enumerate(blocks):
        if items:
            items.append(None)
        edges.append((min(f.x0 for ln in block for f in ln), max(f.x1 for ln in block for f in ln)))
        for ln in block:
            items.append((min(f.top for f in ln), max(f.bottom for f in ln), _row_text(ln, texts),
                          ln[0].x0, _body_x(ln, texts), max(f.x1 for f in ln), _first_word_width(ln[0]), b,
                          max(f.size for f in ln)))
    # rule 5's usual line gap, for running text and for table rows apart (a table is often set smaller)
    pairs = [(a, b) for a, b in zip(items, items[1:], strict=False) if a and b and b[0] > a[1] - 1]
    bases = {kind: _usual_gap([b[0] - a[1] for a, b in pairs if (("\t" in a[2]) and ("\t" in b[2])) == kind])
             for kind in (False, True)}
    # (no pair of lines one under the other - text set vertically, a character a line - has no usual gap)
    overall = _usual_gap([b[0] - a[1] for a, b in pairs]) or 0.0
    # paragraphs (rule 5), and which lines are full: the next line's first word would not have fitted
    starts, prev = [], None
    for it in items:
        if it is not None:
            base = bases["\t" in it[2] and prev is not None and "\t" in prev[2]]
            base = overall if base is None else base
            starts.append(prev is None or it[0] - prev[1] > base + 0.45 * size or it[0] < prev[0] - 2 * size)
        else:
            starts.append(True)
        prev = it
    full = [it is not None and k + 1 < len(items) and items[k + 1] is not None and not starts[k + 1]
            and _fills_line(it, items[k + 1], edges[it[7]], size) for k, it in enumerate(items)]
    running = _running_paragraphs(items, starts, full)
    foot = _footnotes_start(items, size)          # rule 8: the page's footnotes, kept for after the text
    if foot is not None:
        starts[foot] = True
    body_end, body_tail = None, None
    lines: list[str] = []
    prev = None
    for k, it in enumerate(items):
        if k == foot:
            body_end, body_tail = len(lines), prev
        if it is None:
            lines.append("")
            prev = None
            continue
        top, bottom, text, x0, body_x, x1, word, block, _ = it
        if starts[k]:
            if prev is not None:
                lines.append("")
        elif (prev[4] is not None and "\t" not in text and "\t" not in lines[-1]
              and not _starts_with_marker(text)
              and ((abs(x0 - prev[4]) < 0.6 * size and x0 > prev[3] + 0.5 * size)
                   or ((_mid_sentence(lines[-1]) or text[:1].islower()) and full[k - 1]))):
            joined = join_wrapped(lines[-1], text)      # rule 6: a list item's continuation
            notes[1] += joined != f"{lines[-1].rstrip()} {text.lstrip()}"
            lines[-1] = joined
            prev = (top, bottom, lines[-1], prev[3], prev[4], x1, prev[6], block, prev[8])
            continue
        elif full[k - 1] and _same_type(prev, it) and _soft_wrap(it, lines[-1], running[k]):
            joined = join_wrapped(lines[-1], text)      # rule 7: a paragraph's line wrapped by the layout
            notes[1] += joined != f"{lines[-1].rstrip()} {text.lstrip()}"
            lines[-1] = joined
            prev = (top, bottom, lines[-1], prev[3], prev[4], x1, prev[6], block, prev[8])
            continue
        lines.append(text)
        prev = it
    head = next(it for it in items if it)
    last = len(items) - 1 if foot is None else max(k for k in range(foot) if items[k] is not None)
    tail = prev if foot is None else body_tail
    edge.update(size=size, head=head, head_edge=edges[head[7]], tail=tail, tail_edge=edges[tail[7]] if tail else None,
                running=running[last] if items[last] is not None and not starts[last] else False,
                notes=squeeze_blank(lines[body_end:]) if foot is not None else [])
    return squeeze_blank(lines[:body_end] if foot is not None else lines)


FOOTNOTE_NUMBER = re.compile(r"^(?:\d{1,3}|[*†‡§]{1,3})\s+\S")


def _footnotes_start(items: list, size: float) -> int | None:
    """Rule 8: the lines that end a page set in smaller type than its text (under 95% of it), the first
    starting with a note's number or mark, below some text of the page: its footnotes. Where they
    start (an index in `items`), or None."""
    start = None
    for k in range(len(items) - 1, -1, -1):
        it = items[k]
        if it is None:
            continue
        if it[8] >= 0.95 * size:
            break
        start = k
    if start is None or not any(items[:start]) or not FOOTNOTE_NUMBER.match(items[start][2]):
        return None
    return start


def _join_across_pages(pages: list[list[str]], page_edges: list[dict], notes: list[int]) -> None:
    """Rule 7 across a page break: a paragraph's last line on one page, wrapped by the layout, goes on
    with the first line of the next page (which then joins it), in place."""
    for p in range(1, len(pages)):
        before, after = page_edges[p - 1], page_edges[p]
        if not (pages[p - 1] and pages[p] and before.get("tail") and after.get("head")):
            continue
        tail, head = before["tail"], after["head"]
        left = after["head_edge"][0]
        # the next page's first line as if it stood under the last one, at the same column edge
        cur = head[:3] + (left + head[3] - left, head[4], head[5], head[6], tail[7], head[8])
        if abs(head[3] - left) > after["size"]:
            continue
        if _fills_line(tail, cur, before["tail_edge"], before["size"]) and _same_type(tail, cur) and \
                _soft_wrap(cur, pages[p - 1][-1], before["running"]):
            joined = join_wrapped(pages[p - 1][-1], pages[p][0])
            notes[1] += joined != f"{pages[p - 1][-1].rstrip()} {pages[p][0].lstrip()}"
            pages[p - 1][-1] = joined
            pages[p].pop(0)


def _drop_running_fragments(page_frags, notes) -> list[str]:
    """Running headers/footers by position, before the layout (so a column cannot swallow them):
    a fragment in the top or bottom 9% of its page whose text (digits aside) recurs there on half
    the pages or more (2+), or that is only a page number, is dropped, in place."""
    def zone(f, h):
        return f.bottom < 0.09 * h or f.top > 0.91 * h

    seen: dict[str, int] = {}
    shapes = []
    for h, frags in page_frags:
        sh = {}
        for f in frags:
            if zone(f, h):
                sh[id(f)] = re.sub(r"\d+", "#", _frag_text(f, [0]).strip().lower())
        shapes.append(sh)
        for v in set(sh.values()):
            seen[v] = seen.get(v, 0) + 1
    need = max(2, (len(page_frags) + 1) // 2)
    dropped = []
    for (_h, frags), sh in zip(page_frags, shapes, strict=True):
        keep = []
        for f in frags:
            v = sh.get(id(f))
            if v is not None and ((len(page_frags) >= 2 and seen[v] >= need) or _PAGE_NUMBER.match(v)):
                dropped.append(_frag_text(f, [0]))
            else:
                keep.append(f)
        frags[:] = keep
    return dropped


def _why(exc: BaseException) -> str:
    """Why a page broke the reader, in one short phrase for the report."""
    if isinstance(exc, pdfium.PdfiumError):
        return f"the page is damaged: {str(exc).rstrip('.')[:120]}"
    return f"the reader failed on it: {type(exc).__name__}: {str(exc)[:120]}"


def _image_share(page) -> float:
    """The share of the page that images cover (their boxes, clipped to the page; images inside form
    XObjects too, placed by the forms' matrices; overlaps counted twice, the sum capped at 1)."""
    left, bottom, right, top = page.get_bbox()
    area = (right - left) * (top - bottom)
    if area <= 0:
        return 0.0
    box = [ctypes.c_float() for _ in range(4)]
    covered = 0.0

    def walk(count: int, get, matrix: tuple, depth: int) -> None:
        nonlocal covered
        a, b, cc, d, e, f = matrix
        for i in range(min(count, 5000)):
            obj = get(i)
            kind = c.FPDFPageObj_GetType(obj)
            if kind == c.FPDF_PAGEOBJ_IMAGE and c.FPDFPageObj_GetBounds(obj, *box):
                x0, y0, x1, y1 = (v.value for v in box)
                xs = [a * x + cc * y + e for x in (x0, x1) for y in (y0, y1)]
                ys = [b * x + d * y + f for x in (x0, x1) for y in (y0, y1)]
                w = min(max(xs), right) - max(min(xs), left)
                h = min(max(ys), top) - max(min(ys), bottom)
                if w > 0 and h > 0:
                    covered += w * h
            elif kind == c.FPDF_PAGEOBJ_FORM and depth < 4:
                m = c.FS_MATRIX()
                if c.FPDFPageObj_GetMatrix(obj, m):     # the form's space -> its container's
                    inner = (a * m.a + cc * m.b, b * m.a + d * m.b, a * m.c + cc * m.d, b * m.c + d * m.d,
                             a * m.e + cc * m.f + e, b * m.e + d * m.f + f)
                    walk(c.FPDFFormObj_CountObjects(obj), lambda k, o=obj: c.FPDFFormObj_GetObject(o, k),
                         inner, depth + 1)

    walk(c.FPDFPage_CountObjects(page.raw), lambda k: c.FPDFPage_GetObject(page.raw, k), (1, 0, 0, 1, 0, 0), 0)
    return min(1.0, covered / area)


def _read_page(pdf, p: int) -> tuple[float, list[_Frag], int, bool]:
    """One page: its height, its fragments (rule 1), how many characters, and whether it is a scan to
    read by OCR: its text layer is thin (under THIN_CHARS characters, or text boxes covering under
    THIN_AREA of the page: a stamp, a scanner app's line) over images covering SCAN_IMAGE of it or
    more. (Images are looked at only on a thin page: a page of text costs nothing more.)"""
    page = pdf[p]
    width, height = page.get_width(), page.get_height()
    chars = _page_chars(page.get_textpage(), height)
    frags = _fragments(chars)
    scan = False
    if len(chars) < THIN_CHARS or \
            sum((f.x1 - f.x0) * (f.bottom - f.top) for f in frags) < THIN_AREA * width * height:
        scan = _image_share(page) >= SCAN_IMAGE
    return height, frags, len(chars), scan


def _meta(pdf, key: str) -> str:
    try:
        return (pdf.get_metadata_value(key) or "").strip()
    except Exception:      # a broken Info dictionary is no reason to refuse the letter
        return ""


def read(raw: bytes, file: str) -> Document:
    """A PDF's text layer as lines per page, with metadata and warnings; ReaderError when it cannot
    be read (no PDF, damaged, encrypted, too many pages, no text layer)."""
    started = time.perf_counter()
    stem = file.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    if len(raw) > MAX_BYTES:
        raise ReaderError(file, None, f"the PDF is {len(raw) / 1e6:.0f} MB; a letter may be at most "
                          f"{MAX_BYTES / 1e6:.0f} MB", "save it again with smaller images (Reduce File Size)")
    if b"%PDF-" not in raw[:1024]:
        raise ReaderError(file, None, "this is not a PDF (it does not start with %PDF-)",
                          "check that the file was downloaded completely, or give it its real extension")
    problems: list[str] = []
    try:
        pdf = pdfium.PdfDocument(raw)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code == c.FPDF_ERR_PASSWORD:
            raise ReaderError(file, None, "this PDF is encrypted with a password, so its text cannot be read",
                              "open it with the password and save a copy without one (Print > Save as PDF), "
                              "or put the letter's text beside it as " + stem + ".txt") from None
        if code == c.FPDF_ERR_SECURITY:
            raise ReaderError(file, None, "this PDF uses an encryption method that cannot be read",
                              "save a copy without encryption (Print > Save as PDF)") from None
        raise ReaderError(file, None, "this PDF is damaged or truncated and cannot be opened "
                          f"({str(exc).rstrip('.')})",
                          "download it again, or open it in a PDF viewer and save a copy") from None
    try:
        n = len(pdf)
        if n > MAX_PAGES:
            raise ReaderError(file, None, f"this PDF has {n} pages; a letter may have at most {MAX_PAGES}",
                              "split off the letter's own pages (with its signatures) and add only those")
        if c.FPDF_GetSecurityHandlerRevision(pdf.raw) >= 0:
            problems.append("the PDF is encrypted without a password to open it (owner password only): read anyway")
        if c.FPDFDoc_GetJavaScriptActionCount(pdf.raw) > 0 or b"/JavaScript" in raw or \
                (b"/JS" in raw and re.search(rb"/JS[\s(<\[/]", raw)):
            problems.append("the PDF contains JavaScript: ignored (never run)")
        if c.FPDFDoc_GetAttachmentCount(pdf.raw) > 0 or b"/EmbeddedFile" in raw:
            problems.append("the PDF has embedded (attached) files: ignored, only its text is read")
        if (b"/Launch" in raw or b"/SubmitForm" in raw or b"/ImportData" in raw) and \
                re.search(rb"/(?:Launch|SubmitForm|ImportData)\b", raw):
            problems.append("the PDF contains actions that open programs or send data: ignored")
        metadata = {
            "title": _meta(pdf, "Title") or None,
            "author": _meta(pdf, "Author") or None,
            "created": iso_date(_meta(pdf, "CreationDate")),
            "modified": iso_date(_meta(pdf, "ModDate")),
            "producer": " / ".join(x for x in (_meta(pdf, "Creator"), _meta(pdf, "Producer")) if x) or None,
            "pages": n,
        }
        page_frags: list[tuple[float, list[_Frag]]] = []
        empty: list[int] = []
        scanned: list[int] = []      # pages to read by OCR: a little text over a large image
        broken: list[tuple[int, str]] = []   # pages that broke the reader: (page, why), left out
        total = 0
        notes = [0, 0]   # footnote marks dropped, hyphenated words rejoined inside list items
        for p in range(n):
            if time.perf_counter() - started > TIME_LIMIT:
                raise ReaderError(file, p + 1, f"reading this PDF took more than {TIME_LIMIT:.0f} s "
                                  "(it is unusually complex)", "print it to a new PDF and add that one")
            try:
                height, frags, count, scan = _read_page(pdf, p)
            except _TooMuchText as exc:
                raise ReaderError(file, p + 1, f"this page holds too much text ({exc})",
                                  "this is not a letter's page; remove it") from None
            except MemoryError:
                raise
            except Exception as exc:     # a page that breaks the reader costs that page, never the file
                broken.append((p + 1, _why(exc)))
                page_frags.append((0.0, []))
                continue
            total += count
            if total > MAX_CHARS:
                raise ReaderError(file, p + 1, f"the PDF holds more than {MAX_CHARS:,} characters of text",
                                  "split off the letter's own pages and add only those")
            if scan:
                scanned.append(p + 1)
            elif count < 10:
                empty.append(p + 1)
            page_frags.append((height, frags))
        if broken and len(broken) == n:
            raise ReaderError(file, broken[0][0], "no page of this PDF could be read ("
                              + "; ".join(f"page {k}: {why}" for k, why in broken[:3]) + ")",
                              "open it in a PDF viewer and save a copy (Print > Save as PDF), then add that one")
        metadata["preview"] = preview.first_page(pdf) if total >= 20 * n else None   # (a scan: OCR's)
    finally:
        pdf.close()
    running = _drop_running_fragments(page_frags, notes)
    page_edges: list[dict] = [{} for _ in page_frags]
    pages: list[list[str]] = []
    for p, ((_, frags), edge) in enumerate(zip(page_frags, page_edges, strict=True), start=1):
        try:
            pages.append(_layout(frags, notes, edge))
        except MemoryError:
            raise
        except Exception as exc:     # the page's text is lost, not the file's
            broken.append((p, _why(exc)))
            edge.clear()
            pages.append([])
    broken.sort()
    _join_across_pages(pages, page_edges, notes)
    for page, edge in zip(pages, page_edges, strict=True):   # footnotes after the page's text (rule 8)
        if edge.get("notes"):
            page += ([""] if page else []) + edge["notes"]
    if total < 20 * n:
        raise ScanError(file, None, f"this PDF has no text layer (a scan: {total} characters of text on "
                          f"{n} page{'s' if n != 1 else ''})", SCAN_HINT.format(stem=stem))
    odd = sum(1 for page in pages for line in page for ch in line
              if ch == "\ufffd" or "\ue000" <= ch <= "\uf8ff")
    if odd > 0.3 * total:
        raise ScanError(file, None, "this PDF's text layer cannot be decoded (its fonts carry no character "
                          "map: the text comes out as symbols)", SCAN_HINT.format(stem=stem))
    for p, why in broken:
        problems.append(f"page {p} could not be read ({why}): left out, the other pages are read")
    if empty and len(empty) < n:
        problems.append(f"page{'s' if len(empty) > 1 else ''} {', '.join(map(str, empty))} "
                        "ha{} no text (an image or a scan): not read".format("ve" if len(empty) > 1 else "s"))
    if notes[0]:
        problems.append(f"{notes[0]} footnote reference mark{'s' if notes[0] > 1 else ''} (superscripts) dropped")
    dropped = running + drop_running_lines(pages, repeat=False)   # repeats: by position above
    if dropped:
        shown = "; ".join(sorted(set(dropped))[:5])
        problems.append(f"{len(dropped)} running header/footer/page-number line(s) dropped ({shown})")
    joined = join_hyphenated(pages) + notes[1]
    if joined:
        problems.append(f"{joined} word(s) hyphenated at a line end rejoined")
    pages = [squeeze_blank(page) for page in pages]
    if scanned:
        metadata["ocr_pages"] = scanned     # read by OCR (readers.ocr.fill), or named as needing it
    return Document(pages=pages, metadata=metadata, problems=problems)
