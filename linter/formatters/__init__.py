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
# Where each built-in format lives: only the one asked for is imported (the HTML report's
# jinja2 costs more start-up time than a whole lint of one file).
_MODULES = {"text": "text", "concise": "concise", "json": "json_format", "json-lines": "json_lines",
            "sarif": "sarif", "github": "github", "junit": "junit", "html": "html_report"}


def formatter(name: str):
    def register(cls):
        cls.name = name
        FORMATTERS[name] = cls
        return cls
    return register


def get(name: str):
    if name not in FORMATTERS and name in _MODULES:
        from importlib import import_module

        import_module(f"{__name__}.{_MODULES[name]}")
    return FORMATTERS.get(name)


def names() -> list[str]:
    return sorted(_MODULES)
