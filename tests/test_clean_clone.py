"""The README's two commands on a fresh clone (issue 4): `make build` must set up everything it needs
and produce the site; `make test` must run. A missing dependency or install step fails here first.
Marked slow (it installs the pinned dependencies into a new venv); CI runs it."""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest
from conftest import REPO

pytestmark = pytest.mark.slow

NESTED = "LETTER_ARCHIVE_CLONE_TEST"   # the clone's own `make test` must not clone again


def readme_commands() -> list[str]:
    block = re.search(r"## The two commands.*?```(?:sh|bash)?\n(.*?)```", (REPO / "README.md").read_text(), re.S)
    assert block, "README has no code block under 'The two commands'"
    return [line.split("#")[0].strip() for line in block.group(1).splitlines() if line.split("#")[0].strip()]


@pytest.mark.skipif(os.environ.get(NESTED) == "1", reason="already inside the clean-clone test")
def test_readme_commands_work_on_a_fresh_clone(tmp_path):
    if not (REPO / ".git").exists() or not shutil.which("git"):
        pytest.skip("not a git checkout")
    commands = readme_commands()
    assert commands == ["make build", "make test"], commands
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "--quiet", str(REPO), str(clone)], check=True)
    assert not (clone.parent / "shared").exists()   # the clone has no ../shared beside it
    env = {k: v for k, v in os.environ.items() if not k.startswith(("VIRTUAL_ENV", "PYTEST"))}
    env.update({NESTED: "1", "PATH": os.pathsep.join(p for p in env["PATH"].split(os.pathsep) if ".venv" not in p)})
    # The clone's `make test` leaves out the browser and slow tests: this run drives the same ones on the same
    # commit, and running them twice doubled CI's time. What the clone proves is the set-up from nothing
    # and the tests that must skip, not fail, without ../shared.
    env["PYTEST_ADDOPTS"] = '-m "not browser and not slow"'

    for command in commands:
        proc = subprocess.run(command.split(), cwd=clone, env=env, capture_output=True, text=True, timeout=1200)
        assert proc.returncode == 0, f"`{command}` failed on a fresh clone:\n{proc.stdout[-4000:]}\n{proc.stderr[-4000:]}"
        if command == "make build":
            home = (clone / "site" / "index.html").read_text(encoding="utf-8")
            assert "Open Letter Archive" in home and (clone / "site" / "pagefind" / "pagefind.js").exists()
            assert len(list((clone / "site" / "letters").glob("*/index.html"))) == len(list((clone / "letters").iterdir()))
        else:
            assert re.search(r"\d+ passed", proc.stdout) and " failed" not in proc.stdout, proc.stdout[-2000:]
