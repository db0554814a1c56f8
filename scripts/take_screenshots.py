"""`make screenshots`: the README's pictures, taken from the built site/ in headless Chromium at a phone's
width (390 px) and a wide screen's (1280 px), so they show the site as it is now.

Uses Debian's `chromium` through Playwright (installed with the test extras); serves site/ from
127.0.0.1 as `python3 -m http.server` would, under the path of site_url."""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import shutil
import threading
from pathlib import Path
from urllib.parse import urlsplit

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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=Path("."), help="the archive (default: here)")
    parser.add_argument("--out", type=Path, default=Path("screenshots"))
    parser.add_argument("--chromium", default=shutil.which("chromium") or shutil.which("chromium-browser") or "chromium")
    args = parser.parse_args()
    for shot in take(args.root, args.out, args.chromium):
        print(shot)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
