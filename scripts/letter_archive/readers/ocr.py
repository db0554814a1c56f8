"""OCR for PDFs without a text layer (scans), opt-in: used only when Debian's `tesseract` is on PATH
(`make ocr` installs it with the language packs eng, deu, fra, spa, kor, jpn and chi_sim).

Each page is rendered with pypdfium2 (grey, 300 dpi), handed to `tesseract` as a PGM image on its
standard input (no temporary files), and its text comes back page by page; then the same layout
rules as for a text PDF: running headers, footers and page numbers dropped, hyphenated words
rejoined. Languages: those of OCR_LANGUAGES (e.g. `OCR_LANGUAGES=kor+eng make build`), else every
installed one of eng, deu, fra, spa (Latin-script letters; Korean, Japanese and Chinese models slow
every page down, so they are asked for by name).

Stamps: a court's or registry's receipt stamp on a scan ("Eingegangen 12. März 2021", "RECEIVED
MAR 12 2021", "Filed", "Registry") is not the letter's date. A short line that holds a date and a
stamp word is dropped from the text, and named in the warnings, so the date is never taken from it.
So is a scanner app's line ("Scanned with CamScanner", "Gescannt mit …"): the app's, not the letter's.

Scanned pages of a text PDF (`fill`): readers.pdf marks a page whose text layer is thin (a stamp, a
scanner app's line) over an image covering most of it; those pages alone are read by OCR."""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import numpy as np
import pypdfium2 as pdfium

from . import preview
from .base import MAX_PAGES, Document, ReaderError, ScanError, clean_line, drop_running_lines, join_hyphenated, squeeze_blank
from .pdf import SCAN_HINT

DPI = 300
PAGE_TIMEOUT_S = 60
MAX_OCR_PAGES = 30          # a scanned letter with its signatures; more is not a letter
DEFAULT_LANGUAGES = ("eng", "deu", "fra", "spa")
STAMP_WORDS = re.compile(
    r"\b(?:received|filed|entered|registry|registered|court|clerk|stamp|eingegangen|eingang|posteingang|"
    r"gericht|registratur|reçu|recu|greffe|tribunal|recibido|registro|juzgado|접수|受付|受理|收到)\b", re.I)
DATE_LIKE = re.compile(r"\d{1,4}[./\-年]\s?\d{1,2}|\b\d{1,2}\.?\s+[A-Za-zäéû]{3,}\.?\s+\d{2,4}|"
                       r"\b[A-Za-z]{3,}\.?\s+\d{1,2},?\s+\d{2,4}")


def binary() -> str | None:
    return shutil.which("tesseract")


def available() -> bool:
    return binary() is not None


def languages() -> str:
    wanted = os.environ.get("OCR_LANGUAGES", "").strip()
    if wanted:
        return wanted
    try:
        listed = subprocess.run([binary() or "tesseract", "--list-langs"], capture_output=True, text=True,
                                timeout=20).stdout.split()
    except (OSError, subprocess.SubprocessError):
        listed = []
    return "+".join(x for x in DEFAULT_LANGUAGES if x in listed) or "eng"


def _pgm(page: pdfium.PdfPage) -> bytes:
    bitmap = page.render(scale=DPI / 72, grayscale=True)
    pixels = np.ascontiguousarray(bitmap.to_numpy()).reshape(bitmap.height, bitmap.width, -1)[:, :, 0]
    return b"P5\n%d %d\n255\n" % (bitmap.width, bitmap.height) + np.ascontiguousarray(pixels).tobytes()


SCANNER_APP = re.compile(r"^\W*(?:scanned|digiti[sz]ed|gescannt|digitalisiert|numérisé|numerise|escaneado|"
                         r"digitalizado|scansionato)\s+(?:with|by|using|mit|durch|avec|par|con|por)\s+\S", re.I)


def _is_stamp(line: str) -> bool:
    """A receipt stamp's line (a stamp word and a date), or a scanner app's line."""
    return len(line) <= 80 and (bool(STAMP_WORDS.search(line)) and bool(DATE_LIKE.search(line))
                                or bool(SCANNER_APP.match(line)))


