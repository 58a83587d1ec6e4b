"""Every output format has a test that validates its structure."""
from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest


from conftest import EXAMPLES, cli_runner
from govlint.cli import cli
from govlint.lint.linter import Linter, Options
from govlint.output import Formatter, get, names

FILES = [str(EXAMPLES / "clean-2021.txt"), str(EXAMPLES / "defects" / "table.txt"),
         str(EXAMPLES / "defects" / "citation.txt")]
SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-2.1.0-subset.schema.json").read_text(encoding="utf-8"))


def run(*args):
    result = cli_runner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout


def test_sarif_validates_against_the_schema_and_lists_every_rule(tmp_path):
    binary = tmp_path / "scan.txt"
    binary.write_bytes(b"\x00" * 64)
    code, out = run(*FILES, str(binary), "--format", "sarif")
    document = json.loads(out)
    jsonschema.validate(document, SCHEMA, format_checker=jsonschema.FormatChecker())
    run_ = document["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    codes = {rule.code for rule in Linter(Options()).all_rules()}
    assert len(codes) >= 29 and len({r["id"] for r in rules}) == len(rules) == len(codes)  # one per code
    # (GL102 has two packs: still one entry)
    gl303 = next(r for r in rules if r["id"] == "GL303")
    assert gl303["name"] == "row-total" and gl303["defaultConfiguration"]["level"] == "error"
    assert "总计" in gl303["fullDescription"]["text"]
    result = next(r for r in run_["results"] if r["ruleId"] == "GL303")
    assert rules[result["ruleIndex"]]["id"] == "GL303"
    assert result["locations"][0]["physicalLocation"]["region"]["startLine"] == 64
    fix = next(r for r in run_["results"] if r["ruleId"] == "GL201")["fixes"][0]
    assert fix["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"] == "国办公开办函〔2021〕30号"
    assert run_["columnKind"] == "unicodeCodePoints"
    assert run_["invocations"][0]["toolExecutionNotifications"][0]["level"] == "error"


def test_sarif_schema_rejects_what_is_not_sarif():
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"version": "2.1.0", "runs": [{"tool": {"driver": {}}}]}, SCHEMA)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"version": "2.0", "runs": []}, SCHEMA)


def test_github_annotations():
    code, out = run(*FILES, "--format", "github")
    lines = out.splitlines()
    assert lines and all(line.startswith(("::error ", "::warning ", "::notice ")) for line in lines)
    line = next(l for l in lines if "GL201" in l)
    assert line.startswith(f"::error file={FILES[2]},line=3,col=82,endLine=3,endColumn=97,title=GL201 notice-year-mismatch::")
    assert "%0A" not in line.split("::", 2)[1]


def test_junit_xml():
    code, out = run(*FILES, "--format", "junit")
    root = ET.fromstring(out.encode("utf-8"))
    assert root.tag == "testsuites" and root.get("name") == "govlint"
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == FILES
    clean, table, citation = suites
    assert clean.get("failures") == "0" and clean.find("testcase").get("name") == "govlint"
    failing = [c for c in table.findall("testcase") if c.find("failure") is not None]
    assert {c.get("name") for c in failing} == {"GL303 row-total"}  # the “—” is a blank: a warning
    assert int(root.get("failures")) == sum(int(s.get("failures")) for s in suites) == 2
    info_only = [c for c in citation.findall("testcase") if c.get("name").startswith("GL203")]
    assert info_only and info_only[0].find("failure") is None and info_only[0].find("system-out") is not None


def test_json_lines():
    code, out = run(*FILES, "--format", "json-lines")
    items = [json.loads(line) for line in out.splitlines()]
    assert items and all({"path", "code", "severity", "message", "line", "column"} <= set(i) for i in items)
    assert {i["path"] for i in items} == set(FILES[1:])


def test_concise():
    code, out = run(*FILES, "--format", "concise")
    lines = out.splitlines()
    assert f"{FILES[2]}:3:82: GL201 [error] " in lines[-3] or any(l.startswith(f"{FILES[2]}:3:82: GL201 [error]")
                                                                   for l in lines)
    assert lines[-1].startswith("检查了 3 个文件")
    assert not any(l.startswith("  ") for l in lines)  # one line per diagnostic, no excerpts


def test_statistics_counts_per_rule():
    code, out = run(*FILES, "--statistics", "-q")
    assert "    2  GL303  error    row-total" in out and "    1  GL201  error    notice-year-mismatch" in out


def test_every_format_is_a_formatter_and_the_help_names_each():
    """Formats are discovered (one module each); --format's help is written by hand, so it is checked."""
    for name in names():
        assert issubclass(get(name), Formatter) and get(name).name == name
    shown = " ".join(cli_runner().invoke(cli, ["check", "--help"]).output.split())
    listed = re.search(r"--format TEXT Output: (.+?)\. ", shown).group(1)
    assert sorted(re.split(r", | or ", listed)) == names(), "name every format in --format's help (linter/cli.py)"



@pytest.mark.parametrize("where, zh, en", [
    ({}, "", ""),
    ({"page": 3}, "（第 3 页）", " (page 3)"),
    ({"table": 2, "row": 5, "column": 3}, "（表格 2 第 5 行第 3 列）", " (table 2 row 5 column 3)"),
    ({"row": 5, "column": 3}, "（第 5 行第 3 列）", " (row 5 column 3)"),  # a grid a reader gave no table number
    ({"sheet": "A"}, "（sheet A）", " (sheet A)"),                          # a reader's own key
])
def test_where_a_diagnostic_is_in_the_original_document(where, zh, en):
    from govlint.output.text import describe_location

    assert describe_location(where, "zh") == zh and describe_location(where, "en") == en
