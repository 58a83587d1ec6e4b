"""The shapes of report text, each defined once: numbers, years and document numbers (文号), brackets,
the format notice's issuer, Chinese numerals and heading numbering, sentence ends, page marks, web
addresses, CJK characters.

The line classifier (govlint.parse.lines), the tree builder (govlint.parse.outline), the section
resolver (govlint.parse.sections), the entity scanner (govlint.parse.entities), the document model,
the readers, the HTML report and the check kinds use these; none keeps a copy.  Where a stage needs
a stricter or looser variant of a shape, the variant is built here from the same pieces and its
name says how it differs.  What stays elsewhere, on purpose: the vocabulary of the mandated format
(labels, headings, notices) is data, grammar/canonical.json (govlint.grammar.spec); the layout of
extracted text (table fields, rule lines, portal chrome) is the line classifier's own; the shapes
of contact details (phone, postcode, e-mail, address) and of the format's title belong to their
one reader, the entity scanner; each reader's file format, and the control characters it drops,
are the reader's.

Patterns say which text they read: folded text (govlint.source.fold: fullwidth digits, letters,
punctuation and curly quotes are ASCII there) or, for the readers, the text as printed.
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


# A table cell that says "none" with a mark instead of 0 (folded: — – － ― are "-"): a blank cell
# written differently.  无 is a word, not a mark: it stays a non-numeric cell.
NONE_MARK = re.compile(r"^(?:[-—–－―]+|[/／]+)$")


# -- characters --------------------------------------------------------------------------------------
def char_class(chars: str) -> str:
    """A regex character class of exactly these characters: "[〔\\[(]"."""
    return "[%s]" % "".join(re.escape(char) for char in chars)


# CJK characters, by code point (no regex: a class this wide costs milliseconds to compile, and
# every run imports the readers).  Three widths, each for its callers:
#  * HAN, the CJK Unified Ideographs block (U+4E00–U+9FFF, 一 … 鿿), where the characters of
#    report text are: the entity scanner, the table builder, the squeezing of PDF spaces (fold),
#    the check kinds.  As a regex class body, and as is_han(char).
#  * is_ideograph: that block, U+2E80–U+4DBF (radicals, CJK symbols and punctuation such as 。 and
#    「」, kana, Extension A …) and the compatibility ideographs (U+F900–U+FAFF); the PDF reader.
#  * is_cjk: those and the fullwidth forms (U+FF00–U+FFEF: ，：（）); the readers, to join lines.
HAN = "\u4e00-\u9fff"


def is_han(char: str) -> bool:
    """A character of the CJK Unified Ideographs block (U+4E00–U+9FFF)."""
    return "\u4e00" <= char <= "\u9fff"


def is_ideograph(char: str) -> bool:
    """A CJK ideograph or radical, or another character of U+2E80–U+4DBF such as 。 (see above)."""
    code = ord(char)
    return 0x4E00 <= code <= 0x9FFF or 0x2E80 <= code <= 0x4DBF or 0xF900 <= code <= 0xFAFF


def is_cjk(char: str) -> bool:
    """A CJK ideograph, radical, fullwidth form or CJK punctuation."""
    code = ord(char)
    return (0x4E00 <= code <= 0x9FFF or 0x3000 <= code <= 0x303F or 0xFF00 <= code <= 0xFFEF
            or 0x2E80 <= code <= 0x4DBF or 0xF900 <= code <= 0xFAFF)


def without_emphasis(text: str) -> str:
    """Text without the markdown emphasis around it (``**一、总体情况**``) and the spaces around both."""
    return text.strip().strip("*").strip()


# -- Chinese numerals --------------------------------------------------------------------------------
CHINESE_DIGITS = "〇一二三四五六七八九"  # one digit each: 二〇二三年, Word's list numbers
NUMERALS = CHINESE_DIGITS[1:] + "十"     # what heading numbering counts with: 一 … 九, 十
NUMERAL = "[%s]" % NUMERALS  # one numeral, as a regex


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


def chinese_numeral(number: int, digits: str = CHINESE_DIGITS, ten: str = "十", hundred: str = "百") -> str:
    """1 → 一 … 19 → 十九 … 99 → 九十九 (numeral_value's inverse), on to 999 → 九百九十九; 0 → 〇.

    ``digits``, ``ten`` and ``hundred`` give other numerals the same way (零壹贰…, 拾, 佰);
    a number from 1000 on is written in Arabic digits."""
    if number <= 0:
        return digits[0]
    if number < 10:
        return digits[number]
    if number < 20:
        return ten + (digits[number - 10] if number > 10 else "")
    if number < 100:
        tens, units = divmod(number, 10)
        return digits[tens] + ten + (digits[units] if units else "")
    if number < 1000:
        hundreds, rest = divmod(number, 100)
        text = digits[hundreds] + hundred
        if rest == 0:
            return text
        if rest < 10:
            return text + digits[0] + digits[rest]
        if rest < 20:
            return text + digits[1] + chinese_numeral(rest, digits, ten, hundred)
        return text + chinese_numeral(rest, digits, ten, hundred)
    return str(number)


# -- years and document numbers (文号) ------------------------------------------------------------
YEAR = r"(?:19|20)\d{2}"  # a year a report can be about or cite
# A year in a title (folded text): "2023年", "2023 年"; group 1 is the year.
TITLE_YEAR = re.compile(r"(%s)\s*年" % YEAR)
# A year as printed in a title, however extraction spaced its digits or whoever wrote it in
# numerals ("2 0 2 3年", "二〇二三年", "二零二三年"): where the issuing body's name ends.
PRINTED_YEAR = re.compile(r"(?:\d\s*){4}年|[零%s]{4}年" % CHINESE_DIGITS)
# The year of a date in a statistical period (2021年1月1日至12月31日): any four digits, not YEAR
# (a period is read whatever its year, and the rules compare that year with the title's).
PERIOD_YEAR = r"\d{4}"
# A date in full (folded text: 2024年3月13日, spaced as PDFs space it); a byline gives the report's
# date in parentheses after the issuing body's name.
DATE = r"%s\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日" % YEAR
# The same date in Chinese numerals, as sign-offs write it (二〇二四年一月二十日; ○, 零, O and 0 are
# written for 〇): the year digit by digit, the month and day as counted (十二, 二十一, 三十).
CHINESE_DATE = r"[%s○零O0]{4}\s*年\s*[%s]{1,2}\s*月\s*[%s]{1,3}\s*日" % (CHINESE_DIGITS, NUMERALS, NUMERALS)
# A date as portals' metadata write it (folded text): 2024-01-20, 2024/1/20, 2024.01.20; a time
# may follow.
DASHED_DATE = r"%s\s*[-/.]\s*\d{1,2}\s*[-/.]\s*\d{1,2}(?!\d)" % YEAR

# The brackets around a document number's year: 〔〕 as mandated and the ones written instead
# (square, round, angle, curly, lenticular; half- and fullwidth).  OPEN_BRACKETS[i] pairs with
# CLOSE_BRACKETS[i].
OPEN_BRACKETS = "〔[(<〈{【（［"
CLOSE_BRACKETS = "〕])>〉}】）］"
# The format notice's number run into its digits (国办公开办函201960号) is looked for with fewer:
# not the angle or curly ones.
_ANGLE_AND_CURLY = "<〈{>〉}"
NOTICE_OPEN_BRACKETS = "".join(char for char in OPEN_BRACKETS if char not in _ANGLE_AND_CURLY)
NOTICE_CLOSE_BRACKETS = "".join(char for char in CLOSE_BRACKETS if char not in _ANGLE_AND_CURLY)
# A document number: 〔2021〕30号 and its mis-writings (other brackets, 第, no 号); the issuer is read
# back from the characters before the opening bracket.
DOCNO = re.compile(
    r"(?P<open>%s)\s*(?P<year>%s)\s*(?P<close>%s?)"
    r"(?:(?<=%s)\s*)?"  # spaces after the bracket only: "\s*\s*" would try every split
    r"(?P<di>第\s*)?(?P<serial>\d{1,5})\s*(?P<hao>号)?"
    % (char_class(OPEN_BRACKETS), YEAR, char_class(CLOSE_BRACKETS), char_class(CLOSE_BRACKETS)))
# An opening bracket and a year: the cheap test before DOCNO.
BRACKET_YEAR = re.compile(r"%s\s*%s" % (char_class(OPEN_BRACKETS), YEAR))

# -- the format notice's issuer: 国办公开办函 (国务院办公厅政府信息与政务公开办公室的函) ----------------
# The characters of its code that text in traditional characters writes otherwise (國辦公開辦函).
TRADITIONAL = {"国": "國", "办": "辦", "开": "開", "发": "發"}
_TO_TRADITIONAL = str.maketrans(TRADITIONAL)
_TO_SIMPLIFIED = str.maketrans({traditional: simple for simple, traditional in TRADITIONAL.items()})


def simplified(text: str) -> str:
    """The issuer's code in simplified characters: 國辦公開辦函 → 国办公开办函."""
    return text.translate(_TO_SIMPLIFIED)


def written_forms(word: str) -> tuple[str, ...]:
    """A word as simplified and, where they differ, traditional characters write it: 办 → (办, 辦)."""
    traditional = word.translate(_TO_TRADITIONAL)
    return (word,) if traditional == word else (word, traditional)


def _any_form(*words: str) -> str:
    """A regex group for these words in either writing: (?:函|发|發)."""
    return "(?:%s)" % "|".join(form for word in words for form in written_forms(word))


# The issuer as notices' numbers cite it, and its corruptions: 国务院办公厅 spelt out, 公开 or the
# second 办 left out, 发 for 函, traditional characters.
NOTICE_ISSUER = re.compile(_any_form("国") + "(?:务院)?" + _any_form("办") + "(?:公厅)?" + _any_form("公开") + "?"
                           + _any_form("办") + "?" + _any_form("函", "发"))
# Its short code only (国办公开办函, 国办公开函 …; 公开 written), for a number run into its digits.
NOTICE_CODE_PATTERN = _any_form("国") + _any_form("办") + _any_form("公开") + _any_form("办") + "?" + _any_form("函", "发")


# -- heading numbering (folded text) -----------------------------------------------------------------
_NUMBERING = NUMERAL + "{1,3}"  # 一 … 九十九
_ENUMERATION = "、."  # what follows a heading's numeral or an item's digit (一、 一. 1、 1.)
# A heading's numbering at the start of its text: 一、总体情况 (or 一．, folded to 一.).  Group 1
# is the numeral; the match ends where the heading's words start.
HEADING_NUMBER = re.compile(r"(%s)\s*%s\s*" % (_NUMBERING, char_class(_ENUMERATION)))
# A sub-heading's numbering at the start of its text: （一）主动公开情况.
SUBHEADING_NUMBER = re.compile(r"\(\s*(%s)\s*\)\s*" % _NUMBERING)
# An item's number in a label: 1、 or 1. (not the point of 1.5); group 1 is the digit.
ITEM_NUMBER = re.compile(r"(\d)%s(?!\d)" % char_class(_ENUMERATION))
# The three numberings as printed (before folding: ． （ ） fullwidth too), items up to two digits:
# the Word reader replaces the tab Word puts after a list number.
PRINTED_NUMBERING_PATTERN = r"%s\s*%s|[（(]\s*%s\s*[)）]|\d{1,2}\s*%s" % (
    _NUMBERING, char_class(_ENUMERATION + "．"), _NUMBERING, char_class(_ENUMERATION + "．"))
# Table 2's block header, 第二十条第（一）项 (article 20 of the regulation, its item 一): group 1 is
# the item's numeral.
ARTICLE_20 = "第二十条"
T2_BLOCK = re.compile(r"^%s\s*第?\s*\(\s*(%s{1,2})\s*\)\s*项" % (ARTICLE_20, NUMERAL))


# -- sentence ends -----------------------------------------------------------------------------------
SENTENCE_ENDS = "。!?"
_CLOSERS = "\"')\\]」』"  # closing quotes and brackets that may follow a sentence's end (a class body)
# The sentences of a paragraph (folded text), for rules: a semicolon also ends one.
SENTENCE = re.compile(r"[^%s;]*(?:[%s;][%s]*|$)" % (SENTENCE_ENDS, SENTENCE_ENDS, _CLOSERS))
# A line that ends a sentence, as the line classifier reads it (on the text as written, or folded):
# the same ends and closers and the fullwidth or curly forms of some of them (！？ ”’）).
LINE_END_MARKS = SENTENCE_ENDS + "！？"
LINE_END_CLOSERS = "\"')]」』”’）"  # _CLOSERS's characters and ”’）
SENTENCE_END = re.compile(r"[%s][%s]*\s*$" % (re.escape(LINE_END_MARKS), re.escape(LINE_END_CLOSERS)))
COLONS = ("：", ":")  # a colon as written and folded
# How a report's preamble starts (本报告根据《条例》…): a line so started is not the title or a byline.
PREAMBLE_STARTS = ("根据", "依据", "本报告", "本年度报告", "按照")
def whose(context: str, year: int | None, part_words, past_words, area_words) -> tuple[str, str]:
    """Whose figure or statement the words before it in its sentence say it is: ("body", "") — the
    report's body, this year — or ("part" | "year" | "area", the word that says so): a part of the
    body (part_words), another year (past_words, or a year other than ``year``), a wider area."""
    for scope, words in (("part", part_words), ("year", past_words)):
        word = next((word for word in words if word in context), "")
        if word:
            return scope, word
    if year is not None:
        for match in TITLE_YEAR.finditer(context):
            if int(match.group(1)) != year:
                return "year", match.group()
    word = next((word for word in area_words if word in context), "")
    return ("area", word) if word else ("body", "")


# Where a clause ends inside a sentence (folded text: ，；： fold to , ; :), for rules that read a
# claim within one clause: a comma between two digits is a thousands separator (1,234), not an end.
CLAUSE_ENDS = "，；：、;:。!?！？,"


def clause_end_pattern(leave_out: str = "") -> str:
    """A clause end, but the characters of ``leave_out``: one character class, then the thousands
    separator's exception (a class first lets the regex engine skip what is no clause end: three
    times faster than an alternation)."""
    return r"[%s](?<!\d,(?=\d))" % re.escape("".join(char for char in CLAUSE_ENDS if char not in leave_out))


CLAUSE_END = re.compile(clause_end_pattern())


def ends_paragraph(line: str) -> bool:
    """Does a prose line (as written, no space at its end) end its paragraph: a sentence or a colon?
    A line that does not runs on into the next line's paragraph."""
    return ends_sentence(line) or line.endswith(COLONS)


def ends_sentence(line: str) -> bool:
    """``SENTENCE_END.search(line)``, without a search (every prose line asks): the line without its
    trailing whitespace, then without its closers, ends with a sentence end."""
    end = line.rstrip().rstrip(LINE_END_CLOSERS)
    return end != "" and end[-1] in LINE_END_MARKS


# Where a sub-heading run into its paragraph ends (folded text): a sentence end, a colon or a
# semicolon (（一）主动公开情况。本年度…).
SUBHEADING_END = re.compile("[%s:;]" % SENTENCE_ENDS)
# Punctuation after a heading's words in a label key (govlint.parse.labels: folded, 、 → ","): what
# comparing headings ignores.  Not SENTENCE_ENDS: "!" and "?" stay (and 。 never reaches a key).
HEADING_TRAILERS = ".,;:。"
# The words a section heading's wording ends with, in the mandated headings and their rewordings
# (…情况, …改进措施, …事项): where a reworded heading run into its paragraph ends.
HEADING_END_WORDS = ("情况", "措施", "举措", "方向", "计划", "打算", "事项")


# -- web addresses (folded text) ---------------------------------------------------------------------
URL_START = r"(?:https?://|www\.)"
LINK_START = r"(?:https?://|www\.|mailto:)"  # a web address or a mail link
URL = re.compile(URL_START + r"[A-Za-z0-9.\-_~/?#&=%:+]+")  # a web address in prose
# A character a printed URL may go on with: the PDF reader joins a URL cut at the end of a line.
PRINTED_URL_CHAR = r"[\w./:%#?&=~+-]"
PRINTED_URL_TAIL_PATTERN = URL_START + PRINTED_URL_CHAR + "*$"  # a line that ends inside a URL


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


# -- quantities in prose (folded text without PDF spaces) -------------------------------------------
# A count, an amount or a share as the prose writes it: digits (thousands separators, decimals), a
# magnitude (万, 亿: 1.2万件 is 12000), an "about" mark (7600余件, 100多人) and a unit, which it
# must have (a bare number is a date, a code or a year).  Money keeps its magnitude in its unit
# (21022万元).  Longest units first.
QUANTITY_UNITS = ("个百分点", "万元", "亿元", "人次", "%", "元", "件", "项", "个", "条", "次", "份", "篇",
                  "人", "家", "名", "起", "类", "宗", "部", "户")
_MAGNITUDES = {"万": 10_000, "亿": 100_000_000}
QUANTITY = re.compile(
    r"(?<![\d.])(?<!\d,)(?P<number>%s)(?P<magnitude>[万亿](?!元))?(?P<about>余|多)?(?P<unit>%s)"
    % (NUMBER_PATTERN, "|".join(map(re.escape, QUANTITY_UNITS))))
# A count in Chinese numerals where it cannot be anything else: two or more (一件 is also "a"), at
# most 99, before a counter of cases or items and not a name (一件事, 第三件).
CHINESE_COUNT = re.compile(r"(?<![第%s两])(?P<numeral>(?:[二三四五六七八九]?十[一二三四五六七八九]?|[两二三四五六七八九]))"
                           r"(?P<unit>件|项|起)(?!事)" % NUMERALS)


def quantity_value(match: re.Match) -> tuple[int | float, str, bool] | None:
    """(value, unit, approximate) of a QUANTITY or CHINESE_COUNT match; None when it is no number."""
    if "numeral" in match.groupdict():
        numeral = match.group("numeral").replace("两", "二")
        value = numeral_value(numeral)
        return (value, match.group("unit"), False) if value else None
    parsed = parse_number(match.group("number"))
    if parsed is None:
        return None
    number: int | float = parsed[0]
    magnitude = match.group("magnitude")
    if magnitude:
        number = number * _MAGNITUDES[magnitude]
        if isinstance(number, float) and number.is_integer():
            number = int(number)
    return number, match.group("unit"), bool(match.group("about"))
