"""The search page and the header box as a reader uses them, in headless Chromium: filters with counts,
sort, the address that holds the search (shareable, back button), the results page that Enter opens,
a "see all" link, what is said when nothing is found, keyboard use, the count announced, a phone."""

from __future__ import annotations

import re
from datetime import date

import pytest
from test_browser import ARTIFACTS, CHROMIUM, browser, page, server  # noqa: F401 - fixtures

pytestmark = pytest.mark.browser

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]


def wait_for_count(pg, selector=".search-status"):
    pg.wait_for_function(f"/match/.test((document.querySelector('{selector}') || {{}}).textContent || '')", timeout=15000)
    text = pg.inner_text(selector)
    m = re.search(r"(\d+) letters? match", text)
    return int(m.group(1)) if m else 0


def result_dates(pg) -> list[date]:
    """The date at the head of each result's line ("21 February 2020 · Letter · …")."""
    out = []
    for line in pg.locator("#search-results .archive-search__meta").all_inner_texts():
        head = line.split(" · ")[0].split()
        day = int(head[0]) if len(head) == 3 else 1
        out.append(date(int(head[-1]), MONTHS.index(head[-2]) + 1, day))
    return out


def test_filters_show_counts_narrow_the_results_and_live_in_the_address(page, server):  # noqa: F811
    page.goto(server + "search/?q=North%20Korea")
    everything = wait_for_count(page)
    kind = page.locator("select[name=kind]")
    options = kind.locator("option").all_inner_texts()
    assert "Letter (3)" in options and any(o.startswith("Press release (") for o in options)
    kind.select_option("Letter")
    page.wait_for_function("location.search.includes('kind=Letter')")
    page.wait_for_function(f"!/^{everything} letters/.test(document.querySelector('.search-status').textContent)")
    assert wait_for_count(page) == 3
    assert all(" · Letter · " in line for line in page.locator("#search-results .archive-search__meta").all_inner_texts())
    year = page.locator("select[name=year]").locator("option").all_inner_texts()
    assert "2020 (3)" in year                               # counts follow the filters already chosen
    page.go_back()                                          # the back button undoes the filter
    page.wait_for_function("!location.search.includes('kind=')")
    page.wait_for_function(f"/^{everything} letters/.test(document.querySelector('.search-status').textContent)")
    page.goto(server + "search/?q=North%20Korea&kind=Letter")   # and the address can be shared
    assert wait_for_count(page) == 3 and page.locator("select[name=kind]").input_value() == "Letter"


def test_sort_by_date_newest_or_oldest_and_back_to_relevance(page, server):  # noqa: F811
    page.goto(server + "search/?q=Korea")
    n = wait_for_count(page)
    page.locator("select[name=sort]").select_option("newest")
    page.wait_for_function("location.search.includes('sort=newest')")
    wait_for_count(page)
    newest = result_dates(page)
    assert len(newest) == n and newest == sorted(newest, reverse=True)
    page.locator("select[name=sort]").select_option("oldest")
    page.wait_for_function("location.search.includes('sort=oldest')")
    page.wait_for_function("document.querySelector('#search-results select[name=sort]').value === 'oldest'")
    wait_for_count(page)
    page.wait_for_timeout(300)
    oldest = result_dates(page)
    assert oldest == sorted(oldest) and len(oldest) == n


def test_enter_in_the_header_box_opens_all_results_and_the_panel_links_to_them(page, server):  # noqa: F811
    page.goto(server)
    page.fill("#archive-q", "abductions")
    n = wait_for_count(page, ".archive-search__status")
    link = page.locator(".archive-search__all")
    assert link.is_visible() and "search/?q=abductions" in link.get_attribute("href")
    page.press("#archive-q", "Enter")
    page.wait_for_url(re.compile(r"/search/\?q=abductions"))
    assert wait_for_count(page) == n
    assert page.locator("#search-results .archive-search__title").count() == n


def test_nothing_found_says_so_and_offers_to_drop_a_filter(page, server):  # noqa: F811
    page.goto(server + "search/?q=kwanliso&kind=Commentary")
    page.wait_for_function("/No letters match/.test(document.querySelector('.search-status').textContent)")
    assert "with these filters" in page.inner_text(".search-status")
    page.locator("button", has_text="remove kind: Commentary").click()
    assert wait_for_count(page) == 1 and "kind=" not in page.url


def test_results_show_date_kind_addressee_signatories_and_a_marked_excerpt(page, server):  # noqa: F811
    page.goto(server + "search/?q=kwanliso")
    wait_for_count(page)
    item = page.locator("#search-results .archive-search__list > li").first
    assert item.locator(".archive-search__title").inner_text().startswith("Joint open letter to the UN Human Rights Council")
    assert item.locator(".archive-search__meta").inner_text() == \
        "26 February 2020 · Letter · to United Nations Human Rights Council · 36 signatories"
    assert item.locator(".archive-search__excerpt mark").first.inner_text().strip("*(),.;:") == "kwanliso"


