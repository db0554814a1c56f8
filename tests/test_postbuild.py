"""Issue 25: nothing the built site needs lives only in the MkDocs hook. `letters post-build SITE` (run by
`make build` after the engine) places the originals as received, makes the 404 page's addresses
relative, takes out the templates' indentation and Material's unused search files; the hook stays a
faster way to the same pages. Our caches and the build lock live in .letters-cache/, which
`zensical build --clean` (it deletes .cache/) leaves alone."""

from __future__ import annotations

import filecmp
import os
from pathlib import Path

import pytest
from conftest import BIN, run
from letter_archive.cache import ExtractionCache
from letter_archive.lock import CACHE_DIR, LOCK_NAME, OLD_CACHE_DIR
from letter_archive.site.postbuild import collapse_indentation, place_originals, relative_404, site_root


def files(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def without_hook(built: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same docs/ rendered by MkDocs without the hook (as an engine that knows nothing of it), then
    `letters post-build`, then the search index: what `make build` does, minus the hook."""
    config = (built / "mkdocs.yml").read_text(encoding="utf-8")
    bare = "\n".join(line for line in config.split("\n") if "hooks:" not in line and "mkdocs_hooks.py" not in line)
    assert bare != config
    out = tmp_path_factory.mktemp("bare") / "site"
    (built / "mkdocs-bare.yml").write_text(bare, encoding="utf-8")
    try:
        run([str(BIN / "mkdocs"), "build", "--quiet", "-f", "mkdocs-bare.yml", "-d", str(out)], built)
    finally:
        (built / "mkdocs-bare.yml").unlink()
    run([str(BIN / "letters"), "post-build", str(out), "--root", str(built)], built)
    return out


def test_without_the_hook_post_build_gives_the_same_files(built, without_hook):
    site = built / "site"
    assert files(without_hook) - {p for p in files(without_hook) if p.startswith("pagefind/")} \
        == files(site) - {p for p in files(site) if p.startswith("pagefind/")}
    # the originals, byte for byte (a Markdown original: tests/test_originals_received.py)
    originals = sorted(p for p in files(site) if p.startswith("originals/"))
    assert originals
    for rel in originals:
        assert (without_hook / rel).read_bytes() == (site / rel).read_bytes(), rel
    # no theme search: Pagefind is the search
    assert not (site / "assets/javascripts/lunr").exists() and not (without_hook / "assets/javascripts/lunr").exists()
    assert not list((site / "assets/javascripts").glob("workers/search.*"))


def test_without_the_hook_pages_differ_only_by_their_table_of_contents(built, without_hook):
    """Pages whose HTML has no <h2 id> (a signatory's page) are byte-identical, and so is the 404 page
    (relative addresses, under the <base> naming site_url's path); pages with headings lack the table
    of contents the hook reads from them (Python-Markdown does not look inside raw HTML)."""
    site = built / "site"
    assert (without_hook / "404.html").read_text(encoding="utf-8") == (site / "404.html").read_text(encoding="utf-8")
    assert '<base href="/open-letter-archive/">' in (site / "404.html").read_text(encoding="utf-8")
    signatories = sorted(p for p in files(site) if p.startswith("signatories/") and p.count("/") == 2)
    assert signatories
    for rel in signatories:
        assert filecmp.cmp(site / rel, without_hook / rel, shallow=False), rel
    letter = next(p for p in sorted(files(site)) if p.startswith("letters/") and p.endswith("/index.html"))
    hooked, bare = ((f / letter).read_text(encoding="utf-8") for f in (site, without_hook))
    assert 'data-md-component="toc"' in hooked and 'data-md-component="toc"' not in bare
    assert "written by letters build" not in bare


def test_post_build_twice_changes_nothing(built, without_hook, tmp_path):
    before = {rel: (without_hook / rel).read_bytes() for rel in files(without_hook)}
    proc = run([str(BIN / "letters"), "post-build", str(without_hook), "--root", str(built)], built)
    assert proc.returncode == 0
    assert {rel: (without_hook / rel).read_bytes() for rel in files(without_hook)} == before
    assert run([str(BIN / "letters"), "post-build", str(tmp_path / "none"), "--root", str(built)], built,
               check=False).returncode == 1


def test_the_404_page_is_made_relative_to_any_root():
    page = ('<link href="/x/assets/a.css"><base href="/x/"><script>var root = "/x/";</script>'
            '<div data-base="/x/"><form action="/x//search/"></form><a href="/x/">Home</a>'
            '<a href="https://example.org/x/y">out</a><script>new URL("/x/",location); {"base": "/x"}</script>')
    out = relative_404(page, "/x/")
    assert out == ('<link href="./assets/a.css"><base href="/x/"><script>var root = "/x/";</script>'
                   '<div data-base="."><form action="./search/"></form><a href=".">Home</a>'
                   '<a href="https://example.org/x/y">out</a><script>new URL(".",location); {"base": "."}</script>')
    assert site_root("https://example.org/x") == "/x/" and site_root(None) == site_root("https://example.org") == "/"
    assert relative_404('<a href="/assets/a.css"><a href="https://e.org/">', "/") == '<a href="./assets/a.css"><a href="https://e.org/">'


def test_collapsing_keeps_the_whitespace_that_shows():
    page = "<p>\n    <b>a</b>\n\n  <i>b</i></p><pre>\n   <b>x</b>\n</pre><code>\n  <i>y</i></code>"
    once = collapse_indentation(page)
    assert once == "<p>\n<b>a</b>\n<i>b</i></p><pre>\n   <b>x</b>\n</pre><code>\n  <i>y</i></code>"
    assert collapse_indentation(once) == once


def test_caches_and_the_lock_live_where_zensical_clean_does_not_reach(tmp_path):
    assert LOCK_NAME.startswith(f"{CACHE_DIR}/") and CACHE_DIR != OLD_CACHE_DIR
    old = tmp_path / OLD_CACHE_DIR / "extractions" / "abc"
    old.mkdir(parents=True)
    (old / "entry.json").write_text("{}", encoding="utf-8")
    (tmp_path / OLD_CACHE_DIR / "zensical-own").mkdir()
    cache = ExtractionCache(tmp_path)
    assert cache.base == tmp_path / CACHE_DIR / "extractions"
    assert (cache.base / "abc" / "entry.json").is_file()                     # adopted, once
    assert (tmp_path / OLD_CACHE_DIR / "zensical-own").is_dir()              # another tool's files stay
    assert not (tmp_path / OLD_CACHE_DIR / "extractions").exists()
    assert os.path.basename(os.path.dirname(LOCK_NAME)) == CACHE_DIR


def test_an_original_an_engine_rendered_as_a_page_is_a_file_again(tmp_path):
    """An engine that does not honour mkdocs.yml's exclude_docs renders originals/<id>.md as a page,
    whose raw HTML would run: post-build deletes the page and puts the file in place as received."""
    docs, site = tmp_path / "docs", tmp_path / "site"
    (docs / "originals").mkdir(parents=True)
    (docs / "originals" / "x.md").write_bytes(b"<script>alert(1)</script>\n")
    (docs / "originals" / "y.txt").write_bytes(b"text\n")
    (site / "originals" / "x").mkdir(parents=True)
    (site / "originals" / "x" / "index.html").write_text("<script>alert(1)</script>", encoding="utf-8")
    (site / "originals" / "y.txt").write_bytes(b"stale\n")
    assert place_originals(site, docs) == 2
    assert not (site / "originals" / "x").exists()
    assert (site / "originals" / "x.md").read_bytes() == b"<script>alert(1)</script>\n"
    assert (site / "originals" / "y.txt").read_bytes() == b"text\n"
    assert place_originals(site, docs) == 0
