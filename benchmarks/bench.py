"""The benchmark (`make bench`, or `python -m benchmarks.bench --sizes 100 1000`): build synthetic
archives of N letters and print what it cost.

For each N: extraction rate, the build steps (seconds and peak memory of each process, as the
kernel reports it through wait4), the same docs/ built by plain Material with its search plugin and
the ratio of our build to it (issue 25), site size, the HTML of a letter page, an incremental rebuild
after one letter changes and after one is added, and, in headless Chromium against 127.0.0.1, the bytes a first search downloads
and the milliseconds until its results show. Then the growth of build time between the sizes,
against the smallest size as the baseline measured in the same run. Last, the extraction rate of 3-page
PDF letters (benchmarks/pdf_speed.py)."""

from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import http.server
import io
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from letter_archive.archive import load
from letter_archive.link.permalinks import derive_id

from . import pdf_speed
from .relevance import Letter, letter_path, score, truth
from .synthetic import _title, generate, write

SKELETON = ("mkdocs.yml", "overrides", "data", "docs/about.md", "scripts/letter_archive/site/mkdocs_hooks.py")
COMMON_QUERY = "detention"   # a word in most letters: the most index and results to load
PHRASE_QUERY = "arbitrary detention"   # two words, one of them common, that the letters also hold as a phrase


def copy_skeleton(repo: Path, target: Path) -> None:
    """What a site is built from besides its letters: configuration, theme, data, hook."""
    for name in SKELETON:
        src, dst = repo / name, target / name
        dst.parent.mkdir(parents=True, exist_ok=True)
        (shutil.copytree if src.is_dir() else shutil.copy)(src, dst)


def make_archive(repo: Path, target: Path, n: int, seed: int) -> None:
    """The repository's site configuration with N synthetic letters and empty permalink registries."""
    copy_skeleton(repo, target)
    for registry in ("permalinks.yaml", "signatory-permalinks.yaml"):
        (target / "data" / registry).unlink(missing_ok=True)
    write(generate(n, repo / "data", seed), target / "letters")


# Runs a command as its own child and writes that child's peak memory (KiB) to the file named first.
# A process forked from this benchmark starts with the benchmark's own peak (Linux keeps the high-water
# mark across fork and exec), which had floored every step's figure at the benchmark's size (95 MiB
# at 100 letters, far more at 10,000, where it holds every record); a small interpreter in between
# lowers that floor to its own ~10 MiB.
PEAK = ("import os, sys\npid = os.fork()\nif pid == 0:\n    os.execvp(sys.argv[2], sys.argv[2:])\n"
        "_, status, usage = os.wait4(pid, 0)\nopen(sys.argv[1], 'w').write(str(usage.ru_maxrss))\n"
        "sys.exit(os.waitstatus_to_exitcode(status))")


