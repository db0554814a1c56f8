"""Link stage: one identity per signatory across documents (aliases file + typographic folding),
fuzzy suggestions for editors to confirm (never merged silently), and permanent ids."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from functools import cache

import numpy
from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein
from slugify import slugify

from ..data import data_cache, load_data
from ..extract.languages import alternation
from ..model import Identity

SUGGEST_AT = 88  # rapidfuzz ratio on folded names: close enough to ask an editor
SUGGEST_BLOCK = 2000


# A person's titles are not their name: "Dr Jane Roe" and "Jane Roe, Ph.D." are Jane Roe. A title is
# taken off only where at least two words stay (a first and a last name), so "Lord Jim" stays.
HONORIFIC = re.compile(rf"^(?:{alternation('honorific')})\.?\s+(?=\S+\s+\S)", re.I)
POST_NOMINAL = re.compile(rf"\s*(?:{alternation('post_nominal')})\.?\s*", re.I)


@cache   # the same names recur in letter after letter
def fold(name: str) -> str:
    """Spelling-insensitive key: case, accents, hyphens, 'The', a trailing '(ACRONYM)', a person's
    titles and degrees ('Dr', ', Lord', ', Ph.D.')."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"\s*\([^()]*\)\s*$", "", text)   # 'Liberty in North Korea (LiNK)'
    text = re.sub(r"^the\s+", "", text)
    text = HONORIFIC.sub("", text)
    while (shorter := _without_post_nominal(text)) != text:
        text = shorter
    text = re.sub(r"[-‐–—_.,'’&]+", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def _without_post_nominal(text: str) -> str:
    """'jane roe, ph.d.' -> 'jane roe'; only after a name of two words or more."""
    head, comma, tail = text.rpartition(",")
    if comma and len(head.split()) >= 2 and POST_NOMINAL.fullmatch(tail):
        return head.strip()
    return text


@data_cache
def alias_table() -> dict[str, str]:
    """folded variant -> canonical name, from data/signatory-aliases.yaml."""
    table: dict[str, str] = {}
    for canonical, variants in (load_data("signatory-aliases.yaml") or {}).items():
        table[fold(str(canonical))] = str(canonical)
        for variant in variants or []:
            table[fold(str(variant))] = str(canonical)
    return table


def resolve(names: list[str]) -> dict[str, Identity]:
    """Each written name -> its identity. Display name: the alias file's, else the most written form."""
    aliases = alias_table()
    by_key: dict[str, list[str]] = defaultdict(list)
    for name in names:
        key = fold(aliases.get(fold(name), name))
        by_key[key].append(name)
    identities: dict[str, Identity] = {}
    used_slugs: set[str] = set()
    for key in sorted(by_key):
        forms = by_key[key]
        canonical = aliases.get(key) or max(sorted(set(forms)), key=forms.count)
        slug = slugify(canonical, max_length=80, word_boundary=True) or "signatory"
        base, n = slug, 2
        while slug in used_slugs:
            slug, n = f"{base}-{n}", n + 1
        used_slugs.add(slug)
        identity = Identity(key, canonical, slug)
        for form in forms:
            identities[form] = identity
    return identities


def suggestions(identities: dict[str, Identity]) -> list[tuple[str, str, float]]:
    """Pairs of distinct identities whose names are nearly the same: for an editor to confirm.

    Every pair is compared, by rapidfuzz's C matrix (cdist) in blocks of rows, so 10,000 names cost
    seconds, not the minutes of a Python double loop, and memory stays at one block."""
    unique = sorted({i.key: i for i in identities.values()}.values(), key=lambda i: i.key)
    keys = [i.key for i in unique]
    out = []
    for start in range(0, len(keys), SUGGEST_BLOCK):
        block = keys[start: start + SUGGEST_BLOCK]
        scores = process.cdist(block, keys, scorer=fuzz.ratio, score_cutoff=SUGGEST_AT, dtype=numpy.uint8, workers=-1)
        for row, col in zip(*numpy.nonzero(scores), strict=True):
            i, j = start + int(row), int(col)
            a, b = unique[i], unique[j]
            if j <= i or abs(len(a.key) - len(b.key)) > 3 or len(a.key) < 6:
                continue
            if _typo_apart(a.key, b.key):
                out.append((a.name, b.name, round(fuzz.ratio(a.key, b.key), 1)))
    return out


def _typo_apart(a: str, b: str) -> bool:
    """Names that differ by a slip of the keyboard ('Cristian'/'Christian', 'Naw'/'Now'), not by a
    word ('Kanagawa Association …'/'Saitama Association …')."""
    only_a = [t for t in a.split() if t not in b.split()]
    only_b = [t for t in b.split() if t not in a.split()]
    if len(only_a) != len(only_b) or not 1 <= len(only_a) <= 2:
        return False
    # one slip in a short word, two in a long one: 'Amara'/'Maria' are two people, not a typo
    return all(Levenshtein.distance(x, y) <= (1 if min(len(x), len(y)) < 7 else 2)
               for x, y in zip(only_a, only_b, strict=True))
