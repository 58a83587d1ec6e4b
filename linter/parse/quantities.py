"""What the numbers of the prose count: 收到申请5件, 新增39项, 覆盖率89.36% … (Document.quantities).

The measures, their words, subjects, units and table cells are data (grammar/quantities.yaml, read
through govlint.grammar.spec.quantity_lexicon()); the scope words are the statements' (grammar/
statements.yaml ``scope``).  This module reads every number once per document, on first use of
``Document.quantities`` (it installs its builder in govlint.model: a run whose rules never ask
pays nothing), and rules query the quantities (GL402, GL403, GL406, GL407).

Each paragraph's folded text without PDF spaces (``Paragraph.squeezed``) is cut into sentences
(grammar/shapes.py SENTENCE) and each sentence into the statements' clause groups
(govlint.parse.statements.clause_groups: cut at clause ends but 、, and before 其中).  In a clause
group every number with a unit (grammar/shapes.py QUANTITY, CHINESE_COUNT) is a quantity; its
*window* is the text back to the previous number of the group, and the measure whose word ends
nearest the number there, whose units, subject and not_subject words fit, is what it counts (none
in the window: the first after the number, before the next).

* scope and year: read with grammar/shapes.py whose() from the sentence before the number, and a
  wider area also from the paragraph's sentences before it (全市…。行政复议5件 is the city's; a part
  of the body is not: 办公厅代表市政府… may be the body itself), unless the sentence names the body
  (self_words: 我镇, 本机关 …); the measures' words that hold another year's word are left out
  (上年结转 is this year's figure); 上年 (previous_year_words) is the year before the report's;
* a total: a total word (共, 全年 …) in the window;
* a change: a change word (同比, 较, 增加 …) in the window; a running total: a cumulative word
  (截至, 至今 …) in the sentence before the number;
* joined: the window joins two measures (予以公开及部分公开258件: one figure of both);
* ambiguous: another measure's word stands in the window (因本机关不掌握等原因无法提供265件), or the
  measure's word and the number are joined to other words (现行有效规范性文件和政策类文件共计6件);
* breakdowns: a number whose window opens with 其中/含 (an open list: maybe only some parts), or
  holds 分别为 (a closed list: every part), is a part of the quantity before it in its clause group
  when there is one, else of the sentence's previous quantity when that one is the only quantity of
  its clause group; in the total's unit only; the parts run to the end of the clause group;
* a percentage after a rate word (率, 占) is the ratio of the two counts before it in its
  sentence (since the previous percentage) in the unit of the nearest, when there are exactly two,
  the second not above the first; after a total and its listed parts, any set of the parts over the
  total (ratio_options);
* a change percentage right after last year's count (比上年（1276条）下降46.3%) compares it with the
  sentence's figures of this year in its unit (change_of), up or down as its rise/fall word says.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from govlint.grammar.shapes import CHINESE_COUNT, QUANTITY, QUANTITY_UNITS, SENTENCE, TITLE_YEAR, quantity_value, whose
from govlint.grammar.spec import QuantityLexicon, QuantityMeasure, StatementLexicon, quantity_lexicon, statement_lexicon
from govlint.model import QUANTITY_BUILDER, Document, Paragraph, Quantity
from govlint.parse.statements import ENUMERATION_COMMA, clause_groups

PERCENT = "%"
_OPENING = "([（【 \"'“"  # what may stand before a breakdown's word at the start of its window


# A number of a sentence: (start, end, value, unit, approximate), start and end in the sentence; a
# plain tuple (sorted by place), not a NamedTuple: there is one per number and each is read once.
_Number = tuple[int, int, object, str, bool]


def find_quantities(doc: Document) -> list[Quantity]:
    """Every quantity of the document's prose, in document order, linked (breakdowns, ratios)."""
    lexicon = quantity_lexicon()
    setup = _setup(lexicon, statement_lexicon())  # the same for every sentence: looked up once
    found: list[Quantity] = []
    for paragraph in doc.paragraphs():
        text = paragraph.squeezed.text
        # where the paragraph's next marks start (past its end: none left); no mark crosses a sentence
        # end, so a sentence holds one ⇔ the next starts before its end; most sentences hold none
        # (2019年, 第3条): skipped on that test alone, the marks searched again only past a sentence with one
        digit = _QUANTITY_MARK.search(text)
        numeral = _COUNT_MARK.search(text)
        if digit is None and numeral is None:
            continue
        never = len(text) + 1
        digit_at = digit.start() if digit is not None else never
        numeral_at = numeral.start() if numeral is not None else never
        for sentence in SENTENCE.finditer(text):
            end = sentence.end()
            if digit_at >= end and numeral_at >= end:
                continue
            start = sentence.start()
            body = sentence.group()
            numbers = _numbers(body, digit_at - start if digit_at < end else -1,
                               numeral_at - start if numeral_at < end else -1)
            if digit_at < end:
                digit = _QUANTITY_MARK.search(text, end)
                digit_at = digit.start() if digit is not None else never
            if numeral_at < end:
                numeral = _COUNT_MARK.search(text, end)
                numeral_at = numeral.start() if numeral is not None else never
            if numbers:
                found.extend(_in_sentence(doc, paragraph, lexicon, setup, body, start, len(found), numbers))
    return found


