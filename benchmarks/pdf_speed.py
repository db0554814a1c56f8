"""PDF extraction speed (issue 16's target: 50 letters/s or more for 3-page letters), printed by
`make bench`: N letters made by benchmarks/documents.py (a letterhead column, running header and
footer, page numbers, hyphenation, a footnote, a signatory table over a page break: 3 pages each),
written to a letters/ folder and loaded as `letters build` loads them - on every core, each PDF read
by the isolated reader (a forked child with its limits), then extracted. Also the same on one process,
letters per CPU second (what an idle core would do: on a shared machine the wall-clock rates say as
much about the other users), and the reader's CPU time per page.

    python -m benchmarks.pdf_speed [--letters 100]"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from letter_archive.archive import load
from letter_archive.readers.binary import read_any, reset_worker

from .documents import LETTERHEAD, letter_pdf, sample_letter


def three_page_letters(n: int) -> list[bytes]:
    """n different 3-page letters (the signature list's length varies a little)."""
    return [letter_pdf(sample_letter(paragraphs=10, signatories=60 + k % 10), letterhead=LETTERHEAD,
                       hyphenate=2, footnote=True) for k in range(n)]


def measure(n: int = 100) -> dict[str, float]:
    letters = three_page_letters(n)
    with tempfile.TemporaryDirectory(prefix="letters-pdf-bench-") as tmp:
        root = Path(tmp)
        (root / "letters").mkdir()
        for k, raw in enumerate(letters):
            (root / "letters" / f"letter-{k:04d}.pdf").write_bytes(raw)
        rates = {}
        for label, workers in (("one process", 1), ("every core", None)):
            reset_worker()
            start, cpu_start = time.perf_counter(), os.times()
            docs = load(root, workers=workers)
            reset_worker()                      # the isolated reader ends: its CPU time is counted
            wall, cpu_end = time.perf_counter() - start, os.times()
            cpu = sum(cpu_end[:4]) - sum(cpu_start[:4])   # this process and every child it waited for
            rates[label], rates[label + " cpu"] = n / wall, n / cpu
            assert all(d.extraction and d.extraction.origin["pages"] == 3 for d in docs), \
                [str(d.error) for d in docs if not d.extraction][:3] or "the letters do not have 3 pages"
    cpu = []
    for k, raw in enumerate(letters[:10]):   # the reader alone, in this process
        t = time.process_time()
        read_any(raw, f"letters/{k}.pdf", ".pdf")
        cpu.append(time.process_time() - t)
    return {"extract PDF letters/s (3 pages)": rates["every core"],
            "  on one process": rates["one process"],
            "  per CPU second (one process)": rates["one process cpu"],
            "  PDF reader CPU ms/page": statistics.median(cpu) * 1000 / 3}


def render(result: dict[str, float]) -> str:
    width = max(len(k) for k in result) + 2
    return "\n".join(f"{k:<{width}}{v:>12,.1f}" for k, v in result.items())


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.pdf_speed", description=__doc__)
    p.add_argument("--letters", type=int, default=100)
    args = p.parse_args(argv)
    print(render(measure(args.letters)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
