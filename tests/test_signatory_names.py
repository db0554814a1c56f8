"""A signatory's page keeps its name (issue 23): a new letter signed "-Article 19" renamed the page
/signatories/article-19/ to "-Article 19", and "+Human Rights Watch" got a page of its own,
human-rights-watch-2. The marks a list puts before a name are no part of it, and a published
signatory's display name changes only by an editor's alias."""

from __future__ import annotations

import yaml
from conftest import BIN, make_archive, run
from letter_archive.link.identities import as_named, fold, resolve


def test_the_marks_a_list_puts_before_a_name_are_no_part_of_it():
    for written in ("-Article 19", "+Article 19", "• Article 19", "– Article 19", "* Article 19", "> Article 19",
                    "·Article 19", "→ Article 19", "ARTICLE 19"):
        assert fold(written) == fold("Article 19"), written
    assert as_named("+Human Rights Watch") == "Human Rights Watch"
    # what is part of a name stays
    assert as_named("#MeToo Korea") == "#MeToo Korea" and as_named("(Anonymous)") == "(Anonymous)"
    assert as_named("“Memorial” Centre") == "“Memorial” Centre" and fold("C++ Group") != fold("C Group")
    fresh = resolve(["-Article 19", "+Human Rights Watch"])
    assert {i.name for i in fresh.values()} == {"Article 19", "Human Rights Watch"}


def test_a_published_name_changes_only_by_an_editors_alias():
    published = {"article-19": "Article 19", "human-rights-watch": "Human Rights Watch"}
    names = ["Article 19", "-Article 19", "-Article 19", "ARTICLE 19", "ARTICLE 19", "+Human Rights Watch"]
    found = resolve(names, published)
    assert {(found[n].name, found[n].slug) for n in names} == {("Article 19", "article-19"),
                                                               ("Human Rights Watch", "human-rights-watch")}
    # not published yet: the form most letters wrote, without its marks
    assert resolve(["ARTICLE 19", "ARTICLE 19", "-Article 19"])["-Article 19"].name == "ARTICLE 19"


LETTER = ("---\ndate: 2021-03-05\ntitle: A new letter\ngovernments: [Japan]\n---\nDear Prime Minister,\n\n"
          "We urge you to release every political prisoner.\n\nSincerely,\n\n-Article 19\n+Human Rights Watch\n"
          "ARTICLE 19\n")


def test_a_new_letters_spelling_neither_renames_a_page_nor_makes_a_second_one(tmp_path):
    root = make_archive(tmp_path)
    run([str(BIN / "letters"), "build", "--root", str(root)], root)
    pages = root / "docs" / "signatories"
    titles = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8").split("\n---\n")[0].removeprefix("---\n"))["title"]
              for p in pages.glob("*.md") if p.stem != "index"}
    assert titles["article-19"] == "Article 19" and titles["human-rights-watch"] == "Human Rights Watch"
    registry = (root / "data" / "signatory-permalinks.yaml").read_text(encoding="utf-8")
    for n in range(3):   # three letters spell it the new ways: still the published name
        (root / "letters" / f"2021-03-0{5 + n}-new.txt").write_text(LETTER.replace("2021-03-05", f"2021-03-0{5 + n}"),
                                                                    encoding="utf-8")
    run([str(BIN / "letters"), "build", "--root", str(root)], root)
    after = {p.stem: p.read_text(encoding="utf-8") for p in pages.glob("*.md")}
    assert "title: Article 19\n" in after["article-19"] and "title: Human Rights Watch\n" in after["human-rights-watch"]
    assert after["article-19"].count("A new letter") == 3           # the new letters are on the page
    assert not [slug for slug in after if slug.startswith(("human-rights-watch-", "article-19-"))]
    assert (root / "data" / "signatory-permalinks.yaml").read_text(encoding="utf-8") == registry
    # an editor's alias renames it
    aliases = root / "data" / "signatory-aliases.yaml"
    aliases.write_text(aliases.read_text(encoding="utf-8") + "ARTICLE 19:\n  - Article 19\n", encoding="utf-8")
    run([str(BIN / "letters"), "build", "--root", str(root)], root)
    assert "title: ARTICLE 19\n" in (pages / "article-19.md").read_text(encoding="utf-8")
