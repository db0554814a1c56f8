"""Write stage, page by page: each function turns plain records into the Markdown of one page.
Everything that comes from a letter passes through `esc` (HTML we write) or `letter_html`."""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from typing import Any

import yaml

from ..extract import signatories as sig
from ..link.identities import Identity
from ..model import ordered
from ..places import country_name
from .markup import esc, letter_html

KIND_LABEL = {"letter": "Letter", "press-release": "Press release", "statement": "Statement", "commentary": "Commentary"}
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]


# libyaml's emitter (shipped in PyYAML's wheels) is ~20x faster than the pure-Python one, which took
# most of `letters build` at 1,000 letters; same safe subset, same output style.
SAFE_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def front_matter(meta: dict[str, Any]) -> str:
    body = yaml.dump(meta, Dumper=SAFE_DUMPER, sort_keys=False, allow_unicode=True, width=100)
    return "---\n" + body + "---\n\n"


# Below this line a page is HTML that `letters build` wrote and escaped itself; the MkDocs hook
# (scripts/letter_archive/mkdocs_hooks.py) passes it through instead of running Markdown over it,
# which took half of `mkdocs build` at 10,000 letters. Without the hook it still renders as Markdown.
PRERENDERED = "<!-- html: written by letters build -->\n"


def page_head(meta: dict[str, Any]) -> str:
    return front_matter(meta) + PRERENDERED


def h2(anchor: str, text: str) -> str:
    return f'<h2 id="{anchor}">{esc(text)}</h2>\n'



def human_date(iso: str | None) -> str:
    if not iso:
        return "undated"
    parts = iso.split("-")
    if len(parts) == 1:
        return parts[0]
    month = MONTHS[int(parts[1]) - 1]
    return f"{month} {parts[0]}" if len(parts) == 2 else f"{int(parts[2])} {month} {parts[0]}"


def gov_slug(name: str) -> str:
    from slugify import slugify
    slug = slugify(name, max_length=80) or "government"
    return f"{slug}-government" if slug == "index" else slug   # governments/index.md lists them all


def summary_of(record: dict, text_lines: list[str]) -> str:
    """One sentence for link previews: the first demand, else the opening."""
    if record["demands"]:
        text = record["demands"][0]
    else:
        text = next((t for t in text_lines if len(t) > 80), record.get("title") or "")
    text = " ".join(text.split())
    return text if len(text) <= 240 else text[:237].rsplit(" ", 1)[0] + "…"


def people(items: list[dict]) -> str:
    return "; ".join(esc(", ".join(x for x in (p.get("name"), p.get("title")) if x)) for p in items)


def signatory_count(record: dict) -> str:
    s = record["signatories"]
    if s["claimed"] is None and not s["listed"]:
        return ""
    if s["claimed"] is not None and s["claimed"] != s["listed"]:
        return f"{s['listed']} signatories listed ({s['claimed']} stated)"
    return f"{s['listed'] or s['claimed']} signatories"


def count_note(record: dict) -> str:
    """Where the text's own count and the list disagree, say so in the letter's words."""
    s = record["signatories"]
    if s["claimed"] is None or s["claimed"] == s["listed"]:
        return ""
    stated = [g for g in s["groups"] if g["claimed"] is not None]
    if stated and len(stated) == len(s["groups"]):
        says = " and ".join(f"{g['claimed']} {g['label'].lower()}" for g in stated)
        lists = " and ".join(str(g["listed"]) for g in stated)
        note = f"The letter states {says}; {lists} are listed."
    else:
        note = f"The letter states {s['claimed']} signatories; {s['listed']} are listed."
    return f'<p class="count-note" role="note"><strong>Note:</strong> {esc(note)}</p>\n'