def test_the_header_results_work_from_the_keyboard_and_announce_their_count(page, server):  # noqa: F811
    page.goto(server)
    page.focus("#archive-q")
    page.keyboard.type("Korea")
    status = page.locator("#archive-status")
    assert status.get_attribute("role") == "status"
    wait_for_count(page, ".archive-search__status")
    page.wait_for_function("document.querySelector('.archive-search__list').dataset.final")
    page.keyboard.press("ArrowDown")
    first = page.evaluate("document.activeElement.textContent")
    page.keyboard.press("ArrowDown")
    second = page.evaluate("document.activeElement.textContent")
    assert first != second and "archive-search__title" in page.evaluate("document.activeElement.className")
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.textContent") == first
    page.keyboard.press("Escape")
    assert page.evaluate("document.activeElement.id") == "archive-q" and page.locator("#archive-results").is_hidden()


@pytest.mark.parametrize("width", [375, 1280])
def test_the_results_page_with_filters_fits_a_phone_and_a_wide_screen(browser, server, width):  # noqa: F811
    ARTIFACTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport={"width": width, "height": 900})
    pg = context.new_page()
    pg.goto(server + "search/?q=North%20Korea&kind=Letter")
    wait_for_count(pg)
    assert pg.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 1
    assert pg.locator("select[name=kind]").is_visible()
    pg.screenshot(path=str(ARTIFACTS / f"search-{width}.png"), full_page=True)
    context.close()


def test_the_rendered_results_page_and_open_header_panel_pass_axe(browser, server):  # noqa: F811
    """tests/test_accessibility.py checks the search page before its results are in; this checks it with
    its filters, results and pager drawn, and the header panel open."""
    from axe_playwright_python.sync_playwright import Axe
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    for url, ready in ((server + "search/?q=North%20Korea&kind=Letter", ".search-status"),
                       (server, ".archive-search__status")):
        pg.goto(url)
        if url == server:
            pg.fill("#archive-q", "Korea")
        wait_for_count(pg, ready)
        results = Axe().run(pg, options={"resultTypes": ["violations"], "runOnly": ["wcag2a", "wcag2aa", "best-practice"]})
        bad = [f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
               for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
        assert bad == [], "\n".join(bad)
    context.close()


def test_a_signatory_filter_keeps_the_letters_signed_under_that_name(page, server):  # noqa: F811
    page.goto(server + "search/?q=North%20Korea")
    everything = wait_for_count(page)
    page.fill("input[name=by]", "CSW")                  # an alias of Christian Solidarity Worldwide
    page.press("input[name=by]", "Enter")
    page.wait_for_function("location.search.includes('by=CSW')")
    page.wait_for_function(f"!/^{everything} letters/.test(document.querySelector('.search-status').textContent)")
    assert wait_for_count(page) == 3
    page.locator("button", has_text="Signed by CSW").click()     # the chip removes it
    page.wait_for_function("!location.search.includes('by=')")
    page.wait_for_function(f"/^{everything} letters/.test(document.querySelector('.search-status').textContent)")


def test_a_letter_with_markup_in_its_text_shows_it_as_text_in_results(page, server):  # noqa: F811
    """Excerpts are built with textContent: the hostile test letter's <script> and onerror are words."""
    page.goto(server + "search/?q=onerror")
    assert wait_for_count(page) == 1
    excerpt = page.locator("#search-results .archive-search__excerpt").first.inner_text()
    assert "<img src=x onerror=alert(1)>" in excerpt
    assert page.evaluate("document.querySelectorAll('#search-results script, #search-results img').length") == 0
    page.goto(server)
    page.fill("#archive-q", "alert")
    wait_for_count(page, ".archive-search__status")
    page.wait_for_function("document.querySelector('.archive-search__list').dataset.final")
    assert page.evaluate("document.querySelectorAll('#archive-results script, #archive-results img').length") == 0


def test_results_come_a_page_at_a_time_and_the_back_button_returns_to_the_first(page, server):  # noqa: F811
    page.goto(server + "search/?q=Korea&per=5")
    n = wait_for_count(page)
    assert n > 5 and f"page 1 of {-(-n // 5)}" in page.inner_text(".search-status")
    first = page.locator("#search-results .archive-search__title").all_inner_texts()
    assert len(first) == 5
    page.locator(".search-pager a", has_text="Next").click()
    page.wait_for_function("location.search.includes('page=2')")
    page.wait_for_function("/page 2 of/.test(document.querySelector('.search-status').textContent)")
    second = page.locator("#search-results .archive-search__title").all_inner_texts()
    assert second and not set(second) & set(first)
    assert page.locator("#search-results ol").get_attribute("start") == "6"
    page.go_back()
    page.wait_for_function("/page 1 of/.test(document.querySelector('.search-status').textContent)")
    assert page.locator("#search-results .archive-search__title").all_inner_texts() == first
