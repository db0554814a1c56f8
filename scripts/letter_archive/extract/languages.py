"""The words extraction looks for, by language: one YAML file per language in `languages/`.

Each key holds regular-expression fragments (matched case-insensitively; write \\b where a word must
stand alone). The extractor joins a key's fragments from every language into one pattern, so a
letter in any language is read with the words of all of them (letters mix languages: a Korean
letter signed "Sincerely"). Adding a language is one file; `examples:` in it lists lines each key
must recognise, and tests/test_languages.py checks them all against the extractor's own patterns.
Month names come from Babel's locale data, named by `babel_locale`."""

from __future__ import annotations

import os
import re
from functools import cache
from pathlib import Path

from ..data import load_yaml

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
    "demand_subject": "who asks, in a language whose demands read subject-verb: 'we' [asks.DEMAND]",
    "demand_adverb": "words that may stand between that subject and its verb [asks.DEMAND]",
    "demand_verb": "the verbs of asking after that subject: 'urge', 'call on' [asks.DEMAND]",
    "demand_purpose": "words between that subject and its verb that say why one writes, ending before the verb: "
                      "'are writing to you today to' [asks.DEMAND]",
    "demand_verb_third": "a verb of asking after a named subject at a sentence's start: 'urges' [asks.DEMAND_NAMED]",
    "obligation": "what must be done, as a demand in a language scored by count: 'debe', 'soll', 'doit' [demands.OBLIGATION]",
    "demand_phrase": "a whole phrase that asks, in any order: 'wir fordern', '촉구합니다' [demands.DEMAND_OTHER]",
    "duty_modal": "a modal that asks when a named body is its subject: 'must', 'should' [asks.NAMED_DUTY]",
    "pronoun": "a capitalised word that opens a sentence and names no body: 'It', 'Nothing' [asks.NAMED_DUTY]",
    "reported": "words that attribute a duty to a source (reported, not asked): 'according to', 'laut' [demands.REPORTED]",
    "speech": "a sentence's words given as someone's: ', said', 'sagte' [demands.SPEECH]",
    "statement_opener": "a word that opens a statement, not an item that asks: 'The', 'We', 'However' [demands]",
    "list_announcer": "the end of a sentence that announces a list of demands: 'the following:' [demands.ANNOUNCES_ITEMS]",
    "org_count_noun": "nouns that count organisations: 'organizations', 'Organisationen' [signatories.claimed_count]",
    "person_count_noun": "nouns that count people: 'individuals' [signatories.claimed_count]",
    "people_plural": "the plural of any noun for people, after a count cue: 'feminists', 'researchers' [signatories]",
    "claim_cue": "words before a stated count of signers: 'on behalf of', 'signed by' [signatories.claimed_count]",
    "signer_count": "a whole stated count in a language without such cues; one group holds the number [signatories]",
    "conjunction": "'and' in a list of names written as a sentence [signatories.run_on_list]",
    "date_label": "a label before a date: 'Date:', 'Datum:' [dates.standalone_date]",
    "date_article": "the word between a place and a date: 'Berlin, den …' [dates.standalone_date]",
    "group_word": "words of a signature group's heading: 'organizations', '단체' [signatories.group_header]",
    "group_label": "a heading that is only a kind of signer: 'Individuals' [signatories.group_header]",
    "list_order": "a note on how a group is ordered, not part of its label: 'alphabetical order' [signatories.GROUP_HEADER]",
    "org_word": "words that make a name an organisation's: 'association', 'Stiftung' [signatories.classify]",
    "greeting": "the words that open a salutation or an address line before the addressee: 'Dear', 'An die' [addressees]",
    "courtesy": "courtesy words before an addressee's name, dropped: 'Mr', 'Herr', 'Monsieur le' [addressees]",
    "generic_addressee": "a salutation that names nobody: 'Sir or Madam', 'Friends' [addressees]",
    "open_letter_to": "a headline's words before its addressee: 'Open letter to', 'Lettre ouverte à' [addressees]",
    "addressee_suffix": "a word after the addressee's name: '御中', '様' [addressees]",
    "sender": "a word before the sender's name, so that line is no addressee: 'From' [addressees]",
    "institution_noun": "a body a demand may be put to, written in lower case: 'governments', 'lawmakers' [addressees]",
    "envoy": "an envoy's title, whose government is his own, not the one after 'to': 'Ambassador' [addressees]",
    "posted_to": "the word between an envoy and the country he is posted to: 'to', 'bei', 'auprès de' [addressees]",
    "kind_intergovernmental": "words naming an intergovernmental body: 'United Nations', 'UN' [addressees.addressee_kind]",
    "kind_parliament": "words naming a parliament: 'Parliament', 'Bundestag' [addressees.addressee_kind]",
    "kind_city": "words naming a city's government: 'City Council', 'Mayor' [addressees.addressee_kind]",
    "kind_university": "words naming a university: 'University', 'Universität' [addressees.addressee_kind]",
    "kind_broadcaster": "words naming a broadcaster: 'Radio', 'Television', 'Rundfunk' [addressees.addressee_kind]",
    "kind_foundation": "words naming a foundation: 'Foundation', 'Stiftung' [addressees.addressee_kind]",
    "kind_company": "words naming a company: 'Inc', 'GmbH' [addressees.addressee_kind]",
    "kind_organisation": "words naming an organisation: 'Foundation', 'Initiative' [addressees.addressee_kind]",
    "signer_noun": "what a heading that counts the signers counts: '1312 signataires' [signatories.COUNT_HEADING]",
    "tier": "a line that opens a further tier of signers: 'also signed by:' [signatories.TIER]",
    "signer_role": "a role that starts the line under a signer's name: 'CEO', 'Governador' [signatories.ROLE]",
    # list_end and placeholder (and demand_phrase) are matched against lower-cased text: write them in
    # lower case, led by a literal character or \\b (not an optional group), so the search stays fast
    "list_end": "a line that ends a signature list: a call for more signatures, a copyright [signatories.LIST_END]",
    "placeholder": "a blank for the reader's own name in a template letter: '[your name]' [signatories.PLACEHOLDER]",
    "contact": "the label of a contact line under a signature: 'Tel', 'Fax', 'E-mail' [signatories.CONTACT]",
    "signed_mark": "a mark before a signer's name meaning 'signed', dropped: 'gez.', 'sgd.' [signatories.parse_entry]",
    "street": "words of a postal address, read only on a line with a number: 'Street', 'Straße' [signatories.ADDRESS]",
    "honorific": "titles before a person's name, a full stop allowed: 'Dr', 'Prof' [signatories, identities.fold]",
    "post_nominal": "degrees and titles after a name and a comma: 'Ph.D.', 'Lord', 'MP' [signatories, identities.fold]",
    "stamp_word": "a word of a court's or registry's receipt stamp on a scan: 'Received', 'Eingegangen', '접수' "
                  "[not read yet: readers/ocr.STAMP_WORDS keeps its own list, and readers may not import extract]",
}
# The keys every language file holds, or names under `not_applicable:` with the reason it has none
# ("not_applicable: {claim_cue: 'a count comes before its cue: …'}"); a tuple is a choice: either key.
# tests/test_languages.py checks it.
CORE_KEYS: tuple[str | tuple[str, ...], ...] = (
    "salutation", "greeting", "courtesy", "generic_addressee", "open_letter_to", "subject", "cc", "date_label",
    "closing", "signer_noun", "claim_cue", "org_count_noun", "person_count_noun", "group_word", "group_label",
    "org_word", "honorific", "signed_mark", "list_end", ("demand_phrase", "demand_verb"), "obligation",
    "duty_modal", "list_announcer", "press_release", "statement", "stamp_word", "kind_intergovernmental",
    "kind_parliament", "kind_city", "kind_university", "kind_broadcaster", "kind_foundation", "kind_company",
    "kind_organisation",
)
# not_applicable: {key: why} is documentation, never a pattern
FILE_KEYS = {"language", "babel_locale", "examples", "not_applicable", *KEYS}


