"""The line classifier and its table regions (govlint.parse.lines): one case per row of the
module's state table, the paragraph ends, and the cutting of table lines into label and cells.

Each case is a few synthetic lines.  A text that starts with a heading has no front matter
(the title scan stops at a heading), so the tokens are those of the body states.
"""
from __future__ import annotations

import pytest

from govlint.grammar.spec import spec
from govlint.parse.lines import Field, LineClassifier, _make_lines, cut_row, split_fields
from govlint.source import Source

H1 = "一、总体情况"  # a heading: opens no front matter, and puts the classifier in the prose state
T3_HEAD = "申请人情况\t自然人\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t总计"
ZEROS = "\t".join(["0"] * 7)


def tokens(*lines: str) -> list[tuple[str, str]]:
    """(type, text) of each token the classifier makes of the lines."""
    return [(tok.type, str(tok)) for tok in LineClassifier(Source("\n".join(lines) + "\n", "t.txt")).run()]


def types(*lines: str) -> list[str]:
    return [kind for kind, _ in tokens(*lines)]


def body(*lines: str) -> list[str]:
    """The token types after the opening heading."""
    kinds = types(H1, *lines)
    assert kinds[0] == "HEADING"
    return kinds[1:]


# -- front matter ----------------------------------------------------------------------------------
def test_front_matter_metadata_title_and_byline():
    assert tokens("索引号：11/2024-001", "某某区2023年度政府信息公开", "工作报告", "某某区人民政府办公室",
               "2024年1月20日", H1) == [
        ("META", "索引号：11/2024-001"), ("TITLE", "某某区2023年度政府信息公开"), ("TITLE", "工作报告"),
        ("BYLINE", "某某区人民政府办公室"), ("BYLINE", "2024年1月20日"), ("HEADING", H1)]


def test_without_a_line_naming_a_report_the_title_ends_at_the_line_naming_a_year():
    assert types("某某区", "2023年政府信息公开", "某某区人民政府", H1) == ["TITLE", "TITLE", "BYLINE", "HEADING"]


def test_a_page_number_in_the_front_is_passed_over_and_a_sentence_ends_the_title_scan():
    assert types("2023年年度报告", "3", "本年度，本机关认真贯彻落实条例。", H1) == ["TITLE", "TEXT", "HEADING"]


@pytest.mark.parametrize("first", ["本年度报告根据《中华人民共和国政府信息公开条例》（以下简称", "我局根据《中华人民共和国政府信息",
                                   "根据《中华人民共和国政府信息公开条例》", "本年度报告根据"])
def test_a_preamble_hard_wrapped_under_the_title_is_prose_not_a_byline(first):
    """A PDF wraps the preamble at 30–45 characters: its first lines have no sentence end yet.  A line
    that starts as a preamble does, or cites a document (《), after the title is the preamble."""
    rest = "《条例》）的要求编制。" if first.endswith(("简称", "信息", "本年度报告根据")) else "要求编制本报告。"
    assert types("某某区2023年政府信息公开工作年度报告", first, rest, H1) == ["TITLE", "TEXT", "HEADING"]


def test_a_front_without_a_title_is_prose():
    assert types("本机关依法公开政府信息。", H1) == ["TEXT", "HEADING"]


# -- any state: lines that carry nothing -------------------------------------------------------------
@pytest.mark.parametrize("line", ["- 3 -", "— 12 —", "第3页", "第 3 页 共 9 页", "第3页/共9页", "3/9", "-----",
                                  "=====", "|---|:--:|", "   ", "**"])
def test_page_marks_rules_and_blank_lines_carry_nothing(line):
    assert body(line) == []
    # inside a table region too: the region stays open across them
    assert body(T3_HEAD, line, "一、本年新收政府信息公开申请数量\t" + ZEROS) == [
        "T3_START", "HEAD", "LABEL", "CELLS", "TABLE_END"]


# -- the prose state ------------------------------------------------------------------------------------
def test_a_bare_number_is_a_page_number_in_prose_but_values_in_a_table():
    assert body("12") == []
    assert body(T3_HEAD, "12") == ["T3_START", "HEAD", "CELLS", "TABLE_END"]


def test_a_bare_number_of_four_digits_is_prose():
    assert body("2023") == ["TEXT"]


