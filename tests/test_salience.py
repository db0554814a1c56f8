"""The addressee by salience (made-up letters): a letter that greets nobody is addressed to the body
its demands and duties are put to, of whatever kind."""

from __future__ import annotations

from letter_archive.extract import extract
from letter_archive.extract.addressees import addressee_kind
from letter_archive.readers import read_bytes


def extraction(text: str):
    return extract(read_bytes(text.encode(), "letter.md", ".md"))


COMPANY = """Open letter on the Harbor Mall expansion

8 August 2022

We, the residents of the Old Harbor district, write about the expansion of the Harbor Mall.
We will campaign until Acme Retail withdraws its plan to build over the harbor park.

We petition Acme Retail's board to meet the residents before any decision.
Acme Retail Inc. must publish the traffic study.

Sincerely,

Old Harbor Residents' Group
Harbor Park Friends
"""


def test_the_body_the_demands_are_put_to_is_the_addressee_in_its_fullest_name():
    ex = extraction(COMPANY)
    assert [p.name for p in ex.record.addressees] == ["Acme Retail Inc."]
    assert addressee_kind(ex.record.addressees[0].name) == "company"
    assert ex.record.governments == []   # a company's letter names no government
    assert "addressees" not in {d.field for d in ex.doubts}   # three sentences put demands to it


def test_one_sentence_that_asks_gives_the_addressee_with_a_doubt():
    text = COMPANY.replace("We will campaign until Acme Retail withdraws its plan to build over the harbor park.\n", "") \
        .replace("Acme Retail Inc. must publish the traffic study.\n", "")
    ex = extraction(text)
    assert [p.name for p in ex.record.addressees] == ["Acme Retail"]
    assert "one sentence" in {d.field: d.why for d in ex.doubts}["addressees"]


def test_a_salutation_still_comes_first():
    ex = extraction(COMPANY.replace("We, the residents", "Dear Mayor Lindqvist,\n\nWe, the residents"))
    assert [p.name for p in ex.record.addressees] == ["Mayor Lindqvist"]


def test_pronouns_and_months_are_no_bodies():
    text = """Statement on the river

4 April 2023

It must be said that the river is dying. In May we call on them to act. They must stop the dumping.

Sincerely,

River Friends
Valley Anglers
"""
    assert extraction(text).record.addressees == []


def test_a_broadcaster_named_in_a_duty_is_the_addressee():
    text = """Open letter on the song contest

2 March 2024

The song contest is watched by millions. National Radio Television must withdraw from the contest this
year, and National Radio Television should explain its decision to its listeners. We call on National
Radio Television to answer this letter.

Signed,

Ana Lima
Tom Berg
"""
    assert [p.name for p in extraction(text).record.addressees] == ["National Radio Television"]


def test_each_addressee_has_a_kind_in_the_record():
    kinds = {p.name: p.kind for p in extraction(COMPANY).record.addressees}
    assert kinds == {"Acme Retail Inc.": "company"}
    letter = COMPANY.replace("We, the residents", "Dear Director of Harbor Public Radio,\n\nWe, the residents")
    assert [p.kind for p in extraction(letter).record.addressees] == ["broadcaster"]


def test_an_editor_sets_an_addressees_kind_and_a_wrong_kind_is_refused():
    import pytest
    from letter_archive.model import Invalid, as_people

    assert as_people([{"name": "Harbor Public Radio", "kind": "broadcaster"}])[0].kind == "broadcaster"
    with pytest.raises(Invalid, match="one of government"):
        as_people([{"name": "Harbor Public Radio", "kind": "radio"}])
    text = "---\naddressees: [{name: Harbor Public Radio}]\n---\n" + COMPANY
    assert [p.kind for p in extraction(text).record.addressees] == ["broadcaster"]   # read from its words
