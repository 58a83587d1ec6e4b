"""What section 五 (存在的主要问题及改进情况) says: GL602, GL603, GL604 (domain.md §3.3).

Section 五 states the year's problems **and** the improvements or measures taken or planned; a
reviewer also looks for a word on how last year's problems were followed up.  Three kinds, one
per rule, read the section's own text (its prose and sub-headings; the heading, which names both
problems and improvements, is not evidence of either):

* ``section-five-empty``: the section says nothing of substance: ``无``, or fewer than
  ``min_chars`` characters of CJK, letters and digits;
* ``section-five-parts``: it names problems (``problem_words``, not counting a phrase that refers
  back to them: ``针对上述问题``) but no improvement (``improvement_words`` that look ahead — 下一步,
  将, 整改, the next year — or a clause that opens with one of the ``measure_verbs``: 一是加强…),
  or the reverse (a problem's own wording, 有待加强, is no measure);
* ``section-five-follow-up``: no sentence speaks of last year (``last_year_words``, or the year
  before the report's) together with its problems or their fixing (``follow_up_words``).

An empty section is only GL602's: the other two say nothing of it (one cause, one diagnostic).
Where there is no section 五 (the 2008 regime, or the heading is missing), none of them speaks:
the structure rules report a missing section.
"""
from __future__ import annotations

import re
import weakref
from functools import lru_cache

from govlint.grammar.shapes import HAN
from govlint.rules.api import CheckKind, Finding, Param, check_kind
from govlint.rules.kinds._util import any_of

FIVE = 5  # the mandated section id of 存在的主要问题及改进情况
MIN_CHARS = Param(int, 50, "fewer characters of substance (CJK, letters, digits) than this: empty")
# Not substance: neither a CJK character nor alphanumeric.  ``\w`` is str.isalnum() or "_", so the
# underscores it keeps are subtracted after: one regex pass instead of a Python test per character.
_NOT_SUBSTANCE = re.compile(r"[^\w%s]" % HAN)


@lru_cache(maxsize=8)
def _opens_with(verbs: tuple):
    """A clause (after its numbering: 一是, 2., （三）) that opens with one of the verbs."""
    if not verbs:
        return re.compile(r"(?!)")
    numbering = r"(?:[一二三四五六七八九十]+是|\d+[.、．]|[（(][一二三四五六七八九十\d]+[)）])?"
    return re.compile(r"(?:^|[。；;：:，,！？!?])%s(?:进一步)?(?:%s)" % (numbering, "|".join(map(re.escape, verbs))))


def _texts(section) -> list:
    """The folded texts of a section: its sub-headings and its prose, in document order."""
    items = [(sub.span.start, sub.text) for sub in section.subheadings]
    items.extend((paragraph.span.start, paragraph.text) for paragraph in section.paragraphs)
    return [text for _start, text in sorted(items, key=lambda item: item[0])]


# The three kinds read the same document in turn: compute once.  A weak reference, so that the
# cache neither keeps a document alive nor mistakes a new one for a freed one.
_last = [lambda: None, (None, "")]


def _section_five(doc):
    """Section 五 and its text without whitespace, or (None, "")."""
    if _last[0]() is not doc:
        _last[:] = [weakref.ref(doc), _read_section_five(doc)]
    return _last[1]


def _read_section_five(doc):
    section = doc.section(FIVE)
    if section is None or section.heading.quality == "headless":
        return None, ""
    parts = [section] + [s for s in doc.sections if s.parent is section]
    text = "".join("".join(t.split()) for part in parts for t in _texts(part))
    return section, text


@lru_cache(maxsize=8)  # the three kinds measure the same text in turn
def _substance(text: str) -> int:
    kept = _NOT_SUBSTANCE.sub("", text)
    return len(kept) - kept.count("_")


def _is_empty(text: str, min_chars: int) -> bool:
    return _substance(text) < min_chars


@check_kind
class SectionFiveEmpty(CheckKind):
    """Section 五 is empty, says only 无, or has fewer than ~50 characters of substance."""

    name = "section-five-empty"
    FIELDS = ("chars", "min_chars")
    PARAMS = {"min_chars": MIN_CHARS}

    def check(self, doc, params):
        section, text = _section_five(doc)
        if section is not None and _is_empty(text, params["min_chars"]):
            yield Finding(section.heading.span, {"chars": _substance(text), "min_chars": params["min_chars"]})


@check_kind
class SectionFiveParts(CheckKind):
    """Section 五 states problems but no improvements, or improvements but no problems."""

    name = "section-five-parts"
    FIELDS = ("missing",)
    CASES = ("no_problems",)
    PARAMS = {
        "min_chars": MIN_CHARS,
        "problem_words": Param(list, [], "words naming a problem (问题, 不足 …)", required=True),
        "back_references": Param(list, [], "phrases that refer back to problems already named (针对上述问题 …): "
                                           "not a problem of their own"),
        "improvement_words": Param(list, [], "words that look ahead to an improvement or measure (改进, 措施, "
                                             "下一步, 将 …); the year after the report's counts too",
                                   required=True),
        "measure_verbs": Param(list, [], "verbs that open a measure (一是加强…, 2.完善…): a clause that opens "
                                         "with one, after its numbering, is an improvement"),
    }

    def check(self, doc, params):
        section, text = _section_five(doc)
        if section is None or _is_empty(text, params["min_chars"]):
            return
        stated = text
        for phrase in params["back_references"]:
            stated = stated.replace(phrase, "")
        problems = any_of(tuple(params["problem_words"])).search(stated) is not None
        ahead = tuple(params["improvement_words"]) + ((f"{doc.year + 1}年",) if doc.year else ())
        improvements = (any_of(ahead).search(text) is not None
                        or _opens_with(tuple(params["measure_verbs"])).search(text) is not None)
        if problems and not improvements:
            yield Finding(section.heading.span, {"missing": "improvements"})
        elif improvements and not problems:
            yield Finding(section.heading.span, {"missing": "problems"}, case="no_problems")


@check_kind
class SectionFiveFollowUp(CheckKind):
    """Section 五 says nothing of how last year's problems were followed up."""

    name = "section-five-follow-up"
    FIELDS = ("last_year",)
    PARAMS = {
        "min_chars": MIN_CHARS,
        "last_year_words": Param(list, [], "words naming last year (上年度 …); the year before the "
                                           "report's counts too", required=True),
        "follow_up_words": Param(list, [], "words naming last year's problems or their fixing "
                                           "(问题, 整改 …): one must share a sentence with last year",
                                 required=True),
    }

    def check(self, doc, params):
        section, text = _section_five(doc)
        if section is None or _is_empty(text, params["min_chars"]):
            return
        last_year = list(params["last_year_words"])
        if doc.year:
            last_year.extend([f"{doc.year - 1}年", f"{doc.year - 1}年度"])
        last_year = any_of(tuple(last_year))
        follow_up = any_of(tuple(params["follow_up_words"]))
        parts = [section] + [s for s in doc.sections if s.parent is section]
        for part in parts:
            for paragraph in part.paragraphs:
                # A sentence is a slice of its paragraph: a paragraph without the words has none.
                squeezed = "".join(paragraph.text.split())
                if last_year.search(squeezed) is None or follow_up.search(squeezed) is None:
                    continue
                for sentence in paragraph.iter_sentences():
                    words = "".join(sentence.text.split())
                    if last_year.search(words) and follow_up.search(words):
                        return
        yield Finding(section.heading.span, {"last_year": f"{doc.year - 1}" if doc.year else ""})
