"""The page plan: every file of docs/ and its content, in memory, or the errors that stop the build.
Nothing is written here (site.write does that), so a failed build leaves docs/ as it was."""

from __future__ import annotations

import dataclasses
import json
import multiprocessing
import os
import re
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..archive import PARALLEL_FROM, Document, assign_ids, duplicate_texts, load, stray_sidecars, unlisted_warnings
from ..cache import ExtractionCache
from ..data import load_yaml, use_archive
from ..errors import LetterError
from ..link import related
from ..link.identities import alias_spellings, check_data_files, moved_signatories, resolve, suggestions
from ..link.indexes import Indexes, indexes, unify_tags
from ..link.names import unify_governments
from ..link.permalinks import (
    SIGNATORY_REGISTRY,
    SLUG_PATTERN,
    TAG_REGISTRY,
    dump_registry,
    dump_signatory_registry,
    dump_tag_registry,
    load_signatory_registry,
    load_tag_registry,
)
from ..model import JSON_KEYS, Identity, Record
from . import cards, exports, feeds, pages, publish, routes
from .originals import original_link, original_of


class PageCollision(LetterError):
    """Two pages that would be written to one file of docs/: neither may silently replace the other."""

    def __init__(self, path: str, first: str, second: str):
        super().__init__(f"docs/{path}", None, f"{first} and {second} would both be written to this file",
                         "give one of them another name (a document's `id:`, a government's spelling, "
                         "or a signatory's spelling in data/signatory-aliases.yaml)")


@dataclass
class PagePlan:
    """docs/-relative path -> content, and what each page is (to name both pages of a collision)."""

    files: dict[str, bytes] = field(default_factory=dict)
    what: dict[str, str] = field(default_factory=dict)
    folded: dict[str, str] = field(default_factory=dict)    # paths that differ only in case are one file on macOS

    def add(self, path: str, content: bytes, what: str) -> None:
        first = self.folded.setdefault(path.casefold(), path)
        if path in self.files or first != path:
            raise PageCollision(path, self.what[first], what)
        self.files[path] = content
        self.what[path] = what


@dataclass
class BuildResult:
    docs: list[Document]
    files: dict[str, bytes] = field(default_factory=dict)     # docs/-relative path -> content
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    suggestions: list[tuple[str, str, float]] = field(default_factory=list)
    related: list[related.Suggestion] = field(default_factory=list)     # documents about letters, scored
    registry: str = ""
    signatory_registry: str = ""       # data/signatory-permalinks.yaml as this build leaves it
    tag_registry: str = ""             # data/tag-permalinks.yaml ("": none, while no document has had a tag)
    written: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    # documents with an error of their own, not published by this build (issue 23): file -> the errors;
    # `kept`: those whose last good page (and original, card) stays as the last build wrote it
    held: dict[str, list[str]] = field(default_factory=dict)
    kept: dict[str, str] = field(default_factory=dict)        # file -> the id its page stays at


def config_value(root: Path, key: str) -> str | None:
    """A top-level `key: value` of the archive's mkdocs.yml, read as text (the file has MkDocs' own tags)."""
    config = root / "mkdocs.yml"
    if config.exists():
        for line in config.read_text(encoding="utf-8").splitlines():
            if line.startswith(f"{key}:"):
                return line.split(":", 1)[1].strip().strip("'\"")
    return None


def site_url(root: Path) -> str:
    """The published address, from mkdocs.yml's site_url (for canonical links and citations)."""
    return config_value(root, "site_url") or PLACEHOLDER_URL


PLACEHOLDER_URL = "https://example.org/"


def placeholder_site_url(url: str) -> bool:
    """The example address the repository ships with: every permanent link would point there."""
    return url.startswith(PLACEHOLDER_URL.rstrip("/")) or "://example." in url


def site_name(root: Path) -> str:
    """The archive's name, from mkdocs.yml's site_name (feeds, the CMIF file, the cards)."""
    return config_value(root, "site_name") or "Open Letter Archive"


