"""Checks of the numbers the prose states (Document.quantities, found once by govlint.parse.quantities
from the lexicon grammar/quantities.yaml): against the tables (GL402), against themselves (GL406: the
same figure stated twice; GL407: parts and their total; GL403: a percentage and its two counts).

These kinds read no text themselves.  Say less when unsure: only the body's figures of the report's
year are compared with its tables or with each other (a part of the body, a wider area, another year,
a change such as 较上年增加5件, a running total 截至…共制发3件 (but of a stock: 现行有效), an
approximate 7600余件 never are); a missing table, a row of the wrong
width, a blank or non-numeric cell says nothing; a reading the lexicon marks ambiguous (two measures
in one window) is a warning, never an error.
"""
from __future__ import annotations

from decimal import Decimal

from govlint.grammar.spec import QuantityCells, quantity_lexicon, spec
from govlint.rules.api import CheckKind, Finding, Param, check_kind
from govlint.rules.kinds._util import SHORT_TABLE, SHORT_TABLE_EN, column_name, column_name_en, is_value, number_text

PERCENT = "%"


def _measures_param(params, name: str) -> None:
    known = quantity_lexicon().measures
    for measure in params[name]:
        if measure not in known:
            raise ValueError(f"{name}: {measure!r} is not a measure of grammar/quantities.yaml")


def _compared(doc, quantity) -> bool:
    """The body's own figure of the report's year, exact, as it stands."""
    if quantity.measure is None or (quantity.cumulative and not quantity_lexicon().measures[quantity.measure].stock):
        return False  # 截至12月31日共制发3件: a running total, not the year's figure
    return (quantity.scope == "body" and quantity.year == doc.year
            and not quantity.change and not quantity.approximate and quantity.unit != PERCENT
            and is_value(quantity.value))


# -- the tables' cells -------------------------------------------------------------------------------
def _rows(table, key: str) -> list:
    """The rows a key names: the row, or every row of a table-3 group (withheld → withheld.1 … 8)."""
    row = table.rows.get(key)
    if row is not None:
        return [row]
    return [row for row_key, row in table.rows.items() if row_key and row_key.startswith(key + ".")]


def _read(doc, cells: QuantityCells):
    """(value, [cells]) of one reading of a measure in the tables, or None when any cell is not there,
    blank, not a number, or in a row of the wrong width.  Read once per document (the kinds GL402,
    GL403, GL406, GL407 read the same cells; callers do not change the list)."""
    return doc.remembered("quantity_cells", cells, lambda: _read_once(doc, cells))


def _read_once(doc, cells: QuantityCells):
    table = getattr(doc, cells.table)
    if table is None:
        return None
    total, used = 0, []
    for key in cells.rows:
        rows = _rows(table, key)
        if not rows:
            return None
        for row in rows:
            cell = row.cell(cells.column) if row.width_ok else None
            if cell is None or not cell.is_number or not is_value(cell.value):
                return None
            total += cell.value
            used.append(cell)
    return total, used


def _readings(doc, measure_ids):
    """Each reading of these measures together (one figure of several: their first readings summed):
    [(value, [cells], [QuantityCells])], or None when a table does not say.  Once per document and
    measures (several kinds and figures ask the same; callers do not change the lists)."""
    return doc.remembered("quantity_readings", tuple(measure_ids), lambda: _readings_once(doc, measure_ids))


def _readings_once(doc, measure_ids):
    measures = quantity_lexicon().measures
    if len(measure_ids) == 1:
        alternatives = [[cells] for cells in measures[measure_ids[0]].cells]
    else:
        if not all(measures[measure].cells for measure in measure_ids):
            return None
        alternatives = [[measures[measure].cells[0] for measure in measure_ids]]
    readings = []
    for alternative in alternatives:
        value, used = 0, []
        for cells in alternative:
            read = _read(doc, cells)
            if read is None:
                return None
            value += read[0]
            used.extend(read[1])
        readings.append((value, used, alternative))
    return readings or None


def _label(table: str, key: str) -> str:
    if table == "table4":
        return spec().labels("table4", "groups").get(key, key)
    groups = spec().labels(table, "groups") if table == "table3" else {}
    if key in groups:
        return groups[key]
    label = spec().labels(table, "rows").get(key, key)
    group = key.split(".")[0]
    return f"{groups[group]} {label}" if "." in key and group in groups else label


def _place_zh(alternative) -> str:
    """表三“（七）总计”行“总计”列; several rows: …行之和"""
    parts, last_table = [], None
    for cells in alternative:
        where = "" if cells.table == last_table else SHORT_TABLE[cells.table]
        last_table = cells.table
        unit = "组" if cells.table == "table4" else "行"
        names = "与".join(f"“{_label(cells.table, key)}”" for key in cells.rows)
        parts.append(f"{where}{names}{unit}“{column_name(cells.table, cells.column)}”列")
    text = "与".join(parts)
    several = len(alternative) > 1 or len(alternative[0].rows) > 1 or any(
        cells.table == "table3" and key in spec().labels("table3", "groups") for cells in alternative for key in cells.rows)
    return text + ("之和" if several else "")


