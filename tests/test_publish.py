"""Publishing to real hosts (issue 15): the GitHub Pages workflow (it cannot run here, so what can be
checked is: valid YAML, GitHub's documented steps, commands that exist, and its steps, scripts/publish.sh,
run for real on local clones: issue 26), and `_redirects` for Netlify and Cloudflare Pages."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
import yaml
from conftest import BIN, REPO, make_archive, run
from letter_archive.link.permalinks import derive_id

from benchmarks.bench import copy_skeleton

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
    assert "pull_request" in flow["on"]
    assert flow["permissions"] == {"contents": "read"}      # each job asks for what it needs
    uses = [s.get("uses", "").split("@")[0] for s in steps("build")]
    assert uses[:2] == ["actions/checkout", "actions/setup-python"]
    assert {"actions/configure-pages", "actions/upload-pages-artifact"} <= set(uses)
    upload = next(s for s in steps("build") if s.get("uses", "").startswith("actions/upload-pages-artifact"))
    site_dir = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8").split("\ntheme:")[0])["site_dir"]
    assert upload["with"]["path"] == site_dir == "site"
    deploy = workflow()["jobs"]["deploy"]
    assert deploy["needs"] == "build" and deploy["environment"]["name"] == "github-pages"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]
    requires = re.search(r'requires-python = ">=(\d+\.\d+)"', (REPO / "pyproject.toml").read_text()).group(1)
    for job in ("build", "preview"):
        python = next(s for s in steps(job) if s.get("uses", "").startswith("actions/setup-python"))
        assert python["with"]["python-version"] == requires


def test_workflow_commits_the_registries_before_it_deploys_and_previews_pull_requests():
    """Issue 26: the build job pushes the registries (contents: write) before the artifact is uploaded,
    from the branch as it is when the job runs; a pull request only builds and lists its addresses."""
    build, preview = workflow()["jobs"]["build"], workflow()["jobs"]["preview"]
    assert build["permissions"]["contents"] == "write" and build["if"] == "github.event_name != 'pull_request'"
    assert steps("build")[0]["with"]["ref"] == "${{ github.ref }}"
    runs = [s.get("run") or s.get("uses", "").split("@")[0] for s in steps("build")]
    assert runs.index("scripts/publish.sh") < runs.index("actions/upload-pages-artifact")
    assert preview["if"] == "github.event_name == 'pull_request'" and "permissions" not in preview   # read only
    step = next(s for s in steps("preview") if "run" in s)
    assert step["run"] == "scripts/publish.sh --preview" and step["env"]["PUBLISH_BASE"] == "${{ github.base_ref }}"


def test_workflow_runs_the_readmes_build_command_and_make_has_it():
    commands = [s["run"] for s in steps("build") if "run" in s]
    assert commands == ["scripts/publish.sh"]
    assert re.search(r"^make build$", (REPO / "scripts" / "publish.sh").read_text(encoding="utf-8"), re.M)
    assert "make build" in (REPO / "README.md").read_text(encoding="utf-8")
    assert re.search(r"^build:", (REPO / "Makefile").read_text(), re.M)
    proc = subprocess.run(["make", "-n", "build"], cwd=REPO, capture_output=True, text=True)
    assert proc.returncode == 0 and "letters build" in proc.stdout and "mkdocs build" in proc.stdout


def test_workflow_sets_site_url_from_the_repository_and_the_build_uses_it(tmp_path):
    root = make_archive(tmp_path / "arch")
    step = next(s for s in steps("build") if s.get("run") == "scripts/publish.sh")
    assert step["env"]["SITE_URL"] == "${{ steps.pages.outputs.base_url }}"
    # publish.sh's own lines for it, run alone (the whole script is run by the test below)
    script = (REPO / "scripts" / "publish.sh").read_text(encoding="utf-8")
    lines = re.search(r'(?ms)^if \[ -n "\$\{SITE_URL:-\}" \]; then\n.*?^fi\n', script).group(0)
    env = {**os.environ, "SITE_URL": "https://coalition.github.io/letters"}   # configure-pages' output: no slash
    subprocess.run(["bash", "-e", "-c", lines], cwd=root, env=env, check=True, capture_output=True)
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
    assert rules[:2] == [[f"/open-letter-archive/letters/{old}/", f"/open-letter-archive/letters/{new}/", "301"],
                         [f"/open-letter-archive/letters/{old}", f"/open-letter-archive/letters/{new}/", "301"]]
    # the files beside the page move with it (issue 23: every address published redirects): the record
    # and the citation files
    assert [f"/open-letter-archive/letters/{old}/record.json", f"/open-letter-archive/letters/{new}/record.json",
            "301"] in rules
    assert {r[1].rsplit(".", 1)[-1] for r in rules[2:]} == {"json", "bib", "ris"}
    assert all(r[0].startswith(f"/open-letter-archive/letters/{old}") and r[1].startswith(
        f"/open-letter-archive/letters/{new}/") for r in rules)
    assert (root / "docs" / "letters" / f"{new}.md").exists()
    # the HTML redirect stays for hosts without _redirects (GitHub Pages)
    assert f"redirect: ../{new}/" in (root / "docs" / "letters" / f"{old}.md").read_text(encoding="utf-8")
    # Netlify serves the file at the old address before a rule unless the rule is forced
    env["NETLIFY"] = "true"
    subprocess.run([str(BIN / "letters"), "build", "--root", str(root)], cwd=root, env=env, check=True, capture_output=True)
    assert all(line.endswith(" 301!") for line in (root / "docs" / "_redirects").read_text(encoding="utf-8").splitlines()[1:])


def test_built_site_carries_the_redirects_file(built):
    assert (built / "site" / "_redirects").read_text(encoding="utf-8").startswith("# Moved documents")


# --- the workflow's steps, scripts/publish.sh, on local clones (issue 26: a URL published from CI is never lost)

def lending_letter(day: int, place: str, what: str, orgs: list[str]) -> str:
    """A made-up letter to a mayor, with no front matter (as an editor uploads it in the web interface)."""
    return (f"March {day}, 2023\n\nTo the Mayor of {place}\n\nRe: Keep the {place} branch of the public library open\n\n"
            f"Dear Mayor,\n\nWe, the {len(orgs)} undersigned organisations, write about the planned {what} of the "
            f"{place} branch library.\n\nWe urge you to keep the branch open until the council has heard the "
            "residents who use it.\n\nSincerely,\n\n" + "".join(f"{org}, United Kingdom\n" for org in orgs))


def git_env() -> dict[str, str]:
    """Git as on a runner: no configuration of this machine's, no identity; GitHub's variables unset."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("GITHUB_", "GIT_", "PUBLISH_", "LETTERS_")) and k != "SITE_URL"}
    return {**env, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1", "NO_MKDOCS_2_WARNING": "1"}


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, env=git_env(), check=True, capture_output=True, text=True).stdout


