"""What section 五 (存在的主要问题及改进情况) says: GL602, GL603, GL604 (domain.md §3.3).

Section 五 states the year's problems **and** the improvements or measures taken or planned; a
reviewer also looks for a word on how last year's problems were followed up.  Three kinds, one
per rule, read the section's own text (its prose and sub-headings; the heading, which names both
problems and improvements, is not evidence of either):

* ``section-five-empty``: the section says nothing of substance: ``无``, or fewer than
  ``min_chars`` characters of CJK, letters and digits;
* ``section-five-parts``: it names problems (``problem_words``) but no improvement
  (``improvement_words``), or the reverse;
* ``section-five-follow-up``: no sentence speaks of last year (``last_year_words``, or the year
  before the report's) together with its problems or their fixing (``follow_up_words``).

An empty section is only GL602's: the other two say nothing of it (one cause, one diagnostic).
Where there is no section 五 (the 2008 regime, or the heading is missing), none of them speaks:
the structure rules report a missing section.
"""
from __future__ import annotations

from govlint.grammar.shapes import is_han
from govlint.rules.api import CheckKind, Finding, Param, check_kind

FIVE = 5  # the mandated section id of 存在的主要问题及改进情况
MIN_CHARS = Param(int, 50, "fewer characters of substance (CJK, letters, digits) than this: empty")


def _texts(section) -> list:
    """The folded texts of a section: its sub-headings and its prose, in document order."""
    items = [(sub.span.start, sub.text) for sub in section.subheadings]
    items.extend((paragraph.span.start, paragraph.text) for paragraph in section.paragraphs)
    return [text for _start, text in sorted(items, key=lambda item: item[0])]


def _section_five(doc):
    """Section 五 and its text without whitespace, or (None, "")."""
    section = doc.section(FIVE)
    if section is None or section.heading.quality == "headless":
        return None, ""
    parts = [section] + [s for s in doc.sections if s.parent is section]
    text = "".join("".join(t.split()) for part in parts for t in _texts(part))
    return section, text


def _substance(text: str) -> int:
    return sum(1 for char in text if is_han(char) or char.isalnum())


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
        "improvement_words": Param(list, [], "words naming an improvement or measure (改进, 措施 …)",
                                   required=True),
    }

    def check(self, doc, params):
        section, text = _section_five(doc)
        if section is None or _is_empty(text, params["min_chars"]):
            return
        problems = any(word in text for word in params["problem_words"])
        improvements = any(word in text for word in params["improvement_words"])
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
        parts = [section] + [s for s in doc.sections if s.parent is section]
        for part in parts:
            for paragraph in part.paragraphs:
                for sentence in paragraph.iter_sentences():
                    words = "".join(sentence.text.split())
                    if any(word in words for word in last_year) and \
                            any(word in words for word in params["follow_up_words"]):
                        return
        yield Finding(section.heading.span, {"last_year": f"{doc.year - 1}" if doc.year else ""})
