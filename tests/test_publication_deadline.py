"""GL505 publication-deadline: the report's date (its sign-off, else a saved page's metadata) against
its body's deadline (条例 第四十九条: departments 31 January, governments 31 March) and the end of the
year it reports on — hand-written cases, the date as the tree reads it (govlint.parse.dates), and
generated reports (benchmarks/generate.py) with a sign-off added in every layout."""
from __future__ import annotations

import copy
import random
import sys
from pathlib import Path

import pytest

from conftest import seen
from govlint.lint.linter import Linter, Options
from govlint.parse.outline import parse
from govlint.source import Source

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from generate import RENDERERS, Block, make_report  # noqa: E402  (benchmarks/generate.py)

LINTER = Linter(Options())
DEPARTMENT = "某某县自然资源局"
GOVERNMENT = "某某县人民政府"
END = "六、其他需要报告的事项\n本年度未收取信息处理费。\n"


def report(body: str, *sign_off: str, year: int = 2022) -> str:
    return f"{body}{year}年政府信息公开工作年度报告\n{END}" + "".join(line + "\n" for line in sign_off)


def found(text: str) -> list[tuple[str, str, str]]:
    return seen(LINTER, text, "GL505")


# -- hand-written cases ----------------------------------------------------------------------------

def test_a_department_dated_after_31_january_is_late():
    assert found(report(DEPARTMENT, DEPARTMENT, "2023年2月10日")) == [
        ("5:1", "warning", "报告日期为2023年2月10日（落款日期），晚于县级以上人民政府部门年报的公布期限"
                           "2023年1月31日（《条例》第四十九条）")]


def test_a_department_on_31_january_is_on_time():
    assert found(report(DEPARTMENT, DEPARTMENT, "2023年1月31日")) == []
    assert found(report(DEPARTMENT, DEPARTMENT, "2023年01月20日")) == []


def test_a_government_on_20_march_is_on_time():
    assert found(report(GOVERNMENT, GOVERNMENT, "2023年3月20日")) == []


def test_a_government_after_31_march_is_late():
    assert found(report(GOVERNMENT, GOVERNMENT, "2023年4月2日")) == [
        ("5:1", "warning", "报告日期为2023年4月2日（落款日期），晚于县级以上人民政府年报的公布期限"
                           "2023年3月31日（《条例》第四十九条）")]


def test_a_report_dated_before_its_year_ended():
    assert found(report(GOVERNMENT, GOVERNMENT, "2022年12月20日")) == [
        ("5:1", "warning", "报告日期为2022年12月20日（落款日期），早于所报告年度的结束日2022年12月31日：日期或年度有误")]


def test_a_date_in_chinese_numerals_on_the_signers_line():
    assert found(report(DEPARTMENT, f"{DEPARTMENT}（二〇二三年二月二十八日）")) == [
        ("4:10", "warning", "报告日期为二〇二三年二月二十八日（落款日期），晚于县级以上人民政府部门年报的公布期限"
                            "2023年1月31日（《条例》第四十九条）")]
    assert found(report(DEPARTMENT, DEPARTMENT, "二○二三年一月十六日")) == []


def test_a_body_of_unknown_kind_is_held_to_the_later_deadline():
    office = "某某县人民政府办公室"  # a government's office: its own report or its government's?
    assert found(report(office, office, "2023年3月1日")) == []
    assert found(report(office, office, "2023年4月1日")) == [
        ("5:1", "warning", "报告日期为2023年4月1日（落款日期），晚于2023年3月31日：机关类别不明，"
                           "按较晚的县级以上人民政府年报公布期限计（《条例》第四十九条）")]


def test_a_township_has_no_deadline_but_not_an_earlier_year():
    town = "某某县某某镇人民政府"
    assert found(report(town, town, "2023年5月10日")) == []
    assert [where for where, _severity, _message in found(report(town, town, "2022年11月30日"))] == ["5:1"]


@pytest.mark.parametrize("text", [
    report(DEPARTMENT),                                                     # no date
    report(DEPARTMENT, "本报告于2023年2月10日经局务会审议通过。"),          # a date inside a sentence
    report(DEPARTMENT, DEPARTMENT, "2023年2月10日", "2023年2月12日"),      # two dates at the end
    report(DEPARTMENT, "截至2023年2月10日"),                                 # not an organ's name
])
def test_no_date_or_an_unsure_one_is_silent(text):
    assert found(text) == []


def test_a_report_dumped_on_one_line_ends_with_its_sign_off():
    """(Generated reports in the one-line layout: tests/test_layout_invariance.py.)"""
    text = report(DEPARTMENT, DEPARTMENT, "2023年4月10日").replace("\n", " ")
    date = parse(Source(text)).date
    assert date is not None and (date.iso, date.span.start) == ("2023-04-10", text.index("2023年4月10日"))
    assert parse(Source(text.replace("。 ", "，"))).date is None  # no sentence ends before it: prose


