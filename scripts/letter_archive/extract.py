"""Extract stage: a document's record from its text alone (front matter then overrides any field).
Each field keeps the line it came from, for the report; doubts become warnings, gaps errors."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import py3langid

from . import signatories as sig
from .clean import SALUTATION, SUBJECT, Line, Removed, clean, paragraphs, to_lines
from .dates import find_dates, standalone_date
from .errors import Problem
from .places import first_government, government_names, most_mentioned_government
from .read import Source
from .schema import empty_record, ordered

TITLE_WORDS = (r"President|Prime Minister|Minister|Secretary(?:-General| General| of State)?|Chancellor|"
               r"Director(?:-General| General)?|Chair(?:person|man|woman)?|Ambassador|Commissioner|"
               r"Rapporteur|Attorney[- ]General|Governor|Mayor|King|Queen|Premier|Speaker|Senator|"
               r"Member of Parliament|MEP|Deputy SG|Deputy Secretary[- ]General|High Commissioner|"
               r"Officer in Charge|Head of State")
DEMAND_SUBJECT = r"(?:we|the undersigned|the coalition|the signatories|the groups|the organi[sz]ations)"
DEMAND_VERB = (r"(?:urge[sd]?|ask(?:ed|s)?|call(?:ed|s)?\s+(?:on|upon)|request(?:ed|s)?|demand(?:ed|s)?|"
               r"encourage[sd]?|implore[sd]?|appeal(?:ed|s)?\s+to|recommend(?:ed|s)?|invite[sd]?|seek|"
               # a solidarity letter takes up others' demands: "we support the demands of …: a, b and c"
               r"support\s+(?:the|their|these|its|her|his)\s+(?:following\s+)?(?:demands?|calls?))")
ADVERBS = (r"(?:(?:also|further|therefore|thus|hereby|strongly|fully|respectfully|urgently|specifically|again|"
           r"would|will|do|must|now|once again|jointly|all|,)\s+)*")
# "We urge", "For these reasons we request:", "we would like to call on": the subject anywhere in the
# sentence, but directly before its verb (an adverb or two between), so "what we ask is" is not one.
DEMAND = re.compile(rf"\b{DEMAND_SUBJECT},?\s+(?:the undersigned,\s+)?{ADVERBS}(?:would like to\s+|wish to\s+)?"
                    rf"{DEMAND_VERB}\b", re.I)
DEMAND_OTHER = re.compile(
    r"\b(?:wir (?:bitten|fordern|appellieren|ersuchen|unterstützen (?:die|ihre|deren) forderungen)|fordern wir|bitten wir|"
    r"(?:pedimos|exigimos|instamos|solicitamos|llamamos)|nous (?:demandons|appelons|exhortons))\b|"
    r"촉구한다|촉구합니다|요구한다|요구합니다|要求|呼吁|求めます|求める", re.I)   # no \b: CJK has no spaces
# A demand that announces its items: "We urge you to:", "we demand the following", "as follows";
# Korean 다음과 같이 (as follows), Japanese 以下, German folgende, Spanish siguiente, French suivant.
ANNOUNCES_ITEMS = re.compile(r"(?::|\b(?:to|following|as follows)\s*[:.]?|다음과\s*같이.*|以下.*|"
                             r"\b(?:folgende|siguientes?|suivante?s?)\b.*)\s*$", re.I)
LIST_ITEM = re.compile(r"^\s*(?:\d{1,2}[.)]|[a-z][.)]|[-*•·])\s+(\S.*)$")
ABBREVIATIONS = re.compile(r"\b(?:U\.S|U\.K|U\.N|e\.g|i\.e|Mr|Ms|Mrs|Dr|Prof|No|Nos|St|Jr|Sr|vs|etc|para|art|Inc|Ltd)\.$", re.I)
BYLINE = re.compile(r"^\s*(?:[Bb]y|[Vv]on|[Pp]or|[Pp]ar)\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){1,3}\s*$")
DATELINE = re.compile(r"^\s*\(([^()]{2,60}),\s*([^()]{6,30})\)\s*[–—-]")


@dataclass
class Extraction:
    record: dict[str, Any]
    lines: dict[str, int | None] = field(default_factory=dict)   # field -> line it was taken from
    problems: list[Problem] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    text: list[Line] = field(default_factory=list)                 # the cleaned body


def sentences(text: str) -> list[str]:
    """Split a paragraph into sentences, keeping abbreviations such as U.S. and e.g. intact."""
    pieces = re.split(r"(?<=[.!?。])[\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9가-힣])", " ".join(text.split()))
    out: list[str] = []
    for piece in pieces:
        if out and ABBREVIATIONS.search(out[-1]):
            out[-1] = f"{out[-1]} {piece}"
        else:
            out.append(piece)
    return out


def find_index(lines: list[Line], pattern: re.Pattern[str], limit: int | None = None) -> int | None:
    for i, line in enumerate(lines[:limit]):
        if pattern.match(line.text):
            return i
    return None


def header_end(lines: list[Line]) -> int:
    """Where the letter's head (date, address, subject, salutation) ends: the first long paragraph."""
    for i, line in enumerate(lines):
        if len(line.text) > 200 and not line.text.lstrip().startswith("#"):
            return i
    return min(len(lines), 40)


