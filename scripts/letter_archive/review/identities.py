"""Look-alike signatory names, decided by an editor: "same signatory" adds the other spelling to
data/signatory-aliases.yaml (round-trip: the editor's comments and order stay); "different" records the
pair in data/signatory-distinct.yaml, so neither `letters check` nor the review app asks again."""

from __future__ import annotations

import io
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedSeq

from ..data import data_cache, load_data, use_data
from ..link.identities import fold
from .yamlio import atomic_write, dump_map, load_map

ALIASES = "signatory-aliases.yaml"
DISTINCT = "signatory-distinct.yaml"


@data_cache
def distinct_pairs() -> frozenset[frozenset[str]]:
    """The pairs an editor said are different signatories (folded, so case and accents do not matter)."""
    data = load_data(DISTINCT) or []
    pairs = [p for p in data if isinstance(p, list) and len(p) == 2] if isinstance(data, list) else []
    return frozenset(frozenset((fold(str(a)), fold(str(b)))) for a, b in pairs)


def distinct(a: str, b: str) -> bool:
    return frozenset((fold(a), fold(b))) in distinct_pairs()


def _forget(folder: Path) -> None:
    """What was read from data/ is stale once the app wrote it: every cache computed from it goes."""
    use_data(folder)


def same(folder: Path, keep: str, other: str) -> None:
    """`other` is another spelling of `keep`: under `keep`'s key (or the key `keep` is a spelling of).
    A key `other` had becomes spellings of `keep` too."""
    path = folder / ALIASES
    data, before, after = load_map(path)
    owner = next((k for k, v in data.items() if k == keep or (isinstance(v, list) and keep in v)), None)
    if owner is None:
        owner = keep
        data[owner] = CommentedSeq()
    spellings = data[owner] if isinstance(data[owner], list) else CommentedSeq()
    data[owner] = spellings
    moved = data.pop(other) if other in data and other != owner else []
    for name in [other, *(moved or [])]:
        if name != owner and name not in spellings:
            spellings.append(name)
    atomic_write(path, dump_map(data, before, after))
    _forget(folder)


HEADER = ("# Signatory names that look alike but are different signatories, as an editor decided: neither\n"
          "# `letters check` nor `letters review` suggests merging them again.\n")


def different(folder: Path, a: str, b: str) -> None:
    path = folder / DISTINCT
    text = path.read_text(encoding="utf-8") if path.exists() else HEADER
    y = YAML(typ="rt")     # a list at the top: its items unindented, as people write it
    data = y.load(text) if text.strip() and not all(x.startswith("#") for x in text.splitlines() if x.strip()) else None
    pair = CommentedSeq([a, b])
    pair.fa.set_flow_style()
    if isinstance(data, list):
        data.append(pair)
        out = io.StringIO()
        y.dump(data, out)
        content = out.getvalue()
    else:   # new, or only comments: keep them, then the list
        out = io.StringIO()
        y.dump(CommentedSeq([pair]), out)
        content = text + out.getvalue()
    atomic_write(path, content.encode("utf-8"))
    _forget(folder)
