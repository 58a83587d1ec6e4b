"""Layout invariance (issue 9): one report, many extraction layouts, the same diagnostics.

benchmarks/layouts.py renders each generated report in every layout (tabs, spaces, markdown pipes, PDF
hard wrap with page footers, blank-for-zero cells, / and — for none, headings run into paragraphs,
one-line crawler text, tables without their headings, labels cut over lines, a .docx with Word
tables); benchmarks/invariance.py compares each layout's diagnostics with the reference layout's
(plain tabs) as (code, severity, anchor), after the layout's declared expected delta.  Here with a
small N; the full figure (≥ 200 reports) comes from ``python benchmarks/invariance.py``.

The exceptions (layouts that genuinely lose information) are ``layouts.EXCEPTIONS``, with the reason;
a layout that fails today because the parser does not read it yet is marked xfail with the reason.
"""
from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import invariance  # noqa: E402  (benchmarks/invariance.py)
import layouts  # noqa: E402
from generate import make_report  # noqa: E402

from govlint.lint.linter import Linter, Options

SEED = 20240601
N = 24            # reports; ~12 with an injected defect
RATE = 0.99       # the issue's figure, per layout

# Layouts read wrong today, and why (none now; a layout that regresses fails).
NOT_YET: dict = {}
GL003_NOT_YET: dict = {}  # one-line gave GL003 in 179 of 197 reports before issue 9; none now


def _mark(name: str, table: dict):
    if name in table:
        return pytest.param(name, marks=pytest.mark.xfail(strict=False, reason=table[name]))
    return name


MEASURED = [layout.name for layout in layouts.LAYOUTS if layout.name != layouts.REFERENCE]


@pytest.fixture(scope="module")
def pairs():
    return invariance.run_generated(N, SEED, 0.5)


@pytest.fixture(scope="module")
def linter():
    return Linter(Options(), keep_documents=True)


# -- the figure, per layout ------------------------------------------------------------------------

@pytest.mark.parametrize("name", [_mark(name, NOT_YET) for name in MEASURED])
def test_layout_gives_the_reference_diagnostics(pairs, name):
    mine = [pair for pair in pairs if pair.layout == name]
    assert mine, f"layout {name} applied to no report"
    differing = [pair for pair in mine if not pair.same]
    rate = 1 - len(differing) / len(mine)
    detail = "; ".join(f"{p.report}: missing {sorted(p.missing, key=repr)} extra {sorted(p.extra, key=repr)} {p.error or ''}"
                       for p in differing[:3])
    assert rate >= RATE, f"{name}: {rate:.1%} of {len(mine)} reports as the reference — {detail}"


@pytest.mark.parametrize("name", [_mark(name, GL003_NOT_YET) for name in MEASURED])
def test_layout_gives_no_unplaced_text(pairs, name):
    noisy = [pair.report for pair in pairs if pair.layout == name and pair.gl003]
    assert not noisy, f"{name}: GL003 in {noisy[:5]}"


def test_every_layout_class_of_the_issue_is_covered():
    classes = {layout.cls for layout in layouts.LAYOUTS}
    assert {"1", "3", "4", "5", "6"} <= classes
    assert len(MEASURED) >= 10
    assert "run-together-digits" in layouts.EXCEPTIONS


# -- the harness itself ------------------------------------------------------------------------------

def _report(defect: str, fmt: str = "2021"):
    for index in range(400):
        report = make_report(SEED, index, 1.0)
        if report.defect == defect and report.fmt == fmt:
            return report
    raise AssertionError(f"no generated report with defect {defect}")


def _keys(linter, layout_name: str, report) -> Counter:
    rendered = layouts.render_layout(layouts.BY_NAME[layout_name], report, SEED)
    data = rendered.data.encode("utf-8") if isinstance(rendered.data, str) else rendered.data
    return invariance.keys_of(linter.lint_bytes(data, "report" + rendered.suffix))


