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
from govlint.canon import canon
from govlint.diagnostics import Finding
from govlint.registry import CheckKind, Param, check_kind
from govlint.relation import expand, parse_relation
from govlint.rules.kinds._util import cell_place, column_name, number_text, row_name

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
                yield from self._columns(doc, table, relation, blame)
            else:
                yield from self._rows(doc, table, relation, blame, spec.get("rows"))

    # -- names are columns; one evaluation per row ------------------------------------
    def _rows(self, doc, table, relation, blame, only):
        for row in table.row_order:
            if not row.width_ok or (only and row.key not in only):
                continue

            def resolve(term, row=row):
                if term.kind == "number":
                    return [float(term.value)], None
                cell = row.cell(term.value)
                if cell is None or not cell.is_number or id(cell) in doc.suspect_cells:
                    return None, None
                return [cell.value], cell

            finding = self._evaluate(relation, blame, resolve, lambda name, row=row: row.cell(name),
                                     doc.suspect_cells)
            if finding is None:
                continue
            span, args = finding
            args["where"] = cell_place(table.kind, row, blame)
            args["row"] = row_name(table.kind, row.key, row.label)
            args["column"] = column_name(table.kind, blame)
            yield Finding(span, args)

    # -- names are rows; one evaluation per column -----------------------------------
    def _columns(self, doc, table, relation, blame):
        layout = table.version or doc.format
        keys = canon().t3_keys(layout) if table.kind == "table3" and layout in ("2021", "2019-trial") else \
            [row.key for row in table.row_order]
        expansions = {}
        for _sign, term in relation.left + relation.right:
            if term.kind == "name" and term.value not in keys:
                return
            expansions[term] = expand(term, keys)
        needed = {key for found in expansions.values() for key in found}
        rows = {key: table.rows.get(key) for key in needed}
        if any(row is None or not row.width_ok for row in rows.values()):
            return  # a missing or misaligned row: reported by row-labels / table-shape
        columns = [key for key, _ in canon().data["table3"]["columns"]] if table.kind == "table3" else []
        for column in columns:
            def resolve(term, column=column):
                if term.kind == "number":
                    return [float(term.value)], None
                values = []
                for key in expansions[term]:
                    cell = rows[key].cell(column)
                    if cell is None or not cell.is_number or id(cell) in doc.suspect_cells:
                        return None, None
                    values.append(cell.value)
                return values, None

            finding = self._evaluate(relation, blame, resolve, lambda name, column=column: rows[name].cell(column),
                                     doc.suspect_cells)
            if finding is None:
                continue
            span, args = finding
            args["where"] = cell_place(table.kind, rows[blame], column)
            args["row"] = row_name(table.kind, blame)
            args["column"] = column_name(table.kind, column)
            yield Finding(span, args, related=[rows[key].cell(column).span for key in sorted(needed)
                                               if key != blame and rows[key].cell(column) is not None])

    @staticmethod
    def _evaluate(relation, blame, resolve, cell_of, suspect):
        sides = []
        for side in (relation.left, relation.right):
            values = []
            for sign, term in side:
                resolved, _ = resolve(term)
                if resolved is None:
                    return None  # a blank or bad cell: cell-values reports it
                values.append(sum(resolved))
            sides.append(values)
        left = sum(sign * value for (sign, _), value in zip(relation.left, sides[0]))
        right = sum(sign * value for (sign, _), value in zip(relation.right, sides[1]))
        if relation.holds(left, right):
            return None
        cell = cell_of(blame)
        found = cell.value
        suspect.add(id(cell))
        # Solve the relation for the blamed cell (its coefficient is ±1).
        on_left = any(term.kind == "name" and term.value == blame for _, term in relation.left)
        side = relation.left if on_left else relation.right
        sign = next(s for s, term in side if term.kind == "name" and term.value == blame)
        own, other = (left, right) if on_left else (right, left)
        expected = found + (other - own) * sign
        return cell.span, {
            "found": number_text(found), "expected": number_text(expected),
            "lhs": number_text(left), "rhs": number_text(right),
            "lhs_expr": _render(relation.left, sides[0]), "rhs_expr": _render(relation.right, sides[1]),
            "relation": relation.source, "difference": number_text(abs(left - right)),
        }
