"""Line classification and table regions: a report's lines → the tokens of grammar/report.lark.

Reports arrive as text extracted from PDF, Word or web pages (domain.md §4.6): tables come as
tab-, space- or pipe-separated cells, one cell per line, labels cut over lines, numbers on the
line before their label.  This module absorbs that layout; the grammar then only says in which
order a report's parts come.  Every token keeps the offsets of what it stands for in the user's
text, so diagnostics point there.  The shapes it recognises (numbers, heading numbering, page
marks, sentence ends) are defined in grammar/shapes.py; table vocabulary and widths come from
grammar/canonical.json (govlint.grammar.spec, govlint.parse.labels).

It is two things:

* a line classifier: each non-blank line, folded (govlint.source.fold), is one or more tokens;
* a state machine that finds the table regions.  Lines are read in the current state, rows in
  the order below, first match wins.  A line a table region does not take ends the region
  (TABLE_END) and is read again in the prose state.

Before the body, the front matter (``_read_front``): portal metadata and chrome (META), then among
the first six lines, up to the first that names 报告 (else a year), the title (TITLE) and below
it the byline (BYLINE); a line that opens a table (a comparison sheet of tables only) ends them.
Then the states:

=====  ==================================================================  ===========================  ====
state  the line                                                            tokens                       next
=====  ==================================================================  ===========================  ====
any    blank; a page mark (- 3 -, 第3页 共9页, 3/9); a rule (---, |--|)       none                         same
any    over 200 characters: the lines joined in it (crawler text), cut     (each read as a line)        same
       by parse/crawl.py at the title, headings, table openers and rows
any    only tabs (cells all left empty): in t4 blank values, else nothing   CELLS (t4) / none            same
prose  1–3 digits alone (a page number)                                    none                         prose
prose  a URL or mailto: alone                                              LINK                         prose
prose  第二十条第（X）项, or table 2's column header (信息内容 …)               T2_START, read as t2         t2
prose  table 3's note (勾稽关系 …); a header of table-3 words naming          T3_START, read as t3         t3
       申请人/自然人/法人; until a table 3 has ended, the row 新收 or 结转
prose  a header of table-4 words naming 行政复议 or 行政诉讼 (or, that line    T4_START, read as t4         t4
       lost, a head of the suit groups: 未经复议直接起诉, 复议后起诉)
prose  a mandated heading's words run into a paragraph (一、总体情况2023年，…)   HEADING TEXT                 prose
prose  a heading: 一、… (short, no digit, not a table-3 row or group 一–四)     HEADING                      prose
prose  a sub-heading: （一）… (a long line: its head up to 。:;!?)             SUBHEADING [TEXT]            prose
prose  anything else                                                       TEXT (a run-on joins it)     prose
t2     第二十条第（X）项                                                      T2_BLOCK                     t2
t2     table-2 header words only (or from 信息内容 on, no number)             HEAD                         t2
t2     a markdown line (# …) that is not a heading                         CAPTION                      t2
t2     a table-2 row's label, with its cells or alone (a row left blank)   LABEL… CELLS (maybe empty)   t2
t2     label and numbers, the label ≤ 16 characters (an unknown row)       LABEL… CELLS                 t2
t2     the first part of a row's label alone (a label cut over two lines)  LABEL… CELLS (empty)         t2
t2     anything else                                                       TABLE_END                    prose
t3     table 3's note                                                      NOTE                         t3
t3     第二十条第（X）项; a table-4 header; a heading naming a mandated       TABLE_END                    prose
       section (heading-shaped debris such as 三、本予以公开 is table text)
t3     table-3 header words only (a pipe row: no number, no leading label)  HEAD                         t3
t3     a markdown line (# …) that is not a row label                       HEAD (header words), CAPTION t3
t3     prose: a 。, or over 40 characters and no number                     TABLE_END                    prose
t3     no numbers, while row 四 (结转下年度) waits for its numbers            TABLE_END                    prose
t3     a label run into its digits (…申请数量801000081): parse/digits.py   LABEL CELLS (split, or one   t3
       splits them when one split fits the row's total                     RUN cell)
t3     label and numbers / numbers only / label only                       LABEL… CELLS / CELLS /       t3
                                                                           LABEL… _EOL
t3     …  the numbers of row 四 (结转下年度继续办理)                          … TABLE_END                  prose
t3     nothing (empty pipe cells); a group ordinal alone (三、, 四、: debris)    none                         t3
t4     a heading; a 。                                                      TABLE_END                    prose
t4     table-4 header words only                                           HEAD                         t4
t4     label and numbers / numbers only                                    LABEL… CELLS / CELLS         t4
t4     …  the values reach table 4's width (groups × columns)              … TABLE_END                  prose
t4     anything else                                                       TABLE_END                    prose
end    (the end of the report)                                             TABLE_END in a table         —
=====  ==================================================================  ===========================  ====

Cells (cut_row): in tab and pipe lines every cell has its field, so empty fields (the tabs after a
line's text too) are blank cells, and so is a mark for "none" (—, -, /); see cut_row and, for the
fitting of rows to their width, parse.tables._fit.

Prose lines that run on (no sentence end, no colon: shapes.ends_paragraph) are one TEXT token, a paragraph,
however many they are.  tests/test_parse_lines.py has a case for each row.
"""
from __future__ import annotations

import re
from array import array
from functools import lru_cache
from itertools import count
from operator import sub
from typing import Iterable, Iterator, NamedTuple, Optional, Tuple

from lark import Token

from govlint.grammar.shapes import (
    HEADING_END_WORDS,
    HEADING_TRAILERS,
    MAX_DIGITS,
    numeral_value,
    ARTICLE_20,
    BARE_PAGE_NUMBER,
    HEADING_NUMBER,
    LINK_START,
    NONE_MARK,
    NUMBER_UNITS,
    NUMERALS,
    PAGE_MARK,
    PREAMBLE_STARTS,
    SUBHEADING_END,
    SUBHEADING_NUMBER,
    T2_BLOCK,
    TITLE_YEAR,
    ends_paragraph,
    ends_sentence,
    is_number,
    number_shaped,
    parse_number,
)
from govlint.grammar.spec import spec
from govlint.parse.crawl import LONG_LINE, breaks, may_join
from govlint.parse.digits import unique_split
from govlint.parse.labels import LabelMatcher, label_matcher
from govlint.source import Source
from govlint.source.fold import fold
from govlint.support.memo import short_cache

# Table lines planned and kept per distinct line (_plan_t2/_plan_t3/_plan_t4): the lines that repeat
# from report to report (labels, zero rows) stay in the cache; one a report's own numbers make is
# dropped soon.  A plan holds a few hundred bytes: 4,096 of each kind keep a long batch's memory flat.
PLANS = 4096

