"""The command line.  ``govlint [OPTIONS] PATH...`` (short for ``govlint check``) checks reports: files,
folders (every report file below them, minus hidden folders, .gitignore'd files and the ``exclude``
globs) or ``-`` for standard input.  ``govlint rules`` lists the rules, ``govlint rule CODE`` shows one
rule's page, ``govlint kinds`` the check kinds, ``govlint init`` writes a commented configuration.

Exit codes: 0 no failing diagnostic, 1 at least one diagnostic at or above ``--fail-on`` (default:
error), 2 a usage, configuration, input or output error (an unknown rule code, a path that yields no
report, an unreadable file, a full disk), or an internal error in one file (the others are still
reported in full).

Usage and error messages are English, like click's own; the notes and the summary line follow
``--lang`` (Chinese by default).
"""
from __future__ import annotations

import os
import sys

import click

from . import __version__

EXIT_OK, EXIT_FAIL, EXIT_ERROR = 0, 1, 2
SEVERITY_CHOICE = click.Choice(["error", "warning", "info"])
STDOUT = "standard output"
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
MACHINE_FORMATS = ("json", "json-lines", "sarif", "github", "junit", "html")


def note(key: str, lang: str, **args) -> str:
    zh, en = NOTES[key]
    return (en if lang == "en" else zh).format(**args)


def say(message: str) -> None:
    """One line on stderr; a file name that is not valid UTF-8 is escaped, never a crash."""
    sys.stderr.write(message.encode("utf-8", "backslashreplace").decode("utf-8") + "\n")


def _split_codes(values) -> list[str]:
    codes = []
    for value in values or ():
        codes.extend(part.strip().upper() for part in value.split(",") if part.strip())
    for code in codes:
        if not (code == "ALL" or (code[:1].isalpha() and code.isalnum())):
            raise click.BadParameter(f"{code!r} is not a rule code or prefix (like GL3 or GL303)")
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


