"""Accessibility in a real Chromium: axe-core (bundled with axe-playwright-python, injected from disk,
nothing fetched) on the pages people land on, plus the basics a screen-reader user relies on."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from test_browser import CHROMIUM, browser, server  # noqa: F401  (fixtures and the skip-or-fail rule)

pytestmark = pytest.mark.browser
assert CHROMIUM

PAGES = {
    "home": "",
    "timeline": "timeline/",
    "letter": "letters/2020-02-21-south-koreas-policies-protecting-human/",
    "government": "governments/japan/",
    "signatory": "signatories/christian-solidarity-worldwide/",
    "search": "search/?q=abductions",
    "browse": "search/?kind=Letter",        # every letter, no query, a filter
    "tags": "tags/",
    "data": "data/",
}


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


@pytest.mark.parametrize("name", PAGES)
def test_no_serious_or_critical_axe_violations(browser, server, axe, name):  # noqa: F811
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    response = pg.goto(server + PAGES[name])
    assert response.ok, f"{name}: HTTP {response.status}"
    pg.wait_for_timeout(200)
    if name == "browse":   # the list is written by the page's script: check it, not the page before it
        pg.wait_for_selector("#search-results .archive-search__title", timeout=15_000)
    results = axe.run(pg, options={"resultTypes": ["violations"], "runOnly": ["wcag2a", "wcag2aa", "best-practice"]})
    bad = [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"] if v["impact"] in ("serious", "critical")
    ]
    assert bad == [], f"{name}:\n" + "\n".join(bad)
    context.close()


@pytest.mark.parametrize("name", PAGES)
def test_title_language_landmarks_and_one_heading(browser, server, name):  # noqa: F811
    context = browser.new_context()
    pg = context.new_page()
    pg.goto(server + PAGES[name])
    assert pg.title().strip() and "Open Letter Archive" in pg.title()
    assert pg.evaluate("document.documentElement.lang") == "en"
    for landmark in ("header", "main", "footer", "nav"):
        assert pg.locator(landmark).count() >= 1, f"{name} has no <{landmark}>"
    assert pg.locator("main h1, article h1").count() == 1
    context.close()


@pytest.mark.parametrize("url, lang", [("letters/2021-03-01-jeongcibeom-suyongsoe-gwanhan-gongdong/", "ko"),
                                       ("letters/2020-02-21-south-koreas-policies-protecting-human/", "en")])
def test_a_letters_title_and_text_say_their_language(browser, server, axe, url, lang):  # noqa: F811
    """WCAG 3.1.2 (language of parts): the page is in English, a letter's title and text in its own."""
    context = browser.new_context()
    pg = context.new_page()
    response = pg.goto(server + url)
    assert response.ok, url
    assert pg.evaluate("document.documentElement.lang") == "en"
    assert pg.locator("article h1").get_attribute("lang") == lang
    assert pg.locator(".letter-text").first.get_attribute("lang") == lang
    assert pg.locator(".letter-facts").evaluate("el => el.closest('[lang]').lang") == "en"   # the page's own words
    results = axe.run(pg, options={"runOnly": ["valid-lang", "html-has-lang", "html-lang-valid"]})
    assert results.response["violations"] == []
    pg.goto(server)    # and a list names the letter in its language
    assert pg.locator(f"ul.doc-list a[href$='{url.split('/')[1]}/']").first.get_attribute("lang") == lang
    context.close()


def test_only_a_language_tag_becomes_a_lang_attribute():
    from letter_archive.site.render import lang_tag
    assert [lang_tag(x) for x in ("ko", "pt_BR", "zh-Hant", "en")] == ["ko", "pt-BR", "zh-Hant", "en"]
    assert [lang_tag(x) for x in ("English", "", None, 'ko" onload="x', "k")] == [None] * 5
