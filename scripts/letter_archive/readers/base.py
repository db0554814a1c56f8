"""Binary formats (PDF, DOCX, ODT, e-mail): what every reader returns, the error it raises, and the
text-cleaning rules they share."""

from __future__ import annotations

import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from io import BytesIO

from ..errors import LetterError

MAX_BYTES = 50_000_000          # a 300-page letter with scanned logos stays far below this
MAX_PAGES = 300                 # more pages than any letter with its signature list
MAX_CHARS = 3_000_000           # text a reader may produce in all (400 pages of dense text)
ZIP_MAX_MEMBER = 20_000_000     # uncompressed size of one part of a DOCX/ODT
ZIP_MAX_TOTAL = 60_000_000      # uncompressed size of all parts together
ZIP_MAX_RATIO = 200             # a text part compresses at most ~20:1; a bomb at 1000:1


class ReaderError(LetterError):
    """A document that cannot be read: names the file, the page (when known), the cause and the fix.
    A LetterError (so every stage reports it like any other), with a page instead of a line."""

    def __init__(self, file: str, page: int | None, message: str, hint: str | None = None):
        super().__init__(file, None, message, hint)
        self.page = page

    def __str__(self) -> str:
        where = f"{self.file}, page {self.page}" if self.page else self.file
        text = f"{where}: {self.message}"
        return f"{text}\n    fix: {self.hint}" if self.hint else text


class ScanError(ReaderError):
    """A PDF without a text layer: OCR can read it (`make ocr`), or the editor gives its text."""


@dataclass
class Document:
    """A document as text: lines per page (one page for formats without pages), metadata, warnings."""

    pages: list[list[str]]
    metadata: dict = field(default_factory=dict)    # title, author, created (ISO date), pages, producer
    problems: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return to_text(self)[0]


def to_text(doc: Document) -> tuple[str, list[tuple[int, int]]]:
    """The plain text the pipeline reads, and for each of its lines (page, line on that page), both
    1-based, so a report can say "page 2, line 14". Pages are joined by a blank line."""
    lines: list[str] = []
    where: list[tuple[int, int]] = []
    for p, page in enumerate(doc.pages, start=1):
        if lines and lines[-1].strip() and page and page[0].strip():
            lines.append("")
            where.append((p, 0))      # the break itself: reported as the top of the next page
        for n, line in enumerate(page, start=1):
            lines.append(line)
            where.append((p, n))
    while lines and not lines[-1].strip():
        lines.pop()
        where.pop()
    return "\n".join(lines) + "\n", where


# ---------------------------------------------------------------------------------------------
# Shared text rules (general: none of them knows any particular letter)

