"""cell-values: every value cell is a number of the right kind (not blank, not text, not negative)."""
from __future__ import annotations

from govlint.diagnostics import Finding
from govlint.registry import CheckKind, Param, check_kind
from govlint.rules.kinds._util import SHORT_TABLE, cell_place, column_name, row_name


@check_kind
class CellValues(CheckKind):
    """Value cells are whole numbers ≥ 0, except where the format allows signs or decimals."""

    name = "cell-values"
    CASES = ("blank", "negative", "fraction")
    PARAMS = {
        "signed": Param(list, ["table2.change"], "table.column cells that may be signed (本年增/减)"),
        "decimal": Param(list, ["table2.amount"], "table.column cells that may have decimals (金额)"),
    }

    def check(self, doc, params):
        signed = set(params["signed"])
        decimal = set(params["decimal"])
        for table in doc.tables():
            for row in table.row_order:
                if not row.width_ok:
                    continue  # table-shape reports the row; its cells have no columns
                blanks = [cell for cell in row.cells if cell.kind == "BLANK"]
                if blanks:
                    yield Finding(blanks[0].span, {
                        "where": cell_place(table.kind, row, None), "table": SHORT_TABLE[table.kind],
                        "row": row_name(table.kind, row.key, row.label),
                        "columns": "、".join(column_name(table.kind, column)
                                            for c, column in zip(row.cells, row.columns) if c.kind == "BLANK"),
                        "count": len(blanks)}, case="blank", related=[c.span for c in blanks[1:]])
                for cell, column in zip(row.cells, row.columns):
                    case = None
                    if cell.kind == "BAD":
                        case = "non_numeric"
                    elif cell.kind == "NUM":
                        value = cell.value
                        if value < 0 and f"{table.kind}.{column}" not in signed:
                            case = "negative"
                        elif isinstance(value, float) and not value.is_integer() \
                                and f"{table.kind}.{column}" not in decimal:
                            case = "fraction"
                    if case is not None:
                        args = {"where": cell_place(table.kind, row, column), "value": cell.text(doc.source).strip()}
                        yield Finding(cell.span, args, case=None if case == "non_numeric" else case)