QUANTITY_BUILDER[:] = [find_quantities]  # Document.quantities asks this on first use


# What every match of QUANTITY holds (its number ends with a digit, then 万/亿, 余/多, the unit) and of
# CHINESE_COUNT (a numeral, then 件 项 起): found without their slow lookbehinds at every character.
_QUANTITY_MARK = re.compile(r"\d[万亿]?[余多]?(?:%s)" % "|".join(map(re.escape, QUANTITY_UNITS)))
_COUNT_MARK = re.compile("[一二三四五六七八九十两][件项起]")


def _numbers(sentence: str, digit_mark: int, count_mark: int) -> list[_Number]:
    """The numbers of a sentence: QUANTITY's when ``digit_mark`` (where its first _QUANTITY_MARK
    starts) is not -1, CHINESE_COUNT's when ``count_mark`` (where its first _COUNT_MARK starts) is not.

    Every match holds a mark, so none starts before the first mark's number (the digits, signs,
    commas and points before it: NUMBER_PATTERN's characters) or its numeral (at most three
    characters): the patterns' lookbehinds are not tried at every character before (they still see it)."""
    numbers: list[_Number] = []
    if digit_mark >= 0:
        start = digit_mark
        while start and (sentence[start - 1].isdigit() or sentence[start - 1] in "+-,."):
            start -= 1
        for match in QUANTITY.finditer(sentence, start):
            parsed = quantity_value(match)
            if parsed is not None:
                numbers.append(match.span() + parsed)
    if count_mark >= 0:
        taken = [number[:2] for number in numbers]  # QUANTITY's own matches do not overlap
        for match in CHINESE_COUNT.finditer(sentence, max(0, count_mark - 2)):
            if any(match.start() < end and start < match.end() for start, end in taken):
                continue
            parsed = quantity_value(match)
            if parsed is not None:
                taken.append((match.start(), match.end()))
                numbers.append(match.span() + parsed)
        numbers.sort()
    return numbers


