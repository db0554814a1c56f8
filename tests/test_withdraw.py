"""Withdrawing a published letter (issue 23, item 6): `withdrawn: {date, reason}` in its sidecar, written
by `letters withdraw`, makes its page a notice at the same address and takes it out of search, feeds,
data exports, index pages and the sitemap, while its address and the redirects to it still resolve."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import BIN, make_archive, run

LETTERS = str(BIN / "letters")
DOC = "letters/2020-02-21-letter-to-south-korea-president.txt"
OLD = "2020-02-21-south-koreas-policies-protecting-human"   # as first published
ID = "2020-02-21-korea-letter"                             # renamed, then withdrawn
REASON = "several signatories asked to be removed and the coalition agreed"


def withdraw(root: Path, *args: str, check: bool = True):
    return run([LETTERS, "withdraw", *args], root, check=check)


def test_withdraw_writes_the_sidecar_keeping_its_keys(tmp_path):
    root = make_archive(tmp_path)
    sidecar = root / DOC.replace(".txt", ".yaml")
    sidecar.unlink(missing_ok=True)
    proc = withdraw(root, DOC, "--reason", REASON, "--date", "2024-05-01")
    assert "wrote letters/2020-02-21-letter-to-south-korea-president.yaml" in proc.stdout
    assert sidecar.read_text(encoding="utf-8") == f"withdrawn: {{date: 2024-05-01, reason: {REASON}}}\n"
    sidecar.write_text("# kept\nkind: letter\ngovernments: [South Korea]\n", encoding="utf-8")
    withdraw(root, DOC, "--reason", "Asked by its publisher.")
    text = sidecar.read_text(encoding="utf-8")
    today = dt.datetime.now(dt.UTC).date().isoformat()
    assert text.startswith("# kept\nkind: letter\ngovernments: [South Korea]\n") and f"date: {today}" in text
    assert not list(sidecar.parent.glob("*.tmp*"))


@pytest.mark.parametrize("args, says", [
    (["--reason", " ", "--date", "2024-05-01"], "withdrawn has no reason"),
    (["--reason", "x", "--date", "2024-02-30"], "not a day of the calendar"),
    (["--reason", "x", "--date", "2024-05"], "must be a day, YYYY-MM-DD"),
])
def test_withdraw_refuses_a_bad_date_or_reason(tmp_path, args, says):
    root = make_archive(tmp_path)
    sidecar = root / DOC.replace(".txt", ".yaml")
    before = sidecar.read_bytes() if sidecar.exists() else None
    proc = withdraw(root, DOC, *args, check=False)
    assert proc.returncode == 1 and says in proc.stderr, proc.stderr
    assert (sidecar.read_bytes() if sidecar.exists() else None) == before
    assert withdraw(root, "letters/missing.txt", "--reason", "x", check=False).returncode == 1


@pytest.mark.parametrize("value, says", [
    ("withdrawn: {reason: x}", "withdrawn has no date"),
    ("withdrawn: {date: 2024-05-01}", "withdrawn has no reason"),
    ("withdrawn: {date: 2024-13-01, reason: x}", "has no month 13"),
    ("withdrawn: yes", "withdrawn must be a mapping"),
    ("withdrawn: {date: 2024-05-01, reason: x, by: me}", "withdrawn has no key 'by'"),
])
def test_a_bad_withdrawn_key_is_an_error_naming_its_line(tmp_path, value, says):
    root = make_archive(tmp_path)
    (root / DOC.replace(".txt", ".yaml")).write_text(f"{value}\n", encoding="utf-8")
    proc = run([LETTERS, "check", "--root", str(root), DOC], root, check=False)
    assert proc.returncode == 1 and says in proc.stdout, proc.stdout


def soup(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = make_archive(tmp_path_factory.mktemp("withdrawn"))
    run([LETTERS, "build", "--root", str(root)], root)   # published first, with its original
    assert (root / "docs" / "letters" / f"{OLD}.md").exists()
    sidecar = root / DOC.replace(".txt", ".yaml")
    if sidecar.exists():
        sidecar.write_text(sidecar.read_text(encoding="utf-8") + f"id: {ID}\n", encoding="utf-8")
    else:
        sidecar.write_text(f"id: {ID}\n", encoding="utf-8")
    withdraw(root, DOC, "--reason", REASON, "--date", "2024-05-01")
    run([LETTERS, "build", "--root", str(root)], root)
    run([str(BIN / "mkdocs"), "build", "--strict", "--quiet"], root)
    run([LETTERS, "search-index", "site"], root)
    return root / "site"


def test_the_page_is_a_notice_at_the_same_address(site):
    page = soup(site, f"letters/{ID}")
    notice = page.select_one(".withdrawn-notice")
    assert notice is not None and notice.get("data-pagefind-ignore") == "all"
    assert "South Korea" in notice.h1.get_text()
    text = " ".join(notice.get_text().split())
    assert f"Withdrawn on 1 May 2024, because {REASON}" in text or f"Withdrawn on May 1, 2024, because {REASON}" in text, text
    article = page.select_one("article") or page
    assert not article.select(".signatories, ul.signatories, .demands, .provenance, .letter-text")
    assert not [a for a in page.find_all("a", href=True) if "originals/" in a["href"]]
    assert page.find("meta", attrs={"name": "robots", "content": "noindex"})
    assert page.find("div", attrs={"data-pagefind-body": True}) is None
    assert not page.find("meta", attrs={"name": "citation_title"})
    assert not list((site / "originals").glob(f"{ID}*")), "its original is no longer published"


def test_its_redirects_still_resolve(site):
    moved = soup(site, f"letters/{OLD}")
    refresh = moved.find("meta", attrs={"http-equiv": "refresh"})
    assert refresh and f"{ID}/" in refresh["content"]
    lines = (site / "_redirects").read_text(encoding="utf-8").splitlines()
    assert [x for x in lines if f"/letters/{OLD}" in x.split()[0] and x.endswith(f"/letters/{ID}/ 301")], lines


def test_it_leaves_search_feeds_exports_lists_and_the_sitemap(site):
    data = json.loads((site / "data" / "letters.json").read_text(encoding="utf-8"))
    assert data and ID not in {r["id"] for r in data}
    for name in (p for p in (site / "data").iterdir() if p.suffix == ".csv"):
        assert ID not in name.read_text(encoding="utf-8"), name
        list(csv.reader(io.StringIO(name.read_text(encoding="utf-8"))))
    feeds = [p for p in (site / "feeds").rglob("*") if p.is_file()]
    assert feeds and not [p for p in feeds if ID in p.read_text(encoding="utf-8")]
    for url in ("", "timeline", "governments", "addressees", "signatories"):
        assert ID not in (site / url / "index.html").read_text(encoding="utf-8"), url
    assert not (site / "governments" / "south-korea").exists() or \
        ID not in (site / "governments" / "south-korea" / "index.html").read_text(encoding="utf-8")
    for page in (site / "signatories").rglob("index.html"):
        assert f"letters/{ID}" not in page.read_text(encoding="utf-8") and f"letters/{OLD}" not in page.read_text(
            encoding="utf-8"), page
    assert f"/letters/{ID}/" not in (site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"/letters/{OLD}/" not in (site / "sitemap.xml").read_text(encoding="utf-8")
    names = json.loads((site / ".search-names.json").read_text(encoding="utf-8")) \
        if (site / ".search-names.json").exists() else {}
    assert not [k for k in names if ID in k]
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert sum(x["page_count"] for x in entry["languages"].values()) == len(data)


def test_deleting_a_published_letter_says_to_withdraw_it(tmp_path):
    root = make_archive(tmp_path)
    run([LETTERS, "build", "--root", str(root)], root)
    (root / DOC).unlink()
    proc = run([LETTERS, "build", "--root", str(root)], root, check=False)
    assert proc.returncode == 1
    assert f'restore it and run `letters withdraw {DOC} --reason "…"`' in proc.stderr, proc.stderr
