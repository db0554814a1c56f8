"""Hostile input, third round (issue 22): errors that come back whole from worker processes, control
characters and lengths checked at the record model, data files read with front matter's limits, CSV
cells that no spreadsheet runs, citation files that tools read back, identities an editor cannot take
over unawares, file names the file system refuses, `make serve` during `make build`, unsafe `url:`."""

from __future__ import annotations

import importlib
import inspect
import pickle
import pkgutil
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

import letter_archive
import pytest
from conftest import BIN, make_archive, run

LETTERS = str(BIN / "letters")


def letter(title: str, date: str = "March 5, 2021", front: str = "", orgs: str = "First Org, Japan\nSecond Org, Korea\n") -> str:
    head = f"---\n{front}---\n" if front else ""
    return (f"{head}{date}\n\nPrime Minister of Japan\n\nRe: {title}\n\nDear Prime Minister,\n\n"
            f"We urge you to release every political prisoner.\n\nSincerely,\n\n{orgs}")


def build(root: Path, *args: str):
    return run([LETTERS, "build", "--root", str(root), *args], root, check=False)


# --- 1. errors from worker processes reach the report whole -------------------------------------

def error_classes() -> list[type[BaseException]]:
    """Every exception class the package defines (imported module by module: a new one is found too)."""
    found = {}
    for info in pkgutil.walk_packages(letter_archive.__path__, "letter_archive."):
        if info.name.endswith("mkdocs_hooks"):
            continue
        module = importlib.import_module(info.name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, BaseException) and cls.__module__.startswith("letter_archive"):
                found[f"{cls.__module__}.{cls.__qualname__}"] = cls
    return [found[k] for k in sorted(found)]


