"""MkDocs hooks (named in mkdocs.yml; loaded by path, so imports are absolute).

A speed path, not a requirement: what the built site must have (3-6 below: originals as they are, the
relative 404 page, pages without indentation) is also done by `letters post-build SITE`
(site/postbuild.py), which `make build` runs after the engine, whichever it is; it finds the hook's
work done and skips it. Without the hook (or under Zensical) the site is the same, only built slower.

1. Pages `letters build` wrote as HTML (they start with pages.PRERENDERED) go to the theme as they
   are, with their table of contents read from their own <h2>/<h3 id>: running Python-Markdown's
   raw-HTML parser over them took half of `mkdocs build` at 10,000 letters, and changed nothing.
2. Under `mkdocs serve` only, `letters build` runs before each rebuild, so an edit in letters/ or
   data/ shows in the browser. The rebuild holds the build lock from start to end, and waits (saying
   so) while `make build` holds it. The writer touches only pages whose content changed, which keeps
   serve from looping (the rewritten docs/ files trigger one more rebuild, which writes nothing) and
   lets `--dirty` re-render only those pages. `make build` runs `letters build` itself.
3. Files `letters build` wrote that are not pages (feeds, cards, data exports, originals: most of the
   site's bytes) are hard-linked into the site folder instead of copied; MkDocs then finds each one
   already in place and skips it (it ignores shutil.SameFileError for this purpose). Where a link is
   impossible (another file system, a file system without links) MkDocs copies as before. Safe
   because nothing writes into these files in place: `letters build` replaces a changed file by a new
   one (write_tree's rename), which leaves the built site's link with the old content.
4. Every page leaves without the theme's template indentation (a line break and the blank lines
   and spaces after it, before a tag, become one line break; the browser shows both as one space):
   3 KB of each page, a tenth of a typical letter page. Elements that show their whitespace (<pre>,
   <textarea>; <code> and <kbd> in Material's CSS) are left as they are.
5. A Markdown letter's original, `originals/<id>.md`, is copied byte for byte like every other
   original, never rendered as a page (its raw HTML would run). mkdocs.yml excludes those files
   from the site (`exclude_docs`), so without this hook they are left out rather than rendered.
6. The 404 page's addresses are relative to the site's root, which its <base> names
   (on_template_context, overrides/404.html): it is styled at any depth of any missing address; it
   leaves without indentation too (on_post_template)."""

from __future__ import annotations

import html
import importlib
import logging
import os
import re
from pathlib import Path

from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.toc import get_toc

from letter_archive.lock import LOCK_NAME, acquire
from letter_archive.site.postbuild import collapse_indentation
from letter_archive.site.prerendered import PRERENDERED
from letter_archive.site.routes import ORIGINALS

log = logging.getLogger("mkdocs.plugins.letters")
HEADING = re.compile(r'<h([23]) id="([^"]+)">(.*?)</h\1>')
TAGS = re.compile(r"<[^>]+>")
_build = None                 # letter_archive.site.write.build, under `mkdocs serve` only
_lock: int | None = None      # the build lock, held from on_pre_build to on_post_build under `mkdocs serve`
_html: dict[str, str] = {}


def on_startup(command: str, dirty: bool) -> None:
    global _build
    if command == "serve":
        # The whole pipeline (extraction, Pillow, the page templates) is needed only to rebuild docs/
        # under serve; importing it took ~0.7 s of every `mkdocs build`.
        _build = importlib.import_module("letter_archive.site.write").build


def on_pre_build(config) -> None:
    global _lock
    if _build is None:
        return
    root = Path(config.config_file_path).parent
    # The whole rebuild holds the archive's build lock, waiting while `make build` (or `letters build`)
    # holds it: a rebuild that went on beside it read pages that build was rewriting, and Material's
    # content.html failed on a page MkDocs had not read ("another build is running", then a traceback).
    release()
    _lock = acquire(root / LOCK_NAME, wait=lambda why: log.warning("letters build: %s", why))
    try:
        result = _build(root, parallel=False, locked=True)   # serve is threaded: no forking from here
    except OSError as error:
        log.error("letters build: %s: %s (free some disk space or make docs/ writable)", error.filename, error.strerror)
        return
    if result.errors:
        # Keep serving the last good pages; say what to fix, in the words `letters build` uses.
        for error in result.errors:
            log.error("letters build: %s", error)
        return
    for rel, errors in result.held.items():   # the rest is built; these keep their last good page, if any
        log.error("letters build: %s is not published by this build: %s", rel, "; ".join(errors))
    if result.written or result.deleted:
        log.info("letters build: %d page(s) written, %d removed", len(result.written), len(result.deleted))


def release() -> None:
    """Let go of the build lock the rebuild holds (after it, or when it failed)."""
    global _lock
    if _lock is not None:
        os.close(_lock)
        _lock = None


def on_post_build(config) -> None:
    release()


def on_build_error(error) -> None:
    release()


def on_shutdown() -> None:
    release()


class AsReceived(File):
    """A document's original named .md or .markdown: a file to copy, not a page to render."""

    def is_documentation_page(self) -> bool:
        return False


def on_files(files: Files, config) -> Files:
    for file in [f for f in files if f.src_uri.startswith(ORIGINALS) and f.is_documentation_page()]:
        files.remove(file)
        files.append(AsReceived(file.src_uri, file.src_dir, file.dest_dir, file.use_directory_urls,
                                inclusion=InclusionLevel.INCLUDED))
    docs = os.path.join(os.path.abspath(config.docs_dir), "")
    for file in files:
        if (file.is_documentation_page() or file.generated_by or file.inclusion.is_excluded()
                or not (file.abs_src_path or "").startswith(docs)):
            continue
        try:
            os.makedirs(os.path.dirname(file.abs_dest_path), exist_ok=True)
            os.link(file.abs_src_path, file.abs_dest_path)
        except OSError:
            pass   # already there (a dirty build), or no links here: MkDocs copies it
    return files


def on_page_markdown(markdown: str, page, config, files) -> str:
    if markdown.startswith(PRERENDERED):
        _html[page.file.src_uri] = markdown[len(PRERENDERED):]
        return ""
    return markdown


def on_page_content(content: str, page, config, files) -> str:
    body = _html.pop(page.file.src_uri, None)
    if body is None:
        return content
    tokens: list[dict] = []
    for level, anchor, inner in HEADING.findall(body):
        token = {"level": int(level), "id": anchor, "name": html.unescape(TAGS.sub("", inner)).strip(), "children": []}
        if level == "3" and tokens:
            tokens[-1]["children"].append(token)
        elif level == "2":
            tokens.append(token)
    page.toc = get_toc(tokens)
    return body


def on_template_context(context, template_name: str, config):
    """The 404 page is served at any missing address, at any depth: MkDocs writes its addresses from
    site_url's path (/open-letter-archive/assets/…), which break where the site is served from
    another path. Written relative to the site's root instead ("./assets/…"), with <base> naming the
    root (overrides/404.html, from site_url's path). `letters post-build` does the same without the hook."""
    if template_name == "404.html":
        context["base_url"] = "."
    return context


def on_post_page(output: str, page, config) -> str:
    return collapse_indentation(output)


def on_post_template(output: str, template_name: str, config) -> str:
    return collapse_indentation(output) if template_name == "404.html" else output
