"""The report grammar (grammar/report.lark) is the description the lexer and builder follow."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import CORPUS, EXAMPLES, SEEDS
from govlint.parse.lines import LineLexer
from govlint.grammar.shapes import MAX_DIGITS, NUMBER_UNITS, parse_number
from govlint.parse.outline import parse, parse_tree, report_parser
from govlint.source import Source

FILES = SEEDS + CORPUS + sorted(EXAMPLES.rglob("*.txt"))


def _tokens(path):
    return LineLexer(Source.from_bytes(path.read_bytes(), str(path))).run()


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_every_cells_token_matches_the_grammar_definition(path):
    cells = re.compile(report_parser().get_terminal("CELLS").pattern.to_regexp())
    found = 0
    for tok in _tokens(path):
        if tok.type == "CELLS":
            found += 1
            assert cells.fullmatch(tok.folded), (tok.line_no, tok.folded)
            assert [cell[0] for cell in tok.cells]  # the token carries its cells
    assert found or "2017" in path.read_text(encoding="utf-8")[:200]


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_real_reports_parse_without_skipping_tokens(path):
    tree, skipped = parse_tree(_tokens(path))
    assert skipped == []
    assert tree.data == "start"


def test_text_the_grammar_cannot_place_is_reported_not_raised():
    text = "第二十条第（一）项\n规章\t0\t0\t0\n一、总体情况\n本年度依法公开。\n"
    doc = parse(Source(text, "x.txt"))
    assert [s.heading.canonical for s in doc.sections] == [1]
    assert doc.unplaced and all(span.start < text.index("一、") for span, _ in doc.unplaced)


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


def _grammar_number() -> re.Pattern:
    """NUMBER as grammar/report.lark writes it (lark inlines it into CELLS)."""
    text = (Path(__file__).resolve().parents[1] / "grammar" / "report.lark").read_text(encoding="utf-8")
    pattern = re.search(r"^NUMBER: /(.+?)/ \(/\[ \\t\]\*/ UNIT\)\?$", text, re.M).group(1)
    units = "|".join(re.escape(unit) for unit in NUMBER_UNITS)
    return re.compile(rf"(?:{pattern})(?:[ \t]*(?:{units}))?")


@pytest.mark.parametrize("text", [
    "0", "12", "-3", "+4", "12.5", "1,234", "999,999,999,999", "123456789012", "21022万元", "21022 万元",
    "12%", "0.123456", "1234567890123", "1,234,567,890,123", "0.1234567", "1,2", "12.", ".5", "1e5",
    "2元元", "", "一", "9" * 5000,
])
def test_the_grammar_number_and_the_lexer_number_parser_agree(text):
    assert bool(_grammar_number().fullmatch(text)) == (parse_number(text) is not None)


def test_an_over_long_number_is_a_bad_cell_the_grammar_describes():
    digits = "9" * (MAX_DIGITS + 1)
    text = f"三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量\t{digits}\t0\t0\t0\t0\t0\t0\n"
    cells_pattern = re.compile(report_parser().get_terminal("CELLS").pattern.to_regexp())
    tok = next(tok for tok in LineLexer(Source(text, "x.txt")).run() if tok.type == "CELLS")
    assert cells_pattern.fullmatch(tok.folded)
    assert [cell[0] for cell in tok.cells] == ["BAD"] + ["NUM"] * 6
    assert tok.cells[0][3] is None  # a bad cell has no value