def example(cls: type[BaseException]) -> BaseException:
    """An instance of `cls`, made from its own __init__'s parameters (a text, a number or a path each)."""
    import yaml
    params = [p for p in inspect.signature(cls.__init__).parameters.values()
              if p.name != "self" and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    values = {"file": "letters/x.txt", "line": 3, "page": 2, "message": "cannot be read", "hint": "save it again",
              "path": Path("/archive/.letters-cache/build.lock"), "mark": yaml.Mark("x", 1, 2, 3, None, None)}
    args = [values.get(p.name, f"{p.name} of {cls.__name__}") for p in params]
    return cls(*args)


def same(a: BaseException, b: BaseException) -> bool:
    return type(a) is type(b) and str(a) == str(b) and {k: str(v) for k, v in vars(a).items()} == \
        {k: str(v) for k, v in vars(b).items()}


def test_every_error_class_survives_pickling():
    classes = error_classes()
    assert {c.__name__ for c in classes} >= {"LetterError", "ReaderError", "ScanError", "PageCollision", "BuildLocked"}
    for cls in classes:
        error = example(cls)
        assert same(pickle.loads(pickle.dumps(error)), error), cls


def _raise(index: int) -> None:
    raise example(error_classes()[index])


def test_every_error_class_raised_in_a_worker_process_comes_back_whole():
    classes = error_classes()
    with ProcessPoolExecutor(2, mp_context=get_context("fork")) as pool:
        futures = [pool.submit(_raise, i) for i in range(len(classes))]
        for cls, future in zip(classes, futures, strict=True):
            error = future.exception(timeout=60)
            assert same(error, example(cls)), cls


def test_an_empty_file_among_many_letters_read_in_parallel_is_reported(tmp_path, monkeypatch):
    """With 300 letters or more the archive is read by a process pool; an empty file's error came back
    as BrokenProcessPool, and the build said "this is a bug"."""
    from letter_archive import archive
    monkeypatch.setattr(archive, "PARALLEL_FROM", 2)   # the pool for a handful of letters, as for 300
    root = make_archive(tmp_path, {"empty.txt": "", **{f"l{i}.txt": letter(f"Letter {i}") for i in range(6)}})
    docs = archive.load(root, workers=2)
    empty = next(d for d in docs if d.rel == "letters/empty.txt")
    assert empty.error is not None and "the file is empty" in str(empty.error) and empty.error.line == 1
    assert all(d.extraction is not None for d in docs if d.rel != "letters/empty.txt")


# --- 2. characters XML cannot carry: stripped from a document's text, refused in an editor's ---------

XML_FORBIDDEN = ["\x00", "\x01", "\x08", "\x0b", "\x0c", "\x0e", "\x1b", "\x1f", "\ufffe", "\uffff"]


def parse_xml_files(folder: Path) -> int:
    """Every .xml file under `folder`, parsed by a strict XML parser; how many."""
    from lxml import etree
    files = sorted(folder.rglob("*.xml"))
    for path in files:
        etree.fromstring(path.read_bytes(), etree.XMLParser(recover=False, resolve_entities=False))
    return len(files)


def every_string(value, path="record"):
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from every_string(v, f"{path}.{k}")
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from every_string(v, f"{path}[{i}]")


def test_settle_takes_every_forbidden_character_out_of_every_string_of_a_record():
    """The rule, at the model: whatever the extractor put in any string field, no string of the record
    that leaves it holds a character XML 1.0 forbids."""
    from letter_archive.model import Group, Person, Record, Signatory, Signatures, settle
    bad = "".join(XML_FORBIDDEN)
    record = Record(
        id=f"x{bad}", kind=f"letter{bad}", title=f"A{bad}title", date=f"2021{bad}", language=f"en{bad}",
        publisher=f"P{bad}", author=f"A{bad}", url=f"https://example.org/{bad}",
        addressees=[Person(f"N{bad}ame", f"T{bad}", f"G{bad}")], cc=[Person(f"C{bad}", None, None)],
        governments=[f"J{bad}apan"], demands=[f"Release{bad} them."], related=[f"r{bad}"], unrelated=[f"u{bad}"],
        aliases=[f"a{bad}"],
        signatories=Signatures(3, [Group(f"L{bad}abel", 2, [Signatory(f"Org{bad}One", "organization", f"A{bad}", f"K{bad}R"),
                                                            Signatory(bad, "organization")])]))
    settle(record)
    strings = dict(every_string(record.to_dict()))
    assert len(strings) >= 20
    for path, text in strings.items():
        assert not any(c in text for c in XML_FORBIDDEN), (path, text)
    assert [n.name for n in record.signatories.names] == ["Org One"]   # tabs and feeds are spaces; a name of nothing goes


@pytest.mark.parametrize("char", XML_FORBIDDEN[1:])
def test_every_editable_field_refuses_a_forbidden_character(char):
    from letter_archive.model import EDITABLE_KEYS, validate_front_matter
    escaped = f"\\u{ord(char):04x}"
    for key, value in {"id": "x{c}y", "title": "A {c}title", "language": "e{c}n", "publisher": "P{c}Q",
                       "author": "A{c}B", "url": "https://x.org/{c}/", "addressees": [{"name": "N{c}M", "title": "T"}],
                       "cc": ["C{c}D"], "governments": ["J{c}apan"], "demands": ["Release {c}them."],
                       "signatories": {"groups": [{"label": "L{c}abel", "names": ["Org"]}]},
                       "related": ["r{c}s"], "unrelated": ["u{c}v"], "aliases": ["a{c}b"],
                       "withdrawn": {"date": "2024-05-01", "reason": "R{c}S"}}.items():
        assert key in EDITABLE_KEYS
        import json
        typed = json.loads(json.dumps(value).replace("{c}", escaped))
        clean, problems = validate_front_matter({key: typed}, {key: 4}, "corrections-file")
        assert key not in clean, key
        assert [(p.level, p.field, p.line) for p in problems] == [("error", key, 4)], (key, problems)
        assert f"U+{ord(char):04X}" in problems[0].message and "XML" in problems[0].message


def test_control_characters_in_a_signature_list_and_a_title_never_reach_the_xml(tmp_path):
    prose = "We are writing to you about the situation of the people, and we ask you to act for them. " * 4
    text = letter("Closing the camps\ufffe now\uffff",
                  orgs="First\x0bOrg, Japan\nSecond \x1bOrg, Korea\nThird Org\x0c Two, Japan\n")
    root = make_archive(tmp_path, {"a.txt": text.replace("Dear Prime Minister,\n", f"Dear Prime Minister,\n\n{prose}\n")})
    proc = build(root)
    assert proc.returncode == 0, proc.stderr
    assert parse_xml_files(root / "docs") >= 3      # letters-cmif.xml, the feeds
    xml = "".join(p.read_text(encoding="utf-8") for p in (root / "docs").rglob("*.xml"))
    for name in ("First Org", "Second Org", "Third Org Two", "Closing the camps now"):
        assert name in xml, name


@pytest.mark.parametrize("key, value, line", [
    ("signatories", 'signatories:\n  names: ["Good Org", "Bad\\vOrg"]\n', 2),
    ("demands", 'demands: ["Release them\\x1b[2J now."]\n', 2),
    ("addressees", 'addressees:\n  - {name: "Prime\\x0bMinister"}\n', 2),
    ("title", 'title: "A title\\uFFFE"\n', 2),
])
def test_a_control_character_in_a_corrections_file_is_an_error_naming_its_file_and_line(tmp_path, key, value, line):
    root = make_archive(tmp_path, {"a.txt": letter("Corrected")})
    (root / "letters" / "a.yaml").write_text(f"# corrections\n{value}", encoding="utf-8")
    proc = build(root)
    # the document is held back and named (exit 3: the rest of the archive is built, without it)
    assert proc.returncode == 3 and f"letters/a.yaml:{line}: error: {key}:" in proc.stderr, proc.stderr
    assert "no XML file can carry" in proc.stderr and "retype" in proc.stderr
    assert "✗ letters/a.txt (left out" in proc.stderr
    exported = (root / "docs" / "data" / "letters.json").read_text(encoding="utf-8")
    assert "Corrected" not in exported and "\\u000b" not in exported.lower()
    strict = build(root, "--strict")
    assert strict.returncode == 1 and not (root / "docs" / "letters" / "a.md").exists()


# --- 4. CSV cells that no spreadsheet runs --------------------------------------------------------

FORMULAS = ["=1+1", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A2)", "\t=1", "\r=1", "=HYPERLINK(\"http://x\",\"y\")"]


def hostile_exports():
    from letter_archive.link.identities import resolve
    from letter_archive.model import Group, Person, Record, Signatory, Signatures
    from letter_archive.site.exports import data_files
    records = [Record(id=f"r{i}", kind="letter", title=f, date="2021-03-05", language="en", publisher=f, author=f,
                      url=f, addressees=[Person(f, f, f)], governments=[f], demands=[f, f], related=[],
                      signatories=Signatures(2, [Group(f, 2, [Signatory(f, "organization", f, None),
                                                              Signatory(f + " Org", "individual", f, None)])]))
               for i, f in enumerate(FORMULAS)]
    identities = resolve([n.name for r in records for n in r.signatories.names])
    return data_files(records, identities, {}, "https://example.org/archive/", "Archive")


def test_no_csv_cell_starts_as_a_formula_and_the_data_page_says_why():
    import csv
    import io
    files = hostile_exports()
    tables = {path: list(csv.reader(io.StringIO(data.decode("utf-8"), newline=""), strict=True))
              for path, data in files.items() if path.endswith(".csv")}
    assert len(tables) == 3
    for path, table in tables.items():
        cells = [cell for row in table[1:] for cell in row]
        assert not [c for c in cells if c.startswith(("=", "+", "-", "@", "\t", "\r"))], path
        quoted = {c[1:] for c in cells if c.startswith("'")}
        assert any(f in quoted for f in FORMULAS), path      # the text as written, after the quote
    page = files["data.md"].decode("utf-8")
    assert "OWASP" in page and "single quote" in page


# --- 6. citation files that tools read back --------------------------------------------------------

LATEX_SPECIAL = "\\{}%&#_$~^"


def citation_record(text: str):
    from letter_archive.model import Group, Record, Signatory, Signatures
    return Record(id="2021-05-04-x", kind="letter", title=text, date="2021-05-04", publisher=text, author=None,
                  language="en", signatories=Signatures(None, [Group(signatories=[Signatory(text), Signatory("Plain Org")])]))


def read_back(record, url: str = "https://archive.example/letters/2021-05-04-x/"):
    """(BibTeX fields, LaTeX decoded; the RIS entry; the CSL-JSON item), each read by its own parser."""
    import json

    import bibtexparser
    import rispy
    from bibtexparser.middlewares import LatexDecodingMiddleware
    from letter_archive.site.citations import bibtex, csl_json, ris
    library = bibtexparser.parse_string(bibtex(record, url), append_middleware=[LatexDecodingMiddleware()])
    assert not library.failed_blocks and len(library.entries) == 1, bibtex(record, url)
    fields = {f.key: f.value.replace("ˆ", "^") for f in library.entries[0].fields}   # pylatexenc: \textasciicircum{} is ˆ
    entries = rispy.loads(ris(record, url))
    assert len(entries) == 1
    items = json.loads(csl_json(record, url))
    assert len(items) == 1
    return fields, entries[0], items[0]


@pytest.mark.parametrize("text", [f"A {c} title" for c in LATEX_SPECIAL] + [f"Ends in {c}" for c in LATEX_SPECIAL]
                         + [f"{c}starts" for c in LATEX_SPECIAL] + [LATEX_SPECIAL, "\\\\", "}{", "{{{", "%\\"])
def test_every_latex_special_character_reads_back_from_every_citation_file(text):
    fields, entry, item = read_back(citation_record(text))
    assert fields["title"] == text and fields["publisher"] == text
    assert fields["author"].startswith("{" + text + "}") or fields["author"].startswith(text), fields["author"]
    assert entry["title"] == text and entry["authors"][0] == text and entry["publisher"] == text
    assert item["title"] == text and item["author"][0] == {"literal": text}


# --- 7. no identity taken over unannounced ----------------------------------------------------------

@pytest.mark.parametrize("name, added, both", [
    ("signatory-aliases.yaml", "Alpha Org:\n  - Beta Org\nBeta Org:\n  - Alpha Org\n", ("Alpha Org", "Beta Org")),
    ("signatory-aliases.yaml", "Gamma Org:\n  - G.O.\n  - Human Rights Watch\nHuman Rights Watch:\n  - HRW\n",
     ("Gamma Org", "Human Rights Watch")),
    ("signatory-aliases.yaml", "Delta Org:\n  - DO\nEpsilon Org:\n  - do\n", ("Delta Org", "Epsilon Org")),
    ("signatory-aliases.yaml", "The Zeta Org:\n  - ZO\nzeta org:\n  - Zeta\n", ("The Zeta Org", "zeta org")),
    ("governments.yaml", "- name: Nippon\n  aliases: [Japan, Nihon]\n", ("Nippon", "Japan")),
    ("governments.yaml", "- name: Yamato\n  aliases: [Yamato]\n  titles: [prime minister of japan]\n", ("Yamato", "Japan")),
])
def test_an_entry_that_takes_over_another_identity_is_an_error_naming_both(tmp_path, name, added, both):
    root = make_archive(tmp_path)
    path = root / "data" / name
    original = path.read_text(encoding="utf-8")
    path.write_text(original + ("\n" if not original.endswith("\n") else "") + added, encoding="utf-8")
    lines = {key: next(n for n, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1)
                       if line.startswith((f"{key}:", f"- name: {key}"))) for key in both}
    for command in ("check", "build"):
        proc = run([LETTERS, command, "--root", str(root)], root, check=False)
        out = proc.stdout + proc.stderr
        assert proc.returncode == 1 and f"data/{name}" in out, out
        for key in both:
            assert f"{key!r} (line {lines[key]})" in out, (key, out)
        assert "Traceback" not in out


