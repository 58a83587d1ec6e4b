"""``--format json``: one JSON document (schema version 1; keys may be added, never renamed).

The output is always valid JSON in valid UTF-8: a path that is not valid UTF-8 has its
undecodable bytes written ``\\xNN`` (see ``display_path``), and with ``--statistics`` the
document has a ``statistics`` object (rule code → number of diagnostics) and a
``statistics_by_body`` object (body → files and diagnostics by severity).

The document is written as the results come (``streams``): the ``files`` array one entry at a
time, each serialised whole before it is written, then the summary; the bytes are those of the
whole document dumped with an indent of 2.

The cross-document pass (GL8xx, govlint.lint.across) ends after every file: its diagnostics come in
a ``cross`` array after ``files``, one entry per file it has something to say about (same keys as in
``files``, plus ``"paired_with"``: last year's report it was compared with, when it was paired, and
``"cross": true``).  ``files`` keeps one entry per file; ``summary`` counts the diagnostics of both.
A run with nothing across documents (a report checked alone) has no ``cross`` key.
"""
from __future__ import annotations

from govlint.output import Formatter, formatter, statistics
from govlint.output.base import Tally
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
    if result.paired_with is not None:  # the cross-document pass paired it with last year's report
        entry["paired_with"] = display_path(result.paired_with)
    if result.cross:
        entry["cross"] = True
    return entry


def summary_json(results) -> dict:
    tally = results if isinstance(results, Tally) else Tally.of(results)
    return {"files": tally.files + tally.unreadable, **tally.severities}


def statistics_json(results) -> dict:
    """``{"GL303": 2, …}``: diagnostics per rule code, most first."""
    counts: dict[str, int] = {}
    for code, _name, _severity, count in statistics(results):
        counts[code] = counts.get(code, 0) + count
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def body_statistics_json(tally: Tally) -> dict:
    """``{"中卫市审批服务管理局": {"files": 2, "error": 1, "warning": 0, "info": 3}, …}`` (a report whose
    body was not found is counted under "")."""
    return {body or "": {"files": files, "error": error, "warning": warning, "info": info}
            for body, (files, error, warning, info) in tally.body_statistics()}


def _nested(value, depth: int) -> str:
    """``value`` as json_text(…, indent=2) writes it ``depth`` levels down in a document (JSON text has
    no raw line break inside a string, so every line break is the indentation's)."""
    return json_text(value, indent=2).replace("\n", "\n" + "  " * depth)


@formatter("json")
class JsonFormatter(Formatter):
    prints_text = False  # places only (line:column): no file is read again for the cross-document pass
    supports_statistics = True
    streams = True

    def write(self, results, stream) -> None:
        stream.write('{\n  "version": 1,\n  "files": [')
        first, crossing = True, False
        for result in self.tallied(results):
            if result.cross and not crossing:  # the cross-document pass: after every file, its own array
                stream.write(("]" if first else "\n  ]") + ',\n  "cross": [')
                first, crossing = True, True
            stream.write(("\n    " if first else ",\n    ") + _nested(result_json(result, self.settings.lang), 2))
            first = False
        stream.write("]" if first else "\n  ]")
        tail = {"summary": summary_json(self.tally)}
        if self.settings.statistics:
            tail["statistics"] = statistics_json(self.tally)
            tail["statistics_by_body"] = body_statistics_json(self.tally)
        for key, value in tail.items():
            stream.write(f",\n  {json_text(key)}: {_nested(value, 1)}")
        stream.write("\n}\n")
