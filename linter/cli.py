"""The command line.  ``govlint [OPTIONS] PATH...`` (short for ``govlint check``) checks reports: files,
folders (every report file below them, minus hidden folders, .gitignore'd files and the ``exclude``
globs) or ``-`` for standard input.  ``govlint rules`` lists the rules, ``govlint rule CODE`` shows one
rule's page, ``govlint kinds`` the check kinds, ``govlint init`` writes a commented configuration.

Exit codes: 0 no failing diagnostic, 1 at least one diagnostic at or above ``--fail-on`` (default:
error), 2 a usage, configuration, input or output error (an unknown rule code, a path that yields no
report, an unreadable file, a full disk), or an internal error in one file (the others are still
reported in full).

Messages follow the run's language: ``--lang``, else the configuration's ``lang:``, else Chinese (a
broken configuration, whose ``lang:`` is unknown, is reported in ``--lang`` else Chinese).  Every error
message exists in both languages (linter/support/i18n.py); only click's own usage errors (an unknown option …)
and the help texts are English.
"""
from __future__ import annotations

import itertools
import os
import sys
from typing import TYPE_CHECKING, Any, Sequence

import click

from govlint import __version__
from govlint.support import i18n

if TYPE_CHECKING:  # the CLI imports the engine inside its commands: `govlint --version` stays fast
    from govlint.lint.linter import Linter
    from govlint.lint.walk import Collected

EXIT_OK, EXIT_FAIL, EXIT_ERROR = 0, 1, 2
PROGRESS_MIN_FILES = 5  # more files than this, on a terminal: a progress bar on stderr
DEFAULT_JOBS_MIN_FILES = 8  # without -j, worker processes only for a batch of at least this many files
SEVERITY_CHOICE = click.Choice(["error", "warning", "info"])
STDOUT = i18n.msg("standard output", "标准输出")
EXIT_CODES = ("\b\nExit codes:\n  0  no diagnostic at or above --fail-on\n"
              "  1  diagnostics at or above --fail-on (default: error)\n"
              "  2  usage, configuration, input or output error, or an internal error")
# The notes govlint prints on stderr, in the language of the messages.
NOTES = {
    "baseline": ("已将 {files} 个文件的 {count} 个问题写入基线文件 {path}",
                 "wrote {count} diagnostic(s) of {files} file(s) to {path}"),
    "diff": ("可应用 {count} 处修复，涉及 {files} 个文件", "{count} fix(es) would be applied to {files} file(s)"),
    "no_fixes": ("没有可应用的修复", "no fixes to apply"),
    "nothing": ("没有要检查的报告：{excluded} 个文件被排除", "nothing to check: {excluded} file(s) excluded"),
}
BUG = i18n.msg(" (please report this bug)", "（这是 govlint 的缺陷，请报告）")


def note(key: str, lang: str, **args) -> str:
    zh, en = NOTES[key]
    return (en if lang == "en" else zh).format(**args)


def say(message: str, lang: str | None = None) -> None:
    """One line on stderr (an i18n.Message in ``lang``); a file name that is not valid UTF-8 is escaped,
    never a crash."""
    message = i18n.text(message, lang or i18n.DEFAULT)
    sys.stderr.write(message.encode("utf-8", "backslashreplace").decode("utf-8") + "\n")


def error(message, lang: str | None) -> None:
    """``govlint: error: <message>`` on stderr, in ``lang``.  The prefix is the same in both languages
    (like the severity words of the text output): scripts and users grep for it."""
    say(i18n.join("govlint: error: ", message), lang)


def cannot_write(target, exc: OSError) -> i18n.Message:
    return i18n.fmt("cannot write {target}: {reason}", "无法写入 {target}：{reason}", target=target,
                    reason=i18n.os_error(exc))


def usage(en: str, zh: str, lang: str | None, **values) -> str:
    """A usage error's text (raised as click.UsageError/BadParameter) in the run's language."""
    return i18n.text(i18n.fmt(en, zh, **values), lang or i18n.DEFAULT)


def _split_codes(values, lang: str | None = None) -> list[str]:
    codes: list[str] = []
    for value in values or ():
        codes.extend(part.strip().upper() for part in value.split(",") if part.strip())
    for code in codes:
        if not (code == "ALL" or (code[:1].isalpha() and code.isalnum())):
            raise click.BadParameter(usage("{code!r} is not a rule code or prefix (like GL3 or GL303)",
                                           "{code!r} 不是规则代码或前缀（如 GL3 或 GL303）", lang, code=code))
    return codes


