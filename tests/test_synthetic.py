"""The synthetic archive (issue 6's generator) as a test bed: deterministic, read back exactly as it
was written, and every word of every generated letter reaches its page (issue 5's nothing-lost)."""

from __future__ import annotations

import dataclasses
import re

from bs4 import BeautifulSoup
from conftest import REPO
from hypothesis import given, settings
from hypothesis import strategies as st
from letter_archive.extract import extract
from letter_archive.extract.lines import to_lines
from letter_archive.link.identities import resolve
from letter_archive.readers import read_bytes
from letter_archive.site.pages import letter_page

from benchmarks.synthetic import generate

DATA = REPO / "data"


def test_generator_is_deterministic_and_seeded():
    first, again, other = generate(40, DATA, seed=7), generate(40, DATA, seed=7), generate(40, DATA, seed=8)
    assert [(x.name, x.text) for x in first] == [(x.name, x.text) for x in again]
    assert [x.text for x in first] != [x.text for x in other]
    assert {x.truth["language"] for x in generate(300, DATA)} == {"en", "ko", "ja"}


def test_extraction_reads_back_what_the_generator_wrote():
    wrong = []
    for letter in generate(400, DATA, seed=3):
        record = extract(read_bytes(letter.text.encode(), letter.name)).record
        got = {"date": record.date, "governments": record.governments, "claimed": record.signatories.claimed,
               "listed": record.signatories.listed, "demands": len(record.demands), "language": record.language}
        wrong += [(letter.name, k, v, got[k]) for k, v in letter.truth.items() if got[k] != v]
    assert wrong == []


@settings(max_examples=25, deadline=None)
@given(st.integers(min_value=0, max_value=10**6))
def test_every_word_of_a_generated_letter_is_on_its_page(seed):
    letter = generate(1, DATA, seed=seed)[0]
    source = read_bytes(letter.text.encode(), letter.name)
    extraction = extract(source)
    record = dataclasses.replace(extraction.record, id="x")
    identities = resolve([n.name for n in record.signatories.names])
    page = letter_page(record, [x.text for x in extraction.text], identities, "originals/x.txt", "0" * 64,
                       "https://example.org/", {}, extraction.signature_span, extraction.signature_lines)
    shown = BeautifulSoup(page.split("-->", 1)[1], "html.parser").get_text(" ")
    body = " ".join(x.text for x in to_lines(source))
    missing = set(re.findall(r"\w+", body)) - set(re.findall(r"\w+", shown))
    assert not missing, sorted(missing)[:10]
