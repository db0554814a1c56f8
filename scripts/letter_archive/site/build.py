"""`letters build`: letters/ -> docs/. Everything is computed in memory first; only when every
document is understood are files written, each only if its content changed, through a temporary
file and a rename, so a failed build leaves the previous docs/ as it was."""

from __future__ import annotations

import multiprocessing
import os
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from ..archive import PARALLEL_FROM, Document, assign_ids, duplicate_texts, load
from ..cache import ExtractionCache
from ..data import use_archive
from ..places import check_data_files
from ..errors import LetterError
from ..extract.signatories import find_section
from ..link.identities import Identity, resolve, suggestions
from ..link.names import unify_governments
from ..link.permalinks import dump_registry
from ..lock import BuildLocked, build_lock
from . import pages

MANIFEST = ".generated"  # the files the build wrote last time: the only ones it may delete


@dataclass
class BuildResult:
    docs: list[Document]
    files: dict[str, bytes] = field(default_factory=dict)     # docs/-relative path -> content
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    suggestions: list[tuple[str, str, float]] = field(default_factory=list)
    registry: str = ""
    written: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)


def site_url(root: Path) -> str:
    """The published address, from mkdocs.yml's site_url (for canonical links and citations)."""
    config = root / "mkdocs.yml"
    if config.exists():
        for line in config.read_text(encoding="utf-8").splitlines():
            if line.startswith("site_url:"):
                return line.split(":", 1)[1].strip().strip("'\"")
    return "https://example.org/"


_letters_context: tuple | None = None   # what _render_letters needs, set by plan() before it forks


def _render_letters(indexes: list[int]) -> list[tuple[str, bytes]]:
    """(original file's path, letter page) for these documents; a page comes from the cache when
    nothing it is made from has changed."""
    assert _letters_context is not None
    docs, identities, url, titles, cache = _letters_context
    out = []
    for i in indexes:
        doc = docs[i]
        rec = doc.record
        original = f"originals/{rec['id']}{''.join(doc.path.suffixes[-1:])}.txt"
        text_lines = [x.text for x in doc.extraction.text]
        slugs = {n["name"]: identities[n["name"]].slug for n in rec["signatories"]["names"]}
        related = {r: titles.get(r) for r in rec.get("related") or []}
        key = cache.pages.key(rec, text_lines, slugs, original, doc.sha256, url, related) if cache else ""
        page = cache.pages.get(key) if cache else None
        if page is None:
            page = pages.letter_page(rec, text_lines, identities, original, doc.sha256, url, titles,
                                     find_section(doc.extraction.text)).encode()
            if cache:
                cache.pages.put(key, page)
        out.append((original, page))
    return out


def published_ids(docs_dir: Path) -> set[str]:
    """The ids whose pages (letters or redirects) the last build wrote, from its manifest."""
    try:
        listing = (docs_dir / MANIFEST).read_text(encoding="utf-8").split("\n")
    except (OSError, UnicodeDecodeError):
        return set()
    return {rel[len("letters/"):-len(".md")] for rel in listing if rel.startswith("letters/") and rel.endswith(".md")}


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


