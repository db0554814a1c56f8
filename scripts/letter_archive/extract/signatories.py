"""Signatories: read the chosen signature block into groups and entries (Name, Country / Name<TAB>Country /
bare names / numbered table rows / bullets), and count what the text claims and what it lists."""


from __future__ import annotations

import re
from itertools import pairwise

from ..model import UNNAMED_GROUP, Group, Record, Signatory, Signatures
from ..places import country_code
from .counts import COUNT_HEADING, SIGNATURES_NEAR, claimed_count, count_heading, count_under_closing
from .entries import (
    BARE_NUMBER,
    BULLET,
    GROUP_LABEL,
    LIST_END,
    NOTE_START,
    ORG_WORDS,
    PERSON_NAME,
    ROLE,
    ROLE_IN,
    SENTENCE,
    START,
    THEMATIC_BREAK,
    TIER,
    ListedGroup,
    classify,
    dash_separates_people,
    group_header,
    is_heading,
    looks_like_entry,
    not_a_signer,
    parse_entry,
    row_entry,
    sentence_like,
    strip_marks,
)
from .lines import Line, SignatureLines, paragraphs
from .runon import from_block, run_on_list, signed_run
from .sections import name_line
from .text import plain


def read_section(lines: list[Line], span: tuple[int, int] | None
                 ) -> tuple[list[ListedGroup], Line | None, list[int]]:
    """The groups of the signature list (an unnamed group when there are no headers), the line of
    its first entry, and the lines of all its headers. Each line is checked: what is no signer
    (markup, links, addresses, contact lines, blanks for a name, dates) is left out; a role under a
    name joins it ("CEO, Open Rivers"); a heading over entries, or a line opening a further
    tier, starts a group; a call for more signatures, a copyright line or a heading over no entries
    ends the list."""
    if span is None:
        return [], None, []
    start, end = span
    groups: list[ListedGroup] = []
    current = ListedGroup(UNNAMED_GROUP, None)
    blank_before = True
    first_line = None
    last_named = False     # the line before (blank lines aside) was a name that a role may follow
    bullets = 0
    last_bullet = False
    absorb_until = 0       # lines up to here belong to the signer above (a name, a role, an organisation)
    headings: list[int] = []
    entries = lines[start:end]
    list_numbered = _list_numbers(entries)   # the lines whose bare leading number is the list's own
    dash_splits = dash_separates_people([x.text.strip() for x in entries if x.text.strip()][:60])
    signer_blocks = _one_signer_a_paragraph(entries)
    prev_text = ""         # the line the last entry was read from
    # in a numbered list, an entry's own number is no house number ("168 Harbour Road Services")
    numbered_list = _in_sequence([int(m.group(1)) for x in entries if (m := ENTRY_NUMBER.match(x.text.strip()))])
    for n, line in enumerate(entries):
        index = start + n
        text = line.text.strip()
        if not text:
            blank_before = True
            continue
        if text.startswith("|") and text.endswith("|"):
            text = _table_row(text, entries, n)
            if not text:
                continue
        bullet = bool(BULLET.match(text))
        bullets += bullet
        low = text.lower()
        if not bullet and (LIST_END.search(low) or NOTE_START.match(low) or (current.names and is_heading(text)
                                                     and not _entries_follow(entries, n + 1))):
            break
        if not bullet and bullets >= 3 and len(text.split()) >= 8 and SENTENCE.search(text):
            break   # a note after a bulleted list: the list is over
        if THEMATIC_BREAK.match(text) and (current.names or groups) and not _group_follows(entries, n + 1):
            break   # a rule after the names closes the list: what follows is an appendix, a glossary, a footer
        header = group_header(text)
        if header and header[1] is None and not blank_before and current.names and not text.endswith(":") \
                and not is_heading(text) and not (len(text.split()) <= 2 and GROUP_LABEL.match(strip_marks(text))):
            # "Coalition of Community Organizations" amid names, no break before it, is a name; a line
            # that is only a kind of signer ("Individuals", two words at most) heads a group even there (a PDF
            # drops blank lines)
            header = None
        header = header or _tier_or_heading(text, entries, n + 1)
        if header:
            if current.names or current.label != UNNAMED_GROUP or current.claimed is not None:
                groups.append(current)
            current = ListedGroup(header[0], header[1], heading=index)
            headings.append(index)
            blank_before = True
            last_named = False
            continue
        if not_a_signer(ENTRY_NUMBER.sub("", text, count=1) if numbered_list else text, bullet) or \
                (is_heading(text) and not _bold_name_over_role(text, entries, n + 1)):
            continue
        if current.names and last_named and not blank_before and not BULLET.match(text) and _inside_brackets(prev_text, text):
            # a name wrapped inside its brackets: "Open Rivers (Open Rivers and" / "Water Initiative)",
            # "Valley Radio Service" / "(VRS.fm)": one entry, read again whole
            prev_text = f"{prev_text} {text}"
            entry = parse_entry(prev_text, current.label)
            if entry is not None:
                current.names[-1] = entry
            continue
        if not bullet and current.names and last_named and not blank_before and last_bullet:
            prev = current.names[-1]   # a bullet's entry wrapped onto a line of its own
            more = strip_marks(text)
            prev.affiliation = f"{prev.affiliation} {more}" if prev.affiliation else more
            blank_before = False
            continue
        last_bullet = bullet
        if not bullet and current.names and (n < absorb_until or (last_named and (
                _is_role(text, entries, n) or (signer_blocks and not blank_before)))):
            prev = current.names[-1]
            role = strip_marks(text)
            prev.affiliation = f"{prev.affiliation}; {role}" if prev.affiliation else role
            prev.type = classify(prev.name, prev.affiliation, current.label)   # a name with a role is a person's
            if n >= absorb_until:
                absorb_until = _short_block_end(entries, n)
            last_named = False
            blank_before = False
            continue
        added = False
        numbered = ENTRY_NUMBER.match(text)
        for k, piece in enumerate(split_joined(text)):
            entry = parse_entry(piece, current.label, numbered=k == 0 and n in list_numbered, dash_splits=dash_splits)
            if entry is None:
                continue
            first_line = first_line or line
            if not blank_before and _may_continue(current.names, text):
                current.wrapped.append(len(current.names))
            current.names.append(entry)
            current.lines.append(index)
            current.numbers.append(int(numbered.group(1)) if numbered and not added else None)
            current.after_blank.append(blank_before)
            added = True
            prev_text = text
        if added and is_heading(text) and (under := _bold_name_over_role(text, entries, n + 1)):
            absorb_until = n + 1 + under   # the lines under a bold name are its role and organisation
        last_named = added
        blank_before = False
    groups.append(current)
    groups = [g for g in groups if g.names or g.claimed is not None]
    for group in groups:
        _numbered_gaps(group)
        _merge_wrapped(group)
        _drop_translations(group)
    return groups, first_line, headings


