"""Data exports at stable URLs under /data/, and the Data page that describes them.

letters.json (every record, the one serialisation: Record.to_dict), letters.csv (a row per
document), signatories.csv (a row per document and signatory), demands.csv (a row per demand) and
letters-cmif.xml (the Correspondence Metadata Interchange Format, TEI: a correspDesc per letter, what
correspSearch harvests). All are UTF-8; the CSV files are RFC 4180 (comma, double quotes, CRLF)."""

from __future__ import annotations

import csv
import io
import json
import math
import os
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from ..model import Identity, Record
from . import routes
from .pages import by_date_desc, docs_page, lastmod

TEI = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
LICENCE = "CC0 1.0"
LICENCE_URL = "https://creativecommons.org/publicdomain/zero/1.0/"
CLOUDFLARE_MAX_FILE = 25 * 2**20   # Cloudflare Pages serves no file larger than 25 MiB
LETTERS_JSON, LETTERS_CSV, CMIF = routes.EXPORT, routes.data_file("letters.csv"), routes.data_file("letters-cmif.xml")
SIGNATORIES_CSV, DEMANDS_CSV = routes.data_file("signatories.csv"), routes.data_file("demands.csv")


@dataclass
class Export:
    path: str                   # docs-relative, and so site-relative
    title: str
    format: str
    about: str
    columns: list[tuple[str, str]]


LETTER_COLUMNS = [
    ("id", "the permanent id; the page is /letters/<id>/"), ("page_url", "the document's page in this archive"),
    ("kind", "letter, press-release, statement or commentary"), ("date", "YYYY-MM-DD, or YYYY-MM / YYYY when only that is known"),
    ("title", "as the document gives it"), ("language", "ISO 639-1 code"),
    ("addressees", "name, title; several separated by ' | '"), ("governments", "governments and bodies concerned, ' | '"),
    ("signatories_stated", "the count the text states (empty when it states none)"),
    ("signatories_listed", "the names the text lists"), ("demands", "how many demands"),
    ("first_demand", "the first demand, as written"), ("publisher", "who published it, where known"),
    ("author", "its author, where known"), ("source_url", "where it was published, where known"),
    ("original_url", "the file as received, byte for byte"), ("related", "ids of related documents, ' | '"),
    ("tags", "the topics an editor gave it, ' | '; each has a page, /tags/<name>/"),
]
SIGNATORY_COLUMNS = [
    ("letter_id", "the document's id (its page, date and title are in letters.csv)"),
    ("position", "1 for the first name listed"), ("group", "the heading the name is listed under"),
    ("name", "as the document writes it"), ("signatory", "the archive's name for the signatory (spellings merged)"),
    ("signatory_url", "the signatory's page: every document it signed"), ("type", "organization or individual"),
    ("affiliation", "for individuals, where given"), ("country", "ISO 3166-1 alpha-2 code, where given"),
]
DEMAND_COLUMNS = [
    ("letter_id", "the document's id"), ("letter_date", "its date"), ("number", "1 for the first demand"),
    ("demand_url", "a link to the demand on the page (#demand-N)"), ("text", "the demand, as written"),
]
EXPORTS = [
    Export(LETTERS_JSON, "Every record", "JSON",
           "An array of records, newest first, with every field the archive knows (the same keys as the front matter "
           "of a letter file), including every signatory with its group, type and country.", []),
    Export(LETTERS_CSV, "Documents", "CSV", "One row per document.", LETTER_COLUMNS),
    Export(SIGNATORIES_CSV, "Signatories", "CSV", "One row per document and signatory, in the order listed.",
           SIGNATORY_COLUMNS),
    Export(DEMANDS_CSV, "Demands", "CSV", "One row per demand.", DEMAND_COLUMNS),
    Export(CMIF, "Letters in CMIF", "TEI XML",
           "The Correspondence Metadata Interchange Format (TEI): one correspDesc per letter with its signing "
           "organisations as senders, its addressee, its date and its URL. Press releases and commentary are not "
           "correspondence and are left out. Register this file's URL with correspSearch to make the letters "
           "findable beside other archives' letters.", []),
]


