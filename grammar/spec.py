"""The mandated format as data: grammar/canonical.json, read once, with the questions every stage asks of it.

canonical.json is the specification of 国办公开办函〔2021〕30号 and its predecessors as govlint uses it:

* ``formats``: each format's notice (or regulation), the title of its format, its name for messages
  ({zh, en}) and the report years it governs ([first, last], null for open);
* ``sections``: the six mandated headings, with the key phrases that recognise a reworded one, and
  ``heading_variants``, the rewordings seen in reports;
* ``table2`` … ``table4``: the section each table belongs to (its Chinese title is that section's
  heading), its name, English titles and the English glosses of its columns; table 2's blocks per format (their columns and rows),
  the column headers that tell the formats apart (``signature``), the 试行 labels 2021 renamed
  (``old_labels``) and the header of its label column; table 3's rows (with the formats a row is
  in, when not both), groups, columns, the heads above the columns, its top level (一 … 四), its
  note and the words that recognise it; table 4's groups, columns and the head above two groups;
  the words a header line of tables 3 and 4 is made of.

The parser matches report text against it (govlint.parse.labels), the check kinds, the rule pages
and the HTML report look names up in it, through the accessors below; none of them keeps a copy of
a label, a table's width, a format's name or its years.  What remains in code, on purpose: keys (the
stable names rule packs use too: "total", "review" …); the line classifier's quick tests, fragments
of labels ("申请人", "新收"); the way a caller prints a name (the rule pages add the years of a
format no longer in force, the HTML page spaces digits from Chinese, messages add the table's
title in brackets).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache, wraps
from importlib import resources
from typing import Any

from govlint.grammar.shapes import DOCNO, HEADING_NUMBER

FORMATS = ("2021", "2019-trial", "2008")  # the report formats, newest first
TABLE_FORMATS = ("2021", "2019-trial")     # the formats with mandated tables; a table-3 row without "formats" is in both
TABLES = ("table2", "table3", "table4")    # the mandated tables, as the document tree and rule packs name them


def _answered_once(method):
    """An accessor's answer never changes: compute it once per arguments, per Spec.  Lists, dicts
    and sets are handed out as shallow copies, so that a caller changing its answer cannot change
    the next caller's.  (The parser and the rules ask the same questions for every report.)"""
    @wraps(method)
    def answer(self, *args, **kwargs):
        key = (method.__name__, args, tuple(sorted(kwargs.items())))
        try:
            value = self._answers[key]
        except KeyError:
            value = self._answers[key] = method(self, *args, **kwargs)
        return value.copy() if isinstance(value, (list, dict, set)) else value
    return answer


