"""Citations of a document, as a reader copies them and as reference managers import them: two
styles whole and in order, and BibTeX, RIS and CSL-JSON that their own parsers read back."""

from __future__ import annotations

import json

import bibtexparser
import rispy
from letter_archive.model import Group, Record, Signatory, Signatures
from letter_archive.site.citations import apa, bibtex, chicago, citation, csl_json, ris

URL = "https://archive.example/letters/2021-05-04-rivers/"


def letter(n_orgs: int = 3, **fields) -> Record:
    orgs = [Signatory(f"River Keepers {i} & Co {{50%}}" if i == 1 else f"River Keepers {i}") for i in range(1, n_orgs + 1)]
    people = [Signatory("Jane Roe", "individual", "Professor")]
    defaults = dict(id="2021-05-04-rivers", kind="letter", title="Open letter on the rivers", date="2021-05-04",
                    language="en", signatories=Signatures(None, [Group(signatories=orgs + people)]))
    return Record(**{**defaults, **fields})


def test_the_two_styles_name_organisations_whole_and_keep_the_date_and_url():
    c = citation(letter(), URL)
    assert c.authors == ["River Keepers 1 & Co {50%}", "River Keepers 2", "River Keepers 3"]   # people sign, orgs author
    assert chicago(c) == ("River Keepers 1 & Co {50%}, River Keepers 2, and River Keepers 3. "
                          f"“Open letter on the rivers.” Open letter, May 4, 2021. {URL}")
    assert apa(c) == ("River Keepers 1 & Co {50%}, River Keepers 2, & River Keepers 3. (2021, May 4). "
                      f"Open letter on the rivers [Open letter]. {URL}")


def test_long_author_lists_are_cut_as_each_style_says():
    c = citation(letter(25), URL)
    assert chicago(c).startswith("River Keepers 1 & Co {50%}, River Keepers 2, River Keepers 3, River Keepers 4, "
                                 "River Keepers 5, River Keepers 6, River Keepers 7, et al. “")
    assert ", River Keepers 19, . . . River Keepers 25. (2021, May 4)." in apa(c)


def test_an_editors_author_and_publisher_win_and_partial_dates_stay_partial():
    record = letter(author="Robert R. King, Jane Doe", publisher="Korea Economic Institute", kind="commentary",
                    date="2020-03")
    c = citation(record, URL)
    assert c.authors == ["Robert R. King", "Jane Doe"]
    assert apa(c) == ("Robert R. King, & Jane Doe. (2020, March). Open letter on the rivers [Commentary]. "
                      f"Korea Economic Institute. {URL}")
    assert "Commentary, Korea Economic Institute, March 2020." in chicago(c)


def test_bibtex_reads_back_with_organisations_as_single_authors():
    library = bibtexparser.parse_string(bibtex(letter(), URL))
    assert not library.failed_blocks
    entry = library.entries[0]
    assert entry.key == "2021-05-04-rivers" and entry.entry_type == "misc"
    fields = {f.key: f.value for f in entry.fields}
    assert fields["year"] == "2021" and fields["month"] == "may" and fields["url"] == URL
    assert fields["author"].count(" and ") == 2 and "{River Keepers 1 \\& Co \\{50\\%\\}}" in fields["author"]


def test_ris_reads_back_as_a_letter_with_its_authors_and_date():
    entries = rispy.loads(ris(letter(), URL))
    assert len(entries) == 1
    entry = entries[0]
    assert entry["type_of_reference"] == "PCOMM"          # Zotero imports PCOMM as a letter
    assert entry["authors"] == ["River Keepers 1 & Co {50%}", "River Keepers 2", "River Keepers 3"]
    assert entry["year"] == "2021" and entry["date"] == "2021/05/04/" and entry["urls"] == [URL]


def test_csl_json_is_a_letter_with_literal_authors_and_date_parts():
    item = json.loads(csl_json(letter(), URL))[0]
    assert item["type"] == "letter" and item["issued"] == {"date-parts": [[2021, 5, 4]]}
    assert item["author"][0] == {"literal": "River Keepers 1 & Co {50%}"} and item["URL"] == URL
    assert json.loads(csl_json(letter(kind="press-release", date=None), URL))[0]["type"] == "report"
