"""Every govlint command the README shows runs as shown: exit 0 or 1, never a usage error or a traceback."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import readers_support as support
from conftest import EXAMPLES, REPO

BIN = Path(sys.executable).parent


def readme_commands() -> list[tuple[int, list[str]]]:
    """The govlint command lines of each ```sh block (set-up lines such as .venv/bin/pip are CI's)."""
    blocks = re.findall(r"^```sh\n(.*?)^```", (REPO / "README.md").read_text(encoding="utf-8"), re.M | re.S)
    found = []
    for number, block in enumerate(blocks):
        lines = [re.sub(r"\s+#.*$", "", line).strip() for line in block.splitlines()]
        lines = [line for line in lines if re.match(r"(cat \S+ \| )?govlint\b", line)]
        if lines:
            found.append((number, lines))
    return found


@pytest.fixture
def workspace(tmp_path):
    """The files the README's commands name: a draft, folders of reports, a Word document."""
    shutil.copy(EXAMPLES / "defects" / "citation.txt", tmp_path / "draft.txt")
    shutil.copytree(EXAMPLES / "defects", tmp_path / "reports")
    shutil.copytree(EXAMPLES / "defects", tmp_path / "drafts")
    support.word_report((EXAMPLES / "clean-2021.txt").read_text(encoding="utf-8"), tmp_path / "other.docx")
    return tmp_path


def test_the_readme_shows_commands():
    assert sum(len(lines) for _, lines in readme_commands()) >= 15


@pytest.mark.parametrize("block,lines", readme_commands(), ids=lambda v: f"block{v}" if isinstance(v, int) else "")
def test_readme_commands_run_as_shown(workspace, block, lines):
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}", "NO_COLOR": "1"}
    for line in lines:
        done = subprocess.run(["bash", "-c", line], cwd=workspace, env=env, capture_output=True, text=True,
                              timeout=120)
        assert done.returncode in (0, 1), (line, done.returncode, done.stderr[-2000:])
        assert "Traceback" not in done.stderr and "Usage:" not in done.stderr, (line, done.stderr[-2000:])