class Spec:
    """canonical.json with accessors.  ``data`` is the parsed JSON, read-only by convention: ask
    an accessor (add one) rather than reading it."""

    def __init__(self, data: dict[str, Any]):
        self.data = data
        self._answers: dict[tuple, Any] = {}

    # -- formats ----------------------------------------------------------------------------------
    def format_info(self, fmt: str) -> dict[str, Any]:
        """What canonical.json says of a format (its notice, its number …); {} for an unknown one."""
        return dict(self.data["formats"].get(fmt) or {})

    def format_name(self, fmt: str, lang: str) -> str | None:
        """A format's name in ``lang`` ("zh" or "en"): "试行格式", "2019 trial format"; None for an unknown one."""
        name = self.format_info(fmt).get("name")
        return str(name[lang]) if name else None

    def format_years(self, fmt: str) -> tuple[int | None, int | None]:
        """(first, last) report year of a format; None where the range is open: (None, 2018) for 2008."""
        first, last = self.data["formats"][fmt]["years"]
        return first, last

    def format_of_year(self, year: int) -> str:
        """The format a report of ``year`` follows: ≤2018 → 2008, 2019–2020 → 2019-trial, ≥2021 → 2021."""
        for fmt in FORMATS:
            first, last = self.format_years(fmt)
            if (first is None or year >= first) and (last is None or year <= last):
                return fmt
        raise ValueError(f"canonical.json: no format covers {year}")

    def notice(self, fmt: str) -> str | None:
        """The notice that sets format ``fmt``: "国办公开办函〔2021〕30号" (None for the 2008 regulation)."""
        return self.format_info(fmt).get("notice")

    def notice_number(self, fmt: str) -> tuple[int, int] | None:
        """(year, serial) of the notice of ``fmt``: (2021, 30)."""
        match = DOCNO.search(self.notice(fmt) or "")
        return (int(match.group("year")), int(match.group("serial"))) if match else None

    def notice_issuer(self, fmt: str) -> str | None:
        """The issuer's code in the notice's number: "国办公开办函"."""
        notice = self.notice(fmt)
        match = DOCNO.search(notice or "")
        return notice[:match.start()] if notice and match else None

    # -- sections ---------------------------------------------------------------------------------
    def section_ids(self) -> list[int]:
        return [int(section["id"]) for section in self.data["sections"]]

    def heading(self, section_id: int) -> str:
        """The mandated heading of section ``section_id`` (1–6), e.g. "三、收到和处理政府信息公开申请情况"."""
        return str(self.data["sections"][section_id - 1]["heading"])

    def heading_words(self, section_id: int) -> str:
        """The mandated heading without its numbering, e.g. "收到和处理政府信息公开申请情况"."""
        heading = self.heading(section_id)
        numbering = HEADING_NUMBER.match(heading)
        return heading[numbering.end():] if numbering else heading

    def heading_keywords(self, section_id: int) -> list[str]:
        """Phrases that name section ``section_id`` in a reworded heading: "主要问题" for 五."""
        return list(self.data["sections"][section_id - 1]["keywords"])

    def heading_variants(self, section_id: int) -> list[str]:
        """Known rewordings of a mandated heading (without numbering)."""
        return list(self.data["heading_variants"].get(str(section_id), []))

    # -- the tables -------------------------------------------------------------------------------
    def table_section(self, table: str) -> int:
        """The mandated section a table belongs to: 2 for table2."""
        return int(self.data[table]["section"])

    def table_name(self, table: str, lang: str) -> str:
        """"表二" / "table 2"."""
        return str(self.data[table]["name"][lang])

    def table_title(self, table: str, lang: str, short: bool = False) -> str:
        """What a table is about: in Chinese its section's heading ("主动公开政府信息情况"); in English
        "Proactive disclosure of government information", or ``short`` "proactive disclosure"."""
        if lang == "zh":
            return self.heading_words(self.table_section(table))
        return str(self.data[table]["title_en"]["short" if short else "full"])

    def labels(self, table: str, what: str) -> dict[str, str]:
        """A table's canonical labels by key: ``what`` is "rows", "groups" or "columns".  Table 2's
        are those of both formats (a key's 2021 label first); table 4 has groups, no rows."""
        return dict(_labels(self, table, what))

    def column_gloss(self, table: str, column: str) -> str | None:
        """A column's meaning in English, for messages that quote its Chinese label: "natural persons"."""
        return self.data.get(table, {}).get("columns_en", {}).get(column)

    def keys(self) -> frozenset[str]:
        """Every row, group and column key of tables 2–4: the names a relation may use."""
        return frozenset(key for table in TABLES for what in ("rows", "groups", "columns")
                         for key in _labels(self, table, what))

    def header_words(self, table: str) -> list[str]:
        """The words a header line of ``table`` is made of: for table 2 its column labels (both
        formats) and its label column's header; for tables 3 and 4 the listed header words."""
        if table == "table2":
            words = [self.t2_label_header()]
            for fmt in TABLE_FORMATS:
                words.extend(label for block in self.t2_blocks(fmt) for _, label in block["columns"])
            return words
        return list(self.data[table]["header_words"]) + list(self.data[table].get("corner_words", []))

    # -- table 2 ----------------------------------------------------------------------------------
    def t2_blocks(self, fmt: str) -> list[dict[str, Any]]:
        """Table 2's blocks (one per article-20 item) in format ``fmt``."""
        return list(self.data["table2"][fmt])

    def t2_columns(self, fmt: str) -> dict[str, list[str]]:
        """Table 2 in format ``fmt``: each row's key → the keys of its block's columns (its width)."""
        return {key: [column for column, _ in block["columns"]]
                for block in self.t2_blocks(fmt) for key, _label in block["rows"]}

    def t2_label_header(self) -> str:
        """The header of table 2's label column: "信息内容"."""
        return str(self.data["table2"]["label_header"])

    def t2_signature(self) -> dict[str, list[str]]:
        """format → words of its column headers the other format's do not have."""
        return {fmt: list(words) for fmt, words in self.data["table2"]["signature"].items()}

    def t2_old_labels(self, fmt: str) -> dict[str, str]:
        """Labels of ``fmt``'s predecessor that it renamed: old → new ({} if none)."""
        return dict(self.data["table2"]["old_labels"].get(fmt, {}))

    def t2_own_rows(self, fmt: str) -> set[str]:
        """The keys of the rows only format ``fmt``'s table 2 has (试行: other_services, procurement)."""
        return _t2_rows(self, fmt) - set().union(*(_t2_rows(self, other) for other in TABLE_FORMATS if other != fmt))

    def t2_own_items(self, fmt: str) -> set[str]:
        """The article-20 items only format ``fmt``'s table 2 has a block for (试行: 九)."""
        items = {block["item"] for block in self.t2_blocks(fmt)}
        return items.difference(*({block["item"] for block in self.t2_blocks(other)}
                                  for other in TABLE_FORMATS if other != fmt))

    # -- table 3 ----------------------------------------------------------------------------------
    def t3_rows(self) -> list[tuple[str, str, tuple[str, ...]]]:
        """(key, label, formats) of table 3's rows, in printed order."""
        return [(row["key"], row["label"], tuple(row.get("formats", TABLE_FORMATS)))
                for row in self.data["table3"]["rows"]]

    def t3_keys(self, fmt: str) -> list[str]:
        """The keys of table 3's rows in format ``fmt``, in printed order."""
        return [key for key, _, formats in self.t3_rows() if fmt in formats]

    def t3_own_keys(self, fmt: str) -> set[str]:
        """The keys of the rows only format ``fmt``'s table 3 has (2021: other.1–3; 试行: other)."""
        return set(self.t3_keys(fmt)).difference(*(self.t3_keys(other) for other in TABLE_FORMATS if other != fmt))

    def t3_columns(self) -> list[str]:
        return [key for key, _ in self.data["table3"]["columns"]]

    def t3_width(self) -> int:
        """Values in a row of table 3: one per column (自然人, five kinds of 法人或其他组织, 总计)."""
        return len(self.t3_columns())

    def t3_top_keys(self) -> list[str]:
        """The keys of table 3's top level, numbered 一 to 四: rows new and carried, the group result
        (三、本年度办理结果), the row forward."""
        return list(self.data["table3"]["top_level"])

    def t3_incoming_keys(self) -> list[str]:
        """The applications of the year: 一、本年新收… and 二、上年结转…, the top-level rows before the
        first group (the results).  A table 3 starts with them."""
        groups = self.labels("table3", "groups")
        opening = []
        for key in self.t3_top_keys():
            if key in groups:
                break
            opening.append(key)
        return opening

    def t3_column_heads(self) -> dict[str, tuple[str, list[str]]]:
        """The heads printed above table 3's columns: key → (label, the column keys it is over)."""
        return {key: (head["label"], list(head["over"])) for key, head in self.data["table3"]["column_heads"].items()}

    def t3_note(self) -> str:
        """The note table 3 prints under its label column (本列数据的勾稽关系为 …)."""
        return str(self.data["table3"]["note"])

    def t3_note_words(self) -> list[str]:
        """Words that recognise a line of table 3's note, however it was cut: the first names it
        (勾稽关系)."""
        return list(self.data["table3"]["note_words"])

    # -- table 4 ----------------------------------------------------------------------------------
    def t4_groups(self) -> list[str]:
        return [key for key, _ in self.data["table4"]["groups"]]

    def t4_columns(self) -> list[str]:
        return [key for key, _ in self.data["table4"]["columns"]]

    def t4_width(self) -> int:
        """Values in table 4's one data row: every group × every column (3 × 5 = 15)."""
        return len(self.t4_groups()) * len(self.t4_columns())

    def t4_group_heads(self) -> dict[str, tuple[str, list[str]]]:
        """The heads printed above table 4's groups: key → (label, the group keys it is over)."""
        return {key: (head["label"], list(head["over"])) for key, head in self.data["table4"]["group_heads"].items()}



