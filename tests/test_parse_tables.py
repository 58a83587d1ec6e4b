"""The tree builder (govlint.parse.tables): table lines → rows with canonical keys and cell values.

The same tables written in the layouts extraction produces (tabs, runs of spaces, markdown pipes)
must give the same rows, keys and values; a wrong number stays where it was written."""
from __future__ import annotations

import re

import pytest

from conftest import EXAMPLES
from govlint.grammar.spec import spec
from govlint.parse.outline import parse
from govlint.source import Source

CLEAN = (EXAMPLES / "clean-2021.txt").read_text(encoding="utf-8")


def tables_of(text: str):
    doc = parse(Source(text, "t.txt"))
    return doc.table2, doc.table3, doc.table4


def values(table) -> dict:
    return {row.key: [cell.value for cell in row.cells] for row in table.row_order}


def relayout(text: str, layout: str) -> str:
    """Table lines (those with a tab) rewritten: 'spaces' → runs of spaces, 'pipes' → | a | b |."""
    out = []
    for line in text.split("\n"):
        if "\t" not in line:
            out.append(line)
        elif layout == "spaces":
            out.append(re.sub(r"\t", "    ", line))
        else:
            out.append("| " + " | ".join(line.split("\t")) + " |")
    return "\n".join(out)


def test_table_3_has_every_canonical_row_of_its_format_with_seven_values():
    _, table3, _ = tables_of(CLEAN)
    assert [row.key for row in table3.row_order] == spec().t3_keys("2021")
    assert all(len(row.cells) == spec().t3_width() and row.width_ok for row in table3.row_order)
    assert table3.version == "2021"


def test_table_4_has_its_groups_by_columns():
    _, _, table4 = tables_of(CLEAN)
    assert len(table4.cells) == spec().t4_width()
    assert set(table4.labelled) <= set(spec().t4_groups())


@pytest.mark.parametrize("layout", ["spaces", "pipes"])
def test_the_same_tables_in_another_layout_read_the_same(layout):
    tab = tables_of(CLEAN)
    other = tables_of(relayout(CLEAN, layout))
    for written, rewritten in zip(tab, other):
        assert values(written) and values(written) == values(rewritten), layout


def test_a_wrong_number_stays_in_its_row_and_column():
    _, table3, _ = tables_of(CLEAN)
    row = table3.row("new")
    changed = CLEAN.replace(row_line(CLEAN, "一、本年新收"), bump_last(row_line(CLEAN, "一、本年新收")), 1)
    _, table3_changed, _ = tables_of(changed)
    before, after = values(table3), values(table3_changed)
    assert after["new"][:-1] == before["new"][:-1] and after["new"][-1] == before["new"][-1] + 1
    assert {key: cells for key, cells in after.items() if key != "new"} == \
        {key: cells for key, cells in before.items() if key != "new"}
    assert row is not None


def row_line(text: str, label: str) -> str:
    return next(line for line in text.split("\n") if line.startswith(label) and "\t" in line)


def bump_last(line: str) -> str:
    cells = line.split("\t")
    cells[-1] = str(int(cells[-1]) + 1)
    return "\t".join(cells)


def _generated_reports(fmt: str, count: int) -> list:
    import sys
    from pathlib import Path
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    from generate import make_report, render
    reports = []
    for index in range(400):
        report = make_report(11, index, defect_rate=0.0)
        if report.fmt == fmt and report.layout in ("tab", "pipe"):
            reports.append(render(report, 11))
        if len(reports) == count:
            break
    return reports


@pytest.mark.parametrize("fmt", ["2021", "2019-trial"])
def test_table_2_without_its_header_lines_takes_the_report_format(fmt):
    """An extraction that lost table 2's column headers (信息内容 | 本年制发件数 …) leaves no version
    evidence in the table: its rows are read with the widths of the report's own format, never the
    other format's (which made 2021 rows look short: a false GL306)."""
    from govlint.lint.linter import Linter, Options
    linter = Linter(Options(select=["GL3"]))
    for text in _generated_reports(fmt, 6):
        lost = "\n".join(line for line in text.split("\n") if "信息内容" not in line)
        before = linter.lint_bytes(text.encode("utf-8"), "r.txt")
        after = linter.lint_bytes(lost.encode("utf-8"), "r.txt")
        table = after.doc.table2
        assert table is not None and not table.headers
        widths = spec().t2_columns(fmt)
        for row in table.row_order:
            if row.key in widths:
                assert row.expected_width == len(widths[row.key]), (fmt, row.label)
        assert sorted(d.code for d in after.diagnostics) == sorted(d.code for d in before.diagnostics)