# -- line shapes of this layout (folded text: ASCII digits, parentheses, colon) -------------------------
_BLANK = re.compile(r"^[\s*]*$")
_SKIP_STARTS = frozenset("*-=_~|:第0123456789 \t")  # what a blank, page-mark or rule line starts with
# What a line so started must hold to be one of them (_NOTHING): a page mark that starts with a digit
# is 3/9, with 第 is 第3页, and a rule that starts with | or : is a markdown table's |---|.  Table
# rows of numbers and pipes start as they do, and most of them are told apart by this test alone.
_NOTHING_NEEDS = {**dict.fromkeys("0123456789", "/"), "|": "--", ":": "--", "第": "页"}
# A rule line: runs of 3+ rule characters, or a markdown table's |---|:--:| line.  Each run is
# taken whole ((?!…) after it): "(?:[-=_*~]{3,}\s*)+" alone would try every way of cutting a
# long run into pieces before failing (exponential in the run's length).
_RULE = re.compile(r"^\s*(?:[-=_*~]{3,}(?![-=_*~])\s*)+$|"
                   r"^\s*(?:\|\s*)?:?-{2,}(?!-):?\s*(?:\|\s*:?-{2,}(?!-):?\s*)*(?:\|\s*)?$")
_MD_PREFIX = re.compile(r"^\s*(?:#{1,6}\s*|>\s*)?(?:\*\*)?")
# A line that is a link alone: the address in printable ASCII, a closing mark after it at most (a
# prose line that starts with a wrapped address, "http://www.x.gov.cn）查阅或下载。本报告…", is prose).
_LINK_ONLY = re.compile(r"^\s*%s[!-~]*[）】》」』。，；、]?\s*$" % LINK_START, re.I)
# What a line that _LINK_ONLY matches starts with (a line's body starts with no space): the first
# letters of LINK_START in either case (no other character matches them case-insensitively:
# tests/test_parse_lines.py checks every code point).
LINK_FIRST = frozenset("hHwWmM")
_NUMERAL_CHARS = frozenset(NUMERALS)  # what HEADING_NUMBER starts with
# Table vocabulary (grammar/canonical.json), and the words that open a table region
# (LineClassifier._table_opener), table by table.  The classifier's own are fragments of labels.
# The words of each mandated heading and its known rewordings, longest first: a web page may run a
# heading into its first paragraph ("一、总体情况2023年，本机关…"), and only these words say where it ends.
_HEADING_WORDS = {section: sorted([spec().heading_words(section), *spec().heading_variants(section)], key=len, reverse=True)
                  for section in spec().section_ids()}
_SECTION_KEYWORDS = tuple(keyword for section in spec().section_ids() for keyword in spec().heading_keywords(section))
_RUN_IN_MIN = 8
_KEYWORDS = {section: spec().heading_keywords(section) for section in spec().section_ids()}
_REWORDED_KEYWORD_WITHIN = 6  # a reworded heading names its keyword at once ("存在问题和整改措施")
_REWORDED_MAX = 20            # and is no longer than the longest mandated wording
_RUN_IN_PROSE = re.compile(r"[\d，,。；;：:]")
_T3_TOP_KEYS = frozenset(spec().t3_top_keys())  # 一、本年新收… … 四、结转下年度…: rows and a group, not headings
_T3_WIDTH = spec().t3_width()
_T3_INCOMING_KEYS = frozenset(spec().t3_incoming_keys())  # 一、本年新收…, 二、上年结转…
_T2_LABEL_HEADER = spec().t2_label_header()      # 信息内容: table 2's header starts with it
_NOTE_WORDS = spec().t3_note_words()              # a line of table 3's note, however it was cut
_NOTE_KEYWORD = _NOTE_WORDS[0]                    # 勾稽关系: a line with it is the note, 。 or not
_T3_APPLICANT_WORDS = ("申请人", "自然人", "法人")  # a table-3 header names its applicants (申请人情况 …)
_T3_INCOMING_WORDS = ("新收", "结转")               # in the labels of its first rows (_T3_INCOMING_KEYS)
_T4_WORDS = (spec().labels("table4", "groups")["review"],  # table 4's top header: 行政复议 (a group)
             spec().t4_group_heads()["suits"][0],          # and 行政诉讼 (the head of two groups);
             spec().labels("table4", "groups")["direct_suit"],        # that top line lost: the heads
             spec().labels("table4", "groups")["suit_after_review"])  # of the suit groups
_NOTE = re.compile("|".join(map(re.escape, _NOTE_WORDS)))
_T3_APPLICANT = re.compile("|".join(_T3_APPLICANT_WORDS))
# Words without which no line opens a table: one search spares the opener's eight tests on the
# lines of prose.
# Two searches, not one alternation: the words' alternation alone starts with a literal in every
# branch, so the regex engine skips the characters no word starts with; a case-insensitive branch
# among them would make it try every branch at every character (three times slower).
_OPENER_WORDS = re.compile("|".join(map(re.escape, (
    ARTICLE_20, _T2_LABEL_HEADER, *_NOTE_WORDS, *_T3_APPLICANT_WORDS, *_T3_INCOMING_WORDS, *_T4_WORDS))))
_LINK_ANYWHERE = re.compile("(?i:%s)" % LINK_START)


def _link_only(body: str) -> bool:
    """Is the line (its body: no space first) a link alone?  Its first letter says no for most lines."""
    return body[0] in LINK_FIRST and _LINK_ONLY.match(body) is not None


def _opener_hint(body: str) -> bool:
    """Does the line hold a word that opens a table, or an address (a line of a link alone)?  Every
    address LINK_START finds holds a colon or a full stop: a line without either is not searched."""
    return (_OPENER_WORDS.search(body) is not None
            or (("." in body or ":" in body) and _LINK_ANYWHERE.search(body) is not None))


_UNITS = frozenset(NUMBER_UNITS)  # a unit written as its own word (21022 万元)
_META_KEY = re.compile(r"^(名称|索引号|分类|主题分类|发布机构|发文机关|公开日期|发布日期|成文日期|生成日期|文号|发文字号|"
                       r"关键词|主题词|文件下载|附件下载|时效|效力状态|有效性|信息来源|来源)(?:\s*[\t:]|\s*$)")
_CHROME = frozenset(["正文", "打印", "关闭", "打印本页", "关闭窗口", "【打印】", "【关闭】", "[打印]", "[关闭]",
                     "返回顶部", "分享到", "扫一扫", "字号", "字体", "收藏", "【字体:大中小】"])
_WORD = re.compile(r"\S+")
_HAS_DIGIT = re.compile(r"\d")
_IGNORED_CHARS = frozenset(" \t\u3000、,.:;()（）。，：；-\"'|")

