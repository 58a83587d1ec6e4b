"""The engine: read a file, parse it, run the rules that apply, collect diagnostics.

One file's trouble is that file's: an input error, or an unexpected exception anywhere in
reading, parsing or linting it, becomes its ``FileResult.error`` and the run goes on.
A file that is not an annual report at all gets one diagnostic saying so (the rules of kind
``not-a-report``, GL001) and no other rule runs on it.

What a rule reports depends on the document and the configured rules, never on which other rules
are selected.  One step needs the rules together: **table arithmetic**, "one wrong number, one
diagnostic".  A wrong table cell breaks several relations (its row total GL303, its column total
GL305, the column balance GL304); each failure is charged to one cell, and a relation through a
cell already charged is a consequence, not reported.  Which failure comes first must not depend on
the selection, so ``_joint_passes`` evaluates *every* cell-relation rule of the document's
format, selected or not, in rule order, in one pass, and only then are the selected rules' findings
kept.  Any kind can ask for this (``CheckKind.JOINT``, ``joint_pass``); the table arithmetic of
``govlint.rules.kinds.cell_relation`` does.  ``--ignore GL303`` hides GL303's diagnostic; it
does not make GL305 report the same cell.
"""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

from govlint.grammar.spec import FORMATS
from govlint.lint.config import Config, ConfigFinder, selected
from govlint.diagnostics import Diagnostic
from govlint.model import Document, Fingerprint
from govlint.parse.outline import parse
from govlint.rules.api import Finding
from govlint.rules.loader import Rule, builtin_rules, configured_rules
from govlint.support import i18n
from govlint.source import readers
from govlint.source import MAX_BYTES, InputError, Source
from govlint.support.yamlio import ConfigError

GATE_KIND = "not-a-report"  # the check kind whose finding means "this file is not a report"


# What govlint was doing when an internal error happened, in both languages.
STAGES = {"reading it": "读取", "checking it": "检查"}


def internal_error(path: str, stage: str, exc: BaseException) -> i18n.Message:
    return i18n.fmt("{path}: internal error while {stage}: {error} (please report this bug)",
                    "{path}: {stage_zh}时发生内部错误：{error}（这是 govlint 的缺陷，请报告）",
                    path=path, stage=stage, stage_zh=STAGES.get(stage, stage), error=f"{type(exc).__name__}: {exc}")


def rule_error(path: str, code: str, kind: str, exc: BaseException) -> i18n.Message:
    return i18n.fmt("{path}: internal error in {code} ({kind}): {error}",
                    "{path}: 规则 {code}（{kind}）发生内部错误：{error}",
                    path=path, code=code, kind=kind, error=f"{type(exc).__name__}: {exc}")


@dataclass
class Options:
    """What the command line says; None means "as the configuration says"."""

    config: str | None = None
    select: list | None = None
    extend_select: list = field(default_factory=list)
    ignore: list = field(default_factory=list)
    report_year: int | None = None
    lang: str | None = None
    pairing: bool = False  # make each report's Fingerprint for the cross-document pass (lint/across.py)


@dataclass
class FileResult:
    path: str
    source: Source | None = None
    doc: Document | None = None      # kept only when the Linter is asked to (HTML needs it)
    diagnostics: list = field(default_factory=list)
    error: str | None = None         # input error: the file could not be read (an i18n.Message: print i18n.text)
    internal_errors: list = field(default_factory=list)
    year: int | None = None
    format: str | None = None
    fixed: int = 0                   # fixes applied (--fix) or that would be (--diff)
    diff: str = ""                   # --diff: the unified diff of the fixes
    baselined: int = 0               # diagnostics the baseline accepted
    body: str | None = None          # who the report is by: Document.body's normalised name, else the title
    # The hook for a cross-document pass (pairing, copied text): a compact, picklable summary of the
    # report (tables, prose shingles …) made by ``Linter.fingerprint`` while the Document is still
    # there, in the worker process that parsed it (``--jobs``), and sent back with the diagnostics,
    # so the pass never needs the documents (govlint.lint.across; a model.Fingerprint, made only when
    # Options.pairing is on).
    fingerprint: object | None = None
    # The cross-document pass: the report this one was paired with (last year's), and ``cross``: this
    # result holds only the cross-document diagnostics of a file already reported (lint/across.py).
    paired_with: str | None = None
    cross: bool = False
    original: list = field(default_factory=list)  # cross: the diagnostics at offsets of the full report

    def count(self, severity: str) -> int:
        return sum(1 for d in self.diagnostics if d.severity == severity)


