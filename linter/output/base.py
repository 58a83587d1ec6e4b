"""What every output format shares: the run's settings, the ``Formatter`` base class, the summary.

A format is a small subclass of ``Formatter`` in its own module of ``govlint.output``, registered
with ``@formatter("name")`` (``govlint.output``)::

    @formatter("concise")
    class ConciseFormatter(Formatter):
        supports_statistics = True

        def write(self, results, stream):
            ...

The CLI builds it with the run's ``Settings`` and calls ``write(results, stream)`` once, with every
file's result, on a text stream (standard output or the ``-o`` file: the CLI opens it, reports a
failed write and closes it).  Paths and messages go through ``govlint.support.escaping`` so that
the output stays valid (UTF-8, one line, XML, JSON) whatever the report contains.

A format whose class says ``streams = True`` gets ``results`` as an iterator, the files in input
order as the batch produces them (``--jobs``): it must read them once, write each as it comes and
keep nothing per file, so a batch of 50,000 reports costs the memory of one.  What it needs of the
whole batch at the end (the summary line, ``--statistics``) it counts on the way with
``self.tallied(results)``, into ``self.tally`` (a ``Tally``).  Any other format gets a list.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Iterable, Iterator, Sequence, TextIO, Union

from govlint.support import i18n
from govlint.support.escaping import visible

if TYPE_CHECKING:
    from govlint.diagnostics import Diagnostic
    from govlint.lint.linter import FileResult


@dataclass
class Settings:
    """The run's choices a format follows."""
    lang: str = "zh"
    color: bool = False
    quiet: bool = False
    statistics: bool = False
    fail_on: str = "error"
    rules: list[Any] | None = None  # every rule that could have run (SARIF lists them)
    fixed: int = 0                  # fixes applied by --fix (the summary says so)


class Formatter:
    """One output format: ``Format(settings).write(results, stream)``."""

    name: ClassVar[str] = ""                    # what --format names it (set by @formatter)
    supports_statistics: ClassVar[bool] = False  # --statistics has a place in it (else the CLI refuses it)
    needs_documents: ClassVar[bool] = False      # the CLI keeps each parsed Document for it
    # For programs, not people: with --fix on standard input (the fixed report goes to standard
    # output) the CLI asks for -o FILE rather than mix the two.
    machine_readable: ClassVar[bool] = True
    # write() reads the results once, as they come, keeping nothing per file (see the module docstring)
    streams: ClassVar[bool] = False
    # It prints the report's text (excerpts, snippets), not only places (line:column, document places):
    # the cross-document pass reads a file again for it (lint/session.py RunOptions.excerpts)
    prints_text: ClassVar[bool] = True

    def __init__(self, settings: Settings):
        self.settings = settings
        self.tally = Tally()

    def write(self, results: Sequence[FileResult], stream: TextIO) -> None:
        """Write every file's result to ``stream``."""
        raise NotImplementedError

    def tallied(self, results: Iterable[FileResult]) -> Iterator[FileResult]:
        """The results, each counted into ``self.tally`` as it passes."""
        self.tally = Tally()
        for result in results:
            self.tally.add(result)
            yield result

    # -- helpers the formats share ----------------------------------------------------------------
    @property
    def zh(self) -> bool:
        """Chinese output (anything but ``--lang en``)."""
        return self.settings.lang != "en"

    def text(self, message: object) -> str:
        """An i18n message (a file's error …) in the run's language."""
        return i18n.text(message, self.settings.lang)

    def message_with_help(self, diag: Diagnostic) -> str:
        """The message with its help in parentheses, for formats with one text field."""
        if not diag.help:
            return diag.message
        return diag.message + (f"（{diag.help}）" if self.zh else f" ({diag.help})")

    def write_statistics(self, results: Results, stream: TextIO) -> None:
        """``--statistics`` as tables: how many diagnostics each rule gave, most first; then, for a run
        over more than one file, per body (who the reports are by): files and diagnostics by severity."""
        tally = results if isinstance(results, Tally) else Tally.of(results)
        for code, name, severity, count in tally.statistics():
            stream.write(f"{count:5d}  {code}  {severity:<7}  {name}\n")
        if tally.files + tally.unreadable > 1:
            stream.write(_BODY_HEADER["zh" if self.zh else "en"] + "\n")
            unknown = _UNKNOWN_BODY["zh" if self.zh else "en"]
            for body, (files, error, warning, info) in tally.body_statistics():
                stream.write(f"{files:6d}  {error:6d}  {warning:7d}  {info:6d}  {visible(body or unknown)}\n")

    def write_footer(self, results: Results, stream: TextIO) -> None:
        """What a human format ends with: the statistics if asked for, the summary unless quiet."""
        if self.settings.statistics:
            self.write_statistics(results, stream)
        if not self.settings.quiet:
            stream.write(summary_line(results, self.settings.lang, self.settings.fixed) + "\n")


