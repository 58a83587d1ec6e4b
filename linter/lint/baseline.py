"""Baselines: accept the diagnostics a report has today, report only new ones.

A report cannot carry suppression comments (it is published as written), so
known issues are recorded outside it::

    govlint drafts/ --write-baseline govlint-baseline.json
    govlint drafts/ --baseline govlint-baseline.json      # or `baseline:` in .govlint.yaml

Each entry names its file (relative to the baseline's folder), the rule code
and a fingerprint of the offending text and its line, so entries survive lines
moving up or down; editing the flagged text makes the diagnostic new again.  A file name that
is not valid UTF-8 is recorded with its undecodable bytes as ``\\xNN`` (as ``--format json``
shows it), so the baseline is always valid UTF-8 JSON.
"""
from __future__ import annotations

import hashlib
import json
import os
from collections import Counter

from govlint.support import i18n
from govlint.support.escaping import display_path, json_text
from govlint.support.yamlio import ConfigError

VERSION = 1


def fingerprint(result, diag) -> str:
    source = result.source
    line = source.line_of(diag.span.start)
    context = "".join(source.line_text(line).split())
    culprit = "".join(source.text[diag.span.start:diag.span.end].split())
    return hashlib.sha256(f"{diag.code}\0{culprit}\0{context}".encode("utf-8")).hexdigest()[:16]


def _key(path: str, base: str) -> str:
    if path == "-":
        return path
    return display_path(os.path.relpath(os.path.abspath(path), base).replace(os.sep, "/"))


def write(path: str, results) -> int:
    base = os.path.dirname(os.path.abspath(path))
    files = {}
    count = 0
    for result in results:
        if result.source is None or not result.diagnostics:
            continue
        entries = []
        for diag in result.diagnostics:
            line, column = result.source.position(diag.span.start)
            entries.append({"code": diag.code, "fingerprint": fingerprint(result, diag),
                            "line": line, "message": diag.message})
        files[_key(result.path, base)] = entries
        count += len(entries)
    document = {"version": VERSION, "tool": "govlint", "files": dict(sorted(files.items()))}
    data = (json_text(document, indent=2) + "\n").encode("utf-8")
    if os.path.exists(path):
        from govlint.lint.fixes import write_atomically

        write_atomically(path, data)
    else:
        with open(path, "wb") as handle:
            handle.write(data)
    return count


class Baseline:
    def __init__(self, path: str):
        self.path = path
        self.base = os.path.dirname(os.path.abspath(path))
        try:
            with open(path, encoding="utf-8") as handle:
                document = json.load(handle)
        except OSError as exc:
            raise ConfigError(path, None, None, i18n.fmt("cannot read baseline: {reason}", "无法读取基线文件：{reason}",
                                                         reason=i18n.os_error(exc))) from None
        except ValueError as exc:
            raise ConfigError(path, getattr(exc, "lineno", None), getattr(exc, "colno", None),
                              i18n.fmt("baseline is not valid JSON: {error}", "基线文件不是有效的 JSON：{error}",
                                       error=exc.msg if hasattr(exc, "msg") else exc)) from None
        if not isinstance(document, dict) or document.get("version") != VERSION or \
                not isinstance(document.get("files"), dict):
            raise ConfigError(path, None, None, i18n.msg("not a govlint baseline (expected version 1 with 'files')",
                                                         "不是 govlint 基线文件（应为含 'files' 的第 1 版）"))
        self.files = {}
        for name, entries in document["files"].items():
            counts: Counter[tuple[str, str]] = Counter()
            for entry in entries:
                if not isinstance(entry, dict) or not entry.get("code") or not entry.get("fingerprint"):
                    raise ConfigError(path, None, None, i18n.fmt(
                        "baseline entry for {name} must name its rule and fingerprint",
                        "基线文件中 {name} 的条目应写明规则和指纹（fingerprint）", name=name))
                counts[(entry["code"], entry["fingerprint"])] += 1
            self.files[name] = counts

    def filter(self, result) -> int:
        """Drop the diagnostics the baseline knows; return how many were dropped."""
        known = Counter(self.files.get(_key(result.path, self.base), {}))
        if not known or result.source is None:
            return 0
        kept = []
        dropped = 0
        for diag in result.diagnostics:
            key = (diag.code, fingerprint(result, diag))
            if known[key] > 0:
                known[key] -= 1
                dropped += 1
            else:
                kept.append(diag)
        result.diagnostics = kept
        return dropped
