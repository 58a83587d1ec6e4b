"""``--format html``: the editors' report.

One self-contained page (inline CSS and JS, no network, opens from disk): an index of the
files, then for each report a header (title, body, year, format, counts, verdict), the
draft as written with every diagnostic highlighted in place and explained under its line,
a clickable list of the diagnostics, filters by severity and rule family, and tables 2–4
rebuilt with their canonical labels, the wrong cells marked with the expected value (the
value as written is boxed, never struck through: a struck-through 0 reads as θ).
Each report's verdict says what it means ("不通过：有 3 个错误（错误阻止发布，警告不阻止）").
The page prints on A4 (tables fit the width, rows are not cut).  With ``-o DIR`` a batch gets an
index and one such page per report instead (batch.py).

This module turns FileResults into plain view objects; the jinja2 templates in
``templates/`` beside this module lay them out (autoescaped: a draft is untrusted text).
"""
from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Sequence

from govlint import __version__
from govlint.diagnostics import SEVERITIES, fails
from govlint.grammar.shapes import HAN, PRINTED_YEAR
from govlint.grammar.spec import TABLE_FORMATS, TABLES, spec
from govlint.output import Formatter, Settings, formatter, statistics, summary_line
from govlint.output.text import describe_location
from govlint.support import i18n
from govlint.support.escaping import display_path, safe_text

if TYPE_CHECKING:
    from jinja2 import Environment

FAMILIES = ("parse", "structure", "citation", "table", "consistency", "publication", "content", "wording")

