"""Blank cells (issue 9, layout class 3): HTML and Word exports leave zero cells empty.

Empty cells (trailing ones kept or dropped by the export, an empty first value cell, a row whose
cells are all empty) and marks for "none" (``—``, ``/``) are blank cells: GL306, once per table
when several rows have them, never a row-width error (GL307), a missing row (GL308), unplaced
text (GL003), nor arithmetic.  Hand-written cases at line:column, then generated reports
(benchmarks/generate.py, tab and markdown-pipe layouts) with their zero cells blanked out.
"""
from __future__ import annotations

import random
import sys
from collections import Counter
from pathlib import Path

import pytest

from conftest import EXAMPLES, codes, lint_text

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from generate import DEFECTS_TABLES, make_report, render  # noqa: E402

TITLE = "某某局2022年政府信息公开工作年度报告"
T3 = "三、收到和处理政府信息公开申请情况"
NEW = "一、本年新收政府信息公开申请数量"
CARRIED = "二、上年结转政府信息公开申请数量"


def lint(linter, *lines: str):
    return lint_text(linter, "\n".join([TITLE, *lines]) + "\n", year=2022)


def where(result, code: str) -> list[tuple[int, int]]:
    return [result.source.position(d.span.start) for d in result.diagnostics if d.code == code]


def test_trailing_empty_cells_of_a_tab_row_are_blanks(linter):
    result = lint(linter, T3, f"{NEW}\t3\t\t\t\t\t\t3", f"{CARRIED}\t\t\t\t\t\t\t")
    table = result.doc.table3
    assert [c.kind for c in table.rows["carried"].cells] == ["BLANK"] * 7
    assert where(result, "GL306") == [(3, 20)]  # the first blank cell, once for both rows
    message = next(d.message for d in result.diagnostics if d.code == "GL306")
    assert message.startswith("表三有 2 行共 12 个空白单元格")
    assert not {"GL307", "GL003"} & set(codes(result))


def test_an_empty_first_value_cell_is_a_cell_not_part_of_the_label(linter):
    result = lint(linter, T3, f"{NEW}\t\t35\t0\t0\t0\t0\t35")
    row = result.doc.table3.rows["new"]
    assert row.label == NEW and row.width_ok and [c.value for c in row.cells] == [None, 35, 0, 0, 0, 0, 35]
    assert where(result, "GL306") == [(3, 18)]
    message = next(d.message for d in result.diagnostics if d.code == "GL306")
    assert message == f"表三“{NEW}”行有 1 个空白单元格（自然人），没有数据应填 0"  # one row: the row's message
    assert "GL303" not in codes(result)  # a relation through a blank is not computed


@pytest.mark.parametrize("mark", ["—", "/", "-", "－"])
def test_a_mark_for_none_is_a_blank(linter, mark):
    result = lint(linter, T3, f"{NEW}\t3\t{mark}\t0\t0\t0\t0\t4")
    assert result.doc.table3.rows["new"].cells[1].kind == "BLANK"
    diagnostic = next(d for d in result.diagnostics if d.code == "GL306")
    assert result.source.position(diagnostic.span.start) == (3, 20) and diagnostic.severity == "warning"
    assert f"其中 1 个写作“{mark}”" in diagnostic.message
    # 3 + blank + … = 4: the blank counted as 0, the difference is a warning that says so
    total = next(d for d in result.diagnostics if d.code == "GL303")
    assert total.severity == "warning" and "其中 1 个空白单元格按 0 计" in total.message


def test_a_row_the_export_cut_short_is_padded_with_blanks(linter):
    # Trailing empty cells dropped: row 二 ends after its first value, row (一) is its label alone.
    result = lint(linter, T3, f"{NEW}\t3\t\t\t\t\t\t3", f"{CARRIED}\t2", "(一) 予以公开")
    table = result.doc.table3
    assert [c.kind for c in table.rows["carried"].cells] == ["NUM"] + ["BLANK"] * 6
    assert [c.kind for c in table.rows["granted"].cells] == ["BLANK"] * 7
    assert where(result, "GL306") == [(3, 20)]
    assert not {"GL307", "GL003"} & set(codes(result))
    assert "（一）予以公开" not in " ".join(d.message for d in result.diagnostics if d.code == "GL308")


def test_a_short_row_is_a_width_error_where_a_cell_could_be_missing_anywhere(linter):
    # A space-separated row: the missing cell could be any of them.
    result = lint(linter, T3, f"{NEW} 3 — 0 0 0 0 3", f"{CARRIED} 2 0 0 0 0 2")
    assert where(result, "GL307") == [(4, 1)]
    # A tab row short of a cell in a table that writes every cell: a cell is missing, not a blank.
    result = lint(linter, T3, f"{NEW}\t3\t0\t0\t0\t0\t0\t3", f"{CARRIED}\t2\t0\t0\t0\t2")
    assert where(result, "GL307") == [(4, 1)] and "GL306" not in codes(result)


