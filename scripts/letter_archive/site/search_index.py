"""Search index: run Pagefind over the built site's letter pages, then make its output byte-reproducible.

Words that exist only for search are added here, to a copy of each page that Pagefind reads, and
never shipped in the page itself (on a 300-signature letter they were 10 KB of hidden text):
- each signatory's name as one word, letters and digits only ("christiansolidarityworldwide"),
  as written and as the archive names it: archive.js looks a name of several words up as that one
  rare word instead of several common ones (at 10,000 letters: 0.27 s instead of 1.2 s);
- Japanese and Chinese as pairs of adjacent characters, since they are written without spaces
  and Pagefind would otherwise index a whole sentence as one word.

Pagefind (1.5) writes its filters (government, year, kind) and their values in hash-map order, so two
runs over the same pages name and fill its filter files differently (upstream: Pagefind issue #638,
"other files will still change, such as the filter/metadata indexes"). We sort the values, re-encode
with the same CBOR and gzip settings, and rename the files by their content, updating the two files
that point at them (the language's .pf_meta and pagefind-entry.json)."""

from __future__ import annotations

import gzip
import hashlib
import html
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import cbor2

from .pages import SIGNATORY_LINK

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


CJK_RUN = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{2,}")
BODY = "<div data-pagefind-body>"     # overrides/main.html wraps a letter's content in it


def name_token(name: str) -> str:
    """A signatory's name as one word, letters and digits only, lower case (archive.js nameToken
    turns a query into the same): one rare word to look up, whose beginning also matches."""
    return "".join(ch for ch in name.lower() if ch.isalnum())


def cjk_bigrams(text: str) -> list[str]:
    """Every pair of adjacent Japanese or Chinese characters, once each, in order of appearance:
    the usual bigram method of CJK search; archive.js splits a query into the same pairs."""
    seen: dict[str, None] = {}
    for run in CJK_RUN.findall(text):
        for i in range(len(run) - 1):
            seen.setdefault(run[i: i + 2])
    return list(seen)


def search_words(page: str) -> str:
    """The words a letter page is found by that its visible text does not hold as words."""
    names = {html.unescape(x) for m in SIGNATORY_LINK.finditer(page) for x in m.groups() if x}
    tokens = sorted({name_token(n) for n in names} - {""})
    return " ".join(tokens + cjk_bigrams(page))


def write_search_documents(site_dir: Path, target: Path) -> int:
    """Copy each letter page to TARGET (same relative path, so the same URL in the index) with its
    search words as a hidden paragraph at the start of its searchable content."""
    count = 0
    for page_path in sorted(site_dir.glob("letters/*/index.html")):
        page = page_path.read_text(encoding="utf-8")
        words = search_words(page)
        if words and BODY in page:
            page = page.replace(BODY, f'{BODY}<p hidden>{html.escape(words)}</p>', 1)
        out = target / page_path.relative_to(site_dir)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(page, encoding="utf-8")
        count += 1
    return count


def published_documents(site_dir: Path) -> int | None:
    """How many documents the built site says it has (data/letters.json, one line per document)."""
    try:
        return len(json.loads((site_dir / "data" / "letters.json").read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return None


def build_search_index(site_dir: Path) -> int:
    """`letters search-index SITE`: Pagefind over SITE's letter pages and their search words, into
    SITE/pagefind, then canonical filter files."""
    # Only letter pages carry searchable content; not reading the index pages halves Pagefind's time.
    # Signature lists are indexed through each name as one word, not word by word: at 10,000
    # letters their words cost Pagefind 0.7 GB of memory and made name searches slow.
    expected = published_documents(site_dir)
    with tempfile.TemporaryDirectory(prefix="letters-search-") as tmp:
        found = write_search_documents(site_dir, Path(tmp))
        if expected is None or found < expected:
            # a build that lost its letter pages (two builds sharing one folder did) must not be published
            print(f"letters search-index: {site_dir} holds {found} letter pages, but "
                  + (f"the archive has {expected} documents" if expected is not None else "no data/letters.json")
                  + ": the site is incomplete. Run `make build` again (one build at a time).", file=sys.stderr)
            return 1
        if not found:
            print(f"letters search-index: no letter pages in {site_dir}: no search index to build yet")
            return 0      # a new, empty archive still builds (Pagefind refuses an empty folder)
        proc = subprocess.run([sys.executable, "-m", "pagefind", "--site", tmp, "--quiet",
                               "--output-path", str((site_dir / "pagefind").resolve()),
                               "--exclude-selectors", "ul.signatories"])
    if proc.returncode != 0:
        return proc.returncode
    canonicalise(site_dir / "pagefind")
    return 0
