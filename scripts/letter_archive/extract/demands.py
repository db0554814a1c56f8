"""Demands: the sentences in which the signatories ask for something, and the items they announce."""

from __future__ import annotations

import re

from .asks import NAMED_DUTY, asks, asks_by_purpose
from .dates import standalone_date
from .entries import START
from .languages import alternation, fragments, pattern_for
from .lines import Line, paragraphs
from .text import plain, sentences

# A phrase that asks in any word order ("fordern wir", "촉구합니다"); CJK fragments have no \b: no spaces.
DEMAND_OTHER = re.compile("|".join(fragments("demand_phrase")), re.I)
# What must be done, in the languages that say so with a modal ("debe eliminarse", "soll nicht"): a
# demand when said of others (not in a question, not a long narrative sentence).
OBLIGATION = re.compile(alternation("obligation"), re.I)
# A demand that announces its items: "We urge you to:", "we demand the following", "다음과 같이", or one
# that stops at a comma ("Wir fordern Sie daher auf,"): a sentence that ends there goes on in its items.
ANNOUNCES_ITEMS = re.compile(rf"(?:[:,，]|{alternation('list_announcer')})\s*$", re.I)


# a bullet glyph of a word processor's symbol font may stand without a space before its text
GLYPH_BULLETS = "▪◦‣●○■□➢►✓\uf0b7\uf0a7\uf076\uf0d8\uf0fc"
# a list item: "1.", "a)", "-", a glyph; also a numbered item set as a heading ("## 2. Replace the pipes.")
# or in emphasis ("_1. A review of …_")
LIST_ITEM = re.compile(rf"^\s*(?:#{{1,6}}\s+(?=\d)|[*_]{{1,2}}(?=\d))?"
                       rf"(?:(?:\d{{1,2}}[.)]|[a-z][.)]|[-*•·])\s+|[{GLYPH_BULLETS}]\s*)(\S.*)$")
NUMBERED_HEADING = re.compile(r"^\s*#{1,6}\s+\d{1,2}[.)]\s+\S")


def extract_demands(lines: list[Line], kind: str, language: str | None = None) -> tuple[list[str], int | None]:
    if kind == "commentary":
        return [], None
    # obligations ("debe", "soll") only in the letter's own language (and English): weak evidence, and
    # costly to look for in every language at every position of every sentence
    obligation = pattern_for("obligation", language) if language else OBLIGATION
    # a list of unmarked items ends its paragraph here: what follows it is a paragraph of its own
    pars: list[list[Line]] = []
    inline_at: dict[int, tuple[int, list[str]]] = {}   # paragraph -> (its announcing line, the items)
    for par in paragraphs(lines):
        par = _join_item_continuations(par)
        while par and (found := _items_on_lines(par)):
            announcing, last, items = found
            inline_at[len(pars)] = (announcing, items)
            pars.append(par[: last + 1])
            par = par[last + 1:]
        if par:
            pars.append(par)
    demands: list[str] = []
    first_no = None
    used: set[int] = set()
    purposes: list[tuple[str, int | None]] = []
    for p_idx, par in enumerate(pars):
        if p_idx in used or START.match(plain(par[0].text).strip()):   # a closing formula asks for nothing
            continue
        inline = inline_at.get(p_idx)
        if inline:   # the sentences end at the announcing line; its items follow
            par, inline_items = par[: inline[0] + 1], inline[1]
        text = " ".join(x.text.strip() for x in par)
        list_in_par = [LIST_ITEM.match(x.text) for x in par[1:]]
        in_par = sentences(plain(text))
        quoted = par[0].text.lstrip().startswith(">")   # a quotation: someone else's "must", not the signers'
        duties = _duties(in_par, obligation) if not quoted else [False] * len(in_par)
        for sentence, duty in zip(in_par, duties, strict=True):
            if not (asks(sentence) or duty):
                if not asks_by_purpose(sentence):
                    continue
                if not ANNOUNCES_ITEMS.search(sentence.rstrip(" *_")):
                    purposes.append((sentence.strip(), par[0].no))   # a demand only if no other is made
                    continue
            first_no = first_no or (par[-1].no if inline else par[0].no)   # inline: the announcing line
            items: list[str] = []
            # the announcing line may run straight into its numbered items: "… the following actions -\n1. …"
            head = plain(par[0].text).strip()
            if ANNOUNCES_ITEMS.search(sentence.rstrip(" *_")) or (
                    any(list_in_par) and sentence.startswith(head[:40]) and ANNOUNCES_ITEMS.search(head.rstrip(" *_"))):
                if inline and sentence is in_par[-1]:
                    items = inline_items
                elif any(list_in_par):
                    items = [m.group(1) for m in list_in_par if m]
                k = p_idx + 1
                while not items and k < len(pars):
                    matches = [LIST_ITEM.match(x.text) for x in pars[k]]
                    if not all(matches):
                        break
                    items.extend(m.group(1) for m in matches)
                    used.add(k)
                    k += 1
                    while k < len(pars):
                        if k + 1 < len(pars) and all(LIST_ITEM.match(x.text) for x in pars[k + 1]) and (
                                _debris(pars[k]) or (NUMBERED_HEADING.match(pars[k - 1][0].text)
                                                     and NUMBERED_HEADING.match(pars[k + 1][0].text))):
                            # a line of page debris between two items ("Advertisement"), or the paragraph that
                            # explains a demand set as a numbered heading, before the next one
                            used.add(k)
                            k += 1
                        if not all(LIST_ITEM.match(x.text) for x in pars[k]):
                            break
                        items.extend(LIST_ITEM.match(x.text).group(1) for x in pars[k])
                        used.add(k)
                        k += 1
                if not items and k == p_idx + 1 and sentence is in_par[-1]:
                    items, taken = _unmarked_items(pars, p_idx + 1)
                    used.update(taken)
            if items and not all(_just_a_name(i) for i in items):
                demands.extend(plain(i).strip() for i in items)
            else:
                demands.append(sentence.strip())
    if not demands and purposes:
        return list(dict.fromkeys(d for d, _ in purposes)), purposes[0][1]
    return list(dict.fromkeys(d for d in demands if d)), first_no


