"""One way to find the units govlint is extended with: readers, output formats, check kinds.

A ``Registry`` maps a name to a unit (a class or a function).  Its built-in units are the modules
of one package, discovered (never listed by hand) and imported the first time a unit is asked
for; a module registers its units with ``@registry.register(name)``.  Units from other installed
packages come through an entry-point group.  Whatever fails to load — a built-in module that does
not import, a plug-in that raises or is not the right kind of object — is kept in ``errors`` with
the reason, for the caller to report; it is never swallowed.

Modules in the package whose names start with ``_`` are helpers, not units.  A module whose
import is expensive (jinja2, pdfplumber) imports that dependency inside the functions that need
it, so that discovering every unit stays cheap.
"""
from __future__ import annotations

import importlib
import pkgutil
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
        """Import every module of the package once (each registers its units)."""
        if self._builtins_loaded:
            return
        self._builtins_loaded = True
        package = importlib.import_module(self.package)
        for module in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
            if module.name.startswith("_"):
                continue
            try:
                importlib.import_module(f"{self.package}.{module.name}")
            except Exception as exc:  # reported by the caller, with the reason
                self._errors[module.name] = i18n.fmt(
                    "the built-in {what} module {module!r} could not be loaded: {why}",
                    "无法加载内置{what}模块 {module!r}：{why}",
                    what=self.what, module=module.name, why=why(exc))

    def load_plugins(self) -> None:
        """Load the entry points of ``group`` once; a built-in of the same name wins."""
        if self._plugins_loaded or self.group is None:
            return
        self._plugins_loaded = True
        from importlib.metadata import entry_points

        try:
            found = entry_points(group=self.group)
        except TypeError:  # Python < 3.10
            found = entry_points().get(self.group, [])  # type: ignore[attr-defined]
        for point in found:
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