def letter_page(record: dict, text_lines: list[str], identities: dict[str, Identity], original: str,
                sha256: str, site_url: str, related_titles: dict[str, str],
                signature_span: tuple[int, int] | None = None) -> str:
    rid = record["id"]
    meta = ordered(record)
    meta["summary"] = summary_of(record, text_lines)
    meta["original"] = original
    out = [page_head(meta)]
    out.append(f'<h1 id="title">{esc(record["title"] or rid)}</h1>\n\n')
    govs = ", ".join(f'<a href="../../governments/{gov_slug(g)}/">{esc(g)}</a>' for g in record["governments"])
    facts = [
        ("Date", f'<time datetime="{esc(record["date"] or "")}">{esc(human_date(record["date"]))}</time>'),
        ("Kind", esc(KIND_LABEL.get(record["kind"], record["kind"]))),
    ]
    if record["addressees"]:
        facts.append(("To", people(record["addressees"])))
    if govs:
        facts.append(("Governments", govs))
    if signatory_count(record):
        facts.append(("Signed by", f'<a href="#signatories">{esc(signatory_count(record))}</a>'))
    if record["cc"]:
        facts.append(("Copied to", people(record["cc"])))
    # not indexed: the addressees and governments are in the text (and governments are search filters)
    out.append('<dl class="letter-facts" data-pagefind-ignore>\n' + "".join(f"<dt>{k}</dt><dd>{v}</dd>\n" for k, v in facts)
               + "</dl>\n")
    hidden = "".join(f'<span data-pagefind-filter="government" hidden>{esc(g)}</span>' for g in record["governments"])
    hidden += f'<span data-pagefind-filter="kind" hidden>{esc(record["kind"])}</span>'
    if record["date"]:
        hidden += f'<span data-pagefind-filter="year" hidden>{esc(record["date"][:4])}</span>'
    out.append(f'<div hidden>{hidden}</div>\n\n')

    if record["demands"]:
        # not indexed for search: the demands are sentences of the text below, indexed there
        out.append(h2("demands", "Demands") + "<ol class=\"demands\" data-pagefind-ignore>\n")
        for n, demand in enumerate(record["demands"], 1):
            out.append(
                f'<li id="demand-{n}"><span class="demand-text">{esc(demand)}</span> '
                f'<a class="anchor-link" href="#demand-{n}" aria-label="Link to demand {n}">#</a> '
                f'<button type="button" class="copy-link" data-anchor="demand-{n}">Copy link</button></li>\n')
        out.append("</ol>\n\n")

    names = record["signatories"]["names"]
    as_written = signatures_as_written(record, text_lines, signature_span, identities)
    out.append(h2("text", "Text"))
    out.append(letter_html(text_lines[: signature_span[0]] if as_written else text_lines))
    if names or record["signatories"]["claimed"] is not None:
        out.append(h2("signatories", "Signatories"))
        out.append(count_note(record))
        out.append(as_written or signatories_structured(record, identities))
        if as_written and text_lines[signature_span[1]:]:
            out.append(letter_html(text_lines[signature_span[1]:]))

    if record.get("related"):
        out.append(h2("related-documents", "Related documents") + "<ul>\n")
        for rel in record["related"]:
            out.append(f'<li><a href="../{esc(rel)}/">{esc(related_titles.get(rel, rel))}</a></li>\n')
        out.append("</ul>\n\n")

    url = f"{site_url.rstrip('/')}/letters/{rid}/"
    authors = [n["name"] for n in names if n["type"] == "organization"][:3]
    cite = (f"{', '.join(authors)}{' et al. ' if len(names) > 3 else '. '}" if authors else "") + \
        f"“{record['title'] or rid}.” {KIND_LABEL.get(record['kind'], '')}, {human_date(record['date'])}. {url}"
    # not indexed for search: checksums and URLs are not what anyone searches for, and they bloat the index
    out.append(h2("source-and-citation", "Source and citation") + "<dl class=\"provenance\" data-pagefind-ignore>\n")
    out.append(f'<dt>Original file</dt><dd><a href="../../{esc(original)}">{esc(original.rsplit("/", 1)[-1])}</a> '
               f'(as received)</dd>\n')
    out.append(f'<dt>SHA-256</dt><dd><code>{esc(sha256)}</code></dd>\n')
    out.append(f'<dt>Permanent link</dt><dd><code class="permalink">{esc(url)}</code> '
               f'<button type="button" class="copy-link" data-anchor="">Copy link</button></dd>\n')
    out.append(f'<dt>Cite as</dt><dd class="citation">{esc(cite)}</dd>\n</dl>\n')
    return "".join(out)