def _split_globs(values) -> list[str]:
    return [part.strip() for value in values or () for part in value.split(",") if part.strip()]


def _ensure_utf8(stream):
    """Chinese output must not crash on a terminal or pipe with a narrow encoding, nor a file name
    with undecodable bytes (a surrogate escape) on any stream."""
    try:
        "检查".encode(stream.encoding or "ascii")
        narrow = False
    except (LookupError, UnicodeEncodeError):
        narrow = True
    try:
        if narrow:
            stream.reconfigure(encoding="utf-8", errors="backslashreplace")
        elif getattr(stream, "errors", None) == "strict":
            stream.reconfigure(errors="backslashreplace")
    except (AttributeError, ValueError):
        pass


def _discard_stdout() -> None:
    """After a failed write to stdout: send what is still buffered nowhere, so that the flush at exit
    does not fail a second time with a traceback."""
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def write_out(write, output: str | None, stream=None, lang: str | None = None) -> None:
    """Run ``write(stream)`` on the file ``output`` or on ``stream`` (stdout); a write that fails is
    the error ``cannot write <target>`` and exit 2, never a traceback."""
    stream = stream or sys.stdout
    try:
        if output:
            with open(output, "w", encoding="utf-8", errors="backslashreplace", newline="") as handle:
                write(handle)
        else:
            write(stream)
            stream.flush()
    except BrokenPipeError:
        _discard_stdout()  # the reader went away (govlint … | head): stop quietly
        sys.exit(EXIT_ERROR)
    except OSError as exc:
        if not output:
            _discard_stdout()
        error(cannot_write(output or STDOUT, exc), lang)
        sys.exit(EXIT_ERROR)


class _DefaultToCheck(click.Group):
    """``govlint draft.txt`` means ``govlint check draft.txt``; ``govlint --help`` shows check's options."""

    def parse_args(self, ctx, args):
        # A subcommand name wins over a file of that name: `govlint check rules` lints ./rules.
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h", "--version"):
            args = ["check", *args]
        return super().parse_args(ctx, args)

    def format_usage(self, ctx, formatter):
        formatter.write_usage("govlint", "[OPTIONS] PATH...")
        formatter.write_usage("govlint", "COMMAND [ARGS]...", prefix="       ")

    def format_options(self, ctx, formatter):
        check = self.commands["check"]
        sub = click.Context(check, info_name="check", parent=ctx)
        records = [param.get_help_record(sub) for param in check.get_params(sub) if isinstance(param, click.Option)]
        records += [param.get_help_record(ctx) for param in self.get_params(ctx) if param.name == "version"]
        with formatter.section("Options (of check, the default command)"):
            formatter.write_dl([record for record in records if record])
        self.format_commands(ctx, formatter)


@click.group(cls=_DefaultToCheck, context_settings={"help_option_names": ["-h", "--help"]}, epilog=EXIT_CODES)
@click.version_option(__version__, "--version", prog_name="govlint", message="%(prog)s %(version)s")
def cli():
    """govlint: a compliance linter for 政府信息公开工作年度报告 (government information-disclosure annual reports).

    \b
    Check reports:      govlint draft.txt reports/ -
    Only some rules:    govlint reports/ --select GL3 --ignore GL303
    Machine output:     govlint reports/ --format json -o report.json
    List the rules:     govlint rules
    One rule's page:    govlint rule GL303
    Check kinds:        govlint kinds
    A configuration:    govlint init
    """


@cli.command("check", epilog=EXIT_CODES, short_help="Check reports (the default command).")
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "output_format", default="text", show_default=True,
              help="Output: text, concise, json, json-lines, csv, sarif, github, junit or html.")
@click.option("-o", "--output", "output", type=click.Path(writable=True),
              help="Write the report to this file instead of standard output (the summary goes to stderr); "
                   "with --format html a directory (or a path without .html) gets index.html and a page per report.")
@click.option("--lang", type=click.Choice(["zh", "en"]), help="Language of messages and notes (default zh).")
@click.option("--no-color", is_flag=True, help="Never colour the output (also: NO_COLOR=1).")
@click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False),
              help="Use this configuration file instead of the nearest .govlint.yaml.")
