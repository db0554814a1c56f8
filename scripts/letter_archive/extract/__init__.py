"""Extract stage: a document's record from its text alone (front matter then overrides any field).
Each field keeps the line it came from, for the report; doubts become warnings, gaps errors.
`extract()` is the stage's only entry point."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..document import Tree, build_tree
from ..errors import Problem
from ..model import Group, Person, Record, Signatory, Signatures, settle
from ..places import first_government
from ..readers import Source
from .addressees import (
    TITLE_WORDS,
    addressee_kind,
    extract_addressees,
    extract_cc,
    extract_governments,
    head_addressees,
    headline_addressees,
    kind_of,
    salutation_addressees,
    split_title_name,
)
from .checks import check_record
from .clean import SALUTATION, SUBJECT, Removed, clean
from .dates import standalone_date
from .demands import extract_demands
from .doubts import Doubt, Evidence, find_doubts
from .entries import classify
from .head import extract_date, extract_kind, extract_title, made_title
from .language import extract_language
from .lines import Line, SignatureLines, find_index, header_end, to_lines
from .origin import metadata_date, origin_of
from .salience import salient_addressees
from .segments import Block, segment
from .signatories import extract_signatories
from .signature_block import best_section, candidates, chosen_candidate

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
    doubts: list[Doubt] = field(default_factory=list)              # fields whose evidence is weak (doubts.py)
    evidence: Evidence = field(default_factory=Evidence)           # how each field was found
    built_tree: Tree | None = field(default=None, repr=False)      # see `tree`

    @property
    def tree(self) -> Tree:
        """The cleaned text's document tree (document.py): built once, by extraction or, for a cached
        extraction, when first asked for."""
        if self.built_tree is None:
            self.built_tree = build_tree(self.text, self.origin.get("page_starts") or (), self.removed)
        return self.built_tree

    @property
    def blocks(self) -> list[Block]:
        """What each paragraph was read as (for the report; computed only when asked for)."""
        return segment(self.text, self.signature_span, self.tree)


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
    tree = build_tree(lines, source.origin.get("page_starts") or (), removed)   # the typed block tree (document.py)
    blocks = candidates(lines, tree)      # every block that may be the signature list, best first
    section = best_section(blocks)
    record.date, where["date"], date_problems = extract_date(lines, source.front, section[0] if section else None)
    problems += date_problems
    record.kind = kind = source.front.get("kind") or extract_kind(lines, salutation, record.title)
    where["kind"] = lines[0].no if lines else None
    body_text = "\n".join(x.text for x in lines)
    record.language = extract_language("\n".join(x.text for x in lines[: section[0]]) if section else body_text)

    date_idx = next((i for i, x in enumerate(lines[: head_end + 1]) if standalone_date(x.text)), None)
    stop = min(i for i in (subject, salutation, head_end) if i is not None) if lines else None
    evidence = Evidence(date_from=_date_from(lines, where.get("date"), head_end, record.date))
    if kind in ("letter", "statement"):
        record.addressees, where["addressees"] = extract_addressees(lines, date_idx, stop)
        evidence.addressees_from = "address block" if record.addressees else None
        if record.addressees and where["title"] is not None and where["title"] == where["addressees"]:
            # the line read as the headline is whom the letter is to: the title is another line, or none
            record.title, where["title"] = extract_title(lines, subject, _paragraph_at(lines, where["addressees"]))
    headline = source.front.get("title") if isinstance(source.front.get("title"), str) else record.title
    if kind in ("letter", "statement") and not record.addressees and headline:
        m = re.search(rf"\b(?:letter|brief)\s+to\s+((?:{TITLE_WORDS})(?:[\w -]*?)\s+[A-Z][\w'’-]+\s+[A-Z][\w'’-]+)\s*$",
                      headline, re.I)
        if m:
            t, n = split_title_name(m.group(1))
            record.addressees = [Person(n, t, first_government(m.group(1)))]
            where["addressees"] = where.get("title")
            evidence.addressees_from = "headline"
    if kind in ("letter", "statement") and not record.addressees:
        body_end = section[0] if section else None
        for route, (found, at) in zip(("salutation", "head", "headline"), (
                salutation_addressees(lines, body_end), head_addressees(lines, head_end + 1),
                (headline_addressees(headline, record.title, *headings(lines, head_end)), where.get("title"))), strict=False):
            if found:
                record.addressees, where["addressees"] = found, at
                evidence.addressees_from = route
                break
    main_gov = record.addressees[0].government if record.addressees else None
    record.cc, where["cc"] = extract_cc(lines, main_gov)

    # demands are in the letter, not in its signature list (which can be most of a long letter's lines)
    record.demands, where["demands"] = extract_demands(lines[: section[0]] if section else lines, kind, record.language)
    record.governments, evidence.governments_from = extract_governments(record, lines, subject, salutation, record.demands,
                                             headline, section[0] if section else None)
    if kind in ("letter", "statement") and not record.addressees and evidence.governments_from != "named":
        # no one greeted or addressed by name, no government named: the body the demands are put to
        body_end = section[0] if section else None
        found, at, weight = salient_addressees(lines[:body_end], record.demands)
        if found:
            record.addressees, where["addressees"], evidence.salience = found, at, weight
            evidence.addressees_from = "demands"
            # the letter is put to a body of another kind: only governments the data knows stay
            record.governments = [g for g in record.governments if first_government(g) == g] or \
                [p.government for p in found if p.government]
    where["governments"] = where.get("addressees") or (lines[subject].no if subject is not None else None)

    layout = extract_signatories(record, lines, where, section) if kind in ("letter", "statement") else None
    if layout is not None and not record.signatories.listed and evidence.addressees_from == "address block":
        layout = None if _sender_above_salutation(record, lines, where, section, evidence) else layout

    for person in record.addressees:
        person.kind = kind_of(person)
    metadata_date(record, source, where, problems)   # binary formats: the file's own date, last resort
    if where.get("date") == "file metadata":
        evidence.date_from = "file metadata"
    _apply_front_matter(record, source.front, where, source.front_from)
    if not record.title and (made := made_title(record.kind, [p.name for p in record.addressees], record.date)):
        record.title, where["title"], evidence.title_made = made, None, True
    if "signatories" in source.front and source.front["signatories"].groups:
        layout = None    # the editor's names, not the text's lines
    problems += [p for p in check_record(record, where, set(source.front))   # one error per field is enough
                 if not any(q.field == p.field and q.level == "error" for q in problems)]
    problems += settle(record)   # what may leave the model: no character XML cannot carry, no endless name
    if section:
        evidence.signers, evidence.runner_up = chosen_candidate(lines, blocks, section)
        evidence.words_in_list = sum(len(x.text.split()) for x in lines[section[0]:section[1]])
        evidence.words_after_list = sum(len(x.text.split()) for x in lines[section[1]:])
    doubts = find_doubts(record, evidence, set(source.front))
    return Extraction(record, where, problems, removed, lines, section, layout, origin_of(source), source.editor_bytes,
                      doubts, evidence, tree)


def _paragraph_at(lines: list[Line], no: int) -> frozenset[int]:
    """The file line numbers of the paragraph that starts at file line `no`."""
    start = next((i for i, x in enumerate(lines) if x.no == no), len(lines))
    end = next((i for i in range(start, len(lines)) if not lines[i].text.strip()), len(lines))
    return frozenset(x.no for x in lines[start:end] if x.no is not None)


def _sender_above_salutation(record: Record, lines: list[Line], where: Provenance, section: tuple[int, int] | None,
                             evidence: Evidence) -> bool:
    """A letter that lists no signer, whose line under the date names an organisation while its
    salutation greets someone else ("Association for Fair Housing" / "Dear members of the housing
    committee,"): that line is its sender, who signs it, and the salutation names the addressee."""
    greeted, at = salutation_addressees(lines, section[0] if section else None)
    sender = record.addressees[0]
    same = {p.name.casefold() for p in greeted} | {sender.name.casefold()}
    if not greeted or sender.government or addressee_kind(sender.name) != "organisation" or any(
            a in b for a in same for b in same if a != b):   # "Prime Minister" greets "Prime Minister of Japan"
        return False
    record.signatories = Signatures(None, [Group(signatories=[Signatory(sender.name, "organization")])])
    where["signatories"] = where.get("addressees")
    record.addressees, where["addressees"] = greeted, at
    evidence.addressees_from = "salutation"
    return True


def _date_from(lines: list[Line], at: int | str | None, head_end: int, date: str | None) -> str | None:
    """Where the date was read: the head's dateline, the letter's end, a phrase ('as of …'), a page title."""
    if not date:
        return None
    if not isinstance(at, int):
        return "page title"
    index = next((i for i, x in enumerate(lines) if x.no == at), None)
    if index is None or index <= head_end:
        return "head"
    return "phrase" if re.search(r"(?i)\bas of\s", lines[index].text) else "end"


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
        if key == "addressees":   # an editor's addressee without a kind gets one from its words
            for person in value:
                person.kind = person.kind or kind_of(person)
        if key == "signatories":
            value = Signatures(value.claimed, value.groups or record.signatories.groups)
            for group in value.groups:
                for entry in group.signatories:
                    entry.type = entry.type or classify(entry.name, entry.affiliation, group.label)
        setattr(record, key, value)
        where[key] = editor_provenance(*(written or {}).get(key, (None, None)))