def test_surplus_blanks_are_trimmed(linter):
    # an export's trailing tab, and a tab aligning the values after a short label
    result = lint(linter, T3, f"{NEW}\t3\t0\t0\t0\t0\t0\t3\t", f"{CARRIED}\t\t1\t0\t0\t0\t0\t0\t1")
    rows = result.doc.table3.rows
    assert [c.value for c in rows["new"].cells] == [3, 0, 0, 0, 0, 0, 3]
    assert [c.value for c in rows["carried"].cells] == [1, 0, 0, 0, 0, 0, 1]
    assert not {"GL306", "GL307"} & set(codes(result))


def test_table_2_rows_with_empty_cells(linter):
    result = lint(linter, "二、主动公开政府信息情况", "第二十条第（一）项", "信息内容\t本年制发件数\t本年废止件数\t现行有效件数",
                  "规章\t1\t\t3", "行政规范性文件\t\t\t", "第二十条第（五）项", "信息内容\t本年处理决定数量", "行政许可")
    table = result.doc.table2
    assert [c.kind for c in table.rows[next(k for k in table.rows if "规范性" in table.rows[k].label)].cells] == \
        ["BLANK"] * 3
    assert all(row.width_ok for row in table.row_order)
    assert where(result, "GL306") == [(5, 6)]
    assert not {"GL307", "GL003"} & set(codes(result))


@pytest.mark.parametrize("trailing", ["\t\t\t\t\t", ""], ids=["kept", "dropped"])
def test_table_4_as_one_run_with_blanks(linter, trailing):
    result = lint(linter, "四、政府信息公开行政复议、行政诉讼情况", "行政复议\t行政诉讼",
                  "5\t\t\t2\t7\t8\t\t\t1\t9" + trailing)
    table = result.doc.table4
    assert len(table.cells) == 15 and all(row.width_ok for row in table.row_order)
    assert [c.value for c in table.rows["review"].cells] == [5, None, None, 2, 7]
    assert where(result, "GL306") == [(4, 3)]
    assert not {"GL307", "GL303"} & set(codes(result))


# -- generated reports, their zero cells blanked out -------------------------------------------------
SEED = 20240601
VARIANTS = ["empty", "empty-dropped", "slash", "dash"]


def _reports(layout: str, count: int) -> list[tuple[int, str]]:
    found = []
    index = 0
    while len(found) < count:
        report = make_report(SEED, index)
        if report.layout == layout and report.fmt != "2008" and report.defect not in DEFECTS_TABLES:
            found.append((index, render(report, SEED)))
        index += 1
    return found


REPORTS = {layout: _reports(layout, int(__import__("os").environ.get("BLANK_REPORTS", "12"))) for layout in ("tab", "pipe")}


def _blank_out(linter, text: str, variant: str) -> tuple[str, int]:
    """The report with its zero cells blanked; and how many tables had one."""
    doc = linter.lint_bytes(text.encode("utf-8"), "r.txt").doc
    zeros = []
    tables = 0
    for table in doc.tables():
        cells = table.cells if table.kind == "table4" else [c for row in table.row_order for c in row.cells]
        found = [c for c in cells if c.kind == "NUM" and text[c.start:c.end] == "0"]
        zeros += found
        tables += bool(found)
    mark = {"slash": "/", "dash": "—"}.get(variant, "")
    lines_touched = set()
    for cell in sorted(zeros, key=lambda c: c.start, reverse=True):
        text = text[:cell.start] + mark + text[cell.end:]
        lines_touched.add(text.count("\n", 0, cell.start))
    if variant == "empty-dropped":
        lines = text.split("\n")
        for number in lines_touched:
            lines[number] = _drop_trailing_blanks(lines[number])
        text = "\n".join(lines)
    return text, tables


def _drop_trailing_blanks(line: str) -> str:
    """The line without the empty cells it ends with.  A line of empty cells only (table 4's
    values, or a group of them, all zero) is kept: dropping them would leave no line at all, and
    nothing could say which values it held (a layout that genuinely loses them)."""
    if line.lstrip().startswith("|"):
        parts = line.rstrip().split("|")
        while len(parts) > 2 and not parts[-2].strip():
            parts.pop(-2)
        dropped = "|".join(parts)
    else:
        dropped = line.rstrip("\t ")
    return dropped if dropped.strip("|\t ") else line


