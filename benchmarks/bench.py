#!/usr/bin/env python3
"""Measure govlint's speed and memory on a generated corpus of reports.

What it measures:

1. throughput: all reports linted in ONE process with the library API
   (one ``Linter`` reused for every file, as the CLI does), after a warm-up;
2. cold start: wall time of ``govlint --version`` and of ``govlint <one report>``
   as fresh processes (median of several runs), next to a bare ``python -c pass``
   for reference;
3. peak memory: ru_maxrss of this process after the in-process run (which,
   like the CLI, keeps every result until the end), and of each fresh process,
   read with ``os.wait4`` in a small spawning helper (see ``_SPAWNER``).

It is a measurement tool: it never fails on slow figures, and exits 0 unless
something crashes.  Targets are printed for comparison only.

Usage:
    python benchmarks/bench.py                    # generate 500 reports in a temporary directory
    python benchmarks/bench.py --corpus DIR       # reuse DIR (generated there first if it has no .txt)
    python benchmarks/bench.py --json             # figures as JSON on stdout
    python benchmarks/bench.py --profile          # add a cProfile pass: top 25 by cumulative time
    python benchmarks/bench.py --select GL1,GL2   # the in-process passes with these rules only
"""
from __future__ import annotations

import argparse
import cProfile
import gc
import glob
import io
import json
import os
import pstats
import resource
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TARGET_RATE = 300.0     # reports per second, in one process
TARGET_SINGLE = 0.4     # seconds for `govlint <one report>`, interpreter start included


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def maxrss_mib(usage) -> float:
    """ru_maxrss is KiB on Linux, bytes on macOS."""
    return usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)


# -- the corpus -----------------------------------------------------------------------------------

def ensure_corpus(directory: str, n: int, seed: int) -> None:
    """Generate the corpus in a child process, so that generating costs this process no memory."""
    if glob.glob(os.path.join(directory, "*.txt")):
        return
    log(f"generating {n} reports into {directory} …")
    subprocess.run([sys.executable, os.path.join(HERE, "generate.py"), directory, "-n", str(n), "--seed", str(seed)],
                   check=True, stdout=subprocess.DEVNULL)


def load_corpus(directory: str) -> tuple[list, list]:
    paths = sorted(glob.glob(os.path.join(directory, "*.txt")))
    manifest = []
    manifest_path = os.path.join(directory, "manifest.json")
    if os.path.exists(manifest_path):
        with open(manifest_path, encoding="utf-8") as handle:
            manifest = json.load(handle)
    return paths, manifest