TITLE_MAX = 60
HEADING_MAX = 40
LEADING_LINES = 6  # how many lines of the front may be the title and its byline

# A cell as a CELLS token carries it: (kind NUM|BLANK|BAD, start, end, value, unit), offsets
# inside its line.
CellSpec = Tuple[str, int, int, Optional[object], Optional[str]]


class LineToken(Token):
    """A lark Token that also carries what the document builder needs.

    Slots, not a __dict__: a report makes a few hundred tokens and they should
    cost the garbage collector nothing."""

    __slots__ = ("line_no", "folded", "cells", "origin", "open_end", "pieces", "match")
    start_pos: int
    end_pos: int
    line_no: int                 # 1-based line
    folded: str                  # the token's text folded (fullwidth → ASCII …), same length
    cells: tuple[CellSpec, ...]  # CELLS: its cells, offsets inside the line, which starts at ``origin``
    origin: int                  # in Source.text
    open_end: bool               # CELLS of a tab or pipe line: cells missing at its end are dropped blanks
    pieces: array                # a TEXT of several lines: start, end offsets of each line's prose, flat
    match: re.Match              # HEADING: the match of its numbering (HEADING_NUMBER) on ``folded``


class Line:
    __slots__ = ("no", "start", "raw", "folded", "lead", "body")

    def __init__(self, no: int, start: int, raw: str, folded: str, lead: int, body: str):
        self.no = no
        self.start = start    # offset of the line in Source.text
        self.raw = raw
        self.folded = folded  # fold(raw): same length, so offsets carry over
        self.lead = lead      # offset of the content inside the line (after a markdown prefix)
        self.body = body      # folded content, stripped


_MD_LEAD = ("#", ">", "*", " ", "\t", "\u3000")
_MD_MARKS = ("#", ">", "*")
_new_line = object.__new__


# A blank line, a page mark or a rule: the three in one regex (one call, not three, per table row of
# numbers or pipes: they start as page marks and rules do).
_NOTHING = re.compile("|".join("(?:%s)" % shape.pattern for shape in (_BLANK, PAGE_MARK, _RULE)))


def _carries_nothing(body: str) -> bool:
    """A page mark or a rule (the body of a line, stripped)."""
    # A quick look at the first character, and at what a line so started must hold, spares the
    # regex on most lines.
    first = body[0]
    return (first in _SKIP_STARTS and _NOTHING_NEEDS.get(first, first) in body
            and _NOTHING.match(body) is not None)


def _make_lines(source: Source, folded_text: str | None = None) -> Iterator[Line]:
    """The lines of a report that carry something (not blank, not a page mark or a rule), one at a
    time (a Line lives while its line is classified).  ``folded_text``: fold(source.text), when the
    caller has it."""
    text = source.text
    if folded_text is None:
        folded_text = fold(text)  # one translate for the whole report
    unfolded = folded_text == text  # nothing folded (no fullwidth punctuation): no line to compare
    new_line = _new_line
    for no, start, end in zip(count(1), source.line_starts, source.line_ends):
        if start == end:
            continue  # an empty line (half the lines of many reports): not even a slice
        folded = folded_text[start:end]
        if folded.isspace():
            if folded.count("\t") >= 2:  # a table line whose cells are all empty (table 4 left blank)
                yield Line(no, start, text[start:end], folded, 0, "")
            continue  # blank lines carry nothing
        lead = 0
        if folded.startswith(_MD_LEAD):
            # _MD_PREFIX takes the leading whitespace, then a mark only where one of #>* follows it
            lead = len(folded) - len(folded.lstrip())
            if folded.startswith(_MD_MARKS, lead):
                prefix = _MD_PREFIX.match(folded)
                lead = prefix.end() if prefix else 0
        body = folded[lead:].rstrip()
        if body.endswith("**"):
            body = body[:-2].rstrip()
        stripped = body.lstrip()
        if not stripped:
            if "\t" in folded:  # a markdown mark, then empty cells: read in a table region
                yield Line(no, start, text[start:end], folded, 0, "")
            continue
        if stripped[0] in _SKIP_STARTS and _carries_nothing(stripped):  # its first test inline
            continue
        if unfolded:
            raw = folded
        else:
            raw = text[start:end]
            if raw == folded:
                folded = raw  # one string, not two, for the line and the tokens cut from it
        # Line(...) without its __init__ call (a line of every report passes here)
        line = new_line(Line)
        line.no = no
        line.start = start
        line.raw = raw
        line.folded = folded
        line.lead = lead + len(body) - len(stripped)
        line.body = stripped
        yield line


def _logical_lines(source: Source, folded_text: str | None = None) -> Iterator[Line]:
    """The lines of a report that has a long line: a long line may be several joined (crawler text),
    each read as a line of its own with the physical line's offsets (parse/crawl.py).  Apart from
    _make_lines so that reports without one (nearly all) pay nothing: a second yield in that loop
    costs it a third of its time."""
    for line in _make_lines(source, folded_text):
        if len(line.body) <= LONG_LINE:
            yield line
            continue
        folded = line.folded
        for part_start, part_end in breaks(folded, line.lead, len(line.body)):
            body = folded[part_start:part_end]
            if not _carries_nothing(body):  # a page mark between joined lines
                yield Line(line.no, line.start, line.raw, folded, part_start, body)


def _may_join_lines(source: Source, folded_text: str) -> bool:
    """Has the report a line that may join several (parse/crawl.py)?  Only its long lines are looked at."""
    if max(map(sub, source.line_ends, source.line_starts), default=0) <= LONG_LINE:
        return False  # no long line (nearly every report): the lengths compared in C, no generator
    return any(may_join(folded_text, start, end)
               for start, end in zip(source.line_starts, source.line_ends) if end - start > LONG_LINE)


class _Lookahead:
    """Lines read on demand, kept only as far as the front matter looks ahead."""

    def __init__(self, lines: Iterable[Line]):
        self._lines = iter(lines)
        self._seen: list[Line] = []

    def get(self, index: int) -> Line | None:
        seen = self._seen
        while len(seen) <= index:
            line = next(self._lines, None)
            if line is None:
                return None
            seen.append(line)
        return seen[index]

    def rest(self, index: int) -> tuple[list[Line], Iterator[Line]]:
        """The lines from ``index`` on: those looked at already, then the iterator of the others.
        The lines looked at before ``index`` are let go."""
        seen, self._seen = self._seen[index:], []
        return seen, self._lines


_new_str = str.__new__
_new_tuple = tuple.__new__