def _place_en(alternative) -> str:
    parts = []
    for cells in alternative:
        unit = "group" if cells.table == "table4" else "row"
        names = " + ".join(f"\"{_label(cells.table, key)}\"" for key in cells.rows)
        parts.append(f"{SHORT_TABLE_EN[cells.table]}, {unit} {names}, column {column_name_en(cells.table, cells.column)}")
    return " + ".join(parts)


@check_kind
class TextTableQuantity(CheckKind):
    """A figure of the body's prose (办结12件, 予以公开5件, 行政复议3件 …) that its table cell contradicts."""

    name = "text-table-quantity"
    FIELDS = ("claim", "value", "cell", "cell_en", "table", "measure", "measure_en")
    CASES = ("ambiguous",)
    PARAMS = {
        "leave": Param(list, [], "measures another rule compares (GL401: applications received): not compared"),
    }

    @staticmethod
    def validate_params(params):
        _measures_param(params, "leave")

    def check(self, doc, params):
        if doc.table2 is None and doc.table3 is None and doc.table4 is None:
            return
        lexicon = quantity_lexicon()
        leave = set(params["leave"])
        for quantity in doc.quantities:
            if not _compared(doc, quantity) or quantity.measure in leave or not lexicon.measures[quantity.measure].cells:
                continue
            measure_ids = [quantity.measure] + [joined for joined in quantity.joined if joined not in leave]
            readings = _readings(doc, measure_ids)
            if readings is None or any(value == quantity.value for value, _cells, _alt in readings):
                continue
            measure = lexicon.measures[quantity.measure]
            names_zh = "及".join(lexicon.measures[m].name["zh"] for m in measure_ids)
            names_en = " and ".join(lexicon.measures[m].name["en"] for m in measure_ids)
            args = {"claim": quantity.phrase, "value": number_text(quantity.value),
                    "cell": "或".join(_place_zh(alt) for _v, _c, alt in readings),
                    "cell_en": " or ".join(_place_en(alt) for _v, _c, alt in readings),
                    "table": "或".join(number_text(value) for value, _c, _a in readings),
                    "measure": names_zh or measure.name["zh"], "measure_en": names_en}
            related = [cell.span for _v, cells, _a in readings for cell in cells]
            case = "ambiguous" if quantity.ambiguous or quantity.joined else None
            yield Finding(quantity.phrase_span, args, case=case, related=related)


@check_kind
class RepeatedQuantity(CheckKind):
    """The prose states the same figure twice with different numbers (新增39项 … 新增43项)."""

    name = "repeated-quantity"
    FIELDS = ("claim", "value", "earlier", "earlier_value", "measure", "measure_en")
    PARAMS = {
        "skip": Param(list, [], "measures whose figures are not compared"),
        "totals_only": Param(list, [], "measures counted per kind or topic too: compared only between two "
                                       "totals (共…) stated in the same words"),
    }

    @staticmethod
    def validate_params(params):
        _measures_param(params, "skip")
        _measures_param(params, "totals_only")

    def check(self, doc, params):
        lexicon = quantity_lexicon()
        skip = set(params["skip"])
        totals_only = set(params["totals_only"])
        first: dict[tuple, object] = {}
        for quantity in doc.quantities:
            if not _compared(doc, quantity) or quantity.part_of is not None or quantity.ambiguous or quantity.joined:
                continue
            if quantity.measure in skip:
                continue
            measure = lexicon.measures[quantity.measure]
            if measure.cells and _readings(doc, [quantity.measure]) is not None:
                continue  # the table says which is right: GL402's to report, once
            key: tuple = (quantity.measure, quantity.subject, quantity.unit)
            if quantity.measure in totals_only:
                if not quantity.total:
                    continue
                key += (_words_of(doc, quantity),)  # 主动公开政府信息 … 条: the same words, another number
            earlier = first.setdefault(key, quantity)
            if earlier is quantity or earlier.value == quantity.value or earlier.sentence_start == quantity.sentence_start:
                continue
            # The earlier place is a related location, not a line number in the message: a .docx or a
            # PDF has pages and paragraphs, and the same message must read the same in every format.
            yield Finding(quantity.phrase_span, {
                "claim": quantity.phrase, "value": number_text(quantity.value), "earlier": earlier.phrase,
                "earlier_value": number_text(earlier.value),
                "measure": (quantity.subject + measure.name["zh"]) if quantity.subject and quantity.subject not in
                measure.name["zh"] else measure.name["zh"], "measure_en": measure.name["en"]},
                related=[earlier.phrase_span])


def _words_of(doc, quantity) -> str:
    """A quantity's phrase without its number: what it says it counts, in its own words."""
    number = "".join(doc.source.text[quantity.span.start:quantity.span.end].split())
    return quantity.phrase.replace(number, "\0")


