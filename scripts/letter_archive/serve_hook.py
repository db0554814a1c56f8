"""MkDocs hook for `make serve`: re-run `letters build` before each live rebuild, so an edit in
letters/ or data/ shows in the browser. It only acts under `mkdocs serve`; `make build` runs
`letters build` itself. The writer touches only pages whose content changed, which is what keeps
serve from looping (the rewritten docs/ files trigger one more rebuild, which writes nothing) and
lets `--dirty` re-render only those pages."""

from __future__ import annotations

import logging
from pathlib import Path

from letter_archive.build import build  # a hook is loaded by path, not as part of the package

log = logging.getLogger("mkdocs.plugins.letters")
_serving = False


def on_startup(command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"


def on_pre_build(config) -> None:
    if not _serving:
        return
    root = Path(config.config_file_path).parent
    result = build(root)
    if result.errors:
        # Keep serving the last good pages; say what to fix, the same words `letters build` uses.
        for error in result.errors:
            log.error("letters build: %s", error)
        return
    if result.written or result.deleted:
        log.info("letters build: %d page(s) written, %d removed", len(result.written), len(result.deleted))
