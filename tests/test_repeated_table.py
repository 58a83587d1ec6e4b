"""A table seen twice (a web page's table and its text version, a paste repeated, issue 9 class 9):
one diagnostic for the repetition, at the first repeated row, not one per row."""
from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from conftest import EXAMPLES

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import layouts  # noqa: E402
from generate import make_report  # noqa: E402


def _repeat_table3(text: str) -> tuple[str, int]:
    """The text with table 3 (its header and rows) written a second time right after the first; the
    line its first repeated row starts."""
    lines = text.split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("三、收到和处理")) + 1
    end = next(i for i, line in enumerate(lines) if line.startswith("四、结转下年度")) + 1
    first_row = next(i for i in range(start, end) if lines[i].startswith("一、本年新收"))
    return "\n".join(lines[:end] + lines[start:end] + lines[end:]), end + 1 + first_row - start


def test_a_table_written_twice_is_one_warning(linter):
    text = (EXAMPLES / "defects" / "table.txt").read_text(encoding="utf-8")
    repeated, line = _repeat_table3(text)
    before = [(d.code, d.severity) for d in linter.lint_bytes(text.encode(), "t.txt").diagnostics]
    result = linter.lint_bytes(repeated.encode(), "t.txt")
    found = [(d.code, d.severity) for d in result.diagnostics]
    assert Counter(found) - Counter(before) == Counter({("GL308", "warning"): 1})
    repeat = next(d for d in result.diagnostics if d.code == "GL308")
    assert result.source.position(repeat.span.start) == (line, 1)
    assert "有 25 行重复出现" in repeat.message and "其中 0 行的数字与第一次不同" in repeat.message


def test_a_second_copy_that_disagrees_says_how_many_rows_differ(linter):
    text = (EXAMPLES / "clean-2021.txt").read_text(encoding="utf-8")
    repeated, _line = _repeat_table3(text)
    lines = repeated.split("\n")
    last = max(i for i, line in enumerate(lines) if line.startswith("一、本年新收"))
    lines[last] = lines[last].replace("\t2\t", "\t3\t", 1)
    result = linter.lint_bytes("\n".join(lines).encode(), "t.txt")
    repeat = [d for d in result.diagnostics if d.code == "GL308"]
    assert len(repeat) == 1 and "其中 1 行的数字与第一次不同" in repeat[0].message


def test_generated_reports_with_table_3_written_twice(linter):
    """30 generated reports: table 3 repeated adds exactly one GL308 and changes nothing else."""
    measured = 0
    for index in range(30):
        report = make_report(20240601, index, 0.3)
        text = layouts.reference(report)
        if "三、收到和处理" not in text or "一、本年新收" not in text or "四、结转下年度" not in text:
            continue
        measured += 1
        repeated, _line = _repeat_table3(text)
        before = Counter((d.code, d.severity) for d in linter.lint_bytes(text.encode(), "r.txt").diagnostics)
        after = Counter((d.code, d.severity) for d in linter.lint_bytes(repeated.encode(), "r.txt").diagnostics)
        assert after - before == Counter({("GL308", "warning"): 1}), (index, after - before, before - after)
        assert not before - after, (index, before - after)
    assert measured >= 20