MANIFEST = ".generated"  # the files the build wrote last time: the only ones it may delete


_letters_context: tuple | None = None   # what _render_letters needs, set by plan() before it forks


def _render_letters(indexes: list[int]) -> list[tuple[dict[str, bytes], bytes]]:
    """(the files of the original and of the link-preview card, letter page) for these documents; a
    page or a card comes from the cache when nothing it is made from has changed."""
    assert _letters_context is not None
    docs, identities, url, shown, cache, name, card_cache = _letters_context
    out = []
    for i in indexes:
        doc = docs[i]
        rec = doc.record
        if rec.withdrawn:   # a notice at its address; no original, no card (the last build's are deleted)
            out.append(({}, pages.withdrawn_page(rec).encode()))
            continue
        published = original_of(rec.id, doc.path.suffix, doc.received, doc.extraction.origin)
        original = published.link
        text_lines = [x.text for x in doc.extraction.text]
        slugs = {n.name: identities[n.name].slug for n in rec.signatories.names}
        links = shown.get(rec.id, [])
        lines = doc.extraction.signature_lines
        seen = (original, published.label, published.text, published.text_label, published.name, published.pdf,
                published.card)
        key = cache.pages.key(rec.to_dict(), text_lines, slugs, seen, doc.sha256, url,
                              [dataclasses.asdict(x) for x in links],
                              doc.extraction.signature_span, lines and dataclasses.asdict(lines)) if cache else ""
        page = cache.pages.get(key) if cache else None
        if page is None:
            page = pages.letter_page(rec, text_lines, identities, original, doc.sha256, url, links,
                                     doc.extraction.signature_span, doc.extraction.signature_lines, published).encode()
            if cache:
                cache.pages.put(key, page)
        files = dict(published.files)
        files[routes.record_json(rec.id)] = record_file(doc)
        files |= pages.citation_files(rec, url)
        # every letter's card is drawn at the size link previews expect; a PDF's carries its first page
        files[routes.card(rec.id)] = _card(rec, name, card_cache, published.files.get(published.card or ""))
        out.append((files, page))
    return out


def record_file(doc: Document) -> bytes:
    """/letters/<id>/record.json: the record as `letters extract --json` gives it (without its warnings,
    errors and doubts, which are the editor's), with the id it is published under first."""
    data = doc.record.to_dict()
    out = {"id": doc.record.id, "file": doc.rel}
    for k in JSON_KEYS:
        if k in data and k not in ("file", "doubts", "warnings", "errors"):
            out[k] = data[k]
        if k == "governments" and "tags" in data:   # an editor's topics, when it has any
            out["tags"] = data["tags"]
    return (json.dumps(out, ensure_ascii=False, indent=2, sort_keys=False) + "\n").encode()


def _card(record: Record, name: str, card_cache: cards.CardCache | None, page: bytes | None = None) -> bytes:
    """The letter's link-preview card, from .cache/cards/ when nothing it is drawn from has changed."""
    card = cards.Card(record.title or record.id or "", pages.card_facts(record), name, record.language, page)
    return card_cache.png(card) if card_cache else cards.card_png(card)


def letter_pages(docs: list[Document], identities: dict[str, Identity], url: str,
                 shown: dict[str, list[related.Related]], cache: ExtractionCache | None,
                 parallel: bool, name: str = "",
                 card_cache: cards.CardCache | None = None) -> list[tuple[dict[str, bytes], bytes]]:
    """(the original's and card's files, page) of each document, in order; `shown`: each one's related
    documents. Cards are drawn with the pages, in the same worker processes."""
    global _letters_context
    _letters_context = (docs, identities, url, shown, cache, name, card_cache)
    jobs = list(range(len(docs)))
    try:
        if parallel and len(docs) >= PARALLEL_FROM and (os.cpu_count() or 1) > 1:
            # pages are independent once identities are known: render them on every core (fork shares
            # the records; only the finished pages come back)
            workers = min(os.cpu_count() or 1, 8)
            chunks = [jobs[i: i + 200] for i in range(0, len(jobs), 200)]
            with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
                return [item for part in pool.map(_render_letters, chunks) for item in part]
        return _render_letters(jobs)
    finally:
        _letters_context = None


