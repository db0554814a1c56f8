"""Permanent ids: derived once from date + a few title words, then frozen in a committed registry."""

from __future__ import annotations

import re
from collections.abc import Container
from pathlib import Path

import yaml
from slugify import slugify

from ..data import load_yaml
from ..errors import LetterError

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,99}$")
RESERVED = {"index", "assets", "search", "pagefind", "originals", "data", "governments", "signatories",
            "timeline", "letters", "tags", "con", "nul", "prn", "aux", "com1", "lpt1"}
STOPWORDS = ["the", "a", "an", "of", "on", "in", "to", "and", "for", "joint", "open", "letter", "re", "its", "at", "by"]


KANA = re.compile(r"[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f]")
HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def japanese(title: str, language: str | None) -> bool:
    """A Japanese title: it has kana, or it is in Han characters and the letter is in Japanese. Its
    transliteration would be Chinese pinyin (text-unidecode reads every Han character as Mandarin):
    '川崎市…' -> 'chuan-qi-shi'."""
    return bool(KANA.search(title)) or (bool(HAN.search(title)) and (language or "").lower().split("-")[0] == "ja")


def derive_id(date: str | None, title: str | None, fallback: str, language: str | None = None,
              taken: Container[str] = ()) -> str:
    """'2020-02-13' + 'Joint Open Letter on Japan's Recent Disengagement…' -> '2020-02-13-japans-recent-disengagement'.
    A Japanese title gives the date and the first number no id in `taken` has: '2021-03-02-1'. (A
    reading of its kanji needs a dictionary — pykakasi, or cutlet with UniDic — and still misreads
    names; pinyin is wrong for every one; the date and a number is never wrong.)"""
    prefix = date or "undated"
    if japanese(title or "", language):
        n = 1
        while f"{prefix}-{n}" in taken:
            n += 1
        return f"{prefix}-{n}"
    title = re.sub(r"['’]|(?<=\b\w)\.", "", title or "")   # "Japan's" -> japans, "U.S." -> us
    words = slugify(title, stopwords=STOPWORDS, max_length=40, word_boundary=True) or \
        slugify(fallback, max_length=40, word_boundary=True) or "document"
    return f"{prefix}-{words}"[:100].strip("-")


def check_id(value: str, file: str) -> str:
    if not ID_PATTERN.match(value) or value in RESERVED:
        raise LetterError(file, None, f"id {value!r} cannot be a URL: use lowercase letters, digits and hyphens "
                          f"(not {', '.join(sorted(RESERVED)[:4])}…)", "write for example `id: 2020-02-13-japan-letter`")
    return value


def _read_rows(path: Path, what: str, entry_ok, entry_form: str) -> list:
    """The rows of a registry file (a YAML list), each checked by `entry_ok`. A file that is not that (a
    merge left its markers in it, someone wrote a mapping) is an error naming the line, never a traceback."""
    if not path.exists():
        return []
    name = f"data/{path.name}"
    fix = f"restore it from git (`git checkout {name}`), or resolve the merge by hand: a list of `{entry_form}` entries"
    try:
        rows = load_yaml(path.read_text(encoding="utf-8")) or []
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise LetterError(name, mark.line + 1 if mark else None, f"the {what} is not valid YAML "
                          f"({exc.problem})", fix) from None
    except (yaml.YAMLError, UnicodeDecodeError, OSError) as exc:
        raise LetterError(name, None, f"the {what} cannot be read ({exc})", fix) from None
    if not isinstance(rows, list):
        raise LetterError(name, 1, f"the {what} must be a list, not a {type(rows).__name__}", fix)
    for n, row in enumerate(rows, 1):
        if not (isinstance(row, dict) and entry_ok(row)):
            raise LetterError(name, None, f"entry {n} of the {what} is not `{{{entry_form}}}`: {str(row)[:80]}", fix)
    return rows


def load_registry(path: Path) -> list[dict]:
    """Every URL ever published: [{id, file, redirect?, first?}] (`first`: the id a renamed document was
    first published under)."""
    return _read_rows(path, "permalink registry",
                      lambda row: isinstance(row.get("id"), str) and bool(ID_PATTERN.match(row["id"]))
                      and isinstance(row.get("file"), str | None) and isinstance(row.get("redirect"), str | None)
                      and (row.get("first") is None or isinstance(row["first"], str) and bool(ID_PATTERN.match(row["first"]))),
                      "id: ..., file: ...")


def dump_registry(rows: list[dict]) -> str:
    header = ("# Every URL this archive has published, /letters/<id>/. Written by `letters build`;\n"
              "# commit it. An entry never disappears: a renamed document leaves a redirect behind.\n")
    rows = sorted(rows, key=lambda r: r["id"])
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)   # libyaml: same output, much faster
    return header + yaml.dump(rows, Dumper=dumper, sort_keys=True, allow_unicode=True, width=1000)


# Signatory pages, /signatories/<slug>/: the slug is the signatory's name as slugify writes it (and a
# number where two names make one slug), so it changes when an editor merges two names in
# data/signatory-aliases.yaml or renames one. The registry keeps every slug published and the name it
# was published for, so that the old address can redirect to the page that name is on now.
SLUG_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,119}$")
SIGNATORY_REGISTRY = "signatory-permalinks.yaml"


