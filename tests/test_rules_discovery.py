"""Packs and check kinds are found, not listed: a file in rules/packs/ is a pack, a module in
rules/kinds/ brings its kinds, an entry point of govlint.checks brings a plug-in's — and whatever
fails to load is reported, never dropped."""
from __future__ import annotations

import pkgutil
from pathlib import Path

import pytest

from govlint.rules import kinds as kinds_package
from govlint.rules import loader, registry
from govlint.rules.api import CheckKind
from govlint.support import i18n

PACKS = Path(loader.__file__).with_name("packs")


@pytest.fixture(autouse=True)
def own_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("GOVLINT_CACHE_DIR", str(tmp_path / "cache"))


# -- packs ----------------------------------------------------------------------------------------
def test_every_pack_file_is_a_builtin_pack():
    assert loader.builtin_pack_names() == sorted(path.name for path in PACKS.glob("*.yaml"))
    packs = {rule.pack for rule in loader.builtin_rules()}
    assert len(packs) == len(loader.builtin_pack_names())


def test_builtin_packs_come_in_the_order_of_their_codes():
    order = list(dict.fromkeys(rule.pack for rule in loader.builtin_rules()))
    assert order == ["document", "parse", "structure", "regime-2008", "citations", "tables", "body", "consistency",
                     "publication", "content", "wording", "across"]
    # A code two packs define: the current formats' rule first (its page, SARIF's description).
    assert [rule.pack for rule in loader.builtin_rules() if rule.code == "GL102"] == ["structure", "regime-2008"]


def _pack(code: str) -> str:
    return (f"pack: p{code.lower()}\nformats: all\nrules:\n  - code: {code}\n    name: extra-rule\n"
            f"    severity: info\n    kind: pattern-forbidden\n    params: {{patterns: [x]}}\n"
            f"    message: {{zh: '{{found}}', en: '{{found}}'}}\n")


def test_a_new_file_in_the_packs_folder_is_read(tmp_path, monkeypatch):
    folder = tmp_path / "govlint_rules" / "packs"
    folder.mkdir(parents=True)
    (folder / "a-late.yaml").write_text(_pack("XT201"), encoding="utf-8")
    (folder / "b-early.yaml").write_text(_pack("XT101"), encoding="utf-8")
    (folder / "notes.txt").write_text("not a pack", encoding="utf-8")
    monkeypatch.setattr(loader.resources, "files", lambda package: tmp_path / "govlint_rules")
    loader.builtin_rules.cache_clear()
    try:
        assert [rule.code for rule in loader.builtin_rules()] == ["XT101", "XT201"]
    finally:
        loader.builtin_rules.cache_clear()


# -- kinds ----------------------------------------------------------------------------------------
def test_every_kind_class_of_the_kinds_folder_is_registered():
    import importlib

    found = {}
    for module in pkgutil.iter_modules(kinds_package.__path__):
        if module.name.startswith("_"):
            continue
        loaded = importlib.import_module(f"govlint.rules.kinds.{module.name}")
        for value in vars(loaded).values():
            if isinstance(value, type) and issubclass(value, CheckKind) and value.__module__ == loaded.__name__:
                found[value.name] = value
    assert found and {name: registry.get_kind(name) for name in found} == found


def test_the_kinds_package_lists_no_modules():
    """Discovery, not a hand-written list: the package imports none of its modules."""
    import ast

    tree = ast.parse(Path(kinds_package.__file__).read_text(encoding="utf-8"))
    imports = [node for node in ast.walk(tree) if isinstance(node, (ast.Import, ast.ImportFrom))]
    assert [getattr(node, "module", None) for node in imports] == ["__future__"]


def test_a_builtin_kind_module_that_fails_to_import_is_reported(tmp_path, monkeypatch):
    package = tmp_path / "h2_broken_kinds"
    package.mkdir()
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "seal.py").write_text("import govlint_no_such_module\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(registry, "KINDS", registry.KindRegistry(i18n.msg("check kind", "检查类型"), "h2_broken_kinds"))
    assert registry.get_kind("seal") is None
    [error] = registry.load_errors()
    assert error == ("the built-in check kind module 'seal' could not be loaded: "
                     "ModuleNotFoundError: No module named 'govlint_no_such_module'")
    assert "无法加载内置检查类型模块 'seal'" in error.zh
    assert "the built-in check kind module 'seal'" in registry.unknown_kind_reason("nx-seal")


class _Point:
    """An entry point of govlint.checks."""

    def __init__(self, name, value, unit):
        self.name, self.value, self.unit = name, value, unit

    def load(self):
        return self.unit


def _plugins(monkeypatch, *points):
    import importlib.metadata

    kinds = registry.KINDS  # as if no plug-in had been loaded yet (restored after the test)
    monkeypatch.setattr(kinds, "_units", dict(kinds.units()))
    monkeypatch.setattr(importlib.metadata, "entry_points",
                        lambda **kw: list(points) if kw else {"govlint.checks": list(points)})
    monkeypatch.setattr(kinds, "_plugins_loaded", False)
    monkeypatch.setattr(kinds, "_errors", {})


def test_a_plugin_kind_is_named_by_its_name_or_its_entry_point(monkeypatch):
    class Named(CheckKind):
        name = "nx-named"

    class Unnamed(CheckKind):
        pass

    _plugins(monkeypatch, _Point("nx-a", "nx:Named", Named), _Point("nx-b", "nx:Unnamed", Unnamed))
    assert registry.get_kind("nx-named") is Named and registry.get_kind("nx-a") is None
    assert registry.get_kind("nx-b") is Unnamed and Unnamed.name == "nx-b"
    assert registry.load_errors() == []


def test_a_plugin_that_is_no_check_kind_is_reported(monkeypatch):
    _plugins(monkeypatch, _Point("nx-seal", "nx:seal", lambda doc, params: []))
    assert "nx-seal" not in registry.all_kinds()
    assert registry.load_errors() == ["plug-in 'nx-seal' (nx:seal) could not be loaded: it is not a check kind"]


def test_a_builtin_kind_wins_over_a_plugin_of_the_same_name(monkeypatch):
    class Impostor(CheckKind):
        name = "title"

    _plugins(monkeypatch, _Point("title", "nx:Impostor", Impostor))
    assert registry.all_kinds()["title"] is not Impostor