UI: dict[str, dict[str, Any]] = {
    "zh": {
        "page_title": "政府信息公开年报检查报告", "colon": "：",
        "severity": {"error": "错误", "warning": "警告", "info": "提示"},
        "family": {"parse": "解析", "structure": "结构", "citation": "引用文号", "table": "统计表",
                   "consistency": "前后一致", "publication": "公开要素", "content": "内容", "wording": "用语"},
        "pass": "通过", "fail": "不通过", "unreadable": "无法读取", "unknown": "未能判断",
        "index": "文件一览", "file": "文件", "title": "标题", "body": "发布机关", "year": "年度", "format": "格式",
        "verdict": "结论", "diagnostics": "问题列表", "draft": "原文", "tables": "统计表",
        "no_diagnostics": "未发现问题。", "baselined": "基线已接受 {count} 个（未列出）",
        "filters": "筛选", "show_severity": "级别", "show_family": "类别",
        "filtered_out": "按当前筛选，没有可显示的问题。",
        "fix": "修改建议", "help": "提示", "unsafe": "修改建议（需 --unsafe-fixes）", "line": "第 {line} 行",
        "expected": "应为", "no_table": "未识别到此表", "not_mandated": "2008 年条例格式的报告没有规定的统计表。",
        "missing_row": "缺", "unknown_row": "未识别的行", "duplicate_row": "重复的行", "written_label": "原文写作",
        "table_notes": "表内问题", "related": "相关", "blank": "空",
        "internal": "内部错误（请报告给 govlint 维护者）", "print_hint": "可直接打印（打印时显示全部说明）",
        "year_from": {"title": "据标题", "period": "据统计期限", "override": "据配置", "tables": "据统计表"},
        "count": {"error": "{n} 个错误", "warning": "{n} 个警告", "info": "{n} 个提示"}, "and": "、",
        "verdict_fail": "不通过：有 {found}（{rule}）", "verdict_pass": "通过：{found}（{rule}）",
        "blocks": {"error": "错误阻止发布，警告不阻止", "warning": "错误和警告阻止发布，提示不阻止",
                   "info": "任何问题都阻止发布"},
        "pass_found": {"error": "没有错误", "warning": "没有错误和警告", "info": "没有发现问题"},
        "pass_rule": {"error": "警告不阻止发布", "warning": "提示不阻止发布", "info": "任何问题都阻止发布"},
        "pass_below": "有 {counts}，不阻止发布",
        "statistics": "按规则统计", "rule": "规则", "name": "名称", "severity_col": "级别", "number": "数量",
        "legend": "结论的含义", "back": "返回文件一览",
        "meaning": {"error": "错误：发布前必须改正", "warning": "警告：应当核实，多为需要改正的问题",
                    "info": "提示：供参考，可不改"},
        "verdict_rule": {"pass": "通过：没有阻止发布的问题（{rule}）", "fail": "不通过：有阻止发布的问题（{rule}）",
                         "unreadable": "无法读取：文件没有检查，请检查文件本身"},
        # "表二  主动公开政府信息情况"
        "table_titles": {table: f"{spec().table_name(table, 'zh')}  {spec().table_title(table, 'zh')}"
                         for table in TABLES},
    },
    "en": {
        "page_title": "Annual report check", "colon": ": ",
        "severity": {"error": "error", "warning": "warning", "info": "info"},
        "family": {name: name for name in FAMILIES},
        "pass": "pass", "fail": "fail", "unreadable": "unreadable", "unknown": "unknown",
        "index": "Files", "file": "File", "title": "Title", "body": "Issued by", "year": "Year", "format": "Format",
        "verdict": "Verdict", "diagnostics": "Diagnostics", "draft": "Draft", "tables": "Tables",
        "no_diagnostics": "Nothing found.", "baselined": "{count} accepted by the baseline (not listed)",
        "filters": "Filters", "show_severity": "Severity", "show_family": "Family",
        "filtered_out": "No diagnostics match the filters.",
        "fix": "fix", "help": "help", "unsafe": "fix (unsafe: --unsafe-fixes)", "line": "line {line}",
        "expected": "expected", "no_table": "table not found",
        "not_mandated": "Reports in the 2008 format have no mandated tables.",
        "missing_row": "missing", "unknown_row": "unknown row", "duplicate_row": "repeated row",
        "written_label": "written as", "table_notes": "In this table", "related": "related", "blank": "blank",
        "internal": "internal error (please report it to govlint's maintainers)",
        "print_hint": "Printable (prints every note)",
        "year_from": {"title": "from the title", "period": "from the period", "override": "configured",
                      "tables": "from the tables"},
        "count": {"error": "{n} error{s}", "warning": "{n} warning{s}", "info": "{n} info"}, "and": ", ",
        "verdict_fail": "Fail: {found} ({rule})", "verdict_pass": "Pass: {found} ({rule})",
        "blocks": {"error": "errors block publication, warnings do not",
                   "warning": "errors and warnings block publication, info does not",
                   "info": "every diagnostic blocks publication"},
        "pass_found": {"error": "no errors", "warning": "no errors or warnings", "info": "nothing found"},
        "pass_rule": {"error": "warnings do not block", "warning": "info does not block",
                      "info": "every diagnostic would block"},
        "pass_below": "{counts}, which do not block",
        "statistics": "By rule", "rule": "Rule", "name": "Name", "severity_col": "Severity", "number": "Count",
        "legend": "What the verdict means", "back": "Back to the files",
        "meaning": {"error": "error: must be fixed before publication",
                    "warning": "warning: to be verified, usually something to fix",
                    "info": "info: for reference, may be left as it is"},
        "verdict_rule": {"pass": "pass: nothing that blocks publication ({rule})",
                         "fail": "fail: something blocks publication ({rule})",
                         "unreadable": "unreadable: the file was not checked; look at the file itself"},
        # "Table 2  Proactive disclosure of government information"
        "table_titles": {table: f"{spec().table_name(table, 'en').capitalize()}  {spec().table_title(table, 'en')}"
                         for table in TABLES},
    },
}


# A space between a number and the Chinese after it, as this page writes them (第 3 行, 2021 年格式).
_NUMBER_THEN_HAN = re.compile(r"(?<=\d)(?=[%s])" % HAN)

# The expected value an arithmetic message states ("…，应为 15", "…; expected 15").
_EXPECTED = re.compile(r"(?:应为|expected|should be)\s*(-?\d+(?:\.\d+)?)")


# -- view objects -----------------------------------------------------------------------------

@dataclass
class DiagView:
    id: str                 # "f1-d3": the data-diag-id of its mark and its list entry
    code: str
    name: str
    severity: str
    family: str
    message: str
    help: str | None
    help_label: str         # "修改建议：", "提示：" (with its colon) when there is help
    line: int
    column: int
    where: str              # page/paragraph/table cell of a .docx/.pdf original
    start: int
    end: int
    related: list
    expected: str | None = None
    note_number: int | None = None  # footnote number in its table, if it is in one

    @property
    def tooltip(self) -> str:
        return f"{self.code} {self.message}" + (f"\n{self.help_label}{self.help}" if self.help else "")


