"""`letters post-build SITE`: what the built site needs whichever engine rendered docs/ (MkDocs, with or
without our hook, or Zensical), run on the site folder after it (`make build`: after `mkdocs build`,
before `letters search-index`). Nothing that must happen lives only in the MkDocs hook; the hook
(site/mkdocs_hooks.py) does the same work while pages are rendered, which is faster, and this step
then finds it done:

1. Originals: every file of docs/originals/ is in the site, byte for byte. A Markdown original
   (`originals/<id>.md`) is a file to download, never a page (its raw HTML would run): mkdocs.yml
   excludes it from the pages, the hook copies it as it is; an engine that rendered it as a page
   (`originals/<id>/index.html`) has that page deleted here.
2. The 404 page's addresses are relative to the site's root, which its <base> names (overrides/404.html):
   a host serves it at any missing address, at any depth, and it must still find its styles.
3. Pages leave without the theme's template indentation (collapse_indentation): 3 KB of each page;
   and without the marker `letters build` puts above a page's HTML (prerendered.py), which an engine
   without the hook passes on as an HTML comment.
4. The theme's own search (Material's lunr and its worker, ~1.2 MB) is removed when the site has no
   index for it: search is Pagefind (`letters search-index`).

Imports nothing of the pipeline: the MkDocs hook, loaded by every `mkdocs build`, uses its functions."""

from __future__ import annotations

import os
import re
import shutil
import sys
from pathlib import Path
from urllib.parse import urlsplit

from .prerendered import PRERENDERED

ORIGINALS = "originals/"           # as site/routes.py names it (not imported: routes pulls in slugify)
WHITESPACE_MATTERS = re.compile(r"(<(pre|textarea|code|kbd)[\s>].*?</\2>)", re.S)
INDENTATION = re.compile(r"\n\s+<")
# Material's own search, unused here (plugins: [] in mkdocs.yml; the search index is Pagefind's)
THEME_SEARCH = ("assets/javascripts/lunr", "assets/javascripts/workers")
THEME_SEARCH_INDEX = "search/search_index.json"   # what Material's search plugin writes, when it runs


def collapse_indentation(page_html: str) -> str:
    """A line break and the blank lines and spaces after it, before a tag, become one line break (the
    browser shows both as one space); elements that show their whitespace (<pre>, <textarea>; <code>
    and <kbd> in Material's CSS) are left as they are. Doing it twice changes nothing."""
    parts = WHITESPACE_MATTERS.split(page_html)    # [text, element, its tag name, text, ...]
    texts = [INDENTATION.sub("\n<", text) for text in parts[::3]]
    return "".join(text + element for text, element in zip(texts, [*parts[1::3], ""], strict=True))


def site_root(site_url: str | None) -> str:
    """The path the site is published at, from site_url ('/open-letter-archive/'; '/' without one)."""
    path = urlsplit(site_url or "/").path or "/"
    return path if path.endswith("/") else path + "/"


def relative_404(page_html: str, root: str) -> str:
    """The 404 page with its addresses relative to the site's root (the <base> the page names), as
    MkDocs writes them with base_url '.' (the hook): an engine writes them from site_url's path,
    '"/open-letter-archive/assets/x.css"' -> '"./assets/x.css"', '"/open-letter-archive/"' and
    '"/open-letter-archive"' -> '"."' (a root followed by a second slash, written as base_url ~ "/x", too).
    The <base> element and its script keep the root itself."""
    bare = root.rstrip("/")
    exact = re.compile(r'"(?:' + re.escape(root) + "|" + re.escape(bare) + r')"') if bare else re.compile(r'"/"')
    prefix = re.compile(r'(["(])' + re.escape(root) + "/?(?=[^/\"])")
    head, sep, rest = page_html.partition("<base ")
    kept = ""
    if sep:     # the <base> element and its script, which name the root itself, stay as they are
        base, end, rest = rest.partition("</script>")
        kept = sep + base + end

    def relative(text: str) -> str:
        return prefix.sub(r"\1./", exact.sub('"."', text))
    return relative(head) + kept + relative(rest)


def same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b) or (a.stat().st_size == b.stat().st_size and a.read_bytes() == b.read_bytes())
    except OSError:
        return False


def place_originals(site: Path, docs: Path) -> int:
    """Every file of docs/originals/ in the site as it is (a hard link where possible); a rendered
    page of a Markdown original removed. Returns how many files were placed."""
    placed = 0
    source = docs / ORIGINALS
    if not source.is_dir():
        return 0
    for path in sorted(p for p in source.rglob("*") if p.is_file()):
        rel = path.relative_to(docs)
        target = site / rel
        if path.suffix in (".md", ".markdown"):
            page = target.with_suffix("")
            if (page / "index.html").is_file():
                shutil.rmtree(page)
        if target.is_file() and same_file(path, target):
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.unlink(missing_ok=True)
        try:
            os.link(path, target)
        except OSError:
            shutil.copyfile(path, target)
        placed += 1
    return placed


def collapse_pages(site: Path) -> int:
    """collapse_indentation over every HTML file of the site, unless the hook did it already (it
    collapses every page as it renders it; the home page says whether it ran). Returns how many
    files changed."""
    home = site / "index.html"
    if home.is_file():
        text = home.read_text(encoding="utf-8")
        if collapse_indentation(text) == text:
            return 0
    changed = 0
    for path in site.rglob("*.html"):
        if not path.is_file() or path.name == "404.html":     # the 404 page: finish_404
            continue
        text = path.read_text(encoding="utf-8")
        out = collapse_indentation(text.replace(PRERENDERED, "", 1))   # the marker, passed on as a comment
        if out != text:
            path.write_text(out, encoding="utf-8")
            changed += 1
    return changed


def finish_404(site: Path, site_url: str | None) -> bool:
    path = site / "404.html"
    if not path.is_file():
        return False
    text = path.read_text(encoding="utf-8")
    out = collapse_indentation(relative_404(text, site_root(site_url)))
    if out != text:
        path.write_text(out, encoding="utf-8")
    return out != text


def remove_theme_search(site: Path) -> int:
    """Material's lunr search files, when nothing uses them (no index of its own in the site)."""
    if (site / THEME_SEARCH_INDEX).exists():
        return 0
    removed = 0
    for rel in THEME_SEARCH:
        folder = site / rel
        if folder.is_dir():
            removed += sum(1 for p in folder.rglob("*") if p.is_file())
            shutil.rmtree(folder)
    return removed


def post_build(site: Path, docs: Path, site_url: str | None) -> dict[str, int]:
    """Every step, on `site` built from `docs`; what each changed."""
    return {"originals": place_originals(site, docs), "404": int(finish_404(site, site_url)),
            "pages": collapse_pages(site), "theme search files": remove_theme_search(site)}


def main(site: Path, docs: Path, site_url: str | None) -> int:
    """`letters post-build SITE`: `site_url` from mkdocs.yml (the CLI reads it: this module imports
    nothing of the pipeline)."""
    if not site.is_dir():
        print(f"letters post-build: {site} is no folder: build the site first (mkdocs build)", file=sys.stderr)
        return 1
    post_build(site, docs, site_url)
    return 0
