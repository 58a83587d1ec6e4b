"""preamble-parts: the preamble's list of the report's parts against its headings (GL609, X-14).

Many preambles say what the report consists of ("本报告由总体情况、…和其他需要报告的事项组成").  The
list is the document's (``doc.entities.part_lists``, found by govlint.parse.entities); this kind
compares each item with the report's headings, loosely: whitespace, punctuation and the little
words in ``ignore`` (的, 和, 及 …) do not count, and an item may name a section by its own
heading or by the mandated one (a reworded heading is GL104's to report).  One finding per list:

* an item that names no heading of the report and no mandated heading (the default case: the list uses other words, such as the
  条例's "因政府信息公开被申请行政复议…", where the headings have the format's);
* else, a mandated section the report has that the list leaves out (case ``unlisted``).
"""
from __future__ import annotations

from functools import lru_cache

from govlint.grammar.spec import spec
from govlint.rules.api import CheckKind, Finding, Param, check_kind

PUNCTUATION = "、，,。.;；:：“”\"'()（）"
_DROP_PUNCTUATION = str.maketrans("", "", PUNCTUATION)


@lru_cache(maxsize=4096)  # the same headings and items, report after report
def _key(text: str, ignore: tuple) -> str:
    text = "".join(text.split()).translate(_DROP_PUNCTUATION)
    for word in ignore:
        text = text.replace(word, "")
    return text


def _heading_words(heading: str) -> str:
    """A mandated heading without its numeral: 一、总体情况 → 总体情况."""
    return heading.split("、", 1)[1] if "、" in heading else heading


@check_kind
class PreambleParts(CheckKind):
    """The preamble's list of the report's parts does not match its headings."""

    name = "preamble-parts"
    FIELDS = ("items", "headings")
    CASES = ("unlisted",)
    PARAMS = {"ignore": Param(list, [], "little words that do not count when comparing (的, 和 …)")}

    def check(self, doc, params):
        if not doc.entities.part_lists:
            return  # most preambles list no parts: skip building the headings' keys
        ignore = tuple(params["ignore"])
        sections = [s for s in doc.sections if s.heading.quality != "headless"]
        keys = {_key(s.heading.text, ignore) for s in sections}
        # A listed part whose mandated heading is missing from the report is the structure rules' to
        # report (GL102), not a mismatch of the list.
        keys |= {_key(_heading_words(spec().heading(canonical)), ignore) for canonical in range(1, 7)}
        by_section = {}
        for section in doc.mandated_sections:
            if section.heading.quality == "headless":
                continue
            own = {_key(section.heading.text, ignore), _key(_heading_words(spec().heading(section.canonical)), ignore)}
            by_section[section.canonical] = own
            keys |= own
        for part_list in doc.entities.part_lists:
            items = part_list.groups["items"]
            item_keys = {_key(text, ignore) for text, _span in items}
            unmatched = [(text, span) for text, span in items if _key(text, ignore) not in keys]
            if unmatched:
                yield Finding(unmatched[0][1], {"items": "”“".join(text for text, _span in unmatched),
                                                "headings": ""}, related=[span for _text, span in unmatched[1:]])
                continue
            unlisted = [spec().heading(canonical) for canonical, own in sorted(by_section.items())
                        if not own & item_keys]
            if unlisted:
                yield Finding(part_list.span, {"items": "", "headings": "”“".join(unlisted)}, case="unlisted")
