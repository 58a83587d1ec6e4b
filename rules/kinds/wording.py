"""Wording an editor corrects: a word written twice (GL703), the punctuation of headings (GL704),
ASCII punctuation in Chinese prose (GL705).

GL703 reads the prose with PDF spaces removed; GL704 the headings and sub-headings as written;
GL705 the prose as written (folding would turn ，（） into their ASCII forms).

One cause, one diagnostic: ASCII punctuation is a habit of a paragraph's author (or of its
converter), so GL705 reports each paragraph once, at its first ASCII mark, with a fix for all of
them; mixed brackets in a series of sub-headings are reported once per series.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from itertools import accumulate

from govlint.grammar.shapes import HAN, HEADING_END_WORDS, NUMERALS, is_cjk, is_han, without_emphasis
from govlint.rules.api import CheckKind, Edit, Finding, Param, Span, check_kind

# -- GL703 doubled-word --------------------------------------------------------------------------------
# A word of two or more characters written twice in a row (资金资金).  A single character twice is
# not read: it is a reduplication (一一, 常常, 层层, 实实在在) or two words meeting (公开开展, 学习习近平,
# 我县县委) far more often than a slip.


@check_kind
class DoubledWord(CheckKind):
    """A word of two or more Chinese characters written twice in a row."""

    name = "doubled-word"
    FIELDS = ("found", "word")
    CASES = ("listed",)  # an item named twice in one list (设置志愿者服务站、电梯、志愿者服务站和…)
    PARAMS = {
        "list_items": Param(int, 3, "an item of at least this many characters named twice in one list "
                                    "(…、…、… in one clause) is reported too; 0: not read"),
        "min_length": Param(int, 2, "the shortest word read (characters)"),
        "max_length": Param(int, 4, "the longest word read (characters)"),
        "exceptions": Param(list, [], "words whose doubling is genuine (一个一个, 研究研究)"),
        "numeral_words": Param(bool, False, "read words made of numerals too (二〇二〇 is a year, "
                                            "一二一二 a count: false)"),
    }

    def check(self, doc, params):
        pattern = re.compile(r"([%s〇]{%d,%d})\1" % (HAN, params["min_length"], params["max_length"]))
        exceptions = set(params["exceptions"])
        numerals = set(NUMERALS + "〇零两百千万")
        numeral_words = params["numeral_words"]
        paragraphs = list(doc.paragraphs())
        texts = [paragraph.squeezed.text for paragraph in paragraphs]
        doubled = _doubled_in(pattern, texts, exceptions, numerals, numeral_words)
        for index, (paragraph, text) in enumerate(zip(paragraphs, texts)):
            for start, end, word in doubled.get(index, ()):
                span = paragraph.squeezed_span(start, end)
                second = paragraph.squeezed_span(start + len(word), end)
                yield Finding(span, {"found": text[start:end], "word": word}, safe=False,
                              edits=[Edit(second.start, second.end, "")])
            if params["list_items"] and text.count("、") >= 2:  # a list of three holds two 、 at least
                yield from _listed_twice(paragraph, text, params["list_items"])
        # sub-headings too (（三）政府信息信息管理情况), read as written without their spaces
        source = doc.source
        for section in doc.sections:
            for subheading in section.subheadings:
                base = subheading.span.start
                written = source.text[base:subheading.span.end]
                squeezed = "".join(written.split())
                if pattern.search(squeezed) is None:
                    continue  # the usual case: where each character is, is never needed
                kept = [at for at, char in enumerate(written) if not char.isspace()]
                for start, end, word in _doubled(pattern, squeezed, exceptions, numerals, numeral_words):
                    span = Span(base + kept[start], base + kept[end - 1] + 1)
                    second = Span(base + kept[start + len(word)], span.end)
                    yield Finding(span, {"found": squeezed[start:end], "word": word}, safe=False,
                                  edits=[Edit(second.start, second.end, "")])


def _doubled_in(pattern, texts: list, exceptions: set, numerals: set, numeral_words: bool) -> dict:
    """_doubled() of each text, by its index (texts without one left out): one search over the texts
    joined by line breaks, which no word holds (a paragraph's own search cost more than the scan)."""
    found: dict = {}
    if not texts:
        return found
    joined = "\n".join(texts)  # the pattern reads Chinese characters only: no match crosses a break
    ends = list(accumulate(len(text) + 1 for text in texts))  # where each text's break is, plus one
    for start, end, word in _doubled(pattern, joined, exceptions, numerals, numeral_words):
        index = bisect_right(ends, start)
        base = ends[index - 1] if index else 0
        found.setdefault(index, []).append((start - base, end - base, word))
    return found


def _doubled(pattern, text: str, exceptions: set, numerals: set, numeral_words: bool):
    """(start, end, word) of each word written twice in the text, but the genuine doublings."""
    for match in pattern.finditer(text):
        word = match.group(1)
        if word in exceptions or (not numeral_words and any(char in numerals for char in word)):
            continue
        yield match.start(), match.end(), word


# A list: items between 、 in one clause, its last item joined by 和/及/与 (A、B和C); 等 closes it.
_CUTS = "，,；;。：:！？!?（）()“”"  # one character each: a clause's offset is computable
_CLAUSE_CUT = re.compile("[%s]" % _CUTS)
# Two 、 in one clause (a list of three): found by a search that jumps from 、 to 、, so that the
# clauses without a list (most of them) are never cut out of the text.
_TWO_COMMAS = re.compile("、[^%s、]*、" % _CUTS)
_LAST_CUT = re.compile("[%s][^%s]*\\Z" % (_CUTS, _CUTS))  # searched up to a 、: its clause's start
_LAST_JOIN = re.compile("以及|和|及|与")


def _list_clauses(text: str):
    """(start, clause) of each clause (text between two of _CUTS) holding two 、 or more."""
    pos = 0
    while True:
        match = _TWO_COMMAS.search(text, pos)
        if match is None:
            return
        last_cut = _LAST_CUT.search(text, pos, match.start())
        start = last_cut.start() + 1 if last_cut is not None else pos
        cut = _CLAUSE_CUT.search(text, match.end())
        end = cut.start() if cut is not None else len(text)
        yield start, text[start:end]
        pos = end + 1


def _listed_twice(paragraph, text: str, shortest: int):
    """The second naming of an item a list of three or more names twice (one finding per list)."""
    for clause_start, clause in _list_clauses(text):
        parts = clause.split("、")
        pieces = parts[:-1] + _LAST_JOIN.split(parts[-1], maxsplit=1)
        items = [piece.rstrip("等") for piece in pieces]
        first = items[0]  # may open with the clause's verb: 设置志愿者服务站、…、志愿者服务站
        seen: set[str] = set()
        for index, item in enumerate(items[1:], 1):
            if (len(item) >= shortest and (item in seen or first.endswith(item))
                    and all(is_han(char) for char in item)):
                offset = clause_start + sum(len(piece) + 1 for piece in pieces[:index])
                if index == len(pieces) - 1 and len(pieces) > len(parts):
                    offset = clause_start + len(clause) - len(parts[-1]) + parts[-1].index(pieces[-1])
                span = paragraph.squeezed_span(offset, offset + len(item))
                yield Finding(span, {"found": item, "word": item}, case="listed")
                break
            seen.add(item)


# -- GL704 heading-punctuation -------------------------------------------------------------------------

_FULLWIDTH = {"(": "（", ")": "）", ",": "，", ";": "；", ":": "："}


@check_kind
class HeadingPunctuation(CheckKind):
    """A heading or sub-heading alone on its line ending in 。, or a series of sub-headings numbered
    with both （一） and (一)."""

    name = "heading-punctuation"
    FIELDS = ("heading", "found", "expected")
    CASES = ("mixed_brackets",)
    PARAMS = {
        "stops": Param(str, "。", "the marks a heading must not end with"),
    }

    def check(self, doc, params):
        source = doc.source
        for section in doc.sections:
            heading = section.heading
            # A mandated heading's wording (its 。 included) is GL104's, and so is a repeat of one
            # (GL105): GL104 fixes the whole heading and its repeats.
            if heading.canonical is None:
                yield from self._stop(source, heading.span, heading.raw, params["stops"])
            # One series of sub-headings written with the same stop is one habit: one finding, at the
            # first, its fix mending them all (the others are its related places).
            stopped = [finding for subheading in section.subheadings
                       for finding in self._stop(source, subheading.span,
                                                 source.text[subheading.span.start:subheading.span.end],
                                                 params["stops"])]
            if stopped:
                first = stopped[0]
                yield Finding(first.span, first.args, edits=[edit for item in stopped for edit in item.edits],
                              related=[item.span for item in stopped[1:]])
            yield from self._mixed(source, section.subheadings)

    @staticmethod
    def _stop(source, span, written: str, stops: str):
        """The heading ends in a stop with nothing after it on its line (a run-in sub-heading,
        （一）主动公开情况。本年度…, ends with its stop rightly)."""
        line_end = source.text.find("\n", span.end)
        rest = source.text[span.end:line_end if line_end >= 0 else len(source.text)]
        if rest.strip().strip("*").strip():
            return
        # The cheap test that fails for almost every heading first: it must end in a stop.
        whole = source.text[span.start:span.end] + rest
        stripped = whole.rstrip().rstrip("*").rstrip()
        if not stripped or stripped[-1] not in stops:
            return
        before = source.text[source.text.rfind("\n", 0, span.start) + 1:span.start]
        if before.strip().strip("#>*").strip():
            return  # text before it on its line: crawler text, where a sub-heading may run into its prose
        if any(stop in written.rstrip().rstrip("*").rstrip()[:-1] for stop in stops):
            return  # a sentence ends inside it: a sub-heading run into its paragraph, not a heading's 。
        if _runs_on(without_emphasis(written).rstrip().rstrip(stops)):
            return  # 其他需要报告的事项无其他需要报告的事项。: a heading run into its first sentence
        at = span.start + len(stripped) - 1
        heading = without_emphasis(written)
        yield Finding(Span(at, at + 1), {"heading": heading, "found": stripped[-1],
                                           "expected": without_emphasis(stripped[:-1])},
                      edits=[Edit(at, at + 1, "")])

    @staticmethod
    def _mixed(source, subheadings):
        """Sub-headings of one series numbered with fullwidth and ASCII brackets: one finding, at the
        first ASCII one, fixing them all to the fullwidth form."""
        numbered = []
        for subheading in subheadings:
            brackets = _numbering_brackets(source.text, subheading.span.start, subheading.span.end)
            if brackets:
                numbered.append((subheading, brackets))
        forms = {all(source.text[at] in "（）" for at in brackets) for _, brackets in numbered}
        if len(forms) < 2:
            return
        ascii_items = [(item, brackets) for item, brackets in numbered
                       if any(source.text[at] in "()" for at in brackets)]
        first, _ = ascii_items[0]
        full = next(item for item, brackets in numbered if all(source.text[at] in "（）" for at in brackets))
        edits = [Edit(at, at + 1, _FULLWIDTH[source.text[at]])
                 for _, brackets in ascii_items for at in brackets if source.text[at] in "()"]
        yield Finding(first.span, {"heading": _numbering(source.text, first.span),
                                   "found": _numbering(source.text, first.span),
                                   "expected": _numbering(source.text, full.span)},
                      case="mixed_brackets", edits=edits,
                      related=[item.span for item, _ in ascii_items[1:]])


def _runs_on(text: str) -> bool:
    """Text goes on after a word a heading ends with (情况, 措施, 事项 …): a heading run into its
    paragraph, whose 。 ends the paragraph's sentence."""
    for word in HEADING_END_WORDS:
        at = text.find(word)
        if at >= 0 and at + len(word) < len(text):
            return True
    return False


# A numbering's brackets after the marks a sub-heading may start with: at most six characters
# between them (one regex match instead of a loop over characters).
_NUMBERING_BRACKETS = re.compile("[ \t*#\u3000]*([(（])[^)）]{0,6}([)）])")


def _numbering_brackets(text: str, start: int, end: int) -> list:
    """Offsets of the brackets of a sub-heading's numbering ((一) or （一）), or [] when it has none."""
    match = _NUMBERING_BRACKETS.match(text, start, end)
    return [match.start(1), match.start(2)] if match else []


def _numbering(text: str, span) -> str:
    brackets = _numbering_brackets(text, span.start, span.end)
    return text[brackets[0]:brackets[1] + 1] if brackets else ""


# -- GL705 ascii-punctuation ---------------------------------------------------------------------------
# , ; : between Chinese on one side and Chinese or a figure on the other (要求,认真 / 5日,市政务中心
# / 时间:2023年); never between two figures (1,234 / 10:30), nor beside a Latin letter (URLs, e-mail,
# English).  Brackets by pairs: a pair around Chinese words ((卫政办发〔2017〕97号), (部门)), not
# around a numbering ((一), (1): GL704's) or Latin text ((http://…), (APP)); an unpaired one whose
# inner side is Chinese (…113号)要求).

_CHINESE_MARKS = "“”‘’…—"


def _chinese(char: str) -> bool:
    """A Chinese character or mark ("" — the text's end — is none)."""
    return bool(char) and (is_cjk(char) or char in _CHINESE_MARKS)


def _neighbour(text: str, at: int, step: int) -> str:
    """The character next to ``at`` in direction ``step``, past spaces ("" at an end)."""
    at += step
    while 0 <= at < len(text) and text[at] in " \t":
        at += step
    return text[at] if 0 <= at < len(text) else ""


_NUMBERING = re.compile(r"\s*[%s\d]{1,3}\s*" % NUMERALS)


@check_kind
class AsciiPunctuation(CheckKind):
    """ASCII , ; : ( ) in Chinese prose, once for the preamble and once per section, with a fix for all
    of their marks."""

    name = "ascii-punctuation"
    FIELDS = ("found", "context", "count")
    PARAMS = {
        "marks": Param(str, ",;:()", "the ASCII marks read (of , ; : ( ))"),
    }

    @staticmethod
    def validate_params(params):
        unknown = set(params["marks"]) - set(_FULLWIDTH)
        if unknown:
            raise ValueError(f"marks: {''.join(sorted(unknown))!r} not among {''.join(_FULLWIDTH)!r}")

    def check(self, doc, params):
        marks = params["marks"]
        any_mark = _any_mark(marks)
        if any_mark is None:
            return
        # One habit of a part of the report (an input method, a conversion): one finding for the
        # preamble and one per section, however a PDF's wraps cut its paragraphs.
        for paragraphs in [doc.preamble] + [section.paragraphs for section in doc.sections]:
            first = None
            edits = []
            for paragraph in paragraphs:
                text = paragraph.raw
                if not any_mark.search(text):
                    continue
                for at in sorted(set(_separators(text, marks)) | set(_brackets(text, marks))):
                    span = paragraph.span_of(at, at + 1)
                    edits.append(Edit(span.start, span.end, _FULLWIDTH[text[at]]))
                    if first is None:
                        first = (paragraph, at)
            if first is None:
                continue
            paragraph, at = first
            text = paragraph.raw
            context = text[max(0, at - 6):at + 7].strip()
            yield Finding(paragraph.span_of(at, at + 1),
                          {"found": text[at], "context": context, "count": len(edits)}, edits=edits)


@lru_cache(maxsize=16)
def _any_mark(marks: str) -> re.Pattern | None:
    """One search for any of the marks (None: no mark is read)."""
    return re.compile("[%s]" % re.escape(marks)) if marks else None


_SEPARATOR = re.compile("[,;:]")
_BRACKET = re.compile("[()（）]")


def _separators(text: str, marks: str):
    for match in _SEPARATOR.finditer(text):
        at, char = match.start(), match.group()
        if char not in marks:
            continue
        before, after = _neighbour(text, at, -1), _neighbour(text, at, 1)
        if not before or not after:
            continue
        sides = (before, after)
        if any(_chinese(side) for side in sides) and all(_chinese(side) or side.isdigit() for side in sides):
            yield at


def _brackets(text: str, marks: str):
    if "(" not in marks and ")" not in marks:
        return
    stack: list = []
    for match in _BRACKET.finditer(text):
        at, char = match.start(), match.group()
        if char in "(（":
            stack.append(at)
        elif char in ")）":
            if stack:
                opening = stack.pop()
                inner = text[opening + 1:at]
                if any(is_han(c) for c in inner) and not _NUMBERING.fullmatch(inner):
                    yield from (place for place in (opening, at) if text[place] in "()" and text[place] in marks)
            elif char == ")" and char in marks and _chinese(_neighbour(text, at, -1)):
                yield at
    for opening in stack:
        if text[opening] == "(" and "(" in marks and _chinese(_neighbour(text, opening, 1)):
            yield opening