def _others(result, exact: bool) -> Counter:
    """Every diagnostic but GL306: code and line (and column, when the layout kept every width)."""
    out = Counter()
    for d in result.diagnostics:
        if d.code != "GL306":
            line, column = result.source.position(d.span.start)
            out[(d.code, line, column if exact else 0)] += 1
    return out


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("layout", ["tab", "pipe"])
def test_generated_reports_with_blank_zero_cells(linter, layout, variant):
    for index, original in REPORTS[layout]:
        before = linter.lint_bytes(original.encode("utf-8"), "r.txt")
        text, tables = _blank_out(linter, original, variant)
        after = linter.lint_bytes(text.encode("utf-8"), "r.txt")
        context = f"report {index} ({layout}, {variant})"
        assert tables, context
        assert sum(1 for d in after.diagnostics if d.code == "GL306") == tables, context
        for code in ("GL307", "GL308", "GL003"):
            assert codes(after).count(code) == codes(before).count(code), (context, code)
        assert _others(after, variant in ("slash", "dash")) == _others(before, variant in ("slash", "dash")), context


def test_a_blank_counts_as_zero_once(linter):
    """A number left blank: the row total no longer adds up, counting the blank as 0 — one warning that
    says so, at the total; the column through the same blank is not reported again."""
    text = (EXAMPLES / "clean-2021.txt").read_text(encoding="utf-8")
    row = next(line for line in text.splitlines() if line.startswith(NEW))
    cells = row.split("\t")
    assert cells[2] not in ("", "0")
    broken = text.replace(row, "\t".join(cells[:2] + [""] + cells[3:]))
    result = lint_text(linter, broken)
    assert "GL306" in codes(result)
    arithmetic = [d for d in result.diagnostics if d.code in ("GL303", "GL304", "GL305", "GL307")]
    assert [(d.code, d.severity) for d in arithmetic] == [("GL303", "warning")]
    assert "按 0 计" in arithmetic[0].message


def test_a_blank_total_or_a_relation_of_blanks_only_is_not_computed(linter):
    """The Shanghai layout: every 总计 of the outcome rows left blank. No row total is computed for
    them, and the column of totals (all blank) is not compared with （七）总计."""
    text = (EXAMPLES / "clean-2021.txt").read_text(encoding="utf-8")
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(NEW))
    blanked = list(lines)
    for i in range(start + 2, start + 40):
        cells = blanked[i].split("\t")
        if len(cells) >= 8 and "总计" not in blanked[i] and "结转下年度" not in blanked[i]:
            blanked[i] = "\t".join(cells[:-1] + [""])
    result = lint_text(linter, "\n".join(blanked))
    assert "GL306" in codes(result)
    assert not {"GL303", "GL304", "GL305", "GL307", "GL308"} & set(codes(result))


def test_table_4_cut_short_after_tables_that_leave_blanks_is_padded(linter):
    """An export that leaves zeros blank and drops a line's trailing empty cells: table 4's values line
    stops at its last number.  Tables 2 and 3 of the same export leave cells blank, so the missing
    values are blanks (one GL306 for table 4), not a width error; with every other cell written, the
    short line stays a width error (GL307)."""
    text = (EXAMPLES / "clean-2021.txt").read_text(encoding="utf-8")
    t4 = "1\t0\t0\t0\t1\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0"
    row = next(line for line in text.splitlines() if line.startswith(NEW))
    cells = row.split("\t")
    blanked = text.replace(row, "\t".join(cells[:3] + ["" if c == "0" else c for c in cells[3:]]))
    short = blanked.replace(t4, "1\t1\t1\t1\t4")
    result = lint_text(linter, short)
    found = [(d.code, result.source.position(d.span.start)[0]) for d in result.diagnostics]
    assert ("GL307", 72) not in found and found.count(("GL306", 72)) == 1
    assert "GL307" in codes(lint_text(linter, text.replace(t4, "1\t1\t1\t1\t4")))


@pytest.mark.parametrize("ends", ["\t", "\t\t"])
def test_empty_fields_every_row_ends_with_are_the_row_end_not_blanks(linter, ends):
    """An export that ends every table row with a tab (or two): a row short of one number is short —
    one GL307 — not a row whose 总计 is blank with its numbers shifted into the wrong columns."""
    text = (EXAMPLES / "clean-2021.txt").read_text(encoding="utf-8")
    lines = [line + ends if line.count("\t") >= 7 and not line[:1].isdigit() else line for line in text.split("\n")]
    row = next(i for i, line in enumerate(lines) if line.startswith(CARRIED))
    cells = lines[row].split("\t")
    lines[row] = "\t".join(cells[:2] + cells[3:])  # one number less
    result = lint_text(linter, "\n".join(lines))
    assert [(d.code, d.severity) for d in result.diagnostics] == [("GL307", "error")]
    assert "（6个）" in result.diagnostics[0].message
