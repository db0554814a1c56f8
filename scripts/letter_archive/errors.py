"""The project's own error type and the problems a record carries for the report."""

from __future__ import annotations

from dataclasses import dataclass


class LetterError(Exception):
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

    def render(self, file: str) -> str:
        where = f"{file}:{self.line}" if self.line else file
        text = f"{where}: {self.level}: {self.field}: {self.message}"
        return f"{text}\n    fix: {self.hint}" if self.hint else text
