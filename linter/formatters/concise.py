"""``--format concise``: one line per diagnostic, ``path:line:column: CODE message``."""
from __future__ import annotations

from . import Settings, formatter
from .text import summary_line


@formatter("concise")
class ConciseFormatter:
    def __init__(self, settings: Settings):
        self.settings = settings

    def write(self, results, stream) -> None:
        for result in results:
            if result.source is None:
                continue
            for diag in result.diagnostics:
                line, column = result.source.position(diag.span.start)
                stream.write(f"{result.path}:{line}:{column}: {diag.code} [{diag.severity}] {diag.message}\n")
        if not self.settings.quiet:
            stream.write(summary_line(results, self.settings.lang, self.settings.fixed) + "\n")
