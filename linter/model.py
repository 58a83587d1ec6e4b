"""The document tree rules query: sections, headings, paragraphs, sentences, tables, rows, cells.

Built by govlint.parse.outline from the Lark parse tree.  Every node has a ``span``
into the user's original text.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterator, NamedTuple
from functools import cached_property

from govlint.grammar.shapes import SENTENCE
from govlint.source.fold import MappedText, Squeezed, fold
from govlint.source import Source, Span


@dataclass
class Title:
    span: Span
    text: str          # folded, lines joined
    line_spans: list   # one Span per title line
    byline: list = field(default_factory=list)
    year: int | None = None  # the year the title names


@dataclass
class Heading:
    span: Span          # the heading's text on its line (markdown prefix excluded)
    numeral: str        # 一 … 十
    number: int
    text: str           # folded heading text after the numeral and 、
    text_span: Span     # where that text is
    raw: str            # the heading as written
    canonical: int | None = None  # 1 … 6: which mandated section this heading opens
    quality: str = ""   # exact | variant | keyword | implied | headless | extra


@dataclass
class Subheading:
    span: Span
    text: str


class Paragraph:
    """Prose re-flowed across hard line wraps; ``text`` is folded, same length as ``raw``."""

    __slots__ = ("mapped", "text", "span", "__dict__")

    def __init__(self, mapped: MappedText, folded: str | None = None):
        self.mapped = mapped
        self.text = fold(mapped.text) if folded is None else folded
        self.span = mapped.span(0, len(mapped.text))

    @property
    def raw(self) -> str:
        return self.mapped.text

    def span_of(self, start: int, end: int) -> Span:
        return self.mapped.span(start, end)

    @cached_property
    def squeezed(self) -> Squeezed:
        """The text without PDF-inserted spaces (2021 年 → 2021年), with the way back."""
        return Squeezed(self.text)

    def squeezed_span(self, start: int, end: int) -> Span:
        """Original span of characters [start, end) of the squeezed text."""
        squeezed = self.squeezed
        if end <= start:
            at = squeezed.origin(start) if start < len(squeezed.text) else len(self.text)
            return self.span_of(at, at)
        if squeezed.unchanged:  # no space was removed (most paragraphs): the offsets are the text's
            return self.mapped.span(start, end)
        return self.span_of(squeezed.origin(start), squeezed.origin(end - 1) + 1)

    def squeezed_spans(self) -> Callable[[int, int], Span]:
        """``squeezed_span`` for spans of one character or more, without its tests on each call (for a
        scanner that maps many: entities, quantities): the paragraph's own mapping when no space was
        squeezed out (most paragraphs), else the span of the first and the last character's origins."""
        squeezed, span = self.squeezed, self.mapped.spanner()  # the callers ask for spans inside the text
        if squeezed.unchanged:
            return span
        origin = squeezed.origin
        return lambda start, end: span(origin(start), origin(end - 1) + 1)

    def iter_sentences(self) -> Iterator["Sentence"]:
        """The sentences one by one: who needs the first need not cut a huge paragraph whole."""
        for match in SENTENCE.finditer(self.text):
            if match.end() > match.start() and match.group().strip():
                yield Sentence(self, match.start(), match.end())


@dataclass
class Sentence:
    paragraph: Paragraph
    start: int
    end: int

    @property
    def text(self) -> str:
        return self.paragraph.text[self.start:self.end]

    @property
    def span(self) -> Span:
        return self.paragraph.span_of(self.start, self.end)

    def span_of(self, start: int, end: int) -> Span:
        """Span of characters [start, end) of this sentence's text."""
        return self.paragraph.span_of(self.start + start, self.start + end)


class Cell(NamedTuple):
    """A value cell: kind NUM (a number), BLANK (empty), BAD (anything else) or RUN (digits of
    several cells run together that no unique split separates; the row builder takes them away).

    BLANK is a cell left empty, a mark written for "none" (``—``, ``/``: its span is the mark),
    or a cell an export dropped at the end of a row (zero-width, where the row ends).

    ``start``/``end`` are offsets in Source.text; ``span`` builds the Span on demand (a
    report has hundreds of cells and rules look at few).  A cell's column is its Row's
    business (``Row.columns``)."""

    kind: str
    start: int
    end: int
    value: object = None
    unit: str | None = None

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)

    @property
    def is_number(self) -> bool:
        return self.kind == "NUM"

    def text(self, source: Source) -> str:
        """The cell as written."""
        return source.text[self.start:self.end]


