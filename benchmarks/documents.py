"""Letters as PDF and DOCX, made from a letter's plain text (for the tests and the benchmark): a PDF
with the layouts real letters have (letterhead column beside the letter, running header and footer,
page numbers, a word hyphenated at a line end, a footnote mark, a signatory table running over a page
break) and a DOCX with the same.

A line of the text holding a TAB is a table row (its cells). The made-up header, footer and
letterhead are not in the text, so reading the PDF back must give the text's words again."""

from __future__ import annotations

import io
import re

HEADER = "Coalition for Human Rights in Asia - Joint Letter"
FOOTER = "www.coalition.example.org"
LETTERHEAD = ["Coalition for", "Human Rights", "in Asia", "", "Board", "A. Member", "B. Member",
              "C. Member", "", "Office", "1 Sample Road", "Seoul 04000"]


def _wrap(words: list[str], width: float, measure, hyphenate: dict) -> list[str]:
    """Greedy wrap; the first long word that does not fit is hyphenated once (hyphenate['left'] > 0)."""
    lines, cur = [], ""
    for w in words:
        trial = f"{cur} {w}" if cur else w
        if measure(trial) <= width:
            cur = trial
            continue
        if cur and hyphenate.get("left", 0) > 0 and re.fullmatch(r"[a-z]{9,}[.,;]?", w):
            for cut in range(len(w) - 4, 3, -1):
                if measure(f"{cur} {w[:cut]}-") <= width:
                    lines.append(f"{cur} {w[:cut]}-")
                    cur = w[cut:]
                    hyphenate["left"] -= 1
                    break
            else:
                lines.append(cur)
                cur = w
            continue
        if cur:
            lines.append(cur)
        cur = w
    if cur:
        lines.append(cur)
    return lines


