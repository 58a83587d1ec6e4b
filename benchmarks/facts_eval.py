#!/usr/bin/env python3
"""Measure the issue-10 rules on generated rich reports: false alarms on clean ones, finds on injected ones.

1. ``-n`` clean rich reports (benchmarks/prose.py): every diagnostic of an issue-10 code is a false
   alarm (the prose restates the tables correctly); the first few are listed with the line they fire on.
2. For each issue-10 rule, ``--per-rule`` (default ``-n``) reports with one injected defect of that
   rule: found = the rule's code at a line within ``--slack`` lines of where the defect was put.
   A rule that does not exist (yet) simply finds nothing.

Everything runs in this process with govlint's Python API (one Linter for all reports, every rule
selected), like benchmarks/bench.py.  It is a measurement tool: it prints figures and exits 0 unless
something crashes (``--strict``: exit 1 on any false alarm or any missed defect of an existing rule).

Usage:  python benchmarks/facts_eval.py [-n 500] [--per-rule N] [--seed 20250101] [--codes GL402,GL403]
        [--show 8] [--json]
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import prose  # noqa: E402  (benchmarks/prose.py)


def make_linter():
    from govlint.lint.linter import Linter, Options

    return Linter(Options(select=["ALL"]), keep_documents=False)


def existing_codes() -> set:
    """The codes of the rules govlint knows now (a rule being written may not exist yet)."""
    from govlint.rules.loader import builtin_rules

    return {rule.code for rule in builtin_rules()}


def known_codes(linter) -> set:
    try:
        return existing_codes()
    except Exception:  # noqa: BLE001  (the registry's API is not this tool's concern)
        return set()


def lint(linter, text: str) -> tuple:
    result = linter.lint_bytes(text.encode("utf-8"), "rich.txt")
    found = []
    for diagnostic in result.diagnostics:
        where = diagnostic.location(result.source)
        found.append((diagnostic.code, where["line"], diagnostic.severity, diagnostic.message))
    return found, result


def line_text(text: str, line: int) -> str:
    rows = text.split("\n")
    return rows[line - 1].strip() if 0 < line <= len(rows) else ""


def clean_pass(linter, codes: list, n: int, seed: int, show: int) -> dict:
    counts: Counter = Counter()
    reports_with: Counter = Counter()
    examples = defaultdict(list)
    other: Counter = Counter()
    for index in range(n):
        rich = prose.make_rich_report(seed, index)
        text = rich.render()
        found, _ = lint(linter, text)
        seen_here = set()
        for code, line, severity, message in found:
            if code in codes:
                counts[code] += 1
                seen_here.add(code)
                if len(examples[code]) < show:
                    examples[code].append({"report": index, "layout": rich.report.layout, "kind": rich.kind,
                                           "line": line, "severity": severity, "message": message,
                                           "text": line_text(text, line)[:160]})
            else:
                other[code] += 1
        reports_with.update(seen_here)
    return {"reports": n, "false_alarms": dict(counts), "reports_with": dict(reports_with),
            "examples": dict(examples), "other_codes": dict(other)}


def injected_pass(linter, code: str, n: int, seed: int, slack: int, show: int, limit: int) -> dict:
    found = injected = 0
    tried = 0
    misses = []
    extra: Counter = Counter()
    by_other: Counter = Counter()  # found by the rule that owns the defect (prose.FOUND_BY)
    severities: Counter = Counter()
    index = 0
    while injected < n and tried < limit:
        tried += 1
        case = prose.inject(code, seed, index)
        index += 1
        if case is None:
            continue
        injected += 1
        diagnostics, _ = lint(linter, case.text)
        owners = (code,) + prose.FOUND_BY.get(code, ())
        hit = [d for d in diagnostics if d[0] in owners
               and any(lo - slack <= d[1] <= hi + slack for lo, hi in case.targets)]
        if hit and hit[0][0] != code:
            by_other[hit[0][0]] += 1
        if hit:
            found += 1
            severities[hit[0][2]] += 1
        elif len(misses) < show:
            misses.append({"report": index - 1, "layout": case.rich.report.layout, "kind": case.rich.kind,
                           "targets": case.targets, "what": case.description,
                           "same_code_elsewhere": [d[1] for d in diagnostics if d[0] == code][:5],
                           "text": line_text(case.text, case.targets[0][0])[:160]})
        # other issue-10 codes the injection drew (one cause, one diagnostic)
        for other in {d[0] for d in diagnostics if d[0] in prose.CODES and d[0] != code}:
            extra[other] += 1
    return {"code": code, "injected": injected, "found": found, "tried": tried, "severities": dict(severities),
            "misses": misses, "also_fired": dict(extra), "found_by": dict(by_other)}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=500, help="clean reports (default 500)")
    parser.add_argument("--per-rule", type=int, default=None, help="injected reports per rule (default: -n)")
    parser.add_argument("--seed", type=int, default=20250101)
    parser.add_argument("--codes", default=",".join(prose.CODES), help="comma-separated issue-10 codes to measure")
    parser.add_argument("--slack", type=int, default=1, help="lines a finding may be off its defect (default 1)")
    parser.add_argument("--show", type=int, default=5, help="false alarms and misses listed per rule (default 5)")
    parser.add_argument("--json", action="store_true", help="all figures as JSON on stdout")
    parser.add_argument("--strict", action="store_true", help="exit 1 on a false alarm or a miss of an existing rule")
    args = parser.parse_args(argv)
    codes = [c.strip() for c in args.codes.split(",") if c.strip()]
    per_rule = args.n if args.per_rule is None else args.per_rule

    linter = make_linter()
    exists = known_codes(linter)
    start = time.perf_counter()
    clean = clean_pass(linter, codes, args.n, args.seed, args.show)
    clean_seconds = time.perf_counter() - start
    rules = []
    for code in codes:
        t0 = time.perf_counter()
        figures = injected_pass(linter, code, per_rule, args.seed + 1, args.slack, args.show, limit=per_rule * 40)
        figures["seconds"] = time.perf_counter() - t0
        figures["exists"] = code in exists if exists else None
        rules.append(figures)
    total = time.perf_counter() - start

    if args.json:
        json.dump({"clean": clean, "rules": rules, "seconds": total}, sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        print(f"clean rich reports: {clean['reports']} in {clean_seconds:.1f} s; "
              f"issue-10 diagnostics on them (all false alarms): {sum(clean['false_alarms'].values())}")
        print(f"{'rule':6} {'exists':6} {'false':>6} {'in rpts':>7} {'found':>6} / {'injected':<8} {'rate':>6}  also fired")
        for figures in rules:
            code = figures["code"]
            rate = f"{100 * figures['found'] / figures['injected']:.0f}%" if figures["injected"] else "—"
            exists_text = {True: "yes", False: "no", None: "?"}[figures["exists"]]
            also = ", ".join([f"{c}×{k}" for c, k in sorted(figures["also_fired"].items())]
                             + [f"(found by {c}: {k})" for c, k in sorted(figures["found_by"].items())])
            print(f"{code:6} {exists_text:6} {clean['false_alarms'].get(code, 0):>6} "
                  f"{clean['reports_with'].get(code, 0):>7} {figures['found']:>6} / {figures['injected']:<8} "
                  f"{rate:>6}  {also}")
        for code, examples in clean["examples"].items():
            print(f"\nfalse alarms of {code} (first {len(examples)}):")
            for example in examples:
                print(f"  report {example['report']} ({example['layout']}, {example['kind']}) line {example['line']} "
                      f"[{example['severity']}] {example['message']}\n      | {example['text']}")
        for figures in rules:
            if figures["misses"] and figures["exists"] is not False:
                print(f"\nmissed {figures['code']} (first {len(figures['misses'])}):")
                for miss in figures["misses"]:
                    print(f"  report {miss['report']} ({miss['layout']}, {miss['kind']}) lines {miss['targets']} "
                          f"{miss['what']}; {figures['code']} elsewhere at {miss['same_code_elsewhere']}\n"
                          f"      | {miss['text']}")
        print(f"\ntotal {total:.1f} s")
    if args.strict:
        missed = any(f["found"] < f["injected"] for f in rules if f["exists"])
        return 1 if clean["false_alarms"] or missed else 0
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
