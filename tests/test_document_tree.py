"""The document tree (document.py): one typed tree of blocks for every format, each block with its
lines in the file; the roles `letters check -v` shows for it; the signature-list candidates read from
its lists and tables. Made-up letters only."""

from __future__ import annotations

from pathlib import Path

from letter_archive.cli.report import render_check
from letter_archive.document import (
    Comment,
    FrontMatter,
    Furniture,
    Heading,
    Item,
    ListBlock,
    Paragraph,
    Reference,
    Rule,
    Table,
    build_tree,
)
from letter_archive.extract import extract
from letter_archive.extract.lines import Line, Removed
from letter_archive.extract.signature_block import candidates
from letter_archive.readers import read_bytes

PROSE = ("The council plans to sell the river library to a private buyer without asking the people who read "
         "there every week, and we ask you to stop the sale until the readers have been heard.")


def extraction(text: str, name: str = "letter.md"):
    return extract(read_bytes(text.encode(), name, Path(name).suffix))


def lines_of(text: str) -> list[Line]:
    return [Line(n, t) for n, t in enumerate(text.split("\n"), start=1)]


MARKDOWN = f"""---
title: Keep the river library open
---
# Keep the river library open

![The library's front door](door.jpg)

Dear Councillors,

{PROSE}

We ask the council to:

- stop the sale
  - until the readers are heard
  - until the vote
- publish the contract

| Name | Town |
|------|------|
| Ada Pike | Riverton |
| Bo Stern | Eastport |

***

<!-- a note for the editors -->

[contract]: https://example.org/contract
"""


def test_the_tree_of_a_markdown_letter():
    ex = extraction(MARKDOWN)
    blocks = ex.tree.blocks
    assert [b.kind for b in blocks] == ["heading", "image", "paragraph", "paragraph", "paragraph", "list", "table",
                                        "rule", "comment", "reference"]
    heading, image, *_, lst, table, rule, comment, ref = blocks
    # the file's own line numbers, below the editor's front matter (lines 1-3)
    assert (heading.level, heading.text, heading.first_no) == (1, "Keep the river library open", 4)
    assert (image.alt, image.first_no) == ("The library's front door", 6)
    assert isinstance(lst, ListBlock) and not lst.ordered and (lst.first_no, lst.last_no) == (14, 17)
    assert [ex.text[i.start].text.strip() for i in lst.items] == ["- stop the sale", "- publish the contract"]
    nested = [b for b in lst.items[0].children if isinstance(b, ListBlock)]
    assert len(nested) == 1 and nested[0].depth == 1 and len(nested[0].items) == 2   # belongs to its parent item
    assert ex.tree.lists() == [lst]                                                  # not a list of its own
    assert isinstance(table, Table) and table.header.cells == ["Name", "Town"]
    assert [r.cells for r in table.rows] == [["Ada Pike", "Riverton"], ["Bo Stern", "Eastport"]]
    assert [r.first_no for r in table.rows] == [21, 22]
    assert isinstance(rule, Rule) and rule.first_no == 24
    assert isinstance(comment, Comment) and comment.first_no == 26
    assert isinstance(ref, Reference) and ref.label == "contract"
    # every block's range indexes the cleaned lines the field readers read
    assert all(ex.text[b.start].no == b.first_no for b in blocks)


def test_the_tree_of_a_plain_text_letter():
    text = (f"3 May 2021\n\nDear Councillors,\n\n{PROSE}\n\nWe ask:\n\n(1) stop the sale\n(2) publish the contract\n\n"
            "* * *\n\nSigned by\n\n• Ada Pike\n• Bo Stern\n• Cy Vale\n\nAda Pike\tRiverton\nBo Stern\tEastport\n")
    ex = extraction(text, "letter.txt")
    kinds = [(b.kind, b.first_no, b.last_no) for b in ex.tree.blocks]
    assert kinds == [("paragraph", 1, 1), ("paragraph", 3, 3), ("paragraph", 5, 5), ("paragraph", 7, 7),
                     ("list", 9, 10), ("rule", 12, 12), ("paragraph", 14, 14), ("list", 16, 18), ("table", 20, 21)]
    numbered, bullets = [b for b in ex.tree.blocks if isinstance(b, ListBlock)]
    assert numbered.ordered and [i.marker for i in numbered.items] == ["1.", "2."]   # "(1)" read as a number
    assert not bullets.ordered and len(bullets.items) == 3                             # "•" read as a bullet
    table = ex.tree.blocks[-1]
    assert table.header is None and [r.cells for r in table.rows] == [["Ada Pike", "Riverton"], ["Bo Stern", "Eastport"]]


