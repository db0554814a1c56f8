"""The PDF layout rules (issue 16), each on a made-up example (and, where present, on the real files
of ../shared/eval/pdf)."""

import io

import binary_files as fixtures
import pytest
from binary_files import _wrap
from conftest import SHARED_EVAL
from letter_archive.readers import pdf, pdf_columns
from letter_archive.readers.base import Document, drop_running_lines, join_hyphenated, to_text

REAL = SHARED_EVAL / "pdf"


# --- rejoining words hyphenated at a line end -------------------------------------------------

def test_hyphenated_word_rejoined():
    pages = [["We thank the organi-", "sations that signed.", "", "More text"]]
    assert join_hyphenated(pages) == 1
    assert pages == [["We thank the organisations", "that signed.", "", "More text"]]


def test_real_hyphen_kept_before_a_capital():
    pages = [["President Moon Jae-", "In of South Korea"]]
    join_hyphenated(pages)
    assert pages[0][0] == "President Moon Jae-In"


def test_suspended_hyphen_before_a_conjunction_kept():
    pages = [["Infrastruktur für Wasserstoff-", "und Elektromobilität"]]
    assert join_hyphenated(pages) == 0
    assert pages[0] == ["Infrastruktur für Wasserstoff-", "und Elektromobilität"]


def test_hyphen_rejoined_across_a_page_break_but_not_a_paragraph_break():
    pages = [["the systematic vio-"], ["lations continue"]]
    join_hyphenated(pages)
    assert pages == [["the systematic violations"], ["continue"]]
    pages = [["a list item -", "", "next paragraph"]]
    assert join_hyphenated(pages) == 0


# --- running headers, footers, page numbers --------------------------------------------------

def test_running_header_footer_and_page_numbers_dropped():
    bodies = [["Dear Minister,", "We write", "to urge", "you to act", "now."], ["Signed:", "A", "B", "C", "D"],
              ["E", "F", "G", "H", "I"]]
    pages = [["JOINT LETTER", *body, "www.example.org", f"Page {i} of 3"] for i, body in enumerate(bodies, 1)]
    dropped = drop_running_lines(pages)
    assert pages == bodies
    assert "JOINT LETTER" in dropped and "Page 2 of 3" in dropped


def test_a_line_that_repeats_only_once_is_kept():
    pages = [["Dear Minister,", "text"], ["Dear Minister,", "x"], ["other", "y"], ["z", "w"], ["v", "u"]]
    drop_running_lines(pages)
    assert pages[0][0] == "Dear Minister,"


# --- to_text: page and line of each output line -----------------------------------------------

def test_to_text_maps_lines_to_pages():
    text, where = to_text(Document(pages=[["a", "b"], ["c"]]))
    assert text == "a\nb\n\nc\n"
    assert where == [(1, 1), (1, 2), (2, 0), (2, 1)]


# --- PDF layout on a generated letter -------------------------------------------------------

@pytest.fixture(scope="module")
def letter():
    text = fixtures.sample_letter(paragraphs=6, signatories=60)
    raw = fixtures.letter_pdf(text, letterhead=fixtures.LETTERHEAD, interleave=True, hyphenate=2, footnote=True)
    return text, pdf.read(raw, "letter.pdf")


def test_letterhead_column_kept_apart_from_the_letter(letter):
    _, doc = letter
    lines = doc.pages[0]
    head = [x for x in fixtures.LETTERHEAD if x]
    # every letterhead line is a line of its own, all before the letter starts
    for x in head:
        assert x in lines
    start = lines.index("February 13, 2020")
    assert all(lines.index(x) < start for x in head)
    assert not any(ln.startswith(h + "\t") for ln in lines for h in head)


def test_letterhead_drawn_as_its_own_block():
    text = fixtures.sample_letter(paragraphs=6, signatories=40)
    doc = pdf.read(fixtures.letter_pdf(text, letterhead=fixtures.LETTERHEAD, interleave=False), "l.pdf")
    assert len(doc.pages) == 2
    body = [ln for ln in to_text(doc)[0].splitlines() if ln not in fixtures.LETTERHEAD]
    assert " ".join(body).split() == text.split()


def test_header_footer_page_numbers_gone(letter):
    _, doc = letter
    text, _ = to_text(doc)
    assert fixtures.HEADER not in text and fixtures.FOOTER not in text and "Page 1 of" not in text


def test_hyphenation_rejoined_in_pdf(letter):
    _, doc = letter
    text, _ = to_text(doc)
    assert "mechanisms" in text and "mecha\n" not in text and "mecha-" not in text
    assert any("hyphenated" in p for p in doc.problems)


