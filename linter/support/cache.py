"""The on-disk cache: where it lives and which files in it may be read.

The cache holds pickles, and reading a pickle runs code, so it lives only in a
folder that is the current user's alone: ``$GOVLINT_CACHE_DIR``, else
``$XDG_CACHE_HOME/govlint``, else ``~/.cache/govlint``, created with mode 0700.
A folder that is a symlink, someone else's, or writable by others is not used
(nothing is cached), and neither is a cache file that is not our own regular file.
"""
from __future__ import annotations

import os
import stat


def _ours(info: os.stat_result) -> bool:
    getuid = getattr(os, "getuid", None)  # Windows: per-user profile folders, no uids
    return getuid is None or info.st_uid == getuid()


def cache_directory() -> str | None:
    """The per-user cache folder, or None (build in memory) when it is not safely ours."""
    path = os.environ.get("GOVLINT_CACHE_DIR")
    if not path:
        base = os.environ.get("XDG_CACHE_HOME")
        if not base or not os.path.isabs(base):
            home = os.path.expanduser("~")
            if home == "~" or not os.path.isabs(home):
                return None
            base = os.path.join(home, ".cache")
        path = os.path.join(base, "govlint")
    try:
        os.makedirs(path, mode=0o700, exist_ok=True)
        info = os.lstat(path)
    except OSError:
        return None
    if not stat.S_ISDIR(info.st_mode) or not _ours(info) or info.st_mode & 0o022:
        return None
    return path


def usable_cache_file(path: str) -> bool:
    """May this cache file be read (or created)?  Absent, or our own regular file."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return True
    except OSError:
        return False
    return stat.S_ISREG(info.st_mode) and _ours(info)


def open_cache_file(path: str):
    """A cache file opened for binary reading, or None if absent or not our own regular file."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError:
        return None
    info = os.fstat(descriptor)
    if not stat.S_ISREG(info.st_mode) or not _ours(info):
        os.close(descriptor)
        return None
    return os.fdopen(descriptor, "rb")
