"""Write stage, page by page: each function turns records into one page of docs/, what its templates
read as YAML front matter (a few keys, not the record: letter_meta) and its body rendered from a
template in templates/ (render.py), where Jinja escapes every value. What a page shows is decided
here, in plain data; how it is written, in its template."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import groupby
from typing import TYPE_CHECKING, Any

import yaml

from ..model import UNNAMED_GROUP, Group, Identity, Record
from ..places import country_name
from . import cards, citations, follow, routes
from .markup import letter_html, without_emphasis
from .originals import Original
from .prerendered import PRERENDERED
from .render import human_date, lang_tag, macro, people, render, signatory_count

if TYPE_CHECKING:   # types only: the site stage never runs extraction code
    from ..extract.lines import SignatureLines
    from ..link.related import Related

# libyaml's emitter (shipped in PyYAML's wheels) is ~20x faster than the pure-Python one, which took
# most of `letters build` at 1,000 letters; same safe subset, same output style.
SAFE_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def front_matter(meta: dict[str, Any]) -> str:
    body = yaml.dump(meta, Dumper=SAFE_DUMPER, sort_keys=False, allow_unicode=True, width=100)
    return "---\n" + body + "---\n\n"


def docs_page(meta: dict[str, Any], template: str, **context: Any) -> str:
    """A page of docs/: front matter, the marker, then the template's HTML."""
    return front_matter(meta) + PRERENDERED + render(template, **context)


def summary_of(record: Record, text_lines: list[str]) -> str:
    """One sentence for link previews: the first demand, else the opening."""
    if record.demands:
        text = record.demands[0]
    else:
        text = next((t for t in text_lines if len(t) > 80), record.title or "")
    text = " ".join(text.split())
    return text if len(text) <= 240 else text[:237].rsplit(" ", 1)[0] + "…"


def count_note(record: Record) -> str:
    """Where the text's own count and the list disagree, say so in the letter's words."""
    s = record.signatories
    if s.claimed is None or s.claimed == s.listed:
        return ""
    stated = [g for g in s.groups if g.claimed is not None]
    if stated and len(stated) == len(s.groups):
        says = " and ".join(f"{g.claimed} {g.label.lower()}" for g in stated)
        lists = " and ".join(str(g.listed) for g in stated)
        return f"The letter states {says}; {lists} are listed."
    return f"The letter states {s.claimed} signatories; {s.listed} are listed."


def card_facts(record: Record) -> str:
    """The line under a card's title: date, addressee, how many signed."""
    to = people(record.addressees) or ", ".join(record.governments)
    return " · ".join(x for x in (human_date(record.date), f"To {to}" if to else "", signatory_count(record)) if x)


# (label, the name a download is saved under, the file's suffix beside the page, what writes it)
CITATION_FORMATS = (("BibTeX", "bib", "bib", citations.bibtex), ("RIS", "ris", "ris", citations.ris),
                    ("CSL-JSON", "json", "csl.json", citations.csl_json))


def citation_files(record: Record, site_url: str) -> dict[str, bytes]:
    """The letter's citation in the formats reference managers import, as files beside its page
    (routes.citation_file). They were base64 data: links inside the page, a third of a large letter
    page (issue 25): now a reader downloads only the one asked for."""
    url = routes.absolute(site_url, routes.letter(record.id))
    return {routes.citation_file(record.id, suffix): write(record, url).encode()
            for _, _, suffix, write in CITATION_FORMATS}


def citation_downloads(record: Record) -> list[tuple[str, str, str]]:
    """(label, file name, href) of each citation file, linked from the letter's page."""
    here = routes.letter(record.id)
    return [(label, f"{record.id}.{ext}", routes.link(here, routes.citation_file(record.id, suffix)))
            for label, ext, suffix, _ in CITATION_FORMATS]


# The keys of a letter's record that its page's front matter holds: what the templates read
# (overrides/main.html's head, overrides/sitemap.xml; Material's own site_meta block, which reads
# `author` and `description`, is replaced by main.html's). Not the whole record: its signatories and
# demands were 10.7 MB of YAML at 2,000 letters, written by `letters build` and parsed again by every
# `mkdocs build` (3 s, in pure Python) for nothing. The record is published whole in
# /letters/<id>/record.json and data/letters.json. Keys of no value stay, as null: main.html passes
# `m.language` and `m.governments` to tojson, which refuses an undefined value.
def letter_meta(record: Record) -> dict[str, Any]:
    """The record's part of a letter page's front matter (letter_page adds what the page computes)."""
    return {"id": record.id, "kind": record.kind, "title": record.title, "date": record.date,
            "language": record.language, "publisher": record.publisher, "governments": list(record.governments)}


