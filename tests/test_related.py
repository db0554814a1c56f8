"""Related documents (issue 15): the seeds come out right on both pages, editors confirm or refuse a
link, and nothing is linked that an editor would reject — tried on made-up near misses."""

from __future__ import annotations

from conftest import BIN, make_archive, run
from letter_archive.link import related
from letter_archive.model import Group, Person, Record, Signatory, Signatures
from test_site import COMMENTARY, JAPAN, KOREA, PRESS, SEEDS, UN, page


def related_links(site, url: str) -> dict[str, set[str]]:
    """heading -> the documents linked under it, on the built page."""
    soup = page(site, url)
    out: dict[str, set[str]] = {}
    for h3 in soup.select("h3.related-heading"):
        out[h3.get_text(strip=True)] = {a["href"].strip("./") for a in h3.find_next("ul").select("a")}
    return out


def test_seeds_press_release_and_letter_to_south_korea_link_both_ways(built):
    site = built / "site"
    assert related_links(site, KOREA) == {"Announced in": {PRESS.split("/")[1]}}
    assert related_links(site, PRESS) == {"About this letter": {KOREA.split("/")[1]}}


def test_seeds_commentary_and_letter_to_japan_link_both_ways(built):
    site = built / "site"
    assert related_links(site, JAPAN) == {"Commentary": {COMMENTARY.split("/")[1]}}
    assert related_links(site, COMMENTARY) == {"About this letter": {JAPAN.split("/")[1]}}


def test_no_other_seed_is_linked(built):
    # the commentary names President Moon Jae-in too, but about a December letter the archive lacks
    assert related_links(built / "site", UN) == {}
    for url in SEEDS:
        assert len(page(built / "site", url).select("#related-documents")) <= 1


def test_check_lists_suggestions_with_score_and_reasons(built):
    out = run([str(BIN / "letters"), "check", "--root", str(built)], built).stdout
    section = out.split("Related documents", 1)[1]
    linked = [line for line in section.splitlines() if "✓ linked" in line]
    assert len(linked) == 2
    assert any(PRESS.split("/")[1] in line and KOREA.split("/")[1] in line for line in linked)
    assert "names the addressee Moon Jae-in" in section and "“68 other groups” (69 with the sender)" in section
    assert "? not linked" in section     # the commentary and the letter to South Korea: shown, with why not


# Made-up documents --------------------------------------------------------------------------------

def letter(rid: str, date: str, addressee: str, title: str, government: str, counts: tuple[int, ...], text: str = "") -> Record:
    groups = [Group(f"Group {i}", n, [Signatory(f"Org {rid} {i} {k}") for k in range(n)]) for i, n in enumerate(counts)]
    return Record(id=rid, kind="letter", date=date, title=title, governments=[government],
                  addressees=[Person(addressee, "Minister", government)],
                  signatories=Signatures(sum(counts), groups))


def other(rid: str, date: str, government: str, kind: str = "press-release", title: str = "A statement") -> Record:
    return Record(id=rid, kind=kind, date=date, title=title, governments=[government])


LAND_LETTER = ("We write on behalf of 41 organizations and 9 individuals to urge Minister Ana Lindqvist to reopen "
               "the river inquiry.")


def linked(items: list[tuple[Record, str]]) -> set[tuple[str, str]]:
    return {(s.other, s.letter) for s in related.suggest(items) if s.linked}


def test_a_made_up_press_release_that_names_the_addressee_and_states_the_count_is_linked():
    a = letter("l1", "2023-05-02", "Ana Lindqvist", "Letter on the River Inquiry in Nordland", "Nordland", (41, 9))
    b = other("p1", "2023-05-09", "Nordland", title="Nordland: Reopen the River Inquiry")
    text = "Forty groups, joined by 40 other organizations and nine individuals, wrote to Minister Ana Lindqvist."
    assert linked([(a, LAND_LETTER), (b, text)]) == {("p1", "l1")}


def test_near_miss_same_addressee_but_another_letter_counted_differently():
    a = letter("l1", "2023-05-02", "Ana Lindqvist", "Letter on the River Inquiry", "Nordland", (41, 9))
    b = other("p1", "2023-05-09", "Nordland")
    text = "Last year 12 organizations wrote to Minister Ana Lindqvist about pensions; she never replied."
    found = related.suggest([(a, LAND_LETTER), (b, text)])
    assert [s.linked for s in found] == [False] and "names the addressee Ana Lindqvist" in found[0].reasons


def test_near_miss_same_count_but_another_addressee_and_government():
    a = letter("l1", "2023-05-02", "Ana Lindqvist", "Letter on the River Inquiry", "Nordland", (41, 9))
    b = other("p1", "2023-05-09", "Sudland")
    assert not linked([(a, LAND_LETTER), (b, "41 organizations wrote to President Tomas Berg of Sudland.")])


def test_near_miss_published_before_the_letter_or_long_after_it():
    a = letter("l1", "2023-05-02", "Ana Lindqvist", "Letter on the River Inquiry", "Nordland", (41, 9))
    text = "41 organizations and 9 individuals wrote to Minister Ana Lindqvist."
    for date in ("2023-04-30", "2023-09-15", "2024"):
        assert related.suggest([(a, LAND_LETTER), (other("p1", date, "Nordland"), text)]) == [], date


