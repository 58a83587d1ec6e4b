"""support/plugins.py's Registry: units discovered in a package, failures kept with their reason, and
discovering every reader and output format stays cheap (their costly libraries load only when used)."""
from __future__ import annotations

import importlib
import importlib.metadata
import subprocess
import sys
import textwrap

import pytest

from govlint.support import i18n
from govlint.support.plugins import Registry


@pytest.fixture
def package(tmp_path, monkeypatch):
    """A package ``units_pkg`` made of the given modules (name → source), importable for one test."""
    made = []

    def make(modules: dict) -> str:
        root = tmp_path / "units_pkg"
        for name, source in {"__init__": "REGISTRY = None\n", **modules}.items():
            path = root / (name.replace(".", "/") + ".py")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(source), encoding="utf-8")
        monkeypatch.syspath_prepend(str(tmp_path))
        importlib.invalidate_caches()
        made.append("units_pkg")
        importlib.import_module("units_pkg")
        return "units_pkg"

    yield make
    for name in [m for m in sys.modules if m.split(".")[0] in made]:
        del sys.modules[name]


def registry_in(package_name: str) -> Registry:
    registry: Registry = Registry(i18n.msg("widget", "部件"), package_name)
    sys.modules[package_name].REGISTRY = registry
    return registry


UNIT = """
import units_pkg
units_pkg.REGISTRY.add({name!r}, {value!r})
"""


def test_units_are_discovered_in_the_modules_and_subpackages_of_the_package(package):
    name = package({"alpha": UNIT.format(name="a", value=1), "deep/__init__": UNIT.format(name="b", value=2),
                    "_helper": "raise RuntimeError('a helper is not a unit module')"})
    registry = registry_in(name)
    assert registry.units() == {"a": 1, "b": 2}
    assert registry.errors() == {}


def test_a_name_is_looked_for_in_its_own_module_first(package):
    """``get("json-lines")`` imports json_lines.py alone: a run pays for the unit it uses."""
    name = package({"json_lines": UNIT.format(name="json-lines", value=1), "other": UNIT.format(name="o", value=2),
                    "grouped": UNIT.format(name="g", value=3)})
    registry = registry_in(name)
    assert registry.get("json-lines") == 1
    assert f"{name}.other" not in sys.modules and f"{name}.grouped" not in sys.modules
    assert registry.get("g") == 3   # a unit in a module of another name: every module is imported
    assert f"{name}.other" in sys.modules


def test_a_module_that_fails_to_import_is_kept_with_its_reason_and_the_others_load(package):
    name = package({"alpha": UNIT.format(name="a", value=1), "broken": "import no_such_library_xyz\n"})
    registry = registry_in(name)
    assert registry.get("a") == 1 and registry.get("missing") is None
    assert registry.broken_modules() == {"broken": "ModuleNotFoundError: No module named 'no_such_library_xyz'"}
    message = registry.errors()["broken"]
    assert message == ("the built-in widget module 'broken' could not be loaded: "
                       "ModuleNotFoundError: No module named 'no_such_library_xyz'")
    assert i18n.text(message, "zh") == ("无法加载内置部件模块 'broken'：ModuleNotFoundError: "
                                        "No module named 'no_such_library_xyz'")


class _Point:
    def __init__(self, name, value, loaded):
        self.name, self.value, self._loaded = name, value, loaded

    def load(self):
        if isinstance(self._loaded, BaseException):
            raise self._loaded
        return self._loaded


def test_plugins_come_from_the_entry_point_group_and_their_failures_are_kept(package, monkeypatch):
    points = [_Point("good", "x:good", 3), _Point("raises", "x:raises", ImportError("no x")),
              _Point("wrong", "x:wrong", "not a widget"), _Point("a", "x:a", 99)]
    monkeypatch.setattr(importlib.metadata, "entry_points",
                        lambda **kw: points if kw.get("group") == "test.widgets" else [])
    name = package({"alpha": UNIT.format(name="a", value=1)})
    registry: Registry = Registry(i18n.msg("widget", "部件"), name, "test.widgets", accept=lambda u: isinstance(u, int))
    sys.modules[name].REGISTRY = registry
    assert registry.units() == {"a": 1, "good": 3}   # a built-in of the same name wins
    assert registry.errors() == {"raises": "plug-in 'raises' (x:raises) could not be loaded: ImportError: no x",
                                 "wrong": "plug-in 'wrong' (x:wrong) could not be loaded: it is not a widget"}


def test_discovering_every_reader_and_format_imports_no_costly_library():
    """jinja2 (HTML report), pdfplumber/pdfminer (PDF) and python-docx load when a file or format needs them."""
    code = ("import sys\n"
            "from govlint import output\n"
            "from govlint.source import readers\n"
            "assert output.names() and readers.report_suffixes() and not output.load_errors()\n"
            "print(sorted(m for m in ('jinja2', 'pdfplumber', 'pdfminer', 'docx', 'lxml') if m in sys.modules))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
