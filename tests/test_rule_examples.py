"""Every rule's own examples (rule packs: examples.fail / examples.pass) behave as documented."""
from __future__ import annotations

import pytest

from govlint.lint.fixes import fix_source
from govlint.lint.linter import Linter, Options
from govlint.rules.schema import example_at
from govlint.source import Source
from conftest import lint_example

ALL_RULES = Linter(Options()).all_rules()


def _examples(kind):
    for rule in ALL_RULES:
        for index, example in enumerate(rule.examples.get(kind, [])):
            yield pytest.param(rule, example, id=f"{rule.code}-{'/'.join(rule.formats)}-{kind}{index}")


def _covers(rule, fmt):
    """A report of unknown format gets only the rules that apply to every format."""
    return fmt in rule.formats if fmt else set(rule.formats) == {"2021", "2019-trial", "2008"}


def _run(example):
    return lint_example(example)  # conftest.py: with last year's report (previous:) or another's (other:)


@pytest.mark.parametrize("rule,example", list(_examples("fail")))
def test_failing_example_is_flagged(rule, example):
    result = _run(example)
    assert _covers(rule, result.doc.format), "example must be written for a format the rule covers"
    assert rule.code in [d.code for d in result.diagnostics]


@pytest.mark.parametrize("rule,example", list(_examples("pass")))
def test_passing_example_is_clean_for_the_rule(rule, example):
    result = _run(example)
    assert _covers(rule, result.doc.format)
    assert rule.code not in [d.code for d in result.diagnostics], [d.message for d in result.diagnostics]


def _failing_with(key):
    return [param for param in _examples("fail") if isinstance(param.values[1], dict) and key in param.values[1]]


@pytest.mark.parametrize("rule,example", _failing_with("at"))
def test_failing_example_is_flagged_where_it_says(rule, example):
    """``at: line:col``: a diagnostic of the rule starts there (as govlint prints it)."""
    result = _run(example)
    places = [result.source.position(d.span.start) for d in result.diagnostics if d.code == rule.code]
    assert example_at(example) in places, places


@pytest.mark.parametrize("rule,example", _failing_with("fixed"))
def test_failing_example_is_fixed_as_it_says(rule, example):
    """``fixed:``: the text once the rule's fixes are applied (govlint --fix --unsafe-fixes --select CODE)."""
    linter = Linter(Options(report_year=example.get("year"), select=[rule.code]))
    outcome = fix_source(linter, Source(example["text"], "example.txt"), unsafe=True)
    assert outcome.text == example["fixed"]


def test_every_failing_example_says_where_and_every_fix_is_shown():
    for rule in ALL_RULES:
        failing = rule.examples.get("fail", [])
        for example in failing:
            assert example_at(example) is not None, f"{rule.code}: a failing example without 'at'"
        if rule.fixable:
            assert any("fixed" in example for example in failing), f"{rule.code} is fixable: show a fix ('fixed')"


def test_every_rule_has_examples_both_ways():
    for rule in ALL_RULES:
        if getattr(rule.kind, "ROSTER", False):
            continue  # GL807 reports on the roster file, not on a report: tests/test_roster.py shows it
        assert rule.examples.get("fail"), f"{rule.code} has no failing example"
        assert rule.examples.get("pass"), f"{rule.code} has no passing example"


def test_every_rule_has_zh_and_en_texts():
    for rule in ALL_RULES:
        for table in [rule.message, rule.summary] + [c["message"] for c in rule.cases.values() if "message" in c]:
            assert table.get("zh") and table.get("en"), rule.code
        for lang in ("zh", "en"):
            assert (rule.descriptions.get(lang) or "").strip(), f"{rule.code} has no {lang} description"


# -- the check kinds never crash ------------------------------------------------------------------
# Found by mutating reports: huge numbers (a PDF can run a row's cells together into one 40-digit
# "number"), fractions beside them, cells without a value.  A rule that raises is caught by the
# engine and reported as an internal error; these tests ask for neither.

import random  # noqa: E402
import time  # noqa: E402
from fractions import Fraction  # noqa: E402
from pathlib import Path  # noqa: E402

from govlint.parse.outline import parse  # noqa: E402
from govlint.rules.kinds._util import number_text  # noqa: E402
from govlint.source import Source  # noqa: E402

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
CLEAN = (EXAMPLES / "clean-2021.txt").read_text(encoding="utf-8")
NEW_ROW = "一、本年新收政府信息公开申请数量"


def _rule(code):
    return next(rule for rule in ALL_RULES if rule.code == code)


def _with_new_row(*values):
    """The clean report with the first cells of table 3's 一、本年新收 row replaced."""
    lines = CLEAN.split("\n")
    for index, line in enumerate(lines):
        if line.startswith(NEW_ROW):
            cells = line.split("\t")
            cells[1:1 + len(values)] = values
            lines[index] = "\t".join(cells)
    return "\n".join(lines)


def _lint(text, lang="zh"):
    result = Linter(Options(lang=lang)).lint_bytes(text.encode("utf-8"), "mutant.txt")
    assert not result.internal_errors, result.internal_errors
    assert result.error is None, result.error
    return result


@pytest.mark.parametrize("values", [
    ("0.5", "9" * 400),             # a float beside an int too large for a float: OverflowError
    ("9" * 400 + ".5", "0.25"),      # a float that is inf
    ("-" + "9" * 60, "9" * 60 + "件"),
    ("1" * 30, "2" * 30, "3" * 30),
])
def test_arithmetic_on_huge_cells_is_exact(values):
    result = _lint(_with_new_row(*values))
    assert {"GL303", "GL304"} & {d.code for d in result.diagnostics} or "GL306" in [d.code for d in result.diagnostics]


