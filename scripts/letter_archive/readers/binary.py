"""Binary formats in the registry: PDF with a text layer, Word (.docx), OpenDocument text (.odt) and
e-mail (.eml). Each reader takes the file's bytes and returns a `Document` (lines per page, the file's
own metadata, warnings); `to_source` turns that into the same numbered-lines `Source` a text file
gives, with the page of every line, so every extraction rule applies and the report can say
"page 2, line 14".

Readers of binary formats run isolated (`read_isolated`): in a forked child process with a wall-clock
limit per file and an address-space limit, so that no file, however it was made, can hang the build,
take the machine's memory or take the other letters down with it (the child is replaced after any of
those, and reads nothing but the bytes it is sent). A PDF without a text layer (a scan) is
read by OCR when Debian's `tesseract` is installed (`make ocr`), else refused with the fix."""

from __future__ import annotations

import base64
import multiprocessing
import os
import resource
import threading
from collections.abc import Callable
from typing import Any

from ..errors import Problem
from . import docx, eml, ocr, odt, pdf
from .base import Document, ReaderError, ScanError, to_text
from .source import Source

BinaryReader = Callable[[bytes, str], Document]
BINARY_READERS: dict[str, BinaryReader] = {
    ".pdf": pdf.read, ".docx": docx.read, ".docm": docx.read, ".odt": odt.read, ".eml": eml.read,
}
# What the letter page calls the original ("Original (PDF, 3 pages, 212 KB)").
FORMAT_NAMES = {".pdf": "PDF", ".docx": "Word document", ".docm": "Word document", ".odt": "OpenDocument text",
                ".eml": "e-mail"}

TIMEOUT_S = 10.0        # a letter's PDF reads in well under a second; 10 s means something is wrong
MEMORY_MB = 500         # address space a reader may add to what the build already holds
OCR_TIMEOUT_S = 120.0   # OCR is slow by nature: about 5 s a page on one core


def read_any(raw: bytes, file: str, suffix: str, use_ocr: bool = False) -> Document:
    """The reader for the suffix. With `use_ocr`, a PDF without a text layer is read by OCR, and so
    are a PDF's scanned pages (a thin text layer over a large image: `ocr_pages` in its metadata);
    without it those pages keep their text layer and the warnings say they need OCR (a PDF that is
    nothing else is a scan: ScanError)."""
    try:
        doc = BINARY_READERS[suffix](raw, file)
    except ScanError:
        if use_ocr:
            return ocr.read(raw, file)
        raise
    if isinstance(doc, Document) and doc.metadata.get("ocr_pages"):
        return ocr.fill(doc, raw, file) if use_ocr else ocr.unread(doc, file)
    return doc


def _vm_bytes() -> int:
    """This process's address space now (Linux), so the limit is what the reader may add to it."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _serve(conn: Any, other_end: Any, memory_mb: int) -> None:
    """The isolated reader: a forked child that reads the files it is sent, one at a time, with an
    address-space limit of what the build held when it was forked plus `memory_mb`. It ends when the
    process that started it does."""
    other_end.close()
    parent = os.getppid()
    limit = _vm_bytes() + memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    while True:
        try:
            while not conn.poll(1.0):
                if os.getppid() != parent:
                    return
            request = conn.recv()
        except (EOFError, OSError):
            return
        if request is None:
            return
        raw, file, suffix, use_ocr = request
        try:
            reply: tuple = ("ok", read_any(raw, file, suffix, use_ocr))
        except ScanError as exc:
            reply = ("scan", (exc.file, exc.page, exc.message, exc.hint))
        except ReaderError as exc:
            reply = ("error", (exc.file, exc.page, exc.message, exc.hint))
        except MemoryError:
            reply = ("memory", (file, None, f"reading this file needs more than {memory_mb} MB of memory",
                                "save it again with smaller images, or add the letter's text as a .txt file"))
        except Exception as exc:   # a reader's bug must still come back as a clear error, not a dead build
            reply = ("error", (file, None, f"this file could not be read ({type(exc).__name__}: {str(exc)[:200]})",
                               "open it and save it again (as PDF, DOCX or plain text), then build again"))
        try:
            conn.send(reply)
        except (OSError, ValueError):
            return
        if reply[0] == "memory":
            return                 # a fresh reader for the next file


class _Worker:
    """One isolated reader per process that loads letters (a pool worker gets its own): forking once
    instead of once a file saves ~12 ms of CPU a letter. It is replaced after a time-out, a crash,
    running out of memory, and every RECYCLE files."""

    RECYCLE = 200

    def __init__(self, memory_mb: int):
        ctx = multiprocessing.get_context("fork")
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_serve, args=(child, self.conn, memory_mb), daemon=True)
        self.proc.start()
        child.close()
        self.owner, self.memory_mb, self.served = os.getpid(), memory_mb, 0

    def stop(self) -> None:
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join()
        self.conn.close()


_worker: _Worker | None = None
_lock = threading.Lock()


def reset_worker() -> None:
    """Stop this process's isolated reader (the next file starts a new one)."""
    global _worker
    if _worker is not None and _worker.owner == os.getpid():
        _worker.stop()
    _worker = None