def _in_sentence(doc: Document, paragraph: Paragraph, lexicon: QuantityLexicon, setup: tuple, body: str, base: int,
                 first_index: int, sentence_numbers: list[_Number]) -> list[Quantity]:
    """The quantities of a sentence; ``sentence_numbers``: _numbers(body), not empty; ``setup``: _setup's."""
    text = paragraph.squeezed.text
    (scope_words, masked, part_mark, part_words, (change_words, cumulative_words, rate_words, rise_words, fall_words,
     total_words), by_unit, scope_or_masked, self_word, closed_part, window_words) = setup
    squeezed_span = paragraph.squeezed_spans()  # every span asked here is of one character or more
    sentence_start = squeezed_span(base, base + 1).start
    # Most sentences hold none of the scope words nor a masked word: then no number's context (a
    # prefix of the sentence) holds one, _unmasked changes nothing and whose() reads only the years.
    plain = scope_or_masked.search(body) is None
    has_year = doc.year is not None and "年" in body  # TITLE_YEAR ends with 年
    if plain:  # what whose() and the cumulative words say of any prefix, read once for the sentence
        other_year = _other_year(body, doc.year) if has_year else None
        cumulative_end = (_first_end(body, lexicon.cumulative_words) if cumulative_words.search(body) is not None
                          else len(body) + 1)  # most sentences hold none: one search says so
    wider: tuple[str, str] | None = None  # whose() of the paragraph before the sentence, when asked
    source_text, open_parts = doc.source.text, lexicon.open_parts  # read for every number
    quantities: list[Quantity] = []
    group_counts: list[int] = []  # per quantity: how many quantities its clause group holds
    linked = False  # a quantity is a part of another
    # the numbers are in order and do not overlap: each group's are the run from the first starting in it
    next_number, count = 0, len(sentence_numbers)
    for start, end in clause_groups(body, part_mark):
        while next_number < count and sentence_numbers[next_number][0] < start:
            next_number += 1
        if next_number == count:
            break  # no number left: the remaining groups add nothing
        first = next_number
        while next_number < count and sentence_numbers[next_number][1] <= end:
            next_number += 1
        if first == next_number:
            continue  # a clause group without a number adds nothing
        group = body[start:end]
        clause_span = squeezed_span(base + start, base + end)
        breakdown: tuple[int, bool] | None = None  # (total's index, closed) while the group lists parts
        before = len(quantities)
        previous_end = start  # the numbers' offsets are the sentence's; the group's are less ``start``
        for position in range(first, next_number):
            number_start, number_end, value, unit, approximate = sentence_numbers[position]
            window = body[previous_end:number_start]
            unit_words = by_unit.get(unit)
            first_word = None
            if unit_words is not None:  # a unit no measure counts in (%, 人): no words, no text after it read
                following = body[number_end:sentence_numbers[position + 1][0] if position + 1 < next_number else end]
                following = following.partition(ENUMERATION_COMMA)[0]  # 、 starts the next item of a list
                near = window + "\0" + following  # no word holds \0: a word found here is in one of the two
                first_word = unit_words[0].search(near)
            if first_word is not None:
                measure, word_at, word, ambiguous, joined = _measure(
                    lexicon, unit_words, near, first_word.start(), body, start, group, number_start - start,
                    number_end - start, window, previous_end - start, following)
            else:  # the usual case: no measure's word near the number
                measure, word_at, word, ambiguous, joined = None, None, "", False, ()
            if plain:  # no scope word in the sentence: only a year can say whose (whose() with no words)
                scope, scope_word = (other_year[1:] if other_year is not None and other_year[0] <= number_start
                                     else ("body", ""))
                cumulative = cumulative_end <= number_start
            else:
                context = _unmasked(body[:number_start], masked)
                scope, scope_word = whose(context, doc.year, part_words, scope_words.past_words,
                                          scope_words.area_words)
                cumulative = cumulative_words.search(context) is not None
            if scope == "body":  # a wider area a paragraph's earlier sentence names (全市…。行政复议5件)
                if wider is None:  # the same for every number of the sentence; not when it names the body
                    # without a masked or an area word before the sentence (most often), whose() says body
                    wider = (("body", "") if self_word.search(body) or scope_or_masked.search(text, 0, base) is None
                             else whose(_unmasked(text[:base], masked), None, (), (), scope_words.area_words))
                scope, scope_word = wider
            year = doc.year
            if scope == "year":
                stated = TITLE_YEAR.search(scope_word)
                year = (int(stated.group(1)) if stated
                        else doc.year - 1 if doc.year and scope_word in lexicon.previous_year_words else None)
            # most windows hold none of the change, total and closed-list words: one search says so
            worded = window_words.search(window) is not None
            change = worded and change_words.search(window) is not None
            if window.lstrip(_OPENING).startswith(open_parts):
                breakdown = _total(quantities, group_counts, before, closed=False)
            elif worded and closed_part.search(window):
                breakdown = _total(quantities, group_counts, before, closed=True)
            link = breakdown
            if link is not None and quantities[link[0] - first_index].unit != unit:
                link = None  # 信息处理费380元，1件…; 信息236条，其中规范性文件1件: not a part of it
            elif link is not None:
                linked = True
            group_start, group_end = number_start - start, number_end - start  # the number in the group
            phrase_start = word_at if word_at is not None and word_at < group_start else group_start
            phrase_end = group_end if word_at is None or word_at < group_start else word_at + len(word)
            subject = ""
            if measure and measure.subject:
                subject = _subject(measure, (body[:number_start] if measure.subject_in == "sentence"
                                             else body[start:number_start]) + following)
            span = squeezed_span(base + number_start, base + number_end)
            phrase_span = (span if (phrase_start, phrase_end) == (group_start, group_end)  # no measure's word
                           else squeezed_span(base + start + phrase_start, base + start + phrase_end))
            quantity = Quantity(
                value=value, unit=unit, measure=measure.id if measure else None,
                span=span,
                phrase_span=phrase_span,
                phrase="".join(source_text[phrase_span.start:phrase_span.end].split()),
                clause_span=clause_span,
                index=first_index + len(quantities), subject=subject,
                scope=scope, scope_word=scope_word, year=year, change=change, cumulative=cumulative,
                approximate=approximate, total=worded and total_words.search(window) is not None,
                ambiguous=ambiguous, joined=joined, part_of=link[0] if link else None,
                closed=link[1] if link else False, sentence_start=sentence_start)
            if unit == PERCENT and change:
                quantity.change_of = _change_of(quantities, doc.year)
                if quantity.change_of is not None:
                    up, down = rise_words.search(window) is not None, fall_words.search(window) is not None
                    quantity.direction = 1 if up and not down else -1 if down and not up else 0
            elif unit == PERCENT and rate_words.search(window):
                quantity.ratio_of = _ratio(quantities, first_index)
                if quantity.ratio_of is None:
                    quantity.ratio_options = _ratio_options(quantities)
            quantities.append(quantity)
            previous_end = number_end
        group_counts.extend([len(quantities) - before] * (len(quantities) - before))
    if linked:  # most sentences list no parts: nothing to relink
        _relink_overflowing(quantities, first_index)
    return quantities


