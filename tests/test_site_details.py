"""The site's details a new user met (issue 23): robots.txt names the sitemap; every <lastmod> is an
xsd:date; a page with feeds makes no request for a translation's sitemap; a commentary is "about" its
subject wherever it is listed. (Copy link on plain http: tests/test_browser_copy.py.)"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup
from conftest import CHROMIUM

SITE_URL = "https://example.org/open-letter-archive/"
COMMENTARY = "2020-03-japan-joins-us-south-korea-backing-away"


def test_robots_txt_lets_every_page_be_read_and_names_the_sitemap(built):
    robots = (built / "site" / "robots.txt").read_text(encoding="utf-8")
    lines = [x for x in robots.splitlines() if x and not x.startswith("#")]
    assert lines == ["User-agent: *", "Allow: /", f"Sitemap: {SITE_URL}sitemap.xml"]
    assert (built / "site" / "sitemap.xml").exists()


def test_every_lastmod_of_the_sitemap_is_an_xsd_date(built):
    root = ET.parse(built / "site" / "sitemap.xml").getroot()
    dates = [u.text for u in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}lastmod")]
    assert dates and all(re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])", d) for d in dates), dates


def test_a_commentary_is_about_its_subject_on_every_page_and_in_the_feeds(built):
    site = built / "site"
    home = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    row = next(li for li in home.select("ul.doc-list li") if COMMENTARY in li.a["href"])
    assert "Commentary about Japan" in row.get_text(" ")
    page = BeautifulSoup((site / "letters" / COMMENTARY / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert page.select_one('[data-pagefind-meta="about"]').get_text() == "Japan"
    assert not page.select('[data-pagefind-meta="to"]')
    atom = (site / "feeds" / "all.xml").read_text(encoding="utf-8")
    entry = next(e for e in atom.split("<entry>") if COMMENTARY in e)
    assert "About: Japan." in entry and "To: Japan" not in entry
    letter = next(e for e in atom.split("<entry>") if "2020-02-13-japans" in e)
    assert "To: Shinzo Abe" in letter


browser = pytest.mark.skipif(not CHROMIUM, reason="Chromium not found: `apt-get install -y chromium`")


@browser
@pytest.mark.browser
def test_a_page_with_feeds_fetches_no_sitemap_beside_them_and_readers_still_find_them(built):
    import functools
    import http.server
    import threading

    from conftest import chromium
    from test_browser import QuietHandler  # noqa: F401  (the served site, as the browser tests serve it)
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(built / "site")))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}/"
    try:
        with chromium() as b:
            pg = b.new_page()
            failed: list[str] = []
            asked: list[str] = []
            pg.on("request", lambda r: asked.append(r.url))
            pg.on("response", lambda r: r.status >= 400 and failed.append(r.url))
            for path in ("", "timeline/", "governments/japan/", "signatories/christian-solidarity-worldwide/"):
                pg.goto(base + path)
                pg.wait_for_load_state("networkidle")
                # the page as served announces its feeds to feed readers
                served = BeautifulSoup((built / "site" / path / "index.html").read_text(encoding="utf-8"), "html.parser")
                assert {x["type"] for x in served.find_all("link", rel="alternate")} == {
                    "application/atom+xml", "application/feed+json"}, path
            assert not [u for u in asked if "feeds/" in u and u.endswith("sitemap.xml")], asked
            assert failed == []
            # and in the browser the search header box says what a commentary is about
            pg.goto(base)
            pg.fill("#archive-q", "backing")
            item = pg.locator(".archive-search__list > li", has=pg.locator(f"a[href*='{COMMENTARY}']"))
            item.first.wait_for(timeout=10000)
            facts = item.first.locator(".archive-search__meta").inner_text()
            assert "about Japan" in facts and "to Japan" not in facts, facts
    finally:
        httpd.shutdown()
