"""Signature entries, one line at a time: what a line of a signature list is (a name, an organisation
with its country or role, a heading, a note, markup), and how an entry is parsed and typed."""


from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..model import Signatory
from ..places import country_code
from .counts import COUNT_HEADING
from .dates import standalone_date
from .languages import LowerMatcher, alternation, fragments
from .text import MARKDOWN_LINK

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


# A role on the line under a name: "CEO, Open Rivers", "Governadora do Estado".
# (both matched against lower-cased text, as a case-insensitive match through many words is slow)
ROLE = re.compile(rf"(?:co-|vice[- ]|deputy |acting |executive )?{alternation('signer_role')}(?!\w)")


ROLE_IN = re.compile(rf"(?<!\w){alternation('signer_role')}(?!\w)")


# A bullet, or a list number with its punctuation: "1.", "1)", "(1)", "1 -", "1<TAB>".
BULLET = re.compile("^\\s*(?:[-*•·]\\s+|\\d{1,4}\\s?[.)]\\s+|\\(\\d{1,4}\\)\\s+|\\d{1,4}\\s+[-–—]\\s+|\\d{1,4}\\t"
                    "|[▪◦‣●○■□➢►✓\uf0b7\uf0a7\uf076\uf0d8\uf0fc]\\s*)")


# A number and a space, no punctuation, at a line's start: "1950 Harbour Families Association"
# is a name, "3 Amnesty International" in a list numbered 1, 2, 3 is not (see _list_numbers).
BARE_NUMBER = re.compile(r"^\s*(\d{1,4})\s+(?=\S)")


LIST_NUMBER = re.compile(r"^(?:\d{1,4}\s?[.)]|\(\d{1,4}\)|\d{1,4}\s+[-–—])\s+(?=\S)")   # what strip_marks left: "**1.** Name"


GROUP_HEADER_START = r"^[\W_]*\(?\s*(?P<label>[^(),\d]{3,80}?)\s*(?:[,(]\s*(?P<count>\d{1,4})\s*\)?)?\s*\)?[\s*_]*"
GROUP_HEADER = re.compile(
    GROUP_HEADER_START + rf"(?:[,;(–-]?\s*\*?{alternation('list_order')}\*?\s*\)?)?[\s:*_]*$", re.I)   # "(in alphabetical order)"
# The same without a list order: what GROUP_HEADER matches in a line that names none, ten times faster
# (the order's words are otherwise tried after every length of the label).
GROUP_HEADER_NO_ORDER = re.compile(GROUP_HEADER_START + r"[\s:*_]*$", re.I)
LIST_ORDER = re.compile(alternation("list_order"), re.I)


def required_words(fragments: list[str]) -> tuple[str, ...] | None:
    """For each fragment, a word any text it matches must hold (its longest plain word outside groups
    and quantifiers), so that a text holding none of them is known not to match without the regex
    being tried at each of its positions; None when some fragment has no such word."""
    words = []
    for fragment in fragments:
        rest, previous = fragment, None
        while rest != previous:   # groups, innermost first: their words may be absent or alternatives
            previous, rest = rest, re.sub(r"\((?:\?:)?[^()]*\)(?:[?*+]|\{[\d,]*\})?", " ", rest)
        if "|" in rest or "(" in rest:
            return None
        rest = re.sub(r"(?:\\.|\[[^\]]*\]|.)(?:[?*]|\{0)|\{[\d,]*\}", " ", rest)   # what may be absent
        plain = [w for w in re.split(r"\\.|\[[^\]]*\]|[^\w]", rest) if len(w) >= 3]
        if not plain:
            return None
        words.append(max(plain, key=len).lower())
    return tuple(words)


LIST_ORDER_WORDS = required_words(fragments("list_order"))


def names_list_order(text: str) -> bool:
    lower = text.lower()
    return (LIST_ORDER_WORDS is None or any(w in lower for w in LIST_ORDER_WORDS)) and bool(LIST_ORDER.search(text))


GROUP_WORDS = re.compile(rf"\b{alternation('group_word')}\b", re.I)


class _LowerCased:
    """A LowerMatcher asked of text in any case (it lower-cases it first): as fast as LowerMatcher, used
    like a compiled pattern's .search."""

    def __init__(self, fragments: list[str]) -> None:
        self.matcher = LowerMatcher(fragments)

    def search(self, text: str) -> object:
        return self.matcher.search(text.lower())


