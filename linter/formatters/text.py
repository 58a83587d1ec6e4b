"""The default, human format: path:line:column, rule code, severity, message, then the
line with the culprit underlined (carets aligned by display width) and the fix."""
from __future__ import annotations

import unicodedata

from . import Settings, formatter

_TAB = "    "
_WIDTH = 100  # display cells of an excerpt line before it is cut around the culprit


def cell_width(text: str) -> int:
    width = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def _palette(color: bool):
    if not color:
        return {key: "" for key in ("error", "warning", "info", "path", "dim", "reset", "code")}
    from colorama import Fore, Style
    return {"error": Fore.RED + Style.BRIGHT, "warning": Fore.YELLOW + Style.BRIGHT, "info": Fore.CYAN,
            "path": Style.BRIGHT, "dim": Style.DIM, "reset": Style.RESET_ALL, "code": Style.BRIGHT}


def excerpt(source, span, width: int = _WIDTH) -> tuple[int, str, str]:
    """(line number, shown line, caret line) for the first line of a span."""
    line_no = source.line_of(span.start)
    line_start = source.line_starts[line_no - 1]
    line = source.line_text(line_no)
    start = span.start - line_start
    end = min(span.end, line_start + len(line)) - line_start
    end = max(end, start)
    before, culprit, after = line[:start].replace("\t", _TAB), line[start:end].replace("\t", _TAB), \
        line[end:].replace("\t", _TAB)
    prefix = suffix = ""
    # Cut long lines around the culprit, keeping some context on each side.
    if cell_width(before + culprit + after) > width:
        keep = max(12, (width - cell_width(culprit)) // 2)
        if cell_width(before) > keep:
            cut = before
            while cell_width(cut) > keep:
                cut = cut[1:]
            before, prefix = cut, "…"
        room = width - cell_width(before) - cell_width(culprit)
        if cell_width(culprit) > width - cell_width(before):
            while culprit and cell_width(before + culprit) > width:
                culprit = culprit[:-1]
            after, suffix = "", "…"
        elif cell_width(after) > room:
            while after and cell_width(after) > max(room, 0):
                after = after[:-1]
            suffix = "…"
    shown = prefix + before + culprit + after + suffix
    caret = " " * cell_width(prefix + before) + "^" * max(1, cell_width(culprit))
    return line_no, shown, caret


def describe_location(where: dict, lang: str) -> str:
    """Where a diagnostic is in the original .docx/.pdf/.html, in words."""
    if not where:
        return ""
    parts = []
    if "page" in where:
        parts.append(f"第 {where['page']} 页" if lang != "en" else f"page {where['page']}")
    if "paragraph" in where:
        parts.append(f"第 {where['paragraph']} 段" if lang != "en" else f"paragraph {where['paragraph']}")
    if "table" in where:
        if lang != "en":
            text = f"表格 {where['table']}"
            if "row" in where:
                text += f" 第 {where['row']} 行"
            if "column" in where:
                text += f"第 {where['column']} 列"
        else:
            text = f"table {where['table']}" + (f" row {where['row']}" if "row" in where else "") + \
                (f" column {where['column']}" if "column" in where else "")
        parts.append(text)
    if "element" in where:
        parts.append(f"<{where['element']}>")
    if "html_line" in where:
        parts.append(f"HTML 第 {where['html_line']} 行" if lang != "en" else f"HTML line {where['html_line']}")
    for key, value in where.items():
        if key not in ("page", "paragraph", "table", "row", "column", "element", "html_line"):
            parts.append(f"{key} {value}")
    return "（" + "，".join(parts) + "）" if lang != "en" else " (" + ", ".join(parts) + ")"


_SUMMARY = {
    "zh": ("检查了 {files} 个文件：错误 {error} 个，警告 {warning} 个，提示 {info} 个", "；",
           "{unreadable} 个文件无法读取", "已修复 {fixed} 个问题", "基线已接受 {baselined} 个"),
    "en": ("Checked {files} file(s): {error} error(s), {warning} warning(s), {info} info", "; ",
           "{unreadable} file(s) could not be read", "fixed {fixed} issue(s)", "{baselined} accepted by the baseline"),
}


def summary_line(results, lang: str, fixed: int = 0) -> str:
    counts = {level: sum(r.count(level) for r in results) for level in ("error", "warning", "info")}
    counts.update(files=sum(1 for r in results if r.error is None), fixed=fixed,
                  unreadable=sum(1 for r in results if r.error is not None),
                  baselined=sum(r.baselined for r in results))
    head, separator, *extras = _SUMMARY["en" if lang == "en" else "zh"]
    parts = [head.format(**counts)]
    for template, key in zip(extras, ("unreadable", "fixed", "baselined")):
        if counts[key]:
            parts.append(template.format(**counts))
    return separator.join(parts)


_LABELS = {"zh": {"error": "error", "warning": "warning", "info": "info", "fix": "修改建议", "help": "提示",
                  "unsafe": "修改建议（不安全修复，需 --unsafe-fixes）"},
           "en": {"error": "error", "warning": "warning", "info": "info", "fix": "fix", "help": "help",
                  "unsafe": "fix (unsafe: --unsafe-fixes)"}}


@formatter("text")
class TextFormatter:
    def __init__(self, settings: Settings):
        self.settings = settings
        self.colors = _palette(settings.color)

    def write(self, results, stream) -> None:
        c = self.colors
        labels = _LABELS.get(self.settings.lang, _LABELS["zh"])
        for result in results:
            if result.error is not None or result.source is None:
                continue
            source = result.source
            for diag in result.diagnostics:
                line, column = source.position(diag.span.start)
                sev = diag.severity
                where = describe_location(source.locate(diag.span.start), self.settings.lang)
                stream.write(f"{c['path']}{result.path}:{line}:{column}:{c['reset']} "
                             f"{c[sev]}{diag.code}{c['reset']} {c[sev]}{labels[sev]}{c['reset']} {diag.message}"
                             f"{where}\n")
                line_no, shown, caret = excerpt(source, diag.span)
                gutter = " " * len(str(line_no))
                stream.write(f"{c['dim']}  {line_no} |{c['reset']} {shown}\n")
                stream.write(f"{c['dim']}  {gutter} |{c['reset']} {c[sev]}{caret}{c['reset']}\n")
                if diag.help:
                    kind = ("fix" if diag.fix.safe else "unsafe") if diag.fix else "help"
                    stream.write(f"{c['dim']}  {gutter} ={c['reset']} {labels[kind]}：{diag.help}\n"
                                 if self.settings.lang != "en" else
                                 f"{c['dim']}  {gutter} ={c['reset']} {labels[kind]}: {diag.help}\n")
        if self.settings.statistics:
            write_statistics(results, stream, self.settings.lang)
        if not self.settings.quiet:
            stream.write(summary_line(results, self.settings.lang, self.settings.fixed) + "\n")


def write_statistics(results, stream, lang: str) -> None:
    counts = {}
    for result in results:
        for diag in result.diagnostics:
            key = (diag.code, diag.name, diag.severity)
            counts[key] = counts.get(key, 0) + 1
    for (code, name, severity), count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        stream.write(f"{count:5d}  {code}  {severity:<7}  {name}\n")
