"""`letters build`: letters/ -> docs/. The plan (site.plan) computes every page in memory first; only
when every document is understood are files written, each only if its content changed, through a
temporary file and a rename, so a failed build leaves the previous docs/ as it was."""

from __future__ import annotations

import os
from pathlib import Path

from .plan import BuildResult, plan

MANIFEST = ".generated"  # the files the build wrote last time: the only ones it may delete


def write_tree(target: Path, files: dict[str, bytes]) -> tuple[list[str], list[str]]:
    """Make `target` hold `files` (and keep anything an editor put there). Unchanged files are not
    touched, so `mkdocs serve` sees no change and does not rebuild in a loop."""
    target.mkdir(parents=True, exist_ok=True)
    manifest = target / MANIFEST
    previous = set(manifest.read_text(encoding="utf-8").split("\n")) - {""} if manifest.exists() else set()
    staged: list[tuple[Path, Path]] = []
    try:
        for rel, content in sorted(files.items()):
            path = target / rel
            if path.exists() and path.read_bytes() == content:
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f".{path.name}.tmp")
            tmp.write_bytes(content)
            staged.append((tmp, path))
        listing = "\n".join(sorted(files)) + "\n"
        if not manifest.exists() or manifest.read_text(encoding="utf-8") != listing:
            tmp = target / f".{MANIFEST}.tmp"
            tmp.write_text(listing, encoding="utf-8")
            staged.append((tmp, manifest))
    except OSError:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)
        raise
    for tmp, path in staged:
        os.replace(tmp, path)
    deleted = []
    for rel in sorted(previous - set(files)):
        stale = target / rel
        if stale.is_file():
            stale.unlink()
            deleted.append(rel)
    for folder in sorted({p for rel in deleted for p in (target / rel).parents if p != target}, reverse=True):
        if folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
    return [str(p.relative_to(target)) for _, p in staged if p.name != MANIFEST], deleted


def build(root: Path, parallel: bool = True) -> BuildResult:
    """`parallel=False` inside a long-running, threaded process (the `mkdocs serve` hook), where
    forking worker processes is not safe; with the caches warm it has little left to do anyway."""
    result = plan(root, parallel=parallel)
    if result.errors:
        return result
    result.written, result.deleted = write_tree(root / "docs", result.files)
    registry = root / "data" / "permalinks.yaml"
    if not registry.exists() or registry.read_text(encoding="utf-8") != result.registry:
        registry.parent.mkdir(parents=True, exist_ok=True)
        tmp = registry.with_name(".permalinks.yaml.tmp")
        tmp.write_text(result.registry, encoding="utf-8")
        os.replace(tmp, registry)
    return result