def _join_item_continuations(par: list[Line]) -> list[Line]:
    """A list item wrapped onto the next line(s), set under its text by an indent ("1. Suspend the order
    until a consultation has been held with" / "   the vendors;"): one item again. A line continues
    the item above when it is no item itself and is indented, or starts in lower case."""
    out: list[Line] = []
    in_item = False
    for line in par:
        text = line.text
        if LIST_ITEM.match(text):
            in_item = True
        elif in_item and out and (text[:1] in " \t" or text.lstrip()[:1].islower()):
            out[-1] = Line(out[-1].no, f"{out[-1].text.rstrip()} {text.strip()}")
            continue
        else:
            in_item = False
        out.append(line)
    return out


# Someone's words quoted in the letter ("… sagt: „Die Politik muss …“"), four words or more.
QUOTATION = re.compile(r"„[^„“”]{20,}[“”]|“[^“”„]{20,}”|«[^«»]{20,}»|»[^«»]{20,}«|\"[^\"]{20,}\"")
# A duty the letter reports from a source ("laut Strategie soll …", "according to the plan"), not one it asks for.
REPORTED = re.compile(alternation("reported"), re.I)
# A sentence given as someone's words ("…, said the director."): the paragraph is that speaker's.
SPEECH = re.compile(alternation("speech"), re.I)


def _duties(in_par: list[str], obligation: re.Pattern[str]) -> list[bool]:
    """For each sentence of a paragraph: does it say what others must do (a modal, or a named body's
    duty), as the letter's own words? Not in a question, a long narrative sentence, a passage quoted
    from someone (the quotation may open in an earlier sentence), a paragraph that gives a speaker's
    words ("…, said the director", its quotation marks lost), or a duty reported from a source."""
    text = " ".join(in_par)
    if SPEECH.search(text):
        return [False] * len(in_par)
    spans = [m.span() for m in QUOTATION.finditer(text)] if any(q in text for q in "„“«»\"") else []
    out, offset = [], 0
    for sentence in in_par:
        at = text.find(sentence, offset)
        offset = at + len(sentence) if at >= 0 else offset
        if len(sentence) > 400 or sentence.rstrip().endswith("?") or REPORTED.search(sentence):
            out.append(False)
            continue
        found = obligation.search(sentence) or NAMED_DUTY.search(sentence)
        out.append(bool(found) and not any(a <= at + found.start() < b for a, b in spans))
    return out


ITEM_END, LAST_ITEM_END = ";,；，", ".。"   # how a line ends an item, and the last item (Latin, CJK)