def origin_repository(tmp_path: Path) -> Path:
    """A bare repository standing for GitHub's: the archive's configuration, Makefile and scripts, an
    empty letters/ and no registries (nothing published yet)."""
    seed = tmp_path / "seed"
    copy_skeleton(REPO, seed)
    for registry in ("permalinks.yaml", "signatory-permalinks.yaml"):
        (seed / "data" / registry).unlink()
    for name in ("Makefile", "pyproject.toml", ".gitignore", "scripts/publish.sh"):
        shutil.copy2(REPO / name, seed / name)
    (seed / "letters").mkdir()
    (seed / "letters" / ".gitkeep").touch()
    git(seed, "init", "--quiet", "-b", "main")
    git(seed, "add", "-A")
    git(seed, "-c", "user.name=Seed", "-c", "user.email=seed@example.org", "commit", "--quiet", "-m", "The archive")
    git(tmp_path, "clone", "--quiet", "--bare", str(seed), "origin.git")
    return tmp_path / "origin.git"


def edit_on_github(origin: Path, files: dict[str, str], message: str, branch: str = "main") -> None:
    """What an editor does in GitHub's web interface: add or change files, commit, on the branch."""
    where = Path(tempfile.mkdtemp(dir=origin.parent, prefix="editor-"))
    git(where, "clone", "--quiet", "--branch", "main", f"file://{origin}", ".")
    if branch != "main":
        git(where, "checkout", "--quiet", "-b", branch)
    for name, text in files.items():
        (where / name).write_text(text, encoding="utf-8")
    git(where, "add", "-A")
    git(where, "-c", "user.name=Editor", "-c", "user.email=editor@example.org", "commit", "--quiet", "-m", message)
    git(where, "push", "--quiet", "origin", f"HEAD:refs/heads/{branch}")


def runner_checkout(origin: Path, name: str, branch: str = "main") -> Path:
    """A fresh shallow clone, as actions/checkout makes it: no docs/, no .cache/, no site/. Its .venv is
    this one's (installing the pinned dependencies again would take minutes): the clone's pyproject.toml
    is dated back so that make sees the venv as installed, which is checked before anything runs."""
    clone = origin.parent / name
    git(origin.parent, "clone", "--quiet", "--depth", "1", "--branch", branch, f"file://{origin}", str(clone))
    (clone / ".venv").symlink_to(REPO / ".venv")
    os.utime(clone / "pyproject.toml", (0, 0))
    assert subprocess.run(["make", "-q", ".venv/.installed"], cwd=clone).returncode == 0   # nothing to reinstall
    assert not (clone / "docs" / ".generated").exists() and not (clone / "site").exists()
    return clone


def publish(clone: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(clone / "scripts" / "publish.sh"), *args], cwd=clone, capture_output=True, text=True,
                          env={**git_env(), "SITE_URL": "https://coalition.github.io/letters", **env})


def registry_ids(root: Path) -> dict[str, str]:
    """The registry's letter ids by file (renamed ones left out)."""
    rows = yaml.safe_load((root / "data" / "permalinks.yaml").read_text(encoding="utf-8"))
    return {row["file"]: row["id"] for row in rows if not row.get("redirect")}