@dataclass
class Mark:
    diag: DiagView
    first: bool             # the diagnostic's first piece carries data-diag-id; others data-diag-part
    related: bool = False   # a place the diagnostic names beside its own (GL803's reused passages)


@dataclass
class Segment:
    text: str
    marks: list = field(default_factory=list)   # outermost first
    zero: DiagView | None = None                # a zero-width diagnostic: a marker, no text


@dataclass
class LineView:
    number: int
    segments: list
    notes: list             # DiagViews that start on this line (shown under it)
    worst: str | None       # the highest severity touching the line (gutter colour)


@dataclass
class CellView:
    text: str
    classes: str = ""
    title: str = ""
    expected: str | None = None
    notes: list = field(default_factory=list)   # footnote numbers
    goto: str | None = None                     # diagnostic to jump to when clicked
    colspan: int = 1


@dataclass
class LabelView:
    """A row-label cell; table 3's group labels span several rows."""
    text: str
    rowspan: int = 1
    colspan: int = 1
    title: str = ""
    classes: str = ""
    notes: list = field(default_factory=list)
    goto: str | None = None


@dataclass
class RowView:
    labels: list            # LabelViews
    cells: list             # CellViews
    classes: str = ""
    header: bool = False    # a header row inside the body (table 2's blocks)


@dataclass
class TableView:
    kind: str
    title: str
    present: bool
    message: str = ""
    head: list = field(default_factory=list)   # rows of (text, rowspan, colspan)
    rows: list = field(default_factory=list)
    notes: list = field(default_factory=list)  # DiagViews attached to the table, numbered


@dataclass
class FileView:
    id: str
    path: str
    error: str | None = None
    title: str = ""
    body: str = ""
    year: str = ""
    year_origin: str = ""   # where the year was read: title, statistical period, tables, configuration
    format: str = ""
    format_short: str = ""
    counts: dict = field(default_factory=dict)
    baselined: int = 0      # diagnostics a baseline accepted (not shown)
    failed: bool = False
    verdict: str = ""       # "不通过：有 3 个错误（错误阻止发布，警告不阻止）"
    diagnostics: list = field(default_factory=list)
    lines: list = field(default_factory=list)
    tables: list = field(default_factory=list)
    tables_note: str = ""   # why there are no tables to show
    internal_errors: list = field(default_factory=list)


# -- the formatter ----------------------------------------------------------------------------------

