"""Signature lists in the shapes letters on web pages take (made-up letters, one shape each): a list
that goes on across a comment and a note, ends at a rule; names without a closing word above a page's
"Related posts" links."""

from __future__ import annotations

from pathlib import Path

from letter_archive.extract import extract
from letter_archive.readers import read_bytes


def names(text: str, name: str = "letter.md") -> list[str]:
    record = extract(read_bytes(text.encode(), name, Path(name).suffix)).record
    return [n.name for n in record.signatories.names]


INTERPOSED = """# Open letter to the Mayor of Lindgren on the river path

14 June 2021

Dear Mayor Holm,

We ask you to keep the river path open to walkers and cyclists, and to publish the plans for the
new bridge before the council votes on them.

Yours sincerely,

## People

<!-- add names below this line -->

<small>affiliations are given for identification only</small>

1. Ana Ruiz, Lindgren Walkers
2. Tom Berg
3. Lena Frisk, Cyclists' Club
4. Omar Haddad

***

Glossary

- Path: the footpath along the river
- Bridge: the planned crossing at Mill Street
"""


def test_a_list_goes_on_across_a_comment_and_a_note_and_ends_at_a_rule():
    assert names(INTERPOSED) == ["Ana Ruiz", "Tom Berg", "Lena Frisk", "Omar Haddad"]


def test_a_rule_between_two_groups_does_not_end_the_list():
    text = INTERPOSED.replace("***\n\nGlossary\n\n- Path: the footpath along the river\n- Bridge: the planned crossing at "
                              "Mill Street\n", "---\n\n## Organisations\n\n- Lindgren Walkers\n- Cyclists' Club\n")
    assert names(text)[-2:] == ["Lindgren Walkers", "Cyclists' Club"]
    assert len(names(text)) == 6


RELATED = """# Open letter: stop the sale of the Elm Street school

2 February 2022

The undersigned parents and teachers write about the district's plan to sell the Elm Street school.

We urge the school board to withdraw the sale from its agenda and to hold a public meeting first.

Elm Street Parents' Association
Riverside Teachers' Union
Friends of Elm Street Park

Related posts

- [Budget hearing: what we learned](https://example.org/budget-hearing)
- [Ten years of the school garden](https://example.org/garden)
- [How to join the parents' association](https://example.org/join)
"""


def test_names_after_the_body_sign_it_and_a_list_of_page_links_does_not():
    assert names(RELATED) == ["Elm Street Parents' Association", "Riverside Teachers' Union", "Friends of Elm Street Park"]


def test_a_bullet_list_of_linked_organisation_names_still_signs():
    text = RELATED.replace("Elm Street Parents' Association\nRiverside Teachers' Union\nFriends of Elm Street Park\n\n"
                           "Related posts\n\n", "").replace(
        "- [Budget hearing: what we learned](https://example.org/budget-hearing)\n- [Ten years of the school garden]"
        "(https://example.org/garden)\n- [How to join the parents' association](https://example.org/join)\n",
        "- [Friends of the Earth Elm](https://example.org/foe)\n- [Riverside Teachers' Union](https://example.org/rtu)\n"
        "- [Elm Street Parents' Association](https://example.org/espa)\n")
    assert names(text) == ["Friends of the Earth Elm", "Riverside Teachers' Union", "Elm Street Parents' Association"]


BOLD_NAMES = """Open letter to the Minister of Health

9 September 2020

Dear Minister,

We call on you to restore funding for rural clinics.

Signatories:

**Jo Roe**
Director, Rural Health Alliance

**Sam Poe**
Chair, Nurses' Network Inc.

Global

**Ravi Menon**
Secretary, World Clinics Forum
"""


def test_a_bold_name_over_its_role_is_a_signer_and_a_plain_sub_heading_is_not():
    record = extract(read_bytes(BOLD_NAMES.encode(), "letter.md", ".md")).record
    assert [(n.name, n.type, n.affiliation) for n in record.signatories.names] == [
        ("Jo Roe", "individual", "Director, Rural Health Alliance"),
        ("Sam Poe", "individual", "Chair, Nurses' Network Inc."),
        ("Ravi Menon", "individual", "Secretary, World Clinics Forum")]
    assert [g.label for g in record.signatories.groups][-1] == "Global"


