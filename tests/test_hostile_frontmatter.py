"""Issue 17, item 3: front matter validated against the record model. The fix belongs to the record
model rewrite (model.py, lead); these tests say what it must do: whatever `letters check` accepts,
`letters build` builds, and what it cannot build, `check` reports as an error naming the key."""

from __future__ import annotations

import pytest
from conftest import BIN, make_archive, run

LETTERS = str(BIN / "letters")



def letter(front: str) -> str:
    return (f"---\n{front}---\nMarch 5, 2021\n\nPrime Minister of Japan\n\nRe: Front matter\n\nDear Prime Minister,\n\n"
            "We urge you to release every political prisoner.\n\nSincerely,\n\nFirst Org, Japan\nSecond Org, Korea\n")


CASES = {
    "names as bare strings": "signatories: {names: [Alpha Org, Beta Org]}\n",
    "a group without a label, listed as text": 'signatories: {groups: [{listed: "1"}]}\n',
    "a label that is a number": "signatories: {groups: [{label: 5}]}\n",
    "claimed as text": 'signatories: {claimed: "54"}\n',
    "a signatory type that is no type": "signatories: {names: [{name: Alpha Org, type: 7}]}\n",
}


@pytest.mark.parametrize("front", CASES.values(), ids=list(CASES))
def test_what_check_accepts_builds_and_what_it_cannot_is_an_error(tmp_path, front):
    root = make_archive(tmp_path, {"2021-03-05-front.txt": letter(front)})
    check = run([LETTERS, "check", "--root", str(root)], root, check=False)
    build = run([LETTERS, "build", "--root", str(root)], root, check=False)
    out = build.stdout + build.stderr
    assert "Traceback" not in out and "this is a bug" not in out, out
    if check.returncode == 0:
        assert build.returncode == 0, out
        assert (root / "docs" / "signatories" / "index.md").exists()
    else:
        assert "letters/2021-03-05-front.txt" in check.stdout and "signatories" in check.stdout
        # held back, named; the rest of the archive is built (exit 3)
        assert build.returncode == 3 and "✗ letters/2021-03-05-front.txt" in build.stderr
