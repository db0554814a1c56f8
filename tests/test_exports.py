"""Data exports as a researcher meets them (issue 15): linked from the Data page, described there,
and read back with the standard library (csv, json, xml.etree), every URL in them a built page."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin

from bs4 import BeautifulSoup
from conftest import BIN, make_archive
from test_feeds import local, site_url

TEI = "{http://www.tei-c.org/ns/1.0}"
EXPORTS = ["letters.json", "letters.csv", "signatories.csv", "demands.csv", "letters-cmif.xml"]
KOREA_ID = "2020-02-21-south-koreas-policies-protecting-human"


def rows(site: Path, name: str) -> list[dict[str, str]]:
    with open(site / "data" / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def data_page(site: Path) -> BeautifulSoup:
    return BeautifulSoup((site / "data" / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_the_data_page_is_in_the_navigation_and_links_every_export(built):
    site = built / "site"
    home = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert "Data" in {a.get_text(strip=True) for a in home.select("nav.md-tabs a")}
    assert home.select_one("p.data-link a")["href"] == "data/"
    page = data_page(site)
    links = {urljoin("http://x/data/", a["href"]) for a in page.select("article a")}
    for name in EXPORTS:
        assert f"http://x/data/{name}" in links, name
        assert (site / "data" / name).is_file()
    text = page.select_one("article").get_text(" ", strip=True)
    assert "CC0 1.0" in text and "How to cite" in text and "RFC 4180" in text


def test_the_data_page_describes_exactly_the_columns_each_csv_has(built):
    site = built / "site"
    page = data_page(site)
    for name in ("letters.csv", "signatories.csv", "demands.csv"):
        table = page.find(id=name.replace(".", "-")).find_next("table")
        described = [code.get_text() for code in table.select("tbody td:first-child code")]
        with open(site / "data" / name, encoding="utf-8", newline="") as f:
            assert next(csv.reader(f)) == described, name


def test_letters_csv_one_row_per_document_each_with_its_page_and_original(built):
    site, root = built / "site", site_url(built)
    letters = rows(site, "letters.csv")
    records = json.loads((site / "data" / "letters.json").read_text(encoding="utf-8"))
    assert len(letters) == len(records) == 8
    assert [r["id"] for r in letters] == [r["id"] for r in records]
    korea = next(r for r in letters if r["id"] == KOREA_ID)
    assert korea["signatories_stated"] == "76" and korea["signatories_listed"] == "77" and korea["demands"] == "3"
    assert korea["addressees"] == "Moon Jae-in, President of the Republic of Korea" and korea["governments"] == "South Korea"
    assert korea["first_demand"].startswith("We urge you")
    # as received: a file in letters/ without the front matter an editor put on top
    received = {re.sub(rb"\A---\n.*?\n---\n", b"", p.read_bytes(), flags=re.S)
                for p in (built / "letters").rglob("*") if p.is_file()}
    for row in letters:
        assert local(site, row["page_url"], root).is_file()
        assert local(site, row["original_url"], root).read_bytes() in received   # byte for byte
    korean = next(r for r in letters if r["id"].startswith("2021-03-01"))
    assert "정치범" in korean["title"]    # UTF-8 round trip


def test_signatories_csv_one_row_per_letter_and_signatory_with_their_pages(built):
    site, root = built / "site", site_url(built)
    signed = rows(site, "signatories.csv")
    records = json.loads((site / "data" / "letters.json").read_text(encoding="utf-8"))
    assert len(signed) == sum(r["signatories"]["listed"] for r in records)
    korea = [r for r in signed if r["letter_id"] == KOREA_ID]
    assert len(korea) == 77 and [int(r["position"]) for r in korea] == list(range(1, 78))
    misspelt = next(r for r in korea if r["name"] == "Cristian Solidarity Worldwide")
    assert misspelt["signatory"] == "Christian Solidarity Worldwide"
    assert misspelt["signatory_url"].endswith("/signatories/christian-solidarity-worldwide/")
    for row in signed:
        assert local(site, row["signatory_url"], root).is_file(), row["signatory_url"]
        assert row["type"] in ("organization", "individual")


def test_demands_csv_links_to_each_demand_anchor(built):
    site, root = built / "site", site_url(built)
    demands = rows(site, "demands.csv")
    records = json.loads((site / "data" / "letters.json").read_text(encoding="utf-8"))
    assert len(demands) == sum(len(r["demands"]) for r in records)
    by_id = {r["id"]: r for r in records}
    for row in demands:
        assert row["text"] == by_id[row["letter_id"]]["demands"][int(row["number"]) - 1]
        page = BeautifulSoup(local(site, row["demand_url"], root).read_text(encoding="utf-8"), "html.parser")
        assert page.find(id=row["demand_url"].split("#")[1]), row["demand_url"]


def test_letters_json_is_every_record(built):
    records = json.loads((built / "site" / "data" / "letters.json").read_text(encoding="utf-8"))
    korea = next(r for r in records if r["id"] == KOREA_ID)
    assert korea["signatories"]["claimed"] == 76 and len(korea["signatories"]["names"]) == 77
    assert set(korea) >= {"id", "kind", "title", "date", "addressees", "governments", "signatories", "demands", "related"}


def test_cmif_has_a_corresp_desc_per_letter_with_senders_addressee_date_and_url(built):
    site, root = built / "site", site_url(built)
    tei = ET.parse(site / "data" / "letters-cmif.xml").getroot()
    assert tei.tag == f"{TEI}TEI"
    header = tei.find(f"{TEI}teiHeader")
    assert header.find(f".//{TEI}publicationStmt/{TEI}idno[@type='url']").text == root + "data/letters-cmif.xml"
    assert header.find(f".//{TEI}availability/{TEI}licence").get("target").startswith("https://creativecommons.org/")
    bibl = header.find(f".//{TEI}sourceDesc/{TEI}bibl")
    records = {r["id"]: r for r in json.loads((site / "data" / "letters.json").read_text(encoding="utf-8"))}
    descs = header.findall(f".//{TEI}profileDesc/{TEI}correspDesc")
    assert len(descs) == sum(r["kind"] == "letter" for r in records.values())
    for desc in descs:
        assert desc.get("source") == "#" + bibl.get("{http://www.w3.org/XML/1998/namespace}id")
        assert local(site, desc.get("ref"), root).is_file()
        record = records[desc.get("ref").rstrip("/").rsplit("/", 1)[1]]
        sent, received = desc.findall(f"{TEI}correspAction")
        assert (sent.get("type"), received.get("type")) == ("sent", "received")
        assert sent.find(f"{TEI}date").get("when") == record["date"]
        orgs = [n["name"] for n in record["signatories"]["names"] if n["type"] == "organization"]
        assert [x.text for x in sent.findall(f"{TEI}orgName")] == orgs
        to = [x.text for x in received]
        assert to == ([p["name"] for p in record["addressees"]] or record["governments"])
    korea = next(d for d in descs if KOREA_ID in d.get("ref"))
    assert korea.find(f"{TEI}correspAction[@type='received']/{TEI}persName").text == "Moon Jae-in"


def test_csv_files_read_the_same_with_a_strict_reader(built):
    """RFC 4180: every row has the header's number of fields, whatever commas and quotes the text holds."""
    for name in ("letters.csv", "signatories.csv", "demands.csv"):
        data = (built / "site" / "data" / name).read_bytes()
        assert data.endswith(b"\r\n")
        table = list(csv.reader(io.StringIO(data.decode("utf-8"), newline=""), strict=True))
        assert len({len(row) for row in table}) == 1, name


