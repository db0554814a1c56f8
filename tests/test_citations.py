"""Citations of a document, as a reader copies them and as reference managers import them: two
styles whole and in order, and BibTeX, RIS and CSL-JSON that their own parsers read back."""

from __future__ import annotations

import json

import bibtexparser
import rispy
from letter_archive.model import Group, Record, Signatory, Signatures
from letter_archive.site.citations import apa, bibtex, chicago, citation, csl_json, ris

URL = "https://archive.example/letters/2021-05-04-rivers/"


def letter(n_orgs: int = 2, with_person: bool = False, **fields) -> Record:
    orgs = [Signatory(f"River Keepers {i} & Co {{50%}}" if i == 1 else f"River Keepers {i}") for i in range(1, n_orgs + 1)]
    people = [Signatory("Jane Roe", "individual", "Professor")] if with_person else []
    defaults = dict(id="2021-05-04-rivers", kind="letter", title="Open letter on the rivers", date="2021-05-04",
                    language="en", signatories=Signatures(None, [Group(signatories=orgs + people)]))
    return Record(**{**defaults, **fields})


def test_the_two_styles_name_organisations_whole_and_keep_the_date_and_url():
    c = citation(letter(), URL)
    assert [a.literal for a in c.authors] == ["River Keepers 1 & Co {50%}", "River Keepers 2"]   # two signers: both
    assert chicago(c) == ("River Keepers 1 & Co {50%}, and River Keepers 2. "
                          f"“Open letter on the rivers.” Open letter, May 4, 2021. {URL}")
    assert apa(c) == ("River Keepers 1 & Co {50%}, & River Keepers 2. (2021, May 4). "
                      f"Open letter on the rivers [Open letter]. {URL}")


def test_more_signers_are_said_in_words_not_by_the_first_of_them():
    c = citation(letter(3, with_person=True), URL)
    assert [a.literal for a in c.authors] == ["3 organisations and 1 individual"]
    assert chicago(c).startswith("3 organisations and 1 individual. “Open letter on the rivers.”")


def test_long_author_lists_are_cut_as_each_style_says():
    names = ["River Keepers 1 & Co {50%}"] + [f"River Keepers {i}" for i in range(2, 26)]   # an editor's author: list
    c = citation(letter(author="; ".join(names)), URL)
    assert chicago(c).startswith("River Keepers 1 & Co {50%}, River Keepers 2, River Keepers 3, River Keepers 4, "
                                 "River Keepers 5, River Keepers 6, River Keepers 7, et al. “")
    assert ", River Keepers 19, . . . River Keepers 25. (2021, May 4)." in apa(c)


def test_an_editors_author_and_publisher_win_and_partial_dates_stay_partial():
    record = letter(author="Robert R. King; Jane Doe", publisher="Korea Economic Institute", kind="commentary",
                    date="2020-03")
    c = citation(record, URL)
    assert [(a.family, a.given) for a in c.authors] == [("King", "Robert R."), ("Doe", "Jane")]
    assert apa(c) == ("King, R. R., & Doe, J. (2020, March). Open letter on the rivers [Commentary]. "
                      f"Korea Economic Institute. {URL}")
    assert chicago(c).startswith("King, Robert R., and Jane Doe. “Open letter on the rivers.” ")
    assert "Commentary, Korea Economic Institute, March 2020." in chicago(c)


def test_bibtex_reads_back_with_organisations_as_single_authors():
    library = bibtexparser.parse_string(bibtex(letter(), URL))
    assert not library.failed_blocks
    entry = library.entries[0]
    assert entry.key == "2021-05-04-rivers" and entry.entry_type == "misc"
    fields = {f.key: f.value for f in entry.fields}
    assert fields["year"] == "2021" and fields["month"] == "may" and fields["url"] == URL
    assert fields["author"].count(" and ") == 1 and "{River Keepers 1 \\& Co \\{50\\%\\}}" in fields["author"]


def test_ris_reads_back_as_a_letter_with_its_authors_and_date():
    entries = rispy.loads(ris(letter(), URL))
    assert len(entries) == 1
    entry = entries[0]
    assert entry["type_of_reference"] == "PCOMM"          # Zotero imports PCOMM as a letter
    assert entry["authors"] == ["River Keepers 1 & Co {50%}", "River Keepers 2"]
    assert entry["year"] == "2021" and entry["date"] == "2021/05/04/" and entry["urls"] == [URL]


