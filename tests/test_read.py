"""Reading documents: encodings, binary files, front matter (issue 2's read stage, issue 5's bad input)."""

from __future__ import annotations

import codecs
import json
import subprocess

import pytest
from conftest import BIN
from letter_archive.errors import LetterError
from letter_archive.extract import extract
from letter_archive.readers import read_bytes

KOREAN = "존경하는 대통령님께,\n\n우리는 북한 인권 문제에 대해 편지를 씁니다.\n"
JAPANESE = "内閣総理大臣 安倍晋三 殿\n\n私たちは北朝鮮の人権について書いています。拉致問題。\n"


@pytest.mark.parametrize("text, encoding", [
    (KOREAN, "euc-kr"), (JAPANESE, "shift_jis"), (KOREAN + JAPANESE, "utf-16"),
    ("“Smart quotes” — and café’s résumé, naïve façade, déjà vu. " * 3, "cp1252"),
    ("Plain letter text with a BOM. " * 3, "utf-8-sig"),
])
def test_legacy_encodings_decode_to_the_original_text(text, encoding):
    source = read_bytes(text.encode(encoding), "letter.txt")
    assert source.text == text


@pytest.mark.parametrize("raw, says", [
    (b"", "empty"), (b"   \n\t\n", "empty"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"), (b"\x89PNG\r\n\x1a\n\x00\x00", "PNG"),
    (b"Dear Sir,\nsome text\x00\x00 more", "NUL"),
    (b"\x01\x02\x03\x04 text" * 100, "binary"),
])
def test_unreadable_files_are_errors_that_say_why(raw, says):
    with pytest.raises(LetterError) as err:
        read_bytes(raw, "letters/bad.txt")
    assert says in str(err.value) and "letters/bad.txt" in str(err.value)
    assert err.value.hint


def test_invalid_utf8_that_no_encoding_explains_is_refused():
    raw = bytes(range(128, 256)) * 20
    with pytest.raises(LetterError) as err:
        read_bytes(raw, "x.txt")
    assert "decode" in str(err.value) or "binary" in str(err.value)


def test_oversized_file_is_refused_with_a_size_message():
    with pytest.raises(LetterError) as err:
        read_bytes(b"word " * 4_000_000, "huge.txt")
    assert "MB" in str(err.value)


def test_one_long_line_is_handled():
    raw = ("February 3, 2020\n\nDear Minister,\n\n" + "we urge you to act now " * 45000 + "\n").encode()
    record = extract(read_bytes(raw, "long.txt")).record
    assert record.date == "2020-02-03"


@pytest.mark.parametrize("front, field, says", [
    ("date: soon", "date", "not a date"),
    ("date: 2020-02-30", "date", "calendar"),
    ("signatories: many", "signatories", "mapping"),
    ("adressees: [Shinzo Abe]", "adressees", "addressees"),
    ("kind: memo", "kind", "one of"),
])
def test_front_matter_errors_name_the_line_and_the_fix(front, field, says):
    raw = f"---\ntitle: A letter\n{front}\n---\nFebruary 3, 2020\n\nDear Minister,\n".encode()
    problems = [p for p in extract(read_bytes(raw, "f.txt")).problems if p.level == "error" and p.field == field]
    assert problems, f"no error for {front}"
    assert problems[0].line == 3
    assert says in (problems[0].message + " " + (problems[0].hint or ""))


def test_keys_of_other_site_generators_are_ignored_with_a_warning():
    """A Markdown page copied from a Hugo or Jekyll site: its subtitle and publishdate are its own,
    not misspellings of title and date, so the letter still builds (a real typo still stops it)."""
    raw = (b"---\ntitle: A letter\nsubtitle: Open letter of the groups\npublishdate: 2023-01-14\nauthors: [A, B]\n---\n"
           b"February 3, 2020\n\nDear Minister,\n")
    problems = extract(read_bytes(raw, "f.md", ".md")).problems
    ignored = {p.field: p for p in problems if p.field in ("subtitle", "publishdate", "authors")}
    assert {p.level for p in ignored.values()} == {"warning"} and len(ignored) == 3
    assert "ignored" in ignored["subtitle"].message and ignored["subtitle"].line == 3


def test_author_may_be_a_list_of_names():
    raw = b"---\nauthor: [Mathilde, David Benqu\xc3\xa9]\n---\nFebruary 3, 2020\n\nDear Minister,\n"
    ex = extract(read_bytes(raw, "f.md", ".md"))
    assert ex.record.author == "Mathilde; David Benqué" and not [p for p in ex.problems if p.field == "author"]


def test_yaml_tags_and_invalid_yaml_are_refused_with_a_line():
    with pytest.raises(LetterError) as err:
        read_bytes(b"---\ntitle: x\nevil: !!python/object/apply:os.system ['true']\n---\ntext\n", "t.txt")
    assert "tag" in str(err.value) and err.value.line == 3
    with pytest.raises(LetterError) as err:
        read_bytes(b"---\ntitle: [unclosed\n---\ntext\n", "t.txt")
    assert "YAML" in str(err.value)


def test_ambiguous_numeric_date_is_not_guessed():
    ex = extract(read_bytes(b"02/03/2020\n\nDear Minister,\n\nWe urge you to act.\n", "a.txt"))
    assert ex.record.date is None
    assert any("ambiguous" in p.message for p in ex.problems)


def test_html_page_is_read_as_text_without_scripts():
    html = (b"<html><head><style>p{}</style><script>var secret=1</script></head><body><h1>Letter to the WTO</h1>"
            b"<p>19 November 2021<p>Dear Director-General,<p>We urge you to act.<ul><li>One</li></ul></body></html>")
    source = read_bytes(html, "page.html", ".html")
    assert "secret" not in source.plain and "# Letter to the WTO" in source.plain
    assert extract(source).record.date == "2021-11-19"


def test_signature_table_rows_are_one_line_each_and_counted():
    """Word processors export a signature table with a paragraph per cell; each row stays one line
    (number, name, description), so 3 rows are 3 signatories, not 9 lines."""
    rows = "".join(f"<tr><td><p>{n}</p></td><td><p>{name}</p></td><td><p>{desc}</p><p>{extra}</p></td></tr>"
                   for n, name, desc, extra in [(1, "ActionAid International", "A global movement", "in 45 countries"),
                                                (2, "Banana Link", "Fair trade", "UK"),
                                                (3, "Third World Network", "Research network", "Malaysia")])
    html = ("<html><body><p>19 November 2021</p><p>Dear Director-General,</p><p>We urge you to act now.</p>"
            f"<p>Sincerely,</p><p>Signatories:</p><table>{rows}</table></body></html>").encode()
    source = read_bytes(html, "table.html", ".html")
    assert "1\tActionAid International\tA global movement in 45 countries" in source.plain.splitlines()
    assert extract(source).record.signatories.listed == 3


def test_a_layout_table_keeps_the_letters_paragraphs():
    letter = "".join(f"<p>Paragraph {n} of a letter that an old website laid out in a table cell.</p>" for n in range(12))
    source = read_bytes(f"<html><body><table><tr><td>{letter}</td></tr></table></body></html>".encode(), "old.html", ".html")
    assert "Paragraph 3 of a letter that an old website laid out in a table cell." in source.plain.splitlines()


def test_server_code_in_a_saved_page_is_not_read_as_text():
    """A page saved from its PHP source: an HTML parser ends "<?php" at its first ">", and the rest of
    the code (here a style block) became the first "words" of a Spanish letter, read as English."""
    page = ('#!/usr/bin/php\n<?php\n$head=<<<end\n<style type="text/css">\n.P1 { font-size:10pt; text-align:center; '
            'font-family:Arial; writing-mode:lr-tb; }\n</style>\nend;\ninclude "head.php"\n?>\n'
            "<div><p>30 de abril de 2020</p><p>Estimados miembros de la Organización Mundial del Comercio:</p>"
            "<p>Un nuevo coronavirus ha provocado una pandemia que se propagó por casi todos los países del mundo. "
            "Instamos a los miembros a que suspendan todas las negociaciones comerciales durante la pandemia.</p>"
            "<p>Atentamente,</p></div>").encode()
    source = read_bytes(page, "carta.php.txt")
    assert "font-size" not in source.plain and "include" not in source.plain
    assert extract(source).record.language == "es"


def test_extract_json_has_every_key_for_every_path(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("March 3, 2020\n\nDear President,\n\nWe urge you to act.\n", encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"%PDF-1.4")
    out = subprocess.run([str(BIN / "letters"), "extract", str(good), str(bad), "--json"],
                         capture_output=True, text=True, check=True).stdout
    records = json.loads(out)
    keys = ["file", "kind", "date", "title", "language", "addressees", "cc", "governments", "signatories",
            "demands", "doubts", "warnings", "errors"]
    assert [list(r) for r in records] == [keys, keys]
    assert records[0]["date"] == "2020-03-03" and records[1]["errors"]
    assert records[1]["signatories"] == {"claimed": None, "listed": 0, "groups": [], "names": []}


def test_bom_and_crlf_are_normalised():
    raw = codecs.BOM_UTF8 + b"February 3, 2020\r\n\r\nDear Minister,\r\n"
    assert read_bytes(raw, "b.txt").text.startswith("February 3, 2020\n")