def test_on_a_host_with_a_file_size_limit_large_exports_come_in_whole_parts(tmp_path):
    """Cloudflare Pages serves no file over 25 MiB (its builds set CF_PAGES=1): an export larger than
    the limit is written in parts, each a whole file of its format, together every row, all linked."""
    root = make_archive(tmp_path / "arch")
    env = {**os.environ, "LETTERS_MAX_FILE_MB": str(20_000 / 2**20)}    # 20 KB: the seeds' exports need parts
    subprocess.run([str(BIN / "letters"), "build", "--root", str(root)], cwd=root, env=env, check=True, capture_output=True)
    data = root / "docs" / "data"
    assert not (data / "signatories.csv").exists()
    parts = sorted(data.glob("signatories-*.csv"), key=lambda p: int(p.stem.split("-")[1]))
    assert len(parts) > 1 and all(p.stat().st_size <= 20_000 for p in parts)
    table = [row for p in parts for row in csv.DictReader(io.StringIO(p.read_text(encoding="utf-8"), newline=""))]
    records = [r for p in data.glob("letters-*.json") if "cmif" not in p.name
               for r in json.loads(p.read_text(encoding="utf-8"))]
    assert len(table) == sum(r["signatories"]["listed"] for r in records) and len(records) == 5
    for p in data.glob("letters-cmif-*.xml"):
        assert ET.parse(p).getroot().tag == f"{TEI}TEI"
    page = (root / "docs" / "data.md").read_text(encoding="utf-8")
    assert all(f'href="{p.name}"' in page for p in data.iterdir())   # the Data page is /data/
