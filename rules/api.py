"""The rule API: everything a check kind may use, in one place.

A check kind (one module in rules/kinds/, or a plug-in's class) imports from here, from
``govlint.model`` (the document tree it queries) and from ``govlint.grammar`` (the mandated format
as data, and the shapes of report text) — nothing else of govlint; import-linter holds that line.

A check kind is a class with a ``name`` (what rule packs write as ``kind:``), a ``PARAMS`` table
(name → Param: type, default, description), the ``FIELDS`` of its findings (the names a rule's
message, fix and help templates may use: checked when a pack loads), the ``CASES`` it reports,
and a ``check(doc, params)`` method that yields Findings, registered with ``@check_kind``.  A
module in rules/kinds/ is found without being listed.  See docs/architecture.md, "Add a check kind".
"""
from __future__ import annotations

from govlint.diagnostics import Edit, Finding, Fix
from govlint.rules.kind import CheckKind, Param
from govlint.rules.registry import register as check_kind
from govlint.source.fold import fold
from govlint.source.text import Span

__all__ = ["CheckKind", "Edit", "Finding", "Fix", "Param", "Span", "check_kind", "fold"]
