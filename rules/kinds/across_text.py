"""Cross-document checks of the prose: the same words again.

* ``text-reuse`` (GL803, pairs): the share of this year's prose found again, sentence for sentence, in
  last year's report of the same body;
* ``problems-repeated`` (GL804, pairs): section 五 (problems and improvements) that is last year's,
  word for word or nearly (character shingles, so a changed word or number here and there still counts);
* ``copied-from-another-body`` (GL806, the batch): a sentence of at least ``min_chars`` characters found in
  the reports of two different bodies, reported at both places.

What is compared: the sentences of the six mandated sections (not the preamble — the mandated template
of legal basis, period and contact —, not headings, not tables), letters, digits and ideographs only
(``comparable``).  Mandated formulas are left out in two ways.  Sentences containing a phrase of the
rule's ``formulas`` (the wording the format or the 条例 prescribes: 编制本报告, 统计期限 …) are never
compared.  And, for GL806, a sentence found in the reports of many bodies of the batch — at least
``formula_min_bodies`` bodies and at least ``formula_share`` of the bodies in the batch — is a formula of
the batch (a province's template), not a copy: two bodies sharing a sentence is copying, twenty of a
hundred sharing it is a template.  Only hashes and a few numbers per sentence are kept (no text), and
GL806 indexes them by hash: time linear in the number of reports, never all pairs.

Memory (a batch of 50,000 whose bodies share a bank of sentences): GL806 keeps each report's digests in an
array of 8-byte ints; its index deals them (digest, report, sentence) into 64 buckets of arrays by their
low bits and sorts one bucket at a time, so the index of one sentence exists only while its bucket is
read, a template's places are never listed beyond ``formula`` bodies, and the shared sentences wait for
their report in four arrays of 4-byte ints (a counting sort puts them in report order).
"""
from __future__ import annotations

import math
import re
import zlib
from array import array
from functools import lru_cache

from govlint.model import Place
from govlint.rules.api import Finding, Param, Span, check_kind
from govlint.rules.kinds._across import SENTENCES, AcrossKind, comparable, companion, file_name, numberless_digest
from govlint.rules.kinds._util import any_of

FORMULAS = ["政府信息公开条例", "年度报告格式", "编制本报告", "统计期限", "如对本报告有疑问", "本报告由",
            "勾稽关系", "信息处理费管理办法", "无其他需要报告的事项"]
WHERE = ":where"  # GL806's second fact: the place of each sentence it hashed (FIELD numbers a sentence)
SAMPLE = 3  # GL804 keeps the shingles whose hash has these bits clear (one in four)
FIELD = 7  # GL806: numbers kept per sentence beside its digest: length, start, end, line, column, end line, end column


@lru_cache(maxsize=16)
def _formula_pattern(words: tuple) -> re.Pattern | None:
    """One pattern for a rule's formulas (compared as ``comparable`` text): a sentence containing one
    is mandated wording."""
    words = tuple(word for word in (comparable(word) for word in words) if word)
    return re.compile("|".join(map(re.escape, words))) if words else None


def _formulas(params) -> re.Pattern | None:
    return _formula_pattern(tuple(params.get("formulas") or ()))


def _anchor(doc, fingerprint) -> int | None:
    """Where a finding about the whole report points: its title, else its first sentence."""
    title = getattr(doc, "title", None)
    span = title.line_spans[0] if title is not None and title.line_spans else None
    if span is None:
        sentences = SENTENCES.of(doc)
        span = sentences[0][3] if sentences else None
    return None if span is None else fingerprint.place(doc.source, span.start, span.end).start


def _percent(share: float) -> str:
    return f"{math.floor(share * 100)}"


