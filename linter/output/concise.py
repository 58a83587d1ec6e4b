"""``--format concise``: one line per diagnostic, ``path:line:column: CODE message``."""
from __future__ import annotations

from govlint.output import Settings, display_path, formatter, visible
from govlint.output.text import summary_line, write_statistics


@formatter("concise")
class ConciseFormatter:
    supports_statistics = True

    def __init__(self, settings: Settings):
        self.settings = settings

    def write(self, results, stream) -> None:
        for result in results:
            if result.source is None:
                continue
            path = visible(display_path(result.path))
            for diag in result.diagnostics:
                line, column = result.source.position(diag.span.start)
                stream.write(f"{path}:{line}:{column}: {diag.code} [{diag.severity}] {visible(diag.message)}\n")
        if self.settings.statistics:
            write_statistics(results, stream, self.settings.lang)
        if not self.settings.quiet:
            stream.write(summary_line(results, self.settings.lang, self.settings.fixed) + "\n")
