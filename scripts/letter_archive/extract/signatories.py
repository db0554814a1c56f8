"""Signatories: find the signature section, read its groups and entries (Name, Country / Name<TAB>Country /
bare names / numbered table rows / bullets), count what the text claims and what it lists."""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field

from ..errors import Problem
from ..places import country_code
from .lines import Line, paragraphs
from .text import MARKDOWN_LINK, plain

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
}
NUM = r"(\d{1,5}|" + "|".join(NUMBER_WORDS) + r")"
ORG_NOUN = (r"(?:non-?governmental |civil society |human rights |international |national |local )*"
            r"(?:organi[sz]ations?|groups?|NGOs|CSOs|networks?|coalitions?|companies|unions|associations|"
            r"Ortsgruppen|Organisationen|organizaciones|organisations)")
PERSON_NOUN = r"(?:concerned )?(?:individuals|persons|people|experts|scholars|workers|tech workers|signatories)"
CLAIM_TRIGGER = re.compile(
    rf"(?:on behalf of|signed by|endorsed by|we,? the|undersigned|representing)\s+(?:the\s+)?{NUM}\s+"
    rf"(?:[\w-]+\s+){{0,3}}?({ORG_NOUN}|{PERSON_NOUN})"
    rf"(?:,?\s+(?:[\w-]+\s+){{0,3}}?and\s+(?:[\w-]+\s+){{0,2}}?{NUM}\s+(?:[\w-]+\s+){{0,2}}?({ORG_NOUN}|{PERSON_NOUN}))?",
    re.I)
CLAIM_LEAD = re.compile(rf"^[\W_]*{NUM}\s+(?:[\w-]+\s+){{0,4}}?({ORG_NOUN}|{PERSON_NOUN})\b", re.I)
CLAIM_KO = re.compile(r"(\d{1,5})\s*개\s*(?:단체|시민단체|조직)|(?:私たち|我々|われわれ)\s*(\d{1,5})\s*(?:団体|組織)")

START = re.compile(
    r"^[\W_]*(?:sincerely|yours sincerely|yours faithfully|yours truly|respectfully(?: yours)?|"
    r"best regards|kind regards|with regards|regards|in solidarity|signed|"
    r"mit (?:freundlichen|solidarischen|besten) grüßen|atentamente|cordialement|saludos cordiales|"
    r"signatories|signatory|signatures?\b.*|signature organi[sz]ations.*|signed by.*|list of signatories.*|"
    r"supported by.*|endorsed by.*|endorses as of.*|endorsements?|co-?signatories|unterzeichnende.*|"
    r"unterzeichner.*|erstunterzeichner.*|firmantes.*|signatarios.*|firman.*|signataires.*|서명.*|支持者.*)"
    r"[\W_]*$", re.I)
STOP = re.compile(r"^\s*(?:cc|c\.c|copy to|copies to)\s*[:.]", re.I)
BULLET = re.compile(r"^\s*(?:[-*•·]\s+|\d{1,4}[.)]\s+|\d{1,4}\t)")
GROUP_HEADER = re.compile(
    r"^[\W_]*\(?\s*(?P<label>[^(),\d]{3,80}?)\s*(?:[,(]\s*(?P<count>\d{1,4})\s*\)?)?\s*\)?[\s*_]*"
    r"(?:\*?alphabetical order\*?)?[\s:*_]*$", re.I)
GROUP_WORDS = re.compile(
    r"\b(?:groups?|organi[sz]ations?|individuals?|persons|networks?|members|supporters|signatories|"
    r"international|regional|national|academics|experts|companies|organisationen|einzelpersonen|"
    r"organizaciones|personas|단체|개인)\b", re.I)
ORG_WORDS = re.compile(
    r"\b(?:association|associa[çc][ãa]o|asociaci[oó]n|center|centre|centro|council|committee|coalition|"
    r"network|institute|institution|instituto|foundation|fundaci[oó]n|stiftung|watch|international|group|"
    r"alliance|society|union|campaign|forum|project|organi[sz]ation|rights|academy|media|league|federation|"
    r"initiative|movement|church|university|college|school|party|trust|fund|funds|agency|office|board|"
    r"commission|congress|assembly|partnership|solidarity|action|aid|justice|freedom|peace|women|workers|"
    r"families|family|victims|club|corporation|company|inc|ltd|gmbh|e\.v|sas|ag|llc|labs?|studio|press|"
    r"radio|tv|news|chambers|korea|japan|china|burma|nepal|africa|asia|europe|america|global|world|"
    r"people|citizens|council|service|services|collective|cooperative|verein|bund|netzwerk)\b", re.I)
# A header that is only a kind of signatory: "Groups", "Individuals", "National organizations".
GROUP_LABEL = re.compile(
    r"^(?:[\w&'’-]+\s+){0,4}?(?:groups|organi[sz]ations|individuals|networks|signatories|members|supporters|"
    r"persons|academics|experts|companies|ngos|csos|endorsers|organisationen|einzelpersonen|organizaciones|"
    r"personas|단체|개인)$", re.I)