def test_the_archives_own_data_files_take_over_nothing():
    from letter_archive.link.identities import alias_spellings
    from letter_archive.places import governments
    assert len(alias_spellings()) > 5 and len(governments()) > 20


# --- 3. every YAML file read with front matter's limits ----------------------------------------------

DEEP = "[" * 20_000 + "]" * 20_000
AS_MAPPING = {"alias": "a: &x [1, 2]\nb: *x\n", "twice": "a: [1]\nb: [2]\na: [3]\n", "deep": f"a: {DEEP}\n"}
AS_LIST = {"alias": "- &x {id: a, file: x}\n- *x\n", "twice": "- {id: a, file: x, id: b}\n", "deep": f"- {DEEP}\n"}
SAYS = {"alias": "YAML alias", "twice": "written twice", "deep": "nested more than"}


def yaml_readers(tmp_path: Path):
    """name -> (how its content is laid out, a function reading it that raises LetterError): every kind
    of YAML file the tool reads."""
    from letter_archive.data import load_data, use_data
    from letter_archive.link.permalinks import load_registry, load_signatory_registry
    from letter_archive.readers.frontmatter import split_front_matter
    from letter_archive.readers.sidecar import read_sidecar
    use_data(tmp_path)

    def data_file(name):
        return lambda text: ((tmp_path / name).write_text(text, encoding="utf-8"), load_data(name))

    def registry(name, load):
        return lambda text: ((tmp_path / name).write_text(text, encoding="utf-8"), load(tmp_path / name))

    return {
        "governments.yaml": (AS_LIST, data_file("governments.yaml")),
        "countries.yaml": (AS_MAPPING, data_file("countries.yaml")),
        "signatory-aliases.yaml": (AS_MAPPING, data_file("signatory-aliases.yaml")),
        "limits.yaml": (AS_MAPPING, data_file("limits.yaml")),
        "permalinks.yaml": (AS_LIST, registry("permalinks.yaml", load_registry)),
        "signatory-permalinks.yaml": (AS_LIST, registry("signatory-permalinks.yaml", load_signatory_registry)),
        "front matter": (AS_MAPPING, lambda text: split_front_matter(f"---\n{text}---\nDear all,\n", "letters/x.txt")),
        "corrections file": (AS_MAPPING, lambda text: read_sidecar(text.encode(), "letters/x.yaml")),
    }


