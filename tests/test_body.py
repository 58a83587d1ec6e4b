"""Body identity (govlint.parse.body, Document.body): the organ of the title, its place, level and
kind, and the organs the report names as author, approver, contact or signer, each with its
relation to the body; the table of kinds (grammar/bodies.yaml) as the accessor checks it."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from conftest import seed
from govlint.grammar.spec import body_table, build_body_classes, build_body_table
from govlint.lint.linter import Linter
from govlint.parse.body import relation, split_place, title_organ
from govlint.parse.outline import parse
from govlint.source import Source
from govlint.support.yamlio import ConfigError, load

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from generate import make_report, render  # noqa: E402  (benchmarks/generate.py)


def body_of(text: str):
    return parse(Source(text, "r.txt")).body


def named(text: str) -> list[tuple[str, str, str]]:
    """(role, name, relation) of every organ the report names."""
    return [(organ.role, organ.name, organ.relation) for organ in body_of(text).named]


# -- the title -------------------------------------------------------------------------------------

@pytest.mark.parametrize("title,organ", [
    ("中卫市审批服务管理局2021年政府信息公开工作年度报告", "中卫市审批服务管理局"),
    ("中卫市沙坡头区 2020 年 政府信息公开工作年度报告", "中卫市沙坡头区"),
    ("2019年上海市人民政府办公厅政府信息公开工作年度报告", "上海市人民政府办公厅"),
    ("2024 年上海市科委政府信息公开工作年度报告", "上海市科委"),
    ("沭阳县发展和改革局2023年度政府信息公开年度报告", "沭阳县发展和改革局"),
    ("某市人民政府信息公开工作2022年度报告", "某市人民政府"),
    ("《某县教育局2022年政府信息公开工作年度报告》", "某县教育局"),
    ("2022年政府信息公开工作年度报告", None),
    ("关于印发某某的通知", None),
])
def test_title_organ(title, organ):
    assert title_organ(title) == organ


@pytest.mark.parametrize("name,place,core", [
    ("中卫市沙坡头区人民政府", ("中卫市", "沙坡头区"), "人民政府"),
    ("中卫市市场监督管理局", ("中卫市",), "市场监督管理局"),
    ("淮安市城市管理局", ("淮安市",), "城市管理局"),
    ("咸阳市民政局", ("咸阳市",), "民政局"),
    ("盐池县住房和城乡建设局", ("盐池县",), "住房和城乡建设局"),
    ("宁夏回族自治区人民政府办公厅", ("宁夏回族自治区",), "人民政府办公厅"),
    ("苏州工业园区管委会", ("苏州", "工业园区"), "管委会"),
    ("宿州市人民政府", ("宿州市",), "人民政府"),
    ("杭州市人民政府", ("杭州市",), "人民政府"),
    ("市政府服务中心", ("市",), "政府服务中心"),
    ("事政务服务中心办公室", (), "事政务服务中心办公室"),
    ("中卫市", ("中卫市",), ""),
])
def test_split_place(name, place, core):
    assert split_place(name, body_table()) == (place, core)


# -- kind and level ---------------------------------------------------------------------------------

@pytest.mark.parametrize("title,kind,level,classes", [
    ("某省人民政府", "government", "province", ()),
    ("上海市人民政府", "government", "province", ()),
    ("淮安市人民政府", "government", "city", ()),
    ("中卫市沙坡头区", "government", "county", ()),
    ("淮安市洪泽区某某镇人民政府", "government", "township", ()),
    ("苏州工业园区管委会", "government", "county", ()),
    ("上海市人民政府办公厅", "government-office", "province", ()),
    ("某县人民政府办公室", "government-office", "county", ()),
    ("盐池县审批服务管理局", "department", "county", ("approval",)),
    ("银川市行政审批服务局", "department", "city", ("approval",)),
    ("中卫市政务服务中心", "department", "city", ("government-services",)),
    ("淮安市教育局", "department", "city", ()),
])
def test_kind_and_level(title, kind, level, classes):
    body = body_of(f"{title}2022年政府信息公开工作年度报告\n一、总体情况\n略。\n")
    assert (body.name, body.kind, body.level, body.classes) == (title, kind, level, classes)


def test_body_span_is_the_title_name_as_written():
    text = "中卫市沙坡头区 2020 年 政府信息公开工作年度报告\n一、总体情况\n略。\n"
    body = body_of(text)
    assert text[body.span.start:body.span.end] == "中卫市沙坡头区"


def test_no_title_no_body():
    assert body_of("一、总体情况\n略。\n") is None


# -- organs named and their relation ------------------------------------------------------------------

HEAD = "中卫市政务服务中心2017年政府信息公开工作年度报告\n"


@pytest.mark.parametrize("sentence,expected", [
    ("本报告经市政府服务中心同意，现予发布。", [("approver", "市政府服务中心", "other")]),
    ("本报告经市政务服务中心同意，现予发布。", [("approver", "市政务服务中心", "self")]),
    ("本报告经中卫市人民政府办公室审定。", [("approver", "中卫市人民政府办公室", "parent")]),
    ("本报告经市政府同意。", [("approver", "市政府", "parent")]),
    ("本报告经宁夏回族自治区人民政府同意。", [("approver", "宁夏回族自治区人民政府", "parent")]),
    # another 市's government may be the city above a county-level 市: no gazetteer tells them apart
    ("本报告经固原市人民政府同意。", [("approver", "固原市人民政府", "parent")]),
    ("本报告经固原市统计局同意。", [("approver", "固原市统计局", "other")]),
    ("本报告由事政务服务中心办公室编制。", [("author", "事政务服务中心办公室", "misspelt")]),
    ("本报告由中心办公室根据有关规定编制。", [("author", "中心办公室", "part")]),  # the body's head noun
    ("本报告由中卫市政务服务中心办公室负责编制。", [("author", "中卫市政务服务中心办公室", "part")]),
    ("根据要求，本中心编制了本报告。", [("author", "本中心", "self")]),
    ("如有疑问，请与中卫市统计局联系。", [("contact", "中卫市统计局", "other")]),
    ("现发布《中卫市政务服务中心2017年政府信息公开工作年度报告》。",
     [("restated", "中卫市政务服务中心", "self")]),
    ("本报告经中心主任办公会研究同意。", []),  # a meeting of the body, no organ
])
def test_roles_and_relations(sentence, expected):
    found = named(HEAD + sentence + "\n一、总体情况\n略。\n")
    if expected == [] and found:
        assert all(relation in ("self", "part") for _role, _name, relation in found), found
    else:
        assert found == expected


def test_abbreviations_short_forms_and_parents_of_a_department():
    text = ("沭阳县发展和改革局2023年政府信息公开工作年度报告\n"
            "本报告经沭阳县人民政府办公室同意，由县发改局办公室编制。如有疑问，请与县发展和改革局联系。\n"
            "一、总体情况\n略。\n六、其他需要报告的事项\n无。\n沭阳县发展和改革局\n2024年1月17日\n")
    assert named(text) == [("approver", "沭阳县人民政府办公室", "parent"), ("author", "县发改局办公室", "part"),
                           ("contact", "县发展和改革局", "self"), ("signer", "沭阳县发展和改革局", "self")]


def test_government_office_and_longer_place_speak_for_the_government():
    text = ("洪泽区人民政府\n2023 年政府信息公开工作年度报告\n本报告由淮安市洪泽区人民政府办公室根据有关规定编制。"
            "如对本报告有疑问，请与淮安市洪泽区政务公开办公室联系。\n一、总体情况\n略。\n")
    assert named(text) == [("author", "淮安市洪泽区人民政府办公室", "part"),
                           ("contact", "淮安市洪泽区政务公开办公室", "part")]


def test_sign_off_of_another_organ():
    text = HEAD + "一、总体情况\n略。\n七、其他需要报告的事项\n无。\n盐池县审批服务管理局\n2018年1月5日\n"
    assert named(text)[-1] == ("signer", "盐池县审批服务管理局", "other")


def test_same_kind_of_body_elsewhere_is_another_organ():
    body = body_of("中宁县审批服务管理局2020年政府信息公开工作年度报告\n一、总体情况\n略。\n")
    assert relation(body, "盐池县审批服务管理局", body_table()) == "other"
    assert relation(body, "中卫市审批服务管理局", body_table()) == "other"  # the city's bureau is not the county's
    assert relation(body, "县审批局", body_table()) == "self"
    assert relation(body, "中卫市人民政府", body_table()) == "parent"
    assert relation(body, "盐池县人民政府", body_table()) == "other"  # a county is never under a county


# -- generated reports: every body found, every organ named is the body, a part or a parent -------------

GENERATED = [make_report(20240901, index, defect_rate=0) for index in range(80)]


@pytest.mark.parametrize("report", GENERATED, ids=lambda report: str(report.index))
def test_generated_bodies(report):
    doc = Linter().lint_bytes(render(report, 1).encode("utf-8"), "r.txt").doc
    body = doc.body
    agency = report.agency
    assert body.name == agency.name
    expected_kind = ("government" if agency.kind == "gov" else
                     "government-office" if agency.name.endswith("人民政府办公室") else "department")
    assert body.kind == expected_kind
    level = {"city": "city", "county": "county", "town": "township"}[agency.level]
    if agency.area.endswith("市") and level == "county":
        level = "city"  # a county-level city (邵武市) reads as a city: no gazetteer
    assert body.level == level
    assert ("approval" in body.classes) == agency.approval
    assert all(organ.relation in ("self", "part", "parent") for organ in body.named), body.named


# -- the table of kinds --------------------------------------------------------------------------------

def test_body_table_is_read_once_and_checked():
    assert body_table() is body_table()
    assert body_table().classes["approval"].nonzero == (("licensing", "decisions"),)


@pytest.mark.parametrize("change,where", [
    ("colours: [red]", "unknown key 'colours'"),
    ("classes: {x: {names: [某局], nonzero: [[licensing, colour]], evidence: [], min_evidence: 0}}",
     "is not a [row, column] of table 2"),
    ("classes: {x: {names: [], nonzero: [], evidence: [], min_evidence: 0}}", "at least one word"),
])
def test_body_table_mistakes_are_errors_at_their_place(change, where):
    text = Path(__file__).resolve().parents[1].joinpath("grammar", "bodies.yaml").read_text(encoding="utf-8")
    key = change.split(":")[0]
    if key == "classes":
        text = text[:text.index("\nclasses:")] + "\n" + change + "\n"
    else:
        text += change + "\n"
    with pytest.raises(ConfigError) as error:
        build_body_table(load(text, "bodies.yaml", positions=True), "bodies.yaml")
    assert where in str(error.value.text("en"))


def test_rule_parameter_classes_are_checked():
    with pytest.raises(ValueError):
        build_body_classes({"x": {"names": ["某局"]}}, "")
    assert build_body_classes({"x": {"names": ["某局"], "nonzero": [], "evidence": [], "min_evidence": 0}}, "")["x"].names == ("某局",)


# -- the seeds ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("prefix,name,kind,classes", [
    ("000", "中卫市审批服务管理局", "department", ("approval",)),
    ("001", "中卫市政务服务中心", "department", ("government-services",)),
    ("002", "中宁县审批服务管理局", "department", ("approval",)),
    ("003", "中卫市沙坡头区", "government", ()),
    ("004", "盐池县审批服务管理局", "department", ("approval",)),
])
def test_seed_bodies(prefix, name, kind, classes):
    body = parse(Linter.read(str(seed(prefix)))).body
    assert (body.name, body.kind, body.classes) == (name, kind, classes)
