"""What static hosts and crawlers read besides the pages: `robots.txt`, naming the sitemap, and
`_redirects`, so a moved document answers with a real
301 on Netlify and Cloudflare Pages (elsewhere, GitHub Pages included, the HTML redirect page at the
old address does the work; it stays in the site for them).

Netlify serves a file that exists before it applies a rule, and the old address still holds the HTML
redirect page, so on Netlify the rules must be forced (`301!`). Cloudflare Pages always applies its
rules and knows only the plain codes. The build writes the forced form where Netlify builds it
(Netlify sets NETLIFY=true) or when asked (LETTERS_REDIRECTS=netlify), the plain form otherwise."""

from __future__ import annotations

import os
from urllib.parse import urlparse

from . import routes

CLOUDFLARE_STATIC_LIMIT = 2000   # Cloudflare Pages: static redirects per project (two lines per moved document)


def forced() -> bool:
    return os.environ.get("NETLIFY") == "true" or os.environ.get("LETTERS_REDIRECTS") == "netlify"


def redirects_file(moves: dict[str, str], site_url: str, force: bool | None = None) -> bytes:
    """`moves`: {old page: new page}, both docs/ files (site/routes.py): one rule for the old address
    with its slash and one without (/letters/<old>/, /letters/<old>), each to the new address, under
    the path site_url puts the site at."""
    prefix = urlparse(site_url).path.rstrip("/")
    code = "301!" if (forced() if force is None else force) else "301"
    lines = ["# Moved documents and signatories: old address, new address, HTTP status. Written by `letters build`."]
    for old, new in sorted(moves.items()):
        source, target = f"{prefix}/{routes.url(old)}", f"{prefix}/{routes.url(new)}"
        lines.append(f"{source} {target} {code}")
        if source.endswith("/"):   # a page: with its slash and without (a file, originals/<id>.pdf, has one address)
            lines.append(f"{source.rstrip('/')} {target} {code}")
    return ("\n".join(lines) + "\n").encode()


def robots_file(site_url: str) -> bytes:
    """Every page may be crawled; the sitemap lists them (MkDocs writes sitemap.xml at the site's root).
    Crawlers read robots.txt at the root of a host only: a site published under a path (a GitHub
    project page) is crawled from its sitemap when the host's own robots.txt, or a search console, names it."""
    return (f"# Written by `letters build`.\nUser-agent: *\nAllow: /\n\nSitemap: {site_url.rstrip('/')}/sitemap.xml\n").encode()
