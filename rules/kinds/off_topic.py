"""off-topic: a section (or sub-section) mostly about something other than disclosure work (GL608).

30号 asks that a report's content "不能遗漏，也不宜泛化" (domain.md §3.4, Q3): long narratives of an
agency's other business (放管服, 一件事一次办, 跨省通办 …) do not belong in an annual report on
government information disclosure.  This can only be a heuristic, so it reads the text as a share:

* the unit is a sub-section (the prose after a sub-heading, up to the next one) or, in a section
  without sub-headings (or before its first), the section's own prose;
* each sentence of the unit is *on topic* when it names disclosure work (a word of ``on_topic``:
  公开, 信息, 申请, 解读, 网站 …), *off topic* when it names other business (``off_topic``) and no
  disclosure word, and neutral otherwise (generic prose, politics, numbers);
* a unit of at least ``min_chars`` characters whose off-topic sentences make more than
  ``threshold`` of its characters is reported, once, at its heading.

Precision first: a sentence with any disclosure word counts as on topic, however much else it
says; a unit whose own heading names disclosure work (its author files it under disclosure) is
only a hint (case ``declared``), and so is a report of a format before 2021 (case ``older``: the
"不宜泛化" requirement comes with the 2021 format).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from functools import lru_cache

from govlint.rules.api import CheckKind, Finding, Param, check_kind, fold
from govlint.rules.kinds._util import any_of

SHOWN_WORDS = 3  # how many of the unit's off-topic words the message names


@lru_cache(maxsize=32)
def _folded(words: tuple) -> tuple:
    return tuple(fold(word) for word in words)


@check_kind
class OffTopic(CheckKind):
    """A section or sub-section whose text is mostly about business other than disclosure work."""

    name = "off-topic"
    FIELDS = ("heading", "share", "threshold", "words", "words_en")
    CASES = ("declared", "older")
    PARAMS = {
        "on_topic": Param(list, [], "words naming disclosure work: a sentence with one is on topic",
                          required=True),
        "off_topic": Param(list, [], "words naming other business: a sentence with one (and no "
                                            "disclosure word) is off topic", required=True),
        "threshold": Param((int, float), 0.5, "the share of a unit's characters in off-topic sentences "
                                              "above which it is reported (0–1)"),
        "min_chars": Param(int, 200, "units shorter than this (characters, without spaces) are not judged"),
        "formats": Param(list, ["2021"], "formats the requirement applies to in full; others get case 'older'"),
    }

    @staticmethod
    def validate_params(params):
        if not 0 < params["threshold"] < 1:
            raise ValueError("threshold must be between 0 and 1")
        if not params["on_topic"] or not params["off_topic"]:
            raise ValueError("on_topic and off_topic must each list at least one word")

    def check(self, doc, params):
        on_words = _folded(tuple(params["on_topic"]))
        off_words = _folded(tuple(params["off_topic"]))
        on_topic, off_topic = any_of(on_words), any_of(off_words)
        threshold = params["threshold"]
        for heading_span, heading_text, paragraphs in _units(doc):
            total = off = 0
            found = []  # the off-topic words of each sentence; counted only for a finding
            naming = []  # the paragraphs naming other business
            most = 0  # their size: at most this many characters are off topic
            for paragraph in paragraphs:
                squeezed = "".join(paragraph.text.split())
                if off_topic.search(squeezed) is None:
                    # No sentence (a slice of the paragraph) names other business: only their sizes
                    # count, and the sentences cover the paragraph (SENTENCE matches run end to end).
                    total += len(squeezed)
                    continue
                naming.append(paragraph)
                most += len(squeezed)
            # Most units cannot be reported whatever their sentences say, and those are not read:
            # a unit shorter than min_chars (the sentences' characters are at most the paragraphs'),
            # or one whose off-topic characters cannot outweigh the others (the total counts them
            # too: off > threshold * total needs off * (1 - threshold) > threshold * the others; one
            # character of margin for the float arithmetic).
            if total + most < params["min_chars"] or most * (1 - threshold) + 1 <= threshold * total:
                continue
            for paragraph in naming:
                for sentence in paragraph.iter_sentences():
                    text = "".join(sentence.text.split())
                    total += len(text)
                    if on_topic.search(text) is not None or off_topic.search(text) is None:
                        continue
                    hits = [word for word in off_words if word in text]
                    off += len(text)
                    found.extend(hits)
            if total < params["min_chars"] or off <= params["threshold"] * total:
                continue
            case = None
            if doc.format not in params["formats"]:
                case = "older"
            elif on_topic.search(heading_text) is not None:
                case = "declared"
            shown = [word for word, _count in Counter(found).most_common(SHOWN_WORDS)]
            yield Finding(heading_span, {"heading": heading_text, "share": round(100 * off / total),
                                         "threshold": round(100 * params["threshold"]), "words": "、".join(shown),
                                         "words_en": ", ".join(f'"{word}"' for word in shown)},
                          case=case)


def _units(doc):
    """(heading span, heading text, paragraphs) of each sub-section, and of each section's prose
    before its first sub-heading (or all of it, without sub-headings)."""
    for section in doc.sections:
        if not section.paragraphs:
            continue
        subheadings = sorted(section.subheadings, key=lambda sub: sub.span.start)
        starts = [sub.span.start for sub in subheadings]
        ends = starts[1:] + [section.span.end]
        # One pass: a paragraph belongs to the last sub-heading before it (while inside the
        # section), or to the lead when there is none.
        lead, owned = [], [[] for _sub in subheadings]
        for p in section.paragraphs:
            index = bisect_right(starts, p.span.start) - 1
            if index < 0:
                lead.append(p)
            elif p.span.start < ends[index]:
                owned[index].append(p)
        if lead:
            yield section.heading.span, section.heading.raw.strip(), lead
        for sub, own in zip(subheadings, owned):
            if own:
                yield sub.span, sub.text.strip(), own
