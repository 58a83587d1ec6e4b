"""Quantities of the prose (issue 10's facts layer): what each number counts, whose it is, of which
year, and how breakdowns and percentages link to their totals and counts (govlint.parse.quantities,
lexicon grammar/quantities.yaml, read through govlint.grammar.spec.quantity_lexicon())."""
from __future__ import annotations

import pytest

from govlint.grammar.shapes import CHINESE_COUNT, QUANTITY, quantity_value
from govlint.grammar.spec import load_quantity_lexicon, quantity_lexicon
from govlint.parse.outline import parse
from govlint.source import Source
from govlint.support.yamlio import ConfigError

HEAD = "某某县自然资源局2022年政府信息公开工作年度报告\n一、总体情况\n"


def quantities(prose: str, year: int = 2022):
    doc = parse(Source(HEAD + prose + "\n", "r.txt"), year=year)
    return doc, doc.quantities


def by_value(prose: str, **kwargs) -> dict:
    """{written number: Quantity} of one paragraph."""
    doc, found = quantities(prose, **kwargs)
    return {doc.source.text[q.span.start:q.span.end]: q for q in found}


# -- numbers ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("written,value,unit,approximate", [
    ("39项", 39, "项", False),
    ("1,234件", 1234, "件", False),
    ("1.2万件", 12000, "件", False),
    ("21022万元", 21022, "万元", False),
    ("7600余件", 7600, "件", True),
    ("89.36%", 89.36, "%", False),
])
def test_numbers_are_normalised(written, value, unit, approximate):
    match = QUANTITY.fullmatch(written)
    assert match is not None and quantity_value(match) == (value, unit, approximate)


@pytest.mark.parametrize("written,value", [("三件", 3), ("十二件", 12), ("两起", 2)])
def test_chinese_counts_where_unambiguous(written, value):
    match = CHINESE_COUNT.fullmatch(written)
    assert match is not None and quantity_value(match)[0] == value


@pytest.mark.parametrize("text", ["一件事一次办", "第三件", "2021年", "一件"])
def test_no_count_where_ambiguous(text):
    assert not [m for m in QUANTITY.finditer(text)] and not [m for m in CHINESE_COUNT.finditer(text)]


def test_fullwidth_digits_fold_to_a_count():
    found = by_value("全年共收到政府信息公开申请１２件。")
    (quantity,) = found.values()
    assert (quantity.value, quantity.measure) == (12, "applications.new")


# -- measures --------------------------------------------------------------------------------------
@pytest.mark.parametrize("prose,written,measure", [
    ("全年共收到政府信息公开申请15件，上年结转1件，2件结转下年度继续办理。", "15件", "applications.new"),
    ("全年共收到政府信息公开申请15件，上年结转1件，2件结转下年度继续办理。", "1件", "applications.carried"),
    ("全年共收到政府信息公开申请15件，上年结转1件，2件结转下年度继续办理。", "2件", "applications.forward"),
    ("共办结政府信息公开申请14件，其中予以公开8件、部分公开2件、不予公开1件。", "14件", "applications.handled"),
    ("共办结政府信息公开申请14件，其中予以公开8件、部分公开2件、不予公开1件。", "8件", "outcome.granted"),
    ("共办结政府信息公开申请14件，其中予以公开8件、部分公开2件、不予公开1件。", "2件", "outcome.partial"),
    ("本年度同意公开答复9件。", "9件", "outcome.granted"),        # 答复 is generic: the outcome wins
    ("其中2件属于本机关不掌握的政府信息。", "2件", "outcome.not_held"),  # the measure after the number
    ("发生行政复议3件，其中维持2件。", "2件", "review.upheld"),      # the subject from the sentence
    ("全年受理行政许可申请5147件。", "5147件", None),               # not an application for disclosure
    ("印发行政规范性文件3件。", "3件", "normative.made"),
    ("政务服务事项新增39项、变更42项、取消21项。", "42项", "services.changed"),
])
def test_measure(prose, written, measure):
    found = by_value(prose)
    assert found[written].measure == measure


def test_joined_measures_are_one_figure_of_both():
    quantity = by_value("予以公开及部分公开258件。")["258件"]
    assert quantity.measure == "outcome.partial" and quantity.joined == ("outcome.granted",)


@pytest.mark.parametrize("prose,written", [
    ("因本机关不掌握等原因无法提供265件。", "265件"),
    ("梳理现行有效行政规范性文件和政策类文件共计6件。", "6件"),
])
def test_uncertain_readings_are_marked(prose, written):
    assert by_value(prose)[written].ambiguous


# -- scope, year, change ---------------------------------------------------------------------------
@pytest.mark.parametrize("prose,scope,year", [
    ("2022年，本机关共收到政府信息公开申请15件。", "body", 2022),
    ("2021年，本机关共收到政府信息公开申请15件。", "year", 2021),
    ("上年共收到政府信息公开申请15件。", "year", 2021),  # 上年: the year before the report's
    ("前年共收到政府信息公开申请15件。", "year", None),
    ("全市各级行政机关共收到政府信息公开申请15件。", "area", 2022),
    ("区政府办收到政府信息公开申请15件。", "part", 2022),
    ("上年结转政府信息公开申请15件。", "body", 2022),  # the measure's own word is no other year
])
def test_scope_and_year(prose, scope, year):
    (quantity,) = [q for q in quantities(prose)[1]]
    assert (quantity.scope, quantity.year) == (scope, year)


def test_a_wider_area_named_earlier_in_the_paragraph_holds():
    found = by_value("2022年，全市共受理政府信息公开申请120件。行政复议5件，其中维持3件。")
    assert found["5件"].scope == "area" and found["3件"].scope == "area"


