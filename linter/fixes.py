"""Fixes: apply the diagnostics' edits to a report, and write it back safely.

* Safe fixes are applied by ``--fix``; unsafe ones (a reworded heading, an
  inserted heading) only with ``--unsafe-fixes``.
* Edits that overlap an edit already taken wait for the next round; rounds
  repeat (the report is linted again) until nothing more applies, so a second
  ``--fix`` run changes nothing.
* The file is written atomically (a temporary file in the same folder, then a
  rename) in its original encoding, byte-order mark and line endings, keeping
  its permissions.
"""
from __future__ import annotations

import codecs
import difflib
import os
import tempfile
from dataclasses import dataclass, field

from .source import Source

MAX_ROUNDS = 10
_BOM_CODECS = {
    codecs.BOM_UTF8: "utf-8",
    codecs.BOM_UTF32_LE: "utf-32-le",
    codecs.BOM_UTF32_BE: "utf-32-be",
    codecs.BOM_UTF16_LE: "utf-16-le",
    codecs.BOM_UTF16_BE: "utf-16-be",
}


@dataclass
class FixOutcome:
    text: str                          # the report after the fixes
    applied: int = 0                   # how many diagnostics' fixes were applied
    result: object = None              # the FileResult of the fixed text (what remains)
    codes: list = field(default_factory=list)


def _clash(first: tuple, second: tuple) -> bool:
    """Do two edits touch the same text?  An insertion clashes with whatever touches its point."""
    (s1, e1), (s2, e2) = first, second
    if s1 == e1:
        return s2 <= s1 <= e2
    if s2 == e2:
        return s1 <= s2 <= e1
    return s1 < e2 and s2 < e1


def apply_edits(text: str, fixes) -> tuple[str, int]:
    """Apply non-overlapping fixes (each all of its edits or none); return (text, fixes applied)."""
    taken = []
    chosen = 0
    for fix in sorted(fixes, key=lambda f: min(e.start for e in f.edits)):
        edits = [(e.start, e.end, e.replacement) for e in fix.edits]
        if any(_clash((s, e), (ts, te)) for s, e, _ in edits for ts, te, _ in taken):
            continue  # overlaps an edit already taken: next round
        taken.extend(edits)
        chosen += 1
    for start, end, replacement in sorted(taken, reverse=True):
        text = text[:start] + replacement + text[end:]
    return text, chosen


def fix_source(linter, source: Source, unsafe: bool = False) -> FixOutcome:
    """Lint, apply the fixes, lint again … until no fix applies."""
    text = source.text
    outcome = FixOutcome(text)
    current = source
    for _ in range(MAX_ROUNDS):
        result = linter.lint_source(current)
        fixes = [d.fix for d in result.diagnostics if d.fix is not None and (d.fix.safe or unsafe)]
        outcome.result = result
        if not fixes:
            break
        new_text, applied = apply_edits(current.text, fixes)
        if applied == 0 or new_text == current.text:
            break
        outcome.applied += applied
        outcome.codes.extend(d.code for d in result.diagnostics if d.fix in fixes)
        current = Source(new_text, source.path, source.encoding, source.bom, source.kind, source.locator,
                         source.bom_bytes)
    outcome.text = current.text
    return outcome


def encode(source: Source, text: str) -> bytes:
    """The text in the source's own encoding, with its byte-order mark."""
    if source.bom_bytes:
        return source.bom_bytes + text.encode(_BOM_CODECS[source.bom_bytes])
    encoding = "utf-8" if source.encoding == "utf-8-sig" else source.encoding
    return text.encode(encoding)


def write_atomically(path: str, data: bytes) -> None:
    """Replace ``path`` with ``data`` so that a crash leaves either the old or the new file."""
    folder = os.path.dirname(os.path.abspath(path))
    handle, temporary = tempfile.mkstemp(prefix=".govlint-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        try:
            os.chmod(temporary, os.stat(path).st_mode & 0o7777)
        except OSError:
            pass
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise


def unified_diff(path: str, before: str, after: str) -> str:
    lines = difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True),
                                 fromfile=f"a/{path}", tofile=f"b/{path}")
    text = "".join(line if line.endswith(("\n", "\r")) else line + "\n" for line in lines)
    return text
