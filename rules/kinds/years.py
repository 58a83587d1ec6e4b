"""year-consistency: the title's year, the statistical period and the report year agree;
stale-year: the previous year written where the report year belongs (GL408)."""
from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from govlint.grammar.shapes import CLAUSE_END, SENTENCE_ENDS, YEAR
from govlint.rules.api import CheckKind, Edit, Finding, Param, check_kind
from govlint.rules.kinds._util import any_of


@check_kind
class YearConsistency(CheckKind):
    """The title year equals the statistical period's year, and the period is the whole calendar year."""

    name = "year-consistency"
    FIELDS = ("title_year", "period_year", "period", "year")
    CASES = ("partial_period", "override")

    def check(self, doc, params):
        title_year = doc.title.year if doc.title is not None else None
        if doc.year_source == "override" and title_year and title_year != doc.year:
            yield Finding(doc.title.span, {"title_year": title_year, "year": doc.year}, case="override")
        for period in doc.entities.periods:
            groups = period.groups
            start_year = int(groups["y1"])
            end_year = int(groups["y2"]) if groups.get("y2") else start_year
            reference = title_year or (doc.year if doc.year_source != "period" else None)
            if reference is not None and (start_year != reference or end_year != reference):
                yield Finding(period.span, {"title_year": reference, "period_year": start_year
                                            if start_year != reference else end_year, "period": period.text})
                continue
            full = (int(groups["m1"]), int(groups["d1"]), int(groups["m2"]), int(groups["d2"])) == (1, 1, 12, 31)
            if not full or end_year != start_year:
                yield Finding(period.span, {"period": period.text, "year": start_year}, case="partial_period")


# -- stale-year (GL408) ------------------------------------------------------------------------------
# A year at the head of a clause ("2022年，本机关…", "2022年共收到申请…") is the year the clause's facts
# belong to.  In a report for 2023 the previous year there is mostly left over from last year's report.
# A year anywhere else is not read: after 较/比/与/自/至 it is a comparison or history, inside 〔〕 or
# 《》 part of a name, before 以来/至今/底/月 a period or a date.
_YEAR_AT = re.compile(r"(%s)年(度)?" % YEAR)
_FIGURE = re.compile(r"\d")
# Whole sentences (a semicolon does not end one here: "2022年…；2023年…" contrasts two years).
_FULL_SENTENCE = re.compile(r"[^%s]*[%s]*" % (SENTENCE_ENDS, SENTENCE_ENDS))


@check_kind
class StaleYear(CheckKind):
    """The previous year written at the head of a clause where the report year belongs."""

    name = "stale-year"
    FIELDS = ("found", "year", "stale_year")
    CASES = ("figures",)
    PARAMS = {
        "lag": Param(int, 1, "how many years before the report year count as stale (1: the previous year)"),
        "skip_sections": Param(list, [5], "mandated sections not read (5: problems, where last year's are reviewed)"),
        "clause_lead": Param(str, "", "regex: what may come before the year at the head of a clause (一是, (一) …)"),
        "subject": Param(str, "", "regex: who may come between the year and a verb of figures (我局, 本机关 …)"),
        "verbs": Param(list, [], "verbs of this year's figures after the year (收到, 受理, 办结 …): with a "
                                 "number later in the clause, case 'figures'"),
        "exempt_words": Param(list, [], "words that make the clause history, a comparison, last year's "
                                        "problems or accounts (以来, 较, 问题, 决算 …)"),
        "this_year_words": Param(list, [], "words for the report year (本年度, 今年): a sentence that also "
                                           "names the report year contrasts two years"),
    }

    @staticmethod
    def validate_params(params):
        for name in ("clause_lead", "subject"):
            try:
                re.compile(params[name])
            except re.error as exc:
                raise ValueError(f"{name}: invalid regular expression {params[name]!r}: {exc}") from None

    def check(self, doc, params):
        if doc.year is None:
            return
        stale = set(range(doc.year - params["lag"], doc.year))
        stale_digits = tuple(str(year) for year in stale)
        lead, figures = _patterns(params["clause_lead"], params["subject"], tuple(params["verbs"]))
        this_year = any_of(tuple(params["this_year_words"]) + (f"{doc.year}年",))
        exempt = tuple(params["exempt_words"])
        for paragraph in _paragraphs(doc, set(params["skip_sections"])):
            text = paragraph.squeezed.text
            for digits in stale_digits:  # a literal test per stale year: most paragraphs name none
                if digits in text:
                    break
            else:
                continue
            for sentence in _FULL_SENTENCE.finditer(text):
                body = sentence.group()
                if not body or this_year.search(body) is not None:
                    continue
                clause_ends: list | None = None
                for match in _YEAR_AT.finditer(body):
                    year = int(match.group(1))
                    if year not in stale:
                        continue
                    if clause_ends is None:
                        clause_ends = [end.end() for end in CLAUSE_END.finditer(body)]
                    if not _heads_clause(body, match.start(), clause_ends, lead):
                        continue
                    reading = _reading(body, match.end(), figures, exempt)
                    if reading is None:
                        continue
                    start = sentence.start() + match.start()
                    span = paragraph.squeezed_span(start, sentence.start() + match.end())
                    digits = paragraph.squeezed_span(start, start + 4)
                    yield Finding(span, {"found": match.group(), "year": doc.year, "stale_year": year},
                                  case=None if reading == "opening" else reading, safe=False,
                                  edits=[Edit(digits.start, digits.end, str(doc.year))])


@lru_cache(maxsize=16)
def _patterns(clause_lead: str, subject: str, verbs: tuple) -> tuple[re.Pattern, re.Pattern]:
    """The clause-lead and figures regexes of the parameters (built once, not per document)."""
    lead = re.compile(r"\s*(?:%s)?\s*" % (clause_lead or "(?!)"))
    figures = re.compile(r"(?:%s)?(?:共计|共|全年共|全年|累计)?(?:%s)" % (
        subject or "(?!)", "|".join(map(re.escape, verbs)) or "(?!)"))
    return lead, figures


def _paragraphs(doc, skip: set):
    yield from doc.preamble
    for section in doc.sections:
        owner = section.parent or section
        if owner.heading.canonical in skip and owner.heading.quality != "extra":
            continue
        yield from section.paragraphs


def _heads_clause(sentence: str, at: int, clause_ends: list, lead: re.Pattern) -> bool:
    """Does the year open its clause (nothing before it but a list marker such as 一是)?"""
    index = bisect_right(clause_ends, at) - 1
    return bool(lead.fullmatch(sentence[clause_ends[index] if index >= 0 else 0:at]))


_CLAUSE_WINDOW = 200  # how far a clause is read after its year (a run-on "clause" of a PDF is no clause)


def _clause(sentence: str, start: int) -> str:
    window = sentence[start:start + _CLAUSE_WINDOW]
    end = CLAUSE_END.search(window)
    return window[:end.start() if end else len(window)]


def _reading(sentence: str, after: int, figures: re.Pattern, exempt: tuple) -> str | None:
    """How the year after ``after`` reads: "opening" (2022年，本机关…), "figures" (2022年共收到…N件),
    or None: not this year's facts (history, a comparison, last year's problems or accounts)."""
    if sentence[after:after + 1] == ",":
        following = _clause(sentence, after + 1)
        return "opening" if following and not any(word in following for word in exempt) else None
    own = _clause(sentence, after)
    verb = figures.match(own)
    if verb is None or not _FIGURE.search(own, verb.end()) or any(word in own for word in exempt):
        return None
    return "figures"