@cache
def table() -> dict[str, dict]:
    """language code -> its file's content; English first, then by code (the order fragments are tried)."""
    files = sorted(FOLDER.glob("*.yaml"), key=lambda p: (p.stem != "en", p.stem))
    out = {}
    for path in files:
        data = load_yaml(path.read_text(encoding="utf-8")) or {}
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


LEADING_GROUP = re.compile(r"^(\\b)?\(\?:([^()]*)\)(.*)$", re.S)
LITERAL_LEAD = re.compile(r"^\\b([^\\\[\](){}.*+?|^$])")


class LowerMatcher:
    """Fragments matched against lower-cased text, arranged so Python's regex engine tries few of them
    at each position: a case-insensitive alternation of words each led by \\b is tried in full at every
    position of the text, which made demand phrases of twelve languages the costliest part of
    extraction. Fragments anchored at the start are tried there only; a leading group of words is
    written out as one fragment per word; the fragments led by \\b are tried only where a word starts,
    grouped by their first letter; the others (CJK, Arabic: no spaces) grouped by their first letter
    too. What cannot be so arranged is searched as written."""

    def __init__(self, fragments: list[str]) -> None:
        anchored: list[str] = []
        other: list[str] = []
        bounded: dict[str, list[str]] = {}
        unbounded: dict[str, list[str]] = {}
        for fragment in fragments:
            for piece in self._expand(fragment):
                if piece.startswith("^"):
                    anchored.append(piece[1:])
                elif m := LITERAL_LEAD.match(piece):
                    bounded.setdefault(m.group(1), []).append(piece[m.end():])
                elif piece[:1] and piece[:1] not in "\\[](){}.*+?|^$":
                    unbounded.setdefault(piece[0], []).append(piece[1:])
                else:
                    other.append(piece)

        def grouped(table: dict[str, list[str]]) -> str:
            return "|".join(re.escape(c) + "(?:" + "|".join(rests) + ")" for c, rests in table.items())

        self.patterns = [p for p in (
            re.compile("|".join(anchored)) if anchored else None,
            re.compile(rf"(?<!\w)(?:{grouped(bounded)})") if bounded else None,
            re.compile(grouped(unbounded)) if unbounded else None,
            re.compile("|".join(other)) if other else None) if p is not None]
        self.anchored = self.patterns[0] if anchored else None
        if len(self.patterns) == 1 and self.anchored is None:
            self.search = self.patterns[0].search   # type: ignore[method-assign]  # one pattern: no loop at all

    @staticmethod
    def _expand(fragment: str) -> list[str]:
        m = LEADING_GROUP.match(fragment)
        if not m or "|" not in m.group(2) or m.group(3)[:1] in "*+{":
            return [fragment]
        lead, rest = m.group(1) or "", m.group(3)
        if rest.startswith("?"):   # an optional group: each word, or none ("(?:in )?order" finds "order")
            return [f"{lead}{word}{rest[1:]}" for word in m.group(2).split("|")] + [f"{lead}{rest[1:]}"]
        return [f"{lead}{word}{rest}" for word in m.group(2).split("|")]

    def search(self, lower: str) -> object:
        """Whether a fragment occurs in `lower` (text already lower-cased): a true value if so."""
        return any(p.match(lower) if p is self.anchored else p.search(lower) for p in self.patterns)