def _other_year(body: str, year: int | None) -> tuple[int, str, str] | None:
    """(end, "year", the words) of the sentence's first year other than ``year`` (TITLE_YEAR), or None:
    whose() of a prefix of the sentence with no words is ("year", the words) when the prefix holds
    it, as a number never starts inside a year (QUANTITY starts after no digit, CHINESE_COUNT with a
    numeral): the prefix's years are the sentence's that end in it."""
    for match in TITLE_YEAR.finditer(body):
        if int(match.group(1)) != year:
            return match.end(), "year", match.group()
    return None


def _first_end(body: str, words: tuple[str, ...]) -> int:
    """Where the first of the words to end in the text ends (past its end when none is in): a prefix
    holds one of the words ⇔ it is at least that long."""
    return min((body.find(word) + len(word) for word in words if word in body), default=len(body) + 1)


@lru_cache(maxsize=4)
def _setup(lexicon: QuantityLexicon, scope_words: StatementLexicon) -> tuple:
    """What _in_sentence reads of the two lexicons, derived once (not per sentence): the scope words,
    the masked words, the part mark, the part words, _word_patterns, _by_unit, and the alternations
    of the scope and masked words, of the self words, of the closed-list words and of the change,
    total and closed-list words together."""
    masked = _masked(lexicon, scope_words.past_words)
    part_words = _part_words(scope_words.part_words, scope_words.part_mark)
    return (scope_words, masked, scope_words.part_mark, part_words, _word_patterns(lexicon), _by_unit(lexicon),
            _any_word(masked, part_words, scope_words.past_words, scope_words.area_words),
            _any_word(lexicon.self_words), _any_word(lexicon.closed_parts),
            _any_word(lexicon.change_words, lexicon.total_words, lexicon.closed_parts))


