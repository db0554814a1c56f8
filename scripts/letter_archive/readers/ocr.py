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
stamp word is dropped from the text, and named in the warnings, so the date is never taken from it."""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import numpy as np
import pypdfium2 as pdfium

from . import preview
from .base import MAX_PAGES, Document, ReaderError, clean_line, drop_running_lines, join_hyphenated, squeeze_blank

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


def _is_stamp(line: str) -> bool:
    return len(line) <= 80 and bool(STAMP_WORDS.search(line)) and bool(DATE_LIKE.search(line))


def read(raw: bytes, file: str) -> Document:
    """The text of a scanned PDF by OCR, page by page."""
    exe = binary()
    if exe is None:
        raise ReaderError(file, None, "OCR is not installed", "run `make ocr`, then build again")
    try:
        pdf = pdfium.PdfDocument(raw)
    except pdfium.PdfiumError as exc:
        raise ReaderError(file, None, f"this PDF is damaged and cannot be opened ({exc})",
                          "download it again, or open it in a PDF viewer and save a copy") from None
    langs = languages()
    card = preview.first_page(pdf)
    pages: list[list[str]] = []
    stamps: list[str] = []
    try:
        n = len(pdf)
        if n > min(MAX_PAGES, MAX_OCR_PAGES):
            raise ReaderError(file, None, f"this scan has {n} pages; OCR reads at most {MAX_OCR_PAGES}",
                              "split off the letter's own pages, or add the letter's text as a .txt file")
        for p in range(n):
            image = _pgm(pdf[p])
            try:
                done = subprocess.run([exe, "stdin", "stdout", "-l", langs, "--psm", "3"], input=image,
                                      capture_output=True, timeout=PAGE_TIMEOUT_S)
            except subprocess.TimeoutExpired:
                raise ReaderError(file, p + 1, f"OCR of this page took more than {PAGE_TIMEOUT_S} s",
                                  "add the letter's text beside the PDF as a .txt file") from None
            if done.returncode != 0:
                raise ReaderError(file, p + 1, "OCR failed: " + done.stderr.decode("utf-8", "replace").strip()[-200:],
                                  f"check that the tesseract language packs for {langs} are installed (`make ocr`)")
            lines = []
            for line in done.stdout.decode("utf-8", "replace").replace("\f", "").split("\n"):
                line = clean_line(line)
                if _is_stamp(line):
                    stamps.append(line)
                    continue
                lines.append(line)
            pages.append(squeeze_blank(lines))
    finally:
        pdf.close()
    if not any(line for page in pages for line in page):
        raise ReaderError(file, None, "OCR found no text in this scan",
                          "add the letter's text beside the PDF as a .txt file")
    problems = [f"no text layer: read by OCR (tesseract, languages {langs}); check the text against the scan"]
    dropped = drop_running_lines(pages)
    if dropped:
        problems.append(f"{len(dropped)} running header/footer/page-number line(s) dropped")
    if join_hyphenated(pages):
        problems.append("words hyphenated at a line end rejoined")
    if stamps:
        problems.append("stamp lines left out (a receipt stamp's date is not the letter's): " + "; ".join(stamps)[:200])
    return Document(pages=[squeeze_blank(p) for p in pages], metadata={"pages": n, "ocr": True, "preview": card},
                    problems=problems)
