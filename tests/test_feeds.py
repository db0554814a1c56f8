"""Feeds as a feed reader meets them (issue 15): found from the pages, valid Atom and JSON Feed 1.1,
every entry's link leads to a built page with that title, and each feed holds what it says."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin

from bs4 import BeautifulSoup
from conftest import REPO

A = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$")
ABSOLUTE = re.compile(r"^https?://[^\s/]+/\S*$")


def site_url(root: Path) -> str:
    line = next(x for x in (root / "mkdocs.yml").read_text(encoding="utf-8").splitlines() if x.startswith("site_url:"))
    return line.split(":", 1)[1].strip()


def local(site: Path, url: str, root_url: str) -> Path:
    """The built file a URL of the site names (what a host would serve)."""
    assert url.startswith(root_url), url
    path = site / url[len(root_url):].split("#")[0]
    return path / "index.html" if url.endswith("/") or path.is_dir() else path


def check_atom(data: bytes) -> ET.Element:
    """RFC 4287's requirements (no package ships the RFC's RELAX NG schema, so they are checked one
    by one): a feed has one id, title and updated, an author (or every entry has one), a self link;
    each entry one id, title and updated, and a link (it has no content); dates are RFC 3339; ids are IRIs."""
    feed = ET.fromstring(data)
    assert feed.tag == f"{A}feed"
    for tag in ("id", "title", "updated"):
        assert len(feed.findall(f"{A}{tag}")) == 1, tag
    assert RFC3339.match(feed.findtext(f"{A}updated"))
    assert ABSOLUTE.match(feed.findtext(f"{A}id"))
    assert [x for x in feed.findall(f"{A}link") if x.get("rel") == "self"]
    entries = feed.findall(f"{A}entry")
    feed_author = feed.find(f"{A}author/{A}name") is not None
    ids = []
    for entry in entries:
        for tag in ("id", "title", "updated"):
            assert len(entry.findall(f"{A}{tag}")) == 1, tag
            assert entry.findtext(f"{A}{tag}").strip(), tag
        assert RFC3339.match(entry.findtext(f"{A}updated")) and RFC3339.match(entry.findtext(f"{A}published"))
        assert feed_author or entry.find(f"{A}author/{A}name") is not None
        alternates = [x for x in entry.findall(f"{A}link") if x.get("rel", "alternate") == "alternate"]
        assert len(alternates) == 1 and ABSOLUTE.match(alternates[0].get("href"))
        assert entry.find(f"{A}content") is not None or entry.find(f"{A}summary") is not None
        ids.append(entry.findtext(f"{A}id"))
    assert len(ids) == len(set(ids))
    if entries:   # the feed changes when its newest entry does, never with the clock
        assert feed.findtext(f"{A}updated") == max(e.findtext(f"{A}updated") for e in entries)
    return feed


def check_json_feed(data: bytes) -> dict:
    """JSON Feed 1.1's required keys: version, title, items; each item an id and content_text or content_html."""
    feed = json.loads(data)
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert isinstance(feed["title"], str) and feed["title"]
    assert isinstance(feed["items"], list)
    assert ABSOLUTE.match(feed["feed_url"]) and ABSOLUTE.match(feed["home_page_url"])
    assert all(isinstance(a["name"], str) for a in feed.get("authors", []))
    for item in feed["items"]:
        assert isinstance(item["id"], str) and item["id"]
        assert isinstance(item.get("content_text") or item.get("content_html"), str)
        assert RFC3339.match(item["date_published"])
        assert all(k in {"id", "url", "external_url", "title", "content_html", "content_text", "summary", "image",
                         "banner_image", "date_published", "date_modified", "authors", "tags", "language",
                         "attachments"} or k.startswith("_") for k in item)
    return feed


