"""The same report in many extraction layouts, for the layout-invariance harness (issue 9).

Each :class:`Layout` renders one generated report (``benchmarks/generate.py``'s structured
``Report``: its blocks, tables and cells are known, so nothing is guessed back from text) the way
one kind of extraction writes it: a Word export with tabs, a PDF text layer, a web page, a crawler's
one-line dump, a .docx with real Word tables …  The reference layout is :data:`REFERENCE` (plain
tab-separated cells, blank lines between paragraphs, no quirks): every other layout must give the
same diagnostics as the reference, except for what it *legitimately* changes, which it declares:

* ``expect(report, keys)`` turns the reference's diagnostic keys into the keys the layout must
  give (e.g. blank-for-zero cells: one GL306 per table that has blanks, in place of any GL306 the
  reference has there);
* ``applies(report)`` says when the layout can carry the report at all.  A layout that genuinely
  loses information for a report (space-separated cells cannot show an empty cell) does not apply
  to it; :data:`EXCEPTIONS` lists the layouts left out entirely, with the reason.

``TEXT_TRANSFORMS`` are the layouts that make sense for a real text (examples, seeds, corpus), whose
structure is not known: they transform the text itself.

Keys are ``(code, severity, anchor)``; anchors are built by ``benchmarks/invariance.py``.
"""
from __future__ import annotations

import copy
import random
import re
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import (  # noqa: E402  (benchmarks/ is not a package)
    Block, PipeRenderer, Report, SpaceRenderer, TabRenderer, _LINE_START_BAD, _NO_LINE_START,
)

# ---------------------------------------------------------------------------------
# Report transforms (on a deep copy: the caller's report is never changed)
# ---------------------------------------------------------------------------------

def _is_zero(value) -> bool:
    return value == 0 or value == "0"


def _map_cells(report: Report, change: Callable[[object, str], object]) -> dict:
    """Apply ``change(value, table)`` to every value cell of tables 2, 3 and 4 in place; return
    {table kind: number of cells changed}."""
    changed: Counter = Counter()

    def apply(value, table):
        new = change(value, table)
        if new is not value:
            changed[table] += 1
        return new

    for _numeral, _columns, rows in report.table2:
        for _label, values in rows:
            values[:] = [apply(v, "table2") for v in values]
    for values in report.table3.values():
        values[:] = [apply(v, "table3") for v in values]
    report.table4[:] = [apply(v, "table4") for v in report.table4]
    return dict(changed)


def _tables_present(report: Report) -> set:
    kinds = {"t2": "table2", "t3": "table3", "t4": "table4"}
    return {kinds[b.kind] for b in report.blocks if b.kind in kinds}


def _has_blank(report: Report) -> bool:
    """A cell the report leaves empty (the blank_cell defect): lost between spaces."""
    cells = [v for _n, _c, rows in report.table2 for _l, vs in rows for v in vs]
    cells += [v for vs in report.table3.values() for v in vs] + list(report.table4)
    return any(v is None or v == "" for v in cells)


# ---------------------------------------------------------------------------------
# Renderers
# ---------------------------------------------------------------------------------

class PlainTabRenderer(TabRenderer):
    """The reference: tab-separated cells, blank lines between paragraphs, none of the random
    quirks of TabRenderer (PDF spaces, halfwidth labels, split note, markdown residue, page
    breaks inside paragraphs, a heading ending in 。)."""

    def __init__(self, rng, report):
        super().__init__(rng, report)
        self.spaces = self.halfwidth = self.quirky = False

    def prose(self, text):
        self.lines += [text, ""]

    def do_title(self, block):
        self.lines += [block.text, ""]

    def do_heading(self, block):
        self.lines += [block.text, ""]


class QuirkyTabRenderer(TabRenderer):
    """generate.py's own tab layout with its quirks (seeds 000/003/004), except the heading that
    ends in 。: that is a different heading (GL104 info), not a different layout."""

    def do_heading(self, block):
        self.lines += [block.text, ""]


_DOCNO = re.compile(r"〔\d{4}〕\d+号")
_PHONE = re.compile(r"\d{3,4}-\d{7,8}")
_EMAIL = re.compile(r"[\w.]+@[\w.]+")