def extract_title(lines: list[Line], subject: int | None) -> tuple[str | None, int | None]:
    if subject is not None:
        m = SUBJECT.match(lines[subject].text)
        return _plain(m.group(1)), lines[subject].no
    for line in lines[: header_end(lines) + 1]:
        text = line.text.strip()
        if text.startswith("#!"):
            continue
        heading = re.match(r"^#{1,3}\s+(.+)$", text)
        if heading:
            return _plain(heading.group(1)), line.no
    for line in lines[: header_end(lines)]:
        text = _plain(line.text)
        if (not text or "|" in text or standalone_date(text) or len(text) > 200 or len(text) < 8
                or text.endswith((".", ",", ":")) or text.lower().startswith(("date", "by ", "fax", "tel", "e-mail"))
                or SALUTATION.match(text) or text.count(" ") < 2):
            continue
        return text, line.no
    return None, None


def _plain(text: str) -> str:
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return re.sub(r"(\*\*|__|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*]))", "", text).strip(" #\t")


def extract_date(lines: list[Line], front: dict) -> tuple[str | None, int | None, list[Problem]]:
    problems: list[Problem] = []
    head = lines[: header_end(lines) + 1]
    candidates: list[tuple[Any, Line]] = []
    for line in head:
        found = standalone_date(line.text)
        if found:
            candidates.append((found, line))
        dl = DATELINE.match(line.text)
        if dl and find_dates(dl.group(2)):
            candidates.append((find_dates(dl.group(2))[0], line))
        if candidates:   # the first date line of the header is the letter's date
            break
    for found, line in candidates:
        if found.iso:
            return found.iso, line.no, problems
        problems.append(Problem("error", "date", line.no, found.problem or "unreadable date",
                                "write the date in the front matter: date: YYYY-MM-DD"))
        return None, line.no, problems
    for key in ("title", "subtitle"):   # a page title that is itself a dateline ("Berlin, den 5. Mai 2020")
        value = front.get(key)
        if isinstance(value, str) and standalone_date(value) and standalone_date(value).iso:
            return standalone_date(value).iso, None, problems
    for line in lines:
        m = re.search(r"\bas of\s+", line.text, re.I)
        if m:
            found = find_dates(line.text[m.end():])
            if found and found[0].start == 0 and found[0].iso:
                return found[0].iso, line.no, problems
    return None, None, problems


def extract_kind(lines: list[Line], salutation: int | None, title: str | None) -> str:
    head = [x.text for x in lines[:15]]
    joined = " ".join(head[:8]).lower()
    if "press release" in joined or "for immediate release" in joined or any(DATELINE.match(t) for t in head):
        return "press-release"
    if salutation is None and any(BYLINE.match(t) for t in head) and "open letter" not in joined:
        return "commentary"
    title_l = (title or "").lower()
    if salutation is None and re.search(r"statement|erklärung|declaración|déclaration|성명", title_l + joined) \
            and "letter" not in title_l:
        return "statement"
    return "letter"


