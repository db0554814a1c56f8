"""How to cite a document: who wrote it, and the citation in two common styles and the formats that
reference managers import (BibTeX, RIS, CSL-JSON). Plain functions over a Record and its URL.

Who a citation names as a document's author is decided once, by `citation_authors`, and every format
takes it from there, so the page's Chicago and APA, the three files and the page head's citation_* tags
name the same author:

1. the editor's `author:` (a person's name is split into family and given names: "Robert R. King" is
   King, Robert R.; "Kwon, Eun-Kyoung" says which is the family name; an organisation stays whole);
2. else the editor's `publisher:` (the organisation or coalition that published it);
3. else its signers, when there are at most MAX_NAMED_SIGNERS of them: each one;
4. else, for a joint letter with more signers, what they are: "69 organisations and 7 individuals",
   never the first name of a list in alphabetical order standing for all of them;
5. else no one: the citation starts with the title (once).

A letter's addressees are its recipients (CSL `recipient`, RIS `A2` on a letter, a BibTeX note). A
letter's reference-manager type is 'letter' (CSL 'letter', RIS 'PCOMM', which Zotero imports as a
letter), a press release or statement is a document of its own kind ('report'/'RPRT' with its genre), a
commentary an article."""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..data import load_yaml
from ..model import NAME_SEPARATOR, Record
from .render import MONTHS

KIND_GENRE = {"letter": "Open letter", "press-release": "Press release", "statement": "Statement",
              "commentary": "Commentary"}
CSL_TYPE = {"letter": "letter", "press-release": "report", "statement": "report", "commentary": "article"}
RIS_TYPE = {"letter": "PCOMM", "press-release": "RPRT", "statement": "RPRT", "commentary": "GEN"}
# Signers a citation names one by one; with more, it says what they are ("69 organisations and 7
# individuals"). Two, because APA cites three or more authors in the text as "First et al.", and Chicago
# four or more: the first name of a list in alphabetical order would stand for all of them.
MAX_NAMED_SIGNERS = 2
# LaTeX's special characters, each as LaTeX writes it in text. A backslash escaped by another ("\\") is a
# line break, and before the closing brace it escaped the brace: a title ending in a backslash gave a file in
# which bibtexparser found no entry. `~` and `^` escaped by a backslash are accents, not the characters.
BIBTEX_ESCAPES = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "%": r"\%", "&": r"\&", "#": r"\#", "_": r"\_",
                  "$": r"\$", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}
BIBTEX_SPECIAL = re.compile("[" + re.escape("".join(BIBTEX_ESCAPES)) + "]")

# The words of the language files (extract/languages/*.yaml, or LETTERS_LANGUAGES) that tell an organisation's
# name (`org_word`) and frame a person's (`honorific`, `post_nominal`), read as data: the site stage imports
# nothing of extract/ (tests/test_site_render.py), and the words stay in one place.
LANGUAGES = Path(os.environ.get("LETTERS_LANGUAGES") or Path(__file__).resolve().parent.parent / "extract" / "languages")


@cache
def _alternation(key: str) -> str:
    fragments = dict.fromkeys(str(f) for path in sorted(LANGUAGES.glob("*.yaml"))
                              for f in (load_yaml(path.read_text(encoding="utf-8")) or {}).get(key) or [])
    return "(?:" + "|".join(fragments) + ")"


ORG_WORDS = re.compile(rf"\b{_alternation('org_word')}\b", re.I)
# A person's name as editors write it: capitalised words or initials ("Robert R. King", "Eun-Kyoung"),
# with the particles that belong to the family name ("Ludwig van Beethoven"). Titles before it and
# letters after it are dropped ("Dr", "PhD"); "Jr." is kept, after the given names.
WORD = r"[A-ZÀ-ÖØ-ÞĀ-ſ][\w'’.-]*"
PARTICLES = ("van", "von", "de", "del", "der", "da", "di", "le", "la", "bin", "al", "el", "ter", "ten", "du", "dos")
HONORIFIC = re.compile(rf"^(?i:{_alternation('honorific')})\.?\s+")
POST_NOMINAL = re.compile(rf",?\s+(?i:{_alternation('post_nominal')})\.?$")
SUFFIX = re.compile(r",?\s+(Jr\.?|Sr\.?|II|III|IV)$")
NATURAL = re.compile(rf"^{WORD}(?:\s+(?:(?:{'|'.join(PARTICLES)})\s+)*{WORD}){{1,3}}$")
INVERTED = re.compile(rf"^((?:(?:{'|'.join(PARTICLES)})\s+)*{WORD}(?:\s+{WORD})?),\s+({WORD}(?:\s+{WORD}){{0,3}})$")


