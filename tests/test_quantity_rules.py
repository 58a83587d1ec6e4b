"""The rules over the prose's quantities: GL402 (a figure its table cell contradicts), GL403 (a
percentage its two counts do not give), GL406 (the same figure stated twice with different numbers),
GL407 (parts and their total).

Hand-written cases change one sentence of examples/clean-2021.txt (table 3: 新收 15, 上年结转 1,
予以公开 8, 部分公开 2, 不予公开 1, 本机关不掌握 3, 不予处理 1, 总计 15, 结转下年度 1; table 4: one
review, upheld; table 2: 规范性文件 制发 1 废止 0 现行有效 4) and say what users see.  Generated
reports (benchmarks/generate.py) get restatements of their own tables in several phrasings: every
agreeing figure stays silent, every changed one is reported once.  The real reports' figures that
were checked and agree must stay silent.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from conftest import CORPUS, EXAMPLES, SEEDS, corpus, seed, seen, shared
from govlint.lint.linter import Linter, Options
from govlint.parse.outline import parse
from govlint.source import Source

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from generate import make_report, render  # noqa: E402  (benchmarks/generate.py)

CLEAN = (EXAMPLES / "clean-2021.txt").read_text(encoding="utf-8")
LEAD = "（二）依申请公开情况。"  # line 11; the sentence after it is the one replaced
SENTENCE = "2022年共收到政府信息公开申请15件，上年结转1件，均在法定期限内答复，1件结转下年度继续办理。"
LINTER = Linter(Options(report_year=2022))
LINTER_ANY = Linter(Options())
CODES = ("GL402", "GL403", "GL406", "GL407")


def report(sentence: str) -> str:
    assert CLEAN.count(LEAD + SENTENCE) == 1
    return CLEAN.replace(LEAD + SENTENCE, LEAD + sentence, 1)


def twice(first: str, second: str) -> str:
    """The example with ``first`` in its 依申请公开 paragraph and ``second`` opening 政府信息管理."""
    return report(first).replace("（三）政府信息管理情况。", "（三）政府信息管理情况。" + second, 1)


def found(text: str, code: str, linter: Linter = LINTER) -> list:
    return seen(linter, text, code)


def test_the_clean_example_is_silent():
    for code in CODES:
        assert found(CLEAN, code) == []


# -- GL402 -----------------------------------------------------------------------------------------
AGREEING = [
    "共办结政府信息公开申请15件，其中予以公开8件、部分公开2件、不予公开1件。",
    "本年度答复政府信息公开申请15件，1件结转下年度继续办理。",
    "上年结转政府信息公开申请1件。",
    "因本机关不掌握相关政府信息无法提供3件，不予处理1件。",
    "全年发生行政复议1件，维持1件。",
    "本年度印发行政规范性文件1件，现行有效行政规范性文件4件。",
    "截至2022年底，现行有效行政规范性文件4件。",
    "予以公开及部分公开10件。",
]


@pytest.mark.parametrize("sentence", AGREEING)
def test_agreeing_figures_are_silent(sentence):
    assert found(report(sentence), "GL402") == []


def test_a_contradicted_figure_is_an_error_naming_claim_cell_and_numbers():
    assert found(report("共办结政府信息公开申请14件。"), "GL402") == [(
        "11:13", "error",
        "正文称“办结政府信息公开申请14件”（办结申请为 14），但表三“（七）总计”行“总计”列为 15")]


@pytest.mark.parametrize("sentence,where", [
    ("本年度1件结转下年度继续办理，予以公开7件。", "11:27"),
    ("全年发生行政复议2件。", "11:16"),
    ("本年度印发行政规范性文件3件。", "11:15"),
    ("上年结转政府信息公开申请2件。", "11:12"),
])
def test_contradicted_figures(sentence, where):
    assert [(at, severity) for at, severity, _m in found(report(sentence), "GL402")] == [(where, "error")]


def test_joined_outcomes_are_compared_with_their_sum_as_a_warning():
    (finding,) = found(report("予以公开及部分公开9件。"), "GL402")
    assert finding[1] == "warning" and "10" in finding[2] and "9" in finding[2]


@pytest.mark.parametrize("sentence", [
    "全市各部门共办结政府信息公开申请140件。",       # a wider area
    "2021年共办结政府信息公开申请9件。",              # another year
    "区政府办办结政府信息公开申请3件。",               # a part of the body
    "办结政府信息公开申请较上年增加3件。",             # a change
    "共办结政府信息公开申请10余件。",                  # approximate
    "截至12月31日，本机关共制发规范性文件3件。",        # a running total
    "全年共收到政府信息公开申请14件。",                # GL401's, not GL402's
])
def test_figures_not_compared(sentence):
    assert found(report(sentence), "GL402") == []


# -- GL406 -----------------------------------------------------------------------------------------
def test_the_same_figure_twice_warns_at_the_later_naming_the_earlier():
    text = twice("根据政务服务事项动态调整要求，新增39项。", "加强政务服务事项库动态管理，新增43项。")
    assert found(text, "GL406") == [(
        "13:27", "warning", "正文称“新增43项”（新增政务服务事项 43），与前文的“新增39项”（39）不一致")]


@pytest.mark.parametrize("second", [
    "加强政务服务事项库动态管理，新增39项。",             # the same number
    "2021年政务服务事项新增43项。",                        # another year
    "全市政务服务事项新增43项。",                          # a wider area
    "政务服务事项较上年新增43项。",                         # a change
    "全年主动公开政府信息43条。",                          # another measure
])
def test_not_the_same_figure(second):
    text = twice("根据政务服务事项动态调整要求，新增39项。", second)
    assert found(text, "GL406") == []


def test_two_totals_of_information_published_in_the_same_words_warn():
    text = twice("全年共主动公开政府信息1914条。", "2022年，我局共主动公开政府信息1923条。")
    [(_at, severity, message)] = found(text, "GL406")
    assert severity == "warning" and "1923" in message and "1914" in message


@pytest.mark.parametrize("second", [
    "通过政务微博主动公开政府信息1923条。",   # a channel's figure
    "在重点领域主动公开财政信息1923条。",      # another kind, in other words
    "主动公开政府信息1923条。",                # not said to be a total
])
def test_information_published_counted_per_channel_or_kind_is_not_compared(second):
    text = twice("全年共主动公开政府信息1914条。", second)
    assert found(text, "GL406") == []


def test_a_figure_the_table_decides_is_left_to_gl402():
    text = twice("共办结政府信息公开申请14件。", "共办结政府信息公开申请15件。")
    assert found(text, "GL406") == [] and len(found(text, "GL402")) == 1


# -- GL407 -----------------------------------------------------------------------------------------
def test_parts_above_their_total_are_an_error():
    assert found(report("共发布信息10条，其中动态信息8条、通知4条。"), "GL407") == [(
        "11:27", "error", "分项“8条、4条”之和 12 超过总数“发布信息10条”（10）")]


def test_a_closed_list_that_does_not_add_up_warns():
    (finding,) = found(report("共发布信息300条，分别为动态信息200条、通知公告90条。"), "GL407")
    assert finding[1] == "warning" and "290" in finding[2]


def test_parts_after_an_interposed_figure_belong_to_the_earlier_total_they_fit():
    # 其中 follows 另有…66件, but its parts make up the sentence's first figure (1331): not an error.
    sentence = "共发布信息1331条，另有转载信息66条，其中动态信息1084条、通知公告247条。"
    assert found(report(sentence), "GL407") == []
    # Parts that fit no figure of the sentence are still reported, at the nearest total.
    assert [f[1] for f in found(report(sentence.replace("1084", "1500")), "GL407")] == ["error"]


@pytest.mark.parametrize("sentence", [
    "共发布信息10条，其中动态信息8条。",                      # 其中 may list some parts
    "共发布信息300条，分别为动态信息200条、通知公告100条。",
    "共发布信息7600余条，其中动态信息8000条。",               # approximate
    "信息处理费共计380元，1件。",                              # another unit
])
def test_breakdowns_that_fit_are_silent(sentence):
    assert found(report(sentence), "GL407") == []


# -- GL403 -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("sentence,silent", [
    ("共有监管事项752项，已覆盖672项，覆盖率为89.36%。", True),
    ("1434项行政审批事项，1320项实现网上办理，网上可办率达92%。", True),
    ("共制定文件151件，其中主动公开151件，主动公开率100%。", True),
    ("共有监管事项752项，已覆盖672项，覆盖率为89.4%。", True),
    ("共有监管事项752项，已覆盖672项，覆盖率为89.37%。", False),
    ("1434项行政审批事项，1320项实现网上办理，网上可办率达93%。", False),
    ("办结信箱转办件1件，热线转办件2件，网上咨询7件，办结率100%。", True),  # no two counts to divide
    ("共有监管事项752项，已覆盖672项，同比增长12%。", True),                  # a change
])
def test_percentages(sentence, silent):
    result = found(report(sentence), "GL403")
    assert (result == []) == silent, result
    if not silent:
        assert result[0][1] == "warning"


def test_a_percentage_message_names_both_counts():
    (finding,) = found(report("共有监管事项752项，已覆盖672项，覆盖率为93.5%。"), "GL403")
    assert finding[2] == "正文称“93.5%”，但 672 ÷ 752 = 89.36%"


@pytest.mark.parametrize("sentence,silent", [
    ("共发布信息685条，比上年（1276条）下降46.3%。", True),
    ("共发布信息685条，较2021年的1276条下降46.32%。", True),
    ("共发布信息685条，其中政策文件60条，比上年（1276条）下降46.3%。", True),  # the total's change
    ("共发布信息685条，比上年（1276条）下降54.3%。", False),
    ("共发布信息685条，比上年（1276条）增长46.3%。", False),                   # the wrong way
    ("共发布信息685条，与上年（500条）相比增加37%。", True),
    ("共发布信息685条，较2020年的1276条下降54.3%。", True),                    # not last year: not computed
    ("共发布信息685条，同比下降54.3%。", True),                                # no last year's figure
    ("共办结申请40件，其中予以公开20件、部分公开5件，公开率为62.5%。", True),  # both parts over the total
    ("共办结申请40件，其中予以公开20件、部分公开5件，公开率为50%。", True),    # one part over the total
    ("共办结申请40件，其中予以公开20件、部分公开5件，公开率为82.5%。", False),
])
def test_changes_and_rates_of_parts(sentence, silent):
    result = found(report(sentence), "GL403")
    assert (result == []) == silent, result


def test_a_change_message_names_this_year_last_year_and_the_real_change():
    (finding,) = found(report("共发布信息685条，其中政策文件60条，比上年（1276条）增长46.3%。"), "GL403")
    assert finding[2] == "正文称“46.3%”，但本年 685、上年 1276，实际下降 46.32%"


# -- generated reports -----------------------------------------------------------------------------
def generated(count: int = 40) -> list:
    reports, index = [], 0
    while len(reports) < count:
        made = make_report(20241002, index, defect_rate=0)
        index += 1
        if made.fmt != "2008":
            reports.append(made)
    return reports


REPORTS = generated()
# Restatements of table 3 and table 4, in the phrasings real reports use: {name: value} of the table.
PHRASINGS = [
    "{year}年，{we}共办结政府信息公开申请{total}件，其中予以公开{granted}件。",
    "本年度答复政府信息公开申请{total}件，{forward}件结转下年度继续办理。",
    "{we}上年结转政府信息公开申请{carried}件，全年予以公开{granted}件，部分公开{partial}件。",
    "全年发生行政复议{review}件。",
    "本年度{we}共办结申请{total}件（含上年结转申请{carried}件）。",
]


def values(made) -> dict:
    t3 = made.table3
    return {"total": t3["total"][6], "granted": t3["granted"][6], "partial": t3["partial"][6],
            "forward": t3["forward"][6], "carried": t3["carried"][6], "review": made.table4[4]}


def with_sentence(made, sentence: str) -> str:
    opening = next(block for block in made.blocks if block.kind == "para" and block.section == 1)
    saved = opening.text
    opening.text += sentence
    try:
        return render(made, 1)
    finally:
        opening.text = saved


@pytest.mark.parametrize("phrasing", PHRASINGS)
def test_generated_restatements_agree_silently_and_changed_figures_are_reported(phrasing):
    for made in REPORTS:
        facts = values(made)
        facts.update(year=made.year, we=made.agency.we)
        text = with_sentence(made, phrasing.format(**facts))
        for code in CODES:
            assert found(text, code, LINTER_ANY) == [], (made.index, code, phrasing)
        wrong = dict(facts)
        key = next(name for name in ("total", "review", "carried") if "{%s}" % name in phrasing)
        if key == "total" and "{carried}" in phrasing:
            continue  # a changed total may then exceed its part: GL407's too
        wrong[key] = facts[key] + 3
        reported = found(with_sentence(made, phrasing.format(**wrong)), "GL402", LINTER_ANY)
        assert [severity for _at, severity, _m in reported] == ["error"], (made.index, phrasing, reported)


# -- the real reports ------------------------------------------------------------------------------
def test_seed_000_states_the_service_list_adjustment_twice():
    result = LINTER_ANY.lint_bytes(seed("000").read_bytes(), "000.txt")
    [diagnostic] = [d for d in result.diagnostics if d.code == "GL406"]
    assert diagnostic.location(result.source)["line"] == 137
    # The earlier statement is the related location, at line 133.
    assert [result.source.position(span.start)[0] for span in diagnostic.related] == [133]


@pytest.mark.parametrize("path", shared(SEEDS + CORPUS), ids=lambda p: getattr(p, "name", str(p)))
def test_real_reports_quantity_rules_stay_silent_but_for_the_known_finding(path):
    result = LINTER_ANY.lint_bytes(path.read_bytes(), path.name)
    diagnostics = [(d.code, d.location(result.source)["line"]) for d in result.diagnostics if d.code in CODES]
    expected = [("GL406", 137)] if path.name.startswith("000_") else []
    assert diagnostics == expected


# Figures checked by hand against their tables, all agreeing: (report, line, measure, value).  Each is
# read as the body's figure of the report year (so GL402 compared it) and GL402 stays silent.
CHECKED = [
    ("seed:003", 17, "applications.new", 7), ("seed:003", 17, "outcome.granted", 5),
    ("seed:003", 17, "outcome.not_held", 2), ("seed:004", 94, "applications.new", 0),
    ("2019_shanghai_shizhengfu_bangongting.txt", 14, "applications.handled", 805),
    ("2019_shanghai_shizhengfu_bangongting.txt", 14, "applications.carried", 18),
    ("2019_shanghai_shizhengfu_bangongting.txt", 14, "applications.forward", 72),
    ("2019_shanghai_shizhengfu_bangongting.txt", 14, "review.total", 7),
    ("2023_suqian_shuyang_fagaiju.txt", 16, "applications.new", 26),
    ("2024_shanghai_kewei.txt", 19, "review.total", 1), ("2024_shanghai_kewei.txt", 21, "suit.total", 0),
    ("2024_shanghai_kewei.txt", 42, "applications.new", 34), ("2024_shanghai_kewei.txt", 43, "applications.carried", 2),
    ("2024_shanghai_kewei.txt", 44, "outcome.granted", 9), ("2024_shanghai_kewei.txt", 44, "outcome.partial", 0),
    ("2024_shanghai_kewei.txt", 44, "outcome.withheld", 2), ("2024_shanghai_kewei.txt", 45, "outcome.unavailable", 10),
    ("2024_shanghai_kewei.txt", 45, "outcome.rejected", 0), ("2024_shanghai_kewei.txt", 45, "outcome.other", 14),
]


@pytest.mark.parametrize("name,line,measure,value", CHECKED)
def test_checked_figures_are_read_and_stay_silent(name, line, measure, value):
    path = seed(name[5:]) if name.startswith("seed:") else corpus(name)
    text = path.read_text(encoding="utf-8")
    doc = parse(Source(text, path.name))
    lines = [(text.count("\n", 0, q.span.start) + 1, q.measure, q.value, q.scope, q.year) for q in doc.quantities]
    assert (line, measure, value, "body", doc.year) in lines
    assert found(text, "GL402", LINTER_ANY) == []


def test_checked_percentages_of_the_seeds_are_linked():
    for prefix, expected in (("000", {92, 89.36}), ("001", {100})):
        doc = parse(Source(seed(prefix).read_text(encoding="utf-8"), prefix))
        linked = {q.value for q in doc.quantities if q.ratio_of is not None}
        assert expected <= linked, (prefix, linked)
