"""A whole report on one line or a few (crawler text): where the logical lines inside a long line start.

Crawlers and some web exports give a report's headings, paragraphs and table rows joined with spaces or
with nothing.  The line classifier (govlint.parse.lines) reads lines; ``breaks`` says where, inside one
physical line, the lines that were joined begin and end, so the classifier can read each as a line of
its own while every token keeps its offsets in the user's file.

A line of at most LONG_LINE characters is read whole (one length test: written reports take no slow
path), and so is a long line in which no mandated heading and no table is found (a long paragraph).
Otherwise a line starts:

* at a mandated heading: its numbering (shapes.HEADING_NUMBER) and the heading's words or a known
  rewording (grammar/canonical.json through spec()); the heading's line ends at the first space after
  its words, or where a table starts right after them;
* at the report's title end (the first "报告" of the line's head after a year, followed by a space or
  the preamble), and after a byline right after it (the body's name and its date in parentheses);
* at a table opener: table 2's block (第二十条第（X）项) and column header (信息内容 …), table 3's note
  (勾稽关系 …) and applicant header, table 4's header (行政复议 …);
* inside a table (from an opener, or a run of three numbers, to the next heading or sentence): after a
  run of numbers where a label follows, at a field starting with row numbering (一、 （一） 1.), where
  header words give way to a label, and (table 4, whose numbers have no label) where header words give
  way to numbers; a number glued to the label after it (``71二、上年结转…``) is cut off it;
* at a page mark (- 2 -), before and after it;
* at a sub-heading (（一）…) after a space or a sentence end, outside tables.

Cuts are made only between whitespace-separated fields or at a numbering, a heading or a title end:
never inside a number, a 文号 (〔2021〕30号), a date, a phone number or a web address.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import List, Tuple

from govlint.grammar.shapes import (
    ARTICLE_20,
    DATE,
    HEADING_NUMBER,
    HEADING_TRAILERS,
    ITEM_NUMBER,
    NUMBER_UNITS,
    NUMERALS,
    PAGE_MARK,
    PREAMBLE_STARTS,
    SENTENCE_ENDS,
    SUBHEADING_NUMBER,
    T2_BLOCK,
    TITLE_YEAR,
    is_han,
    numeral_value,
    number_shaped,
)
from govlint.grammar.spec import spec
from govlint.parse.labels import label_matcher
from govlint.source.fold import fold

LONG_LINE = 200    # a line longer than this may be several lines joined
HEADING_MAX = 40   # a heading's line (numbering and words) is no longer than this
SUBHEADING_MAX = 30  # and a sub-heading's
TITLE_MAX = 60     # the title ends within the line's first characters
_TITLE_END = "报告"
_BYLINE = re.compile(r"\s*[^\s。,;:()]{2,30}\s*\(\s*%s\s*\)" % DATE)  # after the title: name (date)
_FIELD = re.compile(r"\S+")
_IGNORED = frozenset(" \t\u3000、,.:;()（）。，：；-\"'|")  # punctuation header lines carry (lines.py)
_NOTE_WORDS = tuple(spec().t3_note_words())
_T2_HEADER = spec().t2_label_header()
_T3_APPLICANT_WORDS = ("申请人", "自然人", "法人")
_T4_WORDS = (spec().labels("table4", "groups")["review"], spec().t4_group_heads()["suits"][0])
_TABLE_SECTIONS = frozenset(spec().table_section(table) for table in ("table2", "table3", "table4"))

Span = Tuple[int, int]
# What a line that joins several has at least one of, besides a title at its start: a heading's
# numbering after a space or a sentence's end, table 2's block, a table word after a space, three
# numbers in a row.  A long paragraph has none of them (or, rarely, one, and is then read in full).
# Separate searches, literal words with str.find: one regex of all the alternatives tries each of
# them at every character of every long paragraph.
_NUMBERING_SIGN = re.compile(r"(?:^|[\s。;!?])%s" % HEADING_NUMBER.pattern.lstrip("^"))
_NUMBER_RUN = re.compile(r"\d\s+\d+\s+\d")
_TABLE_WORDS = (_T2_HEADER, *_NOTE_WORDS, *_T3_APPLICANT_WORDS, *_T4_WORDS)
_TABLE_WORD_SIGN = re.compile(r"\s(?:%s)" % "|".join(map(re.escape, _TABLE_WORDS)))


def may_join(text: str, start: int, end: int) -> bool:
    """Could text[start:end], a line, be several joined?  Only a long line with a sign of structure
    in it (a heading's numbering, a table, a title at its start): one search, no full reading."""
    if end - start <= LONG_LINE:
        return False
    if text.find(_TITLE_END, start, start + TITLE_MAX) >= 0 and _title_end(text[start:start + TITLE_MAX + 8]):
        return True
    if text.find(ARTICLE_20, start, end) >= 0:
        return True
    if any(text.find(word, start, end) >= 0 for word in _TABLE_WORDS) and _TABLE_WORD_SIGN.search(text, start, end):
        return True
    return bool(_NUMBERING_SIGN.search(text, start, end) or _NUMBER_RUN.search(text, start, end))


def breaks(folded: str, lead: int, length: int) -> List[Span]:
    """The (start, end) offsets, inside the line, of the logical lines of a line whose content is
    folded[lead:lead + length]: the whole content unless the line is long and joins several."""
    if not may_join(folded, lead, lead + length):
        return [(lead, lead + length)]
    return [(lead + start, lead + end) for start, end in _logical(folded[lead:lead + length])]


@lru_cache(maxsize=None)
def _heading_words() -> tuple[tuple[str, int], ...]:
    """(words, section) of every mandated heading and known rewording, longest first."""
    words = [(word, section) for section in spec().section_ids()
             for word in (spec().heading_words(section), *spec().heading_variants(section))]
    return tuple(sorted(words, key=lambda item: len(item[0]), reverse=True))


def _headings(body: str) -> dict[int, tuple[int, int]]:
    """start → (section, end of the heading's words and trailing punctuation) of the mandated
    headings in the body."""
    found: dict[int, tuple[int, int]] = {}
    for words, section in _heading_words():
        position = body.find(words)
        while position >= 0:
            for start in range(position - 1, max(position - 8, 0) - 1, -1):
                if start > 0 and body[start - 1] in NUMERALS:
                    continue  # 二十一、: the numbering starts further back
                match = HEADING_NUMBER.match(body, start)
                if match and match.end() == position and numeral_value(match.group(1)) == section:
                    end = position + len(words)
                    while end < len(body) and body[end] in HEADING_TRAILERS:
                        end += 1
                    found.setdefault(start, (section, end))
                    break
            position = body.find(words, position + len(words))
    return found


def _only(text: str, chars: frozenset) -> bool:
    """Is the text made of these characters (and punctuation), with at least one of them?"""
    return any(char in chars for char in text) and all(char in chars or char in _IGNORED for char in text)


class _Fields:
    """The fields of a long line, classified once."""

    def __init__(self, body: str):
        header = label_matcher().header_chars
        self.spans = [(m.start(), m.end()) for m in _FIELD.finditer(body)]
        self.texts = [body[start:end] for start, end in self.spans]
        self.number = [number_shaped(text) for text in self.texts]
        self.note = [any(word in text for word in _NOTE_WORDS) for text in self.texts]
        self.t4_header = [_only(text, header["table4"]) for text in self.texts]
        self.header = [note or t4 or _only(text, header["table3"]) or _only(text, header["table2"])
                       for text, note, t4 in zip(self.texts, self.note, self.t4_header)]


def _logical(body: str) -> List[Span]:
    cuts: set[int] = set()
    strong = False  # a heading or a table was found: the line joins several
    headings = _headings(body)
    fields = _Fields(body)
    spans, texts = fields.spans, fields.texts
    title = _title_end(body)
    if title:
        cuts.add(title)
        strong = True  # a title and what follows it on one line
        byline = _byline_end(body, title)
        if byline:
            cuts.add(byline)
    for start, (section, end) in headings.items():
        cuts.add(start)
        strong = True
        # The heading's line ends at the first space after its words (一、总体情况概述 stays whole) …
        # … or where its table or its first sub-heading starts, glued to it.
        if section in _TABLE_SECTIONS or _numbered(body[end:end + 8].lstrip()):
            cuts.add(end)
            continue
        space = next((i for i in range(end, min(len(body), start + HEADING_MAX)) if body[i].isspace()), None)
        if space is not None and all(is_han(char) for char in body[end:space]):
            cuts.add(space)  # (a digit or a clause before the space: a paragraph run into it, lines.py reads it)
    in_table = False
    header_run = ""  # "" | "t4" | "other": the kind of header words just read
    count = len(spans)
    index = 0
    while index < count:
        start, end = spans[index]
        text = texts[index]
        glued = [h for h in headings if start < h < end]
        if start in headings or glued:
            in_table, header_run = False, ""
        if index + 2 < count and text == "-" and texts[index + 2] == "-" and \
                PAGE_MARK.match(body[start:spans[index + 2][1]]):
            cuts.add(start)
            cuts.add(spans[index + 2][1])
            index += 3
            continue
        opener = _opens_table(texts, fields, index)
        previous_number = index > 0 and fields.number[index - 1]
        if opener:
            if not header_run or opener in ("block", "t2"):
                cuts.add(start)
            in_table, strong = True, True
        elif in_table:
            if "。" in text:
                in_table, header_run = False, ""
                if previous_number:
                    cuts.add(start)
            elif fields.number[index]:
                if header_run == "t4":
                    cuts.add(start)
            elif previous_number and text[0].isdigit() and not _numbered(text):
                pass  # a cell glued to the next label: cut below
            elif previous_number or (header_run and not fields.header[index]) or _numbered(text):
                cuts.add(start)
            if header_run and not fields.number[index] and "。" not in text:
                _cut_after_header_words(text, start, cuts)
        elif index + 2 < count and all(fields.number[index:index + 3]):
            in_table, strong = True, True
        if in_table:
            if fields.number[index]:
                header_run = ""
            elif opener or (header_run and fields.header[index]):
                header_run = "t4" if (opener == "t4" or header_run == "t4") and fields.t4_header[index] else "other"
            else:
                header_run = ""
        if in_table and previous_number and not fields.number[index] and text[0].isdigit():
            _cut_glued_number(text, start, cuts)
        elif not in_table:
            _cut_subheadings(body, text, start, cuts)
        index += 1
    if not strong:
        return [(0, len(body))]
    return _segments(body, cuts)


def _opens_table(texts: list[str], fields: _Fields, index: int) -> str:
    """What table the field at ``index`` opens: "block" (table 2's block), "t2" (its column header),
    "t3" (table 3's note or header), "t4" (table 4's header), or ""."""
    text = texts[index]
    if text.startswith(ARTICLE_20) and T2_BLOCK.match(" ".join(texts[index:index + 2])):
        return "block"
    if text.startswith(_T2_HEADER) and fields.header[index]:
        return "t2"
    if fields.note[index]:
        return "t3"
    if fields.header[index] and any(word in text for word in _T3_APPLICANT_WORDS):
        return "t3"
    if fields.t4_header[index] and any(word in text for word in _T4_WORDS):
        return "t4"
    return ""


def _numbered(text: str) -> bool:
    """Does a field start with a row's numbering (一、 （一） 1.)?"""
    return bool(HEADING_NUMBER.match(text) or SUBHEADING_NUMBER.match(text) or ITEM_NUMBER.match(text))


def _cut_glued_number(text: str, start: int, cuts: set[int]) -> None:
    """A cell glued to the label after it (``71二、上年结转``, ``0行政规范性文件``, ``01.属于国家秘密``:
    a cell and an item's number): cut where the label starts."""
    digits = len(text) - len(text.lstrip("0123456789"))
    if digits == 0 or digits == len(text):
        return
    rest = text[digits:]
    if ITEM_NUMBER.match(text, digits - 1):
        if digits > 1:
            cuts.add(start + digits - 1)  # the last digit is the item's number: 0 | 1.属于…
    elif not rest.startswith(NUMBER_UNITS) and rest[0] not in ".,%":
        cuts.add(start + digits)


@lru_cache(maxsize=None)
def _header_words() -> tuple[str, ...]:
    words = {fold(word) for table in ("table2", "table3", "table4") for word in spec().header_words(table)}
    return tuple(sorted(words, key=len, reverse=True))


def _cut_after_header_words(text: str, start: int, cuts: set[int]) -> None:
    """Header words glued to what follows (``现行有效件数规章``, ``其他一、本年新收…``, ``总计4``): cut
    after the header words when a label, a row's numbering or a number follows them."""
    position = 0
    while True:
        word = next((w for w in _header_words() if text.startswith(w, position)), None)
        if word is None:
            break
        position += len(word)
    if 0 < position < len(text):
        cuts.add(start + position)


def _cut_subheadings(body: str, text: str, start: int, cuts: set[int]) -> None:
    """A sub-heading (（一）…) at the field's start, or after a sentence end inside it."""
    match = SUBHEADING_NUMBER.match(text)
    if match:
        cuts.add(start)
        if len(text) < SUBHEADING_MAX:  # its line ends at the first space after its words
            cuts.add(start + len(text))
    position = text.find("(", 1)
    while position > 0:
        if text[position - 1] in SENTENCE_ENDS and SUBHEADING_NUMBER.match(text, position):
            cuts.add(start + position)
        position = text.find("(", position + 1)


def _title_end(body: str) -> int | None:
    """Where the title ends, when the line starts with it: after the first 报告 of the line's head,
    if a space or the preamble follows."""
    position = body.find(_TITLE_END, 0, TITLE_MAX)
    # A title names its year (2023年…报告); "本年度报告根据…" is the preamble.
    if position < 0 or "。" in body[:position] or not TITLE_YEAR.search(body, 0, position):
        return None
    end = position + len(_TITLE_END)
    if end < len(body) and (body[end].isspace() or body.startswith(PREAMBLE_STARTS, end)):
        return end
    return None


def _byline_end(body: str, title_end: int) -> int | None:
    """Where a byline right after the title ends: the issuing body's name and the date in parentheses
    ("某某局 (2020年3月13日)"), when a space or the preamble follows."""
    match = _BYLINE.match(body, title_end)
    if match is None:
        return None
    end = match.end()
    if end < len(body) and (body[end].isspace() or body.startswith(PREAMBLE_STARTS, end)):
        return end
    return None


def _segments(body: str, cuts: set[int]) -> List[Span]:
    """The stripped, non-empty pieces between the cuts."""
    result = []
    bounds = sorted(cut for cut in cuts if 0 < cut < len(body))
    start = 0
    for end in [*bounds, len(body)]:
        piece = body[start:end]
        stripped = piece.strip()
        if stripped:
            left = start + len(piece) - len(piece.lstrip())
            result.append((left, left + len(stripped)))
        start = end
    return result
