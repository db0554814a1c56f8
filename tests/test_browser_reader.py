"""What a reader meets at the edges of the site, in headless Chromium (issue 14): an old address that
moved goes on to the new page with its #fragment; the 404 page is styled at any depth of any missing
address; on a 390 px phone no page scrolls sideways (tables scroll in their own box) and the site's
name is not cut off in the header."""

from __future__ import annotations

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import MERGED_FROM, MERGED_TO, MOVED_FROM, MOVED_TO
from test_browser import CHROMIUM, QuietHandler, browser, server  # noqa: F401  (fixtures and the skip-or-fail rule)

from benchmarks.bench import serve

pytestmark = pytest.mark.browser
assert CHROMIUM

PREFIX = "/open-letter-archive"   # site_url's path in mkdocs.yml


class NotFoundHandler(QuietHandler):
    """A static host as GitHub Pages, Netlify and Cloudflare Pages are: 404.html for any missing
    address, at that address; the site at the server's root and under site_url's path both."""

    def translate_path(self, path: str) -> str:
        if path == PREFIX or path.startswith(PREFIX + "/"):
            path = path[len(PREFIX):] or "/"
        return super().translate_path(path)

    def send_error(self, code, message=None, explain=None):
        if code != 404:
            return super().send_error(code, message, explain)
        body = (Path(self.directory) / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


def serving(site: Path, handler=QuietHandler):
    return serve(site, handler)


# --- moved pages ---------------------------------------------------------------------------------

def test_an_old_address_with_a_fragment_lands_on_the_new_page_at_that_fragment(browser, moved):  # noqa: F811
    with serving(moved / "site") as root:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        pg = context.new_page()
        pg.goto(f"{root}letters/{MOVED_FROM}/#demand-2")
        pg.wait_for_url(f"{root}letters/{MOVED_TO}/#demand-2")
        assert pg.evaluate("document.querySelector(':target').id") == "demand-2"
        assert pg.locator("#demand-2").is_visible()
        pg.goto(f"{root}signatories/{MERGED_FROM}/")
        pg.wait_for_url(f"{root}signatories/{MERGED_TO}/")
        assert pg.locator("article h1").inner_text() == "Action for Korea United"
        # without scripts the meta refresh still leads on (the fragment is what it cannot keep)
        plain = browser.new_context(java_script_enabled=False).new_page()
        plain.goto(f"{root}letters/{MOVED_FROM}/#demand-2")
        plain.wait_for_url(f"{root}letters/{MOVED_TO}/")
        plain.context.close()
        context.close()


# --- the 404 page --------------------------------------------------------------------------------

SHEETS = "[...document.querySelectorAll('link[rel=stylesheet]')].map(l => l.sheet && l.sheet.cssRules.length)"
HEADER_LOOK = "(s => [s.backgroundColor, s.position, s.color])(getComputedStyle(document.querySelector('.md-header')))"
HOME_HEADER_LOOK = ["rgb(64, 81, 181)", "sticky", "rgb(255, 255, 255)"]   # Material's indigo, as on the home page


def test_the_header_looks_as_the_404_test_expects(browser, server):  # noqa: F811
    pg = browser.new_page()
    pg.goto(server)
    assert pg.evaluate(HEADER_LOOK) == HOME_HEADER_LOOK
    pg.close()


@pytest.mark.parametrize("missing", ["letters/nope/", "open-letter-archive/letters/nope/deeper/", "nope"])
@pytest.mark.parametrize("width", [390, 1280])
def test_the_404_page_is_styled_at_any_depth_and_leads_home_and_to_search(browser, built, missing, width):  # noqa: F811
    with serving(built / "site", NotFoundHandler) as root:
        context = browser.new_context(viewport={"width": width, "height": 900})
        pg = context.new_page()
        failed = []
        pg.on("response", lambda r: failed.append(r.url) if r.status >= 400 and r.url != root + missing else None)
        response = pg.goto(root + missing)
        assert response.status == 404
        pg.wait_for_load_state("load")
        assert failed == [], failed        # every stylesheet, script and icon it asks for is there
        sheets = pg.evaluate(SHEETS)
        assert len(sheets) >= 3 and all(sheets), sheets
        assert pg.evaluate(HEADER_LOOK) == HOME_HEADER_LOOK      # the theme's header, as on every page
        assert pg.evaluate("document.scrollingElement.scrollWidth") <= width
        assert pg.locator("article h1").inner_text() == "Page not found"
        home = root + ("open-letter-archive/" if missing.startswith("open-letter-archive/") else "")
        pg.locator("article").get_by_role("link", name="Search").click()
        pg.wait_for_url(home + "search/")
        pg.go_back()
        pg.locator("article input[name=q]").fill("abductions")
        pg.locator("article input[name=q]").press("Enter")
        pg.wait_for_url(home + "search/?q=abductions")
        pg.go_back()
        pg.locator("article").get_by_role("link", name="Home").click()
        pg.wait_for_url(home)
        assert pg.locator("article h1").count() == 1
        context.close()


# --- a phone ------------------------------------------------------------------------------------

PAGE_TYPES = {
    "home": "", "timeline": "timeline/", "letter": "letters/2020-02-21-south-koreas-policies-protecting-human/",
    "letter with groups": "letters/2020-02-13-japans-recent-disengagement-addressing/",
    "letter with a table's worth of demands": "letters/2020-02-26-un-human-rights-council-concerning-human/",
    "governments": "governments/", "government": "governments/south-korea/", "government 2": "governments/japan/",
    "signatories": "signatories/", "signatory": "signatories/christian-solidarity-worldwide/",
    "search": "search/?q=abductions", "data": "data/", "about": "about/", "404": "404.html",
}

# Each table: narrower than the page, or inside a box of its own that scrolls sideways and fits.
TABLES_FIT = """[...document.querySelectorAll('article table')].every(t => {
  const width = document.documentElement.clientWidth, box = t.parentElement;
  const scrolls = ['auto', 'scroll'].includes(getComputedStyle(box).overflowX);
  return t.getBoundingClientRect().right <= width || (scrolls && box.getBoundingClientRect().right <= width);
})"""


@pytest.mark.parametrize("width", [390, 1280])
def test_no_page_type_scrolls_sideways_and_tables_scroll_in_their_own_box(browser, server, width):  # noqa: F811
    context = browser.new_context(viewport={"width": width, "height": 900})
    pg = context.new_page()
    tables = 0
    for name, url in PAGE_TYPES.items():
        pg.goto(server + url)
        pg.wait_for_timeout(150)
        assert pg.evaluate("document.scrollingElement.scrollWidth") <= width, f"{name} scrolls sideways at {width}px"
        assert pg.evaluate(TABLES_FIT), f"{name}: a table sticks out at {width}px"
        tables += pg.evaluate("document.querySelectorAll('article table').length")
    assert tables >= 4      # the governments' pages and the Data page have tables
    context.close()


def test_a_wide_table_scrolls_by_keyboard_in_its_box(browser, server):  # noqa: F811
    context = browser.new_context(viewport={"width": 390, "height": 900})
    pg = context.new_page()
    pg.goto(server + "governments/south-korea/")
    box = pg.locator(".table-scroll")
    assert pg.evaluate("(b) => b.scrollWidth > b.clientWidth", box.element_handle())   # it is wider than the phone
    box.focus()
    pg.keyboard.press("ArrowRight")
    pg.wait_for_timeout(200)
    assert pg.evaluate("(b) => b.scrollLeft", box.element_handle()) > 0
    context.close()


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("url", ["", "letters/2020-02-13-japans-recent-disengagement-addressing/", "404.html"])
def test_the_site_name_is_not_cut_off_in_the_header(browser, server, width, url):  # noqa: F811
    context = browser.new_context(viewport={"width": width, "height": 900})
    pg = context.new_page()
    pg.goto(server + url)
    name = pg.locator(".md-header__topic:first-child .md-ellipsis")
    assert name.inner_text() == "Open Letter Archive"
    size = pg.evaluate("(e) => [e.scrollWidth, e.clientWidth, e.scrollHeight, e.clientHeight]", name.element_handle())
    assert size[0] <= size[1] and size[2] <= size[3], size
    box, header = name.bounding_box(), pg.locator(".md-header").bounding_box()
    assert header["y"] <= box["y"] and box["y"] + box["height"] <= header["y"] + header["height"]
    context.close()


def test_the_404_page_has_no_serious_or_critical_axe_violations(browser, built):  # noqa: F811
    with serving(built / "site", NotFoundHandler) as root:
        pg = browser.new_page()
        pg.goto(root + "letters/nope/")
        pg.wait_for_timeout(200)
        results = Axe().run(pg, options={"resultTypes": ["violations"], "runOnly": ["wcag2a", "wcag2aa", "best-practice"]})
        bad = [f"{v['id']} ({v['impact']}): {v['help']}" for v in results.response["violations"]
               if v["impact"] in ("serious", "critical")]
        assert bad == []
        pg.close()
