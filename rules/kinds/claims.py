"""text-table-claims: what the prose says about applications agrees with table 3.

A claim is read within one clause (issue 9, layout class 8).  Folding turns ， into , so a
pattern run over a whole paragraph would join clauses: "收到…申请，其中5件…" is not "收到5件".
So the squeezed, folded text of each paragraph is cut into sentences and each sentence into
clauses (``clauses``), and a count pattern must match inside one clause: the count it takes is the
first number after the clause's verb (the patterns allow no digit in between).

Not every count is this body's count of this year's applications.  Around a match, the kind reads
the *context* of the clause: the text of the clause before the match and the sentence's first
clause (where the subject and the time usually are: "2023年，全市各级行政机关共收到…").

* a part of the body ("区政府办代表区政府受理…", "其中X科室…", any clause after 其中): not compared;
* a wider area ("全市各级行政机关共收到…", "全区各部门…"): not compared as an error; an info
  (case ``scope``) when its figure differs from table 3, saying the scope differs;
* another year ("2022年收到…" in a 2023 report, "上年…", "2019年以来"): not compared;
* a comparison ("同比增长5件", "较上年减少3件") or another verb before the count
  ("收到…申请并办结15件"): not a count of applications received.

The words are parameters (defaults below), the patterns are the rule pack's.  A later facts layer
will extract quantities properly; until then this stays data-driven and small.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator, NamedTuple

try:  # the regex parser, to read where a pattern's match can start (_starts)
    import re._constants as _sre  # type: ignore[import-not-found]
    import re._parser as _sre_parse  # type: ignore[import-not-found]
except ImportError:  # Python < 3.11
    import sre_constants as _sre  # type: ignore[no-redef]
    import sre_parse as _sre_parse  # type: ignore[no-redef]

from govlint.grammar.shapes import CLAUSE_END as _CLAUSE_END, SENTENCE, parse_number, whose
from govlint.rules.api import CheckKind, Finding, Param, check_kind
from govlint.rules.kinds._util import compiled, is_value, number_text, prose

# A clause ends where grammar/shapes.py's CLAUSE_END says, and also before 其中 ("共收到申请15件其中5件…"):
# 其中 is a word, not a shape.
CLAUSE_END = re.compile(_CLAUSE_END.pattern + "|(?=其中)")
PART_MARK = "其中"  # what opens a part of the figure before it, in the same sentence

# A part of the body: a figure of one office or unit is not the body's figure.
PART_WORDS = ["其中", "代表", "办公室", "办公厅", "政府办", "科室", "处室", "本级", "下属", "所属"]
# A wider area than the body: "全市各级行政机关共收到…".
AREA_WORDS = ["全省", "全市", "全区", "全县", "全州", "全盟", "全旗", "全镇", "全乡", "全系统",
              "各级", "各部门", "各单位", "各地", "各县", "各区", "各乡镇", "各街道"]
# Not this year: a year other than the report's is checked apart (grammar/shapes.py whose()).
PAST_WORDS = ["上年", "上一年", "去年", "前年", "同期"]
# Before the count: a comparison, or another verb the count belongs to.
NOT_A_COUNT_WORDS = ["同比", "环比", "较", "增长", "增加", "减少", "下降", "上升", "持平",
                     "答复", "办结", "办理", "处理", "回复", "予以", "同意"]


class Clause(NamedTuple):
    start: int        # offset in the text that was split
    text: str
    topic: str        # the first clause of its sentence ("" when this is that clause)
    in_part: bool     # after 其中 in its sentence: a part of an earlier figure


def clauses(text: str, starts: re.Pattern | None = None) -> Iterator[Clause]:
    """The clauses of a folded (squeezed) text, sentence by sentence: the pieces between
    CLAUSE_END marks, each with its sentence's first clause and whether 其中 came before it.
    With ``starts``, only those of the sentences that hold one of its characters (a sentence
    without them holds no clause where a pattern can start a match: it is not cut)."""
    for sentence in SENTENCE.finditer(text):
        if starts is not None and starts.search(text, sentence.start(), sentence.end()) is None:
            continue
        begin, topic, in_part = sentence.start(), None, False
        body = sentence.group()
        pieces = []
        at = 0
        for mark in CLAUSE_END.finditer(body):
            pieces.append((at, body[at:mark.start()]))
            at = mark.end()
        pieces.append((at, body[at:]))
        for offset, piece in pieces:
            if not piece.strip():
                continue
            in_part = in_part or piece.startswith(PART_MARK)
            yield Clause(begin + offset, piece, topic or "", in_part)
            if topic is None:
                topic = piece


@check_kind
class TextTableClaims(CheckKind):
    """The text's claim about applications received (未收到… / 共收到N件) matches table 3.

    Read clause by clause; a figure of a part of the body, a wider area or another year is not
    compared (module docstring)."""

    name = "text-table-claims"
    FIELDS = ("claim", "table", "text", "scope")
    CASES = ("zero", "scope")
    PARAMS = {
        "zero_patterns": Param(list, [], "regexes for 'no application was received' (matched within one clause)"),
        "count_patterns": Param(list, [], "regexes with a group (?P<n>…) for 'N applications were received' "
                                          "(matched within one clause)"),
        "scope": Param((list, str, int), [1, 3], "where the claims are read: section ids, preamble or document"),
        "part_words": Param(list, PART_WORDS, "words of the subject that scope a figure to a part of the body "
                                              "(not compared)"),
        "area_words": Param(list, AREA_WORDS, "words of the subject that scope a figure to a wider area "
                                              "(not compared; an info when it differs)"),
        "past_words": Param(list, PAST_WORDS, "words that put a figure in another year (not compared)"),
        "not_a_count_words": Param(list, NOT_A_COUNT_WORDS, "words between the verb and the number that make it "
                                                            "a comparison or another verb's count"),
    }

    @staticmethod
    def validate_params(params):
        for pattern in params["count_patterns"]:
            if "(?P<n>" not in pattern:
                raise ValueError(f"count pattern {pattern!r} needs a group (?P<n>…)")
            compiled(pattern)
        for pattern in params["zero_patterns"]:
            compiled(pattern)
        for name in ("part_words", "area_words", "past_words", "not_a_count_words"):
            if not all(isinstance(word, str) and word for word in params[name]):
                raise ValueError(f"{name} must be a list of words")

    def check(self, doc, params):
        table = doc.table3
        row = table.rows.get("new") if table is not None else None
        cell = row.cell("total") if row is not None and row.width_ok else None
        if cell is None or not cell.is_number or not is_value(cell.value):
            return
        new = cell.value
        carried_row = table.rows.get("carried")
        carried_cell = carried_row.cell("total") if carried_row is not None and carried_row.width_ok else None
        carried = carried_cell.value if carried_cell is not None and carried_cell.is_number else 0
        if not is_value(carried):
            carried = 0
        count_patterns = [compiled(pattern) for pattern in params["count_patterns"]]
        zero_patterns = [compiled(pattern) for pattern in params["zero_patterns"]] if new != 0 else []
        claimed = set()
        patterns = [(p, False) for p in count_patterns] + [(p, True) for p in zero_patterns]
        sources = tuple(pattern.pattern for pattern, _zero in patterns)
        anywhere, starts = _any_of(sources), _starts(sources)
        if anywhere is None:
            return
        for paragraph in prose(doc, params["scope"]):
            text = paragraph.squeezed.text
            if not _found(anywhere, starts, text):
                continue  # a pattern that matches in no clause matches nowhere in the paragraph first
            for clause in clauses(text, starts):
                if not _found(anywhere, starts, clause.text):
                    continue  # the same test per clause: most clauses of a passing paragraph match nothing
                for pattern, zero in patterns:
                    for match in pattern.finditer(clause.text):
                        scope, area = _scope(doc, clause, match, params, zero)
                        if scope == "skip":
                            continue
                        span = paragraph.squeezed_span(clause.start + match.start(), clause.start + match.end())
                        if span.start in claimed:
                            continue
                        claimed.add(span.start)
                        finding = _finding(match, zero, area, new, carried, cell, span)
                        if finding is not None:
                            yield finding


@lru_cache(maxsize=64)
def _any_of(patterns: tuple[str, ...]) -> re.Pattern | None:
    """One regex that finds where any of the patterns would match (their named groups dropped: one
    search per paragraph instead of one per pattern)."""
    if not patterns:
        return None
    return re.compile("|".join("(?:%s)" % re.sub(r"\(\?P<\w+>", "(", pattern) for pattern in patterns))


def _found(anywhere: re.Pattern, starts: re.Pattern | None, text: str) -> bool:
    """``anywhere.search(text)``, tried only where a match can start (one of ``starts``): a search
    of the patterns' alternation tries every character, a search of one character class skips
    ahead fast."""
    if starts is None:
        return anywhere.search(text) is not None
    for start in starts.finditer(text):
        if anywhere.match(text, start.start()) is not None:
            return True
    return False


@lru_cache(maxsize=64)
def _starts(patterns: tuple[str, ...]) -> re.Pattern | None:
    """A class of the characters a match of any of the patterns can start with, or None when some
    pattern may start with any character (or with nothing)."""
    chars: set[str] = set()
    for pattern in patterns:
        try:
            parsed = _sre_parse.parse(pattern)
            first = None if parsed.state.flags & re.IGNORECASE else _first_chars(list(parsed))
        except Exception:  # the regex parser is CPython's own module: if its shape changes, search plainly
            return None
        if first is None:
            return None
        chars |= first
    return re.compile("[%s]" % re.escape("".join(sorted(chars)))) if chars else None


def _first_chars(items: list) -> set[str] | None:
    """The characters a parsed regex's match can start with (None: any, or it may be empty)."""
    if not items:
        return None
    op, arg = items[0]
    if op is _sre.LITERAL:
        return {chr(arg)}
    if op is _sre.IN:
        return {chr(value) for kind, value in arg} if all(kind is _sre.LITERAL for kind, _ in arg) else None
    if op is _sre.BRANCH:
        chars: set[str] = set()
        for branch in arg[1]:
            first = _first_chars(list(branch))
            if first is None:
                return None
            chars |= first
        return chars
    if op is _sre.SUBPATTERN:
        _group, add_flags, _del_flags, sub = arg
        return None if add_flags & re.IGNORECASE else _first_chars(list(sub))
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT):
        low, _high, sub = arg
        return _first_chars(list(sub)) if low >= 1 else None
    return None


