#!/usr/bin/env python3
"""Layout invariance (issue 9): the same report in every extraction layout gives the same diagnostics.

Each generated report (benchmarks/generate.py, clean and with injected defects) is rendered in every
layout of benchmarks/layouts.py and linted in-process; its diagnostics are compared with those of the
reference layout (plain tabs), as a multiset of keys ``(code, severity, anchor)``, after the layout's
declared expected delta.  A (report, layout) pair passes when the keys are equal.

The anchor says WHAT a diagnostic points at, independently of where that is in the text:

* a table diagnostic: ``(table kind, row, column)``: the row and the column are read from the
  document tree (the Row and Cell whose span holds the diagnostic's start): the row's canonical key
  (table 2: its article item and key; an unknown row: its normalised label), the cell's column key
  (or ``label`` for the label, ``""`` for the row as a whole); inside a table but in no row:
  ``(table kind, "table")``;
* a heading: ``("heading", canonical section or normalised text)``; a sub-heading:
  ``("sub", normalised text)``; the title: ``("title",)``;
* prose: ``("sentence", normalised text of the sentence that holds the start)``, normalised =
  NFKC, no whitespace, no markdown marks, no page footers: a sentence reads the same in every layout
  once reflowed, wherever its line breaks are;
* what is missing from the document (GL001 GL102 GL103 GL301 GL501 GL503 GL601): ``("document",)``
  (GL301 adds which table): there is no place to point at, only the fact;
* text the parser could not place (GL003): ``("unplaced", first characters)``.

Real texts (examples/, ../shared seeds and corpus) have no known structure: they are compared with
themselves under the text transforms of layouts.TEXT_TRANSFORMS, and reported apart.

Usage:  python benchmarks/invariance.py [-n 200] [--seed 20240601] [--defect-rate 0.5] [--show 3]
                                        [--layouts a,b] [--no-real] [--jobs 2]
"""
from __future__ import annotations

import argparse
import bisect
import re
import sys
import time
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import layouts as layouts_module  # noqa: E402
from generate import make_report  # noqa: E402

REPO = HERE.parent
SHARED = REPO.parent / "shared"
DOCUMENT_LEVEL = {"GL001", "GL102", "GL103", "GL301", "GL501", "GL503", "GL601"}
_PAGE_MARK = re.compile(r"[—–\-]\s*\d{1,3}\s*[—–\-]")
_MARKS = re.compile(r"[\s*#|`>]+")


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = _PAGE_MARK.sub("", text)
    return _MARKS.sub("", text)


# ---------------------------------------------------------------------------------
# Anchors
# ---------------------------------------------------------------------------------

