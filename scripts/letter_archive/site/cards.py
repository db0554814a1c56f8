"""Link-preview cards: a PNG per letter (title, date, addressee, how many signed), drawn at build time
with Pillow, so a link to a letter shows what it is wherever it is shared, without any service.

**Size and type.** 1200 × 630 pixels, declared `twitter:card` `summary_large_image` with
`og:image:width`/`og:image:height`: the size Open Graph consumers (Facebook, LinkedIn, Slack…) show
large (1.91:1, at least 600 × 315) and that X crops least for a large summary card (2:1, at least
300 × 157). A PDF letter's card carries its first page, as drawn by the reader, on its right; the
portrait page alone (480 × 679) is not a large-preview image. `card_type` says which card type an
image of a given size may be declared as, for the page head (overrides/main.html).

**Fonts.** Every script of the archive's languages is drawn with a Noto font shipped by a pinned
PyPI package (`make build`'s venv installs them; no root, no download at build time):
Noto Sans (`fontpkg-noto-sans`: Latin, Cyrillic, Greek), Noto Sans Arabic
(`fontpkg-noto-sans-arabic`), and Noto Sans CJK (`noto-cjk-sans-otc`: one collection with the
Japanese, Korean, Simplified and Traditional Chinese faces). Where one of those packages is missing,
Debian's copy of the same font is used if installed (`fonts-noto-core`, `fonts-noto-cjk`). The font
of a text is chosen by its characters: Arabic letters → Arabic; kana → Japanese; Hangul → Korean;
Han characters alone → the letter's language (`ja` Japanese, `ko` Korean, `zh-Hant`/`zh-TW`/`zh-HK`
Traditional, any other Simplified), since one character is drawn differently in each; anything else →
Noto Sans. Only a character that no font has (Hebrew, Devanagari, emoji…) is transliterated
(text-unidecode), so a card never shows empty boxes. Arabic is joined and laid right to left by
libraqm (Pillow's wheels carry it; it needs Debian's libfribidi0 at run time): without it
(`features.check("raqm")` false), Arabic letters would be drawn unjoined and in reverse order, so they
are transliterated instead, as every script was before.

**Speed.** A card is drawn once: `CardCache` keeps it under a hash of its inputs (the title, the line
of facts, the site's name, the language, the first page's bytes) in a folder named by everything else
that shapes it (this file, the fonts, Pillow's version, libraqm), so an edit elsewhere in the site's
code redraws no card. PNG in 16 grey levels at zlib level 1 (`COMPRESS_LEVEL`, `GREYS`, chosen by
measurement: benchmarks/cards_speed.py)."""

from __future__ import annotations

import hashlib
import io
import re
import shutil
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import metadata, util
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont, features
from text_unidecode import unidecode

WIDTH, HEIGHT = 1200, 630
BAND = 96                       # the dark band with the site's name
MARGIN = 60
PAGE_HEIGHT = HEIGHT - BAND - 2 * 36    # a PDF's first page, on the right
TITLE_SIZE, TITLE_LEADING, TITLE_LINES = 56, 74, 4
FACTS_SIZE, FACTS_LEADING, FACTS_LINES = 32, 44, 2
NAME_SIZE = 36
BACKGROUND, BAND_GREY, INK, MUTED, ON_BAND = 238, 34, 17, 68, 255   # grey levels (of the 16 in GREYS): one channel
COMPRESS_LEVEL = 1              # benchmarks/cards_speed.py: level 1 vs 6, per card
# 16 grey levels (text's edges need no more): at zlib level 1 as small as 256 levels at level 6
GREYS = [min(255, round(v / 17) * 17) for v in range(256)]
SHAPING = features.check("raqm")   # libraqm: Arabic joined and right to left


@dataclass(frozen=True)
class Card:
    title: str
    facts: str          # "13 February 2020 · To Shinzo Abe · 54 signatories"
    site_name: str
    language: str | None = None   # the letter's (record.language): which CJK glyphs Han characters take
    page: bytes | None = None     # a PDF's first page (PNG), drawn on the card's right


