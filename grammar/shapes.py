"""The shapes of report text, each defined once: numbers, heading numbering, sentence ends, page marks.

The line classifier (govlint.parse.lines), the tree builder (govlint.parse.outline), the section
resolver (govlint.parse.sections), the document model, the readers and the rules all use these;
none keeps a copy.  Where a stage needs a stricter or looser variant of a shape, the variant is
built here from the same pieces and its name says how it differs.

Patterns say which text they read: folded text (govlint.source.fold: fullwidth digits, letters,
punctuation and curly quotes are ASCII there) or, for the PDF reader, the text as printed.
"""
from __future__ import annotations

import re

from govlint.support.memo import short_cache

# -- numbers (folded text) ---------------------------------------------------------------------------
# Signed, thousands separators, decimals, a unit.  At most MAX_DIGITS digits before the point
# and MAX_DECIMALS after it: a longer digit run is not a count any report states (and Python
# refuses to convert runs of more than 4300 digits).
MAX_DIGITS = 12
MAX_DECIMALS = 6
# The units a number may carry, after it with or without a space (21022 万元, 12%): units of
# measure (money, documents, a share) and counters of items.
MEASURE_UNITS = ("万元", "元", "件", "%")
COUNTER_UNITS = ("项", "个", "条")
NUMBER_UNITS = MEASURE_UNITS + COUNTER_UNITS
_SHAPE = r"[+-]?(?:\d{1,3}(?:,\d{3}){1,%s}|\d{1,%s})(?:\.\d{1,%s})?"
NUMBER_PATTERN = _SHAPE % ((MAX_DIGITS - 1) // 3, MAX_DIGITS, MAX_DECIMALS)
_UNBOUNDED = _SHAPE % ("", "", "")  # the same shape without the bounds
_UNIT_PATTERN = r"\s*(%s)?" % "|".join(NUMBER_UNITS)
_NUMBER = re.compile(r"(%s)%s" % (NUMBER_PATTERN, _UNIT_PATTERN))
_NUMBER_SHAPED = re.compile(r"(?:%s)%s" % (_UNBOUNDED, _UNIT_PATTERN))  # an over-long number too
# A field of a printed PDF line that is a number, for the PDF reader's layout decisions (is this
# a value column, the tail of a wrapped row?): the text as printed, unbounded, and only a unit of
# measure, glued to the number.  Use with ``.match``.
PRINTED_NUMBER_PATTERN = r"^(?:%s)(?:%s)?$" % (_UNBOUNDED, "|".join(MEASURE_UNITS))


def parse_number(text: str) -> tuple[int | float, str | None] | None:
    """(value, unit) of a number as written (folded: ASCII digits and signs), or None.

    ``value`` is an int, or a float when the number has decimals; ``unit`` is None or one
    of NUMBER_UNITS.  Never raises, whatever the text."""
    if text.isdigit() and text.isascii():  # the usual cell: 0, 12, 2021
        return (int(text), None) if len(text) <= MAX_DIGITS else None
    return _parse_number(text)


@short_cache(16384, limit=64)  # cells repeat (12.5, 21022 万元 …)
def _parse_number(text: str) -> tuple[int | float, str | None] | None:
    match = _NUMBER.fullmatch(text)
    if match is None:
        return None
    number = match.group(1).replace(",", "")
    return (float(number) if "." in number else int(number)), match.group(2)


def is_number(text: str) -> bool:
    return parse_number(text) is not None


def number_shaped(text: str) -> bool:
    """Written like a number, maybe too long to be one (a table cell, not label text)."""
    if text.isdigit() and text.isascii():
        return True
    return _NUMBER_SHAPED.fullmatch(text) is not None


# -- years and document numbers (文号) ------------------------------------------------------------
YEAR = r"(?:19|20)\d{2}"  # a year a report can be about or cite
# A year in a title (folded text): "2023年", "2023 年"; group 1 is the year.
TITLE_YEAR = re.compile(r"(%s)\s*年" % YEAR)
# A year as printed in a title, however extraction spaced its digits or whoever wrote it in
# numerals ("2 0 2 3年", "二〇二三年"): where the issuing body's name ends.
PRINTED_YEAR = re.compile(r"(?:\d\s*){4}年|[〇零一二三四五六七八九]{4}年")
# A document number: 〔2021〕30号 and its mis-writings (other brackets, 第, no 号); the issuer is read
# back from the characters before the opening bracket.
DOCNO = re.compile(
    r"(?P<open>[〔\[(<〈{【（［])\s*(?P<year>%s)\s*(?P<close>[〕\])>〉}】）］]?)"
    r"(?:(?<=[〕\])>〉}】）］])\s*)?"  # spaces after the bracket only: "\s*\s*" would try every split
    r"(?P<di>第\s*)?(?P<serial>\d{1,5})\s*(?P<hao>号)?" % YEAR)


# -- heading numbering (folded text) -----------------------------------------------------------------
NUMERALS = "一二三四五六七八九十"
NUMERAL = "[%s]" % NUMERALS  # one numeral, as a regex (readers build their numbering from it)
# A heading's numbering at the start of its text: 一、总体情况 (or 一．, folded to 一.).  Group 1
# is the numeral; the match ends where the heading's words start.
HEADING_NUMBER = re.compile(r"(%s{1,3})\s*[、.]\s*" % NUMERAL)
# A sub-heading's numbering at the start of its text: （一）主动公开情况.
SUBHEADING_NUMBER = re.compile(r"\(\s*(%s{1,3})\s*\)\s*" % NUMERAL)
# Table 2's block header, 第二十条第（一）项: group 1 is the article item's numeral.
T2_BLOCK = re.compile(r"^第二十条\s*第?\s*\(\s*(%s{1,2})\s*\)\s*项" % NUMERAL)


def numeral_value(text: str) -> int:
    """一 → 1 … 十九 → 19 … 九十九 → 99 (enough for headings and items); 0 for anything else."""
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + NUMERALS.index(text[1]) + 1
    if text.endswith("十"):
        return (NUMERALS.index(text[0]) + 1) * 10
    if "十" in text:
        tens, units = text.split("十")
        return (NUMERALS.index(tens) + 1) * 10 + NUMERALS.index(units) + 1
    return NUMERALS.index(text) + 1 if text in NUMERALS else 0


# -- sentence ends -----------------------------------------------------------------------------------
SENTENCE_ENDS = "。!?"
_CLOSERS = "\"')\\]」』"  # closing quotes and brackets that may follow a sentence's end (a class body)
# The sentences of a paragraph (folded text), for rules: a semicolon also ends one.
SENTENCE = re.compile(r"[^%s;]*(?:[%s;][%s]*|$)" % (SENTENCE_ENDS, SENTENCE_ENDS, _CLOSERS))
# A line that ends a sentence, as the line classifier reads it (on the text as written, or folded):
# the same ends and closers and the fullwidth or curly forms of some of them (！？ ”’）).  A prose line
# that does not end a sentence (nor with a colon) runs on into the next line's paragraph.
SENTENCE_END = re.compile(r"[%s！？][%s”’）]*\s*$" % (SENTENCE_ENDS, _CLOSERS))


# -- page marks: a page number standing alone on its line ---------------------------------------------
# Three forms: a number between dashes (- 3 -), 第3页 with an optional 共9页, and 3/9.  Two
# strictnesses, from the same forms:
#  * PAGE_MARK, anywhere in a report (folded text: every dash is "-").  The line classifier drops
#    such lines, inside tables too, so each form needs more than a number: a bare "3" may be a
#    table value.  BARE_PAGE_NUMBER, 1–3 digits alone, is a page number only outside tables.
#  * MARGIN_PAGE_MARK_PATTERN, a line in the top or bottom margin of a PDF page (the text as
#    printed), where anything number-like is page furniture: up to 4 digits with any dashes, dots
#    or bullets around them (— 3 —, ·3·, 12), 第3页、共9页, and two more forms, Page 3 of 9 and
#    共9页 第3页.
def _page_forms(digits: int, dashes: str, joiners: str) -> list[str]:
    number = r"\d{1,%d}" % digits
    return [rf"{dashes}\s*{number}\s*{dashes}",
            rf"第\s*\d+\s*页(?:\s*(?:[{joiners}]\s*)?共\s*\d+\s*页)?",
            rf"{number}\s*/\s*{number}"]


def _whole_line(forms: list[str]) -> str:
    return r"^\s*(?:%s)\s*$" % "|".join(forms)


PAGE_MARK = re.compile(_whole_line(_page_forms(3, "-", "/,，")))
BARE_PAGE_NUMBER = re.compile(r"^\s*\d{1,3}\s*$")
MARGIN_PAGE_MARK_PATTERN = _whole_line(_page_forms(4, "[-—–－_~·•.]*", "/,，、") + [
    r"(?:page|Page|PAGE)\s*\d+(?:\s*(?:of|/)\s*\d+)?",
    r"共\s*\d+\s*页\s*第\s*\d+\s*页"])
