"""cell-relation: an arithmetic relation between named cells, written in the rule pack.

Parameters: ``relations``, a list of ``{table, for_each, expr, blame}``:

* ``table``: table2, table3 or table4;
* ``for_each``: ``row`` (names are column keys: ``total == natural + …``),
  ``column`` (names are row keys: ``new + carried == total + forward``) or
  ``group`` (table 4: one row per group);
* ``expr``: the relation (grammar/relation.lark); ``sum(withheld.*)`` adds
  the rows whose keys match;
* ``blame``: the name whose cell is reported (default: the side that is one name).

A relation is skipped where a cell is blank or not a number (cell-values
reports it), a row has the wrong width (table-shape reports it), or a cell an
earlier relation already blamed takes part (rules run in pack order: row totals,
then outcome totals, then the column balance): one wrong number, one diagnostic.
"""
from __future__ import annotations

import math
from fractions import Fraction

from govlint.rules.api import CheckKind, Finding, Param, check_kind
from govlint.grammar.spec import spec
from govlint.rules.relation import expand, parse_relation
from govlint.rules.kinds._util import cell_place, cell_place_en, column_name, column_name_en, number_text, row_name

_FOR_EACH = ("row", "column", "group")


def _render(side, values) -> str:
    parts = []
    for index, ((sign, _term), value) in enumerate(zip(side, values)):
        text = number_text(value)
        if index == 0:
            parts.append(("-" if sign < 0 else "") + text)
        else:
            parts.append(("- " if sign < 0 else "+ ") + text)
    return " ".join(parts)


def _columns(table) -> list[str] | None:
    """Column keys in cell order, for tables whose rows all share one layout."""
    data = spec().data
    if table.kind == "table3":
        return [key for key, _ in data["table3"]["columns"]]
    if table.kind == "table4":
        return [key for key, _ in data["table4"]["columns"]]
    return None


@check_kind
class CellRelation(CheckKind):
    """Cells obey an arithmetic relation (勾稽关系) written in the rule pack."""

    name = "cell-relation"
    PARAMS = {"relations": Param(list, [], "list of {table, for_each, expr, blame}", required=True)}

    @staticmethod
    def validate_params(params):
        for spec in params["relations"]:
            if not isinstance(spec, dict) or "expr" not in spec or "table" not in spec:
                raise ValueError("each relation needs 'table' and 'expr'")
            if spec["table"] not in ("table2", "table3", "table4"):
                raise ValueError(f"unknown table {spec['table']!r}")
            if spec.get("for_each", "row") not in _FOR_EACH:
                raise ValueError(f"for_each must be one of {', '.join(_FOR_EACH)}")
            relation = parse_relation(spec["expr"])
            blame = spec.get("blame")
            if blame and blame not in relation.names():
                raise ValueError(f"blame {blame!r} is not a name in {spec['expr']!r}")

    def check(self, doc, params):
        for spec in params["relations"]:
            table = getattr(doc, spec["table"])
            if table is None:
                continue
            relation = parse_relation(spec["expr"])
            blame = spec.get("blame") or relation.blame_default()
            if spec.get("for_each", "row") == "column":
                yield from self._by_column(doc, table, relation, blame)
            else:
                yield from self._by_row(doc, table, relation, blame, spec.get("rows"))

    # -- names are columns: one evaluation per row ---------------------------------------
    def _by_row(self, doc, table, relation, blame, only):
        columns = _columns(table)
        suspect = doc.suspect_cells
        terms = relation.left + relation.right
        shared = _indexes(terms, columns) if columns else None  # one layout for every row
        for row in table.row_order:
            if not row.width_ok or (only and row.key not in only):
                continue
            if shared is None and not row.columns:
                continue  # a row of no known layout (an unknown table 2 row)
            indexes = shared or _indexes(terms, row.columns)
            if indexes is None:
                continue
            cells = row.cells
            groups = [None if index is None else [cells[index]] for index in indexes]
            finding = _evaluate(relation, blame, groups, suspect)
            if finding is None:
                continue
            span, args = finding
            args["where"] = cell_place(table.kind, row, blame)
            args["where_en"] = cell_place_en(table.kind, row, blame)
            args["row"] = row_name(table.kind, row.key, row.label)
            args["column"] = column_name(table.kind, blame)
            args["column_en"] = column_name_en(table.kind, blame)
            yield Finding(span, args)

    # -- names are rows: one evaluation per column -----------------------------------------
    def _by_column(self, doc, table, relation, blame):
        layout = table.version or doc.format
        keys = spec().t3_keys(layout) if table.kind == "table3" and layout in ("2021", "2019-trial") else \
            [row.key for row in table.row_order]
        terms = relation.left + relation.right
        expansions = []
        for _sign, term in terms:
            if term.kind == "name" and term.value not in keys:
                return
            expansions.append(expand(term, keys) if term.kind != "number" else None)
        needed = sorted({key for found in expansions if found for key in found})
        rows = {key: table.rows.get(key) for key in needed}
        if any(row is None or not row.width_ok for row in rows.values()):
            return  # a missing or misaligned row: reported by row-labels / table-shape
        row_cells = [[rows[key].cells for key in found] if found is not None else None for found in expansions]
        suspect = doc.suspect_cells
        for index, column in enumerate(_columns(table) or []):
            groups = [[cells[index] for cells in found] if found is not None else None for found in row_cells]
            finding = _evaluate(relation, blame, groups, suspect)
            if finding is None:
                continue
            span, args = finding
            args["where"] = cell_place(table.kind, rows[blame], column)
            args["where_en"] = cell_place_en(table.kind, rows[blame], column)
            args["row"] = row_name(table.kind, blame)
            args["column"] = column_name(table.kind, column)
            args["column_en"] = column_name_en(table.kind, column)
            related = [rows[key].cells[index].span for key in needed if key != blame]
            yield Finding(span, args, related=related)


