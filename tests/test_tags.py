"""Tags (issue 23): an editor's `tags:` in a document's corrections file, checked like every other key;
a page per tag at a permanent address, the list of tags with counts, a feed per tag, the tags on the
letter page as links, in the data exports and in the registry of published tag pages."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from conftest import BIN, build_site, make_archive, run
from letter_archive.extract import extract
from letter_archive.readers import read_bytes

# the seeds' files and the ids they are published under (data/permalinks.yaml)
FILES = {"2020-02-13-letter-to-japan-prime-minister": "2020-02-13-japans-recent-disengagement-addressing",
         "2020-02-21-letter-to-south-korea-president": "2020-02-21-south-koreas-policies-protecting-human",
         "2020-02-26-letter-to-un-human-rights-council": "2020-02-26-un-human-rights-council-concerning-human",
         "2020-03-03-icnk-press-release-south-korea": "2020-03-03-south-korea-stand-with-north-korean",
         "2020-03-kei-commentary-japan-joins-us-south-korea": "2020-03-japan-joins-us-south-korea-backing-away"}
JAPAN, KOREA, UN, PRESS, KEI = FILES.values()
FILE_OF = {doc_id: name for name, doc_id in FILES.items()}
ATOM = "{http://www.w3.org/2005/Atom}"

LETTER = """March 4, 2021

Minister of Justice
Republic of Freedonia

Dear Minister,

We, 2 organizations, write about the detention of journalists.

We urge you to release every detained journalist.

Sincerely,

Signatories

Press Freedom Watch, Freedonia
Harbor Reporters Network, Freedonia
"""


def record_with(sidecar: str):
    source = read_bytes(LETTER.encode(), "letters/x.txt", ".txt", sidecar=("letters/x.yaml", sidecar.encode()))
    return extract(source)


def test_tags_are_read_from_the_corrections_file_one_spelling_each():
    got = record_with("title: A letter\ntags: [climate, detention, Detention, ' death   penalty ']\n")
    assert got.record.tags == ["climate", "detention", "death penalty"]
    assert not [p for p in got.problems if p.level == "error"]
    assert got.lines["tags"] == "letters/x.yaml, line 2"        # `letters check` says where it came from
    assert got.record.to_dict()["tags"] == ["climate", "detention", "death penalty"]
    assert "tags" not in record_with("title: A letter\n").record.to_dict()   # untagged records are as they were


@pytest.mark.parametrize("value, says", [
    ("[climate, {name: detention}]", "a tag is a word or a few words, not {'name': 'detention'}"),
    ("[climate, '!!!']", "the tag '!!!' has no letter or digit"),
    ("[climate, '']", "a tag is empty"),
    ("[" + "x" * 61 + "]", "a tag has at most 60"),
    ("true", "a tag is a word or a few words, not True"),
])
def test_a_bad_tag_is_an_error_naming_the_file_and_line(value, says):
    got = record_with(f"title: A letter\n# topics\ntags: {value}\n")
    errors = [p for p in got.problems if p.level == "error" and p.field == "tags"]
    assert errors, got.problems
    shown = errors[0].render("letters/x.txt")
    assert shown.startswith("letters/x.yaml:3: error: tags:") and says in shown, shown
    assert "tags: [climate, detention]" in shown                 # the fix shows the form to write
    assert got.record.tags == []


# --- The built site ------------------------------------------------------------------------------

SIDECARS = {
    JAPAN: "tags: [detention, Abductions]\n",
    KOREA: "tags: [Detention]\n",
    PRESS: "tags: [detention]\n",
    KEI: 'tags: [abductions, withdrawn only]\nwithdrawn: {date: 2024-05-01, reason: "asked to"}\n',
}


@pytest.fixture(scope="module")
def tagged(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds, three of them tagged (one tag in two spellings), and one withdrawn with tags of its own."""
    root = make_archive(tmp_path_factory.mktemp("tagged"))
    for doc, text in SIDECARS.items():
        (root / "letters" / f"{FILE_OF[doc]}.yaml").write_text(text, encoding="utf-8")
    build_site(root)
    return root


def links(html: str) -> list[str]:
    return re.findall(r'<a href="([^"]+)"', html)


