"""What each sub-command of `letters` does: extract, check, build, import, search-index."""

from __future__ import annotations

import argparse
import errno
import json
import os
import re
import sys
import tempfile
from pathlib import Path

from ..archive import assign_ids, duplicate_texts, load, stray_sidecars
from ..cache import ExtractionCache
from ..data import use_archive
from ..errors import LetterError
from ..extract import Extraction, extract
from ..link import related
from ..link.identities import check_data_files, resolve, suggestions
from ..link.names import unify_governments
from ..link.permalinks import derive_id
from ..model import EDITABLE_KEYS
from ..readers import SUFFIXES, Source, read_document
from ..site.pages import front_matter
from ..site.plan import placeholder_site_url, site_url
from ..site.search_index import build_search_index
from ..site.write import build
from .report import as_json, render_check

# Escape codes and direction overrides in a letter would act on the editor's terminal: clear the
# screen, recolour, fake a "✓", reorder a line. `check` and `build` print them as visible codes.
TERMINAL_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


SHOW_PAIRS = 100   # look-alike pairs `check` lists without -v


def for_terminal(text: str) -> str:
    return TERMINAL_CONTROLS.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)


def extract_path(path: Path, display: str | None = None) -> tuple[Extraction | None, LetterError | None]:
    """The extraction of one file, or the error that stops it; nothing else escapes."""
    try:
        return extract(read_document(path, display)), None
    except LetterError as error:
        return None, error


def cmd_extract(args: argparse.Namespace) -> int:
    out = []
    for name in args.paths:
        extraction, error = extract_path(Path(name), name)
        out.append(as_json(name, extraction, error))
    json.dump(out, sys.stdout, ensure_ascii=False, indent=2 if args.pretty else None, default=str)
    sys.stdout.write("\n")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    root = Path(args.root)
    use_archive(root)
    docs = []
    data_errors = check_data_files()
    for error in data_errors:
        print(f"✗ {error}")
    if data_errors:
        print(f"\n{len(data_errors)} data file(s) to fix before the letters can be checked.")
        return 1
    if args.paths:
        results = [(p, *extract_path(Path(p), p)) for p in args.paths]
        id_errors: list[LetterError] = []
    else:
        docs = load(root, cache=ExtractionCache(root))
        _, _, id_errors = assign_ids(docs, root / "data" / "permalinks.yaml")   # ids shown; clashes reported
        results = [(d.rel, d.extraction, d.error) for d in docs]
    failed = 0
    for name, extraction, error in results:
        sys.stdout.write(for_terminal(render_check(name, extraction, error, args.verbose)))
        if error or any(p.level == "error" for p in extraction.problems):
            failed += 1
    for error in id_errors:
        print(for_terminal(f"✗ {error}"))
        failed += 1
    if not args.paths:
        for warning in duplicate_texts(docs) + stray_sidecars(root):
            print(for_terminal(f"! {warning}"))
        for error in unify_governments([d for d in docs if d.extraction is not None]):
            print(for_terminal(f"✗ {error}"))
            failed += 1
    # names of documents with errors are left out: a refused list of 62,898 names took a minute to compare
    names = [n.name for _, e, _ in results if e and not any(p.level == "error" for p in e.problems)
             for n in e.record.signatories.names]
    pairs = suggestions(resolve(names))
    if pairs:
        print("\nSignatories that may be the same (add them to data/signatory-aliases.yaml if they are):")
        for a, b, score in pairs[:SHOW_PAIRS if not args.verbose else None]:
            print(for_terminal(f"  ? {a!r} ~ {b!r} ({score:.0f}% alike)"))
        if len(pairs) > SHOW_PAIRS and not args.verbose:
            print(f"  … and {len(pairs) - SHOW_PAIRS:,} more (`letters check -v` lists them all)")
    failed += related_report(docs)
    print(f"\n{len(results)} documents checked, {failed} with errors.")
    return 1 if failed else 0


def related_report(docs: list) -> int:
    """The related-document suggestions of the whole archive (ids assigned), with score and reasons;
    returns how many `related:`/`unrelated:` entries are wrong."""
    ok = [d for d in docs if d.extraction is not None and d.id]
    if not ok:
        return 0
    records = [d.record for d in ok]
    found = related.suggest([(d.record, "\n".join(x.text for x in d.extraction.text)) for d in ok])
    if found:
        print("\nRelated documents (linked on both pages when two specific signs agree and the score reaches "
              f"{related.THRESHOLD}; confirm one with `related: [id]`, refuse one with `unrelated: [id]`):")
        print("\n".join(related.report(found)))
    problems = related.problems(records)
    for problem in problems:
        print(f"✗ {problem}")
    return len(problems)


