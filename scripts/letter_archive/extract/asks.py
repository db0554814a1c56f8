"""What a sentence that asks looks like, in every language's words (read by demands, and by
signatories to tell a list of what is asked from a list of who signs)."""

from __future__ import annotations

import re

from .languages import LowerMatcher, alternation, fragments
from .text import plain

DEMAND_SUBJECT = alternation("demand_subject")
DEMAND_VERB = alternation("demand_verb")
ADVERBS = rf"(?:{alternation('demand_adverb')}\s+)*"


# "We urge", "For these reasons we request:", "we would like to call on", "I want to propose": the subject
# anywhere in the sentence, but directly before its verb (an adverb or two between), so "what we ask is" is not one.
DEMAND = re.compile(rf"\b{DEMAND_SUBJECT},?\s+(?:the undersigned,\s+)?{ADVERBS}(?:would like to\s+|wish to\s+|want to\s+)?"
                    rf"{DEMAND_VERB}\b", re.I)


# "Creative Commons urges Syrian authorities to …": the sender, named, opens the sentence.
DEMAND_NAMED = re.compile(rf"^[\W_]*(?:[A-Z][\w&.'’-]*\s+){{1,5}}?{ADVERBS}{alternation('demand_verb_third')}\b")
# the same as DEMAND_OTHER (demands), matched against the lower-cased sentence: much faster than a
# case-insensitive search
DEMAND_PHRASE = LowerMatcher(fragments("demand_phrase"))


def announces_demands(line: str) -> bool:
    """A line that asks and announces what follows: "We demand:", "Wir fordern folgende Maßnahmen:"."""
    text = plain(line).strip()
    return text.endswith((":", "：")) and bool(DEMAND.search(text) or DEMAND_PHRASE.search(text.lower())
                                              or DEMAND_NAMED.search(text))
