"""Tables without their section headings (issue 9, layout class 6: printouts, comparison sheets, a
heading lost in extraction).

Tables 2, 3 and 4 are known by their signature wherever they are.  When the heading of a table's section
is missing, the table opens that section where it starts (a "headless" section, parse/sections.py): the
table is still doc.table2/3/4 and belongs to its section, the missing heading is one GL102 where the table
starts, never a GL301 (table missing) for a table that is there, and never a GL003 per row; the sections
and prose around are read as before.
"""
from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

import pytest

from conftest import EXAMPLES
from govlint.lint.linter import Linter, Options

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from generate import make_report, render  # noqa: E402  (benchmarks/generate.py)

CLEAN = (EXAMPLES / "clean-2021.txt").read_text(encoding="utf-8")
HEADINGS = {1: "一、总体情况", 2: "二、主动公开政府信息情况", 3: "三、收到和处理政府信息公开申请情况",
            4: "四、政府信息公开行政复议、行政诉讼情况"}
TABLE_OF = {2: "table2", 3: "table3", 4: "table4"}
MISSING = {n: f"缺少第{n}部分“{HEADINGS[n]}”" for n in HEADINGS}


def lint(text: str, year: int | None = 2022):
    return Linter(Options(report_year=year)).lint_bytes(text.encode("utf-8"), "r.txt")


def found(result) -> list:
    """(code, "line:col", message) of every diagnostic, in order."""
    where = result.source.position
    return [(d.code, "%d:%d" % where(d.span.start), d.message) for d in result.diagnostics]


def without_lines(text: str, *numbers: int) -> str:
    return "\n".join(line for n, line in enumerate(text.split("\n"), 1) if n not in numbers)


# -- hand-written cases: the example report with headings removed ---------------------------------------
# clean-2021.txt: heading 二 on line 19 (table 2 from line 21), 三 on 36 (table 3 from 38), 四 on 67 (table 4
# from 69), 五 on 74; it gives no diagnostic.

def test_the_example_is_clean_and_its_headings_are_where_the_cases_say():
    assert found(lint(CLEAN)) == []
    lines = CLEAN.split("\n")
    assert [lines[19 - 1], lines[36 - 1], lines[67 - 1]] == [HEADINGS[2], HEADINGS[3], HEADINGS[4]]


@pytest.mark.parametrize("heading_line, section, at", [(19, 2, "20:1"), (36, 3, "37:1"), (67, 4, "68:1")])
def test_one_heading_removed_is_one_missing_section_where_its_table_starts(heading_line, section, at):
    result = lint(without_lines(CLEAN, heading_line))
    assert found(result) == [("GL102", at, MISSING[section])]
    doc = result.doc
    table = getattr(doc, TABLE_OF[section])
    home = doc.section(section)
    assert home.heading.quality == "headless" and home.tables == [table]
    assert [s.heading.canonical for s in doc.sections] == [1, 2, 3, 4, 5, 6]
    assert all(s.tables == [getattr(doc, TABLE_OF[s.canonical])] for s in doc.sections if s.canonical in TABLE_OF)


def test_all_three_table_headings_removed():
    result = lint(without_lines(CLEAN, 19, 36, 67))
    assert found(result) == [("GL102", "20:1", MISSING[2]), ("GL102", "36:1", MISSING[3]),
                             ("GL102", "66:1", MISSING[4])]
    assert [(s.canonical, s.heading.quality) for s in result.doc.sections] == [
        (1, "exact"), (2, "headless"), (3, "headless"), (4, "headless"), (5, "exact"), (6, "exact")]


def test_prose_after_a_headless_table_belongs_to_its_section():
    text = without_lines(CLEAN, 36).replace("四、结转下年度继续办理\t1\t0\t0\t0\t0\t0\t1\n",
                                            "四、结转下年度继续办理\t1\t0\t0\t0\t0\t0\t1\n本年度无其他申请。\n", 1)
    result = lint(text)
    assert [code for code, _, _ in found(result)] == ["GL102"]
    assert [p.text for p in result.doc.paragraphs(3)] == ["本年度无其他申请。"]
    assert result.doc.section(5).heading.quality == "exact"  # not swallowed