@pytest.mark.parametrize("line", ["https://www.gov.cn/zhengce/", "mailto:gk@example.gov.cn", "www.example.gov.cn",
                                  "http://www.example.gov.cn）"])
def test_a_link_alone_is_a_link(line):
    assert body(line) == ["LINK"]


def test_a_prose_line_that_starts_with_a_wrapped_address_is_prose():
    # a PDF wrapped the preamble inside the address: the rest of the line is the sentence going on
    assert "LINK" not in body("本年度报告电子版可在门户网站（", "http://www.example.gov.cn）查阅或下载。本报告经某某局审定后发布。")


def test_table_2_opens_at_a_block_header_or_its_column_header():
    assert tokens(H1, "第二十条第（一）项")[1:] == [("T2_START", ""), ("T2_BLOCK", "一"), ("TABLE_END", "")]
    assert body("信息内容\t本年制发件数\t本年废止件数\t现行有效件数") == ["T2_START", "HEAD", "TABLE_END"]


@pytest.mark.parametrize("line", [
    "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",  # the note
    T3_HEAD,                                                                  # a header naming 自然人
    "一、本年新收政府信息公开申请数量\t" + ZEROS,                              # row 新收
    "二、上年结转政府信息公开申请数量\t" + ZEROS,                              # row 结转
])
def test_table_3_opens_at_its_note_its_header_or_its_first_rows(line):
    assert body(line)[0] == "T3_START"


def test_table_3_opens_at_a_row_only_once():
    row = "一、本年新收政府信息公开申请数量\t" + ZEROS
    assert body(row, "四、结转下年度继续办理\t" + ZEROS, "本年度依法公开。", row) == [
        "T3_START", "LABEL", "CELLS", "LABEL", "CELLS", "TABLE_END", "TEXT", "TEXT"]


def test_a_header_of_table_3_words_without_an_applicant_word_opens_nothing():
    assert body("其他\t总计") == ["TEXT"]


def test_table_4_opens_at_its_header():
    assert body("行政复议\t行政诉讼") == ["T4_START", "HEAD", "TABLE_END"]


@pytest.mark.parametrize("line, kind", [
    ("一、总体情况", "HEADING"),
    ("一、总体情况。", "HEADING"),                   # a full stop at its end
    ("十二、附则", "HEADING"),
    ("一.总体情况", "HEADING"),
    ("一、2023年总体情况", "TEXT"),                 # a digit: not a heading
    ("一、" + "总体情况" * 10, "TEXT"),               # over HEADING_MAX characters
    ("一、总体情况。本年度依法", "TEXT"),              # a sentence inside
    ("一、", "TEXT"),                                # nothing after the numbering
    ("五、", "TEXT"),
    ("一总体情况", "TEXT"),                          # no 、
])
def test_headings(line, kind):
    assert body(line) == [kind]


def test_a_table_3_row_numbered_like_a_heading_is_not_a_heading():
    assert body("四、结转下年度继续办理") == ["TEXT"]


def test_a_heading_carries_the_match_of_its_numbering():
    tok = LineClassifier(Source("## 三 、收到和处理政府信息公开申请情况\n", "t.txt")).run()[0]
    assert tok.type == "HEADING" and tok.match.group(1) == "三"
    assert tok.folded[tok.match.end():] == "收到和处理政府信息公开申请情况"


def test_sub_headings():
    assert tokens(H1, "（一）主动公开情况")[1:] == [("SUBHEADING", "（一）主动公开情况")]
    # a long line: its head up to the first 。:;!? is the sub-heading, the rest prose
    assert tokens(H1, "（一）主动公开情况。本年度共主动公开政府信息一百二十条，较上年有所增加。")[1:] == [
        ("SUBHEADING", "（一）主动公开情况。"), ("TEXT", "本年度共主动公开政府信息一百二十条，较上年有所增加。")]
    assert body("（一）") == ["TEXT"]  # nothing after the numbering


# -- paragraph ends ----------------------------------------------------------------------------------------
def test_lines_that_run_on_are_one_paragraph():
    assert tokens(H1, "本年度，本机关认真贯彻", "落实条例，依法公开", "政府信息。")[1:] == [
        ("TEXT", "本年度，本机关认真贯彻\n落实条例，依法公开\n政府信息。")]


