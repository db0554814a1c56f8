"""Letter text as HTML: Markdown emphasis shows as emphasis, never as asterisks, and nothing else in
the text can become markup (issue 14's "(*kwanliso*)")."""

from __future__ import annotations

import html
import re

from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st
from letter_archive.site.markup import inline_html


def test_emphasis_shows_as_emphasis_and_other_marks_stay_as_written():
    soup = BeautifulSoup(inline_html("political prison camps (*kwanliso*), **all** of them, __now__"), "html.parser")
    assert [e.get_text() for e in soup.find_all("em")] == ["kwanliso"]
    assert [e.get_text() for e in soup.find_all("strong")] == ["all", "now"]
    assert soup.get_text() == "political prison camps (kwanliso), all of them, now"
    for as_written in ("snake_case_name", "5 * 3 * 2 = 30", "a_b_ c", "* a list mark", "*" * 40):
        assert BeautifulSoup(inline_html(as_written), "html.parser").get_text() == as_written


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list("ab *_<>&\"'[]()") + ["**", "__", "<em>", "</b>", "x"]), max_size=40).map("".join))
def test_no_text_becomes_markup_but_emphasis_and_its_text_is_kept(text):
    out = inline_html(text)
    assert {tag.name for tag in BeautifulSoup(out, "html.parser").find_all(True)} <= {"em", "strong", "a"}
    shown = html.unescape(re.sub(r"<[^>]*>", "", out))   # only our own tags are left, as just checked
    # every character but the emphasis marks is shown, in order
    assert shown.replace("*", "").replace("_", "") == text.replace("*", "").replace("_", "")
