"""The counts of signers a text states: "on behalf of 76 organisations", "### 1312 signataires", a
count under the closing line."""


from __future__ import annotations

import re

from .languages import alternation, fragments
from .lines import Line
from .text import plain

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


# the words between the number and its noun may be a list of kinds: "112 farmworker, consumer and
# environmental organisations" (words, not numbers: "40 cities, 12 groups" counts the cities)
CLAIM_TRIGGER = re.compile(
    rf"{alternation('claim_cue')}\s+(?:the\s+)?{NUM}\s+"
    rf"(?:[^\W\d_][\w-]*,?\s+){{0,4}}?({ORG_NOUN}|{PERSON_NOUN}|{PEOPLE_PLURAL})\b"
    rf"(?:,?\s+(?:[\w-]+\s+){{0,3}}?and\s+(?:[\w-]+\s+){{0,2}}?{NUM}\s+(?:[\w-]+\s+){{0,2}}?({ORG_NOUN}|{PERSON_NOUN}))?",
    re.I)


CLAIM_LEAD = re.compile(rf"^[\W_]*{NUM}\s+(?:[\w-]+\s+){{0,4}}?({ORG_NOUN}|{PERSON_NOUN})\b", re.I)


SIGNER_COUNT = re.compile("|".join(fragments("signer_count")))   # one group per fragment holds the number


# A count inside the line under the closing: "The founders of the following 457 start-up companies."
COUNT_IN_LINE = re.compile(rf"(?<![\w.,])(\d{{1,5}})\s+(?:[\w-]+\s+){{0,3}}?({ORG_NOUN}|{PERSON_NOUN})\b", re.I)


# A heading that counts the signers: "### 1312 signataires", "1.234 Unterschriften".
COUNT_HEADING = re.compile(
    rf"^[#*_\s]*(\d{{1,3}}(?:[ .,\u202f\u00a0]\d{{3}})+|\d{{1,6}})\s+{alternation('signer_noun')}[\W_]*$", re.I)


SIGNATURES_NEAR = re.compile(
    rf"(?<![\d.,])(\d{{1,3}}(?:[.,\u202f\u00a0]\d{{3}})+|\d{{1,6}})\s+(?:[\w-]+\s+)?{alternation('signer_noun')}\b", re.I)


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
    """The count a heading states: '### 1312 signataires' -> 1312."""
    m = COUNT_HEADING.match(text.strip())
    return int(re.sub(r"\D", "", m.group(1))) if m else None


def count_under_closing(lines: list[Line], closing: int) -> tuple[int | None, str | None, int | None]:
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
