"""Feeds: Atom (RFC 4287) and JSON Feed 1.1 for the whole archive, each government or body, each tag and
each signatory, with the newest documents (FEED_LENGTH; SIGNATORY_FEED_LENGTH for a signatory's).

Every address in a feed is absolute, from mkdocs.yml's site_url. An entry carries the document's
title, date, addressee, signatory count and first demand, and links to its page. Nothing depends on
the clock: a feed's `updated` is its newest document's date, so two builds write the same bytes."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Iterable

from ..model import Identity, Record
from . import follow, routes
from .pages import by_date_desc
from .render import addressed, human_date, kind_label, signatory_count

ATOM = "http://www.w3.org/2005/Atom"
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
FEED_LENGTH = 20             # newest documents in the archive's feed and each government's
SIGNATORY_FEED_LENGTH = 10   # and in each signatory's: 2,700 signatories' feeds are most of the feeds' bytes
DEMAND_CHARS = 300           # the first demand, cut at a word beyond this
EPOCH = "1970-01-01T00:00:00Z"   # `updated` of a feed with no document yet


def timestamp(date: str | None) -> str:
    """RFC 3339, as both formats require: a partial date stands for its first day."""
    if not date:
        return EPOCH
    parts = (date.split("-") + ["01", "01"])[:3]
    return f"{parts[0]}-{parts[1]}-{parts[2]}T00:00:00Z"


def addressee_text(record: Record) -> str:
    names = [", ".join(x for x in (p.name, p.title) if x) for p in record.addressees]
    return "; ".join(names) or ", ".join(record.governments)


def entry_text(record: Record) -> str:
    """The entry's summary, in plain text: what kind, when, to whom, signed by how many, first demand."""
    parts = [f"{kind_label(record.kind, 'Document')}, {human_date(record.date)}."]
    if addressee_text(record):
        parts.append(f"{addressed(record.kind).capitalize()}: {addressee_text(record)}.")
    if signatory_count(record):
        parts.append(f"Signed by: {signatory_count(record)}.")
    if record.demands:
        parts.append(f"First demand: {first_demand(record)}")
    return " ".join(parts)


def first_demand(record: Record) -> str:
    text = " ".join(record.demands[0].split()) if record.demands else ""
    return text if len(text) <= DEMAND_CHARS else text[:DEMAND_CHARS].rsplit(" ", 1)[0] + "…"


def page_url(site_url: str, record: Record) -> str:
    return routes.absolute(site_url, routes.letter(record.id))


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, tag, attrs)
    if text is not None:
        el.text = text
    return el


class Entries:
    """Each document's Atom entry and JSON Feed item, made once: a letter is in the archive's feed,
    its governments' and each of its signatories' (3,000 feeds at 10,000 letters)."""

    def __init__(self, site_url: str, first: dict[str, str] | None = None) -> None:
        self.root = site_url.rstrip("/") + "/"
        self.first = first or {}   # a renamed document's id -> the id it was first published under
        self.atom: dict[str, bytes] = {}
        self.json: dict[str, str] = {}

    def entry_id(self, r: Record) -> str:
        """An entry's <id> (a JSON Feed item's "id"), fixed for life: the address the document was first
        published at, which still leads to it (a feed reader that saw the entry never sees it again as new)."""
        return page_url(self.root, r) if r.id not in self.first else routes.absolute(self.root, routes.letter(self.first[r.id]))

    def atom_entry(self, r: Record) -> bytes:
        if r.id not in self.atom:
            entry = ET.Element("entry")
            url = page_url(self.root, r)
            _sub(entry, "id", self.entry_id(r))
            _sub(entry, "title", r.title or r.id)
            _sub(entry, "published", timestamp(r.date))
            _sub(entry, "updated", timestamp(r.date))
            _sub(entry, "link", rel="alternate", type="text/html", href=url)
            _sub(entry, "summary", entry_text(r), type="text")
            for gov in r.governments:
                _sub(entry, "category", term=gov)
            if r.kind:
                _sub(entry, "category", term=r.kind, label=kind_label(r.kind, r.kind))
            for tag in r.tags:
                _sub(entry, "category", term=routes.tag_slug(tag), label=tag, scheme=self.root + routes.url(routes.TAGS))
            self.atom[r.id] = ET.tostring(entry, encoding="utf-8")   # in the feed's default namespace
        return self.atom[r.id]

    def json_item(self, r: Record) -> str:
        if r.id not in self.json:
            item = {"id": self.entry_id(r), "url": page_url(self.root, r), "title": r.title or r.id,
                    "content_text": entry_text(r), "date_published": timestamp(r.date),
                    "tags": [*r.governments, *([r.kind] if r.kind else []), *r.tags],
                    # the record's values, for readers that want more than the text (a JSON Feed extension)
                    "_letter": {"date": r.date, "kind": r.kind, "addressee": addressee_text(r) or None,
                                "signatories_stated": r.signatories.claimed, "signatories_listed": r.signatories.listed,
                                "first_demand": first_demand(r) or None}}
            if r.demands:
                item["summary"] = first_demand(r)
            if r.language:
                item["language"] = r.language
            self.json[r.id] = json.dumps(item, ensure_ascii=False, separators=(",", ":"))
        return self.json[r.id]


