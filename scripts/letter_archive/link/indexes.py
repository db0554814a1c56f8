"""Cross-document indexes: which documents address each government and which each signatory signed,
the spellings each signatory is written in, and what kind of signatory it is. Plain functions over
the records and the signatory identities; the site's index pages are made from them."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from ..extract.addressees import kind_of
from ..model import Identity, Person, Record, tag_slug
from ..places import first_government


@dataclass
class Signers:
    """The signatories of the archive, each by its identity's key (folded canonical name)."""

    documents: dict[str, list[Record]] = field(default_factory=dict)   # what each signed, once a document
    identity: dict[str, Identity] = field(default_factory=dict)
    written: dict[str, list[str]] = field(default_factory=dict)        # every form it is written in, as often as written
    kind: dict[str, str] = field(default_factory=dict)                 # "organization" | "individual", as first listed


@dataclass
class Indexes:
    governments: dict[str, list[Record]]      # government or body -> the documents that address it, in file order
    signers: Signers
    kinds: dict[str, list[Record]] = field(default_factory=dict)   # kind of addressee -> its documents
    tags: dict[str, list[Record]] = field(default_factory=dict)    # tag -> the documents an editor gave it


def addressee_kinds(rec: Record) -> list[str]:
    """The kinds of body a document is addressed to: its addressees' kinds, or, addressed to no one
    by name, its governments' (a government the data knows, else what its name says)."""
    if rec.addressees:
        return list(dict.fromkeys(p.kind or kind_of(p) for p in rec.addressees))
    return list(dict.fromkeys(kind_of(Person(g, None, g if first_government(g) == g else None))
                              for g in rec.governments))


def by_addressee_kind(records: list[Record]) -> dict[str, list[Record]]:
    out: dict[str, list[Record]] = defaultdict(list)
    for rec in records:
        for kind in addressee_kinds(rec):
            out[kind].append(rec)
    return dict(out)


def by_government(records: list[Record]) -> dict[str, list[Record]]:
    out: dict[str, list[Record]] = defaultdict(list)
    for rec in records:
        for gov in rec.governments:
            out[gov].append(rec)
    return dict(out)


def unify_tags(records: list[Record]) -> None:
    """One spelling per tag page: tags that name one page (`Climate`, `climate`) are written, in every
    record, as most documents write it (ties: the first in alphabetical order). In place."""
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    for rec in records:
        for tag in rec.tags:
            spellings[tag_slug(tag)][tag] += 1
    chosen = {slug: min(counts, key=lambda t: (-counts[t], t.casefold(), t)) for slug, counts in spellings.items()}
    for rec in records:
        rec.tags = list(dict.fromkeys(chosen[tag_slug(t)] for t in rec.tags))


def by_tag(records: list[Record]) -> dict[str, list[Record]]:
    """tag -> its documents, tags in alphabetical order (records' tags unified first: unify_tags)."""
    out: dict[str, list[Record]] = defaultdict(list)
    for rec in records:
        for tag in rec.tags:
            out[tag].append(rec)
    return dict(sorted(out.items(), key=lambda item: (item[0].casefold(), item[0])))


def signers(records: list[Record], identities: dict[str, Identity]) -> Signers:
    """`identities`: each written name -> its identity (link.identities.resolve)."""
    documents: dict[str, list[Record]] = defaultdict(list)
    signed_ids: dict[str, set[str]] = defaultdict(set)
    written: dict[str, list[str]] = defaultdict(list)
    out = Signers(documents, {}, written, {})
    for rec in records:
        for entry in rec.signatories.names:
            ident = identities[entry.name]
            out.identity[ident.key] = ident
            written[ident.key].append(entry.name)
            out.kind.setdefault(ident.key, entry.type)
            if rec.id not in signed_ids[ident.key]:   # once per letter, however often listed
                signed_ids[ident.key].add(rec.id)
                documents[ident.key].append(rec)
    out.documents, out.written = dict(documents), dict(written)
    return out


def indexes(records: list[Record], identities: dict[str, Identity]) -> Indexes:
    return Indexes(by_government(records), signers(records, identities), by_addressee_kind(records), by_tag(records))
