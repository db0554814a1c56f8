"""The record: one schema, in one place, validated on read (front matter) and on write."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from rapidfuzz import process as fuzzy_process

from .errors import Problem

KINDS = ("letter", "press-release", "statement", "commentary")

# The order keys are written in: the record first, provenance last.
KEY_ORDER = (
    "id", "kind", "title", "date", "language", "publisher", "author", "url",
    "addressees", "cc", "governments", "signatories", "demands", "related", "aliases", "source",
)
# Keys an editor may set in a source file's front matter (everything but computed provenance).
EDITABLE_KEYS = tuple(k for k in KEY_ORDER if k != "source")
PERSON_KEYS = ("name", "title", "government")
SIGNATORY_KEYS = ("name", "type", "affiliation", "country")
GROUP_KEYS = ("label", "claimed", "listed")

PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def empty_record() -> dict[str, Any]:
    """Every key present: missing values are None or [], never absent."""
    return {
        "id": None, "kind": None, "title": None, "date": None, "language": None,
        "publisher": None, "author": None, "url": None,
        "addressees": [], "cc": [], "governments": [],
        "signatories": {"claimed": None, "listed": 0, "groups": [], "names": []},
        "demands": [], "related": [], "aliases": [], "source": None,
    }


def ordered(record: dict[str, Any]) -> dict[str, Any]:
    """The record in the fixed key order, so that two writes of one record are byte-identical."""
    return {k: record[k] for k in KEY_ORDER if k in record}


def check_date(value: str) -> str | None:
    """None when `value` is a valid ISO date, partial (YYYY-MM, YYYY) or whole; else the reason."""
    m = PARTIAL_DATE.match(value)
    if not m:
        return f"{value!r} is not a date"
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
    return None, f"{value!r} is not a date"


# Keys that Hugo, Jekyll and other site generators write: a page copied from such a site carries
# them on purpose, so they are ignored with a warning rather than taken for misspellings of ours.
OTHER_GENERATORS_KEYS = frozenset({
    "subtitle", "description", "summary", "publishdate", "lastmod", "expirydate", "authors", "tags",
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


def _as_people(value: Any) -> list[dict] | None:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        return None
    people = []
    for item in value:
        if isinstance(item, str):
            people.append({"name": item, "title": None, "government": None})
        elif isinstance(item, dict) and set(item) <= set(PERSON_KEYS):
            people.append({k: (str(item[k]) if item.get(k) is not None else None) for k in PERSON_KEYS})
        else:
            return None
    return people


def _as_signatories(value: Any) -> dict | None:
    if not isinstance(value, dict) or not set(value) <= {"claimed", "listed", "groups", "names"}:
        return None
    claimed = value.get("claimed")
    if claimed is not None and (not isinstance(claimed, int) or isinstance(claimed, bool) or claimed < 0):
        return None
    names = []
    for item in value.get("names") or []:
        if isinstance(item, str):
            item = {"name": item}
        if not isinstance(item, dict) or not item.get("name") or not set(item) <= set(SIGNATORY_KEYS):
            return None
        names.append({k: (str(item[k]) if item.get(k) is not None else None) for k in SIGNATORY_KEYS})
    groups = []
    for item in value.get("groups") or []:
        if not isinstance(item, dict) or not set(item) <= set(GROUP_KEYS):
            return None
        groups.append({k: item.get(k) for k in GROUP_KEYS})
    listed = value.get("listed", len(names))
    if not isinstance(listed, int) or isinstance(listed, bool):
        return None
    return {"claimed": claimed, "listed": listed, "groups": groups, "names": names}


EXPECTED = {
    "id": "a short id of lowercase letters, digits and hyphens, e.g. id: 2020-02-13-japan-disengagement",
    "kind": "one of " + ", ".join(KINDS),
    "title": "a line of text",
    "language": "a language code such as en, ko, ja",
    "publisher": "a name or a list of names", "author": "a name or a list of names", "url": "a web address",
    "addressees": "a list of {name, title, government}",
    "cc": "a list of {name, title, government}",
    "governments": "a list of names, e.g. governments: [Japan]",
    "signatories": "a mapping: {claimed: 54, names: [{name: ..., country: ...}]}",
    "demands": "a list of sentences",
    "related": "a list of document ids", "aliases": "a list of former ids",
}


def validate_front_matter(meta: dict[str, Any], key_lines: dict[str, int]) -> tuple[dict, list[Problem]]:
    """The editor's values, typed and checked; problems name the line and what to write."""
    clean: dict[str, Any] = {}
    problems: list[Problem] = []
    for key, value in meta.items():
        line = key_lines.get(key)
        if key not in EDITABLE_KEYS:
            guess = suggest_key(str(key))
            if guess:
                problems.append(Problem(
                    "error", str(key), line, f"unknown front-matter key {key!r}",
                    f"did you mean {guess!r}? rename it to `{guess}:`"))
            else:
                problems.append(Problem(
                    "warning", str(key), line, f"front-matter key {key!r} is not part of the record; ignored"))
            continue
        if value is None:
            continue
        typed: Any = None
        if key == "date":
            typed, reason = normalise_date(value)
            if reason:
                problems.append(Problem("error", "date", line, reason,
                                        "write date: YYYY-MM-DD (or YYYY-MM, or YYYY when only the year is known)"))
                continue
        elif key == "kind":
            typed = value if value in KINDS else None
        elif key in ("publisher", "author") and isinstance(value, list):
            names = [n.strip() for n in _as_str_list(value) or [] if n.strip()]
            typed = ", ".join(names) if names else None      # a commentary by two people: "A, B"
        elif key in ("title", "language", "publisher", "author", "url", "id"):
            typed = str(value).strip() if isinstance(value, str | int | float) and str(value).strip() else None
        elif key in ("addressees", "cc"):
            typed = _as_people(value)
        elif key in ("governments", "demands", "related", "aliases"):
            typed = _as_str_list(value)
        elif key == "signatories":
            typed = _as_signatories(value)
        if typed is None:
            problems.append(Problem("error", key, line, f"{key}: {value!r} is not {EXPECTED[key]}",
                                    f"write {key}: as {EXPECTED[key]}"))
            continue
        clean[key] = typed
    return clean, problems
