"""What a sentence that asks looks like, in every language's words (read by demands, and by
signatories to tell a list of what is asked from a list of who signs)."""

from __future__ import annotations

import re

from .languages import LowerMatcher, alternation, fragments
from .text import plain

DEMAND_SUBJECT = alternation("demand_subject")
DEMAND_VERB = alternation("demand_verb")
ADVERBS = rf"(?:{alternation('demand_adverb')}\s+)*"
# "We write to urge you", "We are writing on behalf of 40 groups to ask you": why one writes, then the ask
DEMAND_PURPOSE = alternation("demand_purpose")


# "We urge", "For these reasons we request:", "we would like to call on", "I want to propose": the subject
# anywhere in the sentence, but directly before its verb (an adverb or two between, or what the subject is:
# "We, the founders of these companies, request"), so "what we ask is" is not one.
ASK_VERB = rf"(?:would like to\s+|wish to\s+|want to\s+)?{DEMAND_VERB}\b"
DEMAND = re.compile(rf"\b{DEMAND_SUBJECT},?\s+(?:the undersigned,\s+|the\s[^,.;]{{1,80}}?,\s+)?{ADVERBS}{ASK_VERB}", re.I)
# The letter's purpose, said as an ask: "We are writing on behalf of 40 groups to urge you to …". It
# sums up the asks a letter goes on to make, so it is a demand only where the letter makes no other
# (demands.extract_demands), or when it announces the list of them.
PURPOSE_ASK = re.compile(rf"\b{DEMAND_SUBJECT},?\s+{ADVERBS}{DEMAND_PURPOSE}\s+{ADVERBS}{ASK_VERB}", re.I)


# "Open Rivers urges the regional authorities to …": the sender, named, opens the sentence.
DEMAND_NAMED = re.compile(rf"^[\W_]*(?:[A-Z][\w&.'’-]*\s+){{1,5}}?{ADVERBS}{alternation('demand_verb_third')}\b")
# A named body's duty: the sentence (or its main clause, after an opening clause and a comma) starts
# with a body's name - capitalised words, "of", "for", "and" between them, perhaps joined by "and" to
# a body in lower case ("the Commission and national governments") - then must/should and a verb:
# "The European Commission must also investigate …", "In the meantime, the regulator should issue …".
NAME_WORD = r"[A-Z][\w.&’'-]*"
NAMED_DUTY = re.compile(
    rf"(?:^|,\s+)(?![Tt]he\s+(?i:{alternation('pronoun')})\b)(?!(?i:{alternation('pronoun')})\b)(?:[Tt]he\s+)?"
    rf"{NAME_WORD}(?:\s+(?:(?:of|for|on|and|the|de)\s+)?{NAME_WORD})*"
    rf"(?:,?\s+and\s+(?:the\s+)?(?:{NAME_WORD}\s+|[a-z]+\s+)?(?:{NAME_WORD}|[a-z]+),?)?"
    rf"\s+(?:[a-z]+ly\s+|also\s+|now\s+)*(?:{alternation('duty_modal')})\s+(?:not\s+)?(?:[a-z]+ly\s+|also\s+|now\s+)*"
    rf"(?!have\b|be\s+(?:noted|said|remembered|stressed|emphasi[sz]ed|recalled)\b)[a-z]{{2,}}\b")
# the same as DEMAND_OTHER (demands), matched against the lower-cased sentence: much faster than a
# case-insensitive search
DEMAND_PHRASE = LowerMatcher(fragments("demand_phrase"))


def announces_demands(line: str) -> bool:
    """A line that asks and announces what follows: "We demand:", "Wir fordern folgende Maßnahmen:"."""
    text = plain(line).strip()
    return text.endswith((":", "：")) and (asks(text) or bool(NAMED_DUTY.search(text)))


def asks_by_purpose(sentence: str) -> bool:
    """The sentence says why the letter is written, as an ask: "We write to urge you to …"."""
    return bool(PURPOSE_ASK.search(sentence))


def asks(sentence: str) -> bool:
    """The sentence asks: "we urge …", a phrase that asks in any language, a named sender's "… urges"."""
    return bool(DEMAND.search(sentence) or DEMAND_PHRASE.search(sentence.lower()) or DEMAND_NAMED.search(sentence))
