"""What an editor waits for in `letters review` at N letters (README, "For editors"):
`python -m benchmarks.review_speed --size 1000`.

A synthetic archive of N letters (the benchmark's generator), the review app on a free port, headless
Chromium: the inbox (first with a cold extraction cache, then warm), a file dropped on the inbox until
its reviewed record shows, and a correction saved until the preview shows it (the first preview loads
MkDocs' theme, so the preview is opened once before)."""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

from letter_archive.review.app import make_server
from playwright.sync_api import sync_playwright

from .bench import make_archive

DROPPED = """3 September 2022

Minister Jonas Berg
Ministry of Transport

Re: Repair the Millford bridge {n}

Dear Minister Berg,

We call on you to repair the Millford bridge before the winter and to publish the engineers' report.

Yours sincerely,

Millford Cyclists
Millford Chamber of Commerce
"""


def measure(root: Path, chromium: str, runs: int) -> dict[str, list[float]]:
    server, app = make_server(root, 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{app.port}/"
    times: dict[str, list[float]] = {"inbox, cold cache": [], "inbox": [], "drop to reviewed record": [],
                                     "save to updated preview": []}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=["--headless", "--no-sandbox", "--disable-gpu"])
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.set_default_timeout(600_000)    # the cold inbox extracts every letter
            for key in ("inbox, cold cache", "inbox"):
                start = time.perf_counter()
                page.goto(url)
                times[key].append(time.perf_counter() - start)
            page.goto(url + "preview?file=" + urllib.parse.quote(f"letters/{sorted((root / 'letters').iterdir())[0].name}"))
            for n in range(runs):
                dropped = root.parent / f"dropped letter {n}.txt"
                dropped.write_text(DROPPED.format(n=n + 1), encoding="utf-8")
                page.goto(url)
                start = time.perf_counter()
                page.set_input_files("#import-file", str(dropped))
                page.wait_for_url(re.compile(r"/letter\?file="))
                page.locator("#field-title").wait_for()
                times["drop to reviewed record"].append(time.perf_counter() - start)

                form = page.locator("#field-title form")
                form.locator("input[name=value]").fill(f"Repair the Millford bridge now {n}")
                start = time.perf_counter()
                form.locator("button[type=submit]").click()
                page.wait_for_url(re.compile(r"saved=title"))
                page.goto(page.url.split("&")[0].replace("/letter?", "/preview?"))
                page.get_by_text(f"Repair the Millford bridge now {n}").first.wait_for()
                times["save to updated preview"].append(time.perf_counter() - start)
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
        app.previewer.close()
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--chromium", default=shutil.which("chromium") or "chromium")
    args = parser.parse_args()
    repo = Path(__file__).resolve().parents[1]
    with tempfile.TemporaryDirectory(prefix="review-speed-") as work:
        root = Path(work) / "archive"
        make_archive(repo, root, args.size, 1)
        times = measure(root, args.chromium, args.runs)
    print(f"letters review at {args.size:,} letters (seconds; median, fastest, slowest of {args.runs} unless one):")
    for key, values in times.items():
        print(f"  {key:28} {statistics.median(values):6.2f} {min(values):6.2f} {max(values):6.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
