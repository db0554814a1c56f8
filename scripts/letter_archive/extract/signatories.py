"""Signatories: find the signature section, read its groups and entries (Name, Country / Name<TAB>Country /
bare names / numbered table rows / bullets), count what the text claims and what it lists."""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field
from itertools import pairwise

from ..model import UNNAMED_GROUP, Group, Record, Signatory, Signatures
from ..places import country_code
from .asks import announces_demands
from .clean import SALUTATION
from .dates import standalone_date
from .head import closing_date
from .languages import LowerMatcher, alternation, fragments
from .lines import Line, SignatureLines, paragraphs
from .text import MARKDOWN_LINK, plain

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
}
NUM = r"(\d{1,5}|" + "|".join(NUMBER_WORDS) + r")"
ORG_NOUN = alternation("org_count_noun")
PERSON_NOUN = alternation("person_count_noun")
# after a cue ("on behalf of 55 feminists"), any plural of a person noun counts people
PEOPLE_PLURAL = alternation("people_plural")
CLAIM_TRIGGER = re.compile(
    rf"{alternation('claim_cue')}\s+(?:the\s+)?{NUM}\s+"
    rf"(?:[\w-]+\s+){{0,3}}?({ORG_NOUN}|{PERSON_NOUN}|{PEOPLE_PLURAL})\b"
    rf"(?:,?\s+(?:[\w-]+\s+){{0,3}}?and\s+(?:[\w-]+\s+){{0,2}}?{NUM}\s+(?:[\w-]+\s+){{0,2}}?({ORG_NOUN}|{PERSON_NOUN}))?",
    re.I)
CLAIM_LEAD = re.compile(rf"^[\W_]*{NUM}\s+(?:[\w-]+\s+){{0,4}}?({ORG_NOUN}|{PERSON_NOUN})\b", re.I)
SIGNER_COUNT = re.compile("|".join(fragments("signer_count")))   # one group per fragment holds the number
# A count inside the line under the closing: "The founders of the following 457 start-up companies."
COUNT_IN_LINE = re.compile(rf"(?<![\w.,])(\d{{1,5}})\s+(?:[\w-]+\s+){{0,3}}?({ORG_NOUN}|{PERSON_NOUN})\b", re.I)

# A heading that counts the signers: "### 2274 signataires", "1.234 Unterschriften".
COUNT_HEADING = re.compile(
    rf"^[#*_\s]*(\d{{1,3}}(?:[ .,\u202f\u00a0]\d{{3}})+|\d{{1,6}})\s+{alternation('signer_noun')}[\W_]*$", re.I)
SIGNATURES_NEAR = re.compile(
    rf"(?<![\d.,])(\d{{1,3}}(?:[.,\u202f\u00a0]\d{{3}})+|\d{{1,6}})\s+(?:[\w-]+\s+)?{alternation('signer_noun')}\b", re.I)
# A line that opens a further tier of signers: "This letter is also signed by:".
TIER = re.compile(rf"^[\W_]*{alternation('tier')}[\W_]*$", re.I)
START = re.compile(rf"^[\W_]*{alternation('closing')}[\W_]*$|{COUNT_HEADING.pattern}|{TIER.pattern}", re.I)
STOP = re.compile(rf"^[\s*_]*{alternation('cc')}\s*[:.]", re.I)   # "CC:", also in bold
# What is not a signer, however it sits in the list: markup and template code, a footnote, a bare link or
# address, a blank for the reader's name, a contact or postal-address line.
MARKUP = re.compile(r"<!--|-->|\{[%{<:]|[%}]\}|\{[\w.]+\}|^[{>]|\}$|^\[\d{1,3}\]\s|^\[\^[^\]]+\]:|^<?(?:https?://|www\.)\S*$|^[\w.+-]+@[\w-]+\.[\w.]+$")
MARKUP_HINT = re.compile(r"[<>{}\[\]@/:]|www\.")
IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
PLACEHOLDER = LowerMatcher(fragments("placeholder"))
CONTACT = re.compile(rf"^{alternation('contact')}\b\.?\s*[:.]", re.I)
SIGNED_MARK = re.compile(rf"^{alternation('signed_mark')}\s*", re.I)   # "gez. Max Muster"
DIGIT = re.compile(r"[\d年]")   # a digit, or the year sign of a date in CJK numerals
STREET = re.compile(rf"\b\d{{1,5}}[a-z]?\s+(?:[\w'’.-]+\s+){{0,3}}{alternation('street')}(?!\w)|"
                    rf"\b{alternation('street')}[\s.,#]*\d", re.I)   # "444 Castro Street", "Lindenweg 5"
POSTCODE = re.compile(r"\b[A-Z]{2}\s+\d{5}(?:-\d{4})?\b|^\d{4,5}\s+[A-ZÀ-Þ][\w-]+$")
# A line that ends the list: a call for more signatures, a copyright, a footnote.
# (these two are matched against lower-cased text: a case-insensitive search through many words is slow)
LIST_END = LowerMatcher(fragments("list_end"))
NOTE_START = re.compile(r"\[\^[^\]]+\]:|p\.\s?s\.?\s*[:.]|ps\s*:")   # a footnote, a postscript
# A role on the line under a name: "CEO, Creative Commons", "Governadora do Estado do Pará".
# (both matched against lower-cased text, as a case-insensitive match through many words is slow)
ROLE = re.compile(rf"(?:co-|vice[- ]|deputy |acting |executive )?{alternation('signer_role')}(?!\w)")
ROLE_IN = re.compile(rf"(?<!\w){alternation('signer_role')}(?!\w)")
# A bullet, or a list number with its punctuation: "1.", "1)", "(1)", "1 -", "1<TAB>".
BULLET = re.compile("^\\s*(?:[-*•·]\\s+|\\d{1,4}\\s?[.)]\\s+|\\(\\d{1,4}\\)\\s+|\\d{1,4}\\s+[-–—]\\s+|\\d{1,4}\\t"
                    "|[▪◦‣●○■□➢►✓\uf0b7\uf0a7\uf076\uf0d8\uf0fc]\\s*)")
