"""The site stage on its own (issue 11): every page type renders values from letters as text,
routes give one URL from both sides, the page plan refuses two pages at one path, and the page
writer never reads signature lists again (extraction says where each entry was)."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import REPO, make_archive
from letter_archive.cache import ExtractionCache
from letter_archive.extract import extract
from letter_archive.extract.lines import SignatureLines
from letter_archive.link.identities import resolve
from letter_archive.link.indexes import indexes
from letter_archive.link.related import Related
from letter_archive.model import Group, Identity, Person, Record, Signatory, Signatures
from letter_archive.readers import read_bytes
from letter_archive.site import pages, routes
from letter_archive.site.plan import PageCollision, PagePlan, plan

SITE = REPO / "scripts" / "letter_archive" / "site"

# Text that is markup, template syntax, an entity and quotes, wherever a letter's value can go.
TITLE = "Title <script>alert('t')</script> {{ x }} & \"quoted\" 'single'"
ADDRESSEE = "Minister <script>alert(1)</script> & {{ config }}"
GOVERNMENT = "Gov <b>& \"Body\"</b>"
ORG = "Evil <script>alert(5)</script> Org & {{ x }}"
PERSON = "Jane \"JD\" O'Doe {% raw %}"
GROUP = "Groups & <script>g</script>"
DEMAND = "We urge you to keep <script>alert(4)</script> {{ x }} & \"this\" as text."
VALUES = (TITLE, ADDRESSEE, GOVERNMENT, ORG, PERSON, DEMAND)

TEXT = ["Dear Minister,", "", DEMAND, "", "Sincerely,", "", f"{GROUP} (2)", "", f"- {ORG}, Japan", f"- {PERSON}, France",
        "", "<script>alert('after')</script>"]
LAYOUT = SignatureLines(entries=[8, 9], groups=[6], headings=[6])
SPAN = (6, 11)


def evil_record(rid: str = "evil-letter", date: str = "2021-02-01") -> Record:
    names = [Signatory(ORG, "organization", None, "JP"), Signatory(PERSON, "individual", None, "FR")]
    return Record(id=rid, kind="letter", title=TITLE, date=date, addressees=[Person(ADDRESSEE, "<i>Title</i>", GOVERNMENT)],
                  cc=[Person(PERSON, "Chair & \"x\"")], governments=[GOVERNMENT],
                  signatories=Signatures(3, [Group(GROUP, 2, names)]), demands=[DEMAND], related=["other-letter"])


def body(page: str) -> BeautifulSoup:
    assert page.startswith("---\n")
    head, html = page.split(pages.PRERENDERED, 1)
    return BeautifulSoup(html, "html.parser")


def every_page_type() -> dict[str, str]:
    """Each kind of page, made from the made-up record (and a second, for the timeline's year pages)."""
    record, other = evil_record(), evil_record("other-letter", "2019-05")
    identities = resolve([n.name for r in (record, other) for n in r.signatories.names])
    index = indexes([record, other], identities)
    key = identities[ORG].key
    about = [Related("Announced in", "other-letter", TITLE, "2019-05", "press-release")]   # a hostile title, linked
    letter_args = (record, TEXT, identities, routes.original(record.id, ".txt"), "0" * 64, "https://example.org/", about)
    return {
        "letter (as written)": pages.letter_page(*letter_args, SPAN, LAYOUT),
        "letter (from the record)": pages.letter_page(*letter_args),
        "redirect": pages.redirect_page("old-id", record.id, TITLE),
        "home": pages.home_page([record, other], 2, 1),
        "timeline": pages.timeline_page([record, other]),
        "timeline year": pages.timeline_year_page("2021", [record]),
        "governments": pages.governments_index(index.governments),
        "government": pages.government_page(GOVERNMENT, index.governments[GOVERNMENT]),
        "signatories": pages.signatories_index(index.signers.documents, index.signers.identity, index.signers.kind),
        "signatory": pages.signatory_page(identities[ORG], index.signers.documents[key], index.signers.written[key],
                                          "organization"),
        "search": pages.search_page(),
    }


@pytest.mark.parametrize("kind", list(every_page_type()))
def test_values_from_letters_render_as_text_in_every_page_type(kind):
    page = every_page_type()[kind]
    soup = body(page)
    assert not soup.find_all(["script", "b", "i"]), kind
    assert "<script" not in page.split(pages.PRERENDERED, 1)[1]
    text = soup.get_text()
    assert "None" not in text
    shown = {
        "letter (as written)": VALUES, "letter (from the record)": VALUES, "redirect": [TITLE], "home": [TITLE, ADDRESSEE],
        "timeline": [TITLE, ADDRESSEE], "timeline year": [TITLE], "governments": [GOVERNMENT],
        "government": [GOVERNMENT, TITLE, ADDRESSEE], "signatories": [ORG, PERSON], "signatory": [ORG, TITLE], "search": [],
    }[kind]
    for value in shown:
        assert value in text, (kind, value)


def test_letter_page_links_each_name_and_says_the_archive_name_in_quotes():
    soup = body(every_page_type()["letter (as written)"])
    links = {a.get_text(): a for a in soup.select("ul.signatories a")}
    assert set(links) == {ORG, PERSON}
    # the letter's own bullets are the page's bullets, not part of the text
    assert [li.get_text() for li in soup.select("ul.signatories li")] == [f"{ORG}, Japan", f"{PERSON}, France"]
    assert soup.select_one("h3.signatory-group").get_text() == f"{GROUP} (2 listed)"   # the label; the count once
    assert "<script>alert('after')</script>" in soup.get_text()    # the text after the list, as text
    assert soup.select_one("dd.citation").get_text().startswith(f"Chicago {ORG}, and {PERSON}. “{TITLE}.”")   # two signers


SAMPLE_PAGES = [routes.HOME, routes.TIMELINE, routes.SEARCH, routes.GOVERNMENTS, routes.SIGNATORIES, routes.letter("a-b"),
                routes.redirect("old"), routes.government("South Korea"), routes.signatory("csw"), routes.timeline_year("2020"),
                routes.original("a-b", ".txt"), routes.EXPORT]


@pytest.mark.parametrize("here", [p for p in SAMPLE_PAGES if p.endswith(".md")])
def test_a_link_leads_where_the_page_is_published(here):
    base = "https://example.org/archive/"
    for there in SAMPLE_PAGES:
        assert urljoin(base + routes.url(here), routes.link(here, there)) == base + routes.url(there), (here, there)
        assert routes.absolute(base, there) == base + routes.url(there)


def test_links_in_rendered_pages_lead_to_pages_of_the_plan():
    """Every relative link the templates write resolves to a page the routes name (the two made-up letters)."""
    record = evil_record()
    targets = {routes.url(p) for p in (routes.HOME, routes.TIMELINE, routes.SEARCH, routes.GOVERNMENTS, routes.SIGNATORIES,
                                       routes.letter("evil-letter"), routes.letter("other-letter"), routes.government(GOVERNMENT),
                                       routes.timeline_year("2021"), routes.original("evil-letter", ".txt"),
                                       routes.record_json("evil-letter"))}
    targets |= {routes.url(path) for path in pages.citation_files(record, "https://example.org/")}   # files beside the page
    targets |= {routes.url(routes.signatory(i.slug)) for i in resolve([ORG, PERSON]).values()}
    feeds = [routes.feed(), routes.feed("governments", routes.gov_slug(GOVERNMENT))]
    feeds += [routes.feed("signatories", i.slug) for i in resolve([ORG, PERSON]).values()]
    targets |= {routes.url(f(base)) for base in feeds for f in (routes.atom_feed, routes.json_feed)} | {routes.url(routes.DATA)}
    made = every_page_type()
    where = {"letter (as written)": routes.letter(record.id), "redirect": routes.redirect("old-id"), "home": routes.HOME,
             "timeline": routes.TIMELINE, "governments": routes.GOVERNMENTS, "government": routes.government(GOVERNMENT),
             "signatories": routes.SIGNATORIES, "search": routes.SEARCH, "timeline year": routes.timeline_year("2021")}
    base = "https://example.org/"
    for kind, path in where.items():
        soup = body(made[kind])
        for href in [a["href"] for a in soup.find_all("a", href=True)] + [f["action"] for f in soup.find_all("form")]:
            if not href.startswith("#"):
                assert urljoin(base + routes.url(path), href)[len(base):] in targets, (kind, href)


def test_the_search_index_gets_each_letters_names_from_the_records(tmp_path):
    """letters build writes the names each letter is found by (as written and as the archive names
    them) beside the pages; the search index reads them there, not back out of the HTML."""
    from letter_archive.site.search_index import read_search_names
    root = make_archive(tmp_path / "archive")
    result = plan(root, use_cache=False, parallel=False)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / routes.SEARCH_NAMES).write_bytes(result.files[routes.SEARCH_NAMES])
    names = read_search_names(tmp_path / "docs")
    korea = next(url for url in names if url.startswith("letters/2020-02-21-"))
    assert "Cristian Solidarity Worldwide" in names[korea] and "Christian Solidarity Worldwide" in names[korea]
    assert all(url.startswith("letters/") and url.endswith("/") for url in names)


