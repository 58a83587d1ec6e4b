"""required-content: each content item a pack lists is covered somewhere in the report.

The 2008 pack lists the items of 条例 第三十二条 with it: reports up to 2018 have no fixed headings.
"""
from __future__ import annotations

from typing import Iterator

from govlint.grammar.shapes import SUBHEADING_NUMBER
from govlint.rules.api import CheckKind, Finding, Param, check_kind
from govlint.rules.kinds._util import any_of, compiled, doc_start


@check_kind
class RequiredContent(CheckKind):
    """Each content item is covered somewhere in the report (a heading or a sentence names it or states it)."""

    name = "required-content"
    FIELDS = ("item",)
    CASES = ("optional", "incomplete", "no_heading")
    PARAMS = {"items": Param(list, [], "list of {name, any_of: [phrases], patterns: [regexes], "
                                       "case: optional|incomplete}", required=True),
              "section": Param(int, 0, "a mandated section id: look only in that section (its sub-headings "
                                       "and prose) and point at its heading; nothing when it is missing "
                                       "(0: the whole report)"),
              "fallback": Param(str, "", "with a section: 'document' searches the whole report when the "
                                         "section is missing (and points at the report's start)"),
              "headings_decide": Param(int, 0, "with a section: when at least this many items are named by its "
                                                "sub-headings, the section is written by sub-heading: an item its "
                                                "prose names but no sub-heading does is case 'no_heading' (0: off)"),
              "together": Param(bool, False, "one finding naming every missing item (else one per item)")}

    @staticmethod
    def validate_params(params):
        for item in params["items"]:
            if not isinstance(item, dict) or "name" not in item or not (item.get("any_of") or item.get("patterns")):
                raise ValueError("each item needs a 'name' and phrases ('any_of') or regexes ('patterns')")
            for pattern in item.get("patterns", []):
                compiled(pattern)

    def check(self, doc, params):
        anchor = doc_start(doc)
        section = doc.section(params["section"]) if params["section"] else None
        if section is not None and section.heading.quality == "headless":
            section = None
        if section is not None:
            anchor = section.heading.span
            if params["fallback"] == "document" and not section.subheadings \
                    and next(doc.paragraphs(params["section"]), None) is None:
                section = None  # a heading with nothing under it: look everywhere, as for a missing one
        if params["section"] and section is None and params["fallback"] != "document":
            return
        if section is not None:
            parts = [section] + [s for s in doc.sections if s.parent is section]
            texts = [paragraph.squeezed.text for paragraph in doc.paragraphs(params["section"])]
            texts.extend(sub.text for part in parts for sub in part.subheadings)
        else:
            texts = [section.heading.text for section in doc.sections]
            texts.extend(paragraph.squeezed.text for paragraph in doc.paragraphs())
            texts.extend(sub.text for section in doc.sections for sub in section.subheadings)
        blob = "\n".join(texts)
        items = [(item, _searches(item)) for item in params["items"]]
        missing = [item for item, searches in items if not _names(searches, blob)]
        unheaded: list = []
        if section is not None and params["headings_decide"]:
            headings = "\n".join([sub.text for part in parts for sub in part.subheadings]
                                  + list(_run_in_openings(texts)))
            if sum(_names(searches, headings) for _item, searches in items) >= params["headings_decide"]:
                # written by sub-heading: an item its prose names in passing but no sub-heading names
                unheaded = [item for item, searches in items
                            if item not in missing and not _names(searches, headings)]
        if params["together"]:
            if missing:
                cases = {item.get("case") for item in missing}
                yield Finding(anchor, {"item": "”、“".join(item["name"] for item in missing)},
                              case=cases.pop() if len(cases) == 1 else None)
        else:
            for item in missing:
                yield Finding(anchor, {"item": item["name"]}, case=item.get("case"))
        if unheaded:
            yield Finding(anchor, {"item": "”、“".join(item["name"] for item in unheaded)}, case="no_heading")


def _run_in_openings(texts) -> Iterator[str]:
    """The words after a sub-heading's numbering that opens a sentence of the prose (…。（四）平台建设
    情况加强…): a sub-heading run into its paragraph that the outline did not find (a crawler's text
    joined with nothing between)."""
    for text in texts:
        for match in SUBHEADING_NUMBER.finditer(text):
            if match.start() == 0 or text[match.start() - 1] in RUN_IN_BEFORE:
                yield text[match.end():match.end() + RUN_IN_WORDS]


RUN_IN_BEFORE = "。;:!?"  # what may stand before a run-in sub-heading (folded text)
RUN_IN_WORDS = 12         # its words: an aspect's name comes first (平台建设情况…)


def _searches(item: dict) -> list:
    """The searches of an item: one for its phrases (if any), one per pattern."""
    phrases = item.get("any_of", [])
    return ([any_of(tuple(phrases))] if phrases else []) + [compiled(pattern) for pattern in item.get("patterns", [])]


def _names(searches: list, text: str) -> bool:
    """Does the text name the item (one of its phrases, or a match of one of its patterns)?"""
    for search in searches:
        if search.search(text) is not None:
            return True
    return False
