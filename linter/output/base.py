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
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Sequence, TextIO

from govlint.support import i18n

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

    def __init__(self, settings: Settings):
        self.settings = settings

    def write(self, results: Sequence[FileResult], stream: TextIO) -> None:
        """Write every file's result to ``stream``."""
        raise NotImplementedError

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

    def write_statistics(self, results: Sequence[FileResult], stream: TextIO) -> None:
        """``--statistics`` as a table: how many diagnostics each rule gave, most first."""
        for code, name, severity, count in statistics(results):
            stream.write(f"{count:5d}  {code}  {severity:<7}  {name}\n")

    def write_footer(self, results: Sequence[FileResult], stream: TextIO) -> None:
        """What a human format ends with: the statistics if asked for, the summary unless quiet."""
        if self.settings.statistics:
            self.write_statistics(results, stream)
        if not self.settings.quiet:
            stream.write(summary_line(results, self.settings.lang, self.settings.fixed) + "\n")


def statistics(results: Sequence[FileResult]) -> list[tuple[str, str, str, int]]:
    """(code, name, severity, count) of every rule that gave diagnostics, most first."""
    counts: dict[tuple[str, str, str], int] = {}
    for result in results:
        for diag in result.diagnostics:
            key = (diag.code, diag.name, diag.severity)
            counts[key] = counts.get(key, 0) + 1
    return [(code, name, severity, count) for (code, name, severity), count
            in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]


_SUMMARY = {
    "zh": ("检查了 {files} 个文件：错误 {error} 个，警告 {warning} 个，提示 {info} 个", "；",
           "{unreadable} 个文件无法读取", "已修复 {fixed} 个问题", "基线已接受 {baselined} 个"),
    "en": ("Checked {files} file(s): {error} error(s), {warning} warning(s), {info} info", "; ",
           "{unreadable} file(s) could not be read", "fixed {fixed} issue(s)", "{baselined} accepted by the baseline"),
}


def summary_line(results: Sequence[FileResult], lang: str, fixed: int = 0) -> str:
    """The run in one line: files checked, diagnostics by severity, unreadable, fixed, baselined."""
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