# face -> where it may be: (PyPI package, file in it, index in the file), then Debian's file
CJK = ("noto_cjk_sans_otc", "NotoSansCJK-Regular.ttc")
CJK_DEBIAN = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
FACES: dict[str, tuple[tuple[str, str, int], tuple[str, int]]] = {
    "latin": (("fontpkg_noto_sans", "files/NotoSans[wdth,wght].ttf", 0),
              ("/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf", 0)),
    "arabic": (("fontpkg_noto_sans_arabic", "files/NotoSansArabic[wdth,wght].ttf", 0),
               ("/usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf", 0)),
    # the collection's faces: 0 Japanese, 1 Korean, 2 Simplified Chinese, 3 Traditional Chinese
    "ja": ((*CJK, 0), (CJK_DEBIAN, 0)),
    "ko": ((*CJK, 1), (CJK_DEBIAN, 1)),
    "zh-hans": ((*CJK, 2), (CJK_DEBIAN, 2)),
    "zh-hant": ((*CJK, 3), (CJK_DEBIAN, 3)),
}


@cache
def font_file(face: str) -> tuple[str, int] | None:
    """(file, index) of a face: the PyPI package's, else Debian's, else None."""
    (package, name, index), (debian, debian_index) = FACES[face]
    spec = util.find_spec(package)
    if spec and spec.origin:
        path = Path(spec.origin).parent / name
        if path.exists():
            return str(path), index
    return (debian, debian_index) if Path(debian).exists() else None


@cache
def _font(face: str, size: int) -> ImageFont.FreeTypeFont:
    found = font_file(face) or font_file("latin")
    if found is None:
        return ImageFont.load_default(size=size)
    return ImageFont.truetype(found[0], size, index=found[1],
                              layout_engine=ImageFont.Layout.RAQM if SHAPING else ImageFont.Layout.BASIC)


def fonts_identity() -> str:
    """What the fonts are, for the cache: each face's file, size, and the package that ships it."""
    out = [f"pillow={Image.__version__};raqm={SHAPING}"]
    for face in FACES:
        found = font_file(face)
        if found:
            package = FACES[face][0][0]
            try:
                version = metadata.version(package.replace("_", "-"))
            except metadata.PackageNotFoundError:
                version = "debian"
            out.append(f"{face}={Path(found[0]).name}:{found[1]}:{Path(found[0]).stat().st_size}:{version}")
    return ";".join(out)


# -- scripts -----------------------------------------------------------------------------------------

def script_of(ch: str) -> str:
    """'arabic', 'hebrew', 'kana', 'hangul', 'han' or 'other' (Latin, Cyrillic, Greek, digits, punctuation…)."""
    o = ord(ch)
    if 0x0600 <= o <= 0x08FF or 0xFB50 <= o <= 0xFDFF or 0xFE70 <= o <= 0xFEFF:
        return "arabic"
    if 0x0590 <= o <= 0x05FF or 0xFB1D <= o <= 0xFB4F:
        return "hebrew"
    if 0x3040 <= o <= 0x30FF or 0x31F0 <= o <= 0x31FF or 0xFF66 <= o <= 0xFF9F:
        return "kana"
    if 0x1100 <= o <= 0x11FF or 0x3130 <= o <= 0x318F or 0xAC00 <= o <= 0xD7AF:
        return "hangul"
    if 0x3400 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0x20000 <= o <= 0x3FFFF:
        return "han"
    return "other"


def face_for(text: str, language: str | None = None) -> str:
    """The face a text is drawn in, from its characters (and, for Han characters alone, the language)."""
    scripts = {script_of(ch) for ch in text}
    if "arabic" in scripts and SHAPING:
        return "arabic"
    if "kana" in scripts:
        return "ja"
    if "hangul" in scripts:
        return "ko"
    if "han" in scripts:
        lang = (language or "").lower().replace("_", "-")
        if lang.split("-")[0] in ("ja", "ko"):
            return lang.split("-")[0]
        return "zh-hant" if lang.startswith("zh-hant") or lang in ("zh-tw", "zh-hk", "zh-mo") else "zh-hans"
    return "latin"


