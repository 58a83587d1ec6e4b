"""cell-relation: an arithmetic relation between named cells, written in the rule pack.

Parameters: ``relations``, a list of ``{table, for_each, expr, blame}``:

* ``table``: table2, table3 or table4;
* ``for_each``: ``row`` (names are column keys: ``total == natural + …``),
  ``column`` (names are row keys: ``new + carried == total + forward``) or
  ``group`` (table 4: one row per group);
* ``expr``: the relation (grammar/relation.lark); ``sum(withheld.*)`` adds
  the rows whose keys match;
* ``blame``: the name whose cell is reported (default: the side that is one name).

One wrong number, one diagnostic
--------------------------------
A wrong number usually breaks several relations.  A wrong "（七）总计" total in table 3 breaks
its row (total == natural + …, GL303), its column (total == granted + …, GL305) and the column
balance (new + carried == total + forward, GL304).  Three diagnostics for one typo would send the
reader to three places, two of them right.  So:

* every failure is **charged** to one cell, the relation's ``blame`` cell, which the diagnostic
  points at;
* a relation through a cell already charged is **not evaluated**: its failure would be a
  consequence of the earlier one, not a new wrong number;
* "earlier" is a fixed order: the relations of all cell-relation rules are evaluated in **one
  pass** (``TableArithmetic``), rule by rule in rule order (packs in order, rules in pack order:
  row totals GL303, outcome totals GL305, column balance GL304), inside a rule relation by
  relation, row by row or column by column.

The engine (``govlint.lint.linter``, "table arithmetic") runs that pass once per document over
*every* cell-relation rule configured for the document's format, selected or not, and only then
keeps the findings of the selected rules.  What a rule reports is therefore a function of the
document and the configured rule set, never of ``--select``/``--ignore``: ignoring GL303 hides
its diagnostic, it does not hand the wrong total to GL305.  A rule run on its own
(``CellRelation.check``, as the pack examples are) gets a pass of its own.

Cells left out of the arithmetic are decided by the document alone, so they too are the same
whatever is selected: a non-numeric cell (cell-values, GL306, reports it) and every cell of a row
of the wrong width (table-shape, GL307) take part in no relation.

Blank cells (GL306) are how HTML and Word exports write 0.  A blank *part* counts as 0, but only
where the relation has something written to compare: its blamed cell (the total) is a number and
so is at least one other cell.  A relation whose blamed cell is blank, or whose other cells are all
blank (a column of totals an export left empty), is not evaluated.  A failure that counted a blank
as 0 is the case ``blank_as_zero`` (a warning by default, its message says so): a blank may also be
a number someone forgot, so the reading is less sure than with every cell written.
"""
from __future__ import annotations

import math
import operator
from fractions import Fraction
from functools import lru_cache
from typing import Any, Callable, Iterator, Optional, Sequence

from govlint.grammar.spec import TABLE_FORMATS, TABLES, spec
from govlint.model import Cell, Document, Row, Table
from govlint.rules.api import CheckKind, Finding, Param, Span, check_kind
from govlint.rules.kinds._util import cell_place, cell_place_en, column_name, column_name_en, number_text, row_name
from govlint.rules.relation import Relation, Term, expand, parse_relation

_FOR_EACH = ("row", "column", "group")

# The cells each term of a relation stands for, left side then right (None: a number written
# in the relation).  A row total's terms stand for one cell each; sum(withheld.*) for several.
CellGroups = Sequence[Optional[Sequence[Cell]]]



@check_kind
class CellRelation(CheckKind):
    """Cells obey an arithmetic relation (勾稽关系) written in the rule pack."""

    name = "cell-relation"
    JOINT = True  # one wrong number, one diagnostic: the rules share the cells already charged
    FIELDS = ("where", "where_en", "row", "column", "column_en", "found", "expected", "lhs", "rhs",
              "lhs_expr", "rhs_expr", "relation", "difference", "blanks")
    CASES = ("blank_as_zero",)
    PARAMS = {"relations": Param(list, [], "list of {table, for_each, expr, blame}", required=True)}

    @staticmethod
    def validate_params(params: dict) -> None:
        for relation_spec in params["relations"]:
            if not isinstance(relation_spec, dict) or "expr" not in relation_spec or "table" not in relation_spec:
                raise ValueError("each relation needs 'table' and 'expr'")
            if relation_spec["table"] not in TABLES:
                raise ValueError(f"unknown table {relation_spec['table']!r}")
            if relation_spec.get("for_each", "row") not in _FOR_EACH:
                raise ValueError(f"for_each must be one of {', '.join(_FOR_EACH)}")
            relation = parse_relation(relation_spec["expr"])
            blame = relation_spec.get("blame")
            if blame and blame not in relation.names():
                raise ValueError(f"blame {blame!r} is not a name in {relation_spec['expr']!r}")

    def check(self, doc: Document, params: dict) -> Iterator[Finding]:
        """The rule on its own: a pass of its own, no other rule's charged cells."""
        return TableArithmetic(doc).check(params)

    def joint_pass(self, doc: Document) -> Callable[[dict], Iterator[Finding]]:
        """The rules of this kind together: one pass, shared charged cells."""
        return TableArithmetic(doc).check