def _split_title_name(text: str) -> tuple[str | None, str]:
    """'Foreign Minister Kang Kyung-hwa' -> ('Foreign Minister', 'Kang Kyung-hwa')."""
    text = re.sub(r"^(?:cc|c\.c)\s*[:.]\s*", "", text.strip(), flags=re.I)
    words = text.split()
    if re.search(rf"\b(?:{TITLE_WORDS})\b", text) and len(words) >= 3:
        return " ".join(words[:-2]), " ".join(words[-2:])
    return None, text


NK_OFFICIAL = re.compile(rf"^(?:{TITLE_WORDS})\b(?!.*\b(?:situation|rapporteur|human rights)\b).*\bof\s+(?:the\s+)?"
                         r"(?:North Korea|DPRK|Democratic People's Republic of Korea)\s*$", re.I)


def _government_of(texts: list[str], fallback: str | None = None) -> str | None:
    for text in texts:
        gov = first_government(text)
        # North Korea is what most letters are about, so a mention is not an address, unless it is an
        # official's title ("Minister of Foreign Affairs of the DPRK"), not a mandate on the country.
        if gov and (gov != "North Korea" or NK_OFFICIAL.match(text.strip())):
            return gov
    return fallback


def extract_addressees(lines: list[Line], date_idx: int | None, stop: int | None) -> tuple[list[dict], int | None]:
    """The address block between the date and the subject line or salutation."""
    if date_idx is None or stop is None or stop <= date_idx:
        return [], None
    block = [x for x in lines[date_idx + 1: stop] if x.text.strip()]
    if not block:
        return [], None
    # the first paragraph after the date is the addressee; later ones may be fax lines or cc
    first_par = []
    for x in lines[date_idx + 1: stop]:
        if not x.text.strip():
            if first_par:
                break
            continue
        if re.match(r"^\s*(?:cc|c\.c)\s*[:.]", x.text, re.I):
            break
        first_par.append(x)
    if not first_par or len(first_par[0].text) > 120:
        return [], None
    name = _plain(first_par[0].text).rstrip(",")
    title = None
    if len(first_par) > 1 and re.search(rf"\b(?:{TITLE_WORDS})\b", first_par[1].text):
        title = _plain(first_par[1].text).rstrip(",")
    elif re.search(rf"\b(?:{TITLE_WORDS})\b", name) and "," in name:
        name, title = (p.strip() for p in name.split(",", 1))
    gov = _government_of([title or "", *[x.text for x in first_par]])
    return [{"name": name, "title": title, "government": gov}], first_par[0].no


def extract_cc(lines: list[Line], default_government: str | None) -> tuple[list[dict], int | None]:
    """Copies: 'CC:' blocks, one person per paragraph (title and name on its first line)."""
    people: list[dict] = []
    first_no = None
    i = 0
    while i < len(lines):
        m = re.match(r"^\s*(?:cc|c\.c|copy to|copies to)\s*[:.]\s*(.*)$", lines[i].text, re.I)
        if not m:
            i += 1
            continue
        first_no = first_no or lines[i].no
        rest = [Line(lines[i].no, m.group(1))] if m.group(1).strip() else []
        j = i + 1
        blank = 0
        while j < len(lines) and blank < 2 and not SUBJECT.match(lines[j].text) and not SALUTATION.match(lines[j].text):
            blank = blank + 1 if not lines[j].text.strip() else 0
            rest.append(lines[j])
            j += 1
        for par in paragraphs(rest):
            entries = [x.text for x in par] if all("," in x.text and len(x.text) < 80 for x in par) and \
                not re.search(rf"\b(?:{TITLE_WORDS})\b", par[0].text) else [par[0].text]
            for entry in entries:
                if re.match(r"^\s*(?:fax|tel|e-?mail)\b", entry, re.I) or re.search(r"\d{3,}", entry):
                    continue
                title, name = _split_title_name(entry)
                if "," in name and title is None:
                    name, org = (p.strip() for p in name.split(",", 1))
                    gov = _government_of([org], None)
                else:
                    gov = _government_of([x.text for x in par], default_government)
                people.append({"name": _plain(name), "title": title, "government": gov})
        i = j
    return people, first_no