def pdf_wrap(text: str, width: int) -> list:
    """Cut a paragraph every ``width`` characters, as a PDF text layer does: inside numbers,
    文号 and phone numbers too.  Like a typesetter it never starts a line with closing
    punctuation; it also never starts one with what reads as a heading (一、 （二） 3.) or leaves
    a line of digits alone (a page number): a real page could, but then the text itself is
    ambiguous, which is not what this layout measures."""
    lines = []
    start = 0
    while len(text) - start > width:
        cut = start + width
        while cut < len(text) and text[cut] in _NO_LINE_START:
            cut += 1
        while cut > start + width // 2 and (_LINE_START_BAD.match(text[cut:])
                                            or re.fullmatch(r"[\d\s.]+", text[cut:cut + width])):
            cut -= 1
        lines.append(text[start:cut])
        start = cut
    if start < len(text):
        lines.append(text[start:])
    return lines


def width_cutting(text: str, widths: range, targets: list) -> int | None:
    """A line width whose breaks fall strictly inside the first target (start, end) that one can
    cut, in the order given; None if none can."""
    for start, end in targets:
        for width in widths:
            if any(start < len("".join(lines)) < end for lines in _prefixes(pdf_wrap(text[:end + width], width))):
                return width
    return None


def _prefixes(lines: list):
    for count in range(1, len(lines)):
        yield lines[:count]


class PdfWrapRenderer(PlainTabRenderer):
    """A PDF export: prose hard-wrapped at 30–45 characters, no blank lines between paragraphs,
    a page footer ``— N —`` every 35–45 lines (between paragraphs, inside them, inside tables).
    Where it can, the width of a paragraph holding a 文号, phone number or e-mail address is chosen so
    that a line break cuts it (…〔2021〕30 / 号）…, 0816-98 / 43555), the first of them that can be."""

    def __init__(self, rng, report):
        super().__init__(rng, report)
        self.width = rng.randint(30, 45)
        self.page_every = rng.randint(35, 45)

    def prose(self, text):
        targets = [m.span() for pattern in (_DOCNO, _PHONE, _EMAIL) for m in pattern.finditer(text)]
        width = width_cutting(text, range(30, 46), targets) if targets else None
        self.lines += pdf_wrap(text, width or self.width)

    def do_title(self, block):
        self.lines.append(block.text)

    def do_heading(self, block):
        self.lines.append(block.text)

    def do_sub(self, block):
        self.lines.append(block.text)

    def render(self) -> str:
        lines = [line for line in super().render().split("\n") if line.strip()]
        out = []
        page = 1
        for number, line in enumerate(lines, 1):
            out.append(line)
            if number % self.page_every == 0 and number < len(lines):
                page += 1
                out.append(f"— {page} —")
        return "\n".join(out) + "\n"


class LabelCutRenderer(PlainTabRenderer):
    """Table labels cut over two lines (a narrow label column in a PDF or Word export): the label's
    first part ends a line, the rest starts the next one, followed by the cells."""

    MIN = 8  # labels shorter than this never wrap in a real table column

    def _cut_lines(self, start: int) -> None:
        out = []
        for line in self.lines[start:]:
            fields = line.split("\t")
            if not any(re.fullmatch(r"[+-]?\d+(?:\.\d+)?(?:万元)?", f.strip()) for f in fields):
                out.append(line)  # a header: a merged cell across the table, never wrapped
                continue
            labels = [i for i, f in enumerate(fields) if len(f) >= self.MIN and not re.fullmatch(r"[\d./—\-+万元\s]*", f)]
            if not labels or self.rng.random() < 0.4:
                out.append(line)
                continue
            i = labels[-1]
            label = fields[i]
            cut = self.rng.randint(4, len(label) - 3)
            while cut < len(label) and label[cut] in _NO_LINE_START:
                cut += 1
            out += ["\t".join(fields[:i] + [label[:cut]]), "\t".join([label[cut:]] + fields[i + 1:])]
        self.lines[start:] = out

    def do_t2(self, block):
        start = len(self.lines)
        super().do_t2(block)
        self._cut_lines(start)

    def do_t3(self, block):
        start = len(self.lines)
        super().do_t3(block)
        self._cut_lines(start)