# A number and a space, no punctuation, at a line's start: "1969 KAL Abductees' Families Association"
# is a name, "3 Amnesty International" in a list numbered 1, 2, 3 is not (see _list_numbers).
BARE_NUMBER = re.compile(r"^\s*(\d{1,4})\s+(?=\S)")
LIST_NUMBER = re.compile(r"^(?:\d{1,4}\s?[.)]|\(\d{1,4}\)|\d{1,4}\s+[-–—])\s+(?=\S)")   # what _strip_marks left: "**1.** Name"
GROUP_HEADER = re.compile(
    r"^[\W_]*\(?\s*(?P<label>[^(),\d]{3,80}?)\s*(?:[,(]\s*(?P<count>\d{1,4})\s*\)?)?\s*\)?[\s*_]*"
    rf"(?:[,;(–-]?\s*\*?{alternation('list_order')}\*?\s*\)?)?[\s:*_]*$", re.I)   # "(in alphabetical order)"
GROUP_WORDS = re.compile(rf"\b{alternation('group_word')}\b", re.I)
ORG_WORDS = re.compile(rf"\b{alternation('org_word')}\b", re.I)
# A header that is only a kind of signatory: "Groups", "Individuals", "National organizations".
GROUP_LABEL = re.compile(rf"^(?:[\w&'’-]+\s+){{0,4}}?{alternation('group_label')}$", re.I)
PERSON_NAME = re.compile(
    rf"^(?:(?i:{alternation('honorific')})\.?\s+)?"
    r"[A-ZÀ-ÖØ-ÞĀ-ſ][\w'’.-]*(?:\s+(?:(?:van|von|de|del|der|da|di|le|la|bin|al|el)\s+)?[A-ZÀ-ÖØ-ÞĀ-ſ][\w'’.-]*){1,3}"
    rf"(?:,?\s+(?:(?i:{alternation('post_nominal')})\.?|Jr\.?))*$")


@dataclass
class ListedGroup:
    """A group as the list is read: its entries, and which of them may continue the entry before."""

    label: str
    claimed: int | None
    names: list[Signatory] = field(default_factory=list)
    wrapped: list[int] = field(default_factory=list)  # indexes of entries that may continue the previous
    lines: list[int] = field(default_factory=list)    # the line (index in the text) each entry was read from
    numbers: list[int | None] = field(default_factory=list)   # each entry's own number in a numbered list
    after_blank: list[bool] = field(default_factory=list)      # whether a blank line stands before it
    heading: int | None = None                         # the line of its heading


def number(word: str) -> int:
    return int(word) if word.isdigit() else NUMBER_WORDS[word.lower()]


def claimed_count(text: str) -> tuple[int | None, dict[str, int], str | None]:
    """(total the text states, its parts by 'organizations'/'individuals', the matched phrase)."""
    m = CLAIM_TRIGGER.search(text)
    if m:
        first, noun1, second, noun2 = m.group(1), m.group(2), m.group(3), m.group(4)
        parts = {_kind_of_noun(noun1): number(first)}
        total = number(first)
        if second:
            parts[_kind_of_noun(noun2)] = parts.get(_kind_of_noun(noun2), 0) + number(second)
            total += number(second)
        return total, parts, m.group(0)
    for paragraph in re.split(r"\n\s*\n", text):
        m = CLAIM_LEAD.match(paragraph)
        if m and int(number(m.group(1))) > 1:
            return number(m.group(1)), {_kind_of_noun(m.group(2)): number(m.group(1))}, m.group(0)
    m = SIGNER_COUNT.search(text)
    if m:
        n = int(re.sub(r"\D", "", next(g for g in m.groups() if g)))
        return n, {"organizations": n}, m.group(0)
    return None, {}, None


def _kind_of_noun(noun: str) -> str:
    if re.search(PERSON_NOUN, noun, re.I) or not re.search(ORG_NOUN, noun, re.I):
        return "individuals"
    return "organizations"


def count_heading(text: str) -> int | None:
    """The count a heading states: '### 2274 signataires' -> 2274."""
    m = COUNT_HEADING.match(text.strip())
    return int(re.sub(r"\D", "", m.group(1))) if m else None


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
            body = _strip_marks(text)
            if not _looks_like_entry(body) or _sentence_like(body) or len(body) > 200:
                break
            bullets_only = bullets_only and bool(BULLET.match(text))
            first = k
        k -= 1
    if first is None or not bullets_only or sum(1 for x in lines[first:tier] if x.text.strip()) < 2 or k < 0:
        return tier + 1
    return first if re.search(r"[:：]\W*$", lines[k].text.strip()) else tier + 1


def after_closing_date(lines: list[Line]) -> int | None:
    """A letter without a closing word that ends with its dateline and then its signers:
    "Brasília, 18 de abril de 2020." followed by names, each perhaps over a role line."""
    found = closing_date(lines)
    if not found:
        return None
    at = next(i for i, x in enumerate(lines) if x is found[1])
    after = [x.text.strip() for x in lines[at + 1: at + 12] if x.text.strip()][:4]
    if len(after) >= 2 and all(len(t) <= 120 and _looks_like_entry(_strip_marks(t)) and not SENTENCE.search(t)
                               for t in after):
        return at + 1
    return None


