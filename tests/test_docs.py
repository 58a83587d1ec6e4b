"""The README is kept true: its rule table is the packs' table; its commands exist."""
from __future__ import annotations

import re


from conftest import REPO, cli_runner
from govlint.cli import cli


def test_readme_rule_table_matches_the_rule_packs():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    table = re.search(r"<!-- rules:start -->\n(.*?)<!-- rules:end -->", readme, re.S).group(1)
    generated = cli_runner().invoke(cli, ["rules", "--format", "markdown"]).output
    assert table == generated, "regenerate the table with: govlint rules --format markdown"


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
