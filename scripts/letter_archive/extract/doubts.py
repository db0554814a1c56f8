"""What the extraction is unsure of: each field whose evidence is weak, with the reason.

An editor fixes a flagged field in seconds and never sees an unflagged one, so a doubt must point at
fields that are often wrong, not at every field: each rule below names a kind of weak evidence (a
field read by a fallback, two readings of the text that disagree, a list with nothing above it that
says it is the signers'), never a letter. A field an editor set carries no doubt.

`letters check` shows doubts first ("check these"); `letters extract --json` gives them as
`doubts: [{field, why}]`; pages never show them."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Record
from .addressees import TITLE_WORDS
from .signature_block import Candidate

# the record's fields a doubt may name (the names `letters extract --json` and the scorer use)
FIELDS = ("title", "date", "addressees", "signatories.claimed", "signatories.listed", "demands")
# which front-matter key settles each field
SETTLED_BY = {"title": "title", "date": "date", "addressees": "addressees", "signatories.claimed": "signatories",
              "signatories.listed": "signatories", "demands": "demands"}

CLOSE = 0.5         # a runner-up candidate this near the best one's score
SALIENT = 4.0       # the weight of more than one demand or duty put to the same body (salience.py)
GAP = 0.10          # claimed and listed further apart than this share of the larger disagree
ROLE_ONLY = re.compile(rf"(?:(?:the|dear)\s+)?(?:{TITLE_WORDS})s?", re.I)   # "Minister", "Director": whose?
MANY_DEMANDS = 25   # more asks than a letter makes: a list of something else (reasons, signers) was read
#                     (at 15, it flagged two letters of 16 and 18 real demands and no wrong field)
TEXT_AFTER = 200    # words after the signature list, and more than three times the list's own: it is
#                     not where the letter ends, so its signers may be further down or the list go on


@dataclass(frozen=True)
class Doubt:
    field: str
    why: str

    def to_dict(self) -> dict[str, str]:
        return {"field": self.field, "why": self.why}


@dataclass
class Evidence:
    """How each field was found, as the field readers report it (see extract/__init__.py)."""

    title_made: bool = False              # the text gives no title: one was made from the kind and addressee
    date_from: str | None = None          # "head", "end", "page title", "phrase", "file metadata", None
    addressees_from: str | None = None    # "address block", "headline", "salutation", "head", None
    governments_from: str | None = None   # "named" (an address, salutation, title or demand names it),
    #                                       "most mentioned", "most mentioned of several" (another nearly as often)
    salience: float = 0.0                 # the weight of an addressee read from whom the demands are put to
    signers: Candidate | None = None      # the candidate block that became the signature list
    runner_up: Candidate | None = None    # the next best candidate
    words_in_list: int = 0                # words in the signature list's lines
    words_after_list: int = 0             # words in the lines after it


def find_doubts(record: Record, evidence: Evidence, edited: set[str] | frozenset[str]) -> list[Doubt]:
    """The record's doubts, in FIELDS order, one per field at most (the first reason found)."""
    found: dict[str, str] = {}

    def doubt(field: str, why: str) -> None:
        if SETTLED_BY[field] not in edited:
            found.setdefault(field, why)

    if evidence.title_made:
        doubt("title", f"the text has no headline or Re: line; the title {record.title!r} was made from what it is "
                       "and whom it is to: write the letter's own in `title:`")
    _date_doubts(record, evidence, doubt)
    if record.kind in ("letter", "statement"):
        _addressee_doubts(record, evidence, doubt)
        _signatory_doubts(record, evidence, doubt)
        _demand_doubts(record, doubt)
    return [Doubt(f, found[f]) for f in FIELDS if f in found]


def _date_doubts(record: Record, evidence: Evidence, doubt) -> None:
    if not record.date:
        return   # already an error that asks for it
    if evidence.date_from == "file metadata":
        doubt("date", "taken from the file's metadata, which may be when it was saved, not when the letter was sent")
        return
    if evidence.date_from == "phrase":
        doubt("date", "read from a phrase in the text ('as of …'), not from a dateline")


def _addressee_doubts(record: Record, evidence: Evidence, doubt) -> None:
    if not record.addressees and not record.governments:
        doubt("addressees", "no addressee found: no salutation, address block, 'To:' line or headline names one")
    elif evidence.addressees_from == "demands" and evidence.salience < SALIENT:
        doubt("addressees", "no one is greeted or addressed; read from the one sentence that puts a demand to "
                            f"{record.addressees[0].name}")
    elif record.addressees and not record.governments and not any(p.government for p in record.addressees) and \
            all(ROLE_ONLY.fullmatch(p.name.strip()) for p in record.addressees):
        doubt("addressees", f"the letter greets a role ({record.addressees[0].name!r}), not a named body or person; "
                            "whose it is was not found")
    elif not record.addressees and evidence.governments_from == "most mentioned of several":
        doubt("addressees", "no addressee is named; the government is the one the letter mentions most, "
                            "and it mentions another nearly as often")


def _signatory_doubts(record: Record, evidence: Evidence, doubt) -> None:
    s = record.signatories
    if s.claimed is not None and s.listed and abs(s.claimed - s.listed) > GAP * max(s.claimed, s.listed):
        doubt("signatories.listed", f"the text states {s.claimed} signatories but {s.listed} are listed")
    if s.claimed and s.claimed >= 2 and not s.listed:
        doubt("signatories.listed", f"the text states {s.claimed} signatories and no list of them was found: "
                                    "add the list, or confirm that the letter gives none")
    chosen, other = evidence.signers, evidence.runner_up
    if chosen is None:
        return   # no block reads as a list of names: nothing listed is what the text shows
    if other and other.score >= chosen.score - CLOSE:
        doubt("signatories.listed", f"another block reads as a list of signers almost as well (a {other.rule}, "
                                    f"score {other.score} against {chosen.score})")
    if evidence.words_after_list >= TEXT_AFTER and evidence.words_after_list > 3 * evidence.words_in_list:
        doubt("signatories.listed", f"{evidence.words_after_list} words of text follow the signature list: the "
                                    "letter may go on, or its signers be listed further down")


def _demand_doubts(record: Record, doubt) -> None:
    if not record.demands:
        doubt("demands", "no demand found: no sentence asks or calls on anyone to act")
    elif len(record.demands) > MANY_DEMANDS:
        doubt("demands", f"{len(record.demands)} demands: more than a letter usually makes; a list of reasons or "
                         "names may have been read as demands")
