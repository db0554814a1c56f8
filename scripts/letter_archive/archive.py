"""The whole archive: every document in letters/, its record, its permanent id."""

from __future__ import annotations

import hashlib
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from .cache import ExtractionCache
from .errors import LetterError
from .extract import Extraction, extract
from .extract.checks import UNLISTED
from .link.permalinks import check_id, derive_id, load_registry
from .readers import (
    BINARY_READERS,
    SUFFIXES,
    cache_key,
    name_error,
    orphan_sidecars,
    read_document,
    read_raw,
    received_bytes,
    without_companions,
)


@dataclass
class Document:
    rel: str                         # 'letters/2020-02-13-….txt', as editors name it
    path: Path
    extraction: Extraction | None
    error: LetterError | None
    raw: bytes = b""                 # the file as received, read once
    id: str | None = None

    @property
    def record(self) -> dict:
        assert self.extraction is not None
        return self.extraction.record

    @property
    def received(self) -> bytes:
        """The document as received: its file, less the editor's front matter (published as its original)."""
        return received_bytes(self.raw, self.extraction.editor_bytes if self.extraction else None)

    @property
    def sha256(self) -> str:
        """Of the document as received: what a reader downloads and checks."""
        return hashlib.sha256(self.received).hexdigest()

    @property
    def ok(self) -> bool:
        return self.extraction is not None and not any(p.level == "error" for p in self.extraction.problems)


def source_files(letters_dir: Path) -> list[Path]:
    """Documents in letters/ (sub-folders too), in a stable order; README and dotfiles are not documents.
    Links are listed too (folders linked from elsewhere are not entered): `outside` tells which of
    them lead out of letters/, for `load` to refuse."""
    files = []
    for folder, dirs, names in os.walk(letters_dir):   # does not follow linked folders
        here = Path(folder)
        dirs[:] = sorted(d for d in dirs if not d.startswith((".", "_")))
        files += [here / d for d in dirs if (here / d).is_symlink()
                  and not (here / d).resolve().is_relative_to(letters_dir.resolve())]   # inside: read where it is
        files += [here / n for n in names if not n.startswith((".", "_"))
                  and ((here / n).is_file() or (here / n).is_symlink())]
    documents = (p for p in files if p.is_symlink() or (p.suffix.lower() in SUFFIXES
                                                         and not p.name.lower().startswith("readme")))
    return without_companions(sorted(documents, key=lambda p: p.relative_to(letters_dir).as_posix()))


def stray_sidecars(root: Path) -> list[str]:
    """Warnings for corrections files in letters/ that correct no document."""
    letters_dir = root / "letters"
    return orphan_sidecars(letters_dir, source_files(letters_dir)) if letters_dir.is_dir() else []


def outside(path: Path, letters_dir: Path) -> LetterError | None:
    """The error for a link that leads out of letters/ (a draft elsewhere, /etc/passwd), or to no
    regular file; None for a regular file inside."""
    rel = path.relative_to(letters_dir.parent).as_posix()
    target = path.resolve()
    if not target.is_relative_to(letters_dir.resolve()):
        return LetterError(rel, None, f"is a link to a file outside letters/ ({os.readlink(path)}); only files "
                           "inside letters/ are read and published",
                           "copy the document into letters/ (or `letters import` it) and delete the link")
    if not target.is_file():
        return LetterError(rel, None, "is a link to something that is not a file", "delete the link")
    return None


Job = tuple[Path, str, bytes | None]   # path, name in letters/, its bytes if already read


def unlisted_warnings(docs: list[Document]) -> list[str]:
    """The build's warning for each letter published without a list of signatories (extract.checks)."""
    return [UNLISTED.render(d.rel) for d in docs if d.extraction and UNLISTED in d.extraction.problems]


def load_one(path: Path, rel: str, cache: ExtractionCache | None = None, raw: bytes | None = None) -> Document:
    try:
        source = read_document(path, rel, raw)
        extraction = extract(source)
        if cache:
            cache.put(rel, cache_key(path, source.raw), extraction)
        return Document(rel, path, extraction, None, source.raw)
    except LetterError as error:
        return Document(rel, path, None, error)


def _load_chunk(chunk: list[Job], cache: ExtractionCache | None = None) -> list[Document]:
    return [load_one(path, rel, cache, raw) for path, rel, raw in chunk]


