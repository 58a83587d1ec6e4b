"""Caching the results of calls on short text (labels, cells, table lines repeat from report to report)."""
from __future__ import annotations

from functools import lru_cache, wraps


def short_cache(maxsize: int, limit: int = 500, index: int = 0, size=None):
    """``lru_cache`` for calls on short text only: the text is argument ``index`` (its length is
    checked against ``limit``), or ``size(*args)`` says how long the call's text is.

    Table lines, labels and cells repeat from report to report, so their results are cached;
    a 100 KB line is computed every time and never kept (16,384 cached copies of long lines
    would hold gigabytes)."""
    def decorate(function):
        cached = lru_cache(maxsize=maxsize)(function)
        if size is None:
            def call(*args, **kwargs):
                if len(args[index]) > limit:
                    return function(*args, **kwargs)
                return cached(*args, **kwargs)
        else:
            def call(*args, **kwargs):
                if size(*args) > limit:
                    return function(*args, **kwargs)
                return cached(*args, **kwargs)
        call = wraps(function)(call)
        # A caller that knows its text is no longer than ``limit`` may call the cache itself
        # (``f.short``): the same cache, without this wrapper's Python call and test.
        call.short = cached
        call.limit = limit
        call.cache_clear = cached.cache_clear
        call.cache_info = cached.cache_info
        return call
    return decorate
