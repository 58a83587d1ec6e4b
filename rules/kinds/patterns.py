"""Generic text checks driven by regexes in the rule pack: pattern-required, pattern-forbidden, substitute.

They read prose paragraphs (PDF-inserted spaces removed) in a scope:
``document``, ``preamble`` or a list of mandated section ids (1 = 一、总体情况 …).
"""
from __future__ import annotations

import re
from functools import lru_cache

from govlint.rules.api import CheckKind, Edit, Finding, Param, check_kind
from govlint.rules.kinds._util import ANCHORS, anchor_span, compiled, prose, search

_SCOPE = Param((list, str, int), "document", "document, preamble, or a list of section ids")


def _validate(patterns):
    for pattern in patterns:
        try:
            compiled(pattern)
        except Exception as exc:  # re.error
            raise ValueError(f"invalid regular expression {pattern!r}: {exc}") from None


@check_kind
class PatternRequired(CheckKind):
    """At least one of the patterns occurs in the scope (else: one diagnostic at the anchor)."""

    name = "pattern-required"
    FIELDS = ()
    PARAMS = {
        "patterns": Param(list, [], "regexes; one match anywhere in scope is enough", required=True),
        "scope": _SCOPE,
        "fallback_scope": Param((list, str, int, type(None)), None, "a wider scope searched when the first is absent"),
        "anchor": Param((str, int), "preamble", f"where to point: {ANCHORS}"),
    }

    @staticmethod
    def validate_params(params):
        _validate(params["patterns"])

    def check(self, doc, params):
        paragraphs = prose(doc, params["scope"])
        if not paragraphs and params["fallback_scope"] is not None:
            paragraphs = prose(doc, params["fallback_scope"])
        for pattern in params["patterns"]:
            for _ in search(paragraphs, compiled(pattern)):
                return
        yield Finding(anchor_span(doc, params["anchor"]), {})


@check_kind
class PatternForbidden(CheckKind):
    """None of the patterns occurs in the scope (each match is a diagnostic)."""

    name = "pattern-forbidden"
    FIELDS = ("found",)
    PARAMS = {"patterns": Param(list, [], "regexes that must not occur", required=True), "scope": _SCOPE}

    @staticmethod
    def validate_params(params):
        _validate(params["patterns"])

    def check(self, doc, params):
        paragraphs = prose(doc, params["scope"])
        for pattern in params["patterns"]:
            for paragraph, match in search(paragraphs, compiled(pattern)):
                yield Finding(paragraph.squeezed_span(match.start(), match.end()), {"found": match.group()})


@check_kind
class Substitute(CheckKind):
    """A wrong expression with its certain replacement (a safe fix)."""

    name = "substitute"
    FIELDS = ("found", "expected")
    PARAMS = {
        "replacements": Param(list, [], "list of {pattern: regex, replacement: template with \\1, "
                                         "within: regex (optional)}", required=True),
        "scope": _SCOPE,
    }

    @staticmethod
    def validate_params(params):
        for item in params["replacements"]:
            if not isinstance(item, dict) or "pattern" not in item or "replacement" not in item:
                raise ValueError("each replacement needs 'pattern' and 'replacement'")
            _validate([item["pattern"]] + ([item["within"]] if item.get("within") else []))

    def check(self, doc, params):
        paragraphs = prose(doc, params["scope"])
        for item in params["replacements"]:
            pattern = compiled(item["pattern"])
            if item.get("within"):
                matches = search_within(paragraphs, compiled(item["within"]), pattern)
            else:
                matches = search(paragraphs, pattern)
            expanded = {}  # Match.expand parses the template on every call: once per distinct match
            for paragraph, match in matches:
                span = paragraph.squeezed_span(match.start(), match.end())
                found = match.group()
                key = (found, match.groups())
                expected = expanded.get(key)
                if expected is None:
                    expected = expanded[key] = match.expand(item["replacement"])
                yield Finding(span, {"found": found, "expected": expected},
                              edits=_minimal_edits(paragraph, match, expected))


def search_within(paragraphs, region: re.Pattern, pattern: re.Pattern):
    """(paragraph, match) of ``pattern`` inside the matches of ``region`` only.

    A condition on the context ("inside 《…》") written as a lookahead, ``<x>(?=[^《》]*》)``,
    rescans the rest of the line for every match: quadratic on a long line of matches.
    Matching the regions once and the pattern inside each keeps it linear."""
    whole_text_first = _end_blind(pattern.pattern)
    for paragraph in paragraphs:
        text = paragraph.squeezed.text
        if whole_text_first and not pattern.search(text):
            continue  # no match in the whole text: none inside a region of it
        for area in region.finditer(text):
            for match in pattern.finditer(text, area.start(), area.end()):
                yield paragraph, match


# What can see where the text ends: a pattern with none of these that matches inside a region
# (searched with endpos) matches in the whole text too.
_END_SENSITIVE = re.compile(r"\(\?[=!]|\$|\\[bBZ]")


@lru_cache(maxsize=64)
def _end_blind(pattern: str) -> bool:
    return _END_SENSITIVE.search(pattern) is None


def _minimal_edits(paragraph, match, expected: str) -> list:
    """Edits that change only the characters that differ, so line breaks inside the match survive."""
    found = match.group()
    if len(found) != len(expected):
        span = paragraph.squeezed_span(match.start(), match.end())
        return [Edit(span.start, span.end, expected)]
    edits = []
    for offset, (old, new) in enumerate(zip(found, expected)):
        if old != new:
            at = paragraph.squeezed_span(match.start() + offset, match.start() + offset + 1)
            edits.append(Edit(at.start, at.end, new))
    return edits
