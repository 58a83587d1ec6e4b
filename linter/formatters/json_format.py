"""``--format json``: one JSON document (schema version 1; keys may be added, never renamed)."""
from __future__ import annotations

import json

from . import Settings, formatter


def diagnostic_json(diag, source) -> dict:
    item = {"code": diag.code, "name": diag.name, "severity": diag.severity, "message": diag.message}
    item.update(diag.location(source))
    item["fix"] = diag.fix.to_json(source) if diag.fix else None
    where = source.locate(diag.span.start)
    if where:
        item["location"] = where  # in the original .docx/.pdf/.html: page, paragraph, table cell
    return item


def result_json(result) -> dict:
    entry = {"path": result.path, "year": result.year, "format": result.format,
             "diagnostics": [diagnostic_json(d, result.source) for d in result.diagnostics]}
    if result.error is not None:
        entry["error"] = result.error
    return entry


def summary_json(results) -> dict:
    return {"files": len(results),
            "error": sum(r.count("error") for r in results),
            "warning": sum(r.count("warning") for r in results),
            "info": sum(r.count("info") for r in results)}


@formatter("json")
class JsonFormatter:
    def __init__(self, settings: Settings):
        self.settings = settings

    def write(self, results, stream) -> None:
        document = {"version": 1, "files": [result_json(r) for r in results], "summary": summary_json(results)}
        json.dump(document, stream, ensure_ascii=False, indent=2)
        stream.write("\n")