@dataclass(frozen=True)
class Name:
    """One author as a citation names it: a person (family and given names) or, whole, an organisation
    or a description of the signers (`literal`). CSL-JSON's name object, in short."""

    literal: str | None = None
    family: str | None = None
    given: str | None = None
    suffix: str | None = None

    @property
    def person(self) -> bool:
        return self.family is not None

    def natural(self) -> str:
        """Robert R. King (Chicago's second and later authors, JSON-LD)."""
        if not self.person:
            return self.literal or ""
        return " ".join(x for x in (self.given, self.family) if x) + (f", {self.suffix}" if self.suffix else "")

    def inverted(self) -> str:
        """King, Robert R. (Chicago's first author, BibTeX, RIS, the citation_author tags)."""
        if not self.person:
            return self.literal or ""
        return ", ".join(x for x in (self.family, self.given, self.suffix) if x)

    def initials(self) -> str:
        """King, R. R. (APA): each given name as its initial; a hyphenated one keeps its hyphen (E.-K.)."""
        if not self.person:
            return self.literal or ""
        given = " ".join("-".join(part[0] + "." for part in word.split("-") if part)
                         for word in (self.given or "").split())
        return ", ".join(x for x in (self.family, given, self.suffix) if x)

    def csl(self) -> dict[str, str]:
        if not self.person:
            return {"literal": self.literal or ""}
        return {k: v for k, v in (("family", self.family), ("given", self.given), ("suffix", self.suffix)) if v}


def split_names(value: str | None) -> list[str]:
    """'A; B' (front matter's author: or publisher: list, joined by model.NAME_SEPARATOR) -> ['A', 'B']."""
    return [n.strip() for n in (value or "").split(NAME_SEPARATOR) if n.strip()]


def is_organisation(text: str) -> bool:
    """Whether a name is an organisation's: a word organisations have in their names (the languages'
    `org_word`: Association, Institute, Watch, …), a digit, or all capitals (an acronym)."""
    return bool(ORG_WORDS.search(text)) or any(c.isdigit() for c in text) or text.isupper()


def parse_name(text: str) -> Name:
    """A name an editor wrote, as a citation names it. "Family, Given" is a person whose family name is
    the part before the comma (for a name whose family name comes first: "Kwon, Eun-Kyoung");
    "Given Family" a person whose family name is the last word (with its particles: "van", "de", …); an
    organisation, or a name of any other shape, stays whole."""
    text = " ".join(text.split())
    if is_organisation(text):
        return Name(literal=text)
    bare = HONORIFIC.sub("", text)
    suffix = SUFFIX.search(bare)
    if suffix:
        bare = bare[:suffix.start()]
    while POST_NOMINAL.search(bare):
        bare = POST_NOMINAL.sub("", bare)
    inverted = INVERTED.match(bare)
    if inverted:
        return Name(family=inverted.group(1), given=inverted.group(2), suffix=suffix.group(1) if suffix else None)
    if not NATURAL.match(bare):
        return Name(literal=text)
    words = bare.split()
    start = len(words) - 1
    while start > 1 and words[start - 1] in PARTICLES:
        start -= 1
    return Name(family=" ".join(words[start:]), given=" ".join(words[:start]),
                suffix=suffix.group(1) if suffix else None)


