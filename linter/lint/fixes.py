"""Fixes: apply the diagnostics' edits to a report, write it back safely, or show them as a diff.

* Safe fixes are applied by ``--fix``; unsafe ones (a reworded heading, an
  inserted heading) only with ``--unsafe-fixes``.
* Edits that overlap an edit already taken wait for the next round; rounds
  repeat (the report is linted again) until nothing more applies, so a second
  ``--fix`` run changes nothing.
* A fix never makes a report worse: after a round, the report's diagnostics must
  be those it had before less the ones fixed, counted by rule code (so that
  shifted lines do not matter), except for diagnostics a later round fixes.  A
  round that does worse is undone and the fixes that cause it are left out (and
  reported); if the end result is still worse, the fixing starts again with no
  such exception.
* The file is written atomically (a temporary file in the real file's folder,
  then a rename) in its original encoding, byte-order mark and line endings,
  keeping its permissions and owner, through a symbolic link.  What cannot be
  written that way is refused (``WriteRefused``), never half-done: a read-only
  file, a file with several hard links, a file whose owner cannot be kept, a
  folder where no temporary file can be made.
* ``--diff`` prints a unified diff that GNU ``patch`` applies: lines are split
  on ``\\n`` only, as ``diff`` and ``patch`` do (never on U+2028 or other
  Unicode line separators), and a last line without a line break is marked
  ``\\ No newline at end of file``.
"""
from __future__ import annotations

import codecs
import difflib
import errno
import os
import stat
import tempfile
from collections import Counter
from dataclasses import dataclass, field

from govlint.support import i18n
from govlint.source import Source

MAX_ROUNDS = 10
_BOM_CODECS = {
    codecs.BOM_UTF8: "utf-8",
    codecs.BOM_UTF32_LE: "utf-32-le",
    codecs.BOM_UTF32_BE: "utf-32-be",
    codecs.BOM_UTF16_LE: "utf-16-le",
    codecs.BOM_UTF16_BE: "utf-16-be",
}
TEMP_PREFIX, TEMP_SUFFIX = ".govlint-", ".tmp"


# -- applying fixes ------------------------------------------------------------------------------

@dataclass
class FixOutcome:
    text: str                          # the report after the fixes
    applied: int = 0                   # how many diagnostics' fixes were applied
    result: object = None              # the FileResult of the fixed text (what remains)
    codes: list = field(default_factory=list)
    original: object = None            # the FileResult of the report as it was
    skipped: list = field(default_factory=list)  # (diagnostic, Counter of what its fix would add)


def _clash(first: tuple, second: tuple) -> bool:
    """Do two edits touch the same text?  An insertion clashes with whatever touches its point."""
    (s1, e1), (s2, e2) = first, second
    if s1 == e1:
        return s2 <= s1 <= e2
    if s2 == e2:
        return s1 <= s2 <= e1
    return s1 < e2 and s2 < e1


def _choose(fixes) -> list:
    """The indexes of the fixes that can be applied together, in order (no two of them overlap)."""
    taken: list[tuple[int, int]] = []
    chosen: list[int] = []
    order = sorted(range(len(fixes)), key=lambda i: min(e.start for e in fixes[i].edits))
    for index in order:
        edits = [(e.start, e.end) for e in fixes[index].edits]
        if any(_clash(edit, other) for edit in edits for other in taken):
            continue  # overlaps an edit already taken: next round
        taken.extend(edits)
        chosen.append(index)
    return chosen


def _apply(text: str, fixes) -> str:
    edits = sorted(((e.start, e.end, e.replacement) for fix in fixes for e in fix.edits), reverse=True)
    for start, end, replacement in edits:
        text = text[:start] + replacement + text[end:]
    return text


def apply_edits(text: str, fixes) -> tuple[str, int]:
    """Apply non-overlapping fixes (each all of its edits or none); return (text, fixes applied)."""
    fixes = [fix for fix in fixes if fix.edits]
    chosen = [fixes[i] for i in _choose(fixes)]
    return _apply(text, chosen), len(chosen)


def _applicable(diag, unsafe: bool) -> bool:
    return diag.fix is not None and bool(diag.fix.edits) and (diag.fix.safe or unsafe)


