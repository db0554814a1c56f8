"""The document as one typed tree of blocks, whatever its format: headings, paragraphs, quotes, code,
lists (with nested items), tables (rows, cells, the header), rules, images, link-reference
definitions, comments, HTML, another generator's front matter, and the page furniture cleaning took
out. Each block knows its lines: `start`/`end` index the cleaned lines extraction reads (`end`
exclusive), `first_no`/`last_no` are the file's line numbers, `page` the page of a paged document.

Every reader already gives numbered lines (a PDF's, a Word file's, an e-mail's, a web page's, as
text); the tree is built from those lines, so it is the same for every format. Markdown syntax is read
by a real parser, markdown-it-py (CommonMark, with its table rule), on the block level only (no inline
parsing: a letter's emphasis and links say nothing about its structure, and skipping them halves the
cost). Plain-text shapes are Markdown's shapes once their marks are spelt as Markdown spells them, on
a copy of the text made for the parser (one line for one line, so the parser's line map is the lines'):
"•", "▪" or "(1)" and "1 -" before an item are list marks; consecutive lines with tabs between cells
(how HTML, Word and ODT tables reach the text) are a table without a header. Indented code is off: a
letter's indented lines are lines of the letter, not a program.

`build_tree(lines)` reads only `.no` and `.text` of each line (extract/lines.py's `Line`), so this
module imports no stage. Roles (what each block is in the letter: dateline, salutation, body, closing,
signature block …) are assigned in extract/segments.py; the field readers that read the tree name it
(README, "Extraction, in the order of the pipeline")."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import ClassVar, Protocol

from markdown_it import MarkdownIt


class LineLike(Protocol):
    @property
    def no(self) -> int | None: ...
    @property
    def text(self) -> str: ...


@dataclass(slots=True)
class Block:
    """A block of the document. `kind` names its type; subclasses carry what the kind has."""

    kind: ClassVar[str] = "block"
    start: int                       # its first line, an index into the cleaned lines
    end: int                         # the index after its last line
    first_no: int | None = None      # the file's line numbers of its first and last line (None: not traceable)
    last_no: int | None = None
    page: int | None = None          # its page, in a paged document (PDF, or Word/ODT with page breaks)
    children: list[Block] = field(default_factory=list)

    def walk(self) -> Iterator[Block]:
        """This block and every block inside it, in document order."""
        yield self
        for child in self.children:
            yield from child.walk()

    def texts(self, lines: Sequence[LineLike]) -> list[str]:
        """The text of its lines, blank lines left out."""
        return [x.text for x in lines[self.start:self.end] if x.text.strip()]


@dataclass(slots=True)
class Heading(Block):
    kind: ClassVar[str] = "heading"
    level: int = 1
    text: str = ""


@dataclass(slots=True)
class Paragraph(Block):
    kind: ClassVar[str] = "paragraph"


@dataclass(slots=True)
class Quote(Block):
    kind: ClassVar[str] = "quote"


@dataclass(slots=True)
class Code(Block):
    kind: ClassVar[str] = "code"
    info: str = ""                   # a fence's info string ("python")


@dataclass(slots=True)
class ListBlock(Block):
    """A list; its children are its items (`Item`), an item's children the blocks it holds, a nested
    list among them."""

    kind: ClassVar[str] = "list"
    ordered: bool = False
    depth: int = 0                   # 0: a list of the document; 1: a list inside an item, …

    @property
    def items(self) -> list[Item]:
        return [c for c in self.children if isinstance(c, Item)]


@dataclass(slots=True)
class Item(Block):
    kind: ClassVar[str] = "item"
    marker: str = ""                 # "-", "*", "1." as written (after the parser's spelling of "•", "(1)" …)


@dataclass(slots=True)
class Table(Block):
    """A table; its children are its rows (`Row`), the header first when it has one."""

    kind: ClassVar[str] = "table"
    header: Row | None = None

    @property
    def rows(self) -> list[Row]:
        """The rows under the header."""
        return [c for c in self.children if isinstance(c, Row) and c is not self.header]


@dataclass(slots=True)
class Row(Block):
    kind: ClassVar[str] = "row"
    cells: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Rule(Block):
    kind: ClassVar[str] = "rule"


@dataclass(slots=True)
class Image(Block):
    kind: ClassVar[str] = "image"
    alt: str = ""


@dataclass(slots=True)
class Reference(Block):
    """A link-reference definition: `[label]: https://…`."""

    kind: ClassVar[str] = "reference"
    label: str = ""


@dataclass(slots=True)
class Comment(Block):
    kind: ClassVar[str] = "comment"


@dataclass(slots=True)
class Html(Block):
    """HTML the reader left as it was (a tag or two in a Markdown letter; a page with more HTML is read
    by the HTML reader before the tree is built)."""

    kind: ClassVar[str] = "html"


@dataclass(slots=True)
class FrontMatter(Block):
    """Another generator's front matter left at the top of the text: Hugo's TOML between `+++` lines, or
    a YAML block between `---` lines that was not the editor's (the editor's is read, and gone, before)."""

    kind: ClassVar[str] = "front matter"
    generator: str = ""              # "toml" or "yaml"


@dataclass(slots=True)
class Furniture(Block):
    """Lines cleaning took out (a letterhead, a page's running header or footer): not in the cleaned
    lines, so `start == end`, the place they were taken from; their file lines are kept."""

    kind: ClassVar[str] = "furniture"
    reason: str = ""


@dataclass
class Tree:
    blocks: list[Block]              # the document's blocks, in order (a list's items are its children)

    def walk(self) -> Iterator[Block]:
        for block in self.blocks:
            yield from block.walk()

    def of_kind(self, kind: type[Block]) -> list[Block]:
        return [b for b in self.walk() if isinstance(b, kind)]

    def lists(self) -> list[ListBlock]:
        """The lists of the document, not those nested in another list's items."""
        return [b for b in self.walk() if isinstance(b, ListBlock) and b.depth == 0]

    def tables(self) -> list[Table]:
        return [b for b in self.walk() if isinstance(b, Table)]


# --- building it ---------------------------------------------------------------------------------

# Block level only; setext headings ("Signatories" over "======") are found after the parse (setext_headings):
# the parser's own rule reads every paragraph twice, a fifth of its time on a letter
PARSER = MarkdownIt("commonmark", {"html": True}).enable("table").disable(["code", "lheading", "inline", "text_join"])
PARSER_NO_TABLE = MarkdownIt("commonmark", {"html": True}).disable(["code", "lheading", "inline", "text_join"])
MAX_CELLS = 100   # a row of more cells is no letter's table: its text is read without the table rule (it costs
                  # a second per 100,000 cells)

# List marks of plain text and converted documents that Markdown spells otherwise
OTHER_BULLET = re.compile(r"^(\s*)(?:[•·▪◦‣●○■□➢►✓\uf0b7\uf0a7\uf076\uf0d8\uf0fc]\s*)(?=\S)")
OTHER_NUMBER = re.compile(r"^(\s*)(?:\((\d{1,4})\)\s+|(\d{1,4})\s+[-–—]\s+|(\d{1,4})\t)(?=\S)")
FRONT_FENCE = {"+++": "toml", "---": "yaml"}
YAML_KEY = re.compile(r"^[\w-]+:(?:\s|$)")
IMAGE = re.compile(r"^\s*!\[([^\]\n]*)\]\([^()\n]*\)\s*$|^\s*!\[([^\]\n]*)\]\s*(?:\[[^\]\n]*\])?\s*$")
REFERENCE = re.compile(r"^\s{0,3}\[([^\]\n]+)\]:\s*\S")


def _for_parser(text: str) -> str:
    """A line as Markdown would write it: other list marks as "- " or "1. "."""
    if not text or text[0] not in "•·▪◦‣●○■□➢►✓\uf0b7\uf0a7\uf076\uf0d8\uf0fc( \t0123456789":
        return text   # most lines: nothing to rewrite
    m = OTHER_BULLET.match(text)
    if m:
        return f"{m.group(1)}- {text[m.end():]}"
    m = OTHER_NUMBER.match(text)
    if m:
        return f"{m.group(1)}{m.group(2) or m.group(3) or m.group(4)}. {text[m.end():]}"
    return text


def _front_matter(lines: Sequence[LineLike]) -> tuple[int, str]:
    """How many lines at the top are another generator's front matter (0: none), and its language."""
    first = next((i for i, x in enumerate(lines[:5]) if x.text.strip()), None)
    if first is None or lines[first].text.strip() not in FRONT_FENCE:
        return 0, ""
    fence = lines[first].text.strip()
    for k in range(first + 1, min(len(lines), first + 200)):
        if lines[k].text.strip() == fence:
            body = [x.text for x in lines[first + 1:k] if x.text.strip()]
            if fence == "---" and not (body and all(YAML_KEY.match(t) or t[:1] in " \t-" for t in body)):
                return 0, ""   # a rule, not a block of keys
            return (k + 1, FRONT_FENCE[fence]) if body else (0, "")
    return 0, ""


class _Builder:
    def __init__(self, lines: Sequence[LineLike], page_starts: Sequence[int]) -> None:
        self.lines = lines
        self.page_starts = page_starts

    def make(self, cls: type[Block], start: int, end: int, **kw: object) -> Block:
        lines = self.lines
        end = max(end, start)
        last = end - 1
        while last > start and not lines[last].text.strip():
            last -= 1    # a list item's map runs over the blank line after it; its last line is the last filled one
        first_no = lines[start].no if start < len(lines) else None
        last_no = lines[last].no if start <= last < len(lines) else first_no
        page = None
        if self.page_starts and first_no:
            page = bisect_right(self.page_starts, first_no) or 1
        return cls(start, end, first_no, last_no, page, **kw)

    def blocks(self, tokens: list, offset: int) -> list[Block]:
        """The blocks of a token stream (the tokens of one level and everything nested in them)."""
        out: list[Block] = []
        i = 0
        n = len(tokens)
        while i < n:
            tok = tokens[i]
            kind = tok.type
            if tok.nesting == 1:   # find its closing token
                depth, j = 1, i + 1
                while depth:
                    depth += tokens[j].nesting
                    j += 1
                inner = tokens[i + 1: j - 1]
                out.append(self.nested(tok, inner, offset))
                i = j
                continue
            if tok.map:
                a, b = tok.map[0] + offset, tok.map[1] + offset
                if kind == "hr":
                    out.append(self.make(Rule, a, b))
                elif kind == "fence":
                    out.append(self.make(Code, a, b, info=tok.info.strip()))
                elif kind == "html_block":
                    cls = Comment if tok.content.lstrip().startswith("<!--") else Html
                    out.append(self.make(cls, a, b))
            i += 1
        return out

    def nested(self, tok, inner: list, offset: int, depth: int = 0) -> Block:
        a, b = (tok.map[0] + offset, tok.map[1] + offset) if tok.map else (0, 0)
        kind = tok.type
        if kind == "paragraph_open":
            content = inner[0].content if inner else ""
            m = IMAGE.match(content) if content[:2] == "![" or content.lstrip()[:2] == "![" else None
            if m:
                return self.make(Image, a, b, alt=m.group(1) if m.group(1) is not None else m.group(2) or "")
            if b - a >= 2 and all("\t" in t.strip() for t in content.split("\n")):
                return self._tab_table(a, b)
            return self.make(Paragraph, a, b)
        if kind == "heading_open":
            return self.make(Heading, a, b, level=int(tok.tag[1]), text=inner[0].content.strip() if inner else "")
        if kind == "blockquote_open":
            return self.make(Quote, a, b, children=self.blocks(inner, offset))
        if kind in ("bullet_list_open", "ordered_list_open"):
            block = self.make(ListBlock, a, b, ordered=kind == "ordered_list_open")
            block.children = self.blocks(inner, offset)
            return block
        if kind == "list_item_open":
            marker = tok.markup if tok.markup in "-*+" else f"{tok.info}{tok.markup}"
            return self.make(Item, a, b, marker=marker, children=self.blocks(inner, offset))
        if kind == "table_open":
            return self._table(a, b, inner, offset)
        return self.make(Paragraph, a, b)   # a construct of a plugin not enabled here: read as a paragraph

    def _table(self, a: int, b: int, inner: list, offset: int) -> Table:
        rows: list[Block] = []
        header = None
        in_head = False
        cells: list[str] = []
        row_at = (a, a + 1)
        for tok in inner:
            if tok.type == "thead_open":
                in_head = True
            elif tok.type == "thead_close":
                in_head = False
            elif tok.type == "tr_open":
                cells = []
                row_at = (tok.map[0] + offset, tok.map[1] + offset) if tok.map else row_at
            elif tok.type == "inline":
                cells.append(tok.content.strip())
            elif tok.type == "tr_close":
                row = self.make(Row, *row_at, cells=cells)
                rows.append(row)
                if in_head:
                    header = row
        table = self.make(Table, a, b, children=rows)
        table.header = header
        return table

    def _tab_table(self, a: int, b: int) -> Table:
        rows: list[Block] = [self.make(Row, k, k + 1, cells=[c.strip() for c in self.lines[k].text.strip().split("\t")])
                             for k in range(a, b)]
        return self.make(Table, a, b, children=rows)


def build_tree(lines: Sequence[LineLike], page_starts: Sequence[int] = (), removed: Sequence = ()) -> Tree:
    """The tree of the cleaned lines. `page_starts`: the file line each page starts at (a paged
    document's `origin["page_starts"]`); `removed`: what cleaning took out (`.no`, `.reason`), shown as
    page furniture where it stood."""
    builder = _Builder(lines, page_starts)
    top, generator = _front_matter(lines)
    blocks: list[Block] = [builder.make(FrontMatter, 0, top, generator=generator)] if top else []
    text = "\n".join(_for_parser(x.text) for x in lines[top:])
    wide = text.count("|") > MAX_CELLS and any(x.text.count("|") > MAX_CELLS for x in lines)
    blocks += builder.blocks((PARSER_NO_TABLE if wide else PARSER).parse(text), top)
    blocks = _setext_headings(builder, lines, _references(builder, lines, blocks, top))
    _set_depths(blocks, 0)
    if removed:
        blocks = _furniture(builder, lines, blocks, removed)
    return Tree(blocks)


SETEXT_1 = re.compile(r"^ {0,3}=+\s*$")
SETEXT_2 = re.compile(r"^ {0,3}-+\s*$")


def _setext_headings(builder: _Builder, lines: Sequence[LineLike], blocks: list[Block]) -> list[Block]:
    """A paragraph over a line of "=" (the parser keeps that line in it) or right over a rule of "-" is a
    heading, of level 1 or 2."""
    out: list[Block] = []
    for block in blocks:
        prev = out[-1] if out else None
        if isinstance(block, Paragraph) and block.end - block.start >= 2 and SETEXT_1.match(lines[block.end - 1].text):
            block = _heading(builder, lines, block.start, block.end, 1)
        elif isinstance(block, Rule) and type(prev) is Paragraph and prev.end == block.start \
                and SETEXT_2.match(lines[block.start].text):
            out[-1] = _heading(builder, lines, prev.start, block.end, 2)
            continue
        out.append(block)
    return out


def _heading(builder: _Builder, lines: Sequence[LineLike], start: int, end: int, level: int) -> Block:
    return builder.make(Heading, start, end, level=level, text=" ".join(x.text.strip() for x in lines[start:end - 1]))


def _set_depths(blocks: list[Block], depth: int) -> None:
    for block in blocks:
        if isinstance(block, ListBlock):
            block.depth = depth
            _set_depths(block.children, depth + 1)
        else:
            _set_depths(block.children, depth)


def _references(builder: _Builder, lines: Sequence[LineLike], blocks: list[Block], top: int) -> list[Block]:
    """Link-reference definitions: the parser keeps them, not as tokens; they are the filled lines no
    block covers."""
    covered = top
    out: list[Block] = []
    for block in [*blocks, None]:
        until = block.start if block is not None else len(lines)
        for k in range(covered, until):
            m = REFERENCE.match(lines[k].text)
            if m:
                out.append(builder.make(Reference, k, k + 1, label=m.group(1)))
        if block is not None:
            out.append(block)
            covered = max(covered, block.end)
    return out


def _furniture(builder: _Builder, lines: Sequence[LineLike], blocks: list[Block], removed: Sequence) -> list[Block]:
    """Runs of removed lines (one reason, consecutive file lines) as furniture blocks, where they stood."""
    runs: list[list] = []
    for r in removed:
        if runs and runs[-1][-1].reason == r.reason and r.no and runs[-1][-1].no and r.no - runs[-1][-1].no <= 2:
            runs[-1].append(r)
        else:
            runs.append([r])
    numbers = [(x.no, i) for i, x in enumerate(lines) if x.no]
    out = list(blocks)
    for run in runs:
        no = run[0].no
        at = next((i for n, i in numbers if n > no), len(lines)) if no else len(lines)
        page = bisect_right(builder.page_starts, no) or 1 if builder.page_starts and no else None
        piece = Furniture(at, at, no, run[-1].no, page, reason=run[0].reason)
        k = next((j for j, b in enumerate(out) if b.start >= at and not isinstance(b, Furniture)), len(out))
        out.insert(k, piece)
    return out
