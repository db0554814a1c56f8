"""The signature block chosen by scoring candidates, and the doubts a record carries (made-up letters,
each in a shape the rule serves)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from letter_archive.extract import extract
from letter_archive.extract.signature_block import candidates
from letter_archive.readers import read_bytes

LETTERS = Path(sys.executable).parent / "letters"


def extraction(text: str, name: str = "letter.txt"):
    return extract(read_bytes(text.encode(), name, Path(name).suffix))


def doubted(text: str, name: str = "letter.txt") -> dict[str, str]:
    return {d.field: d.why for d in extraction(text, name).doubts}


# A letter with no closing word, whose demands and signers are both bullet lists: the list a demand
# announces is no candidate, and the signers' list is chosen. Where it ends the letter, no doubt: a list
# of names with nothing above it was right in every letter measured (README, Doubts).
BULLETS_ONLY = """Open letter on the closure of the Westmere harbour clinic

12 May 2022

To the Board of Directors of Harbourline Health Ltd

We write as residents and workers of the Westmere district about the decision to close the harbour
clinic on 30 June. The clinic serves more than four thousand people who have no other doctor near.

We call on the Board to:

- Suspend the closure until an independent review has reported.
- Publish the figures on which the decision was taken.
- Meet the residents' committee before the end of the month.

We look forward to your answer.

- Westmere Residents' Committee
- Harbour Workers Union
- Friends of Westmere Library
- Quayside Tenants Association
"""


def test_a_bullet_list_of_signers_without_a_heading_is_chosen_and_doubted():
    ex = extraction(BULLETS_ONLY)
    assert [n.name for n in ex.record.signatories.names] == [
        "Westmere Residents' Committee", "Harbour Workers Union", "Friends of Westmere Library",
        "Quayside Tenants Association"]
    assert len(ex.record.demands) == 3
    assert "signatories.listed" not in {d.field for d in ex.doubts}


# The same list with pages of text after it: the letter does not end there, so the list may go on
# further down, or be another list than the signers'.
BACKGROUND = "\n\n## Background\n\n" + "\n\n".join(
    f"In {year} the harbour clinic treated patients from every part of the district, and its staff ran home "
    "visits for those who could not travel. The health board's own figures show that waiting times fell in each "
    "year the clinic was open, and that emergency admissions from the district fell with them." for year in
    range(2010, 2018)) + "\n"


def test_a_list_followed_by_pages_of_text_is_doubted():
    ex = extraction(BULLETS_ONLY + BACKGROUND)
    assert ex.record.signatories.listed == 4
    assert "words of text follow the signature list" in {d.field: d.why for d in ex.doubts}["signatories.listed"]


def test_an_address_line_led_by_to_names_the_body_without_the_preposition():
    people = extraction(BULLETS_ONLY).record.addressees
    assert [p.name for p in people] == ["Board of Directors of Harbourline Health Ltd"]


def test_the_same_list_under_a_closing_is_not_doubted():
    text = BULLETS_ONLY.replace("We look forward to your answer.\n", "We look forward to your answer.\n\nSigned,\n")
    ex = extraction(text)
    assert ex.record.signatories.listed == 4
    assert "signatories.listed" not in {d.field for d in ex.doubts}


# Sub-headings inside the list a closing announces ("Organisations:", "Individuals:") are part of that
# list: a bullet run under one of them is no rival candidate that would cut the list short.
SUB_HEADINGS = """3 March 2021

Dear Minister Okafor,

We ask you to withdraw the draft fisheries bill and to consult coastal communities before any new draft.

Sincerely,

Organisations:
- Coastal Fishers Alliance
- Blue Water Trust
- Lagoon Women's Cooperative

Individuals:
- Ada Mensah
- Kofi Boateng
- Efua Sarpong
"""


def test_sub_lists_under_headings_stay_inside_the_signed_list():
    ex = extraction(SUB_HEADINGS)
    assert ex.record.signatories.listed == 6
    best = candidates(ex.text)[0]
    assert best.rule == "closing or heading"
    assert [c for c in candidates(ex.text) if c.rule == "bullet list"] == []


def test_a_stated_count_far_from_the_listed_one_is_doubted():
    text = SUB_HEADINGS.replace("Sincerely,", "Sincerely, on behalf of 40 organisations,")
    assert "states 40" in doubted(text)["signatories.listed"]


def test_no_addressee_and_no_demand_are_doubts():
    text = """Statement on the floods