def test_a_bold_heading_over_a_run_of_names_still_heads_a_group():
    text = BOLD_NAMES.replace("**Jo Roe**\nDirector, Rural Health Alliance\n\n**Sam Poe**\nChair, Nurses' Network Inc.",
                              "**Nurses**\nAna Lima\nTom Berg\nLena Frisk")
    record = extract(read_bytes(text.encode(), "letter.md", ".md")).record
    assert [g.label for g in record.signatories.groups][0] == "Nurses"
    assert [n.name for n in record.signatories.groups[0].signatories] == ["Ana Lima", "Tom Berg", "Lena Frisk"]


RUN_ON = """Open letter to the Board of Northwind Energy

3 October 2023

We, the undersigned organisations, call on the Board of Northwind Energy to halt drilling in the
Moor Valley until an independent study of the water table has been published.

Signed: Alpha Union, (Inc.) Beta Centre, Gamma Trust, Delta Friends of the Moor, Epsilon Network, Zeta
Water Watch (6 in total)
"""


def test_signers_in_one_paragraph_after_signed_are_split_at_commas_with_the_stated_total():
    record = extract(read_bytes(RUN_ON.encode(), "letter.txt", ".txt")).record
    assert [n.name for n in record.signatories.names] == [
        "Alpha Union (Inc.)", "Beta Centre", "Gamma Trust", "Delta Friends of the Moor", "Epsilon Network",
        "Zeta Water Watch"]
    assert record.signatories.claimed == 6


def test_a_sentence_after_signed_is_no_list():
    text = RUN_ON.replace("Signed: Alpha Union, (Inc.) Beta Centre, Gamma Trust, Delta Friends of the Moor, Epsilon "
                          "Network, Zeta\nWater Watch (6 in total)", "Signed: the board of the valley's oldest "
                          "association, which has fought for the moor since 1950, and its members")
    assert extract(read_bytes(text.encode(), "letter.txt", ".txt")).record.signatories.listed == 0


SENDER = """Letter on the new housing law

5 March 2021

Association for Fair Housing

Dear members of the housing committee,

We ask you to amend article 4 of the draft so that tenants keep their right to a hearing.

Kind regards
"""


def test_an_organisation_under_the_date_of_a_letter_that_greets_someone_else_is_its_sender():
    record = extract(read_bytes(SENDER.encode(), "letter.txt", ".txt")).record
    assert [n.name for n in record.signatories.names] == ["Association for Fair Housing"]
    assert [p.name for p in record.addressees] == ["members of the housing committee"]


def test_an_address_block_over_a_salutation_to_the_same_body_stays_the_addressee():
    text = SENDER.replace("Dear members of the housing committee,", "Dear Association for Fair Housing,") \
        .replace("Kind regards", "Kind regards\n\nTenants of Block C")
    record = extract(read_bytes(text.encode(), "letter.txt", ".txt")).record
    assert [p.name for p in record.addressees] == ["Association for Fair Housing"]
    assert [n.name for n in record.signatories.names] == ["Tenants of Block C"]


def test_an_address_block_the_salutation_greets_by_its_title_is_no_sender():
    text = "March 5, 2021\n\nPrime Minister of Japan\n\nRe: Prisoners\n\nDear Prime Minister,\n\n" \
           "We urge you to release every political prisoner.\n\n"
    record = extract(read_bytes(text.encode(), "letter.txt", ".txt")).record
    assert [p.name for p in record.addressees] == ["Prime Minister of Japan"]
    assert record.signatories.listed == 0


UNSEEN = """Open Letter to Riverside City Council on the Eviction of Street Vendors

12 September 2025

Councillor Maria Delgado
Chair, Riverside City Council
100 Civic Plaza, Riverside

Dear Councillor Delgado and Members of the Council,

We write to express our deep concern at the Council's plan to clear all street vendors from the Old
Market district by 1 November 2025.

We therefore call on the Council to:

1. Suspend the eviction order of 28 August 2025 until a public consultation has been held with
   the vendors and their associations;
2. Designate an alternative trading area within 500 metres of the Old Market before any
   relocation takes place;
3. Publish the full impact assessment on which the decision was based.

Yours sincerely,

Riverside Vendors' Union
Housing Justice Network

**Dr. Helen Okafor**
Professor of Urban Planning, Riverside University
"""


