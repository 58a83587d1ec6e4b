"""Which files a run checks: the paths named on the command line, and the report files below named folders.

A folder is walked in sorted order.  Below it, govlint skips hidden folders, what ``.gitignore`` files
ignore, what the ``exclude`` / ``extend-exclude`` globs match, files whose suffix no reader reads, and
anything that is not a regular file (a FIFO named like a report would block the read forever).

A path named on the command line is checked even when an exclude glob matches it, unless
``force_exclude`` is set (a pre-commit hook names every staged file; ruff does the same).

Globs follow .gitignore: ``*`` and ``?`` stay within one path component, ``**`` crosses them, a glob
without a slash matches a file or folder name at any depth, a glob with one is relative to its base
(the .gitignore's folder, the configuration's folder, or the working directory for the command line),
a trailing ``/`` matches only folders and ``!`` re-includes.  Exclude globs ignore case (report
folders travel through Windows); .gitignore globs do not, as in git.
"""
from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from typing import Callable

from govlint.support import i18n

# Folders of tools and the usual documentation files of a repository: never reports.
# Tools' folders (folders only), and a repository's own documents by their usual names with a suffix:
# a folder "history/" or a draft "README-2023年报.txt" is still checked.
DEFAULT_EXCLUDE = (
    ".git/", ".hg/", ".svn/", ".venv/", "venv/", ".tox/", ".nox/", "node_modules/", "__pycache__/",
    "site-packages/",
    "README.*", "CHANGELOG.*", "CHANGES.*", "HISTORY.*", "LICENSE.*", "LICENCE.*", "COPYING.*", "NOTICE.*",
    "AUTHORS.*", "CONTRIBUTING.*", "CODE_OF_CONDUCT.*", "SECURITY.*",
)

_SPECIAL = ((stat.S_ISFIFO, i18n.msg("a named pipe (FIFO)", "命名管道（FIFO）")),
            (stat.S_ISSOCK, i18n.msg("a socket", "套接字")),
            (stat.S_ISCHR, i18n.msg("a character device", "字符设备")),
            (stat.S_ISBLK, i18n.msg("a block device", "块设备")),
            (stat.S_ISDIR, i18n.msg("a folder", "文件夹")))
_NOT_REGULAR = i18n.msg("not a regular file", "不是普通文件")


def file_kind(mode: int) -> i18n.Message | None:
    """What a non-regular file is, in words (None for a regular file)."""
    for test, words in _SPECIAL:
        if test(mode):
            return words
    return None if stat.S_ISREG(mode) else _NOT_REGULAR


# -- globs ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Glob:
    regex: re.Pattern
    anchored: bool   # matched against the path relative to the base, else against the name
    dir_only: bool
    negate: bool


def _translate(glob: str) -> str:
    out, i, n = [], 0, len(glob)
    while i < n:
        char = glob[i]
        if glob.startswith("**", i) and (i == 0 or glob[i - 1] == "/") and (i + 2 == n or glob[i + 2] == "/"):
            if i + 2 == n:
                out.append(".*")            # "dir/**": everything inside
                i += 2
            else:
                out.append("(?:.*/)?")      # "**/": any number of folders, none included
                i += 3
            continue
        if char == "*":
            while i + 1 < n and glob[i + 1] == "*":
                i += 1
            out.append("[^/]*")
        elif char == "?":
            out.append("[^/]")
        elif char == "[":
            end = glob.find("]", i + 2 if glob[i + 1:i + 2] in ("!", "^", "]") else i + 1)
            if end < 0:
                out.append(re.escape(char))
            else:
                body = glob[i + 1:end].replace("\\", "\\\\")
                if body[:1] in ("!", "^"):
                    body = "^" + body[1:]
                out.append(f"[{body}]")
                i = end
        elif char == "\\" and i + 1 < n:
            i += 1
            out.append(re.escape(glob[i]))
        else:
            out.append(re.escape(char))
        i += 1
    return "".join(out)


