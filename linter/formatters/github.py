"""``--format github``: GitHub Actions workflow commands, shown as annotations on the changed files.

::error file=draft.txt,line=7,col=58,endLine=7,endColumn=74,title=GL201 notice-year-mismatch::message
"""
from __future__ import annotations

from . import Settings, formatter

_LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


@formatter("github")
class GithubFormatter:
    def __init__(self, settings: Settings):
        self.settings = settings

    def write(self, results, stream) -> None:
        for result in results:
            if result.error is not None:
                stream.write(f"::error file={_property(result.path)},title=govlint::{_data(result.error)}\n")
                continue
            for diag in result.diagnostics:
                where = diag.location(result.source)
                message = diag.message + (f" ({diag.help})" if diag.help else "")
                stream.write(
                    f"::{_LEVELS[diag.severity]} file={_property(result.path)},line={where['line']},"
                    f"col={where['column']},endLine={where['end_line']},endColumn={where['end_column']},"
                    f"title={_property(diag.code + ' ' + diag.name)}::{_data(message)}\n")
