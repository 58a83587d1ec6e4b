"""grammar/spec.py: the mandated format as data answers what rules and the parser ask of it."""
from __future__ import annotations

import pytest

from govlint.grammar.shapes import DOCNO, PRINTED_YEAR, TITLE_YEAR
from govlint.grammar.spec import FORMATS, spec


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
