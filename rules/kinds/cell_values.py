"""cell-values: every value cell is a number of the right kind (not blank, not text, not negative).

Which cells take part in table arithmetic is the document's business (``Cell.kind``), not this
rule's: a blank or non-numeric cell is left out of every relation whether this rule is selected
or not (see govlint.rules.kinds.cell_relation).  A negative or fractional number is still a
number: reported here, and computed by the relations too.
"""
from __future__ import annotations

import math

from govlint.rules.api import CheckKind, Finding, Param, check_kind, fold
from govlint.grammar.shapes import MAX_DIGITS, is_number, number_shaped
from govlint.rules.kinds._util import (
    SHORT_TABLE,
    SHORT_TABLE_EN,
    cell_place,
    cell_place_en,
    column_name,
    column_name_en,
    row_name,
)


def _case(cell, place: str, signed: set, decimal: set) -> str | None:
    """What is wrong with a cell (None: nothing); ``place`` is "table.column"."""
    if cell.kind == "BLANK":
        return None  # reported per row
    if cell.kind != "NUM":
        return "non_numeric"
    value = cell.value
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return "non_numeric"  # a number the line classifier could not give a value
    if isinstance(value, float) and math.isnan(value):
        return "non_numeric"
    if value < 0 and place not in signed:
        return "negative"
    if isinstance(value, float) and not value.is_integer() and place not in decimal:
        return "fraction"
    return None



@check_kind
class CellValues(CheckKind):
    """Value cells are whole numbers ≥ 0, except where the format allows signs or decimals.

    Blank cells (left empty, a mark such as "—" or "/" for none, or dropped at the end of a row by
    an export) have one cause, a table that leaves zero cells blank: a row with blanks is reported
    on its own only when it is the table's only one; blanks in several rows are one finding for
    the table, at its first blank cell, with the others as related spans."""

    name = "cell-values"
    FIELDS = ("where", "where_en", "table", "table_en", "row", "columns", "columns_en", "count", "value",
              "digits", "max_digits", "rows", "rows_en", "written", "written_en")
    CASES = ("blank", "blank_table", "negative", "fraction", "too_long")
    PARAMS = {
        "signed": Param(list, ["table2.change"], "table.column cells that may be signed (本年增/减)"),
        "decimal": Param(list, ["table2.amount"], "table.column cells that may have decimals (金额)"),
    }

    def check(self, doc, params):
        signed = set(params["signed"])
        decimal = set(params["decimal"])
        text = doc.source.text
        for table in doc.tables():
            blank_rows = []  # (row, [(cell, column), …]) of each row with blanks
            for row in table.row_order:
                cells = row.cells
                if len(cells) != row.expected_width:
                    continue  # (not width_ok) table-shape reports the row; its cells have no columns
                values = row.whole_values()
                if values and min(values) >= 0:
                    continue  # counts only, as nearly every row is: no blank, nothing to report
                columns = list(row.columns or [])
                columns += [None] * (len(row.cells) - len(columns))
                blanks = [(cell, column) for cell, column in zip(row.cells, columns) if cell.kind == "BLANK"]
                if blanks:
                    blank_rows.append((row, blanks))
                for cell, column in zip(row.cells, columns):
                    value = cell.value
                    if type(value) is int and value >= 0 and cell.kind == "NUM":
                        continue  # a count, as nearly every cell is: no call for it (a hot loop)
                    case = _case(cell, f"{table.kind}.{column}", signed, decimal)
                    if case is None:
                        continue
                    written = text[cell.start:cell.end].strip() if cell.start is not None else ""
                    folded = fold(written)
                    if case == "non_numeric" and number_shaped(folded) and not is_number(folded):
                        case = "too_long"  # a digit run longer than any count (normalize.MAX_DIGITS)
                    args = {"where": cell_place(table.kind, row, column),
                            "where_en": cell_place_en(table.kind, row, column),
                            "value": written if len(written) <= 24 else written[:20] + "…",
                            "digits": sum(ch.isdigit() for ch in folded), "max_digits": MAX_DIGITS}
                    yield Finding(cell.span, args, case=None if case == "non_numeric" else case)
            if blank_rows:
                yield _blank_finding(table, blank_rows, text)


def _blank_finding(table, blank_rows: list, text: str) -> Finding:
    """One finding for a table's blank cells: the row's when one row has them, else the table's."""
    first_row, first_blanks = blank_rows[0]
    cells = [cell for _row, blanks in blank_rows for cell, _column in blanks]
    named = []
    for _row, blanks in blank_rows:
        for _cell, column in blanks:
            if column is not None and column not in named:
                named.append(column)
    if len(blank_rows) > 1:
        order = {column: index for index, column in enumerate(first_row.columns or [])}
        named.sort(key=lambda column: order.get(column, len(order)))
    marks: dict[str, int] = {}
    for cell in cells:
        written = text[cell.start:cell.end].strip()
        if written:
            marks[written] = marks.get(written, 0) + 1
    shown = "".join(f"“{mark}”" for mark in marks)
    shown_en = ", ".join(f'"{mark}"' for mark in marks)
    count = sum(marks.values())
    group = table.kind == "table4"
    args = {
        "where": cell_place(table.kind, first_row, None), "where_en": cell_place_en(table.kind, first_row, None),
        "table": SHORT_TABLE[table.kind], "table_en": SHORT_TABLE_EN[table.kind],
        "row": row_name(table.kind, first_row.key, first_row.label),
        "columns": "、".join(column_name(table.kind, column) for column in named),
        "columns_en": ", ".join(column_name_en(table.kind, column) for column in named),
        "count": len(cells),
        "rows": f"{len(blank_rows)} {'组' if group else '行'}",
        "rows_en": f"{len(blank_rows)} {'groups' if group else 'rows'}",
        "written": f"，其中 {count} 个写作{shown}" if count else "",
        "written_en": f" ({count} of them written as {shown_en})" if count else ""}
    return Finding(first_blanks[0][0].span, args, case="blank" if len(blank_rows) == 1 else "blank_table",
                   related=[cell.span for cell in cells[1:]])