def write_out(write, output: str | None, stream=None) -> None:
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
        say(f"govlint: error: cannot write {output or STDOUT}: {exc.strerror or exc}")
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
              help="Output: text, concise, json, json-lines, sarif, github, junit or html.")
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False, writable=True),
              help="Write the report to this file instead of standard output (the summary goes to stderr).")
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
def check(paths, output_format, output, lang, no_color, config_path, report_year, select, extend_select, ignore,
          exclude, extend_exclude, force_exclude, respect_gitignore, fail_on, exit_zero, quiet, statistics,
          stdin_filename, fix, unsafe_fixes, diff, baseline_path, write_baseline):
    """Check reports: files, folders (every report file below them) or - for standard input."""
    from . import baseline
    from .engine import FileResult, Linter, Options, fails
    from .formatters import Settings, get, names
    from .formatters.text import summary_line
    from .run import Run, RunOptions
    from .yamlio import ConfigError

    formatter_class = get(output_format)
    if formatter_class is None:
        raise click.BadParameter(f"unknown format {output_format!r}; choose from {', '.join(names())}",
                                 param_hint="--format")
    if fix and diff:
        raise click.UsageError("--fix writes the fixes and --diff only shows them: choose one")
    if statistics and not getattr(formatter_class, "supports_statistics", False):
        able = ", ".join(name for name in names() if getattr(get(name), "supports_statistics", False))
        raise click.UsageError(f"--format {output_format} has no place for --statistics; use it with {able}")
    if fix and "-" in paths and not output and output_format in MACHINE_FORMATS:
        raise click.UsageError(f"with --fix on standard input the fixed report goes to standard output: "
                               f"write the {output_format} output to a file with -o FILE")
    _ensure_utf8(sys.stdout)
    _ensure_utf8(sys.stderr)
    codes = {"--select": _split_codes(select), "--extend-select": _split_codes(extend_select),
             "--ignore": _split_codes(ignore)}
    options = Options(config=config_path, select=codes["--select"] if select else None,
                      extend_select=codes["--extend-select"], ignore=codes["--ignore"],
                      report_year=report_year, lang=lang)
    try:
        linter = Linter(options, keep_documents=getattr(formatter_class, "needs_documents", False))
        collected = _collect(linter, paths, _split_globs(exclude), _split_globs(extend_exclude), force_exclude,
                             respect_gitignore)
        files = collected.files
        _check_selectors(linter, files, codes)
        run = Run(linter, RunOptions(fix=fix, unsafe_fixes=unsafe_fixes, diff=diff,
                                     baseline=None if write_baseline else baseline_path,
                                     stdin_filename=stdin_filename))
        if write_baseline:
            run.options.baseline = ""  # write what is there now, not what an old baseline leaves
        results = [_check_one(run, path) for path in files]
        # A named path that gives nothing to check is reported like an unreadable file (the HTML index lists it).
        results.extend(FileResult(path, error=message) for path, message in collected.problems)
        config = linter.finder.for_file(files[0] if files and files[0] != "-" else ".")
    except ConfigError as exc:
        say(f"govlint: error: {exc}")
        sys.exit(EXIT_ERROR)
    lang = lang or config.lang or "zh"
    threshold = fail_on or config.fail_on or "error"
    from .registry import load_errors

    for message in load_errors():  # a plug-in that failed to load: never dropped in silence
        say(f"govlint: warning: {message}")
    for message in run.notes:
        say(f"govlint: {message}")
    run_errors = getattr(run, "errors", [])  # a fix that could not be written back
    for message in run_errors:
        say(f"govlint: error: {message}")
    for result in results:
        if result.error:
            say(f"govlint: error: {result.error}")
        for message in result.internal_errors:
            say(f"govlint: {message} (please report this bug)")
    trouble = bool(run_errors) or any(r.error or r.internal_errors for r in results)
    if not results and collected.excluded and not quiet:
        say(f"govlint: {note('nothing', lang, excluded=collected.excluded)}")

    if write_baseline:
        try:
            count = baseline.write(write_baseline, results)
        except OSError as exc:
            say(f"govlint: error: cannot write {write_baseline}: {exc.strerror or exc}")
            sys.exit(EXIT_ERROR)
        say(f"govlint: {note('baseline', lang, count=count, files=len(results), path=write_baseline)}")
        sys.exit(EXIT_ERROR if trouble else EXIT_OK)
    if diff:
        changed = [r for r in results if r.diff]
        write_out(lambda stream: stream.write("".join(r.diff for r in changed)), output)
        count = sum(r.fixed for r in changed)
        say("govlint: " + (note("diff", lang, count=count, files=len(changed)) if count else note("no_fixes", lang)))
        sys.exit(EXIT_ERROR if trouble else (EXIT_FAIL if changed else EXIT_OK))

    fixed = sum(r.fixed for r in results)
    settings = Settings(lang=lang, quiet=quiet, statistics=statistics, output_path=output,
                        fail_on=threshold, rules=list(linter.all_rules(config)), fixed=fixed)
    # With --fix on standard input the fixed report goes to stdout: diagnostics go to stderr.
    target = sys.stderr if (fix and "-" in files and not output) else sys.stdout
    settings.color = (not no_color and not output and "NO_COLOR" not in os.environ and target.isatty()
                      and output_format == "text")
    if settings.color:
        import colorama
        colorama.just_fix_windows_console()

    def write(stream):
        formatter_class(settings).write(results, stream)

    write_out(write, output, target)
    if output and not quiet:
        say(summary_line(results, lang, fixed))
    if trouble:
        sys.exit(EXIT_ERROR)
    if not exit_zero and any(fails(r, threshold) for r in results):
        sys.exit(EXIT_FAIL)
    sys.exit(EXIT_OK)


def _collect(linter, paths, exclude, extend_exclude, force_exclude, respect_gitignore):
    """The files to check and the named paths that give none (see walk.py)."""
    from .readers import report_suffixes
    from .walk import DEFAULT_EXCLUDE, GlobSet, Walker

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


def _check_selectors(linter, files, codes: dict) -> None:
    """An unknown rule code or prefix on the command line is a usage error, with a did-you-mean."""
    from . import selectors

    given = [(option, code) for option, values in codes.items() for code in values]
    if not given:
        return
    configs = {}
    for path in files or ["."]:
        config = linter.finder.for_file(path if path != "-" else ".")
        configs.setdefault(config.path, config)
    known = {rule.code for config in configs.values() for rule in linter.all_rules(config)}
    problems = [f"{option}: {selectors.describe(code, hint)}" for option, code in given
                for _, hint in selectors.unknown([code], known)]
    if problems:
        raise click.UsageError("\n".join(problems))


