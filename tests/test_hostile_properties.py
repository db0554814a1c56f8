"""Property test (issue 22): whatever hostile text an archive's documents and corrections hold, every file
the build writes reads back with a real parser: the XML files (CMIF, Atom feeds, the sitemap) with a
strict XML parser, JSON (the records, JSON Feed, CSL-JSON), the CSV files (strictly, and no cell a
spreadsheet would run), BibTeX (bibtexparser) and RIS (rispy). Derandomized, so it runs the same cases
every time, and a few of them, so it stays well under a minute."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import bibtexparser
import rispy
import yaml
from conftest import BIN, REPO, run
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from benchmarks.bench import copy_skeleton

# Characters that break one format or another: XML's markup and the ones it cannot carry at all, LaTeX's
# specials, CSV's quote and separators and a spreadsheet's formula marks, RIS's tag shape, JSON's
# escapes, Markdown and Jinja, direction overrides, astral and combining characters.
HOSTILE = list("<>&\"'\\{}%$#_^~=+-@,;|\t\r\n[]()*`!") + ["\x0b", "\x1b", "\x0c", "\x01", "\ufffe", "\uffff",
                                                          "\u202e", "\u0301", "😀", "]]>", "--", "ER  - ", "{{", "{%",
                                                          "&amp;", "\\\\", "TY  - ", "é", "ß", "北", "한"]
XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
INVISIBLE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")   # an error in a title (extract/checks.py)


def hostile_text(min_size: int = 1, max_size: int = 40, invisible: bool = True):
    """Words with hostile pieces between them; `invisible`: control and direction characters too."""
    pieces = [p for p in HOSTILE if invisible or not INVISIBLE.search(p) and not XML_FORBIDDEN.search(p)]
    word = st.text(alphabet=st.characters(codec="utf-8", categories=("L", "N")), min_size=1, max_size=8)
    parts = st.lists(st.one_of(word, st.sampled_from(pieces)), min_size=min_size, max_size=max_size)
    return parts.map(lambda xs: "".join(xs)).filter(lambda s: len(s.strip()) > 1 and s.strip()[0] not in "\\!&*|>%@`{['\"-?:,#")


@st.composite
def documents(draw) -> dict[str, str]:
    """Files for letters/: a letter whose text holds hostile names and demands, and its corrections file
    holding hostile values for the fields an editor writes."""
    files = {}
    for n in range(draw(st.integers(1, 2))):
        names = draw(st.lists(hostile_text(max_size=6), min_size=2, max_size=4))
        demand = draw(hostile_text(max_size=10))
        lines = "\n".join(f"{' '.join(x.split())}, Japan" for x in names)
        body = (f"March {n + 1}, 2021\n\nPrime Minister of Japan\n\nRe: A letter\n\nDear Prime Minister,\n\n"
                + "We are writing to you about the situation of the people, and we ask you to act for them. " * 3
                + f"\n\nWe urge you to {' '.join(demand.split())}.\n\nSincerely,\n\n{lines}\n")
        files[f"letter-{n}.txt"] = body
        safe = hostile_text(max_size=12, invisible=False)
        corrections = {
            "id": f"letter-{n}", "title": draw(safe), "publisher": draw(safe), "author": draw(safe),
            "url": draw(st.sampled_from(["https://example.org/a?b=<c>&d=\"e\"", "javascript:alert(1)",
                                         "https://example.org/%7B%7D"])),
            "addressees": [{"name": draw(safe), "title": draw(safe), "government": "Japan"}],
            "demands": draw(st.lists(safe, min_size=1, max_size=3)),
            "signatories": {"claimed": 3, "names": [{"name": draw(safe), "type": "organization"},
                                                    {"name": draw(safe), "type": "individual", "affiliation": draw(safe)}]},
        }
        if draw(st.booleans()):
            del corrections["signatories"]      # the names read from the text, invisible characters and all
        files[f"letter-{n}.yaml"] = yaml.safe_dump(corrections, allow_unicode=True)
    return files


def parse_everything(docs: Path, site: Path | None) -> dict[str, int]:
    """Read back every output file with its parser; how many of each were read."""
    strict = etree.XMLParser(recover=False, resolve_entities=False, no_network=True)
    seen = {"xml": 0, "json": 0, "csv": 0, "bibtex": 0, "ris": 0, "csl": 0, "sitemap": 0}
    for path in sorted(docs.rglob("*.xml")):
        etree.fromstring(path.read_bytes(), strict)
        seen["xml"] += 1
    for path in sorted(docs.rglob("*.json")):
        json.loads(path.read_text(encoding="utf-8"))
        seen["json"] += 1
    for path in sorted(docs.rglob("*.csv")):
        table = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline=""), strict=True))
        assert len({len(row) for row in table}) == 1, path
        assert not [c for row in table[1:] for c in row if c[:1] in ("=", "+", "-", "@", "\t", "\r")], path
        seen["csv"] += 1
    for path in sorted((docs / "letters").glob("*/*.*")):   # the citation files beside each letter page
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".bib":
            library = bibtexparser.parse_string(text)
            assert len(library.entries) == 1 and not library.failed_blocks, text
            seen["bibtex"] += 1
        elif path.suffix == ".ris":
            assert len(rispy.loads(text)) == 1, text
            seen["ris"] += 1
        elif path.name.endswith(".csl.json"):
            assert isinstance(json.loads(text), list)
            seen["csl"] += 1
    if site is not None:
        root = etree.fromstring((site / "sitemap.xml").read_bytes(), strict)
        assert len(root) >= 1
        seen["sitemap"] += 1
    return seen


def new_archive(folder: Path, files: dict[str, str]) -> Path:
    copy_skeleton(REPO, folder)
    for registry in ("permalinks.yaml", "signatory-permalinks.yaml"):
        (folder / "data" / registry).unlink(missing_ok=True)
    (folder / "letters").mkdir()
    for name, text in files.items():
        (folder / "letters" / name).write_text(text, encoding="utf-8")
    return folder


@settings(max_examples=12, derandomize=True, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(files=documents())
def test_every_output_file_of_a_hostile_archive_reads_back(tmp_path_factory, files):
    from letter_archive.site.write import build
    root = new_archive(tmp_path_factory.mktemp("hostile"), files)
    result = build(root, parallel=False)
    assert not result.errors, "\n".join(result.errors)
    seen = parse_everything(root / "docs", None)
    assert seen["xml"] >= 3 and seen["json"] >= 2 and seen["csv"] == 3
    assert seen["bibtex"] == seen["ris"] == seen["csl"] == len([f for f in files if f.endswith(".txt")])


def test_the_sitemap_and_the_site_of_a_hostile_archive_read_back(tmp_path):
    """The sitemap is MkDocs's: one whole site, built from the first generated case."""
    files = {
        "letter-0.txt": "March 1, 2021\n\nPrime Minister of Japan\n\nRe: <A> & \"B\" ]]> \\\n\nDear Prime Minister,\n\n"
                        "We urge you to release =1+1 {them} 100% now.\n\nSincerely,\n\n"
                        "First\x0bOrg <x>, Japan\n=cmd|' /C calc'!A0, Korea\nThird \\ Org ~^, Japan\n",
        "letter-0.yaml": "url: 'javascript:alert(1)'\npublisher: \"@SUM(1) & <b>\"\n"}
    root = new_archive(tmp_path / "archive", files)
    run([str(BIN / "letters"), "build", "--root", str(root)], root)
    run([str(BIN / "mkdocs"), "build", "--strict", "--quiet"], root)
    seen = parse_everything(root / "docs", root / "site")
    assert seen["sitemap"] == 1 and seen["bibtex"] == 1
