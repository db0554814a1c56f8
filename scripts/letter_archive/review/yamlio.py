"""Round-trip YAML for the files editors also write by hand (a sidecar, data/signatory-aliases.yaml):
ruamel.yaml keeps their comments, key order and quoting; only the keys changed are rewritten. Every
write is atomic (a temporary file beside it, then os.replace), so a crash leaves the old file or the
new one, never half of one."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import tempfile
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from ..model import KEY_ORDER


def yaml_rt() -> YAML:
    y = YAML(typ="rt")
    y.preserve_quotes = True
    y.width = 4096           # a long demand stays one line: a wrapped one is hard to find again by hand
    y.indent(mapping=2, sequence=4, offset=2)
    return y


def file_hash(path: Path) -> str:
    """What a form carries to tell whether the file changed since the page was shown ('' when absent)."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()[:16]
    except FileNotFoundError:
        return ""


def atomic_write(path: Path, content: bytes) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(content)
            out.flush()
            os.fsync(out.fileno())
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o777)
        else:
            os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    finally:
        Path(tmp).unlink(missing_ok=True)


def load_map(path: Path) -> tuple[CommentedMap, str, str]:
    """(the mapping, the text before it, the text after it): a sidecar may be wrapped in `---` lines,
    which are kept as they were."""
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    before = after = ""
    lines = text.splitlines(keepends=True)
    if lines and lines[0].rstrip() == "---":
        before, lines = lines[0], lines[1:]
        end = next((i for i, x in enumerate(lines) if x.rstrip() == "---"), None)
        if end is not None:
            after, lines = "".join(lines[end:]), lines[:end]
    data = yaml_rt().load("".join(lines)) if "".join(lines).strip() else None
    return (data if isinstance(data, CommentedMap) else CommentedMap()), before, after


def dump_map(data: CommentedMap, before: str = "", after: str = "") -> bytes:
    out = io.StringIO()
    if len(data):
        yaml_rt().dump(data, out)
    return (before + out.getvalue() + after).encode("utf-8")


def plain(value: Any) -> Any:
    """A value as the sidecar holds it: a full date unquoted, a year as a number, lists in block style,
    a signatory or a person as one line `{name: …, type: …}`."""
    if isinstance(value, str) and key_date(value):
        return key_date(value)
    if isinstance(value, dict):
        m = CommentedMap((k, plain(v)) for k, v in value.items() if v not in (None, "", []))
        if all(not isinstance(v, list | dict) for v in m.values()):
            m.fa.set_flow_style()
        return m
    if isinstance(value, list):
        return CommentedSeq(plain(v) for v in value)
    return value


def key_date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if len(value) == 10 else None
    except ValueError:
        return None


def set_key(data: CommentedMap, key: str, value: Any) -> None:
    """Set `key`, in place if present (its comments kept), else where KEY_ORDER puts it among the keys there."""
    value = plain(value)
    if key == "date" and isinstance(value, str) and value.isdigit():
        value = int(value)   # `date: 2020`, a year, not the string '2020'
    if key in data:
        data[key] = value
        return
    order = {k: i for i, k in enumerate(KEY_ORDER)}
    later = [i for i, k in enumerate(data) if order.get(k, len(order)) > order.get(key, len(order))]
    data.insert(later[0] if later else len(data), key, value)