@lru_cache(maxsize=4)
def _word_patterns(lexicon: QuantityLexicon) -> tuple[re.Pattern, ...]:
    """The change, cumulative, rate, rise, fall and total words, each list one alternation: found ⇔ one of them in."""
    def alternation(words: tuple[str, ...]) -> re.Pattern:
        return re.compile("|".join(map(re.escape, words)) or "(?!)")  # no words: never found

    return tuple(alternation(words) for words in (lexicon.change_words, lexicon.cumulative_words, lexicon.rate_words,
                                                  lexicon.rise_words, lexicon.fall_words, lexicon.total_words))


@lru_cache(maxsize=256)
def _any_word(*word_lists: tuple[str, ...]) -> re.Pattern:
    """One alternation of every word of the lists: found ⇔ one of them in (one search, not a loop)."""
    words = sorted({word for words in word_lists for word in words}, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words)) or "(?!)")


@lru_cache(maxsize=4)
def _part_words(part_words: tuple[str, ...], part_mark: str) -> tuple[str, ...]:
    return tuple(word for word in part_words if word != part_mark)


def _relink_overflowing(quantities: list[Quantity], first_index: int) -> None:
    """A breakdown whose parts exceed the total it was linked to, in a sentence whose earlier figure of
    the same unit they do fit (受理…1331件，另有上年结转66件，其中自然人1084件、法人247件): the parts
    are that figure's.  When none fits, the link stays (GL407 reports it)."""
    parts: dict[int, list[Quantity]] = {}
    for quantity in quantities:
        if quantity.part_of is not None:
            parts.setdefault(quantity.part_of, []).append(quantity)
    for total_index, members in parts.items():
        total = quantities[total_index - first_index]
        values: list = [member.value for member in members]
        if not all(isinstance(value, (int, float)) for value in values) or not isinstance(total.value, (int, float)):
            continue
        summed = sum(values)
        if summed <= total.value:
            continue
        for earlier in reversed(quantities[:total_index - first_index]):
            if (earlier.unit == total.unit and earlier.part_of is None and not earlier.change
                    and isinstance(earlier.value, (int, float))
                    and (earlier.value == summed if members[0].closed else earlier.value >= summed)):
                for member in members:
                    member.part_of = earlier.index
                break