def test_a_paragraph_ends_at_the_first_of_its_lines_that_ends_a_sentence():
    assert body("本年度，本机关认真贯彻", "落实条例。", "下一段。") == ["TEXT", "TEXT"]


def test_a_blank_line_does_not_end_a_paragraph():
    assert body("本年度，本机关认真贯彻", "", "落实条例。") == ["TEXT"]


@pytest.mark.parametrize("end", ["。", "！", "?", "。”", "。）", "：", ":"])
def test_a_sentence_end_or_a_colon_ends_a_paragraph(end):
    assert body("本年度依法公开" + end, "下一段。") == ["TEXT", "TEXT"]


def test_anything_else_than_prose_ends_a_paragraph():
    assert body("本年度依法公开", "（一）主动公开情况", "下一段") == ["TEXT", "SUBHEADING", "TEXT"]


# -- table 2 -----------------------------------------------------------------------------------------------
def test_table_2_lines():
    assert tokens(H1, "第二十条第（五）项", "信息内容\t本年处理决定数量", "## 表二", "行政许可\t3",
               "自定义事项\t4", "第二十条第（六）项")[1:] == [
        ("T2_START", ""), ("T2_BLOCK", "五"), ("HEAD", "信息内容\t本年处理决定数量"), ("CAPTION", "表二"),
        ("LABEL", "行政许可"), ("CELLS", "3"), ("LABEL", "自定义事项"), ("CELLS", "4"), ("T2_BLOCK", "六"),
        ("TABLE_END", "")]


def test_table_2_ends_at_a_line_it_does_not_take():
    assert body("第二十条第（一）项", "规章\t0\t0\t0", "本年度依法公开。") == [
        "T2_START", "T2_BLOCK", "LABEL", "CELLS", "TABLE_END", "TEXT"]
    long_label = "一个名称超过十六个字的并不属于表二的事项名称\t5"
    assert body("第二十条第（一）项", long_label) == ["T2_START", "T2_BLOCK", "TABLE_END", "TEXT"]


# -- table 3 -----------------------------------------------------------------------------------------------
def test_table_3_lines():
    assert body(T3_HEAD, "## 表三：收到和处理申请情况", "# （申请人情况）", "本列数据的勾稽关系为",
                "（一）予以公开\t" + ZEROS, ZEROS, "（二）部分公开") == [
        "T3_START", "HEAD", "CAPTION", "HEAD", "NOTE", "LABEL", "CELLS", "CELLS", "LABEL", "_EOL", "TABLE_END"]


@pytest.mark.parametrize("line", [
    "第二十条第（一）项",          # table 2
    "行政复议\t行政诉讼",          # table 4's header
    "二、主动公开政府信息情况",     # a heading
    "本年度依法公开。",             # prose: a 。
    "本机关按照条例规定办理各项政府信息公开申请，做到依法依规、及时准确、便民高效、答复规范",  # prose: > 40 characters
])
def test_table_3_ends_at(line):
    kinds = body(T3_HEAD, line)
    assert kinds[:3] == ["T3_START", "HEAD", "TABLE_END"]


def test_table_3_ends_after_the_numbers_of_its_last_row():
    assert body(T3_HEAD, "四、结转下年度继续办理\t" + ZEROS, ZEROS) == [
        "T3_START", "HEAD", "LABEL", "CELLS", "TABLE_END", "TEXT"]


def test_table_3_waits_for_the_numbers_of_its_last_row_and_ends_at_a_line_without():
    assert body(T3_HEAD, "四、结转下年度继续办理", ZEROS, "0") == [
        "T3_START", "HEAD", "LABEL", "_EOL", "CELLS", "TABLE_END"]  # then "0" is a page number in prose
    assert body(T3_HEAD, "四、结转下年度继续办理", "（七）总计") == [
        "T3_START", "HEAD", "LABEL", "_EOL", "TABLE_END", "SUBHEADING"]


def test_a_pipe_line_of_table_3_without_numbers_is_a_header_unless_it_starts_with_a_row_label():
    assert body(T3_HEAD, "| 申请人情况 | 自然人 | 商业企业 |", "| （二）部分公开 | | |") == [
        "T3_START", "HEAD", "HEAD", "LABEL", "_EOL", "TABLE_END"]


