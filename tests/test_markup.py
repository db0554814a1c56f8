"""Letter text as HTML: Markdown emphasis shows as emphasis, never as asterisks, and nothing else in
the text can become markup (issue 14's "(*kwanliso*)")."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hypothesis import example, given, settings
from hypothesis import strategies as st
from letter_archive.site.markup import LINK, inline_html

pytestmark = pytest.mark.filterwarnings("ignore::bs4.MarkupResemblesLocatorWarning")   # "http://x" is a letter's text here


def test_emphasis_shows_as_emphasis_and_other_marks_stay_as_written():
    soup = BeautifulSoup(inline_html("political prison camps (*kwanliso*), **all** of them, __now__"), "html.parser")
    assert [e.get_text() for e in soup.find_all("em")] == ["kwanliso"]
    assert [e.get_text() for e in soup.find_all("strong")] == ["all", "now"]
    assert soup.get_text() == "political prison camps (kwanliso), all of them, now"
    for as_written in ("snake_case_name", "5 * 3 * 2 = 30", "a_b_ c", "* a list mark", "*" * 40):
        assert BeautifulSoup(inline_html(as_written), "html.parser").get_text() == as_written


def test_a_link_that_shows_nothing_shows_its_address_or_is_kept_as_written():
    """Issue 23: `[]()` disappeared, and `[](http://x)` became an empty, invisible link."""
    assert inline_html("[]()") == "[]()"
    assert inline_html("a [](#) b") == "a [](#) b"
    soup = BeautifulSoup(inline_html("see [](http://x.org/a) and [ ](mailto:a@b.org)"), "html.parser")
    assert [(a["href"], a.get_text()) for a in soup.find_all("a")] == [("http://x.org/a", "http://x.org/a"),
                                                                        ("mailto:a@b.org", "mailto:a@b.org")]
    assert soup.get_text() == "see http://x.org/a and mailto:a@b.org"
    assert inline_html("![](http://x.org/i.png)") == "![](http://x.org/i.png)"   # an image never loads
    assert inline_html("[label](http://x.org)").endswith(">label</a>")          # a label still wins


def as_a_reader_sees_it(text: str) -> str:
    """The text without its emphasis marks, each link as its label, or, where the label shows
    nothing, its address if it may be a link (http, https, mailto), else as written."""
    def link(m: re.Match) -> str:
        image, label, url = m.group(1), m.group(2), m.group(3)
        if label.strip():
            return label
        return url if not image and re.match(r"(?i)https?://|mailto:", url) else m.group(0)
    return LINK.sub(link, text).replace("*", "").replace("_", "")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list("ab *_<>&\"'[]()") + ["**", "__", "<em>", "</b>", "x", "http://x", "](", "!"]),
                max_size=40).map("".join))
@example("[]()")          # found by the property (issue 23): the text disappeared
@example("a [](#) b")
@example("[](http://x)")
@example("[a](b)")
def test_no_text_becomes_markup_but_emphasis_and_its_text_is_kept(text):
    out = inline_html(text)
    assert {tag.name for tag in BeautifulSoup(out, "html.parser").find_all(True)} <= {"em", "strong", "a"}
    shown = html.unescape(re.sub(r"<[^>]*>", "", out))   # only our own tags are left, as just checked
    # every character but the emphasis marks and a link's syntax is shown, in order
    assert shown.replace("*", "").replace("_", "") == as_a_reader_sees_it(text)
    # and letter text never disappears: text that shows something shows something
    assert bool(shown.replace("*", "").replace("_", "").strip()) == bool(text.replace("*", "").replace("_", "").strip())


def test_property_tests_are_seed_independent_in_ci():
    """Under CI (and HYPOTHESIS_PROFILE=ci) every run tries the same examples."""
    import os
    import subprocess
    import sys
    probe = ("import sys; sys.path[:0] = ['.', 'tests']; import conftest, hypothesis;"
             "print(hypothesis.settings.default.derandomize)")
    for env, expected in (({"CI": "true"}, "True"), ({"HYPOTHESIS_PROFILE": "ci"}, "True"), ({}, "False")):
        clean = {k: v for k, v in os.environ.items() if k not in ("CI", "HYPOTHESIS_PROFILE")}
        out = subprocess.run([sys.executable, "-c", probe], cwd=Path(__file__).parents[1], env={**clean, **env},
                             capture_output=True, text=True, check=True).stdout.strip()
        assert out == expected, env