@dataclass
class Row:
    key: str | None       # canonical row key (table 3: "new", "withheld.2" …), None if unknown
    label: str            # the label as written (folded, fragments joined)
    label_span: Span
    cells: list[Cell]
    span: Span            # label and cells
    anchored: bool = True  # label and numbers on one line (False: paired by position)
    expected_width: int = 0
    old_label: str | None = None  # table 2: a label of the other format (规范性文件)
    block: str | None = None      # table 2: article item (一 五 六 八 九)
    columns: list | None = None   # column key of each cell, once the row's width is right
    open_end: bool = False        # a tab or pipe line: cells missing at its end can only be blanks

    @property
    def width_ok(self) -> bool:
        return len(self.cells) == self.expected_width

    def cell(self, column: str) -> Cell | None:
        if self.columns is None or column not in self.columns:
            return None
        return self.cells[self.columns.index(column)]

    def whole_values(self) -> tuple | None:
        """The cells' values when every cell is a number written whole (kind NUM, an int), else None:
        a row of plain counts, as nearly every row is.  Several rules ask (the table arithmetic, the
        cell values, the zero table, a fingerprint): computed once per list of cells (the builder's last
        fitting changes the list in place, its length with it; the cells are final once the table is)."""
        cells = self.cells
        known = self.__dict__.get("_whole")
        if known is not None and known[0] is cells and known[1] == len(cells):
            return known[2]
        values = whole_numbers(cells)
        self.__dict__["_whole"] = (cells, len(cells), values)
        return values


def whole_numbers(cells: list[Cell]) -> tuple | None:
    """The values of ``cells`` when every cell is a number written whole (kind NUM, an int), else None
    (a tuple: the rules that share it cannot change it)."""
    values = [cell[3] for cell in cells]  # Cell.value, by index: a call per row, for every row read
    for cell in cells:
        if cell[0] != "NUM":
            return None
    for value in values:
        if type(value) is not int:  # not bool, not float
            return None
    return tuple(values)


@dataclass
class Table:
    kind: str                  # table2 | table3 | table4
    span: Span
    rows: dict = field(default_factory=dict)       # key → Row
    row_order: list = field(default_factory=list)  # Rows in document order
    unknown_rows: list = field(default_factory=list)
    duplicate_rows: list = field(default_factory=list)
    leftovers: list = field(default_factory=list)  # (Span, reason) cells that could not be placed
    version: str | None = None  # table 2: format its column header belongs to; table 3: shape
    version_evidence: list = field(default_factory=list)  # Spans that decided the version (headers, rows)
    headers: list = field(default_factory=list)    # folded header texts
    blocks: list = field(default_factory=list)     # table 2: (article item, Span) of each block header
    cells: list = field(default_factory=list)      # table 4: all value cells in order
    labelled: dict = field(default_factory=dict)   # table 4: group key → cells of a labelled row
    # Table 3 rows whose cells ran together without separators (crawler text: …申请数量801000081):
    recovered: list = field(default_factory=list)    # Spans of rows split the one way their total allows
    inseparable: list = field(default_factory=list)  # Spans of rows no unique split fits: no arithmetic

    def row(self, key: str) -> Row | None:
        return self.rows.get(key)


@dataclass
class Section:
    heading: Heading
    span: Span
    paragraphs: list = field(default_factory=list)
    subheadings: list = field(default_factory=list)
    tables: list = field(default_factory=list)
    parent: "Section | None" = None  # an extra heading folded into a mandated section

    @property
    def canonical(self) -> int | None:
        return self.heading.canonical


@dataclass
class Entity:
    """Something the prose names (a 文号, a phone number …), found by govlint.parse.entities."""

    kind: str
    span: Span
    text: str
    groups: dict = field(default_factory=dict)


@dataclass
class Entities:
    """Every entity of a document, by type (the types packs name in entity-required)."""

    docnos: list = field(default_factory=list)
    notices: list = field(default_factory=list)        # docnos of the format-notice family
    corrupt_notices: list = field(default_factory=list)
    format_titles: list = field(default_factory=list)
    periods: list = field(default_factory=list)
    phones: list = field(default_factory=list)
    postcodes: list = field(default_factory=list)
    emails: list = field(default_factory=list)
    addresses: list = field(default_factory=list)
    urls: list = field(default_factory=list)
    malformed_urls: list = field(default_factory=list)  # http//…, www .…: groups['reason'] says what
    part_lists: list = field(default_factory=list)  # the preamble's list of the report's parts: groups['items']


@dataclass
class Statement:
    """What the prose states (govlint.parse.statements; the lexicon is grammar/statements.yaml):
    均获维持, 未发生行政复议 … with whom and what it speaks of."""

    id: str             # the lexicon's statement id: all_upheld, no_review_or_suit …
    span: Span          # the phrasing as written
    text: str           # the phrasing as written, without whitespace
    subjects: tuple     # the lexicon's subjects it speaks of (review, suit …)
    scope: str = "body"  # body | part (of the body) | area (wider) | year (another year)
    scope_word: str = ""  # the word that put it out of the body's scope


