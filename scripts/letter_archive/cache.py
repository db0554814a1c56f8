"""A cache of extractions, so that `letters build` after one edit (and `make serve`) extracts only
the letters that changed. An entry is keyed by the file's path and bytes, under a fingerprint of the
extractor itself (this package's code and the data files it reads): change either and every letter
is extracted afresh. Stored as JSON (never pickle: a cache file must not be able to run code) in
.letters-cache/ beside letters/, which git ignores; deleting it is always safe. (Before issue 25 it
was .cache/, which `zensical build --clean` deletes: what is found there is moved over once.)"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import asdict
from pathlib import Path

from .data import data_dir
from .errors import Problem
from .extract import Extraction
from .extract.lines import Line, Removed, SignatureLines
from .lock import CACHE_DIR, OLD_CACHE_DIR
from .model import Record
from .readers import ocr

PACKAGE = Path(__file__).resolve().parent
DATA_FILES = ("governments.yaml", "countries.yaml", "signatory-aliases.yaml", "limits.yaml")
# The code that shapes an extraction or a page: the record model, the readers, the extractor, the
# reference data, and the site stage that renders pages (the page cache shares this fingerprint).
# Not the CLI, not the benchmark, not the tests: editing those re-extracts nothing.
SHAPING_CODE = ("model.py", "errors.py", "data.py", "places.py", "document.py", "readers", "extract", "link", "site")


def shaping_files() -> list[Path]:
    files: list[Path] = []
    for name in SHAPING_CODE:
        path = PACKAGE / name
        files += sorted(p for p in path.rglob("*") if p.is_file() and p.suffix in (".py", ".yaml", ".html")
                        and "__pycache__" not in p.parts) if path.is_dir() else [path]
    return files


def extractor_fingerprint() -> str:
    digest = hashlib.sha256()
    # whether OCR can run shapes what a scanned PDF reads as: a PDF read before `make ocr` is read again after
    digest.update(f"ocr={ocr.binary() or ''};{os.environ.get('OCR_LANGUAGES', '')}\0".encode())
    for path in shaping_files() + [data_dir() / name for name in DATA_FILES]:
        name = path.relative_to(PACKAGE).as_posix() if path.is_relative_to(PACKAGE) else path.name
        digest.update(name.encode() + b"\0" + (path.read_bytes() if path.exists() else b"") + b"\0")
    return digest.hexdigest()[:16]


def adopt_old_cache(root: Path) -> None:
    """Move the caches an older version kept in .cache/ to .letters-cache/, once (a first build after
    the move then extracts nothing again). Anything else in .cache/ (another tool's) is left alone;
    a failure leaves the old cache where it was, unused: the build extracts afresh."""
    for name in ("extractions", "pages"):
        old, new = root / OLD_CACHE_DIR / name, root / CACHE_DIR / name
        if old.is_dir() and not new.exists():
            try:
                new.parent.mkdir(parents=True, exist_ok=True)
                old.rename(new)
            except OSError:
                pass


class ExtractionCache:
    def __init__(self, root: Path):
        adopt_old_cache(root)
        self.base = root / CACHE_DIR / "extractions"
        self.folder = self.base / extractor_fingerprint()
        self.pages = PageCache(root, self.folder.name)

    def _path(self, rel: str, raw: bytes) -> Path:
        key = hashlib.sha256(rel.encode() + b"\0" + raw).hexdigest()
        return self.folder / key[:2] / f"{key}.json"

    def get(self, rel: str, raw: bytes) -> Extraction | None:
        path = self._path(rel, raw)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return Extraction(
            record=Record.from_dict(data["record"]), lines=data["lines"],
            problems=[Problem(**p) for p in data["problems"]],
            removed=[Removed(**r) for r in data["removed"]],
            text=[Line(no, text) for no, text in data["text"]],
            signature_span=tuple(data["signature_span"]) if data["signature_span"] else None,
            signature_lines=SignatureLines(**data["signature_lines"]) if data.get("signature_lines") else None,
            origin=data.get("origin") or {},
            editor_bytes=tuple(data["editor_bytes"]) if data.get("editor_bytes") else None)

    def put(self, rel: str, raw: bytes, extraction: Extraction) -> None:
        path = self._path(rel, raw)
        if path.exists():
            return
        data = {"record": extraction.record.to_dict(), "lines": extraction.lines,
                "signature_span": extraction.signature_span,
                "signature_lines": asdict(extraction.signature_lines) if extraction.signature_lines else None,
                "problems": [asdict(p) for p in extraction.problems],
                "removed": [asdict(r) for r in extraction.removed],
                "text": [[line.no, line.text] for line in extraction.text], "origin": extraction.origin,
                "editor_bytes": extraction.editor_bytes}
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False, default=str), encoding="utf-8")
        tmp.replace(path)

    def prune(self) -> None:
        """Drop the entries of older extractors."""
        for base, keep in ((self.base, self.folder), (self.pages.base, self.pages.folder)):
            if base.exists():
                for folder in base.iterdir():
                    if folder != keep:
                        shutil.rmtree(folder, ignore_errors=True)


class PageCache:
    """Rendered letter pages, keyed by a hash of everything the page is made from (the record, the
    text, the slugs of its signatories, the titles it links to, the site's address) and of the code.
    A letter page is most of `letters build`'s work; after one edit, the others come from here."""

    def __init__(self, root: Path, fingerprint: str):
        self.base = root / CACHE_DIR / "pages"
        self.folder = self.base / fingerprint
        self.used: set[Path] = set()

    @staticmethod
    def key(*inputs: object) -> str:
        return hashlib.sha256(json.dumps(inputs, ensure_ascii=False, default=str).encode()).hexdigest()

    def get(self, key: str) -> bytes | None:
        try:
            return (self.folder / key[:2] / key).read_bytes()
        except OSError:
            return None

    def put(self, key: str, page: bytes) -> None:
        path = self.folder / key[:2] / key
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_bytes(page)
        tmp.replace(path)
