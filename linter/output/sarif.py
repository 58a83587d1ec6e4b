"""``--format sarif``: SARIF 2.1.0, for code-scanning dashboards (GitHub, GitLab, Azure DevOps).

One run; ``tool.driver.rules`` has one entry per rule code with its summary, description
(the rule pack's documentation page) and default level; each result points at its region
(columns count Unicode code points: ``columnKind: unicodeCodePoints``) and carries its fix.

An artifact's URI is the file name's bytes, percent-encoded (a name that is not UTF-8 still
points at its file: ``b"\\xff.txt"`` → ``%FF.txt``); with ``--statistics`` the run's
``properties.statistics`` counts the diagnostics per rule code.
"""
from __future__ import annotations

from typing import Any

from govlint import __version__
from govlint.output import Formatter, formatter
from govlint.output.json import statistics_json
from govlint.support.escaping import json_text, path_uri

_LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def _region(source, start: int, end: int) -> dict:
    line, column = source.position(start)
    end_line, end_column = source.position(end)
    if (end_line, end_column) == (line, column):
        end_column = column  # an insertion point
    return {"startLine": line, "startColumn": column, "endLine": end_line, "endColumn": end_column}


def rule_descriptors(rules, lang: str) -> list[dict]:
    seen = {}
    for rule in sorted(rules, key=lambda r: r.code):
        if rule.code in seen:
            continue
        summary = rule.summary.get(lang) or rule.summary["zh"]
        description = rule.description
        if isinstance(description, dict):  # per language, like the summary
            description = description.get(lang) or description.get("zh") or ""
        text = (description or summary).strip()
        seen[rule.code] = {
            "id": rule.code,
            "name": rule.name,
            "shortDescription": {"text": summary},
            "fullDescription": {"text": text},
            "help": {"text": text, "markdown": f"**{rule.code} {rule.name}**: {summary}\n\n{text}"},
            "defaultConfiguration": {"level": _LEVELS[rule.severity]},
            "properties": {"tags": [rule.family], "formats": list(rule.formats), "fixable": rule.fixable},
        }
    return list(seen.values())


@formatter("sarif")
class SarifFormatter(Formatter):
    supports_statistics = True

    def write(self, results, stream) -> None:
        rules = rule_descriptors(self.settings.rules or [], self.settings.lang)
        index = {rule["id"]: position for position, rule in enumerate(rules)}
        sarif_results = []
        notifications = []
        for result in results:
            uri = path_uri(result.path)
            if result.error is not None:
                notifications.append({"level": "error", "message": {"text": self.text(result.error)},
                                      "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}}}]})
                continue
            source = result.source
            for diag in result.diagnostics:
                region = _region(source, diag.span.start, diag.span.end)
                region["snippet"] = {"text": source.text[diag.span.start:diag.span.end]}
                item = {
                    "ruleId": diag.code,
                    "level": _LEVELS[diag.severity],
                    "message": {"text": self.message_with_help(diag)},
                    "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}, "region": region}}],
                }
                if diag.code in index:
                    item["ruleIndex"] = index[diag.code]
                where = source.locate(diag.span.start)
                if where:
                    item["properties"] = {"location": where}
                if diag.related:
                    item["relatedLocations"] = [
                        {"id": number, "physicalLocation": {"artifactLocation": {"uri": uri},
                                                            "region": _region(source, span.start, span.end)}}
                        for number, span in enumerate(diag.related, 1)]
                if diag.fix is not None:
                    item["fixes"] = [{
                        "description": {"text": diag.fix.description},
                        "artifactChanges": [{
                            "artifactLocation": {"uri": uri},
                            "replacements": [{"deletedRegion": _region(source, edit.start, edit.end),
                                              "insertedContent": {"text": edit.replacement}}
                                             for edit in diag.fix.edits]}],
                        "properties": {"safe": diag.fix.safe}}]
                sarif_results.append(item)
        document: dict[str, Any] = {
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [{
                "tool": {"driver": {"name": "govlint", "version": __version__, "semanticVersion": __version__,
                                    "rules": rules}},
                "invocations": [{"executionSuccessful": not notifications,
                                 "toolExecutionNotifications": notifications}],
                "columnKind": "unicodeCodePoints",
                "results": sarif_results,
            }],
        }
        if self.settings.statistics:
            document["runs"][0]["properties"] = {"statistics": statistics_json(results)}
        stream.write(json_text(document, indent=2) + "\n")