SENTENCE = re.compile(r"[a-zß-ÿ]{4}[.!?](?:\s+\S|$)")   # "… the year." ends a sentence; "Ph.D.", "Inc." do not


NAME_PARTICLE = {"van", "von", "de", "der", "den", "del", "da", "di", "du", "le", "la", "bin", "al", "el", "y", "e"}


def _name_line(text: str) -> bool:
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
        if not all(_name_line(lines[i].text.strip()) for i in filled[-n:]):
            break
        if text.endswith(",") and len(text) <= 80 and len(text.split()) <= 8 and not DIGIT.search(text) \
                and not SALUTATION.match(text) and not lines[at - 1].text.strip():
            return filled[-n], filled[-1] + 1
    return None


def _is_prose(text: str) -> bool:
    """A sentence of the letter, not a list entry: long, with several clauses, ending in a full stop."""
    return len(text) > 220 and text.count(",") < 8 and "\t" not in text and bool(re.search(r"[.!?]\W*$", text)) \
        and not BULLET.match(text)


def trailing_name_block(lines: list[Line]) -> tuple[int, int] | None:
    pars = paragraphs(lines)
    if not pars:
        return None
    tail = [x for x in pars[-1]] if len(pars[-1]) >= 5 else (pars[-2] if len(pars) > 1 and len(pars[-1]) <= 2 else [])
    if len(tail) < 5 or not all(len(x.text.strip()) <= 80 and _looks_like_entry(_strip_marks(x.text))
                                and not _sentence_like(_strip_marks(x.text)) and not SENTENCE.search(x.text)
                                and not _not_a_signer(x.text.strip(), False) for x in tail):
        return None   # an address or contact block ends many letters too: not a list of names
    first = next(i for i, x in enumerate(lines) if x is tail[0])
    return first, first + len(tail)


def _navigation(text: str) -> bool:
    """A link whose words read as a page's title in sentence case ("Ten years of the school garden"),
    not as a name in title case ("Friends of the Earth", linked to its site)."""
    if not LINKED.search(text):
        return False
    words = [w for w in re.findall(r"[^\W\d_]{4,}", _strip_marks(text))]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) * 2 < len(words)


def _name_line_of_block(text: str) -> bool:
    body = _strip_marks(text)
    # a sign-off ("Sent from the valley,"), an announcing line ("Wir fordern:") or a country is no name
    return len(body) <= 80 and not body.endswith((",", ":", "：")) and not country_code(body.strip(" .")) \
        and not _navigation(text) and _looks_like_entry(body) and not _sentence_like(body) \
        and not SENTENCE.search(text) and not _not_a_signer(text, False) and not _is_heading(text)


def name_blocks(lines: list[Line]) -> list[tuple[int, int]]:
    """Paragraphs of two or more short lines, each shaped like a name or an organisation, after the
    letter's last paragraph of prose: the signers of a letter that names them without a closing word."""
    pars = paragraphs(lines)
    last_prose = max((k for k, par in enumerate(pars)
                      if any(len(x.text.split()) >= 8 and re.search(r"[.!?。]\W*$", x.text) for x in par)), default=-1)
    index = {id(x): i for i, x in enumerate(lines)}
    return [(index[id(par[0])], index[id(par[-1])] + 1) for k, par in enumerate(pars) if k > last_prose
            and len(par) >= 2 and all(_name_line_of_block(x.text.strip()) for x in par)
            and not announces_demands(pars[k - 1][-1].text if k else "")]


def bullet_runs(lines: list[Line]) -> list[tuple[int, int]]:
    """The bullet lists that may sign the letter, the last first: three items or more, mostly shaped
    like entries, after the first third of the text (or ending it), not announced as demands."""
    found: list[tuple[int, int]] = []
    runs: list[tuple[int, int]] = []
    i = 0
    while i < len(lines):
        if BULLET.match(lines[i].text) and _looks_like_entry(_strip_marks(lines[i].text)):
            j = i
            while j < len(lines) and (BULLET.match(lines[j].text) or not lines[j].text.strip()
                                      or (lines[j].text[:2] == "  " and lines[j - 1].text.strip())):
                j += 1   # an indented line under a bullet continues its entry
            runs.append((i, j))
            i = j
        else:
            i += 1
    last = max((i for i, x in enumerate(lines) if x.text.strip()), default=0)
    for first, end in reversed(runs):
        before = next((x.text for x in reversed(lines[:first]) if x.text.strip()), "")
        if announces_demands(before):
            continue   # "We demand:" and a list: what is asked, not who signs
        items = [x for x in lines[first:end] if BULLET.match(x.text)]
        if sum(_navigation(x.text) for x in items) * 2 >= len(items):
            continue   # a list of links to pages is the page's navigation ("Related posts"), not its signers
        tail = sum(1 for x in lines[end:] if x.text.strip())   # a long list can start early if it ends the letter
        if len(items) >= 3 and (first > len(lines) * 0.3 or (tail <= 3 and end > last - 6)) and \
                sum(_looks_like_entry(_strip_marks(x.text)) for x in items) >= 0.8 * len(items):
            found.append((first, end))
    return found


RUN_ON_SPLIT = re.compile(rf"\s*[,;]\s*|\s+{alternation('conjunction')}\s+")


# a paragraph that signs in one line after a closing word and a colon: "Signed: Alpha Union, Beta Centre, …"
SIGNED_RUN = re.compile(rf"^[\W_]*(?:{alternation('closing')})\s*[:：]\s*(?P<rest>\S.*)$", re.I)
IN_TOTAL = re.compile(r"\s*\(\s*(\d{1,5})\s+(?:in\s+)?total\s*\)\W*$", re.I)   # "(37 in total)"
LEADING_NOTE = re.compile(r"^(\([^)]{1,12}\))\s+(?=\S)")   # "(Inc.) Beta Centre": the note closes the name before