class TableArithmetic:
    """One pass of table arithmetic over a document (see the module docstring).

    Feed it the rules' parameters in rule order, one ``check`` at a time, each consumed to the
    end before the next: a relation through a cell an earlier failure was charged to is not
    evaluated."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.charged: set[int] = set()  # id() of every cell a failure has been charged to so far

    def check(self, params: dict) -> Iterator[Finding]:
        """The findings of one cell-relation rule, given the failures charged before it."""
        for relation_spec in params["relations"]:
            table = getattr(self.doc, relation_spec["table"])
            if table is None or table.inseparable:
                continue  # cells run together that cannot be separated: no arithmetic on the table
            relation, signed, default_blame = _parsed(relation_spec["expr"])
            blame = relation_spec.get("blame") or default_blame
            if relation_spec.get("for_each", "row") == "column":
                yield from self._by_column(table, relation, blame, signed)
            else:
                yield from self._by_row(table, relation, blame, relation_spec.get("rows"), signed)

    def _failure(self, relation: Relation, blame: str | None, groups: CellGroups) -> tuple[Span, dict] | None:
        """Evaluate the relation on ``groups``; a failure is charged to its blamed cell."""
        failure = _evaluate(relation, blame, groups, self.charged)
        if failure is None:
            return None
        blamed, args = failure
        self.charged.add(id(blamed))
        if args["blanks"]:
            # The blanks counted as 0 are as suspect as the total: a relation through them is not
            # evaluated again (a number left out would otherwise fail its column too).
            self.charged.update(id(cell) for cells in groups if cells for cell in cells if cell.kind == "BLANK")
        return blamed.span, args

    # -- names are columns: one evaluation per row ---------------------------------------
    def _by_row(self, table: Table, relation: Relation, blame: str | None,
                only: list | None, signed: list[int] | None) -> Iterator[Finding]:
        columns = _columns(table)
        terms = relation.left + relation.right
        shared = _indexes(terms, columns) if columns else None  # one layout for every row
        comparator = relation.comparator
        charged = self.charged
        split = _split(signed, shared) if signed is not None and shared is not None else None
        for row in table.row_order:
            if len(row.cells) != row.expected_width or (only and row.key not in only):
                continue  # (not width_ok: table-shape reports the row)
            if shared is None and not row.columns:
                continue  # a row of no known layout (an unknown table 2 row)
            indexes = shared or _indexes(terms, row.columns or [])
            if indexes is None:
                continue
            cells = row.cells
            if split is not None and not charged:
                # _holds_plainly on a row of written whole numbers, no cell charged yet: two C sums
                values = row.whole_values()  # computed once per row (model.Row)
                if values is not None:
                    if _holds(comparator, sum(map(values.__getitem__, split[0]))
                              - sum(map(values.__getitem__, split[1]))):
                        continue
                elif _holds_plainly(comparator, signed, indexes, cells, charged):  # type: ignore[arg-type]
                    continue
            elif signed is not None and _holds_plainly(comparator, signed, indexes, cells, charged):
                continue
            groups = [None if index is None else [cells[index]] for index in indexes]
            failure = self._failure(relation, blame, groups)
            if failure is None:
                continue
            span, args = failure
            args["where"] = cell_place(table.kind, row, blame)
            args["where_en"] = cell_place_en(table.kind, row, blame)
            args["row"] = row_name(table.kind, row.key, row.label)
            args["column"] = column_name(table.kind, blame)
            args["column_en"] = column_name_en(table.kind, blame)
            yield Finding(span, args, case="blank_as_zero" if args["blanks"] else None)

    # -- names are rows: one evaluation per column -----------------------------------------
    def _by_column(self, table: Table, relation: Relation, blame: str | None,
                   signed: list[int] | None) -> Iterator[Finding]:
        layout = table.version or self.doc.format
        keys = spec().t3_keys(layout) if table.kind == "table3" and layout in TABLE_FORMATS else \
            [row.key for row in table.row_order]
        terms = relation.left + relation.right
        expansions: list[list[str] | None] = []
        key_set = set(keys)
        key_tuple = tuple(keys)
        for _sign, term in terms:
            if term.kind == "name" and term.value not in key_set:
                return
            expansions.append(_expand(term, key_tuple) if term.kind != "number" else None)
        needed = sorted({key for found in expansions if found for key in found})
        found_rows = {key: table.rows.get(key) for key in needed}
        for found_row in found_rows.values():
            if found_row is None or len(found_row.cells) != found_row.expected_width:
                return  # a missing or misaligned row (not width_ok): reported by row-labels / table-shape
        rows: dict[str, Row] = {key: row for key, row in found_rows.items() if row is not None}
        row_cells = [[rows[key].cells for key in found] if found is not None else None for found in expansions]
        charged = self.charged
        columns = _columns(table) or []
        comparator = relation.comparator
        # The relation's difference in every column at once, when its rows are all written whole
        # numbers (the common case); used while no cell is charged (a failure may charge one).
        differences = None
        if signed is not None and not charged:
            differences = self._column_differences(signed, expansions, rows, len(columns))
        for index, column in enumerate(columns):
            if differences is not None and not charged:
                if _holds(comparator, differences[index]):
                    continue
            elif signed is not None and _column_holds_plainly(comparator, signed, row_cells, index, charged):
                continue
            groups = [[cells[index] for cells in found] if found is not None else None for found in row_cells]
            failure = self._failure(relation, blame, groups)
            if failure is None or blame is None:
                continue
            span, args = failure
            args["where"] = cell_place(table.kind, rows[blame], column)
            args["where_en"] = cell_place_en(table.kind, rows[blame], column)
            args["row"] = row_name(table.kind, blame)
            args["column"] = column_name(table.kind, column)
            args["column_en"] = column_name_en(table.kind, column)
            related = [rows[key].cells[index].span for key in needed if key != blame]
            yield Finding(span, args, related=related, case="blank_as_zero" if args["blanks"] else None)


    def _column_differences(self, signs: list[int], expansions: list, rows: dict[str, Row],
                            width: int) -> list | None:
        """left - right of a relation between rows, per column, when every cell of its rows is a
        written whole number and each row has ``width`` cells (else None: decided column by column)."""
        totals = [0] * width
        for sign, found in zip(signs, expansions):
            for key in found:
                row = rows[key]
                values = row.whole_values()
                if values is None or len(values) < width:
                    return None
                if sign == 1:
                    totals = list(map(operator.add, totals, values))
                elif sign == -1:
                    totals = list(map(operator.sub, totals, values))
                else:
                    return None
        return totals


@lru_cache(maxsize=256)
def _parsed(expr: str) -> tuple[Relation, list[int] | None, str | None]:
    """A relation of the rule pack, the sign of each term (_signs) and its default blame: once per text."""
    relation = parse_relation(expr)
    return relation, _signs(relation), relation.blame_default()


@lru_cache(maxsize=1024)
def _expand(term: Term, keys: tuple) -> list[str]:
    """expand(), once per term and row layout (callers do not change the list)."""
    return expand(term, keys)


def _split(signs: list[int], indexes: list) -> tuple[list[int], list[int]] | None:
    """The cell indexes of the terms added and of those subtracted (None: a coefficient not ±1)."""
    added: list[int] = []
    subtracted: list[int] = []
    for sign, index in zip(signs, indexes):
        if sign == 1:
            added.append(index)
        elif sign == -1:
            subtracted.append(index)
        else:
            return None
    return added, subtracted


def _columns(table: Table) -> list[str] | None:
    """Column keys in cell order, for tables whose rows all share one layout."""
    if table.kind == "table3":
        return spec().t3_columns()
    if table.kind == "table4":
        return spec().t4_columns()
    return None


def _indexes(terms: tuple, columns: list) -> list[int | None] | None:
    """Cell index of each name term (None for a number), or None if a name is not a column."""
    position = {key: index for index, key in enumerate(columns)}
    indexes: list[int | None] = []
    for _sign, term in terms:
        if term.kind == "number":
            indexes.append(None)
        elif term.value in position:
            indexes.append(position[term.value])
        else:
            return None
    return indexes


def _signs(relation: Relation) -> list[int] | None:
    """The sign each term takes in left - right, when every term names a cell (no number)."""
    if any(term.kind == "number" for _sign, term in relation.left + relation.right):
        return None
    return [sign for sign, _term in relation.left] + [-sign for sign, _term in relation.right]


def _holds_plainly(comparator: str, signs: list[int], indexes: list, cells: list, charged: set[int]) -> bool:
    """True when the relation holds on cells that are all written whole numbers, none charged with
    a failure: the common case, decided without building groups.  False says nothing (the full
    evaluation decides: blanks, other numbers, a failure and its message)."""
    difference = 0
    for sign, index in zip(signs, indexes):
        cell = cells[index]
        value = cell.value
        if cell.kind != "NUM" or type(value) is not int or id(cell) in charged:
            return False
        difference += sign * value
    return _holds(comparator, difference)


def _column_holds_plainly(comparator: str, signs: list[int], row_cells: list, index: int, charged: set[int]) -> bool:
    """_holds_plainly for a relation between rows, in column ``index`` (each term a group of rows)."""
    difference = 0
    for sign, group in zip(signs, row_cells):
        for cells in group:
            cell = cells[index]
            value = cell.value
            if cell.kind != "NUM" or type(value) is not int or id(cell) in charged:
                return False
            difference += sign * value
    return _holds(comparator, difference)


def _exact(value: object) -> int | Fraction | None:
    """A cell's or a relation's number as an exact int or Fraction (None if it is not a finite number).

    Reports hold whole numbers of any length (a PDF can run cells together into a 40-digit
    "number"); floats would overflow or round, so the arithmetic is done on integers and
    fractions only."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, Fraction):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            return None
        return int(value) if value.is_integer() else Fraction(repr(value))
    try:
        text = str(value).strip()
        return int(text) if text.lstrip("+-").isdigit() else Fraction(text)
    except (ValueError, ZeroDivisionError):
        return None