def _spaced_word(fragment: str) -> bool:
    """A fragment led by a word of a spaced script (Latin, Cyrillic) or an anchor: the costly kind to
    look for everywhere, as a search tries it at every position of the text."""
    lead = fragment.lstrip("^(?:\\b")[:1]
    return fragment.startswith(("\\b", "^")) or lead.isascii() or "\u00c0" <= lead <= "\u052f"


@cache
def pattern_for(key: str, language: str | None) -> re.Pattern[str]:
    """`key`'s fragments as one pattern for a letter in `language`: that language's and English's,
    and every language's fragments in scripts without spaces (CJK, Hangul, Arabic: cheap to look for,
    and often mixed into letters in other languages). Reading a French letter with German and Russian
    demand phrases costs time at every position of every sentence and finds nothing."""
    own = {language, "en"}
    chosen: dict[str, None] = {}
    for lang, data in table().items():
        for fragment in data.get(key) or []:
            if lang in own or not _spaced_word(str(fragment)):
                chosen.setdefault(str(fragment))
    return re.compile("|".join(chosen) or "(?!)", re.I)


def babel_locales() -> tuple[str, ...]:
    return tuple(data["babel_locale"] for data in table().values() if data.get("babel_locale"))


def examples() -> list[tuple[str, str, str]]:
    """(language, key, example line) for every example of every file."""
    return [(lang, key, text) for lang, data in table().items()
            for key, texts in (data.get("examples") or {}).items() for text in texts]

