"""zero-table: with no new and no carried-over applications, table 3 is all zeros."""
from __future__ import annotations

from govlint.grammar.spec import spec
from govlint.rules.api import CheckKind, Finding, check_kind
from govlint.rules.kinds._util import cell_place, cell_place_en, is_value, number_text



@check_kind
class ZeroTable(CheckKind):
    """If 一(总计) + 二(总计) = 0, every cell of table 3 must be 0.  A blank total is an export's 0
    (cell-relation's reading): the finding is then the case blank_as_zero, less sure."""

    name = "zero-table"
    FIELDS = ("where", "where_en", "found", "expected")
    CASES = ("blank_as_zero",)

    def check(self, doc, params):
        table = doc.table3
        if table is None:
            return
        incoming = spec().t3_incoming_keys()  # new, carried
        totals = []
        blank = False
        for key in incoming:
            row = table.rows.get(key)
            cell = row.cell("total") if row is not None and row.width_ok else None
            if cell is not None and cell.kind == "BLANK":
                blank = True
                continue
            if cell is None or not cell.is_number or not is_value(cell.value):
                return
            totals.append(cell.value)
        if sum(totals) != 0:
            return
        for row in table.row_order:
            if not row.width_ok or row.key in incoming:
                continue
            values = row.whole_values()
            if values is not None and not any(values):
                continue  # every cell a whole 0, as in nearly every such table: no call per cell
            for cell, column in zip(row.cells, row.columns):
                if cell.is_number and is_value(cell.value) and cell.value != 0:
                    yield Finding(cell.span, {"where": cell_place("table3", row, column),
                                              "where_en": cell_place_en("table3", row, column),
                                              "found": number_text(cell.value), "expected": "0"},
                                  case="blank_as_zero" if blank else None)
