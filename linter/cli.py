"""The command line: ``govlint [OPTIONS] PATH...`` checks reports; ``govlint rules`` lists the rules;
``govlint rule CODE`` shows one rule's documentation.

Exit codes: 0 no failing diagnostic, 1 at least one diagnostic at or above
``--fail-on`` (default: error), 2 usage, configuration or input error.
"""
from __future__ import annotations

import os
import sys

import click

from . import __version__

EXIT_OK, EXIT_FAIL, EXIT_ERROR = 0, 1, 2
SEVERITY_CHOICE = click.Choice(["error", "warning", "info"])


def _split_codes(values) -> list[str]:
    codes = []
    for value in values or ():
        codes.extend(part.strip().upper() for part in value.split(",") if part.strip())
    for code in codes:
        if not (code == "ALL" or (code[:1].isalpha() and code.isalnum())):
            raise click.BadParameter(f"{code!r} is not a rule code or prefix (like GL3 or GL303)")
    return codes


def _ensure_utf8(stream):
    """Chinese output must not crash on a terminal or pipe with a narrow encoding."""
    try:
        "检查".encode(stream.encoding or "ascii")
    except (LookupError, UnicodeEncodeError):
        try:
            stream.reconfigure(encoding="utf-8", errors="replace")
        except (AttributeError, ValueError):
            pass


def expand_paths(paths) -> tuple[list[str], list[str]]:
    """Files to check, and problems (missing paths); directories give every report file below them."""
    from .readers import report_suffixes

    suffixes = report_suffixes()
    files, problems = [], []
    for path in paths:
        if path == "-":
            files.append(path)
        elif os.path.isdir(path):
            found = []
            for root, dirs, names in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                found.extend(os.path.join(root, name) for name in names if name.lower().endswith(suffixes))
            files.extend(sorted(found))
        elif os.path.exists(path):
            files.append(path)
        else:
            problems.append(f"{path}: no such file or directory")
    return files, problems


class _DefaultToCheck(click.Group):
    """``govlint draft.txt`` means ``govlint check draft.txt``."""

    def parse_args(self, ctx, args):
        # A subcommand name wins over a file of that name: `govlint check rules` lints ./rules.
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h", "--version"):
            args = ["check", *args]
        return super().parse_args(ctx, args)

    def format_usage(self, ctx, formatter):
        formatter.write_usage("govlint", "[OPTIONS] PATH...  |  govlint rules  |  govlint rule CODE")


@click.group(cls=_DefaultToCheck, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="govlint", message="%(prog)s %(version)s")
def cli():
    """govlint: a compliance linter for 政府信息公开工作年度报告 (government information-disclosure annual reports).

    \b
    Check reports:      govlint draft.txt reports/ -
    List the rules:     govlint rules
    One rule's page:    govlint rule GL303
    Check kinds:        govlint kinds
    """


@cli.command("check")
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "output_format", default="text", show_default=True,
              help="Output format: text or json.")
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False, writable=True),
              help="Write the report to this file instead of standard output.")
@click.option("--lang", type=click.Choice(["zh", "en"]), help="Language of messages (default zh).")
@click.option("--no-color", is_flag=True, help="Never colour the output (also: NO_COLOR=1).")
@click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False),
              help="Use this configuration file instead of the nearest .govlint.yaml.")
