#!/usr/bin/env python3
"""A batch of thousands of reports through the command line: reports/s with ``-j 1`` and ``-j 2``,
peak memory, and the garbage collector's share (issue 11, "Scale").

Each run is a fresh ``govlint DIR --format FORMAT -o FILE -j N`` process; its peak memory is the
peak of its largest process, the main one or a worker (``RUSAGE_CHILDREN`` of a helper that waits
for it gives the largest ru_maxrss among the descendants it waited for; with ``-j 2`` the machine
holds the main process and two workers at once).  The GC share is measured
in one process, with and without the batch tuning of ``govlint.lint.session.tuned_gc``, by timing
every collection (``gc.callbacks``, CPU time).

It is a measurement tool: it never fails on slow figures.  On a machine whose cores are busy with
other work, ``-j 2`` cannot be twice ``-j 1``: the CPU time per report is printed beside the wall
time so that the two can be told apart.

Usage:
    python benchmarks/batch.py                       # 5,000 generated reports in /tmp/govlint-batch-5000
    python benchmarks/batch.py -n 50000 --jobs 2     # 50,000 (generated once, about 8 minutes and 500 MB)
    python benchmarks/batch.py --corpus DIR          # reports already there
    python benchmarks/batch.py --series              # 5,000 reports of 4-year series, with pairs and copies
    python benchmarks/batch.py --gc-only -n 2000     # only the garbage collector's share, in process
    python benchmarks/batch.py --series --pairing-cost --no-gc   # the cross-document pass's share (3 rounds)
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
GOVLINT = [sys.executable, "-c", "import sys; from govlint.cli import main; main()"]

# Runs the command and prints its wall time, CPU time and the peak RSS of it and its children (KiB).
_MEASURE = r"""
import json, resource, subprocess, sys, time
start = time.perf_counter()
status = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode
wall = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"status": status, "wall": wall, "cpu": usage.ru_utime + usage.ru_stime,
                  "peak_kib": usage.ru_maxrss}))
"""

# One process, the library API over the files: the GC's CPU time with the default thresholds and
# with the batch tuning.
_GC = r"""
import gc, json, sys, time
from govlint.lint.linter import Linter, Options
from govlint.lint.session import Run, RunOptions
files, tuned, keep = json.loads(sys.argv[1]), sys.argv[2] == "tuned", sys.argv[3] == "keep"
spent, started = [0.0], [0.0]
def timer(phase, info):
    if phase == "start":
        started[0] = time.process_time()
    else:
        spent[0] += time.process_time() - started[0]
gc.callbacks.append(timer)
run = Run(Linter(Options(), keep_documents=False), RunOptions())
for path in files[:20]:
    run.check(path)  # the warm-up: rules, parser tables, the first cache entries
spent[0] = 0.0
start = time.process_time()
kept = []
if tuned:
    for result in run.results(files, jobs=1):
        if keep:
            kept.append(result)
else:
    for path in files:
        result = run.check_safely(path)
        if keep:
            kept.append(result)
total = time.process_time() - start
print(json.dumps({"cpu": total, "gc": spent[0], "collections": [s["collections"] for s in gc.get_stats()]}))
"""


# One process, the command line's own entry point over the folder (-j 1, json-lines to a scratch file),
# with CPU timers around what pairing adds: the fingerprints (made while each report is parsed), their
# spill to disk, and the pass after the batch (pairing, GL806, the cross results).  The shares come from
# one run, so a machine whose speed drifts between two runs does not bias them (--pairing-cost compares
# two runs; this divides within one).  The cross results' output is counted in the run, not in the shares.
_SHARE = r"""
import json, sys, time
from govlint.lint import across, linter, session
spent = {"fingerprints": 0.0, "spill": 0.0, "pass after the batch": 0.0}
def timed(owner, name, key):
    function = getattr(owner, name)
    def wrapper(*args, **kwargs):
        start = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            spent[key] += time.process_time() - start
    setattr(owner, name, wrapper)
timed(linter.Linter, "fingerprint", "fingerprints")
timed(across.Entry, "spill", "spill")
cross = session.Run._cross
def timed_cross(self, *args):
    results, start = cross(self, *args), time.process_time()
    for result in results:
        spent["pass after the batch"] += time.process_time() - start
        yield result
        start = time.process_time()
    spent["pass after the batch"] += time.process_time() - start
