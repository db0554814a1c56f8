"""Binary formats, hostile and broken files (issue 16): each is refused with a clear error (the file, a
sentence and a fix) within 10 s and 500 MB, or - JavaScript, attachments, owner-only encryption -
read with a warning, nothing run. Every file is made by the test (tests/binary_files.py). The bounds
hold whatever the library does because binary readers run isolated (readers.binary.read_isolated):
the tests here check the limits as the readers' behaviour, never the machine's speed."""

import io
import os
import re
import subprocess
import time
import zipfile
from email.message import EmailMessage

import binary_files as hostile
import pytest
from conftest import BIN
from letter_archive.archive import source_files
from letter_archive.cli.report import as_json
from letter_archive.errors import LetterError
from letter_archive.extract import extract
from letter_archive.readers import binary, ocr, read_bytes, read_document
from letter_archive.readers.base import ReaderError
from letter_archive.readers.binary import page_label, read_isolated
from letter_archive.readers.binary import read_any as read_with_suffix


@pytest.fixture(autouse=True)
def fresh_reader():
    """Each test starts the isolated reader afresh (after its monkeypatching) and leaves none behind."""
    binary.reset_worker()
    yield
    binary.reset_worker()


def read_any(raw: bytes, name: str):
    return read_with_suffix(raw, name, "." + name.rsplit(".", 1)[-1])


LIMITS = ("took more than", "ran out of memory", "more than 500 MB")


def refused(raw: bytes, name: str) -> ReaderError:
    """The reader's own clear error, read as the build reads it: in the isolated reader, whose limits
    (10 s, 500 MB) are part of the product. An error of the reader's own (not the limits') shows
    that it refused the file within them; the limits themselves are tested below."""
    with pytest.raises(ReaderError) as info:
        read_isolated(raw, name, "." + name.rsplit(".", 1)[-1])
    err = info.value
    assert not any(limit in err.message for limit in LIMITS), err.message
    assert err.file == name and err.message and err.hint, "an error names the file, says why and how to fix it"
    assert "\n    fix: " in str(err)
    return err


def test_encrypted_pdf():
    err = refused(hostile.encrypted_pdf(), "letter.pdf")
    assert "encrypted" in err.message and "password" in err.message
    assert "letter.txt" in err.hint


def test_owner_password_only_pdf_is_read_with_a_warning():
    doc = read_any(hostile.owner_only_pdf(), "letter.pdf")
    assert doc.pages[0] == ["Dear Minister, this letter is secret."]
    assert any("owner password" in p for p in doc.problems)


@pytest.mark.parametrize("cut", [400, -300, 60])
def test_truncated_pdf(cut):
    raw = hostile.text_pdf()
    err = refused(raw[:cut], "letter.pdf")
    assert "damaged or truncated" in err.message


def test_garbage_after_pdf_header():
    err = refused(b"%PDF-1.4\n" + bytes(range(256)) * 50, "letter.pdf")
    assert "damaged" in err.message


def test_not_a_pdf_at_all():
    err = refused(b"<html><body>Dear Minister</body></html>", "letter.pdf")
    assert "not a PDF" in err.message


def test_ten_thousand_pages_refused_before_extracting():
    err = refused(hostile.many_pages_pdf(10_000), "big.pdf")
    assert "10000 pages" in err.message and "300" in err.message   # from the page count: no page is read
    assert err.page is None


def test_deeply_nested_objects():
    err = refused(hostile.deeply_nested_pdf(50_000), "deep.pdf")
    assert "damaged" in err.message


def test_scanned_pdf_has_no_text_layer(monkeypatch):
    monkeypatch.setattr(ocr, "available", lambda: False)     # (with OCR installed it would be read)
    err = refused(hostile.scanned_pdf(), "scan.pdf")
    assert "no text layer" in err.message and "scan" in err.message
    assert "scan.txt" in err.hint and "make ocr" in err.hint


def test_javascript_and_attachments_are_never_run_only_warned():
    doc = read_any(hostile.js_and_attachment_pdf(), "js.pdf")
    assert doc.pages[0] == ["Dear Minister,", "We urge you to protect the open internet."]
    assert any("JavaScript" in p for p in doc.problems)
    assert any("embedded" in p for p in doc.problems)