ANY_SIGNATORY = "x"   # every signatory page is in the same folder: a row's links are the same on all


def index_pages(planned: PagePlan, records: list[Record], identities: dict[str, Identity]) -> Indexes:
    """The home page, the timeline, search, and the pages of governments and signatories."""
    index = indexes(records, identities)
    signers = index.signers
    planned.add(routes.HOME, pages.home_page(records, len(signers.documents), len(index.governments), len(index.tags)).encode(),
                "the home page")
    planned.add(routes.TIMELINE, pages.timeline_page(records).encode(), "the timeline")
    if len(records) > pages.TIMELINE_ON_ONE_PAGE:
        for year, recs in pages.years_of(records).items():
            planned.add(routes.timeline_year(year), pages.timeline_year_page(year, recs).encode(), f"the timeline of {year}")
    planned.add(routes.SEARCH, pages.search_page(records).encode(), "the search page")
    planned.add(routes.GOVERNMENTS, pages.governments_index(index.governments).encode(), "the list of governments")
    for gov, recs in index.governments.items():
        planned.add(routes.government(gov), pages.government_page(gov, recs).encode(), f"the page of government {gov!r}")
    planned.add(routes.ADDRESSEES, pages.addressees_index(index.kinds).encode(), "the list of kinds of addressee")
    for kind, recs in index.kinds.items():
        planned.add(routes.addressee_kind(kind), pages.addressee_kind_page(kind, recs).encode(),
                    f"the page of addressees of kind {kind!r}")
    planned.add(routes.TAGS, pages.tags_index(index.tags).encode(), "the list of tags")
    for tag, recs in index.tags.items():
        planned.add(routes.tag(tag), pages.tag_page(tag, recs).encode(), f"the page of tag {tag!r}")
    planned.add(routes.SIGNATORIES, pages.signatories_index(signers.documents, signers.identity, signers.kind).encode(),
             "the list of signatories")
    rows: dict[tuple[str, bool], str] = {}

    def row(rec: Record, brief: bool) -> str:   # a letter is listed on the page of each of its signatories
        key = (rec.id, brief)
        if key not in rows:
            rows[key] = pages.doc_row(rec, routes.signatory(ANY_SIGNATORY), brief=brief)
        return rows[key]

    for key, recs in signers.documents.items():
        ident = signers.identity[key]
        page = pages.signatory_page(ident, recs, signers.written[key], signers.kind[key], row)
        planned.add(routes.signatory(ident.slug), page.encode(), f"the page of signatory {ident.name!r}")
    return index


def moved_files(redirects: dict[str, str], files_of: dict[str, dict[str, bytes]]) -> list[tuple[str, str, bytes]]:
    """(former path, path, bytes) of each file a renamed document publishes beside its page (its original,
    the original's text, its preview and card) at each former id's address: a link to
    originals/<old-id>.txt keeps working on every host (a copy there; `_redirects` sends a 301 where the
    host reads it). A withdrawn document has no such files, so none is left at its former ids either."""
    out = []
    for old, new in sorted(redirects.items()):
        for path, content in sorted(files_of.get(new, {}).items()):
            folder, _, name = path.rpartition("/")
            if folder == routes.letter(new)[: -len(".md")]:   # letters/<id>/record.json, letters/<id>/<id>.bib, …
                out.append((f"{routes.letter(old)[: -len('.md')]}/{name}", path, content))
            elif name.startswith(new):   # originals/<id>.pdf, originals/<id>.pdf.txt, previews/<id>.png, cards/<id>.png
                out.append((f"{folder}/{old}{name[len(new):]}", path, content))
    return out


