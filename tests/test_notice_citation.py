"""GL202: only the national format notice counts as citing it (issue 9, layout class 7).

A provincial notice — its 文号 (闽政办〔2022〕5号, 苏政办发…) or its title (…省人民政府办公厅关于做好…年度
报告有关事项的通知) — is not the format notice: citing only that is a warning.  Naming the national
format by its title without the 文号 is an info; the 文号 itself is a citation."""
from __future__ import annotations

import itertools

import pytest

from govlint.lint.linter import Linter, Options

TITLE = "某某县人民政府{year}年政府信息公开工作年度报告\n"
BODY = "\n一、总体情况\n本年度主动公开政府信息100条。\n"
PROVINCES = ["福建省", "江苏省", "浙江省"]
PROVINCIAL_NUMBERS = ["闽政办〔{year}〕5号", "苏政办发〔{year}〕12号", "浙政办函〔{year}〕3号"]
PROVINCIAL_TITLES = ["《{province}人民政府办公厅关于做好{year}年度政府信息公开工作年度报告有关事项的通知》",
                     "《{province}人民政府办公厅关于做好{year}年政府信息公开工作年度报告工作的通知》"]
PREAMBLES = ["根据{cited}要求，编制本报告。", "本报告依据{cited}编制。"]


def gl202(text: str, year: int = 2022):
    result = Linter(Options(select=["GL202"], report_year=year)).lint_bytes(text.encode("utf-8"), "r.txt")
    assert result.error is None, result.error
    return [(d.severity, d.message) for d in result.diagnostics]


def report(cited: str, preamble: str = PREAMBLES[0], year: int = 2022) -> str:
    return TITLE.format(year=year) + preamble.format(cited=cited) + BODY


def provincial_citations(year: int):
    for province, number, title in itertools.product(PROVINCES, PROVINCIAL_NUMBERS, PROVINCIAL_TITLES):
        yield title.format(province=province, year=year) + "（" + number.format(year=year) + "）"
        yield title.format(province=province, year=year)
        yield "（" + number.format(year=year) + "）"


@pytest.mark.parametrize("preamble", PREAMBLES)
def test_a_provincial_notice_alone_is_a_warning(preamble):
    for cited in provincial_citations(2022):
        found = gl202(report(cited, preamble))
        assert [severity for severity, _ in found] == ["warning"], (cited, found)


def test_the_national_formats_title_alone_is_an_info():
    cited = "《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》"
    assert [severity for severity, _ in gl202(report(cited))] == ["info"]


@pytest.mark.parametrize("extra", ["", "和《福建省人民政府办公厅关于做好2022年度政府信息公开工作年度报告有关事项的通知》"])
def test_the_national_notices_number_is_a_citation(extra):
    cited = "《…关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）" + extra
    assert gl202(report(cited)) == []
