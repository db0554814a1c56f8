"""Feed autodiscovery: the front matter that makes a page announce its feeds.

Four kinds of feed, each in Atom and JSON Feed 1.1 (site/feeds.py writes them, routes.feed names
them): the whole archive, one per government or body, one per tag, one per signatory. A page that has one lists
both in its front matter; the theme (overrides/main.html) writes a <link rel="alternate"> for each,
and the page's template shows the visible "Follow" link (macros.html, follow)."""

from __future__ import annotations

from typing import Any

from . import routes

ATOM_TYPE = "application/atom+xml"
JSON_TYPE = "application/feed+json"


def feed_meta(base: str, title: str) -> dict[str, Any]:
    """{"feeds": [...]}: each feed's type, docs-relative path (MkDocs' `url` filter makes it relative) and title."""
    return {"feeds": [{"type": ATOM_TYPE, "href": routes.atom_feed(base), "title": f"{title} (Atom)"},
                      {"type": JSON_TYPE, "href": routes.json_feed(base), "title": f"{title} (JSON Feed)"}]}