@click.option("--report-year", type=click.IntRange(1990, 2100), help="The report year, when the report does not say.")
@click.option("--select", multiple=True, help="Only these rule codes or prefixes (comma-separated).")
@click.option("--extend-select", multiple=True, help="Rule codes or prefixes to add to the selection.")
@click.option("--ignore", multiple=True, help="Rule codes or prefixes to switch off (comma-separated).")
@click.option("--exclude", multiple=True,
              help="Globs of files and folders not to check in folders (comma-separated; replaces the "
                   "defaults: .git, .venv, node_modules, README*, LICENSE*, CHANGELOG* …).")
@click.option("--extend-exclude", multiple=True, help="Globs to exclude in addition to the defaults.")
@click.option("--force-exclude", is_flag=True,
              help="Apply the exclude globs to files named on the command line too (for pre-commit hooks).")
@click.option("--respect-gitignore/--no-respect-gitignore", default=True, show_default=True,
              help="Skip what .gitignore files ignore when searching folders.")
@click.option("--fail-on", type=SEVERITY_CHOICE, help="Lowest severity that makes the exit code 1 (default error).")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when diagnostics fail the run.")
@click.option("-q", "--quiet", is_flag=True, help="No summary line and no notes.")
@click.option("--statistics", is_flag=True,
              help="Count the diagnostics per rule (text, concise, json, sarif, html).")
@click.option("--stdin-filename", help="The name to report for standard input (-).")
@click.option("--fix", is_flag=True, help="Apply the safe fixes to the files (atomically, keeping their encoding).")
@click.option("--unsafe-fixes", is_flag=True, help="With --fix or --diff, apply the unsafe fixes too.")
@click.option("--diff", is_flag=True, help="Print the fixes as a unified diff instead of writing them.")
@click.option("--baseline", "baseline_path", type=click.Path(exists=True, dir_okay=False),
              help="Report only diagnostics this baseline file does not list.")
@click.option("--write-baseline", "write_baseline", type=click.Path(dir_okay=False, writable=True),
              help="Write the current diagnostics to this baseline file and exit 0 (2 if a file cannot be read).")
@click.option("-j", "--jobs", type=click.IntRange(min=0),
              help="Check files in N worker processes (default: the number of cores, for 8 files or more; "
                   "1: in this process). The output is the same, in the same order.")
@click.option("--previous", "previous", type=click.Path(exists=True, dir_okay=False),
              help="Last year's report of the same body, to compare this year's with (GL8xx); its own "
                   "diagnostics are not reported unless it is also checked.")
@click.option("--no-pairing", "no_pairing", is_flag=True,
              help="Do not pair the reports of one body for consecutive years (no cross-document rules, GL8xx).")
