"""The editors' data files (data/*.yaml): where they are, reading them, and forgetting what was read
from them when another archive's data/ is used. Modules that cache something computed from these
files mark the function with `@data_cache`, so `use_data` can drop it without knowing who they are."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

import yaml

from .errors import LetterError

F = TypeVar("F", bound=Callable[..., Any])


# --- The one YAML loader ---------------------------------------------------------------------------
# Every YAML file the tool reads (front matter and corrections files, the data files, the permalink
# registries, the language files, a page's front matter) is read by SafeYAMLLoader, with the same
# limits: safe YAML (no tags that build objects); dates kept as text (the record model checks them);
# no aliases (`*name`): ten nested ones in 500 bytes ("billion laughs") expand to a billion values
# (17 s, 2 GB); no key twice in one mapping (YAML keeps the last: a letter went out under a stale date);
# nothing nested deeper than MAX_DEPTH (a list nested 20,000 deep ended in a RecursionError, inside the
# code that words the error message). libyaml reads the events when it is there (fast: the registries
# of 10,000 letters); composing them into values, where the limits are checked, is Python's.
MAX_DEPTH = 32   # a record's front matter nests 5 deep (signatories: groups: - names: - name:)
# Every string read leaves for XML (the CMIF export, the Atom feeds), and XML 1.0 has no way to write C0
# control characters other than tab, line feed and carriage return, lone surrogates, or U+FFFE and U+FFFF
# (https://www.w3.org/TR/xml/#charsets): one vertical tab in a signatory's name made letters-cmif.xml
# unreadable to every parser, and the build said nothing. (The record model checks its strings for them.)
XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

try:
    from yaml._yaml import CParser as _Parser

    class _EventReader(_Parser):
        """libyaml's parser under Python's composer (so that compose_node can be overridden)."""

        def __init__(self, stream: str) -> None:
            _Parser.__init__(self, stream)
            self.anchors: dict = {}

        check_node = yaml.composer.Composer.check_node
        get_node = yaml.composer.Composer.get_node
        get_single_node = yaml.composer.Composer.get_single_node
        compose_document = yaml.composer.Composer.compose_document
        compose_node = yaml.composer.Composer.compose_node
        compose_scalar_node = yaml.composer.Composer.compose_scalar_node
        compose_sequence_node = yaml.composer.Composer.compose_sequence_node
        compose_mapping_node = yaml.composer.Composer.compose_mapping_node
except ImportError:   # PyYAML without libyaml: all in Python, the same limits
    class _EventReader(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser, yaml.composer.Composer):  # type: ignore[no-redef]
        def __init__(self, stream: str) -> None:
            yaml.reader.Reader.__init__(self, stream)
            yaml.scanner.Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)
            yaml.composer.Composer.__init__(self)


class Refused(yaml.MarkedYAMLError):
    """A YAML feature the loader does not allow, with the fix."""

    def __init__(self, problem: str, hint: str, mark: yaml.Mark | None):
        super().__init__(problem=problem, problem_mark=mark)
        self.hint = hint


class SafeYAMLLoader(_EventReader, yaml.constructor.SafeConstructor, yaml.resolver.Resolver):
    """Safe YAML with the limits above. `first_line`: the file line of the text's first line (messages)."""

    first_line = 1

    def __init__(self, stream: str) -> None:
        _EventReader.__init__(self, stream)
        yaml.constructor.SafeConstructor.__init__(self)
        yaml.resolver.Resolver.__init__(self)
        self.depth = 0

    def compose_node(self, parent, index):  # type: ignore[no-untyped-def]
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise Refused(f"a value is repeated with a YAML alias (*{event.anchor})",
                          "write the value out in full where it is needed; aliases are not allowed", event.start_mark)
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                raise Refused(f"values are nested more than {MAX_DEPTH} deep",
                              "write the lists and mappings flat, as the examples do", self.peek_event().start_mark)
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1

    def construct_mapping(self, node, deep=False):  # type: ignore[no-untyped-def]
        seen: dict[object, int] = {}
        for key_node, _ in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if key is not None and key in seen:
                first, again = seen[key] + self.first_line, key_node.start_mark.line + self.first_line
                raise Refused(f"{key!r} is written twice (lines {first} and {again}); only one can count",
                              f"keep one `{key}:` line and delete the other", key_node.start_mark)
            seen[key] = key_node.start_mark.line
        return super().construct_mapping(node, deep)


SafeYAMLLoader.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node))


