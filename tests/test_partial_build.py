"""One letter's error does not stop the archive (issue 23, "What a new user met"): a letter signed by
its publisher alone is a letter; a document with an error of its own is held back and named, its last
good page kept (or left out), while the rest is built and the exit code says so; `--strict` (or
LETTERS_STRICT=1) stops at any error as before; an error in data/ or between two documents still
stops the build whole, and nothing is ever half-written."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import BIN, REPO, make_archive, run

LETTERS = str(BIN / "letters")
PUBLISHED = "letters/2020-02-21-letter-to-south-korea-president.txt"
PUBLISHED_ID = "2020-02-21-south-koreas-policies-protecting-human"


def letter(title: str, front: str = "", signed: str = "Sincerely,\n\nFirst Org, Japan\nSecond Org, Korea\n") -> str:
    head = f"---\n{front}---\n" if front else ""
    return (f"{head}March 5, 2021\n\nPrime Minister of Japan\n\nRe: {title}\n\nDear Prime Minister,\n\n"
            f"We urge you to release every political prisoner.\n\n{signed}")


def build(root: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    proc = subprocess.run([LETTERS, "build", "--root", str(root), *args], cwd=root, capture_output=True, text=True,
                          env={**os.environ, "SOURCE_DATE_EPOCH": "1577836800", **(env or {})})
    assert "Traceback" not in proc.stdout + proc.stderr and "this is a bug" not in proc.stderr, proc.stderr
    return proc


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def exported(root: Path) -> list[str]:
    return [r["id"] for r in json.loads((root / "docs" / "data" / "letters.json").read_text(encoding="utf-8"))]


@pytest.mark.parametrize("name, front, signed, warned", [
    ("unsigned", "", "", True),                                     # no closing, no list
    ("publisher", "publisher: Free Org\n", "Sincerely,\n\nFree Org\n", False),   # read as its one signatory
    ("said-none", "signatories: {names: []}\n", "", False),       # the editor says there is no list
    ("counted", "signatories: {claimed: 0}\n", "", False),
])
def test_a_letter_without_a_signature_list_is_a_letter(tmp_path, name, front, signed, warned):
    root = make_archive(tmp_path, {f"2021-03-05-{name}.txt": letter(name.title(), front, signed)})
    check = run([LETTERS, "check", "--root", str(root)], root, check=False)
    assert check.returncode == 0, check.stdout
    proc = build(root)
    assert proc.returncode == 0, proc.stderr
    assert (root / "docs" / "letters" / f"2021-03-05-{name}.md").exists()
    says = "add them as `signatories: {names: [First Org, Second Org]}` to letters/2021-03-05-" + name + ".yaml"
    assert (says in check.stdout) == warned and (says in proc.stderr) == warned, check.stdout + proc.stderr
    if warned:
        assert "warning: signatories: no list of signatories found" in check.stdout


def test_a_document_with_an_error_is_held_back_and_the_rest_is_built(tmp_path):
    root = make_archive(tmp_path)
    assert build(root).returncode == 0
    page = root / "docs" / "letters" / f"{PUBLISHED_ID}.md"
    before = tree(root / "docs")
    published = (root / PUBLISHED).read_text(encoding="utf-8")
    (root / PUBLISHED).write_text("---\ndate: soon\n---\n" + published, encoding="utf-8")     # a published letter breaks
    (root / "letters" / "new-broken.txt").write_text("Some thoughts.\n\nNo date here.\n", encoding="utf-8")
    (root / "letters" / "2021-03-05-fine.txt").write_text(letter("Fine"), encoding="utf-8")    # and a good one comes
    proc = build(root)
    assert proc.returncode == 3, proc.stderr
    # each held-back document named, with its errors and what became of its page
    assert f"✗ {PUBLISHED} (its last good page stays at /letters/{PUBLISHED_ID}/)" in proc.stderr
    assert "'soon' is not a date" in proc.stderr
    assert "✗ letters/new-broken.txt (left out: it has no page yet)" in proc.stderr and "no date found" in proc.stderr
    assert "5 of 7 documents" in proc.stdout
    # the last good page, its original and card stay byte for byte; the new good letter is published
    after = tree(root / "docs")
    kept = [rel for rel in before if PUBLISHED_ID in rel]
    assert len(kept) >= 3 and all(after[rel] == before[rel] for rel in kept), kept
    assert "letters/2021-03-05-fine.md" in after
    assert "Fine" in after["index.md"].decode()
    assert PUBLISHED_ID not in exported(root) and "2021-03-05-fine" in exported(root)
    assert not any("new-broken" in rel for rel in after)
    registry = (root / "data" / "permalinks.yaml").read_text(encoding="utf-8")
    assert PUBLISHED_ID in registry and "new-broken" not in registry    # an address is recorded once published
    # fixed, it is published again at its address
    (root / PUBLISHED).write_text(published, encoding="utf-8")
    (root / "letters" / "new-broken.txt").unlink()
    assert build(root).returncode == 0
    assert PUBLISHED_ID in exported(root) and page.exists()


def test_a_held_back_document_that_was_never_built_is_left_out(tmp_path):
    """A fresh clone (docs/ is not in git) has no last good page to keep: the document is left out,
    its address stays reserved in data/permalinks.yaml, and an unsafe id writes nothing anywhere."""
    root = make_archive(tmp_path / "archive", {"2021-03-05-evil.txt": letter("Evil", "id: ../../../etc/passwd\n")})
    (root / PUBLISHED).write_text("---\ndate: soon\n---\n" + (root / PUBLISHED).read_text(encoding="utf-8"),
                                  encoding="utf-8")
    (root / "data" / "permalinks.yaml").write_text(f"- file: {PUBLISHED}\n  id: {PUBLISHED_ID}\n", encoding="utf-8")
    proc = build(root)
    assert proc.returncode == 3, proc.stderr
    assert "letters/2021-03-05-evil.txt" in proc.stderr and "cannot be a URL" in proc.stderr
    assert f"✗ {PUBLISHED} (left out: it has no page yet)" in proc.stderr
    assert not (root / "docs" / "letters" / f"{PUBLISHED_ID}.md").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["archive"]              # nothing outside the archive
    assert not any("passwd" in rel or "evil" in rel for rel in tree(root / "docs"))
    assert PUBLISHED_ID in (root / "data" / "permalinks.yaml").read_text(encoding="utf-8")
    assert len(exported(root)) == 4


@pytest.mark.parametrize("how", [("--strict",), ("env",)])
def test_strict_stops_at_any_error_and_writes_nothing(tmp_path, how):
    root = make_archive(tmp_path)
    assert build(root).returncode == 0
    (root / "letters" / "new-broken.txt").write_text("Some thoughts.\n\nNo date here.\n", encoding="utf-8")
    (root / "letters" / "2021-03-05-fine.txt").write_text(letter("Fine"), encoding="utf-8")
    before, data = tree(root / "docs"), tree(root / "data")
    proc = build(root, env={"LETTERS_STRICT": "1"}) if how == ("env",) else build(root, *how)
    assert proc.returncode == 1 and "nothing written" in proc.stderr and "letters/new-broken.txt" in proc.stderr
    assert tree(root / "docs") == before and tree(root / "data") == data


def test_an_error_in_data_or_between_documents_still_stops_the_build(tmp_path):
    root = make_archive(tmp_path, {"new-broken.txt": "Some thoughts.\n\nNo date here.\n"})
    assert build(root).returncode == 3
    before = tree(root / "docs")
    (root / "letters" / "2021-03-05-fine.txt").write_text(letter("Fine"), encoding="utf-8")
    registry = root / "data" / "permalinks.yaml"
    good = registry.read_text(encoding="utf-8")
    registry.write_text("<<<<<<< HEAD\n" + good, encoding="utf-8")            # a bad merge
    proc = build(root)
    assert proc.returncode == 1 and "data/permalinks.yaml" in proc.stderr and "nothing written" in proc.stderr
    assert tree(root / "docs") == before
    registry.write_text(good, encoding="utf-8")
    (root / "letters" / "2021-03-05-same.txt").write_text(letter("Fine"), encoding="utf-8")   # the same id twice
    proc = build(root)
    assert proc.returncode == 1 and "is already the id of" in proc.stderr
    assert tree(root / "docs") == before


@pytest.mark.slow
def test_make_build_publishes_the_rest_and_fails(tmp_path):
    """`make build` goes on to a whole site without the held-back document, then exits non-zero."""
    root = make_archive(tmp_path, {"new-broken.txt": "Some thoughts.\n\nNo date here.\n"})
    for name in ("Makefile", "pyproject.toml"):
        shutil.copy(REPO / name, root / name)
    (root / ".installed").touch()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1577836800"}
    env.pop("LETTERS_STRICT", None)
    proc = subprocess.run(["make", "--no-print-directory", "-C", str(root), f"BIN={BIN}", "STAMP=.installed", "build"],
                          capture_output=True, text=True, env=env)
    assert proc.returncode != 0 and "letters/new-broken.txt" in proc.stderr and "exit 3" in proc.stderr, proc.stderr
    assert len(json.loads((root / "site" / "data" / "letters.json").read_text(encoding="utf-8"))) == 5
    assert (root / "site" / "pagefind").is_dir()
    assert not list(root.glob("site.tmp*")) and not list(root.glob("site.old*"))
    proc = subprocess.run(["make", "--no-print-directory", "-C", str(root), f"BIN={BIN}", "STAMP=.installed", "build"],
                          capture_output=True, text=True, env={**env, "LETTERS_STRICT": "1"})
    assert proc.returncode != 0 and "nothing written" in proc.stderr
