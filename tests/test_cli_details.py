"""The `letters` command's details a new user met (issue 23): `letters check FILE` names the letter's
address (it showed `→ /letters/?/`), and `letters import` says in its exit code that the letter it
imported has an error."""

from __future__ import annotations

import re

from conftest import BIN, make_archive, run

LETTERS = str(BIN / "letters")

# made up for this test
LETTER = ("9 March 2021\n\nPrime Minister Jane Roe\nPrime Minister of Japan\n\nRe: Fishermen held without trial\n\n"
          "Dear Prime Minister,\n\nWe urge you to free every fisherman held without trial.\n\nSincerely,\n\n"
          "Harbour Watch, Japan\nCoast Rights, Korea\n")
PUBLISHED = "letters/2020-02-13-letter-to-japan-prime-minister.txt"
PUBLISHED_ID = "2020-02-13-japans-recent-disengagement-addressing"


def address(out: str) -> str:
    return re.search(r"→ +(\S.*)$", out.splitlines()[0]).group(1)


def test_check_of_one_file_names_the_address_it_has_or_will_have(tmp_path):
    root = make_archive(tmp_path / "archive")
    run([LETTERS, "build", "--root", str(root)], root)
    # a file not in the archive yet: the address `letters import` (and the build) would give it
    outside = tmp_path / "letter.txt"
    outside.write_text(LETTER, encoding="utf-8")
    out = run([LETTERS, "check", "--root", str(root), str(outside)], root).stdout
    assert address(out) == "/letters/2021-03-09-fishermen-held-without-trial/", out
    # a published letter whose title an editor corrected keeps its address (data/permalinks.yaml)
    (root / PUBLISHED).with_suffix(".yaml").write_text("title: A corrected title\n", encoding="utf-8")
    for name in (PUBLISHED, str(root / PUBLISHED)):
        out = run([LETTERS, "check", "--root", str(root), name], root).stdout
        assert address(out) == f"/letters/{PUBLISHED_ID}/", out
    # an id the editor gave
    (root / "letters" / "x.txt").write_text("---\nid: my-letter\n---\n" + LETTER, encoding="utf-8")
    assert address(run([LETTERS, "check", "--root", str(root), str(root / "letters" / "x.txt")], root).stdout) \
        == "/letters/my-letter/"
    # a file that cannot be read says so, and no address is made up for it
    (root / "letters" / "empty.txt").write_bytes(b"")
    out = run([LETTERS, "check", "--root", str(root), str(root / "letters" / "empty.txt")], root, check=False).stdout
    assert "?" not in out.splitlines()[0]


def test_import_exits_non_zero_when_the_letter_it_imported_has_an_error(tmp_path):
    root = make_archive(tmp_path / "archive")
    src = tmp_path / "undated.txt"
    src.write_text(LETTER.replace("9 March 2021\n\n", ""), encoding="utf-8")
    proc = run([LETTERS, "import", str(src), "--root", str(root)], root, check=False)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "error: date: no date found" in proc.stdout
    assert "was imported but has errors" in proc.stderr and "holds it back" in proc.stderr
    imported = [p for p in (root / "letters").iterdir() if p.name.startswith("undated")]
    assert [p.read_bytes() for p in imported] == [src.read_bytes()]      # imported, as received
    good = tmp_path / "good.txt"
    good.write_text(LETTER, encoding="utf-8")
    assert run([LETTERS, "import", str(good), "--root", str(root)], root, check=False).returncode == 0
