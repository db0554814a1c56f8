"""What a link-preview card costs, before and after, in one run
(`python -m benchmarks.cards_speed --size 200 [--before REV]`).

Draws the card of each synthetic letter (benchmarks/synthetic.py: English, Korean and Japanese titles)
with the cards.py of git revision REV (default: where this branch left main) and with the one in the work tree; then the
work tree's at zlib levels 1 and 6 (time and bytes); then from a warm `CardCache` (what a build with
no changed letter pays). Milliseconds per card, the median of 3 runs."""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from letter_archive.site import cards

from .synthetic import _title, generate

REPO = Path(__file__).resolve().parent.parent


def old_module(rev: str):
    """cards.py as it was at `rev`, imported on its own."""
    source = subprocess.run(["git", "show", f"{rev}:scripts/letter_archive/site/cards.py"], cwd=REPO,
                            capture_output=True, text=True, check=True).stdout
    path = Path(tempfile.mkdtemp()) / "cards_before.py"
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("cards_before", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules["cards_before"] = module     # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def per_card(draw, items, runs: int = 3) -> tuple[float, int]:
    """(median ms per card, bytes per card)"""
    times, size = [], 0
    draw(items[0])     # fonts loaded once, as in a build's worker
    for _ in range(runs):
        start = time.perf_counter()
        size = sum(len(draw(item)) for item in items)
        times.append((time.perf_counter() - start) * 1000 / len(items))
    return statistics.median(times), size // len(items)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=200)
    parser.add_argument("--before", default=None, help="a git revision (default: where this branch left main)")
    args = parser.parse_args()
    args.before = args.before or subprocess.run(["git", "merge-base", "HEAD", "main"], cwd=REPO, capture_output=True,
                                                text=True, check=True).stdout.strip()[:7]
    letters = generate(args.size, REPO / "data", 1)
    facts = "13 February 2020 · To the Minister of Foreign Affairs · 54 signatories"
    titles = [_title(letter.text) or "Untitled" for letter in letters]
    languages = ["ko" if any("가" <= c <= "힣" for c in t) else "ja" if any("぀" <= c <= "ヿ" for c in t) else "en"
                 for t in titles]
    new_cards = [cards.Card(t, facts, "Open Letter Archive", lang) for t, lang in zip(titles, languages, strict=True)]
    before = old_module(args.before)
    old_cards = [before.Card(t, facts, "Open Letter Archive") for t in titles]
    rows = [(f"before ({args.before}): 800×420, built-in font, zlib 6", *per_card(before.card_png, old_cards))]
    saved = cards.COMPRESS_LEVEL
    for level in (6, 1):
        cards.COMPRESS_LEVEL = level
        rows.append((f"after: 1200×630, Noto fonts, zlib {level}", *per_card(cards.card_png, new_cards)))
    cards.COMPRESS_LEVEL = saved
    with tempfile.TemporaryDirectory() as tmp:
        cache = cards.CardCache(Path(tmp))
        for card in new_cards:
            cache.png(card)
        rows.append(("after, unchanged letter: from .cache/cards/", *per_card(cache.png, new_cards)))
    print(f"cards of {args.size} synthetic letters ({languages.count('en')} English, {languages.count('ko')} Korean, "
          f"{languages.count('ja')} Japanese titles); Python {sys.version.split()[0]}")
    for label, ms, size in rows:
        print(f"{label:<52} {ms:7.2f} ms/card  {size / 1000:6.1f} KB/card  ({ms / rows[0][1]:.2f}× before)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
