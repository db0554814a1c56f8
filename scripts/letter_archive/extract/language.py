"""The language of a letter's own words."""

from __future__ import annotations

import re

import py3langid

WORD = re.compile(r"[a-z]+")


ENGLISH_FUNCTION_WORDS = frozenset({"the", "of", "and", "to", "we", "you", "that", "is", "our", "for", "with",
                                    "are", "this", "be", "have", "on"})


HANGUL = re.compile(r"[\uac00-\ud7a3]")


KANA = re.compile(r"[\u3040-\u30ff]")


HAN = re.compile(r"[\u4e00-\u9fff]")


def extract_language(text: str) -> str | None:
    """The language of the letter's own words: the text before its signature list (names of foreign
    organisations would outvote a short Korean letter), read from its script first, else by langid."""
    sample = text[:3000]
    if len(sample.strip()) < 20:
        return None
    letters = sum(map(str.isalpha, sample)) or 1
    hangul, kana, han = (len(p.findall(sample)) for p in (HANGUL, KANA, HAN))
    if hangul / letters > 0.15:
        return "ko"
    if kana / letters > 0.05 or (kana and (kana + han) / letters > 0.15):
        return "ja"
    if han / letters > 0.3:
        return "zh"
    # Plain English prose is most of any archive: when its commonest words make up an eighth of the
    # text, skip the statistical model (it costs more than the rest of the extraction together).
    words = WORD.findall(sample[:1500].lower())
    if len(words) >= 40 and sum(w in ENGLISH_FUNCTION_WORDS for w in words) / len(words) > 0.12:
        return "en"
    return py3langid.classify(sample[:1500])[0]
