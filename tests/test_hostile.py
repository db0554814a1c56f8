"""Hostile and broken input at the level of a whole archive (issue 5): every bad file reported with its
name, line and fix while the others are still checked; ids that cannot escape docs/; clashes reported."""

from __future__ import annotations

import re

import pytest
from conftest import BIN, make_archive, run
from letter_archive.link.permalinks import ID_PATTERN
from letter_archive.lock import CACHE_DIR

SEED = "letters/2020-02-13-letter-to-japan-prime-minister.txt"


def letter(title: str, date: str = "March 5, 2021", front: str = "") -> str:
    head = f"---\n{front}---\n" if front else ""
    return (f"{head}{date}\n\nPrime Minister of Japan\n\nRe: {title}\n\nDear Prime Minister,\n\n"
            "We urge you to release every political prisoner.\n\nSincerely,\n\nFirst Org, Japan\nSecond Org, Korea\n")


BROKEN: dict[str, tuple[bytes, str, str]] = {   # file -> (content, what the report says, the fix it suggests)
    "empty.txt": (b"", "the file is empty", "paste the letter"),
    "blank.txt": (b"  \n\n\t \n", "the file is empty", "paste the letter"),
    "scan.txt": (b"%PDF-1.7\n" + bytes(range(256)) * 10, "this is a PDF", "save the letter as plain text"),
    "photo.txt": (b"\x89PNG\r\n\x1a\n" + bytes(200), "PNG", "save the letter as plain text"),
    "nul.txt": (b"Dear Minister,\0\0 we urge you", "NUL bytes", "export the letter again"),
    "bad-utf8.txt": (bytes(range(128, 256)) * 20, "cannot decode", "save it as UTF-8"),
    "huge.txt": (b"word " * 4_200_000, "21.0 MB", "split the file"),
    "nothing.txt": (b"Some thoughts.\n\nMore thoughts without a date.\n", "no date found", "date: YYYY-MM-DD"),
    "impossible.txt": (letter("Impossible", "February 30, 2020").encode(), "2020-02-30 is not a day", "date: YYYY-MM-DD"),
    "ambiguous.txt": (letter("Ambiguous", "02/03/2020").encode(), "ambiguous", "date: YYYY-MM-DD"),
    "typo-key.txt": (letter("Typo", front="adressees: [x]\n").encode(), "did you mean 'addressees'", "addressees:"),
    "soon.txt": (letter("Soon", front="date: soon\n").encode(), "'soon' is not a date", "date: YYYY-MM-DD"),
}


def test_check_reports_every_broken_file_and_still_checks_the_others(tmp_path):
    root = make_archive(tmp_path)
    for name, (content, _, _) in BROKEN.items():
        (root / "letters" / name).write_bytes(content)
    proc = run([str(BIN / "letters"), "check", "--root", str(root)], root, check=False)
    assert proc.returncode == 1
    reports = re.split(r"\n(?=[✓✗!] )", proc.stdout)
    for name, (_, says, fix) in BROKEN.items():
        report = next((r for r in reports if r.startswith(f"✗ letters/{name}")), None)
        assert report, f"{name} not reported:\n{proc.stdout[-3000:]}"
        assert says in report and fix in report, report
    assert next(r for r in reports if SEED in r).startswith("✓")        # the others are unaffected
    assert f"{len(BROKEN) + 5} documents checked, {len(BROKEN)} with errors" in proc.stdout


def test_errors_name_the_line_that_needs_fixing(tmp_path):
    root = make_archive(tmp_path, {"soon.txt": letter("Soon", front="title: ok\ndate: soon\n")})
    proc = run([str(BIN / "letters"), "check", str(root / "letters" / "soon.txt")], root, check=False)
    assert "line 3: error: date: 'soon' is not a date" in proc.stdout