def test_docx_zip_bomb_refused_from_the_directory():
    err = refused(hostile.zip_bomb_docx(200_000_000), "bomb.docx")
    assert "zip bomb" in err.message and "would unpack to 200 MB" in err.message   # from the directory


def test_docx_zip_bomb_with_a_lying_directory():
    err = refused(hostile.lying_zip_bomb_docx(), "bomb.docx")
    assert "damaged" in err.message or "zip bomb" in err.message


@pytest.mark.parametrize("name", ["letter.docm", "letter.docx"])
def test_macro_enabled_word_refused(name):
    err = refused(hostile.docm_bytes(), name)
    assert "macro" in err.message and "Save As" in err.hint


def test_password_protected_docx():
    err = refused(hostile.password_docx(), "letter.docx")
    assert "password-protected" in err.message


def test_truncated_docx():
    err = refused(hostile.docx_bytes()[:2000], "letter.docx")
    assert "damaged or truncated" in err.message


def test_zip_that_is_not_word():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("readme.txt", "hello")
    err = refused(buf.getvalue(), "letter.docx")
    assert "not a Word document" in err.message


def test_odt_with_entities_refused():
    raw = hostile.odt_bytes(["x"])
    src = zipfile.ZipFile(io.BytesIO(raw))
    content = src.read("content.xml").replace(b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
                                               b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]>')
    raw = hostile.rezip(raw, replace={"content.xml": content})
    err = refused(raw, "letter.odt")
    assert "entities" in err.message


# --- the isolated reader: hard limits whatever the library does ----------------------------------

def test_isolated_reader_returns_the_document():
    doc = read_isolated(hostile.js_and_attachment_pdf(), "js.pdf", ".pdf")
    assert doc.pages[0][0] == "Dear Minister,"


def test_isolated_reader_passes_errors_through():
    with pytest.raises(ReaderError, match="10000 pages") as info:
        read_isolated(hostile.many_pages_pdf(), "big.pdf", ".pdf")
    assert info.value.file == "big.pdf" and info.value.hint


def test_isolated_reader_stops_a_reader_that_hangs(monkeypatch):
    def hang(raw, file):
        time.sleep(60)

    monkeypatch.setitem(binary.BINARY_READERS, ".pdf", hang)
    binary.reset_worker()
    with pytest.raises(ReaderError, match="took more than 1 s") as info:
        read_isolated(b"%PDF-1.4", "slow.pdf", ".pdf", timeout=1)
    assert info.value.file == "slow.pdf" and "save it again" in info.value.hint


def test_isolated_reader_stops_a_reader_that_eats_memory(monkeypatch):
    def eat(raw, file):
        return [bytearray(50_000_000) for _ in range(100)]    # 5 GB

    monkeypatch.setitem(binary.BINARY_READERS, ".pdf", eat)
    binary.reset_worker()
    with pytest.raises(ReaderError, match="more than 500 MB|ran out of memory"):
        read_isolated(b"%PDF-1.4", "big.pdf", ".pdf")


def test_isolated_reader_goes_on_after_a_file_that_hangs(monkeypatch):
    """The reader that was stopped is replaced: the next file is read as usual."""
    def hang(raw, file):
        time.sleep(60)

    with monkeypatch.context() as patch:
        patch.setitem(binary.BINARY_READERS, ".pdf", hang)
        binary.reset_worker()
        with pytest.raises(ReaderError, match="took more than"):
            read_isolated(b"%PDF-1.4", "slow.pdf", ".pdf", timeout=1)
    binary.reset_worker()
    doc = read_isolated(hostile.js_and_attachment_pdf(), "js.pdf", ".pdf")
    assert doc.pages[0][0] == "Dear Minister,"


def test_isolated_reader_reads_many_files_in_one_child_and_a_forked_process_gets_its_own():
    read_isolated(hostile.text_pdf(), "a.pdf", ".pdf")
    first = binary._worker
    read_isolated(hostile.docx_bytes(), "b.docx", ".docx")
    assert binary._worker is first and first.served == 2
    child = os.fork()
    if child == 0:            # a forked process (a build's worker) must not talk to its parent's reader
        try:
            doc = read_isolated(hostile.text_pdf(), "c.pdf", ".pdf")
            ok = binary._worker is not first and doc.pages
            binary.reset_worker()
            os._exit(0 if ok else 1)
        except BaseException:
            os._exit(2)
    assert os.waitpid(child, 0)[1] == 0
    assert read_isolated(hostile.text_pdf(), "d.pdf", ".pdf").pages and binary._worker is first