def _check_one(run, path: str):
    """One file's result; whatever goes wrong with it is its error, and the run goes on."""
    from .engine import FileResult, internal_error
    from .yamlio import ConfigError

    try:
        return run.check(path)
    except ConfigError:
        raise  # the configuration's mistake: reported once, for the whole run
    except OSError as exc:  # writing the fixed file (or, for -, the fixed report on stdout)
        target = STDOUT if path == "-" else path
        return FileResult(path, error=f"{path}: cannot write {target}: {exc.strerror or exc}")
    except Exception as exc:
        return FileResult(path, error=internal_error(path, "checking it", exc))


@cli.command("rules")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True)
@click.option("--format", "output_format", type=click.Choice(["text", "json", "markdown", "reference"]),
              default="text", show_default=True, help="markdown: the README table; reference: docs/rules.md")
@click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False),
              help="Include the rule packs this configuration adds.")
def rules_command(lang, output_format, config_path):
    """List every rule: code, name, default severity, formats, summary."""
    from .docs import list_rules

    _ensure_utf8(sys.stdout)
    _run_docs(lambda: list_rules(config_path, lang, output_format))


@cli.command("rule")
@click.argument("code")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True)
@click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False))
def rule_command(code, lang, config_path):
    """Show the documentation page of one rule (what it checks, why, examples, fix)."""
    from .docs import rule_page

    _ensure_utf8(sys.stdout)
    code = code.strip().upper()
    _run_docs(lambda: rule_page(code, config_path, lang), unknown=lambda: _no_rule(code, config_path))


def _no_rule(code: str, config_path) -> str:
    from .config import load_config
    from .engine import Linter, Options
    from .selectors import suggestion

    rules = Linter(Options(config=config_path)).all_rules(load_config(config_path) if config_path else None)
    hint = suggestion(code, {rule.code for rule in rules})
    return f"no rule {code}" + (f"; did you mean {hint}?" if hint else "; `govlint rules` lists the rules")


@cli.command("kinds")
def kinds_command():
    """List the check kinds rule packs can use, with their parameters."""
    from .docs import list_kinds

    _ensure_utf8(sys.stdout)
    _run_docs(list_kinds)


@cli.command("init")
@click.argument("folder", default=".", type=click.Path(file_okay=False))
@click.option("--force", is_flag=True, help="Overwrite an existing .govlint.yaml.")
def init_command(folder, force):
    """Write a commented .govlint.yaml with the defaults into FOLDER (default: here)."""
    from .docs import config_template, init_hints

    path = os.path.join(folder, ".govlint.yaml")
    if os.path.exists(path) and not force:
        say(f"govlint: error: {path} exists; use --force to overwrite it")
        sys.exit(EXIT_ERROR)
    try:
        os.makedirs(folder, exist_ok=True)
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(config_template())
    except OSError as exc:
        say(f"govlint: error: cannot write {path}: {exc.strerror or exc}")
        sys.exit(EXIT_ERROR)
    write_out(lambda stream: stream.write(f"wrote {path}\n{init_hints(folder)}"), None)


def _run_docs(produce, unknown=None):
    from .yamlio import ConfigError

    try:
        text = produce()
    except ConfigError as exc:
        say(f"govlint: error: {exc}")
        sys.exit(EXIT_ERROR)
    except LookupError as exc:
        say(f"govlint: error: {unknown() if unknown else exc.args[0]}")
        sys.exit(EXIT_ERROR)
    write_out(lambda stream: stream.write(text), None)


def main(argv=None):
    try:
        cli.main(args=argv, prog_name="govlint")
    except KeyboardInterrupt:
        say("govlint: interrupted")
        sys.exit(130)
    except Exception as exc:  # outside any one file (loading the rules …): still a message and exit 2
        import traceback

        traceback.print_exc()
        say(f"govlint: internal error: {type(exc).__name__}: {exc} (please report this bug)")
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
        say(f"govlint: error: cannot write {STDOUT}: {exc.strerror or exc}")
        status = EXIT_ERROR
    sys.exit(status)
