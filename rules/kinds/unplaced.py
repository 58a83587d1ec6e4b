"""unplaced-text: text the report grammar could not place."""
from __future__ import annotations

from govlint.grammar.shapes import is_han
from govlint.rules.api import CheckKind, Finding, check_kind

# The parser and the table builder say why a piece of text has no place, in English
# ("unexpected heading", "stray number in table 3"); messages give the reason in their language.
_REASONS_ZH = {
    "stray number in table 3": "表三中多出的数字",
    "numbers without a row label in table 3": "表三中没有行名的数字",
}
_TOKENS = {  # token type (lower case) → (zh, en)
    "title": ("标题", "title"), "byline": ("署名行", "byline"), "meta": ("说明行", "metadata line"),
    "heading": ("一级标题", "heading"), "subheading": ("二级标题", "sub-heading"),
    "text": ("正文", "text"), "link": ("链接", "link"),
    "t2_block": ("表二分项标题", "table 2 block header"), "caption": ("表格标题", "table caption"),
    "note": ("表注", "table note"), "head": ("表头", "table header"), "label": ("行名", "row label"),
    "cells": ("数字", "numbers"), "values": ("数字", "numbers"), "row": ("表格行", "table row"),
}


def reason_texts(reason: str) -> tuple[str, str]:
    """(zh, en) of a reason."""
    reason = str(reason or "")
    if reason in _REASONS_ZH:
        return _REASONS_ZH[reason], reason
    if reason.startswith("unexpected "):
        kind = reason[len("unexpected "):].strip()
        zh, en = _TOKENS.get(kind, (None, kind.replace("_", " ")))
        return (f"位置不符的{zh}" if zh else "位置不符的内容"), f"unexpected {en}"
    if any(is_han(ch) for ch in reason):
        return reason, "cannot be placed"
    return "无法归位", reason or "cannot be placed"


@check_kind
class UnplacedText(CheckKind):
    """Report text that the grammar could not place (a line outside any structure, numbers without a row)."""

    name = "unplaced-text"
    FIELDS = ("text", "reason", "reason_en")
    CASES = ("table",)

    def check(self, doc, params):
        text = doc.source.text
        for span, reason in doc.unplaced:
            zh, en = reason_texts(reason)
            yield Finding(span, {"text": _excerpt(text[span.start:span.end]), "reason": zh, "reason_en": en})
        for table in doc.tables():
            for span, reason in table.leftovers:
                zh, en = reason_texts(reason)
                yield Finding(span, {"text": _excerpt(text[span.start:span.end]), "reason": zh, "reason_en": en},
                              case="table")


def _excerpt(text: str, limit: int = 24) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit] + "…"
