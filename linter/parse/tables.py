"""Tables 2, 3 and 4: from the parse tree's table lines to rows of cells with canonical keys.

Rows are matched to the canonical labels by label (``LabelMatcher.match_t3``).  When
extraction has separated numbers from their labels (the numbers of a row on
the line before its label, or labels and numbers in two runs), numbers are
given to the unlabelled rows between two rows that carry both, in canonical
order.  Anything that still has no place is kept as a leftover (GL003).

Widths and column keys are settled later by ``finalize``, once the report's
format is known; they come from grammar/canonical.json (govlint.grammar.spec).
"""
from __future__ import annotations

import re
from operator import itemgetter
from typing import Any, Callable, Iterator, List, Tuple, Union, cast

from lark import Tree

from govlint.grammar.shapes import HAN
from govlint.grammar.spec import TABLE_FORMATS, spec
from govlint.model import Cell, Document, Row, Table
from govlint.parse.labels import label_key, label_matcher, split_marker
from govlint.parse.lines import LineToken
from govlint.source import Span

_HAN = re.compile("[%s]" % HAN)
# What canonical.json says and the builders only read, asked once (not per table).  The lists handed
# to rows (columns) are still asked per table: each table's rows share their own.
_T3_WIDTH = spec().t3_width()
_T4_WIDTH = spec().t4_width()
_T4_GROUP_KEYS = {label: key for key, label in spec().labels("table4", "groups").items()}
_T2_OWN = tuple((fmt, frozenset(spec().t2_own_rows(fmt)), frozenset(spec().t2_own_items(fmt))) for fmt in TABLE_FORMATS)
_T3_OWN = {fmt: frozenset(spec().t3_own_keys(fmt)) for fmt in TABLE_FORMATS}
_T3_ANY_OWN = frozenset(key for keys in _T3_OWN.values() for key in keys)  # the keys of rows only one format has


_new_tuple = tuple.__new__  # a Span or a Cell from a tuple, without NamedTuple's keyword __new__ (per row)


def _span(tokens: list[LineToken]) -> Span:
    return _new_tuple(Span, (tokens[0].start_pos, tokens[-1].end_pos))


def _cells(tok: LineToken, new=_new_tuple, cell=Cell) -> list[Cell]:
    """The Cells a CELLS token carries."""
    origin = tok.origin
    return [new(cell, (kind, origin + start, origin + end, value, unit))
            for kind, start, end, value, unit in tok.cells]


_LINE_KINDS = {"CAPTION": "caption", "HEAD": "header", "T2_BLOCK": "block", "NOTE": "note"}


Line = Tuple[str, List[LineToken], List[Cell], Span, bool]  # kind, label tokens, cells, span, open end


def _tokens(node: Tree) -> list[LineToken]:
    return cast("list[LineToken]", node.children)


def _lines(node: Tree) -> Iterator[Line]:
    """(kind, label tokens, cells, span, open end) for each line of a table subtree: a row, a label
    line (label tokens, no cells), values (cells, no label) or one of _LINE_KINDS.  ``open end``: a
    tab or pipe line, whose missing cells can only be blanks an export dropped at its end."""
    new = _new_tuple
    cell = Cell
    for child in cast("list[Union[Tree, LineToken]]", node.children):
        if not isinstance(child, Tree):
            kind = _LINE_KINDS.get(child.type)
            if kind:
                yield kind, [child], [], new(Span, (child.start_pos, child.end_pos)), False
            continue
        data = child.data
        tokens: list[LineToken] = child.children  # type: ignore[assignment]  # (_tokens, without its call)
        if data == "row":
            *labels, cells = tokens
            open_end = getattr(cells, "open_end", False)
            origin = cells.origin  # _cells(cells), inline: a row of every table passes here
            yield "row", labels, [new(cell, (kind, origin + start, origin + end, value, unit))
                                  for kind, start, end, value, unit in cells.cells], \
                new(Span, (labels[0].start_pos, cells.end_pos)), open_end
        elif data == "label_line":
            yield "label", tokens, [], _span(tokens), True
        elif data == "values":
            tok = tokens[0]
            yield "values", [], _cells(tok), new(Span, (tok.start_pos, tok.end_pos)), getattr(tok, "open_end", False)


