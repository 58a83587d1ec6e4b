"""Cross-document checks of the tables: this year's report against last year's of the same body.

* ``carry-over`` (GL801): table 3's 二、上年结转 this year = 四、结转下年度继续办理 last year, per column;
* ``documents-in-force`` (GL802): table 2's 现行有效 this year = 现行有效 last year + 制发 − 废止 this year
  (规章, 行政规范性文件; the 2021 format: the 2019 trial format has no such columns);
* ``figures-unchanged`` (GL805): a whole table carrying exactly last year's numbers.

Only plain numbers are compared: a blank, a mark or a row of the wrong width says nothing.
"""
from __future__ import annotations

import marshal
import zlib

from govlint.grammar.spec import spec
from govlint.rules.api import Finding, Param, Span, check_kind
from govlint.rules.kinds._util import number_text, row_name
from govlint.rules.kinds._across import AcrossKind, bytes_digest, file_name, number, place_names, whole_rows


@check_kind
class CarryOver(AcrossKind):
    """Table 3: each column of this year's 二、上年结转 equals last year's 四、结转下年度继续办理."""

    name = "carry-over"
    FIELDS = ("where", "where_en", "found", "expected", "last_row", "last_file")

    def extract(self, doc, fingerprint, params) -> None:
        table = doc.table3
        if table is None:
            return
        facts: dict = {}
        carried, forward = table.rows.get("carried"), table.rows.get("forward")
        if carried is not None and carried.width_ok and carried.columns:
            facts["carried"] = {column: (value, fingerprint.place(doc.source, cell.start, cell.end).start)
                                for column, cell in zip(carried.columns, carried.cells)
                                if (value := number(cell)) is not None}
        if forward is not None and forward.width_ok and forward.columns:
            facts["forward"] = {column: value for column, cell in zip(forward.columns, forward.cells)
                                if (value := number(cell)) is not None}
        if facts:
            fingerprint.facts[self.name] = facts

    def check_pair(self, this, last, params):
        carried = this.facts.get(self.name, {}).get("carried", {})
        forward = last.facts.get(self.name, {}).get("forward", {})
        columns = [column for column in spec().t3_columns() if column in carried and column in forward]
        differ = [column for column in columns if carried[column][0] != forward[column]]
        for column in differ:
            if column == "total" and len(differ) > 1:
                continue  # the total differs because a column does: one cause, one diagnostic
            value, start = carried[column]
            place = this.places[start]
            where, where_en = place_names("table3", "carried", column)
            yield Finding(Span(place.start, place.end),
                          {"where": where, "where_en": where_en, "found": number_text(value),
                           "expected": number_text(forward[column]), "last_row": row_name("table3", "forward"),
                           "last_file": file_name(last)})


@check_kind
class DocumentsInForce(AcrossKind):
    """Table 2: this year's 现行有效 = last year's 现行有效 + this year's 制发 − 废止 (规章, 行政规范性文件)."""

    name = "documents-in-force"
    FIELDS = ("where", "where_en", "found", "expected", "last_in_force", "made", "repealed", "last_file")
    ROWS = ("rules", "normative")

    def extract(self, doc, fingerprint, params) -> None:
        table = doc.table2
        if table is None or table.version != "2021":
            return
        facts = {}
        for key in self.ROWS:
            row = table.rows.get(key)
            if row is None or not row.width_ok:
                continue
            made, repealed, in_force = (number(row.cell(column)) for column in ("made", "repealed", "in_force"))
            cell = row.cell("in_force")
            if cell is None or in_force is None:
                continue
            facts[key] = (made, repealed, in_force, fingerprint.place(doc.source, cell.start, cell.end).start)
        if facts:
            fingerprint.facts[self.name] = facts

    def check_pair(self, this, last, params):
        mine, theirs = this.facts.get(self.name, {}), last.facts.get(self.name, {})
        for key in self.ROWS:
            if key not in mine or key not in theirs:
                continue
            made, repealed, in_force, start = mine[key]
            last_in_force = theirs[key][2]
            if made is None or repealed is None:
                continue
            expected = last_in_force + made - repealed
            if expected == in_force:
                continue
            place = this.places[start]
            where, where_en = place_names("table2", key, "in_force")
            yield Finding(Span(place.start, place.end),
                          {"where": where, "where_en": where_en, "found": number_text(in_force),
                           "expected": number_text(expected), "last_in_force": number_text(last_in_force),
                           "made": number_text(made), "repealed": number_text(repealed),
                           "last_file": file_name(last)})


