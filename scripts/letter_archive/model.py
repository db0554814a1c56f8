"""The record model: what the archive knows of one document, in one place.

Typed dataclasses for the record and its parts; the keys, their order and defaults; validation of an
editor's front-matter values into these types (every shape the docs suggest, each mistake an error
with its line); and the one serialisation, to a plain dict, that front matter, JSON, the caches and
the page templates all use. Derived values (how many are listed, in all and per group) are computed
from the names, never stored twice."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, fields, is_dataclass
from functools import cache
from typing import Any

from rapidfuzz import process as fuzzy_process
from slugify import slugify

from .data import XML_FORBIDDEN
from .errors import Problem

KINDS = ("letter", "press-release", "statement", "commentary")

# The order keys are written in: the record first, provenance last.
KEY_ORDER = (
    "id", "kind", "title", "date", "language", "publisher", "author", "url",
    "addressees", "cc", "governments", "tags", "signatories", "demands", "related", "unrelated", "aliases", "withdrawn",
    "source",
)
# What `letters extract --json` gives of each document (cli/report.py), in this order; /letters/<id>/record.json
# is the same without the editor's warnings, errors and doubts (site/plan.py).
JSON_KEYS = ("file", "kind", "date", "title", "language", "addressees", "cc", "governments",
             "signatories", "demands", "doubts", "warnings", "errors")
# Keys an editor may set in a source file's front matter (everything but computed provenance).
EDITABLE_KEYS = tuple(k for k in KEY_ORDER if k != "source")
PERSON_KEYS = ("name", "title", "government", "kind")
# what an addressee is, for the index pages of each kind (extract/addressees.py reads it from the words)
ADDRESSEE_KINDS = ("government", "intergovernmental", "parliament", "city", "university", "broadcaster", "foundation",
                   "company", "organisation", "person")
SIGNATORY_KEYS = ("name", "type", "affiliation", "country")
SIGNATORY_TYPES = ("organization", "individual")
GROUP_KEYS = ("label", "claimed", "listed")
UNNAMED_GROUP = "Signatories"   # the label of a list without group headings


@dataclass
class Person:
    """An addressee or a person copied in: 'Moon Jae-in', 'President', 'South Korea', 'government'."""

    name: str
    title: str | None = None
    government: str | None = None
    kind: str | None = None           # one of ADDRESSEE_KINDS (addressees only; None for cc)


@dataclass
class Signatory:
    """One listed signatory. `type` is None only until extraction has classified a name an editor wrote."""

    name: str
    type: str | None = "organization"
    affiliation: str | None = None
    country: str | None = None        # ISO 3166-1 alpha-2


@dataclass
class Group:
    """A part of the signature list under its own heading, holding its own signatories."""

    label: str = UNNAMED_GROUP
    claimed: int | None = None        # the count its heading states: "(Organizations, 48)"
    signatories: list[Signatory] = field(default_factory=list)

    @property
    def listed(self) -> int:
        return len(self.signatories)

    @property
    def is_unnamed(self) -> bool:
        return self.label == UNNAMED_GROUP and self.claimed is None


@dataclass
class Signatures:
    """Who signed: the count the text states, and the groups of names it lists."""

    claimed: int | None = None
    groups: list[Group] = field(default_factory=list)

    @property
    def names(self) -> list[Signatory]:
        return [s for g in self.groups for s in g.signatories]

    @property
    def listed(self) -> int:
        return sum(g.listed for g in self.groups)

    @property
    def named_groups(self) -> list[Group]:
        """The groups worth showing as groups: all of them, unless the list is one unnamed run."""
        return [] if len(self.groups) == 1 and self.groups[0].is_unnamed else list(self.groups)


@dataclass
class Withdrawn:
    """A published document taken back: its page stays, as a notice of when and why (README, For editors)."""

    date: str                         # a whole ISO date: 2024-05-01
    reason: str


@dataclass
class Record:
    """One document's record. Front matter values replace extracted ones field by field."""

    id: str | None = None
    kind: str | None = None
    title: str | None = None
    date: str | None = None           # ISO: 2020-02-13, or partial: 2020-03, 2020
    language: str | None = None
    publisher: str | None = None
    author: str | None = None
    url: str | None = None
    addressees: list[Person] = field(default_factory=list)
    cc: list[Person] = field(default_factory=list)
    governments: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)         # topics an editor gives it (sidecar `tags:`), each a page /tags/<slug>/
    signatories: Signatures = field(default_factory=Signatures)
    demands: list[str] = field(default_factory=list)
    related: list[str] = field(default_factory=list)
    unrelated: list[str] = field(default_factory=list)   # ids an editor refused as related (link/related.py)
    aliases: list[str] = field(default_factory=list)
    withdrawn: Withdrawn | None = None   # set in the sidecar: the page becomes a notice, out of every list
    source: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The record as plain data, keys in KEY_ORDER: what front matter, JSON and templates hold."""
        s = self.signatories
        out = {
            "id": self.id, "kind": self.kind, "title": self.title, "date": self.date, "language": self.language,
            "publisher": self.publisher, "author": self.author, "url": self.url,
            "addressees": [_person_dict(p) for p in self.addressees], "cc": [_person_dict(p) for p in self.cc],
            "governments": list(self.governments),
            "signatories": {
                "claimed": s.claimed, "listed": s.listed,
                "groups": [{"label": g.label, "claimed": g.claimed, "listed": g.listed} for g in s.named_groups],
                "names": [{"name": n.name, "type": n.type, "affiliation": n.affiliation, "country": n.country}
                          for n in s.names]},
            "demands": list(self.demands), "related": list(self.related), "unrelated": list(self.unrelated),
            "aliases": list(self.aliases), "source": self.source,
        }
        # tags and withdrawn only when set: the records of letters without them are as they were
        if self.tags:
            out["tags"] = list(self.tags)
        if self.withdrawn:
            out["withdrawn"] = {"date": self.withdrawn.date, "reason": self.withdrawn.reason}
        return {k: out[k] for k in KEY_ORDER if k in out}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Record:
        """The inverse of to_dict (for records this program wrote: the caches)."""
        s = data.get("signatories") or {}
        names = [Signatory(**n) for n in s.get("names") or []]
        return cls(
            **{k: data.get(k) for k in ("id", "kind", "title", "date", "language", "publisher", "author", "url", "source")},
            addressees=[Person(**p) for p in data.get("addressees") or []], cc=[Person(**p) for p in data.get("cc") or []],
            governments=list(data.get("governments") or []), tags=list(data.get("tags") or []),
            signatories=Signatures(s.get("claimed"), groups_from_counts(s.get("groups") or [], names)),
            demands=list(data.get("demands") or []), related=list(data.get("related") or []),
            unrelated=list(data.get("unrelated") or []), aliases=list(data.get("aliases") or []),
            withdrawn=Withdrawn(**data["withdrawn"]) if data.get("withdrawn") else None)


@dataclass(frozen=True)
class Identity:
    """One signatory across documents, however each letter spells it (link.identities.resolve)."""

    key: str        # folded canonical name
    name: str       # display name
    slug: str       # /signatories/<slug>/


def _person_dict(p: Person) -> dict[str, str | None]:
    return {"name": p.name, "title": p.title, "government": p.government, "kind": p.kind}


def groups_from_counts(groups: list[dict[str, Any]], names: list[Signatory]) -> list[Group]:
    """Groups given as {label, claimed, listed} over one list of names: each takes the next `listed`."""
    if not groups:
        return [Group(signatories=names)] if names else []
    out, start = [], 0
    for g in groups:
        listed = g.get("listed")
        count = listed if isinstance(listed, int) else len(names) - start
        out.append(Group(str(g.get("label") or UNNAMED_GROUP), g.get("claimed"), names[start: start + count]))
        start += count
    return out

PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def check_date(value: str) -> str | None:
    """None when `value` is a valid ISO date, partial (YYYY-MM, YYYY) or whole; else the reason."""
    m = PARTIAL_DATE.match(value)
    if not m:
        return f"{_brief(value)} is not a date"
    year, month, day = (int(g) if g else None for g in m.groups())
    if month is not None and not 1 <= month <= 12:
        return f"{value!r} has no month {month}"
    if day is not None:
        try:
            dt.date(year, month, day)
        except ValueError:
            return f"{value!r} is not a day of the calendar"
    return None


def normalise_date(value: Any) -> tuple[str | None, str | None]:
    """(ISO string, None) or (None, reason) for a front-matter date value."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat(), None
    if isinstance(value, dt.date):
        return value.isoformat(), None
    if isinstance(value, int) and 1000 <= value <= 9999:
        return str(value), None
    if isinstance(value, str):
        text = value.strip()
        # Hugo and blog exports write full timestamps: keep the calendar date.
        stamp = re.match(r"^(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}", text)
        if stamp:
            text = stamp.group(1)
        reason = check_date(text)
        return (None, reason) if reason else (text, None)
    return None, f"{_brief(value)} is not a date"