@pytest.mark.parametrize("problem", SAYS)
def test_every_yaml_file_the_tool_reads_has_the_same_limits(tmp_path, problem):
    from letter_archive.errors import LetterError
    for name, (layout, read) in yaml_readers(tmp_path).items():
        with pytest.raises(LetterError) as caught:
            read(layout[problem])
        assert SAYS[problem] in str(caught.value), (name, str(caught.value))


def test_no_module_reads_yaml_but_through_the_one_loader():
    import re
    package = Path(letter_archive.__file__).parent
    calls = [f"{p.relative_to(package)}:{n}" for p in package.rglob("*.py") if p.name != "data.py"
             for n, line in enumerate(p.read_text(encoding="utf-8").split("\n"), 1)
             if re.search(r"yaml\.(safe_|full_|unsafe_)?load(_all)?\(|Loader=", line)]
    assert calls == []


# ten values, each repeated ten times in the next: a billion "lol" from a few hundred bytes
BILLION_LAUGHS = ("- name: Laughs\n  aliases: &a0 [" + ", ".join(["lol"] * 10) + "]\n"
                  + "".join(f"  x{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]\n" for i in range(1, 10)))


@pytest.mark.parametrize("name, content, says", [
    ("governments.yaml", BILLION_LAUGHS, "YAML alias (*a0)"),
    ("signatory-aliases.yaml", f"Some Org: {DEEP}\n", "nested more than 32 deep"),
])
def test_a_data_file_with_aliases_or_deep_nesting_is_a_sentence(tmp_path, name, content, says):
    root = make_archive(tmp_path)
    (root / "data" / name).write_text(content, encoding="utf-8")
    for command in ("check", "build"):
        proc = run([LETTERS, command, "--root", str(root)], root, check=False)
        out = proc.stdout + proc.stderr
        assert proc.returncode == 1 and f"data/{name}:" in out and says in out, out
        assert "Traceback" not in out and "RecursionError" not in out and "this is a bug" not in out