def _glyph(font: ImageFont.FreeTypeFont, ch: str) -> bytes:
    image = Image.new("L", (64, 64))
    ImageDraw.Draw(image).text((8, 8), ch, font=font, fill=255)
    return image.tobytes()


@cache
def covers(face: str, ch: str) -> bool:
    """Whether the face draws `ch` as itself, not as the missing-glyph box (.notdef)."""
    if font_file(face) is None:
        return ord(ch) < 0x250 or ch in BUILT_IN_KEPT
    if unicodedata.category(ch) in ("Zs", "Cc", "Cf"):
        return True
    font = _font(face, 40)
    return _glyph(font, ch) != _notdef(face)


@cache
def _notdef(face: str) -> bytes:
    return _glyph(_font(face, 40), "\U0010FFFD")   # a private-use character no font here draws


BUILT_IN_KEPT = "–—‘’“”…·•"       # punctuation Pillow's built-in font has beyond Latin


def drawable(text: str, face: str) -> str:
    """The text as the face can draw it: a character it lacks is transliterated (never a box)."""
    return "".join(ch if covers(face, ch) else unidecode(ch) for ch in text)


def right_to_left(text: str) -> bool:
    """Whether the text's first strong character is written right to left (it is then set flush right)."""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False


# -- layout ------------------------------------------------------------------------------------------

NO_BREAK_BEFORE = set("、。，．,.!?！？:;：；)]}」』）】〕〉》ー・…‥々ゝゞぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ")
NO_BREAK_AFTER = set("([{「『（【〔〈《")


def _tokens(text: str) -> list[str]:
    """What a line may break between: words (with the space after them), and each Han, kana or Hangul
    syllable of a text without spaces (not before closing punctuation, not after opening)."""
    out: list[str] = []
    for word in re.findall(r"\S+\s*|\s+", text):
        if not any(script_of(ch) in ("han", "kana") for ch in word):
            out.append(word)
            continue
        for ch in word:
            joined = out and (ch in NO_BREAK_BEFORE or ch.isspace() or out[-1][-1] in NO_BREAK_AFTER
                              or (script_of(ch) == "other" and script_of(out[-1][-1]) == "other"))
            if joined:
                out[-1] += ch
            else:
                out.append(ch)
    return out


def wrap(text: str, font: ImageFont.FreeTypeFont, width: float, lines: int) -> list[str]:
    """The text in at most `lines` lines no wider than `width` pixels; '…' ends a text cut short."""
    out: list[str] = []
    line = ""
    for token in _tokens(" ".join(text.split())):
        if not line or font.getlength((line + token).rstrip()) <= width:
            line += token
            continue
        out.append(line.rstrip())
        line = token.lstrip()
    if line.strip():
        out.append(line.rstrip())
    if len(out) > lines:
        out = out[:lines]
        last = out[-1]
        while last and font.getlength(last + "…") > width:
            last = last[:-1]
        out[-1] = last.rstrip() + "…"
    for n, one in enumerate(out):            # one word longer than the line: cut it
        while font.getlength(one) > width and len(one) > 1:
            one = one[:-2] + "…"
        out[n] = one
    return out or [""]


SEPARATOR = " · "


def _text(draw: ImageDraw.ImageDraw, left: int, right: int, y: int, text: str, face: str, size: int, fill: int,
          parts: bool = False) -> None:
    """One line, flush left, or flush right if it starts right to left. `parts`: the line is facts with
    " · " between them, each laid out on its own (an Arabic addressee in an English line must not take
    the separator and the number after it into its right-to-left run), from the left."""
    font = _font(face, size)
    if parts and SEPARATOR in text:
        x = float(left)
        for n, part in enumerate(text.split(SEPARATOR)):
            if n:
                draw.text((x, y), SEPARATOR, font=font, fill=fill)
                x += font.getlength(SEPARATOR)
            draw.text((x, y), part, font=font, fill=fill)
            x += font.getlength(part)
        return
    if right_to_left(text):
        draw.text((right, y), text, font=font, fill=fill, anchor="ra")
    else:
        draw.text((left, y), text, font=font, fill=fill)