for _name, _method in list(vars(Spec).items()):
    if callable(_method) and not _name.startswith("_"):
        setattr(Spec, _name, _answered_once(_method))

@lru_cache(maxsize=None)
def _labels(spec: Spec, table: str, what: str) -> dict[str, str]:
    data = spec.data[table]
    if table == "table2":
        labels: dict[str, str] = {}
        if what in ("rows", "columns"):
            for fmt in TABLE_FORMATS:
                for block in spec.t2_blocks(fmt):
                    for key, label in block[what]:
                        labels.setdefault(key, label)
        return labels
    if table == "table3" and what == "rows":
        return {key: label for key, label, _ in spec.t3_rows()}
    return dict(data.get(what, []))


def _t2_rows(spec: Spec, fmt: str) -> set[str]:
    return {key for block in spec.t2_blocks(fmt) for key, _ in block["rows"]}


@lru_cache(maxsize=1)
def spec() -> Spec:
    text = resources.files("govlint.grammar").joinpath("canonical.json").read_text(encoding="utf-8")
    return Spec(json.loads(text))


# -- the statements lexicon (grammar/statements.yaml) ---------------------------------------------
# What the prose states (均获维持, 未发生行政复议 …) and what the tables must then show; data users may
# extend.  Read and checked here, beside canonical.json, since its keys are canonical.json's.

STATEMENTS_FILE = "statements.yaml"
_SUBJECT_WINDOWS = ("clause", "sentence")   # where a statement's subject words are looked for
_UNNAMED = ("all", "skip")                  # a statement naming none of its subjects: all of them, or none
_SCOPE_LISTS = ("part_words", "area_words", "past_words")


@dataclass(frozen=True)
class StatementSubject:
    """What a statement can speak of: its words, and its rows (table 4: groups) per table."""

    name: str
    words: tuple[str, ...]
    rows: dict[str, tuple[str, ...]]  # table → row (group) keys


