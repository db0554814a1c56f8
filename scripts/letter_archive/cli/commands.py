"""What each sub-command of `letters` does: extract, check, build, import, post-build, search-index, registry-changes."""

from __future__ import annotations

import argparse
import datetime as dt
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
from ..link.permalinks import derive_id, load_registry, registry_changes
from ..readers import SUFFIXES, name_error, read_bytes, read_document, read_raw
from ..readers.sidecar import RECEIVED_KEY
from ..readers.sidecar import SUFFIXES as SIDECAR_SUFFIXES
from ..review import corrections  # `letters withdraw` writes a sidecar as the review app does
from ..review.app import serve
from ..review.github import annotations, changed_documents, plain_text, write_summary
from ..review.identities import distinct
from ..site.plan import placeholder_site_url, site_url
from ..site.postbuild import main as post_build_main
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
    github = args.format == "github"
    paths = list(args.paths)
    if args.changed:   # a pull request's changed files: only the documents they touch
        listed = Path(args.changed).read_text(encoding="utf-8")   # `git diff -z --name-only`, or one a line
        changed = changed_documents(root, [n for n in (listed.split("\0") if "\0" in listed else listed.splitlines()) if n])
        if changed == []:
            print("No document changed: nothing to check.")
            return 0
        paths += changed or []
    docs = []
    data_errors = check_data_files()
    with plain_text(github and bool(data_errors)):
        for error in data_errors:
            print(f"✗ {error}")
        if data_errors:
            print(f"\n{len(data_errors)} data file(s) to fix before the letters can be checked.")
    if data_errors:
        return 1
    if paths:
        results = [(p, *extract_path(Path(p), p)) for p in paths]
        id_errors: list[LetterError] = []
        addresses(root, [(Path(p), extraction) for p, extraction, _ in results])
    else:
        docs = load(root, cache=ExtractionCache(root))
        _, _, id_errors = assign_ids(docs, root / "data" / "permalinks.yaml")   # ids shown; clashes reported
        results = [(d.rel, d.extraction, d.error) for d in docs]
    failed = sum(1 for _, extraction, error in results if error or any(p.level == "error" for p in extraction.problems))
    write_summary(results)
    if github:   # each problem on its line of the pull request's diff; the rest as plain text
        for name, extraction, error in results:
            for line in annotations(name, extraction, error):
                print(line)
    with plain_text(github):
        if not github:
            for name, extraction, error in results:
                sys.stdout.write(for_terminal(render_check(name, extraction, error, args.verbose)))
        failed += _archive_report(root, paths, docs, results, id_errors, args.verbose)
        print(f"\n{len(results)} documents checked, {failed} with errors.")
    return 1 if failed else 0


def _archive_report(root: Path, paths: list[str], docs: list, results: list, id_errors: list[LetterError],
                    verbose: bool) -> int:
    """What concerns more than one document: ids, duplicates, governments, look-alike names, related
    documents. Returns how many errors it printed."""
    failed = 0
    for error in id_errors:
        print(for_terminal(f"✗ {error}"))
        failed += 1
    if not paths:
        for warning in duplicate_texts(docs) + stray_sidecars(root):
            print(for_terminal(f"! {warning}"))
        for error in unify_governments([d for d in docs if d.extraction is not None]):
            print(for_terminal(f"✗ {error}"))
            failed += 1
    # names of documents with errors are left out: a refused list of 62,898 names took a minute to compare
    names = [n.name for _, e, _ in results if e and not any(p.level == "error" for p in e.problems)
             for n in e.record.signatories.names]
    pairs = [p for p in suggestions(resolve(names)) if not distinct(p[0], p[1])]
    if pairs:
        print("\nSignatories that may be the same (add them to data/signatory-aliases.yaml if they are):")
        for a, b, score in pairs[:SHOW_PAIRS if not verbose else None]:
            print(for_terminal(f"  ? {a!r} ~ {b!r} ({score:.0f}% alike)"))
        if len(pairs) > SHOW_PAIRS and not verbose:
            print(f"  … and {len(pairs) - SHOW_PAIRS:,} more (`letters check -v` lists them all)")
    failed += related_report(docs)
    return failed


def addresses(root: Path, checked: list[tuple[Path, Extraction | None]]) -> None:
    """The address each file checked on its own has or will have, for the report's `→ /letters/<id>/`:
    its `id:`, else the one data/permalinks.yaml recorded for it, else the one it would get now."""
    try:
        rows = load_registry(root / "data" / "permalinks.yaml")
    except LetterError:
        rows = []          # the report of a whole `letters check` names a broken registry
    published = {row["file"]: row["id"] for row in rows if row.get("file") and not row.get("redirect")}
    taken = {row["id"] for row in rows}
    for path, extraction in checked:
        if extraction is None or extraction.record.id:
            continue
        rec = extraction.record
        try:
            rel = path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            rel = None     # not in this archive (yet): the address `letters import` would give it
        rec.id = published.get(rel or "") or derive_id(rec.date, rec.title, path.stem, rec.language, taken)
        taken.add(rec.id)


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


STRICT_ENV = "LETTERS_STRICT"
HELD_BACK = 3   # the exit code of a build that wrote the archive without the documents it names


def strict_from_env() -> bool:
    return os.environ.get(STRICT_ENV, "").strip().lower() in ("1", "true", "yes", "on")


