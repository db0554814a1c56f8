"""Search relevance: which letters a query should find, computed from the letters' own text, and the
measure of what the site's search found against it (tests/test_search_relevance.py, `letters bench`).

The rule, stated once (README, "Search"):
- a query finds a letter when every word of the query is a word of the letter's text, its signature
  lists included, with the same English stem ("abductions" and "abduction"; Snowball's English stemmer,
  as Pagefind uses), case and accents folded, hyphens and punctuation dropped inside a word as Pagefind
  does ("Jae-in" is "jaein"). Japanese, Chinese and Korean are found as written anywhere in the text
  (Korean words carry their particles: 수용소 is found in 수용소의);
- or when the letter was signed under that name: the query, as one word of letters and digits, is the
  whole name of one of its signatories, as written, as the archive names it or under an alias ("CSW"
  finds the letters Christian Solidarity Worldwide signed).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]+")
PUNCT_CATEGORIES = {"Pd", "Pe", "Pf", "Pi", "Po", "Ps"}      # what Pagefind drops from a word


def fold(text: str) -> str:
    text = unicodedata.normalize("NFD", text)   # recomposed after: Korean syllables stay syllables
    return unicodedata.normalize("NFC", "".join(ch for ch in text if not unicodedata.combining(ch))).lower()


def strip_punct(word: str) -> str:
    return "".join(ch for ch in word if unicodedata.category(ch) not in PUNCT_CATEGORIES)


@cache
def _stemmer():
    import snowballstemmer
    return snowballstemmer.stemmer("english")


@cache
def stem(word: str) -> str:
    return _stemmer().stemWord(word)


def name_token(text: str) -> str:
    return "".join(ch for ch in fold(text) if ch.isalnum())


@dataclass
class Query:
    words: list[str]     # folded, punctuation dropped, no CJK
    cjk: list[str]       # runs of Japanese, Chinese, Korean
    token: str           # the whole query as one word


def parse(query: str) -> Query:
    words, cjk = [], []
    for raw in query.replace('"', " ").split():
        word = strip_punct(fold(raw))
        cjk += CJK.findall(word)
        words += [w for w in CJK.sub(" ", word).split() if w]
    return Query(words, cjk, name_token(query))


@dataclass
class Letter:
    url: str             # the letter page, relative to the site root: letters/<id>/
    text: str            # the letter's own text, signature lists included
    names: set[str]      # every form of every signatory's name: as written, the archive's, aliases

    @property
    def stems(self) -> set[str]:
        if not hasattr(self, "_stems"):
            found = set()
            for piece in fold(self.text).split():
                parts = re.findall(r"[^\W_]+", piece)      # "Jae-in": "jaein", "jae", "in"
                for w in {"".join(parts), *parts}:
                    if w:
                        found.add(stem(w))
            self._stems = found
            self._flat = re.sub(r"\s+", "", fold(self.text))
            self._tokens = {name_token(n) for n in self.names} - {""}
        return self._stems


def signed_under(letter: Letter, q: Query) -> bool:
    letter.stems   # noqa: B018 - fills the caches
    if len(q.token) < 2 or q.cjk:
        return False
    return q.token in letter._tokens


def matches(letter: Letter, query: str) -> bool:
    q = parse(query)
    if not q.words and not q.cjk:
        return False
    stems = letter.stems
    if all(stem(w) in stems for w in q.words) and all(run in letter._flat for run in q.cjk):
        return True
    return signed_under(letter, q)


def truth(letters: list[Letter], query: str) -> set[str]:
    return {letter.url for letter in letters if matches(letter, query)}


def score(found: list[str], expected: set[str]) -> tuple[float, float]:
    """(recall, precision) of one query; both 1.0 when nothing was expected and nothing found."""
    hits = len(set(found) & expected)
    recall = hits / len(expected) if expected else 1.0
    precision = hits / len(set(found)) if found else (1.0 if not expected else 0.0)
    return recall, precision


# ---- Driving the site's own search in Chromium (Playwright page, site served at base) ----------------

RESULT_LINKS = "Array.from(document.querySelectorAll('%s .archive-search__title')).map(a => a.getAttribute('href'))"


def letter_path(href: str) -> str:
    """letters/<id>/ from a result's link, whatever its prefix."""
    m = re.search(r"letters/[^/?#]+/", href)
    return m.group(0) if m else href


def search_page_results(page, base: str, query: str, timeout: float = 30000) -> dict:
    """Every result of the search page (/search/?q=…), page after page: links, count, items' text."""
    from urllib.parse import quote
    page.goto(base + "search/?q=" + quote(query))
    status = ".search-status"
    page.wait_for_function(f"(document.querySelector('{status}') || {{}}).textContent && "
                           f"/match/.test(document.querySelector('{status}').textContent)", timeout=timeout)
    first_status = page.inner_text(status)
    links: list[str] = []
    items: list[dict] = []
    while True:
        items += page.evaluate(ITEMS % "#search-results")
        links += [letter_path(h) for h in page.evaluate(RESULT_LINKS % "#search-results")]
        nxt = page.locator(".search-pager a", has_text="Next")
        if not nxt.count():
            break
        before = page.inner_text(status)
        nxt.first.click()
        page.wait_for_function(f"document.querySelector('{status}').textContent !== {before!r} && "
                               f"/match/.test(document.querySelector('{status}').textContent)", timeout=timeout)
    return {"links": links, "status": first_status, "items": items}


def header_box_results(page, base: str, query: str, timeout: float = 30000) -> dict:
    """What the header box shows for a query typed into it: its count line and first results."""
    page.goto(base)
    page.fill("#archive-q", query)
    page.wait_for_function("/match/.test(document.querySelector('.archive-search__status').textContent) && "
                           "document.querySelector('.archive-search__list').dataset.final", timeout=timeout)
    return {"links": [letter_path(h) for h in page.evaluate(RESULT_LINKS % "#archive-results")],
            "status": page.inner_text(".archive-search__status"), "items": page.evaluate(ITEMS % "#archive-results")}


ITEMS = """Array.from(document.querySelectorAll('%s .archive-search__list > li')).map(li => ({
  href: li.querySelector('.archive-search__title').getAttribute('href'),
  excerpt: (li.querySelector('.archive-search__excerpt') || {}).textContent || '',
  marks: Array.from(li.querySelectorAll('.archive-search__excerpt mark')).map(m => m.textContent),
  signed: (li.querySelector('.archive-search__signed') || {}).textContent || ''
}))"""


def count_of(status: str) -> int:
    m = re.search(r"(\d[\d,]*) letters? match", status)
    return int(m.group(1).replace(",", "")) if m else 0