@dataclass(frozen=True)
class StatementKind:
    """One statement of the lexicon: how it is written and what the tables must then show."""

    id: str
    phrasings: tuple[str, ...]
    words: tuple[str, ...]              # one of them occurs wherever a phrasing matches (() = no such word)
    subjects: tuple[str, ...]
    subjects_in: str                    # clause | sentence
    unnamed: str                        # all | skip
    not_if: tuple[str, ...]
    requires: dict[str, tuple[tuple[str, ...], int]]  # table → (column keys, the value they must equal)
    # Measures of grammar/quantities.yaml the body's prose may not state above 0 for the report year
    # (未收取信息处理费 against 收取信息处理费1200元): a statement the text itself contradicts.
    contradicted_by: tuple[str, ...] = ()


@dataclass(frozen=True, eq=False)  # hashed by identity: the one lexicon is a cache key
class StatementLexicon:
    part_mark: str
    part_words: tuple[str, ...]
    area_words: tuple[str, ...]
    past_words: tuple[str, ...]
    subjects: dict[str, StatementSubject]
    statements: dict[str, StatementKind]

    def required_cells(self, statement: str, subjects) -> list[tuple[str, str, tuple[str, ...], int]]:
        """(table, row key, column keys, value) the tables must show when ``statement`` speaks of
        ``subjects``: the subjects' rows of each required table, in lexicon order."""
        kind = self.statements[statement]
        cells: list[tuple[str, str, tuple[str, ...], int]] = []
        for table, (columns, value) in kind.requires.items():
            for name in kind.subjects:
                if name in subjects:
                    cells.extend((table, row, columns, value) for row in self.subjects[name].rows.get(table, ()))
        return cells


class _DataChecks:
    """The checks every grammar data file's builder makes, each failure a ConfigError at the node
    (file:line:column when the data has positions)."""

    def __init__(self, path: str):
        from govlint.support.yamlio import Located

        self.where = Located(path)

    def fail(self, node, at, en: str, zh: str, **values):
        from govlint.support import i18n

        raise self.where.error(node, at, i18n.fmt(en, zh, **values))

    def mapping(self, node, key, known, required):
        """``node[key]``, a mapping whose keys are all ``known`` and include every ``required``."""
        value = node.get(key) if isinstance(node, dict) else None
        if not isinstance(value, dict):
            self.fail(node, key, "{key}: expected a mapping", "{key}：应为映射", key=key)
        for name in value:
            if name not in known:
                self.fail(value, name, "unknown key {name!r} in {key}", "{key} 中有未知的键 {name!r}", name=name, key=key)
        for name in required:
            if name not in value:
                self.fail(node, key, "{key} needs {name!r}", "{key} 缺少 {name!r}", key=key, name=name)
        return value

    def words(self, node, key) -> tuple[str, ...]:
        """``node[key]``, a list of non-empty words."""
        value = node.get(key)
        if not isinstance(value, list) or not all(isinstance(word, str) and word for word in value):
            self.fail(node, key, "{key}: expected a list of words", "{key}：应为词语列表", key=key)
        return tuple(str(word) for word in value)


def _load_checked(text: str, path: str, cache_dir: str | None, build):
    """``build(data, path)`` of a grammar data file, as the rule packs are read: the fast path reads
    plain data, from the on-disk cache once it has been accepted (reading the YAML costs more than a
    report's whole check); data with a mistake is read again with positions, so that the error names
    its line and column."""
    from govlint.support.yamlio import ConfigError, load, load_cached

    try:
        return load_cached(text, path, cache_dir, lambda data: build(data, path))
    except ConfigError as plain_error:
        if plain_error.line is not None:
            raise
        build(load(text, path, positions=True), path)
        raise plain_error


def load_statement_lexicon(text: str, path: str, cache_dir: str | None = None) -> StatementLexicon:
    """The lexicon in ``text`` (YAML), checked: an unknown or missing key, a key that is not
    canonical.json's, a regex that does not compile is a ConfigError at its file:line:column."""
    return _load_checked(text, path, cache_dir, build_statement_lexicon)


