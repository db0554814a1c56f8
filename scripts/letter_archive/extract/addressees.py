"""Addressees, copies and the governments or bodies a letter is sent to."""

from __future__ import annotations

import re

from ..model import Person, Record
from ..places import (
    country_code,
    country_name,
    first_government,
    government_mentions,
    government_names,
    most_mentioned_government,
    rival_government,
)
from .asks import DEMAND_VERB
from .clean import CC, SALUTATION, SUBJECT
from .dates import standalone_date
from .languages import alternation
from .lines import Line, paragraphs
from .text import plain

TITLE_WORDS = (r"President|Prime Minister|Minister|Secretary(?:-General| General| of State)?|Chancellor|"
               r"Director(?:-General| General)?|Chair(?:person|man|woman)?|Ambassador|Commissioner|"
               r"Rapporteur|Attorney[- ]General|Governor|Mayor|King|Queen|Premier|Speaker|Senator|"
               r"Member of Parliament|MEP|Deputy SG|Deputy Secretary[- ]General|High Commissioner|"
               r"Officer in Charge|Head of State|Chief Executive(?: Officer)?|CEO|Managing Director")


TITLE = re.compile(rf"\b(?:{TITLE_WORDS})\b")
# A person's name as a copy line writes it before the role: a few words, the first capitalised (or not
# in the Latin alphabet), no digits: "Ana Lima", "H.E. Jan van der Berg", "Kim Yeon-chul".
PERSON_NAME = re.compile(r"(?:[^\W\d_a-z][\w.'’-]*)(?:\s+[^\W\d_][\w.'’-]*){0,5}")


def split_title_name(text: str) -> tuple[str | None, str]:
    """'Foreign Minister Kang Kyung-hwa' -> ('Foreign Minister', 'Kang Kyung-hwa'); a name, a comma and
    a role: 'Ana Lima, Minister of Justice' -> ('Minister of Justice', 'Ana Lima'); a title and name, then
    the body: 'Minister Ana Lima, Ministry of Justice' -> ('Minister, Ministry of Justice', 'Ana Lima')."""
    text = CC.sub("", text.strip())
    first, comma, rest = (part.strip() for part in text.partition(","))
    if comma and rest:
        if TITLE.search(rest) and not TITLE.search(first) and PERSON_NAME.fullmatch(first):
            return rest, first
        if TITLE.search(first) and len(first.split()) >= 3:
            title, name = split_title_name(first)
            return f"{title}, {rest}", name
    words = text.split()
    if TITLE.search(text) and len(words) >= 3:
        return " ".join(words[:-2]), " ".join(words[-2:])
    return None, text


def name_then_role(text: str) -> bool:
    """'Ana Lima, Minister of Justice': a person, a comma, then the role."""
    first, comma, rest = text.partition(",")
    return bool(comma and TITLE.search(rest) and not TITLE.search(first) and PERSON_NAME.fullmatch(first.strip()))


NK_OFFICIAL = re.compile(rf"^(?:{TITLE_WORDS})\b(?!.*\b(?:situation|rapporteur|human rights)\b).*\bof\s+(?:the\s+)?"
                         r"(?:North Korea|DPRK|Democratic People's Republic of Korea)\s*$", re.I)


# An envoy's own government, not the one he is posted to: "Ambassador of Japan to the United Kingdom".
POSTED_TO = re.compile(rf"\b{alternation('envoy')}\b(.*?)\s+{alternation('posted_to')}\s+\S.*$", re.I)


def government_of(texts: list[str], fallback: str | None = None) -> str | None:
    for text in texts:
        posted = POSTED_TO.search(text)
        gov = first_government(text[: posted.start()] + posted.group(0)[: posted.end(1) - posted.start()]
                               if posted else text)
        # North Korea is what most letters are about, so a mention is not an address, unless it is an
        # official's title ("Minister of Foreign Affairs of the DPRK"), not a mandate on the country.
        if gov and (gov != "North Korea" or NK_OFFICIAL.match(text.strip())):
            return gov
    for text in texts:
        country = _country_named(text)
        if country:
            return country
    return fallback


OF_PLACE = re.compile(r".*\bof\s+(?:the\s+)?([A-Z][\w'’. -]{1,50})$")   # "Minister of Justice of Peru": the last "of"