def test_a_change_is_not_the_figure():
    found = by_value("全年共收到政府信息公开申请15件，较上年增加3件。")
    assert not found["15件"].change and found["3件"].change


# -- links -----------------------------------------------------------------------------------------
def test_parts_link_to_their_total():
    doc, found = quantities("共收到申请10件，其中网上申请8件、信函申请2件，予以公开5件。")
    total, web, letter, granted = found
    assert web.part_of == letter.part_of == total.index and not web.closed
    assert granted.part_of is None  # another clause: not listed as a part


def test_a_closed_list_is_marked_closed():
    _doc, found = quantities("共发布信息300条，分别为动态信息200条、通知公告100条。")
    assert [q.part_of for q in found] == [None, 0, 0] and found[1].closed


def test_parts_in_brackets_belong_to_the_figure_before_them():
    found = by_value("答复政府信息公开申请805件（含上年度结转申请18件）。")
    assert found["18件"].part_of == found["805件"].index


def test_a_part_in_another_unit_is_no_part():
    found = by_value("主动公开政府信息236条，其中规范性文件1件、规划信息18条。")
    assert found["1件"].part_of is None and found["18条"].part_of == found["236条"].index


def test_a_percentage_links_to_the_two_counts_before_it():
    found = by_value("市本级44个部门1434项行政审批事项，1320项实现网上办理，网上可办率达92%。")
    assert found["92%"].ratio_of == (found["1320项"].index, found["1434项"].index)


def test_no_ratio_when_three_counts_come_before():
    found = by_value("办结信箱转办件1件，热线转办件2件，网上咨询7件，办结率100%。")
    assert found["100%"].ratio_of is None


# -- laziness and the lexicon ----------------------------------------------------------------------
def test_quantities_are_built_only_when_asked():
    doc = parse(Source(HEAD + "全年共收到政府信息公开申请15件。\n", "r.txt"))
    assert "quantities" not in doc.__dict__
    assert doc.quantities and "quantities" in doc.__dict__


def test_the_lexicon_names_canonical_cells():
    lexicon = quantity_lexicon()
    assert {cells.rows for cells in lexicon.measures["applications.new"].cells} == {("new",), ("new", "carried")}


@pytest.mark.parametrize("bad,words", [
    ("rows: [nonexistent]", "not a row key"),
    ("column: nowhere", "not a column key"),
])
def test_a_lexicon_with_an_unknown_cell_is_refused(bad, words):
    good = ("change_words: [较]\ncumulative_words: [截至]\njoiners: [及]\nopen_parts: [其中]\nclosed_parts: [分别为]\nrate_words: [率]\n"
            "rise_words: [增长]\nfall_words: [下降]\nprevious_year_words: [上年]\ntotal_words: [共]\nself_words: [我局]\n"
            "measures:\n  m:\n    name: {zh: 甲, en: a}\n    words: [甲]\n    units: [件]\n"
            "    cells:\n      - {table: table3, rows: [new], column: total}\n")
    load_quantity_lexicon(good, "q.yaml")
    text = good.replace("rows: [new]" if bad.startswith("rows") else "column: total", bad)
    with pytest.raises(ConfigError, match=words):
        load_quantity_lexicon(text, "q.yaml")


# -- change percentages, rates of a total's parts, totals ---------------------------------------------
def test_a_change_percentage_links_this_year_and_last_year():
    found = by_value("全年共主动公开政府信息685条，其中政策文件60条，比上年（1276条）下降46.3%。")
    change = found["46.3%"]
    assert change.change_of == ((found["60条"].index, found["685条"].index), found["1276条"].index)
    assert change.direction == -1 and found["1276条"].year == 2021


def test_a_change_without_last_years_figure_is_not_linked():
    found = by_value("全年共收到申请45件，同比增长12.5%。")
    assert found["12.5%"].change_of is None


def test_a_rate_after_a_total_and_its_parts_has_every_reading():
    found = by_value("全年办结申请40件，其中予以公开20件、部分公开5件，公开率为62.5%。")
    rate = found["62.5%"]
    assert rate.ratio_of is None
    parts = {tuple(numerators) for numerators, _total in rate.ratio_options}
    assert parts == {(found["20件"].index,), (found["5件"].index,), (found["20件"].index, found["5件"].index)}


def test_a_total_word_marks_a_total():
    found = by_value("全年共主动公开政府信息300条，通过政务微博发布信息120条。")
    assert found["300条"].total and found["300条"].measure == "proactive.items"
    assert not found["120条"].total and found["120条"].measure is None  # a channel's figure


def test_the_body_named_in_its_sentence_is_not_the_wider_area_of_the_paragraph():
    found = by_value("政务公开工作在全市考核中占5%的权重。2022年，我局共受理政府信息公开申请12件。")
    assert found["12件"].scope == "body"


@pytest.mark.parametrize("prose,value,measure", [
    ("本年新制作规范性文件6件，均已按规定公开。", "6件", "normative.made"),
    ("2022年，我市制发行政规范性文件4件，废止2件。", "2件", "normative.repealed"),
    ("2022年，我市制发行政规范性文件4件，废止规章2件。", "2件", None),   # not the documents'
    ("制发行政规范性文件4件，截至年底现行有效30件。", "30件", "normative.in_force"),
])
def test_documents_named_once_in_the_sentence(prose, value, measure):
    assert by_value(prose)[value].measure == measure


def test_what_stands_open_at_the_years_end_is_the_figure():
    quantity = by_value("截至年底，结转下年度继续办理4件。")["4件"]
    assert quantity.measure == "applications.forward" and quantity.cumulative
