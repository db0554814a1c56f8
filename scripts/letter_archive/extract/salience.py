"""The addressee by salience, for a letter that greets nobody by name: no salutation, address block,
'To:' line or headline names one, but its sentences put duties and demands to someone — "we call on
Northwind Energy to …", "we petition Acme Retail's board to …", "Acme Retail Inc. must publish …",
"… until Acme Retail withdraws …". Each body named in such a role is a candidate, weighted by the
role, then by how often the letter names it at all; the best one is the addressee, of whatever kind
(a company, a broadcaster, a foundation, a government), its kind read from its name."""

from __future__ import annotations

import re
from collections import Counter

from ..model import Person
from .addressees import government_of
from .languages import alternation
from .lines import Line, paragraphs
from .text import sentences

NAME_WORD = r"[A-ZÀ-Þ][\w&.'’-]*"
LINKER = r"(?:of|for|on|and|de|du|des|del|della|di|la|le|van|von|der|&)"
# a body's name: capitalised words, with "of", "for", "de" … between them ("Bank of the North": "the" too)
ENTITY = rf"(?:[Tt]he\s+)?(?P<name>{NAME_WORD}(?:\s+(?:{LINKER}\s+(?:the\s+)?)?{NAME_WORD}){{0,6}})"
OWNED = r"(?:['’]s?(?:\s+[a-z]+){1,2})?"   # "Acme Retail's board": Acme Retail, whose board it is
ROLES = (
    # "we call on X to", "we urge X to", "we petition X's board to"
    (re.compile(rf"\b(?:{alternation('demand_verb')})\s+{ENTITY}{OWNED}\s+(?:to|that)\b"), 3.0),
    # "X must publish", "X should resign": a named body's duty
    (re.compile(rf"(?:^|[.;:!?]\s+|,\s+){ENTITY}{OWNED}\s+(?:{alternation('duty_modal')})\s+(?:not\s+)?[a-z]"), 2.0),
    # "until X withdraws", "unless X agrees": what the letter waits for X to do
    (re.compile(rf"\b(?:until|unless|till)\s+{ENTITY}\s+[a-z]+s\b"), 1.0),
)
PRONOUN = re.compile(rf"^(?:{alternation('pronoun')})$", re.I)
NOT_A_BODY = re.compile(r"^(?:January|February|March|April|May|June|July|August|September|October|November|"
                        r"December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
# what a company's or body's full name may add after the words a sentence uses: "Acme Retail Inc."
SUFFIX = r"(?:\s+(?:Inc|Ltd|LLC|plc|PLC|GmbH|AG|SA|S\.A|NV|BV|Co|Corp|Corporation|Group|Holdings)\.?)"


def salient_addressees(lines: list[Line], demands: list[str]) -> tuple[list[Person], int | None, float]:
    """The body the letter's duties and demands are put to most, with the line it is first named
    in and its weight, or nothing when no sentence puts a demand to a named body."""
    text = "\n".join(x.text for x in lines)
    weight: Counter[str] = Counter()
    said = [s for par in paragraphs(lines) for s in sentences(" ".join(x.text for x in par))]
    for sentence in dict.fromkeys(" ".join(s.split()) for s in [*said, *demands]):   # a demand is a sentence too: once
        for pattern, value in ROLES:
            for m in pattern.finditer(sentence):
                name = _body(m.group("name"))
                if name:
                    weight[name] += value
    if not weight:
        return [], None, 0.0
    for name in weight:   # a body the letter names often is more likely the one it writes to
        weight[name] += min(2.0, 0.25 * len(re.findall(rf"(?<!\w){re.escape(name)}(?!\w)", text)))
    best = max(weight, key=lambda n: (weight[n], len(n)))
    full = _full_name(best, text)
    at = next((x.no for x in lines if best in x.text), None)
    return [Person(full, None, government_of([full]))], at, weight[best]


def _body(name: str) -> str | None:
    """A candidate's name as a body's: the possessive and a first word that is a pronoun dropped."""
    name = re.sub(r"['’]s?$", "", name.strip()).strip(" .,")
    words = name.split()
    if not words or PRONOUN.match(words[0]) or NOT_A_BODY.match(name) or len(name) < 3:
        return None
    return name


def _full_name(name: str, text: str) -> str:
    """The fullest form the letter writes the name in: 'Acme Retail' -> 'Acme Retail Inc.'."""
    m = re.search(rf"(?<!\w){re.escape(name)}{SUFFIX}", text)
    return m.group(0) if m else name
