"""Link-preview cards (issue 23, item 8; issue 25): every script drawn in a real font, never in
transliteration where a font has it; the size and card type link previews expect; a card drawn once
and again only when what it is drawn from changes. The letters are made up."""

from __future__ import annotations

import io

import pytest
from letter_archive.site import cards
from letter_archive.site.cards import HEIGHT, WIDTH, Card, card_png, card_type, covers, drawable, face_for
from PIL import Image, ImageChops, ImageDraw
from text_unidecode import unidecode

FACTS = "2 March 2021 · To the Government · 3 signatories"

# (language, title, the face it must be drawn in)
LETTERS = [
    ("ja", "漁業者の不当な拘束に関する共同書簡：政府は直ちに解放を", "ja"),
    ("ko", "어민의 부당한 구금에 관한 공동 서한", "ko"),
    ("zh", "关于立即释放被拘留渔民的联名信", "zh-hans"),
    ("ru", "Открытое письмо о задержанных рыбаках", "latin"),
    ("ar", "رسالة مفتوحة بشأن الصيادين المحتجزين", "arabic"),
]


def image(png: bytes) -> Image.Image:
    return Image.open(io.BytesIO(png))


def test_a_card_is_a_png_of_the_large_preview_size_and_differs_by_letter():
    one = card_png(Card("Open letter on the rivers", FACTS, "Archive"))
    two = card_png(Card("Open letter on the lakes", FACTS, "Archive"))
    assert image(one).format == "PNG" and image(one).size == (WIDTH, HEIGHT) == (1200, 630)
    assert one != two and len(one) < 80_000


@pytest.mark.parametrize(("language", "title", "face"), LETTERS)
def test_each_script_is_drawn_in_a_font_that_has_its_glyphs(language, title, face):
    assert cards.font_file(face), f"the {face} font is installed with the venv (pyproject.toml)"
    assert face_for(title, language) == face
    assert all(covers(face, ch) for ch in title), "every character has its glyph: no box, no transliteration"
    assert drawable(title, face) == title
    if face != "latin":   # the test would see it: Noto Sans alone has none of these glyphs
        assert not any(covers("latin", ch) for ch in title if not ch.isspace() and ch not in "：")
    drawn = image(card_png(Card(title, FACTS, "Archive", language)))
    transliterated = image(card_png(Card(unidecode(title), FACTS, "Archive", language)))
    assert ImageChops.difference(drawn, transliterated).getbbox(), "drawn in its script, not transliterated"


def test_han_characters_take_the_glyphs_of_the_letters_language():
    """'骨' is drawn differently in Japan, mainland China and Taiwan: a title of Han characters alone
    takes its letter's language; kana make a title Japanese, Hangul Korean, whatever the language says."""
    title = "骨折治療"
    assert face_for(title, "ja") == "ja" and face_for(title, "zh") == "zh-hans"
    assert face_for(title, "zh-TW") == "zh-hant" == face_for(title, "zh-Hant") and face_for(title, None) == "zh-hans"
    assert face_for("直接のお願い", "zh") == "ja" and face_for("直接 요청", "zh") == "ko"

    def glyph(face: str) -> bytes:
        im = Image.new("L", (120, 120))
        ImageDraw.Draw(im).text((10, 10), "骨", font=cards._font(face, 80), fill=255)
        return im.tobytes()

    assert len({glyph("ja"), glyph("zh-hans"), glyph("zh-hant")}) == 3


def test_a_script_no_font_has_is_transliterated_never_boxes():
    title = "מכתב פתוח"    # Hebrew: no font of the card's has it
    face = face_for(title, "he")
    assert not any(covers(face, ch) for ch in title if not ch.isspace())
    assert drawable(title, face) == unidecode(title) and drawable(title, face).isascii()
    card_png(Card(title, FACTS, "Archive", "he"))