# --- 8. a file name the file system leaves no room beside ----------------------------------------------

@pytest.mark.parametrize("name", ["a" * 251 + ".txt", "가" * 84 + ".md", "b" * 251 + ".pdf", "e" * 251 + ".eml"])
def test_a_document_whose_corrections_file_could_not_exist_is_named_with_the_length_to_keep_under(tmp_path, name):
    from letter_archive.readers import longest_name_beside
    size, _ = longest_name_beside(name)
    assert len(name.encode()) <= 255 < size
    root = make_archive(tmp_path, {name: letter("A long name")})
    for command in ("build", "check"):
        proc = run([LETTERS, command, "--root", str(root)], root, check=False)
        out = proc.stdout + proc.stderr
        # build: the document is held back (exit 3), the rest built; check: an error (exit 1)
        assert proc.returncode == (3 if command == "build" else 1) and f"letters/{name}" in out, out
        assert f"the file's name is {len(name.encode())} bytes long" in out, out
        assert f"rename it to a name of at most {len(name.encode()) - (size - 255)} bytes" in out, out
        assert "File name too long" not in out
    assert "A long name" not in (root / "docs" / "data" / "letters.json").read_text(encoding="utf-8")


def test_the_longest_name_that_leaves_room_for_its_corrections_file_builds(tmp_path):
    name = "a" * 250 + ".txt"          # a.yaml beside it: 255 bytes
    root = make_archive(tmp_path, {name: letter("A long name")})
    (root / "letters" / ("a" * 250 + ".yaml")).write_text("title: A long name, corrected\n", encoding="utf-8")
    proc = build(root)
    assert proc.returncode == 0, proc.stderr


