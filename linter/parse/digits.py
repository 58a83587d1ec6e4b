"""Table-3 cells run together without a separator (crawler text): "一、本年新收政府信息公开申请数量801000081".

A row of table 3 has one cell per applicant column and then the total (grammar/canonical.json,
spec().t3_columns(): 自然人, the five 法人或其他组织 columns, 总计), and the total is the sum of the
applicant cells (the row-total relation of rules/packs/tables.yaml).  A digit string can be cut into
that many numbers in many ways; the arithmetic says which.  Only a split that is the ONLY one fitting
both the width and the sum is used: zero or several fitting splits mean the cells cannot be separated
(precision first: no guessed values, no arithmetic on guessed values).

The work is bounded: the total is a tail of the string no shorter than any part and at most one digit
longer than the longest (six parts sum to less than ten times the largest); the parts are searched
depth-first with the sum as a bound, and the search stops at the second split found.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Optional, Tuple

from govlint.grammar.shapes import MAX_DIGITS
from govlint.grammar.spec import spec

# A cell of a split: (value, start, end), offsets inside the digit string.
Piece = Tuple[int, int, int]
Split = Tuple[Piece, ...]

TOTAL_COLUMN = "total"  # the column that is the sum of all the others (canonical.json, table 3)
# More digits than a row of MAX_DIGITS-digit cells can hold is not a row: no search.
_MAX_RUN = MAX_DIGITS * 8
# Steps of the search before it gives up (a long run of digits that few sums prune): giving up reads
# as "cannot be separated", the safe answer.  A real row (a few digits a cell) takes a few hundred.
BUDGET = 20000


class _OverBudget(Exception):
    pass


def t3_width() -> int:
    """The cells of a table-3 row: the applicant columns and the total, which comes last."""
    columns = spec().t3_columns()
    assert columns[-1] == TOTAL_COLUMN, "table 3's total is its last column"
    return len(columns)


def split_run(digits: str, width: int, limit: int = 2) -> list[Split]:
    """The ways (at most ``limit``) to cut ``digits`` into ``width`` non-negative integers, written
    without leading zeros (a lone 0 is fine), the last of which is the sum of the others.  Each way is
    a tuple of (value, start, end); the ways come in order of the total's length, then of the cuts.
    A search over BUDGET steps gives up and finds nothing: such a run is not separated either."""
    if width < 2 or not digits.isdigit() or not digits.isascii() or not width <= len(digits) <= _MAX_RUN:
        return []
    try:
        return list(_splits(digits, width, limit))
    except _OverBudget:
        return []  # the search gave up: no split is used, as when none fits


def unique_split(digits: str, width: int) -> Optional[Split]:
    """The split of ``digits`` into a table-3 row if exactly one fits, else None."""
    found = split_run(digits, width, limit=2)
    return found[0] if len(found) == 1 else None


def _splits(digits: str, width: int, limit: int) -> list[Split]:
    parts = width - 1
    length = len(digits)
    found: list[Split] = []
    steps = [BUDGET]
    for total_length in range(1, min(MAX_DIGITS, length - parts) + 1):
        total_start = length - total_length
        total_text = digits[total_start:]
        if total_length > 1 and total_text[0] == "0":
            continue
        # The parts share the digits before the total; none is longer than the total.
        if total_start > parts * total_length:
            continue
        total = int(total_text)
        for cuts in _parts(digits[:total_start], parts, total, total_length, steps):
            pieces = []
            start = 0
            for end in cuts:
                pieces.append((int(digits[start:end]), start, end))
                start = end
            pieces.append((total, total_start, length))
            found.append(tuple(pieces))
            if len(found) >= limit:
                return found
    return found


def _parts(prefix: str, count: int, total: int, longest: int, steps: list[int]) -> list[tuple[int, ...]]:
    """End offsets of ``count`` numbers that cut ``prefix`` exactly and sum to ``total`` (at most 2).
    ``steps`` is the budget left, shared by the calls of one split_run."""
    results: list[tuple[int, ...]] = []

    @lru_cache(maxsize=None)
    def fits(position: int, left: int, remaining: int) -> bool:
        """Can prefix[position:] be cut into ``left`` numbers summing to ``remaining``?"""
        steps[0] -= 1
        if steps[0] < 0:
            raise _OverBudget
        rest = len(prefix) - position
        if left == 0:
            return rest == 0 and remaining == 0
        if rest < left or rest > left * longest:
            return False
        # The longest part has at least ceil(rest / left) digits, none more than ``longest``: the
        # sum lies between the least such a part can be and ``left`` parts of the most digits.
        widest = -(-rest // left)
        if remaining > left * (10 ** min(longest, rest - left + 1) - 1):
            return False
        if widest > 1 and remaining < 10 ** (widest - 1):
            return False
        return any(fits(end, left - 1, remaining - value) for end, value in _next(position, remaining))

    def _next(position: int, remaining: int):
        if prefix[position] == "0":
            yield position + 1, 0
            return
        for end in range(position + 1, min(position + longest, len(prefix)) + 1):
            value = int(prefix[position:end])
            if value > remaining:
                return
            yield end, value

    def walk(position: int, left: int, remaining: int, cuts: tuple[int, ...]) -> None:
        if len(results) >= 2:
            return
        if left == 0:
            results.append(cuts)
            return
        for end, value in _next(position, remaining):
            if fits(end, left - 1, remaining - value):
                walk(end, left - 1, remaining - value, cuts + (end,))

    if fits(0, count, total):
        walk(0, count, total, ())
    return results
