"""Unit tests of the pieces the pipeline is built from: dates, places, signatory identities, the
extraction cache's invalidation, and what the writer deletes (issue 11)."""

from __future__ import annotations

from pathlib import Path

import pytest
from letter_archive import cache as cache_module
from letter_archive.cache import ExtractionCache, extractor_fingerprint, shaping_files
from letter_archive.data import use_data
from letter_archive.extract import extract
from letter_archive.extract.dates import find_dates, standalone_date
from letter_archive.extract.entries import parse_entry
from letter_archive.link.identities import fold, resolve, suggestions
from letter_archive.places import country_code, find_governments, government_names
from letter_archive.readers import read_bytes
from letter_archive.site.write import write_tree

REPO_DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture(autouse=True)
def repository_data():
    use_data(REPO_DATA)


# Dates ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, iso", [
    ("February 13, 2020", "2020-02-13"), ("13 February 2020", "2020-02-13"), ("Feb. 13 2020", "2020-02-13"),
    ("5. Mai 2020", "2020-05-05"), ("30 de abril de 2020", "2020-04-30"), ("1er mars 2020", "2020-03-01"),
    ("2020년 1월 8일", "2020-01-08"), ("2020年2月13日", "2020-02-13"), ("2020-02-13", "2020-02-13"),
    ("13.02.2020", "2020-02-13"), ("25/12/2020", "2020-12-25"), ("March 2020", "2020-03"),
])
def test_dates_in_many_forms(text, iso):
    assert [d.iso for d in find_dates(text)] == [iso]


@pytest.mark.parametrize("text, problem", [
    ("02/03/2020", "ambiguous"), ("30 February 2020", "not a day of the calendar"), ("2020-13-01", "no month 13"),
])
def test_dates_that_cannot_be_taken(text, problem):
    found = find_dates(text)
    assert found and found[0].iso is None and problem in found[0].problem


def test_a_date_line_is_only_a_date():
    assert standalone_date("Date: 13 February 2020").iso == "2020-02-13"
    assert standalone_date("Berlin, den 5. Mai 2020").iso == "2020-05-05"
    assert standalone_date("On 13 February 2020 the court ruled against them.") is None
    assert standalone_date("No digits here at all") is None


# Places -----------------------------------------------------------------------------------------

def test_countries_by_name_alias_and_code():
    assert country_code("South Korea") == "KR" and country_code("Japan") == "JP"
    assert country_code("UK") == "GB"                     # an editor's alias in data/countries.yaml
    assert country_code("in") is None and country_code("us") is None   # words, not codes


def test_governments_longest_form_wins_and_acronyms_keep_their_case():
    hits = find_governments("We wrote to the UN Human Rights Council and to Japan.")
    names = [name for _, name in hits]
    assert names[0] == "United Nations Human Rights Council" and "Japan" in names
    assert government_names("who is responsible?") == []   # 'who' is not WHO


# Identities -------------------------------------------------------------------------------------

def test_fold_ignores_case_accents_hyphens_leading_the_and_acronym():
    assert fold("The Liberty in North Korea (LiNK)") == fold("liberty in north-korea")
    assert fold("Société Générale") == fold("SOCIETE GENERALE")


def test_resolve_honours_the_alias_file_and_picks_one_slug_per_identity():
    ids = resolve(["Christian Solidarity Worldwide", "CSW", "Christian Solidarity Worldwide"])
    assert ids["CSW"] == ids["Christian Solidarity Worldwide"]
    assert ids["CSW"].name == "Christian Solidarity Worldwide" and ids["CSW"].slug == "christian-solidarity-worldwide"


def test_suggestions_ask_about_typos_not_different_words():
    ids = resolve(["Coalition for Frredom of Speech", "Coalition for Freedom of Speech",
                   "Kanagawa Association of Families", "Saitama Association of Families"])
    pairs = {frozenset(p[:2]) for p in suggestions(ids)}
    assert frozenset({"Coalition for Frredom of Speech", "Coalition for Freedom of Speech"}) in pairs
    assert frozenset({"Kanagawa Association of Families", "Saitama Association of Families"}) not in pairs


# The extraction cache ---------------------------------------------------------------------------

LETTER = (b"13 February 2020\n\nRe: A test letter about the camps\n\nDear Minister,\n\nWe urge you to act.\n\n"
          b"Sincerely,\n\nOrg One, Japan\nOrg Two, Japan\n")


def test_cache_hits_for_the_same_bytes_and_misses_for_changed_ones(tmp_path):
    cache = ExtractionCache(tmp_path)
    extraction = extract(read_bytes(LETTER, "letters/a.txt"))
    cache.put("letters/a.txt", LETTER, extraction)
    hit = cache.get("letters/a.txt", LETTER)
    assert hit is not None and hit.record == extraction.record and hit.signature_span == extraction.signature_span
    assert hit.text == extraction.text and hit.lines == extraction.lines
    assert cache.get("letters/a.txt", LETTER + b"\n") is None      # edited
    assert cache.get("letters/b.txt", LETTER) is None              # renamed


