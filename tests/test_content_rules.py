"""What each section says (issue 10): GL608 off-topic, GL504 download-address, GL602–GL604 section 五,
GL605 overview-aspects, GL609 preamble-parts.

Hand-written cases say where each rule points and what it says; generated reports
(benchmarks/generate.py) must stay silent as written (GL604 aside: the generator never follows up
last year's problems) and flag each injected defect where it was injected; the real reports of
../shared give the findings domain.md §7 lists, at their lines, and nothing else.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from conftest import CORPUS, SEEDS, lint_text, seed, seen, shared
from govlint.lint.linter import Linter, Options

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from generate import make_report, render  # noqa: E402  (benchmarks/generate.py)

LINTER = Linter(Options(report_year=2022))
LINTER_ANY = Linter(Options())  # generated and real reports: the year their title names
CONTENT = ["GL504", "GL602", "GL603", "GL604", "GL605", "GL608", "GL609"]

OFF_TOPIC = ("深化“放管服”改革，全面推行告知承诺制，新增跨省通办事项20项，企业开办时间压缩至1个工作日。"
             "推进一体化政务服务平台建设，市本级审批事项网上可办率达到95%，累计办件量8000余件。"
             "优化政务服务大厅窗口设置，推行帮办代办服务，全年代办项目120个。"
             "加强信用监管，对行政检查、行政处罚等监管事项及时录入监管平台。"
             "持续优化营商环境，培育市场主体1000户以上，招商引资项目落地30个。"
             "推行“一件事一次办”集成服务，办件满意率达到99%。")
ON_TOPIC = ("围绕“放管服”改革，及时公开审批事项清单和办事指南，发布政策解读10篇。在门户网站开设营商环境专栏，"
            "公开跨省通办事项目录。审批结果信息在网站及时公开，全年公开项目批复文件300余条。"
            "政务服务事项清单调整后，同步更新公开目录，回应企业关切。")
SIX = "六、其他需要报告的事项\n（一）信息处理费情况\n本年度未收取信息处理费。\n（二）{heading}\n{text}\n"


def diagnostics(linter: Linter, text: str, codes: list) -> list:
    result = linter.lint_bytes(text.encode("utf-8"), "r.txt")
    return [(d.code, d.severity, result.source.position(d.span.start)) for d in result.diagnostics
            if d.code in codes]


# -- GL608 off-topic --------------------------------------------------------------------------------

def test_off_topic_sub_section_is_a_warning_at_its_heading():
    [(at, severity, message)] = seen(LINTER, SIX.format(heading="其他重点工作", text=OFF_TOPIC), "GL608")
    assert (at, severity) == ("4:1", "warning")
    assert "“(二)其他重点工作”" in message and "超过 50%" in message and "放管服" not in message.split("（")[0]
    assert "% 的文字讲的是政务公开以外的工作（" in message


def test_off_topic_under_a_disclosure_heading_is_only_a_hint():
    [(at, severity, message)] = seen(LINTER, SIX.format(heading="政务公开工作要点落实情况", text=OFF_TOPIC), "GL608")
    assert (at, severity) == ("4:1", "info") and "请核对是否泛化" in message


def test_off_topic_before_the_2021_format_is_only_a_hint():
    text = ("根据《中华人民共和国政府信息公开工作年度报告格式（试行）》要求编制本报告。\n"
            + SIX.format(heading="其他重点工作", text=OFF_TOPIC))
    found = seen(Linter(Options(report_year=2020)), text, "GL608")
    assert [(at, severity) for at, severity, _message in found] == [("5:1", "info")]


@pytest.mark.parametrize("text", [
    ON_TOPIC,                               # the same business, told as disclosure work
    OFF_TOPIC[:120],                        # too short to judge
    "本年度无其他需要报告的事项。",
])
def test_on_topic_or_short_sub_sections_are_silent(text):
    assert seen(LINTER, SIX.format(heading="其他重点工作", text=text), "GL608") == []


def test_a_section_without_sub_headings_is_judged_whole():
    text = "五、存在的主要问题及改进情况\n暂无。\n六、其他需要报告的事项\n" + OFF_TOPIC + "\n"
    assert [(at, severity) for at, severity, _m in seen(LINTER, text, "GL608")] == [("3:1", "warning")]


# -- GL504 download-address -------------------------------------------------------------------------

PERIOD = "本报告所列数据统计期限为2022年1月1日至12月31日。"
DOWNLOAD = "本年度报告电子版可从某某县人民政府门户网站（{url}）下载。"


@pytest.mark.parametrize("url", ["http//www.example.gov.cn", "http:/www.example.gov.cn", "www .example.gov.cn",
                                 "www. example.gov.cn", "http://www.example .gov.cn"])
def test_malformed_download_address(url):
    text = PERIOD + DOWNLOAD.format(url=url) + "\n"
    [(at, severity, message)] = seen(LINTER, text, "GL504")
    assert severity == "warning" and at == f"1:{text.index(url) + 1}"
    assert message == f"下载地址“{url}”写法有误"


def test_shown_address_differs_from_link_target():
    text = (PERIOD + DOWNLOAD.format(url="http://www.znzx.gov.cn") + "\n一、总体情况\n"
            "http://www.zxzn.gov.cn\n本年度主动公开政府信息100条。\n")
    [(at, severity, message)] = seen(LINTER, text, "GL504")
    assert (at, severity) == (f"1:{text.index('http://www.znzx') + 1}", "warning")
    assert message == "正文显示的下载地址“http://www.znzx.gov.cn”与其链接目标“http://www.zxzn.gov.cn”不一致，其中之一有误"


@pytest.mark.parametrize("link", ["http://www.znzx.gov.cn/", "https://znzx.gov.cn", "mailto:a@b.cn"])
def test_a_link_to_the_shown_host_is_silent(link):
    text = (PERIOD + DOWNLOAD.format(url="http://www.znzx.gov.cn") + "\n一、总体情况\n"
            + link + "\n本年度主动公开政府信息100条。\n")
    assert seen(LINTER, text, "GL504") == []


def test_no_download_statement_is_a_hint_at_the_preamble():
    # At the preamble's first sentence, as GL501 (a place every layout of the preamble keeps).
    text = PERIOD + "如对本报告有疑问，请与某某局办公室联系（电话：0955-7068588）。\n一、总体情况\n正文。\n"
    [(at, severity, message)] = seen(LINTER, text, "GL504")
    assert (at, severity, message) == ("1:1", "info", "报告未说明电子版可从何处下载")


def test_a_website_named_without_its_address_is_enough():
    assert seen(LINTER, PERIOD + "本年度报告电子版可在某某县人民政府门户网站下载。\n", "GL504") == []


def test_portals_allow_list_from_the_configuration(tmp_path):
    config = tmp_path / ".govlint.yaml"
    config.write_text("rules:\n  GL504: {params: {portals: [www.example.gov.cn]}}\n", encoding="utf-8")
    linter = Linter(Options(config=str(config), report_year=2022))
    good = PERIOD + DOWNLOAD.format(url="http://www.example.gov.cn/xxgk/") + "\n"
    other = PERIOD + DOWNLOAD.format(url="http://www.exmple.gov.cn") + "\n"
    assert seen(linter, good, "GL504") == []
    [(at, severity, message)] = seen(linter, other, "GL504")
    assert severity == "warning" and message == "下载地址“http://www.exmple.gov.cn”不在配置的门户网站（www.example.gov.cn）之列"


# -- GL602 / GL603 / GL604: section 五 -----------------------------------------------------------------

FIVE = "五、存在的主要问题及改进情况\n{text}\n六、其他需要报告的事项\n本年度未收取信息处理费。\n"
PROBLEMS = "一是部分科室对政务公开工作重视不够，信息发布不够及时；二是政策解读形式较为单一，解读质量不高，群众获得感不强。"
MEASURES = "下一步，我局将加强培训考核，丰富解读形式，及时发布各类信息，持续提升政务公开质量和实效。"
FOLLOW_UP = "针对上年度存在的信息更新不及时问题，已建立周检查制度，整改到位。"


@pytest.mark.parametrize("text", ["无", "无。", "暂无。", "（一）存在问题\n（二）改进措施", "工作有待加强，将持续改进。"])
def test_section_five_empty(text):
    found = diagnostics(LINTER, FIVE.format(text=text), ["GL602", "GL603", "GL604"])
    assert found == [("GL602", "warning", (1, 1))]


def test_section_five_empty_message():
    [(_at, _severity, message)] = seen(LINTER, FIVE.format(text="无。"), "GL602")
    assert message == "第五部分“存在的主要问题及改进情况”只有 1 个字，少于 50 个，未实际说明问题和改进情况"


@pytest.mark.parametrize("text, expected", [
    (PROBLEMS, "第五部分写了存在的问题，但没有说明改进情况或措施"),
    ("本年度，我局" + MEASURES + "推进政务公开标准化规范化建设，完善工作制度。", "第五部分写了改进措施，但没有说明存在的问题"),
])
def test_section_five_parts(text, expected):
    assert seen(LINTER, FIVE.format(text=text), "GL603") == [("1:1", "warning", expected)]


@pytest.mark.parametrize("text, expected", [
    # a problem worded 有待加强 is no measure
    ("（一）存在的主要问题\n" + PROBLEMS + "三是政务新媒体运维管理有待加强，互动回应有待提升。",
     "第五部分写了存在的问题，但没有说明改进情况或措施"),
    # 针对上述问题 refers back to problems the section never names
    ("（二）改进措施\n针对上述问题，下一步我局将重点做好以下工作：一是加强业务培训，提升工作人员能力；"
     "二是丰富解读形式，提高政策解读质量；三是规范信息发布流程。",
     "第五部分写了改进措施，但没有说明存在的问题"),
])
def test_section_five_parts_read_what_the_words_do(text, expected):
    assert seen(LINTER, FIVE.format(text=text), "GL603") == [("1:1", "warning", expected)]


@pytest.mark.parametrize("measures", [
    "一是加强业务培训；二是完善发布审核机制。",   # clauses that open with a measure's verb
    "2023年，我局健全发布审核机制，解读材料同步起草。",  # the next year's plans
    "针对解读不够深入的问题，我局将丰富解读形式。",   # a problem named inside a measure
])
def test_section_five_with_both_parts_is_silent(measures):
    assert seen(LINTER, FIVE.format(text=PROBLEMS + measures), "GL603") == []


def test_section_five_follow_up():
    assert seen(LINTER, FIVE.format(text=PROBLEMS + MEASURES), "GL604") == [
        ("1:1", "info", "第五部分没有说明上一年度（2021年）存在问题的整改情况")]
    for follow_up in (FOLLOW_UP, "2021年年报中提出的问题已全部整改。"):
        assert seen(LINTER, FIVE.format(text=follow_up + PROBLEMS + MEASURES), "GL604") == []


def test_section_five_complete_is_silent():
    text = FIVE.format(text="（一）存在的主要问题\n" + FOLLOW_UP + PROBLEMS + "\n（二）改进措施\n" + MEASURES)
    assert diagnostics(LINTER, text, ["GL602", "GL603", "GL604"]) == []


# -- GL605 overview-aspects -------------------------------------------------------------------------

ASPECTS = {
    "主动公开": "（一）主动公开情况。全年主动公开政府信息120条。",
    "依申请公开": "（二）依申请公开情况。全年收到政府信息公开申请3件，均按期答复。",
    "政府信息管理": "（三）政府信息管理情况。及时清理规范性文件，更新公开目录。",
    "政府信息公开平台建设": "（四）平台建设情况。加强门户网站和政务新媒体管理。",
    "监督保障": "（五）监督保障情况。将政务公开纳入年度考核，开展业务培训2次。",
}


@pytest.mark.parametrize("left_out", list(ASPECTS))
def test_overview_aspect_left_out(left_out):
    text = "一、总体情况\n" + "\n".join(line for name, line in ASPECTS.items() if name != left_out) + "\n"
    assert seen(LINTER, text, "GL605") == [("1:1", "warning", f"第一部分“总体情况”没有说明“{left_out}”方面的情况"
                                                              "（应涵盖主动公开、依申请公开、政府信息管理、平台建设、"
                                                              "监督保障五个方面）")]


def test_overview_aspects_by_content_without_sub_headings():
    text = ("一、总体情况\n本年度主动公开政府信息120条，收到政府信息公开申请3件。及时清理规范性文件，"
            "加强门户网站管理，将政务公开纳入年度考核。\n")
    assert seen(LINTER, text, "GL605") == []


def test_overview_aspects_left_out_are_named_in_one_finding():
    text = "一、总体情况\n" + ASPECTS["主动公开"] + "\n" + ASPECTS["依申请公开"] + "\n"
    [(at, severity, message)] = seen(LINTER, text, "GL605")
    assert severity == "warning" and "“政府信息管理”、“政府信息公开平台建设”、“监督保障”" in message


def test_an_aspect_without_its_sub_heading_only_mentioned_in_passing_is_an_info():
    # written by sub-heading; 平台 only in passing (通过门户网站…): an info naming it, not a warning
    text = "一、总体情况\n" + "\n".join(line.replace("全年主动公开", "通过门户网站主动公开")
                                        for name, line in ASPECTS.items() if name != "政府信息公开平台建设") + "\n"
    assert seen(LINTER, text, "GL605") == [("1:1", "info", "第一部分“总体情况”按方面设小标题，但“政府信息公开平台建设”"
                                                           "方面没有小标题，只在别处顺带提到")]


def test_a_sub_heading_run_into_the_prose_counts_as_a_sub_heading():
    # a crawler's text: （四）… run into the paragraph before it, not read as a sub-heading
    text = ("一、总体情况\n" + ASPECTS["主动公开"] + "\n" + ASPECTS["依申请公开"] + "\n" + ASPECTS["政府信息管理"]
            + "更新公开目录。（四）平台建设情况。加强门户网站和政务新媒体管理。\n" + ASPECTS["监督保障"] + "\n")
    assert seen(LINTER, text, "GL605") == []


def test_a_merged_sub_heading_names_both_aspects():
    text = ("一、总体情况\n" + ASPECTS["主动公开"] + "\n" + ASPECTS["依申请公开"] + "\n" + ASPECTS["政府信息管理"]
            + "\n（四）平台建设和监督保障情况。加强门户网站管理，将政务公开纳入年度考核。\n")
    assert seen(LINTER, text, "GL605") == []


def test_overview_aspects_not_for_the_2008_regime():
    text = "某某局2017年政府信息公开工作年度报告\n一、概述\n本年度主动公开政府信息120条。\n"
    assert seen(Linter(Options(report_year=2017)), text, "GL605") == []


# -- GL609 preamble-parts ---------------------------------------------------------------------------

HEADINGS = ("一、总体情况\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n"
            "四、政府信息公开行政复议、行政诉讼情况\n五、存在的主要问题及改进情况\n六、其他需要报告的事项\n")
PARTS = ["总体情况", "主动公开政府信息情况", "收到和处理政府信息公开申请情况", "政府信息公开行政复议、行政诉讼情况",
         "存在的主要问题及改进情况", "其他需要报告的事项"]


def parts_text(parts: list, cue: str = "本报告由{}组成。") -> str:
    return cue.format("、".join(parts[:-1]) + "和" + parts[-1]) + "\n" + HEADINGS


@pytest.mark.parametrize("cue", ["本报告由{}组成。", "全文包括{}。", "报告主要包括：{}。", "本报告包括{}等六个部分。"])
def test_parts_that_match_are_silent(cue):
    assert seen(LINTER, parts_text(PARTS, cue), "GL609") == []
    loose = PARTS[:3] + ["政府信息公开行政复议和行政诉讼情况", "存在主要问题及改进情况", "其他需要报告事项"]
    assert seen(LINTER, parts_text(loose, cue), "GL609") == []


def test_a_part_in_other_words_is_a_hint_at_it():
    parts = PARTS[:3] + ["因政府信息公开被申请行政复议和提起行政诉讼情况"] + PARTS[4:]
    text = parts_text(parts)
    [(at, severity, message)] = seen(LINTER, text, "GL609")
    assert (at, severity) == (f"1:{text.index('因政府') + 1}", "info")
    assert message == "引言列出的组成部分“因政府信息公开被申请行政复议和提起行政诉讼情况”与正文的标题不一致"


def test_a_section_left_out_of_the_list():
    [(at, severity, message)] = seen(LINTER, parts_text(PARTS[:5]), "GL609")
    assert severity == "info" and message == "引言列出的组成部分未包括“六、其他需要报告的事项”"


# -- generated reports --------------------------------------------------------------------------------

GENERATED = range(0, 60)


def generated(index: int):
    report = make_report(11, index, 0.0)
    return report, render(report, 11)


@pytest.mark.parametrize("index", GENERATED)
def test_clean_generated_reports_are_silent(index):
    report, text = generated(index)
    found = diagnostics(LINTER_ANY, text, CONTENT)
    # The generator never writes a follow-up of last year's problems, and leaves the download
    # statement out of some preambles: both are true hints.
    assert [item for item in found if item[1] != "info"] == []
    if "电子版" in text:
        assert [item for item in found if item[0] == "GL504"] == []


def _has_heading_six(index: int) -> bool:
    """A 2021-format report with its heading 六 on a line of its own."""
    report, text = generated(index)
    return report.fmt == "2021" and "六、其他需要报告的事项" in text


def _download_address_at(text: str) -> int:
    """Where the preamble's download address starts, when it is on one line and not at a line's start
    (a hard-wrapped line that starts with the address reads as a link line: parse/lines.py LINK);
    else -1."""
    start = text.find("电子版")
    at = text.find("http://www.", start)
    if start < 0 or at < 0 or "\n" in text[at:at + 30].split("）")[0] or text[at - 1] == "\n":
        return -1
    return at


# Generated reports that can carry each defect, chosen when the tests are collected (none is skipped).
WITH_SIX = [index for index in GENERATED if _has_heading_six(index)]
WITH_ADDRESS = [index for index in GENERATED
                if _download_address_at(generated(index)[1]) >= 0 and "一、总体情况" in generated(index)[1]]


@pytest.mark.parametrize("index", WITH_SIX)
def test_generated_reports_with_an_off_topic_sub_section(index):
    report, text = generated(index)
    text = text.rstrip("\n") + "\n（九）其他重点工作完成情况\n" + OFF_TOPIC + "\n"
    line = text.count("\n", 0, text.index("（九）其他重点工作")) + 1
    assert [item for item in diagnostics(LINTER_ANY, text, ["GL608"])] == [("GL608", "warning", (line, 1))]


@pytest.mark.parametrize("index", WITH_ADDRESS)
@pytest.mark.parametrize("defect", ["http//", "www .", "link"])
def test_generated_reports_with_a_bad_download_address(index, defect):
    report, text = generated(index)
    at = _download_address_at(text)
    if defect == "http//":
        text = text[:at] + "http//" + text[at + len("http://"):]
    elif defect == "www .":
        www = at + len("http://")
        text = text[:www] + "www ." + text[www + len("www."):]
    else:
        heading = text.find("一、总体情况")
        heading_end = text.index("\n", heading) + 1
        text = text[:heading_end] + "http://www.elsewhere-example.gov.cn\n" + text[heading_end:]
    result = LINTER_ANY.lint_bytes(text.encode("utf-8"), "r.txt")
    found = [d for d in result.diagnostics if d.code == "GL504"]
    assert [(d.severity, d.span.start) for d in found] == [("warning", at)]


# -- the real reports ---------------------------------------------------------------------------------

def real(path: Path) -> list:
    return diagnostics(LINTER_ANY, path.read_text(encoding="utf-8"), CONTENT)


@pytest.mark.parametrize("prefix, expected", [
    # domain.md §7: 000-4 (六（三）, warning), 000-8, 000-10; 001-10 (info: the 2008 regime);
    # 002-1 (shown znzf, linked nxzn), 002-7; 003-3 (no download location); 004-2, 004-10.
    ("000", {("GL608", "warning", 131), ("GL609", "info", 7), ("GL604", "info", 107)}),
    ("001", {("GL608", "info", 17)}),
    ("002", {("GL504", "warning", 22), ("GL609", "info", 14), ("GL604", "info", 471)}),
    ("003", {("GL504", "info", 5), ("GL604", "info", 85)}),
    # 004's 一（一） is mostly 政务服务 operations under a heading naming disclosure: a hint.
    ("004", {("GL504", "info", 5), ("GL604", "info", 80), ("GL608", "info", 11)}),
])
def test_seeds(prefix, expected):
    found = {(code, severity, where[0]) for code, severity, where in real(seed(prefix))}
    assert found == expected


@pytest.mark.parametrize("path", shared(CORPUS), ids=lambda p: getattr(p, "name", str(p)))
def test_corpus_has_no_content_warnings(path):
    """The corpus's content findings are hints only: no download statement (three reports), the 条例's
    wording in the list of parts (上海 2019), no word on last year's problems (all)."""
    assert [item for item in real(path) if item[1] != "info"] == []


