"""Issue 12: extraction that holds on letters nobody here has seen. Each rule is written generally and
tested on a made-up letter in its own words (the real letters it was found in stay in ../shared/eval)."""

from __future__ import annotations

from letter_archive.extract import extract
from letter_archive.readers import read_bytes


def record(text: str, name: str = "letter.txt"):
    return extract(read_bytes(text.encode(), name, "." + name.rsplit(".", 1)[-1])).record


BODY = ("We write to you about the closure of the public library in our town, which has served readers of "
        "every age for more than a century and which the council now plans to sell to a private developer.")


# --- dates ------------------------------------------------------------------------------------------

def test_a_date_in_the_footer_is_the_letters_date():
    rec = record(f"Dear Council,\n\n{BODY}\n\nSincerely,\n\nAda Pike\n\nLetter written March 3rd, 2022.\n")
    assert rec.date == "2022-03-03"


def test_a_date_inside_a_sentence_about_another_event_is_not_the_date():
    rec = record(f"Dear Council,\n\n{BODY} The library first opened on 4 May 1921 in a former bank.\n\nSincerely,\n\nAda Pike\n")
    assert rec.date is None


def test_a_markdown_hard_break_after_the_date():
    assert record(f"14th Feb 2023\\\nDear Council,\n\n{BODY}\n", "l.md").date == "2023-02-14"


def test_day_month_comma_year():
    assert record(f"Kleinfeld, 22 Oktober, 2024\n\nSehr geehrte Damen und Herren,\n\n{BODY}\n").date == "2024-10-22"


def test_spanish_dateline_at_the_end_before_the_signers():
    text = f"Estimados concejales:\n\n{BODY}\n\nMontevideo, 9 de junio de 2021.\n\nLUCÍA PEREIRA\n"
    assert record(text).date == "2021-06-09"


def test_chinese_numeral_date():
    assert record(f"尊敬的部长：\n\n{BODY}\n\n二零二一年三月五日\n").date == "2021-03-05"


def test_japanese_era_date():
    assert record(f"令和3年4月1日\n\n市長 様\n\n{BODY}\n").date == "2021-04-01"


def test_a_date_with_its_time():
    assert record(f"Date: 2021-05-04 09:30\n\nDear Council,\n\n{BODY}\n").date == "2021-05-04"


def test_markdown_with_a_few_html_tags_keeps_its_lines():
    text = ("<p align=\"right\">Somewhere</p>\n<div>\n<p>x</p><p>y</p><p>z</p><p>w</p>\n</div>\n\n"
            f"Date: 3 May 2021\n\nDear Council,\n\n{BODY}\n\n- one\n- two\n")
    rec = record(text, "letter.md")
    assert rec.date == "2021-05-03"
    assert "- two" in [x.text for x in extract(read_bytes(text.encode(), "letter.md", ".md")).text]
