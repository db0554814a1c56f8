"""Front matter: the editor's `key: value` block at the top of a text document, in safe YAML only
(no tags), with the line of every key for error messages. python-frontmatter finds the block; the one
YAML loader (data.SafeYAMLLoader) reads it, with the limits every YAML file the tool reads has."""

from __future__ import annotations

import re
from typing import Any

import frontmatter
import yaml

from ..data import Refused, SafeYAMLLoader, load_yaml, strings_in
from ..errors import LetterError

FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?---[ \t]*(?:\r?\n|\Z)", re.S)


class FrontMatterLoader(SafeYAMLLoader):
    """The one YAML loader (data.SafeYAMLLoader: safe, dates as text, no aliases, no key twice, bounded
    nesting), for a block whose first line is the file's second (below the opening ---)."""

    first_line = 2


class SafeYAMLHandler(frontmatter.YAMLHandler):
    """python-frontmatter's YAML handler with our safe loader, and a closing line of exactly `---`."""

    FM_BOUNDARY = re.compile(r"^---[ \t]*$", re.MULTILINE)

    def load(self, fm: str, **kwargs: object) -> Any:   # noqa: ARG002 (python-frontmatter's signature)
        return load_yaml(fm, FrontMatterLoader) if fm.strip() else {}


HANDLER = SafeYAMLHandler()


def _unwritable(value: Any) -> str | None:
    """A lone surrogate ("\\uD800" in YAML) in any string of the value."""
    for item in strings_in(value):
        if m := SURROGATE.search(item):
            return f"a lone surrogate (U+{ord(m.group(0)):04X})"
    return None


SURROGATE = re.compile("[\ud800-\udfff]")


def split_front_matter(text: str, file: str, what: str = "front matter") -> tuple[dict[str, Any], str, int, dict[str, int]]:
    """(front matter, body, body's first line, line of each key). Safe YAML only. `what`: the block's
    name in messages (a sidecar is "the corrections file")."""
    match = FRONT_MATTER.match(text) if HANDLER.detect(text) else None
    if not match:
        return {}, text, 1, {}
    block = match.group(1) or ""
    try:
        meta = HANDLER.load(block)
    except Refused as exc:
        raise LetterError(file, exc.problem_mark.line + 2 if exc.problem_mark else 2, str(exc.problem), exc.hint) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 2 if mark else 1
        tag = "could not determine a constructor" in str(exc)
        raise LetterError(
            file, line,
            f"{what} uses a YAML tag, which is not allowed" if tag else f"{what} is not valid YAML: {exc.problem}",
            "write plain values only (no !!tags)" if tag else
            "check the quotes and colons on that line; a value with ': ' in it needs quotes") from None
    except (yaml.YAMLError, ValueError, RecursionError) as exc:
        raise LetterError(file, 2, f"{what} is not valid YAML: {exc}", f"fix {what}") from None
    if not isinstance(meta, dict):
        raise LetterError(file, 2, f"{what} must be a list of `key: value` lines",
                          "write for example `date: 2020-03`" + (" between the two --- lines" if what == "front matter" else ""))
    key_lines = {}
    for number, line in enumerate(block.splitlines(), start=2):
        key = re.match(r"^([^\s:#][^:]*):", line)
        if key and key.group(1) in meta:
            key_lines.setdefault(key.group(1), number)
    for key, value in meta.items():
        bad = _unwritable(value)
        if bad:
            raise LetterError(file, key_lines.get(key, 2), f"front matter {key!r} holds {bad}, which no page can show",
                              "retype that value (an escape such as \\uD800 is half of a character)")
    body_line = text.count("\n", 0, match.end()) + 1
    return meta, text[match.end():], body_line, key_lines