@check_kind
class BreakdownSum(CheckKind):
    """The parts of a figure (其中… / 含… / 分别为…) exceed it, or a closed list of parts (分别为…) does not add up to it."""

    name = "breakdown-sum"
    FIELDS = ("total", "total_value", "parts", "parts_sum")
    CASES = ("closed",)
    PARAMS = {}

    def check(self, doc, params):
        quantities = doc.quantities
        parts: dict[int, list] = {}
        for quantity in quantities:
            if quantity.part_of is not None:
                parts.setdefault(quantity.part_of, []).append(quantity)
        for index, listed in parts.items():
            total = quantities[index]
            if total.approximate or total.change or any(part.approximate or part.change for part in listed):
                continue
            if not is_value(total.value) or not all(is_value(part.value) for part in listed):
                continue
            summed = sum(Decimal(str(part.value)) for part in listed)
            stated = Decimal(str(total.value))
            closed = all(part.closed for part in listed)
            if summed > stated:
                case = None
            elif closed and summed != stated and len(listed) > 1:
                case = "closed"
            else:
                continue
            args = {"total": total.phrase, "total_value": number_text(total.value),
                    "parts": "、".join(part.phrase for part in listed), "parts_sum": number_text(_number(summed))}
            yield Finding(listed[0].phrase_span, args, case=case, related=[total.phrase_span])


@check_kind
class Percentage(CheckKind):
    """A percentage the prose states that its own counts do not give: a rate of two counts (1320 / 1434
    = 92%), a rate after a total and its parts (any set of the parts may be meant: silent when one
    fits), or a change from last year's count to this year's (比上年（1276条）下降46.3%: silent when
    one of the sentence's figures of this year fits, in the way the text says)."""

    name = "percentage"
    FIELDS = ("claim", "value", "numerator", "denominator", "computed", "way", "way_en")
    CASES = ("change",)
    PARAMS = {}

    def check(self, doc, params):
        quantities = doc.quantities
        for quantity in quantities:
            if not is_value(quantity.value) or quantity.unit != PERCENT:
                continue
            tolerance = _tolerance(doc.source.text[quantity.span.start:quantity.span.end])
            stated = Decimal(str(quantity.value))
            if quantity.change_of is not None:
                yield from self._change(quantities, quantity, stated, tolerance)
                continue
            readings = ([((quantity.ratio_of[0],), quantity.ratio_of[1])] if quantity.ratio_of is not None
                        else list(quantity.ratio_options))
            if not readings:
                continue
            computed = [(sum(Decimal(str(quantities[at].value)) for at in numerators) * 100
                         / Decimal(str(quantities[denominator].value)), numerators, denominator)
                        for numerators, denominator in readings]
            if any(abs(value - stated) <= tolerance for value, _n, _d in computed):
                continue
            value, numerators, denominator = computed[-1]  # two counts; or every part of the total
            yield Finding(quantity.phrase_span, {
                "claim": quantity.phrase, "value": number_text(quantity.value),
                "numerator": number_text(_number(sum(Decimal(str(quantities[at].value)) for at in numerators))),
                "denominator": number_text(quantities[denominator].value),
                "computed": _shown(value, tolerance), "way": "", "way_en": ""},
                related=[quantities[at].span for at in numerators] + [quantities[denominator].span])

    @staticmethod
    def _change(quantities, quantity, stated, tolerance):
        candidates, last_at = quantity.change_of
        last = Decimal(str(quantities[last_at].value))
        for at in candidates:
            now = Decimal(str(quantities[at].value))
            if quantity.direction and (now - last) * quantity.direction < 0:
                continue  # 下降 where the figure rose: not this reading
            if abs(abs(now - last) * 100 / last - stated) <= tolerance:
                return
        # the message names the nearest figure that is not a part of another (a total before its parts)
        shown = next((at for at in candidates if quantities[at].part_of is None), candidates[0])
        now = Decimal(str(quantities[shown].value))
        change = (now - last) * 100 / last
        yield Finding(quantity.phrase_span, {
            "claim": quantity.phrase, "value": number_text(quantity.value), "numerator": number_text(_number(now)),
            "denominator": number_text(_number(last)), "computed": _shown(abs(change), tolerance),
            "way": "增长" if change > 0 else "下降" if change < 0 else "持平",
            "way_en": "up" if change > 0 else "down" if change < 0 else "unchanged"},
            case="change", related=[quantities[shown].span, quantities[last_at].span])


def _tolerance(written: str) -> Decimal:
    """Half a unit of the last printed digit: 92% ±0.5, 89.36% ±0.005."""
    decimals = len(written.split(".")[1].rstrip("%％ ")) if "." in written else 0
    return Decimal(5) / Decimal(10) ** (decimals + 1)


def _shown(value: Decimal, tolerance: Decimal) -> str:
    """A computed percentage with one digit more than the stated one."""
    return number_text(_number(value.quantize(tolerance / 5)))


def _number(value: Decimal):
    return int(value) if value == value.to_integral_value() else float(value)