session.Run._cross = timed_cross
from govlint.cli import main
start = time.process_time()
try:
    main([sys.argv[1], "--format", "json-lines", "-o", sys.argv[2], "-q", "-j", "1"])
except SystemExit:
    pass
print(json.dumps({"cpu": time.process_time() - start, **spent}))
"""


def pairing_share(directory: str) -> dict:
    with tempfile.TemporaryDirectory() as scratch:
        out = subprocess.run([sys.executable, "-c", _SHARE, directory, os.path.join(scratch, "out")],
                             capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def ensure_corpus(directory: str, n: int) -> list[str]:
    names = sorted(name for name in os.listdir(directory) if name.endswith(".txt")) if os.path.isdir(directory) else []
    if len(names) < n:
        log(f"generating {n} reports in {directory} …")
        subprocess.run([sys.executable, os.path.join(HERE, "generate.py"), directory, "-n", str(n)], check=True,
                       stdout=subprocess.DEVNULL)
        names = sorted(name for name in os.listdir(directory) if name.endswith(".txt"))
    return [os.path.join(directory, name) for name in names[:n]]


def ensure_series(directory: str, n: int) -> list[str]:
    """``--series``: about n reports of four-year series with every issue-11 defect (benchmarks/series.py):
    pairs for the carry-over checks, copies across bodies and years, late dates, a roster."""
    names = sorted(name for name in os.listdir(directory) if name.endswith(".txt")) if os.path.isdir(directory) else []
    if not names:
        log(f"generating series of about {n} reports in {directory} …")
        subprocess.run([sys.executable, os.path.join(HERE, "series.py"), directory, "--bodies", str(max(1, n // 4)),
                        "--years", "2021-2024", "--inject"], check=True, stdout=subprocess.DEVNULL)
        names = sorted(name for name in os.listdir(directory) if name.endswith(".txt"))
    return [os.path.join(directory, name) for name in names]


def measure(args: list[str]) -> dict:
    out = subprocess.run([sys.executable, "-c", _MEASURE, *args], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def cli_run(directory: str, n: int, jobs: int, fmt: str, pairing: bool = True) -> dict:
    with tempfile.TemporaryDirectory() as scratch:
        figures = measure([*GOVLINT, directory, "--format", fmt, "-o", os.path.join(scratch, "out"), "-q",
                           "-j", str(jobs), *([] if pairing else ["--no-pairing"])])
    figures.update(rate=n / figures["wall"], cpu_per_report_ms=1000 * figures["cpu"] / n,
                   peak_mib=figures["peak_kib"] / 1024, jobs=jobs, format=fmt, reports=n, pairing=pairing)
    return figures


def gc_share(files: list[str], tuned: bool, keep: bool) -> dict:
    out = subprocess.run([sys.executable, "-c", _GC, json.dumps(files), "tuned" if tuned else "default",
                          "keep" if keep else "drop"], capture_output=True, text=True, check=True)
    figures = json.loads(out.stdout)
    figures.update(share=figures["gc"] / figures["cpu"], tuned=tuned, keep=keep)
    return figures


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=5000, help="reports (default 5000)")
    parser.add_argument("--corpus", help="folder of reports (generated there when it has fewer than n)")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2], help="the -j values to run (default 1 2)")
    parser.add_argument("--formats", nargs="+", default=["json-lines"], help="output formats (default json-lines)")
    parser.add_argument("--series", action="store_true",
                        help="multi-year series with pairs and copies (benchmarks/series.py --inject) instead of "
                             "independent reports; n/4 bodies over 2021–2024 (a few reports fewer: the missing ones)")
    parser.add_argument("--gc-only", action="store_true", help="only the in-process GC measurement")
    parser.add_argument("--gc-reports", type=int, default=2000, help="reports for the GC measurement (default 2000)")
    parser.add_argument("--json", action="store_true", help="the figures as JSON on stdout")
    parser.add_argument("--pairing-cost", action="store_true",
                        help="also run each -j with --no-pairing: the cross-document pass's share of the run")
    parser.add_argument("--rounds", type=int, default=3,
                        help="with --pairing-cost: runs with and without pairing, alternating; the fastest of each "
                             "counts (default 3)")
    parser.add_argument("--no-gc", action="store_true", help="skip the in-process GC measurement")
    args = parser.parse_args(argv)
    if args.series:
        directory = args.corpus or os.path.join(tempfile.gettempdir(), f"govlint-series-{args.n}")
        files = ensure_series(directory, args.n)
        args.n = len(files)  # the series decides: a roster's missing reports are not written
    else:
        directory = args.corpus or os.path.join(tempfile.gettempdir(), f"govlint-batch-{args.n}")
        files = ensure_corpus(directory, args.n)
    if len(files) != args.n:  # a corpus folder with more reports: the run takes the folder, so copy n
        log(f"{directory} has {len(files)} reports, not {args.n}: give a folder of exactly n (or none)")
        return 2
    figures: dict = {"reports": args.n, "cores": os.cpu_count(), "load": os.getloadavg()[0], "gc": [], "runs": []}
    sample = files[:min(args.gc_reports, len(files))]
    for keep in (() if args.no_gc else (True, False)):
        for tuned in (False, True):
            row = gc_share(sample, tuned, keep)
            figures["gc"].append(row)
            log(f"GC in process, {len(sample)} reports, results {'kept' if keep else 'dropped'}, "
                f"{'tuned (freeze + thresholds)' if tuned else 'default thresholds'}: "
                f"{row['gc']:.2f} s of {row['cpu']:.1f} s CPU ({100 * row['share']:.1f} %), "
                f"collections per generation {row['collections']}")
    if not args.gc_only:
        for fmt in args.formats:
            for jobs in args.jobs:
                # with --pairing-cost, the runs with and without pairing alternate (--rounds times) and the
                # fastest of each counts: a shared machine's speed drifts between two runs minutes apart
                rounds = args.rounds if args.pairing_cost else 1
                paired, unpaired = [], []
                for _ in range(rounds):
                    paired.append(cli_run(directory, args.n, jobs, fmt))
                    if args.pairing_cost:
                        unpaired.append(cli_run(directory, args.n, jobs, fmt, pairing=False))
                row = min(paired, key=lambda run: run["wall"])
                figures["runs"].append(row)
                log(f"govlint {args.n} reports --format {fmt} -j {jobs}: {row['wall']:.1f} s, {row['rate']:.0f} reports/s, "
                    f"{row['cpu_per_report_ms']:.1f} ms CPU per report, peak {row['peak_mib']:.0f} MiB, exit {row['status']}"
                    + (f" (fastest of {rounds}: {', '.join('%.1f' % run['wall'] for run in paired)} s)" if rounds > 1 else ""))
                if args.pairing_cost:
                    alone = min(unpaired, key=lambda run: run["wall"])
                    figures["runs"].append(alone)
                    cost = row["wall"] - alone["wall"]
                    # CPU time too: on a machine shared with other work the wall times are noisy
                    cpu = row["cpu"] - alone["cpu"]
                    log(f"  the same with --no-pairing: {alone['wall']:.1f} s ({alone['cpu']:.1f} s CPU)"
                        + (f" (fastest of {rounds}: {', '.join('%.1f' % run['wall'] for run in unpaired)} s)" if rounds > 1 else "")
                        + ", peak "
                        f"{alone['peak_mib']:.0f} MiB: the cross-document pass costs {cost:.1f} s, "
                        f"{100 * cost / row['wall']:.1f} % of the run's wall time; {cpu:.1f} s, "
                        f"{100 * cpu / row['cpu']:.1f} % of its CPU time")
                    if jobs == 1:  # within one run: what pairing adds, timed where it happens
                        share = pairing_share(directory)
                        figures["pairing_share"] = share
                        parts = {key: value for key, value in share.items() if key != "cpu"}
                        log(f"  within one -j 1 run ({share['cpu']:.1f} s CPU): "
                            + ", ".join(f"{key} {value:.2f} s" for key, value in parts.items())
                            + f": {100 * sum(parts.values()) / share['cpu']:.1f} % of its CPU time")
        by_jobs = {row["jobs"]: row for row in figures["runs"] if row["format"] == args.formats[0] and row["pairing"]}
        if 1 in by_jobs and 2 in by_jobs:
            log(f"-j 2 / -j 1: {by_jobs[2]['rate'] / by_jobs[1]['rate']:.2f} × (load average at start "
                f"{figures['load']:.1f} on {figures['cores']} cores)")
    if args.json:
        print(json.dumps(figures, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