def test_import_of_a_file_with_a_255_byte_name_names_the_copy_from_its_title(tmp_path):
    root = make_archive(tmp_path / "archive")
    src = tmp_path / ("d" * 251 + ".txt")
    src.write_text(letter("Imported with a long name"), encoding="utf-8")
    proc = run([LETTERS, "import", str(src), "--root", str(root)], root)
    copy = next((root / "letters").glob("2021-03-05-imported*.txt"))
    assert len(copy.name.encode()) <= 105 and "imported" in proc.stdout
    assert build(root).returncode == 0


# --- 10. a `url:` that is no web address ----------------------------------------------------------------

@pytest.mark.parametrize("url", ["javascript:alert(1)", "JavaScript:alert(document.cookie)", " data:text/html,<script>x</script>",
                                 "vbscript:msgbox", "file:///etc/passwd", "www.example.org/letter", "https://"])
def test_a_url_that_is_no_web_address_is_a_warning_with_the_fix(url):
    from letter_archive.model import validate_front_matter
    clean, problems = validate_front_matter({"url": url}, {"url": 3}, "corrections-file")
    assert [(p.level, p.field, p.line) for p in problems] == [("warning", "url", 3)]
    assert "is not a web address" in problems[0].message and "https://" in problems[0].hint


@pytest.mark.parametrize("url", ["https://example.org/letter", "http://example.org", "HTTPS://EXAMPLE.ORG/x?a=1#b"])
def test_a_web_address_is_no_warning(url):
    from letter_archive.model import validate_front_matter
    assert validate_front_matter({"url": url}, {"url": 3}) == ({"url": url}, [])