def signatory_moves(planned: PagePlan, moved: dict[str, str | None], identities: dict[str, Identity],
                    url: str) -> dict[str, str]:
    """A page at each published signatory address that has none now, leading to the page its name is
    on now (or to the list of signatories); returns {old page: new page} for _redirects."""
    names = {i.slug: i.name for i in identities.values()}
    moves = {}
    for old, new in moved.items():
        there = routes.signatory(new) if new else routes.SIGNATORIES
        page = pages.moved_page(routes.signatory(old), there, names[new] if new else "Signatories", url, "signatory's page")
        planned.add(routes.signatory(old), page.encode(), f"the redirect from signatory {old!r}")
        moves[routes.signatory(old)] = there
    return moves


def tag_moves(planned: PagePlan, published: dict[str, str], tags: dict[str, list[Record]], url: str) -> dict[str, str]:
    """A page at each published tag address whose tag no document has any more, leading to the list of
    tags; returns {old page: the list of tags} for _redirects."""
    live = {routes.tag_slug(t) for t in tags}
    moves = {}
    for slug, name in sorted(published.items()):
        if slug not in live:
            here = routes.tag_at(slug)
            planned.add(here, pages.moved_page(here, routes.TAGS, "Tags", url, f"tag “{name}”").encode(),
                        f"the page left at tag {slug!r}")
            moves[here] = routes.TAGS
    return moves


def follow_and_reuse(planned: PagePlan, root: Path, docs: list[Document], index: Indexes,
                     identities: dict[str, Identity], moves: dict[str, str], url: str,
                     moved_signers: dict[str, str | None] | None = None, first: dict[str, str] | None = None,
                     gone_tags: dict[str, str] | None = None) -> None:
    """Feeds, the data exports and the Data page, and _redirects (issue 15). `moves`: {old page: new
    page} of renamed documents and merged signatories; `moved_signers`: old slug -> new (its feeds
    are published again at the old address too: a feed reader follows no HTML redirect); `first`: a
    renamed document's id -> the id it was first published under (its feed entries' ids); `gone_tags`:
    slug -> name of each published tag no document has any more (its feeds stay, empty)."""
    records = [d.record for d in docs]
    name = site_name(root)
    feed_files = feeds.feed_files(records, index.governments, index.signers.documents, index.signers.identity, url, name,
                                  first, index.tags, gone_tags)
    for old, new in (moved_signers or {}).items():
        if new:
            for path in (routes.atom_feed, routes.json_feed):
                feed_files[path(routes.feed("signatories", old))] = feed_files[path(routes.feed("signatories", new))]
    for path, content in feed_files.items():
        planned.add(path, content, "a feed")
    originals = {d.record.id: original_link(d.record.id, d.path.suffix) for d in docs}
    for path, content in exports.data_files(records, identities, originals, url, name).items():
        planned.add(path, content, "the Data page" if path == routes.DATA else "a data export")
    planned.add(routes.REDIRECTS, publish.redirects_file(moves, url), "the redirects for Netlify and Cloudflare Pages")
    planned.add(routes.ROBOTS, publish.robots_file(url), "robots.txt")


def search_names(records: list[Record], identities: dict[str, Identity]) -> bytes:
    """Each letter page's address -> its signatories' names: as written, as the archive names them, and
    their other spellings in signatory-aliases.yaml. What `letters search-index` indexes each name under
    (the names come from the records, not back from the built pages)."""
    spellings = alias_spellings()
    table = {}
    for r in records:
        names = {n.name for n in r.signatories.names}
        canonical = {identities[name].name for name in names}
        table[routes.url(routes.letter(r.id))] = sorted(names | canonical | {a for c in canonical for a in spellings.get(c, [])})
    return (json.dumps(table, ensure_ascii=False, sort_keys=True, indent=0) + "\n").encode()


