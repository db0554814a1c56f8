# The two commands (README): `make build` builds the site from letters/, `make test` runs every test.
# Both set up .venv themselves from pyproject.toml's pinned versions; nothing else needs installing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export SOURCE_DATE_EPOCH ?= 1577836800
export NO_MKDOCS_2_WARNING := 1

.PHONY: build serve review test quick check bench lint clean ocr screenshots

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

# letters/ -> docs/ -> site/ (+ search index). site/ is replaced only when every step succeeded.
# One build at a time: every step runs under the lock `letters build` also takes (.letters-cache/build.lock; a
# second `make build` meanwhile stops and says so), and each build renders into a folder of its own
# (site.tmp.XXXXXX, removed however the build ends), swapped in for site/ at the end.
build: $(STAMP)
	@$(BIN)/python -m letter_archive.lock .letters-cache/build.lock $(MAKE) --no-print-directory build-locked

.PHONY: build-locked
# A document with an error of its own is held back (`letters build` exits 3 and names it): the rest
# of the site is built and swapped in, then make fails, so the error is not missed. LETTERS_STRICT=1
# (as the publish workflow sets it) makes any error stop the build before anything is written.
# `letters post-build` finishes the site whichever engine built it (site/postbuild.py); after `mkdocs build`
# it finds most of its work done by the MkDocs hook.
build-locked:
	@echo "letters build"; held=0; $(BIN)/letters build || held=$$?; \
	if [ "$$held" != 0 ] && [ "$$held" != 3 ]; then exit "$$held"; fi; \
	set -e; tmp=$$(mktemp -d site.tmp.XXXXXX); old=$$(mktemp -d site.old.XXXXXX); \
	trap 'rm -rf "$$tmp" "$$old"' EXIT; chmod 755 "$$tmp"; \
	echo "mkdocs build --strict --site-dir $$tmp"; $(BIN)/mkdocs build --strict --quiet --site-dir "$$tmp"; \
	echo "letters post-build $$tmp"; $(BIN)/letters post-build "$$tmp"; \
	echo "letters search-index $$tmp"; $(BIN)/letters search-index "$$tmp"; \
	if [ -d site ]; then mv site "$$old/site"; fi; mv "$$tmp" site; \
	echo "site/ is ready: open it with 'python3 -m http.server -d site' or publish it to any static host."; \
	if [ "$$held" = 3 ]; then echo "make build: the site was built without the documents named above: fix them" \
	  "and build again (exit 3)." >&2; exit 3; fi

# While `make build` runs, the preview waits for it (saying so): first `letters build --wait`, then each
# rebuild of `mkdocs serve` holds the build lock (site/mkdocs_hooks.py), waiting while another build has it.
serve: $(STAMP)
	$(BIN)/letters build --wait
	$(BIN)/mkdocs serve --livereload --dirty --no-strict --watch letters --watch data

# The editors' app: review, correct and import letters in the browser, at http://127.0.0.1:8765/ (README, "For editors").
review: $(STAMP)
	$(BIN)/letters review

check: $(STAMP)
	$(BIN)/letters check

test: $(STAMP)
	$(BIN)/ruff check scripts tests benchmarks
	$(BIN)/python -m pytest

# Everything but the slow tests (a fresh clone of the repository, archives of 1,000 letters): for the
# edit-test loop. `make test` (and CI) runs them all.
quick: $(STAMP)
	$(BIN)/ruff check scripts tests benchmarks
	$(BIN)/python -m pytest -m "not slow"

# Synthetic archives of each size (SIZES="100 1000 10000" by default); prints the Performance table.
SIZES ?= 100 1000 10000
bench: $(STAMP)
	$(BIN)/python -m benchmarks.bench --sizes $(SIZES)

# The README's pictures, from the site as built now (headless Chromium: Debian's `chromium`).
screenshots: build
	$(BIN)/python scripts/take_screenshots.py

# Opt-in OCR for scanned PDFs (the only opt-in): Debian's tesseract and its language packs. With it,
# `letters build` reads a PDF without a text layer by OCR; without it such a PDF is an error saying so.
OCR_PACKAGES := tesseract-ocr tesseract-ocr-eng tesseract-ocr-deu tesseract-ocr-fra tesseract-ocr-spa \
	tesseract-ocr-kor tesseract-ocr-jpn tesseract-ocr-chi-sim
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
ocr:
	$(SUDO) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $(OCR_PACKAGES) >/dev/null
	@tesseract --version | head -1 && echo "OCR languages: $$(tesseract --list-langs 2>/dev/null | tail -n +2 | tr '\n' ' ')"

clean:
	rm -rf site site.tmp site.tmp.* site.old site.old.* .pytest_cache .letters-cache .cache