def page(root: Path, address: str) -> str:
    return (root / "site" / address / "index.html").read_text(encoding="utf-8")


def letters_listed(html: str) -> set[str]:
    return {m for m in re.findall(r'href="(?:\.\./)+letters/([^/"]+)/"', html)}


def test_a_tag_page_lists_its_letters_newest_first(tagged):
    html = page(tagged, "tags/detention")
    assert "<h1" in html and ">detention</h1>" in html                     # the spelling most documents use
    assert letters_listed(html) == {JAPAN, KOREA, PRESS}
    order = [m for m in re.findall(r'href="\.\./\.\./letters/([^/"]+)/"', html)]
    assert order.index(PRESS) < order.index(KOREA) < order.index(JAPAN)
    assert letters_listed(page(tagged, "tags/abductions")) == {JAPAN}      # the withdrawn letter is in no list
    assert not (tagged / "site" / "tags" / "withdrawn-only").exists()
    assert "../../search/?tag=detention" in links(html)                    # the same list, to filter further


def test_the_list_of_tags_counts_each_tags_documents(tagged):
    html = page(tagged, "tags")
    items = re.findall(r'<li><a href="([^"]+)">([^<]+)</a> <span class="count">([^<]+)</span></li>', html)
    assert items == [("abductions/", "Abductions", "1 document"), ("detention/", "detention", "3 documents")]
    nav = page(tagged, "")
    assert re.search(r'href="tags/"[^>]*>\s*Tags', nav)                     # in the nav of every page


def test_the_letter_page_links_its_tags(tagged):
    html = page(tagged, f"letters/{JAPAN}")
    facts = re.search(r"<dt>Tags</dt><dd[^>]*>(.*?)</dd>", html).group(1)
    assert re.findall(r'<a href="([^"]+)" rel="tag">([^<]+)</a>', facts) == [
        ("../../tags/detention/", "detention"), ("../../tags/abductions/", "Abductions")]
    assert "<dt>Tags</dt>" not in page(tagged, f"letters/{UN}")


def test_each_tag_has_an_atom_feed_of_its_documents(tagged):
    path = tagged / "site" / "feeds" / "tags" / "detention.xml"
    feed = ET.fromstring(path.read_bytes())
    assert feed.find(f"{ATOM}title").text == "Open Letter Archive: tagged detention"
    ids = [e.find(f"{ATOM}id").text.rstrip("/").rsplit("/", 1)[-1] for e in feed.findall(f"{ATOM}entry")]
    assert ids == [PRESS, KOREA, JAPAN]
    categories = [c.get("label") for c in feed.find(f"{ATOM}entry").findall(f"{ATOM}category")]
    assert "detention" in categories
    assert json.loads((path.with_suffix(".json")).read_text(encoding="utf-8"))["items"][0]["tags"][-1] == "detention"
    assert 'href="../../feeds/tags/detention.xml"' in page(tagged, "tags/detention")   # its page links it


def test_tags_are_in_the_data_exports_and_the_record(tagged):
    records = {r["id"]: r for r in json.loads((tagged / "site" / "data" / "letters.json").read_text(encoding="utf-8"))}
    assert records[JAPAN]["tags"] == ["detention", "Abductions"] and "tags" not in records[UN]
    assert KEI not in records
    table = (tagged / "site" / "data" / "letters.csv").read_text(encoding="utf-8")
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(table))}
    assert rows[JAPAN]["tags"] == "detention | Abductions" and rows[UN]["tags"] == ""
    record = json.loads((tagged / "site" / "letters" / JAPAN / "record.json").read_text(encoding="utf-8"))
    assert record["tags"] == ["detention", "Abductions"] and list(record).index("tags") == list(record).index("governments") + 1