def _list_numbers(entries: list[Line]) -> set[int]:
    """The lines (indexes into `entries`) whose bare leading number is the list's own: the number goes
    on from the previous line that starts with a bare number, or on to the next one (1, 2, 3 …).
    A number that does neither is part of a name: "1950 Harbour Families Association"
    among unnumbered names, "350 Climate Network" after "12 Greenpeace"."""
    found = [(n, int(m.group(1))) for n, line in enumerate(entries)
             if (m := BARE_NUMBER.match(line.text)) and not BULLET.match(line.text)]
    numbered: set[int] = set()
    for (a, x), (b, y) in pairwise(found):
        if y == x + 1:
            numbered |= {a, b}
    return numbered


TABLE_RULE = re.compile(r"^\|[\s:|-]+\|$")


def _table_row(text: str, entries: list[Line], n: int) -> str:
    """A Markdown table's row as an entry: its cells tab-separated, a numbering cell dropped; the rule
    under the header, and the header itself, are no entry."""
    nxt = entries[n + 1].text.strip() if n + 1 < len(entries) else ""
    if TABLE_RULE.match(text) or TABLE_RULE.match(nxt):
        return ""
    return row_entry([c.strip() for c in text.strip("|").split("|")])


def _entries_follow(entries: list[Line], k: int) -> bool:
    """The next lines (up to three, blank lines aside) are mostly entries, not prose or headings."""
    nxt = [x.text.strip() for x in entries[k: k + 8] if x.text.strip()][:3]
    good = [t for t in nxt if not is_heading(t) and len(t) <= 300 and looks_like_entry(strip_marks(t))
            and not sentence_like(strip_marks(t))]
    return len(good) >= min(2, len(nxt)) and bool(good)


