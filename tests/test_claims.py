"""GL401 reads the text's claims about applications clause by clause (issue 9, layout class 8).

Hand-written cases change one sentence of examples/clean-2021.txt (table 3: 15 new, 1 carried over)
and say where GL401 points, or that it says nothing; generated reports (benchmarks/generate.py) get
one phrasing added to their 总体情况 and must give the same verdict in every report and layout.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from conftest import EXAMPLES, seen
from govlint.lint.linter import Linter, Options
from govlint.rules.kinds.claims import clauses

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from generate import make_report, render  # noqa: E402  (benchmarks/generate.py)

CLEAN = (EXAMPLES / "clean-2021.txt").read_text(encoding="utf-8")
LEAD = "（二）依申请公开情况。"  # line 11; the sentence after it is the one replaced
SENTENCE = "2022年共收到政府信息公开申请15件，上年结转1件，均在法定期限内答复，1件结转下年度继续办理。"
LINTER = Linter(Options(report_year=2022))
LINTER_ANY = Linter(Options())  # generated reports: the year their title names


def gl401(text: str) -> list:
    """GL401 diagnostics as users see them: (line:column, severity, message)."""
    return seen(LINTER, text, "GL401")


def with_sentence(sentence: str) -> str:
    assert LEAD + SENTENCE in CLEAN
    return CLEAN.replace(LEAD + SENTENCE, LEAD + sentence, 1)


# -- claims that were not read before ---------------------------------------------------------------

@pytest.mark.parametrize("sentence, at, claim, text", [
    # table 3's own words: 本年新收…N件
    ("本年新收政府信息公开申请20件，均已按期答复。", "11:14", "20", "新收政府信息公开申请20件"),
    ("2022年新收各类申请共20件。", "11:17", "20", "新收各类申请共20件"),
    # the count before the object, without 共/全年
    ("2022年我局收到20件政府信息公开申请。", "11:19", "20", "收到20件政府信息公开"),
])
def test_a_new_phrasing_is_a_claim(sentence, at, claim, text):
    assert gl401(with_sentence(sentence)) == [
        (at, "error", f"正文称收到 {claim} 件申请（“{text}”），表三“本年新收”总计为 15")]


# -- what is not a claim about this body's applications this year ------------------------------------

@pytest.mark.parametrize("sentence", [
    # a count in the next clause belongs to another verb (folding made ， a "," the old patterns crossed)
    "2022年我局收到政府信息公开申请，其中5件已按期答复。",
    "2022年收到政府信息公开申请；8件已办结。",
    # a part of the body
    "2022年，区政府办代表区政府受理政府信息公开申请17件。",
    "2022年，县政府办公室收到政府信息公开申请9件。",
    "2022年共收到政府信息公开申请15件，其中局办公室受理政府信息公开申请9件。",
    # another year
    "2021年共收到政府信息公开申请30件。",
    "上年共收到政府信息公开申请30件。",
    "2021年未收到政府信息公开申请。",
    # a comparison, or another verb's count
    "2022年收到政府信息公开申请同比增长5件。",
    "2022年收到政府信息公开申请较上年减少3件。",
    "2022年收到政府信息公开申请并办结12件。",
])
def test_not_this_bodys_count_is_not_compared(sentence):
    assert gl401(with_sentence(sentence)) == []


@pytest.mark.parametrize("sentence, at, area, text", [
    ("2022年，全县各级行政机关共收到政府信息公开申请300件。", "11:27", "全县", "收到政府信息公开申请300件"),
    ("全区各部门共受理政府信息公开申请300件。", "11:18", "全区", "受理政府信息公开申请300件"),
])
def test_a_wider_area_is_an_info_about_scope(sentence, at, area, text):
    assert gl401(with_sentence(sentence)) == [
        (at, "info", f"正文所述 300 件是“{area}”范围的申请数（“{text}”），与表三“本年新收”总计 15 的范围不同，未作比较")]


def test_a_wider_area_that_received_none_says_nothing():
    # beside this body's 15 new applications, "全县未收到…" is not this body's claim
    assert gl401(with_sentence("2022年，全县各级行政机关未收到政府信息公开申请。")) == []


def test_a_clause_split_keeps_thousands_and_marks_parts():
    pieces = list(clauses("2022年,我局共收到申请1,234件,其中自然人12件、法人3件;上年结转1件。"))
    assert [piece.text for piece in pieces] == ["2022年", "我局共收到申请1,234件", "其中自然人12件", "法人3件",
                                                "上年结转1件。"[:-1]]
    assert [piece.in_part for piece in pieces] == [False, False, True, True, False]
    assert [piece.topic for piece in pieces] == ["", "2022年", "2022年", "2022年", ""]


# -- generated reports: one phrasing added to 总体情况, the same verdict in every report ---------------

PHRASINGS = {
    # phrasing → (severity of the one GL401 it adds, or None for none)
    "{year}年，{we}本年新收政府信息公开申请{wrong}件。": "error",
    "本年度{we}新收各类申请共{wrong}件，均已办结。": "error",
    "{year}年{we}收到{wrong}件政府信息公开申请。": "error",
    "{year}年，{we}收到政府信息公开申请，其中{wrong}件已按期答复。": None,
    "区政府办代表区政府受理政府信息公开申请{wrong}件。": None,
    "{year}年，{we}共收到政府信息公开申请{new}件，其中某科室受理政府信息公开申请{wrong}件。": None,
    "{last}年，{we}共收到政府信息公开申请{wrong}件。": None,
    "{we}收到政府信息公开申请较上年增加{wrong}件。": None,
    "{year}年，全市各级行政机关共收到政府信息公开申请{wrong}件。": "info",
}


def generated(count: int = 40) -> list:
    """Generated reports of the formats GL401 applies to, without defects, with applications."""
    reports = []
    index = 0
    while len(reports) < count:
        report = make_report(20240901, index, defect_rate=0)
        index += 1
        if report.fmt != "2008" and report.table3["new"][6] > 0:
            reports.append(report)
    return reports


REPORTS = generated()


def rendered_with(report, sentence: str) -> str:
    """The report with sentence added to its opening paragraph of 总体情况 (the report is left as it was)."""
    opening = next(block for block in report.blocks if block.kind == "para" and block.section == 1)
    original = opening.text
    opening.text += sentence
    try:
        return render(report, 1)
    finally:
        opening.text = original


@pytest.mark.parametrize("phrasing", list(PHRASINGS))
def test_generated_reports_read_each_phrasing_alike(phrasing):
    expected = PHRASINGS[phrasing]
    for report in REPORTS:
        new, carried = report.table3["new"][6], report.table3["carried"][6]
        wrong = next(n for n in (new + 7, new + 13) if n not in (new, new + carried))
        before = LINTER_ANY.lint_bytes(render(report, 1).encode("utf-8"), "r.txt")
        assert [d for d in before.diagnostics if d.code == "GL401"] == [], report.index
        sentence = phrasing.format(year=report.year, last=report.year - 1, we=report.agency.we, new=new, wrong=wrong)
        result = LINTER_ANY.lint_bytes(rendered_with(report, sentence).encode("utf-8"), "r.txt")
        claims = [d for d in result.diagnostics if d.code == "GL401"]
        if expected is None:
            assert claims == [], (report.index, sentence)
        else:
            assert [d.severity for d in claims] == [expected], (report.index, sentence)
            pointed = result.source.text[claims[0].span.start:claims[0].span.end]
            assert str(wrong) in "".join(pointed.split()), (report.index, sentence, pointed)

