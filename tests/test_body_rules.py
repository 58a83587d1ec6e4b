"""The rules of who a report is by (rules/packs/body.yaml): GL410 organ-name, GL310 implausible-zero,
GL606 government-oversight, GL607 section-six-items — hand-written cases, generated reports
(benchmarks/generate.py) with each defect injected into many bodies, names, levels and kinds, and
the seeds and corpus reports whose findings were confirmed by reading them."""
from __future__ import annotations

import copy
import re
import sys
from pathlib import Path

import pytest

from conftest import corpus, seed, seen
from govlint.lint.linter import Linter, Options

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from generate import make_report, render  # noqa: E402  (benchmarks/generate.py)

LINTER = Linter(Options())


def found(text: str, code: str) -> list[tuple[str, str, str]]:
    return seen(LINTER, text, code)


def path_found(path, code: str) -> list[tuple[int, str]]:
    result = LINTER.lint_path(str(path))
    return [(result.source.position(d.span.start)[0], d.severity) for d in result.diagnostics if d.code == code]


# -- GL410 organ-name ---------------------------------------------------------------------------------

HEAD = "中卫市政务服务中心2017年政府信息公开工作年度报告\n"
BODY = "\n一、概述\n略。\n"


def test_gl410_another_approving_organ_is_a_warning():
    assert found(HEAD + "本报告经市政府服务中心同意，现予发布。" + BODY, "GL410") == [
        ("2:5", "warning", "批准发布的机关为“市政府服务中心”，与标题中的机关“中卫市政务服务中心”不一致")]


def test_gl410_stray_character_in_the_place_is_an_info():
    assert found(HEAD + "本报告由事政务服务中心办公室编制。" + BODY, "GL410") == [
        ("2:5", "info", "“事政务服务中心办公室”疑为标题中的机关“中卫市政务服务中心”的误写")]


def test_gl410_sign_off_of_another_body():
    text = ("盐池县审批服务管理局2023年政府信息公开工作年度报告\n一、总体情况\n略。\n六、其他需要报告的事项\n无。\n"
            "中宁县审批服务管理局\n2024年1月10日\n")
    assert found(text, "GL410") == [
        ("6:1", "warning", "落款机关为“中宁县审批服务管理局”，与标题中的机关“盐池县审批服务管理局”不一致")]


@pytest.mark.parametrize("signer,where", [
    ("盐池县审批服务管理司", "6:1"),    # one character wrong, no organ's ending
    ("盐池县审批服务局管理", "6:1"),    # two swapped
    ("盐池县审批服务管理", "6:1"),      # one missing
])
def test_gl410_a_mistyped_sign_off_of_the_body_is_an_info(signer, where):
    text = ("盐池县审批服务管理局2023年政府信息公开工作年度报告\n一、总体情况\n略。\n六、其他需要报告的事项\n无。\n"
            f"{signer}\n2024年1月10日\n")
    assert [(at, severity) for at, severity, _m in found(text, "GL410")] == [(where, "info")]


@pytest.mark.parametrize("last", ["特此报告", "盐池县人民政府", "附件：政府信息公开情况统计表"])
def test_gl410_other_closing_lines_are_not_a_mistyped_name(last):
    text = ("盐池县审批服务管理局2023年政府信息公开工作年度报告\n一、总体情况\n略。\n六、其他需要报告的事项\n无。\n"
            f"{last}\n")
    assert found(text, "GL410") == []


def test_gl410_a_mistyped_approver_without_an_organs_ending():
    assert [severity for _at, severity, _m in found(HEAD + "本报告经中卫市政务服务中审定后发布。" + BODY, "GL410")] == ["info"]


@pytest.mark.parametrize("sentence", [
    "本报告经市政务服务中心同意，现予发布。",
    "本报告经中卫市政务服务中心审定，由中心办公室编制。",
    "本报告经中卫市人民政府办公室同意。",
    "本报告经市政府同意。",
    "本报告经宁夏回族自治区人民政府办公厅同意。",
    "根据要求，本中心编制了本报告。如有疑问，请与中卫市政务服务中心办公室联系。",
    "本报告经中心主任办公会研究同意。",
    "现发布《中卫市政务服务中心2017年政府信息公开工作年度报告》。",
])
def test_gl410_the_body_its_parts_and_its_governments_stay_silent(sentence):
    assert found(HEAD + sentence + BODY, "GL410") == []


