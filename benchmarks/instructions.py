#!/usr/bin/env python3
"""Count the machine instructions of bench.py's in-process pass, under valgrind's callgrind.

Timings drift with the machine (another guest on the host, the CPU's clock); instruction counts do not:
the same code on the same corpus gives the same count to a few parts per million.  They are a proxy —
a cache miss costs more than an instruction — so they complement bench.py's timings, never replace them.

What it counts: one process reads the corpus, lints its first report (the warm-up bench.py does), then
makes PASSES passes over every report (one ``Linter``, as bench.py).  It is run once with no pass and
once per requested pass count; the differences are the passes' own instructions (start-up subtracted).

Usage:
    python benchmarks/instructions.py --corpus DIR              # the first pass, the second, start-up
    python benchmarks/instructions.py --corpus DIR --tree OTHER  # another checkout's govlint (its linter/,
                                                                 # rules/, grammar/), to compare two versions

valgrind runs about 50 times slower than the program: 500 reports take a few minutes.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

# The pass, as bench.py makes it (a child process: PYTHONPATH chooses the tree).
_PASS = r"""
import glob, os, sys
from govlint.lint.linter import Linter, Options
paths = sorted(glob.glob(os.path.join(sys.argv[1], "*.txt")))
corpus = [(path, open(path, "rb").read()) for path in paths]
linter = Linter(Options(), keep_documents=False)
linter.lint_bytes(corpus[0][1], corpus[0][0])
for _ in range(int(sys.argv[2])):
    results = [linter.lint_bytes(data, path) for path, data in corpus]
"""


def assembled(tree: str, into: str) -> str:
    """A folder holding the import package govlint of a checkout (setup.cfg's layout: linter/ is govlint,
    rules/ govlint.rules, grammar/ govlint.grammar), made of symbolic links."""
    package = os.path.join(into, "govlint")
    os.makedirs(package)
    for name in os.listdir(os.path.join(tree, "linter")):
        os.symlink(os.path.join(tree, "linter", name), os.path.join(package, name))
    os.symlink(os.path.join(tree, "rules"), os.path.join(package, "rules"))
    os.symlink(os.path.join(tree, "grammar"), os.path.join(package, "grammar"))
    return into


def instructions(corpus: str, passes: int, path: str | None) -> int:
    env = dict(os.environ)
    if path:
        env["PYTHONPATH"] = path
    done = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable,
                           "-c", _PASS, corpus, str(passes)], capture_output=True, text=True, env=env)
    found = re.search(r"Collected : (\d+)", done.stderr)
    if done.returncode != 0 or found is None:
        raise SystemExit(f"valgrind failed ({done.returncode}): {done.stderr.strip()[-500:]}")
    return int(found.group(1))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", required=True, help="folder of reports (*.txt), e.g. bench.py's")
    parser.add_argument("--tree", help="another checkout to measure (default: the govlint this Python imports)")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        print("valgrind is not installed (Debian: apt-get install valgrind)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as scratch:
        path = assembled(os.path.abspath(args.tree), scratch) if args.tree else None
        start, one, two = (instructions(args.corpus, passes, path) for passes in (0, 1, 2))
    million = 1_000_000
    print(f"first pass: {(one - start) / million:,.0f} M instructions; second pass: {(two - one) / million:,.0f} M; "
          f"start-up and warm-up: {start / million:,.0f} M ({args.tree or 'this govlint'})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
