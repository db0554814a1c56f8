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
from ..readers import SUFFIXES, name_error, read_bytes, read_document, read_raw
from ..readers.sidecar import RECEIVED_KEY
from ..readers.sidecar import SUFFIXES as SIDECAR_SUFFIXES
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
    def waiting(why: str) -> None:
        print(f"letters build: {why}", file=sys.stderr, flush=True)

    result = build(root, forget=set(args.forget_url), wait=waiting if getattr(args, "wait", False) else None)
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
    """Copy a document into letters/ byte for byte, named from its date and title, and print what
    `letters check` says of it. Nothing extracted is written: a later fix to extraction reaches it, and
    an editor's corrections go in its sidecar (letters/<name>.yaml)."""
    root = Path(args.root)
    use_archive(root)
    src = Path(args.file)
    if src.suffix.lower() not in SUFFIXES:
        print(f"letters import: {src}: {src.suffix or 'a file without a suffix'} is not a format letters/ can hold; "
              f"nothing was imported.\n    fix: save the letter as {', '.join(SUFFIXES[:-1])} or {SUFFIXES[-1]}, then "
              "import that file", file=sys.stderr)
        return 1
    try:
        raw = read_raw(src, str(src))
        source = read_bytes(raw, str(src), src.suffix.lower())   # the file alone: nothing beside it is read
        record = extract(source).record
    except LetterError as error:
        print(f"letters import: {error}\n    nothing was imported.", file=sys.stderr)
        return 1
    rid = derive_id(record.date, record.title, src.stem)
    letters = root / "letters"
    target = letters / f"{rid}{src.suffix.lower()}"
    taken = sorted(p for p in letters.glob(f"{rid}.*") if p.suffix.lower() in SUFFIXES + SIDECAR_SUFFIXES) \
        if letters.is_dir() else []
    too_long = name_error(target, str(target))
    if too_long:   # a name the build would refuse (named from the date and title, it never is: 100 bytes at most)
        print(f"letters import: {too_long}\n    nothing was imported.", file=sys.stderr)
        return 1
    if taken:   # the file itself, or a document, companion or sidecar that would go with it
        print(f"letters import: {taken[0]} already exists; nothing was written. Rename the file you are "
              f"importing or remove the existing one first.", file=sys.stderr)
        return 1
    rel = target.relative_to(root).as_posix()
    sidecar = target.with_suffix(".yaml")
    written: list[Path] = []
    try:
        write_new_file(target, raw)
        written.append(target)
        if source.editor_bytes:   # its front matter came with it: it is part of the original
            write_new_file(sidecar, (f"# {target.name} came with the front matter at its top: it is published with it\n"
                                     f"{RECEIVED_KEY}: true\n").encode())
    except OSError as exc:
        for path in written:      # all or nothing
            path.unlink()
        if isinstance(exc, FileExistsError):
            print(f"letters import: {exc.filename2 or target} already exists; nothing was written.", file=sys.stderr)
            return 1
        print(f"letters import: could not write {target} ({exc.strerror}); nothing was imported.\n"
              "    fix: free some disk space (or make letters/ writable), then import again", file=sys.stderr)
        return 1
    print(f"imported {src} as {rel}, byte for byte; nothing was added to it"
          + (f" ({sidecar.name} says its front matter came with it)" if source.editor_bytes else "") + ".")
    print(f"What `letters check` says of it (correct a field in {Path(rel).with_suffix('.yaml').as_posix()}):\n")
    extraction, error = extract_path(target, rel)
    if extraction is not None:
        extraction.record.id = extraction.record.id or rid
    sys.stdout.write(for_terminal(render_check(rel, extraction, error, args.verbose)))
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
