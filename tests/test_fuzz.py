"""Fuzz: mutated reports never give a traceback, an internal error, an unclean message or a hang, and
the CLI's machine formats stay valid with exit status 0, 1 or 2.

The mutations are benchmarks/mutate.py's (deleted, duplicated and shuffled lines, digit and punctuation
runs, control characters, line separators, headings, table separators, very long lines, encodings, byte
flips ...); Hypothesis chooses the report, the operators, the seed, the encoding and the byte damage,
derandomized so every run tries the same mutants.  About 15 s in all; for a longer run:

    GOVLINT_FUZZ_EXAMPLES=2000 pytest tests/test_fuzz.py     # examples per property (default 150)

and for a much longer one, benchmarks/fuzz.py (20,000 mutants, repros shrunk and saved).
"""
from __future__ import annotations

import os
import signal
import sys
import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, note, settings, strategies as st

from conftest import HAVE_SHARED, NO_SHARED
from govlint.lint.linter import Linter, Options

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import fuzz  # noqa: E402  (benchmarks/fuzz.py: the checks, shared with the long run)
import mutate  # noqa: E402

EXAMPLES = int(os.environ.get("GOVLINT_FUZZ_EXAMPLES") or 150)
LIMIT = 2.0  # seconds per mutant, in-process

REPOSITORY = dict(mutate.repository_sources(generated_count=8))
SHARED = dict(mutate.shared_sources())

OPS = st.lists(st.sampled_from(sorted(mutate.OPERATORS)), min_size=1, max_size=4)
ENCODINGS = st.sampled_from(mutate.ENCODINGS)
BYTE_OPS = st.one_of(st.just([]), st.lists(st.sampled_from(sorted(mutate.BYTE_OPERATORS)), min_size=1, max_size=2))
SEEDS = st.integers(0, 2 ** 32 - 1)

FUZZ = settings(derandomize=True, deadline=None, max_examples=EXAMPLES, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

_linter = Linter(Options(), keep_documents=False)


class TooSlow(BaseException):
    """Raised by the alarm; a BaseException, so that no ``except Exception`` inside govlint takes it."""


def _alarm(signum, frame):
    raise TooSlow(f"linting took more than {LIMIT:.0f} s")


def check_mutant(text: str, source: str, seed: int, ops: list, encoding: str, byte_ops: list) -> None:
    mutant = mutate.mutate(text, seed, ops, encoding, byte_ops, source=source)
    repro = (f"the mutant: {fuzz._literal(mutant.data)}" if len(mutant.data) <= 300 else
             f"the mutant ({len(mutant.data)} bytes): mutate.mutate(text of {source}, {seed}, {ops}, "
             f"{encoding!r}, {byte_ops})")
    note(repro)
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, LIMIT)
    start = time.perf_counter()
    try:
        outcome = fuzz.lint_one(_linter, mutant.data)
    except TooSlow:
        pytest.fail(f"linting took more than {LIMIT:.0f} s: {repro}")
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    elapsed = time.perf_counter() - start
    assert not outcome["failures"], f"{outcome['failures'][0]['signature']}: {outcome['failures'][0]['detail']}"
    assert elapsed < LIMIT, f"linting took {elapsed:.2f} s: {repro}"


@FUZZ
@given(source=st.sampled_from(sorted(REPOSITORY)), seed=SEEDS, ops=OPS, encoding=ENCODINGS, byte_ops=BYTE_OPS)
def test_mutants_of_repository_reports(source, seed, ops, encoding, byte_ops):
    """The examples and generated reports, mutated."""
    check_mutant(REPOSITORY[source], source, seed, ops, encoding, byte_ops)


@pytest.mark.skipif(not HAVE_SHARED, reason=NO_SHARED)
@FUZZ
@given(source=st.sampled_from(sorted(SHARED) or ["none"]), seed=SEEDS, ops=OPS, encoding=ENCODINGS,
       byte_ops=BYTE_OPS)
def test_mutants_of_real_reports(source, seed, ops, encoding, byte_ops):
    """The real reports (../shared seeds and corpus), mutated."""
    check_mutant(SHARED[source], source, seed, ops, encoding, byte_ops)


@pytest.mark.parametrize("ops,encoding,byte_ops", [
    (["digit_run", "table_separators"], "utf-8", []),
    (["long_line", "punct_run"], "utf-8-sig", []),
    (["html_wrap", "numbers"], "utf-8", []),
    (["line_separators", "control_chars", "heading_lines"], "utf-16", []),
    (["bom_middle", "fullwidth_digits", "mixed_line_endings"], "gb18030", ["flip_bits"]),
], ids=["digits", "long-line", "html", "utf16-separators", "gb18030-flipped"])
def test_cli_machine_formats_of_mutants(ops, encoding, byte_ops):
    """A few mutants through the real CLI in every machine format: exit status 0/1/2 (the one the
    in-process result implies), output that parses, no traceback (20 runs of the CLI)."""
    rounds = max(1, EXAMPLES // 150)
    names = sorted(REPOSITORY)
    with tempfile.TemporaryDirectory() as directory:
        for seed in range(rounds):
            source = names[(seed * 7 + len(ops)) % len(names)]
            mutant = mutate.mutate(REPOSITORY[source], seed, ops, encoding, byte_ops, source=source)
            expected = fuzz.lint_one(_linter, mutant.data)["exit"]
            problems = fuzz.run_cli(mutant.data, directory, expected_exit=expected)
            assert not problems, f"{problems} for {source} {mutant.describe()}"