def check(paths, output_format, output, lang, no_color, config_path, report_year, select, extend_select, ignore,
          exclude, extend_exclude, force_exclude, respect_gitignore, fail_on, exit_zero, quiet, statistics,
          stdin_filename, fix, unsafe_fixes, diff, baseline_path, write_baseline, jobs, previous=None,
          no_pairing=False):
    """Check reports: files, folders (every report file below them) or - for standard input."""
    from govlint.lint import baseline
    from govlint.lint.linter import Linter, Options
    from govlint import output as formats
    from govlint.output import Settings, summary_line
    from govlint.lint.session import Run, RunOptions, default_jobs
    from govlint.support.yamlio import ConfigError

    formatter_class = formats.get(output_format)
    if formatter_class is None:
        unknown = usage("unknown format {format!r}; choose from {names}", "未知的输出格式 {format!r}；可选：{names}",
                        lang, format=output_format, names=", ".join(formats.names()))
        # A format module that failed to load may be the one asked for: say why it failed.
        failed = "".join("; " + i18n.text(problem, lang or i18n.DEFAULT) for problem in formats.load_errors())
        raise click.BadParameter(unknown + failed, param_hint="--format")
    if fix and diff:
        raise click.UsageError(usage("--fix writes the fixes and --diff only shows them: choose one",
                                     "--fix 会写入修复，--diff 只显示修复：请二选一", lang))
    if statistics and not formatter_class.supports_statistics:
        able = ", ".join(name for name, unit in formats.FORMATS.units().items() if unit.supports_statistics)
        raise click.UsageError(usage("--format {format} has no place for --statistics; use it with {able}",
                                     "--format {format} 不能显示 --statistics；请与以下格式一起使用：{able}", lang,
                                     format=output_format, able=able))
    if fix and "-" in paths and not output and formatter_class.machine_readable:
        raise click.UsageError(usage("with --fix on standard input the fixed report goes to standard output: "
                                     "write the {format} output to a file with -o FILE",
                                     "对标准输入使用 --fix 时，修复后的报告输出到标准输出："
                                     "请用 -o FILE 把 {format} 格式的结果写入文件", lang, format=output_format))
    _ensure_utf8(sys.stdout)
    _ensure_utf8(sys.stderr)
    codes = {"--select": _split_codes(select, lang), "--extend-select": _split_codes(extend_select, lang),
             "--ignore": _split_codes(ignore, lang)}
    if select and not codes["--select"]:  # `--select ""` (an empty variable in a script) selects nothing
        raise click.UsageError(usage("--select names no rule: nothing would be checked; give codes or prefixes "
                                     "(ALL for every rule)",
                                     "--select 没有给出任何规则，什么也不会检查；请给出规则代码或前缀（全部规则用 ALL）",
                                     lang))
    options = Options(config=config_path, select=codes["--select"] if select else None,
                      extend_select=codes["--extend-select"], ignore=codes["--ignore"],
                      report_year=report_year, lang=lang)
    try:
        linter = Linter(options, keep_documents=formatter_class.needs_documents)
        collected = _collect(linter, paths, _split_globs(exclude), _split_globs(extend_exclude), force_exclude,
                             respect_gitignore)
        files = collected.files
        _check_selectors(linter, files, codes, lang)
        run = Run(linter, RunOptions(fix=fix, unsafe_fixes=unsafe_fixes, diff=diff,
                                     baseline=None if write_baseline else baseline_path,
                                     stdin_filename=stdin_filename, pairing=not no_pairing, previous=previous,
                                     excerpts=formatter_class.prints_text or bool(write_baseline)))
        if write_baseline:
            run.options.baseline = ""  # write what is there now, not what an old baseline leaves
        config = linter.finder.for_file(files[0] if files and files[0] != "-" else ".")
        _preflight(run, files)
        rules = list(linter.all_rules(config))  # loaded before the workers start: forked, they inherit them
    except ConfigError as exc:
        # A broken configuration's lang: is unknown (then --lang, else zh); a sound one's is used (a
        # baseline it names is missing …).
        error(exc.where_message(), lang or _configured_lang(locals().get("linter"), paths))
        sys.exit(EXIT_ERROR)
    lang = lang or config.lang or i18n.DEFAULT
    threshold = fail_on or config.fail_on or "error"
    from govlint.rules.registry import load_errors
    from govlint.source import readers

    # A reader, format or plug-in that failed to load: never dropped in silence.
    for message in [*readers.load_errors(), *formats.load_errors(), *load_errors()]:
        say(i18n.join("govlint: warning: ", message), lang)
    if not files and not collected.problems and collected.excluded and not quiet:
        say(f"govlint: {note('nothing', lang, excluded=collected.excluded)}")
    # Without -j, a handful of files is checked here: starting workers would cost more than it saves.
    jobs = jobs or (default_jobs() if len(files) >= DEFAULT_JOBS_MIN_FILES else 1)
    batch = _Batch(run, files, collected.problems, jobs, lang, threshold,
                   progress=not quiet and _progress_wanted(len(files), output))

    def results_or_exit(stream: bool):
        """The results, streamed or as a list; a configuration error met on the way: exit 2."""
        checked = batch.results()
        if stream:
            return _stop_on_config_error(checked, lang)
        from govlint.lint.across import merged  # the cross-document diagnostics in their files' results
        return merged(list(_stop_on_config_error(checked, lang)))

    if write_baseline:
        results = results_or_exit(False)
        try:
            count = baseline.write(write_baseline, results)
        except OSError as exc:
            error(cannot_write(write_baseline, exc), lang)
            sys.exit(EXIT_ERROR)
        say(f"govlint: {note('baseline', lang, count=count, files=len(results), path=write_baseline)}")
        sys.exit(EXIT_ERROR if batch.trouble else EXIT_OK)
    if diff:
        changed = [r for r in results_or_exit(False) if r.diff]
        write_out(lambda stream: stream.write("".join(r.diff for r in changed)), output, lang=lang)
        count = sum(r.fixed for r in changed)
        say("govlint: " + (note("diff", lang, count=count, files=len(changed)) if count else note("no_fixes", lang)))
        sys.exit(EXIT_ERROR if batch.trouble else (EXIT_FAIL if changed else EXIT_OK))

    # A streaming format writes each result as it comes (the batch is never held); any other gets the list.
    results = results_or_exit(formatter_class.streams)
    fixed = 0 if formatter_class.streams else sum(r.fixed for r in results)
    settings = Settings(lang=lang, quiet=quiet, statistics=statistics, fail_on=threshold, rules=rules, fixed=fixed)
    # With --fix on standard input the fixed report goes to stdout: diagnostics go to stderr.
    target = sys.stderr if (fix and "-" in files and not output) else sys.stdout
    settings.color = (not no_color and not output and "NO_COLOR" not in os.environ and target.isatty()
                      and output_format == "text")
    if settings.color:
        import colorama
        colorama.just_fix_windows_console()

    def write(stream):
        try:
            formatter_class(settings).write(results, stream)
        finally:
            if hasattr(results, "close"):
                results.close()  # a write that failed half-way: the workers stop now, not at exit

    wants_directory = getattr(formatter_class, "wants_directory", None)  # html: -o DIR, a page per report
    if output and wants_directory is not None and wants_directory(output):
        try:
            formatter_class(settings).write_directory(results, output)
        except OSError as exc:
            error(cannot_write(output, exc), lang)
            sys.exit(EXIT_ERROR)
    else:
        write_out(write, output, target, lang)
    if output and not quiet:
        say(summary_line(batch.tally, lang))
    if batch.trouble:
        sys.exit(EXIT_ERROR)
    if not exit_zero and batch.failing:
        sys.exit(EXIT_FAIL)
    sys.exit(EXIT_OK)


