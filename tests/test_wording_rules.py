"""GL703 doubled-word, GL704 heading-punctuation, GL705 ascii-punctuation (issue 10, wording).

Hand-written cases say where each rule points and what its fix makes of the text, and which look-alikes
it leaves alone (reduplications, run-in sub-headings, numbers, addresses).  Generated reports
(benchmarks/generate.py) are silent as written and flagged once per injected defect.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from conftest import HAVE_SHARED, NO_SHARED, corpus, seed, seen
from govlint.lint.fixes import apply_edits
from govlint.lint.linter import Linter, Options

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from generate import make_report, render  # noqa: E402  (benchmarks/generate.py)

LINTER = Linter(Options(report_year=2022))
LINTER_ANY = Linter(Options())


HEAD = "一、总体情况\n"  # a report's first line would be read as its title


def found(text: str, code: str) -> list:
    """(line:column, severity, message) of ``code`` on the text, lines counted from the text's own
    first (a heading is put before a text that does not start with one)."""
    if text.startswith(HEAD):
        return seen(LINTER, text, code)
    return [(f"{int(where.split(':')[0]) - 1}:{where.split(':')[1]}", severity, message)
            for where, severity, message in seen(LINTER, HEAD + text, code)]


def fixed(text: str, code: str, unsafe: bool = False) -> str:
    """The text once the rule's fixes are applied (safe ones only unless ``unsafe``)."""
    whole = text if text.startswith(HEAD) else HEAD + text
    result = LINTER.lint_bytes(whole.encode("utf-8"), "r.txt")
    fixes = [d.fix for d in result.diagnostics if d.code == code and d.fix and (d.fix.safe or unsafe)]
    out = apply_edits(whole, fixes)[0]
    return out if text.startswith(HEAD) else out[len(HEAD):]


# -- GL703 -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, at, word", [
    ("本机关公开科技计划资金资金分配结果。\n", "1:10", "资金"),
    ("深入推进政务公开政务公开工作。\n", "1:5", "政务公开"),
    ("加强 政务 公开 政务 公开 工作。\n", "1:4", "政务公开"),  # PDF spaces between characters
])
def test_doubled_word(text, at, word):
    [(where, severity, message)] = found(text, "GL703")
    assert (where, severity) == (at, "info") and f"“{word}”重复书写" in message


def test_doubled_words_at_the_ends_of_paragraphs_are_each_at_their_place():
    """The paragraphs are searched together, joined by line breaks: a word doubled where one paragraph
    ends and one where the next starts are two findings, each in its own paragraph."""
    text = "本机关公开了资金资金。\n资金资金分配结果已公开。\n第三段没有重复。\n政务公开政务公开\n"
    assert [where for where, _severity, _message in found(text, "GL703")] == ["1:7", "2:1", "4:1"]


@pytest.mark.parametrize("text, at, item", [
    ("设置志愿者服务站、无障碍通道、母婴室、志愿者服务站和自助服务区等设施。\n", "1:20", "志愿者服务站"),
    ("公开财政预算、政府采购、财政预算和专项资金等信息。\n", "1:13", "财政预算"),
])
def test_an_item_named_twice_in_one_list(text, at, item):
    assert found(text, "GL703") == [(at, "info", f"“{item}”在同一列举中出现两次")]


@pytest.mark.parametrize("text", [
    "公开财政预算、政府采购、专项资金等信息，财政预算按月公开。\n",    # the same word, not in the same list
    "设置车站、通道、车站和自助服务区。\n",                            # items shorter than three characters
    "公开财政预算和财政预算执行情况。\n",                              # not a list of three
])
def test_items_named_once_per_list_are_silent(text):
    assert found(text, "GL703") == []


def test_a_word_doubled_in_a_sub_heading():
    text = "一、总体情况\n（三）政府信 息信息管理情况\n本机关及时清理规范性文件。\n"  # a PDF's space inside
    assert [(at, severity) for at, severity, _m in found(text, "GL703")] == [("2:6", "info")]
    assert fixed(text, "GL703", unsafe=True) == "一、总体情况\n（三）政府信 息管理情况\n本机关及时清理规范性文件。\n"


def test_doubled_word_fix_is_unsafe_and_deletes_the_second():
    text = "本机关公开科技计划资金资金分配结果。\n"
    assert fixed(text, "GL703") == text
    assert fixed(text, "GL703", unsafe=True) == "本机关公开科技计划资金分配结果。\n"


