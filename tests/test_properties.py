"""Property tests: extraction never crashes on arbitrary or letter-like text, and front matter
written and read back is the same record."""

from __future__ import annotations

import re
import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from letter_archive.errors import LetterError
from letter_archive.extract import extract
from letter_archive.model import Identity, Record
from letter_archive.readers import read_bytes
from letter_archive.site.pages import front_matter, signatory_link
from letter_archive.site.search_index import TOKEN_MARK, name_token, search_fields

MONTHS = ["January", "February", "March", "Mai", "abril", "December"]
date_line = st.builds(lambda m, d, y: f"{m} {d}, {y}", st.sampled_from(MONTHS), st.integers(0, 40), st.integers(1900, 2100))
numeric_date = st.builds(lambda a, b, y: f"{a}/{b}/{y}", st.integers(0, 40), st.integers(0, 40), st.integers(1000, 9999))
name = st.text(st.characters(categories=["L"]), min_size=1, max_size=12)
signature = st.builds(lambda n, c, sep: f"{n}{sep}{c}", name, st.sampled_from(["UK", "U.S.A", "Japan", "South Korea", ""]),
                      st.sampled_from([", ", "\t", " ("]))
letter_line = st.one_of(
    date_line, numeric_date, st.just("Dear Prime Minister,"), st.just("Sincerely,"), st.just("Groups"),
    st.just("(Individuals – international, 6)"), st.just("HUMAN"), st.just("HRW.org"), st.just("Re: Open letter to X"),
    st.just("We urge you to act:"), st.just("1. Close the camps;"), st.just("- continue"), st.just("CC:"),
    signature, st.text(max_size=200), st.just(""),
)
letter_text = st.lists(letter_line, max_size=60).map("\n".join)


def _extract_or_own_error(raw: bytes) -> None:
    start = time.perf_counter()
    try:
        extract(read_bytes(raw, "fuzz.txt"))
    except LetterError as error:
        assert error.file == "fuzz.txt"
    assert time.perf_counter() - start < 1.0


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(letter_text)
def test_letter_like_text_never_crashes(text):
    _extract_or_own_error(text.encode("utf-8"))


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_never_crash(raw):
    _extract_or_own_error(raw)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=3000))
def test_arbitrary_unicode_never_crashes(text):
    _extract_or_own_error(text.encode("utf-8"))


tricky = st.lists(st.sampled_from(list("ab :---\"'{}%\n#!&<>|") + ["{{ config }}", "{% x %}", "é", "한"]),
                  min_size=1, max_size=30).map("".join).filter(lambda s: s.strip())


@settings(max_examples=200, deadline=None)
@given(title=tricky, demand=tricky, org=tricky)
def test_front_matter_round_trips(title, demand, org):
    meta = {"title": title.strip(), "date": "2020-03", "kind": "letter", "demands": [demand],
            "governments": ["Japan"], "signatories": {"claimed": 1, "listed": 1, "groups": [],
                                                     "names": [{"name": org.strip(), "type": "organization",
                                                                "affiliation": None, "country": None}]}}
    raw = (front_matter(meta) + "Dear Minister,\n\nText.\n").encode()
    front = read_bytes(raw, "rt.txt").front
    typed = {**front, "signatories": Record(signatories=front["signatories"]).to_dict()["signatories"]}
    assert typed == meta


any_name = st.text(st.characters(blacklist_categories=["Cs", "Cc"]), min_size=1, max_size=40)


@settings(max_examples=300, deadline=None)
@given(any_name, any_name, any_name)
def test_each_name_is_indexed_as_the_word_a_query_for_it_makes(written, archive_name, around):
    """Whatever a name holds (quotes, <, &, any script), the index holds the same single word that
    archive.js makes of a query for it: as written and as the archive names it."""
    link = signatory_link(Identity(key=archive_name.lower(), name=archive_name, slug="x"), written)
    page = f"<li>{around.replace('<', '')}{link}</li>"
    words = search_fields(page, [written, archive_name])["signedby"].split()
    for name in (written, archive_name):
        assert not name_token(name) or TOKEN_MARK + name_token(name) in words


html_piece = st.one_of(
    st.sampled_from(["<p>", "</p>", "<li>", "<a href='x'>", "</a>", "\n", "  ", "\n    ", " ", "\t", "word", "<br>"]),
    st.text(st.sampled_from("ab <>\n\t"), max_size=8))
whitespace_element = st.builds(lambda tag, body: f"<{tag}>{body}</{tag}>", st.sampled_from(["pre", "textarea", "code", "kbd"]),
                               st.lists(html_piece, max_size=8).map("".join).filter(lambda b: "</" not in b))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(html_piece, whitespace_element), max_size=30).map("".join))
def test_collapsed_indentation_shows_the_same(page):
    """Dropping template indentation never changes what a browser shows: outside elements that keep
    their whitespace, every run of whitespace stays a run (one space on screen); inside them, nothing moves."""
    from letter_archive.site.postbuild import WHITESPACE_MATTERS, collapse_indentation
    out = collapse_indentation(page)
    assert len(out) <= len(page)
    assert [m.group(0) for m in WHITESPACE_MATTERS.finditer(out)] == [m.group(0) for m in WHITESPACE_MATTERS.finditer(page)]
    outside = lambda text: re.sub(r"\s+", " ", WHITESPACE_MATTERS.sub("[kept]", text))  # noqa: E731
    assert outside(out) == outside(page)
