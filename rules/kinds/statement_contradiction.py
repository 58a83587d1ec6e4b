"""statement-contradiction: a statement of the prose that its own tables contradict (GL405).

The statements are the document tree's (``doc.statements``, found once by govlint.parse.statements
from the lexicon grammar/statements.yaml); what each requires of the tables is the lexicon's
``requires`` (e.g. 均获维持: table 4 纠正 = 其他 = 尚未审结 = 0 for the groups it speaks of).  This
kind reads no text itself.

Say less when unsure: a statement of a part of the body, a wider area or another year is not
compared; a missing table, a row of the wrong width, a blank or non-numeric cell says nothing.
One finding per statement, naming every cell that contradicts it; a row's total that contradicts
stands for its parts (they are not listed again).
"""
from __future__ import annotations

from govlint.grammar.spec import extended_statement_lexicon, statement_lexicon
from govlint.rules.api import CheckKind, Finding, Param, check_kind
from govlint.rules.kinds._util import (
    SHORT_TABLE,
    SHORT_TABLE_EN,
    column_name,
    column_name_en,
    is_value,
    number_text,
    row_name,
)

TOTAL = "total"  # the column key of a row's total (tables 3 and 4): it speaks for the row's other cells


@check_kind
class StatementContradiction(CheckKind):
    """A statement of the body's prose (均获维持, 未发生行政复议 …) that its tables contradict."""

    name = "statement-contradiction"
    FIELDS = ("statement", "statement_id", "cells", "cells_en")
    CASES = ("loose",)
    PARAMS = {
        "statements": Param(list, [], "the lexicon's statement ids to compare (empty: every one)"),
        "loose": Param(list, [], "statement ids often written loosely (均已办结 beside a case carried "
                                 "forward): reported as case 'loose'"),
        "extend": Param(dict, {}, "subjects and statements added to grammar/statements.yaml's, in its shape "
                                  "({subjects: {…}, statements: {…}}; an id of the file replaces its entry)"),
    }

    @staticmethod
    def validate_params(params):
        known = _lexicon(params).statements
        for name in ("statements", "loose"):
            for statement in params[name]:
                if statement not in known:
                    raise ValueError(f"{name}: {statement!r} is not a statement of grammar/statements.yaml "
                                     f"({', '.join(known)})")

    def check(self, doc, params):
        lexicon = _lexicon(params)
        wanted = set(params["statements"])
        for statement in (doc.statements_of(lexicon) if params["extend"] else doc.statements):
            if statement.scope != "body" or (wanted and statement.id not in wanted):
                continue
            contradicting = []
            for table_kind, row_key, columns, value in lexicon.required_cells(statement.id, statement.subjects):
                contradicting.extend(_contradicting(getattr(doc, table_kind), table_kind, row_key, columns, value))
            kind = lexicon.statements[statement.id]
            if kind.contradicted_by:
                stated = _stated(doc, kind.contradicted_by, _subject_words(lexicon, statement.subjects))
                if stated:
                    yield Finding(statement.span, {
                        "statement": statement.text, "statement_id": statement.id,
                        "cells": "、".join(f"正文另称“{quantity.phrase}”" for quantity in stated),
                        "cells_en": ", ".join(f"the text also says \"{quantity.phrase}\"" for quantity in stated)},
                        case="loose" if statement.id in params["loose"] else None,
                        related=[quantity.span for quantity in stated])
                    continue
            if not contradicting:
                continue
            args = {"statement": statement.text, "statement_id": statement.id,
                    "cells": _cells_zh(contradicting), "cells_en": _cells_en(contradicting)}
            yield Finding(statement.span, args, case="loose" if statement.id in params["loose"] else None,
                          related=[cell.span for _table, _row, _column, cell in contradicting])


def _subject_words(lexicon, subjects) -> tuple[str, ...]:
    return tuple(word for name in subjects for word in lexicon.subjects[name].words)


def _stated(doc, measures, subject_words) -> list:
    """The body's own figures for the report year, of one of ``measures``, above 0, whose phrase
    names a subject word (信息处理费 — not 行政事业性收费): what the text states against itself."""
    return [quantity for quantity in doc.quantities
            if quantity.measure in measures and quantity.scope == "body" and quantity.year == doc.year
            and not (quantity.change or quantity.cumulative or quantity.ambiguous)
            and is_value(quantity.value) and quantity.value > 0
            and any(word in quantity.phrase for word in subject_words)]


def _contradicting(table, table_kind: str, row_key: str, columns, value) -> list:
    """(table, row key, column, cell) of the row's cells in ``columns`` that are numbers other than
    ``value``; a total among them stands for the rest."""
    row = table.rows.get(row_key) if table is not None else None
    if row is None or not row.width_ok:
        return []
    found = []
    for column in columns:
        cell = row.cell(column)
        if cell is not None and cell.is_number and is_value(cell.value) and cell.value != value:
            found.append((table_kind, row_key, column, cell))
    totals = [item for item in found if item[2] == TOTAL]
    return totals or found


def _cells_zh(cells) -> str:
    """表四“行政复议”组“尚未审结”为 2、“未经复议直接起诉”组“尚未审结”为 1"""
    parts, last_table = [], None
    for table_kind, row_key, column, cell in cells:
        where = "" if table_kind == last_table else SHORT_TABLE[table_kind]
        last_table = table_kind
        unit = "组" if table_kind == "table4" else "行"
        parts.append(f"{where}“{row_name(table_kind, row_key)}”{unit}“{column_name(table_kind, column)}”为 "
                     f"{number_text(cell.value)}")
    return "、".join(parts)


def _cells_en(cells) -> str:
    """table 4, group "行政复议", column "尚未审结" (pending) is 2; group "未经复议直接起诉", … is 1"""
    parts, last_table = [], None
    for table_kind, row_key, column, cell in cells:
        where = "" if table_kind == last_table else f"{SHORT_TABLE_EN[table_kind]}, "
        last_table = table_kind
        unit = "group" if table_kind == "table4" else "row"
        parts.append(f"{where}{unit} \"{row_name(table_kind, row_key)}\", column {column_name_en(table_kind, column)} "
                     f"is {number_text(cell.value)}")
    return "; ".join(parts)


def _lexicon(params):
    """The built-in lexicon, or the one the rule's ``extend`` parameter adds to (found once per document
    by Document.statements_of)."""
    return extended_statement_lexicon(params["extend"]) if params["extend"] else statement_lexicon()
