"""Where the feeds are, and the "Follow" link and autodiscovery entries that pages carry to them.

Three kinds of feed, each in Atom and JSON Feed 1.1: the whole archive, one per government or body,
one per signatory (site/feeds.py writes them). Paths are relative to docs/ (and so to the site)."""

from __future__ import annotations

from typing import Any

from .templating import render

ATOM_TYPE = "application/atom+xml"
JSON_TYPE = "application/feed+json"


def feed_base(scope: str, slug: str | None = None) -> str:
    """'all' -> feeds/all; ('governments', 'japan') -> feeds/governments/japan; add .xml or .json."""
    return "feeds/all" if scope == "all" else f"feeds/{scope}/{slug}"


def feed_meta(base: str, title: str) -> dict[str, Any]:
    """Front matter for a page that has a feed: the theme (overrides/main.html) writes one
    <link rel="alternate"> per entry, so feed readers find the feed from the page's address."""
    return {"feeds": [{"type": ATOM_TYPE, "href": f"{base}.xml", "title": f"{title} (Atom)"},
                      {"type": JSON_TYPE, "href": f"{base}.json", "title": f"{title} (JSON Feed)"}]}


def follow_link(prefix: str, base: str, what: str) -> str:
    """The visible link: 'Follow new documents … : Atom feed · JSON Feed'. `prefix` leads from the page to the site root."""
    return render("follow.html", atom=f"{prefix}{base}.xml", json=f"{prefix}{base}.json", what=what,
                  atom_type=ATOM_TYPE, json_type=JSON_TYPE)