class Anchors:
    """Maps a diagnostic to its layout-independent anchor through the document tree."""

    def __init__(self, doc):
        self.doc = doc
        self.cells: list = []    # (start, end, anchor): most specific first when looked up
        self.labels: list = []
        self.rows: list = []
        self.tables: list = []
        self.headings: list = []
        self.paragraphs: list = []
        if doc is None:
            return
        for table in doc.tables():
            self.tables.append((table.span.start, table.span.end, (table.kind, "table")))
            rows = list(table.row_order) + list(table.unknown_rows) + list(table.duplicate_rows)
            for row in rows:
                key = row.key or "?" + normalise(row.label)
                if table.kind == "table2" and row.block:
                    key = f"{row.block}:{key}"
                for index, cell in enumerate(row.cells):
                    column = row.columns[index] if row.columns and index < len(row.columns) else f"#{index}"
                    self.cells.append((cell.start, cell.end, (table.kind, key, column)))
                self.labels.append((row.label_span.start, row.label_span.end, (table.kind, key, "label")))
                self.rows.append((row.span.start, row.span.end, (table.kind, key, "")))
            if table.kind == "table4":
                for index, cell in enumerate(table.cells):
                    self.cells.append((cell.start, cell.end, ("table4", "cells", f"#{index}")))
        if doc.title is not None:
            self.headings.append((doc.title.span.start, doc.title.span.end, ("title",)))
        for section in doc.sections:
            heading = section.heading
            self.headings.append((heading.span.start, heading.span.end,
                                  ("heading", heading.canonical or normalise(heading.text))))
            for sub in section.subheadings:
                self.headings.append((sub.span.start, sub.span.end, ("sub", normalise(sub.text))))
        self.paragraphs = sorted(((p.span.start, p.span.end, p) for p in doc.paragraphs()), key=lambda t: t[0])
        self._starts = [p[0] for p in self.paragraphs]

    @staticmethod
    def _find(intervals: list, at: int, empty: bool):
        for start, end, anchor in intervals:
            if start <= at < end or (empty and at == end):
                return anchor
        return None

    def _sentence(self, at: int, empty: bool):
        index = bisect.bisect_right(self._starts, at) - 1
        if index < 0:
            return None
        start, end, paragraph = self.paragraphs[index]
        if not (at < end or (empty and at == end)):
            return None
        last = None
        for sentence in paragraph.iter_sentences():
            span = sentence.span
            if span.start <= at < span.end:
                return ("sentence", normalise(sentence.text))
            if span.start <= at:
                last = sentence
        return ("sentence", normalise(last.text if last else paragraph.text))

    def of(self, diagnostic, source) -> tuple:
        code, data = diagnostic.code, diagnostic.data or {}
        if code in DOCUMENT_LEVEL:
            table = data.get("table")
            return ("document", normalise(table)) if code == "GL301" and table else ("document",)
        at, empty = diagnostic.span.start, diagnostic.span.start == diagnostic.span.end
        for intervals in (self.cells, self.labels, self.rows, self.headings):
            found = self._find(intervals, at, empty)
            if found is not None:
                return found
        found = self._sentence(at, empty)
        if found is not None:
            return found
        found = self._find(self.tables, at, empty)
        if found is not None:
            return found
        if code == "GL003":
            return ("unplaced", normalise(source.text[diagnostic.span.start:diagnostic.span.end])[:16])
        if data.get("where"):
            return ("where", normalise(str(data["where"])))
        return ("document",)


def keys_of(result) -> Counter:
    anchors = Anchors(result.doc)
    keys: Counter = Counter()
    for d in result.diagnostics:
        anchor = anchors.of(d, result.source)
        data = d.data or {}
        if d.code in layouts_module.ARITHMETIC and str(data.get("found")) == "0":
            anchor = anchor + (layouts_module.ZERO_TOTAL,)  # its total says 0: a blank layout leaves it blank
        elif d.code in layouts_module.PARTS_SUMS and str(data.get("rhs")) == "0":
            anchor = anchor + (layouts_module.ZERO_PARTS,)  # its parts are all 0: all blank in a blank layout
        keys[(d.code, d.severity, anchor)] += 1
    return keys


# ---------------------------------------------------------------------------------
# Running
# ---------------------------------------------------------------------------------

@dataclass
class Pair:
    report: str
    layout: str
    same: bool
    missing: Counter = field(default_factory=Counter)   # expected, not given
    extra: Counter = field(default_factory=Counter)     # given, not expected
    gl003: int = 0
    error: str | None = None


def _lint(linter, data, suffix: str):
    raw = data.encode("utf-8") if isinstance(data, str) else data
    result = linter.lint_bytes(raw, "report" + suffix)
    error = None
    if result.error is not None or result.internal_errors:
        error = str(result.error or result.internal_errors[0])
    return result, error


def compare(name: str, layout: str, expected: Counter, result, error, coarsen=lambda key: key) -> Pair:
    if error is not None:
        return Pair(name, layout, False, error=error)
    actual = Counter()
    for key, count in keys_of(result).items():
        actual[coarsen(key)] += count
    wanted = Counter()
    for key, count in expected.items():
        wanted[coarsen(key)] += count
    gl003 = sum(n for k, n in actual.items() if k[0] == "GL003")
    return Pair(name, layout, actual == wanted, wanted - actual, actual - wanted, gl003)


