"""not-a-report: the file is no annual report at all (a README, minutes, a spreadsheet export).

The engine runs no other rule on such a file: forty "missing section" errors would only say,
forty times, that it is not a report.  The evidence must be clear, so a draft or a fragment of
a report is never taken for something else: a file is a report when it has a report title (a
title that names information disclosure or an annual report: the parser takes any first line for
a title), any mandated section heading, any statistics table, or any of the wording only reports
use; a blank file is an unfinished report.
"""
from __future__ import annotations

from govlint.rules.api import CheckKind, Finding, Param, Span, check_kind

# Wording of the body of a report (not of text about reports: a README of a drafts repository
# says 政府信息公开工作年度报告 but not 本报告).
MARKERS = ["本报告", "政务", "公开政府信息", "政府信息公开申请", "政府信息公开条例", "国办公开办函", "依申请公开",
           "主动公开"]
TITLE_WORDS = ("政府信息公开", "信息公开", "政务公开", "年度报告")


def looks_like_report(doc, markers=MARKERS) -> bool:
    title = doc.title.text.replace(" ", "") if doc.title is not None else ""
    if any(word in title for word in TITLE_WORDS) or doc.tables() or any(s.heading.canonical for s in doc.sections):
        return True
    text = doc.source.text
    return not text.strip() or any(marker in text for marker in markers)


@check_kind
class NotAReport(CheckKind):
    """The file has no report title, no mandated section heading, no statistics table and no report wording."""

    name = "not-a-report"
    FIELDS = ()
    PARAMS = {"markers": Param(list, MARKERS, "wording that makes a file without title, headings or tables a report")}

    def check(self, doc, params):
        if looks_like_report(doc, params["markers"]):
            return
        source = doc.source
        start = len(source.text) - len(source.text.lstrip())
        line = source.line_of(start)
        yield Finding(Span(start, max(start, source.line_ends[line - 1])), {})