@dataclass
class Document:
    source: Source
    title: Title | None = None
    metadata: list = field(default_factory=list)
    preamble: list = field(default_factory=list)   # Paragraphs before the first heading
    sections: list = field(default_factory=list)
    links: list = field(default_factory=list)      # (Span, url) link annotations
    unplaced: list = field(default_factory=list)   # (Span, reason): text the grammar could not place
    table2: Table | None = None
    table3: Table | None = None
    table4: Table | None = None
    year: int | None = None
    year_source: str | None = None
    format: str | None = None
    format_source: str | None = None
    entities: Entities = field(default_factory=Entities)  # what the prose names (parse.entities)
    statements: list = field(default_factory=list)  # Statements the prose makes (parse.statements)
    body: "Body | None" = None  # who the report is by (parse.body): the organ of the title, its kind, others named
    date: "ReportDate | None" = None  # the report's date: its sign-off, else the page's metadata (parse.dates)

    def section(self, canonical_id: int) -> Section | None:
        for section in self.sections:
            if section.heading.canonical == canonical_id and section.heading.quality != "extra":
                return section
        return None

    @property
    def mandated_sections(self) -> list[Section]:
        return [s for s in self.sections if s.heading.canonical and s.heading.quality != "extra"]

    def paragraphs(self, section: int | None = None):
        """Prose paragraphs, all or those of one mandated section (with its folded-in extras)."""
        if section is None:
            yield from self.preamble
            for item in self.sections:
                yield from item.paragraphs
            return
        for item in self.sections:
            owner = item.parent or item
            if owner.heading.canonical == section and owner.heading.quality != "extra":
                yield from item.paragraphs


    def tables(self):
        return [t for t in (self.table2, self.table3, self.table4) if t is not None]

    def statements_of(self, lexicon) -> list:
        """The statements another lexicon finds (grammar/statements.yaml extended by a rule's
        parameters): found on first ask, once per document and lexicon; ``statements`` holds the
        built-in lexicon's."""
        return self.remembered("statements_of", id(lexicon),
                               lambda: STATEMENT_FINDER[0](self, lexicon) if STATEMENT_FINDER else [])

    def remembered(self, name: str, key, make):
        """``make()``, computed once per document, ``name`` and ``key`` (what several rules read alike:
        the cells a measure reads, another lexicon's statements).  Callers do not change the result."""
        found = self.__dict__.setdefault("_remembered_" + name, {})
        if key not in found:
            found[key] = make()
        return found[key]

    @cached_property
    def quantities(self) -> list:
        """Every number the prose states, with what it counts (Quantity, govlint.parse.quantities):
        built on first use, once per document, so that a run whose rules never ask pays nothing."""
        if QUANTITY_BUILDER:
            return QUANTITY_BUILDER[0](self)
        return []


# govlint.parse.quantities installs the builder of Document.quantities here (the tree cannot import
# the parser): one function, Document → [Quantity].
QUANTITY_BUILDER: list = []
# govlint.parse.statements installs its finder here: (Document, StatementLexicon) → [Statement].
STATEMENT_FINDER: list = []


@dataclass
class Quantity:
    """A number of the prose and what it counts (govlint.parse.quantities; the lexicon is
    grammar/quantities.yaml): 新收申请 5 件, 政务服务事项 新增 39 项, 覆盖率 89.36 % …"""

    value: object         # int, or float when written with decimals
    unit: str             # 件 项 % 万元 … (grammar/shapes.py QUANTITY_UNITS)
    measure: str | None   # the lexicon's measure id (applications.new, outcome.granted …), None: unknown
    span: Span            # the number and its unit as written
    phrase_span: Span     # the measure's words through the unit (the number alone when none)
    phrase: str           # that phrase as written, without whitespace
    clause_span: Span     # its clause group
    index: int = 0        # its place in Document.quantities
    subject: str = ""     # the subject word that made it this measure (政务服务事项), "" when none is needed
    scope: str = "body"   # body | part (of the body) | area (wider) | year (another year)
    scope_word: str = ""  # the word that put it out of the body's scope
    year: int | None = None  # the year it is about (the report's year for the body's figures), None: unsure
    change: bool = False  # a change (较上年增长5件), not the figure itself
    cumulative: bool = False  # a running total up to a date (截至12月31日共制发3件)
    approximate: bool = False  # 7600余件, 100多人
    total: bool = False        # a total word in its window (全年共主动公开政府信息1914条)
    ambiguous: bool = False    # the reading is unsure: another measure's word in its window, or its words joined to others
    joined: tuple = ()         # other measures its window joins to its own (予以公开及部分公开258件: outcome.granted)
    part_of: int | None = None  # index of the total this is a part of (其中/含/分别为 …)
    closed: bool = False       # a part of a closed breakdown (分别为: every part listed)
    ratio_of: tuple | None = None  # a percentage: (numerator index, denominator index) when the sentence gives them
    # a rate after a total and its parts (办结40件，其中予以公开20件、部分公开5件，公开率62.5%): the readings
    # it may be, each ((numerator indexes, summed), denominator index): any one of them may be meant
    ratio_options: tuple = ()
    # a change percentage after this year's figure and last year's (685条，比上年（1276条）下降46.3%):
    # ((this year's figures it may compare, nearest first), last year's index)
    change_of: tuple | None = None
    direction: int = 0         # a change's way: 1 up (增长, 增加 …), -1 down (下降, 减少 …), 0 unsaid
    sentence_start: int = 0    # offset of its sentence in Source.text (statements of one sentence share it)


