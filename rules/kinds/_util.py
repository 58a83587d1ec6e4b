"""Helpers shared by the check kinds: where to point, and how to name tables, rows and columns."""
from __future__ import annotations

import re
from functools import lru_cache

from govlint.canon import canon
from govlint.source import Span

TABLE_NAMES = {
    "table2": {"zh": "表二（主动公开政府信息情况）", "en": "table 2 (proactive disclosure)"},
    "table3": {"zh": "表三（收到和处理政府信息公开申请情况）", "en": "table 3 (applications received and handled)"},
    "table4": {"zh": "表四（政府信息公开行政复议、行政诉讼情况）", "en": "table 4 (administrative review and litigation)"},
}
SHORT_TABLE = {"table2": "表二", "table3": "表三", "table4": "表四"}


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
        if paragraph.sentences:
            return paragraph.sentences[0].span
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


def number_text(value) -> str:
    if value is None:
        return "空"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, float):
        return f"{value:.4f}".rstrip("0").rstrip(".")
    return str(value)


@lru_cache(maxsize=None)
def _t3_labels() -> dict:
    data = canon().data["table3"]
    groups = dict(data["groups"])
    labels = {}
    for row in data["rows"]:
        key = row["key"]
        label = row["label"]
        if "." in key:
            labels[key] = f"{groups[key.split('.')[0]]} {label}"
        else:
            labels[key] = label
    return labels


@lru_cache(maxsize=None)
def _labels(table_kind: str, what: str) -> dict:
    """Canonical labels of a table's rows or columns, by key."""
    data = canon().data
    if table_kind == "table3":
        return _t3_labels() if what == "rows" else dict(data["table3"]["columns"])
    if table_kind == "table4":
        return dict(data["table4"]["groups" if what == "rows" else "columns"])
    labels = {}
    for fmt in ("2021", "2019-trial"):
        for block in canon().t2_blocks(fmt):
            for key, label in block[what]:
                labels.setdefault(key, label)
    return labels


def row_name(table_kind: str, key: str | None, written: str = "") -> str:
    """A row's canonical label for messages."""
    return written if key is None else _labels(table_kind, "rows").get(key, key)


def column_name(table_kind: str, column: str | None) -> str:
    return "" if column is None else _labels(table_kind, "columns").get(column, column)


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
