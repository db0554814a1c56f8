"""`letters review` (issue 24): the editors' app, run on a free port over a temporary archive of made-up
letters. Without a browser: what it refuses (a forged Host, a missing token, a path out of letters/, a
page of another site, a second tab saving over the first) and what a save writes. In Chromium: import by
drop, a doubted field corrected through its form, the sidecar holding exactly that key with the
editor's comment kept, the corrected value on the preview page, two look-alike signatories merged."""

from __future__ import annotations

import os
import re
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from letter_archive.review.app import App, make_server

from benchmarks.bench import copy_skeleton
from tests.conftest import CHROMIUM, REPO, chromium

# No demand: the record doubts it, and an editor adds one.
FLOODS = """14 April 2023

Dear Mayor Ortiz,

Re: The Elm valley floods

The floods of last week destroyed the homes of many families in the Elm valley. Our members worked
through the night to bring food and blankets to those who lost everything.

Sincerely,

Elm Valley Relief Network
Riverside Readers Club
"""

# Signed by a look-alike of a name above ("Readres"), to merge.
PATHS = """12 June 2021

Mayor Ana Ortiz
City of Elm Valley

Re: Keep the river paths open

Dear Mayor Ortiz,

We urge you to reopen the river paths before the summer.

Sincerely,

Riverside Readres Club
Elm Valley Walkers
"""

# Dropped on the inbox.
BRIDGE = """3 September 2022

Minister Jonas Berg
Ministry of Transport

Re: Repair the Millford bridge

Dear Minister Berg,

We call on you to repair the Millford bridge before the winter and to publish the engineers' report.

Yours sincerely,

Millford Cyclists
Millford Chamber of Commerce
"""

FLOODS_NAME = "2023-04-14-elm-valley-floods.txt"
COMMENT = "# Checked against the printed copy by R. (keep this note)\nkind: letter   # not a statement\n"


@dataclass
class Running:
    root: Path
    app: App
    url: str