@check_kind
class FiguresUnchanged(AcrossKind):
    """A whole table (table 3, table 4; table 2 if asked) with exactly last year's numbers.

    All-zero or nearly empty tables are left alone: a body with no applications two years running
    copied nothing, and a few small numbers can repeat by chance."""

    name = "figures-unchanged"
    PARAMS = {
        "tables": Param(list, ["table3", "table4"], "the tables compared whole (table2, table3, table4)"),
        "min_nonzero": Param(int, 10, "fewer non-zero numbers than this: the same table by chance, not copied"),
    }
    FIELDS = ("table", "table_en", "nonzero", "last_file")
    TABLES = ("table2", "table3", "table4")

    def extract(self, doc, fingerprint, params) -> None:
        facts = {}
        for table in doc.tables():
            read = _numbers(table)
            if read is None:
                continue
            numbers, nonzero = read
            digest = table_digest(numbers)
            source = doc.source
            start = table.span.start
            end = min(table.span.end, source.line_ends[source.line_of(start) - 1])
            facts[table.kind] = (digest, nonzero, fingerprint.place(source, start, end).start)
        if facts:
            fingerprint.facts[self.name] = facts

    def check_pair(self, this, last, params):
        mine, theirs = this.facts.get(self.name, {}), last.facts.get(self.name, {})
        for kind in self.TABLES:
            if kind not in params["tables"] or kind not in mine or kind not in theirs:
                continue
            digest, nonzero, start = mine[kind]
            if digest != theirs[kind][0] or nonzero < params["min_nonzero"]:
                continue
            place = this.places[start]
            yield Finding(Span(place.start, place.end),
                          {"table": spec().table_name(kind, "zh"), "table_en": spec().table_name(kind, "en"),
                           "nonzero": str(nonzero), "last_file": file_name(last)})


def table_digest(numbers: tuple) -> int:
    """The digest of a table's numbers (_numbers): the numbers marshalled — format 2, which has no
    back-references, so the bytes follow the values alone, not which objects hold them; an int and a
    float apart — and hashed as GL806 hashes a sentence: the same in every --jobs worker."""
    return bytes_digest(marshal.dumps(numbers, 2))


def _key_code(key: str) -> int:
    """A row key as a number the same in every process (a CRC-32; str hashes are salted per process)."""
    code = _KEY_CODES.get(key)
    if code is None:
        code = _KEY_CODES[key] = zlib.crc32(key.encode("utf-8"))
    return code


_KEY_CODES: dict[str, int] = {}


def _numbers(table) -> tuple | None:
    """(Every value of a table in order, with its row keys (_key_code); how many are not 0), or None when a row is
    not read whole (wrong width, unknown rows, a cell that is no number): such a table is not compared."""
    rows = whole_rows(table)
    if rows is None:
        return None
    values: list = []
    nonzero = 0
    for row in rows:
        key, cells, whole = row.key, row.cells, row.whole_values()
        values.append(_key_code(key))
        if whole is not None:
            # a row of plain counts (ints of NUM cells, cached by the single-report rules): the loop
            # below would keep every value as it is, and count the ones that are not 0
            values.extend(whole)
            nonzero += len(whole) - whole.count(0)
            continue
        for cell in cells:
            value = cell.value
            kind = type(value)
            # is_value() inline (the hot loop of a fingerprint): int or float, not bool, not NaN
            if cell.kind != "NUM" or (kind is not int and kind is not float) or value != value:
                return None
            values.append(value)
            if value:
                nonzero += 1
    return (tuple(values), nonzero) if len(values) > len(rows) else None
