"""GL408 stale-year: the previous year written where the report year belongs (issue 10, domain.md X-11).

Hand-written sentences of a report for 2023, each the only prose of 一、总体情况 (or of the section
named), say where GL408 points or that it says nothing: the ways real reports mention last year
(comparisons, history, dates, documents, accounts, last year's problems) must stay silent.
Generated reports (benchmarks/generate.py) are silent as written and flagged once when the year
opening a paragraph of 总体情况 is turned into the previous one.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from conftest import EXAMPLES, HAVE_SHARED, NO_SHARED, SEEDS, CORPUS, seen
from govlint.lint.fixes import apply_edits
from govlint.lint.linter import Linter, Options

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from generate import make_report, render  # noqa: E402  (benchmarks/generate.py)

LINTER = Linter(Options(report_year=2023))
LINTER_ANY = Linter(Options())


def report(sentence: str, heading: str = "一、总体情况") -> str:
    return f"{heading}\n{sentence}\n"


def gl408(text: str) -> list:
    return seen(LINTER, text, "GL408")


OPENING = "报告年度为 2023 年，此句却以“{found}”开头，疑为沿用上一年报告的文字"
FIGURES = "报告年度为 2023 年，此处却写“{found}”的数字，疑为沿用上一年报告的文字"


@pytest.mark.parametrize("sentence, at, message", [
    ("2022年，本机关扎实推进政务公开工作。", "2:1", OPENING.format(found="2022年")),
    ("2022年度，我局认真贯彻落实《条例》。", "2:1", OPENING.format(found="2022年度")),
    ("2022 年，我局认真贯彻落实《条例》。", "2:1", OPENING.format(found="2022年")),  # PDF spaces
    ("一是加强组织领导。2022年，我局调整了领导小组。", "2:10", OPENING.format(found="2022年")),
    ("（一）主动公开情况。2022年，我局主动公开信息120条。", "2:11", OPENING.format(found="2022年")),
    ("一是2022年，我局主动公开信息120条。", "2:3", OPENING.format(found="2022年")),
    ("2022年共收到政府信息公开申请15件，均已按时答复。", "2:1", FIGURES.format(found="2022年")),
    ("2022年我局共受理政府信息公开申请15件。", "2:1", FIGURES.format(found="2022年")),
    ("全年工作有序推进，2022年主动公开政府信息356条。", "2:10", FIGURES.format(found="2022年")),
])
def test_previous_year_where_the_report_year_belongs(sentence, at, message):
    assert gl408(report(sentence)) == [(at, "warning", message)]


@pytest.mark.parametrize("sentence", [
    "2023年，本机关扎实推进政务公开工作。",                               # the report year
    "本机关共收到政府信息公开申请15件，较2022年增加3件。",                  # comparisons
    "与2022年相比，申请数量有所增加。",
    "2022年，我局共收到申请12件；2023年，共收到申请15件。",                # two years contrasted
    "2022年，我局共收到申请12件，本年度增至15件。",
    "主动公开信息数量比2022年同期增长10%。",
    "2012年以来，本机关持续推进政务公开。",                               # history
    "2022年以来，本机关持续推进政务公开。",
    "自2022年起，本机关实行政务公开清单管理。",
    "2022年12月，我局印发《政务公开工作制度》。",                         # dates
    "截至2022年12月31日，现行有效规范性文件30件。",
    "落实《2022年政务公开工作要点》的各项任务。",                         # documents
    "根据《关于印发某办法的通知》（某政办发〔2022〕5号）要求开展工作。",
    "本机关主动公开2022年度部门决算和2023年度部门预算。",                 # accounts
    "2022年度决算公开1份。",
    "2022年，我局存在的问题已全部整改到位。",                            # last year's problems
    "2022年，我局荣获全省政务公开先进单位称号。",                         # awards
    "2022年结转的3件申请均已办结。",                                    # carried over
    "2021年，本机关扎实推进政务公开工作。",                               # two years back: not read
    "本机关2022年制定的制度继续执行。",                                  # not at the head of a clause
])
def test_last_year_mentioned_as_real_reports_do(sentence):
    assert gl408(report(sentence)) == []


def test_problems_section_is_not_read():
    text = report("2022年，我局在政务公开工作中存在解读形式单一等不足，本年已改进。", "五、存在的主要问题及改进情况")
    assert gl408(text) == []
    assert gl408(report("2022年，针对上级反馈意见，我局完善了审核流程。", "五、存在的主要问题及改进情况")) == []


def test_fix_is_the_report_year_and_unsafe():
    text = report("2022年，本机关扎实推进政务公开工作。")
    result = LINTER.lint_bytes(text.encode("utf-8"), "r.txt")
    [diagnostic] = [d for d in result.diagnostics if d.code == "GL408"]
    assert diagnostic.fix is not None and not diagnostic.fix.safe
    fixed, count = apply_edits(text, [diagnostic.fix])
    assert count == 1 and fixed == report("2023年，本机关扎实推进政务公开工作。")


# -- real reports and examples: silent ----------------------------------------------------------------

@pytest.mark.skipif(not HAVE_SHARED, reason=NO_SHARED)
@pytest.mark.parametrize("path", SEEDS + CORPUS, ids=lambda path: path.name)
def test_real_reports_are_silent(path):
    """None of the seeds and corpus reports writes last year for its own (their mentions of earlier
    years are history, accounts and comparisons)."""
    result = LINTER_ANY.lint_bytes(path.read_bytes(), path.name)
    assert [d for d in result.diagnostics if d.code == "GL408"] == []


@pytest.mark.parametrize("path", sorted(EXAMPLES.rglob("*.txt")), ids=lambda path: path.name)
def test_examples_are_silent(path):
    result = LINTER_ANY.lint_bytes(path.read_bytes(), path.name)
    assert [d for d in result.diagnostics if d.code == "GL408"] == []


# -- generated reports --------------------------------------------------------------------------------

def generated(count: int = 60) -> list:
    return [make_report(20241010, index, defect_rate=0) for index in range(count)]


REPORTS = generated()


def test_generated_reports_are_silent_and_a_stale_opening_is_found():
    injected = 0
    for item in REPORTS:
        before = LINTER_ANY.lint_bytes(render(item, 1).encode("utf-8"), "r.txt")
        assert [d for d in before.diagnostics if d.code == "GL408"] == [], item.index
        opening = f"{item.year}年，"
        block = next((b for b in item.blocks if b.kind == "para" and b.section == 1 and opening in b.text), None)
        if block is None:
            continue
        original = block.text
        block.text = original.replace(opening, f"{item.year - 1}年，", 1)
        try:
            after = LINTER_ANY.lint_bytes(render(item, 1).encode("utf-8"), "r.txt")
        finally:
            block.text = original
        found = [d for d in after.diagnostics if d.code == "GL408"]
        assert len(found) == 1, item.index
        pointed = after.source.text[found[0].span.start:found[0].span.end]
        assert "".join(pointed.split()) == f"{item.year - 1}年", (item.index, pointed)
        injected += 1
    assert injected >= len(REPORTS) // 2
