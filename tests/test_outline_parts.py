"""The outline parsed by parts, once per shape (parse/outline_parts.py): the tree is the one Lark's
parse of the whole report gives, for every layout the generator writes and every real report; a part
Lark rejects falls back to the whole parse and its recovery."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest
from lark import Tree

from conftest import CORPUS, EXAMPLES, SEEDS
from govlint.parse import outline_parts
from govlint.parse.lines import LineClassifier
from govlint.parse.outline import parse, parse_tree, report_parser
from govlint.parse.outline_parts import PartShapes, cut_parts
from govlint.source import Source
from govlint.source.readers import read

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import layouts  # noqa: E402  (benchmarks/layouts.py)
from generate import make_report  # noqa: E402

SEED = 20261130
REPORTS = 12


def _whole_parse(tokens):
    """What parse_tree gave before regions were parsed apart: Lark over every token."""
    return report_parser().parse(tokens, start="start")


def _same_tree(a, b) -> bool:
    """Equal shapes holding the very same token objects (Tree equality alone compares tokens as text)."""
    if isinstance(a, Tree) != isinstance(b, Tree):
        return False
    if not isinstance(a, Tree):
        return a is b
    return (a.data == b.data and len(a.children) == len(b.children)
            and all(_same_tree(x, y) for x, y in zip(a.children, b.children)))


def _generated_sources():
    for index in range(REPORTS):
        report = make_report(SEED, index, 0.5)
        for layout in layouts.LAYOUTS:
            if not layout.applies(report):
                continue
            rendered = layouts.render_layout(layout, report, SEED)
            data = rendered.data.encode("utf-8") if isinstance(rendered.data, str) else rendered.data
            yield f"{index}-{layout.name}", read(data, "report" + rendered.suffix)


def test_every_generated_layout_parses_to_the_whole_parse_tree():
    checked = regions = parts = 0
    for name, source in _generated_sources():
        tokens = LineClassifier(source).run()
        tree, skipped = parse_tree(tokens)
        if skipped:  # the recovery path: nothing was parsed apart
            continue
        assert _same_tree(tree, _whole_parse(tokens)), name
        checked += 1
        front, sections, tables = cut_parts(tokens)
        regions += len(tables)
        parts += len(sections)
    assert checked > 100 and regions > 2 * checked and parts > 4 * checked  # the layouts have sections and tables


@pytest.mark.parametrize("path", SEEDS + CORPUS + sorted(EXAMPLES.rglob("*.txt")),
                         ids=lambda path: path.name)
def test_real_reports_parse_to_the_whole_parse_tree(path):
    tokens = LineClassifier(Source.from_bytes(path.read_bytes(), str(path))).run()
    tree, skipped = parse_tree(tokens)
    assert skipped == []
    assert _same_tree(tree, _whole_parse(tokens))


TABLE_THREE = """\
某县2023年政府信息公开工作年度报告
一、总体情况
本县依法公开政府信息。
三、收到和处理政府信息公开申请情况
（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）
一、本年新收政府信息公开申请数量\t5\t0\t0\t0\t0\t0\t5
二、上年结转政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0
四、政府信息公开行政复议、行政诉讼情况
本年未发生行政复议。
"""


def test_a_layout_is_parsed_by_lark_once_then_built_from_its_shape():
    calls = []

    def counting(tokens, start):
        calls.append(start)
        return report_parser().parse(tokens, start=start)

    shapes = PartShapes(counting)
    tokens = LineClassifier(Source(TABLE_THREE, "t.txt")).run()
    front, sections, regions = cut_parts(tokens)
    assert [region[0].type for region in regions] == ["T3_START"]
    assert [[tok.type for tok in section][:1] for section in sections] == [["HEADING"]] * 3
    assert [tok.type for tok in sections[1]] == ["HEADING", "T3_START", "TABLE_END"]  # the table: its delimiters
    first = shapes.subtree("table3", regions[0])
    again_tokens = LineClassifier(Source(TABLE_THREE.replace("\t5", "\t7"), "t.txt")).run()
    second = shapes.subtree("table3", cut_parts(again_tokens)[2][0])
    assert calls == ["table3"]  # the second region, of the same layout, did not reach Lark
    assert first.data == second.data == "table3"
    assert [str(tok) for tok in second.scan_values(lambda tok: tok.type == "CELLS")][0].count("7") == 2
    whole = _whole_parse(again_tokens)
    (table,) = [node for node in whole.iter_subtrees() if node.data == "table3"]
    assert _same_tree(second, table)


def test_a_region_lark_rejects_falls_back_to_the_whole_parse_and_its_recovery():
    """A prose line inside a table region (TEXT, which no table holds): Lark rejects the region, the
    memo remembers that, and the report is parsed as before, the misfit skipped (GL003)."""
    tokens = LineClassifier(Source(TABLE_THREE, "t.txt")).run()
    prose = next(tok for tok in tokens if tok.type == "TEXT")
    note = next(index for index, tok in enumerate(tokens) if tok.type == "NOTE")
    broken = [tok for tok in tokens if tok is not prose]
    broken.insert(note, prose)  # T3_START TEXT NOTE …
    shapes = PartShapes(lambda toks, start: report_parser().parse(toks, start=start))
    region = cut_parts(broken)[2][0]
    assert shapes.subtree("table3", region) is None
    assert shapes.subtree("table3", region) is None  # remembered
    tree, skipped = parse_tree(broken)
    assert tree.data == "start" and skipped == [prose]
    (table,) = [node for node in tree.iter_subtrees() if node.data == "table3"]
    assert [getattr(child, "type", None) for child in table.children][:2] == ["T3_START", "NOTE"]


def test_unbalanced_regions_are_parsed_whole():
    tokens = LineClassifier(Source(TABLE_THREE, "t.txt")).run()
    assert cut_parts([tok for tok in tokens if tok.type != "TABLE_END"]) is None
    assert cut_parts([tok for tok in tokens if tok.type != "T3_START"]) is None


def test_the_memo_of_layouts_stays_bounded(monkeypatch):
    monkeypatch.setattr(outline_parts, "_SHAPES_KEPT", 3)
    shapes = PartShapes(lambda toks, start: report_parser().parse(toks, start=start))
    tokens = LineClassifier(Source(TABLE_THREE, "t.txt")).run()
    region = cut_parts(tokens)[2][0]
    note = next(tok for tok in region if tok.type == "NOTE")
    for extra in range(6):  # six layouts: the region with 0 … 5 more note lines
        assert shapes.subtree("table3", region[:1] + [note] * extra + region[1:]) is not None
        assert len(shapes._shapes["table3"]) <= 3


def test_a_second_report_of_the_same_shapes_never_reaches_lark(monkeypatch):
    calls = []

    def counting(tokens, start):
        calls.append(start)
        return report_parser().parse(tokens, start=start)

    from govlint.parse import outline

    monkeypatch.setattr(outline, "_part_shapes", lambda shapes=PartShapes(counting): shapes)
    first = LineClassifier(Source(TABLE_THREE, "t.txt")).run()
    tree, skipped = parse_tree(first)
    assert skipped == [] and _same_tree(tree, _whole_parse(first))
    assert sorted(calls) == ["front", "section", "section", "table3"]  # 一 and 四 share a shape
    calls.clear()
    second = LineClassifier(Source(TABLE_THREE.replace("依法", "主动").replace("\t0\t0\t0", "\t1\t1\t1"), "t.txt")).run()
    tree, skipped = parse_tree(second)
    assert calls == [] and skipped == [] and _same_tree(tree, _whole_parse(second))


@pytest.mark.parametrize("text", ["", "某县2023年政府信息公开工作年度报告\n本县依法公开政府信息。\n",
                                  "一、总体情况\n", "二、主动公开政府信息情况\n第二十条第（一）项\n规章\t0\t0\t0\n"])
def test_reports_without_front_matter_or_sections_parse_to_the_whole_parse_tree(text):
    tokens = LineClassifier(Source(text, "t.txt")).run()
    tree, skipped = parse_tree(tokens)
    assert skipped == [] and _same_tree(tree, _whole_parse(tokens))


def test_a_section_lark_rejects_falls_back_to_the_recovery():
    """Portal metadata inside a section (META, which only the front matter holds): skipped, as before."""
    tokens = LineClassifier(Source(TABLE_THREE, "t.txt")).run()
    meta = LineClassifier(Source("索引号：11/2024-001\n", "t.txt")).run()
    assert [tok.type for tok in meta] == ["META"]
    heading = next(index for index, tok in enumerate(tokens) if tok.type == "HEADING")
    broken = tokens[:heading + 1] + meta + tokens[heading + 1:]
    assert PartShapes(lambda toks, start: report_parser().parse(toks, start=start)).subtree(
        "section", cut_parts(broken)[1][0]) is None
    tree, skipped = parse_tree(broken)
    assert skipped == meta and tree.data == "start"


def test_a_part_too_long_to_repeat_is_parsed_not_remembered(monkeypatch):
    monkeypatch.setattr(outline_parts, "_LONGEST_KEPT", 4)
    shapes = PartShapes(lambda toks, start: report_parser().parse(toks, start=start))
    tokens = LineClassifier(Source(TABLE_THREE, "t.txt")).run()
    region = cut_parts(tokens)[2][0]
    assert len(region) > 4
    tree = shapes.subtree("table3", region)
    (whole_table,) = [node for node in _whole_parse(tokens).iter_subtrees() if node.data == "table3"]
    assert _same_tree(tree, whole_table)
    assert "table3" not in shapes._shapes