@check_kind
class TextReuse(AcrossKind):
    """The share of this year's prose found again, sentence for sentence, in last year's report."""

    name = "text-reuse"
    PARAMS = {
        "threshold": Param((int, float), 0.5, "share of this year's prose (0–1) from which the reuse is reported"),
        "min_chars": Param(int, 300, "prose shorter than this (characters) is not judged"),
        "formulas": Param(list, FORMULAS, "phrases of the mandated wording: sentences containing one are left out"),
        "passages": Param(int, 200, "reused sentences named as related places (the HTML report marks them), at most"),
    }
    FIELDS = ("share", "reused", "total", "last_file")

    def extract(self, doc, fingerprint, params) -> None:
        formulas = SENTENCES.matching(doc, _formulas(params))
        digests, lengths, spans = array("q"), array("I"), array("I")
        for (_section, text, digest, span), formula in zip(SENTENCES.of(doc), formulas):
            if len(text) >= 8 and not formula:  # 8: shorter ones (一是 …) say nothing
                digests.append(digest)
                lengths.append(len(text))
                spans.extend((span.start, span.end))
        anchor = _anchor(doc, fingerprint)
        if digests and anchor is not None:
            fingerprint.facts[self.name] = (digests, lengths, anchor, spans)

    def check_pair(self, this, last, params):
        if self.name not in this.facts or self.name not in last.facts:
            return
        digests, lengths, anchor, spans = this.facts[self.name]
        theirs = set(last.facts[self.name][0])
        total = sum(lengths)
        reused = [at for at, digest in enumerate(digests) if digest in theirs]
        share = sum(lengths[at] for at in reused) / total if total else 0
        if total < params["min_chars"] or share < params["threshold"]:
            return
        place = this.places[anchor]
        # the reused passages, shown in the HTML report (related places of this year's text)
        related = [Span(spans[2 * at], spans[2 * at + 1]) for at in reused[:params["passages"]]]
        yield Finding(Span(place.start, place.end), {"share": _percent(share), "reused": str(sum(lengths[at] for at in reused)),
                                                     "total": str(total), "last_file": file_name(last)},
                      related=related)


@check_kind
class ProblemsRepeated(AcrossKind):
    """Section 五's problems (or the whole section) last year's, word for word or nearly."""

    name = "problems-repeated"
    PARAMS = {
        "threshold": Param((int, float), 0.8, "share of this year's section 五, or of its problems (0–1), found "
                                              "in last year's section 五"),
        "min_chars": Param(int, 80, "a section 五 shorter than this (characters) is not judged"),
        "min_problem_chars": Param(int, 40, "problems stated in fewer characters than this are not judged alone"),
        "problem_words": Param(list, [], "words naming a problem (问题, 不足 …): a sentence holding one states "
                                         "a problem, unless it looks ahead"),
        "back_references": Param(list, [], "phrases that refer back to problems (针对上述问题): no problem of their own"),
        "ahead_words": Param(list, [], "words of a sentence that looks ahead (下一步, 将, 整改 …): a measure, not a "
                                       "problem"),
        "shingle": Param(int, 8, "characters per compared piece (a shingle)"),
    }
    FIELDS = ("share", "last_file")
    CASES = ("problems",)

    def extract(self, doc, fingerprint, params) -> None:
        sentences = [(span, text) for section, text, _, span in SENTENCES.of(doc) if section == 5]
        text = "".join(text for _, text in sentences)
        if len(text) < params["min_chars"]:
            return
        words = any_of(tuple(params["problem_words"]))
        ahead = any_of(tuple(params["ahead_words"]))
        back = tuple(params["back_references"])

        def states_a_problem(text: str) -> bool:
            for phrase in back:
                text = text.replace(phrase, "")
            return words.search(text) is not None and ahead.search(text) is None

        problems = [(sentence, text) for sentence, text in sentences if states_a_problem(text)]
        problem_text = "".join(text for _, text in problems)
        size = params["shingle"]
        hashes = _shingles(text, size)
        shingles = _sampled(hashes)
        if not shingles:
            return
        span = sentences[0][0]
        found: tuple = (shingles, fingerprint.place(doc.source, span.start, span.end).start)
        problem_shingles = None
        if len(problem_text) >= params["min_problem_chars"]:
            # the problems are most often one run of the section's sentences: their shingles are hashed already
            at = text.find(problem_text)
            problem_shingles = _sampled(hashes[at:at + len(problem_text) - size + 1] if at >= 0
                                        else _shingles(problem_text, size))
        if problem_shingles:
            first = problems[0][0]
            found += (problem_shingles, fingerprint.place(doc.source, first.start, first.end).start)
        fingerprint.facts[self.name] = found

    def check_pair(self, this, last, params):
        if self.name not in this.facts or self.name not in last.facts:
            return
        mine, anchor, *problems = this.facts[self.name]
        theirs = set(last.facts[self.name][0])
        share = sum(1 for shingle in mine if shingle in theirs) / len(mine)
        case = None
        if share < params["threshold"] and problems:
            # the improvements rewritten, the problems not: the problems were not solved
            mine, anchor = problems
            share = sum(1 for shingle in mine if shingle in theirs) / len(mine)
            case = "problems"
        if share < params["threshold"]:
            return
        place = this.places[anchor]
        yield Finding(Span(place.start, place.end), {"share": _percent(share), "last_file": file_name(last)},
                      case=case)


_BUCKETS = 64  # GL806 indexes the batch's sentences a 64th at a time (by the digests' low bits)


