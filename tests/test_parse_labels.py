"""Matching report labels to the mandated ones (govlint.parse.labels): keys, markers, and the
fuzzy match of table-3 labels that survives cut, glued and mistyped labels, and where it stops."""
from __future__ import annotations

import pytest

from govlint.grammar.spec import Spec
from govlint.parse.labels import LabelMatcher, label_key, label_matcher, split_marker


@pytest.mark.parametrize("text, key", [
    ("1、属于国家秘密", "1.属于国家秘密"),
    ("1．属于 国家秘密", "1.属于国家秘密"),
    ("**（一）予以公开**", "(一)予以公开"),
    ("三、本年度办理结果", "三,本年度办理结果"),
    ("| 2.重复申请 |", "2.重复申请"),
    ("1.5", "1.5"),  # a decimal is not an item number
])
def test_label_key(text, key):
    assert label_key(text) == key


@pytest.mark.parametrize("key, split", [
    ("2.其他法律行政法规禁止公开", ("2.", "其他法律行政法规禁止公开")),
    ("三,本年度办理结果(三)不予公开1.属于国家秘密", ("1.", "属于国家秘密")),  # the last marker counts
    ("五,存在的问题", (None, "五,存在的问题")),  # only 一 to 四 number table 3's top rows
    ("(八)其他", (None, "(八)其他")),           # and only （一） to （七） its groups
    ("本年", (None, "本年")),
])
def test_split_marker(key, split):
    assert split_marker(key) == split


def t3(text: str, prefer: str = "row") -> str | None:
    entry = label_matcher().match_t3(text, prefer)
    return entry and f"{entry.kind}:{entry.key}"


@pytest.mark.parametrize("text, match", [
    ("一、本年新收政府信息公开申请数量", "row:new"),                    # whole
    ("2.其他法律行政法规禁", "row:withheld.2"),                         # cut over lines
    ("办 （三）不 4.保护第三方合法权益", "row:withheld.4"),             # group labels glued in front
    ("2.其他法律行政止公开", "row:withheld.2"),                         # a typo: 6 of 10 characters in common
    ("2.重复申请材料", "row:rejected.2"),                               # more after the whole label
    ("三、", "group:result"),                                            # a bare marker
    ("本年新收政府信息公开申请数量", "row:new"),                        # no marker: the whole label
    ("本年新收政府", "row:new"),                                        # no marker: 6 characters of it
])
def test_match_t3_finds(text, match):
    assert t3(text) == match


@pytest.mark.parametrize("text", [
    "本年新收政",        # no marker: under 6 characters is a fragment (本年 / 度办 of a group label)
    "本年",
    "2.其他甲乙丙",      # 2 characters in common of 5: under half
    "2.其甲",            # 1 character in common
    "9.属于国家秘密",    # no label has this marker
    "",
])
def test_match_t3_refuses(text):
    assert t3(text) is None


def test_the_fuzzy_match_needs_half_the_shorter_label_in_common():
    assert t3("2.其他甲乙") == "row:withheld.2"   # 2 of 4: exactly half
    assert t3("2.其他甲乙丙") is None             # 2 of 5


def test_a_label_that_is_a_row_in_one_format_and_a_group_in_the_other_follows_prefer():
    assert t3("（六）其他处理", prefer="row") == "row:other"
    assert t3("（六）其他处理", prefer="group") == "group:other"


def test_a_cut_label_prefers_the_group_when_asked():
    assert t3("（六）其他处", prefer="row") == "row:other"
    assert t3("（六）其他处", prefer="group") == "group:other"


def _matcher(*labels: str) -> LabelMatcher:
    """A LabelMatcher of table-3 rows a, b, c … with these labels (and nothing else)."""
    rows = [{"key": chr(ord("a") + index), "label": label} for index, label in enumerate(labels)]
    return LabelMatcher(Spec({"table3": {"rows": rows, "groups": [], "header_words": []},
                              "table2": {"2021": [], "2019-trial": [], "label_header": "", "signature": {}},
                              "table4": {"header_words": []}}))


def test_a_label_holding_a_whole_mandated_label_beats_a_fuzzy_match():
    assert _matcher("1.其他", "1.其他法律规定的情形").match_t3("1.其他法律禁止").key == "a"


def test_a_label_cut_short_beats_one_holding_a_shorter_label():
    assert _matcher("1.其他法律", "1.其他法律规定的情形").match_t3("1.其他法律规").key == "b"


def test_match_t2():
    assert label_matcher().match_t2("行政 规范性文件") == ("normative", "一")
    assert label_matcher().match_t2("规范性文件") == ("normative", "一")  # the 试行 label
    assert label_matcher().match_t2("行政许可事项") is None
