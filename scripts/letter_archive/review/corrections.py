"""An editor's correction of one field, from the review app's form to the document's sidecar
(letters/<name>.yaml): the form's values become the value a sidecar holds, checked by the same
validation as a sidecar written by hand, and only that key is written (yamlio keeps the rest of the
file, comments and order included). The document itself is never written."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..extract import Extraction
from ..extract.addressees import kind_of
from ..extract.doubts import SETTLED_BY
from ..model import ADDRESSEE_KINDS, KINDS, SIGNATORY_TYPES, UNNAMED_GROUP, Record, validate_front_matter
from .yamlio import atomic_write, dump_map, load_map, set_key

# the fields the app corrects, in the order the record shows them
FIELDS = ("title", "date", "kind", "addressees", "governments", "tags", "signatories", "demands")
LABELS = {"title": "Title", "date": "Date", "kind": "Kind", "addressees": "Addressees", "governments": "Governments",
          "tags": "Tags",
          "signatories": "Signatories", "demands": "Demands"}


class Refused(ValueError):
    """A correction that cannot be saved as it is: the message says why, in an editor's words."""


def field_of(doubt_field: str) -> str:
    """The sidecar key a doubt is settled by ('signatories.listed' -> 'signatories')."""
    return SETTLED_BY.get(doubt_field, doubt_field.split(".")[0])


def _column(form: dict[str, list[str]], name: str, n: int) -> list[str]:
    values = [v.strip() for v in form.get(name, [])]
    return values + [""] * (n - len(values))


def form_value(field: str, form: dict[str, list[str]]) -> Any:
    """The value a sidecar would hold for `field`, from the form's inputs (lists keep the rows' order)."""
    one = (form.get("value") or [""])[0].strip()
    if field in ("title", "date"):
        if not one:
            raise Refused(f"the {field} is empty: write one, or leave the field as it was")
        return one
    if field == "kind":
        if one not in KINDS:
            raise Refused(f"the kind is one of {', '.join(KINDS)}")
        return one
    if field == "governments":
        return [v.strip() for v in form.get("government", []) if v.strip()]
    if field == "tags":
        return [" ".join(v.split()) for v in form.get("tag", []) if v.strip()]
    if field == "demands":
        return [" ".join(v.split()) for v in form.get("demand", []) if v.strip()]
    if field == "addressees":
        names = [v.strip() for v in form.get("name", [])]
        titles, governments = _column(form, "title", len(names)), _column(form, "government", len(names))
        kinds = _column(form, "addressee_kind", len(names))
        for kind in kinds:
            if kind and kind not in ADDRESSEE_KINDS:
                raise Refused(f"an addressee's kind is one of {', '.join(ADDRESSEE_KINDS)}, not {kind!r}")
        return [{k: v for k, v in (("name", n), ("title", t), ("government", g), ("kind", kd)) if v}
                for n, t, g, kd in zip(names, titles, governments, kinds, strict=True) if n]
    if field == "signatories":
        return _signatories(form)
    raise Refused(f"{field} is not a field this page corrects")