def describe_signers(record: Record) -> str:
    """What a joint letter's signers are: "69 organisations and 7 individuals", "36 organisations"."""
    names = list(dict.fromkeys((n.name, n.type) for n in record.signatories.names))
    people = sum(kind == "individual" for _, kind in names)
    orgs = len(names) - people
    parts = [f"{n} {word}{'' if n == 1 else 's'}" for n, word in ((orgs, "organisation"), (people, "individual")) if n]
    return " and ".join(parts)


def citation_authors(record: Record) -> tuple[list[Name], str]:
    """(who a citation of `record` names as its author, and why: "author", "publisher", "signers",
    "description" or "none"). The one place that decides it; see the module's docstring."""
    if split_names(record.author):
        return [parse_name(n) for n in split_names(record.author)], "author"
    if split_names(record.publisher):
        return [Name(literal=" ".join(n.split())) for n in split_names(record.publisher)], "publisher"
    signers = list(dict.fromkeys((n.name, n.type) for n in record.signatories.names))
    if not signers:
        return [], "none"
    if len(signers) <= MAX_NAMED_SIGNERS:
        return [parse_name(name) if kind == "individual" else Name(literal=name) for name, kind in signers], "signers"
    return [Name(literal=describe_signers(record))], "description"


def recipients(record: Record) -> list[str]:
    """Whom the document is addressed to: its addressees' names as the record has them ("Moon Jae-in",
    "UN Human Rights Council"), whole (an addressee's family name may come first)."""
    return list(dict.fromkeys(p.name for p in record.addressees if p.name))


@dataclass(frozen=True)
class Citation:
    authors: list[Name]          # citation_authors(record): every format names these
    title: str
    date: str | None             # ISO, possibly partial
    genre: str
    publisher: str | None
    url: str
    recipients: tuple[str, ...] = ()


def citation(record: Record, url: str) -> Citation:
    publisher = NAME_SEPARATOR.join(split_names(record.publisher))
    return Citation(citation_authors(record)[0], record.title or record.id or "", record.date,
                    KIND_GENRE.get(record.kind or "", "Document"), publisher or None, url, tuple(recipients(record)))


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


def _own_publisher(c: Citation) -> bool:
    """Whether the publisher is the author too (then neither style names it twice)."""
    return bool(c.publisher) and [n.literal for n in c.authors] == split_names(c.publisher)


def chicago_authors(names: list[Name]) -> str:
    """Chicago (17th ed., bibliography): the first author inverted (King, Robert R.), the others as
    written, a comma before "and" (as the CSL styles write it); more than ten: seven and "et al."."""
    shown = [n.inverted() if i == 0 else n.natural() for i, n in enumerate(names)]
    if len(shown) > 10:
        return ", ".join(shown[:7]) + ", et al."
    if len(shown) > 1:
        return ", ".join(shown[:-1]) + f", and {shown[-1]}"
    return "".join(shown)


def apa_authors(names: list[Name]) -> str:
    """APA (7th ed.): family names and initials (King, R. R.), "&" before the last; more than twenty:
    the first nineteen, ". . .", the last."""
    shown = [n.initials() for n in names]
    if len(shown) > 20:
        return ", ".join(shown[:19]) + f", . . . {shown[-1]}"
    if len(shown) > 1:
        return ", ".join(shown[:-1]) + f", & {shown[-1]}"
    return "".join(shown)


def chicago(c: Citation) -> str:
    """Chicago (17th ed., notes and bibliography): the authors, the title in quotes, the genre, the
    publisher (unless it is the author), the date and the URL. Without an author, the title leads, once."""
    lead = chicago_authors(c.authors)
    head = f"{_sentence(lead)} " if lead else ""
    publisher = f" {c.publisher}," if c.publisher and not _own_publisher(c) else ""
    return f"{head}“{_sentence(c.title)}” {c.genre},{publisher} {human_date(c.date)}. {c.url}"