def test_isolated_reader_that_crashes_is_an_error_for_that_file_only(monkeypatch):
    def crash(raw, file):
        os._exit(3)            # as a segfault in a C library would end it

    read_isolated(hostile.text_pdf(), "before.pdf", ".pdf")
    monkeypatch.setitem(binary.BINARY_READERS, ".pdf", crash)
    binary.reset_worker()
    with pytest.raises(ReaderError, match="stopped on this file") as info:
        read_isolated(b"%PDF-1.4", "crash.pdf", ".pdf")
    assert info.value.file == "crash.pdf"
    monkeypatch.undo()
    binary.reset_worker()
    assert read_isolated(hostile.text_pdf(), "after.pdf", ".pdf").pages


def test_a_reader_killed_between_files_is_replaced():
    read_isolated(hostile.text_pdf(), "a.pdf", ".pdf")
    binary._worker.proc.kill()
    binary._worker.proc.join()
    assert read_isolated(hostile.text_pdf(), "b.pdf", ".pdf").pages


def test_isolated_reader_turns_a_readers_bug_into_a_clear_error(monkeypatch):
    def bug(raw, file):
        raise KeyError("oops")

    monkeypatch.setitem(binary.BINARY_READERS, ".pdf", bug)
    binary.reset_worker()
    with pytest.raises(ReaderError, match="could not be read") as info:
        read_isolated(b"%PDF-1.4", "bug.pdf", ".pdf")
    assert info.value.hint


# --- through the pipeline: letters/ with binary documents -----------------------------------------

LETTER = """March 3, 2021

The Honorable Jane Doe
Minister of Foreign Affairs of Japan

Re: Joint letter on the protection of refugees

Dear Minister,

We, the undersigned 3 organizations, write to express our deep concern about the situation of refugees.
International organisations and governmental representatives have repeatedly documented systematic
violations, and accountability mechanisms remain underdeveloped notwithstanding numerous recommendations.

We urge you to protect every refugee who reaches your country and to end detention of children.

Sincerely,

Signatories

Human Rights Watch, United States
Amnesty International, United Kingdom
Citizens' Alliance, South Korea
"""


def letters_dir(tmp_path, files: dict[str, bytes]):
    (tmp_path / "letters").mkdir()
    for name, raw in files.items():
        (tmp_path / "letters" / name).write_bytes(raw)
    return tmp_path


def check(root, *args):
    return subprocess.run([str(BIN / "letters"), "check", "--root", str(root), *args], capture_output=True, text=True)


def test_pdf_source_has_numbered_lines_with_pages():
    raw = hostile.letter_pdf(LETTER + "\n" + "\n".join(f"Org {i}, Japan" for i in range(60)))
    source = read_bytes(raw, "letters/l.pdf", ".pdf")
    assert source.raw == raw and source.origin["format"] == "PDF" and source.origin["pages"] == 2
    lines = source.plain.split("\n")
    starts = source.origin["page_starts"]
    assert starts[0] == 1 and len(starts) == 2
    assert lines[starts[1] - 1].strip(), "page 2 starts at a line of its text"
    extraction = extract(source)
    assert extraction.record.date == "2021-03-03"
    assert extraction.record.title == "Joint letter on the protection of refugees"
    assert page_label(starts, starts[1] + 13) == "page 2, line 14"


def test_check_reads_pdf_docx_odt_and_eml_and_cites_pages(tmp_path):
    msg = EmailMessage()
    msg["From"] = "Coalition <info@coalition.example.org>"
    msg["Subject"] = "Joint letter on the protection of refugees"
    msg.set_content(LETTER)
    root = letters_dir(tmp_path, {"a.pdf": hostile.letter_pdf(LETTER), "b.docx": hostile.letter_docx(LETTER),
                                  "c.odt": hostile.odt_bytes(LETTER.split("\n")), "d.eml": bytes(msg)})
    out = check(root).stdout
    for name, fmt in (("a.pdf", "PDF, 1 page"), ("b.docx", "Word document"), ("c.odt", "OpenDocument text"),
                      ("d.eml", "e-mail")):
        block = out.split(f"letters/{name}")[1].split("\n✓ ")[0].split("\n! ")[0]
        assert f"read from    {fmt}" in block, block
        assert "2021-03-03" in block and "states 3, lists 3" in block, block
    assert "[page 1, line 1]" in out.split("letters/a.pdf")[1]
    assert "error: letters/" not in out and "4 documents checked" in out   # every file read (they share one id)