def test_footnote_marker_dropped_and_note_kept(letter):
    _, doc = letter
    text, _ = to_text(doc)
    assert "recommendations.1" not in text
    assert "1 See the report of the Commission of Inquiry." in text.splitlines()
    assert any("footnote reference" in p for p in doc.problems)


def test_signatory_table_rows_across_the_page_break(letter):
    text, doc = letter
    rows = [ln for ln in text.splitlines() if "\t" in ln]
    out, where = to_text(doc)
    lines = out.splitlines()
    for row in rows:
        assert row in lines, row
    pages = {where[lines.index(r)][0] for r in rows}
    assert pages == {1, 2}, "the table runs over the page break"
    # the rows keep their order across the break
    assert [lines.index(r) for r in rows] == sorted(lines.index(r) for r in rows)


def test_same_words_as_the_text(letter):
    text, doc = letter
    body = [ln for ln in to_text(doc)[0].splitlines()
            if ln not in fixtures.LETTERHEAD and not ln.startswith("1 See the report")]
    assert " ".join(body).split() == text.split()


def test_list_flowed_into_two_columns_is_read_down_each_column():
    from reportlab.pdfgen import canvas
    names = [f"Organisation {chr(65 + i)}" for i in range(20)]
    buf = io.BytesIO()
    cv = canvas.Canvas(buf)
    cv.setFont("Helvetica", 10)
    cv.drawString(72, 760, "Signed by the following organisations, listed in the order they joined:")
    for k, name in enumerate(names):
        col, row = divmod(k, 10)
        cv.drawString(72 + col * 250, 730 - row * 14, name)
    cv.showPage()
    cv.save()
    doc = pdf.read(buf.getvalue(), "l.pdf")
    assert [ln for ln in doc.pages[0] if ln.startswith("Organisation")] == names


def test_numbered_list_item_wrapped_to_a_hanging_indent_is_one_line():
    from reportlab.pdfgen import canvas
    buf = io.BytesIO()
    cv = canvas.Canvas(buf)
    cv.setFont("Helvetica", 10)
    cv.drawString(72, 760, "We demand the following measures from the city council and the mayor:")
    cv.drawString(72, 746, "1)")
    cv.drawString(92, 746, "A carbon budget as the guide for all")
    cv.drawString(92, 732, "planning decisions of the city")
    cv.drawString(72, 718, "2)")
    cv.drawString(92, 718, "Renewable energy by 2035")
    cv.showPage()
    cv.save()
    doc = pdf.read(buf.getvalue(), "l.pdf")
    assert "1) A carbon budget as the guide for all planning decisions of the city" in doc.pages[0]
    assert "2) Renewable energy by 2035" in doc.pages[0]


# --- the real files (read only; skipped where absent) -----------------------------------------

def real(name):
    path = REAL / name
    if not path.exists():
        pytest.skip(f"{path} not here")
    return pdf.read(path.read_bytes(), name)


def test_real_footnote_marker_glued_to_a_word():
    doc = real("64-meps-von-der-leyen-x-grok-2026.pdf")
    text, _ = to_text(doc)
    assert "is also a crime. Putting" in text and "crime.1" not in text
    assert any(ln.startswith("1 The directive") for ln in text.splitlines())


def test_real_page_numbers_and_wrapped_table_cells():
    doc = real("61-save-internet-act-90-orgs-house-2019.pdf")
    assert not any(p and p[-1].strip().isdigit() for p in doc.pages)
    doc = real("60-startups-pm-modi-open-internet-2015.pdf")
    lines = to_text(doc)[0].splitlines()
    assert "69 CimplyFive Corporate Secretarial Services" in lines
    assert "116 Eko India Financial Services" in lines
    assert doc.metadata["pages"] == 6 and doc.metadata["created"] == "2015-04-27"


