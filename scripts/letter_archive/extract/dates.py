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
            # 13 February 2020 / 05. Mai 2020 / 30 de abril de 2020 / 1er mars 2020
            rf"{day.format('d2')}\.?\s+(?:de\s+)?(?P<m2>{months})\.?,?\s+(?:de\s+|del\s+)?(?P<y2>\d{{4}})",
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
        ]),
        re.I,
    )


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


def find_dates(text: str) -> list[FoundDate]:
    """Every date written in `text`, in order."""
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
        else:
            iso, problem = _iso(int(g["y7"]), _month(g["m7"]), None)
        found.append(FoundDate(m.start(), m.end(), iso, problem))
    return found


HAS_DIGIT = re.compile(r"\d")
DATE_LINE_FILLER = re.compile(
    rf"^[\s*_#(]*(?:{alternation('date_label')}|[\w .,'’-]{{0,120}}?(?:,|\s)\s*{alternation('date_article')}?)?\s*$", re.I)


def standalone_date(line: str) -> FoundDate | None:
    """The date when a line is only a date (with at most a 'Date:' label or a place before it)."""
    if len(line) > 160 or not HAS_DIGIT.search(line):   # every date we read has digits: skip prose cheaply
        return None
    dates = find_dates(line)
    if len(dates) != 1:
        return None
    d = dates[0]
    before, after = line[: d.start], line[d.end:]
    if re.fullmatch(r"[\s.,:;)*_]*", after) and DATE_LINE_FILLER.match(before):
        return d
    return None