def _added(before, after, fixed=(), unsafe: bool | None = None) -> Counter:
    """What ``after`` has beyond ``before`` less the diagnostics ``fixed`` (codes): by rule code, so
    that shifted lines do not matter, and rule crashes.  A fix must take its own diagnostic away and
    bring none: one that trades its diagnostic for another of the same rule is caught too.

    With ``unsafe`` given (True or False), diagnostics that come with a fix the run will apply are not
    counted: a later round fixes them (GL204's fix of a misspelt notice can reveal that it is the
    wrong year's notice, GL201, whose fix follows).
    """
    added = Counter(d.code for d in after.diagnostics) - (Counter(d.code for d in before.diagnostics)
                                                          - Counter(fixed))
    if unsafe is not None:
        added -= Counter(d.code for d in after.diagnostics if _applicable(d, unsafe))
    if len(after.internal_errors) > len(before.internal_errors):
        added["internal error"] = len(after.internal_errors) - len(before.internal_errors)
    return added


def _key(diag, text: str) -> tuple:
    """A fix, recognised from round to round although its offsets move."""
    return (diag.code, diag.message,
            tuple((text[e.start:e.end], e.replacement) for e in diag.fix.edits))


def fix_source(linter, source: Source, unsafe: bool = False) -> FixOutcome:
    """Lint, apply the fixes, lint again … until no fix applies; never add a diagnostic.

    A round may reveal a diagnostic that a later round fixes; if the end result still has a diagnostic
    the report did not have, the fixing starts again, strictly: no round may add anything.
    """
    original = linter.lint_source(source)
    outcome = _fix_rounds(linter, source, original, unsafe, tolerant=True)
    if _added(original, outcome.result, outcome.codes):
        outcome = _fix_rounds(linter, source, original, unsafe, tolerant=False)
    return outcome


def _fix_rounds(linter, source: Source, original, unsafe: bool, tolerant: bool) -> FixOutcome:
    outcome = FixOutcome(source.text, result=original, original=original)
    current, result = source, original
    refused = set()
    allowance = unsafe if tolerant else None

    def relint(text: str):
        new = Source(text, source.path, source.encoding, source.bom, source.kind, source.locator,
                     source.bom_bytes)
        return new, linter.lint_source(new)

    for _ in range(MAX_ROUNDS):
        candidates = [d for d in result.diagnostics
                      if _applicable(d, unsafe) and _key(d, current.text) not in refused]
        if not candidates:
            break
        taken = [candidates[i] for i in _choose([d.fix for d in candidates])]
        new_source, new_result = relint(_apply(current.text, [d.fix for d in taken]))
        if _added(result, new_result, [d.code for d in taken], allowance):
            # Undo the round; leave out each fix that adds a diagnostic by itself, then try the rest
            # together, or else the first of them alone (known to be harmless).
            alone = {}
            for diag in taken:
                trial = relint(_apply(current.text, [diag.fix]))
                added = _added(result, trial[1], [diag.code], allowance)
                if added:
                    refused.add(_key(diag, current.text))
                    outcome.skipped.append((diag, added))
                else:
                    alone[id(diag)] = trial
            harmless = [d for d in taken if id(d) in alone]
            if not harmless:
                continue  # the refused fixes are out of the candidates now
            new_source, new_result = relint(_apply(current.text, [d.fix for d in harmless]))
            if _added(result, new_result, [d.code for d in harmless], allowance):
                harmless = harmless[:1]
                new_source, new_result = alone[id(harmless[0])]
            taken = harmless
        if new_source.text == current.text:
            break
        outcome.applied += len(taken)
        outcome.codes.extend(d.code for d in taken)
        current, result = new_source, new_result
    outcome.text = current.text
    outcome.result = result
    return outcome


def encode(source: Source, text: str) -> bytes:
    """The text in the source's own encoding, with its byte-order mark."""
    if source.bom_bytes:
        return source.bom_bytes + text.encode(_BOM_CODECS[source.bom_bytes])
    encoding = "utf-8" if source.encoding == "utf-8-sig" else source.encoding
    return text.encode(encoding)


# -- writing the fixed report back ------------------------------------------------------------------

class WriteRefused(OSError):
    """The fixed report cannot be written back safely: the file is left exactly as it was.

    An OSError (``filename`` is the path, ``strerror`` the reason) so that callers that report
    write errors report this one too.
    """

    def __init__(self, path: str, reason, code: int | None = errno.EPERM):
        super().__init__(code, reason, path)

    def __str__(self) -> str:
        return f"{self.filename}: {self.strerror}"

    @property
    def message(self) -> i18n.Message:
        """"path: reason" in both languages."""
        return i18n.join(self.filename, ": ", self.strerror)


