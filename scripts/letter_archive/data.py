"""The editors' data files (data/*.yaml): where they are, reading them, and forgetting what was read
from them when another archive's data/ is used. Modules that cache something computed from these
files mark the function with `@data_cache`, so `use_data` can drop it without knowing who they are."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

import yaml

from .errors import LetterError

F = TypeVar("F", bound=Callable[..., Any])
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
        return yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise LetterError(f"data/{name}", mark.line + 1 if mark else None, f"not valid YAML: {exc.problem}",
                          "check the quotes and colons on that line (or restore the file from git)") from None
    except (yaml.YAMLError, UnicodeDecodeError, OSError) as exc:
        raise LetterError(f"data/{name}", None, f"cannot be read: {exc}", "save it again as UTF-8 YAML") from None


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