def load_yaml(text: str, loader: type[SafeYAMLLoader] = SafeYAMLLoader) -> Any:
    """`text` as YAML, read by the one loader (errors: yaml.YAMLError, Refused among them)."""
    try:
        return yaml.load(text, Loader=loader)
    except RecursionError:   # a safety net: MAX_DEPTH should stop any nesting long before
        raise Refused("values are nested too deep", "write the lists and mappings flat", None) from None


def yaml_error(file: str, exc: yaml.YAMLError, fix: str, what: str = "not valid YAML") -> LetterError:
    """The error naming the line of a YAML file that cannot be read: a refused feature says its own fix."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = mark.line + 1 if mark else None
    if isinstance(exc, Refused):
        return LetterError(file, line, str(exc.problem), exc.hint)
    problem = getattr(exc, "problem", None) or str(exc)
    return LetterError(file, line, f"{what}: {problem}", fix)
_caches: list[Any] = []


def data_cache(function: F) -> F:
    """functools.cache, cleared whenever the data folder changes."""
    cached = cache(function)
    _caches.append(cached)
    return cached  # type: ignore[return-value]


def data_dir() -> Path:
    """The editors' data files: $LETTERS_DATA, else `data/` beside `letters/` in this repository."""
    override = os.environ.get("LETTERS_DATA")
    return Path(override) if override else Path(__file__).resolve().parents[2] / "data"


def use_data(folder: Path) -> None:
    """Read the data files of the archive at hand (its data/), not of the repository the code is in.
    Set in the environment so worker processes see it too; what was computed from the old files goes."""
    os.environ["LETTERS_DATA"] = str(folder.resolve())
    for cached in _caches:
        cached.cache_clear()


def use_archive(root: Path) -> None:
    """Use the data/ of the archive at `root` when it has one."""
    if (root / "data" / "governments.yaml").exists():
        use_data(root / "data")


def load_data(name: str) -> object:
    """A data file's YAML, or None when there is none; a file that cannot be read is an error naming it."""
    path = data_dir() / name
    if not path.exists():
        return None
    try:
        data = load_yaml(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise yaml_error(f"data/{name}", exc, "check the quotes and colons on that line (or restore the file from git)") from None
    except (UnicodeDecodeError, OSError) as exc:
        raise LetterError(f"data/{name}", None, f"cannot be read: {exc}", "save it again as UTF-8 YAML") from None
    bad = unwritable(data)
    if bad:
        raise LetterError(f"data/{name}", entry_line(name, bad[0]), f"{bad[0][:60]!r} holds {bad[1]}, which no page or "
                          "XML file can carry", "retype it without that character")
    return data


def strings_in(value: Any) -> Iterator[str]:
    """Every string in a value read from YAML, keys included, without recursion (a list nested
    20,000 deep is walked, not recursed into)."""
    todo = [value]
    while todo:
        item = todo.pop()
        if isinstance(item, str):
            yield item
        elif isinstance(item, dict):
            todo.extend(item.keys())
            todo.extend(item.values())
        elif isinstance(item, list):
            todo.extend(item)


def unwritable(value: Any) -> tuple[str, str] | None:
    """(the string, what is wrong) for the first string in `value` (keys included) holding a character
    XML cannot carry or a lone surrogate (a "\\uD800" escape in YAML), else None."""
    for item in strings_in(value):
        m = XML_FORBIDDEN.search(item)
        if m:
            what = "a lone surrogate" if "\ud800" <= m.group(0) <= "\udfff" else "a control character"
            return item, f"{what} (U+{ord(m.group(0)):04X})"
    return None


def expect(name: str, ok: bool, what: str, example: str, line: int | None = None) -> None:
    """A data file holding the wrong shape of value is an error saying what to write."""
    if not ok:
        raise LetterError(f"data/{name}", line, f"{what}", f"write it as in: {example}")


def entry_line(name: str, key: str, field: str | None = None) -> int | None:
    """The line of data file `name` where entry `key` starts (`key:` at the top level, or `field: key`
    in a list of mappings), for messages; None when it cannot be found."""
    try:
        text = (data_dir() / name).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    quoted = rf"""["']?{re.escape(key)}["']?"""
    pattern = rf"^\s*-?\s*{field}\s*:\s*{quoted}\s*(?:#.*)?$" if field else rf"^{quoted}\s*:"
    m = re.search(pattern, text, re.M)
    return text.count("\n", 0, m.start()) + 1 if m else None
