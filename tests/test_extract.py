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
# --- shapes met in PDF and Word letters (issue 16) -----------------------------------------------

def test_a_greeting_with_an_inclusive_ending_names_its_addressee():
    """"Sehr geehrte/r", "Liebe*r", "Estimados/as": the ending after the slash or star is part of the
    greeting word, and the addressee follows it."""
    body = "\n\nWir schreiben Ihnen wegen der Schließung der Stadtbibliothek.\n\nMit freundlichen Grüßen\n\nLesekreis Nord\n"
    for greeting, who in (("Sehr geehrte/r Landrät*in, sehr geehrte Kreistagsmitglieder,", "Landrät*in"),
                          ("Liebe*r Bürgermeister*in,", "Bürgermeister*in")):
        assert [p.name for p in record("3. März 2021\n\n" + greeting + body).addressees] == [who]


UKRAINIAN = """Шановний пане міністре,

Ми, мешканці селища, звертаємося до вас через закриття єдиної лікарні в районі.

Для цього ми пропонуємо наступні кроки:

1) Негайно відновити роботу лікарні.

2) Провести громадські слухання щодо майбутнього закладу.

З повагою,

Ініціативна група мешканців
"""


def test_a_ukrainian_letter_is_read_with_its_own_words():
    r = record(UKRAINIAN)
    assert r.language == "uk"
    assert [p.name for p in r.addressees] == ["міністре"]
    assert r.demands == ["Негайно відновити роботу лікарні.", "Провести громадські слухання щодо майбутнього закладу."]
    assert r.signatories.listed == 1


OWN_CLOSING = """Dear members of the school board,

The bus that brings our children to school has been cancelled twice this month, and the families of
the valley have no other way to reach the town in winter.

I want to propose a shared minibus run by the parents, with the board paying for its insurance.

{closing}
"""


def test_a_letter_closed_in_its_own_words_is_signed_by_the_name_under_them():
    """No known closing word: a short line ending in a comma that starts the last paragraph, then a
    line that is only a name, sign the letter."""
    for closing in ("With hope for a safer winter road,\nMaria Lopez", "With hope for a safer winter road,\n\nMaria Lopez"):
        s = record(OWN_CLOSING.format(closing=closing)).signatories
        assert [n.name for n in s.names] == ["Maria Lopez"]


def test_a_place_under_a_line_ending_in_a_comma_is_no_signer():
    for closing in ("Sent from the valley,\nCanada", "With hope for the children of the valley,\nwe remain hopeful"):
        assert record(OWN_CLOSING.format(closing=closing)).signatories.listed == 0


def test_i_want_to_propose_is_a_demand():
    demands = record(OWN_CLOSING.format(closing="Kind regards,\n\nMaria Lopez")).demands
    assert demands == ["I want to propose a shared minibus run by the parents, with the board paying for its insurance."]


SIGNED_LIST = """12 May 2022

Dear Mayor,

We ask you to keep the night buses running on every line of the city.

Best regards,

{under}

{entries}
"""


def test_a_count_in_the_line_under_the_closing_is_the_stated_count():
    entries = "\n".join(f"{k} Tenants Association {chr(64 + k)}" for k in range(1, 13))
    s = record(SIGNED_LIST.format(under="The boards of the following 12 tenants associations", entries=entries)).signatories
    assert s.claimed == 12 and s.listed == 12
    # a name with a number in it is no count
    s = record(SIGNED_LIST.format(under="Route 66 Cyclists Network", entries="Green Valley Group\nCity Cyclists")).signatories
    assert s.claimed is None and s.listed == 3


def test_a_numbered_list_has_no_unnumbered_entry_between_two_numbers():
    """Entries numbered 1 to 8: a line right under entry 3 continues its name; a block set apart by a
    blank line between 6 and 7 (an organiser's address placed there by the layout) is no entry; an
    entry's own number is no house number."""
    entries = ["1 Riverside Youth Club", "2 Old Mill Choir", "3 Committee for Safe Streets and", "Quiet Neighbourhoods",
               "4 Silk Road Studio", "5 Harbour Rowing Club", "6 Lantern Theatre", "", "Ana Ribeiro",
               "Coordinator of the Appeal", "21 Harbour Street", "", "7 Weavers Guild", "8 Northside Food Bank"]
    s = record(SIGNED_LIST.format(under="Signed by:", entries="\n".join(entries))).signatories
    assert [n.name for n in s.names] == ["Riverside Youth Club", "Old Mill Choir",
                                         "Committee for Safe Streets and Quiet Neighbourhoods", "Silk Road Studio",
                                         "Harbour Rowing Club", "Lantern Theatre", "Weavers Guild", "Northside Food Bank"]


