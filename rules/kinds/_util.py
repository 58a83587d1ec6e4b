"""Helpers shared by the check kinds: where to point, and how to name tables, rows and columns."""
from __future__ import annotations

import math
import re
from fractions import Fraction
from functools import lru_cache

from govlint.grammar.spec import TABLES, spec
from govlint.rules.api import Span

# Tables by name (grammar/canonical.json): 表二 / table 2, and with what they are about,
# 表二（主动公开政府信息情况） / table 2 (proactive disclosure).
SHORT_TABLE = {table: spec().table_name(table, "zh") for table in TABLES}
SHORT_TABLE_EN = {table: spec().table_name(table, "en") for table in TABLES}
TABLE_NAMES = {table: {"zh": f"{SHORT_TABLE[table]}（{spec().table_title(table, 'zh')}）",
                       "en": f"{SHORT_TABLE_EN[table]} ({spec().table_title(table, 'en', short=True)})"}
               for table in TABLES}

# Language-neutral findings: a kind gives each text it composes in both languages, the
# Chinese under its name ("where") and the English under name + "_en" ("where_en"), and the
# rule pack's en message uses the _en one.  Labels quoted from the report or the format
# (row labels, headings) stay as written, inside quotes, with an English gloss (canonical.json).


def doc_start(doc) -> Span:
    """The first thing in the report: its title, else its first line."""
    if doc.title is not None:
        return doc.title.line_spans[0]
    text = doc.source.text
    start = len(text) - len(text.lstrip())
    end = text.find("\n", start)
    return Span(start, end if end >= 0 else len(text))


def preamble_anchor(doc) -> Span:
    """Where preamble statements belong: the preamble's first sentence, else the title."""
    for paragraph in doc.preamble:
        first = next(paragraph.iter_sentences(), None)
        if first is not None:
            return first.span
    return doc_start(doc)


def preamble_end(doc) -> Span:
    """Just after the preamble (where contact details and the statistical period usually are)."""
    if doc.preamble:
        end = doc.preamble[-1].span.end
        return Span(end, end)
    if doc.title is not None:
        end = doc.title.span.end
        return Span(end, end)
    return doc_start(doc)


def section_anchor(doc, section_id: int) -> Span:
    section = doc.section(section_id)
    if section is not None:
        return section.heading.span
    return doc_start(doc)


ANCHORS = "preamble, preamble-end, title, end, or a section id"


def anchor_span(doc, anchor) -> Span:
    """Where a diagnostic about something absent points (a rule's ``anchor`` parameter): the
    preamble's first sentence, just after the preamble, the title, the end of the text, or the
    heading of a mandated section (by id)."""
    if isinstance(anchor, int):
        return section_anchor(doc, anchor)
    if anchor == "title":
        return doc_start(doc)
    if anchor == "preamble-end":
        return preamble_end(doc)
    if anchor == "end":
        end = len(doc.source.text.rstrip())
        return Span(end, end)
    return preamble_anchor(doc)


def is_value(value) -> bool:
    """A cell's or a claim's value that is a finite number (not a bool, not NaN)."""
    kind = type(value)
    if kind is int:
        return True  # nearly every value: no isinstance calls (this runs for every cell read)
    if kind is float:
        return value == value  # not NaN
    return isinstance(value, (int, float)) and not isinstance(value, bool) and value == value  # not NaN


def number_text(value) -> str:
    """A number for a message: whole numbers as written, others to at most 4 decimals.

    Exact for ints and Fractions of any size (no float conversion, which overflows
    on the 40-digit runs a broken PDF table can produce)."""
    if value is None:
        return "-"
    if isinstance(value, float):
        if not math.isfinite(value):
            return str(value)
        if value.is_integer():
            return _int_text(int(value))
        value = Fraction(repr(value))
    if isinstance(value, Fraction):
        if value.denominator == 1:
            return _int_text(value.numerator)
        scaled = round(abs(value) * 10000)
        whole, part = divmod(scaled, 10000)
        text = f"{_int_text(whole)}.{part:04d}".rstrip("0").rstrip(".")
        return ("-" + text) if value < 0 and text != "0" else text
    if isinstance(value, int) and not isinstance(value, bool):
        return _int_text(value)
    return str(value)


