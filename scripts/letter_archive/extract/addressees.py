"""Addressees, copies and the governments or bodies a letter is sent to."""

from __future__ import annotations

import re

from ..model import Person, Record
from ..places import first_government, government_names, most_mentioned_government
from .clean import CC, SALUTATION, SUBJECT
from .demands import DEMAND_VERB
from .lines import Line, paragraphs
from .text import plain

TITLE_WORDS = (r"President|Prime Minister|Minister|Secretary(?:-General| General| of State)?|Chancellor|"
               r"Director(?:-General| General)?|Chair(?:person|man|woman)?|Ambassador|Commissioner|"
               r"Rapporteur|Attorney[- ]General|Governor|Mayor|King|Queen|Premier|Speaker|Senator|"
               r"Member of Parliament|MEP|Deputy SG|Deputy Secretary[- ]General|High Commissioner|"
               r"Officer in Charge|Head of State")


def split_title_name(text: str) -> tuple[str | None, str]:
    """'Foreign Minister Kang Kyung-hwa' -> ('Foreign Minister', 'Kang Kyung-hwa')."""
    text = CC.sub("", text.strip())
    words = text.split()
    if re.search(rf"\b(?:{TITLE_WORDS})\b", text) and len(words) >= 3:
        return " ".join(words[:-2]), " ".join(words[-2:])
    return None, text


NK_OFFICIAL = re.compile(rf"^(?:{TITLE_WORDS})\b(?!.*\b(?:situation|rapporteur|human rights)\b).*\bof\s+(?:the\s+)?"
                         r"(?:North Korea|DPRK|Democratic People's Republic of Korea)\s*$", re.I)


def government_of(texts: list[str], fallback: str | None = None) -> str | None:
    for text in texts:
        gov = first_government(text)
        # North Korea is what most letters are about, so a mention is not an address, unless it is an
        # official's title ("Minister of Foreign Affairs of the DPRK"), not a mandate on the country.
        if gov and (gov != "North Korea" or NK_OFFICIAL.match(text.strip())):
            return gov
    return fallback


def extract_addressees(lines: list[Line], date_idx: int | None, stop: int | None) -> tuple[list[Person], int | None]:
    """The address block between the date and the subject line or salutation."""
    if date_idx is None or stop is None or stop <= date_idx:
        return [], None
    block = [x for x in lines[date_idx + 1: stop] if x.text.strip()]
    if not block:
        return [], None
    # the first paragraph after the date is the addressee; later ones may be fax lines or cc
    first_par = []
    for x in lines[date_idx + 1: stop]:
        if not x.text.strip():
            if first_par:
                break
            continue
        if CC.match(x.text):
            break
        first_par.append(x)
    if not first_par or len(first_par[0].text) > 120:
        return [], None
    name = plain(first_par[0].text).rstrip(",")
    title = None
    if len(first_par) > 1 and re.search(rf"\b(?:{TITLE_WORDS})\b", first_par[1].text):
        title = plain(first_par[1].text).rstrip(",")
    elif re.search(rf"\b(?:{TITLE_WORDS})\b", name) and "," in name:
        name, title = (p.strip() for p in name.split(",", 1))
    gov = government_of([title or "", *[x.text for x in first_par]])
    return [Person(name, title, gov)], first_par[0].no


def extract_cc(lines: list[Line], default_government: str | None) -> tuple[list[Person], int | None]:
    """Copies: 'CC:' blocks, one person per paragraph (title and name on its first line)."""
    people: list[Person] = []
    first_no = None
    i = 0
    while i < len(lines):
        m = CC.match(lines[i].text)
        if not m:
            i += 1
            continue
        first_no = first_no or lines[i].no
        after = lines[i].text[m.end():]
        rest = [Line(lines[i].no, after)] if after.strip() else []
        j = i + 1
        blank = 0
        while j < len(lines) and blank < 2 and not SUBJECT.match(lines[j].text) and not SALUTATION.match(lines[j].text):
            blank = blank + 1 if not lines[j].text.strip() else 0
            rest.append(lines[j])
            j += 1
        for par in paragraphs(rest):
            entries = [x.text for x in par] if all("," in x.text and len(x.text) < 80 for x in par) and \
                not re.search(rf"\b(?:{TITLE_WORDS})\b", par[0].text) else [par[0].text]
            for entry in entries:
                if re.match(r"^\s*(?:fax|tel|e-?mail)\b", entry, re.I) or re.search(r"\d{3,}", entry):
                    continue
                title, name = split_title_name(entry)
                if "," in name and title is None:
                    name, org = (p.strip() for p in name.split(",", 1))
                    gov = government_of([org], None)
                else:
                    gov = government_of([x.text for x in par], default_government)
                people.append(Person(plain(name), title, gov))
        i = j
    return people, first_no


def extract_governments(record: Record, lines: list[Line], subject: int | None, salutation: int | None,
                        demands: list[str], title: str | None, body_end: int | None = None) -> list[str]:
    """The governments or bodies addressed, from the strongest evidence to the weakest: the address
    block, the subject line, the salutation (also one deep in a page that quotes the letter), a
    "letter to …" title, the object of the first demands, any government in the title, the one
    the text names most. Only names from data/governments.yaml, except a demand's capitalised
    object ("We urge the Pacific Islands Forum to …") when nothing else is found."""
    found: list[str] = [p.government for p in record.addressees if p.government]
    if not found and subject is not None:
        found += government_names(re.sub(r"(?i)^.*?\b(?:to|an|a)\s+(?:the\s+)?", "", lines[subject].text, count=1))
    if not found:
        greeting = salutation if salutation is not None else next(
            (i for i, x in enumerate(lines[:body_end]) if len(x.text) < 160 and SALUTATION.match(x.text)), None)
        if greeting is not None:
            found += government_names(lines[greeting].text)
    if not found and title and re.search(r"\b(?:letter|brief|carta|lettre)\s+(?:to|an|a)\b", title, re.I):
        found += government_names(title.split(" to ", 1)[-1])
    objects = []
    for demand in demands[:3]:
        m = re.search(rf"{DEMAND_VERB}\s+(?:the\s+)?(.{{3,80}}?)\s+(?:to|that)\b", demand, re.I)
        if m and not re.match(r"(?i)(?:you|your|all|every|each|us)\b", m.group(1)):
            objects.append(m.group(1).strip())
    if not found:
        found += next((names for names in map(government_names, objects) if names), [])
    if not found and title:
        found += [g for g in [first_government(title)] if g]
    if not found:
        found += [o for o in objects[:1] if len(o.split()) <= 5 and o[:1].isupper()]
    if not found:
        gov = most_mentioned_government("\n".join(x.text for x in lines[:body_end]))
        if not gov and body_end is not None:   # the list of signers names where they come from
            gov = most_mentioned_government("\n".join(x.text for x in lines[body_end:]))
        found += [gov] if gov else []
    return [g for g in dict.fromkeys(found) if g != "North Korea" or len(found) == 1]