def test_a_list_announced_by_a_demand_is_what_is_asked_not_who_signs():
    text = """Sehr geehrte Damen und Herren,

wir schreiben Ihnen als Eltern der Grundschule am Park, deren Turnhalle seit zwei Jahren gesperrt ist.

Wir fordern:
1) Die Sanierung der Turnhalle bis zum Sommer
2) Einen Ersatzraum für den Sportunterricht
3) Regelmäßige Berichte an den Elternbeirat
"""
    r = record(text)
    assert r.signatories.listed == 0
    assert r.demands == ["Die Sanierung der Turnhalle bis zum Sommer", "Einen Ersatzraum für den Sportunterricht",
                         "Regelmäßige Berichte an den Elternbeirat"]


BODY_DUTY = """4 June 2024

Dear Commissioner,

{paragraph}

Sincerely,

Coastal Fishers Union
Harbour Families Network
"""


def test_a_named_bodys_duty_is_a_demand_however_long_the_sentence():
    """"The X must / should (adverbs) verb …" with X a body's name, also after an opening clause and
    "X and <body in lower case>": what the letter asks of it. Not "It must", not "must have been"."""
    asked = ["The Fisheries Agency, and regional authorities, must also urgently publish the catch data of the last "
             "five seasons, including the figures it has so far kept from the public.",
             "Until the new rules are adopted, the Coastal Council should suspend the licences it granted last spring.",
             "The Fisheries Agency and national governments should not approve new trawling permits in the bay."]
    not_asked = ["It must be said that the harbour has changed a great deal over the years.",
                 "The Fisheries Agency must have known about the decline for a long time."]
    demands = record(BODY_DUTY.format(paragraph=" ".join(asked + not_asked))).demands
    assert demands == asked


def test_we_with_what_we_are_then_the_verb_asks():
    paragraph = ("We, the families who live along the coast, request that you meet us before the summer. "
                 "We need you to visit the harbour yourself.")
    assert record(BODY_DUTY.format(paragraph=paragraph)).demands == [
        "We, the families who live along the coast, request that you meet us before the summer.",
        "We need you to visit the harbour yourself."]


def test_someone_elses_words_and_reported_duties_are_not_demands():
    """A modal in a passage quoted from someone (the quotation may run over two sentences), in a
    paragraph that gives a speaker's words ("…, said …"), or attributed to a source ("laut …"), is
    not the letter asking."""
    text = """Sehr geehrte Damen und Herren,

Die Leiterin des Vereins sagt: „Die Stadt muss endlich handeln. Auch die Schulen sollten mehr tun.“

Laut Haushaltsplan soll die Brücke erst 2030 saniert werden.

Die Brücke muss noch in diesem Jahr saniert werden.

Mit freundlichen Grüßen

Verein Flussufer
"""
    assert record(text).demands == ["Die Brücke muss noch in diesem Jahr saniert werden."]
    speech = ("The ministry should stop the dredging at once, said the director of the fishers' union. "
              "The Fisheries Agency should also publish the data it collected on the bay since the first survey.")
    assert record(BODY_DUTY.format(paragraph=speech)).demands == []


def test_a_german_modal_that_closes_its_clause_is_not_a_demand():
    """"…, die getroffen werden müssen, …": a modal at the end of a subordinate clause describes; a
    modal in second place asks."""
    text = """Sehr geehrte Damen und Herren,

Der Rat hat eine Liste von Maßnahmen beschlossen, die bis zum Herbst umgesetzt werden müssen, damit der Park bleibt.

Unklar ist, welche Behörde die Kosten tragen soll und wer die Arbeiten überwacht.

Die Stadt muss die Bäume am Ufer erhalten.

Mit freundlichen Grüßen

Verein Flussufer
"""
    assert record(text).demands == ["Die Stadt muss die Bäume am Ufer erhalten."]


def test_a_name_wrapped_inside_its_brackets_is_one_entry():
    """A list's entry that opens a bracket on one line and closes it on the next, or whose next line
    starts with a bracket, is one entry (a narrow column wrapped it)."""
    entries = ["Valley Community Radio Service", "(KVCR.fm)", "Alliance for Open Data (Open Data and Civic",
               "Technology Initiative)", "Riverside Tenants Union", "Harbour Families Network"]
    s = record(SIGNED_LIST.format(under="Signed,", entries="\n".join(entries))).signatories
    assert [n.name for n in s.names] == ["Valley Community Radio Service (KVCR.fm)",
                                         "Alliance for Open Data (Open Data and Civic Technology Initiative)",
                                         "Riverside Tenants Union", "Harbour Families Network"]


def test_a_headline_set_over_two_lines_is_one_title():
    text = ("Open letter: the valley's last school must not close at the end of\nthis year, we ask the board to keep it\n\n"
            "Dear members of the board,\n\nWe ask you to keep the school open.\n\nSincerely,\n\nParents of the Valley\n")
    assert record(text).title == ("Open letter: the valley's last school must not close at the end of this year, "
                                  "we ask the board to keep it")
    # a line that goes on into a sentence of the letter is not part of its title
    text = text.replace("keep it\n", "keep it. It is the only one.\n")
    assert record(text).title == "Open letter: the valley's last school must not close at the end of"
