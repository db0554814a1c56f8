"""How the PDF library was chosen (README, "Reading PDF"): each library's own text, and readers/pdf.py
(pypdfium2 plus the layout rules), on the 7 real PDFs of ../shared/eval/pdf: layout checks (reading
order, columns, tables, footnote marks, page numbers, wrapped items) and CPU time per page.

    .venv/bin/pip install pdfminer.six==20260107 pdfplumber==0.11.10   # comparison only, not pinned
    nice -n 10 .venv/bin/python -m benchmarks.compare_pdf_libs"""

from __future__ import annotations

import io
import re
import sys
import time
import warnings
from pathlib import Path

import pypdfium2 as pdfium
from letter_archive.readers import pdf as ours
from letter_archive.readers.base import to_text

warnings.filterwarnings("ignore")
DIR = Path(__file__).resolve().parents[2] / "shared" / "eval" / "pdf"


def e_ours(raw):
    return to_text(ours.read(raw, "x.pdf"))[0]


def e_pdfium(raw):
    pdf = pdfium.PdfDocument(raw)
    return "\n".join(pdf[i].get_textpage().get_text_range().replace("\r", "") for i in range(len(pdf)))


def e_pypdf(raw):
    import pypdf
    return "\n".join(p.extract_text() or "" for p in pypdf.PdfReader(io.BytesIO(raw)).pages)


def e_pdfminer(raw):
    from pdfminer.high_level import extract_text
    return extract_text(io.BytesIO(raw))


def e_plumber(raw, layout=False):
    import pdfplumber
    with pdfplumber.open(io.BytesIO(raw)) as doc:
        return "\n".join(p.extract_text(layout=layout) or "" for p in doc.pages)


ENGINES = {"readers.pdf": e_ours, "pypdfium2 plain": e_pdfium, "pypdf": e_pypdf, "pdfminer.six": e_pdfminer,
           "pdfplumber": e_plumber, "pdfplumber layout": lambda raw: e_plumber(raw, True)}

CHECKS = {
    "60": [("number+name on one line", lambda t: "\n42 BluBot Technologies\n" in t),
           ("wrapped cell joined to its entry", lambda t: "CimplyFive Corporate Secretarial Services" in t),
           ("table read down its columns (49 -> 50)", lambda t: 0 <= t.find("49 Bowstring Studio") < t.find("50 BrainGain"))],
    "61": [("two-column list read down each column",
            lambda t: re.search(r"18MillionRising\.org\s*\n\s*Access Humboldt", t) is not None),
           ("footnote mark dropped (Republicans.1)", lambda t: "Republicans.1" not in t and "Republicans." in t),
           ("page numbers dropped", lambda t: not re.search(r"\n\s*[23]\s*\n", t))],
    "62": [("letterhead lines apart from the title", lambda t: "\nAlgorithmWatch\n" in "\n" + t),
           ("page numbers dropped", lambda t: not re.search(r"\n\s*[12]\s*\n", t))],
    "63": [("date line intact", lambda t: "Berlin, 12 de Octubre de 2020" in t)],
    "64": [("footnote mark dropped (crime.1)", lambda t: "crime.1" not in t and "crime." in t)],
    "65": [("numbered list one entry per line", lambda t: "\n68. Professor Alan Woodward (University of Surrey)\n" in t)],
    "66": [("'1) CO2 Budget' on one line", lambda t: "\n1) CO2 Budget als" in t),
           ("item wrapped back to the margin joined", lambda t: "Neubauten, Sanierungen" in t)],
}


def main() -> int:
    files = sorted(DIR.glob("*.pdf"))
    if not files:
        print(f"no PDFs in {DIR}")
        return 1
    results = {e: {} for e in ENGINES}
    speed = {e: [] for e in ENGINES}
    for path in files:
        raw = path.read_bytes()
        pages = len(pdfium.PdfDocument(raw))
        for name, fn in ENGINES.items():
            fn(raw)       # warm
            t = time.process_time()
            text = fn(raw)
            speed[name].append((time.process_time() - t) * 1000 / pages)
            results[name][path.name[:2]] = re.sub(r"[ \t]+\n", "\n", re.sub(r"(?<=\S)[ \t]{2,}(?=\S)", " ", text))
    names = list(ENGINES)
    print("| check | " + " | ".join(names) + " |")
    print("|---" * (len(names) + 1) + "|")
    totals = dict.fromkeys(names, 0)
    n = 0
    for key, checks in CHECKS.items():
        for label, fn in checks:
            n += 1
            row = []
            for e in names:
                ok = fn(results[e][key])
                totals[e] += ok
                row.append("yes" if ok else "no")
            print(f"| {key}: {label} | " + " | ".join(row) + " |")
    print("| checks passed | " + " | ".join(f"{totals[e]}/{n}" for e in names) + " |")
    print("| CPU ms/page (median of 7 files) | " + " | ".join(f"{sorted(speed[e])[3]:.1f}" for e in names) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