def letter_page(record: Record, text_lines: list[str], identities: dict[str, Identity], original: str,
                sha256: str, site_url: str, related: list[Related],
                signature_span: tuple[int, int] | None = None, signature_lines: SignatureLines | None = None,
                published: Original | None = None) -> str:
    """`signature_span` and `signature_lines`: where extraction read the signature list in `text_lines`
    (Extraction.signature_span, .signature_lines); without them the list is shown from the record.
    `published`: the original as published (site/originals.py: its label, download name, its text)."""
    here = routes.letter(record.id)
    meta = letter_meta(record)
    meta["summary"] = summary_of(record, text_lines)
    # dated by the letter, or by a later document the page links to (its "Related documents")
    meta |= sitemap_date([record.date, *(r.date for r in related)])
    meta["original"] = original
    if published and published.pdf:
        meta["citation_pdf_url"] = routes.absolute(site_url, published.pdf)
    as_written = signatures_as_written(record, text_lines, signature_span, signature_lines, identities)
    has_list = bool(record.signatories.names) or record.signatories.claimed is not None
    after = text_lines[signature_span[1]:] if as_written else []
    url = routes.absolute(site_url, here)
    cite = citations.citation(record, url)
    meta["authors"] = [a.inverted() for a in cite.authors]     # citation_author: the authors every citation names
    meta["ld_authors"] = [a.natural() for a in cite.authors]   # JSON-LD's author
    meta["dc_type"] = "letter" if record.kind in ("letter", "statement") else "document"
    # the link-preview image drawn for every letter (site/cards.py; a PDF's carries its first page),
    # declared with its size and the card type that size is shown as
    meta["card"] = routes.absolute(site_url, routes.card(record.id))
    meta |= {"card_width": cards.WIDTH, "card_height": cards.HEIGHT, "card_type": cards.card_type(cards.WIDTH, cards.HEIGHT)}
    return docs_page(
        meta, "letter.html", record=record, page=here, count=signatory_count(record),
        text_html=letter_html(text_lines[: signature_span[0]] if as_written else text_lines, lang_tag(record.language)),
        signatories=(as_written or signatories_structured(record, identities)) if has_list else None,
        count_note=count_note(record), after_html=letter_html(after, lang_tag(record.language)) if after else "",
        related=[(heading, list(items)) for heading, items in groupby(related, key=lambda r: r.heading)],
        original=original, original_name=original.rsplit("/", 1)[-1], record_json=routes.record_json(record.id),
        published=published,
        sha256=sha256, url=url, chicago=citations.chicago(cite), apa=citations.apa(cite),
        downloads=citation_downloads(record))


def withdrawn_page(record: Record) -> str:
    """A withdrawn document's page at its own address: a notice of when and why, with its title; no
    text, signatories or original. `withdrawn` in its front matter keeps it out of the sitemap, and
    without `kind` it is no letter to Pagefind (overrides/main.html) or to link previews."""
    assert record.withdrawn is not None
    here = routes.letter(record.id)
    meta = {"title": f"Withdrawn: {record.title or record.id}", "withdrawn": record.withdrawn.date,
            "summary": f"Withdrawn on {human_date(record.withdrawn.date)}."}
    return docs_page(meta, "withdrawn.html", record=record, page=here)


@dataclass
class ListItem:
    """A line of a signature list: text, and the name in it linked to its signatory's page."""

    before: str
    ident: Identity | None = None
    name: str | None = None
    after: str = ""


@dataclass
class ListBlock:
    """A group heading (`heading`; counts when it heads `group`) and the list under it (None: no list)."""

    heading: str | None = None
    group: Group | None = None
    items: list[ListItem] | None = None


def signatory_link(ident: Identity, shown: str) -> str:
    """A name on a letter page, linked to its signatory's page (as the templates write it)."""
    return str(macro("signatory_link")(ident, shown, routes.letter("x")))