def run_generated(n: int, seed: int, defect_rate: float, names: list | None = None, start: int = 0) -> list:
    from govlint.lint.linter import Linter, Options

    linter = Linter(Options(), keep_documents=True)
    chosen = [layout for layout in layouts_module.LAYOUTS
              if layout.name != layouts_module.REFERENCE and (not names or layout.name in names)]
    pairs = []
    for index in range(start, start + n):
        report = make_report(seed, index, defect_rate)
        name = f"{index:04d}_{report.year}_{report.defect or 'clean'}"
        reference = layouts_module.render_layout(layouts_module.BY_NAME[layouts_module.REFERENCE], report, seed)
        result, error = _lint(linter, reference.data, ".txt")
        if error is not None:
            pairs += [Pair(name, layout.name, False, error="reference: " + error) for layout in chosen]
            continue
        base = keys_of(result)
        for layout in chosen:
            if not layout.applies(report):
                continue
            try:
                rendered = layouts_module.render_layout(layout, report, seed)
            except Exception as exc:  # a renderer's bug: counted as a failed pair, never a crash
                pairs.append(Pair(name, layout.name, False, error=f"render: {type(exc).__name__}: {exc}"))
                continue
            expected = rendered.expect(base) if rendered.expect else base
            result, error = _lint(linter, rendered.data, rendered.suffix)
            pairs.append(compare(name, layout.name, expected, result, error, layout.coarsen))
    return pairs


def real_texts() -> list:
    paths = sorted((REPO / "examples").rglob("*.txt"))
    for folder in ("seeds", "corpus"):
        paths += sorted((SHARED / folder).glob("*.txt"))
    return paths


def run_real(paths: list) -> list:
    from govlint.lint.linter import Linter, Options

    linter = Linter(Options(), keep_documents=True)
    pairs = []
    for path in paths:
        text = path.read_bytes().decode("utf-8", errors="replace")
        name = path.parent.name + "/" + path.name
        result, error = _lint(linter, text, ".txt")
        if error is not None:
            continue
        base = keys_of(result)
        for transform_name, transform in layouts_module.TEXT_TRANSFORMS.items():
            transformed = transform(text, name)
            if transformed == text:
                continue
            result, error = _lint(linter, transformed, ".txt")
            pairs.append(compare(name, transform_name, base, result, error))
    return pairs


# ---------------------------------------------------------------------------------
# Printing
# ---------------------------------------------------------------------------------

def short(key: tuple) -> str:
    code, severity, anchor = key
    parts = [str(part)[:28] + ("…" if len(str(part)) > 28 else "") for part in anchor]
    return f"{code}/{severity}@{'/'.join(parts)}"


def summary(pairs: list, order: list) -> dict:
    by_layout: dict = defaultdict(list)
    for pair in pairs:
        by_layout[pair.layout].append(pair)
    rows = {}
    for name in order:
        items = by_layout.get(name, [])
        if not items:
            continue
        same = sum(p.same for p in items)
        rows[name] = {"pairs": len(items), "same": same, "rate": same / len(items),
                      "gl003": sum(p.gl003 for p in items), "gl003_pairs": sum(1 for p in items if p.gl003)}
    total = sum(r["pairs"] for r in rows.values())
    same = sum(r["same"] for r in rows.values())
    return {"layouts": rows, "pairs": total, "same": same, "rate": same / total if total else 1.0}


def causes(pairs: list) -> dict:
    """layout → Counter of (missing|extra, code) over the differing pairs."""
    out: dict = defaultdict(Counter)
    for pair in pairs:
        if pair.same:
            continue
        if pair.error:
            out[pair.layout][("error", pair.error.split(":")[0][:40])] += 1
        for key in pair.missing:
            out[pair.layout][("missing", key[0])] += 1
        for key in pair.extra:
            out[pair.layout][("extra", key[0])] += 1
    return out


