"""Pages from templates: the Jinja environment of the site stage and the filters its templates use.

Every value a template prints is escaped by Jinja's autoescape; the only HTML that reaches a page
unescaped is the letter text that markup.letter_html wrote (escaped there, character by character)
and the output of the templates' own macros. Undefined names are errors, never blanks; None prints
as nothing (a letter without a date has no `datetime`)."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

from babel import Locale, UnknownLocaleError
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from ..model import Person, Record
from . import routes

TEMPLATES = Path(__file__).resolve().parent / "templates"
KIND_LABEL = {"letter": "Letter", "press-release": "Press release", "statement": "Statement", "commentary": "Commentary"}
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]


def human_date(iso: str | None) -> str:
    if not iso:
        return "undated"
    parts = iso.split("-")
    if len(parts) == 1:
        return parts[0]
    month = MONTHS[int(parts[1]) - 1]
    return f"{month} {parts[0]}" if len(parts) == 2 else f"{int(parts[2])} {month} {parts[0]}"


def kind_label(kind: str | None, default: str | None = "") -> str | None:
    """'press-release' -> 'Press release'; an unknown kind -> `default`."""
    return KIND_LABEL.get(kind or "", default)


def addressed(kind: str | None) -> str:
    """How a document relates to whom it names: a letter or statement is sent *to* its addressee; a
    press release or commentary is *about* it. Results, feeds, the home page and the letter page say it
    alike (issue 23: "to Japan" in results and feeds, "about Japan" on the home page)."""
    return "to" if kind in ("letter", "statement") else "about"


LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")


def lang_tag(code: str | None) -> str | None:
    """A record's language as an HTML lang value (BCP 47: 'ko', 'pt-BR'), or None where it is not one
    ('English' written by an editor, nothing detected): no lang is better than a wrong one."""
    tag = (code or "").strip().replace("_", "-")
    return tag if LANGUAGE_TAG.fullmatch(tag) else None


def lang_attr(code: str | None) -> Markup:
    """` lang="ko"` for an element holding a letter's words (WCAG 3.1.2, language of parts: the page
    around them is in English), or nothing."""
    tag = lang_tag(code)
    return Markup(f' lang="{escape(tag)}"') if tag else Markup("")


def language_name(code: str) -> str:
    """'en' -> 'English', in English (Babel's locale data); the code itself when Babel does not know it."""
    try:
        return Locale.parse(code).get_display_name("en") or code
    except (ValueError, TypeError, UnknownLocaleError):
        return code


def date_sort_key(iso: str | None) -> str:
    """A date as a number Pagefind sorts by: 2020-03 -> 20200300; undated -> 0, before every date
    (a page without a sort value is left out of sorted results)."""
    return (iso.replace("-", "") + "0000")[:8] if iso else "0"


def people(items: list[Person]) -> str:
    """'Moon Jae-in, President; Chung Eui-yong, Minister' (text: the template escapes it)."""
    return "; ".join(", ".join(x for x in (p.name, p.title) if x) for p in items)


def signatory_count(record: Record) -> str:
    s = record.signatories
    if s.claimed is None and not s.listed:
        return ""
    if s.claimed is not None and s.claimed != s.listed:
        return f"{s.listed} signatories listed ({s.claimed} stated)"
    return f"{s.listed or s.claimed} signatories"


def plural(n: int, noun: str) -> str:
    return f"{n} {noun}{'s' if n != 1 else ''}"


@cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES), autoescape=True, undefined=StrictUndefined,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True, auto_reload=False,
        finalize=lambda value: "" if value is None else value)
    env.filters.update(human_date=human_date, kind_label=kind_label, people=people, addressed=addressed,
                       signatory_count=signatory_count, plural=plural, ord=ord,
                       language_name=language_name, date_sort_key=date_sort_key, lang_attr=lang_attr)
    env.globals.update(routes=routes)
    return env


def render(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)


@cache
def macro(name: str, template: str = "macros.html") -> Any:
    """A macro of the templates, to call from Python: it returns Markup (escaped by its template)."""
    return getattr(environment().get_template(template).module, name)


__all__ = ["environment", "human_date", "kind_label", "macro", "people", "plural", "render",
           "signatory_count"]
