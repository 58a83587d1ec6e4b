"""Output: the formats ``--format`` names, and the rule reference pages (``reference.py``).

Each format is a ``Formatter`` subclass (``base.py``) in the module named after it (``--format
json-lines`` is ``json_lines.py``; ``html/`` is a package with its templates), registered with
``@formatter("name")``.  The modules are discovered, not listed (``support/plugins.py``), so adding
a format is adding a module; a run imports only the format it writes.  ``get(name)`` is the class
for ``--format name``, ``names()`` what ``--format`` accepts (every module imported),
``load_errors()`` why format modules failed to load so far (the CLI warns; a format that failed is
unknown, and the error says why).
"""
from __future__ import annotations

from typing import Callable, TypeVar

from govlint.output.base import Formatter, Settings, statistics, summary_line
from govlint.support import i18n
from govlint.support.escaping import display_path, json_safe, json_text, path_uri, safe_text, visible, xml_text
from govlint.support.plugins import Registry

__all__ = ["FORMATS", "Formatter", "Settings", "display_path", "formatter", "get", "json_safe", "json_text",
           "load_errors", "names", "path_uri", "safe_text", "statistics", "summary_line", "visible", "xml_text"]

FORMATS: Registry[type[Formatter]] = Registry(i18n.msg("output format", "输出格式"), __name__)

F = TypeVar("F", bound=type[Formatter])


def formatter(name: str) -> Callable[[F], F]:
    """Class decorator: register a ``Formatter`` subclass as ``--format name``."""
    def register(cls: F) -> F:
        cls.name = name
        FORMATS.add(name, cls)
        return cls
    return register


def get(name: str) -> type[Formatter] | None:
    return FORMATS.get(name)


def names() -> list[str]:
    return FORMATS.names()


def load_errors() -> list[i18n.Message]:
    """Why the format modules imported so far failed to (for a warning on stderr); empty when all is well."""
    return list(FORMATS.errors().values())