class Linter:
    """Lints files.  ``keep_documents``: keep each parsed Document in its result (the HTML
    report needs the tables); otherwise it is dropped once the rules have run, so a run over
    many files keeps only diagnostics and sources."""

    def __init__(self, options: Options | None = None, keep_documents: bool = True):
        self.options = options or Options()
        self.keep_documents = keep_documents
        self.finder = ConfigFinder(self.options.config)
        self._builtin: tuple[Rule, ...] | None = None
        self._rules: dict = {}
        self._active: dict = {}  # (rules key, format, select, ignore, extend) → active rules: one per batch, mostly
        self._partitions: dict = {}  # id(active rules) → (them, single-report, cross-document, gate, unrostered)

    # -- rules --------------------------------------------------------------------
    def all_rules(self, config: Config | None = None) -> list[Rule]:
        if self._builtin is None:
            self._builtin = builtin_rules()
        config = config or Config()
        key = config.rules_key  # its packs and its parameter overrides
        if key not in self._rules:
            self._rules[key] = configured_rules(self._builtin, config.rule_packs, config.rule_params)
        return self._rules[key]

    def applicable_rules(self, config: Config, fmt: str | None) -> list[Rule]:
        """The configured rules for a report of format ``fmt``, selected or not, in rule order."""
        if fmt is None:  # a report whose format is unknown gets only format-independent rules
            return [rule for rule in self.all_rules(config) if set(rule.formats) == set(FORMATS)]
        return [rule for rule in self.all_rules(config) if fmt in rule.formats]

    def active_rules(self, config: Config, fmt: str | None, path: str) -> list[Rule]:
        """The applicable rules that the selection (command line, configuration) turns on."""
        options = self.options
        select = options.select if options.select is not None else config.select
        ignore = list(config.ignore) + list(options.ignore) + config.ignored_for(path)
        extend = list(config.extend_select) + list(options.extend_select)
        key = (config.rules_key, fmt, None if select is None else tuple(select), tuple(ignore), tuple(extend))
        active = self._active.get(key)
        if active is None:
            active = self._active[key] = [rule for rule in self.applicable_rules(config, fmt)
                                          if selected(rule.code, select, ignore, rule.enabled, extend)]
        return active

    @staticmethod
    def severity_for(rule: Rule, config: Config) -> str | None:
        best = None
        best_len = -1
        for selector, level in config.severity.items():
            if rule.code.startswith(selector) and len(selector) > best_len:
                best, best_len = level, len(selector)
        return best

    # -- linting --------------------------------------------------------------------
    @staticmethod
    def read(path: str) -> Source:
        """The Source of a file (or of standard input for "-"); raises InputError."""
        try:
            data = sys.stdin.buffer.read(MAX_BYTES + 1) if path == "-" else _read_regular_file(path)
        except OSError as exc:
            raise InputError(i18n.fmt("{path}: cannot read: {reason}", "{path}: 无法读取：{reason}",
                                      path=path, reason=i18n.os_error(exc))) from None
        if len(data) > MAX_BYTES:
            raise InputError(too_large(path))
        return _render(data, path)

    def lint_path(self, path: str) -> FileResult:
        try:
            source = self.read(path)
        except InputError as exc:
            return FileResult(path, error=i18n.of(exc))
        return self.lint_source(source)

    def lint_bytes(self, data: bytes, path: str) -> FileResult:
        try:
            source = _render(data, path)
        except InputError as exc:
            return FileResult(path, error=i18n.of(exc))
        return self.lint_source(source)

    def lint_source(self, source: Source) -> FileResult:
        try:
            return self._lint(source)
        except ConfigError:
            raise  # the configuration's mistake, reported once for the run
        except Exception as exc:  # parser or engine bug: this file's error; the other files go on
            return FileResult(source.path, error=internal_error(source.path, "checking it", exc))

    def _lint(self, source: Source) -> FileResult:
        config = self.finder.for_file(source.path)
        year = self.options.report_year or config.report_year
        doc = parse(source, year=year)
        result = FileResult(source.path, source, doc, year=doc.year, format=doc.format)
        lang = self.options.lang or config.lang or "zh"
        rules, across, gate, unrostered = self._partition(self.active_rules(config, doc.format, source.path))
        report, gated = self._is_report(doc, gate)
        if not report:
            rules = gate
        joint = self._joint_passes(doc, config) if any(rule.kind.JOINT for rule in rules) else {}
        joint.update(gated)  # the gate's outcome, as it was found: not run a second time
        for rule in rules:
            if id(rule) in joint:
                findings, error = joint[id(rule)].findings, joint[id(rule)].error
            else:  # _Outcome.of, inline: this loop runs some 60 rules per report
                findings, error = [], None
                try:
                    findings.extend(rule.run(doc))
                except Exception as exc:  # the findings before the exception are kept
                    error = exc
            try:
                if findings:
                    severity = self.severity_for(rule, config)
                    for finding in findings:
                        result.diagnostics.append(rule.render(finding, lang, severity))
                if error is not None:
                    raise error
            except Exception as exc:  # a rule bug must not hide the other rules' findings
                result.internal_errors.append(rule_error(source.path, rule.code, rule.kind.name, exc))
        result.diagnostics.sort(key=Diagnostic.sort_key)
        result.body = body_name(doc)
        if self.options.pairing and report:
            # the roster kinds (GL807) keep the tables for the hierarchy: only when a roster names parents
            rostered = config.roster is not None and getattr(config.roster, "has_parents", True)
            result.fingerprint = self.fingerprint(doc, across if rostered else unrostered)
        if not self.keep_documents:
            result.doc = None
        return result

    def _partition(self, active: list[Rule]) -> tuple[list[Rule], list[Rule], list[Rule], list[Rule]]:
        """The single-report rules, the cross-document ones (they run after the batch, on fingerprints:
        lint/across.py), the gate's, and the cross-document ones but those about a roster (GL807: without a
        roster that names parents they extract nothing worth keeping), of an active list (cached:
        active_rules' lists are kept)."""
        cached = self._partitions.get(id(active))
        if cached is None or cached[0] is not active:
            own = [rule for rule in active if not getattr(rule.kind, "ACROSS", False)]
            across = [rule for rule in active if getattr(rule.kind, "ACROSS", False)]
            cached = self._partitions[id(active)] = (
                active, own, across, [rule for rule in own if rule.kind.name == GATE_KIND],
                [rule for rule in across if not getattr(rule.kind, "ROSTER", False)])
        return cached[1], cached[2], cached[3], cached[4]

    def _joint_passes(self, doc: Document, config: Config) -> dict[int, _Outcome]:
        """The outcome of every rule of a JOINT kind (table arithmetic: one wrong number, one
        diagnostic) of the document's format, selected or not: one pass per kind, its rules in rule
        order, so that what each rule finds never depends on the selection.  Keyed by id(rule)."""
        passes: dict[type, Callable[[dict], Iterable[Finding]]] = {}
        outcomes = {}
        for rule in self.applicable_rules(config, doc.format):
            if not rule.kind.JOINT:
                continue
            kind = type(rule.kind)
            if kind not in passes:
                passes[kind] = rule.kind.joint_pass(doc)
            check = passes[kind]
            outcomes[id(rule)] = _Outcome.of(lambda: check(rule.params))
        return outcomes

    def fingerprint(self, doc: Document, rules: Iterable[Rule] = ()) -> Fingerprint | None:
        """What the cross-document pass keeps of a report (``FileResult.fingerprint``, lint/across.py):
        the body's names, the year, and what each cross-document kind of ``rules`` extracts.  Runs
        once per report, in the process that parsed it; small (numbers, hashes, a few Places: a batch
        of 50,000 keeps them all) and picklable (it crosses from a ``--jobs`` worker)."""
        fingerprint = Fingerprint(path=doc.source.path, names=body_names(doc), year=doc.year, format=doc.format)
        extracted: set = set()
        for rule in rules:  # the cross-document kinds (rules/kinds/across_*.py): once per kind
            kind: Any = rule.kind
            if id(kind) not in extracted:
                extracted.add(id(kind))
                kind.extract(doc, fingerprint, rule.params)
        return fingerprint

    @staticmethod
    def _is_report(doc: Document, rules: list) -> tuple[bool, dict[int, _Outcome]]:
        """False when an active not-a-report rule finds the file is no annual report.  With that rule
        ignored the gate is off and every rule runs: a silent file would be a silent pass.  With it,
        the outcome of each gate rule asked, by id(rule), for the rule loop.  A gate rule that fails
        before it finds anything fails the file, as it always has."""
        outcomes: dict[int, _Outcome] = {}
        for rule in rules:
            if rule.kind.name != GATE_KIND:
                continue
            outcome = outcomes[id(rule)] = _Outcome.of(lambda: rule.run(doc))
            if outcome.findings:
                return False, outcomes
            if outcome.error is not None:
                raise outcome.error
        return True, outcomes