_SPACES = re.compile(r"[ \u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_CONTROL = dict.fromkeys(c for c in range(32) if chr(c) not in "\t\n")
_CONTROL.update({0xAD: None, 0x200B: None, 0xFEFF: None, 0xFFFE: None, 0xFFFF: None})


def clean_line(text: str) -> str:
    """One line as plain text: NFC, no control characters or soft hyphens, single spaces, TABs kept
    (they separate table cells), no spaces around TABs or at the ends."""
    text = unicodedata.normalize("NFC", text).translate(_CONTROL)
    text = _SPACES.sub(" ", text)
    text = re.sub(r" *\t[ \t]*", "\t", text)
    return text.strip(" ")


# A word split at a line end: the line ends in a letter and a hyphen, the next starts in lower case.
_HYPHEN_END = re.compile(r"[^\W\d_][-\u2010\u00ad]$")   # (read on the last two characters: a joined paragraph grows)
_LOWER_START = re.compile(r"^([^\W\d_A-Z][\w'’]*)(.*)$")
# "Wasserstoff- und Elektromobilität", "pre- and post-war": a hyphen that stands for a shared
# word part, kept with its space when the next line starts with a conjunction.
_CONJUNCTIONS = {"und", "oder", "bzw", "sowie", "and", "or", "nor", "et", "ou", "y", "o", "e", "i", "und/oder",
                 "to", "bis"}


def join_wrapped(line: str, nxt: str) -> str:
    """Two lines of one sentence as one: the hyphen rule of join_hyphenated, else a space."""
    line, nxt = line.rstrip(), nxt.lstrip()
    first = nxt.split(" ", 1)[0]
    if _HYPHEN_END.match(line[-2:]) and first.rstrip(".,;:!?)»”\"'").lower() not in _CONJUNCTIONS:
        if _LOWER_START.match(first):
            return line[:-1] + nxt
        if first[:1].isupper() or first[:1].isdigit():
            return line + nxt
    return f"{line} {nxt}"


def join_hyphenated(pages: list[list[str]]) -> int:
    """Rejoin words hyphenated at a line end, in place, across page breaks too. Rule: a line ending
    in letter+hyphen followed (in the same paragraph) by a line starting with a lower-case letter
    is one word cut in two ("organi-" + "sations" -> "organisations"). A next line starting with a
    capital or a digit keeps the hyphen and is joined without a space ("Jae-" + "In" -> "Jae-In");
    a conjunction ("Wasserstoff-" + "und") keeps hyphen and space. Returns how many were joined."""
    flat = [(p, i) for p, page in enumerate(pages) for i in range(len(page))]
    joined = 0
    for k, (p, i) in enumerate(flat[:-1]):
        line = pages[p][i]
        if "\t" in line or not _HYPHEN_END.match(line[-2:]):
            continue
        # the next non-empty line, only across a page break (a blank line inside a page ends a paragraph)
        nk = k + 1
        while nk < len(flat) and not pages[flat[nk][0]][flat[nk][1]].strip() and flat[nk][0] != p:
            nk += 1
        if nk >= len(flat):
            continue
        q, j = flat[nk]
        nxt = pages[q][j]
        if not nxt.strip() or "\t" in nxt:
            continue
        first, _, rest = nxt.lstrip().partition(" ")
        bare = first.rstrip(".,;:!?)»”\"'")
        if bare.lower() in _CONJUNCTIONS:
            continue
        if _LOWER_START.match(first):
            pages[p][i] = line[:-1] + first
        elif first[:1].isupper() or first[:1].isdigit():
            pages[p][i] = line + first
        else:
            continue
        pages[q][j] = rest.strip()
        joined += 1
    return joined


_PAGE_NUMBER = re.compile(
    r"^[\W_]*(?:(?:page|seite|página|pagina|pag\.|p\.|s\.)\s*)?\d{1,3}(?:\s*(?:of|/|von|de|di|sur|из)\s*\d{1,3})?[\W_]*$",
    re.I)


def _shape(line: str) -> str:
    return re.sub(r"\d+", "#", line.strip().lower())


def drop_running_lines(pages: list[list[str]], zone: int = 3, repeat: bool = True) -> list[str]:
    """Drop running headers, footers and page numbers, in place. Rules: among the first and last
    `zone` non-blank lines of each page, a line that (digits aside) recurs at the top or bottom of
    at least half the pages, and on 2 or more, is a running header/footer; a line that is only a page
    number ("3", "- 3 -", "Page 3 of 5", "3/5") at the very top or bottom of a page is dropped too.
    Returns the dropped lines (for the problems list)."""
    def edges(page: list[str]) -> list[int]:
        idx = [i for i, t in enumerate(page) if t.strip()]
        return sorted(set(idx[:zone] + idx[-zone:]))

    counts: dict[str, int] = {}
    for page in pages:
        for s in {_shape(page[i]) for i in edges(page)}:
            counts[s] = counts.get(s, 0) + 1
    need = max(2, (len(pages) + 1) // 2)
    dropped: list[str] = []
    for page in pages:
        idx = [i for i, t in enumerate(page) if t.strip()]
        kill = set()
        for i in edges(page):
            if repeat and len(pages) >= 2 and counts.get(_shape(page[i]), 0) >= need and len(page[i]) < 120 \
                    and "\t" not in page[i]:
                kill.add(i)
        for i in (idx[:1] + idx[-1:]) if idx else []:
            if _PAGE_NUMBER.match(page[i].strip()):
                kill.add(i)
        for i in sorted(kill, reverse=True):
            dropped.append(page[i].strip())
            page[i] = ""
        # no blank lines left at the top or bottom of the page
        while page and not page[-1].strip():
            page.pop()
        while page and not page[0].strip():
            page.pop(0)
    return dropped


def squeeze_blank(lines: list[str]) -> list[str]:
    """No two blank lines in a row, none at the ends."""
    out: list[str] = []
    for line in lines:
        if not line.strip():
            if out and out[-1]:
                out.append("")
        else:
            out.append(line)
    while out and not out[-1]:
        out.pop()
    return out


# ---------------------------------------------------------------------------------------------
# ZIP containers (DOCX, ODT): the directory is checked before anything is inflated

def open_zip(raw: bytes, file: str, what: str, hint: str) -> zipfile.ZipFile:
    """A ZipFile whose directory has been checked: no part over ZIP_MAX_MEMBER uncompressed, no
    more than ZIP_MAX_TOTAL in all, no part with an absurd compression ratio (a zip bomb)."""
    if raw.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        raise ReaderError(file, None, f"this {what} is password-protected (encrypted Office files are "
                          "stored as an OLE container, not a ZIP)",
                          "open it in Word or LibreOffice, remove the password (File > Info > Protect "
                          "Document, or Save As without a password) and save it again")
    if len(raw) > MAX_BYTES:
        raise ReaderError(file, None, f"the file is {len(raw) / 1e6:.0f} MB; a {what} may be at most "
                          f"{MAX_BYTES / 1e6:.0f} MB", "remove large images, or save the letter as PDF")
    try:
        z = zipfile.ZipFile(BytesIO(raw))
        infos = z.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError) as exc:
        raise ReaderError(file, None, f"this is not a readable {what} (the ZIP container is damaged or "
                          f"truncated: {exc})", hint) from None
    total = 0
    for info in infos:
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > ZIP_MAX_MEMBER or (info.file_size > 1_000_000 and ratio > ZIP_MAX_RATIO):
            raise ReaderError(file, None, f"part '{info.filename}' of this {what} would unpack to "
                              f"{info.file_size / 1e6:.0f} MB (compressed {info.compress_size / 1e3:.0f} KB): "
                              "refused as a possible zip bomb",
                              "open the file in a word processor and save it again; if it is a real letter "
                              "with huge images, remove them")
    if total > ZIP_MAX_TOTAL or len(infos) > 5000:
        raise ReaderError(file, None, f"this {what} would unpack to {total / 1e6:.0f} MB in {len(infos)} parts: "
                          "refused as a possible zip bomb", "save the letter again, or as PDF")
    return z


def read_member(z: zipfile.ZipFile, name: str, file: str, what: str, hint: str) -> bytes | None:
    """One part of the container (None if absent), read with the size limit enforced while inflating
    (the directory's sizes may lie)."""
    try:
        info = z.getinfo(name)
    except KeyError:
        return None
    try:
        with z.open(info) as fh:
            data = fh.read(ZIP_MAX_MEMBER + 1)
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, RuntimeError, NotImplementedError) as exc:
        raise ReaderError(file, None, f"part '{name}' of this {what} is damaged: {exc}", hint) from None
    if len(data) > ZIP_MAX_MEMBER:
        raise ReaderError(file, None, f"part '{name}' of this {what} unpacks to more than "
                          f"{ZIP_MAX_MEMBER / 1e6:.0f} MB: refused as a possible zip bomb",
                          "save the letter again, or as PDF")
    return data


def iso_date(value: str | None) -> str | None:
    """YYYY-MM-DD from a PDF date (D:20190402180025-04'00') or an ISO/W3CDTF timestamp."""
    if not value:
        return None
    m = re.match(r"\s*(?:D:)?(\d{4})-?(\d{2})-?(\d{2})", value)
    if not m:
        return None
    y, mo, d = m.groups()
    if not ("1980" <= y <= "2100" and "01" <= mo <= "12" and "01" <= d <= "31"):
        return None
    return f"{y}-{mo}-{d}"
