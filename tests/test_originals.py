"""Originals out (issue 16): a PDF or Word letter is published byte-identical under
originals/<id>.<ext> with its SHA-256 and its text as read; the letter page names it ("Original (PDF,
2 pages, 5 KB)"), and a PDF's page head has citation_pdf_url. The files are made by the test."""

from __future__ import annotations

import csv
import hashlib
import io
import re
from pathlib import Path

import binary_files
import pytest
from bs4 import BeautifulSoup
from conftest import BIN, build_site, make_archive, run
from PIL import Image
from test_readers_binary import LETTER

SIGNERS = "\n".join(f"Organisation number {i}, Japan" for i in range(1, 61))
PDF_LETTER = LETTER.replace("Re: Joint letter on the protection of refugees", "Re: Joint letter on detention of children")
DOCX_LETTER = LETTER.replace("March 3, 2021", "April 5, 2021").replace(
    "Re: Joint letter on the protection of refugees", "Re: Joint letter on the right to asylum")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_archive(tmp_path_factory.mktemp("originals"))
    pdf = binary_files.letter_pdf(PDF_LETTER.replace("Signatories\n", "Signatories\n" + SIGNERS + "\n"))
    (root / "letters" / "2021-03-03-detention.pdf").write_bytes(pdf)
    (root / "letters" / "2021-04-05-asylum.docx").write_bytes(binary_files.letter_docx(DOCX_LETTER))
    build_site(root)
    return root


def letter(site: Path, stem: str) -> tuple[BeautifulSoup, Path]:
    folder = next((site / "site" / "letters").glob(f"{stem}*"))
    return BeautifulSoup((folder / "index.html").read_text(encoding="utf-8"), "html.parser"), folder


def test_pdf_published_byte_identical_with_its_hash_size_pages_and_text(site):
    raw = (site / "letters" / "2021-03-03-detention.pdf").read_bytes()
    soup, folder = letter(site, "2021-03-03")
    link = soup.select_one(".provenance a[download]")
    assert re.fullmatch(r"Original \(PDF, 2 pages, \d+ KB\)", link.text), link.text
    assert f"{round(len(raw) / 1000)} KB" in link.text
    published = (folder / link["href"]).resolve()
    assert published.name.endswith(".pdf") and published.read_bytes() == raw
    assert soup.select_one(".provenance code").text == hashlib.sha256(raw).hexdigest()
    text = (folder / soup.find("a", string="its text as read")["href"]).resolve().read_text(encoding="utf-8-sig")
    assert "We urge you to protect every refugee" in text and binary_files.HEADER not in text
    assert "Organisation number 60, Japan" in text


def test_pdf_has_citation_pdf_url_and_word_does_not(site):
    soup, _ = letter(site, "2021-03-03")
    url = soup.find("meta", attrs={"name": "citation_pdf_url"})["content"]
    canonical = soup.find("link", rel="canonical")["href"]
    assert url.startswith(canonical.split("/letters/")[0] + "/originals/") and url.endswith(".pdf")
    soup, folder = letter(site, "2021-04-05")
    assert soup.find("meta", attrs={"name": "citation_pdf_url"}) is None
    link = soup.select_one(".provenance a[download]")
    assert re.fullmatch(r"Original \(Word document, (1 page, )?\d+ KB\)", link.text), link.text
    assert (folder / link["href"]).resolve().read_bytes() == (site / "letters" / "2021-04-05-asylum.docx").read_bytes()


def test_data_export_points_to_the_pdf_itself(site):
    rows = list(csv.DictReader(io.StringIO((site / "site" / "data" / "letters.csv").read_text(encoding="utf-8"))))
    row = next(r for r in rows if r["date"] == "2021-03-03")
    assert row["original_url"].endswith(f"/originals/{row['id']}.pdf")
    text_row = next(r for r in rows if r["date"] == "2020-02-13")
    assert text_row["original_url"].endswith(f"/originals/{text_row['id']}.txt")     # the text as received


def test_a_pdf_letters_card_is_a_large_preview_carrying_its_first_page(site):
    """Issue 23: the portrait first page (480 × 679) alone was declared summary_large_image. The card
    is the 1200 × 630 one every letter has, declared with its size, the page drawn on its right; the
    page image stays published at its address."""
    soup, folder = letter(site, "2021-03-03")
    image = soup.find("meta", property="og:image")["content"]
    assert image.startswith("https://") and image.endswith(f"/cards/{folder.name}.png")
    assert soup.find("meta", attrs={"name": "twitter:card"})["content"] == "summary_large_image"
    assert soup.find("meta", attrs={"name": "twitter:image"})["content"] == image
    assert soup.find("meta", property="og:image:width")["content"] == "1200"
    assert soup.find("meta", property="og:image:height")["content"] == "630"
    with Image.open(site / "site" / "cards" / f"{folder.name}.png") as card:
        assert card.format == "PNG" and card.size == (1200, 630)
        right = card.convert("L").crop((1200 - 60 - 300, 150, 1200 - 60, 500))
        assert right.getextrema()[0] < 100, "the page's text is drawn on the card's right"
    with Image.open(site / "site" / "previews" / f"{folder.name}.png") as page:
        assert page.width == 480 and page.height > page.width   # an A4 page, still at its address
    soup, folder = letter(site, "2021-04-05")   # a Word letter has no page image: the card alone
    assert soup.find("meta", property="og:image")["content"].endswith(f"/cards/{folder.name}.png")
    with Image.open(site / "site" / "cards" / f"{folder.name}.png") as card:
        assert card.size == (1200, 630)


def test_text_letters_original_is_under_its_own_extension_and_the_old_address_keeps_its_text(site):
    soup, folder = letter(site, "2020-02-13")
    link = soup.select_one(".provenance a[download]")
    assert link["href"].endswith(f"/originals/{folder.name}.txt") and link["download"] == f"{folder.name}.txt"
    received = (site / "letters" / "2020-02-13-letter-to-japan-prime-minister.txt").read_bytes()
    assert (folder / link["href"]).resolve().read_bytes() == received
    old = site / "site" / "originals" / f"{folder.name}.txt.txt"     # the address before issue 14
    assert old.read_bytes() == b"\xef\xbb\xbf" + received       # its text, UTF-8 with a byte-order mark
    assert (folder / soup.find("a", string="read its text")["href"]).resolve() == old


def test_pdf_letter_page_shows_what_was_read(site):
    soup, _ = letter(site, "2021-03-03")
    assert soup.find("h1").text == "Joint letter on detention of children"
    assert "We urge you to protect every refugee" in soup.select_one("#demands").find_next("ol").text
    names = [a.text for a in soup.select('a[href^="../../signatories/"]')]
    assert "Organisation number 60" in " ".join(names)


def test_a_hostile_file_stops_the_build_with_its_name_and_the_last_site_stays(site):
    bomb = site / "letters" / "2021-05-01-bomb.docx"
    bomb.write_bytes(binary_files.zip_bomb_docx(100_000_000))
    before = {p: p.read_bytes() for p in (site / "docs").rglob("*.md")}
    try:
        proc = run([str(BIN / "letters"), "build", "--root", str(site)], site, check=False)
    finally:
        bomb.unlink()
    assert proc.returncode == 3      # held back and named; the rest of the archive is built (and is unchanged)
    assert "letters/2021-05-01-bomb.docx" in proc.stderr and "zip bomb" in proc.stderr and "fix:" in proc.stderr
    assert {p: p.read_bytes() for p in (site / "docs").rglob("*.md")} == before
