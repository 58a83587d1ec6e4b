"""A heading run into its first paragraph (web pages; issue 9, layout class 4).

"一、总体情况2023年，本机关坚持…" and "六、其他需要报告的事项本年度未收取信息处理费。" are a heading
followed by a paragraph: the same report with the paragraph on a line of its own gives the same
diagnostics (rule, message and the text they point at), and no heading-wording warning or missing
section comes from the join."""
from __future__ import annotations

import re
from collections import Counter

import pytest

from conftest import EXAMPLES
from govlint.lint.linter import Linter, Options
from govlint.parse.outline import parse
from govlint.source import Source
from govlint.parse.lines import _run_in_heading

CLEAN = (EXAMPLES / "clean-2021.txt").read_text(encoding="utf-8")
HEADINGS = [line for line in CLEAN.split("\n") if re.match(r"[一二三四五六]、", line) and "\t" not in line]
SENTENCES = ["2022年，本机关坚持以人民为中心，全面推进政务公开。", "本年度未收取信息处理费。",
             "本年度，本单位依法依规做好相关工作，具体情况如下：", "（无）本年度无此类情况，特此说明。"]


def diagnostics(text: str) -> Counter:
    result = Linter(Options(report_year=2022)).lint_bytes(text.encode("utf-8"), "r.txt")
    source = result.source
    return Counter((d.code, d.message, source.text[d.span.start:d.span.end]) for d in result.diagnostics)


def with_paragraph(heading: str, sentence: str, run_in: bool) -> str:
    joined = heading + sentence if run_in else heading + "\n" + sentence
    return CLEAN.replace(heading + "\n", joined + "\n", 1)


def test_the_examples_have_the_six_headings():
    assert len(HEADINGS) == 6


@pytest.mark.parametrize("heading", HEADINGS)
@pytest.mark.parametrize("sentence", SENTENCES)
def test_a_heading_run_into_its_paragraph_reads_as_a_heading_and_a_paragraph(heading, sentence):
    apart = diagnostics(with_paragraph(heading, sentence, run_in=False))
    together = diagnostics(with_paragraph(heading, sentence, run_in=True))
    assert together == apart


def test_every_heading_run_in_at_once():
    text = CLEAN
    for heading in HEADINGS:
        text = text.replace(heading + "\n", heading + SENTENCES[0] + "\n", 1)
    doc = parse(Source(text, "r.txt"), year=2022)
    assert [section.heading.canonical for section in doc.sections] == [1, 2, 3, 4, 5, 6]
    assert [section.heading.text for section in doc.sections] == [h[2:] for h in HEADINGS]  # words, not numbering


@pytest.mark.parametrize("line, canonical, quality", [
    ("一、总体情况概述", 1, None),                   # a longer heading, not a paragraph: stays one heading
    ("二、主动公开政府信息情况。", 2, None),          # trailing punctuation is not a paragraph
    ("六、其他需要报告的事项本年度未收取信息处理费。", 6, "exact"),
])
def test_what_is_and_is_not_run_in(line, canonical, quality):
    text = CLEAN.replace(HEADINGS[0] if canonical == 1 else HEADINGS[canonical - 1], line, 1)
    doc = parse(Source(text, "r.txt"), year=2022)
    heading = next(s.heading for s in doc.sections if s.heading.canonical == canonical)
    if quality == "exact":
        assert heading.text == HEADINGS[5][2:] and heading.quality == "exact"
    else:
        assert heading.text == line[2:]


@pytest.mark.parametrize("line,heading", [
    ("五、存在问题和整改措施我局政府信息公开工作虽然取得了一定成效，但仍有差距。", "五、存在问题和整改措施"),
    ("六、其他事项本年度未收取信息处理费，也无其他需要报告的事项。", "六、其他事项"),
    ("四、行政复议、行政诉讼情况本年度未发生，因政府信息公开被申请行政复议的情况。", "四、行政复议、行政诉讼情况"),
])
def test_a_reworded_heading_run_into_its_paragraph(line, heading):
    """A rewording (its section's keyword at once, up to the first word a heading ends with) run into
    its paragraph is a heading and a paragraph too."""
    match = _run_in_heading(line)
    assert match is not None and line[:match[1]] == heading


@pytest.mark.parametrize("line", [
    "五、存在问题和整改措施",                      # a heading alone
    "五、主要做法是加强队伍建设，2023年共培训3次。",  # no keyword of section 五 at once
    "三、本年度办理结果中予以公开12件，部分公开3件",    # table text, not section 三's keyword
])
def test_no_reworded_heading_where_none_is_run_in(line):
    assert _run_in_heading(line) is None
