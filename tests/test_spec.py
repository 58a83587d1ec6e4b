"""grammar/spec.py: the mandated format as data answers what rules and the parser ask of it."""
from __future__ import annotations

import pytest

from govlint.grammar.shapes import DOCNO, PRINTED_YEAR, TITLE_YEAR
from govlint.grammar.spec import FORMATS, TABLE_FORMATS, TABLES, spec


def test_the_notice_of_each_format_and_its_number():
    assert spec().notice("2021") == "国办公开办函〔2021〕30号"
    assert spec().notice_number("2021") == (2021, 30)
    assert spec().notice_number("2019-trial") == (2019, 60)
    assert spec().notice("2008") is None and spec().notice_number("2008") is None
    assert spec().notice_issuer("2021") == spec().notice_issuer("2019-trial") == "国办公开办函"


def test_table_widths_come_from_the_groups_and_columns():
    assert spec().t4_width() == len(spec().t4_groups()) * len(spec().t4_columns()) == 15
    assert spec().t3_width() == len(spec().t3_columns()) == 7
    assert set(spec().t3_keys("2021")) != set(spec().t3_keys("2019-trial"))  # （六）其他处理 differs
    assert spec().heading(3).startswith("三、")
    assert FORMATS == ("2021", "2019-trial", "2008")


@pytest.mark.parametrize("text, year", [("某县2023年政府信息公开工作年度报告", "2023"), ("2021 年度报告", "2021"),
                                        ("第3000年", None), ("共1234年", None)])
def test_a_year_in_a_title(text, year):
    match = TITLE_YEAR.search(text)
    assert (match.group(1) if match else None) == year


@pytest.mark.parametrize("text, found", [("某局2 0 2 3年报告", "2 0 2 3年"), ("某局二〇二三年报告", "二〇二三年"),
                                         ("某局年度报告", None)])
def test_a_year_as_printed_ends_the_issuing_bodys_name(text, found):
    match = PRINTED_YEAR.search(text)
    assert (match.group() if match else None) == found


@pytest.mark.parametrize("text, year, serial", [("〔2021〕30号", "2021", "30"), ("[2019]第60号", "2019", "60"),
                                                ("（2021）30", "2021", "30"), ("〔1899〕3号", None, None)])
def test_a_document_number_and_its_miswritings(text, year, serial):
    match = DOCNO.search(text)
    found = (match.group("year"), match.group("serial")) if match else (None, None)
    assert found == (year, serial)


@pytest.mark.parametrize("year, fmt", [(1999, "2008"), (2018, "2008"), (2019, "2019-trial"), (2020, "2019-trial"),
                                       (2021, "2021"), (2099, "2021")])
def test_each_year_has_the_format_whose_years_hold_it(year, fmt):
    assert spec().format_of_year(year) == fmt


def test_formats_have_a_name_in_each_language():
    assert [spec().format_name(fmt, "zh") for fmt in FORMATS] == ["2021年格式", "试行格式", "2008年条例"]
    assert spec().format_name("2019-trial", "en") == "2019 trial format" and spec().format_name("1990", "zh") is None
    assert spec().format_years("2008") == (None, 2018)


def test_a_tables_chinese_title_is_its_sections_heading():
    assert [spec().table_section(table) for table in TABLES] == [2, 3, 4]
    assert spec().table_name("table2", "zh") == "表二" and spec().table_name("table4", "en") == "table 4"
    assert spec().table_title("table4", "zh") == "政府信息公开行政复议、行政诉讼情况"
    assert spec().table_title("table3", "en", short=True) == "applications received and handled"


def test_labels_by_key_and_every_key_relations_may_name():
    from govlint.rules.relation import known_names

    assert spec().labels("table2", "rows")["normative"] == "行政规范性文件"  # the 2021 label first
    assert spec().labels("table3", "groups")["withheld"] == "（三）不予公开"
    assert spec().labels("table4", "rows") == {} and spec().labels("table4", "groups")["review"] == "行政复议"
    assert spec().keys() == known_names()


def test_what_only_one_format_has_tells_the_formats_apart():
    assert spec().t2_own_rows("2019-trial") == {"other_services", "procurement"} and not spec().t2_own_rows("2021")
    assert spec().t2_own_items("2019-trial") == {"九"} and not spec().t2_own_items("2021")
    assert spec().t3_own_keys("2021") == {"other.1", "other.2", "other.3"}
    assert spec().t3_own_keys("2019-trial") == {"other"}
    assert TABLE_FORMATS == FORMATS[:2]


def test_table_3s_top_level_and_its_incoming_applications():
    assert spec().t3_top_keys() == ["new", "carried", "result", "forward"]
    assert spec().t3_incoming_keys() == ["new", "carried"]
    rows, groups = spec().labels("table3", "rows"), spec().labels("table3", "groups")
    assert all({**rows, **groups}[key][0] in "一二三四" for key in spec().t3_top_keys())


def test_the_heads_above_columns_and_groups_are_over_keys_the_tables_have():
    for label, columns in spec().t3_column_heads().values():
        assert label in spec().header_words("table3") and set(columns) <= set(spec().t3_columns())
    for label, groups in spec().t4_group_heads().values():
        assert label in spec().header_words("table4") and set(groups) <= set(spec().t4_groups())


def test_table_3s_note_words_are_in_its_note():
    assert all(word in spec().t3_note() for word in spec().t3_note_words())
    assert spec().t3_note_words()[0] == "勾稽关系"


def test_table_2s_header_words_are_its_label_header_and_column_labels():
    words = spec().header_words("table2")
    assert words[0] == spec().t2_label_header() == "信息内容" and "本年制发件数" in words and "本年新制作数量" in words
    assert {"类别", "数量"} <= set(spec().header_words("table4"))
