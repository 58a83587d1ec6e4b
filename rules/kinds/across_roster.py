"""The roster of bodies that must publish (``roster:`` in .govlint.yaml) and GL807 missing-report.

A roster is a YAML list or a CSV table of bodies, each with its name and, optionally, its kind
(government, government office, department), level and parent.  ``read_roster`` reads it with the
place of every name (line:column, offsets), and refuses a bad one with a ConfigError at file:line:col
(the run exits 2): no file, bad YAML or CSV, an entry without a name, a name listed twice, a kind that
is none of the three.

YAML (hand-written, checked like the configuration: an unknown key is an error)::

    - name: 某某县人民政府
      kind: government
    - name: 某某县自然资源局
      kind: department
      parent: 某某县人民政府
    - 某某县教育局            # a name alone

CSV (exported from a spreadsheet: a header row naming the columns ``name,kind,parent[,level]`` in any
order, 名称/类型/上级/层级 also understood, other columns ignored; comma- or tab-separated).

``missing-report`` (GL807) reads no report: after the single-report pass the linter
(govlint.lint.across) gives it the roster, the years the batch's reports are for and, per body name
(normalised as pairing normalises it: whitespace out, ``aliases:`` applied), the years it has a report
for.  Every body of the roster lacking a year of the batch gets one finding at its name in the roster
file, naming the missing years.  A body of the batch the roster does not list is not a finding of this
rule (the linter tells the user in a note: usually a name the title writes otherwise).

The hierarchy (case ``hierarchy``, parameter ``hierarchy``): with parents in the roster, a parent's report
that says its figures include its subordinate bodies' (a sentence of its preamble or of section 一 matching
one of ``aggregate_phrases``, 本报告所列数据包括县政府各部门和各乡镇 …, and holding no ``not_aggregating``
word) must state no cell of table 3 and table 4 below the sum of its children's reports of that year
(``hierarchy_exact``: equal to it).  Said only when it can be decided: the parent is on the roster, each of
its children has exactly one report of its own that year, and every one of those tables is read whole
(every row at its width, every cell a whole number).  One finding per parent and year, at the parent's
name in the roster: the first cell that fails (table 3 first, in row order), and how many others do.
"""
from __future__ import annotations

import csv
import io
import os
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Callable, ClassVar, Iterable

from govlint.rules.api import Finding, Param, Span, check_kind
from govlint.rules.kinds._across import AcrossKind, place_names, whole_rows
from govlint.rules.kinds._util import number_text
from govlint.support import i18n
from govlint.support.yamlio import ConfigError, load, read_text

KEYS = ("name", "kind", "parent", "level")
# The kinds of bodies, as a roster may write them → the kind's name.
KINDS = {"government": "government", "government office": "government office", "department": "department",
         "人民政府": "government", "政府": "government", "政府办公室": "government office",
         "政府办公厅": "government office", "部门": "department"}
# A CSV header's words for the columns (a spreadsheet made in Chinese).
CSV_HEADERS = {"name": "name", "名称": "name", "单位": "name", "单位名称": "name", "机关名称": "name",
               "kind": "kind", "类型": "kind", "单位类型": "kind", "parent": "parent", "上级": "parent",
               "上级单位": "parent", "level": "level", "层级": "level", "级别": "level"}
CSV_SUFFIXES = (".csv", ".tsv")
WHAT = i18n.msg("roster", "单位名单")
GOVERNMENT = "人民政府"
# A sentence saying the report's figures include its subordinate bodies' (folded text: ( ) , ; :), for
# the hierarchy check: the report's figures, an inclusion verb, then the subordinates — or the report
# summing up the subordinates' figures (本报告汇总了各部门的数据).
_SUBORDINATES = (r"(?:各|所属|下属|直属)[^。;]{0,8}?(?:部门|单位|乡镇|乡\(镇\)|镇\(乡\)|街道|县\(市、区\)|县\(市,区\)"
                 r"|县市区|区县)")
AGGREGATE_PHRASES = [
    r"(?:本报告|本年度报告|年度报告|报告中|报告所列|表中|表格中)[^。;]{0,20}?(?:数据|数字)[^。;]{0,12}?"
    r"(?:包括|包含|涵盖|汇总)了?[^。;]{0,20}?" + _SUBORDINATES,
    r"(?:本报告|本年度报告)[^。;]{0,30}?汇总了?[^。;]{0,20}?" + _SUBORDINATES + r"[^。;]{0,12}?(?:数据|数字)",
]
# A sentence holding one of these says the opposite, or less (不包括各部门, 仅为本级): not an aggregation.
NOT_AGGREGATING = ["不包括", "不包含", "不含", "未包括", "未包含", "未含", "除外", "仅", "只", "本级"]