def _country_named(text: str) -> str | None:
    """A country an addressee's title ends with that data/governments.yaml does not list ("Minister of
    Environment, Republic of Peru" -> "Peru"), by its ISO name: better than guessing from the signers'
    countries. `letters check` says it is not in the data."""
    for part in reversed([p.strip(" .") for p in plain(text).split(",") if p.strip()]):
        place = OF_PLACE.search(part)
        for candidate in (part, place.group(1) if place else None):
            code = country_code(candidate) if candidate else None
            if code and not first_government(candidate):
                return country_name(code)
    return None


def extract_addressees(lines: list[Line], date_idx: int | None, stop: int | None) -> tuple[list[Person], int | None]:
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
        if CC.match(x.text):
            break
        first_par.append(x)
    if len(first_par) > 1 and not HONORIFIC.sub("", plain(first_par[0].text).strip()).strip(" .,"):
        first_par = first_par[1:]   # a courtesy line over the name: "Señora" / "Ana Ruiz Prieto"
    if not first_par or len(first_par[0].text) > 120 or not _may_address(first_par[0].text) \
            or _prose(first_par[0].text) or _wrapped_prose(first_par):
        return [], None
    name = plain(first_par[0].text).rstrip(",")
    name = HONORIFIC.sub("", name).strip() or name   # "The Honorable Rosa Delgado", "H.E. Mr. Ali Khan": the name
    if (m := GREETING.match(name)) and not SALUTATION.match(name):
        # an address line led by its preposition: "To the Board of Directors of X Ltd", "An die Stadträtin"
        name = HONORIFIC.sub("", m.group("rest")).strip() or name
    title = None
    if len(first_par) > 1 and re.search(rf"\b(?:{TITLE_WORDS})\b", first_par[1].text):
        title = plain(first_par[1].text).rstrip(",")
    elif re.search(rf"\b(?:{TITLE_WORDS})\b", name) and "," in name:
        name, title = (p.strip() for p in name.split(",", 1))
    gov = government_of([title or "", *[x.text for x in first_par]])
    return [Person(name, title, gov)], first_par[0].no


SENDER = re.compile(rf"^[\W_]*{alternation('sender')}\b", re.I)
# a sentence ends inside the line and another starts, or the line ends one: prose, not an address
PROSE_IN_LINE = re.compile(r"[a-zß-ÿ]{3}[.!?]\s+[A-ZÀ-Þ][a-zß-ÿ]")
PROSE_END = re.compile(r"[a-zß-ÿ]{2}[.!?]\W*$")


# a sentence's end in a script that writes no spaces between words (Chinese, Japanese): no address has one
UNSPACED_SENTENCE = re.compile(r"[\u3000-\u9fff\uf900-\ufaff][。！？]")
# a sentence's end after a letter that is no capital, in any script (Korean "…니다.", Russian "…ся.")
SENTENCE_END = re.compile(r"[^\W\d_]{2}[.!?。]\W*$")


def _prose(text: str) -> bool:
    """The letter's first sentence, not an address line: a sentence ends in it, or it runs past the
    dozen words an addressee's name and title take."""
    words = len(text.split())
    return bool(PROSE_IN_LINE.search(text)) or words > 14 or (words >= 6 and bool(PROSE_END.search(text))) \
        or bool(UNSPACED_SENTENCE.search(text))


def _wrapped_prose(par: list[Line]) -> bool:
    """A paragraph of prose wrapped over lines: its first line stops mid-sentence (no punctuation) and
    the next goes on with a letter that is no capital, and the paragraph ends a sentence. An address
    block's next line starts a new name, title or place ("Palais Wilson"), in capitals where the script
    has them."""
    if len(par) < 2:
        return False
    first, second = par[0].text.rstrip(), plain(par[1].text).lstrip()
    last = plain(par[-1].text).rstrip()
    return bool(first) and first[-1].isalnum() and second[:1].isalpha() and not second[:1].isupper() \
        and bool(SENTENCE_END.search(last)) and not last[-3:-1].isupper()
METADATA = re.compile(r"^[\W_]*[A-Z][\w-]{2,20}\s*:\s*\S")   # "Author: admin", "Category: news"


def _may_address(text: str) -> bool:
    """The first line under a dateline addresses someone, unless it names the sender ("From …"), is a
    page's metadata ("Author: admin") or is itself the salutation ("阁下：")."""
    text = text.strip()
    return not (SENDER.match(text) or METADATA.match(text) or SALUTATION.match(text)
                or (len(text) <= 12 and text.endswith((":", "："))))


# the kinds an addressee's words can name, in the order they are tried ("Public Radio Foundation" is a
# broadcaster's foundation: a broadcaster); a government the data knows is "government", a name "person"
ADDRESSEE_KINDS = ("intergovernmental", "parliament", "city", "university", "broadcaster", "foundation", "company",
                   "organisation")