def atom(title: str, home: str, self_url: str, records: list[Record], entries: Entries, site_name: str) -> bytes:
    feed = ET.Element("feed", xmlns=ATOM)   # children in the default namespace
    _sub(feed, "id", self_url)
    _sub(feed, "title", title)
    _sub(feed, "updated", max((timestamp(r.date) for r in records), default=EPOCH))
    _sub(feed, "link", rel="self", type=follow.ATOM_TYPE, href=self_url)
    _sub(feed, "link", rel="alternate", type="text/html", href=home)
    author = _sub(feed, "author")
    _sub(author, "name", site_name)
    _sub(author, "uri", entries.root)
    _sub(feed, "generator", "Open Letter Archive")
    head = ET.tostring(feed, encoding="utf-8", xml_declaration=True).removesuffix(b"</feed>")
    body = b"".join(b"\n" + entries.atom_entry(r) for r in records)
    return head + body + b"\n</feed>\n"


def json_feed(title: str, home: str, self_url: str, records: list[Record], entries: Entries, site_name: str) -> bytes:
    data = {"version": JSON_FEED_VERSION, "title": title, "home_page_url": home, "feed_url": self_url,
            "language": "en", "authors": [{"name": site_name, "url": entries.root}]}
    head = json.dumps(data, ensure_ascii=False, separators=(",", ":"))[:-1]
    items = ",\n".join(entries.json_item(r) for r in records)
    return f'{head},"items":[\n{items}\n]}}\n'.encode()


def _pair(base: str, title: str, home: str, records: Iterable[Record], entries: Entries, site_name: str,
          length: int = FEED_LENGTH) -> dict[str, bytes]:
    newest = by_date_desc(list(records))[:length]
    atom_path, json_path = routes.atom_feed(base), routes.json_feed(base)
    return {atom_path: atom(title, home, routes.absolute(entries.root, atom_path), newest, entries, site_name),
            json_path: json_feed(title, home, routes.absolute(entries.root, json_path), newest, entries, site_name)}


def feed_files(records: list[Record], by_gov: dict[str, list[Record]], signed: dict[str, list[Record]],
               identity_of: dict[str, Identity], site_url: str, site_name: str,
               first: dict[str, str] | None = None, by_tag: dict[str, list[Record]] | None = None,
               gone_tags: dict[str, str] | None = None) -> dict[str, bytes]:
    """{docs-relative path: bytes} of every feed. `first`: renamed documents' first ids (their entries' ids);
    `by_tag`: each tag's documents; `gone_tags`: slug -> name of published tags no document has now (their
    feeds stay, with no entry: a feed reader follows no HTML redirect)."""
    entries = Entries(site_url, first)
    root = entries.root
    files = _pair(routes.feed(), site_name, routes.absolute(root, routes.HOME), records, entries, site_name)
    for gov, recs in by_gov.items():
        files |= _pair(routes.feed("governments", routes.gov_slug(gov)), f"{site_name}: {gov}",
                       routes.absolute(root, routes.government(gov)), recs, entries, site_name)
    for key, recs in signed.items():
        ident = identity_of[key]
        files |= _pair(routes.feed("signatories", ident.slug), f"{site_name}: signed by {ident.name}",
                       routes.absolute(root, routes.signatory(ident.slug)), recs, entries, site_name, SIGNATORY_FEED_LENGTH)
    for tag, recs in (by_tag or {}).items():
        files |= _pair(routes.feed("tags", routes.tag_slug(tag)), f"{site_name}: tagged {tag}",
                       routes.absolute(root, routes.tag(tag)), recs, entries, site_name)
    for slug, tag in (gone_tags or {}).items():
        files |= _pair(routes.feed("tags", slug), f"{site_name}: tagged {tag}", routes.absolute(root, routes.TAGS), [],
                       entries, site_name)
    return files