# Keys that Hugo, Jekyll and other site generators write: a page copied from such a site carries
# them on purpose, so they are ignored with a warning rather than taken for misspellings of ours.
OTHER_GENERATORS_KEYS = frozenset({
    "subtitle", "description", "summary", "publishdate", "lastmod", "expirydate", "authors",
    "categories", "keywords", "draft", "slug", "layout", "image", "images", "weight", "toc", "showtoc",
    "permalink", "type", "series", "comments", "excerpt"})


def suggest_key(key: str) -> str | None:
    """The schema key an unknown key is most likely a misspelling of."""
    if key.lower() in OTHER_GENERATORS_KEYS:
        return None
    match = fuzzy_process.extractOne(key.lower(), EDITABLE_KEYS, score_cutoff=80)
    return match[0] if match else None


def _as_str_list(value: Any) -> list[str] | None:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(v, str | int | float) for v in value):
        return [str(v) for v in value]
    return None


EXPECTED = {
    "id": "a short id of lowercase letters, digits and hyphens, e.g. id: 2020-02-13-japan-disengagement",
    "kind": "one of " + ", ".join(KINDS),
    "title": "a line of text",
    "language": "a language code such as en, ko, ja",
    "publisher": "a name or a list of names", "author": "a name or a list of names", "url": "a web address",
    "addressees": "a list of {name, title, government}",
    "cc": "a list of {name, title, government}",
    "governments": "a list of names, e.g. governments: [Japan]",
    "signatories": "a mapping: {claimed: 54, names: [Name, {name: ..., country: ...}]}, or groups: [{label: ..., names: [...]}]",
    "demands": "a list of sentences",
    "related": "a list of document ids", "unrelated": "a list of document ids never to link to",
    "aliases": "a list of former ids",
    "tags": "a list of topics, e.g. tags: [climate, detention]",
    "withdrawn": 'a mapping: {date: YYYY-MM-DD, reason: "why it was withdrawn"} (or run `letters withdraw FILE --reason ...`)',
}