KIND_OF_GOVERNMENT = ("intergovernmental", "parliament", "city")   # kinds a known government's name may show


def addressee_kind(name: str) -> str:
    """What an addressee the data does not know probably is, from the words of its name: a company,
    a university, a city council, a parliament, an intergovernmental body, an organisation, or a
    person (a name without such words)."""
    for kind in ADDRESSEE_KINDS:
        if kind_pattern(kind).search(name):
            return kind
    return "person" if re.fullmatch(r"(?:[A-ZÀ-Þ][\w.'’-]*\s*){1,4}", name.strip()) else "organisation"


def kind_of(person: Person) -> str:
    """The kind of body an addressee is, for the record and the index pages of each kind: a government
    the data knows (its parliament, a city, a UN or EU body when its name says so), else what the
    words of its name and title say."""
    words = " ".join(x for x in (person.name, person.title) if x)
    if person.government:
        kind = addressee_kind(f"{person.government} {words}")
        return kind if kind in KIND_OF_GOVERNMENT else "government"
    if person.title and not any(kind_pattern(k).search(words) for k in ADDRESSEE_KINDS):
        return addressee_kind(person.name)   # "Rosa Delgado", "Governor of New Cascadia": no body's words, a person
    return addressee_kind(words)


def kind_pattern(kind: str) -> re.Pattern[str]:
    return _KIND_PATTERNS[kind]


_KIND_PATTERNS = {kind: re.compile(rf"(?<!\w){alternation('kind_' + kind)}(?!\w)", re.I) for kind in ADDRESSEE_KINDS}


def extract_cc(lines: list[Line], default_government: str | None) -> tuple[list[Person], int | None]:
    """Copies: 'CC:' blocks, one person per paragraph (title and name on its first line)."""
    people: list[Person] = []
    first_no = None
    i = 0
    while i < len(lines):
        m = CC.match(lines[i].text)
        if not m:
            i += 1
            continue
        first_no = first_no or lines[i].no
        after = lines[i].text[m.end():]
        rest = [Line(lines[i].no, after)] if after.strip() else []
        j = i + 1
        blank = 0
        while j < len(lines) and blank < 2 and not SUBJECT.match(lines[j].text) and not SALUTATION.match(lines[j].text):
            blank = blank + 1 if not lines[j].text.strip() else 0
            rest.append(lines[j])
            j += 1
        for par in paragraphs(rest):
            # one person a line ("Name, Organisation" or "Name, Title of Body"), or one a paragraph
            entries = [x.text for x in par] if all("," in x.text and len(x.text) < 80 for x in par) and (
                not TITLE.search(par[0].text) or all(name_then_role(x.text) for x in par)) else [par[0].text]
            for entry in entries:
                if re.match(r"^\s*(?:fax|tel|e-?mail)\b", entry, re.I) or re.search(r"\d{3,}", entry):
                    continue
                title, name = split_title_name(entry)
                if "," in name and title is None:
                    name, org = (p.strip() for p in name.split(",", 1))
                    gov = government_of([org], None)
                else:
                    gov = government_of([x.text for x in par], default_government)
                people.append(Person(plain(name), title, gov))
        i = j
    return people, first_no


INSTITUTION = re.compile(rf"\b{alternation('institution_noun')}\b", re.I)   # "governments and companies"
OBJECT_PRONOUN = re.compile(r"(?i)(?:you|your|all|every|each|us|them|this|that|these|those|it|everyone|people|him|her)\b")