def _scope(doc, clause: Clause, match, params, zero: bool) -> tuple[str, str]:
    """Whose figure of which year a match is: ("body", "") to compare, ("area", the area's word) for
    an info when it differs, or ("skip", "") for a part of the body, another year, a comparison."""
    context = clause.topic + clause.text[:match.start()]
    scope, word = whose(context, doc.year, params["part_words"], params["past_words"], params["area_words"])
    if clause.in_part or scope in ("part", "year"):
        return "skip", ""
    if not zero:
        before_count = match.group()[:match.start("n") - match.start()]
        if _first(before_count, params["not_a_count_words"]):
            return "skip", ""
    return ("area", word) if scope == "area" else ("body", "")


def _finding(match, zero: bool, area: str, new, carried, cell, span) -> Finding | None:
    text = match.group()
    if zero:
        if area:
            return None  # "全市未收到…" beside a body's non-zero table: nothing to say with confidence
        return Finding(span, {"claim": 0, "table": number_text(new), "text": text}, case="zero", related=[cell.span])
    digits = match.group("n").lstrip("0") or "0"
    parsed = parse_number(digits)
    if parsed is None:
        return None  # longer than any number a report states: not a claim (the one parser says)
    if parsed[0] in (new, new + carried):
        return None
    args = {"claim": digits, "table": number_text(new), "text": text, "scope": area}
    if area:
        return Finding(span, args, case="scope", related=[cell.span])
    return Finding(span, args, related=[cell.span])


def _first(text: str, words) -> str:
    """The first of words that text contains, else ""."""
    return next((word for word in words if word in text), "")