PERSON_NAME = re.compile(
    r"^(?:(?:Dr|Prof|Rev|Mr|Ms|Mrs|Sir|Lord|Baroness|Fr|Sr)\.?\s+)?"
    r"[A-ZÀ-ÖØ-ÞĀ-ſ][\w'’.-]*(?:\s+(?:(?:van|von|de|del|der|da|di|le|la|bin|al|el)\s+)?[A-ZÀ-ÖØ-ÞĀ-ſ][\w'’.-]*){1,3}"
    r"(?:,?\s+(?:Ph\.D\.|PhD|AO|QC|OBE|MBE|Jr\.?))*$")


@dataclass
class Group:
    label: str
    claimed: int | None
    names: list[dict] = field(default_factory=list)
    wrapped: list[int] = field(default_factory=list)  # indexes of entries that may continue the previous


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
    m = CLAIM_KO.search(text)
    if m:
        n = int(m.group(1) or m.group(2))
        return n, {"organizations": n}, m.group(0)
    return None, {}, None


def _kind_of_noun(noun: str) -> str:
    return "individuals" if re.search(PERSON_NOUN, noun, re.I) else "organizations"


def find_section(lines: list[Line]) -> tuple[int, int] | None:
    """(first, end) line indexes of the signature list, or None."""
    start = None
    for i, line in enumerate(lines):
        if len(line.text) < 120 and START.match(line.text.strip()):
            start = i + 1
    if start is None:
        run = _trailing_bullet_list(lines)
        # a list found only by its bullets ends with them: what follows is a note or a link, not a name
        return run
    end = len(lines)
    for i in range(start, len(lines)):
        text = lines[i].text.strip()
        if STOP.match(text):
            end = i
            break
        if _is_prose(text) and i > start + 1:
            end = i
            break
    return start, end


def _is_prose(text: str) -> bool:
    """A sentence of the letter, not a list entry: long, with several clauses, ending in a full stop."""
    return len(text) > 220 and text.count(",") < 8 and "\t" not in text and bool(re.search(r"[.!?]\W*$", text)) \
        and not BULLET.match(text)


def _trailing_bullet_list(lines: list[Line]) -> tuple[int, int] | None:
    """Where a letter has no 'Sincerely' or 'Signatories:', the last bullet list of names signs it."""
    runs: list[tuple[int, int]] = []
    i = 0
    while i < len(lines):
        if BULLET.match(lines[i].text) and _looks_like_entry(_strip_marks(lines[i].text)):
            j = i
            while j < len(lines) and (BULLET.match(lines[j].text) or not lines[j].text.strip()):
                j += 1
            runs.append((i, j))
            i = j
        else:
            i += 1
    last = max((i for i, x in enumerate(lines) if x.text.strip()), default=0)
    for first, end in reversed(runs):
        items = [x for x in lines[first:end] if x.text.strip()]
        tail = sum(1 for x in lines[end:] if x.text.strip())   # a long list can start early if it ends the letter
        if len(items) >= 3 and (first > len(lines) * 0.3 or (tail <= 3 and end > last - 6)) and \
                sum(_looks_like_entry(_strip_marks(x.text)) for x in items) >= 0.8 * len(items):
            return first, end
    return None


RUN_ON_SPLIT = re.compile(r"\s*[,;]\s*|\s+(?:and|und|y|et|e|en|og|och)\s+")


def run_on_list(lines: list[Line], claimed: int | None) -> tuple[Group, Line] | None:
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
        label = " ".join(opening[:-keep]) if len(opening) > keep else "Signatories"
        items[0] = " ".join(opening[-keep:])
        group = Group(label, None, [e for e in (parse_entry(item, label) for item in items) if e])
        return (group, par[0]) if len(group.names) == claimed else None
    return None


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
    m = GROUP_HEADER.match(clean.replace("–", "-"))
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


def parse_entry(text: str, group_label: str) -> dict | None:
    """One listed signatory: {name, type, affiliation, country}."""
    text = _strip_marks(text)
    text = re.sub(r"^\d{1,4}\s*[.)]?\s+(?=\S)", "", text) if re.match(r"^\d{1,4}[.)\s]", text) else text
    if not text or re.fullmatch(r"[\W\d_]+", text):
        return None
    country = None
    parts = [p.strip() for p in (text.split("\t") if "\t" in text else text.split(","))]
    parts = [p for p in parts if p]
    if not parts:
        return None
    paren = re.match(r"^(.*\S)\s*\(([^()]+)\)\s*$", parts[-1])
    if len(parts) > 1 and country_code(parts[-1]):
        country = country_code(parts[-1])
        parts = parts[:-1]
    elif paren and country_code(paren.group(2)):
        country = country_code(paren.group(2))
        parts[-1] = paren.group(1)
    name = parts[0]
    affiliation = ", ".join(parts[1:]) or None
    behalf = re.match(r"^(?:on behalf of|for|representing)\s+(?:the\s+)?(.+)$", affiliation or "", re.I)
    if behalf:
        affiliation = behalf.group(1)
    individual = _is_individual(name, affiliation, group_label)
    if individual and affiliation and re.fullmatch(r"(?:Lord|Dr|Prof|Ph\.D\.|PhD)\.?", affiliation):
        affiliation = None
    return {"name": name, "type": "individual" if individual else "organization",
            "affiliation": affiliation, "country": country}