def extract_demands(lines: list[Line], kind: str) -> tuple[list[str], int | None]:
    if kind == "commentary":
        return [], None
    pars = paragraphs(lines)
    demands: list[str] = []
    first_no = None
    used: set[int] = set()
    for p_idx, par in enumerate(pars):
        if p_idx in used:
            continue
        text = " ".join(x.text.strip() for x in par)
        list_in_par = [LIST_ITEM.match(x.text) for x in par[1:]]
        in_par = sentences(_plain(text))
        for sentence in in_par:
            if not (DEMAND.search(sentence) or DEMAND_OTHER.search(sentence)):
                continue
            first_no = first_no or par[0].no
            items: list[str] = []
            if ANNOUNCES_ITEMS.search(sentence.rstrip(" *_")):
                if any(list_in_par):
                    items = [m.group(1) for m in list_in_par if m]
                k = p_idx + 1
                while not items and k < len(pars):
                    matches = [LIST_ITEM.match(x.text) for x in pars[k]]
                    if not all(matches):
                        break
                    items.extend(m.group(1) for m in matches)
                    used.add(k)
                    k += 1
                    while k < len(pars) and all(LIST_ITEM.match(x.text) for x in pars[k]):
                        items.extend(LIST_ITEM.match(x.text).group(1) for x in pars[k])
                        used.add(k)
                        k += 1
                if not items and k == p_idx + 1 and sentence is in_par[-1]:
                    items, taken = _unmarked_items(pars, p_idx + 1)
                    used.update(taken)
            if items:
                demands.extend(_plain(i).strip() for i in items)
            else:
                demands.append(sentence.strip())
    return list(dict.fromkeys(d for d in demands if d)), first_no


def _unmarked_items(pars: list[list[Line]], start: int) -> tuple[list[str], list[int]]:
    """Items whose bullets were lost (or never written): the one-line paragraphs after "we demand the
    following", up to the first paragraph that is not one (prose, a date, a sign-off); at least two.
    A line ending in a comma or colon ("The Japanese Government,") heads the items after it."""
    items: list[str] = []
    taken: list[int] = []
    header = None
    for k in range(start, min(len(pars), start + 20)):
        text = " ".join(x.text.strip() for x in pars[k])
        plain = _plain(text).strip()
        if len(pars[k]) > 1 or len(plain) > 250 or len(sentences(plain)) > 1 or standalone_date(plain) \
                or sig.START.match(plain):
            break
        if plain.endswith((",", ":")):
            header = plain.rstrip(",: ")
        else:
            items.append(f"{header}: {plain}" if header else plain)
        taken.append(k)
    return (items, taken) if len(items) > 1 else ([], [])   # one short paragraph is no list


WORD = re.compile(r"[a-z]+")
ENGLISH_FUNCTION_WORDS = frozenset({"the", "of", "and", "to", "we", "you", "that", "is", "our", "for", "with",
                                    "are", "this", "be", "have", "on"})
HANGUL = re.compile(r"[\uac00-\ud7a3]")
KANA = re.compile(r"[\u3040-\u30ff]")
HAN = re.compile(r"[\u4e00-\u9fff]")


def extract_language(text: str) -> str | None:
    """The language of the letter's own words: the text before its signature list (names of foreign
    organisations would outvote a short Korean letter), read from its script first, else by langid."""
    sample = text[:3000]
    if len(sample.strip()) < 20:
        return None
    letters = sum(map(str.isalpha, sample)) or 1
    hangul, kana, han = (len(p.findall(sample)) for p in (HANGUL, KANA, HAN))
    if hangul / letters > 0.15:
        return "ko"
    if kana / letters > 0.05 or (kana and (kana + han) / letters > 0.15):
        return "ja"
    if han / letters > 0.3:
        return "zh"
    # Plain English prose is most of any archive: when its commonest words make up an eighth of the
    # text, skip the statistical model (it costs more than the rest of the extraction together).
    words = WORD.findall(sample[:1500].lower())
    if len(words) >= 40 and sum(w in ENGLISH_FUNCTION_WORDS for w in words) / len(words) > 0.12:
        return "en"
    return py3langid.classify(sample[:1500])[0]