# ---------------------------------------------------------------------------------
# Text transforms (work on any report text, generated or real)
# ---------------------------------------------------------------------------------

def cells_with_spaces(text: str) -> str:
    """Space-separated cells: each tab-separated line's non-empty fields joined with one space."""
    out = []
    for line in text.split("\n"):
        if "\t" in line:
            line = " ".join(f.strip() for f in line.split("\t") if f.strip())
        out.append(line)
    return "\n".join(out)


def drop_trailing_tabs(text: str) -> str:
    return "\n".join(line.rstrip("\t") for line in text.split("\n"))


def one_line(text: str) -> str:
    """A crawler's dump: every non-empty line joined with one space, cells separated by spaces."""
    return " ".join(line.strip() for line in cells_with_spaces(text).split("\n") if line.strip()) + "\n"


_HEADING_LINE = re.compile(r"^(?:#+\s*)?[一二三四五六七八九十]{1,2}、\S{2,30}$")


def run_in_headings(text: str) -> str:
    """Each heading line (一、…) run into the prose line that follows it (a web page's layout)."""
    lines = text.split("\n")
    out = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if _HEADING_LINE.match(line.strip()) and not re.search(r"\d", line):
            follow = index + 1
            while follow < len(lines) and not lines[follow].strip():
                follow += 1
            nxt = lines[follow].strip() if follow < len(lines) else ""
            if (nxt and "\t" not in nxt and len(nxt) > 40 and not nxt.startswith(("（", "(", "#", "|"))
                    and not _LINE_START_BAD.match(nxt)):
                out.append(line.rstrip() + nxt)
                index = follow + 1
                continue
        out.append(line)
        index += 1
    return "\n".join(out)


# Heading-shaped debris a PDF's table 3 leaves between rows: the start of a group label fused with a
# fragment of another (三、本予以公开: 三、本年度办理结果 + 予以公开), the group ordinals alone.
TABLE_DEBRIS = ["三、本予以公开", "三、", "四、", "二、部分", "三、不予公开情况"]
_OUTCOME_ROW = re.compile(r"^\s*(?:三、本年度办理结果)?\s*[(（][一二三四五六七][)）]")


def table_debris(text: str, rng: random.Random) -> str:
    """One or two debris lines inserted before outcome rows of table 3."""
    lines = text.split("\n")
    rows = [i for i, line in enumerate(lines) if "\t" in line and _OUTCOME_ROW.match(line)]
    for at in sorted(rng.sample(rows, min(2, len(rows))), reverse=True):
        lines.insert(at, rng.choice(TABLE_DEBRIS))
    return "\n".join(lines)


def wrap_prose_lines(text: str, seed: str) -> str:
    """PDF hard wrap of a real text: every long line without a tab, cut at 30–45 characters."""
    rng = random.Random(seed)
    width = rng.randint(30, 45)
    out = []
    for line in text.split("\n"):
        if "\t" in line or "|" in line or len(line) <= width + 5:
            out.append(line)
        else:
            out += pdf_wrap(line, width)
    return "\n".join(out)


# ---------------------------------------------------------------------------------
# Expected deltas
# ---------------------------------------------------------------------------------

def same(report: Report, keys: Counter) -> Counter:
    return Counter(keys)


def one_gl306_per_blank_table(tables: set) -> Callable[[Counter], Counter]:
    """Blank cells are one cause per table: exactly one GL306 for each table with blanks, in place
    of any GL306 the reference gives there (a blank_cell or text_cell defect); GL306 keys of those
    tables are compared by table only (which row comes first is the rule's business)."""
    def expect(keys: Counter) -> Counter:
        # A relation whose total is blank, or whose parts are all blank, is not computed (a blank total
        # is most often a total left out, as in the Shanghai layout, and blank parts leave nothing
        # written to compare): the reference's failures at such written zeros go.
        out = Counter({k: n for k, n in keys.items() if not (k[0] == "GL306" and k[2][0] in tables)
                       and not (k[0] in ARITHMETIC and (ZERO_TOTAL in k[2] or ZERO_PARTS in k[2]))})
        for table in tables:
            out[("GL306", "warning", (table,))] = 1
        return out
    return expect