@dataclass
class _Outcome:
    """A rule's findings on a document, and the exception that stopped it (a rule bug), if any."""

    findings: list[Finding]
    error: Exception | None = None

    @classmethod
    def of(cls, check: Callable[[], Iterable[Finding]]) -> _Outcome:
        """Run ``check`` now and to the end; the findings before an exception are kept."""
        outcome = cls([])
        try:
            outcome.findings.extend(check())
        except Exception as exc:
            outcome.error = exc
        return outcome


def body_name(doc: Document) -> str | None:
    """Who the report is by, for the CSV and the per-body statistics: the normalised organ of the title
    (``Document.body``, parse/body.py) when it was found, else the title's text, else None."""
    body = getattr(doc, "body", None)
    name = getattr(body, "name", None)
    if name:
        return str(name)
    title = getattr(doc, "title", None)
    text = " ".join(str(getattr(title, "text", "") or "").split())
    return text or None


def body_names(doc: Document) -> tuple:
    """Who the report is by, for pairing it with last year's: the normalised organ of the title
    (``Document.body``), else the organ that signs it off; names without whitespace.  Empty: unknown."""
    body = getattr(doc, "body", None)
    name = getattr(body, "name", None)
    if not name:
        name = next((organ.name for organ in getattr(body, "named", ()) if organ.role == "signer"), None)
    name = "".join(str(name or "").split())
    return (name,) if name else ()


