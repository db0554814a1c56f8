"""A renamed document keeps every address the site published (issue 23, item 7): its original, the
original's text, its card, at the former id's address (a copy, and a 301 in `_redirects`), and its
feed entries keep the id they were first published with, through every rename."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import yaml
from conftest import BIN, make_archive, run

LETTERS = str(BIN / "letters")
DOC = "letters/2020-02-21-letter-to-south-korea-president.txt"
A = "2020-02-21-south-koreas-policies-protecting-human"
ATOM = "{http://www.w3.org/2005/Atom}"


def rename(root: Path, new_id: str) -> None:
    sidecar = root / DOC.replace(".txt", ".yaml")
    lines = [x for x in (sidecar.read_text(encoding="utf-8").splitlines() if sidecar.exists() else [])
             if not x.startswith("id:")]
    sidecar.write_text("\n".join([*lines, f"id: {new_id}"]) + "\n", encoding="utf-8")
    run([LETTERS, "build", "--root", str(root)], root)


def entry_ids(docs: Path) -> dict[str, str]:
    """Each Atom entry's alternate link -> its <id>, in the archive's feed."""
    feed = ET.parse(docs / "feeds" / "all.xml").getroot()
    return {e.find(f"{ATOM}link").get("href"): e.find(f"{ATOM}id").text for e in feed.iter(f"{ATOM}entry")}


def test_originals_and_feed_ids_survive_renames(tmp_path):
    root = make_archive(tmp_path)
    docs = root / "docs"
    run([LETTERS, "build", "--root", str(root)], root)
    first = {p.name: p.read_bytes() for p in (docs / "originals").glob(f"{A}*")}
    assert first, "the letter's original is published"
    ids = entry_ids(docs)
    first_id = next(v for k, v in ids.items() if k.endswith(f"/letters/{A}/"))
    rename(root, "2020-02-21-korea-b")
    rename(root, "2020-02-21-korea-c")
    for name, content in first.items():   # the first id's files are there, byte for byte, as are B's
        assert (docs / "originals" / name).read_bytes() == content, name
        for other in ("2020-02-21-korea-b", "2020-02-21-korea-c"):
            assert (docs / "originals" / name.replace(A, other)).read_bytes() == content
    record = (docs / "letters" / "2020-02-21-korea-c" / "record.json").read_bytes()
    assert (docs / "letters" / A / "record.json").read_bytes() == record and b'"id": "2020-02-21-korea-c"' in record
    assert (docs / "cards" / f"{A}.png").read_bytes() == (docs / "cards" / "2020-02-21-korea-c.png").read_bytes()
    redirects = (docs / "_redirects").read_text(encoding="utf-8").splitlines()
    for name in first:
        rule = [x for x in redirects if x.split()[0].endswith(f"/originals/{name}")]
        assert len(rule) == 1 and rule[0].split()[1].endswith(f"/originals/{name.replace(A, '2020-02-21-korea-c')}"), rule
    # the feed entry's id is the first address, for life; its link is the page's address now
    ids = entry_ids(docs)
    now = next(k for k in ids if k.endswith("/letters/2020-02-21-korea-c/"))
    assert ids[now] == first_id and first_id.endswith(f"/letters/{A}/")
    item = next(i for i in json.loads((docs / "feeds" / "all.json").read_text(encoding="utf-8"))["items"]
                if i["url"] == now)
    assert item["id"] == first_id
    rows = {r["id"]: r for r in yaml.safe_load((root / "data" / "permalinks.yaml").read_text(encoding="utf-8"))}
    assert rows["2020-02-21-korea-c"].get("first") == A and rows[A]["redirect"] == "2020-02-21-korea-c"
    # a document never renamed keeps its page address as its entry id
    assert all(v == k for k, v in ids.items() if k != now)
