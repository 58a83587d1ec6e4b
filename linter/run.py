"""One run of the ``check`` command over its files: lint, or fix, then filter by the baseline.

Kept apart from the CLI so that the order of things (fix, re-lint, baseline) is in one place.
"""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass

from .baseline import Baseline
from .engine import FileResult, Linter
from .fixes import encode, fix_source, unified_diff, write_atomically
from .source import InputError


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
        self.notes: list[str] = []       # things to tell the user on stderr

    def check(self, path: str) -> FileResult:
        options = self.options
        try:
            source = self.linter.read(path)
        except InputError as exc:
            return FileResult(self._name(path), error=str(exc))
        if path == "-" and options.stdin_filename:
            source.path = options.stdin_filename
        if not (options.fix or options.diff):
            result = self.linter.lint_source(source)
        elif not (source.writable or path == "-"):
            self.notes.append(f"{source.path}: not a plain-text file ({source.kind}); reported, not fixed")
            result = self.linter.lint_source(source)
        else:
            outcome = fix_source(self.linter, source, options.unsafe_fixes)
            result = outcome.result
            result.fixed = outcome.applied
            if outcome.applied:
                if options.diff:
                    result.diff = unified_diff(source.path, source.text, outcome.text)
                elif path == "-":
                    sys.stdout.buffer.write(encode(source, outcome.text))
                else:
                    write_atomically(path, encode(source, outcome.text))
        self._apply_baseline(result)
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