def test_setext_headings_front_matter_of_another_generator_and_indented_lines():
    text = "+++\ntitle = 'x'\n+++\nSignatories\n===========\n\nAda Pike\n\nSupporters\n----------\n\n    Bo Stern\n"
    blocks = build_tree(lines_of(text)).blocks
    assert [type(b) for b in blocks] == [FrontMatter, Heading, Paragraph, Heading, Paragraph]
    assert blocks[0].generator == "toml" and [b.level for b in blocks if isinstance(b, Heading)] == [1, 2]
    assert blocks[-1].kind == "paragraph"   # an indented line of a letter is no code


def test_pages_and_page_furniture():
    lines = [Line(1, "First page text."), Line(2, ""), Line(5, "Second page text.")]
    tree = build_tree(lines, page_starts=[1, 4], removed=[Removed(3, "Page 1", "page-break debris")])
    first, furniture, second = tree.blocks
    assert (first.page, second.page) == (1, 2)
    assert isinstance(furniture, Furniture) and furniture.start == furniture.end == 2 and furniture.first_no == 3


def test_check_verbose_shows_the_tree_with_roles():
    text = (f"3 May 2021\n\nMayor Ada Lindgren\nCity Hall, Riverton\n\nDear Mayor Lindgren,\n\n{PROSE}\n\n"
            "We ask the council to:\n\n- stop the sale\n- publish the contract\n\nSincerely,\n\n"
            "Ada Pike\nBo Stern\n")
    ex = extraction(text, "letter.txt")
    report = render_check("letter.txt", ex, None, verbose=True)
    rows = [line.split() for line in report.splitlines() if line.startswith("    ") and "   " in line[17:]]
    tree = report[report.index("    tree"):].splitlines()[:8]
    assert [" ".join(r.split()) for r in tree] == [
        "tree paragraph dateline line 1",
        "paragraph address block lines 3–4",
        "paragraph salutation line 6",
        "paragraph body line 8",
        "paragraph body line 10",
        "list, 2 items announced list lines 12–13",
        "paragraph closing line 15",
        "paragraph signature block lines 17–18",
    ], rows
    # the summary line of roles keeps its format
    assert "    blocks       dateline (line 1); address block (line 3); salutation (line 6); body (line 8)" in report


def test_a_table_of_signers_is_one_candidate_with_one_entry_a_row():
    text = (f"# Keep the river library open\n\nTo the Riverton City Council,\n\n{PROSE}\n\n{PROSE}\n\n"
            "| Name | Town |\n|------|------|\n| Ada Pike | Riverton |\n| Bo Stern | Eastport |\n"
            "| Cy Vale | Harbour Point |\n| Di Quill | Westmere |\n")
    ex = extraction(text)
    found = [c for c in candidates(ex.text, ex.tree) if c.rule == "table"]
    assert len(found) == 1 and found[0].shape == 1.0            # four rows, each a name and a town; no header
    table = next(b for b in ex.tree.blocks if isinstance(b, Table))
    assert (found[0].start, found[0].end) == (table.start, table.end)
    assert [(s.name, s.affiliation) for s in ex.record.signatories.names] == [
        ("Ada Pike", "Riverton"), ("Bo Stern", "Eastport"), ("Cy Vale", "Harbour Point"), ("Di Quill", "Westmere")]


def test_a_table_of_figures_is_no_candidate():
    text = (f"# Keep the river library open\n\nTo the Riverton City Council,\n\n{PROSE}\n\n{PROSE}\n\n"
            "| Year | Loans |\n|---|---|\n| 2019 | 41,200 |\n| 2020 | 38,950 |\n| 2021 | 44,010 |\n")
    ex = extraction(text)
    assert [c for c in candidates(ex.text, ex.tree) if c.rule == "table"] == []
    assert ex.record.signatories.listed == 0


def test_a_nested_list_of_signers_is_one_candidate_of_its_parent():
    text = (f"# Keep the river library open\n\nTo the Riverton City Council,\n\n{PROSE}\n\n{PROSE}\n\n"
            "- Friends of the Library\n  - Ada Pike\n  - Bo Stern\n- Riverton Readers Club\n- Harbour Book Circle\n")
    ex = extraction(text)
    lists = [c for c in candidates(ex.text, ex.tree) if c.rule == "bullet list"]
    top = ex.tree.lists()[0]
    assert [(c.start, c.end) for c in lists] == [(top.start, top.end)]
    assert isinstance(top.items[0].children[-1], ListBlock) and all(isinstance(i, Item) for i in top.items)