@dataclass
class Organ:
    """An organ the report names in a role (govlint.parse.body): the title's, the preamble's author
    (本报告由…编制), approver (经…同意), contact (请与…联系), the restated title (现发布《…报告》)
    or the sign-off at the end."""

    role: str        # title | author | approver | contact | restated | signer
    name: str        # as written, folded, without whitespace
    span: Span       # the name as written
    clause_span: Span | None = None  # the phrase that gives it its role (经…同意)
    relation: str = "self"  # to the body: self | part (its office) | parent (its government) | misspelt | other


@dataclass
class Body:
    """Who the report is by (govlint.parse.body; the table of kinds is grammar/bodies.yaml)."""

    name: str              # the organ of the title, normalised: 中卫市审批服务管理局, 中卫市沙坡头区
    span: Span             # where the title names it
    place: tuple           # its place, component by component: ("中卫市", "沙坡头区")
    core: str              # the name after its place: 审批服务管理局, 人民政府 ("" for a place alone)
    level: str             # province | city | county | township | "" (no place)
    kind: str              # government | government-office | department
    classes: tuple = ()    # the specific kinds of bodies.yaml it is in (approval …)
    named: list = field(default_factory=list)  # Organs named in a role other than the title


@dataclass
class ReportDate:
    """The report's date (govlint.parse.dates): the date of its sign-off at the end, or, without
    one, the 成文日期 / 发布日期 / 公开日期 of the portal's metadata kept with a saved page."""

    year: int
    month: int
    day: int
    span: Span       # the date as written
    text: str        # the date as written, without whitespace
    source: str      # sign-off | 成文日期 | 发布日期 | 公开日期

    @property
    def iso(self) -> str:
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


class Place(NamedTuple):
    """Where a piece of a report is, kept by a Fingerprint after its Document is gone: the offsets
    in its Source.text, line:column as govlint prints them, the text (short: a cell) and, for a
    .docx/.pdf/.html, where that is in the original document (Source.locate)."""

    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    text: str
    where: dict | None = None


@dataclass
class Fingerprint:
    """What the cross-document pass (govlint.lint.across) keeps of a report: who it is by, its year,
    and the compact facts each cross-document check kind extracts (``facts[kind name]``: numbers,
    hashes) with the Places its findings may point at.  Never the Document: small and picklable."""

    path: str = ""             # the file, as the run names it (messages name last year's file)
    names: tuple = ()          # the body's normalised names: the title's organ, else the sign-off's
    year: int | None = None
    format: str | None = None
    facts: dict = field(default_factory=dict)
    places: dict = field(default_factory=dict)  # start offset → Place

    def place(self, source: Source, start: int, end: int) -> Span:
        """Keep where [start, end) of ``source`` is; the Span a finding points at."""
        if start not in self.places:
            line, column, end_line, end_column = source.positions(start, end)
            where = source.locate(start) if source.locator is not None else None
            self.places[start] = Place(start, end, line, column, end_line, end_column,
                                       source.text[start:min(end, start + 120)], where or None)
        return Span(start, end)

    def __reduce__(self) -> tuple:
        # The places as plain tuples: pickle reduces a NamedTuple object by object through copyreg,
        # most of the cost of spilling a fingerprint (lint/across.py), and of reading it back.
        return (_fingerprint, (self.path, self.names, self.year, self.format, self.facts,
                               tuple(map(tuple, self.places.values()))))


def _fingerprint(path: str, names: tuple, year: int | None, format: str | None, facts: dict,
                 places: tuple) -> Fingerprint:
    """A Fingerprint unpickled (Fingerprint.__reduce__)."""
    new = tuple.__new__
    return Fingerprint(path, names, year, format, facts, {place[0]: new(Place, place) for place in places})