def load_signatory_registry(path: Path) -> dict[str, str | None]:
    """slug -> the name its page was published for (None: a page the last build wrote, not yet registered)."""
    rows = _read_rows(path, "signatory permalink registry",
                      lambda row: isinstance(row.get("slug"), str) and bool(SLUG_PATTERN.match(row["slug"]))
                      and isinstance(row.get("name"), str | None), "slug: ..., name: ...")
    return {row["slug"]: row.get("name") for row in rows}


def dump_signatory_registry(published: dict[str, str | None]) -> str:
    header = ("# Every signatory page this archive has published, /signatories/<slug>/, and the name it was\n"
              "# published for. Written by `letters build`; commit it. An entry never disappears: when names\n"
              "# are merged in signatory-aliases.yaml, the old address redirects to the page the name is on now.\n")
    return _dump_slug_registry(header, published)


def _dump_slug_registry(header: str, published: dict[str, str | None]) -> str:
    """A registry of index pages (signatories, tags): a header, then one row a slug, sorted."""
    rows = [{"slug": slug, "name": name} for slug, name in sorted(published.items())]
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return header + yaml.dump(rows, Dumper=dumper, sort_keys=True, allow_unicode=True, width=1000)


# Tag pages, /tags/<slug>/: the slug is the tag's words as slugify writes them. The registry keeps every
# tag page published and the tag it was published for: a tag no document has any more leaves a page at its
# address leading to the list of tags (site/plan.py), and its feed stays, empty. Written once a tag exists.
TAG_REGISTRY = "tag-permalinks.yaml"


def load_tag_registry(path: Path) -> dict[str, str]:
    """slug -> the tag its page was published for."""
    rows = _read_rows(path, "tag permalink registry",
                      lambda row: isinstance(row.get("slug"), str) and bool(SLUG_PATTERN.match(row["slug"]))
                      and isinstance(row.get("name"), str), "slug: ..., name: ...")
    return {row["slug"]: row["name"] for row in rows}


def dump_tag_registry(published: dict[str, str]) -> str:
    """The registry as written; empty (no file) while no document has had a tag."""
    if not published:
        return ""
    header = ("# Every tag page this archive has published, /tags/<slug>/, and the tag it was published for.\n"
              "# Written by `letters build`; commit it. An entry never disappears: a tag no document has any more\n"
              "# leaves a page at its address that leads to the list of tags.\n")
    return _dump_slug_registry(header, published)


def registry_changes(base: Path, data: Path) -> tuple[list[str], list[str]]:
    """What the registries in `data` (as a build left them) hold that those in `base` (the branch as
    published) do not: (Markdown lines naming each new address and each new redirect, errors naming
    each address `base` has and `data` lost). What a pull request would publish, for its reviewer;
    and a bad merge of a registry, which a fresh checkout has no other way to notice."""
    old = {row["id"]: row for row in load_registry(base / "permalinks.yaml")}
    new = {row["id"]: row for row in load_registry(data / "permalinks.yaml")}
    old_slugs = load_signatory_registry(base / SIGNATORY_REGISTRY)
    new_slugs = load_signatory_registry(data / SIGNATORY_REGISTRY)
    lines = [f"- /letters/{rid}/ ({row['file']})" for rid, row in sorted(new.items())
             if rid not in old and not row.get("redirect")]
    lines += [f"- /letters/{rid}/ now leads to /letters/{row['redirect']}/" for rid, row in sorted(new.items())
              if row.get("redirect") and old.get(rid, {}).get("redirect") != row["redirect"]]
    lines += [f"- /signatories/{slug}/ ({name})" for slug, name in sorted(new_slugs.items()) if slug not in old_slugs]
    old_tags, new_tags = load_tag_registry(base / TAG_REGISTRY), load_tag_registry(data / TAG_REGISTRY)
    lines += [f"- /tags/{slug}/ ({name})" for slug, name in sorted(new_tags.items()) if slug not in old_tags]
    lost = [f"/letters/{rid}/" for rid in sorted(old) if rid not in new]
    lost += [f"/signatories/{slug}/" for slug in sorted(old_slugs) if slug not in new_slugs]
    lost += [f"/tags/{slug}/" for slug in sorted(old_tags) if slug not in new_tags]
    files = f"data/permalinks.yaml data/{SIGNATORY_REGISTRY}" + (f" data/{TAG_REGISTRY}" if set(old_tags) - set(new_tags) else "")
    errors = [f"{files.replace(' ', ', ')}: error: {len(lost)} published address(es) are "
              f"missing: {', '.join(lost[:5])}{f' and {len(lost) - 5} more' if len(lost) > 5 else ''}"
              "\n    fix: take the registries back from the published branch (`git checkout origin/main -- "
              f"{files}`), build, and commit them; if you dropped them on "
              "purpose (`letters build --forget-url ID`), merge anyway"] if lost else []
    return lines, errors