def test_a_table_diagnostic_is_anchored_at_its_row_and_column(linter):
    report = _report("t3_outcome_total")  # （一）予以公开 +1 in 自然人 and 总计: GL305 on （七）总计
    keys = _keys(linter, "tabs", report)
    anchors = {key[2] for key in keys if key[0] == "GL305"}
    assert anchors == {("table3", "total", "natural"), ("table3", "total", "total")}
    assert keys == _keys(linter, "pipes", report)  # the same row and columns in markdown


def test_a_prose_diagnostic_is_anchored_at_its_sentence_in_every_wrap(linter):
    report = _report("old_notice")  # the 2019 notice cited by a 2021-format report: GL201
    tabs = _keys(linter, "tabs", report)
    (anchor,) = [key[2] for key in tabs if key[0] == "GL201"]
    assert anchor[0] == "sentence" and "国办公开办函〔2019〕60号" in anchor[1]
    assert tabs == _keys(linter, "pdf-wrap", report)  # a wrap inside the 文号 changes nothing


def test_a_missing_part_is_anchored_at_the_document(linter):
    report = _report("no_contact")
    assert ("GL501", "error", ("document",)) in _keys(linter, "tabs", report)


def test_the_comparison_sees_a_different_diagnostic(linter):
    report = _report("t3_row_total")
    clean = make_report(SEED, 0, 0.0)
    result = linter.lint_bytes(layouts.reference(clean).encode("utf-8"), "report.txt")
    pair = invariance.compare("r", "tabs", _keys(linter, "tabs", report), result, None)
    assert not pair.same and any(key[0] == "GL303" for key in pair.missing)


def test_blank_layouts_blank_the_zero_cells_and_expect_one_gl306_per_table():
    report = make_report(SEED, 0, 0.0)
    rendered = layouts.render_layout(layouts.BY_NAME["blank-dropped"], report, SEED)
    rows = [line for line in rendered.data.split("\n") if "\t" in line]
    assert not any(field.strip() == "0" for line in rows for field in line.split("\t"))
    assert not any(line.endswith("\t") for line in rows)
    expected = rendered.expect(Counter({("GL306", "error", ("table3", "new", "natural")): 1}))
    assert {key for key in expected if key[0] == "GL306"} <= {("GL306", "warning", (t,))
                                                           for t in ("table2", "table3", "table4")}
    assert all(count == 1 for key, count in expected.items() if key[0] == "GL306")


def test_pdf_wrap_cuts_inside_the_docno_and_adds_page_footers():
    cuts = 0
    for index in range(30):
        report = make_report(SEED, index, 0.0)
        text = layouts.render_layout(layouts.BY_NAME["pdf-wrap"], report, SEED).data
        lines = text.split("\n")
        assert "— 2 —" in lines
        assert max(len(line) for line in lines if "\t" not in line) <= 50
        cuts += any(re.search(r"〔\d{0,4}〕?\d*$", line) for line in lines)
    assert cuts >= 5


def test_real_text_transforms_keep_empty_cells_or_step_aside():
    blanks = "表\n一、本年新收\t\t5\t\t\t\t\t\t5\n"
    assert layouts.TEXT_TRANSFORMS["spaces"](blanks, "x") == blanks
    full = "一、本年新收\t\t5\t0\t0\t0\t0\t0\t5\t\n"
    assert layouts.TEXT_TRANSFORMS["spaces"](full, "x") == "一、本年新收 5 0 0 0 0 0 5\n"
    assert layouts.run_in_headings("一、总体情况\n\n" + "2023年，本机关" * 10) .startswith("一、总体情况2023年")


def test_layouts_are_deterministic():
    report = make_report(SEED, 7, 0.5)
    for layout in layouts.LAYOUTS:
        if layout.name == "docx" or not layout.applies(report):
            continue
        first = layouts.render_layout(layout, report, SEED).data
        assert first == layouts.render_layout(layout, report, SEED).data, layout.name