def test_a_tag_page_stays_at_its_address_when_no_document_has_the_tag(tagged, tmp_path):
    registry = yaml.safe_load((tagged / "data" / "tag-permalinks.yaml").read_text(encoding="utf-8"))
    assert registry == [{"slug": "abductions", "name": "Abductions"}, {"slug": "detention", "name": "detention"}]
    root = make_archive(tmp_path / "again")
    (root / "data" / "tag-permalinks.yaml").write_bytes((tagged / "data" / "tag-permalinks.yaml").read_bytes())
    run([str(BIN / "letters"), "build", "--root", str(root)], root)            # a fresh clone: no document has a tag
    moved = (root / "docs" / "tags" / "abductions.md").read_text(encoding="utf-8")
    assert "redirect: ../" in moved                                            # leads to the list of tags
    assert "/tags/abductions/ /open-letter-archive/tags/ 301" in (root / "docs" / "_redirects").read_text(encoding="utf-8")
    feed = ET.fromstring((root / "docs" / "feeds" / "tags" / "abductions.xml").read_bytes())
    assert feed.findall(f"{ATOM}entry") == []                                  # its feed answers, empty
    assert yaml.safe_load((root / "data" / "tag-permalinks.yaml").read_text(encoding="utf-8")) == registry


# --- Browsing every letter on the search page, in Chromium ---------------------------------------

@pytest.fixture(scope="module")
def tagged_server(tagged):
    import functools
    import http.server
    import threading

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):  # noqa: D102
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(tagged / "site")))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


def listed(pg) -> list[str]:
    """The letters the results list shows, by id, in order."""
    return [h.rstrip("/").rsplit("/", 1)[-1] for h in
            pg.locator("#search-results .archive-search__title").evaluate_all("els => els.map(e => e.href)")]


def status(pg, says: str) -> str:
    pg.wait_for_function(f"/{says}/.test((document.querySelector('.search-status') || {{}}).textContent || '')",
                         timeout=15000)
    return pg.inner_text(".search-status")


@pytest.mark.browser
def test_the_search_page_without_a_query_lists_every_letter_and_filters_it_in_its_address(tagged_server):
    from conftest import CHROMIUM, chromium
    if not CHROMIUM:
        pytest.skip("Chromium not found: `apt-get install -y chromium` to run the browser tests")
    with chromium() as browser:
        pg = browser.new_page(viewport={"width": 1280, "height": 900})
        requests: list[str] = []
        pg.on("request", lambda r: requests.append(r.url))
        pg.goto(tagged_server)                                              # the home page offers the list
        pg.get_by_role("link", name="Browse all letters").click()
        pg.wait_for_url(tagged_server + "search/")
        assert status(pg, "All 4 letters") == "All 4 letters, newest first."   # announced (role=status)
        assert pg.locator(".search-status").get_attribute("role") == "status"
        assert listed(pg) == [PRESS, UN, KOREA, JAPAN]                    # newest first; the withdrawn one is out
        assert "Relevance" not in pg.locator("select[name=sort] option").all_inner_texts()

        pg.locator("select[name=tag]").select_option("detention")          # a filter, from the keyboard's control
        pg.wait_for_function("location.search === '?tag=detention'")
        assert status(pg, "3 letters match these filters") == "3 letters match these filters, newest first."
        assert listed(pg) == [PRESS, KOREA, JAPAN]
        pg.locator("select[name=kind]").select_option("Letter")
        pg.wait_for_function("location.search.includes('kind=Letter')")
        status(pg, "2 letters match")
        pg.locator("select[name=sort]").select_option("oldest")
        pg.wait_for_function("location.search.includes('sort=oldest')")
        status(pg, "oldest first")
        assert listed(pg) == [JAPAN, KOREA]
        shared = pg.url

        pg.reload()                                                         # the address holds the list
        assert status(pg, "2 letters match") == "2 letters match these filters, oldest first."
        assert listed(pg) == [JAPAN, KOREA]
        assert pg.locator("select[name=tag]").input_value() == "detention"
        pg.go_back()                                                        # the back button undoes a step
        status(pg, "newest first")
        assert listed(pg) == [KOREA, JAPAN]

        # a link written by hand, in lower case: ?kind=letter&government=Japan
        pg.goto(tagged_server + "search/?kind=letter&government=Japan")
        assert status(pg, "these filters") == "1 letter matches these filters, newest first."
        assert listed(pg) == [JAPAN]
        assert pg.locator("select[name=kind]").input_value() == "Letter"
        assert shared.startswith(tagged_server + "search/?")
        assert all(r.startswith(tagged_server) or r.startswith(("data:", "blob:")) for r in requests), requests
