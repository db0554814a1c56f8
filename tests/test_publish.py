"""Publishing to real hosts (issue 15): the GitHub Pages workflow (it cannot run here, so what can be
checked is: valid YAML, GitHub's documented steps, commands that exist, and its site_url step run for
real), and `_redirects` for Netlify and Cloudflare Pages."""

from __future__ import annotations

import os
import re
import subprocess

import yaml
from conftest import BIN, REPO, make_archive, run

WORKFLOW = REPO / ".github" / "workflows" / "publish.yml"


def workflow() -> dict:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))    # YAML 1.1 reads the key `on` as true
    return data


def steps(job: str) -> list[dict]:
    return workflow()["jobs"][job]["steps"]


def test_workflow_is_githubs_documented_pages_deployment():
    flow = workflow()
    assert flow["on"]["push"]["branches"] == ["main"] and "workflow_dispatch" in flow["on"]
    assert flow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    uses = [s.get("uses", "").split("@")[0] for s in steps("build")]
    assert uses[:2] == ["actions/checkout", "actions/setup-python"]
    assert {"actions/configure-pages", "actions/upload-pages-artifact"} <= set(uses)
    upload = next(s for s in steps("build") if s.get("uses", "").startswith("actions/upload-pages-artifact"))
    site_dir = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8").split("\ntheme:")[0])["site_dir"]
    assert upload["with"]["path"] == site_dir == "site"
    deploy = workflow()["jobs"]["deploy"]
    assert deploy["needs"] == "build" and deploy["environment"]["name"] == "github-pages"
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]
    python = next(s for s in steps("build") if s.get("uses", "").startswith("actions/setup-python"))
    requires = re.search(r'requires-python = ">=(\d+\.\d+)"', (REPO / "pyproject.toml").read_text()).group(1)
    assert python["with"]["python-version"] == requires


def test_workflow_runs_the_readmes_build_command_and_make_has_it():
    commands = [s["run"] for s in steps("build") if "run" in s]
    assert "make build" in commands
    assert "make build" in (REPO / "README.md").read_text(encoding="utf-8")
    assert re.search(r"^build:", (REPO / "Makefile").read_text(), re.M)
    proc = subprocess.run(["make", "-n", "build"], cwd=REPO, capture_output=True, text=True)
    assert proc.returncode == 0 and "letters build" in proc.stdout and "mkdocs build" in proc.stdout


def test_workflow_sets_site_url_from_the_repository_and_the_build_uses_it(tmp_path):
    root = make_archive(tmp_path / "arch")
    step = next(s for s in steps("build") if "site_url" in s.get("name", ""))
    assert step["env"]["BASE_URL"] == "${{ steps.pages.outputs.base_url }}"
    env = {**os.environ, "BASE_URL": "https://coalition.github.io/letters"}   # configure-pages' output: no slash
    subprocess.run(["bash", "-e", "-c", step["run"]], cwd=root, env=env, check=True)
    assert "\nsite_url: https://coalition.github.io/letters/\n" in (root / "mkdocs.yml").read_text(encoding="utf-8")
    run([str(BIN / "letters"), "build", "--root", str(root)], root)
    feed = (root / "docs" / "feeds" / "all.xml").read_text(encoding="utf-8")
    assert "<id>https://coalition.github.io/letters/feeds/all.xml</id>" in feed
    assert "https://example.org" not in feed


def moved_archive(tmp_path):
    root = make_archive(tmp_path / "arch")
    run([str(BIN / "letters"), "build", "--root", str(root)], root)
    press = root / "letters" / "2020-03-03-icnk-press-release-south-korea.txt"
    press.write_text("---\nid: 2020-03-03-icnk-press-release\n---\n" + press.read_text(encoding="utf-8"), encoding="utf-8")
    return root


def test_redirects_file_gives_moved_documents_a_301_under_site_url(tmp_path):
    root = moved_archive(tmp_path)
    env = {k: v for k, v in os.environ.items() if k not in ("NETLIFY", "LETTERS_REDIRECTS")}
    subprocess.run([str(BIN / "letters"), "build", "--root", str(root)], cwd=root, env=env, check=True, capture_output=True)
    rules = [line.split() for line in (root / "docs" / "_redirects").read_text(encoding="utf-8").splitlines()
             if line and not line.startswith("#") and "/letters/" in line]
    old, new = "2020-03-03-south-korea-stand-with-north-korean", "2020-03-03-icnk-press-release"
    assert rules == [[f"/open-letter-archive/letters/{old}/", f"/open-letter-archive/letters/{new}/", "301"],
                     [f"/open-letter-archive/letters/{old}", f"/open-letter-archive/letters/{new}/", "301"]]
    assert (root / "docs" / "letters" / f"{new}.md").exists()
    # the HTML redirect stays for hosts without _redirects (GitHub Pages)
    assert f"redirect: ../{new}/" in (root / "docs" / "letters" / f"{old}.md").read_text(encoding="utf-8")
    # Netlify serves the file at the old address before a rule unless the rule is forced
    env["NETLIFY"] = "true"
    subprocess.run([str(BIN / "letters"), "build", "--root", str(root)], cwd=root, env=env, check=True, capture_output=True)
    assert all(line.endswith(" 301!") for line in (root / "docs" / "_redirects").read_text(encoding="utf-8").splitlines()[1:])


def test_built_site_carries_the_redirects_file(built):
    assert (built / "site" / "_redirects").read_text(encoding="utf-8").startswith("# Moved documents")