def timed(args: list[str], cwd: Path) -> tuple[float, float]:
    """(seconds, peak resident memory in MiB) of one command (with the processes it waited for); fails
    loudly with its output."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1577836800"}
    with tempfile.NamedTemporaryFile(prefix="bench-peak-", delete=False) as peak:
        pass
    try:
        start = time.perf_counter()
        proc = subprocess.run([sys.executable, "-I", "-S", "-c", PEAK, peak.name, *args], cwd=cwd, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        seconds = time.perf_counter() - start
        if proc.returncode != 0:
            raise SystemExit(f"{' '.join(args)} failed:\n{proc.stdout.decode(errors='replace')[-3000:]}")
        return seconds, int(Path(peak.name).read_text() or 0) / 1024
    finally:
        os.unlink(peak.name)


def plain_material_config(root: Path) -> str:
    """The archive's mkdocs.yml as plain Material would build the same docs/: Material's own templates (no
    overrides/), its search plugin, no hook; same pages, nav and Markdown extensions."""
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"(?m)^  custom_dir:.*\n", "", config)
    config = re.sub(r"(?m)^hooks:\n(?:  - .*\n)+", "", config)
    config = re.sub(r"(?m)^plugins:.*$", "plugins: [search]", config)
    config = re.sub(r"(?m)^site_dir:.*$", "site_dir: site-plain", config)
    config = re.sub(r"(?m)^extra_(?:css|javascript):\n(?:  - .*\n)+", "", config)
    return config


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


# What static hosts allow (README, "Publish"): GitHub Pages a published site of at most 1 GB;
# Cloudflare Pages 20,000 files a site on the free plan (100,000 on paid plans) and 25 MiB a file;
# Netlify no limit on files, but at most 54,000 in one folder.
HOSTS = {"GitHub Pages": "site MB <= 1000", "Cloudflare Pages (free)": "site files <= 20000, largest file MB <= 26.2",
         "Cloudflare Pages (paid)": "site files <= 100000, largest file MB <= 26.2", "Netlify": "largest folder (files) <= 54000"}


def host_rows(site: Path) -> dict[str, float]:
    """Files and bytes as hosts count them: in all, by part of the site, the largest file and folder."""
    files = [p for p in site.rglob("*") if p.is_file()]
    row: dict[str, float] = {"site files": len(files)}
    for part in ("letters", "originals", "signatories", "pagefind", "feeds", "data"):
        row[f"  {part} files"] = sum(1 for p in files if p.relative_to(site).parts[0] == part)
    row["feeds MB"] = folder_bytes(site / "feeds") / 1e6
    row["data exports MB"] = folder_bytes(site / "data") / 1e6
    row["largest file MB"] = max((p.stat().st_size for p in files), default=0) / 2**20
    row["largest folder (files)"] = max((len(list(d.iterdir())) for d in [site, *site.rglob("*")] if d.is_dir()), default=0)
    return row


def fits(row: dict[str, float]) -> list[str]:
    """The hosts whose limits the site is within."""
    ok = []
    for host, rule in HOSTS.items():
        checks = [part.rsplit(" <= ", 1) for part in rule.split(", ")]
        if all(row.get(name, 0) <= float(limit) for name, limit in checks):
            ok.append(host)
    return ok


class _StaticHost(http.server.SimpleHTTPRequestHandler):
    """A static host as sites are published on (GitHub Pages, Netlify…): text compressed with gzip
    when the browser accepts it. Pagefind's index files are compressed already and go as they are."""

    COMPRESS = (".html", ".js", ".css", ".json", ".svg")

    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            path = os.path.join(path, "index.html")
        if not path.endswith(self.COMPRESS) or "gzip" not in self.headers.get("Accept-Encoding", "") \
                or not os.path.isfile(path):
            return super().send_head()
        with open(path, "rb") as f:
            body = gzip.compress(f.read(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, *args) -> None:
        pass


@contextlib.contextmanager
def serve(folder: Path, handler: type[http.server.SimpleHTTPRequestHandler] | None = None):
    """The folder on 127.0.0.1 (as static hosts serve it, or with the handler given), at the URL yielded."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler or _StaticHost, directory=str(folder)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()


def measure_search(site: Path, queries: tuple[str, ...], runs: int = 5,
                   letters: list | None = None) -> dict[str, float] | None:
    """Bytes and milliseconds of a first search from the home page, per query, over `runs` fresh pages
    (median, fastest and slowest: one sample moved by 0.1 s from run to run); with `letters` (each
    letter's URL and own text), the recall and precision of all the query's results against the
    letters that hold its words (benchmarks/relevance.py). None without Chromium."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        return None
    from playwright.sync_api import sync_playwright
    figures: dict[str, float] = {}
    with serve(site) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--headless", "--no-sandbox", "--disable-gpu"])
        for query in queries:
            times: list[float] = []
            kbs: list[float] = []
            for _ in range(runs):
                page = browser.new_page()          # a fresh page: nothing of Pagefind cached yet
                page.goto(url, wait_until="networkidle")
                sizes: list[int] = []
                page.on("requestfinished", lambda r, sizes=sizes: sizes.append(r.sizes()["responseBodySize"]))
                # Timed in the page, from the moment the search box gets focus (Pagefind starts loading
                # then) to the moment the first result is in the DOM: a test driver's polling would add
                # up to half a second of its own.
                page.evaluate("""() => {
                  window.__searchStart = null; window.__searchShown = null;
                  document.querySelector('#archive-q').addEventListener('focus',
                    () => { window.__searchStart = window.__searchStart || performance.now(); }, true);
                  new MutationObserver((_, observer) => {
                    if (document.querySelector('.archive-search__title')) {
                      window.__searchShown = performance.now(); observer.disconnect();
                    }
                  }).observe(document.body, {childList: true, subtree: true});
                }""")
                page.fill("#archive-q", query)
                page.wait_for_function("window.__searchShown !== null", timeout=30000)
                times.append(page.evaluate("window.__searchShown - window.__searchStart"))
                page.wait_for_load_state("networkidle")
                kbs.append(sum(sizes) / 1024)
                page.close()
            figures[f"kb:{query}"] = statistics.median(kbs)
            figures[f"ms:{query}"] = statistics.median(times)
            figures[f"ms min:{query}"], figures[f"ms max:{query}"] = min(times), max(times)
            if letters is not None:

                page = browser.new_page()
                page.goto(url, wait_until="networkidle")
                found = page.evaluate("q => window.archiveSearch(q)", query)
                page.close()
                figures[f"recall:{query}"], figures[f"precision:{query}"] = \
                    score([letter_path(u) for u in found], truth(letters, query))
        browser.close()
    return figures


def measure_serve(root: Path, letter: Path) -> float:
    """Seconds from saving a letter to `mkdocs serve` (as `make serve` runs it) serving the new text."""
    # serve builds into a temporary folder that it deletes only on Ctrl-C, which a background job
    # ignores: it gets a temporary folder of its own, deleted here (each run had left ~100 MB)
    with tempfile.TemporaryDirectory(prefix="bench-serve-") as tmp:
        return _measure_serve(root, letter, {**os.environ, "NO_MKDOCS_2_WARNING": "1", "TMPDIR": tmp})


def _measure_serve(root: Path, letter: Path, env: dict[str, str]) -> float:
    import urllib.request
    port = 8700 + os.getpid() % 200
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dirty", "--no-strict", "--watch", "letters",
                             "--watch", "data", "-a", f"127.0.0.1:{port}"], cwd=root, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}/open-letter-archive/"
        timeline = base + "timeline/"
        for _ in range(1200):                  # the first full build of serve itself
            with contextlib.suppress(OSError):
                if urllib.request.urlopen(timeline, timeout=5).status == 200:
                    break
            time.sleep(0.25)
        marker = f"Zzbench{os.getpid()}x{time.time_ns() % 10**6}"   # new each run: never already on the page
        text = letter.read_text(encoding="utf-8")
        time.sleep(1.5)
        start = time.perf_counter()
        letter.write_text(text.replace("Re: ", f"Re: {marker} ", 1), encoding="utf-8")
        while time.perf_counter() - start < 120:
            with contextlib.suppress(OSError):
                if marker in urllib.request.urlopen(timeline, timeout=5).read().decode():
                    return time.perf_counter() - start
            time.sleep(0.1)
        return float("nan")
    finally:
        proc.terminate()
        proc.wait()
        if "text" in locals():
            letter.write_text(text, encoding="utf-8")


