"""The shapes of report text, each defined once: a number as a report writes it (a table cell, a count in the prose)."""
from __future__ import annotations

import re

from govlint.support.memo import short_cache

# signed, thousands separators, decimals, a unit.  At most MAX_DIGITS digits before the point
# and MAX_DECIMALS after it: a longer digit run is not a count any report states (and Python
# refuses to convert runs of more than 4300 digits).  grammar/report.lark's NUMBER says the
# same; tests/test_grammar.py checks that they agree.
MAX_DIGITS = 12
MAX_DECIMALS = 6
NUMBER_UNITS = ("万元", "元", "件", "项", "个", "条", "%")
_SHAPE = r"[+-]?(?:\d{1,3}(?:,\d{3}){1,%s}|\d{1,%s})(?:\.\d{1,%s})?"
NUMBER_PATTERN = _SHAPE % ((MAX_DIGITS - 1) // 3, MAX_DIGITS, MAX_DECIMALS)
_UNIT_PATTERN = r"\s*(%s)?" % "|".join(NUMBER_UNITS)
_NUMBER = re.compile(r"(%s)%s" % (NUMBER_PATTERN, _UNIT_PATTERN))
# The same shape without the bounds: what a cell holding an over-long number looks like.
_NUMBER_SHAPED = re.compile(r"(?:%s)%s" % (_SHAPE % ("", "", ""), _UNIT_PATTERN))


def parse_number(text: str):
    """(value, unit) of a number as written (folded: ASCII digits and signs), or None.

    ``value`` is an int, or a float when the number has decimals; ``unit`` is None or one
    of NUMBER_UNITS.  Never raises, whatever the text."""
    if text.isdigit() and text.isascii():  # the usual cell: 0, 12, 2021
        return (int(text), None) if len(text) <= MAX_DIGITS else None
    return _parse_number(text)


@short_cache(16384, limit=64)  # cells repeat (12.5, 21022 万元 …)
def _parse_number(text: str):
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
