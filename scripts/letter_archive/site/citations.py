"""How to cite a document: its authors, and the citation in two common styles and three formats that
reference managers import (BibTeX, RIS, CSL-JSON). Plain functions over a Record and its URL.

The authors of a joint letter are the organisations that signed it, unless an editor names the author
in front matter (`author:`); `publisher:` is the body that published it. A letter's reference-manager
type is 'letter' (CSL 'letter', RIS 'PCOMM', which Zotero imports as a letter), a press release or
statement is a document of its own kind ('report'/'RPRT' with its genre), a commentary an article."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from ..model import Record
from .render import MONTHS

KIND_GENRE = {"letter": "Open letter", "press-release": "Press release", "statement": "Statement",
              "commentary": "Commentary"}
CSL_TYPE = {"letter": "letter", "press-release": "report", "statement": "report", "commentary": "article"}
RIS_TYPE = {"letter": "PCOMM", "press-release": "RPRT", "statement": "RPRT", "commentary": "GEN"}
FILE_AUTHORS = 5    # authors in a citation file (BibTeX adds "and others"): a 300-name letter's files stay small
# LaTeX's special characters, each as LaTeX writes it in text. A backslash escaped by another ("\\") is a
# line break, and before the closing brace it escaped the brace: a title ending in a backslash gave a file in
# which bibtexparser found no entry. `~` and `^` escaped by a backslash are accents, not the characters.
BIBTEX_ESCAPES = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "%": r"\%", "&": r"\&", "#": r"\#", "_": r"\_",
                  "$": r"\$", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}
BIBTEX_SPECIAL = re.compile("[" + re.escape("".join(BIBTEX_ESCAPES)) + "]")


@dataclass(frozen=True)
class Citation:
    authors: list[str]           # whole names, organisations or people, in the document's order; all of them
    title: str
    date: str | None             # ISO, possibly partial
    genre: str
    publisher: str | None
    url: str


def split_names(value: str | None) -> list[str]:
    """'A, B' (front matter's author: or publisher: list, joined) -> ['A', 'B']."""
    return [n.strip() for n in (value or "").split(", ") if n.strip()]


def citation(record: Record, url: str) -> Citation:
    signers = [n.name for n in record.signatories.names if n.type == "organization"]
    authors = split_names(record.author) or list(dict.fromkeys(signers))
    return Citation(authors, record.title or record.id or "", record.date,
                    KIND_GENRE.get(record.kind or "", "Document"), record.publisher, url)


def human_date(iso: str | None) -> str:
    if not iso:
        return "n.d."
    parts = iso.split("-")
    if len(parts) == 1:
        return parts[0]
    month = MONTHS[int(parts[1]) - 1]
    return f"{month} {parts[0]}" if len(parts) == 2 else f"{month} {int(parts[2])}, {parts[0]}"


def _sentence(text: str) -> str:
    return text if text.endswith((".", "?", "!")) else text + "."


def chicago(c: Citation) -> str:
    """Chicago (17th ed., notes and bibliography): up to ten authors in full, else seven and "et al.";
    then the title in quotes, the genre, the date and the URL."""
    names = c.authors
    if len(names) > 10:
        lead = ", ".join(names[:7]) + ", et al."
    elif len(names) > 2:
        lead = ", ".join(names[:-1]) + f", and {names[-1]}"
    else:
        lead = " and ".join(names)
    head = f"{_sentence(lead)} " if lead else ""
    publisher = f" {c.publisher}," if c.publisher else ""
    return f"{head}“{_sentence(c.title)}” {c.genre},{publisher} {human_date(c.date)}. {c.url}"


def apa(c: Citation) -> str:
    """APA (7th ed.): up to twenty authors, "&" before the last; more: the first nineteen, ". . .",
    the last. Then (Year, Month Day), the title with its genre in brackets, the publisher, the URL."""
    names = c.authors
    if len(names) > 20:
        lead = ", ".join(names[:19]) + f", . . . {names[-1]}"
    elif len(names) > 1:
        lead = ", ".join(names[:-1]) + f", & {names[-1]}"
    else:
        lead = "".join(names)
    parts = (c.date or "").split("-")
    when = parts[0] if parts[0] else "n.d."
    if len(parts) >= 2:
        when += f", {MONTHS[int(parts[1]) - 1]}" + (f" {int(parts[2])}" if len(parts) == 3 else "")
    head = f"{_sentence(lead)} " if lead else ""
    publisher = f" {_sentence(c.publisher)}" if c.publisher and c.publisher not in names else ""
    return f"{head}({when}). {c.title} [{c.genre}].{publisher} {c.url}"


def _bibtex_value(text: str) -> str:
    """Text as a BibTeX field holds it: every LaTeX special character escaped, in one pass (the braces
    of `\\textbackslash{}` are not escaped again), whitespace as one space."""
    return BIBTEX_SPECIAL.sub(lambda m: BIBTEX_ESCAPES[m.group(0)], " ".join(text.split()))


def bibtex(record: Record, url: str) -> str:
    c = citation(record, url)
    fields = [("title", "{" + _bibtex_value(c.title) + "}")]
    if c.authors:   # organisations are braced, so BibTeX does not split them into first and last names
        names = " and ".join("{" + _bibtex_value(a) + "}" for a in c.authors[:FILE_AUTHORS])
        fields.append(("author", "{" + names + (" and others" if len(c.authors) > FILE_AUTHORS else "") + "}"))
    parts = (c.date or "").split("-")
    if parts[0]:
        fields.append(("year", parts[0]))
    if len(parts) >= 2:
        fields.append(("month", MONTHS[int(parts[1]) - 1][:3].lower()))
    if c.publisher:
        fields.append(("publisher", "{" + _bibtex_value(c.publisher) + "}"))
    fields += [("howpublished", "{" + _bibtex_value(c.genre) + "}"), ("url", "{" + c.url + "}")]
    key = re.sub(r"[^A-Za-z0-9-]", "", record.id or "document")
    body = ",\n".join(f"  {name} = {value}" for name, value in fields)
    return f"@misc{{{key},\n{body}\n}}\n"


def ris(record: Record, url: str) -> str:
    c = citation(record, url)
    lines = [("TY", RIS_TYPE.get(record.kind or "", "GEN")), ("TI", c.title)]
    lines += [("AU", a) for a in c.authors[:FILE_AUTHORS]]
    if c.date:
        parts = (c.date.split("-") + ["", ""])[:3]
        lines += [("PY", parts[0]), ("DA", "/".join(parts) + "/")]
    if c.publisher:
        lines.append(("PB", c.publisher))
    lines += [("M3", c.genre), ("UR", c.url), ("LA", record.language or ""), ("ER", "")]
    return "".join(f"{tag}  - {' '.join(value.split())}\r\n" for tag, value in lines if value or tag == "ER")


def csl_json(record: Record, url: str) -> str:
    c = citation(record, url)
    item: dict = {"id": record.id, "type": CSL_TYPE.get(record.kind or "", "document"), "title": c.title,
                  "genre": c.genre, "URL": c.url,
                  "author": [{"literal": a} for a in c.authors[:FILE_AUTHORS]]}
    if c.date:
        item["issued"] = {"date-parts": [[int(p) for p in c.date.split("-")]]}
    if c.publisher:
        item["publisher"] = c.publisher
    if record.language:
        item["language"] = record.language
    return json.dumps([item], ensure_ascii=False, indent=2) + "\n"