# A signatory's name on a letter page, linked to the signatory's page. The search index reads the
# names back from these links (searchindex.search_words), so the pattern sits beside the writer.
# `title` carries the archive's name for the signatory where the letter spells it otherwise.
SIGNATORY_LINK = re.compile(r'<a href="\.\./\.\./signatories/[^"/]+/"(?: title="([^"]*)")?>([^<]*)</a>')


def signatory_link(ident: Identity, shown: str) -> str:
    title = f' title="{esc(ident.name)}"' if ident.name != shown else ""
    return f'<a href="../../signatories/{ident.slug}/"{title}>{esc(shown)}</a>'


def group_heading(group: dict, written: str | None = None) -> str:
    """A group's heading: as the letter writes it (or its label), with how many are listed and stated."""
    stated = group["claimed"] not in (None, group["listed"])
    count = f"{group['listed']} listed" + (f", {group['claimed']} stated" if stated else "")
    return f'<h3 class="signatory-group">{esc(written or group["label"])} <small>({esc(count)})</small></h3>\n\n'


def signatures_as_written(record: dict, text_lines: list[str], span: tuple[int, int] | None,
                          identities: dict[str, Identity]) -> str:
    """The signature list exactly as the letter writes it, each name linked to its signatory page.

    Shown once, in place of the same lines in the text: a 300-name letter would otherwise carry its
    list twice (it did: 117 KB a page). Returns "" when the lines cannot be matched one-to-one with
    the record's names (a list from front matter, entries joined across lines): the caller then
    shows the whole text and a structured list."""
    if span is None:
        return ""
    names = record["signatories"]["names"]
    groups = list(record["signatories"]["groups"])
    out: list[str] = []
    linked: list[str] = []
    in_list = False
    for raw in text_lines[span[0]: span[1]]:
        text = raw.strip()
        if not text:
            continue
        header = sig.group_header(text)
        if header:
            group = groups.pop(0) if groups and groups[0]["label"] == header[0] else None
            out.append("</ul>\n\n" if in_list else "")
            written = sig.EMPHASIS.sub("", text).strip()
            out.append(group_heading(group, written) if group else f'<h3 class="signatory-group">{esc(written)}</h3>\n\n')
            in_list = False
            continue
        if not in_list:
            out.append('<ul class="signatories">\n')
            in_list = True
        for piece in sig.split_joined(text):
            entry = sig.parse_entry(piece, "")
            shown = sig.EMPHASIS.sub("", piece).strip()
            at = shown.find(entry["name"]) if entry else -1
            if entry and at >= 0 and entry["name"] in identities:
                linked.append(entry["name"])
                out.append(f'<li>{esc(shown[:at])}{signatory_link(identities[entry["name"]], entry["name"])}'
                           f'{esc(shown[at + len(entry["name"]):])}</li>\n')
            else:
                out.append(f"<li>{esc(shown)}</li>\n")
    out.append("</ul>\n\n" if in_list else "")
    if sorted(linked) != sorted(n["name"] for n in names) or groups:
        return ""
    return "".join(out)