def test_plan_refuses_two_pages_at_one_path():
    planned = PagePlan()
    planned.add(routes.government("Japan"), b"one", "the page of government 'Japan'")
    with pytest.raises(PageCollision) as refused:
        planned.add(routes.government("JAPAN"), b"two", "the page of government 'JAPAN'")
    assert "'Japan'" in str(refused.value) and "'JAPAN'" in str(refused.value) and "governments/japan.md" in str(refused.value)
    assert planned.files == {routes.government("Japan"): b"one"}


def test_build_stops_when_two_governments_would_share_a_page(tmp_path):
    """'JAPAN' and 'Japan' are one government (case folded: one page for both); 'South-Korea' and
    'South Korea' are two names whose pages would be one file: the build stops and names both."""
    root = make_archive(tmp_path, {
        "2021-01-01-x.txt": "---\ngovernments: [JAPAN]\ndate: 2021-01-01\ntitle: X\n---\n"
                            "Dear Minister,\n\nWe urge you to act.\n\nSincerely,\n\nSome Org, Japan\n",
        "2021-01-02-y.txt": "---\ngovernments: [South-Korea]\ndate: 2021-01-02\ntitle: Y\n---\n"
                            "Dear Minister,\n\nWe urge you to act.\n\nSincerely,\n\nSome Org, Japan\n"})
    result = plan(root, use_cache=False, parallel=False)
    assert result.files == {}
    assert any("governments/south-korea/" in e and "'South Korea'" in e and "'South-Korea'" in e
               for e in result.errors), result.errors
    (root / "letters" / "2021-01-02-y.txt").unlink()
    result = plan(root, use_cache=False, parallel=False)
    assert not result.errors and "governments/japan.md" in result.files
    assert [p for p in result.files if p.startswith("governments/japan")] == ["governments/japan.md"]