_CHANGED = i18n.msg("changed while govlint was fixing it; not fixed: run govlint again",
                    "在 govlint 修复期间文件被改动，未修复：请重新运行 govlint")


def _euid():
    return os.geteuid() if hasattr(os, "geteuid") else None


def refusal(info: os.stat_result, may_write: bool, euid: int | None) -> i18n.Message | None:
    """Why a file must not be rewritten by ``--fix``, or None.  (Pure: tested without a file system.)

    ``may_write``: os.access(W_OK) for the current user; ``euid`` None where there are no user ids.
    """
    if not stat.S_ISREG(info.st_mode):
        return i18n.msg("not a regular file; not fixed", "不是普通文件，未修复")
    if info.st_nlink > 1:
        return i18n.fmt("has {links} hard links; fixing it would break them (the other names would keep "
                        "the old text): fix a copy",
                        "有 {links} 个硬链接；修复会破坏这些链接（其他文件名仍是旧内容）：请修复一份副本",
                        links=info.st_nlink)
    mode = stat.S_IMODE(info.st_mode)
    # The superuser may write anything: a file nobody may write is read-only on purpose, for root too.
    if not mode & 0o222:
        return i18n.fmt("is read-only (mode {mode:04o}); not fixed: make it writable first, or fix a copy",
                        "是只读文件（权限 {mode:04o}），未修复：请先改为可写，或修复一份副本", mode=mode)
    if not may_write:
        mine = euid is not None and info.st_uid != euid
        return i18n.fmt("is not writable for you (mode {mode:04o}{owner}); not fixed",
                        "你没有写入权限（权限 {mode:04o}{owner_zh}），未修复", mode=mode,
                        owner=f", owner {info.st_uid}" if mine else "",
                        owner_zh=f"，属主 {info.st_uid}" if mine else "")
    return None


def _same_file(first: os.stat_result, second: os.stat_result) -> bool:
    return ((first.st_dev, first.st_ino, first.st_size, first.st_mtime_ns)
            == (second.st_dev, second.st_ino, second.st_size, second.st_mtime_ns))


def write_atomically(path: str, data: bytes, expected: os.stat_result | None = None) -> str:
    """Replace the file at ``path`` with ``data``: a crash leaves either the old or the new file.

    A symbolic link is followed: its target is rewritten (in the target's folder) and the link stays.
    The new file keeps the old one's mode and owner.  ``expected``: the file's os.stat() when it was
    read; if it changed since, nothing is written.  Returns the path written; raises WriteRefused
    (nothing written) or another OSError (nothing written either).  No temporary file is left behind,
    whatever happens (KeyboardInterrupt included).
    """
    real = os.path.realpath(path)
    try:
        info = os.stat(real)
    except OSError as exc:
        raise WriteRefused(path, i18n.fmt("cannot be read back: {reason}; not fixed", "无法重新读取：{reason}，未修复",
                                          reason=i18n.os_error(exc)), exc.errno) from None
    reason = refusal(info, os.access(real, os.W_OK), _euid())
    if reason:
        raise WriteRefused(path, reason, errno.EACCES)
    if expected is not None and not _same_file(expected, info):
        raise WriteRefused(path, _CHANGED, errno.EAGAIN)
    folder = os.path.dirname(real)
    try:
        handle, made = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX, dir=folder)
    except OSError as exc:
        raise WriteRefused(path, i18n.fmt("cannot create a temporary file in its folder {folder}: {reason}; not fixed",
                                          "无法在其所在文件夹 {folder} 中创建临时文件：{reason}，未修复",
                                          folder=folder, reason=i18n.os_error(exc)),
                           exc.errno or errno.EACCES) from None
    temporary: str | None = made  # what to remove if anything below fails
    try:
        with os.fdopen(handle, "wb") as stream:
            _keep_owner(stream.fileno(), info, path)
            _chmod(stream.fileno(), made, stat.S_IMODE(info.st_mode))  # after chown, which clears set-id bits
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if expected is not None and not _same_file(expected, os.stat(real)):
            raise WriteRefused(path, _CHANGED, errno.EAGAIN)
        os.replace(made, real)
        temporary = None
        _sync_folder(folder)
    finally:
        if temporary is not None:
            try:
                os.unlink(temporary)
            except OSError:
                pass
    return real


