"""Table debris shaped like a heading (issue 9, layout class 2).

Extraction fuses the start of a table label with a fragment of another ("三、本予以公开": 三、本年度办理
结果 + 予以公开).  Inside table 3 such a line is table text: it opens no section (no GL106, no GL102) and
the rows after it still belong to the table (no GL308 for rows that are there).  A real heading after
the table still ends it."""
from __future__ import annotations

from collections import Counter

import pytest

from conftest import EXAMPLES
from govlint.grammar.spec import spec
from govlint.lint.linter import Linter, Options
from govlint.parse.outline import parse
from govlint.source import Source

CLEAN = (EXAMPLES / "clean-2021.txt").read_text(encoding="utf-8")
TABLE3_ROWS = [line for line in CLEAN.split("\n") if "\t" in line and line.split("\t")[0].startswith(
    ("(三)", "(四)", "(五)", "(六)", "(七)", "四、结转"))]
DEBRIS = ["三、本予以公开", "二、部分", "三、不予公开情况", "一、本年新", "四、其他处理", "三、", "四、"]


def diagnostics(text: str) -> Counter:
    result = Linter(Options(report_year=2022)).lint_bytes(text.encode("utf-8"), "r.txt")
    return Counter((d.code, d.message) for d in result.diagnostics)


def test_the_table_has_rows_to_put_debris_before():
    assert len(TABLE3_ROWS) >= 5


@pytest.mark.parametrize("debris", DEBRIS)
@pytest.mark.parametrize("row", range(5))
def test_heading_shaped_debris_inside_table_3_is_table_text(debris, row):
    before = TABLE3_ROWS[row]
    text = CLEAN.replace(before + "\n", debris + "\n" + before + "\n", 1)
    assert diagnostics(text) == diagnostics(CLEAN) == Counter()


def test_a_real_heading_after_table_3_still_ends_it():
    text = CLEAN.replace(TABLE3_ROWS[0] + "\n", DEBRIS[0] + "\n" + TABLE3_ROWS[0] + "\n", 1)
    doc = parse(Source(text, "r.txt"), year=2022)
    assert [row.key for row in doc.table3.row_order] == spec().t3_keys("2021")
    assert [section.heading.canonical for section in doc.sections] == [1, 2, 3, 4, 5, 6]
    assert doc.section(4).heading.text.startswith("政府信息公开行政复议")