@pytest.mark.parametrize("preamble", [True, False])  # False: the byline ends where a table opens
def test_a_comparison_sheet_of_tables_only(preamble):
    """Tables 2, 3 and 4 with no heading and no prose around them: a table before any heading still opens
    its section; no table is missing and no row is unplaced."""
    lines = CLEAN.split("\n")
    front = [lines[0], lines[2]] if preamble else [lines[0], ""]
    sheet = "\n".join(front + [line for line in lines[20:72] if line not in HEADINGS.values()])
    result = lint(sheet)
    codes = Counter(code for code, _, _ in found(result))
    assert not {"GL003", "GL301", "GL307", "GL308"} & set(codes)
    table_at = {s.canonical: "%d:%d" % result.source.position(s.tables[0].span.start)
                for s in result.doc.sections if s.tables}
    assert table_at == {2: "3:1", 3: "19:1", 4: "49:1"}
    missing = [(at, message) for code, at, message in found(result) if code == "GL102"]
    assert [m for m in missing if m[1] in (MISSING[2], MISSING[3], MISSING[4])] == [
        ("3:1", MISSING[2]), ("19:1", MISSING[3]), ("49:1", MISSING[4])]
    assert codes["GL102"] == 6


def test_a_table_out_of_its_order_opens_no_section():
    """Table 3 written after heading 五 while heading 三 is missing: the order does not allow a section 三
    there, so none is invented; the missing heading is still one GL102 and the table is still table 3."""
    lines = CLEAN.split("\n")
    table3 = lines[37:65]
    rest = lines[:35] + lines[66:79] + table3 + lines[79:]
    result = lint("\n".join(rest))
    assert result.doc.table3 is not None and result.doc.section(3) is None
    codes = [code for code, _, _ in found(result)]
    assert codes.count("GL102") == 1 and "GL301" not in codes and "GL003" not in codes


# -- generated reports, each table heading removed -------------------------------------------------------
SEED = 20240601
VARIANTS = {"二": [2], "三": [3], "四": [4], "二三四": [2, 3, 4]}


def _heading_line(result, section: int) -> int | None:
    """The index of the line of the section's heading, as the linter reads the report (None: it has none,
    as in the generated reports whose injected defect is a missing heading)."""
    home = result.doc.section(section)
    if home is None or home.heading.quality in ("headless", "implied"):
        return None
    return result.source.position(home.heading.span.start)[0] - 1


def generated(count: int = 40):
    """``count`` generated reports of the 2019-trial and 2021 formats, each in the tab, space and markdown
    layouts."""
    index = made = 0
    while made < count:
        report = make_report(SEED, index)
        index += 1
        if report.fmt == "2008":
            continue
        made += 1
        for layout in ("tab", "space", "pipe"):
            report.layout = layout
            yield f"{report.index}-{report.fmt}-{layout}", render(report, SEED)


def _key(diagnostic, source) -> tuple:
    # GL301 for a table that is absent too points at its section's heading, or at the start of the report
    # when that heading is gone: one absent table either way (compared without its place).
    place = "" if diagnostic.code == "GL301" else source.text[diagnostic.span.start:diagnostic.span.end]
    return diagnostic.code, diagnostic.message, place


