"""The same seed as .txt and as PDF (or DOCX) gives the same record (issue 16). The PDF is made by the
test from the seed's text with the layouts real letters have: a running header and footer, "Page N of
M", words hyphenated at line ends, paragraphs wrapped to the page, tab-separated signatory rows as a
table running over a page break; a seed's front matter goes in a companion .txt beside it, as an
editor would put it. Where a field differs, the difference is named here with its reason."""

from __future__ import annotations

from pathlib import Path

import binary_files
import pytest
from letter_archive.extract import extract
from letter_archive.readers import read_bytes
from letter_archive.readers.frontmatter import split_front_matter

LETTERS = Path(__file__).resolve().parents[1] / "letters"
SEEDS = sorted(p.name for p in LETTERS.glob("*.txt"))
KOREA = "2020-02-21-letter-to-south-korea-president.txt"

# Known differences, each a limit of reading a layout back, not a difference the PDF should make:
# the letter to South Korea lists "David Alton, Independent Crossbench Member of the House of Lords &
# Co-chair of the All Party Parliamentary Group on North Korea" on one line; on the page it wraps
# after "All Party", and "Parliamentary Group on North Korea" starts with a capital under a full line
# in a list whose other entries end early: nothing on the page says it is not the next entry.
DIFFERENT = {KOREA: {"signatories"}}
# With a letterhead column the letter is 330 points wide instead of 460, and more entries of the
# two long lists wrap that way ("... in North Korea, South" / "Korea"): the same limit, more often.
JAPAN = "2020-02-13-letter-to-japan-prime-minister.txt"
DIFFERENT_WITH_LETTERHEAD = {KOREA: {"signatories"}, JAPAN: {"signatories"}}


def seed_as(name: str, render, head: str = "") -> tuple[dict, dict]:
    """(record from the .txt, record from the rendered file with the front matter in a companion).
    `head`: text the rendered file has above the letter (a letterhead), put above it in the .txt too."""
    raw = (LETTERS / name).read_bytes()
    text = raw.decode("utf-8")
    meta, body, _, _ = split_front_matter(text, name)
    front = text[: text.index(body)]
    companion = (name, front.encode()) if meta else None
    as_text = extract(read_bytes((front + head + body).encode(), f"letters/{name}", ".txt")).record.to_dict()
    suffix, made = render(body)
    as_file = extract(read_bytes(made, f"letters/{name[:-4]}{suffix}", suffix, companion)).record.to_dict()
    return as_text, as_file


@pytest.mark.parametrize("name", SEEDS)
def test_seed_as_pdf_gives_the_same_record(name):
    as_text, as_pdf = seed_as(name, lambda body: (".pdf", binary_files.letter_pdf(body, hyphenate=3)))
    differ = {k for k in as_text if as_text[k] != as_pdf[k]}
    assert differ == DIFFERENT.get(name, set()), {k: (as_text[k], as_pdf[k]) for k in differ}
    if name == KOREA:
        assert as_pdf["signatories"]["listed"] == as_text["signatories"]["listed"] + 1
        assert as_pdf["signatories"]["claimed"] == as_text["signatories"]["claimed"]


@pytest.mark.parametrize("name", SEEDS)
def test_seed_as_pdf_with_a_letterhead_column_gives_the_record_of_the_text_with_the_letterhead(name):
    """The letterhead column is read apart from the letter, above it: as if typed above the letter."""
    head = "\n".join(binary_files.LETTERHEAD) + "\n\n"
    as_text, as_pdf = seed_as(name, lambda body: (".pdf", binary_files.letter_pdf(
        body, letterhead=binary_files.LETTERHEAD, hyphenate=3)), head)
    differ = {k for k in as_text if as_text[k] != as_pdf[k]}
    assert differ == DIFFERENT_WITH_LETTERHEAD.get(name, set()), {k: (as_text[k], as_pdf[k]) for k in differ}
    if differ:   # the list is read, only some long entries are split in two
        listed = as_text["signatories"]["listed"]
        assert listed < as_pdf["signatories"]["listed"] <= listed + 3


@pytest.mark.parametrize("name", SEEDS)
def test_seed_as_docx_gives_the_same_record(name):
    as_text, as_docx = seed_as(name, lambda body: (".docx", binary_files.letter_docx(body)))
    assert {k: (as_text[k], as_docx[k]) for k in as_text if as_text[k] != as_docx[k]} == {}


def test_the_pdf_has_the_layouts_it_claims():
    """The rendered seed really has what the record survives: pages, running lines, hyphens, a table
    over a page break (else the test above would prove nothing)."""
    body = (LETTERS / "2020-02-26-letter-to-un-human-rights-council.txt").read_text(encoding="utf-8")
    source = read_bytes(binary_files.letter_pdf(body, hyphenate=3), "letters/un.pdf", ".pdf")
    assert source.origin["pages"] >= 3
    warnings = " ".join(p.message for p in source.problems)
    assert binary_files.HEADER in warnings and "Page 2 of" in warnings and "hyphenated" in warnings
    rows = [line for line in source.plain.split("\n") if "\t" in line]
    starts = source.origin["page_starts"]
    first, last = (source.plain.split("\n").index(r) + 1 for r in (rows[0], rows[-1]))
    assert sum(1 for s in starts if first < s <= last) >= 1, "the signatory table runs over a page break"