def _bold_name_over_role(text: str, entries: list[Line], k: int) -> int:
    """A bold name over one or two lines of its role, then a blank line ("**Jo Roe**" / "Director,
    Rural Health Alliance"): a signer, not a heading, unless the bold words are a kind of signer. The
    number of role lines under it (they belong to it), or 0 when it is no such name."""
    if text.startswith("#") or group_header(text) or not name_line(strip_marks(text).rstrip(":")):
        return 0
    under = 0
    for line in entries[k:k + 4]:
        if not line.text.strip():
            break
        if is_heading(line.text.strip()):
            return 0
        under += 1
    return under if 1 <= under <= 2 else 0


def _tier_or_heading(text: str, entries: list[Line], k: int) -> tuple[str, int | None] | None:
    """A line opening a further tier ("Also signed by:"), a count heading, or a heading over entries:
    a group, labelled with its words (the count heading's number is that group's claim)."""
    if len(text) > 120:
        return None
    if "," in text and not text.endswith((":", "：")):
        return None   # "Name, affiliation": an entry, not a heading (the common case, decided cheaply)
    if COUNT_HEADING.match(text):
        return UNNAMED_GROUP, count_heading(text)
    if TIER.match(text) or START.match(text) or (is_heading(text) and _entries_follow(entries, k)
                                                 and not _bold_name_over_role(text, entries, k)):
        label = strip_marks(text.lstrip("#").strip()).strip(" :：")
        return (label or UNNAMED_GROUP), None
    return None


def _group_follows(entries: list[Line], k: int) -> bool:
    """The next line (blank lines aside) heads a further group of signers."""
    nxt = next((x.text.strip() for x in entries[k:k + 6] if x.text.strip()), "")
    return bool(nxt) and (bool(group_header(nxt)) or bool(TIER.match(nxt)) or is_heading(nxt))


def _one_signer_a_paragraph(entries: list[Line]) -> bool:
    """Signers set one to a paragraph of two to four lines, a name over a role and an organisation
    ("Jane Roe" / "Executive Director" / "Harbour Rights Group"), known by most paragraphs' second line
    being a role: then every paragraph is one signer, its role one the role words do not know too
    ("Policy Lead")."""
    pars = paragraphs(entries[:SAMPLE_LINES])
    if len(pars) < 2 or not all(2 <= len(par) <= 4 for par in pars):
        return False
    people = sum(1 for par in pars if PERSON_NAME.match(name := strip_marks(par[0].text.strip())) and not ORG_WORDS.search(name))
    roles = sum(1 for par in pars if ROLE.match(strip_marks(par[1].text.strip()).lower())
                or ROLE_IN.search(strip_marks(par[1].text.strip()).lower()))
    return people * 3 >= 2 * len(pars) and roles * 3 >= 2 * len(pars)


SAMPLE_LINES = 80   # a list's shape shows in its first lines


def _short_block_end(entries: list[Line], n: int) -> int:
    """Where the paragraph of line `n` ends, when that paragraph is one signer's block (a name, a role
    and perhaps an organisation: four lines at most); else `n` (nothing more to take)."""
    start = n
    while start > 0 and entries[start - 1].text.strip():
        start -= 1
    end = n
    while end < len(entries) and entries[end].text.strip():
        end += 1
    return end if end - start <= 4 else n


