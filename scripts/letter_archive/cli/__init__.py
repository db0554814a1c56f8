"""The `letters` command: extract, check, build, import, search-index."""

from __future__ import annotations

import argparse
import sys

from .commands import cmd_build, cmd_check, cmd_extract, cmd_import, cmd_search_index


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="letters", description=__doc__)
    sub = top.add_subparsers(dest="command", required=True)
    p = sub.add_parser("extract", help="print the extracted record of each file as a JSON array")
    p.add_argument("paths", nargs="+")
    p.add_argument("--json", action="store_true", help=argparse.SUPPRESS)   # JSON is the only format; accepted for old scripts
    p.add_argument("--pretty", action="store_true", help="indent the JSON")
    p.set_defaults(func=cmd_extract)
    p = sub.add_parser("check", help="report what was understood in each document; exit 1 on errors")
    p.add_argument("paths", nargs="*", help="files to check (default: every document in letters/)")
    p.add_argument("--root", default=".", help="the archive folder (holding letters/)")
    p.add_argument("-v", "--verbose", action="store_true", help="list every demand and signatory")
    p.set_defaults(func=cmd_check)
    p = sub.add_parser("build", help="write docs/ from letters/")
    p.add_argument("--root", default=".")
    p.add_argument("--forget-url", action="append", default=[], metavar="ID",
                   help="let a published /letters/ID/ disappear (it is missing from data/permalinks.yaml on purpose)")
    p.set_defaults(func=cmd_build)
    p = sub.add_parser("import", help="copy a new document into letters/ with its record as front matter")
    p.add_argument("file")
    p.add_argument("--root", default=".")
    p.set_defaults(func=cmd_import)
    p = sub.add_parser("search-index", help="index a built site with Pagefind, reproducibly")
    p.add_argument("site", nargs="?", default="site", help="the built site folder (default: site)")
    p.set_defaults(func=cmd_search_index)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