class _Shared:
    """The sentences of the batch shared by two bodies or more (but fewer than a formula's), as
    (report, sentence, the other report, its sentence) in four arrays of 4-byte ints: a batch of 50,000
    whose bodies share thousands of sentences holds no Python object per shared sentence."""

    def __init__(self) -> None:
        self._clear()

    def _clear(self) -> None:
        self.numbers, self.ats, self.others, self.other_ats = array("I"), array("I"), array("I"), array("I")

    def add(self, number: int, at: int, other: int, other_at: int) -> None:
        self.numbers.append(number)
        self.ats.append(at)
        self.others.append(other)
        self.other_ats.append(other_at)

    def by_report(self, reports: int):
        """(report, [(sentence, other report, its sentence)] sorted) for each report with some, in
        report order: a counting sort into arrays, then one report's list at a time."""
        counts = array("I", bytes(4 * (reports + 1)))
        for number in self.numbers:
            counts[number + 1] += 1
        for number in range(reports):  # counts[n]: where report n's sentences start
            counts[number + 1] += counts[number]
        size = len(self.numbers)
        ats, others, other_ats = array("I", bytes(4 * size)), array("I", bytes(4 * size)), array("I", bytes(4 * size))
        filled = array("I", counts)
        for item, number in enumerate(self.numbers):
            at = filled[number]
            filled[number] = at + 1
            ats[at], others[at], other_ats[at] = self.ats[item], self.others[item], self.other_ats[item]
        self._clear()  # let the unsorted arrays go
        for number in range(reports):
            start, end = counts[number], counts[number + 1]
            if start < end:
                yield number, sorted(zip(ats[start:end], others[start:end], other_ats[start:end]))


def _shared_sentences(fingerprints: list, name: str, formula: int) -> _Shared:
    """Each sentence (digest) of the batch found in the reports of at least two bodies and fewer than
    ``formula`` (a template), at the first place of each body (reports in order, sentences in order),
    with the first place of another body.  Memory stays flat: the sentences are dealt into _BUCKETS
    arrays by their digests' low bits, and each bucket is sorted by digest and read group by group in
    turn (never a dict of every sentence, never a list of the places of a template)."""
    bodies: dict[str, int] = {}
    buckets = [(array("q"), array("I"), array("I")) for _ in range(_BUCKETS)]  # digest, report, sentence
    body_of = array("I", bytes(4 * len(fingerprints)))
    for number, fingerprint in enumerate(fingerprints):
        kept = fingerprint.facts.get(name)
        if not kept or not fingerprint.names:
            continue  # a report whose body is unknown: whose copy would it be?
        body_of[number] = bodies.setdefault(fingerprint.names[0], len(bodies))
        for at, digest in enumerate(kept):
            digests, numbers, ats = buckets[digest % _BUCKETS]
            digests.append(digest)
            numbers.append(number)
            ats.append(at)
    shared = _Shared()
    for bucket in range(_BUCKETS):
        digests, numbers, ats = buckets[bucket]
        buckets[bucket] = (array("q"), array("I"), array("I"))  # this bucket's arrays go when it is read
        order = sorted(range(len(digests)), key=digests.__getitem__)  # stable: reports, sentences in order
        first = 0
        while first < len(order):
            last, digest = first + 1, digests[order[first]]
            while last < len(order) and digests[order[last]] == digest:
                last += 1
            if last - first >= 2:
                _group(shared, [(numbers[item], ats[item]) for item in order[first:last]], body_of, formula)
            first = last
    return shared


def _group(shared: _Shared, found: list, body_of: array, formula: int) -> None:
    """One sentence's places (report, sentence) in order: the first of each body, when 2 ≤ bodies <
    ``formula``, each with another body's first place."""
    seen: set = set()
    places = []
    for number, at in found:
        body = body_of[number]
        if body not in seen:
            seen.add(body)
            places.append((number, at))
            if len(places) >= formula:
                return  # a formula of the batch (a template), not a copy
    if len(places) < 2:
        return
    for number, at in places:
        other, other_at = places[0] if places[0][0] != number else places[1]
        shared.add(number, at, other, other_at)


class _Wheres:
    """The sentence places (``WHERE`` numbers) of the batch's reports, read back from the spill on demand
    and the last ``_WHERES`` kept: the reports many others copy from (a body a bank of sentences comes
    from) are read once, not once per copy; memory stays bounded (a few hundred bytes a report)."""

    def __init__(self, fingerprints: list, key: str) -> None:
        self._fingerprints, self._key = fingerprints, key
        self._kept: dict[int, array] = {}

    def of(self, number: int) -> array:
        numbers = self._kept.get(number)
        if numbers is None:
            if len(self._kept) >= _WHERES:
                del self._kept[next(iter(self._kept))]  # the oldest read
            numbers = self._kept[number] = companion(self._fingerprints[number], self._key)
        return numbers


