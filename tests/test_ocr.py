"""OCR of a scanned letter (issue 16, opt-in with `make ocr`): the test makes the scan itself, by
rendering a letter's text to an image (Pillow) saved as a PDF without a text layer, and reads it back
through the pipeline. Without tesseract the test is skipped with that message, except under CI=true,
where `.ci/run` installs it and the test must run."""

from __future__ import annotations

import io
import os

import pytest
from letter_archive.extract import extract
from letter_archive.readers import ocr, read_bytes
from PIL import Image, ImageDraw, ImageFont

if not ocr.available():
    if os.environ.get("CI") == "true":
        raise RuntimeError("CI=true but tesseract is not installed: .ci/run installs it (make ocr)")
    pytest.skip("tesseract is not installed (run `make ocr`)", allow_module_level=True)

LETTER = [
    "March 3, 2021",
    "",
    "The Honorable Jane Doe",
    "Minister of Foreign Affairs",
    "",
    "Re: Joint letter on the protection of refugees",
    "",
    "Dear Minister,",
    "",
    "We, the undersigned organizations, write to express our deep concern",
    "about the situation of refugees at the border.",
    "",
    "We urge you to end the detention of children.",
    "",
    "Sincerely,",
    "",
    "Human Rights Watch, United States",
    "Amnesty International, United Kingdom",
]
STAMP = "RECEIVED 17 MAY 2021 REGISTRY"


def scan(lines: list[str], stamp: str | None = None) -> bytes:
    """An A4 page at 200 dpi with the lines drawn in black on white, saved as an image-only PDF."""
    page = Image.new("L", (1654, 2339), 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.load_default(size=34)
    for k, line in enumerate(lines):
        draw.text((160, 300 + k * 52), line, fill=0, font=font)
    if stamp:
        draw.rectangle((1000, 120, 1560, 200), outline=0, width=4)
        draw.text((1020, 140), stamp, fill=0, font=ImageFont.load_default(size=26))
    out = io.BytesIO()
    page.save(out, "PDF", resolution=200)
    return out.getvalue()


def test_scanned_letter_is_read_by_ocr():
    raw = scan(LETTER)
    source = read_bytes(raw, "letters/scan.pdf", ".pdf")
    assert source.raw == raw and source.origin["ocr"] and source.origin["pages"] == 1
    assert "We urge you to end the detention of children." in source.plain
    assert any("OCR" in p.message for p in source.problems)
    record = extract(source).record
    assert record.date == "2021-03-03"
    assert record.title == "Joint letter on the protection of refugees"
    assert [n.name for n in record.signatories.names] == ["Human Rights Watch", "Amnesty International"]


def test_a_registry_stamp_never_gives_the_date():
    undated = [line for line in LETTER if line != "March 3, 2021"]
    source = read_bytes(scan(undated, STAMP), "letters/stamped.pdf", ".pdf")
    assert "2021" not in source.plain, "the stamp's line is left out of the text"
    assert any("stamp" in p.message and "17 MAY 2021" in p.message for p in source.problems)
    extraction = extract(source)
    assert extraction.record.date is None
    assert any(p.field == "date" and p.level == "error" for p in extraction.problems)


# --- a scan under a thin text layer (issue 21): the page image is read by OCR, not the one line -----

def stamped(pages: list[list[str]], **layer) -> bytes:
    import binary_files
    return binary_files.scan_with_text_layer_pdf(pages, **layer)


def test_a_scan_whose_only_text_layer_is_a_registry_stamp_is_read_by_ocr():
    import binary_files
    source = read_bytes(stamped([LETTER], stamp=binary_files.REGISTRY_STAMP), "letters/filed.pdf", ".pdf")
    assert source.origin["ocr"] and "We urge you to end the detention of children." in source.plain
    assert "RECEIVED" not in source.plain, "the stamp (text layer and picture alike) is left out"
    messages = [p.message for p in source.problems]
    assert any(m.startswith("page 1: a scan under a thin text layer: read by OCR") for m in messages), messages
    assert any("stamp lines left out" in m and "12 MAR 2021" in m for m in messages), messages
    record = extract(source).record
    assert record.date == "2021-03-03", "the letter's date, not the stamp's"
    assert record.title == "Joint letter on the protection of refugees"
    assert [n.name for n in record.signatories.names] == ["Human Rights Watch", "Amnesty International"]


def test_a_text_layer_line_the_picture_does_not_show_is_kept_under_the_ocr_text():
    """Invisible text (an archive's reference a scanner app wrote into the text layer only) is not in
    the OCR text: it is kept, after the page's OCR text."""
    reference = "Archive reference 4711-AB of the coalition"
    source = read_bytes(stamped([LETTER], hidden=reference), "letters/numbered.pdf", ".pdf")
    lines = [line for line in source.plain.split("\n") if line.strip()]
    assert lines[-1] == reference and "We urge you to end the detention of children." in lines


def test_only_the_scanned_page_of_a_text_pdf_is_read_by_ocr():
    """Page 1 is text; page 2, the signatures, is a scan with a scanner app's line up its margin."""
    first, signatures = LETTER[:LETTER.index("Sincerely,")], LETTER[LETTER.index("Sincerely,"):]
    raw = stamped([signatures], text_first="\n".join(first), vertical="Scanned with PocketScan Pro")
    source = read_bytes(raw, "letters/mixed.pdf", ".pdf")
    messages = [p.message for p in source.problems]
    assert any(m.startswith("page 2: a scan under a thin text layer: read by OCR") for m in messages), messages
    assert not any(m.startswith("page 1") for m in messages)
    page_two = source.plain.split("\n")[source.origin["page_starts"][1] - 1:]
    assert "Human Rights Watch, United States" in page_two
    record = extract(source).record
    assert record.date == "2021-03-03"
    assert [n.name for n in record.signatories.names] == ["Human Rights Watch", "Amnesty International"]
