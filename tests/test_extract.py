"""Extraction rules met in real letters beyond the seeds (../shared/eval holds the letters they came
from; these tests carry the shape of each case without needing it)."""

from __future__ import annotations

from letter_archive.extract import extract
from letter_archive.readers import read_bytes


def record(text: str) -> dict:
    return extract(read_bytes(text.encode(), "letter.txt")).record


LETTER = """8 January 2020

Dear Prime Minister,

Our organisations have followed the case for many years and write to you about it again.

{intro}

{items}

{after}

Sincerely,

Amnesty International
Human Rights Watch
"""


def test_items_without_bullets_after_an_announcing_demand_are_the_demands():
    """Bullets lost on the way (or a statement that never had them): one-line paragraphs after
    "we demand the following", each its own demand; a line ending in a comma heads those after it."""
    items = "\n\n".join(["The Japanese Government,", "Admit the war crimes and stop distortion of history!",
                         "Make official apology and legal reparations!", "The Korean Government,",
                         "Return the consolation money immediately!"])
    demands = record(LETTER.format(intro="Therefore we demand the following:", items=items, after="8 January 2020")).demands
    assert demands == ["The Japanese Government: Admit the war crimes and stop distortion of history!",
                       "The Japanese Government: Make official apology and legal reparations!",
                       "The Korean Government: Return the consolation money immediately!"]


def test_korean_as_follows_announces_its_items():
    items = ["일본 정부는 전쟁범죄 인정하고 역사왜곡 중단하라!", "한국 정부는 위로금 10억 엔 즉각 반환하라!"]
    text = LETTER.format(intro="이에 우리는 다음과 같이 요구한다.", items="\n\n".join(items), after="2020년 1월 8일")
    assert record(text).demands == items


def test_prose_after_an_announcing_demand_is_not_an_item():
    prose = ("The situation has worsened since our last letter, as the reports of the Special Rapporteur and of "
             "several independent monitors have shown in detail, and the families have had no news at all of "
             "their relatives for more than two years, despite repeated requests made through every channel.")
    got = record(LETTER.format(intro="We urge you to act on the following:", items=prose, after="Thank you.")).demands
    assert got == ["We urge you to act on the following:"]


def test_taking_up_another_groups_demands_is_a_demand():
    """Solidarity letters make others' demands their own."""
    base = LETTER.format(intro="{}", items="We condemn the violence against the protesters.", after="Thank you.")
    english = record(base.format("We fully support the demands of the strikers: a living wage and safe workplaces."))
    assert english.demands == ["We fully support the demands of the strikers: a living wage and safe workplaces."]
    german = record(base.format("Wir unterstützen die Forderungen der Letzten Generation: ein Tempolimit auf Autobahnen."))
    assert german.demands == ["Wir unterstützen die Forderungen der Letzten Generation: ein Tempolimit auf Autobahnen."]
    assert record(base.format("We support the people of Korea in their struggle.")).demands == []


RUN_ON = """Open letter of the local groups

Six local groups of Fridays For Future stand with the climate activists. We call on the government to act now.

We condemn the violence against peaceful protesters and thank everyone who supports them.

{signed}
"""


def test_a_letter_signed_in_one_sentence_lists_exactly_its_stated_signatories():
    signed = "The Fridays For Future groups Gießen, Göttingen, Schwäbisch Hall, Bingen, Fulda and Hannover."
    s = record(RUN_ON.format(signed=signed)).signatories
    assert s.claimed == 6 and s.listed == 6
    assert [n.name for n in s.names] == ["Gießen", "Göttingen", "Schwäbisch Hall", "Bingen", "Fulda", "Hannover"]
    assert [(g.label, g.claimed, g.listed) for g in s.groups] == [("The Fridays For Future groups", None, 6)]


def test_a_sentence_that_names_another_number_of_places_is_not_a_signature_list():
    for sentence in ("We marched in Gießen, Göttingen, Bingen, Fulda and Hannover.",           # 5, not 6
                     "The groups Gießen, Göttingen, Bingen, Fulda, Kassel, Hanau and Hannover."):  # 7
        assert record(RUN_ON.format(signed=sentence)).signatories.listed == 0


def test_a_one_sentence_list_without_an_opening_is_an_unnamed_group():
    s = record(RUN_ON.format(signed="Gießen, Göttingen, Bingen, Fulda, Kassel und Hannover.")).signatories
    assert s.listed == 6 and s.named_groups == [] and s.names[0].name == "Gießen"


CC_LETTER = """12 May 2022

Ms Ingrid Holm
Minister for Fisheries of Norway

{cc}

Dear Minister,

We urge you to publish the catch quotas for the coming season.

Sincerely,

Coastal Voices, Norway
Fjord Keepers, Norway
"""


def test_a_cc_line_of_a_name_then_a_role_is_a_person_with_that_role():
    """"Name, Title of Body": the person is the name, the role after the comma ("Foreign Affairs,
    Wang Yi, Minister of" was read from a real letter's copy line). Made-up names and bodies."""
    people = [(p.name, p.title) for p in record(CC_LETTER.format(cc="CC: Arne Dahl, Minister of Trade and Industry")).cc]
    assert people == [("Arne Dahl", "Minister of Trade and Industry")]
    lines = "cc: Arne Dahl, Minister of Trade and Industry\nLiv Berg, Director-General of the Coastal Administration"
    people = [(p.name, p.title) for p in record(CC_LETTER.format(cc=lines)).cc]
    assert people == [("Arne Dahl", "Minister of Trade and Industry"),
                      ("Liv Berg", "Director-General of the Coastal Administration")]
    # a title before the name, then the body it heads
    people = [(p.name, p.title) for p in record(CC_LETTER.format(cc="Cc: State Secretary Per Moe, Ministry of Trade")).cc]
    assert people == [("Per Moe", "State Secretary, Ministry of Trade")]
    # a name and an organisation, no role: as before
    people = [(p.name, p.title) for p in record(CC_LETTER.format(cc="CC: Kari Nord, Coastal Voices")).cc]
    assert people == [("Kari Nord", None)]
