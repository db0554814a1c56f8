"""Text helpers shared by the field readers: Markdown marks off, sentences split."""

from __future__ import annotations

import re
import unicodedata

ABBREVIATIONS = re.compile(r"\b(?:U\.S|U\.K|U\.N|e\.g|i\.e|Mr|Ms|Mrs|Dr|Prof|No|Nos|St|Jr|Sr|vs|etc|para|art|Inc|Ltd)\.$", re.I)


def sentences(text: str) -> list[str]:
    """Split a paragraph into sentences, keeping abbreviations such as U.S. and e.g. intact."""
    pieces = re.split(r"(?<=[.!?。])[\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9가-힣])", " ".join(text.split()))
    out: list[str] = []
    for piece in pieces:
        if out and ABBREVIATIONS.search(out[-1]):
            out[-1] = f"{out[-1]} {piece}"
        else:
            out.append(piece)
    return out


# A Markdown link or image, `[text](target)`, with one level of parentheses in the target. Neither part
# may hold the bracket that opens the next one, so a failed match stops at the next `[` or `(` instead
# of scanning to the end of the text: `[x](` repeated 500,000 times was quadratic (over 120 s).
MARKDOWN_LINK = re.compile(r"!?\[([^\[\]\n]*)\]\([^()\n]*(?:\([^()\n]*\)[^()\n]*)*\)")


# bold and italic marks, with * or _ (an _ inside a word, as in snake_case, stays)
EMPHASIS_MARK = re.compile(r"(\*\*|__|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])|(?<![\w_])_(?=\S)|(?<=\S)_(?![\w_]))")


def plain(text: str) -> str:
    if "[" in text or "*" in text or "_" in text:   # most lines have no markup: nothing to look for
        text = EMPHASIS_MARK.sub("", MARKDOWN_LINK.sub(r"\1", text))
    return text.strip(" #\t")


LOOKALIKE_SCRIPTS = frozenset({"LATIN", "CYRILLIC", "GREEK"})   # alphabets whose letters look alike


def mixed_script(name: str) -> str | None:
    """'Latin and Cyrillic' when one word of the name mixes alphabets whose letters look alike."""
    if name.isascii():      # one alphabet only (most names): nothing to look up
        return None
    for word in name.split():
        scripts = {unicodedata.name(c, "?").split()[0] for c in word if c.isalpha()} & LOOKALIKE_SCRIPTS
        if len(scripts) > 1:
            return " and ".join(sorted(s.capitalize() for s in scripts))
    return None