def test_huge_row_total_is_reported_exactly():
    big = 10 ** 11  # the largest counts a cell may hold (grammar.shapes.MAX_DIGITS) sum exactly
    result = _lint(_with_new_row(str(big), "2", "0", "0", "1", "0", str(big + 3)))
    assert "GL303" not in [d.code for d in result.diagnostics]
    result = _lint(_with_new_row(str(big), "2", "0", "0", "1", "0", str(big + 4)))
    totals = [d for d in result.diagnostics if d.code == "GL303"]
    assert totals and totals[0].data["expected"] == str(big + 3)


def _doc(text=CLEAN):
    return parse(Source(text, "mutant.txt"))


def test_cell_kinds_survive_cells_without_a_value():
    """A NUM cell whose value is None, huge or not finite, and a row with no column keys."""
    doc = _doc()
    row = doc.table3.rows["new"]
    row.cells[0] = row.cells[0]._replace(value=None)
    row.cells[1] = row.cells[1]._replace(value=float("inf"))
    row.cells[2] = row.cells[2]._replace(value=10 ** 400)
    for table in doc.tables():
        for other in table.row_order:
            if table.kind == "table2":
                other.columns = None  # a table 2 row of no known layout
    for code in ("GL303", "GL304", "GL305", "GL306", "GL309", "GL401"):
        rule = _rule(code)
        for finding in rule.run(doc):
            for lang in ("zh", "en"):
                rule.render(finding, lang)


def test_cell_values_reports_a_number_without_value():
    doc = _doc()
    row = doc.table3.rows["new"]
    row.cells[1] = row.cells[1]._replace(value=None)
    findings = list(_rule("GL306").run(doc))
    assert [f.span for f in findings] == [row.cells[1].span]


def test_number_text_is_exact_and_never_raises():
    assert number_text(10 ** 40) == "1" + "0" * 40
    assert number_text(Fraction(1, 3)) == "0.3333"
    assert number_text(-0.5) == "-0.5"
    assert number_text(2.0) == "2"
    assert number_text(float("inf")) == "inf"
    assert number_text(None) == "-"
    assert number_text(10 ** 5000).endswith("…(5001)")  # str() refuses > 4300 digits


def test_text_claim_of_a_huge_number():
    claim = "本年度共收到政府信息公开申请" + "9" * 5000 + "件。\n"
    text = CLEAN.replace("一、总体情况\n", "一、总体情况\n" + claim, 1)
    result = Linter(Options()).lint_bytes(text.encode("utf-8"), "claim.txt")
    assert not result.internal_errors, result.internal_errors


def _mutants(count, seed=7):
    rnd = random.Random(seed)
    texts = [path.read_text(encoding="utf-8") for path in sorted(EXAMPLES.rglob("*.txt"))]
    tokens = ["9" * 40, "-3", "0.5", "1" + "0" * 30 + ".5", "—", "/", "", " ", "3件", "5元", "7个", "\x00", "\x0b",
              "《<甲>》", "国办公开办函〔2021", "电话：", "邮编：1", "@", "-" + "9" * 25]
    for _ in range(count):
        lines = rnd.choice(texts).split("\n")
        for _ in range(rnd.randint(1, 5)):
            index = rnd.randrange(len(lines))
            operation = rnd.randrange(5)
            if operation == 0 and len(lines) > 1:
                del lines[index]
            elif operation == 1:
                lines.insert(index, lines[index])
            elif operation == 2:
                other = rnd.randrange(len(lines))
                lines[index], lines[other] = lines[other], lines[index]
            else:
                cells = lines[index].split("\t")
                where = rnd.randrange(len(cells))
                cells[where] = rnd.choice(tokens) if len(cells) > 1 else cells[where] + rnd.choice(tokens)
                lines[index] = "\t".join(cells)
        yield "\n".join(lines)


def test_mutated_reports_raise_nothing():
    linter = Linter(Options())
    problems = []
    for text in _mutants(120):
        result = linter.lint_bytes(text.encode("utf-8"), "mutant.txt")
        problems.extend(result.internal_errors)
    assert not problems, problems[:3]


# -- regular expressions stay linear on long lines (a guard, not a benchmark) ------------------

def _seconds(text, select):
    linter = Linter(Options(select=select))
    start = time.perf_counter()
    result = linter.lint_bytes(text.encode("utf-8"), "long.txt")
    assert not result.internal_errors
    return time.perf_counter() - start


@pytest.mark.parametrize("line", [
    "根据《" + "<甲>" * 40000 + "。",            # many <x> with no closing 》: the lookahead rescanned the line
    "根据" + "《<甲>" * 30000,
    "根据《" + "甲" * 60000 + "<" + "乙" * 60000,
])
def test_nested_title_marks_on_a_long_line(line):
    text = "某某局2022年政府信息公开工作年度报告\n一、总体情况\n" + line + "\n"
    assert _seconds(text, ["GL205"]) < 1.0


def test_nested_title_marks_still_found_inside_titles_only():
    text = ("某某局2022年政府信息公开工作年度报告\n一、总体情况\n"
            "根据《关于印发<甲>的通知》和<乙>，《丙<丁>》。见<戊>《己》。\n")
    result = Linter(Options(select=["GL205"])).lint_bytes(text.encode("utf-8"), "marks.txt")
    assert [d.data["found"] for d in result.diagnostics] == ["<甲>", "<丁>"]


def test_a_digit_run_longer_than_any_count_is_one_short_cell_value_error():
    result = _lint(_with_new_row("9" * 5000))  # in place of 12: the row and its columns cannot be checked
    long = [d for d in result.diagnostics if d.code == "GL306"]
    assert len(long) == 1 and "5000 位，超过 12 位" in long[0].message and len(long[0].message) < 200
    assert not {"GL303", "GL304", "GL305"} & {d.code for d in result.diagnostics}
