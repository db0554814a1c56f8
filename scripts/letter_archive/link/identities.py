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

from ..data import data_cache, entry_line, expect, load_data
from ..errors import LetterError
from ..extract.checks import year_range
from ..extract.languages import alternation
from ..model import Identity
from ..places import country_aliases, governments

SUGGEST_AT = 88  # rapidfuzz ratio on folded names: close enough to ask an editor
SUGGEST_BLOCK = 1000
SUGGEST_LENGTH_GAP = 3   # names whose folded lengths differ by more are not typos of each other
SUGGEST_PER_NAME = 5     # at most this many look-alikes per name, the closest


# A person's titles are not their name: "Dr Jane Roe" and "Jane Roe, Ph.D." are Jane Roe. A title is
# taken off only where at least two words stay (a first and a last name), so "Lord Jim" stays.
HONORIFIC = re.compile(rf"^(?:{alternation('honorific')})\.?\s+(?=\S+\s+\S)", re.I)
POST_NOMINAL = re.compile(rf"\s*(?:{alternation('post_nominal')})\.?\s*", re.I)


# What a list puts before a name is no part of it: a bullet, a dash, a plus, an arrow ("-Article 19",
# "+Human Rights Watch", "• Amnesty International"). An opening bracket or quote, '#' and '@' stay
# ("#MeToo Korea").
LEADING_MARKS = re.compile(r"^[^\w(\[{\"'“‘«„#@]+")


def as_named(name: str) -> str:
    """The name without the marks a list put before it (issue 23)."""
    return LEADING_MARKS.sub("", name).strip() or name


@cache   # the same names recur in letter after letter
def fold(name: str) -> str:
    """Spelling-insensitive key: leading marks, case, accents, hyphens, 'The', a trailing '(ACRONYM)',
    a person's titles and degrees ('Dr', ', Lord', ', Ph.D.')."""
    text = unicodedata.normalize("NFKD", as_named(name))
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
def alias_spellings() -> dict[str, list[str]]:
    """canonical name -> its other spellings, as written in data/signatory-aliases.yaml (checked here:
    every reader of the file goes through this one)."""
    data = load_data("signatory-aliases.yaml") or {}
    expect("signatory-aliases.yaml", isinstance(data, dict), "must be a mapping of names to their other spellings",
           "Human Rights Watch: [HRW, Human Rights Watch Inc.]")
    for canonical, variants in data.items():
        expect("signatory-aliases.yaml", variants is None or (isinstance(variants, list) and all(
            isinstance(v, str | int | float) for v in variants)),
            f"{canonical}: {str(variants)[:60]!r} is not a list of spellings (a string would be read letter by letter)",
            f"{canonical}: [{variants if isinstance(variants, str) else '...'}]")
    spellings = {str(canonical): [str(v) for v in variants or []] for canonical, variants in data.items()}
    refuse_takeovers(spellings)
    return spellings


def refuse_takeovers(spellings: dict[str, list[str]]) -> None:
    """An entry of data/signatory-aliases.yaml may not take over another's identity unannounced: two
    keys that are one name, a spelling that is another key (A: [B] and B: [...], or A: [B] and B: [A]),
    or one spelling under two keys. Either way one signatory's documents and page would go to the
    other by the order of the file. An error naming both entries and their lines."""
    name = "signatory-aliases.yaml"

    def at(key: str) -> str:
        line = entry_line(name, key)
        return f"{key!r} (line {line})" if line else repr(key)

    keys: dict[str, str] = {}
    for canonical in spellings:
        other = keys.setdefault(fold(canonical), canonical)
        if other != canonical:
            raise LetterError(f"data/{name}", entry_line(name, canonical), f"the entries {at(other)} and {at(canonical)} "
                              "are one name (case, accents, hyphens and a leading 'The' are folded)",
                              "merge them into one entry: one key, with the other's spellings under it")
    owner: dict[str, str] = {}
    for canonical, variants in spellings.items():
        for variant in variants:
            key = fold(variant)
            if key == fold(canonical):
                continue
            if key in keys:
                raise LetterError(f"data/{name}", entry_line(name, canonical),
                                  f"{at(canonical)} lists {variant!r} as a spelling of its own, but {at(keys[key])} is "
                                  "an entry of its own: one would take the other's documents and page",
                                  f"merge the two entries into one (one key, the other's spellings under it), or remove "
                                  f"{variant!r} from the list of {canonical!r}")
            first = owner.setdefault(key, canonical)
            if first != canonical:
                raise LetterError(f"data/{name}", entry_line(name, canonical),
                                  f"{variant!r} is listed under both {at(first)} and {at(canonical)}: it can be a "
                                  "spelling of one signatory only", f"keep {variant!r} under one of them")


@data_cache
def alias_table() -> dict[str, str]:
    """folded variant -> canonical name, from data/signatory-aliases.yaml."""
    table: dict[str, str] = {}
    for canonical, variants in alias_spellings().items():
        table[fold(canonical)] = canonical
        for variant in variants:
            table[fold(variant)] = canonical
    return table


def identity_key(name: str) -> str:
    """The key of the identity a written name belongs to: its folded form, or its alias's."""
    return fold(alias_table().get(fold(name), name))


