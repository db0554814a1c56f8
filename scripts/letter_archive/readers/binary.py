"""Binary formats in the registry: PDF with a text layer, Word (.docx), OpenDocument text (.odt) and
e-mail (.eml). Each reader takes the file's bytes and returns a `Document` (lines per page, the file's
own metadata, warnings); `to_source` turns that into the same numbered-lines `Source` a text file
gives, with the page of every line, so every extraction rule applies and the report can say
"page 2, line 14".

Readers of binary formats run isolated (`read_isolated`): in a forked child process with a wall-clock
limit and an address-space limit, so that no file, however it was made, can hang the build, take the
machine's memory or take the other letters down with it. A PDF without a text layer (a scan) is
read by OCR when Debian's `tesseract` is installed (`make ocr`), else refused with the fix."""

from __future__ import annotations

import multiprocessing
import resource
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
    """The reader for the suffix; with `use_ocr`, a PDF is read by OCR (for one without a text layer)."""
    if use_ocr:
        return ocr.read(raw, file)
    return BINARY_READERS[suffix](raw, file)


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


def _child(conn: Any, raw: bytes, file: str, suffix: str, memory_mb: int, use_ocr: bool) -> None:
    try:
        limit = _vm_bytes() + memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        conn.send(("ok", read_any(raw, file, suffix, use_ocr)))
    except ScanError as exc:
        conn.send(("scan", (exc.file, exc.page, exc.message, exc.hint)))
    except ReaderError as exc:
        conn.send(("error", (exc.file, exc.page, exc.message, exc.hint)))
    except MemoryError:
        conn.send(("error", (file, None, f"reading this file needs more than {memory_mb} MB of memory",
                             "save it again with smaller images, or add the letter's text as a .txt file")))
    except Exception as exc:   # a reader's bug must still come back as a clear error, not a dead build
        conn.send(("error", (file, None, f"this file could not be read ({type(exc).__name__}: {str(exc)[:200]})",
                             "open it and save it again (as PDF, DOCX or plain text), then build again")))
    finally:
        conn.close()


def read_isolated(raw: bytes, file: str, suffix: str, timeout: float = TIMEOUT_S,
                  memory_mb: int = MEMORY_MB) -> Document:
    """read_any in a forked child with a wall-clock and an address-space limit (Linux/macOS: fork).
    A scan goes to OCR, in a second child with OCR's longer limit, when tesseract is installed."""
    try:
        return _isolated(raw, file, suffix, timeout, memory_mb, False)
    except ScanError:
        if not ocr.available():
            raise
    return _isolated(raw, file, suffix, OCR_TIMEOUT_S, memory_mb, True)


def _isolated(raw: bytes, file: str, suffix: str, timeout: float, memory_mb: int, use_ocr: bool) -> Document:
    ctx = multiprocessing.get_context("fork")
    receive, send = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(send, raw, file, suffix, memory_mb, use_ocr), daemon=True)
    proc.start()
    send.close()
    try:
        if not receive.poll(timeout):
            raise ReaderError(file, None, f"reading this file took more than {timeout:.0f} s: stopped",
                              "open it and save it again (Print > Save as PDF), or add its text as a .txt file")
        try:
            kind, value = receive.recv()
        except (EOFError, OSError):
            raise ReaderError(file, None, "the reader stopped on this file (it ran out of memory or crashed)",
                              "open it and save it again (Print > Save as PDF), or add its text as a .txt file") from None
    finally:
        if proc.is_alive():
            proc.kill()
        proc.join()
        receive.close()
    if kind == "ok":
        return value
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
              "text": text}   # the text rendition, published beside the original
    return Source(file=file, raw=raw, encoding=suffix.lstrip("."), text=text, body=text, body_line=1,
                  plain=text, is_html=False, problems=problems, origin=origin)


__all__ = ["BINARY_READERS", "FORMAT_NAMES", "Document", "ReaderError", "ScanError", "page_label", "read_any",
           "read_isolated", "to_source"]
