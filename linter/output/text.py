"""The default, human format: path:line:column, rule code, severity, message, then the
line with the culprit underlined (carets aligned by display width) and the fix."""
from __future__ import annotations

import unicodedata

from govlint.output import Formatter, Settings, formatter
from govlint.support.escaping import display_path, visible

_TAB = "    "
_WIDTH = 100  # display cells of an excerpt line before it is cut around the culprit


def _char_width(char: str) -> int:
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def cell_width(text: str) -> int:
    """Display cells of ``text`` in a terminal (CJK wide characters take two)."""
    return sum(_char_width(char) for char in text)


def _palette(color: bool):
    if not color:
        return {key: "" for key in ("error", "warning", "info", "path", "dim", "reset", "code")}
    from colorama import Fore, Style
    return {"error": Fore.RED + Style.BRIGHT, "warning": Fore.YELLOW + Style.BRIGHT, "info": Fore.CYAN,
            "path": Style.BRIGHT, "dim": Style.DIM, "reset": Style.RESET_ALL, "code": Style.BRIGHT}


_SHOWN: dict = {}


def _shown(char: str) -> tuple[str, int]:
    """How an excerpt prints one character of the report, and its display cells: a tab as four
    spaces, a control character or line separator as a visible one-cell stand-in (U+240C for
    a form feed, U+2424 for U+2028), so the caret under the culprit stays aligned."""
    cached = _SHOWN.get(char)
    if cached is None:
        if len(_SHOWN) > 4096:
            _SHOWN.clear()
        text = _TAB if char == "\t" else visible(char)
        cached = _SHOWN[char] = (text, cell_width(text))
    return cached


def _walk(text: str, start: int, stop: int, budget: int, step: int = 1) -> tuple[list, int, int]:
    """Shown pieces of text[start:stop] (backwards from ``stop`` when step is -1) while they fit in
    ``budget`` cells: (pieces in reading order, their width, where the walk stopped).  Reads
    only as many characters as fit, so a long line costs no more than a short one."""
    pieces, width = [], 0
    index = start if step == 1 else stop - 1
    while (index < stop) if step == 1 else (index >= start):
        shown, cells = _shown(text[index])
        if width + cells > budget:
            break
        pieces.append(shown)
        width += cells
        index += step
    if step == -1:
        pieces.reverse()
        index += 1
    return pieces, width, index


def excerpt(source, span, width: int = _WIDTH) -> tuple[int, str, str]:
    """(line number, shown line, caret line) for the first line of a span.

    Long lines are cut around the culprit (with "…"), keeping some context on each side; the
    work is proportional to the shown window, not to the line."""
    line_no = source.line_of(span.start)
    text = source.text
    line_start, line_end = source.line_starts[line_no - 1], source.line_ends[line_no - 1]
    start = min(max(span.start, line_start), line_end)
    end = min(max(span.end, start), line_end)
    # The whole line, if it fits (the walk stops as soon as it does not).
    pieces, _, stopped = _walk(text, line_start, line_end, width)
    if stopped == line_end:
        before_w = cell_width("".join(_shown(c)[0] for c in text[line_start:start]))
        culprit_w = cell_width("".join(_shown(c)[0] for c in text[start:end]))
        return line_no, "".join(pieces), " " * before_w + "^" * max(1, culprit_w)
    culprit, culprit_w, culprit_stop = _walk(text, start, end, width + 1)
    if culprit_stop < end:
        culprit_w = width + 1  # wider than the window: all that matters is that it does not fit
    keep = max(12, (width - culprit_w) // 2)
    before, before_w, before_start = _walk(text, line_start, start, keep, step=-1)
    prefix = "…" if before_start > line_start else ""
    suffix = ""
    after: list[str] = []
    if culprit_w > width - before_w:
        culprit, culprit_w, culprit_stop = _walk(text, start, end, max(width - before_w, 0))
        suffix = "…"
    else:
        after, _, after_stop = _walk(text, end, line_end, width - before_w - culprit_w)
        if after_stop < line_end:
            suffix = "…"
    shown = prefix + "".join(before) + "".join(culprit) + "".join(after) + suffix
    caret = " " * (cell_width(prefix) + before_w) + "^" * max(1, culprit_w)
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
    if "table" not in where and ("row" in where or "column" in where):  # a grid without a table number
        if lang != "en":
            parts.append("".join(f"第 {where[key]} {unit}" for key, unit in (("row", "行"), ("column", "列")) if key in where))
        else:
            parts.append(" ".join(f"{key} {where[key]}" for key in ("row", "column") if key in where))
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
    if not parts:
        return ""
    return "（" + "，".join(parts) + "）" if lang != "en" else " (" + ", ".join(parts) + ")"


_LABELS = {"zh": {"error": "error", "warning": "warning", "info": "info", "fix": "修改建议", "help": "提示",
                  "unsafe": "修改建议（不安全修复，需 --unsafe-fixes）"},
           "en": {"error": "error", "warning": "warning", "info": "info", "fix": "fix", "help": "help",
                  "unsafe": "fix (unsafe: --unsafe-fixes)"}}


@formatter("text")
class TextFormatter(Formatter):
    supports_statistics = True
    machine_readable = False  # for people: with --fix on standard input it goes to stderr
    streams = True

    def __init__(self, settings: Settings):
        super().__init__(settings)
        self.colors = _palette(settings.color)

    def write(self, results, stream) -> None:
        c = self.colors
        labels = _LABELS.get(self.settings.lang, _LABELS["zh"])
        colon = ": " if self.settings.lang == "en" else "："
        for result in self.tallied(results):
            if result.error is not None or result.source is None:
                continue
            source = result.source
            path = visible(display_path(result.path))
            for diag in result.diagnostics:
                line, column = source.position(diag.span.start)
                sev = diag.severity
                where = visible(describe_location(source.locate(diag.span.start), self.settings.lang))
                stream.write(f"{c['path']}{path}:{line}:{column}:{c['reset']} "
                             f"{c[sev]}{diag.code}{c['reset']} {c[sev]}{labels[sev]}{c['reset']} "
                             f"{visible(diag.message)}{where}\n")
                line_no, shown, caret = excerpt(source, diag.span)
                gutter = " " * len(str(line_no))
                stream.write(f"{c['dim']}  {line_no} |{c['reset']} {shown}\n")
                stream.write(f"{c['dim']}  {gutter} |{c['reset']} {c[sev]}{caret}{c['reset']}\n")
                if diag.help:
                    kind = ("fix" if diag.fix.safe else "unsafe") if diag.fix else "help"
                    stream.write(f"{c['dim']}  {gutter} ={c['reset']} {labels[kind]}{colon}{visible(diag.help)}\n")
        self.write_footer(self.tally, stream)