def published_ids(docs_dir: Path) -> set[str]:
    """The ids whose pages (letters or redirects) the last build wrote, from its manifest."""
    try:
        listing = (docs_dir / MANIFEST).read_text(encoding="utf-8").split("\n")
    except (OSError, UnicodeDecodeError):
        return set()
    return {rel[len("letters/"):-len(".md")] for rel in listing if rel.startswith("letters/") and rel.endswith(".md")}


def published_signatories(root: Path) -> dict[str, str | None]:
    """The signatory registry, with every signatory page the last build wrote (its manifest): a page
    published before the registry existed, or dropped from it by a bad merge, still gets a redirect."""
    published = load_signatory_registry(root / "data" / SIGNATORY_REGISTRY)
    try:
        listing = (root / "docs" / MANIFEST).read_text(encoding="utf-8").split("\n")
    except (OSError, UnicodeDecodeError):
        listing = []
    for rel in listing:
        slug = rel[len("signatories/"):-len(".md")] if rel.startswith("signatories/") and rel.endswith(".md") else ""
        if slug and slug != "index" and slug not in published and SLUG_PATTERN.match(slug):
            published[slug] = _page_title(root / "docs" / rel)
    return published


def _page_title(path: Path) -> str | None:
    """The name a signatory page of the last build was for, or a letter page's title: its front
    matter's title (None for a redirect page, or a page that cannot be read)."""
    try:
        head = path.read_text(encoding="utf-8")[:4096].split("\n---\n", 1)[0].removeprefix("---\n")
        # the title key alone (with its folded lines): the whole head may be cut short mid-value, and a
        # record's front matter (its signatories) is often longer than what is read
        found = re.search(r"^title:.*(?:\n[ \t]+\S.*)*", head, re.M)
        title = load_yaml(found.group(0)).get("title") if found else None
    except (OSError, UnicodeDecodeError, yaml.YAMLError, AttributeError):
        return None
    return title if isinstance(title, str) and not title.startswith("Moved: ") else None


def lost_urls(root: Path, rows: list[dict], forget: set[str]) -> list[str]:
    """Errors for URLs the last build published that the registry no longer has (an emptied or
    badly merged data/permalinks.yaml silently dropped every redirect page)."""
    lost = sorted(published_ids(root / "docs") - {r["id"] for r in rows} - forget)
    if not lost:
        return []
    shown = ", ".join(f"/letters/{x}/" for x in lost[:5]) + (f" and {len(lost) - 5} more" if len(lost) > 5 else "")
    return [f"data/permalinks.yaml: error: {len(lost)} published URL(s) are missing from the registry: {shown}"
            "\n    fix: restore data/permalinks.yaml from git (`git checkout data/permalinks.yaml`); to drop them on "
            "purpose, run `letters build " + " ".join(f"--forget-url {x}" for x in lost[:5]) + "`"]


def held_back(doc: Document) -> Document:
    """A document held back, as assign_ids sees it: no record, so it keeps the id its file was published
    under (its address stays reserved) and adds nothing else (no new id, no aliases)."""
    return Document(doc.rel, doc.path, None, doc.error or LetterError(doc.rel, None, "held back"), doc.raw)


def owner(message: str, keys: dict[str, str]) -> str | None:
    """The one document an error is about: the file (or id) it begins with, when it names no other
    document; None for an error between two documents or about no document. `keys`: file or id -> file."""
    first = next((key for key in keys if message.startswith(f"{key}:")), None)
    if first is None:
        return None
    rest = message[len(first) + 1:]
    if any(re.search(rf"(?<![\w/.-]){re.escape(key)}(?![\w-])", rest) for key in keys if keys[key] != keys[first]):
        return None
    return keys[first]