def _token(kind: str, value: str, line: Line, start: int, end: int) -> LineToken:
    """A LineToken, its fields set directly (lark's Token() costs more)."""
    tok = _new_str(LineToken, value)
    tok.type = kind
    tok.value = value
    tok.start_pos = line.start + start
    tok.end_pos = line.start + end
    tok.line = tok.end_line = tok.line_no = line.no
    tok.column = start + 1
    tok.end_column = end + 1
    tok.folded = line.folded[start:end]
    return tok


# -- table lines: fields and cells -------------------------------------------------------------------
class Field(NamedTuple):
    start: int  # offset inside the line
    end: int
    text: str   # folded, stripped


def split_fields(line: Line) -> tuple[str, tuple[Field, ...]]:
    """Cut a table line into fields; returns (mode, fields).

    mode is "pipe" (markdown table row), "tab" or "space".  Empty fields are
    kept for pipe and tab rows: between two numbers they are blank cells.
    """
    return _split(line.folded, line.lead, len(line.body))


# Not cached: called by the planners (_plan_t2/_plan_t3/_plan_t4), which are; a cache here would
# hold a second copy of every distinct table line (memory, and the collector walking it) for no hit.
def _split(folded: str, body_start: int, body_length: int) -> tuple[str, tuple[Field, ...]]:
    body_end = body_start + body_length
    body = folded[body_start:body_end]
    if body.startswith("|"):
        inner = body[1:-1] if body.endswith("|") and len(body) > 1 else body[1:]
        return "pipe", _split_on(inner, "|", body_start + 1)
    # A line's body is stripped, but the tabs after it are cells an HTML or Word export left
    # empty (…\t3\t\t, （六）其他处理\t\t\t\t\t\t\t): they are kept as empty fields.
    tail = folded[body_end:] if "\t" in folded[body_end:] else ""
    if tail and not tail.isspace():
        tail = ""  # a markdown ** after the body: no cells there
    if "\t" in body or tail:
        return "tab", _split_on(body + tail, "\t", body_start)
    fields = []
    for match in _WORD.finditer(body):
        fields.append(Field(body_start + match.start(), body_start + match.end(), match.group()))
    return "space", tuple(fields)


def _split_on(text: str, separator: str, position: int) -> tuple[Field, ...]:
    """Fields between separators, each stripped, with offsets inside the line."""
    fields = []
    for piece in text.split(separator):
        stripped = piece.strip()
        # (a Field made as a tuple: NamedTuple's own __new__ is a Python call, per cell)
        if stripped is piece:  # nothing to strip (most cells): the field starts where the piece does
            fields.append(_new_tuple(Field, (position, position + len(piece), piece)))
        else:
            offset = position + (len(piece) - len(piece.lstrip()))
            fields.append(_new_tuple(Field, (offset, offset + len(stripped), stripped)))
        position += len(piece) + 1
    return tuple(fields)


Cut = Tuple[Tuple[Field, ...], Tuple[Tuple[str, Field], ...]]


def cut_row(mode: str, fields: tuple[Field, ...]) -> Cut:
    """Split fields into label fields and cells (kind NUM|BLANK|BAD, field).

    A blank cell is an empty field or a mark standing for "none" (``—``, ``-``, ``/``: NONE_MARK):
    exports leave zero cells so.  Other text among the values is a bad cell.

    * tab and pipe rows (every cell has its field): the label is the text before the first value
      (a number or a mark); the cells run from the field after the label to the last value, and on
      over the empty fields after it (…\t3\t\t).  A row whose value fields are all empty
      (（六）其他处理\t\t\t\t\t\t\t) is its label and that many blank cells.  Surplus blanks at either
      end (alignment tabs, an export's trailing tab) are the row builder's to trim (parse.tables);
      a row that ends early is padded there.
    * space rows: only the trailing run of numbers and marks is cells (a leading number is part of
      the label), and a unit written as its own word (``21022 万元``) joins the number before it.
      A missing cell could have been anywhere in the row: nothing is padded.
    """
    if mode != "space":
        return _cut_separated(fields)
    first = len(fields)
    while first > 0 and (_value_text(fields[first - 1].text) or
                         (fields[first - 1].text in _UNITS and first - 1 > 0
                          and number_shaped(fields[first - 2].text))):
        first -= 1
    if first == len(fields):
        return tuple(f for f in fields if f.text), ()
    last = len(fields) - 1
    label = tuple(f for f in fields[:first] if f.text)
    cells = []
    index = first
    while index <= last:
        item = fields[index]
        if index + 1 <= last and fields[index + 1].text in _UNITS \
                and number_shaped(item.text + fields[index + 1].text):  # not "2元 元"
            merged = Field(item.start, fields[index + 1].end, item.text + fields[index + 1].text)
            cells.append(("NUM" if is_number(merged.text) else "BAD", merged))
            index += 2
            continue
        cells.append((_cell_kind(item.text), item))
        index += 1
    return label, tuple(cells)


def _value_text(text: str) -> bool:
    """A field written as a value: a number (maybe too long) or a "none" mark."""
    return bool(text) and (number_shaped(text) or NONE_MARK.match(text) is not None)


def _cell_kind(text: str) -> str:
    if text.isdigit() and text.isascii():  # the usual cell (0, 12): what is_number says of it, at once
        return "NUM" if len(text) <= MAX_DIGITS else "BAD"
    if not text or NONE_MARK.match(text):
        return "BLANK"
    return "NUM" if is_number(text) else "BAD"  # 无, an over-long number, words between numbers


def _cut_separated(fields: tuple[Field, ...]) -> Cut:
    """cut_row for a tab or pipe row: every cell has its own field, empty ones too."""
    # The values' places in one pass (the first and the last are wanted); empty fields are no value.
    # (a field of ASCII digits, the usual cell, is a value: said at once, without _value_text's calls)
    valued = [index for index, item in enumerate(fields)
              if item.text and ((item.text.isdigit() and item.text.isascii()) or _value_text(item.text))]
    if not valued:
        # No value written: the empty fields after the label are the cells of a row left blank.
        label = tuple(f for f in fields if f.text)
        if not label:
            return (), ()
        after = fields.index(label[-1]) + 1
        return label, tuple(("BLANK", item) for item in fields[after:])
    label = tuple([f for f in fields[:valued[0]] if f.text])
    start = fields.index(label[-1]) + 1 if label else 0  # no label: the empty fields before are cells too
    end = valued[-1] + 1
    while end < len(fields) and not fields[end].text:
        end += 1  # the empty cells a row ends with; text after the values (a remark) is no cell
    cells = []
    for item in fields[start:end]:
        text = item.text
        if not text:
            cells.append(("BLANK", item))
        elif text.isdigit() and text.isascii():  # _cell_kind's first test, without its call
            cells.append(("NUM" if len(text) <= MAX_DIGITS else "BAD", item))
        else:
            cells.append((_cell_kind(text), item))
    return label, tuple(cells)