def compile_glob(line: str, ignore_case: bool = False) -> Glob | None:
    """One .gitignore line (or exclude glob); None for blank lines and comments."""
    line = line.rstrip("\r\n")
    while line.endswith(" ") and not line.endswith("\\ "):
        line = line[:-1]
    if not line or line.startswith("#"):
        return None
    negate = line.startswith("!")
    if negate or line.startswith(("\\!", "\\#")):
        line = line[1:]
    dir_only = line.endswith("/")
    line = line.rstrip("/")
    if not line:
        return None
    anchored = "/" in line
    line = line.lstrip("/")
    regex = re.compile(_translate(line) + r"\Z", re.IGNORECASE if ignore_case else 0)
    return Glob(regex, anchored, dir_only, negate)


class GlobSet:
    """Globs with a base folder; the last glob that matches a path decides, as in .gitignore.
    ``anywhere``: globs without a slash match names outside the base too (exclude globs do)."""

    def __init__(self, base: str, lines, ignore_case: bool = False, anywhere: bool = False):
        self.base = os.path.abspath(base)
        self.anywhere = anywhere
        self.globs = [g for g in (compile_glob(line, ignore_case) for line in lines) if g is not None]
        # where the path is below the base matters only then (a batch asks for each of its files)
        self._relative_needed = not anywhere or any(glob.anchored for glob in self.globs)

    def _relative(self, path: str) -> str | None:
        try:
            relative = os.path.relpath(os.path.abspath(path), self.base).replace(os.sep, "/")
        except ValueError:  # another drive
            return None
        return None if relative == "." or relative.startswith("../") or relative == ".." else relative

    def decide(self, path: str, is_dir: bool) -> bool | None:
        """True: ignored; False: re-included by a ``!`` glob; None: no glob matches."""
        relative = self._relative(path) if self._relative_needed else None
        if relative is None and not self.anywhere:
            return None
        name = os.path.basename(path)
        if name in ("", ".", ".."):  # a folder named by a trailing slash or a dot: its own name
            name = os.path.basename(os.path.abspath(path))
        for glob in reversed(self.globs):
            if glob.dir_only and not is_dir:
                continue
            if glob.anchored:
                if relative is None or not glob.regex.match(relative):
                    continue
            elif not glob.regex.match(name):
                continue
            return not glob.negate
        return None

    def covers(self, path: str, is_dir: bool) -> bool:
        """Is the path, or a folder it is in, ignored?  The folders that hold the base itself do not
        count: drafts kept below a folder named like a tool's folder are still checked from there."""
        path = os.path.abspath(path)
        while True:
            if self.decide(path, is_dir):
                return True
            parent = os.path.dirname(path)
            if parent == path or self.base == parent or self.base.startswith(parent.rstrip(os.sep) + os.sep):
                return False
            path, is_dir = parent, True


def read_gitignore(folder: str) -> GlobSet | None:
    try:
        with open(os.path.join(folder, ".gitignore"), encoding="utf-8", errors="replace") as handle:
            lines = handle.read().splitlines()
    except OSError:
        return None
    found = GlobSet(folder, lines)
    return found if found.globs else None


def _git_ignores_above(folder: str) -> list[GlobSet]:
    """The .gitignore files of the folders above ``folder`` up to its git repository's root (outermost first)."""
    folder = os.path.abspath(folder)
    if os.path.exists(os.path.join(folder, ".git")):
        return []
    chain, current = [], os.path.dirname(folder)
    while True:
        chain.append(current)
        if os.path.exists(os.path.join(current, ".git")):
            break
        parent = os.path.dirname(current)
        if parent == current:
            return []  # not in a git repository: only the .gitignore files inside the folder count
        current = parent
    sets = [read_gitignore(path) for path in reversed(chain)]
    return [s for s in sets if s is not None]


def _gitignored(chain: list[GlobSet], path: str, is_dir: bool) -> bool:
    for globs in reversed(chain):  # a deeper .gitignore overrides a shallower one
        decision = globs.decide(path, is_dir)
        if decision is not None:
            return decision
    return False


# -- the walk ------------------------------------------------------------------------------------

@dataclass
class Collected:
    files: list = field(default_factory=list)
    problems: list = field(default_factory=list)   # (path, message): input errors, exit 2
    excluded: int = 0                               # files skipped by exclude globs or .gitignore