ARITHMETIC = ("GL303", "GL304", "GL305", "GL309")
ZERO_TOTAL = "found 0"  # benchmarks/invariance.py marks an arithmetic failure whose blamed cell says 0
ZERO_PARTS = "parts 0"  # … and a row or outcome total whose parts are all 0
PARTS_SUMS = ("GL303", "GL305")  # their rhs is the sum of the parts


def coarsen_gl306(key: tuple) -> tuple:
    """GL306 compared by table, whatever its severity and row; table arithmetic compared without its
    severity: a difference found by counting a blank as 0 is a warning (a blank may also be a number
    left out), the same difference between written zeros an error."""
    if key[0] == "GL306" and key[2] and key[2][0] in ("table2", "table3", "table4"):
        return ("GL306", "warning", (key[2][0],))
    if key[0] in ARITHMETIC:
        return (key[0], "error|warning", key[2])
    return key


# ---------------------------------------------------------------------------------
# The layouts
# ---------------------------------------------------------------------------------

@dataclass
class Rendered:
    data: str | bytes
    suffix: str = ".txt"
    expect: Callable[[Counter], Counter] | None = None  # None: the reference's keys as they are


@dataclass
class Layout:
    name: str
    cls: str                 # the layout class it covers
    why: str                 # what it legitimately changes in the diagnostics, and why
    make: Callable[[Report, random.Random], Rendered]
    applies: Callable[[Report], bool] = lambda report: True
    coarsen: Callable[[tuple], tuple] = lambda key: key


def _render_with(cls, report: Report, rng: random.Random) -> str:
    return cls(rng, report).render()


def reference(report: Report, rng: random.Random | None = None) -> str:
    return _render_with(PlainTabRenderer, report, rng or random.Random(0))


def _blanked(mark: Callable[[random.Random, str], str], drop_trailing: bool):
    def make(report: Report, rng: random.Random) -> Rendered:
        report = copy.deepcopy(report)
        changed = _map_cells(report, lambda v, table: mark(rng, table) if _is_zero(v) else v)
        tables = {t for t in changed if t in _tables_present(report)}
        text = reference(report, rng)
        if drop_trailing:
            text = drop_trailing_tabs(text)
        return Rendered(text, expect=one_gl306_per_blank_table(tables))
    return make


def _none_mark(rng: random.Random, table: str) -> str:
    return rng.choice(["/", "—"])


def _run_in(report: Report, rng: random.Random) -> Rendered:
    report = copy.deepcopy(report)
    blocks = []
    for block in report.blocks:
        if blocks and blocks[-1].kind == "heading" and block.kind == "para" and not block.text[:1] in "（(":
            heading = blocks.pop()
            block = Block("para", heading.text + block.text, section=block.section)
        blocks.append(block)
    report.blocks = blocks
    return Rendered(reference(report, rng))


def _without_table_headings(report: Report, rng: random.Random) -> Rendered:
    """Tables 2, 3 and 4 without the headings of their sections (a printout, a lost heading):
    one GL102 for each heading removed, nothing else."""
    report = copy.deepcopy(report)
    kept, removed = [], 0
    blocks = report.blocks
    for i, block in enumerate(blocks):
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        if block.kind == "heading" and nxt is not None and nxt.kind in ("t2", "t3", "t4"):
            removed += 1
            continue
        kept.append(block)
    report.blocks = kept

    def expect(keys: Counter) -> Counter:
        out = Counter(keys)
        out[("GL102", "error", ("document",))] += removed
        return out
    return Rendered(reference(report, rng), expect=expect)