def _label_text(tokens: list[LineToken]) -> str:
    if len(tokens) == 1:  # most labels are one token: no join, no generator
        return tokens[0].folded
    return " ".join([tok.folded for tok in tokens])


def build(node: Tree, doc: Document) -> Table:
    kind = str(node.data)
    tokens = _tokens(node)  # a table's first and last children are its T*_START and TABLE_END
    table = Table(kind, Span(tokens[0].start_pos, tokens[-1].end_pos))
    if kind == "table4":
        _build_t4(node, table, lambda: _leaves_blanks_before(doc))  # asked only if the count is off
    else:
        {"table2": _build_t2, "table3": _build_t3}[kind](node, table)
    # One table of each kind per report: a second one is merged into the first.
    existing = getattr(doc, kind)
    if existing is None:
        setattr(doc, kind, table)
    else:
        _merge(existing, table)
    return table


def _merge(into: Table, other: Table) -> None:
    into.span = into.span.cover(other.span)
    into.headers.extend(other.headers)
    into.blocks.extend(other.blocks)
    into.leftovers.extend(other.leftovers)
    into.unknown_rows.extend(other.unknown_rows)
    for row in other.row_order:
        if row.key in into.rows:
            into.duplicate_rows.append(row)
        else:
            into.rows[row.key] = row
            into.row_order.append(row)
    if into.kind == "table4":
        into.cells = into.cells + other.cells
        into.labelled = {**other.labelled, **into.labelled}


def _add_row(table: Table, row: Row) -> None:
    if row.key in table.rows:
        table.duplicate_rows.append(row)
        return
    table.rows[row.key] = row
    table.row_order.append(row)


# -- table 2 -----------------------------------------------------------------------
def _build_t2(node: Tree, table: Table) -> None:
    c = label_matcher()
    block = None
    start: tuple[str, Span] | None = None  # the first part of a label cut over two lines
    for kind, labels, cells, span, open_end in _lines(node):
        if kind != "row":
            _unfinished(start, table)  # only the very next line completes a label
            start = None
        if kind == "block":
            block = str(labels[0])  # the classifier gives a T2_BLOCK the article item's numeral
            table.blocks.append((block, span))
        elif kind == "header":
            table.headers.append((_label_text(labels), span))
        elif kind == "row":
            text = _label_text(labels)
            match = c.match_t2(text)
            label_span = _span(labels)
            if start is not None and c.match_t2(start[0] + text):
                # A label cut over two lines (其他对外管理 / 服务事项 31 +16 0): one row, even when its
                # second part is a label too (行政 / 规范性文件: the 试行 name of the same row).
                text = start[0] + text
                match = c.match_t2(text)
                label_span, span = start[1].cover(label_span), start[1].cover(span)
                start = None
            _unfinished(start, table)
            start = None
            if match is None and not cells and c.starts_t2_label(text):
                start = (text, label_span)  # a row if the next line completes it
                continue
            row = Row(match[0] if match else None, text, label_span, cells, span, block=match[1] if match else block,
                      open_end=open_end)
            if match is None:
                table.unknown_rows.append(row)
            else:
                _add_row(table, row)
    _unfinished(start, table)


def _unfinished(start: tuple[str, Span] | None, table: Table) -> None:
    """The first part of a label that no line completed: an unknown row, as before."""
    if start is not None:
        table.unknown_rows.append(Row(None, start[0], start[1], [], start[1]))


# -- table 3 -----------------------------------------------------------------------
def _is_fragment(text: str) -> bool:
    """A label that is only punctuation or a piece of a vertical group label (三 / 本年 / 度办)."""
    letters = _HAN.findall(text)
    return len(letters) <= 2 and not re.search(r"\d|\(", text)


