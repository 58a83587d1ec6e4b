"""``--format json``: one JSON document (schema version 1; keys may be added, never renamed).

The output is always valid JSON in valid UTF-8: a path that is not valid UTF-8 has its
undecodable bytes written ``\\xNN`` (see ``display_path``), and with ``--statistics`` the
document has a ``statistics`` object (rule code → number of diagnostics).
"""
from __future__ import annotations

from govlint.output import Formatter, formatter, statistics
from govlint.support import i18n
from govlint.support.escaping import display_path, json_text


def diagnostic_json(diag, source) -> dict:
    item = {"code": diag.code, "name": diag.name, "severity": diag.severity, "message": diag.message}
    item.update(diag.location(source))
    item["fix"] = diag.fix.to_json(source) if diag.fix else None
    where = source.locate(diag.span.start)
    if where:
        item["location"] = where  # in the original .docx/.pdf/.html: page, paragraph, table cell
    return item


def result_json(result, lang: str = "zh") -> dict:
    entry = {"path": display_path(result.path), "year": result.year, "format": result.format,
             "diagnostics": [diagnostic_json(d, result.source) for d in result.diagnostics]}
    if result.error is not None:
        entry["error"] = i18n.text(result.error, lang)
    return entry


def summary_json(results) -> dict:
    return {"files": len(results),
            "error": sum(r.count("error") for r in results),
            "warning": sum(r.count("warning") for r in results),
            "info": sum(r.count("info") for r in results)}


def statistics_json(results) -> dict:
    """``{"GL303": 2, …}``: diagnostics per rule code, most first."""
    counts: dict[str, int] = {}
    for code, _name, _severity, count in statistics(results):
        counts[code] = counts.get(code, 0) + count
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


@formatter("json")
class JsonFormatter(Formatter):
    supports_statistics = True

    def write(self, results, stream) -> None:
        document = {"version": 1, "files": [result_json(r, self.settings.lang) for r in results],
                    "summary": summary_json(results)}
        if self.settings.statistics:
            document["statistics"] = statistics_json(results)
        stream.write(json_text(document, indent=2) + "\n")