4 April 2023

The floods of last week destroyed the homes of many families in the valley. Our members worked
through the night to bring food and blankets to those who lost everything.

Sincerely,

Valley Relief Network
Hillside Farmers Union
"""
    doubts = doubted(text)
    assert doubts["addressees"].startswith("no addressee found")
    assert doubts["demands"].startswith("no demand found")
    assert "date" not in doubts


def test_a_field_the_editor_set_is_not_doubted():
    text = "---\ndemands: [Rebuild the valley's bridges]\n---\n" + """Statement on the floods

4 April 2023

The floods of last week destroyed the homes of many families in the valley.

Sincerely,

Valley Relief Network
Hillside Farmers Union
"""
    assert "demands" not in doubted(text, "letter.md")


def test_extract_json_gives_doubts_and_check_lists_them_first(tmp_path):
    letter = tmp_path / "harbour.txt"
    letter.write_text(BULLETS_ONLY + BACKGROUND, encoding="utf-8")
    out = json.loads(subprocess.run([str(LETTERS), "extract", "--json", str(letter)], capture_output=True, text=True,
                                    check=True).stdout)
    assert out[0]["doubts"] == [{"field": "signatories.listed", "why": "418 words of text follow the signature list: "
                                 "the letter may go on, or its signers be listed further down"}]
    report = subprocess.run([str(LETTERS), "check", "-v", str(letter)], capture_output=True, text=True).stdout
    lines = report.splitlines()
    assert lines[1].strip() == "check these:"
    assert lines[2].strip().startswith("? signatories.listed: 418 words of text follow")
    assert "line 18" in lines[2]
    assert "1. bullet list, score" in report   # the candidates, best first


def test_a_salutation_to_a_role_alone_is_doubted_and_a_named_one_is_not():
    text = """Open letter on rural clinics

9 September 2020

Dear Minister,

We call on you to restore funding for rural clinics.

Sincerely,

Rural Health Alliance
Nurses' Network
"""
    assert "greets a role" in doubted(text)["addressees"]
    assert "addressees" not in doubted(text.replace("Dear Minister,", "Dear Minister Okafor,"))


def test_the_addressee_warning_names_its_kind_with_the_right_article(tmp_path):
    letter = tmp_path / "runon.txt"
    letter.write_text("""Open letter to the Board of Northwind Energy

3 October 2023

We call on the Board of Northwind Energy to halt drilling in the Moor Valley.

Sincerely,

Alpha Union
Beta Centre
""", encoding="utf-8")
    report = subprocess.run([str(LETTERS), "check", str(letter)], capture_output=True, text=True).stdout
    assert "read as an organisation" in report and "a organisation" not in report


# The text says how many signed, and no list of them was found: either the letter lists none (then the
# editor confirms it) or the list was missed, which is the commoner case.
STATED_NOT_LISTED = """12 May 2022

Dear Minister Okafor,

On behalf of 43 organisations of the Westmere coast, we ask you to stop the dredging of the bay until
its effects on the fisheries have been studied.

Yours sincerely,
"""


def test_signers_stated_but_none_listed_is_doubted():
    rec = extraction(STATED_NOT_LISTED).record
    assert rec.signatories.claimed == 43 and not rec.signatories.listed
    assert "43" in doubted(STATED_NOT_LISTED)["signatories.listed"]


def test_a_first_paragraph_of_prose_is_no_addressee_and_the_letter_says_so():
    from test_head_shapes import WRAPPED_KO
    assert "addressees" in doubted(WRAPPED_KO)


def _unaddressed(mentions: str) -> str:
    return f"""Statement on the river treaty

4 April 2023

{mentions}

The river feeds millions of farms on both banks, and the dry season is near.

Valley Relief Network
Hillside Farmers Union
"""


def test_the_government_mentioned_most_is_doubted_only_when_another_is_mentioned_nearly_as_often():
    alone = _unaddressed("Brazil signed the treaty in 1990. Brazil has kept it since. Brazil reviews it this year.")
    rivals = _unaddressed("Brazil signed the treaty with Argentina in 1990. Brazil and Argentina have kept it. "
                          "Brazil reviews it this year.")
    assert extraction(alone).record.governments == ["Brazil"] == extraction(rivals).record.governments
    assert "addressees" not in doubted(alone)
    assert "another nearly as often" in doubted(rivals)["addressees"]