def _build_t3(node: Tree, table: Table) -> None:
    c = label_matcher()
    order = c.t3_order
    width = _T3_WIDTH
    # ("anchor", order, Row) | ("slot", order, key, labels) | ("values", cells, span, open end)
    events: list[tuple[Any, ...]] = []
    group_rows: list[tuple[Any, ...]] = []
    anchored = set()
    for kind, labels, cells, span, open_end in _lines(node):
        if kind == "header":
            table.headers.append((_label_text(labels), span))
            continue
        if kind in ("note", "caption"):
            continue
        if kind == "values":
            previous = events[-1] if events else None
            if previous and previous[0] == "anchor" and 0 < len(previous[2].cells) < width \
                    and len(previous[2].cells) + len(cells) == width:
                # The row's last numbers wrapped onto the next line (a narrow PDF page).
                row = previous[2]
                row.cells = row.cells + cells
                row.span = row.span.cover(span)
                row.open_end = open_end
                continue
            events.append(("values", cells, span, open_end))
            continue
        text = labels[0].folded if len(labels) == 1 else _label_text(labels)  # (most labels are one token)
        entry = c.match_t3(text, "row" if kind == "row" else "group")  # prefer, positional: the cheaper cache key
        if kind == "row":
            if cells and (cells[0].kind == "RUN" or (len(cells) > 1 and cells[0].end == cells[1].start)):
                cells = _run_together(cells, span, table)  # cells that touch: crawler text
            if entry is not None and entry.kind == "row":
                row = Row(entry.key, text, _new_tuple(Span, (labels[0].start_pos, labels[-1].end_pos)), cells, span,
                          open_end=open_end)
                events.append(("anchor", order[entry.key], row))
                anchored.add(entry.key)
            elif entry is None and (_is_fragment(text) or split_marker(label_key(text))[0] is None):
                # The label is a piece of a longer one (正、行政机关不再处理其政府信 67 3 …):
                # the numbers belong to the row whose label this continues.
                events.append(("values", cells, Span(cells[0].start, cells[-1].end), open_end))
            elif entry is None:
                table.unknown_rows.append(Row(None, text, _span(labels), cells, span, anchored=True,
                                              open_end=open_end))
            # A group label with numbers is a subtotal some reports add: not a mandated row.
        elif entry is not None and entry.kind == "row":
            events.append(("slot", order[entry.key], entry.key, labels))
        elif entry is not None:
            row_entry = c.match_t3(text, prefer="row")
            if row_entry is not None and row_entry.kind == "row":
                group_rows.append(("slot", order[row_entry.key], row_entry.key, labels))
    # A group label of one format that is a row of the other ((六)其他处理), alone on its line: the
    # row, left blank, when no row of the group follows.
    if group_rows:
        keys = {event[2].key if event[0] == "anchor" else event[2] for event in events
                if event[0] in ("anchor", "slot")}
        for event in group_rows:
            if not any(str(key).startswith(event[2] + ".") for key in keys):
                events.append(event)
    _assign(events, anchored, table)


def _run_together(cells: list[Cell], span: Span, table: Table) -> list[Cell]:
    """A row whose cells ran together (lines.py read …申请数量801000081): split cells touch; a RUN
    cell is digits no unique split separates.  Either is noted on the table, once per row; a RUN
    row keeps no cells (its numbers are unknown, not wrong)."""
    if cells[0].kind == "RUN":
        table.inseparable.append(span)
        return []
    if len(cells) > 1 and cells[0].end == cells[1].start:
        table.recovered.append(span)
    return cells


