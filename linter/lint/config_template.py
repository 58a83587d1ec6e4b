"""``govlint init``: the commented .govlint.yaml it writes, and what to run next.

The template lists every setting ``lint/config.py`` reads, commented out at its default, and every
rule; ``init_hints`` are the commands printed after it (a test runs each as printed).
"""
from __future__ import annotations

import os
import shlex
from typing import Any

from govlint.lint.linter import Linter, Options
from govlint.lint.walk import DEFAULT_EXCLUDE


def config_template() -> str:
    """A commented .govlint.yaml listing every setting with its default."""
    first: dict[str, Any] = {}   # code → its first rule (a code may have one rule per format group)
    for rule in sorted(Linter(Options()).all_rules(), key=lambda r: r.code):
        first.setdefault(rule.code, rule)
    codes = "\n".join(f"#   {code}  {rule.name:<20} {rule.severity:<8}{rule.summary['zh']}"
                      for code, rule in first.items())
    excluded = ", ".join(DEFAULT_EXCLUDE)
    return f"""# govlint configuration (written by `govlint init`).  Everything is commented out: these are the
# defaults.  govlint reads the .govlint.yaml in a report's folder or the nearest parent folder.

# Rules to run: codes or prefixes ("GL3" = every table rule), or ALL (the default).
# select: [ALL]
# extend-select: []
# Rules to switch off.
# ignore: []

# Severity per rule (info, warning or error).
# severity:
#   GL502: error

# Parameters of a rule, replacing its pack's (`govlint rule GL101` names the rule's check kind, `govlint
# kinds` lists each kind's parameters); checked as in a rule pack.
# rules:
#   GL101: {{params: {{variants: ["政府信息公开工作报告"]}}}}

# Rule packs of your own (paths relative to this file); `govlint kinds` lists the check kinds they can use.
# rule-packs: []

# Files and folders not to check when govlint searches a folder: globs as in .gitignore (a glob
# without a slash matches a name at any depth, one with a slash is relative to this file's folder;
# case is ignored).  `exclude` replaces the defaults, `extend-exclude` adds to them.  Hidden folders
# and what .gitignore files ignore are skipped too.  A file named on the command line is checked
# even when excluded, unless govlint is run with --force-exclude.
# exclude: [{excluded}]
# extend-exclude: []

# Rules ignored for some files (globs relative to this file's folder).  Name the rules: there is no
# blanket suppression, and nothing is ever written into the report itself.
# per-file-ignores:
#   "archive/*.txt": [GL101, GL104]

# Diagnostics accepted as they are today: run `govlint --write-baseline govlint-baseline.json .` in this
# folder, then set:
# baseline: govlint-baseline.json

# The report year, for reports that do not state it in the title or the statistical period.
# report-year: 2024

# Lowest severity that makes govlint exit with status 1.
# fail-on: error

# Language of the messages: zh or en.
# lang: zh

# Reports of one body for consecutive years are paired (GL8xx); a body renamed between two years is
# still one body: its old name (as the title gives it) → its new name.
# aliases:
#   某某县国土资源局: 某某县自然资源局

# The bodies that must publish a report every year (GL807 missing-report): a YAML list
# (- name: 某某县自然资源局, with kind: government | government office | department, parent:, level:)
# or a CSV file with the header row name,kind,parent[,level]; relative to this file.
# roster: roster.yaml

# The rules (`govlint rule GL303` shows one rule's page):
{codes}
"""


def init_hints(folder: str) -> str:
    """What to run after `govlint init FOLDER` (each command runs as printed; a test makes sure)."""
    where = shlex.quote(folder)
    baseline = shlex.quote(os.path.join(folder, "govlint-baseline.json"))
    return (f"next:\n"
            f"  govlint {where}    check the reports in the folder\n"
            f"  govlint --write-baseline {baseline} {where}    accept today's diagnostics "
            f"(then uncomment baseline: in the file)\n"
            f"  govlint rules    list the rules\n")