def extract_governments(record: dict, lines: list[Line], subject: int | None, salutation: int | None,
                        demands: list[str], title: str | None, body_end: int | None = None) -> list[str]:
    """The governments or bodies addressed, from the strongest evidence to the weakest: the address
    block, the subject line, the salutation (also one deep in a page that quotes the letter), a
    "letter to …" title, the object of the first demands, any government in the title, the one
    the text names most. Only names from data/governments.yaml, except a demand's capitalised
    object ("We urge the Pacific Islands Forum to …") when nothing else is found."""
    found: list[str] = [p["government"] for p in record["addressees"] if p.get("government")]
    if not found and subject is not None:
        found += government_names(re.sub(r"(?i)^.*?\b(?:to|an|a)\s+(?:the\s+)?", "", lines[subject].text, count=1))
    if not found:
        greeting = salutation if salutation is not None else next(
            (i for i, x in enumerate(lines[:body_end]) if len(x.text) < 160 and SALUTATION.match(x.text)), None)
        if greeting is not None:
            found += government_names(lines[greeting].text)
    if not found and title and re.search(r"\b(?:letter|brief|carta|lettre)\s+(?:to|an|a)\b", title, re.I):
        found += government_names(title.split(" to ", 1)[-1])
    objects = []
    for demand in demands[:3]:
        m = re.search(rf"{DEMAND_VERB}\s+(?:the\s+)?(.{{3,80}}?)\s+(?:to|that)\b", demand, re.I)
        if m and not re.match(r"(?i)(?:you|your|all|every|each|us)\b", m.group(1)):
            objects.append(m.group(1).strip())
    if not found:
        found += next((names for names in map(government_names, objects) if names), [])
    if not found and title:
        found += [g for g in [first_government(title)] if g]
    if not found:
        found += [o for o in objects[:1] if len(o.split()) <= 5 and o[:1].isupper()]
    if not found:
        gov = most_mentioned_government("\n".join(x.text for x in lines[:body_end]))
        found += [gov] if gov else []
    return [g for g in dict.fromkeys(found) if g != "North Korea" or len(found) == 1]


def extract(source: Source) -> Extraction:
    raw_lines = to_lines(source)
    lines, removed = clean(raw_lines)
    record = empty_record()
    where: dict[str, int | None] = {}
    problems: list[Problem] = list(source.problems)

    head_end = header_end(lines)
    salutation = find_index(lines, SALUTATION, head_end + 3)
    subject = find_index(lines, SUBJECT, head_end + 3)

    title, where["title"] = extract_title(lines, subject)
    record["title"] = title
    date, where["date"], date_problems = extract_date(lines, source.front)
    record["date"] = date
    problems += date_problems
    record["kind"] = kind = source.front.get("kind") or extract_kind(lines, salutation, title)
    where["kind"] = lines[0].no if lines else None
    body_text = "\n".join(x.text for x in lines)
    section = sig.find_section(lines)
    record["language"] = extract_language("\n".join(x.text for x in lines[: section[0]]) if section else body_text)

    date_idx = next((i for i, x in enumerate(lines[: head_end + 1]) if standalone_date(x.text)), None)
    stop = min(i for i in (subject, salutation, head_end) if i is not None) if lines else None
    if kind in ("letter", "statement"):
        record["addressees"], where["addressees"] = extract_addressees(lines, date_idx, stop)
    headline = source.front.get("title") if isinstance(source.front.get("title"), str) else title
    if kind in ("letter", "statement") and not record["addressees"] and headline:
        m = re.search(rf"\b(?:letter|brief)\s+to\s+((?:{TITLE_WORDS})(?:[\w -]*?)\s+[A-Z][\w'’-]+\s+[A-Z][\w'’-]+)\s*$",
                      headline, re.I)
        if m:
            t, n = _split_title_name(m.group(1))
            record["addressees"] = [{"name": n, "title": t, "government": first_government(m.group(1))}]
            where["addressees"] = where.get("title")
    main_gov = record["addressees"][0]["government"] if record["addressees"] else None
    record["cc"], where["cc"] = extract_cc(lines, main_gov)

    # demands are in the letter, not in its signature list (which can be most of a long letter's lines)
    record["demands"], where["demands"] = extract_demands(lines[: section[0]] if section else lines, kind)
    record["governments"] = extract_governments(record, lines, subject, salutation, record["demands"],
                                                headline, section[0] if section else None)
    where["governments"] = where.get("addressees") or (lines[subject].no if subject is not None else None)

    if kind in ("letter", "statement"):
        _extract_signatories(record, lines, body_text, where, problems)

    _apply_front_matter(record, source.front, where)
    problems += [p for p in check_record(record, where, source.file)   # one error per field is enough
                 if not any(q.field == p.field and q.level == "error" for q in problems)]
    return Extraction(ordered(record), where, problems, removed, lines)