@dataclass
class Walker:
    """``excludes(folder)`` gives the exclude GlobSets in force for files in that folder."""

    suffixes: tuple
    excludes: Callable[[str], list]
    force_exclude: bool = False
    respect_gitignore: bool = True

    def _excluded(self, path: str, is_dir: bool) -> bool:
        folder = os.path.dirname(os.path.abspath(path))
        return any(globs.decide(path, is_dir) for globs in self.excludes(folder))

    def collect(self, paths) -> Collected:
        out = Collected()
        for path in paths:
            if path == "-":
                if "-" not in out.files:  # standard input can be read once
                    out.files.append(path)
                continue
            try:
                mode = os.stat(path).st_mode
            except OSError as exc:
                if isinstance(exc, FileNotFoundError):
                    problem = i18n.fmt("{path}: no such file or directory", "{path}: 文件或文件夹不存在", path=path)
                else:
                    problem = i18n.fmt("{path}: cannot read: {reason}", "{path}: 无法读取：{reason}",
                                       path=path, reason=i18n.os_error(exc))
                out.problems.append((path, problem))
                continue
            is_dir = stat.S_ISDIR(mode)
            if self.force_exclude and any(g.covers(path, is_dir) for g in self.excludes(
                    os.path.dirname(os.path.abspath(path)))):
                out.excluded += 1
                continue
            if is_dir:
                self._folder(path, out)
            elif stat.S_ISREG(mode):
                out.files.append(path)
            else:
                out.problems.append((path, i18n.fmt("{path}: {kind}, not a report file", "{path}: {kind}，不是报告文件",
                                                    path=path, kind=file_kind(mode))))
        return out

    def _folder(self, root: str, out: Collected) -> None:
        found, excluded, others = [], 0, []
        chain = _git_ignores_above(root) if self.respect_gitignore else []
        stack = [(root, chain)]
        seen = {os.path.realpath(root)}  # a linked folder is walked once: no loops
        while stack:
            folder, chain = stack.pop()
            if self.respect_gitignore:
                own = read_gitignore(folder)
                chain = chain + [own] if own is not None else chain
            try:
                with os.scandir(folder) as listing:
                    entries = sorted(listing, key=lambda e: e.name)
            except OSError as exc:
                out.problems.append((folder, i18n.fmt("{path}: cannot read this folder: {reason}",
                                                      "{path}: 无法读取此文件夹：{reason}",
                                                      path=folder, reason=i18n.os_error(exc))))
                continue
            for entry in entries:
                try:
                    is_dir = entry.is_dir()  # follows a symlink, as is_file does
                    is_file = not is_dir and entry.is_file()  # False for FIFOs, devices
                except OSError:
                    continue
                if is_dir:
                    if not entry.name.startswith(".") and not self._skipped(entry.path, True, chain):
                        real = os.path.realpath(entry.path)
                        if real not in seen:
                            seen.add(real)
                            stack.append((entry.path, chain))
                elif is_file:
                    if not entry.name.lower().endswith(self.suffixes):
                        others.append(entry.name)
                    elif self._skipped(entry.path, False, chain):
                        excluded += 1
                    else:
                        found.append(entry.path)
        out.files.extend(sorted(found))
        out.excluded += excluded
        if not found:
            out.problems.append((root, i18n.join(root, ": ", nothing_found(self.suffixes, excluded, others))))

    def _skipped(self, path: str, is_dir: bool, chain: list) -> bool:
        return self._excluded(path, is_dir) or (self.respect_gitignore and _gitignored(chain, path, is_dir))


# Files of formats govlint cannot read that users keep beside their reports, and what to do.
_OLD_FORMATS = {".doc": ".docx", ".wps": ".docx", ".odt": ".docx", ".rtf": ".docx"}


def nothing_found(suffixes: tuple, excluded: int, others: list) -> i18n.Message:
    parts = [i18n.fmt("no report files in this folder (govlint reads {suffixes})",
                      "此文件夹中没有报告文件（govlint 读取 {suffixes} 文件）", suffixes=", ".join(suffixes))]
    if excluded:
        parts.append(i18n.fmt("; {count} excluded by exclude globs or .gitignore",
                              "；{count} 个文件被排除规则或 .gitignore 排除", count=excluded))
    old = sorted({os.path.splitext(name)[1].lower() for name in others} & set(_OLD_FORMATS))
    if old:
        parts.append(i18n.fmt("; {old} files are not read: save them as .docx or as text",
                              "；不读取 {old_zh} 文件：请另存为 .docx 或纯文本",
                              old=" and ".join(old), old_zh="、".join(old)))
    return i18n.join(*parts)
