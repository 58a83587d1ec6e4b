"""Shared fixtures: the real reports in ../shared (read through copies) and a linter."""
from __future__ import annotations

import contextlib
import inspect
import shutil
import sys
from pathlib import Path

import pytest

from govlint.lint.linter import Linter, Options

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEEDS = sorted((SHARED / "seeds").glob("*.txt"))
CORPUS = sorted((SHARED / "corpus").glob("*.txt"))
EXAMPLES = REPO / "examples"
# The real reports live beside the checkout, not in it: without them, the tests that read them
# skip, all with this one reason (CI has them and runs every test).
HAVE_SHARED = bool(SEEDS and CORPUS)
NO_SHARED = f"needs the real reports in ../shared beside the checkout ({SHARED} is absent)"


def shared(paths: list) -> list:
    """Parameters for a test over real reports: the paths, or one skipped case saying why."""
    if HAVE_SHARED:
        return paths
    return [pytest.param(None, id="no-shared", marks=pytest.mark.skip(reason=NO_SHARED))]


def seed(prefix: str) -> Path:
    if not HAVE_SHARED:
        pytest.skip(NO_SHARED)
    return next(path for path in SEEDS if path.name.startswith(prefix))


def corpus(name: str) -> Path:
    if not HAVE_SHARED:
        pytest.skip(NO_SHARED)
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


def seen(linter: Linter, text: str, code: str) -> list[tuple[str, str, str]]:
    """One rule's diagnostics as users see them: (line:column, severity, message)."""
    result = linter.lint_bytes(text.encode("utf-8"), "r.txt")
    found = []
    for diagnostic in result.diagnostics:
        if diagnostic.code == code:
            where = diagnostic.location(result.source)
            found.append((f"{where['line']}:{where['column']}", diagnostic.severity, diagnostic.message))
    return found


def cli_runner():
    """A click CliRunner whose results have ``stdout`` (standard output alone), ``stderr`` and ``output``
    (both), the same on click 8.1 (the last release for Python 3.9, which mixes the streams by default)
    and on click 8.2 and later."""
    from click.testing import CliRunner, Result

    if "mix_stderr" not in inspect.signature(CliRunner.__init__).parameters:
        return CliRunner()

    class BothStreams(Result):
        @property
        def output(self) -> str:
            return self.stdout + self.stderr

    class Runner(CliRunner):
        @contextlib.contextmanager
        def isolation(self, *args, **kwargs):
            with super().isolation(*args, **kwargs) as streams:
                sys.stderr.reconfigure(write_through=True)  # click 8.1 reads stderr without flushing it
                yield streams

        def invoke(self, *args, **kwargs):
            result = super().invoke(*args, **kwargs)
            result.__class__ = BothStreams
            return result

    return Runner(mix_stderr=False)


# Tests that run an external program (Chromium, LibreOffice, the pre-commit tool) are marked
# ``external``: ``pytest -m "not external"`` is the fast inner loop.
EXTERNAL_FIXTURES = {"browser", "converted"}


def pytest_collection_modifyitems(config, items):
    for item in items:
        if EXTERNAL_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.external)


def lint_example(example, lang=None):
    """A rule pack's example linted as the rule's documentation says: its text (and year), and for a
    cross-document rule (packs/across.yaml) beside last year's report (``previous:``, as
    ``--previous`` does) or another body's (``other:``, as one run over both files)."""
    from govlint.lint.across import compare

    text, year = (example, None) if isinstance(example, str) else (example["text"], example.get("year"))
    beside = isinstance(example, dict) and ("previous" in example or "other" in example)
    linter = Linter(Options(report_year=year, lang=lang, pairing=beside))
    result = linter.lint_bytes(text.encode("utf-8"), "example.txt")
    if not beside:
        return result
    apart = Linter(Options(pairing=True))
    last = apart.lint_bytes(example["previous"].encode("utf-8"), "previous.txt") if example.get("previous") else None
    others = [apart.lint_bytes(example["other"].encode("utf-8"), "other.txt")] if example.get("other") else []
    return compare(linter, result, last, others)