def _is_role(text: str, entries: list[Line], n: int) -> bool:
    """A role under a name: it starts with a role word, or it names a role and closes its block."""
    clean = strip_marks(text).lower()
    if "," in clean and clean.count(" ", 0, clean.index(",")) > 2:
        return False   # "Westmere Association for Digital Rights, Canada": a name with its place, not a role
    if ROLE.match(clean):
        return True
    last_of_block = n + 1 >= len(entries) or not entries[n + 1].text.strip()
    return last_of_block and "," not in clean and len(clean.split()) <= 6 and bool(ROLE_IN.search(clean))


def _script(text: str) -> str:
    letters = [c for c in text if c.isalpha()]
    latin = sum(c.isascii() or "\u00c0" <= c <= "\u024f" for c in letters)
    return "latin" if letters and latin * 2 >= len(letters) else "other"


def _drop_translations(group: ListedGroup) -> None:
    """A bilingual list gives each name twice, in two scripts, one after the other: keep the first."""
    names = group.names
    if len(names) < 4 or len(names) % 2 or _script(names[0].name) == _script(names[1].name):
        return
    scripts = [_script(x.name) for x in names]
    if all(scripts[i] == scripts[0] and scripts[i + 1] != scripts[0] for i in range(0, len(names), 2)):
        group.names = names[::2]
        group.lines = group.lines[::2]


def split_joined(text: str) -> list[str]:
    """'Olvid (France)OpenCloud (Germany)': two entries pasted together without a break."""
    pieces = [p for p in re.split(r"(?<=\))(?=[A-Z][a-z])", text) if p.strip()]
    # only where each piece ends in a country: "Jason Jin (金凯)Computer Engineer" is one entry
    if len(pieces) > 1 and all(country_code(m.group(1)) for p in pieces[:-1]
                               for m in [re.search(r"\(([^()]*)\)\s*$", p)] if m):
        return pieces
    return [text]


def _may_continue(names: list[Signatory], text: str) -> bool:
    if not names:
        return False
    prev = names[-1]
    first_word = text.split()[0]
    return prev.country is None and len(prev.name) + len(prev.affiliation or "") > 50 and (
        first_word.endswith(("ed", "ing")) or first_word[:1].islower())


ENTRY_NUMBER = re.compile(r"^(\d{1,4})(?:[.)]?\s|\t)")


def _inside_brackets(prev: str, text: str) -> bool:
    """The line goes on inside the brackets of the entry above: that one opens a bracket it does not
    close, or this one starts with one, or closes one it did not open."""
    return prev.count("(") > prev.count(")") or text.startswith("(") or text.count(")") > text.count("(")


def _in_sequence(numbers: list[int]) -> bool:
    """Numbers at the start of a list's lines that count up one by one, four steps or more and most of
    them (a house number among them aside): a numbered list."""
    steps = sum(b == a + 1 for a, b in zip(numbers, numbers[1:], strict=False))
    return steps >= 4 and steps >= 0.6 * (len(numbers) - 1)


def _numbered_gaps(group: ListedGroup) -> None:
    """A list numbered 1, 2, 3 … has no unnumbered entry between two that follow each other (n, n+1):
    a line right under entry n continues it (a name wrapped onto a second line); after a blank line,
    it is something the layout set there (an address, a note) and is left out."""
    nums = group.numbers
    if not _in_sequence([n for n in nums if n is not None]):
        return
    keep: list[int] = []
    last = None                # index of the last numbered entry kept
    continuing = False
    for i, n in enumerate(nums):
        if n is not None:
            keep.append(i)
            last, continuing = i, True
            continue
        nxt = next((m for m in nums[i + 1:] if m is not None), None)
        if last is None or nxt != nums[last] + 1:
            keep.append(i)
            continuing = False
            continue
        if continuing and not group.after_blank[i]:
            prev, cont = group.names[last], group.names[i]
            tail = ", ".join(x for x in (cont.name, cont.affiliation) if x)
            if prev.affiliation:
                prev.affiliation = f"{prev.affiliation} {tail}"
            else:
                prev.name = f"{prev.name} {tail}"
            continue
        continuing = False
    if len(keep) == len(nums):
        return
    index = {old: new for new, old in enumerate(keep)}
    group.wrapped = [index[i] for i in group.wrapped if i in index]
    for attr in ("names", "lines", "numbers", "after_blank"):
        values = getattr(group, attr)
        setattr(group, attr, [values[i] for i in keep])


