#!/usr/bin/env python3
"""Measure the cross-document rules of issue 11 on generated series: false alarms on a clean series,
finds on an injected one (benchmarks/series.py writes both, with ``manifest.json`` and ``roster.yaml``).

Each series is checked in one ``govlint DIR --format json-lines --select ALL`` run (the pairing and the
batch checks happen across the files of one run), with ``roster:`` set in a temporary configuration
when govlint accepts that setting.  A diagnostic finds an injected place when its code and file match
and its line is within ``--slack`` lines of the place's target range.  Every GL8xx or GL505 diagnostic
on the clean series is a false alarm.  A code that no rule has yet prints "not built".

It is a measurement tool: it prints figures and exits 0 unless something crashes (``--strict``: exit 1
on a false alarm or a miss of a built rule).

Usage:  python benchmarks/series_eval.py [--bodies 50] [--years 2021-2024] [--seed 20250301] [--slack 2]
        [--work DIR] [--json]
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import series  # noqa: E402  (benchmarks/series.py)

GOVLINT = [sys.executable, "-c", "import sys; from govlint.cli import main; main()"]


def existing_codes() -> set:
    try:
        from govlint.rules.loader import builtin_rules

        return {rule.code for rule in builtin_rules()}
    except Exception:  # noqa: BLE001  (the registry's API is not this tool's concern)
        return set()


def run_govlint(directory: str, scratch: str) -> tuple:
    """The diagnostics of one run over ``directory`` and whether the roster was given."""
    out = os.path.join(scratch, f"{os.path.basename(directory)}.jsonl")
    base = [*GOVLINT, directory, "--format", "json-lines", "--select", "ALL", "-q", "--exit-zero", "-o", out]
    config = os.path.join(scratch, "govlint-series.yaml")
    with open(config, "w", encoding="utf-8") as handle:
        handle.write(f"roster: {json.dumps(os.path.join(os.path.abspath(directory), 'roster.yaml'))}\n")
    with_roster = subprocess.run([*base, "--config", config], capture_output=True, text=True)
    roster = with_roster.returncode == 0
    if not roster:  # `roster:` not known yet: the run without it
        subprocess.run(base, capture_output=True, text=True, check=True)
    diagnostics = []
    with open(out, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                diagnostics.append(json.loads(line))
    return diagnostics, roster


def relevant(code: str) -> bool:
    return code.startswith("GL8") or code == "GL505"


SPARSE = 10  # GL805's min_nonzero: a table with fewer non-zero numbers is not compared


def evaluate(bodies: int, years: list, seed: int, slack: int, work: str, show: int) -> dict:
    clean_dir, injected_dir = os.path.join(work, "clean"), os.path.join(work, "injected")
    series.generate_series(clean_dir, bodies, years, seed, inject=False)
    manifest = series.generate_series(injected_dir, bodies, years, seed, inject=True)
    exists = existing_codes()
    clean, clean_roster = run_govlint(clean_dir, work)
    injected, roster = run_govlint(injected_dir, work)
    alarms = [d for d in clean if relevant(d["code"])]
    by_file = defaultdict(list)
    for d in injected:
        by_file[(os.path.basename(d["path"]), d["code"])].append(d)
    figures: dict = {code: {"injected": 0, "found": 0, "misses": [], "unfindable": 0} for code in series.CODES}
    for place in manifest["injections"]:
        row = figures[place["code"]]
        if place["code"] == "GL805" and place["notes"].get("nonzero", SPARSE) < SPARSE:
            row["unfindable"] += 1  # a copied table of few numbers: GL805 is silent on purpose (min_nonzero)
            continue
        row["injected"] += 1
        lo, hi = place["lines"]
        hits = [d for d in by_file[(place["file"], place["code"])] if lo - slack <= d["line"] <= hi + slack]
        if hits:
            row["found"] += 1
        elif len(row["misses"]) < show:
            row["misses"].append({"file": place["file"], "lines": place["lines"], "body": place["body"],
                                  "year": place["year"], "notes": place["notes"],
                                  "same_code_elsewhere": [d["line"] for d in by_file[(place["file"], place["code"])]][:5]})
    targets = {(p["file"], p["code"]) for p in manifest["injections"]}
    stray = Counter(d["code"] for d in injected if relevant(d["code"])
                    and (os.path.basename(d["path"]), d["code"]) not in targets)
    return {"bodies": bodies, "years": years, "seed": seed, "reports": {"clean": len(os.listdir(clean_dir)) - 2,
            "injected": len(manifest["files"])}, "roster_given": roster and clean_roster,
            "exists": sorted(c for c in series.CODES if c in exists), "codes": figures,
            "false_alarms": dict(Counter(d["code"] for d in alarms)),
            "false_alarm_examples": [{k: d[k] for k in ("path", "code", "line", "message")} for d in alarms[:show]],
            "stray_on_injected": dict(stray)}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bodies", type=int, default=50)
    parser.add_argument("--years", default="2021-2024")
    parser.add_argument("--seed", type=int, default=20250301)
    parser.add_argument("--slack", type=int, default=2, help="lines a finding may be off its target (default 2)")
    parser.add_argument("--show", type=int, default=5)
    parser.add_argument("--work", help="folder for the two series (default: a temporary one)")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--strict", action="store_true")
    args = parser.parse_args(argv)
    years = series.parse_years(args.years)
    if args.work:
        os.makedirs(args.work, exist_ok=True)
        result = evaluate(args.bodies, years, args.seed, args.slack, args.work, args.show)
    else:
        with tempfile.TemporaryDirectory() as work:
            result = evaluate(args.bodies, years, args.seed, args.slack, work, args.show)
    if args.json:
        json.dump(result, sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        print(f"series: {args.bodies} bodies, {args.years}; {result['reports']['clean']} clean reports, "
              f"{result['reports']['injected']} injected; roster given: {'yes' if result['roster_given'] else 'no'}")
        print(f"{'code':6} {'built':9} {'false':>5} {'found':>6} / {'injected':<8} {'rate':>5}")
        for code in series.CODES:
            row = result["codes"][code]
            built = "yes" if code in result["exists"] else "not built"
            rate = f"{100 * row['found'] / row['injected']:.0f}%" if row["injected"] else "—"
            print(f"{code:6} {built:9} {result['false_alarms'].get(code, 0):>5} {row['found']:>6} / "
                  f"{row['injected']:<8} {rate:>5}"
                  + (f"  ({row['unfindable']} more into a table of under {SPARSE} non-zero numbers, "
                     "which the rule leaves alone)" if row["unfindable"] else ""))
        other = {c: n for c, n in result["false_alarms"].items() if c not in series.CODES}
        if other:
            print(f"other GL8xx on the clean series: {other}")
        for example in result["false_alarm_examples"]:
            print(f"  false alarm {example['code']} {os.path.basename(example['path'])}:{example['line']} "
                  f"{example['message']}")
        for code in series.CODES:
            if code in result["exists"]:
                for miss in result["codes"][code]["misses"]:
                    print(f"  missed {code} {miss['file']} lines {miss['lines']} {miss['notes']}; "
                          f"{code} elsewhere in the file at {miss['same_code_elsewhere']}")
        if result["stray_on_injected"]:
            print(f"on the injected series, other than the injected code of the file: {result['stray_on_injected']} "
                  "(a GL805 copy of last year's table 3 also breaks the carry-over unless its 上年结转 equalled its "
                  "结转下年度: GL801 there is true)")
    if args.strict:
        missed = any(result["codes"][c]["found"] < result["codes"][c]["injected"] for c in result["exists"])
        return 1 if result["false_alarms"] or missed else 0
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
