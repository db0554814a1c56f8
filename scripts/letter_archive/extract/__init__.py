"""Extract stage: a document's record from its text alone (front matter then overrides any field).
Each field keeps the line it came from, for the report; doubts become warnings, gaps errors.
`extract()` is the stage's only entry point."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..errors import Problem
from ..model import Person, Record, Signatures, settle
from ..places import first_government
from ..readers import Source
from .addressees import (
    TITLE_WORDS,
    extract_addressees,
    extract_cc,
    extract_governments,
    head_addressees,
    headline_addressees,
    salutation_addressees,
    split_title_name,
)
from .checks import check_record
from .clean import SALUTATION, SUBJECT, Removed, clean
from .dates import standalone_date
from .demands import extract_demands
from .head import extract_date, extract_kind, extract_title
from .language import extract_language
from .lines import Line, SignatureLines, find_index, header_end, to_lines
from .origin import metadata_date, origin_of
from .segments import Block, segment
from .signatories import classify, extract_signatories, find_section

# Where each field was read: a line of the file, where an editor wrote it ("front matter, line 3",
# "letters/x.yaml, line 2"), "file metadata", or None (not traceable, as in HTML).
Provenance = dict[str, int | str | None]


@dataclass
class Extraction:
    record: Record
    lines: Provenance = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    text: list[Line] = field(default_factory=list)                 # the cleaned body
    signature_span: tuple[int, int] | None = None                  # the signature list's lines in `text`
    signature_lines: SignatureLines | None = None                  # its entries' and headings' lines in `text`
    origin: dict = field(default_factory=dict)                     # binary formats: Source.origin
    editor_bytes: tuple[int, int] | None = None                    # Source.editor_bytes: not part of the original

    @property
    def blocks(self) -> list[Block]:
        """What each paragraph was read as (for the report; computed only when asked for)."""
        return segment(self.text, self.signature_span)


def extract(source: Source) -> Extraction:
    raw_lines = to_lines(source)
    lines, removed = clean(raw_lines)
    record = Record()
    where: Provenance = {}
    problems: list[Problem] = list(source.problems)

    head_end = header_end(lines)
    salutation = find_index(lines, SALUTATION, head_end + 3)
    subject = find_index(lines, SUBJECT, head_end + 3)

    record.title, where["title"] = extract_title(lines, subject)
    section = find_section(lines)
    record.date, where["date"], date_problems = extract_date(lines, source.front, section[0] if section else None)
    problems += date_problems
    record.kind = kind = source.front.get("kind") or extract_kind(lines, salutation, record.title)
    where["kind"] = lines[0].no if lines else None
    body_text = "\n".join(x.text for x in lines)
    record.language = extract_language("\n".join(x.text for x in lines[: section[0]]) if section else body_text)

    date_idx = next((i for i, x in enumerate(lines[: head_end + 1]) if standalone_date(x.text)), None)
    stop = min(i for i in (subject, salutation, head_end) if i is not None) if lines else None
    if kind in ("letter", "statement"):
        record.addressees, where["addressees"] = extract_addressees(lines, date_idx, stop)
    headline = source.front.get("title") if isinstance(source.front.get("title"), str) else record.title
    if kind in ("letter", "statement") and not record.addressees and headline:
        m = re.search(rf"\b(?:letter|brief)\s+to\s+((?:{TITLE_WORDS})(?:[\w -]*?)\s+[A-Z][\w'’-]+\s+[A-Z][\w'’-]+)\s*$",
                      headline, re.I)
        if m:
            t, n = split_title_name(m.group(1))
            record.addressees = [Person(n, t, first_government(m.group(1)))]
            where["addressees"] = where.get("title")
    if kind in ("letter", "statement") and not record.addressees:
        body_end = section[0] if section else None
        for found, at in (salutation_addressees(lines, body_end), head_addressees(lines, head_end + 1),
                          (headline_addressees(headline, record.title, *headings(lines, head_end)), where.get("title"))):
            if found:
                record.addressees, where["addressees"] = found, at
                break
    main_gov = record.addressees[0].government if record.addressees else None
    record.cc, where["cc"] = extract_cc(lines, main_gov)

    # demands are in the letter, not in its signature list (which can be most of a long letter's lines)
    record.demands, where["demands"] = extract_demands(lines[: section[0]] if section else lines, kind, record.language)
    record.governments = extract_governments(record, lines, subject, salutation, record.demands,
                                             headline, section[0] if section else None)
    where["governments"] = where.get("addressees") or (lines[subject].no if subject is not None else None)

    layout = extract_signatories(record, lines, where, section) if kind in ("letter", "statement") else None

    metadata_date(record, source, where, problems)   # binary formats: the file's own date, last resort
    _apply_front_matter(record, source.front, where, source.front_from)
    if "signatories" in source.front and source.front["signatories"].groups:
        layout = None    # the editor's names, not the text's lines
    problems += [p for p in check_record(record, where, set(source.front))   # one error per field is enough
                 if not any(q.field == p.field and q.level == "error" for q in problems)]
    problems += settle(record)   # what may leave the model: no character XML cannot carry, no endless name
    return Extraction(record, where, problems, removed, lines, section, layout, origin_of(source), source.editor_bytes)


def headings(lines: list[Line], head_end: int) -> list[str]:
    """The Markdown headings and capitalised headline lines of the letter's head."""
    out = []
    for line in lines[: head_end + 1]:
        text = line.text.strip()
        if text.startswith("#") or (8 < len(text) < 160 and text.isupper()):
            out.append(text.lstrip("# "))
    return out


def editor_provenance(file: str | None, line: int | None) -> str:
    """Where an editor's value was written, as `letters check` shows it: 'front matter, line 3' (the
    document's own), 'letters/x.yaml, line 2' (its sidecar, or a binary document's companion)."""
    where = file or "front matter"
    return f"{where}, line {line}" if line else where


def _apply_front_matter(record: Record, front: dict, where: Provenance,
                        written: dict[str, tuple[str | None, int | None]] | None = None) -> None:
    """The editor's values replace what was extracted. A signatory list without names keeps the
    extracted names; names the editor wrote without a type are classified like extracted ones.
    `written`: where each value was written (Source.front_from)."""
    for key, value in front.items():
        if key == "signatories":
            value = Signatures(value.claimed, value.groups or record.signatories.groups)
            for group in value.groups:
                for entry in group.signatories:
                    entry.type = entry.type or classify(entry.name, entry.affiliation, group.label)
        setattr(record, key, value)
        where[key] = editor_provenance(*(written or {}).get(key, (None, None)))