def build_statement_lexicon(data: Any, path: str) -> StatementLexicon:
    """The lexicon of YAML data (plain, or with positions for the errors), checked."""
    from govlint.support import i18n
    from govlint.support.yamlio import ConfigError

    checks = _DataChecks(path)
    fail, mapping, words = checks.fail, checks.mapping, checks.words

    def known_keys(node, key, values, allowed, what: str) -> tuple[str, ...]:
        for index, value in enumerate(values):
            if value not in allowed:
                fail(node[key], index, "{value!r} is not a {what} key of grammar/canonical.json",
                     "{value!r} 不是 grammar/canonical.json 中的{what}键", value=value, what=what)
        return values

    if not isinstance(data, dict):
        raise ConfigError(path, 1, 1, i18n.fmt("expected a mapping", "应为映射"))
    top = {"top": data}
    mapping(top, "top", ("scope", "subjects", "statements"), ("scope", "subjects", "statements"))
    scope = mapping(data, "scope", ("part_mark",) + _SCOPE_LISTS, ("part_mark",) + _SCOPE_LISTS)
    if not isinstance(scope["part_mark"], str) or not scope["part_mark"]:
        fail(scope, "part_mark", "part_mark: expected a word", "part_mark：应为词语")

    def rows_of(table: str) -> frozenset[str]:
        return frozenset(spec().labels(table, "groups" if table == "table4" else "rows"))

    subjects: dict[str, StatementSubject] = {}
    subject_nodes = mapping(data, "subjects", tuple(data.get("subjects") or ()), ())
    for name, node in subject_nodes.items():
        mapping(subject_nodes, name, ("words",) + TABLES, ("words",))
        rows = {table: known_keys(node, table, words(node, table), rows_of(table), "row")
                for table in TABLES if table in node}
        subjects[str(name)] = StatementSubject(str(name), words(node, "words"), rows)

    statements: dict[str, StatementKind] = {}
    statement_nodes = mapping(data, "statements", tuple(data.get("statements") or ()), ())
    fields = ("phrasings", "subjects", "subjects_in", "unnamed", "not_if", "requires")
    measures = frozenset(quantity_lexicon().measures) if any(
        "contradicted_by" in (node or {}) for node in statement_nodes.values()) else frozenset()
    for name, node in statement_nodes.items():
        mapping(statement_nodes, name, fields + ("words", "contradicted_by"), fields[:-1])
        if "requires" not in node and "contradicted_by" not in node:
            fail(statement_nodes, name, "{key} needs 'requires' or 'contradicted_by'",
                 "{key} 缺少 'requires' 或 'contradicted_by'", key=name)
        contradicted_by = words(node, "contradicted_by") if "contradicted_by" in node else ()
        for index, measure in enumerate(contradicted_by):
            if measure not in measures:
                fail(node["contradicted_by"], index, "{value!r} is not a measure of grammar/quantities.yaml",
                     "{value!r} 不是 grammar/quantities.yaml 中的量", value=measure)
        phrasings = words(node, "phrasings")
        literal = words(node, "words") if "words" in node else ()
        for index, pattern in enumerate(phrasings):
            try:
                re.compile(pattern)
            except re.error as error:
                fail(node["phrasings"], index, "not a regex: {error}", "不是正则表达式：{error}", error=str(error))
        own = known_keys(node, "subjects", words(node, "subjects"), frozenset(subjects), "subject")
        for key, allowed in (("subjects_in", _SUBJECT_WINDOWS), ("unnamed", _UNNAMED)):
            if node[key] not in allowed:
                fail(node, key, "{key}: one of {allowed}", "{key}：应为 {allowed} 之一",
                     key=key, allowed=", ".join(allowed))
        requires = mapping(node, "requires", TABLES, ()) if "requires" in node else {}
        required: dict[str, tuple[tuple[str, ...], int]] = {}
        for table, condition in requires.items():
            mapping(requires, table, ("columns", "equals"), ("columns", "equals"))
            columns = known_keys(condition, "columns", words(condition, "columns"),
                                 frozenset(spec().labels(table, "columns")), "column")
            value = condition["equals"]
            if not isinstance(value, int) or isinstance(value, bool):
                fail(condition, "equals", "equals: expected a whole number", "equals：应为整数")
            if not any(table in subjects[subject].rows for subject in own):
                fail(requires, table, "no subject of {name} has rows in {table}",
                     "{name} 的主语在 {table} 中没有行", name=name, table=table)
            required[str(table)] = (columns, int(value))
        statements[str(name)] = StatementKind(str(name), phrasings, literal, own, str(node["subjects_in"]),
                                              str(node["unnamed"]), words(node, "not_if"), required,
                                              tuple(contradicted_by))
    return StatementLexicon(str(scope["part_mark"]), words(scope, "part_words"), words(scope, "area_words"),
                            words(scope, "past_words"), subjects=subjects, statements=statements)


@lru_cache(maxsize=1)
def statement_lexicon() -> StatementLexicon:
    """grammar/statements.yaml, read and checked once."""
    from govlint.support.cache import cache_directory

    text = resources.files("govlint.grammar").joinpath(STATEMENTS_FILE).read_text(encoding="utf-8")
    return load_statement_lexicon(text, f"grammar/{STATEMENTS_FILE}", cache_directory())


def extended_statement_lexicon(extra: Any) -> StatementLexicon:
    """grammar/statements.yaml with a user's ``subjects`` and ``statements`` added (an id of the file's
    replaces its entry), in the file's shape and checked as it is: ``extra`` is a mapping with either
    key, as a rule's parameters give it (.govlint.yaml).  A mistake is a ValueError naming it."""
    import json

    return _extended_statement_lexicon(json.dumps(extra, sort_keys=True, ensure_ascii=False))