PARALLEL_FROM = 300   # below this, starting worker processes costs more than it saves
BINARY_COST = 10      # a PDF or Word letter takes about ten times a text letter's time (isolated reader)


def cost(path: Path) -> int:
    return BINARY_COST if path.suffix.lower() in BINARY_READERS else 1


def load(root: Path, workers: int | None = None, cache: ExtractionCache | None = None) -> list[Document]:
    """Every document of letters/, in file order. Large archives are read on every core: extraction
    is pure Python and CPU-bound, and each document is independent of the others. With a cache, a
    document whose bytes (and the extractor) have not changed is not extracted again."""
    letters_dir = root / "letters"
    refused: dict[str, Document] = {}
    jobs: list[Job] = []
    for path in source_files(letters_dir):
        rel = path.relative_to(root).as_posix()
        error = (outside(path, letters_dir) if path.is_symlink() else None) or name_error(path, rel)
        if error:
            refused[rel] = Document(rel, path, None, error)
        elif path.is_file() and path.suffix.lower() in SUFFIXES:
            jobs.append((path, rel, None))
    if refused:   # in file order, among the others
        docs = {d.rel: d for d in load_jobs_cached(jobs, workers, cache)} | refused
        return [docs[rel] for rel in sorted(docs)]
    return load_jobs_cached(jobs, workers, cache)


def load_jobs_cached(jobs: list[Job], workers: int | None, cache: ExtractionCache | None) -> list[Document]:
    if not cache:
        return load_jobs(jobs, workers, None)
    hits: list[Document | None] = []
    misses: list[Job] = []
    for path, rel, _ in jobs:
        try:
            raw = read_raw(path, rel)
        except LetterError:
            raw = None   # load_one reports it
        hit = cache.get(rel, cache_key(path, raw)) if raw is not None else None
        hits.append(Document(rel, path, hit, None, raw) if hit and raw is not None else None)
        if hits[-1] is None:
            misses.append((path, rel, raw))   # extracted from the bytes just read, not read again
    fresh = iter(load_jobs(misses, workers, cache))
    return [hit or next(fresh) for hit in hits]