def _assign(events: list[tuple[Any, ...]], anchored: set[str], table: Table) -> None:
    """Give unlabelled number lines to labelled rows without numbers, between anchors."""
    order = label_matcher().t3_order.get
    if all(event[0] == "anchor" for event in events):  # the usual case: every row whole
        for event in events:
            _add_row(table, event[2])
        table.row_order.sort(key=lambda row: order(row.key, 999))
        return
    slots = {}
    for event in events:
        if event[0] == "slot" and event[2] not in anchored and event[2] not in slots:
            slots[event[2]] = event
    segments = []  # (low order, high order, [values events])
    low = -1
    pending: list[tuple[Any, ...]] = []
    for event in events:
        if event[0] == "anchor":
            segments.append((low, event[1], pending))
            _add_row(table, event[2])
            low = event[1]
            pending = []
        elif event[0] == "values":
            pending.append(event)
    segments.append((low, 10 ** 6, pending))
    used = set()
    for low, high, values in segments:
        keys = sorted((key for key, slot in slots.items() if low < slot[1] < high and key not in used),
                      key=lambda key: slots[key][1])
        if len(values) > len(keys):
            # Lone numbers (a page number, an OCR crumb) go first.
            spare = len(values) - len(keys)
            kept = []
            for event in values:
                if spare and len(event[1]) < 3:
                    table.leftovers.append((event[2], "stray number in table 3"))
                    spare -= 1
                else:
                    kept.append(event)
            values = kept
        for key, event in zip(keys, values):
            labels = slots[key][3]
            cells = event[1]
            label_span = _span(labels)
            row = Row(key, _label_text(labels), label_span, cells, label_span.cover(event[2]), anchored=False,
                      open_end=event[3])
            _add_row(table, row)
            used.add(key)
        for event in values[len(keys):]:
            table.leftovers.append((event[2], "numbers without a row label in table 3"))
        for key in keys[len(values):]:
            labels = slots[key][3]
            label_span = _span(labels)
            # A label with no numbers: a row an export left blank and cut to its label.
            _add_row(table, Row(key, _label_text(labels), label_span, [], label_span, anchored=False,
                                open_end=True))
            used.add(key)
    table.row_order.sort(key=lambda row: order(row.key, 999))


# -- table 4 -----------------------------------------------------------------------
def _leaves_blanks_before(doc: Document) -> bool:
    """Does the export leave cells blank in the tables read so far (tables 2 and 3)?"""
    return any(_has_blank(row.cells) for table in (doc.table2, doc.table3) if table is not None
               for row in table.row_order)


def _build_t4(node: Tree, table: Table, blanks_before: Callable[[], bool] = lambda: False) -> None:
    groups = _T4_GROUP_KEYS
    runs: list[tuple[list[Cell], bool, Span]] = []  # the cells of each line, in order
    labelled = {}
    for kind, labels, row_cells, span, open_end in _lines(node):
        if kind == "header":
            table.headers.append((_label_text(labels), span))
        elif kind == "row":
            text = _label_text(labels).replace(" ", "")
            group = next((key for label, key in groups.items() if label in text), None)
            if group:
                labelled[group] = (row_cells, span, _span(labels))
            runs.append((row_cells, open_end, span))
        elif kind == "values":
            runs.append((row_cells, open_end, span))
    table.cells, table.labelled = _fit_t4(runs, labelled, blanks_before)


def _fit_t4(runs: list[tuple[list[Cell], bool, Span]], labelled: dict,
            blanks_before: Callable[[], bool] = lambda: False) -> tuple[list[Cell], dict]:
    """Table 4's cells, with the blanks an export left at the end of its lines fitted.

    Its 15 values come in one run or a line per group.  Empty cells after a line's last value
    are surplus when the values are too many; a tab or pipe line that ends early in a table that
    leaves cells blank (or after tables 2 and 3 that do: the same export) lost its last blanks: it
    is padded, when its lines are one run or one line per group (any other split of the values
    could have lost them anywhere).  ``blanks_before()``: do tables 2 and 3 leave cells blank?"""
    total, width = _T4_WIDTH, len(spec().t4_columns())
    cells = [cell for run, _open, _span in runs for cell in run]
    if len(cells) == total:
        return cells, labelled
    fitted = [_without_trailing_empties(run) for run, _open, _span in runs]
    count = sum(map(len, fitted))
    if count != total and (blanks_before() or any(cell.kind == "BLANK" for cell in cells)) and fitted \
            and all(open_end for _run, open_end, _span in runs):
        if len(runs) == 1 and count < total:
            fitted = [_padded(fitted[0], total, runs[0][2])]
        elif len(runs) == total // width and all(len(run) <= width for run in fitted):
            fitted = [_padded(run, width, span) for run, (_run, _open, span) in zip(fitted, runs)]
    if sum(map(len, fitted)) != total:
        return cells, labelled  # table-shape reports the count as found
    by_span = {(span.start, span.end): run for run, (_run, _open, span) in zip(fitted, runs)}
    labelled = {key: (by_span.get((span.start, span.end), row), span, label_span)
                for key, (row, span, label_span) in labelled.items()}
    return [cell for run in fitted for cell in run], labelled


