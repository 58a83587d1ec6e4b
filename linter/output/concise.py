"""``--format concise``: one line per diagnostic, ``path:line:column: CODE [severity] message``."""
from __future__ import annotations

from govlint.output import Formatter, formatter
from govlint.support.escaping import display_path, visible


@formatter("concise")
class ConciseFormatter(Formatter):
    prints_text = False  # places only (line:column): no file is read again for the cross-document pass
    supports_statistics = True
    machine_readable = False  # for people: with --fix on standard input it goes to stderr
    streams = True

    def write(self, results, stream) -> None:
        for result in self.tallied(results):
            if result.source is None:
                continue
            path = visible(display_path(result.path))
            for diag in result.diagnostics:
                line, column = result.source.position(diag.span.start)
                stream.write(f"{path}:{line}:{column}: {diag.code} [{diag.severity}] {visible(diag.message)}\n")
        self.write_footer(self.tally, stream)