def letter_files(docs_dir: Path, doc_id: str) -> dict[str, bytes]:
    """The files of the page the last build wrote for `doc_id` (its page, original, text, card), as they
    are in docs/: what a held-back document keeps. Empty when it had no page (or only a redirect)."""
    try:
        listing = (docs_dir / MANIFEST).read_text(encoding="utf-8").split("\n")
    except (OSError, UnicodeDecodeError):
        return {}
    page = routes.letter(doc_id)
    if page not in listing or _page_title(docs_dir / page) is None:
        return {}
    folder = routes.record_json(doc_id).rsplit("/", 1)[0] + "/"   # beside the page: record, citation files
    mine = [rel for rel in listing if rel == page or rel.startswith(f"{routes.ORIGINALS}{doc_id}.")
            or rel.startswith(folder) or rel in (routes.card(doc_id), routes.preview(doc_id))]
    files = {}
    for rel in mine:
        try:
            files[rel] = (docs_dir / rel).read_bytes()
        except OSError:
            if rel == page:
                return {}
    return files


def sort_out(root: Path, docs: list[Document], result: BuildResult) -> tuple[list[Document], list[dict], dict[str, str]]:
    """Which documents this build publishes. A document with an error of its own (it cannot be read,
    an error in its record, an unsafe id, `related:` naming nothing, a government in look-alike
    letters) is held back: named in `result.held`, the others built without it. An error between two
    documents, or in the archive's own data (the registries), goes to `result.errors`: it stops the
    build. Returns (the documents as assign_ids last saw them, registry rows, redirects)."""
    for doc in docs:
        if doc.error:
            result.held[doc.rel] = [str(doc.error)]
        elif not doc.ok:
            result.held[doc.rel] = [p.render(doc.rel) for p in doc.extraction.problems if p.level == "error"]
    registry_path = root / "data" / "permalinks.yaml"
    files = {d.rel: d.rel for d in docs}
    while True:   # until a round holds no document more (holding one can clear an error between two)
        seen = [held_back(d) if d.rel in result.held else d for d in docs]
        rows, redirects, id_errors = assign_ids(seen, registry_path)
        more: dict[str, list[str]] = {}
        fatal: list[str] = []
        for error in id_errors:
            mine = owner(str(error), files) if error.file in files else None
            (more.setdefault(mine, []) if mine else fatal).append(str(error))
        if not more and not fatal:
            good = [d for d in seen if d.extraction is not None]
            keys = files | {d.record.id: d.rel for d in good if d.record.id}
            reserved = [Record(id=d.id) for d in seen if d.extraction is None and d.id]   # not "no document"
            for problem in related.problems([d.record for d in good] + reserved) + unify_governments(good):
                mine = owner(problem, keys)
                (more.setdefault(mine, []) if mine and mine not in result.held else fatal).append(problem)
        if not more:
            result.errors += fatal
            return seen, rows, redirects
        result.held.update(more)


