"""Loading the Lark grammars in grammar/, with their LALR tables cached on disk.

Building LALR tables costs tens of milliseconds; the cache (keyed by govlint's
version and the grammar text, in $GOVLINT_CACHE_DIR, $XDG_CACHE_HOME/govlint
or ~/.cache/govlint) brings a cold start down to well under one.
"""
from __future__ import annotations

import hashlib
import os
import tempfile
from importlib import resources

from lark import Lark


def cache_directory() -> str | None:
    base = os.environ.get("GOVLINT_CACHE_DIR") or os.environ.get("XDG_CACHE_HOME") \
        or os.path.join(os.path.expanduser("~"), ".cache")
    for path in (os.path.join(base, "govlint"), os.path.join(tempfile.gettempdir(), "govlint-cache")):
        try:
            os.makedirs(path, exist_ok=True)
            if os.access(path, os.W_OK):
                return path
        except OSError:
            continue
    return None


def load(name: str, **options) -> Lark:
    """Build the parser for grammar/<name>.lark (LALR), from the cache when possible."""
    from . import __version__

    text = resources.files("govlint.grammar").joinpath(f"{name}.lark").read_text(encoding="utf-8")
    directory = cache_directory()
    if directory is not None:
        digest = hashlib.sha256((text + repr(sorted(options, key=str))).encode()).hexdigest()[:16]
        cache = os.path.join(directory, f"{name}-{__version__}-{digest}.lark")
        try:
            return Lark(text, parser="lalr", cache=cache, **options)
        except (OSError, EOFError, ValueError):
            pass  # unwritable or stale cache: build without it
    return Lark(text, parser="lalr", **options)