def plan(root: Path, use_cache: bool = True, parallel: bool = True, forget: set[str] | frozenset[str] = frozenset()) -> BuildResult:
    """Every page of docs/, in memory, or the errors that stop the build."""
    use_archive(root)
    data_errors = check_data_files()
    if data_errors:
        return BuildResult([], errors=data_errors)
    cache = ExtractionCache(root) if use_cache else None
    docs = load(root, workers=None if parallel else 1, cache=cache)
    if cache:
        cache.prune()
    result = BuildResult(docs)
    for doc in docs:
        if doc.error:
            result.errors.append(str(doc.error))
        elif not doc.ok:
            result.errors += [p.render(doc.rel) for p in doc.extraction.problems if p.level == "error"]
    registry_path = root / "data" / "permalinks.yaml"
    rows, redirects, id_errors = assign_ids(docs, registry_path)
    result.errors += [str(e) for e in id_errors]
    if not id_errors:
        result.errors += lost_urls(root, rows, set(forget))
    if result.errors:
        return result
    result.warnings += duplicate_texts(docs)
    result.errors += unify_governments(docs)
    if result.errors:
        return result
    result.registry = dump_registry(rows)
    records = [d.record for d in docs]
    identities = resolve([n["name"] for r in records for n in r["signatories"]["names"]])
    result.suggestions = suggestions(identities)
    files = result.files = PlanFiles()
    url = site_url(root)
    titles = {r["id"]: r["title"] or r["id"] for r in records}
    global _letters_context
    _letters_context = (docs, identities, url, titles, cache)
    jobs = list(range(len(docs)))
    if parallel and len(docs) >= PARALLEL_FROM and (os.cpu_count() or 1) > 1:
        # pages are independent once identities are known: render them on every core (fork shares
        # the records; only the finished pages come back)
        workers = min(os.cpu_count() or 1, 8)
        chunks = [jobs[i: i + 200] for i in range(0, len(jobs), 200)]
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            rendered = [item for part in pool.map(_render_letters, chunks) for item in part]
    else:
        rendered = _render_letters(jobs)
    _letters_context = None
    for doc, (original, page) in zip(docs, rendered, strict=True):
        files[original] = doc.raw
        files[f"letters/{doc.record['id']}.md"] = page
    for old, new in sorted(redirects.items()):
        files[f"letters/{old}.md"] = pages.redirect_page(old, new, titles[new]).encode()

    by_gov: dict[str, list[dict]] = defaultdict(list)
    for rec in records:
        for gov in rec["governments"]:
            by_gov[gov].append(rec)
    signed: dict[str, list[dict]] = defaultdict(list)
    signed_ids: dict[str, set[str]] = defaultdict(set)
    forms: dict[str, list[str]] = defaultdict(list)
    identity_of: dict[str, Identity] = {}
    types: dict[str, str] = {}
    for rec in records:
        for entry in rec["signatories"]["names"]:
            ident = identities[entry["name"]]
            identity_of[ident.key] = ident
            forms[ident.key].append(entry["name"])
            types.setdefault(ident.key, entry["type"])
            if rec["id"] not in signed_ids[ident.key]:   # once per letter, however often listed
                signed_ids[ident.key].add(rec["id"])
                signed[ident.key].append(rec)
    files["index.md"] = pages.home_page(records, len(signed), len(by_gov)).encode()
    files["timeline.md"] = pages.timeline_page(records).encode()
    if len(records) > pages.TIMELINE_ON_ONE_PAGE:
        for year, recs in pages.years_of(records).items():
            files[f"timeline/{year}.md"] = pages.timeline_year_page(year, recs).encode()
    files["search.md"] = pages.search_page().encode()
    files["governments/index.md"] = pages.governments_index(by_gov).encode()
    for gov, recs in by_gov.items():
        files[f"governments/{pages.gov_slug(gov)}.md"] = pages.government_page(gov, recs).encode()
    files["signatories/index.md"] = pages.signatories_index(signed, identity_of, types).encode()
    rows: dict[tuple[str, bool], str] = {}

    def row(rec: dict, brief: bool) -> str:   # a letter is listed on the page of each of its signatories
        key = (rec["id"], brief)
        if key not in rows:
            rows[key] = pages.doc_row(rec, "../../", brief=brief)
        return rows[key]

    for key, recs in signed.items():
        ident = identity_of[key]
        files[f"signatories/{ident.slug}.md"] = pages.signatory_page(ident, recs, forms[key], types[key], row).encode()
    files["data/letters.json"] = pages.export_json(records).encode()
    result.errors += files.clashes
    return result


class PlanFiles(dict):
    """docs/-relative path -> content, where writing one path twice (or two paths that differ only in
    case, one file on macOS and Windows) is recorded as an error instead of replacing the first page."""

    def __init__(self) -> None:
        super().__init__()
        self.folded: dict[str, str] = {}
        self.clashes: list[str] = []

    def __setitem__(self, path: str, content: bytes) -> None:
        first = self.folded.setdefault(path.casefold(), path)
        if first != path or path in self:
            self.clashes.append(f"docs/{path}: error: two pages would be written to "
                                f"{'this file' if first == path else 'it and ' + first}; neither was"
                                "\n    fix: give one of the documents or names that make it another id or spelling")
        super().__setitem__(path, content)


