"""Rules don't lean on each other: what a rule reports never depends on which other rules are selected.

"One wrong number, one diagnostic" (govlint.rules.kinds.cell_relation) charges every arithmetic
failure to one cell and skips the relations through it.  The engine decides that over every
configured rule, selected or not, so:

* ignoring a table rule removes that rule's diagnostics and changes no other rule's (it never
  makes GL305 report the cell GL303 was charged with);
* a rule selected alone reports exactly what it reports in the full run.

Checked on examples/, the real reports in ../shared/seeds, and variants of
examples/clean-2021.txt with a cell or two changed (a number off by one, a blank, a dash,
a missing or extra cell).
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import EXAMPLES, SEEDS, lint_text
from govlint.lint.linter import Linter, Options
from govlint.rules.kinds.cell_relation import CellRelation

CLEAN = EXAMPLES / "clean-2021.txt"
ALL_RULES = Linter(Options()).all_rules()
# The table rules, and every rule of the arithmetic pass (a pack may add cell-relation rules).
TABLE_RULES = sorted({rule.code for rule in ALL_RULES
                      if rule.family == "table" or isinstance(rule.kind, CellRelation)})


# -- the documents ------------------------------------------------------------------------------

# Table 3 rows by the start of their line in clean-2021.txt, and table 4's one line of 15 values.
_ROWS = {"new": "一、本年新收", "carried": "二、上年结转", "granted": "三、本年度办理结果", "unavailable.1": "(四) 无法提供",
         "total": "(七) 总计", "forward": "四、结转下年度"}
_TABLE4 = re.compile(r"\d+(\t\d+){14}")
NATURAL, BUSINESS, TOTAL = 0, 1, 6         # table 3 columns (7 values a row)
T4_REVIEW_UPHELD, T4_REVIEW_TOTAL = 0, 4   # table 4: the review group's first and last columns
_CHANGED = {"plus1": lambda value: str(int(value) + 1), "minus1": lambda value: str(abs(int(value) - 1)),
            "dash": lambda value: "—", "negative": lambda value: f"-{int(value) + 1}",
            "fraction": lambda value: f"{value}.5"}


def _change(text: str, row: str, column: int, how: str) -> str:
    """``text`` with the ``column``-th value of ``row`` (a table 3 row key, or "table4") changed:
    ``how`` is a key of _CHANGED, "blank", "drop" (the row loses the cell) or "extra" (doubled)."""
    lines = text.split("\n")
    if row == "table4":
        n, width = next(n for n, line in enumerate(lines) if _TABLE4.fullmatch(line)), 15
    else:
        n, width = next(n for n, line in enumerate(lines) if line.startswith(_ROWS[row])), 7
    fields = lines[n].split("\t")
    index = len(fields) - width + column
    if how == "blank":  # only a pipe table has blank cells: the row is written as one
        fields[index] = ""
        lines[n] = "| " + " | ".join(fields) + " |"
        return "\n".join(lines)
    if how == "drop":
        del fields[index]
    elif how == "extra":
        fields.insert(index, fields[index])
    else:
        fields[index] = _CHANGED[how](fields[index])
    lines[n] = "\t".join(fields)
    return "\n".join(lines)


def _variants() -> list:
    """A few dozen deterministic variants of the clean report, each one or two cells changed."""
    text = CLEAN.read_text(encoding="utf-8")
    cells = [(row, column) for row in _ROWS for column in (NATURAL, TOTAL)]
    cells += [("table4", T4_REVIEW_UPHELD), ("table4", T4_REVIEW_TOTAL)]
    found = []
    for (row, column) in cells:
        for how in ("plus1", "minus1", "blank", "dash", "drop"):
            found.append(pytest.param(_change(text, row, column, how), id=f"{row}.{column}-{how}"))
    for how in ("negative", "fraction", "extra"):
        found.append(pytest.param(_change(text, "total", NATURAL, how), id=f"total.0-{how}"))
    pairs = [  # two wrong numbers: which failure is charged first decides what the others report
        (("total", TOTAL), ("forward", TOTAL)), (("new", NATURAL), ("total", NATURAL)),
        (("granted", NATURAL), ("granted", TOTAL)), (("total", NATURAL), ("total", BUSINESS)),
        (("new", TOTAL), ("carried", TOTAL)), (("granted", TOTAL), ("forward", NATURAL)),
    ]
    for first, second in pairs:
        changed = _change(_change(text, *first, "plus1"), *second, "plus1")
        found.append(pytest.param(changed, id=f"{first[0]}.{first[1]}+{second[0]}.{second[1]}-plus1"))
    return found


def _files() -> list:
    paths = sorted(EXAMPLES.rglob("*.txt")) + SEEDS
    return [pytest.param(path.read_text(encoding="utf-8"), id=_name(path)) for path in paths]


def _name(path: Path) -> str:
    return str(path.relative_to(EXAMPLES)) if EXAMPLES in path.parents else path.name


DOCUMENTS = _files() + _variants()


# -- the checks ---------------------------------------------------------------------------------

def _diagnostics(text: str, **options) -> dict[str, list[tuple]]:
    """Code → what the user sees of each of its diagnostics (place, message), linted as clean-2021.txt."""
    result = Linter(Options(**options)).lint_bytes(text.encode("utf-8"), str(CLEAN))
    assert result.error is None and result.internal_errors == []
    found: dict[str, list[tuple]] = {}
    for diag in result.diagnostics:
        found.setdefault(diag.code, []).append((result.source.position(diag.span.start), diag.message))
    return found


@pytest.mark.parametrize("text", DOCUMENTS)
def test_ignoring_a_table_rule_changes_no_other_rules_diagnostics(text):
    full = _diagnostics(text)
    for ignored in TABLE_RULES:
        without = _diagnostics(text, ignore=[ignored])
        assert ignored not in without
        for code in sorted(set(full) | set(without)):
            if code != ignored:
                assert without.get(code) == full.get(code), f"--ignore {ignored} changed {code}"


@pytest.mark.parametrize("text", DOCUMENTS)
def test_a_table_rule_selected_alone_reports_what_it_reports_in_the_full_run(text):
    full = _diagnostics(text)
    for code in TABLE_RULES:
        assert _diagnostics(text, select=[code]) == ({code: full[code]} if code in full else {}), \
            f"--select {code}"


def test_the_variants_break_the_arithmetic_in_more_than_one_way():
    """The variants are worth checking: between them, every arithmetic rule reports, and some
    variants break relations of two rules through one cell."""
    reported = set()
    for param in _variants():
        reported |= set(_diagnostics(param.values[0]))
    arithmetic = {rule.code for rule in ALL_RULES if isinstance(rule.kind, CellRelation)}
    assert arithmetic <= reported and {"GL306", "GL307"} <= reported


def test_ignoring_the_row_total_does_not_hand_its_cell_to_the_outcome_total(linter):
    """The issue's case: examples/defects/table.txt's (七) total 16 instead of 15 is GL303's.
    Without GL303 the wrong total is not reported again as GL305 (nor as GL304)."""
    text = (EXAMPLES / "defects" / "table.txt").read_text(encoding="utf-8")
    assert [code for code in _diagnostics(text) if code.startswith("GL30")] == ["GL306", "GL303"]
    assert list(_diagnostics(text, ignore=["GL303"])) == ["GL306"]
    assert _diagnostics(text, select=["GL305"]) == {}


def test_a_rule_run_on_its_own_has_a_pass_of_its_own(linter):
    """Rule.run (the pack examples, plug-in tests) is the rule alone: the outcome total GL305 is
    reported where the row total GL303 would be charged first in a full run."""
    result = lint_text(linter, (EXAMPLES / "defects" / "table.txt").read_text(encoding="utf-8"))
    gl305 = next(rule for rule in ALL_RULES if rule.code == "GL305")
    alone = list(gl305.run(result.doc))
    assert [result.source.position(finding.span.start) for finding in alone] == [(64, 21)]
    assert list(gl305.run(result.doc)) == alone  # and running it twice changes nothing