def _docx(report: Report, rng: random.Random) -> Rendered:
    """A Word document: the title and headings in heading styles, paragraphs as paragraphs, tables
    2, 3 and 4 as real Word tables with merged label cells, drawn by the project's writer
    (tests/readers_support.py, python-docx) from the reference rendering of each table block."""
    import docx  # python-docx: a dependency of govlint (its .docx reader)

    sys.path.insert(0, str(HERE.parent / "tests"))
    from readers_support import add_table2, add_table3, add_table4  # noqa: E402

    writers = {"t2": add_table2, "t3": add_table3, "t4": add_table4}
    document = docx.Document()
    renderer = PlainTabRenderer(rng, report)
    for block in report.blocks:
        renderer.lines = []
        getattr(renderer, f"do_{block.kind}")(block)
        lines = [line for line in renderer.lines if line.strip()]
        if block.kind == "title":
            document.add_heading(block.text, level=0)
        elif block.kind == "heading":
            document.add_heading(block.text, level=1)
        elif block.kind in writers:
            writers[block.kind](document, [line.split("\t") for line in lines])
        else:
            for line in lines:
                document.add_paragraph(line)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "report.docx"
        document.save(str(path))
        return Rendered(path.read_bytes(), suffix=".docx")


def _text(transform: Callable[[str], str]):
    def make(report: Report, rng: random.Random) -> Rendered:
        return Rendered(transform(reference(report, rng)))
    return make


def _renderer(cls):
    def make(report: Report, rng: random.Random) -> Rendered:
        return Rendered(_render_with(cls, report, rng))
    return make


def _blankable(report: Report) -> bool:
    """A blank layout can carry the report: it has tables, and no extra cell of 0 (which, left blank,
    is an empty cell no reader can tell from the row's end)."""
    return _has_tables(report) and report.defect != "extra_cell"


def _has_tables(report: Report) -> bool:
    return bool(_tables_present(report))


def _no_blank(report: Report) -> bool:
    return not _has_blank(report)


REFERENCE = "tabs"

LAYOUTS = [
    Layout("tabs", "reference", "the reference", _renderer(PlainTabRenderer)),
    Layout("tabs-quirky", "reference", "nothing: PDF spaces (2021 年), halfwidth labels, a split note, markdown "
           "residue and a page break inside a paragraph change no meaning", _renderer(QuirkyTabRenderer)),
    Layout("spaces", "3", "nothing; not for a report with an empty cell (an empty cell cannot be seen "
           "between spaces)", _text(cells_with_spaces), applies=_no_blank),
    Layout("pipes", "5", "nothing", _renderer(PipeRenderer)),
    Layout("pdf-space", "1", "nothing (generate.py's PDF layout: hard wrap, page marks, wrapped and "
           "displaced labels); not for a report with an empty cell", _renderer(SpaceRenderer), applies=_no_blank),
    Layout("pdf-wrap", "1", "nothing: a 文号, phone or e-mail cut across lines and page footers are reflowed",
           _renderer(PdfWrapRenderer)),
    Layout("blank-kept", "3", "one GL306 per table with blank (zero) cells, replacing the reference's GL306 "
           "there: blanks are one cause per table; arithmetic through a blank counted as 0 is a warning, and a "
           "relation whose total is blank is not computed; not for an extra cell of 0 (left blank, no reader "
           "can tell it from the row's end)", _blanked(lambda rng, t: "", False), applies=_blankable,
           coarsen=coarsen_gl306),
    Layout("blank-dropped", "3", "as blank-kept; the trailing empty cells are not even tabs",
           _blanked(lambda rng, t: "", True), applies=_blankable, coarsen=coarsen_gl306),
    Layout("none-marks", "3", "as blank-kept: / and — for none are blanks", _blanked(_none_mark, False),
           applies=_blankable, coarsen=coarsen_gl306),
    Layout("heading-run-in", "4", "nothing: 一、总体情况2023年，… is a heading and a paragraph", _run_in),
    Layout("one-line", "5", "nothing; not for a report with an empty cell", _text(one_line), applies=_no_blank),
    Layout("no-table-headings", "6", "one GL102 per heading removed (the headings of the sections that hold "
           "tables 2, 3 and 4), nothing else: the tables are found by their signature",
           _without_table_headings, applies=_has_tables),
    Layout("table-debris", "2", "nothing: heading-shaped debris inside table 3 (三、本予以公开, a group's "
           "ordinal alone) is table text", lambda report, rng: Rendered(table_debris(reference(report, rng), rng)),
           applies=_has_tables),
    Layout("label-cut", "3", "nothing: a table label cut over two lines is one label",
           _renderer(LabelCutRenderer), applies=_has_tables),
    Layout("docx", "reader", "nothing: Word tables with merged label cells; not for a row with an extra "
           "cell (a Word table of the format's width cannot hold it)", _docx,
           applies=lambda report: report.defect != "extra_cell"),
]
BY_NAME = {layout.name: layout for layout in LAYOUTS}

