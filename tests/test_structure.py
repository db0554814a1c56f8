"""The package's shape (issue 11): every module imports on its own (no import cycles), none imports
the project's modules from inside a function to dodge one, and the stages depend one way only:
readers <- extract <- link <- site <- review <- cli."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "scripts" / "letter_archive"
# A stage may import the shared modules and the stages before it, never one after it.
STAGES = ["readers", "extract", "link", "site", "review", "cli"]
SHARED = {"model", "errors", "data", "places", "document", "cache", "archive"}


def modules() -> list[str]:
    names = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


def test_every_module_imports_on_its_own():
    """Each module first, in a fresh interpreter state: a cycle shows as an ImportError for one of them."""
    code = ("import importlib, sys\nfailed = []\n"
            f"for name in {modules()!r}:\n"
            "    for loaded in [m for m in sys.modules if m.startswith('letter_archive')]:\n"
            "        del sys.modules[loaded]\n"
            "    try:\n        importlib.import_module(name)\n"
            "    except Exception as exc:\n        failed.append(f'{name}: {exc!r}')\n"
            "print('\\n'.join(failed))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "", out


def test_no_function_imports_the_projects_own_modules():
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                for inner in ast.walk(node):
                    if isinstance(inner, ast.ImportFrom) and (inner.level or (inner.module or "").startswith("letter_archive")):
                        offenders.append(f"{path.relative_to(PACKAGE)}:{inner.lineno}")
    assert not offenders, offenders


def _imported_stages(path: Path) -> set[str]:
    """The top-level parts of letter_archive that a module imports."""
    rel = path.relative_to(PACKAGE).parts
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = list(rel[:-1])[: len(rel) - node.level] if node.level > 1 else list(rel[:-1])
                target = (base + (node.module or "").split("."))
                target = [t for t in target if t]
                if not target:      # "from . import x" at the top
                    target = [a.name for a in node.names]
                found.add(target[0] if target else "")
            elif (node.module or "").startswith("letter_archive."):
                found.add(node.module.split(".")[1])
    return found


def test_stages_depend_one_way():
    backwards = []
    for path in PACKAGE.rglob("*.py"):
        rel = path.relative_to(PACKAGE).parts
        stage = rel[0] if rel[0] in STAGES else None
        if stage is None:
            continue
        for other in _imported_stages(path) & set(STAGES):
            if STAGES.index(other) > STAGES.index(stage):
                backwards.append(f"{'/'.join(rel)} imports {other}")
    assert not backwards, backwards


def test_shared_modules_import_no_stage_after_readers_and_extract():
    """The record model and the reference data sit under every stage: they import none of them."""
    for name in ("model", "errors", "data", "places"):
        assert not _imported_stages(PACKAGE / f"{name}.py") & set(STAGES), name