def test_paragraph_wrapped_by_the_layout_is_one_line_and_a_list_is_not():
    """Rule 7 on a made-up page: a paragraph wrapped to a 300-point column comes back as the one line
    it was typed as; in a list of names, one a line, an entry that happens to fill the line stays
    apart from the next entry (nothing says the break was the layout's)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen import canvas

    prose = ("Representatives of many organisations have documented systematic violations for years "
             "and we call on the Council to renew the mandate of the Special Rapporteur without a vote.")
    width = 300

    def measure(s):
        return stringWidth(s, "Helvetica", 10)

    wrapped = _wrap(prose.split(), width, measure, {})
    assert len(wrapped) >= 3
    names = ["Citizens' Alliance", "Human Rights Watch"]
    filler = "Committee for the Freedom of Assembly and Association of All People Everywhere"
    while measure(filler) > width:
        filler = filler.rsplit(" ", 1)[0]
    names.insert(1, filler)     # fills the line, and "Human" would not have fitted after it
    assert width - measure(filler) < measure("Human ")
    buf = io.BytesIO()
    cv = canvas.Canvas(buf)
    cv.setFont("Helvetica", 10)
    _draw_lines(cv, names, _draw_lines(cv, wrapped, 760) - 12.5)
    cv.showPage()
    cv.save()
    lines = pdf.read(buf.getvalue(), "l.pdf").pages[0]
    assert lines[0] == prose
    assert lines[-3:] == names


def _page_pdf(draw_pages) -> bytes:
    """A made-up PDF: each function in `draw_pages` draws one page on a reportlab canvas."""
    from reportlab.pdfgen import canvas
    buf = io.BytesIO()
    cv = canvas.Canvas(buf)
    for draw in draw_pages:
        draw(cv)
        cv.showPage()
    cv.save()
    return buf.getvalue()


def _draw_lines(cv, lines: list[str], y: float, x: float = 72, lead: float = 12.5) -> float:
    """Draw lines one under the other from y down; the y of the line that would come next."""
    for line in lines:
        cv.drawString(x, y, line)
        y -= lead
    return y


def _filled(words: list[str], width: float, size: float = 10) -> list[str]:
    from reportlab.pdfbase.pdfmetrics import stringWidth
    return _wrap(words, width, lambda s: stringWidth(s, "Helvetica", size), {})


def test_heading_in_larger_type_on_the_next_page_is_not_the_paragraph_going_on():
    """Rule 7 across a page break: the last line of page 1 is full and its paragraph is running text,
    but page 2 starts with a heading set larger: a heading of its own, not the paragraph's next word."""
    prose = ("Members of the committee have heard from farmers, teachers and nurses in every district "
             "and the evidence they gave leaves no doubt about the scale of the shortage in rural areas.")
    wrapped = _filled(prose.split(), 300)

    def page1(cv):
        cv.setFont("Helvetica", 10)
        for k, line in enumerate(wrapped):
            cv.drawString(72, 760 - 12.5 * k, line)

    def page2(cv):
        cv.setFont("Helvetica-Bold", 15)
        cv.drawString(72, 760, "Endorsements")
        cv.setFont("Helvetica", 10)
        cv.drawString(72, 730, "Rural Teachers Union")

    doc = pdf.read(_page_pdf([page1, page2]), "l.pdf")
    assert doc.pages[0] == [prose]
    assert doc.pages[1][0] == "Endorsements"


