"""Table structure checks: table-present, table-version, table-shape, row-labels."""
from __future__ import annotations

from govlint.grammar.spec import TABLE_FORMATS, TABLES, spec
from govlint.rules.api import CheckKind, Edit, Finding, Param, Span, check_kind
from govlint.rules.kinds._util import SHORT_TABLE, SHORT_TABLE_EN, TABLE_NAMES, doc_start, quoted_list, row_name

# "2021年格式（国办公开办函〔2021〕30号）" / 'the 2021 format ("国办公开办函〔2021〕30号")': the name and
# the notice that sets a format with tables.
_FORMAT_NAMES = {fmt: f"{spec().format_name(fmt, 'zh')}（{spec().notice(fmt)}）" for fmt in TABLE_FORMATS}
_FORMAT_NAMES_EN = {fmt: f'the {spec().format_name(fmt, "en")} ("{spec().notice(fmt)}")' for fmt in TABLE_FORMATS}


def _table_args(kind: str) -> dict:
    return {"table": SHORT_TABLE[kind], "table_en": SHORT_TABLE_EN[kind]}


@check_kind
class TablePresent(CheckKind):
    """The mandated tables 2, 3 and 4 are in the report."""

    name = "table-present"
    FIELDS = ("table", "table_en")
    PARAMS = {"tables": Param(list, list(TABLES), "tables the format mandates")}

    def check(self, doc, params):
        for kind in params["tables"]:
            if getattr(doc, kind) is not None:
                continue
            section = doc.section(spec().table_section(kind))
            span = section.heading.span if section else doc_start(doc)
            yield Finding(span, {"table": TABLE_NAMES[kind]["zh"], "table_en": TABLE_NAMES[kind]["en"]})


@check_kind
class TableVersion(CheckKind):
    """Tables 2 and 3 have the layout of the report's format, not the other version's."""

    name = "table-version"
    FIELDS = ("table", "table_en", "found", "found_en", "expected", "expected_en", "year")

    def check(self, doc, params):
        fmt = doc.format
        for table in (doc.table2, doc.table3):
            if table is None or table.version is None or table.version == fmt:
                continue
            spans = table.version_evidence or [table.span]  # what made the parser decide (headers, rows)
            yield Finding(spans[0], {**_table_args(table.kind),
                                     "found": _FORMAT_NAMES.get(table.version, table.version),
                                     "found_en": _FORMAT_NAMES_EN.get(table.version, table.version),
                                     "expected": _FORMAT_NAMES.get(fmt, fmt or ""),
                                     "expected_en": _FORMAT_NAMES_EN.get(fmt, fmt or ""), "year": doc.year or ""},
                          related=spans[1:])


def _layout(doc, table) -> str | None:
    return table.version or (doc.format if doc.format in TABLE_FORMATS else None)


@check_kind
class TableShape(CheckKind):
    """Every table row has the number of cells its layout has (reported once per table)."""

    name = "table-shape"
    FIELDS = ("table", "table_en", "rows", "rows_en", "expected", "count")

    def check(self, doc, params):
        width = spec().t4_width()         # table 4's values: every group × every column
        groups = len(spec().t4_groups())  # or one labelled row per group
        for table in doc.tables():
            if table.kind == "table4":
                count = len(table.cells)
                if table.cells and count != width and len(table.labelled) != groups:
                    span = Span(table.cells[0].start, table.cells[-1].end)
                    yield Finding(span, {**_table_args("table4"), "rows": f"{count} 个数值",
                                         "rows_en": f"{count} values", "expected": width, "count": 1})
                continue
            bad = [row for row in table.row_order  # (not width_ok, inline: a row of every table)
                   if row.cells and len(row.cells) != row.expected_width and row.expected_width]
            inseparable = {(span.start, span.end) for span in table.inseparable}  # GL004's: numbers run together
            bad += [row for row in table.row_order if not row.cells and row.expected_width
                    and (row.span.start, row.span.end) not in inseparable]
            if not bad:
                continue
            bad.sort(key=lambda row: row.span.start)
            names = [row_name(table.kind, row.key, row.label) for row in bad[:6]]
            described = "、".join(f"{name}（{len(row.cells)}个）" for name, row in zip(names, bad))
            described_en = ", ".join(f"\"{name}\" ({len(row.cells)})" for name, row in zip(names, bad))
            if len(bad) > 6:
                described += f" 等{len(bad)}行"
                described_en += f" and more ({len(bad)} rows)"
            yield Finding(bad[0].span, {**_table_args(table.kind), "rows": described, "rows_en": described_en,
                                        "expected": bad[0].expected_width, "count": len(bad)},
                          related=[row.span for row in bad[1:]])