def extract_governments(record: Record, lines: list[Line], subject: int | None, salutation: int | None,
                        demands: list[str], title: str | None, body_end: int | None = None) -> tuple[list[str], str | None]:
    """The governments or bodies addressed, from the strongest evidence to the weakest: the address
    block, the subject line, the salutation (also one deep in a page that quotes the letter), a
    "letter to …" title, the object of the first demands, any government in the title, the one
    the text names most. Only names from data/governments.yaml, except a demand's capitalised
    object ("We urge the Lakeside Water Board to …") when nothing else is found. With them, which
    evidence gave them ("most mentioned of several" is the weakest: a doubt)."""
    found: list[str] = [p.government for p in record.addressees if p.government]
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
    if not found and objects:
        # "we urge the Parliament": the body named which one ("European Parliament")
        named = government_names("\n".join(x.text for x in lines[:body_end]))
        found += [g for g in named if g.lower().endswith(" " + objects[0].lower())][:1]
    route = "named" if found else None
    if not found:
        # a demand's object as written: "the Lakeside Water Board", "governments and companies"
        found += [o for o in objects[:1] if len(o.split()) <= 5 and o[:1].isupper()
                  or (len(o.split()) <= 4 and not OBJECT_PRONOUN.match(o) and INSTITUTION.search(o))]
        route = "demand's object" if found else None
        # "the Council" a demand is put to, when the letter is to "Councillor X, Chair, Riverside City Council":
        # the body in full, as the addressee's name or title gives it; "the council" of "the Council of X": none
        found = [g for g in dict.fromkeys(_named_in_full(o, record.addressees) for o in found) if g]
    if not found and route is None:
        mentions = government_mentions("\n".join(x.text for x in lines[:body_end]))
        gov = most_mentioned_government(mentions)
        if not gov and body_end is not None:   # the list of signers names where they come from
            mentions = government_mentions("\n".join(x.text for x in lines[body_end:]))
            gov = most_mentioned_government(mentions)
        found += [gov] if gov else []
        # one government mentioned again and again is the letter's; two mentioned about as often, unclear
        route = None if not gov else "most mentioned of several" if rival_government(mentions, gov) else "most mentioned"
    if not found and route is None:   # "Councillor X, Chair, Riverside City Council": the public body in the title
        found = [body for p in record.addressees if (body := _public_body(p.title))][:1]
        route = "addressee's title" if found else None
    return [g for g in dict.fromkeys(found) if g != "North Korea" or len(found) == 1], route


def _public_body(title: str | None) -> str | None:
    """The public body an addressee's title names after its role ("Chair, Riverside City Council"): a
    city, a parliament or an intergovernmental body by its words."""
    parts = [x.strip() for x in (title or "").split(",")[1:] if x.strip()]
    return next((x for x in reversed(parts) if addressee_kind(x) in KIND_OF_GOVERNMENT and x[:1].isupper()), None)


def _named_in_full(name: str, people: list[Person]) -> str | None:
    """A body a demand names in short ("the Council"), as the addressees' names and titles write it in
    full ("Riverside City Council"); None when it is only a word of an addressee's name; else as it is."""
    for text in (x for p in people for x in (p.title, p.name) if x):
        found = re.search(rf"(?:[A-Z][\w'’.-]*\s+){{0,4}}{re.escape(name)}(?!\w)", text, re.I)
        if found:
            full = found.group(0).strip()
            return full if full[:1].isupper() and len(full) > len(name) and full.lower() != text.lower() else None
    return name


# Addressees read from a salutation, an address line, a "To:" block or the headline. An addressee that
# data/governments.yaml does not know (a company, a university, a city council) is kept by its name.
# A greeting word may carry an inclusive ending after a slash, star, colon or in brackets:
# "Sehr geehrte/r", "Liebe*r", "geehrte:r", "Estimados/as", "Querid(a)s".
GENDER_ENDING = r"(?:[/*:·_(][^\W\d_]{1,3}\)?(?=[\s,:]))?"
GREETING = re.compile(rf"^[\W_]*{alternation('greeting')}{GENDER_ENDING}(?:[\s,:：]+|(?<=[^\x00-\x7f]))(?P<rest>\S.*)$",
                      re.I)
EMAIL = re.compile(r"<?[\w.+-]+@[\w-]+(?:\.[\w-]+)+>?")
HONORIFIC = re.compile(rf"^(?:{alternation('courtesy')}(?:\.|\b)\s*)+", re.I)
GENERIC = re.compile(rf"^(?:{alternation('generic_addressee')})\W*$", re.I)
# the words end a word ("carta abierta al", not "… a" + "l presidente"), unless they are in a script
# written without spaces ("致国务院")
HEADLINE_TO = re.compile(rf"(?<![A-Za-z]){alternation('open_letter_to')}(?:(?<=[^\x00-\u024f])|(?![^\W\d_]))"
                         r"\s*(?P<rest>\S.*)$", re.I)
SUFFIXED = re.compile(rf"^[\W_]*(?P<rest>\S.{{1,80}}?)\s*{alternation('addressee_suffix')}\W*$")
TO_LABEL = re.compile(r"^[\W_]*to\s*[:：]\s*(?P<rest>.*)$", re.I)
UNDERSCORE = re.compile(r"(?<!\w)_(?=\S)|(?<=\S)_(?!\w)")   # _ABC_ (emphasis) -> ABC