@formatter("html")
class HtmlFormatter(Formatter):
    needs_documents = True  # the CLI keeps each parsed Document: the tables are rebuilt from it
    supports_statistics = True  # a table of diagnostics per rule, after the index

    def __init__(self, settings: Settings):
        super().__init__(settings)
        self.lang = "en" if settings.lang == "en" else "zh"
        self.ui = UI[self.lang]

    def write(self, results, stream) -> None:
        files = [self.file_view(index, result) for index, result in enumerate(results, 1)]
        stream.write(self.render(files, summary_line(results, self.lang, self.settings.fixed),
                                 statistics(results) if self.settings.statistics else None))

    @classmethod
    def wants_directory(cls, output: str) -> bool:
        """``-o DIR``: a directory, or a path not ending in .html/.htm, gets an index and a page per
        report (``batch.py``); ``-o FILE.html`` gets the one self-contained page."""
        from govlint.output.html.batch import wants_directory
        return wants_directory(output)

    def write_directory(self, results, directory: str) -> None:
        """``index.html`` and one page per report in ``directory`` (``batch.py``)."""
        from govlint.output.html.batch import BatchWriter
        BatchWriter(self, directory).write(results)

    def render(self, files: list, summary: str, statistics_rows=None, back: str | None = None) -> str:
        """The page of some FileViews; ``back``: the link to the batch's index (a batch's report page)."""
        families = [name for name in FAMILIES if any(d.family == name for f in files for d in f.diagnostics)]
        families += sorted({d.family for f in files for d in f.diagnostics} - set(FAMILIES))
        totals = {level: sum(f.counts.get(level, 0) for f in files) for level in SEVERITIES}
        page = _environment().get_template("report.html.j2").render(
            ui=self.ui, lang=self.lang, files=files, families=families, totals=totals,
            severities=list(reversed(SEVERITIES)), version=__version__, summary=summary,
            show_index=len(files) > 1 or any(f.error for f in files), back=back,
            legend=self.legend(), statistics=statistics_rows)
        return html_text(page)

    def legend(self) -> list[str]:
        """What the verdict and each severity mean, at this run's --fail-on: written on the page."""
        threshold = self.settings.fail_on if self.settings.fail_on in SEVERITIES else "error"
        rule = self.ui["blocks"][threshold]
        return [self.ui["verdict_rule"][verdict].format(rule=rule) for verdict in ("fail", "pass", "unreadable")] + \
            [self.ui["meaning"][level] for level in reversed(SEVERITIES)]

    # -- one file --------------------------------------------------------------------------------
    def file_view(self, index: int, result) -> FileView:
        error = None if result.error is None else i18n.text(result.error, self.lang)
        view = FileView(id=f"f{index}", path=display_path(result.path), error=error)
        if result.error is not None or result.source is None:
            return view
        source, doc = result.source, result.doc
        view.internal_errors = [i18n.text(message, self.lang) for message in result.internal_errors]
        view.counts = {level: result.count(level) for level in SEVERITIES}
        view.baselined = result.baselined
        view.failed = fails(result.diagnostics, self.settings.fail_on)
        view.verdict = self.verdict(result, view.failed)
        view.diagnostics = [self.diag_view(view.id, number, diag, source)
                            for number, diag in enumerate(result.diagnostics, 1)]
        view.title, view.body = _title_and_body(doc, source)
        # The issuing organ parse.body normalised (Document.body), else the title's words before the year.
        organ = getattr(getattr(doc, "body", None), "name", None)
        view.body = organ or view.body
        view.year = str(result.year) if result.year is not None else self.ui["unknown"]
        origin = self.ui["year_from"].get(getattr(doc, "year_source", None) or "", "")
        view.year_origin = (f"（{origin}）" if self.lang == "zh" else f"({origin})") if origin else ""
        view.format_short, view.format = self.format_text(result.format)
        view.lines = highlight_lines(source, view.diagnostics)
        if doc is not None:
            view.tables = TableBuilder(doc, view.diagnostics, self.ui).build()
            if not view.tables and doc.format == "2008":
                view.tables_note = self.ui["not_mandated"]
        return view

    def verdict(self, result, failed: bool) -> str:
        """What the verdict means: what blocks publication at this run's --fail-on, and how many."""
        ui = self.ui
        threshold = self.settings.fail_on if self.settings.fail_on in SEVERITIES else "error"
        if not failed:
            below = [level for level in reversed(SEVERITIES)
                     if SEVERITIES.index(level) < SEVERITIES.index(threshold) and result.count(level)]
            rule = ui["pass_below"].format(counts=self.counted(below, result)) if below else \
                ui["pass_rule"][threshold]
            return ui["verdict_pass"].format(found=ui["pass_found"][threshold], rule=rule)
        blocking = [level for level in reversed(SEVERITIES)
                    if SEVERITIES.index(level) >= SEVERITIES.index(threshold) and result.count(level)]
        return ui["verdict_fail"].format(found=self.counted(blocking, result), rule=ui["blocks"][threshold])

    def counted(self, levels: list, result) -> str:
        parts = []
        for level in levels:
            n = result.count(level)
            parts.append(self.ui["count"][level].format(n=n, s="" if n == 1 else "s"))
        return self.ui["and"].join(parts)

    def diag_view(self, file_id: str, number: int, diag, source) -> DiagView:
        line, column = source.position(diag.span.start)
        label = ""
        if diag.help:
            label = self.ui["help"] if diag.fix is None else self.ui["fix"] if diag.fix.safe else self.ui["unsafe"]
            label += self.ui["colon"]
        expected = diag.data.get("expected")
        if expected is None:
            found = _EXPECTED.search(diag.message)  # a rule pack of one's own may only say it in words
            expected = found.group(1) if found else None
        return DiagView(
            id=f"{file_id}-d{number}", code=diag.code, name=diag.name, severity=diag.severity,
            family=diag.family or "other", message=diag.message, help=diag.help, help_label=label,
            line=line, column=column, where=describe_location(source.locate(diag.span.start), self.lang),
            start=diag.span.start, end=diag.span.end, related=[tuple(span) for span in diag.related],
            expected=None if expected is None else str(expected))

    def format_text(self, fmt: str | None) -> tuple[str, str]:
        """(short name, name with the notice or regulation it follows)."""
        if fmt is None:
            return self.ui["unknown"], self.ui["unknown"]
        info = spec().format_info(fmt)
        name = spec().format_name(fmt, "zh" if self.lang == "zh" else "en") or fmt
        if self.lang == "zh":
            name = _NUMBER_THEN_HAN.sub(" ", name)
        basis = info.get("notice") or info.get("regulation")
        if not basis:
            return name, name
        return name, (f"{name}（{basis}）" if self.lang == "zh" else f"{name} ({basis})")


