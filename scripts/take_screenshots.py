"""`make screenshots`: the README's pictures, taken from the built site/ in headless Chromium at a phone's
width (390 px) and a wide screen's (1280 px), so they show the site as it is now; and the review app's
(`letters review`) inbox, a review and a correction (`--review-only`: those alone).

Uses Debian's `chromium` through Playwright (installed with the test extras); serves site/ from
127.0.0.1 as `python3 -m http.server` would, under the path of site_url."""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import re
import shutil
import tempfile
import threading
from pathlib import Path
from urllib.parse import urlsplit

from letter_archive.review.app import make_server
from letter_archive.site.plan import site_url
from playwright.sync_api import sync_playwright

PHONE, WIDE = {"width": 390, "height": 844}, {"width": 1280, "height": 900}
JAPAN = "letters/2020-02-13-japans-recent-disengagement-addressing/"


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@contextlib.contextmanager
def served(site: Path, prefix: str):
    """site/ at http://127.0.0.1:PORT/<prefix>, the address the site is built for."""
    root = site.parent / ".screenshots-root"
    shutil.rmtree(root, ignore_errors=True)
    (root / prefix).parent.mkdir(parents=True, exist_ok=True)
    if prefix:
        (root / prefix.rstrip("/")).symlink_to(site.resolve(), target_is_directory=True)
    handler = functools.partial(Quiet, directory=str(root if prefix else site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/{prefix}"
    finally:
        server.shutdown()
        shutil.rmtree(root, ignore_errors=True)


def take(root: Path, out: Path, chromium: str) -> list[Path]:
    prefix = urlsplit(site_url(root)).path.strip("/")
    prefix = f"{prefix}/" if prefix else ""
    out.mkdir(parents=True, exist_ok=True)
    shots = []
    with served(root / "site", prefix) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--headless", "--no-sandbox", "--disable-gpu"])
        for name, url, size, full in (("letter-wide", JAPAN, WIDE, False), ("letter-phone", JAPAN, PHONE, False),
                                      ("home-wide", "", WIDE, False), ("home-phone", "", PHONE, False),
                                      ("search-wide", "search/?q=CSW", WIDE, False),
                                      ("search-phone", "search/?q=CSW", PHONE, False)):
            page = browser.new_page(viewport=size)
            page.goto(base + url, wait_until="networkidle")
            page.wait_for_timeout(500)       # search results render after the index loads
            shots.append(out / f"{name}.png")
            page.screenshot(path=str(shots[-1]), full_page=full)
            page.close()
        page = browser.new_page(viewport=WIDE)     # the header's search box, typed into
        page.goto(base, wait_until="networkidle")
        page.fill("#archive-q", "CSW")
        page.wait_for_timeout(1200)
        shots.append(out / "search-box-wide.png")
        page.screenshot(path=str(shots[-1]))
        browser.close()
    return shots


# A made-up letter with no demand: the review app doubts it, and the correction screenshot adds one.
DOUBTED = """14 April 2023

Dear Mayor Ortiz,

Re: The Elm valley floods

The floods of last week destroyed the homes of many families in the Elm valley. Our members worked
through the night to bring food and blankets to those who lost everything.

Sincerely,

Elm Valley Relief Network
Riverside Readers Club
"""


def take_review(root: Path, out: Path, chromium: str) -> list[Path]:
    """The review app (`letters review`) on a copy of the archive's letters plus DOUBTED, in a temporary
    folder (nothing of the archive is written): its inbox, a review with a field's lines lit up, a correction."""
    shots = []
    with tempfile.TemporaryDirectory(prefix="review-shots-") as work:
        copy = Path(work) / "archive"
        for name in ("mkdocs.yml", "overrides", "data", "letters", "scripts/letter_archive/site/mkdocs_hooks.py"):
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            (shutil.copytree if (root / name).is_dir() else shutil.copy)(root / name, copy / name)
        (copy / "letters" / "2023-04-14-elm-valley-floods.txt").write_text(DOUBTED, encoding="utf-8")
        server, app = make_server(copy, 0)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{app.port}/"
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=chromium, args=["--headless", "--no-sandbox", "--disable-gpu"])
                page = browser.new_page(viewport=WIDE)
                page.goto(base)
                shots.append(out / "review-inbox.png")
                page.screenshot(path=str(shots[-1]))
                page.goto(base + "letter?file=letters/2020-02-21-letter-to-south-korea-president.txt")
                page.click("#field-signatories a.source")
                page.wait_for_timeout(300)
                shots.append(out / "review-letter.png")
                page.screenshot(path=str(shots[-1]))
                page.goto(base + "letter?file=letters/2023-04-14-elm-valley-floods.txt")
                form = page.locator("#field-demands form")
                form.locator("button[data-act=add]").click()
                form.locator("textarea[name=demand]").last.fill("Rebuild the lost homes before the winter.")
                form.locator("button[type=submit]").click()
                page.wait_for_url(re.compile("saved=demands"))
                page.wait_for_timeout(300)
                shots.append(out / "review-correction.png")
                page.screenshot(path=str(shots[-1]))
                browser.close()
        finally:
            server.shutdown()
            server.server_close()
            app.previewer.close()
    return shots


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=Path("."), help="the archive (default: here)")
    parser.add_argument("--out", type=Path, default=Path("screenshots"))
    parser.add_argument("--chromium", default=shutil.which("chromium") or shutil.which("chromium-browser") or "chromium")
    parser.add_argument("--review-only", action="store_true", help="only the review app's pictures (no built site needed)")
    args = parser.parse_args()
    shots = [] if args.review_only else take(args.root, args.out, args.chromium)
    for shot in shots + take_review(args.root, args.out, args.chromium):
        print(shot)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