def apa(c: Citation) -> str:
    """APA (7th ed.): the authors, (Year, Month Day), the title with its genre in brackets, the
    publisher (unless it is the author), the URL. Without an author, the title moves to its place."""
    parts = (c.date or "").split("-")
    when = parts[0] if parts[0] else "n.d."
    if len(parts) >= 2:
        when += f", {MONTHS[int(parts[1]) - 1]}" + (f" {int(parts[2])}" if len(parts) == 3 else "")
    publisher = f" {_sentence(c.publisher)}" if c.publisher and not _own_publisher(c) else ""
    lead = apa_authors(c.authors)
    if not lead:
        return f"{c.title} [{c.genre}]. ({when}).{publisher} {c.url}"
    return f"{_sentence(lead)} ({when}). {c.title} [{c.genre}].{publisher} {c.url}"


def _bibtex_value(text: str) -> str:
    """Text as a BibTeX field holds it: every LaTeX special character escaped, in one pass (the braces
    of `\\textbackslash{}` are not escaped again), whitespace as one space."""
    return BIBTEX_SPECIAL.sub(lambda m: BIBTEX_ESCAPES[m.group(0)], " ".join(text.split()))


def _bibtex_name(name: Name) -> str:
    """A person as "Family, Given" (BibTeX splits it so); anything else braced, so BibTeX keeps it whole."""
    if name.person:   # BibTeX's "von Last, Jr, First"
        return ", ".join(_bibtex_value(x) for x in (name.family, name.suffix, name.given) if x)
    return "{" + _bibtex_value(name.literal or "") + "}"


def bibtex(record: Record, url: str) -> str:
    c = citation(record, url)
    fields = [("title", "{" + _bibtex_value(c.title) + "}")]
    if c.authors:
        fields.append(("author", "{" + " and ".join(_bibtex_name(a) for a in c.authors) + "}"))
    parts = (c.date or "").split("-")
    if parts[0]:
        fields.append(("year", parts[0]))
    if len(parts) >= 2:
        fields.append(("month", MONTHS[int(parts[1]) - 1][:3].lower()))
    if c.publisher:
        fields.append(("publisher", "{" + _bibtex_value(c.publisher) + "}"))
    fields.append(("howpublished", "{" + _bibtex_value(c.genre) + "}"))
    if c.recipients:   # BibTeX has no field for whom a letter is addressed to: a note, which styles print
        fields.append(("note", "{" + _bibtex_value("Addressed to " + " and ".join(c.recipients)) + "}"))
    fields.append(("url", "{" + c.url + "}"))
    key = re.sub(r"[^A-Za-z0-9-]", "", record.id or "document")
    body = ",\n".join(f"  {name} = {value}" for name, value in fields)
    return f"@misc{{{key},\n{body}\n}}\n"


def ris(record: Record, url: str) -> str:
    c = citation(record, url)
    kind = RIS_TYPE.get(record.kind or "", "GEN")
    lines = [("TY", kind), ("TI", c.title)]
    lines += [("AU", a.inverted()) for a in c.authors]
    if kind == "PCOMM":   # a letter's recipients: A2, as Zotero reads and writes them for a letter
        lines += [("A2", r) for r in c.recipients]
    if c.date:
        parts = (c.date.split("-") + ["", ""])[:3]
        lines += [("PY", parts[0]), ("DA", "/".join(parts) + "/")]
    if c.publisher:
        lines.append(("PB", c.publisher))
    lines += [("M3", c.genre), ("UR", c.url), ("LA", record.language or ""), ("ER", "")]
    return "".join(f"{tag}  - {' '.join(value.split())}\r\n" for tag, value in lines if value or tag == "ER")


def csl_item(record: Record, url: str) -> dict:
    c = citation(record, url)
    item: dict = {"id": record.id, "type": CSL_TYPE.get(record.kind or "", "document"), "title": c.title,
                  "genre": c.genre, "URL": c.url}
    if c.authors:
        item["author"] = [a.csl() for a in c.authors]
    if c.recipients:
        item["recipient"] = [{"literal": r} for r in c.recipients]
    if c.date:
        item["issued"] = {"date-parts": [[int(p) for p in c.date.split("-")]]}
    if c.publisher:
        item["publisher"] = c.publisher
    if record.language:
        item["language"] = record.language
    return item


def csl_json(record: Record, url: str) -> str:
    return json.dumps([csl_item(record, url)], ensure_ascii=False, indent=2) + "\n"
