"""E-mail (.eml, RFC 5322/MIME) -> lines, read with the standard library's `email` package.

Rules: the header block keeps From, To, Cc, Date and Subject as "Name: value" lines (the letter's
sender, addressees and date often live only there), then a blank line, then the body: the
text/plain part, or the text/html part turned into text when there is no plain one. Quoted
replies ("> ...") and a signature after "-- " stay: they are what was sent. Attachments are never
opened: each is named in problems (a PDF or DOCX letter attached should be added as its own file)."""

from __future__ import annotations

import email
import email.policy
import html
import re
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser

from .base import MAX_BYTES, Document, ReaderError, clean_line, squeeze_blank

HEADERS = ("From", "To", "Cc", "Date", "Subject")
MAX_PARTS = 500


class _Text(HTMLParser):
    BLOCK = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "blockquote", "ul", "ol"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "head", "title"):
            self.skip += 1
        elif tag in ("td", "th"):
            self.out.append("\t")
        elif tag == "li":
            self.out.append("\n- ")
        elif tag in self.BLOCK:
            self.out.append("\n" if tag in ("br", "tr") else "\n\n")

    def handle_endtag(self, tag):
        if tag in ("script", "style", "head", "title"):
            self.skip = max(0, self.skip - 1)
        elif tag in self.BLOCK and tag != "br":
            self.out.append("\n")

    def handle_data(self, data):
        if not self.skip:
            self.out.append(re.sub(r"\s+", " ", data))


def html_to_lines(markup: str) -> list[str]:
    parser = _Text()
    try:
        parser.feed(markup)
        parser.close()
    except (AssertionError, ValueError):
        return [clean_line(x) for x in html.unescape(re.sub(r"<[^>]+>", " ", markup)).splitlines()]
    return [clean_line(x).lstrip("\t") for x in "".join(parser.out).splitlines()]


def read(raw: bytes, file: str) -> Document:
    if len(raw) > MAX_BYTES:
        raise ReaderError(file, None, f"the e-mail is {len(raw) / 1e6:.0f} MB; at most {MAX_BYTES / 1e6:.0f} MB",
                          "save only the letter's text, or add its attachment as its own file")
    head = raw[:4096]
    if not re.search(rb"^(?:From|To|Subject|Date|Received|Return-Path|Message-ID|MIME-Version)\s*:", head, re.M | re.I):
        raise ReaderError(file, None, "this is not an e-mail message (no From:/To:/Subject: header at the top)",
                          "save the message from the mail program as .eml (File > Save As), or paste its text into a .txt file")
    try:
        msg = email.message_from_bytes(raw, policy=email.policy.default)
    except Exception as exc:          # the email package is lenient; this is the rare hard failure
        raise ReaderError(file, None, f"this e-mail cannot be parsed ({exc})", "save the message again as .eml") from None
    problems: list[str] = []
    lines: list[str] = []
    for name in HEADERS:
        value = msg.get(name)
        if value:
            lines.append(f"{name}: {clean_line(str(value))}")
    lines.append("")
    plain, markup, attachments = None, None, []
    for n, part in enumerate(msg.walk()):
        if n > MAX_PARTS:
            problems.append(f"more than {MAX_PARTS} MIME parts: the rest not read")
            break
        if part.is_multipart():
            continue
        if part.get_content_disposition() == "attachment" or part.get_filename():
            attachments.append(part.get_filename() or part.get_content_type())
            continue
        ctype = part.get_content_type()
        if ctype not in ("text/plain", "text/html"):
            continue
        try:
            content = part.get_content()
        except (LookupError, UnicodeError, ValueError):
            payload = part.get_payload(decode=True) or b""
            content = payload.decode("utf-8", "replace")
            problems.append(f"a {ctype} part had an unknown or wrong charset: read as UTF-8")
        if ctype == "text/plain" and plain is None:
            plain = content
        elif ctype == "text/html" and markup is None:
            markup = content
    if plain is not None and plain.strip():
        body = [clean_line(x) for x in plain.replace("\r\n", "\n").split("\n")]
    elif markup is not None:
        body = html_to_lines(markup)
    else:
        body = []
    if not any(body):
        named = f" (attachments: {', '.join(attachments)})" if attachments else ""
        raise ReaderError(file, None, "this e-mail has no text body" + named,
                          "add the attached letter as its own file, or paste the letter's text into a .txt file")
    for name in attachments:
        problems.append(f"attachment '{name}' not read: add it to letters/ as its own file if it is the letter")
    created = None
    if msg.get("Date"):
        try:
            created = parsedate_to_datetime(str(msg["Date"])).date().isoformat()
        except (TypeError, ValueError, IndexError):
            problems.append("the Date header could not be read")
    metadata = {"title": clean_line(str(msg.get("Subject", ""))) or None,
                "author": clean_line(str(msg.get("From", ""))) or None, "created": created, "pages": None}
    return Document(pages=[squeeze_blank(lines + body)], metadata=metadata, problems=problems)
