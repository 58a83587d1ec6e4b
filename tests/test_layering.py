"""The layering contracts of setup.cfg ([importlinter:contract:…]): the package keeps them, and each
contract can fail — a module that crosses it is caught.

CI checks the real tree with .ci/check-imports-and-types (with mypy); here the package is copied into
a temporary folder, as one package (setup.cfg assembles it from linter/, rules/ and grammar/), so that
modules that break the contracts can be added to it.
"""
from __future__ import annotations

import configparser
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")

pytestmark = pytest.mark.skipif(not LINT_IMPORTS.exists(),
                                reason="import-linter is not installed (pip install -e '.[test]')")

# One module per contract, each crossing that contract alone: where it goes, what it imports.
CROSSINGS = {
    "layers": ("parse/_crossing.py", "import govlint.rules.api"),
    "output": ("output/_crossing.py", "import govlint.parse.lines"),
    "check-kinds": ("rules/kinds/_crossing.py", "import govlint.source.decode"),
}
# More ways to cross the layers, each caught by the layers contract: a lower layer importing a higher
# one inside a function (the model once parsed its entities lazily), or through a third module.
LAYER_CROSSINGS = {
    "the model, inside a function": ("model.py",
                                     "def entities(doc):\n    from govlint.parse.entities import scan_document\n"
                                     "    return scan_document(doc)"),
    "support": ("support/_crossing.py", "import govlint.model"),
    "the grammar": ("grammar/_crossing.py", "import govlint.parse.labels"),
    "the rules, into checking": ("rules/_crossing.py", "import govlint.lint.config"),
    "reading, into parsing": ("source/_crossing.py", "import govlint.parse.lines"),
}


def contracts() -> dict[str, str]:
    """Contract id → its name, from setup.cfg."""
    config = configparser.ConfigParser()
    config.read(REPO / "setup.cfg", encoding="utf-8")
    prefix = "importlinter:contract:"
    return {section[len(prefix):]: config[section]["name"] for section in config.sections()
            if section.startswith(prefix)}


def assembled(folder: Path) -> Path:
    """The govlint package in one folder, as setup.cfg's package_dir maps it."""
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(REPO / "linter", folder / "govlint", ignore=ignore)
    shutil.copytree(REPO / "rules", folder / "govlint" / "rules", ignore=ignore)
    shutil.copytree(REPO / "grammar", folder / "govlint" / "grammar", ignore=ignore)
    return folder


def config_arguments() -> list[str]:
    """How this import-linter takes its configuration (< 2.6, the last for Python 3.9: only --config)."""
    usage = subprocess.run([str(LINT_IMPORTS), "--help"], capture_output=True, text=True, timeout=60).stdout
    return ["--no-logo", str(REPO / "setup.cfg")] if "--no-logo" in usage else ["--config", str(REPO / "setup.cfg")]


def broken_contracts(folder: Path) -> tuple[set[str], str]:
    done = subprocess.run([str(LINT_IMPORTS), "--no-cache", *config_arguments()], cwd=folder,
                          env={**os.environ, "PYTHONPATH": str(folder)}, capture_output=True, text=True, timeout=120)
    report = re.sub(r"\x1b\[[0-9;]*m", "", done.stdout + done.stderr)   # without colours
    # import-linter wraps long contract names over lines: join them before matching.
    flat = " ".join(report.split())
    broken = {key for key, name in contracts().items() if f"{' '.join(name.split())} BROKEN" in flat}
    assert (done.returncode == 0) == (not broken), report
    assert re.search(r"Contracts: \d+ kept, \d+ broken", report), report
    return broken, report


def test_every_contract_has_a_crossing_here():
    assert set(CROSSINGS) == set(contracts())


def test_the_package_keeps_every_layering_contract(tmp_path):
    broken, report = broken_contracts(assembled(tmp_path))
    assert broken == set(), report


def test_a_module_that_crosses_a_layer_breaks_that_contract(tmp_path):
    folder = assembled(tmp_path)
    for where, line in CROSSINGS.values():
        (folder / "govlint" / where).write_text(f"from __future__ import annotations\n\n{line}\n", encoding="utf-8")
    broken, report = broken_contracts(folder)
    assert broken == set(CROSSINGS), report


@pytest.mark.parametrize("case", sorted(LAYER_CROSSINGS))
def test_a_lower_layer_importing_a_higher_one_breaks_the_layers(tmp_path, case):
    folder = assembled(tmp_path)
    where, code = LAYER_CROSSINGS[case]
    path = folder / "govlint" / where
    if path.exists():  # a function added to an existing module
        path.write_text(path.read_text(encoding="utf-8") + f"\n\n{code}\n", encoding="utf-8")
    else:
        path.write_text(f"from __future__ import annotations\n\n{code}\n", encoding="utf-8")
    broken, report = broken_contracts(folder)
    # Through the model, the check kinds would reach the parser too.
    assert broken == ({"layers", "check-kinds"} if where == "model.py" else {"layers"}), report
