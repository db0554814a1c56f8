"""Citations and copy buttons in Chromium (issue 23): "Cite as" broke words at every width
("Disengag ement") and ran its style label into the text; the copy buttons did nothing where the
Clipboard API is missing (a plain-http address on a LAN): there the text is selected instead."""

from __future__ import annotations

import pytest
from test_browser import browser, server  # noqa: F401  (fixtures)

pytestmark = pytest.mark.browser

LETTER = "letters/2020-02-13-japans-recent-disengagement-addressing/"
NO_CLIPBOARD = "Object.defineProperty(Navigator.prototype, 'clipboard', {get: () => undefined, configurable: true});"

# every word of the element's text, but those in .long-token (an address, a hash), and the number of
# lines each is drawn on: a word broken across lines is drawn on two
WORD_LINES = """el => {
  const out = [];
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.parentElement.closest('.long-token')) continue;
    for (const m of node.data.matchAll(/[^\\s\\-\\u2010-\\u2014\\/]+/g)) {
      const range = document.createRange();
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      const tops = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
      out.push([m[0], tops.size]);
    }
  }
  return out;
}"""


def open_letter(browser, server, width: int, clipboard: bool = True):  # noqa: F811
    context = browser.new_context(viewport={"width": width, "height": 900})
    if clipboard:
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server.rstrip("/"))
    else:
        context.add_init_script(NO_CLIPBOARD)
    page = context.new_page()
    page.goto(server + LETTER)
    return context, page


@pytest.mark.parametrize("width", [390, 1280])
def test_citations_break_no_word_and_keep_their_label_apart(browser, server, width):  # noqa: F811
    context, page = open_letter(browser, server, width)
    try:
        dds = page.locator("dd.citation")
        assert dds.count() == 2
        for i, style in enumerate(["Chicago", "APA"]):
            dd = dds.nth(i)
            label, text = dd.locator(".citation-style"), dd.locator(".citation-text")
            assert label.inner_text().strip().lower() == style.lower()
            assert not text.inner_text().startswith(style)
            # the label is a line of its own, above the text
            assert label.bounding_box()["y"] + label.bounding_box()["height"] <= text.bounding_box()["y"] + 1
            words = text.evaluate(WORD_LINES)
            assert any(w.startswith("Disengagement") for w, _ in words), words
            broken = [w for w, lines in words if lines > 1]
            assert broken == [], (width, style, broken)
            # and the address, which may break anywhere, stays inside the page
            assert dd.evaluate("el => el.scrollWidth <= el.clientWidth + 1"), (width, style)
        for code in page.locator(".provenance code").all():   # the hash and the address wrap (code's padding aside)
            assert code.evaluate("el => el.parentElement.scrollWidth <= el.parentElement.clientWidth + 4")
        assert page.evaluate("getComputedStyle(document.querySelector('.provenance dd')).wordBreak") != "break-all"
    finally:
        context.close()


def test_copy_citation_puts_the_citation_on_the_clipboard(browser, server):  # noqa: F811
    context, page = open_letter(browser, server, 1280)
    try:
        button = page.locator("dd.citation").first.locator("button.copy-text")
        assert button.inner_text() == "Copy citation"
        button.click()
        page.wait_for_function("document.querySelector('dd.citation button').textContent === 'Copied'")
        copied = page.evaluate("navigator.clipboard.readText()")
        shown = " ".join(page.locator("dd.citation .citation-text").first.inner_text().split())
        assert copied == shown and "Disengagement" in copied and copied.endswith(LETTER)
        assert not copied.startswith("Chicago")
    finally:
        context.close()


def test_without_the_clipboard_api_the_citation_and_the_link_are_selected(browser, server):  # noqa: F811
    context, page = open_letter(browser, server, 390, clipboard=False)
    try:
        assert page.evaluate("navigator.clipboard === undefined")
        page.locator("dd.citation").nth(1).locator("button.copy-text").click()
        selected = " ".join(page.evaluate("getSelection().toString()").split())
        assert selected == " ".join(page.locator("dd.citation .citation-text").nth(1).inner_text().split())
        assert selected.endswith(LETTER) and "(2020, February 13)" in selected
        assert page.locator("dd.citation").nth(1).locator("button.copy-text").inner_text() in (
            "Copied", "Selected: press Ctrl+C")
        # the permanent link: the address shown beside it is selected
        page.locator(".provenance button.copy-link").click()
        assert page.evaluate("getSelection().toString()").strip().endswith(LETTER)
        # a demand's link: its address is shown, selected, in a field beside the button
        page.locator("#demand-1 button.copy-link").click()
        field = page.locator("#demand-1 input.copy-fallback")
        assert field.is_visible() and field.input_value().endswith(LETTER + "#demand-1")
        assert page.evaluate("[document.activeElement.selectionStart, document.activeElement.selectionEnd]") == \
            [0, len(field.input_value())]
    finally:
        context.close()