def _int_text(value: int) -> str:
    """str() of an int; one of thousands of digits (str() refuses more than 4300 on Python 3.11+
    and 3.9.14+) as its leading digits and its length, e.g. 999999999999…(5000)."""
    if value.bit_length() < 14000:
        return str(value)
    size = abs(value)
    length = int(size.bit_length() * 0.30102999566398120) + 1
    if 10 ** (length - 1) > size:
        length -= 1
    head = size // 10 ** (length - 12)
    return f"{'-' if value < 0 else ''}{head}…({length})"


@lru_cache(maxsize=None)
def _labels(table_kind: str, what: str) -> dict:
    """Canonical labels of a table's rows (table 4: its groups) or columns, by key, as messages name
    them: an item row of table 3 after its group's label ("（三）不予公开 1.属于国家秘密")."""
    if table_kind == "table4" and what == "rows":
        what = "groups"
    labels = spec().labels(table_kind, what)
    if table_kind == "table3" and what == "rows":
        groups = spec().labels("table3", "groups")
        return {key: f"{groups[key.split('.')[0]]} {label}" if "." in key else label for key, label in labels.items()}
    return labels


def row_name(table_kind: str, key: str | None, written: str = "") -> str:
    """A row's canonical label for messages."""
    return written if key is None else _labels(table_kind, "rows").get(key, key)


def column_name(table_kind: str, column: str | None) -> str:
    return "" if column is None else _labels(table_kind, "columns").get(column, column)


def column_name_en(table_kind: str, column: str | None) -> str:
    """A column for an English message: the format's label in quotes, with a gloss."""
    if column is None:
        return ""
    label = column_name(table_kind, column)
    gloss = spec().column_gloss(table_kind, column)
    return f"\"{label}\" ({gloss})" if gloss and gloss != label else f"\"{label}\""


def quoted_list(labels, limit: int | None = None, lang: str = "zh") -> str:
    """“甲”、“乙”等 / "甲", "乙" and more."""
    labels = list(labels)
    shown = labels if limit is None else labels[:limit]
    if lang == "en":
        text = ", ".join(f"\"{label}\"" for label in shown)
        return text + (" and more" if len(labels) > len(shown) else "")
    text = "、".join(f"“{label}”" for label in shown)
    return text + ("等" if len(labels) > len(shown) else "")


def cell_place_en(table_kind: str, row, column: str | None) -> str:
    """table 3, row "（七）总计", column "自然人" (natural persons)"""
    label = row_name(table_kind, row.key, row.label)
    where = f"{SHORT_TABLE_EN[table_kind]}, {'group' if table_kind == 'table4' else 'row'} \"{label}\""
    if column:
        where += f", column {column_name_en(table_kind, column)}"
    return where


def cell_place(table_kind: str, row, column: str | None) -> str:
    """表三“（七）总计”行“自然人”列"""
    where = f"{SHORT_TABLE[table_kind]}“{row_name(table_kind, row.key, row.label)}”"
    if table_kind == "table4":
        where += "组"
    else:
        where += "行"
    if column:
        where += f"“{column_name(table_kind, column)}”列"
    return where


@lru_cache(maxsize=256)
def compiled(pattern: str) -> re.Pattern:
    return re.compile(pattern)


@lru_cache(maxsize=256)
def any_of(words: tuple) -> re.Pattern:
    """One regex of the literal words: a search is ``any(word in text for word in words)`` in one pass
    (no words: never found)."""
    if not words:
        return re.compile(r"(?!)")
    return re.compile("|".join(re.escape(word) for word in words))


def prose(doc, scope) -> list:
    """Paragraphs in a scope: "document", "preamble", or a list of mandated section ids."""
    if scope in (None, "document", "all"):
        return list(doc.paragraphs())
    if scope == "preamble":
        return list(doc.preamble)
    if isinstance(scope, int):
        scope = [scope]
    found = []
    for section_id in scope:
        found.extend(doc.paragraphs(section_id))
    return found


def search(paragraphs, pattern: re.Pattern):
    """(paragraph, match) over the squeezed text of paragraphs (PDF spaces removed)."""
    for paragraph in paragraphs:
        for match in pattern.finditer(paragraph.squeezed.text):
            yield paragraph, match