def _indexes(terms, columns):
    """Cell index of each name term (None for a number), or None if a name is not a column."""
    position = {key: index for index, key in enumerate(columns)}
    indexes = []
    for _sign, term in terms:
        if term.kind == "number":
            indexes.append(None)
        elif term.value in position:
            indexes.append(position[term.value])
        else:
            return None
    return indexes


def _exact(value):
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


def _evaluate(relation, blame, groups, suspect):
    """None if the relation holds or cannot be evaluated; else (span, message args).

    ``groups`` gives, term by term (left side then right), the cells a term stands
    for, or None for a number written in the relation."""
    values = []
    blamed = None
    for (_sign, term), cells in zip(relation.left + relation.right, groups):
        if cells is None:
            number = _exact(term.value)
            if number is None:
                return None
            values.append(number)
            continue
        total = 0
        for cell in cells:
            if cell.kind != "NUM" or id(cell) in suspect:
                return None  # a blank, bad or already blamed cell
            value = _exact(cell.value)
            if value is None:
                return None  # not a finite number after all: cell-values reports it
            total += value
        if term.value == blame and term.kind == "name":
            blamed = cells[0]
        values.append(total)
    split = len(relation.left)
    left = sum(sign * value for (sign, _), value in zip(relation.left, values[:split]))
    right = sum(sign * value for (sign, _), value in zip(relation.right, values[split:]))
    if _holds(relation.comparator, left - right):
        return None
    if blamed is None:
        return None  # the blamed name is not a cell of this row or column
    found = _exact(blamed.value)
    suspect.add(id(blamed))
    # Solve the relation for the blamed cell (its coefficient is ±1).
    on_left = any(term.kind == "name" and term.value == blame for _, term in relation.left)
    side = relation.left if on_left else relation.right
    sign = next(s for s, term in side if term.kind == "name" and term.value == blame)
    own, other = (left, right) if on_left else (right, left)
    expected = found + (other - own) * sign
    return blamed.span, {
        "found": number_text(found), "expected": number_text(expected),
        "lhs": number_text(left), "rhs": number_text(right),
        "lhs_expr": _render(relation.left, values[:split]), "rhs_expr": _render(relation.right, values[split:]),
        "relation": relation.source, "difference": number_text(abs(left - right)),
    }


def _holds(comparator: str, difference) -> bool:
    """The relation left <comparator> right, decided exactly on left - right."""
    if comparator == "==":
        return difference == 0
    if comparator == ">=":
        return difference >= 0
    if comparator == "<=":
        return difference <= 0
    return difference != 0
