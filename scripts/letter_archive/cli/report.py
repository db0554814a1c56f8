"""The record as JSON for `letters extract`, and the human report for `letters check`."""

from __future__ import annotations

from typing import Any

from ..document import Block as TreeBlock
from ..document import Heading, ListBlock, Row, Table
from ..errors import LetterError, Problem, corrections_file
from ..extract import Extraction
from ..extract.segments import roles
from ..extract.signature_block import candidates
from ..model import JSON_KEYS
from ..readers.binary import page_label


def as_json(file: str, extraction: Extraction | None, error: LetterError | None = None) -> dict[str, Any]:
    """One object per path; every key present, missing values null or []."""
    if extraction is None:
        out: dict[str, Any] = {k: None for k in JSON_KEYS}
        out.update(file=file, addressees=[], cc=[], governments=[], demands=[], doubts=[], warnings=[],
                   signatories={"claimed": None, "listed": 0, "groups": [], "names": []},
                   errors=[str(error)] if error else [])
        return out
    rec = extraction.record
    data = rec.to_dict()
    out = {k: data[k] for k in JSON_KEYS if k in data}
    out["file"] = file
    out["doubts"] = [d.to_dict() for d in extraction.doubts]
    out["warnings"] = [_render(p, file, extraction) for p in extraction.problems if p.level == "warning"]
    out["errors"] = [_render(p, file, extraction) for p in extraction.problems if p.level == "error"]
    return {k: out.get(k) for k in JSON_KEYS}


def _show(value: Any) -> str:
    if value in (None, [], ""):
        return "—"
    return str(value)


def render_check(file: str, extraction: Extraction | None, error: LetterError | None, verbose: bool) -> str:
    if extraction is None:
        return f"✗ {file}\n    error: {error}\n"
    rec = extraction.record
    errors = [p for p in extraction.problems if p.level == "error"]
    warnings = [p for p in extraction.problems if p.level == "warning"]
    mark = "✗" if errors else ("!" if warnings else "✓")
    lines = [f"{mark} {file}  →  " + (f"/letters/{rec.id}/" if rec.id else "no address until its errors are fixed")]
    if extraction.doubts:
        lines.append("    check these:")
        for d in extraction.doubts:
            at = _doubt_line(extraction, d.field)
            lines.append(f"      ? {d.field}: {d.why}" + (f"   [{_at(extraction, at)}]" if at else ""))

    def row(name: str, value: Any, key: str | None = None) -> None:
        source = extraction.lines.get(key or name)
        origin = source if isinstance(source, str) else (_at(extraction, source) if source else "")
        lines.append(f"    {name:12} {_show(value)}" + (f"   [{origin}]" if origin else ""))

    if extraction.origin:
        lines.append(_origin_row(extraction.origin, file))
    row("kind", rec.kind)
    row("date", rec.date)
    row("title", rec.title)
    row("language", rec.language)
    row("addressees", "; ".join(_person(p) for p in rec.addressees))
    row("cc", "; ".join(_person(p) for p in rec.cc))
    row("governments", ", ".join(rec.governments))
    s = rec.signatories
    groups = " + ".join(f"{g.label} {g.listed}" + (f"/{g.claimed}" if g.claimed is not None else "")
                        for g in s.groups)
    row("signatories", f"states {_show(s.claimed)}, lists {s.listed}" + (f"  ({groups})" if groups else ""))
    row("demands", len(rec.demands))
    if verbose and extraction.blocks:
        lines.append("    blocks       " + "; ".join(
            (f"{b.role} (line {b.first_no})" if b.first_no else b.role) for b in extraction.blocks[:40])
            + (" …" if len(extraction.blocks) > 40 else ""))
    if verbose and extraction.text:
        lines += _tree_rows(extraction)
        for n, c in enumerate(candidates(extraction.text, extraction.tree)[:3], 1):
            first = extraction.text[c.start].no if c.start < len(extraction.text) else None
            lines.append(f"    {'signers?' if n == 1 else '':12} {n}. {c.rule}, score {c.score}"
                         + (f", under {c.cue!r}" if c.cue else "") + (f"   [{_at(extraction, first)}]" if first else ""))
    if verbose:
        for n, d in enumerate(rec.demands, 1):
            lines.append(f"      {n}. {d[:150]}")
        for n in s.names:
            lines.append(f"      - {n.name} [{n.type}]" + (f", {n.affiliation}" if n.affiliation else "")
                         + (f" ({n.country})" if n.country else ""))
    if extraction.removed:
        kinds = sorted({r.reason for r in extraction.removed})
        first = extraction.removed[0].no
        lines.append(f"    removed      {len(extraction.removed)} lines of {' and '.join(kinds)}"
                     + (f" (from {_at(extraction, first)})" if first else ""))
    for p in errors + warnings:
        if p.file:   # a line of its sidecar or companion
            where = f"{p.file}, line {p.line}: " if p.line else f"{p.file}: "
        else:
            where = f"{_at(extraction, p.line)}: " if p.line else ""
        lines.append(f"    {where}{p.level}: {p.field}: {p.message}" + (f"\n    fix: {p.fix(file)}" if p.hint else ""))
    return "\n".join(lines) + "\n"


