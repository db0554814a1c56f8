"""CONTRIBUTING.md's worked examples, run as written: a new language is one data file, a new input
format is one reader in the registry."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import textwrap
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


def test_the_worked_page_type_example_renders_an_escaped_page(monkeypatch, tmp_path):
    from bs4 import BeautifulSoup
    from letter_archive.model import Record
    from letter_archive.site import pages, render, routes

    code = block("1. The address, in `site/routes.py`", "python")
    exec(textwrap.dedent(code), routes.__dict__)
    templates = tmp_path / "templates"
    shutil.copytree(render.TEMPLATES, templates)
    (templates / "kind.html").write_text(textwrap.dedent(block("2. The template", "html")), encoding="utf-8")
    monkeypatch.setattr(render, "TEMPLATES", templates)
    render.environment.cache_clear()
    try:
        exec(textwrap.dedent(block("3. The page, in `site/pages.py`", "python")), pages.__dict__)
        records = [Record(id="2021-05-04-a", kind="press-release", title="<b>Rivers</b> & lakes", date="2021-05-04")]
        page = pages.kind_page("press-release", records)
    finally:
        render.environment.cache_clear()
        del routes.kind, pages.kind_page
    soup = BeautifulSoup(page.split(pages.PRERENDERED, 1)[1], "html.parser")
    assert soup.h1.get_text() == "Press release" and not soup.find("b")
    link = soup.select_one("ul.doc-list a")
    assert link.get_text() == "<b>Rivers</b> & lakes" and link["href"] == "../../letters/2021-05-04-a/"
