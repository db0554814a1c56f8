"""`letters check --format github`: what `letters check` says, as GitHub Actions workflow commands, so each
problem shows on its line in a pull request's diff, and a Markdown summary of each checked record for
the run's page ($GITHUB_STEP_SUMMARY).

Levels: an error is `::error`, a warning `::warning`, and a doubt (a field read from weak evidence,
`letters check`'s "check these") is `::notice`: it is no fault of the letter, only a field worth a look,
and a notice does not read as one. GitHub shows at most 10 annotations of each level per step in the
diff; the summary lists every document.

Escaping follows GitHub's documented rules (the runner's `CommandExtensions`): in the message `%` ->
`%25`, CR -> `%0D`, LF -> `%0A`; in a property value also `:` -> `%3A` and `,` -> `%2C`. A letter's
text never ends a command early or adds a property."""

from __future__ import annotations

import contextlib
import glob
import html
import os
import re
import secrets
from collections.abc import Iterable, Iterator
from pathlib import Path, PurePosixPath

from ..errors import LetterError, Problem
from ..extract import Extraction
from ..readers import SUFFIXES, without_companions
from ..readers.binary import page_label

Result = tuple[str, Extraction | None, LetterError | None]   # (document as named, its extraction, or the error)


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(level: str, message: str, file: str | None = None, line: int | None = None, title: str | None = None) -> str:
    """One workflow command line: `::error file=…,line=…,title=…::message`."""
    props = [(k, v) for k, v in (("file", file), ("line", str(line) if line else None), ("title", title)) if v]
    head = f"::{level}" + (" " + ",".join(f"{k}={escape_property(v)}" for k, v in props) if props else "")
    return f"{head}::{escape_data(message)}"


def _text_lines(extraction: Extraction) -> bool:
    """Whether a line number of this document is a line of its file (not of a PDF's or Word file's text as read)."""
    return not extraction.origin.get("format")


def _where(extraction: Extraction, file: str, line: int | None) -> tuple[int | None, str]:
    """(the line to annotate in `file`, a 'page 2, line 14: ' prefix when the line is in the text as read)."""
    if not line:
        return None, ""
    if _text_lines(extraction):
        return line, ""
    starts = extraction.origin.get("page_starts")
    return None, f"{page_label(starts, line) if starts else f'line {line}'} of its text as read: "


def annotations(file: str, extraction: Extraction | None, error: LetterError | None) -> list[str]:
    """The workflow commands for one checked document: errors, warnings, then doubts."""
    if extraction is None:
        assert error is not None
        where = error.file if error.file and PurePosixPath(error.file).suffix else file
        return [command("error", error.message + (f"\nfix: {error.hint}" if error.hint else ""), where, error.line,
                        f"letters check: {file} cannot be read")]
    out = []
    for p in sorted(extraction.problems, key=lambda p: p.level != "error"):
        out.append(problem_command(file, extraction, p))
    for d in extraction.doubts:
        key = {"signatories.listed": "signatories", "signatories.claimed": "claimed"}.get(d.field, d.field)
        at = extraction.lines.get(key)
        line, prefix = _where(extraction, file, at if isinstance(at, int) else None)
        out.append(command("notice", f"{prefix}{d.why}\nIf it is wrong, correct it in {corrections(file)}.",
                           file, line, f"check this: {d.field}"))
    return out


def problem_command(file: str, extraction: Extraction, p: Problem) -> str:
    if p.file:   # a line of its sidecar or companion: a file of the diff too
        line, prefix, where = p.line, "", p.file
    else:
        (line, prefix), where = _where(extraction, file, p.line), file
    fix = p.fix(file)
    return command("error" if p.level == "error" else "warning", f"{prefix}{p.message}" + (f"\nfix: {fix}" if fix else ""),
                   where, line, f"letters check: {p.field}")


def corrections(file: str) -> str:
    return str(PurePosixPath(file).with_suffix(".yaml"))


# Markdown's punctuation that can start or end markup, and the table's cell separator; < > & become
# HTML entities instead (a backslash before & would show the entity as text)
MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~])")


def md(value: object) -> str:
    """Text from a letter as inert Markdown: Markdown's punctuation backslashed, HTML escaped, on one line."""
    text = " ".join(str(value).split())
    return html.escape(MARKDOWN_SPECIAL.sub(r"\\\1", text), quote=False)


def summary(results: Iterable[Result]) -> str:
    """The run's summary: one row per checked document, its doubts and problems under the table."""
    rows = ["## Letters checked", "",
            "| document | title | date | addressees | signatories (stated / listed) | demands | check these |",
            "|---|---|---|---|---|---|---|"]
    notes: list[str] = []
    for file, extraction, error in results:
        if extraction is None:
            rows.append(f"| {md(file)} | ✗ cannot be read | | | | | |")
            notes.append(f"- **{md(file)}**: {md(error)}")
            continue
        rec = extraction.record
        s = rec.signatories
        people = "; ".join(", ".join(x for x in (p.name, p.title) if x) for p in rec.addressees)
        doubts = "<br>".join(f"{md(d.field)}: {md(d.why)}" for d in extraction.doubts)
        errors = [p for p in extraction.problems if p.level == "error"]
        mark = "✗ " if errors else ("! " if extraction.problems else "")
        rows.append(f"| {mark}{md(file)} | {md(rec.title or '—')} | {md(rec.date or '—')} | {md(people or '—')} "
                    f"| {md(s.claimed if s.claimed is not None else '—')} / {s.listed} | {len(rec.demands)} | {doubts} |")
        for p in extraction.problems:
            notes.append(f"- **{md(file)}** {p.level}: {md(p.field)}: {md(p.message)}")
    return "\n".join(rows + ([""] + notes if notes else [])) + "\n"


@contextlib.contextmanager
def plain_text(on: bool) -> Iterator[None]:
    """Text printed in here is never read as a workflow command (a signatory named '::error::…' in the
    look-alike list): GitHub's documented `::stop-commands::TOKEN` … `::TOKEN::`, with a fresh token."""
    if not on:
        yield
        return
    token = secrets.token_hex(16)
    print(f"::stop-commands::{token}", flush=True)
    try:
        yield
    finally:
        print(f"::{token}::", flush=True)


def write_summary(results: list[Result]) -> None:
    """Append the Markdown summary to the file GitHub names in $GITHUB_STEP_SUMMARY (nothing when unset)."""
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if target:
        with open(target, "a", encoding="utf-8") as out:
            out.write(summary(results))


def changed_documents(root: Path, changed: list[str]) -> list[str] | None:
    """The documents a pull request's changed files ask to check (`git diff --name-only`, relative to the
    archive): a document itself, or the one its sidecar or companion text belongs to. None: check every
    document (a file of data/ changed, which can change any record)."""
    if any(PurePosixPath(c).parts[:1] == ("data",) for c in changed):
        return None
    out: list[str] = []
    for name in changed:
        path = PurePosixPath(name)
        if path.parts[:1] != ("letters",):
            continue
        stems = [p for p in (root / path).parent.glob(f"{glob.escape(path.stem)}.*")
                 if p.suffix.lower() in SUFFIXES and p.is_file()] if (root / path).parent.is_dir() else []
        documents = [root / p for p in without_companions(sorted(stems))]
        for doc in documents:
            rel = doc.relative_to(root).as_posix()
            if rel not in out:
                out.append(rel)
    return out