@dataclass
class RosterBody:
    """One body of the roster and where its name is written."""

    name: str                 # as the roster writes it
    key: str                  # whitespace taken out: what is compared with the reports' bodies
    line: int
    column: int
    start: int                # offsets of the name in the roster's text
    end: int
    kind: str | None = None
    parent: str | None = None
    level: str | None = None


@dataclass
class Roster:
    path: str                 # absolute
    text: str
    bodies: list = field(default_factory=list)

    @property
    def shown(self) -> str:
        return shown_path(self.path)

    @cached_property
    def has_parents(self) -> bool:
        """Does a body name its parent (the hierarchy needs the reports' tables)?  Asked for every report."""
        return any(body.parent for body in self.bodies)


def shown_path(path: str) -> str:
    """A path as messages name it: relative to the working folder when it is inside it."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive (Windows)
        return path
    return path if relative.startswith("..") else relative


def normalised(name: str) -> str:
    """A body's name as pairing compares it (lint/linter.py body_names): whitespace taken out."""
    return "".join(str(name).split())


def read_roster(path: str) -> Roster:
    """The roster at ``path`` (absolute); a ConfigError at file:line:col when it is wrong."""
    shown = shown_path(path)
    try:
        text = read_text(path, WHAT)
    except ConfigError as exc:
        raise ConfigError(shown, exc.line, exc.column, exc.message) from None
    roster = Roster(path, text)
    starts = _line_starts(text)
    items = _csv_items(text, shown) if path.lower().endswith(CSV_SUFFIXES) else _yaml_items(text, shown)
    seen: dict[str, RosterBody] = {}
    for values, line, column in items:
        name = values["name"]
        start = starts[line - 1] + column - 1
        end = _name_end(text, start, name)
        body = RosterBody(name, normalised(name), line, column, start, end, values.get("kind"),
                          values.get("parent"), values.get("level"))
        if body.key in seen:
            raise ConfigError(shown, line, column, i18n.fmt(
                "{name!r} is listed twice (first on line {first})", "“{name}”重复列出（第一次在第 {first} 行）",
                name=name, first=seen[body.key].line))
        seen[body.key] = body
        roster.bodies.append(body)
    if not roster.bodies:
        raise ConfigError(shown, 1, 1, i18n.msg("the roster lists no body (a list of names: - name: 某某县人民政府)",
                                                "单位名单中没有任何单位（应为名称列表：- name: 某某县人民政府）"))
    return roster


def _line_starts(text: str) -> list:
    starts, at = [0], 0
    for line in text.splitlines(keepends=True):
        at += len(line)
        starts.append(at)
    return starts


def _name_end(text: str, start: int, name: str) -> int:
    """Where the name written at ``start`` ends (after its closing quote, if quoted)."""
    if text.startswith(name, start):
        return start + len(name)
    if text[start:start + 1] in "'\"" and text.startswith(name, start + 1):
        return start + len(name) + 2
    end = text.find("\n", start)
    return len(text) if end < 0 else end


def _bad_entry() -> i18n.Message:
    return i18n.msg("each body of the roster is a name, or a mapping with name: (and kind:, parent:, level:)",
                    "名单中的每个单位应为名称，或含 name:（以及 kind:、parent:、level:）的映射")


def _kind(value, shown: str, line: int, column: int) -> str:
    kind = KINDS.get(" ".join(str(value).split()).lower())
    if kind is None:
        raise ConfigError(shown, line, column, i18n.fmt(
            "unknown kind {kind!r}; a body's kind is government, government office or department",
            "未知的单位类型 {kind!r}；应为 government（政府）、government office（政府办公室）或 department（部门）",
            kind=str(value)))
    return kind