def _items_on_lines(par: list[Line]) -> tuple[int, int, list[str]] | None:
    """Items without list marks inside the paragraph that announces them, as a list pasted from a web
    page comes ("We urge you to:" / "release …;" / "repeal …;" / "invite ….", no blank line between):
    (the announcing line's index, the last item's line index, the items). After a line ending in ':',
    lines end an item each with ';' or ',' (a line without one is wrapped and joins the next) up to the
    item that ends with '.', or the paragraph's end after a ';'; at least two items. A sentence that
    merely goes on after a colon has one."""
    j = next((i for i, x in enumerate(par[:-2]) if plain(x.text).rstrip(" *_").endswith((":", "："))), None)
    if j is None or any(LIST_ITEM.match(x.text) for x in par[j + 1:]):   # marked items: read as a list
        return None
    items: list[str] = []
    current: list[str] = []
    end = ""
    for k in range(j + 1, len(par)):
        current.append(par[k].text.strip())
        end = plain(par[k].text).rstrip(" *_")[-1:]
        if end and end in ITEM_END + LAST_ITEM_END:
            items.append(" ".join(current))
            current = []
            if end in LAST_ITEM_END:
                return (j, k, items) if len(items) >= 2 else None
    return (j, len(par) - 1, items) if not current and len(items) >= 2 and end in ";；" else None


def _debris(par: list[Line]) -> bool:
    """A short line without a sentence's end: a page's advertisement or navigation between items."""
    text = " ".join(x.text.strip() for x in par)
    return len(par) == 1 and len(text) < 60 and not re.search(r"[.!?:,;。！？]$", text)


def _just_a_name(item: str) -> bool:
    """A list of names after a demand ("release all defendants: 1. Kovalenko Yevgeny …") is whom the
    demand is for, not a list of demands."""
    words = plain(item).split()
    return 1 <= len(words) <= 4 and all(w[:1].isupper() for w in words)


def _heading_items(pars: list[list[Line]], start: int) -> tuple[list[str], list[int]]:
    """Items set as headings, each over a paragraph that explains it ("# No pauses in admissions." /
    "Admissions must remain open …"): the heading and the paragraph's first sentence; up to the first
    heading without such a paragraph."""
    items: list[str] = []
    taken: list[int] = []
    k = start
    while k + 1 < len(pars) and pars[k][0].text.lstrip().startswith("#") and len(pars[k]) == 1:
        body = plain(" ".join(x.text.strip() for x in pars[k + 1]))
        if body.startswith("#") or len(body) < 40 or not re.search(r"[.!?。]", body):
            break
        items.append(f"{plain(pars[k][0].text).rstrip('.')}: {sentences(body)[0]}")
        taken += [k, k + 1]
        k += 2
    return (items, taken) if len(items) > 1 else ([], [])


OPENER = re.compile(rf"^[\W_]*{alternation('statement_opener')}\b", re.I)


def _lead_sentence_items(pars: list[list[Line]], start: int) -> tuple[list[str], list[int]]:
    """Items that lost their bullets and each carry an explanation: paragraphs that open with what is
    asked ("Remove interest on student loans. It can take …"), each item its first sentence; up to a
    paragraph that opens as a statement does ("The", "We", "However" …). Debris between them is skipped."""
    items: list[str] = []
    taken: list[int] = []
    for k in range(start, min(len(pars), start + 15)):
        item = plain(" ".join(x.text.strip() for x in pars[k])).strip()
        if items and _debris(pars[k]):
            taken.append(k)
            continue
        first = sentences(item)[0] if item else ""
        if not first or OPENER.match(first) or len(first.split()) > 25 or standalone_date(item) \
                or START.match(item) or not first[:1].isupper():
            break
        items.append(first)
        taken.append(k)
    return (items, taken) if len(items) > 1 else ([], [])


def _unmarked_items(pars: list[list[Line]], start: int) -> tuple[list[str], list[int]]:
    """Items whose bullets were lost (or never written): the one-line paragraphs after "we demand the
    following", up to the first paragraph that is not one (prose, a date, a sign-off); at least two.
    A line ending in a comma or colon ("The Japanese Government,") heads the items after it."""
    items: list[str] = []
    taken: list[int] = []
    header = None
    if start < len(pars) and pars[start][0].text.lstrip().startswith("#"):
        return _heading_items(pars, start)
    for k in range(start, min(len(pars), start + 20)):
        text = " ".join(x.text.strip() for x in pars[k])
        item = plain(text).strip()
        if pars[k][0].text[:1] in (" ", "\t") and items is not None and not START.match(item):
            # an indented paragraph: an item that lost its bullet, its first sentence the demand
            items.append(sentences(item)[0])
            taken.append(k)
            continue
        if items and _debris(pars[k]):
            taken.append(k)   # debris between items ("Advertisement")
            continue
        if len(pars[k]) > 1 or len(item) > 250 or len(sentences(item)) > 1 or standalone_date(item) \
                or START.match(item):
            if k == start and not taken:
                return _lead_sentence_items(pars, start)
            break
        if item.endswith((",", ":")):
            header = item.rstrip(",: ")
        else:
            items.append(f"{header}: {item}" if header else item)
        taken.append(k)
    return (items, taken) if len(items) > 1 else ([], [])   # one short paragraph is no list