def test_a_hostile_file_is_an_error_and_the_other_letters_are_still_read(tmp_path):
    root = letters_dir(tmp_path, {"bomb.docx": hostile.zip_bomb_docx(100_000_000), "good.pdf": hostile.letter_pdf(LETTER),
                                  "locked.pdf": hostile.encrypted_pdf(), "macro.docm": hostile.docm_bytes()})
    proc = check(root)
    assert proc.returncode == 1
    assert "✗ letters/bomb.docx" in proc.stdout and "zip bomb" in proc.stdout
    assert "✗ letters/locked.pdf" in proc.stdout and "password" in proc.stdout and "fix:" in proc.stdout
    assert "✗ letters/macro.docm" in proc.stdout and "macro" in proc.stdout
    assert re.search(r"^[✓!] letters/good.pdf", proc.stdout, re.M)
    assert "4 documents checked, 3 with errors." in proc.stdout


def test_scan_without_ocr_names_the_file_and_the_fix(tmp_path, monkeypatch):
    monkeypatch.setattr(ocr, "available", lambda: False)
    with pytest.raises(LetterError) as info:
        read_bytes(hostile.scanned_pdf(), "letters/scan.pdf", ".pdf")
    text = str(info.value)
    assert text.startswith("letters/scan.pdf: this PDF has no text layer")
    assert "make ocr" in text and "scan.txt" in text


def test_companion_text_file_gives_a_scan_its_text_and_the_pdf_stays_the_original(tmp_path):
    scan = hostile.scanned_pdf()
    root = letters_dir(tmp_path, {"scan.pdf": scan, "scan.txt": LETTER.encode()})
    assert source_files(root / "letters") == [root / "letters" / "scan.pdf"]
    source = read_document(root / "letters" / "scan.pdf", "letters/scan.pdf")
    assert source.raw == scan and source.file == "letters/scan.pdf"
    assert extract(source).record.date == "2021-03-03"
    out = check(root).stdout
    assert "✓ letters/scan.pdf" in out and "front matter and text from letters/scan.txt" in out
    assert "1 documents checked" in out


def test_companion_front_matter_corrects_a_pdf(tmp_path):
    undated = LETTER.replace("March 3, 2021\n", "")
    root = letters_dir(tmp_path, {"l.pdf": hostile.letter_pdf(undated), "l.txt": b"---\ndate: 2021-03-04\n---\n"})
    source = read_document(root / "letters" / "l.pdf", "letters/l.pdf")
    assert source.front == {"date": "2021-03-04"}
    extraction = extract(source)
    assert extraction.record.date == "2021-03-04" and extraction.lines["date"] == "letters/l.txt, line 2"
    assert "Dear Minister," in source.plain, "the PDF's own text is read when the companion has none"


def test_metadata_date_only_as_a_last_resort_and_said_so(tmp_path):
    undated = LETTER.replace("March 3, 2021\n", "")
    dated_docx = hostile.letter_docx(LETTER)
    extraction = extract(read_bytes(dated_docx, "d.docx", ".docx"))
    assert extraction.record.date == "2021-03-03", "the text's date wins over the file's"
    extraction = extract(read_bytes(hostile.letter_docx(undated), "u.docx", ".docx"))
    assert extraction.record.date == extraction.origin["created"] is not None
    assert extraction.lines["date"] == "file metadata"
    assert any(p.field == "date" and p.level == "warning" and "docProps/core.xml" in p.message
               for p in extraction.problems)
    assert not any(p.level == "error" and p.field == "date" for p in extraction.problems)


def test_pdf_under_a_text_name_says_to_give_it_its_real_extension():
    with pytest.raises(LetterError, match=r"real extension \(\.pdf\)"):
        read_bytes(hostile.letter_pdf(LETTER), "letters/l.txt", ".txt")


def test_size_limit_is_per_format():
    big = b"%PDF-1.4\n" + b" " * 3_000_000
    with pytest.raises(LetterError, match="at most 2 MB"):
        read_bytes(big, "x.txt", ".txt")
    with pytest.raises(LetterError) as info:       # over the text limit, under the PDF one: read as a PDF
        read_bytes(big, "x.pdf", ".pdf")
    assert "damaged" in str(info.value)


