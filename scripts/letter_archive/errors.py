"""The project's own error type and the problems a record carries for the report."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath

# In a hint, where an editor corrects a document: its sidecar, `letters/<name>.yaml` (readers/sidecar.py),
# named when the hint is shown beside the document's name.
CORRECTIONS = "<corrections>"


def corrections_file(file: str) -> str:
    """The sidecar that corrects document `file`: 'letters/x.pdf' -> 'letters/x.yaml'."""
    path = PurePosixPath(file)
    return str(path.with_suffix(".yaml")) if path.suffix else f"{file}.yaml"


def _rebuilt(cls: type, args: tuple, state: dict) -> BaseException:
    """An error as it was pickled: its class, its args and its attributes, without calling __init__
    (whose signature each class chooses)."""
    error = cls.__new__(cls, *args)
    error.args = args
    error.__dict__.update(state)
    return error


class Picklable:
    """An exception that comes back whole from another process (a worker of the build's process pool,
    the isolated reader). Python pickles an exception as `cls(*args)`, which fails for any class whose
    __init__ takes other arguments than it passes on (LetterError(file, line, message, hint) passes
    only the message): the worker's result was lost and the build ended in BrokenProcessPool."""

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (_rebuilt, (type(self), self.args, dict(self.__dict__)))  # type: ignore[attr-defined]


class LetterError(Picklable, Exception):
    """A document that cannot be read or understood: names the file, the line and the fix."""

    def __init__(self, file: str, line: int | None, message: str, hint: str | None = None):
        super().__init__(message)
        self.file = file
        self.line = line
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        text = f"{where}: {self.message}"
        return f"{text}\n    fix: {self.hint}" if self.hint else text


@dataclass(frozen=True)
class Problem:
    """A warning or an error about one field of one document."""

    level: str  # "error" | "warning"
    field: str
    line: int | None
    message: str
    hint: str | None = None
    file: str | None = None   # the file `line` is in, when not the document's own (its sidecar, its companion)

    def render(self, file: str) -> str:
        """`file`: the document's name, as the reader gave it."""
        where = self.file or file
        where = f"{where}:{self.line}" if self.line else where
        text = f"{where}: {self.level}: {self.field}: {self.message}"
        return f"{text}\n    fix: {self.fix(file)}" if self.hint else text

    def fix(self, file: str) -> str | None:
        """The hint, with the corrections file of document `file` named."""
        return self.hint.replace(CORRECTIONS, corrections_file(file)) if self.hint else None
