"""The marker between a docs/ page's front matter and the HTML `letters build` rendered for it.

Below this line a page is HTML that `letters build` wrote and escaped itself; the MkDocs hook
(site/mkdocs_hooks.py) passes it through instead of running Markdown over it, which took half of
`mkdocs build` at 10,000 letters. Without the hook it still renders as Markdown. A module of its own
so that the hook, loaded by every `mkdocs build`, imports nothing else of the pipeline."""

PRERENDERED = "<!-- html: written by letters build -->\n"
