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


def test_chinese_numerals_are_written_as_they_are_read():
    assert [shapes.chinese_numeral(n) for n in (1, 10, 12, 20, 23, 105, 110, 999)] == [
        "一", "十", "十二", "二十", "二十三", "一百〇五", "一百一十", "九百九十九"]
    assert all(numeral_value(shapes.chinese_numeral(n)) == n for n in range(1, 100))
    assert shapes.chinese_numeral(12, "零壹贰叁肆伍陆柒捌玖", "拾", "佰") == "拾贰"


def test_an_item_number_is_a_digit_and_a_mark_not_a_decimal_point():
    assert shapes.ITEM_NUMBER.sub(r"\1.", "1、属于 2.重复 1.5") == "1.属于 2.重复 1.5"


@pytest.mark.parametrize("line, kept", [
    ("一、\t总体情况", "一、 总体情况"), ("（二）\t依申请", "（二） 依申请"), ("12．\t其他", "12． 其他"),
    ("甲、\t其他", "甲、\t其他"),  # not a numbering
])
def test_the_word_reader_replaces_the_tab_after_a_printed_numbering(line, kept):
    assert re.sub(r"^(\s*(?:%s))\t+" % shapes.PRINTED_NUMBERING_PATTERN, lambda m: m.group(1) + " ", line) == kept


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


@pytest.mark.parametrize("line, ends", [
    ("依法公开。", True), ("联系方式如下：", True), ("联系方式如下:", True), ("依法公开", False), ("依法公开；", False),
])
def test_a_prose_line_ends_its_paragraph_at_a_sentence_end_or_a_colon(line, ends):
    assert shapes.ends_paragraph(line) == ends


def test_a_run_in_sub_heading_ends_at_a_colon_or_semicolon_too():
    assert [m.group() for m in shapes.SUBHEADING_END.finditer("主动公开:本年;依法。是否?")] == [":", ";", "。", "?"]


def test_headings_compare_without_their_trailing_punctuation_but_keep_a_question_mark():
    assert "总体情况.,;:".rstrip(shapes.HEADING_TRAILERS) == "总体情况"
    assert "总体情况?".rstrip(shapes.HEADING_TRAILERS) == "总体情况?"


def test_markdown_emphasis_around_a_text_is_left_out():
    assert shapes.without_emphasis("  **一、总体情况** ") == "一、总体情况"
    assert shapes.without_emphasis("一是**加强**") == "一是**加强"


# -- brackets, document numbers, the notice issuer ----------------------------------------------------
def test_the_brackets_pair_up_and_the_notice_scan_knows_fewer():
    assert len(shapes.OPEN_BRACKETS) == len(shapes.CLOSE_BRACKETS)
    assert set(shapes.NOTICE_OPEN_BRACKETS) == set("〔[(（【［") and set(shapes.NOTICE_CLOSE_BRACKETS) == set("〕])）】］")
    for opening, closing in zip(shapes.OPEN_BRACKETS, shapes.CLOSE_BRACKETS):
        match = shapes.DOCNO.search(f"{opening}2021{closing}30号")
        assert (match.group("open"), match.group("close")) == (opening, closing)


@pytest.mark.parametrize("issuer", ["国办公开办函", "國辦公開辦函", "国务院办公厅公开办函", "国办函", "国办公开发"])
def test_the_notice_issuer_and_its_mis_writings(issuer):
    assert shapes.NOTICE_ISSUER.fullmatch(issuer)


def test_traditional_characters_of_the_issuer_are_read_as_simplified():
    assert shapes.simplified("國辦公開辦發") == "国办公开办发"
    assert shapes.written_forms("公开") == ("公开", "公開") and shapes.written_forms("函") == ("函",)
    assert re.fullmatch(shapes.NOTICE_CODE_PATTERN, "國辦公開函") and not re.fullmatch(shapes.NOTICE_CODE_PATTERN, "国办函")


def test_a_printed_year_may_be_written_in_chinese_digits():
    assert shapes.PRINTED_YEAR.search("二零二三年") and shapes.PRINTED_YEAR.search("二〇二三年")


# -- characters and web addresses ---------------------------------------------------------------------
@pytest.mark.parametrize("char, han, ideograph, cjk", [
    ("政", True, True, True), ("。", False, True, True), ("，", False, False, True), ("⺀", False, True, True),
    ("A", False, False, False),
])
def test_three_widths_of_cjk(char, han, ideograph, cjk):
    assert (shapes.is_han(char), shapes.is_ideograph(char), shapes.is_cjk(char)) == (han, ideograph, cjk)
    assert bool(re.match("[%s]" % shapes.HAN, char)) == han


def test_web_addresses():
    assert shapes.URL.search("见 https://www.gov.cn/a 。").group() == "https://www.gov.cn/a"
    assert re.match(shapes.LINK_START, "mailto:a@b.cn") and not re.match(shapes.URL_START, "mailto:a@b.cn")
    assert re.search(shapes.PRINTED_URL_TAIL_PATTERN, "网址：http://www.gov.cn/") and \
        not re.search(shapes.PRINTED_URL_TAIL_PATTERN, "http://www.gov.cn/ 本")


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


def test_clause_end_is_every_end_but_a_thousands_separator():
    """CLAUSE_END (one class, then the exception) finds what its definition says, on every string of
    up to five characters over the characters that matter: each end, and a comma only when it is not
    between two digits."""
    import itertools

    from govlint.grammar.shapes import CLAUSE_END, clause_end_pattern
    definition = re.compile(r"[，；：、;:。!?！？]|(?<!\d),|,(?!\d)")
    without_comma = re.compile(clause_end_pattern(leave_out="、"))
    for length in range(6):
        for chars in itertools.product("1,、a:", repeat=length):
            text = "".join(chars)
            expected = [match.span() for match in definition.finditer(text)]
            assert [match.span() for match in CLAUSE_END.finditer(text)] == expected, text
            assert [match.span() for match in without_comma.finditer(text)] == [
                span for span in expected if text[span[0]] != "、"], text


def test_ends_sentence_is_what_sentence_end_finds():
    """ends_sentence (two strips and a look at the last character) says what SENTENCE_END's search
    says, on every string of up to five characters over an end, closers, spaces and a letter."""
    import itertools

    from govlint.grammar.shapes import SENTENCE_END, ends_sentence
    for length in range(6):
        for chars in itertools.product("。？)”\u3000 \na", repeat=length):
            text = "".join(chars)
            assert ends_sentence(text) is (SENTENCE_END.search(text) is not None), repr(text)


@pytest.mark.parametrize("line, lead", [
    ("  一、总体情况", 2), ("\u3000\u3000本年度", 2), ("## 一、总体情况", 3), ("  > **本年度", 6), ("  *注", 2),
    ("\t**（一）", 3),
])
def test_markdown_prefix_of_a_line(line, lead):
    from govlint.parse.lines import _make_lines
    made = list(_make_lines(Source(line + "\n", "t.txt")))
    assert made and made[0].lead == lead