@pytest.fixture
def review(tmp_path: Path) -> Iterator[Running]:
    root = tmp_path / "archive"
    copy_skeleton(REPO, root)
    letters = root / "letters"
    letters.mkdir()
    (letters / FLOODS_NAME).write_text(FLOODS, encoding="utf-8")
    (letters / "2023-04-14-elm-valley-floods.yaml").write_text(COMMENT, encoding="utf-8")
    (letters / "2021-06-12-river-paths.txt").write_text(PATHS, encoding="utf-8")
    before = os.environ.get("LETTERS_DATA")
    server, app = make_server(root, 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Running(root, app, f"http://127.0.0.1:{app.port}/")
    finally:
        server.shutdown()
        server.server_close()
        app.previewer.close()
        if before is not None:
            os.environ["LETTERS_DATA"] = before


def request(url: str, data: dict | None = None, headers: dict | None = None) -> tuple[int, str]:
    body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
    req = urllib.request.Request(url, body, headers or {})

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(req, timeout=60) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def save_form(run: Running, field: str = "demands", **values) -> dict:
    from letter_archive.review.yamlio import file_hash
    sidecar = run.root / "letters" / "2023-04-14-elm-valley-floods.yaml"
    return {"token": run.app.token, "file": f"letters/{FLOODS_NAME}", "field": field,
            "sidecar_hash": file_hash(sidecar), **values}


def test_a_forged_host_is_refused(review: Running):
    assert request(review.url)[0] == 200
    assert request(review.url, headers={"Host": f"localhost:{review.app.port}"})[0] == 200
    for host in (f"evil.example:{review.app.port}", "127.0.0.1", f"127.0.0.1.nip.io:{review.app.port}"):
        status, body = request(review.url, headers={"Host": host})
        assert status == 403, host
        assert "Host header" in body
        assert review.app.token not in body          # the rebound page never sees the token
    status, _ = request(review.url + "save", save_form(review, demand=["A demand."]), {"Host": "evil.example"})
    assert status == 403
    assert (review.root / "letters" / "2023-04-14-elm-valley-floods.yaml").read_text() == COMMENT


def test_a_write_without_the_token_is_refused(review: Running):
    sidecar = review.root / "letters" / "2023-04-14-elm-valley-floods.yaml"
    for token in (None, "", "not-the-token"):
        form = save_form(review, demand=["A demand."])
        if token is None:
            del form["token"]
        else:
            form["token"] = token
        status, body = request(review.url + "save", form)
        assert status == 403 and "token" in body
    # the token is right, but the request comes from a page of another site
    status, _ = request(review.url + "save", save_form(review, demand=["A demand."]), {"Origin": "https://evil.example"})
    assert status == 403
    assert sidecar.read_text(encoding="utf-8") == COMMENT


def test_paths_outside_letters_are_refused(review: Running, tmp_path: Path):
    outside = tmp_path / "outside.txt"
    outside.write_text(FLOODS, encoding="utf-8")
    (review.root / "letters" / "linked.txt").symlink_to(outside)
    for name in ("letters/../data/governments.yaml", "../outside.txt", str(outside), "data/governments.yaml",
                 "letters/linked.txt", "letters/./x.txt", "letters/nothing.txt"):
        status, _ = request(review.url + "save", {**save_form(review, demand=["A demand."]), "file": name})
        assert status == 403, name
        status, _ = request(review.url + "letter?" + urllib.parse.urlencode({"file": name}))
        assert status == 403, name
    assert not (tmp_path / "outside.yaml").exists() and not (review.root / "data" / "governments.yml").exists()
    status, _ = request(review.url + "preview/../../etc/passwd")
    assert status == 404


def test_a_save_writes_only_that_key_and_a_second_tab_is_told(review: Running):
    sidecar = review.root / "letters" / "2023-04-14-elm-valley-floods.yaml"
    first = save_form(review, demand=["Rebuild the homes before the winter."])
    second = save_form(review, field="title", value="Floods in the Elm valley")   # opened at the same time
    status, _ = request(review.url + "save", first)
    assert status == 303
    assert yaml.safe_load(sidecar.read_text()) == {"kind": "letter", "demands": ["Rebuild the homes before the winter."]}
    status, body = request(review.url + "save", second)
    assert status == 409 and "Floods in the Elm valley" in body     # told, and shown what they wrote
    text = sidecar.read_text(encoding="utf-8")
    assert text.startswith(COMMENT) and yaml.safe_load(text) == {"kind": "letter",
                                                                 "demands": ["Rebuild the homes before the winter."]}
    assert (review.root / "letters" / FLOODS_NAME).read_text(encoding="utf-8") == FLOODS   # never the document
    assert not [p for p in (review.root / "letters").iterdir() if p.name.startswith(".")]  # no temporary file left


def test_an_addressees_kind_is_corrected_through_the_form(review: Running):
    sidecar = review.root / "letters" / "2023-04-14-elm-valley-floods.yaml"
    form = save_form(review, field="addressees", name=["Elm Valley Public Radio"], title=[""], government=[""],
                     addressee_kind=["broadcaster"])
    assert request(review.url + "save", form)[0] == 303
    assert yaml.safe_load(sidecar.read_text())["addressees"] == [{"name": "Elm Valley Public Radio", "kind": "broadcaster"}]
    bad = save_form(review, field="addressees", name=["Elm Valley Public Radio"], title=[""], government=[""],
                    addressee_kind=["radio station"])
    status, body = request(review.url + "save", bad)
    assert status != 303 and "one of government" in body


def test_tags_are_edited_through_the_form(review: Running):
    """The review page has a Tags field like Governments; a bad tag is refused with the checker's words."""
    sidecar = review.root / "letters" / "2023-04-14-elm-valley-floods.yaml"
    status, page = request(review.url + f"letter?file=letters/{FLOODS_NAME}")
    assert status == 200 and 'id="field-tags"' in page and "Add a tag" in page
    assert request(review.url + "save", save_form(review, field="tags", tag=["floods", " housing ", ""]))[0] == 303
    assert yaml.safe_load(sidecar.read_text())["tags"] == ["floods", "housing"]
    status, page = request(review.url + f"letter?file=letters/{FLOODS_NAME}")
    assert 'name="tag" value="floods"' in page and 'name="tag" value="housing"' in page
    status, body = request(review.url + "save", save_form(review, field="tags", tag=["floods", "???"]))
    assert status != 303 and "has no letter or digit" in body
    assert yaml.safe_load(sidecar.read_text())["tags"] == ["floods", "housing"]


def test_a_letters_text_is_escaped(review: Running):
    (review.root / "letters" / "2021-01-01-markup.txt").write_text(
        "1 January 2021\n\nRe: <script>alert(1)</script> roads\n\nDear Mayor <b>Ortiz</b>,\n\n"
        "We urge you to fix <img src=x onerror=alert(2)> roads.\n\nSincerely,\n\nRoad Friends\n", encoding="utf-8")
    _, inbox = request(review.url)
    _, page = request(review.url + "letter?file=letters/2021-01-01-markup.txt")
    for html in (inbox, page):
        assert "<script>alert" not in html and "<img src=x" not in html and "&lt;script&gt;" in html


needs_chromium = pytest.mark.skipif(not CHROMIUM and os.environ.get("CI") != "true",
                                    reason="needs Debian's chromium (apt-get install -y chromium)")


@pytest.mark.browser
@needs_chromium
def test_import_by_drop_correct_a_doubted_field_and_preview(review: Running, tmp_path: Path):
    dropped = tmp_path / "from the minister's office.txt"
    dropped.write_text(BRIDGE, encoding="utf-8")
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(review.url)
        assert page.locator("table.inbox tbody tr").count() == 2
        # the letter without a demand is doubted, so it comes first, saying why
        first = page.locator("table.inbox tbody tr").first
        assert "Elm valley floods" in first.inner_text() and "demand" in first.inner_text()

        page.set_input_files("#import-file", str(dropped))      # what a drop does: the form's file input
        page.wait_for_url(re.compile(r"/letter\?file="))
        imported = sorted((review.root / "letters").glob("*bridge*"))
        assert [p.suffix for p in imported] == [".txt"]
        assert imported[0].read_bytes() == dropped.read_bytes()
        assert "imported" in page.locator(".note").first.inner_text()
        assert page.locator("h1").inner_text() == "Repair the Millford bridge"
        # a field's source: click it and its line lights up
        page.click("#field-date a.source")
        assert page.locator(".ln.hl").inner_text().endswith("3 September 2022")

        page.goto(review.url + "letter?file=" + urllib.parse.quote(f"letters/{FLOODS_NAME}"))
        fields = page.locator(".record .field")
        assert fields.first.get_attribute("id") == "field-demands"       # the doubted field first, with why
        assert "no demand found" in fields.first.inner_text()
        form = page.locator("#field-demands form")
        form.locator("button[data-act=add]").click()
        form.locator("textarea[name=demand]").last.fill("Rebuild the lost homes before the winter.")
        form.locator("button[data-act=add]").click()
        form.locator("textarea[name=demand]").last.fill("Publish the flood plan.")
        form.locator("li.row").last.locator("button[data-act=up]").click()     # reorder: the plan first
        form.locator("button[type=submit]").click()
        page.wait_for_url(re.compile(r"saved=demands"))
        note = page.locator("#saved-note").inner_text()
        assert "Saved demands" in note and "no problem" in note

        sidecar = (review.root / "letters" / "2023-04-14-elm-valley-floods.yaml").read_text(encoding="utf-8")
        assert sidecar.startswith(COMMENT)                               # the editor's comment kept
        assert yaml.safe_load(sidecar) == {"kind": "letter", "demands": [   # that key only, added
            "Publish the flood plan.", "Rebuild the lost homes before the winter."]}

        with page.expect_popup() as popup:
            page.click("text=Preview the page as published")
        preview = popup.value
        preview.wait_for_load_state()
        assert "/preview/letters/" in preview.url
        body = preview.locator("article").inner_text()
        assert "Publish the flood plan." in body and "Rebuild the lost homes before the winter." in body
        assert preview.locator("link[href$='archive.css']").count() == 1   # the site's own theme


@pytest.mark.browser
@needs_chromium
def test_merge_two_look_alike_signatories(review: Running):
    aliases = review.root / "data" / "signatory-aliases.yaml"
    before = aliases.read_text(encoding="utf-8")
    with chromium() as browser:
        page = browser.new_page()
        page.goto(review.url + "identities")
        row = page.locator("table.pairs tr", has_text="Riverside Readres Club")
        assert row.count() == 1
        row.locator("button", has_text="keep “Riverside Readers Club”").click()
        page.wait_for_url(re.compile(r"/identities\?message="))
        assert "is now a spelling of" in page.locator(".note").inner_text()
        assert page.locator("table.pairs tr", has_text="Riverside Readres Club").count() == 0
    after = aliases.read_text(encoding="utf-8")
    assert after.startswith(before.rstrip("\n"))     # every line and comment the editor wrote, as it was
    assert yaml.safe_load(after)["Riverside Readers Club"] == ["Riverside Readres Club"]
