"""One build at a time per archive: `letters build`, the `make serve` hook and `make build` take an
exclusive lock on `.letters-cache/build.lock` beside letters/ (fcntl.flock: released by the kernel when the process
ends, so a killed build leaves no stale lock). Two `make build` at once shared one temporary site
folder and published a site missing 1,102 files while printing "site/ is ready".

`make build` holds the lock for all its steps with `python -m letter_archive.lock .letters-cache/build.lock CMD…`,
which runs CMD with LETTERS_BUILD_LOCK naming the lock it holds, so the `letters build` inside it
knows the lock it finds taken is its own."""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import Picklable

# Our caches and the lock, beside letters/ (git ignores it). Not `.cache/`: `zensical build --clean`
# deletes that folder, which would take the lock from under a running build (issue 25).
CACHE_DIR = ".letters-cache"
OLD_CACHE_DIR = ".cache"          # where they were before issue 25 (cache.py adopts what it finds there)
LOCK_NAME = f"{CACHE_DIR}/build.lock"   # beside the caches: it is no page
HELD_BY_CALLER = "LETTERS_BUILD_LOCK"


class BuildLocked(Picklable, Exception):
    def __init__(self, path: Path):
        super().__init__(f"another build is running in {path.parent.resolve()} (it holds {path.parent.name}/{path.name}); "
                         "wait for it to finish, then build again")


@contextmanager
def build_lock(root: Path, wait: Callable[[str], None] | None = None) -> Iterator[None]:
    """The archive's build lock; a build that `make build` started under the same lock goes on.
    `wait`: when another build holds it, call `wait` with the reason, then wait for it (else BuildLocked)."""
    path = root / LOCK_NAME
    with build_lock_file(path, held_by_caller=os.environ.get(HELD_BY_CALLER) == str(path.resolve()), wait=wait):
        yield


def main(argv: list[str] | None = None) -> int:
    """python -m letter_archive.lock LOCKFILE COMMAND [ARGS…]: COMMAND under the lock, or exit 75."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) < 2:
        print("usage: python -m letter_archive.lock LOCKFILE COMMAND [ARGS...]", file=sys.stderr)
        return 2
    path = Path(args[0])
    try:
        with build_lock_file(path):
            env = {**os.environ, HELD_BY_CALLER: str(path.resolve())}
            return subprocess.run(args[1:], env=env).returncode
    except BuildLocked as error:
        print(f"make build: {error}.", file=sys.stderr)
        return 75


@contextmanager
def build_lock_file(path: Path, held_by_caller: bool = False, wait: Callable[[str], None] | None = None) -> Iterator[None]:
    """An exclusive lock on `path` for as long as the block runs, or BuildLocked at once (with `wait`:
    `wait` is told why, and the lock is waited for)."""
    fd = acquire(path, held_by_caller, wait)
    try:
        yield
    finally:
        os.close(fd)   # closing releases the lock


def acquire(path: Path, held_by_caller: bool = False, wait: Callable[[str], None] | None = None) -> int:
    """The lock on `path`, as an open file (closing it releases the lock); see build_lock_file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        if wait is not None:
            wait(f"another build is running in {path.parent.parent.resolve()}: waiting for it to finish")
            fcntl.flock(fd, fcntl.LOCK_EX)
        elif not held_by_caller:
            os.close(fd)
            raise BuildLocked(path) from None
    except BaseException:
        os.close(fd)
        raise
    return fd


if __name__ == "__main__":
    sys.exit(main())
