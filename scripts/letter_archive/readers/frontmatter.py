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


class Refused(yaml.MarkedYAMLError):
    """A YAML feature front matter does not allow, with the fix."""

    def __init__(self, problem: str, hint: str, mark: yaml.Mark | None):
        super().__init__(problem=problem, problem_mark=mark)
        self.hint = hint


class FrontMatterLoader(yaml.SafeLoader):
    """Safe YAML, with dates kept as text: the schema checks them (2020-02-30 is an error, not a crash).
    No aliases (`*name`): ten nested ones in 500 bytes ("billion laughs") expand to a billion values
    (17 s, 2 GB). No key twice in one mapping: YAML keeps the last, and a letter went out under a
    stale date."""

    def compose_node(self, parent, index):  # type: ignore[no-untyped-def]
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise Refused(f"front matter repeats a value with a YAML alias (*{event.anchor})",
                          "write the value out in full where it is needed; aliases are not allowed", event.start_mark)
        return super().compose_node(parent, index)

    def construct_mapping(self, node, deep=False):  # type: ignore[no-untyped-def]
        seen: dict[object, int] = {}
        for key_node, _ in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if key is not None and key in seen:
                raise Refused(f"{key!r} is written twice (lines {seen[key] + 2} and {key_node.start_mark.line + 2}); "
                              "only one can count", f"keep one `{key}:` line and delete the other",
                              key_node.start_mark)
            seen[key] = key_node.start_mark.line
        return super().construct_mapping(node, deep)


FrontMatterLoader.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node))


class SafeYAMLHandler(frontmatter.YAMLHandler):
    """python-frontmatter's YAML handler with our safe loader, and a closing line of exactly `---`."""

    FM_BOUNDARY = re.compile(r"^---[ \t]*$", re.MULTILINE)

    def load(self, fm: str, **kwargs: object) -> Any:   # noqa: ARG002 (python-frontmatter's signature)
        return yaml.load(fm, Loader=FrontMatterLoader) if fm.strip() else {}


HANDLER = SafeYAMLHandler()


def _unwritable(value: Any) -> str | None:
    """A lone surrogate ("\\uD800" in YAML) in any string of the value, without recursion."""
    todo = [value]
    while todo:
        item = todo.pop()
        if isinstance(item, str):
            if SURROGATE.search(item):
                return f"a lone surrogate (U+{ord(SURROGATE.search(item).group(0)):04X})"
        elif isinstance(item, dict):
            todo.extend(item.keys())
            todo.extend(item.values())
        elif isinstance(item, list):
            todo.extend(item)
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
