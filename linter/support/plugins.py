"""One way to find the units govlint is extended with: readers, output formats, check kinds.

A ``Registry`` maps a name to a unit (a class or a function).  Its built-in units live in the
modules (and sub-packages) of one package, discovered, never listed by hand: a module registers its
units with ``@registry.register(name)`` or ``registry.add(name, unit)`` when it is imported.  Asked
for a name, the registry first imports the module named after it, if there is one (``--format
json-lines`` is ``json_lines.py``), and imports every module only when that does not find it or
when all units are asked for, so a run pays for the unit it uses.  Units from other installed
packages come through an entry-point group.  Whatever fails to load — a built-in module that does
not import, a plug-in that raises or is not the right kind of object — is kept in ``errors()`` with
the reason, for the caller to report; it is never swallowed.

Modules whose names start with ``_`` are helpers, not units, and are not imported by discovery.
A module whose import is expensive (jinja2, pdfplumber, python-docx) imports that dependency inside
the functions that need it, so that discovering every unit stays cheap.
"""
from __future__ import annotations

import importlib
import pkgutil
from importlib.machinery import PathFinder
from typing import Any, Callable, Generic, TypeVar

from govlint.support import i18n

T = TypeVar("T")


def why(exc: BaseException) -> str:
    """One line saying what went wrong: "ImportError: No module named 'x'"."""
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0][:200]}" if text else type(exc).__name__


class Registry(Generic[T]):
    """name → unit, built-ins discovered in ``package``, others from the entry-point ``group``."""

    def __init__(self, what: i18n.Message, package: str, group: str | None = None,
                 accept: Callable[[Any], bool] | None = None):
        self.what = what            # "check kind" / "检查类型": for messages
        self.package = package
        self.group = group
        self.accept = accept        # is an entry point's object a unit of this registry?
        self._units: dict[str, T] = {}
        self._errors: dict[str, i18n.Message] = {}
        self._broken_modules: dict[str, str] = {}   # module (relative to package) → why()
        self._builtins_loaded = False
        self._plugins_loaded = False

    # -- registering ---------------------------------------------------------------------------------
    def register(self, name: str) -> Callable[[T], T]:
        """Decorator: ``@registry.register("sarif")`` on a unit of a built-in module."""
        def decorate(unit: T) -> T:
            self._units[name] = unit
            return unit
        return decorate

    def add(self, name: str, unit: T) -> None:
        self._units[name] = unit

    # -- loading -------------------------------------------------------------------------------------
    def load_builtins(self) -> None:
        """Import every module of the package once (each registers its units; a sub-package's
        ``__init__`` imports what registers)."""
        if self._builtins_loaded:
            return
        self._builtins_loaded = True
        package = importlib.import_module(self.package)
        for module in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
            if not module.name.startswith("_"):
                self._import(module.name)

    def _import(self, module: str) -> None:
        if module in self._broken_modules:
            return
        try:
            importlib.import_module(f"{self.package}.{module}")
        except Exception as exc:  # reported by the caller, with the reason
            self._broken_modules[module] = why(exc)
            self._errors[module] = i18n.fmt("the built-in {what} module {module!r} could not be loaded: {why}",
                                            "无法加载内置{what}模块 {module!r}：{why}",
                                            what=self.what, module=module, why=why(exc))

    def _load_named(self, name: str) -> None:
        """Import the module named after ``name`` (``-`` read as ``_``), if the package has one."""
        module = name.replace("-", "_")
        if not module.isidentifier() or module.startswith("_"):
            return
        package = importlib.import_module(self.package)
        if PathFinder.find_spec(f"{self.package}.{module}", list(package.__path__)) is not None:
            self._import(module)

    def load_plugins(self) -> None:
        """Load the entry points of ``group`` once; a built-in of the same name wins."""
        if self._plugins_loaded or self.group is None:
            return
        self._plugins_loaded = True
        for point in _entry_points(self.group):
            try:
                unit = point.load()
            except (Exception, SystemExit) as exc:  # a broken plug-in must not take govlint down
                self._errors[point.name] = i18n.fmt("plug-in {name!r} ({value}) could not be loaded: {why}",
                                                    "无法加载插件 {name!r}（{value}）：{why}",
                                                    name=point.name, value=point.value, why=why(exc))
                continue
            if self.accept is not None and not self.accept(unit):
                self._errors[point.name] = i18n.fmt(
                    "plug-in {name!r} ({value}) could not be loaded: it is not a {what}",
                    "无法加载插件 {name!r}（{value}）：它不是{what}",
                    name=point.name, value=point.value, what=self.what)
                continue
            self._units.setdefault(self.name_of(point.name, unit), unit)

    def name_of(self, entry_point_name: str, unit: Any) -> str:
        """The name a plug-in's unit is registered under (subclasses may read it off the unit)."""
        return entry_point_name

    def load(self) -> None:
        self.load_builtins()
        self.load_plugins()

    # -- asking --------------------------------------------------------------------------------------
    def get(self, name: str) -> T | None:
        if name not in self._units and not self._builtins_loaded:
            self._load_named(name)
        if name not in self._units:
            self.load_builtins()
        if name not in self._units:
            self.load_plugins()
        return self._units.get(name)

    def units(self) -> dict[str, T]:
        self.load()
        return dict(sorted(self._units.items()))

    def names(self) -> list[str]:
        return list(self.units())

    def errors(self) -> dict[str, i18n.Message]:
        """What could not be loaded so far: module or plug-in name → why."""
        return dict(self._errors)

    def broken_modules(self) -> dict[str, str]:
        """The built-in modules that did not import so far: name → one-line reason."""
        return dict(self._broken_modules)


def _entry_points(group: str) -> list:
    from importlib.metadata import entry_points

    try:
        return list(entry_points(group=group))
    except TypeError:  # Python < 3.10: a dict of group → entry points
        everything: Any = entry_points()
        return list(everything.get(group, []))