def test_csl_json_is_a_letter_with_literal_authors_and_date_parts():
    item = json.loads(csl_json(letter(), URL))[0]
    assert item["type"] == "letter" and item["issued"] == {"date-parts": [[2021, 5, 4]]}
    assert item["author"][0] == {"literal": "River Keepers 1 & Co {50%}"} and item["URL"] == URL
    assert json.loads(csl_json(letter(kind="press-release", date=None), URL))[0]["type"] == "report"


# Where a reader and a citation manager meet them: the built letter page ---------------------------

HIGHWIRE_TYPES = ("citation_journal_title", "citation_conference_title", "citation_book_title",
                  "citation_dissertation_institution", "citation_technical_report_institution", "citation_isbn")


def test_the_letter_page_tells_zotero_it_is_a_letter_with_its_authors_and_date(built):
    """What Zotero's Embedded Metadata translator reads: DC.type gives the item type (its dc prefix is
    known without a schema.DC link, which would be a link out of the site); citation_* the authors and
    the date (a journal, conference, book, thesis or report title would make the item one of those);
    og:type is never 'website' on a letter."""
    from bs4 import BeautifulSoup
    page = built / "site" / "letters" / "2020-02-21-south-koreas-policies-protecting-human" / "index.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    meta = {}
    for m in soup.find_all("meta"):
        meta.setdefault(m.get("name") or m.get("property"), []).append(m.get("content"))
    assert meta["DC.type"] == ["letter"]
    assert meta["og:type"] == ["article"]
    assert not set(meta) & set(HIGHWIRE_TYPES)
    # 77 signers listed in alphabetical order: what they are, never the first of them for all
    assert meta["citation_author"] == ["70 organisations and 7 individuals"]
    assert meta["citation_date"] == ["2020/02/21"]
    assert meta["og:image"][0].endswith("/cards/2020-02-21-south-koreas-policies-protecting-human.png")
    card = built / "site" / "cards" / "2020-02-21-south-koreas-policies-protecting-human.png"
    assert card.read_bytes().startswith(b"\x89PNG")


def test_front_matter_author_and_publisher_are_used_everywhere(built):
    """The commentary's front matter names its author and publisher: the page, the tags and the citations use them."""
    from bs4 import BeautifulSoup
    page = built / "site" / "letters" / "2020-03-japan-joins-us-south-korea-backing-away" / "index.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    facts = soup.select_one(".letter-facts").get_text(" ", strip=True)
    assert "Author Robert R. King" in facts and "Published by" in facts
    assert [m["content"] for m in soup.find_all("meta", attrs={"name": "citation_author"})] == ["King, Robert R."]
    assert soup.find("meta", attrs={"name": "DC.type"})["content"] == "document"
    chicago = soup.select(".citation")[0].get_text(" ", strip=True)
    assert chicago.startswith("Chicago King, Robert R. “Japan Joins")
    files = {a.get_text(): a for a in soup.select(".citation-files a")}
    assert set(files) == {"BibTeX", "RIS", "CSL-JSON"}
    # files beside the page (issue 25: they were base64 inside it), saved under the letter's id
    bib = (page.parent / files["BibTeX"]["href"]).read_text(encoding="utf-8")
    entry = bibtexparser.parse_string(bib).entries[0]
    assert {f.key: f.value for f in entry.fields}["author"] == "King, Robert R."
    assert files["RIS"]["download"].endswith(".ris")
    assert rispy.loads((page.parent / files["RIS"]["href"]).read_text(encoding="utf-8"))
    assert isinstance(json.loads((page.parent / files["CSL-JSON"]["href"]).read_text(encoding="utf-8")), list)
    assert not [a["href"] for a in files.values() if a["href"].startswith("data:")]


def test_citation_files_of_300_signers_say_what_they_are_as_the_page_does():
    """Not five of them with no "et al." (which citeproc rendered as the whole list), nor "and others"."""
    record = letter(300, with_person=True)
    fields = {f.key: f.value for f in bibtexparser.parse_string(bibtex(record, URL)).entries[0].fields}
    assert fields["author"] == "{300 organisations and 1 individual}"
    assert rispy.loads(ris(record, URL))[0]["authors"] == ["300 organisations and 1 individual"]
    assert json.loads(csl_json(record, URL))[0]["author"] == [{"literal": "300 organisations and 1 individual"}]
    assert chicago(citation(record, URL)).startswith("300 organisations and 1 individual. “")