class Invalid(ValueError):
    """A front-matter value that does not fit the record: the message says what it should be."""


def _brief(value: Any) -> str:
    """A value as an error message shows it: never longer than a line, however large the value."""
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "…"


def _text(value: Any, what: str) -> str:
    if isinstance(value, bool) or not isinstance(value, str | int | float) or not str(value).strip():
        raise Invalid(f"{what} must be text, not {_brief(value)}")
    return str(value).strip()


def _optional_text(item: dict, key: str, what: str) -> str | None:
    return None if item.get(key) is None else _text(item[key], f"{what}'s {key}")


def _count(value: Any, what: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise Invalid(f"{what} must be a whole number such as 54, not {_brief(value)}")
    return value


def _unknown_keys(item: dict, allowed: tuple[str, ...], what: str) -> None:
    extra = [str(k) for k in item if k not in allowed]
    if extra:
        raise Invalid(f"{what} has no key {extra[0]!r}; its keys are {', '.join(allowed)}")


def as_people(value: Any) -> list[Person]:
    items = value if isinstance(value, list) else [value]
    people = []
    for item in items:
        if isinstance(item, dict):
            _unknown_keys(item, PERSON_KEYS, "a person")
            kind = _optional_text(item, "kind", "a person")
            if kind is not None and kind not in ADDRESSEE_KINDS:
                raise Invalid(f"a person's kind is {kind!r}; it is one of {', '.join(ADDRESSEE_KINDS)}")
            people.append(Person(_text(item.get("name"), "a person's name"), _optional_text(item, "title", "a person"),
                                 _optional_text(item, "government", "a person"), kind))
        else:
            people.append(Person(_text(item, "a person")))
    return people


def as_signatory(item: Any) -> Signatory:
    """A name as a string, or {name, type, affiliation, country}; a type left out is classified later."""
    if not isinstance(item, dict):
        return Signatory(_text(item, "a signatory"), None)
    _unknown_keys(item, SIGNATORY_KEYS, "a signatory")
    kind = item.get("type")
    if kind is not None and kind not in SIGNATORY_TYPES:
        raise Invalid(f"a signatory's type is {' or '.join(SIGNATORY_TYPES)}, not {_brief(kind)}")
    return Signatory(_text(item.get("name"), "a signatory's name"), kind,
                     _optional_text(item, "affiliation", "a signatory"), _optional_text(item, "country", "a signatory"))


def _name_list(value: Any, what: str) -> list[Signatory]:
    if not isinstance(value, list):
        raise Invalid(f"{what} must be a list of names")
    return [as_signatory(item) for item in value]


def as_signatures(value: Any) -> Signatures:
    """`{claimed: 54}`, `{names: [...]}`, `{groups: [{label, claimed, names}]}`, or groups with `listed`
    counts over one `names` list. No names at all: the extracted list stays (see extract)."""
    if not isinstance(value, dict):
        raise Invalid(f"signatories must be a mapping such as {{claimed: 54}}, not {_brief(value)}")
    _unknown_keys(value, ("claimed", "listed", "groups", "names"), "signatories")
    claimed = _count(value.get("claimed"), "signatories: claimed")
    names = _name_list(value["names"], "signatories: names") if value.get("names") is not None else []
    raw_groups = value.get("groups") or []
    if not isinstance(raw_groups, list) or not all(isinstance(g, dict) for g in raw_groups):
        raise Invalid("signatories: groups must be a list of {label, claimed, names}")
    groups: list[Group] = []
    start = 0
    for g in raw_groups:
        _unknown_keys(g, ("label", "claimed", "listed", "names"), "a group")
        label = _text(g.get("label", UNNAMED_GROUP), "a group's label")
        group_claimed = _count(g.get("claimed"), "a group's claimed")
        listed = _count(g.get("listed"), "a group's listed")
        if g.get("names") is not None:
            members = _name_list(g["names"], "a group's names")
        elif names and listed is not None:
            members, start = names[start: start + listed], start + listed
        else:
            raise Invalid(f"group {label!r} needs its names: write names: [...] under it")
        if listed is not None and listed != len(members):
            raise Invalid(f"group {label!r} says listed: {listed} but has {len(members)} names; leave listed out")
        groups.append(Group(label, group_claimed, members))
    if raw_groups and names and start != len(names):
        raise Invalid(f"the groups' listed counts add up to {start}, but names holds {len(names)}")
    if not raw_groups and names:
        groups = [Group(signatories=names)]
    listed = _count(value.get("listed"), "signatories: listed")
    total = sum(g.listed for g in groups)
    if listed is not None and groups and listed != total:
        raise Invalid(f"signatories: listed is {listed} but {total} names are given; leave listed out")
    return Signatures(claimed, groups)


def _as_kind(value: Any) -> str:
    if value not in KINDS:
        raise Invalid(f"kind must be one of {', '.join(KINDS)}, not {_brief(value)}")
    return value


# How the names of a publisher: or author: list are joined in the record: "A; B". Not ", ": a name may hold a
# comma ("King, Robert R.", "The Peninsula, blog of the Korea Economic Institute"), and stays one name.
NAME_SEPARATOR = "; "


def _as_names(value: Any) -> str:
    """publisher/author: a name, or a list of names (a commentary by two people: "A; B")."""
    names = [_text(v, "a name") for v in (value if isinstance(value, list) else [value])]
    return NAME_SEPARATOR.join(names)


def _as_list(value: Any, what: str) -> list[str]:
    items = _as_str_list(value)
    if items is None:
        raise Invalid(f"{what} must be a list, not {_brief(value)}")
    return items


MAX_TAG = 60   # a topic, not a sentence: it is a page's title and a search filter's value


@cache
def tag_slug(name: str) -> str:
    """'Death penalty' -> 'death-penalty': what a tag's page, /tags/<slug>/, is named by (site/routes.py).
    Tags with one slug are one tag (link/indexes.py, unify_tags)."""
    slug = slugify(name, max_length=80)
    return f"{slug}-tag" if slug == "index" else slug   # tags/index.md lists them all


def as_tags(value: Any) -> list[str]:
    """tags: [climate, detention] (or one tag as text): each a short text with a letter or digit, which
    names its page /tags/<slug>/; a tag written twice (or in two spellings of one slug) counts once."""
    items = value if isinstance(value, list) else [value]
    tags: dict[str, str] = {}
    for item in items:
        if isinstance(item, bool) or not isinstance(item, str | int):
            raise Invalid(f"a tag is a word or a few words, not {_brief(item)}")
        tag = " ".join(str(item).split())
        if not tag:
            raise Invalid("a tag is empty: write a word, or delete it from the list")
        if len(tag) > MAX_TAG:
            raise Invalid(f"the tag {_brief(tag)} is {len(tag)} characters long; a tag has at most {MAX_TAG}")
        if not tag_slug(tag):
            raise Invalid(f"the tag {_brief(tag)} has no letter or digit to name its page /tags/<name>/ by")
        tags.setdefault(tag_slug(tag), tag)
    return list(tags.values())


def as_withdrawn(value: Any) -> Withdrawn:
    """withdrawn: {date: 2024-05-01, reason: "..."}: both required, the date a whole day of the calendar."""
    if not isinstance(value, dict):
        raise Invalid(f"withdrawn must be a mapping of date and reason, not {_brief(value)}")
    _unknown_keys(value, ("date", "reason"), "withdrawn")
    if value.get("date") is None:
        raise Invalid("withdrawn has no date: the day the document was withdrawn")
    date, reason = normalise_date(value["date"])
    if reason or len(date or "") != 10:
        raise Invalid(f"withdrawn's date must be a day, YYYY-MM-DD: {reason or repr(date) + ' is not one'}")
    if value.get("reason") is None or (isinstance(value["reason"], str) and not value["reason"].strip()):
        raise Invalid("withdrawn has no reason: readers who follow the link are told why")
    if not isinstance(value["reason"], str):
        raise Invalid(f"withdrawn's reason must be text, not {_brief(value['reason'])}")
    return Withdrawn(date, value["reason"].strip())


FIELD_TYPES: dict[str, Any] = {
    "id": lambda v: _text(v, "id"), "title": lambda v: _text(v, "title"), "language": lambda v: _text(v, "language"),
    "url": lambda v: _text(v, "url"), "kind": _as_kind, "publisher": _as_names, "author": _as_names,
    "addressees": as_people, "cc": as_people, "signatories": as_signatures,
    "governments": lambda v: _as_list(v, "governments"), "demands": lambda v: _as_list(v, "demands"),
    "related": lambda v: _as_list(v, "related"), "unrelated": lambda v: _as_list(v, "unrelated"),
    "aliases": lambda v: _as_list(v, "aliases"), "withdrawn": as_withdrawn, "tags": as_tags,
}


# The addresses `url:` may hold: javascript:, data:, vbscript: and file: would run or open something.
WEB_ADDRESS = re.compile(r"https?://[^\s/?#]+\.[^\s]*$", re.I)


def validate_front_matter(meta: dict[str, Any], key_lines: dict[str, int],
                          block: str = "front-matter") -> tuple[dict[str, Any], list[Problem]]:
    """The editor's values, typed as the record's fields; each problem names its line and what to write.
    `block`: what the messages call the keys' home ("front-matter", or "corrections-file" for a sidecar)."""
    clean: dict[str, Any] = {}
    problems: list[Problem] = []
    for key, value in meta.items():
        line = key_lines.get(key)
        if key not in EDITABLE_KEYS:
            guess = suggest_key(str(key))
            if guess:
                problems.append(Problem(
                    "error", str(key), line, f"unknown {block} key {_brief(key)}",
                    f"did you mean {guess!r}? rename it to `{guess}:`"))
            else:
                problems.append(Problem(
                    "warning", str(key), line, f"{block} key {_brief(key)} is not part of the record; ignored"))
            continue
        if value is None:
            continue
        if key == "date":
            typed, reason = normalise_date(value)
            if reason:
                problems.append(Problem("error", "date", line, reason,
                                        "write date: YYYY-MM-DD (or YYYY-MM, or YYYY when only the year is known)"))
            else:
                clean[key] = typed
            continue
        try:
            typed = FIELD_TYPES[key](value)
        except Invalid as reason:
            problems.append(Problem("error", key, line, str(reason), f"write {key}: as {EXPECTED[key]}"))
            continue
        unfit = [Problem("error", key, line, reason, fix) for reason, fix in unfit_strings(key, typed)]
        if unfit:
            problems += unfit[:1]   # one is enough to find the value; the others are in it too
            continue
        if key == "url" and not WEB_ADDRESS.match(typed):
            problems.append(Problem("warning", key, line, f"{_brief(typed)} is not a web address (http:// or https://): "
                                    "it is never made a link, and the data files show it as text",
                                    "write the address the document was published at, starting with https://, "
                                    "or delete the `url:` line"))
        clean[key] = typed
    return clean, problems


# --- What a string of the record may hold -------------------------------------------------------
# Every string of a record leaves the model for XML (the CMIF export, the Atom feeds): none may hold a
# character XML 1.0 cannot carry (data.XML_FORBIDDEN says which, and why).
XML_SPACES = "\x0b\x0c"   # vertical tab and form feed: a space where they stood
# The longest a string of each field may be. Longer text is not a name: a signature list read from a
# large PDF gave one "signatory" of 921,525 characters. An extracted title over its limit is an error
# (extract/checks.py's MAX_TITLE, the same 500), not cut: it is the document's name.
MAX_NAME = 300
MAX_DEMAND = 5_000
MAX_LENGTH = {"title": 500, "demands": MAX_DEMAND, "url": 2_000, "publisher": 1_000, "author": 1_000,
              "affiliation": 1_000, "reason": 2_000}   # a signatory's affiliation may describe it in a sentence or two


def max_length(key: str, part: str | None = None) -> int:
    """Of each string of field `key` (a name, unless the field, or its `part`, says otherwise)."""
    return MAX_LENGTH[part] if part in MAX_LENGTH else MAX_LENGTH.get(key, MAX_NAME)


def _strings(value: Any, what: str, part: str | None = None) -> Iterator[tuple[str, str | None, str]]:
    """(what it is, the part of a dataclass it is in, the string) for every string in a typed value."""
    if isinstance(value, str):
        yield what, part, value
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item, what, part)
    elif is_dataclass(value):
        for f in fields(value):
            if f.name == "signatories":
                yield from _strings(getattr(value, f.name), what, part)
            else:
                yield from _strings(getattr(value, f.name), f"{what}'s {f.name}", f.name)