def test_without_libraqm_arabic_is_transliterated_not_drawn_unjoined(monkeypatch):
    """Pillow shapes Arabic (joins the letters, lays them right to left) through libraqm, which needs
    libfribidi on the machine. Without it, the letters would come out apart and in reverse order: the
    card then transliterates them, as it did every script before."""
    title = LETTERS[-1][1]
    monkeypatch.setattr(cards, "SHAPING", False)
    cards._font.cache_clear()
    cards.covers.cache_clear()
    try:
        face = face_for(title, "ar")
        assert face == "latin" and drawable(title, face).isascii()
        assert image(card_png(Card(title, FACTS, "Archive", "ar"))).size == (WIDTH, HEIGHT)
    finally:
        cards._font.cache_clear()
        cards.covers.cache_clear()


def test_arabic_is_set_flush_right_and_latin_flush_left():
    def ink_columns(png: bytes) -> tuple[int, int]:
        title_band = image(png).crop((0, cards.BAND + 30, WIDTH, cards.BAND + 30 + cards.TITLE_LEADING))
        box = ImageChops.invert(title_band).point(lambda v: 255 if v > 60 else 0).getbbox()
        return box[0], box[2]

    left, right = ink_columns(card_png(Card(LETTERS[-1][1], FACTS, "Archive", "ar")))
    assert right > WIDTH - cards.MARGIN - 10 and left > cards.MARGIN + 10
    left, right = ink_columns(card_png(Card("Open letter on fishermen", FACTS, "Archive", "en")))
    assert left < cards.MARGIN + 10 and right < WIDTH - cards.MARGIN - 10


def test_a_long_title_without_spaces_wraps_within_the_card_and_ends_with_an_ellipsis():
    title = "漁業者の不当な拘束に関する共同書簡" * 6
    font = cards._font("ja", cards.TITLE_SIZE)
    lines = cards.wrap(title, font, WIDTH - 2 * cards.MARGIN, cards.TITLE_LINES)
    assert len(lines) == cards.TITLE_LINES and lines[-1].endswith("…")
    assert all(font.getlength(line) <= WIDTH - 2 * cards.MARGIN for line in lines)
    assert not any(line.startswith(("、", "。", "：")) for line in lines), "no line starts with closing punctuation"


def test_the_card_type_follows_the_image_shape():
    assert card_type(1200, 630) == "summary_large_image"     # Open Graph's 1.91:1, X's large card
    assert card_type(480, 679) == "summary"                  # a portrait page: a square crop at most
    assert card_type(200, 100) == "summary"                  # too small for X's large card (300 × 157)


def test_a_card_is_redrawn_only_when_what_it_is_drawn_from_changes(tmp_path, monkeypatch):
    drawn: list[str] = []
    draw = cards.card_png
    monkeypatch.setattr(cards, "card_png", lambda card: drawn.append(card.title) or draw(card))
    cache = cards.CardCache(tmp_path)
    card = Card("Open letter on the rivers", FACTS, "Archive", "en")
    first = cache.png(card)
    assert drawn == ["Open letter on the rivers"]
    assert cards.CardCache(tmp_path).png(Card("Open letter on the rivers", FACTS, "Archive", "en")) == first
    assert drawn == ["Open letter on the rivers"], "unchanged: from the cache"
    cache.png(Card("Open letter on the lakes", FACTS, "Archive", "en"))
    cache.png(Card("Open letter on the rivers", FACTS.replace("3 signatories", "4 signatories"), "Archive", "en"))
    page = io.BytesIO()
    Image.new("L", (48, 68), 255).save(page, "PNG")
    cache.png(Card("Open letter on the rivers", FACTS, "Archive", "en", page=page.getvalue()))   # a PDF's first page
    assert drawn == ["Open letter on the rivers", "Open letter on the lakes"] + ["Open letter on the rivers"] * 2
    old = cache.folder
    monkeypatch.setattr(cards, "fingerprint", lambda: "other-fonts")   # new fonts, or a change to cards.py
    again = cards.CardCache(tmp_path)
    again.png(card)
    assert len(drawn) == 5
    again.prune()
    assert not old.exists() and again.folder.exists()
