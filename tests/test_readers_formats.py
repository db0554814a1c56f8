"""DOCX, ODT and e-mail readers on made-up letters (issue 16)."""

import io
from email.message import EmailMessage

import binary_files as fixtures
import docx as python_docx
import pytest
from letter_archive.readers.base import ReaderError, to_text
from letter_archive.readers.binary import read_any as read_with_suffix

hostile = fixtures


def read_any(raw: bytes, name: str):
    return read_with_suffix(raw, name, "." + name.rsplit(".", 1)[-1])


def test_docx_paragraphs_table_lists_header_and_metadata():
    d = python_docx.Document()
    d.core_properties.author = "Jane Doe"
    d.sections[0].header.paragraphs[0].text = "Jane Doe - page header"
    d.add_paragraph("Dear Minister,")
    d.add_paragraph("We urge you to act on the following points, which the coalition has raised before "
                    "in several letters and meetings:")
    d.add_paragraph("Close the camps", style="List Number")
    d.add_paragraph("Free the prisoners", style="List Number")
    d.add_paragraph("Protect the open internet", style="List Bullet")
    table = d.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Human Rights Watch", "USA"
    table.cell(1, 0).text, table.cell(1, 1).text = "NK Watch", "South Korea"
    buf = io.BytesIO()
    d.save(buf)
    doc = read_any(buf.getvalue(), "letter.docx")
    text, where = to_text(doc)
    lines = text.splitlines()
    assert "Dear Minister," in lines
    assert "1. Close the camps" in lines and "2. Free the prisoners" in lines
    assert "- Protect the open internet" in lines
    assert "Human Rights Watch\tUSA" in lines and "NK Watch\tSouth Korea" in lines
    assert "page header" not in text and any("page header" in p for p in doc.problems)
    assert doc.metadata["author"] == "Jane Doe" and doc.metadata["created"]
    assert len(where) == len(lines) and all(p == 1 for p, _ in where)


def test_docx_fixture_round_trip():
    text = fixtures.sample_letter(paragraphs=2, signatories=4)
    doc = read_any(fixtures.letter_docx(text), "x.docx")
    got, _ = to_text(doc)
    assert got.split() == text.split()
    assert "Kim Min-jun 1\tCitizens' Alliance\tKorea" in got.splitlines()


def test_odt_paragraphs_lists_tables_notes_and_pages():
    extra = (b'<text:list><text:list-item><text:p>first item</text:p></text:list-item>'
             b'<text:list-item><text:p>second<text:s text:c="2"/>item</text:p></text:list-item></text:list>'
             b'<text:p>A footnote here<text:note><text:note-citation>1</text:note-citation>'
             b'<text:note-body><text:p>the note</text:p></text:note-body></text:note>.</text:p>'
             b'<text:p><text:soft-page-break/>On page two</text:p>'
             b'<table:table><table:table-row><table:table-cell><text:p>Name</text:p></table:table-cell>'
             b'<table:table-cell><text:p>Country</text:p></table:table-cell></table:table-row></table:table>')
    doc = read_any(hostile.odt_bytes(["Шановна Влада,", "1) Негайно закрити кордон."], extra), "l.odt")
    assert doc.pages[0][:2] == ["Шановна Влада,", "1) Негайно закрити кордон."]
    assert "- first item" in doc.pages[0] and "- second  item" not in doc.pages[0]
    assert "- second item" in doc.pages[0]
    assert "A footnote here." in doc.pages[0]
    assert doc.pages[1][0] == "On page two" and "Name\tCountry" in doc.pages[1]
    assert doc.metadata == {"title": "Test", "author": "Mykola", "created": "2014-03-01", "modified": None, "pages": 1}
    text, where = to_text(doc)
    assert where[text.splitlines().index("On page two")] == (2, 1)


def test_eml_plain_text_with_attachment():
    msg = EmailMessage()
    msg["From"] = "Coalition <info@coalition.example.org>"
    msg["To"] = "Minister <minister@gov.example>"
    msg["Subject"] = "Joint letter on the open internet"
    msg["Date"] = "Tue, 02 Apr 2019 10:00:00 -0400"
    msg.set_content("Dear Minister,\n\nWe urge you to act.\n\nSincerely,\nThe Coalition\n")
    msg.add_attachment(b"%PDF-1.4 ...", maintype="application", subtype="pdf", filename="letter.pdf")
    doc = read_any(bytes(msg), "mail.eml")
    lines = doc.pages[0]
    assert lines[:5] == ["From: Coalition <info@coalition.example.org>", "To: Minister <minister@gov.example>",
                         "Date: Tue, 02 Apr 2019 10:00:00 -0400", "Subject: Joint letter on the open internet", ""]
    assert "We urge you to act." in lines
    assert doc.metadata["created"] == "2019-04-02" and doc.metadata["title"].startswith("Joint letter")
    assert any("letter.pdf" in p for p in doc.problems)


def test_eml_html_only():
    msg = EmailMessage()
    msg["From"] = "a@example.org"
    msg["Subject"] = "Letter"
    msg.set_content("<html><head><style>p{}</style></head><body><p>Dear Minister,</p><p>We urge you.</p>"
                    "<table><tr><td>HRW</td><td>USA</td></tr></table><script>evil()</script></body></html>",
                    subtype="html")
    doc = read_any(bytes(msg), "mail.eml")
    assert "Dear Minister," in doc.pages[0] and "HRW\tUSA" in doc.pages[0]
    assert not any("evil" in x or "p{}" in x for x in doc.pages[0])


def test_eml_that_is_not_mail():
    with pytest.raises(ReaderError, match="not an e-mail"):
        read_any(b"Dear Minister, ...", "x.eml")


def test_docx_tracked_changes_accepted():
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    d = python_docx.Document()
    p = d.add_paragraph("We urge ")
    inserted = p.add_run("the government")
    ins = OxmlElement("w:ins")
    ins.set(qn("w:id"), "1")
    ins.set(qn("w:author"), "editor")
    inserted._r.addprevious(ins)
    ins.append(inserted._r)
    deleted = p.add_run("NOT")
    dl = OxmlElement("w:del")
    dl.set(qn("w:id"), "2")
    dl.set(qn("w:author"), "editor")
    deleted._r.addprevious(dl)
    dl.append(deleted._r)
    deleted._r.find(qn("w:t")).tag = qn("w:delText")
    p.add_run(" to act.")
    buf = io.BytesIO()
    d.save(buf)
    assert read_any(buf.getvalue(), "x.docx").pages == [["We urge the government to act."]]
