"""The words extraction looks for, by language: one YAML file per language in `languages/`.

Each key holds regular-expression fragments (matched case-insensitively; write \\b where a word must
stand alone). The extractor joins a key's fragments from every language into one pattern, so a
letter in any language is read with the words of all of them (letters mix languages: a Korean
letter signed "Sincerely"). Adding a language is one file; `examples:` in it lists lines each key
must recognise, and tests/test_languages.py checks them all against the extractor's own patterns.
Month names come from Babel's locale data, named by `babel_locale`."""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

import yaml

# LETTERS_LANGUAGES names another folder, to try language files before adding them (and for tests).
FOLDER = Path(os.environ.get("LETTERS_LANGUAGES") or Path(__file__).resolve().parent / "languages")

# What each key is for (the patterns that use it are in brackets).
KEYS = {
    "salutation": "how a letter greets its addressee: 'Dear', 'Sehr geehrte' [clean.SALUTATION]",
    "subject": "labels of a subject line: 'Re', 'Betreff', '件名' [clean.SUBJECT]",
    "cc": "labels of a copies line: 'CC', 'copies to' [addressees, signatories.STOP]",
    "closing": "a line that ends the letter and starts its signatures: 'Sincerely', 'Signatories' [signatories.START]",
    "byline": "the word before an author's name: 'By', 'Von' [head.BYLINE]",
    "press_release": "words that make a document a press release [head.extract_kind]",
    "statement": "words that make a document a statement [head.extract_kind]",
    "demand_subject": "who asks, in a language whose demands read subject-verb: 'we' [demands.DEMAND]",
    "demand_adverb": "words that may stand between that subject and its verb [demands.DEMAND]",
    "demand_verb": "the verbs of asking after that subject: 'urge', 'call on' [demands.DEMAND]",
    "demand_phrase": "a whole phrase that asks, in any order: 'wir fordern', '촉구합니다' [demands.DEMAND_OTHER]",
    "list_announcer": "the end of a sentence that announces a list of demands: 'the following:' [demands.ANNOUNCES_ITEMS]",
    "org_count_noun": "nouns that count organisations: 'organizations', 'Organisationen' [signatories.claimed_count]",
    "person_count_noun": "nouns that count people: 'individuals' [signatories.claimed_count]",
    "claim_cue": "words before a stated count of signers: 'on behalf of', 'signed by' [signatories.claimed_count]",
    "signer_count": "a whole stated count in a language without such cues; one group holds the number [signatories]",
    "conjunction": "'and' in a list of names written as a sentence [signatories.run_on_list]",
    "date_label": "a label before a date: 'Date:', 'Datum:' [dates.standalone_date]",
    "date_article": "the word between a place and a date: 'Berlin, den …' [dates.standalone_date]",
    "group_word": "words of a signature group's heading: 'organizations', '단체' [signatories.group_header]",
    "group_label": "a heading that is only a kind of signer: 'Individuals' [signatories.group_header]",
    "org_word": "words that make a name an organisation's: 'association', 'Stiftung' [signatories.classify]",
    "honorific": "titles before a person's name, a full stop allowed: 'Dr', 'Prof' [signatories, identities.fold]",
    "post_nominal": "degrees and titles after a name and a comma: 'Ph.D.', 'Lord', 'MP' [signatories, identities.fold]",
}
FILE_KEYS = {"language", "babel_locale", "examples", *KEYS}


@cache
def table() -> dict[str, dict]:
    """language code -> its file's content; English first, then by code (the order fragments are tried)."""
    files = sorted(FOLDER.glob("*.yaml"), key=lambda p: (p.stem != "en", p.stem))
    out = {}
    for path in files:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        unknown = set(data) - FILE_KEYS
        if unknown:
            raise ValueError(f"{path.name}: unknown key(s) {sorted(unknown)}; the keys are listed in extract/languages.py")
        out[data.get("language") or path.stem] = data
    return out


def fragments(key: str) -> list[str]:
    """Every language's fragments for `key`, once each, in table order."""
    if key not in KEYS:
        raise KeyError(key)
    seen: dict[str, None] = {}
    for data in table().values():
        for fragment in data.get(key) or []:
            seen.setdefault(str(fragment))
    return list(seen)


def alternation(key: str) -> str:
    """The fragments of `key` as one non-capturing group: (?:a|b|c)."""
    return "(?:" + "|".join(fragments(key)) + ")"


def babel_locales() -> tuple[str, ...]:
    return tuple(data["babel_locale"] for data in table().values() if data.get("babel_locale"))


def examples() -> list[tuple[str, str, str]]:
    """(language, key, example line) for every example of every file."""
    return [(lang, key, text) for lang, data in table().items()
            for key, texts in (data.get("examples") or {}).items() for text in texts]

