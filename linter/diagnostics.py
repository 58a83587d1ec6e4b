"""Diagnostics, fixes and what a check kind reports (a Finding)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from govlint.source import Source, Span

SEVERITIES = ("info", "warning", "error")
SEVERITY_RANK = {name: rank for rank, name in enumerate(SEVERITIES)}


@dataclass(frozen=True)
class Edit:
    """Replace original text [start, end) with ``replacement``."""

    start: int
    end: int
    replacement: str


@dataclass
class Fix:
    description: str
    edits: list[Edit]
    safe: bool = True

    def to_json(self, source: Source) -> dict:
        edits = []
        for edit in self.edits:
            line, column = source.position(edit.start)
            end_line, end_column = source.position(edit.end)
            edits.append({"line": line, "column": column, "end_line": end_line, "end_column": end_column,
                          "start_offset": edit.start, "end_offset": edit.end, "replacement": edit.replacement})
        return {"description": self.description, "safe": self.safe, "edits": edits}


@dataclass
class Finding:
    """What a check kind reports; the engine turns it into a Diagnostic.

    ``case`` selects a case-specific message/severity from the rule pack;
    ``args`` fill the message template; ``edits`` make a fix when the rule
    pack gives the fix a description.
    """

    span: Span
    args: dict = field(default_factory=dict)
    case: str | None = None
    edits: list[Edit] | None = None
    safe: bool = True
    related: list[Span] = field(default_factory=list)


@dataclass
class Diagnostic:
    code: str
    name: str
    severity: str
    message: str
    span: Span
    fix: Fix | None = None
    help: str | None = None
    related: list[Span] = field(default_factory=list)
    family: str = ""
    data: dict = field(default_factory=dict)  # the facts behind the message (found, expected …)

    def sort_key(self):
        return (self.span.start, self.span.end, self.code)

    def location(self, source: Source) -> dict:
        line, column = source.position(self.span.start)
        end_line, end_column = source.position(self.span.end)
        return {"line": line, "column": column, "end_line": end_line, "end_column": end_column}


def fails(diagnostics: Iterable[Diagnostic], fail_on: str) -> bool:
    """Does any diagnostic reach the severity ``fail_on`` (error, warning, info)?  Exit status 1 if so."""
    threshold = SEVERITY_RANK[fail_on]
    return any(SEVERITY_RANK[d.severity] >= threshold for d in diagnostics)
