"""A synthetic archive for the benchmark and the scale tests: N letters, deterministic for a seed.

Letters are written the way the seeds are (address block, Re: line, salutation, "on behalf of N
organizations", demands as sentences or a numbered list, signature lists one name a line, grouped,
tab-separated or numbered), dated over 30 years, addressed to the governments and bodies of
data/governments.yaml, signed from a fixed pool of 2,000 organisations and 400 individuals; about
one in twelve is in Korean or Japanese. Each letter comes with the record it should give, so tests
can compare the extraction with the truth."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml
from letter_archive.link.permalinks import derive_id

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
COUNTRIES = [("South Korea", "KR"), ("Japan", "JP"), ("USA", "US"), ("UK", "GB"), ("Germany", "DE"),
             ("France", "FR"), ("Canada", "CA"), ("Australia", "AU"), ("Philippines", "PH"), ("India", "IN"),
             ("Thailand", "TH"), ("Indonesia", "ID"), ("Mongolia", "MN"), ("Brazil", "BR"), ("Kenya", "KE"),
             ("Nepal", "NP"), ("Switzerland", "CH"), ("Netherlands", "NL"), ("Belgium", "BE"), ("Norway", "NO")]
PLACES = ["Seoul", "Busan", "Tokyo", "Osaka", "Geneva", "London", "Berlin", "Manila", "Jakarta", "Bangkok",
          "Kathmandu", "Nairobi", "Toronto", "Sydney", "Delhi", "Paris", "Oslo", "Brussels", "Ulaanbaatar",
          "Hamburg", "Kyoto", "Incheon", "Gwangju", "Cebu", "Chiang Mai", "Lyon", "Leeds", "Melbourne",
          "Vancouver", "Mumbai", "Asia", "Pacific", "Global", "International", "Northeast Asia", "Korea",
          "Japan", "Europe", "Africa", "Open"]
CAUSES = ["Human Rights", "Refugee Rights", "Transitional Justice", "Press Freedom", "Religious Freedom",
          "Labour Rights", "Women's Rights", "Child Rights", "Disability Rights", "Democracy",
          "Accountability", "Peace", "Detainee Support", "Migrant Workers", "Food Security", "Free Expression",
          "Minority Rights", "Legal Aid", "Truth and Memory", "Civic Space", "Torture Prevention",
          "Abductee Families", "Digital Rights", "Indigenous Peoples", "Humanitarian Aid"]
KINDS = ["Coalition for", "Network for", "Alliance for", "Centre for", "Institute for", "Campaign for",
         "Committee for", "Foundation for", "Council for", "Association for", "Forum on", "Watch on"]
FIRST = ["Min-jun", "Seo-yeon", "Hiroshi", "Yuki", "Anna", "David", "Maria", "James", "Aiko", "Ji-ho",
         "Grace", "Peter", "Sophie", "Thomas", "Nadia", "Rahul", "Amara", "Lucas", "Elena", "Kenji"]
LAST = ["Kim", "Lee", "Park", "Tanaka", "Suzuki", "Smith", "Müller", "Dubois", "Nguyen", "Okafor",
        "Garcia", "Rossi", "Haddad", "Singh", "Yamamoto", "Choi", "Jung", "Brown", "Novak", "Sato"]
ROLES = ["Professor of Law", "Former UN Special Rapporteur", "Lawyer", "Journalist", "Researcher",
         "Former Ambassador", "Writer", "Physician", "Historian", "Pastor"]
ISSUES = ["political prison camps", "forced repatriation", "arbitrary detention", "enforced disappearances",
          "public executions", "forced labour", "restrictions on information", "the abduction of foreign nationals",
          "separated families", "torture in pre-trial detention", "the treatment of refugees", "food insecurity",
          "surveillance of journalists", "restrictions on religious practice", "violence against women in custody"]
ACTIONS = ["release every person held in", "end the practice of", "open an independent inquiry into",
           "publish full statistics on", "grant UN experts access to investigate", "make public the records of",
           "adopt a law prohibiting", "give the families of victims of", "raise at the next summit the issue of",
           "fund the documentation of"]
SYLLABLES = ["ka", "ri", "so", "mun", "tae", "jin", "hwa", "yo", "shi", "ra", "ban", "gok", "nam", "do", "sa",
             "won", "chon", "ma", "ru", "ten", "ko", "hae", "pyo", "sen", "dal", "mi", "bo", "gu"]
KO_GOVS = {"South Korea": "대한민국 대통령", "Japan": "일본 정부", "China": "중국 정부", "United States": "미국 대통령"}
JA_GOVS = {"Japan": "日本政府", "China": "中国政府", "South Korea": "韓国"}


@dataclass
class Synthetic:
    name: str       # file name in letters/
    text: str
    truth: dict     # what extraction should find: date, governments, claimed, listed, demands, language


def pools(seed: int = 0) -> tuple[list[tuple[str, str]], list[tuple[str, str, str]]]:
    """The fixed pool: 2,000 organisations (name, country code) and 400 individuals (name, role, code)."""
    rng = random.Random(seed)
    names = sorted({f"{p} {k} {c}" for p in PLACES for k in KINDS for c in CAUSES})
    orgs = [(name, rng.choice(COUNTRIES)[0]) for name in rng.sample(names, 2000)]
    people = sorted({f"{f} {last}" for f in FIRST for last in LAST})
    individuals = [(name, rng.choice(ROLES), rng.choice(COUNTRIES)[0]) for name in people]
    return orgs, individuals


def governments(data_dir: Path) -> list[dict]:
    return yaml.safe_load((data_dir / "governments.yaml").read_text(encoding="utf-8"))


# Words that would make random prose look like a demand, a signature or another kind of document.
LOADED_WORDS = {"we", "urge", "urged", "urges", "ask", "asked", "call", "calls", "called", "request", "requested",
                "demand", "demands", "encourage", "implore", "appeal", "recommend", "invite", "seek", "press",
                "release", "statement", "commentary", "sincerely", "signed", "signatories", "undersigned"}


@cache
def vocabulary() -> tuple[list[str], list[int]]:
    rows = [line.split() for line in (Path(__file__).parent / "vocabulary.txt").read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#")]
    rows = [(w, n) for w, n in rows if w not in LOADED_WORDS]
    return [w for w, _ in rows], [int(n) for _, n in rows]


@cache
def proper_names() -> list[str]:
    """20,000 names of places, camps and people that no dictionary has, always the same ones."""
    rng = random.Random(20000)
    names: dict[str, None] = {}
    while len(names) < 20000:
        names.setdefault("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize())
    return list(names)


def words(rng: random.Random, n: int) -> str:
    """Prose with the skew of real letters: words of the seed letters by their frequency, and one in
    eight a proper name, the names themselves Zipf-distributed (a few recur everywhere, most rarely)."""
    vocab, weights = vocabulary()
    out = rng.choices(vocab, weights=weights, k=n)
    return " ".join(made_up(rng, 1) if rng.random() < 0.12 else w for w in out)


def made_up(rng: random.Random, n: int) -> str:
    names = proper_names()
    # rank r drawn with probability ~ 1/r: the long tail of an archive's vocabulary
    return " ".join(names[min(len(names) - 1, int(math.exp(rng.random() * math.log(len(names)))) - 1)] for _ in range(n))


def paragraph(rng: random.Random, issue: str) -> str:
    sentences = [f"Reports from {words(rng, 2)} describe {issue} affecting {rng.randint(2, 900)} people since "
                 f"{rng.randint(1990, 2020)}.",
                 f"Survivors told researchers about {words(rng, rng.randint(8, 20))}.",
                 f"The evidence gathered in {rng.choice(PLACES)} and {words(rng, 1)} shows that {issue} continues.",
                 f"Independent monitors have documented {words(rng, rng.randint(6, 14))}."]
    return " ".join(rng.sample(sentences, rng.randint(2, 4)))


def signature_block(rng: random.Random, orgs: list, people: list) -> tuple[str, int]:
    layout = rng.choice(["grouped", "tabbed", "numbered", "plain"])
    if layout == "grouped" and people:
        lines = ["Signatories", "", f"Organizations ({len(orgs)})", ""]
        lines += [f"{name}, {country}" for name, country in orgs]
        lines += ["", f"Individuals ({len(people)})", ""]
        lines += [f"{name}, {role}, {country}" for name, role, country in people]
        return "\n".join(lines), len(orgs) + len(people)
    everyone = [(n, c) for n, c in orgs] + [(f"{n}, {r}", c) for n, r, c in people]
    if layout == "tabbed":
        return "\n".join(["Signatories", ""] + [f"{n}\t{c}" for n, c in everyone]), len(everyone)
    if layout == "numbered":
        return "\n".join(["Signatories", ""] + [f"{i}. {n} ({c})" for i, (n, c) in enumerate(everyone, 1)]), \
            len(everyone)
    return "\n".join(["Sincerely,", ""] + [f"{n}, {c}" for n, c in everyone]), len(everyone)


def english_letter(rng: random.Random, date: tuple[int, int, int], gov: dict, orgs: list, people: list) -> tuple[str, dict]:
    y, m, d = date
    issue = rng.choice(ISSUES)
    title_line = (gov.get("titles") or [f"Minister of Foreign Affairs of {gov['name']}"])[0]
    if gov["name"].startswith(("United Nations", "Office of", "World", "International", "European", "UNCTAD")):
        title_line = f"President of the {gov['name']}" if not gov.get("titles") else gov["titles"][0]
    person = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    n_demands = rng.randint(1, 6)
    demands: list[str] = []
    while len(demands) < n_demands:   # distinct: the extraction rightly merges a demand made twice
        demand = f"{rng.choice(ACTIONS)} {rng.choice(ISSUES)} in {words(rng, 1)}"
        demands += [demand] if demand not in demands else []
    count = len(orgs) + len(people)
    parts = [f"{MONTHS[m - 1]} {d}, {y}", "", person, title_line, "",
             f"Re: {made_up(rng, 2)}: joint letter on {issue} in {made_up(rng, 1)}", "",
             f"Dear {title_line.split(' of ')[0]},", "",
             f"We are writing on behalf of {count} organizations and individuals to raise our concern about {issue}.",
             ""]
    for _ in range(rng.randint(2, 6)):
        parts += [paragraph(rng, issue), ""]
    if n_demands > 1 and rng.random() < 0.5:
        parts += ["We therefore urge you to:", ""] + [f"{i}. {dm[0].upper()}{dm[1:]};" for i, dm in
                                                       enumerate(demands, 1)] + [""]
    else:
        for dm in demands:
            parts += [f"{paragraph(rng, issue)} We urge you to {dm}.", ""]
    parts += ["Thank you for your attention to this matter.", ""]
    block, listed = signature_block(rng, orgs, people)
    if not block.startswith("Sincerely"):
        parts += ["Sincerely,", ""]
    parts += [block, ""]
    truth = {"date": f"{y:04d}-{m:02d}-{d:02d}", "governments": [gov["name"]], "claimed": count,
             "listed": listed, "demands": n_demands, "language": "en"}
    return "\n".join(parts), truth


def cjk_letter(rng: random.Random, date: tuple[int, int, int], lang: str, orgs: list) -> tuple[str, dict]:
    y, m, d = date
    table = KO_GOVS if lang == "ko" else JA_GOVS
    gov = rng.choice(sorted(table))
    rare = words(rng, 3)
    if lang == "ko":
        parts = [f"{y}년 {m}월 {d}일", "", f"{table[gov]} 귀하", "", f"제목: {rare} 인권 상황에 관한 공동 서한", "",
                 f"우리 {len(orgs)}개 단체는 {rare} 지역의 인권 상황에 깊은 우려를 표합니다.", "",
                 f"{rng.randint(2, 900)}명의 피해자가 {rare} 수용소에서 고통받고 있습니다.", "",
                 "정부는 모든 정치범을 즉시 석방할 것을 촉구합니다.", "", "서명 단체", ""]
    else:
        parts = [f"{y}年{m}月{d}日", "", f"{table[gov]} 御中", "", f"件名: {rare} の人権状況に関する共同書簡", "",
                 f"私たち{len(orgs)}団体は、{rare} における人権侵害に深い懸念を表明します。", "",
                 f"{rng.randint(2, 900)}人の被害者が {rare} の収容所で苦しんでいます。", "",
                 "すべての政治犯の即時釈放を求めます。", "", "支持者一覧", ""]
    parts += [f"{name}, {country}" for name, country in orgs] + [""]
    truth = {"date": f"{y:04d}-{m:02d}-{d:02d}", "governments": [gov], "claimed": len(orgs),
             "listed": len(orgs), "demands": 1, "language": lang}
    return "\n".join(parts), truth


def generate(n: int, data_dir: Path, seed: int = 1) -> list[Synthetic]:
    """N letters; the same n and seed always give the same files."""
    rng = random.Random(seed)
    org_pool, person_pool = pools()
    govs = governments(data_dir)
    letters: list[Synthetic] = []
    ids: set[str] = set()
    i = 0
    while len(letters) < n:
        i += 1
        date = (rng.randint(1995, 2024), rng.randint(1, 12), rng.randint(1, 28))
        size = min(300, max(5, int(rng.lognormvariate(3.2, 0.9))))          # 5-300, most around 25
        n_people = rng.randint(0, size // 4) if rng.random() < 0.6 else 0
        orgs = rng.sample(org_pool, size - n_people)
        people = rng.sample(person_pool, n_people)
        roll = rng.random()
        if roll < 0.05:
            text, truth = cjk_letter(rng, date, "ko", orgs)
        elif roll < 0.08:
            text, truth = cjk_letter(rng, date, "ja", orgs)
        else:
            text, truth = english_letter(rng, date, rng.choice(govs), orgs, people)
        rid = derive_id(truth["date"], _title(text), "")
        if rid in ids:   # two letters the same day with the same first title words: an id clash, as in
            continue     # a real archive; `letters build` would rightly stop, so draw this letter again
        ids.add(rid)
        name = f"{truth['date']}-synthetic-{i:05d}.txt"
        letters.append(Synthetic(name, text, truth))
    return letters


def _title(text: str) -> str:
    return next((line.split(":", 1)[1].strip() for line in text.splitlines() if line.startswith(("Re:", "제목:", "件名:"))), "")


def write(letters: list[Synthetic], letters_dir: Path) -> None:
    letters_dir.mkdir(parents=True, exist_ok=True)
    for letter in letters:
        (letters_dir / letter.name).write_text(letter.text, encoding="utf-8")
