"""The Lark parsers of this folder's grammars (report.lark, relation.lark), their LALR tables cached on disk.

Building LALR tables costs tens of milliseconds; the cache (keyed by govlint's
version and the grammar text) brings a cold start down to well under one.  Where
the cache lives, and which of its files may be read, is govlint.support.cache's policy.
"""
from __future__ import annotations

import hashlib
import os
from importlib import resources

from govlint.support import cache


def load(name: str, **options):
    """Build the parser for grammar/<name>.lark (LALR), from the cache when possible."""
    from lark import Lark

    from govlint import __version__

    text = resources.files("govlint.grammar").joinpath(f"{name}.lark").read_text(encoding="utf-8")
    directory = cache.cache_directory()
    if directory is not None:
        # the options' names and values (the start symbols …) are part of the key: values whose repr
        # is stable (a class, strings), never an object's address
        digest = hashlib.sha256((text + repr(sorted(options.items(), key=str))).encode()).hexdigest()[:16]
        cache_file = os.path.join(directory, f"{name}-{__version__}-{digest}.lark")
        if cache.usable_cache_file(cache_file):
            try:
                return Lark(text, parser="lalr", cache=cache_file, **options)
            except (OSError, EOFError, ValueError):
                pass  # unwritable or stale cache: build without it
    return Lark(text, parser="lalr", **options)