# Generated reports: an approval sentence added to the first preamble paragraph.
REPORTS = [make_report(20240901, index, defect_rate=0) for index in range(60)]


def with_preamble_sentence(report, sentence: str) -> str:
    changed = copy.deepcopy(report)
    first = next(block for block in changed.blocks if block.kind == "para" and block.section == 0)
    first.text = sentence + first.text  # at its start: hard-wrapped URLs may cut a paragraph later on
    return render(changed, 1)


def other_organ(report) -> str:
    """A department of another place: never the report's body, nor its government."""
    name = report.agency.name
    other_place = "固原市" if "固原" not in name else "石嘴山市"
    return other_place + ("商务局" if name.endswith("统计局") else "统计局")


@pytest.mark.parametrize("report", REPORTS, ids=lambda report: str(report.index))
def test_gl410_generated(report):
    assert found(render(report, 1), "GL410") == []
    organ = other_organ(report)
    diagnostics = found(with_preamble_sentence(report, f"本报告经{organ}同意。"), "GL410")
    assert [(severity, organ in message) for _at, severity, message in diagnostics] == [("warning", True)]
    own = report.agency.city + "人民政府办公室"
    assert found(with_preamble_sentence(report, f"本报告经{own}审定。"), "GL410") == []


# -- GL310 implausible-zero ---------------------------------------------------------------------------

TABLE2 = "二、主动公开政府信息情况\n第二十条第（五）项\n信息内容\t本年处理决定数量\n行政许可\t{value}\n"
APPROVALS = "全年审批事项办件12000件，行政许可事项全部网上审批。\n"


def report_2022(name: str, prose: str, value: int) -> str:
    return f"{name}2022年政府信息公开工作年度报告\n一、总体情况\n{prose}" + TABLE2.format(value=value)


def test_gl310_an_approval_bureau_with_zero_licensing():
    assert found(report_2022("中卫市审批服务管理局", APPROVALS, 0), "GL310") == [
        ("7:6", "warning", "“中卫市审批服务管理局”表二“行政许可”的“本年处理决定数量”为 0，"
                           "但正文多次述及该项工作（“审批”、“许可”、“办件”共 4 处）")]


@pytest.mark.parametrize("name,prose,value", [
    ("中卫市审批服务管理局", APPROVALS, 5147),          # not zero
    ("中卫市审批服务管理局", "全年工作有序推进。\n", 0),  # no prose about approvals: say nothing
    ("中卫市教育局", APPROVALS, 0),                     # not an approval bureau
    ("中卫市政务服务中心", APPROVALS, 0),               # hosts others' windows: no licensing of its own
])
def test_gl310_silent(name, prose, value):
    assert found(report_2022(name, prose, value), "GL310") == []


def test_gl310_kinds_extend_from_the_configuration(tmp_path):
    (tmp_path / ".govlint.yaml").write_text(
        "rules:\n  GL310:\n    params:\n      classes:\n        police:\n          names: [公安局]\n"
        "          nonzero: [[licensing, decisions]]\n          evidence: [审批]\n          min_evidence: 1\n",
        encoding="utf-8")
    report = tmp_path / "r.txt"
    report.write_text(report_2022("中卫市公安局", APPROVALS, 0), encoding="utf-8")
    assert path_found(report, "GL310") == [(7, "warning")]


def test_gl310_a_bad_class_in_the_configuration_is_refused(tmp_path, monkeypatch):
    from conftest import cli_runner
    from govlint.cli import cli

    monkeypatch.setenv("GOVLINT_CACHE_DIR", str(tmp_path / "cache"))
    (tmp_path / ".govlint.yaml").write_text(
        "rules:\n  GL310:\n    params:\n      classes:\n        police:\n          names: [公安局]\n", encoding="utf-8")
    report = tmp_path / "r.txt"
    report.write_text(report_2022("中卫市公安局", APPROVALS, 0), encoding="utf-8")
    result = cli_runner().invoke(cli, [str(report), "--lang", "en"], catch_exceptions=False)
    assert result.exit_code == 2 and ".govlint.yaml" in result.output and "nonzero" in result.output, result.output


def zero_licensing(report):
    changed = copy.deepcopy(report)
    for _item, _columns, rows in changed.table2:
        for label, cells in rows:
            if label == "行政许可":
                cells[-1] = 0
    opening = next(block for block in changed.blocks if block.kind == "para" and block.section == 1)
    opening.text += "全年审批服务事项办件3000余件，行政许可事项实现一窗受理、网上审批。"
    return changed


