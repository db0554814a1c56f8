"""Names that become pages (governments, signatories): one page per name however it is cased or
composed, never a section's index, and names that mix alphabets flagged: 'Jаpan' with a Cyrillic
'а' looks like 'Japan' and slugifies to the same page, which it silently replaced."""

from __future__ import annotations

import unicodedata
from collections import Counter, defaultdict
from typing import TYPE_CHECKING

from slugify import slugify

from ..extract.text import mixed_script
from ..places import governments

if TYPE_CHECKING:
    from ..archive import Document

RESERVED_SLUGS = frozenset({"index"})   # each section's own list page


def fold_key(name: str) -> str:
    """The same name however it is cased or composed: 'JAPAN', 'Japan', 'Ｊａｐａｎ'."""
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


def unify_governments(docs: list[Document]) -> list[str]:
    """Write every government as one name (the data file's, else the commonest spelling) in the
    records, so one government has one page; return the errors: names that mix alphabets, and
    different names that would still share a page."""
    errors: list[str] = []
    known = {fold_key(g.name): g.name for g in governments()}
    written: dict[str, Counter[str]] = defaultdict(Counter)
    where: dict[str, str] = {}
    for doc in docs:
        for name in doc.record.governments:
            mixed = mixed_script(name)
            if mixed:
                errors.append(f"{doc.rel}: error: governments: {name!r} mixes {mixed} letters that look alike"
                              f"\n    fix: retype it in the front matter (`governments: [...]`) in one alphabet")
            written[fold_key(name)][name] += 1
            where.setdefault(fold_key(name), doc.rel)
    canonical = {key: known.get(key) or max(sorted(forms), key=forms.__getitem__) for key, forms in written.items()}
    by_slug: dict[str, str] = {}
    for key, name in sorted(canonical.items()):
        slug = slugify(name, max_length=80) or "government"
        if slug in by_slug and by_slug[slug] != key:
            errors.append(f"{where[key]}: error: governments: {name!r} and {canonical[by_slug[slug]]!r} "
                          f"(in {where[by_slug[slug]]}) would share one page, governments/{slug}/"
                          "\n    fix: write the government the same way in both documents' front matter")
        by_slug.setdefault(slug, key)
    for doc in docs:
        doc.record.governments = list(dict.fromkeys(canonical[fold_key(g)] for g in doc.record.governments))
    return errors