def _signatories(form: dict[str, list[str]]) -> dict[str, Any]:
    names = [v.strip() for v in form.get("name", [])]
    types, affiliations = _column(form, "type", len(names)), _column(form, "affiliation", len(names))
    countries, groups = _column(form, "country", len(names)), _column(form, "group", len(names))
    labels = [v.strip() or UNNAMED_GROUP for v in form.get("group_label", [])]
    group_claimed = _column(form, "group_claimed", len(labels))
    claimed_text = (form.get("claimed") or [""])[0].strip()
    out: dict[str, Any] = {}
    if claimed_text:
        if not claimed_text.isdigit():
            raise Refused(f"the stated number of signatories is a whole number, not {claimed_text!r}")
        out["claimed"] = int(claimed_text)
    rows: dict[int, list[dict[str, str]]] = {}
    for name, kind, affiliation, country, group in zip(names, types, affiliations, countries, groups, strict=True):
        if not name:
            continue
        if kind and kind not in SIGNATORY_TYPES:
            raise Refused(f"a signatory is a {' or an '.join(SIGNATORY_TYPES)}, not {kind!r}")
        entry = {k: v for k, v in (("name", name), ("type", kind), ("affiliation", affiliation), ("country", country)) if v}
        index = int(group) if group.isdigit() and int(group) < len(labels) else max(len(labels) - 1, 0)
        rows.setdefault(index, []).append(entry)
    if len(labels) <= 1 and not any(group_claimed) and (not labels or labels[0] == UNNAMED_GROUP):
        out["names"] = [e for i in sorted(rows) for e in rows[i]]
    else:   # the letter's own groups ("Organisations (48)", "Individuals") stay groups
        out["groups"] = []
        for i, label in enumerate(labels):
            group: dict[str, Any] = {"label": label}
            if group_claimed[i]:
                if not group_claimed[i].isdigit():
                    raise Refused(f"the number group {label!r} states is a whole number, not {group_claimed[i]!r}")
                group["claimed"] = int(group_claimed[i])
            group["names"] = rows.get(i, [])
            out["groups"].append(group)
    return out


def typed(field: str, value: Any) -> Any:
    """The value as the record holds it, checked as a sidecar's value is; Refused with the checker's words."""
    clean, problems = validate_front_matter({field: value}, {}, "corrections-file")
    errors = [p for p in problems if p.level == "error"]
    if errors:
        raise Refused(errors[0].message)
    return clean.get(field)


def unchanged(record: Record, field: str, value: Any) -> bool:
    current = getattr(record, field)
    if field == "signatories":   # compared as written: names and types in order, the counts stated
        return value.claimed == current.claimed and [(g.label, g.claimed, g.signatories) for g in value.groups] == \
            [(g.label, g.claimed, g.signatories) for g in current.groups]
    return value == current


@dataclass
class Saved:
    field: str
    sidecar: Path
    created: bool


def save(document: Path, field: str, value: Any) -> Saved:
    """Write `field: value` into the document's sidecar, keeping everything else of the file."""
    sidecar = sidecar_path(document)
    created = not sidecar.exists()
    data, before, after = load_map(sidecar)
    set_key(data, field, value)
    atomic_write(sidecar, dump_map(data, before, after))
    return Saved(field, sidecar, created)


def sidecar_path(document: Path) -> Path:
    """The sidecar an editor's correction goes in: the existing .yaml or .yml, else a new .yaml."""
    yml = document.with_suffix(".yml")
    return yml if yml.exists() and not document.with_suffix(".yaml").exists() else document.with_suffix(".yaml")


def rows_of(record: Record) -> dict[str, Any]:
    """What the forms show: each field's current value as rows of plain values."""
    s = record.signatories
    groups = s.groups or []
    return {
        "title": record.title or "", "date": record.date or "", "kind": record.kind or "",
        "addressees": [{"name": p.name, "title": p.title or "", "government": p.government or "",
                        "kind": p.kind or kind_of(p)} for p in record.addressees],
        "governments": list(record.governments), "tags": list(record.tags), "demands": list(record.demands),
        "claimed": "" if s.claimed is None else s.claimed,
        "groups": [{"label": g.label, "claimed": "" if g.claimed is None else g.claimed} for g in groups],
        "signatories": [{"name": n.name, "type": n.type or "", "affiliation": n.affiliation or "",
                         "country": n.country or "", "group": i}
                        for i, g in enumerate(groups) for n in g.signatories],
    }


def field_problems(extraction: Extraction, field: str) -> tuple[list[str], list[str]]:
    """(problems, doubts) the re-extracted record has for `field`: what the page says after a save."""
    problems = [f"{p.level}: {p.message}" for p in extraction.problems if p.field.split(".")[0] == field]
    doubts = [d.why for d in extraction.doubts if field_of(d.field) == field]
    return problems, doubts
