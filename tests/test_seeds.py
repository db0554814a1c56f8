"""The seed documents' records, field by field (issue 2's table)."""

from __future__ import annotations

from pathlib import Path

import pytest
from letter_archive.extract import extract
from letter_archive.readers import read_document

REPO = Path(__file__).resolve().parents[1]
LETTERS = REPO / "letters"
JAPAN = "2020-02-13-letter-to-japan-prime-minister.txt"
KOREA = "2020-02-21-letter-to-south-korea-president.txt"
UN = "2020-02-26-letter-to-un-human-rights-council.txt"
PRESS = "2020-03-03-icnk-press-release-south-korea.txt"
COMMENTARY = "2020-03-kei-commentary-japan-joins-us-south-korea.txt"


def record(name: str):
    return extract(read_document(LETTERS / name, f"letters/{name}"))


@pytest.fixture(scope="module")
def records():
    return {name: record(name) for name in (JAPAN, KOREA, UN, PRESS, COMMENTARY)}


def test_japan_letter(records):
    ex = records[JAPAN]
    r = ex.record
    assert (r.kind, r.date, r.governments) == ("letter", "2020-02-13", ["Japan"])
    assert r.title == "Joint Open Letter on Japan's Recent Disengagement in Addressing Human Rights Abuses in North Korea"
    assert [(p.name, p.title, p.government) for p in r.addressees] == [("Shinzo Abe", "Prime Minister of Japan", "Japan")]
    assert [c.name for c in r.cc] == ["Toshimitsu Motegi", "Yoshihide Suga"]
    assert [c.title for c in r.cc] == ["Foreign Minister", "Minister in Charge of the Abduction Issue"]
    s = r.signatories
    assert (s.claimed, s.listed) == (54, 54)
    assert [(g.claimed, g.listed) for g in s.groups] == [(6, 6), (48, 48)]
    names = [n.name for n in s.names]
    # the letterhead's staff list is not signatories; the wrapped entry is one entry
    assert "Brad Adams" not in names and "Kenneth Roth" not in names
    masumoto = next(n for n in s.names if n.name == "Teruaki Masumoto")
    assert masumoto.affiliation.endswith("Kidnapped by North Korea")
    assert masumoto.country == "JP" and masumoto.type == "individual"
    assert next(n for n in s.names if n.name == "David Alton").country == "GB"
    assert len(r.demands) == 1 and r.demands[0].startswith("We urge you take corrective action")
    assert not [p for p in ex.problems if p.level == "error"]
    # the letterhead and the page footer are reported as removed, with their lines
    assert any(x.reason == "letterhead" and x.text.startswith("350 Fifth Avenue") for x in ex.removed)
    assert {x.text for x in ex.removed if x.reason == "page-break debris"} == {"HUMAN", "RIGHTS", "WATCH", "HRW.org"}


def test_korea_letter_counts_disagree_with_a_warning(records):
    ex = records[KOREA]
    r = ex.record
    assert (r.kind, r.date, r.governments) == ("letter", "2020-02-21", ["South Korea"])
    assert r.addressees[0].name == "Moon Jae-in"
    assert r.addressees[0].title == "President of the Republic of Korea"
    assert [c.name for c in r.cc] == ["Kang Kyung-hwa", "Kim Yeon-chul"]
    s = r.signatories
    assert (s.claimed, s.listed) == (76, 77)
    assert [(g.label, g.claimed, g.listed) for g in s.groups] == [("Groups", 69, 70), ("Individuals", 7, 7)]
    warnings = [p.message for p in ex.problems if p.level == "warning" and p.field == "signatories"]
    assert warnings and "76" in warnings[0] and "77" in warnings[0]
    assert len(r.demands) == 3
    # the demand split by a page break is one sentence
    assert "We urge you to sponsor this year's UN HRC resolution on North Korea in March, and re-join" in r.demands[1]


def test_un_letter_has_no_address_block(records):
    r = records[UN].record
    assert (r.kind, r.date) == ("letter", "2020-02-26")
    assert r.governments == ["United Nations Human Rights Council"]
    assert r.addressees == []
    s = r.signatories
    assert (s.claimed, s.listed) == (36, 36)
    assert [(g.label, g.listed) for g in s.groups] == [("Groups", 32), ("Individuals", 4)]
    hrw = next(n for n in s.names if n.name == "Human Rights Watch")
    assert hrw.country is None
    assert next(n for n in s.names if n.name.startswith("Arakan")).country == "GB"
    d = r.demands
    assert len(d) == 6
    assert d[0].startswith("Political prisoners and the death penalty")
    assert "preserve a “pure Korean race”; cease rape" in d[1]
    assert d[3].startswith("Liberty of movement") and d[4].startswith("International abductions")
    assert d[5].startswith("We further request")


def test_press_release(records):
    r = records[PRESS].record
    assert (r.kind, r.date, r.governments) == ("press-release", "2020-03-03", ["South Korea"])
    assert r.addressees == []
    assert r.signatories.claimed is None and r.signatories.listed == 0
    assert len(r.demands) == 1 and "co-sponsor the UN Human Rights Council resolution" in r.demands[0]


def test_commentary_date_comes_from_front_matter(records):
    ex = records[COMMENTARY]
    r = ex.record
    assert (r.kind, r.date, r.governments) == ("commentary", "2020-03", ["Japan"])
    assert r.author == "Robert R. King"
    assert r.signatories.listed == 0 and r.demands == []
    assert ex.lines["date"] == "front matter, line 2"   # the line an editor wrote it on


def test_commentary_as_raw_file_reports_missing_date(tmp_path):
    raw = (LETTERS / COMMENTARY).read_text(encoding="utf-8").split("---\n", 2)[2]
    path = tmp_path / "commentary.txt"
    path.write_text(raw, encoding="utf-8")
    ex = extract(read_document(path))
    errors = [p for p in ex.problems if p.level == "error"]
    assert [p.field for p in errors] == ["date"]
    assert "date:" in errors[0].hint


def test_seed_texts_are_verbatim():
    shared = REPO.parent / "shared" / "seeds"
    if not shared.exists():
        pytest.skip("../shared/seeds is not beside this clone")
    for seed in shared.iterdir():
        ours = [p for p in LETTERS.iterdir() if p.read_text(encoding="utf-8").endswith(seed.read_text(encoding="utf-8"))]
        assert ours, f"{seed.name} is not kept verbatim in letters/"
