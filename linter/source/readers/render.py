"""Shared by the document readers: the plain-text rendering the line classifier reads, and the way back.

A reader renders a document as lines: prose one paragraph (or one printed line) per line,
a table one row per line with its cells separated by TAB, label cells first, value cells
after.  ``TextBuilder`` collects the lines, remembers where each line (and each cell)
came from in the original document, and returns the text with a ``locator``: offset →
{"paragraph": 12}, {"table": 3, "row": 7, "column": 4}, {"page": 2} …

``Budget`` holds the limits every reader enforces on the whole input: 20 s of wall time
(checked inside the readers' loops), 5 million characters of rendered text (so that what the
line classifier and the grammar read is bounded), and 200,000 table grid cells for all the tables of a document.
Each refusal is an InputError naming the file and the limit hit.

``grid_rows`` resolves a table's merged cells the same way for Word and HTML: a cell
spanning several columns is one field; a cell spanning several rows gives its text to
its first row and an empty field to the rows below (so a table-3 group label such as
三、本年度办理结果 sits on the row of （一）予以公开, as in a report typed as text, and the
rows under it start with an empty field, which the line classifier skips).
"""
from __future__ import annotations

import re
import time
from bisect import bisect_right

from govlint.grammar.shapes import is_cjk
from govlint.support import i18n
from govlint.source import InputError

# What a Budget reads, for its messages ("reading the PDF took …" / "读取PDF文件用时超过 …").
# C0 controls other than TAB and LF, DEL, and the C1 block: nothing a reader should pass on.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u200b-\u200d\u2060\ufeff\ufffe\uffff]")
_SPACES = re.compile(r"[ \t\r\n\f\v]+")


def clean(text: str) -> str:
    """Drop control characters, soft hyphens and zero-width marks (nothing else changes)."""
    return _CONTROLS.sub("", text)


def cell_text(text: str) -> str:
    """A table cell on one line: no TAB or line break inside, surrounding space stripped.

    A line break between two CJK characters (a label wrapped inside its cell) disappears;
    other runs of white space become one space."""
    text = clean(text)
    if "\n" in text or "\r" in text:
        pieces = [piece.strip() for piece in re.split(r"[\r\n]+", text)]
        joined = ""
        for piece in pieces:
            if not piece:
                continue
            if joined and not (is_cjk(joined[-1]) and is_cjk(piece[0])):
                joined += " "
            joined += piece
        text = joined
    return _SPACES.sub(" ", text).strip()


# -- limits every reader enforces on the whole input ----------------------------------------------

MAX_SECONDS = 20          # wall time to read one file, checked inside the readers' loops
MAX_TEXT = 5_000_000      # characters of rendered text (a long report has 100,000)
MAX_GRID_CELLS = 200_000  # grid positions of all the tables of one document (table 3 has 280)
MAX_SPAN = 1000           # a colspan or rowspan beyond this is junk, not a table


class Budget:
    """The limits of one reading: a deadline, and how much text and how many table grid
    cells the whole document may produce.  ``check()`` is cheap: readers call it in their
    loops (per paragraph, row, element, glyph batch), not only between pages."""

    def __init__(self, path: str, what: i18n.Message, seconds: float | None = None,
                 max_text: int | None = None, max_cells: int | None = None):
        self.path = path
        self.what = what  # "the PDF" / "PDF 文件": what the limit messages name, in both languages
        self.seconds = MAX_SECONDS if seconds is None else seconds
        self.deadline = time.monotonic() + self.seconds
        self.max_text = MAX_TEXT if max_text is None else max_text
        self.max_cells = MAX_GRID_CELLS if max_cells is None else max_cells
        self.cells = 0

    def check(self, where: str = "") -> None:
        if time.monotonic() > self.deadline:
            self.over_time(where)

    def over_time(self, where="") -> None:
        """``where``: "" or a Message such as ", stopped at page 3"."""
        raise InputError(i18n.fmt("{path}: reading {what} took more than {seconds:g} s (the time limit){where}; "
                                  "not a report",
                                  "{path}: 读取{what}用时超过 {seconds:g} 秒（时间上限）{where}，不是年度报告",
                                  path=self.path, what=self.what, seconds=self.seconds, where=where))

    def text(self, length: int) -> None:
        if length > self.max_text:
            raise InputError(i18n.fmt("{path}: {what} renders to more than {limit:,} characters of text "
                                      "(the text limit); not a report",
                                      "{path}: {what}转成文本后超过 {limit:,} 个字符（文本字符上限），不是年度报告",
                                      path=self.path, what=self.what, limit=self.max_text))

    def grid(self, cells: int) -> None:
        self.cells += cells
        if self.cells > self.max_cells:
            raise InputError(i18n.fmt("{path}: the tables of {what} span more than {limit:,} grid cells in all "
                                      "(the table-cell limit); not a report",
                                      "{path}: {what}中的表格共超过 {limit:,} 个单元格（表格单元格上限），不是年度报告",
                                      path=self.path, what=self.what, limit=self.max_cells))