def page(root: str, record: Record) -> str:
    return routes.absolute(root, routes.letter(record.id))


# A cell that starts with one of these is a formula to a spreadsheet (=HYPERLINK(…), +cmd|…, @SUM): a
# signatory named "=1+1" would be run by whoever opens signatories.csv. As OWASP advises ("CSV Injection"),
# such a cell starts with a single quote, which spreadsheets show as text; the Data page says so.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: object) -> object:
    """A CSV cell no spreadsheet takes for a formula: text starting with FORMULA_START gets a leading "'"."""
    if value is None:
        return ""
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_START) else value


def _csv(columns: list[tuple[str, str]], rows: list[list[object]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([name for name, _ in columns])
    writer.writerows([[spreadsheet_safe(v) for v in row] for row in rows])
    return out.getvalue().encode()


def export_json(records: list[Record]) -> bytes:
    """Every record, one per line (json's C encoder; an indented dump of 10,000 records took seconds)."""
    rows = (json.dumps(r.to_dict(), ensure_ascii=False, sort_keys=False) for r in records)
    return ("[\n" + ",\n".join(rows) + "\n]\n").encode()


def letters_csv(records: list[Record], root: str, originals: dict[str, str]) -> bytes:
    rows = []
    for r in records:
        rows.append([r.id, page(root, r), r.kind, r.date, r.title, r.language,
                     " | ".join(", ".join(x for x in (p.name, p.title) if x) for p in r.addressees),
                     " | ".join(r.governments), r.signatories.claimed, r.signatories.listed, len(r.demands),
                     r.demands[0] if r.demands else "", r.publisher, r.author, r.url,
                     routes.absolute(root, originals[r.id]) if r.id in originals else "", " | ".join(r.related),
                     " | ".join(r.tags)])
    return _csv(LETTER_COLUMNS, rows)


def signatories_csv(records: list[Record], root: str, identities: dict[str, Identity]) -> bytes:
    rows = []
    for r in records:
        position = 0
        for group in r.signatories.groups:
            for entry in group.signatories:
                position += 1
                ident = identities[entry.name]
                rows.append([r.id, position, group.label, entry.name, ident.name,
                             routes.absolute(root, routes.signatory(ident.slug)), entry.type, entry.affiliation, entry.country])
    return _csv(SIGNATORY_COLUMNS, rows)


def demands_csv(records: list[Record], root: str) -> bytes:
    rows = [[r.id, r.date, n, f"{page(root, r)}#demand-{n}", demand]
            for r in records for n, demand in enumerate(r.demands, 1)]
    return _csv(DEMAND_COLUMNS, rows)


def _tei(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, tag, attrs)
    if text is not None:
        el.text = text
    return el


def cmif(records: list[Record], root: str, site_name: str) -> bytes:
    """CMIF 2 (TEI): the header says who publishes the list and under which licence; each letter is a
    correspDesc whose sender is the signing organisations and whose receiver is the addressee."""
    letters = [r for r in records if r.kind == "letter"]
    tei = ET.Element("TEI", xmlns=TEI)   # children in the default namespace
    header = _tei(tei, "teiHeader")
    file_desc = _tei(header, "fileDesc")
    title_stmt = _tei(file_desc, "titleStmt")
    _tei(title_stmt, "title", f"{site_name}: letters")
    _tei(title_stmt, "editor", site_name)
    publication = _tei(file_desc, "publicationStmt")
    _tei(_tei(publication, "publisher"), "ref", site_name, target=root)
    _tei(publication, "idno", routes.absolute(root, CMIF), type="url")
    _tei(publication, "date", when=max((r.date for r in letters if r.date), default="1970")[:10])
    availability = _tei(publication, "availability")
    _tei(availability, "licence", f"This file is licensed under {LICENCE}.", target=LICENCE_URL)
    bibl = _tei(_tei(file_desc, "sourceDesc"), "bibl", f"{site_name}. ", type="online")
    bibl.set(XML_ID, "archive")
    _tei(bibl, "ref", root, target=root)
    profile = _tei(header, "profileDesc")
    for r in letters:
        desc = _tei(profile, "correspDesc", ref=page(root, r), source="#archive")
        sent = _tei(desc, "correspAction", type="sent")
        orgs = [n.name for n in r.signatories.names if n.type == "organization"]
        for name in orgs or [n.name for n in r.signatories.names]:   # a letter signed by people only: the people
            _tei(sent, "orgName" if orgs else "persName", name)
        if r.date:
            _tei(sent, "date", when=r.date)
        received = _tei(desc, "correspAction", type="received")
        for person in r.addressees:
            _tei(received, "persName", person.name)
        if not r.addressees:
            for gov in r.governments:
                _tei(received, "orgName", gov)
    _tei(_tei(_tei(tei, "text"), "body"), "p")
    ET.indent(tei)
    return ET.tostring(tei, encoding="utf-8", xml_declaration=True) + b"\n"


def max_file_bytes() -> int | None:
    """The largest file the host serves, where it has a limit: an export larger than that is written in
    parts. Cloudflare Pages' builds set CF_PAGES=1; LETTERS_MAX_FILE_MB sets any limit by hand."""
    if os.environ.get("LETTERS_MAX_FILE_MB"):
        return int(float(os.environ["LETTERS_MAX_FILE_MB"]) * 2**20)
    return CLOUDFLARE_MAX_FILE if os.environ.get("CF_PAGES") == "1" else None


def in_parts(path: str, write, records: list[Record], limit: int | None) -> dict[str, bytes]:
    """{path: the export} or, when it is larger than `limit`, {stem-1.ext: …, stem-2.ext: …}: the
    records (newest first) cut into runs whose exports each fit, each part a whole file of its format."""
    data = write(records)
    if limit is None or len(data) <= limit:
        return {path: data}
    stem, ext = path.rsplit(".", 1)
    parts = math.ceil(len(data) / (limit * 0.9))
    while True:
        size = max(1, math.ceil(len(records) / parts))
        out = {f"{stem}-{k}.{ext}": write(records[i: i + size]) for k, i in enumerate(range(0, len(records), size), 1)}
        if size == 1 or all(len(b) <= limit for b in out.values()):
            return out
        parts *= 2


def data_files(records: list[Record], identities: dict[str, Identity], originals: dict[str, str],
               site_url: str, site_name: str, limit: int | None = None) -> dict[str, bytes]:
    """{docs-relative path: bytes}: every export, and the Data page (data.md) that links them. With a
    `limit` (default: max_file_bytes()), an export larger than it is written in parts."""
    root = site_url.rstrip("/") + "/"
    ordered = by_date_desc(records)
    limit = max_file_bytes() if limit is None else limit
    writers = {LETTERS_JSON: export_json, LETTERS_CSV: lambda rs: letters_csv(rs, root, originals),
               SIGNATORIES_CSV: lambda rs: signatories_csv(rs, root, identities),
               DEMANDS_CSV: lambda rs: demands_csv(rs, root),
               CMIF: lambda rs: cmif(rs, root, site_name)}
    parts = {path: in_parts(path, write, ordered, limit) for path, write in writers.items()}
    files = {p: b for written in parts.values() for p, b in written.items()}
    rows = {LETTERS_JSON: len(records), LETTERS_CSV: len(records),
            SIGNATORIES_CSV: sum(r.signatories.listed for r in records),
            DEMANDS_CSV: sum(len(r.demands) for r in records),
            CMIF: sum(r.kind == "letter" for r in records)}
    files[routes.DATA] = docs_page(
        {"title": "Data", **lastmod(records)}, "data.html", page=routes.DATA, exports=EXPORTS, rows=rows, root=root,
        site_name=site_name,
        parts={p: [(q, len(b)) for q, b in w.items()] for p, w in parts.items()}, licence=LICENCE,
        licence_url=LICENCE_URL, newest=max((r.date for r in records if r.date), default=None)).encode()
    return files