def signatories_structured(record: dict, identities: dict[str, Identity]) -> str:
    """Signatories by group from the record: for lists that did not come from the text's own lines."""
    names = record["signatories"]["names"]
    groups = record["signatories"]["groups"] or [{"label": "Signatories", "claimed": None, "listed": len(names)}]
    out, start = [], 0
    for group in groups:
        members = names[start: start + group["listed"]]
        start += group["listed"]
        if len(groups) > 1 or group["label"] != "Signatories":
            out.append(group_heading(group))
        out.append('<ul class="signatories">\n')
        for entry in members:
            ident = identities[entry["name"]]
            extra = ", ".join(x for x in (entry.get("affiliation"), country_name(entry.get("country"))) if x)
            out.append(f'<li>{signatory_link(ident, entry["name"])}'
                       + (f" — {esc(extra)}" if extra else "") + "</li>\n")
        out.append("</ul>\n\n")
    return "".join(out)


def redirect_page(old: str, new: str, title: str) -> str:
    meta = {"title": f"Moved: {title}", "redirect": f"../{new}/"}
    return page_head(meta) + (f'<h1>This document has moved</h1>\n\n<p><a href="../{esc(new)}/">'
                                 f'{esc(title)}</a> is now at <code>/letters/{esc(new)}/</code>.</p>\n')


def doc_row(record: dict, prefix: str, brief: bool = False) -> str:
    """A document in a list: date and title, then (unless brief) kind, addressee and signatory count."""
    head = (f'<li><time datetime="{esc(record["date"] or "")}">{esc(human_date(record["date"]))}</time> · '
            f'<a href="{prefix}letters/{record["id"]}/">{esc(record["title"] or record["id"])}</a>')
    if brief:
        return head + "</li>\n"
    to = people(record["addressees"]) or esc(", ".join(record["governments"]))
    count = signatory_count(record)
    return (head + f'<br><small>{esc(KIND_LABEL.get(record["kind"], ""))}' + (f" to {to}" if to else "")
            + (f" · {esc(count)}" if count else "") + "</small></li>\n")


def by_date_desc(records: list[dict]) -> list[dict]:
    return sorted(records, key=lambda r: (r["date"] or "", r["id"]), reverse=True)


def year_chart(records: list[dict]) -> str:
    """Documents per year, as an inline SVG bar chart drawn at build time."""
    years = Counter(r["date"][:4] for r in records if r["date"])
    if not years:
        return ""
    first, last = int(min(years)), int(max(years))
    span = list(range(first, last + 1))
    peak = max(years.values())
    bar, gap, height = 28, 8, 120
    width = len(span) * (bar + gap) + gap
    parts = [f'<svg class="year-chart" role="img" aria-labelledby="chart-title" viewBox="0 0 {width} {height + 40}" '
             f'width="{width}" height="{height + 40}" xmlns="http://www.w3.org/2000/svg">'
             f'<title id="chart-title">Documents per year, {first} to {last}</title>']
    for i, year in enumerate(span):
        n = years.get(str(year), 0)
        h = round(height * n / peak)
        x = gap + i * (bar + gap)
        parts.append(f'<g><rect x="{x}" y="{height - h + 16}" width="{bar}" height="{h}" rx="2"><title>{year}: {n}</title></rect>'
                     f'<text x="{x + bar / 2}" y="{height - h + 12}" text-anchor="middle">{n if n else ""}</text>'
                     f'<text x="{x + bar / 2}" y="{height + 32}" text-anchor="middle">{year}</text></g>')
    parts.append("</svg>")
    return "".join(parts) + "\n\n"


TIMELINE_ON_ONE_PAGE = 1000   # above this, one page per year (10,000 rows made a 3 MB page)


def _grouped_by_month(records: list[dict], prefix: str) -> list[str]:
    out = []
    grouped: dict[str, dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))
    for r in by_date_desc(records):
        year = r["date"][:4] if r["date"] else "Undated"
        month = human_date(r["date"][:7]).split(" ")[0] if r["date"] and len(r["date"]) >= 7 else "Month unknown"
        grouped[year][month].append(r)
    for year, months in grouped.items():
        out.append(f'<h2 id="y{esc(year)}">{esc(year)}</h2>\n\n')
        for month, items in months.items():
            out.append(f"<h3>{esc(month)} {esc(year)}</h3>\n\n<ul class=\"doc-list\">\n")
            out.extend(doc_row(r, prefix) for r in items)
            out.append("</ul>\n\n")
    return out