def _render(data: bytes, path: str) -> Source:
    """The reader's Source of a file's bytes; a reader bug is this file's InputError, never a traceback."""
    try:
        return readers.read(data, path)
    except InputError:
        raise
    except Exception as exc:
        raise InputError(internal_error(path, "reading it", exc)) from None


def _read_regular_file(path: str) -> bytes:
    """At most MAX_BYTES + 1 bytes of a regular file.  Opened without blocking and checked after
    opening: a FIFO named like a report would otherwise block the read forever."""
    from govlint.lint.walk import file_kind

    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    with os.fdopen(os.open(path, flags), "rb") as handle:
        kind = file_kind(os.fstat(handle.fileno()).st_mode)
        if kind is not None:
            raise InputError(not_a_file(path, kind))
        return handle.read(MAX_BYTES + 1)


def too_large(path: str) -> i18n.Message:
    mb = MAX_BYTES // 1024 // 1024
    return i18n.fmt("{path}: file is larger than {mb} MB; not a report", "{path}: 文件超过 {mb} MB，不是年度报告",
                    path=path, mb=mb)


def not_a_file(path: str, kind) -> i18n.Message:
    """"x: a named pipe (FIFO), not a report file" (``kind`` from walk.file_kind)."""
    return i18n.fmt("{path}: {kind}, not a report file", "{path}: {kind}，不是报告文件", path=path, kind=kind)