@pytest.mark.parametrize("front, says", [
    ("id: ../../../etc/passwd\n", "cannot be a URL"),
    ("id: /tmp/absolute\n", "cannot be a URL"),
    ("id: search\n", "cannot be a URL"),
    ("id: ..\n", "cannot be a URL"),
    ("aliases: ['../outside']\n", "cannot be a URL"),
])
def test_unsafe_ids_are_refused_and_nothing_is_written(tmp_path, front, says):
    root = make_archive(tmp_path, {"2021-03-05-evil.txt": letter("Evil", front=front)})
    def files() -> list:   # everything but the extraction cache (.letters-cache/, safe to delete, never published)
        return sorted(p for p in tmp_path.rglob("*") if CACHE_DIR not in p.parts)
    before = files()
    # strict: nothing at all (without --strict the rest is built: tests/test_partial_build.py)
    proc = run([str(BIN / "letters"), "build", "--strict", "--root", str(root)], root, check=False)
    assert proc.returncode == 1 and "2021-03-05-evil.txt" in proc.stderr and says in proc.stderr
    assert files() == before      # not a file more, inside docs/ or out


def test_long_non_latin_and_dotted_titles_give_safe_ids(tmp_path):
    titles = {
        "ko.txt": "북한 인권 문제에 관한 공동 서한: 정치범 수용소 폐쇄를 촉구합니다",
        "ja.txt": "北朝鮮の人権状況に関する共同書簡",
        "long.txt": "A " + "very " * 80 + "long title",
        "dots.txt": "../../ . .. /etc/passwd \\\\ C:\\Windows con nul",
        "emoji.txt": "✊🏽 🕊️",
    }
    root = make_archive(tmp_path, {n: letter(t, f"March {i + 1}, 2021") for i, (n, t) in enumerate(titles.items())})
    run([str(BIN / "letters"), "build", "--root", str(root)], root)
    letters = root / "docs" / "letters"
    ids = {p.stem for p in letters.glob("*.md")}
    assert len(ids) == 5 + len(titles)
    for rid in ids:
        assert ID_PATTERN.match(rid) and len(rid) <= 100, rid
    korean = next(i for i in ids if i.startswith("2021-03-01"))
    assert re.search(r"[a-z]{3}", korean[11:]), korean       # transliterated words, not just a date
    docs = (root / "docs").resolve()
    assert all(p.resolve().is_relative_to(docs) for p in docs.rglob("*"))


def test_two_documents_with_the_same_id_are_reported_not_overwritten(tmp_path):
    same = letter("The Same Title")
    root = make_archive(tmp_path, {"a.txt": same})
    run([str(BIN / "letters"), "build", "--root", str(root)], root)
    # same date and title: the new one would take the published one's id -> error, nothing written
    (root / "letters" / "c.txt").write_text(same.replace("First Org", "Third Org"), encoding="utf-8")
    before = {p: p.read_bytes() for p in (root / "docs").rglob("*") if p.is_file()}
    proc = run([str(BIN / "letters"), "build", "--root", str(root)], root, check=False)
    assert proc.returncode == 1 and "is already the id of" in proc.stderr and "letters/c.txt" in proc.stderr
    assert {p: p.read_bytes() for p in (root / "docs").rglob("*") if p.is_file()} == before
    check = run([str(BIN / "letters"), "check", "--root", str(root)], root, check=False)
    assert check.returncode == 1 and "is already the id of" in check.stdout


def test_a_twenty_megabyte_file_is_refused_without_reading_it(tmp_path):
    import subprocess
    import sys
    big = tmp_path / "big.txt"
    with open(big, "wb") as out:
        out.seek(20_000_000)
        out.write(b"\n")
    code = ("import resource, sys; from pathlib import Path; from letter_archive.readers import read_document\n"
            "from letter_archive.errors import LetterError\n"
            "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
            "try:\n    read_document(Path(sys.argv[1]))\nexcept LetterError as e:\n    print(e)\n"
            "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before)")
    out = subprocess.run([sys.executable, "-c", code, str(big)], capture_output=True, text=True, check=True).stdout
    message, grown_kb = out.rsplit("\n", 2)[0], int(out.split()[-1])
    assert "20.0 MB" in message and "at most 2 MB" in message
    assert grown_kb < 5_000     # KB of peak memory added by reading it: the 20 MB were never loaded
