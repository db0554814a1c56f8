"""Front matter: the editor's `key: value` block at the top of a text document, in safe YAML only
(no tags), with the line of every key for error messages. python-frontmatter finds and parses the
block; our loader keeps dates as text (the record model checks them) and refuses YAML tags."""

from __future__ import annotations

import re
from typing import Any

import frontmatter
import yaml

from ..errors import LetterError

FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?---[ \t]*(?:\r?\n|\Z)", re.S)


class FrontMatterLoader(yaml.SafeLoader):
    """Safe YAML, with dates kept as text: the schema checks them (2020-02-30 is an error, not a crash)."""


FrontMatterLoader.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node))


class SafeYAMLHandler(frontmatter.YAMLHandler):
    """python-frontmatter's YAML handler with our safe loader, and a closing line of exactly `---`."""

    FM_BOUNDARY = re.compile(r"^---[ \t]*$", re.MULTILINE)

    def load(self, fm: str, **kwargs: object) -> Any:   # noqa: ARG002 (python-frontmatter's signature)
        return yaml.load(fm, Loader=FrontMatterLoader) if fm.strip() else {}


HANDLER = SafeYAMLHandler()


def split_front_matter(text: str, file: str) -> tuple[dict[str, Any], str, int, dict[str, int]]:
    """(front matter, body, body's first line, line of each key). Safe YAML only."""
    match = FRONT_MATTER.match(text) if HANDLER.detect(text) else None
    if not match:
        return {}, text, 1, {}
    block = match.group(1) or ""
    try:
        meta = HANDLER.load(block)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 2 if mark else 1
        tag = "could not determine a constructor" in str(exc)
        raise LetterError(
            file, line,
            "front matter uses a YAML tag, which is not allowed" if tag else f"front matter is not valid YAML: {exc.problem}",
            "write plain values only (no !!tags)" if tag else
            "check the quotes and colons on that line; a value with ': ' in it needs quotes") from None
    except (yaml.YAMLError, ValueError, RecursionError) as exc:
        raise LetterError(file, 2, f"front matter is not valid YAML: {exc}", "fix the front matter block") from None
    if not isinstance(meta, dict):
        raise LetterError(file, 2, "front matter must be a list of `key: value` lines",
                          "write for example `date: 2020-03` between the two --- lines")
    key_lines = {}
    for number, line in enumerate(block.splitlines(), start=2):
        key = re.match(r"^([^\s:#][^:]*):", line)
        if key and key.group(1) in meta:
            key_lines.setdefault(key.group(1), number)
    body_line = text.count("\n", 0, match.end()) + 1
    return meta, text[match.end():], body_line, key_lines