class TextBuilder:
    """Lines of text, each with where it came from (and, given a Budget, within its limits)."""

    def __init__(self, budget: Budget | None = None):
        self.parts: list[str] = []
        self.length = 0
        self.starts: list[int] = []  # offset where each located piece starts
        self.places: list[dict] = []
        self.budget = budget

    def _mark(self, place: dict) -> None:
        if self.starts and self.starts[-1] == self.length:
            self.places[-1] = place
        else:
            self.starts.append(self.length)
            self.places.append(place)

    def _add(self, text: str) -> None:
        self.parts.append(text)
        self.length += len(text)
        if self.budget is not None:
            self.budget.text(self.length)

    def line(self, text: str, place: dict) -> None:
        """One line of prose (line breaks inside it are kept: the line classifier re-flows them)."""
        text = clean(text).replace("\r\n", "\n").replace("\r", "\n")
        if self.budget is not None:
            self.budget.check()
        if not text.strip():
            return
        self._mark(place)
        self._add(text.rstrip() + "\n")

    def row(self, cells: list[tuple[str, dict]]) -> None:
        """One table row: cells joined by TAB; each cell locates its own text.

        Leading empty cells are kept (they tell the line classifier nothing but keep columns
        visible); trailing empty cells are dropped; a row of empty cells is no line."""
        if self.budget is not None:
            self.budget.check()
        while cells and not cells[-1][0]:
            cells = cells[:-1]
        if not cells:
            return
        for index, (text, place) in enumerate(cells):
            if index:
                self._add("\t")
            self._mark(place)
            self._add(text)
        self._add("\n")

    def blank(self) -> None:
        if self.parts and self.parts[-1] != "\n":
            self._add("\n")

    def extend(self, other: "TextBuilder") -> None:
        """Append another builder's lines, with their places."""
        for start, place in zip(other.starts, other.places):
            self.starts.append(self.length + start)
            self.places.append(place)
        self.parts.extend(other.parts)
        self.length += other.length
        if self.budget is not None:
            self.budget.text(self.length)

    @property
    def empty(self) -> bool:
        return self.length == 0

    def text(self) -> str:
        return "".join(self.parts)

    def locator(self):
        starts = self.starts
        places = self.places

        def locate(offset: int) -> dict:
            index = bisect_right(starts, offset) - 1
            if index < 0:
                return dict(places[0]) if places else {}
            return dict(places[index])
        return locate


class GridCell:
    """A table cell before merges are resolved."""

    __slots__ = ("text", "colspan", "rowspan", "place")

    def __init__(self, text: str, colspan: int = 1, rowspan: int = 1, place: dict | None = None):
        self.text = text
        self.colspan = max(1, colspan)
        self.rowspan = max(1, rowspan)
        self.place = place or {}


def grid_rows(rows: list[list[GridCell]], budget: Budget) -> list[list[tuple[str, dict]]]:
    """Resolve rowspan/colspan (HTML semantics: a spanned cell is absent from the rows
    below).  Returns each row's fields (text, place): one field per cell that starts in
    the row, and one empty field for each cell reaching down into it from above (at the
    cell's first column; a cell spanning columns and rows gives one empty field).

    The grid positions the spans cover count against the budget of the whole document
    (``Budget.grid``), before they are filled in."""
    occupied: dict[tuple[int, int], tuple[GridCell, int, int]] = {}  # (row, col) → cell, its top, its left
    widths: dict[int, int] = {}
    result = []
    for r, cells in enumerate(rows):
        budget.check()
        column = 0
        for cell in cells:
            while (r, column) in occupied:
                column += 1
            colspan = min(cell.colspan, MAX_SPAN)
            rowspan = min(cell.rowspan, MAX_SPAN, len(rows) - r)
            budget.grid(colspan * rowspan)
            for dr in range(rowspan):
                for dc in range(colspan):
                    occupied.setdefault((r + dr, column + dc), (cell, r, column))
                widths[r + dr] = max(widths.get(r + dr, 0), column + colspan)
            column += colspan
        fields = []
        for c in range(widths.pop(r, 0)):
            entry = occupied.pop((r, c), None)
            if entry is None:
                continue
            cell, top, left = entry
            if left != c:
                continue  # covered by a cell spanning columns: it is one field
            if top == r:
                fields.append((cell_text(cell.text), cell.place))
            else:
                fields.append(("", cell.place))  # the cell above reaches down into this row
        result.append(fields)
    return result