def test_near_miss_two_letters_fit_equally_so_neither_is_linked():
    a = letter("l1", "2023-05-02", "Ana Lindqvist", "Letter on the River Inquiry", "Nordland", (41, 9))
    b = letter("l2", "2023-05-20", "Ana Lindqvist", "Letter on the Harbour Closure", "Nordland", (41, 9))
    c = other("p1", "2023-05-25", "Nordland")
    text = "41 organizations and 9 individuals wrote to Minister Ana Lindqvist."
    found = related.suggest([(a, LAND_LETTER), (b, LAND_LETTER), (c, text)])
    assert len(found) == 2 and not any(s.linked for s in found)
    assert all("(as 2 letters do)" in " ".join(s.reasons) for s in found)


def test_near_miss_common_words_in_quotes_and_titles_are_not_a_quotation():
    a = letter("l1", "2023-05-02", "Ana Lindqvist", "Crimes Against Humanity in Nordland", "Nordland", (41, 9))
    b = other("p1", "2023-05-09", "Nordland", kind="commentary", title="Crimes Against Humanity in Nordland")
    text = "Observers call it “crimes against humanity”. Minister Ana Lindqvist has not answered."
    found = related.suggest([(a, LAND_LETTER + " These are crimes against humanity."), (b, text)])
    assert [s.linked for s in found] == [False]
    assert not any(r.startswith("quotes it") for r in found[0].reasons)


def test_a_long_quotation_of_the_letter_counts():
    body = LAND_LETTER + " The inquiry must hear every family that lost a home to the flood of the river."
    a = letter("l1", "2023-05-02", "Ana Lindqvist", "Letter on the River Inquiry", "Nordland", (41, 9))
    b = other("c1", "2023-06-01", "Nordland", kind="commentary", title="What the river families want")
    text = ("The coalition told Minister Ana Lindqvist: “The inquiry must hear every family that lost a home to the "
            "flood . . . of the river.”")
    found = related.suggest([(a, body), (b, text)])
    assert [s.linked for s in found] == [True] and any(r.startswith("quotes it") for r in found[0].reasons)


def test_letters_are_never_suggested_as_related_to_letters():
    a = letter("l1", "2023-05-02", "Ana Lindqvist", "Letter on the River Inquiry", "Nordland", (41, 9))
    b = letter("l2", "2023-05-09", "Ana Lindqvist", "Second Letter on the River Inquiry", "Nordland", (41, 9))
    assert related.suggest([(a, LAND_LETTER), (b, "41 organizations and 9 individuals wrote to Minister Ana Lindqvist.")]) == []


def test_editors_refuse_with_unrelated_and_confirm_with_related():
    a = letter("l1", "2023-05-02", "Ana Lindqvist", "Letter on the River Inquiry", "Nordland", (41, 9))
    b = other("p1", "2023-05-09", "Nordland", title="Nordland: Reopen the River Inquiry")
    text = "Forty groups, joined by 40 other organizations and nine individuals, wrote to Minister Ana Lindqvist."
    b.unrelated = ["l1"]
    assert linked([(a, LAND_LETTER), (b, text)]) == set()
    b.unrelated, a.related = [], ["p2"]
    c = other("p2", "2019-01-01", "Sudland")    # nothing in common: only the editor links it
    assert linked([(a, LAND_LETTER), (b, text), (c, "")]) == {("p1", "l1"), ("p2", "l1")}
    shown = related.links([a, b, c], related.suggest([(a, LAND_LETTER), (b, text), (c, "")]))
    assert [(x.heading, x.id) for x in shown["l1"]] == [("Announced in", "p2"), ("Announced in", "p1")]   # by date
    assert [(x.heading, x.id) for x in shown["p2"]] == [("About this letter", "l1")]


def test_an_editors_unrelated_in_the_front_matter_removes_the_link_from_both_pages(tmp_path):
    root = make_archive(tmp_path / "arch")
    press = root / "letters" / "2020-03-03-icnk-press-release-south-korea.txt"
    press.write_text(f"---\nunrelated: [{KOREA.split('/')[1]}]\n---\n" + press.read_text(encoding="utf-8"), encoding="utf-8")
    run([str(BIN / "letters"), "build", "--root", str(root)], root)
    for url in (KOREA, PRESS):
        assert "related-documents" not in (root / "docs" / (url.rstrip("/") + ".md")).read_text(encoding="utf-8")
    assert "related-documents" in (root / "docs" / (JAPAN.rstrip("/") + ".md")).read_text(encoding="utf-8")
    out = run([str(BIN / "letters"), "check", "--root", str(root)], root).stdout
    assert "(editor: unrelated)" in out


def test_a_related_id_that_names_no_document_stops_the_build(tmp_path):
    root = make_archive(tmp_path / "arch")
    press = root / "letters" / "2020-03-03-icnk-press-release-south-korea.txt"
    press.write_text("---\nrelated: [2020-02-21-no-such-letter]\n---\n" + press.read_text(encoding="utf-8"), encoding="utf-8")
    proc = run([str(BIN / "letters"), "build", "--root", str(root)], root, check=False)
    # that document is held back and named (exit 3), the rest is built
    assert proc.returncode == 3 and "'2020-02-21-no-such-letter' is the id of no document" in proc.stderr
    assert (root / "docs" / "index.md").exists()
    assert not (root / "docs" / "letters" / "2020-03-03-south-korea-stand-with-north-korean.md").exists()
    proc = run([str(BIN / "letters"), "build", "--strict", "--root", str(root)], root, check=False)
    assert proc.returncode == 1 and "nothing written" in proc.stderr