_TABLED = [report for report in (make_report(20240901, index, defect_rate=0) for index in range(1500))
           if report.fmt != "2008"]
# Every approval bureau of 1500 generated reports (their names, places and levels vary), and 40 others.
APPROVAL_REPORTS = [report for report in _TABLED if report.agency.approval] + [
    report for report in _TABLED if not report.agency.approval][:40]


@pytest.mark.parametrize("report", APPROVAL_REPORTS, ids=lambda report: str(report.index))
def test_gl310_generated(report):
    assert found(render(report, 1), "GL310") == []
    diagnostics = found(render(zero_licensing(report), 1), "GL310")
    if report.agency.approval:
        assert [severity for _at, severity, _message in diagnostics] == ["warning"], report.agency.name
        assert report.agency.name in diagnostics[0][2]
    else:
        assert diagnostics == [], report.agency.name


# -- GL606 government-oversight and GL607 section-six-items ------------------------------------------

OVERSIGHT = re.compile("考核|考评|评议|追究|追责|问责")


def without_sentences(report, pattern: re.Pattern, sections=(1, 2, 3, 4, 5, 6)):
    """The report with every sentence and sub-heading matching pattern taken out of the sections."""
    changed = copy.deepcopy(report)
    kept = []
    for block in changed.blocks:
        if block.section in sections and block.kind in ("para", "sub"):
            if block.kind == "sub" and pattern.search(block.text):
                continue
            block.text = "".join(part for part in re.findall(r"[^。]*。|[^。]+$", block.text) if not pattern.search(part))
            if not block.text.strip():
                continue
        kept.append(block)
    changed.blocks = kept
    return changed


OVERSIGHT_REPORTS = [report for report in (make_report(20240901, index, defect_rate=0) for index in range(300))
                     if report.fmt != "2008"][:100]


@pytest.mark.parametrize("report", OVERSIGHT_REPORTS, ids=lambda report: str(report.index))
def test_gl606_generated(report):
    assert found(render(report, 1), "GL606") == []
    diagnostics = found(render(without_sentences(report, OVERSIGHT), 1), "GL606")
    if report.agency.kind == "gov":
        assert [(severity, message.count("“")) for _at, severity, message in diagnostics] == [("error", 4)]
    else:
        assert diagnostics == []
    only = found(render(without_sentences(report, re.compile("追究|追责|问责")), 1), "GL606")
    if report.agency.kind == "gov":
        assert [message.endswith("报告未说明“责任追究”的结果") for _at, _severity, message in only] == [True]


def test_gl606_hand_written():
    head = "某县人民政府2022年政府信息公开工作年度报告\n一、总体情况\n（五）监督保障\n"
    assert found(head + "将政务公开纳入年度绩效考核。\n", "GL606") == [
        ("2:1", "error", "“某县人民政府”是人民政府，报告未说明“社会评议”、“责任追究”的结果")]
    assert found(head + "纳入绩效考核，开展社会评议，本年度未发生责任追究。\n", "GL606") == []
    office = "某县人民政府办公室2022年政府信息公开工作年度报告\n一、总体情况\n略。\n"
    assert found(office, "GL606") == []  # a government office's own report: exempt


SIX_ITEMS = re.compile("人大代表|政协提案|建议提案|工作要点")
SIX_REPORTS = [report for report in (make_report(20240901, index, defect_rate=0) for index in range(400))
               if report.fmt == "2021" and report.agency.kind == "gov"][:40]


@pytest.mark.parametrize("report", SIX_REPORTS, ids=lambda report: str(report.index))
def test_gl607_generated(report):
    text = render(report, 1)
    six = text[text.index("六、其他需要报告的事项"):]
    has_proposals = "人大代表建议" in six
    diagnostics = found(text, "GL607")
    assert [("人大代表建议和政协提案" in message) for _at, _severity, message in diagnostics] == (
        [] if has_proposals else [True])
    stripped = found(render(without_sentences(report, SIX_ITEMS, sections=(6,)), 1), "GL607")
    assert [(severity, "人大代表建议" in message and "工作要点" in message) for _at, severity, message in stripped] == [
        ("info", True)]


