"""Hostile input, third round (issue 22): errors that come back whole from worker processes, control
characters and lengths checked at the record model, data files read with front matter's limits, CSV
cells that no spreadsheet runs, citation files that tools read back, identities an editor cannot take
over unawares, file names the file system refuses, `make serve` during `make build`, unsafe `url:`."""

from __future__ import annotations

import importlib
import inspect
import pickle
import pkgutil
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

import letter_archive
from conftest import BIN, make_archive, run

LETTERS = str(BIN / "letters")


def letter(title: str, date: str = "March 5, 2021", front: str = "", orgs: str = "First Org, Japan\nSecond Org, Korea\n") -> str:
    head = f"---\n{front}---\n" if front else ""
    return (f"{head}{date}\n\nPrime Minister of Japan\n\nRe: {title}\n\nDear Prime Minister,\n\n"
            f"We urge you to release every political prisoner.\n\nSincerely,\n\n{orgs}")


def build(root: Path, *args: str):
    return run([LETTERS, "build", "--root", str(root), *args], root, check=False)


# --- 1. errors from worker processes reach the report whole -------------------------------------

def error_classes() -> list[type[BaseException]]:
    """Every exception class the package defines (imported module by module: a new one is found too)."""
    found = {}
    for info in pkgutil.walk_packages(letter_archive.__path__, "letter_archive."):
        if info.name.endswith("mkdocs_hooks"):
            continue
        module = importlib.import_module(info.name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, BaseException) and cls.__module__.startswith("letter_archive"):
                found[f"{cls.__module__}.{cls.__qualname__}"] = cls
    return [found[k] for k in sorted(found)]


def example(cls: type[BaseException]) -> BaseException:
    """An instance of `cls`, made from its own __init__'s parameters (a text, a number or a path each)."""
    import yaml
    params = [p for p in inspect.signature(cls.__init__).parameters.values()
              if p.name != "self" and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    values = {"file": "letters/x.txt", "line": 3, "page": 2, "message": "cannot be read", "hint": "save it again",
              "path": Path("/archive/.cache/build.lock"), "mark": yaml.Mark("x", 1, 2, 3, None, None)}
    args = [values.get(p.name, f"{p.name} of {cls.__name__}") for p in params]
    return cls(*args)


def same(a: BaseException, b: BaseException) -> bool:
    return type(a) is type(b) and str(a) == str(b) and {k: str(v) for k, v in vars(a).items()} == \
        {k: str(v) for k, v in vars(b).items()}


def test_every_error_class_survives_pickling():
    classes = error_classes()
    assert {c.__name__ for c in classes} >= {"LetterError", "ReaderError", "ScanError", "PageCollision", "BuildLocked"}
    for cls in classes:
        error = example(cls)
        assert same(pickle.loads(pickle.dumps(error)), error), cls


def _raise(index: int) -> None:
    raise example(error_classes()[index])


def test_every_error_class_raised_in_a_worker_process_comes_back_whole():
    classes = error_classes()
    with ProcessPoolExecutor(2, mp_context=get_context("fork")) as pool:
        futures = [pool.submit(_raise, i) for i in range(len(classes))]
        for cls, future in zip(classes, futures, strict=True):
            error = future.exception(timeout=60)
            assert same(error, example(cls)), cls


def test_an_empty_file_among_many_letters_read_in_parallel_is_reported(tmp_path, monkeypatch):
    """With 300 letters or more the archive is read by a process pool; an empty file's error came back
    as BrokenProcessPool, and the build said "this is a bug"."""
    from letter_archive import archive
    monkeypatch.setattr(archive, "PARALLEL_FROM", 2)   # the pool for a handful of letters, as for 300
    root = make_archive(tmp_path, {"empty.txt": "", **{f"l{i}.txt": letter(f"Letter {i}") for i in range(6)}})
    docs = archive.load(root, workers=2)
    empty = next(d for d in docs if d.rel == "letters/empty.txt")
    assert empty.error is not None and "the file is empty" in str(empty.error) and empty.error.line == 1
    assert all(d.extraction is not None for d in docs if d.rel != "letters/empty.txt")