def test_a_url_published_from_ci_survives_a_title_correction_in_a_fresh_clone(tmp_path):
    """The issue's path: upload a letter in the web interface, publish; correct its title, publish from
    a fresh clone: the first URL still serves the letter. The script commits the registries back (once,
    on top of a push that came in meanwhile; not at all when nothing changed), and a pull request's
    preview lists the addresses it would publish and fails when it drops a published one."""
    if not (REPO / ".venv" / ".installed").exists() or not shutil.which("git"):
        pytest.skip("needs git and the .venv `make` installs (the clones share it)")
    origin = origin_repository(tmp_path)
    lakeside = lending_letter(12, "Lakeside", "closure", ["Friends of Lakeside Library", "Readers Together"])
    edit_on_github(origin, {"letters/lakeside.txt": lakeside}, "Upload lakeside.txt")

    first = runner_checkout(origin, "run-1")
    summary = tmp_path / "summary-1.md"
    proc = publish(first, GITHUB_STEP_SUMMARY=str(summary))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    url = registry_ids(first)["letters/lakeside.txt"]
    assert url == "2023-03-12-keep-lakeside-branch-public-library"
    assert (first / "site" / "letters" / url / "index.html").exists()
    assert f"- /letters/{url}/ (letters/lakeside.txt)" in summary.read_text(encoding="utf-8")
    message = git(origin, "log", "-1", "--format=%an%n%B", "main")
    assert message.startswith("github-actions[bot]\nRecord the permanent addresses this build published [skip ci]")
    assert f"/letters/{url}/" in message and "/signatories/readers-together/" in message
    assert git(origin, "show", "main:data/permalinks.yaml") == (first / "data" / "permalinks.yaml").read_text(encoding="utf-8")
    assert git(origin, "show", "--name-only", "--format=", "main").split() == \
        ["data/permalinks.yaml", "data/signatory-permalinks.yaml"]    # one commit: the two registries only

    # the title corrected in a sidecar (its derived id would change), and another letter uploaded
    assert derive_id("2023-03-12", "Lakeside library", "lakeside") != url
    riverside = lending_letter(14, "Riverside", "sale", ["Riverside Readers", "Readers Together"])
    edit_on_github(origin, {"letters/lakeside.yaml": "title: Lakeside library\n", "letters/riverside.txt": riverside,
                            "letters/riverside.yaml": "tags: [library closures]\n"},
                   "Correct the Lakeside letter's title; upload riverside.txt")
    second = runner_checkout(origin, "run-2")
    edit_on_github(origin, {"docs/about.md": "# About\n\nThe Library Coalition keeps this archive.\n"},
                   "About page")                                      # pushed while the runner builds
    proc = publish(second)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "moved on" in proc.stderr
    page = (second / "site" / "letters" / url / "index.html").read_text(encoding="utf-8")
    assert "<h1" in page and "Lakeside library" in page and "refresh" not in page    # the same page, corrected
    assert not (second / "site" / "letters" / derive_id("2023-03-12", "Lakeside library", "lakeside")).exists()
    assert git(origin, "log", "--format=%s", "-3", "main").splitlines() == [
        "Record the permanent addresses this build published [skip ci]", "About page",
        "Correct the Lakeside letter's title; upload riverside.txt"]
    published = git(origin, "show", "main:data/permalinks.yaml")
    assert f"id: {url}" in published and "file: letters/riverside.txt" in published
    # the first tag: its registry is committed with the others (none was written before there was a tag)
    assert "slug: library-closures" in git(origin, "show", "main:data/tag-permalinks.yaml")

    # nothing new: no commit
    head = git(origin, "rev-parse", "main")
    proc = publish(second)
    assert proc.returncode == 0 and "nothing to commit" in proc.stdout, proc.stdout + proc.stderr
    assert git(origin, "rev-parse", "main") == head

    # a pull request that uploads a letter, with a bad merge of the registry that lost the Lakeside entry
    registry = git(origin, "show", "main:data/permalinks.yaml")
    dropped = "".join(block for block in re.split(r"(?m)^(?=- )", registry) if "lakeside" not in block)
    hillside = lending_letter(16, "Hillside", "closure", ["Hillside Parents", "Readers Together"])
    edit_on_github(origin, {"letters/hillside.txt": hillside, "data/permalinks.yaml": dropped}, "Upload hillside.txt",
                   branch="hillside")
    pull = runner_checkout(origin, "pull-request", branch="hillside")
    summary = tmp_path / "summary-pr.md"
    proc = publish(pull, "--preview", PUBLISH_BASE="main", GITHUB_STEP_SUMMARY=str(summary))
    assert proc.returncode == 1, proc.stdout + proc.stderr
    shown = summary.read_text(encoding="utf-8")
    assert "- /letters/2023-03-16-keep-hillside-branch-public-library/ (letters/hillside.txt)" in shown
    assert "- /signatories/hillside-parents/ (Hillside Parents)" in shown and "readers-together" not in shown
    assert f"missing: /letters/{url}/" in proc.stderr and "git checkout origin/main -- data/permalinks.yaml" in proc.stderr
    assert git(origin, "rev-parse", "main") == head and git(origin, "rev-parse", "hillside^") == head  # nothing committed