def signatures_as_written(record: Record, text_lines: list[str], span: tuple[int, int] | None,
                          layout: SignatureLines | None, identities: dict[str, Identity]) -> list[ListBlock]:
    """The signature list exactly as the letter writes it, each name linked to its signatory page,
    from the lines extraction read each name and heading from (`layout`).

    Shown once, in place of the same lines in the text: a 300-name letter would otherwise carry its
    list twice (it did: 117 KB a page). Returns [] when the record's names are not each found on
    its own line (a list from front matter, entries joined across lines) or a group has no heading
    line: the caller then shows the whole text and a structured list."""
    if span is None or layout is None:
        return []
    names = record.signatories.names
    named = record.signatories.named_groups
    if len(layout.entries) != len(names) or (named and None in layout.groups):
        return []
    group_at = {line: group for line, group in zip(layout.groups, record.signatories.groups, strict=True)} if named else {}
    headings = set(layout.headings)
    on_line: dict[int, list[str]] = defaultdict(list)
    for line, entry in zip(layout.entries, names, strict=True):
        if not span[0] <= line < span[1]:
            return []
        on_line[line].append(entry.name)
    blocks = [ListBlock()]
    for index in range(span[0], span[1]):
        text = text_lines[index].strip()
        if not text:
            continue
        if index in headings:
            group = group_at.get(index)
            blocks.append(ListBlock(heading_label(text, group), group))
            continue
        pieces = _pieces(BULLET.sub("", without_emphasis(text)), on_line.get(index, []))
        if pieces is None:
            return []
        if blocks[-1].items is None:
            blocks[-1].items = []
        if not on_line.get(index) and blocks[-1].items and blocks[-1].items[-1].name:
            # a line without a name, under an entry: the entry wrapped (a PDF's or an e-mail's fixed
            # width). It continues that entry's text rather than standing as a bullet of its own.
            blocks[-1].items[-1].after += " " + pieces[0][0]
            continue
        for piece, name in pieces:
            if name:
                at = piece.find(name)
                blocks[-1].items.append(ListItem(piece[:at], identities[name], name, piece[at + len(name):]))
            else:
                blocks[-1].items.append(ListItem(piece))
    return blocks if any(b.heading is not None or b.items is not None for b in blocks) else []


def heading_label(text: str, group: Group | None) -> str:
    """A group's heading as a label: the group's own (extraction took the count, the parentheses, a note
    on the order and the Markdown marks off the heading's words; the page shows the counts from the
    record after it). A heading line of no group, or of the unnamed group ("### 2274 signataires",
    whose words are its count), is shown as written, without its Markdown marks."""
    if group is not None and group.label != UNNAMED_GROUP:
        return group.label
    return without_emphasis(text).lstrip("#").strip()


# A list's own bullet at the start of a line ("- ", "• ", "* "): the page draws its bullets itself.
# Numbers stay ("1. ", "12) "): the letter's numbering may be cited.
BULLET = re.compile(r"^[-–—•·*▪◦●]\s+")


def _pieces(shown: str, names: list[str]) -> list[tuple[str, str | None]] | None:
    """A line of the list as its entries, each with its name: split where each further name begins
    ('Olvid (France)OpenCloud (Germany)'). A line without a name is one piece of text; None where a
    name is not on its line (an entry joined across lines)."""
    if not names:
        return [(shown, None)]
    starts, pos = [0], 0
    for i, name in enumerate(names):
        at = shown.find(name, pos)
        if at < 0:
            return None
        if i:
            starts.append(at)
        pos = at + len(name)
    bounds = [*starts, len(shown)]
    pieces = [(shown[a:b].strip(), name) for a, b, name in zip(bounds[:-1], bounds[1:], names, strict=True)]
    return pieces if all(name in piece for piece, name in pieces) else None


def signatories_structured(record: Record, identities: dict[str, Identity]) -> list[ListBlock]:
    """Signatories by group from the record: for lists that did not come from the text's own lines."""
    groups = record.signatories.groups
    blocks = []
    for group in groups:
        heading = group.label if len(groups) > 1 or group.label != UNNAMED_GROUP else None
        items = []
        for entry in group.signatories:
            extra = ", ".join(x for x in (entry.affiliation, country_name(entry.country)) if x)
            items.append(ListItem("", identities[entry.name], entry.name, f" — {extra}" if extra else ""))
        blocks.append(ListBlock(heading, group if heading else None, items))
    return blocks


def moved_page(here: str, there: str, title: str, site_url: str = "", what: str = "page") -> str:
    """The page left at a published address that moved: the browser goes on to `there` keeping the
    address's #fragment (a script; a meta refresh where scripts do not run), its canonical link is
    the new address, and the sitemap leaves it out (overrides/sitemap.xml skips pages with `redirect`)."""
    meta = {"title": f"Moved: {title}", "redirect": routes.link(here, there)}
    if site_url:
        meta["canonical"] = routes.absolute(site_url, there)
    return docs_page(meta, "redirect.html", page=here, there=there, title=title, what=what)