def bench_one(repo: Path, work: Path, n: int, seed: int, browser: bool, serve_up_to: int,
              plain_up_to: int = 10**9) -> dict[str, float]:
    root = work / f"n{n}"
    make_archive(repo, root, n, seed)
    bin_dir = Path(sys.executable).parent
    row: dict[str, float] = {}
    start = time.perf_counter()
    docs = load(root)
    row["extract letters/s"] = n / (time.perf_counter() - start)
    assert all(d.ok for d in docs), [str(d.error or d.extraction.problems) for d in docs if not d.ok][:3]
    row["letters build s"], mem1 = timed([str(bin_dir / "letters"), "build", "--root", str(root)], root)
    row["mkdocs build s"], mem2 = timed([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"], root)
    row["post-build s"], mem4 = timed([str(bin_dir / "letters"), "post-build", "site"], root)
    row["search index s"], mem3 = timed([str(bin_dir / "letters"), "search-index", "site"], root)
    row["total build s"] = row["letters build s"] + row["mkdocs build s"] + row["post-build s"] + row["search index s"]
    row["peak memory MiB"] = max(mem1, mem2, mem3, mem4)
    row["  letters build MiB"], row["  mkdocs build MiB"], row["  search index MiB"] = mem1, mem2, mem3
    row["  post-build MiB"] = mem4
    if n <= plain_up_to:
        # the same docs/ through plain Material with its search plugin (which indexes every page):
        # what our own rendering and search index must beat (issue 25)
        (root / "mkdocs-plain.yml").write_text(plain_material_config(root), encoding="utf-8")
        row["plain Material + search s"], row["  plain Material MiB"] = timed(
            [sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", "mkdocs-plain.yml"], root)
        shutil.rmtree(root / "site-plain", ignore_errors=True)
        ours = row["mkdocs build s"] + row["post-build s"] + row["search index s"]
        row["site from docs/ vs plain Material x"] = ours / row["plain Material + search s"]
        row["total build vs plain Material x"] = row["total build s"] / row["plain Material + search s"]
    site = root / "site"
    row["site MB"] = folder_bytes(site) / 1e6
    row["pagefind MB"] = folder_bytes(site / "pagefind") / 1e6
    row.update(host_rows(site))
    pages = [p.stat().st_size for p in (site / "letters").glob("*/index.html")]
    row["letter page KB (median)"] = statistics.median(pages) / 1024
    row["letter page KB (max)"] = max(pages) / 1024
    # Incremental: change one letter's text; the next build rewrites only the pages that show it.
    letter = sorted((root / "letters").glob("*.txt"))[n // 2]
    letter.write_text(letter.read_text(encoding="utf-8").replace("Thank you", "We thank you", 1), encoding="utf-8")
    row["rebuild 1 letter s"], _ = timed([str(bin_dir / "letters"), "build", "--root", str(root)], root)
    out = subprocess.run([str(bin_dir / "letters"), "build", "--root", str(root)], capture_output=True, text=True)
    assert " 0 written" in out.stdout, out.stdout                    # and a second run writes nothing
    # A new letter (the caches kept): its page, and every page that lists it, written
    new = root / "letters" / "zz-bench-new-letter.txt"
    new.write_text(letter.read_text(encoding="utf-8").replace("Re: ", "Re: Zznew ", 1), encoding="utf-8")
    row["rebuild + 1 new letter s"], _ = timed([str(bin_dir / "letters"), "build", "--root", str(root)], root)
    if browser:
        generated = generate(n, repo / "data", seed)
        rare = generated[n // 3].text.split("\n")[-2].split(",")[0].split("\t")[0]
        name = re.sub(r"\s*\([^()]*\)$", "", rare.lstrip("0123456789. "))   # without its "(Country)"
        # the truth: each generated letter's own text, at the URL its id gives it

        letters = [Letter(f"letters/{derive_id(g.truth['date'], _title(g.text), '')}/", g.text, set()) for g in generated]
        # a word in many letters; a signatory's name; two words, one of them common
        search = measure_search(site, (COMMON_QUERY, name, PHRASE_QUERY), letters=letters)
        for label, query in (("a word", COMMON_QUERY), ("a name", name), ("a phrase", PHRASE_QUERY)):
            if search:
                row[f"search {label}: KB"] = search[f"kb:{query}"]
                row[f"search {label}: ms"] = search[f"ms:{query}"]
                row[f"search {label}: ms fastest"] = search[f"ms min:{query}"]
                row[f"search {label}: ms slowest"] = search[f"ms max:{query}"]
                row[f"search {label}: recall"] = search[f"recall:{query}"]
                row[f"search {label}: precision"] = search[f"precision:{query}"]
    if n <= serve_up_to:
        row["serve shows an edit s"] = measure_serve(root, letter)
    return row


def render(rows: dict[int, dict[str, float]]) -> str:
    sizes = sorted(rows)
    names = list(dict.fromkeys(k for r in rows.values() for k in r))
    width = max(len(k) for k in names) + 2
    lines = [f"{'N letters':<{width}}" + "".join(f"{n:>12,}" for n in sizes)]
    for name in names:
        digits = 3 if name.endswith(("recall", "precision")) else 2 if name.endswith(" x") else 1
        cells = "".join((f"{rows[n][name]:>12,}" if isinstance(rows[n][name], int) else f"{rows[n][name]:>12,.{digits}f}")
                        if name in rows[n] else f"{'—':>12}" for n in sizes)
        lines.append(f"{name:<{width}}{cells}")
    for n in sizes:
        if "site files" in rows[n]:
            lines.append(f"{n:,} letters fit: {', '.join(fits(rows[n])) or 'none of the hosts'} "
                         f"(not: {', '.join(h for h in HOSTS if h not in fits(rows[n])) or '—'})")
    for small, large in zip(sizes, sizes[1:], strict=False):   # each size against the one before, in this run
        ratio = rows[large]["total build s"] / rows[small]["total build s"]
        lines.append(f"growth of total build time {small:,} -> {large:,} letters: {ratio:.1f}x "
                     f"for {large / small:.0f}x the letters")
    return "\n".join(lines)


def main(args: argparse.Namespace) -> int:
    repo = Path(args.root).resolve()
    work_parent = Path(args.workdir) if args.workdir else None
    with tempfile.TemporaryDirectory(prefix="letters-bench-", dir=work_parent) as tmp:
        rows: dict[int, dict[str, float]] = {}
        for n in args.sizes:
            print(f"… {n:,} letters", file=sys.stderr, flush=True)
            rows[n] = bench_one(repo, Path(tmp), n, args.seed, not args.no_browser, args.serve_up_to, args.plain_up_to)
            print(render(rows), file=sys.stderr, flush=True)
    print(f"letters bench: {os.cpu_count()} cores, Python {sys.version.split()[0]}, seed {args.seed}")
    print(render(rows))
    if args.pdf_letters:
        print(pdf_speed.render(pdf_speed.measure(args.pdf_letters)))
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m benchmarks.bench", description=__doc__)
    p.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--root", default=".", help="the repository (its site configuration is copied)")
    p.add_argument("--workdir", help="where to build the archives (default: a temporary folder)")
    p.add_argument("--no-browser", action="store_true", help="skip the search measurement in Chromium")
    p.add_argument("--serve-up-to", type=int, default=1000, help="measure `make serve` for sizes up to this")
    p.add_argument("--plain-up-to", type=int, default=10**9,
                   help="build the same pages with plain Material and its search plugin for sizes up to this")
    p.add_argument("--pdf-letters", type=int, default=100, help="3-page PDF letters for the PDF extraction rate (0: skip)")
    return p


if __name__ == "__main__":
    sys.exit(main(parser().parse_args()))
