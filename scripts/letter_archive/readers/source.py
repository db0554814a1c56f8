"""A document as received: its bytes, decoded text, front matter and the plain text extraction reads."""

from __future__ import annotations

import codecs
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from charset_normalizer import from_bytes

from ..errors import LetterError, Problem

MAX_BYTES = 2_000_000  # a long letter with 400 signatures saved as HTML is ~200 KB
# Binary formats are bigger (fonts, images); their readers check pages, parts and text on top of this.
MAX_BYTES_BY_SUFFIX = {".pdf": 50_000_000, ".docx": 50_000_000, ".docm": 50_000_000, ".odt": 50_000_000,
                       ".eml": 20_000_000}

# Files that are not text even though their name says so.
BINARY_MAGIC = {
    b"%PDF": "a PDF", b"\x89PNG": "a PNG image", b"PK\x03\x04": "a ZIP archive (or DOCX)",
    b"\xff\xd8\xff": "a JPEG image", b"GIF8": "a GIF image", b"\xd0\xcf\x11\xe0": "an old Word/Excel file",
}
REAL_SUFFIX = {b"%PDF": ".pdf", b"PK\x03\x04": ".docx or .odt"}


@dataclass
class Source:
    """One document as received: what it says, and where each line of its text came from."""

    file: str                 # the path as given, for messages
    raw: bytes
    encoding: str
    text: str                 # the whole decoded file, front matter included
    body: str                 # the text below the front matter, as written
    body_line: int            # line number (1-based) of the body's first line in the file
    plain: str                # the body as plain text (HTML converted), what extraction reads
    is_html: bool
    front: dict[str, Any] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    # binary formats (readers/binary.py): format, pages, the line each page starts at, metadata date
    origin: dict[str, Any] = field(default_factory=dict)
    # where each front-matter value was written: (None: the document's own front matter, or the file
    # that holds it: the sidecar, the companion; its line)
    front_from: dict[str, tuple[str | None, int | None]] = field(default_factory=dict)
    # the bytes of the editor's front-matter block at the top of a text document, left out of the
    # published original (readers/sidecar.py); None: the file is the document, whole
    editor_bytes: tuple[int, int] | None = None

    @property
    def received(self) -> bytes:
        """The document as received: the file, without the editor's front matter."""
        return received_bytes(self.raw, self.editor_bytes)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.received).hexdigest()

    def lines_of(self, snippets: list[str]) -> list[int | None]:
        """The file line each piece of extracted text came from, the pieces in the file's order:
        each is looked for after the previous one, at most LOOK_AHEAD characters on, and lines are
        counted from there (looking each up from the top of the file was quadratic: 50,000 table
        rows of a 2 MB page, each missed, scanned the whole page twice)."""
        out: list[int | None] = []
        pos, line = 0, 1
        for snippet in snippets:
            probe = snippet.strip()[:40]
            if not probe:
                out.append(None)
                continue
            window_end = pos + LOOK_AHEAD
            found = self.text.find(probe, pos, window_end)
            if found < 0:
                first_words = " ".join(probe.split()[:3])
                found = self.text.find(first_words, pos, window_end) if first_words else -1
            if found < 0:
                out.append(None)
                continue
            line += self.text.count("\n", pos, found)
            pos = found
            out.append(line)
        return out

    def line_of(self, snippet: str) -> int | None:
        """The file line a piece of extracted text came from (first occurrence)."""
        probe = snippet.strip()[:40]
        if not probe:
            return None
        pos = self.text.find(probe)
        if pos < 0:
            first_words = " ".join(probe.split()[:3])
            pos = self.text.find(first_words) if first_words else -1
        return self.text.count("\n", 0, pos) + 1 if pos >= 0 else None


def received_bytes(raw: bytes, editor_bytes: tuple[int, int] | list[int] | None) -> bytes:
    """A document's bytes without the editor's block (`editor_bytes`, a span of `raw`)."""
    if not editor_bytes:
        return raw
    start, end = editor_bytes
    return raw[:start] + raw[end:]


LOOK_AHEAD = 50_000   # characters of the file in which the next line of extracted text is looked for


# Whitespace that str.isprintable() rejects but a letter may well contain.
ALLOWED_NONPRINTABLE = {ord(c): " " for c in "\n\r\t\f\v\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
                        "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff\u200b\u200c\u200d\u00ad"}


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str                                        # its name, as `Source.encoding` shows it
    cp1252_lines: list[int] = field(default_factory=list)   # a UTF-8 file's lines read as Windows-1252