def _without_trailing_empties(cells: list[Cell]) -> list[Cell]:
    end = len(cells)
    while end and cells[end - 1].kind == "BLANK" and cells[end - 1].start == cells[end - 1].end:
        end -= 1
    return cells[:end]


def _padded(cells: list[Cell], width: int, span: Span) -> list[Cell]:
    """The cells and as many blank cells as the width lacks, zero-width where the line ends."""
    at = cells[-1].end if cells else span.end
    return list(cells) + [Cell("BLANK", at, at) for _ in range(width - len(cells))]


# -- widths and columns, once the format is known ---------------------------------------------
def finalize(doc: Document) -> None:
    fmt = doc.format if doc.format in TABLE_FORMATS else None
    if doc.table2 is not None:
        _finalize_t2(doc.table2, fmt)
    if doc.table3 is not None:
        _finalize_t3(doc.table3)
    if doc.table4 is not None:
        _finalize_t4(doc.table4)


def _finalize_t2(table: Table, fmt: str | None) -> None:
    c = label_matcher()
    votes: dict[str, int] = {}
    for text, _ in table.headers:
        version = c.t2_version(text)
        if version:
            votes[version] = votes.get(version, 0) + 1
    # A row or a block only one format has (试行: 其他对外管理服务事项, 政府集中采购, 第二十条第（九）项).
    for own, rows, items in _T2_OWN:  # not ``fmt``: the document's format is the layout's fallback below
        if any(row.key in rows for row in table.row_order) or any(item in items for item, _ in table.blocks):
            votes[own] = votes.get(own, 0) + 1
    table.version = max(votes, key=lambda version: votes[version]) if votes else None
    table.version_evidence = [span for _, span in table.headers]
    layout = table.version or fmt
    if layout is None:
        return
    widths = spec().t2_columns(layout)
    old = spec().t2_old_labels(layout)
    known = []
    for row in table.row_order:
        columns = widths.get(row.key) if row.key is not None else None
        row.expected_width = len(columns) if columns is not None else len(row.cells)
        if columns is not None:
            known.append((row, columns))
    _strip_row_ends([row for row, _columns in known])
    blanks: bool | None = None  # _leaves_blanks(table), asked when a row's width is off (rarely)
    for row, columns in known:
        label = row.label.replace(" ", "")
        if label in old:
            row.old_label = label
        if len(row.cells) != row.expected_width:
            if blanks is None:
                blanks = _leaves_blanks(table)  # before any _fit: the table as it was
            _fit(row, blanks)
        if row.width_ok:
            row.columns = columns


def _strip_row_ends(rows: list[Row]) -> None:
    """An export that ends every row with empty fields (a tab after the last cell): those are the
    row's end, not blank cells.  When every tab or pipe row ends with at least k empty fields and
    some row is longer than its width by them, k empty fields go from every such row first, so a
    row short of a number is short (GL307), not a row with a blank 总计."""
    separated = [row for row in rows if row.open_end and row.cells]
    if not separated:
        return
    k = 1 << 30
    for row in separated:
        last = row.cells[-1]
        if last.kind != "BLANK" or last.start != last.end:
            return  # a row ends with a cell: no convention (the usual case, decided at once)
        k = min(k, _empty_end(row.cells))
    if k == 0 or not any(len(row.cells) - k >= row.expected_width for row in separated):
        return
    for row in separated:
        del row.cells[len(row.cells) - k:]


def _empty_end(cells: list[Cell]) -> int:
    """How many empty fields (not a written mark) end the cells."""
    count = 0
    for cell in reversed(cells):
        if cell.kind != "BLANK" or cell.start != cell.end:
            break
        count += 1
    return count


_KIND = itemgetter(0)  # a Cell's kind


def _has_blank(cells: list[Cell]) -> bool:
    return "BLANK" in map(_KIND, cells)  # the scan in C: most rows have no blank