def _labels_a_row_left_blank(fields: tuple[Field, ...], c: LabelMatcher) -> bool:
    """A long line without values that is a table-3 row left blank: a row's label alone, or
    followed by empty fields (an export dropped or kept them)."""
    texts = [f.text for f in fields if f.text]
    if not texts:
        return False
    match = c.match_t3(" ".join(texts))
    return match is not None and match.kind == "row"


def _all_empty(cells: tuple[tuple[str, Field], ...]) -> bool:
    """Nothing written in any cell (a mark is written)."""
    return all(not item.text for _kind, item in cells)


def _parsed_cells(cells: tuple[tuple[str, Field], ...]) -> tuple[CellSpec, ...]:
    """(kind, start, end, value, unit) of each cell, offsets inside its line."""
    result = []
    for kind, item in cells:
        value: object = None
        unit: str | None = None
        if kind == "NUM":
            text = item.text
            if text.isdigit() and text.isascii():  # parse_number's first test (NUM: not too long), no call
                value = int(text)
            else:
                value, unit = parse_number(text)  # type: ignore[misc]  # cut_row made it NUM: it parses
        result.append((kind, item.start, item.end, value, unit))
    return tuple(result)


# -- table 3, planned once per distinct line ----------------------------------------------------------
TokenSpec = Tuple[str, int, int, Optional[Tuple[CellSpec, ...]]]  # kind, start, end in the line, cells


@short_cache(PLANS)
def _plan_t3(folded: str, lead: int, body_length: int,
             forward_pending: bool) -> tuple[bool, tuple[TokenSpec, ...], str | None, bool]:
    """(handled, token specs, after, separated) for a line in table 3.

    ``handled`` False: the line ends the table (a heading, prose, another table).
    ``after``: "close" once the last row (四、结转下年度继续办理) has its numbers,
    "pending" when its label came without them.  ``separated``: a tab or pipe line, whose cells
    missing at its end can only be blanks an export dropped (Row.open_end)."""
    c = label_matcher()
    body = folded[lead:lead + body_length]
    whole = (lead, lead + body_length)
    if _NOTE.search(body):
        return True, (("NOTE", *whole, None),), None, False
    if T2_BLOCK.match(body) or _opens_t4(body, c) or _heading_ends_table(body, c):
        return False, (), None, False
    mode, fields = _split(folded, lead, body_length)
    if mode == "pipe":
        numeric = any(number_shaped(f.text) for f in fields)
        texts = [f for f in fields if f.text]
        if not numeric and texts and not c.match_t3(texts[0].text):
            return True, (("HEAD", *whole, None),), None, False
    elif _header_chars_only(body, c.header_chars["table3"]):
        return True, (("HEAD", *whole, None),), None, False
    if folded.lstrip().startswith("#") and not c.match_t3(body):
        if _header_chars_only(body.replace("(", "").replace(")", ""), c.header_chars["table3"]):
            return True, (("HEAD", *whole, None),), None, False
        return True, (("CAPTION", *whole, None),), None, False
    if "。" in body or (len(body) > 40 and not any(_value_text(f.text) for f in fields)
                        and not _labels_a_row_left_blank(fields, c)):
        return False, (), None, False  # prose: the table is over
    label, cells = cut_row(mode, fields)
    match = c.match_t3(" ".join(f.text for f in label)) if label else None
    if cells and label and _all_empty(cells) and (match is None or match.kind != "row" or len(cells) < _T3_WIDTH):
        # Empty fields after a piece of a label, or fewer than a row has: a label line (its numbers
        # may be on another line), not a row left blank.
        cells = ()
    parsed = _parsed_cells(cells) if cells else ()
    if label and not cells:  # a label and its cells run together (一、本年新收…801000081): crawler text
        label, parsed = _run_together(label)
        if parsed:
            match = c.match_t3(" ".join(f.text for f in label))
    if forward_pending and not parsed:
        return False, (), None, False
    if not parsed and len(label) == 1 and _ordinal_alone(label[0].text):
        return True, (), None, False  # 三、 / 四、 alone: a group's ordinal left by a PDF, not a row's label
    specs: list[TokenSpec] = [("LABEL", item.start, item.end, None) for item in label]
    if parsed:
        specs.append(("CELLS", parsed[0][1], parsed[-1][2], parsed))
    elif label:
        specs.append(("_EOL", whole[1], whole[1], None))
    else:
        return True, (), None, False
    after = None
    if forward_pending or (match and match.key == "forward"):
        after = "close" if parsed else "pending"
    return True, tuple(specs), after, mode != "space"


# -- tables 2 and 4, planned once per distinct line as table 3 -----------------------------------------
# kind, start, end in the line, cells (CELLS only), value (None: the line's text there)
TokenSpec2 = Tuple[str, int, int, Optional[Tuple[CellSpec, ...]], Optional[str]]


def _row_specs(label: tuple[Field, ...], cells: tuple[tuple[str, Field], ...]) -> tuple[TokenSpec2, ...]:
    """LABEL tokens (none for a line of numbers only), then one CELLS token for the line's run of
    value cells; the cells ride on it.  A label with no cells gets an empty CELLS token where the
    label ends."""
    specs: list[TokenSpec2] = [("LABEL", item.start, item.end, None, None) for item in label]
    if cells:
        specs.append(("CELLS", cells[0][1].start, cells[-1][1].end, _parsed_cells(cells), None))
    else:
        specs.append(("CELLS", label[-1].end, label[-1].end, (), ""))
    return tuple(specs)


@short_cache(PLANS)  # table lines repeat from report to report
def _plan_t2(folded: str, lead: int, body_length: int,
             hash_start: bool) -> tuple[bool, tuple[TokenSpec2, ...], bool]:
    """(handled, token specs, open end) for a line in table 2; ``hash_start``: the line as written
    starts with # (a markdown caption, when it is no heading)."""
    c = label_matcher()
    body = folded[lead:lead + body_length]
    whole = (lead, lead + body_length)
    block = T2_BLOCK.match(body)
    if block:
        return True, (("T2_BLOCK", *whole, None, block.group(1)),), False
    mode, fields = _split(folded, lead, body_length)
    if _header_fields(fields, c.header_chars["table2"], first_word=_T2_LABEL_HEADER):
        return True, (("HEAD", *whole, None, None),), False
    if hash_start and not _heading_match(body, c):
        return True, (("CAPTION", *whole, None, None),), False
    label, cells = cut_row(mode, fields)
    if label and (c.match_t2(" ".join(f.text for f in label))
                  # an unknown row; the rules report it
                  or (cells and not _all_empty(cells) and len("".join(f.text for f in label)) <= 16
                      and not _heading_match(body, c))
                  # a label's first part: the row builder joins it
                  or (not cells and c.starts_t2_label(" ".join(f.text for f in label)))):
        # (A row's label alone: a row an export left blank and cut short; its cells are padded
        # or reported by the row builder.)
        return True, _row_specs(label, cells), mode != "space"
    return False, (), False


