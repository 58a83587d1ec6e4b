"""``--format github``: GitHub Actions workflow commands, shown as annotations on the changed files.

::error file=draft.txt,line=7,col=58,endLine=7,endColumn=74,title=GL201 notice-year-mismatch::message

Every command is one line: a line break in a value is encoded (%0A), any other control
character or line separator is shown (U+240C for a form feed), and a file name that is not
UTF-8 has its bytes as ``\\xNN``.
"""
from __future__ import annotations

from govlint.output import Formatter, formatter
from govlint.support.escaping import display_path, visible

_LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def _data(text: str) -> str:
    # A line break stays one (GitHub shows a multi-line annotation); any other control is shown.
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "%0A".join(visible(line).replace("%", "%25") for line in lines)


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


@formatter("github")
class GithubFormatter(Formatter):
    prints_text = False  # places only (line:column): no file is read again for the cross-document pass
    supports_statistics = False  # workflow commands have no place for a table: the CLI refuses it

    def write(self, results, stream) -> None:
        for result in results:
            path = display_path(result.path)
            if result.error is not None:
                stream.write(f"::error file={_property(path)},title=govlint::{_data(self.text(result.error))}\n")
                continue
            for diag in result.diagnostics:
                where = diag.location(result.source)
                message = self.message_with_help(diag)
                stream.write(
                    f"::{_LEVELS[diag.severity]} file={_property(path)},line={where['line']},"
                    f"col={where['column']},endLine={where['end_line']},endColumn={where['end_column']},"
                    f"title={_property(diag.code + ' ' + diag.name)}::{_data(message)}\n")
