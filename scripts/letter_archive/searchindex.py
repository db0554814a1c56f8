"""Search index: run Pagefind over the built site, then make its output byte-reproducible.

Pagefind (1.5) writes its filters (government, year, kind) and their values in hash-map order, so two
runs over the same pages name and fill its filter files differently (upstream: Pagefind issue #638,
"other files will still change, such as the filter/metadata indexes"). We sort the values, re-encode
with the same CBOR and gzip settings, and rename the files by their content, updating the two files
that point at them (the language's .pf_meta and pagefind-entry.json)."""

from __future__ import annotations

import gzip
import hashlib
import json
import subprocess
import sys
from pathlib import Path

import cbor2

SIGNATURE = b"pagefind_dcd"   # every Pagefind binary file starts with it, before the CBOR body


def read_pf(path: Path):
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise ValueError(f"{path} is not a Pagefind index file")
    return cbor2.loads(data[len(SIGNATURE):])


def write_pf(folder: Path, language: str, suffix: str, value, digits: int, prefix: str = "") -> str:
    """Write `value` as a Pagefind file named by its content; return the name's hash part."""
    body = SIGNATURE + cbor2.dumps(value)
    name = f"{language}_{hashlib.sha256(body).hexdigest()[:digits]}"
    (folder / f"{prefix}{name}{suffix}").write_bytes(gzip.compress(body, compresslevel=9, mtime=0))
    return name


def canonicalise(pagefind_dir: Path) -> None:
    entry_path = pagefind_dir / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for language, info in entry["languages"].items():
        meta_path = pagefind_dir / f"pagefind.{info['hash']}.pf_meta"
        meta = read_pf(meta_path)
        filters = meta[3]                       # [[filter name, file hash], ...]
        for item in filters:
            old = pagefind_dir / "filter" / f"{item[1]}.pf_filter"
            name, values = read_pf(old)
            values.sort(key=lambda v: v[0])      # [[value, [page numbers]], ...]
            old.unlink()
            item[1] = write_pf(old.parent, language, ".pf_filter", [name, values], 7)
        filters.sort(key=lambda item: item[0])  # the list of filters is in hash-map order too
        meta_path.unlink()
        info["hash"] = write_pf(pagefind_dir, language, ".pf_meta", meta, 10, prefix="pagefind.")
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def build_search_index(site_dir: Path) -> int:
    """`letters search-index SITE`: Pagefind over SITE, then canonical filter files."""
    # Only letter pages carry searchable content; not reading the index pages halves Pagefind's time.
    # Signature lists are indexed through each name as one word (pages.name_token), not word by
    # word: at 10,000 letters their words cost Pagefind 0.7 GB of memory and made name searches slow.
    proc = subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site_dir), "--quiet",
                           "--glob", "letters/*/index.html", "--exclude-selectors", "ul.signatories"])
    if proc.returncode != 0:
        return proc.returncode
    canonicalise(site_dir / "pagefind")
    return 0
