"""The PDF reader's characters and fragments (rules 1 and 2 of pdf.py): each character and its box
from PDFium, joined into fragments on one line; superscript note marks; the reader's limits."""


from __future__ import annotations

import ctypes
import re
import struct

import pypdfium2.raw as c

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


class TooMuchText(ValueError):
    """A page with more characters than any letter's page (a limit, not a broken page)."""


class Frag:
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


def frag_text(f: Frag, notes: list[int]) -> str:
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


def page_chars(textpage, height: float) -> list[tuple]:
    """(char, x0, x1, top, bottom, space_before) in PDFium's order, top-down coordinates."""
    tp = textpage.raw
    n = c.FPDFText_CountChars(tp)
    if n > MAX_PAGE_CHARS:
        raise TooMuchText(f"{n} characters on one page")
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


def fragments(chars: list[tuple]) -> list[Frag]:
    """Rule 1 (and the spaces between words). (The fragment being built is kept in local variables:
    this runs for every character.)"""
    frags: list[Frag] = []
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
        cur = Frag((c0, x0, x1, t, b, False))
        frags.append(cur)
        cchars, cx0, cx1, ctop, cbottom, size = cur.chars, x0, x1, t, b, b - t
    if cur is not None:
        cur.x0, cur.x1, cur.top, cur.bottom, cur.size = cx0, cx1, ctop, cbottom, size
    return frags