def letter_pdf(text: str, *, letterhead: list[str] | None = None, interleave: bool = True,
               hyphenate: int = 1, footnote: bool = False, font_size: float = 10) -> bytes:
    """A PDF of `text` (A4, Helvetica). letterhead: a narrow column left of the letter on page 1;
    interleave=True draws it line by line together with the letter (the hard reading order).
    Every page has a running header, a footer and "Page N of M". hyphenate: words to hyphenate at a
    line end. footnote: a superscript "1" glued to the first sentence's last word, and its note at the
    foot of page 1. TAB lines are table rows, which simply continue onto the next page."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen import canvas

    W, H = A4
    lead = font_size * 1.25
    left = 190 if letterhead else 72
    right = W - 60
    measure = lambda s: stringWidth(s, "Helvetica", font_size)  # noqa: E731
    hy = {"left": hyphenate}
    # lay out: a list of ("line", text) / ("row", cells) / ("gap", None)
    flow: list[tuple[str, object]] = []
    for para in text.split("\n"):
        if not para.strip():
            flow.append(("gap", None))
        elif "\t" in para:
            flow.append(("row", para.split("\t")))
        else:
            flow.extend(("line", ln) for ln in _wrap(para.split(), right - left, measure, hy))
    # table columns as wide as their widest cell; a smaller font when the table is wider than the page
    rows = [item for kind, item in flow if kind == "row"]
    ncols = max((len(r) for r in rows), default=0)
    col_widths = [max((measure(r[i]) for r in rows if len(r) > i), default=0) for i in range(ncols)]
    need = sum(col_widths) + 18 * max(ncols - 1, 0)
    scale = min(1.0, (right - left) / need) if need else 1.0
    table_size = max(4.0, font_size * scale)
    col_widths = [w * table_size / font_size for w in col_widths]
    # paginate
    top, bottom = H - 80, 70
    pages: list[list[tuple[float, str, object]]] = [[]]
    y = top
    for kind, item in flow:
        if kind == "gap":
            y -= lead * 0.6
            continue
        if y < bottom + (40 if footnote and len(pages) == 1 else 0):
            pages.append([])
            y = top
        pages[-1].append((y, kind, item))
        y -= lead
    buf = io.BytesIO()
    cv = canvas.Canvas(buf, pagesize=A4, invariant=1)
    cv.setTitle("Test letter")
    cv.setAuthor("fixtures.py")
    total = len(pages)
    noted = False
    for n, page in enumerate(pages, start=1):
        cv.setFont("Helvetica", 8)
        cv.drawString(72, H - 40, HEADER)
        head = list(letterhead or []) if n == 1 else []
        if head and not interleave:
            for k, ln in enumerate(head):
                cv.drawString(40, top - k * lead, ln)
            head = []
        for k, (y, kind, item) in enumerate(page):
            if head and k < len(head):
                cv.setFont("Helvetica", 8)
                if head[k]:
                    cv.drawString(40, y, head[k])
            cv.setFont("Helvetica", font_size)
            if kind == "row":
                cv.setFont("Helvetica", table_size)
                x = left
                for i, cell in enumerate(item):
                    cv.drawString(x, y, cell)
                    x += col_widths[i] + 18 * table_size / font_size
            else:
                line = str(item)
                if footnote and not noted and n == 1 and re.search(r"\w\.$", line) and len(line) > 40:
                    cv.drawString(left, y, line)
                    cv.setFont("Helvetica", font_size * 0.6)
                    cv.drawString(left + measure(line) + 0.3, y + font_size * 0.35, "1")
                    noted = True
                else:
                    cv.drawString(left, y, line)
        if footnote and n == 1 and noted:
            cv.setFont("Helvetica", 5)
            cv.drawString(left, bottom - 8 + 3, "1")
            cv.setFont("Helvetica", 8)
            cv.drawString(left + 4, bottom - 8, "See the report of the Commission of Inquiry.")
        cv.setFont("Helvetica", 8)
        cv.drawString(72, 40, FOOTER)
        cv.drawRightString(right, 40, f"Page {n} of {total}")
        cv.showPage()
    cv.save()
    return buf.getvalue()


def letter_docx(text: str, *, header: str = HEADER, footer: str = FOOTER) -> bytes:
    """A DOCX of `text`: one paragraph per line (blank lines as empty ones), TAB lines as a table (consecutive rows one table),
    a running header and footer (which the reader must not take as the letter's text)."""
    import docx
    from docx.shared import Pt

    d = docx.Document()
    d.core_properties.title = "Test letter"
    d.core_properties.author = "fixtures.py"
    d.sections[0].header.paragraphs[0].text = header
    d.sections[0].footer.paragraphs[0].text = footer
    rows: list[list[str]] = []

    def flush():
        if rows:
            width = max(len(r) for r in rows)
            table = d.add_table(rows=len(rows), cols=width)
            for i, r in enumerate(rows):
                for j, cell in enumerate(r):
                    table.cell(i, j).text = cell
            rows.clear()

    for para in text.split("\n"):
        if "\t" in para:
            rows.append(para.split("\t"))
            continue
        flush()
        # one line a paragraph without space after it, and an empty paragraph for a blank line, as an
        # address block or a list of names is typed in Word
        d.add_paragraph(para).paragraph_format.space_after = Pt(0)
    flush()
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


SIGNATORIES = [["Kim Min-jun", "Citizens' Alliance", "Korea"], ["Sato Yui", "Rights Now", "Japan"],
               ["Anna Berg", "Human Rights Watch", "Germany"], ["Li Wei", "Open Society", "China"],
               ["John Smith", "Amnesty", "UK"], ["Park Ji-ho", "NK Watch", "Korea"]]


def sample_letter(paragraphs: int = 6, signatories: int = 60) -> str:
    """A made-up letter: salutation, prose with long words, a signatory table of `signatories` rows."""
    body = ("We the undersigned organisations write to express our deep concern about the situation. "
            "International organisations and governmental representatives have repeatedly documented "
            "systematic violations, and accountability mechanisms remain underdeveloped notwithstanding "
            "numerous recommendations.")
    parts = ["February 13, 2020", "", "Dear Prime Minister,", ""]
    for i in range(paragraphs):
        parts += [f"{i + 1}. {body}", ""]
    parts += ["Sincerely,", ""]
    for i in range(signatories):
        name, org, country = SIGNATORIES[i % len(SIGNATORIES)]
        parts.append(f"{name} {i + 1}\t{org}\t{country}")
    return "\n".join(parts) + "\n"
