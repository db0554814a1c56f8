"""Read stage: bytes on disk -> decoded text, front matter, and the plain text to extract from."""

from __future__ import annotations

import codecs
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from bs4 import BeautifulSoup, Comment, Declaration, Doctype, ProcessingInstruction
from charset_normalizer import from_bytes

from .errors import LetterError, Problem
from .schema import validate_front_matter

MAX_BYTES = 2_000_000  # a long letter with 400 signatures saved as HTML is ~200 KB
SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")

# Files that are not text even though their name says so.
BINARY_MAGIC = {
    b"%PDF": "a PDF", b"\x89PNG": "a PNG image", b"PK\x03\x04": "a ZIP archive (or DOCX)",
    b"\xff\xd8\xff": "a JPEG image", b"GIF8": "a GIF image", b"\xd0\xcf\x11\xe0": "an old Word/Excel file",
}
FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?---[ \t]*(?:\r?\n|\Z)", re.S)
HTML_HINT = re.compile(r"<(?:p|br|div|li|ul|ol|table|tr|td|h[1-6]|html|body|span|a)\b[^>]*>", re.I)
BLOCK_TAGS = ("p", "div", "section", "article", "header", "footer", "ul", "ol", "table", "blockquote",
              "h1", "h2", "h3", "h4", "h5", "h6", "hr", "main", "center", "dl", "dd", "dt", "pre", "figure")
# Server-side code in a page saved from its source (<?php … ?>): not the letter's words, and an
# HTML parser ends it at its first ">", so the rest of the code (a <style> block, say) read as text.
SERVER_CODE = re.compile(r"<\?(?:php\b|=).*?\?>", re.S | re.I)
CELL_MAX = 600   # characters: more than any signatory's description, less than a letter
DROP_TAGS = ("script", "style", "noscript", "template", "iframe", "object", "svg", "head", "nav")


class FrontMatterLoader(yaml.SafeLoader):
    """Safe YAML, with dates kept as text: the schema checks them (2020-02-30 is an error, not a crash)."""


FrontMatterLoader.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node))


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

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.raw).hexdigest()

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


# Whitespace that str.isprintable() rejects but a letter may well contain.
ALLOWED_NONPRINTABLE = {ord(c): " " for c in "\n\r\t\f\v\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
                        "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff\u200b\u200c\u200d\u00ad"}


def decode(raw: bytes, file: str) -> tuple[str, str]:
    """Text and the encoding it was in; binary or undecodable input is an error, never mojibake."""
    text, encoding = _decode(raw, file)
    sample = text[:20000]
    if sample.translate(ALLOWED_NONPRINTABLE).isprintable():   # the usual case, checked at C speed
        return text, encoding
    odd = sum(1 for c in sample if (unicodedata.category(c) in ("Cc", "Cn", "Co", "Cs") and c not in "\n\r\t\f"))
    if sample and odd / len(sample) > 0.01:
        raise LetterError(file, 1, f"the file decodes ({encoding}) to control or unassigned characters: "
                          "it is binary data, not text", "save the letter again as plain text (UTF-8)")
    return text, encoding


def _decode(raw: bytes, file: str) -> tuple[str, str]:
    for magic, what in BINARY_MAGIC.items():
        if raw.startswith(magic):
            raise LetterError(file, 1, f"this is {what}, not text",
                              "save the letter as plain text (.txt), Markdown (.md) or a web page (.html)")
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16"), (codecs.BOM_UTF32_LE, "utf-32")):
        if raw.startswith(bom):
            try:
                return raw.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise _undecodable(raw, file, encoding, exc) from None
    if b"\x00" in raw:
        line = raw.count(b"\n", 0, raw.index(b"\x00")) + 1
        raise LetterError(file, line, "the file contains NUL bytes: it is binary data, not text",
                          "export the letter again as plain text; a UTF-16 file needs its byte-order mark")
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    best = from_bytes(raw, cp_isolation=None).best()
    if best is None or best.chaos > 0.2:
        raise _undecodable(raw, file, "utf-8", utf8_error)
    # Single-byte Western code pages are often indistinguishable by statistics (cp1257 vs cp1252);
    # Windows-1252 is by far the commonest source of such letters, so it wins when it decodes cleanly.
    if re.match(r"(cp125\d|iso8859_\d+|latin_\d|mac_)", best.encoding) and best.encoding != "cp1252":
        try:
            return raw.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            pass
    return str(best), best.encoding


def _undecodable(raw: bytes, file: str, encoding: str, exc: UnicodeDecodeError) -> LetterError:
    line = raw.count(b"\n", 0, exc.start) + 1
    return LetterError(file, line, f"cannot decode the text (not {encoding}, and no other encoding fits)",
                       "open the file in an editor and save it as UTF-8")


