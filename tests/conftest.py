"""Shared fixtures: the real reports in ../shared (read through copies) and a linter."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from govlint.engine import Linter, Options

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEEDS = sorted((SHARED / "seeds").glob("*.txt"))
CORPUS = sorted((SHARED / "corpus").glob("*.txt"))
EXAMPLES = REPO / "examples"


def seed(prefix: str) -> Path:
    return next(path for path in SEEDS if path.name.startswith(prefix))


def corpus(name: str) -> Path:
    return SHARED / "corpus" / name


@pytest.fixture(scope="session")
def linter() -> Linter:
    return Linter(Options())


@pytest.fixture
def copy_of(tmp_path):
    """Copy a shared report into tmp_path (the shared files are never touched)."""
    def make(path: Path) -> Path:
        target = tmp_path / path.name
        shutil.copyfile(path, target)
        return target
    return make


def lint_text(linter: Linter, text: str, year: int | None = None, path: str = "snippet.txt"):
    if year is not None:
        linter = Linter(Options(report_year=year))
    return linter.lint_bytes(text.encode("utf-8"), path)


def codes(result) -> list[str]:
    return [d.code for d in result.diagnostics]