def years_of(records: list[dict]) -> dict[str, list[dict]]:
    years: dict[str, list[dict]] = defaultdict(list)
    for r in records:
        years[r["date"][:4] if r["date"] else "undated"].append(r)
    return dict(sorted(years.items(), reverse=True))


def timeline_page(records: list[dict]) -> str:
    """Every document newest first, by year and month; a large archive gets a page per year instead."""
    out = [page_head({"title": "Timeline"}), "<h1>Timeline</h1>\n\n"]
    if len(records) <= TIMELINE_ON_ONE_PAGE:
        out += [f"<p>All {len(records)} documents, newest first.</p>\n\n", year_chart(records)]
        return "".join(out + _grouped_by_month(records, "../"))
    years = years_of(records)
    out += [f"<p>{len(records)} documents, by year.</p>\n\n", year_chart(records), h2("years", "Years"),
            '<ul class="term-list year-list">\n']
    out += [f'<li><a href="{esc(y)}/">{esc(y.capitalize())}</a> <span class="count">{len(rs)} documents</span></li>\n'
            for y, rs in years.items()]
    out.append("</ul>\n")
    return "".join(out)


def timeline_year_page(year: str, records: list[dict]) -> str:
    out = [page_head({"title": f"Timeline: {year.capitalize()}"}), f"<h1>{esc(year.capitalize())}</h1>\n\n",
           f'<p>{len(records)} documents, newest first. <a href="../">All years</a></p>\n\n']
    return "".join(out + _grouped_by_month(records, "../../"))


def governments_index(by_gov: dict[str, list[dict]]) -> str:
    out = [page_head({"title": "Governments and bodies"}), "<h1>Governments and bodies</h1>\n\n",
           "<p>Every government or body the archive's documents address, with how many.</p>\n\n",
           '<ul class="term-list">\n']
    for name in sorted(by_gov, key=str.casefold):
        out.append(f'<li><a href="{gov_slug(name)}/">{esc(name)}</a> <span class="count">'
                   f'{len(by_gov[name])} document{"s" if len(by_gov[name]) != 1 else ""}</span></li>\n')
    out.append("</ul>\n")
    return "".join(out)


def government_page(name: str, records: list[dict]) -> str:
    out = [page_head({"title": name}), f"<h1>{esc(name)}</h1>\n\n",
           f"<p>{len(records)} document{'s' if len(records) != 1 else ''} addressed to or about {esc(name)}.</p>\n\n",
           '<table class="doc-table">\n<thead><tr><th scope="col">Date</th><th scope="col">Document</th>'
           '<th scope="col">Addressee</th><th scope="col">Signatories</th><th scope="col">Demands</th></tr></thead>\n<tbody>\n']
    for r in by_date_desc(records):
        out.append(f'<tr><td><time datetime="{esc(r["date"] or "")}">{esc(human_date(r["date"]))}</time></td>'
                   f'<td><a href="../../letters/{r["id"]}/">{esc(r["title"] or r["id"])}</a> '
                   f'<small>({esc(KIND_LABEL.get(r["kind"], ""))})</small></td>'
                   f'<td>{people(r["addressees"]) or "—"}</td><td>{esc(signatory_count(r) or "—")}</td>'
                   f'<td>{len(r["demands"])}</td></tr>\n')
    out.append("</tbody>\n</table>\n")
    return "".join(out)