def test_justified_line_with_stretched_spaces_is_words_not_table_cells():
    """Rule 3b: a justified paragraph's line whose spaces were stretched wider than a table gap
    (a long word moved to the next line) is one line of words: spaces, no TABs, and the paragraph is
    one line again."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    def width(s):
        return stringWidth(s, "Helvetica", 10)

    first = "The ministry promised in its annual plan that every village would be connected to the"
    stretched = ["grid", "before", "the", "end", "of", "the", "current", "decade,", "and", "yet"]
    last = "electrification programmes stalled in most districts."
    right = 72 + width(first)
    gap = (right - 72 - sum(width(w) for w in stretched)) / (len(stretched) - 1)
    assert 1.2 * 10 < gap < 3 * 10          # wider than the gap that separates table cells

    def page(cv):
        cv.setFont("Helvetica", 10)
        cv.drawString(72, 760, first)
        x = 72
        for w in stretched:
            cv.drawString(x, 747.5, w)
            x += width(w) + gap
        cv.drawString(72, 735, last)

    lines = pdf.read(_page_pdf([page]), "l.pdf").pages[0]
    assert lines == [" ".join([first, *stretched, last])]


def test_last_line_of_a_paragraph_above_a_list_in_two_columns_stays_with_its_paragraph():
    """Rule 4: a paragraph's short last line, and a list in two columns below it (each column drawn
    as a whole), keep clear of the same gutter; the last line is not the start of a column, so the
    paragraph is still one line."""
    prose = ("We thank every member of the network who collected signatures in the streets, at markets "
             "and at schools, and we ask the council to act.")
    wrapped = _filled(prose.split(), 420)
    assert len(wrapped[-1]) < len(wrapped[0]) / 2
    names = [f"Neighbourhood Group {chr(65 + i)}" for i in range(16)]

    def page(cv):
        cv.setFont("Helvetica", 10)
        y = _draw_lines(cv, wrapped, 760) - 12.5
        for k, name in enumerate(names):
            col, row = divmod(k, 8)
            cv.drawString(72 + col * 250, y - row * 12.5, name)

    lines = pdf.read(_page_pdf([page]), "l.pdf").pages[0]
    assert lines[0] == prose
    assert [ln for ln in lines if ln.startswith("Neighbourhood")] == names


# --- the first page as a link-preview image ---------------------------------------------------

def test_preview_of_a_page_without_colour_is_a_greyscale_png_of_the_same_pixels():
    """A page of black text on white is written as a greyscale PNG (a third of the data to compress);
    any colour keeps it RGB. Both decode to the pixels rendered."""
    import numpy as np
    from letter_archive.readers.preview import png
    from PIL import Image

    rng = np.random.default_rng(7)
    grey = np.repeat(rng.integers(0, 256, (40, 30, 1), dtype=np.uint8), 3, axis=2)
    colour = grey.copy()
    colour[5, 5] = (200, 30, 30)          # one red pixel
    for pixels, mode in ((grey, "L"), (colour, "RGB")):
        image = Image.open(io.BytesIO(png(pixels)))
        assert image.mode == mode and image.size == (30, 40)
        assert np.array_equal(np.asarray(image.convert("RGB")), pixels)


def test_the_column_search_window_shares_what_its_lines_share():
    """Rule 4's sliding window gives, wherever it stands, the free spans every line in it shares: the
    same as intersecting its lines one by one."""
    import random
    rng = random.Random(3)

    def spans():
        xs = sorted(rng.uniform(0, 500) for _ in range(2 * rng.randint(1, 3)))
        return [(a, b) for a, b in zip(xs[::2], xs[1::2], strict=True) if b - a >= 5]

    frees = [spans() for _ in range(60)]
    window = pdf_columns._Window(5)
    i = 0
    while i < len(frees):
        window.start_at(i, frees)
        while window.end < len(frees) and rng.random() < 0.7:
            window.push(frees[window.end])
        expected = frees[window.begin]
        for k in range(window.begin + 1, window.end):
            expected = pdf_columns._intersect(expected, frees[k], 5)
        assert window.begin == i and window.shared() == expected
        i += rng.randint(1, 3)


def test_a_paragraph_goes_on_across_a_page_break_past_the_pages_footnotes():
    """Rule 8: page 1 ends with a footnote in smaller type under a paragraph that goes on on page 2:
    the paragraph is one line again, and the footnote stays at the end of page 1."""
    prose = ("The committee heard that the river has flooded the lower town three times since the dam was "
             "raised, and that the families who lost their homes were never offered new land by the "
             "province or by the company that operates the dam today, although both had promised it in "
             "writing before the works began and again when the second flood came.")
    wrapped = _filled(prose.split(), 300)
    assert len(wrapped) >= 6

    def page1(cv):
        cv.setFont("Helvetica", 10)
        for k, line in enumerate(wrapped[:4]):
            cv.drawString(72, 760 - 12.5 * k, line)
        cv.setFont("Helvetica", 8)
        cv.drawString(72, 90, "1 Minutes of the hearing of 3 May, page 12.")

    def page2(cv):
        cv.setFont("Helvetica", 10)
        for k, line in enumerate(wrapped[4:]):
            cv.drawString(72, 760 - 12.5 * k, line)

    doc = pdf.read(_page_pdf([page1, page2]), "l.pdf")
    assert doc.pages[0] == [prose, "", "1 Minutes of the hearing of 3 May, page 12."]
    assert doc.pages[1] == []


def test_a_note_mark_touching_the_word_is_dropped_even_after_a_reported_space():
    """Rule 2: a raised small digit that touches the character before it is a footnote reference,
    even where the text layer puts a space between them (a space drawn under the mark)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    def page(cv):
        cv.setFont("Helvetica", 10)
        start = "Three districts reported the same shortage this winter;"
        cv.drawString(72, 760, start + " ")
        x = 72 + stringWidth(start, "Helvetica", 10)
        cv.setFont("Helvetica", 6)
        cv.drawString(x, 764, "7")
        cv.setFont("Helvetica", 10)
        cv.drawString(x + stringWidth("7 ", "Helvetica", 6) + 2.5, 760, "and the council did not answer.")

    doc = pdf.read(_page_pdf([page]), "l.pdf")
    assert doc.pages[0] == ["Three districts reported the same shortage this winter; and the council did not answer."]
