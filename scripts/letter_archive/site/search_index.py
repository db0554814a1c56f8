"""Search index: run Pagefind over the built site's letter pages, then make its output byte-reproducible.

Words that exist only for search are added here, to a copy of each page that Pagefind reads, and
never shipped in the page itself (on a 300-signature letter they were 10 KB of hidden text). They go
into Pagefind metadata fields, which Pagefind 1.5 searches like words but which are not part of the
text that excerpts are cut from (as hidden text they had shown up in excerpts as "arakanrohingya…"):
- `words`: every word of the signature lists, once per page (the lists themselves are left out of
  the indexed text: word by word, at 10,000 letters, they were a third of Pagefind's memory);
  Japanese, Chinese and Korean as pairs of adjacent characters;
- `signedby`: each signatory's name as one word, as written, as the archive names it and under its
  aliases: archive.js looks a name up as that one rare word to rank the letters it signed first and
  to say "Signed by …" only where that is true;
- `elided`: the parts of a word elided with a typographic apostrophe ("nell’Ordinanza": "nell",
  "ordinanza"). Pagefind splits a word at a straight apostrophe (l'estero: "lestero", "l", "estero")
  but reads "nell’Ordinanza" only as "nellordinanza", so French, Italian and Catalan words after l’,
  d’, qu’, nell’, all’ … were found by no search (issue 23).

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
import unicodedata
from pathlib import Path

import cbor2

from . import routes

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


CJK_RUN = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]{2,}")
BODY = "<div data-pagefind-body>"     # overrides/main.html wraps a letter's content in it
SIGNATURE_LIST = re.compile(r'<ul class="signatories">(.*?)</ul>', re.S)
TAG = re.compile(r"<[^>]+>")
WORD = re.compile(r"[^\W_]+")
TOKEN_MARK = "zzsig"   # name tokens begin with it, so that they never equal a word of a letter


def fold_text(text: str) -> str:
    """Lower case without accents: what archive.js foldText does to a query."""
    text = unicodedata.normalize("NFD", text)   # recomposed after: Korean syllables stay syllables
    return unicodedata.normalize("NFC", "".join(ch for ch in text if not unicodedata.combining(ch))).casefold()


def name_token(name: str) -> str:
    """A signatory's name as one word: letters and digits only, lower case, accents dropped
    ("Tomás Ojea-Quintana" -> "tomasojeaquintana"); archive.js nameToken turns a query into the same."""
    return "".join(ch for ch in fold_text(name) if ch.isalnum())


def cjk_bigrams(text: str) -> list[str]:
    """Every pair of adjacent Japanese, Chinese or Korean characters, once each, in order of
    appearance: the usual bigram method of CJK search; archive.js splits a query into the same pairs.
    (Korean is spaced, but its words carry particles: 수용소의 must be found by 수용소.)"""
    seen: dict[str, None] = {}
    for run in CJK_RUN.findall(text):
        for i in range(len(run) - 1):
            seen.setdefault(run[i: i + 2])
    return list(seen)


def name_forms(name: str, aliases: dict[str, list[str]]) -> set[str]:
    """A name, its aliases, and the name without a leading 'The' or a trailing '(ACRONYM)', plus the
    acronym: two capitals or more, no space ("(LiNK)", "(ARNKA)"; not "(Nepal)")."""
    forms = {name, *aliases.get(name, [])}
    for form in list(forms):
        bare = re.sub(r"^the\s+", "", form, flags=re.I)
        acronym = re.search(r"\(([^()\s]{2,12})\)\s*$", bare)
        if acronym and sum(ch.isupper() for ch in acronym.group(1)) < 2:
            acronym = None
        forms.add(bare)
        if acronym:
            forms.add(acronym.group(1))
            forms.add(bare[: acronym.start()].strip())
    return {f for f in forms if f.strip()}


IGNORED = re.compile(r"<(dl|ol|div)\b[^>]*\bdata-pagefind-ignore\b[^>]*>.*?</\1>", re.S)


def indexed_text(page: str) -> str:
    """The text of a letter page that Pagefind indexes as words: its searchable content, without the
    parts marked data-pagefind-ignore (facts, demands, provenance, hidden fields; none of them nests
    its own kind of element) and without the signature lists."""
    body = page.split(BODY, 1)[-1].split("</article>", 1)[0]
    return html.unescape(TAG.sub(" ", SIGNATURE_LIST.sub(" ", IGNORED.sub(" ", body))))


def word_forms(text: str) -> list[str]:
    """The words of a text, folded, each as Pagefind reads it ("Jae-in" as "jaein") and its parts."""
    out: list[str] = []
    for piece in fold_text(text).split():
        parts = WORD.findall(piece)
        out += ["".join(parts), *parts] if len(parts) > 1 else parts
    return out


# An apostrophe inside a word that Pagefind does not split the word at (it does at the straight one):
# typographic ’ (and ‘, often typed for it), the modifier letter ʼ, the acute accent and the backtick
# some keyboards give.
ELISION = re.compile(r"[^\W_]+(?:[’‘ʼ´`][^\W_]+)+")


def elided_words(text: str) -> list[str]:
    """The parts of every word elided with a typographic apostrophe, folded, once each, in order:
    what Pagefind would index for the same word written with a straight apostrophe."""
    seen: dict[str, None] = {}
    for word in ELISION.findall(fold_text(text)):
        for part in WORD.findall(word):
            seen.setdefault(part)
    return list(seen)


def search_fields(page: str, names: list[str], aliases: dict[str, list[str]] | None = None) -> dict[str, str]:
    """What a letter page is found by beyond its visible, indexed text, as Pagefind metadata fields
    (searched like words, never part of the text that excerpts are cut from):
    - `words`: each word of its signature lists once (names, affiliations, countries, as the page shows
      them) that its indexed text does not hold already; Japanese, Chinese and Korean as pairs of
      adjacent characters;
    - `signedby`: each signatory's name as one word (name_token, after TOKEN_MARK), as written, as the
      archive names it, and under its aliases: "CSW" finds the letters Christian Solidarity Worldwide signed;
    - `elided`: the parts of the indexed text's words elided with a typographic apostrophe (elided_words)."""
    aliases = aliases or {}
    forms = {f for n in names for f in name_forms(n, aliases)}
    lists = " ".join(html.unescape(TAG.sub(" ", m.group(1))) for m in SIGNATURE_LIST.finditer(page))
    body = indexed_text(page)
    in_text = set(word_forms(body))       # found through the indexed text already: not repeated
    words = {w: None for w in word_forms(lists) if w not in in_text}
    bigrams = cjk_bigrams(body + " " + lists)
    tokens = sorted({TOKEN_MARK + t for t in map(name_token, forms) if t})
    return {"words": " ".join(list(words) + bigrams), "signedby": " ".join(tokens),
            "elided": " ".join(elided_words(body))}


def read_search_names(docs_dir: Path) -> dict[str, list[str]]:
    """The names `letters build` wrote for each letter page (routes.SEARCH_NAMES)."""
    path = docs_dir / routes.SEARCH_NAMES
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def write_search_documents(site_dir: Path, target: Path) -> int:
    """Copy each letter page to TARGET (same relative path, so the same URL in the index) with its
    search fields as hidden metadata elements at the start of its searchable content."""
    count = 0
    root = site_dir.resolve().parent
    names = read_search_names(root / "docs")
    for page_path in sorted(site_dir.glob(routes.url(routes.letter("*")) + "index.html")):
        page = page_path.read_text(encoding="utf-8")
        if BODY in page:
            found_by = names.get(page_path.parent.relative_to(site_dir).as_posix() + "/", [])
            spans = "".join(f'<span data-pagefind-meta="{key}">{html.escape(value)}</span>'
                            for key, value in search_fields(page, found_by).items() if value)
            page = page.replace(BODY, f"{BODY}<div data-pagefind-ignore hidden>{spans}</div>", 1)
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