def _lines(text: str, language: str | None, size: int, width: int, lines: int) -> tuple[str, list[str]]:
    face = face_for(text, language)
    return face, wrap(drawable(text, face), _font(face, size), width, lines)


def card_png(card: Card) -> bytes:
    image = Image.new("L", (WIDTH, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, WIDTH, BAND), fill=BAND_GREY)
    right = WIDTH - MARGIN
    if card.page:
        with Image.open(io.BytesIO(card.page)) as page:
            page = page.convert("L")
            page.thumbnail((WIDTH, PAGE_HEIGHT))
            x = WIDTH - MARGIN - page.width
            draw.rectangle((x - 2, BAND + 34, x + page.width + 1, BAND + 37 + page.height), fill=MUTED)
            image.paste(page, (x, BAND + 36))
            right = x - MARGIN
    face, name = _lines(card.site_name, card.language, NAME_SIZE, WIDTH - 2 * MARGIN, 1)
    _text(draw, MARGIN, WIDTH - MARGIN, 24, name[0], face, NAME_SIZE, ON_BAND)
    face, title = _lines(card.title, card.language, TITLE_SIZE, right - MARGIN, TITLE_LINES)
    y = BAND + 44
    for line in title:
        _text(draw, MARGIN, right, y, line, face, TITLE_SIZE, INK)
        y += TITLE_LEADING
    face, facts = _lines(card.facts, card.language, FACTS_SIZE, right - MARGIN, FACTS_LINES)
    for n, line in enumerate(facts):
        _text(draw, MARGIN, right, HEIGHT - 36 - FACTS_LEADING * (len(facts) - n), line, face, FACTS_SIZE, MUTED, parts=True)
    out = io.BytesIO()
    image.point(GREYS).save(out, "PNG", compress_level=COMPRESS_LEVEL)
    return out.getvalue()


def card_type(width: int, height: int) -> str:
    """The `twitter:card` an image of this size may be declared as: `summary_large_image` for a wide
    image X shows large (2:1 to 1.91:1 here, at least 300 × 157), else `summary` (a small square crop)."""
    return "summary_large_image" if width >= 300 and height >= 157 and 1.7 <= width / height <= 2.1 else "summary"


# -- the cache ---------------------------------------------------------------------------------------

@cache
def fingerprint() -> str:
    """Everything that shapes a card besides its inputs: this file, the fonts, Pillow, libraqm."""
    digest = hashlib.sha256(Path(__file__).read_bytes() + b"\0" + fonts_identity().encode())
    return digest.hexdigest()[:16]


def key(card: Card) -> str:
    digest = hashlib.sha256()
    for part in (card.title, card.facts, card.site_name, card.language or ""):
        digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
    digest.update(hashlib.sha256(card.page).digest() if card.page else b"-")
    return digest.hexdigest()


class CardCache:
    """.cache/cards/<fingerprint>/: each card drawn, by the hash of its inputs. A card is drawn again
    only when its inputs change (or this file, or the fonts); `prune` drops other fingerprints' folders."""

    def __init__(self, root: Path):
        self.base = root / ".cache" / "cards"
        self.folder = self.base / fingerprint()

    def png(self, card: Card) -> bytes:
        k = key(card)
        path = self.folder / k[:2] / f"{k}.png"
        try:
            return path.read_bytes()
        except OSError:
            pass
        png = card_png(card)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{id(png)}.tmp")
        tmp.write_bytes(png)
        tmp.replace(path)
        return png

    def prune(self) -> None:
        if self.base.exists():
            for folder in self.base.iterdir():
                if folder != self.folder:
                    shutil.rmtree(folder, ignore_errors=True)
