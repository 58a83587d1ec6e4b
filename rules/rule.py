"""A rule: one entry of a rule pack, validated (``govlint.rules.schema``) and ready to run.

A rule joins a check kind and its parameters to what users see: the code, name, severity, and
the message, fix and help templates in zh and en.  A kind's findings carry fields (``FIELDS``);
``render`` fills the templates with them and makes the Diagnostic.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, Iterable

from govlint.diagnostics import Diagnostic, Finding, Fix
from govlint.grammar.spec import FORMATS
from govlint.rules.api import CheckKind


class _SafeArgs(dict):
    """A template field the finding lacks stays as written ("{x}") instead of raising."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


@dataclass
class Rule:
    code: str
    name: str
    family: str
    severity: str
    kind: CheckKind
    params: dict
    message: dict
    summary: dict
    description: str = ""  # the Chinese text; descriptions has every language's
    cases: dict = field(default_factory=dict)
    fix: dict | None = None
    help: dict | None = None
    examples: dict = field(default_factory=dict)
    formats: tuple = FORMATS
    enabled: bool = True
    pack: str = ""
    source: str = ""  # the pack's file
    descriptions: dict = field(default_factory=dict)  # lang → description (a pack may give zh only)

    @property
    def fixable(self) -> bool:
        """A fix for the rule's message or for one of its cases (GL204 fixes only a wrong issuer code)."""
        return self.fix is not None or any(spec.get("fix") for spec in self.cases.values())

    def describe(self, lang: str) -> str:
        """The description in ``lang``, else the Chinese one."""
        return self.descriptions.get(lang) or self.description

    def text(self, table: dict | None, lang: str, args: dict) -> str | None:
        """A template of ``table`` (lang → text; zh when ``lang`` has none) filled with ``args``."""
        if not table:
            return None
        template = table.get(lang) or table.get("zh") or next(iter(table.values()))
        return template.format_map(_SafeArgs(args))

    def render(self, finding: Finding, lang: str, severity: str | None = None) -> Diagnostic:
        """The diagnostic users see for one finding: the case's texts where it has its own."""
        case = self.cases.get(finding.case, {}) if finding.case else {}
        message = self.text(case.get("message") or self.message, lang, finding.args) or ""
        fix = None
        fix_text = self.text(case.get("fix") or self.fix, lang, finding.args)
        if finding.edits and fix_text:
            fix = Fix(fix_text, finding.edits, finding.safe and case.get("safe", True))
        help_text = fix_text or self.text(case.get("help") or self.help, lang, finding.args)
        chosen = severity or case.get("severity") or self.severity
        return Diagnostic(self.code, self.name, chosen, message, finding.span, fix, help_text,
                          list(finding.related), self.family, dict(finding.args))

    def run(self, doc: Any) -> Iterable[Finding]:
        return self.kind.check(doc, self.params)

    def with_params(self, params: dict) -> Rule:
        """The same rule with other parameters (a configuration's override)."""
        return dataclasses.replace(self, params=params)
