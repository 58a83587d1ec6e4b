"""Readers: turn a file into a Source (text the grammar reads, with the way back).

A reader is picked by the file's content where it can tell (a .txt that is really a
.docx zip, an .html saved as .txt), else by the file's suffix.  Each reader module
registers itself with ``reader(suffixes, sniff)``; the plain-text reader is the
fallback.  ``REPORT_SUFFIXES`` is what a directory is searched for.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from ..source import Source


@dataclass(frozen=True)
class Reader:
    name: str
    suffixes: tuple
    read: Callable[[bytes, str], Source]
    sniff: Callable[[bytes], bool] | None = None


READERS: list[Reader] = []


def reader(name: str, suffixes: tuple, sniff=None):
    """Register ``read(data, path) -> Source`` for the given suffixes."""
    def register(function):
        READERS.append(Reader(name, tuple(s.lower() for s in suffixes), function, sniff))
        return function
    return register


def _load() -> None:
    if READERS:
        return
    from . import text  # noqa: F401  (registration; the fallback, so first)
    for name in ("docx", "pdf", "html"):
        try:
            __import__(f"{__name__}.{name}")
        except ImportError:
            pass  # a reader whose module or library is missing reads nothing


def report_suffixes() -> tuple:
    _load()
    return tuple(sorted({suffix for r in READERS for suffix in r.suffixes}))


def read(data: bytes, path: str) -> Source:
    """A Source for the file's bytes; raises InputError when it cannot be read as a report."""
    _load()
    for candidate in READERS:
        if candidate.sniff is not None and candidate.sniff(data):
            return candidate.read(data, path)
    lowered = path.lower()
    for candidate in READERS:
        if candidate.suffixes and lowered.endswith(candidate.suffixes):
            return candidate.read(data, path)
    return READERS[0].read(data, path)  # text