def signed_run(lines: list[Line]) -> tuple[ListedGroup, Line, int | None] | None:
    """Signers written as one paragraph after a closing word and a colon, split at commas and
    semicolons: "Signed: Alpha Union, (Inc.) Beta Centre, Gamma Trust (3 in total)". A note in brackets
    that opens an item belongs to the name before it; a count "(N in total)" at the end is the
    stated count. At least three names, each short and shaped like one."""
    for par in reversed(paragraphs(lines)):
        m = SIGNED_RUN.match(_strip_marks(" ".join(line.text.strip() for line in par)))
        if not m:
            continue
        rest = m.group("rest").rstrip(". ")
        total = IN_TOTAL.search(rest)
        rest = rest[: total.start()] if total else rest
        items: list[str] = []
        for item in (x.strip() for x in RUN_ON_SPLIT.split(rest)):
            note = LEADING_NOTE.match(item)
            if note and items:
                items[-1] += f" {note.group(1)}"
                item = item[note.end():]
            if item:
                items.append(item)
        if len(items) < 3 or not all(len(i) <= 80 and len(i.split()) <= 8 and _looks_like_entry(i) for i in items):
            return None
        group = ListedGroup(UNNAMED_GROUP, None, [e for e in (parse_entry(i, UNNAMED_GROUP) for i in items) if e])
        return group, par[0], int(total.group(1)) if total else None
    return None


