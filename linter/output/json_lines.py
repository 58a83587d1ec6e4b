"""``--format json-lines``: one JSON object per line, one per diagnostic (and one per unreadable file).

Each object is a diagnostic of ``--format json`` with the file's ``path``, ``year``
and ``format`` added; streaming tools can read it line by line (U+2028, U+2029 and U+0085
are escaped, so even a reader that splits on every Unicode line break sees one object a line).
"""
from __future__ import annotations

from govlint.output import Formatter, formatter
from govlint.output.json import diagnostic_json
from govlint.support.escaping import display_path, json_text


@formatter("json-lines")
class JsonLinesFormatter(Formatter):
    prints_text = False  # places only (line:column): no file is read again for the cross-document pass
    supports_statistics = False  # a stream of diagnostics: the CLI refuses --statistics with it
    streams = True

    def write(self, results, stream) -> None:
        for result in results:
            path = display_path(result.path)
            if result.error is not None:
                stream.write(json_text({"path": path, "error": self.text(result.error)}) + "\n")
                continue
            lines = []
            for diag in result.diagnostics:
                item = {"path": path, "year": result.year, "format": result.format}
                item.update(diagnostic_json(diag, result.source))
                lines.append(json_text(item) + "\n")
            stream.write("".join(lines))
