"""The shapes of report text (grammar/shapes.py), each defined once, and the stages that share them."""
from __future__ import annotations

import re

import pytest

from govlint.grammar import shapes
from govlint.grammar.shapes import (BARE_PAGE_NUMBER, HEADING_NUMBER, MAX_DIGITS, PAGE_MARK, PRINTED_NUMBER_PATTERN,
                                    SENTENCE, SUBHEADING_NUMBER, is_number, number_shaped, numeral_value, parse_number)
from govlint.grammar.spec import spec
from govlint.parse import lines
from govlint.parse.outline import parse
from govlint.source import Source
from govlint.source.readers.pdf import page_number


# -- numbers -------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, parsed", [
    ("0", (0, None)), ("-3", (-3, None)), ("+4", (4, None)), ("12.5", (12.5, None)), ("1,234", (1234, None)),
    ("999,999,999,999", (999999999999, None)), ("123456789012", (123456789012, None)),
    ("21022万元", (21022, "万元")), ("21022 万元", (21022, "万元")), ("12%", (12, "%")), ("3项", (3, "项")),
    ("0.123456", (0.123456, None)),
    ("1234567890123", None), ("1,234,567,890,123", None), ("0.1234567", None),  # over the bounds
    ("1,2", None), ("12.", None), (".5", None), ("1e5", None), ("2元元", None), ("", None), ("一", None),
    ("9" * 5000, None),
])
def test_parse_number(text, parsed):
    assert parse_number(text) == parsed
    assert is_number(text) == (parsed is not None)


def test_a_number_over_the_bounds_is_still_number_shaped():
    assert number_shaped("9" * (MAX_DIGITS + 1)) and not is_number("9" * (MAX_DIGITS + 1))
    assert number_shaped("0.1234567") and not number_shaped("说明")


@pytest.mark.parametrize("text, printed", [
    ("12", True), ("1,234.5", True), ("21022万元", True), ("12%", True), ("9" * 20, True),  # unbounded
    ("21022 万元", False),  # a space before the unit: two printed fields
    ("3项", False),         # a counter is not a unit of a printed table cell
])
def test_the_pdf_readers_number_is_the_number_shape_with_measure_units_only(text, printed):
    assert bool(re.match(PRINTED_NUMBER_PATTERN, text)) == printed


# -- heading numbering --------------------------------------------------------------------------------
@pytest.mark.parametrize("text, numeral, words", [
    ("一、总体情况", "一", "总体情况"), ("十二 、 附则", "十二", "附则"), ("三.收到", "三", "收到"),
])
def test_heading_numbering(text, numeral, words):
    match = HEADING_NUMBER.match(text)
    assert match.group(1) == numeral and text[match.end():] == words


def test_sub_heading_numbering():
    assert SUBHEADING_NUMBER.match("( 二 )依申请公开").group(1) == "二"
    assert SUBHEADING_NUMBER.match("二、依申请公开") is None and HEADING_NUMBER.match("(二)依申请公开") is None


@pytest.mark.parametrize("numeral, value", [("一", 1), ("十", 10), ("十二", 12), ("二十", 20), ("二十三", 23), ("甲", 0)])
def test_numeral_value(numeral, value):
    assert numeral_value(numeral) == value


def test_the_mandated_headings_lose_their_numbering_the_same_way():
    assert spec().heading_words(3) == "收到和处理政府信息公开申请情况"


def test_the_builder_takes_the_numbering_the_classifier_matched(monkeypatch):
    """Widening the heading shape where the classifier reads it is enough: the builder reads the
    match the HEADING token carries (before, it matched the text again with its own copy)."""
    monkeypatch.setattr(lines, "HEADING_NUMBER", re.compile(r"([一二三四五六七八九十]{1,3})\s*[、. ]\s*"))
    doc = parse(Source("一 总体情况\n本年度依法公开。\n", "t.txt"), year=2023)
    heading = doc.sections[0].heading
    assert (heading.numeral, heading.number, heading.text, heading.canonical) == ("一", 1, "总体情况", 1)


# -- sentences ------------------------------------------------------------------------------------------
def test_sentences_end_at_a_full_stop_or_a_semicolon_with_their_closing_quotes():
    text = '本年度依法公开;共办理申请3件。他说"好!"然后'
    assert [m.group() for m in SENTENCE.finditer(text) if m.group()] == ["本年度依法公开;", "共办理申请3件。",
                                                                         '他说"好!"', "然后"]


@pytest.mark.parametrize("line, ends", [
    ("依法公开。", True), ("依法公开！", True), ("依法公开。”", True), ("依法公开。）", True),
    ("依法公开", False), ("依法公开；", False), ("依法公开。下", False),
])
def test_sentence_end_of_a_line(line, ends):
    assert bool(shapes.SENTENCE_END.search(line)) == ends


# -- page marks -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("line, anywhere, in_a_margin", [
    ("- 3 -", True, True),
    ("第3页 共9页", True, True),
    ("第3页、共9页", False, True),
    ("3/9", True, True),
    ("- 123 -", True, True),
    ("123/456", True, True),
    ("1024/2048", False, True),   # 4 digits
    ("— 3 —", False, True),       # as printed; folded it is "- 3 -"
    ("12", False, True),          # a bare number: a table value, anywhere but a margin
    ("·12·", False, True),
    ("Page 3 of 9", False, True),
    ("共9页 第3页", False, True),
    ("第3页说明", False, False),
    ("2023年", False, False),
])
def test_page_marks(line, anywhere, in_a_margin):
    assert bool(PAGE_MARK.match(line)) == anywhere
    assert bool(page_number(line)) == in_a_margin


def test_a_bare_page_number_has_at_most_three_digits():
    assert BARE_PAGE_NUMBER.match(" 123 ") and not BARE_PAGE_NUMBER.match("2023")