def run_on_list(lines: list[Line], claimed: int | None) -> tuple[ListedGroup, Line] | None:
    """A letter signed in one sentence near its end: "The Fridays For Future groups Gießen, Göttingen,
    … and Hannover." Taken only when it names exactly as many as the text says signed (at least 5),
    each a short capitalised name; the sentence's opening becomes the group's label."""
    if claimed is None or claimed < 5:
        return None
    pars = paragraphs(lines)
    for par in reversed(pars[len(pars) * 3 // 5:]):
        sentence = _strip_marks(" ".join(line.text.strip() for line in par)).rstrip(". ")
        items = [item for item in RUN_ON_SPLIT.split(sentence) if item]
        if len(items) != claimed or not all(len(item) <= 60 and len(item.split()) <= 6 and _looks_like_entry(item)
                                            for item in items[1:]):
            continue
        keep = round(statistics.median(len(item.split()) for item in items[1:]))   # words in a name, as in the others
        opening = items[0].split()
        label = " ".join(opening[:-keep]) if len(opening) > keep else UNNAMED_GROUP
        items[0] = " ".join(opening[-keep:])
        group = ListedGroup(label, None, [e for e in (parse_entry(item, label) for item in items) if e])
        return (group, par[0]) if len(group.names) == claimed else None
    return None


THEMATIC_BREAK = re.compile(r"^(?:[*_-][ \t]*){3,}$")   # "***", "---", "* * *"
TAG = re.compile(r"</?[a-zA-Z][\w-]*(?:\s[^<>]*)?/?>")      # an inline HTML tag
LINKED = re.compile(r"\]\(|https?://|www\.")   # a Markdown link or an address in a list item
EMPHASIS = re.compile(r"(\*\*|__|(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w))")   # Markdown emphasis marks


def _strip_marks(text: str) -> str:
    text = BULLET.sub("", text, count=1)
    if "[" not in text and "*" not in text and "_" not in text:   # most entries: nothing to strip
        return text.strip()
    text = MARKDOWN_LINK.sub(r"\1", text)                          # markdown links -> text
    text = EMPHASIS.sub("", text)
    return text.strip().strip("\t").strip()


def _looks_like_entry(text: str) -> bool:
    if not text or len(text) > 400:
        return False
    head = re.split(r"[,\t(]", text, maxsplit=1)[0].strip()
    return bool(head) and (head[0].isupper() or head[0].isdigit() or not head[0].isascii()) and len(head) <= 120


def group_header(text: str) -> tuple[str, int | None] | None:
    clean = _strip_marks(text) if not BULLET.match(text) else None
    if not clean or len(clean) > 90:
        return None
    m = GROUP_HEADER.match(clean)
    if not m:
        return None
    label = re.sub(r"\s+", " ", m.group("label")).strip(" -–:*_")
    has_count = m.group("count") is not None
    paren = clean.lstrip().startswith("(")
    plain_label = bool(GROUP_LABEL.match(label))
    if (paren and has_count) or (GROUP_WORDS.search(label) and (has_count or paren or clean.rstrip().endswith(":"))) \
            or plain_label:
        if country_code(label) or ("," in label and not has_count):
            return None
        return label, int(m.group("count")) if has_count else None
    return None


COUNTRY_AFTER_DASH = re.compile(r"^(.*\S)\s+[–—-]\s+([^–—,()-]{2,40})$")


def parse_entry(text: str, group_label: str, numbered: bool = False) -> Signatory | None:
    """One listed signatory: {name, type, affiliation, country}. A number before the name is the
    list's ("1. Name", "(1) Name", "1 - Name") when punctuation follows it; a bare number ("3 Name")
    only when `numbered` says the list around it counts 1, 2, 3 (_list_numbers): else it is part of
    the name ("1969 KAL Abductees' Families Association", "350 Climate Network")."""
    text = LIST_NUMBER.sub("", SIGNED_MARK.sub("", _strip_marks(text)), count=1)
    if numbered:
        text = BARE_NUMBER.sub("", text, count=1)
    if not text or re.fullmatch(r"[\W\d_]+", text):
        return None
    country = None
    dashed = COUNTRY_AFTER_DASH.match(text)   # "Red Muqui – Peru": the country after a spaced dash
    if dashed and (country := country_code(dashed.group(2))):
        text = dashed.group(1)
    parts = [p.strip() for p in (text.split("\t") if "\t" in text else text.split(","))]
    parts = [p for p in parts if p]
    if not parts:
        return None
    paren = re.match(r"^(.*\S)\s*\(([^()]+)\)\s*$", parts[-1])
    if not country and len(parts) > 1 and country_code(parts[-1]):
        country = country_code(parts[-1])
        parts = parts[:-1]
    elif not country and paren and country_code(paren.group(2)):
        country = country_code(paren.group(2))
        parts[-1] = paren.group(1)
    name = parts[0]
    affiliation = ", ".join(parts[1:]) or None
    behalf = re.match(r"^(?:on behalf of|for|representing)\s+(?:the\s+)?(.+)$", affiliation or "", re.I)
    if behalf:
        affiliation = behalf.group(1)
    kind = classify(name, affiliation, group_label)
    if kind == "individual" and affiliation and re.fullmatch(r"(?:Lord|Dr|Prof|Ph\.D\.|PhD)\.?", affiliation):
        affiliation = None
    return Signatory(name, kind, affiliation, country)


def classify(name: str, affiliation: str | None, group_label: str) -> str:
    """"individual" or "organization", from the group's label, then the name's shape and words."""
    return "individual" if _is_individual(name, affiliation, group_label) else "organization"


def _is_individual(name: str, affiliation: str | None, group_label: str) -> bool:
    label = group_label.lower()
    if "individual" in label and "organi" not in label:
        return True
    if re.search(r"organi[sz]ations?|groups|networks|companies", label) and "individual" not in label:
        return False
    if ORG_WORDS.search(name) or not PERSON_NAME.match(name) or name.isupper():
        return False
    # A list that mixes organisations and people gives a person with a role or an affiliation
    # ("Jane Roe, Professor, Osaka University"); a name with only a country is an organisation's.
    return bool(affiliation)


def read_section(lines: list[Line], span: tuple[int, int] | None
                 ) -> tuple[list[ListedGroup], Line | None, list[int]]:
    """The groups of the signature list (an unnamed group when there are no headers), the line of
    its first entry, and the lines of all its headers. Each line is checked: what is no signer
    (markup, links, addresses, contact lines, blanks for a name, dates) is left out; a role under a
    name joins it ("CEO, Creative Commons"); a heading over entries, or a line opening a further
    tier, starts a group; a call for more signatures, a copyright line or a heading over no entries
    ends the list."""
    if span is None:
        return [], None, []
    start, end = span
    groups: list[ListedGroup] = []
    current = ListedGroup(UNNAMED_GROUP, None)
    blank_before = True
    first_line = None
    last_named = False     # the line before (blank lines aside) was a name that a role may follow
    bullets = 0
    last_bullet = False
    absorb_until = 0       # lines up to here belong to the signer above (a name, a role, an organisation)
    headings: list[int] = []
    entries = lines[start:end]
    list_numbered = _list_numbers(entries)   # the lines whose bare leading number is the list's own
    prev_text = ""         # the line the last entry was read from
    # in a numbered list, an entry's own number is no house number ("168 Great Place Services")
    numbered_list = _in_sequence([int(m.group(1)) for x in entries if (m := ENTRY_NUMBER.match(x.text.strip()))])
    for n, line in enumerate(entries):
        index = start + n
        text = line.text.strip()
        if not text:
            blank_before = True
            continue
        if text.startswith("|") and text.endswith("|"):
            text = _table_row(text, entries, n)
            if not text:
                continue
        bullet = bool(BULLET.match(text))
        bullets += bullet
        low = text.lower()
        if not bullet and (LIST_END.search(low) or NOTE_START.match(low) or (current.names and _is_heading(text)
                                                     and not _entries_follow(entries, n + 1))):
            break
        if not bullet and bullets >= 3 and len(text.split()) >= 8 and SENTENCE.search(text):
            break   # a note after a bulleted list: the list is over
        if THEMATIC_BREAK.match(text) and (current.names or groups) and not _group_follows(entries, n + 1):
            break   # a rule after the names closes the list: what follows is an appendix, a glossary, a footer
        header = group_header(text)
        if header and header[1] is None and not blank_before and current.names and not text.endswith(":") \
                and not _is_heading(text) and not (len(text.split()) <= 2 and GROUP_LABEL.match(_strip_marks(text))):
            # "Coalition of Community Organizations" amid names, no break before it, is a name; a line
            # that is only a kind of signer ("Individuals", two words at most) heads a group even there (a PDF
            # drops blank lines)
            header = None
        header = header or _tier_or_heading(text, entries, n + 1)
        if header:
            if current.names or current.label != UNNAMED_GROUP or current.claimed is not None:
                groups.append(current)
            current = ListedGroup(header[0], header[1], heading=index)
            headings.append(index)
            blank_before = True
            last_named = False
            continue
        if _not_a_signer(ENTRY_NUMBER.sub("", text, count=1) if numbered_list else text, bullet) or \
                (_is_heading(text) and not _bold_name_over_role(text, entries, n + 1)):
            continue
        if current.names and last_named and not blank_before and not BULLET.match(text) and _inside_brackets(prev_text, text):
            # a name wrapped inside its brackets: "Open Media (Open Media and" / "Information Initiative)",
            # "Community Radio Service" / "(KXRF.fm)": one entry, read again whole
            prev_text = f"{prev_text} {text}"
            entry = parse_entry(prev_text, current.label)
            if entry is not None:
                current.names[-1] = entry
            continue
        if not bullet and current.names and last_named and not blank_before and last_bullet:
            prev = current.names[-1]   # a bullet's entry wrapped onto a line of its own
            more = _strip_marks(text)
            prev.affiliation = f"{prev.affiliation} {more}" if prev.affiliation else more
            blank_before = False
            continue
        last_bullet = bullet
        if not bullet and current.names and (n < absorb_until or (last_named and _is_role(text, entries, n))):
            prev = current.names[-1]
            role = _strip_marks(text)
            prev.affiliation = f"{prev.affiliation}; {role}" if prev.affiliation else role
            prev.type = classify(prev.name, prev.affiliation, current.label)   # a name with a role is a person's
            if n >= absorb_until:
                absorb_until = _short_block_end(entries, n)
            last_named = False
            blank_before = False
            continue
        added = False
        numbered = ENTRY_NUMBER.match(text)
        for k, piece in enumerate(split_joined(text)):
            entry = parse_entry(piece, current.label, numbered=k == 0 and n in list_numbered)
            if entry is None:
                continue
            first_line = first_line or line
            if not blank_before and _may_continue(current.names, text):
                current.wrapped.append(len(current.names))
            current.names.append(entry)
            current.lines.append(index)
            current.numbers.append(int(numbered.group(1)) if numbered and not added else None)
            current.after_blank.append(blank_before)
            added = True
            prev_text = text
        last_named = added
        blank_before = False
    groups.append(current)
    groups = [g for g in groups if g.names or g.claimed is not None]
    for group in groups:
        _numbered_gaps(group)
        _merge_wrapped(group)
        _drop_translations(group)
    return groups, first_line, headings


def _list_numbers(entries: list[Line]) -> set[int]:
    """The lines (indexes into `entries`) whose bare leading number is the list's own: the number goes
    on from the previous line that starts with a bare number, or on to the next one (1, 2, 3 …).
    A number that does neither is part of a name: "1969 KAL Abductees' Families Association"
    among unnumbered names, "350 Climate Network" after "12 Greenpeace"."""
    found = [(n, int(m.group(1))) for n, line in enumerate(entries)
             if (m := BARE_NUMBER.match(line.text)) and not BULLET.match(line.text)]
    numbered: set[int] = set()
    for (a, x), (b, y) in pairwise(found):
        if y == x + 1:
            numbered |= {a, b}
    return numbered


TABLE_RULE = re.compile(r"^\|[\s:|-]+\|$")


def _table_row(text: str, entries: list[Line], n: int) -> str:
    """A Markdown table's row as an entry: its cells tab-separated, a numbering cell dropped; the rule
    under the header, and the header itself, are no entry."""
    nxt = entries[n + 1].text.strip() if n + 1 < len(entries) else ""
    if TABLE_RULE.match(text) or TABLE_RULE.match(nxt):
        return ""
    cells = [c.strip() for c in text.strip("|").split("|")]
    if cells and re.fullmatch(r"\d{1,6}\.?", cells[0]):
        cells = cells[1:]
    return "\t".join(c for c in cells if c)


BOLD_LINE = re.compile(r"(\*\*|__)[^*_]+\1:?")


def _is_heading(text: str) -> bool:
    """A Markdown heading, or a short line that is bold all through."""
    return text.startswith("#") or (text[:1] in "*_" and len(text) <= 80 and bool(BOLD_LINE.fullmatch(text)))


def _entries_follow(entries: list[Line], k: int) -> bool:
    """The next lines (up to three, blank lines aside) are mostly entries, not prose or headings."""
    nxt = [x.text.strip() for x in entries[k: k + 8] if x.text.strip()][:3]
    good = [t for t in nxt if not _is_heading(t) and len(t) <= 300 and _looks_like_entry(_strip_marks(t))
            and not _sentence_like(_strip_marks(t))]
    return len(good) >= min(2, len(nxt)) and bool(good)


LOWER_END = re.compile(r"[a-zß-ÿ][.!?]$")
EARLY_BREAK = re.compile(r"[,\t(]")


def _sentence_like(text: str) -> bool:
    """A sentence, not a name with its description: six words or more, ending in a full stop, no
    comma or tab early on ("More will follow here as it becomes available to us.")."""
    return text[-1:] in ".!?" and len(text.split()) >= 6 and bool(LOWER_END.search(text)) \
        and not EARLY_BREAK.search(text[:40])


def _bold_name_over_role(text: str, entries: list[Line], k: int) -> bool:
    """A bold name over one or two lines of its role, then a blank line ("**Jo Roe**" / "Director,
    Rural Health Alliance"): a signer, not a heading, unless the bold words are a kind of signer."""
    if text.startswith("#") or group_header(text) or not _name_line(_strip_marks(text).rstrip(":")):
        return False
    under = 0
    for line in entries[k:k + 4]:
        if not line.text.strip():
            break
        if _is_heading(line.text.strip()):
            return False
        under += 1
    return 1 <= under <= 2


def _tier_or_heading(text: str, entries: list[Line], k: int) -> tuple[str, int | None] | None:
    """A line opening a further tier ("Also signed by:"), a count heading, or a heading over entries:
    a group, labelled with its words (the count heading's number is that group's claim)."""
    if len(text) > 120:
        return None
    if "," in text and not text.endswith((":", "：")):
        return None   # "Name, affiliation": an entry, not a heading (the common case, decided cheaply)
    if COUNT_HEADING.match(text):
        return UNNAMED_GROUP, count_heading(text)
    if TIER.match(text) or START.match(text) or (_is_heading(text) and _entries_follow(entries, k)
                                                 and not _bold_name_over_role(text, entries, k)):
        label = _strip_marks(text.lstrip("#").strip()).strip(" :：")
        return (label or UNNAMED_GROUP), None
    return None


def _group_follows(entries: list[Line], k: int) -> bool:
    """The next line (blank lines aside) heads a further group of signers."""
    nxt = next((x.text.strip() for x in entries[k:k + 6] if x.text.strip()), "")
    return bool(nxt) and (bool(group_header(nxt)) or bool(TIER.match(nxt)) or _is_heading(nxt))


def _not_a_signer(text: str, bullet: bool) -> bool:
    if TAG.search(text):
        shown = TAG.sub("", _strip_marks(text)).strip()
        if not shown or not _looks_like_entry(shown) or _sentence_like(shown):
            return True   # a note in HTML set among the names: "<small>affiliations for identification only</small>"
    if "![" in text and not _strip_marks(IMAGE.sub("", text)):
        return True   # an image and nothing else: a logo's alt text is no name
    body = _strip_marks(text)
    if not body or (MARKUP_HINT.search(body) and MARKUP.search(body)) or PLACEHOLDER.search(body.lower()) \
            or CONTACT.match(body):
        return True
    if DIGIT.search(body) and (POSTCODE.search(body) or (len(body) <= 80 and STREET.search(body))
                               or standalone_date(body)):
        return True
    # a sentence set among the names (an instruction, a note), not a name with its description
    return not bullet and (_sentence_like(body) or (len(body.split()) >= 10 and bool(SENTENCE.search(body))
                                                    and "," not in body[:40]))


def _short_block_end(entries: list[Line], n: int) -> int:
    """Where the paragraph of line `n` ends, when that paragraph is one signer's block (a name, a role
    and perhaps an organisation: four lines at most); else `n` (nothing more to take)."""
    start = n
    while start > 0 and entries[start - 1].text.strip():
        start -= 1
    end = n
    while end < len(entries) and entries[end].text.strip():
        end += 1
    return end if end - start <= 4 else n


def _is_role(text: str, entries: list[Line], n: int) -> bool:
    """A role under a name: it starts with a role word, or it names a role and closes its block."""
    clean = _strip_marks(text).lower()
    if "," in clean and clean.count(" ", 0, clean.index(",")) > 2:
        return False   # "Osaka Association for Digital Rights, Canada": a name with its place, not a role
    if ROLE.match(clean):
        return True
    last_of_block = n + 1 >= len(entries) or not entries[n + 1].text.strip()
    return last_of_block and "," not in clean and len(clean.split()) <= 6 and bool(ROLE_IN.search(clean))


def _script(text: str) -> str:
    letters = [c for c in text if c.isalpha()]
    latin = sum(c.isascii() or "\u00c0" <= c <= "\u024f" for c in letters)
    return "latin" if letters and latin * 2 >= len(letters) else "other"


def _drop_translations(group: ListedGroup) -> None:
    """A bilingual list gives each name twice, in two scripts, one after the other: keep the first."""
    names = group.names
    if len(names) < 4 or len(names) % 2 or _script(names[0].name) == _script(names[1].name):
        return
    scripts = [_script(x.name) for x in names]
    if all(scripts[i] == scripts[0] and scripts[i + 1] != scripts[0] for i in range(0, len(names), 2)):
        group.names = names[::2]
        group.lines = group.lines[::2]


def split_joined(text: str) -> list[str]:
    """'Olvid (France)OpenCloud (Germany)': two entries pasted together without a break."""
    pieces = [p for p in re.split(r"(?<=\))(?=[A-Z][a-z])", text) if p.strip()]
    # only where each piece ends in a country: "Jason Jin (金凯)Computer Engineer" is one entry
    if len(pieces) > 1 and all(country_code(m.group(1)) for p in pieces[:-1]
                               for m in [re.search(r"\(([^()]*)\)\s*$", p)] if m):
        return pieces
    return [text]


def _may_continue(names: list[Signatory], text: str) -> bool:
    if not names:
        return False
    prev = names[-1]
    first_word = text.split()[0]
    return prev.country is None and len(prev.name) + len(prev.affiliation or "") > 50 and (
        first_word.endswith(("ed", "ing")) or first_word[:1].islower())


ENTRY_NUMBER = re.compile(r"^(\d{1,4})(?:[.)]?\s|\t)")


def _inside_brackets(prev: str, text: str) -> bool:
    """The line goes on inside the brackets of the entry above: that one opens a bracket it does not
    close, or this one starts with one, or closes one it did not open."""
    return prev.count("(") > prev.count(")") or text.startswith("(") or text.count(")") > text.count("(")


def _in_sequence(numbers: list[int]) -> bool:
    """Numbers at the start of a list's lines that count up one by one, four steps or more and most of
    them (a house number among them aside): a numbered list."""
    steps = sum(b == a + 1 for a, b in zip(numbers, numbers[1:], strict=False))
    return steps >= 4 and steps >= 0.6 * (len(numbers) - 1)


def _numbered_gaps(group: ListedGroup) -> None:
    """A list numbered 1, 2, 3 … has no unnumbered entry between two that follow each other (n, n+1):
    a line right under entry n continues it (a name wrapped onto a second line); after a blank line,
    it is something the layout set there (an address, a note) and is left out."""
    nums = group.numbers
    if not _in_sequence([n for n in nums if n is not None]):
        return
    keep: list[int] = []
    last = None                # index of the last numbered entry kept
    continuing = False
    for i, n in enumerate(nums):
        if n is not None:
            keep.append(i)
            last, continuing = i, True
            continue
        nxt = next((m for m in nums[i + 1:] if m is not None), None)
        if last is None or nxt != nums[last] + 1:
            keep.append(i)
            continuing = False
            continue
        if continuing and not group.after_blank[i]:
            prev, cont = group.names[last], group.names[i]
            tail = ", ".join(x for x in (cont.name, cont.affiliation) if x)
            if prev.affiliation:
                prev.affiliation = f"{prev.affiliation} {tail}"
            else:
                prev.name = f"{prev.name} {tail}"
            continue
        continuing = False
    if len(keep) == len(nums):
        return
    index = {old: new for new, old in enumerate(keep)}
    group.wrapped = [index[i] for i in group.wrapped if i in index]
    for attr in ("names", "lines", "numbers", "after_blank"):
        values = getattr(group, attr)
        setattr(group, attr, [values[i] for i in keep])


def _merge_wrapped(group: ListedGroup) -> None:
    """Join entries wrapped onto a second line, only as many as the group's own count says."""
    if group.claimed is None:
        excess = 0
        wrapped = [i for i in group.wrapped if group.names[i].name[:1].islower()]
    else:
        excess = len(group.names) - group.claimed
        wrapped = group.wrapped[:excess] if excess > 0 else []
    for i in sorted(wrapped, reverse=True):
        prev, cont = group.names[i - 1], group.names[i]
        tail = ", ".join(x for x in (cont.name, cont.affiliation) if x)
        if prev.affiliation:
            prev.affiliation = f"{prev.affiliation} {tail}"
        else:
            prev.name = f"{prev.name} {tail}"
        prev.country = cont.country
        del group.names[i]
        del group.lines[i]


def _count_under_closing(lines: list[Line], closing: int) -> tuple[int | None, str | None, int | None]:
    """A count of organisations or people in one of the two lines under the closing, said in a
    sentence (a word in lower case before the number, so a name such as "5 Rivers Network" is none):
    "Best regards, / The founders of the following 457 start-up companies". (count, phrase, line)"""
    after = [k for k in range(closing + 1, min(len(lines), closing + 8)) if lines[k].text.strip()][:2]
    for k in after:
        text = plain(lines[k].text.strip())
        m = COUNT_IN_LINE.search(text) if len(text) <= 200 else None
        if m and int(m.group(1)) > 1 and re.search(r"(?<!\w)[a-zß-ÿ]", text[: m.start()]):
            return int(m.group(1)), m.group(0), k
    return None, None, None


FROM_LABEL = re.compile(rf"^[\W_]*{alternation('sender')}\s*[:：]\s*(?P<rest>\S.*)$", re.I)


def _from_block(lines: list[Line]) -> tuple[Signatory, Line] | None:
    """A letter with no list that names its sender in a "From:" line is signed by that one sender."""
    for line in lines[:60]:
        m = FROM_LABEL.match(line.text)
        if m and not re.search(r"@|https?://", m.group("rest")) and (entry := parse_entry(m.group("rest"), UNNAMED_GROUP)):
            return entry, line
    return None


def extract_signatories(record: Record, lines: list[Line], where: dict,
                        span: tuple[int, int] | None) -> SignatureLines | None:
    """Reads record.signatories; returns where the list's entries and headings are in `lines` (None
    when the names are not each on a line of the list, as in a list written as one sentence)."""
    closing = next((i for i, x in enumerate(lines) if START.match(x.text.strip())), len(lines))
    # the count may sign the letter itself: "Signed, / 486 tech workers"
    intro = "\n".join(x.text for x in lines[:closing + 4])
    claimed, parts, phrase = claimed_count(plain(intro))
    if claimed is None:   # a heading that counts them: "### 2274 signataires"
        claimed = next((n for x in lines if (n := count_heading(x.text)) is not None), None)
        phrase = f"{claimed}" if claimed is not None else None
    if claimed is None:   # the line under the closing says how many sign: it heads the list, no signer
        claimed, phrase, at = _count_under_closing(lines, closing)
        if at is not None and span and span[0] <= at < span[1] and not any(x.text.strip() for x in lines[span[0]:at]):
            span = (at + 1, span[1])
    if claimed is None and span:
        # beside the list's heading: "In addition to the 60 public signatures, 91 staff signed anonymously"
        near = "\n".join(x.text for x in lines[max(0, span[0] - 3): span[0] + 4])
        if m := SIGNATURES_NEAR.search(plain(near)):
            claimed, phrase = int(re.sub(r"\D", "", m.group(1))), m.group(0)
    groups, first, headings = read_section(lines, span)
    layout = SignatureLines([i for g in groups for i in g.lines], [g.heading for g in groups], headings)
    if not groups and (run_on := run_on_list(lines, claimed)):
        groups, first, layout = [run_on[0]], run_on[1], None
    if not groups and (signed := signed_run(lines)):
        groups, first, layout = [signed[0]], signed[1], None
        if claimed is None and signed[2] is not None:
            claimed, phrase = signed[2], f"{signed[2]}"
    if not groups and (sender := _from_block(lines)):
        groups, first, layout = [ListedGroup(UNNAMED_GROUP, None, [sender[0]])], sender[1], None
    # a total stated in the text, split by kind, gives each unnumbered group its own claim
    if parts and len(groups) > 1 and all(g.claimed is None for g in groups):
        for group in groups:
            key = "individuals" if "individual" in group.label.lower() else "organizations"
            group.claimed = parts.get(key) if key in parts and len(parts) > 1 else None
    if claimed is None and groups and all(g.claimed is not None for g in groups):
        claimed = sum(g.claimed for g in groups)
    record.signatories = Signatures(claimed, [Group(g.label, g.claimed, g.names) for g in groups])
    where["signatories"] = first.no if first else None
    where["claimed"] = next((x.no for x in lines if phrase and phrase.split()[0] in x.text), None) if phrase else None
    return layout