class _Batch:
    """The run's results as they come (``Run.results``: in input order, from ``jobs`` processes), with
    what the CLI does on the way: each file's notes and errors on stderr as soon as it is done, the
    progress bar, and the counts the exit code and the summary need (so nothing keeps the results)."""

    def __init__(self, run, files, problems, jobs: int, lang: str, threshold: str, progress: bool):
        from govlint.output.base import Tally

        self.run, self.files, self.problems, self.jobs = run, files, problems, jobs
        self.lang, self.threshold, self.progress = lang, threshold, progress
        self.tally = Tally()
        self.trouble = False    # an unreadable file, an internal error, a fix not written: exit 2
        self.failing = False    # a diagnostic at or above --fail-on: exit 1

    def results(self):
        from govlint.diagnostics import fails
        from govlint.lint.linter import FileResult

        bar = _progress_bar(len(self.files), self.lang) if self.progress else None
        try:
            checked = self.run.results(self.files, self.jobs)
            # A named path that gives nothing to check is reported like an unreadable file (the HTML index lists it).
            problems = (FileResult(path, error=message) for path, message in self.problems)
            for result in itertools.chain(checked, problems):
                if bar is not None and not result.cross:  # a cross result: a file already counted
                    bar.update(1)
                self._tell(result, bar)
                self.tally.add(result)
                self.failing = self.failing or fails(result.diagnostics, self.threshold)
                yield result
            if self.run.notes or self.run.errors:  # what the cross-document pass said after the last file
                self._tell(FileResult("-"), bar)
        finally:
            if bar is not None:
                bar.render_finish()

    def _tell(self, result, bar) -> None:
        """What stderr says about one file: the run's notes and errors it caused, its own errors."""
        lines: list[tuple[Any, Any]] = [(say, i18n.join("govlint: ", message)) for message in self.run.notes]
        lines += [(error, message) for message in self.run.errors]  # a fix that could not be written back
        self.trouble = self.trouble or bool(self.run.errors) or bool(result.error or result.internal_errors)
        self.run.notes.clear()
        self.run.errors.clear()
        if result.error:
            lines.append((error, result.error))
        lines += [(say, i18n.join("govlint: ", message, BUG)) for message in result.internal_errors]
        if lines and bar is not None:
            sys.stderr.write("\r\x1b[K")  # the bar's line: the message takes it, the bar redraws below
        for show, message in lines:
            show(message, self.lang)