@pytest.mark.parametrize("text", [
    "对申请一一答复，常常开展自查，层层压实责任，人人参与，年年开展评议。",   # reduplications
    "逐步逐项公开，各项各类信息实实在在，方方面面都有改进。",
    "公开开展情况良好，深入学习习近平新时代中国特色社会主义思想，我县县委高度重视。",  # words meeting
    "二〇二〇年以来，按一个一个事项梳理。",                                   # numerals
    "请与市政务服务管理办公室办公室联系。",                                   # an office's office
    "领导小组研究研究后决定。",                                             # the exceptions list
])
def test_no_doubling(text):
    assert found(text + "\n", "GL703") == []


# -- GL704 -------------------------------------------------------------------------------------------

def test_heading_alone_on_its_line_ending_in_a_stop():
    text = "一、总体情况\n（四）规范平台建设。\n本机关持续加强门户网站建设。\n"
    assert found(text, "GL704") == [("2:10", "info", "标题“（四）规范平台建设。”末尾不应有“。”")]
    assert fixed(text, "GL704") == text.replace("建设。\n本", "建设\n本")


def test_a_series_of_subheadings_ending_in_stops_is_one_finding():
    text = ("一、总体情况\n（一）主动公开情况。\n本机关主动公开信息120条。\n（二）依申请公开情况。\n"
            "本年度未收到申请。\n")
    assert found(text, "GL704") == [("2:10", "info", "标题“（一）主动公开情况。”末尾不应有“。”")]
    assert fixed(text, "GL704") == text.replace("情况。\n", "情况\n")


def test_heading_run_into_its_sentence_keeps_its_stop():
    # crawler text: the sub-heading after other text on its line; a heading's words then its sentence
    assert found("一、总体情况\n本年度工作有序推进。（二）收费情况本年度未收取费用。\n", "GL704") == []
    assert found("一、总体情况\n六、其他需要报告的事项无其他需要报告的事项。\n", "GL704") == []


def test_emphasised_heading_ending_in_a_stop():
    text = "一、总体情况\n**（四）规范平台建设。**\n本机关持续加强门户网站建设。\n"
    assert [where for where, *_ in found(text, "GL704")] == ["2:12"]
    assert "**（四）规范平台建设**" in fixed(text, "GL704")


def test_run_in_subheading_keeps_its_stop():
    text = "一、总体情况\n（一）主动公开情况。本年度主动公开信息120条。\n（二）依申请公开情况。本年度未收到申请。\n"
    assert found(text, "GL704") == []


def test_mandated_heading_with_a_stop_is_gl104s_only():
    text = "一、总体情况\n本年度工作有序推进。\n二、主动公开政府信息情况。\n"
    assert found(text, "GL704") == []
    assert [code for code in ("GL104",) if found(text, code)] == ["GL104"]


def test_mixed_brackets_once_per_series():
    text = ("一、总体情况\n（一）主动公开情况。本年度主动公开信息120条。\n(二)依申请公开情况。本年度未收到申请。\n"
            "(三)政府信息管理情况。本年度清理文件5件。\n")
    assert found(text, "GL704") == [("3:1", "info", "同一层级的小标题序号混用半角“(二)”与全角“（一）”括号")]
    assert fixed(text, "GL704") == text.replace("(二)", "（二）").replace("(三)", "（三）")


def test_one_bracket_form_throughout_is_not_mixed():
    text = "一、总体情况\n(一)主动公开情况。本年度主动公开信息120条。\n(二)依申请公开情况。本年度未收到申请。\n"
    assert found(text, "GL704") == []


# -- GL705 -------------------------------------------------------------------------------------------

def test_ascii_punctuation_once_per_paragraph_with_a_fix_for_all():
    text = "按照《通知》(某政办发〔2022〕5号)要求,认真履行法定职责;积极推进政务公开:一是加强领导。\n"
    assert found(text, "GL705") == [
        ("1:7", "info", "本部分中文正文有 5 处半角标点（首处“(”：“按照《通知》(某政办发〔2”），应使用全角标点")]
    assert fixed(text, "GL705") == "按照《通知》（某政办发〔2022〕5号）要求，认真履行法定职责；积极推进政务公开：一是加强领导。\n"


def test_the_preamble_and_each_section_are_reported_once():
    # Two paragraphs of the preamble (or one a PDF's wrap cut in two): one finding, one fix for both.
    text = "要求,认真履行职责。\n\n依托平台,建立数据库。\n一、总体情况\n本机关,持续推进。\n"
    assert [(where, message[:12]) for where, _, message in found(text, "GL705")] == [
        ("1:3", "本部分中文正文有 2 处"), ("5:4", "本部分中文正文有 1 处")]
    assert fixed(text, "GL705").count(",") == 0