def _merge_wrapped(group: ListedGroup) -> None:
    """Join entries wrapped onto a second line, only as many as the group's own count says."""
    if group.claimed is None:
        excess = 0
        wrapped = [i for i in group.wrapped if group.names[i].name[:1].islower()]
    else:
        excess = len(group.names) - group.claimed
        wrapped = group.wrapped[:excess] if excess > 0 else []
    for i in sorted(wrapped, reverse=True):
        prev, cont = group.names[i - 1], group.names[i]
        tail = ", ".join(x for x in (cont.name, cont.affiliation) if x)
        if prev.affiliation:
            prev.affiliation = f"{prev.affiliation} {tail}"
        else:
            prev.name = f"{prev.name} {tail}"
        prev.country = cont.country
        del group.names[i]
        del group.lines[i]


def extract_signatories(record: Record, lines: list[Line], where: dict,
                        span: tuple[int, int] | None) -> SignatureLines | None:
    """Reads record.signatories; returns where the list's entries and headings are in `lines` (None
    when the names are not each on a line of the list, as in a list written as one sentence)."""
    closing = next((i for i, x in enumerate(lines) if START.match(x.text.strip())), len(lines))
    # the count may sign the letter itself: "Signed, / 486 tech workers"
    intro = "\n".join(x.text for x in lines[:closing + 4])
    claimed, parts, phrase = claimed_count(plain(intro))
    if claimed is None:   # a heading that counts them: "### 1312 signataires"
        claimed = next((n for x in lines if (n := count_heading(x.text)) is not None), None)
        phrase = f"{claimed}" if claimed is not None else None
    if claimed is None:   # the line under the closing says how many sign: it heads the list, no signer
        claimed, phrase, at = count_under_closing(lines, closing)
        if at is not None and span and span[0] <= at < span[1] and not any(x.text.strip() for x in lines[span[0]:at]):
            span = (at + 1, span[1])
    if claimed is None and span:
        # beside the list's heading: "In addition to the 60 public signatures, 91 staff signed anonymously"
        near = "\n".join(x.text for x in lines[max(0, span[0] - 3): span[0] + 4])
        if m := SIGNATURES_NEAR.search(plain(near)):
            claimed, phrase = int(re.sub(r"\D", "", m.group(1))), m.group(0)
    groups, first, headings = read_section(lines, span)
    layout = SignatureLines([i for g in groups for i in g.lines], [g.heading for g in groups], headings)
    if not groups and (run_on := run_on_list(lines, claimed)):
        groups, first, layout = [run_on[0]], run_on[1], None
    if not groups and (signed := signed_run(lines)):
        groups, first, layout = [signed[0]], signed[1], None
        if claimed is None and signed[2] is not None:
            claimed, phrase = signed[2], f"{signed[2]}"
    if not groups and (sender := from_block(lines)):
        groups, first, layout = [ListedGroup(UNNAMED_GROUP, None, [sender[0]])], sender[1], None
    # a total stated in the text, split by kind, gives each unnumbered group its own claim
    if parts and len(groups) > 1 and all(g.claimed is None for g in groups):
        for group in groups:
            key = "individuals" if "individual" in group.label.lower() else "organizations"
            group.claimed = parts.get(key) if key in parts and len(parts) > 1 else None
    if claimed is None and groups and all(g.claimed is not None for g in groups):
        claimed = sum(g.claimed for g in groups)
    record.signatories = Signatures(claimed, [Group(g.label, g.claimed, g.names) for g in groups])
    where["signatories"] = first.no if first else None
    where["claimed"] = next((x.no for x in lines if phrase and phrase.split()[0] in x.text), None) if phrase else None
    return layout