def _measure(lexicon: QuantityLexicon, unit_words: _UnitWords, near: str, first_word: int, body: str,
             group_start: int, group: str,
             number_start: int, number_end: int, window: str, window_start: int,
             following: str) -> tuple[QuantityMeasure | None, int | None, str, bool, tuple]:
    """(measure, where its word starts in the group, the word, ambiguous) of a number: the fitting
    measure whose word ends nearest before it in its window, else the first after it.  ``unit_words``:
    _by_unit's for its unit; ``near``: the window and the following text, a NUL between; ``first_word``:
    where the first of the unit's words starts in it."""
    _any, every, inside, measures = unit_words  # number_start, number_end, window_start: in the group
    found = every.findall(near, first_word)
    # the measures of the words there (most often one word: its own tuple, sorted)
    tried = inside[found[0]] if len(found) == 1 else sorted({at for word in found for at in inside[word]})
    in_group = group[:number_start]
    candidates = []  # (word end, word length, -order, measure, word start, word) before; after: start first
    after = []
    for at in tried:
        order, measure, not_subject = measures[at]
        words = measure.words
        found_before = [(window.rfind(word), word) for word in words if word in window]
        found_after = [(following.find(word), word) for word in words if word in following]
        if not found_before and not found_after:
            continue  # the usual case: none of its words near the number
        if not_subject is not None and not_subject.search(in_group):
            continue
        if measure.subject:
            subject_window = body[:group_start + number_start] if measure.subject_in == "sentence" else in_group
            if not any(word in subject_window or word in following for word in measure.subject):
                continue
        for at, word in found_before:
            candidates.append((at + len(word), len(word), -order, measure, window_start + at, word))
        for at, word in found_after:
            after.append((at, -len(word), order, measure, number_end + at, word))
    if candidates:
        candidates.sort(reverse=True)  # by (word end, word length, -order): never equal, the rest is not compared
        _end, _length, _order, measure, at, word = candidates[0]
        if measure.generic:  # 同意公开答复: the specific measure before the generic word
            specific = [item for item in candidates if not item[3].generic and item[4] + len(item[5]) <= at]
            if specific:
                _end, _length, _order, measure, at, word = specific[0]
        between = group[at + len(word):number_start]
        ambiguous = _any_word(lexicon.joiners).search(between) is not None
        joined: list[str] = []
        for _end2, _length2, _order2, other, other_at, other_word in candidates:
            if other.id == measure.id or other.generic or other_at + len(other_word) > at:
                continue
            gap = group[other_at + len(other_word):at]
            if gap in lexicon.joiners:
                joined.append(other.id)  # 予以公开及部分公开258件: one figure of both
            elif other.cells and measure.cells:
                ambiguous = True  # 因本机关不掌握等原因无法提供265件: which does it count?
        return measure, at, word, ambiguous, tuple(dict.fromkeys(joined))
    if after:
        after.sort()  # by (start, -word length, order): never equal, the rest is not compared
        _at, _length, _order, measure, at, word = after[0]
        return measure, at, word, False, ()
    return None, None, "", False, ()


# per unit: (any of the words, every word's longest at each place, {word: the places in the last of its
# measures and of the measures of the unit's words inside it}, ((order in the lexicon, measure, any of
# its not_subject words or None) …))
_UnitWords = tuple[re.Pattern, re.Pattern, dict[str, tuple[int, ...]],
                   tuple[tuple[int, QuantityMeasure, Optional[re.Pattern]], ...]]  # Optional: evaluated at run time (3.9)


@lru_cache(maxsize=4)
def _by_unit(lexicon: QuantityLexicon) -> dict[str, _UnitWords]:
    """Per unit: its measures' words (one alternation: is any there?; one scan that finds, at each
    place, the longest word starting there: a shorter word starting there is inside it, so a found
    word stands for itself and the words inside it) and its measures with their order in the lexicon,
    so that _measure tries only the measures of the words near the number, and none when no word is near."""
    by_unit: dict[str, _UnitWords] = {}
    for unit in {unit for measure in lexicon.measures.values() for unit in measure.units}:
        measures = tuple((order, measure, _any_word(measure.not_subject) if measure.not_subject else None)
                         for order, measure in enumerate(lexicon.measures.values()) if unit in measure.units)
        words: dict[str, tuple[int, ...]] = {}
        for at, (_order, measure, _not_subject) in enumerate(measures):
            for word in measure.words:
                words[word] = words.get(word, ()) + (at,)
        inside = {word: tuple(sorted({at for other in words if other in word for at in words[other]}))
                  for word in words}
        longest_first = sorted(words, key=len, reverse=True)
        by_unit[unit] = (re.compile("|".join(map(re.escape, words)) or "(?!)"),
                         re.compile("(?=(%s))" % "|".join(map(re.escape, longest_first)) if words else "(?!)"),
                         inside, measures)
    return by_unit


def _subject(measure: QuantityMeasure | None, text: str) -> str:
    if measure is None or not measure.subject:
        return ""
    present = [word for word in measure.subject if word in text]
    return max(present, key=len) if present else ""