def test_the_deadlines_are_parameters(tmp_path):
    target = tmp_path / "r.txt"
    target.write_text(report(DEPARTMENT, DEPARTMENT, "2023年2月10日"), encoding="utf-8")
    assert [d.code for d in Linter(Options()).lint_path(str(target)).diagnostics if d.code == "GL505"] == ["GL505"]
    config = tmp_path / ".govlint.yaml"
    config.write_text('rules: {GL505: {params: {department_deadline: "02-15"}}}\n', encoding="utf-8")
    result = Linter(Options(config=str(config))).lint_path(str(target))
    assert [d.code for d in result.diagnostics if d.code == "GL505"] == []


def test_a_page_metadata_date_without_a_sign_off():
    page = f"名称\t{DEPARTMENT}2022年政府信息公开工作年度报告\n发布机构\t{DEPARTMENT}\t发布日期\t2023-02-08\n"
    text = page + report(DEPARTMENT)
    assert found(text) == [
        ("2:20", "warning", "报告日期为2023-02-08（发布日期），晚于县级以上人民政府部门年报的公布期限"
                            "2023年1月31日（《条例》第四十九条）")]
    assert found(text + f"{DEPARTMENT}\n2023年1月20日\n") == []  # the sign-off is the report's date


def test_the_date_is_a_fact_of_the_tree():
    doc = parse(Source(report(GOVERNMENT, "", "", GOVERNMENT, " 2023 年 3 月 20 日 ", "- 5 -", "")))
    assert doc.date is not None and (doc.date.iso, doc.date.source) == ("2023-03-20", "sign-off")
    assert doc.source.text[doc.date.span.start:doc.date.span.end] == "2023 年 3 月 20 日"


# -- generated reports, every layout ------------------------------------------------------------------

REPORTS = [make_report(20240505, index, defect_rate=0) for index in range(24)]


def deadline(agency, year: int) -> tuple[int, int] | None:
    """(month, day) of the report's deadline in ``year + 1`` as the rule should read the agency; None
    for a township."""
    if agency.level == "town":
        return None
    if agency.kind == "gov" or agency.name.endswith("人民政府办公室"):  # an office: the later deadline
        return 3, 31
    return 1, 31


def signed(report, layout: str, date: str) -> tuple[str, int]:
    """The report rendered in ``layout`` with its sign-off dated ``date``; the date's line."""
    changed = copy.deepcopy(report)
    changed.layout = layout
    changed.blocks = [block for block in changed.blocks if block.kind != "sign"]
    changed.blocks += [Block("sign", changed.agency.name), Block("sign", date)]
    text = RENDERERS[layout](random.Random(1), changed).render()
    lines = text.splitlines()
    number = max(index for index, line in enumerate(lines, 1) if "".join(line.split()) == "".join(date.split()))
    return text, number


def gl505(text: str) -> list[tuple[int, str]]:
    result = LINTER.lint_bytes(text.encode("utf-8"), "g.txt")
    return [(result.source.position(d.span.start)[0], d.message) for d in result.diagnostics if d.code == "GL505"]


CASES = [(index, layout) for index in range(len(REPORTS)) for layout in RENDERERS]


@pytest.mark.parametrize("index,layout", CASES)
def test_generated_late_reports_are_found(index, layout):
    report = REPORTS[index]
    due = deadline(report.agency, report.year)
    late = f"{report.year + 1}年" + {None: "6月1日", (1, 31): "2月1日", (3, 31): "4月1日"}[due]  # a day after
    text, line = signed(report, layout, late)
    got = gl505(text)
    if due is None:
        assert got == []
    else:
        assert [where for where, _ in got] == [line]
        assert f"{report.year + 1}年{due[0]}月{due[1]}日" in got[0][1]


@pytest.mark.parametrize("index,layout", CASES)
def test_generated_reports_on_time_are_silent(index, layout):
    report = REPORTS[index]
    text, _line = signed(report, layout, f"{report.year + 1}年1月{15 + index % 10}日")
    assert gl505(text) == []


@pytest.mark.parametrize("index,layout", CASES)
def test_generated_reports_dated_in_their_own_year_are_found(index, layout):
    report = REPORTS[index]
    numerals = "〇一二三四五六七八九"
    year = "".join(numerals[int(digit)] for digit in str(report.year))
    text, line = signed(report, layout, f"{year}年十二月{'二十' if index % 2 else '十'}日")
    assert [where for where, _ in gl505(text)] == [line]