def signatories_index(signed: dict[str, list[dict]], identity_of: dict[str, Identity], types: dict[str, str]) -> str:
    out = [page_head({"title": "Signatories"}), "<h1>Signatories</h1>\n\n",
           f"<p>{len(signed)} organisations and individuals, A–Z, with how many documents each signed.</p>\n\n"]
    by_letter: dict[str, list[str]] = defaultdict(list)
    for key in sorted(signed, key=lambda k: identity_of[k].name.casefold()):
        initial = identity_of[key].name[:1].upper()
        by_letter[initial if initial.isalpha() else "#"].append(key)
    letters = sorted(by_letter)
    out.append('<nav class="az" aria-label="Jump to letter">' + " ".join(
        f'<a href="#l-{ord(x)}">{esc(x)}</a>' for x in letters) + "</nav>\n\n")
    for x in letters:
        out.append(f'<h2 id="l-{ord(x)}">{esc(x)}</h2>\n\n<ul class="term-list">\n')
        for key in by_letter[x]:
            ident = identity_of[key]
            n = len(signed[key])
            out.append(f'<li><a href="{ident.slug}/">{esc(ident.name)}</a> <small>{esc(types.get(key, ""))}</small> '
                       f'<span class="count">{n} document{"s" if n != 1 else ""}</span></li>\n')
        out.append("</ul>\n\n")
    return "".join(out)


def signatory_page(ident: Identity, records: list[dict], forms: list[str], kind: str,
                   row: Callable[[dict, bool], str] | None = None) -> str:
    """`row(record, brief)`: a letter's row, which the build computes once for all the pages that list it."""
    row = row or (lambda r, brief: doc_row(r, "../../", brief=brief))
    out = [page_head({"title": ident.name}), f"<h1>{esc(ident.name)}</h1>\n\n",
           f"<p>{esc(kind.capitalize())} · signed {len(records)} document{'s' if len(records) != 1 else ''}.</p>\n\n"]
    others = sorted(set(forms) - {ident.name})
    if others:
        out.append(f'<p class="also-written">Also written: {esc("; ".join(others))}</p>\n\n')
    out.append('<ul class="doc-list">\n')
    # brief rows: an organisation in a large archive signs hundreds of letters
    out.extend(row(r, len(records) > 50) for r in by_date_desc(records))
    out.append("</ul>\n")
    return "".join(out)


def home_page(records: list[dict], n_signatories: int, n_governments: int) -> str:
    out = [page_head({"title": "Open Letter Archive"}), "<h1>Open Letter Archive</h1>\n\n",
           "<p>Joint open letters from coalitions of human-rights organisations to governments and UN bodies, "
           "with who signed them and what they ask — each at a permanent address you can cite.</p>\n\n",
           '<ul class="stats">'
           f'<li><strong>{len(records)}</strong> <a href="timeline/">documents</a></li>'
           f'<li><strong>{n_signatories}</strong> <a href="signatories/">signatories</a></li>'
           f'<li><strong>{n_governments}</strong> <a href="governments/">governments and bodies</a></li></ul>\n\n',
           '<form class="home-search" role="search" action="search/" method="get">'
           '<label for="home-q">Search the letters</label> '
           '<input id="home-q" name="q" type="search" placeholder="e.g. abductions, kwanliso, a group’s name">'
           ' <button type="submit">Search</button></form>\n\n',
           h2("latest-documents", "Latest documents") + "<ul class=\"doc-list\">\n"]
    out.extend(doc_row(r, "") for r in by_date_desc(records)[:10])
    out.append("</ul>\n")
    return "".join(out)


def search_page() -> str:
    return page_head({"title": "Search"}) + (
        '<h1>Search</h1>\n\n<form class="page-search" role="search" action="./" method="get">'
        '<label for="search-q">Search the letters</label> <input id="search-q" name="q" type="search"> '
        '<button type="submit">Search</button></form>\n\n<div id="search-results" aria-live="polite"></div>\n')


def export_json(records: list[dict]) -> str:
    """Every record, one per line (json's C encoder; an indented dump of 10,000 records took seconds)."""
    rows = (json.dumps(ordered(r), ensure_ascii=False, sort_keys=False) for r in by_date_desc(records))
    return "[\n" + ",\n".join(rows) + "\n]\n"