def _site_imports(path: Path) -> list[str]:
    """The modules a site module imports when it runs (not those imported for type checking only)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    checking_only = {id(n) for node in ast.walk(tree) if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
                     for child in node.body for n in ast.walk(child)}
    names = []
    for node in ast.walk(tree):
        if id(node) in checking_only:
            continue
        if isinstance(node, ast.ImportFrom):
            module = "letter_archive.site." if node.level == 1 else "letter_archive." if node.level == 2 else ""
            names += [module + (node.module or "") + "." + alias.name for alias in node.names]
        elif isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
    return names


def test_the_write_stage_does_not_import_signature_parsing():
    """No module of site/ imports extract.signatories (nor anything of extract/; the plan runs it
    through archive.load only); and the page writer loads without it."""
    for path in sorted(SITE.glob("*.py")):
        assert not [m for m in _site_imports(path) if m.startswith("letter_archive.extract")], path.name
    code = ("import sys, letter_archive.site.pages, letter_archive.site.render, letter_archive.site.routes; "
            "print(sorted(m for m in sys.modules if m.startswith('letter_archive.extract')))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert proc.stdout.strip() == "[]"


JOINED = """May 1, 2021

Dear Minister,

We urge you to stop it now.

Sincerely,

**Organizations (3)**

- Olvid (France)OpenCloud (Germany)
- Electronic Frontier Foundation, United States
"""


def test_signature_lines_say_where_each_entry_is_and_survive_the_cache(tmp_path):
    extraction = extract(read_bytes(JOINED.encode(), "joined.txt"))
    lines = extraction.signature_lines
    text = [x.text for x in extraction.text]
    names = [n.name for n in extraction.record.signatories.names]
    assert names == ["Olvid", "OpenCloud", "Electronic Frontier Foundation"]
    eff = "- Electronic Frontier Foundation, United States"
    assert [text[i] for i in lines.entries] == ["- Olvid (France)OpenCloud (Germany)"] * 2 + [eff]
    assert [text[i] for i in lines.headings] == ["**Organizations (3)**"] and lines.groups == lines.headings
    cache = ExtractionCache(tmp_path)
    cache.put("letters/joined.txt", JOINED.encode(), extraction)
    assert cache.get("letters/joined.txt", JOINED.encode()).signature_lines == lines
    record = extraction.record
    record.id = "joined"
    page = pages.letter_page(record, text, resolve(names), "originals/joined.txt.txt", "0" * 64, "https://example.org/", {},
                             extraction.signature_span, lines)
    items = body(page).select("ul.signatories li")
    assert [li.get_text() for li in items] == ["Olvid (France)", "OpenCloud (Germany)", eff.removeprefix("- ")]
    assert [li.a.get_text() for li in items] == names


NOISY_HEADINGS = """Dear Council,

We urge you to keep the reading room open.

Sincerely,

(Readers – local, 2) *alphabetical order*

Ada Pike, librarian
Bo Stern, teacher

### Organisations (in alphabetical order):

