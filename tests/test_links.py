"""Links that last (issue 14): the build says when permanent links would point at the placeholder
address the repository ships with; a renamed document's and a merged signatory's old addresses lead
on to the new page (keeping the #fragment, canonical to the new address, out of the sitemap); the
sitemap dates each page by what it shows."""

from __future__ import annotations

import json
import re
from pathlib import Path
from xml.etree import ElementTree

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import BIN, MERGED_FROM, MERGED_TO, MOVED_FROM, MOVED_TO, make_archive, run
from letter_archive.link.identities import moved_signatories, resolve
from letter_archive.link.permalinks import registry_changes


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


# --- renamed documents and merged signatories (the `moved` archive of conftest.py) -----------------

SITE_URL = "https://example.org/open-letter-archive/"


def soup_of(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def sitemap(site: Path) -> dict[str, str | None]:
    """Each address in sitemap.xml -> its <lastmod> (None: the page has none)."""
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    root = ElementTree.parse(site / "sitemap.xml").getroot()
    return {u.findtext("s:loc", namespaces=ns): u.findtext("s:lastmod", namespaces=ns) for u in root.findall("s:url", ns)}


@pytest.mark.parametrize("old, new", [(f"letters/{MOVED_FROM}/", f"letters/{MOVED_TO}/"),
                                      (f"signatories/{MERGED_FROM}/", f"signatories/{MERGED_TO}/")])
def test_a_moved_page_goes_on_keeping_the_fragment_and_names_the_new_address_canonical(moved, old, new):
    site = moved / "site"
    head = soup_of(site, old).head
    target = "../" + new.split("/")[1] + "/"
    # first in the head, before anything is loaded: on at once, with the #fragment (old/#demand-2 -> new/#demand-2)
    script = head.find("script")
    assert script.string == f'location.replace("{target}" + location.hash)'
    assert not script.find_previous(["link", "script"])
    assert head.find("meta", attrs={"http-equiv": "refresh"})["content"] == f"0; url={target}"   # without scripts
    assert head.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert [link["href"] for link in head.find_all("link", rel="canonical")] == [SITE_URL + new]
    assert [link["href"] for link in soup_of(site, new).head.find_all("link", rel="canonical")] == [SITE_URL + new]
    assert "demand-2" in {el["id"] for el in soup_of(site, f"letters/{MOVED_TO}/").find_all(id=True)}


def test_moved_pages_are_not_in_the_sitemap(moved):
    site = moved / "site"
    listed = sitemap(site)
    assert SITE_URL + f"letters/{MOVED_TO}/" in listed and SITE_URL + f"signatories/{MERGED_TO}/" in listed
    assert SITE_URL + f"letters/{MOVED_FROM}/" not in listed and SITE_URL + f"signatories/{MERGED_FROM}/" not in listed
    for url in listed:   # nothing listed only moves the reader on
        assert not soup_of(site, url[len(SITE_URL):]).find("meta", attrs={"http-equiv": "refresh"}), url


def test_a_merged_signatorys_address_leads_to_the_page_its_name_is_on_now(moved):
    site = moved / "site"
    registry = yaml.safe_load((moved / "data" / "signatory-permalinks.yaml").read_text(encoding="utf-8"))
    assert {"slug": MERGED_FROM, "name": "Korea for All"} in registry          # kept with the name it was published for
    assert {"slug": MERGED_TO, "name": "Action for Korea United"} in registry
    page = soup_of(site, f"signatories/{MERGED_TO}/")
    hrefs = {a["href"] for a in page.select("ul.doc-list a")}
    assert {f"../../letters/{MOVED_TO}/", "../../letters/2020-02-13-japans-recent-disengagement-addressing/"} <= hrefs
    assert "Korea for All" in page.select_one(".also-written").get_text()
    moved_page = soup_of(site, f"signatories/{MERGED_FROM}/")
    assert moved_page.select_one("article a")["href"] == f"../{MERGED_TO}/"
    rules = (site / "_redirects").read_text(encoding="utf-8").splitlines()
    for old, new in ((f"letters/{MOVED_FROM}", f"letters/{MOVED_TO}"),
                     (f"signatories/{MERGED_FROM}", f"signatories/{MERGED_TO}")):
        assert f"/open-letter-archive/{old}/ /open-letter-archive/{new}/ 301" in rules
        assert f"/open-letter-archive/{old} /open-letter-archive/{new}/ 301" in rules
    # a feed reader follows no HTML redirect: the merged signatory's feed is also at the old address
    for ext in ("xml", "json"):
        old_feed, new_feed = (site / "feeds" / "signatories" / f"{slug}.{ext}" for slug in (MERGED_FROM, MERGED_TO))
        assert old_feed.read_bytes() == new_feed.read_bytes()


def test_a_signatory_keeps_its_published_slug_when_a_new_name_would_take_it():
    # "C Group" and "C++ Group" are two signatories whose names give one slug: the first by name gets
    # it, the other a number; once published, the slug stays where it was, whoever comes later
    assert {i.name: i.slug for i in resolve(["C++ Group"]).values()} == {"C++ Group": "c-group"}
    fresh = resolve(["C++ Group", "C Group"])
    assert (fresh["C Group"].slug, fresh["C++ Group"].slug) == ("c-group", "c-group-2")
    kept = resolve(["C++ Group", "C Group"], {"c-group": "C++ Group"})
    assert (kept["C Group"].slug, kept["C++ Group"].slug) == ("c-group-2", "c-group")
    assert moved_signatories({"c-group": "C++ Group", "gone-org": "Gone Org"}, kept) == {"gone-org": None}


def test_a_signatory_no_document_is_signed_under_any_more_leads_to_the_list(tmp_path):
    root = make_archive(tmp_path / "archive")
    registry = root / "data" / "signatory-permalinks.yaml"
    registry.write_text(registry.read_text(encoding="utf-8") + "- name: Defunct Watch\n  slug: defunct-watch\n", encoding="utf-8")
    run([str(BIN / "letters"), "build", "--root", str(root)], root)
    page = (root / "docs" / "signatories" / "defunct-watch.md").read_text(encoding="utf-8")
    assert "redirect: ../\n" in page
    assert "/open-letter-archive/signatories/defunct-watch/ /open-letter-archive/signatories/ 301" in \
        (root / "docs" / "_redirects").read_text(encoding="utf-8")
    assert "slug: defunct-watch" in registry.read_text(encoding="utf-8")   # never dropped


# --- the sitemap's dates -----------------------------------------------------------------------------

def test_the_sitemap_dates_each_page_by_the_newest_document_it_shows(built):
    """A page's <lastmod> is the newest date it shows: a letter's own, or a later related document's;
    an index page's, the newest document it lists. Pages that list no dates: the newest document of
    those they count. Never the build's date (SOURCE_DATE_EPOCH: 2020-01-01 for every page)."""
    site = built / "site"
    records = json.loads((site / "data" / "letters.json").read_text(encoding="utf-8"))
    newest = max(r["date"] for r in records if r["date"])
    listed = sitemap(site)
    shown_dates = 0
    for url, lastmod in listed.items():
        rel = url[len(SITE_URL):]
        dates = [t["datetime"] for t in soup_of(site, rel).select("article time[datetime]")]
        if dates:    # a month or a year is no xsd:date: then no <lastmod> (issue 23)
            assert lastmod == (max(dates) if len(max(dates)) == 10 else None), url
            shown_dates += 1
    assert shown_dates >= len(records) + 4     # every letter, home, timeline, a government's and a signatory's page
    assert listed[SITE_URL] == newest == "2021-03-02"
    japan = SITE_URL + "letters/2020-02-13-japans-recent-disengagement-addressing/"
    assert listed[japan] is None          # the KEI commentary about it is of March 2020: which day is not known
    assert listed[SITE_URL + "search/"] == listed[SITE_URL + "data/"] == newest
    assert listed[SITE_URL + "governments/"] == max(r["date"] for r in records if r["governments"] and r["date"])
    assert listed[SITE_URL + "signatories/"] == max(r["date"] for r in records if r["signatories"]["names"] and r["date"])
    assert listed[SITE_URL + "about/"] is None            # the editors' page: no document dates it
    assert "2020-01-01" not in listed.values()
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\d", d) for d in listed.values() if d)   # xsd:date


def test_a_signatory_page_missing_from_the_registry_still_leads_on(tmp_path):
    """A registry lost in a bad merge (or an archive built before it existed): the pages the last
    build wrote (docs/.generated), with the names their titles give, are taken back in."""
    root = make_archive(tmp_path / "archive")
    run([str(BIN / "letters"), "build", "--root", str(root)], root)
    (root / "data" / "signatory-permalinks.yaml").unlink()
    aliases = root / "data" / "signatory-aliases.yaml"
    aliases.write_text(aliases.read_text(encoding="utf-8") + "Action for Korea United:\n  - Korea for All\n", encoding="utf-8")
    run([str(BIN / "letters"), "build", "--root", str(root)], root)
    assert f"redirect: ../{MERGED_TO}/\n" in (root / "docs" / "signatories" / f"{MERGED_FROM}.md").read_text(encoding="utf-8")
    registry = yaml.safe_load((root / "data" / "signatory-permalinks.yaml").read_text(encoding="utf-8"))
    assert {"slug": MERGED_FROM, "name": "Korea for All"} in registry


@pytest.mark.parametrize("registry, says", [
    ("<<<<<<< HEAD\n- slug: a\n=======\n- slug: b\n>>>>>>> other\n", "not valid YAML"),
    ("a: 1\n", "must be a list"),
    ("- slug: ../../etc\n  name: x\n", "entry 1"),
])
def test_a_corrupted_signatory_registry_is_a_sentence_naming_it(tmp_path, registry, says):
    root = make_archive(tmp_path / "archive")
    (root / "data" / "signatory-permalinks.yaml").write_text(registry, encoding="utf-8")
    proc = run([str(BIN / "letters"), "build", "--root", str(root)], root, check=False)
    assert proc.returncode == 1 and "data/signatory-permalinks.yaml" in proc.stderr and says in proc.stderr
    assert "git checkout data/signatory-permalinks.yaml" in proc.stderr and "Traceback" not in proc.stderr
    assert not (root / "docs" / "signatories").exists()


# --- likely duplicates for an editor to confirm ----------------------------------------------------

def _letter_signed_by(day: int, signer: str) -> str:
    return f"""March {day}, 2022

The Prime Minister of Japan

Re: Joint letter number {day} on detained fishermen

Dear Prime Minister,

We, 2 organizations, write about the fishermen held without trial.

We urge you to release the fishermen.

Sincerely,

{signer}, Japan
Harbour Watch, Japan
"""


def test_check_lists_names_that_may_be_one_signatory_until_an_editor_merges_them(tmp_path):
    """Two spellings of one organisation, a letter apart: `letters check` asks; the alias file answers."""
    root = make_archive(tmp_path / "archive", {
        "2022-03-01-fishermen.txt": _letter_signed_by(1, "Coalition for Detained Fishermen's Families"),
        "2022-03-02-fishermen.txt": _letter_signed_by(2, "Coalition for Detained Fisherman's Families")})
    proc = run([str(BIN / "letters"), "check", "--root", str(root)], root)
    asked = [line for line in proc.stdout.splitlines() if line.startswith("  ? ") and "Detained Fisherm" in line]
    assert "Signatories that may be the same (add them to data/signatory-aliases.yaml" in proc.stdout
    assert len(asked) == 1 and "Fishermen's" in asked[0] and "Fisherman's" in asked[0], proc.stdout
    assert not any("Harbour Watch" in line for line in proc.stdout.splitlines() if line.startswith("  ? "))
    aliases = root / "data" / "signatory-aliases.yaml"
    aliases.write_text(aliases.read_text(encoding="utf-8") + "Coalition for Detained Fishermen's Families:\n"
                       "  - Coalition for Detained Fisherman's Families\n", encoding="utf-8")
    proc = run([str(BIN / "letters"), "check", "--root", str(root)], root)
    assert not any("Detained Fisherm" in line for line in proc.stdout.splitlines() if line.startswith("  ? "))


# --- what a build adds to the registries, for a pull request's reviewer (issue 26) ------------------

def test_registry_changes_lists_new_and_moved_addresses_and_refuses_lost_ones(tmp_path):
    base, data = tmp_path / "base", tmp_path / "data"
    base.mkdir()
    data.mkdir()
    (base / "permalinks.yaml").write_text("- {id: old-name, file: letters/a.txt}\n- {id: kept, file: letters/b.txt}\n"
                                          "- {id: gone, file: letters/c.txt}\n", encoding="utf-8")
    (base / "signatory-permalinks.yaml").write_text("- {slug: harbour-watch, name: Harbour Watch}\n", encoding="utf-8")
    (data / "permalinks.yaml").write_text("- {id: old-name, file: letters/a.txt, redirect: new-name}\n"
                                          "- {id: new-name, file: letters/a.txt}\n- {id: kept, file: letters/b.txt}\n"
                                          "- {id: fresh, file: letters/d.txt}\n", encoding="utf-8")
    (data / "signatory-permalinks.yaml").write_text("- {slug: harbour-watch, name: Harbour Watch}\n"
                                                    "- {slug: river-trust, name: River Trust}\n", encoding="utf-8")
    lines, errors = registry_changes(base, data)
    assert lines == ["- /letters/fresh/ (letters/d.txt)", "- /letters/new-name/ (letters/a.txt)",
                     "- /letters/old-name/ now leads to /letters/new-name/", "- /signatories/river-trust/ (River Trust)"]
    assert len(errors) == 1 and "1 published address(es) are missing: /letters/gone/" in errors[0]
    (base / "signatory-permalinks.yaml").write_text("- {slug: lost-group, name: Lost Group}\n", encoding="utf-8")
    (base / "permalinks.yaml").unlink()                    # a base with no registry yet: everything is new
    lines, errors = registry_changes(base, data)
    assert len(lines) == 6 and "/signatories/lost-group/" in errors[0]