@short_cache(PLANS)  # table lines repeat from report to report
def _plan_t4(folded: str, lead: int, body_length: int) -> tuple[bool, tuple[TokenSpec2, ...], bool, int]:
    """(handled, token specs, open end, how many cells) for a line in table 4."""
    c = label_matcher()
    body = folded[lead:lead + body_length]
    if body and (_heading_match(body, c) or "。" in body):
        return False, (), False, 0
    mode, fields = _split(folded, lead, body_length)
    if body and _header_fields(fields, c.header_chars["table4"]):
        # one token per header line: its cells are not checked
        return True, (("HEAD", lead, lead + body_length, None, None),), False, 0
    label, cells = cut_row(mode, fields)
    if not label and not cells and mode != "space" and len(fields) > 1:
        cells = tuple(("BLANK", item) for item in fields)  # every cell left empty: blank values
    elif not label and cells and mode == "tab" and lead and not folded[:lead].strip("\t"):
        # Values that start with empty cells (\t\t\t1\t1): each leading tab ends one.
        cells = tuple(("BLANK", Field(at, at, "")) for at in range(lead)) + cells
    if not cells:
        return False, (), False, 0
    return True, _row_specs(label, cells), mode != "space", len(cells)


# The plans' caches called directly on a line known to be short (support/memo.py): a table line
# is read thousands of times a batch, and the wrapper's own call is a good part of a cache hit.
_PLAN_LIMIT = _plan_t3.limit
assert _plan_t2.limit == _plan_t4.limit == _PLAN_LIMIT
_plan_t2_short, _plan_t3_short, _plan_t4_short = _plan_t2.short, _plan_t3.short, _plan_t4.short


def _ordinal_alone(text: str) -> bool:
    match = HEADING_NUMBER.match(text)
    return match is not None and match.end() == len(text)


def _run_together(label: tuple[Field, ...]) -> tuple[tuple[Field, ...], tuple[CellSpec, ...]]:
    """A table-3 label whose cells run on without a separator (…申请数量801000081): its cells when one
    split only fits the row (parse/digits.py), NUM cells that touch; else one RUN cell, digits that
    cannot be separated (no arithmetic on them)."""
    last = label[-1]
    digits = len(last.text) - len(last.text.rstrip("0123456789"))
    width = spec().t3_width()
    if digits < width or digits == len(last.text):
        return label, ()
    base = last.end - digits
    split = unique_split(last.text[-digits:], width)
    cells: tuple[CellSpec, ...]
    if split is None:
        cells = (("RUN", base, last.end, None, None),)
    else:
        cells = tuple(("NUM", base + start, base + end, value, None) for value, start, end in split)
    return (*label[:-1], Field(last.start, base, last.text[:-digits])), cells


def _header_chars_only(body: str, chars: frozenset) -> bool:
    """Is the line made only of header vocabulary (and punctuation)?  No header word has a digit."""
    foreign, some = _vocabulary(chars)
    return foreign.search(body) is None and some.search(body) is not None


@lru_cache(maxsize=None)
def _vocabulary(chars: frozenset) -> tuple[re.Pattern, re.Pattern]:
    """Regexes for a character set: one finds a character outside it (punctuation and spaces
    allowed), the other one inside it.  Faster than building sets of CJK characters."""
    inside = "".join(sorted(re.escape(c) for c in chars))
    allowed = inside + "".join(sorted(re.escape(c) for c in _IGNORED_CHARS))
    return re.compile(f"[^{allowed}]"), re.compile(f"[{inside}]")


def _opens_t4(body: str, c: LabelMatcher) -> bool:
    return any(word in body for word in _T4_WORDS) and _header_chars_only(body, c.header_chars["table4"])


def _heading_match(body: str, c: LabelMatcher) -> re.Match | None:
    """A top-level heading: 一、… with no digits, short, and not a table-3 row label.  The match
    is of its numbering (HEADING_NUMBER); the HEADING token carries it to the builder."""
    match = HEADING_NUMBER.match(body)
    if not match:
        return None
    rest = body[match.end():]
    if not rest or len(body) > HEADING_MAX or _HAS_DIGIT.search(body) or "\t" in body or "|" in body:
        return None
    if "。" in rest[:-1]:
        return None
    entry = c.match_t3(body)
    if entry is not None and entry.key in _T3_TOP_KEYS:
        return None  # 一、本年新收… and 四、结转下年度… are table rows, not headings
    return match


def _heading_ends_table(body: str, c: LabelMatcher) -> bool:
    """Inside a table region a heading-shaped line ends the table only if it names a mandated section
    (its words, a rewording or a keyword: "四、政府信息公开行政复议…"). Extraction leaves table debris
    shaped like a heading ("三、本予以公开": 三、本年度办理结果 fused with a fragment of another label);
    that is table text, and the rows after it still belong to the table."""
    if _run_in_heading(body):
        return True
    match = _heading_match(body, c)
    if match is None:
        return False
    rest = body[match.end():]
    return any(keyword in rest for keyword in _SECTION_KEYWORDS) or any(
        rest.startswith(word) for words in _HEADING_WORDS.values() for word in words)


def _run_in_heading(body: str) -> tuple[re.Match, int] | None:
    """A mandated heading run into its first paragraph (web pages): "六、其他需要报告的事项本年度未收取…".
    (numbering match, where the heading's words end), when the words after the numbering are those of
    the mandated heading of that number (or a known rewording) and text follows them."""
    match = HEADING_NUMBER.match(body)
    if not match:
        return None
    section = numeral_value(match.group(1))
    rest = body[match.end():]
    length = next((len(word) for word in _HEADING_WORDS.get(section, ()) if rest.startswith(word)), None)
    if length is None:
        length = _reworded_length(rest, section)
    if length is None:
        return None
    tail = rest[length:].strip()
    # A paragraph, not a longer heading ("一、总体情况概述"): some length, and a digit or a clause.
    if len(tail) >= _RUN_IN_MIN and _RUN_IN_PROSE.search(tail):
        end = match.end() + length
        while end < len(body) and body[end] in HEADING_TRAILERS:  # "一、总体情况。本年度…"
            end += 1
        return match, end
    return None


def _reworded_length(rest: str, section: int | None) -> int | None:
    """A rewording of the heading of that number run into its paragraph ("五、存在问题和整改措施我局…"):
    the heading's keyword opens it, and it ends at the first word a heading ends with after it."""
    for keyword in _KEYWORDS.get(section, ()) if section is not None else ():
        at = rest.find(keyword, 0, _REWORDED_KEYWORD_WITHIN)
        if at < 0:
            continue
        ends = [found + len(word) for word in HEADING_END_WORDS
                for found in (rest.find(word, at + len(keyword) - len(word), _REWORDED_MAX),) if found >= 0]
        return min(ends) if ends else None
    return None