def test_cache_key_covers_the_code_that_shapes_output_and_nothing_else(monkeypatch):
    shaped = {p.relative_to(cache_module.PACKAGE).parts[0] for p in shaping_files()}
    assert {"extract", "readers", "model.py", "site"} <= shaped
    assert not shaped & {"cli", "cache.py"}
    names = {p.name for p in shaping_files()}
    assert "en.yaml" in names                     # the language data shapes extraction too
    before = extractor_fingerprint()
    real = Path.read_bytes
    target = next(p for p in shaping_files() if p.name == "dates.py")
    monkeypatch.setattr(Path, "read_bytes", lambda self: real(self) + (b"# edit" if self == target else b""))
    assert extractor_fingerprint() != before


def test_installing_ocr_changes_the_cache_key(monkeypatch):
    """A scanned PDF read before `make ocr` said "needs OCR"; once tesseract is there it is read again."""
    from letter_archive.readers import ocr
    monkeypatch.setattr(ocr, "binary", lambda: None)
    without = extractor_fingerprint()
    monkeypatch.setattr(ocr, "binary", lambda: "/usr/bin/tesseract")
    assert extractor_fingerprint() != without


# What the writer deletes -------------------------------------------------------------------------

def test_write_tree_deletes_only_what_it_wrote_and_keeps_the_editors_files(tmp_path):
    docs = tmp_path / "docs"
    write_tree(docs, {"index.md": b"home", "letters/a.md": b"A", "letters/b.md": b"B", "old/x.md": b"X"})
    (docs / "about.md").write_bytes(b"the editor's page")
    (docs / "letters" / "notes.md").write_bytes(b"an editor's note")
    before = (docs / "letters" / "a.md").stat().st_mtime_ns
    written, deleted = write_tree(docs, {"index.md": b"home", "letters/a.md": b"A"})
    assert sorted(deleted) == ["letters/b.md", "old/x.md"] and written == []
    assert not (docs / "old").exists()                          # its folder went with it
    assert (docs / "about.md").read_bytes() == b"the editor's page"
    assert (docs / "letters" / "notes.md").exists()
    assert (docs / "letters" / "a.md").stat().st_mtime_ns == before   # unchanged files are not touched


def test_write_tree_never_deletes_through_a_link_out_of_docs(tmp_path):
    """A folder of docs/ replaced by a link to somewhere else: the files the last build listed there are
    someone else's now, and stay."""
    docs, elsewhere = tmp_path / "docs", tmp_path / "elsewhere"
    write_tree(docs, {"index.md": b"home", "old/x.md": b"X"})
    elsewhere.mkdir()
    (elsewhere / "x.md").write_bytes(b"not ours")
    for f in (docs / "old").iterdir():
        f.unlink()
    (docs / "old").rmdir()
    (docs / "old").symlink_to(elsewhere, target_is_directory=True)
    warnings: list[str] = []
    written, deleted = write_tree(docs, {"index.md": b"home"}, warnings)
    assert deleted == [] and (elsewhere / "x.md").read_bytes() == b"not ours"
    assert len(warnings) == 1 and "'old/x.md'" in warnings[0] and "none deleted" in warnings[0]


def test_a_persons_titles_and_degrees_are_not_part_of_their_identity():
    same = ["Jane Roe", "Dr Jane Roe", "Dr. Jane Roe", "Jane Roe, Ph.D.", "Prof. Jane Roe, MP", "Jane Roe, Lord"]
    assert {fold(n) for n in same} == {"jane roe"}
    ids = resolve(["Jane Roe", "Jane Roe, Ph.D.", "Jane Roe"])
    assert ids["Jane Roe, Ph.D."] == ids["Jane Roe"] and ids["Jane Roe"].name == "Jane Roe"
    assert fold("Lord Jim") == "lord jim"                # a title is taken off only where a name of two words stays
    assert fold("Doctors Without Borders") != fold("Without Borders")


def test_in_a_list_mixing_organisations_and_people_a_bare_name_and_country_is_an_organisation():

    label = "Organizations & individuals"
    assert parse_entry("Blue Sky Ribbon, Japan", label).type == "organization"
    assert parse_entry("Jane Roe, Professor, Osaka University, Japan", label).type == "individual"
    assert parse_entry("Jane Roe, Japan", "Individuals").type == "individual"
    assert parse_entry("Dr Jane Roe, Writer", "Signatories").type == "individual"


def test_a_pages_title_is_read_however_long_its_front_matter(tmp_path):
    """A held-back letter keeps its last page only if that page's title can be read back; its front
    matter (the whole record, every signatory) is often longer than the 4 KB read, cut mid-value."""
    from letter_archive.site.plan import _page_title
    names = "".join(f"  - name: 'Signatory {n}, with a quoted name'\n" for n in range(200))
    page = tmp_path / "page.md"
    page.write_text(f"---\nid: x\ntitle: 'A letter: on the river'\nsignatories:\n{names}---\n<p>text</p>\n", encoding="utf-8")
    assert _page_title(page) == "A letter: on the river"
    page.write_text("---\ntitle: 'Moved: a letter'\n---\n", encoding="utf-8")
    assert _page_title(page) is None