def _total(quantities: list[Quantity], group_counts: list[int], before: int, closed: bool) -> tuple[int, bool] | None:
    """The total a breakdown opened in this clause group belongs to: the sentence's quantity before
    the group, when it is the only quantity of its own clause group and not itself a part."""
    if len(quantities) - before == 1:  # 答复805件（含上年结转18件: the group's own figure before it
        total = quantities[-1]
    elif len(quantities) == before and before > 0 and group_counts[before - 1] == 1:
        total = quantities[before - 1]
    else:
        return None
    if total.part_of is not None or total.unit == PERCENT or total.change:
        return None
    return total.index, closed


@lru_cache(maxsize=4)
def _masked(lexicon: QuantityLexicon, past_words: tuple[str, ...]) -> tuple[str, ...]:
    """The measures' words that hold a word of another year (上年结转): not read as scope."""
    return tuple(sorted({word for measure in lexicon.measures.values() for word in measure.words
                         if any(past in word for past in past_words)}, key=len, reverse=True))


def _unmasked(context: str, masked: tuple[str, ...]) -> str:
    for word in masked:
        context = context.replace(word, "")
    return context


def _ratio(quantities: list[Quantity], first_index: int) -> tuple[int, int] | None:
    """(numerator, denominator) indexes of a percentage: the two counts before it in its sentence
    (since the previous percentage), when there are exactly two, in one unit, the second ≤ the first."""
    counts = _since_percentage(quantities)
    if counts:
        counts = [quantity for quantity in counts if quantity.unit == counts[-1].unit]  # 44个部门 1434项…
    if len(counts) != 2:
        return None
    denominator, numerator = counts
    if denominator.unit != numerator.unit or denominator.change or numerator.change:
        return None
    if not isinstance(denominator.value, (int, float)) or not isinstance(numerator.value, (int, float)):
        return None
    if denominator.value <= 0 or numerator.value > denominator.value:
        return None
    return numerator.index, denominator.index




def _since_percentage(quantities: list[Quantity]) -> list[Quantity]:
    """The sentence's quantities after its previous percentage (or its start), in order."""
    counts: list[Quantity] = []
    for quantity in reversed(quantities):
        if quantity.unit == PERCENT:
            break
        counts.insert(0, quantity)
    return counts


def _ratio_options(quantities: list[Quantity]) -> tuple:
    """The readings of a rate after a total and its listed parts (办结40件，其中予以公开20件、部分公开5件，
    公开率为62.5%): the rate of any non-empty set of the parts to the total (at most four parts)."""
    counts = _since_percentage(quantities)
    if len(counts) < 3:
        return ()
    total, parts = counts[0], counts[1:]
    if (len(parts) > 4 or total.change or not isinstance(total.value, (int, float)) or total.value <= 0
            or any(part.part_of != total.index or part.unit != total.unit or part.change
                   or not isinstance(part.value, (int, float)) for part in parts)):
        return ()
    return tuple((tuple(parts[at].index for at in range(len(parts)) if chosen >> at & 1), total.index)
                 for chosen in range(1, 1 << len(parts)))


def _change_of(quantities: list[Quantity], year: int | None) -> tuple | None:
    """A change percentage's two figures: last year's count just before it (比上年（1276条）, 较2021年的
    3647条) and this year's figures of the same unit before that in the sentence, nearest first (a
    total and its parts, or a total and its share: which one the change is of, the sentence does not
    say)."""
    if len(quantities) < 2 or year is None:
        return None
    last = quantities[-1]
    if last.unit == PERCENT or last.scope != "year" or last.year != year - 1 or not isinstance(last.value, (int, float)) or last.value <= 0:
        return None
    this = [quantity.index for quantity in reversed(quantities[:-1])
            if quantity.unit == last.unit and quantity.scope == "body" and quantity.year == year
            and not quantity.change and isinstance(quantity.value, (int, float))]
    return (tuple(this), last.index) if this else None