def print_report(title: str, pairs: list, order: list, show: int, out=sys.stdout) -> dict:
    figures = summary(pairs, order)
    print(f"\n## {title}\n", file=out)
    print(f"{'layout':<20} {'pairs':>6} {'same':>6} {'rate':>8} {'GL003':>6} {'GL003 pairs':>12}", file=out)
    for name, row in figures["layouts"].items():
        print(f"{name:<20} {row['pairs']:>6} {row['same']:>6} {row['rate']:>7.1%} {row['gl003']:>6} "
              f"{row['gl003_pairs']:>12}", file=out)
    print(f"{'ALL':<20} {figures['pairs']:>6} {figures['same']:>6} {figures['rate']:>7.1%}", file=out)
    why = causes(pairs)
    for name in order:
        if not why.get(name):
            continue
        top = ", ".join(f"{kind} {code} ×{n}" for (kind, code), n in why[name].most_common(6))
        print(f"\n### {name}: {top}", file=out)
        shown = 0
        for pair in pairs:
            if pair.layout != name or pair.same or shown >= show:
                continue
            shown += 1
            if pair.error:
                print(f"  {pair.report}: ERROR {pair.error[:200]}", file=out)
                continue
            missing = "; ".join(short(k) for k in sorted(pair.missing, key=repr))[:400]
            extra = "; ".join(short(k) for k in sorted(pair.extra, key=repr))[:400]
            print(f"  {pair.report}:\n    missing: {missing or '-'}\n    extra:   {extra or '-'}", file=out)
    return figures


def _worker(args):
    n, seed, rate, names, start = args
    return run_generated(n, seed, rate, names, start)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=200, help="generated reports (default 200)")
    parser.add_argument("--seed", type=int, default=20240601)
    parser.add_argument("--defect-rate", type=float, default=0.5, help="share of reports with one defect")
    parser.add_argument("--layouts", help="comma-separated layout names (default: all)")
    parser.add_argument("--show", type=int, default=3, help="differing pairs shown per layout")
    parser.add_argument("--no-real", action="store_true", help="skip examples/ and ../shared")
    parser.add_argument("--jobs", type=int, default=1, help="worker processes for the generated reports")
    args = parser.parse_args(argv)
    names = args.layouts.split(",") if args.layouts else None
    started = time.perf_counter()
    if args.jobs > 1:
        from multiprocessing import Pool

        chunk = -(-args.n // args.jobs)
        work = [(min(chunk, args.n - s), args.seed, args.defect_rate, names, s) for s in range(0, args.n, chunk)]
        with Pool(args.jobs) as pool:
            pairs = [pair for part in pool.map(_worker, work) for pair in part]
    else:
        pairs = run_generated(args.n, args.seed, args.defect_rate, names)
    order = [layout.name for layout in layouts_module.LAYOUTS]
    print(f"# Layout invariance: {args.n} generated reports (seed {args.seed}, defect rate {args.defect_rate})")
    figures = print_report("generated reports × layouts", pairs, order, args.show)
    print(f"\nFIGURE: {figures['same']}/{figures['pairs']} (report, layout) pairs give the same diagnostics "
          f"({figures['rate']:.2%}); GL003 in {sum(r['gl003_pairs'] for r in figures['layouts'].values())} pairs")
    if not args.no_real:
        real = run_real(real_texts())
        print_report("real texts (examples, seeds, corpus) × text transforms", real,
                     list(layouts_module.TEXT_TRANSFORMS), args.show)
    print("\nnot measured: " + "; ".join(f"{k} ({v})" for k, v in layouts_module.EXCEPTIONS.items()))
    print(f"\n({time.perf_counter() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