def _keep_owner(descriptor: int, info: os.stat_result, path: str) -> None:
    if not hasattr(os, "fchown"):
        return  # no owners to keep (Windows)
    mine = os.fstat(descriptor)
    if (mine.st_uid, mine.st_gid) == (info.st_uid, info.st_gid):
        return
    try:
        os.fchown(descriptor, info.st_uid, info.st_gid)
    except OSError:
        raise WriteRefused(path, i18n.fmt("belongs to user {uid}, group {gid}; govlint cannot give the fixed file "
                                          "the same owner, so it is not fixed: fix it as its owner",
                                          "属于用户 {uid}、用户组 {gid}；govlint 无法让修复后的文件保持同一属主，"
                                          "因此未修复：请以文件属主身份修复", uid=info.st_uid, gid=info.st_gid),
                           errno.EPERM) from None


def _chmod(descriptor: int, temporary: str, mode: int) -> None:
    if hasattr(os, "fchmod"):
        os.fchmod(descriptor, mode)
    else:
        os.chmod(temporary, mode)


def _sync_folder(folder: str) -> None:
    """Make the rename itself durable (best effort: not every system can open a folder)."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


# -- --diff -------------------------------------------------------------------------------------------

_NO_NEWLINE = "\\ No newline at end of file\n"


def diff_lines(text: str) -> list[str]:
    """The lines of ``text`` as diff and patch see them: each up to and including a ``\\n``.

    A ``\\r\\n`` line keeps its ``\\r``; a lone ``\\r`` (classic Mac line ends) and Unicode line
    separators (U+2028, U+0085 …) do not end a line, unlike ``str.splitlines``.
    """
    lines = text.split("\n")
    last = lines.pop()
    lines = [line + "\n" for line in lines]
    if last:
        lines.append(last)
    return lines


def _quote(name: str) -> str:
    """A file name for a ---/+++ line: as is, or C-quoted (as git does, and GNU patch reads) when needed."""
    if name.isprintable() and not any(c in name for c in ' "\\'):
        return name
    escapes = {"\\": "\\\\", '"': '\\"', "\t": "\\t", "\n": "\\n", "\r": "\\r"}
    body = "".join(escapes.get(c, c if c.isprintable() or c == " " else f"\\{ord(c):03o}") for c in name)
    return f'"{body}"'


def unified_diff(path: str, before: str, after: str, source: Source | None = None) -> str:
    """A unified diff from ``before`` to ``after`` that ``patch -p1`` applies to the file.

    The diff is text (printed as UTF-8).  For a UTF-8 file it applies as is — a byte-order mark is
    part of its first line; for a file in another encoding (GB18030, UTF-16 …) a comment line before
    the diff says so: apply it to a UTF-8 copy and convert back (``iconv``).  A file with classic Mac
    line ends (CR only) is one line for ``diff`` and ``patch``: its hunk replaces the whole file, and a
    comment line says so.
    """
    notes = []
    if source is not None:
        encoding = (_BOM_CODECS.get(source.bom_bytes) if source.bom_bytes else source.encoding) or "utf-8"
        if encoding.replace("_", "-").lower() in ("utf-8", "utf-8-sig", "utf8"):
            if source.bom_bytes == codecs.BOM_UTF8:
                before, after = "\ufeff" + before, "\ufeff" + after
        else:
            name = encoding.upper().replace("-LE", "LE").replace("-BE", "BE")
            name += " with a byte-order mark" if source.bom_bytes else ""
            notes.append(f"# govlint: {path} is {name}, this diff is UTF-8: apply it to a UTF-8 copy of the "
                         f"file (without byte-order mark) and convert the result back to {name}\n")
    if "\r" in before and "\n" not in before:
        notes.append(f"# govlint: {path} ends its lines with CR only; diff and patch see one line, "
                     "so the hunk below replaces the whole file\n")
    old, new = diff_lines(before), diff_lines(after)
    if old == new:
        return ""
    out = list(notes)
    for line in difflib.unified_diff(old, new, fromfile=_quote("a/" + path), tofile=_quote("b/" + path),
                                     lineterm="\n", n=3):
        out.append(line if line.endswith("\n") else line + "\n" + _NO_NEWLINE)
    return "".join(out)
