"""Review stage: what editors who use no terminal see of the archive.

- github.py: `letters check --format github`, the problems of each document as GitHub workflow
  annotations on their lines of a pull request's diff, and a Markdown summary of each record.
- app.py (`letters review`): a local web app for one editor, to import, review and correct letters
  and to confirm look-alike signatories; it writes only the sidecars in letters/ and data/'s files."""
