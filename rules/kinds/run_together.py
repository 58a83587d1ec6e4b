"""run-together-cells: table cells written without separators (crawler text), once per table.

The line classifier reads a table-3 label followed by a run of digits (…申请数量801000081) and
parse/digits.py splits the run when exactly one split fits the row (the 总计 cell is the sum of
the applicant cells and the row has its width).  The table builder notes each such row on the
table: ``Table.recovered`` (split, read as numbers) or ``Table.inseparable`` (no unique split: the
row keeps no numbers and the table gets no arithmetic).  This kind says so once per table.
"""
from __future__ import annotations

from govlint.rules.api import CheckKind, Finding, check_kind
from govlint.rules.kinds._util import SHORT_TABLE, SHORT_TABLE_EN


@check_kind
class RunTogetherCells(CheckKind):
    """Rows whose cells ran together: recovered (info) or inseparable (one finding per table)."""

    name = "run-together-cells"
    FIELDS = ("table", "table_en", "count")
    CASES = ("recovered",)

    def check(self, doc, params):
        for table in doc.tables():
            for spans, case in ((table.inseparable, None), (table.recovered, "recovered")):
                if spans:
                    yield Finding(spans[0], {"table": SHORT_TABLE[table.kind], "table_en": SHORT_TABLE_EN[table.kind],
                                             "count": len(spans)}, case=case, related=list(spans[1:]))