def test_every_seed_is_covered():
    assert not SEEDS or len(SEEDS) == 5


# -- GL601 fee-statement: wherever 六 puts it, in the wordings reports use ----------------------------------

@pytest.mark.parametrize("six", [
    "（一）未收取信息处理费\n（二）工作创新情况\n本年度推行政务公开标准化建设。",   # a sub-heading says it
    "本年度未收取信息公开处理费。",
    "本机关依申请提供政府信息，未收取任何费用。",
    "本年度收取信息公开处理费200元。",
    "本年度共收取费用0元。",
    "信息处理费：无。",
])
def test_fee_statement_variants(six):
    text = "一、总体情况\n正文。\n六、其他需要报告的事项\n" + six + "\n"
    assert seen(LINTER, text, "GL601") == []


@pytest.mark.parametrize("six", ["无。", "本年度推行政务公开标准化建设。"])
def test_no_fee_statement_in_six(six):
    text = "一、总体情况\n正文。\n六、其他需要报告的事项\n" + six + "\n"
    assert seen(LINTER, text, "GL601") == [("3:1", "warning", "第六部分未说明本年度是否收取信息处理费")]


def test_fee_statement_elsewhere_counts_when_six_is_missing():
    assert seen(LINTER, "一、总体情况\n本年度未收取信息处理费。\n", "GL601") == []
    [(at, _severity, _message)] = seen(LINTER, "一、总体情况\n正文。\n", "GL601")
    assert at == "1:1"


def test_enough_generated_reports_carry_each_defect():
    # The generated-variant tests above run on the reports that can carry their defect: never on none.
    assert len(WITH_SIX) >= 20 and len(WITH_ADDRESS) >= 20
