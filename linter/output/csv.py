"""``--format csv``: one row per diagnostic, the table an office opens in WPS or Excel.

Columns: ``file, body, year, format, code, severity, line, column, message``.  ``body`` is who the
report is by: the normalised organ of the title (``Document.body``), else the title's text, else
empty.  A file that could not be read has a row of its own: its error as the message, no code.

The bytes: UTF-8 with a byte-order mark (without it Excel and WPS read UTF-8 as the local code page
and the Chinese is garbled), rows ended by CRLF, a field quoted when it holds a comma, a quote or a
line break and its quotes doubled (RFC 4180); Python's ``csv`` module reads it back
(``open(path, encoding="utf-8-sig", newline="")``).  Rows are written as the results come: a batch
of any size costs the memory of one report.
"""
from __future__ import annotations

import csv

from govlint.output import Formatter, formatter
from govlint.support.escaping import display_path, safe_text

COLUMNS = ("file", "body", "year", "format", "code", "severity", "line", "column", "message")
BOM = "\ufeff"


@formatter("csv")
class CsvFormatter(Formatter):
    prints_text = False  # places only (line:column): no file is read again for the cross-document pass
    supports_statistics = False  # a table of diagnostics: the CLI refuses --statistics with it
    streams = True

    def write(self, results, stream) -> None:
        stream.write(BOM)
        rows = csv.writer(stream, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
        rows.writerow(COLUMNS)
        for result in results:
            path = display_path(result.path)
            if result.error is not None:
                rows.writerow((path, "", "", "", "", "error", "", "", safe_text(self.text(result.error))))
                continue
            body = safe_text(result.body or "")
            year = "" if result.year is None else result.year
            for diag in result.diagnostics:
                line, column = result.source.position(diag.span.start)
                rows.writerow((path, body, year, result.format or "", diag.code, diag.severity, line, column,
                               safe_text(diag.message)))