def _is_individual(name: str, affiliation: str | None, group_label: str) -> bool:
    label = group_label.lower()
    if "individual" in label and "organi" not in label:
        return True
    if re.search(r"organi[sz]ations?|groups|networks|companies", label) and "individual" not in label:
        return False
    if ORG_WORDS.search(name) or not PERSON_NAME.match(name) or name.isupper():
        return False
    return bool(affiliation) or "individual" in label


def read_section(lines: list[Line], body_text: str) -> tuple[list[Group], Line | None]:
    """The groups of the signature list (an unnamed group when there are no headers)."""
    span = find_section(lines)
    if span is None:
        return [], None
    start, end = span
    groups: list[Group] = []
    current = Group("Signatories", None)
    blank_before = True
    first_line = None
    entries = [x for x in lines[start:end]]
    for line in entries:
        text = line.text.strip()
        if not text:
            blank_before = True
            continue
        header = group_header(text)
        if header:
            if current.names or current.label != "Signatories" or current.claimed is not None:
                groups.append(current)
            current = Group(header[0], header[1])
            blank_before = True
            continue
        for piece in split_joined(text):
            entry = parse_entry(piece, current.label)
            if entry is None:
                continue
            first_line = first_line or line
            if not blank_before and _may_continue(current.names, entry, text):
                current.wrapped.append(len(current.names))
            current.names.append(entry)
        blank_before = False
    groups.append(current)
    groups = [g for g in groups if g.names or g.claimed is not None]
    for group in groups:
        _merge_wrapped(group)
    return groups, first_line


def split_joined(text: str) -> list[str]:
    """'Olvid (France)OpenCloud (Germany)': two entries pasted together without a break."""
    pieces = [p for p in re.split(r"(?<=\))(?=[A-Z][a-z])", text) if p.strip()]
    # only where each piece ends in a country: "Jason Jin (金凯)Computer Engineer" is one entry
    if len(pieces) > 1 and all(country_code(m.group(1)) for p in pieces[:-1]
                               for m in [re.search(r"\(([^()]*)\)\s*$", p)] if m):
        return pieces
    return [text]


def _may_continue(names: list[dict], entry: dict, text: str) -> bool:
    if not names:
        return False
    prev = names[-1]
    first_word = text.split()[0]
    return prev["country"] is None and len(prev["name"]) + len(prev["affiliation"] or "") > 50 and (
        first_word.endswith(("ed", "ing")) or first_word[:1].islower())


def _merge_wrapped(group: Group) -> None:
    """Join entries wrapped onto a second line, only as many as the group's own count says."""
    if group.claimed is None:
        excess = 0
        wrapped = [i for i in group.wrapped if group.names[i]["name"][:1].islower()]
    else:
        excess = len(group.names) - group.claimed
        wrapped = group.wrapped[:excess] if excess > 0 else []
    for i in sorted(wrapped, reverse=True):
        prev, cont = group.names[i - 1], group.names[i]
        tail = ", ".join(x for x in (cont["name"], cont["affiliation"]) if x)
        if prev["affiliation"]:
            prev["affiliation"] = f"{prev['affiliation']} {tail}"
        else:
            prev["name"] = f"{prev['name']} {tail}"
        prev["country"] = cont["country"]
        del group.names[i]


def extract_signatories(record: dict, lines: list[Line], body_text: str, where: dict, problems: list[Problem]) -> None:
    closing = next((i for i, x in enumerate(lines) if START.match(x.text.strip())), len(lines))
    # the count may sign the letter itself: "Signed, / 486 tech workers"
    intro = "\n".join(x.text for x in lines[:closing + 4])
    claimed, parts, phrase = claimed_count(plain(intro))
    groups, first = read_section(lines, body_text)
    if not groups and (run_on := run_on_list(lines, claimed)):
        groups, first = [run_on[0]], run_on[1]
    names = [n for g in groups for n in g.names]
    # a total stated in the text, split by kind, gives each unnumbered group its own claim
    if parts and len(groups) > 1 and all(g.claimed is None for g in groups):
        for group in groups:
            key = "individuals" if "individual" in group.label.lower() else "organizations"
            group.claimed = parts.get(key) if key in parts and len(parts) > 1 else None
    if claimed is None and groups and all(g.claimed is not None for g in groups):
        claimed = sum(g.claimed for g in groups)
    record["signatories"] = {
        "claimed": claimed,
        "listed": len(names),
        "groups": [{"label": g.label, "claimed": g.claimed, "listed": len(g.names)}
                   for g in groups if len(groups) > 1 or g.label != "Signatories" or g.claimed is not None],
        "names": names,
    }
    where["signatories"] = first.no if first else None
    where["claimed"] = next((x.no for x in lines if phrase and phrase.split()[0] in x.text), None) if phrase else None