def test_a_javascript_url_in_a_corrections_file_is_reported_by_check_and_never_linked(tmp_path):
    root = make_archive(tmp_path, {"a.txt": letter("Scripted")})
    (root / "letters" / "a.yaml").write_text("url: 'javascript:alert(1)'\n", encoding="utf-8")
    proc = run([LETTERS, "check", str(root / "letters" / "a.txt")], root, check=False)
    assert "a.yaml, line 1: warning: url:" in proc.stdout and "is not a web address" in proc.stdout, proc.stdout
    assert build(root).returncode == 0
    assert not [p for p in (root / "docs").rglob("*.md") if 'href="javascript:' in p.read_text(encoding="utf-8")]


# --- 5. no endless name ---------------------------------------------------------------------------------

def test_settle_bounds_every_string_of_a_record_and_a_name_too_long_is_no_name():
    from letter_archive.model import MAX_NAME, Group, Person, Record, Signatory, Signatures, max_length, settle
    huge = "Org " + "x " * 460_760 + "x"
    record = Record(id="x", kind="letter", title="A title", date="2021", language="en", publisher=huge, author=huge,
                    url="https://example.org/" + huge, addressees=[Person(huge), Person("Prime Minister", huge, huge)],
                    cc=[Person(huge)], governments=[huge, "Japan"], demands=[huge + " " + huge, "Release them."],
                    signatories=Signatures(3, [Group(huge, 3, [Signatory(huge), Signatory("Good Org", "organization", huge, None),
                                                               Signatory("x" * MAX_NAME)])]))
    warnings = settle(record)
    data = record.to_dict()
    for path, text in every_string(data):
        key, part = path.split(".")[1].split("[")[0], path.rsplit(".", 1)[1].split("[")[0]
        assert len(text) <= max_length(key, part) + 1, (path, len(text))      # + the "…" of a cut
    assert [n["name"] for n in data["signatories"]["names"]] == ["Good Org", "x" * MAX_NAME]
    assert [p.name for p in record.addressees] == ["Prime Minister"] and record.governments == ["Japan"] and not record.cc
    assert len(record.demands) == 2 and record.demands[0].endswith("…")
    assert warnings and all(p.level == "warning" for p in warnings)
    assert any("921,525 characters" in p.message and "left out" in p.message for p in warnings)
    assert len(data["signatories"]["names"][0]["affiliation"]) > MAX_NAME       # an affiliation may be a sentence


@pytest.mark.parametrize("key, value", [
    ("signatories", {"names": ["Org " + "x" * 400]}), ("signatories", {"groups": [{"label": "L" * 301, "names": ["A"]}]}),
    ("addressees", [{"name": "N" * 301}]), ("cc", ["C" * 301]), ("governments", ["G" * 301]),
    ("demands", ["D " * 2_501]), ("publisher", "P" * 1_001), ("author", ["A" * 1_001]), ("url", "https://x.org/" + "u" * 2_000),
    ("title", "T " * 251),
])
def test_an_editors_value_longer_than_its_field_is_an_error(key, value):
    from letter_archive.model import validate_front_matter
    clean, problems = validate_front_matter({key: value}, {key: 2}, "corrections-file")
    assert key not in clean and [(p.level, p.field, p.line) for p in problems if p.level == "error"] == [("error", key, 2)]
    assert "characters long; it may have at most" in next(p for p in problems if p.level == "error").message


def test_a_signature_list_line_of_200000_characters_is_no_signatory(tmp_path):
    prose = "We are writing to you about the situation of the people, and we ask you to act for them. " * 4
    text = letter("Long names", orgs=f"First Org, Japan\nOrg {'x' * 200_000}, Korea\nThird Org, Japan\n")
    root = make_archive(tmp_path, {"a.txt": text.replace("Dear Prime Minister,\n", f"Dear Prime Minister,\n\n{prose}\n")})
    check = run([LETTERS, "check", str(root / "letters" / "a.txt")], root, check=False)
    assert "200,004 characters" in check.stdout and "left out" in check.stdout, check.stdout[-2000:]
    assert build(root).returncode == 0
    names = (root / "docs" / "data" / "signatories.csv").read_text(encoding="utf-8")
    assert "xxxxxxxxxx" not in names and "Third Org" in names