def _stop_on_config_error(results, lang):
    """``results``, but a configuration error met in the middle (a file's folder has a broken
    .govlint.yaml the checks before the run missed) ends the run with exit 2, as before it."""
    from govlint.support.yamlio import ConfigError

    try:
        yield from results
    except ConfigError as exc:
        error(exc.where_message(), lang)
        sys.exit(EXIT_ERROR)


def _progress_wanted(count: int, output: str | None) -> bool:
    """A progress bar on stderr: only when stderr is a terminal, the run has more than a few files and
    the output does not go to that same terminal (the diagnostics scrolling by are the progress then)."""
    try:
        if not sys.stderr.isatty() or count <= PROGRESS_MIN_FILES:
            return False
        return bool(output) or not sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def _progress_bar(count: int, lang: str):
    bar = click.progressbar(length=count, file=sys.stderr, label="govlint" if lang == "en" else "govlint 检查中",
                            show_pos=True, show_eta=True, width=30)
    bar.__enter__()
    return bar


def _preflight(run, files) -> None:
    """Every file's configuration read, and the baseline it names looked for, before any output: a
    mistake in one is the run's error (exit 2), reported once, before the workers start."""
    seen = set()
    for path in files:
        config = run.linter.finder.for_file(path if path != "-" else ".")
        if config.path in seen:
            continue
        seen.add(config.path)
        if run.options.baseline is None and config.baseline_error is not None:
            raise config.baseline_error


def _configured_lang(linter, paths) -> str | None:
    """The ``lang:`` of the configuration of the first path, if it can be read."""
    from govlint.support.yamlio import ConfigError

    if linter is None:
        return None
    first = next((path for path in paths if path != "-"), ".")
    try:
        return linter.finder.for_file(first).lang
    except (ConfigError, OSError):
        return None


def _collect(linter: Linter, paths: Sequence[str], exclude: list[str], extend_exclude: list[str],
             force_exclude: bool, respect_gitignore: bool) -> Collected:
    """The files to check and the named paths that give none (see walk.py)."""
    from govlint.lint.walk import DEFAULT_EXCLUDE, GlobSet, Walker
    from govlint.source.readers import report_suffixes

    here = os.getcwd()
    by_config: dict = {}

    def excludes(folder: str) -> list:
        config = linter.finder.for_file(os.path.join(folder, "-"))
        key = config.path
        if key not in by_config:
            own, extra = getattr(config, "exclude", []), getattr(config, "extend_exclude", [])
            if exclude:
                base = [GlobSet(here, exclude, True, True)]
            elif own:
                base = [GlobSet(config.directory, own, True, True)]
            else:
                base = [GlobSet(here, DEFAULT_EXCLUDE, True, True)]
            by_config[key] = base + [GlobSet(config.directory, extra, True, True),
                                     GlobSet(here, extend_exclude, True, True)]
        return by_config[key]

    walker = Walker(report_suffixes(), excludes, force_exclude, respect_gitignore)
    return walker.collect(paths)


def _check_selectors(linter, files, codes: dict, lang: str | None = None) -> None:
    """An unknown rule code or prefix on the command line is a usage error, with a did-you-mean."""
    from govlint.lint import selectors

    given = [(option, code) for option, values in codes.items() for code in values]
    if not given:
        return
    configs: dict = {}
    for path in files or ["."]:
        config = linter.finder.for_file(path if path != "-" else ".")
        configs.setdefault(config.path, config)
    known = {rule.code for config in configs.values() for rule in linter.all_rules(config)}
    problems = [i18n.join(option, ": ", selectors.describe(code, hint)) for option, code in given
                for _, hint in selectors.unknown([code], known)]
    if problems:
        raise click.UsageError("\n".join(i18n.text(problem, lang or i18n.DEFAULT) for problem in problems))


@cli.command("rules")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True)
@click.option("--format", "output_format", type=click.Choice(["text", "json", "markdown", "reference"]),
              default="text", show_default=True, help="markdown: the README table; reference: docs/rules.md")
@click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False),
              help="Include the rule packs this configuration adds.")
def rules_command(lang, output_format, config_path):
    """List every rule: code, name, default severity, formats, summary."""
    from govlint.output.reference import list_rules

    _ensure_utf8(sys.stdout)
    _run_docs(lambda: list_rules(config_path, lang, output_format), lang=lang)