def _yaml_items(text: str, shown: str) -> Iterable[tuple[dict, int, int]]:
    data = load(text, shown)
    if data is None:
        return
    if not isinstance(data, list):
        raise ConfigError(shown, 1, 1, i18n.msg(
            "a roster is a list of bodies (- name: 某某县人民政府), or a CSV file with a header row",
            "单位名单应为单位的列表（- name: 某某县人民政府），或带表头行的 CSV 文件"))
    for index, item in enumerate(data):
        line, column = _position(data, index)
        if isinstance(item, str):
            if not normalised(item):
                raise ConfigError(shown, line, column, _bad_entry())
            yield {"name": str(item).strip()}, line, column
            continue
        if not isinstance(item, dict):
            raise ConfigError(shown, line, column, _bad_entry())
        values: dict = {}
        for key, value in item.items():
            where = _position(item, key)
            if key not in KEYS:
                raise ConfigError(shown, *where, i18n.fmt("unknown key {key!r}; a body has {keys}",
                                                          "未知的键 {key!r}；单位可有 {keys}", key=str(key),
                                                          keys=", ".join(KEYS)))
            if value is None:
                continue
            if not isinstance(value, str) or not normalised(value):
                raise ConfigError(shown, *_position(item, key, value=True), i18n.fmt(
                    "'{key}' must be text", "'{key}' 应为文本", key=key))
            values[key] = _kind(value, shown, *_position(item, key, value=True)) if key == "kind" \
                else str(value).strip()
        if "name" not in values:
            raise ConfigError(shown, line, column, i18n.join(i18n.msg("a body without a name: ", "单位没有名称："),
                                                             _bad_entry()))
        yield values, *_position(item, "name", value=True)


def _position(node, key, value: bool = False) -> tuple[int, int]:
    """1-based line and column of a key (or its value) of a mapping, or of a list's item."""
    try:
        if isinstance(node, dict):
            lc = getattr(node, "lc")
            line, column = lc.value(key) if value else lc.key(key)
        else:
            line, column = getattr(node, "lc").item(key)
        return line + 1, column + 1
    except (AttributeError, KeyError, TypeError):
        return 1, 1


def _csv_items(text: str, shown: str) -> Iterable[tuple[dict, int, int]]:
    lines = text.splitlines()
    numbered = [(number, line) for number, line in enumerate(lines, 1) if line.strip()]
    if not numbered:
        return
    header_line, header = numbered[0]
    delimiter = "\t" if "\t" in header and "," not in header else ","
    columns = [CSV_HEADERS.get(cell.strip().lower()) for cell in next(csv.reader([header], delimiter=delimiter))]
    if "name" not in columns:
        raise ConfigError(shown, header_line, 1, i18n.msg(
            "a CSV roster starts with a header row naming its columns: name,kind,parent[,level]",
            "CSV 格式的单位名单第一行应为表头：name,kind,parent[,level]（或 名称,类型,上级[,层级]）"))
    for number, line in numbered[1:]:
        try:
            cells = next(csv.reader(io.StringIO(line), delimiter=delimiter))
        except csv.Error as exc:
            raise ConfigError(shown, number, 1, i18n.fmt("invalid CSV: {problem}", "CSV 格式有误：{problem}",
                                                         problem=str(exc))) from None
        values: dict = {}
        offsets = _cell_offsets(line, cells, delimiter)
        for column, cell, at in zip(columns, cells, offsets):
            if column is None or not normalised(cell):
                continue
            values[column] = _kind(cell, shown, number, at + 1) if column == "kind" else cell.strip()
        index = columns.index("name")
        at = offsets[index] if index < len(offsets) else 0
        if "name" not in values:
            raise ConfigError(shown, number, at + 1, i18n.msg("a body without a name (the name column is empty)",
                                                              "单位没有名称（名称一列为空）"))
        cell = cells[index]
        at += (1 if line[at:at + 1] == '"' else 0) + len(cell) - len(cell.lstrip())
        yield values, number, at + 1


def _cell_offsets(line: str, cells: list, delimiter: str) -> list:
    """Where each cell of a CSV line starts (its quote, if quoted)."""
    offsets, at = [], 0
    for cell in cells:
        offsets.append(at)
        found = line.find(cell, at) if cell else at
        if found >= 0 and line[at:at + 1] != '"':
            at = found + len(cell)
        else:  # a quoted cell: skip to its closing quote
            at = line.find('"', at + 1)
            while at >= 0 and line[at + 1:at + 2] == '"':
                at = line.find('"', at + 2)
            at = len(line) if at < 0 else at + 1
        next_at = line.find(delimiter, at)
        at = len(line) if next_at < 0 else next_at + 1
    return offsets


def year_list(years: Iterable[int], lang: str) -> str:
    return ("、" if lang == "zh" else ", ").join(str(year) for year in sorted(years))


