"""``--format html -o DIR``: a batch's report as a directory (issue 11, "The HTML report scales").

    DIR/index.html            one row per report: body, year, verdict, counts per severity, the rule
                              families hit, a link to its page; sortable and filterable, and a view
                              by body with a body's reports across the years side by side
    DIR/reports/NAME.html     the report page of one file (report.html.j2, as ``-o FILE.html`` writes
                              it for that file alone), with a link back to the index

The index carries its rows as JSON and a small script draws one page of them at a time, so that an
index of thousands of reports opens at once (no CDN, no network: it opens from disk).  Results are
taken one at a time and only a compact row is kept per report: the pages are written as the results
come, never the whole batch's views at once.

Page names come from the input paths (``PageNamer``): the file's name without its extension, every
character that is not a letter, a digit, ``-``, ``_`` or ``.`` replaced by ``_`` (Chinese letters are
letters: kept as they are, readable — links percent-encode them), at most 60 characters, never a name
Windows reserves, ``index`` or one starting with a dot, so never a path outside ``reports/``.  A name
already taken in the run (the same file name in another folder, or one differing only in case) gets
``-`` and 8 hex digits of a hash of its full path: the same inputs give the same names on every run.
Every file is written to a temporary file
beside it and renamed over the old one (atomic per file); a rerun overwrites, and removes the pages
of an earlier run that this one did not write (only files in ``reports/`` that govlint wrote).
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterable, cast
from urllib.parse import quote

from govlint import __version__
from govlint.diagnostics import SEVERITIES
from govlint.output.base import summary_line
from govlint.output.html.report import FAMILIES, html_text, _environment

if TYPE_CHECKING:
    from govlint.output.html.report import FileView, HtmlFormatter

PAGES = "reports"                 # the folder of the report pages, inside DIR
INDEX = "index.html"
PAGE_SIZE = 100                   # rows the index draws at a time
MAX_NAME = 60                     # characters of a page's name before ".html" (a Chinese one: 180 bytes of 255)
GENERATOR = '<meta name="generator" content="govlint'   # how a rerun knows a page is one of ours
_UNSAFE = re.compile(r"[^\w.\-]+")
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{n}" for n in range(10)), *(f"lpt{n}" for n in range(10))}

INDEX_UI: dict[str, dict[str, Any]] = {
    "zh": {"page_title": "政府信息公开年报检查报告 · 文件一览", "reports": "按报告", "bodies": "按机关",
           "search": "搜索机关、标题或文件", "all_verdicts": "全部结论", "all_years": "全部年度",
           "all_families": "全部类别", "families": "问题类别",
           "shown": "第 {from}–{to} 条，共 {n} 条（全部 {total} 条）", "none": "没有符合筛选条件的报告。",
           "previous": "上一页", "next": "下一页", "sort_hint": "点击表头排序", "reports_count": "报告数", "counts": "错误/警告/提示",
           "noscript": "此页需要启用 JavaScript 才能显示列表；各报告的页面在 reports 文件夹中。"},
    "en": {"page_title": "Annual report check · files", "reports": "By report", "bodies": "By body",
           "search": "Search body, title or file", "all_verdicts": "All verdicts", "all_years": "All years",
           "all_families": "All families", "families": "Families",
           "shown": "{from}–{to} of {n} ({total} in all)", "none": "No report matches the filters.",
           "previous": "Previous", "next": "Next", "sort_hint": "Click a heading to sort",
           "reports_count": "Reports", "counts": "errors/warnings/info",
           "noscript": "This page needs JavaScript to show its list; each report's page is in the reports folder."},
}


def wants_directory(output: str) -> bool:
    """``-o`` names a directory: one that exists, a path ending in a separator, or a path without
    .html/.htm (``-o out`` → ``out/index.html``)."""
    if os.path.isdir(output) or output.endswith(("/", os.sep)):
        return True
    return os.path.splitext(output)[1].lower() not in (".html", ".htm")


class PageNamer:
    """Safe, deterministic, distinct page names (without ".html"), one path at a time: a batch is
    named as its results stream by.  A name already taken (the same file name in another folder,
    or one that differs only in case) gets ``-`` and 8 hex digits of its path's hash."""

    def __init__(self) -> None:
        self.taken: set[str] = set()

    def name(self, path: str) -> str:
        stem = _stem(path)
        name = stem
        if name.casefold() in self.taken:
            name = f"{stem}-{hashlib.sha1(path.encode('utf-8', 'surrogatepass')).hexdigest()[:8]}"
        base, number = name, 2
        while name.casefold() in self.taken:  # the same path twice, or a file really named "a-1234abcd"
            name, number = f"{base}-{number}", number + 1
        self.taken.add(name.casefold())
        return name


def page_names(paths: Iterable[str]) -> list[str]:
    """The page names of these paths, in order."""
    namer = PageNamer()
    return [namer.name(path) for path in paths]


def _stem(path: str) -> str:
    if path in ("-", ""):
        return "stdin"
    name = os.path.basename(path.rstrip("/\\").replace("\\", "/").split("/")[-1])
    stem = os.path.splitext(name)[0] or name
    stem = unicodedata.normalize("NFC", stem)
    stem = _UNSAFE.sub("_", stem).strip("._-")[:MAX_NAME].rstrip("._-")
    if not stem or stem.casefold() in _RESERVED or stem.casefold() == "index":
        stem = f"report_{stem}" if stem else "report"
    return stem