def cmd_build(args: argparse.Namespace) -> int:
    root = Path(args.root)
    result = build(root, forget=set(args.forget_url))
    if result.errors:
        print(f"letters build: nothing written; {len(result.errors)} problem(s) to fix first:", file=sys.stderr)
        for error in result.errors:
            print(for_terminal("  " + error.replace("\n", "\n  ")), file=sys.stderr)
        return 1
    for warning in result.warnings:
        print(for_terminal("  " + warning.replace("\n", "\n  ")), file=sys.stderr)
    print(f"letters build: {len(result.docs)} documents, {len(result.files)} pages; "
          f"{len(result.written)} written, {len(result.deleted)} removed, "
          f"{len(result.files) - len(result.written)} unchanged.")
    if result.suggestions:
        print(f"  {len(result.suggestions)} signatory name(s) look alike: run `letters check` to review them.")
    url = site_url(root)
    if placeholder_site_url(url):
        print(f"letters build: warning: site_url in mkdocs.yml is the placeholder {url}; permanent links, "
              "Copy link, citations and the sitemap point there.\n  fix: set `site_url:` in mkdocs.yml to the "
              "address the site will live at (GitHub Pages: https://<user>.github.io/<repository>/).", file=sys.stderr)
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    root = Path(args.root)
    use_archive(root)
    src = Path(args.file)
    if src.suffix.lower() not in SUFFIXES:
        print(f"letters import: {src}: {src.suffix or 'a file without a suffix'} is not a format letters/ can hold; "
              f"nothing was imported.\n    fix: save the letter as {', '.join(SUFFIXES[:-1])} or {SUFFIXES[-1]}, then "
              "import that file", file=sys.stderr)
        return 1
    try:
        source = read_document(src, str(src))
        extraction = extract(source)
    except LetterError as error:
        print(error, file=sys.stderr)
        return 1
    record = extraction.record
    rid = derive_id(record.date, record.title, src.stem)
    target = root / "letters" / f"{rid}{src.suffix.lower() or '.txt'}"
    if target.exists():
        print(f"letters import: {target} already exists; nothing was written. Rename the file you are "
              f"importing or remove the existing one first.", file=sys.stderr)
        return 1
    data = record.to_dict()
    meta = {k: data[k] for k in EDITABLE_KEYS if data[k] not in (None, [], "") and k != "id"}
    meta = {**meta, **source.front}
    head = front_matter(meta).rstrip("\n") + "\n"
    if source.origin:
        return import_binary(source, target, head, root, extraction)
    try:
        write_new_file(target, (head + source.body).encode("utf-8"))
    except FileExistsError:
        print(f"letters import: {target} already exists; nothing was written.", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"letters import: could not write {target} ({exc.strerror}); nothing was imported.\n"
              "    fix: free some disk space (or make letters/ writable), then import again", file=sys.stderr)
        return 1
    print(f"imported {src} as {target.relative_to(root)}; review its front matter, then run `letters check`.")
    for problem in extraction.problems:
        print("  " + problem.render(str(target.relative_to(root))))
    return 0


def import_binary(source: Source, target: Path, head: str, root: Path, extraction: Extraction) -> int:
    """A PDF, Word, ODT or e-mail file is copied as received, byte for byte; its record goes in front
    matter in a companion text file beside it (with the text too where the text came from one)."""
    companion = target.with_suffix(".txt")
    if companion.exists():
        print(f"letters import: {companion} already exists; nothing was written. Rename the file you are "
              f"importing or remove the existing one first.", file=sys.stderr)
        return 1
    try:
        write_new_file(target, source.raw)
        write_new_file(companion, (head + (source.body if source.origin.get("text_from_companion") else "")).encode())
    except (FileExistsError, OSError) as exc:
        print(f"letters import: could not write {target.name} and its companion ({exc}); nothing more was imported.",
              file=sys.stderr)
        return 1
    print(f"imported {source.file} as {target.relative_to(root)}, its record in {companion.relative_to(root)}; "
          f"review that front matter, then run `letters check`.")
    for problem in extraction.problems:
        print("  " + problem.render(str(target.relative_to(root))))
    return 0


def write_new_file(target: Path, content: bytes) -> None:
    """Write a new file whole or not at all: into a hidden temporary file beside it (letters/ skips
    dotfiles), flushed to disk and its size checked, then linked to its name, which fails if the name
    exists (never an overwrite). On a full disk an import left 8,192 bytes of a letter in letters/,
    which passed `check` and was published."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(content)
            out.flush()
            os.fsync(out.fileno())
        if tmp.stat().st_size != len(content):
            raise OSError(errno.EIO, f"wrote {tmp.stat().st_size} of {len(content)} bytes")
        os.link(tmp, target)     # atomic, and refuses an existing name
    finally:
        tmp.unlink(missing_ok=True)


def cmd_search_index(args: argparse.Namespace) -> int:
    return build_search_index(Path(args.site))
