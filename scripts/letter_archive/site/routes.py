"""Every address of the site, in one place.

A page is named by its file in docs/ (`letters/<id>.md`); MkDocs publishes it at a folder of the
same name (`letters/<id>/`; `index.md` at its folder). A link between two pages is relative (the
site works at any address and from a folder on disk), so it is computed from both pages' files:
`link(from_page, to_page)`. Nothing else in the site stage writes a path or a URL by hand."""

from __future__ import annotations

from functools import cache

from slugify import slugify

from ..model import tag_slug

HOME = "index.md"
TIMELINE = "timeline.md"
SEARCH = "search.md"
GOVERNMENTS = "governments/index.md"
ADDRESSEES = "addressees/index.md"   # the kinds of body letters are addressed to
SIGNATORIES = "signatories/index.md"
TAGS = "tags/index.md"                # every tag (an editor's `tags:`), with how many documents have it
EXPORT = "data/letters.json"
# The names each letter page is found by, for `letters search-index` (a dotfile: MkDocs never publishes it)
SEARCH_NAMES = ".search-names.json"
DATA = "data.md"                # the Data page, which describes every export
REDIRECTS = "_redirects"        # moved documents' 301s for Netlify and Cloudflare Pages (site/publish.py)
ROBOTS = "robots.txt"           # for crawlers: everything may be read, and where the sitemap is (site/publish.py)


def data_file(name: str) -> str:
    """An export: data/letters.csv, data/signatories.csv, … (served as it is)."""
    return f"data/{name}"


def feed(scope: str = "all", slug: str | None = None) -> str:
    """A feed's path without its extension: 'feeds/all', 'feeds/governments/japan', 'feeds/signatories/<slug>',
    'feeds/tags/<slug>'."""
    return "feeds/all" if scope == "all" else f"feeds/{scope}/{slug}"


def atom_feed(base: str) -> str:
    return f"{base}.xml"


def json_feed(base: str) -> str:
    return f"{base}.json"


def letter(doc_id: str) -> str:
    """A document's page; also the page a former id of it redirects from."""
    return f"letters/{doc_id}.md"


redirect = letter   # a moved document leaves a page at its old address


def record_json(doc_id: str) -> str:
    """A document's record as JSON, beside its page: /letters/<id>/record.json (site/plan.py record_file)."""
    return f"letters/{doc_id}/record.json"


ORIGINALS = "originals/"


def original(doc_id: str, suffix: str) -> str:
    """A document's text, to read in a browser (UTF-8 with a byte-order mark; site/originals.py): its
    text as received, or a PDF, Word, ODT or e-mail letter's text as read. Until issue 14 a text
    document's bytes were published here: the address still works."""
    return f"{ORIGINALS}{doc_id}{suffix}.txt"


def citation_file(doc_id: str, suffix: str) -> str:
    """A document's citation for reference managers, beside its page: letters/<id>/<id>.bib, .ris, .csl.json."""
    return f"letters/{doc_id}/{doc_id}.{suffix}"


def card(doc_id: str) -> str:
    """A document's link-preview image (site/cards.py)."""
    return f"cards/{doc_id}.png"


def preview(doc_id: str) -> str:
    """The first page of a PDF letter as an image, for link previews."""
    return f"previews/{doc_id}.png"


def original_file(doc_id: str, suffix: str) -> str:
    """A document as received, byte for byte, under its own extension (.txt, .md, .pdf, .docx, …)."""
    return f"{ORIGINALS}{doc_id}{suffix}"


def original_download(doc_id: str, suffix: str) -> str:
    """A web page (.html, .htm) as received, byte for byte: `.bin` appended, so that every host serves
    it as a download, never as a page that would run its scripts."""
    return f"{ORIGINALS}{doc_id}{suffix}.bin"


@cache
def gov_slug(name: str) -> str:
    slug = slugify(name, max_length=80) or "government"
    return f"{slug}-government" if slug == "index" else slug   # governments/index.md lists them all


def government(name: str) -> str:
    return f"governments/{gov_slug(name)}.md"


def addressee_kind(kind: str) -> str:
    """The page of one kind of addressee: 'addressees/company.md' (kinds: model.ADDRESSEE_KINDS)."""
    return f"addressees/{slugify(kind)}.md"


def tag(name: str) -> str:
    """A tag's page, named by its words (model.tag_slug; model.as_tags refuses a tag without any)."""
    return tag_at(tag_slug(name))


def tag_at(slug: str) -> str:
    return f"tags/{slug}.md"


def signatory(slug: str) -> str:
    return f"signatories/{slug}.md"


def timeline_year(year: str) -> str:
    return f"timeline/{year}.md"


@cache
def url(path: str) -> str:
    """Where the file `path` of docs/ is published, relative to the site's root: '' for the home page."""
    if not path.endswith(".md") or path.startswith(ORIGINALS):
        return path                                   # a file served as it is (originals, data)
    stem = path[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        stem = stem[: -len("index")].rstrip("/")
    return f"{stem}/" if stem else ""


@cache
def _folder(path: str) -> tuple[str, ...]:
    """The folders of a page's published address: what a relative link from it starts in."""
    return tuple(part for part in url(path).split("/")[:-1] if part)


@cache
def link(from_page: str, to: str) -> str:
    """The relative link from the page `from_page` to `to` (both docs/ files): '../../governments/japan/'."""
    here, there = _folder(from_page), url(to).split("/")
    common = 0
    while common < min(len(here), len(there) - 1) and here[common] == there[common]:
        common += 1
    return "../" * (len(here) - common) + "/".join(there[common:]) or "./"


def absolute(site_url: str, path: str) -> str:
    """The full address of a page, for citations and the permanent link."""
    return f"{site_url.rstrip('/')}/{url(path)}"


def shown(path: str) -> str:
    """A page's address as a reader sees it written: '/letters/<id>/'."""
    return "/" + url(path)

