"""examples/: the clean draft is clean; each defects/ file shows its rule family."""
from __future__ import annotations

import pytest

from conftest import EXAMPLES, codes

FAMILIES = {
    "parse": {"GL003"},
    "structure": {"GL102", "GL104"},
    "citation": {"GL201", "GL203"},
    "table": {"GL303", "GL306"},
    "consistency": {"GL401", "GL404"},
    "publication": {"GL501", "GL503"},
    "content": {"GL601"},
    "wording": {"GL701", "GL702"},
}


def test_clean_draft_has_no_diagnostic_at_all(linter):
    result = linter.lint_path(str(EXAMPLES / "clean-2021.txt"))
    assert (result.doc.year, result.doc.format) == (2022, "2021")
    assert result.diagnostics == []


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_each_defect_file_shows_its_family(linter, family):
    result = linter.lint_path(str(EXAMPLES / "defects" / f"{family}.txt"))
    found = set(codes(result))
    assert FAMILIES[family] <= found
    assert all(d.family == family for d in result.diagnostics), [(d.code, d.family) for d in result.diagnostics]


def test_one_wrong_total_is_one_diagnostic(linter):
    """(七)总计 16 instead of 15 breaks three relations; only the first one is reported."""
    result = linter.lint_path(str(EXAMPLES / "defects" / "table.txt"))
    at_line_64 = [d.code for d in result.diagnostics if result.source.position(d.span.start)[0] == 64]
    assert at_line_64 == ["GL303"]
    assert "GL304" not in codes(result) and "GL305" not in codes(result)


def test_workflow_example_config_and_baseline(tmp_path):
    """examples/workflow: a team configuration whose baseline accepts today's defects."""
    import shutil

    from conftest import cli_runner
    from govlint.cli import cli

    folder = tmp_path / "workflow"
    shutil.copytree(EXAMPLES / "workflow", folder)
    result = cli_runner().invoke(cli, [str(folder)])
    assert result.exit_code == 0 and "基线已接受 3 个" in result.output
    draft = folder / "draft-2022.txt"
    draft.write_text(draft.read_text(encoding="utf-8").replace("邮编：751100，", ""), encoding="utf-8")
    result = cli_runner().invoke(cli, [str(folder)])
    assert result.exit_code == 0  # removing the postcode is no defect
    draft.write_text(draft.read_text(encoding="utf-8").replace("电话：0953-1234567，", ""), encoding="utf-8")
    result = cli_runner().invoke(cli, [str(folder)])
    assert result.exit_code == 1 and "GL502 error" in result.output  # raised to error by the config
