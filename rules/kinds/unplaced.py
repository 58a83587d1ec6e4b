"""unplaced-text: text the report grammar could not place."""
from __future__ import annotations

from govlint.diagnostics import Finding
from govlint.registry import CheckKind, check_kind


@check_kind
class UnplacedText(CheckKind):
    """Report text that the grammar could not place (a line outside any structure, numbers without a row)."""

    name = "unplaced-text"
    CASES = ("table",)

    def check(self, doc, params):
        text = doc.source.text
        for span, reason in doc.unplaced:
            yield Finding(span, {"text": _excerpt(text[span.start:span.end]), "reason": reason})
        for table in doc.tables():
            for span, reason in table.leftovers:
                yield Finding(span, {"text": _excerpt(text[span.start:span.end]), "reason": reason}, case="table")


def _excerpt(text: str, limit: int = 24) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit] + "…"
