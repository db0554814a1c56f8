"""Links that last (issue 14): the build says when permanent links would point at the placeholder
address the repository ships with."""

from __future__ import annotations

from conftest import BIN, make_archive, run


def test_build_warns_about_the_placeholder_site_url_and_says_how_to_set_it(tmp_path):
    root = make_archive(tmp_path / "archive")
    proc = run([str(BIN / "letters"), "build", "--root", str(root)], root)
    assert "site_url in mkdocs.yml is the placeholder https://example.org/" in proc.stderr
    assert "fix: set `site_url:` in mkdocs.yml" in proc.stderr
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "site_url: https://example.org/open-letter-archive/", "site_url: https://letters.coalition.test/"), encoding="utf-8")
    proc = run([str(BIN / "letters"), "build", "--root", str(root)], root)
    assert "placeholder" not in proc.stderr