1848 Society for Open Archives, UK
350 Climate Network
"""


def test_group_headings_show_as_labels_with_their_counts_and_names_whole():
    """A heading is shown as its group's label, then the counts; the letter's own parentheses, count
    and note on the order are not repeated; a name that starts with a number keeps it."""
    extraction = extract(read_bytes(NOISY_HEADINGS.encode(), "noisy.md"))
    record, text = extraction.record, [x.text for x in extraction.text]
    record.id = "noisy"
    names = [n.name for n in record.signatories.names]
    page = pages.letter_page(record, text, resolve(names), "originals/noisy.md.txt", "0" * 64, "https://example.org/", {},
                             extraction.signature_span, extraction.signature_lines)
    soup = body(page)
    assert [h.get_text() for h in soup.select("h3.signatory-group")] == ["Readers – local (2 listed)", "Organisations (2 listed)"]
    assert [a.get_text() for a in soup.select("ul.signatories a")] == \
        ["Ada Pike", "Bo Stern", "1848 Society for Open Archives", "350 Climate Network"]


WRAPPED = """Dear Council,

We urge you to keep the reading room open.

Sincerely,

Individuals (3)


Ada Pike, Former Chair of the Association of Families of People
Displaced by the River Dam, Kenya
Bo Stern, Peru
Cleo Marsh, Chile
"""


def test_an_entry_wrapped_over_two_lines_stays_one_bullet():
    """A list printed at a fixed width (PDF, e-mail) wraps a long entry: its second line has no name of
    its own and continues the entry above, instead of showing as a bullet with no link."""
    extraction = extract(read_bytes(WRAPPED.encode(), "wrapped.txt"))
    record, text = extraction.record, [x.text for x in extraction.text]
    record.id = "wrapped"
    names = [n.name for n in record.signatories.names]
    assert names == ["Ada Pike", "Bo Stern", "Cleo Marsh"]
    page = pages.letter_page(record, text, resolve(names), "originals/wrapped.txt", "0" * 64, "https://example.org/", {},
                             extraction.signature_span, extraction.signature_lines)
    items = body(page).select("ul.signatories li")
    assert [li.get_text() for li in items] == [
        "Ada Pike, Former Chair of the Association of Families of People Displaced by the River Dam, Kenya", "Bo Stern, Peru",
        "Cleo Marsh, Chile"]
    assert all(li.find("a") for li in items)


def test_front_matter_names_are_listed_from_the_record_not_the_lines():
    text = "---\nsignatories: {names: [Somebody Else]}\n---\n" + JOINED
    extraction = extract(read_bytes(text.encode(), "fm.txt"))
    assert extraction.signature_lines is None
    record = extraction.record
    record.id = "fm"
    page = pages.letter_page(record, [x.text for x in extraction.text], resolve(["Somebody Else"]), "originals/fm.txt.txt",
                             "0" * 64, "https://example.org/", {}, extraction.signature_span, extraction.signature_lines)
    assert [li.get_text() for li in body(page).select("ul.signatories li")] == ["Somebody Else"]
    assert "Olvid (France)OpenCloud (Germany)" in body(page).select_one(".letter-text").get_text()


def test_a_signature_list_links_each_name_as_signatory_link_does():
    """The list writes its links inline (speed); they must be the links signatory_link writes."""

    record = Record(id="2021-05-04-x", kind="letter", title="X", date="2021-05-04",
                    signatories=Signatures(None, [Group(signatories=[Signatory("Cristian <Org> & Co"), Signatory("Beta")])]))
    identities = {"Cristian <Org> & Co": Identity("x", "Christian Org", "christian-org"),
                  "Beta": Identity("beta", "Beta", "beta")}
    page = pages.letter_page(record, ["Dear Minister,", "", "We urge you."], identities, "originals/x.txt.txt",
                             "0" * 64, "https://example.org/", [])
    for name, ident in identities.items():
        assert pages.signatory_link(ident, name) in page


def test_a_letter_pages_front_matter_holds_only_what_the_templates_read():
    """Issue 25: MkDocs parses every page's front matter in pure Python; the whole record there (its
    signatories and demands) was 10.7 MB of YAML at 2,000 letters that no template read. The record is
    published whole in record.json and data/letters.json; the page's head keeps the keys the theme's
    templates read (overrides/: `m.<key>`, `meta.<key>`, `page.meta.<key>`)."""
    read = set()
    for template in (REPO / "overrides").rglob("*.html"), (REPO / "overrides").rglob("*.xml"):
        for path in template:
            read |= set(re.findall(r"\b(?:m|meta|page\.meta)\.(\w+)", path.read_text(encoding="utf-8")))
    for name in ("letter (as written)", "letter (from the record)"):
        page = every_page_type()[name]
        meta = yaml.safe_load(page.split("\n---\n", 1)[0].removeprefix("---\n"))
        assert set(meta) <= read, (name, set(meta) - read)
        assert {"title", "kind", "date", "governments", "authors", "summary"} <= set(meta)
        assert not {"signatories", "demands", "addressees", "cc"} & set(meta)