def _ocr_page(exe: str, langs: str, page: pdfium.PdfPage, p: int, file: str) -> list[str]:
    """One page's lines by OCR (cleaned, stamps not yet taken out); ReaderError when OCR fails."""
    image = _pgm(page)
    try:
        done = subprocess.run([exe, "stdin", "stdout", "-l", langs, "--psm", "3"], input=image,
                              capture_output=True, timeout=PAGE_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        raise ReaderError(file, p, f"OCR of this page took more than {PAGE_TIMEOUT_S} s",
                          "add the letter's text beside the PDF as a .txt file") from None
    if done.returncode != 0:
        raise ReaderError(file, p, "OCR failed: " + done.stderr.decode("utf-8", "replace").strip()[-200:],
                          f"check that the tesseract language packs for {langs} are installed (`make ocr`)")
    return [clean_line(line) for line in done.stdout.decode("utf-8", "replace").replace("\f", "").split("\n")]


def _without_stamps(lines: list[str], stamps: list[str]) -> list[str]:
    """The lines less those that are a receipt stamp (appended to `stamps`)."""
    kept = []
    for line in lines:
        if _is_stamp(line):
            stamps.append(line)
        else:
            kept.append(line)
    return kept


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def _letters(lines: list[str]) -> int:
    return sum(ch.isalnum() for line in lines for ch in line)


def _why(exc: BaseException) -> str:
    return exc.message if isinstance(exc, ReaderError) else f"{type(exc).__name__}: {str(exc)[:120]}"


def _pages_phrase(pages: list[int]) -> str:
    return f"page{'s' if len(pages) > 1 else ''} {', '.join(map(str, pages))}"


def read(raw: bytes, file: str) -> Document:
    """The text of a scanned PDF by OCR, page by page. A page that OCR cannot read costs that page
    (named in the warnings); when no page can be read, the first page's error is the file's."""
    exe = binary()
    if exe is None:
        raise ReaderError(file, None, "OCR is not installed", "run `make ocr`, then build again")
    try:
        pdf = pdfium.PdfDocument(raw)
    except pdfium.PdfiumError as exc:
        raise ReaderError(file, None, f"this PDF is damaged and cannot be opened ({exc})",
                          "download it again, or open it in a PDF viewer and save a copy") from None
    langs = languages()
    pages: list[list[str]] = []
    stamps: list[str] = []
    failed: list[tuple[int, BaseException]] = []
    try:
        n = len(pdf)
        if n > min(MAX_PAGES, MAX_OCR_PAGES):
            raise ReaderError(file, None, f"this scan has {n} pages; OCR reads at most {MAX_OCR_PAGES}",
                              "split off the letter's own pages, or add the letter's text as a .txt file")
        card = preview.first_page(pdf)
        for p in range(n):
            try:
                lines = _ocr_page(exe, langs, pdf[p], p + 1, file)
            except MemoryError:
                raise
            except Exception as exc:        # a page OCR cannot read costs that page, not the file
                failed.append((p + 1, exc))
                pages.append([])
                continue
            pages.append(squeeze_blank(_without_stamps(lines, stamps)))
    finally:
        pdf.close()
    if failed and len(failed) == n:
        p, exc = failed[0]
        if isinstance(exc, ReaderError):
            raise exc
        raise ReaderError(file, p, f"OCR failed on every page ({_why(exc)})",
                          "add the letter's text beside the PDF as a .txt file")
    if not any(line for page in pages for line in page):
        raise ReaderError(file, None, "OCR found no text in this scan",
                          "add the letter's text beside the PDF as a .txt file")
    problems = [f"no text layer: read by OCR (tesseract, languages {langs}); check the text against the scan"]
    problems += [f"page {p} could not be read by OCR ({_why(exc)}): left out, the other pages are read"
                 for p, exc in failed]
    dropped = drop_running_lines(pages)
    if dropped:
        problems.append(f"{len(dropped)} running header/footer/page-number line(s) dropped")
    if join_hyphenated(pages):
        problems.append("words hyphenated at a line end rejoined")
    if stamps:
        problems.append(_stamp_problem(stamps))
    return Document(pages=[squeeze_blank(p) for p in pages], metadata={"pages": n, "ocr": True, "preview": card},
                    problems=problems)


# --- pages of a text PDF that are scans (readers.pdf: a thin text layer over a large image) ----------

def _layer_stamps(doc: Document, pages: list[int]) -> list[str]:
    """Take the stamp lines out of the text layer of the scanned pages, in place; return them."""
    stamps: list[str] = []
    for p in pages:
        doc.pages[p - 1] = squeeze_blank(_without_stamps(doc.pages[p - 1], stamps))
    return stamps


def _stamp_problem(stamps: list[str]) -> str:
    """The warning naming the stamp lines left out (once each: the text layer's and OCR's reading of
    one stamp are one)."""
    shown: dict[tuple, str] = {}
    for line in stamps:
        shown.setdefault(tuple(_words(line)), line)
    return ("stamp lines left out (a receipt stamp's date is not the letter's; a scanner app's line is the app's): "
            + "; ".join(shown.values())[:200])


def unread(doc: Document, file: str) -> Document:
    """Without OCR: the scanned pages keep their text layer, less its stamp lines, and the warnings
    say which pages need OCR. A PDF whose only text is such pages' (a scan with a stamp or a scanner
    app's line on it) is a scan: ScanError, as for a PDF without any text."""
    wanted = doc.metadata.get("ocr_pages") or []
    if not wanted:
        return doc
    stem = file.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    layer = " / ".join(line for p in wanted for line in doc.pages[p - 1] if line.strip())
    stamps = _layer_stamps(doc, wanted)
    if not any(line.strip() for k, page in enumerate(doc.pages, start=1) if k not in wanted for line in page):
        raise ScanError(file, wanted[0] if len(wanted) == 1 else None,
                        "this PDF is a scan: its only text layer is "
                        + (f"“{layer[:80]}”" if layer else "a few characters") + " over the scanned image",
                        SCAN_HINT.format(stem=stem))
    doc.problems.append(f"{_pages_phrase(wanted)}: a scan (an image over most of the page, under a thin text "
                        "layer): not read, it needs OCR (`make ocr`, then build again; or put the letter's text "
                        f"beside it as {stem}.txt); only the text layer is kept")
    if stamps:
        doc.problems.append(_stamp_problem(stamps))
    return doc


def _seen(line: str, words: set[str], flat: str) -> bool:
    """The line is in the OCR text: most of its words (OCR misreads a word here and there), or its
    letters and digits in a row (text set vertically comes out of the text layer a character a line)."""
    own = _words(line)
    squeezed = "".join(own)
    return not own or squeezed in flat or sum(w in words for w in own) >= 0.7 * len(own)


def fill(doc: Document, raw: bytes, file: str) -> Document:
    """The scanned pages of a text PDF (doc.metadata["ocr_pages"]) read by OCR, in place of their thin
    text layer. A line of that text layer is kept, under the page's OCR text, when the OCR text does
    not hold it, except a stamp line (a stamp word and a date), which is left out and named, as OCR's
    own stamp lines are. A page OCR cannot read, or where it finds no more words than the text layer
    holds (letters and digits: a decorated background, not a scan), keeps its text layer, with a warning."""
    exe = binary()
    wanted = doc.metadata.get("ocr_pages") or []
    if exe is None or not wanted:
        return unread(doc, file)
    langs = languages()
    read_pages: list[int] = []
    kept_layer: list[int] = []
    failed: list[tuple[int, str]] = []
    stamps: list[str] = []
    pdf = pdfium.PdfDocument(raw)
    try:
        for p in wanted[:MAX_OCR_PAGES]:
            try:
                lines = _ocr_page(exe, langs, pdf[p - 1], p, file)
            except MemoryError:
                raise
            except Exception as exc:        # this page keeps its text layer; the others are read
                failed.append((p, _why(exc)))
                continue
            layer = doc.pages[p - 1]
            page_stamps: list[str] = []
            body = squeeze_blank(_without_stamps(lines, page_stamps))
            if _letters(body) <= _letters(layer):      # (characters: a vertical line is a character a line)
                kept_layer.append(p)
                continue
            ocr_words = _words(" ".join(lines))       # (its stamp lines too: the text layer's may be the same)
            flat, ocr_words = "".join(ocr_words), set(ocr_words)
            extra = [line for line in _without_stamps(layer, page_stamps) if not _seen(line, ocr_words, flat)]
            doc.pages[p - 1] = body + ([""] + extra if extra else [])
            stamps += page_stamps
            read_pages.append(p)
        if read_pages and not doc.metadata.get("preview"):
            doc.metadata["preview"] = preview.first_page(pdf)
    finally:
        pdf.close()
    unread_pages = [p for p in wanted if p not in read_pages]
    stamps += _layer_stamps(doc, unread_pages)
    if not any(line.strip() for page in doc.pages for line in page):
        raise ReaderError(file, None, "OCR found no text in this scan" + (f" ({failed[0][1]})" if failed else ""),
                          "add the letter's text beside the PDF as a .txt file")
    if read_pages:
        doc.metadata["ocr"] = True
        doc.problems.append(f"{_pages_phrase(read_pages)}: a scan under a thin text layer: read by OCR (tesseract, "
                            f"languages {langs}); check the text against the scan")
        dropped = drop_running_lines([doc.pages[p - 1] for p in read_pages])
        if dropped:
            doc.problems.append(f"{len(dropped)} running header/footer/page-number line(s) dropped from the OCR text")
        join_hyphenated(doc.pages)
    for p, why in failed:
        doc.problems.append(f"page {p} could not be read by OCR ({why}): only its text layer is kept")
    for p in kept_layer:
        doc.problems.append(f"page {p}: OCR found no more text than its text layer, which is kept")
    if wanted[MAX_OCR_PAGES:]:
        doc.problems.append(f"{_pages_phrase(wanted[MAX_OCR_PAGES:])}: a scan, not read (OCR reads at most "
                            f"{MAX_OCR_PAGES} pages): only the text layer is kept")
    if stamps:
        doc.problems.append(_stamp_problem(stamps))
    doc.pages = [squeeze_blank(page) for page in doc.pages]
    return doc
