"""Golden records: each fixture letter's extracted record, kept as JSON in tests/golden/, so a change
to extraction shows up as a reviewable diff of what an editor would see.

After a deliberate change, regenerate them and review `git diff tests/golden/`:
    .venv/bin/python -m pytest tests/test_golden.py --update-golden"""

from __future__ import annotations

import difflib
import json
from pathlib import Path

import pytest
from conftest import HOSTILE_LETTER, JAPANESE_LETTER, KOREAN_LETTER, REPO
from letter_archive.cli.report import as_json
from letter_archive.extract import extract
from letter_archive.readers import read_bytes

GOLDEN = Path(__file__).resolve().parent / "golden"
MADE_UP = {"hostile.txt": HOSTILE_LETTER, "korean.txt": KOREAN_LETTER, "japanese.txt": JAPANESE_LETTER}


def fixtures() -> dict[str, bytes]:
    seeds = {p.name: p.read_bytes() for p in sorted((REPO / "letters").iterdir()) if p.is_file()}
    return {**seeds, **{name: text.encode() for name, text in MADE_UP.items()}}


def record_json(name: str, raw: bytes) -> str:
    record = as_json(name, extract(read_bytes(raw, name, Path(name).suffix)))
    return json.dumps(record, ensure_ascii=False, indent=2) + "\n"


@pytest.mark.parametrize("name", sorted(fixtures()))
def test_record_matches_its_golden_file(name, request):
    got = record_json(name, fixtures()[name])
    golden = GOLDEN / f"{name}.json"
    if request.config.getoption("--update-golden"):
        GOLDEN.mkdir(exist_ok=True)
        golden.write_text(got, encoding="utf-8")
    assert golden.exists(), f"no golden file for {name}: run pytest tests/test_golden.py --update-golden"
    want = golden.read_text(encoding="utf-8")
    if got != want:
        diff = "".join(difflib.unified_diff(want.splitlines(True), got.splitlines(True), f"golden/{name}.json", "extracted"))
        pytest.fail(f"the record of {name} changed; if that is intended, run with --update-golden and review:\n{diff}")