@pytest.mark.parametrize("text, fixed_text", [
    ("2017年7月5日,市政务中心召开会议。", "2017年7月5日，市政务中心召开会议。"),      # figure, then Chinese
    ("工作纳入日程中,2017年召开会议。", "工作纳入日程中，2017年召开会议。"),          # Chinese, then figure
    ("共梳理事项209项,其中行政许可100项。", "共梳理事项209项，其中行政许可100项。"),
    ("各单位(部门)编制目录。", "各单位（部门）编制目录。"),
    ("落实《条例》（国务院令第711号)要求。", "落实《条例》（国务院令第711号）要求。"),   # a mixed pair
    ("〔2017〕113号)要求认真履行。", "〔2017〕113号）要求认真履行。"),                # its opening lost
    ("公开《行政许可事项清单(2023年版)》235项。", "公开《行政许可事项清单（2023年版）》235项。"),
])
def test_fixes(text, fixed_text):
    assert len(found(text + "\n", "GL705")) == 1
    assert fixed(text + "\n", "GL705") == fixed_text + "\n"


@pytest.mark.parametrize("text", [
    "主动公开信息1,234条，时间为10:30。",                                     # numbers and times
    "网址:http://www.example.gov.cn，邮箱:gk@example.gov.cn。",             # addresses
    "开通APP,微信公众号等渠道（详见网站）。",                                  # beside Latin letters
    "门户网站(http://www.example.gov.cn)及时发布。",                          # brackets around an address
    "(一)主动公开情况。本年度公开信息120条。",                                 # a numbering: GL704's
    "全文使用全角标点，（一）如此，《条例》（国务院令第711号）亦然。",
])
def test_no_ascii_punctuation(text):
    assert found(text + "\n", "GL705") == []


# -- real reports -----------------------------------------------------------------------------------

def _at(path, code) -> list:
    result = LINTER_ANY.lint_bytes(path.read_bytes(), path.name)
    return [result.source.position(d.span.start)[0] for d in result.diagnostics if d.code == code]


@pytest.mark.skipif(not HAVE_SHARED, reason=NO_SHARED)
def test_seeds():
    """domain.md §7: 000-9 is GL104's (no GL704 there); 001-8, 002-5 (heading stop), 004-4 (mixed
    brackets at l.15, once), 001-9 (ASCII punctuation in 11–21); 000-11 (开展两次开展) is no doubling;
    004-6 (an item listed twice)."""
    assert 49 not in _at(seed("000"), "GL704")
    assert 51 in _at(seed("001"), "GL704")
    assert 182 in _at(seed("002"), "GL704")
    assert _at(seed("004"), "GL704") == [15]
    assert _at(seed("001"), "GL705") and all(11 <= line <= 21 for line in _at(seed("001"), "GL705"))
    assert _at(seed("000"), "GL703") == []
    assert _at(seed("004"), "GL703") == [13]  # 004-6: one service station named twice in one list


@pytest.mark.skipif(not HAVE_SHARED, reason=NO_SHARED)
def test_corpus_doubled_word():
    assert _at(corpus("2024_shanghai_kewei.txt"), "GL703") == [34]


# -- generated reports -----------------------------------------------------------------------------

REPORTS = [report for report in (make_report(20241011, index, defect_rate=0) for index in range(60))
           if report.fmt != "2008"][:40]
CODES = ("GL703", "GL704", "GL705")


def _lint(text: str):
    result = LINTER_ANY.lint_bytes(text.encode("utf-8"), "r.txt")
    return {code: [d for d in result.diagnostics if d.code == code] for code in CODES}


def _opening(report):
    return next(block for block in report.blocks if block.kind == "para" and block.section == 1)


@pytest.mark.parametrize("defect, code", [
    (lambda text: text.replace("，", "工作工作，", 1), "GL703"),
    (lambda text: text.replace("，", ",", 3), "GL705"),
])
def test_generated_reports_silent_then_flagged_once(defect, code):
    for report in REPORTS:
        assert _lint(render(report, 1)) == {c: [] for c in CODES}, report.index
        block = _opening(report)
        original = block.text
        block.text = defect(original)
        try:
            after = _lint(render(report, 1))
        finally:
            block.text = original
        assert len(after[code]) == 1, (report.index, code)
        assert all(after[other] == [] for other in CODES if other != code), report.index