ORG_WORDS = _LowerCased([rf"\b{f}\b" for f in fragments("org_word")])   # was a case-insensitive pattern: 10x slower


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


SENTENCE = re.compile(r"[a-zß-ÿ]{4}[.!?](?:\s+\S|$)")   # "… the year." ends a sentence; "Ph.D.", "Inc." do not


THEMATIC_BREAK = re.compile(r"^(?:[*_-][ \t]*){3,}$")   # "***", "---", "* * *"


TAG = re.compile(r"</?[a-zA-Z][\w-]*(?:\s[^<>]*)?/?>")      # an inline HTML tag


LINKED = re.compile(r"\]\(|https?://|www\.")   # a Markdown link or an address in a list item


EMPHASIS = re.compile(r"(\*\*|__|(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w))")   # Markdown emphasis marks


# The per-line tests below are pure functions of a line's text, and each candidate signature block of a
# letter asks them of the same lines again: remembering the answers for a letter's lines saves the work.
LINE_MEMO = 4096


def row_entry(cells: list[str]) -> str:
    """A table row as a list entry: its filled cells tab-separated, a numbering cell ("12", "12.") left out."""
    cells = [c for c in cells if c]
    if cells and NUMBER_CELL.fullmatch(cells[0]):
        cells = cells[1:]
    return "\t".join(cells)


NUMBER_CELL = re.compile(r"\d{1,6}\.?")


@lru_cache(maxsize=LINE_MEMO)
def strip_marks(text: str) -> str:
    text = BULLET.sub("", text, count=1)
    if "[" not in text and "*" not in text and "_" not in text:   # most entries: nothing to strip
        return text.strip()
    text = MARKDOWN_LINK.sub(r"\1", text)                          # markdown links -> text
    text = EMPHASIS.sub("", text)
    return text.strip().strip("\t").strip()


def looks_like_entry(text: str) -> bool:
    if not text or len(text) > 400:
        return False
    head = EARLY_BREAK.split(text, maxsplit=1)[0].strip()
    return bool(head) and (head[0].isupper() or head[0].isdigit() or not head[0].isascii()) and len(head) <= 120


# Each way a line is read as a group's heading needs "(" or a group word in it: looked for first, as most
# lines are names, and GROUP_HEADER tries its label at every length before it fails on them.
GROUP_HINT = LowerMatcher(fragments("group_word") + fragments("group_label"))   # on lower-cased text: fast


@lru_cache(maxsize=LINE_MEMO)
def group_header(text: str) -> tuple[str, int | None] | None:
    clean = strip_marks(text) if not BULLET.match(text) else None
    if not clean or len(clean) > 90 or ("(" not in clean and not GROUP_HINT.search(clean.lower())):
        return None
    m = (GROUP_HEADER if names_list_order(clean) else GROUP_HEADER_NO_ORDER).match(clean)
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


NO_LETTERS = re.compile(r"[\W\d_]+")
TRAILING_PAREN = re.compile(r"^(.*\S)\s*\(([^()]+)\)\s*$")
ON_BEHALF = re.compile(r"^(?:on behalf of|for|representing)\s+(?:the\s+)?(.+)$", re.I)
COUNTRY_AFTER_DASH = re.compile(r"^(.*\S)\s+[–—-]\s+([^–—,()-]{2,40})$")


# "Maria Lopez – Harbour Residents Association": a person, a spaced dash, what she signs for
NAME_DASH_REST = re.compile(r"^(?P<name>[^–—,\t]*?\S)\s+[–—-]\s+(?P<rest>\S[^\t]*)$")


def dash_separates_people(texts: list[str]) -> bool:
    """A list whose entries are mostly "Person Name – Organisation" (at least three, two in three): there
    the dash separates a signer from an affiliation, as a comma does. One entry so shaped in a list
    of organisations ("Friends of the Valley – Youth Section") keeps its name whole."""
    shaped = sum(1 for t in texts if (m := NAME_DASH_REST.match(strip_marks(BULLET.sub("", t))))
                 and PERSON_NAME.match(m.group("name")) and not ORG_WORDS.search(m.group("name")))
    return shaped >= 3 and shaped * 3 >= 2 * len(texts)


