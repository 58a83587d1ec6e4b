"""Table labels cut over two lines (a narrow label column in a PDF or Word export, issue 9): the
label's first part ends a line, the rest starts the next one with the row's cells.  The row is one
row at its label's first line, never a missing row (GL308) and an unknown one."""
from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest

from conftest import EXAMPLES

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import invariance  # noqa: E402  (benchmarks/invariance.py)
import layouts  # noqa: E402
from generate import make_report  # noqa: E402

CLEAN = (EXAMPLES / "clean-2021.txt").read_text(encoding="utf-8")
ROW = "行政规范性文件\t1\t0\t4"


def lint(linter, text):
    return linter.lint_bytes(text.encode("utf-8"), "cut.txt")


@pytest.mark.parametrize("cut", [2, 4, 6])
def test_a_table2_label_cut_over_two_lines_is_one_row(linter, cut):
    assert ROW in CLEAN
    label, cells = ROW.split("\t", 1)
    result = lint(linter, CLEAN.replace(ROW, f"{label[:cut]}\n{label[cut:]}\t{cells}"))
    row = result.doc.table2.rows["normative"]
    assert [c.value for c in row.cells] == [1, 0, 4] and row.label == label
    assert result.source.position(row.label_span.start) == (24, 1)  # where the label starts
    assert not result.doc.table2.unknown_rows
    assert [d.code for d in result.diagnostics] == [d.code for d in lint(linter, CLEAN).diagnostics]


def test_a_first_part_no_line_completes_stays_an_unknown_row(linter):
    label = ROW.split("\t", 1)[0]
    result = lint(linter, CLEAN.replace(ROW, f"{label[:4]}\n{ROW}"))
    assert [row.label for row in result.doc.table2.unknown_rows] == [label[:4]]
    assert result.doc.table2.rows["normative"].cells[0].value == 1


def test_generated_reports_with_cut_labels_read_as_written(linter):
    """Every table label of eight characters or more cut at random in 40 generated reports (tables 2
    and 3): the same diagnostics as the reference layout."""
    layout = layouts.BY_NAME["label-cut"]
    differing, measured = [], 0
    for index in range(40):
        report = make_report(20240601, index, 0.3)
        if not layout.applies(report):
            continue
        measured += 1
        reference = layouts.render_layout(layouts.BY_NAME[layouts.REFERENCE], report, 20240601)
        cut = layouts.render_layout(layout, report, 20240601)
        expected = invariance.keys_of(lint(linter, reference.data))
        found = invariance.keys_of(lint(linter, cut.data))
        if Counter(expected) != Counter(found):
            differing.append((index, expected - found, found - expected))
    assert measured >= 30 and not differing, differing[:3]