def cmd_build(args: argparse.Namespace) -> int:
    """Exit 0: built; 3: built, without the documents named (each has an error of its own); 1: nothing
    written (an error in data/ or between documents; with --strict or LETTERS_STRICT=1, any error)."""
    root = Path(args.root)
    def waiting(why: str) -> None:
        print(f"letters build: {why}", file=sys.stderr, flush=True)

    strict = args.strict or strict_from_env()
    result = build(root, forget=set(args.forget_url), strict=strict, wait=waiting if getattr(args, "wait", False) else None)
    if result.errors:
        print(f"letters build: nothing written; {len(result.errors)} problem(s) to fix first"
              + (" (strict: an error in any document stops the build)" if strict and result.held else "") + ":",
              file=sys.stderr)
        for error in result.errors:
            print(for_terminal("  " + error.replace("\n", "\n  ")), file=sys.stderr)
        return 1
    for warning in result.warnings:
        print(for_terminal("  " + warning.replace("\n", "\n  ")), file=sys.stderr)
    if result.held:
        print(f"letters build: {len(result.held)} document(s) not published by this build, each with an error to "
              "fix; the rest of the archive is built:", file=sys.stderr)
        for rel, errors in result.held.items():
            fate = (f"its last good page stays at /letters/{result.kept[rel]}/" if rel in result.kept
                    else "left out: it has no page yet")
            print(for_terminal(f"  ✗ {rel} ({fate})"), file=sys.stderr)
            for error in errors:
                print(for_terminal("    " + error.replace("\n", "\n    ")), file=sys.stderr)
    documents = f"{len(result.docs) - len(result.held)} of {len(result.docs)}" if result.held else f"{len(result.docs)}"
    print(f"letters build: {documents} documents, {len(result.files)} pages; "
          f"{len(result.written)} written, {len(result.deleted)} removed, "
          f"{len(result.files) - len(result.written)} unchanged.")
    if result.suggestions:
        print(f"  {len(result.suggestions)} signatory name(s) look alike: run `letters check` to review them.")
    url = site_url(root)
    if placeholder_site_url(url):
        print(f"letters build: warning: site_url in mkdocs.yml is the placeholder {url}; permanent links, "
              "Copy link, citations and the sitemap point there.\n  fix: set `site_url:` in mkdocs.yml to the "
              "address the site will live at (GitHub Pages: https://<user>.github.io/<repository>/).", file=sys.stderr)
    if result.held:
        print(f"letters build: exit {HELD_BACK}: {len(result.held)} document(s) held back (listed above); "
              f"`letters build --strict` (or {STRICT_ENV}=1) stops at any error instead.", file=sys.stderr)
        return HELD_BACK
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
    letters = root / "letters"
    try:   # a Japanese title's id is its date and the first number no file or published address has
        registered = {row["id"] for row in load_registry(root / "data" / "permalinks.yaml")}
    except LetterError:
        registered = set()
    present = {p.name.split(".")[0] for p in letters.iterdir()} if letters.is_dir() else set()
    rid = derive_id(record.date, record.title, src.stem, record.language, registered | present)
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
    if error or any(p.level == "error" for p in extraction.problems):
        # imported, as received; but not publishable as it is: say so, in the exit code too
        print(f"letters import: {rel} was imported but has errors: `letters build` holds it back until they are "
              f"fixed in {Path(rel).with_suffix('.yaml').as_posix()} (see above).", file=sys.stderr)
        return 1
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


def cmd_review(args: argparse.Namespace) -> int:
    return serve(Path(args.root), args.port, not args.no_browser)


def cmd_post_build(args: argparse.Namespace) -> int:
    root = Path(args.root)
    return post_build_main(Path(args.site), root / "docs", site_url(root))


def cmd_search_index(args: argparse.Namespace) -> int:
    return build_search_index(Path(args.site))


def cmd_registry_changes(args: argparse.Namespace) -> int:
    lines, errors = registry_changes(Path(args.base), Path(args.root) / "data")
    print("\n".join(["New permanent addresses (recorded in data/ by this build):", *lines]) if lines
          else "No new permanent addresses.")
    for error in errors:
        print(f"letters registry-changes: {error}", file=sys.stderr)
    return 1 if errors else 0


def cmd_withdraw(args: argparse.Namespace) -> int:
    """`letters withdraw FILE --reason "..." [--date YYYY-MM-DD]`: write `withdrawn: {date, reason}` into
    the document's sidecar (letters/<name>.yaml, made if missing; its other keys and comments kept; written
    whole or not at all). The next build makes its page a notice and takes it out of every list."""
    doc = Path(args.file)
    if doc.suffix.lower() in SIDECAR_SUFFIXES or doc.suffix.lower() not in SUFFIXES:
        print(f"letters withdraw: {doc} is not a document: name the letter itself (letters/<name>.txt, .pdf, …), "
              "not its corrections file; nothing was written.", file=sys.stderr)
        return 1
    if not doc.is_file():
        print(f"letters withdraw: {doc} does not exist; nothing was written.\n    fix: name a document in letters/ "
              "(a letter already deleted: restore it with `git checkout`, then withdraw it)", file=sys.stderr)
        return 1
    date = args.date or dt.datetime.now(dt.UTC).date().isoformat()
    try:
        value = corrections.typed("withdrawn", {"date": date, "reason": args.reason})
    except corrections.Refused as refused:
        print(f"letters withdraw: {refused}; nothing was written.", file=sys.stderr)
        return 1
    saved = corrections.save(doc, "withdrawn", {"date": value.date, "reason": value.reason})
    print(f"{'wrote' if saved.created else 'updated'} {saved.sidecar}: withdrawn on {value.date}. Run `letters build` "
          "(and commit the file): its page becomes a notice at the same address, out of search, feeds, data and lists.")
    return 0
