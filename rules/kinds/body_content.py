"""body-content: what a report must state because of who it is by (GL606, GL607).

A government's report (``doc.body.kind``, govlint.parse.body) states the results of 工作考核, 社会评议
and 责任追究 (条例 第五十条; domain.md §3.2, X-16); its 六 reports 人大代表建议和政协提案办理结果公开
and the 年度政务公开工作要点 (domain.md §3.4), a department's the 人大代表建议和政协提案 it handled.
The rule lists the items, each with the words that state it (and, optionally, the kinds it is asked of); an item is stated when one of its words is in the prose (or a sub-heading) of the
sections named.  One finding per report, at the heading of the first section named, listing every
item left out; a report whose body is of another kind, or whose title names no body, is not checked.
"""
from __future__ import annotations

from govlint.rules.api import CheckKind, Finding, Param, check_kind
from govlint.rules.kinds._util import section_anchor

KINDS = ("government", "government-office", "department")


@check_kind
class BodyContent(CheckKind):
    """Items a body of some kind must state, each by one of its words, in the sections named."""

    name = "body-content"
    FIELDS = ("body", "items", "items_en")
    CASES = ("government-office", "department")  # the message names the body's kind
    PARAMS = {
        "kinds": Param(list, ["government"], "the kinds of body checked: " + ", ".join(KINDS)),
        "sections": Param(list, [], "the mandated sections (ids) where the items are stated; empty: the whole report"),
        "items": Param(list, [], "list of {name, name_en, any_of: [words], kinds (optional: the kinds it is asked of; "
                                 "default: every kind checked)}", required=True),
    }

    @staticmethod
    def validate_params(params):
        for kind in params["kinds"]:
            if kind not in KINDS:
                raise ValueError(f"kinds: {kind!r} is not one of {', '.join(KINDS)}")
        for section in params["sections"]:
            if not isinstance(section, int) or not 1 <= section <= 6:
                raise ValueError(f"sections: {section!r} is not a section id (1 … 6)")
        for item in params["items"]:
            if (not isinstance(item, dict) or not isinstance(item.get("name"), str)
                    or not isinstance(item.get("name_en"), str) or not item.get("any_of")
                    or not all(isinstance(word, str) and word for word in item["any_of"])):
                raise ValueError("each item needs a 'name', a 'name_en' and words ('any_of')")
            for kind in item.get("kinds", ()):
                if kind not in params["kinds"]:
                    raise ValueError(f"item {item['name']!r}: kind {kind!r} is not one of the rule's kinds")

    def check(self, doc, params):
        body = doc.body
        if body is None or body.kind not in params["kinds"]:
            return
        sections = params["sections"]
        if sections and all(doc.section(section) is None for section in sections):
            return  # the section is missing: the structure rules say so
        texts = _texts(doc, sections)
        asked = [item for item in params["items"] if body.kind in item.get("kinds", params["kinds"])]
        # One text and one search per item (a word holds no newline, so none is found across two texts).
        joined = "\n".join(texts)
        missing = [item for item in asked if not _found(item["any_of"], texts, joined)]
        if not missing:
            return
        anchor = next((section for section in sections if doc.section(section) is not None), 1)
        yield Finding(section_anchor(doc, anchor), {
            "body": body.name,
            "items": "、".join(f"“{item['name']}”" for item in missing),
            "items_en": ", ".join(f"\"{item['name']}\" ({item['name_en']})" for item in missing),
        }, case=None if body.kind == "government" else body.kind)


def _found(words, texts: list[str], joined: str) -> bool:
    """Whether a text holds one of the words."""
    if any("\n" in word for word in words):
        return any(word in text for text in texts for word in words)
    return any(word in joined for word in words)


def _texts(doc, sections) -> list[str]:
    """The squeezed prose and the sub-headings of the sections (all of the report when none)."""
    if not sections:
        owners = list(doc.sections)
        texts = [paragraph.squeezed.text for paragraph in doc.paragraphs()]
    else:
        owners = [item for item in doc.sections if (item.parent or item).canonical in sections]
        texts = [paragraph.squeezed.text for section in sections for paragraph in doc.paragraphs(section)]
    texts.extend("".join(sub.text.split()) for item in owners for sub in item.subheadings)
    return texts