def test_empty_pipe_cells_in_table_3_make_no_token():
    assert body(T3_HEAD, "| | |", "（一）予以公开\t" + ZEROS) == [
        "T3_START", "HEAD", "LABEL", "CELLS", "TABLE_END"]


# -- table 4 -----------------------------------------------------------------------------------------------
def test_table_4_ends_once_its_values_reach_its_width():
    width = spec().t4_width()
    # one value short, the table takes the next number; at its width, it ends ("2" is then a page number)
    assert body("行政复议\t行政诉讼", "\t".join(["0"] * (width - 1)), "1", "2") == [
        "T4_START", "HEAD", "CELLS", "CELLS", "TABLE_END"]


def test_table_4_rows_and_its_end():
    assert body("行政复议\t行政诉讼", "结果维持\t结果纠正", "行政复议\t0\t0\t0\t0\t0", "本年度依法公开") == [
        "T4_START", "HEAD", "HEAD", "LABEL", "CELLS", "TABLE_END", "TEXT"]
    assert body("行政复议\t行政诉讼", "五、存在的主要问题") == ["T4_START", "HEAD", "TABLE_END", "HEADING"]
    assert body("行政复议\t行政诉讼", "行政复议0件。") == ["T4_START", "HEAD", "TABLE_END", "TEXT"]


# -- cutting a table line ---------------------------------------------------------------------------------
def fields(*texts: str) -> tuple[Field, ...]:
    position, result = 0, []
    for text in texts:
        result.append(Field(position, position + len(text), text))
        position += len(text) + 1
    return tuple(result)


def cut(mode: str, *texts: str) -> tuple[list[str], list[tuple[str, str]]]:
    label, cells = cut_row(mode, fields(*texts))
    return [f.text for f in label], [(kind, f.text) for kind, f in cells]


def test_cells_run_from_the_label_to_the_last_value_and_its_empty_fields():
    assert cut("tab", "规章", "1", "", "3", "") == (["规章"], [("NUM", "1"), ("BLANK", ""), ("NUM", "3"), ("BLANK", "")])
    assert cut("tab", "规章", "1", "无", "3") == (["规章"], [("NUM", "1"), ("BAD", "无"), ("NUM", "3")])
    # an empty first value cell is a cell, not part of the label
    assert cut("tab", "(七) 总计", "", "35", "") == (["(七) 总计"], [("BLANK", ""), ("NUM", "35"), ("BLANK", "")])
    # a remark after the values is no cell
    assert cut("tab", "规章", "1", "", "备注") == (["规章"], [("NUM", "1"), ("BLANK", "")])


def test_a_row_whose_value_fields_are_all_empty_is_its_label_and_blank_cells():
    assert cut("tab", "(六) 其他处理", "", "", "") == (["(六) 其他处理"], [("BLANK", "")] * 3)
    assert cut("tab", "(六) 其他处理") == (["(六) 其他处理"], [])


def test_a_pipe_row_keeps_its_trailing_blank_cells():
    assert cut("pipe", "规章", "1", "", "") == (["规章"], [("NUM", "1"), ("BLANK", ""), ("BLANK", "")])


@pytest.mark.parametrize("mark", ["—", "-", "－", "/", "——", "／"])
@pytest.mark.parametrize("mode", ["tab", "pipe", "space"])
def test_a_mark_for_none_is_a_blank_cell(mode, mark):
    assert cut(mode, "规章", mark, "0", mark) == (["规章"], [("BLANK", mark), ("NUM", "0"), ("BLANK", mark)])
    assert cut(mode, "规章", mark, mark) == (["规章"], [("BLANK", mark), ("BLANK", mark)])


def test_trailing_tabs_of_a_line_are_empty_fields():
    line = next(_make_lines(Source("（六）其他处理\t\t\t\n", "t.txt")))
    assert line.body == "(六)其他处理"  # folded; prose is read stripped: no work added per line
    mode, fields = split_fields(line)
    assert mode == "tab" and [f.text for f in fields] == ["(六)其他处理", "", "", ""]
    assert [f.start for f in fields] == [0, 8, 9, 10]


def test_a_line_without_numbers_is_all_label():
    assert cut("tab", "（二）部分公开", "", "区分处理的") == (["（二）部分公开", "区分处理的"], [])


