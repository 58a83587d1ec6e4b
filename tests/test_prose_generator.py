"""The rich-prose generator (benchmarks/prose.py) and its defect injections keep their contract.

* a rich report is the same on every call (report *i* does not depend on what was made before);
* clean rich reports draw no diagnostic of an issue-10 code from the rules that exist (their prose
  restates the tables correctly, so any such diagnostic is a false alarm of the rule — or a generator
  error, which this test exists to catch);
* each injection changes the rendered text where it says it does, and only there.
"""
from __future__ import annotations

import difflib
import sys
from pathlib import Path

import pytest

from govlint.lint.linter import Linter, Options

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import prose  # noqa: E402  (benchmarks/prose.py)

SEED = 20250101
COUNT = 16
LINTER = Linter(Options(select=["ALL"]))


def test_rich_reports_are_deterministic():
    first = [prose.make_rich_report(SEED, i).render() for i in range(3)]
    again = [prose.make_rich_report(SEED, i).render() for i in reversed(range(3))][::-1]
    assert first == again
    assert len(set(first)) == 3


def test_rich_reports_cover_kinds_layouts_and_formats():
    reports = [prose.make_rich_report(SEED, i) for i in range(COUNT)]
    assert {r.report.layout for r in reports} == {"tab", "space", "pipe"}
    assert {r.report.fmt for r in reports} == {"2019-trial", "2021"}
    assert {"gov", "dept"} <= {r.kind for r in reports}


def test_rich_prose_agrees_with_its_tables():
    """A generator check that needs no rule: the figures it states are the tables' own."""
    for index in range(COUNT):
        rich = prose.make_rich_report(SEED, index)
        t3 = rich.report.table3
        for anchor in rich.anchors:
            assert anchor.text in anchor.block.text, (index, anchor.kind)
            expected = {"t3.new": t3["new"][6], "t3.total": t3["total"][6], "t3.forward": t3["forward"][6],
                        "t3.granted": t3["granted"][6], "t4.review": rich.report.table4[4],
                        "t3.accepted": t3["new"][6] + t3["carried"][6]}.get(anchor.kind)
            if expected is not None:
                assert anchor.value == expected, (index, anchor.kind)
            if anchor.kind == "pct":
                extra = anchor.extra
                assert prose.percent(extra["numerator"], extra["denominator"], extra["digits"]) == extra["printed"]
                assert f"{extra['printed']}%" in anchor.text
            if anchor.kind == "breakdown" and anchor.extra["closed"]:
                assert sum(anchor.extra["values"]) == anchor.value, (index, anchor.text)
        text = rich.render()
        if t3["forward"][6]:
            assert "均已按期办结" not in text and "均已在法定期限内办结" not in text
        if any(rich.report.table4):
            assert "未发生因政府信息公开引起的行政复议和行政诉讼" not in text


def test_clean_rich_reports_draw_no_issue_10_diagnostic():
    alarms = []
    for index in range(COUNT):
        rich = prose.make_rich_report(SEED, index)
        text = rich.render()
        result = LINTER.lint_bytes(text.encode("utf-8"), "rich.txt")
        for diagnostic in result.diagnostics:
            if diagnostic.code in prose.CODES:
                line = diagnostic.location(result.source)["line"]
                alarms.append((index, diagnostic.code, line, diagnostic.message, text.split("\n")[line - 1][:80]))
    assert alarms == []


def _changed_lines(before: str, after: str) -> set:
    """Lines of ``after`` that differ from ``before`` (for a deletion: the line where it was)."""
    changed = set()
    matcher = difflib.SequenceMatcher(None, before.split("\n"), after.split("\n"), autojunk=False)
    for tag, _i1, _i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            changed.update(range(j1 + 1, max(j1 + 1, j2) + 1))
    return changed


@pytest.mark.parametrize("code", prose.CODES)
def test_each_injection_changes_the_text_where_it_says(code):
    for index in range(20):
        injected = prose.inject(code, SEED, index)
        if injected is not None:
            break
    else:
        pytest.fail(f"no report of the first 20 can carry {code}")
    clean = prose.make_rich_report(SEED, index).render()
    assert injected.text != clean
    changed = _changed_lines(clean, injected.text)
    assert changed, code
    near = [line for line in changed if any(lo - 1 <= line <= hi + 1 for lo, hi in injected.targets)]
    assert near, (code, injected.description, injected.targets, sorted(changed)[:10])


def test_specific_injections_say_what_they_do():
    for index in range(20):
        stale = prose.inject("GL408", SEED, index)
        if stale:
            year = stale.rich.report.year
            lo, hi = stale.targets[0]
            assert f"{year - 1}" in "".join(stale.text.split("\n")[lo - 1:hi]).replace(" ", "")
            break
    address = prose.inject("GL504", SEED, 0)
    assert address is not None and stale is not None
    assert address.rich.report.agency.portal not in address.text
    approval = next(prose.inject("GL310", SEED, i) for i in range(200) if prose.inject("GL310", SEED, i))
    assert approval.rich.report.agency.approval
    row = approval.text.split("\n")[approval.targets[0][0] - 1]
    assert "行政许可" in row and row.replace("|", " ").split()[-1] == "0"
