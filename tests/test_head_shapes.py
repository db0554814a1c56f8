"""The head of letters published on web pages (made-up letters): an editor's note in italics above the
letter is no title, and a dateline under long notes is still the letter's date."""

from __future__ import annotations

from letter_archive.extract import extract
from letter_archive.readers import read_bytes


def record(text: str):
    return extract(read_bytes(text.encode(), "letter.md", ".md")).record


# each note is one long line, as a web page's paragraph is: the first long paragraph no longer ends the head
UPDATE = ("_Update (2022-01-02): the Governor's office replied on 20 December. We publish the reply below the letter "
          "together with our answer. Thank you to everyone who shared the letter and wrote to their representatives._")
NOTE = ("_Editor's note: this letter was first published on our old website. The list of signatories was closed in "
        "January; organisations that wish to be added can still write to us, and we will add them to the record._")
NOTES = f"""# Open letter to the Governor of Westland on prison visits

{UPDATE}

{NOTE}

_2021-11-05_

Dear Governor Alvarez,

We urge you to restore in-person visits at all state prisons and to end the fees for video calls.

Sincerely,

Westland Prison Watch
Families Inside Westland
"""


def test_a_dateline_under_long_editors_notes_is_the_date():
    assert record(NOTES).date == "2021-11-05"


def test_an_italic_update_note_is_no_title_and_a_footer_gives_the_date():
    text = """_Update (2022-01-02): the council replied on 20 December; see below._

Open letter to the Council of Brookfield

The library of Brookfield has been closed for two years. We ask the council to reopen it this spring
and to fund its staff for five years.

Sincerely,

Brookfield Readers
Friends of the Library

Letter written May 3rd, 2021.
"""
    r = record(text)
    assert r.title == "Open letter to the Council of Brookfield"
    assert r.date == "2021-05-03"
    assert [p.name for p in r.addressees] == ["Council of Brookfield"]
    assert r.governments == []   # not "council", the object of the demand, already named in full


def test_demands_set_as_numbered_headings_over_their_explanations_are_the_demands():
    text = """# Open letter to the Regional Water Authority

1 April 2021

Dear Director,

We ask the Authority to act on three points.

## 1. Publish the test results.

The results of the March tests must be made public.

## 2. Replace the lead pipes.

Every lead pipe in the old town must be replaced by 2024.

## 3. Meet the residents.

Sincerely,

Old Town Water Group
"""
    assert record(text).demands == ["Publish the test results.", "Replace the lead pipes.", "Meet the residents."]


def test_numbered_items_in_italics_are_items():
    text = """Open letter to the Mayor of Lindgren

1 April 2021

Dear Mayor,

We call on you to take the following steps:

_1. A review of the bus timetable before the summer._
_2. A second stop at the hospital._

Sincerely,

Lindgren Bus Users
"""
    assert record(text).demands == ["A review of the bus timetable before the summer.", "A second stop at the hospital."]


# Under the dateline comes the letter's first paragraph, not an address block: prose wrapped over lines
# (the next line goes on mid-sentence, in a script with or without capitals) or a sentence of a script
# that ends sentences with 。 is nobody's name.
WRAPPED_KO = """2022-05-10

우리는 녹색 계곡 주민 모임으로서 이 지역의 강을 지키기 위해 오랫동안
활동해 왔으며 새로운 댐 건설 계획에 깊은 우려를 표합니다.

시장님께서는 댐 건설 계획을 즉시 철회해야 합니다.

녹색 계곡 주민 모임
강 살리기 연대
"""

SENTENCE_JA = """2022-05-10

私たちは緑の谷の住民の会として、この地域の川を守るために長年活動してきました。

市長は、ダム建設計画を直ちに撤回すべきです。

緑の谷住民の会
川を守る市民連合
"""

WRAPPED_EN = """10 May 2022

For more than twenty years the residents of Green Valley have worked to keep
the river clean, and we write today about the dam that the council plans.

The council must withdraw the dam plan.

Green Valley Residents
River Friends
"""