def test_in_space_mode_only_the_trailing_numbers_are_cells():
    assert cut("space", "2.", "重复申请", "0", "1") == (["2.", "重复申请"], [("NUM", "0"), ("NUM", "1")])
    assert cut("space", "重复申请", "0", "说明") == (["重复申请", "0", "说明"], [])


def test_in_space_mode_a_unit_word_joins_the_number_before_it():
    assert cut("space", "行政事业性收费", "21022", "万元") == (["行政事业性收费"], [("NUM", "21022万元")])
    assert cut("space", "收费", "2元", "元") == (["收费"], [("NUM", "2元"), ("BAD", "元")])
    assert cut("space", "万元", "3") == (["万元"], [("NUM", "3")])  # no number before it: label


def test_an_over_long_number_is_a_bad_cell_without_a_value():
    tok = next(tok for tok in LineClassifier(Source(f"{T3_HEAD}\n{'9' * 13}\t0\n", "t.txt")).run() if tok.type == "CELLS")
    assert [(kind, value) for kind, _start, _end, value, _unit in tok.cells] == [("BAD", None), ("NUM", 0)]


@pytest.mark.parametrize("line, heading", [("一、总体情况2023年，本机关坚持主动公开。", "一、总体情况"),
                                           ("一、总体情况。本年度依法公开政府信息。", "一、总体情况。"),
                                           ("六、其他需要报告的事项本年度未收取信息处理费。", "六、其他需要报告的事项")])
def test_a_mandated_heading_run_into_its_paragraph_is_a_heading_and_text(line, heading):
    assert tokens(line)[-2:] == [("HEADING", heading), ("TEXT", line[len(heading):])]


@pytest.mark.parametrize("line", ["一、总体情况概述", "五、存在的主要问题及改进情况（一）存在问题"])
def test_more_words_after_a_heading_are_not_a_paragraph(line):
    assert types(line)[-1:] == ["HEADING"]


def test_heading_shaped_debris_does_not_end_table_3_but_a_section_heading_does():
    kinds = body(T3_HEAD, "三、本予以公开", "四、结转下年度继续办理\t" + ZEROS, "四、政府信息公开行政复议、行政诉讼情况")
    assert kinds.count("TABLE_END") == 1 and kinds[-2:] == ["TABLE_END", "HEADING"]


# -- the quick tests before the regexes (exact: they only spare a regex that would fail) -----------
def test_link_first_letters_are_every_character_a_link_can_start_with():
    import re
    import sys

    from govlint.grammar.shapes import LINK_START
    from govlint.parse.lines import LINK_FIRST
    starts = re.compile("(?i:%s)" % "|".join(word[0] for word in ("http", "www", "mailto")))
    assert {chr(code) for code in range(sys.maxunicode + 1) if starts.match(chr(code))} == LINK_FIRST
    assert LINK_START == r"(?:https?://|www\.|mailto:)"  # the three words the test reads


@pytest.mark.parametrize("line, nothing", [
    ("3/9", True), ("12 / 30", True), ("3 4 5", False), ("3\t4\t5", False), ("- 3 -", True), ("---", True),
    ("第3页", True), ("第 3 页 共 9 页", True), ("第二十条", False), ("|---|:--:|", True), ("| 0 | 1 |", False),
    (":--", True), (":", False), ("***", True), ("**", True),
])
def test_lines_that_carry_nothing(line, nothing):
    from govlint.parse.lines import _NOTHING, _carries_nothing
    assert _carries_nothing(line) is nothing
    assert (_NOTHING.match(line) is not None) is nothing  # the quick test says what the regex says


def test_opener_hint_is_the_words_or_an_address():
    from govlint.parse.lines import _opener_hint
    for line in ("见http://www.a.gov.cn", "WWW.A.GOV.CN", "mailto:a@b.cn", "勾稽关系", "申请人情况"):
        assert _opener_hint(line), line
    for line in ("本机关全年主动公开信息", "www", "http//a", "第3页"):
        assert not _opener_hint(line), line
    assert tokens("http://www.a.gov.cn/xxgk") == [("LINK", "http://www.a.gov.cn/xxgk")]
    assert body("HTTP://WWW.A.GOV.CN/XXGK") == ["LINK"]
