"""Originals as received (issue 14). A text letter is published byte for byte as it arrived, under its own
extension (`originals/<id>.txt`, `.md`), without the editor's front matter, which is not part of it; a web
page's bytes go to `originals/<id>.html.bin`, which every host serves as a download, never as a page; the
SHA-256 on the letter page is of exactly the bytes a reader downloads. Beside each, `originals/<id>.<ext>.txt`
is its text in UTF-8 with a byte-order mark, which every host shows right (`python3 -m http.server` serves
.txt without a charset); it is also the address text originals had before, which keeps working.

Measured on the built site served by `python3 -m http.server`, and in headless Chromium."""

from __future__ import annotations

import codecs
import hashlib
import os
import shutil
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import BIN, CHROMIUM, build_site, chromium, make_archive, run
from letter_archive.errors import LetterError
from letter_archive.readers import read_bytes, read_document

browser_test = pytest.mark.skipif(not CHROMIUM and os.environ.get("CI") != "true",
                                  reason="Chromium not found: `apt-get install -y chromium` to run the browser tests")

# Made-up letters, one per way a document arrives.
BODY = ("{date}\n\nPrime Minister Jane Roe\nPrime Minister of Japan\n\nRe: {title}\n\nDear Prime Minister,\n\n"
        "We urge you to free every fisherman held without trial.\n\nSincerely,\n\n"
        "Harbour Watch, Japan\nTomás Ojea Quintana, Argentina\n")
FRONT = "---\ntitle: Joint letter on fishermen held without trial\nauthor: Harbour Watch\n---\n"
TXT = BODY.format(date="April 1, 2021", title="Fishermen held without trial")
CP1252 = BODY.format(date="April 4, 2021", title="Nets seized at sea")
MD = BODY.format(date="April 3, 2021", title="Boats *impounded* in port")
HTML = ("<!doctype html><html><head><meta charset=utf-8><title>Harbour letter</title>"
        "<script>window.__ran = 1; document.title = 'RAN'</script></head><body>"
        + "".join(f"<p>{line}</p>" for line in BODY.format(date="April 2, 2021", title="Harbour closures").split("\n\n"))
        + "<img src=x onerror=\"window.__ran = 2\"></body></html>\n")
FILES = {
    "2021-04-01-fishermen.txt": (FRONT + TXT).encode("utf-8"),        # the editor's front matter on top
    "2021-04-02-harbour.html": HTML.encode("utf-8"),
    "2021-04-03-boats.md": MD.encode("utf-8"),
    "2021-04-04-nets.txt": CP1252.encode("cp1252"),                   # an old Windows file
}
SIDECAR = ("2021-04-03-boats.yaml", b"# the editor's correction\ntitle: Joint letter on boats impounded in port\n")
# what each published original must be: the file as it arrived, without the editor's block
RECEIVED = {**FILES, "2021-04-01-fishermen.txt": TXT.encode("utf-8")}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_archive(tmp_path_factory.mktemp("received"))
    for name, raw in [*FILES.items(), SIDECAR]:
        (root / "letters" / name).write_bytes(raw)
    build_site(root)
    return root


@pytest.fixture(scope="module")
def ids(site: Path) -> dict[str, str]:
    rows = yaml.safe_load((site / "data" / "permalinks.yaml").read_text(encoding="utf-8"))
    return {row["file"].removeprefix("letters/"): row["id"] for row in rows if not row.get("redirect")}