def test_every_feed_is_valid_and_every_entry_leads_to_its_page(built):
    site, root = built / "site", site_url(built)
    atoms = sorted((site / "feeds").rglob("*.xml"))
    jsons = sorted((site / "feeds").rglob("*.json"))
    assert len(atoms) == len(jsons) > 10
    assert {p.with_suffix("") for p in atoms} == {p.with_suffix("") for p in jsons}
    for path in atoms:
        feed = check_atom(path.read_bytes())
        own = feed.findtext(f"{A}id")
        if own != root + path.relative_to(site).as_posix():   # a merged signatory's feed, also at its old address
            assert path.parent.name == "signatories" and (site / own[len(root):]).read_bytes() == path.read_bytes()
        for entry in feed.findall(f"{A}entry"):
            href = entry.find(f"{A}link").get("href")
            page = BeautifulSoup(local(site, href, root).read_text(encoding="utf-8"), "html.parser")
            assert page.find("h1").get_text(strip=True) == entry.findtext(f"{A}title").strip(), href
            assert page.find("link", rel="canonical")["href"] == href
    for path in jsons:
        feed = check_json_feed(path.read_bytes())
        if feed["feed_url"] != root + path.relative_to(site).as_posix():
            assert path.parent.name == "signatories" and (site / feed["feed_url"][len(root):]).read_bytes() == path.read_bytes()
        assert local(site, feed["home_page_url"], root).exists()
        for item in feed["items"]:
            assert local(site, item["url"], root).exists(), item["url"]


def test_an_entry_says_title_date_addressee_signatory_count_and_first_demand(built):
    site = built / "site"
    feed = ET.fromstring((site / "feeds" / "governments" / "south-korea.xml").read_bytes())
    entries = {e.findtext(f"{A}title"): e for e in feed.findall(f"{A}entry")}
    letter = entries["Open Letter on South Korea's Policies on Protecting Human Rights in North Korea"]
    assert letter.findtext(f"{A}published").startswith("2020-02-21")
    summary = letter.findtext(f"{A}summary")
    assert "Moon Jae-in, President of the Republic of Korea" in summary
    assert "77 signatories listed (76 stated)" in summary
    assert "First demand: We urge you" in summary
    item = next(i for i in json.loads((site / "feeds" / "governments" / "south-korea.json").read_text(encoding="utf-8"))["items"]
                if i["title"] == letter.findtext(f"{A}title"))
    assert item["_letter"]["signatories_listed"] == 77 and item["_letter"]["signatories_stated"] == 76
    assert item["_letter"]["first_demand"].startswith("We urge you") and "Moon Jae-in" in item["content_text"]


def test_each_feed_holds_its_own_documents_newest_first(built):
    site = built / "site"
    everything = json.loads((site / "feeds" / "all.json").read_text(encoding="utf-8"))["items"]
    assert len(everything) == 8
    dates = [i["date_published"] for i in everything]
    assert dates == sorted(dates, reverse=True)
    japan = json.loads((site / "feeds" / "governments" / "japan.json").read_text(encoding="utf-8"))["items"]
    assert all("Japan" in i["tags"] for i in japan) and len(japan) >= 2
    csw = ET.fromstring((site / "feeds" / "signatories" / "christian-solidarity-worldwide.xml").read_bytes())
    assert len(csw.findall(f"{A}entry")) == 3     # the three letters its page lists
    assert "Christian Solidarity Worldwide" in csw.findtext(f"{A}title")


def test_pages_announce_their_feed_and_show_a_follow_link(built):
    site = built / "site"
    for url, feed in (("", "feeds/all"), ("timeline/", "feeds/all"), ("governments/japan/", "feeds/governments/japan"),
                      ("signatories/christian-solidarity-worldwide/", "feeds/signatories/christian-solidarity-worldwide")):
        soup = BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")
        found = {a["type"]: urljoin("http://x/" + url, a["href"]) for a in soup.find_all("link", rel="alternate")}
        assert found == {"application/atom+xml": f"http://x/{feed}.xml", "application/feed+json": f"http://x/{feed}.json"}, url
        follow = soup.select("p.follow a")
        assert [a.get_text() for a in follow] == ["Atom feed", "JSON Feed"], url
        assert {urljoin("http://x/" + url, a["href"]) for a in follow} == set(found.values())
        for target in found.values():
            assert (site / target.removeprefix("http://x/")).is_file()


def test_feeds_use_site_url(built):
    root = site_url(built)
    assert root == site_url(REPO)
    for path in (built / "site" / "feeds").rglob("*.xml"):
        text = path.read_text(encoding="utf-8")
        urls = re.findall(r'href="([^"]+)"|<id>([^<]+)</id>', text)
        assert urls and all((a or b).startswith(root) for a, b in urls), path
