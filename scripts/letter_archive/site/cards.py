"""Link-preview cards: a small PNG per letter (title, date, addressee, how many signed), drawn at build
time with Pillow, so a link to a letter shows what it is wherever it is shared, without any service.

Pillow is the imaging library Python projects use; its built-in font (Aileron, Latin script) needs no
font file on the machine. Text in a script that font lacks (Korean, Japanese, Chinese, Cyrillic…) is
transliterated with text-unidecode (already installed by python-slugify): a card shows "Jeongchibeom",
never empty boxes. 800 × 420 pixels: large enough for every network's large preview (1.91:1), small
enough to draw in a few milliseconds and weigh about 20 KB."""

from __future__ import annotations

import io
import textwrap
from dataclasses import dataclass
from functools import cache

from PIL import Image, ImageDraw, ImageFont
from text_unidecode import unidecode

WIDTH, HEIGHT = 800, 420
MARGIN = 40
BACKGROUND, BAND, INK, MUTED, ON_BAND = 246, 38, 20, 70, 255   # grey levels: one channel, small files


KEPT = "–—‘’“”…·•"                      # punctuation the font has beyond Latin


@dataclass(frozen=True)
class Card:
    title: str
    facts: str          # "13 February 2020 · To Shinzo Abe · 54 signatories"
    site_name: str


@cache
def _font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.load_default(size=size)


def drawable(text: str) -> str:
    """The text in the characters the built-in font has: Latin as written, anything else transliterated."""
    return "".join(ch if ord(ch) < 0x250 or ch in KEPT else unidecode(ch) for ch in text)


def card_png(card: Card) -> bytes:
    image = Image.new("L", (WIDTH, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, WIDTH, 64), fill=BAND)
    draw.text((MARGIN, 18), drawable(card.site_name), font=_font(24), fill=ON_BAND)
    lines = textwrap.wrap(drawable(card.title), 36) or [""]
    if len(lines) > 4:
        lines = lines[:4]
        lines[-1] = lines[-1][:33].rstrip() + "…"
    y = 100
    for line in lines:
        draw.text((MARGIN, y), line, font=_font(38), fill=INK)
        y += 48
    facts = textwrap.wrap(drawable(card.facts), 62)[:2]
    for n, line in enumerate(facts):
        draw.text((MARGIN, HEIGHT - 40 - 30 * (len(facts) - n)), line, font=_font(22), fill=MUTED)
    out = io.BytesIO()
    image.save(out, "PNG", compress_level=6)
    return out.getvalue()