def forbidden_character(text: str) -> str | None:
    """'U+000B at character 5' for the first character XML cannot carry, or None."""
    m = XML_FORBIDDEN.search(text)
    return f"U+{ord(m.group(0)):04X} at character {m.start() + 1}" if m else None


def unfit_strings(key: str, typed: Any) -> Iterator[tuple[str, str]]:
    """(reason, fix) for each string an editor wrote in `key` that cannot leave the model: a character
    XML cannot carry, or more characters than the field holds."""
    for what, part, text in _strings(typed, key):
        limit = max_length(key, part)
        where = forbidden_character(text)
        if where:
            shown = XML_FORBIDDEN.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)
            yield (f"{_brief(shown)} (in {what}) holds an invisible character that no XML file can carry ({where}): "
                   "the data export and the feeds would not parse",
                   f"retype `{key}:` without it (in quotes, an escape such as \\v or \\x1b writes one)")
        if len(text) > limit:
            yield (f"{what} is {len(text):,} characters long; it may have at most {limit:,}",
                   f"write a shorter `{key}:`" + (" (longer text is not a name)" if limit == MAX_NAME else ""))


def _clean(text: str) -> str:
    if not XML_FORBIDDEN.search(text):
        return text
    return re.sub("  +", " ", XML_FORBIDDEN.sub(lambda m: " " if m.group(0) in XML_SPACES else "", text)).strip()


