"""Countries (ISO 3166 codes through pycountry, plus editors' aliases) and the governments and bodies
letters are addressed to (data/governments.yaml)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

import pycountry

from .data import data_cache, entry_line, expect, load_data
from .errors import LetterError


@data_cache
def country_aliases() -> dict[str, str]:
    table = load_data("countries.yaml") or {}
    expect("countries.yaml", isinstance(table, dict) and all(isinstance(v, str) and len(v) == 2 for v in table.values()),
           "must map spellings of a country to its two-letter ISO code", "Republic of Korea: KR")
    return {str(k).lower(): str(v) for k, v in table.items()}


@data_cache
def country_code(text: str) -> str | None:
    """ISO 3166-1 alpha-2 code for a country as written ('U.S.A', 'South Korea', 'Eritrea'), or None."""
    name = text.strip().strip("()").strip()
    if not 2 <= len(name) <= 60 or not name[0].isalpha():
        return None
    alias = country_aliases().get(name.lower())
    if alias:
        return alias
    if len(name) <= 3 and not name.isupper():
        return None  # 'in', 'us' are words, not codes
    country = _country_lookup().get(name.lower())
    return country.alpha_2 if country else None


@data_cache
def _country_lookup() -> dict[str, object]:
    """pycountry's `countries.lookup` as one table: the same answers (its indexed fields first, in its
    order, then the others), at a dict's cost. Its own lookup scans every country for a name it does
    not index, and most lines asked about are names of people and groups, not countries."""
    countries = pycountry.countries
    countries.lookup("DE")   # pycountry loads its database on first use
    table: dict[str, object] = {}
    for candidate in countries:
        for field in countries.no_index:
            value = candidate._fields.get(field)
            if isinstance(value, str):
                table.setdefault(value.lower(), candidate)
    for key in reversed(list(countries.indices)):   # the first index wins, as in lookup()
        table.update(countries.indices[key])
    return table


def country_name(code: str | None) -> str | None:
    if not code:
        return None
    country = pycountry.countries.get(alpha_2=code)
    return getattr(country, "common_name", None) or (country.name if country else code)


@dataclass(frozen=True)
class Government:
    name: str
    aliases: tuple[str, ...]
    titles: tuple[str, ...]


@data_cache
def governments() -> tuple[Government, ...]:
    rows = load_data("governments.yaml") or []
    expect("governments.yaml", isinstance(rows, list) and all(
        isinstance(r, dict) and isinstance(r.get("name"), str) and r["name"].strip()
        and all(isinstance(r.get(k) or [], list) for k in ("aliases", "titles")) for r in rows),
        "must be a list of governments, each with a name and lists of aliases and titles",
        "- {name: Japan, aliases: [Government of Japan], titles: [Prime Minister of Japan]}")
    found = tuple(
        Government(str(r["name"]), tuple(str(a) for a in r.get("aliases") or []) + (str(r["name"]),),
                   tuple(str(t) for t in r.get("titles") or []))
        for r in rows
    )
    refuse_takeovers(found)
    return found


def form_key(form: str) -> str:
    """How a government's name, alias or title is matched in a letter (_government_pattern): an
    acronym as written, anything else without regard to case."""
    return form if form.isupper() else form.lower()


def refuse_takeovers(found: tuple[Government, ...]) -> None:
    """A name, alias or title may belong to one government only: a second government listing `Japan`
    among its aliases took Japan's letters (whichever came first in the file won, and nothing said so).
    An error naming both entries and their lines."""
    name = "governments.yaml"

    def at(gov: Government) -> str:
        line = entry_line(name, gov.name, "name")
        return f"{gov.name!r} (line {line})" if line else repr(gov.name)

    owner: dict[str, tuple[Government, str]] = {}
    for gov in found:
        forms = [("name", gov.name)] + [("alias", a) for a in gov.aliases] + [("title", t) for t in gov.titles]
        for what, form in forms:
            first, first_what = owner.setdefault(form_key(form), (gov, what))
            if first.name != gov.name:
                raise LetterError(f"data/{name}", entry_line(name, gov.name, "name"),
                                  f"{at(gov)} lists {form!r} as its {what}, but it is already the {first_what} of "
                                  f"{at(first)}: letters to one would go to the other",
                                  f"keep {form!r} in one of the two entries (a body of its own needs a name of its own)")


@data_cache
def _government_pattern() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], dict[str, str]]:
    """Three patterns: acronyms case-sensitive (WHO is not 'who'), the rest case-insensitive, and names
    in scripts written without spaces (Chinese, Japanese, Korean, Arabic), which run on into the next
    word ("中国政府", "일본은", "لسوريا") and so match inside words."""
    lookup: dict[str, str] = {}
    exact, folded, unspaced = [], [], []
    for gov in governments():
        for form in gov.titles + gov.aliases:
            lookup.setdefault(form_key(form), gov.name)
            if not (form[:1].isascii() or "\u00c0" <= form[:1] <= "\u04ff"):
                unspaced.append(form)
            else:
                (exact if form.isupper() else folded).append(form)

    def build(forms: list[str], flags: int, bounded: bool = True) -> re.Pattern[str]:
        alternation = "|".join(re.escape(f) for f in sorted(set(forms), key=len, reverse=True)) or "(?!)"
        return re.compile(rf"(?<![\w.])(?:{alternation})(?![\w])" if bounded else alternation, flags)

    return build(exact, 0), build(folded, re.I), build(unspaced, re.I, bounded=False), lookup


def find_governments(text: str) -> list[tuple[int, str]]:
    """(position, government name) of each mention in `text`, in order; longest form wins."""
    exact, folded, unspaced, lookup = _government_pattern()
    hits: list[tuple[int, int, str]] = []
    for pattern in (folded, unspaced):
        for m in pattern.finditer(text):
            hits.append((m.start(), m.end(), lookup[m.group(0).lower()]))
    for m in exact.finditer(text):
        if not any(s <= m.start() < e for s, e, _ in hits):
            hits.append((m.start(), m.end(), lookup[m.group(0)]))
    # drop hits inside a longer one
    hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
    kept: list[tuple[int, int, str]] = []
    for hit in hits:
        if kept and hit[0] < kept[-1][1]:
            continue
        kept.append(hit)
    return [(s, name) for s, _, name in kept]


def first_government(text: str) -> str | None:
    hits = find_governments(text)
    return hits[0][1] if hits else None


def government_names(text: str) -> list[str]:
    """Distinct governments named in `text`, in order of first mention."""
    return list(dict.fromkeys(name for _, name in find_governments(text)))


def government_mentions(text: str) -> Counter[str]:
    """How often `text` mentions each government."""
    return Counter(name for _, name in find_governments(text))


def most_mentioned_government(counts: Counter[str], at_least: int = 2) -> str | None:
    if not counts:
        return None
    name, n = counts.most_common(1)[0]
    return name if n >= at_least else None


def rival_government(counts: Counter[str], government: str) -> str | None:
    """Another government mentioned at least half as often as `government`: then which of them the
    letter is to is not clear from mentions alone."""
    return next((g for g, n in counts.most_common() if g != government and 2 * n >= counts[government]), None)
