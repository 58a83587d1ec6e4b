"""GL807 missing-report (issue 11): with ``roster:`` in .govlint.yaml, every body of the roster without a
report for a year of the batch is listed at its name in the roster file (YAML or CSV); a bad roster is an
error at file:line:col (exit 2); every output format shows the roster like an input file; and on the
generated series (benchmarks/series.py) every GL807 injection is found, nothing on the clean series."""
from __future__ import annotations

import csv
import io
import json
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import cli_runner
from govlint.cli import cli

ROOT = Path(__file__).resolve().parents[1]
CLEAN = (ROOT / "examples" / "clean-2021.txt").read_text(encoding="utf-8")  # 某某县自然资源局, 2022
LAST = CLEAN.replace("2022", "2021")
OTHER = CLEAN.replace("某某县自然资源局", "某某县住房和城乡建设局")  # another body, 2022 only
ROSTER = """\
# bodies that must publish
- name: 某某县自然资源局
  kind: department
  parent: 某某县人民政府
- name: 某某县住房和城乡建设局
  kind: department
- 某某县教育局
"""


@pytest.fixture
def here(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _run(here, *args, roster=ROSTER, name="roster.yaml", files=None, config=None):
    files = files if files is not None else {"a2022.txt": CLEAN, "a2021.txt": LAST, "b2022.txt": OTHER}
    for file, text in files.items():
        (here / file).write_text(text, encoding="utf-8")
    if roster is not None:
        (here / name).write_text(roster, encoding="utf-8")
    (here / ".govlint.yaml").write_text(config if config is not None else f"roster: {name}\n", encoding="utf-8")
    paths = [arg for arg in args if arg.endswith(".txt")] or sorted(files)
    options = [arg for arg in args if not arg.endswith(".txt")]
    return cli_runner().invoke(cli, [*paths, "--select", "GL807", "--no-color", *options], catch_exceptions=False)


def _lines(result) -> list[str]:
    return [line for line in result.stdout.splitlines() if "GL807" in line]


def test_a_body_missing_one_year_and_a_body_missing_every_year(here):
    result = _run(here, "--format", "concise")
    assert result.exit_code == 0, result.output  # warnings
    assert _lines(result) == [
        "roster.yaml:5:9: GL807 [warning] 单位名单中的“某某县住房和城乡建设局”缺少 2021 年度的报告",
        "roster.yaml:7:3: GL807 [warning] 单位名单中的“某某县教育局”在本次检查中没有任何报告（检查的年度：2021、2022）",
    ]


def test_english_messages_name_the_missing_years(here):
    result = _run(here, "--format", "concise", "--lang", "en")
    assert _lines(result) == [
        "roster.yaml:5:9: GL807 [warning] \"某某县住房和城乡建设局\" on the roster has no report for 2021",
        "roster.yaml:7:3: GL807 [warning] \"某某县教育局\" on the roster has no report at all in this run "
        "(years checked: 2021, 2022)",
    ]


def test_every_body_with_every_year_is_silent(here):
    roster = "- name: 某某县自然资源局\n"
    result = _run(here, "--format", "concise", roster=roster, files={"a2022.txt": CLEAN, "a2021.txt": LAST})
    assert result.exit_code == 0 and _lines(result) == []


def test_a_csv_roster_with_a_header_row(here):
    roster = "name,kind,parent,level\n某某县自然资源局,department,某某县人民政府,county\n\n" \
             "\"某某县住房和城乡建设局\",department,某某县人民政府,county\n某某县教育局,部门,,\n"
    result = _run(here, "--format", "concise", roster=roster, name="roster.csv")
    assert _lines(result) == [
        "roster.csv:4:2: GL807 [warning] 单位名单中的“某某县住房和城乡建设局”缺少 2021 年度的报告",
        "roster.csv:5:1: GL807 [warning] 单位名单中的“某某县教育局”在本次检查中没有任何报告（检查的年度：2021、2022）",
    ]


def test_a_csv_roster_in_other_column_order_with_other_columns(here):
    roster = "联系人,类型,名称\n张三,department,某某县住房和城乡建设局\n"
    result = _run(here, "--format", "concise", roster=roster, name="roster.csv")
    assert _lines(result) == ["roster.csv:2:15: GL807 [warning] 单位名单中的“某某县住房和城乡建设局”缺少 2021 年度的报告"]


def test_a_renamed_body_is_found_through_aliases(here):
    renamed = LAST.replace("某某县自然资源局", "某某县国土资源局")
    files = {"a2022.txt": CLEAN, "a2021.txt": renamed}
    roster = "- name: 某某县自然资源局\n"
    result = _run(here, "--format", "concise", roster=roster, files=files)
    assert _lines(result) == ["roster.yaml:1:9: GL807 [warning] 单位名单中的“某某县自然资源局”缺少 2021 年度的报告"]
    config = "roster: roster.yaml\naliases:\n  某某县国土资源局: 某某县自然资源局\n"
    result = _run(here, "--format", "concise", roster=roster, files=files, config=config)
    assert _lines(result) == [], result.output


def test_a_government_is_found_by_its_place_alone(here):
    """A title may name a government by its place alone (某某县2022年…): that is the roster's 某某县人民政府."""
    government = CLEAN.replace("某某县自然资源局2022年", "某某县2022年", 1)
    roster = "- name: 某某县人民政府\n  kind: government\n"
    result = _run(here, "--format", "concise", roster=roster, files={"g.txt": government})
    assert _lines(result) == [], result.output


def test_a_body_not_on_the_roster_is_a_note_not_a_diagnostic(here):
    roster = "- name: 某某县自然资源局\n"
    result = _run(here, "--format", "concise", roster=roster)
    assert _lines(result) == [] and result.exit_code == 0
    assert "roster.yaml：本次检查中有 1 个单位不在单位名单中：某某县住房和城乡建设局" in result.stderr


def test_a_single_report_is_checked_against_the_roster(here):
    result = _run(here, "a2022.txt", "--format", "concise")
    assert [line.split(": GL807")[0] for line in _lines(result)] == ["roster.yaml:5:9", "roster.yaml:7:3"]


def test_no_pairing_turns_the_roster_off_too(here):
    assert _lines(_run(here, "--format", "concise", "--no-pairing")) == []


def test_worker_processes_give_the_same_output(here):
    one = _run(here, "--format", "json", "-j", "1")
    two = _run(here, "--format", "json", "-j", "2")
    assert one.stdout == two.stdout and "GL807" in one.stdout


def test_the_severity_and_the_selection_of_the_configuration_apply(here):
    config = "roster: roster.yaml\nseverity: {GL807: error}\n"
    result = _run(here, "--format", "concise", config=config)
    assert result.exit_code == 1 and "GL807 [error]" in result.stdout
    result = _run(here, "--format", "concise", "--ignore", "GL807")
    assert _lines(result) == []


@pytest.mark.parametrize("name,roster,where,message", [
    ("roster.yaml", "- name: 甲局\n  kind: [\n", "roster.yaml:3:1", "YAML 格式有误"),
    ("roster.yaml", "- name: 甲局\n- kind: department\n", "roster.yaml:2:3", "单位没有名称"),
    ("roster.yaml", "- name: 甲局\n- 乙局\n- name: 甲 局\n", "roster.yaml:3:9", "“甲 局”重复列出（第一次在第 1 行）"),
    ("roster.yaml", "- name: 甲局\n  kind: bureau\n", "roster.yaml:2:9", "未知的单位类型 'bureau'"),
    ("roster.yaml", "- name: 甲局\n  parnet: x\n", "roster.yaml:2:3", "未知的键 'parnet'"),
    ("roster.yaml", "- [甲局]\n", "roster.yaml:1:3", "名单中的每个单位应为名称"),
    ("roster.yaml", "bodies: [甲局]\n", "roster.yaml:1:1", "单位名单应为单位的列表"),
    ("roster.yaml", "# nothing yet\n", "roster.yaml:1:1", "单位名单中没有任何单位"),
    ("roster.csv", "name,kind\n甲局,department\n,department\n", "roster.csv:3:1", "单位没有名称（名称一列为空）"),
    ("roster.csv", "单位,备注\n甲局,x\n乙局,y\n甲局,z\n", "roster.csv:4:1", "“甲局”重复列出（第一次在第 2 行）"),
    ("roster.csv", "foo,bar\n甲局,x\n", "roster.csv:1:1", "第一行应为表头"),
])
def test_a_bad_roster_is_an_error_at_its_line(here, name, roster, where, message):
    result = _run(here, "--format", "concise", roster=roster, name=name)
    assert result.exit_code == 2, result.output
    assert f"{where}: " in result.stderr and message in result.stderr, result.stderr
    assert "Traceback" not in result.output


def test_a_missing_roster_or_a_roster_that_is_no_path_is_an_error_at_the_setting(here):
    result = _run(here, roster=None, config="roster: nowhere.yaml\n")
    assert result.exit_code == 2 and ".govlint.yaml:1:9: 找不到单位名单：nowhere.yaml" in result.stderr
    result = _run(here, roster=None, config="roster: [a]\n", *["--lang", "en"])
    assert result.exit_code == 2 and "'roster' must be the path of a YAML or CSV list of bodies" in result.stderr


def test_a_roster_that_is_not_utf8_is_an_error(here):
    (here / "roster.csv").write_bytes("name\n甲局\n".encode("gbk"))
    result = _run(here, roster=None, config="roster: roster.csv\n")
    assert result.exit_code == 2 and "roster.csv:2:1:" in result.stderr and "UTF-8" in result.stderr


def test_every_output_format_shows_the_roster_like_an_input_file(here):
    def out(fmt):
        result = _run(here, "--format", fmt)
        assert result.exit_code == 0, result.output
        return result.stdout

    lines = [json.loads(line) for line in out("json-lines").splitlines()]
    assert [(d["path"], d["line"], d["column"]) for d in lines if d["code"] == "GL807"] == [
        ("roster.yaml", 5, 9), ("roster.yaml", 7, 3)]
    document = json.loads(out("json"))
    roster = [f for f in document["cross"] if f["path"] == "roster.yaml"]
    assert [(d["line"], d["column"], d["end_column"]) for d in roster[0]["diagnostics"]] == [(5, 9, 20), (7, 3, 9)]
    sarif = json.loads(out("sarif"))
    regions = [(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
                r["locations"][0]["physicalLocation"]["region"]["startLine"])
               for r in sarif["runs"][0]["results"] if r["ruleId"] == "GL807"]
    assert regions == [("roster.yaml", 5), ("roster.yaml", 7)]
    rows = list(csv.reader(io.StringIO(out("csv").lstrip("\ufeff"))))
    assert [(row[0], row[4], row[6], row[7]) for row in rows[1:] if row[4] == "GL807"] == [
        ("roster.yaml", "GL807", "5", "9"), ("roster.yaml", "GL807", "7", "3")]
    junit = ET.fromstring(out("junit"))
    assert [suite.get("name") for suite in junit.iter("testsuite") if "GL807" in ET.tostring(suite, "unicode")] == [
        "roster.yaml"]
    text = out("text")
    assert "roster.yaml:5:9: GL807" in text and "  5 | - name: 某某县住房和城乡建设局" in text
    assert "::warning file=roster.yaml,line=5,col=9" in out("github")


# -- generated series (benchmarks/series.py) -----------------------------------------------------------

sys.path.insert(0, str(ROOT / "benchmarks"))
import series  # noqa: E402  (benchmarks/series.py)

SEED, BODIES, YEARS = 11, 12, [2022, 2023, 2024]


def _series_run(directory: Path) -> list:
    runner = cli_runner()
    result = runner.invoke(cli, [str(directory), "--select", "GL807", "--format", "json-lines", "-j", "1",
                                 "--exit-zero"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


@pytest.mark.parametrize("inject", [False, True])
def test_every_injected_missing_report_is_found_and_nothing_on_the_clean_series(tmp_path, inject):
    out = tmp_path / "series"
    manifest = series.generate_series(str(out), BODIES, YEARS, SEED, inject=inject, per_code=2)
    (out / ".govlint.yaml").write_text("roster: roster.yaml\n", encoding="utf-8")
    found = [d for d in _series_run(out) if d["code"] == "GL807"]
    injected = [place for place in manifest["injections"] if place["code"] == "GL807"]
    assert bool(injected) == inject
    assert all(Path(d["path"]).name == "roster.yaml" for d in found)
    assert sorted(d["line"] for d in found) == sorted(place["lines"][0] for place in injected)
    for place in injected:  # the missing years are in the message
        message = next(d["message"] for d in found if d["line"] == place["lines"][0])
        assert all(str(year) in message for year in place["notes"].get("missing", [place["year"]])), message


def test_every_injected_hierarchy_is_found_and_nothing_on_the_clean_series(tmp_path):
    # 60 bodies: three families, each a county government whose tables are its children's sums
    for inject in (False, True):
        out = tmp_path / f"series-{inject}"
        manifest = series.generate_series(str(out), 60, [2023, 2024], SEED, inject=inject, per_code=3)
        (out / ".govlint.yaml").write_text("roster: roster.yaml\n", encoding="utf-8")
        found = [d for d in _series_run(out) if d["code"] == "GL807" and "称其数据包括下属单位" in d["message"]]
        injected = [place for place in manifest["injections"] if place["notes"].get("hierarchy")]
        assert len(manifest["families"]) == 3 and len(injected) == (3 if inject else 0)
        assert sorted(d["line"] for d in found) == sorted(place["lines"][0] for place in injected)
        for place in injected:
            message = next(d["message"] for d in found if d["line"] == place["lines"][0])
            assert f"{place['year']} 年度报告" in message and ("表四“行政复议”组“结果维持”列" in message
                                                             or "表三“一、本年新收" in message), message


# -- the hierarchy: a parent that says it aggregates its children's figures --------------------------------

HIERARCHY = """\
- name: 某某县人民政府
  kind: government
- name: 某某县自然资源局
  kind: department
  parent: 某某县人民政府
- name: 某某县住房和城乡建设局
  kind: department
  parent: 某某县人民政府
"""
AGGREGATES = "本报告所列数据包括县政府各部门。"


def _doubled_tables(text: str) -> str:
    """The report with every number of table 3 and table 4 doubled (its children: two reports of these
    tables), its prose left as it is."""
    lines = text.split("\n")
    table3 = next(at for at, line in enumerate(lines) if line.startswith("三、收到和处理"))
    section5 = next(at for at, line in enumerate(lines) if line.startswith("五、"))
    for at in range(table3, section5):
        lines[at] = re.sub(r"(?:(?<=\t)|^)\d+(?=\t|$)", lambda match: str(2 * int(match.group())), lines[at])
    return "\n".join(lines)


def _parent(text: str = CLEAN, says: bool = True) -> str:
    parent = _doubled_tables(text).replace("某某县自然资源局", "某某县人民政府")
    if says:  # the sentence ends the preamble (the paragraph after the title)
        lines = parent.split("\n")
        lines[2] += AGGREGATES
        parent = "\n".join(lines)
    return parent


def _hierarchy(here, files, config=None):
    result = _run(here, "--format", "concise", "--lang", "en", roster=HIERARCHY, files=files, config=config)
    assert result.exit_code in (0, 1), result.output
    return _lines(result)


def test_a_parent_whose_tables_are_its_childrens_sum_is_silent(here):
    assert "本报告所列数据包括县政府各部门。" in _parent().split("\n")[2]
    exact = "roster: roster.yaml\nrules:\n  GL807:\n    params: {hierarchy_exact: true}\n"
    assert _hierarchy(here, {"parent.txt": _parent(), "a.txt": CLEAN, "b.txt": OTHER}) == []
    assert _hierarchy(here, {"parent.txt": _parent(), "a.txt": CLEAN, "b.txt": OTHER}, config=exact) == []


LESS = ("\n2\t0\t0\t0\t2\t", "\n1\t0\t0\t0\t1\t")  # the parent's table 4 行政复议 维持 and 总计: 2 → 1
MORE = ("\n2\t0\t0\t0\t2\t", "\n3\t0\t0\t0\t3\t")  # … 2 → 3


def test_a_parent_that_states_less_than_its_childrens_sum_is_told_once_at_its_roster_name(here):
    parent = _parent().replace(*LESS)
    assert parent != _parent()
    found = _hierarchy(here, {"parent.txt": parent, "a.txt": CLEAN, "b.txt": OTHER})
    assert len(found) == 1
    assert found[0].startswith("roster.yaml:1:9: GL807 [warning] the 2022 report of \"某某县人民政府\" (parent.txt) "
                               "says its figures include its subordinate bodies', but table 4, group ")
    assert found[0].endswith("is 1 where the reports of its 2 children on the roster sum to 2 (1 other cells do too)")


def test_a_parent_that_states_more_is_told_only_when_asked_for_equality(here):
    # more than the children's sum may be the parent's own work, or bodies the roster leaves out
    files = {"parent.txt": _parent().replace(*MORE), "a.txt": CLEAN, "b.txt": OTHER}
    assert _hierarchy(here, files) == []
    exact = "roster: roster.yaml\nrules:\n  GL807:\n    params: {hierarchy_exact: true}\n"
    found = _hierarchy(here, files, config=exact)
    assert len(found) == 1
    assert found[0].endswith("is 3 where the reports of its 2 children on the roster sum to 2 (1 other cells do too)")


def test_the_hierarchy_says_nothing_when_it_cannot_be_decided(here):
    parent = _parent().replace(*LESS)
    # the parent does not say it aggregates: its tables may be its own work only
    assert _hierarchy(here, {"parent.txt": _parent(says=False).replace(*LESS), "a.txt": CLEAN, "b.txt": OTHER}) == []
    # a child without a report: the sum is unknown (the child's missing report is GL807's usual finding)
    assert [line for line in _hierarchy(here, {"parent.txt": parent, "a.txt": CLEAN}) if "children" in line] == []
    # turned off
    config = "roster: roster.yaml\nrules:\n  GL807:\n    params: {hierarchy: false}\n"
    assert _hierarchy(here, {"parent.txt": parent, "a.txt": CLEAN, "b.txt": OTHER}, config=config) == []


@pytest.mark.parametrize("sentence", ["本报告所列数据不包括县政府各部门。", "本报告数据仅为县政府本级，不含各部门。",
                                      "据统计，全年共主动公开政府信息5230条，含各部门发布信息3100条。"])
def test_a_sentence_that_does_not_say_it_aggregates_is_no_hierarchy(here, sentence):
    lines = _parent(says=False).replace(*LESS).split("\n")
    lines[2] += sentence
    assert _hierarchy(here, {"parent.txt": "\n".join(lines), "a.txt": CLEAN, "b.txt": OTHER}) == []


def _hierarchy_run(here, files, roster, config):
    for name, text in files.items():
        (here / name).write_text(text, encoding="utf-8")
    (here / "roster.yaml").write_text(roster, encoding="utf-8")
    (here / ".govlint.yaml").write_text(config, encoding="utf-8")
    result = cli_runner().invoke(cli, [*sorted(files), "--select", "GL807", "--no-color", "--format", "concise"],
                                 catch_exceptions=False)
    return _lines(result)


def test_the_hierarchy_reads_table_4_by_its_groups_and_counts_a_child_once(here):
    # a child writes table 4 as labelled rows in another order; another is on the roster under two names
    # that aliases: makes one: the sums are right, nothing is told even asking for equality
    table4 = next(line for line in CLEAN.split("\n") if line.startswith("1\t0\t0\t0\t1\t0"))
    labelled = CLEAN.replace(table4, "复议后起诉\t0\t0\t0\t0\t0\n行政复议\t1\t0\t0\t0\t1\n未经复议直接起诉\t0\t0\t0\t0\t0")
    roster = HIERARCHY + "- name: 某某县自然资源和规划局\n  kind: department\n  parent: 某某县人民政府\n"
    config = ("roster: roster.yaml\naliases:\n  某某县自然资源和规划局: 某某县自然资源局\n"
              "rules:\n  GL807:\n    params: {hierarchy_exact: true}\n")
    files = {"parent.txt": _parent(), "a.txt": labelled, "b.txt": OTHER}
    assert _hierarchy_run(here, files, roster, config) == []
    files["parent.txt"] = _parent().replace(*LESS)  # the check did run: one cell less is told
    found = _hierarchy_run(here, files, roster, config)
    assert len(found) == 1 and "名单中 2 个下属单位的报告之和为 2" in found[0], found


def test_a_parent_written_by_its_place_alone_is_found(here):
    roster = HIERARCHY.replace("parent: 某某县人民政府", "parent: 某某县")
    files = {"parent.txt": _parent().replace(*LESS), "a.txt": CLEAN, "b.txt": OTHER}
    found = _hierarchy_run(here, files, roster, "roster: roster.yaml\n")
    assert len(found) == 1 and found[0].startswith("roster.yaml:1:9: GL807"), found


def test_a_bad_aggregate_phrase_is_a_configuration_error(here):
    config = "roster: roster.yaml\nrules:\n  GL807:\n    params: {aggregate_phrases: [\"(\"]}\n"
    result = _run(here, "--format", "concise", roster=HIERARCHY, config=config,
                  files={"parent.txt": _parent(), "a.txt": CLEAN, "b.txt": OTHER})
    assert result.exit_code == 2, result.output
    assert ".govlint.yaml:" in result.output and "aggregate_phrases" in result.output
    assert "Traceback" not in result.output and "内部错误" not in result.output


def test_only_a_roster_with_parents_makes_the_reports_keep_their_tables(here):
    # GL807 extracts the tables only for a run whose roster names parents: no cost to pairing otherwise
    from govlint.lint.linter import Linter, Options

    kept = {}
    for name, roster in (("none", None), ("flat", "- 某某县自然资源局\n"), ("parents", HIERARCHY)):
        folder = here / name
        folder.mkdir()
        if roster is not None:
            (folder / "roster.yaml").write_text(roster, encoding="utf-8")
            (folder / ".govlint.yaml").write_text("roster: roster.yaml\n", encoding="utf-8")
        (folder / "a.txt").write_text(CLEAN, encoding="utf-8")
        result = Linter(Options(pairing=True)).lint_path(str(folder / "a.txt"))
        kept[name] = "missing-report" in result.fingerprint.facts
    assert kept == {"none": False, "flat": False, "parents": True}