# Layouts not measured, with the reason.
EXCEPTIONS = {
    "run-together-digits": "table cells written without any separator (801000081): the cells can be "
                           "recovered only when exactly one split fits the row's arithmetic; otherwise the "
                           "information is lost and the right answer is one 'cannot separate' diagnostic per "
                           "table, not the reference's diagnostics",
    "one-line of a PDF or markdown text": "a real text whose table labels are wrapped around their numbers "
                                          "(PDF) or written as markdown, joined into one line, is two layouts "
                                          "at once; a crawler reads a web page, whose rows come whole "
                                          "(layouts.crawlable)",
    "pdf-wrap heading-like line starts": "a hard wrap that starts a line with 一、/（二）/3. or leaves a "
                                         "line of digits alone makes the text itself ambiguous (a heading? "
                                         "a page number?); pdf_wrap never cuts there",
}

_NUMBER_FIELD = re.compile(r"[+-]?\d[\d,]*(?:\.\d+)?\s*(?:万元|元|件)?")


def has_empty_cells(text: str) -> bool:
    """Does a tab-separated row leave a cell empty after its first number (HTML/Word blanks)?  One
    trailing empty field is only the row's end.  Spaces would lose such a cell."""
    for line in text.split("\n"):
        if "\t" not in line:
            continue
        fields = [f.strip() for f in line.split("\t")]
        first = next((i for i, f in enumerate(fields) if _NUMBER_FIELD.fullmatch(f)), None)
        if first is None:
            continue
        values = fields[first:]
        if values and not values[-1]:
            values.pop()
        if any(not f for f in values):
            return True
    return False


def _unless_empty_cells(transform: Callable[[str], str]) -> Callable[[str, str], str]:
    """The transform, or the text unchanged (not measured) when it would lose empty cells."""
    return lambda text, seed: text if has_empty_cells(text) else transform(text)


_TAB_ROW = re.compile(r"^[^\t\n]*[\u4e00-\u9fff][^\t\n]*(?:\t\s*[+-]?\d[\d,.]*){3,}", re.M)
_LONE_NUMBERS = re.compile(r"^[ \t]*\d+(?:[ \t]+\d+){0,2}[ \t]*$", re.M)  # not table 4's line of 15


def crawlable(text: str) -> bool:
    """Could a crawler have dumped this text on one line?  Crawlers read web pages, whose table rows
    come with their labels whole and their cells separated: a text whose tables are tab rows.  A PDF's
    text (labels wrapped around their numbers) or a markdown one joined into one line is two layouts
    at once; a line of numbers alone (a stray row, GL003) is only told apart by its line break."""
    return len(_TAB_ROW.findall(text)) >= 3 and not _LONE_NUMBERS.search(text)


# Transforms of a real text (examples, seeds, corpus), whose structure is not known; a transform that
# returns the text unchanged is not measured for it.
TEXT_TRANSFORMS: dict[str, Callable[[str, str], str]] = {
    "spaces": _unless_empty_cells(cells_with_spaces),
    "pdf-wrap": wrap_prose_lines,
    "heading-run-in": lambda text, seed: run_in_headings(text),
    "one-line": lambda text, seed: one_line(text) if crawlable(text) and not has_empty_cells(text) else text,
}


def render_layout(layout: Layout, report: Report, seed: int) -> Rendered:
    rng = random.Random(f"{seed}:{report.index}:{layout.name}")
    return layout.make(report, rng)


__all__ = ["Layout", "Rendered", "LAYOUTS", "BY_NAME", "REFERENCE", "EXCEPTIONS", "TEXT_TRANSFORMS",
           "render_layout", "reference"]