def test_gl607_a_departments_section_six_reports_proposals_only():
    head = "某县自然资源局2022年政府信息公开工作年度报告\n六、其他需要报告的事项\n"
    assert found(head + "本年度未收取信息处理费。\n", "GL607") == [
        ("2:1", "info", "第六部分未报告“人大代表建议和政协提案办理结果公开”")]
    assert found(head + "本年度无承办的人大代表建议和政协提案。\n", "GL607") == []  # 工作要点: not asked of it
    office = "某县人民政府办公室2022年政府信息公开工作年度报告\n六、其他需要报告的事项\n本年度未收取信息处理费。\n"
    assert found(office, "GL607") == []


# -- seeds and corpus: the findings confirmed by reading the reports ------------------------------------

@pytest.mark.parametrize("prefix,line", [("000", 115), ("004", 90)])
def test_seed_departments_without_proposals_in_six(prefix, line):
    # domain.md §7: 000-12 and 004-11 (六 names no 人大代表建议/政协提案 item)
    assert path_found(seed(prefix), "GL607") == [(line, "info")]


def test_seed_000_zero_licensing_at_an_approval_bureau():
    assert path_found(seed("000"), "GL310") == [(57, "warning")]


def test_seed_001_wrong_approver_and_misspelt_author():
    assert path_found(seed("001"), "GL410") == [(5, "warning"), (7, "info")]


def test_seed_002_zero_licensing_at_an_approval_bureau():
    lines = path_found(seed("002"), "GL310")
    assert len(lines) == 1 and 288 <= lines[0][0] <= 294 and lines[0][1] == "warning"


@pytest.mark.parametrize("prefix", ["000", "002", "003", "004"])
def test_seeds_name_their_body_consistently(prefix):
    assert path_found(seed(prefix), "GL410") == []


def test_seed_004_licensing_5147_is_plausible():
    assert path_found(seed("004"), "GL310") == []


def test_seed_003_district_government_states_all_three():
    assert path_found(seed("003"), "GL606") == []


@pytest.mark.parametrize("name,line,missing", [
    # read: 监督保障 speaks of portal upkeep only; no 考核, 评议 or 追究 anywhere
    ("2023_huaian_hongzequ.txt", 10, "“工作考核”、“社会评议”、“责任追究”"),
    # read: 监督保障 speaks of checks and training; no 考核, 评议 or 追究 anywhere
    ("2024_huaian_shi.txt", 9, "“工作考核”、“社会评议”、“责任追究”"),
    # read: 考核 of the county's units is stated; nothing of 社会评议 or 责任追究
    ("2025_suqian_shuyangxian.txt", 8, "“社会评议”、“责任追究”"),
])
def test_corpus_governments_that_omit_oversight_results(name, line, missing):
    result = LINTER.lint_path(str(corpus(name)))
    diagnostics = [d for d in result.diagnostics if d.code == "GL606"]
    assert [(result.source.position(d.span.start)[0], d.severity) for d in diagnostics] == [(line, "error")]
    assert missing in diagnostics[0].message


@pytest.mark.parametrize("name", [
    "2019_shanghai_shizhengfu_bangongting.txt",  # the government office's own report: exempt
    "2023_suqian_shuyang_fagaiju.txt", "2024_shanghai_kewei.txt",  # departments
])
def test_corpus_other_bodies_no_oversight_finding(name):
    assert path_found(corpus(name), "GL606") == []


@pytest.mark.parametrize("name", ["2019_shanghai_shizhengfu_bangongting.txt", "2023_huaian_hongzequ.txt",
                                  "2023_suqian_shuyang_fagaiju.txt", "2024_huaian_shi.txt",
                                  "2024_shanghai_kewei.txt", "2025_suqian_shuyangxian.txt"])
def test_corpus_bodies_named_consistently(name):
    # read: authors are the body or its government's office (淮安市洪泽区人民政府办公室 for 洪泽区人民政府),
    # 市科委 for 上海市科委, the sign-off the title's body (沐阳县人民政府 written alike throughout)
    assert path_found(corpus(name), "GL410") == []


@pytest.mark.parametrize("name,line", [("2023_huaian_hongzequ.txt", 126), ("2024_huaian_shi.txt", 151),
                                       ("2025_suqian_shuyangxian.txt", 184)])
def test_corpus_government_section_six_items(name, line):
    # read: 六 states the fee only
    assert path_found(corpus(name), "GL607") == [(line, "info")]