def _cut(text: str, limit: int) -> str:
    return text[:limit].rsplit(" ", 1)[0].rstrip() + "…"


def settle(record: Record) -> list[Problem]:
    """The record's strings as they leave the model, for a record read from a document's text (the
    editor's values were checked by validate_front_matter, and refused there). Characters XML cannot
    carry are taken out (they are invisible in the document: a vertical tab, an escape); text longer
    than its field holds is no name: such a signatory, addressee or government is left out, other
    text is cut; each with a warning. Returns the warnings."""
    problems: list[Problem] = []

    def cut(key: str, text: str | None, part: str | None = None) -> str | None:
        if text is None:
            return None
        text = _clean(text)
        limit = max_length(key, part)
        if len(text) <= limit:
            return text
        what = f"{key} ({part})" if part else key
        problems.append(Problem("warning", key, None, f"a text of {len(text):,} characters was read as {what}; "
                                f"it may have at most {limit:,}, and was cut", f"write `{key}:` in <corrections>"))
        return _cut(text, limit)

    def is_name(key: str, text: str) -> bool:
        if len(text) <= MAX_NAME:
            return bool(text)
        problems.append(Problem("warning", key, None, f"a text of {len(text):,} characters ({_brief(text[:60])}) was "
                                f"read as a name; a name has at most {MAX_NAME} characters, so it was left out",
                                f"check the document's list, and write `{key}:` in <corrections> if it is wrong"))
        return False

    record.title = _clean(record.title) if record.title is not None else None
    for key in ("id", "kind", "date", "language", "publisher", "author", "url"):
        setattr(record, key, cut(key, getattr(record, key)))
    for key in ("addressees", "cc"):
        people = []
        for person in getattr(record, key):
            person.name = _clean(person.name)
            if is_name(key, person.name):
                person.title, person.government = cut(key, person.title, "title"), cut(key, person.government, "government")
                people.append(person)
        setattr(record, key, people)
    record.governments = [g for g in map(_clean, record.governments) if is_name("governments", g)]
    for group in record.signatories.groups:
        group.label = cut("signatories", group.label, "label") or UNNAMED_GROUP
        kept = []
        for entry in group.signatories:
            entry.name = _clean(entry.name)
            if is_name("signatories", entry.name):
                entry.affiliation = cut("signatories", entry.affiliation, "affiliation")
                entry.country = cut("signatories", entry.country, "country")
                kept.append(entry)
        group.signatories = kept
    record.demands = [d for d in (cut("demands", d) for d in record.demands) if d]
    for key in ("related", "unrelated", "aliases", "tags"):
        setattr(record, key, [x for x in (cut(key, x) for x in getattr(record, key)) if x])
    return problems
