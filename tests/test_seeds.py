"""The seed reports' ground truth (shared/domain.md §7): what must be flagged and what must not.

Only the rules govlint implements are asserted.  Where the issue's severities
differ from domain.md (GL501 is an error, domain.md rates a missing contact as
INFO), the issue wins and the expected counts below follow it.
"""
from __future__ import annotations

import pytest

from conftest import SEEDS, codes, seed, shared

ARITHMETIC = {"GL303", "GL304", "GL305", "GL309"}


def lint(linter, prefix):
    return linter.lint_path(str(seed(prefix)))


def by_code(result, code):
    return [d for d in result.diagnostics if d.code == code]


def line(result, diag):
    return result.source.position(diag.span.start)[0]


def flagged(result) -> set:
    """(code, line) of every error and warning: what domain.md calls "must flag"."""
    return {(d.code, line(result, d)) for d in result.diagnostics if d.severity in ("error", "warning")}


@pytest.mark.parametrize("path", shared(SEEDS), ids=lambda p: p.name[:3])
def test_every_seed_parses_without_unplaced_text(linter, path):
    result = linter.lint_path(str(path))
    assert result.error is None
    assert "GL003" not in codes(result), "extraction artefacts are normalised, never reported"


def test_seed_000_2021_department(linter):
    result = lint(linter, "000")
    doc = result.doc
    assert (doc.year, doc.format) == (2021, "2021")
    assert [s.heading.canonical for s in doc.mandated_sections] == [1, 2, 3, 4, 5, 6]
    assert [line(result, s.heading) for s in doc.mandated_sections] == [9, 49, 66, 100, 107, 115]
    assert len(doc.table3.rows) == 25 and len(doc.table2.rows) == 6 and len(doc.table4.rows) == 3
    # Must flag (INFO 000-9): the trailing 。 of heading 二.
    [variant] = by_code(result, "GL104")
    assert variant.severity == "info" and line(result, variant) == 49
    # Must flag: 000-1 行政许可 0 at an approval bureau, 000-2 新增 39 and 新增 43 for one adjustment,
    # 000-4 六（三） about approval reform.  Must not flag: X-01 (未收到 ↔ zeros), the fee statement,
    # 〔2021〕30 号 spacing, label shifts, 政策解读6条, the percentages 92% and 89.36%.
    assert flagged(result) == {("GL310", 57), ("GL406", 137), ("GL608", 131)}


def test_seed_001_2008_regime(linter):
    result = lint(linter, "001")
    assert (result.doc.year, result.doc.format) == (2017, "2008")
    assert len(result.doc.sections) == 7
    found = {(d.code, d.severity, d.message.split("“")[1].split("”")[0]) for d in by_code(result, "GL102")}
    assert ("GL102", "error", "政府信息公开的收费及减免情况") in found       # 001-1
    assert ("GL102", "warning", "不予公开政府信息的情况") in found           # 001-2
    assert ("GL102", "info", "其他需要报告的事项") in found                  # 001-3
    assert [d.code for d in result.diagnostics if d.severity == "error"] == ["GL102"]
    # Must flag 001-4: another organ (市政府服务中心) named as approving the 市政务服务中心's report;
    # 001-5 (info): the body's name misspelt (事政务服务中心).
    assert flagged(result) == {("GL102", 3), ("GL410", 5)}
    assert [(d.severity, line(result, d)) for d in by_code(result, "GL410")] == [("warning", 5), ("info", 7)]
    # Must not flag: 2019+ headings, tables, fee regime; statistical period; contact with e-mail.
    assert not set(codes(result)) & {"GL103", "GL104", "GL301", "GL302", "GL601", "GL202", "GL501", "GL502",
                                     "GL503"}


def test_seed_002_trial_format_with_table_4_after_heading_5(linter):
    result = lint(linter, "002")
    doc = result.doc
    assert (doc.year, doc.format) == (2020, "2019-trial")
    assert doc.table2.version == "2019-trial" and doc.table3.version == "2019-trial"
    assert len(doc.table3.rows) == 23
    # Table 4 sits after heading 五 in the extracted text; it belongs to 四.
    assert doc.table4 is not None and doc.table4 in doc.section(4).tables
    assert all(cell.value == 0 for cell in doc.table4.cells) and len(doc.table4.cells) == 15
    # Must flag: 002-1 the download address shown is not the link's, 002-2 行政许可 all 0 at an
    # approval bureau.  Must not flag: X-01, the sums 540 and 4568, 采购总金额 0 without a unit.
    assert flagged(result) == {("GL504", 22), ("GL310", 292)}


def test_seed_003_extra_column_reported_once_without_cascade(linter):
    result = lint(linter, "003")
    assert (result.doc.year, result.doc.format) == (2020, "2019-trial")
    [width] = by_code(result, "GL307")                      # 003-1: exactly one
    assert line(result, width) == 74 and width.severity == "error"
    assert not set(codes(result)) & ARITHMETIC               # no cascade from the misaligned rows
    assert by_code(result, "GL202")[0].severity == "info"    # 003-2: only the format's title is named
    assert by_code(result, "GL104")[0].severity == "info"    # 003-4: known variant of heading 五
    # Must not flag: 共收到7件 ↔ 一=7, 2012年以来, signed +131/-9.
    assert not set(codes(result)) & {"GL401", "GL404", "GL306"}
    errors = sorted(d.code for d in result.diagnostics if d.severity == "error")
    assert errors == ["GL307", "GL501"]                      # GL501: no contact at all (issue: error)


def test_seed_004_2023_department(linter):
    result = lint(linter, "004")
    assert (result.doc.year, result.doc.format) == (2023, "2021")
    assert len(result.doc.table3.rows) == 25                 # label shift "3.其他" (l.69) resolved
    assert by_code(result, "GL205")                          # 004-3: ASCII <> inside 《》
    assert not set(codes(result)) & ({"GL401", "GL308", "GL307", "GL003"} | ARITHMETIC)
    errors = sorted(d.code for d in result.diagnostics if d.severity == "error")
    assert errors == ["GL501"]
    assert not [d for d in result.diagnostics if d.severity == "warning"]


def test_seed_000_contact_without_e_mail_is_a_hint(linter):
    # 000-7 (INFO): address, postcode, phone and fax, but no e-mail.
    result = lint(linter, "000")
    assert [(d.severity, line(result, d), d.message) for d in by_code(result, "GL502")] == [
        ("info", 7, "联系方式中没有电子邮箱")]  # at the preamble, as GL501
    # 001 gives an e-mail: nothing to say.
    assert not by_code(lint(linter, "001"), "GL502")