def parse_entry(text: str, group_label: str, numbered: bool = False, dash_splits: bool = False) -> Signatory | None:
    """One listed signatory: {name, type, affiliation, country}. A number before the name is the
    list's ("1. Name", "(1) Name", "1 - Name") when punctuation follows it; a bare number ("3 Name")
    only when `numbered` says the list around it counts 1, 2, 3 (_list_numbers): else it is part of
    the name ("1950 Harbour Families Association", "350 Climate Network")."""
    text = LIST_NUMBER.sub("", SIGNED_MARK.sub("", strip_marks(text)), count=1)
    if numbered:
        text = BARE_NUMBER.sub("", text, count=1)
    if not text or NO_LETTERS.fullmatch(text):
        return None
    country = None
    dashed = COUNTRY_AFTER_DASH.match(text)   # "Red Muqui – Peru": the country after a spaced dash
    if dashed and (country := country_code(dashed.group(2))):
        text = dashed.group(1)
    if dash_splits and "\t" not in text and (m := NAME_DASH_REST.match(text)) and PERSON_NAME.match(m.group("name")):
        text = f"{m.group('name')}, {m.group('rest')}"
    parts = [p.strip() for p in (text.split("\t") if "\t" in text else text.split(","))]
    parts = [p for p in parts if p]
    if not parts:
        return None
    paren = TRAILING_PAREN.match(parts[-1])
    if not country and len(parts) > 1 and country_code(parts[-1]):
        country = country_code(parts[-1])
        parts = parts[:-1]
    elif not country and paren and country_code(paren.group(2)):
        country = country_code(paren.group(2))
        parts[-1] = paren.group(1)
    name = parts[0]
    affiliation = ", ".join(parts[1:]) or None
    behalf = ON_BEHALF.match(affiliation) if affiliation else None
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
    # ("Jane Roe, Professor, Westmere University"); a name with only a country is an organisation's.
    return bool(affiliation)


BOLD_LINE = re.compile(r"(\*\*|__)[^*_]+\1:?")


def is_heading(text: str) -> bool:
    """A Markdown heading, or a short line that is bold all through."""
    return text.startswith("#") or (text[:1] in "*_" and len(text) <= 80 and bool(BOLD_LINE.fullmatch(text)))


LOWER_END = re.compile(r"[a-zß-ÿ][.!?]$")


EARLY_BREAK = re.compile(r"[,\t(]")


def sentence_like(text: str) -> bool:
    """A sentence, not a name with its description: six words or more, ending in a full stop, no
    comma or tab early on ("More will follow here as it becomes available to us.")."""
    return text[-1:] in ".!?" and len(text.split()) >= 6 and bool(LOWER_END.search(text)) \
        and not EARLY_BREAK.search(text[:40])


# a line wholly in brackets: "[the full list is attached]", "(list to follow.)"
BRACKETED = re.compile(r"^\s*[\[(]\s*([^\[\]()]+?)\s*[\])]\s*$")


@lru_cache(maxsize=LINE_MEMO)
def not_a_signer(text: str, bullet: bool) -> bool:
    if (m := BRACKETED.match(text)) and (m.group(1)[:1].islower() or m.group(1).endswith(".")):
        return True   # an editor's note in brackets, in lower case or a sentence, is nobody's name
    if TAG.search(text):
        shown = TAG.sub("", strip_marks(text)).strip()
        if not shown or not looks_like_entry(shown) or sentence_like(shown):
            return True   # a note in HTML set among the names: "<small>affiliations for identification only</small>"
    if "![" in text and not strip_marks(IMAGE.sub("", text)):
        return True   # an image and nothing else: a logo's alt text is no name
    body = strip_marks(text)
    if not body or (MARKUP_HINT.search(body) and MARKUP.search(body)) or PLACEHOLDER.search(body.lower()) \
            or CONTACT.match(body):
        return True
    if DIGIT.search(body) and (POSTCODE.search(body) or (len(body) <= 80 and STREET.search(body))
                               or standalone_date(body)):
        return True
    # a sentence set among the names (an instruction, a note), not a name with its description
    return not bullet and (sentence_like(body) or (len(body.split()) >= 10 and bool(SENTENCE.search(body))
                                                    and "," not in body[:40]))
