"""One run of the ``check`` command over its files: lint, or fix, then filter by the baseline.

Kept apart from the CLI so that the order of things (fix, re-lint, baseline) is in one place.
"""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from typing import cast

from govlint.support import i18n
from govlint.lint.baseline import Baseline
from govlint.lint.linter import FileResult, Linter
from govlint.lint.fixes import WriteRefused, encode, fix_source, unified_diff, write_atomically
from govlint.source import InputError


@dataclass
class RunOptions:
    fix: bool = False
    unsafe_fixes: bool = False
    diff: bool = False
    baseline: str | None = None       # --baseline (else the configuration's)
    stdin_filename: str | None = None


class Run:
    def __init__(self, linter: Linter, options: RunOptions):
        self.linter = linter
        self.options = options
        self._baselines: dict = {}
        self.notes: list = []            # things to tell the user on stderr (i18n.Message)
        # Per-file problems that make the run exit 2 without hiding the file's diagnostics: a fix that
        # could not be written back ("draft.txt: is read-only (mode 0444); not fixed").
        self.errors: list = []

    def check(self, path: str) -> FileResult:
        options = self.options
        writing = options.fix and not options.diff and path != "-"
        try:
            # What the file was when read: a file changed meanwhile is not overwritten by --fix.
            before = os.stat(path) if writing else None
        except OSError:
            before = None
        try:
            source = self.linter.read(path)
        except InputError as exc:
            return FileResult(self._name(path), error=i18n.of(exc))
        if path == "-" and options.stdin_filename:
            source.path = options.stdin_filename
        if not (options.fix or options.diff):
            result = self.linter.lint_source(source)
        elif not (source.writable or (path == "-" and source.kind == "text")):
            self.notes.append(i18n.fmt("{path}: not a plain-text file ({kind}); reported, not fixed",
                                       "{path}: 不是纯文本文件（{kind}）；只报告问题，不修复", path=source.path,
                                       kind=source.kind))
            result = self.linter.lint_source(source)
        else:
            result = self._fix(path, source, before)
        self._apply_baseline(result)
        return result

    def _fix(self, path: str, source, before) -> FileResult:
        options = self.options
        outcome = fix_source(self.linter, source, options.unsafe_fixes)
        # FileResults: fixes.FixOutcome types them as object (fixes.py does not import the linter).
        result, original = cast(FileResult, outcome.result), cast(FileResult, outcome.original)
        for diag, added in outcome.skipped:
            self.notes.append(i18n.fmt("{path}: the fix of {code} ({message}) was not applied: it would add {added} "
                                       "(please report this bug)",
                                       "{path}: 未应用 {code}（{message}）的修复：它会新增 {added}（这是 govlint 的缺陷，请报告）",
                                       path=source.path, code=diag.code, message=diag.message,
                                       added=", ".join(sorted(added))))
        if path == "-" and not options.diff:
            # A filter: the report goes to stdout, fixed or not (nothing to fix must not mean no report).
            sys.stdout.buffer.write(encode(source, outcome.text))
            sys.stdout.buffer.flush()
        if not outcome.applied:
            return result
        if options.diff:
            result.diff = unified_diff(source.path, source.text, outcome.text, source)
        elif path != "-":
            try:
                write_atomically(path, encode(source, outcome.text), before)
            except OSError as exc:
                # Refused or failed: the file is as it was, so its diagnostics are the original ones.
                self.errors.append(exc.message if isinstance(exc, WriteRefused)
                                   else i18n.fmt("{path}: not fixed: cannot write it: {reason}",
                                                 "{path}: 未修复：无法写入：{reason}", path=path,
                                                 reason=i18n.os_error(exc)))
                return original
        result.fixed = outcome.applied
        return result

    def _name(self, path: str) -> str:
        return self.options.stdin_filename if path == "-" and self.options.stdin_filename else path

    def _apply_baseline(self, result: FileResult) -> None:
        path = self.options.baseline
        if path is None:
            config = self.linter.finder.for_file(result.path)
            if config.baseline_error is not None:
                raise config.baseline_error
            path = config.baseline
        if not path or result.source is None:
            return
        path = os.path.abspath(path)
        if path not in self._baselines:
            self._baselines[path] = Baseline(path)
        result.baselined = self._baselines[path].filter(result)
