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
    """Files to check, and the paths that do not exist; directories give every report file below them."""
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
            problems.append(path)
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
    A configuration:    govlint init
    """


@cli.command("check")
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "output_format", default="text", show_default=True,
              help="Output: text, concise, json, json-lines, sarif, github, junit or html.")
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
@click.option("--fix", is_flag=True, help="Apply the safe fixes to the files (atomically, keeping their encoding).")
@click.option("--unsafe-fixes", is_flag=True, help="With --fix or --diff, apply the unsafe fixes too.")
@click.option("--diff", is_flag=True, help="Print the fixes as a unified diff instead of writing them.")
@click.option("--baseline", "baseline_path", type=click.Path(exists=True, dir_okay=False),
              help="Report only diagnostics this baseline file does not list.")
@click.option("--write-baseline", "write_baseline", type=click.Path(dir_okay=False, writable=True),
              help="Write the current diagnostics to this baseline file and exit 0.")
def check(paths, output_format, output, lang, no_color, config_path, report_year, select, extend_select, ignore,
          fail_on, exit_zero, quiet, statistics, stdin_filename, fix, unsafe_fixes, diff, baseline_path,
          write_baseline):
    """Check reports (files, directories, or - for standard input)."""
    from . import baseline
    from .engine import FileResult, Linter, Options, fails
    from .formatters import Settings, get, names
    from .run import Run, RunOptions
    from .yamlio import ConfigError

    formatter_class = get(output_format)
    if formatter_class is None:
        raise click.BadParameter(f"unknown format {output_format!r}; choose from {', '.join(names())}",
                                 param_hint="--format")
    if fix and diff:
        raise click.UsageError("--fix writes the fixes and --diff only shows them: choose one")
    stderr = sys.stderr
    _ensure_utf8(sys.stdout)
    _ensure_utf8(sys.stderr)
    options = Options(config=config_path, select=_split_codes(select) if select else None,
                      extend_select=_split_codes(extend_select), ignore=_split_codes(ignore),
                      report_year=report_year, lang=lang)
    files, problems = expand_paths(paths)
    try:
        linter = Linter(options, keep_documents=getattr(formatter_class, "needs_documents", False))
        run = Run(linter, RunOptions(fix=fix, unsafe_fixes=unsafe_fixes, diff=diff,
                                     baseline=None if write_baseline else baseline_path,
                                     stdin_filename=stdin_filename))
        if write_baseline:
            run.options.baseline = ""  # write what is there now, not what an old baseline leaves
        results = [run.check(path) for path in files]
        # A path that does not exist is reported like an unreadable file (and listed by the HTML index).
        results.extend(FileResult(path, error=f"{path}: no such file or directory") for path in problems)
        config = linter.finder.for_file(files[0] if files and files[0] != "-" else ".")
    except ConfigError as exc:
        stderr.write(f"govlint: error: {exc}\n")
        sys.exit(EXIT_ERROR)
    except OSError as exc:
        stderr.write(f"govlint: error: cannot write {exc.filename}: {exc.strerror or exc}\n")
        sys.exit(EXIT_ERROR)
    lang = lang or config.lang or "zh"
    threshold = fail_on or config.fail_on or "error"
    for message in run.notes:
        stderr.write(f"govlint: {message}\n")
    for result in results:
        if result.error:
            stderr.write(f"govlint: error: {result.error}\n")
        for message in result.internal_errors:
            stderr.write(f"govlint: {message} (please report this bug)\n")
    trouble = any(r.error or r.internal_errors for r in results)

    if write_baseline:
        count = baseline.write(write_baseline, results)
        stderr.write(f"govlint: wrote {count} diagnostic(s) of {len(results)} file(s) to {write_baseline}\n")
        sys.exit(EXIT_ERROR if trouble else EXIT_OK)
    if diff:
        changed = [r for r in results if r.diff]
        _write_out("".join(r.diff for r in changed), output)
        count = sum(r.fixed for r in changed)
        stderr.write(f"govlint: {count} fix(es) would be applied to {len(changed)} file(s)\n" if count
                     else "govlint: no fixes to apply\n")
        sys.exit(EXIT_ERROR if trouble else (EXIT_FAIL if changed else EXIT_OK))

    all_rules = list(linter.all_rules(config))
    settings = Settings(lang=lang, quiet=quiet, statistics=statistics, output_path=output, fail_on=threshold,
                        rules=all_rules, fixed=sum(r.fixed for r in results))
    stream = None
    try:
        # With --fix on standard input the fixed report goes to stdout: diagnostics go to stderr.
        target = sys.stderr if (fix and "-" in files and not output) else sys.stdout
        stream = open(output, "w", encoding="utf-8", newline="") if output else target
        settings.color = (not no_color and not output and "NO_COLOR" not in os.environ and stream.isatty()
                          and output_format == "text")
        if settings.color:
            import colorama
            colorama.just_fix_windows_console()
        formatter_class(settings).write(results, stream)
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
    if trouble:
        sys.exit(EXIT_ERROR)
    if not exit_zero and any(fails(r, threshold) for r in results):
        sys.exit(EXIT_FAIL)
    sys.exit(EXIT_OK)


def _write_out(text: str, output: str | None) -> None:
    if output:
        with open(output, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
    else:
        sys.stdout.write(text)


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
    _run_docs(lambda: rule_page(code.upper(), config_path, lang))


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
    from .docs import config_template

    path = os.path.join(folder, ".govlint.yaml")
    if os.path.exists(path) and not force:
        click.echo(f"govlint: error: {path} exists; use --force to overwrite it", err=True)
        sys.exit(EXIT_ERROR)
    try:
        os.makedirs(folder, exist_ok=True)
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(config_template())
    except OSError as exc:
        click.echo(f"govlint: error: cannot write {path}: {exc.strerror or exc}", err=True)
        sys.exit(EXIT_ERROR)
    click.echo(f"wrote {path}")


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
