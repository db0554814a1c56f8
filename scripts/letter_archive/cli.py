"""The `letters` command: check, extract, build, import, bench."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .errors import LetterError
from .extract import Extraction, extract
from .read import read_document
from .report import as_json


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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="letters", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("extract", help="print the extracted record of each file as a JSON array")
    p.add_argument("paths", nargs="+")
    p.add_argument("--json", action="store_true", help="JSON output (the only format; kept for clarity)")
    p.add_argument("--pretty", action="store_true", help="indent the JSON")
    p.set_defaults(func=cmd_extract)
    from . import commands  # the archive commands live beside the pipeline they drive
    commands.register(sub)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