# Aligned with the rows in display cells (a Chinese character takes two).
_BODY_HEADER = {"zh": "文件数    错误     警告    提示  报告单位", "en": " files   error  warning    info  body"}
_UNKNOWN_BODY = {"zh": "（未识别单位）", "en": "(body not found)"}


class Tally:
    """What a streaming format keeps of a batch: counts, never results.  ``add(result)`` per file."""

    def __init__(self) -> None:
        self.files = 0            # files checked (read)
        self.unreadable = 0
        self.baselined = 0
        self.fixed = 0
        self.severities = {"error": 0, "warning": 0, "info": 0}
        self.rules: dict[tuple[str, str, str], int] = {}      # (code, name, severity) → diagnostics
        self.bodies: dict[str | None, list[int]] = {}          # body → [files, error, warning, info]

    @classmethod
    def of(cls, results: Iterable[FileResult]) -> Tally:
        tally = cls()
        for result in results:
            tally.add(result)
        return tally

    def add(self, result: FileResult) -> None:
        if getattr(result, "cross", False):  # the cross-document diagnostics of a file counted before
            self._add_cross(result)
            return
        if result.error is not None:
            self.unreadable += 1
        else:
            self.files += 1
        self.baselined += result.baselined
        self.fixed += result.fixed
        body = self.bodies.get(getattr(result, "body", None))
        if body is None and result.error is None:
            body = self.bodies[getattr(result, "body", None)] = [0, 0, 0, 0]
        if body is not None:
            body[0] += 1
        self._count(result.diagnostics, body)

    def _add_cross(self, result: FileResult) -> None:
        self.baselined += result.baselined
        self._count(result.diagnostics, self.bodies.get(getattr(result, "body", None)))

    def _count(self, diagnostics, body: list | None) -> None:
        """Count diagnostics per severity and per rule, and in their body's row of the statistics."""
        for diag in diagnostics:
            self.severities[diag.severity] = self.severities.get(diag.severity, 0) + 1
            key = (diag.code, diag.name, diag.severity)
            self.rules[key] = self.rules.get(key, 0) + 1
            if body is not None and diag.severity in _SEVERITY_COLUMN:
                body[_SEVERITY_COLUMN[diag.severity]] += 1

    def statistics(self) -> list[tuple[str, str, str, int]]:
        """(code, name, severity, count) of every rule that gave diagnostics, most first."""
        return [(code, name, severity, count) for (code, name, severity), count
                in sorted(self.rules.items(), key=lambda item: (-item[1], item[0]))]

    def body_statistics(self) -> list[tuple[str | None, tuple[int, int, int, int]]]:
        """(body, (files, error, warning, info)) per body, most diagnostics first (unknown body last)."""
        return [(body, (files, error, warning, info)) for body, (files, error, warning, info)
                in sorted(self.bodies.items(), key=lambda item: (item[0] is None, -sum(item[1][1:]),
                                                                 item[0] or ""))]


_SEVERITY_COLUMN = {"error": 1, "warning": 2, "info": 3}
Results = Union[Sequence["FileResult"], Tally]


def statistics(results: Results) -> list[tuple[str, str, str, int]]:
    """(code, name, severity, count) of every rule that gave diagnostics, most first."""
    return (results if isinstance(results, Tally) else Tally.of(results)).statistics()


_SUMMARY = {
    "zh": ("检查了 {files} 个文件：错误 {error} 个，警告 {warning} 个，提示 {info} 个", "；",
           "{unreadable} 个文件无法读取", "已修复 {fixed} 个问题", "基线已接受 {baselined} 个"),
    "en": ("Checked {files} file(s): {error} error(s), {warning} warning(s), {info} info", "; ",
           "{unreadable} file(s) could not be read", "fixed {fixed} issue(s)", "{baselined} accepted by the baseline"),
}


def summary_line(results: Results, lang: str, fixed: int = 0) -> str:
    """The run in one line: files checked, diagnostics by severity, unreadable, fixed, baselined
    (``results``: the results, or what a streaming format counted of them; ``fixed``: else the tally's)."""
    if isinstance(results, Tally):
        counts: dict[str, int] = dict(results.severities)
        counts.update(files=results.files, fixed=fixed or results.fixed, unreadable=results.unreadable,
                      baselined=results.baselined)
    else:
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