@lru_cache(maxsize=8)
def _extended_statement_lexicon(extra_json: str) -> StatementLexicon:
    import json

    from govlint.support.yamlio import ConfigError, load

    extra = json.loads(extra_json)
    if not isinstance(extra, dict) or not set(extra) <= {"subjects", "statements"}:
        raise ValueError("expected a mapping with 'subjects' and/or 'statements', as in grammar/statements.yaml")
    text = resources.files("govlint.grammar").joinpath(STATEMENTS_FILE).read_text(encoding="utf-8")
    data = load(text, f"grammar/{STATEMENTS_FILE}", positions=False)
    for key in ("subjects", "statements"):
        if not isinstance(extra.get(key, {}), dict):
            raise ValueError(f"{key}: expected a mapping of ids to entries, as in grammar/statements.yaml")
        data[key] = {**data[key], **extra.get(key, {})}
    try:
        return build_statement_lexicon(data, "statements")
    except ConfigError as error:
        raise ValueError(str(error)) from None


# -- the quantities lexicon: grammar/quantities.yaml ----------------------------------------------
# What the numbers of the prose count (新收, 办结, 予以公开 …) and the table cells that state the same
# figure.  Read and checked here, beside canonical.json, since its keys are canonical.json's.

QUANTITIES_FILE = "quantities.yaml"
_QUANTITY_LISTS = ("change_words", "cumulative_words", "joiners", "open_parts", "closed_parts", "rate_words",
                   "rise_words", "fall_words", "previous_year_words", "total_words", "self_words")


@dataclass(frozen=True)
class QuantityCells:
    """One reading of a measure in a table: the sum of ``rows`` (table 4: groups; a group key of
    table 3 stands for all its rows) in ``column``."""

    table: str
    rows: tuple[str, ...]
    column: str


@dataclass(frozen=True)
class QuantityMeasure:
    """What a number of the prose counts: its words, subject words, units and table cells."""

    id: str
    name: dict[str, str]               # {zh, en}
    words: tuple[str, ...]
    subject: tuple[str, ...]           # () = the measure's word says it all
    subject_in: str                    # clause | sentence: where the subject words are looked for
    not_subject: tuple[str, ...]
    units: tuple[str, ...]
    cells: tuple[QuantityCells, ...]   # alternatives; () = no table states it
    generic: bool = False              # another measure's word before its own in the window wins
    stock: bool = False                # counts what stands at a date (现行有效): a running total is its figure


@dataclass(frozen=True, eq=False)  # hashed by identity: the one lexicon is a cache key
class QuantityLexicon:
    change_words: tuple[str, ...]
    cumulative_words: tuple[str, ...]
    joiners: tuple[str, ...]
    open_parts: tuple[str, ...]
    closed_parts: tuple[str, ...]
    rate_words: tuple[str, ...]
    rise_words: tuple[str, ...]
    fall_words: tuple[str, ...]
    previous_year_words: tuple[str, ...]
    total_words: tuple[str, ...]
    self_words: tuple[str, ...]
    measures: dict[str, QuantityMeasure]


def load_quantity_lexicon(text: str, path: str, cache_dir: str | None = None) -> QuantityLexicon:
    """The lexicon in ``text`` (YAML), checked as load_statement_lexicon checks its own."""
    return _load_checked(text, path, cache_dir, build_quantity_lexicon)


def build_quantity_lexicon(data: Any, path: str) -> QuantityLexicon:
    """The lexicon of YAML data (plain, or with positions for the errors), checked: unknown or
    missing keys, empty word lists, table/row/column keys that are not canonical.json's."""
    from govlint.support import i18n
    from govlint.support.yamlio import ConfigError

    checks = _DataChecks(path)
    fail, mapping, words = checks.fail, checks.mapping, checks.words

    if not isinstance(data, dict):
        raise ConfigError(path, 1, 1, i18n.fmt("expected a mapping", "应为映射"))
    mapping({"top": data}, "top", _QUANTITY_LISTS + ("measures",), _QUANTITY_LISTS + ("measures",))
    lists = {name: words(data, name) for name in _QUANTITY_LISTS}
    measures: dict[str, QuantityMeasure] = {}
    nodes = mapping(data, "measures", tuple(data.get("measures") or ()), ())
    fields = ("name", "words", "subject", "subject_in", "not_subject", "units", "cells", "generic", "stock")
    for name, node in nodes.items():
        mapping(nodes, name, fields, ("name", "words", "units"))
        label = mapping(node, "name", ("zh", "en"), ("zh", "en"))
        cells = []
        for index, cell in enumerate(node.get("cells") or ()):
            mapping({index: cell}, index, ("table", "rows", "column"), ("table", "rows", "column"))
            table = cell["table"]
            if table not in TABLES:
                fail(cell, "table", "{value!r} is not a table ({allowed})", "{value!r} 不是表格（{allowed}）",
                     value=table, allowed=", ".join(TABLES))
            rows = words(cell, "rows")
            known_rows = spec().labels(table, "groups" if table == "table4" else "rows")
            known_rows.update(spec().labels(table, "groups") if table == "table3" else {})
            for row in rows:
                if row not in known_rows:
                    fail(cell, "rows", "{value!r} is not a row key of {table} in grammar/canonical.json",
                         "{value!r} 不是 grammar/canonical.json 中{table}的行键", value=row, table=table)
            if cell["column"] not in spec().labels(table, "columns"):
                fail(cell, "column", "{value!r} is not a column key of {table} in grammar/canonical.json",
                     "{value!r} 不是 grammar/canonical.json 中{table}的列键", value=cell["column"], table=table)
            cells.append(QuantityCells(str(table), rows, str(cell["column"])))
        measures[str(name)] = QuantityMeasure(
            str(name), {"zh": str(label["zh"]), "en": str(label["en"])}, words(node, "words"),
            words(node, "subject") if "subject" in node else (), _subject_window(node, fail),
            words(node, "not_subject") if "not_subject" in node else (), words(node, "units"), tuple(cells),
            node.get("generic") is True, node.get("stock") is True)
    return QuantityLexicon(measures=measures, **lists)