def test_import_copies_a_pdf_as_received_and_writes_nothing_beside_it(tmp_path):
    raw = hostile.letter_pdf(LETTER)
    src = tmp_path / "Downloads" / "letter.pdf"
    src.parent.mkdir()
    src.write_bytes(raw)
    (tmp_path / "letters").mkdir()
    proc = subprocess.run([str(BIN / "letters"), "import", str(src), "--root", str(tmp_path)],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    imported = sorted(p.name for p in (tmp_path / "letters").iterdir())
    assert imported == ["2021-03-03-protection-refugees.pdf"]      # no record written anywhere
    assert (tmp_path / "letters" / imported[0]).read_bytes() == raw
    out = check(tmp_path).stdout
    assert "1 documents checked, 0 with errors." in out
    # import printed what check prints of it
    report = out.split("\n\n")[0]
    assert report.strip() and report in proc.stdout, (report, proc.stdout)
    assert "corrections go in letters/2021-03-03-protection-refugees.yaml" in proc.stdout
    assert "[front matter" not in proc.stdout and re.search(r"date +2021-03-03 +\[page 1, line \d+\]", proc.stdout)
    again = subprocess.run([str(BIN / "letters"), "import", str(src), "--root", str(tmp_path)],
                           capture_output=True, text=True)
    assert again.returncode == 1 and "already exists" in again.stderr


def test_check_cites_the_page_and_the_line_on_it(tmp_path):
    filler = "We also note that the situation has worsened over the past year, as many organisations documented."
    body = LETTER.replace("Sincerely,", "\n\n".join([filler] * 40) + "\n\nSincerely,")
    root = letters_dir(tmp_path, {"long.pdf": hostile.letter_pdf(body)})
    out = check(root).stdout
    assert "read from    PDF, 2 pages" in out
    assert re.search(r"date +2021-03-03 +\[page 1, line \d+\]", out), out
    where = re.search(r"signatories +states 3, lists 3 .*\[page 2, line (\d+)\]", out)
    assert where, out
    text = read_bytes(hostile.letter_pdf(body), "long.pdf", ".pdf")
    page_two = text.plain.split("\n")[text.origin["page_starts"][1] - 1:]
    assert page_two[int(where.group(1)) - 1].strip() == "Human Rights Watch, United States"   # the first entry


def test_extract_json_cites_pages_in_warnings():
    body = LETTER.replace("the undersigned 3 organizations", "the undersigned 5 organizations")
    extraction = extract(read_bytes(hostile.letter_pdf(body), "letters/l.pdf", ".pdf"))
    warnings = as_json("letters/l.pdf", extraction)["warnings"]
    cited = r"letters/l\.pdf, page 1, line \d+: warning: signatories: the text states 5"
    assert any(re.match(cited, w) for w in warnings), warnings


# --- scans under a thin text layer; a page that breaks the reader (issue 21) -----------------------

SCANNED = ["Signatories", "", "Citizens' Alliance, South Korea", "Open Net Association, South Korea"]
NO_OCR_YET = LETTER.split("Signatories")[0].rstrip()     # page 1 of a letter whose signature page is a scan


@pytest.fixture
def without_ocr(monkeypatch):
    monkeypatch.setattr(ocr, "available", lambda: False)
    monkeypatch.setattr(ocr, "binary", lambda: None)


def test_a_registry_stamp_over_a_scan_is_not_read_as_the_letter_without_ocr(without_ocr):
    """The scan's only text layer is the registry's stamp line: without OCR that is a scan, as a PDF
    without any text is, not a letter whose text is the stamp."""
    raw = hostile.scan_with_text_layer_pdf([SCANNED], stamp=hostile.REGISTRY_STAMP)
    err = refused(raw, "stamped.pdf")
    assert "this PDF is a scan" in err.message and "RECEIVED 12 MAR 2021" in err.message
    assert "make ocr" in err.hint and "stamped.txt" in err.hint


def test_a_scanned_page_after_pages_of_text_is_named_as_needing_ocr(without_ocr):
    raw = hostile.scan_with_text_layer_pdf([SCANNED], text_first=NO_OCR_YET, stamp=hostile.REGISTRY_STAMP)
    source = read_bytes(raw, "letters/mixed.pdf", ".pdf")
    assert "We urge you to protect every refugee" in source.plain
    assert "RECEIVED" not in source.plain, "the stamp line of the scanned page is left out"
    messages = [p.message for p in source.problems]
    assert any(m.startswith("page 2: a scan") and "needs OCR" in m and "make ocr" in m for m in messages), messages
    assert any("stamp lines left out" in m and "RECEIVED 12 MAR 2021" in m for m in messages), messages
    assert not source.origin["ocr"]


def test_pages_of_text_never_go_to_ocr(monkeypatch):
    """Only a page whose text layer is thin over a large image is a scan: a letter's pages, a short
    last page, a page of text over a full-page background image are read from their text layer."""
    monkeypatch.setattr(ocr, "_ocr_page", lambda *a: pytest.fail("OCR ran on a page of text"))
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas
    buf = io.BytesIO()
    cv = canvas.Canvas(buf)
    cv.drawImage(ImageReader(hostile.page_image([])), 0, 0, *cv._pagesize)      # a background, then text
    cv.setFont("Helvetica", 11)
    for k, line in enumerate(LETTER.split("\n")):
        cv.drawString(72, 760 - 14 * k, line)
    cv.showPage()
    cv.setFont("Helvetica", 11)
    cv.drawString(72, 760, "Sincerely, Jane Doe")                                # a short last page, no image
    cv.showPage()
    cv.save()
    for raw in (hostile.letter_pdf(hostile.sample_letter(paragraphs=8)), buf.getvalue()):
        doc = read_with_suffix(raw, "letter.pdf", ".pdf", use_ocr=True)
        assert doc.pages[0] and not doc.metadata.get("ocr_pages") and not doc.metadata.get("ocr")
        assert not any("OCR" in p for p in doc.problems), doc.problems


@pytest.mark.parametrize("step", ["_read_page", "layout"])
def test_a_page_that_breaks_the_reader_costs_that_page_never_the_file(monkeypatch, step):
    """Page 2 of 3 raises inside the reader (reading its characters, or laying out its lines): the
    other pages are read, and the warnings name page 2 and why."""
    from letter_archive.readers import pdf
    original, calls = getattr(pdf, step), []

    def breaks_on_page_two(*args):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("made to fail on page 2")
        return original(*args)

    monkeypatch.setattr(pdf, step, breaks_on_page_two)
    pages = ["Dear Minister,\nWe urge you to act on page one.", "The second page's text.",
             "Sincerely,\nHuman Rights Watch, United States"]
    from reportlab.pdfgen import canvas
    buf = io.BytesIO()
    cv = canvas.Canvas(buf)
    for page in pages:
        cv.setFont("Helvetica", 11)
        for k, line in enumerate(page.split("\n")):
            cv.drawString(72, 720 - 14 * k, line)
        cv.showPage()
    cv.save()
    source = read_bytes(buf.getvalue(), "letters/three.pdf", ".pdf")       # through the isolated reader
    assert "We urge you to act on page one." in source.plain and "Human Rights Watch" in source.plain
    assert "second page" not in source.plain
    assert [p.message for p in source.problems if "page 2" in p.message] == [
        "page 2 could not be read (the reader failed on it: RuntimeError: made to fail on page 2): "
        "left out, the other pages are read"]


def test_a_pdf_whose_every_page_breaks_the_reader_is_an_error_naming_the_pages(monkeypatch):
    from letter_archive.readers import pdf

    def broken(pdf_doc, p):
        raise RuntimeError(f"page {p + 1} is broken")

    monkeypatch.setattr(pdf, "_read_page", broken)
    err = refused(hostile.text_pdf(), "broken.pdf")
    assert err.page == 1 and "no page of this PDF could be read" in err.message and "page 1: " in err.message


def test_a_scanner_apps_line_up_the_margin_of_a_scanned_page_costs_nothing(without_ocr):
    """The shape that lost whole files: a scanned page whose only text is a scanner app's small line,
    set vertically up the margin (a character a line, no line under another)."""
    raw = hostile.scan_with_text_layer_pdf([SCANNED], text_first=NO_OCR_YET, vertical="Scanned with PocketScan Pro")
    doc = read_with_suffix(raw, "app.pdf", ".pdf")
    assert doc.pages[0][0] == "March 3, 2021" and doc.metadata["ocr_pages"] == [2]
    assert any(p.startswith("page 2: a scan") for p in doc.problems), doc.problems
