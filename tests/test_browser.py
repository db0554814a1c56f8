"""What a person sees, in a real headless Chromium (Debian's chromium package) driving the built site
served from 127.0.0.1. Skipped with a message where Chromium is missing, except in CI where they must run."""

from __future__ import annotations

import functools
import http.server
import os
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest
from conftest import CHROMIUM, chromium

ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"

if not CHROMIUM:
    if os.environ.get("CI") == "true":
        raise RuntimeError("CI=true but Chromium is missing: install it with `apt-get install -y chromium`")
    pytest.skip("Chromium not found: `apt-get install -y chromium` to run the browser tests", allow_module_level=True)

pytestmark = pytest.mark.browser


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # noqa: D102
        pass


@pytest.fixture(scope="module")
def server(built):
    handler = functools.partial(QuietHandler, directory=str(built / "site"))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server.rstrip("/"))
    pg = context.new_page()
    pg.requests = []
    pg.dialogs = []
    pg.on("request", lambda r: pg.requests.append(r.url))
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    yield pg
    assert all(urlparse(u).hostname == "127.0.0.1" for u in pg.requests if not u.startswith(("data:", "blob:"))), \
        [u for u in pg.requests if urlparse(u).hostname != "127.0.0.1"]
    assert pg.dialogs == []
    context.close()


@pytest.mark.parametrize("query, expected", [
    ("kwanliso", "Joint open letter to the UN Human Rights Council"),
    ("abductions", "Japan"),
    ("Christian Solidarity Worldwide", "Open Letter on South Korea"),
])
def test_header_search_finds_the_letter_and_opens_it(page, server, query, expected):
    page.goto(server)
    page.fill("#archive-q", query)
    link = page.locator(".archive-search__title", has_text=expected).first
    link.wait_for(timeout=10000)
    link.click()
    page.wait_for_load_state()
    assert "/letters/" in page.url and expected.split()[0] in page.locator("h1").inner_text()


@pytest.mark.parametrize("query, expected", [
    ("수용소", "정치범 수용소에 관한 공동 서한"),       # Korean: words are spaced; a word's start finds it
    ("政治犯", "拉致問題に関する共同書簡"),             # Japanese: no spaces; found through character pairs
    ("拉致問題", "拉致問題に関する共同書簡"),
])
def test_korean_and_japanese_text_is_searchable(page, server, query, expected):
    page.goto(server)
    page.fill("#archive-q", query)
    page.locator(".archive-search__title", has_text=expected).first.wait_for(timeout=10000)


def test_a_signatory_name_finds_the_letters_it_signed_and_its_beginning_is_no_name(page, server):
    page.goto(server)
    page.fill("#archive-q", "Christian Solidarity Worldwide")   # also written "Cristian Solidarity Worldwide"
    # the three letters it signed, first and labelled; the press release names it in its text
    page.locator(".archive-search__status", has_text="4 letters match").wait_for(timeout=10000)
    page.wait_for_function("document.querySelector('.archive-search__list').dataset.final")
    labels = "lis => lis.map(li => (li.querySelector('.archive-search__signed') || {}).textContent || '')"
    signed = ["Signed by Christian Solidarity Worldwide"] * 3
    assert page.locator(".archive-search__list > li").evaluate_all(labels) == signed + [""]
    page.fill("#archive-q", "Christian Solidarity")     # the same letters hold both words, but no one signed as that
    page.locator(".archive-search__status", has_text="4 letters match").wait_for(timeout=10000)
    page.wait_for_function("document.querySelector('.archive-search__list').dataset.final")
    assert not any(x.startswith("Signed by") for x in page.locator(".archive-search__list > li").evaluate_all(labels))


def test_words_that_are_no_name_are_searched_anywhere(page, server):
    page.goto(server)
    page.fill("#archive-q", "abductions kwanliso")
    page.locator(".archive-search__title", has_text="UN Human Rights Council").first.wait_for(timeout=10000)


def test_search_that_finds_nothing_says_so(page, server):
    page.goto(server)
    page.fill("#archive-q", "zzzqqqxxyy")
    page.locator(".archive-search__status", has_text="No letters match").wait_for(timeout=10000)


def test_browse_timeline_government_and_signatory(page, server):
    page.goto(server + "timeline/")
    page.click("text=Joint Open Letter on Japan")
    assert "japans-recent-disengagement" in page.url
    page.goto(server + "governments/")
    page.click("a:text-is('Japan')")
    page.click("text=Joint Open Letter on Japan")
    assert "Shinzo Abe" in page.locator(".letter-facts").inner_text()
    page.goto(server + "signatories/")
    page.click("a:text-is('Christian Solidarity Worldwide')")
    assert page.locator("ul.doc-list li").count() == 3


def test_demand_link_scrolls_into_view_and_copy_puts_permalink_on_clipboard(page, server):
    page.goto(server + "letters/2020-02-26-un-human-rights-council-concerning-human/#demand-2")
    box = page.locator("#demand-2").bounding_box()
    assert 0 <= box["y"] < 900
    page.locator("#demand-2 button.copy-link").click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.endswith("/letters/2020-02-26-un-human-rights-council-concerning-human/#demand-2")


def test_hostile_letter_shows_payloads_as_text(page, server):
    page.goto(server + "letters/2021-02-01-hostile-script-alert-1-script-test/")
    page.wait_for_timeout(300)
    body = page.locator("article").inner_text()
    assert "<script>alert(1)</script>" in body and "{{ config }}" in body
    assert page.evaluate("[...document.querySelectorAll('article script, article img')].length") == 0
    handlers = "[...document.querySelectorAll('*')].some(e => [...e.attributes].some(a => a.name.startsWith('on')))"
    assert page.evaluate(handlers) is False


@pytest.mark.parametrize("width", [375, 1440])
def test_pages_fit_narrow_and_wide_screens(browser, server, width):
    ARTIFACTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport={"width": width, "height": 900})
    pg = context.new_page()
    for name, url in (("home", ""), ("letter", "letters/2020-02-21-south-koreas-policies-protecting-human/")):
        pg.goto(server + url)
        overflow = pg.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, f"{name} scrolls sideways at {width}px"
        pg.screenshot(path=str(ARTIFACTS / f"{name}-{width}.png"))
    context.close()
