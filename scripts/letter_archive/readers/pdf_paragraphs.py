"""The PDF reader's paragraphs (rules 5 to 8 and 0 of pdf.py): blank lines from vertical gaps, list
items and wrapped lines joined again, footnotes kept at their page's end, paragraphs across page breaks,
running headers and footers dropped."""


from __future__ import annotations

import re
import statistics

from .base import (
    _PAGE_NUMBER,
    join_wrapped,
    squeeze_blank,
)
from .pdf_chars import Frag, frag_text
from .pdf_columns import body_start, merge_justified, mid_sentence, row_text, split_columns, starts_with_marker, stream_lines


def _usual_gap(gaps: list[float]) -> float | None:
    """The usual gap between two lines: the lower quartile (most lines are inside a paragraph)."""
    if not gaps:
        return None
    return statistics.quantiles(gaps, n=4)[0] if len(gaps) >= 2 else gaps[0]


def _first_word_width(frag: Frag) -> float:
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
    if "\t" in text or "\t" in prev_text or starts_with_marker(text):
        return False
    return running or mid_sentence(prev_text) or text[:1].islower()


def layout(frags: list[Frag], notes: list[int], edge: dict) -> list[str]:
    """Rules 3-7 on one page's fragments (in content-stream order). `edge` receives the page's first
    and last line, for rule 7 across the page break."""
    if not frags:
        return []
    size = statistics.median(f.size for f in frags)
    texts = {id(f): frag_text(f, notes) for f in frags}
    frags = [f for f in frags if texts[id(f)]]
    if not frags:
        return []
    stream = stream_lines(frags)
    merge_justified(stream, texts)
    blocks = split_columns(stream, texts, size)
    items: list = []
    edges: list[tuple[float, float]] = []      # each block's left and right edge
    for b, block in enumerate(blocks):
        if items:
            items.append(None)
        edges.append((min(f.x0 for ln in block for f in ln), max(f.x1 for ln in block for f in ln)))
        for ln in block:
            items.append((min(f.top for f in ln), max(f.bottom for f in ln), row_text(ln, texts),
                          ln[0].x0, body_start(ln, texts), max(f.x1 for f in ln), _first_word_width(ln[0]), b,
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
              and not starts_with_marker(text)
              and ((abs(x0 - prev[4]) < 0.6 * size and x0 > prev[3] + 0.5 * size)
                   or ((mid_sentence(lines[-1]) or text[:1].islower()) and full[k - 1]))):
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


def join_across_pages(pages: list[list[str]], page_edges: list[dict], notes: list[int]) -> None:
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


def drop_running_fragments(page_frags, notes) -> list[str]:
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
                sh[id(f)] = re.sub(r"\d+", "#", frag_text(f, [0]).strip().lower())
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
                dropped.append(frag_text(f, [0]))
            else:
                keep.append(f)
        frags[:] = keep
    return dropped
