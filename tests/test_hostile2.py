"""Hostile input, second round (issue 17): one build at a time, no file from outside letters/, no
silent overwrite, atomic imports, permanent links that chain, errors as sentences, silent problems
made loud. (Bounded work: tests/test_bounded.py; the record model: tests/test_hostile_frontmatter.py.)"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from conftest import BIN, REPO, make_archive, run
from letter_archive.lock import LOCK_NAME

LETTERS = str(BIN / "letters")


def letter(title: str, date: str = "March 5, 2021", front: str = "", orgs: str = "First Org, Japan\nSecond Org, Korea\n") -> str:
    head = f"---\n{front}---\n" if front else ""
    return (f"{head}{date}\n\nPrime Minister of Japan\n\nRe: {title}\n\nDear Prime Minister,\n\n"
            f"We urge you to release every political prisoner.\n\nSincerely,\n\n{orgs}")


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def build(root: Path, *args: str, check: bool = False) -> subprocess.CompletedProcess:
    return run([LETTERS, "build", "--root", str(root), *args], root, check=check)


def no_traceback(proc: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in proc.stdout + proc.stderr, proc.stdout + proc.stderr


# --- 2. one build at a time -------------------------------------------------------------------

def hold_lock(root: Path):
    (root / LOCK_NAME).parent.mkdir(exist_ok=True)
    fd = os.open(root / LOCK_NAME, os.O_RDWR | os.O_CREAT)
    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    return fd


def test_letters_build_says_when_another_build_is_running(tmp_path):
    root = make_archive(tmp_path)
    fd = hold_lock(root)
    try:
        proc = build(root)
    finally:
        os.close(fd)
    assert proc.returncode == 1 and "another build is running" in proc.stderr
    assert not (root / "docs" / "letters").exists()
    assert build(root).returncode == 0      # the lock goes with the process that held it


def make(root: Path, *targets: str) -> subprocess.Popen:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1577836800"}
    return subprocess.Popen(["make", "--no-print-directory", "-C", str(root), f"BIN={BIN}", "STAMP=.installed", *targets],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def test_two_make_builds_at_once_one_waits_out_and_the_site_is_whole(tmp_path):
    root = make_archive(tmp_path)
    for name in ("Makefile", "pyproject.toml"):
        shutil.copy(REPO / name, root / name)
    (root / ".installed").touch()           # the venv is this one (BIN), installed
    first = make(root, "build")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and first.poll() is None:      # until the first build holds the lock
        try:
            os.close(hold_lock(root))
        except BlockingIOError:
            break
        time.sleep(0.05)
    second = make(root, "build")
    out2, err2 = second.communicate(timeout=300)
    out1, err1 = first.communicate(timeout=600)
    assert first.returncode == 0, out1 + err1
    assert second.returncode != 0 and "another build is running" in err2, out2 + err2
    letters = json.loads((root / "site" / "data" / "letters.json").read_text(encoding="utf-8"))
    assert len(list((root / "site" / "letters").glob("*/index.html"))) >= len(letters) == 5
    assert (root / "site" / "pagefind").is_dir() and (root / "site" / "signatories").is_dir()
    assert not list(root.glob("site.tmp*")) and not list(root.glob("site.old*"))   # each build's own folder, removed


def test_search_index_fails_on_a_site_without_its_letter_pages(tmp_path):
    site = tmp_path / "site"
    (site / "data").mkdir(parents=True)
    (site / "data" / "letters.json").write_text('[\n{"id": "a"},\n{"id": "b"}\n]\n', encoding="utf-8")
    (site / "signatories").mkdir()
    proc = run([LETTERS, "search-index", str(site)], tmp_path, check=False)
    assert proc.returncode == 1 and "incomplete" in proc.stderr and "0 letter pages" in proc.stderr


# --- 4. only regular files inside letters/ ----------------------------------------------------

def test_a_symlink_out_of_letters_is_an_error_naming_it(tmp_path):
    root = make_archive(tmp_path / "archive")
    draft = tmp_path / "private-draft.txt"
    draft.write_text(letter("Secret draft"), encoding="utf-8")
    (root / "letters" / "draft.txt").symlink_to(draft)
    (root / "letters" / "passwd.txt").symlink_to("/etc/passwd")
    check = run([LETTERS, "check", "--root", str(root)], root, check=False)
    assert check.returncode == 1
    for name in ("letters/draft.txt", "letters/passwd.txt"):
        assert f"✗ {name}" in check.stdout and "link to a file outside letters/" in check.stdout
    assert "root:" not in check.stdout and "Secret draft" not in check.stdout
    proc = build(root)       # held back and named (exit 3); the rest is built, nothing of the draft
    assert proc.returncode == 3 and "✗ letters/draft.txt" in proc.stderr and "✗ letters/passwd.txt" in proc.stderr
    assert not any(b"Secret draft" in content or b"root:" in content for content in tree(root / "docs").values())
    assert build(root, "--strict").returncode == 1


def test_a_symlinked_folder_out_of_letters_is_not_followed(tmp_path):
    root = make_archive(tmp_path / "archive")
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "x.txt").write_text(letter("Outside"), encoding="utf-8")
    (root / "letters" / "more").symlink_to(outside, target_is_directory=True)
    check = run([LETTERS, "check", "--root", str(root)], root, check=False)
    assert check.returncode == 1 and "letters/more" in check.stdout and "Outside" not in check.stdout


# --- 5. no silent overwrite -------------------------------------------------------------------

def government_pages(root: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in (root / "docs" / "governments").glob("*.md")}


def test_one_government_written_two_ways_is_one_page_with_both_letters(tmp_path):
    root = make_archive(tmp_path, {"a.txt": letter("Upper", front="governments: [JAPAN]\n"),
                                   "b.txt": letter("Lower", "March 6, 2021", front="governments: [japan]\n")})
    build(root, check=True)
    japan = government_pages(root)["japan.md"]
    assert "Upper" in japan and "Lower" in japan and "2020-02-13" in japan   # the seed's letter too


def test_a_government_in_lookalike_letters_is_an_error(tmp_path):
    root = make_archive(tmp_path, {"b.txt": letter("Cyrillic", front="governments: [Jаpan]\n")})
    proc = build(root)       # held back and named (exit 3); the rest is built, no page for the look-alike
    assert proc.returncode == 3 and "✗ letters/b.txt" in proc.stderr and "Cyrillic" in proc.stderr
    assert not any("Cyrillic" in page for page in government_pages(root).values())
    check = run([LETTERS, "check", "--root", str(root)], root, check=False)
    assert check.returncode == 1 and "Cyrillic" in check.stdout


def test_a_government_or_signatory_called_index_keeps_the_section_index(tmp_path):
    index = letter("Index", front="governments: [Index]\n", orgs="Index, Japan\nOther Org, Japan\n")
    root = make_archive(tmp_path, {"a.txt": index})
    build(root, check=True)
    for section in ("governments", "signatories"):
        index = (root / "docs" / section / "index.md").read_text(encoding="utf-8")
        assert "term-list" in index, section           # still the list of them all
        pages = [p.read_text(encoding="utf-8") for p in (root / "docs" / section).glob("index-*.md")]
        assert any("<h1>Index</h1>" in p for p in pages), section


def test_an_alias_that_is_another_letters_id_is_an_error(tmp_path):
    seed_id = "2020-02-13-japans-recent-disengagement-addressing"
    root = make_archive(tmp_path, {"a.txt": letter("Alias", front=f"aliases: [{seed_id}]\n")})
    before = tree(root / "data")
    proc = build(root)
    assert proc.returncode == 1 and "letters/a.txt" in proc.stderr and "is the id of letters/2020-02-13" in proc.stderr
    assert tree(root / "data") == before


def test_two_pages_for_one_path_are_an_error_at_plan_time():
    from letter_archive.site.plan import PageCollision, PagePlan
    plan = PagePlan()
    plan.add("signatories/x.md", b"1", "the page of x")
    plan.add("letters/a.md", b"3", "the page of a")
    for path in ("signatories/X.md", "letters/a.md"):      # one file on a case-insensitive disk, or the same
        with pytest.raises(PageCollision, match="would both be written"):
            plan.add(path, b"2", "another page")


# --- 7. permanent links -----------------------------------------------------------------------

def rename(root: Path, new_id: str) -> None:
    path = root / "letters" / "r.txt"
    text = path.read_text(encoding="utf-8")
    body = text.split("---\n", 2)[2] if text.startswith("---\n") else text
    path.write_text(f"---\nid: {new_id}\n---\n{body}", encoding="utf-8")


def test_renames_chain_and_every_old_url_redirects_to_the_last(tmp_path):
    root = make_archive(tmp_path, {"r.txt": letter("Renamed")})
    build(root, check=True)
    first = next(p.stem for p in (root / "docs" / "letters").glob("2021-03-05-*.md"))
    rename(root, "second-id")
    build(root, check=True)
    rename(root, "third-id")
    proc = build(root)
    assert proc.returncode == 0, proc.stderr
    for old in (first, "second-id"):
        page = (root / "docs" / "letters" / f"{old}.md").read_text(encoding="utf-8")
        assert "redirect: ../third-id/" in page, old


def test_the_alias_the_tool_suggests_fixes_the_build(tmp_path):
    """Renamed once (A -> B), then moved to another file under a third id: the build stops and
    suggests `aliases: [A]` and `aliases: [B]`; with them the build works (A's redirect to B no longer
    hides the alias)."""
    root = make_archive(tmp_path, {"r.txt": letter("Renamed")})
    build(root, check=True)
    first = next(p.stem for p in (root / "docs" / "letters").glob("2021-03-05-*.md"))
    rename(root, "second-id")
    build(root, check=True)
    (root / "letters" / "r.txt").unlink()
    moved = root / "letters" / "moved.txt"
    moved.write_text(f"---\nid: third-id\n---\n{letter('Renamed')}", encoding="utf-8")
    proc = build(root)
    assert proc.returncode == 1 and f"aliases: [{first}]" in proc.stderr and "aliases: [second-id]" in proc.stderr
    moved.write_text(f"---\nid: third-id\naliases: [{first}, second-id]\n---\n{letter('Renamed')}", encoding="utf-8")
    proc = build(root)
    assert proc.returncode == 0, proc.stderr
    for old in (first, "second-id"):
        assert "redirect: ../third-id/" in (root / "docs" / "letters" / f"{old}.md").read_text(encoding="utf-8")


def test_a_registry_that_lost_entries_is_an_error_unless_forgotten(tmp_path):
    root = make_archive(tmp_path, {"r.txt": letter("Renamed")})
    build(root, check=True)
    rename(root, "second-id")
    build(root, check=True)
    first = next(p.stem for p in (root / "docs" / "letters").glob("2021-03-05-*.md"))
    registry = root / "data" / "permalinks.yaml"
    registry.write_text("", encoding="utf-8")            # a bad merge emptied it
    proc = build(root)
    assert proc.returncode == 1 and f"/letters/{first}/" in proc.stderr and "git checkout data/permalinks.yaml" in proc.stderr
    assert (root / "docs" / "letters" / f"{first}.md").exists()
    proc = build(root, "--forget-url", first)
    assert proc.returncode == 0, proc.stderr
    assert not (root / "docs" / "letters" / f"{first}.md").exists()


# --- 6. atomic imports ------------------------------------------------------------------------

def test_an_import_on_a_full_disk_leaves_nothing_in_letters(tmp_path):
    """RLIMIT_FSIZE makes writes past 8,192 bytes fail, as a full disk does."""
    import resource
    root = make_archive(tmp_path / "archive")
    src = tmp_path / "long-letter.txt"
    prose = "We are writing to you on behalf of the people of the world and we ask that you act for them now. " * 6
    text = letter("A long letter", orgs="".join(f"Org number {i}, Japan\n" for i in range(800)))
    src.write_text(text.replace("Dear Prime Minister,\n", f"Dear Prime Minister,\n\n{prose}\n"), encoding="utf-8")
    before = sorted(p.name for p in (root / "letters").iterdir())

    def small_disk() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (8192, 8192))

    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.run([LETTERS, "import", str(src), "--root", str(root)], cwd=root, capture_output=True,
                          text=True, env=env, preexec_fn=small_disk)
    assert proc.returncode == 1 and "nothing was imported" in proc.stderr, proc.stdout + proc.stderr
    no_traceback(proc)
    assert sorted(p.name for p in (root / "letters").iterdir()) == before    # no truncated letter, no temporary file
    again = run([LETTERS, "import", str(src), "--root", str(root)], root)     # and importing again works
    assert "imported" in again.stdout


def test_import_refuses_a_format_the_build_would_ignore(tmp_path):
    root = make_archive(tmp_path / "archive")
    src = tmp_path / "letter.rtf"
    src.write_text(letter("Rich text"), encoding="utf-8")
    proc = run([LETTERS, "import", str(src), "--root", str(root)], root, check=False)
    assert proc.returncode == 1 and ".rtf is not a format" in proc.stderr and ".txt" in proc.stderr
    assert not list((root / "letters").glob("*.rtf"))


# --- 9. sentences, not tracebacks -------------------------------------------------------------

@pytest.mark.parametrize("registry, says", [
    ("<<<<<<< HEAD\n- id: a\n=======\n- id: b\n>>>>>>> other\n", "not valid YAML"),
    ("just a string\n", "must be a list"),
    ("a: 1\nb: 2\n", "must be a list"),
    ("- 5\n- {file: x}\n", "entry 1"),
])
def test_a_corrupted_registry_is_a_sentence_naming_it(tmp_path, registry, says):
    root = make_archive(tmp_path)
    (root / "data" / "permalinks.yaml").write_text(registry, encoding="utf-8")
    for command in ("build", "check"):
        proc = run([LETTERS, command, "--root", str(root)], root, check=False)
        no_traceback(proc)
        out = proc.stdout + proc.stderr
        assert proc.returncode == 1 and "data/permalinks.yaml" in out and says in out and "git checkout" in out, out


@pytest.mark.parametrize("name, content, says", [
    ("governments.yaml", "- name: Japan\n  aliases: [unclosed\n", "not valid YAML"),
    ("governments.yaml", "Japan: yes\n", "must be a list of governments"),
    ("signatory-aliases.yaml", "X: AI\n", "X: [AI]"),
    ("countries.yaml", "- Korea\n", "two-letter ISO code"),
])
def test_an_invalid_data_file_is_a_sentence_naming_it(tmp_path, name, content, says):
    root = make_archive(tmp_path)
    (root / "data" / name).write_text(content, encoding="utf-8")
    for command in ("build", "check"):
        proc = run([LETTERS, command, "--root", str(root)], root, check=False)
        no_traceback(proc)
        out = proc.stdout + proc.stderr
        assert proc.returncode == 1 and f"data/{name}" in out and says in out, out


def test_a_file_where_docs_needs_a_folder_is_a_sentence(tmp_path):
    root = make_archive(tmp_path)
    (root / "docs").mkdir(exist_ok=True)
    (root / "docs" / "letters").write_text("not a folder", encoding="utf-8")
    proc = build(root)
    no_traceback(proc)
    assert proc.returncode == 1 and "docs/letters" in proc.stderr and "move it away" in proc.stderr


def test_a_read_only_docs_folder_is_a_sentence(tmp_path):
    root = make_archive(tmp_path)
    (root / "docs").mkdir(exist_ok=True)
    (root / "docs").chmod(0o555)
    try:
        proc = build(root)
    finally:
        (root / "docs").chmod(0o755)
    if os.geteuid() == 0:
        pytest.skip("root writes into read-only folders")
    no_traceback(proc)
    assert proc.returncode == 1 and "docs" in proc.stderr and "writable" in proc.stderr


def test_a_full_disk_during_build_is_a_sentence_and_docs_stay_as_they_were(tmp_path):
    import resource
    root = make_archive(tmp_path)
    build(root, check=True)
    before = tree(root / "docs")
    (root / "letters" / "new.txt").write_text(letter("A new letter", orgs="".join(f"Org {i}, Japan\n" for i in range(600))),
                                              encoding="utf-8")

    def small_disk() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))

    proc = subprocess.run([LETTERS, "build", "--root", str(root)], cwd=root, capture_output=True, text=True,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, preexec_fn=small_disk)
    no_traceback(proc)
    assert proc.returncode == 1 and "free some disk space" in proc.stderr, proc.stderr
    assert tree(root / "docs") == before


def test_an_unexpected_error_says_it_is_a_bug_and_where_the_traceback_is(tmp_path, monkeypatch, capsys):
    from letter_archive import cli
    from letter_archive.cli import commands

    def broken(args):
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(commands, "build", broken)
    monkeypatch.setattr(cli, "cmd_build", lambda args: broken(args))
    assert cli.main(["build", "--root", str(tmp_path)]) == 70
    err = capsys.readouterr().err
    assert "this is a bug: please report it, with this file:" in err and "Traceback" not in err
    report = Path(err.split("with this file: ")[1].split()[0])
    assert "ZeroDivisionError: boom" in report.read_text(encoding="utf-8")
    report.unlink()
    assert cli.main(["build", "-v", "--root", str(tmp_path)]) == 70
    err = capsys.readouterr().err
    assert "Traceback" in err
    Path(err.split("with this file: ")[1].split()[0]).unlink()


# --- 10. silent problems made loud ------------------------------------------------------------

def test_a_duplicate_front_matter_key_is_an_error_naming_both_lines(tmp_path):
    root = make_archive(tmp_path, {"a.txt": letter("Twice", front="date: 2019-01-01\ntitle: Twice\ndate: 2021-03-05\n")})
    proc = run([LETTERS, "check", "--root", str(root)], root, check=False)
    assert proc.returncode == 1 and "letters/a.txt" in proc.stdout and "'date' is written twice (lines 2 and 4)" in proc.stdout


def test_related_naming_no_document_is_an_error(tmp_path):
    root = make_archive(tmp_path, {"a.txt": letter("Related", front="related: [no-such-letter]\n")})
    proc = build(root)       # held back and named (exit 3); the rest is built
    assert proc.returncode == 3 and "letters/a.txt" in proc.stderr and "'no-such-letter' is the id of no document" in proc.stderr
    check = run([LETTERS, "check", "--root", str(root)], root, check=False)
    assert check.returncode == 1 and "no-such-letter" in check.stdout


def test_one_cp1252_line_in_a_utf8_file_is_read_by_line_and_warned(tmp_path):
    raw = letter("Un café à Paris").encode("utf-8") + "Signed in Zürich, 5€.\n".encode("cp1252")
    root = make_archive(tmp_path)
    (root / "letters" / "mixed.txt").write_bytes(raw)
    proc = run([LETTERS, "check", str(root / "letters" / "mixed.txt")], root, check=False)
    assert "Un café à Paris" in proc.stdout and "cafÃ" not in proc.stdout
    assert "warning: encoding" in proc.stdout and "Windows-1252" in proc.stdout


def test_a_manifest_pointing_outside_docs_deletes_nothing_there(tmp_path):
    root = make_archive(tmp_path / "archive")
    build(root, check=True)
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    (root / "keep.txt").write_text("keep me too", encoding="utf-8")
    manifest = root / "docs" / ".generated"
    manifest.write_text(manifest.read_text(encoding="utf-8") + f"../keep.txt\n{victim}\n../../victim.txt\n", encoding="utf-8")
    proc = build(root, check=True)
    assert victim.exists() and (root / "keep.txt").exists()
    assert "outside docs/ ignored" in proc.stderr


def test_escape_codes_in_a_title_do_not_reach_the_terminal_and_are_flagged(tmp_path):
    prose = "We are writing to you about the situation of the people, and we ask you to act for them. " * 4
    text = letter("Evil \x1b[2J✓ clean \u202egnp.exe").replace("Dear Prime Minister,\n", f"Dear Prime Minister,\n\n{prose}\n")
    root = make_archive(tmp_path, {"a.txt": text})
    proc = run([LETTERS, "check", "--root", str(root)], root, check=False)
    assert "\x1b" not in proc.stdout and "\u202e" not in proc.stdout
    assert "\\u001b" in proc.stdout and "\\u202e" in proc.stdout
    assert proc.returncode == 1 and "invisible control or direction character" in proc.stdout


def test_the_same_text_under_two_files_is_a_warning(tmp_path):
    seed = (REPO / "letters" / "2020-02-13-letter-to-japan-prime-minister.txt").read_text(encoding="utf-8")
    root = make_archive(tmp_path, {"copy.txt": f"---\nid: a-second-copy\n---\n{seed}"})
    proc = build(root)
    assert proc.returncode == 0 and "letters/copy.txt: warning: the same text as letters/2020-02-13" in proc.stderr
    check = run([LETTERS, "check", "--root", str(root)], root, check=False)
    assert "the same text as" in check.stdout


def test_a_signatory_in_lookalike_letters_is_flagged(tmp_path):
    root = make_archive(tmp_path, {"a.txt": letter("Lookalike", orgs="Аmnesty International, Japan\nOther Org, Japan\n")})
    proc = run([LETTERS, "check", str(root / "letters" / "a.txt")], root, check=False)
    assert "warning: signatories: 'Аmnesty International' mixes Cyrillic and Latin letters" in proc.stdout