def load_jobs(jobs: list[Job], workers: int | None, cache: ExtractionCache | None) -> list[Document]:
    workers = workers or min(os.cpu_count() or 1, 8)
    if workers < 2 or sum(cost(path) for path, _, _ in jobs) < PARALLEL_FROM:
        return _load_chunk(jobs, cache)
    size = max(50, len(jobs) // (workers * 4))
    chunks = [jobs[i: i + size] for i in range(0, len(jobs), size)]
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
        return [doc for part in pool.map(_load_chunk, chunks, [cache] * len(chunks)) for doc in part]


def assign_ids(docs: list[Document], registry_path: Path) -> tuple[list[dict], dict[str, str], list[LetterError]]:
    """Give each document its permanent id. Returns (registry rows, redirects old->new, errors).

    An id comes from the document's front matter, else from the registry (frozen at first publication),
    else it is derived now. A registered id that no document has any more must redirect somewhere."""
    errors: list[LetterError] = []
    try:
        rows = load_registry(registry_path)
    except LetterError as error:
        return [], {}, [error]
    by_file = {r["file"]: r["id"] for r in rows if not r.get("redirect")}
    taken: dict[str, str] = {}
    registered = {r["id"] for r in rows}    # a derived id (a Japanese title's date and number) avoids every one
    for doc in docs:
        if doc.extraction is None:
            doc.id = by_file.get(doc.rel)   # keep its URL reserved while it is broken
            continue
        rec = doc.record
        try:
            doc.id = check_id(rec.id, doc.rel) if rec.id else (
                by_file.get(doc.rel) or derive_id(rec.date, rec.title, doc.path.stem, rec.language,
                                                  registered | taken.keys()))
            for alias in rec.aliases or []:   # each alias becomes a redirect page: same rules as an id
                check_id(str(alias), doc.rel)
        except LetterError as error:
            errors.append(error)
            continue
        if doc.id in taken:
            errors.append(LetterError(doc.rel, None, f"id {doc.id!r} is already the id of {taken[doc.id]}",
                                      "give one of them its own `id:` in the front matter"))
            continue
        taken[doc.id] = doc.rel
        rec.id = doc.id
    live = {d.id: d for d in docs if d.id}
    alias_of: dict[str, str] = {}
    for doc in docs:
        if not doc.extraction or not doc.id:
            continue
        for alias in doc.record.aliases or []:
            alias = str(alias)
            if alias in live:
                errors.append(LetterError(doc.rel, None, f"alias {alias!r} is the id of {live[alias].rel}: its page "
                                          "would be replaced by a redirect", f"remove {alias!r} from `aliases:`"))
            elif alias_of.get(alias, doc.id) != doc.id:
                errors.append(LetterError(doc.rel, None, f"alias {alias!r} is also an alias of "
                                          f"{live[alias_of[alias]].rel}: it can redirect to one document only",
                                          f"remove {alias!r} from the `aliases:` of one of them"))
            else:
                alias_of[alias] = doc.id
    by_id = {row["id"]: row for row in rows}
    by_rel = {d.rel: d.id for d in docs if d.id}

    def target_of(old: str) -> str | None:
        """Where a published id leads now: an alias naming it, else the document of its file, else
        its recorded redirect, followed through renames (A -> B -> C leaves A and B at C)."""
        seen: set[str] = set()
        current: str | None = old
        while current is not None and current not in live and current not in seen:
            seen.add(current)
            row = by_id.get(current, {})
            current = alias_of.get(current) or by_rel.get(row.get("file")) or row.get("redirect")
        return current if current in live else None

    redirects: dict[str, str] = {}
    new_rows: list[dict] = []
    # `first`: the id a renamed document was first published under, carried from id to id (its Atom
    # entry's <id> is that first address, for life: site/feeds.py)
    firsts: dict[str, list[str]] = {}
    for row in rows:
        old = row["id"]
        if old in live:
            new_rows.append({"id": old, "file": live[old].rel} | ({"first": row["first"]} if row.get("first") else {}))
            continue
        target = target_of(old)
        if target:
            redirects[old] = target
            if not row.get("redirect"):   # the page the last build published: renamed now
                firsts.setdefault(target, []).append(row.get("first") or old)
            new_rows.append({"id": old, "file": row.get("file"), "redirect": target})
        else:
            errors.append(LetterError(
                str(registry_path.name), None,
                f"/letters/{old}/ was published (from {row.get('file')}) and would disappear",
                f"restore that file, or add `aliases: [{old}]` to the document that replaces it; to take it down, "
                f"restore it and run `letters withdraw {row.get('file') or 'FILE'} --reason \"…\"` (its address stays, "
                "as a notice)"))
            new_rows.append(row)
    known = {r["id"] for r in new_rows}
    new_rows += [{"id": d.id, "file": d.rel} | ({"first": min(firsts[d.id])} if d.id in firsts else {})
                 for d in docs if d.id and d.id not in known]
    errors += dead_related(docs, set(live) | set(redirects) | set(alias_of))
    return new_rows, redirects, errors


def dead_related(docs: list[Document], ids: set[str]) -> list[LetterError]:
    """`related:` naming no document: the page would link to nothing (and `mkdocs --strict` passed)."""
    errors = []
    for doc in docs:
        if doc.extraction is None:
            continue
        for rel in doc.record.related or []:
            if str(rel) not in ids:
                errors.append(LetterError(doc.rel, None, f"related: {str(rel)[:100]!r} is the id of no document",
                                          "write the id of a document in letters/ (`letters check` shows each "
                                          "document's id after →), or remove it from `related:`"))
    return errors


def duplicate_texts(docs: list[Document]) -> list[str]:
    """Warnings for one text saved under two files (and so published twice, under two ids)."""
    first: dict[str, str] = {}
    warnings = []
    for doc in docs:
        if doc.extraction is None:
            continue
        words = " ".join(" ".join(line.text for line in doc.extraction.text).split()).casefold()
        if len(words) < 200:
            continue   # short texts may well coincide
        key = hashlib.sha256(words.encode("utf-8", "surrogatepass")).hexdigest()
        if key in first:
            warnings.append(f"{doc.rel}: warning: the same text as {first[key]}; it is published twice, under two ids"
                            f"\n    fix: delete one of the files (or add `aliases: [<its id>]` to the other)")
        else:
            first[key] = doc.rel
    return warnings
