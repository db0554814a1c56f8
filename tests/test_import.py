"""`letters import` (issue 14): the document is copied into letters/ byte for byte, nothing extracted is
written anywhere (so a later fix to extraction reaches it, and `letters check` cites the text's lines,
not "[front matter]"), and it prints what `letters check` prints of it. Its refusals stay."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import BIN, make_archive, run

LETTERS = str(BIN / "letters")

# made up for this test
INCOMING = ("9 March 2021\n\nPrime Minister Jane Roe\nPrime Minister of Japan\n\n"
            "CC: Ana Lima, Minister of Justice\n\nDear Prime Minister,\n\n"
            "We urge you to free every fisherman held without trial.\n\nSincerely,\n\n"
            "Harbour Watch, Japan\nTomás Ojea Quintana, Argentina\n")


def imported(root: Path, src: Path, *args: str, check: bool = True):
    return run([LETTERS, "import", str(src), "--root", str(root), *args], root, check=check)


def report_of(root: Path, rel: str) -> str:
    """What `letters check` prints of one document of the archive."""
    out = run([LETTERS, "check", "--root", str(root)], root, check=False).stdout
    block = next(b for b in out.split("\n✓ ") + out.split("\n! ") + out.split("\n✗ ")
                 if b.lstrip("✓!✗ ").startswith(rel))
    return block.lstrip("✓!✗ ").split("\n\n")[0].rstrip()


def test_import_copies_the_text_byte_for_byte_and_prints_what_check_says(tmp_path):
    root = make_archive(tmp_path / "archive")
    src = tmp_path / "Downloads" / "letter.txt"
    src.parent.mkdir()
    raw = INCOMING.replace("\n", "\r\n").encode("utf-8")      # Windows line ends stay as they came
    src.write_bytes(raw)
    before = set((root / "letters").iterdir())
    proc = imported(root, src)
    new = set((root / "letters").iterdir()) - before
    assert [p.name for p in new] == ["2021-03-09-prime-minister-jane-roe.txt"], new   # no record file beside it
    target = new.pop()
    assert target.read_bytes() == raw
    rel = "letters/2021-03-09-prime-minister-jane-roe.txt"
    report = report_of(root, rel)
    assert report in proc.stdout, (report, proc.stdout)
    assert "[front matter" not in proc.stdout
    assert re.search(r"date +2021-03-09 +\[line 1\]", proc.stdout)
    assert re.search(r"cc +Ana Lima, Minister of Justice", proc.stdout)
    assert "letters/2021-03-09-prime-minister-jane-roe.yaml" in proc.stdout     # where a correction goes


def test_a_correction_goes_in_the_sidecar_and_check_cites_its_line(tmp_path):
    root = make_archive(tmp_path / "archive")
    src = tmp_path / "letter.txt"
    src.write_text(INCOMING, encoding="utf-8")
    imported(root, src)
    rel = "letters/2021-03-09-prime-minister-jane-roe.txt"
    (root / rel).with_suffix(".yaml").write_text("# corrected by the editor\ntitle: Letter on detained fishermen\n"
                                                 "date: 2021-03-08\n", encoding="utf-8")
    report = report_of(root, rel)
    assert re.search(r"title +Letter on detained fishermen +\[letters/2021-03-09-prime-minister-jane-roe\.yaml, "
                     r"line 2\]", report), report
    assert re.search(r"date +2021-03-08 +\[letters/2021-03-09-prime-minister-jane-roe\.yaml, line 3\]", report)
    assert (root / rel).read_bytes() == INCOMING.encode("utf-8")
    (root / rel).with_suffix(".yaml").write_text("title: Letter on detained fishermen\ndate: 2021-02-30\n",
                                                 encoding="utf-8")
    proc = run([LETTERS, "check", "--root", str(root)], root, check=False)
    assert proc.returncode == 1
    assert "letters/2021-03-09-prime-minister-jane-roe.yaml, line 2: error: date: '2021-02-30' is not a day" in proc.stdout


def test_a_document_that_came_with_front_matter_is_published_with_it(tmp_path):
    """A page saved from a site generator has a front-matter block of its own: import keeps it, and
    says so in the sidecar, so the build publishes the file whole, as it came."""
    root = make_archive(tmp_path / "archive")
    src = tmp_path / "post.md"
    raw = ("---\nlayout: post\ntags: [fishermen]\n---\n" + INCOMING).encode("utf-8")
    src.write_bytes(raw)
    proc = imported(root, src)
    target = root / "letters" / "2021-03-09-prime-minister-jane-roe.md"
    assert target.read_bytes() == raw
    assert "received_with_front_matter: true" in target.with_suffix(".yaml").read_text(encoding="utf-8")
    assert "came with it" in proc.stdout
    run([LETTERS, "build", "--root", str(root)], root)
    assert (root / "docs" / "originals" / "2021-03-09-prime-minister-jane-roe.md").read_bytes() == raw


def test_import_refuses_what_it_cannot_take_and_writes_nothing(tmp_path):
    root = make_archive(tmp_path / "archive")
    src = tmp_path / "letter.txt"
    src.write_text(INCOMING, encoding="utf-8")
    imported(root, src)
    before = {p.name: p.read_bytes() for p in (root / "letters").iterdir()}
    again = imported(root, src, check=False)                       # the same name again
    assert again.returncode == 1 and "already exists" in again.stderr
    (root / "letters" / "2021-03-09-prime-minister-jane-roe.txt").rename(root / "letters" / "kept.txt")
    (root / "letters" / "2021-03-09-prime-minister-jane-roe.yaml").write_text("title: Mine\n", encoding="utf-8")
    before = {p.name: p.read_bytes() for p in (root / "letters").iterdir()}
    taken = imported(root, src, check=False)                       # a sidecar already has its name
    assert taken.returncode == 1 and "2021-03-09-prime-minister-jane-roe.yaml already exists" in taken.stderr
    for bad, says in ((b"", "the file is empty"), (b"%PDF-1.4\n%%EOF\n", "give the file its real extension")):
        src.write_bytes(bad)
        proc = imported(root, src, check=False)
        assert proc.returncode == 1 and says in proc.stderr and "nothing was imported" in proc.stderr, proc.stderr
        assert "Traceback" not in proc.stderr
    missing = imported(root, tmp_path / "nowhere.txt", check=False)
    assert missing.returncode == 1 and "cannot read the file" in missing.stderr
    assert {p.name: p.read_bytes() for p in (root / "letters").iterdir()} == before