@pytest.fixture(scope="module")
def served(site: Path):
    """The built site under `python3 -m http.server`, as the README says to preview it."""
    python = shutil.which("python3") or sys.executable
    proc = subprocess.Popen([python, "-u", "-m", "http.server", "0", "--bind", "127.0.0.1", "--directory",
                             str(site / "site")], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        line = proc.stdout.readline()          # "Serving HTTP on 127.0.0.1 port 41234 (http://127.0.0.1:41234/) ..."
        port = int(line.split(" port ")[1].split()[0])
        yield f"http://127.0.0.1:{port}/"
    finally:
        proc.terminate()
        proc.wait(10)


def fetch(url: str) -> tuple[bytes, str]:
    with urllib.request.urlopen(url, timeout=20) as response:
        return response.read(), response.headers.get("Content-Type", "")


def provenance(served: str, rid: str) -> tuple[dict, str]:
    """The letter page's original link (its attributes, resolved address) and the SHA-256 it shows."""
    url = f"{served}letters/{rid}/"
    soup = BeautifulSoup(fetch(url)[0].decode("utf-8"), "html.parser")
    link = soup.select_one(".provenance a[download]")
    return {**link.attrs, "url": urllib.request.urljoin(url, link["href"]),
            "text": urllib.request.urljoin(url, soup.find("a", string="read its text")["href"])}, \
        soup.select_one(".provenance code").text


@pytest.mark.parametrize("name", sorted(FILES))
def test_the_download_is_the_document_as_received_and_its_hash_is_the_one_shown(served, ids, name):
    rid = ids[name]
    link, shown = provenance(served, rid)
    body, _ = fetch(link["url"])
    assert body == RECEIVED[name]                                        # byte for byte as it arrived
    assert hashlib.sha256(body).hexdigest() == shown                     # what `sha256sum` says after download
    suffix = Path(name).suffix
    assert link["download"] == f"{rid}{suffix}"                          # saved under its own name and extension
    if suffix == ".html":
        assert link["url"].endswith(f"/originals/{rid}.html.bin")
    else:
        assert link["url"].endswith(f"/originals/{rid}{suffix}")


def test_the_editors_front_matter_is_not_in_the_original_but_its_values_are_on_the_page(site, ids):
    rid = ids["2021-04-01-fishermen.txt"]
    published = (site / "site" / "originals" / f"{rid}.txt").read_bytes()
    assert published == TXT.encode("utf-8") and b"author:" not in published
    page = BeautifulSoup((site / "site" / "letters" / rid / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert page.find("h1").text == "Joint letter on fishermen held without trial"
    assert (site / "letters" / "2021-04-01-fishermen.txt").read_bytes() == FILES["2021-04-01-fishermen.txt"]   # untouched


def test_a_sidecar_corrects_the_record_and_leaves_the_document_as_it_was(site, ids):
    rid = ids["2021-04-03-boats.md"]
    page = BeautifulSoup((site / "site" / "letters" / rid / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert page.find("h1").text == "Joint letter on boats impounded in port"
    assert (site / "site" / "originals" / f"{rid}.md").read_bytes() == FILES["2021-04-03-boats.md"]
    assert not (site / "site" / "originals" / rid).exists(), "a Markdown original is a file, never a rendered page"


def test_without_the_mkdocs_hook_a_markdown_original_is_never_rendered_and_post_build_places_it(site, ids, tmp_path):
    config = (site / "mkdocs.yml").read_text(encoding="utf-8")
    bare = "\n".join(line for line in config.split("\n") if "hooks:" not in line and "mkdocs_hooks.py" not in line)
    assert bare != config
    (site / "mkdocs-bare.yml").write_text(bare, encoding="utf-8")
    try:
        run([str(BIN / "mkdocs"), "build", "--quiet", "-f", "mkdocs-bare.yml", "-d", str(tmp_path / "out")], site)
    finally:
        (site / "mkdocs-bare.yml").unlink()
    rid = ids["2021-04-03-boats.md"]
    assert (tmp_path / "out" / "letters" / rid / "index.html").is_file()
    assert not (tmp_path / "out" / "originals" / f"{rid}.md").exists()
    assert not (tmp_path / "out" / "originals" / rid).exists()
    # `letters post-build` (make build runs it after the engine, whichever it is) puts it in place as received
    run([str(BIN / "letters"), "post-build", str(tmp_path / "out"), "--root", str(site)], site)
    assert (tmp_path / "out" / "originals" / f"{rid}.md").read_bytes() == FILES["2021-04-03-boats.md"]
    assert not (tmp_path / "out" / "originals" / rid).exists()


def test_hosts_serve_the_originals_as_files_that_cannot_run(served, ids):
    types = {name: fetch(provenance(served, ids[name])[0]["url"])[1] for name in FILES}
    assert types["2021-04-02-harbour.html"] == "application/octet-stream"     # a download, not a page
    assert types["2021-04-01-fishermen.txt"].startswith("text/plain")
    assert types["2021-04-03-boats.md"].startswith("text/markdown")
    assert not any(t.startswith("text/html") for t in types.values())


@pytest.mark.parametrize("name", sorted(FILES))
def test_the_text_to_read_is_utf8_with_a_byte_order_mark_at_the_old_address(served, ids, name):
    """`originals/<id>.<ext>.txt`, the address of a text original before issue 14, serves its text."""
    rid = ids[name]
    link, _ = provenance(served, rid)
    assert link["text"].endswith(f"/originals/{rid}{Path(name).suffix}.txt")
    body, content_type = fetch(link["text"])
    assert content_type == "text/plain"            # no charset: the byte-order mark is what tells the browser
    assert body.startswith(codecs.BOM_UTF8)
    assert body[3:].decode("utf-8").replace("\r\n", "\n") == RECEIVED[name].decode(
        "cp1252" if name == "2021-04-04-nets.txt" else "utf-8")


# --- in Chromium: what a reader sees -------------------------------------------------------------

@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


@pytest.fixture
def page(browser):
    context = browser.new_context(accept_downloads=True)
    pg = context.new_page()
    pg.dialogs = []
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    yield pg
    assert pg.dialogs == []
    context.close()


@browser_test
@pytest.mark.browser
@pytest.mark.parametrize("name", ["2021-04-01-fishermen.txt", "2021-04-03-boats.md", "2021-04-04-nets.txt",
                                  "2021-04-02-harbour.html"])
def test_a_non_ascii_name_shows_right_in_the_text_to_read(page, served, ids, name):
    page.goto(f"{served}letters/{ids[name]}/")
    page.click("text=read its text")
    page.wait_for_load_state()
    shown = page.inner_text("body")
    assert "Tomás Ojea Quintana" in shown and "TomÃ" not in shown


@browser_test
@pytest.mark.browser
def test_the_html_letter_never_runs_as_a_page(page, served, ids):
    rid = ids["2021-04-02-harbour.html"]
    page.goto(f"{served}letters/{rid}/")
    with page.expect_download() as info:
        page.click(".provenance a[download]")
    download = info.value
    assert download.suggested_filename == f"{rid}.html"
    shown = page.inner_text(".provenance code")
    assert hashlib.sha256(Path(download.path()).read_bytes()).hexdigest() == shown
    assert page.url == f"{served}letters/{rid}/"                       # downloaded, not opened
    for url in (f"{served}originals/{rid}.html.txt", f"{served}originals/{rid}.html.bin"):
        try:
            page.goto(url)
        except Exception as error:                                      # a download is not a page
            assert "Download is starting" in str(error), error
            continue
        assert page.evaluate("document.contentType") == "text/plain"
        assert "<script>window.__ran = 1" in page.inner_text("body")    # shown as text
        assert page.evaluate("window.__ran") is None and page.title() != "RAN"


# --- the bytes as received, whatever the encoding ----------------------------------------------

@pytest.mark.parametrize("encoding, bom, newline", [
    ("utf-8", b"", "\n"), ("utf-8", codecs.BOM_UTF8, "\n"), ("utf-8", b"", "\r\n"), ("utf-8", b"", "\r"),
    ("cp1252", b"", "\n"), ("shift_jis", b"", "\r\n"), ("utf-16-le", codecs.BOM_UTF16_LE, "\n"),
    ("utf-16-be", codecs.BOM_UTF16_BE, "\r\n"),
])
def test_the_editors_block_is_cut_out_of_the_bytes_exactly(encoding, bom, newline):
    body = TXT if encoding != "shift_jis" else TXT.replace("Tomás Ojea Quintana", "救う会")
    text = (FRONT + body).replace("\n", newline)
    raw = bom + text.encode(encoding)
    source = read_bytes(raw, "letters/l.txt", ".txt")
    assert source.front["title"] == "Joint letter on fishermen held without trial"
    assert source.received == bom + body.replace("\n", newline).encode(encoding)


def test_a_letter_kept_in_its_front_matter_is_published_whole():
    raw = ("---\ntitle: Fishermen\nbody: |\n" + "".join(f"  {line}\n" for line in (TXT * 3).split("\n"))
           + "---\n").encode("utf-8")
    assert read_bytes(raw, "letters/l.md", ".md").received == raw


def test_a_value_in_both_the_front_matter_and_the_sidecar_is_an_error_naming_both():
    source = read_bytes((FRONT + TXT).encode(), "letters/l.txt", ".txt",
                        sidecar=("letters/l.yaml", b"date: 2021-04-01\ntitle: Another title\n"))
    problem = next(p for p in source.problems if p.level == "error")
    assert problem.render("letters/l.txt").startswith(
        "letters/l.yaml:2: error: title: `title:` is also set in the front matter of letters/l.txt (line 2)")


def test_sidecar_mistakes_are_errors_with_the_file_line_and_fix(tmp_path):
    letters = tmp_path / "letters"
    letters.mkdir()
    (letters / "l.txt").write_text(TXT, encoding="utf-8")
    (letters / "l.yaml").write_text("---\ndate: 2021-04-01\n---\nThe letter's text does not go here.\n", encoding="utf-8")
    with pytest.raises(LetterError) as info:
        read_document(letters / "l.txt", "letters/l.txt")
    assert str(info.value).startswith("letters/l.yaml:4: a corrections file holds only `key: value` lines")
    (letters / "l.yaml").write_text("date: [2021\n", encoding="utf-8")
    with pytest.raises(LetterError, match=r"letters/l\.yaml:\d: the corrections file is not valid YAML"):
        read_document(letters / "l.txt", "letters/l.txt")
    (letters / "l.yaml").write_text("date: 2021-04-01\ntitel: Boats\nsource_notes: from the inbox\n", encoding="utf-8")
    said = [p.render("letters/l.txt") for p in read_document(letters / "l.txt", "letters/l.txt").problems]
    assert "letters/l.yaml:2: error: titel: unknown corrections-file key 'titel'" in "\n".join(said), said
    assert any(s.startswith("letters/l.yaml:3: warning: source_notes: corrections-file key") for s in said), said
    assert not any("front-matter" in s or "front matter" in s for s in said), said
    (letters / "l.yaml").write_text("date: 2021-04-01\n", encoding="utf-8")
    (letters / "l.md").write_text(TXT, encoding="utf-8")                # two documents, one sidecar
    with pytest.raises(LetterError, match=r"corrects l\.md or l\.txt"):
        read_document(letters / "l.txt", "letters/l.txt")
    (letters / "l.md").unlink()
    (letters / "l.yml").write_text("date: 2021-04-01\n", encoding="utf-8")
    with pytest.raises(LetterError, match=r"l\.yaml and l\.yml both correct l\.txt"):
        read_document(letters / "l.txt", "letters/l.txt")


def test_a_sidecar_that_corrects_no_document_is_a_warning_in_check_and_build(tmp_path):
    root = make_archive(tmp_path / "archive")
    (root / "letters" / "2020-02-13-letter-to-japan-prime-minster.yaml").write_text("date: 2020-02-14\n", encoding="utf-8")
    for command in ("check", "build"):
        proc = run([str(BIN / "letters"), command, "--root", str(root)], root)
        said = proc.stdout + proc.stderr
        assert "letters/2020-02-13-letter-to-japan-prime-minster.yaml: warning: corrects no document" in said, said
        assert "fix: give it the name of the document it corrects" in said