def split_front_matter(text: str, file: str) -> tuple[dict[str, Any], str, int, dict[str, int]]:
    """(front matter, body, body's first line, line of each key). Safe YAML only."""
    match = FRONT_MATTER.match(text)
    if not match:
        return {}, text, 1, {}
    block = match.group(1) or ""
    try:
        # python-frontmatter's YAML handler is safe_load; calling yaml directly gives us line marks.
        meta = yaml.load(block, Loader=FrontMatterLoader) if block.strip() else {}
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 2 if mark else 1
        tag = "could not determine a constructor" in str(exc)
        raise LetterError(
            file, line,
            "front matter uses a YAML tag, which is not allowed" if tag else f"front matter is not valid YAML: {exc.problem}",
            "write plain values only (no !!tags)" if tag else
            "check the quotes and colons on that line; a value with ': ' in it needs quotes") from None
    except (yaml.YAMLError, ValueError, RecursionError) as exc:
        raise LetterError(file, 2, f"front matter is not valid YAML: {exc}", "fix the front matter block") from None
    if not isinstance(meta, dict):
        raise LetterError(file, 2, "front matter must be a list of `key: value` lines",
                          "write for example `date: 2020-03` between the two --- lines")
    key_lines = {}
    for number, line in enumerate(block.splitlines(), start=2):
        key = re.match(r"^([^\s:#][^:]*):", line)
        if key and key.group(1) in meta:
            key_lines.setdefault(key.group(1), number)
    body_line = text.count("\n", 0, match.end()) + 1
    return meta, text[match.end():], body_line, key_lines


def html_to_text(html: str, collapse: bool = True) -> str:
    """Readable text from a web page: blocks become paragraphs, list items bullets, rows tab-separated."""
    soup = BeautifulSoup(SERVER_CODE.sub("", html), "html.parser")
    for node in soup.find_all(string=lambda s: isinstance(s, Comment | ProcessingInstruction | Declaration | Doctype)):
        node.extract()
    for tag in soup.find_all(DROP_TAGS):
        tag.decompose()
    if collapse:
        for node in soup.find_all(string=True):
            if node.find_parent("pre") is None:
                node.replace_with(re.sub(r"\s+", " ", str(node)))
    for tag in soup.find_all("img"):
        tag.replace_with(f" {tag.get('alt', '')} " if tag.get("alt") else "")
    for cell in soup.find_all(["td", "th"]):
        # A cell holding a name, a country or a line of description (a signature table) keeps its
        # paragraphs and line breaks on its row's line; a cell holding a page (layout tables) does not.
        if len(cell.get_text()) <= CELL_MAX and not cell.find("table"):
            for inner in cell.find_all(["br", "li", *BLOCK_TAGS]):
                inner.insert_after(" ")
                inner.unwrap()
    for tag in soup.find_all("br"):
        tag.replace_with("\n")
    for tag in soup.find_all(re.compile(r"^h[1-6]$")):
        tag.insert(0, "# ")
    for tag in soup.find_all("li"):
        tag.insert_before("\n- ")
    for tag in soup.find_all(["td", "th"]):
        tag.insert_after("\t")
    for tag in soup.find_all("tr"):
        tag.insert_after("\n")
    for tag in soup.find_all(BLOCK_TAGS):
        tag.insert_before("\n\n")
        tag.insert_after("\n\n")
    text = soup.get_text()
    lines = [re.sub(r"[ \t]*\t[ \t]*", "\t", line).strip(" \t") if collapse else line.rstrip()
             for line in text.splitlines()]
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n") + "\n"


def looks_like_html(text: str, suffix: str) -> bool:
    return suffix in (".html", ".htm") or len(HTML_HINT.findall(text[:20000])) >= 5


def refuse_if_too_big(size: int, file: str) -> None:
    if size > MAX_BYTES:
        raise LetterError(file, None, f"the file is {size / 1e6:.1f} MB; a document may be at most "
                          f"{MAX_BYTES / 1e6:.0f} MB", "remove embedded images or data, or split the file")


def read_bytes(raw: bytes, file: str, suffix: str = ".txt") -> Source:
    """Decode, split front matter, and make the plain text extraction works on."""
    refuse_if_too_big(len(raw), file)
    text, encoding = decode(raw, file)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise LetterError(file, 1, "the file is empty", "paste the letter's text into it, or delete it")
    meta, body, body_line, key_lines = split_front_matter(text, file)
    front, problems = validate_front_matter(meta, key_lines)
    is_html = looks_like_html(body, suffix)
    if is_html:
        plain = html_to_text(body)
    elif "<" in body and HTML_HINT.search(body):
        plain = html_to_text(body, collapse=False)  # Markdown with some inline HTML
    else:
        plain = body
    if not plain.strip() and not front:
        raise LetterError(file, body_line, "the document has no text", "paste the letter's text below the front matter")
    return Source(file=file, raw=raw, encoding=encoding, text=text, body=body, body_line=body_line,
                  plain=plain, is_html=is_html, front=front, problems=problems)


def read_raw(path: Path, name: str) -> bytes:
    """The file's bytes; a file over the limit is refused before it is read (20 MB cost no memory)."""
    try:
        refuse_if_too_big(path.stat().st_size, name)
        return path.read_bytes()
    except OSError as exc:
        raise LetterError(name, None, f"cannot read the file: {exc.strerror}", "check the path") from None


def read_document(path: Path, display: str | None = None, raw: bytes | None = None) -> Source:
    """`raw`: the file's bytes when the caller has read them already."""
    name = display or str(path)
    return read_bytes(read_raw(path, name) if raw is None else raw, name, path.suffix.lower())