@check_kind
class RowLabels(CheckKind):
    """Every mandated row is there once, no unknown rows, labels of the report's format."""

    name = "row-labels"
    FIELDS = ("table", "table_en", "label", "expected", "count", "labels", "labels_en", "differ")
    CASES = ("missing", "missing_many", "unknown", "duplicate", "duplicate_many", "old_label")
    PARAMS = {"list_up_to": Param(int, 3, "missing or repeated rows reported one by one up to this many; more "
                                          "are one diagnostic")}

    def check(self, doc, params):
        c = spec()
        for table in (doc.table2, doc.table3):
            if table is None:
                continue
            layout = _layout(doc, table)
            for row in table.unknown_rows:
                yield Finding(row.label_span, {**_table_args(table.kind), "label": row.label.strip()},
                              case="unknown")
            duplicates = table.duplicate_rows
            if len(duplicates) > params["list_up_to"]:
                # A table seen twice (a page's table and its text, a paste repeated): one cause.
                differ = sum(1 for row in duplicates if _values(row) != _values(table.rows.get(row.key)))
                yield Finding(duplicates[0].label_span, {
                    **_table_args(table.kind), "count": len(duplicates), "differ": differ,
                    "label": row_name(table.kind, duplicates[0].key, duplicates[0].label)},
                    case="duplicate_many", related=[row.label_span for row in duplicates[1:]])
                duplicates = []
            for row in duplicates:
                yield Finding(row.label_span, {**_table_args(table.kind),
                                               "label": row_name(table.kind, row.key, row.label)}, case="duplicate")
            if table.kind == "table2":
                for row in table.row_order:
                    if row.old_label:
                        new = c.t2_old_labels(layout)[row.old_label]
                        yield Finding(row.label_span,
                                      {**_table_args("table2"), "label": row.old_label, "expected": new},
                                      case="old_label", edits=[Edit(row.label_span.start, row.label_span.end, new)])
            if layout is None or (table.version and doc.format in TABLE_FORMATS
                                  and table.version != doc.format):
                continue  # the other version's table: table-version reports it once
            expected = self._expected(table.kind, layout)
            missing = [key for key in expected if key not in table.rows]
            if len(missing) > params["list_up_to"]:
                labels = [row_name(table.kind, key) for key in missing]
                yield Finding(self._where(table, missing[0], expected), {
                    **_table_args(table.kind), "count": len(missing), "labels": quoted_list(labels, 5),
                    "labels_en": quoted_list(labels, 5, "en")}, case="missing_many")
                continue
            for key in missing:
                yield Finding(self._where(table, key, expected), {
                    **_table_args(table.kind), "label": row_name(table.kind, key)}, case="missing")

    @staticmethod
    def _expected(kind: str, layout: str) -> list[str]:
        c = spec()
        if kind == "table3":
            return c.t3_keys(layout)
        return [key for block in c.t2_blocks(layout) for key, _ in block["rows"]]

    @staticmethod
    def _where(table, key, expected) -> Span:
        """Point where the missing row should be: just after the row before it."""
        position = expected.index(key)
        for earlier in reversed(expected[:position]):
            row = table.rows.get(earlier)
            if row is not None:
                return Span(row.span.end, row.span.end)
        return Span(table.span.start, table.span.start)


def _values(row) -> list | None:
    """A row's cell values, for telling a row seen twice from two rows that disagree."""
    return None if row is None else [(cell.kind, cell.value) for cell in row.cells]
