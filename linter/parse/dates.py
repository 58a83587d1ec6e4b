"""The report's date (``Document.date``): when the body signed it off, or when the portal says it was
written or published.

* The sign-off: a line of its own among the report's last lines (blank lines and page marks
  not counted) that is a date alone, or an organ's name and a date (中卫市审批服务管理局 2024年1月20日),
  in Arabic digits or Chinese numerals (二〇二四年一月二十日), in brackets or not.  A date inside a
  sentence is not a sign-off; nor is a line inside a table.
  In a report dumped on one line (crawler text), the sign-off is what follows its last sentence.
* Without a sign-off, a saved page's metadata kept before the title (``Document.metadata``):
  成文日期 (the date the report was written), else 发布日期 or 公开日期 (when it was published).

Precision first: when the report's last lines hold two sign-off dates, or a metadata key two
different dates, the report's date is unknown (None) — the rules that read it then say nothing.
"""
from __future__ import annotations

import datetime
import re
from functools import lru_cache

from govlint.grammar.shapes import (
    CHINESE_DATE,
    CHINESE_DIGITS,
    DASHED_DATE,
    DATE,
    HAN,
    PAGE_MARK,
    SENTENCE_ENDS,
    numeral_value,
    without_emphasis,
)
from govlint.grammar.spec import BodyTable, body_table
from govlint.model import Document, ReportDate
from govlint.source import Span
from govlint.source.fold import fold

SIGN_OFF_LINES = 4    # the report's last lines (blank lines and page marks not counted) a sign-off is among
MAX_SIGN_OFF = 70     # characters of a sign-off line, at most: a name (30), spaces and a date in brackets
MAX_NAME = 30         # characters of the signer's name, at most
METADATA_KEYS = ("成文日期", "发布日期", "公开日期")  # in the order they are taken
_ZEROS = "○零O0"  # written for 〇 in a year in numerals


# A sign-off line (folded, emphasis taken off): an organ's name (optional; its ending is checked
# after) and a date, the date maybe in brackets.
_SIGN_OFF = re.compile(rf"(?:(?P<organ>[{HAN}]{{2,{MAX_NAME}}})\s*)?[(\[]?\s*(?P<date>{DATE}|{CHINESE_DATE})\s*[)\]]?")


_METADATA = re.compile(r"(?P<key>%s)\s*:?\s*(?P<date>%s|%s|%s)"
                       % ("|".join(METADATA_KEYS), DASHED_DATE, DATE, CHINESE_DATE))


def find_date(doc: Document, table: BodyTable | None = None) -> ReportDate | None:
    """The report's date: its sign-off's, else its page metadata's; None when unknown or unsure."""
    signed = _signed(doc, table or body_table())
    if len(signed) > 1:
        return None  # several dates at the end: which is the report's?
    return signed[0] if signed else _from_metadata(doc)


def _signed(doc: Document, table: BodyTable) -> list[ReportDate]:
    """The sign-off dates among the report's last lines."""
    source = doc.source
    tables = [item.span for item in doc.tables()]
    endings = _endings(table)
    found: list[ReportDate] = []
    seen = 0
    for number in range(source.line_count, 0, -1):
        if seen == SIGN_OFF_LINES:
            break
        start = source.line_starts[number - 1]
        line = fold(source.line_text(number))
        if not line.strip() or PAGE_MARK.match(line):
            continue
        seen += 1
        if _in_table(start, tables):
            break  # the report ends with a table: no sign-off after it
        text = without_emphasis(line)
        if seen == 1:
            text = _after_last_sentence(text)  # a report dumped on one line: the sign-off ends it
        if len(text) > MAX_SIGN_OFF:
            continue  # prose: a date in it is not the report's
        match = _SIGN_OFF.fullmatch(text)
        if match is None or (match.group("organ") and not match.group("organ").endswith(endings)):
            continue
        offset = start + line.rindex(text)
        date = _dated(match.group("date"), Span(offset + match.start("date"), offset + match.end("date")),
                      "sign-off")
        if date is not None:
            found.append(date)
    return found


@lru_cache(maxsize=4)
def _endings(table: BodyTable) -> tuple[str, ...]:
    """What a signer's name may end with: an organ's ending or a place's."""
    return tuple(table.organ_endings) + tuple(ending for ending, _level in table.levels)


def _in_table(offset: int, tables: list[Span]) -> bool:
    for span in tables:  # a loop, not any() over a generator: this runs for every report
        if span.start <= offset < span.end:
            return True
    return False


def _after_last_sentence(text: str) -> str:
    """What follows the last sentence of a line (its whole text when no sentence ends in it)."""
    end = max(map(text.rfind, SENTENCE_ENDS))
    return text[end + 1:].strip() if end >= 0 else text


def _from_metadata(doc: Document) -> ReportDate | None:
    by_key: dict[str, list[ReportDate]] = {}
    for span, _folded in doc.metadata:
        text = fold(doc.source.text[span.start:span.end])
        for match in _METADATA.finditer(text):
            date = _dated(match.group("date"), Span(span.start + match.start("date"), span.start + match.end("date")),
                          match.group("key"))
            if date is not None:
                by_key.setdefault(match.group("key"), []).append(date)
    for key in METADATA_KEYS:
        dates = by_key.get(key, [])
        if len({date.iso for date in dates}) == 1:
            return dates[0]
        if dates:
            return None  # the same key with two dates: unsure
    return None


def _dated(written: str, span: Span, source: str) -> ReportDate | None:
    value = date_value(written)
    if value is None:
        return None
    return ReportDate(value.year, value.month, value.day, span, "".join(written.split()), source)


def date_value(written: str) -> datetime.date | None:
    """The date a DATE, CHINESE_DATE or DASHED_DATE match writes (folded text); None if no such day."""
    text = "".join(written.split())
    try:
        if "年" in text:
            year, rest = text.split("年", 1)
            month, rest = rest.split("月", 1)
            day = rest.split("日", 1)[0]
            return datetime.date(_number(year, digits=True), _number(month), _number(day))
        numbers = re.findall(r"\d+", text)
        return datetime.date(int(numbers[0]), int(numbers[1]), int(numbers[2]))
    except (ValueError, IndexError):
        return None


def _number(text: str, digits: bool = False) -> int:
    """12 or 十二 → 12; with ``digits``, a year in numerals read digit by digit (二〇二四 → 2024)."""
    if text.isascii() and text.isdigit():
        return int(text)
    if digits:
        return int("".join("0" if char in _ZEROS else str(CHINESE_DIGITS.index(char)) for char in text))
    value = numeral_value(text)
    if not value:
        raise ValueError(text)
    return value