def redirect_page(old: str, new: str, title: str, site_url: str = "") -> str:
    """A renamed document's former address."""
    return moved_page(routes.redirect(old), routes.letter(new), title, site_url, "document")


def doc_row(record: Record, page: str, brief: bool = False) -> str:
    """A document in a list on `page`: date and title, then (unless brief) kind, addressee and signatory count."""
    return macro("doc_row")(record, page, brief)


def newest(dates: Iterable[str | None]) -> str | None:
    """The latest of these dates ('2020-03' and '2020' count as written)."""
    return max((d for d in dates if d), default=None)


def sitemap_date(dates: Iterable[str | None]) -> dict[str, str]:
    """{"lastmod": the newest of these dates}, for sitemap.xml, when it is a whole date: <lastmod> is an
    xsd:date (or dateTime), and '2020-03' is neither (issue 23). When the newest is a month or a
    year, the day the page last changed is not known: no <lastmod>, rather than a day made up."""
    date = newest(dates)
    return {"lastmod": date} if date and len(date) == 10 else {}


def lastmod(records: Iterable[Record]) -> dict[str, str]:
    """The front matter key that dates a page in sitemap.xml (overrides/sitemap.xml): the newest
    document the page shows. Not the time of the build: that would change every page's date at every
    build (and is fixed at SOURCE_DATE_EPOCH for reproducible builds). None without a dated document,
    or when the newest is dated by its month or year only."""
    return sitemap_date(r.date for r in records)


def by_date_desc(records: list[Record]) -> list[Record]:
    return sorted(records, key=lambda r: (r.date or "", r.id), reverse=True)


@dataclass
class YearChart:
    """Documents per year, for the SVG bar chart (templates/macros.html, year_chart)."""

    first: int
    last: int
    bars: list[dict[str, int]] = field(default_factory=list)    # year, n (documents), x, h (height)
    bar: int = 28
    gap: int = 8
    height: int = 120

    @property
    def width(self) -> int:
        return len(self.bars) * (self.bar + self.gap) + self.gap


def year_chart(records: list[Record]) -> YearChart | None:
    years = Counter(r.date[:4] for r in records if r.date)
    if not years:
        return None
    chart = YearChart(int(min(years)), int(max(years)))
    peak = max(years.values())
    for i, year in enumerate(range(chart.first, chart.last + 1)):
        n = years.get(str(year), 0)
        x = chart.gap + i * (chart.bar + chart.gap)
        chart.bars.append({"year": year, "n": n, "x": x, "h": round(chart.height * n / peak)})
    return chart


TIMELINE_ON_ONE_PAGE = 1000   # above this, one page per year (10,000 rows made a 3 MB page)


def by_month(records: list[Record]) -> dict[str, dict[str, list[Record]]]:
    """year -> month name -> documents, newest first ('Undated', 'Month unknown' where not known)."""
    grouped: dict[str, dict[str, list[Record]]] = defaultdict(lambda: defaultdict(list))
    for r in by_date_desc(records):
        year = r.date[:4] if r.date else "Undated"
        month = human_date(r.date[:7]).split(" ")[0] if r.date and len(r.date) >= 7 else "Month unknown"
        grouped[year][month].append(r)
    return grouped


def years_of(records: list[Record]) -> dict[str, list[Record]]:
    years: dict[str, list[Record]] = defaultdict(list)
    for r in records:
        years[r.date[:4] if r.date else "undated"].append(r)
    return dict(sorted(years.items(), reverse=True))


def timeline_page(records: list[Record]) -> str:
    """Every document newest first, by year and month; a large archive gets a page per year instead."""
    one_page = len(records) <= TIMELINE_ON_ONE_PAGE
    meta = {"title": "Timeline", **follow.feed_meta(routes.feed(), "All documents"), **lastmod(records)}
    return docs_page(meta, "timeline.html", page=routes.TIMELINE, records=records, chart=year_chart(records),
                by_month=by_month(records) if one_page else None, years=None if one_page else years_of(records))


def timeline_year_page(year: str, records: list[Record]) -> str:
    meta = {"title": f"Timeline: {year.capitalize()}", **lastmod(records)}
    return docs_page(meta, "timeline_year.html", page=routes.timeline_year(year), year=year, records=records,
                     by_month=by_month(records))


def governments_index(by_gov: dict[str, list[Record]]) -> str:
    governments = [(name, by_gov[name]) for name in sorted(by_gov, key=str.casefold)]
    meta = {"title": "Governments and bodies", **lastmod(r for recs in by_gov.values() for r in recs)}
    return docs_page(meta, "governments.html", page=routes.GOVERNMENTS, governments=governments)


