#!/usr/bin/env python3
"""How much of the seeds' ground truth (../shared/domain.md §7) govlint flags.

Each item of §7 is written here as where it is (seed, lines) and which codes report it; an item
counts as flagged when one of those codes fires on one of its lines (an item about the whole report
accepts any line).  "Must flag" items are domain.md's ERROR and WARNING items; "info" items its
INFO ones; "must not" items are the traps listed under "Must NOT flag" that a rule could fall into.
Items that need another report (text shared by two bodies) are left out: they belong to pairing.

It is a measurement: it prints the figures and the misses, and exits 0 unless it crashes.

Usage:  python benchmarks/seed_truth.py [--shared ../shared]
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import NamedTuple

WHOLE = (0, 10**9)  # an item about the whole report: any line


class Item(NamedTuple):
    seed: str          # file name prefix
    id: str            # domain.md's item id
    kind: str          # must | info | not
    lines: tuple       # (first, last) line, inclusive
    codes: tuple       # codes that report it (for "not": codes that must not fire there)


ITEMS = [
    # 000: 中卫市审批服务管理局, 2021
    Item("000", "000-1", "must", (57, 57), ("GL310",)),
    Item("000", "000-2", "must", (133, 137), ("GL406",)),
    Item("000", "000-3", "must", (25, 54), ("GL402",)),
    Item("000", "000-4", "must", (131, 141), ("GL608",)),
    Item("000", "000-6", "must", (7, 7), ("GL504",)),
    Item("000", "000-7", "info", (7, 7), ("GL502", "GL501")),
    Item("000", "000-8", "info", (7, 7), ("GL609",)),
    Item("000", "000-9", "info", (49, 49), ("GL104", "GL704")),
    Item("000", "000-10", "info", (107, 113), ("GL604",)),
    Item("000", "000-11", "info", (35, 133), ("GL703", "GL701")),
    Item("000", "000-12", "info", (115, 141), ("GL607",)),
    Item("000", "no X-01/X-07/政策解读/percentages", "not", WHOLE, ("GL401", "GL402", "GL403", "GL405", "GL601")),
    # 001: 中卫市政务服务中心, 2017 (2008 regime)
    Item("001", "001-1", "must", WHOLE, ("GL102",)),
    Item("001", "001-2", "must", WHOLE, ("GL102",)),
    Item("001", "001-4", "must", (5, 5), ("GL410",)),
    Item("001", "001-3", "info", WHOLE, ("GL102",)),
    Item("001", "001-5", "info", (7, 7), ("GL410", "GL701")),
    Item("001", "001-6", "info", (37, 41), ("GL702",)),
    Item("001", "001-7", "info", (21, 67), ("GL701",)),
    Item("001", "001-8", "info", (51, 51), ("GL104", "GL704")),
    Item("001", "001-9", "info", (11, 21), ("GL705",)),
    Item("001", "001-10", "info", (17, 23), ("GL608",)),
    Item("001", "no 100% / period / contact", "not", WHOLE, ("GL403", "GL501", "GL502", "GL503", "GL504")),
    # 002: 中宁县审批服务管理局, 2020 (trial format)
    Item("002", "002-1", "must", (22, 48), ("GL504",)),
    Item("002", "002-2", "must", (288, 294), ("GL310",)),
    Item("002", "002-3", "info", (26, 26), ("GL502",)),
    Item("002", "002-5", "info", (182, 182), ("GL704", "GL104")),
    Item("002", "002-6", "info", (624, 626), ("GL602", "GL607")),
    Item("002", "002-7", "info", (471, 622), ("GL604",)),
    Item("002", "no X-01 / sums 540, 4568", "not", WHOLE, ("GL401", "GL402", "GL405", "GL407")),
    # 003: 中卫市沙坡头区, 2020 (district government, trial format)
    Item("003", "003-1", "must", (74, 75), ("GL307",)),
    Item("003", "003-2", "info", (5, 5), ("GL202",)),
    Item("003", "003-3", "info", (5, 5), ("GL501", "GL504")),
    Item("003", "003-4", "info", (85, 85), ("GL104",)),
    Item("003", "003-5", "info", (46, 46), ("GL306", "GL302", "GL309")),
    Item("003", "003-6", "info", (93, 94), ("GL602",)),
    Item("003", "no X-02/X-03/X-04/X-08/X-16/X-09/2012年以来", "not", WHOLE,
         ("GL401", "GL402", "GL403", "GL405", "GL407", "GL408", "GL606")),
    # 004: 盐池县审批服务管理局, 2023
    Item("004", "004-2", "info", (5, 5), ("GL501", "GL504")),
    Item("004", "004-3", "info", (5, 5), ("GL205",)),
    Item("004", "004-4", "info", (11, 21), ("GL704",)),
    Item("004", "004-5", "info", (13, 13), ("GL702",)),
    Item("004", "004-6", "info", (13, 13), ("GL703",)),
    Item("004", "004-7", "info", (17, 92), ("GL701",)),
    Item("004", "004-8", "info", (92, 92), ("GL608",)),
    Item("004", "004-9", "info", (94, 94), ("GL601",)),
    Item("004", "004-10", "info", (80, 88), ("GL604",)),
    Item("004", "004-11", "info", (90, 94), ("GL607",)),
    Item("004", "no X-01/X-04/X-05, 行政许可 5147", "not", WHOLE, ("GL401", "GL402", "GL405", "GL310")),
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", default=str(Path(__file__).resolve().parents[1].parent / "shared"))
    args = parser.parse_args(argv)
    seeds = Path(args.shared) / "seeds"
    if not seeds.is_dir():
        print(f"no seeds at {seeds}: pass --shared DIR", file=sys.stderr)
        return 2
    from govlint.lint.linter import Linter, Options

    linter = Linter(Options())
    fired: dict[str, list[tuple[str, int]]] = {}
    for path in sorted(seeds.glob("*.txt")):
        result = linter.lint_path(str(path))
        fired[path.name[:3]] = [(d.code, result.source.position(d.span.start)[0]) for d in result.diagnostics]
    totals: dict[str, list[int]] = {"must": [0, 0], "info": [0, 0], "not": [0, 0]}
    misses = []
    for item in ITEMS:
        first, last = item.lines
        hits = [(code, line) for code, line in fired.get(item.seed, ())
                if code in item.codes and first <= line <= last]
        ok = not hits if item.kind == "not" else bool(hits)
        totals[item.kind][0] += ok
        totals[item.kind][1] += 1
        if not ok:
            misses.append((item, hits))
    for kind, label in (("must", "must flag"), ("info", "info items"), ("not", "must not flag (kept)")):
        done, count = totals[kind]
        print(f"{label:22} {done:3} / {count:3}  ({100 * done / count:.0f} %)")
    for item, hits in misses:
        what = f"fired {hits}" if item.kind == "not" else f"wants {'/'.join(item.codes)} on lines {item.lines[0]}-{item.lines[1]}"
        print(f"  {item.kind:4} {item.id:36} {what}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