ADDRESS_WITH_STOP = """10 May 2022

Ms. Alba Serrano, Special Rapporteur on the rights to water
Palais Wilson
Geneva, Switzerland.

Dear Special Rapporteur,

We urge you to visit Green Valley and report on the dam.

Sincerely,

Green Valley Residents
River Friends
"""


def test_wrapped_prose_under_the_date_is_no_addressee():
    for text in (WRAPPED_KO, SENTENCE_JA, WRAPPED_EN):
        assert record(text).addressees == [] or all(len(p.name) < 40 for p in record(text).addressees), \
            [p.name for p in record(text).addressees]


def test_an_address_block_ending_in_a_full_stop_is_still_the_address():
    assert [p.name for p in record(ADDRESS_WITH_STOP).addressees][:1] == ["Ms. Alba Serrano"] or \
        record(ADDRESS_WITH_STOP).addressees[0].name.startswith(("Alba Serrano", "Ms. Alba Serrano"))


NO_HEADLINE = """12 May 2022

Dear Minister Okafor,

On behalf of the fishers of the Westmere coast, we ask you to stop the dredging of the bay until
its effects on the fisheries have been studied.

Yours sincerely,

Westmere Fishers' Cooperative
"""


def test_a_letter_without_a_headline_is_titled_for_what_it_is_and_the_title_doubted():
    """Under the salutation is the letter's body: its first line is no title (it stops mid-sentence). The
    title is made from the kind and the addressee, and `letters check` lists it under "check these"."""
    ex = extract(read_bytes(NO_HEADLINE.encode(), "letter.txt", ".txt"))
    assert ex.record.title == "Letter to Minister Okafor"
    assert "title" in {d.field for d in ex.doubts}
    assert not [p for p in ex.problems if p.level == "error"]
    edited = extract(read_bytes(("---\ntitle: Stop the dredging\n---\n" + NO_HEADLINE).encode(), "letter.md", ".md"))
    assert edited.record.title == "Stop the dredging" and "title" not in {d.field for d in edited.doubts}


# A web page's byline carries the date: "Posted on 9 November 2021 by Fair Farms Campaign".
BYLINE_PAGE = """# Letter to the chief executive of Orbital Foods

Posted on 9 November 2021 by Fair Farms Campaign

Dear Mr. Dupont,

We are writing on behalf of 112 farmworker, consumer and environmental organisations to ask Orbital Foods
to adopt a binding living-wage commitment for every farm in its supply chain.

Sincerely,

Fair Farms Campaign
Consumers United for Fair Food
"""


def test_a_byline_gives_the_date_and_a_count_with_several_adjectives_is_read():
    rec = record(BYLINE_PAGE)
    assert rec.date == "2021-11-09"
    assert rec.signatories.claimed == 112


def test_a_sentence_with_a_date_and_by_is_no_byline():
    text = BYLINE_PAGE.replace("Posted on 9 November 2021 by Fair Farms Campaign\n\n", "") \
        .replace("Dear Mr. Dupont,", "Dear Mr. Dupont,\n\nThe law was passed on 9 November 2021 by the assembly.")
    assert record(text).date is None


# Labels set in bold, as Markdown pages do: "**Cc:** …", "**Re:** …"
BOLD_LABELS = """**To:** Hon. Priya Natarajan, Minister for Home Affairs
**Cc:** Senator Tom Ellery, Chair, Senate Committee on Legal Affairs
**Re:** Detention on Marlow Island

3 March 2023

Dear Minister,

We urge you to end the detention of people seeking asylum on Marlow Island.

Yours sincerely,

Refugee Action Network
Pacific Rights Watch
"""


def test_bold_labels_are_read_as_labels():
    rec = record(BOLD_LABELS)
    assert rec.title == "Detention on Marlow Island"
    assert [p.name for p in rec.cc] == ["Senator Tom Ellery"] or rec.cc[0].name.startswith("Tom Ellery")


