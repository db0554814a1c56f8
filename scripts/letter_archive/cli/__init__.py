"""The `letters` command: extract, check, build, import, withdraw, review, post-build, search-index, registry-changes."""

from __future__ import annotations

import argparse
import errno
import sys
import tempfile
import traceback

from ..errors import LetterError
from .commands import (
    cmd_build,
    cmd_check,
    cmd_extract,
    cmd_import,
    cmd_post_build,
    cmd_registry_changes,
    cmd_review,
    cmd_search_index,
    cmd_withdraw,
)


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="letters", description=__doc__)
    sub = top.add_subparsers(dest="command", required=True)
    p = sub.add_parser("extract", help="print the extracted record of each file as a JSON array")
    p.add_argument("paths", nargs="+")
    p.add_argument("--json", action="store_true", help=argparse.SUPPRESS)   # JSON is the only format; accepted for old scripts
    p.add_argument("--pretty", action="store_true", help="indent the JSON")
    p.add_argument("-v", "--verbose", action="store_true", help="show the traceback of an unexpected error")
    p.set_defaults(func=cmd_extract)
    p = sub.add_parser("check", help="report what was understood in each document; exit 1 on errors")
    p.add_argument("paths", nargs="*", help="files to check (default: every document in letters/)")
    p.add_argument("--root", default=".", help="the archive folder (holding letters/)")
    p.add_argument("-v", "--verbose", action="store_true", help="list every demand and signatory")
    p.add_argument("--format", choices=("text", "github"), default="text",
                   help="github: each problem as a GitHub workflow annotation on its line (errors, warnings; "
                   "doubts as notices); with $GITHUB_STEP_SUMMARY set, a Markdown summary of each record is added to it")
    p.add_argument("--changed", metavar="FILE", help="check only the documents these changed files touch (a list "
                   "of paths, as `git diff --name-only` prints them); any file of data/ changed: every document")
    p.set_defaults(func=cmd_check)
    p = sub.add_parser("build", help="write docs/ from letters/")
    p.add_argument("--root", default=".")
    p.add_argument("--forget-url", action="append", default=[], metavar="ID",
                   help="let a published /letters/ID/ disappear (it is missing from data/permalinks.yaml on purpose)")
    p.add_argument("--strict", action="store_true",
                   help="an error in any document stops the build, nothing written (also: LETTERS_STRICT=1); "
                        "without it such a document is held back (exit 3), its last good page kept")
    p.add_argument("--wait", action="store_true",
                   help="while another build runs, wait for it to finish (instead of stopping at once)")
    p.add_argument("-v", "--verbose", action="store_true", help="show the traceback of an unexpected error")
    p.set_defaults(func=cmd_build)
    p = sub.add_parser("import", help="copy a new document into letters/ as received, and check it")
    p.add_argument("file")
    p.add_argument("--root", default=".")
    p.add_argument("-v", "--verbose", action="store_true",
                   help="list every demand and signatory; show the traceback of an unexpected error")
    p.set_defaults(func=cmd_import)
    p = sub.add_parser("withdraw", help="withdraw a published document: its page becomes a notice saying when and why")
    p.add_argument("file", help="the document in letters/ (its sidecar, letters/<name>.yaml, gets `withdrawn:`)")
    p.add_argument("--reason", required=True, help="why it was withdrawn, shown on its page")
    p.add_argument("--date", help="the day it was withdrawn, YYYY-MM-DD (default: today, UTC)")
    p.set_defaults(func=cmd_withdraw)
    p = sub.add_parser("review", help="review and correct letters in the browser (a local app at http://127.0.0.1:PORT/)")
    p.add_argument("--root", default=".")
    p.add_argument("--port", type=int, default=8765, help="the port on 127.0.0.1 (default 8765; 0: any free port)")
    p.add_argument("--no-browser", action="store_true", help="do not open the browser")
    p.set_defaults(func=cmd_review)
    p = sub.add_parser("post-build", help="finish a site folder whichever engine built it (mkdocs build, zensical "
                       "build): originals as received, a relative 404 page, pages without indentation")
    p.add_argument("site", nargs="?", default="site", help="the built site folder (default: site)")
    p.add_argument("--root", default=".", help="the archive (its docs/ and mkdocs.yml)")
    p.add_argument("-v", "--verbose", action="store_true", help="show the traceback of an unexpected error")
    p.set_defaults(func=cmd_post_build)
    p = sub.add_parser("search-index", help="index a built site with Pagefind, reproducibly")
    p.add_argument("site", nargs="?", default="site", help="the built site folder (default: site)")
    p.add_argument("-v", "--verbose", action="store_true", help="show the traceback of an unexpected error")
    p.set_defaults(func=cmd_search_index)
    p = sub.add_parser("registry-changes", help="the permanent addresses data/ holds that BASE's registries do not; "
                       "exit 1 if data/ lost one BASE has (scripts/publish.sh: what a pull request publishes)")
    p.add_argument("base", help="a folder holding the registries as published (permalinks.yaml, signatory-permalinks.yaml)")
    p.add_argument("--root", default=".")
    p.set_defaults(func=cmd_registry_changes)
    return top


def main(argv: list[str] | None = None) -> int:
    """Every failure is a sentence: the file, what happened, what to do. An exception the code did not
    expect is a bug: its traceback goes to a file the message names (and to the screen with -v)."""
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except LetterError as error:
        print(f"letters {args.command}: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"letters {args.command}: interrupted; nothing half-written was kept.", file=sys.stderr)
        return 130
    except OSError as error:
        print(f"letters {args.command}: {os_error_sentence(error)}", file=sys.stderr)
        return 1
    except Exception:
        report = traceback.format_exc()
        with tempfile.NamedTemporaryFile("w", prefix="letters-bug-", suffix=".txt", delete=False, encoding="utf-8") as out:
            out.write(f"letters {' '.join(sys.argv[1:] if argv is None else argv)}\n\n{report}")
        print(f"letters {args.command}: this is a bug: please report it, with this file: {out.name}"
              + ("" if getattr(args, "verbose", False) else " (run again with -v to see the traceback)"), file=sys.stderr)
        if getattr(args, "verbose", False):
            print(report, file=sys.stderr)
        return 70


FIXES = {errno.ENOSPC: "free some disk space, then run the command again",
         errno.EDQUOT: "free some disk space, then run the command again",
         errno.EACCES: "make the folder writable (or run as its owner), then run the command again",
         errno.EPERM: "make the folder writable (or run as its owner), then run the command again",
         errno.EROFS: "the disk is read-only: build on a writable copy of the archive",
         errno.EFBIG: "the file system refused a file this large: free some disk space (or raise the limit)",
         errno.ENOTDIR: "a file stands where a folder should be: move it away, then run the command again",
         errno.EEXIST: "a file stands where a folder should be: move it away, then run the command again"}


def os_error_sentence(error: OSError) -> str:
    where = f"{error.filename}: " if error.filename else ""
    fix = FIXES.get(error.errno or 0, "check the file and the folder it is in, then run the command again")
    return f"{where}{error.strerror or error}\n    fix: {fix}"


if __name__ == "__main__":
    sys.exit(main())
