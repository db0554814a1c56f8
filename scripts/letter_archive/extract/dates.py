"""Find and parse dates written in letters: month names of several languages (from Babel's locale
data), East Asian year/month/day forms, ISO dates, and numeric dates that may be ambiguous."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

from babel.dates import get_month_names

from .languages import alternation, babel_locales


@dataclass(frozen=True)
class FoundDate:
    start: int
    end: int
    iso: str | None        # None when the text names a day that does not exist, or is ambiguous
    problem: str | None = None


@cache
def month_table() -> dict[str, int]:
    table: dict[str, int] = {}
    for locale in babel_locales():
        for width in ("wide", "abbreviated"):
            for number, name in get_month_names(width, locale=locale).items():
                for form in (name, name.rstrip(".")):
                    if len(form) >= 3:
                        table.setdefault(form.lower(), number)
    table.setdefault("sept", 9)
    return table


@cache
def date_pattern() -> re.Pattern[str]:
    months = "|".join(sorted((re.escape(m) for m in month_table()), key=len, reverse=True))
    day = r"(?P<{}>[0-3]?\d)(?:st|nd|rd|th|er|º)?"
    return re.compile(
        "|".join([
            # February 13, 2020 / Feb. 13 2020
            rf"(?P<m1>{months})\.?\s+{day.format('d1')},?\s+(?P<y1>\d{{4}})",
            # 13 February 2020 / 05. Mai 2020 / 30 de abril de 2020 / 1er mars 2020 / 3rd of May 2022
            rf"{day.format('d2')}\.?\s+(?:de\s+|of\s+)?(?P<m2>{months})\.?,?\s+(?:de\s+|del\s+)?(?P<y2>\d{{4}})",
            # 2020년 1월 8일 / 2020年2月13日
            r"(?P<y3>\d{4})\s*[년年]\s*(?P<m3>\d{1,2})\s*[월月]\s*(?P<d3>\d{1,2})\s*[일日]",
            # 2020-02-13
            r"(?<![\d-])(?P<y4>\d{4})-(?P<m4>\d{2})-(?P<d4>\d{2})(?![\d-])",
            # 13.02.2020 (day first, as written wherever dots are used)
            r"(?<![\d.])(?P<d5>[0-3]?\d)\.(?P<m5>[01]?\d)\.(?P<y5>\d{4})(?![\d.])",
            # 02/03/2020: ambiguous unless one part is above 12
            r"(?<![\d/])(?P<a6>\d{1,2})/(?P<b6>\d{1,2})/(?P<y6>\d{4})(?![\d/])",
            # March 2020 (a month)
            rf"(?P<m7>{months})\.?,?\s+(?P<y7>(?:19|20)\d\d)(?!\d)",
            # 二零一九年七月十九日 (Chinese numerals, the year digit by digit)
            rf"(?P<y8>[{CJK_DIGITS}]{{4}})\s*年\s*(?P<m8>[{CJK_DIGITS}十]{{1,3}})\s*月\s*(?P<d8>[{CJK_DIGITS}十]{{1,3}})\s*[日号]",
            # 令和2年6月23日 (a Japanese era year)
            rf"(?P<era>{'|'.join(ERAS)})\s*(?P<y9>元|\d{{1,2}})\s*年\s*(?P<m9>\d{{1,2}})\s*月\s*(?P<d9>\d{{1,2}})\s*日",
        ]),
        re.I,
    )


CJK_DIGITS = "〇零一二三四五六七八九"
ERAS = {"令和": 2018, "平成": 1988, "昭和": 1925}   # year 1 of each era is the year after this


def _cjk_number(text: str) -> int:
    """'十九' -> 19, '二零一九' -> 2019 (digit by digit), '七' -> 7."""
    value = {c: max(i - 1, 0) for i, c in enumerate(CJK_DIGITS)}   # 〇 and 零 are both 0
    if "十" not in text:
        return int("".join(str(value[c]) for c in text))
    tens, _, ones = text.partition("十")
    return (value[tens] if tens else 1) * 10 + (value[ones] if ones else 0)


def _iso(year: int, month: int, day: int | None) -> tuple[str | None, str | None]:
    if not 1 <= month <= 12:
        return None, f"{year}-{month:02d}: there is no month {month}"
    if day is None:
        return f"{year:04d}-{month:02d}", None
    try:
        return dt.date(year, month, day).isoformat(), None
    except ValueError:
        return None, f"{year:04d}-{month:02d}-{day:02d} is not a day of the calendar"


def _month(name: str) -> int:
    return month_table()[name.lower().rstrip(".")]


# Every date the pattern reads has a year of four digits, or the year sign 年 (CJK numerals, eras):
# a line without either holds no date, and is not searched (most lines of a list of names).
HAS_YEAR = re.compile(r"\d{4}|年")


def find_dates(text: str) -> list[FoundDate]:
    """Every date written in `text`, in order."""
    if not HAS_YEAR.search(text):
        return []
    found = []
    for m in date_pattern().finditer(text):
        g = m.groupdict()
        if g["m1"]:
            iso, problem = _iso(int(g["y1"]), _month(g["m1"]), int(g["d1"]))
        elif g["m2"]:
            iso, problem = _iso(int(g["y2"]), _month(g["m2"]), int(g["d2"]))
        elif g["y3"]:
            iso, problem = _iso(int(g["y3"]), int(g["m3"]), int(g["d3"]))
        elif g["y4"]:
            iso, problem = _iso(int(g["y4"]), int(g["m4"]), int(g["d4"]))
        elif g["y5"]:
            iso, problem = _iso(int(g["y5"]), int(g["m5"]), int(g["d5"]))
        elif g["y6"]:
            a, b, year = int(g["a6"]), int(g["b6"]), int(g["y6"])
            if a > 12 or b > 12:
                iso, problem = _iso(year, min(a, b) if a > 12 else a, a if a > 12 else b)
            elif a == b:
                iso, problem = _iso(year, a, b)
            else:
                iso = None
                problem = (f"{m.group(0)} is ambiguous: {year}-{a:02d}-{b:02d} (month first) or "
                           f"{year}-{b:02d}-{a:02d} (day first)")
        elif g["y7"]:
            iso, problem = _iso(int(g["y7"]), _month(g["m7"]), None)
        elif g["y8"]:
            iso, problem = _iso(_cjk_number(g["y8"]), _cjk_number(g["m8"]), _cjk_number(g["d8"]))
        else:
            year = 1 if g["y9"] == "元" else int(g["y9"])
            iso, problem = _iso(ERAS[g["era"]] + year, int(g["m9"]), int(g["d9"]))
        found.append(FoundDate(m.start(), m.end(), iso, problem))
    return found


DATE_LINE_FILLER = re.compile(
    rf"^[\s*_#(]*(?:{alternation('date_label')}|[\w .,'’()-]{{0,120}}?(?:,|\s)\s*{alternation('date_article')}?)?\s*$", re.I)


TRAILER = re.compile(r"[\s.,:;)*_]*(?:\d{1,2}:\d{2}(?::\d{2})?[\s.)*_]*)?")   # a time may follow: "2009-12-10 15:07"
SENTENCE_END = re.compile(r"[a-zß-ÿ]{2}[.!?]\s+[A-ZÀ-Þ]")
LOWER_WORD = re.compile(r"(?<![\w'’-])[a-zß-ÿ][\w'’-]{3,}")


def standalone_date(line: str) -> FoundDate | None:
    """The date when a line is only a date (with at most a 'Date:' label or a place before it)."""
    if len(line) > 160 or not HAS_YEAR.search(line):   # every date we read has a year: skip the rest cheaply
        return None
    dates = find_dates(line)
    if len(dates) != 1:
        return None
    d = dates[0]
    before, after = line[: d.start], line[d.end:]
    # before it, a place or a label, not a clause ("in its decision of")
    if (TRAILER.fullmatch(after) or _byline_after(after)) and DATE_LINE_FILLER.match(before) \
            and len(LOWER_WORD.findall(before)) <= 1 and not SENTENCE_END.search(before):
        return d
    return None


# a web page's byline after its date: "Posted on 9 November 2021 by Fair Farms Campaign"
BYLINE_AFTER = re.compile(rf"^[\s,|·–—-]*(?:{alternation('byline')})\s+(?P<name>[^\W\d_][^.!?;:]{{0,80}})$")


def _byline_after(after: str) -> bool:
    """The words after a date name who posted it: a name in capitals (or in a script without them),
    not a clause ("by the assembly")."""
    m = BYLINE_AFTER.match(after.rstrip(" *_"))
    return bool(m) and not m.group("name")[0].islower()
