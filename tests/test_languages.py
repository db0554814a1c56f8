"""The language data files (scripts/letter_archive/extract/languages/*.yaml): each file's examples are
recognised by the very patterns extraction uses, and a new language is one file, nothing else."""

from __future__ import annotations

import re

import pytest
from letter_archive.extract import addressees, asks, dates, demands, head, languages, signatories
from letter_archive.extract.clean import CC, SALUTATION, SUBJECT
from letter_archive.extract.languages import KEYS, examples, fragments, table

# key of an example -> does the extractor's pattern for it recognise the line?
RECOGNISES = {
    "salutation": lambda text: bool(SALUTATION.match(text)),
    "subject": lambda text: bool(SUBJECT.match(text)),
    "cc": lambda text: bool(CC.match(text)),
    "closing": lambda text: bool(signatories.START.match(text.strip())),
    "byline": lambda text: bool(head.BYLINE.match(text)),
    "press_release": lambda text: bool(head.PRESS_RELEASE.search(text)),
    "statement": lambda text: bool(head.STATEMENT.search(text.lower())),
    "demand": lambda text: bool(asks.DEMAND.search(text) or demands.DEMAND_OTHER.search(text)),
    "list_announcer": lambda text: bool(demands.ANNOUNCES_ITEMS.search(text)),
    "claim": lambda text: signatories.claimed_count(text)[0] is not None,
    "signer_count": lambda text: signatories.claimed_count(text)[0] is not None,
    "date_line": lambda text: bool((found := dates.standalone_date(text)) and found.iso),
    "addressee": lambda text: bool((m := addressees.GREETING.match(text)) and addressees.addressees_from(m.group("rest"))),
    "headline": lambda text: bool(addressees.headline_addressees(text)),
    "tier": lambda text: bool(signatories.TIER.match(text.strip())),
    "count_heading": lambda text: signatories.count_heading(text) is not None,
    # a group's heading, read as its label alone: no count, parentheses or note on the order
    "group_heading": lambda text: bool((found := signatories.group_header(text)) and "(" not in found[0]
                                       and not re.search(languages.alternation("list_order"), found[0], re.I)),
}
LANGUAGES = ("en", "de", "es", "fr", "pt", "it", "ko", "ja", "zh", "ru", "tr", "ar")


@pytest.mark.parametrize(("language", "key", "text"), examples(), ids=lambda v: str(v)[:30])
def test_each_example_is_recognised_by_the_extractor(language, key, text):
    assert key in RECOGNISES, f"{language}.yaml: examples has no check for {key!r}"
    assert RECOGNISES[key](text), f"{language}.yaml: {key} example not recognised: {text!r}"


def test_every_language_file_has_known_keys_valid_fragments_and_examples():
    assert set(LANGUAGES) <= set(table())
    for language, data in table().items():
        assert data.get("examples"), f"{language}.yaml has no examples"
        for key in set(data) & set(KEYS):
            for fragment in data[key]:
                re.compile(fragment)   # raises on a broken fragment


def test_words_that_are_not_their_kind_are_not_recognised():
    assert not RECOGNISES["salutation"]("We write to you about the camps.")
    assert not RECOGNISES["closing"]("We signed the treaty in 2019 and it still stands today.")
    assert not RECOGNISES["demand"]("We hope the talks go well.")
    assert not RECOGNISES["subject"]("Regarding the camps, we write.")


def test_a_new_language_is_one_file(tmp_path, monkeypatch):
    """The worked example of CONTRIBUTING.md: Esperanto greets with 'Kara'; a new file is enough."""
    for path in languages.FOLDER.glob("*.yaml"):
        (tmp_path / path.name).write_bytes(path.read_bytes())
    (tmp_path / "eo.yaml").write_text("language: eo\nsalutation: ['kara\\b']\nclosing: ['kun salutoj']\n"
                                      "examples:\n  salutation: ['Kara ministro,']\n", encoding="utf-8")
    monkeypatch.setattr(languages, "FOLDER", tmp_path)
    languages.table.cache_clear()
    try:
        assert "kara\\b" in fragments("salutation") and "kun salutoj" in fragments("closing")
        assert ("eo", "salutation", "Kara ministro,") in examples()
        salutation = re.compile(rf"^\s*{languages.alternation('salutation')}", re.I)
        assert salutation.match("Kara ministro,") and salutation.match("Dear Minister,")
    finally:
        languages.table.cache_clear()


def test_an_unknown_key_in_a_language_file_is_an_error(tmp_path, monkeypatch):
    (tmp_path / "en.yaml").write_text("language: en\nsalutatoin: ['dear']\n", encoding="utf-8")
    monkeypatch.setattr(languages, "FOLDER", tmp_path)
    languages.table.cache_clear()
    try:
        with pytest.raises(ValueError, match="salutatoin"):
            table()
    finally:
        languages.table.cache_clear()
