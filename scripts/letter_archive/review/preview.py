"""A letter's page as it will be published, for one letter, in about a tenth of a second.

The page is the project's own: `site.pages.letter_page` writes its docs/ page (what `letters build`
writes), then MkDocs renders that one page with the site's theme, overrides and hooks, through the
same two steps `mkdocs build` runs for every page (`_populate_page`, `_build_page`), into a private
folder. The theme, its configuration and its static files are loaded once. What the preview leaves
out: links to other pages of the archive (signatory and government pages, related documents: they
need the whole archive built) lead nowhere, and the navigation lists no pages but the letter.
The other honest way, `letters build` + `mkdocs build` of the whole archive, takes a minute at 1,000
letters (README, Performance); this takes 0.04 s a page once the theme is loaded (0.9 s, the first time)."""

from __future__ import annotations

import logging
import shutil
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.commands.build import _build_page, _populate_page
from mkdocs.config import load_config
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import get_navigation
from mkdocs.structure.pages import Page

from ..archive import Document, assign_ids
from ..errors import LetterError
from ..link.identities import resolve
from ..link.permalinks import load_signatory_registry
from ..site import pages, routes
from ..site.originals import original_of
from ..site.plan import site_url


@dataclass
class Previewer:
    root: Path
    folder: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="letters-preview-")))
    lock: threading.Lock = field(default_factory=threading.Lock)
    _config: object = None
    _env: object = None
    _static: bool = False

    @property
    def site(self) -> Path:
        return self.folder / "site"

    def close(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)

    def _setup(self) -> None:
        if self._config is not None:
            return
        logging.getLogger("mkdocs").setLevel(logging.ERROR)   # the missing nav pages are expected here
        (self.folder / "docs").mkdir(parents=True, exist_ok=True)
        config = load_config(str(self.root / "mkdocs.yml"), docs_dir=str(self.folder / "docs"),
                             site_dir=str(self.site), strict=False)
        config.plugins.on_startup(command="build", dirty=False)
        self._config = config.plugins.on_config(config)
        self._env = self._config.theme.get_env()

    def render(self, doc: Document) -> str:
        """Render `doc`'s page; returns its address under the preview folder ('letters/<id>/')."""
        with self.lock:
            self._setup()
            config, env = self._config, self._env
            page_path, markdown = letter_markdown(self.root, doc)
            docs = self.folder / "docs"
            target = docs / page_path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(markdown, encoding="utf-8")
            files = Files([File(page_path, str(docs), str(self.site), config.use_directory_urls)])
            if not self._static:   # the theme's CSS, scripts and fonts: copied once
                files.add_files_from_theme(env, config)
                files = config.plugins.on_files(files, config=config)
                files.copy_static_files()
                self._static = True
            nav = get_navigation(files, config)
            file = files.get_file_from_path(page_path)
            page = Page(None, file, config)
            _populate_page(page, config, files)
            _build_page(page, config, files.documentation_pages(), nav, env)
            target.unlink()
            return file.url


def letter_markdown(root: Path, doc: Document) -> tuple[str, str]:
    """(docs/-relative path, content) of the letter's page, as `letters build` writes it (related documents left out)."""
    assign_ids([doc], root / "data" / "permalinks.yaml")     # its permanent id; errors about other documents ignored
    rec = doc.record
    rec.id = rec.id or doc.id or doc.path.stem
    try:
        published_slugs = load_signatory_registry(root / "data" / "signatory-permalinks.yaml")
    except LetterError:   # a broken registry is `letters check`'s to report; the preview still shows the page
        published_slugs = None
    identities = resolve([n.name for n in rec.signatories.names], published_slugs)
    published = original_of(rec.id, doc.path.suffix, doc.received, doc.extraction.origin)
    page = pages.letter_page(rec, [x.text for x in doc.extraction.text], identities, published.link, doc.sha256,
                             site_url(root), [], doc.extraction.signature_span, doc.extraction.signature_lines, published)
    return routes.letter(rec.id), page
