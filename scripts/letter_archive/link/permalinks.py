"""Permanent ids: derived once from date + a few title words, then frozen in a committed registry."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from slugify import slugify

from ..errors import LetterError

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,99}$")
RESERVED = {"index", "assets", "search", "pagefind", "originals", "data", "governments", "signatories",
            "timeline", "letters", "con", "nul", "prn", "aux", "com1", "lpt1"}
STOPWORDS = ["the", "a", "an", "of", "on", "in", "to", "and", "for", "joint", "open", "letter", "re", "its", "at", "by"]


def derive_id(date: str | None, title: str | None, fallback: str) -> str:
    """'2020-02-13' + 'Joint Open Letter on Japan's Recent Disengagement…' -> '2020-02-13-japans-recent-disengagement'."""
    title = re.sub(r"['’]|(?<=\b\w)\.", "", title or "")   # "Japan's" -> japans, "U.S." -> us
    words = slugify(title, stopwords=STOPWORDS, max_length=40, word_boundary=True) or \
        slugify(fallback, max_length=40, word_boundary=True) or "document"
    prefix = date or "undated"
    return f"{prefix}-{words}"[:100].strip("-")


def check_id(value: str, file: str) -> str:
    if not ID_PATTERN.match(value) or value in RESERVED:
        raise LetterError(file, None, f"id {value!r} cannot be a URL: use lowercase letters, digits and hyphens "
                          f"(not {', '.join(sorted(RESERVED)[:4])}…)", "write for example `id: 2020-02-13-japan-letter`")
    return value


def load_registry(path: Path) -> list[dict]:
    """Every URL ever published: [{id, file, redirect?}]."""
    if not path.exists():
        return []
    rows = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or []
    if not isinstance(rows, list):
        raise LetterError(str(path), 1, "the permalink registry must be a list", "restore it from git")
    return rows


def dump_registry(rows: list[dict]) -> str:
    header = ("# Every URL this archive has published, /letters/<id>/. Written by `letters build`;\n"
              "# commit it. An entry never disappears: a renamed document leaves a redirect behind.\n")
    rows = sorted(rows, key=lambda r: r["id"])
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)   # libyaml: same output, much faster
    return header + yaml.dump(rows, Dumper=dumper, sort_keys=True, allow_unicode=True, width=1000)