@click.option("--report-year", type=click.IntRange(1990, 2100), help="The report year, when the report does not say.")
@click.option("--select", multiple=True, help="Only these rule codes or prefixes (comma-separated).")
@click.option("--extend-select", multiple=True, help="Rule codes or prefixes to add to the selection.")
@click.option("--ignore", multiple=True, help="Rule codes or prefixes to switch off (comma-separated).")
@click.option("--fail-on", type=SEVERITY_CHOICE, help="Lowest severity that makes the exit code 1 (default error).")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when diagnostics fail the run.")
@click.option("-q", "--quiet", is_flag=True, help="No summary line.")
@click.option("--statistics", is_flag=True, help="Print how many diagnostics each rule gave.")
@click.option("--stdin-filename", help="The name to report for standard input (-).")
def check(paths, output_format, output, lang, no_color, config_path, report_year, select, extend_select, ignore,
          fail_on, exit_zero, quiet, statistics, stdin_filename):
    """Check reports (files, directories, or - for standard input)."""
    from .engine import Linter, Options, fails
    from .formatters import Settings, get, names
    from .yamlio import ConfigError

    formatter_class = get(output_format)
    if formatter_class is None:
        raise click.BadParameter(f"unknown format {output_format!r}; choose from {', '.join(names())}",
                                 param_hint="--format")
    stderr = sys.stderr
    _ensure_utf8(sys.stdout)
    _ensure_utf8(sys.stderr)
    options = Options(config=config_path, select=_split_codes(select) if select else None,
                      extend_select=_split_codes(extend_select), ignore=_split_codes(ignore),
                      report_year=report_year, lang=lang)
    files, problems = expand_paths(paths)
    try:
        linter = Linter(options, keep_documents=getattr(formatter_class, "needs_documents", False))
        results = []
        for path in files:
            result = linter.lint_path(path)
            if path == "-" and stdin_filename:
                result.path = stdin_filename
                if result.source is not None:
                    result.source.path = stdin_filename
            results.append(result)
        config = linter.finder.for_file(files[0] if files else ".")
    except ConfigError as exc:
        stderr.write(f"govlint: error: {exc}\n")
        sys.exit(EXIT_ERROR)
    lang = lang or config.lang or "zh"
    stream = None
    try:
        stream = open(output, "w", encoding="utf-8", newline="") if output else sys.stdout
        color = (not no_color and not output and "NO_COLOR" not in os.environ and stream.isatty()
                 and output_format == "text")
        if color:
            import colorama
            colorama.just_fix_windows_console()
        formatter_class(Settings(lang=lang, color=color, quiet=quiet, statistics=statistics,
                                 output_path=output)).write(results, stream)
    except BrokenPipeError:
        # The reader went away (govlint … | head): stop quietly.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(EXIT_ERROR)
    except OSError as exc:
        stderr.write(f"govlint: error: cannot write {output}: {exc.strerror or exc}\n")
        sys.exit(EXIT_ERROR)
    finally:
        if output and stream is not None:
            stream.close()
    for message in problems:
        stderr.write(f"govlint: error: {message}\n")
    for result in results:
        if result.error:
            stderr.write(f"govlint: error: {result.error}\n")
        for message in result.internal_errors:
            stderr.write(f"govlint: {message} (please report this bug)\n")
    if problems or any(r.error or r.internal_errors for r in results):
        sys.exit(EXIT_ERROR)
    threshold = fail_on or config.fail_on or "error"
    if not exit_zero and any(fails(r, threshold) for r in results):
        sys.exit(EXIT_FAIL)
    sys.exit(EXIT_OK)


@cli.command("rules")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True)
@click.option("--format", "output_format", type=click.Choice(["text", "json", "markdown"]), default="text",
              show_default=True)
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
    _run_docs(lambda: rule_page(code.upper(), config_path, lang))


@cli.command("kinds")
def kinds_command():
    """List the check kinds rule packs can use, with their parameters."""
    from .docs import list_kinds

    _ensure_utf8(sys.stdout)
    _run_docs(list_kinds)


def _run_docs(produce):
    from .yamlio import ConfigError

    try:
        text = produce()
    except ConfigError as exc:
        click.echo(f"govlint: error: {exc}", err=True)
        sys.exit(EXIT_ERROR)
    except LookupError as exc:
        click.echo(f"govlint: error: {exc.args[0]}", err=True)
        sys.exit(EXIT_ERROR)
    click.echo(text, nl=False)


def main(argv=None):
    try:
        cli.main(args=argv, prog_name="govlint")
    except KeyboardInterrupt:
        sys.stderr.write("govlint: interrupted\n")
        sys.exit(130)
