"""The search index's rules, on made-up pages: what a letter is found by besides its indexed text, and
the hidden fields Pagefind reads for filters, sort and results."""

from __future__ import annotations

from bs4 import BeautifulSoup
from letter_archive.model import Person, Record
from letter_archive.site.render import macro
from letter_archive.site.search_index import BODY, TOKEN_MARK, name_forms, search_fields


def test_a_trailing_acronym_is_a_name_of_its_own_but_a_country_in_brackets_is_not():
    assert name_forms("Liberty in North Korea (LiNK)", {}) == {"Liberty in North Korea (LiNK)", "Liberty in North Korea", "LiNK"}
    assert name_forms("The Rescue Group", {}) == {"The Rescue Group", "Rescue Group"}
    assert name_forms("Toronto Centre (Nepal)", {}) == {"Toronto Centre (Nepal)"}
    assert name_forms("Zeta Aid", {"Zeta Aid": ["ZA", "Zeta-Aid"]}) == {"Zeta Aid", "ZA", "Zeta-Aid"}


PAGE = (f'<html><body><article>{BODY}<h1>Letter on Qorvath detention</h1>'
        '<dl class="provenance" data-pagefind-ignore><dd>Cite as: Xylo Watch et al.</dd></dl>'
        '<p>We write about Qorvath and the Xylo camps.</p>'
        '<ul class="signatories"><li><a href="../../signatories/xylo-watch/">Xylo Watch</a>, Tomás-Ruiz Council, Qorvath</li>'
        '<li><a href="../../signatories/zeta-aid/" title="Zeta Aid">Zeta Aíd</a></li></ul>'
        '<p>拉致問題</p></div></article><footer>Made with love</footer></body></html>')


def test_signature_list_words_are_indexed_once_unless_the_indexed_text_holds_them():
    fields = search_fields(PAGE, ["Xylo Watch", "Zeta Aíd", "Zeta Aid"], {"Zeta Aid": ["ZA"]})
    words = fields["words"].split()
    assert {"watch", "tomasruiz", "tomas", "ruiz", "council", "zeta", "aid"} <= set(words)
    assert "xylo" not in words and "qorvath" not in words           # the letter's text holds them
    assert len(words) == len(set(words))
    assert {"拉致", "致問", "問題"} <= set(words)                      # pairs of adjacent characters
    assert "love" not in words                                      # nothing outside the article
    assert set(fields["signedby"].split()) == {TOKEN_MARK + t for t in ("xylowatch", "zetaaid", "za")}


def test_hidden_fields_give_filters_a_sort_key_for_every_letter_and_escape_letter_text():
    record = Record(kind="letter", date=None, governments=["A<b>"], addressees=[Person("Jo & Co", "Chair")],
                    language="ko")
    html = str(macro("pagefind_fields")(record))
    soup = BeautifulSoup(html, "html.parser")
    wrapper = soup.find("div")
    assert wrapper.has_attr("hidden") and wrapper.has_attr("data-pagefind-ignore")
    assert soup.find(attrs={"data-pagefind-sort": "date"}).text == "0"      # undated: still sorted, first of all
    assert soup.find(attrs={"data-pagefind-filter": "government"}).text == "A<b>" and "<b>" not in html
    assert soup.find(attrs={"data-pagefind-filter": "language"}).text == "Korean"
    assert soup.find(attrs={"data-pagefind-meta": "to"}).text == "Jo & Co, Chair"
    assert not soup.find(attrs={"data-pagefind-filter": "year"})
    for date, key in (("2020-03", "20200300"), ("2020-02-13", "20200213"), ("1999", "19990000")):
        record.date = date
        html = str(macro("pagefind_fields")(record))
        assert BeautifulSoup(html, "html.parser").find(attrs={"data-pagefind-sort": "date"}).text == key


def test_a_word_after_a_typographic_elision_is_a_word_of_its_own():
    """Issue 23: Pagefind splits l'estero at the straight apostrophe, but reads nell’Ordinanza as one
    word, "nellordinanza": the parts go into the search-only field `elided` (and are marked by archive.js)."""
    page = PAGE.replace("<p>We write about", "<p>Nell’Ordinanza, l’Ordonnance d’enquête, d'acord, l´Ajuntament. "
                                            "We write about")
    elided = search_fields(page, [])["elided"].split()
    assert {"nell", "ordinanza", "l", "ordonnance", "d", "enquete", "ajuntament"} <= set(elided)
    assert "acord" not in elided and "nellordinanza" not in elided   # Pagefind indexes those itself
    assert len(elided) == len(set(elided))
    assert "cite" not in elided and search_fields(PAGE, [])["elided"] == ""