# HTML forbids C0 controls other than whitespace, C1 controls and U+FFFE/U+FFFF in a page (a
# parse error each): a report's own are shown as Control Pictures (U+240C …), one for one.
_HTML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


def _html_replacement(match) -> str:
    code = ord(match.group())
    return chr(0x2400 + code) if code < 0x20 else "\u2421" if code == 0x7F else "\ufffd"


def html_text(page: str) -> str:
    """The page as valid UTF-8 (no lone surrogates) without the characters HTML forbids."""
    page = safe_text(page)
    return _HTML_FORBIDDEN.sub(_html_replacement, page) if _HTML_FORBIDDEN.search(page) else page


@lru_cache(maxsize=1)
def _environment() -> Environment:
    # One per process: a batch renders thousands of pages, and compiling the templates costs more than one.
    # jinja2 is imported here, not at the top: discovering the formats must not cost its start-up time.
    from jinja2 import Environment, PackageLoader, StrictUndefined

    # autoescape everywhere: titles, messages and the draft itself are the author's text.
    return Environment(loader=PackageLoader("govlint.output.html", "templates"), autoescape=True,
                       undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def _title_and_body(doc, source) -> tuple[str, str]:
    """The title as written (lines joined) and the issuing body: the title before its year,
    else between the year and 政府信息公开 ("2024 年上海市科委政府信息公开…")."""
    if doc is None or doc.title is None:
        return "", ""
    title = " ".join(source.text[s.start:s.end].strip() for s in doc.title.line_spans).strip()
    match = PRINTED_YEAR.search(title)  # the body's name ends at the year
    if match is None:
        return title, ""
    body = title[:match.start()].strip()
    if not body:
        body = title[match.end():].split("政府信息公开")[0].strip()
    return title, body


# -- the draft, highlighted ----------------------------------------------------------------------------

def highlight_lines(source, diagnostics: list) -> list[LineView]:
    """Every line of the draft cut into segments at diagnostic boundaries.

    Each segment carries the diagnostics covering it (nested <mark>s), so overlapping
    diagnostics both show; a span over several lines is marked on each line; a span with
    no visible character (zero width, or only a line break) becomes a small marker.  The
    work is per line and per diagnostic on it, never per character.
    """
    text = source.text
    count = source.line_count
    spans: dict[int, list[tuple[DiagView, int, int]]] = {}   # line index → [(DiagView, start, end)] clipped to the line; start == end: marker
    notes: dict[int, list[DiagView]] = {}   # line index → DiagViews starting there
    for diag in diagnostics:
        start, end = min(diag.start, len(text)), min(max(diag.end, diag.start), len(text))
        first = source.line_of(start) - 1
        notes.setdefault(first, []).append(diag)
        visible = False
        if end > start:
            last = source.line_of(end - 1) - 1
            for index in range(first, last + 1):
                lo = max(start, source.line_starts[index])
                hi = min(end, source.line_ends[index])
                if hi > lo:
                    spans.setdefault(index, []).append((diag, lo, hi))
                    visible = True
        if not visible:
            at = min(max(start, source.line_starts[first]), source.line_ends[first])
            spans.setdefault(first, []).append((diag, at, at))
    related: dict[int, list[tuple[DiagView, int, int]]] = {}  # line index → the places diagnostics name
    for diag in diagnostics:
        for start, end in diag.related:
            start, end = min(start, len(text)), min(end, len(text))
            if end <= start:
                continue
            for index in range(source.line_of(start) - 1, source.line_of(end - 1)):
                lo, hi = max(start, source.line_starts[index]), min(end, source.line_ends[index])
                if hi > lo:
                    related.setdefault(index, []).append((diag, lo, hi))
    started: set[str] = set()
    lines = []
    for index in range(count):
        line_start, line_end = source.line_starts[index], source.line_ends[index]
        here = spans.get(index, [])
        segments = _segments(text[line_start:line_end], line_start, here, started, related.get(index, []))
        worst = max((d.severity for d, _, _ in here), key=SEVERITIES.index, default=None)
        lines.append(LineView(index + 1, segments, notes.get(index, []), worst))
    return lines


def _segments(line: str, offset: int, pieces: list, started: set, related: Sequence = ()) -> list[Segment]:
    """One line's segments; ``pieces`` are (diagnostic, start, end) in source offsets, ``started``
    the diagnostics whose first piece is already out (earlier lines), ``related`` the places on the
    line that diagnostics name beside their own (marked apart, never carrying the diagnostic's id)."""
    if not pieces and not related:
        return [Segment(line)]
    ranged = sorted([(d, s - offset, e - offset, False) for d, s, e in pieces if e > s]
                    + [(d, s - offset, e - offset, True) for d, s, e in related],
                    key=lambda item: (item[1], -item[2]))  # outer (earlier, longer) marks first
    zeros = sorted(((s - offset, d) for d, s, e in pieces if e == s), key=lambda item: item[0])
    cuts = sorted({0, len(line)} | {s for _, s, _, _ in ranged} | {e for _, _, e, _ in ranged} | {at for at, _ in zeros})
    segments = []
    zero_index = 0
    for a, b in zip(cuts, cuts[1:] + [None]):
        while zero_index < len(zeros) and zeros[zero_index][0] == a:
            segments.append(Segment("", zero=zeros[zero_index][1]))
            zero_index += 1
        if b is None:
            break
        marks = []
        for diag, s, e, is_related in ranged:
            if s <= a and b <= e:
                if is_related:
                    marks.append(Mark(diag, False, related=True))
                    continue
                marks.append(Mark(diag, diag.id not in started))
                started.add(diag.id)
        segments.append(Segment(line[a:b], marks))
    return segments


# -- tables 2–4, rebuilt ------------------------------------------------------------------------------

class TableBuilder:
    """Tables 2–4 as HTML-ready rows with canonical labels.  Each diagnostic inside a table
    is attached to the most specific thing containing it: a cell, else a row, else the table;
    attached diagnostics are numbered as the table's footnotes."""

    def __init__(self, doc, diagnostics: list, ui: dict):
        self.doc = doc
        self.ui = ui
        self.diagnostics = diagnostics
        self.by_start: dict[int, list[DiagView]] = {}
        for diag in diagnostics:
            self.by_start.setdefault(diag.start, []).append(diag)
        self.related: dict[tuple[int, ...], list[DiagView]] = {}
        for diag in diagnostics:
            for span in diag.related:
                self.related.setdefault(span, []).append(diag)
        self.attached: set[str] = set()   # ids of the diagnostics a cell, row or table has taken
        self.notes: list[DiagView] = []   # the current table's footnotes

    def build(self) -> list[TableView]:
        if self.doc.format == "2008" and not self.doc.tables():
            return []
        layout = self.doc.format if self.doc.format in TABLE_FORMATS else TABLE_FORMATS[0]
        views = []
        for kind, build in (("table2", self.table2), ("table3", self.table3), ("table4", self.table4)):
            table = getattr(self.doc, kind)
            view = TableView(kind, self.ui["table_titles"][kind], table is not None)
            if table is None:
                view.message = self.ui["no_table"]
            else:
                self.notes = []
                build(table, view, table.version if table.version in TABLE_FORMATS else layout)
                self.table_notes(table, view)
                view.notes = self.notes
            views.append(view)
        return views

    # -- attaching diagnostics ---------------------------------------------------------------------
    def note(self, diag: DiagView) -> int:
        if diag.note_number is None:
            self.notes.append(diag)
            diag.note_number = len(self.notes)
        self.attached.add(diag.id)
        return diag.note_number

    def cell_view(self, cell) -> CellView:
        if cell is None:
            return CellView(self.ui["missing_row"], "missing")
        text = self.doc.source.text[cell.start:cell.end]
        if cell.kind == "BLANK" and not text.strip():
            text = self.ui["blank"]  # visible on paper too, where the hatching may not print; a written "—" shows as written
        view = CellView(text, {"NUM": "num", "BLANK": "blank", "BAD": "bad"}[cell.kind])
        found = []
        for at in range(cell.start, cell.end + 1):
            for diag in self.by_start.get(at, ()):
                if diag.end <= cell.end and (diag.end > diag.start or diag.start == cell.start):
                    found.append(diag)
        if found:
            worst = max(found, key=lambda d: SEVERITIES.index(d.severity))
            view.classes += f" flagged sev-{worst.severity}"
            view.title = "\n".join(d.tooltip for d in found)
            view.expected = next((d.expected for d in found if d.expected is not None), None)
            if view.expected is not None:
                view.classes += " has-expected"
            view.notes = [self.note(d) for d in found]
            view.goto = found[0].id
        elif (cell.start, cell.end) in self.related:
            # Another cell's diagnostic names this one: a term of its relation, or (GL306)
            # another blank cell of the same row.
            users = self.related[(cell.start, cell.end)]
            worst = max(users, key=lambda d: SEVERITIES.index(d.severity))
            view.classes += f" related sev-{worst.severity}"
            view.title = self.ui["related"] + self.ui["colon"] + "\n".join(d.tooltip for d in users)
            view.goto = users[0].id
        return view

    def row_marks(self, row, view: RowView) -> None:
        """Diagnostics about a whole row (GL307 row width, GL308 labels) that no cell took."""
        found = [d for d in self.diagnostics if d.id not in self.attached
                 and row.span.start <= d.start and d.end <= row.span.end]
        label = view.labels[-1]
        if found:
            worst = max(found, key=lambda d: SEVERITIES.index(d.severity))
            view.classes += f" flagged-row sev-{worst.severity}"
            label.title = "\n".join([label.title] * bool(label.title) + [d.tooltip for d in found])
            label.notes = [self.note(d) for d in found]
            label.goto = found[0].id
        elif tuple(row.span) in self.related:
            users = self.related[tuple(row.span)]
            worst = max(users, key=lambda d: SEVERITIES.index(d.severity))
            view.classes += f" related-row sev-{worst.severity}"
            label.title += "\n" + self.ui["related"] + self.ui["colon"] + "\n".join(d.tooltip for d in users)
            label.goto = users[0].id

    def table_notes(self, table, view: TableView) -> None:
        for diag in self.diagnostics:
            if diag.id not in self.attached and table.span.start <= diag.start and diag.end <= table.span.end:
                self.note(diag)

    def row_cells(self, row, columns: list) -> tuple[list, str]:
        """Cell views in canonical column order; a misaligned row keeps its cells in order."""
        if row is None:
            return [self.cell_view(None) for _ in columns], "missing-row"
        if row.columns is not None and row.width_ok:
            return [self.cell_view(row.cell(column)) for column in columns], ""
        cells = [self.cell_view(cell) for cell in row.cells[:len(columns)]]
        if len(row.cells) > len(columns) and cells:
            # More values than columns: the surplus goes into the last cell, visibly.
            cells[-1].text += "".join(" | " + self.cell_view(cell).text for cell in row.cells[len(columns):])
        cells += [self.cell_view(None) for _ in range(len(columns) - len(cells))]
        return cells, "misaligned"

    def make_row(self, row, labels: list, columns: list) -> RowView:
        """A canonical row: its labels (the last one names the row) and its cells."""
        cells, classes = self.row_cells(row, columns)
        if row is not None and row.label and row.label != labels[-1].text:
            labels[-1].title = self.ui["written_label"] + self.ui["colon"] + row.label
        view = RowView(labels, cells, classes)
        if row is not None:
            self.row_marks(row, view)
        return view

    def extra_rows(self, table, width: int, label_columns: int) -> list[RowView]:
        """Rows the table has beyond its canonical ones: unknown labels and repeats."""
        rows = []
        for kind, found in (("unknown_row", table.unknown_rows), ("duplicate_row", table.duplicate_rows)):
            for row in found:
                cells = [self.cell_view(cell) for cell in row.cells[:width]]
                cells += [CellView("", "empty") for _ in range(width - len(cells))]
                label = LabelView(self.ui[kind] + self.ui["colon"] + row.label, colspan=label_columns)
                view = RowView([label], cells, "extra-row")
                self.row_marks(row, view)
                rows.append(view)
        return rows

    # -- the three tables -----------------------------------------------------------------------------
    def table2(self, table, view: TableView, layout: str) -> None:
        blocks = spec().t2_blocks(layout)
        width = max(len(block["columns"]) for block in blocks)
        for block in blocks:
            columns = [key for key, _ in block["columns"]]
            pad = width - len(columns)  # narrower blocks stretch their last column
            view.rows.append(RowView([LabelView(block["block"], colspan=width + 1)], [], "block-row", True))
            head = [LabelView(label) for _, label in block["columns"]]
            head[-1].colspan += pad
            view.rows.append(RowView([LabelView(spec().t2_label_header())] + head, [], "head-row", True))
            for key, label in block["rows"]:
                row = self.make_row(table.rows.get(key), [LabelView(label)], columns)
                row.cells[-1].colspan += pad
                view.rows.append(row)
        view.rows += self.extra_rows(table, width, 1)

    def table3(self, table, view: TableView, layout: str) -> None:
        columns = spec().t3_columns()
        names = spec().labels("table3", "columns")
        groups = spec().labels("table3", "groups")
        labels = spec().labels("table3", "rows")
        heads = spec().t3_column_heads()
        applicants, applicant_columns = heads["applicants"]
        legal_persons, legal_columns = heads["legal_persons"]
        legal = [names[key] for key in legal_columns]
        view.head = [
            [(spec().t3_note(), 3, 3), (applicants, 1, len(applicant_columns))],
            [(names["natural"], 2, 1), (legal_persons, 1, len(legal)), (names["total"], 2, 1)],
            [(label, 1, 1) for label in legal],
        ]
        keys = spec().t3_keys(layout)
        # Label columns: 三、本年度办理结果 | （三）不予公开 … | the row's own label; a top-level row
        # (一、本年新收… …) spans all three.
        top = spec().t3_top_keys()
        outer = [key not in top for key in keys]
        inner = [key.split(".")[0] if "." in key else None for key in keys]
        for index, key in enumerate(keys):
            cells = []
            if not outer[index]:
                cells.append(LabelView(labels[key], colspan=3))
            else:
                if index == 0 or not outer[index - 1]:
                    cells.append(LabelView(groups["result"], rowspan=_run_length(outer, index), classes="group"))
                group = inner[index]
                if group is None:
                    cells.append(LabelView(labels[key], colspan=2))
                else:
                    if inner[index - 1] != group:
                        cells.append(LabelView(groups[group], rowspan=_run_length(inner, index), classes="group"))
                    cells.append(LabelView(labels[key]))
            view.rows.append(self.make_row(table.rows.get(key), cells, columns))
        view.rows += self.extra_rows(table, len(columns), 3)

    def table4(self, table, view: TableView, layout: str) -> None:
        # Transposed from the printed form (one row of 15 numbers): a row per group reads
        # better on screen and keeps every cell under its canonical column label.
        columns = spec().t4_columns()
        groups = spec().labels("table4", "groups")
        suits, suit_groups = spec().t4_group_heads()["suits"]
        view.head = [[("", 1, 2)] + [(label, 1, 1) for label in spec().labels("table4", "columns").values()]]
        view.rows.append(self.make_row(table.rows.get("review"), [LabelView(groups["review"], colspan=2)],
                                       columns))
        view.rows.append(self.make_row(table.rows.get("direct_suit"),
                                       [LabelView(suits, rowspan=len(suit_groups), classes="group"),
                                        LabelView(groups["direct_suit"])], columns))
        view.rows.append(self.make_row(table.rows.get("suit_after_review"),
                                       [LabelView(groups["suit_after_review"])], columns))
        view.rows += self.extra_rows(table, len(columns), 2)
        placed = {(c.start, c.end) for row in table.row_order for c in row.cells}
        loose = [cell for cell in table.cells if (cell.start, cell.end) not in placed]
        if loose:
            # Numbers the parser could not give to a group: shown rather than lost.
            cells = [self.cell_view(cell) for cell in loose[:len(columns)]]
            cells += [CellView("", "empty") for _ in range(len(columns) - len(cells))]
            view.rows.append(RowView([LabelView(self.ui["unknown_row"], colspan=2)], cells, "extra-row"))


def _run_length(values: list, index: int) -> int:
    run = 1
    while index + run < len(values) and values[index + run] == values[index]:
        run += 1
    return run