def _header_fields(fields: tuple[Field, ...], chars: frozenset, first_word: str | None = None) -> bool:
    texts = [f.text for f in fields if f.text]
    if not texts:
        return False
    if first_word and texts[0].startswith(first_word) and not any(number_shaped(t) for t in texts):
        return True
    return all(_header_chars_only(t, chars) for t in texts)


def _label_text(line: Line) -> str:
    mode, fields = split_fields(line)
    return " ".join(f.text for f in fields if f.text and not number_shaped(f.text))


class LineClassifier:
    """Turns a Source into the token list the report grammar parses (see the module's table)."""

    def __init__(self, source: Source):
        self.source = source
        self.labels = label_matcher()
        self.tokens: list[LineToken] = []
        self.region: str | None = None  # None (prose), "t2", "t3" or "t4"
        self.t4_cells = 0
        self.t4_width = spec().t4_width()
        self.t3_done = False
        self.t3_forward_pending = False
        # Prose lines that run on (no sentence end) are one paragraph whatever follows: they
        # make one TEXT token, not one each (a million-line paragraph is one token, not a
        # million).  The run is held here until something else is emitted.
        self._prose: list | None = None  # [first Line, its start, end, flat offsets, ends a sentence]
        self._folded_text = ""  # fold(source.text), once run() has it

    # -- emitting ----------------------------------------------------------------
    def _emit(self, kind: str, line: Line, start: int, end: int, value: str | None = None) -> LineToken:
        if self._prose is not None:
            self._flush_prose()
        tok = _token(kind, line.raw[start:end] if value is None else value, line, start, end)
        self.tokens.append(tok)
        return tok

    def _text(self, line: Line, start: int, end: int) -> None:
        """A line's prose [start, end): joins the prose run before it unless that ended a sentence."""
        piece = line.raw[start:end]  # as written: ends_paragraph knows the written forms
        ends = ends_paragraph(piece)  # a piece ends in no space
        prose = self._prose
        if prose is not None and not prose[4]:
            prose[3].append(line.start + start)
            prose[3].append(line.start + end)
            prose[4] = ends
            return
        if prose is not None:
            self._flush_prose()
        self._prose = [line, start, end, array("q", (line.start + start, line.start + end)), ends]

    def _flush_prose(self) -> None:
        """The prose run becomes one TEXT token: a paragraph."""
        line, start, end, offsets, _ends = self._prose  # type: ignore[misc]
        self._prose = None
        if len(offsets) == 2:  # one line: the usual token
            self.tokens.append(_token("TEXT", line.raw[start:end], line, start, end))
            return
        source = self.source
        first, last = offsets[0], offsets[-1]
        value = source.text[first:last]
        tok = _new_str(LineToken, value)
        tok.type = "TEXT"
        tok.value = value
        tok.start_pos, tok.end_pos = first, last
        tok.line = tok.line_no = line.no
        tok.end_line = source.line_of(last)
        tok.column = start + 1
        tok.end_column = last - source.line_starts[tok.end_line - 1] + 1
        tok.folded = self._folded_text[first:last]  # fold is one-to-one: the report's folded text, cut
        tok.pieces = offsets
        self.tokens.append(tok)

    def _marker(self, kind: str, line: Line) -> None:
        self._emit(kind, line, line.lead, line.lead, "")

    def _whole(self, kind: str, line: Line) -> LineToken:
        return self._emit(kind, line, line.lead, line.lead + len(line.body))

    # -- main loop ------------------------------------------------------------------
    def run(self) -> list[LineToken]:
        source = self.source
        folded_text = self._folded_text = fold(source.text)  # one translate for the whole report
        read = _logical_lines if _may_join_lines(source, folded_text) else _make_lines
        lines = _Lookahead(read(source, folded_text))
        body_from = self._read_front(lines)
        read_line = self._read_line
        looked_at, unread = lines.rest(body_from)
        for line in looked_at:
            read_line(line)
        del looked_at
        for line in unread:  # straight from the generator of lines: no generator in between
            read_line(line)
        if self._prose is not None:
            self._flush_prose()
        self._close()
        return self.tokens

    def _read_front(self, lines: _Lookahead) -> int:
        """Metadata, portal chrome, the title and its byline; returns where the body starts."""
        index = 0
        line = lines.get(index)
        while line is not None and (_META_KEY.match(line.body) or line.body in _CHROME):
            self._whole("META", line)
            index += 1
            line = lines.get(index)
        leading: list[tuple[Line, str | None]] = []
        scan = index
        while len(leading) < LEADING_LINES:
            line = lines.get(scan)
            if line is None:
                break
            body = line.body
            if not body or BARE_PAGE_NUMBER.match(body):
                scan += 1
                continue
            if _META_KEY.match(body) or body in _CHROME:
                leading.append((line, "META"))
                scan += 1
                continue
            if (len(body) > TITLE_MAX or ends_sentence(body) or "。" in body or self._heading(line)
                    or body.startswith(PREAMBLE_STARTS) or (leading and "《" in body[1:])  # a citation: the preamble
                    or (_opener_hint(body) and (T2_BLOCK.match(body) or self._opens_t3(line)
                                                       or _opens_t4(body, self.labels)))):
                break
            leading.append((line, None))
            scan += 1
        title_end = None
        for position, (line, kind) in enumerate(leading):
            if kind is None and "报告" in line.body:
                title_end = position
                break
        if title_end is None and leading:
            # No line says 报告: take the lines up to one that names a year.
            for position, (line, kind) in enumerate(leading):
                if kind is None and TITLE_YEAR.search(line.body):
                    title_end = position
                    break
        if title_end is None:
            return index
        for position, (line, kind) in enumerate(leading):
            if kind == "META":
                self._whole("META", line)
            elif position <= title_end:
                self._whole("TITLE", line)
            else:
                self._whole("BYLINE", line)
        return scan

    def _read_line(self, line: Line) -> None:
        body = line.body
        if not body:  # a line of empty cells: table 4's values left blank, else nothing
            if self.region == "t4":
                self._t4_line(line)
            return
        if self.region == "t2" and self._t2_line(line):
            return
        if self.region == "t3" and self._t3_line(line):
            return
        if self.region == "t4" and self._t4_line(line):
            return
        if self.region:
            self._close()
        if body[0].isdigit() and BARE_PAGE_NUMBER.match(body):  # (a body starts with no space)
            return  # a page number left by PDF extraction
        if ("。" not in body or _NOTE_KEYWORD in body) and _opener_hint(body):
            if self._table_opener(line):
                return
        elif _link_only(body):
            self._whole("LINK", line)
            return
        # both tests need a heading's numbering, which starts with a numeral: most prose lines skip them
        if body[0] in _NUMERAL_CHARS and HEADING_NUMBER.match(body):
            run_in = _run_in_heading(body)
            if run_in is not None:  # a heading, then its first paragraph on the same line
                numbering, cut = run_in
                self._emit("HEADING", line, line.lead, line.lead + cut).match = numbering
                remainder = body[cut:]
                skip = len(remainder) - len(remainder.lstrip())
                self._text(line, line.lead + cut + skip, line.lead + len(body))
                return
            heading = self._heading(line)
            if heading:
                self._whole("HEADING", line).match = heading
                return
        sub = SUBHEADING_NUMBER.match(body) if body[0] == "(" else None  # （一）, folded
        if sub and len(body) - sub.end() >= 1:
            self._subheading(line, sub)
            return
        self._text(line, line.lead, line.lead + len(body))

    def _table_opener(self, line: Line) -> bool:
        """Open a table region if the line starts one (and read the line in it)."""
        body = line.body
        if _link_only(body):
            self._whole("LINK", line)
            return True
        if T2_BLOCK.match(body) or (body.lstrip("| ").startswith(_T2_LABEL_HEADER)
                                    and _header_chars_only(body, self.labels.header_chars["table2"])):
            self._open("t2", line)
            self._t2_line(line)
            return True
        if self._opens_t3(line):
            self._open("t3", line)
            self._t3_line(line)
            return True
        if _opens_t4(body, self.labels):
            self._open("t4", line)
            self._t4_line(line)
            return True
        return False

    # -- regions --------------------------------------------------------------------
    def _open(self, region: str, line: Line) -> None:
        self.region = region
        self.t4_cells = 0
        self.t3_forward_pending = False
        self._marker({"t2": "T2_START", "t3": "T3_START", "t4": "T4_START"}[region], line)

    def _close(self) -> None:
        """End the table region (no prose is held inside one: opening it emitted the run)."""
        if self.region:
            if self.region == "t3":
                self.t3_done = True
            self.region = None
            last = self.tokens[-1]
            tok = _new_str(LineToken, "")
            tok.type, tok.value, tok.folded = "TABLE_END", "", ""
            tok.start_pos = tok.end_pos = last.end_pos
            tok.line = tok.end_line = tok.line_no = last.line_no
            tok.column = tok.end_column = last.end_column
            self.tokens.append(tok)

    def _opens_t3(self, line: Line) -> bool:
        body = line.body
        if _NOTE.search(body):
            return True
        if _header_chars_only(body, self.labels.header_chars["table3"]) and _T3_APPLICANT.search(body):
            return True
        if self.t3_done or not any(word in body for word in _T3_INCOMING_WORDS):
            return False
        match = self.labels.match_t3(_label_text(line))
        return bool(match and match.key in _T3_INCOMING_KEYS)

    # -- table lines -----------------------------------------------------------------
    def _t2_line(self, line: Line) -> bool:
        """A line inside table 2: planned once per distinct line and replayed, as in table 3."""
        folded = line.folded
        plan = _plan_t2_short if len(folded) <= _PLAN_LIMIT else _plan_t2
        handled, specs, open_end = plan(folded, line.lead, len(line.body), line.raw.lstrip().startswith("#"))
        if not handled:
            return False
        self._replay(line, specs, open_end)
        return True

    def _t3_line(self, line: Line) -> bool:
        """A line inside table 3.  The decision depends on the line alone (and on whether the
        last row's numbers are still to come), so it is planned once per distinct line and
        replayed: table lines repeat from report to report."""
        folded = line.folded
        plan = _plan_t3_short if len(folded) <= _PLAN_LIMIT else _plan_t3
        handled, specs, after, separated = plan(folded, line.lead, len(line.body), self.t3_forward_pending)
        if not handled:
            return False
        raw, origin, no = line.raw, line.start, line.no
        same = raw is folded  # nothing folded in the line (_make_lines): a token's folded text is its value
        append = self.tokens.append
        for kind, start, end, cells in specs:
            # _token, inline: a report has thousands of table-3 tokens
            value = "" if kind == "_EOL" else raw[start:end]
            tok = _new_str(LineToken, value)
            tok.type = kind
            tok.value = value
            tok.start_pos = origin + start
            tok.end_pos = origin + end
            tok.line = tok.end_line = tok.line_no = no
            tok.column = start + 1
            tok.end_column = end + 1
            tok.folded = value if same else folded[start:end]
            if cells is not None:
                tok.cells = cells
                tok.origin = origin
                tok.open_end = separated
            append(tok)
        if after == "close":
            self._close()
        elif after == "pending":
            self.t3_forward_pending = True
        return True

    def _t4_line(self, line: Line) -> bool:
        """A line inside table 4: planned once per distinct line and replayed, as in table 3."""
        folded = line.folded
        plan = _plan_t4_short if len(folded) <= _PLAN_LIMIT else _plan_t4
        handled, specs, open_end, count = plan(folded, line.lead, len(line.body))
        if not handled:
            return False
        self._replay(line, specs, open_end)
        self.t4_cells += count
        if self.t4_cells >= self.t4_width:
            self._close()
        return True

    def _replay(self, line: Line, specs: tuple[TokenSpec2, ...], open_end: bool) -> None:
        """The tokens of a planned line (_plan_t2, _plan_t4), LABEL tokens, then a CELLS token with the cells."""
        if self._prose is not None:
            self._flush_prose()
        append = self.tokens.append
        for kind, start, end, cells, value in specs:
            tok = _token(kind, line.raw[start:end] if value is None else value, line, start, end)
            if cells is not None:
                tok.cells = cells
                tok.origin = line.start
                tok.open_end = open_end
            append(tok)

    # -- prose -------------------------------------------------------------------------
    def _heading(self, line: Line) -> re.Match | None:
        return _heading_match(line.body, self.labels)

    def _subheading(self, line: Line, match: re.Match) -> None:
        body = line.body
        rest = body[match.end():]
        end = SUBHEADING_END.search(rest)
        if len(body) <= 30 and (end is None or end.end() == len(rest)):
            self._whole("SUBHEADING", line)
            return
        if end is not None and end.start() <= 28:
            cut = match.end() + end.end()
            self._emit("SUBHEADING", line, line.lead, line.lead + cut)
            remainder = body[cut:]
            skip = len(remainder) - len(remainder.lstrip())
            if remainder.strip():
                self._text(line, line.lead + cut + skip, line.lead + len(body))
            return
        self._text(line, line.lead, line.lead + len(body))
