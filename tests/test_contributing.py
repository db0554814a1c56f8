"""CONTRIBUTING.md's worked examples, run as written: a new language is one data file, a new input
format is one reader in the registry."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import types

from conftest import REPO
from letter_archive import readers
from letter_archive.extract import extract
from letter_archive.extract.languages import FOLDER

GUIDE = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")


def block(after: str, language: str) -> str:
    """The first ```language block after the heading or sentence `after` in CONTRIBUTING.md."""
    start = GUIDE.index(after)
    m = re.search(rf"```{language}\n(.*?)```", GUIDE[start:], re.S)
    assert m, f"no {language} block after {after!r}"
    return m.group(1)


def test_the_worked_language_example_is_recognised_with_no_code_change(tmp_path):
    folder = tmp_path / "languages"
    shutil.copytree(FOLDER, folder)
    (folder / "eo.yaml").write_text(block("Worked example: Esperanto", "yaml"), encoding="utf-8")
    env = {**os.environ, "LETTERS_LANGUAGES": str(folder)}
    proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           str(REPO / "tests" / "test_languages.py"), "-k", "eo-"],
                          capture_output=True, text=True, env=env, cwd=REPO)
    assert proc.returncode == 0 and re.search(r"^3 passed", proc.stdout, re.M), proc.stdout[-2000:]


def test_the_worked_input_format_example_reads_org_files(monkeypatch):
    org = types.ModuleType("org")
    exec(block("Worked example: Org-mode", "python"), org.__dict__)
    monkeypatch.setitem(readers.READERS, ".org", org.to_plain)
    text = ("* Joint letter on the camps\n\n13 February 2020\n\nDear Minister,\n\nWe urge you to close the camps.\n\n"
            "Sincerely,\n\nOrg One, Japan\nOrg Two, Japan\n")
    record = extract(readers.read_bytes(text.encode(), "letters/x.org", ".org")).record
    assert record.title == "Joint letter on the camps"
    assert record.date == "2020-02-13" and record.signatories.listed == 2