def test_generated_reports_with_table_headings_removed():
    failures, pairs = [], 0
    for name, text in generated():
        original = lint(text, year=None)
        base = Counter(_key(d, original.source) for d in original.diagnostics)
        lines = text.split("\n")
        for variant, sections in VARIANTS.items():
            gone = {section: _heading_line(original, section) for section in sections}
            if None in gone.values():
                continue            # The removed heading's own wording diagnostic (a known variant like "二、…情况。") goes with it.
            expected = base - Counter({k: n for k, n in base.items() if k[0] == "GL104"
                                       and any(k[2] and k[2] in lines[i] for i in gone.values())})
            result = lint("\n".join(line for n, line in enumerate(lines) if n not in gone.values()), year=None)
            got = Counter(_key(d, result.source) for d in result.diagnostics if d.code != "GL102")
            expected_rest = Counter({k: n for k, n in expected.items() if k[0] != "GL102"})
            new_missing = [d for d in result.diagnostics if d.code == "GL102"
                           and (d.code, d.message, "") not in base and d.message in MISSING.values()]
            problems = []
            if got != expected_rest:
                problems.append(("different", sorted((got - expected_rest).items())[:3],
                                 sorted((expected_rest - got).items())[:3]))
            if sorted(d.message for d in new_missing) != sorted(MISSING[s] for s in sections):
                problems.append(("GL102", [d.message for d in new_missing]))
            for section in sections:  # where its table starts, when the table is there
                table = getattr(result.doc, TABLE_OF[section])
                if table is None:
                    continue
                spans = [d.span.start for d in new_missing if d.message == MISSING[section]]
                if spans != [table.span.start] or result.doc.section(section).tables != [table]:
                    problems.append(("place", section))
            pairs += 1
            if problems:
                failures.append((name, variant, problems))
    assert pairs >= 400
    assert failures == []


def test_generated_reports_with_every_heading_up_to_four_removed():
    """Headings 一 to 四 gone: the tables come before any heading.  No GL003, no GL301 for a table that is
    there, and the four missing headings are four GL102."""
    for name, text in generated(12):
        original = lint(text, year=None)
        lines = text.split("\n")
        gone = {_heading_line(original, section) for section in HEADINGS}
        if None in gone:
            continue
        result = lint("\n".join(line for n, line in enumerate(lines) if n not in gone), year=None)
        before, after = Counter(d.code for d in original.diagnostics), Counter(d.code for d in result.diagnostics)
        assert after["GL003"] == before["GL003"], name
        assert after["GL301"] == before["GL301"], name
        assert after["GL102"] == before["GL102"] + 4, name
        assert [s.canonical for s in result.doc.sections if s.tables] == [2, 3, 4], name


def _caption_line(lines: list, heading: int) -> int | None:
    """The first line after the heading, when it is the table's caption, note or first header (not a heading)."""
    following = next((n for n in range(heading + 1, len(lines)) if lines[n].strip()), None)
    if following is None or re.match(r"^[#\s*]*[一二三四五六七]、", lines[following]) and not re.search(r"[\t|]", lines[following]):
        return None
    return following


def test_generated_reports_with_a_table_heading_and_its_caption_removed():
    """The heading and the table's first line (its caption, note or top header) lost: the table is still
    found by the lines that remain.  Exception: a markdown table 4 written as three captioned groups
    (### 行政复议 …) that loses the caption of its first group cannot say whose its first five numbers are
    (GL307 instead of the arithmetic)."""
    failures = []
    for name, text in generated(20):
        original = lint(text, year=None)
        base = Counter(_key(d, original.source) for d in original.diagnostics if d.code != "GL104")
        lines = text.split("\n")
        for section in (2, 3, 4):
            heading = _heading_line(original, section)
            caption = None if heading is None else _caption_line(lines, heading)
            if caption is None or (section == 4 and name.endswith("pipe") and "### 行政复议" in lines[caption]):
                continue
            result = lint("\n".join(line for n, line in enumerate(lines) if n not in (heading, caption)), year=None)
            got = Counter(_key(d, result.source) for d in result.diagnostics if d.code != "GL104")
            extra, lost = got - base, base - got
            if [k[1] for k in extra] != [MISSING[section]] or lost:
                failures.append((name, section, sorted(extra)[:3], sorted(lost)[:3]))
    assert failures == []
