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
    """Every URL ever published: [{id, file, redirect?}]. A registry that is not that (a merge left its
    markers in it, someone wrote a mapping) is an error naming the line, never a traceback."""
    if not path.exists():
        return []
    name = f"data/{path.name}"
    fix = f"restore it from git (`git checkout {name}`), or resolve the merge by hand: a list of `- id: ...` entries"
    try:
        rows = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or []
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise LetterError(name, mark.line + 1 if mark else None, f"the permalink registry is not valid YAML "
                          f"({exc.problem})", fix) from None
    except (yaml.YAMLError, UnicodeDecodeError, OSError) as exc:
        raise LetterError(name, None, f"the permalink registry cannot be read ({exc})", fix) from None
    if not isinstance(rows, list):
        raise LetterError(name, 1, f"the permalink registry must be a list, not a {type(rows).__name__}", fix)
    for n, row in enumerate(rows, 1):
        if not (isinstance(row, dict) and isinstance(row.get("id"), str) and ID_PATTERN.match(row["id"])
                and isinstance(row.get("file"), str | None) and isinstance(row.get("redirect"), str | None)):
            raise LetterError(name, None, f"entry {n} of the permalink registry is not `{{id: ..., file: ...}}`: "
                              f"{str(row)[:80]}", fix)
    return rows


def dump_registry(rows: list[dict]) -> str:
    header = ("# Every URL this archive has published, /letters/<id>/. Written by `letters build`;\n"
              "# commit it. An entry never disappears: a renamed document leaves a redirect behind.\n")
    rows = sorted(rows, key=lambda r: r["id"])
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)   # libyaml: same output, much faster
    return header + yaml.dump(rows, Dumper=dumper, sort_keys=True, allow_unicode=True, width=1000)