@dataclass
class Row:
    """What the index keeps of one report."""
    page: str       # reports/NAME.html, percent-encoded
    path: str
    body: str
    title: str
    year: str
    verdict: str    # pass | fail | unreadable
    counts: list    # [error, warning, info]
    families: list  # indexes into the index's family list

    def json(self) -> list:
        return [self.page, self.path, self.body, self.title, self.year, self.verdict, self.counts, self.families]


class BatchWriter:
    """Writes one batch: a page per result as it comes, then the index."""

    def __init__(self, formatter: HtmlFormatter, directory: str):
        self.formatter = formatter
        self.directory = directory
        self.pages = os.path.join(directory, PAGES)
        self.families: list[str] = list(FAMILIES)
        self.rules: dict[tuple[str, str, str], int] = {}  # --statistics, counted as the results pass

    def write(self, results: Iterable) -> None:
        os.makedirs(self.pages, exist_ok=True)
        namer = PageNamer()
        rows, written = [], set()
        totals = {"files": 0, "unreadable": 0, "baselined": 0, **{level: 0 for level in SEVERITIES}}
        for index, result in enumerate(results, 1):
            name = namer.name(result.path)
            view = self.formatter.file_view(index, result)
            page = self.formatter.render([view], summary_line([result], self.formatter.lang), back=f"../{INDEX}")
            write_atomically(os.path.join(self.pages, name + ".html"), page)
            written.add(name + ".html")
            rows.append(self.row(view, f"{PAGES}/{quote(name)}.html"))
            self.count(result, totals)
        self.remove_stale(written)
        write_atomically(os.path.join(self.directory, INDEX), self.index(rows, totals))

    def row(self, view: FileView, page: str) -> Row:
        if view.error:
            return Row(page, view.path, "", view.error, "", "unreadable", [0, 0, 0], [])
        families = []
        for diag in view.diagnostics:
            if diag.family not in self.families:
                self.families.append(diag.family)
            number = self.families.index(diag.family)
            if number not in families:
                families.append(number)
        counts = [view.counts.get(level, 0) for level in reversed(SEVERITIES)]
        return Row(page, view.path, view.body or view.title, view.title, view.year if view.year.isdigit() else "",
                   "fail" if view.failed else "pass", counts, sorted(families))

    def count(self, result, totals: dict) -> None:
        if result.error is not None:
            totals["unreadable"] += 1
            return
        totals["files"] += 1
        totals["baselined"] += result.baselined
        for diag in result.diagnostics:
            totals[diag.severity] = totals.get(diag.severity, 0) + 1
            key = (diag.code, diag.name, diag.severity)
            self.rules[key] = self.rules.get(key, 0) + 1

    def remove_stale(self, written: set) -> None:
        """Pages an earlier run wrote that this one did not: removed, so that the folder is this run's."""
        for entry in os.scandir(self.pages):
            if entry.name in written or not entry.name.endswith(".html") or not entry.is_file():
                continue
            try:
                with open(entry.path, encoding="utf-8", errors="replace") as handle:
                    ours = GENERATOR in handle.read(1000)
                if ours:
                    os.remove(entry.path)
            except OSError:
                pass  # not ours to worry about

    def index(self, rows: list, totals: dict) -> str:
        formatter = self.formatter
        lang = formatter.lang
        ui = {**formatter.ui, **INDEX_UI[lang]}
        used = sorted({number for row in rows for number in row.families})
        families = [(number, ui["family"].get(self.families[number], self.families[number])) for number in used]
        data = {"rows": [row.json() for row in rows],
                "families": [ui["family"].get(name, name) for name in self.families],
                "severities": list(reversed(SEVERITIES)), "pageSize": PAGE_SIZE,
                "ui": {key: ui[key] for key in ("pass", "fail", "unreadable", "shown", "none", "counts")}}
        statistics_rows = None
        if formatter.settings.statistics:
            statistics_rows = [(code, name, severity, count) for (code, name, severity), count
                               in sorted(self.rules.items(), key=lambda item: (-item[1], item[0]))]
        years = sorted({row.year for row in rows if row.year})
        page = _environment().get_template("index.html.j2").render(
            ui=ui, lang=lang, version=__version__, legend=formatter.legend(), families=families, years=years,
            severities=list(reversed(SEVERITIES)), statistics=statistics_rows,
            summary=_summary(totals, lang, formatter.settings.fixed), data=_script_json(data))
        return html_text(page)


class _Tally:
    """What ``summary_line`` reads of a result, for a batch whose results are not kept."""

    def __init__(self, error: object = None, counts: dict | None = None, baselined: int = 0) -> None:
        self.error, self.counts, self.baselined = error, counts or {}, baselined

    def count(self, level: str) -> int:
        return self.counts.get(level, 0)


def _summary(totals: dict, lang: str, fixed: int) -> str:
    """The run's summary line from the counts."""
    tallies = [_Tally(None, {level: totals[level] for level in SEVERITIES}, totals["baselined"])]
    tallies += [_Tally() for _ in range(totals["files"] - 1)] + [_Tally("unreadable")] * totals["unreadable"]
    if not totals["files"]:
        tallies = tallies[1:]  # the counts are all 0
    return summary_line(cast(Any, tallies), lang, fixed)  # it reads .error, .count() and .baselined only


def _script_json(data: Any) -> str:
    """JSON safe inside <script type="application/json">: no "</" to close the element early."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def write_atomically(path: str, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file beside it, renamed over it: a reader (or
    a run that stops half-way) sees the old page or the new one, never half of one."""
    folder = os.path.dirname(path) or "."
    handle, temporary = tempfile.mkstemp(prefix=".govlint-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", errors="backslashreplace", newline="") as stream:
            stream.write(text)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        try:
            os.remove(temporary)
        except OSError:
            pass
        raise
