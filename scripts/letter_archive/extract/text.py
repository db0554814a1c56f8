"""Text helpers shared by the field readers: Markdown marks off, sentences split."""

from __future__ import annotations

import re

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


def plain(text: str) -> str:
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return re.sub(r"(\*\*|__|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*]))", "", text).strip(" #\t")