def _leaves_blanks(table: Table) -> bool:
    """Does the table leave cells blank anywhere: a blank cell (empty, or a mark for none), or a
    row that is its label alone while no number of the table is left without a row (numbers
    left over would say the row lost them, not that its cells were empty)."""
    if any(_has_blank(row.cells) for row in table.row_order):
        return True
    return not table.leftovers and any(not row.cells for row in table.row_order)


def _fit(row: Row, blanks: bool) -> None:
    """Fit a row's cells to its width where only blanks can be wrong.

    Surplus blanks go from the end (an export's trailing tab, surplus pipe cells), then from the
    start (a tab aligning the values after a short label).  A row that ends early lost its last
    cells only if they were blanks an export dropped: so a tab or pipe row (every cell had its
    field) or a label left with no cells, in a table that leaves cells blank elsewhere, is padded
    with blanks.  A space row (a cell could have been lost anywhere) or a short row in a table
    whose cells are all written keeps its width error (GL307)."""
    cells, width = row.cells, row.expected_width
    while len(cells) > width and cells and cells[-1].kind == "BLANK":
        cells.pop()
    while len(cells) > width and cells and cells[0].kind == "BLANK":
        cells.pop(0)
    if len(cells) < width and blanks and (row.open_end or not cells):
        cells.extend(_padded(cells, width, row.span)[len(cells):])


def _finalize_t3(table: Table) -> None:
    columns = spec().t3_columns()
    # The rows only one format has vote for it (试行: （六）其他处理; 2021: its items 1–3); a tie is 2021's.
    own = _T3_OWN
    votes = dict.fromkeys(TABLE_FORMATS, 0)
    width = len(columns)
    inseparable = {(span.start, span.end) for span in table.inseparable}
    rows = [row for row in table.row_order if (row.span.start, row.span.end) not in inseparable] \
        if inseparable else list(table.row_order)  # an inseparable row's numbers are unknown: no width
    for row in table.row_order:
        row.expected_width = width
    _strip_row_ends(rows)
    blanks: bool | None = None  # _leaves_blanks(table), asked when a row's width is off (rarely)
    for row in rows:
        if len(row.cells) != width:  # a row of its width has nothing to fit (nearly every row)
            if blanks is None:
                blanks = _leaves_blanks(table)  # before any _fit: the table as it was
            _fit(row, blanks)
        if len(row.cells) == width:  # row.width_ok (its expected width is set above), without the property
            row.columns = columns
        if row.key in _T3_ANY_OWN:  # (most rows are in both formats)
            for fmt, keys in own.items():
                if row.key in keys:
                    votes[fmt] += 1
    if any(votes.values()):
        table.version = max(TABLE_FORMATS, key=lambda fmt: votes[fmt])
    table.version_evidence = [row.span for row in table.row_order if row.key in _T3_ANY_OWN]
    for row in table.unknown_rows:
        row.expected_width = len(columns)


def _finalize_t4(table: Table) -> None:
    columns = spec().t4_columns()
    group_keys = spec().t4_groups()
    labelled = table.labelled
    table.rows.clear()
    table.row_order.clear()
    cells = table.cells
    width = len(columns)
    if not cells and not labelled and table.headers:
        # Its header and not one value: an export that leaves 0 blank and drops empty lines wrote a
        # table 4 of zeros so.  Blank cells where the table ends (GL306 says it once), not silence.
        end = table.headers[-1][1].end
        cells = table.cells = [Cell("BLANK", end, end) for _ in range(_T4_WIDTH)]
    if len(labelled) == len(group_keys):
        sources = [(key, labelled[key][0], labelled[key][2]) for key in group_keys]
    elif len(cells) == _T4_WIDTH:
        sources = [(key, cells[width * i:width * i + width], None) for i, key in enumerate(group_keys)]
    else:
        return
    names = spec().labels("table4", "groups")
    for key, group_cells, label_span in sources:
        span = Span(group_cells[0].start, group_cells[-1].end) if group_cells else table.span
        row = Row(key, names[key], label_span or span, list(group_cells), span, expected_width=len(columns))
        if row.width_ok:
            row.columns = columns
        table.rows[key] = row
        table.row_order.append(row)