@check_kind
class MissingReport(AcrossKind):
    """GL807: a body of the roster (roster: in .govlint.yaml) without a report for a year of the batch, at
    its name in the roster file."""

    name = "missing-report"
    ROSTER: ClassVar[bool] = True
    FIELDS = ("body", "years", "years_en", "batch_years", "batch_years_en", "roster",
              "file", "where", "where_en", "found", "expected", "children", "others")
    CASES = ("none", "hierarchy")
    PARAMS = {
        "hierarchy": Param(bool, True, "with parents in the roster: a parent whose report says its figures include "
                                       "its subordinate bodies' states no cell of table 3 and table 4 below the sum "
                                       "of its children's reports"),
        "aggregate_phrases": Param(list, AGGREGATE_PHRASES, "regular expressions (folded text: ( ) , ; :) of a "
                                                            "sentence of the preamble or of section 一 saying the "
                                                            "report's figures include its subordinate bodies'"),
        "not_aggregating": Param(list, NOT_AGGREGATING, "words of such a sentence that say the opposite, or less "
                                                        "(不包括, 仅, 本级): then it says nothing"),
        "hierarchy_exact": Param(bool, False, "false: a cell is told only when the parent's figure is less than its "
                                              "children's sum (more may be its own work, or bodies the roster "
                                              "leaves out); true: whenever the two differ"),
    }

    @staticmethod
    def validate_params(params):
        for pattern in params["aggregate_phrases"]:
            if not isinstance(pattern, str) or not pattern:
                raise ValueError("aggregate_phrases must be a list of regular expressions")
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ValueError(f"aggregate_phrases: {pattern!r} is no regular expression ({exc})") from None
        if not all(isinstance(word, str) and word for word in params["not_aggregating"]):
            raise ValueError("not_aggregating must be a list of words")

    def extract(self, doc, fingerprint, params) -> None:
        # The body's names and the year are in every fingerprint already.  For the hierarchy: whether the
        # report says it aggregates, and its tables' numbers (only a run with a roster asks: lint/linter.py)
        if not params["hierarchy"]:
            return
        fingerprint.facts[self.name] = (_says_it_aggregates(doc, tuple(params["aggregate_phrases"]),
                                                            tuple(params["not_aggregating"])), _cells(doc))

    @staticmethod
    def keys(name: str) -> tuple:
        """The names a report of the body may give: its own, and for a government (某某县人民政府) its
        place alone, which a title also writes for it (某某县2022年政府信息公开工作年度报告)."""
        place = name[:-len(GOVERNMENT)] if name.endswith(GOVERNMENT) else ""
        return (name, place) if len(place) >= 2 else (name,)

    def check_roster(self, roster: Roster, reported: dict, years: set, canonical: Callable[[str], str],
                     params: dict, reports: Callable[[str, int], list] | None = None) -> Iterable[Finding]:
        """``reported``: normalised body name → the years it has a report for; ``years``: the batch's;
        ``reports(name, year)``: [(path, facts of this kind)] of the body's reports of that year (the
        hierarchy; None: not checked)."""
        if not years:
            return
        if params["hierarchy"] and reports is not None:
            yield from self._hierarchy(roster, years, canonical, reports, params["hierarchy_exact"])
        for body in roster.bodies:
            found: set = set()
            for key in self.keys(body.key):
                found |= reported.get(canonical(key), set())
            missing = years - found
            if not missing:
                continue
            yield Finding(Span(body.start, body.end),
                          {"body": body.name, "years": year_list(missing, "zh"), "years_en": year_list(missing, "en"),
                           "batch_years": year_list(years, "zh"), "batch_years_en": year_list(years, "en"),
                           "roster": roster.shown},
                          case="none" if missing == years and len(years) > 1 else None)

    def _hierarchy(self, roster: Roster, years: set, canonical: Callable[[str], str],
                   reports: Callable[[str, int], list], exact: bool) -> Iterable[Finding]:
        """A parent's tables against the sum of its children's, per year (see the module's docstring)."""
        bodies: dict[str, RosterBody] = {}  # every name a parent may be written by (某某县 for 某某县人民政府)
        for body in roster.bodies:
            for key in self.keys(body.key):
                bodies.setdefault(canonical(key), body)
        children: dict[int, dict] = {}  # id(parent) → {child's canonical name: child}: one body once
        for body in roster.bodies:
            parent = bodies.get(canonical(normalised(body.parent))) if body.parent else None
            if parent is not None and parent is not body:
                children.setdefault(id(parent), {}).setdefault(canonical(body.key), body)
        for parent in roster.bodies:
            kids = list(children.get(id(parent), {}).values())
            if not kids:
                continue
            for year in sorted(years):
                found = self._reports_of(parent, year, canonical, reports)
                if len(found) != 1 or found[0][1] is None or not found[0][1][0] or found[0][1][1] is None:
                    continue  # no report, two, or one that does not say it aggregates (or unread tables)
                path, (_says, (keys, values)) = found[0]
                sums = self._sum(kids, year, path, keys, canonical, reports)
                if sums is None:
                    continue
                differ = [at for at, (value, total) in enumerate(zip(values, sums))
                          if (value != total if exact else value < total)]
                if not differ:
                    continue
                table, row, column = _cell_key(keys, differ[0])
                where, where_en = place_names(table, row, column)
                yield Finding(Span(parent.start, parent.end),
                              {"body": parent.name, "years": str(year), "years_en": str(year), "file": path,
                               "where": where, "where_en": where_en, "found": number_text(values[differ[0]]),
                               "expected": number_text(sums[differ[0]]), "children": str(len(kids)),
                               "others": str(len(differ) - 1), "batch_years": year_list(years, "zh"),
                               "batch_years_en": year_list(years, "en"), "roster": roster.shown},
                              case="hierarchy")

    def _sum(self, kids: list, year: int, path: str, keys: tuple, canonical: Callable[[str], str],
             reports: Callable[[str, int], list]) -> list | None:
        """The children's numbers of ``year`` summed cell by cell, or None when the sum is unknown: a child
        without one report of its own (not the parent's, not another child's) read whole in ``keys``' layout."""
        sums = [0] * sum(len(columns) for _table, _row, columns in keys)
        paths = {path}
        for kid in kids:
            theirs = self._reports_of(kid, year, canonical, reports)
            if len(theirs) != 1 or theirs[0][0] in paths or theirs[0][1] is None or theirs[0][1][1] is None:
                return None
            paths.add(theirs[0][0])
            kid_keys, kid_values = theirs[0][1][1]
            if kid_keys != keys:
                return None  # another format's rows: not comparable cell by cell
            sums = [total + value for total, value in zip(sums, kid_values)]
        return sums

    def _reports_of(self, body: RosterBody, year: int, canonical: Callable[[str], str],
                    reports: Callable[[str, int], list]) -> list:
        """[(path, facts)] of the body's reports of ``year``, under any name a report may give it."""
        found: dict = {}
        for key in self.keys(body.key):
            for path, facts in reports(canonical(key), year):
                found.setdefault(path, facts)
        return list(found.items())


