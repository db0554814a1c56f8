"""Link-preview cards: a PNG of the right size and shape for every letter, whatever its script."""

from __future__ import annotations

import io

from letter_archive.site.cards import HEIGHT, WIDTH, Card, card_png, drawable
from PIL import Image


def test_a_card_is_a_png_of_the_preview_shape_and_differs_by_letter():
    one = card_png(Card("Open letter on the rivers", "4 May 2021 · To the Minister · 12 signatories", "Archive"))
    two = card_png(Card("Open letter on the lakes", "4 May 2021 · To the Minister · 12 signatories", "Archive"))
    image = Image.open(io.BytesIO(one))
    assert image.format == "PNG" and image.size == (WIDTH, HEIGHT) and 1.85 < WIDTH / HEIGHT < 1.95
    assert one != two and len(one) < 60_000


def test_scripts_the_font_lacks_are_transliterated_not_dropped():
    assert drawable("Café — “quoted”") == "Café — “quoted”"
    assert drawable("정치범 수용소") == "jeongcibeom suyongso"
    assert drawable("拉致問題").strip() and all(ord(ch) < 0x250 for ch in drawable("拉致問題"))
    card_png(Card("拉致問題に関する共同書簡" * 5, "2 March 2021 · 日本政府 · 3 signatories", "Archive"))   # long, wraps, no error
