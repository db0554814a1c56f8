"""The language data files (scripts/letter_archive/extract/languages/*.yaml): each file's examples are
recognised by the very patterns extraction uses, and a new language is one file, nothing else."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from letter_archive.extract import addressees, asks, counts, dates, demands, entries, head, languages
from letter_archive.extract.clean import CC, SALUTATION, SUBJECT
from letter_archive.extract.languages import CORE_KEYS, KEYS, LowerMatcher, examples, fragments, table


def _is_kind(kind):
    return lambda text: addressees.addressee_kind(text) == kind


# key of an example -> does the extractor's pattern for it recognise the line?
RECOGNISES = {
    "salutation": lambda text: bool(SALUTATION.match(text)),
    "subject": lambda text: bool(SUBJECT.match(text)),
    "cc": lambda text: bool(CC.match(text)),
    "closing": lambda text: bool(entries.START.match(text.strip())),
    "byline": lambda text: bool(head.BYLINE.match(text)),
    "press_release": lambda text: bool(head.PRESS_RELEASE.search(text)),
    "statement": lambda text: bool(head.STATEMENT.search(text.lower())),
    "demand": lambda text: bool(asks.DEMAND.search(text) or demands.DEMAND_OTHER.search(text)),
    "list_announcer": lambda text: bool(demands.ANNOUNCES_ITEMS.search(text)),
    "claim": lambda text: counts.claimed_count(text)[0] is not None,
    "signer_count": lambda text: counts.claimed_count(text)[0] is not None,
    "date_line": lambda text: bool((found := dates.standalone_date(text)) and found.iso),
    "addressee": lambda text: bool((m := addressees.GREETING.match(text)) and addressees.addressees_from(m.group("rest"))),
    "headline": lambda text: bool(addressees.headline_addressees(text)),
    "tier": lambda text: bool(entries.TIER.match(text.strip())),
    "count_heading": lambda text: counts.count_heading(text) is not None,
    # a group's heading, read as its label alone: no count, parentheses or note on the order
    "group_heading": lambda text: bool((found := entries.group_header(text)) and "(" not in found[0]
                                       and not re.search(languages.alternation("list_order"), found[0], re.I)),
    "courtesy": lambda text: bool(addressees.HONORIFIC.match(text)) and bool(addressees.HONORIFIC.sub("", text).strip()),
    "generic_addressee": lambda text: bool(addressees.GENERIC.match(text)),
    "obligation": lambda text: bool(demands.OBLIGATION.search(text)),
    "duty": lambda text: bool(asks.NAMED_DUTY.search(text)),
    "list_end": lambda text: bool(entries.LIST_END.search(text.lower())),
    "signed": lambda text: bool((m := entries.SIGNED_MARK.match(text)) and text[m.end():].strip()),
    "org_name": lambda text: bool(entries.ORG_WORDS.search(text)),
    # the title before a name, as entries.PERSON_NAME reads it
    "honorific": lambda text: bool(re.match(rf"(?i:{languages.alternation('honorific')})\.?\s+\S", text)),
    "stamp_word": lambda text: bool(re.search(languages.alternation("stamp_word"), text, re.I)),
    # an addressee's name is of that kind (the first kind it matches, as addressee_kind reads it)
    **{f"kind_{kind}": _is_kind(kind) for kind in addressees.ADDRESSEE_KINDS},
}
# core key -> the example check that shows its words at work (an example under that name in the same file)
EXAMPLE_OF = {
    "salutation": "salutation", "greeting": "addressee", "courtesy": "courtesy", "generic_addressee": "generic_addressee",
    "open_letter_to": "headline", "subject": "subject", "cc": "cc", "date_label": "date_line", "closing": "closing",
    "signer_noun": "count_heading", "claim_cue": "claim", "org_count_noun": "claim", "person_count_noun": "claim",
    "group_word": "group_heading", "group_label": "group_heading", "org_word": "org_name", "honorific": "honorific",
    "signed_mark": "signed", "list_end": "list_end", "demand_phrase": "demand", "demand_verb": "demand",
    "obligation": "obligation", "duty_modal": "duty", "list_announcer": "list_announcer",
    "press_release": "press_release", "statement": "statement", "stamp_word": "stamp_word",
    **{f"kind_{kind}": f"kind_{kind}" for kind in addressees.ADDRESSEE_KINDS},
}
LANGUAGES = ("en", "de", "es", "fr", "pt", "it", "ko", "ja", "zh", "ru", "uk", "tr", "ar", "nl", "ca", "da")


@pytest.mark.parametrize("language", sorted(table()))
def test_every_language_file_holds_every_core_key_or_says_why_not(language):
    """Equal coverage: each core key (languages.CORE_KEYS) has fragments, or `not_applicable` names it
    with the reason the language has none; a key is not both, and a reason names a known key."""
    data = table()[language]
    why_not = data.get("not_applicable") or {}
    assert isinstance(why_not, dict), f"{language}.yaml: not_applicable is a mapping key -> reason"
    for key, reason in why_not.items():
        assert key in KEYS, f"{language}.yaml: not_applicable names an unknown key {key!r}"
        assert isinstance(reason, str) and len(reason.split()) >= 5, f"{language}.yaml: say why {key} does not apply"
        assert not data.get(key), f"{language}.yaml: {key} has fragments and is named not applicable"
    missing = [key for key in CORE_KEYS
               if not any(data.get(k) or k in why_not for k in ((key,) if isinstance(key, str) else key))]
    assert not missing, f"{language}.yaml lacks core key(s) {missing}: add fragments, or say why under not_applicable"
    # each core key the file holds is shown at work by an example
    held = {k for key in CORE_KEYS for k in ((key,) if isinstance(key, str) else key) if data.get(k)}
    unshown = sorted(k for k in held if not (data.get("examples") or {}).get(EXAMPLE_OF[k]))
    assert not unshown, f"{language}.yaml: no example shows {unshown} at work (examples: {{name: [lines]}}, see EXAMPLE_OF)"


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


# LowerMatcher rearranges fragments for speed; it must answer what the plain alternation answers.
WORDS = st.sampled_from(["listed ", "in ", "by ", "alpha", "order", "ab", "\\bof ", "x"])


@given(st.lists(st.tuples(st.booleans(), st.lists(WORDS, min_size=1, max_size=3), st.sampled_from(["", "?", "\\b"]),
                          st.sampled_from(["alphabetical", "order", "beta"])), min_size=1, max_size=4),
       st.text(alphabet="listedinbyalphabeticalorder ofx", max_size=40))
def test_lower_matcher_finds_what_the_alternation_finds(shapes, text):
    frags = [("\\b" if bounded else "") + "(?:" + "|".join(words) + ")" + ("?" if q == "?" else "") + tail
             for bounded, words, q, tail in shapes]
    assert bool(LowerMatcher(frags).search(text)) == bool(re.search("|".join(frags), text)), frags


def test_an_optional_leading_group_may_be_absent():
    """'(?:listed |in )?alphabetical order' finds "alphabetical order" alone, as the regex does."""
    assert LowerMatcher(["(?:listed |in |by )?alphabetical(?: order)?"]).search("signers (alphabetical order)")
    assert LowerMatcher(["\\b(?:in )?ordine alfabetico"]).search("firmatari, ordine alfabetico")


KEY_FRAGMENTS = sorted({(key, f) for key in KEYS for f in fragments(key)})


@given(st.sampled_from(KEY_FRAGMENTS).flatmap(lambda kf: st.tuples(st.just(kf[1]), st.from_regex(kf[1], fullmatch=True))))
def test_a_required_word_is_in_every_text_its_fragment_matches(case):
    """entries.required_words: the word it picks for a fragment is in whatever the fragment matches, so
    a text without it can be passed over (the group heading's list-order test relies on it)."""
    fragment, text = case
    words = entries.required_words([fragment])
    assert words is None or words[0] in text.lower(), (fragment, words, text)


def test_required_words_skip_what_may_be_absent():
    assert entries.required_words(["(?:listed |in )?alphabetical(?:ly)? order"]) == ("alphabetical",)
    assert entries.required_words(["colou?r scheme"]) == ("scheme",)
    assert entries.required_words(["(?:por|en) orden"]) == ("orden",)
    assert entries.required_words(["ab|cd"]) is None and entries.required_words(["\\d+"]) is None
