"""Baselines, govlint init, the generated rule reference, and the pre-commit hooks with the real tool."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest


from conftest import EXAMPLES, REPO, cli_runner
from govlint.cli import cli

GOVLINT = str(Path(sys.executable).with_name("govlint"))
TABLE = (EXAMPLES / "defects" / "table.txt").read_text(encoding="utf-8")


def run(*args, cwd=None):
    old = os.getcwd()
    if cwd:
        os.chdir(cwd)
    try:
        result = cli_runner().invoke(cli, list(args), catch_exceptions=False)
    finally:
        os.chdir(old)
    return result.exit_code, result.output


def test_baseline_reports_only_new_diagnostics(tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_text(TABLE, encoding="utf-8")
    code, out = run(str(draft), "--write-baseline", str(tmp_path / "baseline.json"))
    assert code == 0 and "已将 1 个文件的 3 个问题写入基线文件" in out
    entries = json.loads((tmp_path / "baseline.json").read_text(encoding="utf-8"))["files"]["draft.txt"]
    assert {e["code"] for e in entries} == {"GL303", "GL306"}   # every entry names its rule
    code, out = run(str(draft), "--baseline", str(tmp_path / "baseline.json"))
    assert code == 0 and "基线已接受 3 个" in out
    # Lines moving does not matter; a new defect is reported.
    draft.write_text("\n\n" + TABLE.replace("2022年共收到政府信息公开申请15件", "2022年共收到政府信息公开申请17件"),
                     encoding="utf-8")
    code, out = run(str(draft), "--baseline", str(tmp_path / "baseline.json"))
    assert code == 1 and "GL401" in out and "GL303" not in out


def test_baseline_from_the_configuration(tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_text(TABLE, encoding="utf-8")
    run(str(draft), "--write-baseline", str(tmp_path / "govlint-baseline.json"))
    (tmp_path / ".govlint.yaml").write_text("baseline: govlint-baseline.json\n", encoding="utf-8")
    assert run(str(draft))[0] == 0
    (tmp_path / ".govlint.yaml").write_text("baseline: missing.json\n", encoding="utf-8")
    code, out = run(str(draft), "--lang", "en")
    assert code == 2 and ".govlint.yaml:1:11: baseline not found" in out


def test_a_per_file_ignore_must_name_its_rules(tmp_path):
    (tmp_path / ".govlint.yaml").write_text("per-file-ignores:\n  '*.txt': []\n", encoding="utf-8")
    draft = tmp_path / "draft.txt"
    draft.write_text(TABLE, encoding="utf-8")
    code, out = run(str(draft), "--lang", "en")
    assert code == 2 and "must name the rules it ignores" in out


def test_init_writes_a_commented_configuration(tmp_path):
    code, out = run("init", str(tmp_path))
    text = (tmp_path / ".govlint.yaml").read_text(encoding="utf-8")
    assert code == 0 and "# select: [ALL]" in text and "#   GL303  row-total" in text
    assert run("init", str(tmp_path))[0] == 2            # never overwrites silently
    assert run("init", str(tmp_path), "--force")[0] == 0
    draft = tmp_path / "draft.txt"
    draft.write_text(TABLE, encoding="utf-8")
    assert run(str(draft))[0] == 1                        # the commented file changes nothing


def test_generated_rule_reference_is_up_to_date():
    generated = cli_runner().invoke(cli, ["rules", "--format", "reference"]).output
    assert (REPO / "docs" / "rules.md").read_text(encoding="utf-8") == generated, \
        "regenerate with: .ci/regenerate-docs"
    assert "## GL303 row-total" in generated and "### 不符合的示例" in generated


def _git(cwd, *args):
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True,
                          env={**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
                               "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"})


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
@pytest.mark.external
def test_pre_commit_hook_blocks_a_bad_draft(tmp_path):
    pre_commit = Path(sys.executable).with_name("pre-commit")
    if not pre_commit.exists():
        pytest.skip("pre-commit is not installed (pip install '.[test]')")
    # The hook repository: a snapshot of this working tree committed to a scratch git repository
    # (pre-commit clones a repository at a revision and pip-installs it).
    hooks = tmp_path / "govlint-repo"
    shutil.copytree(REPO, hooks, ignore=shutil.ignore_patterns(".git", ".venv", "__pycache__", "*.egg-info",
                                                                 "build", "dist", ".pytest_cache", "tests"))
    _git(hooks, "init", "-q")
    _git(hooks, "add", "-A")
    _git(hooks, "commit", "-qm", "snapshot")
    head = _git(hooks, "rev-parse", "HEAD").stdout.strip()
    assert head
    REPO_URL = hooks
    work = tmp_path / "drafts"
    work.mkdir()
    _git(work, "init", "-q")
    (work / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {REPO_URL}\n    rev: {head}\n    hooks:\n      - id: govlint\n", encoding="utf-8")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache")}
    installed = subprocess.run([str(pre_commit), "install"], cwd=work, capture_output=True, text=True, env=env)
    assert installed.returncode == 0, installed.stderr
    shutil.copy(EXAMPLES / "clean-2021.txt", work / "good.txt")
    _git(work, "add", ".pre-commit-config.yaml", "good.txt")
    commit = subprocess.run(["git", "commit", "-qm", "good draft"], cwd=work, capture_output=True, text=True,
                            env={**env, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
                                 "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"})
    assert commit.returncode == 0, commit.stdout + commit.stderr
    # A README (excluded by default) and notes that are no report (GL001, info) do not block a commit.
    (work / "README.md").write_text("# 报告草稿\n每个单位一个文件夹，提交前请先运行检查。\n", encoding="utf-8")
    (work / "notes.md").write_text("会议纪要\n下周二讨论排版。\n", encoding="utf-8")
    _git(work, "add", "README.md", "notes.md")
    commit = subprocess.run(["git", "commit", "-qm", "readme"], cwd=work, capture_output=True, text=True,
                            env={**env, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
                                 "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"})
    assert commit.returncode == 0, commit.stdout + commit.stderr
    shutil.copy(EXAMPLES / "defects" / "table.txt", work / "bad.txt")
    _git(work, "add", "bad.txt")
    commit = subprocess.run(["git", "commit", "-qm", "bad draft"], cwd=work, capture_output=True, text=True,
                            env={**env, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
                                 "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"})
    assert commit.returncode != 0
    assert "GL303" in commit.stdout + commit.stderr
    log = _git(work, "log", "--oneline").stdout
    assert "good draft" in log and "bad draft" not in log
