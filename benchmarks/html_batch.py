#!/usr/bin/env python3
"""How the batch HTML report (``--format html -o DIR``) scales: the figures of issue 11.

* the time to lint and write N generated reports (benchmarks/generate.py) as DIR/index.html and a
  page per report, the results streamed one at a time as the CLI gives them;
* the time the index takes to open in headless Chromium (Playwright driving /usr/bin/chromium, the
  setup of tests/test_html.py): from navigation to the first page of rows drawn; goal < 3 s at 5,000;
* page sizes: the seeds' pages (../shared/seeds, when present) and the largest generated page;
  goal < ~150 KB.

Usage:  python benchmarks/html_batch.py [-n 5000] [--out DIR] [--rows 50000]
        (--rows: also time an index of that many synthetic rows, without linting them)
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402  (benchmarks/generate.py)

from govlint.lint.linter import Linter, Options  # noqa: E402
from govlint.output import Settings, get  # noqa: E402
from govlint.output.html.batch import BatchWriter, Row  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]
SEEDS = HERE.parent.parent / "shared" / "seeds"
KB = 1024


def lint_and_write(paths: list, out: str) -> float:
    """Seconds to lint ``paths`` and write the batch into ``out``, streaming the results."""
    formatter = get("html")
    linter = Linter(Options(), keep_documents=formatter.needs_documents)
    start = time.perf_counter()
    formatter(Settings()).write_directory((linter.lint_path(str(path)) for path in paths), out)
    return time.perf_counter() - start


def synthetic_index(rows: int, out: str) -> None:
    """An index of ``rows`` made-up rows (bodies over several years), to time the page alone."""
    formatter = get("html")(Settings())
    writer = BatchWriter(formatter, out)
    os.makedirs(out, exist_ok=True)
    made = []
    for number in range(rows):
        body = f"某某市第{number // 5}局"
        counts = [number % 3, number % 5, number % 2]
        made.append(Row(f"reports/r{number}.html", f"in/r{number}.txt", body, f"{body}{2019 + number % 5}年报告",
                        str(2019 + number % 5), "fail" if counts[0] else "pass", counts, [number % 4, 3]))
    totals = {"files": rows, "unreadable": 0, "baselined": 0, "error": 0, "warning": 0, "info": 0}
    with open(os.path.join(out, "index.html"), "w", encoding="utf-8") as handle:
        handle.write(writer.index(made, totals))


def open_times(index: Path, repeat: int = 3) -> list:
    """Seconds from navigation to the first rows drawn, ``repeat`` times in a fresh page; [] without Chromium."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return []
    times = []
    with sync_playwright() as manager:
        try:
            browser = manager.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        except Exception as exc:  # no browser here
            print(f"  (cannot launch {CHROMIUM}: {str(exc).splitlines()[0]})")
            return []
        for _ in range(repeat):
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            start = time.perf_counter()
            page.goto(index.as_uri(), wait_until="load")
            page.wait_for_selector("#reports tbody tr")
            times.append(time.perf_counter() - start)
            page.close()
        browser.close()
    return times


def sizes(folder: Path) -> list:
    return sorted(((path.stat().st_size, path.name) for path in folder.glob("*.html")), reverse=True)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=5000, help="generated reports to lint and write (default 5000)")
    parser.add_argument("--out", help="work directory (default: a temporary one)")
    parser.add_argument("--rows", type=int, default=0, help="also time an index of this many synthetic rows")
    args = parser.parse_args(argv)
    work = Path(args.out or tempfile.mkdtemp(prefix="govlint-html-batch-"))
    reports, out = work / "reports-in", work / "html"
    print(f"generating {args.n} reports in {reports}")
    generate.generate_corpus(str(reports), args.n)
    paths = sorted(reports.glob("*.txt"))
    seconds = lint_and_write(paths, str(out))
    print(f"lint + write {len(paths)} reports: {seconds:.1f} s ({len(paths) / seconds:.1f} reports/s)")
    index = out / "index.html"
    print(f"index.html: {index.stat().st_size / KB:.0f} KB")
    pages = sizes(out / "reports")
    print(f"report pages: {len(pages)}, median {statistics.median(s for s, _ in pages) / KB:.0f} KB, "
          f"largest {pages[0][0] / KB:.0f} KB ({pages[0][1]})")
    times = open_times(index)
    if times:
        print(f"index of {len(paths)} reports opens in {min(times):.2f}–{max(times):.2f} s "
              f"(median {statistics.median(times):.2f} s; goal < 3 s)")
    if SEEDS.is_dir():
        seeds_out = work / "seeds"
        lint_and_write(sorted(SEEDS.glob("*.txt")), str(seeds_out))
        for size, name in sizes(seeds_out / "reports"):
            print(f"  seed page {name}: {size / KB:.0f} KB")
    if args.rows:
        synthetic = work / "synthetic"
        synthetic_index(args.rows, str(synthetic))
        times = open_times(synthetic / "index.html")
        size = (synthetic / "index.html").stat().st_size / KB
        if times:
            print(f"index of {args.rows} synthetic rows ({size:.0f} KB) opens in median "
                  f"{statistics.median(times):.2f} s")
    print(f"output in {work}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