def _subject_window(node, fail) -> str:
    window = node.get("subject_in", "clause")
    if window not in _SUBJECT_WINDOWS:
        fail(node, "subject_in", "subject_in: one of {allowed}", "subject_in：应为 {allowed} 之一",
             allowed=", ".join(_SUBJECT_WINDOWS))
    return str(window)


@lru_cache(maxsize=1)
def quantity_lexicon() -> QuantityLexicon:
    """grammar/quantities.yaml, read and checked once."""
    from govlint.support.cache import cache_directory

    text = resources.files("govlint.grammar").joinpath(QUANTITIES_FILE).read_text(encoding="utf-8")
    return load_quantity_lexicon(text, f"grammar/{QUANTITIES_FILE}", cache_directory())


# -- the table of bodies (grammar/bodies.yaml) -----------------------------------------------------
# Who a report is by: the shapes of organ names, places and their levels, and the specific kinds
# of body (approval bureaus …) with what each implies.  Read by govlint.parse.body and the rules of
# rules/packs/body.yaml; GL310's parameter `classes` extends `classes` (build_body_classes).

BODIES_FILE = "bodies.yaml"
BODY_LEVELS = ("province", "city", "county", "township")  # highest first
_BODY_WORD_LISTS = ("province_cities", "not_places", "organ_endings", "government_cores", "government_offices",
                    "parts", "self_words", "self_prefixes")


@dataclass(frozen=True)
class BodyClass:
    """A specific kind of body: the words of its name, the table-2 cells it should not leave at 0,
    and the words of the prose that show that activity."""

    name: str
    names: tuple[str, ...]
    nonzero: tuple[tuple[str, str], ...]  # (table-2 row key, column key)
    evidence: tuple[str, ...]
    min_evidence: int


@dataclass(frozen=True, eq=False)  # hashed by identity: the one table is a cache key
class BodyTable:
    levels: tuple[tuple[str, str], ...]   # (place ending, level), longest ending first
    province_cities: tuple[str, ...]
    not_places: tuple[str, ...]
    organ_endings: tuple[str, ...]        # longest first
    government_cores: tuple[str, ...]
    government_short: dict[str, str]
    government_offices: tuple[str, ...]
    parts: tuple[str, ...]                # longest first
    self_words: tuple[str, ...]
    self_prefixes: tuple[str, ...]
    classes: dict[str, BodyClass]

    def classes_of(self, name: str, extra: dict[str, BodyClass] | None = None) -> tuple[str, ...]:
        """The specific kinds whose name words end ``name`` or occur in it."""
        table = {**self.classes, **(extra or {})}
        return tuple(key for key, kind in table.items() if any(word in name for word in kind.names))

    def body_class(self, key: str, extra: dict[str, BodyClass] | None = None) -> BodyClass:
        return {**self.classes, **(extra or {})}[key]


def _longest_first(words) -> tuple[str, ...]:
    return tuple(sorted(words, key=len, reverse=True))