TREE_ROWS = 60   # blocks shown of the tree; a list or table is one block, its items and rows counted


def _tree_rows(extraction: Extraction) -> list[str]:
    """The document's tree, one line per block: its kind, its role, its lines."""
    found = roles(extraction.text, extraction.signature_span, extraction.tree)
    out = []
    for n, (block, role) in enumerate(found[:TREE_ROWS]):
        kind = _kind(block)
        out.append(f"    {'tree' if n == 0 else '':12} {kind:26} {role:18} {_lines_of(extraction, block)}".rstrip())
    if len(found) > TREE_ROWS:
        out.append(f"    {'':12} … {len(found) - TREE_ROWS} blocks more")
    return out


def _kind(block: TreeBlock) -> str:
    """'heading 2', 'list, 5 items (2 nested)', 'table, 4 rows + header', 'paragraph'."""
    if isinstance(block, Heading):
        return f"heading {block.level}"
    if isinstance(block, ListBlock):
        items = sum(1 for b in block.walk() if b.kind == "item")
        nested = items - len(block.items)
        return f"{'numbered ' if block.ordered else ''}list, {items} item{'s' if items != 1 else ''}" + \
            (f" ({nested} nested)" if nested else "")
    if isinstance(block, Table):
        rows = sum(1 for b in block.children if isinstance(b, Row)) - (block.header is not None)
        return f"table, {rows} row{'s' if rows != 1 else ''}" + (" + header" if block.header else "")
    return block.kind


def _lines_of(extraction: Extraction, block: TreeBlock) -> str:
    """'line 3', 'lines 3–9', 'page 2, lines 3–9' (a paged document), '' where not traceable."""
    first, last = block.first_no, block.last_no
    if not first:
        return ""
    where = _at(extraction, first)
    if not last or last == first:
        return where
    end = _at(extraction, last)
    if where.rsplit("line ", 1)[0] == end.rsplit("line ", 1)[0]:   # the same page
        return f"{where.replace('line ', 'lines ')}–{end.rsplit('line ', 1)[1]}"
    return f"{where} – {end}"


def _doubt_line(extraction: Extraction, field: str) -> int | None:
    """The line a doubted field was read from, when it was one line of the text."""
    key = {"signatories.listed": "signatories", "signatories.claimed": "claimed"}.get(field, field)
    at = extraction.lines.get(key)
    return at if isinstance(at, int) else None


def _render(problem: Problem, file: str, extraction: Extraction) -> str:
    """A problem as `file:14: ...`, or `file, page 2, line 14: ...` in a paged document."""
    if problem.line and not problem.file and extraction.origin.get("page_starts"):
        return problem.render(f"{file}, {_at(extraction, problem.line)}").replace(f":{problem.line}: ", ": ", 1)
    return problem.render(file)


def _at(extraction: Extraction, no: int) -> str:
    """Where line `no` is: 'page 2, line 14' in a paged document, else 'line 14'."""
    starts = extraction.origin.get("page_starts") if extraction.origin else None
    return page_label(starts, no) if starts else f"line {no}"


def _origin_row(origin: dict, file: str) -> str:
    """A binary document: its format, pages, and where its text and corrections come from."""
    pages = origin.get("pages")
    text = f"    read from    {origin.get('format')}" + (f", {pages} page{'s' if pages != 1 else ''}" if pages else "")
    if origin.get("ocr"):
        text += ", text by OCR"
    if origin.get("companion"):
        text += f"; front matter{' and text' if origin.get('text_from_companion') else ''} from {origin['companion']}"
    else:
        text += f"; corrections go in {corrections_file(file)}"
    return text


def _person(p: dict) -> str:
    return ", ".join(x for x in (p.name, p.title) if x) + (f" [{p.government}]" if p.government else "")