def _extract_signatories(record: dict, lines: list[Line], body_text: str, where: dict, problems: list[Problem]) -> None:
    closing = next((i for i, x in enumerate(lines) if sig.START.match(x.text.strip())), len(lines))
    # the count may sign the letter itself: "Signed, / 486 tech workers"
    intro = "\n".join(x.text for x in lines[:closing + 4])
    claimed, parts, phrase = sig.claimed_count(_plain(intro))
    groups, first = sig.read_section(lines, body_text)
    if not groups and (run_on := sig.run_on_list(lines, claimed)):
        groups, first = [run_on[0]], run_on[1]
    names = [n for g in groups for n in g.names]
    # a total stated in the text, split by kind, gives each unnumbered group its own claim
    if parts and len(groups) > 1 and all(g.claimed is None for g in groups):
        for group in groups:
            key = "individuals" if "individual" in group.label.lower() else "organizations"
            group.claimed = parts.get(key) if key in parts and len(parts) > 1 else None
    if claimed is None and groups and all(g.claimed is not None for g in groups):
        claimed = sum(g.claimed for g in groups)
    record["signatories"] = {
        "claimed": claimed,
        "listed": len(names),
        "groups": [{"label": g.label, "claimed": g.claimed, "listed": len(g.names)}
                   for g in groups if len(groups) > 1 or g.label != "Signatories" or g.claimed is not None],
        "names": names,
    }
    where["signatories"] = first.no if first else None
    where["claimed"] = next((x.no for x in lines if phrase and phrase.split()[0] in x.text), None) if phrase else None


def _apply_front_matter(record: dict, front: dict, where: dict) -> None:
    for key, value in front.items():
        if key == "signatories":
            value = {**value, "listed": value.get("listed") if value.get("names") else record["signatories"]["listed"]}
            if not value.get("names"):
                value["names"] = record["signatories"]["names"]
                value["groups"] = value.get("groups") or record["signatories"]["groups"]
                value["listed"] = len(value["names"])
        record[key] = value
        where[key] = "front matter"


def check_record(record: dict, where: dict, file: str) -> list[Problem]:
    """Doubts and gaps, each naming the front-matter key that settles it."""
    problems: list[Problem] = []
    if not record["date"]:
        problems.append(Problem("error", "date", None, "no date found in the text",
                                "add `date: YYYY-MM-DD` (or `date: YYYY-MM`) to the front matter"))
    if not record["title"]:
        problems.append(Problem("error", "title", None, "no title found (no Re: line or headline)",
                                "add `title: ...` to the front matter"))
    if record["kind"] in ("letter", "statement"):
        if not record["governments"] and not record["addressees"]:
            problems.append(Problem("error", "addressees", None, "no addressee or government found",
                                    "add `governments: [Name]` (and `addressees:`) to the front matter"))
        s = record["signatories"]
        if s["listed"] == 0 and s["claimed"] is None:
            problems.append(Problem("error", "signatories", None, "no signatures found",
                                    "add `signatories: {names: [...]}` to the front matter"))
        elif s["claimed"] is not None and s["claimed"] != s["listed"]:
            detail = "; ".join(f"{g['label']}: states {g['claimed']}, lists {g['listed']}"
                               for g in s["groups"] if g["claimed"] is not None and g["claimed"] != g["listed"])
            problems.append(Problem(
                "warning", "signatories", where.get("claimed"),
                f"the text states {s['claimed']} signatories but lists {s['listed']}" + (f" ({detail})" if detail else ""),
                "check the list; if the text is right as published, leave it: both numbers are shown"))
    return problems
