"""`letters check --format github` (issue 24): GitHub workflow annotations on the lines of a pull request's
diff, and a Markdown summary for $GITHUB_STEP_SUMMARY, checked against GitHub's documented syntax
("Workflow commands for GitHub Actions": `::error file={name},line={line},title={title}::{message}`;
data escaped % -> %25, CR -> %0D, LF -> %0A; property values also : -> %3A, , -> %2C)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from letter_archive.review.github import changed_documents, command, md

from benchmarks.bench import copy_skeleton
from tests.conftest import BIN, REPO, run

# the documented grammar: a command, optional comma-separated key=value properties, then the message
COMMAND = re.compile(r"^::(?P<level>error|warning|notice)(?: (?P<props>[^\r\n]*?))?::(?P<message>[^\r\n]*)$")
PROPERTY = re.compile(r"^(?P<key>file|line|endLine|col|endColumn|title)=(?P<value>[^,:\r\n]*)$")


def unescape(text: str) -> str:
    return text.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":").replace("%2C", ",").replace("%25", "%")


def parse(line: str) -> dict[str, str]:
    """One annotation as GitHub's runner reads it; fails on anything the grammar does not allow."""
    m = COMMAND.match(line)
    assert m, f"not a workflow command: {line!r}"
    out = {"level": m["level"], "message": unescape(m["message"])}
    for prop in (m["props"] or "").split(","):
        if prop:
            p = PROPERTY.match(prop)
            assert p, f"not a property: {prop!r} in {line!r}"
            out[p["key"]] = unescape(p["value"])
    return out


HOSTILE = "100% sure,\r\nthen ::error file=x::forged, a: b"


def test_hostile_text_cannot_break_out_of_its_command():
    line = command("warning", HOSTILE, file="letters/a,b:c%.txt", line=7, title=HOSTILE)
    assert "\n" not in line and "\r" not in line
    got = parse(line)
    assert got == {"level": "warning", "message": HOSTILE, "file": "letters/a,b:c%.txt", "line": "7", "title": HOSTILE}
    assert ":" not in line.split("::")[1]   # the properties end at the first '::'; the forged one is data


LETTER = """12 March 2021

Minister of Roads,, Republic of %0A Nowhere::error::forged

Dear Minister,

We urge you to repair the bridge at Elm <script>alert(1)</script> | before winter.

Sincerely,

Signatories

Bridge Friends, Nowhere
Elm Valley Association, Nowhere
"""

UNDATED = """Re: Open letter on the river | <b>bold</b> _em_ [link](javascript:x)

Dear Mayor,

We call on you to clean the river.

Sincerely,

River Watch
"""


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    copy_skeleton(REPO, tmp_path)
    (tmp_path / "letters").mkdir()
    (tmp_path / "letters" / "2021-03-12-bridge, elm: 100%.txt").write_text(LETTER, encoding="utf-8")
    (tmp_path / "letters" / "river.txt").write_text(UNDATED, encoding="utf-8")
    (tmp_path / "letters" / "river.yaml").write_text("# the editor's note\nkind: letter\nlanguage: en\n"
                                                    "publisher: [a, [b]]\n", encoding="utf-8")
    return tmp_path


def test_check_prints_annotations_on_their_lines(archive: Path):
    summary = archive / "summary.md"
    proc = run([str(BIN / "letters"), "check", "--format", "github"], archive, check=False)
    assert proc.returncode == 1, proc.stdout     # the undated letter is an error
    lines = proc.stdout.splitlines()
    # untrusted plain text (look-alike names, related documents) is fenced by stop-commands
    stops = [i for i, x in enumerate(lines) if x.startswith("::stop-commands::")]
    fenced = set()
    for i in stops:
        token = lines[i].split("::")[2]
        end = lines.index(f"::{token}::", i)
        fenced |= set(range(i, end + 1))
    found = [parse(x) for i, x in enumerate(lines) if x.startswith("::") and i not in fenced]
    assert found, proc.stdout
    undated = [a for a in found if a["file"] == "letters/river.txt" and a["level"] == "error"]
    assert undated and "no date" in undated[0]["message"] and "letters/river.yaml" in undated[0]["message"]
    bridge = [a for a in found if a["file"] == "letters/2021-03-12-bridge, elm: 100%.txt"]
    assert bridge, found
    # a warning about the addressee is on its line (3) of the file
    addressee = [a for a in bridge if a.get("title", "").endswith("addressees")]
    assert addressee and addressee[0]["line"] == "3"
    # an error in the sidecar is on its line there
    side = [a for a in found if a["file"] == "letters/river.yaml"]
    assert side and side[0]["line"] == "4" and side[0]["level"] == "error", found
    assert not summary.exists()


def test_step_summary_is_inert_markdown(archive: Path, monkeypatch: pytest.MonkeyPatch):
    summary = archive / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    run([str(BIN / "letters"), "check", "--format", "github"], archive, check=False)
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n")        # appended, never replaced
    rows = [x for x in text.splitlines() if x.startswith("| ")]
    assert len(rows) == 3                            # the header and one row per document
    for row in rows:                                 # every | of a letter's text is escaped: 7 cells
        assert len(re.findall(r"(?<!\\)\|", row)) == 8, row
    assert "<script>" not in text and "<b>" not in text and "&lt;b&gt;bold&lt;/b&gt;" in text
    river = next(r for r in rows if "river" in r)
    assert "✗" in river and "—" in river             # undated: an error, no date


def test_markdown_escape():
    assert md("a\n| b <i> & *c*") == r"a \| b &lt;i&gt; &amp; \*c\*"


def test_only_the_changed_documents(archive: Path):
    (archive / "letters" / "x.pdf").write_bytes(b"%PDF-1.4")
    (archive / "letters" / "x.txt").write_text("companion\n", encoding="utf-8")
    assert changed_documents(archive, ["letters/river.yaml"]) == ["letters/river.txt"]
    assert changed_documents(archive, ["letters/x.txt", "README.md"]) == ["letters/x.pdf"]
    assert changed_documents(archive, ["letters/gone.txt"]) == []
    assert changed_documents(archive, ["letters/river.txt", "data/governments.yaml"]) is None
    listed = archive / "changed.txt"
    listed.write_text("letters/river.yaml\0README.md\0", encoding="utf-8")
    proc = run([str(BIN / "letters"), "check", "--format", "github", "--changed", str(listed)], archive, check=False)
    assert "letters/river.txt" in proc.stdout and "bridge" not in proc.stdout
    assert "1 documents checked" in proc.stdout


def test_workflow_runs_the_check_on_pull_requests():
    workflow = (REPO / ".github" / "workflows" / "check.yml").read_text(encoding="utf-8")
    assert "letters check --format github --changed" in workflow
    assert '"letters/**"' in workflow and '"data/**"' in workflow
    assert "make build" in workflow and "actions/upload-artifact" in workflow
