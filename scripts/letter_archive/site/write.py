"""`letters build`: letters/ -> docs/. The plan (site.plan) computes every page in memory first (a
document with an error of its own is held back: its last good page kept, or left out); only when the
plan is whole are files written, each only if its content changed, through a temporary file and a
rename, so a failed build leaves the previous docs/ as it was."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from ..link.permalinks import SIGNATORY_REGISTRY, TAG_REGISTRY
from ..lock import BuildLocked, build_lock
from .plan import MANIFEST, BuildResult, plan


def write_tree(target: Path, files: dict[str, bytes], warnings: list[str] | None = None) -> tuple[list[str], list[str]]:
    """Make `target` hold `files` (and keep anything an editor put there). Unchanged files are not
    touched, so `mkdocs serve` sees no change and does not rebuild in a loop."""
    target.mkdir(parents=True, exist_ok=True)
    manifest = target / MANIFEST
    previous = set(manifest.read_text(encoding="utf-8").split("\n")) - {""} if manifest.exists() else set()
    # only the entries this build would delete are checked (resolving all 12,000 took 1.5 s a build)
    real_target = target.resolve()
    outside = sorted(rel for rel in previous - files.keys() if not inside(real_target, rel))
    if outside:   # the manifest names the files the build may delete: never one outside docs/
        previous -= set(outside)
        if warnings is not None:
            warnings.append(f"docs/{MANIFEST}: warning: {len(outside)} path(s) outside docs/ ignored, none deleted "
                            f"({', '.join(repr(x) for x in outside[:3])})\n    fix: nothing to do: the build rewrites the list")
    staged: list[tuple[Path, Path]] = []
    path = target
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
    except OSError as error:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)
        path.with_name(f".{path.name}.tmp").unlink(missing_ok=True)
        if not error.filename:
            error.filename = str(path)
        raise
    for tmp, path in staged:
        os.replace(tmp, path)
    deleted = []
    for rel in sorted(previous - files.keys()):
        stale = target / rel
        if stale.is_file():
            stale.unlink()
            deleted.append(rel)
    for folder in sorted({p for rel in deleted for p in (target / rel).parents if p != target}, reverse=True):
        if folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
    return [str(p.relative_to(target)) for _, p in staged if p.name != MANIFEST], deleted


def inside(real_target: Path, rel: str) -> bool:
    """A manifest entry that names a file under `real_target` (a resolved path): relative, no `..`, not
    through a link out."""
    path = Path(rel)
    if path.is_absolute() or ".." in path.parts or "\\" in rel:
        return False
    try:
        return (real_target / path).resolve().is_relative_to(real_target)
    except (OSError, ValueError):
        return False


def build(root: Path, parallel: bool = True, forget: set[str] | frozenset[str] = frozenset(),
          strict: bool = False, wait: Callable[[str], None] | None = None, locked: bool = False) -> BuildResult:
    """`parallel=False` inside a long-running, threaded process (the `mkdocs serve` hook), where
    forking worker processes is not safe; with the caches warm it has little left to do anyway.
    `strict`: a document with an error stops the build (else it is held back: site.plan).
    `wait`: while another build runs, say so through it and wait (else the build stops at once);
    `locked`: the caller holds the build lock already (the `mkdocs serve` hook, for its whole build)."""
    if locked:
        return _build(root, parallel, forget, strict)
    try:
        with build_lock(root, wait):
            return _build(root, parallel, forget, strict)
    except BuildLocked as error:
        return BuildResult([], errors=[str(error)])


def _build(root: Path, parallel: bool, forget: set[str] | frozenset[str], strict: bool = False) -> BuildResult:
    result = plan(root, parallel=parallel, forget=forget, strict=strict)
    if result.errors:
        return result
    # the registries of published addresses (letters, signatories, tags), written aside first: a full disk
    # stops the build before docs/ changes, not after
    staged: list[tuple[Path, Path, str]] = []
    for name, content in (("permalinks.yaml", result.registry), (SIGNATORY_REGISTRY, result.signatory_registry),
                          (TAG_REGISTRY, result.tag_registry)):
        registry = root / "data" / name
        if name == TAG_REGISTRY and not content:   # no document has had a tag yet: no file
            continue
        if not registry.exists() or registry.read_text(encoding="utf-8") != content:
            registry.parent.mkdir(parents=True, exist_ok=True)
            staged.append((registry.with_name(f".{name}.tmp"), registry, content))
    try:
        for tmp, _, content in staged:
            tmp.write_text(content, encoding="utf-8")
        result.written, result.deleted = write_tree(root / "docs", result.files, result.warnings)
    except OSError:
        for tmp, _, _ in staged:
            tmp.unlink(missing_ok=True)
        raise
    for tmp, registry, _ in staged:
        os.replace(tmp, registry)
    return result