def _ask(raw: bytes, file: str, suffix: str, timeout: float, memory_mb: int, use_ocr: bool) -> tuple[str, Any, int]:
    global _worker
    if _worker is None or _worker.owner != os.getpid() or _worker.memory_mb != memory_mb \
            or not _worker.proc.is_alive():
        reset_worker()
        _worker = _Worker(memory_mb)        # (a forked process never uses its parent's reader)
    worker = _worker
    served = worker.served
    try:
        worker.conn.send((raw, file, suffix, use_ocr))
        if not worker.conn.poll(timeout):
            reset_worker()
            raise ReaderError(file, None, f"reading this file took more than {timeout:.0f} s: stopped",
                              "open it and save it again (Print > Save as PDF), or add its text as a .txt file")
        kind, value = worker.conn.recv()
    except (EOFError, OSError):
        reset_worker()
        return "crash", (file, None, "the reader stopped on this file (it ran out of memory or crashed)",
                         "open it and save it again (Print > Save as PDF), or add its text as a .txt file"), served
    worker.served += 1
    if kind == "memory" or worker.served >= _Worker.RECYCLE:
        reset_worker()
    return kind, value, served


def read_isolated(raw: bytes, file: str, suffix: str, timeout: float = TIMEOUT_S,
                  memory_mb: int = MEMORY_MB) -> Document:
    """read_any in the isolated reader, a forked child with a wall-clock limit per file and an
    address-space limit (Linux/macOS: fork). A scan goes to OCR, with OCR's longer time limit, when
    tesseract is installed, and so do a PDF's scanned pages (the file is read first without OCR, in
    a text PDF's time limit; OCR never runs for a page of text). Out of memory or a crash in a
    reader that had read other files first is tried once more in a fresh one, so that no file pays
    for another's leftovers."""
    use_ocr = False
    text_only: Document | None = None     # the text layer's reading, while its scanned pages go to OCR
    for _ in range(3):
        with _lock:
            kind, value, served = _ask(raw, file, suffix, OCR_TIMEOUT_S if use_ocr else timeout, memory_mb, use_ocr)
        if kind == "ok":
            if not use_ocr and value.metadata.get("ocr_pages") and ocr.available():
                text_only, use_ocr = value, True
                continue
            return value
        if kind == "scan" and not use_ocr and ocr.available():
            use_ocr = True
            continue
        if kind in ("memory", "crash") and served:
            continue
        break
    if text_only is not None:     # OCR of its scanned pages failed: the text layer's reading stands
        text_only.problems.append(f"OCR of the scanned pages stopped ({value[2]}): only their text layer is kept")
        return text_only
    raise (ScanError if kind == "scan" else ReaderError)(*value)


def page_label(page_starts: list[int], no: int | None) -> str:
    """'page 2, line 14' for line `no` of the text (pages start at the given line numbers)."""
    if not no:
        return ""
    page = sum(1 for start in page_starts if start <= no) or 1
    return f"page {page}, line {no - page_starts[page - 1] + 1}"


def to_source(doc: Document, raw: bytes, file: str, suffix: str) -> Source:
    """The document's text as the numbered lines a text file gives: line N is line N of the text
    rendition (published beside the original); `origin` keeps where each page starts, the format
    and the file's own metadata."""
    text, where = to_text(doc)
    starts: list[int] = []
    for no, (page, line) in enumerate(where, start=1):
        if line == 1 and len(starts) < page:
            starts += [no] * (page - len(starts))   # pages without text start where the next one does
    problems = [Problem("warning", "file", None, message) for message in doc.problems]
    origin = {"format": FORMAT_NAMES.get(suffix, suffix.lstrip(".").upper()), "suffix": suffix,
              "pages": doc.metadata.get("pages") if suffix != ".pdf" else len(doc.pages),
              "page_starts": starts if suffix == ".pdf" or len(doc.pages) > 1 else [],
              "created": doc.metadata.get("created"), "ocr": bool(doc.metadata.get("ocr")),
              # the first page as PNG, for link previews (base64: the extraction cache is JSON)
              "preview": base64.b64encode(doc.metadata["preview"]).decode("ascii") if doc.metadata.get("preview") else None}
    return Source(file=file, raw=raw, encoding=suffix.lstrip("."), text=text, body=text, body_line=1,
                  plain=text, is_html=False, problems=problems, origin=origin)


__all__ = ["BINARY_READERS", "FORMAT_NAMES", "Document", "ReaderError", "ScanError", "page_label", "reset_worker", "read_any",
           "read_isolated", "to_source"]
