"""The outline grammar (grammar/report.lark) and the parser that runs it over the classifier's tokens."""
from __future__ import annotations

import re

import pytest
from lark import Tree

from conftest import CORPUS, EXAMPLES, SEEDS
from govlint.parse.lines import LineClassifier
from govlint.parse import outline
from govlint.parse.outline import parse, parse_tree, report_parser
from govlint.source import Source

FILES = SEEDS + CORPUS + sorted(EXAMPLES.rglob("*.txt"))


def _tokens(path):
    return LineClassifier(Source.from_bytes(path.read_bytes(), str(path))).run()


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_real_reports_parse_without_skipping_tokens(path):
    tree, skipped = parse_tree(_tokens(path))
    assert skipped == []
    assert tree.data == "start"


# A report that takes every alternative of the grammar once: each line says what it is.
EVERY_ALTERNATIVE = """\
索引号：11/2024-001
某某区2023年政府信息公开工作年度报告
某某区人民政府办公室
本报告依据条例编制。
https://www.example.gov.cn/gk/
（一）引言
第二十条第（五）项
行政许可\t0
本段在任何标题之前：一张没有标题的表。
（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）
一、本年新收政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0
本段之后是表四。
行政复议\t行政诉讼
0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0
一、总体情况
https://www.example.gov.cn/gk/2023/
（一）主动公开情况
本年度依法公开。
二、主动公开政府信息情况
第二十条第（一）项
## 表二：主动公开
信息内容\t本年制发件数\t本年废止件数\t现行有效件数
规章\t0\t0\t0
三、收到和处理政府信息公开申请情况
（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）
## 表三：收到和处理申请
申请人情况\t自然人\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t总计
一、本年新收政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0
二、上年结转政府信息公开申请数量
0\t0\t0\t0\t0\t0\t0
四、结转下年度继续办理\t0\t0\t0\t0\t0\t0\t0
四、政府信息公开行政复议、行政诉讼情况
行政复议\t行政诉讼
行政复议\t0\t0\t0\t0\t0
0\t0\t0\t0\t0\t0\t0\t0\t0\t0
"""


def _grammar_pairs() -> set[tuple[str, str]]:
    """(rule, symbol) for every symbol each rule of the grammar may hold directly; Lark's helper
    rules for ``*`` and ``+`` (__table2_star_5 …) are looked through, "_" terminals left out."""
    expansions: dict[str, list] = {}
    for rule in report_parser().rules:
        expansions.setdefault(rule.origin.name, []).extend(rule.expansion)

    def symbols(name: str, seen: frozenset = frozenset()) -> set[str]:
        found = set()
        for symbol in expansions[name]:
            if symbol.name.startswith("__") and symbol.name not in seen:
                found |= symbols(symbol.name, seen | {symbol.name})
            elif not symbol.name.startswith("_"):
                found.add(symbol.name)
        return found

    return {(name, symbol) for name in expansions if not name.startswith("__") for symbol in symbols(name)}


def _tree_pairs(tree: Tree) -> set[tuple[str, str]]:
    pairs = set()
    for node in tree.iter_subtrees():
        for child in node.children:
            pairs.add((node.data, child.data if isinstance(child, Tree) else child.type))
    return pairs


def test_every_alternative_of_the_grammar_is_reached():
    """An alternative the classifier never produces would show here as missing: no unreachable rules."""
    tree, skipped = parse_tree(LineClassifier(Source(EVERY_ALTERNATIVE, "t.txt")).run())
    assert skipped == []
    assert _tree_pairs(tree) == _grammar_pairs()


def test_the_grammar_declares_no_terminal_the_classifier_does_not_make():
    made = {tok.type for tok in LineClassifier(Source(EVERY_ALTERNATIVE, "t.txt")).run()}
    declared = {symbol.name for rule in report_parser().rules for symbol in rule.expansion if symbol.is_term}
    assert declared == made


def test_text_the_grammar_cannot_place_is_reported_not_raised(monkeypatch):
    """Table lines outside any table region (here the region's opening marker is taken away) are skipped
    and recorded, not raised."""
    text = "第二十条第（一）项\n规章\t0\t0\t0\n一、总体情况\n本年度依法公开。\n"

    class Unopened(LineClassifier):
        def run(self):
            return [tok for tok in super().run() if tok.type != "T2_START"]

    monkeypatch.setattr(outline, "LineClassifier", Unopened)
    doc = parse(Source(text, "x.txt"))
    assert [s.heading.canonical for s in doc.sections] == [1]
    assert doc.unplaced and all(span.start < text.index("一、") for span, _ in doc.unplaced)
    assert {reason for _, reason in doc.unplaced} == {"unexpected t2_block", "unexpected label", "unexpected cells"}


def test_a_table_before_any_heading_is_a_table_of_its_own_section():
    """A printout or comparison sheet without section headings: the table is placed (no GL003 per row) and
    opens the section it belongs to, whose heading is missing (quality "headless")."""
    text = "第二十条第（一）项\n规章\t0\t0\t0\n本表为主动公开情况。\n三、收到和处理政府信息公开申请情况\n本年度依法公开。\n"
    doc = parse(Source(text, "x.txt"), year=2022)
    assert doc.unplaced == [] and doc.table2 is not None and doc.preamble == []
    headless, three = doc.sections
    assert (headless.canonical, headless.heading.quality, headless.tables) == (2, "headless", [doc.table2])
    assert [p.text for p in headless.paragraphs] == ["本表为主动公开情况。"]  # the text after the table is its section's
    assert headless.heading.span.start == 0 and (three.canonical, three.heading.quality) == (3, "exact")


def test_table_3_rows_starting_with_numerals_are_never_headings():
    text = ("三、收到和处理政府信息公开申请情况\n"
            "一、本年新收政府信息公开申请数量\n0 0 0 0 0 0 0\n"
            "四、结转下年度继续办理\n0 0 0 0 0 0 0\n"
            "四、政府信息公开行政复议、行政诉讼情况\n")
    doc = parse(Source(text, "x.txt"), year=2022)
    assert [s.heading.numeral for s in doc.sections] == ["三", "四"]
    assert set(doc.table3.rows) == {"new", "forward"}


def test_a_row_whose_last_numbers_wrapped_is_joined():
    text = ("三、收到和处理政府信息公开申请情况\n"
            "一、本年新收政府信息公开申请数量 3 0 0 0\n0 0 3\n"
            "二、上年结转政府信息公开申请数量 0 0 0 0 0 0 0\n")
    doc = parse(Source(text, "x.txt"), year=2022)
    new = doc.table3.rows["new"]
    assert [c.value for c in new.cells] == [3, 0, 0, 0, 0, 0, 3] and new.width_ok
    assert not doc.table3.leftovers


def test_a_heading_is_built_from_its_token():
    doc = parse(Source("## 三 、 收到和处理政府信息公开申请情况 **\n", "x.txt"), year=2022)
    heading = doc.sections[0].heading
    assert (heading.numeral, heading.number, heading.text, heading.canonical) == (
        "三", 3, "收到和处理政府信息公开申请情况", 3)
    assert doc.source.excerpt(heading.text_span) == "收到和处理政府信息公开申请情况"
    assert heading.raw == "三 、 收到和处理政府信息公开申请情况"


def test_the_grammar_file_says_what_it_is():
    header = re.match(r"(?://.*\n)+", (EXAMPLES.parent / "grammar" / "report.lark").read_text(encoding="utf-8"))
    assert "outline" in header.group()