# --- 9. `make serve` while `make build` runs -------------------------------------------------------------

def hold_lock(root: Path) -> int:
    import fcntl
    import os

    from letter_archive.lock import LOCK_NAME
    (root / LOCK_NAME).parent.mkdir(exist_ok=True)
    fd = os.open(root / LOCK_NAME, os.O_RDWR | os.O_CREAT)
    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    return fd


def test_the_serve_rebuild_waits_for_another_build_and_holds_the_lock_to_its_end(tmp_path, caplog):
    """The `mkdocs serve` hook: while another build holds the lock it says so and waits (a rebuild that
    went on read pages being rewritten: a traceback from Material's content.html); then it builds, and
    holds the lock until MkDocs has rendered every page."""
    import importlib.util
    import os
    import threading
    from types import SimpleNamespace

    from letter_archive.lock import BuildLocked, build_lock
    hooks_file = Path(letter_archive.__file__).parent / "site" / "mkdocs_hooks.py"
    spec = importlib.util.spec_from_file_location("hooks_under_test", hooks_file)
    hooks = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hooks)
    hooks.on_startup("serve", dirty=True)
    root = make_archive(tmp_path)
    (root / "letters" / "new.txt").write_text(letter("Written while another build ran"), encoding="utf-8")
    config = SimpleNamespace(config_file_path=str(root / "mkdocs.yml"))
    fd = hold_lock(root)
    thread = threading.Thread(target=hooks.on_pre_build, args=(config,))
    with caplog.at_level("WARNING", logger="mkdocs.plugins.letters"):
        thread.start()
        thread.join(3)
        assert thread.is_alive(), "the rebuild went on beside the other build"
        assert "another build is running" in caplog.text and "waiting for it to finish" in caplog.text
        assert not (root / "docs" / "letters").exists()
        os.close(fd)                 # the other build ends
        thread.join(120)
    assert not thread.is_alive()
    assert any("written-while" in p.name for p in (root / "docs" / "letters").glob("*.md"))
    with pytest.raises(BuildLocked), build_lock(root):   # held while MkDocs renders the pages
        pass
    hooks.on_post_build(config)
    with build_lock(root):       # and let go after
        pass


def test_letters_build_wait_waits_for_another_build_with_a_message(tmp_path):
    import os
    import subprocess
    import time
    root = make_archive(tmp_path)
    fd = hold_lock(root)
    proc = subprocess.Popen([LETTERS, "build", "--wait", "--root", str(root)], cwd=root, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    time.sleep(3)
    assert proc.poll() is None
    os.close(fd)
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0 and "waiting for it to finish" in err and "documents" in out, out + err


def test_make_serve_waits_for_make_build():
    makefile = (Path(letter_archive.__file__).parents[2] / "Makefile").read_text(encoding="utf-8")
    serve = makefile.split("\nserve:", 1)[1].split("\n\n", 1)[0]
    assert "letters build --wait" in serve


def test_a_signatory_whose_initial_is_two_letters_in_capitals_is_listed():
    """'ß'.upper() is 'SS' (and 'ŉ' is 'ʼN'): the A–Z index's anchor took ord() of it (found by the
    property test, tests/test_hostile_properties.py)."""
    from letter_archive.model import Identity, Record
    from letter_archive.site.pages import signatories_index
    identities = {k: Identity(k, name, k) for k, name in (("a", "ßeta Verein"), ("b", "ŉame Org"), ("c", "Alpha"))}
    page = signatories_index({k: [Record(id=k, date="2021")] for k in identities}, identities, {})
    assert "ßeta Verein" in page and "ŉame Org" in page and 'href="#l-83"' in page