@cli.command("rule")
@click.argument("code")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True)
@click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False))
def rule_command(code, lang, config_path):
    """Show the documentation page of one rule (what it checks, why, examples, fix)."""
    from govlint.output.reference import rule_page

    _ensure_utf8(sys.stdout)
    code = code.strip().upper()
    _run_docs(lambda: rule_page(code, config_path, lang), unknown=lambda: _no_rule(code, config_path), lang=lang)


def _no_rule(code: str, config_path) -> i18n.Message:
    from govlint.lint.config import load_config
    from govlint.lint.linter import Linter, Options
    from govlint.lint.selectors import suggestion

    rules = Linter(Options(config=config_path)).all_rules(load_config(config_path) if config_path else None)
    hint = suggestion(code, {rule.code for rule in rules})
    if hint:
        return i18n.fmt("no rule {code}; did you mean {hint}?", "没有规则 {code}，是否应为 {hint}？", code=code, hint=hint)
    return i18n.fmt("no rule {code}; `govlint rules` lists the rules", "没有规则 {code}；`govlint rules` 可列出所有规则",
                    code=code)


@cli.command("kinds")
def kinds_command():
    """List the check kinds rule packs can use, with their parameters."""
    from govlint.output.reference import list_kinds

    _ensure_utf8(sys.stdout)
    _run_docs(list_kinds)


@cli.command("init")
@click.argument("folder", default=".", type=click.Path(file_okay=False))
@click.option("--force", is_flag=True, help="Overwrite an existing .govlint.yaml.")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True,
              help="Language of the messages.")
def init_command(folder, force, lang):
    """Write a commented .govlint.yaml with the defaults into FOLDER (default: here)."""
    from govlint.lint.config_template import config_template, init_hints

    path = os.path.join(folder, ".govlint.yaml")
    if os.path.exists(path) and not force:
        error(i18n.fmt("{path} exists; use --force to overwrite it", "{path} 已存在；如要覆盖，请加 --force",
                       path=path), lang)
        sys.exit(EXIT_ERROR)
    try:
        os.makedirs(folder, exist_ok=True)
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(config_template())
    except OSError as exc:
        error(cannot_write(path, exc), lang)
        sys.exit(EXIT_ERROR)
    write_out(lambda stream: stream.write(f"wrote {path}\n{init_hints(folder)}"), None, lang=lang)


def _run_docs(produce, unknown=None, lang: str | None = None):
    from govlint.support.yamlio import ConfigError

    try:
        text = produce()
    except ConfigError as exc:
        error(exc.where_message(), lang)
        sys.exit(EXIT_ERROR)
    except LookupError as exc:
        error(unknown() if unknown else i18n.of(exc), lang)
        sys.exit(EXIT_ERROR)
    write_out(lambda stream: stream.write(text), None, lang=lang)


def main(argv=None):
    try:
        cli.main(args=argv, prog_name="govlint")
    except KeyboardInterrupt:
        say(i18n.msg("govlint: interrupted", "govlint: 已中断"), _argv_lang(argv))
        sys.exit(130)
    except Exception as exc:  # outside any one file (loading the rules …): still a message and exit 2
        import traceback

        traceback.print_exc()
        say(i18n.join(i18n.fmt("govlint: internal error: {error}", "govlint: 内部错误：{error}",
                               error=f"{type(exc).__name__}: {exc}"), BUG), _argv_lang(argv))
        status = EXIT_ERROR
    except SystemExit as exc:
        status = exc.code
    else:
        status = EXIT_OK
    # What is still buffered for stdout is written at exit: a full disk must be a message, not a traceback.
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _discard_stdout()
    except OSError as exc:
        _discard_stdout()
        error(cannot_write(STDOUT, exc), _argv_lang(argv))
        status = EXIT_ERROR
    sys.exit(status)


def _argv_lang(argv=None) -> str:
    """The --lang of the command line, for messages printed outside a command (else zh)."""
    args = list(sys.argv[1:] if argv is None else argv)
    for index, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and index + 1 < len(args):
            return args[index + 1] if args[index + 1] in i18n.LANGS else i18n.DEFAULT
        if arg.startswith("--lang="):
            value = arg.split("=", 1)[1]
            return value if value in i18n.LANGS else i18n.DEFAULT
    return i18n.DEFAULT