def build_body_classes(data: Any, path: str, where=None) -> dict[str, BodyClass]:
    """`classes:` of bodies.yaml (or of GL310's parameter), checked: every key known, word lists of
    words, table-2 cells that grammar/canonical.json has.  Raises ConfigError (or ValueError
    without a file: a rule parameter)."""
    from govlint.support import i18n
    from govlint.support.yamlio import ConfigError, Located

    located = where or Located(path)

    def fail(node, at, en: str, zh: str, **values):
        if where is None and path == "":
            raise ValueError(en.format(**values))
        raise located.error(node, at, i18n.fmt(en, zh, **values))

    if not isinstance(data, dict):
        if path == "":
            raise ValueError("classes: expected a mapping of class names to {names, nonzero, evidence, min_evidence}")
        raise ConfigError(path, 1, 1, i18n.fmt("classes: expected a mapping", "classes：应为映射"))
    rows = spec().labels("table2", "rows")
    columns = spec().labels("table2", "columns")
    fields = ("names", "nonzero", "evidence", "min_evidence")
    classes: dict[str, BodyClass] = {}
    for key, node in data.items():
        if not isinstance(node, dict):
            fail(data, key, "{key}: expected a mapping", "{key}：应为映射", key=key)
        for name in node:
            if name not in fields:
                fail(node, name, "unknown key {name!r} in {key}", "{key} 中有未知的键 {name!r}", name=name, key=key)
        for name in fields:
            if name not in node:
                fail(data, key, "{key} needs {name!r}", "{key} 缺少 {name!r}", key=key, name=name)
        for name in ("names", "evidence"):
            value = node[name]
            if not isinstance(value, list) or not all(isinstance(word, str) and word for word in value):
                fail(node, name, "{name}: expected a list of words", "{name}：应为词语列表", name=name)
        if not node["names"]:
            fail(node, "names", "names: at least one word", "names：至少一个词语")
        cells = node["nonzero"]
        if not isinstance(cells, list):
            fail(node, "nonzero", "nonzero: expected a list of [row, column]", "nonzero：应为 [行, 列] 的列表")
        for index, cell in enumerate(cells):
            if (not isinstance(cell, list) or len(cell) != 2 or cell[0] not in rows or cell[1] not in columns):
                fail(cells, index, "nonzero: {cell!r} is not a [row, column] of table 2 in grammar/canonical.json",
                     "nonzero：{cell!r} 不是 grammar/canonical.json 中表二的 [行, 列]", cell=cell)
        least = node["min_evidence"]
        if not isinstance(least, int) or isinstance(least, bool) or least < 0:
            fail(node, "min_evidence", "min_evidence: expected a whole number ≥ 0", "min_evidence：应为不小于 0 的整数")
        classes[str(key)] = BodyClass(str(key), tuple(map(str, node["names"])),
                                      tuple((str(row), str(column)) for row, column in cells),
                                      tuple(map(str, node["evidence"])), int(least))
    return classes


def build_body_table(data: Any, path: str) -> BodyTable:
    """The table of YAML data (with positions for the errors), checked."""
    from govlint.support import i18n
    from govlint.support.yamlio import ConfigError, Located

    where = Located(path)
    keys = ("levels", "government_short", "classes") + _BODY_WORD_LISTS
    if not isinstance(data, dict):
        raise ConfigError(path, 1, 1, i18n.fmt("expected a mapping", "应为映射"))
    where.check_mapping(data, keys, i18n.msg("expected a mapping", "应为映射"),
                        lambda key: i18n.fmt("unknown key {key!r}", "未知的键 {key!r}", key=key))
    for key in keys:
        if key not in data:
            raise ConfigError(path, 1, 1, i18n.fmt("{key!r} is missing", "缺少 {key!r}", key=key))

    words = _DataChecks(path).words

    levels = data["levels"]
    if not isinstance(levels, dict) or set(levels) != set(BODY_LEVELS):
        raise where.error(data, "levels", i18n.fmt("levels: expected {levels}", "levels：应为 {levels}",
                                                   levels=", ".join(BODY_LEVELS)))
    endings = [(ending, level) for level in BODY_LEVELS for ending in words(levels, level)]
    short = data["government_short"]
    if not isinstance(short, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in short.items()):
        raise where.error(data, "government_short", i18n.msg("government_short: expected a mapping of words",
                                                              "government_short：应为词语到词语的映射"))
    lists = {key: words(data, key) for key in _BODY_WORD_LISTS}
    return BodyTable(levels=tuple(sorted(endings, key=lambda item: len(item[0]), reverse=True)),
                     province_cities=lists["province_cities"], not_places=lists["not_places"],
                     organ_endings=_longest_first(lists["organ_endings"]),
                     government_cores=_longest_first(lists["government_cores"]),
                     government_short={str(k): str(v) for k, v in short.items()},
                     government_offices=_longest_first(lists["government_offices"]),
                     parts=_longest_first(lists["parts"]), self_words=lists["self_words"],
                     self_prefixes=lists["self_prefixes"], classes=build_body_classes(data["classes"], path, where))


def load_body_table(text: str, path: str, cache_dir: str | None = None) -> BodyTable:
    """The table in ``text`` (YAML), checked as load_statement_lexicon checks its lexicon (and cached
    as it is: reading the YAML with positions cost every run's start)."""
    return _load_checked(text, path, cache_dir, build_body_table)


@lru_cache(maxsize=1)
def body_table() -> BodyTable:
    """grammar/bodies.yaml, read and checked once."""
    from govlint.support.cache import cache_directory

    text = resources.files("govlint.grammar").joinpath(BODIES_FILE).read_text(encoding="utf-8")
    return load_body_table(text, f"grammar/{BODIES_FILE}", cache_directory())