def decode(raw: bytes, file: str) -> Decoded:
    """Text and the encoding it was in; binary or undecodable input is an error, never mojibake."""
    decoded = _decode(raw, file)
    text, encoding = decoded.text, decoded.encoding
    sample = text[:20000]
    if sample.translate(ALLOWED_NONPRINTABLE).isprintable():   # the usual case, checked at C speed
        return decoded
    odd = sum(1 for c in sample if (unicodedata.category(c) in ("Cc", "Cn", "Co", "Cs") and c not in "\n\r\t\f"))
    if sample and odd / len(sample) > 0.01:
        raise LetterError(file, 1, f"the file decodes ({encoding}) to control or unassigned characters: "
                          "it is binary data, not text", "save the letter again as plain text (UTF-8)")
    return decoded


def _decode(raw: bytes, file: str) -> Decoded:
    for magic, what in BINARY_MAGIC.items():
        if raw.startswith(magic):
            real = REAL_SUFFIX.get(magic)
            raise LetterError(file, 1, f"this is {what}, not text",
                              (f"give the file its real extension ({real}), which is read as such; or " if real else "")
                              + "save the letter as plain text (.txt), Markdown (.md) or a web page (.html)")
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16"), (codecs.BOM_UTF32_LE, "utf-32")):
        if raw.startswith(bom):
            try:
                return Decoded(raw.decode(encoding), encoding)
            except UnicodeDecodeError as exc:
                raise _undecodable(raw, file, encoding, exc) from None
    if b"\x00" in raw:
        line = raw.count(b"\n", 0, raw.index(b"\x00")) + 1
        raise LetterError(file, line, "the file contains NUL bytes: it is binary data, not text",
                          "export the letter again as plain text; a UTF-16 file needs its byte-order mark")
    try:
        return Decoded(raw.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    mixed = _mostly_utf8(raw)
    if mixed:
        return mixed
    best = from_bytes(raw, cp_isolation=None).best()
    if best is None or best.chaos > 0.2:
        raise _undecodable(raw, file, "utf-8", utf8_error)
    # Single-byte Western code pages are often indistinguishable by statistics (cp1257 vs cp1252);
    # Windows-1252 is by far the commonest source of such letters, so it wins when it decodes cleanly.
    if re.match(r"(cp125\d|iso8859_\d+|latin_\d|mac_)", best.encoding) and best.encoding != "cp1252":
        try:
            return Decoded(raw.decode("cp1252"), "cp1252")
        except UnicodeDecodeError:
            pass
    return Decoded(str(best), best.encoding)


def _mostly_utf8(raw: bytes) -> Decoded | None:
    """A UTF-8 file with a few lines in another encoding (a paste from an old document): decoded line
    by line, each bad line as Windows-1252, so the rest keeps its accents. Reading the whole file as
    cp1252 turned every 'café' into 'cafÃ©', in the title and the frozen id. Only for a file whose
    other non-ASCII lines are valid UTF-8; the lines read otherwise are in the encoding's name."""
    lines = raw.split(b"\n")
    bad: list[int] = []
    utf8_lines = 0
    out: list[str] = []
    for number, line in enumerate(lines, 1):
        try:
            out.append(line.decode("utf-8"))
            utf8_lines += not line.isascii()
        except UnicodeDecodeError:
            try:
                out.append(line.decode("cp1252"))
            except UnicodeDecodeError:
                return None
            bad.append(number)
    if not utf8_lines or len(bad) > max(3, len(lines) // 20):
        return None
    shown = ", ".join(map(str, bad[:5])) + (" …" if len(bad) > 5 else "")
    return Decoded("\n".join(out), f"utf-8 (line{'s' if len(bad) > 1 else ''} {shown} in cp1252)", bad)


def _undecodable(raw: bytes, file: str, encoding: str, exc: UnicodeDecodeError) -> LetterError:
    line = raw.count(b"\n", 0, exc.start) + 1
    return LetterError(file, line, f"cannot decode the text (not {encoding}, and no other encoding fits)",
                       "open the file in an editor and save it as UTF-8")


def max_bytes(suffix: str) -> int:
    return MAX_BYTES_BY_SUFFIX.get(suffix.lower(), MAX_BYTES)


def refuse_if_too_big(size: int, file: str, suffix: str = ".txt") -> None:
    limit = max_bytes(suffix)
    if size > limit:
        raise LetterError(file, None, f"the file is {size / 1e6:.1f} MB; a {suffix.lstrip('.') or 'text'} document "
                          f"may be at most {limit / 1e6:.0f} MB", "remove embedded images or data, or split the file")


def read_raw(path: Path, name: str) -> bytes:
    """The file's bytes; a file over the limit is refused before it is read (20 MB cost no memory)."""
    try:
        refuse_if_too_big(path.stat().st_size, name, path.suffix)
        return path.read_bytes()
    except OSError as exc:
        raise LetterError(name, None, f"cannot read the file: {exc.strerror}", "check the path") from None
