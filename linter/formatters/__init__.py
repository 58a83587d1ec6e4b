"""Output formats.  A formatter is a small unit registered by name, apart from the rules.

``format_results(name, results, stream, settings)`` writes every file's
diagnostics; ``FORMATTERS`` lists what ``--format`` accepts.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Settings:
    lang: str = "zh"
    color: bool = False
    quiet: bool = False
    statistics: bool = False
    output_path: str | None = None
    fail_on: str = "error"
    rules: list | None = None  # every rule that could have run (SARIF lists them)
    fixed: int = 0             # fixes applied by --fix (the summary says so)


FORMATTERS: dict = {}


def formatter(name: str):
    def register(cls):
        cls.name = name
        FORMATTERS[name] = cls
        return cls
    return register


def get(name: str):
    _load()
    return FORMATTERS.get(name)


def names() -> list[str]:
    _load()
    return sorted(FORMATTERS)


def _load():
    from . import concise, github, json_format, json_lines, junit, sarif, text  # noqa: F401  (registration)
    try:
        from . import html_report  # noqa: F401
    except ImportError:
        pass
