"""Each letter's record as JSON beside its page, /letters/<id>/record.json (issue 23): the record as
`letters extract --json` gives it, without warnings, errors and doubts, linked from the page."""

from __future__ import annotations

import json
from urllib.parse import urljoin

from bs4 import BeautifulSoup
from conftest import BIN, make_archive, run

LETTERS = str(BIN / "letters")


def test_record_json_parses_matches_the_page_and_extract(tmp_path):
    root = make_archive(tmp_path)
    run([LETTERS, "build", "--root", str(root)], root)
    run([str(BIN / "mkdocs"), "build", "--strict", "--quiet"], root)
    site = root / "site"
    exported = json.loads((site / "data" / "letters.json").read_text(encoding="utf-8"))
    assert exported
    for row in exported:
        folder = site / "letters" / row["id"]
        record = json.loads((folder / "record.json").read_text(encoding="utf-8"))
        assert record["id"] == row["id"] and not {"warnings", "errors", "doubts"} & set(record)
        page = BeautifulSoup((folder / "index.html").read_text(encoding="utf-8"), "html.parser")
        link = page.select_one("a.record-json")
        assert link is not None
        assert (site / "letters" / row["id"] / urljoin("x", link["href"])).resolve() == (folder / "record.json").resolve()
        assert " ".join(page.select_one("h1#title").get_text().split()) == " ".join(record["title"].split())
        if record["date"]:
            assert page.select_one(".letter-facts time")["datetime"] == record["date"]
        if record["signatories"]["names"]:
            assert len(page.select("ul.signatories li")) >= 1
        # what `letters extract --json` says of the same file, less what is the editor's
        extracted = json.loads(run([LETTERS, "extract", "--json", record["file"]], root).stdout)[0]
        for key in ("warnings", "errors", "doubts"):
            extracted.pop(key)
        assert {k: v for k, v in record.items() if k != "id"} == extracted
