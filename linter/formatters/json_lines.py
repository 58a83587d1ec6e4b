"""``--format json-lines``: one JSON object per line, one per diagnostic (and one per unreadable file).

Each object is a diagnostic of ``--format json`` with the file's ``path``, ``year``
and ``format`` added; streaming tools can read it line by line.
"""
from __future__ import annotations

import json

from . import Settings, formatter
from .json_format import diagnostic_json


@formatter("json-lines")
class JsonLinesFormatter:
    def __init__(self, settings: Settings):
        self.settings = settings

    def write(self, results, stream) -> None:
        for result in results:
            if result.error is not None:
                stream.write(json.dumps({"path": result.path, "error": result.error}, ensure_ascii=False) + "\n")
                continue
            for diag in result.diagnostics:
                item = {"path": result.path, "year": result.year, "format": result.format}
                item.update(diagnostic_json(diag, result.source))
                stream.write(json.dumps(item, ensure_ascii=False) + "\n")