# An address block led by its preposition is whom the letter is to, not its title.
ADDRESS_NOT_TITLE = """Berlin, 14. Juni 2022

An die Bundesministerin für Bildung und Forschung
Frau Dr. Klara Sommer

Sehr geehrte Frau Ministerin Sommer,

wir fordern Sie auf, die geplanten Kürzungen beim BAföG zurückzunehmen.

Mit freundlichen Grüßen

Studierendenrat Westfalen
Fachschaftenkonferenz Nord
"""


def test_the_address_block_is_not_the_title():
    rec = record(ADDRESS_NOT_TITLE)
    assert rec.title != "An die Bundesministerin für Bildung und Forschung"
    assert rec.addressees and "Bundesministerin" in (rec.addressees[0].name + (rec.addressees[0].title or ""))


def test_we_write_to_ask_is_a_demand():
    """"We are writing on behalf of … to ask X to …": why one writes, then the ask, is a demand; "We
    write to express our concern" is not."""
    assert len(record(BYLINE_PAGE).demands) == 1
    assert not record(BYLINE_PAGE.replace("to ask Orbital Foods\nto adopt", "to express our concern about\n"
                                                                             "the wages paid")).demands


def test_the_purpose_sentence_is_a_demand_only_when_no_other_is_made():
    """"We write to urge you to act": the letter's ask when it makes no other; a summary of the asks that
    follow when it goes on to make them (so they, and their numbers on the page, stay as they were)."""
    more = BYLINE_PAGE.replace("supply chain.\n", "supply chain.\n\nWe urge you to publish the list of your suppliers.\n")
    assert record(more).demands == ["We urge you to publish the list of your suppliers."]


def test_addressee_lines_in_other_shapes():
    """"À l'attention de Madame X", a To: line of several people split by semicolons, a To: header that
    is only an e-mail address (the salutation names the addressee then)."""
    french = "Paris, le 3 février 2023\n\nÀ l'attention de Madame Claire Dubois\n\nMadame la Ministre,\n\n" \
             "Nous vous demandons de suspendre le projet de drainage du marais.\n\nSignataires :\n\n- Les Amis du Marais\n"
    assert [p.name for p in record(french).addressees] == ["Claire Dubois"]
    several = "To: Ms. Lena Park, CEO, Northline Mining Ltd.; Mr. Omar Haddad, Chair of the Board, Northline Mining Ltd.\n\n" \
              "20 August 2024\n\nWe call on Northline Mining to withdraw from the Red Creek project.\n\n" \
              "Signed by:\nRed Creek Nation Council\nFriends of the Boreal\n"
    people = record(several).addressees
    assert [(p.name, p.title) for p in people] == [("Lena Park", "CEO, Northline Mining Ltd"),
                                                  ("Omar Haddad", "Chair of the Board, Northline Mining Ltd")]
    mailed = "To: mayor@westport.example\n\nDear Mayor Okonkwo,\n\nWe call on you to ban diesel buses.\n\n" \
             "Signed,\n\nCoalition for Clean Air\nWestport Cyclists\n"
    assert [p.name for p in record(mailed).addressees] == ["Mayor Okonkwo"] or \
        [(p.title, p.name) for p in record(mailed).addressees] == [("Mayor", "Okonkwo")]


def test_an_ordinal_date_with_of_and_an_honorable_addressee():
    text = ("3rd of May 2022\n\nThe Honorable Rosa Delgado\nGovernor of New Cascadia\n\nDear Governor Delgado:\n\n"
            "We urge you to veto Senate Bill 412.\n\nSincerely,\n\nHarbour Rights Group\nValley Farmers Union\n")
    rec = record(text)
    assert rec.date == "2022-05-03"
    assert [(p.name, p.title, p.kind) for p in rec.addressees] == [("Rosa Delgado", "Governor of New Cascadia", "person")]


def test_a_cc_line_is_not_the_title():
    text = ("9 March 2021\n\nPrime Minister Jane Roe\nCC: Ana Lima, Minister of Justice\n\nDear Prime Minister,\n\n"
            "We urge you to release the prisoners.\n\nSincerely,\n\nHarbour Rights Group\nValley Union\n")
    assert not record(text).title.startswith("CC")