def government_page(name: str, records: list[Record]) -> str:
    feeds = follow.feed_meta(routes.feed("governments", routes.gov_slug(name)), f"Documents to or about {name}")
    return docs_page({"title": name, **feeds, **lastmod(records)}, "government.html", page=routes.government(name), name=name,
                     records=by_date_desc(records))


# what each kind of addressee is called on its page and in the list of kinds (model.ADDRESSEE_KINDS)
KIND_NAMES = {"government": "Governments", "intergovernmental": "UN, EU and other intergovernmental bodies",
              "parliament": "Parliaments", "city": "Cities and local governments", "university": "Universities",
              "broadcaster": "Broadcasters", "foundation": "Foundations", "company": "Companies",
              "organisation": "Organisations", "person": "People"}


def addressees_index(by_kind: dict[str, list[Record]]) -> str:
    kinds = [(kind, KIND_NAMES[kind], by_kind[kind]) for kind in KIND_NAMES if kind in by_kind]
    meta = {"title": "Addressees by kind", **lastmod(r for recs in by_kind.values() for r in recs)}
    return docs_page(meta, "addressees.html", page=routes.ADDRESSEES, kinds=kinds)


def addressee_kind_page(kind: str, records: list[Record]) -> str:
    here = routes.addressee_kind(kind)
    return docs_page({"title": KIND_NAMES[kind], **lastmod(records)}, "addressee_kind.html", page=here,
                     name=KIND_NAMES[kind], records=by_date_desc(records))


def tags_index(by_tag: dict[str, list[Record]]) -> str:
    """Every tag, alphabetically, with how many documents have it (a page even before any tag: the nav links it)."""
    meta = {"title": "Tags", **lastmod(r for recs in by_tag.values() for r in recs)}
    return docs_page(meta, "tags.html", page=routes.TAGS, tags=list(by_tag.items()))


def tag_page(name: str, records: list[Record]) -> str:
    feeds = follow.feed_meta(routes.feed("tags", routes.tag_slug(name)), f"Documents tagged {name}")
    return docs_page({"title": name, **feeds, **lastmod(records)}, "tag.html", page=routes.tag(name), name=name,
                     records=by_date_desc(records))


def signatories_index(signed: dict[str, list[Record]], identity_of: dict[str, Identity], types: dict[str, str]) -> str:
    """A–Z by the first letter of each signatory's name ('#' for the rest), with how many documents each signed."""
    by_initial: dict[str, list[tuple[Identity, str, int]]] = defaultdict(list)
    for key in sorted(signed, key=lambda k: identity_of[k].name.casefold()):
        initial = identity_of[key].name[:1].upper()[:1]   # 'ß'.upper() is 'SS': one letter, for the #l-<ord> anchor
        by_initial[initial if initial.isalpha() else "#"].append((identity_of[key], types.get(key, ""), len(signed[key])))
    meta = {"title": "Signatories", **lastmod(r for recs in signed.values() for r in recs)}
    return docs_page(meta, "signatories.html", page=routes.SIGNATORIES, count=len(signed),
                by_initial=dict(sorted(by_initial.items())))


def signatory_page(ident: Identity, records: list[Record], forms: list[str], kind: str,
                   row: Callable[[Record, bool], str] | None = None) -> str:
    """`row(record, brief)`: a letter's row, which the build computes once for all the pages that list it."""
    here = routes.signatory(ident.slug)
    row = row or (lambda r, brief: doc_row(r, here, brief=brief))
    feeds = follow.feed_meta(routes.feed("signatories", ident.slug), f"Signed by {ident.name}")
    return docs_page({"title": ident.name, **feeds, **lastmod(records)}, "signatory.html", page=here, ident=ident, kind=kind,
                     records=by_date_desc(records), others=sorted(set(forms) - {ident.name}), row=row,
                     brief=len(records) > 50)


def home_page(records: list[Record], n_signatories: int, n_governments: int, n_tags: int = 0) -> str:
    meta = {"title": "Open Letter Archive", **follow.feed_meta(routes.feed(), "All documents"), **lastmod(records)}
    return docs_page(meta, "home.html", page=routes.HOME, records=records, n_tags=n_tags,
                n_signatories=n_signatories, n_governments=n_governments, latest=by_date_desc(records)[:10])


def search_page(records: list[Record] | None = None) -> str:
    """`records`: what the search finds, which dates the page."""
    return docs_page({"title": "Search", **lastmod(records or [])}, "search.html", page=routes.SEARCH)