def _evaluate(relation: Relation, blame: str | None, groups: CellGroups,
              charged: set[int]) -> tuple[Cell, dict[str, Any]] | None:
    """None if the relation holds or is not evaluated; else (the blamed cell, message args).

    Not evaluated: a cell is not a number or already charged with an earlier failure; the blamed
    cell is blank; every other cell is blank.  Other blanks count as 0 (see the module docstring)."""
    values: list[Any] = []
    blamed: Cell | None = None
    blanks = written = 0
    for (_sign, term), cells in zip(relation.left + relation.right, groups):
        if cells is None:
            number = _exact(term.value)
            if number is None:
                return None
            values.append(number)
            continue
        total: Any = 0
        is_blamed = term.value == blame and term.kind == "name"  # _is_blamed, inline: this loop is hot
        for cell in cells:
            if cell.kind != "NUM" or id(cell) in charged:
                if cell.kind == "BLANK" and not is_blamed and id(cell) not in charged:
                    blanks += 1  # an export's 0
                    continue
                return None  # a bad or already charged cell, or a blank total
            value = cell.value
            if type(value) is not int:  # nearly every cell is an int: no call for it (a hot loop)
                value = _exact(value)
                if value is None:
                    return None  # not a finite number after all: cell-values reports it
            total += value
            written += not is_blamed
        if is_blamed:
            blamed = cells[0]
        values.append(total)
    if blanks and not written:
        return None  # nothing written to compare the total with
    split = len(relation.left)
    left = sum(sign * value for (sign, _), value in zip(relation.left, values[:split]))
    right = sum(sign * value for (sign, _), value in zip(relation.right, values[split:]))
    if _holds(relation.comparator, left - right):
        return None
    if blamed is None:
        return None  # the blamed name is not a cell of this row or column
    found: Any = _exact(blamed.value)  # the blamed cell's number
    # Solve the relation for the blamed cell (its coefficient is ±1).
    on_left = any(_is_blamed(term, blame) for _, term in relation.left)
    side = relation.left if on_left else relation.right
    sign = next(s for s, term in side if _is_blamed(term, blame))
    own, other = (left, right) if on_left else (right, left)
    expected = found + (other - own) * sign
    return blamed, {
        "found": number_text(found), "expected": number_text(expected),
        "lhs": number_text(left), "rhs": number_text(right),
        "lhs_expr": _render(relation.left, values[:split]), "rhs_expr": _render(relation.right, values[split:]),
        "relation": relation.source, "difference": number_text(abs(left - right)), "blanks": blanks,
    }


def _is_blamed(term: Term, blame: str | None) -> bool:
    return term.kind == "name" and term.value == blame


def _holds(comparator: str, difference: Any) -> bool:
    """The relation left <comparator> right, decided exactly on left - right."""
    if comparator == "==":
        return bool(difference == 0)
    if comparator == ">=":
        return bool(difference >= 0)
    if comparator == "<=":
        return bool(difference <= 0)
    return bool(difference != 0)


def _render(side: tuple, values: list) -> str:
    parts = []
    for index, ((sign, _term), value) in enumerate(zip(side, values)):
        text = number_text(value)
        if index == 0:
            parts.append(("-" if sign < 0 else "") + text)
        else:
            parts.append(("- " if sign < 0 else "+ ") + text)
    return " ".join(parts)