@lru_cache(maxsize=16)
def _aggregate_pattern(phrases: tuple) -> re.Pattern | None:
    return re.compile("|".join("(?:%s)" % phrase for phrase in phrases)) if phrases else None


def _says_it_aggregates(doc, phrases: tuple, negations: tuple) -> bool:
    """Does a sentence of the preamble or of section 一 say the report's figures include its subordinate
    bodies' (``phrases``, on its folded text), with none of the ``negations`` words?"""
    pattern = _aggregate_pattern(phrases)
    if pattern is None:
        return False
    for paragraph in list(doc.preamble) + list(doc.paragraphs(1)):
        if pattern.search(paragraph.text) is None:
            continue  # most paragraphs: one search says so
        for sentence in paragraph.iter_sentences():
            text = sentence.text
            if pattern.search(text) is not None and not any(word in text for word in negations):
                return True
    return False


def _cells(doc) -> tuple | None:
    """((table, row or group key, column key) of each number, the numbers) of table 3 (in row order) and
    table 4 (in group order), when both are read whole (every row at its width, every cell a whole
    number; table 4's groups all there); else None.  The keys are a tuple shared by the reports of one
    layout (pickled once per fingerprint, compared whole)."""
    keys: list = []
    values: list = []
    for table in (doc.table3, doc.table4):
        rows = whole_rows(table)
        if rows is None:
            return None
        for row in rows:
            whole = row.whole_values()
            if whole is None:
                return None
            keys.append((table.kind, row.key, tuple(row.columns)))
            values.extend(whole)
    return tuple(keys), tuple(values)


def _cell_key(keys: tuple, at: int) -> tuple:
    """(table, row key, column key) of the ``at``-th number of _cells()."""
    for table, row, columns in keys:
        if at < len(columns):
            return table, row, columns[at]
        at -= len(columns)
    raise IndexError(at)