def pick_single(paths: list, manifest: list) -> str:
    """A typical report for the single-file run: a clean 2021-format one of median size."""
    by_name = {entry["file"]: entry for entry in manifest}
    candidates = [p for p in paths if by_name.get(os.path.basename(p), {}).get("format") == "2021"
                  and not by_name[os.path.basename(p)].get("defect")] or paths
    candidates.sort(key=os.path.getsize)
    return candidates[len(candidates) // 2]


# -- in-process throughput --------------------------------------------------------------------------

def lint_all(linter, corpus: list) -> list:
    # Results are kept, as the CLI keeps them until it writes its report.
    return [linter.lint_bytes(data, path) for path, data in corpus]


def measure_in_process(corpus: list, repeat: int, rss_import: float, select: list | None = None) -> dict:
    from govlint.lint.linter import Linter, Options

    # as the CLI does for text and JSON output; ``select``: --select's codes (None: the default rules)
    linter = Linter(Options(select=select), keep_documents=False)
    # Warm-up: the first lint loads the rule packs and builds the LALR parser.
    start = time.perf_counter()
    linter.lint_bytes(corpus[0][1], corpus[0][0])
    first = time.perf_counter() - start
    passes = []
    results = []
    for _ in range(repeat):
        results = None
        gc.collect()
        start = time.perf_counter()
        results = lint_all(linter, corpus)
        passes.append(time.perf_counter() - start)
    best = min(passes)
    total_bytes = sum(len(data) for _, data in corpus)
    return {
        "reports": len(corpus),
        "megabytes": total_bytes / 1e6,
        "first_lint_s": first,
        "pass_seconds": passes,
        "seconds": best,
        "reports_per_s": len(corpus) / best,
        "mb_per_s": total_bytes / 1e6 / best,
        "ms_per_report": best * 1000 / len(corpus),
        "rss_after_import_mib": rss_import,
        "rss_peak_mib": maxrss_mib(resource.getrusage(resource.RUSAGE_SELF)),
        "_results": results,
    }


def profile_in_process(corpus: list, top: int = 25) -> str:
    from govlint.lint.linter import Linter, Options

    linter = Linter(Options(), keep_documents=False)  # as the CLI does for text and JSON output
    linter.lint_bytes(corpus[0][1], corpus[0][0])  # keep start-up costs out of the profile
    profiler = cProfile.Profile()
    profiler.enable()
    lint_all(linter, corpus)
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(top)
    return out.getvalue()


def summarize(results: list, manifest: list) -> dict:
    """What the linter said, and whether it agrees with the generator's manifest (a sanity check)."""
    by_name = {entry["file"]: entry for entry in manifest}
    counts = {"error": 0, "warning": 0, "info": 0}
    clean_with_errors, defects, caught, problems = [], 0, 0, 0
    for result in results:
        for diagnostic in result.diagnostics:
            counts[diagnostic.severity] = counts.get(diagnostic.severity, 0) + 1
        if result.error or result.internal_errors:
            problems += 1
        entry = by_name.get(os.path.basename(result.path))
        if entry is None:
            continue
        codes = {d.code for d in result.diagnostics}
        if entry.get("defect"):
            defects += 1
            caught += bool(codes & set(entry.get("expect") or []))
        elif result.count("error"):
            clean_with_errors.append(os.path.basename(result.path))
    return {"diagnostics": counts, "input_or_internal_errors": problems, "defective_reports": defects,
            "defects_caught": caught, "clean_reports_with_errors": clean_with_errors}


# -- cold start in fresh processes -----------------------------------------------------------------

# The children are started by a tiny helper interpreter, not by this process.  On Linux a
# child's ru_maxrss includes the high-water mark of the address space it was spawned from
# (exec records it; vfork/posix_spawn share the parent's), so children of this process,
# which holds the corpus and the linter, would all report this process's peak.
_SPAWNER = r"""
import json, os, sys, time
runs, argv = int(sys.argv[1]), sys.argv[2:]
null = [(os.POSIX_SPAWN_OPEN, fd, os.devnull, os.O_WRONLY, 0) for fd in (1, 2)]
out = []
for _ in range(runs + 1):                      # the first run warms the file cache and .pyc files
    start = time.perf_counter()
    pid = os.posix_spawn(argv[0], argv, os.environ, file_actions=null)
    _, status, usage = os.wait4(pid, 0)        # this child's own rusage
    out.append([time.perf_counter() - start, usage.ru_maxrss, os.waitstatus_to_exitcode(status)])
floor = None
if os.path.exists("/proc/self/status"):        # VmHWM: this helper's own high-water mark, in KiB
    with open("/proc/self/status") as status:
        floor = next((int(line.split()[1]) for line in status if line.startswith("VmHWM:")), None)
print(json.dumps({"runs": out[1:], "floor_kib": floor}))
"""


def measure_command(argv: list, runs: int) -> dict:
    """Median wall time, peak RSS and exit codes of ``runs`` fresh processes running ``argv``."""
    done = subprocess.run([sys.executable, "-I", "-S", "-c", _SPAWNER, str(runs), *argv],
                          capture_output=True, text=True, check=True)
    report = json.loads(done.stdout)
    scale = 1024 * 1024 if sys.platform == "darwin" else 1024
    times = [run[0] for run in report["runs"]]
    return {"median_s": statistics.median(times), "min_s": min(times), "max_s": max(times),
            "rss_peak_mib": max(run[1] for run in report["runs"]) / scale,
            # A child cannot report less than its spawner's high-water mark (Linux only).
            "rss_floor_mib": report["floor_kib"] / 1024 if report["floor_kib"] else None,
            "exit_codes": sorted({run[2] for run in report["runs"]}), "runs": runs}


def measure_cold_start(single: str, runs: int) -> dict:
    govlint = os.path.join(os.path.dirname(sys.executable), "govlint")
    if not os.path.exists(govlint):
        log(f"note: {govlint} not found; cold-start figures skipped")
        return {}
    return {
        "python -c pass": measure_command([sys.executable, "-c", "pass"], runs),
        "govlint --version": measure_command([govlint, "--version"], runs),
        "govlint <one report>": measure_command([govlint, single], runs),
    }


# -- output -----------------------------------------------------------------------------------------

def verdict(ok: bool) -> str:
    return "meets target" if ok else "MISSES target"


def print_table(figures: dict) -> None:
    inproc = figures["in_process"]
    cold = figures["cold_start"]
    print(f"govlint benchmark — corpus: {figures['corpus']} ({inproc['reports']} reports, "
          f"{inproc['megabytes']:.1f} MB)")
    print(f"python {figures['python']}, {figures['platform']}; rules: {figures['rules']}")
    print()
    rows = [("in-process throughput", f"{inproc['reports_per_s']:.0f} reports/s",
             f"≥ {TARGET_RATE:.0f} reports/s", verdict(inproc["reports_per_s"] >= TARGET_RATE)),
            ("  time per report", f"{inproc['ms_per_report']:.2f} ms", "", ""),
            ("  text rate", f"{inproc['mb_per_s']:.2f} MB/s", "", ""),
            ("  whole corpus", f"{inproc['seconds']:.2f} s", "", ""),
            ("  first lint (warm-up)", f"{inproc['first_lint_s'] * 1000:.0f} ms", "", ""),
            ("  peak RSS after import", f"{inproc['rss_after_import_mib']:.1f} MiB", "", ""),
            ("  peak RSS after the run", f"{inproc['rss_peak_mib']:.1f} MiB", "", ""),
            ("    (of which corpus text)", f"{inproc['megabytes'] * 1e6 / 2 ** 20:.1f} MiB", "", "")]
    for name, data in cold.items():
        target, note = "", ""
        if name == "govlint <one report>":
            target, note = f"< {TARGET_SINGLE} s", verdict(data["median_s"] < TARGET_SINGLE)
        rows.append((f"{name} (median of {data['runs']})", f"{data['median_s']:.3f} s", target, note))
        rows.append(("  min … max", f"{data['min_s']:.3f} … {data['max_s']:.3f} s", "", ""))
        rows.append(("  peak RSS", f"{data['rss_peak_mib']:.1f} MiB", "", ""))
    width = [max(len(row[i]) for row in rows) for i in range(4)]
    print(f"{'measure':<{width[0]}}  {'value':>{width[1]}}  {'target':<{width[2]}}  ")
    print("-" * (sum(width) + 8))
    for name, value, target, note in rows:
        print(f"{name:<{width[0]}}  {value:>{width[1]}}  {target:<{width[2]}}  {note}".rstrip())
    if cold.get("govlint <one report>"):
        print(f"\nsingle report: {figures['single_report']} "
              f"(exit codes {cold['govlint <one report>']['exit_codes']})")
        floor = cold["python -c pass"].get("rss_floor_mib")
        if floor:
            print(f"child RSS figures include the spawning helper's {floor:.1f} MiB high-water mark as a floor")
    for name, data in cold.items():
        if set(data["exit_codes"]) - {0, 1}:
            print(f"warning: {name} exited with {data['exit_codes']} (2 = usage/input error or internal error)")
    sanity = figures["sanity"]
    print(f"\ndiagnostics: {sanity['diagnostics']['error']} errors, {sanity['diagnostics']['warning']} warnings, "
          f"{sanity['diagnostics']['info']} infos; input/internal errors: {sanity['input_or_internal_errors']}")
    if sanity["defective_reports"]:
        print(f"injected defects caught: {sanity['defects_caught']}/{sanity['defective_reports']}; "
              f"clean reports with errors: {len(sanity['clean_reports_with_errors'])}")
    if len(inproc["pass_seconds"]) > 1:
        print("passes: " + ", ".join(f"{s:.2f} s" for s in inproc["pass_seconds"]))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Measure govlint throughput, cold start and memory.")
    parser.add_argument("--corpus", metavar="DIR", help="reuse the reports in DIR (generated there if it has none)")
    parser.add_argument("-n", type=int, default=500, help="reports to generate (default 500)")
    parser.add_argument("--seed", type=int, default=20240601, help="generator seed (default 20240601)")
    parser.add_argument("--runs", type=int, default=7, help="fresh processes per cold-start figure (default 7)")
    parser.add_argument("--repeat", type=int, default=1, help="in-process passes over the corpus; the best counts")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--profile", action="store_true", help="also profile one in-process pass (top 25, cumulative)")
    parser.add_argument("--select", metavar="CODES", help="the in-process passes run only these rules (comma-separated "
                                                          "codes or prefixes, as govlint --select): what a rule set costs")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="govlint-bench-") as scratch:
        directory = os.path.abspath(args.corpus or scratch)
        os.makedirs(directory, exist_ok=True)
        ensure_corpus(directory, args.n, args.seed)
        paths, manifest = load_corpus(directory)
        import govlint.lint.linter  # noqa: F401  (imported before the corpus is read, to see what importing costs)
        rss_import = maxrss_mib(resource.getrusage(resource.RUSAGE_SELF))
        corpus = []
        for path in paths:
            with open(path, "rb") as handle:
                corpus.append((path, handle.read()))  # read up front: the loop measures linting, not the disk
        log(f"linting {len(corpus)} reports in this process …")
        select = [code.strip() for code in args.select.split(",") if code.strip()] if args.select else None
        in_process = measure_in_process(corpus, max(1, args.repeat), rss_import, select)
        sanity = summarize(in_process.pop("_results"), manifest)
        single = pick_single(paths, manifest)
        log(f"timing fresh processes ({args.runs} runs each) …")
        cold = measure_cold_start(single, max(1, args.runs))
        figures = {
            "corpus": args.corpus or f"generated (n={args.n}, seed={args.seed})",
            "rules": ",".join(select) if select else "default",
            "python": sys.version.split()[0], "platform": sys.platform,
            "targets": {"reports_per_s": TARGET_RATE, "single_report_s": TARGET_SINGLE},
            "in_process": in_process, "cold_start": cold, "single_report": os.path.basename(single),
            "sanity": sanity,
        }
        profile = profile_in_process(corpus) if args.profile else None

    if args.json:
        if profile is not None:
            figures["profile"] = profile
        json.dump(figures, sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        print_table(figures)
        if profile is not None:
            print("\ncProfile of one in-process pass (top 25 by cumulative time):")
            print(profile)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