def write_tree(target: Path, files: dict[str, bytes], warnings: list[str] | None = None) -> tuple[list[str], list[str]]:
    """Make `target` hold `files` (and keep anything an editor put there). Unchanged files are not
    touched, so `mkdocs serve` sees no change and does not rebuild in a loop."""
    target.mkdir(parents=True, exist_ok=True)
    manifest = target / MANIFEST
    previous = set(manifest.read_text(encoding="utf-8").split("\n")) - {""} if manifest.exists() else set()
    outside = sorted(rel for rel in previous if not inside(target, rel))
    if outside:   # the manifest names the files the build may delete: never one outside docs/
        previous -= set(outside)
        if warnings is not None:
            warnings.append(f"docs/{MANIFEST}: warning: {len(outside)} path(s) outside docs/ ignored, none deleted "
                            f"({', '.join(repr(x) for x in outside[:3])})\n    fix: nothing to do: the build rewrites the list")
    staged: list[tuple[Path, Path]] = []
    path = target
    try:
        for rel, content in sorted(files.items()):
            path = target / rel
            if path.exists() and path.read_bytes() == content:
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f".{path.name}.tmp")
            tmp.write_bytes(content)
            staged.append((tmp, path))
        listing = "\n".join(sorted(files)) + "\n"
        if not manifest.exists() or manifest.read_text(encoding="utf-8") != listing:
            tmp = target / f".{MANIFEST}.tmp"
            tmp.write_text(listing, encoding="utf-8")
            staged.append((tmp, manifest))
    except OSError as error:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)
        path.with_name(f".{path.name}.tmp").unlink(missing_ok=True)
        if not error.filename:
            error.filename = str(path)
        raise
    for tmp, path in staged:
        os.replace(tmp, path)
    deleted = []
    for rel in sorted(previous - set(files)):
        stale = target / rel
        if stale.is_file():
            stale.unlink()
            deleted.append(rel)
    for folder in sorted({p for rel in deleted for p in (target / rel).parents if p != target}, reverse=True):
        if folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
    return [str(p.relative_to(target)) for _, p in staged if p.name != MANIFEST], deleted


def inside(target: Path, rel: str) -> bool:
    """A manifest entry that names a file under `target`: relative, no `..`, not through a link out."""
    path = Path(rel)
    if path.is_absolute() or ".." in path.parts or "\\" in rel:
        return False
    try:
        return (target / path).resolve().is_relative_to(target.resolve())
    except (OSError, ValueError):
        return False


def build(root: Path, parallel: bool = True, forget: set[str] | frozenset[str] = frozenset()) -> BuildResult:
    """`parallel=False` inside a long-running, threaded process (the `mkdocs serve` hook), where
    forking worker processes is not safe; with the caches warm it has little left to do anyway."""
    try:
        with build_lock(root):
            return _build(root, parallel, forget)
    except BuildLocked as error:
        return BuildResult([], errors=[str(error)])


def _build(root: Path, parallel: bool, forget: set[str] | frozenset[str]) -> BuildResult:
    result = plan(root, parallel=parallel, forget=forget)
    if result.errors:
        return result
    registry = root / "data" / "permalinks.yaml"
    staged = None
    if not registry.exists() or registry.read_text(encoding="utf-8") != result.registry:
        # written aside first: a full disk stops the build before docs/ changes, not after
        registry.parent.mkdir(parents=True, exist_ok=True)
        staged = registry.with_name(".permalinks.yaml.tmp")
    try:
        if staged:
            staged.write_text(result.registry, encoding="utf-8")
        result.written, result.deleted = write_tree(root / "docs", result.files, result.warnings)
    except OSError:
        if staged:
            staged.unlink(missing_ok=True)
        raise
    if staged:
        os.replace(staged, registry)
    return result


__all__ = ["BuildResult", "LetterError", "build", "plan", "write_tree"]
