"""What a binary document (PDF, Word, ODT, e-mail) adds to its extraction: its format, pages and text
as read, and the file's own metadata date, taken only as a last resort and said so in the report."""

from __future__ import annotations

from ..errors import Problem
from ..model import Record
from ..readers import Source

METADATA = {"PDF": "CreationDate", "Word document": "docProps/core.xml", "OpenDocument text": "meta.xml",
            "e-mail": "Date header"}


def origin_of(source: Source) -> dict:
    """What the extraction keeps of a binary document: its format, pages and metadata, and its text
    as read (published beside the original; a cached extraction has no Source to take it from)."""
    return {**source.origin, "text": source.plain} if source.origin else {}


def metadata_date(record: Record, source: Source, where: dict, problems: list[Problem]) -> None:
    """No date in the text and none in front matter: the file's creation date (PDF CreationDate, DOCX
    core.xml, ODT meta.xml, the e-mail's Date header), with a warning: a file is often made, or saved
    again, days after the letter was dated."""
    created = source.origin.get("created")
    if record.date or not created or "date" in source.front:
        return
    fmt = source.origin.get("format", "file")
    record.date = created
    where["date"] = "file metadata"
    problems.append(Problem(
        "warning", "date", None,
        f"no date in the text: the date {created} is the {fmt}'s own ({METADATA.get(fmt, 'metadata')}), "
        "which can be later than the letter's",
        "check it; to correct it, put `date: YYYY-MM-DD` in <corrections>"))
