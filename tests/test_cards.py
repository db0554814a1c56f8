"""Link-preview cards (issue 23, item 8; issue 25): every script drawn in a real font, never in
transliteration where a font has it; the size and card type link previews expect; a card drawn once
and again only when what it is drawn from changes. The letters are made up."""

from __future__ import annotations

import io

import pytest
import yaml
from conftest import BIN, make_archive, run
from letter_archive.link.permalinks import derive_id
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


# -- the addresses of Japanese letters -----------------------------------------------------------------

def test_a_japanese_title_gets_the_date_and_a_number_never_pinyin():
    title = "川崎市教育文化会館の存続に関する要望書"
    assert derive_id("2021-03-02", title, "letter", "ja") == "2021-03-02-1"
    assert derive_id("2021-03-02", title, "letter", None, {"2021-03-02-1", "2021-03-02-2"}) == "2021-03-02-3"
    assert derive_id(None, title, "letter", "ja") == "undated-1"
    assert derive_id("2021-03-02", "川崎市教育文化会館", "letter", "ja") == "2021-03-02-1"   # kanji alone, in Japanese
    assert "chuan" not in derive_id("2021-03-02", "川崎市教育文化会館", "letter", "ja")
    # a Chinese title is read in Chinese, a Korean or Russian one transliterated, as before
    assert derive_id("2021-03-02", "关于释放渔民的联名信", "letter", "zh").startswith("2021-03-02-guan-yu")
    assert derive_id("2021-03-02", "어민 구금", "letter", "ko") == "2021-03-02-eomin-gugeum"
    assert derive_id("2021-03-02", "Письмо о рыбаках", "letter", "ru") == "2021-03-02-pismo-o-rybakakh"


JA_LETTER = ("2021年3月2日\n\n内閣総理大臣 殿\n\n{title}\n\n私たちは、拘束された漁業者の即時解放を求めます。\n\n"
             "署名団体\n\n漁業者の会\n港の友\n")


def test_japanese_letters_get_numbered_addresses_and_the_published_ones_keep_theirs(tmp_path):
    root = make_archive(tmp_path / "archive", {
        "2021-03-02-kawasaki.txt": JA_LETTER.format(title="漁業者の拘束に関する要望書"),
        "2021-03-02-minato.txt": JA_LETTER.format(title="港の閉鎖に関する共同声明"),
    })
    for name, title in (("2021-03-02-kawasaki", "漁業者の拘束に関する要望書"), ("2021-03-02-minato", "港の閉鎖に関する共同声明")):
        (root / "letters" / f"{name}.yaml").write_text(
            yaml.safe_dump({"title": title, "date": "2021-03-02", "language": "ja"}, allow_unicode=True), encoding="utf-8")
    before = yaml.safe_load((root / "data" / "permalinks.yaml").read_text(encoding="utf-8"))
    run([str(BIN / "letters"), "build", "--root", str(root)], root)
    after = yaml.safe_load((root / "data" / "permalinks.yaml").read_text(encoding="utf-8"))
    assert [row for row in after if row in before] == before, "every published address stays"
    new = {row["file"]: row["id"] for row in after if row not in before}
    assert new == {"letters/2021-03-02-kawasaki.txt": "2021-03-02-1", "letters/2021-03-02-minato.txt": "2021-03-02-2"}
    card = image((root / "docs" / "cards" / "2021-03-02-1.png").read_bytes())
    assert card.size == (WIDTH, HEIGHT)