_WHERES = 1024


def _shingles(text: str, size: int) -> list[int]:
    """The hash (CRC-32) of each shingle of the text, in order.  The text is encoded once (UTF-32: four
    bytes a character) and each shingle hashed from a bytes slice of it (cheaper than a memoryview's)."""
    data = text.encode("utf-32-le")
    width = 4 * size
    crc32 = zlib.crc32
    return [crc32(data[at:at + width]) for at in range(0, len(data) - width + 4, 4)]


def _sampled(shingles: list[int]) -> array:
    """A quarter of the text's shingles (_shingles), chosen by their hash (the same pieces in both
    years): the share is the same in expectation, and a batch of 50,000 keeps a quarter of the memory."""
    return array("I", sorted({crc for crc in shingles if not crc & SAMPLE}))


@check_kind
class CopiedFromAnotherBody(AcrossKind):
    """A sentence found in the reports of two different bodies of the batch (at both places)."""

    name = "copied-from-another-body"
    BATCH = True
    PARAMS = {
        "min_chars": Param(int, 40, "sentences shorter than this (characters, punctuation left out) are not compared"),
        "formulas": Param(list, FORMULAS, "phrases of the mandated wording: sentences containing one are left out"),
        "formula_min_bodies": Param(int, 3, "a sentence of at least this many bodies … "),
        "formula_share": Param((int, float), 0.02, "… and of at least this share of the batch's bodies is a formula"),
        "any_numbers": Param(bool, False, "two sentences that differ only in their numbers are one sentence (off: "
                                          "each body restates its own tables in the common phrasings)"),
    }
    FIELDS = ("chars", "sentences", "other_file", "other_line", "other_body")

    def extract(self, doc, fingerprint, params) -> None:
        formulas = SENTENCES.matching(doc, _formulas(params))
        digests, numbers = array("q"), array("I")
        for (_section, text, exact, span), formula in zip(SENTENCES.of(doc), formulas):
            if len(text) < params["min_chars"] or formula:
                continue
            digest = numberless_digest(text) if params["any_numbers"] else exact
            line, column, end_line, end_column = doc.source.positions(span.start, span.end)
            digests.append(digest)
            numbers.extend((len(text), span.start, span.end, line, column, end_line, end_column))
        if digests:
            # the digests stay in memory for the batch's index; where each sentence is goes to disk with
            # the rest of the fingerprint when the batch is spilled (read back for a finding only)
            fingerprint.facts[self.name] = digests
            fingerprint.facts[self.name + WHERE] = numbers

    def check_batch(self, fingerprints, params):
        bodies = {fingerprint.names[0] for fingerprint in fingerprints if fingerprint.names}
        formula = max(params["formula_min_bodies"], math.ceil(params["formula_share"] * len(bodies)))
        del bodies
        shared = _shared_sentences(fingerprints, self.name, formula)
        wheres = _Wheres(fingerprints, self.name + WHERE)
        for number, found in shared.by_report(len(fingerprints)):  # in the order of the reports
            yield from self._runs(fingerprints, number, found, wheres)

    def _runs(self, fingerprints, number, found, wheres: "_Wheres"):
        """One finding per run of consecutive sentences copied from one other report."""
        fingerprint = fingerprints[number]
        numbers = wheres.of(number)
        run: list = []
        for item in found + [None]:
            if run and (item is None or item[1] != run[-1][1] or item[0] != run[-1][0] + 1):
                first, other, other_at = run[0]
                theirs = fingerprints[other]
                start, end, line, column, end_line, end_column = numbers[first * FIELD + 1:first * FIELD + FIELD]
                if start not in fingerprint.places:  # its place, kept as numbers until now (no text)
                    fingerprint.places[start] = Place(start, end, line, column, end_line, end_column,
                                                      " " * max(1, end_column - column if end_line == line else 1))
                yield number, Finding(Span(start, end), {
                    "chars": str(sum(numbers[at * FIELD] for at, _, _ in run)), "sentences": str(len(run)),
                    "other_file": file_name(theirs), "other_line": str(wheres.of(other)[other_at * FIELD + 3]),
                    "other_body": theirs.names[0]})
                run = []
            if item is not None:
                run.append(item)
