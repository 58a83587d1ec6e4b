"""The README is kept true: its rule table is the packs' table; its commands exist."""
from __future__ import annotations

import re


from pathlib import Path

from conftest import REPO, cli_runner
from govlint.cli import cli


def test_readme_rule_table_matches_the_rule_packs():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    table = re.search(r"<!-- rules:start -->\n(.*?)<!-- rules:end -->", readme, re.S).group(1)
    generated = cli_runner().invoke(cli, ["rules", "--format", "markdown"]).output
    assert table == generated, "regenerate it with: .ci/regenerate-docs"


def test_readme_example_output_is_what_govlint_prints():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```\n\$ govlint (.*?)\n(.*?)```", readme, re.S)
    args, expected = block.group(1).split(), block.group(2)
    import os
    old = os.getcwd()
    os.chdir(REPO)
    try:
        output = cli_runner().invoke(cli, [*args, "--no-color"]).output
    finally:
        os.chdir(old)
    assert output == expected


def test_rule_reference_matches_the_rule_packs():
    reference = (REPO / "docs" / "rules.md").read_text(encoding="utf-8")
    generated = cli_runner().invoke(cli, ["rules", "--format", "reference"]).output
    assert reference == generated, "regenerate it with: .ci/regenerate-docs"


def test_fixable_rules_say_so_in_the_docs():
    """A rule with a fix for any of its cases is fixable (GL204 fixes a wrong issuer code, GL308 an old
    row label): its page, the rule list and the README table say so."""
    from govlint.output.reference import rule_page
    from govlint.lint.linter import Linter, Options

    for rule in Linter(Options()).all_rules():
        has_fix = rule.fix is not None or any(spec.get("fix") for spec in rule.cases.values())
        assert rule.fixable == has_fix, rule.code
        page = rule_page(rule.code, None, "en")
        assert ("Fix: none" in page) != has_fix, rule.code
    for code in ("GL204", "GL308"):
        assert "Fix: yes" in rule_page(code, None, "en")


def test_the_readme_lists_the_suffixes_a_folder_is_searched_for():
    """The README says twice which files a folder holds that govlint checks: both lists are the readers'."""
    from govlint.source.readers import report_suffixes

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    checked = re.search(r"In a folder govlint checks every (.+?) file below it", readme, re.S).group(1)
    directory = re.search(r"A directory means every `(.+?)` file below it", readme, re.S).group(1)
    assert sorted(re.findall(r"\.\w+", checked)) == sorted(report_suffixes())
    assert sorted(directory.split()) == sorted(report_suffixes())


def test_a_mistake_in_a_built_in_pack_points_at_the_file_to_edit():
    from govlint.rules.loader import builtin_rules

    for rule in builtin_rules():
        assert Path(rule.source).is_file() and Path(rule.source).parent.name == "packs", rule.source


def test_govlint_kinds_lists_the_fields_a_message_may_name():
    out = cli_runner().invoke(cli, ["kinds"]).output
    block = out.split("cell-relation:")[1].split("\n")
    assert any(line.strip().startswith("fields:") and "{expected}" in line for line in block[:6]), out