def plan(root: Path, use_cache: bool = True, parallel: bool = True,
         forget: set[str] | frozenset[str] = frozenset(), strict: bool = False) -> BuildResult:
    """Every page of docs/, in memory, or the errors that stop the build. `forget`: published ids an
    editor drops on purpose (`letters build --forget-url ID`). A document with an error of its own is
    held back (`result.held`; its last good page kept, or left out) and the rest built; `strict`: any
    such error stops the whole build instead, as an error in data/ always does."""
    use_archive(root)
    data_errors = check_data_files()
    if data_errors:
        return BuildResult([], errors=data_errors)
    cache = ExtractionCache(root) if use_cache else None
    card_cache = cards.CardCache(root) if use_cache else None
    docs = load(root, workers=None if parallel else 1, cache=cache)
    if cache and card_cache:
        cache.prune()
        card_cache.prune()
    result = BuildResult(docs)
    seen, rows, redirects = sort_out(root, docs, result)
    if not result.errors:
        result.errors += lost_urls(root, rows, set(forget))
    if strict and result.held:
        result.errors = [e for errors in result.held.values() for e in errors] + result.errors
    if result.errors:
        return result
    kept: dict[str, bytes] = {}
    for doc in seen:
        if doc.rel in result.held and doc.id:
            files = letter_files(root / "docs", doc.id)
            if files:
                kept |= files
                result.kept[doc.rel] = doc.id
    docs = [d for d in seen if d.extraction is not None]
    titles = {doc_id: _page_title(root / "docs" / routes.letter(doc_id)) or doc_id for doc_id in result.kept.values()}
    titles |= {d.record.id: d.record.title or d.record.id for d in docs}
    # a redirect to a held-back document that kept no page would lead nowhere: written when it is back
    redirects = {old: new for old, new in redirects.items() if new in titles}
    result.warnings += duplicate_texts(docs) + stray_sidecars(root)
    result.warnings += unlisted_warnings(docs)
    result.registry = dump_registry(rows)
    # a withdrawn document keeps its page (a notice) and its redirects, and is in no list, feed or export
    notices = [d for d in docs if d.record.withdrawn]
    docs = [d for d in docs if not d.record.withdrawn]
    records = [d.record for d in docs]
    try:
        published = published_signatories(root)
    except LetterError as error:
        result.errors.append(str(error))
        return result
    unify_tags([d.record for d in docs + notices])   # one spelling per tag page, on the pages and in the data
    try:
        published_tags = load_tag_registry(root / "data" / TAG_REGISTRY)
    except LetterError as error:
        result.errors.append(str(error))
        return result
    identities = resolve([n.name for r in records for n in r.signatories.names], published)
    moved_signers = moved_signatories(published, identities)
    live_slugs = {i.slug for i in identities.values()}
    result.signatory_registry = dump_signatory_registry(
        {**{i.slug: i.name for i in identities.values()}, **{k: v for k, v in published.items() if v or k not in live_slugs}})
    result.suggestions = suggestions(identities)
    url = site_url(root)
    result.related = related.suggest([(d.record, "\n".join(x.text for x in d.extraction.text)) for d in docs])
    shown = related.links(records, result.related)
    planned = PagePlan()
    try:
        for path, content in sorted(kept.items()):
            planned.add(path, content, "the last good page of a held-back document")
        rendered = letter_pages(docs + notices, identities, url, shown, cache, parallel, site_name(root), card_cache)
        for doc, (files, page) in zip(docs + notices, rendered, strict=True):
            for path, content in files.items():
                planned.add(path, content, f"the original or card of {doc.rel}")
            planned.add(routes.letter(doc.record.id), page, f"the page of {doc.rel}")
        for old, new in sorted(redirects.items()):
            planned.add(routes.redirect(old), pages.redirect_page(old, new, titles[new], url).encode(),
                        f"the redirect from {old!r} to {new!r}")
        index = index_pages(planned, records, identities)
        moves = {routes.redirect(old): routes.letter(new) for old, new in redirects.items()}
        files_of = {doc.record.id: files for doc, (files, _) in zip(docs + notices, rendered, strict=True)}
        for old_file, new_file, content in moved_files(redirects, files_of):
            planned.add(old_file, content, f"the original or card of {new_file} at its former address")
            moves[old_file] = new_file
        moves |= signatory_moves(planned, moved_signers, identities, url)
        moves |= tag_moves(planned, published_tags, index.tags, url)
        live_tags = {routes.tag_slug(t): t for t in index.tags}
        result.tag_registry = dump_tag_registry(published_tags | live_tags)
        planned.add(routes.SEARCH_NAMES, search_names(records, identities), "the names search reads")
        first = {r["id"]: r["first"] for r in rows if r.get("first") and not r.get("redirect")}
        follow_and_reuse(planned, root, docs, index, identities, moves, url, moved_signers, first,
                         {slug: name for slug, name in published_tags.items() if slug not in live_tags})
    except PageCollision as collision:
        result.errors.append(str(collision))
        return result
    result.files = planned.files
    return result
