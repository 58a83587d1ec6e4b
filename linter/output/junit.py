"""``--format junit``: JUnit XML, for CI systems that show test reports.

One <testsuite> per report file; one <testcase> per rule that gave diagnostics there (failing,
one <failure> element listing them), and a passing test case for a file with no diagnostic.
Only diagnostics at or above the run's fail-on severity count as failures; the others are
listed in <system-out>.

The document is always well-formed XML 1.0: characters XML forbids (most C0 controls, a form
feed among them, U+FFFE/U+FFFF) are shown as their Control Pictures (U+240C), and a path that
is not valid UTF-8 has its undecodable bytes written ``\\xNN``.
"""
from __future__ import annotations

from govlint.diagnostics import SEVERITY_RANK
from govlint.output import Formatter, formatter
from govlint.support.escaping import display_path
from govlint.support.escaping import xml_attribute as quoteattr
from govlint.support.escaping import xml_escape as escape


@formatter("junit")
class JunitFormatter(Formatter):
    prints_text = False  # places only (line:column): no file is read again for the cross-document pass
    supports_statistics = False  # each rule is already a test case: the CLI refuses --statistics

    def write(self, results, stream) -> None:
        threshold = SEVERITY_RANK[getattr(self.settings, "fail_on", None) or "error"]
        suites = []
        total_tests = total_failures = total_errors = 0
        for result in results:
            path = display_path(result.path)
            cases = []
            failures = errors = 0
            if result.error is not None:
                errors = 1
                cases.append(f'    <testcase classname={quoteattr(path)} name="read">\n'
                             f'      <error message={quoteattr(self.text(result.error))}/>\n'
                             '    </testcase>')
            else:
                by_code: dict[tuple[str, str], list] = {}
                for diag in result.diagnostics:
                    by_code.setdefault((diag.code, diag.name), []).append(diag)
                if not by_code:
                    cases.append(f'    <testcase classname={quoteattr(path)} name="govlint"/>')
                for (code, name), diags in sorted(by_code.items()):
                    lines = []
                    for diag in diags:
                        line, column = result.source.position(diag.span.start)
                        lines.append(f"{path}:{line}:{column}: {diag.severity}: {diag.message}")
                    body = escape("\n".join(lines))
                    failing = [d for d in diags if SEVERITY_RANK[d.severity] >= threshold]
                    case = f'    <testcase classname={quoteattr(path)} name={quoteattr(f"{code} {name}")}>'
                    if failing:
                        failures += 1
                        case += (f'\n      <failure message={quoteattr(failing[0].message)} '
                                 f'type={quoteattr(code)}>{body}</failure>\n    </testcase>')
                    else:
                        case += f"\n      <system-out>{body}</system-out>\n    </testcase>"
                    cases.append(case)
            total_tests += len(cases)
            total_failures += failures
            total_errors += errors
            suites.append(f'  <testsuite name={quoteattr(path)} tests="{len(cases)}" '
                          f'failures="{failures}" errors="{errors}">\n' + "\n".join(cases) + "\n  </testsuite>")
        stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        stream.write(f'<testsuites name="govlint" tests="{total_tests}" failures="{total_failures}" '
                     f'errors="{total_errors}">\n')
        stream.write("\n".join(suites) + ("\n" if suites else ""))
        stream.write("</testsuites>\n")