def test_a_letter_in_shapes_no_rule_was_written_for():
    """Written by someone trying the tool for the first time: numbered demands wrapped under their text,
    a bold name over a role no role list knows, a council named in the address block's title."""
    record = extract(read_bytes(UNSEEN.encode(), "letter.txt", ".txt")).record
    assert len(record.demands) == 3 and record.demands[0].endswith("the vendors and their associations;")
    assert [(n.name, n.type, n.affiliation) for n in record.signatories.names][-1] == (
        "Dr. Helen Okafor", "individual", "Professor of Urban Planning, Riverside University")
    assert record.signatories.listed == 3
    assert record.governments == ["Riverside City Council"]


def test_a_bracketed_note_under_the_closing_is_no_signer():
    text = """12 May 2022

Dear Minister Okafor,

On behalf of 43 organisations we ask you to stop the dredging of the bay.

Yours sincerely,

[the list of organisations is attached to this letter]
Westmere Fishers' Cooperative
Harbour Unions
(List to follow.)
"""
    names = [n.name for n in extract(read_bytes(text.encode(), "letter.txt", ".txt")).record.signatories.names]
    assert names == ["Westmere Fishers' Cooperative", "Harbour Unions"]


def _names(text: str, name: str = "letter.txt"):
    from pathlib import Path as _P
    return [(n.name, n.type, n.affiliation, n.country)
            for n in extract(read_bytes(text.encode(), name, _P(name).suffix)).record.signatories.names]


def test_signed_by_one_paragraph_with_a_serial_comma():
    text = ("Dear Commissioners,\n\nWe call on the Commission to withdraw the proposal.\n\n"
            "Signed by: Arche Vale, Pro Semina, Kokoro Seeds, Seed Keepers Europe, and Civic Roots Research.\n")
    assert [n[0] for n in _names(text)] == ["Arche Vale", "Pro Semina", "Kokoro Seeds", "Seed Keepers Europe",
                                            "Civic Roots Research"]


def test_an_html_table_header_is_no_signer():
    html = ("<html><body><p>Dear Members of Parliament,</p><p>We ask you to vote against the bill.</p>"
            "<p>Signatories:</p><table><tr><th>Organisation</th><th>Country</th></tr>"
            "<tr><td>Digital Rights Watch</td><td>Belgium</td></tr><tr><td>Privacy First Alliance</td><td>Netherlands</td></tr>"
            "<tr><td>Freedom Online</td><td>Germany</td></tr></table></body></html>")
    assert [(n[0], n[3]) for n in _names(html, "letter.html")] == [
        ("Digital Rights Watch", "BE"), ("Privacy First Alliance", "NL"), ("Freedom Online", "DE")]


def test_a_list_of_person_dash_organisation_is_read_as_people_with_affiliations():
    text = ("Dear Ms. Grant,\n\nWe ask the Board to keep the Harbour Clinic open.\n\nSigned,\n\n"
            "1. Maria Lopez – Harbour Residents Association – Spain\n2. Tom Becker – Clinic Workers Union – Germany\n"
            "3. Aisha Bello – Patients First – Nigeria\n")
    assert _names(text) == [("Maria Lopez", "individual", "Harbour Residents Association", "ES"),
                            ("Tom Becker", "individual", "Clinic Workers Union", "DE"),
                            ("Aisha Bello", "individual", "Patients First", "NG")]
    organisations = text.replace("Maria Lopez – ", "").replace("Tom Becker – ", "")
    assert [n[0] for n in _names(organisations)] == ["Harbour Residents Association", "Clinic Workers Union",
                                                     "Aisha Bello – Patients First"]


def test_signers_one_to_a_paragraph_with_a_role_the_words_do_not_know():
    text = ("Dear Governor Delgado:\n\nWe write to urge you to veto Senate Bill 412.\n\nSincerely,\n\n"
            "Jane Roe\nExecutive Director\nHarbour Rights Group\n\nJohn Doe\nPresident\nValley Farmers Union\n\n"
            "Amira Haddad\nPolicy Lead\nClean Air Cascadia\n")
    assert [(n[0], n[1]) for n in _names(text)] == [("Jane Roe", "individual"), ("John Doe", "individual"),
                                                    ("Amira Haddad", "individual")]
    assert _names(text)[2][2] == "Policy Lead; Clean Air Cascadia"