def addressees_from(rest: str, salutation: bool = True) -> list[Person]:
    # `salutation`: the words are known to name the addressee (a salutation or headline); else (a line
    # of the head) only a capitalised name is taken
    """The people or bodies one salutation, address line or headline names, each with its title and
    government where those are known: 'Mayor Lindgren and Riverton City Council' -> two addressees."""
    rest = UNDERSCORE.sub("", plain(rest))
    rest = EMAIL.sub("", rest).strip()   # "Ana Ruiz <ana@city.example>": the name; an address alone names nobody
    if ";" in rest:   # "Ms. Lena Park, CEO, X Ltd.; Mr. Omar Haddad, Chair, X Ltd.": one addressee each
        return [p for part in rest.split(";") if part.strip() for p in addressees_from(part, salutation)]
    person = HONORIFIC.sub("", rest).strip(" .*_\"'“”:,")
    if name_then_role(person):   # "Ms. Ana Lima, Minister of Justice, Republic of X": the role is the title
        title, name = split_title_name(person)
        return [Person(name, title, government_of([title or "", person]))]
    rest = re.split(r"[,:;!?，：；！]|\s[-–—]\s|\(", rest, maxsplit=1)[0].strip(" .*_\"'“”")
    rest = HONORIFIC.sub("", rest).strip()
    if not rest or len(rest) > 120 or GENERIC.match(rest):
        return []
    parts = [HONORIFIC.sub("", p).strip() for p in re.split(rf"\s+(?:{alternation('conjunction')}|&)\s+", rest)]
    if len(parts) < 2 or not all(p[:1].isupper() for p in parts):
        parts = [rest]
    people = []
    for part in parts:
        if not part or GENERIC.match(part) or (not salutation and not (part[:1].isupper() or not part[:1].isascii())):
            continue
        title, name = split_title_name(part)
        people.append(Person(name, title, government_of([part])))
    return people


def salutation_addressees(lines: list[Line], end: int | None) -> tuple[list[Person], int | None]:
    """The addressees a letter greets: its first salutation line and the salutation or address lines
    right after it ("Sehr geehrte Frau Berg, / sehr geehrter Herr Dr. Lind,"); else the address lines
    of its head ("An die Mitglieder des Senats,"), else a "To:" block."""
    for i, line in enumerate(lines[:end]):
        text = line.text.strip()
        if not text or len(text) > 400:
            continue
        greeted = SALUTATION.match(text) if len(text) < 160 or i + 1 < len(lines) else None
        to = TO_LABEL.match(text)
        if not greeted and not to:
            continue
        people: list[Person] = []
        if to:
            people = addressees_from(to.group("rest")) if to.group("rest") else _block(lines, i + 1)
        else:
            k = i
            while k < len(lines) and (k == i or SALUTATION.match(lines[k].text.strip())):
                m = GREETING.match(lines[k].text.strip())
                people += addressees_from(m.group("rest")) if m else []
                k += 1
        if people or not to:
            return people, line.no
    return [], None


def _block(lines: list[Line], start: int) -> list[Person]:
    """The addressees listed one a paragraph under a "To:" label, up to the first long paragraph."""
    people: list[Person] = []
    for line in lines[start: start + 40]:
        text = line.text.strip()
        if not text:
            continue
        if len(text) > 160 or standalone_date(text):
            break
        name, _, title = text.partition(",")
        people.append(Person(plain(name).strip(), plain(title).strip() or None, government_of([text])))
    return people


def head_addressees(lines: list[Line], end: int) -> tuple[list[Person], int | None]:
    """Address lines in the head: 'An die Mitglieder des Stadtrats,' or '市民会館 御中'."""
    for line in lines[:end]:
        text = line.text.strip()
        if not text or len(text) > 120:
            continue
        m = SUFFIXED.match(text)
        if m:
            return addressees_from(m.group("rest"), salutation=False), line.no
        m = GREETING.match(text) if text.endswith((",", ":", "，", "：")) else None
        if m:
            people = addressees_from(m.group("rest"), salutation=False)
            if people:
                return people, line.no
    return [], None


def headline_addressees(*headlines: str | None) -> list[Person]:
    """'An Open Letter to the University of Westmere', 'Lettre ouverte à la présidence de …', 'X 御中'."""
    for headline in headlines:
        m = (HEADLINE_TO.search(headline) or SUFFIXED.match(headline)) if headline else None
        if m and (found := addressees_from(m.group("rest"))):
            return found
    return []