def resolve(names: list[str], published: dict[str, str | None] | None = None) -> dict[str, Identity]:
    """Each written name -> its identity. Display name: the alias file's, else the one it was published
    under (`published`), else the most written form, without a list's leading marks. Once published,
    a display name changes only by an editor's alias: a new letter spelling it otherwise does not rename
    the page (issue 23: "-Article 19" renamed "Article 19"). Slug: the display name's (slugified; "-2",
    "-3" … where names collide). `published` (slug -> the name it was published for,
    data/signatory-permalinks.yaml) keeps a slug with its signatory when it still fits the name: a new
    name never takes "-2" from the one that had it."""
    aliases = alias_table()
    by_key: dict[str, list[str]] = defaultdict(list)
    for name in names:
        by_key[identity_key(name)].append(name)
    was: dict[str, str] = {}       # key -> the name its page was first published under ("x" before "x-2")
    for _, name in sorted((published or {}).items()):
        if name and (key := identity_key(name)) in by_key:
            was.setdefault(key, name)

    def most_written(forms: list[str]) -> str:
        shown = [as_named(f) for f in forms]
        return max(sorted(set(shown)), key=shown.count)

    canonical = {key: aliases.get(key) or was.get(key) or most_written(forms) for key, forms in by_key.items()}
    base = {key: slugify(name, max_length=80, word_boundary=True) or "signatory" for key, name in canonical.items()}
    kept: dict[str, str] = {}      # key -> its published slug
    for slug, name in sorted((published or {}).items()):   # "x" before "x-2": a signatory keeps its plainest
        key = identity_key(name) if name else None
        if key in base and key not in kept and slug not in kept.values() and slug != "index" \
                and re.fullmatch(rf"{re.escape(base[key])}(?:-\d+)?", slug):
            kept[key] = slug
    identities: dict[str, Identity] = {}
    used_slugs: set[str] = {"index", *kept.values()}   # signatories/index.md is the list of them all
    for key in sorted(by_key):
        slug = kept.get(key)
        if slug is None:
            slug, n = base[key], 2
            while slug in used_slugs:
                slug, n = f"{base[key]}-{n}", n + 1
            used_slugs.add(slug)
        identity = Identity(key, canonical[key], slug)
        for form in by_key[key]:
            identities[form] = identity
    return identities


def moved_signatories(published: dict[str, str | None], identities: dict[str, Identity]) -> dict[str, str | None]:
    """Published slugs no signatory page has now -> the slug of the page their name is on now (names
    merged or renamed in data/signatory-aliases.yaml), or None where no document is signed under that
    name any more (its address then leads to the list of signatories)."""
    live = {i.slug for i in identities.values()}
    by_key = {i.key: i for i in identities.values()}
    moved: dict[str, str | None] = {}
    for slug, name in sorted(published.items()):
        if slug not in live:
            ident = by_key.get(identity_key(name)) if name else None
            moved[slug] = ident.slug if ident else None
    return moved


def suggestions(identities: dict[str, Identity]) -> list[tuple[str, str, float]]:
    """Pairs of distinct identities whose names are nearly the same: for an editor to confirm.

    Names are compared by rapidfuzz's C matrix (cdist), in blocks of rows, each name only with the
    names after it whose length is within 3 of its own (sorted by length, that is a window of
    columns). The filters and the choice of each name's SUGGEST_PER_NAME closest run in numpy: a
    list of near-identical names ("Organisation 00001" … "Organisation 08000") had millions of pairs
    above the cut-off, and a Python loop over them took 55 s. Memory stays at one block."""
    unique = sorted({i.key: i for i in identities.values()}.values(), key=lambda i: (len(i.key), i.key))
    keys = [i.key for i in unique]
    lengths = numpy.array([len(k) for k in keys], dtype=numpy.int64)
    found: list[tuple[str, str, Identity, Identity]] = []
    for start in range(0, len(keys), SUGGEST_BLOCK):
        block = keys[start: start + SUGGEST_BLOCK]
        if len(block[-1]) < 6:
            continue   # the longest name of the block is too short to suggest, so are the others
        end = int(numpy.searchsorted(lengths, lengths[start + len(block) - 1] + SUGGEST_LENGTH_GAP, side="right"))
        scores = process.cdist(block, keys[start:end], scorer=fuzz.ratio, score_cutoff=SUGGEST_AT,
                               dtype=numpy.uint8, workers=-1)
        rows, cols = numpy.nonzero(scores)
        i, j = rows + start, cols + start
        keep = (j > i) & (lengths[j] - lengths[i] <= SUGGEST_LENGTH_GAP) & (lengths[i] >= 6)
        rows, cols, i, j = rows[keep], cols[keep], i[keep], j[keep]
        # each name's closest few, best score first
        order = numpy.lexsort((j, -scores[rows, cols].astype(numpy.int16), i))
        i, j = i[order], j[order]
        first = numpy.r_[True, i[1:] != i[:-1]] if len(i) else numpy.zeros(0, dtype=bool)
        position = numpy.arange(len(i))
        rank = position - numpy.maximum.accumulate(numpy.where(first, position, 0))
        for a_index, b_index in zip(i[rank < SUGGEST_PER_NAME].tolist(), j[rank < SUGGEST_PER_NAME].tolist(), strict=True):
            a, b = sorted((unique[a_index], unique[b_index]), key=lambda x: x.key)
            if _typo_apart(a.key, b.key):
                found.append((a.key, b.key, a, b))
    return [(a.name, b.name, round(fuzz.ratio(a.key, b.key), 1)) for _, _, a, b in sorted(found, key=lambda f: f[:2])]


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


def check_data_files() -> list[str]:
    """Read every data file once, up front (governments, countries, signatory aliases, limits): an error in one
    is reported once, not for every letter."""
    errors = []
    for reader in (governments, country_aliases, alias_table, year_range):
        try:
            reader()
        except LetterError as error:
            errors.append(str(error))
    return errors
